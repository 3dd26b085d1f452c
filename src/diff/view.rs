//! What the diff templates see: the change set, the words, and the notes
//! each listed stage and touchpoint carries (added, renamed, moved…), so the
//! templates only place them.

use super::changes::{ChangeSet, MovedOut, StageChange, Status, TouchpointChange, has_details};
use super::fill;
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
    /// A comparison of two subjects: the sides' names. `None`: two versions.
    pub cmp: Option<Sides>,
}

/// The names of the two sides of a comparison: their `subject`, or `ours`.
#[derive(Serialize, Debug, Clone)]
pub(super) struct Sides {
    pub old: String,
    pub new: String,
}

/// A stage with changes to list.
#[derive(Serialize)]
pub(super) struct Listed<'a> {
    pub stage: &'a StageChange,
    pub notes: Vec<Note>,
    pub touchpoints: Vec<ListedTouchpoint<'a>>,
    /// Its touchpoints that sit in another stage on the new side, with their notes.
    pub moved_out: Vec<ListedMove<'a>>,
}

#[derive(Serialize)]
pub(super) struct ListedTouchpoint<'a> {
    pub tp: &'a TouchpointChange,
    pub notes: Vec<Note>,
    /// Only metrics or other fields changed: listed on one line.
    pub minor: bool,
}

#[derive(Serialize)]
pub(super) struct ListedMove<'a> {
    pub tp: &'a MovedOut,
    pub notes: Vec<Note>,
}

/// A note after a name, e.g. `renamed from “{old}”`: the words, with the spec
/// text they quote in its place, which the template escapes for its format.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Note {
    pub parts: Vec<Part>,
}

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Part {
    pub text: String,
    /// Spec text or a side's name (escaped by the template), not the note's own words.
    pub quoted: bool,
    /// The quoted text is a stage's name, set in bold in Markdown.
    pub strong: bool,
}

/// How a note quotes an argument.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A number: part of the words.
    Plain,
    /// Spec text or a side's name.
    Quoted,
    /// A stage's name.
    Strong,
}

impl Note {
    fn word(w: &str) -> Self {
        Note::quoting(w, &[])
    }

    /// `label` with each `{key}` of `args` replaced by its text.
    fn quoting(label: &str, args: &[(&str, &str, Kind)]) -> Self {
        let names: Vec<&str> = args.iter().map(|a| a.0).collect();
        let parts = fill::split(label, &names)
            .into_iter()
            .filter_map(|piece| match piece {
                fill::Piece::Text(t) => Some(Part {
                    text: t.to_owned(),
                    quoted: false,
                    strong: false,
                }),
                fill::Piece::Arg(name) => {
                    let &(_, text, kind) = args.iter().find(|a| a.0 == name)?;
                    Some(Part {
                        text: text.to_owned(),
                        quoted: kind != Kind::Plain,
                        strong: kind == Kind::Strong,
                    })
                }
            })
            .collect();
        Note { parts }
    }
}

/// The words of the notes: a version diff's, or a comparison's with the sides' names.
struct Notes<'w> {
    w: &'w DiffWords,
    cmp: Option<&'w Sides>,
}

