//! `-f html`: the self-contained page.
//!
//! The page around the map is the template `journey.html`; the parts that
//! repeat per touchpoint (the map grid, the emotion curve drawn in it, the
//! curve's data table) hold almost all of a large page, so they are written
//! here in Rust: through the template engine they cost about 40 µs per
//! touchpoint, written directly a few (docs/performance.md). The template
//! places them as `{{ html.map_table }}` and `{{ html.curve_table }}`, markers
//! replaced while the page is streamed into its file, 64 KB at a time, so a
//! large map is never held in memory whole. A theme can replace the `map`
//! block with its own loops over `map` and `chart`.
//!
//! Every piece of text goes through [`esc`], which escapes exactly what
//! minijinja's HTML auto-escaping does, so these parts read the same as the
//! template they replaced (the golden files in `tests/golden/` pin the bytes,
//! and `tests/it/reference.rs` compares them with that template).

mod curve;
mod map;
mod out;
mod overview;

pub use curve::curve_table;
pub use map::map_table;
pub use out::{Out, esc};
pub use overview::overview;

use super::{FormatDef, RenderError, Renderer};
use crate::present::Presentation;
use crate::view::View;
use minijinja::Value;

pub const FORMAT: FormatDef = FormatDef {
    name: "html",
    extension: "html",
    about: "a self-contained HTML page",
    write,
};

/// Where the page template puts the parts written here. Every marker holds a
/// `<`, which HTML auto-escaping turns into `&lt;` in any text a template
/// prints, so spec text cannot forge one (a YAML `"\0"` can put NUL characters
/// in a string, so NULs alone would not do).
const MARKER: &str = "<\0journeymap:";
const MAP_TABLE: &str = "<\0journeymap:map_table\0>";
const CURVE_TABLE: &str = "<\0journeymap:curve_table\0>";
const OVERVIEW: &str = "<\0journeymap:overview\0>";

fn write(r: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    let view = View::new(p).with_chart(r.paper);
    // The built-in page reads only the page's facts; a user's template may
    // read any of the view (see `crate::view`).
    let fields = if r.user_templates {
        Value::from(minijinja::value::Serde(&view))
    } else {
        Value::from(minijinja::value::Serde(&view.page))
    };
    let ctx = minijinja::context! {
        html => minijinja::context! {
            map_table => Value::from_safe_string(MAP_TABLE.to_owned()),
            curve_table => Value::from_safe_string(CURVE_TABLE.to_owned()),
            overview => Value::from_safe_string(OVERVIEW.to_owned()),
        },
        ..fields
    };
    let page = r.template("journey.html", ctx)?;
    let mut rest = page.as_str();
    let mut out = Out::new(w);
    while let Some(at) = rest.find(MARKER) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix(MAP_TABLE) {
            map_table(&view, &mut out);
            rest = after;
        } else if let Some(after) = tail.strip_prefix(CURVE_TABLE) {
            curve_table(&view, &mut out);
            rest = after;
        } else if let Some(after) = tail.strip_prefix(OVERVIEW) {
            overview(&view, &mut out);
            rest = after;
        } else {
            out.push_str(MARKER);
            rest = &tail[MARKER.len()..];
        }
    }
    out.push_str(rest);
    out.finish().map_err(RenderError::Io)
}
