//! The layering of ARCHITECTURE.md, checked on the source: only the command
//! layer prints or imports `cli`; nothing after `analyze` reads the raw spec;
//! modules do not import each other in a cycle.

use crate::support::root;
use std::collections::{BTreeMap, BTreeSet};

/// Every source file under `src/` (tests at the end of a file left out), by top module.
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
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.entry(top)
                .or_default()
                .push((rel.display().to_string(), code));
        }
    }
    out
}

/// The top modules a piece of code names with `crate::…`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
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
    for (top, files) in sources() {
        if matches!(top.as_str(), "cli" | "main" | "lib") {
            continue;
        }
        for (file, code) in files {
            for p in printing {
                assert!(!code.contains(p), "{file} prints (`{p}`)");
            }
            assert!(
                !uses(&code).contains("cli"),
                "{file} imports the command layer"
            );
        }
    }
}

#[test]
fn nothing_after_analyze_reads_the_raw_spec() {
    let before = ["spec", "parse", "load", "analyze", "lib", "schema"];
    for (top, files) in sources() {
        if before.contains(&top.as_str()) {
            continue;
        }
        for (file, code) in files {
            assert!(
                !uses(&code).contains("spec"),
                "{file} reads the raw spec: only `analyze` (and the schema generator) may"
            );
        }
    }
}

#[test]
fn modules_import_each_other_in_no_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = sources()
        .into_iter()
        .filter(|(top, _)| !matches!(top.as_str(), "lib" | "main"))
        .map(|(top, files)| {
            let mut deps: BTreeSet<String> = files.iter().flat_map(|(_, c)| uses(c)).collect();
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
