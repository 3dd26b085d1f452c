//! A spec-shaped value for `arbitrary`, written out as YAML.
//!
//! Most values come out valid (so analysis and rendering are reached), with
//! deliberate noise: text from a pool of hostile strings (markup, Mermaid and
//! Markdown syntax, CJK, RTL and combining marks, control characters) or
//! arbitrary, ids from a small pool so references often resolve, numbers in
//! and out of the scale, unknown and `x-` keys, and every YAML scalar style.

use arbitrary::Arbitrary;
use std::fmt::Write as _;

/// Strings that have broken an output context somewhere before.
const TRICKY: &[&str] = &[
    "",
    " ",
    "a",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "]]><!--",
    "</style><style>*{}",
    "javascript:alert(1)",
    "a | b | c",
    "line\nbreak",
    "cr\r\nlf",
    "# heading",
    "- item",
    "1. one",
    "> quote",
    "**bold** _em_ `code`",
    "[link](http://x)",
    "![img](x.png)",
    "a: b; c # d",
    "section x",
    "title: y",
    "%% comment",
    "&amp; &#60; &lt;",
    "$x^2$",
    "~~strike~~",
    "{{ minijinja }}",
    "{% raw %}",
    "田中 美咲",
    "認知・興味",
    "「30分ならできるかも」",
    "👩\u{200d}💼",
    "e\u{301}",
    "\u{202e}rtl",
    "\u{feff}bom",
    "\u{0}nul",
    "\u{7}\u{1b}[31m",
    "\u{2028}sep",
    "\t tab",
    "null",
    "~",
    "true",
    "no",
    "1e400",
    "-.inf",
    ".nan",
    "0x1F",
    "2026.10",
    "\\",
    "'",
    "\"",
    "*alias",
    "&anchor",
    "!tag",
    "@at",
    "`",
    "|",
    ">-",
];

/// Ids: valid, invalid and shared between kinds so references sometimes resolve.
const IDS: &[&str] = &[
    "a", "b", "c", "misaki", "kenji", "web", "店頭", "stage-1", "s2", "t-1", "x_y", "bad id", "",
    "a.b", "Ä",
];

#[derive(Arbitrary, Debug)]
pub enum Text {
    Pool(u8),
    Any(String),
    Joined(u8, u8),
}

