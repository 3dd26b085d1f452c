//! The validated journey: ids resolved, defaults applied, ready to render.
//!
//! This is what renderers, lints, insights and `diff` work on, and what
//! `-f json` prints. Spans are kept (not serialized) so lints can point back
//! into the spec.

use crate::source::Span;
use indexmap::IndexMap;
use serde::Serialize;

pub use crate::value::{Extensions, Num, Scalar};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Ja,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Current,
    Future,
}

/// The emotion scale; the midpoint splits negative from positive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    pub min: Num,
    pub max: Num,
    pub midpoint: Num,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: Num(-2.0),
            max: Num(2.0),
            midpoint: Num(0.0),
        }
    }
}

/// The validated journey map.
#[derive(Debug, Clone, Serialize)]
pub struct Journey {
    /// Format version of the spec.
    pub journeymap: i64,
    pub title: String,
    pub description: Option<String>,
    pub locale: Locale,
    pub state: Option<State>,
    pub version: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub scale: Scale,
    pub loop_to: Option<String>,
    /// Whose journey this is (`subject`; none: ours).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The broader journey this one details (`parent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<ParentRef>,
    /// Journeys compared on this map, as written (`compare_to`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compare_to: Vec<String>,
    /// Per-lint levels written in the spec (`lints:`).
    pub lints: IndexMap<String, String>,
    pub personas: Vec<Persona>,
    pub channels: Vec<Channel>,
    /// The `metrics` registry (left out of the JSON when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    /// The `data` files, as written in the spec.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<String>,
    pub stages: Vec<Stage>,
    /// Every registry metric's values at every place, with what is computed
    /// from them (`measure`); empty without a registry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// `x-` keys of the spec, untouched.
    pub extensions: Extensions,
    #[serde(skip)]
    pub spans: JourneySpans,
    /// The values of registry metrics written in the spec, for `measure`.
    #[serde(skip)]
    pub spec_values: Vec<PlaceValue>,
    /// The persona this journey is seen by (`--persona`), if any.
    #[serde(skip)]
    pub seen_by: Option<String>,
    /// Its parent, detail and compared journeys, once linked (`relate`).
    #[serde(skip)]
    pub relations: Relations,
}

/// What the linker (`relate`) found about a journey's relations to others.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub parent: Option<Linked>,
    /// Journeys that name this one as their `parent` (in the same build).
    pub details: Vec<Linked>,
    /// The journeys of `compare_to`, in order.
    pub compared: Vec<Compared>,
}

/// Another journey, as a link names it.
#[derive(Debug, Clone)]
pub struct Linked {
    /// Its spec file, as opened.
    pub path: std::path::PathBuf,
    pub title: String,
    pub subject: Option<String>,
    /// The stage and touchpoint keys the link is about (a parent's place, or a
    /// detail's place in this journey), and their names.
    pub stage: Option<(String, String)>,
    pub touchpoint: Option<(String, String)>,
}

/// A compared journey's mean emotion at each of this journey's stages
/// (matched by id, then by name), on this journey's scale.
#[derive(Debug, Clone)]
pub struct Compared {
    pub link: Linked,
    /// One per stage of this journey; none where it has no matching stage or no emotion there.
    pub stage_means: Vec<Option<Num>>,
}

/// Where things of the journey itself were written, for lints.
#[derive(Debug, Clone, Default)]
pub struct JourneySpans {
    pub root: Span,
    /// Each entry of `lints:`: name span and level span.
    pub lints: IndexMap<String, (Span, Span)>,
    /// Each entry of `data:`.
    pub data: Vec<Span>,
    /// `parent`: its `journey` value, and its `stage` or `touchpoint` value.
    pub parent: Option<(Span, Option<Span>)>,
    /// Each entry of `compare_to:`.
    pub compare_to: Vec<Span>,
    /// Where the spec's text reads differently from what was meant
    /// (hashtags taken for comments, numbers split at their comma).
    pub traps: Vec<crate::traps::Trap>,
}

