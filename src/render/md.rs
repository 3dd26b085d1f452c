//! `-f md`: GitHub-flavoured Markdown through the template `journey.md`, with
//! the Mermaid diagram of `render::mermaid` in it.

use super::{FormatDef, RenderError, Renderer};
use crate::present::Presentation;
use crate::view::View;
use minijinja::Value;

pub const FORMAT: FormatDef = FormatDef {
    name: "md",
    extension: "md",
    about: "GitHub-flavoured Markdown",
    write,
};

fn write(r: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    let view = View::new(p);
    let ctx = minijinja::context! {
        mermaid => super::mermaid::diagram(p),
        ..Value::from(minijinja::value::Serde(&view))
    };
    let text = r.template("journey.md", ctx)?;
    w.write_all(text.as_bytes()).map_err(RenderError::Io)
}
