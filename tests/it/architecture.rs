//! The layering of ARCHITECTURE.md, checked on the source: only the command
//! layer prints or imports `cli`; nothing after `analyze` reads the raw spec;
//! modules do not import each other in a cycle.

use crate::support::root;
use std::collections::{BTreeMap, BTreeSet};

/// Every source file under `src/` (tests at the end of a file left out), by
/// top module (`lib` for the crate root), as code: comments and the insides of
/// string literals removed.
fn sources() -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(root().join("src")).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            out.entry(top)
                .or_default()
                .push((rel.display().to_string(), code(&text)));
        }
    }
    out
}

/// The code of a file: up to its test module, without comments and with every
/// string literal emptied (so `"crate::spec"` in a message is no import).
fn code(text: &str) -> String {
    let body = match text.find("\n#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push('"');
            }
            // A char literal that is a quote: `'"'`.
            '\'' if chars.peek() == Some(&'"') => {
                out.push_str("'\"'");
                chars.next();
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}

/// The top modules a piece of code names with `crate::…` (nested groups
/// included; a root item such as `crate::compile` counts as `lib`).
fn uses(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    fn group(text: &str, modules: &BTreeSet<String>, out: &mut BTreeSet<String>) {
        // `a::b, c::{d, e}, f`: the first segment of each item.
        let mut depth = 0;
        let mut start = 0;
        let bytes: Vec<char> = text.chars().collect();
        let mut items = Vec::new();
        for (i, &c) in bytes.iter().enumerate() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(bytes[start..i].iter().collect::<String>());
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(bytes[start..].iter().collect::<String>());
        for item in items {
            let name = first(item.trim());
            if !name.is_empty() && name != "self" {
                out.insert(if modules.contains(&name) {
                    name
                } else {
                    "lib".to_owned()
                });
            }
        }
    }
    fn first(s: &str) -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    }
    let mut out = BTreeSet::new();
    let squeezed: String = code
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(":: ", "::")
        .replace(" ::", "::");
    for (i, _) in squeezed.match_indices("crate::") {
        let rest = &squeezed[i + "crate::".len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = inner
                .char_indices()
                .find(|&(_, c)| {
                    if c == '{' {
                        depth += 1;
                    } else if c == '}' {
                        depth -= 1;
                    }
                    depth == 0
                })
                .map_or(inner.len(), |(k, _)| k);
            group(&inner[..end], modules, &mut out);
        } else {
            group(&first(rest), modules, &mut out);
        }
    }
    out
}

fn modules() -> BTreeSet<String> {
    sources().into_keys().collect()
}

#[test]
fn only_the_command_layer_prints_or_imports_it() {
    let printing = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "say!",
        "stdout()",
        "stderr()",
        "process::exit",
    ];
    let modules = modules();
    for (top, files) in sources() {
        if matches!(top.as_str(), "cli" | "main" | "lib") {
            continue;
        }
        for (file, code) in files {
            for p in printing {
                assert!(!code.contains(p), "{file} prints (`{p}`)");
            }
            assert!(
                !uses(&code, &modules).contains("cli"),
                "{file} imports the command layer"
            );
        }
    }
}

#[test]
fn nothing_after_analyze_reads_the_raw_spec() {
    let modules = modules();
    let before = ["spec", "parse", "load", "analyze", "lib", "schema"];
    for (top, files) in sources() {
        if before.contains(&top.as_str()) {
            continue;
        }
        for (file, code) in files {
            assert!(
                !uses(&code, &modules).contains("spec"),
                "{file} reads the raw spec: only `analyze` (and the schema generator) may"
            );
        }
    }
}

#[test]
fn modules_import_each_other_in_no_cycle() {
    let modules = modules();
    let graph: BTreeMap<String, BTreeSet<String>> = sources()
        .into_iter()
        .filter(|(top, _)| top != "main")
        .map(|(top, files)| {
            let mut deps: BTreeSet<String> =
                files.iter().flat_map(|(_, c)| uses(c, &modules)).collect();
            deps.remove(&top);
            (top, deps)
        })
        .collect();
    // Depth-first search with colours; a grey node reached again closes a cycle.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        match state.get(n).copied() {
            Some(2) => return,
            Some(1) => {
                let from = path.iter().position(|p| p == n).unwrap_or(0);
                panic!("import cycle: {} -> {n}", path[from..].join(" -> "));
            }
            _ => {}
        }
        state.insert(n.to_owned(), 1);
        path.push(n.to_owned());
        for m in graph.get(n).into_iter().flatten() {
            if graph.contains_key(m) {
                visit(m, graph, state, path);
            }
        }
        path.pop();
        state.insert(n.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        visit(n, &graph, &mut state, &mut Vec::new());
    }
    assert!(graph.contains_key("present") && graph.contains_key("cli"));
}

#[test]
fn source_files_stay_under_800_lines() {
    for files in sources().into_values() {
        for (file, _) in files {
            let text = std::fs::read_to_string(root().join("src").join(&file)).unwrap();
            let n = text.lines().count();
            assert!(n <= 800, "src/{file} has {n} lines (split it by concept)");
        }
    }
}

/// The checker itself: nested groups, root items, comments and strings.
#[test]
fn the_import_reader_sees_what_the_compiler_sees() {
    let modules: BTreeSet<String> = ["spec", "model", "cli"].map(String::from).into();
    let found = uses(
        &code(
            "use crate::{spec::keys, model::{A, B}};\nlet x = crate :: cli::run();\nlet y = crate::compile;",
        ),
        &modules,
    );
    assert_eq!(
        found,
        ["cli", "lib", "model", "spec"].map(String::from).into()
    );
    let hidden =
        code("// use crate::cli;\nlet s = \"crate::cli \\\" crate::spec\"; /* crate::model */");
    assert!(uses(&hidden, &modules).is_empty(), "{hidden}");
    assert!(!code("x\n#[cfg(test)]\nmod lookup_tests { use crate::spec; }").contains("spec"));
}
