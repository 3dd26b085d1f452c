//! The command line: parse arguments, run the pipeline per spec, print
//! diagnostics and write outputs. The only module that prints or writes files.

use crate::discover::{SpecPath, expand};
use crate::lint::{self, CliLevels, Level};
use crate::load::LoadError;
use crate::render::{self, Format, RenderError, Renderer};
use crate::report::{self, MessageFormat};
use crate::{Compilation, compile, insight};
use anyhow::Context as _;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `eprintln!` that never panics (stderr may be closed, e.g. under a supervisor).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use say;

const AFTER_HELP: &str = "\
Examples:
  journeymap init onboarding.yaml --locale ja   start a journey from a commented template
  journeymap check journeys/                    validate every spec under journeys/
  journeymap build onboarding.yaml              write onboarding.html beside the spec
  journeymap build journeys/ -f md --out-dir site/
  journeymap diff old.yaml new.yaml             what changed, as Markdown

Exit codes: 0 success (warnings allowed), 1 the specs have errors (or `build --check` found
stale output), 2 usage, I/O or template errors.";

/// Compile customer journey maps from YAML into HTML, Markdown, JSON, SVG and CSV.
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
        after_help = "Examples:\n  journeymap build onboarding.yaml              -> onboarding.html beside it\n  journeymap build onboarding.yaml -f md -f json\n  journeymap build onboarding.yaml -f md -o -   (Markdown to stdout)\n  journeymap build journeys/ --out-dir site/    (mirrors the folder tree)\n  journeymap build journeys/ --check            (CI: are the committed outputs up to date?)"
    )]
    Build(BuildArgs),
    /// Compare two versions of a journey (or current and future state)
    #[command(
        after_help = "Examples:\n  journeymap diff old.yaml new.yaml\n  git show main:journeys/onboarding.yaml > /tmp/old.yaml && journeymap diff /tmp/old.yaml journeys/onboarding.yaml\n  journeymap diff current.yaml future.yaml -f html -o changes.html"
    )]
    Diff(DiffArgs),
    /// Rebuild on every change to a spec, an imported file or a template
    #[command(
        after_help = "Examples:\n  journeymap watch journeys/\n  journeymap watch onboarding.yaml -f html -f md"
    )]
    Watch(BuildArgs),
    /// Serve the HTML maps on 127.0.0.1 with live reload
    #[command(
        after_help = "Examples:\n  journeymap serve journeys/               http://127.0.0.1:4000/\n  journeymap serve onboarding.yaml --port 8080"
    )]
    Serve(ServeArgs),
    /// Write a starter spec with every field explained
    Init(InitArgs),
    /// Print the JSON Schema of the spec format (for editor completion)
    Schema(SchemaArgs),
    /// List the built-in templates, or copy them out to start a theme
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug, Default)]
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
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE|-",
        conflicts_with = "out_dir"
    )]
    output: Option<PathBuf>,
    /// Write outputs under DIR, mirroring the folders given (default: beside each spec)
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Templates that override the built-ins, file by file (see `templates eject`)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Build the map as seen by one persona (its touchpoints, its emotions)
    #[arg(long, value_name = "ID")]
    persona: Option<String>,
    /// Write nothing; exit 1 if an output on disk is missing or differs from a fresh build
    #[arg(long, conflicts_with = "output")]
    check: bool,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    #[command(flatten)]
    lints: LintArgs,
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Spec files, or folders to search for `*.yaml` / `*.yml` specs
    #[arg(value_name = "SPEC|DIR", required = true)]
    paths: Vec<PathBuf>,
    /// The port (0: any free port)
    #[arg(long, default_value_t = 4000)]
    port: u16,
    /// The interface to listen on; only loopback unless you ask for another
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Templates that override the built-ins, file by file
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    #[command(flatten)]
    lints: LintArgs,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The old version (or the current-state map)
    pub old: PathBuf,
    /// The new version (or the future-state map)
    pub new: PathBuf,
    /// Output format
    #[arg(short = 'f', long = "format", value_enum, default_value_t = crate::diff::DiffFormat::Md)]
    pub format: crate::diff::DiffFormat,
    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE|-")]
    pub output: Option<PathBuf>,
    /// Compare the journey as seen by one persona
    #[arg(long, value_name = "ID")]
    pub persona: Option<String>,
    /// Exit 1 when there are differences (like `git diff --exit-code`)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Args, Debug)]
