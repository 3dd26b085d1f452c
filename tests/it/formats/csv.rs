//! The CSV parses back, with the `csv` crate, to the model's values (`-f json`),
//! in the documented layout: one row per touchpoint, one column per persona
//! for each emotion, one per metric (and per persona with values of its own),
//! and no number cell that holds more than one value.

use super::{build, model, specs};
use crate::support::Dir;
use journeymap::locale::Labels;
use journeymap::model::Locale;
use serde_json::Value;

/// A spec's CSV and its model (`-f json`), built the same way.
struct Case {
    name: String,
    csv: String,
    model: Value,
}

/// One persona: its column is plain `Emotion`; items with priority and owner.
const SINGLE: &str = "\
journeymap: 1
title: One persona
personas:
  - {id: yuki, name: Yuki Sato}
stages:
  - id: aware
    name: Awareness
    touchpoints:
      - id: ad
        name: Sees an ad
        emotion: -1
        pain_points:
          - {text: Unclear pricing, priority: high, owner: Sales}
          - {text: '=too many ads', priority: low}
          - Slow page
        opportunities:
          - {text: Show a price, owner: Web}
        metrics: {CTR: 1.2%, Reach: 1200}
      - {name: Reads a review, metrics: {Reach: 300}}
";

/// A registry, values in the spec and in a data file, persona-specific rows,
/// a survey metric that measures emotion, and a stage-level value.
const MEASURED: &str = "\
journeymap: 1
title: Measured
locale: LOCALE
metrics:
  - {id: csat, name: CSAT, unit: '%'}
  - {id: sat, name: Satisfaction, emotion: {min: 1, max: 5}}
  - {id: visits, name: Visits}
data: [data/2026.csv]
personas:
  - {id: yuki, name: Yuki Sato}
  - {id: ken, name: Ken Ito}
stages:
  - id: aware
    name: Awareness
    metrics: {visits: 1000}
    touchpoints:
      - id: ad
        name: Sees an ad
        emotion: {yuki: 1, ken: -1}
        metrics: {csat: 72}
        pain_points: [{text: Unclear pricing, priority: high, owner: Sales}]
      - id: site
        name: Visits the site
        personas: [ken]
        emotion: 0
  - id: buy
    name: Purchase
    touchpoints:
      - {id: pay, name: Pays, emotion: {yuki: 2}}
";

const MEASURED_DATA: &str = "\
metric,value,stage,touchpoint,period,persona,n,source
sat,4,aware,ad,2026-10,,,survey
sat,2,aware,ad,2026-11,yuki,,survey
csat,80,aware,site,2026-10,ken,,survey
csat,75,aware,site,2026-11,ken,,survey
csat,90,buy,pay,2026-11,,,survey
csat,60,buy,pay,2026-11,yuki,,survey
visits,400,aware,site,2026-11,,,analytics
";

/// Every example and torture spec, and the specs above (English and Japanese,
/// and as seen by one persona).
fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = specs()
        .into_iter()
        .map(|spec| Case {
            csv: build(&spec, "csv"),
            model: model(&spec),
            name: spec,
        })
        .collect();
    let dir = Dir::new();
    dir.write("single.yaml", SINGLE);
    dir.write("measured.yaml", MEASURED.replace("LOCALE", "en"));
    dir.write("measured.ja.yaml", MEASURED.replace("LOCALE", "ja"));
    dir.write("data/2026.csv", MEASURED_DATA);
    for (spec, extra) in [
        ("single.yaml", &[][..]),
        ("measured.yaml", &[]),
        ("measured.ja.yaml", &[]),
        ("measured.yaml", &["--persona", "ken"]),
    ] {
        let run = |format: &str| {
            let mut args = vec!["build", spec, "-f", format, "-o", "-"];
            args.extend(extra);
            let r = dir.run(&args);
            assert_eq!(r.code, 0, "{spec} {extra:?} -f {format}:\n{}", r.stderr);
            r.stdout
        };
        out.push(Case {
            name: format!("{spec} {extra:?}"),
            csv: run("csv"),
            model: serde_json::from_str(&run("json")).unwrap(),
        });
    }
    out
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Text,
    /// A persona's emotion (by id).
    Emotion(String),
    /// A persona's measured emotion.
    Measured(String),
    /// A registry metric's latest value, for one persona or for all.
    Metric(String, Option<String>),
    /// A free metric (no registry), by name.
    Free(String),
}

