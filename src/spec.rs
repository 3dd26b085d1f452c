//! The raw spec: the YAML format of SPEC.md §2 as typed structs with spans.
//!
//! Built from the [`Node`] tree by hand rather than by serde derive, so that
//! one pass reports *every* structural problem (unknown keys with did-you-mean,
//! wrong types, missing or empty required keys, bad choices and ids) instead
//! of stopping at the first. Only `analyze` reads these types.

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::load::{SourceFile, Span};
use crate::model::{Extensions, Scalar};
use crate::parse::{Kind, Node};
use indexmap::IndexMap;
use std::borrow::Cow;

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

/// The supported format version.
pub const FORMAT_VERSION: i64 = 1;

/// A whole journey spec file.
#[derive(Debug, Default)]
pub struct SpecFile {
    pub root: Span,
    /// The file is a mapping (not empty, not a list): further checks make sense.
    pub is_mapping: bool,
    pub version: Option<Sp<i64>>,
    pub title: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub locale: Option<Sp<String>>,
    pub state: Option<Sp<String>>,
    pub version_label: Option<Sp<String>>,
    pub owner: Option<Sp<String>>,
    pub tags: Vec<Sp<String>>,
    pub scale: Option<RawScale>,
    pub loop_to: Option<Sp<String>>,
    pub imports: Vec<Sp<String>>,
    pub lints: Vec<(Sp<String>, Sp<String>)>,
    pub personas: Option<Sp<Vec<RawPersona>>>,
    pub channels: Option<Sp<Vec<RawChannel>>>,
    pub stages: Option<Sp<Vec<RawStage>>>,
    pub extensions: Extensions,
}

/// An imported file: personas and channels only.
#[derive(Debug, Default)]
pub struct ImportFile {
    pub imports: Vec<Sp<String>>,
    pub personas: Vec<RawPersona>,
    pub channels: Vec<RawChannel>,
}

#[derive(Debug)]
pub struct RawScale {
    pub span: Span,
    pub min: Option<Sp<f64>>,
    pub max: Option<Sp<f64>>,
}

#[derive(Debug)]
pub struct RawPersona {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub role: Option<String>,
    pub avatar: Option<String>,
    pub quote: Option<String>,
    pub segment: Option<String>,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub pains: Vec<String>,
    pub attributes: IndexMap<String, Scalar>,
    pub extensions: Extensions,
}

#[derive(Debug)]
pub struct RawChannel {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub kind: Option<String>,
    pub extensions: Extensions,
}

#[derive(Debug)]
pub struct RawStage {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub description: Option<String>,
    pub goal: Option<String>,
    pub questions: Vec<String>,
    pub kpis: Vec<String>,
    pub pain_points: Vec<RawItem>,
    pub opportunities: Vec<RawItem>,
    pub touchpoints: Vec<RawTouchpoint>,
    pub extensions: Extensions,
}

#[derive(Debug)]
pub struct RawTouchpoint {
    pub span: Span,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub channel: Option<Sp<String>>,
    pub personas: Option<Vec<Sp<String>>>,
    pub action: Option<String>,
    pub thought: Option<String>,
    pub emotion: Option<RawEmotion>,
    pub feeling: Option<String>,
    pub pain_points: Vec<RawItem>,
    pub opportunities: Vec<RawItem>,
    pub owner: Option<String>,
    pub backstage: Vec<String>,
    pub moment_of_truth: bool,
    pub evidence: Vec<String>,
    pub metrics: IndexMap<String, Scalar>,
    pub extensions: Extensions,
}

/// `emotion: 1` or `emotion: {misaki: 1, kenji: -1}`.
#[derive(Debug)]
pub enum RawEmotion {
    All(Sp<f64>),
    PerPersona(Vec<(Sp<String>, Sp<f64>)>),
}

/// A pain point or opportunity: a text, or `{text, priority, owner}`.
#[derive(Debug)]
pub struct RawItem {
    pub text: String,
    pub priority: Option<String>,
    pub owner: Option<String>,
}

