//! The docs hold true. Every YAML block in README.md, README.ja.md, docs/*.md and
//! docs/ja/*.md is a spec that builds clean, unless its fence says
//! `yaml fragment` (then it is still YAML that parses); the Japanese format
//! reference documents every key, lint and code of the English one; the READMEs
//! quote what journeymap really prints.

use crate::support::{Dir, root};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The Markdown files whose YAML blocks are checked: the two READMEs, then
/// docs/*.md and docs/ja/*.md, each folder sorted.
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md"), root().join("README.ja.md")];
    for dir in ["docs", "docs/ja"] {
        let mut md: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap_or_else(|e| panic!("{dir}/: {e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        md.sort();
        files.extend(md);
    }
    files
}

/// One ```yaml block of a Markdown file.
struct Block {
    /// The file, relative to the crate root (`docs/ja/format.md`).
    file: String,
    /// The line of the opening fence (1-based).
    line: usize,
    /// Its fence says `yaml fragment`.
    fragment: bool,
    /// The lines between the fences, without the fence's own indentation (a
    /// block inside a list item is indented with it).
    body: String,
}

/// Every ```yaml block of every doc file, in order.
fn yaml_blocks() -> Vec<Block> {
    let mut out = Vec::new();
    for f in doc_files() {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let file = f.strip_prefix(root()).unwrap().display().to_string();
        // (line, fragment, indentation, body) of the open block.
        let mut open: Option<(usize, bool, usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            match &mut open {
                None if trimmed.starts_with("```yaml") => {
                    let indent = line.len() - trimmed.len();
                    open = Some((i + 1, trimmed.contains("fragment"), indent, String::new()));
                }
                None => {}
                Some(_) if trimmed.starts_with("```") => {
                    let (line, fragment, _, body) = open.take().unwrap();
                    out.push(Block {
                        file: file.clone(),
                        line,
                        fragment,
                        body,
                    });
                }
                Some((_, _, indent, body)) => {
                    let cut = line.len() - line.trim_start_matches(' ').len();
                    body.push_str(&line[cut.min(*indent)..]);
                    body.push('\n');
                }
            }
        }
        assert!(open.is_none(), "{file}: a ```yaml block is never closed");
    }
    out
}

#[test]
fn every_yaml_block_in_the_docs_builds_clean() {
    let blocks = yaml_blocks();
    for f in [
        "README.md",
        "README.ja.md",
        "docs/format.md",
        "docs/ja/format.md",
    ] {
        assert!(
            blocks.iter().any(|b| b.file == f && !b.fragment),
            "{f} holds at least one complete spec"
        );
    }
    for Block {
        file, line, body, ..
    } in blocks.into_iter().filter(|b| !b.fragment)
    {
        let d = Dir::new();
        d.write("spec.yaml", &body);
        let r = d.run(&[
            "build",
            "spec.yaml",
            "-f",
            "html",
            "-f",
            "md",
            "-f",
            "json",
            "-D",
            "warnings",
        ]);
        assert_eq!(
            r.code, 0,
            "the YAML block at {file}:{line} must build clean:\n{}",
            r.stderr
        );
        assert!(
            crate::support::clean(&r.stderr),
            "{file}:{line}: {}",
            r.stderr
        );
    }
}

#[test]
fn fragments_are_valid_yaml_pieces() {
    // A fragment is still YAML that parses: run it through `check` and accept only
    // structural complaints (missing keys), never a YAML syntax error.
    let blocks = yaml_blocks();
    for f in [
        "README.md",
        "README.ja.md",
        "docs/format.md",
        "docs/ja/format.md",
    ] {
        assert!(
            blocks.iter().any(|b| b.file == f && b.fragment),
            "{f} holds fragments"
        );
    }
    for Block {
        file, line, body, ..
    } in blocks.into_iter().filter(|b| b.fragment)
    {
        let d = Dir::new();
        d.write("frag.yaml", &body);
        let r = d.run(&["check", "frag.yaml"]);
        assert!(
            !r.stderr.contains("JM0001") && !r.stderr.contains("JM0002"),
            "the fragment at {file}:{line} is not valid YAML: {}",
            r.stderr
        );
    }
}

/// The backticked names in the first cell of every table row of a Markdown text
/// (outside code blocks): the keys of its key tables, listed one or several to a
/// row (`` | `goals`, `needs`, `pains` | … ``), the data files' columns and the
/// insights. Header and separator rows have none.
fn first_column_names(text: &str) -> BTreeSet<String> {
    table_rows(text)
        .filter_map(|cells| cells.first().map(|c| backticked(c)))
        .flatten()
        .collect()
}

/// The cells of every table row outside fenced code blocks.
fn table_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    let mut fenced = false;
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.starts_with("```") {
            fenced = !fenced;
            return None;
        }
        let row = line.strip_prefix('|').filter(|_| !fenced)?;
        Some(row.split('|').map(str::trim).collect())
    })
}

