//! The message catalogue: what every diagnostic says, as typed data, and one
//! file per language that puts it into words (`en.rs`).
//!
//! Call sites never write text: they build a [`Problem`] (an error in a spec)
//! or a [`LintFinding`] holding the facts the words need (the id, the
//! suggestion, the expected type, the kind found, the limit…). A
//! [`Diagnostic`](crate::diagnostic::Diagnostic) carries that data, and
//! [`Lang::texts`] turns it into a message, a label, a help and a note when it
//! is printed. So the language is chosen at print time, after compilation,
//! and codes, places and the keys of the JSON and GitHub formats never depend
//! on it.
//!
//! Adding a language: a file (`ja.rs`) with a type implementing [`Catalogue`],
//! and a [`Lang`] variant pointing at it. Every function of the trait is an
//! exhaustive `match` over the kinds below, so a kind without words in that
//! language is a compile error, not a silent fallback to English.

mod en;
mod ja;
mod measured;
mod say;

pub use measured::{Encoding, NeedsRegistry, NumberHint, TableProblem};
pub use say::{Built, Say, Script, Verb};

use crate::value::Num;

/// The language diagnostics are printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The words of this language.
    fn catalogue(self) -> &'static dyn Catalogue {
        match self {
            Lang::En => &en::En,
            Lang::Ja => &ja::Ja,
        }
    }

    /// A diagnostic's message, label, help and note.
    #[must_use]
    pub fn texts(self, message: &Message) -> Texts {
        let c = self.catalogue();
        match message {
            Message::Problem(p) => c.problem(p),
            Message::Lint { finding, lint, why } => Texts {
                note: Some(c.lint_note(lint, *why)),
                ..c.finding(finding)
            },
        }
    }

    /// The label of a secondary place.
    #[must_use]
    pub fn note_label(self, label: &NoteLabel) -> String {
        self.catalogue().note_label(label)
    }

    /// Why a file could not be read, as a clause (`no such file`).
    #[must_use]
    pub fn file_problem(self, problem: &FileProblem) -> String {
        self.catalogue().file_problem(problem)
    }

    /// The sentence that suggests `word` for a misspelt one.
    #[must_use]
    pub fn did_you_mean(self, word: &str) -> String {
        self.catalogue().did_you_mean(word)
    }

    /// The note shown instead of a source line too long to print: the
    /// annotation's `label`, where it is (`at`, for all but the first), and
    /// the line's length in KB.
    #[must_use]
    pub fn long_line(self, label: &str, at: Option<(usize, usize)>, kb: usize) -> String {
        self.catalogue().long_line(label, at, kb)
    }
}

/// The words of one language: one function per kind of text, each an
/// exhaustive `match`.
trait Catalogue: Sync {
    /// The message, label and help of an error.
    fn problem(&self, p: &Problem) -> Texts;
    /// The message, label and help of a lint's finding.
    fn finding(&self, f: &LintFinding) -> Texts;
    /// Why a lint is reported at its level, and how to silence it.
    fn lint_note(&self, lint: &str, why: Why) -> String;
    fn note_label(&self, label: &NoteLabel) -> String;
    fn file_problem(&self, problem: &FileProblem) -> String;
    fn did_you_mean(&self, word: &str) -> String;
    fn long_line(&self, label: &str, at: Option<(usize, usize)>, kb: usize) -> String;
}

/// A diagnostic in words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    /// The headline: `error[JM0103]: <message>`.
    pub message: String,
    /// Under the caret; `None` when the place speaks for itself.
    pub label: Option<String>,
    /// `= help:` lines (a help may span several lines).
    pub help: Option<String>,
    /// `= note:` (why a lint has its level).
    pub note: Option<String>,
}

