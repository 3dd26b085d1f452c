//! `-f png`: the SVG picture rasterised by resvg. A PNG twice the picture's
//! size and at least 1 600 px wide, the same bytes on every build, Japanese
//! drawn (compared loosely with Chromium's rendering of the same SVG), a clear
//! error when no font has the text, and `--font`.
//!
//! The fonts come from the system (Debian's fonts-noto-cjk,
//! fonts-noto-color-emoji and fonts-dejavu-core, which `.ci/run` installs);
//! `JOURNEYMAP_NO_SYSTEM_FONTS=1` leaves them out, so a test chooses its fonts
//! with `--font` alone. Without the fonts a test skips itself, loudly; under
//! `CI=true` that is a failure instead.

use crate::support::{Dir, jm, root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The font file `name` under /usr/share/fonts, or `None` after saying loudly
/// that the test skips (a failure under `CI=true`).
fn font(name: &str) -> Option<PathBuf> {
    let mut stack = vec![PathBuf::from("/usr/share/fonts")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == name) {
                return Some(p);
            }
        }
    }
    skip(&format!("the font {name}"));
    None
}

fn skip(what: &str) {
    let msg = format!("this PNG test needs {what}");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs it)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
}

/// The fonts the examples need: Japanese, emoji, Latin.
fn system_fonts() -> Option<[PathBuf; 3]> {
    Some([
        font("NotoSansCJK-Regular.ttc")?,
        font("NotoColorEmoji.ttf")?,
        font("DejaVuSans.ttf")?,
    ])
}

