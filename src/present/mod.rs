//! The presentation layer (d2's `d2target`): every fact an output shows about
//! a journey, computed once after `insight`, so that HTML, SVG, Markdown,
//! Mermaid, CSV and the diff overlay read the same facts instead of each
//! deriving its own.
//!
//! ```text
//! Presentation   per journey: the drawn series, persona looks, stage and
//!                touchpoint facts (DOM ids, values per series with their
//!                score text, valence and 1–5 bucket, the mood of each
//!                touchpoint), the lowest moment, what the legend needs
//! fmt            numbers as printed: coordinates, scores, changes, valence,
//!                buckets, faces, axis ticks
//! style          colours, dash patterns, channel icons, DOM ids
//! text           text metrics: width estimates, Japanese-aware wrapping
//! ```

pub mod fmt;
pub mod style;
pub mod text;

use crate::insight::Insights;
use crate::locale::{Labels, labels};
use crate::model::{Journey, Num, Persona, Scale, Touchpoint};
use serde::Serialize;

pub use fmt::{Coord, num, push_num, score, valence};
pub use style::{PALETTE, dom_id};

/// The name and version of this build, e.g. `journeymap 0.1.0`, for footers.
pub const GENERATOR: &str = concat!("journeymap ", env!("CARGO_PKG_VERSION"));

/// Every display fact of one journey (see the module doc).
pub struct Presentation<'j> {
    pub journey: &'j Journey,
    pub insights: &'j Insights,
    pub labels: &'static Labels,
    /// One look per persona, in spec order.
    pub personas: Vec<PersonaLook<'j>>,
    /// The curves drawn: one per persona where emotions differ (or for the only
    /// persona), else one for all personas.
    pub series: Vec<SeriesLook>,
    pub stages: Vec<StageLook>,
    /// Every touchpoint, in journey order.
    pub touchpoints: Vec<TpLook<'j>>,
    /// Every persona has an avatar of its own: tables name personas by avatar.
    pub by_avatar: bool,
    /// The keys of every persona's `attributes`, in order of first appearance.
    pub attribute_keys: Vec<&'j str>,
    /// Whether any drawn point is backed by evidence, and whether any is assumed.
    pub any_evidence: bool,
    pub any_assumed: bool,
    /// A sentence that describes the curve, for screen readers.
    pub description: String,
}

/// How a persona is shown.
#[derive(Serialize, Debug, Clone)]
pub struct PersonaLook<'j> {
    pub id: &'j str,
    /// The name as written in the spec.
    pub name: &'j str,
    /// The name, or `Name (id)` when another persona has the same name: for
    /// tables and lists that name personas in words.
    pub display: String,
    /// Index into the persona palette (`p0`…`p7` in CSS).
    pub color: usize,
    pub dash: &'static str,
    /// Shown when the persona has no avatar.
    pub initial: String,
}

/// A drawn curve.
#[derive(Serialize, Debug, Clone)]
pub struct SeriesLook {
    /// The persona id, or `None` when one curve stands for all personas.
    pub persona: Option<String>,
    /// The persona's name (XML-safe), or the label for all personas.
    pub name: String,
    /// Index into [`PALETTE`]; `None` for the all-personas curve.
    pub color: Option<usize>,
    pub stroke: &'static str,
    pub dash: &'static str,
}

/// How a stage is shown.
#[derive(Serialize, Debug, Clone)]
pub struct StageLook {
    /// 1-based position.
    pub number: usize,
    pub dom: String,
    /// Index of the stage colour (`h0`…`h7` in CSS).
    pub hue: usize,
    /// Touchpoint columns this stage spans (a stage with no touchpoint keeps one).
    pub span: usize,
    /// The stage the journey loops back to.
    pub loop_target: bool,
}

/// A value on the emotion scale, as every output shows it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Shown {
    pub value: Num,
    /// `+1`, `−2` (see [`fmt::score`]).
    pub score: String,
    /// `pos`, `neg` or `mid`.
    pub valence: &'static str,
    /// Mermaid's 1..5 (see [`fmt::bucket`]).
    pub bucket: u8,
    /// The face of the bucket in tables.
    pub face: &'static str,
}

impl Shown {
    #[must_use]
    pub fn new(value: Num, scale: Scale) -> Self {
        Shown {
            value,
            score: score(value, scale.min),
            valence: valence(value.0, scale.midpoint.0),
            bucket: fmt::bucket(value.0, scale),
            face: fmt::table_face(value.0, scale),
        }
    }
}

/// What a touchpoint's personas feel, as a table cell shows it.
#[derive(Serialize, Debug, Clone)]
#[serde(tag = "kind", content = "values", rename_all = "lowercase")]
pub enum Mood {
    /// No emotion given.
    None,
    /// Every persona of the touchpoint feels the same.
    Same(Shown),
    /// Personas feel differently, or only some have an emotion: each persona of
    /// the touchpoint (by id) with its value.
    Each(Vec<(String, Option<Shown>)>),
}

