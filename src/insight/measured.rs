//! The insights of measured data (SPEC.md §6 "Insights"): metrics that miss
//! their target (by how far), the funnel's steps (biggest drop first), and
//! touchpoints where the assumed and the measured emotion disagree.

use crate::model::{Better, Journey, Measure, Num};
use serde::Serialize;

/// A latest value that misses its target.
#[derive(Debug, Serialize, PartialEq)]
pub struct OffTarget {
    pub metric: String,
    pub metric_name: String,
    pub stage: String,
    pub stage_name: String,
    /// The touchpoint key, or `None` for the stage itself.
    pub touchpoint: Option<String>,
    pub touchpoint_name: Option<String>,
    pub persona: Option<String>,
    pub period: Option<String>,
    pub value: Num,
    pub target: Num,
    pub better: Better,
    /// How far from the target, in the metric's unit (positive).
    pub miss: Num,
    /// `miss` as a fraction of the larger of value and target (0..1], the order of the list.
    pub off_by: Num,
}

/// One step of a funnel: from a stage to the next stage that has a value.
#[derive(Debug, Serialize, PartialEq)]
pub struct FunnelStep {
    pub metric: String,
    pub metric_name: String,
    /// The latest period of the metric's stage values.
    pub period: Option<String>,
    pub from: String,
    pub from_name: String,
    pub from_value: Num,
    pub to: String,
    pub to_name: String,
    pub to_value: Num,
    /// `to_value / from_value`, as a fraction (`0.12`).
    pub conversion: Num,
    /// `1 − conversion`: the share lost.
    pub drop: Num,
}

/// A touchpoint whose measured emotion is far from the assumed one.
#[derive(Debug, Serialize, PartialEq)]
pub struct AssumptionGap {
    pub stage: String,
    pub stage_name: String,
    pub touchpoint: String,
    pub touchpoint_name: String,
    /// The persona, or `None` when the touchpoint's personas agree on both.
    pub persona: Option<String>,
    pub assumed: Num,
    pub measured: Num,
    /// `measured − assumed`: positive when it is better than assumed.
    pub gap: Num,
}

fn names(j: &Journey, m: &Measure) -> (String, Option<String>) {
    let stage = j.stages.iter().find(|s| s.key == m.stage);
    let tp = m
        .touchpoint
        .as_ref()
        .and_then(|k| stage?.touchpoints.iter().find(|t| &t.key == k));
    (
        stage.map(|s| s.name.clone()).unwrap_or_default(),
        tp.map(|t| t.name.clone()),
    )
}

/// Every latest value that misses its target, farthest first (ties in journey order).
#[must_use]
pub fn off_target(j: &Journey) -> Vec<OffTarget> {
    let mut out: Vec<OffTarget> = j
        .measures
        .iter()
        .filter(|m| m.met == Some(false))
        .filter_map(|m| {
            let metric = j.metrics.iter().find(|x| x.id == m.metric)?;
            let target = m.target?;
            let miss = (m.latest.0 - target.0).abs();
            let scale = m.latest.0.abs().max(target.0.abs());
            let (stage_name, touchpoint_name) = names(j, m);
            Some(OffTarget {
                metric: m.metric.clone(),
                metric_name: metric.name.clone(),
                stage: m.stage.clone(),
                stage_name,
                touchpoint: m.touchpoint.clone(),
                touchpoint_name,
                persona: m.persona.clone(),
                period: m
                    .series
                    .last()
                    .and_then(|r| r.period.as_deref().map(str::to_owned)),
                value: m.latest,
                target,
                better: metric.better,
                miss: Num::round2(miss),
                off_by: Num::round2(if scale > 0.0 { miss / scale } else { 0.0 }),
            })
        })
        .collect();
    // A stable sort keeps journey order among equals.
    out.sort_by(|a, b| b.off_by.0.total_cmp(&a.off_by.0));
    out
}

