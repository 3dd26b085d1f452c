//! Every built-in word of the outputs, per locale (`locale: en | ja`): the map's
//! labels (`Labels`, read by templates as `labels.NAME`) and the words of the
//! diff reports (`DiffWords`). The English table is in `en.rs`, the Japanese one
//! in `ja.rs`; a word added to a struct must be added to both (the compiler
//! says so). The words of diagnostics and of the command line are not here:
//! they are in the message catalogue.

mod en;
mod ja;

use crate::model::Locale;
use serde::Serialize;

/// Built-in words of the outputs, per locale.
#[derive(Serialize)]
pub struct Labels {
    pub lang: &'static str,
    /// What goes between two sentences: a space, or nothing in Japanese.
    pub sentence_gap: &'static str,
    /// What separates the parts of a list in running text: `, ` or `、`.
    pub list_sep: &'static str,
    /// The portfolio page (SPEC.md §7).
    pub unaddressed_col: &'static str,
    pub open_col: &'static str,
    pub priority: &'static str,
    pub portfolio: &'static str,
    pub journeys_heading: &'static str,
    pub root_folder: &'static str,
    pub hierarchy: &'static str,
    pub pairs: &'static str,
    pub backlog: &'static str,
    pub matrix: &'static str,
    pub impact: &'static str,
    pub effort: &'static str,
    pub status: &'static str,
    pub status_idea: &'static str,
    pub status_planned: &'static str,
    pub status_in_progress: &'static str,
    pub status_done: &'static str,
    pub ticket: &'static str,
    pub personas_across: &'static str,
    pub shared_stages: &'static str,
    pub open_opportunities: &'static str,
    pub unaddressed_short: &'static str,
    pub warnings_short: &'static str,
    pub lowest_short: &'static str,
    pub compare_cmd: &'static str,
    pub failed_specs: &'static str,
    pub errors_short: &'static str,
    pub unrated: &'static str,
    pub journey: &'static str,
    pub details_of: &'static str,
    pub no_backlog: &'static str,
    /// Journeys that name each other (SPEC.md §7).
    pub details: &'static str,
    pub part_of: &'static str,
    pub compared_with: &'static str,
    pub trails: &'static str,
    pub trails_by: &'static str,
    pub ours: &'static str,
    pub all_journeys: &'static str,
    /// Measured data (SPEC.md §6).
    pub measured: &'static str,
    pub registry: &'static str,
    pub metric_target: &'static str,
    pub description: &'static str,
    pub survey_scale: &'static str,
    pub measured_at: &'static str,
    pub target: &'static str,
    pub target_met: &'static str,
    pub target_missed: &'static str,
    pub funnel: &'static str,
    pub onward: &'static str,
    pub biggest_drop: &'static str,
    pub off_target: &'static str,
    pub funnel_steps: &'static str,
    pub assumption_gaps: &'static str,
    pub assumed_short: &'static str,
    pub measured_short: &'static str,
    pub period: &'static str,
    pub sample: &'static str,
    pub metric: &'static str,
    pub value: &'static str,
    pub personas: &'static str,
    pub stages: &'static str,
    pub stage: &'static str,
    /// The CSV's column of stage keys (the ids data files name).
    pub stage_id: &'static str,
    pub channels: &'static str,
    pub touchpoints: &'static str,
    pub touchpoint: &'static str,
    /// The CSV's column of touchpoint keys.
    pub touchpoint_id: &'static str,
    pub channel: &'static str,
    pub goal: &'static str,
    pub questions: &'static str,
    pub kpis: &'static str,
    pub action: &'static str,
    pub thought: &'static str,
    pub emotion: &'static str,
    /// The emotion measured by an `emotion` metric.
    pub measured_emotion: &'static str,
    /// A CSV column for one persona: `{column}` is the column's word
    /// (`Emotion`, a metric), `{persona}` the persona's name.
    pub of_persona: &'static str,
    pub feeling: &'static str,
    pub pain_points: &'static str,
    pub opportunities: &'static str,
    pub owner: &'static str,
    pub backstage: &'static str,
    pub evidence: &'static str,
    pub metrics: &'static str,
    pub moment_of_truth: &'static str,
    pub goals: &'static str,
    pub needs: &'static str,
    pub pains: &'static str,
    pub role: &'static str,
    pub segment: &'static str,
    pub attributes: &'static str,
    pub version: &'static str,
    pub state: &'static str,
    pub current: &'static str,
    pub future: &'static str,
    pub tags: &'static str,
    pub scale: &'static str,
    pub loop_to: &'static str,
    pub priority_high: &'static str,
    pub priority_medium: &'static str,
    pub priority_low: &'static str,
    /// An item's priority and owner after its text, in a CSV cell: `{details}`
    /// is `item_priority` and `item_owner` (those it has), joined by `item_details_sep`.
    pub item_details: &'static str,
    pub item_details_sep: &'static str,
    pub item_priority: &'static str,
    pub item_owner: &'static str,
    pub insights: &'static str,
    pub lowest_moments: &'static str,
    pub biggest_drops: &'static str,
    pub unaddressed_pains: &'static str,
    pub divergence: &'static str,
    pub coverage: &'static str,
    pub unused_channels: &'static str,
    pub evidence_coverage: &'static str,
    pub moments_of_truth: &'static str,
    pub stage_summary: &'static str,
    /// Heading of the Mermaid diagram in the Markdown output.
    pub journey_overview: &'static str,
    /// Under the Mermaid diagram; `{min}` and `{max}` are the spec's scale.
    pub diagram_note: &'static str,
    /// Under the Mermaid diagram when personas feel differently at some touchpoint.
    pub diagram_split_note: &'static str,
    pub mean: &'static str,
    pub min: &'static str,
    pub max: &'static str,
    pub count: &'static str,
    pub no_emotions: &'static str,
    pub none: &'static str,
    pub all_personas: &'static str,
    pub generated_by: &'static str,
    pub persona: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub drop: &'static str,
    pub spread: &'static str,
    pub journey_map: &'static str,
    pub emotion_curve: &'static str,
    pub evidence_backed: &'static str,
    pub assumed: &'static str,
    pub positive: &'static str,
    pub negative: &'static str,
    pub legend: &'static str,
    pub curve_table: &'static str,
    pub stage_wide: &'static str,
    pub loops_back_to: &'static str,
    pub loop_target: &'static str,
    pub no_touchpoints: &'static str,
    pub scroll_hint: &'static str,
    pub skip_to_map: &'static str,
    /// In a `--persona` view, before the persona's name.
    pub seen_by: &'static str,
    /// The link from a `--persona` view to the map of every persona.
    pub full_map: &'static str,
    pub contents: &'static str,
    pub kpis_metrics: &'static str,
    pub kind_online: &'static str,
    pub kind_offline: &'static str,
    pub kind_mobile: &'static str,
    pub kind_social: &'static str,
    pub kind_email: &'static str,
    pub kind_phone: &'static str,
    pub kind_in_person: &'static str,
    pub kind_other: &'static str,
}

