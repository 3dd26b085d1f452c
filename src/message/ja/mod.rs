//! Every word journeymap's diagnostics say, in Japanese (`--lang ja`).
//!
//! The same facts as `en.rs`, in natural Japanese for readers who are not
//! programmers: short and polite, no final 。 in a headline, full sentences
//! ending in 。 in helps. User identifiers, keys, values and commands stay in
//! backticks, with a space on each side; numbers from the facts get spaces
//! too. The nouns are the map's own (`locale/ja.rs`): ペルソナ, ステージ,
//! タッチポイント, ペインポイント, 改善機会, 感情, 指標, チャネル.

use super::{
    Catalogue, ChannelHint, Encoding, Example, Expected, FileProblem, Found, IdKind, IdProblem,
    KeyHint, Limited, LintFinding, NeedsRegistry, NoteLabel, NumberHint, Object, Problem, Subject,
    Suggestion, TableProblem, Texts, VersionFound, Why, YamlHint,
};

pub(super) struct Ja;

mod measured;

impl Catalogue for Ja {
    // A table: one arm per kind of error, grouped as in `Problem`.
    fn problem(&self, p: &Problem) -> Texts {
        match p {
            // --- The file and its YAML
            Problem::NotText { nul: true } => Texts::new("ファイルに NUL バイトが含まれています")
                .label("ここ")
                .help("journeymap が読み込めるのは YAML のテキストファイルです。画像などのバイナリファイルを指定していませんか？"),
            Problem::NotText { nul: false } => Texts::new("ファイルの文字コードが UTF-8 ではありません")
                .label("ここ")
                .help("ファイルを UTF-8 で保存し直してください（journeymap が読み込めるのは UTF-8 の YAML だけです。BOM はあってもなくてもかまいません）。"),
            Problem::TooLarge { bytes, limit } => Texts::new(self.file_problem(
                &FileProblem::TooLarge { bytes: *bytes, limit: *limit },
            ))
            .help("ジャーニーを複数のファイルに分けるか、長いテキストをファイルの外に移してください。"),
            Problem::Unreadable { reason } => Texts::new(format!("ファイルを読み込めません：{reason}")),
            Problem::DuplicateKey { key, .. } => Texts::new(key.as_ref().map_or_else(
                || "同じキーが2回あります".to_owned(),
                |k| format!("キー `{k}` が2回あります"),
            ))
            .label("2回目はここ")
            .help("1つのマッピングに同じキーは1回しか書けません。どちらかを削除するか、名前を変えてください。"),
            Problem::YamlTooLarge => Texts::new(
                "YAML が大きすぎるか、展開すると大きくなりすぎます（読み込みの上限に達しました）",
            )
            .label("ここ")
            .help("ジャーニーファイルの入れ子は、ふつう数段までです。入れ子が深くなりすぎていないか、アンカーとエイリアス（`&`、`*`）が際限なく展開されていないか確認してください。"),
            Problem::YamlTooDeep { parser, levels } => {
                Texts::new(match levels {
                    Some(n) => format!("YAML の入れ子が深すぎます（リストとマッピングが {n} 段を超えています）"),
                    None => format!("YAML の入れ子が深すぎます（{parser}）"),
                })
                    .label("ここ")
                    .help(if levels.is_some() {
                        "ジャーニーファイルの入れ子は、ふつう数段までです。インデントが段々深くなり続けていないか、エイリアス（`*`）を深い入れ子の中で使っていないか確認してください。"
                    } else {
                        "ジャーニーファイルの入れ子は、ふつう数段までです。閉じていない括弧がないか確認してください。"
                    })
            }
            Problem::YamlSyntax { parser, hint } => {
                Texts::new(format!("YAML の書き方に誤りがあります（{parser}）"))
                    .label("ここ")
                    .help(yaml_hint(hint))
            }
            Problem::UnclosedQuote { quote } => Texts::new(format!(
                "YAML の書き方に誤りがあります：引用符で始めたテキストが閉じられていません（閉じる `{quote}` がありません）"
            ))
            .label("ここで始まっています")
            .help(format!(
                "同じ行の終わりに `{quote}` を書いて閉じてください。複数行のテキストは `|` の後の行に書きます。"
            )),

            // --- Structure
            Problem::TooManyErrors { more, max } => Texts::new(format!(
                "ほかに{more}件のエラーがあります（一度に表示するのは{max}件までです）"
            ))
            .label("次のエラーはここです")
            .help("まず上のエラーを直してください。インデントやキーの綴りなど、1つの間違いから多くのエラーが出ることがよくあります。"),
            Problem::WrongType { key, expected, found } => {
                // An item of a list of texts: the words speak of the item.
                let what = if matches!(expected, Expected::TextList) {
                    format!("{} の項目", subject(key))
                } else {
                    subject(key)
                };
                let expected_text = expected_text(expected);
                Texts::new(format!(
                    "{}（{}になっています）",
                    join(&what, &join("には", &join(expected_text, "が必要です"))),
                    found_text(*found)
                ))
                .label(join(expected_text, "が必要です"))
                .help_opt(wrong_type_help(subject_key(key), expected))
            }
            Problem::NotAMapping { object: o, found } => Texts::new(format!(
                "{} `キー: 値` の行（マッピング）で書く必要があります（{}になっています）",
                join(object(*o), "は"),
                found_text(*found)
            ))
            .label("マッピングが必要です"),
            Problem::KeyNotText { object: o } => {
                Texts::new(format!("{}テキストにする必要があります", join(object(*o), "のキーは")))
                    .label("テキストのキーではありません")
            }
            Problem::CommaSplitKey { before, key } => Texts::new(format!(
                "`{before},{key}` のカンマでテキストが切れ、`{key}` が別のキーとして読まれています"
            ))
            .label("`{…}` の中の `,` は値の終わりになります")
            .help(format!(
                "`\"{before},{key}\"` のように引用符で囲むと、1つのテキストになります（数字をカンマなしで書いてもかまいません）。"
            )),
            Problem::UnknownKey { key, object: o, hint } => {
                Texts::new(format!("{}不明なキー `{key}` があります", join(object(*o), "に")))
                    .label("不明なキー")
                    .help(self.key_hint(key, *o, hint))
            }
            Problem::MissingKey { object: o, key, example: e } => {
                Texts::new(format!("{} `{key}` がありません", join(object(*o), "に")))
                    .label(format!("ここに `{key}` が必要です"))
                    .help(format!("`{key}: {}` を追加してください。", example(*e)))
            }
            Problem::EmptyText { object: o, key, example: e } => {
                Texts::new(format!("{} `{key}` が空です", join(object(*o), "の")))
                    .label("値が必要です")
                    .help(format!("値を書いてください（例: `{key}: {}`）。", example(*e)))
            }
            Problem::InvalidChoice { value, key, choices, suggestion } => {
                Texts::new(format!("`{value}` は `{key}` に使える値ではありません"))
                    .label(format!("{} のいずれか", choices.join(" | ")))
                    .help(suggestion.map_or_else(
                        || format!("{} のいずれかを使ってください。", quoted(choices.iter().copied())),
                        |s| self.did_you_mean(s),
                    ))
            }
            Problem::InvalidLintLevel { level, suggestion } => {
                Texts::new(format!("`{level}` はリントのレベルではありません"))
                    .label("allow | warn | deny のいずれか")
                    .help(suggestion.map_or_else(
                        || "`allow`、`warn`、`deny` のいずれかを使ってください。".to_owned(),
                        |s| self.did_you_mean(s),
                    ))
            }
            Problem::InvalidId { id, of, problem } => {
                Texts::new(format!("{}ID `{id}` は使えません", join(object((*of).into()), "の")))
                    .label(id_problem(*problem))
                    .help("IDは、文字・数字・`-`・`_` だけを使って1〜64文字で書きます（日本語の文字も使えます。例: `misaki`、`free-trial`）。")
            }
            Problem::TooManyInSpec { what, limit } => {
                let (what, unit) = (limited(*what), counter(*what));
                Texts::new(format!("{what}が多すぎます（1つのファイルに書けるのは{limit}{unit}までです）"))
                    .label(format!("ここから先の{what}は読み込みません"))
                    .help("ジャーニーを複数のファイルに分けてください（例: ジャーニーの区切りごとに1つ）。")
            }
            Problem::EmptySpec => Texts::new("ジャーニーファイルが空です")
                .label("`journeymap: 1`、`title`、`personas`、`stages` が必要です")
                .help("`journeymap init` で作ったひな形から始めるか、docs/ja/format.md（フォーマットのリファレンス）を参照してください。"),
            Problem::NoStages => Texts::new("ジャーニーファイルに `stages` がありません")
                .label("`stages` は必須です")
                .help("`stages:` を追加して、`- {id: awareness, name: ステージの名前}` のようにステージを1つ以上書いてください。"),
            Problem::NoVersion => Texts::new("ジャーニーファイルに形式のバージョン `journeymap` がありません")
                .label("`journeymap: 1` が必要です")
                .help("1行目に `journeymap: 1` を追加してください。"),
            Problem::UnsupportedVersion { found, supported } => {
                let headline = match found {
                    VersionFound::Written(t) => format!("形式のバージョン `{t}` には対応していません"),
                    VersionFound::Kind(k) => format!(
                        "形式のバージョン `journeymap` が{}になっています",
                        found_text(*k)
                    ),
                };
                Texts::new(headline)
                    .label(format!("この journeymap が対応しているのはバージョン {supported} です"))
                    .help(format!("`journeymap: {supported}` と書いてください。"))
            }
            Problem::MissingScaleEnd { key } => Texts::new(format!("`scale` に `{key}` がありません"))
                .label(format!("`{key}` は必須です"))
                .help("両端を書いてください（例: `scale: {min: -2, max: 2}`）。"),

            // --- Ids, references and values
            Problem::TooManyPersonas { limit } => Texts::new(format!(
                "ペルソナが多すぎます（1つのジャーニーに入れられるのは、読み込んだものも含めて{limit}人までです）"
            ))
            .label("ここから先のペルソナは読み込みません")
            .help("ジャーニーを複数のファイルに分けてください（例: セグメントごとに1つ）。"),
            Problem::TooManyChannels { limit } => Texts::new(format!(
                "チャネルが多すぎます（1つのジャーニーに入れられるのは、読み込んだものも含めて{limit}個までです）"
            ))
            .label("ここから先のチャネルは読み込みません")
            .help("タッチポイントを、もっと少ないチャネルにまとめてください。チャネルは接点の種類（Web、メール、店舗など）で、1つ1つのページではありません。"),
            Problem::TooManyPairs { limit, personas } => Texts::new(format!(
                "ペルソナとタッチポイントの組み合わせが多すぎます（1つのジャーニーで{limit}組までです）"
            ))
            .label(format!("このタッチポイントで上限を超えます（各タッチポイントにペルソナ{personas}人）"))
            .help("各タッチポイントには関わるペルソナだけを書くか（`personas: [...]`）、ジャーニーを複数のファイルに分けてください。"),
            Problem::DuplicateId { of, id } => {
                let of = id_kind(*of);
                Texts::new(format!("{of}のID `{id}` が重複しています"))
                    .label("ここでもう一度定義されています")
                    .help(format!("{of}のIDは重複できません。どちらかのIDを変えてください。"))
            }
            Problem::EmptyStages => Texts::new("ジャーニーにステージがありません")
                .label("ステージが1つ以上必要です")
                .help("`- {id: awareness, name: ステージの名前}` のようにステージを追加してください。"),
            Problem::NoPersonas => Texts::new("ジャーニーにペルソナがいません")
                .label("ペルソナが1人以上必要です")
                .help("`personas:` を追加して `- {id: persona-1, name: ペルソナの名前}` のように1人以上書くか、`imports:` で読み込んでください。"),
            Problem::InvalidScale { min, max } => Texts::new(format!(
                "`scale` の min（{min}）は max（{max}）より小さくする必要があります"
            ))
            .label("min が max 以上になっています")
            .help("`scale: {min: -2, max: 2}` や `scale: {min: 1, max: 5}` のように、min を max より小さくしてください。"),
            Problem::UnknownChannel { id, hint } => {
                Texts::new(format!("チャネル `{id}` は定義されていません"))
                    .label("チャネルのIDではありません")
                    .help(match hint {
                        ChannelHint::Closest(c) => self.did_you_mean(c),
                        ChannelHint::NameOf { name, id } => {
                            format!("`{name}` はチャネル `{id}` の名前です。IDの `{id}` を使ってください。")
                        }
                        ChannelHint::Known(ids) if ids.is_empty() => format!(
                            "チャネルがまだ定義されていません。新しいチャネルなら `channels:` に `{id}` を追加してください。"
                        ),
                        ChannelHint::Known(ids) => format!(
                            "定義されているチャネルは {} です。新しいチャネルなら `channels:` に `{id}` を追加してください。",
                            quoted(ids.iter().map(String::as_str))
                        ),
                    })
            }
            Problem::UnknownPersona { id, hint } => {
                Texts::new(format!("ペルソナ `{id}` は定義されていません"))
                    .label("ペルソナのIDではありません")
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            "ペルソナがまだ定義されていません。".to_owned()
                        } else {
                            format!("定義されているペルソナは {ids} です。")
                        }
                    }))
            }
            Problem::EmotionPersonaNotOnTouchpoint { persona } => {
                Texts::new(format!("ペルソナ `{persona}` はこのタッチポイントの対象ではありません"))
                    .label("タッチポイントの `personas` に含まれていません")
                    .help(format!(
                        "タッチポイントの `personas` に `{persona}` を追加するか、このペルソナの感情を削除してください。"
                    ))
            }
            Problem::EmotionOutOfScale { value, min, max } => {
                Texts::new(format!("感情 {value} が感情スケール {min}〜{max} の範囲外です"))
                    .label(format!("{min}〜{max} の数値が必要です"))
                    .help(format!(
                        "{min}（とてもネガティブ）から {max}（とてもポジティブ）までの値にするか、`scale` を変えてください。"
                    ))
            }
            Problem::UnknownStage { id, hint } => {
                Texts::new(format!("`loop_to` のステージ `{id}` は定義されていません"))
                    .label("ステージのIDではありません")
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            "戻り先のステージに `id` を付けて、ここにそのIDを書いてください。".to_owned()
                        } else {
                            format!("ステージのIDは {ids} です。")
                        }
                    }))
            }
            Problem::UnknownLint { name, hint } => Texts::new(format!("リント `{name}` はありません"))
                .label("リントの名前ではありません")
                .help(self.suggestion(hint, |ids| format!("使えるリントは {ids} です。"))),

            // --- Imports
            Problem::ImportCycle { chain } => {
                Texts::new(format!("`imports` の読み込みが循環しています：{}", chain.join(" → ")))
                    .label("このファイルを読み込んでいるファイルを、逆に読み込んでいます")
                    .help("ファイル同士で読み込み合うことはできません。共有するペルソナとチャネルは1つのファイルにまとめてください。")
            }
            Problem::ImportFailed { import, reason, looked_for } => Texts::new(format!(
                "`{import}` を読み込めません：{}",
                self.file_problem(reason)
            ))
            .label(format!("{looked_for} を探しました"))
            .help("`imports` のパスは、読み込む側のファイルがあるフォルダを起点にして書きます。"),
            _ => self.data_problem(p),
        }
    }

    fn finding(&self, f: &LintFinding) -> Texts {
        match f {
            LintFinding::NegativeWithoutOpportunity { touchpoint, low } => Texts::new(format!(
                "タッチポイント `{touchpoint}` は感情がネガティブ（{low}）ですが、改善機会がありません"
            ))
            .label("改善の予定がないネガティブな瞬間")
            .help("タッチポイントかそのステージに `opportunities:` を追加してください。この瞬間をどうすればよくできるでしょうか？"),
            LintFinding::EmptyStage { stage } => {
                Texts::new(format!("ステージ `{stage}` にタッチポイントがありません"))
                    .label("空のステージ")
                    .help("ステージに `touchpoints:` を追加するか、ステージを削除してください。")
            }
            LintFinding::UnusedPersona { id } => {
                Texts::new(format!("ペルソナ `{id}` はどのタッチポイントにも登場しません"))
                    .label("使われていないペルソナ")
                    .help("タッチポイントの `personas` に追加するか、ペルソナを削除してください。")
            }
            LintFinding::UnusedChannel { id } => {
                Texts::new(format!("チャネル `{id}` はどのタッチポイントでも使われていません"))
                    .label("使われていないチャネル")
                    .help("タッチポイントの `channel` に使うか、チャネルを削除してください。")
            }
            LintFinding::MissingEmotion { touchpoint, stage, min, max } => Texts::new(format!(
                "タッチポイント `{touchpoint}` に感情がありません（ステージ `{stage}` のほかのタッチポイントにはあります）"
            ))
            .label("感情曲線が途切れています")
            .help(format!("`emotion:` を追加してください（{min}〜{max} の数値）。")),
            LintFinding::PainWithoutOpportunity { stage } => Texts::new(format!(
                "ステージ `{stage}` にペインポイントはありますが、改善機会がありません"
            ))
            .label("改善の予定がないペインポイント")
            .help("ステージか、そのタッチポイントのどれかに `opportunities:` を追加してください。"),
            LintFinding::NoEvidence { touchpoint } => {
                Texts::new(format!("タッチポイント `{touchpoint}` に根拠がありません"))
                    .label("調査に基づかない仮説です")
                    .help("このタッチポイントを裏付ける `evidence:`（インタビュー、アクセス解析、アンケートなど）を追加してください。")
            }
            LintFinding::MetricOffTarget { metric, value, target, lower_is_better, unit } => {
                Texts::new(format!(
                    "`{metric}` が目標を達成していません（実測 {value}{unit}、目標 {target}{unit}{}）",
                    if *lower_is_better { "以下" } else { "以上" }
                ))
                .label("目標未達")
                .help("計測した場所（ステージやタッチポイント）に改善機会を追加するか、目標を見直してください。")
            }
            LintFinding::AssumptionGap { touchpoint, persona, assumed, measured } => {
                let whose = persona
                    .as_ref()
                    .map_or_else(String::new, |p| format!(" `{p}` の"));
                Texts::new(format!(
                    "タッチポイント `{touchpoint}` で{whose}感情の想定と実測がずれています（想定 {assumed}、実測 {measured}）"
                ))
                .label("想定した感情が実測と合いません")
                .help("調査をもとに感情を見直すか、この指標がここで何を計測しているか確認してください。")
            }
            LintFinding::HashtagComment { value, kept } => {
                Texts::new(format!(
                    "` #` から後ろは YAML のコメントとして読み捨てられます：値は `{kept}` だけになっています"
                ))
                .label("コメントとして読み捨てられます")
                .help(format!(
                    "ハッシュタグを含む値は、`\"{}\"` のように全体を引用符で囲んでください。本当のコメントなら、`# ` のように # の後にスペースを入れます。",
                    value.replace('"', "\\\"")
                ))
            }
            LintFinding::CommaSplitNumber { before, after } => Texts::new(format!(
                "`{before},{after}` がカンマで `{before}` と `{after}` の2つの項目に分かれています"
            ))
            .label("`[…]` のリストでは `,` が項目の区切りです")
            .help(format!(
                "`\"{before},{after}\"` のように引用符で囲むと、1つのテキストになります。"
            )),
            LintFinding::UnmeasuredMetric { id } => {
                Texts::new(format!("指標 `{id}` の値がどこにもありません"))
                    .label("どこでも計測されていません")
                    .help("ステージかタッチポイントの `metrics:`、またはデータファイルに値を追加するか、指標を削除してください。")
            }
        }
    }

    fn lint_note(&self, lint: &str, why: Why) -> String {
        let how = match why {
            Why::Denied => format!("`{lint}` はエラーとして扱う設定です"),
            Why::SpecWarns => format!("`{lint}` は `lints:` で警告に設定されています"),
            Why::Default => format!("`{lint}` は初期設定で有効です"),
        };
        format!("{how}。無効にするには `lints: {{{lint}: allow}}` か `-A {lint}` を指定します。")
    }

    fn note_label(&self, label: &NoteLabel) -> String {
        match label {
            NoteLabel::FirstDefined => "最初の定義はここ".to_owned(),
            NoteLabel::ScaleMax => "max".to_owned(),
            NoteLabel::NeverClosed { bracket } => format!("この `{bracket}` が閉じられていません"),
            NoteLabel::FirstMeasured => "最初の値はここ".to_owned(),
            NoteLabel::InSpec => "ジャーニーファイルの値".to_owned(),
        }
    }

    fn file_problem(&self, problem: &FileProblem) -> String {
        const MIB: u64 = 1024 * 1024;
        match problem {
            FileProblem::NotFound => "ファイルが見つかりません".to_owned(),
            FileProblem::Io(reason) => reason.clone(),
            FileProblem::TooLarge { bytes, limit } => format!(
                "ファイルが大きすぎます（{} MiB。ジャーニーファイルは {} MiB まで読み込めます）",
                bytes / MIB,
                limit / MIB
            ),
            FileProblem::DataTooLarge { bytes, limit } => format!(
                "ファイルが大きすぎます（{}。データファイルは {} MiB まで読み込めます）",
                mib(*bytes, *limit),
                limit / MIB
            ),
            FileProblem::Directory => "ファイルではなくフォルダです".to_owned(),
            FileProblem::NotAFile => {
                "通常のファイルではありません（デバイスやパイプです）".to_owned()
            }
            FileProblem::NotText { line, column, nul } => format!(
                "{}（{line}行目、{column}文字目）",
                if *nul {
                    "ファイルに NUL バイトが含まれています"
                } else {
                    "ファイルの文字コードが UTF-8 ではありません"
                }
            ),
        }
    }

    fn did_you_mean(&self, word: &str) -> String {
        format!("`{word}` のことですか？")
    }

    fn long_line(&self, label: &str, at: Option<(usize, usize)>, kb: usize) -> String {
        let at = at.map_or_else(String::new, |(l, c)| format!("：{l}行目、{c}文字目"));
        format!("{label}{at}（この行は {kb} KB と長いため表示しません）")
    }
}

