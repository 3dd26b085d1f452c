//! The Markdown checked with comrak: tables, markup from spec text, text as written,
//! and the torture map against its plain twin.

use super::{
    TEXT_KEYS, TEXT_MAPS, build, is_torture, model, shown_lines, spec_source, specs, texts,
};
use crate::support::{Dir, jm, run};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use serde_json::{Map, Value};

/// The spec with every text replaced by `x` (one per non-blank line), map keys by
/// `k1`, `k2`… (the same key, the same name): the same map, with nothing that could
/// be markup.
fn twin(v: &Value, key: &str, names: &mut Vec<String>) -> Value {
    match v {
        Value::String(s) if TEXT_KEYS.contains(&key) => Value::String(
            s.replace("\r\n", "\n")
                .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
                .map(|l| if shown_lines(l).is_empty() { l } else { "x" })
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
    let m = model(spec);
    texts(&m, "", &mut all);
    // With a registry, a place's `metrics:` keys are metric ids: the map
    // shows the metric's name (a text of its own) in their place.
    let ids: Vec<&str> = m["metrics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["id"].as_str())
        .collect();
    all.retain(|t| !ids.contains(&t.as_str()));
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
    for s in hostile.iter().filter(|s| !shown_lines(s).is_empty()) {
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
