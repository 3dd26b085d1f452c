//! The keys of the format, in one table per object, with their types and
//! descriptions. `spec` reads specs against these tables (so the allowed keys
//! cannot drift) and `journeymap schema` turns them into a JSON Schema for
//! editor completion (yaml-language-server).

use serde_json::{Map, Value, json};

/// One key of a mapping in the format.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub doc: &'static str,
}

/// The type of a key's value.
#[derive(Debug)]
pub enum Ty {
    /// The format version (an integer).
    Version,
    Text,
    /// An id (letters, digits, `-`, `_`).
    Id,
    Number,
    Bool,
    /// A list of texts.
    Texts,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// Pain points or opportunities.
    Items,
    /// A number, or a map persona id → number.
    Emotion,
    /// A map name → text or number.
    ScalarMap,
    /// A map lint name → level.
    Lints,
    /// A mapping with these keys.
    Object(&'static [Key]),
    /// A list of mappings with these keys.
    Objects(&'static [Key]),
}

const fn key(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn required(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: true,
        doc,
    }
}

pub const LOCALES: &[&str] = &["en", "ja"];
pub const STATES: &[&str] = &["current", "future"];
pub const CHANNEL_KINDS: &[&str] = &[
    "online",
    "offline",
    "mobile",
    "social",
    "email",
    "phone",
    "in_person",
    "other",
];
pub const PRIORITIES: &[&str] = &["high", "medium", "low"];
pub const LINT_LEVELS: &[&str] = &["allow", "warn", "deny"];

pub const SCALE: &[Key] = &[
    required(
        "min",
        Ty::Number,
        "The most negative emotion (must be below `max`).",
    ),
    required("max", Ty::Number, "The most positive emotion."),
];

pub const ITEM: &[Key] = &[
    required("text", Ty::Text, "What the pain point or opportunity is."),
    key(
        "priority",
        Ty::Choice(PRIORITIES),
        "How important it is: high, medium or low.",
    ),
    key("owner", Ty::Text, "Who is responsible for it."),
];

pub const PERSONA: &[Key] = &[
    required(
        "id",
        Ty::Id,
        "Unique persona id (letters, digits, `-`, `_`), used by touchpoints and emotion maps.",
    ),
    required("name", Ty::Text, "The persona's name."),
    key("role", Ty::Text, "A one-liner: age, job, situation."),
    key("avatar", Ty::Text, "An emoji or short text (never a URL)."),
    key("quote", Ty::Text, "Something this persona would say."),
    key("segment", Ty::Text, "The customer segment."),
    key("goals", Ty::Texts, "What the persona wants to achieve."),
    key(
        "needs",
        Ty::Texts,
        "What the persona needs from the service.",
    ),
    key("pains", Ty::Texts, "What frustrates the persona today."),
    key(
        "attributes",
        Ty::ScalarMap,
        "Free facts (age, city…), shown in spec order.",
    ),
];

pub const CHANNEL: &[Key] = &[
    required(
        "id",
        Ty::Id,
        "Unique channel id, used by touchpoints' `channel`.",
    ),
    required("name", Ty::Text, "The channel's name as shown in the map."),
    key("kind", Ty::Choice(CHANNEL_KINDS), "The kind of channel."),
];

pub const TOUCHPOINT: &[Key] = &[
    key(
        "id",
        Ty::Id,
        "Unique touchpoint id in the file; needed to match it across versions in `diff`.",
    ),
    required("name", Ty::Text, "What happens at this touchpoint."),
    key(
        "channel",
        Ty::Text,
        "A channel id from `channels` (free text when there is no channel list).",
    ),
    key(
        "personas",
        Ty::Texts,
        "Persona ids of who meets this touchpoint (default: all personas).",
    ),
    key("action", Ty::Text, "What the customer does."),
    key("thought", Ty::Text, "What the customer thinks."),
    key(
        "emotion",
        Ty::Emotion,
        "How the customer feels, within `scale`: a number, or a map persona id → number.",
    ),
    key("feeling", Ty::Text, "A word for the emotion."),
    key(
        "pain_points",
        Ty::Items,
        "Pain points: texts or {text, priority, owner}.",
    ),
    key(
        "opportunities",
        Ty::Items,
        "Improvement opportunities: texts or {text, priority, owner}.",
    ),
    key(
        "owner",
        Ty::Text,
        "The team responsible for this touchpoint.",
    ),
    key(
        "backstage",
        Ty::Texts,
        "What happens behind the scenes (service blueprint).",
    ),
    key(
        "moment_of_truth",
        Ty::Bool,
        "A decisive moment, highlighted in every output.",
    ),
    key(
        "evidence",
        Ty::Texts,
        "Research that backs this touchpoint (interviews, analytics…).",
    ),
    key(
        "metrics",
        Ty::ScalarMap,
        "Measurements, name → number or text (e.g. `CTR: 1.2%`), in spec order.",
    ),
];

pub const STAGE: &[Key] = &[
    key(
        "id",
        Ty::Id,
        "Unique stage id; needed for `loop_to` and to match stages in `diff`.",
    ),
    required("name", Ty::Text, "The stage's name (e.g. Awareness, 認知)."),
    key("description", Ty::Text, "What happens in this stage."),
    key("goal", Ty::Text, "The customer's goal at this stage."),
    key(
        "questions",
        Ty::Texts,
        "What the customer asks themselves here.",
    ),
    key("kpis", Ty::Texts, "The KPIs that measure this stage."),
    key("pain_points", Ty::Items, "Stage-level pain points."),
    key(
        "opportunities",
        Ty::Items,
        "Stage-level improvement opportunities.",
    ),
    key(
        "touchpoints",
        Ty::Objects(TOUCHPOINT),
        "The touchpoints of this stage, in order.",
    ),
];

pub const TOP: &[Key] = &[
    required("journeymap", Ty::Version, "Format version: 1."),
    required("title", Ty::Text, "The journey's title."),
    key(
        "description",
        Ty::Text,
        "Plain text; blank lines separate paragraphs.",
    ),
    key(
        "locale",
        Ty::Choice(LOCALES),
        "Language of the built-in labels and of <html lang>: en (default) or ja.",
    ),
    key(
        "state",
        Ty::Choice(STATES),
        "An as-is (current) or to-be (future) map.",
    ),
    key(
        "version",
        Ty::Text,
        "Free text shown in the header (quote it if it looks like a number).",
    ),
    key("owner", Ty::Text, "Who owns this journey."),
    key("tags", Ty::Texts, "Free tags."),
    key(
        "scale",
        Ty::Object(SCALE),
        "The emotion scale (default -2..2); its midpoint splits negative from positive.",
    ),
    key(
        "loop_to",
        Ty::Text,
        "A stage id: the journey cycles back to that stage after the last one.",
    ),
    key(
        "imports",
        Ty::Texts,
        "Files (relative to this one) whose `personas` and `channels` are merged in.",
    ),
    key("lints", Ty::Lints, "Per-lint levels: allow, warn or deny."),
    key(
        "personas",
        Ty::Objects(PERSONA),
        "Who the journey is about (at least one, here or imported).",
    ),
    key(
        "channels",
        Ty::Objects(CHANNEL),
        "The channel registry: when present, every touchpoint `channel` names one of these ids.",
    ),
    key(
        "stages",
        Ty::Objects(STAGE),
        "The stages of the journey, in order (at least one).",
    ),
];

/// The keys an imported file may hold.
pub const IMPORT_FILE: &[Key] = &[
    key(
        "imports",
        Ty::Texts,
        "Further files to import, relative to this one.",
    ),
    key(
        "personas",
        Ty::Objects(PERSONA),
        "Personas shared by the journeys that import this file.",
    ),
    key(
        "channels",
        Ty::Objects(CHANNEL),
        "Channels shared by the journeys that import this file.",
    ),
];

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
        Ty::Choice(words) => json!({"enum": words}),
        Ty::Items => json!({"type": "array", "items": {"anyOf": [
            {"type": "string"},
            object(ITEM),
        ]}}),
        Ty::Emotion => json!({"anyOf": [
            {"type": "number"},
            {"type": "object", "additionalProperties": {"type": "number"}},
        ]}),
        Ty::ScalarMap => {
            json!({"type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}})
        }
        Ty::Lints => {
            let props: Map<String, Value> = crate::lint::LINTS
                .iter()
                .map(|l| (l.name.to_owned(), json!({"enum": LINT_LEVELS, "description": format!("{} ({}, default {:?})", l.summary, l.code, l.default)})))
                .collect();
            json!({"type": "object", "properties": props, "additionalProperties": false})
        }
        Ty::Object(keys) => object(keys),
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
