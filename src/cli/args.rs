//! The command line's shape: clap derive types for every command and flag, with
//! their help text. Nothing here runs a command.

use crate::render::Format;
use crate::report::MessageFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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
    pub(crate) command: Command,
    /// Language of the messages: en or ja [default: $JOURNEYMAP_LANG, else ja when
    /// LC_ALL / LC_MESSAGES / LANG starts with ja, else en]
    #[arg(long, global = true, value_name = "LANG", value_parser = ["en", "ja"])]
    pub(crate) lang: Option<String>,
    /// Print no closing summary line (diagnostics and errors still print)
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
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
    /// Write the manual pages (journeymap.1 and one per command) into DIR, for packagers
    #[command(hide = true)]
    Man {
        /// The folder to write the pages into
        #[arg(value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
}

#[derive(Args, Debug, Default)]
pub(crate) struct LintArgs {
    /// Allow a lint (or `warnings`: all of them)
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    pub allow: Vec<String>,
    /// Warn on a lint
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    pub warn: Vec<String>,
    /// Deny a lint (an error), or `-D warnings` to deny every warning
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    pub deny: Vec<String>,
}

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    /// Spec files, or folders to search for `*.yaml` / `*.yml` specs
    #[arg(value_name = "SPEC|DIR", required = true)]
    pub paths: Vec<PathBuf>,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    #[command(flatten)]
    pub lints: LintArgs,
}

#[derive(Args, Debug)]
pub(crate) struct BuildArgs {
    /// Spec files, or folders to search for `*.yaml` / `*.yml` specs
    #[arg(value_name = "SPEC|DIR", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format; repeat for several (default: html)
    #[arg(short = 'f', long = "format", value_enum)]
    pub formats: Vec<Format>,
    /// Write to FILE (`-` for stdout); only with one spec and one format
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE|-",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,
    /// Write outputs under DIR, mirroring the folders given (default: beside each spec)
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Templates that override the built-ins, file by file (see `templates eject`)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Build the map as seen by one persona (its touchpoints, its emotions)
    #[arg(long, value_name = "ID")]
    pub persona: Option<String>,
    /// The paper the HTML map prints on (landscape; the map is zoomed to fit one page)
    #[arg(long, value_enum, default_value_t = crate::view::Paper::A3)]
    pub paper: crate::view::Paper,
    /// A font file (TTF, OTF, TTC) for `-f png`, preferred to the system's; repeat for several
    #[arg(long, value_name = "FILE")]
    pub font: Vec<PathBuf>,
    /// Write nothing; exit 1 if an output on disk is missing or differs from a fresh build
    #[arg(long, conflicts_with = "output")]
    pub check: bool,
    /// Do not write the portfolio page (index.html) when building a folder
    #[arg(long)]
    pub no_index: bool,
    /// The language of the portfolio page (default: the journeys', English when they differ)
    #[arg(long, value_enum, value_name = "LOCALE")]
    pub locale: Option<PageLocale>,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    #[command(flatten)]
    pub lints: LintArgs,
}

/// The language of a page journeymap writes over many journeys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PageLocale {
    En,
    Ja,
}

impl PageLocale {
    pub(crate) fn locale(self) -> crate::model::Locale {
        match self {
            PageLocale::En => crate::model::Locale::En,
            PageLocale::Ja => crate::model::Locale::Ja,
        }
    }
}

#[derive(Args, Debug)]
pub(crate) struct ServeArgs {
    /// Spec files, or folders to search for `*.yaml` / `*.yml` specs
    #[arg(value_name = "SPEC|DIR", required = true)]
    pub paths: Vec<PathBuf>,
    /// The port (0: any free port)
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// The interface to listen on; only loopback unless you ask for another
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Templates that override the built-ins, file by file
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The language of the index page (default: the journeys', English when they differ)
    #[arg(long, value_enum, value_name = "LOCALE")]
    pub locale: Option<PageLocale>,
    #[command(flatten)]
    pub lints: LintArgs,
}

#[derive(Args, Debug)]
pub(crate) struct DiffArgs {
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
pub(crate) struct InitArgs {
    /// Where to write the spec
    #[arg(default_value = "journey.yaml")]
    pub path: PathBuf,
    /// Language of the starter text and labels
    #[arg(long, value_enum, default_value_t = InitLocale::En)]
    pub locale: InitLocale,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum InitLocale {
    En,
    Ja,
}

#[derive(Args, Debug)]
pub(crate) struct SchemaArgs {
    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE|-")]
    pub output: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub(crate) enum TemplatesCommand {
    /// List the built-in templates
    List,
    /// Copy the built-in templates into DIR, to start a custom theme
    Eject {
        /// The folder to create or fill (existing files are not overwritten)
        dir: PathBuf,
    },
}
