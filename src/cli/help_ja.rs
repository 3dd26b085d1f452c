//! `--help` in Japanese (`--lang ja`, or a Japanese environment): the same
//! command tree as `args.rs`, its about and help lines replaced here, by
//! command and argument id, before clap parses. What clap writes itself stays
//! English where clap offers no hook: the possible values' descriptions of
//! `-f` and `--message-format`, `[default: …]` and clap's own usage errors.
//! A test checks that every command and argument has its Japanese here.

use clap::Command;

const AFTER_HELP: &str = "\
例:
  journeymap init onboarding.yaml --locale ja   説明つきのひな形からジャーニーを始める
  journeymap check journeys/                    journeys/ の下のジャーニーファイルをすべて検証する
  journeymap build onboarding.yaml              ジャーニーファイルの隣に onboarding.html を書き出す
  journeymap build journeys/ -f md --out-dir site/
  journeymap diff old.yaml new.yaml             変更点を Markdown で表示する

終了コード: 0 成功（警告は可）、1 ジャーニーファイルにエラーがある（または `build --check` で古い出力が
見つかった）、2 使い方・入出力・テンプレートのエラー。";

/// The about line of each command, by its path (`""` for journeymap itself).
pub(super) const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "YAML で書いたカスタマージャーニーマップを HTML・Markdown・JSON・SVG・CSV に変換します",
    ),
    (
        "check",
        "ジャーニーファイルを検証して診断を表示します（何も書き出しません）",
    ),
    (
        "build",
        "ジャーニーファイルからマップを作ります（既定は HTML）",
    ),
    (
        "diff",
        "ジャーニーの 2 つの版（または現状と理想）を比べます",
    ),
    (
        "watch",
        "ジャーニーファイル・読み込んだファイル・テンプレートが変わるたびに作り直します",
    ),
    (
        "serve",
        "HTML のマップを 127.0.0.1 で公開し、変更を自動で反映します",
    ),
    (
        "init",
        "各項目の説明つきのひな形のジャーニーファイルを書き出します",
    ),
    (
        "schema",
        "ジャーニーファイルの JSON Schema を表示します（エディタの入力補完用）",
    ),
    (
        "templates",
        "組み込みテンプレートの一覧、またはテーマ作りのための書き出し",
    ),
    ("templates list", "組み込みテンプレートを一覧表示します"),
    (
        "templates eject",
        "組み込みテンプレートを DIR にコピーして、独自のテーマを始めます",
    ),
    ("completions", "シェルの補完スクリプトを表示します"),
    (
        "man",
        "man ページ（journeymap.1 とコマンドごとに 1 つ）を DIR に書き出します（パッケージ作成用）",
    ),
    ("help", "このメッセージ、またはコマンドのヘルプを表示します"),
];

