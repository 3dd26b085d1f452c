//! Geometry of the emotion curve, shared by the HTML map and the SVG picture.
//!
//! The curve sits on a row of equal columns, one per touchpoint (a stage with
//! no touchpoint keeps one empty column), so it lines up with the map's grid.
//! What is drawn (the series, each touchpoint's value and score on each, the
//! DOM ids) comes from the presentation layer; this module only places it.
//! Coordinates are user units (CSS px at a 16 px root) and reach the
//! templates as preformatted strings, so every machine writes the same bytes.

mod layout;
mod overview;
mod path;
mod picture;

use crate::model::Touchpoint;
use crate::present::fmt::{Ticks, axis_face, ticks};
use crate::present::grid::Grid;
use crate::present::{Coord, Presentation, SeriesLook, Shown, num, text, valence};
use serde::Serialize;

pub use overview::{Overview, overview};
pub use path::{LoopArrow, loop_arrow, smooth};
pub use picture::{Picture, picture};

/// Sizes of one curve layout.
#[derive(Clone, Copy, Debug)]
pub struct Metrics {
    /// Width of a touchpoint column.
    pub col: f64,
    /// Height of the strip above everything (moments of truth).
    pub strip: f64,
    /// Height from the top of the scale to its bottom.
    pub plot: f64,
    /// Font size of the feeling labels.
    pub font: f64,
    /// At most this many lines per feeling label.
    pub lines: usize,
    /// Radius of a point marker.
    pub radius: f64,
}

impl Metrics {
    /// The curve inside the HTML map: 10.5rem columns.
    pub const HTML: Metrics = Metrics {
        col: 168.0,
        strip: 28.0,
        plot: 148.0,
        font: 12.0,
        lines: 2,
        radius: 11.0,
    };

    fn line_height(&self) -> f64 {
        (self.font * 1.25).round()
    }

    /// Room for a label above or below the scale, marker included.
    fn label_zone(&self) -> f64 {
        self.radius + 6.0 + self.line_height() * self.lines_f() + 4.0
    }

    #[allow(clippy::cast_precision_loss)]
    fn lines_f(&self) -> f64 {
        self.lines as f64
    }

    /// The y of the top of the scale.
    fn top(&self) -> f64 {
        self.strip + self.label_zone()
    }

    fn bottom(&self) -> f64 {
        self.top() + self.plot
    }

    fn height(&self) -> f64 {
        self.bottom() + self.label_zone()
    }
}

/// The emotion curve laid out on the touchpoint columns.
#[derive(Serialize, Debug)]
pub struct Curve<'p> {
    pub width: String,
    pub height: String,
    /// Whether any point is drawn.
    pub has_points: bool,
    pub columns: Vec<Column<'p>>,
    /// Stage spans, for separators and bands.
    pub bands: Vec<Band>,
    pub ticks: Vec<Tick>,
    pub midline: String,
    pub top: String,
    pub bottom: String,
    /// Height of the area above the midline and below it.
    pub pos_height: String,
    pub neg_height: String,
    pub series: Vec<Series<'p>>,
    pub labels: Vec<Label<'p>>,
    /// Moment-of-truth columns: x and the star's y.
    pub moments: Vec<Moment<'p>>,
    pub star_y: String,
    pub star_text_y: String,
    /// Whether points backed by evidence and assumed points both occur.
    pub any_evidence: bool,
    pub any_assumed: bool,
    /// The compared journeys' stage means, drawn behind the curve.
    pub compared: Vec<CompareLine>,
}

/// A compared journey's mean emotion at each stage: a muted segment across the
/// stage's columns.
#[derive(Serialize, Debug)]
pub struct CompareLine {
    pub name: String,
    pub dash: &'static str,
    pub segments: Vec<CompareSegment>,
}

#[derive(Serialize, Debug)]
pub struct CompareSegment {
    pub x0: String,
    pub x1: String,
    pub y: String,
    /// The mean as shown, for the label at the segment's end and its title.
    pub score: String,
    /// The label's place (just above the segment, at its right end).
    pub label_x: String,
    pub label_y: String,
    /// What the label says: the score, and on the first segment the
    /// journey's name before it, shortened to fit the stage.
    pub label: String,
}

/// One column of the curve. A large map has tens of thousands: its numbers
/// are [`Coord`]s and its DOM id is the presentation's, not copies.
#[derive(Serialize, Debug)]
pub struct Column<'p> {
    pub x: Coord,
    pub x0: Coord,
    pub width: Coord,
    pub stage: usize,
    /// DOM id of the touchpoint; `None` for the empty column of a stage without touchpoints.
    pub dom: Option<&'p str>,
}