/// `parent: {journey, stage | touchpoint}` as written.
#[derive(Debug, Clone, Serialize)]
pub struct ParentRef {
    pub journey: String,
    pub stage: Option<String>,
    pub touchpoint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub avatar: Option<String>,
    pub quote: Option<String>,
    pub segment: Option<String>,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub pains: Vec<String>,
    pub attributes: IndexMap<String, Scalar>,
    pub extensions: Extensions,
    #[serde(skip)]
    pub span: Span,
    /// Its place among the journey's personas, kept in a `--persona` view, so
    /// the persona has the same colour and line style in every view.
    #[serde(skip)]
    pub index: usize,
    /// It comes from an imported file (a shared library), not the spec itself.
    #[serde(skip)]
    pub imported: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub extensions: Extensions,
    #[serde(skip)]
    pub span: Span,
    /// It comes from an imported file, not the spec itself.
    #[serde(skip)]
    pub imported: bool,
}

/// A pain point or an opportunity. The keys of SPEC.md §7 (a pain point's
/// `id`; an opportunity's `impact`, `effort`, `status`, `ticket`,
/// `addresses`) are left out of the JSON when the spec does not give them.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Item {
    pub text: String,
    pub priority: Option<String>,
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// A text, or an `http(s)` URL (checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// The pain point ids an opportunity addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
}

impl Item {
    /// The ticket as a link, when it is an `http(s)` URL.
    #[must_use]
    pub fn ticket_url(&self) -> Option<&str> {
        self.ticket
            .as_deref()
            .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// The id written in the spec, if any.
    pub id: Option<String>,
    /// A key unique among stages: the id, or `stage-N` (1-based) when there is none.
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub goal: Option<String>,
    pub questions: Vec<String>,
    pub kpis: Vec<String>,
    pub pain_points: Vec<Item>,
    pub opportunities: Vec<Item>,
    /// The stage's own measurements (as a touchpoint's `metrics`).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub metrics: IndexMap<String, Scalar>,
    pub touchpoints: Vec<Touchpoint>,
    pub extensions: Extensions,
    #[serde(skip)]
    pub span: Span,
}

/// The channel of a touchpoint: a registry entry, or free text when the spec has no registry.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelRef {
    pub id: Option<String>,
    pub name: String,
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Touchpoint {
    pub id: Option<String>,
    /// A key unique among touchpoints: the id, or `S-N` (stage key, 1-based position).
    pub key: String,
    pub name: String,
    pub channel: Option<ChannelRef>,
    /// The personas of this touchpoint (all personas unless the spec narrows it).
    pub personas: Vec<String>,
    pub action: Option<String>,
    pub thought: Option<String>,
    /// Emotion per persona id, in persona order; empty when the spec gives none.
    pub emotion: IndexMap<String, Num>,
    pub feeling: Option<String>,
    pub pain_points: Vec<Item>,
    pub opportunities: Vec<Item>,
    pub owner: Option<String>,
    pub backstage: Vec<String>,
    pub moment_of_truth: bool,
    pub evidence: Vec<String>,
    pub metrics: IndexMap<String, Scalar>,
    /// The emotion measured by a registry metric with `emotion:` (its latest
    /// value mapped onto `scale`), per persona id, in the order of `personas`;
    /// empty when nothing measures it.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub measured_emotion: IndexMap<String, Num>,
    pub extensions: Extensions,
    #[serde(skip)]
    pub span: Span,
}

impl Touchpoint {
    /// The emotion of one curve: a persona's (`Some(id)`), or the one emotion
    /// all its personas share (`None`). Every output that draws or lists a
    /// curve reads a touchpoint's value through this.
    #[must_use]
    pub fn emotion_of(&self, persona: Option<&str>) -> Option<Num> {
        match persona {
            Some(p) => self.emotion.get(p).copied(),
            None => self.uniform_emotion(),
        }
    }

    /// The measured emotion of one curve, as [`Touchpoint::emotion_of`].
    #[must_use]
    pub fn measured_of(&self, persona: Option<&str>) -> Option<Num> {
        match persona {
            Some(p) => self.measured_emotion.get(p).copied(),
            None => uniform(&self.measured_emotion),
        }
    }

    /// The single emotion shared by all its personas, if they agree.
    #[must_use]
    pub fn uniform_emotion(&self) -> Option<Num> {
        uniform(&self.emotion)
    }
}

/// The one value of a map persona → value, if every persona has the same.
fn uniform(values: &IndexMap<String, Num>) -> Option<Num> {
    let mut it = values.values();
    let first = *it.next()?;
    #[allow(clippy::float_cmp)]
    it.all(|v| v.0 == first.0).then_some(first)
}

impl Journey {
    /// Whether any touchpoint gives its personas different emotions.
    #[must_use]
    pub fn emotions_differ(&self) -> bool {
        self.stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .any(|t| !t.emotion.is_empty() && t.uniform_emotion().is_none())
    }

