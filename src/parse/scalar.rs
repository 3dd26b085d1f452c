//! What a YAML scalar is: null, a boolean, a number or text, by the YAML 1.2
//! core schema (booleans `true`/`false` only: `yes`, `on` and `no` stay text)
//! and its explicit tags (`!!str`, `!!int`, `!`, `!!binary`…).
//!
//! The rules are the ones serde-saphyr applied when it was the parser (issue 18
//! swapped it for a tree built from the parser's events), so a spec reads the same:
//! `1_000` and `0x1F` are integers, `012` a float, `.inf` and `1e999` are refused.

use super::{Kind, Text};
use granit_parser::{ScalarStyle, Tag};
use std::borrow::Cow;

/// The prefix of the YAML core schema's tags (`!!int` is `tag:yaml.org,2002:int`).
const YAML_TAGS: &str = "tag:yaml.org,2002:";

/// The tag of a node, as far as reading it goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum TagKind {
    /// No tag, or one journeymap does not know (`!foo`): the value resolves as if untagged.
    None,
    /// `!!str` or the non-specific `!`: text, whatever it looks like.
    Str,
    Null,
    Bool,
    Int,
    Float,
    Binary,
    Seq,
    Map,
    /// `!!merge`: the merge key's tag; the scalar itself is text.
    Merge,
}

impl TagKind {
    pub(super) fn of(tag: Option<&Tag>) -> TagKind {
        let Some(tag) = tag else {
            return TagKind::None;
        };
        if let Some(core) = tag.core_suffix() {
            return match core {
                "str" => TagKind::Str,
                "null" => TagKind::Null,
                "bool" => TagKind::Bool,
                "int" => TagKind::Int,
                "float" => TagKind::Float,
                "seq" => TagKind::Seq,
                "map" => TagKind::Map,
                _ => TagKind::None,
            };
        }
        if let Some(name) = tag.suffix_in_namespace(YAML_TAGS) {
            return match &*name {
                "binary" => TagKind::Binary,
                "merge" => TagKind::Merge,
                _ => TagKind::None,
            };
        }
        // Local tags spelt like the core ones (`!str`, `!int`, `!binary`) mean
        // them, as they did with serde-saphyr; `!` alone is the non-specific tag.
        match tag.suffix_in_namespace("!").as_deref() {
            Some("" | "!") => TagKind::Str,
            Some(name) => match name.strip_prefix('!').unwrap_or(name) {
                "str" => TagKind::Str,
                "null" => TagKind::Null,
                "bool" => TagKind::Bool,
                "int" => TagKind::Int,
                "float" => TagKind::Float,
                "binary" => TagKind::Binary,
                "seq" => TagKind::Seq,
                "map" => TagKind::Map,
                _ => TagKind::None,
            },
            None => TagKind::None,
        }
    }

    /// The tag as written in YAML's shorthand, for messages.
    fn name(self) -> &'static str {
        match self {
            TagKind::None | TagKind::Str => "!!str",
            TagKind::Null => "!!null",
            TagKind::Bool => "!!bool",
            TagKind::Int => "!!int",
            TagKind::Float => "!!float",
            TagKind::Binary => "!!binary",
            TagKind::Seq => "!!seq",
            TagKind::Map => "!!map",
            TagKind::Merge => "!!merge",
        }
    }
}

/// Why a scalar cannot be read (the parser's sentence of the error).
pub(super) type Refusal = String;

