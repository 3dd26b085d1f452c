//! A data file's rows (SPEC.md §6 "Data files"): the header's columns, then
//! each row checked against the journey, every problem at `file.csv:line:col`
//! of its cell. The `csv` crate reads the CSV; the cells' places in the file
//! are found again only for the rows that have a problem.

use super::compute::Obs;
use super::{Key, MAX_DATA_ROWS, Values};
use crate::diagnostic::Capped;
use crate::diagnostic::{Diagnostic, closest};
use crate::message::{IdKind, Problem, Suggestion, TableProblem};
use crate::model::{Journey, Num, Range, Reading};
use crate::source::FileId;
use crate::source::{SourceFile, Span};
use std::collections::HashMap;
use std::sync::Arc;

/// The journey's ids, for joining rows to places.
pub struct Index {
    metrics: HashMap<String, u32>,
    metric_ids: Vec<String>,
    surveys: Vec<Option<Range>>,
    /// Stage id → stage (data files name places by the ids written in the
    /// spec, never by the keys made up for places without one: those move
    /// when a stage is added).
    stages: HashMap<String, u32>,
    stage_ids: Vec<String>,
    /// Each stage as messages name it: its id, else its key.
    stage_names: Vec<String>,
    /// Touchpoint id → (stage, touchpoint in stage).
    touchpoints: HashMap<String, (u32, u32)>,
    tp_ids: Vec<String>,
    /// Stage and touchpoint keys, for the values written in the spec.
    stage_keys: HashMap<String, u32>,
    tp_keys: HashMap<String, (u32, u32)>,
    personas: HashMap<String, u32>,
    persona_ids: Vec<String>,
    /// Each touchpoint's personas, by (stage, touchpoint).
    tp_personas: Vec<Vec<Vec<u32>>>,
}

#[allow(clippy::cast_possible_truncation)]
impl Index {
    pub fn new(j: &Journey) -> Self {
        let at = |v: &[String]| -> HashMap<String, u32> {
            v.iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i as u32))
                .collect()
        };
        let metric_ids: Vec<String> = j.metrics.iter().map(|m| m.id.clone()).collect();
        let persona_ids: Vec<String> = j.personas.iter().map(|p| p.id.clone()).collect();
        let personas = at(&persona_ids);
        let mut ix = Index {
            metrics: at(&metric_ids),
            surveys: j.metrics.iter().map(|m| m.emotion).collect(),
            metric_ids,
            stages: HashMap::new(),
            stage_ids: Vec::new(),
            stage_names: Vec::new(),
            touchpoints: HashMap::new(),
            tp_ids: Vec::new(),
            stage_keys: HashMap::new(),
            tp_keys: HashMap::new(),
            personas: HashMap::new(),
            persona_ids: Vec::new(),
            tp_personas: Vec::with_capacity(j.stages.len()),
        };
        for (si, s) in j.stages.iter().enumerate() {
            let si = si as u32;
            ix.stage_keys.insert(s.key.clone(), si);
            ix.stage_names
                .push(s.id.clone().unwrap_or_else(|| s.key.clone()));
            if let Some(id) = &s.id {
                ix.stages.insert(id.clone(), si);
                ix.stage_ids.push(id.clone());
            }
            let mut per = Vec::with_capacity(s.touchpoints.len());
            for (ti, t) in s.touchpoints.iter().enumerate() {
                let at = (si, ti as u32);
                ix.tp_keys.insert(t.key.clone(), at);
                if let Some(id) = &t.id {
                    ix.touchpoints.insert(id.clone(), at);
                    ix.tp_ids.push(id.clone());
                }
                per.push(
                    t.personas
                        .iter()
                        .filter_map(|p| personas.get(p).copied())
                        .collect(),
                );
            }
            ix.tp_personas.push(per);
        }
        ix.personas = personas;
        ix.persona_ids = persona_ids;
        ix
    }

    /// The (stage, touchpoint + 1, metric) of a spec value (by keys).
    pub fn place(&self, metric: &str, stage: &str, tp: Option<&str>) -> Option<(u32, u32, u32)> {
        let m = *self.metrics.get(metric)?;
        let s = *self.stage_keys.get(stage)?;
        let t = match tp {
            Some(t) => self.tp_keys.get(t)?.1 + 1,
            None => 0,
        };
        Some((s, t, m))
    }

    /// The registry index of `metric`.
    pub fn survey(&self, metric: &str) -> Option<usize> {
        self.metrics.get(metric).map(|m| *m as usize)
    }
}

