//! Filling in the placeholders of a word (`only in {side}`) in one pass, so
//! that text put in for one placeholder is never read for another: a subject
//! named `{new}` stays `{new}`.

use minijinja::value::Kwargs;
use minijinja::{Error, Value};

/// The pieces of `words`: its own text, and `args`' names (`{name}`) where they
/// stand, in order. A `{…}` that names no argument stays text.
pub(super) fn split<'w, 'a>(words: &'w str, names: &[&'a str]) -> Vec<Piece<'w, 'a>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(open) = words[at..].find('{').map(|i| at + i) {
        let hit = words[open + 1..]
            .find('}')
            .map(|close| &words[open + 1..open + 1 + close])
            .and_then(|key| names.iter().find(|n| **n == key));
        at = match hit {
            Some(name) => {
                if open > text_start {
                    out.push(Piece::Text(&words[text_start..open]));
                }
                out.push(Piece::Arg(name));
                text_start = open + name.len() + 2;
                text_start
            }
            None => open + 1,
        };
    }
    if text_start < words.len() {
        out.push(Piece::Text(&words[text_start..]));
    }
    out
}

/// A piece of a word: its own text, or the name of an argument.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'w, 'a> {
    Text(&'w str),
    Arg(&'a str),
}

/// `words` with each `{name}` of `args` replaced by its value.
pub(super) fn fill(words: &str, args: &[(&str, &str)]) -> String {
    let names: Vec<&str> = args.iter().map(|(n, _)| *n).collect();
    let mut out = String::with_capacity(words.len() + 16);
    for piece in split(words, &names) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Arg(name) => {
                if let Some((_, v)) = args.iter().find(|(n, _)| *n == name) {
                    out.push_str(v);
                }
            }
        }
    }
    out
}

/// The `fill` filter of the diff templates: `labels.cmp.only_in|fill(side=x)`.
/// The templates escape what they put in (`x|md`); the HTML escapes the result.
pub(super) fn filter(words: &str, kwargs: Kwargs) -> Result<String, Error> {
    let mut args: Vec<(String, String)> = Vec::new();
    for name in kwargs.args() {
        let v: Value = kwargs.get(name)?;
        args.push((name.to_owned(), v.to_string()));
    }
    kwargs.assert_all_used()?;
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    Ok(fill(words, &args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        assert_eq!(fill("only in {side}", &[("side", "ours")]), "only in ours");
        assert_eq!(
            fill("{old} vs {new}", &[("old", "{new}"), ("new", "B")]),
            "{new} vs B"
        );
        assert_eq!(fill("{a} {x} {", &[("a", "1")]), "1 {x} {");
        assert_eq!(
            fill("{new}より{n}低い", &[("n", "2"), ("new", "競合A社")]),
            "競合A社より2低い"
        );
        assert_eq!(
            split("in {stage} in {side}", &["stage", "side"]),
            [
                Piece::Text("in "),
                Piece::Arg("stage"),
                Piece::Text(" in "),
                Piece::Arg("side")
            ]
        );
    }
}
