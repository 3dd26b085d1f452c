//! Geometry of the emotion curve, shared by the HTML map and the SVG picture.
//!
//! The curve sits on a row of equal columns, one per touchpoint (a stage with
//! no touchpoint keeps one empty column), so it lines up with the map's grid.
//! There is one series for all personas, or one per persona where emotions
//! differ. Coordinates are user units (CSS px at a 16 px root) and reach the
//! templates as preformatted strings, so every machine writes the same bytes.

mod path;
mod picture;
pub mod text;

use crate::labels::Labels;
use crate::model::{Journey, Num, Persona, Touchpoint};
use serde::Serialize;

pub use path::{LoopArrow, loop_arrow, smooth};
pub use picture::{Picture, describe, picture};

/// Persona colours `(on a light page, on a dark page)`: lines reach 3:1 against
/// the page and text on a filled marker reaches 4.5:1.
pub const PALETTE: [(&str, &str); 8] = [
    ("#1d63c4", "#7fb0ff"),
    ("#b8430c", "#ff9f66"),
    ("#167245", "#5fd394"),
    ("#7b2fbf", "#c79bff"),
    ("#a1233f", "#ff8aa5"),
    ("#0b6e82", "#56d2e6"),
    ("#8a5a00", "#f0c05a"),
    ("#4a5363", "#b9c1cd"),
];

/// Dash patterns, so personas differ without colour too.
pub const DASHES: [&str; 4] = ["", "9 5", "2.5 4", "12 4 3 4"];

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

/// A number for an SVG attribute: one decimal at most, never `-0`.
#[must_use]
pub fn num(x: f64) -> String {
    let mut s = String::with_capacity(8);
    push_num(&mut s, x);
    s
}

/// [`num`], appended to `out`. Charts print tens of thousands of these, so
/// the common case (tenths that fit an integer) skips `format!`'s float code.
pub fn push_num(out: &mut String, x: f64) {
    use std::fmt::Write as _;
    let tenths = (x * 10.0).round();
    if tenths.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let t = tenths as i64;
        if t < 0 {
            out.push('-');
        }
        let a = t.unsigned_abs();
        let _ = write!(out, "{}", a / 10);
        if !a.is_multiple_of(10) {
            out.push('.');
            #[allow(clippy::cast_possible_truncation)]
            out.push(char::from(b'0' + (a % 10) as u8));
        }
        return;
    }
    let r = tenths / 10.0;
    let _ = if r.fract() == 0.0 {
        write!(out, "{r:.0}")
    } else {
        write!(out, "{r:.1}")
    };
}

/// A score as shown to people: `+1` and `−2` (a true minus) on a scale that
/// spans zero, the plain number otherwise.
#[must_use]
pub fn score(v: Num, min: Num) -> String {
    let s = v.to_string();
    if let Some(rest) = s.strip_prefix('-') {
        format!("\u{2212}{rest}")
    } else if min.0 < 0.0 && v.0 > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// Where a value sits against the midpoint: `pos`, `neg` or `mid`.
#[must_use]
pub fn valence(v: f64, mid: f64) -> &'static str {
    if v > mid {
        "pos"
    } else if v < mid {
        "neg"
    } else {
        "mid"
    }
}

/// A face for a value, from very negative to very positive.
#[must_use]
pub fn face(v: f64, min: f64, mid: f64, max: f64) -> &'static str {
    let f = if v >= mid {
        (v - mid) / (max - mid).max(f64::EPSILON)
    } else {
        (v - mid) / (mid - min).max(f64::EPSILON)
    };
    if f >= 0.75 {
        "😄"
    } else if f > 0.25 {
        "🙂"
    } else if f >= -0.25 {
        "😐"
    } else if f > -0.75 {
        "🙁"
    } else {
        "😣"
    }
}

/// A DOM id from a spec key: ASCII letters, digits, `-` and `_` are kept, any
/// other character becomes `.HEX.` (spec ids never hold `.`, so ids stay unique).
#[must_use]
pub fn dom_id(prefix: &str, key: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + key.len());
    s.push_str(prefix);
    if key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        s.push_str(key);
        return s;
    }
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            s.push(c);
        } else {
            s.push_str(&format!(".{:x}.", c as u32));
        }
    }
    s
}

