//! The map's style sheet, scoped to one embedded map: every rule applies
//! inside the map's container only, with the specificity of an id on top of
//! its own, so the book's style sheet neither loses rules to the map nor
//! restyles the map's tables, headings and lists.
//!
//! The page's style sheet is written for a page of its own; inside a book:
//!
//! - `:root` and `html` become the container (`#jm-1`), `body` its page
//!   (`#jm-1 .jm-page`); every other selector is prefixed with the container.
//! - An id in a selector (`#map`) gets the map's prefix, as the ids of its
//!   elements do ([`super::embed`]).
//! - The dark palette (`@media (prefers-color-scheme: dark)`) follows the
//!   book's theme instead of the system's: mdBook puts the theme's name on
//!   `<html>` as a class, and `coal`, `navy` and `ayu` are dark.
//! - `rem` is the book's root size (mdBook sets 62.5%): each `Nrem` becomes
//!   `calc(N * var(--jm-rem))`, where `--jm-rem` is the reader's default text
//!   size, computed on the container (`font-size: medium`).
//! - `@page` is the book's to set, and is dropped.
//!
//! The style sheet is the built-in template's: plain rules, `@media` and
//! `@container` blocks, no `@import` or `@font-face`; this reads exactly
//! that (comments dropped, strings kept) and passes any other at-rule through.

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The themes of mdBook whose colours are dark (the class on `<html>`).
pub const DARK_THEMES: [&str; 3] = ["coal", "navy", "ayu"];

/// Where a style sheet is scoped to.
pub struct Scope<'a> {
    /// The container's selector, `#jm-1`.
    pub root: &'a str,
    /// The prefix of the map's ids, `jm-1-`.
    pub prefix: &'a str,
    /// The ids the map's elements have (before the prefix).
    pub ids: &'a BTreeSet<String>,
}

/// One item of a style sheet.
#[derive(Debug, PartialEq)]
enum Item {
    /// `selectors { declarations }`
    Rule { selectors: String, body: String },
    /// `@name prelude { items }` (a block of rules: `@media`, `@container`, `@supports`, `@layer`)
    Block {
        name: String,
        prelude: String,
        items: Vec<Item>,
    },
    /// Any other at-rule, with its block or `;`, as written.
    Other { name: String, text: String },
}

/// `css` scoped to `scope`: the rules that give the container its box and
/// keep the book's rules out come first, then the map's own.
#[must_use]
pub fn scope(css: &str, scope: &Scope) -> String {
    let items = parse(&strip_comments(css));
    let mut out = base(scope.root);
    write_items(&mut out, &items, scope, false);
    out
}

/// The container's own rules: a box of its own (nothing the book sets is
/// inherited), the size `rem` stands for, a frame around the page in the
/// chapter, and a reset of every element of the map (but SVG, whose
/// attributes are its styles) to the browser's defaults, under the map's own
/// rules and over the book's.
fn base(root: &str) -> String {
    let dark = DARK_THEMES.map(|t| format!("html.{t} {root}")).join(", ");
    format!(
        "@property --jm-rem {{ syntax: \"<length>\"; inherits: true; initial-value: 16px; }}\n\
         {root} {{ all: initial; display: block; font-size: medium; --jm-rem: 1em; color-scheme: light; margin: 1.5em 0; }}\n\
         {dark} {{ color-scheme: dark; }}\n\
         {root} > .jm-page {{ border: 1px solid var(--line); border-radius: calc(.6 * var(--jm-rem)); overflow: clip; }}\n\
         {root} :where(:not(svg, svg *)), {root} :where(:not(svg, svg *))::before, {root} :where(:not(svg, svg *))::after {{ all: revert; }}\n"
    )
}

fn write_items(out: &mut String, items: &[Item], scope: &Scope, in_dark: bool) {
    for item in items {
        match item {
            Item::Rule { selectors, body } => {
                let selectors = if in_dark {
                    dark_selectors(selectors, scope)
                } else {
                    scoped_selectors(selectors, scope)
                };
                let _ = writeln!(out, "{selectors} {{{}}}", declarations(body, scope));
            }
            Item::Block {
                name,
                prelude,
                items,
            } => {
                if name == "media" && is_dark_query(prelude) {
                    write_items(out, items, scope, true);
                    continue;
                }
                let _ = writeln!(out, "@{name} {} {{", prelude.trim());
                write_items(out, items, scope, in_dark);
                out.push_str("}\n");
            }
            Item::Other { name, text } => {
                if name != "page" {
                    out.push_str(text.trim());
                    out.push('\n');
                }
            }
        }
    }
}

/// `@media (prefers-color-scheme: dark)`.
fn is_dark_query(prelude: &str) -> bool {
    let squeezed: String = prelude.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed == "(prefers-color-scheme:dark)"
}

