//! The HTML map and the SVG picture in a real browser (Debian's Chromium,
//! driven by `tests/node/browser-check.mjs` through playwright-core), plus the
//! checks of the same outputs that need no browser.
//!
//! Pages: both examples and the stress specs (`tests/stress/*.yaml`, plus 30
//! stages and 200 touchpoints generated here). In Chromium each page must load
//! with no console error and no network request, keep every text inside its
//! cell on a wide and a narrow screen, put each curve point on its touchpoint
//! column, keep feeling labels apart, print to PDF on a landscape sheet without
//! clipping, and (for the examples) reach WCAG AA contrast in light and dark
//! mode. Each SVG must parse and keep its texts inside the picture and apart.
//!
//! Without Chromium or `tests/node/node_modules` the browser test skips itself,
//! loudly; under `CI=true` that is a failure instead.

use crate::support::{Dir, jm, root, run};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The specs every check runs on: `(name, path)`.
fn specs(dir: &Dir) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = Vec::new();
    for e in [
        "hair-salon.ja",
        "online-english-school.ja",
        "saas-onboarding",
        "saas-onboarding.future",
    ] {
        v.push((e.to_owned(), root().join(format!("examples/{e}.yaml"))));
    }
    let mut stress: Vec<PathBuf> = std::fs::read_dir(root().join("tests/stress"))
        .expect("tests/stress exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    stress.sort();
    for p in stress {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        v.push((format!("stress/{name}"), p));
    }
    v.push((
        "generated/30-stages".to_owned(),
        dir.write("30-stages.yaml", many_stages()),
    ));
    v.push((
        "generated/200-touchpoints".to_owned(),
        dir.write("200-touchpoints.yaml", many_touchpoints()),
    ));
    v
}

/// 30 stages, a touchpoint or none each, emotions swinging across the scale.
fn many_stages() -> String {
    let mut s = String::from(
        "journeymap: 1\ntitle: Thirty stages\nloop_to: s3\nlints: {empty-stage: allow}\npersonas:\n  - {id: a, name: Alex}\nstages:\n",
    );
    for i in 1..=30 {
        let _ = writeln!(
            s,
            "  - id: s{i}\n    name: Stage number {i}\n    goal: Goal of stage {i}"
        );
        if i % 7 != 0 {
            let _ = writeln!(
                s,
                "    touchpoints:\n      - name: Touchpoint {i}\n        emotion: {}\n        feeling: Feeling {i}",
                i64::from(i % 5) - 2
            );
        }
    }
    s
}

/// 200 touchpoints over 10 stages, three personas whose emotions differ.
fn many_touchpoints() -> String {
    let mut s = String::from(
        "journeymap: 1\ntitle: Two hundred touchpoints\nlocale: ja\npersonas:\n  - {id: a, name: 青木}\n  - {id: b, name: 馬場}\n  - {id: c, name: 千葉}\nstages:\n",
    );
    for st in 0..10 {
        let _ = writeln!(s, "  - name: ステージ{st}\n    touchpoints:");
        for t in 0..20 {
            let n = st * 20 + t;
            let e = |k: i64| (n * 7 + k * 3) % 5 - 2;
            let _ = writeln!(
                s,
                "      - name: タッチポイント{n}\n        emotion: {{a: {}, b: {}, c: {}}}\n        feeling: 気持ち{n}\n        action: 行動{n}\n        moment_of_truth: {}",
                e(0),
                e(1),
                e(2),
                n % 37 == 0
            );
        }
    }
    s
}

/// Build `spec` as `format` into `out`.
fn build(spec: &Path, format: &str, out: &Path) {
    let r = run(jm().args([
        "build",
        &spec.to_string_lossy(),
        "-f",
        format,
        "-o",
        &out.to_string_lossy(),
    ]));
    assert_eq!(r.code, 0, "{} -f {format}:\n{}", spec.display(), r.stderr);
}

/// node and playwright-core, or `None` (after saying so loudly) when absent;
/// a missing tool fails under `CI=true`.
fn browser_tools() -> Option<PathBuf> {
    let modules = root().join("tests/node/node_modules/playwright-core");
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let missing: Vec<&str> = [
        (!Path::new(CHROMIUM).exists()).then_some(CHROMIUM),
        (!node_ok).then_some("node"),
        (!modules.exists()).then_some("tests/node/node_modules (run `npm ci` in tests/node)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return Some(root().join("tests/node/browser-check.mjs"));
    }
    let msg = format!("browser tests need {}", missing.join(", "));
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs them)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
    None
}

