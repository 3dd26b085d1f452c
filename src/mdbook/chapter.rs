//! Where the maps go in a chapter's Markdown: each `{{#journeymap PATH}}`
//! and each fenced ```` ```journeymap ```` block, found line by line as
//! CommonMark reads fences, so a directive shown inside another code block or
//! an inline code span (documentation of the syntax) stays as it is, and so
//! does an escaped one (`\{{#journeymap …}}`, which mdBook's `links`
//! preprocessor later turns into the plain text).

use std::ops::Range;

/// A place in a chapter that becomes a map.
#[derive(Debug, PartialEq, Eq)]
pub enum Place {
    /// `{{#journeymap ARGS}}`: `args` as written between the name and `}}`.
    Directive {
        span: Range<usize>,
        args: Range<usize>,
        prefix: String,
    },
    /// A fenced block whose info string is `journeymap`: `span` from the
    /// opening fence to the end of the closing one; `body` the spec, as
    /// lines `first_line..` of the chapter (1-based), each as written but
    /// for its container's prefix.
    Block {
        span: Range<usize>,
        body: String,
        first_line: usize,
        prefix: String,
    },
}

impl Place {
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        match self {
            Place::Directive { span, .. } | Place::Block { span, .. } => span.clone(),
        }
    }

    /// What comes before the place on each of its lines (the spaces and `>`
    /// of the list item or block quote it sits in), for the lines put there.
    #[must_use]
    pub fn prefix(&self) -> &str {
        match self {
            Place::Directive { prefix, .. } | Place::Block { prefix, .. } => prefix,
        }
    }
}

/// An open fence: its character, its length, and (for a map) where it started.
struct Fence {
    ch: char,
    len: usize,
    map: Option<(usize, usize, String)>,
}

/// The lines of `text`, each with its byte offset and without its line ending.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = at;
        at += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']), at)
    })
}

/// The container prefix of a line (spaces, tabs and `>`), and the rest.
fn container(line: &str) -> (&str, &str) {
    let n = line
        .find(|c: char| !matches!(c, ' ' | '\t' | '>'))
        .unwrap_or(line.len());
    line.split_at(n)
}

/// The fence a line opens or closes: its character and length, and the info string.
fn fence(rest: &str) -> Option<(char, usize, &str)> {
    let ch = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.chars().take_while(|c| *c == ch).count();
    if len < 3 {
        return None;
    }
    let info = rest[len..].trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some((ch, len, info))
}

/// Whether the info string of a fence names a map (```` ```journeymap ````, also `journeymap,x`).
fn is_map(info: &str) -> bool {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .is_some_and(|w| w == "journeymap")
}

/// Every place of `text` that becomes a map, in order.
#[must_use]
pub fn places(text: &str) -> Vec<Place> {
    let mut found = Vec::new();
    let mut open: Option<Fence> = None;
    for (line_no, (start, line, end)) in lines(text).enumerate() {
        let (prefix, rest) = container(line);
        if let Some(f) = &open {
            let closes = fence(rest)
                .is_some_and(|(ch, len, info)| ch == f.ch && len >= f.len && info.is_empty());
            if closes {
                if let Some((span_start, first_line, pre)) = &f.map {
                    found.push(block(text, *span_start..end, *first_line, pre));
                }
                open = None;
            }
            continue;
        }
        if let Some((ch, len, info)) = fence(rest) {
            let map = is_map(info).then(|| (start, line_no + 2, prefix.to_owned()));
            open = Some(Fence { ch, len, map });
            continue;
        }
        directives(start, line, prefix, &mut found);
    }
    // A fence never closed runs to the end of the chapter (as in CommonMark).
    if let Some(Fence {
        map: Some((span_start, first_line, pre)),
        ..
    }) = open
    {
        found.push(block(text, span_start..text.len(), first_line, &pre));
    }
    found
}

/// The block of a map fence: its lines between the fences, each without its
/// container prefix (replaced by spaces, so columns stay those of the chapter).
fn block(text: &str, span: Range<usize>, first_line: usize, prefix: &str) -> Place {
    let inner: Vec<&str> = lines(&text[span.clone()]).map(|(_, l, _)| l).collect();
    let closed = inner.len() > 1 && fence(container(inner[inner.len() - 1]).1).is_some();
    let body_lines = &inner[1..if closed { inner.len() - 1 } else { inner.len() }];
    let mut body = String::new();
    for l in body_lines {
        let (pre, rest) = container(l);
        if pre.contains('>') {
            // `> key: x`: the quote's markers become spaces.
            body.push_str(&" ".repeat(pre.chars().count()));
        } else {
            body.push_str(pre);
        }
        body.push_str(rest);
        body.push('\n');
    }
    Place::Block {
        span,
        body,
        first_line,
        prefix: prefix.to_owned(),
    }
}

