//! The reader's view of one mapping: its known keys (unknown ones reported with
//! a did-you-mean, `x-` ones kept), and the helpers every reader uses to point
//! at a node and report a value of the wrong type.

use super::Reader;
use super::keys::Key;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::Span;
use crate::model::Extensions;
use crate::parse::{Kind, Node};
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
                let raw = self.source.text.get(node.span.start..node.span.end)?;
                Some(Cow::Owned(raw.trim().to_owned()))
            }
            _ => None,
        }
    }

    pub(super) fn wrong_type(
        &mut self,
        node: &Node,
        key: &str,
        expected: &str,
        help: Option<String>,
    ) {
        let found = node.kind.describe();
        let span = self.point(node);
        self.error(
            Diagnostic::error(
                Code::WrongType,
                span,
                format!("`{key}` must be {expected}, found {found}"),
            )
            .label(format!("expected {expected}"))
            .help_opt(help),
        );
    }

    /// The span to point at for a node: containers point at their first character.
    pub(super) fn point(&self, node: &Node) -> Span {
        let mut s = node.span;
        if s.end <= s.start || matches!(node.kind, Kind::Map(_) | Kind::Seq(_)) {
            s.end = self.source.advance_chars(s.start, 1).max(s.start);
        }
        s
    }

    /// Check that `node` is a mapping, report unknown keys, and collect `x-` keys.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &'static [Key],
        ext: Option<&mut Extensions>,
    ) -> Option<Fields<'n>> {
        let Kind::Map(entries) = &node.kind else {
            let span = self.point(node);
            let found = node.kind.describe();
            self.error(
                Diagnostic::error(
                    Code::WrongType,
                    span,
                    format!("{what} must be a mapping (`key: value` lines), found {found}"),
                )
                .label("expected a mapping"),
            );
            return None;
        };
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
            span: node.span,
            suggested: Vec::new(),
        };
        let mut ext = ext;
        for (k, v) in entries {
            let Some(key) = (match &k.kind {
                Kind::Str(s) => Some(s.as_str()),
                _ => None,
            }) else {
                let span = self.point(k);
                self.error(
                    Diagnostic::error(
                        Code::WrongType,
                        span,
                        format!("keys of {what} must be text"),
                    )
                    .label("not a text key"),
                );
                continue;
            };
            if allowed.iter().any(|k| k.name == key) {
                fields.entries.push((key, k, v));
            } else if key.starts_with("x-") {
                if let Some(ext) = ext.as_deref_mut() {
                    ext.insert(key.to_owned(), self.to_json(v));
                }
            } else {
                let close = closest(key, allowed);
                fields.suggested.extend(close);
                let help = close.map(|c| format!("did you mean `{c}`?")).unwrap_or_else(|| {
                    if allowed.iter().any(|k| k.name == "attributes") {
                        return format!("free facts about a persona go under `attributes:`, e.g. `attributes: {{{key}: …}}`");
                    }
                    if allowed.iter().any(|k| k.name == "metrics") {
                        return format!("numbers about a touchpoint go under `metrics:`, e.g. `metrics: {{{key}: …}}`");
                    }
                    format!(
                        "{what} takes {}; keys starting with `x-` are kept for templates",
                        list_key_names(allowed)
                    )
                });
                self.error(
                    Diagnostic::error(
                        Code::UnknownKey,
                        k.span,
                        format!("unknown key `{key}` in {what}"),
                    )
                    .label("unknown key")
                    .help(help),
                );
            }
        }
        Some(fields)
    }

    pub(super) fn to_json(&self, node: &Node) -> serde_json::Value {
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
                s.end = self.source.advance_chars(s.start, 1).max(s.start);
                s
            },
            |(_, k, _)| k.span,
        )
    }
}

/// The allowed key closest to a misspelt one, with did-you-mean's threshold.
fn closest(word: &str, allowed: &'static [Key]) -> Option<&'static str> {
    let len = word.chars().count();
    let limit = (len / 3).max(1);
    allowed
        .iter()
        // The distance is at least the difference in length: skip the matrix when that is too far.
        .filter(|k| k.name.len().abs_diff(len) <= limit)
        .map(|k| (strsim::osa_distance(word, k.name), k.name))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn list_key_names(keys: &[Key]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name)).collect();
    quoted.join(", ")
}
