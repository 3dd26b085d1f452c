//! Lints: rules over the validated journey that flag gaps in the map, each
//! with a name, a stable code and a default level (SPEC.md §4).

use crate::diagnostic::{Diagnostic, Severity};
use crate::message::{LintFinding, Message, Why};
use crate::model::{Journey, Num, Touchpoint};
use crate::source::Span;

/// How a lint is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    #[must_use]
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// One lint: everything about it in one entry, which the runner, `-A/-W/-D`,
/// the `lints:` check, the JSON Schema and the tests all read.
#[derive(Debug)]
pub struct Lint {
    pub name: &'static str,
    pub code: &'static str,
    pub default: Level,
    /// What it finds, for `--help` and the docs.
    pub summary: &'static str,
    /// Push a finding for every place in the journey the lint flags.
    pub check: fn(&Journey, &mut Vec<Finding>),
}

/// Every lint, in code order.
pub const LINTS: &[Lint] = &[
    Lint {
        name: "negative-without-opportunity",
        code: "JM1001",
        default: Level::Warn,
        summary: "a touchpoint whose emotion is below the scale's midpoint has no opportunity (on it or on its stage)",
        check: negative_without_opportunity,
    },
    Lint {
        name: "empty-stage",
        code: "JM1002",
        default: Level::Warn,
        summary: "a stage with no touchpoints",
        check: empty_stage,
    },
    Lint {
        name: "unused-persona",
        code: "JM1003",
        default: Level::Warn,
        summary: "a persona that no touchpoint involves",
        check: unused_persona,
    },
    Lint {
        name: "unused-channel",
        code: "JM1004",
        default: Level::Warn,
        summary: "a channel that no touchpoint uses",
        check: unused_channel,
    },
    Lint {
        name: "missing-emotion",
        code: "JM1005",
        default: Level::Warn,
        summary: "some touchpoints of a stage have an emotion and others do not (the curve has a gap)",
        check: missing_emotion,
    },
    Lint {
        name: "pain-without-opportunity",
        code: "JM1006",
        default: Level::Warn,
        summary: "a stage lists pain points but no opportunity (on the stage or its touchpoints)",
        check: pain_without_opportunity,
    },
    Lint {
        name: "no-evidence",
        code: "JM1007",
        default: Level::Allow,
        summary: "a touchpoint without evidence",
        check: no_evidence,
    },
    Lint {
        name: "metric-off-target",
        code: "JM1008",
        default: Level::Warn,
        summary: "a registry metric's latest value misses its target",
        check: metric_off_target,
    },
    Lint {
        name: "assumption-gap",
        code: "JM1009",
        default: Level::Warn,
        summary: "a touchpoint's measured emotion differs from the assumed one by a quarter of the scale or more",
        check: assumption_gap,
    },
    Lint {
        name: "unmeasured-metric",
        code: "JM1010",
        default: Level::Warn,
        summary: "a registry metric with no value anywhere",
        check: unmeasured_metric,
    },
    Lint {
        name: "hashtag-comment",
        code: "JM1011",
        default: Level::Warn,
        summary: "a ` #` followed by a word after plain text: YAML reads it as a comment and drops it (a hashtag?)",
        check: hashtag_comment,
    },
    Lint {
        name: "comma-split-number",
        code: "JM1012",
        default: Level::Warn,
        summary: "a flow list item ending in a digit, then one starting with three: a number like 4,400 split in two",
        check: comma_split_number,
    },
];

/// The names of [`LINTS`], in the same order: what a spec's `lints:` may set
/// (the pipeline hands them to `analyze`, which must not depend on this module).
pub const NAMES: [&str; LINTS.len()] = {
    let mut names = [""; LINTS.len()];
    let mut i = 0;
    while i < LINTS.len() {
        names[i] = LINTS[i].name;
        i += 1;
    }
    names
};

#[must_use]
pub fn find(name: &str) -> Option<&'static Lint> {
    LINTS.iter().find(|l| l.name == name)
}

/// The lint names, in code order.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    NAMES.iter().copied()
}

/// Levels set on the command line, applied in order after the spec's `lints:`.
#[derive(Debug, Clone, Default)]
pub struct CliLevels {
    /// `(lint name or "warnings", level)` in the order given.
    pub levels: Vec<(String, Level)>,
}