/// The selectors of a rule of the dark palette: the same, under each dark theme.
fn dark_selectors(selectors: &str, scope: &Scope) -> String {
    split_top(selectors, ',')
        .iter()
        .flat_map(|s| {
            let scoped = scoped_selector(s.trim(), scope);
            DARK_THEMES.map(|t| format!("html.{t} {scoped}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn scoped_selectors(selectors: &str, scope: &Scope) -> String {
    split_top(selectors, ',')
        .iter()
        .map(|s| scoped_selector(s.trim(), scope))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One selector of the page, inside the container.
fn scoped_selector(selector: &str, scope: &Scope) -> String {
    let selector = prefix_ids(selector, scope);
    let parts: Vec<&str> = selector.split_whitespace().collect();
    // The page's root (`:root`, `html`, `:root:lang(ja)`) is the container.
    let mut parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
    let head = parts.first().cloned().unwrap_or_default();
    let rooted = if let Some(rest) = head.strip_prefix(":root") {
        parts[0] = format!("{}{rest}", scope.root);
        true
    } else if let Some(rest) = head.strip_prefix("html").filter(|r| !starts_ident(r)) {
        parts[0] = format!("{}{rest}", scope.root);
        true
    } else {
        false
    };
    // `body` is the page inside it; a pseudo-class alone before it
    // (`:lang(ja) body`) says something of the page itself.
    if let Some(i) = parts
        .iter()
        .position(|p| p.strip_prefix("body").is_some_and(|r| !starts_ident(r)))
    {
        let rest = parts[i]["body".len()..].to_owned();
        let mut page = format!(".jm-page{rest}");
        if i == 1 && !rooted && parts[0].starts_with(':') {
            page.push_str(&parts[0]);
            parts.remove(0);
            parts[0] = page;
        } else {
            parts[i] = page;
        }
    }
    let joined = parts.join(" ");
    if rooted {
        joined
    } else {
        format!("{} {joined}", scope.root)
    }
}

/// Whether `s` goes on with a character of a name (so `htmlx` is no `html`).
fn starts_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// `#map` → `#jm-1-map`, for the map's own ids.
fn prefix_ids(selector: &str, scope: &Scope) -> String {
    let mut out = String::with_capacity(selector.len());
    let mut rest = selector;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        if scope.ids.contains(&rest[..len]) {
            out.push_str(scope.prefix);
        }
        out.push_str(&rest[..len]);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// The declarations of a rule: `rem` in the book's terms, ids prefixed in `url(#…)`.
fn declarations(body: &str, scope: &Scope) -> String {
    let body = rem_to_var(body);
    let mut out = String::with_capacity(body.len());
    let mut rest = body.as_str();
    while let Some(at) = rest.find("url(#") {
        out.push_str(&rest[..at + "url(#".len()]);
        rest = &rest[at + "url(#".len()..];
        let len = rest.find(')').unwrap_or(rest.len());
        if scope.ids.contains(rest[..len].trim()) {
            out.push_str(scope.prefix);
        }
    }
    out.push_str(rest);
    out
}

/// Every `Nrem` (outside strings) as `calc(N * var(--jm-rem))`.
fn rem_to_var(body: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '#');
    let mut out = String::with_capacity(body.len() + 32);
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        let signed = c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '.');
        let starts =
            (c.is_ascii_digit() || c == '.' || signed) && (i == 0 || !is_name(chars[i - 1]));
        if !starts {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
            j += 1;
        }
        let number: String = chars[i..j].iter().collect();
        let rem = chars.get(j..j + 3).is_some_and(|u| u == ['r', 'e', 'm'])
            && chars.get(j + 3).is_none_or(|c| !is_name(*c));
        if rem && number.chars().any(|c| c.is_ascii_digit()) {
            let _ = write!(out, "calc({number} * var(--jm-rem))");
            i = j + 3;
        } else {
            out.push_str(&number);
            i = j;
        }
    }
    out
}

/// `css` without its comments (strings kept as they are).
fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => {
                quote = Some(c);
                out.push(c);
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
}

/// The items of a style sheet (without comments).
fn parse(css: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut rest = css;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('}') {
            return items;
        }
        let Some(open) = find_top(rest, &['{', ';']) else {
            return items;
        };
        let head = &rest[..open];
        if let Some(at) = head.trim_start().strip_prefix('@') {
            let name: String = at
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            let prelude = at[name.len()..].to_owned();
            if rest.as_bytes()[open] == b';' {
                items.push(Item::Other {
                    name,
                    text: rest[..=open].to_owned(),
                });
                rest = &rest[open + 1..];
                continue;
            }
            let close = matching(rest, open);
            if matches!(name.as_str(), "media" | "container" | "supports" | "layer") {
                items.push(Item::Block {
                    name,
                    prelude,
                    items: parse(&rest[open + 1..close]),
                });
            } else {
                items.push(Item::Other {
                    name,
                    text: rest[..(close + 1).min(rest.len())].to_owned(),
                });
            }
            rest = rest.get(close + 1..).unwrap_or("");
            continue;
        }
        if rest.as_bytes()[open] == b';' {
            // A stray declaration outside a rule: nothing to scope.
            rest = &rest[open + 1..];
            continue;
        }
        let close = matching(rest, open);
        items.push(Item::Rule {
            selectors: head.trim().to_owned(),
            body: rest[open + 1..close.min(rest.len())].trim().to_owned(),
        });
        rest = rest.get(close + 1..).unwrap_or("");
    }
}

/// The byte index of the first of `chars` in `s` outside strings and parentheses.
fn find_top(s: &str, chars: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && chars.contains(&c) => return Some(i),
            _ => {}
        }
    }
    None
}

