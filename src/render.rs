//! Rendering a journey to an output format through the built-in minijinja
//! templates (HTML, Markdown) or serde (JSON).
//!
//! The environment is built once per run, with strict undefined behaviour and
//! auto-escaping by file extension (`.html` and `.svg` escape; Markdown escaping
//! is done by the `md` and `cell` filters).
//!
//! Templates load through one loader: a user's `--templates DIR` first, file by
//! file, then the built-ins, which also stay reachable as `builtin/NAME` so a
//! user template can `{% extends "builtin/journey.html" %}` and replace one block.

use crate::insight::Insights;
use crate::model::Journey;
use crate::view::View;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;
use std::path::{Component, Path, PathBuf};

pub mod html;

/// An output format of `build`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// a self-contained HTML page
    Html,
    /// GitHub-flavoured Markdown
    Md,
    /// the validated model and insights, for tools
    Json,
    /// the bare Mermaid `journey` diagram (.mmd)
    Mermaid,
    /// a standalone picture: stage bands and the emotion curve
    Svg,
    /// one row per touchpoint, for spreadsheets
    Csv,
}

impl Format {
    /// The file extension of this format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Json => "json",
            Format::Mermaid => "mmd",
            Format::Svg => "svg",
            Format::Csv => "csv",
        }
    }
}

/// The built-in templates, embedded at compile time.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("journey.html", include_str!("../templates/journey.html")),
    ("journey.md", include_str!("../templates/journey.md")),
    ("insights.md", include_str!("../templates/insights.md")),
    ("insights.html", include_str!("../templates/insights.html")),
    ("journey.svg", include_str!("../templates/journey.svg")),
    // Not included by journey.html (the map is written by `html`): a starting
    // point for a theme that draws the map in its own `map` block.
    ("curve.html", include_str!("../templates/curve.html")),
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
    env.set_auto_escape_callback(|name| {
        let name = name.trim_end_matches(".j2");
        if name.ends_with(".html") || name.ends_with(".svg") || name.ends_with(".htm") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
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
    env.add_filter("md", |s: &str| crate::markdown::inline(s));
    env.add_filter("cell", |s: &str| crate::markdown::cell(s));
    env
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
        }
    }

    /// Render `journey` as `format`.
    ///
    /// # Errors
    /// A template error (in a user template, or a bug in a built-in), with its template and line.
    pub fn render(
        &self,
        journey: &Journey,
        insights: &Insights,
        format: Format,
    ) -> Result<String, minijinja::Error> {
        let mut out = Vec::new();
        match self.render_to(journey, insights, format, &mut out) {
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
        }
    }

    /// Render `journey` as `format` into `w`.
    ///
    /// An HTML page is streamed: the template renders the page around the map
    /// with a marker where each part goes (`html.map_table`, `html.curve_table`),
    /// then the parts are written straight to `w` in 64 KB pieces, so a large
    /// map is never held in memory whole.
    ///
    /// # Errors
    /// A template error, or the writer's.
    pub fn render_to(
        &self,
        journey: &Journey,
        insights: &Insights,
        format: Format,
        w: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        let text = match format {
            Format::Json => json(journey, insights),
            Format::Mermaid => crate::mermaid::diagram(journey),
            Format::Csv => crate::csv::render(journey),
            Format::Html => return self.html(journey, insights, w),
            Format::Svg => {
                let view = View::new(journey, insights, format);
                self.template("journey.svg", Value::from(minijinja::value::Serde(&view)))?
            }
            Format::Md => {
                let view = View::new(journey, insights, format);
                let ctx = minijinja::context! {
                    mermaid => crate::mermaid::diagram(journey),
                    ..Value::from(minijinja::value::Serde(&view))
                };
                self.template("journey.md", ctx)?
            }
        };
        w.write_all(text.as_bytes()).map_err(RenderError::Io)
    }

    fn template(&self, name: &str, ctx: Value) -> Result<String, RenderError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(RenderError::Template)
    }

    fn html(
        &self,
        journey: &Journey,
        insights: &Insights,
        w: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        let view = View::new(journey, insights, Format::Html);
        // The built-in page reads a small part of the view; a user's
        // template may read any of it (see `View::builtin_html`).
        let fields = if self.user_templates {
            Value::from(minijinja::value::Serde(&view))
        } else {
            Value::from(minijinja::value::Serde(view.builtin_html()))
        };
        let ctx = minijinja::context! {
            html => minijinja::context! {
                map_table => Value::from_safe_string(MAP_TABLE.to_owned()),
                curve_table => Value::from_safe_string(CURVE_TABLE.to_owned()),
            },
            ..fields
        };
        let page = self.template("journey.html", ctx)?;
        let mut rest = page.as_str();
        let mut out = html::Out::new(w);
        while let Some(at) = rest.find(MARKER) {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            if let Some(after) = tail.strip_prefix(MAP_TABLE) {
                html::map_table(&view, &mut out);
                rest = after;
            } else if let Some(after) = tail.strip_prefix(CURVE_TABLE) {
                html::curve_table(&view, &mut out);
                rest = after;
            } else {
                out.push_str(MARKER);
                rest = &tail[MARKER.len()..];
            }
        }
        out.push_str(rest);
        out.finish().map_err(RenderError::Io)
    }
}

/// Where the page template puts the parts written by [`html`]. Every marker
/// holds a `<`, which HTML auto-escaping turns into `&lt;` in any text a
/// template prints, so spec text cannot forge one (a YAML `"\0"` can put NUL
/// characters in a string, so NULs alone would not do).
const MARKER: &str = "<\0journeymap:";
const MAP_TABLE: &str = "<\0journeymap:map_table\0>";
const CURVE_TABLE: &str = "<\0journeymap:curve_table\0>";

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// In a template (a user's, or a bug in a built-in).
    Template(minijinja::Error),
    /// Writing the output.
    Io(std::io::Error),
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

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    journey: &'a Journey,
    insights: &'a Insights,
}

fn json(journey: &Journey, insights: &Insights) -> String {
    let mut s = serde_json::to_string_pretty(&JsonOut { journey, insights }).unwrap_or_default();
    s.push('\n');
    s
}
