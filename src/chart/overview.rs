//! The overview above the HTML map: every stage, the emotion curves, the
//! moments of truth and the lowest moments in one picture that scales to the
//! window's width, each stage a link to its column of the grid.

use super::smooth;
use crate::model::Num;
use crate::present::text::{self, xml_safe};
use crate::present::{Presentation, num, score};
use serde::Serialize;

/// The picture's width in user units; it is drawn at the width of the page.
const WIDTH: f64 = 1200.0;
/// Room on the left for the scale's ends.
const AXIS: f64 = 44.0;
const BAND_Y: f64 = 4.0;
const BAND_H: f64 = 46.0;
const PLOT_TOP: f64 = 74.0;
const PLOT_H: f64 = 110.0;
const BOTTOM: f64 = 28.0;
const FONT: f64 = 15.0;
/// The most points a series gets (about one per 5 units of width).
const MAX_POINTS: usize = 240;

#[derive(Serialize, Debug)]
pub struct Overview {
    pub width: String,
    pub height: String,
    pub bands: Vec<Band>,
    pub series: Vec<Series>,
    pub top: String,
    pub bottom: String,
    pub midline: String,
    pub plot_x: String,
    pub plot_width: String,
    /// The scale's ends as shown, with their y.
    pub ticks: Vec<(String, String)>,
    pub moments: Vec<Mark>,
    pub lowest: Vec<Low>,
    pub star_y: String,
}

#[derive(Serialize, Debug)]
pub struct Band {
    pub x: String,
    pub width: String,
    /// The stage's DOM id in the grid.
    pub dom: String,
    pub hue: usize,
    pub name: String,
    pub lines: Vec<(String, String)>,
    pub text_x: String,
    pub font: String,
}

#[derive(Serialize, Debug)]
pub struct Series {
    pub color: Option<usize>,
    pub dash: &'static str,
    /// A measured curve (square points).
    pub measured: bool,
    pub paths: Vec<String>,
    pub points: Vec<Point>,
}

#[derive(Serialize, Debug)]
pub struct Point {
    pub x: String,
    pub y: String,
    pub valence: &'static str,
}

#[derive(Serialize, Debug)]
pub struct Mark {
    pub x: String,
    pub title: String,
}

/// A lowest moment: a ring around its point, its score below.
#[derive(Serialize, Debug)]
pub struct Low {
    pub x: String,
    pub y: String,
    pub label_y: String,
    pub score: String,
    pub title: String,
    /// The touchpoint's DOM id in the grid.
    pub dom: String,
}

