//! The journey as CSV (`-f csv`), for spreadsheets.
//!
//! - One row per touchpoint, in journey order. A touchpoint whose personas feel
//!   differently (or only some of them have an emotion) gets one row per persona
//!   instead, each with that persona's emotion, so a filter on the persona column
//!   shows each persona's curve.
//! - Columns, headed in the spec's locale: stage, touchpoint, personas (by name;
//!   personas that share a name as `Name (id)`), channel,
//!   action, thought, emotion (the number as written in the spec), feeling, pain
//!   points, opportunities, owner, backstage, moment of truth (`★` or empty),
//!   evidence, then one column per metric name in order of first appearance (empty
//!   where a touchpoint does not measure it). The plain facts (action, thought,
//!   owner, backstage, evidence) come from `present::fields`.
//! - **Lists** (personas, pain points, opportunities, backstage, evidence) are joined with a
//!   line break (LF) inside the cell: a spreadsheet shows one item per line. Items
//!   keep their text only (priority and owner are in the other outputs).
//! - RFC 4180: fields holding a comma, a double quote, CR or LF are enclosed in
//!   double quotes, and quotes inside are doubled; records end with CRLF. UTF-8 with
//!   a byte-order mark, so Excel opens Japanese text correctly.
//! - A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
//!   a tab or CR) gets a leading `'`, unless it is a plain number such as `-1`,
//!   `+5%` or `-1,000`. Everything else is written as in the spec.

use super::{FormatDef, RenderError, Renderer};
use crate::model::{Item, Journey, Scalar, Stage, Touchpoint};
use crate::present::fields::{Group, in_group, joined};
use crate::present::{Mood, Presentation, TpLook};

pub const FORMAT: FormatDef = FormatDef {
    name: "csv",
    extension: "csv",
    about: "one row per touchpoint, for spreadsheets",
    write,
};

fn write(_: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    w.write_all(render(p).as_bytes()).map_err(RenderError::Io)
}

/// The CSV text: UTF-8 with a BOM, CRLF line ends (RFC 4180).
#[must_use]
pub fn render(p: &Presentation) -> String {
    let (journey, l) = (p.journey, p.labels);
    let metrics = metric_names(journey);
    let mut out = String::from("\u{feff}");
    let names = |group: Group| in_group(group).map(|f| (f.label)(l));
    let header = [l.stage, l.touchpoint, l.personas, l.channel]
        .into_iter()
        .chain(names(Group::Story))
        .chain([l.emotion, l.feeling, l.pain_points, l.opportunities])
        .chain(names(Group::Team))
        .chain([l.moment_of_truth])
        .chain(names(Group::Sources))
        .map(str::to_owned)
        .chain(metrics.iter().cloned());
    record(&mut out, header);
    for t in p.touchpoints() {
        let s = &journey.stages[t.stage];
        for (who, emotion) in rows(t, p) {
            record(&mut out, fields(s, t.tp, &who, &emotion, &metrics));
        }
    }
    out
}

/// The persona names and the emotion of each row of a touchpoint: one row,
/// or one per persona where they feel differently (or only some have an emotion).
fn rows(t: &TpLook, p: &Presentation) -> Vec<(Vec<String>, String)> {
    let name = |id: &str| {
        p.persona(id)
            .map_or_else(|| id.to_owned(), |l| l.display.clone())
    };
    match &t.mood {
        Mood::Each(each) => each
            .iter()
            .map(|(id, v)| {
                let e = v.as_ref().map(|v| v.value.to_string()).unwrap_or_default();
                (vec![name(id)], e)
            })
            .collect(),
        other => {
            let e = match other {
                Mood::Same(v) => v.value.to_string(),
                _ => String::new(),
            };
            vec![(t.tp.personas.iter().map(|id| name(id)).collect(), e)]
        }
    }
}

fn fields(
    s: &Stage,
    t: &Touchpoint,
    who: &[String],
    emotion: &str,
    metrics: &[String],
) -> impl Iterator<Item = String> {
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let items = |v: &[Item]| {
        v.iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let facts = |group: Group| {
        in_group(group)
            .map(|f| joined(&(f.value)(t), "\n"))
            .collect::<Vec<_>>()
    };
    [
        s.name.clone(),
        t.name.clone(),
        who.join("\n"),
        t.channel
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    ]
    .into_iter()
    .chain(facts(Group::Story))
    .chain([
        emotion.to_owned(),
        text(&t.feeling),
        items(&t.pain_points),
        items(&t.opportunities),
    ])
    .chain(facts(Group::Team))
    .chain([if t.moment_of_truth { "★" } else { "" }.to_owned()])
    .chain(facts(Group::Sources))
    .chain(
        metrics
            .iter()
            .map(|m| t.metrics.get(m).map(scalar).unwrap_or_default())
            .collect::<Vec<_>>(),
    )
}

/// Every metric name of the journey, in order of first appearance.
fn metric_names(j: &Journey) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for t in j.stages.iter().flat_map(|s| &s.touchpoints) {
        for k in t.metrics.keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    names
}

fn scalar(v: &Scalar) -> String {
    match v {
        Scalar::Text(s) => s.clone(),
        Scalar::Number(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
    }
}

fn record(out: &mut String, fields: impl Iterator<Item = String>) {
    let quoted: Vec<String> = fields.map(|f| quote(&defuse(f))).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// RFC 4180: quote a field that holds a comma, a quote or a line break.
fn quote(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_owned()
    }
}

/// Keep a spreadsheet from running a cell as a formula (see the module doc).
fn defuse(f: String) -> String {
    let risky = f.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(&f) {
        format!("'{f}")
    } else {
        f
    }
}

/// `-1`, `+2.5`, `-1,000`, `+5%`: a sign, digits with `.` or `,`, and an optional `%`.
fn is_plain_number(f: &str) -> bool {
    let body = f.strip_prefix(['+', '-']).unwrap_or(f);
    let body = body.strip_suffix('%').unwrap_or(body);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_per_rfc_4180() {
        let table: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("日本語、テスト", "日本語、テスト"),
            ("", ""),
        ];
        for (input, expected) in table {
            assert_eq!(quote(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn formulas_are_defused_but_numbers_are_not() {
        let table: &[(&str, &str)] = &[
            ("=1+1", "'=1+1"),
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+1 looks like a number", "'+1 looks like a number"),
            ("- item", "'- item"),
            ("\tTab", "'\tTab"),
            ("-1", "-1"),
            ("+2.5", "+2.5"),
            ("-1,000", "-1,000"),
            ("+5%", "+5%"),
            ("-", "'-"),
            ("1+1", "1+1"),
            ("a=b", "a=b"),
        ];
        for (input, expected) in table {
            assert_eq!(defuse((*input).to_owned()), *expected, "{input:?}");
        }
    }
}