/// Collects diagnostics while reading one file.
pub struct Reader<'a> {
    source: &'a SourceFile,
    pub diags: Vec<Diagnostic>,
    /// Touchpoints read so far, against [`MAX_TOUCHPOINTS`].
    touchpoints: usize,
    /// Whether the touchpoints past the limit were reported.
    too_many_touchpoints: bool,
    errors: Capped,
}

/// The most errors reported for one file by each stage (reading, then analysis);
/// the rest are counted in one more error. Thousands of errors help nobody, and
/// each printed error shows its line: on a spec written as one long line, an
/// unbounded number of them made `check` quadratic in the input.
pub const MAX_ERRORS: usize = 100;

/// Errors up to [`MAX_ERRORS`], then only their number and where the first of the rest is.
#[derive(Default)]
pub struct Capped {
    list: Vec<Diagnostic>,
    more: usize,
    first_more: Option<Span>,
}

impl Capped {
    pub fn push(&mut self, d: Diagnostic) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(d);
        } else {
            self.more += 1;
            self.first_more.get_or_insert(d.span);
        }
    }

    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.more > 0 || self.list.iter().any(Diagnostic::is_error)
    }

    /// The errors kept, and one more that counts the others.
    #[must_use]
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut list = self.list;
        if let Some(span) = self.first_more {
            list.push(
                Diagnostic::error(
                    Code::YamlLimit,
                    span,
                    format!(
                        "{} more errors not shown (at most {MAX_ERRORS} are reported at once)",
                        self.more
                    ),
                )
                .label("the next one is here")
                .help("fix the errors above first: one mistake (an indentation, a misspelt key) often causes many"),
            );
        }
        list
    }
}

/// The most stages a spec may have (docs/performance.md, "Limits").
pub const MAX_STAGES: usize = 1_000;
/// The most touchpoints a spec may have, over all its stages.
pub const MAX_TOUCHPOINTS: usize = 50_000;
/// The most channels a journey may have (a registry, imports included, or distinct
/// free-text channels): the channel × stage coverage matrix grows with both.
pub const MAX_CHANNELS: usize = 200;
/// The most personas a journey may have, imports included: every touchpoint
/// involves all personas by default, so they multiply the work of every stage.
pub const MAX_PERSONAS: usize = 100;

/// The keys of one mapping, after unknown keys were reported.
struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node<'n>, &'n Node<'n>)>,
    span: Span,
    /// Known keys that an unknown key was already suggested for (`titel` → `title`).
    suggested: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }
    fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.span)
    }
}

use crate::schema::{self, CHANNEL_KINDS, Key, LINT_LEVELS, LOCALES, PRIORITIES, STATES};

