//! Reading values: texts (required or not), lists, numbers, choices, booleans,
//! ids and free maps, each reporting what is wrong with it.

use super::fields::Fields;
use super::{RawMetricValue, Reader, Sp, keys};
use crate::diagnostic::{Diagnostic, closest};
use crate::message::{Example, Expected, IdKind, IdProblem, Limited, Object, Problem, Subject};
use crate::parse::{Kind, Node};
use crate::source::Span;
use crate::value::Scalar;
use indexmap::IndexMap;
use std::borrow::Cow;

impl Reader<'_> {
    /// A text value; `null` counts as absent.
    pub(super) fn text(&mut self, f: &Fields, key: &str) -> Option<Sp<String>> {
        let node = f.get(key)?;
        if matches!(node.kind, Kind::Null) {
            return None;
        }
        if let Some(t) = self.scalar_text(node) {
            return Some(Sp {
                value: t.into_owned(),
                span: node.span,
            });
        }
        self.wrong_type(node, key, Expected::Text);
        None
    }

    pub(super) fn opt_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        self.text(f, key)
            .map(|s| s.value)
            .filter(|s| !s.trim().is_empty())
    }

    /// A required, non-empty text.
    pub(super) fn required_text(
        &mut self,
        f: &Fields,
        key: &'static str,
        object: Object,
        example: Example,
    ) -> Option<Sp<String>> {
        match f.get(key) {
            // Already reported as a misspelling of this key.
            None if f.suggested.contains(&key) => None,
            None => {
                let span = self.point_at_mapping(f);
                let problem = Problem::MissingKey {
                    object,
                    key,
                    example,
                };
                self.error(Diagnostic::error(problem, span));
                None
            }
            Some(node) if is_blank(node) => {
                let span = f.key_span(key).unwrap_or(node.span);
                let problem = Problem::EmptyText {
                    object,
                    key,
                    example,
                };
                self.error(Diagnostic::error(problem, span));
                None
            }
            Some(_) => self.text(f, key),
        }
    }

    /// A list of texts (`[a, b]` or `- a` lines).
    pub(super) fn texts(&mut self, f: &Fields, key: &str) -> Vec<Sp<String>> {
        self.text_items(f, key, |value, span| Sp { value, span })
    }

    pub(super) fn text_list(&mut self, f: &Fields, key: &str) -> Vec<String> {
        self.text_items(f, key, |value, _| value)
    }

    /// The texts of a list, each made into a `T` with its span.
    fn text_items<T>(&mut self, f: &Fields, key: &str, make: impl Fn(String, Span) -> T) -> Vec<T> {
        let Some(node) = f.get(key) else {
            return Vec::new();
        };
        match &node.kind {
            Kind::Null => Vec::new(),
            Kind::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for n in items {
                    match self.scalar_text(n) {
                        Some(t) => out.push(make(t.into_owned(), n.span)),
                        None if matches!(n.kind, Kind::Null) => {}
                        None => self.wrong_type(n, key, Expected::TextList),
                    }
                }
                out
            }
            _ => {
                let written = self.scalar_text(node).map(Cow::into_owned);
                self.wrong_type(node, key, Expected::List { written });
                Vec::new()
            }
        }
    }

    pub(super) fn number(&mut self, node: &Node, key: impl Into<Subject>) -> Option<Sp<f64>> {
        #[allow(clippy::cast_precision_loss)]
        let value = match node.kind {
            Kind::Int(i) => i as f64,
            Kind::Float(f) if f.is_finite() => f,
            _ => {
                self.wrong_type(node, key, Expected::Number);
                return None;
            }
        };
        Some(Sp {
            value,
            span: node.span,
        })
    }

    pub(super) fn choice(
        &mut self,
        f: &Fields,
        key: &'static str,
        choices: &'static [&'static str],
    ) -> Option<Sp<String>> {
        let s = self.text(f, key)?;
        if choices.contains(&s.value.as_str()) {
            return Some(s);
        }
        let problem = Problem::InvalidChoice {
            suggestion: closest(&s.value, choices.iter().copied()),
            value: s.value,
            key,
            choices,
        };
        self.error(Diagnostic::error(problem, s.span));
        None
    }

    /// A `high | medium | low` choice, also written as the maps print it in
    /// Japanese (高 / 中 / 低), in every locale: the English word either way.
    pub(super) fn level(
        &mut self,
        f: &Fields,
        key: &'static str,
        choices: &'static [&'static str],
    ) -> Option<String> {
        if let Some(Node {
            kind: Kind::Str(s), ..
        }) = f.get(key)
        {
            let word = match s.as_str().trim() {
                "高" => Some("high"),
                "中" => Some("medium"),
                "低" => Some("low"),
                _ => None,
            };
            if let Some(w) = word.filter(|w| choices.contains(w)) {
                return Some(w.to_owned());
            }
        }
        self.choice(f, key, choices).map(|s| s.value)
    }

    pub(super) fn bool(&mut self, f: &Fields, key: &str) -> bool {
        match f.get(key) {
            None => false,
            Some(Node {
                kind: Kind::Bool(b),
                ..
            }) => *b,
            Some(Node {
                kind: Kind::Null, ..
            }) => false,
            Some(node) => {
                self.wrong_type(node, key, Expected::Bool);
                false
            }
        }
    }

    /// A required `id`: 1-64 Unicode letters, digits, `-` or `_`.
    pub(super) fn required_id(
        &mut self,
        f: &Fields,
        of: IdKind,
        example: Example,
    ) -> Option<Sp<String>> {
        let id = self.required_text(f, "id", of.into(), example)?;
        self.check_id(&id, of);
        Some(id)
    }

    /// An optional `id`, checked like [`Self::required_id`].
    pub(super) fn optional_id(&mut self, f: &Fields, of: IdKind) -> Option<Sp<String>> {
        let id = self.text(f, "id")?;
        self.check_id(&id, of);
        Some(id)
    }

    /// Report `id` (naming a `of`) if it is not an id.
    pub(super) fn check_id(&mut self, id: &Sp<String>, of: IdKind) {
        if let Some(problem) = id_problem(&id.value) {
            let problem = Problem::InvalidId {
                id: id.value.clone(),
                of,
                problem,
            };
            self.error(Diagnostic::error(problem, id.span));
        }
    }

    /// An ordered map of free values (`attributes`, `metrics`).
    pub(super) fn scalar_map(&mut self, f: &Fields, key: &str) -> IndexMap<String, Scalar> {
        let mut out = IndexMap::new();
        let Some(node) = f.get(key) else { return out };
        let Kind::Map(entries) = &node.kind else {
            if !matches!(node.kind, Kind::Null) {
                self.wrong_type(node, key, Expected::ValueMap);
            }
            return out;
        };
        for (k, v) in entries {
            let Some(name) = self.scalar_text(k).map(Cow::into_owned) else {
                self.wrong_type(k, key, Expected::TextKeys);
                continue;
            };
            let Some(value) = self.scalar(v, name.as_str()) else {
                continue;
            };
            out.insert(name, value);
        }
        out
    }

    /// A stage's or touchpoint's `metrics:`: each entry with where it was
    /// written; a value is a scalar, or `{value, target}` (which `analyze`
    /// accepts only for a registry's metrics).
    pub(super) fn metric_values(&mut self, f: &Fields, key: &str) -> Vec<RawMetricValue> {
        let mut out = Vec::new();
        let Some(node) = f.get(key) else { return out };
        let Kind::Map(entries) = &node.kind else {
            if !matches!(node.kind, Kind::Null) {
                self.wrong_type(node, key, Expected::ValueMap);
            }
            return out;
        };
        for (k, v) in entries {
            let Some(name) = self.scalar_text(k).map(Cow::into_owned) else {
                self.wrong_type(k, key, Expected::TextKeys);
                continue;
            };
            let name = Sp {
                value: name,
                span: k.span,
            };
            if matches!(v.kind, Kind::Map(_)) {
                let Some(f) = self.fields(v, Object::MetricValue, keys::METRIC_VALUE, None) else {
                    continue;
                };
                let Some(value) = f.get("value") else {
                    let span = self.point_at_mapping(&f);
                    let problem = Problem::MissingKey {
                        object: Object::MetricValue,
                        key: "value",
                        example: Example::MetricValue,
                    };
                    self.error(Diagnostic::error(problem, span));
                    continue;
                };
                let Some(n) = self.number(value, "value") else {
                    continue;
                };
                let target = f.get("target").and_then(|t| self.number(t, "target"));
                out.push(RawMetricValue {
                    name,
                    value: Sp {
                        value: Scalar::Number(crate::value::Num(n.value)),
                        span: n.span,
                    },
                    target,
                    object: Some(v.span),
                });
                continue;
            }
            let Some(value) = self.scalar(v, name.value.as_str()) else {
                continue;
            };
            out.push(RawMetricValue {
                name,
                value: Sp {
                    value,
                    span: v.span,
                },
                target: None,
                object: None,
            });
        }
        out
    }

    /// A free value: a number, a boolean or a text (`null` is an empty text).
    fn scalar(&mut self, v: &Node, key: &str) -> Option<Scalar> {
        Some(match &v.kind {
            Kind::Int(i) => {
                #[allow(clippy::cast_precision_loss)]
                let n = *i as f64;
                Scalar::Number(crate::value::Num(n))
            }
            Kind::Float(x) if x.is_finite() => Scalar::Number(crate::value::Num(*x)),
            Kind::Bool(b) => Scalar::Bool(*b),
            Kind::Str(s) => Scalar::Text(s.as_str().to_owned()),
            Kind::Float(_) => Scalar::Text(
                self.scalar_text(v)
                    .map_or_else(String::new, Cow::into_owned),
            ),
            Kind::Null => Scalar::Text(String::new()),
            _ => {
                self.wrong_type(v, key, Expected::TextOrNumber);
                return None;
            }
        })
    }

    /// The number of entries of the list under `key` (0 if it is not a list).
    pub(super) fn list_len(&self, f: &Fields, key: &str) -> usize {
        match f.get(key) {
            Some(Node {
                kind: Kind::Seq(items),
                ..
            }) => items.len(),
            _ => 0,
        }
    }

    /// How many entries of the list under `key` to read, given that at most
    /// `room` more are allowed; reports the excess once (at the entry past the limit).
    pub(super) fn room(
        &mut self,
        f: &Fields,
        key: &str,
        room: usize,
        limit: usize,
        what: Limited,
    ) -> usize {
        let Some(Node {
            kind: Kind::Seq(items),
            ..
        }) = f.get(key)
        else {
            return room;
        };
        if items.len() <= room {
            return items.len();
        }
        let span = self.point(&items[room]);
        self.error(Diagnostic::error(
            Problem::TooManyInSpec { what, limit },
            span,
        ));
        room
    }

    /// A list of mappings, each read by `read`.
    pub(super) fn objects<T>(
        &mut self,
        f: &Fields,
        key: &str,
        read: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Option<Sp<Vec<T>>> {
        self.objects_capped(f, key, usize::MAX, read)
    }

    /// [`Self::objects`], reading at most `max` of them (the caller reported the rest).
    pub(super) fn objects_capped<T>(
        &mut self,
        f: &Fields,
        key: &str,
        max: usize,
        mut read: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Option<Sp<Vec<T>>> {
        let span = self.list_span(f, key)?;
        let items = match f.get(key).map(|n| &n.kind) {
            Some(Kind::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        // Sized up front: most entries are read, and a spec's lists can be long.
        let mut value = Vec::with_capacity(items.len().min(max));
        value.extend(items.iter().take(max).filter_map(|n| read(self, n)));
        Some(Sp { value, span })
    }

    /// The span of the list of objects under `key` when it is one (or `null`,
    /// an empty list); `None` when the key is missing or holds something else
    /// (reported).
    pub(super) fn list_span(&mut self, f: &Fields, key: &str) -> Option<Span> {
        let node = f.get(key)?;
        match &node.kind {
            Kind::Null | Kind::Seq(_) => Some(f.key_span(key).unwrap_or(node.span)),
            _ => {
                self.wrong_type(node, key, Expected::Objects);
                None
            }
        }
    }

    /// [`Self::objects_capped`] for a list taken out of its tree ([`take_list`]):
    /// each entry is handed to `read` and freed once read, so a long list and
    /// what is read from it are never both whole in memory.
    pub(super) fn objects_taken<'n, T>(
        &mut self,
        taken: Option<(Span, Vec<Node<'n>>)>,
        max: usize,
        mut read: impl FnMut(&mut Self, Node<'n>) -> Option<T>,
    ) -> Option<Sp<Vec<T>>> {
        let (span, items) = taken?;
        let mut value = Vec::with_capacity(items.len().min(max));
        value.extend(items.into_iter().take(max).filter_map(|n| read(self, n)));
        Some(Sp { value, span })
    }
}

/// Take the entries of the list under `key` out of the mapping `node`, with
/// the list's span from [`Reader::list_span`] (`None`: no list to read). The
/// list's place in the tree is left empty: call this once its mapping's
/// [`Fields`] are no longer used.
pub(super) fn take_list<'a>(
    node: &mut Node<'a>,
    key: &str,
    span: Option<Span>,
) -> Option<(Span, Vec<Node<'a>>)> {
    let span = span?;
    let Kind::Map(entries) = &mut node.kind else {
        return Some((span, Vec::new()));
    };
    // The first entry of that key is the one `Fields` saw (the parser refuses
    // a second).
    let items = entries
        .iter_mut()
        .find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s.as_str() == key))
        .and_then(|(_, v)| match &mut v.kind {
            Kind::Seq(items) => Some(std::mem::take(items)),
            _ => None,
        })
        .unwrap_or_default();
    Some((span, items))
}

fn is_blank(node: &Node) -> bool {
    match &node.kind {
        Kind::Null => true,
        Kind::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Why `id` is not a valid id, if it is not.
#[must_use]
pub fn id_problem(id: &str) -> Option<IdProblem> {
    let n = id.chars().count();
    if n == 0 {
        Some(IdProblem::Empty)
    } else if n > 64 {
        Some(IdProblem::TooLong)
    } else if id
        .chars()
        .any(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
    {
        Some(IdProblem::BadCharacter)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::id_problem;

    #[test]
    fn id_syntax() {
        for ok in ["misaki", "free-trial", "step_2", "店頭", "a"] {
            assert_eq!(id_problem(ok), None, "{ok}");
        }
        for bad in ["", "has space", "a.b", "x/y", &"a".repeat(65)] {
            assert!(id_problem(bad).is_some(), "{bad}");
        }
    }
}
