//! In-process benchmarks of the pipeline stages (criterion).

fn main() {}