/// The `{{#journeymap …}}` of one line (at byte `start` of the chapter), outside code spans.
fn directives(start: usize, line: &str, prefix: &str, found: &mut Vec<Place>) {
    let code = code_spans(line);
    let mut from = 0;
    while let Some(i) = line[from..].find("{{") {
        let at = from + i;
        from = at + 2;
        let inner = line[at + 2..].trim_start();
        let Some(after) = inner.strip_prefix("#journeymap") else {
            continue;
        };
        if after.starts_with(|c: char| !(c.is_whitespace() || c == '}')) {
            continue; // `{{#journeymapx}}`
        }
        let Some(close) = after.find("}}") else {
            continue;
        };
        let escaped = line[..at].ends_with('\\');
        if escaped || code.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let args_start = start + line.len() - after.len();
        let end = args_start + close + 2;
        let prefix = if line[..at].trim().trim_matches('>').trim().is_empty() {
            prefix.to_owned()
        } else {
            String::new()
        };
        found.push(Place::Directive {
            span: start + at..end,
            args: args_start..args_start + close,
            prefix,
        });
        from = end - start;
    }
}

/// The byte ranges of a line's inline code spans (a run of backticks to the
/// next run of the same length).
fn code_spans(line: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|c| **c == b'`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < b.len() {
            if b[j] == b'`' {
                let r = b[j..].iter().take_while(|c| **c == b'`').count();
                if r == run {
                    closed = Some(j + r);
                    break;
                }
                j += r;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                spans.push(i..end);
                i = end;
            }
            None => i += run,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        places(text)
            .into_iter()
            .map(|p| match p {
                Place::Directive { args, .. } => text[args].trim().to_owned(),
                Place::Block { body, .. } => format!("block:{body}"),
            })
            .collect()
    }

    #[test]
    fn directives_are_found_outside_code() {
        let text = "# T\n\n{{#journeymap a.yaml}}\n\ntext {{ #journeymap  b.yaml }} more\n\n`{{#journeymap c.yaml}}` and \\{{#journeymap d.yaml}}\n\n```md\n{{#journeymap e.yaml}}\n```\n\n````\n```\n{{#journeymap f.yaml}}\n````\n{{#journeymapx g.yaml}} {{#journeymap}}\n";
        assert_eq!(args(text), ["a.yaml", "b.yaml", ""]);
    }

    #[test]
    fn a_directive_in_a_list_keeps_its_indentation() {
        let text = "- item\n\n  {{#journeymap a.yaml}}\n> {{#journeymap b.yaml}}\n";
        let prefixes: Vec<String> = places(text).iter().map(|p| p.prefix().to_owned()).collect();
        assert_eq!(prefixes, ["  ", "> "]);
        let spans: Vec<&str> = places(text).iter().map(|p| &text[p.span()]).collect();
        assert_eq!(spans, ["{{#journeymap a.yaml}}", "{{#journeymap b.yaml}}"]);
    }

    #[test]
    fn map_blocks_keep_their_lines_and_columns() {
        let text = "intro\n\n```journeymap\njourneymap: 1\ntitle: T\n```\n\n  ~~~~ journeymap\n  a: b\n  ~~~~\n> ```journeymap\n> x: 1\n> ```\n```journeymap\nunclosed: 1\n";
        let found = places(text);
        assert_eq!(found.len(), 4, "{found:?}");
        let Place::Block {
            span,
            body,
            first_line,
            ..
        } = &found[0]
        else {
            panic!()
        };
        assert_eq!(
            &text[span.clone()],
            "```journeymap\njourneymap: 1\ntitle: T\n```\n"
        );
        assert_eq!(body, "journeymap: 1\ntitle: T\n");
        assert_eq!(*first_line, 4);
        assert!(
            matches!(&found[1], Place::Block { body, first_line: 9, .. } if body == "  a: b\n")
        );
        assert!(matches!(&found[2], Place::Block { body, .. } if body == "  x: 1\n"));
        assert!(matches!(&found[3], Place::Block { body, .. } if body == "unclosed: 1\n"));
    }

    #[test]
    fn code_spans_match_runs_of_the_same_length() {
        assert_eq!(code_spans("a `b` ``c`d`` `e"), [2..5, 6..13]);
    }
}
