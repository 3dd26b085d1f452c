//! Escaping spec text for Markdown (the `md` and `cell` template filters).
//!
//! The output must read the same on GitHub (cmark-gfm, with autolinks, footnotes
//! and `$…$` math), in mdBook (pulldown-cmark) and in VS Code (markdown-it with
//! linkify and math): spec text is shown as written and never becomes markup, a link,
//! an image, HTML, a heading, a list, a footnote, math or a table break. The escaping
//! stays readable: a backslash goes only where a character could start markup.
//!
//! Line breaks: `md` joins the lines of a text with a space (without one between two
//! Chinese or Japanese characters, as the text was wrapped rather than spaced); `cell`
//! keeps them as `<br>`. Both trim each line and drop blank ones; tabs and other
//! control characters become spaces.
//!
//! | written | escaped | because |
//! |---|---|---|
//! | `\` `` ` `` `*` `<` `[` `\|` | always | escapes, code, emphasis, HTML and autolinks, links, images and footnotes, table cells |
//! | `~` | always | strikethrough (`~x~` and `~~x~~`) |
//! | `_` | unless between two letters or digits (`snake_case`) | emphasis |
//! | `&` | before an entity (`&amp;`, `&#60;`) | entities |
//! | `$` | unless a price (`$5` after a space) | math; a price cannot close a `$…$` |
//! | `@` → `@<!-- -->` | inside an address (`a@<!-- -->b.c`) | e-mail autolinks (found after escapes are resolved) |
//! | `/` | the second of `//` (`https:/\/x`) | URL autolinks |
//! | `.` | after a `www` that starts a word | `www.` autolinks |
//! | `#` | first, or in a closing run (`Issue #`) | headings |
//! | `>` `-` `+` `=` | first (`-5` stays) | quotes, lists, rules, setext headings |
//! | `.` `)` | after a leading number (`1. x`) | ordered lists |
//! | `}` → `&#125;` | last | mdBook's heading attributes (`# Plan {#id}`) |
//! | `[` → `\[<!-- -->` | first, in `[ ]`, `[x]` | task list items (found after escapes are resolved) |

/// Escape text for a Markdown paragraph, heading or list item: its lines joined
/// into one (see the module doc).
#[must_use]
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev_last: Option<char> = None;
    for line in lines(s) {
        if let (Some(a), Some(b)) = (prev_last, line.chars().next())
            && !(is_cjk(a) && is_cjk(b))
        {
            out.push(' ');
        }
        prev_last = line.chars().last();
        out.push_str(&escape_line(&line));
    }
    out
}

