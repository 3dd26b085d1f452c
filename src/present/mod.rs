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

pub mod fields;
pub mod fmt;
pub mod grid;
pub mod measured;
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
    /// The measured emotion's curves (`measured::series`), drawn beside the
    /// assumed ones; empty when nothing measures emotion.
    pub measured: Vec<SeriesLook>,
    /// The journeys of `compare_to`, drawn behind the curve (muted).
    pub compared: Vec<ComparedLook>,
    /// The registry metrics' values at each stage (the stage's own), as shown,
    /// by stage key; a touchpoint's are in its look.
    pub stage_metrics: std::collections::HashMap<String, Vec<measured::MetricShown>>,
    pub stages: Vec<StageLook>,
    /// Every touchpoint, in journey order: built when a format first reads them
    /// (`-f json` never does).
    touchpoints: std::cell::OnceCell<Vec<TpLook<'j>>>,
    /// Every persona has an avatar of its own: tables name personas by avatar.
    pub by_avatar: bool,
    /// The keys of every persona's `attributes`, in order of first appearance.
    pub attribute_keys: Vec<&'j str>,
    /// Whether any drawn point is backed by evidence, and whether any is assumed.
    pub any_evidence: bool,
    pub any_assumed: bool,
    /// A sentence that describes the curve, for screen readers.
    pub description: String,
    /// Where the other outputs are, for the links between them.
    pub links: Links,
}

/// Links from this journey's page to others, as relative URLs (set by whoever
/// knows where the outputs are written: the command line).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Links {
    /// In a `--persona` view: the map of every persona.
    pub full_map: Option<String>,
    /// The broader journey this one details.
    pub parent: Option<LinkTo>,
    /// The journeys that detail a stage or touchpoint of this one.
    pub details: Vec<LinkTo>,
    /// The journeys of `compare_to`.
    pub compared: Vec<LinkTo>,
}

/// A link to another journey's map.
#[derive(Debug, Clone, Serialize)]
pub struct LinkTo {
    /// Relative to this map; none when there is nowhere to link to (stdout).
    pub href: Option<String>,
    pub title: String,
    pub subject: Option<String>,
    /// The stage and touchpoint the link is about: `(key, name)`.
    pub stage: Option<(String, String)>,
    pub touchpoint: Option<(String, String)>,
}

/// A compared journey as the map draws it: its name (subject, else title), a
/// muted line style, and its mean emotion at each of this journey's stages.
#[derive(Serialize, Debug, Clone)]
pub struct ComparedLook {
    pub name: String,
    pub dash: &'static str,
    /// One per stage of this journey, as shown (`+1`), none where it has no value.
    pub means: Vec<Option<Shown>>,
}

/// Line styles of compared journeys, in `compare_to` order.
pub const COMPARED_DASHES: [&str; 3] = ["5 3", "1.5 3", "9 3 2 3"];

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
    /// A curve of measured emotion (drawn dotted with square markers).
    pub measured: bool,
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

/// A value on the emotion scale, as every output shows it. Small and `Copy`:
/// a journey holds one per persona and touchpoint, so its score text is
/// written only when an output asks for it (templates see it as `score`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    pub value: Num,
    /// The scale's least value, which decides the score's sign.
    min: Num,
    /// Mermaid's 1..5 (see [`fmt::bucket`]).
    pub bucket: u8,
    /// Above the midpoint (1), below it (-1), or on it (0).
    side: i8,
}

// One per touchpoint and series, twice (values and moods): keep it at 24 bytes.
const _: () = assert!(std::mem::size_of::<Shown>() == 24);

impl Shown {
    #[must_use]
    pub fn new(value: Num, scale: Scale) -> Self {
        let mid = scale.midpoint.0;
        Shown {
            value,
            min: scale.min,
            bucket: fmt::bucket(value.0, scale),
            side: if value.0 > mid {
                1
            } else if value.0 < mid {
                -1
            } else {
                0
            },
        }
    }

    /// `+1`, `−2` (see [`fmt::score`]).
    #[must_use]
    pub fn score(&self) -> String {
        score(self.value, self.min)
    }

    /// `pos`, `neg` or `mid` (see [`valence`]).
    #[must_use]
    pub fn valence(&self) -> &'static str {
        match self.side {
            1 => "pos",
            -1 => "neg",
            _ => "mid",
        }
    }

    /// The face of the bucket in tables (see [`fmt::table_face`]).
    #[must_use]
    pub fn face(&self) -> &'static str {
        fmt::bucket_face(self.bucket)
    }
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Shown", 5)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("score", &self.score())?;
        st.serialize_field("valence", self.valence())?;
        st.serialize_field("bucket", &self.bucket)?;
        st.serialize_field("face", self.face())?;
        st.end()
    }
}

