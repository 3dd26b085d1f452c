//! What the command line says besides diagnostics: summaries, status lines of
//! `build`, `watch`, `serve`, `init` and `templates eject`, and the usage and
//! I/O errors (exit code 2), as typed data ([`Say`]) put into words per
//! language. Like the diagnostics' catalogue, each language is one exhaustive
//! `match`, so a line without its Japanese is a compile error.
//!
//! Paths, commands, flags and values stay as typed, in backticks where the
//! English has them; only the sentence around them changes.

use super::{FileProblem, Lang};

/// What `build` did to the outputs it names in its summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Checked,
    Built,
    /// `build --check`: the outputs were compared, not written.
    CheckedOutputs,
}

/// How a `watch` build ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Built {
    Ok,
    SpecErrors,
    Failed,
}

/// One thing the command line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    /// The closing line of a run: what was checked or built, and the counts.
    Summary {
        verb: Verb,
        specs: usize,
        errors: usize,
        warnings: usize,
    },
    /// The closing line of a run of one spec without errors: its file, and
    /// what was written.
    OneSpec {
        verb: Verb,
        file: String,
        /// The files written (a build), as shown.
        wrote: Vec<String>,
        warnings: usize,
    },
    /// A file of shared personas named on the command line.
    ImportOnly {
        file: String,
    },
    /// `build --check`: how many outputs are out of date.
    StaleCount {
        count: usize,
    },
    StaleOutput {
        file: String,
    },
    MissingOutput {
        file: String,
    },
    Wrote {
        file: String,
    },
    /// `init` also wrote the JSON Schema.
    WroteSchema {
        file: String,
    },
    InitNext {
        file: String,
    },
    /// `templates eject`: a file left as it was.
    Kept {
        file: String,
    },
    EjectNext {
        dir: String,
    },
    /// A `curve.html` in `--templates` that the built-in page does not include.
    CurveUnused {
        file: String,
    },
    Serving {
        journeys: usize,
        url: String,
    },
    Rebuilt {
        file: String,
        journeys: usize,
        errors: usize,
    },
    Watching {
        built: Built,
    },
    Changed {
        files: Vec<String>,
    },
    CannotWatchDir {
        dir: String,
        error: String,
    },
    /// `serve`'s page of a spec with errors: its title, its heading, what to do.
    ErrorPageTitle {
        file: String,
    },
    ErrorPageHeading {
        file: String,
    },
    ErrorPageFix,
    AllJourneys,

    // --- errors (exit code 2)
    CannotRead {
        file: String,
        problem: FileProblem,
    },
    CannotWrite {
        file: String,
        error: String,
    },
    CannotCreate {
        dir: String,
        error: String,
    },
    CannotWatch {
        error: String,
    },
    CannotListen {
        host: String,
        port: u16,
        error: String,
    },
    NoSpecInFolder {
        dir: String,
    },
    InitExists {
        file: String,
    },
    TemplatesNotAFolder {
        dir: String,
    },
    OneOutput,
    WatchWritesFiles,
    SameOutput {
        first: String,
        second: String,
        output: String,
    },
    IndexClash {
        spec: String,
        page: String,
    },
    DiffImportOnly {
        file: String,
    },
    NotAPersona {
        id: String,
        journey: String,
        closest: Option<String>,
        ids: Vec<String>,
    },
    UnknownLint {
        name: String,
        closest: Option<String>,
        lints: Vec<String>,
    },
    /// `--lang xx`, or an unknown `JOURNEYMAP_LANG` (`env`).
    UnknownLang {
        value: String,
        env: bool,
    },

    // --- mdbook-journeymap (the mdBook preprocessor)
    /// How to run it (any arguments but `supports RENDERER`).
    MdbookUsage {
        mdbook: &'static str,
    },
    /// mdBook's input is not the `[context, book]` it sends.
    MdbookBadInput {
        error: String,
        mdbook: &'static str,
    },
    /// `{{#journeymap}}` without a path.
    MdbookNoPath,
    /// `{{#journeymap a.yaml b}}`: more than the path.
    MdbookExtra {
        word: String,
    },
    /// The file named holds only personas and channels.
    MdbookNotAJourney {
        file: String,
    },
    /// A map that could not be written (a template's error).
    MdbookCannotRender {
        file: String,
        error: String,
    },
    /// `-f png`: no loaded font has these characters (`sample`: a few of them).
    NoFont {
        scripts: Vec<Script>,
        sample: String,
    },
    /// `--font FILE` cannot be read, or is no font.
    CannotLoadFont {
        file: String,
        error: String,
    },
}

