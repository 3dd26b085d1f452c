//! `-f png`: the picture of `-f svg` (the same template, so a theme's
//! `journey.svg` shows too) rasterised by resvg, pure Rust with no browser,
//! for slides and chat tools that take no SVG. Twice the picture's size and
//! at least [`MIN_WIDTH`] pixels wide, so it stays sharp on a projector; text
//! is drawn with the faces of [`faces`], and a character no font has is
//! an error naming its script, never a blank in the picture.

mod emoji;
pub(crate) mod faces;

use super::{FormatDef, RenderError, Renderer};
use crate::model::Locale;
use crate::present::Presentation;
use resvg::{tiny_skia, usvg};

pub const FORMAT: FormatDef = FormatDef {
    name: "png",
    extension: "png",
    about: "the SVG picture as a PNG image (2x, at least 1600 px wide), for slides and chat",
    write,
};

/// The narrowest image written, in pixels.
pub const MIN_WIDTH: f32 = 1600.0;
/// Pixels per SVG unit, unless the picture is narrow ([`MIN_WIDTH`]) or huge ([`MAX_SIDE`]).
const SCALE: f32 = 2.0;
/// The longest side written, in pixels: what slide and chat tools still open
/// (a map of thousands of touchpoints is scaled down to fit).
pub const MAX_SIDE: f32 = 16384.0;

fn write(r: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    let svg = super::svg::picture(r, p)?;
    let loaded = r.fonts.get().map_err(RenderError::Fonts)?;
    let png = rasterize(&svg, loaded, p.journey.locale == Locale::Ja)?;
    w.write_all(&png).map_err(RenderError::Io)
}

/// The PNG of `svg`, its text drawn with `loaded`; `ja`: Han characters are
/// Japanese (for the missing-font message).
///
/// # Errors
/// A character no font has ([`super::fonts::FontError::Missing`]); an SVG usvg cannot read
/// (a user's `journey.svg`).
pub(crate) fn rasterize(
    svg: &str,
    loaded: &faces::Loaded,
    ja: bool,
) -> Result<Vec<u8>, RenderError> {
    let doc = parse(svg)?;
    let simpler = emoji::simplify(svg, &doc);
    let simpler_doc = simpler.as_deref().map(parse).transpose()?;
    let doc = simpler_doc.as_ref().unwrap_or(&doc);
    faces::check_coverage(&loaded.db, &faces::drawn_chars(doc), ja).map_err(RenderError::Fonts)?;
    let options = usvg::Options {
        fontdb: loaded.db.clone(),
        font_resolver: faces::resolver(loaded),
        font_family: "sans-serif".to_owned(),
        ..usvg::Options::default()
    };
    // usvg's text layout has index arithmetic that a strange run of text
    // could still trip (it did on emoji sequences in spans of their own): a
    // panic there is an error of this output, not the end of the whole build.
    let tree = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        usvg::Tree::from_xmltree(doc, &options)
    }))
    .map_err(|_| not_drawn("resvg failed on its text"))?
    .map_err(|e| not_drawn(&e.to_string()))?;
    let size = tree.size();
    let scale = scale(size.width(), size.height());
    // Rounded up, but not past a size that is whole but for float error
    // (a 600-unit picture scaled to 1600 px is 1600 px, not 1601).
    let (width, height) = (
        (size.width() * scale - 1e-3).ceil(),
        (size.height() * scale - 1e-3).ceil(),
    );
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "at most MAX_SIDE, positive"
    )]
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| not_drawn("the picture is empty"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| not_drawn(&e.to_string()))
}

/// Pixels per SVG unit for a picture of `width` × `height`: [`SCALE`], more
/// for a narrow one (to reach [`MIN_WIDTH`]), less where a side would pass
/// [`MAX_SIDE`].
fn scale(width: f32, height: f32) -> f32 {
    let s = SCALE.max(MIN_WIDTH / width.max(1.0));
    s.min(MAX_SIDE / width.max(1.0))
        .min(MAX_SIDE / height.max(1.0))
}

fn parse(text: &str) -> Result<usvg::roxmltree::Document<'_>, RenderError> {
    usvg::roxmltree::Document::parse(text).map_err(|e| not_drawn(&e.to_string()))
}

/// An SVG resvg cannot draw, as a template error (it comes from a user's
/// `journey.svg`, or from a bug in the built-in one).
fn not_drawn(why: &str) -> RenderError {
    RenderError::Template(minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("journey.svg cannot be drawn as PNG: {why}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::scale;

    #[test]
    fn twice_the_size_at_least_1600_wide_at_most_16384() {
        assert!((scale(1926.0, 592.0) - 2.0).abs() < 1e-6);
        assert!((scale(400.0, 300.0) * 400.0 - 1600.0).abs() < 1e-3);
        assert!((scale(50_000.0, 600.0) * 50_000.0 - 16384.0).abs() < 1e-2);
        assert!(scale(1000.0, 20_000.0) * 20_000.0 <= 16384.0 + 1e-2);
    }
}