/// The map's labels of `locale`.
#[must_use]
pub fn labels(locale: Locale) -> &'static Labels {
    match locale {
        Locale::En => &en::LABELS,
        Locale::Ja => &ja::LABELS,
    }
}

impl Labels {
    /// The word for a priority (`high`, `medium`, `low`), as `labels["priority_" ~ p]`.
    #[must_use]
    pub fn priority(&self, p: &str) -> &'static str {
        match p {
            "high" => self.priority_high,
            "medium" => self.priority_medium,
            _ => self.priority_low,
        }
    }

    /// The word for a channel kind, as `labels["kind_" ~ kind]`.
    #[must_use]
    pub fn kind(&self, kind: &str) -> &'static str {
        match kind {
            "online" => self.kind_online,
            "offline" => self.kind_offline,
            "mobile" => self.kind_mobile,
            "social" => self.kind_social,
            "email" => self.kind_email,
            "phone" => self.kind_phone,
            "in_person" => self.kind_in_person,
            _ => self.kind_other,
        }
    }
}

/// The words of the diff reports, in the new journey's locale.
///
/// Templates read them as `labels.NAME`; `{stage}`, `{old}` and `{new}` are
/// filled in by the templates (after escaping what they put in).
#[derive(Serialize)]
pub struct DiffWords {
    pub lang: &'static str,
    pub title: &'static str,
    pub no_changes: &'static str,
    pub details_changed: &'static str,
    pub compared: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub change: &'static str,
    pub journey: &'static str,
    pub field: &'static str,
    pub stage: &'static str,
    pub touchpoint: &'static str,
    pub all_personas: &'static str,
    pub emotion_by_stage: &'static str,
    pub lowest_moment: &'static str,
    pub personas: &'static str,
    pub channels: &'static str,
    pub changes: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub renamed_from: &'static str,
    pub moved_from: &'static str,
    pub moved_to: &'static str,
    pub moved_within: &'static str,
    pub pain_resolved: &'static str,
    pub pain_added: &'static str,
    pub opportunity_added: &'static str,
    pub opportunity_removed: &'static str,
    pub kpi_added: &'static str,
    pub kpi_removed: &'static str,
    pub persona_added: &'static str,
    pub persona_removed: &'static str,
    pub channel_added: &'static str,
    pub channel_removed: &'static str,
    pub metrics: &'static str,
    pub also_changed: &'static str,
    pub feeling: &'static str,
    pub channel: &'static str,
    pub none: &'static str,
    pub improved: &'static str,
    pub worse: &'static str,
    pub mixed: &'static str,
    pub rescaled: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub legend_old: &'static str,
    pub legend_new: &'static str,
    pub legend_added: &'static str,
    pub legend_removed: &'static str,
    pub legend_moved: &'static str,
    pub chart_table: &'static str,
    pub scroll_hint: &'static str,
    pub generated_by: &'static str,
    /// Punctuation: `: ` / `：`, `, ` / `、`, `; ` / `、`, ` (` / `（`, `)` / `）`.
    pub colon: &'static str,
    pub comma: &'static str,
    pub semicolon: &'static str,
    pub open: &'static str,
    pub close: &'static str,
    /// Names of the fields that `fields` lists can hold.
    #[serde(serialize_with = "as_map")]
    pub fields: &'static [(&'static str, &'static str)],
    #[serde(serialize_with = "as_map")]
    pub priorities: &'static [(&'static str, &'static str)],
    pub current: &'static str,
    pub future: &'static str,
    /// The words of a comparison of two subjects (see [`CompareWords`]).
    pub cmp: CompareWords,
    /// The words of the one-line summary.
    #[serde(skip)]
    pub summary: SummaryWords,
}

