//! `journeymap check`: compile every spec and print its diagnostics; writes nothing.
//! Also the reporting that `build` shares: one spec's diagnostics, the tally
//! and the summary line.

use super::args::CheckArgs;
use super::{compile_all, exiting, find_specs, is_journey, print_diagnostics, tell, usage_error};
use crate::Compilation;
use crate::discover::SpecPath;
use crate::lint::CliLevels;
use crate::message::{Say, Verb};
use crate::report::MessageFormat;

/// Counts for the exit code and the summary line.
#[derive(Default)]
pub(super) struct Tally {
    pub specs: usize,
    pub errors: usize,
    pub warnings: usize,
    pub failed_io: bool,
    pub stale: usize,
    /// The spec of a run of one spec, as typed.
    pub file: Option<String>,
    /// The output files written (or left unchanged), as shown.
    pub wrote: Vec<String>,
    /// Diagnostics go out as JSON lines: stderr holds nothing else.
    pub json: bool,
}

impl Tally {
    pub fn exit_code(&self) -> u8 {
        if self.failed_io {
            2
        } else {
            u8::from(self.errors > 0 || self.stale > 0)
        }
    }

    /// The closing line: the counts of a run of several specs; for one spec
    /// without errors, what was checked or written (its errors speak for
    /// themselves). Nothing under `--quiet`.
    pub fn summary(&self, verb: Verb) {
        if super::quiet() || self.json {
            return;
        }
        if self.specs > 1 {
            tell(&Say::Summary {
                verb,
                specs: self.specs,
                errors: self.errors,
                warnings: self.warnings,
            });
        } else if let Some(file) = &self.file
            && self.specs == 1
            && self.errors == 0
            && !self.failed_io
            && self.stale == 0
        {
            tell(&Say::OneSpec {
                verb,
                file: file.clone(),
                wrote: self.wrote.clone(),
                warnings: self.warnings,
            });
        }
    }
}

pub(super) fn check(args: &CheckArgs, levels: &CliLevels) -> u8 {
    let specs = match find_specs(&args.paths) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let results = compile_all(&specs, levels);
    let mut tally = Tally::default();
    for (spec, c) in specs.iter().zip(&results) {
        report_one(spec, c, args.message_format, &mut tally);
    }
    tally.summary(Verb::Checked);
    exiting(results);
    tally.exit_code()
}

/// Print one spec's diagnostics (in order, on the main thread); `false` if it is to be skipped.
pub(super) fn report_one(
    spec: &SpecPath,
    c: &Result<Compilation, String>,
    format: MessageFormat,
    tally: &mut Tally,
) -> bool {
    let c = match c {
        Ok(c) => c,
        Err(msg) => {
            usage_error(msg);
            tally.failed_io = true;
            return false;
        }
    };
    if !is_journey(spec, c) {
        if spec.base.is_none() {
            tell(&Say::ImportOnly {
                file: spec.path.display().to_string(),
            });
        }
        return false;
    }
    tally.specs += 1;
    tally.file = Some(spec.path.display().to_string());
    tally.json = format == MessageFormat::Json;
    let counts = print_diagnostics(c, format);
    tally.errors += counts.errors;
    tally.warnings += counts.warnings;
    true
}
