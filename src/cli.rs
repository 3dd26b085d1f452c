//! The command line: parse arguments, run the pipeline per spec, print
//! diagnostics and write outputs. The only module that prints or writes files.

use crate::lint::{self, CliLevels, Level};
use crate::load::LoadError;
use crate::render::{Format, Renderer};
use crate::report::{self, MessageFormat};
use crate::{Compilation, compile, insight};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  journeymap check journeys/                 validate every spec under journeys/
  journeymap build onboarding.yaml           write onboarding.html beside the spec
  journeymap build onboarding.yaml -f md -f json
  journeymap build onboarding.yaml -f md -o -    print the Markdown to stdout

Exit codes: 0 success (warnings allowed), 1 the specs have errors, 2 usage, I/O or template errors.";

/// Compile customer journey maps from YAML into HTML, Markdown and JSON.
#[derive(Parser, Debug)]
#[command(name = "journeymap", version, about, after_help = AFTER_HELP, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate specs and print diagnostics; writes nothing
    #[command(
        after_help = "Examples:\n  journeymap check onboarding.yaml\n  journeymap check journeys/ -D warnings\n  journeymap check journeys/ --message-format github"
    )]
    Check(CheckArgs),
    /// Build journey maps (HTML by default) from specs
    #[command(
        after_help = "Examples:\n  journeymap build onboarding.yaml              -> onboarding.html beside it\n  journeymap build onboarding.yaml -f md -f json\n  journeymap build onboarding.yaml -f md -o -   (Markdown to stdout)\n  journeymap build onboarding.yaml -o site/map.html"
    )]
    Build(BuildArgs),
}

#[derive(Args, Debug)]
struct LintArgs {
    /// Allow a lint (or `warnings`: all of them)
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Warn on a lint
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Deny a lint (an error), or `-D warnings` to deny every warning
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Spec files, or folders to search for `*.yaml` / `*.yml` specs
    #[arg(value_name = "SPEC|DIR", required = true)]
    paths: Vec<PathBuf>,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    #[command(flatten)]
    lints: LintArgs,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Spec files, or folders to search for `*.yaml` / `*.yml` specs
    #[arg(value_name = "SPEC|DIR", required = true)]
    paths: Vec<PathBuf>,
    /// Output format; repeat for several (default: html)
    #[arg(short = 'f', long = "format", value_enum)]
    formats: Vec<Format>,
    /// Write to FILE (`-` for stdout); only with one spec and one format
    #[arg(short = 'o', long = "output", value_name = "FILE|-")]
    output: Option<PathBuf>,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    #[command(flatten)]
    lints: LintArgs,
}

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
    let (lint_args, run): (&LintArgs, &dyn Fn(&CliLevels) -> u8) = match &cli.command {
        Command::Check(args) => (&args.lints, &|l| check(args, l)),
        Command::Build(args) => (&args.lints, &|l| build(args, l)),
    };
    let code = match sub.map(|m| cli_levels(m, lint_args)) {
        Some(Ok(levels)) => run(&levels),
        Some(Err(msg)) => usage_error(&msg),
        None => 2,
    };
    ExitCode::from(code)
}

/// Print a usage error (exit code 2).
fn usage_error(msg: &str) -> u8 {
    let mut err = anstream::stderr();
    let _ = err.write_all(report::plain_error(msg, true).as_bytes());
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

/// The specs named on the command line: files as given, folders searched for specs.
///
/// # Errors
/// A folder with no `*.yaml`/`*.yml` file in it.
fn expand(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            if found.is_empty() {
                return Err(format!(
                    "no spec found in `{}` (looked for *.yaml and *.yml files)",
                    p.display()
                ));
            }
            found.sort();
            out.extend(found.into_iter().map(|f| (f, true)));
        } else {
            out.push((p.clone(), false));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        match e.file_type() {
            Ok(t) if t.is_dir() && !hidden => walk(&path, out),
            Ok(t) if t.is_file() && !hidden => {
                if matches!(
                    path.extension().and_then(|x| x.to_str()),
                    Some("yaml" | "yml")
                ) {
                    out.push(path);
                }
            }
            _ => {}
        }
    }
}

