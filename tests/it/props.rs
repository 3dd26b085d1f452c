//! Property tests (proptest) of every escaping context: for any string, the
//! output keeps its structure and shows the string only as text.
//!
//! - HTML and SVG: a spec with the string in every text field renders to markup
//!   whose tags and attribute names are all ones the templates write for plain
//!   text (nothing injected), with balanced quotes; the SVG is also well-formed
//!   XML text (entities, no characters XML forbids).
//! - Markdown: `markdown::inline` and `markdown::cell` parsed by a GFM renderer
//!   (comrak) give plain text only, in a paragraph or a one-cell table row, with
//!   the string's visible characters in order; a cell holds no newline and no
//!   unescaped `|`.
//! - Mermaid: every line of `mermaid::diagram` keeps its field structure (title,
//!   section, `task: score: actors`), with no raw `;`, `#`, `%` or `:` from spec
//!   text, and the entities decode back to the text.
//!
//! Also: every spec in `tests/fuzz-regressions/` (inputs the fuzzer once crashed
//! on) goes through check and every output format without a panic; and data
//! files (SPEC.md §6), CSV-shaped or garbled or random bytes, under a fixed
//! spec: `check` never panics, exits 0 or 1, and places every diagnostic
//! inside the file it names (lines and columns that exist).

use crate::support::root;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use journeymap::lint::CliLevels;
use journeymap::model::Journey;
use journeymap::render::{Format, Renderer};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

mod data_files;

// ---------------------------------------------------------------------------
// Strings

/// Characters with a meaning in some output: markup, Markdown, Mermaid, CSV, YAML.
const SHARP: &str = "<>&\"'`;#%:,|\\/*_~[]()!$@.=+-{}^\n\r\t\u{0}\u{7}\u{1b}\u{85}\u{2028}\u{feff}\u{202e}\u{FB02}\u{B6} ";

