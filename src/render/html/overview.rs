//! The overview above the map (see `chart::overview`): a picture of the whole
//! journey scaled to the window, and on a phone a compact list of the stages.

use super::out::{Out, attrs, esc, palette, score, usize};
use crate::chart::Overview;
use crate::present::num;
use crate::view::View;

/// The overview, from `<div class="overview">` to `</div>`.
pub fn overview(v: &View, o: &mut Out) {
    let Some(ov) = &v.overview else { return };
    let labels = v.present.labels;
    o.push_str("<div class=\"overview\">\n<svg class=\"overview-svg\" viewBox=\"0 0 ");
    esc(o, &ov.width);
    o.push(' ');
    esc(o, &ov.height);
    o.push_str("\" role=\"img\" aria-labelledby=\"ov-title ov-desc\">\n<title id=\"ov-title\">");
    esc(o, labels.journey_overview);
    o.push_str("</title>\n<desc id=\"ov-desc\">");
    esc(o, &v.present.description);
    o.push_str("</desc>\n");
    backdrop(o, ov);
    bands(o, ov);
    curves(o, ov);
    marks(o, ov, labels.moment_of_truth);
    o.push_str("</svg>\n");
    list(v, o);
    o.push_str("</div>");
}

fn backdrop(o: &mut Out, ov: &Overview) {
    let mid: f64 = ov.midline.parse().unwrap_or(0.0);
    let (top, bottom): (f64, f64) = (
        ov.top.parse().unwrap_or(0.0),
        ov.bottom.parse().unwrap_or(0.0),
    );
    let pos_h = crate::present::num(mid - top);
    let neg_h = crate::present::num(bottom - mid);
    o.push_str("<rect class=\"ov-pos\"");
    attrs(
        o,
        &[
            ("x", &ov.plot_x),
            ("y", &ov.top),
            ("width", &ov.plot_width),
            ("height", &pos_h),
        ],
    );
    o.push_str("/>\n<rect class=\"ov-neg\"");
    attrs(
        o,
        &[
            ("x", &ov.plot_x),
            ("y", &ov.midline),
            ("width", &ov.plot_width),
            ("height", &neg_h),
        ],
    );
    o.push_str("/>\n<line class=\"ov-mid\"");
    attrs(
        o,
        &[
            ("x1", &ov.plot_x),
            ("y1", &ov.midline),
            ("x2", &ov.width),
            ("y2", &ov.midline),
        ],
    );
    o.push_str("/>\n");
    for (text, y) in &ov.ticks {
        o.push_str("<text class=\"ov-tick\" x=\"38\"");
        attrs(o, &[("y", y)]);
        o.push('>');
        esc(o, text);
        o.push_str("</text>\n");
    }
}

/// The stage bands, each a link to its stage in the grid.
fn bands(o: &mut Out, ov: &Overview) {
    for b in &ov.bands {
        o.push_str("<a href=\"#");
        esc(o, &b.dom);
        o.push_str("\" class=\"ov-stage h");
        usize(o, b.hue);
        o.push_str("\"><title>");
        esc(o, &b.name);
        o.push_str("</title><rect class=\"ov-band\"");
        attrs(o, &[("x", &b.x), ("width", &b.width)]);
        o.push_str(" y=\"4\" height=\"46\" rx=\"4\"/><text class=\"ov-name\"");
        attrs(o, &[("font-size", &b.font)]);
        o.push('>');
        for (y, line) in &b.lines {
            o.push_str("<tspan");
            attrs(o, &[("x", &b.text_x), ("y", y)]);
            o.push('>');
            esc(o, line);
            o.push_str("</tspan>");
        }
        o.push_str("</text></a>\n");
    }
}

