//! Two validated journeys in, a [`ChangeSet`] out: pairs the stages and
//! touchpoints (see [`super::matching`]) and compares each pair.

use super::changes::{
    ChangeSet, EmotionChange, FORMAT, ListChanges, Low, LowestChange, Move, MovedOut, Side,
    StageChange, Status, Summary, TouchpointChange, stage_changed, summarize, touchpoint_changed,
};
use super::facts::{
    change, channel_change, channel_fields, emotion_changes, item_attrs_differ, items,
    journey_fields, list, metrics, pains, persona_fields, registry, stage_fields,
    touchpoint_fields, verdict,
};
use super::matching::{self, Located, MatchedBy, Pairing};
use crate::insight::{self, Insights};
use crate::model::{Journey, Num, Scale, Touchpoint};

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
        subjects: super::comparison::Subjects::of(old, new),
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
        Num::round2(
            to.min.0 + (v.0 - from.min.0) * (to.max.0 - to.min.0) / (from.max.0 - from.min.0),
        )
    };
    for s in &mut j.stages {
        for t in &mut s.touchpoints {
            for v in t
                .emotion
                .values_mut()
                .chain(t.measured_emotion.values_mut())
            {
                *v = f(*v);
            }
        }
    }
    j.scale = to;
    j
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
    /// Each side's registry metrics by place (see [`place_metrics`]).
    old_metrics: PlaceMetrics,
    new_metrics: PlaceMetrics,
}

/// A side's registry metrics as compared, by (stage key, touchpoint key):
/// each metric's latest value with its unit, named by the metric's name (and
/// the persona's, for a persona's own values).
type PlaceMetrics = std::collections::HashMap<
    (String, Option<String>),
    indexmap::IndexMap<String, crate::model::Scalar>,
>;

fn place_metrics(j: &Journey) -> PlaceMetrics {
    let mut out = PlaceMetrics::new();
    for m in &j.measures {
        let Some(metric) = j.metrics.iter().find(|x| x.id == m.metric) else {
            continue;
        };
        let name = match &m.persona {
            Some(p) => format!(
                "{} ({})",
                metric.name,
                j.persona(p).map_or(p.as_str(), |x| x.name.as_str())
            ),
            None => metric.name.clone(),
        };
        let value = format!("{}{}", m.latest, metric.unit.as_deref().unwrap_or(""));
        out.entry((m.stage.clone(), m.touchpoint.clone()))
            .or_default()
            .insert(name, crate::model::Scalar::Text(value));
    }
    out
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
            old_metrics: place_metrics(old),
            new_metrics: place_metrics(new),
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
            metrics: os.map(|o| self.stage_metrics(o, ns)).unwrap_or_default(),
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
            metrics: Vec::new(),
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
        let moved = self.tp_move(ol, nl, n);
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
            let (os, ns) = (ol.map(|l| l.stage), nl.map(|l| l.stage));
            c.metrics = self.metrics_of(
                (&self.old.stages[os.unwrap_or(0)].key, o),
                (&self.new.stages[ns.unwrap_or(0)].key, n),
            );
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

    /// The metric changes of a paired touchpoint: its registry metrics' latest
    /// values on each side where a side has a registry, else its `metrics:`.
    fn metrics_of(
        &self,
        old: (&str, &Touchpoint),
        new: (&str, &Touchpoint),
    ) -> Vec<crate::diff::changes::FieldChange> {
        let side = |j: &Journey, m: &PlaceMetrics, (stage, t): (&str, &Touchpoint)| {
            if j.metrics.is_empty() {
                t.metrics.clone()
            } else {
                m.get(&(stage.to_owned(), Some(t.key.clone())))
                    .cloned()
                    .unwrap_or_default()
            }
        };
        metrics(
            &side(self.old, &self.old_metrics, old),
            &side(self.new, &self.new_metrics, new),
        )
    }

    /// The metric changes of a paired stage (its own values).
    fn stage_metrics(
        &self,
        old: &crate::model::Stage,
        new: &crate::model::Stage,
    ) -> Vec<crate::diff::changes::FieldChange> {
        let side = |j: &Journey, m: &PlaceMetrics, s: &crate::model::Stage| {
            if j.metrics.is_empty() {
                s.metrics.clone()
            } else {
                m.get(&(s.key.clone(), None)).cloned().unwrap_or_default()
            }
        };
        metrics(
            &side(self.old, &self.old_metrics, old),
            &side(self.new, &self.new_metrics, new),
        )
    }

    /// Where a paired touchpoint moved from: another stage, or another place in its stage.
    fn tp_move(&self, ol: Option<Located>, nl: Option<Located>, n: Option<usize>) -> Option<Move> {
        let (ol, nl, n) = (ol?, nl?, n?);
        let across = self.pairing.stage_new[nl.stage].is_none_or(|(s, _)| s != ol.stage);
        (across || self.pairing.tp_reordered[n]).then(|| Move {
            from_stage: self.old.stages[ol.stage].key.clone(),
            from_stage_name: self.old.stages[ol.stage].name.clone(),
            across,
            old_position: ol.index + 1,
            new_position: nl.index + 1,
        })
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
                    delta: ov.zip(nv).map(|(a, b)| Num::round2(b.0 - a.0)),
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
