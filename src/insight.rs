//! Computed facts about a journey: where the experience drops and what is not
//! yet addressed. Computed once here; every renderer and `-f json` lay it out.
//!
//! Ties are broken by journey order, so results are deterministic.

use crate::model::{Journey, Num, Stage, Touchpoint};
use serde::Serialize;

mod measured;
pub use measured::{
    AssumptionGap, FunnelStep, OffTarget, Trail, assumption_gaps as assumption_gaps_of,
};

/// How many entries each ranked list keeps (per persona where emotions differ).
pub const TOP: usize = 3;
/// How many touchpoints the divergence list keeps.
pub const TOP_DIVERGENCE: usize = 5;

#[derive(Debug, Serialize, Default)]
pub struct Insights {
    /// Whether any touchpoint has an emotion; when false the emotion facts are empty.
    pub has_emotions: bool,
    /// Whether emotions are computed per persona (they differ somewhere) or for all at once.
    pub per_persona: bool,
    pub stages: Vec<StageSummary>,
    pub lowest_moments: Vec<Moment>,
    pub biggest_drops: Vec<Drop>,
    pub unaddressed_pains: Vec<Unaddressed>,
    pub divergence: Vec<Divergence>,
    pub coverage: Coverage,
    pub evidence: EvidenceCoverage,
    pub moments_of_truth: Vec<Place>,
    /// With a `metrics` registry (left out without one): latest values that
    /// miss their target, farthest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_target: Option<Vec<OffTarget>>,
    /// The funnel metrics' steps between stages, the biggest drop first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funnel: Option<Vec<FunnelStep>>,
    /// Touchpoints whose measured emotion is far from the assumed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption_gaps: Option<Vec<AssumptionGap>>,
    /// With `compare_to`: the stages where a compared journey feels better, the
    /// largest gap first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trails: Option<Vec<Trail>>,
}

