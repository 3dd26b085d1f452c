//! The loader: opening a spec file, and reading the files it imports (depth
//! first, each once, cycles reported), each parsed and read as an import target.

use crate::diagnostic::Diagnostic;
use crate::message::Problem;
use crate::source::{FileId, LoadError, MAX_FILE_BYTES, SourceFile, Sources, Span, read_text};
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
///
/// `stack` holds the files being imported, from the spec down, to find cycles.
fn load_imports(
    sources: &mut Sources,
    from: FileId,
    list: &[spec::Sp<String>],
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<(FileId, spec::ImportFile)>,
    diags: &mut Vec<Diagnostic>,
) {
    for import in list {
        let (path, name) = import_path(sources.get(from), &import.value);
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if stack.contains(&key) {
            let chain = file_names(stack.iter().chain(std::iter::once(&key)));
            diags.push(Diagnostic::error(
                Problem::ImportCycle { chain },
                import.span,
            ));
            continue;
        }
        if sources.find(&key).is_some() {
            continue; // already imported by another route
        }
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                let problem = Problem::ImportFailed {
                    import: import.value.clone(),
                    reason: e.problem(),
                    looked_for: path.display().to_string(),
                };
                diags.push(Diagnostic::error(problem, import.span));
                continue;
            }
        };
        let id = sources.add(SourceFile::new(name, key.clone(), text));
        let Some(file) = read_import(sources, id, diags) else {
            continue;
        };
        stack.push(key);
        let nested = file.imports.clone();
        load_imports(sources, id, &nested, stack, out, diags);
        stack.pop();
        out.push((id, file));
    }
}

/// Where `import`, written in `from`, is: the path to open, and the name to show.
fn import_path(from: &SourceFile, import: &str) -> (PathBuf, String) {
    let path = from.path.parent().unwrap_or(Path::new("")).join(import);
    let name = Path::new(&from.name)
        .parent()
        .unwrap_or(Path::new(""))
        .join(import)
        .to_string_lossy()
        .into_owned();
    (path, name)
}

/// The file names of `paths` (a whole path where it has none), for an import cycle.
fn file_names<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> Vec<String> {
    paths
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect()
}

/// Parse an imported file and read it as an import target.
fn read_import(
    sources: &Sources,
    id: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<spec::ImportFile> {
    let root = match parse::parse(id, sources.get(id)) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let mut reader = spec::Reader::new(sources.get(id));
    let file = reader.import_file(&root);
    diags.append(&mut reader.diags);
    Some(file)
}

/// The diagnostic for a spec file that is not text, too large or unreadable.
fn load_diagnostic(e: &LoadError, sources: &Sources, file: FileId, span: Span) -> Diagnostic {
    match e {
        LoadError::NotText { line, column, nul } => {
            let at = sources.get(file).offset_of(*line, *column);
            Diagnostic::error(Problem::NotText { nul: *nul }, Span::new(file, at, at))
        }
        LoadError::TooLarge(bytes) => Diagnostic::error(
            Problem::TooLarge {
                bytes: *bytes,
                limit: MAX_FILE_BYTES,
            },
            span,
        ),
        LoadError::Io(io) => Diagnostic::error(
            Problem::Unreadable {
                reason: io.to_string(),
            },
            span,
        ),
    }
}