impl Ja {
    fn key_hint(&self, key: &str, o: Object, hint: &KeyHint) -> String {
        match hint {
            KeyHint::Closest(k) => self.did_you_mean(k),
            KeyHint::Attributes => format!(
                "{}についての自由な情報は `attributes:` の下に書きます（例: `attributes: {{{key}: …}}`）。",
                object(o)
            ),
            KeyHint::Metrics => format!(
                "{}についての数値は `metrics:` の下に書きます（例: `metrics: {{{key}: …}}`）。",
                object(o)
            ),
            KeyHint::Allowed(keys) => format!(
                "{}使えるキーは {} です。`x-` で始まるキーはテンプレート用にそのまま残ります。",
                join(object(o), "で"),
                quoted(keys.iter().copied())
            ),
        }
    }

    /// A did-you-mean, or `known` given the defined ids as a backticked list.
    fn suggestion(&self, hint: &Suggestion, known: impl FnOnce(&str) -> String) -> String {
        match hint {
            Suggestion::Closest(c) => self.did_you_mean(c),
            Suggestion::Known(ids) => known(&quoted(ids.iter().map(String::as_str))),
        }
    }
}

fn yaml_hint(hint: &YamlHint) -> String {
    match hint {
        YamlHint::Unclosed { bracket, line } => {
            let close = if *bracket == '[' { ']' } else { '}' };
            format!("{line}行目の `{bracket}` に対応する `{close}` を、同じ行に書いてください。")
        }
        YamlHint::Tab => {
            "YAML のインデントにはスペースだけを使います。タブをスペースに置き換えてください。"
                .to_owned()
        }
        YamlHint::Colon => {
            "`: ` を含む値は引用符で囲んでください（例: `thought: \"メモ: 内容\"`）。".to_owned()
        }
        YamlHint::Indented { key, line } => format!(
            "この行は {line}行目の `{key}` より深くインデントされています。同じマッピングのキーは同じ列から書き始めます。"
        ),
        YamlHint::ExtraDocument => {
            "ジャーニーファイルは1つの YAML 文書です。余分な `---` を削除してください。".to_owned()
        }
        YamlHint::Other => "この付近のインデントと引用符を確認してください。".to_owned(),
    }
}

