//! Emoji sequences in the picture's text, made drawable by resvg: usvg falls
//! back to the emoji font glyph by glyph and cannot take a sequence that the
//! font joins into one glyph (`👩‍💼`, `👍🏽`, `🇯🇵`, `1️⃣`), which it draws as empty
//! boxes (and a sequence in a span of its own can crash its layout). So, for
//! the PNG only, each sequence is drawn as its first emoji: joined parts,
//! skin tones, variation selectors, keycaps and tags are left out, and a flag
//! is written as its two letters (`JP`). Single emoji are drawn as they are.

use super::faces;
use resvg::usvg::roxmltree;

/// `svg` with every emoji sequence of its drawn text simplified, or `None`
/// when it has none.
pub(super) fn simplify(svg: &str, doc: &roxmltree::Document) -> Option<String> {
    let mut cuts: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for node in doc.descendants().filter(faces::is_drawn_text) {
        let range = node.range();
        let Some(raw) = svg.get(range.clone()) else {
            continue;
        };
        if let Some(text) = simplified(raw) {
            cuts.push((range, text));
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(svg.len());
    let mut at = 0;
    for (range, text) in cuts {
        out.push_str(&svg[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&svg[at..]);
    Some(out)
}

/// A regional indicator (two make a flag) as its letter.
fn flag_letter(c: char) -> Option<char> {
    let n = u32::from(c).checked_sub(0x1F1E6)?;
    (n < 26).then(|| char::from(b'A' + u8::try_from(n).unwrap_or(0)))
}

/// What modifies the emoji before it: variation selectors, skin tones, the
/// keycap, tags.
fn is_modifier(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

/// `text` with its sequences simplified, or `None` when it has none.
fn simplified(text: &str) -> Option<String> {
    if !text
        .chars()
        .any(|c| c == '\u{200D}' || is_modifier(c) || flag_letter(c).is_some())
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut joined = false;
    for c in text.chars() {
        if c == '\u{200D}' {
            joined = true;
            continue;
        }
        if std::mem::take(&mut joined) || is_modifier(c) {
            continue;
        }
        out.push(flag_letter(c).unwrap_or(c));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::simplified;

    #[test]
    fn sequences_become_their_first_emoji_and_flags_their_letters() {
        for (text, drawn) in [
            ("美咲 👩‍💼", "美咲 👩"),
            ("👩🏾‍💻 Dana", "👩 Dana"),
            ("👍🏽 and ❤️", "👍 and ❤"),
            ("🇯🇵 Japan, 1️⃣", "JP Japan, 1"),
            ("👨‍👩‍👧 family", "👨 family"),
        ] {
            assert_eq!(simplified(text).as_deref(), Some(drawn), "{text}");
        }
        assert_eq!(simplified("★ 😄 plain"), None);
    }
}
