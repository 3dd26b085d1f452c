//! The one-line summary of a diff, in the new journey's locale (its words are
//! in the locale catalogue, `crate::locale`).

use super::changes::{ChangeSet, Summary};
use super::comparison::{Subjects, Tally, tally};
use crate::locale::{CompareCounts, Noun, Phrase, SummaryWords, diff_words};
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

/// The one-line summary: "2 touchpoints improved, 1 worse, 1 stage added, 3 pain points resolved",
/// or for a comparison of two subjects "Compared with B: trails in 3 stages, leads in 2; …".
#[must_use]
pub fn summary_line(set: &ChangeSet, locale: Locale) -> String {
    let w = diff_words(locale);
    if let Some(subjects) = &set.subjects {
        return comparison_line(set, subjects, locale);
    }
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

/// One count of a comparison's summary: how many, of what, in which words,
/// and the side it is about (for `{side}`).
type Tallied<'a> = (usize, &'static Noun, &'static Phrase, Option<&'a str>);

fn comparison_groups<'a>(
    t: &Tally,
    w: &'static SummaryWords,
    (old, new): (&'a str, &'a str),
) -> Vec<Vec<Tallied<'a>>> {
    let c: &'static CompareCounts = &w.cmp;
    let (tp, st, pp, op) = (&w.touchpoint, &w.stage, &w.pain_point, &w.opportunity);
    let (kp, me, pe, ch) = (&w.kpi, &w.metric, &w.persona, &w.channel);
    let (o, n) = (Some(old), Some(new));
    vec![
        vec![
            (t.stages_new_higher, st, &c.trails, None),
            (t.stages_old_higher, st, &c.leads, None),
            (t.stages_mixed, st, &c.mixed, None),
            (t.stages_only_old, st, &c.only_in, o),
            (t.stages_only_new, st, &c.only_in, n),
            (t.stages_name_differs, st, &c.named, None),
            (t.stages_place_differs, st, &c.placed, None),
        ],
        vec![
            (t.touchpoints_new_higher, tp, &c.trails, None),
            (t.touchpoints_old_higher, tp, &c.leads, None),
            (t.touchpoints_mixed, tp, &c.mixed, None),
            (t.touchpoints_only_old, tp, &c.only_in, o),
            (t.touchpoints_only_new, tp, &c.only_in, n),
            (t.touchpoints_name_differs, tp, &c.named, None),
            (t.touchpoints_place_differs, tp, &c.placed, None),
        ],
        vec![
            (t.pain_points_only_old, pp, &c.only_in, o),
            (t.pain_points_only_new, pp, &c.only_in, n),
        ],
        vec![
            (t.opportunities_only_old, op, &c.only_in, o),
            (t.opportunities_only_new, op, &c.only_in, n),
        ],
        vec![
            (t.kpis_only_old, kp, &c.only_in, o),
            (t.kpis_only_new, kp, &c.only_in, n),
        ],
        vec![(t.metrics_differ, me, &c.differing, None)],
        vec![
            (t.personas_only_old, pe, &c.only_in, o),
            (t.personas_only_new, pe, &c.only_in, n),
            (t.personas_differ, pe, &c.differing, None),
        ],
        vec![
            (t.channels_only_old, ch, &c.only_in, o),
            (t.channels_only_new, ch, &c.only_in, n),
            (t.channels_differ, ch, &c.differing, None),
        ],
    ]
}

/// `words` with `{n}`, `{noun}` and `{side}` filled in, in one pass.
fn fill_count(words: &str, (n, noun, _, side): &Tallied) -> String {
    let noun = if *n == 1 { noun.one } else { noun.many };
    super::fill::fill(
        words,
        &[
            ("n", &n.to_string()),
            ("noun", noun),
            ("side", side.unwrap_or("")),
        ],
    )
}

/// One group of a comparison's counts: `trails in 3 stages, leads in 2` or
/// `ステージ：下回る 3・上回る 2`.
fn comparison_phrase(counts: &[&Tallied], style: Locale) -> String {
    match style {
        Locale::En => counts
            .iter()
            .enumerate()
            .map(|(i, c)| fill_count(if i == 0 { c.2.head } else { c.2.tail }, c))
            .collect::<Vec<_>>()
            .join(", "),
        Locale::Ja => format!(
            "{}：{}",
            counts[0].1.one,
            counts
                .iter()
                .map(|c| fill_count(c.2.tail, c))
                .collect::<Vec<_>>()
                .join("・")
        ),
    }
}

/// The summary of a comparison of two subjects, from the old side's point of
/// view: "Compared with B: trails in 3 stages, leads in 2; 4 touchpoints only in B".
fn comparison_line(set: &ChangeSet, subjects: &Subjects, locale: Locale) -> String {
    let w = diff_words(locale);
    if !set.changed {
        return w.cmp.no_differences.to_owned();
    }
    let (old, new) = subjects.names(w.cmp.ours);
    let c = &w.summary.cmp;
    let prefix = if subjects.old.is_some() {
        c.prefix_named
    } else {
        c.prefix
    };
    let prefix = super::fill::fill(prefix, &[("old", &old), ("new", &new)]);
    let parts: Vec<String> = comparison_groups(&tally(set), &w.summary, (&old, &new))
        .iter()
        .filter_map(|group| {
            let counts: Vec<&Tallied> = group.iter().filter(|c| c.0 > 0).collect();
            (!counts.is_empty()).then(|| comparison_phrase(&counts, w.summary.style))
        })
        .collect();
    if parts.is_empty() {
        return format!("{prefix}{}", c.details);
    }
    format!("{prefix}{}", parts.join(c.separator))
}