/// The emotion curve laid out on the touchpoint columns.
#[derive(Serialize, Debug)]
pub struct Curve {
    pub width: String,
    pub height: String,
    /// Whether any point is drawn.
    pub has_points: bool,
    pub columns: Vec<Column>,
    /// Stage spans, for separators and bands.
    pub bands: Vec<Band>,
    pub ticks: Vec<Tick>,
    pub midline: String,
    pub top: String,
    pub bottom: String,
    /// Height of the area above the midline and below it.
    pub pos_height: String,
    pub neg_height: String,
    pub series: Vec<Series>,
    pub labels: Vec<Label>,
    /// Moment-of-truth columns: x and the star's y.
    pub moments: Vec<Moment>,
    pub star_y: String,
    pub star_text_y: String,
    /// Whether points backed by evidence and assumed points both occur.
    pub any_evidence: bool,
    pub any_assumed: bool,
}

#[derive(Serialize, Debug)]
pub struct Column {
    pub x: String,
    pub x0: String,
    pub stage: usize,
    /// DOM id of the touchpoint; `None` for the empty column of a stage without touchpoints.
    pub dom: Option<String>,
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
pub struct Series {
    /// The persona id, or `None` when one curve stands for all personas.
    pub persona: Option<String>,
    pub name: String,
    /// Index into [`PALETTE`]; `None` for the all-personas curve.
    pub color: Option<usize>,
    pub stroke: &'static str,
    pub dash: &'static str,
    /// Smooth paths through consecutive points.
    pub paths: Vec<String>,
    /// Straight dashed links over touchpoints of this persona that have no emotion.
    pub gaps: Vec<String>,
    pub points: Vec<Point>,
}

/// A coordinate, kept as a number and printed by [`num`] (templates see that
/// string). A large map has tens of thousands of them: not allocating a string
/// for each saves about a third of the curve's layout time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coord(pub f64);

impl Coord {
    /// Append the printed number to `out`.
    pub fn write(self, out: &mut String) {
        push_num(out, self.0);
    }
}

impl std::fmt::Display for Coord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&num(self.0))
    }
}

impl Serialize for Coord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Serialize, Debug)]
pub struct Point {
    /// Centre of the column.
    pub x: Coord,
    /// Centre of the marker (moved sideways when markers of a column coincide).
    pub cx: Coord,
    pub cy: Coord,
    /// Baseline of the score inside the marker (for renderers without `dominant-baseline`).
    pub ty: Coord,
    pub r: Coord,
    pub score: String,
    pub valence: &'static str,
    pub evidence: bool,
    pub dom: String,
    pub title: String,
}

#[derive(Serialize, Debug)]
pub struct Label {
    pub x: String,
    pub lines: Vec<Line>,
    pub full: String,
    pub cut: bool,
    pub below: bool,
    pub dom: String,
}

#[derive(Serialize, Debug)]
pub struct Line {
    pub y: String,
    pub text: String,
}

#[derive(Serialize, Debug)]
pub struct Moment {
    pub x: String,
    pub dom: String,
}

/// A column of the grid: its stage and its touchpoint.
pub struct Col<'a> {
    pub stage: usize,
    pub tp: Option<&'a Touchpoint>,
}

/// The columns of the grid, in journey order.
#[must_use]
pub fn columns(j: &Journey) -> Vec<Col<'_>> {
    j.stages
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let tps: Vec<Col> = if s.touchpoints.is_empty() {
                vec![Col { stage: i, tp: None }]
            } else {
                s.touchpoints
                    .iter()
                    .map(|t| Col {
                        stage: i,
                        tp: Some(t),
                    })
                    .collect()
            };
            tps
        })
        .collect()
}

