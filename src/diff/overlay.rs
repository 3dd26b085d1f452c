//! Geometry of the before/after emotion chart of the HTML diff: both curves
//! over the new journey's stages, one column per touchpoint.
//!
//! The columns are the new journey's touchpoints with the removed ones among
//! them (where they were), and a removed stage keeps a band where it was. A
//! touchpoint's old and new emotion share its column, so the old curve is the
//! old journey replayed in the new order. Coordinates reach the template as
//! preformatted strings, so every machine writes the same bytes.

use super::matching::{self, Located};
use super::view::Sides;
use crate::model::{Journey, Num, Touchpoint};
use crate::present::fmt::{Ticks, score_or_dash, ticks};
use crate::present::{num, text, valence};
use serde::Serialize;

/// Width of a touchpoint column.
const COL: f64 = 54.0;
/// Room for the scale labels on the left.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
/// Stage names: font size and at most this many lines.
const FONT: f64 = 12.0;
const LINE: f64 = 15.0;
const LABEL_LINES: usize = 2;
/// Room around a stage name, and the widest a band grows for its name.
const PAD: f64 = 10.0;
const MAX_LABEL: f64 = 3.0 * COL;
/// The plot: top and height.
const TOP: f64 = 48.0;
const PLOT: f64 = 180.0;
/// The row of change marks under the plot.
const MARKS: f64 = 30.0;

#[derive(Debug, Serialize)]
pub struct Chart {
    /// The persona of this chart (`None`: all personas).
    pub persona: Option<String>,
    pub width: String,
    pub height: String,
    pub bands: Vec<Band>,
    pub ticks: Vec<Tick>,
    pub left: String,
    pub right: String,
    /// Where the scale labels end (right-aligned).
    pub tick_x: String,
    pub top: String,
    pub bottom: String,
    /// `points` attribute of each polyline (may be empty).
    pub old_line: String,
    pub new_line: String,
    pub links: Vec<Link>,
    pub points: Vec<Point>,
    pub marks: Vec<Mark>,
    /// The text alternative: one row per column.
    pub rows: Vec<Row>,
}

#[derive(Debug, Serialize, Clone)]
pub struct Band {
    pub x: String,
    pub width: String,
    pub name: String,
    /// The name, wrapped (and shortened with `…` when it does not fit).
    pub lines: Vec<Text>,
    /// `added`, `removed` or `kept`.
    pub status: &'static str,
    pub even: bool,
}

#[derive(Debug, Serialize, Clone)]
pub struct Text {
    pub x: String,
    pub y: String,
    pub text: String,
}

#[derive(Debug, Serialize, Clone)]
pub struct Tick {
    pub y: String,
    pub label: String,
    /// The midpoint line, between negative and positive.
    pub mid: bool,
}

/// A vertical line from a touchpoint's old emotion to its new one.
#[derive(Debug, Serialize)]
pub struct Link {
    pub x: String,
    pub y1: String,
    pub y2: String,
    /// `up` or `down`.
    pub dir: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Point {
    pub x: String,
    pub y: String,
    /// `old` or `new`.
    pub side: &'static str,
    /// `pos`, `neg` or `mid` against the scale's midpoint.
    pub valence: &'static str,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct Mark {
    pub x: String,
    pub y: String,
    /// `added`, `removed` or `moved`.
    pub kind: &'static str,
    pub glyph: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub stage: String,
    pub touchpoint: String,
    pub old: Option<Num>,
    pub new: Option<Num>,
    pub delta: Option<Num>,
    /// `added`, `removed`, `moved` or `kept`.
    pub status: &'static str,
}

/// A column: a touchpoint on one side or both, under a band.
struct Column<'a> {
    band: usize,
    stage_name: &'a str,
    old: Option<&'a Touchpoint>,
    new: Option<&'a Touchpoint>,
    across: bool,
}

impl Column<'_> {
    /// `added`, `removed`, `moved` or `kept`.
    fn status(&self) -> &'static str {
        match (self.old, self.new) {
            (None, Some(_)) => "added",
            (Some(_), None) => "removed",
            _ if self.across => "moved",
            _ => "kept",
        }
    }
}

/// One chart per basis (`None`: all personas), over the same columns. In a
/// comparison of two subjects (`versus`: the sides' names and the word between
/// two values), a point's title names both sides instead of `old → new`.
#[must_use]
pub(super) fn charts(
    old: &Journey,
    new: &Journey,
    bases: &[Option<String>],
    versus: Option<(&Sides, &str)>,
) -> Vec<Chart> {
    let (bands, columns) = layout(old, new);
    let mut f = frame(new, &bands, &columns);
    f.versus = versus.map(|(s, w)| (s.old.clone(), s.new.clone(), w.to_owned()));
    bases
        .iter()
        .map(|b| chart(&f, &columns, b.as_deref()))
        .filter(|c| !c.points.is_empty())
        .collect()
}

