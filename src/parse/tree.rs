//! The [`Node`] tree, built straight from the YAML parser's events.
//!
//! `granit-parser` (the event parser under serde-saphyr, which was the front end
//! until issue 18) gives each event its byte span; this module turns the events
//! into nodes with one loop and an explicit stack (no recursion, so no nesting can
//! overflow the call stack) and keeps the guarantees the front end gives:
//!
//! - every node has its byte span (scalars borrow their text from the file where
//!   YAML allows, so the tree does not copy the input);
//! - a key repeated in one mapping is an error at the second one;
//! - aliases are copied where they are used, and the copies count against a node
//!   budget in proportion to the input ([`Limits`]), charged before copying: an
//!   alias bomb is stopped at the alias that would exceed it, in time linear in
//!   the file;
//! - nesting is bounded (the parser's flow limit, and [`Limits::depth`]);
//! - one document per file.

use super::scalar::{self, TagKind};
use super::{Kind, Node};
use crate::source::{FileId, Span};
use granit_parser::{Event, Options, Parser, ScanError};
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// What stops hostile input, in proportion to the input's size.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    /// Nodes in the tree, aliases' copies included.
    pub nodes: usize,
    /// Bytes of scalar text in the tree, aliases' copies included: every later
    /// stage copies a text it reads, so a long text aliased many times would
    /// cost its length times the aliases.
    pub text: usize,
    /// Mappings and lists inside one another.
    pub depth: usize,
}

/// Why the text is not a tree, and where.
#[derive(Debug)]
pub(super) struct Failure {
    pub what: What,
    /// The parser's sentence.
    pub message: String,
    pub at: At,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum What {
    Syntax,
    DuplicateKey {
        key: Option<String>,
    },
    TooLarge,
    /// Past the parser's flow limit (`None`), or past `Limits::depth` levels.
    TooDeep {
        levels: Option<usize>,
    },
}

/// Where a failure is: a byte span, or the parser's line and character column
/// (1-based) when it gave no byte offset.
#[derive(Debug, Clone, Copy)]
pub(super) enum At {
    Bytes { start: usize, end: usize },
    LineCol { line: usize, col: usize },
}

/// The parser's options: its own nesting limits (the flow limit answers first on
/// `[[[[…`, while the scanner looks ahead), no comments.
fn options() -> Options {
    let mut o = Options::default();
    o.emit_comments = false;
    o.flow_nesting_limit = 255;
    o.block_nesting_limit = 255;
    o
}

/// A collection being read. Its children wait on the builder's one stack of
/// nodes (`Builder::children`, from `start` on) and move into a vector of
/// exactly their number when it closes: no vector grows or shrinks per
/// collection, which was a tenth of the time spent building the tree.
struct Frame<'a> {
    span: Span,
    anchor: usize,
    start: usize,
    map: bool,
    /// Key fingerprints → entry numbers, once the mapping is large enough
    /// that comparing each key with every other would cost.
    index: Option<HashMap<u64, Vec<usize>>>,
    /// `<<` merge sources, applied when the mapping ends.
    merges: Vec<Node<'a>>,
    /// The key just read is the merge key: its value is a merge source.
    merge_pending: bool,
    /// An anchor is defined inside: an anchor on this collection stores a
    /// second copy of it, which is charged (see `Builder::define`).
    holds_anchor: bool,
}

/// Mappings with more keys than this find duplicates through a hash index.
const LINEAR_KEYS: usize = 16;

/// A node an anchor names, with what copying it costs.
struct Anchored<'a> {
    node: Node<'a>,
    /// Nodes in it.
    size: usize,
    /// Levels of lists and mappings in it (0 for a scalar).
    height: usize,
    /// Bytes of scalar text in it.
    text: usize,
}

