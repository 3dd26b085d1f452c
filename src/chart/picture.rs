//! The standalone SVG picture (`-f svg`): title, legend, stage bands, the
//! emotion curve with its axis, and the touchpoint labels, laid out for slides.
//!
//! The picture does not rely on CSS: colours are attributes, so it looks the
//! same in browsers, slide tools and editors. Every spec text is made
//! XML-safe, wrapped or shortened to its box, and kept whole in a `<title>`.

use super::{Curve, LoopArrow, Metrics, curve, loop_arrow};
use crate::locale::Labels;
use crate::model::{Journey, State, Touchpoint};
use crate::present::grid::Grid;
use crate::present::style::STAGE_COLORS;
use crate::present::text::{self, shorten, wrap, xml_safe};
use crate::present::{Column, Presentation, num, score};
use serde::Serialize;

const MARGIN: f64 = 28.0;
const AXIS: f64 = 64.0;
const BAND_H: f64 = 50.0;
const TP_FONT: f64 = 11.0;
const TP_LINES: usize = 4;
/// Below this column width, touchpoint labels are turned to run upwards.
const ROTATE_BELOW: f64 = 64.0;
const ROTATED_LEN: f64 = 150.0;

/// Text placed at a point.
#[derive(Serialize, Debug)]
pub struct TextAt {
    pub x: String,
    pub y: String,
    pub text: String,
}

#[derive(Serialize, Debug)]
pub struct LegendItem {
    /// `series`, `measured`, `evidence`, `assumed`, `moment`, `positive` or `negative`.
    pub kind: &'static str,
    pub x: String,
    pub y: String,
    /// Centre of a round swatch, end of a line swatch, top of a box swatch, text baseline.
    pub cx: String,
    pub line_end: String,
    pub box_y: String,
    pub text_y: String,
    pub text_x: String,
    pub text: String,
    pub stroke: &'static str,
    pub dash: &'static str,
}

#[derive(Serialize, Debug)]
pub struct PicBand {
    pub x: String,
    pub width: String,
    pub fill: &'static str,
    pub accent: &'static str,
    pub lines: Vec<TextAt>,
    pub font: String,
    pub full: String,
}

#[derive(Serialize, Debug)]
pub struct TpLabel {
    pub lines: Vec<TextAt>,
    pub full: String,
    pub rotate: bool,
    /// For a turned label: the point it turns around.
    pub x: String,
    pub y: String,
    pub moment_of_truth: bool,
    /// A smaller font than the picture's, when a word of the name would not
    /// fit the column's width at it (`font-size`, in px).
    pub font: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct AxisLabel {
    pub y: String,
    pub value: String,
    pub face: &'static str,
    pub valence: &'static str,
}

/// The whole picture.
#[derive(Serialize, Debug)]
pub struct Picture<'p> {
    pub width: String,
    pub height: String,
    pub title: Vec<TextAt>,
    pub title_full: String,
    pub subtitle: Option<TextAt>,
    pub description: String,
    pub legend: Vec<LegendItem>,
    pub loop_arrow: Option<LoopArrow>,
    pub loop_y: String,
    pub plot_x: String,
    pub bands_y: String,
    pub band_height: String,
    pub bands: Vec<PicBand>,
    pub chart_y: String,
    pub curve: Curve<'p>,
    pub axis_value_x: String,
    pub axis_face_x: String,
    pub axis: Vec<AxisLabel>,
    pub separators: Vec<String>,
    pub separator_y0: String,
    pub separator_y1: String,
    pub touchpoints: Vec<TpLabel>,
    /// Said across the empty chart when no touchpoint has an emotion (in chart coordinates).
    pub note: Vec<TextAt>,
    pub footer: TextAt,
}

/// Column width for `n` columns: wide enough to read, narrow enough for a slide.
#[allow(clippy::cast_precision_loss)]
fn column_width(n: usize) -> f64 {
    let n = n.max(1) as f64;
    (1800.0 / n).clamp(44.0, 200.0).max(600.0 / n).round()
}

/// Lines of text from the top down, `step` apart, starting at baseline `y`.
#[allow(clippy::cast_precision_loss)]
fn lines_at(lines: Vec<String>, x: f64, y: f64, step: f64) -> Vec<TextAt> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextAt {
            x: num(x),
            y: num(y + i as f64 * step),
            text,
        })
        .collect()
}

/// The facts under the title: state, version, owner, scale.
fn facts(j: &Journey, labels: &Labels) -> String {
    let mut facts: Vec<String> = Vec::new();
    match j.state {
        Some(State::Current) => facts.push(labels.current.to_owned()),
        Some(State::Future) => facts.push(labels.future.to_owned()),
        None => {}
    }
    facts.extend(j.version.iter().map(|v| format!("{} {v}", labels.version)));
    facts.extend(j.owner.iter().map(|o| format!("{} {o}", labels.owner)));
    facts.push(format!(
        "{} {} … {}",
        labels.scale,
        score(j.scale.min, j.scale.min),
        score(j.scale.max, j.scale.min)
    ));
    xml_safe(&facts.join(" · "))
}

