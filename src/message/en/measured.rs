//! The English words of measured data (the registry, `metrics:` values,
//! data files): split from `mod.rs` by concept.

use super::*;

/// The words of measured data (the registry, `metrics:` values, data files).
impl En {
    pub(super) fn data_problem(&self, p: &Problem) -> Texts {
        match p {
            Problem::UnknownMetric { id, hint } => Texts::new(format!("unknown metric `{id}`"))
                .label("not in the `metrics` registry")
                .help(self.suggestion(hint, |ids| {
                    if ids.is_empty() {
                        format!("add `{id}` to the `metrics` registry")
                    } else {
                        format!("the metrics are {ids}; add `{id}` to `metrics` if it is a new one")
                    }
                })),
            Problem::UnknownRef { of, id, hint } => {
                let kind = id_kind(*of);
                Texts::new(format!("unknown {kind} `{id}`"))
                    .label(format!("not a {kind} id"))
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            format!("the journey has no {kind} ids")
                        } else {
                            format!("the {kind} ids are {ids}")
                        }
                    }))
            }
            Problem::NotANumber { metric, found, hint } => {
                Texts::new(format!("the value of `{metric}` is not a number: `{found}`"))
                    .label("expected a number")
                    .help(match hint {
                        NumberHint::Thousands(n) => {
                            format!("write it without thousands separators: `{n}`")
                        }
                        NumberHint::Unit { number, unit } => format!(
                            "write the number alone (`{number}`); the unit `{unit}` belongs in the metric's `unit`"
                        ),
                        NumberHint::DecimalComma(n) => {
                            format!("write decimals with a point: `{n}`")
                        }
                        NumberHint::None => {
                            "a registry metric's values are numbers, e.g. `72` or `0.35`".to_owned()
                        }
                    })
            }
            Problem::OutsideSurveyScale { metric, value, min, max } => Texts::new(format!(
                "{value} is outside the survey scale {min}..{max} of `{metric}`"
            ))
            .label(format!("expected a number from {min} to {max}"))
            .help(format!(
                "`{metric}` measures feeling on {min}..{max} (its `emotion`): fix the value, or the metric's `emotion` range"
            )),
            Problem::InvalidSurveyScale { min, max } => {
                Texts::new(format!("`emotion` min ({min}) must be below max ({max})"))
                    .label("min is not below max")
                    .help("e.g. `emotion: {min: 1, max: 5}` for a five-point survey")
            }
            Problem::NeedsRegistry { what } => match what {
                NeedsRegistry::Data => Texts::new("`data` needs a `metrics` registry")
                    .label("data files are read against the registry")
                    .help("add `metrics:` with an entry for each metric the files measure"),
                NeedsRegistry::ValueAndTarget => {
                    Texts::new("`{value, target}` needs a `metrics` registry")
                        .label("a target belongs to a registry metric")
                        .help("add this metric to `metrics:`, or write the value alone")
                }
            },
            Problem::DataFileFailed { file, reason, looked_for } => Texts::new(format!(
                "cannot read data file `{file}`: {}",
                self.file_problem(reason)
            ))
            .label(format!("looked for {looked_for}"))
            .help_opt(matches!(reason, FileProblem::NotFound).then(|| {
                "data files are CSV paths relative to the spec".to_owned()
            })),
            Problem::DataNotUtf8 { encoding } => match encoding {
                Encoding::Binary => Texts::new("data file is not text")
                    .label("a NUL or control byte")
                    .help("data files are CSV text: export the sheet as CSV (UTF-8)"),
                e => Texts::new(format!(
                    "data file is not UTF-8: it looks like {}",
                    match e {
                        Encoding::ShiftJis => "Shift_JIS (Excel's \"CSV\" on Japanese Windows)",
                        Encoding::Utf16 => "UTF-16 (Excel's \"Unicode Text\")",
                        _ => "Latin-1 or Windows-1252",
                    }
                ))
                .label("not UTF-8 from here")
                .help(format!(
                    "save it again as \"CSV UTF-8 (Comma delimited)\" in Excel (UTF-8 in Numbers, Google Sheets or LibreOffice), or convert it: `iconv -f {} -t UTF-8 FILE.csv > FILE.utf8.csv`",
                    match e {
                        Encoding::ShiftJis => "CP932",
                        Encoding::Utf16 => "UTF-16",
                        _ => "WINDOWS-1252",
                    }
                )),
            },
            Problem::DataTable { problem } => self.table_problem(problem),
            Problem::MeasuredTwice { metric } => {
                Texts::new(format!("`{metric}` is measured twice at the same place and period"))
                    .label("the same metric, place, period and persona as an earlier row")
                    .help("keep one row per metric, place, period and persona (add a `period` or `persona` if they differ)")
            }
            Problem::MeasuredInSpecToo { metric } => Texts::new(format!(
                "`{metric}` is given both in the spec and in a data file"
            ))
            .label("also given in the spec")
            .help("keep one source of truth: remove the value from the spec, or the row from the file"),
            Problem::TouchpointNotInStage { touchpoint, stage, actual } => Texts::new(format!(
                "touchpoint `{touchpoint}` is not in stage `{stage}`"
            ))
            .label(format!("`{touchpoint}` is in stage `{actual}`"))
            .help(format!("write stage `{actual}`, or leave `stage` empty")),
            Problem::PersonaNotOnTouchpoint { persona, touchpoint } => Texts::new(format!(
                "persona `{persona}` is not on touchpoint `{touchpoint}`"
            ))
            .label("not in the touchpoint's `personas`")
            .help(format!("add `{persona}` to the touchpoint's `personas`, or fix the row")),
            Problem::TooManyRows { limit } => Texts::new(format!(
                "too many data rows (a journey reads at most {limit})"
            ))
            .label("rows from here on are not read")
            .help("aggregate the rows (e.g. by week or month) before adding the file"),
            Problem::RelatedFailed { file, reason, looked_for, parent } => Texts::new(format!(
                "cannot read {} `{file}`: {}",
                if *parent { "the parent journey" } else { "compared journey" },
                self.file_problem(reason)
            ))
            .label(format!("looked for {looked_for}"))
            .help("paths are relative to this spec"),
            Problem::RelatedNotASpec { file, parent } => Texts::new(format!(
                "`{file}` is not a journey spec (it holds only personas and channels)"
            ))
            .label(if *parent { "not a journey to detail" } else { "not a journey to compare with" })
            .help("name a spec with `stages`; shared personas and channels go under `imports`"),
            Problem::RelatedHasErrors {
                file,
                path,
                parent: false,
            } => Texts::new(format!("compared journey `{file}` has errors"))
                .label("cannot be compared until it builds")
                .help(format!("run `journeymap check {path}` and fix it")),
            Problem::RelatedHasErrors {
                file,
                path,
                parent: true,
            } => Texts::new(format!("the parent journey `{file}` has errors"))
                .label("cannot be linked until it builds")
                .help(format!("run `journeymap check {path}` and fix it")),
            Problem::ParentCycle { chain } => {
                Texts::new(format!("parent cycle: {}", chain.join(" → ")))
                    .label("details a journey that details this one")
                    .help("a journey's parents must lead to a broadest journey with no `parent`")
            }
            Problem::NotInParent { of, id, hint } => {
                let kind = id_kind(*of);
                Texts::new(format!("the parent journey has no {kind} `{id}`"))
                    .label(format!("not a {kind} id of the parent"))
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            format!("the parent's {kind}s have no ids: give one an `id`")
                        } else {
                            format!("the parent's {kind} ids are {ids}")
                        }
                    }))
            }
            Problem::NotASampleSize { found } => {
                Texts::new(format!("the sample size `n` is not a whole number: `{found}`"))
                    .label("expected a count")
                    .help("`n` is how many answered or were counted, e.g. `120`; leave it empty when unknown")
            }
            Problem::DataListedTwice { file } => {
                Texts::new(format!("data file `{file}` is listed twice"))
                    .label("already in `data`")
                    .help("list each file once")
            }
            Problem::TicketScheme { scheme } => {
                Texts::new(format!("a ticket link must be http or https, not `{scheme}:`"))
                    .label("not an http(s) link")
                    .help("write the tracker's https:// address, or the ticket's id as text (`WEB-142`)")
            }
            _ => unreachable!("every problem has words"),
        }
    }

    pub(super) fn table_problem(&self, p: &TableProblem) -> Texts {
        let list = |c: &[&str]| quoted(c.iter().copied());
        match p {
            TableProblem::Empty { columns } => Texts::new("data file is empty")
                .label("expected a header row")
                .help(format!("start with a header, e.g. `metric,stage,touchpoint,period,value`; the columns are {}", list(columns))),
            TableProblem::MissingColumn { column, columns } => {
                Texts::new(format!("data file has no `{column}` column"))
                    .label(format!("`{column}` is required"))
                    .help(format!("add a `{column}` column; the columns are {}", list(columns)))
            }
            TableProblem::UnknownColumn { column, suggestion, columns } => {
                Texts::new(format!("unknown column `{column}`"))
                    .label("not a data column")
                    .help(suggestion.map_or_else(
                        || format!("the columns are {}", list(columns)),
                        |s| self.did_you_mean(s),
                    ))
            }
            TableProblem::DuplicateColumn { column } => {
                Texts::new(format!("column `{column}` appears twice"))
                    .label("a second time")
                    .help("keep one column of each name")
            }
            TableProblem::Ragged { cells, columns } => {
                Texts::new(format!("row has {cells} cells, the header {columns}"))
                    .label("not as many cells as columns")
                    .help("every row needs one cell per column (an empty cell is `,,`); quote a text that holds a comma")
            }
            TableProblem::EmptyCell { column } => {
                Texts::new(format!("row has no `{column}`"))
                    .label(format!("`{column}` is empty"))
                    .help(format!("every row needs a `{column}`"))
            }
            TableProblem::Semicolons => Texts::new("data file is separated by `;`, not by commas")
                .label("one column holding `;`")
                .help("save it as comma-separated CSV (in Excel: \"CSV UTF-8 (Comma delimited)\")"),
            TableProblem::NoPlace => Texts::new("row says neither `stage` nor `touchpoint`")
                .label("where was this measured?")
                .help("give the stage or the touchpoint (ids) the value belongs to"),
            TableProblem::Syntax(reason) => Texts::new(format!("data file is not valid CSV: {reason}"))
                .label("here")
                .help("quote texts that hold a comma, a quote or a line break with \"…\", and double quotes inside them"),
        }
    }
}
