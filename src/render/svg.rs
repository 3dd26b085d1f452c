//! `-f svg`: the standalone picture, laid out by `chart::picture` and drawn
//! by the template `journey.svg`.

use super::{FormatDef, RenderError, Renderer};
use crate::present::Presentation;
use crate::view::View;
use minijinja::Value;

pub const FORMAT: FormatDef = FormatDef {
    name: "svg",
    extension: "svg",
    about: "a standalone picture: stage bands and the emotion curve",
    write,
};

fn write(r: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    w.write_all(picture(r, p)?.as_bytes())
        .map_err(RenderError::Io)
}

/// The picture as SVG text (also what `-f png` rasterises).
pub(super) fn picture(r: &Renderer, p: &Presentation) -> Result<String, RenderError> {
    let view = View::new(p).with_picture();
    r.template("journey.svg", Value::from(minijinja::value::Serde(&view)))
}
