//! Text in SVG has no layout engine: its width is estimated here (generously,
//! so a label never spills) and long labels are wrapped or shortened. The map's
//! column widths and printed height are estimated with the same metrics.
//!
//! Breaks fall between words and, in Japanese, between phrases (文節) as a
//! reader expects them, never inside a word or a name: a run of kanji
//! (施術, 佐藤), of katakana (ホットペッパービューティー, ジャーニーマップ) or
//! of Latin letters stays whole; a break may follow a run of hiragana (the
//! particle that ends a phrase: 料金が|分かる), punctuation (、。」) or come
//! before an opening bracket, and may fall where kanji meets katakana or Latin.
//! The closing-punctuation rules (kinsoku) always hold. A phrase wider than the
//! whole line is broken anywhere, as a last resort.

use std::borrow::Cow;

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
    matches!(
        c,
        ',' | '.'
            | ')'
            | ']'
            | '}'
            | '?'
            | '!'
            | ':'
            | ';'
            | '/'
            | '、'
            | '。'
            | '，'
            | '．'
            | '）'
            | '〕'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | '｠'
            | '»'
            | 'ゝ'
            | 'ゞ'
            | 'ー'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ㇰ'
            | 'ㇱ'
            | 'ㇲ'
            | 'ㇳ'
            | 'ㇴ'
            | 'ㇵ'
            | 'ㇶ'
            | 'ㇷ'
            | 'ㇸ'
            | 'ㇹ'
            | 'ㇺ'
            | 'ㇻ'
            | 'ㇼ'
            | 'ㇽ'
            | 'ㇾ'
            | 'ㇿ'
            | '々'
            | '〻'
            | '‐'
            | '゠'
            | '–'
            | '〜'
            | '～'
            | '！'
            | '？'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '・'
            | '：'
            | '；'
            | '／'
            | '…'
            | '‥'
    ) || is_zero_width(c)
}

/// Characters that must not end a line (opening brackets).
fn no_end(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '（'
            | '〔'
            | '［'
            | '｛'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｟'
            | '«'
            | '\u{200d}'
    )
}

/// Opening brackets: a line may break before one.
fn opening(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '（'
            | '〔'
            | '［'
            | '｛'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '“'
    )
}

/// The writing system of a character, for phrase breaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Hiragana,
    Katakana,
    Kanji,
    /// Latin letters and digits, half- or full-width: words.
    Word,
    /// Spaces.
    Space,
    /// Anything else: punctuation, symbols, emoji.
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x3041..=0x309F => Script::Hiragana,
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Katakana,
        0x3005..=0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF => Script::Kanji,
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Word,
        _ if c.is_whitespace() => Script::Space,
        _ if c.is_alphanumeric() => Script::Word,
        _ => Script::Other,
    }
}

/// Hiragana that end a phrase when kanji, katakana or a word follows: the
/// particles and the te/ta forms (料金が|分かる, 聞いて|安心). Other hiragana
/// before kanji are part of a word (申し込む, お客さま) and keep it whole.
fn phrase_end(c: char) -> bool {
    matches!(
        c,
        'は' | 'が'
            | 'を'
            | 'に'
            | 'で'
            | 'と'
            | 'も'
            | 'へ'
            | 'や'
            | 'の'
            | 'か'
            | 'ね'
            | 'よ'
            | 'ば'
            | 'て'
            | 'た'
            | 'ら'
    )
}

/// How good a place between two characters is for a line break.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Break {
    /// Never (inside a word, or against the kinsoku rules).
    No,
    /// Only inside a phrase too wide for the whole line: where the script
    /// changes (口|コミ, カラー|施術, 申し|込む).
    Weak,
    /// Between phrases or words.
    Strong,
}

/// Whether a line may break between `p` and `c` (before `c`).
fn may_break(p: char, c: char) -> Break {
    use Script::{Hiragana, Kanji, Katakana, Other, Space, Word};
    if no_start(c) || no_end(p) || c == ' ' {
        return Break::No;
    }
    let (sp, sc) = (script(p), script(c));
    if sp == Space || opening(c) || matches!(p, '、' | '。' | '，' | '．' | '！' | '？') {
        return Break::Strong;
    }
    // A particle after a closing bracket belongs to it: 「無料体験」に.
    if matches!(
        p,
        '」' | '』' | '）' | '】' | '〕' | '］' | '｝' | '〉' | '》' | '”'
    ) {
        return if sc == Hiragana {
            Break::Weak
        } else {
            Break::Strong
        };
    }
    let strong = |yes: bool| if yes { Break::Strong } else { Break::Weak };
    match (sp, sc) {
        // Latin words break at spaces, and after a slash or a hyphen.
        (Word, Word) => Break::No,
        _ if (p == '/' && c != '/') || (p == '-' && c.is_alphanumeric()) => Break::Strong,
        // A run of one script stays whole.
        (a, b) if a == b && a != Other => Break::No,
        // A phrase ends after its particle; other kana before kanji, and kanji
        // next to katakana or Latin, are one word (申し込む, 口コミ, Googleマップ).
        (Hiragana, Kanji | Katakana | Word) => strong(phrase_end(p)),
        (Kanji | Katakana | Word, _) if sc != Other => Break::Weak,
        // Symbols and emoji among wide text.
        (Other, _) | (_, Other) => strong(is_wide(p) || is_wide(c)),
        _ => Break::Weak,
    }
}

