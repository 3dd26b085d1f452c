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
mod comparison;
mod facts;
mod fill;
mod matching;
mod overlay;
mod view;
mod words;

pub use changes::{ChangeSet, FORMAT, Status, Summary, Verdict};
pub use compare::compare;
pub use comparison::{Subjects, Tally};
pub use matching::MatchedBy;
pub use words::summary_line;

use crate::model::Journey;
use minijinja::{Environment, Value};
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
        let mut s = match &set.subjects {
            Some(subjects) => serde_json::to_string_pretty(&comparison::json(set, subjects)),
            None => serde_json::to_string_pretty(set),
        }
        .unwrap_or_default();
        s.push('\n');
        return Ok(s);
    }
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for p in old.personas.iter().chain(&new.personas) {
        names.insert(&p.id, &p.name);
    }
    let labels = crate::locale::diff_words(new.locale);
    let cmp = set.subjects.as_ref().map(|s| {
        let (old, new) = s.names(labels.cmp.ours);
        view::Sides { old, new }
    });
    let charts = if format == DiffFormat::Html && set.changed {
        let old = if set.rescaled {
            compare::rescale(old, new.scale)
        } else {
            old.clone()
        };
        let versus = cmp.as_ref().map(|s| (s, labels.cmp.versus));
        overlay::charts(&old, new, &set.bases, versus)
    } else {
        Vec::new()
    };
    let view = view::View {
        diff: set,
        labels,
        summary: summary_line(set, new.locale),
        names,
        listed: view::listed(set, labels, cmp.as_ref()),
        charts,
        generator: crate::present::GENERATOR,
        scale: new.scale,
        cmp,
    };
    let env = environment();
    let name = if format == DiffFormat::Html {
        "diff.html"
    } else {
        "diff.md"
    };
    env.get_template(name)?
        .render(Value::from(minijinja::value::Serde(&view)))
}

/// journeymap's template settings and filters, with the diff templates.
fn environment() -> Environment<'static> {
    let mut env = crate::render::environment(None);
    env.add_filter("fill", fill::filter);
    for (name, text) in TEMPLATES {
        // The built-in templates are tested; an error here is a bug caught by the tests.
        if let Err(e) = env.add_template(name, text) {
            debug_assert!(false, "{e}");
        }
    }
    env
}
