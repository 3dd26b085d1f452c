//! Printing diagnostics: `human` (rustc style, with snippet and caret),
//! `json` (one object per line) and `github` (workflow commands), in a
//! language ([`Lang`]): the words come from the `message` catalogue, the
//! codes, places and JSON keys are the same in every language.

use crate::diagnostic::{Diagnostic, Severity};
use crate::message::{Lang, Texts};
use crate::source::{SourceFile, Sources, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;
use std::fmt::Write as _;

/// The output format of diagnostics (`--message-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-style text with the source line and a caret
    #[default]
    Human,
    /// one JSON object per line
    Json,
    /// GitHub Actions workflow commands (`::error file=…`)
    Github,
}

/// Render one diagnostic in `format`, in English; the result ends with a newline.
#[must_use]
pub fn render(d: &Diagnostic, sources: &Sources, format: MessageFormat, color: bool) -> String {
    render_in(Lang::En, d, sources, format, color)
}

/// Render one diagnostic in `format`, in `lang`; the result ends with a newline.
#[must_use]
pub fn render_in(
    lang: Lang,
    d: &Diagnostic,
    sources: &Sources,
    format: MessageFormat,
    color: bool,
) -> String {
    let texts = d.texts(lang);
    match format {
        MessageFormat::Human => human(lang, d, &texts, sources, color),
        MessageFormat::Json => json(d, &texts, &related(d, sources, lang), sources),
        MessageFormat::Github => github(d, &texts, sources, &related(d, sources, lang)),
    }
}

/// The lines around `span` (plus `extra` lines), as (text, first line number, byte offset of the text).
fn window(file: &SourceFile, start: usize, end: usize) -> (&str, usize, usize) {
    let text = &file.text;
    let start = start.min(text.len());
    let end = end.min(text.len()).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let (line, _) = file.line_col(line_start);
    (&text[line_start..line_end], line, line_start)
}

/// A line longer than this (1 MiB) is not shown.
///
/// annotate-snippets measures the display width of every character it is
/// given, and a snippet is at least a whole line: on a spec written as one line
/// of megabytes, each error cost a pass over all of it (17 s for 100 errors on
/// an 18 MB line). Such an error gets its place (`--> file:line:col`) and its
/// label as a note instead. Below the limit, 100 errors (the most shown per
/// file) cost well under a second.
const LONG_SNIPPET: usize = 1 << 20;

/// A place to annotate: its span, its label, and whether it is the primary one.
type Annotation<'a> = (Span, &'a str, bool);

/// The source lines of `text` (line `line`, byte `base` of `f`) with the annotations of `g`.
fn snippet<'a>(
    f: &'a SourceFile,
    text: &'a str,
    line: usize,
    base: usize,
    g: &[Annotation<'a>],
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let mut snippet = Snippet::source(text).line_start(line).path(f.name.as_str());
    for (span, label, primary) in g {
        let kind = if *primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let s = span.start().saturating_sub(base).min(text.len());
        let mut e = span.end().saturating_sub(base).min(text.len()).max(s);
        if e == s && s < text.len() {
            e = f.advance_chars(span.start(), 1) - base;
        }
        snippet = snippet.annotation(kind.span(s..e).label(*label));
    }
    snippet
}

fn human(lang: Lang, d: &Diagnostic, texts: &Texts, sources: &Sources, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let notes: Vec<String> = d.notes.iter().map(|n| lang.note_label(&n.label)).collect();
    let mut spans: Vec<Annotation> = vec![(d.span, texts.label.as_deref().unwrap_or(""), true)];
    spans.extend(
        d.notes
            .iter()
            .zip(&notes)
            .map(|(n, l)| (n.span, l.as_str(), false)),
    );
    let title = level.primary_title(texts.message.as_str()).id(d.code);
    let mut group = Group::with_title(title);
    let mut snippets = Vec::new();
    for g in &near_groups(spans, sources) {
        let f = sources.get(g[0].0.file);
        let lo = g.iter().map(|s| s.0.start()).min().unwrap_or(0);
        let hi = g.iter().map(|s| s.0.end()).max().unwrap_or(0);
        let (text, line, base) = window(f, lo, hi);
        let longest = text.split('\n').map(str::len).max().unwrap_or(0);
        if longest > LONG_SNIPPET {
            let (l, c) = f.line_col(g[0].0.start());
            group = group.element(Origin::path(f.name.as_str()).line(l).char_column(c));
            for (i, (span, label, _)) in g.iter().enumerate() {
                let at = (i > 0).then(|| f.line_col(span.start()));
                group =
                    group.element(Level::NOTE.message(lang.long_line(label, at, longest / 1024)));
            }
            continue;
        }
        snippets.push(snippet(f, text, line, base, g));
    }
    for s in snippets {
        group = group.element(s);
    }
    if let Some(help) = &texts.help {
        for line in help.lines() {
            group = group.element(Level::HELP.message(line));
        }
    }
    if let Some(note) = &texts.note {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let renderer = renderer(color);
    let mut out = renderer.render(&[group]);
    out.push_str("\n\n");
    out
}

/// annotate-snippets' renderer, with colour or without.
fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// The annotations grouped into one snippet per file where they are close
/// (within six lines of the group's first); otherwise one per annotation.
fn near_groups<'a>(spans: Vec<Annotation<'a>>, sources: &Sources) -> Vec<Vec<Annotation<'a>>> {
    let mut groups: Vec<Vec<Annotation>> = Vec::new();
    for s in spans {
        let near = groups.iter_mut().find(|g| {
            g[0].0.file == s.0.file && {
                let f = sources.get(s.0.file);
                f.line_col(g[0].0.start())
                    .0
                    .abs_diff(f.line_col(s.0.start()).0)
                    <= 6
            }
        });
        match near {
            Some(g) => g.push(s),
            None => groups.push(vec![s]),
        }
    }
    groups
}

