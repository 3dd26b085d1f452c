//! Diagnostics as data: what went wrong, where, and how serious it is.
//!
//! Every stage that finds a problem in a spec pushes a [`Diagnostic`] holding
//! a typed [`Problem`] (or a lint's finding); each kind has one [`Code`].
//! Nothing below `cli` prints: `report` puts diagnostics into words (through
//! the `message` catalogue) and formats them.

use crate::message::{IdKind, Lang, Message, NoteLabel, Problem, Texts};
use crate::source::Span;
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Every error code journeymap can report, with the one place its number lives.
///
/// Codes are stable: once released, a number keeps its meaning. The ranges:
/// `JM00xx` input and YAML, `JM001x` structure, `JM01xx` ids and references,
/// `JM02xx` values, `JM03xx` imports, `JM04xx` measured data, `JM1xxx` lints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The text is not valid YAML.
    YamlSyntax,
    /// A mapping has the same key twice.
    DuplicateKey,
    /// The file is not UTF-8 text (invalid bytes or a NUL byte).
    NotText,
    /// The file is larger than journeymap reads.
    TooLarge,
    /// The YAML exceeds a resource limit (nesting, aliases, nodes).
    YamlLimit,
    /// A key that the format does not know.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// A value of the wrong type.
    WrongType,
    /// A required text is empty.
    EmptyText,
    /// A value that is not one of the allowed choices.
    InvalidChoice,
    /// A `journeymap:` version this build does not support.
    UnsupportedVersion,
    /// An id with characters outside the id syntax.
    InvalidId,
    /// The same id defined twice.
    DuplicateId,
    /// A reference to a persona that does not exist.
    UnknownPersona,
    /// A reference to a channel that does not exist.
    UnknownChannel,
    /// A reference to a stage that does not exist.
    UnknownStage,
    /// A lint name that does not exist.
    UnknownLint,
    /// An emotion outside the scale.
    EmotionOutOfScale,
    /// A scale whose min is not below its max.
    InvalidScale,
    /// An emotion given for a persona that is not on the touchpoint.
    EmotionPersonaNotOnTouchpoint,
    /// An imported file that cannot be read.
    ImportNotFound,
    /// Files that import each other.
    ImportCycle,
    /// A list that must not be empty is empty.
    EmptyList,
    /// A reference to a metric that is not in the registry.
    UnknownMetric,
    /// A reference to a touchpoint that does not exist.
    UnknownTouchpoint,
    /// An opportunity addresses a pain point id that does not exist.
    UnknownPainPoint,
    /// A ticket link of another scheme than http(s).
    TicketScheme,
    /// A `parent` or `compare_to` file that cannot be read.
    RelatedFailed,
    /// A `parent` or `compare_to` file that is no journey to use (an import
    /// file, or a compared spec with errors).
    RelatedNotUsable,
    /// Journeys whose parents lead back to themselves.
    ParentCycle,
    /// A measurement that is not a number.
    NotANumber,
    /// A measured feeling outside its metric's survey scale.
    OutsideSurveyScale,
    /// A data file that cannot be read.
    DataFileFailed,
    /// A data file that is not UTF-8 text.
    DataNotUtf8,
    /// A data file whose rows are not a table journeymap reads.
    DataTable,
    /// The same measurement twice.
    MeasuredTwice,
    /// A measurement given both in the spec and in a data file.
    MeasuredInSpecToo,
    /// A data row whose touchpoint is not in its stage.
    TouchpointNotInStage,
    /// `data:` or `{value, target}` without a `metrics` registry.
    NeedsRegistry,
}