fn layout<'a>(
    old: &'a Journey,
    new: &'a Journey,
) -> (Vec<(String, &'static str, usize)>, Vec<Column<'a>>) {
    let p = matching::pair(old, new);
    let ot: Vec<Located> = matching::touchpoints(old);
    let nt: Vec<Located> = matching::touchpoints(new);
    let mut bands = Vec::new();
    let mut columns = Vec::new();
    for entry in matching::merge(new.stages.len(), &p.stage_old) {
        let band = bands.len();
        let (name, status, rows) = match entry {
            (Some(n), _) => {
                let o = p.stage_new[n].map(|(o, _)| o);
                (
                    &new.stages[n].name,
                    if o.is_some() { "kept" } else { "added" },
                    p.stage_rows(&ot, &nt, o, n),
                )
            }
            (None, Some(o)) => (
                &old.stages[o].name,
                "removed",
                p.removed_rows(&ot, o)
                    .into_iter()
                    .map(|i| (Some(i), None))
                    .collect(),
            ),
            (None, None) => continue,
        };
        for (oi, ni) in &rows {
            let across = match (oi, ni) {
                (Some(oi), Some(ni)) => {
                    p.stage_new[nt[*ni].stage].is_none_or(|(s, _)| s != ot[*oi].stage)
                }
                _ => false,
            };
            columns.push(Column {
                band,
                stage_name: name,
                old: oi.map(|i| ot[i].tp),
                new: ni.map(|i| nt[i].tp),
                across,
            });
        }
        bands.push((name.clone(), status, rows.len().max(1)));
    }
    (bands, columns)
}

fn value(t: Option<&Touchpoint>, basis: Option<&str>) -> Option<Num> {
    t?.emotion_of(basis)
}

/// What every chart of a diff shares: the bands, the scale and the x of each column.
struct Frame {
    scale: crate::model::Scale,
    bands: Vec<Band>,
    ticks: Vec<Tick>,
    col_x: Vec<f64>,
    right: f64,
    /// A comparison: the old and new sides' names, and the word between them.
    versus: Option<(String, String, String)>,
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        let s = self.scale;
        TOP + (s.max.0 - v) / (s.max.0 - s.min.0) * PLOT
    }
}

