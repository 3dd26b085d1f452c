//! journeymap compiles customer journey maps written in YAML into HTML,
//! Markdown and JSON, with rustc-style diagnostics.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! load      read a spec file (and its imports) into a source store       -> Sources
//! parse     YAML text -> Node tree with byte spans (only user of the YAML crate)
//! spec      Node tree -> raw typed spec, reporting every structural problem
//! analyze   raw spec (+ imports) -> validated model, resolving ids and references
//! model     the validated Journey: what lints, insights, renderers and JSON see
//! lint      rules over the model with levels (allow / warn / deny)
//! insight   computed facts: lowest moments, biggest drops, unaddressed pains…
//! view      the template context: model + insights + locale labels
//! render    minijinja templates (HTML, Markdown) and JSON
//! report    diagnostics as human text, JSON lines or GitHub workflow commands
//! watch     waiting for spec, import and template changes (watch, serve)
//! serve     the local preview server with live reload
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
pub mod model;
pub mod parse;
pub mod present;
pub mod render;
pub mod report;
pub mod schema;
pub mod serve;
pub mod spec;
pub mod view;
pub mod watch;

use diagnostic::{Code, Diagnostic};
use load::{FileId, LoadError, SourceFile, Sources, Span};
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
    let (text, load_error) = match load::read_text(path) {
        Ok(t) => (t, None),
        Err(LoadError::Io(e)) => return Err(LoadError::Io(e)),
        Err(e) => (String::new(), Some(e)),
    };
    // A file that is not text is still shown (lossily) so the diagnostic has a line to point at.
    let text = if matches!(load_error, Some(LoadError::NotText { .. })) {
        std::fs::read(path).map_or_else(
            |_| String::new(),
            |b| {
                let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&b);
                String::from_utf8_lossy(b).replace('\0', "\u{FFFD}")
            },
        )
    } else {
        text
    };
    let main = sources.add(SourceFile::new(name.to_owned(), path.to_path_buf(), text));
    if let Some(e) = load_error {
        let d = load_diagnostic(&e, &sources, main, Span::new(main, 0, 0));
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
    let import_only = is_import_only(&root);
    let mut reader = spec::Reader::new(sources.get(main));
    if import_only {
        // A file of shared personas and channels: check it as an import target.
        let file = reader.import_file(&root);
        diagnostics.append(&mut reader.diags);
        let mut stack = vec![sources.get(main).path.clone()];
        let mut imports = Vec::new();
        load_imports(
            &mut sources,
            main,
            &file.imports,
            &mut stack,
            &mut imports,
            &mut diagnostics,
        );
        diagnostic::sort(&mut diagnostics);
        return Compilation {
            sources,
            journey: None,
            diagnostics,
            import_only,
        };
    }
    let spec = reader.spec_file(&root);
    diagnostics.append(&mut reader.diags);
    let mut imports = Vec::new();
    let mut stack = vec![sources.get(main).path.clone()];
    load_imports(
        &mut sources,
        main,
        &spec.imports,
        &mut stack,
        &mut imports,
        &mut diagnostics,
    );
    let (journey, mut found) = analyze::analyze(spec, imports);
    diagnostics.append(&mut found);
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

/// Whether a parsed file holds only the keys of an import target.
fn is_import_only(root: &parse::Node) -> bool {
    let parse::Kind::Map(entries) = &root.kind else {
        return false;
    };
    !entries.is_empty()
        && entries.iter().all(|(k, _)| match &k.kind {
            parse::Kind::Str(s) => {
                matches!(s.as_str(), "personas" | "channels" | "imports") || s.starts_with("x-")
            }
            _ => false,
        })
}

/// Read the files that `from` imports (depth first, each once), reporting cycles.
fn load_imports(
    sources: &mut Sources,
    from: FileId,
    list: &[spec::Sp<String>],
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<(FileId, spec::ImportFile)>,
    diags: &mut Vec<Diagnostic>,
) {
    for import in list {
        let (base_path, base_name) = {
            let f = sources.get(from);
            (f.path.clone(), f.name.clone())
        };
        let path = base_path
            .parent()
            .unwrap_or(Path::new(""))
            .join(&import.value);
        let name = Path::new(&base_name)
            .parent()
            .unwrap_or(Path::new(""))
            .join(&import.value)
            .to_string_lossy()
            .into_owned();
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if stack.contains(&key) {
            let chain: Vec<String> = stack
                .iter()
                .chain(std::iter::once(&key))
                .map(|p| {
                    p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                })
                .collect();
            diags.push(
                Diagnostic::error(Code::ImportCycle, import.span, format!("import cycle: {}", chain.join(" → ")))
                    .label("imports a file that imports this one")
                    .help("files must not import each other: move the shared personas and channels into one file"),
            );
            continue;
        }
        if sources.find(&key).is_some() {
            continue; // already imported by another route
        }
        let text = match load::read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                let detail = match &e {
                    LoadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                        "no such file".to_owned()
                    }
                    other => other.to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        Code::ImportNotFound,
                        import.span,
                        format!("cannot import `{}`: {detail}", import.value),
                    )
                    .label(format!("looked for {}", path.display()))
                    .help("imports are paths relative to the importing file"),
                );
                continue;
            }
        };
        let id = sources.add(SourceFile::new(name, key.clone(), text));
        let root = match parse::parse(id, sources.get(id)) {
            Ok(r) => r,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        let mut reader = spec::Reader::new(sources.get(id));
        let file = reader.import_file(&root);
        diags.append(&mut reader.diags);
        stack.push(key);
        let nested = file.imports.clone();
        load_imports(sources, id, &nested, stack, out, diags);
        stack.pop();
        out.push((id, file));
    }
}

fn load_diagnostic(e: &LoadError, sources: &Sources, file: FileId, span: Span) -> Diagnostic {
    match e {
        LoadError::NotText { line, column, nul } => {
            let f = sources.get(file);
            let at = f.offset_of(*line, *column);
            let what = if *nul {
                "file contains a NUL byte"
            } else {
                "file is not valid UTF-8"
            };
            Diagnostic::error(Code::NotText, Span::new(file, at, at), what)
                .label("here")
                .help(if *nul {
                    "journeymap reads YAML text; is this a binary file?"
                } else {
                    "save the file as UTF-8 (journeymap reads UTF-8 YAML, with or without a BOM)"
                })
        }
        LoadError::TooLarge(_) => Diagnostic::error(Code::TooLarge, span, e.to_string())
            .help("split the journey into several specs, or move bulky text out of it"),
        LoadError::Io(_) => Diagnostic::error(Code::ImportNotFound, span, e.to_string()),
    }
}
