//! The Mermaid `journey` diagram of a journey (`-f mermaid`, and the block in `-f md`).
//!
//! # What the diagram shows
//!
//! - The title is the journey's title, each stage is a `section`, each touchpoint a
//!   task, and the touchpoint's personas are its actors (their names).
//! - **Score**: the spec's scale is mapped linearly onto Mermaid's 1..5 and rounded,
//!   halves up: `min` → 1, the midpoint → 3, `max` → 5 (on the default -2..2 scale,
//!   -2 → 1, -1 → 2, 0 → 3, 1 → 4, 2 → 5).
//! - **Emotions that differ by persona**: Mermaid has one score per task, so such a
//!   touchpoint becomes one task per distinct score, each listing only the personas
//!   who feel it (groups in persona order). Personas whose emotions map onto the same
//!   score share a task. Nothing is averaged away.
//! - **No emotion**: Mermaid needs a score, so a touchpoint (or a persona of it) without
//!   an emotion is drawn at the neutral 3 and its name ends with ` (?)`, so nobody reads
//!   the neutral face as a measured one.
//! - A moment of truth starts with `★ `.
//! - A stage without touchpoints keeps its `section` line; Mermaid draws no box for it.
//! - Mermaid merges consecutive tasks of equally named sections into one box, so a
//!   stage named like the previous drawn one gets its position appended: `Trial (4)`.
//! - Two personas with the same name are told apart as `Name (id)`.
//! - Mermaid refuses a diagram over 50 000 characters, so a bigger one is drawn with
//!   task and persona names shortened (to 60, 40, 24, then 12 characters, ending in
//!   `…`) until it fits.
//!
//! # Escaping, per field
//!
//! Mermaid's journey lexer ends a statement at `;`, starts a comment at `#` and `%`,
//! ends a line at a newline, splits a task into name, score and actors at `:`, and
//! the actor list at `,`. Its escape hatch is the entity code `#NN;` (decimal), which
//! Mermaid swaps out before lexing and renders as the character. So every field is
//! first flattened: line breaks, tabs and other control characters become a space,
//! runs of spaces become one, and the ends are trimmed. Then:
//!
//! | character | title | section | task | actor | why |
//! |---|---|---|---|---|---|
//! | `;` → `#59;` | ✓ | ✓ | ✓ | ✓ | ends the statement (the diagram fails) |
//! | `#` → `#35;` | ✓ | ✓ | ✓ | ✓ | starts a comment |
//! | `%` → `#37;` | ✓ | ✓ | ✓ | ✓ | `%` and `%%` start comments, `%%{` a directive |
//! | `:` → `#58;` | ✓ | ✓ | ✓ | ✓ | separates task fields; `style…:…#…;` eats a `;` |
//! | `<` → `#60;` | ✓ | ✓ | ✓ | ✓ | a task name splits at `<br>`; tags are rewritten |
//! | `,` → `#44;` | | | | ✓ | separates actors |
//! | `ﬂ` `¶` → `#64258;` `#182;` | ✓ | ✓ | ✓ | ✓ | Mermaid's own placeholders for entities |
//! | first letter of `title`, `section`, `journey`, `accTitle`, `accDescr` | | ✓ | ✓ | | a name starting with a keyword is read as that statement |
//!
//! `,` stays as written in titles, sections and tasks (Mermaid reads it as text there),
//! and so do `&`, quotes, `>` and every other character, Japanese and emoji included.

use super::{FormatDef, RenderError, Renderer};
use crate::model::Journey;
use crate::present::{Mood, Presentation, TpLook};
use indexmap::IndexMap;
use std::fmt::Write as _;

pub const FORMAT: FormatDef = FormatDef {
    name: "mermaid",
    extension: "mmd",
    about: "the bare Mermaid `journey` diagram (.mmd)",
    write,
};

fn write(_: &Renderer, p: &Presentation, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    w.write_all(diagram(p).as_bytes()).map_err(RenderError::Io)
}