/// The words of a diff of two subjects (ours and a competitor's, SPEC.md §7),
/// which compares and never speaks of change: nothing is "resolved",
/// "removed", "improved" or "worse" there. Templates read them as
/// `labels.cmp.NAME` and fill them in with the `fill` filter: `{side}`, `{old}`
/// and `{new}` are the sides' names (a `subject`, or `ours`), `{stage}` and
/// `{name}` spec text, `{n}`, `{m}` and `{scale}` numbers.
#[derive(Serialize)]
pub struct CompareWords {
    pub title: &'static str,
    pub no_differences: &'static str,
    /// The side without a `subject`.
    pub ours: &'static str,
    /// Between the two sides' names and files: `ours (a.yaml) with B (b.yaml)`.
    pub with: &'static str,
    /// Between two values: `ours −1 vs B +1`.
    pub versus: &'static str,
    pub difference: &'static str,
    pub persona: &'static str,
    /// The heading of the stage-by-stage list (a diff of versions says "changes").
    pub by_stage: &'static str,
    /// After a stage or touchpoint that only one side has.
    pub only_in: &'static str,
    /// A stage or touchpoint with the same id and another name on the old side.
    pub named: &'static str,
    /// A touchpoint that sits in another stage on the other side.
    pub in_stage: &'static str,
    /// A chart column whose touchpoint sits in another stage on the old side.
    pub elsewhere: &'static str,
    /// Another place among its neighbours: `{m}` on the old side, `{n}` on the new.
    pub positions: &'static str,
    /// How the old side compares, by `{n}` (the new side is `{new}`).
    pub trails: &'static str,
    pub leads: &'static str,
    pub level: &'static str,
    pub pain_only: &'static str,
    pub opportunity_only: &'static str,
    pub kpi_only: &'static str,
    pub persona_only: &'static str,
    pub channel_only: &'static str,
    pub also_differs: &'static str,
    pub rescaled: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub legend_old: &'static str,
    pub legend_new: &'static str,
}

