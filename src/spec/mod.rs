//! The raw spec: the YAML format of SPEC.md §2 as typed structs with spans.
//!
//! Built from the [`Node`] tree by hand rather than by serde derive, so that
//! one pass reports *every* structural problem (unknown keys with did-you-mean,
//! wrong types, missing or empty required keys, bad choices and ids) instead
//! of stopping at the first. Only `analyze` reads these types.
//!
//! The reader reports problems as typed data (`message::Problem`), never as
//! words: the catalogue phrases them when they are printed.
//!
//! - `types`: the raw spec types;
//! - `keys`: the key tables of the format (what `spec` accepts, and what
//!   `journeymap schema` describes);
//! - `limits`: how much of a spec is read, and the cap on errors per file;
//! - `fields`, `values`: the reader's generic helpers (a mapping's keys; texts,
//!   lists, numbers, choices, ids);
//! - `objects`: one reader per object of the format.

mod fields;
pub mod keys;
mod limits;
mod objects;
mod types;
mod values;

pub use limits::{
    Capped, MAX_CHANNELS, MAX_ERRORS, MAX_METRICS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS,
};
pub use types::*;
pub use values::id_problem;

use crate::diagnostic::Diagnostic;
use crate::parse::{Kind, Node};
use crate::source::SourceFile;

/// Collects diagnostics while reading one file.
pub struct Reader<'a> {
    source: &'a SourceFile,
    pub diags: Vec<Diagnostic>,
    /// Touchpoints read so far, against [`MAX_TOUCHPOINTS`].
    touchpoints: usize,
    /// Whether the touchpoints past the limit were reported.
    too_many_touchpoints: bool,
    errors: Capped,
}

impl<'a> Reader<'a> {
    #[must_use]
    pub fn new(source: &'a SourceFile) -> Self {
        Reader {
            source,
            diags: Vec::new(),
            touchpoints: 0,
            too_many_touchpoints: false,
            errors: Capped::default(),
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// Hand the errors over to `diags` (the first [`MAX_ERRORS`], then a count of the rest).
    fn finish(&mut self) {
        let errors = std::mem::take(&mut self.errors);
        self.diags.extend(errors.finish());
    }
}

/// Whether a parsed file holds only the keys of an import target (and `x-` keys):
/// a file of shared personas and channels, checked but not built.
#[must_use]
pub fn is_import_only(root: &Node) -> bool {
    let Kind::Map(entries) = &root.kind else {
        return false;
    };
    !entries.is_empty()
        && entries.iter().all(|(k, _)| match &k.kind {
            Kind::Str(s) => {
                keys::IMPORT_FILE.iter().any(|k| k.name == s.as_str()) || s.starts_with("x-")
            }
            _ => false,
        })
}
