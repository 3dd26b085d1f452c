//! The one-line summary of a diff, in the new journey's locale (its words are
//! in the locale catalogue, `crate::locale`).

use super::changes::{ChangeSet, Summary};
use crate::locale::{Noun, SummaryWords, diff_words};
use crate::model::Locale;

/// One count of the summary: how many, of what, and what happened to them.
type Count = (usize, &'static Noun, &'static str);

fn groups(s: &Summary, w: &'static SummaryWords) -> Vec<Vec<Count>> {
    let (tp, st, pp, op) = (&w.touchpoint, &w.stage, &w.pain_point, &w.opportunity);
    let (kp, me, pe, ch) = (&w.kpi, &w.metric, &w.persona, &w.channel);
    vec![
        vec![
            (s.touchpoints_improved, tp, w.improved),
            (s.touchpoints_worse, tp, w.worse),
            (s.touchpoints_mixed, tp, w.mixed),
            (s.touchpoints_added, tp, w.added),
            (s.touchpoints_removed, tp, w.removed),
            (s.touchpoints_renamed, tp, w.renamed),
            (s.touchpoints_moved, tp, w.moved),
        ],
        vec![
            (s.stages_added, st, w.added),
            (s.stages_removed, st, w.removed),
            (s.stages_renamed, st, w.renamed),
            (s.stages_moved, st, w.moved),
        ],
        vec![
            (s.pain_points_resolved, pp, w.resolved),
            (s.pain_points_added, pp, w.added),
        ],
        vec![
            (s.opportunities_added, op, w.added),
            (s.opportunities_removed, op, w.removed),
        ],
        vec![(s.kpis_added, kp, w.added), (s.kpis_removed, kp, w.removed)],
        vec![(s.metrics_changed, me, w.changed)],
        vec![
            (s.personas_added, pe, w.added),
            (s.personas_removed, pe, w.removed),
            (s.personas_changed, pe, w.changed),
        ],
        vec![
            (s.channels_added, ch, w.added),
            (s.channels_removed, ch, w.removed),
            (s.channels_changed, ch, w.changed),
        ],
    ]
}

/// One group of counts: `2 touchpoints improved, 1 worse` or `タッチポイント：改善 2・悪化 1`.
fn phrase(counts: &[&Count], style: Locale) -> String {
    match style {
        Locale::En => counts
            .iter()
            .enumerate()
            .map(|(i, &&(n, noun, verb))| {
                if i == 0 {
                    format!("{n} {} {verb}", if n == 1 { noun.one } else { noun.many })
                } else {
                    format!("{n} {verb}")
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
        Locale::Ja => format!(
            "{}：{}",
            counts[0].1.one,
            counts
                .iter()
                .map(|c| format!("{} {}", c.2, c.0))
                .collect::<Vec<_>>()
                .join("・")
        ),
    }
}

/// The one-line summary: "2 touchpoints improved, 1 worse, 1 stage added, 3 pain points resolved".
#[must_use]
pub fn summary_line(set: &ChangeSet, locale: Locale) -> String {
    let w = diff_words(locale);
    if !set.changed {
        return w.no_changes.to_owned();
    }
    let parts: Vec<String> = groups(&set.summary, &w.summary)
        .iter()
        .filter_map(|group| {
            let counts: Vec<&Count> = group.iter().filter(|c| c.0 > 0).collect();
            (!counts.is_empty()).then(|| phrase(&counts, w.summary.style))
        })
        .collect();
    if parts.is_empty() {
        return w.details_changed.to_owned();
    }
    parts.join(w.summary.separator)
}
