//! journeymap compiles customer journey maps written in YAML into HTML,
//! Markdown, JSON, Mermaid, SVG and CSV, with rustc-style diagnostics.
//!
//! The pipeline, one module per stage (ARCHITECTURE.md has the details):
//!
//! ```text
//! value     the value types spec and model share (Scalar, Extensions, Num)
//! source    the source store: file names, texts, line starts
//! load      read a spec file (and its imports) into the store
//! parse     YAML text -> Node tree with byte spans (only user of the YAML crate)
//! spec      Node tree -> raw typed spec, reporting every structural problem
//! analyze   raw spec (+ imports) -> validated model, resolving ids and references
//! model     the validated Journey: what lints, insights, renderers and JSON see
//! lint      rules over the model with levels (allow / warn / deny)
//! insight   computed facts: lowest moments, biggest drops, unaddressed pains…
//! present   every display fact, computed once per journey (scores, looks, moods)
//! locale    the built-in words of the outputs, per locale
//! view      the template context: the page's facts, the map grid, the chart
//! chart     geometry of the emotion curve, the SVG picture and the overview
//! render    the format registry and the minijinja environment
//! diff      comparing two journeys
//! message   the words of every diagnostic: typed kinds, one file per language
//! report    diagnostics as human text, JSON lines or GitHub workflow commands
//! watch     waiting for spec, import and template changes (watch, serve)
//! relate    journeys that name each other: parents, details, comparisons
//! portfolio a folder of journeys on one page: facts, tree, backlog, matrix
//! serve     the local preview server with live reload
//! mdbook    the mdBook preprocessor: maps in a book's chapters (mdbook-journeymap)
//! cli       the command line; the only module that prints or writes files
//! ```
//!
//! [`compile`] runs load → analyze → lint for one spec; [`run`] is the whole tool.

pub mod analyze;
pub mod chart;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod insight;
pub mod lint;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod mdbook;
pub mod measure;
pub mod message;
pub mod model;
pub mod parse;
pub mod portfolio;
pub mod present;
pub mod relate;
pub mod render;
pub mod report;
pub mod schema;
pub mod serve;
pub mod source;
pub mod spec;
pub mod traps;
pub mod value;
pub mod view;
pub mod watch;

use diagnostic::Diagnostic;
use source::{FileId, LoadError, SourceFile, Sources};
use std::path::{Path, PathBuf};

pub use cli::run;

/// The result of compiling one spec file.
#[derive(Debug)]
pub struct Compilation {
    /// Every file read: the spec and its imports.
    pub sources: Sources,
    /// The journey, when the spec has no errors.
    pub journey: Option<model::Journey>,
    /// Errors and lint warnings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The file holds only `personas`/`channels` (an import target, not a spec).
    pub import_only: bool,
}

impl Compilation {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Compile the spec at `path`, shown to the user as `name`.
///
/// # Errors
/// Only when the spec file itself cannot be opened or read (I/O): everything
/// about its content is a diagnostic in the [`Compilation`].
pub fn compile(
    path: &Path,
    name: &str,
    levels: &lint::CliLevels,
) -> Result<Compilation, LoadError> {
    let mut sources = Sources::default();
    let (main, unreadable) = load::open(&mut sources, path, name)?;
    if let Some(d) = unreadable {
        return Ok(Compilation {
            sources,
            journey: None,
            diagnostics: vec![d],
            import_only: false,
        });
    }
    Ok(compile_loaded(sources, main, levels))
}

/// Compile a spec given as text (for tests and tools); imports resolve against `name`'s folder.
#[must_use]
pub fn compile_str(name: &str, text: &str, levels: &lint::CliLevels) -> Compilation {
    let mut sources = Sources::default();
    let main = sources.add(SourceFile::new(
        name.to_owned(),
        PathBuf::from(name),
        text.to_owned(),
    ));
    compile_loaded(sources, main, levels)
}

/// Compile a spec given as text, shown as `name`, that stands at `path`: its
/// imports and data files resolve against `path`'s folder (a spec written
/// inside another file, such as a book's chapter).
#[must_use]
pub fn compile_text(name: &str, path: &Path, text: &str, levels: &lint::CliLevels) -> Compilation {
    let mut sources = Sources::default();
    let main = sources.add(SourceFile::new(
        name.to_owned(),
        path.to_path_buf(),
        text.to_owned(),
    ));
    compile_loaded(sources, main, levels)
}

/// parse → spec → (imports) → analyze → lint, for a file already in `sources`.
fn compile_loaded(mut sources: Sources, main: FileId, levels: &lint::CliLevels) -> Compilation {
    let mut diagnostics = Vec::new();
    let root = match parse::parse(main, sources.get(main)) {
        Ok(root) => root,
        Err(d) => {
            return Compilation {
                sources,
                journey: None,
                diagnostics: vec![*d],
                import_only: false,
            };
        }
    };
    let import_only = spec::is_import_only(&root);
    let mut reader = spec::Reader::new(sources.get(main));
    if import_only {
        // A file of shared personas and channels: check it as an import target.
        let file = reader.import_file(&root);
        diagnostics.append(&mut reader.diags);
        load::imports(&mut sources, main, &file.imports, &mut diagnostics);
        diagnostic::sort(&mut diagnostics);
        return Compilation {
            sources,
            journey: None,
            diagnostics,
            import_only,
        };
    }
    // The reader uses the tree up as it goes (the tree is the largest thing in
    // memory while a spec is read), and the spec holds copies of its strings.
    let spec = reader.spec_file(root);
    diagnostics.append(&mut reader.diags);
    let imports = load::imports(&mut sources, main, &spec.imports, &mut diagnostics);
    let (mut journey, mut found) = analyze::analyze(spec, imports, &lint::NAMES);
    diagnostics.append(&mut found);
    if let Some(j) = &mut journey {
        j.spans.traps = traps::scan(main, &sources.get(main).text);
    }
    if let Some(j) = &mut journey {
        diagnostics.extend(measure::measure(j, &mut sources, main));
    }
    let journey = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        journey
    };
    if let Some(j) = &journey {
        diagnostics.extend(lint::lint(j, levels));
    }
    diagnostic::sort(&mut diagnostics);
    let journey = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        journey
    };
    Compilation {
        sources,
        journey,
        diagnostics,
        import_only,
    }
}