/// Any string, weighted towards the characters that matter and CJK text.
fn hostile() -> impl Strategy<Value = String> {
    let sharp: Vec<char> = SHARP.chars().collect();
    let piece = prop_oneof![
        4 => proptest::sample::select(sharp).prop_map(String::from),
        2 => "[a-zA-Z0-9]{1,4}",
        1 => "[あ-んア-ン一-龥]{1,3}",
        1 => Just("www.".to_owned()),
        1 => Just("http://x".to_owned()),
        1 => Just("&amp;".to_owned()),
        1 => Just("#59;".to_owned()),
        1 => Just("</script>".to_owned()),
        1 => Just("<img src=x onerror=alert(1)>".to_owned()),
        1 => Just("section".to_owned()),
        1 => Just("1.".to_owned()),
        1 => any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        6 => proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

/// Characters that show nothing: whitespace, control characters and the BOM
/// (a zero-width no-break space, which JavaScript's `\s` and most outputs trim).
fn blank(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{feff}'
}

/// A string with something visible in it, as required names must be.
fn hostile_name() -> impl Strategy<Value = String> {
    hostile().prop_filter("a name needs a visible character", |s| {
        s.chars().any(|c| !blank(c))
    })
}

/// A YAML double-quoted scalar: any text survives it.
fn yaml(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A spec with `s` in every text field (and `name` where text is required).
fn spec_with(s: &str, name: &str) -> String {
    let (s, n) = (yaml(s), yaml(name));
    format!(
        r#"journeymap: 1
title: {n}
description: {s}
version: {s}
owner: {s}
tags: [{s}]
x-note: {s}
personas:
  - id: p1
    name: {n}
    role: {s}
    avatar: {s}
    quote: {s}
    segment: {s}
    goals: [{s}]
    needs: [{s}]
    pains: [{s}]
    attributes: {{{n}: {s}}}
  - id: p2
    name: {n}
channels:
  - {{id: c1, name: {n}, kind: online}}
stages:
  - id: one
    name: {n}
    description: {s}
    goal: {s}
    questions: [{s}]
    kpis: [{s}]
    pain_points: [{s}]
    opportunities: [{{text: {n}, priority: high, owner: {s}}}]
    touchpoints:
      - id: t1
        name: {n}
        channel: c1
        action: {s}
        thought: {s}
        emotion: {{p1: -2, p2: 1}}
        feeling: {s}
        pain_points: [{n}]
        opportunities: [{n}]
        owner: {s}
        backstage: [{s}]
        moment_of_truth: true
        evidence: [{s}]
        metrics: {{{n}: {s}}}
      - id: t2
        name: {n}
        channel: c1
        emotion: 2
  - name: {n}
    touchpoints:
      - {{name: {n}, emotion: -1, opportunities: [{n}]}}
"#
    )
}

fn compile(text: &str) -> Option<Journey> {
    let c = journeymap::compile_str("prop.yaml", text, &CliLevels::default());
    c.journey
}

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(Renderer::default)
}

fn render(j: &Journey, format: Format) -> String {
    renderer()
        .render_journey(j, format)
        .unwrap_or_else(|e| panic!("{format:?}: {e}"))
}

fn format(name: &str) -> Format {
    Format::named(name).expect("a registered format")
}

// ---------------------------------------------------------------------------
// HTML and SVG

/// The markup of a document: each tag with its attribute names, in order.
/// Text, attribute values and the raw text of `<style>`/`<script>` are skipped.
/// Returns an error where the markup is malformed (an unclosed quote, tag or comment).
fn tags(doc: &str) -> Result<Vec<String>, String> {
    let b = doc.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = doc[i..].find('<') {
        i += off;
        let rest = &doc[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("unclosed comment")?;
            i += end + 3;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').ok_or("unclosed declaration")?;
            i += end + 1;
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == ':'))
            .unwrap_or(rest.len() - 1);
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        if name.is_empty() || name == "/" {
            return Err(format!("a raw `<` in text at byte {i}: {:?}", head(rest)));
        }
        let mut tag = name.clone();
        let mut j = i + 1 + name_len;
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                None => return Err(format!("unclosed tag {name}")),
                Some(b'>') => break,
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    j += 1;
                    break;
                }
                _ => {}
            }
            let start = j;
            while j < b.len() && !b"= \t\n\r/>\"'".contains(&b[j]) {
                j += 1;
            }
            if j == start {
                return Err(format!("a stray {:?} in tag {name}", b[j] as char));
            }
            tag.push(' ');
            tag.push_str(&doc[start..j].to_ascii_lowercase());
            if b.get(j) == Some(&b'=') {
                j += 1;
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = doc[j + 1..]
                            .find(q as char)
                            .ok_or_else(|| format!("unclosed attribute in {name}"))?;
                        j += end + 2;
                    }
                    _ => {
                        while j < b.len() && !b" \t\n\r>".contains(&b[j]) {
                            j += 1;
                        }
                    }
                }
            }
        }
        out.push(tag);
        i = j + 1;
        for raw in ["style", "script"] {
            if name == raw {
                let close = format!("</{raw}");
                let end = doc[i..]
                    .to_ascii_lowercase()
                    .find(&close)
                    .ok_or_else(|| format!("unclosed {raw}"))?;
                i += end;
            }
        }
    }
    Ok(out)
}

fn head(s: &str) -> String {
    s.chars().take(40).collect()
}

/// The tags and attribute names the templates write when every field is plain text.
fn baseline(format: Format) -> &'static BTreeSet<String> {
    static HTML: OnceLock<BTreeSet<String>> = OnceLock::new();
    static SVG: OnceLock<BTreeSet<String>> = OnceLock::new();
    let cell = if format == Format::HTML { &HTML } else { &SVG };
    cell.get_or_init(|| {
        let mut all = BTreeSet::new();
        let long = "とても長い説明文 with several words ".repeat(12);
        for (s, name) in [
            ("x", "x"),
            ("plain words", "Name"),
            (long.as_str(), long.as_str()),
            ("", "料金ページ"),
            ("line one\n\nline two\nthree", "two\nlines"),
        ] {
            let j = compile(&spec_with(s, name)).expect("the baseline spec is valid");
            let doc = render(&j, format);
            all.extend(tags(&doc).unwrap_or_else(|e| panic!("baseline {format:?}: {e}")));
        }
        all
    })
}

