//! The map grid: stage bands, lanes and touchpoint columns.
//!
//! Each column has the width of `present::grid` (the table's `--w` is their sum,
//! each `<col>`'s `--c` its own; the page's CSS scales them all by one factor).
//! A lane of items that some stages hold for the whole stage (pain points,
//! opportunities, KPIs) takes two rows only where a stage has such items: the
//! other stages' touchpoint cells span both rows, so no stage gets an empty band.

use super::curve::curve;
use super::out::{Out, attrs, end_class, esc, items, palette, plain, scalar, usize};
use crate::model::{Item, Stage, Touchpoint};
use crate::present::TpLook;
use crate::present::fields::{self, Fact, Group, Style};
use crate::present::measured::{MetricShown, SPARK_H, SPARK_W};
use crate::view::{StageView, View};

/// The map grid, from `<table class="map">` to `</table>`.
pub fn map_table(v: &View, o: &mut Out) {
    head(v, o);
    stage_lanes(v, o);
    touchpoint_names(o, v);
    field_lanes(v, o, Group::Story);
    curve_lane(v, o);
    feeling_lane(v, o);
    item_lanes(v, o);
    field_lanes(v, o, Group::Team);
    kpi_lanes(v, o);
    field_lanes(v, o, Group::Sources);
    o.push_str("</tbody>\n</table>");
}

/// The caption, the column groups and the stage bands (with the loop arrow above them).
fn head(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let stages = &map.stages;
    o.push_str("<table class=\"map\" style=\"--n: ");
    usize(o, map.columns);
    if let Some(g) = &v.grid {
        o.push_str("; --w: ");
        crate::present::push_num(o, g.total());
    }
    o.push_str("\">\n<caption class=\"sr-only\">");
    esc(o, &v.journey.title);
    o.push_str(": ");
    esc(o, labels.journey_map);
    o.push_str("</caption>\n<colgroup><col class=\"lane-col\"></colgroup>\n");
    let mut widths = v.map.widths.iter();
    for s in stages {
        o.push_str("<colgroup>");
        for _ in 0..s.look.span {
            o.push_str("<col class=\"tp-col\"");
            if let Some(w) = widths.next() {
                o.push_str(" style=\"--c: ");
                w.write(o);
                o.push('"');
            }
            o.push('>');
        }
        o.push_str("</colgroup>");
    }
    o.push_str("\n<thead>\n");
    loop_row(v, o);
    stage_bands(v, o);
    o.push_str("</thead>\n<tbody>\n");
}

/// The stage bands: number, name, the loop's target, the description.
fn stage_bands(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let stages = &v.map.stages;
    o.push_str("<tr>\n<th scope=\"col\" class=\"lane corner\">");
    esc(o, labels.stage);
    o.push_str("</th>\n");
    for (i, s) in stages.iter().enumerate() {
        let last = i + 1 == stages.len();
        o.push_str("<th scope=\"colgroup\" colspan=\"");
        usize(o, s.look.span);
        o.push_str("\" id=\"");
        esc(o, &s.look.dom);
        o.push_str("\" class=\"stage h");
        usize(o, s.look.hue);
        if !last {
            o.push_str(" end");
        }
        o.push_str("\"><div class=\"band\"><span class=\"band-num\" aria-hidden=\"true\">");
        usize(o, s.look.number);
        o.push_str("</span><span class=\"band-name\">");
        esc(o, &s.stage.name);
        o.push_str("</span></div>");
        if s.look.loop_target {
            o.push_str("<span class=\"loop-target\">↻ ");
            esc(o, labels.loop_target);
            o.push_str("</span>");
        }
        if let Some(d) = &s.stage.description {
            o.push_str("<p class=\"stage-desc\">");
            esc(o, d);
            o.push_str("</p>");
        }
        detail_links(o, v, &s.stage.key, None);
        o.push_str("</th>\n");
    }
    o.push_str("</tr>\n");
}

/// The detail journeys of a stage (`touchpoint: None`) or of a touchpoint,
/// as links under its name.
fn detail_links(o: &mut String, v: &View, stage: &str, touchpoint: Option<&str>) {
    let here: Vec<_> = v
        .present
        .links
        .details
        .iter()
        .filter(|d| {
            d.stage.as_ref().is_some_and(|(k, _)| k == stage)
                && d.touchpoint.as_ref().map(|(k, _)| k.as_str()) == touchpoint
        })
        .collect();
    if here.is_empty() {
        return;
    }
    o.push_str("<span class=\"details\"><span class=\"sr-only\">");
    esc(o, v.present.labels.details);
    o.push_str(": </span>");
    for d in here {
        o.push_str("<span class=\"detail\">↳ ");
        match &d.href {
            Some(h) => {
                o.push_str("<a href=\"");
                esc(o, h);
                o.push_str("\">");
                esc(o, &d.title);
                o.push_str("</a>");
            }
            None => esc(o, &d.title),
        }
        o.push_str("</span>");
    }
    o.push_str("</span>");
}

