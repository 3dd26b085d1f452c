//! The change set: what `diff` found, as data. This is `diff -f json` (field
//! names are stable; `journeymap_diff` is bumped when one changes meaning), and
//! what the Markdown and HTML templates lay out.
//!
//! Only what changed is listed, in the new journey's order (an item that is
//! gone sits where it was, after its closest surviving predecessor).

use super::matching::MatchedBy;
use crate::model::{Item, Num, Scale};
use serde::Serialize;

/// Version of the JSON change set; bumped when a field changes meaning.
pub const FORMAT: u32 = 1;

#[derive(Debug, Serialize)]
pub struct ChangeSet {
    pub journeymap_diff: u32,
    pub old: Side,
    pub new: Side,
    /// The persona compared (`--persona`), if any.
    pub persona: Option<String>,
    /// The scales differ: old emotions were mapped linearly onto the new scale.
    pub rescaled: bool,
    /// Whether anything differs at all.
    pub changed: bool,
    pub summary: Summary,
    /// Title, state, version, owner and the other short journey fields that changed.
    pub metadata: Vec<FieldChange>,
    /// Longer journey fields that changed (`description`, `lints`, `x-` keys).
    pub fields: Vec<String>,
    pub personas: Registry,
    pub channels: Registry,
    /// Emotions compared per persona (they differ by persona on a side) or for all at once.
    pub per_persona: bool,
    /// The personas of the comparison, in order; `[null]` when not per persona.
    pub bases: Vec<Option<String>>,
    /// The lowest moment of each basis, before and after, when it changed.
    pub lowest_moments: Vec<LowestChange>,
    pub stages: Vec<StageChange>,
    /// The two sides' subjects when they differ: a comparison (ours and a
    /// competitor's), whose JSON is [`super::comparison::Json`].
    #[serde(skip)]
    pub subjects: Option<super::comparison::Subjects>,
}

/// One side of the comparison.
#[derive(Debug, Serialize)]
pub struct Side {
    pub file: String,
    pub title: String,
    pub state: Option<crate::model::State>,
    pub version: Option<String>,
    pub scale: Scale,
}

#[derive(Debug, Serialize, Default, PartialEq, Eq)]
pub struct Summary {
    pub stages_added: usize,
    pub stages_removed: usize,
    pub stages_renamed: usize,
    pub stages_moved: usize,
    pub touchpoints_added: usize,
    pub touchpoints_removed: usize,
    pub touchpoints_renamed: usize,
    pub touchpoints_moved: usize,
    pub touchpoints_improved: usize,
    pub touchpoints_worse: usize,
    pub touchpoints_mixed: usize,
    pub pain_points_resolved: usize,
    pub pain_points_added: usize,
    pub opportunities_added: usize,
    pub opportunities_removed: usize,
    pub kpis_added: usize,
    pub kpis_removed: usize,
    pub metrics_changed: usize,
    pub personas_added: usize,
    pub personas_removed: usize,
    pub personas_changed: usize,
    pub channels_added: usize,
    pub channels_removed: usize,
    pub channels_changed: usize,
}

#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Personas or channels: matched by id.
#[derive(Debug, Serialize, Default)]
pub struct Registry {
    pub added: Vec<Named>,
    pub removed: Vec<Named>,
    pub changed: Vec<RegistryChange>,
}

#[derive(Debug, Serialize, Clone)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct RegistryChange {
    pub id: String,
    pub name: String,
    /// The old name, when it was renamed.
    pub old_name: Option<String>,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

/// An emotion before and after, for one persona (`null`: all of them).
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct EmotionChange {
    pub persona: Option<String>,
    pub old: Option<Num>,
    pub new: Option<Num>,
    /// `new - old`, when both exist.
    pub delta: Option<Num>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Improved,
    Worse,
    Mixed,
}

#[derive(Debug, Serialize, Default)]
pub struct PainChanges {
    pub resolved: Vec<Item>,
    pub added: Vec<Item>,
}

#[derive(Debug, Serialize, Default)]
pub struct ItemChanges {
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
}

#[derive(Debug, Serialize, Default)]
pub struct ListChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct StageChange {
    pub status: Status,
    /// The stage key (new side; old side for a removed stage).
    pub key: String,
    pub id: Option<String>,
    pub name: String,
    pub matched_by: Option<MatchedBy>,
    /// The old name, when renamed.
    pub old_name: Option<String>,
    /// 1-based positions among the stages.
    pub old_position: Option<usize>,
    pub new_position: Option<usize>,
    /// Its place among the other stages changed.
    pub moved: bool,
    /// The mean emotion per basis (see `bases`), listed when any of them changed.
    pub emotion: Vec<EmotionChange>,
    pub pain_points: PainChanges,
    pub opportunities: ItemChanges,
    pub kpis: ListChanges,
    pub fields: Vec<String>,
    /// The stage's own metrics that changed.
    pub metrics: Vec<FieldChange>,
    pub touchpoints: Vec<TouchpointChange>,
    /// Touchpoints that left this stage for another one.
    pub moved_out: Vec<MovedOut>,
}