#[derive(Serialize, Debug)]
pub struct Band {
    pub x0: String,
    pub x1: String,
    pub width: String,
    pub center: String,
    /// Index of the stage colour.
    pub hue: usize,
}

#[derive(Serialize, Debug)]
pub struct Tick {
    pub value: String,
    pub y: String,
    /// The y as a percentage of the curve's height, for the HTML axis.
    pub pct: String,
    /// A face for the value; empty between the ends of a long scale.
    pub face: &'static str,
    pub valence: &'static str,
}

#[derive(Serialize, Debug)]
pub struct Series<'p> {
    /// Who the curve is (`persona`, `name`, `color`, `stroke`, `dash`).
    #[serde(flatten)]
    pub look: SeriesLook,
    /// Smooth paths through consecutive points.
    pub paths: Vec<String>,
    /// Straight dashed links over touchpoints of this persona that have no emotion.
    pub gaps: Vec<String>,
    pub points: Vec<Point<'p>>,
}

/// A marker on a curve. A large map has one per touchpoint and curve, so it
/// holds numbers and references: what follows from them (the square's corner
/// and side, the score, the title) is written when asked for, and templates
/// see every field as before.
#[derive(Debug)]
pub struct Point<'p> {
    /// Centre of the column.
    pub x: Coord,
    /// Centre of the marker (moved sideways when markers of a column coincide).
    pub cx: Coord,
    pub cy: Coord,
    pub r: Coord,
    /// The value, which the marker shows as its score (and its valence).
    pub shown: Shown,
    pub evidence: bool,
    /// A point of a measured curve (a square marker: its corner and side).
    pub measured: bool,
    pub dom: &'p str,
    /// The curve's name in the title (a persona's, or a measured curve's).
    who: Option<&'p str>,
    tp: &'p Touchpoint,
    /// `measured`, `evidence-backed` or `assumed`, in the page's words.
    backing: &'static str,
}

impl Point<'_> {
    /// Baseline of the score inside the marker (for renderers without `dominant-baseline`).
    #[must_use]
    pub fn ty(&self) -> Coord {
        Coord(self.cy.0 + 3.8)
    }

    /// The square marker's corner and side.
    #[must_use]
    pub fn sx(&self) -> Coord {
        Coord(self.cx.0 - self.r.0)
    }

    #[must_use]
    pub fn sy(&self) -> Coord {
        Coord(self.cy.0 - self.r.0)
    }

    #[must_use]
    pub fn side(&self) -> Coord {
        Coord(2.0 * self.r.0)
    }

    /// `+1`, `−2`: the text in the marker.
    #[must_use]
    pub fn score(&self) -> String {
        self.shown.score()
    }

    /// `Misaki: Trial lesson — −1 Nervous (assumed)`, safe for XML.
    #[must_use]
    pub fn title(&self) -> String {
        let score = self.score();
        let feeling = self.tp.feeling.as_ref().filter(|_| !self.measured);
        let mut title = String::with_capacity(
            self.who.map_or(0, |p| p.len() + 2)
                + self.tp.name.len()
                + score.len()
                + feeling.map_or(0, |f| f.len() + 1)
                + self.backing.len()
                + 8,
        );
        if let Some(p) = self.who {
            title.push_str(p);
            title.push_str(": ");
        }
        title.push_str(&self.tp.name);
        title.push_str(" — ");
        title.push_str(&score);
        if let Some(f) = feeling {
            title.push(' ');
            title.push_str(f);
        }
        title.push_str(" (");
        title.push_str(self.backing);
        title.push(')');
        text::into_xml_safe(title)
    }
}

impl Serialize for Point<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Point", 14)?;
        st.serialize_field("x", &self.x)?;
        st.serialize_field("cx", &self.cx)?;
        st.serialize_field("cy", &self.cy)?;
        st.serialize_field("ty", &self.ty())?;
        st.serialize_field("r", &self.r)?;
        st.serialize_field("score", &self.score())?;
        st.serialize_field("valence", self.shown.valence())?;
        st.serialize_field("evidence", &self.evidence)?;
        st.serialize_field("measured", &self.measured)?;
        st.serialize_field("sx", &self.sx())?;
        st.serialize_field("sy", &self.sy())?;
        st.serialize_field("side", &self.side())?;
        st.serialize_field("dom", self.dom)?;
        st.serialize_field("title", &self.title())?;
        st.end()
    }
}

