//! What both fuzz targets do with a spec text: everything a user can make
//! journeymap do with one file, through the library API. The `bytes` target
//! also fuzzes a data file (SPEC.md §6): see [`exercise_bytes`].
//!
//! `check` (compile, print every diagnostic in every message format), then for
//! a valid journey: insights, every output format, and the same again as seen
//! by each persona (`--persona`). A panic, a hang (libFuzzer's `-timeout`) or
//! runaway memory (`-rss_limit_mb`) is a finding; a built-in template that
//! fails on a valid journey is one too.

pub mod spec_gen;

use journeymap::insight;
use journeymap::lint::{CliLevels, Level};
use journeymap::present::Presentation;
use journeymap::render::{Format, Renderer};
use journeymap::report::{self, MessageFormat};
use std::path::PathBuf;
use std::sync::OnceLock;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(Renderer::default)
}

/// A folder with a few files to import, so `imports:` finds something:
/// `personas.yaml`, `channels.yaml`, `cycle.yaml` (imports itself), `bad.yaml`.
fn import_dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("journeymap-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let files = [
            (
                "personas.yaml",
                "personas:\n  - {id: misaki, name: 田中 美咲}\n  - {id: kenji, name: Kenji}\n",
            ),
            (
                "channels.yaml",
                "channels:\n  - {id: web, name: Web, kind: online}\n  - {id: 店頭, name: 店頭}\nimports: [personas.yaml]\n",
            ),
            ("cycle.yaml", "imports: [cycle.yaml]\npersonas: [{id: c, name: C}]\n"),
            ("bad.yaml", "personas: [{id: , name: [x]}]\nstages: []\n"),
        ];
        for (name, text) in files {
            let _ = std::fs::write(dir.join(name), text);
        }
        dir
    })
}

/// Whether the text could make the tool read outside the fuzzing folder
/// (`imports: [/dev/stdin]` or `data: [/dev/stdin]` blocks; `/dev/zero` is
/// slow): such inputs are skipped.
fn reaches_outside(text: &str) -> bool {
    text.contains('/') || text.contains('\\') || text.contains("..")
}

/// Between the spec and the data file in a `bytes` input.
pub const DATA_SEPARATOR: &[u8] = b"\0csv\0";

/// The spec of a `bytes` input that is only a data file: a registry with
/// every kind of metric (a unit, lower is better, a survey scale, a funnel),
/// personas, stage and touchpoint ids, a spec value and a `{value, target}`
/// (which rows may collide with), and `data: [d.csv]`.
pub const DATA_SPEC: &str = "\
journeymap: 1
title: Fuzzed data
personas:
  - {id: misaki, name: 田中 美咲}
  - {id: kenji, name: Kenji}
metrics:
  - {id: csat, name: 満足度 (CSAT), unit: \"%\", target: 80}
  - {id: wait, name: Wait, unit: min, better: lower, target: 10}
  - {id: survey, name: Survey, emotion: {min: 1, max: 5}}
  - {id: reach, name: Reach, funnel: true}
data: [d.csv]
stages:
  - id: awareness
    name: 認知
    metrics: {reach: 1000}
    touchpoints:
      - {id: ad, name: 広告, emotion: 1, personas: [misaki]}
      - {id: search, name: Search, emotion: {misaki: -1, kenji: 2}, metrics: {wait: {value: 3, target: 5}}}
  - id: trial
    name: 体験
    touchpoints:
      - {id: lesson, name: Lesson, emotion: -2, opportunities: [Shorter]}
";

/// The `bytes` target: `SPEC [DATA_SEPARATOR CSV]`. The CSV bytes (any
/// bytes) become `d.csv` beside the spec; without them `d.csv` does not
/// exist, so every input means the same on every run. An empty spec with a
/// CSV is [`DATA_SPEC`], which reads `d.csv`: the fuzzer can work on the data
/// file alone. A spec that is not UTF-8 is refused by `load` before the
/// library is reached, so only text goes further (NUL bytes included).
pub fn exercise_bytes(data: &[u8]) {
    let (spec, csv) = match data
        .windows(DATA_SEPARATOR.len())
        .position(|w| w == DATA_SEPARATOR)
    {
        Some(i) => (&data[..i], Some(&data[i + DATA_SEPARATOR.len()..])),
        None => (data, None),
    };
    let path = import_dir().join("d.csv");
    match csv {
        Some(bytes) => {
            let _ = std::fs::write(&path, bytes);
        }
        None => {
            let _ = std::fs::remove_file(&path);
        }
    }
    let Ok(spec) = std::str::from_utf8(spec) else {
        return;
    };
    exercise(if spec.is_empty() && csv.is_some() {
        DATA_SPEC
    } else {
        spec
    });
}

/// Run one spec text through everything.
pub fn exercise(text: &str) {
    if (text.contains("imports") || text.contains("data")) && reaches_outside(text) {
        return;
    }
    let path = import_dir().join("spec.yaml");
    let name = path.to_string_lossy().into_owned();
    let levels = CliLevels {
        levels: vec![("no-evidence".to_owned(), Level::Warn)],
    };
    let c = journeymap::compile_str(&name, text, &levels);
    for d in &c.diagnostics {
        for format in [
            MessageFormat::Human,
            MessageFormat::Json,
            MessageFormat::Github,
        ] {
            let _ = report::render(d, &c.sources, format, false);
        }
        let _ = report::render(d, &c.sources, MessageFormat::Human, true);
    }
    let Some(journey) = &c.journey else { return };
    render_all(journey);
    for p in &journey.personas {
        match journey.for_persona(&p.id) {
            Ok(j) => render_all(&j),
            Err(e) => panic!("--persona {} of a valid journey: {e:?}", p.id),
        }
    }
}

fn render_all(journey: &journeymap::model::Journey) {
    let insights = insight::insights(journey);
    let p = Presentation::new(journey, &insights);
    for format in Format::ALL {
        // The PNG is the SVG's picture through resvg: the SVG is fuzzed here,
        // and rasterising every input would slow the fuzzer a hundredfold.
        if format.name() == "png" {
            continue;
        }
        if let Err(e) = renderer().render(&p, format) {
            panic!(
                "the built-in {format:?} template failed on a valid journey: {}",
                journeymap::render::describe_error(&e, None)
            );
        }
    }
}