impl Texts {
    fn new(message: impl Into<String>) -> Self {
        Texts {
            message: message.into(),
            ..Texts::default()
        }
    }

    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// What a diagnostic says, before it is put into words.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// An error in a spec (its code follows from the kind).
    Problem(Problem),
    /// A lint's finding, with the lint's name and why it has its level.
    Lint {
        finding: LintFinding,
        lint: &'static str,
        why: Why,
    },
}

/// Every error journeymap finds in a spec, with the facts its words need.
///
/// The code of each kind is decided in one place, `diagnostic::Problem::code`.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    // --- The file and its YAML (load, parse)
    /// The file holds a NUL byte, or bytes that are not UTF-8.
    NotText {
        nul: bool,
    },
    /// The file is larger than journeymap reads (sizes in bytes).
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// The file cannot be read; `reason` is the system's.
    Unreadable {
        reason: String,
    },
    /// A mapping has the same key twice. `parser` is the YAML crate's sentence,
    /// which English shows; `key` is the key, for languages that phrase it themselves.
    DuplicateKey {
        key: Option<String>,
        parser: String,
    },
    /// The YAML crate's budget (nodes, events, alias expansion) ran out.
    YamlTooLarge,
    /// The YAML nests deeper than allowed: past journeymap's `levels` of lists
    /// and mappings (aliases' copies included), or past the parser's own flow
    /// limit, in its sentence `parser`.
    YamlTooDeep {
        parser: String,
        levels: Option<usize>,
    },
    /// The text is not YAML; `parser` is the YAML crate's sentence.
    YamlSyntax {
        parser: String,
        hint: YamlHint,
    },
    /// A quoted text whose closing `quote` never comes (reported at the opening one).
    UnclosedQuote {
        quote: char,
    },

    // --- Structure (the reader)
    /// More errors than are reported for one file.
    TooManyErrors {
        more: usize,
        max: usize,
    },
    /// A value of the wrong type.
    WrongType {
        key: Subject,
        expected: Expected,
        found: Found,
    },
    /// An object that is not a mapping.
    NotAMapping {
        object: Object,
        found: Found,
    },
    /// A mapping key that is not text.
    KeyNotText {
        object: Object,
    },
    UnknownKey {
        key: String,
        object: Object,
        hint: KeyHint,
    },
    /// In a flow mapping, the comma of a number (`1,400円`) ended the value
    /// `before`, and the rest became the key `key`.
    CommaSplitKey {
        before: String,
        key: String,
    },
    /// A required key is missing.
    MissingKey {
        object: Object,
        key: &'static str,
        example: Example,
    },
    /// A required text is empty.
    EmptyText {
        object: Object,
        key: &'static str,
        example: Example,
    },
    /// A value that is not one of `choices`.
    InvalidChoice {
        value: String,
        key: &'static str,
        choices: &'static [&'static str],
        suggestion: Option<&'static str>,
    },
    /// A `lints:` level that is not allow, warn or deny.
    InvalidLintLevel {
        level: String,
        suggestion: Option<&'static str>,
    },
    InvalidId {
        id: String,
        of: IdKind,
        problem: IdProblem,
    },
    /// A list longer than a spec may hold.
    TooManyInSpec {
        what: Limited,
        limit: usize,
    },
    /// The file holds nothing.
    EmptySpec,
    /// The spec has no `stages` key.
    NoStages,
    /// The spec has no `journeymap` key.
    NoVersion,
    UnsupportedVersion {
        found: VersionFound,
        supported: i64,
    },
    /// `scale` lacks `min` or `max`.
    MissingScaleEnd {
        key: &'static str,
    },

    // --- Ids, references and values (analyze)
    /// More personas than a journey may have, imports included.
    TooManyPersonas {
        limit: usize,
    },
    /// More channels than a journey may have, imports included.
    TooManyChannels {
        limit: usize,
    },
    /// More persona–touchpoint pairs than a journey may have.
    TooManyPairs {
        limit: usize,
        personas: usize,
    },
    DuplicateId {
        of: IdKind,
        id: String,
    },
    /// `stages` is an empty list.
    EmptyStages,
    /// No persona, in the spec or its imports.
    NoPersonas,
    /// A scale whose min is not below its max.
    InvalidScale {
        min: Num,
        max: Num,
    },
    UnknownChannel {
        id: String,
        hint: ChannelHint,
    },
    UnknownPersona {
        id: String,
        hint: Suggestion,
    },
    /// An emotion given for a persona that is not on the touchpoint.
    EmotionPersonaNotOnTouchpoint {
        persona: String,
    },
    EmotionOutOfScale {
        value: Num,
        min: Num,
        max: Num,
    },
    /// `loop_to` names no stage.
    UnknownStage {
        id: String,
        hint: Suggestion,
    },
    /// `lints:` names no lint.
    UnknownLint {
        name: String,
        hint: Suggestion,
    },

    // --- Imports (the loader)
    /// Files that import each other: the file names, from the spec round to the repeat.
    ImportCycle {
        chain: Vec<String>,
    },
    ImportFailed {
        import: String,
        reason: FileProblem,
        /// The path journeymap opened.
        looked_for: String,
    },

    // --- Measured data (the registry, `metrics:` values, data files)
    /// A `metrics:` key, or a data file's `metric`, that is not in the registry.
    UnknownMetric {
        id: String,
        hint: Suggestion,
    },
    /// A data row's `stage`, `touchpoint` or `persona` names none.
    UnknownRef {
        of: IdKind,
        id: String,
        hint: Suggestion,
    },
    /// A registry metric's value that is not a number.
    NotANumber {
        metric: String,
        found: String,
        hint: NumberHint,
    },
    /// A value of a metric with `emotion: {min, max}` outside that range.
    OutsideSurveyScale {
        metric: String,
        value: Num,
        min: Num,
        max: Num,
    },
    /// A metric's `emotion` whose min is not below its max.
    InvalidSurveyScale {
        min: Num,
        max: Num,
    },
    /// `data:` or `{value, target}` in a spec with no `metrics` registry.
    NeedsRegistry {
        what: NeedsRegistry,
    },
    /// A data file that cannot be read.
    DataFileFailed {
        file: String,
        reason: FileProblem,
        looked_for: String,
    },
    /// A data file that is not UTF-8 text.
    DataNotUtf8 {
        encoding: Encoding,
    },
    /// A data file whose rows do not make a table journeymap reads.
    DataTable {
        problem: TableProblem,
    },
    /// The same place, period, persona and metric twice in the data.
    MeasuredTwice {
        metric: String,
    },
    /// A data file gives a value that the spec already gives.
    MeasuredInSpecToo {
        metric: String,
    },
    /// A row's touchpoint is not in the row's stage.
    TouchpointNotInStage {
        touchpoint: String,
        stage: String,
        /// The stage it is in.
        actual: String,
    },
    /// A row's persona does not meet the row's touchpoint.
    PersonaNotOnTouchpoint {
        persona: String,
        touchpoint: String,
    },
    /// More data rows than journeymap reads for one journey.
    TooManyRows {
        limit: usize,
    },
    /// A ticket that is a link of another scheme than http(s).
    TicketScheme {
        scheme: String,
    },

    // --- Relations between journeys (SPEC.md §7)
    /// A `parent` or `compare_to` file that cannot be read.
    RelatedFailed {
        file: String,
        reason: FileProblem,
        looked_for: String,
        parent: bool,
    },
    /// A `parent` or `compare_to` file that holds only personas and channels.
    RelatedNotASpec {
        file: String,
        parent: bool,
    },
    /// A compared journey, or a parent not checked in the same run, that has
    /// errors of its own.
    RelatedHasErrors {
        file: String,
        /// Where it is, from the working directory (for the command to run).
        path: String,
        parent: bool,
    },
    /// Journeys whose parents lead back to themselves: the files, round to the repeat.
    ParentCycle {
        chain: Vec<String>,
    },
    /// `parent:`'s stage or touchpoint is not in the parent.
    NotInParent {
        of: IdKind,
        id: String,
        hint: Suggestion,
    },
    /// A sample size (`n`) that is not a whole number of zero or more.
    NotASampleSize {
        found: String,
    },
    /// The same data file twice in `data:`.
    DataListedTwice {
        file: String,
    },
}

