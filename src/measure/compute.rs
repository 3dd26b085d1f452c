//! What follows from a place's values (SPEC.md §6 "Computed"): the series in
//! period order, the latest value, the change since the previous period,
//! whether the latest meets its target, and a survey value as an emotion.
//! Pure functions over small tables, tested as such.

use crate::model::{Better, Measure, Num, Range, Reading, Scale};
use crate::source::Span;

/// One value as read, with where it was written.
#[derive(Debug, Clone)]
pub struct Obs {
    pub reading: Reading,
    pub span: Span,
}

/// Sort `obs` by period (a value without a period first; periods by their
/// text) and return the pairs of places that give the same period twice
/// (`(first, second)` spans); the second of each pair is dropped.
pub fn order(obs: &mut Vec<Obs>) -> Vec<(Span, Span)> {
    obs.sort_by(|a, b| a.reading.period.cmp(&b.reading.period));
    let mut twice = Vec::new();
    let mut kept: Vec<Obs> = Vec::with_capacity(obs.len());
    for o in obs.drain(..) {
        if let Some(last) = kept.last()
            && last.reading.period == o.reading.period
        {
            twice.push((last.span, o.span));
            continue;
        }
        kept.push(o);
    }
    *obs = kept;
    twice
}

/// A number with the float noise of a subtraction removed (`81 − 72.3` is
/// `8.7`, not `8.700000000000003`).
fn clean(x: f64) -> Num {
    Num((x * 1e9).round() / 1e9)
}

/// The place's measure from its values in period order (at least one).
#[must_use]
pub fn measure(key: Place, obs: Vec<Obs>, target: Option<Num>, better: Better) -> Option<Measure> {
    let last = obs.last()?;
    let (latest, span) = (last.reading.value, last.span);
    let previous = obs.len().checked_sub(2).map(|i| obs[i].reading.value);
    Some(Measure {
        metric: key.metric,
        stage: key.stage,
        touchpoint: key.touchpoint,
        persona: key.persona,
        series: obs.into_iter().map(|o| o.reading).collect(),
        latest,
        previous,
        change: previous.map(|p| clean(latest.0 - p.0)),
        target,
        met: target.map(|t| better.meets(latest, t)),
        span,
    })
}

/// Which metric at which place, for whom.
#[derive(Debug, Clone)]
pub struct Place {
    pub metric: String,
    pub stage: String,
    pub touchpoint: Option<String>,
    pub persona: Option<String>,
}

/// A survey answer mapped linearly onto the journey's scale, to one decimal
/// (what a marker on the curve can show; the survey value itself is kept).
#[must_use]
pub fn as_emotion(v: Num, survey: Range, scale: Scale) -> Num {
    let t = (v.0 - survey.min.0) / (survey.max.0 - survey.min.0);
    let x = ((scale.min.0 + t * (scale.max.0 - scale.min.0)) * 10.0).round() / 10.0;
    Num(if x == 0.0 { 0.0 } else { x })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use std::sync::Arc;

    fn obs(period: Option<&str>, value: f64, at: usize) -> Obs {
        Obs {
            reading: Reading {
                period: period.map(Arc::from),
                value: Num(value),
                n: None,
                source: None,
            },
            span: Span::new(FileId(0), at, at + 1),
        }
    }

    fn place() -> Place {
        Place {
            metric: "csat".into(),
            stage: "buy".into(),
            touchpoint: Some("pay".into()),
            persona: None,
        }
    }

    #[test]
    fn periods_sort_by_text_and_the_latest_is_last() {
        let mut o = vec![obs(Some("2026-11"), 81.0, 2), obs(Some("2026-10"), 72.3, 1)];
        assert!(order(&mut o).is_empty());
        let m = measure(place(), o, Some(Num(80.0)), Better::Higher).unwrap();
        assert_eq!(m.latest, Num(81.0));
        assert_eq!(m.previous, Some(Num(72.3)));
        assert_eq!(m.change, Some(Num(8.7)));
        assert_eq!(m.met, Some(true));
        assert_eq!(m.span.start(), 2, "the latest row");
    }

    #[test]
    fn a_value_without_a_period_comes_first() {
        let mut o = vec![obs(Some("2026-Q1"), 3.0, 1), obs(None, 5.0, 2)];
        order(&mut o);
        assert_eq!(o[0].reading.value, Num(5.0));
    }

    #[test]
    fn a_single_period_has_no_change() {
        let m = measure(
            place(),
            vec![obs(Some("2026-10"), 10.0, 1)],
            None,
            Better::Higher,
        )
        .unwrap();
        assert_eq!((m.previous, m.change, m.met), (None, None, None));
    }

    #[test]
    fn the_same_period_twice_is_reported_with_both_places() {
        let mut o = vec![
            obs(Some("2026-10"), 1.0, 1),
            obs(Some("2026-11"), 2.0, 2),
            obs(Some("2026-10"), 3.0, 3),
        ];
        let twice = order(&mut o);
        assert_eq!(twice.len(), 1);
        assert_eq!((twice[0].0.start, twice[0].1.start), (1, 3));
        assert_eq!(o.len(), 2);
    }

    #[test]
    fn lower_is_better_and_a_target_of_zero() {
        let at = |v: f64, t: f64, b: Better| {
            measure(place(), vec![obs(None, v, 0)], Some(Num(t)), b)
                .unwrap()
                .met
        };
        assert_eq!(at(3.0, 0.0, Better::Lower), Some(false));
        assert_eq!(at(0.0, 0.0, Better::Lower), Some(true));
        assert_eq!(
            at(0.0, 0.0, Better::Higher),
            Some(true),
            "a tie meets the target"
        );
        assert_eq!(at(-1.0, 0.0, Better::Higher), Some(false));
        assert_eq!(at(12.0, 15.0, Better::Lower), Some(true));
    }

    #[test]
    fn survey_answers_map_onto_the_scale() {
        let survey = Range {
            min: Num(1.0),
            max: Num(5.0),
        };
        let scale = Scale::default();
        assert_eq!(as_emotion(Num(1.0), survey, scale), Num(-2.0));
        assert_eq!(as_emotion(Num(3.0), survey, scale), Num(0.0));
        assert_eq!(as_emotion(Num(4.2), survey, scale), Num(1.2));
        assert_eq!(
            as_emotion(Num(4.26), survey, scale),
            Num(1.3),
            "one decimal"
        );
        assert_eq!(as_emotion(Num(5.0), survey, scale), Num(2.0));
    }
}
