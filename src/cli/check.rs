//! `journeymap check`: compile every spec and print its diagnostics; writes nothing.
//! Also the reporting that `build` shares: one spec's diagnostics, the tally
//! and the summary line.

use super::args::CheckArgs;
use super::{compile_all, exiting, find_specs, is_journey, print_diagnostics, say, usage_error};
use crate::Compilation;
use crate::discover::SpecPath;
use crate::lint::CliLevels;
use crate::report::MessageFormat;

/// Counts for the exit code and the summary line.
#[derive(Default)]
pub(super) struct Tally {
    pub specs: usize,
    pub errors: usize,
    pub warnings: usize,
    pub failed_io: bool,
    pub stale: usize,
}

impl Tally {
    pub fn exit_code(&self) -> u8 {
        if self.failed_io {
            2
        } else {
            u8::from(self.errors > 0 || self.stale > 0)
        }
    }

    pub fn summary(&self, verb: &str) {
        if self.specs > 1 {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            say!(
                "{verb} {}: {}, {}",
                plural(self.specs, "spec"),
                plural(self.errors, "error"),
                plural(self.warnings, "warning")
            );
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
    tally.summary("checked");
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
            say!(
                "note: `{}` holds only personas and channels for `imports:`; it is checked, not built",
                spec.path.display()
            );
        }
        return false;
    }
    tally.specs += 1;
    let counts = print_diagnostics(c, format);
    tally.errors += counts.errors;
    tally.warnings += counts.warnings;
    true
}
