//! The docs-as-code workflow: folders of specs, `--out-dir`, `build --check`,
//! message formats for CI, `init`, `schema`, and custom templates.

use crate::support::{Dir, MINIMAL, jm_run, root};

fn journeys(d: &Dir) {
    d.write(
        "journeys/shared/people.yaml",
        "personas:\n  - {id: misaki, name: Misaki}\nchannels:\n  - {id: web, name: Website}\n",
    );
    for (name, title) in [
        ("journeys/a.yaml", "A"),
        ("journeys/team/b.yml", "B"),
        ("journeys/team/deep/c.yaml", "C"),
    ] {
        let depth = name.matches('/').count() - 1;
        let up = "../".repeat(depth);
        d.write(
            name,
            format!(
                "journeymap: 1\ntitle: {title}\nimports: [{up}shared/people.yaml]\nstages:\n  - name: S\n    touchpoints: [{{name: T, channel: web, emotion: 1}}]\n"
            ),
        );
    }
}

#[test]
fn a_folder_builds_every_spec_and_skips_import_files() {
    let d = Dir::new();
    journeys(&d);
    let r = d.run(&["build", "journeys"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        d.exists("journeys/a.html")
            && d.exists("journeys/team/b.html")
            && d.exists("journeys/team/deep/c.html")
    );
    assert!(
        !d.exists("journeys/shared/people.html"),
        "import targets are not specs"
    );
    assert!(
        r.stderr.contains("built 3 specs: 0 errors, 0 warnings"),
        "{}",
        r.stderr
    );
}

#[test]
fn out_dir_mirrors_the_tree() {
    let d = Dir::new();
    journeys(&d);
    let r = d.run(&[
        "build",
        "journeys",
        "-f",
        "md",
        "-f",
        "html",
        "--out-dir",
        "site",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "site/a.md",
        "site/a.html",
        "site/team/b.md",
        "site/team/deep/c.html",
    ] {
        assert!(d.exists(f), "{f}");
    }
    assert!(!d.exists("journeys/a.html"), "nothing beside the specs");
}

#[test]
fn build_check_reports_missing_then_clean_then_stale() {
    let d = Dir::new();
    journeys(&d);
    let r = d.run(&["build", "journeys", "--check"]);
    assert_eq!(r.code, 1, "outputs are missing: {}", r.stderr);
    assert!(
        r.stderr.contains("missing: `journeys/a.html`"),
        "{}",
        r.stderr
    );
    assert!(!d.exists("journeys/a.html"), "--check writes nothing");

    assert_eq!(d.run(&["build", "journeys"]).code, 0);
    let r = d.run(&["build", "journeys", "--check"]);
    assert_eq!(r.code, 0, "fresh outputs: {}", r.stderr);

    let before = d.read("journeys/team/b.html");
    d.write(
        "journeys/team/b.yml",
        d.read("journeys/team/b.yml")
            .replace("title: B", "title: B2"),
    );
    let r = d.run(&["build", "journeys", "--check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("stale: `journeys/team/b.html`"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("journeys/a.html"),
        "only what differs is named: {}",
        r.stderr
    );
    assert_eq!(
        d.read("journeys/team/b.html"),
        before,
        "--check writes nothing"
    );
}

#[test]
fn json_message_format_is_one_object_per_line() {
    let r = jm_run(&[
        "check",
        "tests/ui/unknown_key.yaml",
        "--message-format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<serde_json::Value> = r
        .stderr
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    let first = &lines[0];
    assert_eq!(first["code"], "JM0010");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "tests/ui/unknown_key.yaml");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(2), Some(6))
    );
    assert_eq!(first["help"], "did you mean `title`?");
}

#[test]
fn github_message_format_is_workflow_commands() {
    let r = jm_run(&[
        "check",
        "tests/ui/unknown_channel_ja.yaml",
        "--message-format",
        "github",
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].starts_with("::error file=tests/ui/unknown_channel_ja.yaml,line=10,col=35,endLine=10,endColumn=37,title=JM0103::unknown channel `店頭`"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("%0Ahelp: did you mean `店舗`?"),
        "newlines are escaped: {}",
        lines[0]
    );
    let d = Dir::new();
    d.write("w.yaml", MINIMAL.to_owned() + "  - {name: Empty}\n");
    let r = d.run(&["check", "w.yaml", "--message-format", "github"]);
    assert!(
        r.stderr
            .starts_with("::warning file=w.yaml,line=10,col=12,"),
        "{}",
        r.stderr
    );
}

#[test]
fn init_in_both_locales_checks_clean() {
    for locale in ["en", "ja"] {
        let d = Dir::new();
        let r = d.run(&["init", "journeys/first.yaml", "--locale", locale]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = d.read("journeys/first.yaml");
        assert!(text.starts_with("# yaml-language-server: $schema=journeymap.schema.json\n"));
        assert!(
            d.exists("journeys/journeymap.schema.json"),
            "the schema the modeline names"
        );
        let r = d.run(&["check", "journeys/first.yaml", "-D", "warnings"]);
        assert!(
            r.code == 0 && crate::support::clean(&r.stderr),
            "{locale}: {}",
            r.stderr
        );
        let j: serde_json::Value = serde_json::from_str(
            &d.run(&["build", "journeys/first.yaml", "-f", "json", "-o", "-"])
                .stdout,
        )
        .unwrap();
        let ids: Vec<&str> = j["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "awareness",
                "interest",
                "consideration",
                "purchase",
                "retention",
                "advocacy"
            ]
        );
        assert_eq!(j["locale"], locale);
        // Never overwrites.
        let r = d.run(&["init", "journeys/first.yaml"]);
        assert_eq!(r.code, 2);
        assert_eq!(d.read("journeys/first.yaml"), text);
    }
}

fn yaml_to_json(path: &std::path::Path) -> serde_json::Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_committed_schema_is_current() {
    let r = jm_run(&["schema"]);
    assert_eq!(r.code, 0);
    crate::support::assert_golden("docs/journeymap.schema.json", &r.stdout);
}

#[test]
fn the_schema_accepts_every_example_and_rejects_broken_specs() {
    let schema: serde_json::Value = serde_json::from_str(&jm_run(&["schema"]).stdout).unwrap();
    let validator = jsonschema::draft7::new(&schema).expect("a valid JSON Schema");
    let mut checked = 0;
    for dir in ["examples", "templates/init"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "yaml") {
                let doc = yaml_to_json(&e.path());
                let errors: Vec<String> = validator
                    .iter_errors(&doc)
                    .map(|e| format!("{} at {}", e, e.instance_path()))
                    .collect();
                assert!(errors.is_empty(), "{}: {errors:?}", e.path().display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 5);
    for broken in [
        "journeymap: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: X, chanel: web}]}]\n",
        "journeymap: 1\nstages: [{name: S}]\n",
        "journeymap: 2\ntitle: T\nstages: [{name: S}]\n",
        "journeymap: 1\ntitle: T\nlocale: jp\nstages: [{name: S}]\n",
        "journeymap: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: X, emotion: happy}]}]\n",
        "journeymap: 1\ntitle: T\npersonas: [{id: has space, name: A}]\nstages: [{name: S}]\n",
        "journeymap: 1\ntitle: T\nlints: {no-evidense: warn}\nstages: [{name: S}]\n",
        "personas: [{id: a, name: A}]\nstages: []\n",
    ] {
        let doc: serde_json::Value = serde_saphyr::from_str(broken).unwrap();
        assert!(
            !validator.is_valid(&doc),
            "the schema must reject:\n{broken}"
        );
    }
    let ok: serde_json::Value = serde_saphyr::from_str(
        "journeymap: 1\ntitle: T\nx-mine: {any: thing}\nstages: [{name: S, x-note: 1}]\n",
    )
    .unwrap();
    assert!(validator.is_valid(&ok), "x- keys are allowed anywhere");
}

#[test]
fn templates_list_and_eject_rebuild_identically() {
    let r = jm_run(&["templates", "list"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.lines().any(|l| l == "journey.html"),
        "{}",
        r.stdout
    );
    let d = Dir::new();
    d.write("s.yaml", MINIMAL);
    let r = d.run(&["templates", "eject", "theme"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["html", "md", "svg"] {
        let plain = d.run(&["build", "s.yaml", "-f", f, "-o", "-"]).stdout;
        let themed = d.run(&[
            "build",
            "s.yaml",
            "-f",
            f,
            "-o",
            "-",
            "--templates",
            "theme",
        ]);
        assert_eq!(themed.code, 0, "{}", themed.stderr);
        assert_eq!(
            plain, themed.stdout,
            "ejected {f} templates build byte-identical output"
        );
    }
}

#[test]
fn a_user_template_overrides_one_block_of_a_builtin() {
    let d = Dir::new();
    d.write("s.yaml", MINIMAL);
    let builtin = crate::support::run(crate::support::jm().args(["templates", "list"])).stdout;
    assert!(builtin.contains("journey.html"));
    d.write(
        "theme/journey.html",
        "{% extends \"builtin/journey.html\" %}{% block footer %}<footer>ACME Corp · {{ journey.title }}</footer>{% endblock %}",
    );
    let r = d.run(&["build", "s.yaml", "-o", "-", "--templates", "theme"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("<footer>ACME Corp · Minimal journey</footer>"),
        "the block is replaced"
    );
    assert!(
        r.stdout.contains("<title>Minimal journey</title>"),
        "the rest of the built-in stays"
    );
}

#[test]
fn template_errors_name_the_file_and_line_and_exit_2() {
    let d = Dir::new();
    d.write("s.yaml", MINIMAL);
    d.write(
        "syntax/journey.html",
        "<h1>{{ journey.title }}</h1>\n{% for x in %}\n",
    );
    let r = d.run(&["build", "s.yaml", "--templates", "syntax"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("template error in syntax/journey.html:2"),
        "{}",
        r.stderr
    );
    assert!(!d.exists("s.html"));

    d.write(
        "undef/journey.html",
        "<h1>{{ journey.title }}</h1>\n<p>{{ journey.no_such_field }}</p>\n",
    );
    let r = d.run(&["build", "s.yaml", "--templates", "undef"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("template error in undef/journey.html:2: undefined value"),
        "{}",
        r.stderr
    );

    d.write(
        "loop/journey.html",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    );
    let start = std::time::Instant::now();
    let r = d.run(&["build", "s.yaml", "--templates", "loop"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ran too long"), "{}", r.stderr);
    assert!(
        start.elapsed().as_secs() < 60,
        "fuel stops a runaway template"
    );

    d.write("escape/journey.html", "{% include \"../s.yaml\" %}");
    let r = d.run(&["build", "s.yaml", "--templates", "escape"]);
    assert_eq!(
        r.code, 2,
        "templates cannot read outside their folder: {}",
        r.stderr
    );
    assert!(r.stderr.contains("template error"), "{}", r.stderr);
}

#[test]
fn persona_view_keeps_its_touchpoints_and_emotions() {
    let r = jm_run(&[
        "build",
        "examples/online-english-school.ja.yaml",
        "--persona",
        "misaki",
        "-f",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["personas"].as_array().unwrap().len(), 1);
    for s in j["stages"].as_array().unwrap() {
        for t in s["touchpoints"].as_array().unwrap() {
            assert_eq!(t["personas"], serde_json::json!(["misaki"]));
            assert!(
                t["emotion"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .all(|k| k == "misaki")
            );
        }
    }
    let r = jm_run(&[
        "build",
        "examples/online-english-school.ja.yaml",
        "--persona",
        "misak",
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `misaki`?"), "{}", r.stderr);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = jm_run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains("journeymap"), "{shell}");
    }
}

/// A running `journeymap` process, killed when dropped.
struct Bg(std::process::Child);

impl Drop for Bg {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `journeymap serve …` in `d`: the server (stopped when dropped), the
/// first line it says and the address it serves at; the rest of its stderr
/// is drained so it never blocks or loses its pipe.
fn serving(d: &Dir, args: &[&str]) -> (Bg, String, String) {
    use std::io::{BufRead, BufReader};
    let mut server = spawn(d, args);
    let mut lines = BufReader::new(server.0.stderr.take().unwrap());
    let mut first = String::new();
    lines.read_line(&mut first).unwrap();
    std::thread::spawn(move || for _ in lines.lines() {});
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("the URL")
        .to_owned();
    (server, first, addr)
}

fn spawn(d: &Dir, args: &[&str]) -> Bg {
    let child = crate::support::jm()
        .current_dir(d.path())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    Bg(child)
}

/// Poll `cond` every 50 ms for up to 15 s.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(15) {
        if cond() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn watch_rebuilds_on_edits_to_the_spec_and_its_imports() {
    let d = Dir::new();
    journeys(&d);
    let mut w = spawn(&d, &["watch", "journeys"]);
    // Edits count once the watcher says it is watching (not before: they would be missed).
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = w.0.stderr.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let watching = |what: &str| loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no `watching` line after {what}"));
        if line.contains("watching for changes") {
            break;
        }
    };
    watching("the first build");
    assert!(d.exists("journeys/a.html"));
    let read = |f: &str| std::fs::read_to_string(d.path().join(f)).unwrap_or_default();
    d.write(
        "journeys/a.yaml",
        read("journeys/a.yaml").replace("title: A", "title: Edited title"),
    );
    eventually("a rebuild after an edit", || {
        read("journeys/a.html").contains("Edited title")
    });
    watching("the rebuild");
    // An error does not stop the watcher.
    d.write("journeys/a.yaml", "journeymap: 1\ntitle: [\n");
    watching("a broken spec");
    assert!(
        read("journeys/a.html").contains("Edited title"),
        "a broken spec writes nothing"
    );
    // An imported file changes every spec that imports it.
    d.write(
        "journeys/shared/people.yaml",
        read("journeys/shared/people.yaml").replace("name: Website", "name: Homepage"),
    );
    eventually("a rebuild after an import changed", || {
        read("journeys/team/b.html").contains("Homepage")
    });
}

fn http_get(addr: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_lists_journeys_shows_errors_and_reloads() {
    let d = Dir::new();
    journeys(&d);
    let (_server, first, addr) = serving(&d, &["serve", "journeys", "--port", "0"]);
    assert!(
        addr.starts_with("127.0.0.1:"),
        "loopback only by default: {first}"
    );

    let (status, index) = http_get(&addr, "/");
    assert_eq!(status, 200);
    // The index is the portfolio page; its links are relative, so they
    // resolve from `/` and `/index.html` alike. Attribute values are escaped
    // as on every page (`/` as `&#x2f;`).
    assert!(
        index.contains("<title>Journey portfolio</title>"),
        "{index}"
    );
    for page in ["a.html", "team/b.html", "team/deep/c.html"] {
        let href = page.replace('/', "&#x2f;");
        assert!(index.contains(&format!("href=\"{href}\"")), "{index}");
    }
    assert!(!index.contains("people"), "import files are not journeys");
    let (status, page) = http_get(&addr, "/team/b.html");
    assert_eq!(status, 200);
    assert!(page.contains("<title>B</title>"));
    assert_eq!(http_get(&addr, "/nope.html").0, 404);

    // A long poll for version 0 answers when the site is rebuilt.
    let poll = {
        let addr = addr.clone();
        std::thread::spawn(move || http_get(&addr, "/__journeymap/wait?v=0"))
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    d.write(
        "journeys/a.yaml",
        "journeymap: 1\ntitle: A\nimports: [shared/people.yaml]\nstages:\n  - name: S\n    touchpoints: [{name: T, channel: wbe}]\n",
    );
    let (status, version) = poll.join().unwrap();
    assert_eq!((status, version.as_str()), (200, "1"));
    let (_, page) = http_get(&addr, "/a.html");
    assert!(page.contains("has errors"), "{page}");
    assert!(page.contains("unknown channel `wbe`"), "{page}");
    assert!(page.contains("did you mean `web`?"), "{page}");
    // The portfolio lists the spec as not built, linked to that page.
    let (_, index) = http_get(&addr, "/");
    let failed = index
        .split("Not built")
        .nth(1)
        .expect("a list of failed specs");
    assert!(
        failed.contains("<a href=\"a.html\"><code>a.yaml</code></a> · 1 error(s)"),
        "{failed}"
    );
}

/// `serve` says what `check` says of a file it cannot build: a spec that
/// cannot be read, and a file of shared personas named on the command line
/// that has errors, each get a page with the message.
#[test]
fn serve_shows_what_check_reports() {
    let d = Dir::new();
    d.write("people.yaml", "personas:\n  - {id: p1}\n");
    let check = d.run(&["check", "people.yaml", "missing.yaml"]);
    assert!(
        check
            .stderr
            .contains("cannot read `missing.yaml`: no such file")
    );
    let (_server, first, addr) =
        serving(&d, &["serve", "people.yaml", "missing.yaml", "--port", "0"]);
    assert!(first.starts_with("serving 2 journey(s)"), "{first}");
    let (status, page) = http_get(&addr, "/people.html");
    assert_eq!(status, 200);
    assert!(page.contains("`name` is required"), "{page}");
    let (status, page) = http_get(&addr, "/missing.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("cannot read `missing.yaml`: no such file"),
        "{page}"
    );
}

/// A template that fails leaves the previous output as it was and no
/// temporary file behind; a theme may place the parts written in Rust
/// (`html.map_table`, `html.curve_table`) anywhere, even twice; and spec text
/// cannot pass for one of them.
#[test]
fn a_failing_template_leaves_the_old_output_and_parts_can_be_placed_anywhere() {
    let d = Dir::new();
    d.write("s.yaml", MINIMAL);
    let r = d.run(&["build", "s.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let good = d.read("s.html");

    // The page around the map fails.
    d.write(
        "late/journey.html",
        "{{ html.map_table }}\n{{ html.curve_table }}\n{{ journey.no_such_field }}\n",
    );
    let r = d.run(&["build", "s.yaml", "--templates", "late"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("late/journey.html:3"), "{}", r.stderr);
    assert_eq!(d.read("s.html"), good, "the old output is intact");
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp") || n.starts_with(".journeymap"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    d.write(
        "twice/journey.html",
        "<main>{{ html.map_table }}</main><aside>{{ html.map_table }}</aside>\n",
    );
    let r = d.run(&[
        "build",
        "s.yaml",
        "--templates",
        "twice",
        "-o",
        "twice.html",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = d.read("twice.html");
    assert_eq!(page.matches("<table class=\"map\"").count(), 2, "{page}");
    assert!(!page.contains('\0'), "no marker is left in the page");
    let r = d.run(&["build", "s.yaml", "--templates", "twice", "-o", "-"]);
    assert_eq!(r.stdout, page, "a file and stdout get the same page");

    // A YAML string can hold NUL characters: still no way to forge a marker.
    for forged in ["<\\0journeymap:map_table\\0>", "\\0journeymap:map_table\\0"] {
        d.write(
            "forged.yaml",
            MINIMAL.replace("title: Minimal journey", &format!("title: \"A{forged}B\"")),
        );
        let r = d.run(&["build", "forged.yaml", "-o", "-"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(
            r.stdout.matches("<table class=\"map\"").count(),
            1,
            "{forged}: one map only"
        );
    }
}

/// `curve.html` is still a built-in (an older theme's journey.html includes
/// it), but the built-in journey.html no longer does: a theme that overrides
/// only `curve.html` is told so instead of being ignored in silence.
#[test]
fn a_theme_with_only_curve_html_is_warned() {
    let d = Dir::new();
    d.write("s.yaml", MINIMAL);
    d.write("theme/curve.html", "<svg>mine</svg>\n");
    let r = d.run(&["build", "s.yaml", "--templates", "theme"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: `theme/curve.html` is not used"),
        "{}",
        r.stderr
    );
    d.write(
        "theme/journey.html",
        "{% extends \"builtin/journey.html\" %}{% block map %}{% include \"curve.html\" %}{% endblock %}",
    );
    let r = d.run(&["build", "s.yaml", "--templates", "theme"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(crate::support::clean(&r.stderr), "{}", r.stderr);
    assert!(d.read("s.html").contains("<svg>mine</svg>"));
}

/// A journey measured by a data file in a folder of its own.
fn measured(d: &Dir) {
    d.write(
        "j/m.yaml",
        "journeymap: 1\ntitle: M\npersonas: [{id: a, name: A}]\nmetrics: [{id: csat, name: CSAT, unit: \"%\"}]\ndata: [data/q.csv]\nstages:\n  - id: s\n    name: S\n    touchpoints: [{id: t, name: T}]\n",
    );
    d.write("j/data/q.csv", "metric,touchpoint,value\ncsat,t,72\n");
}

#[test]
fn build_check_sees_a_changed_data_file() {
    let d = Dir::new();
    measured(&d);
    assert_eq!(d.run(&["build", "j/m.yaml"]).code, 0);
    assert!(d.read("j/m.html").contains("72%"));
    assert_eq!(d.run(&["build", "j/m.yaml", "--check"]).code, 0);
    d.write("j/data/q.csv", "metric,touchpoint,value\ncsat,t,81\n");
    let r = d.run(&["build", "j/m.yaml", "--check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("stale: `j/m.html`"), "{}", r.stderr);
}

#[test]
fn watch_and_serve_rebuild_when_a_data_file_changes() {
    use std::io::{BufRead, BufReader};
    let d = Dir::new();
    measured(&d);
    let mut w = spawn(&d, &["watch", "j/m.yaml"]);
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = w.0.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("a `watching` line");
        if line.contains("watching for changes") {
            break;
        }
    }
    d.write("j/data/q.csv", "metric,touchpoint,value\ncsat,t,91\n");
    let read = |f: &str| std::fs::read_to_string(d.path().join(f)).unwrap_or_default();
    eventually("watch to rebuild after the data file changed", || {
        read("j/m.html").contains("91%")
    });
    drop(w);

    let (_server, _, addr) = serving(&d, &["serve", "j/m.yaml", "--port", "0"]);
    assert!(http_get(&addr, "/m.html").1.contains("91%"));
    let poll = {
        let addr = addr.clone();
        std::thread::spawn(move || http_get(&addr, "/__journeymap/wait?v=0"))
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    d.write("j/data/q.csv", "metric,touchpoint,value\ncsat,t,64\n");
    assert_eq!(poll.join().unwrap().0, 200);
    assert!(http_get(&addr, "/m.html").1.contains("64%"));
}

/// node and playwright-core for `tests/node/serve-reload.mjs`, or `false`
/// (after saying so loudly) when absent; a missing tool fails under `CI=true`
/// (as in `browser.rs`).
fn serve_browser_tools() -> bool {
    use std::process::{Command, Stdio};
    let chromium = "/usr/bin/chromium";
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let modules = root().join("tests/node/node_modules/playwright-core");
    let missing: Vec<&str> = [
        (!std::path::Path::new(chromium).exists()).then_some(chromium),
        (!node_ok).then_some("node"),
        (!modules.exists()).then_some("tests/node/node_modules (run `npm ci` in tests/node)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!("the serve browser test needs {}", missing.join(", "));
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs them)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
    false
}

/// The policy every built map carries (templates/journey.html).
const MAP_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// The served map is the built one but for its policy, which allows the reload
/// script by its hash and the poll of the server, and for the script.
#[test]
fn serve_adds_only_the_reload_script_to_the_maps_policy() {
    let d = Dir::new();
    journeys(&d);
    let built = d.run(&["build", "journeys/a.yaml", "-o", "-"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(built.stdout.contains(MAP_POLICY), "the built policy");
    assert!(
        !built.stdout.contains("<script"),
        "a built map has no script"
    );
    let (_server, _, addr) = serving(&d, &["serve", "journeys", "--port", "0"]);
    let (status, served) = http_get(&addr, "/a.html");
    assert_eq!(status, 200);
    let policy = served
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the served map has a policy");
    let hash = policy
        .strip_prefix(&format!("{MAP_POLICY}; script-src 'sha256-"))
        .and_then(|r| r.strip_suffix("='; connect-src 'self'"))
        .unwrap_or_else(|| panic!("only a script hash and 'self' to connect: {policy}"));
    assert!(
        hash.len() == 43
            && hash
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'),
        "a SHA-256 in base64: {hash}"
    );
    let start = served.find("<script>").expect("the reload script");
    let end = served[start..].find("</script>").expect("its end") + start + "</script>".len();
    assert_eq!(served.matches("<script").count(), 1, "one script");
    let rest = format!("{}{}", &served[..start], &served[end..]);
    assert_eq!(
        rest.replacen(policy, MAP_POLICY, 1),
        built.stdout,
        "nothing else differs from the built map"
    );
    for page in ["/", "/team/b.html"] {
        let (_, html) = http_get(&addr, page);
        assert_eq!(
            html.matches("Content-Security-Policy").count(),
            1,
            "{page}: {html}"
        );
        assert!(html.contains("script-src 'sha256-"), "{page}: {html}");
    }
}

/// In Chromium, the map page, the index and the error page reload by
/// themselves after each edit, with no CSP violation in the console, and their
/// policies still refuse any other script and any other connection.
#[test]
fn serve_reloads_open_pages_in_chromium() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    if !serve_browser_tools() {
        return;
    }
    let d = Dir::new();
    journeys(&d);
    let spec = d.path().join("journeys/a.yaml");
    let original = std::fs::read_to_string(&spec).unwrap();
    let (_server, _, addr) = serving(&d, &["serve", "journeys", "--port", "0"]);
    let titled = |t: &str| original.replace("title: A", &format!("title: {t}"));
    let config = serde_json::json!({
        "base": format!("http://{addr}"),
        "pages": ["/a.html", "/"],
        "file": spec,
        "steps": [
            {"name": "an edit", "content": titled("Edited title"), "expect": {
                "/a.html": {"title": "Edited title"}, "/": {"text": "Edited title"}}},
            {"name": "an error", "content": original.replace("channel: web", "channel: wbe"), "expect": {
                "/a.html": {"text": "unknown channel `wbe`"}, "/": {"text": "a.yaml · 1 error(s)"}}},
            {"name": "the fix", "content": titled("Fixed title"), "expect": {
                "/a.html": {"title": "Fixed title"}, "/": {"text": "Fixed title"}}},
        ],
    });
    let config = d.write("serve-reload.json", config.to_string());
    let start = Instant::now();
    let mut child = Command::new("node")
        .arg(root().join("tests/node/serve-reload.mjs"))
        .arg(&config)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let deadline = Duration::from_secs(120);
    while child.try_wait().expect("wait for node").is_none() {
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("serve-reload.mjs did not finish in {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("node output");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success(),
        "serve-reload.mjs failed:\n{stderr}\n{stdout}"
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("serve-reload.mjs printed no report ({e}):\n{stdout}\n{stderr}")
    });
    let mut failures = Vec::new();
    for r in report["results"].as_array().expect("results") {
        let name = r["name"].as_str().unwrap_or("?");
        eprintln!("{name:<8} {}", r["facts"]);
        for p in r["problems"].as_array().expect("problems") {
            failures.push(format!("{name}: {}", p.as_str().unwrap_or("")));
        }
        let probe = &r["facts"]["probe"];
        if probe["inline_ran"] != false {
            failures.push(format!("{name}: an inline script added to the page ran"));
        }
        let violations: Vec<&str> = probe["violations"]
            .as_array()
            .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        for (what, directive) in [
            ("an inline script", "script-src-elem inline"),
            ("a script from the server", "script-src-elem http"),
            (
                "a connection to another origin",
                "connect-src http://127.0.0.1:9",
            ),
        ] {
            if !violations.iter().any(|v| v.starts_with(directive)) {
                failures.push(format!(
                    "{name}: the policy did not refuse {what}: {violations:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "in Chromium:\n{}", failures.join("\n"));
}

/// `serve`'s index (the portfolio page) speaks the journeys' language, and
/// `--locale` chooses it (it used to say "Journeys / Status" above Japanese
/// journeys).
#[test]
fn serve_index_follows_the_journeys_locale() {
    let d = Dir::new();
    journeys(&d);
    for f in [
        "journeys/a.yaml",
        "journeys/team/b.yml",
        "journeys/team/deep/c.yaml",
    ] {
        let text = d
            .read(f)
            .replace("journeymap: 1\n", "journeymap: 1\nlocale: ja\n");
        d.write(f, text);
    }
    for (args, lang, heading) in [
        (
            &["serve", "journeys", "--port", "0"][..],
            "ja",
            "ジャーニーの一覧",
        ),
        (
            &["serve", "journeys", "--port", "0", "--locale", "en"][..],
            "en",
            "Journey portfolio",
        ),
    ] {
        let (_server, _, addr) = serving(&d, args);
        let (status, index) = http_get(&addr, "/");
        assert_eq!(status, 200);
        assert!(
            index.contains(&format!("<html lang=\"{lang}\">")),
            "{index}"
        );
        assert!(index.contains(heading), "{index}");
    }
}
