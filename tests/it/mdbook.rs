//! The mdBook preprocessor `mdbook-journeymap`: the protocol on its own (no
//! mdBook needed), then with the real mdBook (`.ci/install-mdbook.sh`
//! installs the pinned release): the test book `tests/mdbook/` (a Japanese
//! map from `examples/`, an English map from `src/journeys/`, a map written
//! in its chapter, two maps on a page) built for the `html` and `markdown`
//! renderers, and books whose specs or places have errors failing the build.
//!
//! Without `mdbook` the tests that need it skip themselves, loudly; under
//! `CI=true` that is a failure instead.

use crate::support::{Dir, Run, root, run};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PREPROCESSOR: &str = env!("CARGO_BIN_EXE_mdbook-journeymap");

/// The preprocessor, with `args`, fed `stdin`.
fn preprocessor(args: &[&str], stdin: &str) -> Run {
    use std::io::Write as _;
    let mut child = Command::new(PREPROCESSOR)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("JOURNEYMAP_LANG")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mdbook-journeymap");
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `mdbook` at the pinned version (on `PATH`, or where `cargo install` puts
/// it), or `None` after saying so loudly; a missing one fails under `CI=true`.
fn mdbook() -> Option<PathBuf> {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|h| h.join("bin/mdbook"));
    let candidates = [Some(PathBuf::from("mdbook")), cargo_bin];
    let want = format!("mdbook v{}", journeymap::mdbook::MDBOOK);
    let mut found = Vec::new();
    for c in candidates.into_iter().flatten() {
        if let Ok(out) = Command::new(&c).arg("--version").output() {
            let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if version == want {
                return Some(c);
            }
            found.push(format!("{} is {version}", c.display()));
        }
    }
    let msg = format!(
        "the mdBook tests need {want} ({}; run .ci/install-mdbook.sh)",
        if found.is_empty() {
            "not found".to_owned()
        } else {
            found.join(", ")
        }
    );
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs it)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
    None
}

/// `mdbook build BOOK -d DEST`, with `mdbook-journeymap` first on `PATH` (as
/// `cargo install journeymap` puts it), messages in English, no colour.
fn build(mdbook: &Path, book: &Path, dest: &Path) -> Run {
    let bin = Path::new(PREPROCESSOR).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let start = std::time::Instant::now();
    let r = run(Command::new(mdbook)
        .arg("build")
        .arg(book)
        .arg("-d")
        .arg(dest)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("JOURNEYMAP_LANG")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("MDBOOK_BOOK"));
    eprintln!("mdbook build {}: {:?}", book.display(), start.elapsed());
    r
}

/// The maps of a built chapter: each container `<div class="journeymap" …>`
/// to its end (the next map, or the end of `<main>`), with its id.
fn maps(page: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<div class=\"journeymap\" id=\"") {
        let tail = &rest[at..];
        let id: String = tail["<div class=\"journeymap\" id=\"".len()..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let end = tail[1..]
            .find("<div class=\"journeymap\" id=\"")
            .map_or_else(|| tail.find("</main>").unwrap_or(tail.len()), |e| e + 1);
        out.push((id, &tail[..end]));
        rest = &tail[end..];
    }
    out
}

/// Every `id="…"` of a page, and the ones given twice.
fn duplicate_ids(page: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut twice = Vec::new();
    for part in page.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap_or("").to_owned();
        if !seen.insert(id.clone()) {
            twice.push(id);
        }
    }
    twice
}

