//! A diff of two subjects (ours and a competitor's, SPEC.md §7): the same
//! pairing and the same facts as a diff of two versions, read as a comparison.
//! Nothing is added, removed, resolved, improved or worse: a stage or a pain
//! point is only on one side, and one side is higher or lower than the other.
//!
//! The JSON of a comparison is the change set under neutral names (see
//! `docs/diff.md`): `comparison: true` and `subjects` at the top; `status`
//! `only_old | only_new | both`; `pain_points`, `opportunities`, `kpis`,
//! personas and channels as `only_old` / `only_new`; `verdict`
//! `old_higher | new_higher | mixed`; `lowest_moments` with `old` and `new`;
//! a `summary` of its own counts ([`Tally`]).

use super::changes::{
    ChangeSet, EmotionChange, FieldChange, ItemChanges, ListChanges, Low, LowestChange, Move,
    MovedOut, Named, PainChanges, Registry, RegistryChange, Side, StageChange, Status,
    TouchpointChange, Verdict,
};
use super::facts::verdict;
use super::matching::MatchedBy;
use crate::model::{Item, Journey};
use serde::Serialize;

/// Whose journeys are compared: each side's `subject` (`null`: ours).
#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub struct Subjects {
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Subjects {
    /// The subjects of two journeys when they differ (a comparison); `None`
    /// for two versions of one subject's journey.
    #[must_use]
    pub fn of(old: &Journey, new: &Journey) -> Option<Self> {
        (old.subject != new.subject).then(|| Subjects {
            old: old.subject.clone(),
            new: new.subject.clone(),
        })
    }

    /// The sides' names: their subject, else `ours` (the locale's word).
    #[must_use]
    pub fn names(&self, ours: &str) -> (String, String) {
        let name = |s: &Option<String>| s.clone().unwrap_or_else(|| ours.to_owned());
        (name(&self.old), name(&self.new))
    }
}

/// The counts of a comparison's summary line, zeros included. `old_higher`:
/// the old side's emotion is higher (it leads); `new_higher`: it trails.
#[derive(Debug, Serialize, Default, PartialEq, Eq)]
pub struct Tally {
    pub stages_new_higher: usize,
    pub stages_old_higher: usize,
    pub stages_mixed: usize,
    pub stages_only_old: usize,
    pub stages_only_new: usize,
    pub stages_name_differs: usize,
    pub stages_place_differs: usize,
    pub touchpoints_new_higher: usize,
    pub touchpoints_old_higher: usize,
    pub touchpoints_mixed: usize,
    pub touchpoints_only_old: usize,
    pub touchpoints_only_new: usize,
    pub touchpoints_name_differs: usize,
    pub touchpoints_place_differs: usize,
    pub pain_points_only_old: usize,
    pub pain_points_only_new: usize,
    pub opportunities_only_old: usize,
    pub opportunities_only_new: usize,
    pub kpis_only_old: usize,
    pub kpis_only_new: usize,
    pub metrics_differ: usize,
    pub personas_only_old: usize,
    pub personas_only_new: usize,
    pub personas_differ: usize,
    pub channels_only_old: usize,
    pub channels_only_new: usize,
    pub channels_differ: usize,
}

/// Which side is higher: the verdict of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Leader {
    OldHigher,
    NewHigher,
    Mixed,
}

impl From<Verdict> for Leader {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Improved => Leader::NewHigher,
            Verdict::Worse => Leader::OldHigher,
            Verdict::Mixed => Leader::Mixed,
        }
    }
}

/// Where a stage or touchpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    OnlyOld,
    OnlyNew,
    Both,
}

impl From<Status> for Presence {
    fn from(s: Status) -> Self {
        match s {
            Status::Added => Presence::OnlyNew,
            Status::Removed => Presence::OnlyOld,
            Status::Changed => Presence::Both,
        }
    }
}

/// How a stage on both sides compares: from its mean emotion per basis.
#[must_use]
pub fn stage_verdict(s: &StageChange) -> Option<Leader> {
    if s.status != Status::Changed {
        return None;
    }
    verdict(&s.emotion).map(Leader::from)
}

#[must_use]
pub fn tally(set: &ChangeSet) -> Tally {
    let s = &set.summary;
    let mut t = Tally {
        stages_only_old: s.stages_removed,
        stages_only_new: s.stages_added,
        stages_name_differs: s.stages_renamed,
        stages_place_differs: s.stages_moved,
        touchpoints_new_higher: s.touchpoints_improved,
        touchpoints_old_higher: s.touchpoints_worse,
        touchpoints_mixed: s.touchpoints_mixed,
        touchpoints_only_old: s.touchpoints_removed,
        touchpoints_only_new: s.touchpoints_added,
        touchpoints_name_differs: s.touchpoints_renamed,
        touchpoints_place_differs: s.touchpoints_moved,
        pain_points_only_old: s.pain_points_resolved,
        pain_points_only_new: s.pain_points_added,
        opportunities_only_old: s.opportunities_removed,
        opportunities_only_new: s.opportunities_added,
        kpis_only_old: s.kpis_removed,
        kpis_only_new: s.kpis_added,
        metrics_differ: s.metrics_changed,
        personas_only_old: s.personas_removed,
        personas_only_new: s.personas_added,
        personas_differ: s.personas_changed,
        channels_only_old: s.channels_removed,
        channels_only_new: s.channels_added,
        channels_differ: s.channels_changed,
        ..Tally::default()
    };
    for st in &set.stages {
        match stage_verdict(st) {
            Some(Leader::NewHigher) => t.stages_new_higher += 1,
            Some(Leader::OldHigher) => t.stages_old_higher += 1,
            Some(Leader::Mixed) => t.stages_mixed += 1,
            None => {}
        }
    }
    t
}