impl Text {
    fn value(&self) -> String {
        match self {
            Text::Pool(i) => TRICKY[*i as usize % TRICKY.len()].to_owned(),
            Text::Any(s) => s.clone(),
            Text::Joined(a, b) => format!(
                "{}{}",
                TRICKY[*a as usize % TRICKY.len()],
                TRICKY[*b as usize % TRICKY.len()]
            ),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Id(u8);

impl Id {
    fn value(self) -> &'static str {
        IDS[self.0 as usize % IDS.len()]
    }
}

#[derive(Arbitrary, Debug)]
pub enum Number {
    Small(i8),
    Int(i64),
    Float(f64),
    Text(Text),
    Null,
}

/// How a scalar is written.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Style {
    Double,
    Single,
    Plain,
    Literal,
    Folded,
}

#[derive(Arbitrary, Debug)]
pub enum Emotion {
    All(Number),
    PerPersona(Vec<(Id, Number)>),
    Wrong(Vec<Text>),
}

#[derive(Arbitrary, Debug)]
pub struct Item {
    text: Text,
    object: bool,
    priority: Option<u8>,
    owner: Option<Text>,
}

#[derive(Arbitrary, Debug)]
pub struct Persona {
    id: Id,
    name: Text,
    role: Option<Text>,
    avatar: Option<Text>,
    quote: Option<Text>,
    goals: Vec<Text>,
    attributes: Vec<(Text, Number)>,
}

#[derive(Arbitrary, Debug)]
pub struct Channel {
    id: Id,
    name: Text,
    kind: Option<u8>,
}

#[derive(Arbitrary, Debug)]
pub struct Touchpoint {
    id: Option<Id>,
    name: Text,
    channel: Option<Id>,
    personas: Option<Vec<Id>>,
    action: Option<Text>,
    thought: Option<Text>,
    emotion: Option<Emotion>,
    feeling: Option<Text>,
    pain_points: Vec<Item>,
    opportunities: Vec<Item>,
    owner: Option<Text>,
    backstage: Vec<Text>,
    moment_of_truth: Option<bool>,
    evidence: Vec<Text>,
    metrics: Vec<(Text, Number)>,
    extra: Option<(Text, Text)>,
}

#[derive(Arbitrary, Debug)]
pub struct Stage {
    id: Option<Id>,
    name: Text,
    description: Option<Text>,
    goal: Option<Text>,
    questions: Vec<Text>,
    kpis: Vec<Text>,
    pain_points: Vec<Item>,
    opportunities: Vec<Item>,
    touchpoints: Vec<Touchpoint>,
}

#[derive(Arbitrary, Debug)]
pub struct Spec {
    version: Option<Number>,
    title: Text,
    description: Option<Text>,
    locale: Option<u8>,
    state: Option<u8>,
    version_label: Option<Text>,
    owner: Option<Text>,
    tags: Vec<Text>,
    scale: Option<(Number, Number)>,
    loop_to: Option<Id>,
    lints: Vec<(u8, u8)>,
    personas: Vec<Persona>,
    channels: Option<Vec<Channel>>,
    imports: Vec<u8>,
    stages: Vec<Stage>,
    extensions: Vec<(Text, Text)>,
    style: Vec<Style>,
}

const LOCALES: &[&str] = &["en", "ja", "fr", ""];
const STATES: &[&str] = &["current", "future", "past"];
const KINDS: &[&str] = &[
    "online",
    "offline",
    "mobile",
    "social",
    "email",
    "phone",
    "in_person",
    "other",
    "web",
];
const PRIORITIES: &[&str] = &["high", "medium", "low", "urgent"];
const LINTS: &[&str] = &[
    "negative-without-opportunity",
    "empty-stage",
    "unused-persona",
    "unused-channel",
    "missing-emotion",
    "pain-without-opportunity",
    "no-evidence",
    "warnings",
    "nope",
];
const LEVELS: &[&str] = &["allow", "warn", "deny", "forbid"];
const IMPORTS: &[&str] = &[
    "personas.yaml",
    "channels.yaml",
    "cycle.yaml",
    "bad.yaml",
    "none.yaml",
    "spec.yaml",
];

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

/// Writes YAML, cycling through the spec's scalar styles.
struct Out<'s> {
    text: String,
    styles: &'s [Style],
    next: usize,
}

