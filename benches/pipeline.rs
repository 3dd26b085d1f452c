//! In-process benchmarks of the pipeline stages (criterion), on generated specs
//! (`bench/gen.rs`): parse, spec read, analyze, lint, the whole front end
//! (`compile_str`, what `check` does per file), insights, and rendering in
//! every format.
//!
//! ```text
//! cargo bench --bench pipeline                    # small and large specs
//! JM_BENCH_SIZES=small,medium,large,huge cargo bench --bench pipeline
//! cargo bench --bench pipeline -- render/html     # a filter, as usual
//! ```
//!
//! Whole-process figures (start-up, I/O, peak memory) come from `bench/run.sh`.

#[path = "../bench/gen.rs"]
mod generator;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use journeymap::present::Presentation;
use journeymap::render::{Format, Renderer};
use journeymap::source::{FileId, SourceFile};
use journeymap::{analyze, insight, lint, parse, spec};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The sizes to run, from `JM_BENCH_SIZES` (default: small and large).
fn sizes() -> Vec<(String, String)> {
    let list = std::env::var("JM_BENCH_SIZES").unwrap_or_else(|_| "small,large".to_owned());
    list.split(',')
        .filter_map(|name| {
            let name = name.trim();
            let (stages, tps) = generator::preset(name)?;
            Some((
                name.to_owned(),
                generator::spec(&generator::Shape::new(stages, tps)),
            ))
        })
        .collect()
}

fn source(text: &str) -> SourceFile {
    SourceFile::new(
        "bench.yaml".into(),
        PathBuf::from("bench.yaml"),
        text.to_owned(),
    )
}

/// Short runs for big inputs, so `cargo bench` stays within a few minutes.
fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    len: usize,
) {
    if len > 1_000_000 {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(5))
            .sampling_mode(SamplingMode::Flat);
    } else {
        group
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
    }
}

fn front_end(c: &mut Criterion) {
    let levels = lint::CliLevels::default();
    for (name, text) in sizes() {
        let mut g = c.benchmark_group("front");
        configure(&mut g, text.len());
        g.throughput(Throughput::Bytes(text.len() as u64));
        let src = source(&text);
        let file = FileId(0);
        g.bench_function(BenchmarkId::new("lines", &name), |b| {
            b.iter(|| source(black_box(&text)));
        });
        g.bench_function(BenchmarkId::new("parse", &name), |b| {
            b.iter(|| parse::parse(file, black_box(&src)));
        });
        let Ok(root) = parse::parse(file, &src) else {
            panic!("the generated {name} spec does not parse");
        };
        // Since issue 18's memory pass the reader uses the tree up: this step
        // includes freeing the tree (as `journeymap` does) and no longer the
        // drop of the spec, so it does not compare with runs before `f8e9bf9`.
        g.bench_function(BenchmarkId::new("spec", &name), |b| {
            b.iter_batched(
                || root.clone(),
                |root| spec::Reader::new(&src).spec_file(black_box(root)),
                BatchSize::LargeInput,
            );
        });
        g.bench_function(BenchmarkId::new("analyze", &name), |b| {
            b.iter_batched(
                || spec::Reader::new(&src).spec_file(root.clone()),
                |s| analyze::analyze(s, Vec::new(), &lint::NAMES),
                BatchSize::LargeInput,
            );
        });
        let c1 = journeymap::compile_str("bench.yaml", &text, &levels);
        let Some(journey) = c1.journey else {
            panic!("the generated {name} spec has errors: {:?}", c1.diagnostics);
        };
        g.bench_function(BenchmarkId::new("lint", &name), |b| {
            b.iter(|| lint::lint(black_box(&journey), &levels));
        });
        g.bench_function(BenchmarkId::new("compile_str", &name), |b| {
            b.iter(|| journeymap::compile_str("bench.yaml", black_box(&text), &levels));
        });
        g.finish();
    }
}

fn back_end(c: &mut Criterion) {
    let levels = lint::CliLevels::default();
    let renderer = Renderer::default();
    for (name, text) in sizes() {
        let Some(journey) = journeymap::compile_str("bench.yaml", &text, &levels).journey else {
            panic!("the generated {name} spec has errors");
        };
        let mut g = c.benchmark_group("back");
        configure(&mut g, text.len());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(BenchmarkId::new("insights", &name), |b| {
            b.iter(|| insight::insights(black_box(&journey)));
        });
        let insights = insight::insights(&journey);
        g.bench_function(BenchmarkId::new("present", &name), |b| {
            b.iter(|| Presentation::new(black_box(&journey), &insights));
        });
        let p = Presentation::new(&journey, &insights);
        for format in Format::ALL {
            let id = BenchmarkId::new(format!("render/{}", format.extension()), &name);
            g.bench_function(id, |b| {
                b.iter(|| renderer.render_bytes(black_box(&p), format));
            });
        }
        g.finish();
    }
}

criterion_group!(benches, front_end, back_end);
criterion_main!(benches);
