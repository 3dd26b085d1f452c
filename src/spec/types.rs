//! The raw spec types: the YAML format of SPEC.md §2 as structs with spans,
//! before any rule is checked. Only `analyze` reads them.

use crate::source::Span;
use crate::value::{Extensions, Scalar};
use indexmap::IndexMap;

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

/// The supported format version.
pub const FORMAT_VERSION: i64 = 1;

/// A whole journey spec file.
#[derive(Debug, Default)]
pub struct SpecFile {
    pub root: Span,
    /// The file is a mapping (not empty, not a list): further checks make sense.
    pub is_mapping: bool,
    pub version: Option<Sp<i64>>,
    pub title: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub locale: Option<Sp<String>>,
    pub state: Option<Sp<String>>,
    pub version_label: Option<Sp<String>>,
    pub owner: Option<Sp<String>>,
    pub tags: Vec<Sp<String>>,
    pub scale: Option<RawScale>,
    pub loop_to: Option<Sp<String>>,
    pub imports: Vec<RawImport>,
    /// `parent: {journey, stage | touchpoint}`.
    pub parent: Option<RawParent>,
    /// Whose journey this is.
    pub subject: Option<Sp<String>>,
    /// Journeys to compare with.
    pub compare_to: Vec<Sp<String>>,
    pub lints: Vec<(Sp<String>, Sp<String>)>,
    pub personas: Option<Sp<Vec<RawPersona>>>,
    pub channels: Option<Sp<Vec<RawChannel>>>,
    /// The `metrics` registry.
    pub metrics: Option<Sp<Vec<RawMetric>>>,
    /// The `data` files, as written.
    pub data: Vec<Sp<String>>,
    pub stages: Option<Sp<Vec<RawStage>>>,
    pub extensions: Extensions,
}

/// An entry of `imports`: a path, or `{file, personas, channels}` picking by id.
#[derive(Debug, Clone)]
pub struct RawImport {
    pub file: Sp<String>,
    pub personas: Option<Vec<Sp<String>>>,
    pub channels: Option<Vec<Sp<String>>>,
}

/// `parent: {journey, stage | touchpoint}`.
#[derive(Debug, Clone)]
pub struct RawParent {
    pub span: Span,
    pub journey: Sp<String>,
    pub stage: Option<Sp<String>>,
    pub touchpoint: Option<Sp<String>>,
}

/// An imported file: personas and channels only.
#[derive(Debug, Default)]
pub struct ImportFile {
    pub imports: Vec<RawImport>,
    pub personas: Vec<RawPersona>,
    pub channels: Vec<RawChannel>,
}

#[derive(Debug)]
pub struct RawScale {
    pub span: Span,
    pub min: Option<Sp<f64>>,
    pub max: Option<Sp<f64>>,
}

#[derive(Debug)]
pub struct RawPersona {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub role: Option<String>,
    pub avatar: Option<String>,
    pub quote: Option<String>,
    pub segment: Option<String>,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub pains: Vec<String>,
    pub attributes: IndexMap<String, Scalar>,
    pub extensions: Extensions,
}

#[derive(Debug)]
pub struct RawChannel {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub kind: Option<String>,
    pub extensions: Extensions,
}

#[derive(Debug)]
pub struct RawStage {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub description: Option<String>,
    pub goal: Option<String>,
    pub questions: Vec<String>,
    pub kpis: Vec<String>,
    pub pain_points: Vec<RawItem>,
    pub opportunities: Vec<RawItem>,
    pub metrics: Vec<RawMetricValue>,
    pub touchpoints: Vec<RawTouchpoint>,
    pub extensions: Extensions,
}

#[derive(Debug)]
pub struct RawTouchpoint {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub channel: Option<Sp<String>>,
    pub personas: Option<Vec<Sp<String>>>,
    pub action: Option<String>,
    pub thought: Option<String>,
    pub emotion: Option<RawEmotion>,
    pub feeling: Option<String>,
    pub pain_points: Vec<RawItem>,
    pub opportunities: Vec<RawItem>,
    pub owner: Option<String>,
    pub backstage: Vec<String>,
    pub moment_of_truth: bool,
    pub evidence: Vec<String>,
    pub metrics: Vec<RawMetricValue>,
    pub extensions: Extensions,
}

/// An entry of the `metrics` registry.
#[derive(Debug)]
pub struct RawMetric {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub unit: Option<String>,
    pub better: Option<Sp<String>>,
    pub target: Option<Sp<f64>>,
    pub owner: Option<String>,
    pub description: Option<String>,
    /// The survey scale of a metric that measures feeling.
    pub emotion: Option<RawScale>,
    pub funnel: bool,
}

/// One entry of a stage's or touchpoint's `metrics:` map.
#[derive(Debug)]
pub struct RawMetricValue {
    pub name: Sp<String>,
    /// The value (a number or a text), where it was written.
    pub value: Sp<Scalar>,
    /// `{value, target}`: the target at this place.
    pub target: Option<Sp<f64>>,
    /// Written as `{value, target}` (only a registry's metrics may be).
    pub object: Option<Span>,
}

/// `emotion: 1` or `emotion: {misaki: 1, kenji: -1}`.
#[derive(Debug)]
pub enum RawEmotion {
    All(Sp<f64>),
    PerPersona(Vec<(Sp<String>, Sp<f64>)>),
}

/// A pain point or opportunity: a text, or a mapping (`{text, priority,
/// owner}`; a pain point's `id`; an opportunity's `impact`, `effort`,
/// `status`, `ticket` and `addresses`).
#[derive(Debug, Default)]
pub struct RawItem {
    pub text: String,
    pub priority: Option<String>,
    pub owner: Option<String>,
    pub id: Option<Sp<String>>,
    pub impact: Option<String>,
    pub effort: Option<String>,
    pub status: Option<String>,
    pub ticket: Option<Sp<String>>,
    pub addresses: Vec<Sp<String>>,
}
