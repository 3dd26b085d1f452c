//! The traps Japanese text sets in YAML (issue 16), found in the spec's text:
//! places where YAML reads the file differently from what its writer meant,
//! silently.
//!
//! - A *hashtag* after a plain scalar: `name: Instagram で #カフェ を検索` is
//!   stored as `Instagram で`, because ` #` starts a comment. A comment whose
//!   `#` is followed by a non-space is almost always a hashtag.
//! - A *comma split* in a flow sequence: `[カット4,400円は高い]` is two items,
//!   `カット4` and `400円は高い`, because `,` separates flow items. An item
//!   ending in a digit and the next starting with three digits is a number
//!   written with a thousands separator.
//!
//! The scan is a line-by-line reading of the text, not a YAML parser: it knows
//! quotes, flow brackets and block scalars (`|`, `>`) well enough for the
//! lines a journey spec holds, and it only ever makes a lint (a warning), so a
//! rare miss or false alarm costs a line of output, never data.

use crate::source::{FileId, Span};

/// One trap in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trap {
    /// ` #tag…` after a plain scalar: the comment starting at `span` (to the
    /// line's end) was meant as text. `line` is the whole value as written.
    Hashtag { span: Span, value: String },
    /// The `,` at `span` split one text of a flow sequence into two:
    /// `before` and `after` are the two items as YAML reads them.
    CommaSplit {
        span: Span,
        before: String,
        after: String,
    },
}

impl Trap {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Trap::Hashtag { span, .. } | Trap::CommaSplit { span, .. } => *span,
        }
    }
}

/// The most traps reported for one file: each becomes a warning that prints
/// its line, and a generated or pasted file can hold thousands of them.
pub const MAX_TRAPS: usize = 100;

/// The traps in `text` (the file `file`), the first [`MAX_TRAPS`] of them.
#[must_use]
pub fn scan(file: FileId, text: &str) -> Vec<Trap> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None; // indentation of a block scalar's key line
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if out.len() >= MAX_TRAPS {
            out.truncate(MAX_TRAPS);
            break;
        }
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        if let Some(key_indent) = block {
            if body.trim().is_empty() || indent > key_indent {
                continue; // a line of a literal or folded block: text, `#` included
            }
            block = None;
        }
        // Only a comma or `#` makes a trap, and only `|` or `>` starts a block:
        // most lines have none of them and need no further look.
        if !body.bytes().any(|b| matches!(b, b',' | b'#' | b'|' | b'>')) {
            continue;
        }
        let trimmed = body.trim_start_matches(' ');
        if trimmed.starts_with('#') {
            continue;
        }
        let value_at = value_start(trimmed).map(|v| indent + v);
        if let Some(v) = value_at {
            let value = &body[v..];
            if value.starts_with('|') || value.starts_with('>') {
                block = Some(indent);
                continue;
            }
        }
        scan_line(file, start, body, value_at, &mut out);
    }
    out.truncate(MAX_TRAPS);
    out
}

/// Where the value of a `key: value` or `- value` line starts (in `line`,
/// which starts at its first non-space), if it has one on this line.
fn value_start(line: &str) -> Option<usize> {
    let mut at = 0;
    // Sequence dashes: `- `, `- - `.
    while line[at..].starts_with("- ") {
        at += 2;
        at += line[at..].len() - line[at..].trim_start_matches(' ').len();
    }
    let rest = &line[at..];
    if rest.starts_with(['"', '\'', '[', '{']) {
        return Some(at);
    }
    // A plain key: `key: value`.
    match rest.find(": ") {
        Some(k) if !rest[..k].contains(['"', '\'', '[', '{', '#']) => {
            let v = k + 2;
            let v = v + rest[v..].len() - rest[v..].trim_start_matches(' ').len();
            (v < rest.len()).then_some(at + v)
        }
        _ => (!rest.is_empty() && at > 0).then_some(at),
    }
}

