//! The change set: two validated journeys in, what changed out, as data.
//! This is `diff -f json`; the Markdown and HTML reports lay it out.
//!
//! Only what changed is listed, in the new journey's order (an item that is
//! gone sits where it was, after its closest surviving predecessor).

use super::matching::{self, Located, MatchedBy, Pairing};
use crate::insight::{self, Insights};
use crate::model::{Item, Journey, Num, Scale, Stage, Touchpoint};
use crate::spec::{Extensions, Scalar};
use indexmap::IndexMap;
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

/// Compare two validated journeys (already narrowed to `persona`, if any).
#[must_use]
pub fn compare(
    old: &Journey,
    new: &Journey,
    files: (&str, &str),
    persona: Option<&str>,
) -> ChangeSet {
    let side = |j: &Journey, file: &str| Side {
        file: file.to_owned(),
        title: j.title.clone(),
        state: j.state,
        version: j.version.clone(),
        scale: j.scale,
    };
    let (metadata, fields) = journey_fields(old, new);
    let rescaled = old.scale != new.scale;
    let old_r = if rescaled {
        rescale(old, new.scale)
    } else {
        old.clone()
    };
    let ctx = Context::new(&old_r, new);
    let stages = ctx.stages();
    let mut set = ChangeSet {
        journeymap_diff: FORMAT,
        old: side(old, files.0),
        new: side(new, files.1),
        persona: persona.map(str::to_owned),
        rescaled,
        changed: false,
        summary: Summary::default(),
        metadata,
        fields,
        personas: registry(
            old.personas
                .iter()
                .map(|p| (&p.id, &p.name, persona_fields(p))),
            new.personas
                .iter()
                .map(|p| (&p.id, &p.name, persona_fields(p))),
        ),
        channels: registry(
            old.channels
                .iter()
                .map(|c| (&c.id, &c.name, channel_fields(c))),
            new.channels
                .iter()
                .map(|c| (&c.id, &c.name, channel_fields(c))),
        ),
        per_persona: ctx.bases.iter().any(Option::is_some),
        bases: ctx.bases.clone(),
        lowest_moments: ctx.lowest(),
        stages,
    };
    set.summary = summarize(&set);
    set.changed = set.summary != Summary::default()
        || !set.metadata.is_empty()
        || !set.fields.is_empty()
        || !set.stages.is_empty();
    set
}

/// The old journey with its emotions mapped linearly onto `to`.
pub(super) fn rescale(j: &Journey, to: Scale) -> Journey {
    let from = j.scale;
    let mut j = j.clone();
    let f = |v: Num| {
        round2(to.min.0 + (v.0 - from.min.0) * (to.max.0 - to.min.0) / (from.max.0 - from.min.0))
    };
    for s in &mut j.stages {
        for t in &mut s.touchpoints {
            for v in t.emotion.values_mut() {
                *v = f(*v);
            }
        }
    }
    j.scale = to;
    j
}

fn round2(x: f64) -> Num {
    let r = (x * 100.0).round() / 100.0;
    Num(if r == 0.0 { 0.0 } else { r })
}

/// Everything both sides need while comparing.
struct Context<'a> {
    old: &'a Journey,
    new: &'a Journey,
    pairing: Pairing,
    ot: Vec<Located<'a>>,
    nt: Vec<Located<'a>>,
    bases: Vec<Option<String>>,
    /// Insights per basis: (old, new); `None` where the persona is not on that side.
    insights: Vec<(Option<Insights>, Option<Insights>)>,
}