/// The columns a data file may have (`metric` and `value` are required), in
/// the order of the constants below.
pub const DATA_COLUMNS: &[&str] = &[
    "metric",
    "value",
    "stage",
    "touchpoint",
    "period",
    "persona",
    "n",
    "source",
];

/// The columns of the header, by their index in [`DATA_COLUMNS`].
struct Header {
    /// Where each known column is in a row.
    at: [Option<usize>; DATA_COLUMNS.len()],
    width: usize,
}

const METRIC: usize = 0;
const VALUE: usize = 1;
const STAGE: usize = 2;
const TOUCHPOINT: usize = 3;
const PERIOD: usize = 4;
const PERSONA: usize = 5;
const N: usize = 6;
const SOURCE: usize = 7;

/// Read the rows of `file` (`id` in the store) into `values`; `rows` counts
/// the rows of every file so far, against [`MAX_DATA_ROWS`].
pub fn read(
    id: FileId,
    file: &SourceFile,
    index: &Index,
    values: &mut Values,
    rows: &mut usize,
) -> Vec<Diagnostic> {
    let mut r = Rows {
        id,
        text: &file.text,
        index,
        diags: Capped::default(),
        periods: HashMap::new(),
        sources: HashMap::new(),
    };
    r.read(values, rows);
    r.diags.finish()
}

struct Rows<'a> {
    id: FileId,
    text: &'a str,
    index: &'a Index,
    diags: Capped,
    /// Periods and sources as read, each text held once.
    periods: HashMap<String, Arc<str>>,
    sources: HashMap<String, Arc<str>>,
}

/// One row: its cells and where it starts in the file.
struct Row<'r> {
    cells: &'r csv::StringRecord,
    start: usize,
}

impl Row<'_> {
    fn cell(&self, h: &Header, column: usize) -> Option<&str> {
        let c = self.cells.get(h.at[column]?)?.trim();
        (!c.is_empty()).then_some(c)
    }
}