impl<'a> Reader<'a> {
    #[must_use]
    pub fn new(source: &'a SourceFile) -> Self {
        Reader {
            source,
            diags: Vec::new(),
            touchpoints: 0,
            too_many_touchpoints: false,
            errors: Capped::default(),
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// Hand the errors over to `diags` (the first [`MAX_ERRORS`], then a count of the rest).
    fn finish(&mut self) {
        let errors = std::mem::take(&mut self.errors);
        self.diags.extend(errors.finish());
    }

    /// A scalar's text: a string as parsed, any other scalar as written in the file.
    fn scalar_text<'n>(&self, node: &'n Node) -> Option<Cow<'n, str>> {
        match &node.kind {
            Kind::Str(s) => Some(Cow::Borrowed(s.as_str())),
            Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
                let raw = self.source.text.get(node.span.start..node.span.end)?;
                Some(Cow::Owned(raw.trim().to_owned()))
            }
            _ => None,
        }
    }

    fn wrong_type(&mut self, node: &Node, key: &str, expected: &str, help: Option<String>) {
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
    fn point(&self, node: &Node) -> Span {
        let mut s = node.span;
        if s.end <= s.start || matches!(node.kind, Kind::Map(_) | Kind::Seq(_)) {
            s.end = self.source.advance_chars(s.start, 1).max(s.start);
        }
        s
    }

    /// Check that `node` is a mapping, report unknown keys, and collect `x-` keys.
    fn fields<'n>(
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

    /// A text value; `null` counts as absent.
    fn text(&mut self, f: &Fields, key: &str) -> Option<Sp<String>> {
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

    fn opt_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        self.text(f, key)
            .map(|s| s.value)
            .filter(|s| !s.trim().is_empty())
    }

    /// A required, non-empty text.
    fn required_text(
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

    fn point_at_mapping(&self, f: &Fields) -> Span {
        f.entries.first().map_or_else(
            || {
                let mut s = f.span;
                s.end = self.source.advance_chars(s.start, 1).max(s.start);
                s
            },
            |(_, k, _)| k.span,
        )
    }

    /// A list of texts (`[a, b]` or `- a` lines).
    fn texts(&mut self, f: &Fields, key: &str) -> Vec<Sp<String>> {
        self.text_items(f, key, |value, span| Sp { value, span })
    }

    fn text_list(&mut self, f: &Fields, key: &str) -> Vec<String> {
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

    fn number(&mut self, node: &Node, key: &str) -> Option<Sp<f64>> {
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

    fn choice(&mut self, f: &Fields, key: &str, choices: &[&str]) -> Option<Sp<String>> {
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

    fn bool(&mut self, f: &Fields, key: &str) -> bool {
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
    fn id(
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

    fn check_id(&mut self, id: &Sp<String>, what: &str) {
        if let Some(problem) = id_problem(&id.value) {
            self.error(
                Diagnostic::error(Code::InvalidId, id.span, format!("invalid id `{}` for {what}", id.value))
                    .label(problem)
                    .help("ids are 1 to 64 letters, digits, `-` or `_` (Japanese letters are fine), e.g. `misaki` or `free-trial`"),
            );
        }
    }

    /// An ordered map of free values (`attributes`, `metrics`).
    fn scalar_map(&mut self, f: &Fields, key: &str) -> IndexMap<String, Scalar> {
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
    fn list_len(&self, f: &Fields, key: &str) -> usize {
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
    fn room(&mut self, f: &Fields, key: &str, room: usize, limit: usize, what: &str) -> usize {
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
    fn objects<T>(
        &mut self,
        f: &Fields,
        key: &str,
        read: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Option<Sp<Vec<T>>> {
        self.objects_capped(f, key, usize::MAX, read)
    }

    /// [`Self::objects`], reading at most `max` of them (the caller reported the rest).
    fn objects_capped<T>(
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

    fn items(&mut self, f: &Fields, key: &str) -> Vec<RawItem> {
        self.objects(f, key, |r, n| r.item(n, key))
            .map(|s| s.value)
            .unwrap_or_default()
    }

    fn item(&mut self, node: &Node, key: &str) -> Option<RawItem> {
        if let Some(t) = self.scalar_text(node) {
            if t.trim().is_empty() {
                return None;
            }
            return Some(RawItem {
                text: t.into_owned(),
                priority: None,
                owner: None,
            });
        }
        if matches!(node.kind, Kind::Null) {
            return None;
        }
        if !matches!(node.kind, Kind::Map(_)) {
            self.wrong_type(node, key, "a text or `{text, priority, owner}`", None);
            return None;
        }
        let what = if key == "pain_points" {
            "a pain point"
        } else {
            "an opportunity"
        };
        let f = self.fields(node, what, schema::ITEM, None)?;
        let text = self.required_text(&f, "text", what, "…")?;
        Some(RawItem {
            text: text.value,
            priority: self.choice(&f, "priority", PRIORITIES).map(|s| s.value),
            owner: self.opt_text(&f, "owner"),
        })
    }

    /// Read a journey spec file.
    pub fn spec_file(&mut self, root: &Node) -> SpecFile {
        let spec = self.read_spec_file(root);
        self.finish();
        spec
    }

    fn read_spec_file(&mut self, root: &Node) -> SpecFile {
        let mut spec = SpecFile {
            root: root.span,
            ..SpecFile::default()
        };
        if matches!(root.kind, Kind::Null) {
            let span = Span::new(root.span.file, 0, 0);
            self.error(
                Diagnostic::error(Code::MissingKey, span, "the spec is empty")
                    .label("expected `journeymap: 1`, `title`, `personas` and `stages`")
                    .help("start from `journeymap init`, or see the format reference in README.md"),
            );
            return spec;
        }
        let mut ext = Extensions::new();
        let Some(f) = self.fields(root, "the spec", schema::TOP, Some(&mut ext)) else {
            return spec;
        };
        spec.is_mapping = true;
        spec.extensions = ext;
        spec.version = self.format_version(&f);
        spec.title = self.required_text(&f, "title", "the spec", "Online school onboarding");
        spec.description = self.text(&f, "description");
        spec.locale = self.choice(&f, "locale", LOCALES);
        spec.state = self.choice(&f, "state", STATES);
        spec.version_label = self.text(&f, "version");
        spec.owner = self.text(&f, "owner");
        spec.tags = self.texts(&f, "tags");
        spec.scale = f.get("scale").and_then(|n| self.scale(n));
        spec.loop_to = self.text(&f, "loop_to");
        spec.imports = self.texts(&f, "imports");
        spec.lints = self.lints(&f);
        let personas = self.room(&f, "personas", MAX_PERSONAS, MAX_PERSONAS, "personas");
        spec.personas = self.objects_capped(&f, "personas", personas, Self::persona);
        let channels = self.room(&f, "channels", MAX_CHANNELS, MAX_CHANNELS, "channels");
        spec.channels = self.objects_capped(&f, "channels", channels, Self::channel);
        let stages = self.room(&f, "stages", MAX_STAGES, MAX_STAGES, "stages");
        spec.stages = self.objects_capped(&f, "stages", stages, Self::stage);
        if spec.stages.is_none() && !f.suggested.contains(&"stages") {
            let span = self.point_at_mapping(&f);
            self.error(
                Diagnostic::error(Code::MissingKey, span, "the spec has no `stages`")
                    .label("`stages` is required")
                    .help("add `stages:` with at least one stage, e.g. `- {id: awareness, name: Awareness}`"),
            );
        }
        spec
    }

    /// Read a file listed in `imports:`.
    pub fn import_file(&mut self, root: &Node) -> ImportFile {
        let file = self.read_import_file(root);
        self.finish();
        file
    }

    fn read_import_file(&mut self, root: &Node) -> ImportFile {
        let mut out = ImportFile::default();
        if matches!(root.kind, Kind::Null) {
            return out;
        }
        let mut ext = Extensions::new();
        let Some(f) = self.fields(
            root,
            "an imported file",
            schema::IMPORT_FILE,
            Some(&mut ext),
        ) else {
            return out;
        };
        out.imports = self.texts(&f, "imports");
        let personas = self.room(&f, "personas", MAX_PERSONAS, MAX_PERSONAS, "personas");
        out.personas = self
            .objects_capped(&f, "personas", personas, Self::persona)
            .map(|s| s.value)
            .unwrap_or_default();
        let channels = self.room(&f, "channels", MAX_CHANNELS, MAX_CHANNELS, "channels");
        out.channels = self
            .objects_capped(&f, "channels", channels, Self::channel)
            .map(|s| s.value)
            .unwrap_or_default();
        out
    }

    fn format_version(&mut self, f: &Fields) -> Option<Sp<i64>> {
        let Some(node) = f.get("journeymap") else {
            if f.suggested.contains(&"journeymap") {
                return None;
            }
            let span = self.point_at_mapping(f);
            self.error(
                Diagnostic::error(
                    Code::MissingKey,
                    span,
                    "the spec has no `journeymap` format version",
                )
                .label("`journeymap: 1` is required")
                .help("add `journeymap: 1` as the first line"),
            );
            return None;
        };
        if let Kind::Int(v) = node.kind
            && v == FORMAT_VERSION
        {
            return Some(Sp {
                value: v,
                span: node.span,
            });
        }
        let found = self
            .scalar_text(node)
            .map_or_else(|| node.kind.describe().to_owned(), |t| format!("`{t}`"));
        let span = self.point(node);
        self.error(
            Diagnostic::error(
                Code::UnsupportedVersion,
                span,
                format!("unsupported format version {found}"),
            )
            .label(format!("this journeymap supports version {FORMAT_VERSION}"))
            .help(format!("write `journeymap: {FORMAT_VERSION}`")),
        );
        None
    }

    fn scale(&mut self, node: &Node) -> Option<RawScale> {
        let f = self.fields(node, "`scale`", schema::SCALE, None)?;
        let read = |r: &mut Self, key: &str| {
            let n = f.get(key);
            if n.is_none() {
                let span = r.point(node);
                r.error(
                    Diagnostic::error(Code::MissingKey, span, format!("`scale` has no `{key}`"))
                        .label(format!("`{key}` is required"))
                        .help("write both ends, e.g. `scale: {min: -2, max: 2}`"),
                );
            }
            n.and_then(|n| r.number(n, key))
        };
        let min = read(self, "min");
        let max = read(self, "max");
        Some(RawScale {
            span: node.span,
            min,
            max,
        })
    }

    fn lints(&mut self, f: &Fields) -> Vec<(Sp<String>, Sp<String>)> {
        let Some(node) = f.get("lints") else {
            return Vec::new();
        };
        let Kind::Map(entries) = &node.kind else {
            if !matches!(node.kind, Kind::Null) {
                self.wrong_type(
                    node,
                    "lints",
                    "a mapping of lint names to levels",
                    Some("e.g. `lints: {no-evidence: warn}`".into()),
                );
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let Some(name) = self.scalar_text(k) else {
                self.wrong_type(k, "lints", "lint names", None);
                continue;
            };
            let Some(level) = self.scalar_text(v) else {
                self.wrong_type(v, &name, "a lint level (allow | warn | deny)", None);
                continue;
            };
            if !LINT_LEVELS.contains(&level.as_ref()) {
                let help = did_you_mean(&level, LINT_LEVELS.iter().copied())
                    .unwrap_or_else(|| "use allow, warn or deny".into());
                self.error(
                    Diagnostic::error(
                        Code::InvalidChoice,
                        v.span,
                        format!("`{level}` is not a lint level"),
                    )
                    .label("expected allow | warn | deny")
                    .help(help),
                );
                continue;
            }
            out.push((
                Sp {
                    value: name.into_owned(),
                    span: k.span,
                },
                Sp {
                    value: level.into_owned(),
                    span: v.span,
                },
            ));
        }
        out
    }

    fn persona(&mut self, node: &Node) -> Option<RawPersona> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a persona", schema::PERSONA, Some(&mut ext))?;
        Some(RawPersona {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a persona", true, "misaki"),
            name: self.required_text(&f, "name", "a persona", "Misaki Tanaka"),
            role: self.opt_text(&f, "role"),
            avatar: self.opt_text(&f, "avatar"),
            quote: self.opt_text(&f, "quote"),
            segment: self.opt_text(&f, "segment"),
            goals: self.text_list(&f, "goals"),
            needs: self.text_list(&f, "needs"),
            pains: self.text_list(&f, "pains"),
            attributes: self.scalar_map(&f, "attributes"),
            extensions: ext,
        })
    }

    fn channel(&mut self, node: &Node) -> Option<RawChannel> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a channel", schema::CHANNEL, Some(&mut ext))?;
        Some(RawChannel {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a channel", true, "email"),
            name: self.required_text(&f, "name", "a channel", "Email"),
            kind: self.choice(&f, "kind", CHANNEL_KINDS).map(|s| s.value),
            extensions: ext,
        })
    }

    fn stage(&mut self, node: &Node) -> Option<RawStage> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a stage", schema::STAGE, Some(&mut ext))?;
        Some(RawStage {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a stage", false, "awareness"),
            name: self.required_text(&f, "name", "a stage", "Awareness"),
            description: self.opt_text(&f, "description"),
            goal: self.opt_text(&f, "goal"),
            questions: self.text_list(&f, "questions"),
            kpis: self.text_list(&f, "kpis"),
            pain_points: self.items(&f, "pain_points"),
            opportunities: self.items(&f, "opportunities"),
            touchpoints: {
                let left = MAX_TOUCHPOINTS.saturating_sub(self.touchpoints);
                let len = self.list_len(&f, "touchpoints");
                let n = if self.too_many_touchpoints {
                    0
                } else {
                    self.room(&f, "touchpoints", left, MAX_TOUCHPOINTS, "touchpoints")
                }
                .min(len);
                self.too_many_touchpoints |= len > n;
                self.touchpoints += n;
                self.objects_capped(&f, "touchpoints", n, Self::touchpoint)
                    .map(|s| s.value)
                    .unwrap_or_default()
            },
            extensions: ext,
        })
    }

    fn touchpoint(&mut self, node: &Node) -> Option<RawTouchpoint> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a touchpoint", schema::TOUCHPOINT, Some(&mut ext))?;
        let personas = f.get("personas").map(|_| {
            let ids = self.texts(&f, "personas");
            for id in &ids {
                self.check_id(id, "a persona");
            }
            ids
        });
        Some(RawTouchpoint {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a touchpoint", false, "pricing-page"),
            name: self.required_text(&f, "name", "a touchpoint", "Visit the pricing page"),
            channel: self
                .text(&f, "channel")
                .filter(|s| !s.value.trim().is_empty()),
            personas,
            action: self.opt_text(&f, "action"),
            thought: self.opt_text(&f, "thought"),
            emotion: f.get("emotion").and_then(|n| self.emotion(n)),
            feeling: self.opt_text(&f, "feeling"),
            pain_points: self.items(&f, "pain_points"),
            opportunities: self.items(&f, "opportunities"),
            owner: self.opt_text(&f, "owner"),
            backstage: self.text_list(&f, "backstage"),
            moment_of_truth: self.bool(&f, "moment_of_truth"),
            evidence: self.text_list(&f, "evidence"),
            metrics: self.scalar_map(&f, "metrics"),
            extensions: ext,
        })
    }

    fn emotion(&mut self, node: &Node) -> Option<RawEmotion> {
        match &node.kind {
            Kind::Null => None,
            Kind::Int(_) | Kind::Float(_) => self.number(node, "emotion").map(RawEmotion::All),
            Kind::Map(entries) => {
                let mut out = Vec::new();
                for (k, v) in entries {
                    let Some(id) = self.scalar_text(k) else {
                        self.wrong_type(k, "emotion", "persona ids as keys", None);
                        continue;
                    };
                    let id = Sp {
                        value: id.into_owned(),
                        span: k.span,
                    };
                    if let Some(n) = self.number(v, &format!("emotion of `{}`", id.value)) {
                        out.push((id, n));
                    }
                }
                Some(RawEmotion::PerPersona(out))
            }
            _ => {
                self.wrong_type(
                    node,
                    "emotion",
                    "a number or a map of persona ids to numbers",
                    Some("e.g. `emotion: -1` or `emotion: {misaki: 1, kenji: -1}`".into()),
                );
                None
            }
        }
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

fn is_blank(node: &Node) -> bool {
    match &node.kind {
        Kind::Null => true,
        Kind::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn list_key_names(keys: &[Key]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name)).collect();
    quoted.join(", ")
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
    use super::{MAX_CHANNELS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS, id_problem};
    use crate::lint::CliLevels;

    fn errors(text: &str) -> Vec<String> {
        let c = crate::compile_str("limits.yaml", text, &CliLevels::default());
        c.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {} ({})", d.code, d.message, d.label))
            .collect()
    }

    fn spec(personas: usize, stages: &[usize]) -> String {
        let mut s = String::from("journeymap: 1\ntitle: t\npersonas:\n");
        for i in 0..personas {
            s.push_str(&format!("  - {{id: p{i}, name: P}}\n"));
        }
        s.push_str("stages:\n");
        for (i, &tps) in stages.iter().enumerate() {
            s.push_str(&format!("  - name: s{i}\n"));
            if tps > 0 {
                s.push_str("    touchpoints:\n");
                s.push_str(&"      - {name: t}\n".repeat(tps));
            }
        }
        s
    }

    #[test]
    fn errors_are_capped_per_file() {
        // One long line of unknown keys: every error used to be printed with the whole line.
        let keys: Vec<String> = (0..5_000).map(|i| format!("x{i}: 1")).collect();
        let text = format!("{{journeymap: 1, title: t, {}}}\n", keys.join(", "));
        let errors = errors(&text);
        // Reading keeps 100 of its 5 001 errors (5 000 keys, no `stages`), analysis adds 1.
        assert_eq!(errors.len(), super::MAX_ERRORS + 2, "{errors:?}");
        let more: Vec<_> = errors
            .iter()
            .filter(|e| e.contains("more errors"))
            .collect();
        assert_eq!(
            more,
            [
                "JM0005 4901 more errors not shown (at most 100 are reported at once) (the next one is here)"
            ]
        );
    }

    #[test]
    fn limits_are_inclusive_and_refused_past_them() {
        let half = MAX_TOUCHPOINTS / 2;
        assert_eq!(errors(&spec(1, &[half, half])), Vec::<String>::new());
        assert_eq!(errors(&spec(MAX_PERSONAS, &[10])), Vec::<String>::new());
        assert_eq!(
            errors(&spec(1, &[half, half, 1, 1])),
            vec![format!(
                "JM0005 too many touchpoints (a spec holds at most {MAX_TOUCHPOINTS}) (touchpoints from here on are not read)"
            )],
        );
        assert_eq!(
            errors(&spec(MAX_PERSONAS + 1, &[1])),
            vec![format!(
                "JM0005 too many personas (a spec holds at most {MAX_PERSONAS}) (personas from here on are not read)"
            )],
        );
        let pairs = crate::analyze::MAX_PERSONA_TOUCHPOINTS;
        assert_eq!(
            errors(&spec(MAX_PERSONAS, &[pairs / MAX_PERSONAS])),
            Vec::<String>::new()
        );
        assert_eq!(
            errors(&spec(MAX_PERSONAS, &[pairs / MAX_PERSONAS, 1, 1])),
            vec![format!(
                "JM0005 too many personas on too many touchpoints (a journey has at most {pairs} persona–touchpoint pairs) (the journey passes the limit at this touchpoint ({MAX_PERSONAS} personas each))"
            )],
        );
        let free = |n: usize| {
            let mut s = spec(1, &[]);
            s.push_str("  - name: s\n    touchpoints:\n");
            for i in 0..n {
                s.push_str(&format!("      - {{name: t, channel: c{i}}}\n"));
            }
            s
        };
        assert_eq!(errors(&free(MAX_CHANNELS)), Vec::<String>::new());
        assert_eq!(
            errors(&free(MAX_CHANNELS + 2)),
            vec![format!(
                "JM0005 too many channels (a journey has at most {MAX_CHANNELS}, imports included) (channels from here on are not read)"
            )],
        );
        let mut registry =
            String::from("journeymap: 1\ntitle: t\npersonas: [{id: p, name: P}]\nchannels:\n");
        for i in 0..=MAX_CHANNELS {
            registry.push_str(&format!("  - {{id: c{i}, name: C}}\n"));
        }
        registry.push_str("stages: [{name: s}]\n");
        assert_eq!(
            errors(&registry),
            vec![format!(
                "JM0005 too many channels (a spec holds at most {MAX_CHANNELS}) (channels from here on are not read)"
            )],
        );
        assert_eq!(errors(&spec(1, &vec![1; MAX_STAGES])), Vec::<String>::new());
        assert_eq!(
            errors(&spec(1, &vec![1; MAX_STAGES + 1])),
            vec![format!(
                "JM0005 too many stages (a spec holds at most {MAX_STAGES}) (stages from here on are not read)"
            )],
        );
    }

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