impl Notes<'_> {
    fn status(&self, status: Status, old_name: Option<&str>) -> Vec<Note> {
        let mut notes = Vec::new();
        let (w, c) = (self.w, &self.w.cmp);
        match (status, self.cmp) {
            (Status::Added, None) => notes.push(Note::word(w.added)),
            (Status::Removed, None) => notes.push(Note::word(w.removed)),
            (Status::Added, Some(s)) => {
                notes.push(Note::quoting(c.only_in, &[("side", &s.new, Kind::Quoted)]));
            }
            (Status::Removed, Some(s)) => {
                notes.push(Note::quoting(c.only_in, &[("side", &s.old, Kind::Quoted)]));
            }
            (Status::Changed, _) => {}
        }
        if let Some(old) = old_name {
            notes.push(match self.cmp {
                None => Note::quoting(w.renamed_from, &[("old", old, Kind::Quoted)]),
                Some(s) => Note::quoting(
                    c.named,
                    &[("name", old, Kind::Quoted), ("side", &s.old, Kind::Quoted)],
                ),
            });
        }
        notes
    }

    fn positions(&self, old: usize, new: usize) -> Note {
        let (m, n) = (old.to_string(), new.to_string());
        match self.cmp {
            None => Note::quoting(
                self.w.moved_within,
                &[("old", &m, Kind::Plain), ("new", &n, Kind::Plain)],
            ),
            Some(s) => Note::quoting(
                self.w.cmp.positions,
                &[
                    ("m", &m, Kind::Plain),
                    ("n", &n, Kind::Plain),
                    ("old", &s.old, Kind::Quoted),
                    ("new", &s.new, Kind::Quoted),
                ],
            ),
        }
    }

    /// A touchpoint in another stage: the old one (`from`), or the new one.
    fn stage(&self, stage: &str, from: bool) -> Note {
        let (w, c) = (self.w, &self.w.cmp);
        match (self.cmp, from) {
            (None, true) => Note::quoting(w.moved_from, &[("stage", stage, Kind::Strong)]),
            (None, false) => Note::quoting(w.moved_to, &[("stage", stage, Kind::Strong)]),
            (Some(s), _) => Note::quoting(
                c.in_stage,
                &[
                    ("stage", stage, Kind::Strong),
                    ("side", if from { &s.old } else { &s.new }, Kind::Quoted),
                ],
            ),
        }
    }

    fn touchpoint<'a>(&self, t: &'a TouchpointChange) -> ListedTouchpoint<'a> {
        let mut notes = self.status(t.status, t.old_name.as_deref());
        match &t.moved {
            Some(m) if m.across => notes.push(self.stage(&m.from_stage_name, true)),
            Some(m) => notes.push(self.positions(m.old_position, m.new_position)),
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
}

/// The stages to list, with their notes and their touchpoints'.
pub(super) fn listed<'a>(
    set: &'a ChangeSet,
    w: &DiffWords,
    cmp: Option<&Sides>,
) -> Vec<Listed<'a>> {
    let words = Notes { w, cmp };
    set.stages
        .iter()
        .filter(|s| has_details(s))
        .map(|s| {
            let mut notes = words.status(s.status, s.old_name.as_deref());
            if s.moved {
                notes.push(
                    words.positions(s.old_position.unwrap_or(0), s.new_position.unwrap_or(0)),
                );
            }
            Listed {
                stage: s,
                notes,
                touchpoints: s.touchpoints.iter().map(|t| words.touchpoint(t)).collect(),
                moved_out: s
                    .moved_out
                    .iter()
                    .map(|m| ListedMove {
                        tp: m,
                        notes: vec![words.stage(&m.to_stage_name, false)],
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: &Note) -> Vec<(&str, bool)> {
        n.parts
            .iter()
            .map(|p| (p.text.as_str(), p.quoted))
            .collect()
    }

    #[test]
    fn notes_quote_the_spec_text_between_their_words() {
        let w = crate::locale::diff_words(crate::model::Locale::En);
        let en = Notes { w, cmp: None };
        let n = Note::quoting(w.renamed_from, &[("old", "Trial", Kind::Quoted)]);
        assert_eq!(
            text(&n),
            [("renamed from “", false), ("Trial", true), ("”", false)]
        );
        assert_eq!(
            text(&en.positions(2, 3)),
            [
                ("moved from position ", false),
                ("2", false),
                (" to ", false),
                ("3", false)
            ]
        );
        let ja = crate::locale::diff_words(crate::model::Locale::Ja);
        let n = Notes { w: ja, cmp: None }.stage("検討", true);
        assert_eq!(text(&n), [("検討", true), ("から移動", false)]);
        assert!(n.parts[0].strong);
    }

    #[test]
    fn a_comparison_names_the_sides() {
        let w = crate::locale::diff_words(crate::model::Locale::En);
        let sides = Sides {
            old: "ours".into(),
            new: "{old} Inc".into(),
        };
        let c = Notes {
            w,
            cmp: Some(&sides),
        };
        let notes = c.status(Status::Added, Some("Pricing"));
        assert_eq!(text(&notes[0]), [("only in ", false), ("{old} Inc", true)]);
        assert_eq!(
            text(&notes[1]),
            [
                ("called “", false),
                ("Pricing", true),
                ("” in ", false),
                ("ours", true)
            ]
        );
        assert_eq!(
            text(&c.positions(1, 2)),
            [
                ("position ", false),
                ("1", false),
                (" in ", false),
                ("ours", true),
                (", ", false),
                ("2", false),
                (" in ", false),
                ("{old} Inc", true)
            ]
        );
    }
}
