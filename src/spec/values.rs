//! Reading values: texts (required or not), lists, numbers, choices, booleans,
//! ids and free maps, each reporting what is wrong with it.

use super::fields::Fields;
use super::{Reader, Sp};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::load::Span;
use crate::model::Scalar;
use crate::parse::{Kind, Node};
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
        self.wrong_type(node, key, "a text", None);
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
        key: &str,
        what: &str,
        example: &str,
    ) -> Option<Sp<String>> {
        match f.get(key) {
            // Already reported as a misspelling of this key.
            None if f.suggested.contains(&key) => None,
            None => {
                let span = self.point_at_mapping(f);
                self.error(
                    Diagnostic::error(Code::MissingKey, span, format!("{what} has no `{key}`"))
                        .label(format!("`{key}` is required here"))
                        .help(format!("add `{key}: {example}`")),
                );
                None
            }
            Some(node) if is_blank(node) => {
                let span = f.key_span(key).unwrap_or(node.span);
                self.error(
                    Diagnostic::error(Code::EmptyText, span, format!("`{key}` of {what} is empty"))
                        .label("needs a value")
                        .help(format!("write a value, e.g. `{key}: {example}`")),
                );
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
    pub(super) fn text_items<T>(
        &mut self,
        f: &Fields,
        key: &str,
        make: impl Fn(String, Span) -> T,
    ) -> Vec<T> {
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
                        None => self.wrong_type(n, key, "a list of texts", None),
                    }
                }
                out
            }
            _ => {
                let help = self
                    .scalar_text(node)
                    .map(|t| format!("write a list: `{key}: [{t}]`"));
                self.wrong_type(node, key, "a list", help);
                Vec::new()
            }
        }
    }

    pub(super) fn number(&mut self, node: &Node, key: &str) -> Option<Sp<f64>> {
        #[allow(clippy::cast_precision_loss)]
        let value = match node.kind {
            Kind::Int(i) => i as f64,
            Kind::Float(f) if f.is_finite() => f,
            _ => {
                self.wrong_type(node, key, "a number", None);
                return None;
            }
        };
        Some(Sp {
            value,
            span: node.span,
        })
    }

    pub(super) fn choice(&mut self, f: &Fields, key: &str, choices: &[&str]) -> Option<Sp<String>> {
        let s = self.text(f, key)?;
        if choices.contains(&s.value.as_str()) {
            return Some(s);
        }
        let help = did_you_mean(&s.value, choices.iter().copied())
            .unwrap_or_else(|| format!("use one of {}", list_keys(choices)));
        self.error(
            Diagnostic::error(
                Code::InvalidChoice,
                s.span,
                format!("`{}` is not a valid `{key}`", s.value),
            )
            .label(format!("expected {}", choices.join(" | ")))
            .help(help),
        );
        None
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
                self.wrong_type(node, key, "`true` or `false`", None);
                false
            }
        }
    }

    /// An id: 1-64 Unicode letters, digits, `-` or `_`.
    pub(super) fn id(
        &mut self,
        f: &Fields,
        key: &str,
        what: &str,
        required: bool,
        example: &str,
    ) -> Option<Sp<String>> {
        let id = if required {
            self.required_text(f, key, what, example)?
        } else {
            self.text(f, key)?
        };
        self.check_id(&id, what);
        Some(id)
    }

    pub(super) fn check_id(&mut self, id: &Sp<String>, what: &str) {
        if let Some(problem) = id_problem(&id.value) {
            self.error(
                Diagnostic::error(Code::InvalidId, id.span, format!("invalid id `{}` for {what}", id.value))
                    .label(problem)
                    .help("ids are 1 to 64 letters, digits, `-` or `_` (Japanese letters are fine), e.g. `misaki` or `free-trial`"),
            );
        }
    }

    /// An ordered map of free values (`attributes`, `metrics`).
    pub(super) fn scalar_map(&mut self, f: &Fields, key: &str) -> IndexMap<String, Scalar> {
        let mut out = IndexMap::new();
        let Some(node) = f.get(key) else { return out };
        let Kind::Map(entries) = &node.kind else {
            if !matches!(node.kind, Kind::Null) {
                self.wrong_type(
                    node,
                    key,
                    "a mapping of names to values",
                    Some(format!("e.g. `{key}: {{name: value}}`")),
                );
            }
            return out;
        };
        for (k, v) in entries {
            let Some(name) = self.scalar_text(k).map(Cow::into_owned) else {
                self.wrong_type(k, key, "text keys", None);
                continue;
            };
            let value = match &v.kind {
                Kind::Int(i) => {
                    #[allow(clippy::cast_precision_loss)]
                    let n = *i as f64;
                    Scalar::Number(crate::model::Num(n))
                }
                Kind::Float(x) if x.is_finite() => Scalar::Number(crate::model::Num(*x)),
                Kind::Bool(b) => Scalar::Bool(*b),
                Kind::Str(s) => Scalar::Text(s.as_str().to_owned()),
                Kind::Float(_) => Scalar::Text(
                    self.scalar_text(v)
                        .map_or_else(String::new, Cow::into_owned),
                ),
                Kind::Null => Scalar::Text(String::new()),
                _ => {
                    self.wrong_type(v, &name, "a text or a number", None);
                    continue;
                }
            };
            out.insert(name, value);
        }
        out
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
        what: &str,
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
        self.error(
            Diagnostic::error(
                Code::YamlLimit,
                span,
                format!("too many {what} (a spec holds at most {limit})"),
            )
            .label(format!("{what} from here on are not read"))
            .help("split the journey into several specs, e.g. one per part of the journey"),
        );
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
        let node = f.get(key)?;
        match &node.kind {
            Kind::Null => Some(Sp {
                value: Vec::new(),
                span: f.key_span(key).unwrap_or(node.span),
            }),
            Kind::Seq(items) => {
                // Sized up front: most entries are read, and a spec's lists can be long.
                let mut value = Vec::with_capacity(items.len().min(max));
                value.extend(items.iter().take(max).filter_map(|n| read(self, n)));
                Some(Sp {
                    value,
                    span: f.key_span(key).unwrap_or(node.span),
                })
            }
            _ => {
                self.wrong_type(node, key, "a list (lines starting with `- `)", None);
                None
            }
        }
    }
}

pub(super) fn is_blank(node: &Node) -> bool {
    match &node.kind {
        Kind::Null => true,
        Kind::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn list_keys(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    quoted.join(", ")
}

/// Why `id` is not a valid id, if it is not.
#[must_use]
pub fn id_problem(id: &str) -> Option<&'static str> {
    let n = id.chars().count();
    if n == 0 {
        Some("an id cannot be empty")
    } else if n > 64 {
        Some("longer than 64 characters")
    } else if id
        .chars()
        .any(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
    {
        Some("only letters, digits, `-` and `_` are allowed")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::id_problem;

    #[test]
    pub(super) fn id_syntax() {
        for ok in ["misaki", "free-trial", "step_2", "店頭", "a"] {
            assert_eq!(id_problem(ok), None, "{ok}");
        }
        for bad in ["", "has space", "a.b", "x/y", &"a".repeat(65)] {
            assert!(id_problem(bad).is_some(), "{bad}");
        }
    }
}