/// Walk one line from its value: quotes, flow brackets and the first comment.
fn scan_line(file: FileId, start: usize, line: &str, value_at: Option<usize>, out: &mut Vec<Trap>) {
    let bytes = line.as_bytes();
    let mut i = value_at.unwrap_or(line.len());
    let mut depth: Vec<u8> = Vec::new(); // open flow brackets
    let mut item_start = i; // where the current flow item (or plain value) starts
    let plain_value =
        value_at.is_some_and(|v| !line[v..].starts_with(['"', '\'', '[', '{', '&', '*', '!']));
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_quoted(bytes, i, b'"'),
            b'\''
                if i == item_start
                    || bytes[i - 1] == b' '
                    || matches!(bytes[i - 1], b'[' | b'{' | b',') =>
            {
                i = skip_quoted(bytes, i, b'\'');
            }
            b'[' | b'{' => {
                depth.push(bytes[i]);
                item_start = i + 1;
                i += 1;
            }
            b']' | b'}' => {
                depth.pop();
                i += 1;
            }
            b',' if depth.last() == Some(&b'[') => {
                let before = line[item_start..i].trim();
                let after_start = i + 1;
                let after = next_item(&line[after_start..]);
                // `4,400`: digits on both sides of the comma, no space.
                let glued = i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                if glued && ends_in_digit(before) && three_digits(after) && !quoted(before) {
                    out.push(Trap::CommaSplit {
                        span: Span::new(file, start + i, start + i + 1),
                        before: before.to_owned(),
                        after: after.trim().to_owned(),
                    });
                }
                item_start = i + 1;
                i += 1;
            }
            b',' => {
                item_start = i + 1;
                i += 1;
            }
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                let next = line[i + 1..].chars().next();
                let hashtag = next.is_some_and(|c| !c.is_whitespace() && c != '#');
                let inside_plain = if depth.is_empty() {
                    plain_value && !line[value_at.unwrap_or(0)..i].trim().is_empty()
                } else {
                    !line[item_start..i].trim().is_empty()
                };
                if hashtag && inside_plain {
                    let value = line[value_at.unwrap_or(0)..].trim_end().to_owned();
                    out.push(Trap::Hashtag {
                        span: Span::new(file, start + i, start + line.len()),
                        value,
                    });
                }
                return; // the rest of the line is a comment
            }
            _ => i += 1,
        }
    }
}

/// The index after the closing quote of the quoted scalar opening at `i`.
fn skip_quoted(bytes: &[u8], i: usize, q: u8) -> usize {
    let mut j = i + 1;
    while j < bytes.len() {
        if bytes[j] == q {
            if q == b'\'' && bytes.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return j + 1;
        }
        if q == b'"' && bytes[j] == b'\\' {
            j += 1;
        }
        j += 1;
    }
    bytes.len()
}

/// The next flow item of `rest` (up to `,`, `]` or `}`).
fn next_item(rest: &str) -> &str {
    let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
    &rest[..end]
}

fn quoted(s: &str) -> bool {
    s.starts_with(['"', '\''])
}

fn ends_in_digit(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_ascii_digit())
}

/// Exactly three digits first: a thousands group (`400円`, `200`).
fn three_digits(s: &str) -> bool {
    s.chars().take_while(char::is_ascii_digit).count() == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traps(text: &str) -> Vec<Trap> {
        scan(FileId(0), text)
    }

    #[test]
    fn a_hashtag_after_plain_text() {
        let t = traps("name: Instagram で #カフェ を検索\n");
        assert!(
            matches!(&t[..], [Trap::Hashtag { value, .. }] if value == "Instagram で #カフェ を検索"),
            "{t:?}"
        );
        let t = traps("  - {name: Instagram で #カフェ, channel: sns}\n");
        assert_eq!(t.len(), 1, "{t:?}");
    }

    #[test]
    fn real_comments_and_quoted_text_are_fine() {
        for text in [
            "name: Instagram # a comment\n",
            "name: \"Instagram で #カフェ\"\n",
            "name: 'Instagram で #カフェ'\n",
            "# #heading\n",
            "name: x ## two\n",
            "title: A\ndescription: |\n  #タグ はテキスト\n  続き #です\nname: b\n",
            "tags: [\"#カフェ\"]\n",
            "url: https://example.com/#anchor\n",
        ] {
            assert!(traps(text).is_empty(), "{text:?}: {:?}", traps(text));
        }
    }

    #[test]
    fn at_most_max_traps_per_file() {
        let text = format!("pain_points: [{}]\n", vec!["a1,200円"; 5_000].join(", "));
        assert_eq!(traps(&text).len(), MAX_TRAPS);
        let text = "name: a #b\n".repeat(5_000);
        assert_eq!(traps(&text).len(), MAX_TRAPS);
    }

    #[test]
    fn a_comma_split_number_in_a_flow_sequence() {
        let t = traps("pain_points: [カット4,400円は高い]\n");
        assert!(
            matches!(&t[..], [Trap::CommaSplit { before, after, .. }] if before == "カット4" && after == "400円は高い"),
            "{t:?}"
        );
        for text in [
            "pain_points: [\"カット4,400円は高い\"]\n",
            "tags: [a1, 200]\n",
            "personas: [p1,p2]\n",
            "pain_points: [4,40円]\n",
        ] {
            assert!(
                !traps(text)
                    .iter()
                    .any(|t| matches!(t, Trap::CommaSplit { .. })),
                "{text:?}: {:?}",
                traps(text)
            );
        }
    }
}