impl Out<'_> {
    fn style(&mut self) -> Style {
        if self.styles.is_empty() {
            return Style::Double;
        }
        self.next += 1;
        self.styles[self.next % self.styles.len()]
    }

    /// A scalar as a value after `key: ` at `indent` (block styles continue on the next lines).
    fn scalar(&mut self, s: &str, indent: usize) -> String {
        match self.style() {
            Style::Double => double(s),
            Style::Single if !s.chars().any(char::is_control) => {
                format!("'{}'", s.replace('\'', "''"))
            }
            Style::Plain if plain_ok(s) => s.to_owned(),
            Style::Literal | Style::Folded if block_ok(s) => {
                let head = if matches!(self.style(), Style::Folded) {
                    ">"
                } else {
                    "|"
                };
                let pad = " ".repeat(indent + 2);
                let mut out = format!("{head}-\n");
                for line in s.split('\n') {
                    let _ = writeln!(out, "{pad}{line}");
                }
                out.pop();
                out
            }
            _ => double(s),
        }
    }

    fn key(&mut self, indent: usize, key: &str, value: &str) {
        let v = self.scalar(value, indent);
        let _ = writeln!(self.text, "{:indent$}{key}: {v}", "");
    }

    fn opt(&mut self, indent: usize, key: &str, value: Option<&Text>) {
        if let Some(v) = value {
            self.key(indent, key, &v.value());
        }
    }

    fn list(&mut self, indent: usize, key: &str, values: &[Text]) {
        if values.is_empty() {
            return;
        }
        let items: Vec<String> = values.iter().map(|v| double(&v.value())).collect();
        let _ = writeln!(self.text, "{:indent$}{key}: [{}]", "", items.join(", "));
    }

    fn number(&mut self, n: &Number) -> String {
        match n {
            Number::Small(i) => (i % 4).to_string(),
            Number::Int(i) => i.to_string(),
            Number::Float(f) => format!("{f:?}"),
            Number::Text(t) => double(&t.value()),
            Number::Null => "~".to_owned(),
        }
    }

    fn map(&mut self, indent: usize, key: &str, entries: &[(Text, Number)]) {
        if entries.is_empty() {
            return;
        }
        let _ = writeln!(self.text, "{:indent$}{key}:", "");
        for (k, v) in entries {
            let v = self.number(v);
            let _ = writeln!(
                self.text,
                "{:w$}{}: {v}",
                "",
                double(&k.value()),
                w = indent + 2
            );
        }
    }

    fn items(&mut self, indent: usize, key: &str, items: &[Item]) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(self.text, "{:indent$}{key}:", "");
        for it in items {
            if it.object {
                let _ = writeln!(
                    self.text,
                    "{:indent$}  - text: {}",
                    "",
                    double(&it.text.value())
                );
                if let Some(p) = it.priority {
                    let _ = writeln!(
                        self.text,
                        "{:indent$}    priority: {}",
                        "",
                        pick(PRIORITIES, p)
                    );
                }
                self.opt(indent + 4, "owner", it.owner.as_ref());
            } else {
                let v = self.scalar(&it.text.value(), indent + 2);
                let _ = writeln!(self.text, "{:indent$}  - {v}", "");
            }
        }
    }
}

