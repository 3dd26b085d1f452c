//! The HTML map's grid: how wide each touchpoint column is, sized to its
//! content, and how tall the grid is likely to print.
//!
//! A column is as wide as its widest unbreakable piece of text (a word, a
//! Japanese phrase) needs, and wider the more text it holds, between
//! [`MIN_COL`] and [`MAX_COL`]. The page then scales the whole grid between
//! [`SHRINK`] and [`GROW`] of these widths to fit the window; every column
//! scales by the same factor, so the emotion curve drawn across the grid (one
//! SVG whose columns have the same widths) stays on its columns.

use super::fields::Fact;
use super::{Column, Presentation, text};
use crate::model::{Item, Stage, Touchpoint};

/// The narrowest and widest a column is laid out, in CSS px (at a 16 px root).
pub const MIN_COL: f64 = 144.0;
pub const MAX_COL: f64 = 240.0;
/// The width of the lane labels on the left (8.5rem).
pub const LANE: f64 = 136.0;
/// How far the page may shrink or stretch the grid to fit the window. The
/// widths are estimated a little wide (bold, the widest common fonts), so 5 %
/// narrower still keeps every phrase whole.
pub const SHRINK: f64 = 0.95;
pub const GROW: f64 = 1.25;

/// Padding and borders of a cell, left and right together.
const CELL_PAD: f64 = 21.0;
/// The map's text: 0.8rem on a 1.5 line height; touchpoint names 0.86rem bold.
const FONT: f64 = 12.8;
const LINE: f64 = 19.2;
const NAME_FONT: f64 = 13.8;
/// Text that a column of [`MIN_COL`] holds before it grows: about eight lines.
const ROOM: f64 = 8.0 * (MIN_COL - CELL_PAD);

/// The columns of the grid, in journey order: their widths and left edges.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub widths: Vec<f64>,
    pub x0: Vec<f64>,
}

impl Grid {
    /// `n` columns of one width (the SVG picture).
    #[must_use]
    pub fn even(n: usize, width: f64) -> Self {
        Grid::from_widths(vec![width; n])
    }

    #[must_use]
    pub fn from_widths(widths: Vec<f64>) -> Self {
        let mut x0 = Vec::with_capacity(widths.len());
        let mut x = 0.0;
        for w in &widths {
            x0.push(x);
            x += w;
        }
        Grid { widths, x0 }
    }

    /// The columns of the map, sized to their content.
    #[must_use]
    pub fn of(p: &Presentation) -> Self {
        let stages = &p.journey.stages;
        Grid::from_widths(
            p.columns()
                .iter()
                .map(|c| column_width(&stages[c.stage], c))
                .collect(),
        )
    }

    #[must_use]
    pub fn total(&self) -> f64 {
        self.widths.iter().sum()
    }

    /// The centre of column `i`.
    #[must_use]
    pub fn center(&self, i: usize) -> f64 {
        self.x0[i] + self.widths[i] / 2.0
    }

    /// The right edge of column `i`.
    #[must_use]
    pub fn end(&self, i: usize) -> f64 {
        self.x0[i] + self.widths[i]
    }
}

/// The texts of a touchpoint's cells (and of its stage's, shared by its columns).
fn texts<'a>(stage: &'a Stage, tp: Option<&'a Touchpoint>) -> Vec<&'a str> {
    let items = |v: &'a [Item]| v.iter().map(|i| i.text.as_str());
    let mut out: Vec<&str> = Vec::new();
    if let Some(t) = tp {
        for f in super::fields::FIELDS {
            match (f.value)(t) {
                Fact::Text(v) => out.extend(v),
                Fact::List(v) => out.extend(v.iter().map(String::as_str)),
            }
        }
        out.extend(t.feeling.as_deref());
        out.extend(items(&t.pain_points));
        out.extend(items(&t.opportunities));
        out.extend(t.channel.as_ref().map(|c| c.name.as_str()));
    }
    out.extend(stage.goal.as_deref());
    out
}