fn curves(o: &mut Out, ov: &Overview) {
    for s in &ov.series {
        o.push_str("<g class=\"ov-series ");
        palette(o, s.color);
        o.push_str("\">");
        for d in &s.paths {
            o.push_str("<path class=\"ov-line\" d=\"");
            esc(o, d);
            o.push('"');
            if !s.dash.is_empty() {
                o.push_str(" stroke-dasharray=\"");
                esc(o, s.dash);
                o.push('"');
            }
            o.push_str("/>");
        }
        for p in &s.points {
            if s.measured {
                o.push_str("<rect class=\"ov-pt ms ");
                o.push_str(p.valence);
                o.push('"');
                let at = |v: &str| {
                    v.parse::<f64>()
                        .map_or_else(|_| v.to_owned(), |v| num(v - 4.0))
                };
                attrs(o, &[("x", &at(&p.x)), ("y", &at(&p.y))]);
                o.push_str(" width=\"8\" height=\"8\"/>");
            } else {
                o.push_str("<circle class=\"ov-pt ");
                o.push_str(p.valence);
                o.push('"');
                attrs(o, &[("cx", &p.x), ("cy", &p.y)]);
                o.push_str(" r=\"4\"/>");
            }
        }
        o.push_str("</g>\n");
        o.spill();
    }
}

/// Moments of truth above the plot; the lowest moments ringed, with their score.
fn marks(o: &mut Out, ov: &Overview, moment_of_truth: &str) {
    for m in &ov.moments {
        o.push_str("<text class=\"ov-star\"");
        attrs(o, &[("x", &m.x), ("y", &ov.star_y)]);
        o.push_str("><title>");
        esc(o, moment_of_truth);
        o.push_str(": ");
        esc(o, &m.title);
        o.push_str("</title>★</text>\n");
    }
    for l in &ov.lowest {
        o.push_str("<a href=\"#");
        esc(o, &l.dom);
        o.push_str("\" class=\"ov-low\"><title>");
        esc(o, &l.title);
        o.push_str("</title><circle");
        attrs(o, &[("cx", &l.x), ("cy", &l.y)]);
        o.push_str(" r=\"9\"/><text class=\"ov-low-score\"");
        attrs(o, &[("x", &l.x), ("y", &l.label_y)]);
        o.push('>');
        esc(o, &l.score);
        o.push_str("</text></a>\n");
    }
}

/// On a phone: the stages as a list, each with its mean emotion per curve.
fn list(v: &View, o: &mut Out) {
    let p = v.present;
    o.push_str("<ol class=\"overview-list\">\n");
    for ((s, look), summary) in p
        .journey
        .stages
        .iter()
        .zip(&p.stages)
        .zip(&p.insights.stages)
    {
        o.push_str("<li><a href=\"#");
        esc(o, &look.dom);
        o.push_str("\"><span class=\"band-num h");
        usize(o, look.hue);
        o.push_str("\" aria-hidden=\"true\">");
        usize(o, look.number);
        o.push_str("</span>");
        esc(o, &s.name);
        o.push_str("</a>");
        if s.touchpoints.iter().any(|t| t.moment_of_truth) {
            o.push_str(" <span class=\"ov-star-inline\" title=\"");
            esc(o, p.labels.moment_of_truth);
            o.push_str("\">★</span>");
        }
        o.push_str("<span class=\"ov-means\">");
        for e in &summary.emotion {
            o.push_str("<span class=\"ov-mean ");
            let color = e
                .persona
                .as_deref()
                .and_then(|id| p.persona(id))
                .map(|l| l.color);
            palette(o, color);
            o.push_str("\">");
            if let Some(id) = &e.persona
                && let Some(look) = p.persona(id)
            {
                o.push_str(
                    "<span class=\"dot\" aria-hidden=\"true\"></span><span class=\"sr-only\">",
                );
                esc(o, look.name);
                o.push_str(" </span>");
            }
            score(o, &p.shown(e.mean));
            o.push_str("</span>");
        }
        o.push_str("</span></li>\n");
    }
    o.push_str("</ol>\n");
}