/// The model's touchpoints with their stages, in journey order.
fn touchpoints(m: &Value) -> Vec<(&Value, &Value)> {
    m["stages"]
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
        .collect()
}

fn labels(m: &Value) -> &'static Labels {
    journeymap::locale::labels(if m["locale"] == "ja" {
        Locale::Ja
    } else {
        Locale::En
    })
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// The personas as the CSV names them (id, name): `Name (id)` when two share a name.
fn personas(m: &Value) -> Vec<(String, String)> {
    let all = list(&m["personas"]);
    all.iter()
        .map(|p| {
            let name = text(&p["name"]);
            let shared = all.iter().filter(|o| o["name"] == p["name"]).count() > 1;
            let shown = if shared {
                format!("{name} ({})", text(&p["id"]))
            } else {
                name
            };
            (text(&p["id"]), shown)
        })
        .collect()
}

/// The measures at touchpoints (stage-level ones are not rows).
fn tp_measures(m: &Value) -> impl Iterator<Item = &Value> {
    list(&m["measures"])
        .iter()
        .filter(|x| !x["touchpoint"].is_null())
}

/// The header row, with what each column holds, from the model.
fn layout(m: &Value) -> Vec<(String, Kind)> {
    let l = labels(m);
    let people = personas(m);
    let per_persona = |word: &str, kind: fn(String) -> Kind| -> Vec<(String, Kind)> {
        people
            .iter()
            .map(|(id, name)| {
                let header = if people.len() == 1 {
                    word.to_owned()
                } else {
                    format!("{word}: {name}")
                };
                (header, kind(id.clone()))
            })
            .collect()
    };
    let texts = |words: &[&str]| -> Vec<(String, Kind)> {
        words
            .iter()
            .map(|w| ((*w).to_owned(), Kind::Text))
            .collect()
    };
    let mut h = texts(&[
        l.stage,
        l.stage_id,
        l.touchpoint,
        l.touchpoint_id,
        l.personas,
        l.channel,
        l.action,
        l.thought,
    ]);
    h.extend(per_persona(l.emotion, Kind::Emotion));
    let measured = touchpoints(m).iter().any(|(_, t)| {
        t["measured_emotion"]
            .as_object()
            .is_some_and(|e| !e.is_empty())
    });
    if measured {
        h.extend(per_persona(l.measured_emotion, Kind::Measured));
    }
    h.extend(texts(&[
        l.feeling,
        l.pain_points,
        l.opportunities,
        l.owner,
        l.backstage,
        l.moment_of_truth,
        l.evidence,
    ]));
    let registry = list(&m["metrics"]);
    if registry.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for (_, t) in touchpoints(m) {
            for k in t["metrics"].as_object().into_iter().flat_map(|o| o.keys()) {
                if !names.contains(k) {
                    names.push(k.clone());
                }
            }
        }
        h.extend(names.into_iter().map(|n| (n.clone(), Kind::Free(n))));
    }
    for metric in registry {
        let id = text(&metric["id"]);
        let header = match metric["unit"].as_str() {
            Some(unit) => format!("{} ({unit})", text(&metric["name"])),
            None => text(&metric["name"]),
        };
        h.push((header.clone(), Kind::Metric(id.clone(), None)));
        for (p, name) in &people {
            if tp_measures(m).any(|x| x["metric"] == id.as_str() && x["persona"] == p.as_str()) {
                h.push((
                    format!("{header}: {name}"),
                    Kind::Metric(id.clone(), Some(p.clone())),
                ));
            }
        }
    }
    h
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(o) => o.get("name").map(text).unwrap_or_default(),
        Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join("\n"),
    }
}

