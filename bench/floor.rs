//! The parse-only floor of `bench/run.sh`: read each file and deserialize it with
//! the same YAML crate into the same spec types as `journeymap check`
//! (`parse::parse`, then `spec::Reader::spec_file`), and nothing else.
//! Prints the number of stages read, so the work cannot be skipped; frees
//! nothing (the OS reclaims it at exit).

use journeymap::source::{SourceFile, Sources, read_text};
use journeymap::{parse, spec};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut stages = 0;
    for arg in std::env::args_os().skip(1) {
        let path = PathBuf::from(&arg);
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("floor: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        };
        let mut sources = Sources::default();
        let name = path.display().to_string();
        let id = sources.add(SourceFile::new(name, path, text));
        let Ok(root) = parse::parse(id, sources.get(id)) else {
            eprintln!("floor: invalid YAML");
            return ExitCode::from(1);
        };
        let mut reader = spec::Reader::new(sources.get(id));
        // The reader uses the tree up (freeing each stage once read), as in `journeymap`.
        let file = reader.spec_file(root);
        stages += file.stages.as_ref().map_or(0, |s| s.value.len());
        // Not even freed: `journeymap` leaves its model to the OS at exit too,
        // and the floor must be the least work that reads a spec.
        std::mem::forget(file);
        std::mem::forget(reader);
        std::mem::forget(sources);
    }
    println!("{stages}");
    ExitCode::SUCCESS
}
