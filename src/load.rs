//! The loader: opening a spec file, and reading the files it imports (depth
//! first, each once, cycles reported), each parsed and read as an import target.

use crate::diagnostic::Diagnostic;
use crate::message::{Encoding, FileProblem, Problem};
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

/// An imported file, read, with the import that named it (its picks).
pub struct Imported {
    pub file: FileId,
    pub content: spec::ImportFile,
    pub import: spec::RawImport,
}

/// Read the files that `main` imports, and theirs, in import order.
pub fn imports(
    sources: &mut Sources,
    main: FileId,
    list: &[spec::RawImport],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Imported> {
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
    list: &[spec::RawImport],
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<Imported>,
    diags: &mut Vec<Diagnostic>,
) {
    for entry in list {
        let import = &entry.file;
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
        out.push(Imported {
            file: id,
            content: file,
            import: entry.clone(),
        });
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

/// The largest data file journeymap reads.
pub const MAX_DATA_BYTES: u64 = 64 * 1024 * 1024;

/// Add the data file `entry`, written in the spec `from` at `span`, to
/// `sources`. A file that cannot be read is a diagnostic at `span`; a file
/// that is not UTF-8 is still added (shown lossily) with a diagnostic at its
/// first bad byte, saying which encoding it looks like.
///
/// # Errors
/// The diagnostic, when the file is not usable.
pub fn data_file(
    sources: &mut Sources,
    from: FileId,
    entry: &str,
    span: Span,
) -> Result<FileId, Box<Diagnostic>> {
    let (path, name) = import_path(sources.get(from), entry);
    let failed = |reason: FileProblem| {
        let problem = Problem::DataFileFailed {
            file: entry.to_owned(),
            reason,
            looked_for: path.display().to_string(),
        };
        Box::new(Diagnostic::error(problem, span))
    };
    let mut owned = read_capped(&path, MAX_DATA_BYTES).map_err(failed)?;
    if owned.starts_with(b"\xEF\xBB\xBF") {
        owned.drain(..3);
    }
    // Valid UTF-8 without control bytes (the common case) becomes the text
    // without a copy.
    let bad = owned
        .iter()
        .position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')));
    let owned = match (bad, String::from_utf8(owned)) {
        (None, Ok(text)) => return Ok(sources.add(SourceFile::new(name, path, text))),
        (_, Ok(text)) => text.into_bytes(),
        (_, Err(e)) => e.into_bytes(),
    };
    let bytes = owned.as_slice();
    let invalid = std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
    let first = match (bad, invalid) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => 0,
    };
    let encoding = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        Encoding::Utf16
    } else if bad.is_some() {
        Encoding::Binary
    } else {
        guess_encoding(&bytes[first..])
    };
    // Shown lossily, so the diagnostic has a line to point at.
    let valid = String::from_utf8_lossy(&bytes[..first]).into_owned();
    let at = valid.len();
    let text = valid + &String::from_utf8_lossy(&bytes[first..]).replace('\0', "\u{FFFD}");
    let id = sources.add(SourceFile::new(name, path, text));
    Err(Box::new(Diagnostic::error(
        Problem::DataNotUtf8 { encoding },
        Span::new(id, at, at),
    )))
}

/// A file's bytes, refused past `limit`.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            FileProblem::NotFound
        } else {
            FileProblem::Io(e.to_string())
        }
    };
    // Looked at before it is opened: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(FileProblem::Directory);
    }
    if !meta.is_file() {
        return Err(FileProblem::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    if meta.len() > limit {
        return Err(FileProblem::DataTooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(FileProblem::DataTooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Which encoding bytes that are not UTF-8 look like: Shift_JIS when most
/// bytes past ASCII pair up as Shift_JIS double-byte characters, else Latin-1.
fn guess_encoding(bytes: &[u8]) -> Encoding {
    let (mut pairs, mut high) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        high += 1;
        let lead = matches!(b, 0x81..=0x9F | 0xE0..=0xFC);
        let trail = bytes
            .get(i + 1)
            .is_some_and(|t| matches!(t, 0x40..=0x7E | 0x80..=0xFC));
        if lead && trail {
            pairs += 1;
            i += 2;
        } else if matches!(b, 0xA1..=0xDF) {
            // Half-width katakana: one byte in Shift_JIS.
            pairs += 1;
            i += 1;
        } else {
            i += 1;
        }
    }
    if high > 0 && pairs * 10 >= high * 9 {
        Encoding::ShiftJis
    } else {
        Encoding::Latin1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_the_encoding_of_spreadsheet_exports() {
        // 満足度 in Shift_JIS, and café in Latin-1.
        assert_eq!(
            guess_encoding(&[0x96, 0x9E, 0x91, 0xAB, 0x93, 0x78]),
            Encoding::ShiftJis
        );
        assert_eq!(guess_encoding(b"caf\xE9,1"), Encoding::Latin1);
    }
}
