//! The CSV parses back, with the `csv` crate, to the spec's values.

use super::{build, model, specs};
use serde_json::Value;

fn field_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(o) => o.get("name").map(field_text).unwrap_or_default(),
        Value::Array(a) => a
            .iter()
            .map(|i| i.get("text").map_or_else(|| field_text(i), field_text))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The documented formula guard: a `'` before `= + - @ TAB CR` unless a plain number.
fn defused(f: String) -> String {
    let body = f.strip_prefix(['+', '-']).unwrap_or(&f);
    let body = body.strip_suffix('%').unwrap_or(body);
    let number = body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if f.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number {
        format!("'{f}")
    } else {
        f
    }
}

/// The rows the CSV must hold, computed from the model.
fn expected_csv(m: &Value) -> Vec<Vec<String>> {
    let locale = if m["locale"] == "ja" {
        journeymap::model::Locale::Ja
    } else {
        journeymap::model::Locale::En
    };
    let l = journeymap::locale::labels(locale);
    let touchpoints: Vec<(&Value, &Value)> = m["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["touchpoints"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |t| (s, t))
        })
        .collect();
    let mut metrics: Vec<String> = Vec::new();
    for (_, t) in &touchpoints {
        for k in t["metrics"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            if !metrics.contains(k) {
                metrics.push(k.clone());
            }
        }
    }
    let mut rows = vec![
        [
            l.stage,
            l.touchpoint,
            l.personas,
            l.channel,
            l.action,
            l.thought,
            l.emotion,
            l.feeling,
            l.pain_points,
            l.opportunities,
            l.owner,
            l.backstage,
            l.moment_of_truth,
            l.evidence,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain(metrics.iter().cloned())
        .map(defused)
        .collect::<Vec<_>>(),
    ];
    let all = m["personas"].as_array().unwrap();
    let name = |id: &Value| {
        let p = all.iter().find(|p| p["id"] == *id).unwrap();
        let shared = all.iter().filter(|o| o["name"] == p["name"]).count() > 1;
        let name = field_text(&p["name"]);
        if shared {
            format!("{name} ({})", field_text(id))
        } else {
            name
        }
    };
    for (s, t) in touchpoints {
        let emotion = t["emotion"].as_object().unwrap();
        let personas = t["personas"].as_array().unwrap();
        let mut values: Vec<String> = emotion.values().map(field_text).collect();
        values.dedup();
        let split = !emotion.is_empty() && (values.len() > 1 || emotion.len() != personas.len());
        let groups: Vec<(String, String)> = if split {
            personas
                .iter()
                .map(|p| {
                    let e = emotion
                        .get(p.as_str().unwrap())
                        .map(field_text)
                        .unwrap_or_default();
                    (name(p), e)
                })
                .collect()
        } else {
            let who: Vec<String> = personas.iter().map(name).collect();
            vec![(who.join("\n"), values.first().cloned().unwrap_or_default())]
        };
        for (who, e) in groups {
            let mut row = vec![
                field_text(&s["name"]),
                field_text(&t["name"]),
                who,
                field_text(&t["channel"]),
                field_text(&t["action"]),
                field_text(&t["thought"]),
                e,
                field_text(&t["feeling"]),
                field_text(&t["pain_points"]),
                field_text(&t["opportunities"]),
                field_text(&t["owner"]),
                field_text(&t["backstage"]),
                if t["moment_of_truth"] == true {
                    "★"
                } else {
                    ""
                }
                .to_owned(),
                field_text(&t["evidence"]),
            ];
            row.extend(metrics.iter().map(|k| field_text(&t["metrics"][k])));
            rows.push(row.into_iter().map(defused).collect());
        }
    }
    rows
}

#[test]
fn csv_parses_back_to_the_spec_values() {
    for spec in specs() {
        let csv = build(&spec, "csv");
        let body = csv
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{spec}: the CSV starts with a BOM"));
        // Outside quotes, every line ends with CRLF.
        let mut quoted = false;
        let mut prev = ' ';
        for c in body.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => assert_eq!(prev, '\r', "{spec}: records end with CRLF"),
                _ => {}
            }
            prev = c;
        }
        assert!(
            body.ends_with("\r\n"),
            "{spec}: the last record ends with CRLF"
        );
        let rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| {
                r.unwrap_or_else(|e| panic!("{spec}: {e}"))
                    .iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        let expected = expected_csv(&model(&spec));
        assert_eq!(
            rows.len(),
            expected.len(),
            "{spec}: one row per touchpoint (and persona)"
        );
        for (i, (got, want)) in rows.iter().zip(&expected).enumerate() {
            assert_eq!(got, want, "{spec}: row {i}");
        }
    }
}