/// What one side has and the other has not.
#[derive(Serialize)]
struct Only<'a, T> {
    only_old: &'a [T],
    only_new: &'a [T],
}

fn pains(p: &PainChanges) -> Only<'_, Item> {
    Only {
        only_old: &p.resolved,
        only_new: &p.added,
    }
}

fn items(i: &ItemChanges) -> Only<'_, Item> {
    Only {
        only_old: &i.removed,
        only_new: &i.added,
    }
}

fn list(l: &ListChanges) -> Only<'_, String> {
    Only {
        only_old: &l.removed,
        only_new: &l.added,
    }
}

#[derive(Serialize)]
struct Registers<'a> {
    only_old: &'a [Named],
    only_new: &'a [Named],
    differ: &'a [RegistryChange],
}

fn registry(r: &Registry) -> Registers<'_> {
    Registers {
        only_old: &r.removed,
        only_new: &r.added,
        differ: &r.changed,
    }
}

#[derive(Serialize)]
struct Lowest<'a> {
    persona: &'a Option<String>,
    old: &'a Option<Low>,
    new: &'a Option<Low>,
}

#[derive(Serialize)]
struct Stage<'a> {
    status: Presence,
    key: &'a str,
    id: &'a Option<String>,
    name: &'a str,
    matched_by: Option<MatchedBy>,
    old_name: &'a Option<String>,
    old_position: Option<usize>,
    new_position: Option<usize>,
    moved: bool,
    verdict: Option<Leader>,
    emotion: &'a [EmotionChange],
    pain_points: Only<'a, Item>,
    opportunities: Only<'a, Item>,
    kpis: Only<'a, String>,
    fields: &'a [String],
    metrics: &'a [FieldChange],
    touchpoints: Vec<Touchpoint<'a>>,
    moved_out: &'a [MovedOut],
}

#[derive(Serialize)]
struct Touchpoint<'a> {
    status: Presence,
    key: &'a str,
    id: &'a Option<String>,
    name: &'a str,
    matched_by: Option<MatchedBy>,
    old_name: &'a Option<String>,
    moved: &'a Option<Move>,
    emotion: &'a [EmotionChange],
    verdict: Option<Leader>,
    feeling: &'a Option<FieldChange>,
    channel: &'a Option<FieldChange>,
    personas: Only<'a, String>,
    pain_points: Only<'a, Item>,
    opportunities: Only<'a, Item>,
    metrics: &'a [FieldChange],
    fields: &'a [String],
}

/// `diff -f json` of a comparison.
#[derive(Serialize)]
pub struct Json<'a> {
    journeymap_diff: u32,
    comparison: bool,
    subjects: &'a Subjects,
    old: &'a Side,
    new: &'a Side,
    persona: &'a Option<String>,
    rescaled: bool,
    changed: bool,
    summary: Tally,
    metadata: &'a [FieldChange],
    fields: &'a [String],
    personas: Registers<'a>,
    channels: Registers<'a>,
    per_persona: bool,
    bases: &'a [Option<String>],
    lowest_moments: Vec<Lowest<'a>>,
    stages: Vec<Stage<'a>>,
}

fn touchpoint(t: &TouchpointChange) -> Touchpoint<'_> {
    Touchpoint {
        status: t.status.into(),
        key: &t.key,
        id: &t.id,
        name: &t.name,
        matched_by: t.matched_by,
        old_name: &t.old_name,
        moved: &t.moved,
        emotion: &t.emotion,
        verdict: t.verdict.map(Leader::from),
        feeling: &t.feeling,
        channel: &t.channel,
        personas: list(&t.personas),
        pain_points: pains(&t.pain_points),
        opportunities: items(&t.opportunities),
        metrics: &t.metrics,
        fields: &t.fields,
    }
}

fn stage(s: &StageChange) -> Stage<'_> {
    Stage {
        status: s.status.into(),
        key: &s.key,
        id: &s.id,
        name: &s.name,
        matched_by: s.matched_by,
        old_name: &s.old_name,
        old_position: s.old_position,
        new_position: s.new_position,
        moved: s.moved,
        verdict: stage_verdict(s),
        emotion: &s.emotion,
        pain_points: pains(&s.pain_points),
        opportunities: items(&s.opportunities),
        kpis: list(&s.kpis),
        fields: &s.fields,
        metrics: &s.metrics,
        touchpoints: s.touchpoints.iter().map(touchpoint).collect(),
        moved_out: &s.moved_out,
    }
}

/// The change set of a comparison under its neutral names.
#[must_use]
pub fn json<'a>(set: &'a ChangeSet, subjects: &'a Subjects) -> Json<'a> {
    let lowest = |l: &'a LowestChange| Lowest {
        persona: &l.persona,
        old: &l.before,
        new: &l.after,
    };
    Json {
        journeymap_diff: set.journeymap_diff,
        comparison: true,
        subjects,
        old: &set.old,
        new: &set.new,
        persona: &set.persona,
        rescaled: set.rescaled,
        changed: set.changed,
        summary: tally(set),
        metadata: &set.metadata,
        fields: &set.fields,
        personas: registry(&set.personas),
        channels: registry(&set.channels),
        per_persona: set.per_persona,
        bases: &set.bases,
        lowest_moments: set.lowest_moments.iter().map(lowest).collect(),
        stages: set.stages.iter().map(stage).collect(),
    }
}