/// The rules of a map's style sheet: each selector must be the map's.
fn assert_scoped(id: &str, map: &str) {
    let style = map
        .split_once("<style>")
        .and_then(|(_, s)| s.split_once("</style>"))
        .map(|(s, _)| s)
        .unwrap_or_else(|| panic!("{id} has no style sheet"));
    for banned in [
        ":root",
        "@page",
        "prefers-color-scheme",
        "@import",
        "url(http",
    ] {
        assert!(!style.contains(banned), "{id}'s style sheet has `{banned}`");
    }
    let mut rules = 0;
    for line in style.lines() {
        let Some((selectors, _)) = line.split_once('{') else {
            continue;
        };
        let selectors = selectors.trim();
        if selectors.starts_with('@') || selectors.is_empty() {
            continue;
        }
        rules += 1;
        for s in selector_list(selectors) {
            let inside = s.starts_with(&format!("#{id}"))
                || ["coal", "navy", "ayu"]
                    .iter()
                    .any(|t| s.starts_with(&format!("html.{t} #{id}")));
            assert!(inside, "{id}: selector `{s}` is not scoped ({line})");
        }
    }
    assert!(rules > 200, "{id}: {rules} rules only");
}

/// The selectors of a list (`a, b:is(c, d)` is two).
fn selector_list(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

/// What a page of the book loads: no resource from outside the book.
fn assert_loads_nothing_from_outside(name: &str, page: &str) {
    for banned in [
        "src=\"http",
        "src=\"//",
        "url(http",
        "url(\"http",
        "@import",
    ] {
        assert!(!page.contains(banned), "{name} loads `{banned}`");
    }
    for link in page.split("<link").skip(1) {
        let tag = link.split('>').next().unwrap_or("");
        assert!(
            !tag.contains("href=\"http") && !tag.contains("href=\"//"),
            "{name} links a resource from outside: <link{tag}>"
        );
    }
    for (id, map) in maps(page) {
        let outside = map
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
            .matches("http")
            .count();
        assert_eq!(outside, 0, "{name}: {id} names a URL");
    }
}

#[test]
fn the_preprocessor_speaks_mdbooks_protocol_without_mdbook() {
    for renderer in ["html", "markdown", "epub"] {
        let r = preprocessor(&["supports", renderer], "");
        assert_eq!(r.code, 0, "supports {renderer}: {}", r.stderr);
    }
    let r = preprocessor(&["--version"], "");
    assert!(
        r.code == 0
            && r.stdout
                .contains(&format!("mdBook {}", journeymap::mdbook::MDBOOK)),
        "{}",
        r.stdout
    );
    let r = preprocessor(&["build"], "");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("usage: mdbook-journeymap"),
        "{}",
        r.stderr
    );
    let r = preprocessor(&[], "{\"not\": \"a book\"}");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot read the book mdBook sent"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    // The book as mdBook 0.5 sends it (`items`), and as 0.4 did (`sections`):
    // everything but the chapters' content goes back as it came.
    let dir = Dir::new();
    dir.write("src/journeys/a.yaml", crate::support::MINIMAL);
    for list in ["items", "sections"] {
        let input = serde_json::json!([
            {"root": dir.path(), "config": {"book": {"title": "T"}}, "renderer": "markdown", "mdbook_version": "0.5.4"},
            {list: [
                {"Chapter": {"name": "A", "content": "# A\n\n{{#journeymap journeys/a.yaml}}\n", "number": [1],
                  "sub_items": [], "path": "a.md", "source_path": "a.md", "parent_names": [], "extra": 1}},
                "Separator",
                {"PartTitle": "Part"}
            ], "__non_exhaustive": null}
        ]);
        let r = preprocessor(&[], &input.to_string());
        assert_eq!(r.code, 0, "{list}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{list}: {}", r.stderr);
        let out: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let mut want = input[1].clone();
        let content = out[list][0]["Chapter"]["content"].as_str().unwrap();
        assert!(
            content.starts_with("# A\n\n") && content.contains("# Minimal journey"),
            "{content}"
        );
        assert!(!content.contains("{{#journeymap"), "{content}");
        want[list][0]["Chapter"]["content"] = content.into();
        assert_eq!(out, want, "{list}");
    }
}