struct Builder<'a> {
    text: &'a str,
    limits: Limits,
    stack: Vec<Frame<'a>>,
    /// The children of the open collections, innermost last (a mapping's as key, value, …).
    children: Vec<Node<'a>>,
    /// Anchored nodes by the parser's anchor id (`None` while open).
    anchors: Vec<Option<Anchored<'a>>>,
    nodes: usize,
    text_bytes: usize,
    root: Option<Node<'a>>,
    documents: usize,
}

/// Read `text` (one YAML document) into its tree; an empty stream is `Null`.
pub(super) fn build(text: &str, file: FileId, limits: Limits) -> Result<Node<'_>, Failure> {
    let mut parser = Parser::new_from_str_with_options(text, options());
    let mut b = Builder {
        text,
        limits,
        stack: Vec::new(),
        children: Vec::new(),
        anchors: Vec::new(),
        nodes: 0,
        text_bytes: 0,
        root: None,
        documents: 0,
    };
    while let Some(item) = parser.next_event() {
        let (event, span) = item.map_err(scan_failure)?;
        let at = Span::new(
            file,
            span.start.byte_offset().unwrap_or(0),
            span.end.byte_offset().unwrap_or(0),
        );
        b.event(event, at)?;
    }
    Ok(b.root.unwrap_or(Node {
        kind: Kind::Null,
        span: Span::new(file, 0, 0),
    }))
}

fn scan_failure(e: ScanError) -> Failure {
    let m = e.marker();
    // The marker's line and column, not its byte offset: the offset can lag behind
    // where the scanner stopped (at the token it was reading).
    let at = At::LineCol {
        line: m.line(),
        col: m.col() + 1,
    };
    let message = match e.kind() {
        granit_parser::ErrorKind::MultipleDocumentsUnsupported => MULTIPLE.to_owned(),
        granit_parser::ErrorKind::UnknownAnchor => {
            "this alias refers to an anchor that is not defined before it".to_owned()
        }
        _ => e.info(),
    };
    let what = if message.contains("recursion limit") || message.contains("nesting limit") {
        What::TooDeep { levels: None }
    } else {
        What::Syntax
    };
    Failure { what, message, at }
}

const MULTIPLE: &str = "only single YAML document expected but multiple found";