/// A kind of text that no installed font covers (`-f png`): what the
/// message calls it and the Debian package that brings a font for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Japanese,
    Chinese,
    Korean,
    Emoji,
    Latin,
    Symbols,
    Other,
}

impl Script {
    /// The Debian (and Ubuntu) package with a font for this script.
    #[must_use]
    pub fn package(self) -> &'static str {
        match self {
            Script::Japanese | Script::Chinese | Script::Korean => "fonts-noto-cjk",
            Script::Emoji => "fonts-noto-color-emoji",
            Script::Latin | Script::Symbols => "fonts-dejavu-core",
            Script::Other => "fonts-noto-core",
        }
    }

    /// The packages for `scripts`, each once, in order.
    fn packages(scripts: &[Script]) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for s in scripts {
            if !out.contains(&s.package()) {
                out.push(s.package());
            }
        }
        out
    }
}

/// `a`, `a and b`, `a, b and c`, with the language's comma and `and`.
fn listed(items: &[String], comma: &str, and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(comma)),
    }
}

/// Choosing the language.
impl Lang {
    /// Every language, by the name `--lang` and `JOURNEYMAP_LANG` take.
    pub const ALL: [(&'static str, Lang); 2] = [("en", Lang::En), ("ja", Lang::Ja)];

    /// The language named `name` (`en`, `ja`).
    #[must_use]
    pub fn parse(name: &str) -> Option<Lang> {
        Lang::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(_, l)| *l)
    }

    /// The name `--lang` takes for this language (and its `<html lang>`).
    #[must_use]
    pub fn name(self) -> &'static str {
        Lang::ALL
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("en", |(n, _)| n)
    }

    /// The names `--lang` takes, for a message: `` `en`, `ja` ``.
    #[must_use]
    pub fn names() -> String {
        quoted_names(Lang::ALL.iter().map(|(n, _)| *n))
    }

    /// The language of the messages from the environment (`var` reads a
    /// variable): `JOURNEYMAP_LANG` when set (an unknown value is an error,
    /// returned as the value), else the POSIX locale of messages (the first
    /// non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`): Japanese when it starts
    /// with `ja`, English otherwise (`de_DE`, `C`, unset).
    ///
    /// # Errors
    ///
    /// `JOURNEYMAP_LANG` names no language: its value.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Lang, String> {
        if let Some(v) = var("JOURNEYMAP_LANG").filter(|v| !v.trim().is_empty()) {
            return Lang::parse(&v).ok_or(v);
        }
        let posix = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| var(k).filter(|v| !v.is_empty()));
        Ok(match posix {
            Some(v) if v.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        })
    }
}

