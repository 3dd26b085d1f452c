//! Rendering a journey to an output format: the registry of formats, and the
//! minijinja environment the templated ones use.
//!
//! Each format is one module with one [`FormatDef`] (its `-f` name, file
//! extension, help line and writer), listed once in [`FORMATS`]; the command
//! line, the docs tests and the golden tests take their lists from there.
//!
//! The environment is built once per run, with strict undefined behaviour and
//! auto-escaping by file extension (`.html` and `.svg` escape; Markdown escaping
//! is done by the `md` and `cell` filters). Templates load through one loader: a
//! user's `--templates DIR` first, file by file, then the built-ins, which also
//! stay reachable as `builtin/NAME` so a user template can
//! `{% extends "builtin/journey.html" %}` and replace one block.

pub mod csv;
mod filters;
pub mod fonts;
pub mod html;
mod json;
mod md;
pub mod mermaid;
#[cfg(feature = "png")]
pub mod png;
mod svg;

use crate::present::Presentation;
use minijinja::{Environment, UndefinedBehavior, Value};
use std::path::{Component, Path, PathBuf};

/// An output format of `build`: one entry of [`FORMATS`].
pub struct FormatDef {
    /// The name given to `-f`.
    pub name: &'static str,
    /// The extension of the file written beside the spec.
    pub extension: &'static str,
    /// One line for `--help`.
    pub about: &'static str,
    /// Write the journey in this format.
    pub write: fn(&Renderer, &Presentation, &mut dyn std::io::Write) -> Result<(), RenderError>,
}

/// Every output format, in the order `--help` lists them and outputs are written.
pub const FORMATS: &[FormatDef] = &[
    html::FORMAT,
    md::FORMAT,
    json::FORMAT,
    mermaid::FORMAT,
    svg::FORMAT,
    #[cfg(feature = "png")]
    png::FORMAT,
    csv::FORMAT,
];

/// A format of the registry, by reference; ordered as [`FORMATS`].
#[derive(Clone, Copy)]
pub struct Format(&'static FormatDef);

impl Format {
    /// The default format of `build`.
    pub const HTML: Format = Format(&FORMATS[0]);

    /// Every format of the registry.
    pub const ALL: [Format; FORMATS.len()] = {
        let mut all = [Format(&FORMATS[0]); FORMATS.len()];
        let mut i = 0;
        while i < FORMATS.len() {
            all[i] = Format(&FORMATS[i]);
            i += 1;
        }
        all
    };

    /// The format named `name` (as given to `-f`).
    #[must_use]
    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.0.name == name)
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The file extension of this format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        self.0.extension
    }

    fn index(self) -> usize {
        FORMATS
            .iter()
            .position(|f| f.name == self.0.name)
            .unwrap_or(usize::MAX)
    }
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Format {}

impl PartialOrd for Format {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Format {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.index().cmp(&other.index())
    }
}

impl std::hash::Hash for Format {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.name.hash(state);
    }
}

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name).help(self.0.about))
    }
}

/// The built-in templates, embedded at compile time.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("journey.html", include_str!("../../templates/journey.html")),
    ("journey.md", include_str!("../../templates/journey.md")),
    ("insights.md", include_str!("../../templates/insights.md")),
    (
        "insights.html",
        include_str!("../../templates/insights.html"),
    ),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("macros.md", include_str!("../../templates/macros.md")),
    ("journey.svg", include_str!("../../templates/journey.svg")),
    ("index.html", include_str!("../../templates/index.html")),
    ("index.md", include_str!("../../templates/index.md")),
    // Not included by journey.html (the map is written by `html`): a starting
    // point for a theme that draws the map in its own `map` block.
    ("curve.html", include_str!("../../templates/curve.html")),
];

/// Fuel for user templates: enough for the largest maps, finite for runaway loops.
pub const USER_TEMPLATE_FUEL: u64 = 50_000_000;