/// The bare diagram text (no code fence), ending with a newline.
#[must_use]
pub fn diagram(p: &Presentation) -> String {
    let mut out = render(p, None);
    for limit in [60, 40, 24, 12] {
        if out.encode_utf16().count() <= MAX_TEXT {
            break;
        }
        out = render(p, Some(limit));
    }
    out
}

/// Mermaid refuses to draw a longer diagram (its `maxTextSize`, in UTF-16 units).
const MAX_TEXT: usize = 50_000;

/// The diagram, with task and actor names shortened to `limit` characters if given.
fn render(p: &Presentation, limit: Option<usize>) -> String {
    let journey = p.journey;
    let actors = actor_names(journey, limit);
    let mut tps = p.touchpoints().iter();
    let mut out = String::from("journey\n");
    let title = escape(&journey.title, Field::Title);
    if !title.is_empty() {
        let _ = writeln!(out, "    title {title}");
    }
    let mut last_drawn: Option<String> = None;
    for (i, s) in journey.stages.iter().enumerate() {
        let mut name = escape(&s.name, Field::Section);
        if name.is_empty() || last_drawn.as_deref() == Some(name.as_str()) {
            name = format!("{name} ({})", i + 1).trim_start().to_owned();
        }
        let _ = writeln!(out, "    section {name}");
        if !s.touchpoints.is_empty() {
            last_drawn = Some(name);
        }
        for t in tps.by_ref().take(s.touchpoints.len()) {
            write_tasks(&mut out, t, &actors, limit);
        }
    }
    out
}

/// One line per distinct score of the touchpoint (see the module doc).
fn write_tasks(
    out: &mut String,
    look: &TpLook,
    actors: &IndexMap<&str, String>,
    limit: Option<usize>,
) {
    let t = look.tp;
    let mut name = label(&t.name, Field::Task, limit);
    if name.is_empty() {
        name = escape(&t.key, Field::Task);
    }
    if t.moment_of_truth {
        name.insert_str(0, "★ ");
    }
    for (score, who) in groups(look) {
        let _ = write!(out, "      {name}");
        if score.is_none() {
            out.push_str(" (?)");
        }
        let _ = write!(out, ": {}", score.unwrap_or(3));
        let names: Vec<&str> = who
            .iter()
            .filter_map(|id| actors.get(id).map(String::as_str))
            .collect();
        if !names.is_empty() {
            let _ = write!(out, ": {}", names.join(", "));
        }
        out.push('\n');
    }
}

/// The touchpoint's personas grouped by Mermaid score (the 1–5 bucket;
/// `None`: no emotion), in persona order.
fn groups<'t>(t: &'t TpLook) -> Vec<(Option<u8>, Vec<&'t str>)> {
    let personas: Vec<&str> = t.tp.personas.iter().map(String::as_str).collect();
    match &t.mood {
        Mood::None => vec![(None, personas)],
        Mood::Same(v) => vec![(Some(v.bucket), personas)],
        Mood::Each(each) => {
            let mut out: Vec<(Option<u8>, Vec<&str>)> = Vec::new();
            for (p, v) in each {
                let s = v.as_ref().map(|v| v.bucket);
                match out.iter_mut().find(|(g, _)| *g == s) {
                    Some((_, who)) => who.push(p),
                    None => out.push((s, vec![p])),
                }
            }
            out
        }
    }
}

/// Each persona's actor name, escaped; equal names are told apart by the id.
fn actor_names(j: &Journey, limit: Option<usize>) -> IndexMap<&str, String> {
    let plain: Vec<String> = j
        .personas
        .iter()
        .map(|p| label(&p.name, Field::Actor, limit))
        .collect();
    j.personas
        .iter()
        .zip(&plain)
        .map(|(p, name)| {
            let shared = plain.iter().filter(|n| *n == name).count() > 1;
            let actor = if name.is_empty() || shared {
                format!("{name} ({})", escape(&p.id, Field::Actor))
                    .trim_start()
                    .to_owned()
            } else {
                name.clone()
            };
            (p.id.as_str(), actor)
        })
        .collect()
}

