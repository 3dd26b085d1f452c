//! Markdown, Mermaid and CSV checked with real tools: comrak (a GFM renderer with
//! tables, autolinks, strikethrough, footnotes, task lists, alerts and `$` math on),
//! the Mermaid CLI (`mmdc`, rendering in Debian's Chromium) and the `csv` crate.
//!
//! Specs: every example and the torture specs in `tests/torture/` (every character
//! Mermaid's journey syntax trips on, Markdown and HTML syntax, links, line breaks,
//! Japanese, emoji and very long names, in every field).
//!
//! - Markdown: every table row has as many cells as its header; no spec text becomes
//!   a link, image, HTML, heading, quote, code, footnote, math or strikethrough; every
//!   spec text reads as written; and the torture map has exactly the structure of its
//!   twin, the same spec with every text replaced by `x`.
//! - Mermaid: every line lexes the way Mermaid's journey grammar reads it, and every
//!   diagram renders in `mmdc` with its title, sections, tasks and actors in the SVG.
//!   Without `mmdc` or Chromium that test skips itself, loudly; under `CI=true` that
//!   is a failure instead.
//! - CSV: BOM, CRLF, RFC 4180, and it parses back to the spec's values.

use crate::support::{Dir, jm, jm_run, root, run};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use serde_json::{Map, Value};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every spec the checks run on, as paths relative to the crate root.
fn specs() -> Vec<String> {
    let mut v = Vec::new();
    for dir in ["examples", "tests/torture"] {
        let mut found: Vec<String> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") && !n.ends_with("-personas.yaml"))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        found.sort();
        v.extend(found);
    }
    assert!(v.iter().any(|s| s.starts_with("tests/torture/")));
    v
}

fn build(spec: &str, format: &str) -> String {
    let r = jm_run(&["build", spec, "-f", format, "-o", "-"]);
    assert_eq!(r.code, 0, "{spec} -f {format}:\n{}", r.stderr);
    r.stdout
}

/// The validated model of a spec (`-f json`).
fn model(spec: &str) -> Value {
    serde_json::from_str(&build(spec, "json")).unwrap()
}

fn is_torture(spec: &str) -> bool {
    spec.starts_with("tests/torture/")
}

// ---------------------------------------------------------------------------
// Spec text

/// Keys whose string values are spec text shown in the outputs.
const TEXT_KEYS: &[&str] = &[
    "title",
    "description",
    "version",
    "owner",
    "tags",
    "name",
    "role",
    "avatar",
    "quote",
    "segment",
    "goals",
    "needs",
    "pains",
    "goal",
    "questions",
    "kpis",
    "text",
    "action",
    "thought",
    "feeling",
    "backstage",
    "evidence",
    "pain_points",
    "opportunities",
];
/// Maps whose keys are spec text too.
const TEXT_MAPS: &[&str] = &["attributes", "metrics"];
/// Parts of the model that are not spec text shown in Markdown.
const SKIP: &[&str] = &[
    "extensions",
    "insights",
    "lints",
    "scale",
    "key",
    "id",
    "kind",
];

/// Every piece of spec text in a model or spec, in order.
fn texts(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) if TEXT_KEYS.contains(&key) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| texts(i, key, out)),
        Value::Object(map) => {
            for (k, val) in map {
                if SKIP.contains(&k.as_str()) {
                    continue;
                }
                if TEXT_MAPS.contains(&k.as_str()) {
                    for (name, value) in val.as_object().into_iter().flatten() {
                        out.push(name.clone());
                        texts(value, "text", out);
                    }
                } else {
                    texts(val, k, out);
                }
            }
        }
        _ => {}
    }
}

