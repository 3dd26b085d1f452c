//! The facts of measured-data problems (SPEC.md §6): what the catalogue's
//! words for them need.

/// What needs a `metrics` registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedsRegistry {
    /// `data:` files.
    Data,
    /// `{value, target}` at a place.
    ValueAndTarget,
}

/// Why a value is not a number, when it can be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberHint {
    None,
    /// `1,200`: thousands separators; the number without them.
    Thousands(String),
    /// `12%`: a unit written with the value; the number without it.
    Unit {
        number: String,
        unit: String,
    },
    /// `3,5`: a decimal comma.
    DecimalComma(String),
}

/// What a data file's bytes look like when they are not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Shift_JIS (CP932), Excel's "CSV" on Japanese Windows.
    ShiftJis,
    /// UTF-16, Excel's "Unicode text".
    Utf16,
    /// A single-byte encoding (Latin-1, Windows-1252).
    Latin1,
    /// NUL bytes or control bytes: not a text file at all.
    Binary,
}

/// What is wrong with the table of a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableProblem {
    /// The file holds nothing, not even a header. `columns` are the columns
    /// a data file may have (in each variant that names them).
    Empty { columns: &'static [&'static str] },
    /// The header lacks a required column.
    MissingColumn {
        column: &'static str,
        columns: &'static [&'static str],
    },
    /// A header column journeymap does not know.
    UnknownColumn {
        column: String,
        suggestion: Option<&'static str>,
        columns: &'static [&'static str],
    },
    /// The same column twice in the header.
    DuplicateColumn { column: String },
    /// A row with more or fewer cells than the header.
    Ragged { cells: usize, columns: usize },
    /// A row with an empty required cell.
    EmptyCell { column: &'static str },
    /// A row with neither a stage nor a touchpoint.
    NoPlace,
    /// The header is one cell holding `;`: a file separated by semicolons.
    Semicolons,
    /// The CSV is malformed (the csv crate's words).
    Syntax(String),
}
