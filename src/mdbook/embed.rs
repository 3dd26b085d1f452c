//! The HTML page of a map, made into a part of a book's chapter: its body
//! and its style sheet (scoped, [`super::css`]) in one container, every id
//! prefixed so that two maps on one page, the book's own headings and
//! mdBook's print page (every chapter on one page) never share an id, and no
//! blank line in it, so Markdown reads the whole as one HTML block.
//!
//! The page is journeymap's own (`-f html`): spec text in it is escaped
//! (`"`, `<`, `>`, `&`, `'`), so a `"` is always markup, and the attributes
//! read here are the page's.

use super::css::{self, Scope};
use std::collections::BTreeSet;

/// Attributes whose value is a list of ids.
const ID_LISTS: [&str; 6] = [
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "for",
    "headers",
];

/// The container of the `n`-th map of a book (`jm-1`); its ids start with `jm-1-`.
#[must_use]
pub fn container_id(n: usize) -> String {
    format!("jm-{n}")
}

/// The page's parts, or `None` when it is not a page as journeymap writes them.
struct Page<'a> {
    lang: &'a str,
    style: &'a str,
    body: &'a str,
}

fn split(page: &str) -> Option<Page<'_>> {
    let lang = page
        .find("<html lang=\"")
        .map(|i| &page[i + "<html lang=\"".len()..])
        .and_then(|r| r.split('"').next())
        .unwrap_or("en");
    let style_at = page.find("<style>")? + "<style>".len();
    let style_end = style_at + page[style_at..].find("</style>")?;
    let body_tag = style_end + page[style_end..].find("<body")?;
    let body_at = body_tag + page[body_tag..].find('>')? + 1;
    let body_end = body_at + page[body_at..].rfind("</body>")?;
    Some(Page {
        lang,
        style: &page[style_at..style_end],
        body: &page[body_at..body_end],
    })
}

/// The map of `page` (a whole HTML page) as the `n`-th map of a book: one
/// `<div>` holding its scoped style sheet and its body, with no blank line.
/// `None` when `page` is not a page journeymap writes.
#[must_use]
pub fn embed(page: &str, n: usize) -> Option<String> {
    let Page { lang, style, body } = split(page)?;
    let root = container_id(n);
    let prefix = format!("{root}-");
    let ids = ids(body);
    let style = css::scope(
        style,
        &Scope {
            root: &format!("#{root}"),
            prefix: &prefix,
            ids: &ids,
        },
    );
    let body = rewrite_ids(body, &prefix, &ids);
    let html = format!(
        "<div class=\"journeymap\" id=\"{root}\" lang=\"{lang}\">\n<style>\n{style}</style>\n<div class=\"jm-page\">\n{body}\n</div>\n</div>"
    );
    Some(without_blank_lines(&html))
}

/// `s` without its empty (or blank) lines: Markdown ends an HTML block at
/// the first. No element of the page keeps its white space (no `<pre>`).
fn without_blank_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    out
}

/// One attribute of a start tag: its name, and the byte range of its value in the page.
struct Attr<'a> {
    name: &'a str,
    value: std::ops::Range<usize>,
}

/// Every quoted attribute of every start tag of `html`, in order.
fn attrs(html: &str) -> Vec<Attr<'_>> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let start = i + lt + 1;
        i = start;
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let Some(gt) = html[start..].find('>') else {
            break;
        };
        let tag = &html[start..start + gt];
        // Raw text: the inside of a style or script element is no markup.
        let name_len = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let mut j = 0;
        while let Some(eq) = tag[j..].find("=\"") {
            let name_end = j + eq;
            let name_start = tag[..name_end]
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |k| k + 1);
            let value_start = name_end + 2;
            let Some(close) = tag[value_start..].find('"') else {
                break;
            };
            out.push(Attr {
                name: &tag[name_start..name_end],
                value: start + value_start..start + value_start + close,
            });
            j = value_start + close + 1;
        }
        i = start + gt + 1;
        let name = &tag[..name_len];
        if name.eq_ignore_ascii_case("style") || name.eq_ignore_ascii_case("script") {
            let close = format!("</{name}");
            if let Some(end) = html[i..].find(&close) {
                i += end;
            }
        }
    }
    out
}

