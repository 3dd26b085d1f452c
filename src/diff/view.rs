//! What the diff templates see: the change set, the words, and the notes
//! each listed stage and touchpoint carries (added, renamed, moved…), so the
//! templates only place them.

use super::changes::{ChangeSet, StageChange, Status, TouchpointChange, has_details};
use super::overlay::Chart;
use crate::locale::DiffWords;
use crate::model::Scale;
use serde::Serialize;
use std::collections::BTreeMap;

/// The template context of `diff -f md` and `diff -f html`.
#[derive(Serialize)]
pub(super) struct View<'a> {
    pub diff: &'a ChangeSet,
    pub labels: &'static DiffWords,
    pub summary: String,
    /// Persona id -> name, from both sides (the new name wins).
    pub names: BTreeMap<&'a str, &'a str>,
    /// The stages with changes to list (not only a new mean emotion).
    pub listed: Vec<Listed<'a>>,
    pub charts: Vec<Chart>,
    pub generator: &'static str,
    /// The new journey's scale, for the `score` filter.
    pub scale: Scale,
}

/// A stage with changes to list.
#[derive(Serialize)]
pub(super) struct Listed<'a> {
    pub stage: &'a StageChange,
    pub notes: Vec<Note>,
    pub touchpoints: Vec<ListedTouchpoint<'a>>,
}

#[derive(Serialize)]
pub(super) struct ListedTouchpoint<'a> {
    pub tp: &'a TouchpointChange,
    pub notes: Vec<Note>,
    /// Only metrics or other fields changed: listed on one line.
    pub minor: bool,
}

/// A note after a name, e.g. `renamed from “{old}”`: the words around the
/// spec text it quotes, which the template escapes for its format.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Note {
    pub before: String,
    pub arg: Option<String>,
    /// The quoted text is a stage's name, set in bold in Markdown.
    pub strong: bool,
    pub after: String,
}

impl Note {
    fn word(w: &str) -> Self {
        Note {
            before: w.to_owned(),
            arg: None,
            strong: false,
            after: String::new(),
        }
    }

    /// `label` with the spec text `arg` in place of `{key}`.
    fn quoting(label: &str, key: &str, arg: &str, strong: bool) -> Self {
        let (before, after) = label.split_once(key).unwrap_or((label, ""));
        Note {
            before: before.to_owned(),
            arg: Some(arg.to_owned()),
            strong,
            after: after.to_owned(),
        }
    }
}

fn status_notes(status: Status, old_name: Option<&str>, w: &DiffWords) -> Vec<Note> {
    let mut notes = Vec::new();
    match status {
        Status::Added => notes.push(Note::word(w.added)),
        Status::Removed => notes.push(Note::word(w.removed)),
        Status::Changed => {}
    }
    if let Some(old) = old_name {
        notes.push(Note::quoting(w.renamed_from, "{old}", old, false));
    }
    notes
}

fn positions(w: &DiffWords, old: usize, new: usize) -> Note {
    Note::word(
        &w.moved_within
            .replace("{old}", &old.to_string())
            .replace("{new}", &new.to_string()),
    )
}

/// The stages to list, with their notes and their touchpoints'.
pub(super) fn listed<'a>(set: &'a ChangeSet, w: &DiffWords) -> Vec<Listed<'a>> {
    set.stages
        .iter()
        .filter(|s| has_details(s))
        .map(|s| {
            let mut notes = status_notes(s.status, s.old_name.as_deref(), w);
            if s.moved {
                notes.push(positions(
                    w,
                    s.old_position.unwrap_or(0),
                    s.new_position.unwrap_or(0),
                ));
            }
            Listed {
                stage: s,
                notes,
                touchpoints: s.touchpoints.iter().map(|t| touchpoint(t, w)).collect(),
            }
        })
        .collect()
}

fn touchpoint<'a>(t: &'a TouchpointChange, w: &DiffWords) -> ListedTouchpoint<'a> {
    let mut notes = status_notes(t.status, t.old_name.as_deref(), w);
    match &t.moved {
        Some(m) if m.across => notes.push(Note::quoting(
            w.moved_from,
            "{stage}",
            &m.from_stage_name,
            true,
        )),
        Some(m) => notes.push(positions(w, m.old_position, m.new_position)),
        None => {}
    }
    let minor = notes.is_empty()
        && t.emotion.is_empty()
        && t.feeling.is_none()
        && t.channel.is_none()
        && t.personas.added.is_empty()
        && t.personas.removed.is_empty()
        && t.pain_points.resolved.is_empty()
        && t.pain_points.added.is_empty()
        && t.opportunities.added.is_empty()
        && t.opportunities.removed.is_empty();
    ListedTouchpoint {
        tp: t,
        notes,
        minor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_quote_the_spec_text_between_their_words() {
        let w = crate::locale::diff_words(crate::model::Locale::En);
        assert_eq!(
            Note::quoting(w.renamed_from, "{old}", "Trial", false),
            Note {
                before: "renamed from “".into(),
                arg: Some("Trial".into()),
                strong: false,
                after: "”".into()
            }
        );
        assert_eq!(positions(w, 2, 3).before, "moved from position 2 to 3");
        let ja = crate::locale::diff_words(crate::model::Locale::Ja);
        let n = Note::quoting(ja.moved_from, "{stage}", "検討", true);
        assert_eq!((n.before.as_str(), n.after.as_str()), ("", "から移動"));
    }
}