/// The spans between backticks in `cell`.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_key_in_format_md_is_in_the_japanese_reference() {
    let en = first_column_names(&read("docs/format.md"));
    // The rule still finds the key tables: a change of their layout must not
    // make this test pass on nothing.
    for key in [
        "journeymap",
        "title",
        "stages",
        "goals",
        "needs",
        "pains",
        "moment_of_truth",
        "impact",
        "effort",
        "addresses",
        "funnel",
        "metric",
        "source",
        "trails",
    ] {
        assert!(en.contains(key), "docs/format.md documents `{key}`");
    }
    assert!(en.len() >= 60, "only {} keys found: {en:?}", en.len());
    // Each key is documented in the Japanese reference too: in the first cell of
    // one of its tables, backticked as in English.
    let ja = first_column_names(&read("docs/ja/format.md"));
    let missing: Vec<_> = en.difference(&ja).collect();
    assert!(
        missing.is_empty(),
        "docs/ja/format.md does not document (as `key` in the first cell of a table row): {missing:?}"
    );
}

#[test]
fn every_lint_and_code_in_format_md_is_in_the_japanese_reference() {
    let en = read("docs/format.md");
    let ja = read("docs/ja/format.md");
    // The lints: every name and every backticked word of their table's rows.
    let lint_rows: Vec<Vec<&str>> = table_rows(&en)
        .filter(|cells| cells.first().is_some_and(|c| c.starts_with("JM1")))
        .collect();
    assert!(lint_rows.len() >= 10, "the lint table of docs/format.md");
    for cells in &lint_rows {
        assert!(
            ja.contains(cells[0]),
            "docs/ja/format.md lacks lint {}",
            cells[0]
        );
        for word in cells.iter().flat_map(|c| backticked(c)) {
            assert!(
                ja.contains(&format!("`{word}`")),
                "docs/ja/format.md lacks `{word}` (lint {})",
                cells[0]
            );
        }
    }
    // The diagnostic codes, wherever docs/format.md names them.
    let codes: BTreeSet<&str> = en
        .match_indices("JM")
        .filter_map(|(i, _)| en.get(i..i + 6))
        .filter(|c| c[2..].bytes().all(|b| b.is_ascii_digit() || b == b'x'))
        .collect();
    assert!(codes.len() >= 40, "codes found: {codes:?}");
    for code in codes {
        assert!(ja.contains(code), "docs/ja/format.md lacks {code}");
    }
}

/// README.md, up to its first section: where a reader sees the link to another
/// language.
fn top_of(text: &str) -> &str {
    text.split("\n## ").next().unwrap()
}

#[test]
fn the_readme_links_the_japanese_readme_at_its_top() {
    let readme = read("README.md");
    let top = top_of(&readme);
    assert!(
        top.contains("](README.ja.md)") || top.contains("](./README.ja.md)"),
        "README.md links README.ja.md before its first section"
    );
}

#[test]
fn the_japanese_readme_links_the_english_one_and_the_japanese_reference() {
    let readme = read("README.ja.md");
    assert!(
        top_of(&readme).contains("](README.md)"),
        "README.ja.md links README.md before its first section"
    );
    assert!(readme.contains("](docs/ja/format.md"));
    let format = read("docs/ja/format.md");
    assert!(
        top_of(&format).contains("](../format.md)"),
        "docs/ja/format.md links the English reference at its top"
    );
}