/// How a touchpoint is shown.
#[derive(Serialize, Debug)]
pub struct TpLook<'j> {
    /// Index of its stage.
    pub stage: usize,
    pub tp: &'j Touchpoint,
    pub dom: String,
    /// Its value on each drawn series (`None`: no point on that curve).
    pub values: Vec<Option<Shown>>,
    pub mood: Mood,
    /// The personas of the touchpoint when it is not all of them, else empty.
    pub only: Vec<&'j str>,
    pub kind_icon: &'static str,
}

impl<'j> Presentation<'j> {
    /// Compute every display fact of `journey`.
    #[must_use]
    pub fn new(journey: &'j Journey, insights: &'j Insights) -> Self {
        let labels = labels(journey.locale);
        let personas = persona_looks(journey);
        let series = series_looks(journey, labels);
        let touchpoints = touchpoint_looks(journey, &series);
        let drawn = |ev: bool| {
            touchpoints
                .iter()
                .any(|t| t.values.iter().any(Option::is_some) && t.tp.evidence.is_empty() != ev)
        };
        Presentation {
            by_avatar: by_avatar(&journey.personas),
            attribute_keys: attribute_keys(&journey.personas),
            any_evidence: drawn(true),
            any_assumed: drawn(false),
            description: describe(journey, insights, labels),
            stages: stage_looks(journey),
            personas,
            series,
            touchpoints,
            journey,
            insights,
            labels,
        }
    }

    /// Whether any point is drawn on the curve.
    #[must_use]
    pub fn has_points(&self) -> bool {
        self.any_evidence || self.any_assumed
    }

    /// The look of the persona with this id.
    #[must_use]
    pub fn persona(&self, id: &str) -> Option<&PersonaLook<'j>> {
        self.personas.iter().find(|p| p.id == id)
    }

    /// The columns of the grid, in journey order: a touchpoint each, and one
    /// empty column for a stage without touchpoints.
    #[must_use]
    pub fn columns(&self) -> Vec<Column<'_, 'j>> {
        let mut out = Vec::with_capacity(self.touchpoints.len() + self.stages.len());
        let mut tps = self.touchpoints.iter().peekable();
        for (i, _) in self.stages.iter().enumerate() {
            let before = out.len();
            while let Some(t) = tps.next_if(|t| t.stage == i) {
                out.push(Column {
                    stage: i,
                    tp: Some(t),
                });
            }
            if out.len() == before {
                out.push(Column { stage: i, tp: None });
            }
        }
        out
    }

    /// A value on this journey's scale, as shown.
    #[must_use]
    pub fn shown(&self, v: Num) -> Shown {
        Shown::new(v, self.journey.scale)
    }
}

/// A column of the grid: its stage and its touchpoint.
#[derive(Clone, Copy)]
pub struct Column<'p, 'j> {
    pub stage: usize,
    pub tp: Option<&'p TpLook<'j>>,
}

fn persona_looks(j: &Journey) -> Vec<PersonaLook<'_>> {
    j.personas
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let shared = j.personas.iter().filter(|o| o.name == p.name).count() > 1;
            PersonaLook {
                id: &p.id,
                name: &p.name,
                display: if shared {
                    format!("{} ({})", p.name, p.id)
                } else {
                    p.name.clone()
                },
                color: style::color(i),
                dash: style::dash(i),
                initial: p.name.chars().take(1).collect(),
            }
        })
        .collect()
}

/// The personas that get a curve of their own, or one shared curve. A journey
/// of one persona (or seen as one with `--persona`) draws that persona.
fn series_looks(j: &Journey, labels: &Labels) -> Vec<SeriesLook> {
    let own = |i: usize, p: &Persona| SeriesLook {
        persona: Some(p.id.clone()),
        name: text::xml_safe(&p.name),
        color: Some(style::color(i)),
        stroke: PALETTE[style::color(i)].0,
        dash: style::dash(i),
    };
    if let [only] = j.personas.as_slice() {
        return vec![own(0, only)];
    }
    if !j.emotions_differ() {
        return vec![SeriesLook {
            persona: None,
            name: labels.all_personas.to_owned(),
            color: None,
            stroke: style::ALL_PERSONAS_STROKE,
            dash: "",
        }];
    }
    j.personas
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            j.stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .any(|t| t.emotion.contains_key(&p.id))
        })
        .map(|(i, p)| own(i, p))
        .collect()
}

fn stage_looks(j: &Journey) -> Vec<StageLook> {
    j.stages
        .iter()
        .enumerate()
        .map(|(i, s)| StageLook {
            number: i + 1,
            dom: dom_id("stage-", &s.key),
            hue: i % 8,
            span: s.touchpoints.len().max(1),
            loop_target: j.loop_to.is_some() && s.id == j.loop_to,
        })
        .collect()
}