/// How one spec went, for the exit code and the summary.
#[derive(Default)]
struct Tally {
    specs: usize,
    errors: usize,
    warnings: usize,
    failed_io: bool,
}

impl Tally {
    fn exit_code(&self) -> u8 {
        if self.failed_io {
            2
        } else {
            u8::from(self.errors > 0)
        }
    }

    fn summary(&self, verb: &str) {
        if self.specs > 1 {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            eprintln!(
                "{verb} {}: {}, {}",
                plural(self.specs, "spec"),
                plural(self.errors, "error"),
                plural(self.warnings, "warning")
            );
        }
    }
}

/// Compile one spec and print its diagnostics; `None` when it could not be read.
fn compile_and_report(
    path: &Path,
    from_dir: bool,
    levels: &CliLevels,
    format: MessageFormat,
    tally: &mut Tally,
) -> Option<Compilation> {
    let name = path.to_string_lossy().into_owned();
    let c = match compile(path, &name, levels) {
        Ok(c) => c,
        Err(e) => {
            let msg = match &e {
                LoadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    format!("cannot read `{name}`: no such file")
                }
                other => format!("cannot read `{name}`: {other}"),
            };
            let _ = anstream::stderr().write_all(report::plain_error(&msg, true).as_bytes());
            tally.failed_io = true;
            return None;
        }
    };
    if c.import_only && (from_dir || !c.has_errors()) {
        if !from_dir {
            eprintln!(
                "note: `{name}` holds only personas and channels for `imports:`; it is checked, not built"
            );
        }
        return None;
    }
    tally.specs += 1;
    let mut err = anstream::stderr().lock();
    for d in &c.diagnostics {
        if d.is_error() {
            tally.errors += 1;
        } else {
            tally.warnings += 1;
        }
        let text = report::render(d, &c.sources, format, true);
        let _ = err.write_all(text.as_bytes());
    }
    Some(c)
}

fn check(args: &CheckArgs, levels: &CliLevels) -> u8 {
    let specs = match expand(&args.paths) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    let mut tally = Tally::default();
    for (path, from_dir) in specs {
        compile_and_report(&path, from_dir, levels, args.message_format, &mut tally);
    }
    tally.summary("checked");
    tally.exit_code()
}

fn build(args: &BuildArgs, levels: &CliLevels) -> u8 {
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        formats.push(Format::Html);
    }
    formats.sort();
    formats.dedup();
    let specs = match expand(&args.paths) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    if args.output.is_some() && (formats.len() > 1 || specs.len() > 1) {
        return usage_error(
            "`-o` writes one file: give one spec and one format (or none, to write each output beside its spec)",
        );
    }
    let renderer = Renderer::new();
    let mut tally = Tally::default();
    for (path, from_dir) in specs {
        let Some(c) = compile_and_report(&path, from_dir, levels, args.message_format, &mut tally)
        else {
            continue;
        };
        let Some(journey) = &c.journey else { continue };
        let insights = insight::insights(journey);
        for &format in &formats {
            let text = match renderer.render(journey, &insights, format) {
                Ok(t) => t,
                Err(e) => {
                    usage_error(&format!(
                        "template error while rendering {}: {e:#}",
                        path.display()
                    ));
                    tally.failed_io = true;
                    continue;
                }
            };
            let target = match &args.output {
                Some(o) if o.as_os_str() == "-" => None,
                Some(o) => Some(o.clone()),
                None => Some(path.with_extension(format.extension())),
            };
            let result = match &target {
                None => write_stdout(text.as_bytes()),
                Some(t) => write_atomic(t, text.as_bytes()),
            };
            if let Err(e) = result {
                let shown = target
                    .as_ref()
                    .map_or_else(|| "stdout".to_owned(), |t| format!("`{}`", t.display()));
                usage_error(&format!("cannot write {shown}: {e}"));
                tally.failed_io = true;
            }
        }
    }
    tally.summary("built");
    tally.exit_code()
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder, then rename,
/// so readers never see half a file and a failure leaves the old file intact.
/// An identical existing file is left untouched.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".journeymap-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
