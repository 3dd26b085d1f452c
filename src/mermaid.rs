//! The Mermaid `journey` diagram of a journey (`-f mermaid`, and the block in `-f md`).

use crate::model::Journey;
use std::fmt::Write as _;

/// The bare diagram text (no code fence), ending with a newline.
#[must_use]
pub fn diagram(journey: &Journey) -> String {
    let mut out = String::from("journey\n");
    let _ = writeln!(out, "    title {}", field(&journey.title));
    for s in &journey.stages {
        let _ = writeln!(out, "    section {}", field(&s.name));
        for t in &s.touchpoints {
            let score = t.uniform_emotion().map_or(3, |v| score(v.0, journey));
            let actors: Vec<String> = t
                .personas
                .iter()
                .filter_map(|p| journey.persona(p))
                .map(|p| field(&p.name))
                .collect();
            let _ = writeln!(
                out,
                "      {}: {score}: {}",
                field(&t.name),
                actors.join(", ")
            );
        }
    }
    out
}

/// Map an emotion on the spec's scale onto Mermaid's 1..5.
fn score(v: f64, j: &Journey) -> i64 {
    let (min, max) = (j.scale.min.0, j.scale.max.0);
    #[allow(clippy::cast_possible_truncation)]
    let s = (1.0 + (v - min) / (max - min) * 4.0).round() as i64;
    s.clamp(1, 5)
}

/// Make spec text safe for one Mermaid journey field.
fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            ',' => out.push_str("#44;"),
            '%' => out.push_str("#37;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