struct InitArgs {
    /// Where to write the spec
    #[arg(default_value = "journey.yaml")]
    path: PathBuf,
    /// Language of the starter text and labels
    #[arg(long, value_enum, default_value_t = InitLocale::En)]
    locale: InitLocale,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum InitLocale {
    En,
    Ja,
}

#[derive(Args, Debug)]
struct SchemaArgs {
    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE|-")]
    output: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum TemplatesCommand {
    /// List the built-in templates
    List,
    /// Copy the built-in templates into DIR, to start a custom theme
    Eject {
        /// The folder to create or fill (existing files are not overwritten)
        dir: PathBuf,
    },
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
    let code = match &cli.command {
        Command::Check(args) => with_levels(sub, &args.lints, |l| check(args, l)),
        Command::Build(args) => with_levels(sub, &args.lints, |l| build(args, l, true).0),
        Command::Watch(args) => with_levels(sub, &args.lints, |l| watch(args, l)),
        Command::Serve(args) => with_levels(sub, &args.lints, |l| {
            crate::serve::run(
                &args.paths,
                &args.host,
                args.port,
                args.templates.clone(),
                l,
            )
        }),
        Command::Diff(args) => crate::diff::run(args),
        Command::Init(args) => init(args),
        Command::Schema(args) => emit(args.output.as_deref(), &crate::schema::schema_json()),
        Command::Templates(TemplatesCommand::List) => {
            let names: String = render::TEMPLATES
                .iter()
                .map(|(n, _)| format!("{n}\n"))
                .collect();
            emit(None, &names)
        }
        Command::Templates(TemplatesCommand::Eject { dir }) => eject(dir),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "journeymap", &mut script);
            emit(None, &String::from_utf8_lossy(&script))
        }
    };
    ExitCode::from(code)
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
pub fn usage_error(msg: &str) -> u8 {
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

/// Counts for the exit code and the summary line.
#[derive(Default)]
struct Tally {
    specs: usize,
    errors: usize,
    warnings: usize,
    failed_io: bool,
    stale: usize,
}

impl Tally {
    fn exit_code(&self) -> u8 {
        if self.failed_io {
            2
        } else {
            u8::from(self.errors > 0 || self.stale > 0)
        }
    }

    fn summary(&self, verb: &str) {
        if self.specs > 1 {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            crate::cli::say!(
                "{verb} {}: {}, {}",
                plural(self.specs, "spec"),
                plural(self.errors, "error"),
                plural(self.warnings, "warning")
            );
        }
    }
}

/// Compile one spec (any thread); nothing is printed here.
fn compile_one(spec: &SpecPath, levels: &CliLevels) -> Result<Compilation, String> {
    let name = spec.path.to_string_lossy().into_owned();
    compile(&spec.path, &name, levels).map_err(|e| match &e {
        LoadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            format!("cannot read `{name}`: no such file")
        }
        other => format!("cannot read `{name}`: {other}"),
    })
}

/// Print one spec's diagnostics (in order, on the main thread); `false` if it is to be skipped.
fn report_one(
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
    if c.import_only && (spec.base.is_some() || !c.has_errors()) {
        if spec.base.is_none() {
            crate::cli::say!(
                "note: `{}` holds only personas and channels for `imports:`; it is checked, not built",
                spec.path.display()
            );
        }
        return false;
    }
    tally.specs += 1;
    let mut err = anstream::stderr().lock();
    for d in &c.diagnostics {
        if d.is_error() {
            tally.errors += 1;
        } else {
            tally.warnings += 1;
        }
        let _ = err.write_all(report::render(d, &c.sources, format, true).as_bytes());
    }
    true
}

fn check(args: &CheckArgs, levels: &CliLevels) -> u8 {
    let specs = match expand(&args.paths) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg),
    };
    let results: Vec<_> = each_spec(&specs, |s| compile_one(s, levels));
    let mut tally = Tally::default();
    for (spec, c) in specs.iter().zip(&results) {
        report_one(spec, c, args.message_format, &mut tally);
    }
    tally.summary("checked");
    exiting(results);
    tally.exit_code()
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