/// The wrong-typed value, as the headline names it (in backticks).
fn subject(s: &Subject) -> String {
    match s {
        Subject::Key(key) => format!("`{key}`"),
        Subject::EmotionOf(persona) => format!("`emotion` の `{persona}`"),
    }
}

/// The key a wrong type's help writes the value under.
fn subject_key(s: &Subject) -> &str {
    match s {
        Subject::Key(key) | Subject::EmotionOf(key) => key,
    }
}

fn expected_text(e: &Expected) -> &'static str {
    match e {
        Expected::Text => "テキスト",
        Expected::List { .. } => "リスト",
        Expected::TextList => "テキスト",
        Expected::Number => "数値",
        Expected::Bool => "`true` か `false`",
        Expected::Objects => "リスト（`- ` で始まる行）",
        Expected::Item => "テキストか `{text, priority, owner}`",
        Expected::LintLevels => "`リントの名前: レベル` の組",
        Expected::LintName => "キーとしてリントの名前",
        Expected::LintLevel => "リントのレベル（allow | warn | deny）",
        Expected::PersonaKeys => "キーとしてペルソナのID",
        Expected::Emotion => "数値か、`ペルソナのID: 数値` の組",
        Expected::ValueMap => "`名前: 値` の組",
        Expected::TextKeys => "テキストのキー",
        Expected::TextOrNumber => "テキストか数値",
        Expected::ImportEntry => "パスか `{file, personas, channels}`",
    }
}

