//! Measured data (SPEC.md §6): the registry metrics' values written in the
//! spec and read from its `data` files, joined to the journey's places, and
//! what is computed from them, once, into the model (`Journey::measures`, each
//! touchpoint's `measured_emotion`). Every output, lint and insight reads them
//! from there.
//!
//! ```text
//! table     a data file's rows, each checked against the journey, with positions
//! compute   series in period order, latest, change, target met, survey → emotion
//! ```

pub mod compute;
mod table;

pub use table::DATA_COLUMNS;

use crate::diagnostic::Diagnostic;
use crate::message::{NoteLabel, Problem};
use crate::model::{Journey, Num, Reading};
use crate::source::{FileId, Sources, Span};
use compute::{Obs, Place};
use std::collections::{BTreeMap, HashMap};

/// The most data rows read for one journey, over all its files.
pub const MAX_DATA_ROWS: usize = 1_000_000;

/// Where a value belongs: stage, touchpoint (+1; 0 for the stage itself),
/// metric and persona (+1; 0 for all), as indices into the journey, so that
/// the series sort in journey order.
type Key = (u32, u32, u32, u32);

/// Everything read, before it is computed.
#[derive(Default)]
struct Values {
    series: BTreeMap<Key, Vec<Obs>>,
    /// `{value, target}` targets, by (stage, touchpoint + 1, metric).
    targets: HashMap<(u32, u32, u32), Num>,
    /// The spec's own values, by (stage, touchpoint + 1, metric).
    in_spec: HashMap<(u32, u32, u32), Span>,
}

