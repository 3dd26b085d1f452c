//! The values a spec holds besides its structure: numbers printed the same
//! way on every machine, the free values of `attributes` and `metrics`, and
//! the `x-` keys. A leaf: the raw spec, the model, the messages and every
//! output use it.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use std::fmt;

/// `x-` keys, kept in order and handed to templates untouched.
pub type Extensions = IndexMap<String, serde_json::Value>;

/// A free value of `attributes` or `metrics`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Text(String),
    Number(Num),
    Bool(bool),
}

/// A number from the spec, printed the same way on every machine:
/// integers without a fraction (`2`, not `2.0`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Num(pub f64);

impl Num {
    fn as_int(self) -> Option<i64> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let i = self.0 as i64;
        #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
        (self.0.fract() == 0.0 && self.0.abs() < 9.0e15 && i as f64 == self.0).then_some(i)
    }
}

impl Num {
    /// `x` rounded to two decimals (never `-0`), for computed facts (means,
    /// changes) that print the same everywhere.
    #[must_use]
    pub fn round2(x: f64) -> Num {
        let r = (x * 100.0).round() / 100.0;
        Num(if r == 0.0 { 0.0 } else { r })
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_int() {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(self.0),
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_int() {
            Some(i) => write!(f, "{i}"),
            None => write!(f, "{}", self.0),
        }
    }
}
