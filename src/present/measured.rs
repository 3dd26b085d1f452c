//! Measured data as every output shows it (SPEC.md §6 "Shown"): a registry
//! metric's value at a place with its unit, the change since the previous
//! period, the target met or missed, a trend line; the measured emotion as
//! curves of its own; each stage's funnel step.

use super::{Presentation, SeriesLook, style, text};
use crate::locale::Labels;
use crate::model::{Better, Journey, Measure, Metric, Num};
use serde::Serialize;
use std::collections::HashMap;

/// The marker style of measured curves: dotted, so a measured curve is told
/// from an assumed one of the same persona without colour.
pub const MEASURED_DASH: &str = "1.5 3.5";

/// A registry metric at one place, as shown.
#[derive(Serialize, Debug, Clone)]
pub struct MetricShown {
    pub id: String,
    pub name: String,
    /// The persona the value is for (its display name), none for all.
    pub persona: Option<String>,
    /// The latest value with its unit: `81%`.
    pub value: String,
    /// The last periods' values with their units: `… 64% → 72% → 81%`.
    pub trend: String,
    /// `↑ +9`, `↓ −3`, `±0`; empty with a single value.
    pub change: String,
    /// `better`, `worse` or `same` (per the metric's `better`); empty with a single value.
    pub direction: &'static str,
    /// The target with its unit, if any.
    pub target: Option<String>,
    pub met: Option<bool>,
    /// The latest value's period, sample size and source.
    pub period: Option<String>,
    pub n: Option<String>,
    pub source: Option<String>,
    /// A small trend line: SVG polyline points in a [`SPARK_W`] × [`SPARK_H`]
    /// box, with two values or more.
    pub spark: Option<String>,
    /// One line of text, the previous period and the latest: `72% → 81% ↑, target 80% ✓`.
    pub text: String,
}

pub const SPARK_W: f64 = 44.0;
pub const SPARK_H: f64 = 14.0;
/// The most values a trend tooltip lists, and a trend line draws.
const TREND_VALUES: usize = 6;
const SPARK_POINTS: usize = 24;

fn with_unit(v: Num, unit: &str) -> String {
    format!("{v}{unit}")
}

/// A metric's value at a place, as shown, in the words of `labels`.
#[must_use]
pub fn shown(
    m: &Measure,
    metric: &Metric,
    persona: Option<String>,
    labels: &Labels,
) -> MetricShown {
    let unit = metric.unit.as_deref().unwrap_or("");
    // The trend shows the last periods (a year of daily values is no tooltip);
    // the one-line text, the previous period and the latest (`72% → 81%`).
    let tail = m.series.len().saturating_sub(TREND_VALUES);
    let mut trend: Vec<String> = m.series[tail..]
        .iter()
        .map(|r| with_unit(r.value, unit))
        .collect();
    if tail > 0 {
        trend.insert(0, "…".to_owned());
    }
    let recent: Vec<String> = m.series[m.series.len().saturating_sub(2)..]
        .iter()
        .map(|r| with_unit(r.value, unit))
        .collect();
    let direction = match m.change {
        None => "",
        Some(c) if c.0 == 0.0 => "same",
        Some(c) if (c.0 > 0.0) == (metric.better == Better::Higher) => "better",
        Some(_) => "worse",
    };
    let arrow = match m.change {
        Some(c) if c.0 > 0.0 => "↑",
        Some(c) if c.0 < 0.0 => "↓",
        Some(_) => "→",
        None => "",
    };
    let target = m.target.map(|t| with_unit(t, unit));
    let mut text = recent.join(" → ");
    if !arrow.is_empty() {
        text.push(' ');
        text.push_str(arrow);
    }
    if let (Some(t), Some(met)) = (&target, m.met) {
        text.push_str(labels.list_sep);
        text.push_str(labels.target);
        text.push(' ');
        text.push_str(t);
        text.push(' ');
        text.push_str(if met { "✓" } else { "✗" });
    }
    let last = m.series.last();
    MetricShown {
        id: metric.id.clone(),
        name: metric.name.clone(),
        persona,
        value: with_unit(m.latest, unit),
        change: m
            .change
            .map_or_else(String::new, |c| super::fmt::change(Some(c))),
        direction,
        target,
        met: m.met,
        period: last.and_then(|r| r.period.as_deref().map(str::to_owned)),
        n: last.and_then(|r| r.n).map(|n| n.to_string()),
        source: last.and_then(|r| r.source.as_deref().map(str::to_owned)),
        spark: spark(m),
        trend: trend.join(" → "),
        text,
    }
}

