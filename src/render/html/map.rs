//! The map grid: stage bands, lanes and touchpoint columns.

use super::curve::curve;
use super::out::{Out, attrs, end_class, esc, items, palette, plain, scalar, td, usize};
use crate::model::{Item, Stage, Touchpoint};
use crate::present::TpLook;
use crate::view::{StageView, View};

/// The map grid, from `<table class="map">` to `</table>`.
pub fn map_table(v: &View, o: &mut Out) {
    head(v, o);
    stage_lanes(v, o);
    touchpoint_names(o, v);
    text_lanes(v, o);
    curve_lane(v, o);
    feeling_lane(v, o);
    item_lanes(v, o);
    team_lanes(v, o);
    kpi_lanes(v, o);
    evidence_lane(v, o);
    o.push_str("</tbody>\n</table>");
}

/// The caption, the column groups and the stage bands (with the loop arrow above them).
fn head(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
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
        usize(o, s.look.span);
        o.push_str("\"></colgroup>");
    }
    o.push_str("\n<thead>\n");
    loop_row(v, o);
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
        o.push_str("</th>\n");
    }
    o.push_str("</tr>\n</thead>\n<tbody>\n");
}

/// The arrow back to the `loop_to` stage, over the stage bands.
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

/// What the customer does and thinks.
fn text_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
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
}

/// The emotion curve with its axis.
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
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
    if lanes.feeling {
        lane(o, stages, "feeling", labels.feeling, |o, t| {
            if let Some(f) = &t.feeling
                && t.emotion.is_empty()
            {
                esc(o, f);
            }
        });
    }
}

/// Pain points and opportunities: the stage-wide ones, then the touchpoints'.
fn item_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let lanes = &v.map.lanes;
    let pains = ItemLane {
        stage: lanes.stage_pain_points,
        touchpoint: lanes.pain_points,
        class: "lane-pains pains",
        short: "pains",
        label: labels.pain_points,
        of_stage: |s| &s.pain_points,
        of_touchpoint: |t| &t.pain_points,
    };
    let opportunities = ItemLane {
        stage: lanes.stage_opportunities,
        touchpoint: lanes.opportunities,
        class: "lane-opportunities opps",
        short: "opps",
        label: labels.opportunities,
        of_stage: |s| &s.opportunities,
        of_touchpoint: |t| &t.opportunities,
    };
    for lane in [pains, opportunities] {
        item_lane(v, o, &lane);
    }
}

/// A lane of items: which rows it has, how it is labelled, where its items are.
struct ItemLane {
    stage: bool,
    touchpoint: bool,
    class: &'static str,
    short: &'static str,
    label: &'static str,
    of_stage: fn(&Stage) -> &[Item],
    of_touchpoint: fn(&Touchpoint) -> &[Item],
}

/// One lane of items: a row of stage-wide items, a row of the touchpoints', or both.
fn item_lane(v: &View, o: &mut Out, lane: &ItemLane) {
    let labels = v.present.labels;
    let stages = &v.map.stages;
    if !(lane.stage || lane.touchpoint) {
        return;
    }
    o.push_str("<tr class=\"");
    o.push_str(lane.class);
    o.push_str("\"><th scope=\"row\" class=\"lane\"");
    if lane.stage && lane.touchpoint {
        o.push_str(" rowspan=\"2\"");
    }
    o.push('>');
    esc(o, lane.label);
    o.push_str("</th>\n");
    if lane.stage {
        stage_cells(o, stages, |o, s| {
            let list = (lane.of_stage)(s.stage);
            if !list.is_empty() {
                o.push_str("<span class=\"scope\">");
                esc(o, labels.stage_wide);
                o.push_str("</span>");
                items(o, list, labels);
            }
        });
        o.push_str("</tr>\n");
        if lane.touchpoint {
            o.push_str("<tr class=\"");
            o.push_str(lane.short);
            o.push_str("\">");
        }
    }
    if lane.touchpoint {
        tp_cells(o, stages, |o, t| {
            let list = (lane.of_touchpoint)(t);
            if !list.is_empty() {
                items(o, list, labels);
            }
        });
        o.push_str("</tr>\n");
    }
}

/// What happens backstage and who owns each touchpoint.
fn team_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
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
}

/// The stages' KPIs and the touchpoints' metrics.
fn kpi_lanes(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
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
}

/// The research behind each touchpoint.
fn evidence_lane(v: &View, o: &mut Out) {
    let labels = v.present.labels;
    let map = &v.map;
    let lanes = &map.lanes;
    let stages = &map.stages;
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