/// Let the operating system reclaim what a command built, instead of freeing
/// it piece by piece just before the process exits (as compilers do): the
/// model of a spec of 10 000 touchpoints is hundreds of thousands of small
/// allocations, about 25 ms to free. Only for values a command is done with,
/// and never in `watch` or `serve`, which live on.
fn exiting<T>(value: T) {
    std::mem::forget(value);
}

/// Where an output goes: stdout (`None`) or a file.
fn target(args: &BuildArgs, spec: &SpecPath, format: Format) -> Option<PathBuf> {
    match &args.output {
        Some(o) if o.as_os_str() == "-" => return None,
        Some(o) => return Some(o.clone()),
        None => {}
    }
    let ext = match &args.persona {
        Some(p) => format!("{p}.{}", format.extension()),
        None => format.extension().to_owned(),
    };
    let beside = spec.path.with_extension(&ext);
    match &args.out_dir {
        None => Some(beside),
        Some(out) => Some(out.join(spec.relative()).with_extension(ext)),
    }
}

/// One spec compiled and rendered in every requested format.
struct Built {
    compilation: Result<Compilation, String>,
    outputs: Vec<(Format, Output)>,
}

/// One output of a spec, after the parallel part of a build.
enum Output {
    /// Written to its file by the worker that rendered it (so files are written
    /// on every core, and a folder build does not hold every page in memory),
    /// or the error to report, in spec order, once the workers are done.
    Written(Result<(), String>),
    /// For stdout or `--check`, done in spec order afterwards.
    Text(String),
    /// A template error.
    Failed(String),
}

/// Two specs that would write the same file (`a.yaml` and `a.yml` beside each
/// other): refused before anything is built, as the file would hold whichever
/// finished last.
fn clashing_outputs(args: &BuildArgs, specs: &[SpecPath], formats: &[Format]) -> Option<String> {
    let mut seen: std::collections::HashMap<PathBuf, &SpecPath> = std::collections::HashMap::new();
    for spec in specs {
        for &format in formats {
            let Some(dest) = target(args, spec, format) else {
                continue;
            };
            if let Some(first) = seen.insert(dest.clone(), spec) {
                return Some(format!(
                    "`{}` and `{}` would both be built into `{}`: rename one of them",
                    first.path.display(),
                    spec.path.display(),
                    dest.display()
                ));
            }
        }
    }
    None
}

/// Whether `report_one` lets the outputs of this spec be written: not a file
/// that only holds personas and channels for `imports:`.
fn buildable(spec: &SpecPath, c: &Compilation) -> bool {
    !(c.import_only && (spec.base.is_some() || !c.has_errors()))
}

