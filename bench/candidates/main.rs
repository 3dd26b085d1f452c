//! The parser candidates of issue 18, each building the same span-keeping node
//! tree from one file (see docs/performance.md, "The front end"):
//!
//!   parsers serde-saphyr FILE   serde-saphyr with `Spanned` nodes (the front end before issue 18)
//!   parsers granit FILE         granit-parser's events, journeymap's own `parse::parse` (adopted)
//!   parsers saphyr FILE         saphyr-parser's events (char markers turned into byte spans)
//!   parsers libyaml FILE        libyaml-safer's events (libyaml in Rust; owned scalars)
//!   parsers diff FILE...        serde-saphyr against granit: same tree, spans and errors?
//!
//! Each prints the number of nodes it built, and frees nothing (like `floor`).

mod events;
mod serde_saphyr;

use journeymap::parse;
use journeymap::source::{SourceFile, Sources, read_text};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((which, files)) = args.split_first() else {
        eprintln!("usage: parsers serde-saphyr|granit|saphyr|libyaml|diff FILE...");
        return ExitCode::from(2);
    };
    let mut nodes = 0;
    let mut differ = 0;
    for file in files {
        let path = PathBuf::from(file);
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("parsers: {file}: {e}");
                continue;
            }
        };
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new(file.clone(), path, text));
        let source = sources.get(id);
        match which.as_str() {
            "serde-saphyr" => match serde_saphyr::parse(id, source) {
                Ok(root) => {
                    nodes += serde_saphyr::count(&root);
                    std::mem::forget(root);
                }
                Err(_) => return ExitCode::from(1),
            },
            "granit" => match parse::parse(id, source) {
                Ok(root) => {
                    nodes += count(&root);
                    std::mem::forget(root);
                }
                Err(_) => return ExitCode::from(1),
            },
            "saphyr" | "libyaml" => {
                let tree = if which == "saphyr" {
                    events::saphyr(&source.text)
                } else {
                    events::libyaml(&source.text)
                };
                match tree {
                    Ok(root) => {
                        nodes += events::count(&root);
                        std::mem::forget(root);
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(1);
                    }
                }
            }
            "diff" => {
                let old = match serde_saphyr::parse(id, source) {
                    Ok(root) => serde_saphyr::dump(&root),
                    Err(d) => error_dump(&d),
                };
                let new = match parse::parse(id, source) {
                    Ok(root) => dump(&root),
                    Err(d) => error_dump(&d),
                };
                if old != new {
                    differ += 1;
                    println!("--- {file}");
                    let (o, n) = first_difference(&old, &new);
                    println!("  serde-saphyr: {o}\n  granit:       {n}");
                }
            }
            other => {
                eprintln!("parsers: unknown candidate `{other}`");
                return ExitCode::from(2);
            }
        }
        std::mem::forget(sources);
    }
    if which == "diff" {
        println!("{differ} of {} files differ", files.len());
        return if differ == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    println!("{nodes}");
    ExitCode::SUCCESS
}

fn first_difference(a: &str, b: &str) -> (String, String) {
    for (x, y) in a.lines().zip(b.lines()) {
        if x != y {
            return (x.chars().take(200).collect(), y.chars().take(200).collect());
        }
    }
    (
        format!("({} lines)", a.lines().count()),
        format!("({} lines)", b.lines().count()),
    )
}

fn error_dump(d: &journeymap::diagnostic::Diagnostic) -> String {
    format!(
        "error {} {:?} at {}..{} notes {:?}",
        d.code,
        d.message,
        d.span.start(),
        d.span.end(),
        d.notes
            .iter()
            .map(|n| (n.span.start(), n.span.end()))
            .collect::<Vec<_>>()
    )
}

fn count(n: &parse::Node<'_>) -> usize {
    match &n.kind {
        parse::Kind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        parse::Kind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

/// One line per node: its kind, value and span, indented by depth.
fn dump(n: &parse::Node<'_>) -> String {
    fn go(n: &parse::Node<'_>, depth: usize, out: &mut String) {
        use std::fmt::Write;
        let pad = " ".repeat(depth);
        let span = format!("{}..{}", n.span.start(), n.span.end());
        match &n.kind {
            parse::Kind::Null => writeln!(out, "{pad}null {span}"),
            parse::Kind::Bool(b) => writeln!(out, "{pad}bool {b} {span}"),
            parse::Kind::Int(i) => writeln!(out, "{pad}int {i} {span}"),
            parse::Kind::Float(f) => writeln!(out, "{pad}float {f:?} {span}"),
            parse::Kind::Str(t) => writeln!(out, "{pad}str {:?} {span}", t.as_str()),
            parse::Kind::Seq(items) => {
                let _ = writeln!(out, "{pad}seq {span}");
                for i in items {
                    go(i, depth + 1, out);
                }
                Ok(())
            }
            parse::Kind::Map(entries) => {
                let _ = writeln!(out, "{pad}map {span}");
                for (k, v) in entries {
                    go(k, depth + 1, out);
                    go(v, depth + 2, out);
                }
                Ok(())
            }
        }
        .unwrap();
    }
    let mut out = String::new();
    go(n, 0, &mut out);
    out
}