    #[must_use]
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }

    /// The journey as seen by one persona: its touchpoints, its emotions.
    ///
    /// # Errors
    /// `id` is not a persona of this journey.
    pub fn for_persona(&self, id: &str) -> Result<Journey, NotAPersona> {
        let Some(persona) = self.persona(id) else {
            return Err(NotAPersona { id: id.to_owned() });
        };
        let mut j = self.clone();
        j.personas = vec![persona.clone()];
        j.seen_by = Some(id.to_owned());
        for s in &mut j.stages {
            s.touchpoints.retain(|t| t.personas.iter().any(|p| p == id));
            for t in &mut s.touchpoints {
                t.personas = vec![id.to_owned()];
                t.emotion.retain(|p, _| p == id);
                t.measured_emotion.retain(|p, _| p == id);
            }
        }
        // Values measured for another persona are not this persona's, and values
        // of a touchpoint the view leaves out have no place on its map (the
        // off-target insight linked them to a touchpoint not on the page).
        let shown: std::collections::HashSet<&str> = j
            .stages
            .iter()
            .flat_map(|s| s.touchpoints.iter().filter_map(|t| t.id.as_deref()))
            .collect();
        let measures = std::mem::take(&mut j.measures);
        j.measures = measures
            .into_iter()
            .filter(|m| m.persona.as_deref().is_none_or(|p| p == id))
            .filter(|m| m.touchpoint.as_deref().is_none_or(|t| shown.contains(t)))
            .collect();
        Ok(j)
    }
}

/// `--persona ID` names no persona of the journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPersona {
    pub id: String,
}

/// Which way a metric is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

impl Better {
    /// Whether `value` meets `target`.
    #[must_use]
    pub fn meets(self, value: Num, target: Num) -> bool {
        match self {
            Better::Higher => value.0 >= target.0,
            Better::Lower => value.0 <= target.0,
        }
    }
}

/// A survey scale: the lowest and highest answer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    pub min: Num,
    pub max: Num,
}

/// An entry of the `metrics` registry.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub better: Better,
    pub target: Option<Num>,
    pub owner: Option<String>,
    pub description: Option<String>,
    /// The survey scale of a metric that measures feeling: its values, mapped
    /// onto the journey's scale, are the measured emotion.
    pub emotion: Option<Range>,
    /// The metric counts the customers who reach each stage.
    pub funnel: bool,
    #[serde(skip)]
    pub span: Span,
}

/// A registry metric's value written in the spec at a stage or touchpoint.
#[derive(Debug, Clone)]
pub struct PlaceValue {
    pub metric: String,
    pub stage: String,
    pub touchpoint: Option<String>,
    pub value: Num,
    /// `{value, target}`: the target at this place.
    pub target: Option<Num>,
    pub span: Span,
}

/// One value of a metric at a place, in one period.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The period (`2026-10`), none for a value without one.
    pub period: Option<std::sync::Arc<str>>,
    pub value: Num,
    /// The sample size.
    pub n: Option<Num>,
    /// Where the value comes from, shown as evidence.
    pub source: Option<std::sync::Arc<str>>,
}

/// A registry metric at one place (a stage, or a touchpoint of it; for one
/// persona or for all): its values by period and what follows from them.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub metric: String,
    /// The stage's key.
    pub stage: String,
    /// The touchpoint's key, none for the stage itself.
    pub touchpoint: Option<String>,
    /// The persona the values are for, none for all.
    pub persona: Option<String>,
    /// In period order (a value without a period first).
    pub series: Vec<Reading>,
    pub latest: Num,
    pub previous: Option<Num>,
    /// `latest − previous`.
    pub change: Option<Num>,
    /// The target at this place (its own, else the metric's).
    pub target: Option<Num>,
    /// Whether `latest` meets `target` (per the metric's `better`).
    pub met: Option<bool>,
    /// Where the latest value was written (a spec value or a data row).
    #[serde(skip)]
    pub span: Span,
}
