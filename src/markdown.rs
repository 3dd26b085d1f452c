//! Escaping spec text for Markdown (the `md` and `cell` template filters).

/// Escape text for a Markdown paragraph or list item: no spec text can become
/// markup, a link, a heading or HTML. Newlines become spaces.
#[must_use]
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_start = true;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {}
            '\n' => {
                out.push(' ');
                at_start = false;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '#' | '&' | '$'
            | '@' => {
                out.push('\\');
                out.push(c);
            }
            // `http://` would become a link (GFM autolinks).
            ':' if chars.peek() == Some(&'/') => {
                out.push('\\');
                out.push(c);
            }
            '+' | '-' | '=' | '.' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        if !c.is_whitespace() {
            at_start = false;
        }
    }
    out
}

/// Escape text for a GFM table cell: as [`inline`], with newlines as `<br>`.
#[must_use]
pub fn cell(s: &str) -> String {
    s.split('\n').map(inline).collect::<Vec<_>>().join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("# h"), "\\# h");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("x - y"), "x - y");
        assert_eq!(inline("[x](http://e)"), "\\[x\\](http\\://e)");
        assert_eq!(inline("<b>"), "\\<b\\>");
        assert_eq!(cell("a\nb|c"), "a<br>b\\|c");
        assert_eq!(inline("料金が 1.2% 高い"), "料金が 1.2% 高い");
    }
}
