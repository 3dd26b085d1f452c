//! Comparing two journeys: what changed between versions (or current and future state).

use crate::cli::DiffArgs;

/// The output format of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a pull-request comment
    Md,
    /// a self-contained page with both emotion curves
    Html,
    /// the structured change set
    Json,
}

/// Run `journeymap diff`; returns the exit code.
#[must_use]
pub fn run(args: &DiffArgs) -> u8 {
    crate::cli::usage_error(&format!(
        "`diff` is not available yet ({} vs {}, {:?})",
        args.old.display(),
        args.new.display(),
        args.format
    ))
}
