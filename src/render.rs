//! Rendering a journey to an output format through the built-in minijinja
//! templates (HTML, Markdown) or serde (JSON).
//!
//! The environment is built once per run, with strict undefined behaviour and
//! auto-escaping by file extension (`.html` escapes; Markdown escaping is done
//! by the `md` and `cell` filters).

use crate::insight::Insights;
use crate::model::Journey;
use crate::view::View;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

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
];

/// Renders journeys; build once, use for every spec of a run.
pub struct Renderer {
    env: Environment<'static>,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    #[must_use]
    pub fn new() -> Self {
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
        for (name, source) in TEMPLATES {
            // The built-ins are tested; a syntax error here is a bug caught by every test.
            if let Err(e) = env.add_template(name, source) {
                panic!("built-in template {name} is invalid: {e:#}");
            }
        }
        env.add_filter("md", |s: &str| crate::markdown::inline(s));
        env.add_filter("cell", |s: &str| crate::markdown::cell(s));
        Renderer { env }
    }

    /// Render `journey` as `format`.
    ///
    /// # Errors
    /// A template error (a bug in a template), with its template and line.
    pub fn render(
        &self,
        journey: &Journey,
        insights: &Insights,
        format: Format,
    ) -> Result<String, minijinja::Error> {
        let template = |name: &str, extra: Value| {
            let view = Value::from(minijinja::value::Serde(View::new(journey, insights)));
            let ctx = minijinja::context! { ..extra, ..view };
            self.env.get_template(name)?.render(ctx)
        };
        match format {
            Format::Json => Ok(json(journey, insights)),
            Format::Mermaid => Ok(crate::mermaid::diagram(journey)),
            Format::Csv => Ok(crate::csv::render(journey)),
            Format::Html => template("journey.html", Value::UNDEFINED),
            Format::Svg => template("journey.svg", Value::UNDEFINED),
            Format::Md => template(
                "journey.md",
                minijinja::context! { mermaid => crate::mermaid::diagram(journey) },
            ),
        }
    }
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