/// Every command of `journeymap --help` has its section and an example in README.ja.md.
#[test]
fn the_japanese_readme_shows_every_command() {
    let r = crate::support::jm_run(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let commands: Vec<&str> = r
        .stdout
        .split("Commands:\n")
        .nth(1)
        .expect("a list of commands")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 9, "{commands:?}");
    let readme = read("README.ja.md");
    for c in commands {
        assert!(
            readme.contains(&format!("### `{c}`")),
            "README.ja.md has no section for `{c}`"
        );
        assert!(
            readme.contains(&format!("journeymap {c} ")),
            "README.ja.md has no example of `journeymap {c}`"
        );
    }
}

/// The diagnostic the Japanese README's tour shows is what `check` prints for
/// the tour's spec with the typo it describes.
#[test]
fn the_japanese_readmes_error_is_what_check_prints() {
    let readme = read("README.ja.md");
    let spec = readme
        .split("`journeys/salon.yaml`:\n\n```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.ja.md shows journeys/salon.yaml");
    let shown = readme
        .split("```text\nerror[")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .map(|rest| format!("error[{rest}"))
        .expect("README.ja.md shows an error");
    assert!(spec.contains("priority: high"));
    let d = Dir::new();
    d.write(
        "journeys/salon.yaml",
        spec.replace("priority: high", "priority: hihg"),
    );
    let r = d.run(&["check", "journeys/salon.yaml", "--lang", "ja"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&shown),
        "README.ja.md shows an error that check does not print:\n{shown}\ncheck prints:\n{}",
        r.stderr
    );
}

/// The diff the Japanese README quotes is the portfolio example's.
#[test]
fn the_japanese_readme_shows_the_real_portfolio_diff() {
    let r = crate::support::jm_run(&[
        "diff",
        "examples/portfolio/overview.yaml",
        "examples/portfolio/overview.future.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let summary = r
        .stdout
        .lines()
        .find(|l| l.starts_with("**タッチポイント"))
        .expect("a summary line");
    let readme = read("README.ja.md");
    assert!(
        readme.contains(&format!("> {summary}")),
        "README.ja.md must quote the summary line {summary}"
    );
    let quoted: Vec<_> = readme
        .lines()
        .filter(|l| l.starts_with("- ↑ **") || l.starts_with("- ~~"))
        .collect();
    assert!(!quoted.is_empty(), "README.ja.md quotes lines of the diff");
    for line in quoted {
        assert!(
            r.stdout.contains(line),
            "README.ja.md quotes a line the diff does not print: {line}"
        );
    }
}

#[test]
fn the_readme_shows_the_real_example_diff() {
    let r = crate::support::jm_run(&[
        "diff",
        "examples/saas-onboarding.yaml",
        "examples/saas-onboarding.future.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let summary = r
        .stdout
        .lines()
        .find(|l| l.starts_with("**") && l.contains("improved"))
        .expect("a summary line");
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("> {summary}")),
        "README.md must quote the summary line {summary}"
    );
    for line in readme
        .lines()
        .filter(|l| l.starts_with("- ↑ **") || l.starts_with("- ~~"))
    {
        assert!(
            r.stdout.contains(line),
            "README.md quotes a line the diff does not print: {line}"
        );
    }
}

#[test]
fn the_readme_shows_real_markdown_output() {
    let r = crate::support::jm_run(&[
        "build",
        "examples/saas-onboarding.yaml",
        "-f",
        "md",
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let readme = read("README.md");
    let excerpt = readme
        .split("```markdown\n### 1. Awareness")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md shows the first stage of the English example");
    for line in excerpt.lines().filter(|l| !l.is_empty()) {
        assert!(
            r.stdout.contains(line),
            "README.md shows a line the Markdown output does not have: {line}"
        );
    }
}

/// Both READMEs' excerpts of the measured example's Markdown are what `build` writes.
#[test]
fn readme_shows_the_measured_markdown_as_built() {
    let r = crate::support::jm_run(&[
        "build",
        "examples/hair-salon.ja.yaml",
        "-f",
        "md",
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (file, lead) in [
        ("README.md", "In Markdown:"),
        ("README.ja.md", "Markdown では次のようになります。"),
    ] {
        let readme = read(file);
        let excerpt = readme
            .split(&format!("{lead}\n\n```markdown\n"))
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .unwrap_or_else(|| panic!("{file} shows the measured example's Markdown"));
        for line in excerpt.lines().filter(|l| !l.is_empty()) {
            assert!(
                r.stdout.contains(line),
                "{file} shows a line the Markdown output does not have: {line}"
            );
        }
    }
}
