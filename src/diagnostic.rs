//! Diagnostics as data: what went wrong, where, and how to fix it.
//!
//! Every stage that finds a problem in a spec pushes a [`Diagnostic`] with a
//! [`Code`]; nothing below `cli` prints. `report` turns them into text.

use crate::load::Span;
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
/// `JM02xx` values, `JM03xx` imports, `JM1xxx` lints.
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
        }
    }
}

/// A secondary place that explains the primary one (e.g. the first definition of a duplicate id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub span: Span,
    pub label: String,
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The code as shown (`JM0103`, or a lint's `JM1001`).
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    /// Short text under the caret.
    pub label: String,
    pub notes: Vec<Note>,
    pub help: Option<String>,
    /// Why this is reported (e.g. which level a lint has and where it was set).
    pub note: Option<String>,
}

impl Diagnostic {
    #[must_use]
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: code.as_str(),
            message: message.into(),
            span,
            label: String::new(),
            notes: Vec::new(),
            help: None,
            note: None,
        }
    }

    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    #[must_use]
    pub fn note(mut self, span: Span, label: impl Into<String>) -> Self {
        self.notes.push(Note {
            span,
            label: label.into(),
        });
        self
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort diagnostics by file, then position, then code, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.file, a.span.start, a.span.end, a.code, &a.message).cmp(&(
            b.span.file,
            b.span.start,
            b.span.end,
            b.code,
            &b.message,
        ))
    });
}

/// `did you mean `x`?` for a misspelt word, with rustc's threshold.
#[must_use]
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let cands = ["email", "web", "store"];
        assert_eq!(
            did_you_mean("emial", cands).as_deref(),
            Some("did you mean `email`?")
        );
        assert_eq!(did_you_mean("phone", cands), None);
        assert_eq!(
            did_you_mean("店頭", ["店舗"]).as_deref(),
            Some("did you mean `店舗`?")
        );
        assert_eq!(
            did_you_mean("webb", cands).as_deref(),
            Some("did you mean `web`?")
        );
    }
}