/// The kind of text being escaped: each has its own sharp edges (see the module doc).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Title,
    Section,
    Task,
    Actor,
}

/// Make spec text safe for one field of a Mermaid journey line.
fn escape(s: &str, field: Field) -> String {
    label(s, field, None)
}

/// [`escape`], after shortening the text to `limit` characters (ending in `…`).
fn label(s: &str, field: Field, limit: Option<usize>) -> String {
    let mut flat = flatten(s);
    if let Some(limit) = limit
        && flat.chars().count() > limit
    {
        flat = flat
            .chars()
            .take(limit.saturating_sub(1))
            .collect::<String>();
        flat = format!("{}…", flat.trim_end());
    }
    let keyword = matches!(field, Field::Section | Field::Task) && starts_with_keyword(&flat);
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, c) in flat.chars().enumerate() {
        let code = match c {
            ';' | '#' | '%' | ':' | '<' | '\u{FB02}' | '\u{B6}' => true,
            ',' => field == Field::Actor,
            _ => i == 0 && keyword,
        };
        if code {
            let _ = write!(out, "#{};", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// One line: line breaks, tabs and control characters become spaces, runs of spaces one, ends trimmed.
fn flatten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // JavaScript's `\s` (Mermaid's lexer) also counts the byte-order mark as space.
        if c.is_whitespace() || c.is_control() || c == '\u{feff}' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether Mermaid's lexer would read the start of this name as a keyword (it ignores case).
fn starts_with_keyword(s: &str) -> bool {
    ["journey", "title", "section", "acctitle", "accdescr"]
        .iter()
        .any(|k| {
            s.get(..k.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(k))
                && !s[k.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_per_field() {
        use Field::{Actor, Section, Task, Title};
        let table: &[(Field, &str, &str)] = &[
            (Task, "Reads the pricing page", "Reads the pricing page"),
            (Task, "a; b", "a#59; b"),
            (Task, "C# and F#", "C#35; and F#35;"),
            (Task, "100% %% 50%", "100#37; #37;#37; 50#37;"),
            (Task, "%%{init: {}}%%", "#37;#37;{init#58; {}}#37;#37;"),
            (Task, "time: 10:30", "time#58; 10#58;30"),
            (Task, "a, b", "a, b"),
            (Actor, "Feld, Marcus", "Feld#44; Marcus"),
            (Actor, "Dana: CTO", "Dana#58; CTO"),
            (
                Title,
                "Tideline, from first touch",
                "Tideline, from first touch",
            ),
            (Title, "title: x", "title#58; x"),
            (Section, "a, b: c", "a, b#58; c"),
            (Task, "<br>x", "#60;br>x"),
            (
                Task,
                "line one\nline two\r\n\tend ",
                "line one line two end",
            ),
            (Task, "  padded\u{2028}text  ", "padded text"),
            (Task, "\u{feff}a\u{feff}", "a"),
            (Task, "title page", "#116;itle page"),
            (Task, "Title", "#84;itle"),
            (Task, "titles", "titles"),
            (Task, "section 2", "#115;ection 2"),
            (Section, "Journey's end", "#74;ourney's end"),
            (Section, "journeys", "journeys"),
            (Task, "accDescr { x }", "#97;ccDescr { x }"),
            (Actor, "title", "title"),
            (Title, "journey", "journey"),
            (Task, "料金ページ 🎉", "料金ページ 🎉"),
            (Task, "ﬂ°°58¶ß", "#64258;°°58#182;ß"),
            (Task, "&amp; \"q\" 'q' >", "&amp#59; \"q\" 'q' >"),
        ];
        for (field, input, expected) in table {
            assert_eq!(escape(input, *field), *expected, "{field:?} {input:?}");
        }
    }

    #[test]
    fn a_huge_journey_is_shortened_to_what_mermaid_accepts() {
        let mut yaml = String::from(
            "journeymap: 1\ntitle: Huge\npersonas:\n  - {id: a, name: Alexandra Longname-Persona}\n  - {id: b, name: Bartholomew Longname-Persona}\nstages:\n",
        );
        for s in 0..20 {
            yaml.push_str(&format!("  - name: Stage {s}\n    touchpoints:\n"));
            for t in 0..20 {
                yaml.push_str(&format!(
                    "      - {{name: '{} {s}.{t}', emotion: {{a: -2, b: 2}}}}\n",
                    "A touchpoint name that is rather long;".repeat(3)
                ));
            }
        }
        let j = journey(&yaml);
        let i = crate::insight::insights(&j);
        let p = Presentation::new(&j, &i);
        assert!(render(&p, None).encode_utf16().count() > MAX_TEXT);
        let d = diagram(&p);
        assert!(d.encode_utf16().count() <= MAX_TEXT, "{}", d.len());
        assert_eq!(d.lines().filter(|l| l.starts_with("      ")).count(), 800);
        assert!(d.contains(": 1: Alexandra Longname"));
        let small = journey(crate_minimal());
        let i = crate::insight::insights(&small);
        let p = Presentation::new(&small, &i);
        assert_eq!(diagram(&p), render(&p, None));
    }

    #[test]
    fn keywords_need_a_word_boundary() {
        for (s, kw) in [
            ("journey", true),
            ("journey-map", true),
            ("journeyman", false),
            ("SECTION x", true),
            ("sectional", false),
            ("acctitle: x", true),
            ("tit", false),
            ("", false),
            ("日本", false),
        ] {
            assert_eq!(starts_with_keyword(s), kw, "{s:?}");
        }
    }

    fn journey(yaml: &str) -> Journey {
        let c = crate::compile_str("t.yaml", yaml, &crate::lint::CliLevels::default());
        c.journey
            .unwrap_or_else(|| panic!("spec compiles: {:?}", c.diagnostics))
    }

    fn crate_minimal() -> &'static str {
        "journeymap: 1\ntitle: t\npersonas: [{id: a, name: A}]\nstages: [{name: S, touchpoints: [{name: T, emotion: 1}]}]\n"
    }

    #[test]
    fn diverging_emotions_become_one_task_per_score() {
        let j = journey(
            "journeymap: 1
title: 'Pricing: a; b # c'
personas:
  - {id: a, name: 'Ann, CTO'}
  - {id: b, name: Bob}
  - {id: c, name: Cy}
  - {id: d, name: Bob}
stages:
  - name: Consider
    touchpoints:
      - {name: Pricing, emotion: {a: -2, b: 1, c: -2, d: 1}, moment_of_truth: true}
      - {name: Demo, personas: [b], emotion: 2}
      - {name: Email, personas: [a, c]}
      - {name: Call, emotion: {a: 0}, personas: [a, b]}
  - name: Consider
  - name: Consider
    touchpoints:
      - {name: 'title: Renewal', emotion: -1}
",
        );
        let expected = "journey
    title Pricing#58; a#59; b #35; c
    section Consider
      ★ Pricing: 1: Ann#44; CTO, Cy
      ★ Pricing: 4: Bob (b), Bob (d)
      Demo: 5: Bob (b)
      Email (?): 3: Ann#44; CTO, Cy
      Call: 3: Ann#44; CTO
      Call (?): 3: Bob (b)
    section Consider (2)
    section Consider (3)
      #116;itle#58; Renewal: 2: Ann#44; CTO, Bob (b), Cy, Bob (d)
";
        let i = crate::insight::insights(&j);
        assert_eq!(diagram(&Presentation::new(&j, &i)), expected);
    }
}
