//! The parts of the HTML page that repeat per touchpoint, written directly.
//!
//! The map grid, the emotion curve drawn in it and the curve's data table hold
//! almost all of a large page (a row per lane and a marker per point for every
//! touchpoint). Through the template engine they cost about 40 µs per
//! touchpoint; written here they cost a few, so `build -f html` stays close to
//! `check` (docs/performance.md). The page around them stays a template: it
//! places them as `{{ html.map_table }}` and `{{ html.curve_table }}`, and a
//! theme can replace the `map` block with its own loops over `map` and `chart`.
//!
//! Every piece of text goes through [`esc`], which escapes exactly what
//! minijinja's HTML auto-escaping does, so these parts read the same as the
//! template they replace (the golden files in `tests/golden/` pin the bytes).

use crate::chart::Curve;
use crate::labels::Labels;
use crate::model::{Item, Num, Scalar, Touchpoint};
use crate::view::{StageView, TouchpointView, View};
use std::fmt::Write as _;

/// Where the parts are written: a buffer handed to a writer every 64 KB, so
/// the map of a large journey (19 MB of HTML for 10 000 touchpoints) never
/// sits in memory whole. Dereferences to the buffer.
pub struct Out<'w> {
    buf: String,
    w: &'w mut dyn std::io::Write,
    err: Option<std::io::Error>,
}

impl<'w> Out<'w> {
    pub fn new(w: &'w mut dyn std::io::Write) -> Self {
        Out {
            buf: String::with_capacity(80 * 1024),
            w,
            err: None,
        }
    }

    /// Hand the buffer to the writer once it is large enough.
    fn spill(&mut self) {
        if self.buf.len() >= 64 * 1024 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.err.is_none()
            && let Err(e) = self.w.write_all(self.buf.as_bytes())
        {
            self.err = Some(e);
        }
        self.buf.clear();
    }

    /// Write what is left; the first write error, if any.
    ///
    /// # Errors
    /// The writer's first error.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush();
        self.err.map_or(Ok(()), Err)
    }
}

impl std::ops::Deref for Out<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.buf
    }
}

impl std::ops::DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.buf
    }
}

/// Append `s` escaped for HTML text and attribute values (`<>&"'/`, as minijinja).
pub fn esc(out: &mut String, s: &str) {
    // One table look-up per byte; text between special bytes is copied whole.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'&' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t[b'/' as usize] = true;
        t
    };
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !SPECIAL[b as usize] {
            continue;
        }
        out.push_str(&s[last..i]);
        out.push_str(match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => "&#x2f;",
        });
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// A number as a template prints it (`2`, `-1.5`; an integral float too large
/// for an integer gets `.0`).
fn num(out: &mut String, n: Num) {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        clippy::float_cmp
    )]
    let int = (n.0.fract() == 0.0 && n.0.abs() < 9.0e15 && (n.0 as i64) as f64 == n.0)
        .then_some(n.0 as i64);
    match int {
        Some(i) => {
            let _ = write!(out, "{i}");
        }
        None if n.0.is_nan() => out.push_str("NaN"),
        None if n.0.is_infinite() => out.push_str(if n.0 < 0.0 { "-inf" } else { "inf" }),
        None => {
            let s = n.0.to_string();
            out.push_str(&s);
            if !s.contains('.') {
                out.push_str(".0");
            }
        }
    }
}

