//! YAML text into a tree of [`Node`]s that remember where they came from.
//!
//! This is the only module that knows the YAML crate (`serde-saphyr`): swapping
//! the parser touches this file alone. The tree keeps every scalar's byte span,
//! so later stages can point at any key or value and recover a plain scalar's
//! exact spelling (`version: 2026.10` stays `2026.10`, not `2026.1`).

use crate::diagnostic::{Code, Diagnostic};
use crate::load::{FileId, SourceFile, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, MessageFormatter, Spanned};
use std::fmt;

/// A YAML value with its place in the file.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

/// The shape of a YAML value.
#[derive(Debug, Clone)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Kind {
    /// What the value is, for messages: "a list", "a number"…
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "nothing (null)",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) | Kind::Float(_) => "a number",
            Kind::Str(_) => "a text",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

/// A span of the raw parse, before it is tied to a file: (line, column, byte offset, byte length).
#[derive(Clone, Copy)]
struct RawLoc {
    line: u64,
    column: u64,
    byte: Option<(u64, u64)>,
    chars: u64,
}

impl From<Location> for RawLoc {
    fn from(l: Location) -> Self {
        let s = l.span();
        RawLoc {
            line: l.line(),
            column: l.column(),
            byte: s.byte_offset().zip(s.byte_len()),
            chars: s.len(),
        }
    }
}

/// The tree as the YAML crate hands it over; spans are tied to the file afterwards.
struct RawNode {
    kind: RawKind,
    loc: RawLoc,
}