/// The words of a diff's one-line summary: the nouns counted and what happened to them.
pub struct SummaryWords {
    /// How counts are phrased: `2 touchpoints improved, 1 worse` (`En`),
    /// or `タッチポイント：改善 2・悪化 1` (`Ja`).
    pub style: Locale,
    pub touchpoint: Noun,
    pub stage: Noun,
    pub pain_point: Noun,
    pub opportunity: Noun,
    pub kpi: Noun,
    pub metric: Noun,
    pub persona: Noun,
    pub channel: Noun,
    pub improved: &'static str,
    pub worse: &'static str,
    pub mixed: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub renamed: &'static str,
    pub moved: &'static str,
    pub resolved: &'static str,
    pub changed: &'static str,
    /// Between the groups of the summary.
    pub separator: &'static str,
    /// The summary of a comparison of two subjects.
    pub cmp: CompareCounts,
}

/// The words of the one-line summary of a comparison of two subjects:
/// `Compared with B: trails in 3 stages, leads in 2; 4 touchpoints only in B`,
/// or `【Bと比べたこのジャーニー】ステージ：下回る 3・上回る 2、…`.
pub struct CompareCounts {
    /// Before the counts, when the old side is ours (`{new}`: the other side's name).
    pub prefix: &'static str,
    /// Before the counts, when the old side has a subject too (`{old}`, `{new}`).
    pub prefix_named: &'static str,
    /// Between the groups.
    pub separator: &'static str,
    /// When only the journeys' own details differ.
    pub details: &'static str,
    /// The old side is lower (`trails`), higher (`leads`), or both by persona (`mixed`).
    pub trails: Phrase,
    pub leads: Phrase,
    pub mixed: Phrase,
    /// `{side}`: the side's name.
    pub only_in: Phrase,
    pub named: Phrase,
    pub placed: Phrase,
    pub differing: Phrase,
}

/// One count of a comparison's summary. `En`: the first count of a group is
/// `head`, the others `tail`, with `{n}`, `{noun}` and `{side}` filled in.
/// `Ja`: the group's noun, then each count's `tail` (`{n}`, `{side}`).
pub struct Phrase {
    pub head: &'static str,
    pub tail: &'static str,
}

/// A noun in the singular and the plural (the same word in Japanese).
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

/// The diff words of `locale`.
#[must_use]
pub fn diff_words(locale: Locale) -> &'static DiffWords {
    match locale {
        Locale::En => &en::DIFF,
        Locale::Ja => &ja::DIFF,
    }
}

fn as_map<S: serde::Serializer>(pairs: &[(&str, &str)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().copied())
}

#[cfg(test)]
mod lookup_tests {
    use super::*;

    /// `kind` and `priority` agree with the fields templates reach by name,
    /// for every value the spec accepts.
    #[test]
    fn lookups_match_the_named_fields() {
        for locale in [Locale::En, Locale::Ja] {
            let l = labels(locale);
            let json = serde_json::to_value(l).unwrap();
            for k in crate::spec::keys::CHANNEL_KINDS {
                assert_eq!(json[format!("kind_{k}")], l.kind(k), "{k}");
            }
            for p in crate::spec::keys::PRIORITIES {
                assert_eq!(json[format!("priority_{p}")], l.priority(p), "{p}");
            }
        }
    }
}
