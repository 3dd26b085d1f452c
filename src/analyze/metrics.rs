//! The `metrics` registry and the `metrics:` values of stages and touchpoints
//! (SPEC.md §6): ids, `better`, survey scales, and, with a registry, every
//! value a number of a registry metric.

use super::{Analyzer, IdSpace, suggest};
use crate::diagnostic::Diagnostic;
use crate::message::{IdKind, NeedsRegistry, NoteLabel, NumberHint, Problem};
use crate::model::{Better, Metric, Num, PlaceValue, Range, Scalar};
use crate::spec::{RawMetric, RawMetricValue, Sp};
use indexmap::IndexMap;

/// Where a `metrics:` map is: its stage's key, and its touchpoint's.
pub(super) struct Place<'a> {
    pub stage: &'a str,
    pub touchpoint: Option<&'a str>,
}

impl Analyzer<'_> {
    /// The registry, each entry checked.
    pub(super) fn registry(&mut self, raw: Vec<RawMetric>) -> Vec<Metric> {
        let mut ids = IdSpace::new(IdKind::Metric);
        let mut out = Vec::with_capacity(raw.len());
        for m in raw {
            let emotion = m.emotion.and_then(|r| {
                let (min, max) = (r.min?, r.max?);
                if min.value >= max.value {
                    let problem = Problem::InvalidSurveyScale {
                        min: Num(min.value),
                        max: Num(max.value),
                    };
                    self.diags.push(
                        Diagnostic::error(problem, min.span).note(max.span, NoteLabel::ScaleMax),
                    );
                    return None;
                }
                Some(Range {
                    min: Num(min.value),
                    max: Num(max.value),
                })
            });
            let (Some(id), Some(name)) = (m.id, m.name) else {
                continue;
            };
            if !ids.define(&id, &mut self.diags) {
                continue;
            }
            out.push(Metric {
                id: id.value,
                name: name.value,
                unit: m.unit.filter(|u| !u.trim().is_empty()),
                better: match m.better.as_ref().map(|b| b.value.as_str()) {
                    Some("lower") => Better::Lower,
                    _ => Better::Higher,
                },
                target: m.target.map(|t| Num(t.value)),
                owner: m.owner,
                description: m.description,
                emotion,
                funnel: m.funnel,
                span: id.span,
            });
        }
        out
    }

    /// A place's `metrics:` as the model's map. Without a registry the map is
    /// free (any name, numbers or texts); with one, every name is a metric id
    /// and every value a number, recorded in `values` for `measure`.
    pub(super) fn metric_values(
        &mut self,
        raw: Vec<RawMetricValue>,
        registry: &[Metric],
        place: &Place,
        values: &mut Vec<PlaceValue>,
    ) -> IndexMap<String, Scalar> {
        let mut out = IndexMap::with_capacity(raw.len());
        for v in raw {
            if registry.is_empty() {
                if let Some(span) = v.object {
                    let what = NeedsRegistry::ValueAndTarget;
                    self.diags
                        .push(Diagnostic::error(Problem::NeedsRegistry { what }, span));
                    continue;
                }
                out.insert(v.name.value, v.value.value);
                continue;
            }
            let Some(metric) = registry.iter().find(|m| m.id == v.name.value) else {
                let problem = Problem::UnknownMetric {
                    hint: suggest(&v.name.value, registry.iter().map(|m| m.id.as_str())),
                    id: v.name.value,
                };
                self.diags.push(Diagnostic::error(problem, v.name.span));
                continue;
            };
            let Some(n) = self.metric_number(metric, &v.value) else {
                continue;
            };
            values.push(PlaceValue {
                metric: metric.id.clone(),
                stage: place.stage.to_owned(),
                touchpoint: place.touchpoint.map(str::to_owned),
                value: n,
                target: v.target.map(|t| Num(t.value)),
                span: v.value.span,
            });
            out.insert(v.name.value, Scalar::Number(n));
        }
        out
    }

    /// A registry metric's value as a number, within its survey scale.
    fn metric_number(&mut self, metric: &Metric, v: &Sp<Scalar>) -> Option<Num> {
        let n = match &v.value {
            Scalar::Number(n) => *n,
            other => {
                let found = match other {
                    Scalar::Text(t) => t.clone(),
                    Scalar::Bool(b) => b.to_string(),
                    Scalar::Number(n) => n.to_string(),
                };
                let problem = Problem::NotANumber {
                    metric: metric.id.clone(),
                    hint: number_hint(&found),
                    found,
                };
                self.diags.push(Diagnostic::error(problem, v.span));
                return None;
            }
        };
        self.in_survey_scale(metric, n, v.span).then_some(n)
    }

    /// Whether `n` is inside `metric`'s survey scale (any number is, for a
    /// metric that measures no feeling); reports it when it is not.
    pub(crate) fn in_survey_scale(
        &mut self,
        metric: &Metric,
        n: Num,
        span: crate::source::Span,
    ) -> bool {
        let Some(r) = metric.emotion else {
            return true;
        };
        if n.0 >= r.min.0 && n.0 <= r.max.0 {
            return true;
        }
        let problem = Problem::OutsideSurveyScale {
            metric: metric.id.clone(),
            value: n,
            min: r.min,
            max: r.max,
        };
        self.diags.push(Diagnostic::error(problem, span));
        false
    }
}

/// What a value that is not a number probably meant: `1,200` (thousands),
/// `12%` or `3 s` (a unit), `3,5` (a decimal comma).
#[must_use]
pub fn number_hint(text: &str) -> NumberHint {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    // 1,200 and 12,345,678.5
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3)
        && (frac.is_empty() || digits(frac))
    {
        return NumberHint::Thousands(t.replace(',', ""));
    }
    // 3,5
    if let Some((a, b)) = body.split_once(',')
        && digits(a)
        && digits(b)
        && b.len() != 3
    {
        return NumberHint::DecimalComma(t.replace(',', "."));
    }
    // 12% or 3 s or ¥1200
    let start = t
        .find(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
        .unwrap_or(t.len());
    let end = t
        .rfind(|c: char| c.is_ascii_digit() || c == '.')
        .map_or(start, |i| i + 1);
    if start < end {
        let number = &t[start..end];
        let unit = format!("{}{}", t[..start].trim(), t[end..].trim());
        if number.parse::<f64>().is_ok() && !unit.is_empty() {
            return NumberHint::Unit {
                number: number.to_owned(),
                unit,
            };
        }
    }
    NumberHint::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_for_numbers_written_as_people_write_them() {
        assert_eq!(number_hint("1,200"), NumberHint::Thousands("1200".into()));
        assert_eq!(
            number_hint("12,345,678.5"),
            NumberHint::Thousands("12345678.5".into())
        );
        assert_eq!(number_hint("3,5"), NumberHint::DecimalComma("3.5".into()));
        assert_eq!(
            number_hint("12%"),
            NumberHint::Unit {
                number: "12".into(),
                unit: "%".into()
            }
        );
        assert_eq!(
            number_hint("¥1200"),
            NumberHint::Unit {
                number: "1200".into(),
                unit: "¥".into()
            }
        );
        assert_eq!(number_hint("n/a"), NumberHint::None);
        assert_eq!(number_hint(""), NumberHint::None);
    }
}
