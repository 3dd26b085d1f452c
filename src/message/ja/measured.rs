//! The Japanese words of measured data (the registry, `metrics:` values,
//! data files): split from `mod.rs` by concept.

use super::*;

/// The words of measured data (the registry, `metrics:` values, data files).
impl Ja {
    pub(super) fn data_problem(&self, p: &Problem) -> Texts {
        match p {
            Problem::UnknownMetric { id, hint } => {
                Texts::new(format!("指標 `{id}` は定義されていません"))
                    .label("`metrics` に定義されていません")
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            format!("`metrics` に `{id}` を追加してください。")
                        } else {
                            format!("定義されている指標は {ids} です。新しい指標なら `metrics` に `{id}` を追加してください。")
                        }
                    }))
            }
            Problem::UnknownRef { of, id, hint } => {
                let kind = id_kind(*of);
                Texts::new(format!("{kind} `{id}` は定義されていません"))
                    .label(format!("{kind}のIDではありません"))
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            format!("このジャーニーには、IDの付いた{kind}がありません。")
                        } else {
                            format!("{kind}のIDは {ids} です。")
                        }
                    }))
            }
            Problem::NotANumber { metric, found, hint } => {
                Texts::new(format!("`{metric}` の値 `{found}` は数値ではありません"))
                    .label("数値が必要です")
                    .help(match hint {
                        NumberHint::Thousands(n) => {
                            format!("桁区切りのカンマを付けずに `{n}` と書いてください。")
                        }
                        NumberHint::Unit { number, unit } => format!(
                            "数値だけを `{number}` と書いてください。単位の `{unit}` は指標の `unit` に書きます。"
                        ),
                        NumberHint::DecimalComma(n) => {
                            format!("小数点にはピリオドを使い、`{n}` と書いてください。")
                        }
                        NumberHint::None => {
                            "`metrics` で定義した指標の値は、半角の数値で書きます（例: `72`、`0.35`）。".to_owned()
                        }
                    })
            }
            Problem::OutsideSurveyScale { metric, value, min, max } => Texts::new(format!(
                "`{metric}` の値 {value} がアンケートの尺度 {min}〜{max} の範囲外です"
            ))
            .label(format!("{min}〜{max} の数値が必要です"))
            .help(format!(
                "`{metric}` は気持ちを {min}〜{max} で測る指標です（指標の `emotion`）。値を直すか、指標の `emotion` の範囲を直してください。"
            )),
            Problem::InvalidSurveyScale { min, max } => Texts::new(format!(
                "`emotion` の min（{min}）は max（{max}）より小さくする必要があります"
            ))
            .label("min が max 以上になっています")
            .help("5段階のアンケートなら `emotion: {min: 1, max: 5}` のように、min を max より小さくしてください。"),
            Problem::NeedsRegistry { what } => match what {
                NeedsRegistry::Data => {
                    Texts::new("`data` を使うには、`metrics` で指標を定義する必要があります")
                        .label("データファイルは `metrics` の定義をもとに読み込みます")
                        .help("`metrics:` を追加し、データファイルで計測する指標をそれぞれ定義してください。")
                }
                NeedsRegistry::ValueAndTarget => Texts::new(
                    "`{value, target}` を使うには、`metrics` で指標を定義する必要があります",
                )
                .label("目標は `metrics` で定義した指標にだけ設定できます")
                .help("この指標を `metrics:` に追加するか、値だけを書いてください。"),
            },
            Problem::DataFileFailed { file, reason, looked_for } => Texts::new(format!(
                "データファイル `{file}` を読み込めません：{}",
                self.file_problem(reason)
            ))
            .label(format!("{looked_for} を探しました"))
            .help_opt(matches!(reason, FileProblem::NotFound).then(|| {
                "`data` には、このジャーニーファイルがあるフォルダを起点にした CSV ファイルのパスを書きます。".to_owned()
            })),
            Problem::DataNotUtf8 { encoding } => match encoding {
                Encoding::Binary => Texts::new("データファイルがテキストではありません")
                    .label("NUL または制御文字のバイトがあります")
                    .help("データファイルは CSV 形式のテキストです。シートを CSV（UTF-8）で書き出してください。"),
                e => Texts::new(format!(
                    "データファイルの文字コードが UTF-8 ではありません：{}",
                    match e {
                        Encoding::ShiftJis => {
                            "Shift_JIS（日本語版 Windows の Excel で「CSV (コンマ区切り)」として保存したもの）のようです"
                        }
                        Encoding::Utf16 => "UTF-16（Excel の「Unicode テキスト」）のようです",
                        _ => "Latin-1 または Windows-1252 のようです",
                    }
                ))
                .label("ここから先が UTF-8 ではありません")
                .help(format!(
                    "Excel で「CSV UTF-8 (コンマ区切り)」として保存し直してください（Numbers、Google スプレッドシート、LibreOffice では文字コードに UTF-8 を選びます）。`iconv -f {} -t UTF-8 FILE.csv > FILE.utf8.csv` で変換することもできます。",
                    match e {
                        Encoding::ShiftJis => "CP932",
                        Encoding::Utf16 => "UTF-16",
                        _ => "WINDOWS-1252",
                    }
                )),
            },
            Problem::DataTable { problem } => self.table_problem(problem),
            Problem::MeasuredTwice { metric } => Texts::new(format!(
                "`{metric}` が同じ場所・同じ期間で2回計測されています"
            ))
            .label("前の行と指標・場所・期間・ペルソナがすべて同じです")
            .help("指標・場所・期間・ペルソナの組み合わせごとに1行にしてください（別々の計測なら `period` か `persona` で区別します）。"),
            Problem::MeasuredInSpecToo { metric } => Texts::new(format!(
                "`{metric}` の値がジャーニーファイルとデータファイルの両方にあります"
            ))
            .label("ジャーニーファイルにも値があります")
            .help("値の出どころは1つにしてください。ジャーニーファイルの値か、データファイルの行のどちらかを削除します。"),
            Problem::TouchpointNotInStage { touchpoint, stage, actual } => Texts::new(format!(
                "タッチポイント `{touchpoint}` はステージ `{stage}` にありません"
            ))
            .label(format!("`{touchpoint}` はステージ `{actual}` にあります"))
            .help(format!("`stage` を `{actual}` にするか、空にしてください。")),
            Problem::PersonaNotOnTouchpoint { persona, touchpoint } => Texts::new(format!(
                "ペルソナ `{persona}` はタッチポイント `{touchpoint}` の対象ではありません"
            ))
            .label("タッチポイントの `personas` に含まれていません")
            .help(format!(
                "タッチポイントの `personas` に `{persona}` を追加するか、この行を直してください。"
            )),
            Problem::TooManyRows { limit } => Texts::new(format!(
                "データの行が多すぎます（1つのジャーニーで読み込めるのは{limit}行までです）"
            ))
            .label("ここから先の行は読み込みません")
            .help("ファイルに入れる前に、行を集計してください（例: 週ごと、月ごと）。"),
            Problem::RelatedFailed { file, reason, looked_for, parent } => Texts::new(format!(
                "{} `{file}` を読み込めません：{}",
                if *parent { "上位のジャーニー" } else { "比較対象のジャーニー" },
                self.file_problem(reason)
            ))
            .label(format!("{looked_for} を探しました"))
            .help("パスは、このジャーニーファイルがあるフォルダを起点にして書きます。"),
            Problem::RelatedNotASpec { file, parent } => Texts::new(format!(
                "`{file}` はジャーニーファイルではありません（ペルソナとチャネルしかありません）"
            ))
            .label(if *parent { "上位のジャーニーにできません" } else { "比較の対象にできません" })
            .help("`stages` のあるジャーニーファイルを指定してください。共有するペルソナとチャネルは `imports` で読み込みます。"),
            Problem::RelatedHasErrors {
                file,
                path,
                parent: false,
            } => Texts::new(format!("比較対象のジャーニー `{file}` にエラーがあります"))
                .label("ビルドできるようになるまで比較できません")
                .help(format!("`journeymap check {path}` を実行して、エラーを直してください。")),
            Problem::RelatedHasErrors {
                file,
                path,
                parent: true,
            } => Texts::new(format!("上位のジャーニー `{file}` にエラーがあります"))
                .label("ビルドできるようになるまで関連付けできません")
                .help(format!("`journeymap check {path}` を実行して、エラーを直してください。")),
            Problem::ParentCycle { chain } => {
                Texts::new(format!("上位のジャーニーが循環しています：{}", chain.join(" → ")))
                    .label("このジャーニーの詳細にあたるジャーニーを、上位に指定しています")
                    .help("`parent` をたどると、`parent` のない最上位のジャーニーに行き着くようにしてください。")
            }
            Problem::NotInParent { of, id, hint } => {
                let kind = id_kind(*of);
                Texts::new(format!("上位のジャーニーに{kind} `{id}` がありません"))
                    .label(format!("上位のジャーニーの{kind}のIDではありません"))
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            format!("上位のジャーニーの{kind}にはIDがありません。どれかに `id` を付けてください。")
                        } else {
                            format!("上位のジャーニーの{kind}のIDは {ids} です。")
                        }
                    }))
            }
            Problem::NotASampleSize { found } => {
                Texts::new(format!("回答数 `n` の値 `{found}` は整数ではありません"))
                    .label("件数（整数）が必要です")
                    .help("`n` は回答した人数や数えた件数です（例: `120`）。わからないときは空にしてください。")
            }
            Problem::DataListedTwice { file } => {
                Texts::new(format!("データファイル `{file}` が2回指定されています"))
                    .label("すでに `data` にあります")
                    .help("それぞれのファイルは1回だけ指定してください。")
            }
            Problem::TicketScheme { scheme } => Texts::new(format!(
                "チケットのリンクには http か https を使ってください（`{scheme}:` は使えません）"
            ))
            .label("http(s) のリンクではありません")
            .help("課題管理ツールの https:// で始まるアドレスか、チケットのIDをテキストで書いてください（例: `WEB-142`）。"),
            _ => unreachable!("every problem has words"),
        }
    }

    pub(super) fn table_problem(&self, p: &TableProblem) -> Texts {
        let list = |c: &[&str]| quoted(c.iter().copied());
        match p {
            TableProblem::Empty { columns } => Texts::new("データファイルが空です")
                .label("見出し行が必要です")
                .help(format!("見出し行から始めてください（例: `metric,stage,touchpoint,period,value`）。使える列は {} です。", list(columns))),
            TableProblem::MissingColumn { column, columns } => {
                Texts::new(format!("データファイルに `{column}` 列がありません"))
                    .label(format!("`{column}` 列は必須です"))
                    .help(format!("`{column}` 列を追加してください。使える列は {} です。", list(columns)))
            }
            TableProblem::UnknownColumn { column, suggestion, columns } => {
                Texts::new(format!("不明な列 `{column}` があります"))
                    .label("データファイルの列ではありません")
                    .help(suggestion.map_or_else(
                        || format!("使える列は {} です。", list(columns)),
                        |s| self.did_you_mean(s),
                    ))
            }
            TableProblem::DuplicateColumn { column } => {
                Texts::new(format!("列 `{column}` が2回あります"))
                    .label("2回目はここ")
                    .help("同じ名前の列は1つだけにしてください。")
            }
            TableProblem::Ragged { cells, columns } => {
                Texts::new(format!("行のセルが{cells}個あります（見出し行は{columns}列）"))
                    .label("セルの数が列の数と合いません")
                    .help("どの行にも、列ごとに1つずつセルが必要です（空のセルは `,,`）。カンマを含むテキストは引用符 \"…\" で囲んでください。")
            }
            TableProblem::EmptyCell { column } => {
                Texts::new(format!("行に `{column}` がありません"))
                    .label(format!("`{column}` が空です"))
                    .help(format!("どの行にも `{column}` が必要です。"))
            }
            TableProblem::Semicolons => Texts::new("データファイルがカンマではなく `;` で区切られています")
                .label("`;` を含む1つの列として読み込まれています")
                .help("カンマ区切りの CSV として保存してください（Excel なら「CSV UTF-8 (コンマ区切り)」）。"),
            TableProblem::NoPlace => Texts::new("行に `stage` も `touchpoint` もありません")
                .label("どこで計測した値ですか？")
                .help("値が属するステージかタッチポイントを、IDで書いてください。"),
            TableProblem::Syntax(reason) => Texts::new(format!("データファイルが正しい CSV ではありません：{reason}"))
                .label("ここ")
                .help("カンマ・引用符・改行を含むテキストは \"…\" で囲み、その中の \" は \"\" と2つ重ねてください。"),
        }
    }
}