/// The polyline of a series of two values or more, scaled to its own range;
/// a long series is drawn as the means of [`SPARK_POINTS`] runs of it.
fn spark(m: &Measure) -> Option<String> {
    if m.series.len() < 2 {
        return None;
    }
    let per = m.series.len().div_ceil(SPARK_POINTS).max(1);
    #[allow(clippy::cast_precision_loss)]
    let values: Vec<f64> = m
        .series
        .chunks(per)
        .map(|c| c.iter().map(|r| r.value.0).sum::<f64>() / c.len() as f64)
        .collect();
    if values.len() < 2 {
        return None;
    }
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    #[allow(clippy::cast_precision_loss)]
    let step = SPARK_W / (values.len() - 1) as f64;
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        let y = if hi > lo {
            2.0 + (hi - v) / (hi - lo) * (SPARK_H - 4.0)
        } else {
            SPARK_H / 2.0
        };
        if i > 0 {
            out.push(' ');
        }
        #[allow(clippy::cast_precision_loss)]
        let x = i as f64 * step;
        out.push_str(&super::num(x));
        out.push(',');
        out.push_str(&super::num(y));
    }
    Some(out)
}

/// The registry metrics' values at the stages (`touchpoint: false`) or at
/// the touchpoints, as shown, by the place's key; each place's list in the
/// order of `journey.measures` (registry order, the value for all before each
/// persona's).
#[must_use]
pub fn at_places(
    j: &Journey,
    labels: &Labels,
    touchpoint: bool,
) -> HashMap<String, Vec<MetricShown>> {
    let mut out: HashMap<String, Vec<MetricShown>> = HashMap::new();
    for m in j
        .measures
        .iter()
        .filter(|m| m.touchpoint.is_some() == touchpoint)
    {
        let Some(metric) = j.metrics.iter().find(|x| x.id == m.metric) else {
            continue;
        };
        let persona = m
            .persona
            .as_ref()
            .map(|p| j.persona(p).map_or_else(|| p.clone(), |x| x.name.clone()));
        let key = m.touchpoint.clone().unwrap_or_else(|| m.stage.clone());
        out.entry(key)
            .or_default()
            .push(shown(m, metric, persona, labels));
    }
    out
}

/// The measured curves: one per persona where the measured emotions differ
/// by persona, else one for all; none when nothing measures emotion.
#[must_use]
pub fn series(j: &Journey, labels: &Labels) -> Vec<SeriesLook> {
    let tps = || j.stages.iter().flat_map(|s| &s.touchpoints);
    if !tps().any(|t| !t.measured_emotion.is_empty()) {
        return Vec::new();
    }
    // Measured per persona when a touchpoint's personas measure differently,
    // or only some of them are measured (a row named one persona).
    let differ = tps().any(|t| {
        !t.measured_emotion.is_empty()
            && (t.measured_of(None).is_none() || t.measured_emotion.len() < t.personas.len())
    });
    let name = |who: &str| text::xml_safe(&format!("{}: {who}", labels.measured));
    if !differ || j.personas.len() == 1 {
        let (color, stroke) = match j.personas.as_slice() {
            [only] => (
                Some(style::color(only.index)),
                style::PALETTE[style::color(only.index)].0,
            ),
            _ => (None, style::ALL_PERSONAS_STROKE),
        };
        let who = match j.personas.as_slice() {
            [only] => only.name.as_str(),
            _ => labels.all_personas,
        };
        return vec![SeriesLook {
            persona: j
                .personas
                .first()
                .filter(|_| j.personas.len() == 1)
                .map(|p| p.id.clone()),
            name: name(who),
            color,
            stroke,
            dash: MEASURED_DASH,
            measured: true,
        }];
    }
    j.personas
        .iter()
        .filter(|p| tps().any(|t| t.measured_emotion.contains_key(&p.id)))
        .map(|p| SeriesLook {
            persona: Some(p.id.clone()),
            name: name(&p.name),
            color: Some(style::color(p.index)),
            stroke: style::PALETTE[style::color(p.index)].0,
            dash: MEASURED_DASH,
            measured: true,
        })
        .collect()
}

