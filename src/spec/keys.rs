//! The keys of the format, in one table per object, with their types and
//! descriptions. The reader checks specs against these tables (so the allowed
//! keys cannot drift), and `journeymap schema` (the `schema` module) turns
//! them into a JSON Schema for editor completion (yaml-language-server).

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
    /// Pain points or opportunities: texts, or mappings with these keys.
    Items(&'static [Key]),
    /// A number, or a map persona id → number.
    Emotion,
    /// A map name → text or number.
    ScalarMap,
    /// A map metric → number or `{value, target}` (free names and values
    /// without a `metrics` registry).
    MetricValues,
    /// A map lint name → level.
    Lints,
    /// A mapping with these keys.
    Object(&'static [Key]),
    /// A list of paths, or of `{file, personas, channels}`.
    Imports,
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
pub const BETTER: &[&str] = &["higher", "lower"];

pub const RANGE: &[Key] = &[
    required("min", Ty::Number, "The survey scale's lowest answer."),
    required("max", Ty::Number, "The survey scale's highest answer."),
];

pub const METRIC: &[Key] = &[
    required(
        "id",
        Ty::Id,
        "Unique metric id, used by `metrics:` of stages and touchpoints and by data files.",
    ),
    required("name", Ty::Text, "The metric's name as shown."),
    key("unit", Ty::Text, "Text shown after values (`%`, `件`)."),
    key(
        "better",
        Ty::Choice(BETTER),
        "Which way is good: higher (default) or lower.",
    ),
    key(
        "target",
        Ty::Number,
        "The value to reach; a place may set its own with `{value, target}`.",
    ),
    key("owner", Ty::Text, "Who owns the metric."),
    key("description", Ty::Text, "How the metric is measured."),
    key(
        "emotion",
        Ty::Object(RANGE),
        "The metric measures feeling on a min..max survey scale: its values, mapped onto `scale`, are the measured emotion.",
    ),
    key(
        "funnel",
        Ty::Bool,
        "The metric counts the customers who reach each stage (values on stages).",
    ),
];

pub const METRIC_VALUE: &[Key] = &[
    required("value", Ty::Number, "The measured value."),
    key(
        "target",
        Ty::Number,
        "The target at this place (instead of the metric's).",
    ),
];

pub const SCALE: &[Key] = &[
    required(
        "min",
        Ty::Number,
        "The most negative emotion (must be below `max`).",
    ),
    required("max", Ty::Number, "The most positive emotion."),
];

/// `high | medium | low`, for an opportunity's impact and effort.
pub const LEVELS: &[&str] = &["high", "medium", "low"];
pub const STATUSES: &[&str] = &["idea", "planned", "in_progress", "done"];

pub const PAIN_POINT: &[Key] = &[
    required("text", Ty::Text, "What the pain point is."),
    key(
        "id",
        Ty::Id,
        "Unique among the pain points of the file: what opportunities' `addresses` name.",
    ),
    key(
        "priority",
        Ty::Choice(PRIORITIES),
        "How important it is: high, medium or low.",
    ),
    key("owner", Ty::Text, "Who is responsible for it."),
];

pub const OPPORTUNITY: &[Key] = &[
    required("text", Ty::Text, "What the opportunity is."),
    key(
        "priority",
        Ty::Choice(PRIORITIES),
        "How important it is: high, medium or low.",
    ),
    key("owner", Ty::Text, "Who is responsible for it."),
    key(
        "impact",
        Ty::Choice(LEVELS),
        "How much it would improve the experience: high, medium or low.",
    ),
    key(
        "effort",
        Ty::Choice(LEVELS),
        "How much work it is: high, medium or low.",
    ),
    key(
        "status",
        Ty::Choice(STATUSES),
        "Where the work stands: idea, planned, in_progress or done.",
    ),
    key(
        "ticket",
        Ty::Text,
        "The tracker's ticket: a text (WEB-142) or an http(s) URL, shown as a link.",
    ),
    key(
        "addresses",
        Ty::Texts,
        "Ids of the pain points this opportunity addresses.",
    ),
];

pub const PARENT: &[Key] = &[
    required(
        "journey",
        Ty::Text,
        "The broader journey's spec file, relative to this one.",
    ),
    key(
        "stage",
        Ty::Id,
        "The stage of it that this journey details.",
    ),
    key(
        "touchpoint",
        Ty::Id,
        "The touchpoint of it that this journey details.",
    ),
];

pub const IMPORT: &[Key] = &[
    required("file", Ty::Text, "The shared file, relative to this one."),
    key(
        "personas",
        Ty::Texts,
        "The ids of the personas to take (default: all).",
    ),
    key(
        "channels",
        Ty::Texts,
        "The ids of the channels to take (default: all).",
    ),
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
        Ty::Items(PAIN_POINT),
        "Pain points: texts or {text, priority, owner}.",
    ),
    key(
        "opportunities",
        Ty::Items(OPPORTUNITY),
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
        Ty::MetricValues,
        "Measurements: with a `metrics` registry, metric id → number or {value, target}; without one, name → number or text (e.g. `CTR: 1.2%`).",
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
    key(
        "pain_points",
        Ty::Items(PAIN_POINT),
        "Stage-level pain points.",
    ),
    key(
        "opportunities",
        Ty::Items(OPPORTUNITY),
        "Stage-level improvement opportunities.",
    ),
    key(
        "metrics",
        Ty::MetricValues,
        "Measurements of the whole stage (a funnel's counts), as a touchpoint's `metrics`.",
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
        Ty::Imports,
        "Files (relative to this one) whose `personas` and `channels` are merged in: paths, or {file, personas, channels} to pick by id.",
    ),
    key(
        "parent",
        Ty::Object(PARENT),
        "The broader journey this one details, at one of its stages or touchpoints.",
    ),
    key(
        "subject",
        Ty::Text,
        "Whose journey this is (default: ours); a competitor's journey is compared, not owned.",
    ),
    key(
        "compare_to",
        Ty::Texts,
        "Journeys to compare with on this map (stages matched by id, then by name).",
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
        "metrics",
        Ty::Objects(METRIC),
        "The registry of the KPIs this journey is measured by.",
    ),
    key(
        "data",
        Ty::Texts,
        "Measurement files (CSV, relative to this file); needs a `metrics` registry.",
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
        Ty::Imports,
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