fn touchpoint_looks<'j>(j: &'j Journey, series: &[SeriesLook]) -> Vec<TpLook<'j>> {
    let all = j.personas.len();
    let mut out = Vec::with_capacity(j.stages.iter().map(|s| s.touchpoints.len()).sum());
    for (i, s) in j.stages.iter().enumerate() {
        for t in &s.touchpoints {
            out.push(TpLook {
                stage: i,
                tp: t,
                dom: dom_id("tp-", &t.key),
                values: series
                    .iter()
                    .map(|se| {
                        t.emotion_of(se.persona.as_deref())
                            .map(|v| Shown::new(v, j.scale))
                    })
                    .collect(),
                mood: mood(j, t),
                only: if t.personas.len() < all {
                    t.personas.iter().map(String::as_str).collect()
                } else {
                    Vec::new()
                },
                kind_icon: style::kind_icon(t.channel.as_ref().and_then(|c| c.kind.as_deref())),
            });
        }
    }
    out
}

fn mood(j: &Journey, t: &Touchpoint) -> Mood {
    if t.emotion.is_empty() {
        return Mood::None;
    }
    match t.uniform_emotion() {
        Some(v) if t.emotion.len() == t.personas.len() => Mood::Same(Shown::new(v, j.scale)),
        _ => Mood::Each(
            t.personas
                .iter()
                .map(|p| (p.clone(), t.emotion.get(p).map(|v| Shown::new(*v, j.scale))))
                .collect(),
        ),
    }
}

/// Every persona has an avatar, and no two share one.
fn by_avatar(personas: &[Persona]) -> bool {
    personas.iter().enumerate().all(|(i, p)| {
        p.avatar
            .as_ref()
            .is_some_and(|a| !personas[..i].iter().any(|q| q.avatar.as_ref() == Some(a)))
    })
}

fn attribute_keys(personas: &[Persona]) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::new();
    for k in personas.iter().flat_map(|p| p.attributes.keys()) {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    keys
}

/// A one-paragraph text alternative: the stages in order and where the curve
/// is lowest (the lowest of the lowest moments; the earliest on a tie).
fn describe(j: &Journey, insights: &Insights, labels: &Labels) -> String {
    let stages: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
    let mut s = format!("{}: {}.", labels.stages, stages.join(" → "));
    let position = |key: &str| {
        j.stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .position(|t| t.key == key)
    };
    let lowest = insights.lowest_moments.iter().min_by(|a, b| {
        a.emotion
            .0
            .total_cmp(&b.emotion.0)
            .then_with(|| position(&a.place.touchpoint).cmp(&position(&b.place.touchpoint)))
    });
    if let Some(m) = lowest {
        s.push_str(&format!(
            " {}: {} ({}).",
            labels.lowest_moments,
            m.place.touchpoint_name,
            score(m.emotion, j.scale.min)
        ));
    }
    text::xml_safe(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey(yaml: &str) -> Journey {
        let c = crate::compile_str("t.yaml", yaml, &crate::lint::CliLevels::default());
        c.journey.expect("the test spec is valid")
    }

    #[test]
    fn moods_and_series_follow_the_emotions() {
        let j = journey(
            "journeymap: 1\ntitle: T\npersonas: [{id: a, name: A, avatar: x}, {id: b, name: A, avatar: y}]\nstages:\n  - name: S\n    touchpoints:\n      - {name: same, emotion: 1}\n      - {name: split, emotion: {a: 2, b: -1}}\n      - {name: partial, emotion: {a: 1}}\n      - {name: none}\n  - name: Empty\n",
        );
        let i = crate::insight::insights(&j);
        let p = Presentation::new(&j, &i);
        assert_eq!(p.personas[0].display, "A (a)", "shared names get their id");
        assert!(p.by_avatar);
        assert_eq!(p.series.len(), 2, "emotions differ: one curve per persona");
        let moods: Vec<&Mood> = p.touchpoints.iter().map(|t| &t.mood).collect();
        assert!(matches!(moods[0], Mood::Same(s) if s.score == "+1" && s.bucket == 4));
        assert!(matches!(moods[1], Mood::Each(v) if v.len() == 2));
        assert!(matches!(moods[2], Mood::Each(v) if v[1].1.is_none()));
        assert!(matches!(moods[3], Mood::None));
        assert_eq!(
            p.touchpoints[1].values[1].as_ref().unwrap().score,
            "\u{2212}1"
        );
        assert_eq!(p.columns().len(), 5, "the empty stage keeps a column");
        assert_eq!(
            p.description,
            "Stages: S → Empty. Lowest moments: split (−1)."
        );
    }
}