/// The legend in rows that fit `inner` px from `x0`; returns the items and the last row's y.
fn legend(c: &Curve, labels: &Labels, x0: f64, inner: f64, mut y: f64) -> (Vec<LegendItem>, f64) {
    let mut items: Vec<(&'static str, String, &'static str, &'static str)> = c
        .series
        .iter()
        .filter(|s| !s.points.is_empty())
        .map(|s| {
            let kind = if s.look.measured {
                "measured"
            } else {
                "series"
            };
            (kind, xml_safe(&s.look.name), s.look.stroke, s.look.dash)
        })
        .collect();
    for cl in &c.compared {
        let name = format!("{}: {}", labels.compared_with, cl.name);
        items.push(("series", name, "#6b7280", cl.dash));
    }
    if c.any_evidence {
        items.push(("evidence", labels.evidence_backed.to_owned(), "#3b4250", ""));
    }
    if c.any_assumed {
        items.push(("assumed", labels.assumed.to_owned(), "#3b4250", ""));
    }
    if !c.moments.is_empty() {
        items.push(("moment", labels.moment_of_truth.to_owned(), "#8a5a00", ""));
    }
    items.push(("positive", labels.positive.to_owned(), "#167245", ""));
    items.push(("negative", labels.negative.to_owned(), "#a1233f", ""));
    let mut out = Vec::new();
    let mut x = x0;
    for (kind, label, stroke, dash) in items {
        let swatch = if kind == "series" || kind == "measured" {
            34.0
        } else {
            18.0
        };
        let (label, _) = shorten(&label, (inner - swatch - 8.0).min(260.0), 12.0);
        let w = swatch + 6.0 + text::width(&label, 12.0) + 22.0;
        if x + w > x0 + inner && x > x0 {
            x = x0;
            y += 22.0;
        }
        out.push(LegendItem {
            kind,
            x: num(x),
            y: num(y),
            cx: num(x + 9.0),
            line_end: num(x + swatch - 2.0),
            box_y: num(y - 7.0),
            text_y: num(y + 4.0),
            text_x: num(x + swatch + 6.0),
            text: label,
            stroke,
            dash,
        });
        x += w;
    }
    (out, y)
}

/// A stage band `w` px wide at `x`: its name wrapped to the band; narrow bands
/// get a smaller font and a third line before text is cut.
fn band(name: &str, x: f64, w: f64, y: f64, hue: usize) -> PicBand {
    let name = xml_safe(name);
    let (mut font, mut lh) = (13.0, 16.0);
    let (mut lines, cut) = wrap(&name, w - 14.0, font, 2);
    if cut {
        (font, lh) = (11.0, 13.0);
        lines = wrap(&name, w - 10.0, font, 3).0;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = lines.len() as f64;
    let top = y + BAND_H / 2.0 - (n - 1.0) * lh / 2.0 + font * 0.35;
    let (fill, accent) = STAGE_COLORS[hue];
    PicBand {
        x: num(x),
        width: num(w),
        fill,
        accent,
        lines: lines_at(lines, x + w / 2.0, top, lh),
        font: num(font),
        full: name,
    }
}

/// A touchpoint's label under its column centred at `cx`, from `y` down:
/// wrapped, or turned to run upwards when columns are narrow.
fn touchpoint_label(t: &Touchpoint, cx: f64, y: f64, rotate: bool, col: f64) -> TpLabel {
    let name = xml_safe(&t.name);
    let star = if t.moment_of_truth { "★ " } else { "" };
    let label = format!("{star}{name}");
    let mut font = TP_FONT;
    let (x, lines) = if rotate {
        let x = cx + TP_FONT * 0.35;
        let (line, _) = shorten(&label, ROTATED_LEN, TP_FONT);
        (x, lines_at(vec![line], x, y, 0.0))
    } else {
        // A word wider than the column (ウェルカムメール) takes a smaller
        // font rather than a break inside it.
        font = text::fitting_font(&label, col - 10.0, TP_FONT, TP_FONT - 2.0);
        let (lines, _) = wrap(&label, col - 10.0, font, TP_LINES);
        (cx, lines_at(lines, cx, y + TP_FONT, 14.0))
    };
    TpLabel {
        lines,
        full: name,
        rotate,
        x: num(x),
        y: num(y),
        moment_of_truth: t.moment_of_truth,
        font: (font < TP_FONT).then(|| num(font)),
    }
}

/// Lay out the picture of `j`, from the top down.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn picture<'p>(p: &'p Presentation) -> Picture<'p> {
    let (j, labels) = (p.journey, p.labels);
    let cols = p.columns();
    let col = column_width(cols.len());
    let plot_w = cols.len() as f64 * col;
    let width = MARGIN * 2.0 + AXIS + plot_w;
    let inner = width - MARGIN * 2.0;
    let plot_x = MARGIN + AXIS;
    let grid = Grid::even(cols.len(), col);
    let c = curve(p, &metrics(col), &grid);

    let (title, subtitle, legend, mut y) = heading(j, labels, &c, inner);

    let arrow = loop_arrow(p, &grid, 30.0);
    let loop_y = y;
    if arrow.is_some() {
        y += 30.0;
    }

    let bands_y = y;
    let (bands, separators) = stage_bands(&c, j, plot_x, col, bands_y);
    y += BAND_H + 4.0;

    let chart_y = y;
    let chart_h: f64 = c.height.parse().unwrap_or(0.0);
    let axis = axis_labels(&c, chart_y);
    y += chart_h + 6.0;

    let (touchpoints, labels_h) = touchpoint_labels(&cols, plot_x, col, y);
    y += labels_h;

    let note = note(&c, labels, plot_w);
    Picture {
        width: num(width),
        height: num(y + MARGIN - 8.0),
        title_full: xml_safe(&j.title),
        title,
        subtitle,
        description: p.description.clone(),
        legend,
        loop_arrow: arrow,
        loop_y: num(loop_y),
        plot_x: num(plot_x),
        bands_y: num(bands_y),
        band_height: num(BAND_H),
        bands,
        chart_y: num(chart_y),
        axis_value_x: num(plot_x - 8.0),
        axis_face_x: num(MARGIN + 9.0),
        axis,
        separators,
        separator_y0: num(bands_y),
        separator_y1: num(chart_y + chart_h),
        curve: c,
        touchpoints,
        note,
        footer: TextAt {
            x: num(width - MARGIN),
            y: num(y),
            text: format!("{} {}", labels.generated_by, crate::present::GENERATOR),
        },
    }
}

/// The title, the facts under it and the legend, from the top; and the y below them.
#[allow(clippy::cast_precision_loss)]
fn heading(
    j: &Journey,
    labels: &Labels,
    c: &Curve,
    inner: f64,
) -> (Vec<TextAt>, Option<TextAt>, Vec<LegendItem>, f64) {
    let (title_lines, _) = wrap(&xml_safe(&j.title), inner, 22.0, 2);
    let title = lines_at(title_lines, MARGIN, MARGIN + 22.0, 30.0);
    let y = MARGIN + 22.0 + (title.len().max(1) - 1) as f64 * 30.0 + 26.0;
    let subtitle = Some(TextAt {
        x: num(MARGIN),
        y: num(y),
        text: shorten(&facts(j, labels), inner, 13.0).0,
    });
    let (legend, legend_y) = legend(c, labels, MARGIN, inner, y + 30.0);
    (title, subtitle, legend, legend_y + 14.0)
}

/// The stage bands over the plot, and the x of the lines between them.
fn stage_bands(
    c: &Curve,
    j: &Journey,
    plot_x: f64,
    col: f64,
    y: f64,
) -> (Vec<PicBand>, Vec<String>) {
    let x0 = |b: &super::Band| b.x0.parse::<f64>().unwrap_or(0.0);
    let bands = c
        .bands
        .iter()
        .zip(&j.stages)
        .map(|(b, s)| {
            band(
                &s.name,
                plot_x + x0(b),
                b.width.parse().unwrap_or(col),
                y,
                b.hue,
            )
        })
        .collect();
    let separators = c
        .bands
        .iter()
        .skip(1)
        .map(|b| num(plot_x + x0(b)))
        .collect();
    (bands, separators)
}

/// The axis labels beside the chart drawn from `chart_y` down.
fn axis_labels(c: &Curve, chart_y: f64) -> Vec<AxisLabel> {
    c.ticks
        .iter()
        .map(|t| AxisLabel {
            y: num(chart_y + t.y.parse::<f64>().unwrap_or(0.0) + 4.0),
            value: t.value.clone(),
            face: t.face,
            valence: t.valence,
        })
        .collect()
}

/// The touchpoint labels under their columns from `y` down, and the height they take.
#[allow(clippy::cast_precision_loss)]
fn touchpoint_labels(cols: &[Column], plot_x: f64, col: f64, y: f64) -> (Vec<TpLabel>, f64) {
    let rotate = col < ROTATE_BELOW;
    let labels = cols
        .iter()
        .enumerate()
        .filter_map(|(i, cl)| {
            let cx = plot_x + (i as f64 + 0.5) * col;
            Some(touchpoint_label(cl.tp?.tp, cx, y, rotate, col))
        })
        .collect();
    let height = 24.0
        + if rotate {
            ROTATED_LEN
        } else {
            TP_LINES as f64 * 14.0
        };
    (labels, height)
}

/// Said across the empty chart when no touchpoint has an emotion.
fn note(c: &Curve, labels: &Labels, plot_w: f64) -> Vec<TextAt> {
    if c.has_points {
        return Vec::new();
    }
    let (lines, _) = wrap(labels.no_emotions, plot_w - 40.0, 13.0, 3);
    let mid: f64 = c.midline.parse().unwrap_or(0.0);
    lines_at(lines, plot_w / 2.0, mid - 24.0, 20.0)
}

/// The curve's sizes for columns of width `col`.
fn metrics(col: f64) -> Metrics {
    Metrics {
        col,
        strip: 26.0,
        plot: 160.0,
        font: if col < 70.0 { 10.0 } else { 11.5 },
        lines: 2,
        radius: if col < 60.0 { 9.0 } else { 10.0 },
    }
}
