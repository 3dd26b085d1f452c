//! The emotion curve drawn in the map's curve lane, and its data table.

use super::out::{Out, attrs, esc, palette, score, svg_line};
use crate::chart::Curve;
use crate::locale::Labels;
use crate::present::{Coord, TpLook};
use crate::view::View;

/// The emotion curve, an SVG drawn in the curve lane.
pub(super) fn curve(o: &mut Out, c: &Curve, v: &View) {
    let labels = v.present.labels;
    o.push_str("<svg class=\"curve\" viewBox=\"0 0 ");
    esc(o, &c.width);
    o.push(' ');
    esc(o, &c.height);
    o.push_str("\" role=\"img\" aria-labelledby=\"curve-title curve-desc\" focusable=\"false\">\n<title id=\"curve-title\">");
    esc(o, labels.emotion_curve);
    o.push_str("</title>\n<desc id=\"curve-desc\">");
    esc(o, &v.present.description);
    o.push_str("</desc>\n");
    backdrop(o, c, labels.moment_of_truth);
    compared(o, c);
    lines(o, c);
    points(o, c);
    feelings(o, c);
    o.push_str("</svg>\n");
}

/// The zones, grid lines, stage separators and moments of truth behind the curve.
fn backdrop(o: &mut Out, c: &Curve, moment_of_truth: &str) {
    o.push_str("<defs><pattern id=\"jm-hatch\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"7\" height=\"7\"/><line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\"/></pattern></defs>\n<rect class=\"zone-pos\"");
    attrs(
        o,
        &[
            ("x", "0"),
            ("y", &c.top),
            ("width", &c.width),
            ("height", &c.pos_height),
        ],
    );
    o.push_str("/>\n<rect class=\"zone-neg\"");
    attrs(
        o,
        &[
            ("x", "0"),
            ("y", &c.midline),
            ("width", &c.width),
            ("height", &c.neg_height),
        ],
    );
    o.push_str(" fill=\"url(#jm-hatch)\"/>\n");
    for tk in &c.ticks {
        svg_line(o, "tick", ["0", &tk.y, &c.width, &tk.y]);
    }
    for col in c.columns.iter().filter(|col| col.dom.is_some()) {
        vertical_line(o, "colline", col.x, &c.top, &c.bottom);
        o.spill();
    }
    for b in c.bands.iter().skip(1) {
        svg_line(o, "sep", [&b.x0, "0", &b.x0, &c.height]);
    }
    for m in &c.moments {
        vertical_line(o, "mot-line", m.x, &c.star_y, &c.bottom);
        o.push_str("<text class=\"star\" x=\"");
        m.x.write(o);
        o.push('"');
        attrs(o, &[("y", &c.star_y)]);
        o.push_str("><title>");
        esc(o, moment_of_truth);
        o.push_str("</title>★</text>\n");
    }
    svg_line(o, "midline", ["0", &c.midline, &c.width, &c.midline]);
}

/// [`svg_line`] from (`x`, `y1`) down to (`x`, `y2`).
fn vertical_line(o: &mut String, class: &str, x: Coord, y1: &str, y2: &str) {
    o.push_str("<line class=\"");
    o.push_str(class);
    o.push_str("\" x1=\"");
    x.write(o);
    o.push('"');
    attrs(o, &[("y1", y1)]);
    o.push_str(" x2=\"");
    x.write(o);
    o.push('"');
    attrs(o, &[("y2", y2)]);
    o.push_str("/>\n");
}

/// The compared journeys' stage means, muted, behind the curve: a segment per
/// stage, its score at its end (and the journey's name at its first).
fn compared(o: &mut Out, c: &Curve) {
    for (k, line) in c.compared.iter().enumerate() {
        o.push_str("<g class=\"cmp cmp");
        super::out::usize(o, k);
        o.push_str("\">");
        for sg in &line.segments {
            o.push_str("<g><title>");
            esc(o, &line.name);
            o.push_str(": ");
            esc(o, &sg.score);
            o.push_str("</title><line");
            attrs(
                o,
                &[("x1", &sg.x0), ("y1", &sg.y), ("x2", &sg.x1), ("y2", &sg.y)],
            );
            o.push_str(" stroke-dasharray=\"");
            esc(o, line.dash);
            o.push_str("\"/><text");
            attrs(o, &[("x", &sg.label_x), ("y", &sg.label_y)]);
            o.push('>');
            esc(o, &sg.label);
            o.push_str("</text></g>");
        }
        o.push_str("</g>\n");
    }
}

/// Each series' smooth line and its dashed links over gaps.
fn lines(o: &mut Out, c: &Curve) {
    for s in &c.series {
        o.push_str("<g class=\"series ");
        if s.look.measured {
            o.push_str("measured ");
        }
        palette(o, s.look.color);
        o.push('"');
        if let Some(p) = &s.look.persona {
            o.push_str(" data-persona=\"");
            esc(o, p);
            o.push('"');
        }
        o.push_str(">\n");
        for d in &s.paths {
            o.push_str("<path class=\"line\" d=\"");
            o.esc_long(d);
            o.push('"');
            if !s.look.dash.is_empty() {
                o.push_str(" stroke-dasharray=\"");
                esc(o, s.look.dash);
                o.push('"');
            }
            o.push_str("/>\n");
        }
        for d in &s.gaps {
            o.push_str("<path class=\"gap\" d=\"");
            esc(o, d);
            o.push_str("\"/>\n");
            o.spill();
        }
        o.push_str("</g>\n");
    }
}