/// 1-based (line, column) of both ends of a span, columns in characters.
fn positions(d: &Diagnostic, sources: &Sources) -> (String, usize, usize, usize, usize) {
    let f = sources.get(d.span.file);
    let (line, column) = f.line_col(d.span.start());
    let (end_line, end_column) = f.line_col(d.span.end().max(d.span.start()));
    (f.name.clone(), line, column, end_line, end_column)
}

/// A secondary place of a diagnostic (the first row of a value given twice).
#[derive(Serialize)]
struct Related {
    file: String,
    line: usize,
    column: usize,
    label: String,
}

fn related(d: &Diagnostic, sources: &Sources, lang: Lang) -> Vec<Related> {
    d.notes
        .iter()
        .map(|n| {
            let f = sources.get(n.span.file);
            let (line, column) = f.line_col(n.span.start());
            Related {
                file: f.name.clone(),
                line,
                column,
                label: lang.note_label(&n.label),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    note: Option<&'a str>,
    /// The other places the diagnostic names (left out when there are none).
    #[serde(skip_serializing_if = "<[Related]>::is_empty")]
    related: &'a [Related],
}

fn json(d: &Diagnostic, texts: &Texts, related: &[Related], sources: &Sources) -> String {
    let (file, line, column, end_line, end_column) = positions(d, sources);
    let j = JsonDiagnostic {
        code: d.code,
        severity: d.severity.as_str(),
        message: &texts.message,
        file: &file,
        line,
        column,
        end_line,
        end_column,
        help: texts.help.as_deref(),
        note: texts.note.as_deref(),
        related,
    };
    let mut s = serde_json::to_string(&j).unwrap_or_default();
    s.push('\n');
    s
}

/// Escape data of a workflow command (`%`, CR, LF).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property of a workflow command (also `:` and `,`).
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(d: &Diagnostic, texts: &Texts, sources: &Sources, related: &[Related]) -> String {
    let (file, line, column, end_line, end_column) = positions(d, sources);
    let mut msg = texts.message.clone();
    for r in related {
        let _ = write!(msg, "\n{}:{}:{}: {}", r.file, r.line, r.column, r.label);
    }
    if let Some(h) = &texts.help {
        let _ = write!(msg, "\nhelp: {h}");
    }
    format!(
        "::{} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
        d.severity.as_str(),
        gh_prop(&file),
        gh_prop(d.code),
        gh_data(&msg)
    )
}

/// A diagnostic about a whole file that could not be read as text, with no snippet.
#[must_use]
pub fn plain_error(message: &str, color: bool) -> String {
    let renderer = renderer(color);
    let mut out = renderer.render(&[Group::with_title(Level::ERROR.primary_title(message))]);
    out.push('\n');
    out
}

/// An error about a place in a file that is no spec (a book's chapter), with
/// its line and a caret under `span`, as rustc shows one.
#[must_use]
pub fn error_at(
    message: &str,
    file: &SourceFile,
    span: std::ops::Range<usize>,
    color: bool,
) -> String {
    let (text, line, base) = window(file, span.start, span.end);
    let s = span.start.saturating_sub(base).min(text.len());
    let e = span.end.saturating_sub(base).min(text.len()).max(s);
    let snippet = Snippet::source(text)
        .line_start(line)
        .path(file.name.as_str())
        .annotation(AnnotationKind::Primary.span(s..e));
    let group = Group::with_title(Level::ERROR.primary_title(message)).element(snippet);
    let renderer = renderer(color);
    let mut out = renderer.render(&[group]);
    out.push_str("\n\n");
    out
}