impl<'a> Context<'a> {
    fn new(old: &'a Journey, new: &'a Journey) -> Self {
        let per_persona = old.emotions_differ() || new.emotions_differ();
        let bases: Vec<Option<String>> = if per_persona {
            let mut ids: Vec<String> = new.personas.iter().map(|p| p.id.clone()).collect();
            for p in &old.personas {
                if !ids.contains(&p.id) {
                    ids.push(p.id.clone());
                }
            }
            ids.into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        let of = |j: &Journey, b: &Option<String>| match b {
            None => Some(insight::insights(j)),
            Some(p) => j.for_persona(p).ok().map(|j| insight::insights(&j)),
        };
        let insights = bases.iter().map(|b| (of(old, b), of(new, b))).collect();
        Context {
            old,
            new,
            pairing: matching::pair(old, new),
            ot: matching::touchpoints(old),
            nt: matching::touchpoints(new),
            bases,
            insights,
        }
    }

    /// Every stage that changed, in merged order.
    fn stages(&self) -> Vec<StageChange> {
        matching::merge(self.new.stages.len(), &self.pairing.stage_old)
            .into_iter()
            .filter_map(|entry| match entry {
                (Some(n), _) => Some(self.stage(self.pairing.stage_new[n], n)),
                (None, Some(o)) => Some(self.removed_stage(o)),
                (None, None) => None,
            })
            .filter(|s| s.status != Status::Changed || stage_changed(s))
            .collect()
    }

    fn stage(&self, old: Option<(usize, MatchedBy)>, n: usize) -> StageChange {
        let ns = &self.new.stages[n];
        let os = old.map(|(o, _)| &self.old.stages[o]);
        let mut c = StageChange {
            status: if os.is_some() {
                Status::Changed
            } else {
                Status::Added
            },
            key: ns.key.clone(),
            id: ns.id.clone(),
            name: ns.name.clone(),
            matched_by: old.map(|(_, m)| m),
            old_name: os.filter(|o| o.name != ns.name).map(|o| o.name.clone()),
            old_position: old.map(|(o, _)| o + 1),
            new_position: Some(n + 1),
            moved: self.pairing.stage_moved[n],
            emotion: self.stage_emotion(old.map(|(o, _)| o), Some(n)),
            pain_points: pains(os.map_or(&[][..], |s| &s.pain_points), &ns.pain_points),
            opportunities: items(os.map_or(&[][..], |s| &s.opportunities), &ns.opportunities),
            kpis: list(os.map_or(&[][..], |s| &s.kpis), &ns.kpis),
            fields: os.map(|o| stage_fields(o, ns)).unwrap_or_default(),
            touchpoints: self.stage_touchpoints(old.map(|(o, _)| o), n),
            moved_out: old.map(|(o, _)| self.moved_out(o)).unwrap_or_default(),
        };
        if let Some(o) = os
            && (item_attrs_differ(&o.pain_points, &ns.pain_points)
                || item_attrs_differ(&o.opportunities, &ns.opportunities))
        {
            c.fields.push("items".to_owned());
        }
        c
    }

    fn removed_stage(&self, o: usize) -> StageChange {
        let os = &self.old.stages[o];
        let touchpoints = self
            .pairing
            .removed_rows(&self.ot, o)
            .into_iter()
            .map(|i| self.touchpoint(Some(i), None))
            .collect();
        StageChange {
            status: Status::Removed,
            key: os.key.clone(),
            id: os.id.clone(),
            name: os.name.clone(),
            matched_by: None,
            old_name: None,
            old_position: Some(o + 1),
            new_position: None,
            moved: false,
            emotion: self.stage_emotion(Some(o), None),
            pain_points: pains(&os.pain_points, &[]),
            opportunities: items(&os.opportunities, &[]),
            kpis: list(&os.kpis, &[]),
            fields: Vec::new(),
            touchpoints,
            moved_out: self.moved_out(o),
        }
    }

    /// The touchpoints of new stage `n` (with the removed ones of its old partner `o`).
    fn stage_touchpoints(&self, o: Option<usize>, n: usize) -> Vec<TouchpointChange> {
        self.pairing
            .stage_rows(&self.ot, &self.nt, o, n)
            .into_iter()
            .map(|(o, n)| self.touchpoint(o, n))
            .filter(|t| t.status != Status::Changed || touchpoint_changed(t))
            .collect()
    }

    /// Touchpoints of old stage `o` now in a stage that is not its partner.
    fn moved_out(&self, o: usize) -> Vec<MovedOut> {
        let partner = self.pairing.stage_old[o];
        self.ot
            .iter()
            .enumerate()
            .filter(|(_, l)| l.stage == o)
            .filter_map(|(i, l)| {
                let p = self.pairing.tp_old[i]?;
                let to = self.nt[p].stage;
                (Some(to) != partner).then(|| MovedOut {
                    key: self.nt[p].tp.key.clone(),
                    name: l.tp.name.clone(),
                    to_stage: self.new.stages[to].key.clone(),
                    to_stage_name: self.new.stages[to].name.clone(),
                })
            })
            .collect()
    }

    /// Old touchpoint `o` and/or new touchpoint `n` (journey indices).
    fn touchpoint(&self, o: Option<usize>, n: Option<usize>) -> TouchpointChange {
        let ol = o.map(|i| self.ot[i]);
        let nl = n.map(|i| self.nt[i]);
        let (ot, nt) = (ol.map(|l| l.tp), nl.map(|l| l.tp));
        let Some(main) = nt.or(ot) else {
            unreachable!("a touchpoint change has at least one side")
        };
        let status = match (ot, nt) {
            (Some(_), Some(_)) => Status::Changed,
            (None, _) => Status::Added,
            (_, None) => Status::Removed,
        };
        let moved = match (ol, nl, n) {
            (Some(ol), Some(nl), Some(n)) => {
                let across = self.pairing.stage_new[nl.stage].is_none_or(|(s, _)| s != ol.stage);
                (across || self.pairing.tp_reordered[n]).then(|| Move {
                    from_stage: self.old.stages[ol.stage].key.clone(),
                    from_stage_name: self.old.stages[ol.stage].name.clone(),
                    across,
                    old_position: ol.index + 1,
                    new_position: nl.index + 1,
                })
            }
            _ => None,
        };
        let emotion = emotion_changes(ot, nt);
        let empty = &[][..];
        let mut c = TouchpointChange {
            status,
            key: main.key.clone(),
            id: main.id.clone(),
            name: main.name.clone(),
            matched_by: n.and_then(|n| self.pairing.tp_new[n]).map(|(_, m)| m),
            old_name: ot
                .zip(nt)
                .filter(|(o, n)| o.name != n.name)
                .map(|(o, _)| o.name.clone()),
            moved,
            verdict: verdict(&emotion),
            emotion,
            feeling: change(
                "feeling",
                ot.and_then(|t| t.feeling.clone()),
                nt.and_then(|t| t.feeling.clone()),
            ),
            channel: channel_change(ot, nt),
            personas: self.tp_personas(ot, nt),
            pain_points: pains(
                ot.map_or(empty, |t| &t.pain_points),
                nt.map_or(empty, |t| &t.pain_points),
            ),
            opportunities: items(
                ot.map_or(empty, |t| &t.opportunities),
                nt.map_or(empty, |t| &t.opportunities),
            ),
            metrics: Vec::new(),
            fields: Vec::new(),
        };
        if let (Some(o), Some(n)) = (ot, nt) {
            c.metrics = metrics(&o.metrics, &n.metrics);
            c.fields = touchpoint_fields(o, n);
        }
        // A touchpoint that is only added or removed does not list its other facts.
        if status != Status::Changed {
            c.feeling = None;
            c.channel = None;
            c.personas = ListChanges::default();
        }
        c
    }

    /// Personas of a touchpoint, where "every persona" on both sides is no change.
    fn tp_personas(&self, o: Option<&Touchpoint>, n: Option<&Touchpoint>) -> ListChanges {
        let (Some(o), Some(n)) = (o, n) else {
            return ListChanges::default();
        };
        let all_old = o.personas.len() == self.old.personas.len();
        let all_new = n.personas.len() == self.new.personas.len();
        if all_old && all_new {
            return ListChanges::default();
        }
        list(&o.personas, &n.personas)
    }

    /// Stage means per basis, when any of them changed.
    fn stage_emotion(&self, o: Option<usize>, n: Option<usize>) -> Vec<EmotionChange> {
        let mean = |ins: &Option<Insights>, key: Option<&str>| {
            let (ins, key) = (ins.as_ref()?, key?);
            let s = ins.stages.iter().find(|s| s.stage == key)?;
            s.emotion.first().map(|e| e.mean)
        };
        let okey = o.map(|o| self.old.stages[o].key.as_str());
        let nkey = n.map(|n| self.new.stages[n].key.as_str());
        let out: Vec<EmotionChange> = self
            .bases
            .iter()
            .zip(&self.insights)
            .map(|(b, (oi, ni))| {
                let (ov, nv) = (mean(oi, okey), mean(ni, nkey));
                EmotionChange {
                    persona: b.clone(),
                    old: ov,
                    new: nv,
                    delta: ov.zip(nv).map(|(a, b)| round2(b.0 - a.0)),
                }
            })
            .collect();
        #[allow(clippy::float_cmp)]
        let changed = out.iter().any(|e| match (e.old, e.new) {
            (Some(a), Some(b)) => a.0 != b.0,
            (None, None) => false,
            _ => true,
        });
        if changed { out } else { Vec::new() }
    }

    fn lowest(&self) -> Vec<LowestChange> {
        let low = |ins: &Option<Insights>| {
            let m = ins.as_ref()?.lowest_moments.first()?;
            Some(Low {
                stage: m.place.stage.clone(),
                stage_name: m.place.stage_name.clone(),
                touchpoint: m.place.touchpoint.clone(),
                touchpoint_name: m.place.touchpoint_name.clone(),
                emotion: m.emotion,
            })
        };
        self.bases
            .iter()
            .zip(&self.insights)
            .map(|(b, (oi, ni))| LowestChange {
                persona: b.clone(),
                before: low(oi),
                after: low(ni),
            })
            .filter(|l| {
                let seen = |x: &Option<Low>| {
                    x.as_ref()
                        .map(|m| (m.stage_name.clone(), m.touchpoint_name.clone(), m.emotion))
                };
                seen(&l.before) != seen(&l.after)
            })
            .collect()
    }
}

fn stage_changed(s: &StageChange) -> bool {
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
        || !s.touchpoints.is_empty()
        || !s.moved_out.is_empty()
}

fn touchpoint_changed(t: &TouchpointChange) -> bool {
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

/// Emotion changes of a touchpoint: one entry for all personas when each side
/// gives them all the same emotion, else one per persona whose emotion changed.
fn emotion_changes(o: Option<&Touchpoint>, n: Option<&Touchpoint>) -> Vec<EmotionChange> {
    let entry = |persona: Option<String>, old: Option<Num>, new: Option<Num>| EmotionChange {
        persona,
        old,
        new,
        delta: old.zip(new).map(|(a, b)| round2(b.0 - a.0)),
    };
    #[allow(clippy::float_cmp)]
    let differs = |a: Option<Num>, b: Option<Num>| a.map(|v| v.0) != b.map(|v| v.0);
    let uniform = |t: Option<&Touchpoint>| match t {
        None => Some(None),
        Some(t) if t.emotion.is_empty() => Some(None),
        Some(t) => t.uniform_emotion().map(Some),
    };
    let one_side = o.is_none() || n.is_none();
    if let (Some(ou), Some(nu)) = (uniform(o), uniform(n)) {
        return if (one_side && (ou.is_some() || nu.is_some())) || differs(ou, nu) {
            vec![entry(None, ou, nu)]
        } else {
            Vec::new()
        };
    }
    let om = o.map(|t| &t.emotion);
    let nm = n.map(|t| &t.emotion);
    let mut keys: Vec<&String> = nm.map(|m| m.keys().collect()).unwrap_or_default();
    for k in om.into_iter().flat_map(IndexMap::keys) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|k| {
            let ov = om.and_then(|m| m.get(k)).copied();
            let nv = nm.and_then(|m| m.get(k)).copied();
            (k, ov, nv)
        })
        .filter(|(_, ov, nv)| one_side || differs(*ov, *nv))
        .map(|(k, ov, nv)| entry(Some(k.clone()), ov, nv))
        .collect()
}

fn verdict(changes: &[EmotionChange]) -> Option<Verdict> {
    let deltas: Vec<f64> = changes
        .iter()
        .filter_map(|c| c.delta)
        .map(|d| d.0)
        .collect();
    let up = deltas.iter().any(|&d| d > 0.0);
    let down = deltas.iter().any(|&d| d < 0.0);
    match (up, down) {
        (true, false) => Some(Verdict::Improved),
        (false, true) => Some(Verdict::Worse),
        (true, true) => Some(Verdict::Mixed),
        (false, false) => None,
    }
}

fn change(field: &str, old: Option<String>, new: Option<String>) -> Option<FieldChange> {
    (old != new).then(|| FieldChange {
        field: field.to_owned(),
        old,
        new,
    })
}

/// A touchpoint's channel, compared by id when both sides use a registry (a
/// renamed channel is reported once, with the registry), else by name.
fn channel_change(o: Option<&Touchpoint>, n: Option<&Touchpoint>) -> Option<FieldChange> {
    let (oc, nc) = (o?.channel.as_ref(), n?.channel.as_ref());
    let same = match (oc, nc) {
        (Some(a), Some(b)) => match (&a.id, &b.id) {
            (Some(x), Some(y)) => x == y,
            _ => a.name == b.name,
        },
        (None, None) => true,
        _ => false,
    };
    (!same).then(|| FieldChange {
        field: "channel".to_owned(),
        old: oc.map(|c| c.name.clone()),
        new: nc.map(|c| c.name.clone()),
    })
}

/// Items of `from` whose text is not in `other` (as many times as they occur).
fn missing(from: &[Item], other: &[Item]) -> Vec<Item> {
    let mut pool: Vec<&str> = other.iter().map(|i| i.text.as_str()).collect();
    from.iter()
        .filter(|i| {
            if let Some(p) = pool.iter().position(|t| *t == i.text) {
                pool.remove(p);
                false
            } else {
                true
            }
        })
        .cloned()
        .collect()
}

fn pains(old: &[Item], new: &[Item]) -> PainChanges {
    PainChanges {
        resolved: missing(old, new),
        added: missing(new, old),
    }
}

fn items(old: &[Item], new: &[Item]) -> ItemChanges {
    ItemChanges {
        added: missing(new, old),
        removed: missing(old, new),
    }
}

/// Whether items with the same text changed priority or owner.
fn item_attrs_differ(old: &[Item], new: &[Item]) -> bool {
    old.iter().any(|o| {
        new.iter()
            .find(|n| n.text == o.text)
            .is_some_and(|n| n != o)
    })
}

fn list(old: &[String], new: &[String]) -> ListChanges {
    let as_items = |xs: &[String]| -> Vec<Item> {
        xs.iter()
            .map(|t| Item {
                text: t.clone(),
                priority: None,
                owner: None,
            })
            .collect()
    };
    let (o, n) = (as_items(old), as_items(new));
    ListChanges {
        added: missing(&n, &o).into_iter().map(|i| i.text).collect(),
        removed: missing(&o, &n).into_iter().map(|i| i.text).collect(),
    }
}

/// A metric, a tag or an attribute as text.
fn scalar(s: &Scalar) -> String {
    match s {
        Scalar::Text(t) => t.clone(),
        Scalar::Number(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
    }
}

fn metrics(old: &IndexMap<String, Scalar>, new: &IndexMap<String, Scalar>) -> Vec<FieldChange> {
    let mut out: Vec<FieldChange> = new
        .iter()
        .filter_map(|(k, v)| change(k, old.get(k).map(scalar), Some(scalar(v))))
        .collect();
    out.extend(
        old.iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(|(k, v)| FieldChange {
                field: k.clone(),
                old: Some(scalar(v)),
                new: None,
            }),
    );
    out
}

/// The `x-` keys whose value changed, appeared or went away.
fn extensions(old: &Extensions, new: &Extensions) -> Vec<String> {
    let mut keys: Vec<&String> = new.keys().collect();
    keys.extend(old.keys().filter(|k| !new.contains_key(*k)));
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect()
}

/// Names of the fields that differ, in the order given.
fn differing(pairs: &[(&str, bool)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(_, d)| *d)
        .map(|(f, _)| (*f).to_owned())
        .collect()
}

fn touchpoint_fields(o: &Touchpoint, n: &Touchpoint) -> Vec<String> {
    let mut out = differing(&[
        ("action", o.action != n.action),
        ("thought", o.thought != n.thought),
        ("owner", o.owner != n.owner),
        ("backstage", o.backstage != n.backstage),
        ("moment_of_truth", o.moment_of_truth != n.moment_of_truth),
        ("evidence", o.evidence != n.evidence),
        (
            "items",
            item_attrs_differ(&o.pain_points, &n.pain_points)
                || item_attrs_differ(&o.opportunities, &n.opportunities),
        ),
    ]);
    out.extend(extensions(&o.extensions, &n.extensions));
    out
}

fn stage_fields(o: &Stage, n: &Stage) -> Vec<String> {
    let mut out = differing(&[
        ("description", o.description != n.description),
        ("goal", o.goal != n.goal),
        ("questions", o.questions != n.questions),
    ]);
    out.extend(extensions(&o.extensions, &n.extensions));
    out
}

fn persona_fields(p: &crate::model::Persona) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("role", p.role.clone().unwrap_or_default()),
        ("avatar", p.avatar.clone().unwrap_or_default()),
        ("quote", p.quote.clone().unwrap_or_default()),
        ("segment", p.segment.clone().unwrap_or_default()),
        ("goals", p.goals.join("\n")),
        ("needs", p.needs.join("\n")),
        ("pains", p.pains.join("\n")),
        (
            "attributes",
            p.attributes
                .iter()
                .map(|(k, v)| format!("{k}={}", scalar(v)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ];
    v.extend(ext_values(&p.extensions));
    v
}

fn channel_fields(c: &crate::model::Channel) -> Vec<(&'static str, String)> {
    let mut v = vec![("kind", c.kind.clone().unwrap_or_default())];
    v.extend(ext_values(&c.extensions));
    v
}

/// `x-` keys as one comparable field.
fn ext_values(e: &Extensions) -> Option<(&'static str, String)> {
    (!e.is_empty()).then(|| ("extensions", serde_json::to_string(e).unwrap_or_default()))
}

type Entry<'a> = (&'a String, &'a String, Vec<(&'static str, String)>);

fn registry<'a>(
    old: impl Iterator<Item = Entry<'a>>,
    new: impl Iterator<Item = Entry<'a>>,
) -> Registry {
    let old: Vec<Entry> = old.collect();
    let new: Vec<Entry> = new.collect();
    let named = |(id, name, _): &Entry| Named {
        id: (*id).clone(),
        name: (*name).clone(),
    };
    let mut r = Registry::default();
    for n in &new {
        match old.iter().find(|o| o.0 == n.0) {
            None => r.added.push(named(n)),
            Some(o) => {
                let mut fields: Vec<String> = Vec::new();
                for (k, v) in &n.2 {
                    let ov = o.2.iter().find(|(ok, _)| ok == k).map(|(_, v)| v);
                    if ov != Some(v) && !(ov.is_none() && v.is_empty()) {
                        fields.push((*k).to_owned());
                    }
                }
                for (k, v) in &o.2 {
                    if !v.is_empty() && !n.2.iter().any(|(nk, _)| nk == k) {
                        fields.push((*k).to_owned());
                    }
                }
                if o.1 != n.1 || !fields.is_empty() {
                    r.changed.push(RegistryChange {
                        id: n.0.clone(),
                        name: n.1.clone(),
                        old_name: (o.1 != n.1).then(|| o.1.clone()),
                        fields,
                    });
                }
            }
        }
    }
    r.removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.0 == o.0))
        .map(named)
        .collect();
    r
}