/// One stage's step of a funnel metric, as the map's funnel row shows it.
#[derive(Serialize, Debug, Clone)]
pub struct FunnelCell {
    pub metric: String,
    /// The stage's count in the funnel's latest period, with the unit.
    pub value: String,
    /// The share that reaches the next stage with a value: `42%`.
    pub onward: Option<String>,
    /// This step is the funnel's biggest drop.
    pub biggest: bool,
}

/// Each stage's cells of every funnel metric (stage order).
#[must_use]
pub fn funnel(p: &Presentation) -> Vec<Vec<FunnelCell>> {
    let j = p.journey;
    let mut out = vec![Vec::new(); j.stages.len()];
    let Some(steps) = &p.insights.funnel else {
        return out;
    };
    for metric in j.metrics.iter().filter(|m| m.funnel) {
        let unit = metric.unit.as_deref().unwrap_or("");
        let mine: Vec<_> = steps.iter().filter(|s| s.metric == metric.id).collect();
        let biggest = mine.first().map(|s| s.from.as_str());
        for (i, stage) in j.stages.iter().enumerate() {
            let from = mine.iter().find(|s| s.from == stage.key);
            let to = mine.iter().find(|s| s.to == stage.key);
            let value = from
                .map(|s| s.from_value)
                .or_else(|| to.map(|s| s.to_value));
            let Some(value) = value else { continue };
            out[i].push(FunnelCell {
                metric: metric.name.clone(),
                value: with_unit(value, unit),
                onward: from.map(|s| percent(s.conversion.0)),
                biggest: from.is_some() && biggest == Some(stage.key.as_str()),
            });
        }
    }
    out
}

/// The insights of measured data with their numbers as shown (units,
/// percentages, scores), for the insights section of every output.
#[derive(Serialize, Debug, Default)]
pub struct InsightTexts {
    /// The journey has a `metrics` registry: these insights are shown.
    pub registry: bool,
    /// With `compare_to`: where this journey trails, as shown.
    pub trails: Vec<TrailText>,
    pub off_target: Vec<OffTargetText>,
    pub funnel: Vec<FunnelText>,
    pub gaps: Vec<GapText>,
}

#[derive(Serialize, Debug)]
pub struct OffTargetText {
    pub metric: String,
    /// `Stage` or `Stage / Touchpoint`.
    pub place: String,
    pub touchpoint: Option<String>,
    pub persona: Option<String>,
    pub value: String,
    pub target: String,
    pub period: Option<String>,
    /// How far, as a percentage of the larger of value and target.
    pub off_by: String,
}

#[derive(Serialize, Debug)]
pub struct FunnelText {
    pub metric: String,
    pub from: String,
    pub to: String,
    pub from_value: String,
    pub to_value: String,
    /// `9%`: the share that goes on.
    pub conversion: String,
    /// `91%`: the share lost.
    pub drop: String,
    pub period: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct TrailText {
    pub compared: String,
    pub stage: String,
    pub stage_key: String,
    pub ours: String,
    pub theirs: String,
    /// `1.5`: how far this journey trails.
    pub gap: String,
}

#[derive(Serialize, Debug)]
pub struct GapText {
    pub place: String,
    pub touchpoint: String,
    pub persona: Option<String>,
    pub assumed: String,
    pub measured: String,
    /// `+1.2` or `−2`: measured − assumed.
    pub gap: String,
}

/// A fraction as a whole percentage: `0.2629` → `26%` (`<1%` for a share
/// that rounds to 0 but is not 0).
fn percent(x: f64) -> String {
    let p = (x * 100.0).round();
    if p == 0.0 && x > 0.0 {
        "<1%".to_owned()
    } else {
        format!("{}%", Num(p))
    }
}

/// The measured-data insights of `p`, as shown (empty without a registry).
#[must_use]
pub fn insight_texts(p: &Presentation) -> InsightTexts {
    let (j, i) = (p.journey, p.insights);
    let unit = |id: &str| {
        j.metrics
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.unit.clone())
            .unwrap_or_default()
    };
    let persona = |id: &Option<String>| {
        id.as_ref().map(|id| {
            p.persona(id)
                .map_or_else(|| id.clone(), |l| l.display.clone())
        })
    };
    let place = |stage: &str, tp: Option<&str>| match tp {
        Some(t) => format!("{stage} / {t}"),
        None => stage.to_owned(),
    };
    let score = |v: Num| super::score(v, j.scale.min);
    InsightTexts {
        registry: !j.metrics.is_empty(),
        trails: i
            .trails
            .iter()
            .flatten()
            .map(|t| TrailText {
                compared: t.compared.clone(),
                stage: t.stage_name.clone(),
                stage_key: t.stage.clone(),
                ours: score(t.ours),
                theirs: score(t.theirs),
                gap: t.gap.to_string(),
            })
            .collect(),
        off_target: i
            .off_target
            .iter()
            .flatten()
            .map(|o| {
                let u = unit(&o.metric);
                OffTargetText {
                    metric: o.metric_name.clone(),
                    place: place(&o.stage_name, o.touchpoint_name.as_deref()),
                    touchpoint: o.touchpoint.clone(),
                    persona: persona(&o.persona),
                    value: with_unit(o.value, &u),
                    target: with_unit(o.target, &u),
                    period: o.period.clone(),
                    off_by: percent(o.off_by.0),
                }
            })
            .collect(),
        funnel: i
            .funnel
            .iter()
            .flatten()
            .map(|f| {
                let u = unit(&f.metric);
                FunnelText {
                    metric: f.metric_name.clone(),
                    from: f.from_name.clone(),
                    to: f.to_name.clone(),
                    from_value: with_unit(f.from_value, &u),
                    to_value: with_unit(f.to_value, &u),
                    conversion: percent(f.conversion.0),
                    drop: percent(f.drop.0),
                    period: f.period.clone(),
                }
            })
            .collect(),
        gaps: i
            .assumption_gaps
            .iter()
            .flatten()
            .map(|g| GapText {
                place: place(&g.stage_name, Some(&g.touchpoint_name)),
                touchpoint: g.touchpoint.clone(),
                persona: persona(&g.persona),
                assumed: score(g.assumed),
                measured: score(g.measured),
                gap: super::fmt::signed(g.gap),
            })
            .collect(),
    }
}