/// The personas that get a curve of their own, or `[None]` for one shared curve.
/// A journey of one persona (or seen as one with `--persona`) draws that persona.
fn series_personas(j: &Journey) -> Vec<Option<(usize, &Persona)>> {
    if let [only] = j.personas.as_slice() {
        vec![Some((0, only))]
    } else if j.emotions_differ() {
        j.personas
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                j.stages
                    .iter()
                    .flat_map(|s| &s.touchpoints)
                    .any(|t| t.emotion.contains_key(&p.id))
            })
            .map(Some)
            .collect()
    } else {
        vec![None]
    }
}

fn value(t: &Touchpoint, p: Option<&Persona>) -> Option<Num> {
    match p {
        Some(p) => t.emotion.get(&p.id).copied(),
        None => t.uniform_emotion(),
    }
}

/// A marker before layout: series, column, value.
struct Raw {
    series: usize,
    col: usize,
    value: f64,
    y: f64,
    dx: f64,
}

#[allow(clippy::cast_precision_loss)]
fn col_x(m: &Metrics, i: usize) -> f64 {
    (i as f64 + 0.5) * m.col
}

/// What every step of the layout needs.
struct Layout<'a> {
    j: &'a Journey,
    labels: &'a Labels,
    m: &'a Metrics,
    cols: Vec<Col<'a>>,
    min: f64,
    mid: f64,
    max: f64,
}

