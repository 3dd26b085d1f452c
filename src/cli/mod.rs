//! The command line: parse arguments, run a command, print diagnostics and
//! write outputs. The only module that prints or writes files.
//!
//! ```text
//! args       clap types: every command, flag and help text
//! check      check: compile and report (the reporting `build` shares)
//! build      build: persona filter, formats, targets, --check
//! watch      watch: build, then rebuild on every change
//! serve      serve: pages in memory, served (crate::serve) and rebuilt on change
//! diff       diff: compile two specs, compare (crate::diff), write the change set
//! init       init: a starter spec
//! templates  templates list | eject
//! write      the atomic writer and stdout
//! ```

mod args;
mod build;
mod check;
mod diff;
mod init;
mod serve;
mod templates;
mod watch;
mod write;

pub use args::Cli;

use crate::discover::{self, SpecPath};
use crate::lint::{self, CliLevels, Level};
use crate::report::{self, MessageFormat};
use crate::source::LoadError;
use crate::{Compilation, compile};
use args::{Command, LintArgs, TemplatesCommand};
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use write::emit;

/// `eprintln!` that never panics (stderr may be closed, e.g. under a supervisor).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
use say;

/// Run the tool with the process's arguments; returns the exit code.
#[must_use]
pub fn run() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    let sub = matches.subcommand().map(|(_, m)| m);
    ExitCode::from(dispatch(&cli.command, sub))
}

/// Run one command; returns the exit code.
fn dispatch(command: &Command, sub: Option<&ArgMatches>) -> u8 {
    match command {
        Command::Check(args) => with_levels(sub, &args.lints, |l| check::check(args, l)),
        Command::Build(args) => with_levels(sub, &args.lints, |l| build::build(args, l, true).0),
        Command::Watch(args) => with_levels(sub, &args.lints, |l| watch::watch(args, l)),
        Command::Serve(args) => with_levels(sub, &args.lints, |l| serve::serve(args, l)),
        Command::Diff(args) => diff::diff(args),
        Command::Init(args) => init::init(args),
        Command::Schema(args) => emit(args.output.as_deref(), &crate::schema::schema_json()),
        Command::Templates(TemplatesCommand::List) => templates::list(),
        Command::Templates(TemplatesCommand::Eject { dir }) => templates::eject(dir),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "journeymap", &mut script);
            emit(None, &String::from_utf8_lossy(&script))
        }
    }
}

fn with_levels(
    sub: Option<&ArgMatches>,
    args: &LintArgs,
    run: impl FnOnce(&CliLevels) -> u8,
) -> u8 {
    match sub.map(|m| cli_levels(m, args)) {
        Some(Ok(levels)) => run(&levels),
        Some(Err(msg)) => usage_error(&msg),
        None => 2,
    }
}

/// Print an error that is not about spec content (usage, I/O, templates): exit code 2.
fn usage_error(msg: &str) -> u8 {
    let _ = anstream::stderr().write_all(report::plain_error(msg, true).as_bytes());
    2
}

/// `-A/-W/-D` in the order given on the command line (later wins, like clippy).
fn cli_levels(m: &ArgMatches, args: &LintArgs) -> Result<CliLevels, String> {
    let mut all: Vec<(usize, String, Level)> = Vec::new();
    for (id, level, values) in [
        ("allow", Level::Allow, &args.allow),
        ("warn", Level::Warn, &args.warn),
        ("deny", Level::Deny, &args.deny),
    ] {
        let indices: Vec<usize> = m.indices_of(id).map(Iterator::collect).unwrap_or_default();
        for (i, name) in values.iter().enumerate() {
            if name != "warnings" && lint::find(name).is_none() {
                let help = crate::diagnostic::did_you_mean(name, lint::names().chain(["warnings"]))
                    .unwrap_or_else(|| {
                        format!(
                            "the lints are: {}",
                            lint::names().collect::<Vec<_>>().join(", ")
                        )
                    });
                return Err(format!("unknown lint `{name}`\n  = help: {help}"));
            }
            all.push((indices.get(i).copied().unwrap_or(0), name.clone(), level));
        }
    }
    all.sort_by_key(|(i, _, _)| *i);
    Ok(CliLevels {
        levels: all.into_iter().map(|(_, n, l)| (n, l)).collect(),
    })
}

/// The specs named on the command line; else the exit code, the error printed.
fn find_specs(paths: &[PathBuf]) -> Result<Vec<SpecPath>, u8> {
    discover::expand(paths).map_err(|msg| usage_error(&msg))
}

/// Compile the spec at `path` (any thread; nothing is printed here); the
/// error is the message for a file that cannot be read.
fn compile_file(path: &Path, levels: &CliLevels) -> Result<Compilation, String> {
    let name = path.to_string_lossy();
    compile(path, &name, levels).map_err(|e| cannot_read(&name, &e))
}