enum RawKind {
    Scalar(Kind),
    Seq(Vec<RawNode>),
    Map(Vec<(RawNode, RawNode)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<RawKind>::deserialize(d)?;
        Ok(RawNode {
            kind: s.value,
            loc: s.referenced.into(),
        })
    }
}

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = RawKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Null))
    }
    fn visit_none<E>(self) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawKind, D::Error> {
        RawKind::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(i64::try_from(v).map_or(
            #[allow(clippy::cast_precision_loss)]
            Kind::Float(v as f64),
            Kind::Int,
        )))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawKind, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(RawKind::Scalar(Kind::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawKind, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(RawKind::Scalar(Kind::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Str(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<RawKind, E> {
        Ok(RawKind::Scalar(Kind::Str(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<RawKind, A::Error> {
        let mut items = Vec::new();
        while let Some(n) = a.next_element::<RawNode>()? {
            items.push(n);
        }
        Ok(RawKind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<RawKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = a.next_key::<RawNode>()? {
            let v = a.next_value::<RawNode>()?;
            entries.push((k, v));
        }
        Ok(RawKind::Map(entries))
    }
}

/// Parse one file's text into a [`Node`] tree, or the one YAML error with its position.
///
/// # Errors
/// Invalid YAML, a duplicate key, or a resource limit (nesting, aliases, size).
pub fn parse(file: FileId, source: &SourceFile) -> Result<Node, Box<Diagnostic>> {
    let text = source.text.as_str();
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(Node {
            kind: Kind::Null,
            span: Span::new(file, 0, 0),
        });
    }
    // The default node budget (250k) rejects specs over ~4 MB; scale it with the input
    // while keeping the depth and alias limits that stop hostile input.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(text.len() / 8);
    budget.max_events = budget.max_events.max(text.len() / 4);
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: Some(budget),
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<RawNode>(text, options) {
        Ok(raw) => Ok(tie(raw, file, source)),
        Err(e) => Err(Box::new(to_diagnostic(&e, file, source))),
    }
}

/// Convert the crate's location (line, character column, maybe bytes) to a byte span.
fn span_of(loc: RawLoc, file: FileId, source: &SourceFile) -> Span {
    if let Some((off, len)) = loc.byte {
        let start = usize::try_from(off)
            .unwrap_or(usize::MAX)
            .min(source.text.len());
        let end = start
            .saturating_add(usize::try_from(len).unwrap_or(0))
            .min(source.text.len());
        return Span::new(file, start, end);
    }
    let line = usize::try_from(loc.line).unwrap_or(1).max(1);
    let col = usize::try_from(loc.column).unwrap_or(1).max(1);
    let start = source.offset_of(line, col);
    let end = source.advance_chars(start, usize::try_from(loc.chars).unwrap_or(0));
    Span::new(file, start, end)
}

fn tie(raw: RawNode, file: FileId, source: &SourceFile) -> Node {
    let span = span_of(raw.loc, file, source);
    let kind = match raw.kind {
        RawKind::Scalar(k) => k,
        RawKind::Seq(items) => Kind::Seq(items.into_iter().map(|n| tie(n, file, source)).collect()),
        RawKind::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (tie(k, file, source), tie(v, file, source)))
                .collect(),
        ),
    };
    Node { kind, span }
}

fn to_diagnostic(err: &serde_saphyr::Error, file: FileId, source: &SourceFile) -> Diagnostic {
    use serde_saphyr::Error as E;
    let inner = err.without_snippet();
    let message = serde_saphyr::UserMessageFormatter.format_message(inner);
    let message: String = message.chars().filter(|c| !c.is_control()).collect();
    let span = err.location().map_or_else(
        || Span::new(file, 0, 0),
        |l| {
            let mut s = span_of(l.into(), file, source);
            if s.end == s.start {
                s.end = source.advance_chars(s.start, 1);
            }
            s
        },
    );
    let (code, msg, help) = match inner {
        E::DuplicateMappingKey { .. } => (
            Code::DuplicateKey,
            message
                .split(',')
                .next()
                .unwrap_or(&message)
                .trim()
                .to_string(),
            "each key may appear once in a mapping: remove or rename one of them",
        ),
        _ if matches!(inner, E::Budget { .. })
            || message.contains("limits breached")
            || message.contains("budget") =>
        {
            (
                Code::YamlLimit,
                "the YAML is too large or expands too much (a parser resource limit was reached)"
                    .to_owned(),
                "journeymap specs nest a few levels deep; check for runaway nesting or anchors/aliases that expand without bound",
            )
        }
        _ if message.contains("recursion limit") || message.contains("nesting") => (
            Code::YamlLimit,
            format!("the YAML is nested too deeply ({message})"),
            "journeymap specs nest a few levels deep; check for unclosed brackets",
        ),
        _ => {
            // The most common cause far from its symptom: a `[` or `{` never closed.
            if let Some(open) = unclosed_bracket(&source.text[..span.start.min(source.text.len())])
            {
                let (line, _) = source.line_col(open);
                let (err_line, _) = source.line_col(span.start);
                if line < err_line {
                    let c = &source.text[open..=open];
                    let close = if c == "[" { "]" } else { "}" };
                    return Diagnostic::error(
                        Code::YamlSyntax,
                        span,
                        format!("invalid YAML: {message}"),
                    )
                    .label("here")
                    .note(
                        Span::new(file, open, open + 1),
                        format!("this `{c}` is never closed"),
                    )
                    .help(format!(
                        "close the `{c}` of line {line} with `{close}` on the same line"
                    ));
                }
            }
            (
                Code::YamlSyntax,
                format!("invalid YAML: {message}"),
                yaml_hint(&message),
            )
        }
    };
    Diagnostic::error(code, span, msg).label("here").help(help)
}

/// The byte offset of the last `[` or `{` that `text` opens and never closes
/// (outside quotes and comments), if any.
fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut stack = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = '\n';
    for (i, c) in text.char_indices() {
        if c == '\n' {
            comment = false;
            if quote.is_some() && stack.is_empty() {
                quote = None;
            }
        } else if comment {
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':' | '\n') => quote = Some(c),
                '#' if prev.is_whitespace() => comment = true,
                '[' | '{' => stack.push(i),
                ']' | '}' => {
                    stack.pop();
                }
                _ => {}
            }
        }
        prev = c;
    }
    stack.pop()
}

/// A hint for the YAML mistakes people make most often.
fn yaml_hint(message: &str) -> &'static str {
    if message.contains("tab") {
        "YAML indents with spaces only: replace the tab with spaces"
    } else if message.contains("':'") || message.contains("mapping values") {
        "a value that contains `: ` must be quoted, e.g. `thought: \"note: this\"`"
    } else if message.contains("multiple") {
        "a spec is one YAML document: remove the extra `---`"
    } else {
        "check the indentation and quoting around this place"
    }
}