/// The journey's own fields: short ones with values, long ones by name.
fn journey_fields(o: &Journey, n: &Journey) -> (Vec<FieldChange>, Vec<String>) {
    let state = |j: &Journey| {
        j.state.map(|s| match s {
            crate::model::State::Current => "current".to_owned(),
            crate::model::State::Future => "future".to_owned(),
        })
    };
    let locale = |j: &Journey| {
        Some(match j.locale {
            crate::model::Locale::En => "en".to_owned(),
            crate::model::Locale::Ja => "ja".to_owned(),
        })
    };
    let scale = |j: &Journey| Some(format!("{} … {}", j.scale.min, j.scale.max));
    let tags = |j: &Journey| (!j.tags.is_empty()).then(|| j.tags.join(", "));
    let loop_to = |j: &Journey| {
        j.loop_to.as_ref().map(|id| {
            j.stages
                .iter()
                .find(|s| s.id.as_ref() == Some(id))
                .map_or_else(|| id.clone(), |s| s.name.clone())
        })
    };
    let metadata = [
        change("title", Some(o.title.clone()), Some(n.title.clone())),
        change("state", state(o), state(n)),
        change("version", o.version.clone(), n.version.clone()),
        change("owner", o.owner.clone(), n.owner.clone()),
        change("locale", locale(o), locale(n)),
        change("scale", scale(o), scale(n)),
        change("loop_to", loop_to(o), loop_to(n)),
        change("tags", tags(o), tags(n)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut fields = differing(&[
        ("description", o.description != n.description),
        ("lints", o.lints != n.lints),
    ]);
    fields.extend(extensions(&o.extensions, &n.extensions));
    (metadata, fields)
}

fn summarize(set: &ChangeSet) -> Summary {
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