impl Code {
    /// The stable code shown to users, e.g. `JM0103`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "JM0001",
            Code::DuplicateKey => "JM0002",
            Code::NotText => "JM0003",
            Code::TooLarge => "JM0004",
            Code::YamlLimit => "JM0005",
            Code::UnknownKey => "JM0010",
            Code::MissingKey => "JM0011",
            Code::WrongType => "JM0012",
            Code::EmptyText => "JM0013",
            Code::InvalidChoice => "JM0014",
            Code::UnsupportedVersion => "JM0015",
            Code::EmptyList => "JM0016",
            Code::InvalidId => "JM0101",
            Code::DuplicateId => "JM0102",
            Code::UnknownChannel => "JM0103",
            Code::UnknownPersona => "JM0104",
            Code::UnknownStage => "JM0105",
            Code::UnknownLint => "JM0106",
            Code::EmotionOutOfScale => "JM0201",
            Code::InvalidScale => "JM0202",
            Code::EmotionPersonaNotOnTouchpoint => "JM0203",
            Code::ImportNotFound => "JM0301",
            Code::ImportCycle => "JM0302",
            Code::UnknownMetric => "JM0107",
            Code::UnknownTouchpoint => "JM0108",
            Code::UnknownPainPoint => "JM0109",
            Code::TicketScheme => "JM0206",
            Code::RelatedFailed => "JM0303",
            Code::RelatedNotUsable => "JM0304",
            Code::ParentCycle => "JM0305",
            Code::NotANumber => "JM0204",
            Code::OutsideSurveyScale => "JM0205",
            Code::DataFileFailed => "JM0401",
            Code::DataNotUtf8 => "JM0402",
            Code::DataTable => "JM0403",
            Code::MeasuredTwice => "JM0404",
            Code::MeasuredInSpecToo => "JM0405",
            Code::TouchpointNotInStage => "JM0406",
            Code::NeedsRegistry => "JM0407",
        }
    }
}

impl Problem {
    /// The code of this kind of error: the one place that decides it.
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Problem::YamlSyntax { .. } | Problem::UnclosedQuote { .. } => Code::YamlSyntax,
            Problem::DuplicateKey { .. } => Code::DuplicateKey,
            Problem::NotText { .. } => Code::NotText,
            Problem::TooLarge { .. } => Code::TooLarge,
            Problem::YamlTooLarge
            | Problem::YamlTooDeep { .. }
            | Problem::TooManyErrors { .. }
            | Problem::TooManyInSpec { .. }
            | Problem::TooManyPersonas { .. }
            | Problem::TooManyChannels { .. }
            | Problem::TooManyPairs { .. } => Code::YamlLimit,
            Problem::UnknownKey { .. } | Problem::CommaSplitKey { .. } => Code::UnknownKey,
            Problem::MissingKey { .. }
            | Problem::EmptySpec
            | Problem::NoStages
            | Problem::NoVersion
            | Problem::MissingScaleEnd { .. }
            | Problem::NoPersonas => Code::MissingKey,
            Problem::WrongType { .. }
            | Problem::NotAMapping { .. }
            | Problem::KeyNotText { .. } => Code::WrongType,
            Problem::EmptyText { .. } => Code::EmptyText,
            Problem::InvalidChoice { .. } | Problem::InvalidLintLevel { .. } => Code::InvalidChoice,
            Problem::UnsupportedVersion { .. } => Code::UnsupportedVersion,
            Problem::EmptyStages => Code::EmptyList,
            Problem::InvalidId { .. } => Code::InvalidId,
            Problem::DuplicateId { .. } => Code::DuplicateId,
            Problem::UnknownChannel { .. } => Code::UnknownChannel,
            Problem::UnknownPersona { .. } => Code::UnknownPersona,
            Problem::UnknownStage { .. } => Code::UnknownStage,
            Problem::UnknownLint { .. } => Code::UnknownLint,
            Problem::EmotionOutOfScale { .. } => Code::EmotionOutOfScale,
            Problem::InvalidScale { .. } => Code::InvalidScale,
            Problem::EmotionPersonaNotOnTouchpoint { .. } => Code::EmotionPersonaNotOnTouchpoint,
            // A spec that cannot be read is reported like an import that cannot.
            Problem::ImportFailed { .. } | Problem::Unreadable { .. } => Code::ImportNotFound,
            Problem::ImportCycle { .. } => Code::ImportCycle,
            Problem::UnknownMetric { .. } => Code::UnknownMetric,
            Problem::UnknownRef { of, .. } => match of {
                IdKind::Stage => Code::UnknownStage,
                IdKind::Persona => Code::UnknownPersona,
                IdKind::Channel => Code::UnknownChannel,
                IdKind::Metric => Code::UnknownMetric,
                IdKind::Touchpoint => Code::UnknownTouchpoint,
                IdKind::PainPoint => Code::UnknownPainPoint,
            },
            Problem::NotANumber { .. } => Code::NotANumber,
            Problem::OutsideSurveyScale { .. } => Code::OutsideSurveyScale,
            Problem::InvalidSurveyScale { .. } => Code::InvalidScale,
            Problem::NeedsRegistry { .. } => Code::NeedsRegistry,
            Problem::DataFileFailed { .. } => Code::DataFileFailed,
            Problem::DataNotUtf8 { .. } => Code::DataNotUtf8,
            Problem::DataTable { .. } => Code::DataTable,
            Problem::MeasuredTwice { .. } => Code::MeasuredTwice,
            Problem::MeasuredInSpecToo { .. } => Code::MeasuredInSpecToo,
            Problem::TouchpointNotInStage { .. } => Code::TouchpointNotInStage,
            Problem::PersonaNotOnTouchpoint { .. } => Code::EmotionPersonaNotOnTouchpoint,
            Problem::TooManyRows { .. } => Code::YamlLimit,
            Problem::TicketScheme { .. } => Code::TicketScheme,
            Problem::RelatedFailed { .. } => Code::RelatedFailed,
            Problem::RelatedNotASpec { .. } | Problem::RelatedHasErrors { .. } => {
                Code::RelatedNotUsable
            }
            Problem::ParentCycle { .. } => Code::ParentCycle,
            Problem::NotInParent { of, .. } => match of {
                IdKind::Touchpoint => Code::UnknownTouchpoint,
                _ => Code::UnknownStage,
            },
            Problem::NotASampleSize { .. } => Code::NotANumber,
            Problem::DataListedTwice { .. } => Code::DataFileFailed,
        }
    }
}