impl Layout<'_> {
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
    fn markers(&self, personas: &[Option<(usize, &Persona)>]) -> (Vec<Raw>, Vec<Vec<Vec<usize>>>) {
        let mut raws: Vec<Raw> = Vec::new();
        let mut runs = Vec::new();
        for (si, p) in personas.iter().enumerate() {
            let mut series_runs: Vec<Vec<usize>> = vec![Vec::new()];
            for (ci, c) in self.cols.iter().enumerate() {
                let Some(t) = c.tp else { continue };
                let involved = p.is_none_or(|(_, p)| t.personas.contains(&p.id));
                match value(t, p.map(|(_, p)| p)) {
                    Some(v) => {
                        raws.push(Raw {
                            series: si,
                            col: ci,
                            value: v.0,
                            y: self.y(v.0),
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
        spread(&mut raws, self.m);
        (raws, runs)
    }

    /// One series: its smooth paths, dashed gap links and points.
    fn series(
        &self,
        si: usize,
        p: Option<(usize, &Persona)>,
        raws: &[Raw],
        runs: &[Vec<usize>],
    ) -> Series {
        let at = |i: usize| (col_x(self.m, raws[i].col) + raws[i].dx, raws[i].y);
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
        let points = raws
            .iter()
            .filter(|r| r.series == si)
            .filter_map(|r| self.point(r, p.map(|(_, p)| p)))
            .collect();
        Series {
            persona: p.map(|(_, p)| p.id.clone()),
            name: p.map_or_else(
                || self.labels.all_personas.to_owned(),
                |(_, p)| text::xml_safe(&p.name),
            ),
            color: p.map(|(i, _)| i % PALETTE.len()),
            stroke: p.map_or("#3b4250", |(i, _)| PALETTE[i % PALETTE.len()].0),
            dash: p.map_or("", |(i, _)| DASHES[(i / PALETTE.len() + i) % DASHES.len()]),
            paths,
            gaps,
            points,
        }
    }

    fn point(&self, r: &Raw, persona: Option<&Persona>) -> Option<Point> {
        let t = self.cols[r.col].tp?;
        let sc = score(Num(r.value), self.j.scale.min);
        let evidence = !t.evidence.is_empty();
        let backing = if evidence {
            self.labels.evidence_backed
        } else {
            self.labels.assumed
        };
        // `Misaki: Trial lesson — −1 Nervous (assumed)`
        let mut title = String::with_capacity(96);
        if let Some(p) = persona {
            title.push_str(&p.name);
            title.push_str(": ");
        }
        title.push_str(&t.name);
        title.push_str(" — ");
        title.push_str(&sc);
        if let Some(f) = &t.feeling {
            title.push(' ');
            title.push_str(f);
        }
        title.push_str(" (");
        title.push_str(backing);
        title.push(')');
        Some(Point {
            x: Coord(col_x(self.m, r.col)),
            cx: Coord(col_x(self.m, r.col) + r.dx),
            cy: Coord(r.y),
            ty: Coord(r.y + 3.8),
            r: Coord(self.radius(&sc)),
            title: text::xml_safe(&title),
            score: sc,
            valence: valence(r.value, self.mid),
            evidence,
            dom: dom_id("tp-", &t.key),
        })
    }

    /// The axis: values, their y, and faces (on a long scale only at the ends and the midpoint).
    fn ticks(&self) -> Vec<Tick> {
        let (min, mid, max) = (self.min, self.mid, self.max);
        let values = ticks(min, mid, max);
        let few = values.len() <= 5;
        values
            .iter()
            .map(|&v| Tick {
                value: score(Num(v), self.j.scale.min),
                y: num(self.y(v)),
                pct: format!("{:.2}", self.y(v) / self.m.height() * 100.0),
                face: if few || [min, mid, max].contains(&v) {
                    face(v, min, mid, max)
                } else {
                    ""
                },
                valence: valence(v, mid),
            })
            .collect()
    }
}

/// Lay the curve out for the journey's columns with `m`.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn curve(j: &Journey, labels: &Labels, m: &Metrics) -> Curve {
    let l = Layout {
        j,
        labels,
        m,
        cols: columns(j),
        min: j.scale.min.0,
        mid: j.scale.midpoint.0,
        max: j.scale.max.0,
    };
    let (cols, mid) = (&l.cols, l.mid);
    let y_of = |v: f64| l.y(v);
    let personas = series_personas(j);
    let (raws, runs) = l.markers(&personas);
    let series = personas
        .iter()
        .enumerate()
        .map(|(si, p)| l.series(si, *p, &raws, &runs[si]))
        .collect();
    let radius_of = |s: &str| l.radius(s);
    let has = |ev: bool| {
        raws.iter()
            .any(|r| cols[r.col].tp.is_some_and(|t| t.evidence.is_empty() != ev))
    };
    Curve {
        width: num(cols.len() as f64 * m.col),
        height: num(m.height()),
        has_points: !raws.is_empty(),
        columns: cols
            .iter()
            .enumerate()
            .map(|(i, c)| Column {
                x: num(col_x(m, i)),
                x0: num(i as f64 * m.col),
                stage: c.stage,
                dom: c.tp.map(|t| dom_id("tp-", &t.key)),
            })
            .collect(),
        bands: bands(cols, m),
        ticks: l.ticks(),
        labels: feeling_labels(cols, &raws, m, mid, &radius_of, j),
        any_evidence: has(true),
        any_assumed: has(false),
        series,
        midline: num(y_of(mid)),
        top: num(m.top()),
        bottom: num(m.bottom()),
        pos_height: num(y_of(mid) - m.top()),
        neg_height: num(m.bottom() - y_of(mid)),
        moments: cols
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let t = c.tp.filter(|t| t.moment_of_truth)?;
                Some(Moment {
                    x: num(col_x(m, i)),
                    dom: dom_id("tp-", &t.key),
                })
            })
            .collect(),
        star_y: num(m.strip / 2.0 + 1.0),
        star_text_y: num(m.strip / 2.0 + 6.0),
    }
}

/// The stage spans over the columns.
#[allow(clippy::cast_precision_loss)]
fn bands(cols: &[Col], m: &Metrics) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::new();
    let mut start = 0;
    for i in 0..cols.len() {
        if i + 1 == cols.len() || cols[i + 1].stage != cols[i].stage {
            let (x0, x1) = (start as f64 * m.col, (i + 1) as f64 * m.col);
            out.push(Band {
                x0: num(x0),
                x1: num(x1),
                width: num(x1 - x0),
                center: num(f64::midpoint(x0, x1)),
                hue: cols[i].stage % 8,
            });
            start = i + 1;
        }
    }
    out
}

/// The values marked on the axis: every whole number on a short whole-number
/// scale, else the ends and the midpoint.
fn ticks(min: f64, mid: f64, max: f64) -> Vec<f64> {
    let whole = min.fract() == 0.0 && max.fract() == 0.0 && max - min <= 10.0;
    let mut v: Vec<f64> = if whole {
        #[allow(clippy::cast_possible_truncation)]
        let (lo, hi) = (min as i64, max as i64);
        #[allow(clippy::cast_precision_loss)]
        (lo..=hi).rev().map(|i| i as f64).collect()
    } else {
        vec![max, mid, min]
    };
    if !v.iter().any(|x| (x - mid).abs() < f64::EPSILON) {
        v.push(mid);
        v.sort_by(|a, b| b.total_cmp(a));
    }
    v
}

/// Move markers of one column sideways where they would cover each other.
fn spread(raws: &mut [Raw], m: &Metrics) {
    // Point indices by column, in point order (one pass: no scan of every point per column).
    for mut idx in by_column(raws) {
        idx.sort_by(|&a, &b| raws[a].y.total_cmp(&raws[b].y).then(a.cmp(&b)));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in idx {
            match groups.last_mut() {
                Some(g) if raws[i].y - raws[*g.last().unwrap_or(&i)].y < 2.0 * m.radius + 2.0 => {
                    g.push(i);
                }
                _ => groups.push(vec![i]),
            }
        }
        for g in groups.into_iter().filter(|g| g.len() > 1) {
            #[allow(clippy::cast_precision_loss)]
            let k = g.len() as f64;
            let step = (2.0 * m.radius + 3.0).min((m.col - 2.0 * m.radius - 16.0) / (k - 1.0));
            let mut g = g;
            g.sort_by_key(|&i| raws[i].series);
            for (n, i) in g.into_iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let n = n as f64;
                raws[i].dx = (n - (k - 1.0) / 2.0) * step;
            }
        }
    }
}