/// The index of the `}` closing the `{` at `open` (or the end of `s`).
fn matching(s: &str, open: usize) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in s[open..].char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// `s` split at `sep` outside parentheses and brackets (`:is(a, b), c` is two).
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(f: impl FnOnce(&Scope) -> T) -> T {
        let ids: BTreeSet<String> = ["map", "jm-hatch"].map(String::from).into();
        f(&Scope {
            root: "#jm-1",
            prefix: "jm-1-",
            ids: &ids,
        })
    }

    #[test]
    fn selectors_land_inside_the_container() {
        let cases = [
            (":root", "#jm-1"),
            (":root:lang(ja)", "#jm-1:lang(ja)"),
            ("html", "#jm-1"),
            ("body", "#jm-1 .jm-page"),
            (":lang(ja) body", "#jm-1 .jm-page:lang(ja)"),
            ("*, *::before", "#jm-1 *, #jm-1 *::before"),
            ("main > section", "#jm-1 main > section"),
            (".map th.tp:target", "#jm-1 .map th.tp:target"),
            ("#map .map-intro", "#jm-1 #jm-1-map .map-intro"),
            ("#other", "#jm-1 #other"),
            (
                ".htmlish, a:is(.x, .y)",
                "#jm-1 .htmlish, #jm-1 a:is(.x, .y)",
            ),
            ("h1, h2", "#jm-1 h1, #jm-1 h2"),
        ];
        with(|s| {
            for (given, want) in cases {
                assert_eq!(scoped_selectors(given, s), want, "{given}");
            }
        });
    }

    #[test]
    fn rem_becomes_the_readers_size_and_nothing_else_changes() {
        let cases = [
            (
                "padding: .5rem 1rem",
                "padding: calc(.5 * var(--jm-rem)) calc(1 * var(--jm-rem))",
            ),
            ("margin: -1.5rem", "margin: calc(-1.5 * var(--jm-rem))"),
            (
                "width: calc(var(--lane) + 2px)",
                "width: calc(var(--lane) + 2px)",
            ),
            (
                "font: 0.875rem/1.6 var(--sans)",
                "font: calc(0.875 * var(--jm-rem))/1.6 var(--sans)",
            ),
            (
                "--lane: 8.5rem; --x: 2remx",
                "--lane: calc(8.5 * var(--jm-rem)); --x: 2remx",
            ),
            ("content: \"1rem\"", "content: \"1rem\""),
            ("color: #1d63c4", "color: #1d63c4"),
            ("fill: url(#jm-hatch)", "fill: url(#jm-1-jm-hatch)"),
        ];
        with(|s| {
            for (given, want) in cases {
                assert_eq!(declarations(given, s), want, "{given}");
            }
        });
    }

    #[test]
    fn the_dark_palette_follows_the_books_dark_themes() {
        let css = "/* x { } */ :root { --ink: #000; }\n@media (prefers-color-scheme: dark) {\n  :root { --ink: #fff; }\n}\n@page { size: A3; }\n@media print { .a { color: red; } }";
        let out = with(|s| scope(css, s));
        assert!(out.contains("#jm-1 {--ink: #000;}"), "{out}");
        assert!(
            out.contains("html.coal #jm-1, html.navy #jm-1, html.ayu #jm-1 {--ink: #fff;}"),
            "{out}"
        );
        assert!(
            !out.contains("prefers-color-scheme") && !out.contains("@page"),
            "{out}"
        );
        assert!(
            out.contains("@media print {\n#jm-1 .a {color: red;}\n}"),
            "{out}"
        );
    }

    #[test]
    fn the_reader_keeps_strings_and_nested_blocks() {
        let items = parse(&strip_comments(
            "a { content: \"}\"; }\n@container map (max-width: 9px) { .b { x: y } }\n@font-face { src: x; }",
        ));
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(
            items[0],
            Item::Rule {
                selectors: "a".into(),
                body: "content: \"}\";".into()
            }
        );
        assert!(
            matches!(&items[1], Item::Block { name, items, .. } if name == "container" && items.len() == 1)
        );
        assert!(matches!(&items[2], Item::Other { name, .. } if name == "font-face"));
    }
}
