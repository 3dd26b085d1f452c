//! Numbers as every output prints them: coordinates, scores, changes, and
//! where a value sits on the emotion scale (valence, the 1–5 bucket, its face,
//! the axis ticks). One definition each, so the outputs cannot disagree.

use crate::model::{Num, Scale};
use serde::Serialize;
use std::fmt::Write as _;

/// A number for an SVG attribute: one decimal at most, never `-0`.
#[must_use]
pub fn num(x: f64) -> String {
    let mut s = String::with_capacity(8);
    push_num(&mut s, x);
    s
}

/// [`num`], appended to `out`. Charts print tens of thousands of these, so
/// the common case (tenths that fit an integer) skips `format!`'s float code.
pub fn push_num(out: &mut String, x: f64) {
    let tenths = (x * 10.0).round();
    if tenths.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let t = tenths as i64;
        if t < 0 {
            out.push('-');
        }
        let a = t.unsigned_abs();
        let _ = write!(out, "{}", a / 10);
        if !a.is_multiple_of(10) {
            out.push('.');
            #[allow(clippy::cast_possible_truncation)]
            out.push(char::from(b'0' + (a % 10) as u8));
        }
        return;
    }
    let r = tenths / 10.0;
    let _ = if r.fract() == 0.0 {
        write!(out, "{r:.0}")
    } else {
        write!(out, "{r:.1}")
    };
}

/// A coordinate, kept as a number and printed by [`num`] (templates see that
/// string). A large map has tens of thousands of them: not allocating a string
/// for each saves about a third of the curve's layout time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coord(pub f64);

impl Coord {
    /// Append the printed number to `out`.
    pub fn write(self, out: &mut String) {
        push_num(out, self.0);
    }
}

impl std::fmt::Display for Coord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&num(self.0))
    }
}

impl Serialize for Coord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A score as shown to people: `+1` and `−2` (a true minus) on a scale that
/// spans zero, the plain number otherwise.
#[must_use]
pub fn score(v: Num, min: Num) -> String {
    let s = v.to_string();
    if let Some(rest) = s.strip_prefix('-') {
        format!("\u{2212}{rest}")
    } else if min.0 < 0.0 && v.0 > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// [`score`], or `–` when there is no value.
#[must_use]
pub fn score_or_dash(v: Option<Num>, min: Num) -> String {
    v.map_or_else(|| "–".to_owned(), |v| score(v, min))
}

/// A difference with its sign: `+1.2`, `−2`, `±0`.
#[must_use]
pub fn signed(d: Num) -> String {
    if d.0 > 0.0 {
        format!("+{d}")
    } else if d.0 < 0.0 {
        format!("\u{2212}{}", Num(-d.0))
    } else {
        "±0".to_owned()
    }
}

/// A change with its direction: `↑ +3`, `↓ −1.5`, `±0`; empty when unknown.
#[must_use]
pub fn change(d: Option<Num>) -> String {
    match d {
        None => String::new(),
        Some(d) if d.0 > 0.0 => format!("↑ +{d}"),
        Some(d) if d.0 < 0.0 => format!("↓ \u{2212}{}", Num(-d.0)),
        Some(_) => "±0".to_owned(),
    }
}

/// Where a value sits against the midpoint: `pos`, `neg` or `mid`.
#[must_use]
pub fn valence(v: f64, mid: f64) -> &'static str {
    if v > mid {
        "pos"
    } else if v < mid {
        "neg"
    } else {
        "mid"
    }
}

/// A value on the scale mapped linearly onto 1..5 and rounded, halves up:
/// `min` → 1, the midpoint → 3, `max` → 5. Mermaid's score, and the mood
/// faces of every output.
#[must_use]
pub fn bucket(v: f64, scale: Scale) -> u8 {
    let (min, max) = (scale.min.0, scale.max.0);
    let s = (1.0 + (v - min) / (max - min) * 4.0).round();
    if s.is_nan() {
        return 3;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let s = s.clamp(1.0, 5.0) as u8;
    s
}

/// The faces of the five buckets, from very negative to very positive: on the
/// curve's axis, and (with `😞` for the lowest) in the Markdown tables.
const AXIS_FACES: [&str; 5] = ["😣", "🙁", "😐", "🙂", "😄"];
const TABLE_FACES: [&str; 5] = ["😞", "🙁", "😐", "🙂", "😄"];

/// The face of a value on the curve's axis.
#[must_use]
pub fn axis_face(v: f64, scale: Scale) -> &'static str {
    AXIS_FACES[usize::from(bucket(v, scale) - 1)]
}

/// The face of a value in a table (Markdown).
#[must_use]
pub fn table_face(v: f64, scale: Scale) -> &'static str {
    bucket_face(bucket(v, scale))
}

/// The table face of a bucket (1..5, see [`bucket`]).
#[must_use]
pub fn bucket_face(bucket: u8) -> &'static str {
    TABLE_FACES[usize::from(bucket.clamp(1, 5) - 1)]
}

/// How many values an axis marks on a scale that is not a short run of whole numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ticks {
    /// The ends and the midpoint (the curve's axis, which has faces at them).
    Ends,
    /// Five even steps (the diff chart's grid).
    Steps,
}