#[test]
fn the_test_book_has_every_map_in_html_and_markdown() {
    let Some(mdbook) = mdbook() else { return };
    let out = Dir::new();
    let r = build(&mdbook, &root().join("tests/mdbook"), out.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The inline spec's warning, at its place in the chapter, once per build
    // (mdBook runs the preprocessor once per renderer).
    let warning = "warning[JM1004]: channel `phone` is used by no touchpoint\n  --> src/inline.md:12:10\n   |\n12 |   - {id: phone, name: Phone}\n   |          ^^^^^ unused channel";
    assert_eq!(r.stderr.matches(warning).count(), 1, "{}", r.stderr);
    assert!(
        !r.stderr.contains("error[") && !r.stderr.contains("ERROR"),
        "{}",
        r.stderr
    );

    let html = |p: &str| out.read(&format!("html/{p}"));
    let pages = [
        ("salon.html", vec!["ヘアサロン 新規顧客の再来店ジャーニー"]),
        ("guide/checkout.html", vec!["Online checkout"]),
        (
            "inline.html",
            vec!["Library card renewal", "Online checkout"],
        ),
    ];
    let mut ids = BTreeSet::new();
    for (name, titles) in &pages {
        let page = html(name);
        let found = maps(&page);
        assert_eq!(found.len(), titles.len(), "{name}");
        for ((id, map), title) in found.iter().zip(titles) {
            assert!(ids.insert(id.clone()), "{id} twice in the book");
            assert!(
                map.contains(&format!("<h1>{title}</h1>")),
                "{name}: {title}"
            );
            assert!(
                map.contains(&format!("id=\"{id}-map\"")),
                "{name}: {id}'s grid"
            );
            assert!(map.contains("class=\"curve\""), "{name}: {id}'s curve");
            assert_scoped(id, map);
        }
        assert_eq!(duplicate_ids(&page), Vec::<String>::new(), "{name}");
        assert!(!page.contains("{{#journeymap"), "{name}");
        assert_loads_nothing_from_outside(name, &page);
    }
    let salon = html("salon.html");
    assert!(salon.contains("<div class=\"journeymap\" id=\"jm-1\" lang=\"ja\">"));
    // The chapter goes on after the map, in the book's own style.
    assert!(salon.contains("<p>マップのあとに続く本文。</p>"), "{salon}");
    let checkout = html("guide/checkout.html");
    assert!(checkout.contains("<h2 id=\"after-the-map\"><a class=\"header\" href=\"#after-the-map\">After the map</a></h2>"));
    // The introduction shows the syntax: in code and escaped, it stays text.
    let intro = html("index.html");
    assert!(intro.contains("<code>{{#journeymap path/to/spec.yaml}}</code>"));
    assert!(
        intro.contains("Escaped, it stays as written: {{#journeymap journeys/checkout.yaml}}.")
    );
    // The print page: every chapter on one page, every map with its ids.
    let print = html("print.html");
    assert_eq!(maps(&print).len(), 4);
    assert_eq!(duplicate_ids(&print), Vec::<String>::new());
    // The skip link and the contents link of the second map, as written.
    assert_eq!(print.matches("href=\"#jm-2-map\"").count(), 2);

    // The markdown renderer gets the Markdown map.
    let md = |p: &str| out.read(&format!("markdown/{p}"));
    let checkout = md("guide/checkout.md");
    assert!(
        checkout.contains("# Online checkout\n") && checkout.contains("```mermaid\njourney\n"),
        "{checkout}"
    );
    assert!(checkout.contains("## After the map"));
    assert!(md("salon.md").contains("# ヘアサロン 新規顧客の再来店ジャーニー\n"));
    let inline = md("inline.md");
    assert!(inline.contains("# Library card renewal\n") && !inline.contains("```journeymap"));
    for p in ["salon.md", "guide/checkout.md", "inline.md"] {
        assert!(!md(p).contains("<div class=\"journeymap\""), "{p}");
    }
}

/// A book of one chapter, `chapter.md`, and `files`, run through the
/// preprocessor named by its path (`command = "…"`).
fn book(chapter: &str, files: &[(&str, &str)]) -> Dir {
    let dir = Dir::new();
    dir.write(
        "book.toml",
        format!(
            "[book]\ntitle = \"Broken\"\n\n[preprocessor.journeymap]\ncommand = {:?}\n",
            PREPROCESSOR
        ),
    );
    dir.write("src/SUMMARY.md", "# Summary\n\n- [Chapter](chapter.md)\n");
    dir.write("src/chapter.md", chapter);
    for (name, text) in files {
        dir.write(name, text);
    }
    dir
}

#[test]
fn a_spec_with_errors_fails_the_build_with_its_diagnostics() {
    let Some(mdbook) = mdbook() else { return };
    let spec = "journeymap: 1\ntitle: Broken\npersonas:\n  - {id: mia, name: Mia}\nchannels:\n  - {id: email, name: Email}\nstages:\n  - id: one\n    name: One\n    touchpoints:\n      - {name: Opens the mail, channel: emial, emotion: 1}\n";
    let dir = book(
        "# Chapter\n\n{{#journeymap journeys/broken.yaml}}\n\n```journeymap\njourneymap: 1\ntitle: Inline\nstages:\n  - name: S\n    touchpoints:\n      - {name: T, emotion: 9}\n```\n",
        &[("src/journeys/broken.yaml", spec)],
    );
    let out = dir.path().join("out");
    let r = build(&mdbook, dir.path(), &out);
    assert_ne!(r.code, 0, "{}", r.stderr);
    let file = format!(
        "error[JM0103]: unknown channel `emial`\n  --> src/journeys/broken.yaml:11:41\n   |\n11 |       - {{name: Opens the mail, channel: emial, emotion: 1}}\n   | {}^^^^^ not a channel id\n   |\n   = help: did you mean `email`?",
        " ".repeat(40)
    );
    assert!(r.stderr.contains(&file), "{}", r.stderr);
    // The inline spec's error, at its line and column in the chapter.
    assert!(
        r.stderr.contains(
            "error[JM0201]: emotion 9 is outside the scale -2..2\n  --> src/chapter.md:11:28\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("The \"journeymap\" preprocessor exited unsuccessfully"),
        "{}",
        r.stderr
    );
    assert!(!out.join("html/chapter.html").exists());
}

#[test]
fn a_place_that_names_no_spec_fails_the_build_at_its_line() {
    let Some(mdbook) = mdbook() else { return };
    let dir = book(
        "# Chapter\n\nSee {{#journeymap missing.yaml}}.\n\n{{#journeymap}}\n\n{{#journeymap a.yaml b.yaml}}\n\n{{#journeymap shared.yaml}}\n",
        &[("src/shared.yaml", "personas:\n  - {id: mia, name: Mia}\n")],
    );
    let r = build(&mdbook, dir.path(), &dir.path().join("out"));
    assert_ne!(r.code, 0, "{}", r.stderr);
    for want in [
        "error: cannot read `src/missing.yaml`: no such file\n --> src/chapter.md:3:5\n  |\n3 | See {{#journeymap missing.yaml}}.\n  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "error: `{{#journeymap}}` needs the path of a spec: `{{#journeymap path/to/spec.yaml}}`, relative to the chapter\n --> src/chapter.md:5:1",
        "error: unexpected `b.yaml` after the spec's path",
        "error: `src/shared.yaml` holds only personas and channels (a file for `imports:`), not a journey to draw\n --> src/chapter.md:9:1",
        "checked 0 specs: 4 errors, 0 warnings",
    ] {
        assert!(r.stderr.contains(want), "{want}\nin:\n{}", r.stderr);
    }
}

#[test]
fn the_pinned_mdbook_is_the_one_ci_installs() {
    let script = std::fs::read_to_string(root().join(".ci/install-mdbook.sh")).unwrap();
    let pinned = format!("want={}\n", journeymap::mdbook::MDBOOK);
    assert!(
        script.contains(&pinned),
        ".ci/install-mdbook.sh pins {pinned}"
    );
}
