//! Candidate: the front end before issue 18, kept for the measurements and the
//! differential check of `parsers diff` (serde-saphyr with `Spanned` nodes).
//! YAML text into a tree of [`Node`]s that remember where they came from.
//!
//! This is the only module that knows the YAML crate (`serde-saphyr`): swapping
//! the parser touches this file alone. The tree keeps every scalar's byte span,
//! so later stages can point at any key or value and recover a plain scalar's
//! exact spelling (`version: 2026.10` stays `2026.10`, not `2026.1`).

use journeymap::diagnostic::Diagnostic;
use journeymap::message::{Found, NoteLabel, Problem, YamlHint};
use journeymap::source::{FileId, SourceFile, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, MessageFormatter, Spanned};
use std::borrow::Cow;
use std::fmt;

/// A YAML value with its place in the file.
///
/// Text borrows from the file where YAML allows (plain scalars and quoted ones
/// without escapes), so reading a spec copies each string once: into the spec.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub kind: Kind<'a>,
    pub span: Span,
}

/// The shape of a YAML value.
#[derive(Debug, Clone)]
pub enum Kind<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Text<'a>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Kind<'_> {
    /// What the value is, for messages ("found a list").
    #[must_use]
    #[allow(dead_code)]
    pub fn found(&self) -> Found {
        match self {
            Kind::Null => Found::Null,
            Kind::Bool(_) => Found::Bool,
            Kind::Int(_) | Kind::Float(_) => Found::Number,
            Kind::Str(_) => Found::Text,
            Kind::Seq(_) => Found::List,
            Kind::Map(_) => Found::Mapping,
        }
    }
}

/// The text of a string scalar: borrowed from the file, or owned where YAML
/// escapes or folding changed it.
#[derive(Clone, PartialEq, Eq)]
pub struct Text<'a>(Cow<'a, str>);

impl Text<'_> {
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Marks a span that still holds a line and column (the YAML crate gave no
/// byte offsets): `start` is the line, `end` the column (high 16 bits) and
/// length in characters (low 16 bits), each kept up to 65 535.
const LINE_COL: FileId = FileId(u32::MAX);

/// The span of a node as the YAML crate reports it, before [`tie`] fixes it to the file.
fn raw_span(l: &Location) -> Span {
    let s = l.span();
    if let (Some(off), Some(len)) = (s.byte_offset(), s.byte_len()) {
        let start = usize::try_from(off).unwrap_or(usize::MAX);
        let end = start.saturating_add(usize::try_from(len).unwrap_or(0));
        return Span::new(FileId(0), start, end);
    }
    let clamp = |v: u64, max: u64| usize::try_from(v.min(max)).unwrap_or(0);
    Span::new(
        LINE_COL,
        clamp(l.line(), u64::from(u32::MAX)),
        clamp(l.column(), 0xFFFF) << 16 | clamp(s.len(), 0xFFFF),
    )
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Kind<'de>>::deserialize(d)?;
        Ok(Node {
            kind: s.value,
            span: raw_span(&s.referenced),
        })
    }
}