/// A secondary place that explains the primary one (e.g. the first definition of a duplicate id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub span: Span,
    pub label: NoteLabel,
}

/// One problem found in a spec: where, how serious, and what it is as data;
/// the words come from the catalogue ([`Lang::texts`]) when it is printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The code as shown (`JM0103`, or a lint's `JM1001`).
    pub code: &'static str,
    pub message: Message,
    pub span: Span,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    /// An error at `span`, with the code of its kind.
    #[must_use]
    pub fn error(problem: Problem, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: problem.code().as_str(),
            message: Message::Problem(problem),
            span,
            notes: Vec::new(),
        }
    }

    /// Add a secondary place.
    #[must_use]
    pub fn note(mut self, span: Span, label: NoteLabel) -> Self {
        self.notes.push(Note { span, label });
        self
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic in words.
    #[must_use]
    pub fn texts(&self, lang: Lang) -> Texts {
        lang.texts(&self.message)
    }
}

/// Sort diagnostics by file, then position, then code, so output is stable;
/// diagnostics at the same place with the same code by their English message,
/// so the order is the same in every language.
pub fn sort(diags: &mut [Diagnostic]) {
    let place = |d: &Diagnostic| (d.span.file, d.span.start(), d.span.end(), d.code);
    diags.sort_by(|a, b| {
        place(a).cmp(&place(b)).then_with(|| {
            let english = |d: &Diagnostic| d.texts(Lang::En).message;
            english(a).cmp(&english(b))
        })
    });
}

/// The candidate closest to a misspelt `word`, within rustc's threshold
/// (a third of its length, at least 1); the first of equally close ones.
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip the matrix when that is too far.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let cands = ["email", "web", "store"];
        assert_eq!(closest("emial", cands), Some("email"));
        assert_eq!(closest("phone", cands), None);
        assert_eq!(closest("店頭", ["店舗"]), Some("店舗"));
        assert_eq!(closest("webb", cands), Some("web"));
    }

    #[test]
    fn ties_keep_the_first_candidate() {
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
    }
}

/// The most errors reported for one file by each stage (reading, then analysis);
/// the rest are counted in one more error. Thousands of errors help nobody, and
/// each printed error shows its line: on a spec written as one long line, an
/// unbounded number of them made `check` quadratic in the input.
pub const MAX_ERRORS: usize = 100;

/// Errors up to [`MAX_ERRORS`], then only their number and where the first of the rest is.
#[derive(Default)]
pub struct Capped {
    list: Vec<Diagnostic>,
    more: usize,
    first_more: Option<Span>,
}

impl Capped {
    pub fn push(&mut self, d: Diagnostic) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(d);
        } else {
            self.more += 1;
            self.first_more.get_or_insert(d.span);
        }
    }

    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.more > 0 || self.list.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics kept so far.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// The errors kept, and one more that counts the others.
    #[must_use]
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut list = self.list;
        if let Some(span) = self.first_more {
            let problem = Problem::TooManyErrors {
                more: self.more,
                max: MAX_ERRORS,
            };
            list.push(Diagnostic::error(problem, span));
        }
        list
    }
}