/// The help line of each argument, by its id (the same id means the same in
/// every command).
pub(super) const ARGS: &[(&str, &str)] = &[
    (
        "lang",
        "メッセージの言語: en か ja（既定: $JOURNEYMAP_LANG、なければ LC_ALL / LC_MESSAGES / LANG が ja で始まれば ja、それ以外は en）",
    ),
    (
        "quiet",
        "最後のまとめの行を表示しません（診断とエラーは表示します）",
    ),
    ("allow", "リントを許可します（`warnings` ですべて）"),
    ("warn", "リントを警告にします"),
    (
        "deny",
        "リントをエラーにします。`-D warnings` ですべての警告をエラーに",
    ),
    (
        "paths",
        "ジャーニーファイル、または `*.yaml` / `*.yml` を探すフォルダ",
    ),
    ("message_format", "診断の表示形式"),
    ("formats", "出力形式。複数なら繰り返します（既定: html）"),
    (
        "output",
        "FILE に書き出します（`-` は標準出力）。ジャーニーファイルと形式が 1 つずつのときだけ",
    ),
    (
        "out_dir",
        "出力を DIR の下に、指定したフォルダの構成のまま書き出します（既定: 各ジャーニーファイルの隣）",
    ),
    (
        "templates",
        "組み込みをファイルごとに置き換えるテンプレート（`templates eject` を参照）",
    ),
    (
        "persona",
        "1 人のペルソナから見たマップを作ります（そのタッチポイントと感情）",
    ),
    (
        "paper",
        "HTML のマップを印刷する用紙（横向き。マップは 1 ページに収まるよう縮小）",
    ),
    (
        "font",
        "`-f png` で使うフォントファイル（TTF・OTF・TTC）。システムのフォントより優先します。複数なら繰り返します",
    ),
    (
        "check",
        "何も書き出さず、ディスク上の出力がないか新しいビルドと違えば終了コード 1",
    ),
    (
        "no_index",
        "フォルダをビルドするとき、ジャーニーの一覧のページ（index.html）を書き出しません",
    ),
    (
        "locale",
        "ページの言語（既定: ジャーニーの言語。ジャーニーごとに違えば英語）",
    ),
    ("port", "ポート（0: 空いている任意のポート）"),
    (
        "host",
        "待ち受けるインターフェース。指定しない限りループバックのみ",
    ),
    ("old", "古い版（または現状のマップ）"),
    ("new", "新しい版（または理想のマップ）"),
    ("format", "出力形式"),
    (
        "exit_code",
        "違いがあれば終了コード 1（`git diff --exit-code` と同じ）",
    ),
    ("path", "ジャーニーファイルを書き出す場所"),
    ("shell", "シェル"),
    ("out", "man ページを書き出すフォルダ"),
    (
        "dir",
        "作成または追加するフォルダ（既存のファイルは上書きしません）",
    ),
    ("help", "ヘルプを表示します"),
    ("version", "バージョンを表示します"),
];

/// `cmd` (journeymap's whole command tree) with its help in Japanese.
pub(super) fn japanese(mut cmd: Command) -> Command {
    // Built first, so that the arguments clap adds (`--help`, `--version`,
    // the `help` command) and the global ones exist in every command.
    cmd.build();
    localize(cmd, "").after_help(AFTER_HELP)
}

fn about(path: &str) -> Option<&'static str> {
    // clap's `help` command mirrors the tree (`help templates list`): its
    // entries say what the command they name does.
    let parts: Vec<&str> = path.split(' ').filter(|p| !p.is_empty()).collect();
    let path = if parts.last() == Some(&"help") {
        "help".to_owned()
    } else {
        parts
            .iter()
            .filter(|p| **p != "help")
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    ABOUT.iter().find(|(p, _)| *p == path).map(|(_, a)| *a)
}

fn arg_help(id: &str) -> Option<&'static str> {
    ARGS.iter().find(|(i, _)| *i == id).map(|(_, h)| *h)
}

fn localize(mut cmd: Command, path: &str) -> Command {
    if let Some(a) = about(path) {
        cmd = cmd.about(a);
    }
    let after = cmd.get_after_help().map(|h| {
        h.to_string()
            .replace("Examples:", "例:")
            .replace(
                "-> onboarding.html beside it",
                "-> ジャーニーファイルの隣に onboarding.html",
            )
            .replace("(Markdown to stdout)", "（Markdown を標準出力へ）")
            .replace("(mirrors the folder tree)", "（フォルダの構成のまま）")
            .replace(
                "(CI: are the committed outputs up to date?)",
                "（CI 向け: コミット済みの出力は最新か）",
            )
    });
    if let Some(after) = after {
        cmd = cmd.after_help(after);
    }
    cmd = cmd
        .help_template(
            "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("コマンド")
        .disable_help_flag(false);
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = a.help_heading(if positional {
                "引数"
            } else {
                "オプション"
            });
            match arg_help(&id) {
                // clap's `--help` has a long form of its own (`--help` vs `-h`).
                Some(h) if id == "help" => a.help(h).long_help("ヘルプを表示します（`-h` で要約）"),
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize(s, &sub));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and every argument of the tree has its Japanese: a new
    /// flag without one fails here.
    #[test]
    fn every_command_and_argument_has_japanese() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if about(path).is_none() {
                missing.push(format!("command `{path}`"));
            }
            for a in cmd.get_arguments() {
                if arg_help(a.get_id().as_str()).is_none() {
                    missing.push(format!("argument `{}` of `{path}`", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                let sub = if path.is_empty() {
                    s.get_name().to_owned()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &sub, missing);
            }
        }
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "no Japanese help for: {missing:?}");
    }
}