#[derive(Serialize, Debug)]
pub struct Label<'p> {
    pub x: Coord,
    pub lines: Vec<Line>,
    /// The whole feeling (the lines may cut it short).
    pub full: std::borrow::Cow<'p, str>,
    pub cut: bool,
    pub below: bool,
    pub dom: &'p str,
}

#[derive(Serialize, Debug)]
pub struct Line {
    pub y: Coord,
    pub text: String,
}

#[derive(Serialize, Debug)]
pub struct Moment<'p> {
    pub x: Coord,
    pub dom: &'p str,
}

/// A marker before layout: series, column, value.
pub(super) struct Raw {
    pub series: usize,
    pub col: usize,
    pub shown: Shown,
    pub y: f64,
    pub dx: f64,
    /// The marker's radius (it grows with the score's width).
    pub r: f64,
}

/// What every step of the layout needs.
struct Layout<'a, 'p, 'j> {
    p: &'p Presentation<'j>,
    m: &'a Metrics,
    grid: &'a Grid,
    cols: Vec<crate::present::Column<'p, 'j>>,
    min: f64,
    mid: f64,
    max: f64,
}

impl<'p> Layout<'_, 'p, '_> {
    /// Every drawn curve: the assumed ones, then the measured ones.
    fn looks(&self) -> impl Iterator<Item = &'p SeriesLook> + use<'p> {
        self.p.series.iter().chain(&self.p.measured)
    }

    /// A touchpoint's value on curve `si` of [`Layout::looks`].
    fn value<'t>(
        &self,
        t: &'t crate::present::TpLook,
        si: usize,
    ) -> Option<&'t crate::present::Shown> {
        let n = self.p.series.len();
        if si < n {
            t.values.get(si)
        } else {
            t.measured.get(si - n)
        }
    }

    /// The y of an emotion.
    fn y(&self, v: f64) -> f64 {
        self.m.bottom() - (v - self.min) / (self.max - self.min) * self.m.plot
    }

    /// The marker radius that fits a score.
    fn radius(&self, score: &str) -> f64 {
        self.m
            .radius
            .max(text::width(score, self.m.font - 1.0) / 2.0 + 4.0)
    }

    /// Markers of every series, and per series the runs of points a line joins
    /// (a touchpoint of the persona without an emotion breaks the run).
    fn markers(&self) -> (Vec<Raw>, Vec<Vec<Vec<usize>>>) {
        let mut raws: Vec<Raw> = Vec::new();
        let mut runs = Vec::new();
        for (si, look) in self.looks().enumerate() {
            let mut series_runs: Vec<Vec<usize>> = vec![Vec::new()];
            for (ci, c) in self.cols.iter().enumerate() {
                let Some(t) = c.tp else { continue };
                // A measured curve joins the measured touchpoints (what lies
                // between was not measured); an assumed one breaks where the
                // persona has no emotion.
                let involved = !look.measured
                    && look
                        .persona
                        .as_ref()
                        .is_none_or(|id| t.tp.personas.contains(id));
                match self.value(t, si) {
                    Some(v) => {
                        raws.push(Raw {
                            series: si,
                            col: ci,
                            r: self.radius(&v.score()),
                            shown: *v,
                            y: self.y(v.value.0),
                            dx: 0.0,
                        });
                        if let Some(run) = series_runs.last_mut() {
                            run.push(raws.len() - 1);
                        }
                    }
                    None if involved && series_runs.last().is_some_and(|r| !r.is_empty()) => {
                        series_runs.push(Vec::new());
                    }
                    None => {}
                }
            }
            series_runs.retain(|r| !r.is_empty());
            runs.push(series_runs);
        }
        layout::spread(&mut raws, self.m, self.grid);
        (raws, runs)
    }

    /// One series: its smooth paths, dashed gap links and points.
    fn series(&self, si: usize, raws: &[Raw], runs: &[Vec<usize>]) -> Series<'p> {
        let at = |i: usize| (self.grid.center(raws[i].col) + raws[i].dx, raws[i].y);
        let paths = runs
            .iter()
            .filter(|r| r.len() > 1)
            .map(|r| smooth(&r.iter().map(|&i| at(i)).collect::<Vec<_>>()))
            .collect();
        let gaps = runs
            .windows(2)
            .filter_map(|w| {
                let (a, b) = (at(*w[0].last()?), at(*w[1].first()?));
                Some(format!(
                    "M{} {}L{} {}",
                    num(a.0),
                    num(a.1),
                    num(b.0),
                    num(b.1)
                ))
            })
            .collect();
        let Some(look) = self.looks().nth(si) else {
            return Series {
                look: self.p.series[0].clone(),
                paths,
                gaps,
                points: Vec::new(),
            };
        };
        let name = (look.persona.is_some() || look.measured).then_some(look.name.as_str());
        // Sized exactly: a long map's series have tens of thousands of points.
        let mut points = Vec::with_capacity(raws.iter().filter(|r| r.series == si).count());
        points.extend(
            raws.iter()
                .filter(|r| r.series == si)
                .filter_map(|r| self.point(r, name, look.measured)),
        );
        Series {
            look: look.clone(),
            paths,
            gaps,
            points,
        }
    }

    fn point(&self, r: &Raw, who: Option<&'p str>, measured: bool) -> Option<Point<'p>> {
        let t = self.cols[r.col].tp?;
        let tp = t.tp;
        let evidence = measured || !tp.evidence.is_empty();
        let labels = self.p.labels;
        let backing = if measured {
            labels.measured
        } else if evidence {
            labels.evidence_backed
        } else {
            labels.assumed
        };
        let cx = self.grid.center(r.col) + r.dx;
        Some(Point {
            x: Coord(self.grid.center(r.col)),
            cx: Coord(cx),
            cy: Coord(r.y),
            r: Coord(r.r),
            shown: r.shown,
            evidence,
            measured,
            dom: &t.dom,
            who,
            tp,
            backing,
        })
    }

    /// The axis, top down: values, their y, and faces (on a long scale only at
    /// the ends and the midpoint).
    fn ticks(&self) -> Vec<Tick> {
        let scale = self.p.journey.scale;
        let (min, mid, max) = (self.min, self.mid, self.max);
        let mut values = ticks(scale, Ticks::Ends);
        values.reverse();
        let few = values.len() <= 5;
        values
            .iter()
            .map(|&v| Tick {
                value: crate::present::score(crate::model::Num(v), scale.min),
                y: num(self.y(v)),
                pct: format!("{:.2}", self.y(v) / self.m.height() * 100.0),
                face: if few || [min, mid, max].contains(&v) {
                    axis_face(v, scale)
                } else {
                    ""
                },
                valence: valence(v, mid),
            })
            .collect()
    }
}