/// The lines of spec text as the outputs show them: split at line breaks, control
/// characters as spaces, trimmed, blank lines dropped.
fn shown_lines(s: &str) -> Vec<String> {
    s.replace("\r\n", "\n")
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .map(|l| {
            l.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The spec with every text replaced by `x` (one per non-blank line), map keys by
/// `k1`, `k2`… (the same key, the same name): the same map, with nothing that could
/// be markup.
fn twin(v: &Value, key: &str, names: &mut Vec<String>) -> Value {
    match v {
        Value::String(s) if TEXT_KEYS.contains(&key) => Value::String(
            s.replace("\r\n", "\n")
                .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
                .map(|l| if shown_lines(l).is_empty() { "" } else { "x" })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|i| twin(i, key, names)).collect()),
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, val) in map {
                let new = if TEXT_MAPS.contains(&k.as_str()) {
                    let mut m = Map::new();
                    for (name, value) in val.as_object().into_iter().flatten() {
                        let n = names.iter().position(|k| k == name).unwrap_or_else(|| {
                            names.push(name.clone());
                            names.len() - 1
                        });
                        let lines = shown_lines(name).len().max(1);
                        let key = format!("k{n}{}", "\nx".repeat(lines - 1));
                        m.insert(key, twin(value, "text", names));
                    }
                    Value::Object(m)
                } else {
                    twin(val, k, names)
                };
                out.insert(k.clone(), new);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// A spec's source as a JSON value.
fn spec_source(spec: &str) -> Value {
    let text = std::fs::read_to_string(root().join(spec)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{spec} reads as YAML: {e}"))
}

// ---------------------------------------------------------------------------
// Markdown

/// comrak with the extensions GitHub (and VS Code, mdBook) turn on.
fn gfm() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.strikethrough = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.math_dollars = true;
    o.extension.alerts = true;
    o
}

fn kind(v: &NodeValue) -> String {
    let debug = format!("{v:?}");
    debug
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// What the `md` filter puts between `@` and a domain, so no e-mail autolink forms.
const EMAIL_BREAK: &str = "<!-- -->";

/// Nodes that only spec text could have produced, with their source line.
fn markup_from_spec_text<'a>(root: &'a AstNode<'a>) -> Vec<String> {
    let mut found = Vec::new();
    let mut breaks = 0;
    for node in root.descendants() {
        let data = node.data();
        let bad = match &data.value {
            NodeValue::HtmlInline(h) => h != "<br>" && h != EMAIL_BREAK,
            // The only code span is the built-in hint to add `emotion:`.
            NodeValue::Code(c) => c.literal != "emotion:",
            NodeValue::Heading(h) => h.setext,
            NodeValue::ThematicBreak => {
                breaks += 1;
                breaks > 1
            }
            NodeValue::Link(_)
            | NodeValue::Image(_)
            | NodeValue::HtmlBlock(_)
            | NodeValue::FootnoteReference(_)
            | NodeValue::FootnoteDefinition(_)
            | NodeValue::Math(_)
            | NodeValue::Strikethrough
            | NodeValue::TaskItem(_)
            | NodeValue::Alert(_)
            | NodeValue::BlockQuote
            | NodeValue::Emph => true,
            _ => false,
        };
        if bad {
            found.push(format!(
                "{} at line {}",
                kind(&data.value),
                data.sourcepos.start.line
            ));
        }
    }
    found
}

/// The rendered text, blocks and `<br>` as line breaks, the Mermaid block left out.
fn rendered_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    match &node.data().value {
        NodeValue::Text(t) => out.push_str(t),
        NodeValue::HtmlInline(h) if h == EMAIL_BREAK => {}
        NodeValue::HtmlInline(_) | NodeValue::SoftBreak | NodeValue::LineBreak => out.push('\n'),
        NodeValue::CodeBlock(_) => return,
        _ => {}
    }
    for child in node.children() {
        rendered_text(child, out);
    }
    if node.data().value.block() {
        out.push('\n');
    }
}

/// The document's structure: node kinds and nesting, texts as `T`.
fn structure<'a>(node: &'a AstNode<'a>, out: &mut Vec<String>) {
    let token = match &node.data().value {
        NodeValue::Text(_) => "T".to_owned(),
        NodeValue::HtmlInline(h) if h == EMAIL_BREAK => "T".to_owned(),
        NodeValue::HtmlInline(h) => format!("html {h}"),
        NodeValue::Heading(h) => format!("h{}", h.level),
        NodeValue::Table(t) => format!("table {}", t.num_columns),
        other => kind(other),
    };
    if token != "T" || out.last().is_none_or(|l| l != "T") {
        out.push(token);
    }
    if node.children().next().is_some() {
        out.push("(".to_owned());
        for child in node.children() {
            structure(child, out);
        }
        out.push(")".to_owned());
    }
}

/// Rows whose cell count differs from their table's header, split the way GFM
/// splits them (an escaped `\|` does not split).
fn table_problems(md: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut header: Option<usize> = None;
    for (i, line) in md.lines().enumerate() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let cells = gfm_cells(line);
        match header {
            None => header = Some(cells),
            Some(h) if h != cells => {
                problems.push(format!("line {}: {cells} cells, header has {h}", i + 1));
            }
            Some(_) => {}
        }
    }
    problems
}

fn gfm_cells(line: &str) -> usize {
    let mut cells = 0;
    let mut escaped = false;
    let body = line.trim().trim_start_matches('|');
    let body = body.strip_suffix('|').unwrap_or(body);
    for c in body.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => cells += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    cells + 1
}

fn check_markdown(spec: &str, md: &str) {
    let problems = table_problems(md);
    assert!(
        problems.is_empty(),
        "{spec}: broken tables:\n{}",
        problems.join("\n")
    );
    let arena = Arena::new();
    let doc = parse_document(&arena, md, &gfm());
    let found = markup_from_spec_text(doc);
    assert!(
        found.is_empty(),
        "{spec}: spec text became markup:\n{}",
        found.join("\n")
    );
    let mut text = String::new();
    rendered_text(doc, &mut text);
    let mut all = Vec::new();
    texts(&model(spec), "", &mut all);
    assert!(all.len() > 3, "{spec}: the model has texts");
    let mut missing = Vec::new();
    for t in &all {
        for line in shown_lines(t) {
            if !text.contains(&line) {
                missing.push(line);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{spec}: spec text not shown as written:\n{}",
        missing.join("\n")
    );
}

#[test]
fn markdown_keeps_its_structure_whatever_the_spec_text() {
    for spec in specs() {
        let md = build(&spec, "md");
        check_markdown(&spec, &md);
    }
}

#[test]
fn the_torture_map_has_the_structure_of_its_plain_twin() {
    let dir = Dir::new();
    for spec in specs().into_iter().filter(|s| is_torture(s)) {
        let twin_spec = twin(&spec_source(&spec), "", &mut Vec::new());
        let path = dir.write(
            "twin.yaml",
            serde_json::to_string_pretty(&twin_spec).unwrap(),
        );
        let r = run(jm().args(["build", &path.to_string_lossy(), "-f", "md", "-o", "-"]));
        assert_eq!(r.code, 0, "twin of {spec}:\n{}", r.stderr);
        let md = build(&spec, "md");
        let (arena_a, arena_b) = (Arena::new(), Arena::new());
        let (mut a, mut b) = (Vec::new(), Vec::new());
        structure(parse_document(&arena_a, &md, &gfm()), &mut a);
        structure(parse_document(&arena_b, &r.stdout, &gfm()), &mut b);
        if let Some(at) = a.iter().zip(&b).position(|(x, y)| x != y) {
            panic!(
                "{spec}: the Markdown differs in structure from its twin's at node {at}:\n  spec: {}\n  twin: {}",
                a[at.saturating_sub(8)..(at + 8).min(a.len())].join(" "),
                b[at.saturating_sub(8)..(at + 8).min(b.len())].join(" "),
            );
        }
        assert_eq!(a.len(), b.len(), "{spec}: as many nodes as its twin");
    }
}

/// The filters one by one, on each line of hostile text, rendered by comrak.
#[test]
fn md_and_cell_filters_survive_a_gfm_renderer() {
    let mut hostile = Vec::new();
    for spec in specs().into_iter().filter(|s| is_torture(s)) {
        texts(&spec_source(&spec), "", &mut hostile);
    }
    hostile.sort();
    hostile.dedup();
    for s in &hostile {
        let doc = format!(
            "# {0}\n\n{0}\n\n- {0}\n\n| {1} |\n|---|\n| {1} |\n\n**{0}**\n",
            journeymap::markdown::inline(s),
            journeymap::markdown::cell(s)
        );
        let arena = Arena::new();
        let root = parse_document(&arena, &doc, &gfm());
        let found = markup_from_spec_text(root);
        assert!(found.is_empty(), "{s:?} became markup: {found:?}\n{doc}");
        let mut shape = Vec::new();
        structure(root, &mut shape);
        let shape = shape.join(" ").replace("html <br> T ", "");
        assert_eq!(
            shape,
            "Document ( h1 ( T ) Paragraph ( T ) List ( Item ( Paragraph ( T ) ) ) table 1 ( TableRow ( TableCell ( T ) ) TableRow ( TableCell ( T ) ) ) Paragraph ( Strong ( T ) ) )",
            "{s:?}:\n{doc}"
        );
        let mut text = String::new();
        rendered_text(root, &mut text);
        for line in shown_lines(s) {
            assert!(text.contains(&line), "{line:?} shown as written:\n{text}");
        }
    }
}

// ---------------------------------------------------------------------------
// Mermaid

/// Problems Mermaid's journey lexer would have with a diagram (mirrors its grammar:
/// `;` ends a statement, `#` and `%` start comments, `:` splits a task, `,` actors).
fn mermaid_problems(mmd: &str) -> Vec<String> {
    let keyword = |s: &str| {
        let lower = s.to_lowercase();
        ["journey", "title", "section", "acctitle", "accdescr"]
            .iter()
            .any(|k| {
                lower.starts_with(k)
                    && !lower[k.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            })
    };
    let mut problems = Vec::new();
    let mut lines = mmd.lines();
    if lines.next() != Some("journey") {
        problems.push("the first line is not `journey`".to_owned());
    }
    for line in lines {
        let mut bad = |why: &str| problems.push(format!("{why}: {line}"));
        if line.chars().any(char::is_control) {
            bad("control character");
        }
        // Mermaid turns `#58;`-style codes into characters before it lexes.
        let mut plain = String::new();
        let mut rest = line;
        while let Some(at) = rest.find('#') {
            plain.push_str(&rest[..at]);
            let code = &rest[at + 1..];
            let digits = code.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && code[digits..].starts_with(';') {
                plain.push('E');
                rest = &code[digits + 1..];
            } else {
                plain.push('#');
                rest = code;
            }
        }
        plain.push_str(rest);
        if plain.contains([';', '#', '%', '<']) {
            bad("`;`, `#`, `%` or `<` outside an entity code");
        }
        if let Some(title) = plain.strip_prefix("    title ") {
            if title.trim().is_empty() || title.contains(':') {
                bad("title");
            }
        } else if let Some(section) = plain.strip_prefix("    section ") {
            if section.trim().is_empty() || section.contains(':') || keyword(section) {
                bad("section");
            }
        } else if let Some(task) = plain.strip_prefix("      ") {
            let parts: Vec<&str> = task.split(':').collect();
            let score_ok = parts
                .get(1)
                .and_then(|s| s.trim().parse::<i64>().ok())
                .is_some_and(|s| (1..=5).contains(&s));
            let actors_ok = parts
                .get(2)
                .is_none_or(|a| a.split(',').all(|n| !n.trim().is_empty()));
            if !(2..=3).contains(&parts.len())
                || parts[0].trim().is_empty()
                || keyword(parts[0].trim_start())
                || !score_ok
                || !actors_ok
            {
                bad("task");
            }
        } else {
            bad("not a journey statement");
        }
    }
    problems
}

#[test]
fn mermaid_lines_lex_as_intended_and_match_the_markdown_block() {
    for spec in specs() {
        let mmd = build(&spec, "mermaid");
        let problems = mermaid_problems(&mmd);
        assert!(problems.is_empty(), "{spec}:\n{}", problems.join("\n"));
        let m = model(&spec);
        let touchpoints: usize = m["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["touchpoints"].as_array().map_or(0, Vec::len))
            .sum();
        let tasks = mmd.lines().filter(|l| l.starts_with("      ")).count();
        assert!(tasks >= touchpoints, "{spec}: a task for every touchpoint");
        let md = build(&spec, "md");
        assert!(
            md.contains(&format!("```mermaid\n{mmd}```\n")),
            "{spec}: the Markdown holds the Mermaid diagram as it is"
        );
    }
}

/// `mmdc` and Chromium, or `None` (after saying so loudly) when absent;
/// a missing tool fails under `CI=true`.
fn mmdc() -> Option<std::path::PathBuf> {
    let mmdc = root().join("tests/node/node_modules/.bin/mmdc");
    let missing: Vec<&str> = [
        (!mmdc.exists())
            .then_some("tests/node/node_modules/.bin/mmdc (run `npm ci` in tests/node)"),
        (!Path::new("/usr/bin/chromium").exists()).then_some("/usr/bin/chromium"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return Some(mmdc);
    }
    let msg = format!("the Mermaid test needs {}", missing.join(", "));
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs them)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
    None
}

/// Run `mmdc -i input -o output`; `Err` with its output when it fails or hangs.
fn render_mermaid(mmdc: &Path, input: &Path, output: &Path) -> Result<(), String> {
    let config = root().join("tests/node/puppeteer-config.json");
    let mut child = Command::new(mmdc)
        .arg("-q")
        .arg("-p")
        .arg(&config)
        .arg("-i")
        .arg(input)
        .arg("-o")
        .arg(output)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run mmdc: {e}"))?;
    let start = Instant::now();
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            return Err("mmdc took more than 180 s".to_owned());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The text of an SVG without tags and without any whitespace, entities decoded.
fn svg_text(svg: &str) -> String {
    let mut s = svg.to_owned();
    while let Some(a) = s.find("<style") {
        let Some(b) = s[a..].find("</style>") else {
            break;
        };
        s.replace_range(a..a + b + 8, "");
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| name.strip_prefix('#').map(str::parse))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names a diagram must show: title, stages with touchpoints (Mermaid draws no
/// box for an empty section), touchpoints and personas.
fn diagram_names(m: &Value) -> Vec<String> {
    let mut names = vec![m["title"].as_str().unwrap().to_owned()];
    for s in m["stages"].as_array().unwrap() {
        let touchpoints = s["touchpoints"].as_array().unwrap();
        if !touchpoints.is_empty() {
            names.push(s["name"].as_str().unwrap().to_owned());
        }
        for t in touchpoints {
            names.push(t["name"].as_str().unwrap().to_owned());
        }
    }
    for p in m["personas"].as_array().unwrap() {
        names.push(p["name"].as_str().unwrap().to_owned());
    }
    names
}

#[test]
fn every_mermaid_diagram_renders_in_mermaid_with_its_names() {
    let Some(mmdc) = mmdc() else {
        return;
    };
    let dir = Dir::new();
    let specs = specs();
    // One mmdc run renders every diagram of a Markdown file: out-1.svg, out-2.svg…
    let mut doc = String::new();
    for spec in &specs {
        doc.push_str(&format!(
            "# {spec}\n\n```mermaid\n{}```\n\n",
            build(spec, "mermaid")
        ));
    }
    let input = dir.write("diagrams.md", &doc);
    let output = dir.path().join("out.md");
    if let Err(all) = render_mermaid(&mmdc, &input, &output) {
        // Find the culprit(s), one by one.
        let mut failures = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            let one = dir.write(&format!("one-{i}.mmd"), build(spec, "mermaid"));
            if let Err(e) = render_mermaid(&mmdc, &one, &dir.path().join(format!("one-{i}.svg"))) {
                failures.push(format!("{spec}:\n{e}"));
            }
        }
        panic!(
            "Mermaid cannot render every diagram:\n{}\n(all at once: {all})",
            failures.join("\n")
        );
    }
    for (i, spec) in specs.iter().enumerate() {
        let svg_path = dir.path().join(format!("out-{}.svg", i + 1));
        let svg = std::fs::read_to_string(&svg_path)
            .unwrap_or_else(|e| panic!("{spec}: no SVG from mmdc ({e})"));
        assert!(
            !svg.contains("Syntax error"),
            "{spec}: Mermaid reports a syntax error"
        );
        let text = svg_text(&svg);
        let missing: Vec<String> = diagram_names(&model(spec))
            .into_iter()
            .filter(|n| {
                let flat: String = n
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                !text.contains(&flat)
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{spec}: the rendered diagram lacks:\n{}",
            missing.join("\n")
        );
    }
}

// ---------------------------------------------------------------------------
// CSV

fn field_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(o) => o.get("name").map(field_text).unwrap_or_default(),
        Value::Array(a) => a
            .iter()
            .map(|i| i.get("text").map_or_else(|| field_text(i), field_text))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The documented formula guard: a `'` before `= + - @ TAB CR` unless a plain number.
fn defused(f: String) -> String {
    let body = f.strip_prefix(['+', '-']).unwrap_or(&f);
    let body = body.strip_suffix('%').unwrap_or(body);
    let number = body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if f.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number {
        format!("'{f}")
    } else {
        f
    }
}

/// The rows the CSV must hold, computed from the model.
fn expected_csv(m: &Value) -> Vec<Vec<String>> {
    let locale = if m["locale"] == "ja" {
        journeymap::model::Locale::Ja
    } else {
        journeymap::model::Locale::En
    };
    let l = journeymap::labels::labels(locale);
    let touchpoints: Vec<(&Value, &Value)> = m["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["touchpoints"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |t| (s, t))
        })
        .collect();
    let mut metrics: Vec<String> = Vec::new();
    for (_, t) in &touchpoints {
        for k in t["metrics"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            if !metrics.contains(k) {
                metrics.push(k.clone());
            }
        }
    }
    let mut rows = vec![
        [
            l.stage,
            l.touchpoint,
            l.personas,
            l.channel,
            l.action,
            l.thought,
            l.emotion,
            l.feeling,
            l.pain_points,
            l.opportunities,
            l.owner,
            l.moment_of_truth,
            l.evidence,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain(metrics.iter().cloned())
        .map(defused)
        .collect::<Vec<_>>(),
    ];
    let all = m["personas"].as_array().unwrap();
    let name = |id: &Value| {
        let p = all.iter().find(|p| p["id"] == *id).unwrap();
        let shared = all.iter().filter(|o| o["name"] == p["name"]).count() > 1;
        let name = field_text(&p["name"]);
        if shared {
            format!("{name} ({})", field_text(id))
        } else {
            name
        }
    };
    for (s, t) in touchpoints {
        let emotion = t["emotion"].as_object().unwrap();
        let personas = t["personas"].as_array().unwrap();
        let mut values: Vec<String> = emotion.values().map(field_text).collect();
        values.dedup();
        let split = !emotion.is_empty() && (values.len() > 1 || emotion.len() != personas.len());
        let groups: Vec<(String, String)> = if split {
            personas
                .iter()
                .map(|p| {
                    let e = emotion
                        .get(p.as_str().unwrap())
                        .map(field_text)
                        .unwrap_or_default();
                    (name(p), e)
                })
                .collect()
        } else {
            let who: Vec<String> = personas.iter().map(name).collect();
            vec![(who.join("\n"), values.first().cloned().unwrap_or_default())]
        };
        for (who, e) in groups {
            let mut row = vec![
                field_text(&s["name"]),
                field_text(&t["name"]),
                who,
                field_text(&t["channel"]),
                field_text(&t["action"]),
                field_text(&t["thought"]),
                e,
                field_text(&t["feeling"]),
                field_text(&t["pain_points"]),
                field_text(&t["opportunities"]),
                field_text(&t["owner"]),
                if t["moment_of_truth"] == true {
                    "★"
                } else {
                    ""
                }
                .to_owned(),
                field_text(&t["evidence"]),
            ];
            row.extend(metrics.iter().map(|k| field_text(&t["metrics"][k])));
            rows.push(row.into_iter().map(defused).collect());
        }
    }
    rows
}

#[test]
fn csv_parses_back_to_the_spec_values() {
    for spec in specs() {
        let csv = build(&spec, "csv");
        let body = csv
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{spec}: the CSV starts with a BOM"));
        // Outside quotes, every line ends with CRLF.
        let mut quoted = false;
        let mut prev = ' ';
        for c in body.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => assert_eq!(prev, '\r', "{spec}: records end with CRLF"),
                _ => {}
            }
            prev = c;
        }
        assert!(
            body.ends_with("\r\n"),
            "{spec}: the last record ends with CRLF"
        );
        let rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| {
                r.unwrap_or_else(|e| panic!("{spec}: {e}"))
                    .iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        let expected = expected_csv(&model(&spec));
        assert_eq!(
            rows.len(),
            expected.len(),
            "{spec}: one row per touchpoint (and persona)"
        );
        for (i, (got, want)) in rows.iter().zip(&expected).enumerate() {
            assert_eq!(got, want, "{spec}: row {i}");
        }
    }
}