impl Rows<'_> {
    fn read(&mut self, values: &mut Values, rows: &mut usize) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut header: Option<Header> = None;
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let at = e.position().map_or(self.text.len(), |p| byte(p.byte()));
                    let problem = TableProblem::Syntax(e.to_string());
                    self.error(problem, at, at);
                    return;
                }
            }
            // The record's position can fall on the line break before it (after
            // a CRLF, or blank lines): its first cell starts after them.
            let mut start = record.position().map_or(0, |p| byte(p.byte()));
            while matches!(self.text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            let row = Row {
                cells: &record,
                start,
            };
            let Some(h) = &header else {
                match self.header(&row) {
                    Some(h) => header = Some(h),
                    None => return,
                }
                continue;
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue; // a blank row, as spreadsheets export them
            }
            *rows += 1;
            if *rows > MAX_DATA_ROWS {
                let problem = Problem::TooManyRows {
                    limit: MAX_DATA_ROWS,
                };
                let span = self.line_span(start);
                self.diags.push(Diagnostic::error(problem, span));
                return;
            }
            if let Some((key, o)) = self.row(h, &row) {
                let (s, t, m, _) = key;
                if let Some(spec_at) = values.in_spec.get(&(s, t, m)) {
                    let metric = self.index.metric_ids[m as usize].clone();
                    let d = Diagnostic::error(Problem::MeasuredInSpecToo { metric }, o.span)
                        .note(*spec_at, crate::message::NoteLabel::InSpec);
                    self.diags.push(d);
                    continue;
                }
                values.series.entry(key).or_default().push(o);
            }
        }
        if header.is_none() {
            self.error(
                TableProblem::Empty {
                    columns: DATA_COLUMNS,
                },
                0,
                0,
            );
        }
    }

    fn error(&mut self, problem: TableProblem, start: usize, end: usize) {
        let d = Diagnostic::error(
            Problem::DataTable { problem },
            Span::new(self.id, start, end),
        );
        self.diags.push(d);
    }

    /// The span of the line that starts at `start` (without its line break).
    fn line_span(&self, start: usize) -> Span {
        let end = self.text[start..]
            .find(['\r', '\n'])
            .map_or(self.text.len(), |i| start + i);
        Span::new(self.id, start, end)
    }

    /// The span of cell `i` of the row that starts at `start`.
    fn cell_span(&self, start: usize, i: usize) -> Span {
        let (a, b) = cell_range(self.text, start, i);
        Span::new(self.id, a, b)
    }

    fn header(&mut self, row: &Row) -> Option<Header> {
        let mut h = Header {
            at: [None; DATA_COLUMNS.len()],
            width: row.cells.len(),
        };
        let mut ok = true;
        let last = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, _)| i)
            .last();
        for (i, name) in row.cells.iter().enumerate() {
            let name = name.trim();
            // Spreadsheets write a trailing empty column: no column at all.
            if name.is_empty() && last.is_none_or(|l| i > l) {
                continue;
            }
            let span = self.cell_span(row.start, i);
            let lower = name.to_lowercase();
            if i == 0 && row.cells.len() == 1 && name.contains(';') {
                self.error(TableProblem::Semicolons, span.start(), span.end());
                return None;
            }
            match DATA_COLUMNS.iter().position(|c| *c == lower) {
                Some(k) if h.at[k].is_some() => {
                    let problem = TableProblem::DuplicateColumn {
                        column: name.to_owned(),
                    };
                    self.error(problem, span.start(), span.end());
                    ok = false;
                }
                Some(k) => h.at[k] = Some(i),
                None => {
                    let suggestion = closest(&lower, DATA_COLUMNS.iter().copied());
                    let problem = TableProblem::UnknownColumn {
                        column: name.to_owned(),
                        suggestion,
                        columns: DATA_COLUMNS,
                    };
                    self.error(problem, span.start(), span.end());
                    ok = false;
                }
            }
        }
        for (k, column) in [(METRIC, "metric"), (VALUE, "value")] {
            if h.at[k].is_none() {
                let span = self.line_span(row.start);
                let problem = TableProblem::MissingColumn {
                    column,
                    columns: DATA_COLUMNS,
                };
                self.error(problem, span.start(), span.end());
                ok = false;
            }
        }
        ok.then_some(h)
    }

    /// One row as a value at its place, or `None` after reporting why not.
    fn row(&mut self, h: &Header, row: &Row) -> Option<(Key, Obs)> {
        if row.cells.len() != h.width {
            let problem = TableProblem::Ragged {
                cells: row.cells.len(),
                columns: h.width,
            };
            let span = self.line_span(row.start);
            self.error(problem, span.start(), span.end());
            return None;
        }
        let at = |r: &Self, column: usize| r.cell_span(row.start, h.at[column].unwrap_or(0));
        let metric = self.required(h, row, METRIC, "metric")?;
        let m = match self.index.metrics.get(metric) {
            Some(m) => *m,
            None => {
                let hint = suggest(metric, &self.index.metric_ids);
                let problem = Problem::UnknownMetric {
                    id: metric.to_owned(),
                    hint,
                };
                let span = at(self, METRIC);
                self.diags.push(Diagnostic::error(problem, span));
                return None;
            }
        };
        let value_span = at(self, VALUE);
        let value = self.number(h, row, VALUE, metric)?;
        let (s, t) = self.place(h, row)?;
        let p = match row.cell(h, PERSONA) {
            None => 0,
            Some(id) => self.persona(id, (s, t), at(self, PERSONA))? + 1,
        };
        if let Some(survey) = self.index.surveys[m as usize]
            && (value.0 < survey.min.0 || value.0 > survey.max.0)
        {
            let problem = Problem::OutsideSurveyScale {
                metric: metric.to_owned(),
                value,
                min: survey.min,
                max: survey.max,
            };
            self.diags.push(Diagnostic::error(problem, value_span));
            return None;
        }
        let n = match row.cell(h, N) {
            None => None,
            Some(text) => match text.parse::<u64>() {
                #[allow(clippy::cast_precision_loss)]
                Ok(n) => Some(Num(n as f64)),
                Err(_) => {
                    let problem = Problem::NotASampleSize {
                        found: text.to_owned(),
                    };
                    let span = self.cell_span(row.start, h.at[N].unwrap_or(0));
                    self.diags.push(Diagnostic::error(problem, span));
                    return None;
                }
            },
        };
        let period = row.cell(h, PERIOD).map(|p| intern(&mut self.periods, p));
        let source = row.cell(h, SOURCE).map(|p| intern(&mut self.sources, p));
        let key = (s, t, m, p);
        Some((
            key,
            Obs {
                reading: Reading {
                    period,
                    value,
                    n,
                    source,
                },
                span: self.line_span(row.start),
            },
        ))
    }

    /// A required cell, or `None` after reporting it empty.
    fn required<'r>(
        &mut self,
        h: &Header,
        row: &'r Row,
        column: usize,
        name: &'static str,
    ) -> Option<&'r str> {
        let c = row.cell(h, column);
        if c.is_none() {
            let span = self.cell_span(row.start, h.at[column].unwrap_or(0));
            self.error(
                TableProblem::EmptyCell { column: name },
                span.start(),
                span.end(),
            );
        }
        c
    }

    /// A cell as a number (`metric` names what it measures, for the message).
    fn number(&mut self, h: &Header, row: &Row, column: usize, metric: &str) -> Option<Num> {
        let name = DATA_COLUMNS[column];
        let text = self.required(h, row, column, name)?;
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(Num(x)),
            _ => {
                let problem = Problem::NotANumber {
                    metric: metric.to_owned(),
                    found: text.to_owned(),
                    hint: crate::analyze::number_hint(text),
                };
                let span = self.cell_span(row.start, h.at[column].unwrap_or(0));
                self.diags.push(Diagnostic::error(problem, span));
                None
            }
        }
    }

    /// The row's place: (stage, touchpoint + 1).
    fn place(&mut self, h: &Header, row: &Row) -> Option<(u32, u32)> {
        let stage = row.cell(h, STAGE);
        let tp = row.cell(h, TOUCHPOINT);
        let at = |r: &Self, column: usize| r.cell_span(row.start, h.at[column].unwrap_or(0));
        if stage.is_none() && tp.is_none() {
            let span = self.line_span(row.start);
            self.error(TableProblem::NoPlace, span.start(), span.end());
            return None;
        }
        let s = match stage {
            None => None,
            Some(id) => match self.index.stages.get(id) {
                Some(s) => Some(*s),
                None => {
                    let span = at(self, STAGE);
                    self.unknown(IdKind::Stage, id, &self.index.stage_ids, span);
                    return None;
                }
            },
        };
        let Some(id) = tp else {
            return s.map(|s| (s, 0));
        };
        let Some(&(ts, ti)) = self.index.touchpoints.get(id) else {
            let span = at(self, TOUCHPOINT);
            self.unknown(IdKind::Touchpoint, id, &self.index.tp_ids, span);
            return None;
        };
        if let Some(s) = s
            && s != ts
        {
            let problem = Problem::TouchpointNotInStage {
                touchpoint: id.to_owned(),
                stage: self.index.stage_names[s as usize].clone(),
                actual: self.index.stage_names[ts as usize].clone(),
            };
            let span = at(self, STAGE);
            self.diags.push(Diagnostic::error(problem, span));
            return None;
        }
        Some((ts, ti + 1))
    }

    /// The persona of a row at `(stage, touchpoint + 1)`.
    fn persona(&mut self, id: &str, (s, t): (u32, u32), span: Span) -> Option<u32> {
        let Some(&p) = self.index.personas.get(id) else {
            self.unknown(IdKind::Persona, id, &self.index.persona_ids, span);
            return None;
        };
        if let Some(t) = t.checked_sub(1)
            && !self.index.tp_personas[s as usize][t as usize].contains(&p)
        {
            let problem = Problem::PersonaNotOnTouchpoint {
                persona: id.to_owned(),
                touchpoint: self.index.tp_keys_of(s, t),
            };
            self.diags.push(Diagnostic::error(problem, span));
            return None;
        }
        Some(p)
    }

    fn unknown(&mut self, of: IdKind, id: &str, known: &[String], span: Span) {
        let problem = Problem::UnknownRef {
            of,
            id: id.to_owned(),
            hint: suggest(id, known),
        };
        self.diags.push(Diagnostic::error(problem, span));
    }
}