impl CliLevels {
    /// The level of every warning, as rustc reads `-A/-W/-D warnings`: the last
    /// such flag wins, and it applies to each lint that would warn, whatever
    /// the order of the other flags.
    #[must_use]
    pub fn warnings(&self) -> Option<Level> {
        self.levels
            .iter()
            .rev()
            .find(|(n, _)| n == "warnings")
            .map(|(_, l)| *l)
    }

    /// Whether `-D warnings` turns every warning into an error.
    #[must_use]
    pub fn deny_warnings(&self) -> bool {
        self.warnings() == Some(Level::Deny)
    }
}

/// The level of `lint` for this journey: default, then the spec, then the command line.
#[must_use]
pub fn level_of(lint: &Lint, journey: &Journey, cli: &CliLevels) -> Level {
    let mut level = lint.default;
    if let Some(l) = journey.lints.get(lint.name).and_then(|l| Level::parse(l)) {
        level = l;
    }
    for (name, l) in &cli.levels {
        if name == lint.name {
            level = *l;
        }
    }
    match cli.warnings() {
        Some(all) if level == Level::Warn => all,
        _ => level,
    }
}

/// Run every lint that is not allowed and return its diagnostics.
#[must_use]
pub fn lint(journey: &Journey, cli: &CliLevels) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for lint in LINTS {
        let level = level_of(lint, journey, cli);
        if level == Level::Allow {
            continue;
        }
        let mut found = Vec::new();
        (lint.check)(journey, &mut found);
        for f in found {
            out.push(f.into_diagnostic(lint, level, journey));
        }
    }
    out
}

/// One place a lint flags, and what it finds there, before it gets its level.
pub struct Finding {
    pub span: Span,
    pub finding: LintFinding,
}

impl Finding {
    fn into_diagnostic(self, lint: &Lint, level: Level, journey: &Journey) -> Diagnostic {
        let why = match (journey.lints.contains_key(lint.name), level) {
            (_, Level::Deny) => Why::Denied,
            (true, _) => Why::SpecWarns,
            (false, _) => Why::Default,
        };
        Diagnostic {
            severity: if level == Level::Deny {
                Severity::Error
            } else {
                Severity::Warning
            },
            code: lint.code,
            message: Message::Lint {
                finding: self.finding,
                lint: lint.name,
                why,
            },
            span: self.span,
            notes: Vec::new(),
        }
    }
}

fn is_negative(t: &Touchpoint, midpoint: Num) -> bool {
    t.emotion.values().any(|v| v.0 < midpoint.0)
}

fn negative_without_opportunity(j: &Journey, out: &mut Vec<Finding>) {
    for s in &j.stages {
        for t in &s.touchpoints {
            if is_negative(t, j.scale.midpoint)
                && t.opportunities.is_empty()
                && s.opportunities.is_empty()
            {
                let low = t
                    .emotion
                    .values()
                    .map(|v| v.0)
                    .fold(f64::INFINITY, f64::min);
                out.push(Finding {
                    span: t.span,
                    finding: LintFinding::NegativeWithoutOpportunity {
                        touchpoint: t.name.clone(),
                        low: Num(low),
                    },
                });
            }
        }
    }
}

fn empty_stage(j: &Journey, out: &mut Vec<Finding>) {
    for s in j.stages.iter().filter(|s| s.touchpoints.is_empty()) {
        out.push(Finding {
            span: s.span,
            finding: LintFinding::EmptyStage {
                stage: s.name.clone(),
            },
        });
    }
}

fn unused_persona(j: &Journey, out: &mut Vec<Finding>) {
    // A shared library's personas are about other journeys too: only the spec's own.
    for p in j.personas.iter().filter(|p| !p.imported) {
        let used = j
            .stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .any(|t| t.personas.contains(&p.id));
        if !used {
            out.push(Finding {
                span: p.span,
                finding: LintFinding::UnusedPersona { id: p.id.clone() },
            });
        }
    }
}

fn unused_channel(j: &Journey, out: &mut Vec<Finding>) {
    for c in j.channels.iter().filter(|c| !c.imported) {
        let used = j
            .stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .any(|t| t.channel.as_ref().and_then(|r| r.id.as_deref()) == Some(c.id.as_str()));
        if !used {
            out.push(Finding {
                span: c.span,
                finding: LintFinding::UnusedChannel { id: c.id.clone() },
            });
        }
    }
}