/// Lay out the overview of `p`.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn overview(p: &Presentation) -> Overview {
    let cols = p.columns();
    let n = cols.len().max(1) as f64;
    let col = (WIDTH - AXIS) / n;
    let x_of = |i: usize| AXIS + (i as f64 + 0.5) * col;
    let s = p.journey.scale;
    let y_of = |v: f64| PLOT_TOP + (s.max.0 - v) / (s.max.0 - s.min.0) * PLOT_H;
    let mut bands = Vec::new();
    let mut start = 0;
    for (i, c) in cols.iter().enumerate() {
        if i + 1 == cols.len() || cols[i + 1].stage != c.stage {
            let (x0, x1) = (AXIS + start as f64 * col, AXIS + (i + 1) as f64 * col);
            bands.push(band(p, c.stage, x0, x1 - x0));
            start = i + 1;
        }
    }
    // A glance needs no more points than the picture has room for: past
    // MAX_POINTS columns, each point is the mean of `per` neighbouring ones.
    let per = cols.len().div_ceil(MAX_POINTS).max(1);
    let n = p.series.len();
    let value = |t: &crate::present::TpLook<'_>, si: usize| {
        if si < n {
            t.values.get(si).copied()
        } else {
            t.measured.get(si - n).copied()
        }
    };
    let series = p
        .series
        .iter()
        .chain(&p.measured)
        .enumerate()
        .map(|(si, look)| {
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            let mut points = Vec::new();
            for (bin, chunk) in cols.chunks(per).enumerate() {
                let (mut xs, mut vs, mut n) = (0.0, 0.0, 0.0);
                // As on the grid: an assumed curve breaks where its persona
                // meets a touchpoint without an emotion, not where the
                // touchpoint is another persona's (a measured one joins its
                // measured touchpoints).
                let mut gap = false;
                for (k, c) in chunk.iter().enumerate() {
                    let Some(t) = c.tp else { continue };
                    if let Some(v) = value(t, si) {
                        xs += x_of(bin * per + k);
                        vs += v.value.0;
                        n += 1.0;
                    } else if !look.measured
                        && look
                            .persona
                            .as_ref()
                            .is_none_or(|id| t.tp.personas.contains(id))
                    {
                        gap = true;
                    }
                }
                if n == 0.0 {
                    if gap && runs.last().is_some_and(|r| !r.is_empty()) {
                        runs.push(Vec::new());
                    }
                    continue;
                }
                let (x, v) = (xs / n, vs / n);
                let y = y_of(v);
                if let Some(r) = runs.last_mut() {
                    r.push((x, y));
                }
                points.push(Point {
                    x: num(x),
                    y: num(y),
                    valence: crate::present::fmt::valence(v, s.midpoint.0),
                });
            }
            Series {
                color: look.color,
                dash: look.dash,
                measured: look.measured,
                paths: runs
                    .iter()
                    .filter(|r| r.len() > 1)
                    .map(|r| smooth(r))
                    .collect(),
                points,
            }
        })
        .collect();
    let column_of = |key: &str| {
        cols.iter()
            .position(|c| c.tp.is_some_and(|t| t.tp.key == key))
    };
    // One star per point's worth of columns: the first moment of truth in it.
    let moments = cols
        .chunks(per)
        .enumerate()
        .filter_map(|(bin, chunk)| {
            let (k, t) = chunk
                .iter()
                .enumerate()
                .find_map(|(k, c)| c.tp.filter(|t| t.tp.moment_of_truth).map(|t| (k, t)))?;
            Some(Mark {
                x: num(x_of(bin * per + k)),
                title: xml_safe(&t.tp.name),
            })
        })
        .collect();
    let mut lowest: Vec<Low> = Vec::new();
    for m in &p.insights.lowest_moments {
        let Some(i) = column_of(&m.place.touchpoint) else {
            continue;
        };
        let x = num(x_of(i));
        if lowest.iter().any(|l| l.x == x) {
            continue;
        }
        let y = y_of(m.emotion.0);
        lowest.push(Low {
            x,
            y: num(y),
            label_y: num((y + 24.0).min(PLOT_TOP + PLOT_H + BOTTOM - 5.0)),
            score: score(m.emotion, s.min),
            title: xml_safe(&format!(
                "{}: {} ({})",
                p.labels.lowest_moments,
                m.place.touchpoint_name,
                score(m.emotion, s.min)
            )),
            dom: cols[i].tp.map(|t| t.dom.clone()).unwrap_or_default(),
        });
    }
    Overview {
        width: num(WIDTH),
        height: num(PLOT_TOP + PLOT_H + BOTTOM),
        bands,
        series,
        top: num(PLOT_TOP),
        bottom: num(PLOT_TOP + PLOT_H),
        midline: num(y_of(s.midpoint.0)),
        plot_x: num(AXIS),
        plot_width: num(WIDTH - AXIS),
        ticks: [s.max, s.midpoint, s.min]
            .iter()
            .map(|v: &Num| (score(*v, s.min), num(y_of(v.0) + 5.0)))
            .collect(),
        moments,
        lowest,
        star_y: num(PLOT_TOP - 6.0),
    }
}

/// A stage's band: its number and name, wrapped to the band (or only the
/// number where the band is too narrow for a word).
fn band(p: &Presentation, stage: usize, x: f64, w: f64) -> Band {
    let look = &p.stages[stage];
    let name = xml_safe(&p.journey.stages[stage].name);
    let label = format!("{} {name}", look.number);
    // A narrow band takes a smaller font before its name is cut.
    let (mut font, mut lh) = (FONT, 18.0);
    let (mut lines, cut) = text::wrap(&label, w - 12.0, font, 2);
    if cut {
        (font, lh) = (12.0, 14.0);
        lines = text::wrap(&label, w - 8.0, font, 3).0;
    }
    if lines.is_empty() || w < 28.0 {
        lines = vec![look.number.to_string()];
    }
    #[allow(clippy::cast_precision_loss)]
    let first = BAND_Y + BAND_H / 2.0 - (lines.len() as f64 - 1.0) * lh / 2.0 + font * 0.35;
    Band {
        x: num(x),
        width: num(w),
        dom: look.dom.clone(),
        hue: look.hue,
        name,
        lines: lines
            .into_iter()
            .enumerate()
            .map(|(k, l)| {
                #[allow(clippy::cast_precision_loss)]
                let y = first + k as f64 * lh;
                (num(y), l)
            })
            .collect(),
        text_x: num(x + w / 2.0),
        font: num(font),
    }
}