/// A registry metric as the list of metrics shows it.
#[derive(Serialize, Debug)]
pub struct RegistryRow {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    /// `≥ 80%` or `≤ 10分`: the target and which way is good.
    pub target: Option<String>,
    pub owner: Option<String>,
    pub description: Option<String>,
    /// `1–5` for a metric that measures feeling on a survey scale.
    pub survey: Option<String>,
    pub funnel: bool,
    /// At how many places it has a value.
    pub places: usize,
}

/// The registry, as shown (empty without one).
#[must_use]
pub fn registry(j: &Journey) -> Vec<RegistryRow> {
    j.metrics
        .iter()
        .map(|m| {
            let unit = m.unit.as_deref().unwrap_or("");
            RegistryRow {
                id: m.id.clone(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                target: m.target.map(|t| {
                    let sign = if m.better == Better::Lower {
                        "≤"
                    } else {
                        "≥"
                    };
                    format!("{sign} {}", with_unit(t, unit))
                }),
                owner: m.owner.clone(),
                description: m.description.clone(),
                survey: m.emotion.map(|r| format!("{}–{}", r.min, r.max)),
                funnel: m.funnel,
                places: j.measures.iter().filter(|x| x.metric == m.id).count(),
            }
        })
        .collect()
}

/// This journey's and the compared journeys' mean emotion per stage, side by
/// side (the Markdown's comparison table); none without `compare_to`.
#[derive(Serialize, Debug)]
pub struct ComparisonTable {
    /// The compared journeys' names, the columns after this journey's.
    pub columns: Vec<String>,
    pub rows: Vec<ComparisonRow>,
}

#[derive(Serialize, Debug)]
pub struct ComparisonRow {
    pub stage: String,
    pub ours: String,
    /// One per compared journey; `–` where it has no value.
    pub theirs: Vec<String>,
}

#[must_use]
pub fn comparison(p: &Presentation) -> Option<ComparisonTable> {
    let j = p.journey;
    if p.compared.is_empty() {
        return None;
    }
    let dash = || "–".to_owned();
    Some(ComparisonTable {
        columns: p.compared.iter().map(|c| c.name.clone()).collect(),
        rows: j
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| ComparisonRow {
                stage: s.name.clone(),
                ours: crate::relate::stage_mean(s)
                    .map_or_else(dash, |m| super::score(m, j.scale.min)),
                theirs: p
                    .compared
                    .iter()
                    .map(|c| {
                        c.means
                            .get(i)
                            .copied()
                            .flatten()
                            .map_or_else(dash, |m| m.score())
                    })
                    .collect(),
            })
            .collect(),
    })
}
