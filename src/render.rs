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
}

impl Format {
    /// The file extension of this format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Json => "json",
        }
    }
}

/// The built-in templates, embedded at compile time.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("journey.html", include_str!("../templates/journey.html")),
    ("journey.md", include_str!("../templates/journey.md")),
    ("insights.md", include_str!("../templates/insights.md")),
    ("insights.html", include_str!("../templates/insights.html")),
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
        env.add_filter("md", |s: &str| markdown_inline(s));
        env.add_filter("cell", |s: &str| markdown_cell(s));
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
        match format {
            Format::Json => Ok(json(journey, insights)),
            Format::Html | Format::Md => {
                let view = View::new(journey, insights);
                let name = if format == Format::Html {
                    "journey.html"
                } else {
                    "journey.md"
                };
                self.env
                    .get_template(name)?
                    .render(Value::from(minijinja::value::Serde(&view)))
            }
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

/// Escape text for a Markdown paragraph or list item: no spec text can become
/// markup, a link, a heading or HTML. Newlines become spaces.
#[must_use]
pub fn markdown_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_start = true;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {}
            '\n' => {
                out.push(' ');
                at_start = false;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '#' | '&' | '$'
            | '@' => {
                out.push('\\');
                out.push(c);
            }
            // `http://` would become a link (GFM autolinks).
            ':' if chars.peek() == Some(&'/') => {
                out.push('\\');
                out.push(c);
            }
            '+' | '-' | '=' | '.' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        if !c.is_whitespace() {
            at_start = false;
        }
    }
    out
}

/// Escape text for a GFM table cell: as [`markdown_inline`], with newlines as `<br>`.
#[must_use]
pub fn markdown_cell(s: &str) -> String {
    s.split('\n')
        .map(markdown_inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(markdown_inline("a|b"), "a\\|b");
        assert_eq!(markdown_inline("# h"), "\\# h");
        assert_eq!(markdown_inline("- item"), "\\- item");
        assert_eq!(markdown_inline("x - y"), "x - y");
        assert_eq!(markdown_inline("[x](http://e)"), "\\[x\\](http\\://e)");
        assert_eq!(markdown_inline("<b>"), "\\<b\\>");
        assert_eq!(markdown_cell("a\nb|c"), "a<br>b\\|c");
        assert_eq!(markdown_inline("料金が 1.2% 高い"), "料金が 1.2% 高い");
    }
}
