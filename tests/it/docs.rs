//! Every YAML block in README.md and docs/*.md is a spec that builds clean,
//! unless its fence says `yaml fragment`.

use crate::support::{Dir, root};

/// (file, line, block) for each ```yaml block (not fragments).
fn yaml_blocks() -> Vec<(String, usize, String)> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.strip_prefix(root()).unwrap().display().to_string();
        let mut block: Option<(usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            match &mut block {
                None if line.trim_start().starts_with("```yaml") && !line.contains("fragment") => {
                    block = Some((i + 1, String::new()))
                }
                Some((start, body)) if line.trim_start().starts_with("```") => {
                    out.push((name.clone(), *start, std::mem::take(body)));
                    block = None;
                }
                Some((_, body)) => {
                    body.push_str(line);
                    body.push('\n');
                }
                None => {}
            }
        }
    }
    out
}

#[test]
fn every_yaml_block_in_the_docs_builds_clean() {
    let blocks = yaml_blocks();
    assert!(blocks.len() >= 2, "README.md and docs/format.md hold specs");
    for (file, line, yaml) in blocks {
        let d = Dir::new();
        d.write("spec.yaml", &yaml);
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
        assert!(r.stderr.is_empty(), "{file}:{line}: {}", r.stderr);
    }
}

#[test]
fn fragments_are_valid_yaml_pieces() {
    // A fragment is still YAML that parses: run it through `check` and accept only
    // structural complaints (missing keys), never a YAML syntax error.
    for f in ["README.md", "docs/format.md"] {
        let text = std::fs::read_to_string(root().join(f)).unwrap();
        for (i, chunk) in text.split("```yaml fragment\n").skip(1).enumerate() {
            let body = chunk.split("```").next().unwrap();
            let d = Dir::new();
            d.write("frag.yaml", body);
            let r = d.run(&["check", "frag.yaml"]);
            assert!(
                !r.stderr.contains("JM0001") && !r.stderr.contains("JM0002"),
                "{f} fragment {i}: {}",
                r.stderr
            );
        }
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
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
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
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
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

/// The README's excerpt of the measured example's Markdown is what `build` writes.
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
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let excerpt = readme
        .split("In Markdown:\n\n```markdown\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md shows the measured example's Markdown");
    for line in excerpt.lines().filter(|l| !l.is_empty()) {
        assert!(
            r.stdout.contains(line),
            "README.md shows a line the Markdown output does not have: {line}"
        );
    }
}