/// The steps of every funnel metric (values on stages, for all personas, in
/// its latest period), the biggest drop first.
#[must_use]
pub fn funnel(j: &Journey) -> Vec<FunnelStep> {
    let mut out = Vec::new();
    for metric in j.metrics.iter().filter(|m| m.funnel) {
        let stage_values: Vec<&Measure> = j
            .measures
            .iter()
            .filter(|m| m.metric == metric.id && m.touchpoint.is_none() && m.persona.is_none())
            .collect();
        let period = stage_values
            .iter()
            .filter_map(|m| m.series.last()?.period.clone())
            .max();
        // Each stage's value in that period, in journey order.
        let points: Vec<(&crate::model::Stage, Num)> = j
            .stages
            .iter()
            .filter_map(|s| {
                let m = stage_values.iter().find(|m| m.stage == s.key)?;
                let r = m.series.iter().rev().find(|r| r.period == period)?;
                Some((s, r.value))
            })
            .collect();
        for w in points.windows(2) {
            let ((a, av), (b, bv)) = (w[0], w[1]);
            if av.0 <= 0.0 {
                continue;
            }
            let conversion = bv.0 / av.0;
            out.push(FunnelStep {
                metric: metric.id.clone(),
                metric_name: metric.name.clone(),
                period: period.as_deref().map(str::to_owned),
                from: a.key.clone(),
                from_name: a.name.clone(),
                from_value: av,
                to: b.key.clone(),
                to_name: b.name.clone(),
                to_value: bv,
                conversion: Num((conversion * 1e4).round() / 1e4),
                drop: Num(((1.0 - conversion) * 1e4).round() / 1e4),
            });
        }
    }
    out.sort_by(|a, b| b.drop.0.total_cmp(&a.drop.0));
    out
}