/// A lint's finding, with the facts its words need.
#[derive(Clone, Debug, PartialEq)]
pub enum LintFinding {
    /// `low`: the touchpoint's lowest emotion.
    NegativeWithoutOpportunity {
        touchpoint: String,
        low: Num,
    },
    EmptyStage {
        stage: String,
    },
    UnusedPersona {
        id: String,
    },
    UnusedChannel {
        id: String,
    },
    /// `min`, `max`: the scale.
    MissingEmotion {
        touchpoint: String,
        stage: String,
        min: Num,
        max: Num,
    },
    PainWithoutOpportunity {
        stage: String,
    },
    NoEvidence {
        touchpoint: String,
    },
    MetricOffTarget {
        metric: String,
        value: Num,
        target: Num,
        lower_is_better: bool,
        /// The metric's unit, or empty.
        unit: String,
    },
    /// `persona`: none when the touchpoint's personas agree.
    AssumptionGap {
        touchpoint: String,
        persona: Option<String>,
        assumed: Num,
        measured: Num,
    },
    /// ` #…` after plain text, read as a comment: the value as written.
    HashtagComment {
        value: String,
        /// What YAML keeps of it: the text before ` #`.
        kept: String,
    },
    /// A flow list item split at the comma of a number: the two items.
    CommaSplitNumber {
        before: String,
        after: String,
    },
    UnmeasuredMetric {
        id: String,
    },
}