/// Pain points or opportunities as documented: one per line, each with its
/// priority and owner in the locale's words.
fn items(v: &Value, m: &Value) -> String {
    let l = labels(m);
    let ja = m["locale"] == "ja";
    list(v)
        .iter()
        .map(|i| {
            let mut details = Vec::new();
            if let Some(p) = i["priority"].as_str() {
                let word = l.priority(p);
                details.push(if ja {
                    format!("優先度: {word}")
                } else {
                    format!("priority: {word}")
                });
            }
            if let Some(o) = i["owner"].as_str() {
                details.push(if ja {
                    format!("担当: {o}")
                } else {
                    format!("owner: {o}")
                });
            }
            let t = text(&i["text"]);
            match (details.is_empty(), ja) {
                (true, _) => t,
                (false, true) => format!("{t}（{}）", details.join("、")),
                (false, false) => format!("{t} ({})", details.join("; ")),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The latest value of a registry metric at a touchpoint, for a persona or all.
fn latest<'m>(m: &'m Value, metric: &str, tp: &Value, persona: Option<&str>) -> Option<&'m Value> {
    tp_measures(m)
        .find(|x| {
            x["metric"] == metric
                && x["touchpoint"] == tp["key"]
                && x["persona"].as_str() == persona
        })
        .map(|x| &x["latest"])
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

/// Whether the persona is one of the touchpoint's.
fn on(t: &Value, persona: &str) -> bool {
    list(&t["personas"]).iter().any(|p| p == persona)
}

/// The rows the CSV must hold, computed from the model.
fn expected_csv(m: &Value) -> Vec<Vec<String>> {
    let layout = layout(m);
    let names = personas(m);
    let mut rows = vec![layout.iter().map(|(h, _)| defused(h.clone())).collect()];
    for (s, t) in touchpoints(m) {
        let who = list(&t["personas"])
            .iter()
            .map(|p| names.iter().find(|(id, _)| id == p).unwrap().1.clone())
            .collect::<Vec<_>>()
            .join("\n");
        let fixed = [
            text(&s["name"]),
            text(&s["key"]),
            text(&t["name"]),
            text(&t["key"]),
            who,
            text(&t["channel"]),
            text(&t["action"]),
            text(&t["thought"]),
        ];
        let after = [
            text(&t["feeling"]),
            items(&t["pain_points"], m),
            items(&t["opportunities"], m),
            text(&t["owner"]),
            text(&t["backstage"]),
            if t["moment_of_truth"] == true {
                "★"
            } else {
                ""
            }
            .to_owned(),
            text(&t["evidence"]),
        ];
        let (mut fixed, mut after) = (fixed.into_iter(), after.into_iter());
        let row = layout.iter().map(|(_, kind)| match kind {
            Kind::Text => fixed.next().or_else(|| after.next()).unwrap(),
            // Empty where the persona is not on the touchpoint.
            Kind::Emotion(p) if on(t, p) => text(&t["emotion"][p]),
            Kind::Measured(p) if on(t, p) => text(&t["measured_emotion"][p]),
            Kind::Emotion(_) | Kind::Measured(_) => String::new(),
            Kind::Metric(id, p) => latest(m, id, t, p.as_deref()).map(text).unwrap_or_default(),
            Kind::Free(name) => text(&t["metrics"][name]),
        });
        rows.push(row.map(defused).collect());
    }
    rows
}

/// The CSV's records, after checking the BOM and the CRLF line ends.
fn records(name: &str, csv: &str) -> Vec<Vec<String>> {
    let body = csv
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("{name}: the CSV starts with a BOM"));
    // Outside quotes, every line ends with CRLF.
    let mut quoted = false;
    let mut prev = ' ';
    for c in body.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => assert_eq!(prev, '\r', "{name}: records end with CRLF"),
            _ => {}
        }
        prev = c;
    }
    assert!(
        body.ends_with("\r\n"),
        "{name}: the last record ends with CRLF"
    );
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{name}: {e}"))
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn csv_parses_back_to_the_model_values() {
    for case in cases() {
        let rows = records(&case.name, &case.csv);
        let expected = expected_csv(&case.model);
        assert_eq!(
            rows.len(),
            expected.len(),
            "{}: a header, then one row per touchpoint",
            case.name
        );
        for (i, (got, want)) in rows.iter().zip(&expected).enumerate() {
            assert_eq!(got, want, "{}: row {i}", case.name);
        }
    }
}

#[test]
fn headers_name_personas_metrics_and_units() {
    let by_name = |name: &str| {
        let case = cases().into_iter().find(|c| c.name == name).unwrap();
        records(name, &case.csv)
    };
    let header = |rows: &[Vec<String>]| rows[0][8..].join(" | ");
    let en = by_name("measured.yaml []");
    assert_eq!(
        header(&en),
        "Emotion: Yuki Sato | Emotion: Ken Ito | Measured emotion: Yuki Sato | \
         Measured emotion: Ken Ito | Feeling | Pain points | Opportunities | Owner | Backstage | \
         Moment of truth | Evidence | CSAT (%) | CSAT (%): Yuki Sato | CSAT (%): Ken Ito | \
         Satisfaction | Satisfaction: Yuki Sato | Visits"
    );
    assert_eq!(
        en[0][..8].join(" | "),
        "Stage | Stage ID | Touchpoint | Touchpoint ID | Personas | Channel | Action | Thought"
    );
    assert_eq!(en[1][13], "Unclear pricing (priority: high; owner: Sales)");
    let ja = by_name("measured.ja.yaml []");
    assert!(
        header(&ja).starts_with("感情: Yuki Sato | 感情: Ken Ito | 実測の感情: Yuki Sato"),
        "{}",
        header(&ja)
    );
    assert_eq!(ja[1][13], "Unclear pricing（優先度: 高、担当: Sales）");
    let single = by_name("single.yaml []");
    assert_eq!(single[0][8], "Emotion");
    assert_eq!(
        single[1][10],
        "Unclear pricing (priority: high; owner: Sales)\n=too many ads (priority: low)\nSlow page"
    );
    let seen_by = by_name("measured.yaml [\"--persona\", \"ken\"]");
    assert_eq!(
        header(&seen_by),
        "Emotion | Measured emotion | Feeling | Pain points | Opportunities | Owner | Backstage | \
         Moment of truth | Evidence | CSAT (%) | CSAT (%): Ken Ito | Satisfaction | Visits"
    );
}

/// A plain number as a spreadsheet reads one: no list, no unit.
fn number(cell: &str) -> Option<f64> {
    cell.parse().ok()
}

/// Every number cell holds one value, every touchpoint is one row (by its
/// stage and touchpoint ids), and a column's sum counts each touchpoint's
/// value exactly once: what a pivot table over the CSV needs.
#[test]
fn each_touchpoint_is_one_row_and_sums_count_it_once() {
    for case in cases() {
        let (name, m) = (&case.name, &case.model);
        let rows = records(name, &case.csv);
        let layout = layout(m);
        let tps = touchpoints(m);
        let ids: Vec<(String, String)> = rows[1..]
            .iter()
            .map(|r| (r[1].clone(), r[3].clone()))
            .collect();
        let keys: Vec<(String, String)> = tps
            .iter()
            .map(|(s, t)| (text(&s["key"]), text(&t["key"])))
            .collect();
        assert_eq!(ids, keys, "{name}: one row per touchpoint, by id");
        for (i, (header, kind)) in layout.iter().enumerate() {
            let want: f64 = match kind {
                Kind::Text => continue,
                Kind::Emotion(p) => tps
                    .iter()
                    .filter_map(|(_, t)| t["emotion"][p].as_f64())
                    .sum(),
                Kind::Measured(p) => tps
                    .iter()
                    .filter_map(|(_, t)| t["measured_emotion"][p].as_f64())
                    .sum(),
                Kind::Metric(id, p) => tp_measures(m)
                    .filter(|x| x["metric"] == id.as_str() && x["persona"].as_str() == p.as_deref())
                    .filter_map(|x| x["latest"].as_f64())
                    .sum(),
                Kind::Free(k) => tps
                    .iter()
                    .filter_map(|(_, t)| t["metrics"][k].as_f64())
                    .sum(),
            };
            let mut got = 0.0;
            for r in &rows[1..] {
                let cell = &r[i];
                if cell.is_empty() {
                    continue;
                }
                match number(cell) {
                    Some(v) => got += v,
                    None => assert!(
                        matches!(kind, Kind::Free(_)),
                        "{name}: `{header}` holds one number per cell, not {cell:?}"
                    ),
                }
            }
            assert!(
                (got - want).abs() < 1e-9 * want.abs().max(1.0),
                "{name}: `{header}` sums to {got}, the model's values to {want}"
            );
        }
    }
}
