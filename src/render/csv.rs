//! The journey as CSV (`-f csv`), for spreadsheets: a flat table a pivot
//! table or a filter can read without counting anything twice.
//!
//! - **Exactly one row per touchpoint**, in journey order (a header row first).
//!   Summing a column over the rows counts each touchpoint once; stages are not
//!   rows (their lists and stage-level metric values are in the other outputs).
//! - **Columns**, headed in the spec's locale:
//!   stage, stage id (the stage's key), touchpoint, touchpoint id (its key: the
//!   ids the `stage` and `touchpoint` columns of data files take, to join on),
//!   personas (the touchpoint's personas by name, personas that share a name as
//!   `Name (id)`), channel, the story facts of `present::fields` (action,
//!   thought), the emotion columns, the measured emotion columns, feeling, pain
//!   points, opportunities, the team facts (owner, backstage), moment of truth
//!   (`★` or empty), the research facts (evidence), then the metric columns.
//! - **Emotion**: one column per persona of the journey (`Emotion: Name`, see
//!   `Labels::of_persona`), or one `Emotion` column when there is one persona;
//!   each cell that persona's number at the touchpoint, empty where the persona
//!   is not on the touchpoint or has no emotion there. **Measured emotion**: the
//!   same, from `Touchpoint::measured_emotion`, only when some touchpoint has one.
//! - **Metrics**: without a registry, one column per metric name in order of
//!   first appearance, the value as written. With one, one column per registry
//!   metric in registry order (headed `Name (unit)`), holding the touchpoint's
//!   latest value for all personas; right after it, one column per persona that
//!   has persona-specific values of that metric at some touchpoint
//!   (`Name (unit): Persona`), holding that persona's latest value. A cell is
//!   empty where there is no value; never more than one number in a cell.
//! - **Lists** (personas, pain points, opportunities, backstage, evidence) are
//!   joined with a line feed (LF) inside the cell: a spreadsheet shows one item
//!   per line. A pain point or opportunity keeps its priority and owner after its
//!   text: `Unclear pricing (priority: high; owner: Sales)`,
//!   `料金が分かりにくい（優先度: 高、担当: 営業）` (`Labels::item_details`).
//! - RFC 4180: fields holding a comma, a double quote, CR or LF are enclosed in
//!   double quotes, and quotes inside are doubled; records end with CRLF. UTF-8 with
//!   a byte-order mark, so Excel opens Japanese text correctly.
//! - A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
//!   a tab or CR) gets a leading `'`, unless it is a plain number such as `-1`,
//!   `+5%` or `-1,000`. Everything else is written as in the spec.

use super::{FormatDef, RenderError, Renderer};
use crate::locale::Labels;
use crate::model::{Item, Journey, Num, Scalar, Stage, Touchpoint};
use crate::present::Presentation;
use crate::present::fields::{Group, in_group, joined};
use std::collections::HashMap;

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
    let columns = Columns::new(p);
    let mut out = String::from("\u{feff}");
    record(&mut out, columns.header(p.labels).into_iter());
    for s in &p.journey.stages {
        for t in &s.touchpoints {
            record(&mut out, columns.row(p, s, t).into_iter());
        }
    }
    out
}

/// The columns that depend on the journey: its personas' emotions and its metrics.
struct Columns<'a> {
    /// Every persona of the journey: its id and its name as tables show it.
    personas: Vec<(&'a str, &'a str)>,
    /// Some touchpoint has a measured emotion.
    measured: bool,
    metrics: Vec<MetricColumn<'a>>,
    /// The registry metrics' latest values at touchpoints, by (metric, touchpoint key, persona).
    latest: HashMap<(&'a str, &'a str, Option<&'a str>), Num>,
}

struct MetricColumn<'a> {
    header: String,
    of: MetricOf<'a>,
}

/// What a metric column holds.
enum MetricOf<'a> {
    /// A free metric (no registry): the value written under this name.
    Free(&'a str),
    /// A registry metric's latest value, for one persona or (`None`) for all.
    Registry {
        metric: &'a str,
        persona: Option<&'a str>,
    },
}

