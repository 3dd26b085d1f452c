//! The HTML map printed as a user prints it: Chromium's own `--print-to-pdf`
//! on the page `build` wrote, read back with poppler (`pdfinfo`, `pdftotext`,
//! `pdftoppm`).
//!
//! For each Japanese example on A3 and A4: the sheet is the one asked for, in
//! landscape; every page holds more than a heading or a footer; the grid's
//! touchpoints are all on one page, which follows the overview and the
//! persona cards and comes before the insights; the printed grid is inside
//! the page's margins.
//!
//! Without Chromium or poppler the test skips itself, loudly; under `CI=true`
//! that is a failure instead.

use crate::support::{Dir, jm_run, root};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The tools, or `false` after saying loudly which are missing.
fn tools() -> bool {
    let has = |tool: &str, arg: &str| {
        Command::new(tool)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    let missing: Vec<&str> = [
        (!Path::new(CHROMIUM).exists()).then_some("chromium"),
        (!has("pdfinfo", "-v")).then_some("pdfinfo (poppler-utils)"),
        (!has("pdftotext", "-v")).then_some("pdftotext (poppler-utils)"),
        (!has("pdftoppm", "-v")).then_some("pdftoppm (poppler-utils)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!("the print test needs {}", missing.join(", "));
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs them)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
    false
}

/// Run a command to its end (at most a minute), returning its stdout.
fn output(cmd: &mut Command) -> String {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the tool");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{cmd:?} did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "{cmd:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of page `n` (from 1) in the order it was drawn (`-raw`: cell by
/// cell, where the default layout mode interleaves side-by-side cells),
/// without any whitespace, so that wrapped cells join back into their names.
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    output(
        Command::new("pdftotext")
            .args(["-raw", "-f", &n, "-l", &n])
            .arg(pdf)
            .arg("-"),
    )
    .chars()
    .filter(|c| !c.is_whitespace())
    .collect()
}

/// The inked box of page `n` as fractions of the page: `(left, top, right,
/// bottom)`, from a grey raster of `pdftoppm`.
fn ink(pdf: &Path, n: usize, dir: &Path) -> (f64, f64, f64, f64) {
    let n = n.to_string();
    // Named after the PDF: the checks run in parallel in one folder, and a shared
    // `page-1.pgm` was read by one job while another was writing it (an empty file).
    let stem = pdf
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .replace(".", "_");
    let base = dir.join(format!("{stem}-page-{n}"));
    output(
        Command::new("pdftoppm")
            .args(["-r", "24", "-gray", "-singlefile", "-f", &n, "-l", &n])
            .arg(pdf)
            .arg(&base),
    );
    let pgm = std::fs::read(base.with_extension("pgm")).expect("pdftoppm wrote the page");
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &pgm[at + 1..];
    let (mut l, mut t, mut r, mut b) = (w, h, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if pixels[y * w + x] < 200 {
                (l, t, r, b) = (l.min(x), t.min(y), r.max(x + 1), b.max(y + 1));
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let f = |v: usize, of: usize| v as f64 / of as f64;
    (f(l, w), f(t, h), f(r, w), f(b, h))
}

fn touchpoint_names(spec: &str) -> Vec<String> {
    let r = jm_run(&["build", spec, "-f", "json", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let model: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    model["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["touchpoints"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            t["name"]
                .as_str()
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

/// Print `spec` on `paper`, check the pages, and return what went wrong.
fn check(spec: &str, paper: &str, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let name = format!(
        "{}-{paper}",
        Path::new(spec).file_stem().unwrap().to_string_lossy()
    );
    let html = dir.join(format!("{name}.html"));
    let pdf = dir.join(format!("{name}.pdf"));
    let r = jm_run(&[
        "build",
        spec,
        "-f",
        "html",
        "--paper",
        paper,
        "-o",
        &html.to_string_lossy(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    output(
        Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.join(format!("{name}-profile")).display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display())),
    );
    let info = output(Command::new("pdfinfo").arg(&pdf));
    let field = |k: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(k))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    // "1191.12 x 841.92 pts (A3)": landscape, the sheet asked for.
    let size = field("Page size:");
    let dims: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let sheet = format!("({})", paper.to_uppercase());
    if dims.len() != 2 || dims[0] <= dims[1] || !size.ends_with(&sheet) {
        problems.push(format!(
            "{name}: the sheet is {size}, not {sheet} landscape"
        ));
    }
    let pages: usize = field("Pages:").parse().unwrap_or(0);
    let texts: Vec<String> = (1..=pages).map(|n| page_text(&pdf, n)).collect();
    for (n, t) in texts.iter().enumerate() {
        // A heading, or the footer alone, is a few dozen characters.
        if t.chars().count() < 100 {
            problems.push(format!("{name}: page {} holds only {t:?}", n + 1));
        }
    }
    let names = touchpoint_names(spec);
    let map_page = texts
        .iter()
        .position(|t| names.iter().all(|n| t.contains(n.as_str())));
    let Some(map_page) = map_page else {
        let missing: Vec<_> = (0..pages)
            .map(|n| {
                names
                    .iter()
                    .filter(|t| !texts[n].contains(t.as_str()))
                    .count()
            })
            .collect();
        problems.push(format!(
            "{name}: no page holds every touchpoint (missing per page: {missing:?})"
        ));
        return problems;
    };
    let before = texts[..map_page].concat();
    for (what, word) in [("overview", "ジャーニーの全体像"), ("personas", "ペルソナ")]
    {
        if !before.contains(word) {
            problems.push(format!(
                "{name}: the {what} is not before the map (page {})",
                map_page + 1
            ));
        }
    }
    if !texts[map_page + 1..].concat().contains("インサイト") {
        problems.push(format!("{name}: the insights do not follow the map"));
    }
    let (l, t, r, b) = ink(&pdf, map_page + 1, dir);
    // 10 mm margins: about 2.4 % of an A3 sheet's width, 3.4 % of an A4's.
    if l < 0.015 || t < 0.015 || r > 0.985 || b > 0.985 {
        problems.push(format!(
            "{name}: the map page is inked to its edge ({l:.3}, {t:.3}, {r:.3}, {b:.3})"
        ));
    }
    // Scaled to fit: the grid spans most of the sheet one way or the other.
    if r - l < 0.8 && b - t < 0.8 {
        problems.push(format!(
            "{name}: the map fills only {:.0} % × {:.0} % of its page",
            (r - l) * 100.0,
            (b - t) * 100.0
        ));
    }
    problems
}

#[test]
fn the_map_prints_on_an_office_sheet() {
    if !tools() {
        return;
    }
    let dir = Dir::new();
    let examples = [
        "examples/hair-salon.ja.yaml",
        "examples/online-english-school.ja.yaml",
    ];
    let problems: Vec<String> = std::thread::scope(|s| {
        let jobs: Vec<_> = examples
            .iter()
            .flat_map(|e| ["a3", "a4"].map(|p| (*e, p)))
            .map(|(e, p)| {
                let dir = dir.path();
                s.spawn(move || check(&root().join(e).to_string_lossy(), p, dir))
            })
            .collect();
        jobs.into_iter().flat_map(|j| j.join().unwrap()).collect()
    });
    assert!(
        problems.is_empty(),
        "printing went wrong:\n{}",
        problems.join("\n")
    );
}
