//! Markdown, Mermaid and CSV checked with real tools: comrak (a GFM renderer with
//! tables, autolinks, strikethrough, footnotes, task lists, alerts and `$` math on),
//! the Mermaid CLI (`mmdc`, rendering in Debian's Chromium) and the `csv` crate.
//!
//! Specs: every example and the torture specs in `tests/torture/` (every character
//! Mermaid's journey syntax trips on, Markdown and HTML syntax, links, line breaks,
//! Japanese, emoji and very long names, in every field).
//!
//! - Markdown: every table row has as many cells as its header; no spec text becomes
//!   a link, image, HTML, heading, quote, code, footnote, math or strikethrough; every
//!   spec text reads as written; and the torture map has exactly the structure of its
//!   twin, the same spec with every text replaced by `x`.
//! - Mermaid: every line lexes the way Mermaid's journey grammar reads it, and every
//!   diagram renders in `mmdc` with its title, sections, tasks and actors in the SVG.
//!   Without `mmdc` or Chromium that test skips itself, loudly; under `CI=true` that
//!   is a failure instead.
//! - CSV: BOM, CRLF, RFC 4180, and it parses back to the spec's values.

mod csv;
mod markdown;
mod mermaid;

use crate::support::{jm_run, root};
use serde_json::Value;

/// Every spec the checks run on, as paths relative to the crate root.
fn specs() -> Vec<String> {
    let mut v = Vec::new();
    for dir in ["examples", "tests/torture"] {
        let mut found: Vec<String> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") && !n.ends_with("-personas.yaml"))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        found.sort();
        v.extend(found);
    }
    assert!(v.iter().any(|s| s.starts_with("tests/torture/")));
    v
}

fn build(spec: &str, format: &str) -> String {
    let r = jm_run(&["build", spec, "-f", format, "-o", "-"]);
    assert_eq!(r.code, 0, "{spec} -f {format}:\n{}", r.stderr);
    r.stdout
}

/// The validated model of a spec (`-f json`).
fn model(spec: &str) -> Value {
    serde_json::from_str(&build(spec, "json")).unwrap()
}

fn is_torture(spec: &str) -> bool {
    spec.starts_with("tests/torture/")
}

// ---------------------------------------------------------------------------
// Spec text

/// Keys whose string values are spec text shown in the outputs.
const TEXT_KEYS: &[&str] = &[
    "title",
    "description",
    "version",
    "owner",
    "tags",
    "name",
    "role",
    "avatar",
    "quote",
    "segment",
    "goals",
    "needs",
    "pains",
    "goal",
    "questions",
    "kpis",
    "text",
    "action",
    "thought",
    "feeling",
    "backstage",
    "evidence",
    "pain_points",
    "opportunities",
];
/// Maps whose keys are spec text too.
const TEXT_MAPS: &[&str] = &["attributes", "metrics"];
/// Parts of the model that are not spec text shown in Markdown.
const SKIP: &[&str] = &[
    "extensions",
    "insights",
    "lints",
    "scale",
    "key",
    "id",
    "kind",
];

/// Every piece of spec text in a model or spec, in order.
fn texts(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) if TEXT_KEYS.contains(&key) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| texts(i, key, out)),
        Value::Object(map) => {
            for (k, val) in map {
                if SKIP.contains(&k.as_str()) {
                    continue;
                }
                if TEXT_MAPS.contains(&k.as_str()) {
                    for (name, value) in val.as_object().into_iter().flatten() {
                        out.push(name.clone());
                        texts(value, "text", out);
                    }
                } else {
                    texts(val, k, out);
                }
            }
        }
        _ => {}
    }
}

/// The lines of spec text as the outputs show them: split at line breaks, control
/// characters as spaces, trimmed, blank lines dropped.
fn shown_lines(s: &str) -> Vec<String> {
    s.replace("\r\n", "\n")
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .map(|l| {
            l.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// A spec's source as a JSON value.
fn spec_source(spec: &str) -> Value {
    let text = std::fs::read_to_string(root().join(spec)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{spec} reads as YAML: {e}"))
}
