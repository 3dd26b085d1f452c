//! The reader's view of one mapping: its known keys (unknown ones reported with
//! a did-you-mean, `x-` ones kept), and the helpers every reader uses to point
//! at a node and report a value of the wrong type.

use super::Reader;
use super::keys::Key;
use crate::diagnostic::{Diagnostic, closest};
use crate::message::{Expected, KeyHint, Object, Problem, Subject};
use crate::parse::{Kind, Node};
use crate::source::{Span, offset};
use crate::value::Extensions;
use std::borrow::Cow;

/// The keys of one mapping, after unknown keys were reported.
pub(super) struct Fields<'n> {
    pub(super) entries: Vec<(&'n str, &'n Node<'n>, &'n Node<'n>)>,
    pub(super) span: Span,
    /// Known keys that an unknown key was already suggested for (`titel` → `title`).
    pub(super) suggested: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    pub(super) fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }
    pub(super) fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.span)
    }
}

impl Reader<'_> {
    /// A scalar's text: a string as parsed, any other scalar as written in the file.
    pub(super) fn scalar_text<'n>(&self, node: &'n Node) -> Option<Cow<'n, str>> {
        match &node.kind {
            Kind::Str(s) => Some(Cow::Borrowed(s.as_str())),
            Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
                let raw = self.source.text.get(node.span.start()..node.span.end())?;
                Some(Cow::Owned(raw.trim().to_owned()))
            }
            _ => None,
        }
    }

    /// Report `node`, the value of `key`, as not being what was `expected`.
    pub(super) fn wrong_type(&mut self, node: &Node, key: impl Into<Subject>, expected: Expected) {
        let problem = Problem::WrongType {
            key: key.into(),
            expected,
            found: node.kind.found(),
        };
        let span = self.point(node);
        self.error(Diagnostic::error(problem, span));
    }

    /// The span to point at for a node: containers point at their first character.
    pub(super) fn point(&self, node: &Node) -> Span {
        let mut s = node.span;
        if s.end <= s.start || matches!(node.kind, Kind::Map(_) | Kind::Seq(_)) {
            s.end = offset(self.source.advance_chars(s.start(), 1).max(s.start()));
        }
        s
    }

    /// Check that `node` is a mapping, report unknown keys, and collect `x-` keys.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: Object,
        allowed: &'static [Key],
        ext: Option<&mut Extensions>,
    ) -> Option<Fields<'n>> {
        let Kind::Map(entries) = &node.kind else {
            let span = self.point(node);
            let found = node.kind.found();
            self.error(Diagnostic::error(
                Problem::NotAMapping {
                    object: what,
                    found,
                },
                span,
            ));
            return None;
        };
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
            span: node.span,
            suggested: Vec::new(),
        };
        let mut ext = ext;
        for (k, v) in entries {
            let Kind::Str(key) = &k.kind else {
                let span = self.point(k);
                self.error(Diagnostic::error(
                    Problem::KeyNotText { object: what },
                    span,
                ));
                continue;
            };
            let key = key.as_str();
            if allowed.iter().any(|k| k.name == key) {
                fields.entries.push((key, k, v));
            } else if key.starts_with("x-") {
                if let Some(ext) = ext.as_deref_mut() {
                    ext.insert(key.to_owned(), self.to_json(v));
                }
            } else if let Some(before) = self.split_at_comma(k.span.start(), key) {
                // `{text: 1,400円}`: the comma of a number ended the value, and
                // the rest reads as a key.
                let problem = Problem::CommaSplitKey {
                    before,
                    key: key.to_owned(),
                };
                self.error(Diagnostic::error(problem, k.span));
            } else {
                let hint = unknown_key_hint(key, allowed);
                if let KeyHint::Closest(close) = hint {
                    fields.suggested.push(close);
                }
                let problem = Problem::UnknownKey {
                    key: key.to_owned(),
                    object: what,
                    hint,
                };
                self.error(Diagnostic::error(problem, k.span));
            }
        }
        Some(fields)
    }

    /// The text before `,` when the key at `start` is the rest of a value
    /// split at the comma of a number (`4,400円`: a digit, `,`, three digits).
    fn split_at_comma(&self, start: usize, key: &str) -> Option<String> {
        let digits = key.chars().take_while(char::is_ascii_digit).count();
        if digits != 3 {
            return None;
        }
        let text = &self.source.text[..start];
        let before = text.strip_suffix(',')?;
        if !before.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // The value it ended: back to the `:` of its key (or the flow's start).
        let from = before.rfind([':', '{', ',', '\n']).map_or(0, |i| i + 1);
        let value = before[from..].trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    fn to_json(&self, node: &Node) -> serde_json::Value {
        use serde_json::Value;
        match &node.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Int(i) => Value::from(*i),
            Kind::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Kind::Str(s) => Value::String(s.as_str().to_owned()),
            Kind::Seq(items) => Value::Array(items.iter().map(|n| self.to_json(n)).collect()),
            Kind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        let key = self
                            .scalar_text(k)
                            .map_or_else(String::new, Cow::into_owned);
                        (key, self.to_json(v))
                    })
                    .collect(),
            ),
        }
    }

    pub(super) fn point_at_mapping(&self, f: &Fields) -> Span {
        f.entries.first().map_or_else(
            || {
                let mut s = f.span;
                s.end = offset(self.source.advance_chars(s.start(), 1).max(s.start()));
                s
            },
            |(_, k, _)| k.span,
        )
    }
}

/// What to suggest for an unknown `key` of a mapping that takes `allowed`.
fn unknown_key_hint(key: &str, allowed: &'static [Key]) -> KeyHint {
    let has = |name: &str| allowed.iter().any(|k| k.name == name);
    if let Some(close) = closest(key, allowed.iter().map(|k| k.name)) {
        KeyHint::Closest(close)
    } else if has("attributes") {
        KeyHint::Attributes
    } else if has("metrics") {
        KeyHint::Metrics
    } else {
        KeyHint::Allowed(allowed.iter().map(|k| k.name).collect())
    }
}