/// A YAML double-quoted scalar: any text survives it.
fn double(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a plain scalar keeps `s` as text (a conservative test; the rest is double-quoted).
fn plain_ok(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || (!c.is_ascii() && !c.is_control()))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !matches!(
            s,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

fn block_ok(s: &str) -> bool {
    !s.is_empty()
        && !s.chars().any(|c| {
            c.is_control() && c != '\n'
                || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')
        })
        && s.split('\n')
            .all(|l| !l.starts_with(' ') && !l.is_empty() && !l.ends_with(' '))
}

impl Spec {
    /// The spec as YAML text.
    #[must_use]
    pub fn to_yaml(&self) -> String {
        let mut o = Out {
            text: String::new(),
            styles: &self.style,
            next: 0,
        };
        match &self.version {
            None => o.text.push_str("journeymap: 1\n"),
            Some(n) => {
                let v = o.number(n);
                let _ = writeln!(o.text, "journeymap: {v}");
            }
        }
        o.key(0, "title", &self.title.value());
        o.opt(0, "description", self.description.as_ref());
        if let Some(l) = self.locale {
            let _ = writeln!(o.text, "locale: {}", double(pick(LOCALES, l)));
        }
        if let Some(s) = self.state {
            let _ = writeln!(o.text, "state: {}", pick(STATES, s));
        }
        o.opt(0, "version", self.version_label.as_ref());
        o.opt(0, "owner", self.owner.as_ref());
        o.list(0, "tags", &self.tags);
        if let Some((min, max)) = &self.scale {
            let (min, max) = (o.number(min), o.number(max));
            let _ = writeln!(o.text, "scale: {{min: {min}, max: {max}}}");
        }
        if let Some(id) = self.loop_to {
            let _ = writeln!(o.text, "loop_to: {}", double(id.value()));
        }
        if !self.lints.is_empty() {
            o.text.push_str("lints:\n");
            for (n, l) in &self.lints {
                let _ = writeln!(o.text, "  {}: {}", pick(LINTS, *n), pick(LEVELS, *l));
            }
        }
        if !self.imports.is_empty() {
            let list: Vec<&str> = self.imports.iter().map(|i| pick(IMPORTS, *i)).collect();
            let _ = writeln!(o.text, "imports: [{}]", list.join(", "));
        }
        for (k, v) in &self.extensions {
            let key = format!("x-{}", k.value());
            let _ = writeln!(o.text, "{}: {}", double(&key), double(&v.value()));
        }
        o.text.push_str("personas:\n");
        for p in &self.personas {
            let _ = writeln!(o.text, "  - id: {}", double(p.id.value()));
            o.key(4, "name", &p.name.value());
            o.opt(4, "role", p.role.as_ref());
            o.opt(4, "avatar", p.avatar.as_ref());
            o.opt(4, "quote", p.quote.as_ref());
            o.list(4, "goals", &p.goals);
            o.map(4, "attributes", &p.attributes);
        }
        if let Some(channels) = &self.channels {
            o.text.push_str("channels:\n");
            for c in channels {
                let _ = writeln!(o.text, "  - id: {}", double(c.id.value()));
                o.key(4, "name", &c.name.value());
                if let Some(k) = c.kind {
                    let _ = writeln!(o.text, "    kind: {}", pick(KINDS, k));
                }
            }
        }
        o.text.push_str("stages:\n");
        for s in &self.stages {
            self.stage(&mut o, s);
        }
        o.text
    }

    fn stage(&self, o: &mut Out, s: &Stage) {
        o.text.push_str("  -\n");
        if let Some(id) = s.id {
            let _ = writeln!(o.text, "    id: {}", double(id.value()));
        }
        o.key(4, "name", &s.name.value());
        o.opt(4, "description", s.description.as_ref());
        o.opt(4, "goal", s.goal.as_ref());
        o.list(4, "questions", &s.questions);
        o.list(4, "kpis", &s.kpis);
        o.items(4, "pain_points", &s.pain_points);
        o.items(4, "opportunities", &s.opportunities);
        if s.touchpoints.is_empty() {
            return;
        }
        o.text.push_str("    touchpoints:\n");
        for t in &s.touchpoints {
            o.text.push_str("      -\n");
            let i = 8;
            if let Some(id) = t.id {
                let _ = writeln!(o.text, "        id: {}", double(id.value()));
            }
            o.key(i, "name", &t.name.value());
            if let Some(c) = t.channel {
                let _ = writeln!(o.text, "        channel: {}", double(c.value()));
            }
            if let Some(ps) = &t.personas {
                let ids: Vec<String> = ps.iter().map(|p| double(p.value())).collect();
                let _ = writeln!(o.text, "        personas: [{}]", ids.join(", "));
            }
            o.opt(i, "action", t.action.as_ref());
            o.opt(i, "thought", t.thought.as_ref());
            match &t.emotion {
                None => {}
                Some(Emotion::All(n)) => {
                    let v = o.number(n);
                    let _ = writeln!(o.text, "        emotion: {v}");
                }
                Some(Emotion::PerPersona(each)) => {
                    let parts: Vec<String> = each
                        .iter()
                        .map(|(id, n)| format!("{}: {}", double(id.value()), o.number(n)))
                        .collect();
                    let _ = writeln!(o.text, "        emotion: {{{}}}", parts.join(", "));
                }
                Some(Emotion::Wrong(list)) => o.list(i, "emotion", list),
            }
            o.opt(i, "feeling", t.feeling.as_ref());
            o.items(i, "pain_points", &t.pain_points);
            o.items(i, "opportunities", &t.opportunities);
            o.opt(i, "owner", t.owner.as_ref());
            o.list(i, "backstage", &t.backstage);
            if let Some(b) = t.moment_of_truth {
                let _ = writeln!(o.text, "        moment_of_truth: {b}");
            }
            o.list(i, "evidence", &t.evidence);
            o.map(i, "metrics", &t.metrics);
            if let Some((k, v)) = &t.extra {
                let _ = writeln!(
                    o.text,
                    "        {}: {}",
                    double(&k.value()),
                    double(&v.value())
                );
            }
        }
    }
}
