//! Loading a spec: its file, and the files it pulls in (`imports:`, depth
//! first, each file once, cycles reported), into one source store.
//!
//! - `source`: the store itself (path as typed, text, line starts) and reading
//!   one file as text; it depends on nothing, so every stage points into it;
//! - `loader`: the loader proper, which parses and reads each imported file
//!   (so it sits above `parse` and `spec`).

mod loader;
mod source;

pub use loader::{imports, open};
pub use source::{FileId, LoadError, MAX_FILE_BYTES, SourceFile, Sources, Span, read_text};