/// "cannot read `x`: …": the one wording for a spec that cannot be read.
fn cannot_read(name: &str, e: &LoadError) -> String {
    match e {
        LoadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            format!("cannot read `{name}`: no such file")
        }
        other => format!("cannot read `{name}`: {other}"),
    }
}

/// How many of a compilation's diagnostics are errors and how many warnings.
#[derive(Clone, Copy, Default)]
struct Counts {
    errors: usize,
    warnings: usize,
}

/// Write a compilation's diagnostics to `out`, in order, in `format`: the one
/// place they become text (on stderr, or in a page of `serve`).
fn write_diagnostics(
    out: &mut dyn Write,
    c: &Compilation,
    format: MessageFormat,
    color: bool,
) -> Counts {
    let mut counts = Counts::default();
    for d in &c.diagnostics {
        if d.is_error() {
            counts.errors += 1;
        } else {
            counts.warnings += 1;
        }
        let _ = out.write_all(report::render(d, &c.sources, format, color).as_bytes());
    }
    counts
}

/// Print a compilation's diagnostics on stderr (in colour on a terminal).
fn print_diagnostics(c: &Compilation, format: MessageFormat) -> Counts {
    write_diagnostics(&mut anstream::stderr().lock(), c, format, true)
}

/// Whether a compiled file is a journey to report and build: not a file that
/// only holds personas and channels for `imports:`, unless it was named on the
/// command line and has errors (which are then reported like a spec's).
fn is_journey(spec: &SpecPath, c: &Compilation) -> bool {
    !(c.import_only && (spec.base.is_some() || !c.has_errors()))
}

/// `f` over every spec, in order: on all cores for a folder, on this thread
/// for one spec (starting the thread pool costs more than a small spec).
fn each_spec<T: Send>(specs: &[SpecPath], f: impl Fn(&SpecPath) -> T + Sync + Send) -> Vec<T> {
    if specs.len() > 1 {
        specs.par_iter().map(f).collect()
    } else {
        specs.iter().map(f).collect()
    }
}

/// Compile every spec of a run, then link their relations (SPEC.md §7: each
/// journey's parent and compared journeys, each file compiled once in the run,
/// and each parent's detail journeys).
fn compile_all(specs: &[SpecPath], levels: &CliLevels) -> Vec<Result<Compilation, String>> {
    let mut results: Vec<Result<Compilation, String>> =
        each_spec(specs, |s| compile_file(&s.path, levels));
    let linked = results.iter().any(|r| {
        r.as_ref()
            .ok()
            .and_then(|c| c.journey.as_ref())
            .is_some_and(|j| j.parent.is_some() || !j.compare_to.is_empty())
    });
    if !linked {
        return results;
    }
    let catalog = crate::relate::Catalog::new(levels.clone());
    for (spec, r) in specs.iter().zip(&results) {
        if let Ok(c) = r {
            catalog.insert(&spec.path, c);
        }
    }
    let link = |(spec, r): (&SpecPath, &mut Result<Compilation, String>)| {
        if let Ok(c) = r {
            crate::relate::link(c, &spec.path, &catalog);
        }
    };
    if specs.len() > 1 {
        specs.par_iter().zip(results.par_iter_mut()).for_each(link);
    } else {
        specs.iter().zip(results.iter_mut()).for_each(link);
    }
    let mut journeys: Vec<(PathBuf, &mut crate::model::Journey)> = specs
        .iter()
        .zip(results.iter_mut())
        .filter_map(|(s, r)| Some((s.path.clone(), r.as_mut().ok()?.journey.as_mut()?)))
        .collect();
    crate::relate::link_details(&mut journeys);
    results
}

/// Let the operating system reclaim what a command built, instead of freeing
/// it piece by piece just before the process exits (as compilers do): the
/// model of a spec of 10 000 touchpoints is hundreds of thousands of small
/// allocations, about 25 ms to free. Only for values a command is done with,
/// and never in `watch` or `serve`, which live on.
fn exiting<T>(value: T) {
    std::mem::forget(value);
}

/// Why `--persona` cannot show `journey` as seen by a persona, in words.
pub(crate) fn not_a_persona(
    journey: &crate::model::Journey,
    e: &crate::model::NotAPersona,
) -> String {
    let ids: Vec<&str> = journey.personas.iter().map(|p| p.id.as_str()).collect();
    let hint = crate::diagnostic::did_you_mean(&e.id, ids.iter().copied())
        .unwrap_or_else(|| format!("the personas are {}", ids.join(", ")));
    format!(
        "--persona: `{}` is not a persona of `{}` ({hint})",
        e.id, journey.title
    )
}