fn loop_row(v: &View, o: &mut Out) {
    let map = &v.map;
    if let Some(a) = &v.page.loop_arrow {
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
}

/// The lanes of the stages' goals and questions.
fn stage_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
    if lanes.goal {
        lane_head(o, "goal", labels.goal);
        for (i, s) in stages.iter().enumerate() {
            o.push_str("<td colspan=\"");
            usize(o, s.look.span);
            o.push_str("\" class=\"stage-cell h");
            usize(o, s.look.hue);
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
}

/// A lane for each plain fact of `group` that some touchpoint has.
fn field_lanes(v: &View, o: &mut Out, group: Group) {
    let labels = v.present.labels;
    for f in fields::in_group(group) {
        if !v.map.lanes.fields.get(f.key).copied().unwrap_or(false) {
            continue;
        }
        lane(o, &v.map.stages, f.key, (f.label)(labels), |o, t| {
            fact(o, &(f.value)(t), f.style);
        });
    }
}

/// One cell's plain fact, in its style.
fn fact(o: &mut String, value: &Fact, style: Style) {
    match (value, style) {
        (Fact::Text(None), _) => {}
        (Fact::Text(Some(t)), Style::Thought) => {
            o.push_str("<p class=\"thought\">");
            esc(o, t);
            o.push_str("</p>");
        }
        (Fact::Text(Some(t)), Style::Tag) => {
            o.push_str("<span class=\"owner\">");
            esc(o, t);
            o.push_str("</span>");
        }
        (Fact::Text(Some(t)), _) => esc(o, t),
        (Fact::List([]), _) => {}
        (Fact::List(list), Style::Sources) => {
            o.push_str("<ul class=\"plain evidence\">");
            for e in *list {
                o.push_str("<li>");
                esc(o, e);
                o.push_str("</li>");
            }
            o.push_str("</ul>");
        }
        (Fact::List(list), _) => plain(o, list, "plain"),
    }
}

fn curve_lane(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let lanes = &map.lanes;
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
}

/// Feelings of touchpoints that have no emotion (the others are on the curve).
fn feeling_lane(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    if v.map.lanes.feeling {
        lane(o, &v.map.stages, "feeling", labels.feeling, |o, t| {
            if let Some(f) = &t.feeling
                && t.emotion.is_empty()
            {
                esc(o, f);
            }
        });
    }
}

/// A lane that stages and touchpoints both fill (see the module doc).
struct Paired<'a> {
    /// The classes of the lane's first row and, when it has two, of the second.
    class: &'a str,
    second: &'a str,
    label: &'a str,
    stage: &'a dyn Fn(&Stage) -> bool,
    stage_cell: &'a dyn Fn(&mut String, &Stage),
    touchpoints: bool,
    tp_cell: &'a dyn Fn(&mut String, &Touchpoint),
}

/// Pain points and opportunities: the stage-wide ones, and the touchpoints'.
fn item_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let lanes = &v.map.lanes;
    let stage_items = |o: &mut String, list: &[Item]| {
        o.push_str("<span class=\"scope\">");
        esc(o, labels.stage_wide);
        o.push_str("</span>");
        items(o, list, labels);
    };
    let tp_items = |o: &mut String, list: &[Item]| {
        if !list.is_empty() {
            items(o, list, labels);
        }
    };
    paired_lane(
        v,
        o,
        &Paired {
            class: "lane-pains pains",
            second: "pains",
            label: labels.pain_points,
            stage: &|s| !s.pain_points.is_empty(),
            stage_cell: &|o, s| stage_items(o, &s.pain_points),
            touchpoints: lanes.pain_points,
            tp_cell: &|o, t| tp_items(o, &t.pain_points),
        },
    );
    paired_lane(
        v,
        o,
        &Paired {
            class: "lane-opportunities opps",
            second: "opps",
            label: labels.opportunities,
            stage: &|s| !s.opportunities.is_empty(),
            stage_cell: &|o, s| stage_items(o, &s.opportunities),
            touchpoints: lanes.opportunities,
            tp_cell: &|o, t| tp_items(o, &t.opportunities),
        },
    );
}

