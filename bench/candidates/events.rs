//! Two more candidates: the same node tree built from saphyr-parser's events and
//! from libyaml-safer's (a Rust port of libyaml). Both report positions in
//! characters, turned here into byte offsets with a cursor that moves with the
//! events. Scalars resolve by the core schema (a simplified copy of
//! journeymap's rules), keys are checked for duplicates, aliases are copied:
//! the same work as `parse::parse`, for a fair comparison.

use std::borrow::Cow;

pub struct Node<'a> {
    pub kind: Kind<'a>,
    pub span: (usize, usize),
}

pub enum Kind<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Clone for Node<'_> {
    fn clone(&self) -> Self {
        Node {
            kind: match &self.kind {
                Kind::Null => Kind::Null,
                Kind::Bool(b) => Kind::Bool(*b),
                Kind::Int(i) => Kind::Int(*i),
                Kind::Float(f) => Kind::Float(*f),
                Kind::Str(s) => Kind::Str(s.clone()),
                Kind::Seq(v) => Kind::Seq(v.clone()),
                Kind::Map(v) => Kind::Map(v.clone()),
            },
            span: self.span,
        }
    }
}

pub fn count(n: &Node<'_>) -> usize {
    match &n.kind {
        Kind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Kind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

fn resolve<'a>(text: Cow<'a, str>, plain: bool) -> Kind<'a> {
    if !plain {
        return Kind::Str(text);
    }
    match &*text {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    if let Ok(i) = text.parse::<i64>() {
        return Kind::Int(i);
    }
    if text
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
        && let Ok(f) = text.parse::<f64>()
    {
        return Kind::Float(f);
    }
    Kind::Str(text)
}

/// Character index → byte offset, moving from the last position asked.
struct Cursor<'t> {
    text: &'t str,
    chars: usize,
    bytes: usize,
}

impl Cursor<'_> {
    fn byte(&mut self, chars: usize) -> usize {
        while self.chars < chars && self.bytes < self.text.len() {
            let c = self.text[self.bytes..].chars().next().unwrap();
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        while self.chars > chars && self.bytes > 0 {
            let c = self.text[..self.bytes].chars().next_back().unwrap();
            self.bytes -= c.len_utf8();
            self.chars -= 1;
        }
        self.bytes
    }
}

enum Frame<'a> {
    Seq(Vec<Node<'a>>, (usize, usize), usize),
    Map(
        Vec<(Node<'a>, Node<'a>)>,
        Option<Node<'a>>,
        (usize, usize),
        usize,
    ),
}

#[derive(Default)]
struct Tree<'a> {
    stack: Vec<Frame<'a>>,
    anchors: Vec<Option<Node<'a>>>,
    root: Option<Node<'a>>,
}

impl<'a> Tree<'a> {
    fn push(&mut self, node: Node<'a>) -> Result<(), String> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, key, ..)) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Kind::Str(s) = &k.kind
                        && entries
                            .iter()
                            .any(|(e, _)| matches!(&e.kind, Kind::Str(t) if t == s))
                    {
                        return Err(format!("duplicate key {s}"));
                    }
                    entries.push((k, node));
                }
            },
        }
        Ok(())
    }
    fn anchor(&mut self, id: usize, node: &Node<'a>) {
        if self.anchors.len() <= id {
            self.anchors.resize_with(id + 1, || None);
        }
        self.anchors[id] = Some(node.clone());
    }
    fn close(&mut self) -> Result<(), String> {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq(items, span, anchor)) => (
                Node {
                    kind: Kind::Seq(items),
                    span,
                },
                anchor,
            ),
            Some(Frame::Map(entries, _, span, anchor)) => (
                Node {
                    kind: Kind::Map(entries),
                    span,
                },
                anchor,
            ),
            None => return Ok(()),
        };
        if anchor != 0 {
            self.anchor(anchor, &node);
        }
        self.push(node)
    }
    fn alias(&mut self, id: usize, span: (usize, usize)) -> Result<(), String> {
        let mut copy = self
            .anchors
            .get(id)
            .and_then(Option::as_ref)
            .ok_or("unknown anchor")?
            .clone();
        copy.span = span;
        self.push(copy)
    }
}

pub fn saphyr(text: &str) -> Result<Node<'_>, String> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    let mut tree = Tree::default();
    let mut cur = Cursor {
        text,
        chars: 0,
        bytes: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(item) = parser.next_event() {
        let (event, span) = item.map_err(|e| e.to_string())?;
        let start = cur.byte(span.start.index());
        let end = cur.byte(span.end.index());
        let at = (start, end);
        match event {
            Event::Scalar(value, style, anchor, _) => {
                let node = Node {
                    kind: resolve(value, style == ScalarStyle::Plain),
                    span: at,
                };
                if anchor != 0 {
                    tree.anchor(anchor, &node);
                }
                tree.push(node)?;
            }
            Event::SequenceStart(anchor, _) => tree.stack.push(Frame::Seq(Vec::new(), at, anchor)),
            Event::MappingStart(anchor, _) => {
                tree.stack.push(Frame::Map(Vec::new(), None, at, anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => tree.close()?,
            Event::Alias(id) => tree.alias(id, at)?,
            _ => {}
        }
    }
    tree.root.ok_or_else(|| "empty".to_owned())
}

pub fn libyaml(text: &str) -> Result<Node<'static>, String> {
    use libyaml_safer::{EventData, Parser, ScalarStyle};
    let mut input = text.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut tree: Tree<'static> = Tree::default();
    let mut names: Vec<String> = Vec::new();
    let id_of = |name: &str, names: &mut Vec<String>| match names.iter().position(|n| n == name) {
        Some(i) => i + 1,
        None => {
            names.push(name.to_owned());
            names.len()
        }
    };
    let mut cur = Cursor {
        text,
        chars: 0,
        bytes: 0,
    };
    loop {
        let event = parser.parse().map_err(|e| e.to_string())?;
        #[allow(clippy::cast_possible_truncation)]
        let at = (
            cur.byte(event.start_mark.index as usize),
            cur.byte(event.end_mark.index as usize),
        );
        match event.data {
            EventData::StreamEnd => break,
            EventData::Scalar {
                anchor,
                value,
                style,
                ..
            } => {
                let node = Node {
                    kind: resolve(Cow::Owned(value), style == ScalarStyle::Plain),
                    span: at,
                };
                if let Some(a) = anchor {
                    let id = id_of(&a, &mut names);
                    tree.anchor(id, &node);
                }
                tree.push(node)?;
            }
            EventData::SequenceStart { anchor, .. } => {
                let id = anchor.map_or(0, |a| id_of(&a, &mut names));
                tree.stack.push(Frame::Seq(Vec::new(), at, id));
            }
            EventData::MappingStart { anchor, .. } => {
                let id = anchor.map_or(0, |a| id_of(&a, &mut names));
                tree.stack.push(Frame::Map(Vec::new(), None, at, id));
            }
            EventData::SequenceEnd | EventData::MappingEnd => tree.close()?,
            EventData::Alias { anchor } => {
                let id = id_of(&anchor, &mut names);
                tree.alias(id, at)?;
            }
            _ => {}
        }
    }
    tree.root.ok_or_else(|| "empty".to_owned())
}