/// Build; returns the exit code and every file read (specs and imports), for `watch`.
/// `once`: the process exits after this build (not `watch`).
fn build(args: &BuildArgs, levels: &CliLevels, once: bool) -> (u8, Vec<PathBuf>) {
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        formats.push(Format::Html);
    }
    formats.sort();
    formats.dedup();
    let specs = match expand(&args.paths) {
        Ok(s) => s,
        Err(msg) => return (usage_error(&msg), Vec::new()),
    };
    if args.output.is_some() && (formats.len() > 1 || specs.len() > 1) {
        return (
            usage_error("`-o` writes one file: give one spec and one format (or use --out-dir)"),
            Vec::new(),
        );
    }
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return (
            usage_error(&format!("--templates `{}` is not a folder", dir.display())),
            Vec::new(),
        );
    }
    if let Some(msg) = clashing_outputs(args, &specs, &formats) {
        return (usage_error(&msg), Vec::new());
    }
    if let Some(dir) = &args.templates
        && dir.join("curve.html").is_file()
        && !dir.join("journey.html").is_file()
    {
        crate::cli::say!(
            "warning: `{}` is not used: the built-in journey.html draws the curve itself \
             (see docs/templates.md); include it from your own journey.html",
            dir.join("curve.html").display()
        );
    }
    let renderer = Renderer::new(args.templates.clone());
    let built: Vec<Built> = each_spec(&specs, |spec| {
        let compilation = compile_one(spec, levels);
        let outputs = match &compilation {
            Ok(c) if buildable(spec, c) => c.journey.as_ref().map_or_else(Vec::new, |j| {
                render_all(j, args, &formats, |journey, insights, format| {
                    match target(args, spec, format) {
                        // Streamed into the file: a large page is never held whole.
                        Some(dest) if !args.check => Output::Written(
                            ensure_parent(&dest, args.out_dir.is_some())
                                .map_err(RenderError::Io)
                                .and_then(|()| {
                                    write_atomic_with(&dest, |w| {
                                        renderer.render_to(journey, insights, format, w)
                                    })
                                })
                                .map_err(|e| match e {
                                    RenderError::Template(e) => {
                                        render::describe_error(&e, args.templates.as_deref())
                                    }
                                    RenderError::Io(e) => {
                                        format!("cannot write `{}`: {e}", dest.display())
                                    }
                                }),
                        ),
                        _ => match renderer.render(journey, insights, format) {
                            Ok(text) => Output::Text(text),
                            Err(e) => Output::Failed(render::describe_error(
                                &e,
                                args.templates.as_deref(),
                            )),
                        },
                    }
                })
            }),
            _ => Vec::new(),
        };
        Built {
            compilation,
            outputs,
        }
    });
    let mut tally = Tally::default();
    let read: Vec<PathBuf> = built
        .iter()
        .filter_map(|b| b.compilation.as_ref().ok())
        .flat_map(|c| c.sources.paths().map(Path::to_path_buf))
        .collect();
    for (spec, b) in specs.iter().zip(&built) {
        if !report_one(spec, &b.compilation, args.message_format, &mut tally) {
            continue;
        }
        for (format, out) in &b.outputs {
            let result = match out {
                Output::Written(result) => result.clone(),
                Output::Failed(msg) => Err(msg.clone()),
                Output::Text(text) => {
                    let dest = target(args, spec, *format);
                    if args.check {
                        check_output(dest.as_deref(), text, &mut tally);
                        continue;
                    }
                    write_stdout(text.as_bytes())
                        .map_err(|e| format!("cannot write to stdout: {e}"))
                }
            };
            if let Err(msg) = result {
                usage_error(&msg);
                tally.failed_io = true;
            }
        }
    }
    if args.check && tally.stale > 0 {
        crate::cli::say!(
            "{} output(s) are out of date: run `journeymap build` and commit them",
            tally.stale
        );
    }
    tally.summary(if args.check {
        "checked outputs of"
    } else {
        "built"
    });
    if once {
        exiting(built);
    }
    (tally.exit_code(), read)
}

/// `watch`: build, then rebuild on every relevant change; errors in specs never stop it.
fn watch(args: &BuildArgs, levels: &CliLevels) -> u8 {
    if args.check || args.output.as_ref().is_some_and(|o| o.as_os_str() == "-") {
        return usage_error("`watch` writes files: drop `--check` and `-o -`");
    }
    let mut watcher = match crate::watch::Watcher::new(args.templates.clone()) {
        Ok(w) => w,
        Err(e) => return usage_error(&format!("cannot watch files: {e:#}")),
    };
    loop {
        let (code, read) = build(args, levels, false);
        watcher.watch_inputs(&args.paths, &read);
        let state = match code {
            0 => "built",
            1 => "the specs have errors",
            _ => "the build failed",
        };
        crate::cli::say!("{state}; watching for changes (Ctrl-C to stop)");
        let Some(changed) = watcher.wait() else {
            return 0;
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&cwd).unwrap_or(p).display().to_string())
            .collect();
        crate::cli::say!("changed: {}", names.join(", "));
    }
}

