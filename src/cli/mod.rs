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
//! mdbook     the mdbook-journeymap binary: mdBook's preprocessor protocol
//! man        man: the manual pages (hidden; for packagers)
//! write      the atomic writer and stdout
//! ```

mod args;
mod build;
mod check;
mod diff;
mod help_ja;
mod init;
mod man;
pub mod mdbook;
mod serve;
mod templates;
mod watch;
mod write;

pub use args::Cli;

use crate::discover::{self, SpecPath};
use crate::lint::{self, CliLevels, Level};
use crate::message::{Lang, Say};
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

/// The language of the messages, chosen once at start ([`choose_lang`]).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// `--quiet`: no closing summary line.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// The language everything the tool says is in.
pub(crate) fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// The language of the messages: `--lang` (anywhere on the command line, as
/// clap reads it: `--lang ja`, `--lang=ja`), else the environment
/// ([`Lang::from_env`]). An unknown value is an error naming the known ones.
fn choose_lang(args: &[std::ffi::OsString]) -> Result<Lang, (Lang, Say)> {
    let mut given = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            given = Some(it.next().map(|v| v.into_owned()).unwrap_or_default());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            given = Some(v.to_owned());
        }
    }
    let env = |k: &str| std::env::var(k).ok();
    // The refusal itself is in the language the rest of the environment
    // asks for (the POSIX locale when JOURNEYMAP_LANG is the unknown one).
    let fallback = || Lang::from_env(|k| (k != "JOURNEYMAP_LANG").then(|| env(k)).flatten());
    match given {
        Some(v) => Lang::parse(&v).ok_or_else(|| {
            let l = Lang::from_env(env).unwrap_or_else(|_| fallback().unwrap_or_default());
            (
                l,
                Say::UnknownLang {
                    value: v,
                    env: false,
                },
            )
        }),
        None => Lang::from_env(env).map_err(|v| {
            (
                fallback().unwrap_or_default(),
                Say::UnknownLang {
                    value: v,
                    env: true,
                },
            )
        }),
    }
}

/// Say `s` on stderr, in the language of the messages.
fn tell(s: &Say) {
    say!("{}", lang().say(s));
}

/// Print `s` as an error that is not about spec content (usage, I/O,
/// templates); exit code 2.
fn usage(s: &Say) -> u8 {
    usage_error(&lang().say(s))
}

/// Run the tool with the process's arguments; returns the exit code.
#[must_use]
pub fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match choose_lang(&args) {
        Ok(l) => {
            let _ = LANG.set(l);
        }
        Err((l, msg)) => {
            let _ = LANG.set(l);
            return ExitCode::from(usage(&msg));
        }
    }
    let command = match lang() {
        Lang::Ja => help_ja::japanese(Cli::command()),
        Lang::En => Cli::command(),
    };
    let matches = match command.try_get_matches_from(&args) {
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
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
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
        Command::Man { out } => man::man(out),
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
                return Err(lang().say(&Say::UnknownLint {
                    name: name.clone(),
                    closest: crate::diagnostic::closest(name, lint::names().chain(["warnings"]))
                        .map(str::to_owned),
                    lints: lint::names().map(str::to_owned).collect(),
                }));
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
    discover::expand(paths).map_err(|msg| usage(&msg))
}

/// Compile the spec at `path` (any thread; nothing is printed here); the
/// error is the message for a file that cannot be read.
fn compile_file(path: &Path, levels: &CliLevels) -> Result<Compilation, String> {
    let name = path.to_string_lossy();
    compile(path, &name, levels).map_err(|e| cannot_read(&name, &e))
}

/// "cannot read `x`: …": the one wording for a spec that cannot be read.
fn cannot_read(name: &str, e: &LoadError) -> String {
    lang().say(&Say::CannotRead {
        file: name.to_owned(),
        problem: e.problem(),
    })
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
        let _ = out.write_all(report::render_in(lang(), d, &c.sources, format, color).as_bytes());
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
    let ids: Vec<String> = journey.personas.iter().map(|p| p.id.clone()).collect();
    lang().say(&Say::NotAPersona {
        id: e.id.clone(),
        journey: journey.title.clone(),
        closest: crate::diagnostic::closest(&e.id, ids.iter().map(String::as_str))
            .map(str::to_owned),
        ids,
    })
}