impl<'a> Columns<'a> {
    fn new(p: &'a Presentation) -> Self {
        let j = p.journey;
        let personas = p
            .personas
            .iter()
            .map(|l| (l.id, l.display.as_str()))
            .collect::<Vec<_>>();
        let latest = j
            .measures
            .iter()
            .filter_map(|m| {
                let tp = m.touchpoint.as_deref()?;
                Some(((m.metric.as_str(), tp, m.persona.as_deref()), m.latest))
            })
            .collect::<HashMap<_, _>>();
        let metrics = if j.metrics.is_empty() {
            free_metrics(j)
        } else {
            registry_metrics(j, &personas, p.labels, &latest)
        };
        Columns {
            measured: touchpoints(j).any(|t| !t.measured_emotion.is_empty()),
            personas,
            metrics,
            latest,
        }
    }

    /// The headers of the per-persona columns of `word` (`Emotion`).
    fn of_personas(&self, word: &str, l: &Labels) -> Vec<String> {
        if let [_] = self.personas.as_slice() {
            return vec![word.to_owned()];
        }
        self.personas
            .iter()
            .map(|(_, name)| fill(l.of_persona, &[("column", word), ("persona", name)]))
            .collect()
    }

    fn header(&self, l: &Labels) -> Vec<String> {
        let names = |group: Group| in_group(group).map(|f| (f.label)(l).to_owned());
        let words = |w: &[&str]| w.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        let mut h = words(&[
            l.stage,
            l.stage_id,
            l.touchpoint,
            l.touchpoint_id,
            l.personas,
            l.channel,
        ]);
        h.extend(names(Group::Story));
        h.extend(self.of_personas(l.emotion, l));
        if self.measured {
            h.extend(self.of_personas(l.measured_emotion, l));
        }
        h.extend(words(&[l.feeling, l.pain_points, l.opportunities]));
        h.extend(names(Group::Team));
        h.push(l.moment_of_truth.to_owned());
        h.extend(names(Group::Sources));
        h.extend(self.metrics.iter().map(|m| m.header.clone()));
        h
    }

    fn row(&self, p: &Presentation, s: &Stage, t: &Touchpoint) -> Vec<String> {
        let l = p.labels;
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let num = |n: Option<Num>| n.map(|n| n.to_string()).unwrap_or_default();
        let items = |v: &[Item]| v.iter().map(|i| item(i, l)).collect::<Vec<_>>().join("\n");
        let facts = |group: Group| in_group(group).map(|f| joined(&(f.value)(t), "\n"));
        let who = t
            .personas
            .iter()
            .map(|id| p.persona(id).map_or(id.as_str(), |l| l.display.as_str()))
            .collect::<Vec<_>>();
        let mut r = vec![
            s.name.clone(),
            s.key.clone(),
            t.name.clone(),
            t.key.clone(),
            who.join("\n"),
            t.channel
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
        ];
        r.extend(facts(Group::Story));
        r.extend(
            self.personas
                .iter()
                .map(|(id, _)| num(t.emotion_of(Some(id)))),
        );
        if self.measured {
            r.extend(
                self.personas
                    .iter()
                    .map(|(id, _)| num(t.measured_of(Some(id)))),
            );
        }
        r.extend([
            text(&t.feeling),
            items(&t.pain_points),
            items(&t.opportunities),
        ]);
        r.extend(facts(Group::Team));
        r.push(if t.moment_of_truth { "★" } else { "" }.to_owned());
        r.extend(facts(Group::Sources));
        r.extend(self.metrics.iter().map(|m| match m.of {
            MetricOf::Free(name) => t.metrics.get(name).map(scalar).unwrap_or_default(),
            MetricOf::Registry { metric, persona } => {
                num(self.latest.get(&(metric, t.key.as_str(), persona)).copied())
            }
        }));
        r
    }
}

fn touchpoints(j: &Journey) -> impl Iterator<Item = &Touchpoint> {
    j.stages.iter().flat_map(|s| &s.touchpoints)
}

/// Without a registry: every metric name of the journey, in order of first appearance.
fn free_metrics(j: &Journey) -> Vec<MetricColumn<'_>> {
    let mut names: Vec<&str> = Vec::new();
    for k in touchpoints(j).flat_map(|t| t.metrics.keys()) {
        if !names.contains(&k.as_str()) {
            names.push(k);
        }
    }
    names
        .into_iter()
        .map(|name| MetricColumn {
            header: name.to_owned(),
            of: MetricOf::Free(name),
        })
        .collect()
}