/// Where a lint's level comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Denied (by the spec, the command line or `-D warnings`).
    Denied,
    /// A warning the spec's `lints:` names.
    SpecWarns,
    /// A warning by default.
    Default,
}

/// The label of a secondary place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteLabel {
    /// The first definition of a duplicate id.
    FirstDefined,
    /// The `max` of a scale whose `min` is not below it.
    ScaleMax,
    /// A `[` or `{` that a syntax error far below never closed.
    NeverClosed { bracket: char },
    /// The first row of a measurement given twice.
    FirstMeasured,
    /// The spec's value of a measurement a data file gives too.
    InSpec,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    NotFound,
    /// Any other I/O error, in the system's words.
    Io(String),
    /// Larger than journeymap reads (sizes in bytes).
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// A data file larger than journeymap reads (sizes in bytes).
    DataTooLarge {
        bytes: u64,
        limit: u64,
    },
    /// A directory where a file was expected.
    Directory,
    /// A device, a FIFO or a socket where a file was expected.
    NotAFile,
    /// Not UTF-8 text: where the first bad byte is (1-based, columns in characters).
    NotText {
        line: usize,
        column: usize,
        nul: bool,
    },
}

/// What most likely causes a YAML syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlHint {
    /// A `[` or `{` opened on an earlier `line` and never closed.
    Unclosed { bracket: char, line: usize },
    /// A tab in the indentation.
    Tab,
    /// A value with `: ` in it, unquoted.
    Colon,
    /// A line indented deeper than the `key: value` of `line` above it.
    Indented { key: String, line: usize },
    /// A second document (`---`).
    ExtraDocument,
    /// Nothing more specific.
    Other,
}

/// The objects of the format, as messages name them ("a persona has no `name`").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Object {
    Spec,
    ImportFile,
    Scale,
    Persona,
    Channel,
    Stage,
    Touchpoint,
    PainPoint,
    Opportunity,
    /// An entry of the `metrics` registry.
    Metric,
    /// A metric's `emotion: {min, max}`.
    MetricEmotion,
    /// `{value, target}` in a `metrics:` map.
    MetricValue,
    /// `{file, personas, channels}` in `imports:`.
    Import,
    /// `parent: {journey, stage | touchpoint}`.
    Parent,
}