impl<'de> Deserialize<'de> for Kind<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Kind<'de>, E> {
        Ok(Kind::Null)
    }
    fn visit_none<E>(self) -> Result<Kind<'de>, E> {
        Ok(Kind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind<'de>, D::Error> {
        Kind::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kind<'de>, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kind<'de>, E> {
        Ok(Kind::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Kind<'de>, E> {
        Ok(i64::try_from(v).map_or(
            #[allow(clippy::cast_precision_loss)]
            Kind::Float(v as f64),
            Kind::Int,
        ))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Kind<'de>, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(Kind::Float(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Kind<'de>, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(Kind::Float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kind<'de>, E> {
        Ok(Kind::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Kind<'de>, E> {
        Ok(Kind::Str(Text(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind<'de>, E> {
        Ok(Kind::Str(Text(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind<'de>, E> {
        Ok(Kind::Str(Text(Cow::Owned(v))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Kind<'de>, A::Error> {
        let mut items = Vec::with_capacity(a.size_hint().unwrap_or(0).min(64));
        while let Some(n) = a.next_element::<Node<'de>>()? {
            items.push(n);
        }
        // The tree is the largest thing in memory while a spec is read: no slack.
        items.shrink_to_fit();
        Ok(Kind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Kind<'de>, A::Error> {
        let mut entries = Vec::with_capacity(a.size_hint().unwrap_or(0).min(64));
        while let Some(k) = a.next_key::<Node<'de>>()? {
            let v = a.next_value::<Node<'de>>()?;
            entries.push((k, v));
        }
        entries.shrink_to_fit();
        Ok(Kind::Map(entries))
    }
}

/// Parse one file's text into a [`Node`] tree, or the one YAML error with its position.
///
/// # Errors
/// Invalid YAML, a duplicate key, or a resource limit (nesting, aliases, size).
pub fn parse(file: FileId, source: &SourceFile) -> Result<Node<'_>, Box<Diagnostic>> {
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
    // Budgets in proportion to the input (see `budget`), with the depth and alias limits
    // that stop hostile input.
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: Some(budget(text.len())),
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Node<'_>>(text, options) {
        Ok(mut root) => {
            tie(&mut root, file, source);
            Ok(root)
        }
        Err(e) => Err(Box::new(to_diagnostic(&e, file, source))),
    }
}

/// The parser's resource limits for an input of `len` bytes (see docs/performance.md).
///
/// Nodes and events grow with the input: written out, a node takes at least two
/// bytes (`a,`), and block-style specs take ten or more, so `len / 4` nodes leave
/// room for any real spec and its aliases. The crate's fixed defaults (250 000
/// nodes, 1 000 000 events) would let a 500-byte alias bomb build a quarter of a
/// million nodes before it is stopped (0.15 s, and 10 s under a sanitizer).
#[must_use]
fn budget(len: usize) -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MIN_NODES.max(len / 4);
    budget.max_events = (2 * MIN_NODES).max(len / 2);
    budget
}

/// The node budget of a small file: ten times what a dense 5-stage spec uses.
const MIN_NODES: usize = 20_000;

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

/// Tie every span of the tree to `file`, clamped to its text (in place).
fn tie(node: &mut Node<'_>, file: FileId, source: &SourceFile) {
    let s = node.span;
    node.span = if s.file == LINE_COL {
        span_of(
            RawLoc {
                line: u64::from(s.start),
                column: u64::from(s.end >> 16),
                byte: None,
                chars: u64::from(s.end & 0xFFFF),
            },
            file,
            source,
        )
    } else {
        let len = source.text.len();
        let start = s.start().min(len);
        Span::new(file, start, s.end().clamp(start, len))
    };
    match &mut node.kind {
        Kind::Seq(items) => {
            for n in items {
                tie(n, file, source);
            }
        }
        Kind::Map(entries) => {
            for (k, v) in entries {
                tie(k, file, source);
                tie(v, file, source);
            }
        }
        _ => {}
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
                s.end = journeymap::source::offset(source.advance_chars(s.start(), 1));
            }
            s
        },
    );
    let problem = match inner {
        E::DuplicateMappingKey { key, .. } => Problem::DuplicateKey {
            key: key.clone(),
            parser: message
                .split(',')
                .next()
                .unwrap_or(&message)
                .trim()
                .to_string(),
        },
        _ if matches!(inner, E::Budget { .. })
            || message.contains("limits breached")
            || message.contains("budget") =>
        {
            Problem::YamlTooLarge
        }
        _ if message.contains("recursion limit") || message.contains("nesting") => {
            Problem::YamlTooDeep {
                parser: message,
                levels: None,
            }
        }
        _ => {
            // The most common cause far from its symptom: a `[` or `{` never closed.
            if let Some(open) =
                unclosed_bracket(&source.text[..span.start().min(source.text.len())])
            {
                let (line, _) = source.line_col(open);
                let (err_line, _) = source.line_col(span.start());
                if line < err_line {
                    let bracket = char::from(source.text.as_bytes()[open]); // `[` or `{`
                    let problem = Problem::YamlSyntax {
                        parser: message,
                        hint: YamlHint::Unclosed { bracket, line },
                    };
                    return Diagnostic::error(problem, span).note(
                        Span::new(file, open, open + 1),
                        NoteLabel::NeverClosed { bracket },
                    );
                }
            }
            // A quoted text never closed: the parser notices lines later.
            if message.contains("quoted scalar")
                && let Some((open, quote)) = unclosed_quote(&source.text, span.start())
            {
                let end = source.advance_chars(open, 1);
                return Diagnostic::error(
                    Problem::UnclosedQuote { quote },
                    Span::new(file, open, end),
                );
            }
            // A tab: the parser reports it at the end of the line before.
            let span = if message.contains("tab") {
                tab_at_or_after(source, span).unwrap_or(span)
            } else {
                span
            };
            let hint = match yaml_hint(&message) {
                YamlHint::Colon => indented_under(source, span.start()).unwrap_or(YamlHint::Colon),
                h => h,
            };
            // Over-indented: point at where the line's text starts.
            let span = if matches!(hint, YamlHint::Indented { .. }) {
                let text = &source.text;
                let start = text[..span.start()].rfind('\n').map_or(0, |i| i + 1);
                let first =
                    start + text[start..].len() - text[start..].trim_start_matches(' ').len();
                Span::new(file, first, span.start().max(first + 1))
            } else {
                span
            };
            let problem = Problem::YamlSyntax {
                parser: message,
                hint,
            };
            return Diagnostic::error(problem, span);
        }
    };
    Diagnostic::error(problem, span)
}

/// The first tab from the start of `span`'s line (on it or the next line).
fn tab_at_or_after(source: &SourceFile, span: Span) -> Option<Span> {
    let text = &source.text;
    let line_start = text[..span.start().min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let after = &text[line_start..];
    let window = after
        .match_indices('\n')
        .nth(1)
        .map_or(after.len(), |(i, _)| i);
    let tab = after[..window].find('\t')?;
    Some(Span::new(span.file, line_start + tab, line_start + tab + 1))
}

/// The opening quote of a quoted text that its line never closes, on a line
/// before `before` (the last such line): its byte offset and the quote.
fn unclosed_quote(text: &str, before: usize) -> Option<(usize, char)> {
    let head = &text[..before.min(text.len())];
    let mut found = None;
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        let mut quote: Option<(usize, char)> = None;
        let mut prev = ' ';
        let mut comment = false;
        for (i, c) in line.char_indices() {
            if comment {
                break;
            }
            match quote {
                Some((_, q)) if c == q => quote = None,
                Some((_, '"')) if c == '\\' => {}
                Some(_) => {}
                None if (c == '"' || c == '\'') && matches!(prev, ' ' | '[' | '{' | ',' | ':') => {
                    quote = Some((offset + i, c));
                }
                None if c == '#' && prev == ' ' => comment = true,
                None => {}
            }
            prev = c;
        }
        if let Some(q) = quote {
            found = Some(q);
        }
        offset += line.len();
    }
    found
}

/// A line indented deeper than the `key: value` line above it (the parser
/// says "mapping values are not allowed"): the key and line it should line
/// up with, instead of the hint about quoting `: `.
fn indented_under(source: &SourceFile, at: usize) -> Option<YamlHint> {
    let text = &source.text;
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let indent = line.len() - line.trim_start_matches(' ').len();
    // The first non-empty, non-comment line above.
    let above = text[..line_start.saturating_sub(1)]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    // The column its key starts at: after its indentation and any `- `.
    let mut body = above.trim_start_matches(' ');
    let mut column = above.len() - body.len();
    while let Some(rest) = body.strip_prefix("- ") {
        let rest_trimmed = rest.trim_start_matches(' ');
        column += 2 + rest.len() - rest_trimmed.len();
        body = rest_trimmed;
    }
    let (key, value) = body.split_once(": ")?;
    if indent <= column || value.trim().is_empty() || key.contains([' ', '"', '\'', '{', '[']) {
        return None;
    }
    let (line_no, _) = source.line_col(line_start.saturating_sub(1));
    Some(YamlHint::Indented {
        key: key.to_owned(),
        line: line_no,
    })
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

/// The YAML mistake people make most often that the parser's `message` points to.
fn yaml_hint(message: &str) -> YamlHint {
    if message.contains("tab") {
        YamlHint::Tab
    } else if message.contains("':'") || message.contains("mapping values") {
        YamlHint::Colon
    } else if message.contains("multiple") {
        YamlHint::ExtraDocument
    } else {
        YamlHint::Other
    }
}

pub fn count(n: &Node<'_>) -> usize {
    match &n.kind {
        Kind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Kind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

/// The same dump as `main::dump`, of this candidate's tree.
pub fn dump(n: &Node<'_>) -> String {
    fn go(n: &Node<'_>, depth: usize, out: &mut String) {
        use std::fmt::Write;
        let pad = " ".repeat(depth);
        let span = format!("{}..{}", n.span.start(), n.span.end());
        let _ = match &n.kind {
            Kind::Null => writeln!(out, "{pad}null {span}"),
            Kind::Bool(b) => writeln!(out, "{pad}bool {b} {span}"),
            Kind::Int(i) => writeln!(out, "{pad}int {i} {span}"),
            Kind::Float(f) => writeln!(out, "{pad}float {f:?} {span}"),
            Kind::Str(t) => writeln!(out, "{pad}str {:?} {span}", t.as_str()),
            Kind::Seq(items) => {
                let _ = writeln!(out, "{pad}seq {span}");
                for i in items {
                    go(i, depth + 1, out);
                }
                Ok(())
            }
            Kind::Map(entries) => {
                let _ = writeln!(out, "{pad}map {span}");
                for (k, v) in entries {
                    go(k, depth + 1, out);
                    go(v, depth + 2, out);
                }
                Ok(())
            }
        };
    }
    let mut out = String::new();
    go(n, 0, &mut out);
    out
}