fn quoted_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Lang {
    /// `s` in this language.
    #[must_use]
    pub fn say(self, s: &Say) -> String {
        match self {
            Lang::En => en(s),
            Lang::Ja => ja(s),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn en(s: &Say) -> String {
    match s {
        Say::Summary {
            verb,
            specs,
            errors,
            warnings,
        } => {
            let verb = match verb {
                Verb::Checked => "checked",
                Verb::Built => "built",
                Verb::CheckedOutputs => "checked outputs of",
            };
            format!(
                "{verb} {}: {}, {}",
                plural(*specs, "spec"),
                plural(*errors, "error"),
                plural(*warnings, "warning")
            )
        }
        Say::OneSpec {
            verb,
            file,
            wrote,
            warnings,
        } => {
            let warnings = match warnings {
                0 => String::new(),
                n => format!(" ({})", plural(*n, "warning")),
            };
            match verb {
                Verb::Checked => format!("checked `{file}`: ok{warnings}"),
                Verb::CheckedOutputs => {
                    format!("checked the outputs of `{file}`: up to date{warnings}")
                }
                Verb::Built => format!("built `{file}` → {}{warnings}", wrote.join(", ")),
            }
        }
        Say::ImportOnly { file } => format!(
            "note: `{file}` holds only personas and channels for `imports:`; it is checked, not built"
        ),
        Say::StaleCount { count } => {
            format!("{count} output(s) are out of date: run `journeymap build` and commit them")
        }
        Say::StaleOutput { file } => {
            format!("stale: `{file}` differs from what `journeymap build` writes")
        }
        Say::MissingOutput { file } => format!("missing: `{file}`"),
        Say::Wrote { file } => format!("wrote {file}"),
        Say::WroteSchema { file } => {
            format!("wrote {file} (editor completion through the modeline on line 1)")
        }
        Say::InitNext { file } => {
            format!("next: journeymap check {file} && journeymap build {file}")
        }
        Say::Kept { file } => format!("kept {file} (already exists)"),
        Say::EjectNext { dir } => {
            format!("edit them, then: journeymap build SPEC --templates {dir}")
        }
        Say::CurveUnused { file } => format!(
            "warning: `{file}` is not used: the built-in journey.html draws the curve itself \
             (see docs/templates.md); include it from your own journey.html"
        ),
        Say::Serving { journeys, url } => {
            format!("serving {journeys} journey(s) at {url} (Ctrl-C to stop)")
        }
        Say::Rebuilt {
            file,
            journeys,
            errors,
        } => format!("rebuilt after a change to {file} ({journeys} journey(s), {errors} error(s))"),
        Say::Watching { built } => {
            let state = match built {
                Built::Ok => "built",
                Built::SpecErrors => "the specs have errors",
                Built::Failed => "the build failed",
            };
            format!("{state}; watching for changes (Ctrl-C to stop)")
        }
        Say::Changed { files } => format!("changed: {}", files.join(", ")),
        Say::CannotWatchDir { dir, error } => {
            format!("warning: cannot watch `{dir}`: {error}")
        }
        Say::ErrorPageTitle { file } => format!("{file} — errors"),
        Say::ErrorPageHeading { file } => format!("{file} has errors"),
        Say::ErrorPageFix => "Fix them and save: this page reloads by itself.".to_owned(),
        Say::AllJourneys => "All journeys".to_owned(),
        Say::CannotRead { file, problem } => {
            format!("cannot read `{file}`: {}", Lang::En.file_problem(problem))
        }
        Say::CannotWrite { file, error } => format!("cannot write `{file}`: {error}"),
        Say::CannotCreate { dir, error } => format!("cannot create `{dir}`: {error}"),
        Say::CannotWatch { error } => format!("cannot watch files: {error}"),
        Say::CannotListen { host, port, error } => format!(
            "cannot listen on {host}:{port}: {error} (try another `--port`, or `--port 0` for any free port)"
        ),
        Say::NoSpecInFolder { dir } => {
            format!("no spec found in `{dir}` (looked for *.yaml and *.yml files)")
        }
        Say::InitExists { file } => format!(
            "`{file}` already exists; journeymap init never overwrites a file (give another path)"
        ),
        Say::TemplatesNotAFolder { dir } => format!("--templates `{dir}` is not a folder"),
        Say::OneOutput => {
            "`-o` writes one file: give one spec and one format (or use --out-dir)".to_owned()
        }
        Say::WatchWritesFiles => "`watch` writes files: drop `--check` and `-o -`".to_owned(),
        Say::SameOutput {
            first,
            second,
            output,
        } => format!(
            "`{first}` and `{second}` would both be built into `{output}`: rename one of them"
        ),
        Say::IndexClash { spec, page } => format!(
            "`{spec}` would be built into `{page}`, where the portfolio page goes: rename the spec, or build with --no-index"
        ),
        Say::DiffImportOnly { file } => format!(
            "`{file}` holds only personas and channels (a file for `imports:`), not a journey to compare"
        ),
        Say::NotAPersona {
            id,
            journey,
            closest,
            ids,
        } => {
            let hint = match closest {
                Some(c) => Lang::En.did_you_mean(c),
                None => format!("the personas are {}", ids.join(", ")),
            };
            format!("--persona: `{id}` is not a persona of `{journey}` ({hint})")
        }
        Say::UnknownLint {
            name,
            closest,
            lints,
        } => {
            let help = match closest {
                Some(c) => Lang::En.did_you_mean(c),
                None => format!("the lints are: {}", lints.join(", ")),
            };
            format!("unknown lint `{name}`\n  = help: {help}")
        }
        Say::MdbookUsage { mdbook } => format!(
            "mdbook-journeymap is an mdBook preprocessor (tested with mdBook {mdbook}): \
             add `[preprocessor.journeymap]` to book.toml and run `mdbook build`\n  \
             usage: mdbook-journeymap supports RENDERER | mdbook-journeymap < [context, book] JSON"
        ),
        Say::MdbookBadInput { error, mdbook } => format!(
            "cannot read the book mdBook sent: {error} (mdbook-journeymap speaks the protocol of mdBook {mdbook})"
        ),
        Say::MdbookNoPath => {
            "`{{#journeymap}}` needs the path of a spec: `{{#journeymap path/to/spec.yaml}}`, relative to the chapter".to_owned()
        }
        Say::MdbookExtra { word } => format!(
            "unexpected `{word}` after the spec's path: `{{{{#journeymap path/to/spec.yaml}}}}` takes one path (without spaces)"
        ),
        Say::MdbookNotAJourney { file } => format!(
            "`{file}` holds only personas and channels (a file for `imports:`), not a journey to draw"
        ),
        Say::MdbookCannotRender { file, error } => {
            format!("cannot draw the map of `{file}`: {error}")
        }
        Say::UnknownLang { value, env } => {
            let place = if *env {
                "in JOURNEYMAP_LANG"
            } else {
                "for `--lang`"
            };
            format!(
                "unknown language `{value}` {place}: use one of {}",
                Lang::names()
            )
        }
        Say::NoFont { scripts, sample } => {
            let what: Vec<String> = scripts
                .iter()
                .map(|s| {
                    match s {
                        Script::Japanese => "Japanese text",
                        Script::Chinese => "Chinese text",
                        Script::Korean => "Korean text",
                        Script::Emoji => "emoji",
                        Script::Latin => "Latin text",
                        Script::Symbols => "symbols",
                        Script::Other => "text in some scripts",
                    }
                    .to_owned()
                })
                .collect();
            let packages: Vec<String> = Script::packages(scripts)
                .into_iter()
                .map(str::to_owned)
                .collect();
            format!(
                "no installed font covers {} (`{sample}`): install {}, or give --font FILE",
                listed(&what, ", ", " and "),
                listed(&packages, ", ", " and ")
            )
        }
        Say::CannotLoadFont { file, error } => format!("cannot load font `{file}`: {error}"),
    }
}

fn ja(s: &Say) -> String {
    match s {
        Say::Summary {
            verb,
            specs,
            errors,
            warnings,
        } => {
            let verb = match verb {
                Verb::Checked => "をチェックしました",
                Verb::Built => "をビルドしました",
                Verb::CheckedOutputs => "の出力を照合しました",
            };
            format!("ジャーニーファイル {specs} 件{verb}：エラー {errors} 件、警告 {warnings} 件")
        }
        Say::OneSpec {
            verb,
            file,
            wrote,
            warnings,
        } => {
            let warnings = match warnings {
                0 => String::new(),
                n => format!("（警告 {n} 件）"),
            };
            match verb {
                Verb::Checked => format!("`{file}` をチェックしました：エラーはありません{warnings}"),
                Verb::CheckedOutputs => {
                    format!("`{file}` の出力を照合しました：最新です{warnings}")
                }
                Verb::Built => format!(
                    "`{file}` をビルドしました → {}{warnings}",
                    wrote.join("、")
                ),
            }
        }
        Say::ImportOnly { file } => format!(
            "note: `{file}` は `imports:` 用のペルソナとチャネルだけのファイルです（チェックはしますが、ビルドはしません）"
        ),
        Say::StaleCount { count } => format!(
            "{count} 件の出力が古くなっています：`journeymap build` を実行してコミットしてください"
        ),
        Say::StaleOutput { file } => {
            format!("古い出力：`{file}` が `journeymap build` の出力と違います")
        }
        Say::MissingOutput { file } => format!("出力がありません：`{file}`"),
        Say::Wrote { file } => format!("{file} を書き出しました"),
        Say::WroteSchema { file } => format!(
            "{file} を書き出しました（ひな形の1行目でこのスキーマを指定しているので、エディタで入力補完が使えます）"
        ),
        Say::InitNext { file } => {
            format!("次に実行するコマンド：journeymap check {file} && journeymap build {file}")
        }
        Say::Kept { file } => format!("{file} はそのままにしました（すでにあります）"),
        Say::EjectNext { dir } => format!(
            "テンプレートを編集したら、次のようにビルドします：journeymap build SPEC --templates {dir}"
        ),
        Say::CurveUnused { file } => format!(
            "warning: `{file}` は使われません：組み込みの journey.html は感情曲線を自前で描きます\
             （docs/templates.md を参照）。使う場合は、自作の journey.html から読み込んでください"
        ),
        Say::Serving { journeys, url } => format!(
            "ジャーニー {journeys} 件を {url} で配信しています（Ctrl-C で終了）"
        ),
        Say::Rebuilt {
            file,
            journeys,
            errors,
        } => format!(
            "{file} の変更を受けて再ビルドしました（ジャーニー {journeys} 件、エラー {errors} 件）"
        ),
        Say::Watching { built } => {
            let state = match built {
                Built::Ok => "ビルドしました",
                Built::SpecErrors => "ジャーニーファイルにエラーがあります",
                Built::Failed => "ビルドに失敗しました",
            };
            format!("{state}。変更を監視しています（Ctrl-C で終了）")
        }
        Say::Changed { files } => format!("変更されたファイル：{}", files.join("、")),
        Say::CannotWatchDir { dir, error } => {
            format!("warning: `{dir}` を監視できません：{error}")
        }
        Say::ErrorPageTitle { file } => format!("{file} — エラー"),
        Say::ErrorPageHeading { file } => format!("{file} にエラーがあります"),
        Say::ErrorPageFix => {
            "直して保存すると、このページは自動で読み込み直されます。".to_owned()
        }
        Say::AllJourneys => "ジャーニーの一覧".to_owned(),
        Say::CannotRead { file, problem } => {
            format!("`{file}` を読み込めません：{}", Lang::Ja.file_problem(problem))
        }
        Say::CannotWrite { file, error } => format!("`{file}` に書き込めません：{error}"),
        Say::CannotCreate { dir, error } => format!("`{dir}` を作成できません：{error}"),
        Say::CannotWatch { error } => format!("ファイルを監視できません：{error}"),
        Say::CannotListen { host, port, error } => format!(
            "{host}:{port} で待ち受けできません：{error}（別の `--port` を指定するか、`--port 0` で空いているポートを使ってください）"
        ),
        Say::NoSpecInFolder { dir } => format!(
            "`{dir}` にジャーニーファイルがありません（*.yaml と *.yml のファイルを探しました）"
        ),
        Say::InitExists { file } => format!(
            "`{file}` はすでにあります。journeymap init はファイルを上書きしません（別のパスを指定してください）"
        ),
        Say::TemplatesNotAFolder { dir } => {
            format!("--templates に指定した `{dir}` はフォルダではありません")
        }
        Say::OneOutput => "`-o` で書き出せるのは1つのファイルだけです：ジャーニーファイルと形式（`-f`）を1つずつ指定するか、--out-dir を使ってください".to_owned(),
        Say::WatchWritesFiles => {
            "`watch` はファイルを書き出すコマンドです：`--check` と `-o -` は付けないでください".to_owned()
        }
        Say::SameOutput {
            first,
            second,
            output,
        } => format!(
            "`{first}` と `{second}` がどちらも `{output}` に書き出されます：どちらかの名前を変えてください"
        ),
        Say::IndexClash { spec, page } => format!(
            "`{spec}` の出力先 `{page}` が、ジャーニーの一覧ページの出力先と重なります：ジャーニーファイルの名前を変えるか、--no-index を付けてビルドしてください"
        ),
        Say::DiffImportOnly { file } => format!(
            "`{file}` はペルソナとチャネルだけのファイル（`imports:` 用）で、比較できるジャーニーではありません"
        ),
        Say::NotAPersona {
            id,
            journey,
            closest,
            ids,
        } => {
            let hint = match closest {
                Some(c) => Lang::Ja.did_you_mean(c),
                None => format!("ペルソナは {} です", ids.join("、")),
            };
            format!("--persona：`{id}` は `{journey}` のペルソナではありません（{hint}）")
        }
        Say::UnknownLint {
            name,
            closest,
            lints,
        } => {
            let help = match closest {
                Some(c) => Lang::Ja.did_you_mean(c),
                None => format!("使えるリントは次のとおりです：{}", lints.join("、")),
            };
            format!("リント `{name}` はありません\n  = help: {help}")
        }
        Say::MdbookUsage { mdbook } => format!(
            "mdbook-journeymap は mdBook のプリプロセッサです（mdBook {mdbook} で検証）：\
             book.toml に `[preprocessor.journeymap]` を加えて `mdbook build` を実行してください\n  \
             使い方：mdbook-journeymap supports RENDERER | mdbook-journeymap < [context, book] の JSON"
        ),
        Say::MdbookBadInput { error, mdbook } => format!(
            "mdBook から渡されたブックを読み込めません：{error}（mdbook-journeymap は mdBook {mdbook} のプロトコルで動きます）"
        ),
        Say::MdbookNoPath => {
            "`{{#journeymap}}` には仕様のパスが必要です：`{{#journeymap path/to/spec.yaml}}`（章のファイルからの相対パス）".to_owned()
        }
        Say::MdbookExtra { word } => format!(
            "仕様のパスのあとに余分な `{word}` があります：`{{{{#journeymap path/to/spec.yaml}}}}` にはパスを 1 つだけ（空白なしで）書きます"
        ),
        Say::MdbookNotAJourney { file } => format!(
            "`{file}` はペルソナとチャネルだけのファイル（`imports:` 用）で、マップにできるジャーニーではありません"
        ),
        Say::MdbookCannotRender { file, error } => {
            format!("`{file}` のマップを描けません：{error}")
        }
        Say::UnknownLang { value, env } => {
            let place = if *env {
                "JOURNEYMAP_LANG"
            } else {
                "`--lang`"
            };
            let names: Vec<String> = Lang::ALL.iter().map(|(n, _)| format!("`{n}`")).collect();
            format!(
                "{place} に指定された言語 `{value}` には対応していません：{} のいずれかを指定してください",
                names.join("、")
            )
        }
        Say::NoFont { scripts, sample } => {
            let what: Vec<String> = scripts
                .iter()
                .map(|s| {
                    match s {
                        Script::Japanese => "日本語",
                        Script::Chinese => "中国語",
                        Script::Korean => "韓国語",
                        Script::Emoji => "絵文字",
                        Script::Latin => "ラテン文字",
                        Script::Symbols => "記号",
                        Script::Other => "一部の文字",
                    }
                    .to_owned()
                })
                .collect();
            let packages: Vec<String> = Script::packages(scripts)
                .into_iter()
                .map(str::to_owned)
                .collect();
            format!(
                "{}（`{sample}`）を表示できるフォントがインストールされていません：{} をインストールするか、--font FILE を指定してください",
                listed(&what, "、", "と"),
                listed(&packages, "、", " と ")
            )
        }
        Say::CannotLoadFont { file, error } => {
            format!("フォント `{file}` を読み込めません：{error}")
        }
    }
}