/// Render a journey in each format (filtered to one persona when asked) with `each`.
fn render_all(
    j: &crate::model::Journey,
    args: &BuildArgs,
    formats: &[Format],
    each: impl Fn(&crate::model::Journey, &crate::insight::Insights, Format) -> Output,
) -> Vec<(Format, Output)> {
    let filtered;
    let journey = match &args.persona {
        Some(p) => match j.for_persona(p) {
            Ok(f) => {
                filtered = f;
                &filtered
            }
            Err(msg) => {
                return formats
                    .iter()
                    .map(|f| (*f, Output::Failed(msg.clone())))
                    .collect();
            }
        },
        None => j,
    };
    let insights = insight::insights(journey);
    formats
        .iter()
        .map(|&f| (f, each(journey, &insights, f)))
        .collect()
}

/// `build --check`: compare a would-be output with the file on disk.
fn check_output(dest: Option<&Path>, text: &str, tally: &mut Tally) {
    let Some(dest) = dest else { return };
    match std::fs::read(dest) {
        Ok(old) if old == text.as_bytes() => {}
        Ok(_) => {
            crate::cli::say!(
                "stale: `{}` differs from what `journeymap build` writes",
                dest.display()
            );
            tally.stale += 1;
        }
        Err(_) => {
            crate::cli::say!("missing: `{}`", dest.display());
            tally.stale += 1;
        }
    }
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write `bytes` to `path` atomically (see [`write_atomic_with`]).
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map_err(RenderError::Io)).map_err(|e| match e {
        RenderError::Io(e) => e,
        RenderError::Template(e) => std::io::Error::other(e.to_string()),
    })
}

/// Write a file through a temporary file in the same folder, filled by `fill`,
/// then renamed over `path`: readers never see half a file, and a failure
/// (of `fill` or of the disk) leaves the old file intact. An existing file with
/// the same bytes is left untouched, and so is its folder: while the bytes
/// match, they are only compared (its mtime stays, for `make`-style tools and
/// file watchers, and an unchanged large output costs one read, no write).
/// Parent folders are not created, except under `--out-dir`.
///
/// A symbolic link is followed (the file it points to is replaced, the link
/// stays), and a path that is not a regular file (`/dev/stdout`, `/dev/null`,
/// a FIFO) is written straight into: renaming over it would replace the
/// device or the link with a regular file.
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), RenderError>,
) -> Result<(), RenderError> {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let resolved = if link {
        std::fs::canonicalize(path).ok()
    } else {
        None
    };
    let path = resolved.as_deref().unwrap_or(path);
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(RenderError::Io)?;
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file);
        fill(&mut w)?;
        return w.flush().map_err(RenderError::Io);
    }
    let mut w = Replace::new(path).map_err(RenderError::Io)?;
    fill(&mut w)?;
    w.finish().map_err(RenderError::Io)
}

/// The writer of [`write_atomic_with`]: compares with the existing file until
/// the first difference, then writes a temporary file (the matching prefix
/// copied from the old file first).
struct Replace<'p> {
    path: &'p Path,
    /// The existing file and how many of its bytes matched so far.
    old: Option<(std::io::BufReader<std::fs::File>, u64)>,
    scratch: Vec<u8>,
    tmp: Option<std::io::BufWriter<tempfile::NamedTempFile>>,
}

impl<'p> Replace<'p> {
    fn new(path: &'p Path) -> std::io::Result<Self> {
        let mut w = Replace {
            path,
            old: std::fs::File::open(path)
                .ok()
                .filter(|f| f.metadata().is_ok_and(|m| m.is_file()))
                .map(|f| (std::io::BufReader::with_capacity(64 * 1024, f), 0)),
            scratch: Vec::new(),
            tmp: None,
        };
        if w.old.is_none() {
            w.diverge()?;
        }
        Ok(w)
    }