/// Escape text for a GFM table cell: as [`inline`], with its lines kept apart by `<br>`.
#[must_use]
pub fn cell(s: &str) -> String {
    lines(s)
        .iter()
        .map(|l| escape_line(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The non-blank lines of `s`, trimmed, with control characters as spaces.
fn lines(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
            c if c.is_control() => cur.push(' '),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        // A stray byte-order mark counts as space, as it does for comrak at a line start.
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Escape one trimmed line (see the table in the module doc).
fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 4);
    let list_number = leading_number(&chars);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '<' | '[' | '|' | '~' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => starts_entity(&chars[i + 1..]),
            '$' => {
                !(prev.is_none_or(char::is_whitespace) && next.is_some_and(|n| n.is_ascii_digit()))
            }
            // The domain may start with `.`, `-` or `_` too (comrak links
            // `section@.A`), so any of those after the `@` counts.
            '@' if prev.is_some_and(|p| p.is_alphanumeric() || "._%+-".contains(p))
                && next.is_some_and(|n| n.is_alphanumeric() || "._-".contains(n)) =>
            {
                // GitHub finds e-mail addresses after escapes are resolved, so only
                // markup between `@` and the domain stops it; a comment shows nothing.
                out.push_str("@<!-- -->");
                continue;
            }
            '/' => prev == Some('/'),
            '.' => {
                i >= 3
                    && chars[i - 3..i]
                        .iter()
                        .collect::<String>()
                        .eq_ignore_ascii_case("www")
                    && (i == 3 || !chars[i - 4].is_alphanumeric())
            }
            '#' => i == 0 || closing_hashes(&chars, i),
            '>' => i == 0,
            '-' | '+' | '=' => i == 0 && !next.is_some_and(char::is_alphanumeric),
            ')' => list_number == Some(i),
            _ => false,
        };
        let escape = escape || (c == '.' && list_number == Some(i));
        if c == '[' && i == 0 && is_task_box(&chars) {
            // `[ ] x` in a list item is a task once escapes are resolved (comrak).
            out.push_str("\\[<!-- -->");
            continue;
        }
        if c == '}' && i + 1 == chars.len() {
            // mdBook reads a heading's trailing `{…}` as attributes, backslash or not.
            out.push_str("&#125;");
            continue;
        }
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The index of the `.` or `)` after a leading number that would start an ordered list.
fn leading_number(chars: &[char]) -> Option<usize> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = chars.get(digits + 1);
    ((1..=9).contains(&digits)
        && matches!(chars.get(digits), Some('.' | ')'))
        && after.is_none_or(|c| c.is_whitespace()))
    .then_some(digits)
}

/// `[ ]`, `[x]` or `[X]` at the start, alone or before a space.
fn is_task_box(chars: &[char]) -> bool {
    matches!(chars.get(1), Some(' ' | 'x' | 'X'))
        && chars.get(2) == Some(&']')
        && chars.get(3).is_none_or(|c| c.is_whitespace())
}

/// Whether the `#` at `i` is part of a run that would close an ATX heading (`Issue #`).
fn closing_hashes(chars: &[char], i: usize) -> bool {
    let start = chars[..i]
        .iter()
        .rposition(|&c| c != '#')
        .map_or(0, |p| p + 1);
    chars[i..].iter().all(|&c| c == '#' || c.is_whitespace())
        && (start == 0 || chars[start - 1].is_whitespace())
}

/// Whether the text after an `&` reads as an HTML entity (`amp;`, `#60;`, `#x3C;`).
fn starts_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Chinese and Japanese characters (and their punctuation), which are not separated by spaces.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x31C0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_only_what_could_become_markup() {
        let table: &[(&str, &str)] = &[
            ("Reads the pricing page", "Reads the pricing page"),
            ("料金が 1.2% 高い", "料金が 1.2% 高い"),
            ("a|b", "a\\|b"),
            ("# h", "\\# h"),
            ("Issue #", "Issue \\#"),
            ("C# and F#", "C# and F#"),
            ("#1 priority", "\\#1 priority"),
            ("- item", "\\- item"),
            ("-5%", "-5%"),
            ("--", "\\--"),
            ("x - y", "x - y"),
            ("+ plus", "\\+ plus"),
            ("+1 vote", "+1 vote"),
            ("===", "\\==="),
            ("> quote", "\\> quote"),
            ("a > b", "a > b"),
            ("1. first", "1\\. first"),
            ("2) second", "2\\) second"),
            ("1.5 hours", "1.5 hours"),
            ("2026. Q4", "2026\\. Q4"),
            ("[x](http://e)", "\\[x](http:/\\/e)"),
            ("![i](a.png)", "!\\[i](a.png)"),
            ("[^1]", "\\[^1]"),
            ("[ ] task", "\\[<!-- --> ] task"),
            ("[x] done", "\\[<!-- -->x] done"),
            ("<b>", "\\<b>"),
            ("<https://x.y>", "\\<https:/\\/x.y>"),
            ("see https://example.com/a", "see https:/\\/example.com/a"),
            ("www.example.com", "www\\.example.com"),
            ("go to WWW.X.COM", "go to WWW\\.X.COM"),
            ("awww.x", "awww.x"),
            ("mail me@example.com", "mail me@<!-- -->example.com"),
            // Found by the property test: comrak links a domain that starts with `.`.
            ("section@.A", "section@<!-- -->.A"),
            ("a@-b", "a@<!-- -->-b"),
            ("@handle", "@handle"),
            ("a @ b", "a @ b"),
            ("**bold** _em_", "\\*\\*bold\\*\\* \\_em\\_"),
            ("snake_case_name", "snake_case_name"),
            ("__init__", "\\_\\_init\\_\\_"),
            ("~~gone~~ ~30 min", "\\~\\~gone\\~\\~ \\~30 min"),
            ("`code`", "\\`code\\`"),
            ("back\\slash\\", "back\\\\slash\\\\"),
            ("R&D, Q&A", "R&D, Q&A"),
            ("&amp; &#60; &#x3C;", "\\&amp; \\&#60; \\&#x3C;"),
            ("$5 or $10", "$5 or $10"),
            ("$x$ and $$y$$", "\\$x\\$ and \\$\\$y\\$\\$"),
            ("5$ 10$", "5\\$ 10\\$"),
            ("Price: $38,000 / $25k", "Price: $38,000 / $25k"),
            ("  padded  ", "padded"),
            ("tab\there", "tab here"),
            ("\u{feff}", ""),
            ("\u{feff}a\u{feff}b", "a\u{feff}b"),
            ("🎉 emoji", "🎉 emoji"),
            ("Plan {#id .big}", "Plan {#id .big&#125;"),
            ("{a} b", "{a} b"),
        ];
        for (input, expected) in table {
            assert_eq!(inline(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn inline_joins_lines() {
        let table: &[(&str, &str)] = &[
            ("one\ntwo", "one two"),
            ("one\r\ntwo\rthree", "one two three"),
            (
                "サービスを知り、\n無料体験を経て",
                "サービスを知り、無料体験を経て",
            ),
            ("日本語\nEnglish", "日本語 English"),
            ("first\n\n# second", "first \\# second"),
            ("a\u{2028}b", "a b"),
            ("\n\n", ""),
        ];
        for (input, expected) in table {
            assert_eq!(inline(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn cells_keep_lines_apart() {
        let table: &[(&str, &str)] = &[
            ("a\nb|c", "a<br>b\\|c"),
            ("a\n\n- b\n", "a<br>\\- b"),
            ("| --- |", "\\| --- \\|"),
            ("x<br>y", "x\\<br>y"),
            ("", ""),
        ];
        for (input, expected) in table {
            assert_eq!(cell(input), *expected, "{input:?}");
        }
    }
}
