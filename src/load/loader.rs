//! The loader: opening a spec file, and reading the files it imports (depth
//! first, each once, cycles reported), each parsed and read as an import target.

use super::source::{FileId, LoadError, SourceFile, Sources, Span, read_text};
use crate::diagnostic::{Code, Diagnostic};
use crate::{parse, spec};
use std::path::{Path, PathBuf};

/// Add the spec file at `path` (shown to the user as `name`) to `sources`.
///
/// A file that is not text (or too large) is still added, shown lossily so
/// that its diagnostic has a line to point at; the diagnostic comes with it.
///
/// # Errors
/// Only when the file cannot be opened or read (I/O).
pub fn open(
    sources: &mut Sources,
    path: &Path,
    name: &str,
) -> Result<(FileId, Option<Diagnostic>), LoadError> {
    let (text, load_error) = match read_text(path) {
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
    let d = load_error.map(|e| load_diagnostic(&e, sources, main, Span::new(main, 0, 0)));
    Ok((main, d))
}

/// Read the files that `main` imports, and theirs, in import order.
pub fn imports(
    sources: &mut Sources,
    main: FileId,
    list: &[spec::Sp<String>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(FileId, spec::ImportFile)> {
    let mut stack = vec![sources.get(main).path.clone()];
    let mut out = Vec::new();
    load_imports(sources, main, list, &mut stack, &mut out, diags);
    out
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
        let text = match read_text(&path) {
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
