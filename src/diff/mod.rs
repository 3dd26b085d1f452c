//! Comparing two journeys: what changed between two versions of a spec, between
//! a current-state and a future-state map, or between ours and a competitor's.
//!
//! ```text
//! matching   which old stage / touchpoint is which new one (by id, else by name)
//! compare    journey x journey -> ChangeSet, pair by pair
//! facts      field-level comparisons: emotions, items, metrics, registries
//! changes    the ChangeSet itself (the JSON of `-f json`) and its summary
//! overlay    geometry of the before/after emotion chart (HTML)
//! words      the report's words in English and Japanese, and the summary line
//! ```
//!
//! Matching: stages, and touchpoints across the whole journey, pair up by `id`
//! first; what is left pairs by exact name unless both sides carry (different)
//! ids. A paired touchpoint whose name changed was renamed; one in another stage,
//! or out of the order of its neighbours, moved. See [`matching`] and `docs/diff.md`.
//!
//! When the emotion scales differ, old emotions are mapped linearly onto the new
//! scale before anything is compared.

mod changes;
mod compare;
mod facts;
mod matching;
mod overlay;
mod words;

pub use changes::{ChangeSet, FORMAT, Status, Summary, Verdict};
pub use compare::compare;
pub use matching::MatchedBy;
pub use words::summary_line;

use crate::model::{Journey, Num};
use minijinja::{Environment, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// The output format of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a pull-request comment
    Md,
    /// a self-contained page with both emotion curves
    Html,
    /// the structured change set
    Json,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("diff.md", include_str!("../../templates/diff.md")),
    ("diff.html", include_str!("../../templates/diff.html")),
];

/// What the templates see.
#[derive(Serialize)]
struct View<'a> {
    diff: &'a ChangeSet,
    labels: &'static words::Words,
    summary: String,
    /// Persona id -> name, from both sides (the new name wins).
    names: BTreeMap<&'a str, &'a str>,
    /// The stages with changes to list (not only a new mean emotion).
    listed: Vec<&'a changes::StageChange>,
    charts: Vec<overlay::Chart>,
    generator: &'static str,
}

/// Lay out a change set (from [`compare`] on `old` and `new`) in `format`.
///
/// # Errors
/// A template error: a bug in a built-in template.
pub fn render(
    set: &ChangeSet,
    old: &Journey,
    new: &Journey,
    format: DiffFormat,
) -> Result<String, minijinja::Error> {
    if format == DiffFormat::Json {
        let mut s = serde_json::to_string_pretty(set).unwrap_or_default();
        s.push('\n');
        return Ok(s);
    }
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for p in old.personas.iter().chain(&new.personas) {
        names.insert(&p.id, &p.name);
    }
    let charts = if format == DiffFormat::Html && set.changed {
        let old = if set.rescaled {
            compare::rescale(old, new.scale)
        } else {
            old.clone()
        };
        overlay::charts(&old, new, &set.bases)
    } else {
        Vec::new()
    };
    let view = View {
        diff: set,
        labels: words::words(new.locale),
        summary: summary_line(set, new.locale),
        names,
        listed: set
            .stages
            .iter()
            .filter(|s| changes::has_details(s))
            .collect(),
        charts,
        generator: crate::view::GENERATOR,
    };
    let env = environment(new.scale.min);
    let name = if format == DiffFormat::Html {
        "diff.html"
    } else {
        "diff.md"
    };
    env.get_template(name)?
        .render(Value::from(minijinja::value::Serde(&view)))
}

/// journeymap's template settings, the diff templates, and number filters.
fn environment(min: Num) -> Environment<'static> {
    let mut env = crate::render::environment(None);
    for (name, text) in TEMPLATES {
        // The built-in templates are tested; an error here is a bug caught by the tests.
        if let Err(e) = env.add_template(name, text) {
            debug_assert!(false, "{e}");
        }
    }
    env.add_filter("score", move |v: Value| score(num(&v), min));
    env.add_filter("change", |v: Value| change(num(&v)));
    env
}

fn num(v: &Value) -> Option<Num> {
    if v.is_none() || v.is_undefined() {
        return None;
    }
    f64::try_from(v.clone()).ok().map(Num)
}

/// An emotion as shown to people: `+1` and `−2` (a true minus) on a scale that
/// spans zero, the plain number otherwise; `–` when there is none.
#[must_use]
pub fn score(v: Option<Num>, min: Num) -> String {
    let Some(v) = v else {
        return "–".to_owned();
    };
    let s = v.to_string();
    if let Some(rest) = s.strip_prefix('-') {
        format!("\u{2212}{rest}")
    } else if min.0 < 0.0 && v.0 > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// A change with its direction: `↑ +3`, `↓ −1.5`, `±0`; empty when unknown.
#[must_use]
pub fn change(d: Option<Num>) -> String {
    match d {
        None => String::new(),
        Some(d) if d.0 > 0.0 => format!("↑ +{d}"),
        Some(d) if d.0 < 0.0 => format!("↓ \u{2212}{}", Num(-d.0)),
        Some(_) => "±0".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        let table: &[(Option<f64>, f64, &str)] = &[
            (Some(1.0), -2.0, "+1"),
            (Some(-2.0), -2.0, "\u{2212}2"),
            (Some(0.0), -2.0, "0"),
            (Some(0.33), -2.0, "+0.33"),
            (Some(4.0), 1.0, "4"),
            (None, -2.0, "–"),
        ];
        for (v, min, expected) in table {
            assert_eq!(score(v.map(Num), Num(*min)), *expected);
        }
        assert_eq!(change(Some(Num(3.0))), "↑ +3");
        assert_eq!(change(Some(Num(-1.5))), "↓ \u{2212}1.5");
        assert_eq!(change(Some(Num(0.0))), "±0");
        assert_eq!(change(None), "");
    }
}