/// The ids the elements of `body` have.
fn ids(body: &str) -> BTreeSet<String> {
    attrs(body)
        .into_iter()
        .filter(|a| a.name == "id")
        .map(|a| body[a.value].to_owned())
        .collect()
}

/// `body` with each of its own ids prefixed: in `id`, in `href="#…"`, in the
/// id lists of ARIA and tables, and in `url(#…)` (an SVG fill).
fn rewrite_ids(body: &str, prefix: &str, ids: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 20);
    let mut at = 0;
    for a in attrs(body) {
        let value = &body[a.value.clone()];
        let new = if a.name == "id" {
            ids.contains(value).then(|| format!("{prefix}{value}"))
        } else if a.name == "href" || a.name == "xlink:href" {
            value
                .strip_prefix('#')
                .filter(|v| ids.contains(*v))
                .map(|v| format!("#{prefix}{v}"))
        } else if ID_LISTS.contains(&a.name) {
            Some(
                value
                    .split_whitespace()
                    .map(|v| {
                        if ids.contains(v) {
                            format!("{prefix}{v}")
                        } else {
                            v.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        } else if value.contains("url(#") {
            Some(url_ids(value, prefix, ids))
        } else {
            None
        };
        if let Some(new) = new {
            out.push_str(&body[at..a.value.start]);
            out.push_str(&new);
            at = a.value.end;
        }
    }
    out.push_str(&body[at..]);
    out
}

/// `url(#x)` → `url(#jm-1-x)` in an attribute's value, for the page's ids.
fn url_ids(value: &str, prefix: &str, ids: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find("url(#") {
        out.push_str(&rest[..i + "url(#".len()]);
        rest = &rest[i + "url(#".len()..];
        let len = rest.find(')').unwrap_or(rest.len());
        if ids.contains(&rest[..len]) {
            out.push_str(prefix);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<style>\n:root { --a: 1rem; }\n#map { color: red; }\n</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#map\">skip</a>\n\n<section id=\"map\" aria-labelledby=\"map-h other\"><h2 id=\"map-h\">Map &quot;x&quot; id=&quot;map&quot;</h2>\n<svg><rect fill=\"url(#hatch)\"/><pattern id=\"hatch\"/></svg><a href=\"#elsewhere\">x</a><a href=\"https://e.com/#map\">y</a></section>\n</body>\n</html>\n";

    #[test]
    fn ids_get_the_prefix_everywhere_they_are_used() {
        let out = embed(PAGE, 3).unwrap();
        for want in [
            "<div class=\"journeymap\" id=\"jm-3\" lang=\"ja\">",
            "href=\"#jm-3-map\"",
            "<section id=\"jm-3-map\" aria-labelledby=\"jm-3-map-h other\">",
            "<h2 id=\"jm-3-map-h\">Map &quot;x&quot; id=&quot;map&quot;</h2>",
            "fill=\"url(#jm-3-hatch)\"",
            "<pattern id=\"jm-3-hatch\"/>",
            "href=\"#elsewhere\"",
            "href=\"https://e.com/#map\"",
            "#jm-3 #jm-3-map {color: red;}",
            "#jm-3 {--a: calc(1 * var(--jm-rem));}",
        ] {
            assert!(out.contains(want), "{want} in\n{out}");
        }
        assert!(!out.lines().any(|l| l.trim().is_empty()), "{out}");
        assert!(!out.contains("<html") && !out.contains("<body") && !out.contains("<head"));
    }

    #[test]
    fn a_page_that_is_not_journeymaps_is_refused() {
        assert!(embed("<p>hello</p>", 1).is_none());
    }
}
