//! What templates see: the journey, labels in its locale, and computed facts.
//!
//! Templates get only this (never the raw spec), through `UndefinedBehavior::Strict`,
//! so a renamed field is an error rather than silently empty output.

use crate::insight::Insights;
use crate::labels::{Labels, labels};
use crate::model::{Journey, Persona};
use indexmap::IndexMap;
use serde::Serialize;

/// The template context.
#[derive(Serialize)]
pub struct View<'a> {
    pub journey: &'a Journey,
    pub insights: &'a Insights,
    /// Personas by id, for looking up names from a touchpoint's emotion map.
    pub personas: IndexMap<&'a str, &'a Persona>,
    /// Whether any touchpoint gives its personas different emotions.
    pub emotions_differ: bool,
    /// The description split into paragraphs (at blank lines).
    pub description: Vec<String>,
    pub labels: &'static Labels,
    /// `journeymap <version>`, for the footer.
    pub generator: &'static str,
}

/// The name and version of this build, e.g. `journeymap 0.1.0`.
pub const GENERATOR: &str = concat!("journeymap ", env!("CARGO_PKG_VERSION"));

impl<'a> View<'a> {
    #[must_use]
    pub fn new(journey: &'a Journey, insights: &'a Insights) -> Self {
        View {
            journey,
            insights,
            personas: journey
                .personas
                .iter()
                .map(|p| (p.id.as_str(), p))
                .collect(),
            emotions_differ: journey.emotions_differ(),
            description: journey
                .description
                .as_deref()
                .map(paragraphs)
                .unwrap_or_default(),
            labels: labels(journey.locale),
            generator: GENERATOR,
        }
    }
}

/// Split text into paragraphs at blank lines; lines inside a paragraph are joined with a space.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}