/// The pieces of `s` between which a line may break at least `at`, as
/// slices of `s`.
fn split(s: &str, at: Break) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut chars = rest.char_indices();
        let (_, mut prev) = chars.next()?;
        let mut end = rest.len();
        for (i, c) in chars {
            if may_break(prev, c) >= at {
                end = i;
                break;
            }
            prev = c;
        }
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// The pieces between which a line may break: words and Japanese phrases.
fn pieces(s: &str) -> impl Iterator<Item = &str> {
    split(s, Break::Strong)
}

/// The width of the widest piece of `s` that no line may break (a word, a
/// Japanese phrase): the least width a box needs to show `s` unbroken.
#[must_use]
pub fn longest_piece(s: &str, font: f64) -> f64 {
    pieces(s).map(|p| width(p.trim(), font)).fold(0.0, f64::max)
}

/// The largest font, from `font` down to `smallest` in half-px steps, at which
/// every word of `s` (a run of one script: ウェルカムメール, Snowflake) fits a
/// line `max` px wide, so that [`wrap`] need not break inside one; `smallest`
/// when none does.
#[must_use]
pub fn fitting_font(s: &str, max: f64, font: f64, smallest: f64) -> f64 {
    let widest = split(s, Break::Weak)
        .map(|p| width(p.trim(), 1.0))
        .fold(0.0, f64::max);
    if widest * font <= max {
        return font;
    }
    ((max / widest * 2.0).floor() / 2.0).clamp(smallest, font)
}