/// The stages' KPIs and own metrics, and the touchpoints' metrics: the
/// registry's as shown (value, change, trend, target), else the free ones.
fn kpi_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let measured: std::collections::HashMap<&str, &[MetricShown]> = v
        .map
        .stages
        .iter()
        .flat_map(|s| s.touchpoints)
        .filter(|t| !t.metrics.is_empty())
        .map(|t| (t.tp.key.as_str(), t.metrics.as_slice()))
        .collect();
    let stage_metrics = &v.present.stage_metrics;
    paired_lane(
        v,
        o,
        &Paired {
            class: "lane-kpis",
            second: "lane-metrics",
            label: labels.kpis_metrics,
            stage: &|s| !s.kpis.is_empty() || stage_metrics.contains_key(&s.key),
            stage_cell: &|o, s| {
                o.push_str("<span class=\"scope\">");
                esc(
                    o,
                    if s.kpis.is_empty() {
                        labels.stage_wide
                    } else {
                        labels.kpis
                    },
                );
                o.push_str("</span>");
                plain(o, &s.kpis, "plain");
                if let Some(list) = stage_metrics.get(&s.key) {
                    metric_list(o, list, labels);
                }
            },
            touchpoints: v.map.lanes.metrics,
            tp_cell: &|o, t| {
                if let Some(list) = measured.get(t.key.as_str()) {
                    metric_list(o, list, labels);
                } else if !t.metrics.is_empty() {
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
            },
        },
    );
    funnel_lane(v, o);
}

/// Registry metrics at a place: each value with its unit, its change since
/// the previous period and a trend line, and whether it meets its target
/// (a ✓ or ✗ and the words, not colour alone).
fn metric_list(o: &mut String, list: &[MetricShown], labels: &crate::locale::Labels) {
    o.push_str("<dl class=\"metrics measured\">");
    for m in list {
        o.push_str("<div><dt>");
        esc(o, &m.name);
        if let Some(p) = &m.persona {
            o.push_str(" <span class=\"who\">");
            esc(o, p);
            o.push_str("</span>");
        }
        o.push_str("</dt><dd title=\"");
        esc(o, &m.trend);
        for part in [
            &m.period,
            &m.n.as_ref().map(|n| format!("{} {n}", labels.sample)),
            &m.source,
        ]
        .into_iter()
        .flatten()
        {
            o.push_str(" · ");
            esc(o, part);
        }
        o.push_str("\"><span class=\"mv\">");
        esc(o, &m.value);
        o.push_str("</span>");
        if !m.change.is_empty() {
            o.push_str(" <span class=\"chg ");
            o.push_str(m.direction);
            o.push_str("\">");
            esc(o, &m.change);
            o.push_str("</span>");
        }
        if let Some(points) = &m.spark {
            o.push_str(" <svg class=\"spark\" viewBox=\"0 0 ");
            o.push_str(&crate::present::num(SPARK_W));
            o.push(' ');
            o.push_str(&crate::present::num(SPARK_H));
            o.push_str("\" width=\"");
            o.push_str(&crate::present::num(SPARK_W));
            o.push_str("\" height=\"");
            o.push_str(&crate::present::num(SPARK_H));
            o.push_str("\" aria-hidden=\"true\"><polyline points=\"");
            esc(o, points);
            o.push_str("\"/></svg>");
        }
        if let (Some(t), Some(met)) = (&m.target, m.met) {
            o.push_str(if met {
                " <span class=\"badge met\">✓ "
            } else {
                " <span class=\"badge missed\">✗ "
            });
            esc(o, labels.target);
            o.push(' ');
            esc(o, t);
            o.push_str("<span class=\"sr-only\"> (");
            esc(
                o,
                if met {
                    labels.target_met
                } else {
                    labels.target_missed
                },
            );
            o.push_str(")</span></span>");
        }
        o.push_str("</dd></div>");
    }
    o.push_str("</dl>");
}

/// Under the stages: each funnel metric's count at the stage and the share
/// that goes on to the next stage, the biggest drop marked.
fn funnel_lane(v: &View, o: &mut Out) {
    if !v.map.lanes.funnel {
        return;
    }
    let labels = v.present.labels;
    lane_head(o, "funnel", labels.funnel);
    stage_cells(o, &v.map.stages, |o, s| {
        for c in &s.funnel {
            o.push_str("<div class=\"fstep");
            if c.biggest {
                o.push_str(" biggest");
            }
            o.push_str("\"><span class=\"fname\">");
            esc(o, &c.metric);
            o.push_str("</span> <span class=\"fv\">");
            esc(o, &c.value);
            o.push_str("</span>");
            if let Some(on) = &c.onward {
                o.push_str(" <span class=\"onward\">→ ");
                esc(o, on);
                o.push_str(" <span class=\"sr-only\">");
                esc(o, labels.onward);
                o.push_str("</span></span>");
            }
            if c.biggest {
                o.push_str(" <span class=\"big\">▼ ");
                esc(o, labels.biggest_drop);
                o.push_str("</span>");
            }
            o.push_str("</div>");
        }
    });
    o.push_str("</tr>\n");
}

