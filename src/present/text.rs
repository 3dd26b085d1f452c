//! Text in SVG has no layout engine: its width is estimated here (generously,
//! so a label never spills) and long labels are wrapped or shortened.
//!
//! Breaks follow the usual rules: between words, between any two CJK
//! characters except before closing punctuation (kinsoku), and anywhere inside
//! a word that alone is wider than the line.

/// The estimated width of `s` at font size `font` (px).
#[must_use]
pub fn width(s: &str, font: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * font
}

/// Width of one character in em: a little above the widest common sans-serif
/// fonts at bold (measured with DejaVu Sans, Liberation Sans and Noto Sans CJK).
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.36,
        'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' | 'I' => 0.4,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '-' => 0.52,
        '"' | '?' => 0.62,
        'm' | '@' | '%' => 1.06,
        'w' => 0.94,
        'M' => 1.01,
        'W' => 1.11,
        'A'..='Z' | '&' | '#' => 0.87,
        '<' | '>' | '=' | '+' | '~' | '^' => 0.85,
        '0'..='9' | '$' | '*' | '_' | '`' => 0.71,
        'a'..='z' => 0.7,
        '…' | '—' => 1.01,
        c if is_zero_width(c) => 0.0,
        c if is_wide(c) => 1.06,
        _ => 1.0,
    }
}

/// East Asian wide and fullwidth characters, and emoji: one em each.
#[must_use]
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x231A..=0x231B
        | 0x23E9..=0x23F3
        | 0x2600..=0x27BF
        | 0x2B50..=0x2B55
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F000..=0x1F3FA
        | 0x1F400..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// Combining marks, joiners, variation selectors and skin-tone modifiers.
fn is_zero_width(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x200B..=0x200F
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0x1F3FB..=0x1F3FF
        | 0xE0000..=0xE007F)
}

/// Characters that must not start a line (closing brackets, small kana, punctuation).
fn no_start(c: char) -> bool {
    "、。，．,.)]}）〕］｝〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～?!！？‼⁇⁈⁉・:;：；/／…‥"
        .contains(c)
        || is_zero_width(c)
}

/// Characters that must not end a line (opening brackets).
fn no_end(c: char) -> bool {
    "([{（〔［｛〈《「『【〘〖〝‘“｟«".contains(c) || c == '\u{200d}'
}

/// Split into pieces that a line may break between.
fn pieces(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let breakable = match prev {
            None => false,
            Some(p) => {
                let between = c != ' ' && (p == ' ' || is_wide(p) || is_wide(c))
                    || p == '/' && c != '/'
                    || p == '-' && c.is_alphanumeric();
                between && !no_start(c) && !no_end(p)
            }
        };
        if breakable && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `s` broken into lines of at most `max` px at `font`, at most `lines` lines;
/// the last line ends in `…` when text was cut. Returns the lines and whether text was cut.
#[must_use]
pub fn wrap(s: &str, max: f64, font: f64, lines: usize) -> (Vec<String>, bool) {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for piece in pieces(&s) {
        let joined = format!("{cur}{piece}");
        if width(joined.trim_end(), font) <= max {
            cur = joined;
            continue;
        }
        if !cur.is_empty() {
            out.push(cur.trim_end().to_owned());
        }
        cur = String::new();
        // A piece wider than a line is broken anywhere.
        for c in piece.chars() {
            if !cur.is_empty() && width(&format!("{cur}{c}"), font) > max && !no_start(c) {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
    }
    let cur = cur.trim().to_owned();
    if !cur.is_empty() {
        out.push(cur);
    }
    out.retain(|l| !l.trim().is_empty());
    if out.len() <= lines {
        return (out, false);
    }
    out.truncate(lines.max(1));
    let last = out.last_mut().map(std::mem::take).unwrap_or_default();
    let mut chars: Vec<char> = last.chars().collect();
    while !chars.is_empty() {
        let t: String = chars.iter().collect();
        if width(&format!("{}…", t.trim_end()), font) <= max {
            break;
        }
        chars.pop();
    }
    let t: String = chars.iter().collect();
    if let Some(l) = out.last_mut() {
        *l = format!("{}…", t.trim_end());
    }
    (out, true)
}

/// `s` on one line of at most `max` px, shortened with `…` when needed.
#[must_use]
pub fn shorten(s: &str, max: f64, font: f64) -> (String, bool) {
    let (mut lines, cut) = wrap(s, max, font, 1);
    (lines.pop().unwrap_or_default(), cut)
}

/// Text that XML 1.0 accepts: control characters and non-characters become U+FFFD.
#[must_use]
pub fn xml_safe(s: &str) -> String {
    // Most text has nothing to replace: no control byte, and no 0xEF (the
    // first byte of U+F000…U+FFFF, where the two non-characters are).
    if !s.bytes().any(|b| b < 0x20 || b == 0xEF) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(
            wrap("期待", 100.0, 12.0, 2),
            (vec!["期待".to_owned()], false)
        );
    }

    #[test]
    fn words_wrap_at_spaces() {
        let (lines, cut) = wrap("Curious about the product", 70.0, 12.0, 3);
        assert!(!cut);
        assert_eq!(lines, ["Curious", "about the", "product"]);
    }

    #[test]
    fn japanese_wraps_between_characters_but_not_before_closing_marks() {
        let (lines, _) = wrap("「どこも同じ」。違いが分からない", 60.0, 12.0, 5);
        for l in &lines {
            assert!(width(l, 12.0) <= 60.0, "{l}");
            let first = l.chars().next().unwrap();
            assert!(!"」。、".contains(first), "{lines:?}");
        }
        assert_eq!(lines.concat(), "「どこも同じ」。違いが分からない");
    }

    #[test]
    fn long_words_break_and_overflowing_text_is_cut() {
        let long = "x".repeat(200);
        let (lines, cut) = wrap(&long, 50.0, 10.0, 2);
        assert!(cut);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| width(l, 10.0) <= 50.0));
    }

    #[test]
    fn xml_safe_replaces_control_characters() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFF}\tc"), "a\u{FFFD}b\u{FFFD} c");
        assert_eq!(xml_safe("\u{FFFE}"), "\u{FFFD}");
        for kept in ["plain", "体験レッスン（無料）！", "ｶﾅ and ＡＢＣ", ""] {
            assert_eq!(xml_safe(kept), kept);
        }
    }
}