/// The values marked on a scale's axis, lowest first: every whole number on
/// a short whole-number scale, else as `long` says; the midpoint always.
#[must_use]
pub fn ticks(scale: Scale, long: Ticks) -> Vec<f64> {
    let (min, mid, max) = (scale.min.0, scale.midpoint.0, scale.max.0);
    let whole = min.fract() == 0.0 && max.fract() == 0.0 && max - min <= 10.0;
    let mut v: Vec<f64> = if whole {
        #[allow(clippy::cast_possible_truncation)]
        let (lo, hi) = (min as i64, max as i64);
        #[allow(clippy::cast_precision_loss)]
        (lo..=hi).map(|i| i as f64).collect()
    } else if long == Ticks::Ends {
        vec![min, max]
    } else {
        (0..=4)
            .map(|i| min + (max - min) * f64::from(i) / 4.0)
            .map(|v| (v * 100.0).round() / 100.0)
            .collect()
    };
    if !v.iter().any(|x| (x - mid).abs() < 1e-9) {
        v.push(mid);
        v.sort_by(f64::total_cmp);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(min: f64, max: f64) -> Scale {
        Scale {
            min: Num(min),
            max: Num(max),
            midpoint: Num(f64::midpoint(min, max)),
        }
    }

    #[test]
    fn numbers_are_short_and_stable() {
        for (x, s) in [
            (0.0, "0"),
            (-0.01, "0"),
            (1.25, "1.3"),
            (12.0, "12"),
            (-3.45, "-3.5"),
        ] {
            assert_eq!(num(x), s);
        }
        // The fast path prints what `format!` printed before it existed.
        let old = |x: f64| {
            let r = (x * 10.0).round() / 10.0;
            if r == 0.0 {
                "0".to_owned()
            } else if r.fract() == 0.0 {
                format!("{r:.0}")
            } else {
                format!("{r:.1}")
            }
        };
        let mut x = -20_000.0;
        while x < 20_000.0 {
            assert_eq!(num(x), old(x), "{x}");
            x += 0.0137;
        }
        for x in [1e14, -1e14, 1e15, 3.7e17, -1e300, 0.05, -0.05, 0.049_999] {
            assert_eq!(num(x), old(x), "{x}");
        }
    }

    #[test]
    fn scores_use_a_true_minus_and_a_plus_on_scales_through_zero() {
        let table: &[(Option<f64>, f64, &str)] = &[
            (Some(2.0), -2.0, "+2"),
            (Some(-1.0), -2.0, "\u{2212}1"),
            (Some(0.0), -2.0, "0"),
            (Some(0.33), -2.0, "+0.33"),
            (Some(4.0), 1.0, "4"),
            (None, -2.0, "–"),
        ];
        for (v, min, expected) in table {
            assert_eq!(score_or_dash(v.map(Num), Num(*min)), *expected);
        }
        assert_eq!(change(Some(Num(3.0))), "↑ +3");
        assert_eq!(change(Some(Num(-1.5))), "↓ \u{2212}1.5");
        assert_eq!(change(Some(Num(0.0))), "±0");
        assert_eq!(change(None), "");
    }

    #[test]
    fn buckets_map_the_scale_onto_one_to_five() {
        let table: &[(f64, f64, f64, u8)] = &[
            (-2.0, 2.0, -2.0, 1),
            (-2.0, 2.0, -1.0, 2),
            (-2.0, 2.0, 0.0, 3),
            (-2.0, 2.0, 1.0, 4),
            (-2.0, 2.0, 2.0, 5),
            (-2.0, 2.0, 0.5, 4),
            (-2.0, 2.0, -0.5, 3),
            (0.0, 10.0, 0.0, 1),
            (0.0, 10.0, 1.0, 1),
            (0.0, 10.0, 5.0, 3),
            (0.0, 10.0, 6.0, 3),
            (0.0, 10.0, 7.0, 4),
            (0.0, 10.0, 10.0, 5),
            (1.0, 7.0, 4.0, 3),
            (-3.0, 3.0, -3.0, 1),
            (-3.0, 3.0, 2.0, 4),
        ];
        for &(min, max, v, expected) in table {
            assert_eq!(bucket(v, scale(min, max)), expected, "{v} on {min}..{max}");
        }
    }

    #[test]
    fn faces_follow_the_scale() {
        assert_eq!(axis_face(2.0, scale(-2.0, 2.0)), "😄");
        assert_eq!(axis_face(0.0, scale(-2.0, 2.0)), "😐");
        assert_eq!(axis_face(1.0, scale(1.0, 5.0)), "😣");
        assert_eq!(table_face(-2.0, scale(-2.0, 2.0)), "😞");
    }

    #[test]
    fn ticks_are_whole_numbers_on_short_scales() {
        for long in [Ticks::Ends, Ticks::Steps] {
            assert_eq!(ticks(scale(-2.0, 2.0), long), [-2.0, -1.0, 0.0, 1.0, 2.0]);
            assert_eq!(
                ticks(scale(1.0, 4.0), long).len(),
                5,
                "the midpoint is added"
            );
        }
        assert_eq!(ticks(scale(0.0, 100.0), Ticks::Ends), [0.0, 50.0, 100.0]);
        assert_eq!(ticks(scale(-10.0, 10.0), Ticks::Ends), [-10.0, 0.0, 10.0]);
        assert_eq!(
            ticks(scale(0.0, 100.0), Ticks::Steps),
            [0.0, 25.0, 50.0, 75.0, 100.0]
        );
    }
}
