//! YAML text into a tree of [`Node`]s that remember where they came from.
//!
//! This is the only module that knows the YAML crate (`granit-parser`, the event
//! parser; [`tree`] builds the nodes from its events): swapping the parser touches
//! this folder alone. The tree keeps every scalar's byte span,
//! so later stages can point at any key or value and recover a plain scalar's
//! exact spelling (`version: 2026.10` stays `2026.10`, not `2026.1`).

use crate::diagnostic::Diagnostic;
use crate::message::{Found, NoteLabel, Problem, YamlHint};
use crate::source::{FileId, SourceFile, Span};
use std::borrow::Cow;
use std::fmt;

mod scalar;
mod tree;

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

// A large spec's tree is hundreds of thousands of nodes: 48 bytes each on 64-bit
// targets (a 32-byte kind and a 12-byte span; docs/performance.md, "Memory, second pass").
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Node>() == 48);

impl Kind<'_> {
    /// What the value is, for messages ("found a list").
    #[must_use]
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

/// Parse one file's text into a [`Node`] tree, or the one YAML error with its position.
///
/// # Errors
/// Invalid YAML, a duplicate key, or a resource limit (nesting, aliases, size).
pub fn parse(file: FileId, source: &SourceFile) -> Result<Node<'_>, Box<Diagnostic>> {
    let text = source.text.as_str();
    tree::build(text, file, limits(text.len()))
        .map_err(|f| Box::new(to_diagnostic(&f, file, source)))
}

/// The resource limits for an input of `len` bytes (see docs/performance.md).
///
/// Nodes grow with the input: written out, a node takes at least two bytes
/// (`a,`), and block-style specs take ten or more, so `len / 4` nodes leave room
/// for any real spec and its aliases; the copies an alias makes count, charged
/// before they are made, so a 500-byte alias bomb stops after 20 000 nodes.
#[must_use]
fn limits(len: usize) -> tree::Limits {
    tree::Limits {
        nodes: MIN_NODES.max(len / 4),
        text: MAX_TEXT,
        depth: MAX_DEPTH,
    }
}

/// The node budget of a small file: ten times what a dense 5-stage spec uses.
const MIN_NODES: usize = 20_000;

/// Bytes of scalar text, aliases' copies included: twice the largest file.
const MAX_TEXT: usize = 64 * 1024 * 1024;

/// Levels of lists and mappings: a spec nests six or seven deep.
const MAX_DEPTH: usize = 64;

/// The byte span of a failure, clamped to the text, at least one character long.
fn span_of(at: tree::At, file: FileId, source: &SourceFile) -> Span {
    let len = source.text.len();
    let (start, end) = match at {
        tree::At::Bytes { start, end } => {
            let start = start.min(len);
            (start, end.clamp(start, len))
        }
        tree::At::LineCol { line, col } => {
            let start = source.offset_of(line.max(1), col.max(1));
            (start, start)
        }
    };
    let end = if end == start {
        source.advance_chars(start, 1)
    } else {
        end
    };
    Span::new(file, start, end)
}