/// Touchpoints whose measured emotion differs from the assumed one by at
/// least a quarter of the scale's range, largest gap first.
#[must_use]
pub fn assumption_gaps(j: &Journey) -> Vec<AssumptionGap> {
    let least = (j.scale.max.0 - j.scale.min.0) / 4.0;
    let mut out = Vec::new();
    for s in &j.stages {
        for t in &s.touchpoints {
            if t.measured_emotion.is_empty() || t.emotion.is_empty() {
                continue;
            }
            // One entry when the personas agree on both, else one per persona.
            let agree = t.uniform_emotion().is_some() && t.measured_of(None).is_some();
            let who: Vec<Option<&str>> = if agree {
                vec![None]
            } else {
                t.personas.iter().map(|p| Some(p.as_str())).collect()
            };
            for p in who {
                let (Some(a), Some(m)) = (t.emotion_of(p), t.measured_of(p)) else {
                    continue;
                };
                let gap = m.0 - a.0;
                if gap.abs() + 1e-9 >= least {
                    out.push(AssumptionGap {
                        stage: s.key.clone(),
                        stage_name: s.name.clone(),
                        touchpoint: t.key.clone(),
                        touchpoint_name: t.name.clone(),
                        persona: p.map(str::to_owned),
                        assumed: a,
                        measured: m,
                        gap: Num::round2(gap),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| b.gap.0.abs().total_cmp(&a.gap.0.abs()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey(yaml: &str) -> Journey {
        let c = crate::compile_str("t.yaml", yaml, &crate::lint::CliLevels::default());
        assert!(!c.has_errors(), "{:?}", c.diagnostics);
        c.journey.unwrap()
    }

    const HEAD: &str = "journeymap: 1\ntitle: T\npersonas: [{id: a, name: A}, {id: b, name: B}]\n";

    #[test]
    fn off_target_orders_by_how_far() {
        let j = journey(&format!(
            "{HEAD}metrics:\n  - {{id: csat, name: CSAT, target: 80}}\n  - {{id: wait, name: Wait, better: lower, target: 0}}\nstages:\n  - id: s\n    name: S\n    metrics: {{csat: 72, wait: 3}}\n    touchpoints:\n      - {{id: t, name: T, metrics: {{csat: {{value: 40, target: 50}}}}}}\n      - {{id: u, name: U, metrics: {{csat: 80}}}}\n"
        ));
        let o = off_target(&j);
        let got: Vec<(&str, Option<&str>, f64)> = o
            .iter()
            .map(|x| (x.metric.as_str(), x.touchpoint.as_deref(), x.off_by.0))
            .collect();
        // wait 3 vs target 0 (lower is better): off by all of it; csat at t: 10 of 50;
        // the stage's csat: 8 of 80; u meets 80 exactly.
        assert_eq!(
            got,
            [
                ("wait", None, 1.0),
                ("csat", Some("t"), 0.2),
                ("csat", None, 0.1)
            ]
        );
        assert_eq!(o[1].target, Num(50.0), "the place's own target");
    }

    #[test]
    fn funnel_steps_skip_a_stage_without_a_value_and_rank_drops() {
        let j = journey(&format!(
            "{HEAD}metrics: [{{id: v, name: Visitors, funnel: true}}]\nstages:\n  - {{id: s1, name: One, metrics: {{v: 1000}}}}\n  - {{id: s2, name: Two}}\n  - {{id: s3, name: Three, metrics: {{v: 400}}}}\n  - {{id: s4, name: Four, metrics: {{v: 300}}}}\n"
        ));
        let f = funnel(&j);
        let steps: Vec<(&str, &str, f64)> = f
            .iter()
            .map(|s| (s.from.as_str(), s.to.as_str(), s.conversion.0))
            .collect();
        assert_eq!(steps, [("s1", "s3", 0.4), ("s3", "s4", 0.75)]);
        assert_eq!(f[0].drop, Num(0.6));
    }

    #[test]
    fn gaps_of_a_quarter_of_the_scale_per_persona() {
        let j = journey(&format!(
            "{HEAD}metrics: [{{id: csat, name: CSAT, emotion: {{min: 1, max: 5}}}}]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {{id: t, name: T, emotion: {{a: 2, b: -1}}, metrics: {{csat: 3}}}}\n      - {{id: u, name: U, emotion: 1, metrics: {{csat: 4}}}}\n"
        ));
        // t: measured 0 for both; a assumed 2 (gap −2), b assumed −1 (gap +1, exactly a quarter of 4).
        // u: measured 1, assumed 1: no gap.
        let g = assumption_gaps(&j);
        let got: Vec<(Option<&str>, f64)> =
            g.iter().map(|x| (x.persona.as_deref(), x.gap.0)).collect();
        assert_eq!(got, [(Some("a"), -2.0), (Some("b"), 1.0)]);
    }
}

/// A stage where a compared journey feels better than this one.
#[derive(Debug, Serialize, PartialEq)]
pub struct Trail {
    /// The compared journey's subject, or its title.
    pub compared: String,
    pub stage: String,
    pub stage_name: String,
    /// This journey's mean emotion at the stage, and the compared one's.
    pub ours: Num,
    pub theirs: Num,
    /// `theirs − ours` (positive).
    pub gap: Num,
}

/// The stages where the compared journeys (`compare_to`) feel better than
/// this one, the largest gap first.
#[must_use]
pub fn trails(j: &Journey) -> Vec<Trail> {
    let mut out = Vec::new();
    for c in &j.relations.compared {
        let name = c
            .link
            .subject
            .clone()
            .unwrap_or_else(|| c.link.title.clone());
        for (s, theirs) in j.stages.iter().zip(&c.stage_means) {
            let (Some(ours), Some(theirs)) = (crate::relate::stage_mean(s), theirs) else {
                continue;
            };
            let gap = theirs.0 - ours.0;
            if gap > 0.0 {
                out.push(Trail {
                    compared: name.clone(),
                    stage: s.key.clone(),
                    stage_name: s.name.clone(),
                    ours,
                    theirs: *theirs,
                    gap: Num::round2(gap),
                });
            }
        }
    }
    out.sort_by(|a, b| b.gap.0.total_cmp(&a.gap.0));
    out
}