/// Whether `doc` only uses the entities and characters XML allows.
fn xml_text_problem(doc: &str) -> Option<String> {
    if let Some(c) = doc.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
    }) {
        return Some(format!("character {:?} is not allowed in XML", c));
    }
    for (i, _) in doc.match_indices('&') {
        let rest = &doc[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
            .collect();
        let ok = rest[name.len()..].starts_with(';')
            && (matches!(name.as_str(), "amp" | "lt" | "gt" | "quot" | "apos")
                || name
                    .strip_prefix("#x")
                    .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                || name
                    .strip_prefix('#')
                    .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())));
        if !ok {
            return Some(format!("a bare `&` before {:?}", head(rest)));
        }
    }
    None
}

fn check_markup(s: &str, name: &str, format: Format) -> Result<(), TestCaseError> {
    let Some(j) = compile(&spec_with(s, name)) else {
        return Err(TestCaseError::fail(format!(
            "the spec with {s:?} / {name:?} does not compile"
        )));
    };
    let doc = render(&j, format);
    let found =
        tags(&doc).map_err(|e| TestCaseError::fail(format!("{format:?} for {s:?}: {e}")))?;
    let allowed = baseline(format);
    for t in &found {
        prop_assert!(
            allowed.contains(t),
            "{format:?}: spec text {s:?} / {name:?} produced markup `<{t}>`"
        );
    }
    if format == self::format("svg")
        && let Some(p) = xml_text_problem(&doc)
    {
        return Err(TestCaseError::fail(format!("SVG for {s:?}: {p}")));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn html_shows_any_text_only_as_text(s in hostile(), name in hostile_name()) {
        check_markup(&s, &name, Format::HTML)?;
    }

    #[test]
    fn svg_shows_any_text_only_as_text(s in hostile(), name in hostile_name()) {
        check_markup(&s, &name, format("svg"))?;
    }
}

// ---------------------------------------------------------------------------
// Markdown

fn gfm() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.strikethrough = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.math_dollars = true;
    o
}

/// The text a reader sees, and the nodes that are not plain text.
fn inline_content<'a>(node: &'a AstNode<'a>, text: &mut String, markup: &mut Vec<String>) {
    for child in node.children() {
        match &child.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push('\n'),
            NodeValue::HtmlInline(h) if h == "<br>" => text.push('\n'),
            // An empty comment: how the escaping breaks up an e-mail autolink.
            NodeValue::HtmlInline(h) if h == "<!-- -->" => {}
            other => {
                markup.push(format!("{other:?}"));
                inline_content(child, text, markup);
            }
        }
    }
}

/// The visible characters of `s` (no whitespace or control characters), in order.
fn visible(s: &str) -> String {
    s.chars().filter(|&c| !blank(c)).collect()
}