/// The width a column's content asks for (see the module doc).
fn column_width(stage: &Stage, col: &Column) -> f64 {
    let tp = col.tp.map(|t| t.tp);
    let texts = texts(stage, tp);
    let name = tp.map_or(0.0, |t| text::longest_piece(&t.name, NAME_FONT));
    // A text narrower than the narrowest column needs no look at its pieces.
    let widths: Vec<f64> = texts.iter().map(|t| text::width(t, FONT)).collect();
    let widest = texts
        .iter()
        .zip(&widths)
        .map(|(t, w)| {
            if w + CELL_PAD <= MIN_COL {
                *w
            } else {
                text::longest_piece(t, FONT)
            }
        })
        .fold(name, f64::max);
    let volume: f64 =
        widths.iter().sum::<f64>() + tp.map_or(0.0, |t| text::width(&t.name, NAME_FONT));
    // Past ROOM, the column widens so that its text takes no more lines.
    let by_volume = MIN_COL + (volume - ROOM).max(0.0) / 30.0;
    // In steps of STEP px, so that a small edit seldom moves every column (the
    // outputs are committed and diffed).
    let piece = ((widest + CELL_PAD) / STEP).ceil() * STEP;
    let volume = (by_volume / STEP).round() * STEP;
    piece.max(volume).clamp(MIN_COL, MAX_COL)
}

/// Columns widen in steps of this many px.
const STEP: f64 = 12.0;

/// How many lines of the map's text `s` takes in a column `w` wide.
#[must_use]
pub fn lines_in(s: &str, w: f64) -> usize {
    text::line_count(s, w - CELL_PAD, FONT)
}

/// The height of `lines` lines of the map's text, in px.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn height_of(lines: usize) -> f64 {
    lines as f64 * LINE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(yaml: &str) -> Grid {
        let c = crate::compile_str("t.yaml", yaml, &crate::lint::CliLevels::default());
        let j = c.journey.expect("the test spec is valid");
        let i = crate::insight::insights(&j);
        Grid::of(&Presentation::new(&j, &i))
    }

    #[test]
    fn columns_follow_their_content_between_the_bounds() {
        let long = "a thought that goes on and on ".repeat(12);
        let g = grid(&format!(
            "journeymap: 1\ntitle: T\npersonas: [{{id: a, name: A}}]\nstages:\n  - name: S\n    touchpoints:\n      - {{name: short}}\n      - {{name: wide, thought: '{long}'}}\n      - {{name: ホットペッパービューティーでクーポンを比べる}}\n  - name: Empty\n"
        ));
        assert_eq!(g.widths.len(), 4, "the empty stage keeps a column");
        assert_eq!(g.widths[0], MIN_COL, "little text: the narrowest column");
        assert!(g.widths[1] > MIN_COL && g.widths[1] <= MAX_COL, "{g:?}");
        assert!(
            g.widths[2] >= text::width("ホットペッパービューティーで", NAME_FONT),
            "a phrase that cannot break fits: {g:?}"
        );
        assert_eq!(g.widths[3], MIN_COL);
        assert_eq!(g.x0[2], g.widths[0] + g.widths[1]);
        assert_eq!(g.center(0), MIN_COL / 2.0);
    }
}

/// Estimates of how tall the map's lanes are, in CSS px at the columns' widths.
pub mod height {
    use super::{CELL_PAD, FONT, Grid, LINE, NAME_FONT};
    use crate::model::{Item, Stage, Touchpoint};
    use crate::present::fields::FIELDS;
    use crate::present::{Presentation, text};

    /// Vertical padding and border of a cell.
    const PAD: f64 = 17.0;
    /// The small text of channels, owners of items, evidence (0.74rem).
    const SMALL: f64 = 11.8;
    const SMALL_LINE: f64 = 17.0;

    fn lines(s: &str, w: f64, font: f64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let n = text::line_count(s, w - CELL_PAD, font) as f64;
        n
    }

    fn items(list: &[Item], w: f64) -> f64 {
        list.iter()
            .map(|i| {
                lines(&i.text, w - 8.0, FONT) * LINE
                    + i.owner.as_ref().map_or(0.0, |_| SMALL_LINE)
                    + 5.6
            })
            .sum()
    }

    /// The touchpoint's header cell: badge, name, channel, personas.
    fn name(t: &Touchpoint, w: f64, chips: bool) -> f64 {
        PAD + lines(&t.name, w, NAME_FONT) * 18.6
            + if t.moment_of_truth { 21.0 } else { 0.0 }
            + t.channel
                .as_ref()
                .map_or(0.0, |c| 5.0 + lines(&c.name, w - 18.0, SMALL) * SMALL_LINE)
            + if chips { 24.0 } else { 0.0 }
    }

    /// The tallest cell of a lane over every column; a stage-wide part sits
    /// above its stage's touchpoint cells.
    fn lane(
        p: &Presentation,
        g: &Grid,
        stage_part: &dyn Fn(&Stage, f64) -> f64,
        tp_part: &dyn Fn(&Touchpoint, f64) -> f64,
    ) -> f64 {
        let mut tallest: f64 = 0.0;
        let mut col = 0;
        for s in &p.journey.stages {
            let n = s.touchpoints.len().max(1);
            let w: f64 = g.widths[col..col + n].iter().sum();
            let above = stage_part(s, w);
            let below = s
                .touchpoints
                .iter()
                .zip(&g.widths[col..col + n])
                .map(|(t, &w)| tp_part(t, w))
                .fold(0.0, f64::max);
            tallest = tallest.max(above + below);
            col += n;
        }
        tallest
    }

