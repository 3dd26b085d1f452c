//! Writing HTML by hand: the streaming buffer, escaping exactly as minijinja
//! does, and the small pieces every part of the map is made of.

use crate::locale::Labels;
use crate::model::{Item, Num, Scalar};
use crate::present::Shown;
use std::fmt::Write as _;

/// Where the parts are written: a buffer handed to a writer every 64 KB, so
/// the map of a large journey (19 MB of HTML for 10 000 touchpoints) never
/// sits in memory whole. Dereferences to the buffer.
pub struct Out<'w> {
    buf: String,
    w: &'w mut dyn std::io::Write,
    err: Option<std::io::Error>,
}

impl<'w> Out<'w> {
    pub fn new(w: &'w mut dyn std::io::Write) -> Self {
        Out {
            buf: String::with_capacity(80 * 1024),
            w,
            err: None,
        }
    }

    /// Hand the buffer to the writer once it is large enough.
    pub(super) fn spill(&mut self) {
        if self.buf.len() >= 64 * 1024 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.err.is_none()
            && let Err(e) = self.w.write_all(self.buf.as_bytes())
        {
            self.err = Some(e);
        }
        self.buf.clear();
    }

    /// [`esc`] of a text that may be long (a curve's path through thousands
    /// of points), in pieces handed on as they fill the buffer.
    pub(super) fn esc_long(&mut self, s: &str) {
        const PIECE: usize = 16 * 1024;
        let mut rest = s;
        while !rest.is_empty() {
            let mut at = rest.len().min(PIECE);
            while !rest.is_char_boundary(at) {
                at -= 1;
            }
            esc(&mut self.buf, &rest[..at]);
            rest = &rest[at..];
            self.spill();
        }
    }

    /// Write what is left; the first write error, if any.
    ///
    /// # Errors
    /// The writer's first error.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush();
        self.err.map_or(Ok(()), Err)
    }
}

impl std::ops::Deref for Out<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.buf
    }
}

impl std::ops::DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.buf
    }
}

/// Append `s` escaped for HTML text and attribute values (`<>&"'/`, as minijinja).
pub fn esc(out: &mut String, s: &str) {
    // One table look-up per byte; text between special bytes is copied whole.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'&' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t[b'/' as usize] = true;
        t
    };
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !SPECIAL[b as usize] {
            continue;
        }
        out.push_str(&s[last..i]);
        out.push_str(match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => "&#x2f;",
        });
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// A number as a template prints it (`2`, `-1.5`; an integral float too large
/// for an integer gets `.0`).
pub(super) fn num(out: &mut String, n: Num) {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        clippy::float_cmp
    )]
    let int = (n.0.fract() == 0.0 && n.0.abs() < 9.0e15 && (n.0 as i64) as f64 == n.0)
        .then_some(n.0 as i64);
    match int {
        Some(i) => {
            let _ = write!(out, "{i}");
        }
        None if n.0.is_nan() => out.push_str("NaN"),
        None if n.0.is_infinite() => out.push_str(if n.0 < 0.0 { "-inf" } else { "inf" }),
        None => {
            let s = n.0.to_string();
            out.push_str(&s);
            if !s.contains('.') {
                out.push_str(".0");
            }
        }
    }
}

pub(super) fn usize(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

/// ` class="end"` unless this is the last stage: the stage's right border.
pub(super) fn end_class(out: &mut String, last: bool) {
    if !last {
        out.push_str(" class=\"end\"");
    }
}

pub(super) fn plain(out: &mut String, list: &[String], class: &str) {
    out.push_str("<ul class=\"");
    out.push_str(class);
    out.push_str("\">\n");
    for t in list {
        out.push_str("<li>");
        esc(out, t);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

pub(super) fn items(out: &mut String, list: &[Item], labels: &Labels) {
    out.push_str("<ul class=\"items\">\n");
    for i in list {
        out.push_str("<li>");
        if let Some(p) = &i.priority {
            out.push_str("<span class=\"prio prio-");
            esc(out, p);
            out.push_str("\">");
            esc(out, labels.priority(p));
            out.push_str("</span>");
        }
        esc(out, &i.text);
        if let Some(o) = &i.owner {
            out.push_str("<span class=\"item-owner\">");
            esc(out, labels.owner);
            out.push_str(": ");
            esc(out, o);
            out.push_str("</span>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

pub(super) fn scalar(out: &mut String, v: &Scalar) {
    match v {
        Scalar::Text(s) => esc(out, s),
        Scalar::Number(n) => num(out, *n),
        // As templates print them (minijinja writes booleans the Python way).
        Scalar::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
    }
}

/// A score in the data table: coloured by valence.
pub(super) fn score(out: &mut String, v: &Shown) {
    out.push_str("<span class=\"score ");
    out.push_str(v.valence());
    out.push_str("\">");
    esc(out, &v.score());
    out.push_str("</span>");
}

/// A persona's colour class in the palette, `pall` for the all-personas curve.
pub(super) fn palette(out: &mut String, color: Option<usize>) {
    match color {
        Some(c) => {
            out.push('p');
            usize(out, c);
        }
        None => out.push_str("pall"),
    }
}

/// `<line class="CLASS" x1=… y1=… x2=… y2=…/>` and a line break.
pub(super) fn svg_line(o: &mut String, class: &str, [x1, y1, x2, y2]: [&str; 4]) {
    o.push_str("<line class=\"");
    o.push_str(class);
    o.push('"');
    attrs(o, &[("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)]);
    o.push_str("/>\n");
}

/// ` name="value"` for each pair, the values escaped.
pub(super) fn attrs(o: &mut String, pairs: &[(&str, &str)]) {
    for (name, v) in pairs {
        o.push(' ');
        o.push_str(name);
        o.push_str("=\"");
        esc(o, v);
        o.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_minijinja_does() {
        let nasty = "<a href='x'>\"Q&A\"</a> / 日本語 ★";
        let mut ours = String::new();
        esc(&mut ours, nasty);
        assert_eq!(ours, minijinja::HtmlEscape(nasty).to_string());
        assert_eq!(
            ours,
            "&lt;a href=&#x27;x&#x27;&gt;&quot;Q&amp;A&quot;&lt;&#x2f;a&gt; &#x2f; 日本語 ★"
        );
    }

    #[test]
    fn metric_values_print_as_in_templates() {
        for v in [
            Scalar::Bool(true),
            Scalar::Bool(false),
            Scalar::Number(Num(2.5)),
            Scalar::Number(Num(-3.0)),
            Scalar::Text("a<b".to_owned()),
        ] {
            let mut ours = String::new();
            scalar(&mut ours, &v);
            let value = minijinja::Value::from(minijinja::value::Serde(&v));
            assert_eq!(ours, minijinja::HtmlEscape(&value.to_string()).to_string());
        }
    }

    #[test]
    fn numbers_print_as_in_templates() {
        for x in [2.0, -1.5, 0.0, 1e16, -3.25, 12_345.0] {
            let mut ours = String::new();
            num(&mut ours, Num(x));
            let theirs = minijinja::Value::from(minijinja::value::Serde(Num(x))).to_string();
            assert_eq!(ours, theirs, "{x}");
        }
    }
}