/// Lay the bands out left to right (an empty band keeps one column) and spread
/// each band's columns evenly across it.
fn frame(new: &Journey, bands: &[(String, &'static str, usize)], columns: &[Column]) -> Frame {
    let band_w: Vec<f64> = bands
        .iter()
        .map(|(name, _, cols)| band_width(name, *cols))
        .collect();
    let mut band_x = Vec::new();
    let mut x = LEFT;
    for w in &band_w {
        band_x.push(x);
        x += w;
    }
    let mut col_x = Vec::new();
    let mut seen = vec![0usize; bands.len()];
    for c in columns {
        #[allow(clippy::cast_precision_loss)]
        let step = band_w[c.band] / bands[c.band].2 as f64;
        #[allow(clippy::cast_precision_loss)]
        col_x.push(band_x[c.band] + step * (seen[c.band] as f64 + 0.5));
        seen[c.band] += 1;
    }
    let mut f = Frame {
        scale: new.scale,
        bands: bands
            .iter()
            .zip(band_x.iter().zip(&band_w))
            .enumerate()
            .map(|(i, ((name, status, _), (&bx, &bw)))| band(name, status, bx, bw, i))
            .collect(),
        ticks: Vec::new(),
        col_x,
        right: x,
        versus: None,
    };
    let s = new.scale;
    f.ticks = ticks(s, Ticks::Steps)
        .into_iter()
        .map(|v| Tick {
            y: num(f.y(v)),
            label: score_or_dash(Some(Num(v)), s.min),
            mid: (v - s.midpoint.0).abs() < 1e-9,
        })
        .collect();
    f
}

fn band(name: &str, status: &'static str, x: f64, w: f64, index: usize) -> Band {
    Band {
        x: num(x),
        width: num(w),
        name: name.to_owned(),
        lines: text::wrap(name, w - PAD, FONT, LABEL_LINES)
            .0
            .into_iter()
            .enumerate()
            .map(|(k, text)| Text {
                x: num(x + w / 2.0),
                #[allow(clippy::cast_precision_loss)]
                y: num(16.0 + LINE * k as f64),
                text,
            })
            .collect(),
        status,
        even: index.is_multiple_of(2),
    }
}

fn chart(f: &Frame, columns: &[Column], basis: Option<&str>) -> Chart {
    let mut out = Chart {
        persona: basis.map(str::to_owned),
        width: num(f.right + RIGHT),
        height: num(TOP + PLOT + MARKS + 6.0),
        bands: f.bands.clone(),
        ticks: f.ticks.clone(),
        left: num(LEFT),
        right: num(f.right),
        tick_x: num(LEFT - 6.0),
        top: num(TOP),
        bottom: num(TOP + PLOT),
        old_line: String::new(),
        new_line: String::new(),
        links: Vec::new(),
        points: Vec::new(),
        marks: Vec::new(),
        rows: Vec::new(),
    };
    let mut lines = (Vec::new(), Vec::new());
    for (c, &x) in columns.iter().zip(&f.col_x) {
        plot(&mut out, &mut lines, f, c, x, basis);
    }
    out.old_line = lines.0.join(" ");
    out.new_line = lines.1.join(" ");
    out
}

/// One column of one chart: its row of the table, its points, the line between
/// them, and its change mark.
fn plot(
    out: &mut Chart,
    lines: &mut (Vec<String>, Vec<String>),
    f: &Frame,
    c: &Column,
    x: f64,
    basis: Option<&str>,
) {
    let (ov, nv) = (value(c.old, basis), value(c.new, basis));
    if ov.is_none() && nv.is_none() {
        return;
    }
    let name = c.new.or(c.old).map_or("", |t| t.name.as_str());
    let status = c.status();
    out.rows.push(Row {
        stage: c.stage_name.to_owned(),
        touchpoint: name.to_owned(),
        old: ov,
        new: nv,
        delta: ov.zip(nv).map(|(a, b)| Num::round2(b.0 - a.0)),
        status,
    });
    let min = f.scale.min;
    let title = match &f.versus {
        None => format!(
            "{name}: {} → {}",
            score_or_dash(ov, min),
            score_or_dash(nv, min)
        ),
        Some((old, new, vs)) => format!(
            "{name}: {old} {}{vs}{new} {}",
            score_or_dash(ov, min),
            score_or_dash(nv, min)
        ),
    };
    if let (Some(a), Some(b)) = (ov, nv)
        && (a.0 - b.0).abs() > f64::EPSILON
    {
        out.links.push(Link {
            x: num(x),
            y1: num(f.y(a.0)),
            y2: num(f.y(b.0)),
            dir: if b.0 > a.0 { "up" } else { "down" },
        });
    }
    for (side, v, line) in [("old", ov, &mut lines.0), ("new", nv, &mut lines.1)] {
        let Some(v) = v else { continue };
        line.push(format!("{},{}", num(x), num(f.y(v.0))));
        out.points.push(Point {
            x: num(x),
            y: num(f.y(v.0)),
            side,
            valence: valence(v.0, f.scale.midpoint.0),
            title: title.clone(),
        });
    }
    if status != "kept" {
        out.marks.push(Mark {
            x: num(x),
            y: num(TOP + PLOT + 22.0),
            kind: status,
            glyph: match status {
                "added" => "+",
                "removed" => "−",
                _ => "→",
            },
        });
    }
}

/// A band is as wide as its columns, and wide enough for its name on two
/// lines (up to a limit, past which the name is shortened with `…`).
fn band_width(name: &str, cols: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let columns = COL * cols as f64;
    let width = |s: &str| text::width(s, FONT);
    let longest = name.split_whitespace().map(width).fold(0.0, f64::max);
    let need = (longest.max(width(name) / 2.0) + PAD).min(MAX_LABEL);
    columns.max(need.ceil())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_stage_names() {
        let table: &[(&str, f64, &[&str])] = &[
            ("Trial", 56.0, &["Trial"]),
            ("Consideration", 120.0, &["Consideration"]),
            (
                "First touch to advocacy",
                90.0,
                &["First touch", "to advocacy"],
            ),
            (
                "A very long stage name that goes on",
                90.0,
                &["A very long", "stage nam…"],
            ),
            ("認知と興味", 45.0, &["認知と", "興味"]),
            // Japanese line-break rules: no line starts with a closing mark.
            (
                "「無料体験」。申し込み",
                70.0,
                &["「無料体験」。", "申し込み"],
            ),
            ("カット・カラー施術", 100.0, &["カット・カラー", "施術"]),
        ];
        for (text, max, expected) in table {
            assert_eq!(text::wrap(text, *max, FONT, 2).0, *expected, "{text:?}");
        }
    }

    #[test]
    fn ticks_flag_the_midpoint() {
        let spec = |e: &str| {
            format!(
                "journeymap: 1\ntitle: T\nscale: {{min: 1, max: 4}}\npersonas: [{{id: a, name: A}}]\nstages: [{{name: S, touchpoints: [{{name: t, emotion: {e}}}]}}]\n"
            )
        };
        let j = |e: &str| {
            crate::compile_str("t.yaml", &spec(e), &crate::lint::CliLevels::default())
                .journey
                .expect("a journey")
        };
        let c = &charts(&j("1"), &j("4"), &[None], None)[0];
        let flags: Vec<(String, bool)> = c.ticks.iter().map(|t| (t.label.clone(), t.mid)).collect();
        assert_eq!(flags.len(), 5, "whole numbers and the midpoint: {flags:?}");
        assert_eq!(
            flags
                .iter()
                .filter(|(_, m)| *m)
                .map(|(l, _)| l.as_str())
                .collect::<Vec<_>>(),
            ["2.5"]
        );
    }
}