#[derive(Debug, Serialize)]
pub struct MovedOut {
    pub key: String,
    pub name: String,
    pub to_stage: String,
    pub to_stage_name: String,
}

#[derive(Debug, Serialize)]
pub struct Move {
    /// The old stage: another stage, or this one when only the position changed.
    pub from_stage: String,
    pub from_stage_name: String,
    /// Whether it came from another stage.
    pub across: bool,
    /// 1-based positions within the old and new stage.
    pub old_position: usize,
    pub new_position: usize,
}

#[derive(Debug, Serialize)]
pub struct TouchpointChange {
    pub status: Status,
    pub key: String,
    pub id: Option<String>,
    pub name: String,
    pub matched_by: Option<MatchedBy>,
    pub old_name: Option<String>,
    pub moved: Option<Move>,
    pub emotion: Vec<EmotionChange>,
    pub verdict: Option<Verdict>,
    pub feeling: Option<FieldChange>,
    pub channel: Option<FieldChange>,
    pub personas: ListChanges,
    pub pain_points: PainChanges,
    pub opportunities: ItemChanges,
    pub metrics: Vec<FieldChange>,
    /// Other fields that changed (`action`, `thought`, `evidence`…).
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct LowestChange {
    pub persona: Option<String>,
    pub before: Option<Low>,
    pub after: Option<Low>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Low {
    pub stage: String,
    pub stage_name: String,
    pub touchpoint: String,
    pub touchpoint_name: String,
    pub emotion: Num,
}

pub(super) fn stage_changed(s: &StageChange) -> bool {
    !s.emotion.is_empty() || has_details(s)
}

/// Whether a stage has more to list than its mean emotion (which can change
/// only because a persona came or went).
#[must_use]
pub fn has_details(s: &StageChange) -> bool {
    s.status != Status::Changed
        || s.old_name.is_some()
        || s.moved
        || !s.pain_points.added.is_empty()
        || !s.pain_points.resolved.is_empty()
        || !s.opportunities.added.is_empty()
        || !s.opportunities.removed.is_empty()
        || !s.kpis.added.is_empty()
        || !s.kpis.removed.is_empty()
        || !s.fields.is_empty()
        || !s.metrics.is_empty()
        || !s.touchpoints.is_empty()
        || !s.moved_out.is_empty()
}

pub(super) fn touchpoint_changed(t: &TouchpointChange) -> bool {
    t.old_name.is_some()
        || t.moved.is_some()
        || !t.emotion.is_empty()
        || t.feeling.is_some()
        || t.channel.is_some()
        || !t.personas.added.is_empty()
        || !t.personas.removed.is_empty()
        || !t.pain_points.added.is_empty()
        || !t.pain_points.resolved.is_empty()
        || !t.opportunities.added.is_empty()
        || !t.opportunities.removed.is_empty()
        || !t.metrics.is_empty()
        || !t.fields.is_empty()
}

pub(super) fn summarize(set: &ChangeSet) -> Summary {
    let mut s = Summary {
        personas_added: set.personas.added.len(),
        personas_removed: set.personas.removed.len(),
        personas_changed: set.personas.changed.len(),
        channels_added: set.channels.added.len(),
        channels_removed: set.channels.removed.len(),
        channels_changed: set.channels.changed.len(),
        ..Summary::default()
    };
    for st in &set.stages {
        match st.status {
            Status::Added => s.stages_added += 1,
            Status::Removed => s.stages_removed += 1,
            Status::Changed => {}
        }
        s.stages_renamed += usize::from(st.old_name.is_some());
        s.stages_moved += usize::from(st.moved);
        s.pain_points_resolved += st.pain_points.resolved.len();
        s.pain_points_added += st.pain_points.added.len();
        s.opportunities_added += st.opportunities.added.len();
        s.opportunities_removed += st.opportunities.removed.len();
        s.kpis_added += st.kpis.added.len();
        s.kpis_removed += st.kpis.removed.len();
        s.metrics_changed += st.metrics.len();
        for t in &st.touchpoints {
            match t.status {
                Status::Added => s.touchpoints_added += 1,
                Status::Removed => s.touchpoints_removed += 1,
                Status::Changed => match t.verdict {
                    Some(Verdict::Improved) => s.touchpoints_improved += 1,
                    Some(Verdict::Worse) => s.touchpoints_worse += 1,
                    Some(Verdict::Mixed) => s.touchpoints_mixed += 1,
                    None => {}
                },
            }
            s.touchpoints_renamed += usize::from(t.old_name.is_some());
            s.touchpoints_moved += usize::from(t.moved.is_some());
            s.pain_points_resolved += t.pain_points.resolved.len();
            s.pain_points_added += t.pain_points.added.len();
            s.opportunities_added += t.opportunities.added.len();
            s.opportunities_removed += t.opportunities.removed.len();
            s.metrics_changed += t.metrics.len();
        }
    }
    s
}