impl Index {
    fn tp_keys_of(&self, s: u32, t: u32) -> String {
        self.tp_keys
            .iter()
            .find(|(_, v)| **v == (s, t))
            .map(|(k, _)| k.clone())
            .unwrap_or_default()
    }
}

fn byte(b: u64) -> usize {
    usize::try_from(b).unwrap_or(usize::MAX)
}

fn intern(seen: &mut HashMap<String, Arc<str>>, text: &str) -> Arc<str> {
    if let Some(a) = seen.get(text) {
        return a.clone();
    }
    let a: Arc<str> = Arc::from(text);
    seen.insert(text.to_owned(), a.clone());
    a
}

/// The id closest to a misspelt one, else the ids there are (at most 20).
fn suggest(word: &str, known: &[String]) -> Suggestion {
    closest(word, known.iter().map(String::as_str)).map_or_else(
        || Suggestion::Known(known.iter().take(20).cloned().collect()),
        |c| Suggestion::Closest(c.to_owned()),
    )
}

/// The byte range of cell `i` (trimmed, inside its quotes) of the CSV record
/// that starts at `start` in `text`.
fn cell_range(text: &str, start: usize, i: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut at = start;
    for k in 0..=i {
        let cell_start = at;
        let (mut a, mut e);
        if b.get(at) == Some(&b'"') {
            at += 1;
            a = at;
            while at < b.len() {
                if b[at] == b'"' {
                    if b.get(at + 1) == Some(&b'"') {
                        at += 2;
                        continue;
                    }
                    break;
                }
                at += 1;
            }
            e = at;
            while at < b.len() && !matches!(b[at], b',' | b'\n' | b'\r') {
                at += 1;
            }
        } else {
            while at < b.len() && !matches!(b[at], b',' | b'\n' | b'\r') {
                at += 1;
            }
            a = cell_start;
            e = at;
            while a < e && b[a] == b' ' {
                a += 1;
            }
            while e > a && b[e - 1] == b' ' {
                e -= 1;
            }
        }
        if k == i {
            return (a, e);
        }
        if b.get(at) != Some(&b',') {
            return (at, at); // fewer cells than asked for: the end of the row
        }
        at += 1;
    }
    (at, at)
}

#[cfg(test)]
mod tests {
    use super::cell_range;

    #[test]
    fn cells_are_found_in_the_text() {
        let t = "x\nmetric, value ,\"a, \"\"b\"\"\",d\n";
        let cell = |i| {
            let (a, b) = cell_range(t, 2, i);
            &t[a..b]
        };
        assert_eq!(cell(0), "metric");
        assert_eq!(cell(1), "value");
        assert_eq!(cell(2), "a, \"\"b\"\"");
        assert_eq!(cell(3), "d");
        assert_eq!(cell_range(t, 2, 7), (t.len() - 1, t.len() - 1));
    }
}