fn wrong_type_help(key: &str, e: &Expected) -> Option<String> {
    match e {
        Expected::List { written: Some(t) } => {
            Some(format!("`{key}: [{t}]` のようにリストで書いてください。"))
        }
        Expected::LintLevels => Some("`lints: {no-evidence: warn}` のように書きます。".to_owned()),
        Expected::Emotion => Some(
            "どのペルソナにも同じ値なら `emotion: -1`、ペルソナごとに変えるなら `emotion: {persona-1: 1, persona-2: -1}` のように書きます。"
                .to_owned(),
        ),
        Expected::ValueMap => Some(format!("`{key}: {{名前: 値}}` のように書きます。")),
        Expected::ImportEntry => Some(
            "`imports: [shared/personas.yaml, {file: shared/channels.yaml, channels: [web]}]` のように書きます。"
                .to_owned(),
        ),
        Expected::List { written: None }
        | Expected::Text
        | Expected::TextList
        | Expected::Number
        | Expected::Bool
        | Expected::Objects
        | Expected::Item
        | Expected::LintName
        | Expected::LintLevel
        | Expected::PersonaKeys
        | Expected::TextKeys
        | Expected::TextOrNumber => None,
    }
}

fn found_text(f: Found) -> &'static str {
    match f {
        Found::Null => "空",
        Found::Bool => "`true`/`false`",
        Found::Number => "数値",
        Found::Text => "テキスト",
        Found::List => "リスト",
        Found::Mapping => "マッピング",
    }
}

