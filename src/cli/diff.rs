//! `journeymap diff OLD NEW`: compile both, compare (`crate::diff`), lay the
//! change set out and write it.

use super::args::DiffArgs;
use super::write::emit;
use super::{compile_file, print_diagnostics, usage_error};
use crate::Compilation;
use crate::diff;
use crate::lint::CliLevels;
use crate::model::Journey;
use crate::report::MessageFormat;

pub(super) fn diff(args: &DiffArgs) -> u8 {
    let mut specs = Vec::new();
    for path in [&args.old, &args.new] {
        match compile_file(path, &CliLevels::default()) {
            Ok(c) => specs.push((path.to_string_lossy().into_owned(), c)),
            Err(msg) => return usage_error(&msg),
        }
    }
    for (_, c) in &specs {
        print_diagnostics(c, MessageFormat::Human);
    }
    if specs.iter().any(|(_, c)| c.has_errors()) {
        return 1;
    }
    // One side at a time: the first error is the only one printed.
    let old = match journey(&specs[0], args.persona.as_deref()) {
        Ok(j) => j,
        Err(code) => return code,
    };
    let new = match journey(&specs[1], args.persona.as_deref()) {
        Ok(j) => j,
        Err(code) => return code,
    };
    let set = diff::compare(
        &old,
        &new,
        (&specs[0].0, &specs[1].0),
        args.persona.as_deref(),
    );
    let text = match diff::render(&set, &old, &new, args.format) {
        Ok(t) => t,
        Err(e) => return usage_error(&crate::render::describe_error(&e, None)),
    };
    match emit(args.output.as_deref(), &text) {
        0 => u8::from(args.exit_code && set.changed),
        code => code,
    }
}

/// The journey of one side, as seen by `persona` when one is given; else the
/// exit code, the error printed.
fn journey((name, c): &(String, Compilation), persona: Option<&str>) -> Result<Journey, u8> {
    let Some(j) = &c.journey else {
        return Err(super::usage(&crate::message::Say::DiffImportOnly {
            file: name.clone(),
        }));
    };
    match persona {
        Some(p) => j
            .for_persona(p)
            .map_err(|e| usage_error(&format!("{name}: {}", super::not_a_persona(j, &e)))),
        None => Ok(j.clone()),
    }
}