/// Run `browser-check.mjs` on `pages`; the report, and its problems as lines.
fn browser_check(
    script: &Path,
    dir: &Dir,
    pages: &[serde_json::Value],
) -> (serde_json::Value, String) {
    let config = dir.write(
        "config.json",
        serde_json::json!({ "pages": pages }).to_string(),
    );
    let start = Instant::now();
    let mut child = Command::new("node")
        .arg(script)
        .arg(&config)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let deadline = Duration::from_secs(240);
    while child.try_wait().expect("wait for node").is_none() {
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("the browser checks did not finish in {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("node output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "browser-check.mjs failed:\n{stderr}\n{stdout}"
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("browser-check.mjs printed no report ({e}):\n{stdout}\n{stderr}")
    });
    let mut failures = String::new();
    for r in report["results"].as_array().expect("results") {
        let problems = r["problems"].as_array().expect("problems");
        eprintln!("{:<44} {}", r["name"].as_str().unwrap_or("?"), r["facts"]);
        for p in problems {
            let _ = writeln!(
                failures,
                "{}: {}",
                r["name"].as_str().unwrap_or("?"),
                p.as_str().unwrap_or("")
            );
        }
    }
    (report, failures)
}

#[test]
fn html_and_svg_hold_up_in_chromium() {
    let Some(script) = browser_tools() else {
        return;
    };
    let dir = Dir::new();
    let mut pages = Vec::new();
    for (name, spec) in specs(&dir) {
        let stem = name.replace('/', "-");
        let html = dir.path().join(format!("{stem}.html"));
        let svg = dir.path().join(format!("{stem}.svg"));
        build(&spec, "html", &html);
        build(&spec, "svg", &svg);
        let example = !name.contains('/');
        pages.push(serde_json::json!({
            "name": format!("{name}.html"), "file": html, "kind": "html",
            "pdf": true, "contrast": example, "layout": example,
        }));
        pages
            .push(serde_json::json!({ "name": format!("{name}.svg"), "file": svg, "kind": "svg" }));
    }
    let start = Instant::now();
    let (report, mut failures) = browser_check(&script, &dir, &pages);
    // The journey the size of a real one is shown whole on a wide screen.
    let salon = report["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "hair-salon.ja.html"))
        .expect("hair-salon.ja.html was checked");
    let wide = &salon["facts"]["at_2800"];
    if wide["touchpoints_in_view"] != wide["touchpoints"] || wide["map_scrolls"] != false {
        let _ = writeln!(
            failures,
            "hair-salon.ja.html: at 2800 px not every touchpoint is in view: {wide}"
        );
    }
    eprintln!("browser checks: {:.1} s", start.elapsed().as_secs_f64());
    assert!(
        failures.is_empty(),
        "problems found in Chromium:\n{failures}"
    );
}

/// Spec text never becomes markup, in the HTML or in the SVG (no browser needed).
#[test]
fn every_field_is_escaped() {
    let dir = Dir::new();
    let spec = root().join("tests/stress/escaping.yaml");
    for format in ["html", "svg"] {
        let out = dir.path().join(format!("escaping.{format}"));
        build(&spec, format, &out);
        let text = std::fs::read_to_string(&out).unwrap();
        for raw in [
            "<script",
            "<img",
            "<svg onload",
            "</textarea",
            "<!--{{",
            "</style><",
        ] {
            assert!(
                !text.contains(raw),
                "`{raw}` appears unescaped in escaping.{format}"
            );
        }
        assert!(
            text.contains("&lt;script&gt;window.__jm_pwned=1"),
            "the payload is shown as text in escaping.{format}"
        );
        if format == "svg" {
            assert!(
                !text.chars().any(
                    |c| matches!(c as u32, 0..=8 | 0x0B | 0x0C | 0x0E..=0x1F | 0xFFFE | 0xFFFF)
                ),
                "escaping.svg holds characters that XML forbids"
            );
        }
    }
}

/// Outputs are byte-identical from run to run, and one changed touchpoint
/// changes a few lines of the HTML, not the whole file.
#[test]
fn html_diffs_stay_small() {
    let dir = Dir::new();
    let spec =
        std::fs::read_to_string(root().join("examples/online-english-school.ja.yaml")).unwrap();
    let changed = spec.replacen("feeling: 混乱", "feeling: 大混乱", 1);
    assert_ne!(spec, changed);
    let a = dir.write("a.yaml", &spec);
    let b = dir.write("b.yaml", &changed);
    for format in ["html", "svg"] {
        let (oa, oa2, ob) = (
            dir.path().join(format!("a.{format}")),
            dir.path().join(format!("a2.{format}")),
            dir.path().join(format!("b.{format}")),
        );
        build(&a, format, &oa);
        build(&a, format, &oa2);
        build(&b, format, &ob);
        let (ta, tb) = (
            std::fs::read_to_string(&oa).unwrap(),
            std::fs::read_to_string(&ob).unwrap(),
        );
        assert_eq!(
            ta,
            std::fs::read_to_string(&oa2).unwrap(),
            "{format} is deterministic"
        );
        let changed_lines = ta.lines().zip(tb.lines()).filter(|(x, y)| x != y).count();
        assert_eq!(ta.lines().count(), tb.lines().count());
        assert!(
            (1..=4).contains(&changed_lines),
            "one feeling changed {changed_lines} lines of the {format}"
        );
    }
}

/// The SVG picture has a viewBox and a sensible width from 1 to 30 stages.
#[test]
fn svg_width_suits_slides() {
    let dir = Dir::new();
    for (stages, max) in [(1, 1400.0), (3, 1400.0), (7, 2400.0), (30, 4000.0)] {
        let mut s =
            String::from("journeymap: 1\ntitle: T\npersonas: [{id: a, name: A}]\nstages:\n");
        for i in 0..stages {
            let _ = writeln!(
                s,
                "  - name: S{i}\n    touchpoints: [{{name: T{i}a, emotion: 1}}, {{name: T{i}b, emotion: -1}}]"
            );
        }
        let spec = dir.write(&format!("s{stages}.yaml"), s);
        let out = dir.path().join(format!("s{stages}.svg"));
        build(&spec, "svg", &out);
        let svg = std::fs::read_to_string(&out).unwrap();
        let vb = svg
            .split("viewBox=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("the SVG has a viewBox");
        let width: f64 = vb.split(' ').nth(2).unwrap().parse().unwrap();
        assert!(
            (600.0..=max).contains(&width),
            "{stages} stages: width {width} not in 600..={max}"
        );
    }
}

/// The example portfolio built as a folder: its page and the maps that link
/// each other (a parent and its detail journey, a comparison, a segment), in
/// Chromium: every relative link reaches a file that was written, nothing
/// overlaps or sticks out on a wide and a narrow screen, contrast in light
/// and dark mode, the page prints.
#[test]
fn the_portfolio_and_its_linked_maps_hold_up_in_chromium() {
    let Some(script) = browser_tools() else {
        return;
    };
    let dir = Dir::new();
    let out = dir.path().join("site");
    let r = run(jm()
        .current_dir(root())
        .args(["build", "examples/portfolio", "--out-dir"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut pages = Vec::new();
    for name in [
        "index",
        "overview",
        "overview.future",
        "checkout",
        "competitor-a",
        "segments/gift",
    ] {
        let file = out.join(format!("{name}.html"));
        assert!(file.exists(), "{} was built", file.display());
        pages.push(serde_json::json!({
            "name": format!("portfolio/{name}.html"), "file": file, "kind": "html",
            "pdf": true, "contrast": true, "links": true, "layout": true,
        }));
    }
    let (report, failures) = browser_check(&script, &dir, &pages);
    assert!(
        failures.is_empty(),
        "problems found in Chromium:\n{failures}"
    );
    // The links were there to check: the page links every map, the overview
    // its detail journey.
    let links = |n: &str| {
        report["results"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["name"] == n))
            .map(|r| r["facts"]["links"].as_u64().unwrap_or(0))
            .unwrap_or(0)
    };
    assert!(links("portfolio/index.html") >= 6, "{report}");
    assert!(
        links("portfolio/overview.html") >= 2,
        "its detail journey and the competitor: {report}"
    );
    assert!(
        links("portfolio/segments/gift.html") >= 1,
        "the journey it compares with: {report}"
    );
    assert!(links("portfolio/checkout.html") >= 1, "{report}");
}