/// `journeymap ARGS…`, with its stdout as bytes.
fn jm_bytes(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = jm();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run journeymap")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The PNG of `spec` (relative to the crate root) on stdout.
fn png_of(spec: &str, extra: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut args = vec!["build", spec, "-f", "png", "-o", "-"];
    args.extend_from_slice(extra);
    let out = jm_bytes(&args, env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{spec} -f png:\n{}",
        text(&out.stderr)
    );
    out.stdout
}

/// The PNG of `spec` with the system's fonts, built once per test run (a
/// debug build takes seconds to rasterise one) and shared by the tests.
fn example_png(spec: &str) -> Vec<u8> {
    static BUILT: std::sync::Mutex<BTreeMap<String, Vec<u8>>> =
        std::sync::Mutex::new(BTreeMap::new());
    if let Some(png) = BUILT.lock().unwrap().get(spec) {
        return png.clone();
    }
    let png = png_of(spec, &[], &[]);
    BUILT.lock().unwrap().insert(spec.to_owned(), png.clone());
    png
}

/// The decoded image: width, height and RGBA pixels.
struct Image {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

fn decode(bytes: &[u8]) -> Image {
    assert!(bytes.starts_with(SIGNATURE), "a PNG signature");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    buf.truncate(info.buffer_size());
    assert_eq!(
        info.color_type,
        png::ColorType::Rgba,
        "RGBA after expansion"
    );
    Image {
        width: info.width as usize,
        height: info.height as usize,
        rgba: buf,
    }
}

impl Image {
    /// The share of dark pixels ("ink": text and lines) in the box
    /// x0..x1 × y0..y1 given as fractions of the image.
    fn ink(&self, x: (f64, f64), y: (f64, f64)) -> f64 {
        let px = |f: f64, n: usize| ((f * n as f64) as usize).min(n);
        let (x0, x1) = (px(x.0, self.width), px(x.1, self.width));
        let (y0, y1) = (px(y.0, self.height), px(y.1, self.height));
        let mut dark = 0usize;
        for row in y0..y1 {
            for col in x0..x1 {
                let i = (row * self.width + col) * 4;
                let p = &self.rgba[i..i + 3];
                let luma = (u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10;
                if luma < 110 {
                    dark += 1;
                }
            }
        }
        dark as f64 / ((x1 - x0) * (y1 - y0)).max(1) as f64
    }
}

/// The picture's size in SVG units, from `-f svg`'s `viewBox`.
fn svg_size(spec: &str) -> (f64, f64) {
    let out = jm_bytes(&["build", spec, "-f", "svg", "-o", "-"], &[]);
    let svg = text(&out.stdout);
    let vb = svg.split("viewBox=\"").nth(1).expect("a viewBox");
    let nums: Vec<f64> = vb
        .split('"')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[2], nums[3])
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.ends_with("-personas.yaml"))
        .map(|n| format!("examples/{n}"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_is_a_png_twice_the_picture_and_at_least_1600_px_wide() {
    if system_fonts().is_none() {
        return;
    }
    for spec in examples() {
        let png = example_png(&spec);
        let img = decode(&png);
        let (w, h) = svg_size(&spec);
        assert!(img.width >= 1600, "{spec}: {} px wide", img.width);
        assert_eq!(img.width, (w * 2.0).ceil() as usize, "{spec}: 2× wide");
        assert_eq!(img.height, (h * 2.0).ceil() as usize, "{spec}: 2× high");
        assert!(
            img.ink((0.0, 1.0), (0.0, 1.0)) > 0.01,
            "{spec}: something is drawn"
        );
    }
}

#[test]
fn the_same_spec_gives_the_same_bytes_and_check_agrees() {
    if system_fonts().is_none() {
        return;
    }
    let spec = "examples/hair-salon.ja.yaml";
    let d = Dir::new();
    let site = d.path().join("site");
    let site = site.to_string_lossy();
    let build = |check: bool| {
        let mut args = vec!["build", spec, "-f", "png", "--out-dir", &site];
        if check {
            args.push("--check");
        }
        let r = jm_bytes(&args, &[]);
        assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
    };
    build(false);
    let written = std::fs::read(d.path().join("site/hair-salon.ja.png")).unwrap();
    assert!(written.starts_with(SIGNATURE));
    assert!(
        written == example_png(spec),
        "two builds (a file, stdout), the same bytes"
    );
    // `build --check` compares the bytes of a fresh build with the file.
    build(true);
}

/// The title band of the picture: where the title is written, top left.
const TITLE: ((f64, f64), (f64, f64)) = ((0.0, 0.5), (0.02, 0.1));

#[test]
fn a_japanese_map_draws_its_title_as_chromium_draws_the_svg() {
    let Some(_) = system_fonts() else { return };
    let spec = "examples/hair-salon.ja.yaml";
    let img = decode(&example_png(spec));
    let ink = img.ink(TITLE.0, TITLE.1);
    assert!(
        ink > 0.03,
        "the Japanese title is drawn: {ink:.4} of the band"
    );
    if !Path::new(CHROMIUM).exists() {
        skip("chromium");
        return;
    }
    let d = Dir::new();
    let svg = d.path().join("map.svg");
    let r = jm_bytes(
        &["build", spec, "-f", "svg", "-o", &svg.to_string_lossy()],
        &[],
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
    let shot = d.path().join("chromium.png");
    let (w, h) = svg_size(spec);
    let status = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=2",
        ])
        .arg(format!(
            "--user-data-dir={}",
            d.path().join("profile").display()
        ))
        .arg(format!("--window-size={},{}", w.ceil(), h.ceil()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", svg.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success(), "chromium took the screenshot");
    let theirs = decode(&std::fs::read(&shot).unwrap());
    // Loosely: the same ink in the title band and in each of a grid of
    // cells (anti-aliasing and hinting differ, the layout must not).
    let ours_title = ink;
    let theirs_title = theirs.ink(TITLE.0, TITLE.1);
    assert!(
        (ours_title - theirs_title).abs() < 0.15 * theirs_title,
        "title ink: resvg {ours_title:.4}, chromium {theirs_title:.4}"
    );
    let mut worst = (0.0, String::new());
    // On this machine: title 0.0576 vs 0.0572, worst cell 0.0036.
    for row in 0..8 {
        for col in 0..16 {
            let x = (f64::from(col) / 16.0, f64::from(col + 1) / 16.0);
            let y = (f64::from(row) / 8.0, f64::from(row + 1) / 8.0);
            let (a, b) = (img.ink(x, y), theirs.ink(x, y));
            let diff = (a - b).abs();
            if diff > worst.0 {
                worst = (
                    diff,
                    format!("cell {col},{row}: resvg {a:.4}, chromium {b:.4}"),
                );
            }
        }
    }
    assert!(
        worst.0 < 0.015,
        "drawn like Chromium draws the SVG; worst {}",
        worst.1
    );
}

#[test]
fn no_font_for_the_text_is_an_error_naming_the_script_and_the_package() {
    let Some([_, _, latin]) = system_fonts() else {
        return;
    };
    let d = Dir::new();
    let out = d.path().join("map.png");
    let spec = root().join("examples/hair-salon.ja.yaml");
    let run = |lang: &str| {
        jm_bytes(
            &[
                "build",
                &spec.to_string_lossy(),
                "-f",
                "png",
                "--font",
                &latin.to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
                "--lang",
                lang,
            ],
            &[("JOURNEYMAP_NO_SYSTEM_FONTS", "1")],
        )
    };
    let r = run("en");
    let stderr = text(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no installed font covers Japanese text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("install fonts-noto-cjk") && stderr.contains("or give --font FILE"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
    let r = run("ja");
    let stderr = text(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("日本語")
            && stderr.contains("fonts-noto-cjk")
            && stderr.contains("をインストール"),
        "{stderr}"
    );
    // No font at all: Latin text is named too.
    let r = jm_bytes(
        &[
            "build",
            "examples/saas-onboarding.yaml",
            "-f",
            "png",
            "-o",
            "-",
        ],
        &[("JOURNEYMAP_NO_SYSTEM_FONTS", "1")],
    );
    let stderr = text(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no installed font covers Latin text"),
        "{stderr}"
    );
}

#[test]
fn font_gives_the_fonts_and_is_preferred_to_the_systems() {
    let Some([cjk, emoji, latin]) = system_fonts() else {
        return;
    };
    let spec = "examples/hair-salon.ja.yaml";
    let only = |files: &[&Path]| {
        let mut extra: Vec<String> = Vec::new();
        for f in files {
            extra.push("--font".into());
            extra.push(f.to_string_lossy().into_owned());
        }
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        png_of(spec, &extra, &[("JOURNEYMAP_NO_SYSTEM_FONTS", "1")])
    };
    // The fonts the map needs, given by hand: it draws, and its title too.
    let given = only(&[&cjk, &emoji, &latin]);
    let img = decode(&given);
    assert!(img.ink(TITLE.0, TITLE.1) > 0.03, "the title is drawn");
    // With the system's fonts as well, --font still chooses the face: the
    // Latin font first changes the picture (its digits and Latin letters).
    let system = example_png(spec);
    let preferred = png_of(spec, &["--font", &latin.to_string_lossy()], &[]);
    assert!(
        preferred != system,
        "--font is preferred to the system's fonts"
    );
}

#[test]
fn a_font_that_cannot_be_loaded_stops_the_build_before_it_starts() {
    let d = Dir::new();
    let out = d.path().join("map.png");
    for (font, says) in [
        ("no-such-font.ttf", "cannot load font `no-such-font.ttf`"),
        ("Cargo.toml", "not a font file"),
    ] {
        let r = jm_bytes(
            &[
                "build",
                "examples/hair-salon.ja.yaml",
                "-f",
                "png",
                "-f",
                "html",
                "--font",
                font,
                "--out-dir",
                &d.path().join("site").to_string_lossy(),
            ],
            &[],
        );
        let stderr = text(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!d.path().join("site").exists(), "nothing is built");
    }
    assert!(!out.exists());
}
