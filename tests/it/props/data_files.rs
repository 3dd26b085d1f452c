//! Data files (SPEC.md §6) under a fixed spec: CSV-shaped, garbled or random
//! bytes. `check` never panics, exits 0 or 1, and places every diagnostic
//! inside the file it names (a line that exists, a column on it).

use super::hostile;
use proptest::prelude::*;

/// A registry of every kind of metric, ids to join rows to, a spec value and
/// a `{value, target}` rows can collide with, and `data: [d.csv]`.
const DATA_SPEC: &str = "\
journeymap: 1
title: Fuzzed data
personas:
  - {id: misaki, name: 田中 美咲}
  - {id: kenji, name: Kenji}
metrics:
  - {id: csat, name: 満足度 (CSAT), unit: \"%\", target: 80}
  - {id: wait, name: Wait, unit: min, better: lower, target: 10}
  - {id: survey, name: Survey, emotion: {min: 1, max: 5}}
  - {id: reach, name: Reach, funnel: true}
data: [d.csv]
stages:
  - id: awareness
    name: 認知
    metrics: {reach: 1000}
    touchpoints:
      - {id: ad, name: 広告, emotion: 1, personas: [misaki]}
      - {id: search, name: Search, emotion: {misaki: -1, kenji: 2}, metrics: {wait: {value: 3, target: 5}}}
  - id: trial
    name: 体験
    touchpoints:
      - {id: lesson, name: Lesson, emotion: -2, opportunities: [Shorter]}
";

/// A cell of `column`: mostly what a good row holds, sometimes a word the
/// spec nearly knows or a number as people write it, seldom any text.
fn data_cell(column: &str) -> BoxedStrategy<String> {
    use proptest::sample::select;
    let words = |w: &'static [&'static str]| select(w).prop_map(str::to_owned).boxed();
    let (good, bad) = match column {
        "metric" => (
            words(&["csat", "survey", "wait", "reach"]),
            words(&["cast", "満足度", "", "CSAT"]),
        ),
        "stage" => (
            words(&["", "", "awareness", "trial"]),
            words(&["認知", "awarness"]),
        ),
        "touchpoint" => (
            words(&["ad", "search", "lesson"]),
            words(&["nowhere", "広告", "insta_ad", ""]),
        ),
        "persona" => (
            words(&["", "", "", "misaki", "kenji"]),
            words(&["kenj", "田中 美咲"]),
        ),
        "period" => (
            "2026-(0[1-9]|1[0-2])(-[0-3][0-9])?".boxed(),
            words(&["", "2026年10月"]),
        ),
        "value" => (
            words(&["1", "2", "3", "4", "5", "4.5", "72", "0"]),
            words(&[
                "1,200", "12%", "3,5", "1e400", "NaN", "７２", "-1", "9", " 7 ", "",
            ]),
        ),
        "n" => (words(&["", "12", "30"]), words(&["-3", "1.5", "twelve"])),
        _ => (
            words(&["", "アンケート", "GA4 2026-10"]),
            words(&["a, b", "\"q\""]),
        ),
    };
    prop_oneof![
        40 => good,
        4 => bad,
        1 => "[a-z0-9]{0,6}",
        1 => hostile(),
    ]
    .boxed()
}

/// A CSV-shaped file: a header (usually one of data columns in any order,
/// sometimes with unknown or repeated ones), rows of cells for its columns
/// (some quoted, a few rows short or long), a separator and line ends that
/// are usually right.
fn data_table() -> impl Strategy<Value = Vec<u8>> {
    use proptest::sample::select;
    let optional = vec!["stage", "period", "persona", "n", "source"];
    let good = proptest::sample::subsequence(optional, 0..=5).prop_map(|mut c| {
        c.extend(["metric", "value", "touchpoint"]);
        c
    });
    let odd = proptest::sample::subsequence(
        vec![
            "metric",
            "value",
            "stage",
            "touchpoint",
            "period",
            "n",
            "sorce",
            "Value",
            "metric",
        ],
        0..=9,
    );
    let header = prop_oneof![9 => good, 1 => odd].prop_shuffle();
    let table = header.prop_flat_map(|header| {
        let row = header
            .iter()
            .map(|c| (data_cell(c), proptest::bool::weighted(0.15)))
            .collect::<Vec<_>>();
        let row = (row, 0..40usize);
        (Just(header), proptest::collection::vec(row, 0..8))
    });
    let sep = prop_oneof![12 => Just(","), 1 => Just(";"), 1 => Just("\t")];
    let end = select(vec!["\n", "\n", "\n", "\r\n", "\r"]);
    (table, sep, end, any::<bool>(), any::<bool>()).prop_map(
        |((header, rows), sep, end, bom, last_end)| {
            let mut out = String::new();
            if bom {
                out.push('\u{feff}');
            }
            out.push_str(&header.join(sep));
            for (cells, shape) in rows {
                out.push_str(end);
                let mut cells: Vec<String> = cells
                    .into_iter()
                    .map(|(c, quoted)| {
                        if quoted {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c
                        }
                    })
                    .collect();
                match shape {
                    0 => {
                        cells.pop(); // a row one cell short
                    }
                    1 => cells.push("extra".to_owned()),
                    2 => cells.clear(), // a blank line
                    _ => {}
                }
                out.push_str(&cells.join(sep));
            }
            if last_end {
                out.push_str(end);
            }
            out.into_bytes()
        },
    )
}