/// A touchpoint's place in the journey.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Place {
    pub stage: String,
    pub stage_name: String,
    pub touchpoint: String,
    pub touchpoint_name: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct StageSummary {
    pub stage: String,
    pub name: String,
    pub touchpoints: usize,
    /// Pain points on the stage and its touchpoints.
    pub pain_points: usize,
    /// Opportunities on the stage and its touchpoints.
    pub opportunities: usize,
    /// One entry for all personas, or one per persona where emotions differ; empty without emotions.
    pub emotion: Vec<EmotionStats>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct EmotionStats {
    /// The persona id, or `None` for all personas.
    pub persona: Option<String>,
    pub mean: Num,
    pub min: Num,
    pub max: Num,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Moment {
    pub persona: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    pub emotion: Num,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Drop {
    pub persona: Option<String>,
    pub from: Place,
    pub from_emotion: Num,
    pub to: Place,
    pub to_emotion: Num,
    /// How far it falls (positive).
    pub drop: Num,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Unaddressed {
    pub stage: String,
    pub stage_name: String,
    /// The touchpoint key, or `None` for a stage-level pain point.
    pub touchpoint: Option<String>,
    pub touchpoint_name: Option<String>,
    pub text: String,
    pub priority: Option<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Divergence {
    #[serde(flatten)]
    pub place: Place,
    pub spread: Num,
    pub lowest: PersonaEmotion,
    pub highest: PersonaEmotion,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct PersonaEmotion {
    pub persona: String,
    pub emotion: Num,
}

#[derive(Debug, Serialize, Default, PartialEq)]
pub struct Coverage {
    /// Stage keys, the columns.
    pub stages: Vec<String>,
    pub rows: Vec<CoverageRow>,
    /// Channel ids of the registry that no touchpoint uses.
    pub unused: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct CoverageRow {
    /// The channel id, or `None` for a free-text channel.
    pub id: Option<String>,
    pub name: String,
    /// Touchpoints per stage, in stage order.
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Serialize, Default, PartialEq)]
pub struct EvidenceCoverage {
    pub with_evidence: usize,
    pub touchpoints: usize,
    /// Rounded share in percent (0 when there are no touchpoints).
    pub percent: u32,
}

fn place(s: &Stage, t: &Touchpoint) -> Place {
    Place {
        stage: s.key.clone(),
        stage_name: s.name.clone(),
        touchpoint: t.key.clone(),
        touchpoint_name: t.name.clone(),
    }
}

/// One curve: a persona (or all personas) and its points in journey order.
struct Series<'a> {
    persona: Option<String>,
    points: Vec<(&'a Stage, &'a Touchpoint, f64)>,
}

fn series(j: &Journey, per_persona: bool) -> Vec<Series<'_>> {
    let personas: Vec<Option<&str>> = if per_persona {
        j.personas.iter().map(|p| Some(p.id.as_str())).collect()
    } else {
        vec![None]
    };
    personas
        .into_iter()
        .map(|p| Series {
            persona: p.map(str::to_owned),
            points: j
                .stages
                .iter()
                .flat_map(|s| s.touchpoints.iter().map(move |t| (s, t)))
                .filter_map(|(s, t)| t.emotion_of(p).map(|v| (s, t, v.0)))
                .collect(),
        })
        .filter(|s| !s.points.is_empty())
        .collect()
}

/// Compute every insight of a journey.
#[must_use]
pub fn insights(j: &Journey) -> Insights {
    let has_emotions = j
        .stages
        .iter()
        .flat_map(|s| &s.touchpoints)
        .any(|t| !t.emotion.is_empty());
    let per_persona = j.emotions_differ();
    let curves = series(j, per_persona);
    let registry = !j.metrics.is_empty();
    Insights {
        has_emotions,
        per_persona,
        stages: stage_summaries(j, &curves),
        lowest_moments: lowest(&curves),
        biggest_drops: drops(&curves),
        unaddressed_pains: unaddressed(j),
        divergence: divergence(j),
        coverage: coverage(j),
        evidence: evidence(j),
        moments_of_truth: j
            .stages
            .iter()
            .flat_map(|s| {
                s.touchpoints
                    .iter()
                    .filter(|t| t.moment_of_truth)
                    .map(move |t| place(s, t))
            })
            .collect(),
        off_target: registry.then(|| measured::off_target(j)),
        funnel: registry.then(|| measured::funnel(j)),
        assumption_gaps: registry.then(|| measured::assumption_gaps(j)),
        trails: (!j.relations.compared.is_empty()).then(|| measured::trails(j)),
    }
}

fn stage_summaries(j: &Journey, curves: &[Series]) -> Vec<StageSummary> {
    // Each curve's values per stage, in one pass: points are in journey order, so a
    // stage's points follow each other (comparing stage keys per stage was quadratic).
    let per_stage: Vec<Vec<Vec<f64>>> = curves
        .iter()
        .map(|c| {
            let mut out = vec![Vec::new(); j.stages.len()];
            let mut points = c.points.iter().peekable();
            for (i, s) in j.stages.iter().enumerate() {
                while let Some((_, _, v)) = points.next_if(|(st, _, _)| std::ptr::eq(*st, s)) {
                    out[i].push(*v);
                }
            }
            out
        })
        .collect();
    j.stages
        .iter()
        .enumerate()
        .map(|(i, s)| StageSummary {
            stage: s.key.clone(),
            name: s.name.clone(),
            touchpoints: s.touchpoints.len(),
            pain_points: s.pain_points.len()
                + s.touchpoints
                    .iter()
                    .map(|t| t.pain_points.len())
                    .sum::<usize>(),
            opportunities: s.opportunities.len()
                + s.touchpoints
                    .iter()
                    .map(|t| t.opportunities.len())
                    .sum::<usize>(),
            emotion: curves
                .iter()
                .zip(&per_stage)
                .filter_map(|(c, stages)| {
                    let vals = &stages[i];
                    if vals.is_empty() {
                        return None;
                    }
                    #[allow(clippy::cast_precision_loss)]
                    let mean = vals.iter().sum::<f64>() / vals.len() as f64;
                    Some(EmotionStats {
                        persona: c.persona.clone(),
                        mean: Num::round2(mean),
                        min: Num(vals.iter().copied().fold(f64::INFINITY, f64::min)),
                        max: Num(vals.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
                    })
                })
                .collect(),
        })
        .collect()
}

fn lowest(curves: &[Series]) -> Vec<Moment> {
    let mut out = Vec::new();
    for c in curves {
        let mut idx: Vec<usize> = (0..c.points.len()).collect();
        // Stable sort: equal emotions keep journey order.
        idx.sort_by(|&a, &b| c.points[a].2.total_cmp(&c.points[b].2));
        for i in idx.into_iter().take(TOP) {
            let (s, t, v) = c.points[i];
            out.push(Moment {
                persona: c.persona.clone(),
                place: place(s, t),
                emotion: Num(v),
            });
        }
    }
    out
}

fn drops(curves: &[Series]) -> Vec<Drop> {
    let mut out = Vec::new();
    for c in curves {
        let mut falls: Vec<(usize, f64)> = c
            .points
            .windows(2)
            .enumerate()
            .map(|(i, w)| (i, w[0].2 - w[1].2))
            .filter(|(_, d)| *d > 0.0)
            .collect();
        falls.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (i, d) in falls.into_iter().take(TOP) {
            let (fs, ft, fv) = c.points[i];
            let (ts, tt, tv) = c.points[i + 1];
            out.push(Drop {
                persona: c.persona.clone(),
                from: place(fs, ft),
                from_emotion: Num(fv),
                to: place(ts, tt),
                to_emotion: Num(tv),
                drop: Num::round2(d),
            });
        }
    }
    out
}

/// Pain points with no opportunity that addresses them. Once any opportunity
/// says which pain points it `addresses`, exactly those count as addressed;
/// before that, an opportunity on the touchpoint or its stage does.
fn unaddressed(j: &Journey) -> Vec<Unaddressed> {
    let opportunities = || {
        j.stages.iter().flat_map(|s| {
            s.opportunities
                .iter()
                .chain(s.touchpoints.iter().flat_map(|t| &t.opportunities))
        })
    };
    if opportunities().any(|o| !o.addresses.is_empty()) {
        let addressed: std::collections::HashSet<&str> = opportunities()
            .flat_map(|o| o.addresses.iter().map(String::as_str))
            .collect();
        let open =
            |p: &crate::model::Item| p.id.as_deref().is_none_or(|id| !addressed.contains(id));
        let mut out = Vec::new();
        for s in &j.stages {
            for p in s.pain_points.iter().filter(|p| open(p)) {
                out.push(Unaddressed {
                    stage: s.key.clone(),
                    stage_name: s.name.clone(),
                    touchpoint: None,
                    touchpoint_name: None,
                    text: p.text.clone(),
                    priority: p.priority.clone(),
                });
            }
            for t in &s.touchpoints {
                for p in t.pain_points.iter().filter(|p| open(p)) {
                    out.push(Unaddressed {
                        stage: s.key.clone(),
                        stage_name: s.name.clone(),
                        touchpoint: Some(t.key.clone()),
                        touchpoint_name: Some(t.name.clone()),
                        text: p.text.clone(),
                        priority: p.priority.clone(),
                    });
                }
            }
        }
        return out;
    }
    let mut out = Vec::new();
    for s in &j.stages {
        let stage_has = !s.opportunities.is_empty();
        let any_tp = s.touchpoints.iter().any(|t| !t.opportunities.is_empty());
        if !stage_has && !any_tp {
            for p in &s.pain_points {
                out.push(Unaddressed {
                    stage: s.key.clone(),
                    stage_name: s.name.clone(),
                    touchpoint: None,
                    touchpoint_name: None,
                    text: p.text.clone(),
                    priority: p.priority.clone(),
                });
            }
        }
        for t in &s.touchpoints {
            if stage_has || !t.opportunities.is_empty() {
                continue;
            }
            for p in &t.pain_points {
                out.push(Unaddressed {
                    stage: s.key.clone(),
                    stage_name: s.name.clone(),
                    touchpoint: Some(t.key.clone()),
                    touchpoint_name: Some(t.name.clone()),
                    text: p.text.clone(),
                    priority: p.priority.clone(),
                });
            }
        }
    }
    out
}

fn divergence(j: &Journey) -> Vec<Divergence> {
    let mut out: Vec<Divergence> = j
        .stages
        .iter()
        .flat_map(|s| s.touchpoints.iter().map(move |t| (s, t)))
        .filter_map(|(s, t)| {
            let lo = t.emotion.iter().min_by(|a, b| a.1.0.total_cmp(&b.1.0))?;
            let hi = t
                .emotion
                .iter()
                .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(std::cmp::Ordering::Greater))?;
            let spread = hi.1.0 - lo.1.0;
            (spread > 0.0).then(|| Divergence {
                place: place(s, t),
                spread: Num::round2(spread),
                lowest: PersonaEmotion {
                    persona: lo.0.clone(),
                    emotion: *lo.1,
                },
                highest: PersonaEmotion {
                    persona: hi.0.clone(),
                    emotion: *hi.1,
                },
            })
        })
        .collect();
    out.sort_by(|a, b| b.spread.0.total_cmp(&a.spread.0));
    out.truncate(TOP_DIVERGENCE);
    out
}

fn coverage(j: &Journey) -> Coverage {
    let mut rows: Vec<CoverageRow> = j
        .channels
        .iter()
        .map(|c| CoverageRow {
            id: Some(c.id.clone()),
            name: c.name.clone(),
            counts: vec![0; j.stages.len()],
            total: 0,
        })
        .collect();
    for (i, s) in j.stages.iter().enumerate() {
        for t in &s.touchpoints {
            let Some(ch) = &t.channel else { continue };
            let pos = rows.iter().position(|r| match (&r.id, &ch.id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => r.name == ch.name,
                _ => false,
            });
            let row = if let Some(p) = pos {
                &mut rows[p]
            } else {
                rows.push(CoverageRow {
                    id: ch.id.clone(),
                    name: ch.name.clone(),
                    counts: vec![0; j.stages.len()],
                    total: 0,
                });
                let last = rows.len() - 1;
                &mut rows[last]
            };
            row.counts[i] += 1;
            row.total += 1;
        }
    }
    Coverage {
        stages: j.stages.iter().map(|s| s.key.clone()).collect(),
        unused: rows
            .iter()
            .filter(|r| r.total == 0)
            .filter_map(|r| r.id.clone())
            .collect(),
        rows,
    }
}

fn evidence(j: &Journey) -> EvidenceCoverage {
    let all: Vec<&Touchpoint> = j.stages.iter().flat_map(|s| &s.touchpoints).collect();
    let with = all.iter().filter(|t| !t.evidence.is_empty()).count();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let percent = if all.is_empty() {
        0
    } else {
        ((with as f64) * 100.0 / all.len() as f64).round() as u32
    };
    EvidenceCoverage {
        with_evidence: with,
        touchpoints: all.len(),
        percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::CliLevels;

    fn journey(yaml: &str) -> Journey {
        let c = crate::compile_str("t.yaml", yaml, &CliLevels::default());
        assert!(!c.has_errors(), "{:?}", c.diagnostics);
        c.journey.expect("a journey")
    }

    /// With `addresses`, a pain point counts as addressed only when an
    /// opportunity names it: another opportunity on its stage is not enough.
    #[test]
    fn addresses_make_unaddressed_pains_exact() {
        let j = journey(
            "journeymap: 1\ntitle: T\npersonas: [{id: a, name: A}]\nstages:\n  - name: S\n    pain_points: [{id: slow, text: Slow}, Unnamed]\n    opportunities: [{text: Faster, addresses: [slow]}]\n    touchpoints:\n      - name: T\n        pain_points: [{id: price, text: Price unclear}]\n        opportunities: [Something else]\n",
        );
        let i = insights(&j);
        let open: Vec<&str> = i
            .unaddressed_pains
            .iter()
            .map(|u| u.text.as_str())
            .collect();
        assert_eq!(open, ["Unnamed", "Price unclear"]);
    }

    fn names(places: impl IntoIterator<Item = String>) -> Vec<String> {
        places.into_iter().collect()
    }

    const TWO_PERSONAS: &str = "
journeymap: 1
title: T
personas: [{id: a, name: A}, {id: b, name: B}]
channels: [{id: web, name: Web}, {id: mail, name: Mail}, {id: shop, name: Shop}]
stages:
  - id: s1
    name: One
    pain_points: [Stage pain]
    touchpoints:
      - {id: t1, name: T1, channel: web, emotion: {a: 2, b: 1}, evidence: [x], moment_of_truth: true}
      - {id: t2, name: T2, channel: web, emotion: {a: -1, b: 1}, pain_points: [Slow]}
  - id: s2
    name: Two
    opportunities: [Fix]
    touchpoints:
      - {id: t3, name: T3, channel: mail, emotion: {a: 0, b: -2}, pain_points: [Addressed by stage]}
      - {id: t4, name: T4, emotion: 1}
";

    #[test]
    fn multi_persona_emotions() {
        let i = insights(&journey(TWO_PERSONAS));
        assert!(i.has_emotions && i.per_persona);
        // Per stage, per persona.
        assert_eq!(i.stages[0].emotion.len(), 2);
        assert_eq!(i.stages[0].emotion[0].persona.as_deref(), Some("a"));
        assert_eq!(i.stages[0].emotion[0].mean, Num(0.5));
        assert_eq!(i.stages[0].emotion[0].min, Num(-1.0));
        assert_eq!(i.stages[0].emotion[1].max, Num(1.0));
        assert_eq!(i.stages[0].pain_points, 2);
        assert_eq!(i.stages[1].opportunities, 1);
        // Lowest moments per persona, lowest first.
        let a: Vec<_> = i
            .lowest_moments
            .iter()
            .filter(|m| m.persona.as_deref() == Some("a"))
            .collect();
        assert_eq!(a[0].place.touchpoint, "t2");
        assert_eq!(a[0].emotion, Num(-1.0));
        let b: Vec<_> = i
            .lowest_moments
            .iter()
            .filter(|m| m.persona.as_deref() == Some("b"))
            .collect();
        assert_eq!(b[0].place.touchpoint, "t3");
        // Biggest drops: a falls 3 from t1 to t2; b falls 3 from t2 to t3.
        assert_eq!(i.biggest_drops[0].persona.as_deref(), Some("a"));
        assert_eq!(
            (
                i.biggest_drops[0].from.touchpoint.as_str(),
                i.biggest_drops[0].to.touchpoint.as_str()
            ),
            ("t1", "t2")
        );
        assert_eq!(i.biggest_drops[0].drop, Num(3.0));
        let bd = i
            .biggest_drops
            .iter()
            .find(|d| d.persona.as_deref() == Some("b"))
            .unwrap();
        assert_eq!(
            (
                bd.from.touchpoint.as_str(),
                bd.to.touchpoint.as_str(),
                bd.drop
            ),
            ("t2", "t3", Num(3.0))
        );
        // Divergence: t2 and t3 differ by 2, t1 by 1; ties keep journey order.
        let div = names(i.divergence.iter().map(|d| d.place.touchpoint.clone()));
        assert_eq!(div, ["t2", "t3", "t1"]);
        assert_eq!(i.divergence[0].lowest.persona, "a");
        assert_eq!(i.divergence[0].highest.persona, "b");
        // Unaddressed: the stage pain of s1 and T2's pain; T3's pain is covered by its stage.
        let un = names(i.unaddressed_pains.iter().map(|u| u.text.clone()));
        assert_eq!(un, ["Stage pain", "Slow"]);
        // Coverage: web at s1 twice, mail at s2 once, shop unused.
        assert_eq!(i.coverage.rows[0].counts, [2, 0]);
        assert_eq!(i.coverage.rows[1].counts, [0, 1]);
        assert_eq!(i.coverage.unused, ["shop"]);
        assert_eq!(
            i.evidence,
            EvidenceCoverage {
                with_evidence: 1,
                touchpoints: 4,
                percent: 25
            }
        );
        assert_eq!(
            names(i.moments_of_truth.iter().map(|m| m.touchpoint.clone())),
            ["t1"]
        );
    }

    #[test]
    fn one_to_five_scale_and_ties() {
        let j = journey(
            "
journeymap: 1
title: T
scale: {min: 1, max: 5}
personas: [{id: a, name: A}]
stages:
  - name: S
    touchpoints:
      - {name: P, emotion: 4}
      - {name: Q, emotion: 2}
      - {name: R, emotion: 4}
      - {name: U, emotion: 2}
      - {name: V, emotion: 5}
",
        );
        let i = insights(&j);
        assert!(!i.per_persona, "one persona: one curve for all");
        assert_eq!(i.stages[0].emotion[0].persona, None);
        assert_eq!(i.stages[0].emotion[0].mean, Num(3.4));
        // Ties broken by journey order: Q before U, then the first 4.
        let low = names(
            i.lowest_moments
                .iter()
                .map(|m| m.place.touchpoint_name.clone()),
        );
        assert_eq!(low, ["Q", "U", "P"]);
        // Two drops of 2 (P→Q, R→U): journey order.
        let drops: Vec<_> = i
            .biggest_drops
            .iter()
            .map(|d| (d.from.touchpoint_name.as_str(), d.drop))
            .collect();
        assert_eq!(drops, [("P", Num(2.0)), ("R", Num(2.0))]);
        assert!(i.divergence.is_empty());
    }

    #[test]
    fn a_journey_without_emotions_says_so() {
        let j = journey(
            "
journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: S
    touchpoints: [{name: P, channel: Web}, {name: Q}]
",
        );
        let i = insights(&j);
        assert!(!i.has_emotions);
        assert!(
            i.lowest_moments.is_empty() && i.biggest_drops.is_empty() && i.divergence.is_empty()
        );
        assert!(i.stages[0].emotion.is_empty());
        assert_eq!(i.stages[0].touchpoints, 2);
        // A free-text channel still shows in the coverage.
        assert_eq!(i.coverage.rows.len(), 1);
        assert_eq!(i.coverage.rows[0].id, None);
        assert_eq!(i.coverage.rows[0].name, "Web");
        assert!(i.coverage.unused.is_empty());
    }
}