/// One paired lane: one row, or two where some stage has stage-wide content.
fn paired_lane(v: &View, o: &mut Out, lane: &Paired) {
    let stages = &v.map.stages;
    let by_stage = stages.iter().any(|s| (lane.stage)(s.stage));
    if !(by_stage || lane.touchpoints) {
        return;
    }
    let two = by_stage && lane.touchpoints;
    o.push_str("<tr class=\"");
    o.push_str(lane.class);
    o.push_str("\"><th scope=\"row\" class=\"lane\"");
    if two {
        o.push_str(" rowspan=\"2\"");
    }
    o.push('>');
    esc(o, lane.label);
    o.push_str("</th>\n");
    if !by_stage {
        tp_cells(o, stages, 1, lane.tp_cell);
        o.push_str("</tr>\n");
        return;
    }
    for (i, s) in stages.iter().enumerate() {
        let last = i + 1 == stages.len();
        if (lane.stage)(s.stage) || !two {
            o.push_str("<td colspan=\"");
            usize(o, s.look.span);
            o.push('"');
            end_class(o, last);
            o.push('>');
            if (lane.stage)(s.stage) {
                (lane.stage_cell)(o, s.stage);
            }
            o.push_str("</td>\n");
        } else {
            stage_tp_cells(o, s, last, 2, lane.tp_cell);
        }
    }
    o.push_str("</tr>\n");
    if two {
        o.push_str("<tr class=\"");
        o.push_str(lane.second);
        o.push_str("\">");
        for (i, s) in stages.iter().enumerate() {
            if (lane.stage)(s.stage) {
                stage_tp_cells(o, s, i + 1 == stages.len(), 1, lane.tp_cell);
            }
        }
        o.push_str("</tr>\n");
    }
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
        usize(o, s.look.span);
        o.push('"');
        end_class(o, i + 1 == stages.len());
        o.push('>');
        cell(o, s);
        o.push_str("</td>\n");
    }
}

/// One cell per touchpoint column (an empty one for a stage without touchpoints).
fn tp_cells(
    o: &mut Out,
    stages: &[StageView],
    rows: usize,
    cell: &dyn Fn(&mut String, &Touchpoint),
) {
    for (i, s) in stages.iter().enumerate() {
        stage_tp_cells(o, s, i + 1 == stages.len(), rows, cell);
    }
}

/// The touchpoint cells of one stage, each spanning `rows` rows.
fn stage_tp_cells(
    o: &mut Out,
    s: &StageView,
    last_stage: bool,
    rows: usize,
    cell: &dyn Fn(&mut String, &Touchpoint),
) {
    let n = s.touchpoints.len();
    for (j, t) in s.touchpoints.iter().enumerate() {
        td(o, t.tp, j + 1 == n, rows);
        cell(o, t.tp);
        o.push_str("</td>\n");
        o.spill();
    }
    if n == 0 {
        o.push_str("<td");
        if rows > 1 {
            o.push_str(" rowspan=\"");
            usize(o, rows);
            o.push('"');
        }
        end_class(o, last_stage);
        o.push_str("></td>\n");
    }
}

/// The opening `<td>` of a touchpoint cell: moment of truth, the stage's last
/// column, and the rows it spans.
fn td(o: &mut String, tp: &Touchpoint, last: bool, rows: usize) {
    o.push_str("<td");
    if rows > 1 {
        o.push_str(" rowspan=\"");
        usize(o, rows);
        o.push('"');
    }
    match (tp.moment_of_truth, last) {
        (true, true) => o.push_str(" class=\"mot end\">"),
        (true, false) => o.push_str(" class=\"mot\">"),
        (false, true) => o.push_str(" class=\"end\">"),
        (false, false) => o.push('>'),
    }
}

/// A lane with one cell per touchpoint column.
fn lane(
    o: &mut Out,
    stages: &[StageView],
    class: &str,
    label: &str,
    cell: impl Fn(&mut String, &Touchpoint),
) {
    lane_head(o, class, label);
    tp_cells(o, stages, 1, &cell);
    o.push_str("</tr>\n");
}

/// The lane of touchpoint names: the column headers of the grid.
fn touchpoint_names(o: &mut Out, v: &View) {
    let labels = v.present.labels;
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
            usize(o, s.look.hue);
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

fn touchpoint_name(o: &mut String, v: &View, s: &StageView, t: &TpLook, last: bool) {
    let labels = v.present.labels;
    let tp = t.tp;
    o.push_str("<th scope=\"col\" id=\"");
    esc(o, &t.dom);
    o.push_str("\" class=\"tp h");
    usize(o, s.look.hue);
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
    detail_links(o, v, &s.stage.key, Some(&tp.key));
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
            palette(o, v.present.persona(pid).map(|st| st.color));
            o.push_str("\"><span class=\"dot\" aria-hidden=\"true\"></span>");
            if let Some(p) = v.journey.persona(pid) {
                esc(o, &p.name);
            }
            o.push_str("</span>");
        }
        o.push_str("</span>");
    }
    o.push_str("</th>\n");
}