/// A touchpoint's values on the drawn series: only those it has (a touchpoint
/// of two personas in a journey of a hundred holds two). Templates see one
/// entry per series, `none` where there is no point.
#[derive(Debug, Clone, Default)]
pub struct Values {
    series: usize,
    entries: Vec<(usize, Shown)>,
}

impl Values {
    /// The value on series `si`, if the touchpoint has a point there.
    #[must_use]
    pub fn get(&self, si: usize) -> Option<&Shown> {
        self.entries
            .binary_search_by_key(&si, |(i, _)| *i)
            .ok()
            .map(|k| &self.entries[k].1)
    }

    /// Whether the touchpoint has a point on any series.
    #[must_use]
    pub fn any(&self) -> bool {
        !self.entries.is_empty()
    }

    /// The value on each series in order, `None` where there is no point.
    pub fn each(&self) -> impl Iterator<Item = Option<&Shown>> {
        (0..self.series).map(|si| self.get(si))
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.each())
    }
}

/// What a touchpoint's personas feel, as a table cell shows it.
#[derive(Serialize, Debug, Clone)]
#[serde(tag = "kind", content = "values", rename_all = "lowercase")]
pub enum Mood<'j> {
    /// No emotion given.
    None,
    /// Every persona of the touchpoint feels the same.
    Same(Shown),
    /// Personas feel differently, or only some have an emotion: each persona of
    /// the touchpoint (by id) with its value.
    Each(Vec<(&'j str, Option<Shown>)>),
}

/// How a touchpoint is shown.
#[derive(Serialize, Debug)]
pub struct TpLook<'j> {
    /// Index of its stage.
    pub stage: usize,
    pub tp: &'j Touchpoint,
    pub dom: String,
    /// Its values on the drawn series.
    pub values: Values,
    /// Its measured emotion on the measured series.
    pub measured: Values,
    /// Its registry metrics' values, as shown (empty without a registry).
    pub metrics: Vec<measured::MetricShown>,
    pub mood: Mood<'j>,
    /// The personas of the touchpoint when it is not all of them, else empty.
    pub only: Vec<&'j str>,
    pub kind_icon: &'static str,
    /// It has a plain fact outside the story group, or metrics (who works on
    /// it, backstage, research: the second table in Markdown).
    pub team: bool,
}

impl<'j> Presentation<'j> {
    /// Compute every display fact of `journey`.
    #[must_use]
    pub fn new(journey: &'j Journey, insights: &'j Insights) -> Self {
        let labels = labels(journey.locale);
        let personas = persona_looks(journey);
        let series = series_looks(journey, labels);
        let measured_series = measured::series(journey, labels);
        let drawn = |ev: bool| {
            journey.stages.iter().flat_map(|s| &s.touchpoints).any(|t| {
                t.evidence.is_empty() != ev
                    && series
                        .iter()
                        .any(|se| t.emotion_of(se.persona.as_deref()).is_some())
            })
        };
        Presentation {
            by_avatar: by_avatar(&journey.personas),
            attribute_keys: attribute_keys(&journey.personas),
            any_evidence: drawn(true),
            any_assumed: drawn(false),
            description: describe(journey, insights, labels),
            links: Links::default(),
            stages: stage_looks(journey),
            personas,
            series,
            measured: measured_series,
            stage_metrics: measured::at_places(journey, labels, false),
            compared: journey
                .relations
                .compared
                .iter()
                .enumerate()
                .map(|(i, c)| ComparedLook {
                    name: text::xml_safe(c.link.subject.as_ref().unwrap_or(&c.link.title)),
                    dash: COMPARED_DASHES[i % COMPARED_DASHES.len()],
                    means: c
                        .stage_means
                        .iter()
                        .map(|m| m.map(|v| Shown::new(v, journey.scale)))
                        .collect(),
                })
                .collect(),
            touchpoints: std::cell::OnceCell::new(),
            journey,
            insights,
            labels,
        }
    }

    /// The same presentation, with links to the other outputs.
    #[must_use]
    pub fn with_links(mut self, links: Links) -> Self {
        self.links = links;
        self
    }