fn usize(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

/// ` class="end"` unless this is the last stage: the stage's right border.
fn end_class(out: &mut String, last: bool) {
    if !last {
        out.push_str(" class=\"end\"");
    }
}

/// The opening `<td>` of a touchpoint cell: moment of truth and the stage's last column.
fn td(out: &mut String, tp: &Touchpoint, last: bool) {
    match (tp.moment_of_truth, last) {
        (true, true) => out.push_str("<td class=\"mot end\">"),
        (true, false) => out.push_str("<td class=\"mot\">"),
        (false, true) => out.push_str("<td class=\"end\">"),
        (false, false) => out.push_str("<td>"),
    }
}

fn plain(out: &mut String, list: &[String], class: &str) {
    out.push_str("<ul class=\"");
    out.push_str(class);
    out.push_str("\">\n");
    for t in list {
        out.push_str("<li>");
        esc(out, t);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn items(out: &mut String, list: &[Item], labels: &Labels) {
    out.push_str("<ul class=\"items\">\n");
    for i in list {
        out.push_str("<li>");
        if let Some(p) = &i.priority {
            out.push_str("<span class=\"prio prio-");
            esc(out, p);
            out.push_str("\">");
            esc(out, labels.priority(p));
            out.push_str("</span>");
        }
        esc(out, &i.text);
        if let Some(o) = &i.owner {
            out.push_str("<span class=\"item-owner\">");
            esc(out, labels.owner);
            out.push_str(": ");
            esc(out, o);
            out.push_str("</span>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn scalar(out: &mut String, v: &Scalar) {
    match v {
        Scalar::Text(s) => esc(out, s),
        Scalar::Number(n) => num(out, *n),
        // As templates print them (minijinja writes booleans the Python way).
        Scalar::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
    }
}

/// A score in the data table: coloured by valence, `+` on a scale around zero,
/// and a real minus sign.
fn score(out: &mut String, v: Num, view: &View) {
    let scale = view.journey.scale;
    out.push_str("<span class=\"score ");
    out.push_str(if v.0 > scale.midpoint.0 {
        "pos"
    } else if v.0 < scale.midpoint.0 {
        "neg"
    } else {
        "mid"
    });
    out.push_str("\">");
    if v.0 > 0.0 && scale.min.0 < 0.0 {
        out.push('+');
    }
    let mut s = String::new();
    num(&mut s, v);
    esc(out, &s.replace('-', "−"));
    out.push_str("</span>");
}

/// A persona's colour class in the palette, `pall` for the all-personas curve.
fn palette(out: &mut String, color: Option<usize>) {
    match color {
        Some(c) => {
            out.push('p');
            usize(out, c);
        }
        None => out.push_str("pall"),
    }
}

/// The map grid, from `<table class="map">` to `</table>`.
pub fn map_table(v: &View, o: &mut Out) {
    let labels = v.labels;
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
    o.push_str("<table class=\"map\" style=\"--n: ");
    usize(o, map.columns);
    o.push_str("\">\n<caption class=\"sr-only\">");
    esc(o, &v.journey.title);
    o.push_str(": ");
    esc(o, labels.journey_map);
    o.push_str("</caption>\n<colgroup><col class=\"lane-col\"></colgroup>\n");
    for s in stages {
        o.push_str("<colgroup><col class=\"tp-col\" span=\"");
        usize(o, s.span);
        o.push_str("\"></colgroup>");
    }
    o.push_str("\n<thead>\n");
    if let Some(a) = &v.loop_arrow {
        o.push_str("<tr class=\"loop-row\"><td aria-hidden=\"true\"></td><td colspan=\"");
        usize(o, map.columns);
        o.push_str("\"><svg class=\"loop-svg\" viewBox=\"0 0 ");
        esc(o, &a.width);
        o.push(' ');
        esc(o, &a.height);
        o.push_str("\" role=\"img\" aria-label=\"");
        esc(o, &a.text);
        o.push_str("\"><path d=\"");
        esc(o, &a.d);
        o.push_str("\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><path d=\"");
        esc(o, &a.head);
        o.push_str("\" fill=\"currentColor\"/><rect class=\"loop-box\"");
        attrs(
            o,
            &[("x", &a.box_x), ("y", &a.box_y), ("width", &a.box_width)],
        );
        o.push_str(" height=\"18\" rx=\"9\"/><text");
        attrs(
            o,
            &[
                ("x", &a.text_x),
                ("y", &a.text_y),
                ("text-anchor", a.anchor),
            ],
        );
        o.push_str(">↻ ");
        esc(o, &a.text);
        o.push_str("</text></svg></td></tr>\n");
    }
    o.push_str("<tr>\n<th scope=\"col\" class=\"lane corner\">");
    esc(o, labels.stage);
    o.push_str("</th>\n");
    for (i, s) in stages.iter().enumerate() {
        let last = i + 1 == stages.len();
        o.push_str("<th scope=\"colgroup\" colspan=\"");
        usize(o, s.span);
        o.push_str("\" id=\"");
        esc(o, &s.dom);
        o.push_str("\" class=\"stage h");
        usize(o, s.hue);
        if !last {
            o.push_str(" end");
        }
        o.push_str("\"><div class=\"band\"><span class=\"band-num\" aria-hidden=\"true\">");
        usize(o, s.number);
        o.push_str("</span><span class=\"band-name\">");
        esc(o, &s.stage.name);
        o.push_str("</span></div>");
        if s.loop_target {
            o.push_str("<span class=\"loop-target\">↻ ");
            esc(o, labels.loop_target);
            o.push_str("</span>");
        }
        if let Some(d) = &s.stage.description {
            o.push_str("<p class=\"stage-desc\">");
            esc(o, d);
            o.push_str("</p>");
        }
        o.push_str("</th>\n");
    }
    o.push_str("</tr>\n</thead>\n<tbody>\n");

    if lanes.goal {
        lane_head(o, "goal", labels.goal);
        for (i, s) in stages.iter().enumerate() {
            o.push_str("<td colspan=\"");
            usize(o, s.span);
            o.push_str("\" class=\"stage-cell h");
            usize(o, s.hue);
            if i + 1 != stages.len() {
                o.push_str(" end");
            }
            o.push_str("\">");
            if let Some(g) = &s.stage.goal {
                o.push_str("<strong>");
                esc(o, g);
                o.push_str("</strong>");
            }
            o.push_str("</td>\n");
        }
        o.push_str("</tr>\n");
    }
    if lanes.questions {
        lane_head(o, "questions", labels.questions);
        stage_cells(o, stages, |o, s| {
            if !s.stage.questions.is_empty() {
                plain(o, &s.stage.questions, "plain");
            }
        });
        o.push_str("</tr>\n");
    }
    touchpoint_names(o, v);
    if lanes.action {
        lane(o, stages, "action", labels.action, |o, t| {
            if let Some(a) = &t.action {
                esc(o, a);
            }
        });
    }
    if lanes.thought {
        lane(o, stages, "thought", labels.thought, |o, t| {
            if let Some(a) = &t.thought {
                o.push_str("<p class=\"thought\">");
                esc(o, a);
                o.push_str("</p>");
            }
        });
    }
    if lanes.curve
        && let Some(chart) = &v.chart
    {
        o.push_str("<tr class=\"lane-curve\"><th scope=\"row\" class=\"lane curve-lane\">");
        esc(o, labels.emotion_curve);
        o.push_str("<span class=\"axis\" aria-hidden=\"true\">");
        for tk in &chart.ticks {
            o.push_str("<span style=\"top: ");
            esc(o, &tk.pct);
            o.push_str("%\">");
            if !tk.face.is_empty() {
                o.push_str("<span class=\"face\">");
                esc(o, tk.face);
                o.push_str("</span>");
            }
            esc(o, &tk.value);
            o.push_str("</span>");
        }
        o.push_str("</span></th>\n<td colspan=\"");
        usize(o, map.columns);
        o.push_str("\" class=\"curve-cell\">");
        curve(o, chart, v);
        o.push_str("</td>\n</tr>\n");
    }
    if lanes.feeling {
        lane(o, stages, "feeling", labels.feeling, |o, t| {
            if let Some(f) = &t.feeling
                && t.emotion.is_empty()
            {
                esc(o, f);
            }
        });
    }
    for (stage_lane, tp_lane, class, short, label) in [
        (
            lanes.stage_pain_points,
            lanes.pain_points,
            "lane-pains pains",
            "pains",
            labels.pain_points,
        ),
        (
            lanes.stage_opportunities,
            lanes.opportunities,
            "lane-opportunities opps",
            "opps",
            labels.opportunities,
        ),
    ] {
        if !(stage_lane || tp_lane) {
            continue;
        }
        let pains = short == "pains";
        o.push_str("<tr class=\"");
        o.push_str(class);
        o.push_str("\"><th scope=\"row\" class=\"lane\"");
        if stage_lane && tp_lane {
            o.push_str(" rowspan=\"2\"");
        }
        o.push('>');
        esc(o, label);
        o.push_str("</th>\n");
        if stage_lane {
            stage_cells(o, stages, |o, s| {
                let list = if pains {
                    &s.stage.pain_points
                } else {
                    &s.stage.opportunities
                };
                if !list.is_empty() {
                    o.push_str("<span class=\"scope\">");
                    esc(o, labels.stage_wide);
                    o.push_str("</span>");
                    items(o, list, labels);
                }
            });
            o.push_str("</tr>\n");
            if tp_lane {
                o.push_str("<tr class=\"");
                o.push_str(short);
                o.push_str("\">");
            }
        }
        if tp_lane {
            tp_cells(o, stages, |o, t| {
                let list = if pains {
                    &t.pain_points
                } else {
                    &t.opportunities
                };
                if !list.is_empty() {
                    items(o, list, labels);
                }
            });
            o.push_str("</tr>\n");
        }
    }
    if lanes.backstage {
        lane(o, stages, "backstage", labels.backstage, |o, t| {
            if !t.backstage.is_empty() {
                plain(o, &t.backstage, "plain");
            }
        });
    }
    if lanes.owner {
        lane(o, stages, "owner", labels.owner, |o, t| {
            if let Some(w) = &t.owner {
                o.push_str("<span class=\"owner\">");
                esc(o, w);
                o.push_str("</span>");
            }
        });
    }
    if lanes.kpis || lanes.metrics {
        o.push_str("<tr class=\"lane-kpis\"><th scope=\"row\" class=\"lane\"");
        if lanes.kpis && lanes.metrics {
            o.push_str(" rowspan=\"2\"");
        }
        o.push('>');
        esc(o, labels.kpis_metrics);
        o.push_str("</th>\n");
        if lanes.kpis {
            stage_cells(o, stages, |o, s| {
                if !s.stage.kpis.is_empty() {
                    o.push_str("<span class=\"scope\">");
                    esc(o, labels.kpis);
                    o.push_str("</span>");
                    plain(o, &s.stage.kpis, "plain");
                }
            });
            o.push_str("</tr>\n");
            if lanes.metrics {
                o.push_str("<tr class=\"lane-metrics\">");
            }
        }
        if lanes.metrics {
            tp_cells(o, stages, |o, t| {
                if !t.metrics.is_empty() {
                    o.push_str("<dl class=\"metrics\">");
                    for (k, val) in &t.metrics {
                        o.push_str("<div><dt>");
                        esc(o, k);
                        o.push_str("</dt><dd>");
                        scalar(o, val);
                        o.push_str("</dd></div>");
                    }
                    o.push_str("</dl>");
                }
            });
            o.push_str("</tr>\n");
        }
    }
    if lanes.evidence {
        lane(o, stages, "evidence", labels.evidence, |o, t| {
            if !t.evidence.is_empty() {
                o.push_str("<ul class=\"plain evidence\">");
                for e in &t.evidence {
                    o.push_str("<li>");
                    esc(o, e);
                    o.push_str("</li>");
                }
                o.push_str("</ul>");
            }
        });
    }
    o.push_str("</tbody>\n</table>");
}

/// `<tr class="lane-NAME"><th …>Label</th>` and a line break.
fn lane_head(o: &mut String, class: &str, label: &str) {
    o.push_str("<tr class=\"lane-");
    o.push_str(class);
    o.push_str("\"><th scope=\"row\" class=\"lane\">");
    esc(o, label);
    o.push_str("</th>\n");
}

/// One cell per stage, spanning its columns.
fn stage_cells(o: &mut Out, stages: &[StageView], mut cell: impl FnMut(&mut String, &StageView)) {
    for (i, s) in stages.iter().enumerate() {
        o.push_str("<td colspan=\"");
        usize(o, s.span);
        o.push('"');
        end_class(o, i + 1 == stages.len());
        o.push('>');
        cell(o, s);
        o.push_str("</td>\n");
    }
}

/// One cell per touchpoint column (an empty one for a stage without touchpoints).
fn tp_cells(o: &mut Out, stages: &[StageView], mut cell: impl FnMut(&mut String, &Touchpoint)) {
    for (i, s) in stages.iter().enumerate() {
        let n = s.touchpoints.len();
        for (j, t) in s.touchpoints.iter().enumerate() {
            td(o, t.tp, j + 1 == n);
            cell(o, t.tp);
            o.push_str("</td>\n");
            o.spill();
        }
        if n == 0 {
            o.push_str("<td");
            end_class(o, i + 1 == stages.len());
            o.push_str("></td>\n");
        }
    }
}

/// A lane with one cell per touchpoint column.
fn lane(
    o: &mut Out,
    stages: &[StageView],
    class: &str,
    label: &str,
    cell: impl FnMut(&mut String, &Touchpoint),
) {
    lane_head(o, class, label);
    tp_cells(o, stages, cell);
    o.push_str("</tr>\n");
}

/// The lane of touchpoint names: the column headers of the grid.
fn touchpoint_names(o: &mut Out, v: &View) {
    let labels = v.labels;
    let stages = &v.map.stages;
    o.push_str("<tr class=\"lane-touchpoints\"><th scope=\"row\" class=\"lane\">");
    esc(o, labels.touchpoints);
    o.push_str("</th>\n");
    for (i, s) in stages.iter().enumerate() {
        let n = s.touchpoints.len();
        for (j, t) in s.touchpoints.iter().enumerate() {
            touchpoint_name(o, v, s, t, j + 1 == n);
            o.spill();
        }
        if n == 0 {
            o.push_str("<td class=\"h");
            usize(o, s.hue);
            o.push_str(" empty-stage");
            if i + 1 != stages.len() {
                o.push_str(" end");
            }
            o.push_str("\">");
            esc(o, labels.no_touchpoints);
            o.push_str("</td>\n");
        }
    }
    o.push_str("</tr>\n");
}

fn touchpoint_name(o: &mut String, v: &View, s: &StageView, t: &TouchpointView, last: bool) {
    let labels = v.labels;
    let tp = t.tp;
    o.push_str("<th scope=\"col\" id=\"");
    esc(o, &t.dom);
    o.push_str("\" class=\"tp h");
    usize(o, s.hue);
    if tp.moment_of_truth {
        o.push_str(" mot");
    }
    if last {
        o.push_str(" end");
    }
    o.push_str("\">");
    if tp.moment_of_truth {
        o.push_str("<span class=\"mot-badge\">★ ");
        esc(o, labels.moment_of_truth);
        o.push_str("</span>");
    }
    o.push_str("<span class=\"tp-name\">");
    esc(o, &tp.name);
    o.push_str("</span>");
    if let Some(ch) = &tp.channel {
        o.push_str("<span class=\"channel\">");
        if !t.kind_icon.is_empty() {
            o.push_str("<span aria-hidden=\"true\" title=\"");
            esc(o, labels.kind(ch.kind.as_deref().unwrap_or_default()));
            o.push_str("\">");
            esc(o, t.kind_icon);
            o.push_str("</span>");
        }
        o.push_str("<span>");
        esc(o, &ch.name);
        if let Some(k) = &ch.kind {
            o.push_str("<span class=\"sr-only\"> (");
            esc(o, labels.kind(k));
            o.push_str(")</span>");
        }
        o.push_str("</span></span>");
    }
    if !t.only.is_empty() {
        o.push_str("<span class=\"who\">");
        for pid in &t.only {
            o.push_str("<span class=\"chip ");
            palette(o, v.persona_styles.get(pid).map(|st| st.color));
            o.push_str("\"><span class=\"dot\" aria-hidden=\"true\"></span>");
            if let Some(p) = v.personas.get(pid) {
                esc(o, &p.name);
            }
            o.push_str("</span>");
        }
        o.push_str("</span>");
    }
    o.push_str("</th>\n");
}

/// `<line class="CLASS" x1=… y1=… x2=… y2=…/>` and a line break.
fn svg_line(o: &mut String, class: &str, [x1, y1, x2, y2]: [&str; 4]) {
    o.push_str("<line class=\"");
    o.push_str(class);
    o.push('"');
    attrs(o, &[("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)]);
    o.push_str("/>\n");
}

/// ` name="value"` for each pair, the values escaped.
fn attrs(o: &mut String, pairs: &[(&str, &str)]) {
    for (name, v) in pairs {
        o.push(' ');
        o.push_str(name);
        o.push_str("=\"");
        esc(o, v);
        o.push('"');
    }
}

/// The emotion curve, an SVG drawn in the curve lane.
fn curve(o: &mut Out, c: &Curve, v: &View) {
    let labels = v.labels;
    o.push_str("<svg class=\"curve\" viewBox=\"0 0 ");
    esc(o, &c.width);
    o.push(' ');
    esc(o, &c.height);
    o.push_str("\" role=\"img\" aria-labelledby=\"curve-title curve-desc\" focusable=\"false\">\n<title id=\"curve-title\">");
    esc(o, labels.emotion_curve);
    o.push_str("</title>\n<desc id=\"curve-desc\">");
    esc(o, &v.curve_description);
    o.push_str("</desc>\n<defs><pattern id=\"jm-hatch\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"7\" height=\"7\"/><line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\"/></pattern></defs>\n<rect class=\"zone-pos\"");
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
        svg_line(o, "colline", [&col.x, &c.top, &col.x, &c.bottom]);
    }
    for b in c.bands.iter().skip(1) {
        svg_line(o, "sep", [&b.x0, "0", &b.x0, &c.height]);
    }
    for m in &c.moments {
        svg_line(o, "mot-line", [&m.x, &c.star_y, &m.x, &c.bottom]);
        o.push_str("<text class=\"star\"");
        attrs(o, &[("x", &m.x), ("y", &c.star_y)]);
        o.push_str("><title>");
        esc(o, labels.moment_of_truth);
        o.push_str("</title>★</text>\n");
    }
    svg_line(o, "midline", ["0", &c.midline, &c.width, &c.midline]);
    for s in &c.series {
        o.push_str("<g class=\"series ");
        palette(o, s.color);
        o.push('"');
        if let Some(p) = &s.persona {
            o.push_str(" data-persona=\"");
            esc(o, p);
            o.push('"');
        }
        o.push_str(">\n");
        for d in &s.paths {
            o.push_str("<path class=\"line\" d=\"");
            esc(o, d);
            o.push('"');
            if !s.dash.is_empty() {
                o.push_str(" stroke-dasharray=\"");
                esc(o, s.dash);
                o.push('"');
            }
            o.push_str("/>\n");
        }
        for d in &s.gaps {
            o.push_str("<path class=\"gap\" d=\"");
            esc(o, d);
            o.push_str("\"/>\n");
        }
        o.push_str("</g>\n");
    }
    for s in &c.series {
        for p in &s.points {
            o.push_str("<g class=\"pt ");
            o.push_str(p.valence);
            o.push_str(if p.evidence { " ev " } else { " as " });
            palette(o, s.color);
            o.push_str("\" data-col=\"");
            esc(o, &p.dom);
            o.push_str("\" data-x=\"");
            p.x.write(o);
            o.push_str("\"><title>");
            esc(o, &p.title);
            o.push_str("</title><circle cx=\"");
            p.cx.write(o);
            o.push_str("\" cy=\"");
            p.cy.write(o);
            o.push_str("\" r=\"");
            p.r.write(o);
            o.push_str("\"/><text x=\"");
            p.cx.write(o);
            o.push_str("\" y=\"");
            p.cy.write(o);
            o.push_str("\">");
            esc(o, &p.score);
            o.push_str("</text></g>\n");
            o.spill();
        }
    }
    for l in &c.labels {
        o.push_str("<text class=\"feeling\" data-col=\"");
        esc(o, &l.dom);
        o.push_str("\">");
        if l.cut {
            o.push_str("<title>");
            esc(o, &l.full);
            o.push_str("</title>");
        }
        for ln in &l.lines {
            o.push_str("<tspan x=\"");
            esc(o, &l.x);
            o.push_str("\" y=\"");
            esc(o, &ln.y);
            o.push_str("\">");
            esc(o, &ln.text);
            o.push_str("</tspan>");
        }
        o.push_str("</text>\n");
        o.spill();
    }
    o.push_str("</svg>\n");
}

/// The curve as a data table (the text alternative of the chart), from
/// `<details>` to `</details>`; empty when the curve has no point.
pub fn curve_table(v: &View, o: &mut Out) {
    let Some(chart) = v.chart.as_ref().filter(|c| c.has_points) else {
        return;
    };
    let labels = v.labels;
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
        esc(o, labels.emotion);
        if s.persona.is_some() {
            o.push_str(": ");
            esc(o, &s.name);
        }
        o.push_str("</th>");
    }
    o.push_str("<th scope=\"col\">");
    esc(o, labels.feeling);
    o.push_str("</th><th scope=\"col\">");
    esc(o, labels.evidence);
    o.push_str("</th></tr></thead>\n<tbody>\n");
    for s in &v.map.stages {
        for t in &s.touchpoints {
            let tp = t.tp;
            o.push_str("<tr><td>");
            esc(o, &s.stage.name);
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
            for se in &chart.series {
                o.push_str("<td class=\"num\">");
                let value = match &se.persona {
                    Some(p) => tp.emotion.get(p),
                    None => tp.emotion.values().next(),
                };
                match value {
                    Some(x) => score(o, *x, v),
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
            o.spill();
        }
    }
    o.push_str("</tbody>\n</table>\n</div>\n</details>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_minijinja_does() {
        let nasty = "<a href='x'>\"Q&A\"</a> / 日本語 ★";
        let mut ours = String::new();
        esc(&mut ours, nasty);
        assert_eq!(ours, minijinja::HtmlEscape(nasty).to_string());
        assert_eq!(
            ours,
            "&lt;a href=&#x27;x&#x27;&gt;&quot;Q&amp;A&quot;&lt;&#x2f;a&gt; &#x2f; 日本語 ★"
        );
    }

    #[test]
    fn metric_values_print_as_in_templates() {
        for v in [
            Scalar::Bool(true),
            Scalar::Bool(false),
            Scalar::Number(Num(2.5)),
            Scalar::Number(Num(-3.0)),
            Scalar::Text("a<b".to_owned()),
        ] {
            let mut ours = String::new();
            scalar(&mut ours, &v);
            let value = minijinja::Value::from(minijinja::value::Serde(&v));
            assert_eq!(ours, minijinja::HtmlEscape(&value.to_string()).to_string());
        }
    }

    #[test]
    fn numbers_print_as_in_templates() {
        for x in [2.0, -1.5, 0.0, 1e16, -3.25, 12_345.0] {
            let mut ours = String::new();
            num(&mut ours, Num(x));
            let theirs = minijinja::Value::from(minijinja::value::Serde(Num(x))).to_string();
            assert_eq!(ours, theirs, "{x}");
        }
    }
}