fn object(o: Object) -> &'static str {
    match o {
        Object::Spec => "ジャーニーファイル",
        Object::ImportFile => "`imports` で読み込むファイル",
        Object::Scale => "`scale`",
        Object::Persona => "ペルソナ",
        Object::Channel => "チャネル",
        Object::Stage => "ステージ",
        Object::Touchpoint => "タッチポイント",
        Object::PainPoint => "ペインポイント",
        Object::Opportunity => "改善機会",
        Object::Metric => "指標",
        Object::MetricEmotion => "指標の `emotion`",
        Object::MetricValue => "指標の値",
        Object::Import => "`imports` の項目",
        Object::Parent => "`parent`",
    }
}

fn id_kind(k: IdKind) -> &'static str {
    match k {
        IdKind::Persona => "ペルソナ",
        IdKind::Channel => "チャネル",
        IdKind::Stage => "ステージ",
        IdKind::Touchpoint => "タッチポイント",
        IdKind::Metric => "指標",
        IdKind::PainPoint => "ペインポイント",
    }
}

fn id_problem(p: IdProblem) -> &'static str {
    match p {
        IdProblem::Empty => "IDは空にできません",
        IdProblem::TooLong => "64文字を超えています",
        IdProblem::BadCharacter => "使えるのは文字・数字・`-`・`_` だけです",
    }
}