/// With a registry: each metric in registry order, each followed by its
/// persona columns (those personas with a value of their own at a touchpoint).
fn registry_metrics<'a>(
    j: &'a Journey,
    personas: &[(&'a str, &'a str)],
    l: &Labels,
    latest: &HashMap<(&'a str, &'a str, Option<&'a str>), Num>,
) -> Vec<MetricColumn<'a>> {
    let mut out = Vec::new();
    for m in &j.metrics {
        let header = match &m.unit {
            Some(unit) => format!("{} ({unit})", m.name),
            None => m.name.clone(),
        };
        let persona_columns = personas
            .iter()
            .filter(|(id, _)| {
                latest
                    .keys()
                    .any(|(metric, _, p)| *metric == m.id && *p == Some(*id))
            })
            .map(|(id, name)| MetricColumn {
                header: fill(l.of_persona, &[("column", &header), ("persona", name)]),
                of: MetricOf::Registry {
                    metric: &m.id,
                    persona: Some(id),
                },
            })
            .collect::<Vec<_>>();
        out.push(MetricColumn {
            header,
            of: MetricOf::Registry {
                metric: &m.id,
                persona: None,
            },
        });
        out.extend(persona_columns);
    }
    out
}

/// A pain point or opportunity as its cell shows it: the text, then its
/// priority and owner in the locale's words.
fn item(i: &Item, l: &Labels) -> String {
    let mut details = Vec::new();
    if let Some(p) = &i.priority {
        details.push(fill(l.item_priority, &[("priority", l.priority(p))]));
    }
    if let Some(o) = &i.owner {
        details.push(fill(l.item_owner, &[("owner", o)]));
    }
    if details.is_empty() {
        return i.text.clone();
    }
    let details = details.join(l.item_details_sep);
    format!(
        "{}{}",
        i.text,
        fill(l.item_details, &[("details", &details)])
    )
}

/// A label with its `{name}` placeholders filled in, in one pass (a value that
/// holds `{persona}` stays as written).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hit = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = values.iter().find(|(n, _)| *n == name)?.1;
            Some((value, close))
        });
        match hit {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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
    fn placeholders_are_filled_once() {
        type Values<'a> = &'a [(&'a str, &'a str)];
        let table: &[(&str, Values, &str)] = &[
            (
                "{column}: {persona}",
                &[("column", "Emotion"), ("persona", "Yuki")],
                "Emotion: Yuki",
            ),
            (
                "{column}: {persona}",
                &[("column", "{persona}"), ("persona", "Yuki")],
                "{persona}: Yuki",
            ),
            (
                "（{details}）",
                &[("details", "優先度: 高")],
                "（優先度: 高）",
            ),
            ("{unknown} {", &[], "{unknown} {"),
        ];
        for (template, values, expected) in table {
            assert_eq!(fill(template, values), *expected, "{template:?}");
        }
    }

    #[test]
    fn items_keep_their_priority_and_owner_in_the_locales_words() {
        use crate::locale::labels;
        use crate::model::Locale;
        let item = |priority: Option<&str>, owner: Option<&str>| Item {
            text: "Unclear pricing".to_owned(),
            priority: priority.map(str::to_owned),
            owner: owner.map(str::to_owned),
            ..Item::default()
        };
        let table = [
            (Locale::En, item(None, None), "Unclear pricing"),
            (
                Locale::En,
                item(Some("high"), None),
                "Unclear pricing (priority: high)",
            ),
            (
                Locale::En,
                item(None, Some("Sales")),
                "Unclear pricing (owner: Sales)",
            ),
            (
                Locale::En,
                item(Some("low"), Some("Sales")),
                "Unclear pricing (priority: low; owner: Sales)",
            ),
            (
                Locale::Ja,
                item(Some("high"), Some("営業")),
                "Unclear pricing（優先度: 高、担当: 営業）",
            ),
            (
                Locale::Ja,
                item(None, Some("営業")),
                "Unclear pricing（担当: 営業）",
            ),
        ];
        for (locale, i, expected) in table {
            assert_eq!(super::item(&i, labels(locale)), expected, "{i:?}");
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