/// A built-in template by name.
#[must_use]
pub fn builtin(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// A template environment with journeymap's settings and filters, loading from
/// `user_dir` (if any) and then from the built-ins.
#[must_use]
pub fn environment(user_dir: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(escape_for);
    if user_dir.is_some() {
        env.set_fuel(Some(USER_TEMPLATE_FUEL));
        env.set_recursion_limit(100);
    }
    env.set_loader(move |name| {
        if let Some(rest) = name.strip_prefix("builtin/") {
            return Ok(builtin(rest).map(str::to_owned));
        }
        if let Some(dir) = &user_dir
            && let Some(path) = safe_join(dir, name)
            && path.is_file()
        {
            return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("cannot read template `{}`", path.display()),
                )
                .with_source(e)
            });
        }
        Ok(builtin(name).map(str::to_owned))
    });
    filters::register(&mut env);
    env
}

/// How a template's output is escaped, by its name: markup (`.html`, `.htm`,
/// `.xhtml`, `.svg`, `.xml`, in any case, with or without `.j2`) escapes
/// every value; anything else (Markdown, Mermaid, CSV) escapes in its filters.
fn escape_for(name: &str) -> minijinja::AutoEscape {
    let name = name.to_ascii_lowercase();
    let name = name.trim_end_matches(".j2");
    let markup = [".html", ".htm", ".xhtml", ".svg", ".xml"];
    if markup.iter().any(|x| name.ends_with(x)) {
        minijinja::AutoEscape::Html
    } else {
        minijinja::AutoEscape::None
    }
}

/// `dir/name`, refusing absolute names and `..`, so a template cannot read outside `dir`.
fn safe_join(dir: &Path, name: &str) -> Option<PathBuf> {
    let rel = Path::new(name);
    if rel.components().all(|c| matches!(c, Component::Normal(_))) {
        Some(dir.join(rel))
    } else {
        None
    }
}