    /// The whole grid's height with a curve `curve` px tall, a little on the
    /// high side (the print zoom divides by it, so an error shrinks the map).
    #[must_use]
    pub fn map(p: &Presentation, g: &Grid, curve: f64) -> f64 {
        let j = p.journey;
        let pad = |h: f64| if h > 0.0 { h + PAD } else { 0.0 };
        let none = |_: &Stage, _: f64| 0.0;
        let mut h = 70.0 + if j.loop_to.is_some() { 34.0 } else { 0.0 };
        h += lane(
            p,
            g,
            &|s, w| {
                s.description
                    .as_ref()
                    .map_or(0.0, |d| lines(d, w, SMALL) * SMALL_LINE)
            },
            &|_, _| 0.0,
        );
        h += pad(lane(
            p,
            g,
            &|s, w| s.goal.as_ref().map_or(0.0, |t| lines(t, w, FONT) * LINE),
            &|_, _| 0.0,
        ));
        h += pad(lane(
            p,
            g,
            &|s, w| {
                s.questions
                    .iter()
                    .map(|q| lines(q, w - 14.0, FONT) * LINE)
                    .sum()
            },
            &|_, _| 0.0,
        ));
        let all = j.personas.len();
        h += lane(p, g, &none, &|t, w| name(t, w, t.personas.len() < all));
        for f in FIELDS {
            let value = |t: &Touchpoint, w: f64| {
                let v = crate::present::fields::joined(&(f.value)(t), "\n");
                v.lines()
                    .map(|l| lines(l, w - if f.list { 14.0 } else { 0.0 }, FONT) * LINE)
                    .sum::<f64>()
                    + if f.key == "thought" && !v.is_empty() {
                        16.0
                    } else {
                        0.0
                    }
            };
            h += pad(lane(p, g, &none, &value));
        }
        if j.stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .any(|t| !t.emotion.is_empty() || !t.measured_emotion.is_empty())
        {
            h += curve;
        }
        h += pad(lane(p, g, &none, &|t, w| {
            t.feeling
                .as_ref()
                .filter(|_| t.emotion.is_empty())
                .map_or(0.0, |f| lines(f, w, FONT) * LINE)
        }));
        let scope = |list: &[Item], w: f64| {
            if list.is_empty() {
                0.0
            } else {
                18.0 + items(list, w) + PAD
            }
        };
        h += pad(lane(p, g, &|s, w| scope(&s.pain_points, w), &|t, w| {
            items(&t.pain_points, w)
        }));
        h += pad(lane(p, g, &|s, w| scope(&s.opportunities, w), &|t, w| {
            items(&t.opportunities, w)
        }));
        // A registry metric takes two lines (its name, then its value, change,
        // trend and target); a free one, one.
        #[allow(clippy::cast_precision_loss)]
        let measured = |n: usize| n as f64 * 42.0;
        let mut per_tp: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for m in &j.measures {
            if let Some(t) = m.touchpoint.as_deref() {
                *per_tp.entry(t).or_default() += 1;
            }
        }
        let at = |key: &str| per_tp.get(key).copied().unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let metrics = |t: &Touchpoint, _: f64| {
            if j.metrics.is_empty() {
                t.metrics.len() as f64 * 20.0
            } else {
                measured(at(&t.key))
            }
        };
        let stage_measured = |s: &Stage| p.stage_metrics.get(&s.key).map_or(0, Vec::len);
        h += pad(lane(
            p,
            g,
            &|s, w| {
                if s.kpis.is_empty() && stage_measured(s) == 0 {
                    0.0
                } else {
                    18.0 + s
                        .kpis
                        .iter()
                        .map(|k| lines(k, w - 14.0, FONT) * LINE)
                        .sum::<f64>()
                        + measured(stage_measured(s))
                        + PAD
                }
            },
            &metrics,
        ));
        // The funnel row: a line or two per funnel metric.
        let funnels = j.metrics.iter().filter(|m| m.funnel).count();
        if funnels > 0 {
            #[allow(clippy::cast_precision_loss)]
            let funnel_h = funnels as f64 * 40.0 + PAD;
            h += funnel_h;
        }
        h * 1.08
    }
}