/// Lay the curve out on the presentation's columns with `m`, on the columns of `grid`.
#[must_use]
pub fn curve<'p>(p: &'p Presentation, m: &Metrics, grid: &Grid) -> Curve<'p> {
    let scale = p.journey.scale;
    let l = Layout {
        p,
        m,
        grid,
        cols: p.columns(),
        min: scale.min.0,
        mid: scale.midpoint.0,
        max: scale.max.0,
    };
    let (raws, runs) = l.markers();
    let labels = layout::feeling_labels(&l.cols, &raws, m, grid, l.mid);
    let series = (0..p.series.len() + p.measured.len())
        .map(|si| l.series(si, &raws, &runs[si]))
        .collect();
    let cols = &l.cols;
    let y_mid = l.y(l.mid);
    Curve {
        width: num(grid.total()),
        height: num(m.height()),
        has_points: !raws.is_empty(),
        columns: cols
            .iter()
            .enumerate()
            .map(|(i, c)| Column {
                x: Coord(grid.center(i)),
                x0: Coord(grid.x0[i]),
                width: Coord(grid.widths[i]),
                stage: c.stage,
                dom: c.tp.map(|t| t.dom.as_str()),
            })
            .collect(),
        bands: layout::bands(cols, grid),
        ticks: l.ticks(),
        labels,
        any_evidence: p.any_evidence,
        any_assumed: p.any_assumed,
        compared: compare_lines(p, &l, &layout::bands(cols, grid)),
        series,
        midline: num(y_mid),
        top: num(m.top()),
        bottom: num(m.bottom()),
        pos_height: num(y_mid - m.top()),
        neg_height: num(m.bottom() - y_mid),
        moments: cols
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let t = c.tp.filter(|t| t.tp.moment_of_truth)?;
                Some(Moment {
                    x: Coord(grid.center(i)),
                    dom: &t.dom,
                })
            })
            .collect(),
        star_y: num(m.strip / 2.0 + 1.0),
        star_text_y: num(m.strip / 2.0 + 6.0),
    }
}

