//! What both fuzz targets do with a spec text: everything a user can make
//! journeymap do with one file, through the library API.
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
/// (`imports: [/dev/stdin]` blocks; `/dev/zero` is slow): such inputs are skipped.
fn reaches_outside(text: &str) -> bool {
    text.contains('/') || text.contains('\\') || text.contains("..")
}

/// Run one spec text through everything.
pub fn exercise(text: &str) {
    if text.contains("imports") && reaches_outside(text) {
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
        if let Err(e) = renderer().render(&p, format) {
            panic!(
                "the built-in {format:?} template failed on a valid journey: {}",
                journeymap::render::describe_error(&e, None)
            );
        }
    }
}
