//! The journey as CSV (`-f csv`): one row per touchpoint, for spreadsheets.

use crate::model::Journey;

/// The CSV text, UTF-8 with a BOM, CRLF line ends (RFC 4180).
#[must_use]
pub fn render(journey: &Journey) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "stage",
        "touchpoint",
        "channel",
        "action",
        "thought",
        "emotion",
        "feeling",
        "owner",
    ];
    line(&mut out, header.iter().map(|s| (*s).to_owned()));
    for s in &journey.stages {
        for t in &s.touchpoints {
            line(
                &mut out,
                [
                    s.name.clone(),
                    t.name.clone(),
                    t.channel
                        .as_ref()
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    t.action.clone().unwrap_or_default(),
                    t.thought.clone().unwrap_or_default(),
                    t.uniform_emotion()
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    t.feeling.clone().unwrap_or_default(),
                    t.owner.clone().unwrap_or_default(),
                ]
                .into_iter(),
            );
        }
    }
    out
}

fn line(out: &mut String, fields: impl Iterator<Item = String>) {
    let quoted: Vec<String> = fields.map(|f| quote(&f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// RFC 4180: quote a field that holds a comma, a quote or a line break.
fn quote(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_owned()
    }
}