/// The block kinds directly under the document.
fn blocks<'a>(root: &'a AstNode<'a>) -> Vec<String> {
    root.children()
        .map(|n| {
            let d = format!("{:?}", n.data().value);
            d.split(['(', ' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn markdown_inline_is_plain_text(s in hostile()) {
        let escaped = journeymap::markdown::inline(&s);
        prop_assert!(!escaped.contains(['\n', '\r']), "{s:?} -> {escaped:?}");
        // After a paragraph line, so that a setext underline (`===`, `---`) would show.
        let doc = format!("Intro\n{escaped}\n");
        let arena = Arena::new();
        let root = parse_document(&arena, &doc, &gfm());
        prop_assert_eq!(blocks(root), vec!["Paragraph".to_owned()], "{:?} -> {:?}", s, escaped);
        let para = root.first_child().unwrap();
        let (mut text, mut markup) = (String::new(), Vec::new());
        inline_content(para, &mut text, &mut markup);
        prop_assert!(markup.is_empty(), "{s:?} -> {escaped:?} became {markup:?}");
        prop_assert_eq!(visible(&text), format!("Intro{}", visible(&s)), "{:?} -> {:?}", s, escaped);
    }

    #[test]
    fn markdown_inline_alone_starts_no_block(s in hostile()) {
        let escaped = journeymap::markdown::inline(&s);
        prop_assume!(!escaped.is_empty());
        let arena = Arena::new();
        let root = parse_document(&arena, &format!("{escaped}\n"), &gfm());
        prop_assert_eq!(blocks(root), vec!["Paragraph".to_owned()], "{:?} -> {:?}", s, escaped);
        let (mut text, mut markup) = (String::new(), Vec::new());
        inline_content(root.first_child().unwrap(), &mut text, &mut markup);
        prop_assert!(markup.is_empty(), "{s:?} -> {escaped:?} became {markup:?}");
        prop_assert_eq!(visible(&text), visible(&s));
    }

    #[test]
    fn markdown_cell_stays_in_its_cell(s in hostile()) {
        let cell = journeymap::markdown::cell(&s);
        prop_assert!(!cell.contains(['\n', '\r']), "{s:?} -> {cell:?}");
        for (i, _) in cell.match_indices('|') {
            let backslashes = cell[..i].chars().rev().take_while(|&c| c == '\\').count();
            prop_assert!(backslashes % 2 == 1, "unescaped `|` in {cell:?} (from {s:?})");
        }
        let doc = format!("| a | b |\n|---|---|\n| {cell} | z |\n");
        let arena = Arena::new();
        let root = parse_document(&arena, &doc, &gfm());
        prop_assert_eq!(blocks(root), vec!["Table".to_owned()], "{:?} -> {:?}", s, cell);
        let table = root.first_child().unwrap();
        let rows: Vec<_> = table.children().collect();
        prop_assert_eq!(rows.len(), 2, "{:?} -> {:?}", s, cell);
        let cells: Vec<_> = rows[1].children().collect();
        prop_assert_eq!(cells.len(), 2, "{:?} -> {:?}", s, cell);
        let (mut text, mut markup) = (String::new(), Vec::new());
        inline_content(cells[0], &mut text, &mut markup);
        prop_assert!(markup.is_empty(), "{s:?} -> {cell:?} became {markup:?}");
        prop_assert_eq!(visible(&text), visible(&s));
        let (mut z, mut none) = (String::new(), Vec::new());
        inline_content(cells[1], &mut z, &mut none);
        prop_assert_eq!(z, "z");
    }
}

// ---------------------------------------------------------------------------
// Mermaid

/// `#NN;` entities back to their characters.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let decoded = (digits > 0 && after[digits..].starts_with(';'))
            .then(|| after[..digits].parse::<u32>().ok().and_then(char::from_u32))
            .flatten();
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[digits + 1..];
            }
            None => {
                out.push('#');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `s` as one Mermaid line: whitespace and control characters as single spaces, trimmed.
fn flat(s: &str) -> String {
    s.split(blank)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `shown` is `text`, or `text` shortened with a trailing `…`.
fn shows(shown: &str, text: &str) -> bool {
    shown == text
        || shown
            .strip_suffix('…')
            .is_some_and(|head| !head.is_empty() && text.starts_with(head))
}

/// Remove `#NN;` entities, leaving what Mermaid's lexer reads as syntax.
fn without_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(';') {
            rest = &after[digits + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mermaid_lines_keep_their_fields(
        title in hostile_name(),
        section in hostile_name(),
        task in hostile_name(),
        actor in hostile_name(),
    ) {
        let text = format!(
            "journeymap: 1\ntitle: {}\npersonas:\n  - {{id: p1, name: {}}}\n  - {{id: p2, name: other}}\nstages:\n  - name: {}\n    touchpoints:\n      - {{name: {}, emotion: 1}}\n      - {{name: {}, emotion: {{p1: -2, p2: 2}}}}\n",
            yaml(&title), yaml(&actor), yaml(&section), yaml(&task), yaml(&task)
        );
        let j = compile(&text).expect("the spec is valid");
        let mmd = render(&j, format("mermaid"));
        let lines: Vec<&str> = mmd.lines().collect();
        prop_assert_eq!(lines[0], "journey");
        let flat_actor = flat(&actor);
        let mut tasks = 0;
        for line in &lines[1..] {
            let syntax = without_entities(line);
            prop_assert!(!syntax.contains([';', '#', '%']), "raw `;#%` in {line:?}");
            prop_assert!(!syntax.contains("<br") && !syntax.contains("<BR"), "a break in {line:?}");
            if let Some(t) = line.strip_prefix("    title ") {
                prop_assert!(!syntax.contains(':'), "{line:?}");
                prop_assert!(shows(&decode_entities(t), &flat(&title)), "{line:?} for {title:?}");
            } else if let Some(s) = line.strip_prefix("    section ") {
                prop_assert!(!syntax.contains(':'), "{line:?}");
                prop_assert!(shows(&decode_entities(s), &flat(&section)), "{line:?} for {section:?}");
            } else if let Some(t) = line.strip_prefix("      ") {
                tasks += 1;
                let fields: Vec<&str> = t.split(':').collect();
                prop_assert_eq!(fields.len(), 3, "task {:?} has name, score, actors", line);
                let name = decode_entities(fields[0].trim_end());
                prop_assert!(shows(&name, &flat(&task)), "{line:?} for {task:?}");
                let score: i64 = fields[1].trim().parse().map_err(|_| TestCaseError::fail(format!("score in {line:?}")))?;
                prop_assert!((1..=5).contains(&score));
                let actors: Vec<String> = fields[2].split(',').map(|a| decode_entities(a.trim())).collect();
                for a in &actors {
                    let known = shows(a, &flat_actor) || *a == "other" || a.ends_with("(p1)") || a.ends_with("(p2)");
                    prop_assert!(known, "actor {:?} in {:?}", a, line);
                }
            } else {
                return Err(TestCaseError::fail(format!("an unexpected line {line:?}")));
            }
        }
        // One task for the shared emotion, two for the emotions that differ.
        prop_assert_eq!(tasks, 3, "{}", mmd);
    }
}

// ---------------------------------------------------------------------------
// Fuzz regressions

/// Everything a user can make journeymap do with one spec (as the fuzz targets do).
fn exercise(text: &str) {
    use journeymap::report::{self, MessageFormat};
    let levels = CliLevels::default();
    let c = journeymap::compile_str("regression.yaml", text, &levels);
    for d in &c.diagnostics {
        for format in [
            MessageFormat::Human,
            MessageFormat::Json,
            MessageFormat::Github,
        ] {
            let _ = report::render(d, &c.sources, format, false);
        }
    }
    let Some(j) = &c.journey else { return };
    let insights = journeymap::insight::insights(j);
    let p = journeymap::present::Presentation::new(j, &insights);
    for format in Format::ALL {
        // Bytes, for `-f png`; a PNG may fail for want of a font for hostile
        // text (an error, never a crash), a text format never does.
        match renderer().render_bytes(&p, format) {
            Ok(_) => {}
            Err(journeymap::render::RenderError::Fonts(_)) if format.name() == "png" => {}
            Err(e) => panic!("{format:?}: {e:?}"),
        }
    }
    for p in &j.personas {
        let one = j.for_persona(&p.id).expect("a persona of the journey");
        let _ = render(&one, Format::HTML);
    }
}

#[test]
fn fuzz_regressions_do_not_crash() {
    let dir = root().join("tests/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    assert!(
        !files.is_empty(),
        "no fuzz regressions in {}",
        dir.display()
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let name = path.display().to_string();
        let outcome = std::panic::catch_unwind(|| exercise(&text));
        assert!(outcome.is_ok(), "{name} crashed journeymap");
    }
}