    /// Start the temporary file, with the bytes that matched so far.
    fn diverge(&mut self) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".journeymap-").suffix(".tmp");
        // A temporary file is private (0600); an output is a normal file, readable
        // as the umask allows (0644 with the usual 022), as `fs::write` would make it.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut tmp = std::io::BufWriter::with_capacity(64 * 1024, builder.tempfile_in(dir)?);
        if let Some((mut old, matched)) = self.old.take() {
            // The same open file as compared, so the prefix is what matched.
            old.seek(std::io::SeekFrom::Start(0))?;
            std::io::copy(&mut old.take(matched), &mut tmp)?;
        }
        self.tmp = Some(tmp);
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        use std::io::Read;
        if let Some((old, _)) = &mut self.old {
            // Every byte matched: unchanged, unless the old file is longer.
            if old.read(&mut [0u8; 1])? == 0 {
                return Ok(());
            }
            self.diverge()?;
        }
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let tmp = tmp
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        // No fsync: the rename is what makes the write atomic for readers; durability
        // across a power cut is not worth ~1.4 ms per output of a docs build.
        tmp.persist(self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for Replace<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::io::Read;
        if let Some((old, matched)) = &mut self.old {
            self.scratch.resize(buf.len(), 0);
            if old.read_exact(&mut self.scratch).is_ok() && self.scratch == buf {
                *matched += buf.len() as u64;
                return Ok(buf.len());
            }
            // `read_exact` may have consumed part of the file: `diverge` seeks back.
            self.diverge()?;
        }
        match &mut self.tmp {
            Some(t) => t.write(buf),
            None => Err(std::io::Error::other("output already finished")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.tmp {
            Some(t) => t.flush(),
            None => Ok(()),
        }
    }
}

/// Under `--out-dir`, create the mirrored folders; elsewhere a missing folder is the user's error.
fn ensure_parent(path: &Path, create: bool) -> std::io::Result<()> {
    match path.parent() {
        Some(d) if create && !d.as_os_str().is_empty() => std::fs::create_dir_all(d),
        _ => Ok(()),
    }
}

/// Write to a file, or to stdout for `None` / `-`.
pub fn emit(output: Option<&Path>, text: &str) -> u8 {
    let result = match output {
        None => write_stdout(text.as_bytes()).context("cannot write to stdout"),
        Some(p) if p.as_os_str() == "-" => {
            write_stdout(text.as_bytes()).context("cannot write to stdout")
        }
        Some(p) => write_atomic(p, text.as_bytes())
            .with_context(|| format!("cannot write `{}`", p.display())),
    };
    match result {
        Ok(()) => 0,
        Err(e) => usage_error(&format!("{e:#}")),
    }
}

fn init(args: &InitArgs) -> u8 {
    if args.path.exists() {
        return usage_error(&format!(
            "`{}` already exists; journeymap init never overwrites a file (give another path)",
            args.path.display()
        ));
    }
    let text = match args.locale {
        InitLocale::En => crate::schema::STARTER_EN,
        InitLocale::Ja => crate::schema::STARTER_JA,
    };
    let dir = args
        .path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let result = std::fs::create_dir_all(dir)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&args.path)?
                .write_all(text.as_bytes())
        })
        .with_context(|| format!("cannot write `{}`", args.path.display()));
    if let Err(e) = result {
        return usage_error(&format!("{e:#}"));
    }
    crate::cli::say!("wrote {}", args.path.display());
    let schema = args.path.with_file_name(crate::schema::SCHEMA_FILE);
    if !schema.exists() && write_atomic(&schema, crate::schema::schema_json().as_bytes()).is_ok() {
        crate::cli::say!(
            "wrote {} (editor completion through the modeline on line 1)",
            schema.display()
        );
    }
    crate::cli::say!(
        "next: journeymap check {0} && journeymap build {0}",
        args.path.display()
    );
    0
}

fn eject(dir: &Path) -> u8 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return usage_error(&format!("cannot create `{}`: {e}", dir.display()));
    }
    let mut code = 0;
    for (name, text) in render::TEMPLATES {
        let path = dir.join(name);
        if path.exists() {
            crate::cli::say!("kept {} (already exists)", path.display());
            continue;
        }
        match write_atomic(&path, text.as_bytes()) {
            Ok(()) => crate::cli::say!("wrote {}", path.display()),
            Err(e) => code = usage_error(&format!("cannot write `{}`: {e}", path.display())),
        }
    }
    if code == 0 {
        crate::cli::say!(
            "edit them, then: journeymap build SPEC --templates {}",
            dir.display()
        );
    }
    code
}