    /// The look of the persona this journey is seen by (`--persona`), if any.
    #[must_use]
    pub fn seen_by(&self) -> Option<&PersonaLook<'j>> {
        self.persona(self.journey.seen_by.as_deref()?)
    }

    /// Every touchpoint as shown, in journey order.
    #[must_use]
    pub fn touchpoints(&self) -> &[TpLook<'j>] {
        self.touchpoints.get_or_init(|| {
            touchpoint_looks(self.journey, &self.series, &self.measured, self.labels)
        })
    }

    /// Whether any point is drawn on the curve.
    #[must_use]
    pub fn has_points(&self) -> bool {
        self.any_evidence || self.any_assumed || !self.measured.is_empty()
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
        let mut out = Vec::with_capacity(self.touchpoints().len() + self.stages.len());
        let mut tps = self.touchpoints().iter().peekable();
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
        .map(|p| {
            let i = p.index;
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
    let own = |p: &Persona| SeriesLook {
        persona: Some(p.id.clone()),
        name: text::xml_safe(&p.name),
        color: Some(style::color(p.index)),
        stroke: PALETTE[style::color(p.index)].0,
        dash: style::dash(p.index),
        measured: false,
    };
    if let [only] = j.personas.as_slice() {
        return vec![own(only)];
    }
    if !j.emotions_differ() {
        return vec![SeriesLook {
            persona: None,
            name: labels.all_personas.to_owned(),
            color: None,
            stroke: style::ALL_PERSONAS_STROKE,
            dash: "",
            measured: false,
        }];
    }
    j.personas
        .iter()
        .filter(|p| {
            j.stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .any(|t| t.emotion.contains_key(&p.id))
        })
        .map(own)
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

/// A touchpoint's values on `series`, read by `of` (assumed or measured).
fn values_on(
    series: &[SeriesLook],
    scale: crate::model::Scale,
    of: impl Fn(Option<&str>) -> Option<Num>,
) -> Values {
    Values {
        series: series.len(),
        entries: series
            .iter()
            .enumerate()
            .filter_map(|(si, se)| Some((si, Shown::new(of(se.persona.as_deref())?, scale))))
            .collect(),
    }
}

fn touchpoint_looks<'j>(
    j: &'j Journey,
    series: &[SeriesLook],
    measured: &[SeriesLook],
    labels: &Labels,
) -> Vec<TpLook<'j>> {
    let mut metrics = measured::at_places(j, labels, true);
    let all = j.personas.len();
    let mut out = Vec::with_capacity(j.stages.iter().map(|s| s.touchpoints.len()).sum());
    for (i, s) in j.stages.iter().enumerate() {
        for t in &s.touchpoints {
            let mine = metrics.remove(&t.key).unwrap_or_default();
            let measured_here = !mine.is_empty();
            out.push(TpLook {
                stage: i,
                tp: t,
                dom: dom_id("tp-", &t.key),
                values: values_on(series, j.scale, |p| t.emotion_of(p)),
                measured: values_on(measured, j.scale, |p| t.measured_of(p)),
                metrics: mine,
                mood: mood(j, t),
                only: if t.personas.len() < all {
                    t.personas.iter().map(String::as_str).collect()
                } else {
                    Vec::new()
                },
                kind_icon: style::kind_icon(t.channel.as_ref().and_then(|c| c.kind.as_deref())),
                team: measured_here
                    || !t.metrics.is_empty()
                    || fields::FIELDS
                        .iter()
                        .any(|f| f.group != fields::Group::Story && !(f.value)(t).is_empty()),
            });
        }
    }
    out
}

fn mood<'j>(j: &Journey, t: &'j Touchpoint) -> Mood<'j> {
    if t.emotion.is_empty() {
        return Mood::None;
    }
    match t.uniform_emotion() {
        Some(v) if t.emotion.len() == t.personas.len() => Mood::Same(Shown::new(v, j.scale)),
        _ => Mood::Each(
            t.personas
                .iter()
                .map(|p| {
                    (
                        p.as_str(),
                        t.emotion.get(p).map(|v| Shown::new(*v, j.scale)),
                    )
                })
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
        let moods: Vec<&Mood> = p.touchpoints().iter().map(|t| &t.mood).collect();
        assert!(matches!(moods[0], Mood::Same(s) if s.score() == "+1" && s.bucket == 4));
        assert!(matches!(moods[1], Mood::Each(v) if v.len() == 2));
        assert!(matches!(moods[2], Mood::Each(v) if v[1].1.is_none()));
        assert!(matches!(moods[3], Mood::None));
        assert_eq!(
            p.touchpoints()[1].values.get(1).unwrap().score(),
            "\u{2212}1"
        );
        assert_eq!(p.columns().len(), 5, "the empty stage keeps a column");
        assert_eq!(
            p.description,
            "Stages: S → Empty. Lowest moments: split (−1)."
        );
    }
}
