//! The source store: every file read, with its path as typed, its text and
//! where its lines start; and reading one file as text.
//!
//! Everything that points into a file (a [`Span`]) points into this store, so a
//! diagnostic in an imported file names that file. This module depends on
//! nothing else in the crate but the words of its errors (`message`): every
//! stage may use it.

use crate::message::{FileProblem, Lang};
use std::fmt;
use std::path::{Path, PathBuf};

/// The largest spec file journeymap reads.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file: 12 bytes, since every node of a spec's
/// tree and most values of its model carry one. Offsets past 4 GiB (a data
/// file that large; a spec stops at 32 MiB) are kept as `u32::MAX`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    #[must_use]
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: offset(start),
            end: offset(end),
        }
    }

    /// The first byte, as an index into the file's text.
    #[must_use]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte past the last, as an index into the file's text.
    #[must_use]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The bytes it covers, as a range of the file's text.
    #[must_use]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }
}

// Every node of a spec's tree and most values of its model carry a span: keep it at
// 12 bytes (docs/performance.md, "Memory, second pass").
const _: () = assert!(std::mem::size_of::<Span>() == 12);

/// A byte offset as a span keeps it.
#[must_use]
pub fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// One file's text and where its lines start.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user typed it (or as derived from an import).
    pub name: String,
    /// The path used to open the file, for resolving imports.
    pub path: PathBuf,
    pub text: String,
    /// Byte offsets (4 bytes each: a file with spans is at most 4 GiB).
    line_starts: Vec<u32>,
}

impl SourceFile {
    #[must_use]
    pub fn new(name: String, path: PathBuf, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| offset(i + 1)))
            .collect();
        SourceFile {
            name,
            path,
            text,
            line_starts,
        }
    }

    /// 1-based line and 1-based column counted in characters for a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    #[must_use]
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(start) = self
            .line_starts
            .get(line.saturating_sub(1))
            .map(|&s| s as usize)
        else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        rest[..line_len]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(start + line_len, |(i, _)| start + i)
    }

    /// Byte offset `chars` characters after `offset`, stopping at the end of the line.
    #[must_use]
    pub fn advance_chars(&self, offset: usize, chars: usize) -> usize {
        let rest = self.text.get(offset..).unwrap_or("");
        let line_len = rest.find('\n').unwrap_or(rest.len());
        rest[..line_len]
            .char_indices()
            .nth(chars)
            .map_or(offset + line_len, |(i, _)| offset + i)
    }
}

/// Every file read during one compilation.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    #[must_use]
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The paths of every file read.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }

    /// Let go of every file's text once nothing will point into it (its
    /// diagnostics are printed): names and paths stay, and a place asked for
    /// afterwards reads as line 1, column 1.
    pub fn release_texts(&mut self) {
        for f in &mut self.files {
            f.text = String::new();
            f.line_starts = vec![0];
        }
    }

    /// The file already loaded from `path`, if any.
    #[must_use]
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .and_then(|i| u32::try_from(i).ok())
            .map(FileId)
    }
}

/// Why a file could not be turned into text.
#[derive(Debug)]
pub enum LoadError {
    /// The file cannot be opened or read (missing, a directory, no permission).
    Io(std::io::Error),
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// The bytes are not UTF-8 text: where the first bad byte is (1-based, columns in characters).
    NotText {
        line: usize,
        column: usize,
        nul: bool,
    },
}

impl LoadError {
    /// What is wrong with the file, as data for the message catalogue.
    #[must_use]
    pub fn problem(&self) -> FileProblem {
        match self {
            LoadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => FileProblem::NotFound,
            LoadError::Io(e) => FileProblem::Io(e.to_string()),
            LoadError::TooLarge(bytes) => FileProblem::TooLarge {
                bytes: *bytes,
                limit: MAX_FILE_BYTES,
            },
            LoadError::NotText { line, column, nul } => FileProblem::NotText {
                line: *line,
                column: *column,
                nul: *nul,
            },
        }
    }
}

/// In English; an I/O error in the system's words (`No such file or directory (os error 2)`).
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            _ => f.write_str(&Lang::En.file_problem(&self.problem())),
        }
    }
}

/// Read a spec file as UTF-8 text, with a size cap; a leading BOM is dropped.
///
/// # Errors
/// I/O errors, oversized files and non-text content.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(LoadError::Io)?;
    let meta = file.metadata().map_err(LoadError::Io)?;
    if meta.is_dir() {
        return Err(LoadError::Io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    // Sized from the metadata, so a large spec is read without regrowing (and
    // without holding twice its size); special files report 0 and grow as needed.
    let expected = usize::try_from(meta.len().min(MAX_FILE_BYTES)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(LoadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(meta.len().max(bytes.len() as u64)));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let nul = bytes.iter().position(|&b| b == 0);
    let bad = match std::str::from_utf8(&bytes) {
        Ok(_) => None,
        Err(e) => Some(e.valid_up_to()),
    };
    let first = match (nul, bad) {
        (None, None) => return String::from_utf8(bytes).map_err(|_| not_text(&[], false)),
        (Some(n), Some(b)) => n.min(b),
        (Some(n), None) => n,
        (None, Some(b)) => b,
    };
    Err(not_text(&bytes[..first], nul == Some(first)))
}

/// Where the first bad byte sits, given the valid text before it.
fn not_text(before: &[u8], nul: bool) -> LoadError {
    let text = std::str::from_utf8(before).unwrap_or("");
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    LoadError::NotText { line, column, nul }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_texts_keep_names_and_read_places_as_the_start() {
        let mut s = Sources::default();
        let id = s.add(SourceFile::new(
            "a.yaml".into(),
            "a.yaml".into(),
            "a: 1\nb: 2\n".into(),
        ));
        assert_eq!(s.get(id).line_col(7), (2, 3));
        s.release_texts();
        assert_eq!(s.get(id).text, "");
        assert_eq!(s.get(id).name, "a.yaml");
        assert_eq!(s.paths().collect::<Vec<_>>(), [Path::new("a.yaml")]);
        assert_eq!(s.get(id).line_col(7), (1, 1));
        assert_eq!(s.get(id).offset_of(2, 2), 0);
    }

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new("a".into(), "a".into(), "a: 1\nタイトル: 日本語\n".into());
        let off = f.text.find("日本語").unwrap();
        assert_eq!(f.line_col(off), (2, 7));
        assert_eq!(f.offset_of(2, 7), off);
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.advance_chars(off, 2), off + 6);
    }
}