fn fail(what: What, message: impl Into<String>, span: Span) -> Failure {
    Failure {
        what,
        message: message.into(),
        at: At::Bytes {
            start: span.start(),
            end: span.end(),
        },
    }
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), Failure> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.second_document(span)?;
                let tag = TagKind::of(tag.as_deref());
                // The merge key is a plain, untagged `<<` (or `!!merge <<`): a quoted
                // `"<<"` is an ordinary key.
                let merge = style == granit_parser::ScalarStyle::Plain
                    && &*text == "<<"
                    && matches!(tag, TagKind::None | TagKind::Merge);
                let kind =
                    scalar::resolve(text, style, tag).map_err(|m| fail(What::Syntax, m, span))?;
                self.count(1, span)?;
                if let Kind::Str(t) = &kind {
                    self.count_text(t.len(), span)?;
                }
                let node = Node { kind, span };
                if anchor != 0 {
                    self.define(anchor, &node, false, span)?;
                }
                self.push_scalar(node, merge)
            }
            Event::SequenceStart(_, anchor, _) => {
                self.second_document(span)?;
                self.open(span, anchor, false)
            }
            Event::MappingStart(_, anchor, _) => {
                self.second_document(span)?;
                self.open(span, anchor, true)
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(id) => {
                self.second_document(span)?;
                // `None` while the anchor is open: the alias is inside what it names.
                let recursive = || {
                    fail(
                        What::Syntax,
                        "recursive references are not allowed: an alias cannot refer to the node it is in",
                        span,
                    )
                };
                fn anchored<'s, 'a>(b: &'s Builder<'a>, id: usize) -> Option<&'s Anchored<'a>> {
                    b.anchors.get(id).and_then(Option::as_ref)
                }
                let (size, height, text) = anchored(self, id)
                    .map(|a| (a.size, a.height, a.text))
                    .ok_or_else(recursive)?;
                // Charged before copying: a bomb stops at the alias that would exceed.
                self.count(size, span)?;
                self.count_text(text, span)?;
                self.deep(height, span)?;
                let mut copy = anchored(self, id).ok_or_else(recursive)?.node.clone();
                // The copy stands where the alias is: its place is the alias's. A
                // number, boolean or null keeps the anchor's place, where its
                // spelling is (`version: *v` reads `2026.10` as written there).
                if matches!(copy.kind, Kind::Str(_) | Kind::Seq(_) | Kind::Map(_)) {
                    copy.span = span;
                }
                self.push(copy)
            }
            Event::UnresolvedAlias(_) => {
                Err(fail(What::Syntax, "alias references unknown anchor", span))
            }
            _ => Ok(()),
        }
    }

    /// A node of a second document: a spec is one document.
    fn second_document(&self, span: Span) -> Result<(), Failure> {
        if self.documents > 1 && self.stack.is_empty() {
            return Err(fail(What::Syntax, MULTIPLE, span));
        }
        Ok(())
    }

    fn count(&mut self, n: usize, span: Span) -> Result<(), Failure> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.nodes {
            return Err(fail(
                What::TooLarge,
                format!(
                    "the tree would hold more than {} nodes (aliases copied)",
                    self.limits.nodes
                ),
                span,
            ));
        }
        Ok(())
    }

    /// A list or mapping starts. Its tag, if any, changes nothing journeymap
    /// reads (`!!map`, `!!set`), so it is not asked for.
    fn open(&mut self, span: Span, anchor: usize, map: bool) -> Result<(), Failure> {
        self.count(1, span)?;
        self.deep(1, span)?;
        if anchor != 0 {
            // Marks the anchor as open: an alias to it before it closes is recursive.
            self.reserve(anchor);
        }
        self.stack.push(Frame {
            span,
            anchor,
            start: self.children.len(),
            map,
            index: None,
            merges: Vec::new(),
            merge_pending: false,
            holds_anchor: false,
        });
        Ok(())
    }

    fn close(&mut self) -> Result<(), Failure> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let children = self.children.drain(frame.start..);
        let kind = if frame.map {
            let mut entries = Vec::with_capacity(children.len() / 2);
            let mut children = children;
            while let (Some(k), Some(v)) = (children.next(), children.next()) {
                entries.push((k, v));
            }
            if !frame.merges.is_empty() {
                merge(&mut entries, frame.merges, self.text);
            }
            Kind::Map(entries)
        } else {
            Kind::Seq(children.collect())
        };
        let node = Node {
            kind,
            span: frame.span,
        };
        if frame.anchor != 0 {
            self.define(frame.anchor, &node, frame.holds_anchor, frame.span)?;
        }
        self.push(node)
    }

    fn count_text(&mut self, bytes: usize, span: Span) -> Result<(), Failure> {
        self.text_bytes = self.text_bytes.saturating_add(bytes);
        if self.text_bytes > self.limits.text {
            return Err(fail(
                What::TooLarge,
                format!(
                    "the tree would hold more than {} bytes of text (aliases copied)",
                    self.limits.text
                ),
                span,
            ));
        }
        Ok(())
    }

    /// A node `height` levels high added at the current depth: within the depth limit?
    fn deep(&self, height: usize, span: Span) -> Result<(), Failure> {
        if self.stack.len() + height > self.limits.depth {
            return Err(fail(
                What::TooDeep {
                    levels: Some(self.limits.depth),
                },
                format!(
                    "more than {} levels of lists and mappings",
                    self.limits.depth
                ),
                span,
            ));
        }
        Ok(())
    }

    fn reserve(&mut self, anchor: usize) {
        if self.anchors.len() <= anchor {
            self.anchors.resize_with(anchor + 1, || None);
        }
        self.anchors[anchor] = None;
    }

    /// Keep a copy of an anchored node for its aliases. Anchors on disjoint
    /// nodes store at most the tree once more, which the budgets allow for; an
    /// anchor on a node that `holds_anchor` stores its inner anchors' nodes again
    /// (63 nested anchors would store the innermost 63 times), so that copy is
    /// charged like an alias's.
    fn define(
        &mut self,
        anchor: usize,
        node: &Node<'a>,
        holds_anchor: bool,
        span: Span,
    ) -> Result<(), Failure> {
        let (size, height, text) = measure(node);
        if holds_anchor {
            self.count(size, span)?;
            self.count_text(text, span)?;
        }
        self.reserve(anchor);
        self.anchors[anchor] = Some(Anchored {
            node: node.clone(),
            size,
            height,
            text,
        });
        for frame in &mut self.stack {
            frame.holds_anchor = true;
        }
        Ok(())
    }

    fn push(&mut self, node: Node<'a>) -> Result<(), Failure> {
        self.push_scalar(node, false)
    }

    /// A finished node goes into the collection being read, or is the root;
    /// `merge`: it is the merge key `<<`.
    /// A key is checked for a duplicate as soon as it is read (before its value).
    fn push_scalar(&mut self, node: Node<'a>, merge: bool) -> Result<(), Failure> {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        if !frame.map {
            self.children.push(node);
            return Ok(());
        }
        let read = &self.children[frame.start..];
        if read.len() % 2 == 1 {
            // A value: of the merge key, or of the key before it.
            if frame.merge_pending {
                frame.merge_pending = false;
                if !mergeable(&node) {
                    return Err(fail(
                        What::Syntax,
                        "YAML merge value must be mapping or sequence of mappings",
                        node.span,
                    ));
                }
                self.children.pop();
                frame.merges.push(node);
            } else {
                self.children.push(node);
            }
            return Ok(());
        }
        // A key.
        if merge {
            frame.merge_pending = true;
        } else {
            let entries = read.len() / 2;
            let mut keys = read.iter().step_by(2);
            let repeated = match &mut frame.index {
                Some(index) => {
                    let fp = fingerprint(&node, self.text);
                    let same_hash = index.entry(fp).or_default();
                    let repeated = same_hash
                        .iter()
                        .any(|&i| same(&read[2 * i], &node, self.text));
                    same_hash.push(entries);
                    repeated
                }
                None => {
                    let repeated = keys.any(|k| same(k, &node, self.text));
                    if !repeated && entries >= LINEAR_KEYS {
                        let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
                        for (i, k) in read.iter().step_by(2).enumerate() {
                            index.entry(fingerprint(k, self.text)).or_default().push(i);
                        }
                        index
                            .entry(fingerprint(&node, self.text))
                            .or_default()
                            .push(entries);
                        frame.index = Some(index);
                    }
                    repeated
                }
            };
            if repeated {
                return Err(duplicate(&node, self.text));
            }
        }
        self.children.push(node);
        Ok(())
    }
}