/// The id spaces: what an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum IdKind {
    #[default]
    Persona,
    Channel,
    Stage,
    Touchpoint,
    Metric,
    PainPoint,
}

impl From<IdKind> for Object {
    fn from(kind: IdKind) -> Object {
        match kind {
            IdKind::Persona => Object::Persona,
            IdKind::Channel => Object::Channel,
            IdKind::Stage => Object::Stage,
            IdKind::Touchpoint => Object::Touchpoint,
            IdKind::Metric => Object::Metric,
            IdKind::PainPoint => Object::PainPoint,
        }
    }
}

/// Why a text is not an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    /// More than 64 characters.
    TooLong,
    /// A character other than a letter, a digit, `-` or `_`.
    BadCharacter,
}

/// What a wrong-typed value is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The value of a key (or a list's item, named by the list's key).
    Key(String),
    /// A persona's entry in an `emotion:` map.
    EmotionOf(String),
}

impl From<&str> for Subject {
    fn from(key: &str) -> Subject {
        Subject::Key(key.to_owned())
    }
}

/// The type a value must have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    /// A list; `written` is the scalar given instead, if any (the help makes it a list).
    List {
        written: Option<String>,
    },
    /// An item of a list of texts (the words speak of the list).
    TextList,
    Number,
    Bool,
    /// A list of mappings.
    Objects,
    /// A pain point or opportunity.
    Item,
    /// A path, or `{file, personas, channels}`.
    ImportEntry,
    /// `lints:` itself.
    LintLevels,
    /// A key of `lints:`.
    LintName,
    /// A value of `lints:`.
    LintLevel,
    /// A key of an `emotion:` map.
    PersonaKeys,
    /// `emotion:` itself.
    Emotion,
    /// `attributes:` or `metrics:` itself.
    ValueMap,
    /// A key of `attributes:` or `metrics:`.
    TextKeys,
    /// A value of `attributes:` or `metrics:`.
    TextOrNumber,
}

/// The kind of YAML value found where another was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Null,
    Bool,
    Number,
    Text,
    List,
    Mapping,
}

/// What `journeymap:` holds instead of the supported version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionFound {
    /// A scalar, as written.
    Written(String),
    /// Not a scalar.
    Kind(Found),
}

/// What to say about an unknown key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyHint {
    /// The known key it most likely misspells.
    Closest(&'static str),
    /// A persona's free facts go under `attributes:`.
    Attributes,
    /// A touchpoint's numbers go under `metrics:`.
    Metrics,
    /// The keys the object takes.
    Allowed(Vec<&'static str>),
}

/// What to say about a reference to nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Suggestion {
    /// The defined id it most likely misspells.
    Closest(String),
    /// The ids defined (possibly none).
    Known(Vec<String>),
}

/// What to say about an unknown channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChannelHint {
    /// The channel id it most likely misspells.
    Closest(String),
    /// It is the name of the channel `id`.
    NameOf { name: String, id: String },
    /// The channel ids defined.
    Known(Vec<String>),
}

/// The lists a spec or journey may hold only so many of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    Personas,
    Channels,
    Stages,
    Touchpoints,
    Metrics,
}

/// The example value a missing or empty key's help suggests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    Title,
    PersonaId,
    PersonaName,
    ChannelId,
    ChannelName,
    StageName,
    TouchpointName,
    /// The text of a pain point or opportunity.
    ItemText,
    MetricId,
    MetricName,
    /// The `value` of `{value: 72, target: 80}`.
    MetricValue,
    /// The ends of a metric's `emotion: {min: 1, max: 5}`.
    SurveyMin,
    SurveyMax,
    /// `file: shared/personas.yaml` of an import.
    ImportFile,
    /// `journey: ../overview.yaml` of a parent.
    ParentJourney,
}