/// The value of a scalar: `text` as the parser gave it (escapes done), in its `style`.
pub(super) fn resolve<'a>(
    text: Cow<'a, str>,
    style: ScalarStyle,
    tag: TagKind,
) -> Result<Kind<'a>, Refusal> {
    let plain = style == ScalarStyle::Plain;
    match tag {
        TagKind::Str => return Ok(Kind::Str(Text(text))),
        TagKind::Null => return Ok(Kind::Null),
        TagKind::Bool => {
            return bool_of(&text)
                .map(Kind::Bool)
                .ok_or_else(|| "invalid boolean (strict mode expects true/false)".to_owned());
        }
        TagKind::Int => return int_of(&text).ok_or_else(|| invalid(tag)),
        TagKind::Float => {
            return match float_of(&text) {
                Some(f) if f.is_finite() => Ok(Kind::Float(f)),
                Some(_) => Err(non_finite(&text)),
                None => Err(invalid(tag)),
            };
        }
        TagKind::Binary => {
            let bytes = base64(&text).ok_or("invalid base64 in !!binary scalar")?;
            return String::from_utf8(bytes)
                .map(|s| Kind::Str(Text(Cow::Owned(s))))
                .map_err(|_| "!!binary scalar is not valid UTF-8".to_owned());
        }
        TagKind::Seq | TagKind::Map => return Err(format!("unsupported tag `{}`", tag.name())),
        TagKind::None | TagKind::Merge => {}
    }
    // Null, booleans and numbers start with one of these (a plain scalar has no
    // leading space): any other text, most of a spec, is known at its first byte.
    let maybe_typed = text.as_bytes().first().is_none_or(|b| {
        b.is_ascii_digit()
            || matches!(
                b,
                b'+' | b'-' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F'
            )
    });
    if !plain || !maybe_typed {
        return Ok(Kind::Str(Text(text)));
    }
    if matches!(&*text, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(Kind::Null);
    }
    if let Some(b) = bool_of(&text) {
        return Ok(Kind::Bool(b));
    }
    if let Some(kind) = int_of(&text) {
        return Ok(kind);
    }
    match float_of(&text) {
        Some(f) if f.is_finite() => Ok(Kind::Float(f)),
        Some(_) => Err(non_finite(&text)),
        None => Ok(Kind::Str(Text(text))),
    }
}

fn invalid(tag: TagKind) -> Refusal {
    format!("invalid value for {}", tag.name())
}

fn non_finite(text: &str) -> Refusal {
    format!("value `{}` is not a finite number", trim(text))
}

/// ASCII padding a quoted or block scalar may carry around a number.
fn trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

fn bool_of(s: &str) -> Option<bool> {
    match trim(s) {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// An integer of the core schema: decimal (no leading zero), `0x`, `0o`, `0b`,
/// an optional sign, `_` between digits. Beyond `i64` it is a float, like JSON.
fn int_of<'a>(s: &str) -> Option<Kind<'a>> {
    let t = trim(s);
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) = if let Some(r) = rest.strip_prefix("0x").or(rest.strip_prefix("0X")) {
        (16, r)
    } else if let Some(r) = rest.strip_prefix("0o").or(rest.strip_prefix("0O")) {
        (8, r)
    } else if let Some(r) = rest.strip_prefix("0b").or(rest.strip_prefix("0B")) {
        (2, r)
    } else {
        if rest.len() > 1 && rest.starts_with('0') {
            return None;
        }
        (10, rest)
    };
    let magnitude = digits_of(digits, radix)?;
    if negative {
        let v = 0i128.checked_sub_unsigned(magnitude)?;
        i64::try_from(v).ok().map(Kind::Int)
    } else {
        Some(i64::try_from(magnitude).map_or(
            #[allow(clippy::cast_precision_loss)]
            Kind::Float(magnitude as f64),
            Kind::Int,
        ))
    }
}

/// Digits of `radix`, `_` allowed only between two digits; `None` on overflow of `u64`
/// (a negative number may reach `2^63`).
fn digits_of(digits: &str, radix: u32) -> Option<u128> {
    let bytes = digits.as_bytes();
    let mut value: u128 = 0;
    let mut any = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            if i == 0 || bytes[i - 1] == b'_' || i + 1 == bytes.len() || bytes[i + 1] == b'_' {
                return None;
            }
            continue;
        }
        let d = char::from(b).to_digit(radix)?;
        value = value * u128::from(radix) + u128::from(d);
        if value > u128::from(u64::MAX) {
            return None;
        }
        any = true;
    }
    any.then_some(value)
}

/// A float of the core schema: Rust's reading of a numeral (`1.5`, `1e3`, `012`),
/// or `.inf`/`.nan` with an optional sign. Rust's own `inf`/`nan` stay text.
fn float_of(s: &str) -> Option<f64> {
    let t = trim(s);
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        _ => {}
    }
    // Rust also reads `inf`, `infinity` and `nan`: only numerals are numbers here.
    if !unsigned
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
    {
        return None;
    }
    t.parse::<f64>().ok()
}