fn limited(l: Limited) -> &'static str {
    match l {
        Limited::Personas => "ペルソナ",
        Limited::Channels => "チャネル",
        Limited::Stages => "ステージ",
        Limited::Touchpoints => "タッチポイント",
        Limited::Metrics => "指標",
    }
}

/// The counter word of a `Limited` list's number (`100人`, `200個`).
fn counter(l: Limited) -> &'static str {
    match l {
        Limited::Personas => "人",
        Limited::Channels | Limited::Stages | Limited::Touchpoints | Limited::Metrics => "個",
    }
}

fn example(e: Example) -> &'static str {
    match e {
        Example::Title => "ジャーニーの名前",
        Example::PersonaId => "persona-1",
        Example::PersonaName => "ペルソナの名前",
        Example::ChannelId => "email",
        Example::ChannelName => "チャネルの名前",
        Example::StageName => "ステージの名前",
        Example::TouchpointName => "タッチポイントの名前",
        Example::ItemText => "…",
        Example::MetricId => "csat",
        Example::MetricName => "指標の名前",
        Example::MetricValue => "72",
        Example::SurveyMin => "1",
        Example::SurveyMax => "5",
        Example::ImportFile => "shared/personas.yaml",
        Example::ParentJourney => "../overview.yaml",
    }
}

/// A size past `limit` in MiB, never rounded down onto the limit itself.
fn mib(bytes: u64, limit: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes / MIB <= limit / MIB {
        format!("{} MiB 超", limit / MIB)
    } else {
        format!("{} MiB", bytes / MIB)
    }
}

/// `word` then `rest`, with a space between where code meets Japanese
/// (`` `scale` に``, `` には `true` ``).
fn join(word: &str, rest: &str) -> String {
    if word.ends_with('`') || rest.starts_with('`') {
        format!("{word} {rest}")
    } else {
        format!("{word}{rest}")
    }
}

/// `a`、`b`、`c`
fn quoted<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = words.map(|w| format!("`{w}`")).collect();
    quoted.join("、")
}
