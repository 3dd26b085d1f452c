//! `-f json`: the validated, normalised model plus the computed insights.

use super::{FormatDef, RenderError, Renderer};
use crate::insight::Insights;
use crate::model::Journey;
use crate::present::Presentation;
use serde::Serialize;

pub const FORMAT: FormatDef = FormatDef {
    name: "json",
    extension: "json",
    about: "the validated model and insights, for tools",
    write,
};

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    journey: &'a Journey,
    insights: &'a Insights,
}

fn write(_: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    let out = JsonOut {
        journey: p.journey,
        insights: p.insights,
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    w.write_all(s.as_bytes()).map_err(RenderError::Io)
}