fn missing_emotion(j: &Journey, out: &mut Vec<Finding>) {
    for s in &j.stages {
        let with = s
            .touchpoints
            .iter()
            .filter(|t| !t.emotion.is_empty())
            .count();
        if with == 0 || with == s.touchpoints.len() {
            continue;
        }
        for t in s.touchpoints.iter().filter(|t| t.emotion.is_empty()) {
            out.push(Finding {
                span: t.span,
                finding: LintFinding::MissingEmotion {
                    touchpoint: t.name.clone(),
                    stage: s.name.clone(),
                    min: j.scale.min,
                    max: j.scale.max,
                },
            });
        }
    }
}

fn pain_without_opportunity(j: &Journey, out: &mut Vec<Finding>) {
    for s in &j.stages {
        let has_opp = !s.opportunities.is_empty()
            || s.touchpoints.iter().any(|t| !t.opportunities.is_empty());
        if !s.pain_points.is_empty() && !has_opp {
            out.push(Finding {
                span: s.span,
                finding: LintFinding::PainWithoutOpportunity {
                    stage: s.name.clone(),
                },
            });
        }
    }
}

fn hashtag_comment(j: &Journey, out: &mut Vec<Finding>) {
    for t in &j.spans.traps {
        if let crate::traps::Trap::Hashtag { span, value } = t {
            out.push(Finding {
                span: *span,
                finding: LintFinding::HashtagComment {
                    value: value.clone(),
                    kept: value
                        .split(" #")
                        .next()
                        .unwrap_or(value)
                        .trim_end()
                        .to_owned(),
                },
            });
        }
    }
}

fn comma_split_number(j: &Journey, out: &mut Vec<Finding>) {
    for t in &j.spans.traps {
        if let crate::traps::Trap::CommaSplit {
            span,
            before,
            after,
        } = t
        {
            out.push(Finding {
                span: *span,
                finding: LintFinding::CommaSplitNumber {
                    before: before.clone(),
                    after: after.clone(),
                },
            });
        }
    }
}

fn no_evidence(j: &Journey, out: &mut Vec<Finding>) {
    for t in j.stages.iter().flat_map(|s| &s.touchpoints) {
        if t.evidence.is_empty() {
            out.push(Finding {
                span: t.span,
                finding: LintFinding::NoEvidence {
                    touchpoint: t.name.clone(),
                },
            });
        }
    }
}

fn metric_off_target(j: &Journey, out: &mut Vec<Finding>) {
    for m in j.measures.iter().filter(|m| m.met == Some(false)) {
        let Some(metric) = j.metrics.iter().find(|x| x.id == m.metric) else {
            continue;
        };
        out.push(Finding {
            span: m.span,
            finding: LintFinding::MetricOffTarget {
                metric: metric.id.clone(),
                value: m.latest,
                target: m.target.unwrap_or_default(),
                lower_is_better: metric.better == crate::model::Better::Lower,
                unit: metric.unit.clone().unwrap_or_default(),
            },
        });
    }
}

fn assumption_gap(j: &Journey, out: &mut Vec<Finding>) {
    for g in crate::insight::assumption_gaps_of(j) {
        let Some(t) = j
            .stages
            .iter()
            .flat_map(|s| &s.touchpoints)
            .find(|t| t.key == g.touchpoint)
        else {
            continue;
        };
        out.push(Finding {
            span: t.span,
            finding: LintFinding::AssumptionGap {
                touchpoint: t.name.clone(),
                persona: g.persona.clone(),
                assumed: g.assumed,
                measured: g.measured,
            },
        });
    }
}

fn unmeasured_metric(j: &Journey, out: &mut Vec<Finding>) {
    for m in &j.metrics {
        if !j.measures.iter().any(|x| x.metric == m.id) {
            out.push(Finding {
                span: m.span,
                finding: LintFinding::UnmeasuredMetric { id: m.id.clone() },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LINTS, NAMES, find};

    #[test]
    fn the_registry_is_consistent() {
        for (i, lint) in LINTS.iter().enumerate() {
            assert_eq!(NAMES[i], lint.name);
            assert_eq!(find(lint.name).map(|l| l.code), Some(lint.code));
            // Codes are stable and in order: JM1001, JM1002…
            assert_eq!(lint.code, format!("JM{}", 1001 + i), "{}", lint.name);
            assert!(
                lint.name
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "`{}` is kebab-case",
                lint.name
            );
            assert!(!lint.summary.is_empty(), "{}", lint.name);
        }
    }
}