/// The markers, each with its score and a title that says what it is.
fn points(o: &mut Out, c: &Curve) {
    for s in &c.series {
        for p in &s.points {
            o.push_str("<g class=\"pt ");
            o.push_str(p.shown.valence());
            o.push_str(if p.measured {
                " ms "
            } else if p.evidence {
                " ev "
            } else {
                " as "
            });
            palette(o, s.look.color);
            o.push_str("\" data-col=\"");
            esc(o, p.dom);
            o.push_str("\" data-x=\"");
            p.x.write(o);
            o.push_str("\"><title>");
            esc(o, &p.title());
            o.push_str("</title>");
            if p.measured {
                // A square: told from the round assumed markers without colour.
                o.push_str("<rect x=\"");
                p.sx().write(o);
                o.push_str("\" y=\"");
                p.sy().write(o);
                o.push_str("\" width=\"");
                p.side().write(o);
                o.push_str("\" height=\"");
                p.side().write(o);
                o.push_str("\" rx=\"2\"/><text x=\"");
            } else {
                o.push_str("<circle cx=\"");
                p.cx.write(o);
                o.push_str("\" cy=\"");
                p.cy.write(o);
                o.push_str("\" r=\"");
                p.r.write(o);
                o.push_str("\"/><text x=\"");
            }
            p.cx.write(o);
            o.push_str("\" y=\"");
            p.cy.write(o);
            o.push_str("\">");
            esc(o, &p.score());
            o.push_str("</text></g>\n");
            o.spill();
        }
    }
}

/// The feeling labels, placed without overlap.
fn feelings(o: &mut Out, c: &Curve) {
    for l in &c.labels {
        o.push_str("<text class=\"feeling\" data-col=\"");
        esc(o, l.dom);
        o.push_str("\">");
        if l.cut {
            o.push_str("<title>");
            esc(o, &l.full);
            o.push_str("</title>");
        }
        for ln in &l.lines {
            o.push_str("<tspan x=\"");
            l.x.write(o);
            o.push_str("\" y=\"");
            ln.y.write(o);
            o.push_str("\">");
            esc(o, &ln.text);
            o.push_str("</tspan>");
        }
        o.push_str("</text>\n");
        o.spill();
    }
}

/// The curve as a data table (the text alternative of the chart), from
/// `<details>` to `</details>`; empty when the curve has no point.
pub fn curve_table(v: &View, o: &mut Out) {
    let Some(chart) = v.chart.as_ref().filter(|c| c.has_points) else {
        return;
    };
    let labels = v.present.labels;
    o.push_str("<details class=\"curve-table\">\n<summary>");
    esc(o, labels.curve_table);
    o.push_str("</summary>\n<div class=\"table-scroll\">\n<table class=\"data\">\n<caption class=\"sr-only\">");
    esc(o, labels.curve_table);
    o.push_str("</caption>\n<thead><tr><th scope=\"col\">");
    esc(o, labels.stage);
    o.push_str("</th><th scope=\"col\">");
    esc(o, labels.touchpoint);
    o.push_str("</th>");
    for s in &chart.series {
        o.push_str("<th scope=\"col\">");
        if s.look.measured {
            esc(o, &s.look.name);
        } else {
            esc(o, labels.emotion);
            if s.look.persona.is_some() {
                o.push_str(": ");
                esc(o, &s.look.name);
            }
        }
        o.push_str("</th>");
    }
    o.push_str("<th scope=\"col\">");
    esc(o, labels.feeling);
    o.push_str("</th><th scope=\"col\">");
    esc(o, labels.evidence);
    o.push_str("</th></tr></thead>\n<tbody>\n");
    for s in &v.map.stages {
        for t in s.touchpoints {
            curve_row(o, &s.stage.name, t, labels);
            o.spill();
        }
    }
    o.push_str("</tbody>\n</table>\n</div>\n</details>");
}

/// One row of the curve's table: a touchpoint and its value on each curve.
fn curve_row(o: &mut Out, stage: &str, t: &TpLook, labels: &Labels) {
    let tp = t.tp;
    o.push_str("<tr><td>");
    esc(o, stage);
    o.push_str("</td><th scope=\"row\">");
    if tp.moment_of_truth {
        o.push_str("★ ");
    }
    esc(o, &tp.name);
    if tp.moment_of_truth {
        o.push_str("<span class=\"sr-only\"> (");
        esc(o, labels.moment_of_truth);
        o.push_str(")</span>");
    }
    o.push_str("</th>");
    for value in t.values.each().chain(t.measured.each()) {
        o.push_str("<td class=\"num\">");
        match value {
            Some(x) => score(o, x),
            None => o.push('–'),
        }
        o.push_str("</td>");
    }
    o.push_str("<td>");
    if let Some(f) = &tp.feeling {
        esc(o, f);
    }
    o.push_str("</td><td>");
    esc(
        o,
        if tp.evidence.is_empty() {
            labels.assumed
        } else {
            labels.evidence_backed
        },
    );
    o.push_str("</td></tr>\n");
}