/// The bytes of a `!!binary` scalar (standard base64, whitespace allowed).
fn base64(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let value = |b: u8| -> Option<u32> {
        Some(u32::from(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    let chunks = clean.len() / 4;
    for (i, c) in clean.chunks_exact(4).enumerate() {
        let pad = c.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && i + 1 != chunks) {
            return None;
        }
        let mut n = 0u32;
        for &b in &c[..4 - pad] {
            n = n << 6 | value(b)?;
        }
        // Canonical padding: the bits the `=` cut off are zero (`aGVsbG9=` is refused).
        if n & ((1 << (2 * pad)) - 1) != 0 {
            return None;
        }
        n <<= 6 * pad;
        let [_, a, b, d] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, d][..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Result<Kind<'_>, Refusal> {
        resolve(Cow::Borrowed(s), ScalarStyle::Plain, TagKind::None)
    }

    #[test]
    fn core_schema_scalars() {
        assert!(matches!(plain(""), Ok(Kind::Null)));
        assert!(matches!(plain("~"), Ok(Kind::Null)));
        assert!(matches!(plain("True"), Ok(Kind::Bool(true))));
        assert!(matches!(plain("yes"), Ok(Kind::Str(_))));
        assert!(matches!(plain("1_000"), Ok(Kind::Int(1000))));
        assert!(matches!(plain("0x1F"), Ok(Kind::Int(31))));
        assert!(matches!(plain("-0o17"), Ok(Kind::Int(-15))));
        assert!(matches!(plain("+12"), Ok(Kind::Int(12))));
        assert!(matches!(
            plain("-9223372036854775808"),
            Ok(Kind::Int(i64::MIN))
        ));
        assert!(matches!(plain("012"), Ok(Kind::Float(f)) if f == 12.0));
        assert!(matches!(plain("18446744073709551616"), Ok(Kind::Float(_))));
        assert!(matches!(plain("2026.10"), Ok(Kind::Float(_))));
        assert!(matches!(plain("1__0"), Ok(Kind::Str(_))));
        assert!(matches!(plain("inf"), Ok(Kind::Str(_))));
        assert!(matches!(plain("nan"), Ok(Kind::Str(_))));
        assert!(plain(".inf").is_err());
        assert!(plain("1e999").is_err());
    }

    #[test]
    fn tags_and_styles() {
        let quoted = resolve(
            Cow::Borrowed("12"),
            ScalarStyle::DoubleQuoted,
            TagKind::None,
        );
        assert!(matches!(quoted, Ok(Kind::Str(_))));
        let s = resolve(Cow::Borrowed("null"), ScalarStyle::Plain, TagKind::Str);
        assert!(matches!(s, Ok(Kind::Str(_))));
        let f = resolve(Cow::Borrowed("1"), ScalarStyle::Plain, TagKind::Float);
        assert!(matches!(f, Ok(Kind::Float(v)) if v == 1.0));
        assert!(resolve(Cow::Borrowed("abc"), ScalarStyle::Plain, TagKind::Int).is_err());
        assert!(resolve(Cow::Borrowed("yes"), ScalarStyle::Plain, TagKind::Bool).is_err());
        let b = resolve(
            Cow::Borrowed("aGVsbG8="),
            ScalarStyle::Plain,
            TagKind::Binary,
        );
        assert!(matches!(b, Ok(Kind::Str(t)) if t.as_str() == "hello"));
        // 0xFF 0xFE: bytes, not text.
        let bytes = resolve(Cow::Borrowed("//4="), ScalarStyle::Plain, TagKind::Binary);
        assert_eq!(bytes.unwrap_err(), "!!binary scalar is not valid UTF-8");
        let bad = resolve(Cow::Borrowed("a=b="), ScalarStyle::Plain, TagKind::Binary);
        assert!(bad.is_err());
        let loose = resolve(
            Cow::Borrowed("aGVsbG9="),
            ScalarStyle::Plain,
            TagKind::Binary,
        );
        assert!(loose.is_err(), "non-zero bits before the padding");
    }
}
