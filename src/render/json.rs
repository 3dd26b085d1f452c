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
    // Streamed: a journey with a year of daily measurements is tens of MB of JSON.
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut buf, &out).map_err(|e| RenderError::Io(e.into()))?;
    std::io::Write::write_all(&mut buf, b"\n").map_err(RenderError::Io)?;
    std::io::Write::flush(&mut buf).map_err(RenderError::Io)
}