/// The indices of `raws` grouped by column, each group in point order.
fn by_column(raws: &[Raw]) -> Vec<Vec<usize>> {
    let cols = raws.iter().map(|r| r.col + 1).max().unwrap_or(0);
    let mut out = vec![Vec::new(); cols];
    for (i, r) in raws.iter().enumerate() {
        out[r.col].push(i);
    }
    out
}

/// One feeling label per column that has points: above the markers where the
/// column is on the positive side, below them on the negative side. Labels keep
/// within their column, so they never meet a neighbour's.
fn feeling_labels(
    cols: &[Col],
    raws: &[Raw],
    m: &Metrics,
    mid: f64,
    radius_of: &dyn Fn(&str) -> f64,
    j: &Journey,
) -> Vec<Label> {
    let lh = m.line_height();
    let columns = by_column(raws);
    cols.iter()
        .enumerate()
        .filter_map(|(ci, c)| {
            let t = c.tp?;
            let feeling = text::xml_safe(t.feeling.as_deref()?);
            let here: Vec<&Raw> = columns
                .get(ci)
                .map_or_else(Vec::new, |ix| ix.iter().map(|&i| &raws[i]).collect());
            if here.is_empty() {
                return None;
            }
            #[allow(clippy::cast_precision_loss)]
            let mean = here.iter().map(|r| r.value).sum::<f64>() / here.len() as f64;
            let r = here
                .iter()
                .map(|r| radius_of(&score(Num(r.value), j.scale.min)))
                .fold(m.radius, f64::max);
            let (lines, cut) = text::wrap(&feeling, m.col - 14.0, m.font, m.lines);
            let below = mean < mid;
            #[allow(clippy::cast_precision_loss)]
            let n = lines.len() as f64;
            let first = if below {
                let low = here.iter().map(|r| r.y).fold(f64::MIN, f64::max);
                low + r + 5.0 + m.font * 0.92
            } else {
                let high = here.iter().map(|r| r.y).fold(f64::MAX, f64::min);
                high - r - 6.0 - m.font * 0.22 - (n - 1.0) * lh
            };
            Some(Label {
                x: num(col_x(m, ci)),
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(k, text)| {
                        #[allow(clippy::cast_precision_loss)]
                        let y = first + k as f64 * lh;
                        Line { y: num(y), text }
                    })
                    .collect(),
                full: feeling.clone(),
                cut,
                below,
                dom: dom_id("tp-", &t.key),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        for (x, s) in [
            (0.0, "0"),
            (-0.01, "0"),
            (1.25, "1.3"),
            (12.0, "12"),
            (-3.45, "-3.5"),
        ] {
            assert_eq!(num(x), s);
        }
        // The fast path prints what `format!` printed before it existed.
        let old = |x: f64| {
            let r = (x * 10.0).round() / 10.0;
            if r == 0.0 {
                "0".to_owned()
            } else if r.fract() == 0.0 {
                format!("{r:.0}")
            } else {
                format!("{r:.1}")
            }
        };
        let mut x = -20_000.0;
        while x < 20_000.0 {
            assert_eq!(num(x), old(x), "{x}");
            x += 0.0137;
        }
        for x in [1e14, -1e14, 1e15, 3.7e17, -1e300, 0.05, -0.05, 0.049_999] {
            assert_eq!(num(x), old(x), "{x}");
        }
    }

    #[test]
    fn scores_use_a_true_minus_and_a_plus_on_scales_through_zero() {
        assert_eq!(score(Num(2.0), Num(-2.0)), "+2");
        assert_eq!(score(Num(-1.0), Num(-2.0)), "\u{2212}1");
        assert_eq!(score(Num(0.0), Num(-2.0)), "0");
        assert_eq!(score(Num(4.0), Num(1.0)), "4");
    }

    #[test]
    fn dom_ids_are_ascii_and_distinct() {
        assert_eq!(dom_id("tp-", "insta-ad"), "tp-insta-ad");
        assert_eq!(dom_id("tp-", "広告"), "tp-.5e83..544a.");
        assert_ne!(dom_id("tp-", "a.b"), dom_id("tp-", "a2eb"));
    }

    #[test]
    fn faces_follow_the_scale() {
        assert_eq!(face(2.0, -2.0, 0.0, 2.0), "😄");
        assert_eq!(face(0.0, -2.0, 0.0, 2.0), "😐");
        assert_eq!(face(1.0, 1.0, 3.0, 5.0), "😣");
    }

    fn journey(yaml: &str) -> Journey {
        let c = crate::compile_str("t.yaml", yaml, &crate::lint::CliLevels::default());
        c.journey.expect("the test spec is valid")
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
        let c = curve(&j, crate::labels::labels(j.locale), &m);
        assert_eq!(
            c.columns.len(),
            5,
            "a stage without touchpoints keeps a column"
        );
        assert_eq!(c.series.len(), 2, "emotions differ: one curve per persona");
        let f = |s: &str| s.parse::<f64>().unwrap();
        for p in c.series.iter().flat_map(|s| &s.points) {
            let col = c
                .columns
                .iter()
                .find(|k| k.dom.as_deref() == Some(&p.dom))
                .unwrap();
            assert_eq!(p.x.to_string(), col.x);
            assert!((p.cx.0 - p.x.0).abs() < m.col / 2.0 - p.r.0, "{p:?}");
        }
        // The two equal points of `one` are moved apart; the others stay centred.
        let one: Vec<&Point> = c.series.iter().map(|s| &s.points[0]).collect();
        assert!(one[0].cx.0 < one[1].cx.0);
        for l in &c.labels {
            assert!(l.lines.len() <= m.lines);
            for line in &l.lines {
                assert!(text::width(&line.text, m.font) <= m.col - 14.0, "{line:?}");
                assert!(
                    f(&line.y) > m.strip && f(&line.y) < f(&c.height),
                    "{line:?}"
                );
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
        let c = curve(&j, crate::labels::labels(j.locale), &Metrics::HTML);
        assert_eq!(c.series[0].name, "Ann");
        assert_eq!(c.series[0].color, Some(0));
    }

    #[test]
    fn ticks_are_whole_numbers_on_short_scales() {
        assert_eq!(ticks(-2.0, 0.0, 2.0), [2.0, 1.0, 0.0, -1.0, -2.0]);
        assert_eq!(ticks(0.0, 50.0, 100.0), [100.0, 50.0, 0.0]);
    }
}