/// The compared journeys' segments, one per stage with a value.
fn compare_lines(p: &Presentation, l: &Layout, bands: &[Band]) -> Vec<CompareLine> {
    p.compared
        .iter()
        .map(|c| CompareLine {
            name: c.name.clone(),
            dash: c.dash,
            segments: c
                .means
                .iter()
                .zip(bands)
                .filter_map(|(m, b)| {
                    let m = m.as_ref()?;
                    let (x0, x1) = (b.x0.parse::<f64>().ok()?, b.x1.parse::<f64>().ok()?);
                    let y = l.y(m.value.0);
                    Some((x0, x1, y, m.score()))
                })
                .enumerate()
                .map(|(i, (x0, x1, y, score))| {
                    // 10.5 px, semi-bold: measured a little wider than regular.
                    const FONT: f64 = 11.0;
                    let label = if i == 0 {
                        let room = (x1 - x0 - 14.0) - text::width(&score, FONT) - 4.0;
                        let (name, _) = text::shorten(&c.name, room.max(0.0), FONT);
                        if name.is_empty() || name == "…" {
                            score.clone()
                        } else {
                            format!("{name} {score}")
                        }
                    } else {
                        score.clone()
                    };
                    CompareSegment {
                        x0: num(x0 + 4.0),
                        x1: num(x1 - 4.0),
                        y: num(y),
                        score,
                        label_x: num(x1 - 6.0),
                        label_y: num(y - 4.0),
                        label,
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey(yaml: &str) -> crate::model::Journey {
        let c = crate::compile_str("t.yaml", yaml, &crate::lint::CliLevels::default());
        c.journey.expect("the test spec is valid")
    }

    /// The curve of `$j` with metrics `$m`, as `$c` (it borrows the presentation).
    macro_rules! curve_of {
        ($j:expr, $m:expr, $c:ident) => {
            let i = crate::insight::insights($j);
            let p = Presentation::new($j, &i);
            let $c = curve(&p, $m, &Grid::even(p.columns().len(), $m.col));
        };
    }

    const TWO_PERSONAS: &str = "journeymap: 1
title: T
personas: [{id: a, name: A}, {id: b, name: B}]
stages:
  - name: S1
    touchpoints:
      - {name: one, emotion: {a: 2, b: 2}, feeling: a very long feeling that needs more than one line of text to fit, evidence: [x]}
      - {name: two, personas: [a], emotion: -2, feeling: low}
      - {name: three, personas: [b]}
  - name: Empty
  - name: S3
    touchpoints:
      - {name: four, emotion: {a: 0, b: -1}, feeling: mixed}
";

    #[test]
    fn points_sit_on_their_columns_and_labels_stay_in_theirs() {
        let j = journey(TWO_PERSONAS);
        let m = Metrics::HTML;
        curve_of!(&j, &m, c);
        assert_eq!(
            c.columns.len(),
            5,
            "a stage without touchpoints keeps a column"
        );
        assert_eq!(c.series.len(), 2, "emotions differ: one curve per persona");
        let f = |s: &str| s.parse::<f64>().unwrap();
        for p in c.series.iter().flat_map(|s| &s.points) {
            let col = c.columns.iter().find(|k| k.dom == Some(p.dom)).unwrap();
            assert_eq!(p.x, col.x);
            assert!((p.cx.0 - p.x.0).abs() < m.col / 2.0 - p.r.0, "{p:?}");
        }
        // The two equal points of `one` are moved apart; the others stay centred.
        let one: Vec<&Point> = c.series.iter().map(|s| &s.points[0]).collect();
        assert!(one[0].cx.0 < one[1].cx.0);
        for l in &c.labels {
            assert!(l.lines.len() <= m.lines);
            for line in &l.lines {
                assert!(text::width(&line.text, m.font) <= m.col - 14.0, "{line:?}");
                assert!(line.y.0 > m.strip && line.y.0 < f(&c.height), "{line:?}");
            }
        }
        assert!(
            c.labels[0].cut,
            "the long feeling is shortened, its full text kept"
        );
        // B has touchpoint `three` without an emotion: its line is broken there.
        let b = &c.series[1];
        assert_eq!((b.paths.len(), b.gaps.len()), (0, 1), "{b:?}");
    }

    #[test]
    fn one_persona_draws_its_own_curve_in_its_colour() {
        let j = journey(
            "journeymap: 1\ntitle: T\npersonas: [{id: a, name: Ann}]\nstages: [{name: S, touchpoints: [{name: t, emotion: 1}]}]\n",
        );
        curve_of!(&j, &Metrics::HTML, c);
        assert_eq!(c.series[0].look.name, "Ann");
        assert_eq!(c.series[0].look.color, Some(0));
    }
}
