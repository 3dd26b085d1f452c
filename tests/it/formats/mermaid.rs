//! The Mermaid diagrams: every line lexes as intended, and every diagram renders in
//! the Mermaid CLI with its names.

use super::{build, model, specs};
use crate::support::{Dir, root};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
                    .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{feff}')
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