fn to_diagnostic(failure: &tree::Failure, file: FileId, source: &SourceFile) -> Diagnostic {
    let message: String = failure
        .message
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let span = span_of(failure.at, file, source);
    match &failure.what {
        tree::What::DuplicateKey { key } => {
            return Diagnostic::error(
                Problem::DuplicateKey {
                    key: key.clone(),
                    parser: message,
                },
                span,
            );
        }
        tree::What::TooLarge => return Diagnostic::error(Problem::YamlTooLarge, span),
        tree::What::TooDeep { levels } => {
            return Diagnostic::error(
                Problem::YamlTooDeep {
                    parser: message,
                    levels: *levels,
                },
                span,
            );
        }
        tree::What::Syntax => {}
    }
    // The most common cause far from its symptom: a `[` or `{` never closed.
    if let Some(open) = unclosed_bracket(&source.text[..span.start().min(source.text.len())]) {
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
        return Diagnostic::error(Problem::UnclosedQuote { quote }, Span::new(file, open, end));
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
        let first = start + text[start..].len() - text[start..].trim_start_matches(' ').len();
        Span::new(
            file,
            first,
            span.start().max(source.advance_chars(first, 1)),
        )
    } else {
        span
    };
    let problem = Problem::YamlSyntax {
        parser: message,
        hint,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// `text` as the file `t.yaml`.
    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.yaml".into(), PathBuf::from("t.yaml"), text.to_owned())
    }

    fn read(text: &str) -> Result<String, String> {
        let source = file(text);
        match parse(FileId(0), &source) {
            Ok(root) => Ok(format!("{root:?}")),
            Err(d) => Err(format!(
                "{} {:?} {}..{}",
                d.code,
                d.message,
                d.span.start(),
                d.span.end()
            )),
        }
    }

    #[test]
    fn duplicate_keys_are_found_in_small_and_large_mappings() {
        let e = read("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(e.starts_with("JM0002") && e.ends_with("10..11"), "{e}");
        // Past 16 keys the mapping indexes its keys by hash.
        let mut big: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        assert!(read(&big).is_ok());
        big.push_str("k7: again\n");
        let e = read(&big).unwrap_err();
        assert!(e.contains("duplicate mapping key `k7`"), "{e}");
        // Keys are texts to the spec reader: `1` and `"1"` are one key, `1` and `01` two.
        assert!(read("1: a\n\"1\": b\n").is_err());
        assert!(read("1: a\n01: b\n").is_ok());
    }

    #[test]
    fn text_borrows_from_the_file() {
        let source = file("a: plain\nb: \"quoted\"\n");
        let root = parse(FileId(0), &source).unwrap();
        let Kind::Map(entries) = &root.kind else {
            panic!("{root:?}")
        };
        for (_, v) in entries {
            let Kind::Str(t) = &v.kind else {
                panic!("{v:?}")
            };
            assert!(matches!(t.0, Cow::Borrowed(_)), "{t:?} is a copy");
        }
    }

    #[test]
    fn aliases_merges_and_documents() {
        // A copy stands where its alias is; its inside keeps the anchor's places.
        let root = read("a: &x {k: 1}\nb: *x\n").unwrap();
        assert!(root.contains("start: 16, end: 18"), "{root}");
        // Merge keys: the mapping's own keys win, merged ones are added.
        let root = read("d: &d {a: 1, b: 2}\nm:\n  <<: *d\n  b: 3\n").unwrap();
        assert!(
            root.contains("Int(3)") && root.contains("Int(1)") && !root.contains("<<"),
            "{root}"
        );
        let e = read("m:\n  <<: 5\n").unwrap_err();
        assert!(e.contains("merge value"), "{e}");
        // An alias inside what its anchor names is a cycle.
        let e = read("a: &x [1, *x]\n").unwrap_err();
        assert!(e.contains("recursive"), "{e}");
        let e = read("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(e.contains("multiple found"), "{e}");
        assert!(read("# nothing\n").unwrap().contains("Null"));
    }

    #[test]
    fn keys_are_the_same_as_the_spec_reader_sees_them() {
        // `1.5` and `"1.5"` read as the same text: the second would overwrite the first.
        assert!(
            read("1.5: a\n\"1.5\": b\n")
                .unwrap_err()
                .contains("duplicate mapping key `1.5`")
        );
        assert!(read("true: a\n'true': b\n").is_err());
        // Spelt otherwise, they are other keys.
        assert!(read("1.10: a\n1.1: b\n").is_ok());
        assert!(read("true: a\nTrue: b\n").is_ok());
        assert!(read("~: a\nnull: b\n").is_ok());
    }

    #[test]
    fn merge_keys_are_plain_and_null_merges_nothing() {
        // A quoted `"<<"` is an ordinary key.
        let root = read("m:\n  \"<<\": 5\n").unwrap();
        assert!(root.contains("\"<<\"") && root.contains("Int(5)"), "{root}");
        assert!(read("m:\n  <<:\n  a: 1\n").is_ok());
        assert!(read("m:\n  <<: [~, {a: 1}]\n").is_ok());
        assert!(
            read("d: &d {a: 1}\nm:\n  !!merge <<: *d\n")
                .unwrap()
                .contains("Int(1)")
        );
    }

    #[test]
    fn an_aliased_number_keeps_its_spelling() {
        // The copy of a number points where it is written, so its text is `2026.10`.
        let source = file("a: &v 2026.10\nb: *v\n");
        let root = parse(FileId(0), &source).unwrap();
        let Kind::Map(entries) = &root.kind else {
            panic!()
        };
        let copy = &entries[1].1;
        assert_eq!(&source.text[copy.span.start()..copy.span.end()], "2026.10");
    }

    #[test]
    fn local_tags_spelt_like_core_ones_mean_them() {
        let root = read("a: !str 2026.10\nb: !int 7\n").unwrap();
        assert!(
            root.contains("\"2026.10\"") && root.contains("Int(7)"),
            "{root}"
        );
    }

    #[test]
    fn nested_anchors_pay_for_their_copies() {
        // Each anchor keeps a copy of what it names, inner anchors included: 63
        // nested anchors around 20 000 numbers would store them 63 times.
        let items = vec!["1"; 19_000].join(",");
        let mut text = String::from("a: ");
        for i in 0..40 {
            text.push_str(&format!("&a{i} ["));
        }
        text.push_str(&items);
        text.push_str(&"]".repeat(40));
        text.push('\n');
        let e = read(&text).unwrap_err();
        assert!(e.starts_with("JM0005"), "{e}");
        // One anchor on the same list is fine: its copy is not charged.
        assert!(read(&format!("a: &a [{items}]\n")).is_ok());
    }

    #[test]
    fn copies_count_against_the_budgets() {
        // Depth: an alias of a 40-deep list under 40 more levels.
        let deep = format!(
            "a: &x {}{}\nb: {}*x{}\n",
            "[".repeat(40),
            "]".repeat(40),
            "[".repeat(40),
            "]".repeat(40)
        );
        let e = read(&deep).unwrap_err();
        assert!(e.starts_with("JM0005") && e.contains("YamlTooDeep"), "{e}");
        // Nodes: charged before the copy, so the error is at the alias.
        let list = format!("[{}]", vec!["1"; 999].join(","));
        let bomb = format!("a: &x {list}\nb: [{}]\n", vec!["*x"; 30].join(","));
        let e = read(&bomb).unwrap_err();
        assert!(e.starts_with("JM0005"), "{e}");
        let at: usize = e
            .rsplit(' ')
            .next()
            .unwrap()
            .split("..")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(&bomb[at..at + 2], "*x");
    }
}