/// How many lines `s` takes in a box `max` px wide at `font`, with no limit:
/// the lines [`wrap`] would make, counted without building them (the map's
/// printed height counts the lines of every cell).
#[must_use]
pub fn line_count(s: &str, max: f64, font: f64) -> usize {
    if s.trim().is_empty() {
        return 0;
    }
    if width(s.trim(), font) <= max && !s.contains(['\n', '\t', '\r']) && !s.contains("  ") {
        return 1; // the whole text fits one line
    }
    let collapsed;
    let s = if s.split_whitespace().map(str::len).sum::<usize>() + s.split_whitespace().count()
        == s.len() + 1
        && !s.starts_with(' ')
    {
        s
    } else {
        collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
        collapsed.as_str()
    };
    // Widths are summed in em in the order `wrap` sums them, so every
    // comparison comes out the same.
    let em = |from: f64, t: &str| t.chars().fold(from, |a, c| a + char_em(c));
    let fits = |from: f64, t: &str| em(from, t) * font <= max;
    let mut lines = 0;
    // The current line: its width in em (with its trailing spaces), whether it
    // holds any character, and whether any but spaces (a line of spaces is
    // dropped, as `wrap` drops it).
    let mut cur = 0.0;
    let (mut any, mut content) = (false, false);
    let mut push = |content: &mut bool, any: &mut bool, cur: &mut f64| {
        if *content {
            lines += 1;
        }
        (*cur, *any, *content) = (0.0, false, false);
    };
    for piece in pieces(s) {
        if fits(cur, piece.trim_end()) {
            cur = em(cur, piece);
            any = true;
            content |= !piece.trim().is_empty();
            continue;
        }
        push(&mut content, &mut any, &mut cur);
        for part in split(piece, Break::Weak) {
            if fits(cur, part.trim_end()) {
                cur = em(cur, part);
                any = true;
                content |= !part.trim().is_empty();
                continue;
            }
            if any {
                push(&mut content, &mut any, &mut cur);
            }
            for c in part.chars() {
                if any && (cur + char_em(c)) * font > max && !no_start(c) {
                    push(&mut content, &mut any, &mut cur);
                }
                cur += char_em(c);
                any = true;
                content |= !c.is_whitespace();
            }
        }
    }
    push(&mut content, &mut any, &mut cur);
    lines.max(1)
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
        // A piece wider than a line breaks where its script changes, and a part
        // still too wide anywhere.
        for part in split(piece, Break::Weak) {
            let joined = format!("{cur}{part}");
            if width(joined.trim_end(), font) <= max {
                cur = joined;
                continue;
            }
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            for c in part.chars() {
                if !cur.is_empty() && width(&format!("{cur}{c}"), font) > max && !no_start(c) {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push(c);
            }
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
    xml_safe_cow(s).into_owned()
}

/// [`xml_safe`] of a text already owned: kept as it is when nothing needs replacing.
#[must_use]
pub fn into_xml_safe(s: String) -> String {
    match xml_safe_cow(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(fixed) => fixed,
    }
}

/// [`xml_safe`], borrowing the text when nothing needs replacing (most text).
#[must_use]
pub fn xml_safe_cow(s: &str) -> Cow<'_, str> {
    // Most text has nothing to replace: no control byte, and no 0xEF (the
    // first byte of U+F000…U+FFFF, where the two non-characters are).
    if !s.bytes().any(|b| b < 0x20 || b == 0xEF) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(replace_non_xml(s))
}

fn replace_non_xml(s: &str) -> String {
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
    fn japanese_breaks_between_phrases_never_inside_a_word() {
        let cases: &[(&str, &[&str])] = &[
            ("ジャーニーマップ", &["ジャーニーマップ"]),
            (
                "ホットペッパービューティー",
                &["ホットペッパービューティー"],
            ),
            ("カット・カラー施術", &["カット・カラー施術"]),
            ("佐藤 由紀", &["佐藤 ", "由紀"]),
            ("料金が分かりにくい", &["料金が", "分かりにくい"]),
            ("Instagramで検索する", &["Instagramで", "検索する"]),
            ("「無料体験」に申し込む", &["「無料体験」に", "申し込む"]),
            (
                "ちゃんと聞いてくれて安心した",
                &["ちゃんと", "聞いてくれて", "安心した"],
            ),
            ("お客さまが来店する", &["お客さまが", "来店する"]),
            ("Googleマップで探す", &["Googleマップで", "探す"]),
            (
                "口コミサイトで評判を調べる",
                &["口コミサイトで", "評判を", "調べる"],
            ),
            ("施術・利用", &["施術・利用"]),
        ];
        for (text, expected) in cases {
            assert_eq!(pieces(text).collect::<Vec<_>>(), *expected, "{text}");
        }
        // A phrase wider than the line breaks where its script changes...
        let (lines, _) = wrap("カット・カラー施術を受ける", 100.0, 12.0, 9);
        assert_eq!(lines, ["カット・カラー", "施術を受ける"]);
        // ...and one of one script anywhere, as a last resort (a prolonged
        // sound mark ー stays with the kana before it).
        let (lines, _) = wrap("ホットペッパービューティー", 40.0, 12.0, 9);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| width(l, 12.0) <= 40.0 + width("ー", 12.0))
        );
        assert!(lines.iter().all(|l| !l.starts_with('ー')), "{lines:?}");
    }

    #[test]
    fn longest_pieces_and_line_counts() {
        assert!(longest_piece("カット・カラー施術を受ける", 10.0) > width("カット", 10.0));
        assert_eq!(line_count("", 100.0, 12.0), 0);
        assert_eq!(line_count("short", 100.0, 12.0), 1);
        assert!(line_count(&"word ".repeat(40), 100.0, 12.0) > 5);
    }

    /// `line_count` counts exactly the lines `wrap` makes, on every text of
    /// the examples at many widths.
    #[test]
    fn line_count_agrees_with_wrap() {
        let mut texts: Vec<String> = vec![
            "a  b\tc\nd".into(),
            " leading and trailing ".into(),
            "「オンライン英会話 社会人」で検索する".into(),
            "Supercalifragilisticexpialidocious and more".into(),
            "ウェルカムメールを受け取る、そして（確認）する。".into(),
        ];
        for f in [
            "hair-salon.ja",
            "online-english-school.ja",
            "saas-onboarding",
        ] {
            let path = format!("{}/examples/{f}.yaml", env!("CARGO_MANIFEST_DIR"));
            let yaml = std::fs::read_to_string(path).unwrap();
            texts.extend(
                yaml.lines()
                    .filter_map(|l| l.split_once(": ").map(|(_, v)| v.to_owned())),
            );
        }
        for t in &texts {
            for max in [20.0, 47.5, 80.0, 100.0, 123.0, 160.0, 219.0, 400.0] {
                let wrapped = if t.trim().is_empty() {
                    0
                } else {
                    wrap(t, max, 12.8, usize::MAX).0.len().max(1)
                };
                assert_eq!(line_count(t, max, 12.8), wrapped, "{t:?} at {max}");
            }
        }
    }

    #[test]
    fn a_word_wider_than_the_line_takes_a_smaller_font() {
        // Eight katakana at 11 px are 88 px: wider than an 80 px line.
        let f = fitting_font("ウェルカムメールを受け取る", 80.0, 11.0, 9.0);
        assert!((9.0..11.0).contains(&f), "{f}");
        let (lines, _) = wrap("ウェルカムメールを受け取る", 80.0, f, 3);
        assert_eq!(lines, ["ウェルカムメール", "を受け取る"]);
        // Text whose words fit keeps its font; none smaller than the floor.
        assert_eq!(fitting_font("受付で問診票を書く", 80.0, 11.0, 9.0), 11.0);
        assert_eq!(fitting_font("Supercalifragilistic", 80.0, 11.0, 9.0), 9.0);
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
