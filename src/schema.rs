//! `journeymap schema`: the JSON Schema of the format, for editor completion
//! (yaml-language-server), generated from the key tables the reader uses
//! (`spec::keys`) and the lint registry; and the starter specs of `init`.

use crate::spec::keys::{IMPORT_FILE, Key, LINT_LEVELS, TOP, Ty};
use serde_json::{Map, Value, json};

/// The file name `init` writes the schema to, and the starter specs' modeline names.
pub const SCHEMA_FILE: &str = "journeymap.schema.json";

/// The starter specs of `journeymap init`.
pub const STARTER_EN: &str = include_str!("../templates/init/journey.en.yaml");
pub const STARTER_JA: &str = include_str!("../templates/init/journey.ja.yaml");

fn ty_schema(ty: &Ty) -> Value {
    match ty {
        Ty::Version => json!({"const": 1}),
        Ty::Text => json!({"type": ["string", "number", "boolean"]}),
        Ty::Id => json!({"type": "string", "pattern": "^[\\p{L}\\p{N}_-]{1,64}$"}),
        Ty::Number => json!({"type": "number"}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Texts => json!({"type": "array", "items": {"type": ["string", "number", "boolean"]}}),
        // `high | medium | low` may also be written as the Japanese maps print it.
        Ty::Choice(words) if *words == ["high", "medium", "low"] => {
            json!({"enum": ["high", "medium", "low", "高", "中", "低"]})
        }
        Ty::Choice(words) => json!({"enum": words}),
        Ty::Items(keys) => json!({"type": "array", "items": {"anyOf": [
            {"type": "string"},
            object(keys),
        ]}}),
        Ty::Emotion => json!({"anyOf": [
            {"type": "number"},
            {"type": "object", "additionalProperties": {"type": "number"}},
        ]}),
        Ty::ScalarMap => {
            json!({"type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}})
        }
        Ty::MetricValues => json!({"type": "object", "additionalProperties": {"anyOf": [
            {"type": ["string", "number", "boolean", "null"]},
            object(crate::spec::keys::METRIC_VALUE),
        ]}}),
        Ty::Lints => {
            let props: Map<String, Value> = crate::lint::LINTS
                .iter()
                .map(|l| (l.name.to_owned(), json!({"enum": LINT_LEVELS, "description": format!("{} ({}, default {:?})", l.summary, l.code, l.default)})))
                .collect();
            json!({"type": "object", "properties": props, "additionalProperties": false})
        }
        Ty::Object(keys) => object(keys),
        Ty::Imports => json!({"type": "array", "items": {"anyOf": [
            {"type": "string"},
            object(crate::spec::keys::IMPORT),
        ]}}),
        Ty::Objects(keys) => json!({"type": "array", "items": object(keys)}),
    }
}

fn object(keys: &[Key]) -> Value {
    let mut props = Map::new();
    for k in keys {
        let mut s = ty_schema(&k.ty);
        if let Value::Object(m) = &mut s {
            m.insert("description".into(), Value::String(k.doc.to_owned()));
        }
        props.insert(k.name.to_owned(), s);
    }
    let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
    let mut o = json!({
        "type": "object",
        "properties": props,
        "patternProperties": {"^x-": {"description": "Kept untouched for templates and the JSON output."}},
        "additionalProperties": false,
    });
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}

/// The JSON Schema of the format (journey specs and imported files), pretty-printed.
#[must_use]
pub fn schema_json() -> String {
    let mut top = object(TOP);
    // An imported file (no `journeymap:` key) holds only personas, channels and imports.
    if let Value::Object(m) = &mut top {
        m.remove("required");
        m.insert("if".into(), json!({"required": ["journeymap"]}));
        m.insert(
            "then".into(),
            json!({"required": ["journeymap", "title", "stages"]}),
        );
        m.insert(
            "else".into(),
            json!({"propertyNames": {"anyOf": [{"enum": IMPORT_FILE.iter().map(|k| k.name).collect::<Vec<_>>()}, {"pattern": "^x-"}]}}),
        );
        let mut out = Map::new();
        out.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        out.insert(
            "$id".into(),
            json!(format!("journeymap-spec-v{}", crate::spec::FORMAT_VERSION)),
        );
        out.insert("title".into(), json!("journeymap spec"));
        out.insert(
            "description".into(),
            json!("A customer journey map for journeymap (format version 1), or a file of shared personas and channels to import."),
        );
        out.extend(std::mem::take(m));
        top = Value::Object(out);
    }
    let mut s = serde_json::to_string_pretty(&top).unwrap_or_default();
    s.push('\n');
    s
}