/// Renders journeys; build once, use for every spec of a run.
pub struct Renderer {
    env: Environment<'static>,
    /// Whether a `--templates` folder may replace the built-ins.
    user_templates: bool,
    /// The paper HTML pages print on.
    paper: crate::view::Paper,
    /// The fonts `-f png` draws with, loaded on first use.
    fonts: fonts::Fonts,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Renderer {
    /// A renderer with the built-in templates, overridden file by file from `user_dir`.
    #[must_use]
    pub fn new(user_dir: Option<PathBuf>) -> Self {
        Renderer {
            user_templates: user_dir.is_some(),
            env: environment(user_dir),
            paper: crate::view::Paper::default(),
            fonts: fonts::Fonts::new(fonts::FontChoice::default()),
        }
    }

    /// The same renderer, drawing `-f png` with the fonts of `choice`.
    #[must_use]
    pub fn with_fonts(mut self, choice: fonts::FontChoice) -> Self {
        self.fonts = fonts::Fonts::new(choice);
        self
    }

    /// Load the fonts of `-f png` now (they are otherwise loaded by the first
    /// PNG), so that a `--font` that cannot be loaded stops a build before it starts.
    ///
    /// # Errors
    /// A `--font` file that cannot be read or holds no font.
    pub fn load_fonts(&self) -> Result<(), fonts::FontError> {
        self.fonts.load()
    }

    /// The same renderer, printing HTML pages on `paper`.
    #[must_use]
    pub fn with_paper(mut self, paper: crate::view::Paper) -> Self {
        self.paper = paper;
        self
    }

    /// Render the journey of `p` as `format`, into a string.
    ///
    /// # Errors
    /// A template error (in a user template, or a bug in a built-in), with its template and line.
    pub fn render(&self, p: &Presentation, format: Format) -> Result<String, minijinja::Error> {
        let mut out = Vec::new();
        match self.render_to(p, format, &mut out) {
            Ok(()) => String::from_utf8(out).map_err(|_| {
                minijinja::Error::new(
                    minijinja::ErrorKind::BadSerialization,
                    "the template wrote invalid UTF-8",
                )
            }),
            Err(RenderError::Template(e)) => Err(e),
            Err(RenderError::Io(e)) => Err(minijinja::Error::new(
                minijinja::ErrorKind::WriteFailure,
                e.to_string(),
            )),
            Err(RenderError::Fonts(e)) => Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("{e:?}"),
            )),
        }
    }

    /// Render the journey of `p` as `format`, into bytes (a PNG is no text).
    ///
    /// # Errors
    /// As [`Renderer::render_to`].
    pub fn render_bytes(&self, p: &Presentation, format: Format) -> Result<Vec<u8>, RenderError> {
        let mut out = Vec::new();
        self.render_to(p, format, &mut out)?;
        Ok(out)
    }

    /// Render `journey` as `format`, computing its insights and presentation
    /// first (for one-off renders; a build computes them once for all formats).
    ///
    /// # Errors
    /// As [`Renderer::render`].
    pub fn render_journey(
        &self,
        journey: &crate::model::Journey,
        format: Format,
    ) -> Result<String, minijinja::Error> {
        let insights = crate::insight::insights(journey);
        self.render(&Presentation::new(journey, &insights), format)
    }

    /// Render the journey of `p` as `format` into `w`.
    ///
    /// # Errors
    /// A template error, or the writer's.
    pub fn render_to(
        &self,
        p: &Presentation,
        format: Format,
        w: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        (format.0.write)(self, p, w)
    }

    /// The portfolio page as `format` (`html`, `md` or `json`): `index.html`,
    /// `index.md`, `index.json`.
    ///
    /// # Errors
    /// A template error (a user's `index.html` or `index.md`).
    pub fn render_portfolio(
        &self,
        p: &crate::portfolio::Portfolio,
        format: Format,
    ) -> Result<String, minijinja::Error> {
        if format.name() == "json" {
            let mut s = serde_json::to_string_pretty(p).unwrap_or_default();
            s.push('\n');
            return Ok(s);
        }
        let name = if format.name() == "md" {
            "index.md"
        } else {
            "index.html"
        };
        let ctx = minijinja::context! {
            labels => Value::from(minijinja::value::Serde(crate::locale::labels(p.locale))),
            generator => crate::present::GENERATOR,
            ..Value::from(minijinja::value::Serde(p))
        };
        self.env.get_template(name).and_then(|t| t.render(ctx))
    }

    /// Render the template `name` with `ctx`.
    fn template(&self, name: &str, ctx: Value) -> Result<String, RenderError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(RenderError::Template)
    }
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// In a template (a user's, or a bug in a built-in).
    Template(minijinja::Error),
    /// Writing the output.
    Io(std::io::Error),
    /// `-f png`: a `--font` that cannot be loaded, or text no font has.
    Fonts(fonts::FontError),
}

/// A template error as one line: the template, the line, and what went wrong.
#[must_use]
pub fn describe_error(e: &minijinja::Error, user_dir: Option<&Path>) -> String {
    let mut place = e.name().map(str::to_owned).unwrap_or_default();
    if let (Some(dir), Some(name)) = (user_dir, e.name())
        && safe_join(dir, name).is_some_and(|p| p.is_file())
    {
        place = dir.join(name).display().to_string();
    } else if !place.is_empty() && !place.starts_with("builtin/") {
        place = format!("built-in {place}");
    }
    if let Some(line) = e.line() {
        place = format!("{place}:{line}");
    }
    let mut msg = e
        .detail()
        .map_or_else(|| e.kind().to_string(), str::to_owned);
    if e.kind() == minijinja::ErrorKind::OutOfFuel {
        msg = "the template ran too long (a runaway loop?)".to_owned();
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = format!("{msg}: {s}");
        source = s.source();
    }
    format!("template error in {place}: {msg}")
}