/// Read the journey's data files (into `sources`), join them and the spec's
/// own values to the journey, and compute every measure. `spec` is the spec
/// file (data paths are relative to it). Returns the problems found; the
/// journey's measures are filled only when there are none.
pub fn measure(j: &mut Journey, sources: &mut Sources, spec: FileId) -> Vec<Diagnostic> {
    if j.metrics.is_empty() {
        return Vec::new();
    }
    let index = table::Index::new(j);
    let mut values = Values::default();
    let mut diags = Vec::new();
    for v in &j.spec_values {
        let Some(key) = index.place(&v.metric, &v.stage, v.touchpoint.as_deref()) else {
            continue;
        };
        let (s, t, m) = key;
        values.series.entry((s, t, m, 0)).or_default().push(Obs {
            reading: Reading {
                period: None,
                value: v.value,
                n: None,
                source: None,
            },
            span: v.span,
        });
        values.in_spec.insert(key, v.span);
        if let Some(target) = v.target {
            values.targets.insert(key, target);
        }
    }
    let mut rows = 0;
    let mut seen: Vec<std::path::PathBuf> = Vec::new();
    for (entry, span) in j.data.iter().zip(&j.spans.data) {
        let path = sources
            .get(spec)
            .path
            .parent()
            .unwrap_or(std::path::Path::new(""))
            .join(entry);
        let canonical = std::fs::canonicalize(&path).unwrap_or(path);
        if seen.contains(&canonical) {
            let problem = Problem::DataListedTwice {
                file: entry.clone(),
            };
            diags.push(Diagnostic::error(problem, *span));
            continue;
        }
        seen.push(canonical);
        match crate::load::data_file(sources, spec, entry, *span) {
            Ok(file) => {
                let mut found =
                    table::read(file, sources.get(file), &index, &mut values, &mut rows);
                diags.append(&mut found);
            }
            Err(d) => diags.push(*d),
        }
    }
    for ((_, _, m, _), obs) in &mut values.series {
        for (first, second) in compute::order(obs) {
            let metric = j.metrics[*m as usize].id.clone();
            diags.push(
                Diagnostic::error(Problem::MeasuredTwice { metric }, second)
                    .note(first, NoteLabel::FirstMeasured),
            );
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return diags;
    }
    fill(j, &index, values);
    diags
}

/// Compute every series into the journey's measures and measured emotions.
fn fill(j: &mut Journey, index: &table::Index, values: Values) {
    let mut measures = Vec::with_capacity(values.series.len());
    for ((s, t, m, p), obs) in values.series {
        let metric = &j.metrics[m as usize];
        let stage = &j.stages[s as usize];
        let touchpoint = t
            .checked_sub(1)
            .map(|t| stage.touchpoints[t as usize].key.clone());
        let target = values.targets.get(&(s, t, m)).copied().or(metric.target);
        let place = Place {
            metric: metric.id.clone(),
            stage: stage.key.clone(),
            touchpoint,
            persona: p.checked_sub(1).map(|p| j.personas[p as usize].id.clone()),
        };
        if let Some(measure) = compute::measure(place, obs, target, metric.better) {
            measures.push(measure);
        }
    }
    // The measured emotion: the first `emotion` metric (registry order) with a
    // value at the touchpoint, for the persona or else for all.
    let scale = j.scale;
    let mut by_place: HashMap<(&str, &str, Option<&str>), Num> = HashMap::new();
    for m in &measures {
        let (Some(tp), Some(survey)) = (
            m.touchpoint.as_deref(),
            index.survey(&m.metric).and_then(|i| j.metrics[i].emotion),
        ) else {
            continue;
        };
        let e = compute::as_emotion(m.latest, survey, scale);
        by_place
            .entry((tp, &m.metric, m.persona.as_deref()))
            .or_insert(e);
    }
    let emotion_metrics: Vec<&str> = j
        .metrics
        .iter()
        .filter(|m| m.emotion.is_some())
        .map(|m| m.id.as_str())
        .collect();
    let mut measured: Vec<Vec<indexmap::IndexMap<String, Num>>> = Vec::new();
    for stage in &j.stages {
        let mut per_tp = Vec::with_capacity(stage.touchpoints.len());
        for tp in &stage.touchpoints {
            let mut out = indexmap::IndexMap::new();
            for p in &tp.personas {
                let found = emotion_metrics.iter().find_map(|m| {
                    by_place
                        .get(&(tp.key.as_str(), *m, Some(p.as_str())))
                        .or_else(|| by_place.get(&(tp.key.as_str(), *m, None)))
                });
                if let Some(v) = found {
                    out.insert(p.clone(), *v);
                }
            }
            per_tp.push(out);
        }
        measured.push(per_tp);
    }
    for (stage, per_tp) in j.stages.iter_mut().zip(measured) {
        for (tp, m) in stage.touchpoints.iter_mut().zip(per_tp) {
            tp.measured_emotion = m;
        }
    }
    j.measures = measures;
}

#[cfg(test)]
mod tests {
    use crate::model::Num;

    /// A spec and its data files in a fresh folder, compiled.
    fn compile(spec: &str, files: &[(&str, &str)]) -> crate::Compilation {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("jm-measure-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let path = dir.join("spec.yaml");
        std::fs::write(&path, spec).unwrap();
        let c = crate::compile(&path, "spec.yaml", &crate::lint::CliLevels::default()).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        c
    }

    const SPEC: &str = "journeymap: 1\ntitle: T\npersonas: [{id: a, name: A}, {id: b, name: B}]\nmetrics:\n  - {id: csat, name: CSAT, target: 4, emotion: {min: 1, max: 5}}\ndata: [d.csv]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, emotion: 1}\n      - {id: u, name: U, emotion: 1}\n";

    #[test]
    fn a_persona_row_measures_that_persona_and_the_rest_take_the_overall_value() {
        let c = compile(
            SPEC,
            &[(
                "d.csv",
                "metric,touchpoint,persona,period,value\ncsat,t,,2026-10,4\ncsat,t,a,2026-10,2\ncsat,u,,2026-10,3\n",
            )],
        );
        assert!(!c.has_errors(), "{:?}", c.diagnostics);
        let j = c.journey.unwrap();
        let t = &j.stages[0].touchpoints[0];
        assert_eq!(t.measured_emotion["a"], Num(-1.0), "a's own row: 2 of 1..5");
        assert_eq!(
            t.measured_emotion["b"],
            Num(1.0),
            "the overall row: 4 of 1..5"
        );
        // Measures in journey order: t for all, t for a, then u.
        let order: Vec<(Option<&str>, Option<&str>)> = j
            .measures
            .iter()
            .map(|m| (m.touchpoint.as_deref(), m.persona.as_deref()))
            .collect();
        assert_eq!(
            order,
            [(Some("t"), None), (Some("t"), Some("a")), (Some("u"), None)]
        );
    }

    #[test]
    fn values_that_tie_with_the_target_meet_it_and_off_target_ties_keep_journey_order() {
        let c = compile(
            SPEC,
            &[("d.csv", "metric,touchpoint,value\ncsat,t,4\ncsat,u,4\n")],
        );
        let j = c.journey.unwrap();
        assert!(j.measures.iter().all(|m| m.met == Some(true)));
        let c = compile(
            SPEC,
            &[("d.csv", "metric,touchpoint,value\ncsat,u,2\ncsat,t,2\n")],
        );
        let j = c.journey.unwrap();
        let i = crate::insight::insights(&j);
        let off: Vec<Option<&str>> = i
            .off_target
            .as_ref()
            .unwrap()
            .iter()
            .map(|o| o.touchpoint.as_deref())
            .collect();
        assert_eq!(off, [Some("t"), Some("u")], "equal misses in journey order");
    }
}