/// A CSV-shaped file with a few bytes flipped, inserted or removed (an
/// unclosed quote, a NUL, half a UTF-8 character, a Shift_JIS byte…).
fn garbled_table() -> impl Strategy<Value = Vec<u8>> {
    let edit = (any::<usize>(), any::<u8>(), 0..3u8);
    (data_table(), proptest::collection::vec(edit, 1..4)).prop_map(|(mut bytes, edits)| {
        for (at, byte, kind) in edits {
            let i = if bytes.is_empty() {
                0
            } else {
                at % bytes.len()
            };
            match kind {
                0 if !bytes.is_empty() => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ if !bytes.is_empty() => {
                    bytes.remove(i);
                }
                _ => bytes.push(byte),
            }
        }
        bytes
    })
}

fn data_file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => data_table(),
        3 => garbled_table(),
        1 => proptest::collection::vec(any::<u8>(), 0..600),
    ]
}

/// The lines of a file as the tool shows it: without a UTF-8 BOM, invalid
/// bytes and NULs each one replacement character.
fn shown_lines(bytes: &[u8]) -> Vec<usize> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
        .split('\n')
        .map(|l| l.chars().count())
        .collect()
}

/// Whether `line:column` (1-based, columns in characters) is a place in a
/// file with these line lengths (the end of a line, after its last
/// character, is a place too).
fn inside(lines: &[usize], line: &serde_json::Value, column: &serde_json::Value) -> bool {
    let (Some(line), Some(column)) = (line.as_u64(), column.as_u64()) else {
        return false;
    };
    let (Ok(line), Ok(column)) = (usize::try_from(line), usize::try_from(column)) else {
        return false;
    };
    line >= 1 && column >= 1 && lines.get(line - 1).is_some_and(|&n| column <= n + 1)
}

fn check_data_file(csv: &[u8]) -> Result<(), TestCaseError> {
    let d = crate::support::Dir::new();
    d.write("s.yaml", DATA_SPEC);
    d.write("d.csv", csv);
    let r = d.run(&["check", "s.yaml", "--message-format", "json"]);
    prop_assert!(!r.stderr.contains("panicked"), "a panic:\n{}", r.stderr);
    prop_assert!(
        r.code == 0 || r.code == 1,
        "exit code {}:\n{}",
        r.code,
        r.stderr
    );
    let files = [
        ("s.yaml", shown_lines(DATA_SPEC.as_bytes())),
        ("d.csv", shown_lines(csv)),
    ];
    for line in r.stderr.lines() {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| TestCaseError::fail(format!("not a JSON diagnostic ({e}): {line}")))?;
        let file = v["file"].as_str().unwrap_or_default();
        let Some((_, lines)) = files.iter().find(|(name, _)| *name == file) else {
            return Err(TestCaseError::fail(format!(
                "a diagnostic in another file: {line}"
            )));
        };
        prop_assert!(
            inside(lines, &v["line"], &v["column"]),
            "the start is not in {}: {}",
            file,
            line
        );
        prop_assert!(
            inside(lines, &v["end_line"], &v["end_column"]),
            "the end is not in {}: {}",
            file,
            line
        );
        let start = (v["line"].as_u64(), v["column"].as_u64());
        let end = (v["end_line"].as_u64(), v["end_column"].as_u64());
        prop_assert!(start <= end, "the end comes before the start: {}", line);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_data_file_is_checked_without_a_crash_and_placed_inside_it(csv in data_file()) {
        check_data_file(&csv)?;
    }
}

/// The data file inputs the property once failed on, and a few shapes it
/// must always cover.
#[test]
fn data_file_shapes_are_placed_inside_them() {
    for csv in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"metric,value\n",
        b"metric,touchpoint,value\r\ncsat,ad,x\r\n",
        b"metric,touchpoint,value\rcsat,ad,x\r",
        b"metric,touchpoint,value\ncsat,ad,\"unclosed\n",
        b"metric,touchpoint,value\n\n\n\ncsat,ad,x",
        b"metric,touchpoint,value\ncsat,ad,7\xff",
        b"\xff\xfem\0e\0",
    ] {
        if let Err(e) = check_data_file(csv) {
            panic!("{:?}: {e}", String::from_utf8_lossy(csv));
        }
    }
}
