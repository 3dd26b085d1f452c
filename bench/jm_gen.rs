//! Write benchmark specs (see `gen.rs`).
//!
//! ```text
//! jm-gen small|medium|large|huge [-o FILE]
//! jm-gen custom STAGES TOUCHPOINTS [-o FILE]     # TOUCHPOINTS per stage
//! jm-gen folder COUNT -o DIR                     # COUNT small specs, each with its own seed
//! jm-gen measured [STAGES TOUCHPOINTS ROWS] -o DIR
//! jm-gen portfolio COUNT -o DIR                  # COUNT related specs and shared personas
//! ```
//!
//! `measured` (default 9 stages × 30 touchpoints, 100 000 rows) writes
//! `DIR/with-data.yaml` (a metrics registry and `data: [data/2026.csv]`),
//! `DIR/without-data.yaml` (the same spec without `data:`) and
//! `DIR/data/2026.csv` (see `generator::measured`).
//!
//! `portfolio` writes `DIR/shared/personas.yaml` (import-only) and COUNT specs
//! in sub-folders that import it, with parents, comparisons, competitors'
//! journeys and current/future pairs (see `portfolio.rs`).

#[path = "gen.rs"]
mod generator;
#[path = "portfolio.rs"]
mod portfolio;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: jm-gen small|medium|large|huge [-o FILE]\n       jm-gen custom STAGES TOUCHPOINTS [-o FILE]\n       jm-gen folder COUNT -o DIR\n       jm-gen measured [STAGES TOUCHPOINTS ROWS] -o DIR\n       jm-gen portfolio COUNT -o DIR"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args.iter().position(|a| a == "-o") {
        Some(i) if i + 1 < args.len() => {
            let o = args.remove(i + 1);
            args.remove(i);
            Some(PathBuf::from(o))
        }
        Some(_) => return usage(),
        None => None,
    };
    let num = |i: usize| args.get(i).and_then(|a| a.parse::<usize>().ok());
    let write = |path: &PathBuf, text: &str| {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(path, text).map_err(|e| eprintln!("jm-gen: {}: {e}", path.display()))
    };
    let shape = match args.first().map(String::as_str) {
        Some("folder") => {
            let (Some(count), Some(dir)) = (num(1), out) else {
                return usage();
            };
            let (stages, tps) = generator::preset("small").unwrap_or((5, 4));
            for i in 0..count {
                let mut shape = generator::Shape::new(stages, tps);
                shape.seed = i as u64 + 1;
                shape.title = Some(format!("ジャーニー {i}"));
                if write(
                    &dir.join(format!("journey-{i:04}.yaml")),
                    &generator::spec(&shape),
                )
                .is_err()
                {
                    return ExitCode::FAILURE;
                }
            }
            return ExitCode::SUCCESS;
        }
        Some("portfolio") => {
            let (Some(count), Some(dir)) = (num(1), out) else {
                return usage();
            };
            for (file, text) in portfolio::portfolio(count) {
                if write(&dir.join(file), &text).is_err() {
                    return ExitCode::FAILURE;
                }
            }
            return ExitCode::SUCCESS;
        }
        Some("measured") => {
            let Some(dir) = out else {
                return usage();
            };
            let (stages, tps, rows) = match (num(1), num(2), num(3)) {
                (Some(s), Some(t), Some(r)) => (s, t, r),
                (None, None, None) => (9, 30, 100_000),
                _ => return usage(),
            };
            let data = "data/2026.csv";
            let Some(m) = generator::measured(&generator::Shape::new(stages, tps), rows, data)
            else {
                eprintln!(
                    "jm-gen: {rows} rows is not one a day for each touchpoint and a weekly funnel, plus at most a year of per-persona rows"
                );
                return ExitCode::FAILURE;
            };
            for (name, text) in [
                ("with-data.yaml", &m.with_data),
                ("without-data.yaml", &m.without_data),
                (data, &m.data),
            ] {
                if write(&dir.join(name), text).is_err() {
                    return ExitCode::FAILURE;
                }
            }
            return ExitCode::SUCCESS;
        }
        Some("custom") => match (num(1), num(2)) {
            (Some(s), Some(t)) => generator::Shape::new(s, t),
            _ => return usage(),
        },
        Some(name) => match generator::preset(name) {
            Some((s, t)) => generator::Shape::new(s, t),
            None => return usage(),
        },
        None => return usage(),
    };
    let text = generator::spec(&shape);
    match out {
        Some(path) => {
            if write(&path, &text).is_err() {
                return ExitCode::FAILURE;
            }
        }
        None => print!("{text}"),
    }
    ExitCode::SUCCESS
}