/// The error of a key the mapping has already, shown as written: its text, `~`
/// for null, a number or boolean as spelt; a list or mapping key has no name.
fn duplicate(k: &Node<'_>, text: &str) -> Failure {
    let shown = match key_text(k, text) {
        Some("") => Some("~".to_owned()),
        t => t.map(str::to_owned),
    };
    let message = match &shown {
        Some(t) => format!("duplicate mapping key `{t}` is not allowed here"),
        None => "duplicate mapping key not allowed here".to_owned(),
    };
    fail(What::DuplicateKey { key: shown }, message, k.span)
}

/// What `<<` may merge: a mapping, or a list of mappings; null merges nothing.
fn mergeable(n: &Node<'_>) -> bool {
    match &n.kind {
        Kind::Map(_) | Kind::Null => true,
        Kind::Seq(items) => items
            .iter()
            .all(|i| matches!(i.kind, Kind::Map(_) | Kind::Null)),
        _ => false,
    }
}

/// Merge the `<<` sources (each a mapping, or a list of them, earlier ones
/// first) into `entries`: their keys that the mapping does not have already.
/// Keys are looked up by fingerprint, so merging stays linear in the entries.
fn merge<'a>(entries: &mut Vec<(Node<'a>, Node<'a>)>, sources: Vec<Node<'a>>, text: &str) {
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, (k, _)) in entries.iter().enumerate() {
        seen.entry(fingerprint(k, text)).or_default().push(i);
    }
    let mut add = |entries: &mut Vec<(Node<'a>, Node<'a>)>, k: Node<'a>, v: Node<'a>| {
        let same_hash = seen.entry(fingerprint(&k, text)).or_default();
        if !same_hash.iter().any(|&i| same(&entries[i].0, &k, text)) {
            same_hash.push(entries.len());
            entries.push((k, v));
        }
    };
    for source in sources {
        match source.kind {
            Kind::Map(from) => {
                for (k, v) in from {
                    add(entries, k, v);
                }
            }
            Kind::Seq(items) => {
                for item in items {
                    if let Kind::Map(from) = item.kind {
                        for (k, v) in from {
                            add(entries, k, v);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A scalar key as the spec reader sees it: a text's value, a number's,
/// boolean's or null's spelling (so `1.5` and `"1.5"` are the same key, and
/// `1.10` and `1.1` are not). `None` for a list or mapping.
fn key_text<'k>(n: &'k Node<'_>, text: &'k str) -> Option<&'k str> {
    match &n.kind {
        Kind::Str(t) => Some(t.as_str()),
        Kind::Null | Kind::Bool(_) | Kind::Int(_) | Kind::Float(_) => Some(
            text.get(n.span.start()..n.span.end())
                .unwrap_or_default()
                .trim(),
        ),
        Kind::Seq(_) | Kind::Map(_) => None,
    }
}

/// Two keys are the same: scalars by [`key_text`], lists and mappings item by item.
fn same(a: &Node<'_>, b: &Node<'_>, text: &str) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Seq(x), Kind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b, text))
        }
        (Kind::Map(x), Kind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| same(ka, kb, text) && same(va, vb, text))
        }
        _ => match (key_text(a, text), key_text(b, text)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

/// A hash agreeing with [`same`].
fn fingerprint(n: &Node<'_>, text: &str) -> u64 {
    fn feed(n: &Node<'_>, text: &str, h: &mut DefaultHasher) {
        match &n.kind {
            Kind::Seq(items) => {
                (1u8, items.len()).hash(h);
                for i in items {
                    feed(i, text, h);
                }
            }
            Kind::Map(entries) => {
                (2u8, entries.len()).hash(h);
                for (k, v) in entries {
                    feed(k, text, h);
                    feed(v, text, h);
                }
            }
            _ => (0u8, key_text(n, text)).hash(h),
        }
    }
    let mut h = DefaultHasher::new();
    feed(n, text, &mut h);
    h.finish()
}

/// A tree's nodes, its levels of lists and mappings (0 for a scalar) and its
/// bytes of scalar text, in one walk. Trees obey the depth limit, so the
/// recursion is bounded.
fn measure(n: &Node<'_>) -> (usize, usize, usize) {
    match &n.kind {
        Kind::Seq(items) => items
            .iter()
            .map(measure)
            .fold((1, 1, 0), |(s, h, t), (cs, ch, ct)| {
                (s + cs, h.max(ch + 1), t + ct)
            }),
        Kind::Map(entries) => entries.iter().fold((1, 1, 0), |(s, h, t), (k, v)| {
            let (ks, kh, kt) = measure(k);
            let (vs, vh, vt) = measure(v);
            (s + ks + vs, h.max(kh.max(vh) + 1), t + kt + vt)
        }),
        Kind::Str(t) => (1, 0, t.len()),
        _ => (1, 0, 0),
    }
}
