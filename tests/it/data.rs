//! Hostile data files (SPEC.md §6 "Data files"): whatever a `data:` entry
//! points at, the tool ends with an exit code from SPEC.md §3 (never a panic),
//! names the place (`file:line:col`) where there is one, and `build` writes
//! nothing for a spec with errors. Also: the place of a CSV diagnostic in the
//! `json` and `github` message formats, and the row cap at 10⁶ rows.
//!

use crate::support::{Dir, jm};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A spec with a registry and `data: [d.csv]` on line 9, column 8.
const SPEC: &str = "\
journeymap: 1
title: Measured data
personas:
  - {id: misaki, name: 田中 美咲}
  - {id: kenji, name: Kenji}
metrics:
  - {id: csat, name: 満足度 (CSAT), unit: \"%\", target: 80}
  - {id: survey, name: Survey, emotion: {min: 1, max: 5}}
data: [d.csv]
stages:
  - id: awareness
    name: 認知
    touchpoints:
      - {id: ad, name: 広告, emotion: 1, personas: [misaki]}
  - id: trial
    name: Trial
    touchpoints:
      - {id: lesson, name: Lesson, emotion: 1, opportunities: [Shorter lesson]}
";

/// Where `data:`'s first entry is in [`SPEC`].
const DATA_ENTRY: &str = "s.yaml:9:8";

/// The header every generated file starts with.
const HEADER: &str = "metric,stage,touchpoint,persona,period,value,n,source\n";

struct Outcome {
    code: i32,
    stderr: String,
    elapsed: Duration,
}

/// Run the binary in `dir`, failing the test if it panics, exits with a code
/// SPEC.md §3 does not know, or is still running after `limit`.
fn run_bounded(dir: &Dir, args: &[&str], limit: Duration) -> Outcome {
    let start = Instant::now();
    let mut child = jm()
        .current_dir(dir.path())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read stderr on a thread: a long report must not fill the pipe and stall.
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut pipe, &mut s).unwrap();
        String::from_utf8_lossy(&s).into_owned()
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("journeymap {args:?} did not finish in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let stderr = reader.join().unwrap();
    let code = status.code().unwrap_or(-1);
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    assert!(
        [0, 1, 2].contains(&code),
        "{args:?}: exit code {code} is not one of SPEC.md §3's\n{stderr}"
    );
    Outcome {
        code,
        stderr,
        elapsed,
    }
}

const QUICK: Duration = Duration::from_secs(30);

/// The names of the files in `dir`, sorted, recursively.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(listing(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out.sort();
    out
}

/// A folder with `s.yaml` (`spec`) and the data files.
fn folder(spec: &str, files: &[(&str, &[u8])]) -> Dir {
    let d = Dir::new();
    d.write("s.yaml", spec);
    for (name, bytes) in files {
        d.write(name, bytes);
    }
    d
}

/// `check s.yaml` fails (exit 1) naming every place in `places` (as
/// `--> file:line:col`) and saying `words`; `build s.yaml` fails too and
/// writes nothing. Returns what `check` printed.
fn refused_in(d: &Dir, places: &[&str], words: &str) -> String {
    let r = run_bounded(d, &["check", "s.yaml"], QUICK);
    assert_eq!(r.code, 1, "check exits 1:\n{}", r.stderr);
    for place in places {
        assert!(
            r.stderr.contains(&format!("--> {place}")),
            "expected `--> {place}` in\n{}",
            r.stderr
        );
    }
    assert!(
        r.stderr.contains(words),
        "expected `{words}` in\n{}",
        r.stderr
    );
    let before = listing(d.path());
    let b = run_bounded(d, &["build", "s.yaml", "-f", "html", "-f", "json"], QUICK);
    assert_eq!(b.code, 1, "build exits 1:\n{}", b.stderr);
    assert_eq!(
        listing(d.path()),
        before,
        "build writes nothing for a spec with errors"
    );
    r.stderr
}

/// [`refused_in`] for [`SPEC`] with `d.csv` holding `csv`.
fn refused(csv: &[u8], places: &[&str], words: &str) -> String {
    let d = folder(SPEC, &[("d.csv", csv)]);
    refused_in(&d, places, words)
}

/// Pseudo-random bytes (a fixed sequence, so failures repeat).
fn garbage(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[1]
        })
        .collect()
}

#[test]
fn a_clean_file_builds() {
    let csv = format!(
        "{HEADER}csat,awareness,ad,,2026-10,72,12,アンケート\ncsat,,lesson,kenji,2026-10,81,,\nsurvey,,ad,misaki,2026-11,4,30,\n"
    );
    let d = folder(SPEC, &[("d.csv", csv.as_bytes())]);
    let r = run_bounded(&d, &["build", "s.yaml", "-f", "json"], QUICK);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&d.read("s.json")).unwrap();
    let text = json.to_string();
    assert!(text.contains("アンケート"), "the source is kept: {text}");
}

#[test]
fn a_persona_view_leaves_out_the_values_of_touchpoints_it_does_not_show() {
    // Found by the `bytes` fuzzer: csat is off target at `ad`, which only misaki
    // sees; `--persona kenji` failed in the template (the off-target insight
    // linked `ad`, not on kenji's map).
    let csv = format!("{HEADER}csat,,ad,,2026-11,50,,\ncsat,,lesson,,2026-11,60,,\n");
    let d = folder(SPEC, &[("d.csv", csv.as_bytes())]);
    let r = run_bounded(
        &d,
        &["build", "s.yaml", "--persona", "kenji", "-o", "k.html"],
        QUICK,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = d.read("k.html");
    assert!(
        html.contains("Lesson"),
        "kenji's touchpoint and its value are shown"
    );
    assert!(
        !html.contains("広告"),
        "misaki's touchpoint is not on kenji's map"
    );
    let r = run_bounded(
        &d,
        &["build", "s.yaml", "--persona", "misaki", "-o", "m.html"],
        QUICK,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(d.read("m.html").contains("広告"));
}

#[test]
fn binary_garbage_is_not_text() {
    // Random bytes: refused as a whole, at the first bad byte of line 1.
    let mut bytes = garbage(100_000, 7);
    bytes[10] = 0; // at least one NUL, early
    let stderr = refused(&bytes, &["d.csv:1:"], "error[JM0402]");
    assert!(
        stderr.contains("data file is not") && stderr.len() < 4_000,
        "one short diagnostic, not the file:\n{}",
        &stderr[..stderr.len().min(4_000)]
    );
    // A header, then a NUL in the second row: the place is that byte.
    let mut csv = b"metric,touchpoint,value\ncsat,ad,".to_vec();
    csv.extend_from_slice(&[0, 1, 2, 0xff, b'\n']);
    refused(&csv, &["d.csv:2:9"], "data file is not text");
}

#[test]
fn a_200_mb_file_is_refused_by_its_size_without_reading_it() {
    let d = folder(SPEC, &[]);
    let f = std::fs::File::create(d.path().join("d.csv")).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: nothing is written
    drop(f);
    let r = run_bounded(&d, &["check", "s.yaml"], QUICK);
    eprintln!("200 MB data file refused in {:?}", r.elapsed);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "cannot read data file `d.csv`: file is too large (200 MiB; journeymap reads data files up to 64 MiB)"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("--> {DATA_ENTRY}")),
        "{}",
        r.stderr
    );
    refused_in(&d, &[DATA_ENTRY], "error[JM0401]");
}

/// `rows` data rows over the spec's places, every one distinct.
fn rows(rows: usize) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::with_capacity(rows * 40);
    out.extend_from_slice(HEADER.as_bytes());
    for i in 0..rows {
        let (tp, persona) = if i % 2 == 0 {
            ("ad", "misaki")
        } else {
            ("lesson", "")
        };
        writeln!(
            out,
            "csat,,{tp},{persona},d{:07},{},{},web",
            i / 2,
            50 + i % 50,
            i % 90
        )
        .unwrap();
    }
    out
}

/// 10⁶ rows is the cap (SPEC.md §6 asks for 10⁵ in 0.2 s; this is ten times
/// that): they are read, the spec is clean. Time and memory are measured
/// outside the tests (`/usr/bin/time`), not asserted here.
#[test]
fn a_million_rows_are_read() {
    let d = folder(SPEC, &[("d.csv", &rows(1_000_000))]);
    let r = run_bounded(&d, &["check", "s.yaml"], Duration::from_secs(300));
    eprintln!("10^6 rows checked in {:?} (debug build)", r.elapsed);
    assert_eq!(r.code, 0, "{}", &r.stderr[..r.stderr.len().min(4_000)]);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
}

#[test]
fn one_row_past_the_cap_is_an_error_at_that_row() {
    let spec = SPEC.replace("data: [d.csv]", "data: [d.csv, e.csv]");
    let e = format!("{HEADER}csat,,lesson,,e1,70,,\n");
    let d = folder(
        &spec,
        &[("d.csv", &rows(1_000_000)), ("e.csv", e.as_bytes())],
    );
    let r = run_bounded(&d, &["check", "s.yaml"], Duration::from_secs(300));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[JM0005]: too many data rows (a journey reads at most 1000000)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--> e.csv:2:1"), "{}", r.stderr);
}

#[test]
fn ragged_rows_are_named_each() {
    let csv = "metric,touchpoint,value\ncsat,ad,72\ncsat,lesson,1,200\ncsat,lesson\ncsat,ad\n";
    let stderr = refused(
        csv.as_bytes(),
        &["d.csv:3:1", "d.csv:4:1", "d.csv:5:1"],
        "row has 4 cells, the header 3",
    );
    assert!(stderr.contains("row has 2 cells, the header 3"), "{stderr}");
}

#[test]
fn a_file_without_a_header_is_refused_at_line_1() {
    refused(
        b"csat,ad,72\ncsat,lesson,64\n",
        &["d.csv:1:1"],
        "unknown column `csat`",
    );
}

#[test]
fn invalid_utf8_is_refused_at_the_first_bad_byte() {
    refused(
        b"metric,touchpoint,value\ncsat,ad,7\xff2\n",
        &["d.csv:2:10"],
        "error[JM0402]: data file is not UTF-8",
    );
}

#[test]
fn a_latin1_export_is_named() {
    refused(
        b"metric,touchpoint,value,source\ncsat,ad,72,Caf\xe9\n",
        &["d.csv:2:15"],
        "it looks like Latin-1 or Windows-1252",
    );
}

#[test]
fn a_shift_jis_export_is_named() {
    // metric,touchpoint,value,source / csat,ad,72,アンケート in Shift_JIS (CP932).
    let mut csv = b"metric,touchpoint,value,source\ncsat,ad,72,".to_vec();
    csv.extend_from_slice(&[
        0x83, 0x41, 0x83, 0x93, 0x83, 0x50, 0x81, 0x5B, 0x83, 0x67, b'\n',
    ]);
    let stderr = refused(&csv, &["d.csv:2:12"], "it looks like Shift_JIS");
    assert!(stderr.contains("iconv -f CP932 -t UTF-8"), "{stderr}");
}

#[test]
fn a_utf16_export_is_named() {
    let mut csv = vec![0xFF, 0xFE];
    for u in "metric,touchpoint,value\ncsat,ad,72\n".encode_utf16() {
        csv.extend_from_slice(&u.to_le_bytes());
    }
    refused(&csv, &["d.csv:1:1"], "it looks like UTF-16");
}

#[test]
fn a_utf8_bom_is_accepted_and_not_counted_in_columns() {
    let d = folder(
        SPEC,
        &[(
            "d.csv",
            "\u{feff}metric,touchpoint,value\ncsat,ad,72\n".as_bytes(),
        )],
    );
    let r = run_bounded(&d, &["check", "s.yaml"], QUICK);
    assert_eq!(r.code, 0, "{}", r.stderr);
    refused(
        "\u{feff}metric,touchpoint,valu\ncsat,ad,72\n".as_bytes(),
        &["d.csv:1:19"],
        "unknown column `valu`",
    );
}

#[test]
fn a_folder_is_not_a_data_file() {
    let d = folder(SPEC, &[("d.csv/inside.csv", b"metric,value\n")]);
    refused_in(&d, &[DATA_ENTRY], "`d.csv`: it is a folder, not a file");
}

#[test]
fn a_missing_file_is_named_with_where_it_was_looked_for() {
    let spec = SPEC.replace("data: [d.csv]", "data: [data/2026-10.csv]");
    let d = folder(&spec, &[]);
    let stderr = refused_in(&d, &[DATA_ENTRY], "no such file");
    assert!(stderr.contains("looked for data/2026-10.csv"), "{stderr}");
}

#[test]
fn the_spec_itself_as_a_data_file_is_an_error_not_a_crash() {
    let spec = SPEC.replace("data: [d.csv]", "data: [s.yaml]");
    let d = folder(&spec, &[]);
    // Read as CSV, its first line is not a header of data columns.
    refused_in(&d, &["s.yaml:1:1"], "error[JM0403]");
}

#[test]
fn an_import_that_carries_data_is_an_error() {
    let spec = SPEC
        .replace("data: [d.csv]\n", "")
        .replace("personas:\n", "imports: [people.yaml]\npersonas:\n");
    let people = "personas:\n  - {id: hana, name: Hana}\ndata: [d.csv]\n";
    let csv = format!("{HEADER}csat,,ad,,2026-10,72,,\n");
    let d = folder(
        &spec,
        &[
            ("people.yaml", people.as_bytes()),
            ("d.csv", csv.as_bytes()),
        ],
    );
    refused_in(
        &d,
        &["people.yaml:3:1"],
        "unknown key `data` in an imported file",
    );
}

#[test]
fn data_without_a_registry_is_an_error_at_the_entry() {
    let spec = SPEC
        .replace(
            "  - {id: csat, name: 満足度 (CSAT), unit: \"%\", target: 80}\n  - {id: survey, name: Survey, emotion: {min: 1, max: 5}}\n",
            "",
        )
        .replace("metrics:\n", "");
    let d = folder(
        &spec,
        &[("d.csv", b"metric,touchpoint,value\ncsat,ad,72\n")],
    );
    refused_in(
        &d,
        &["s.yaml:6:8"],
        "error[JM0407]: `data` needs a `metrics` registry",
    );
}

#[test]
fn thousands_of_bad_rows_are_capped_and_quick() {
    let mut csv = String::from("metric,touchpoint,value\n");
    for i in 0..100_000 {
        csv.push_str(&format!("csat,ad,x{i}y\n"));
    }
    let stderr = refused(csv.as_bytes(), &["d.csv:2:9"], "more errors not shown");
    assert!(
        stderr.matches("error[").count() <= 101,
        "at most 100 errors and the count of the rest"
    );
}

#[test]
fn a_very_long_cell_gives_the_place_without_the_line() {
    let long = "長い".repeat(200_000);
    let csv = format!("metric,touchpoint,source,value\ncsat,ad,{long},bad\n");
    let column = "csat,ad,".chars().count() + long.chars().count() + 2;
    let stderr = refused(
        csv.as_bytes(),
        &[&format!("d.csv:2:{column}")],
        "so it is not shown",
    );
    assert!(stderr.len() < 2_000, "the line is not printed:\n{stderr}");
}

#[test]
fn quoted_cells_with_line_breaks_keep_later_places_right() {
    let csv = "metric,touchpoint,source,value\ncsat,ad,\"two\nlines, and \"\"quotes\"\"\",bad\ncsat,lesson,x,also bad\n";
    refused(
        csv.as_bytes(),
        &["d.csv:3:24", "d.csv:4:15"],
        "the value of `csat` is not a number: `bad`",
    );
}

/// The place of a CSV diagnostic in the machine formats: the file as named
/// from the working folder, the line, and the column in characters (a
/// Japanese cell comes before the bad one).
#[test]
fn json_and_github_formats_name_the_csv_place() {
    let spec = SPEC.replace("data: [d.csv]", "data: [data/d.csv]");
    let csv = "period,source,metric,touchpoint,value\n2026年10月,アンケート（店頭）,csat,ad,72\n2026年11月,アンケート（店頭）,csat,ad,七十\n";
    let d = folder(&spec, &[("data/d.csv", csv.as_bytes())]);
    // `2026年11月,アンケート（店頭）,csat,ad,`: 七十 starts at character 28.
    let r = run_bounded(&d, &["check", "s.yaml", "--message-format", "json"], QUICK);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let first = r.stderr.lines().next().expect("a diagnostic");
    let v: serde_json::Value = serde_json::from_str(first).unwrap();
    assert_eq!(v["code"], "JM0204");
    assert_eq!(v["severity"], "error");
    assert_eq!(v["file"], "data/d.csv");
    assert_eq!(v["line"], 3);
    assert_eq!(v["column"], 28);
    assert_eq!(v["end_column"], 30);
    assert_eq!(v["message"], "the value of `csat` is not a number: `七十`");
    let r = run_bounded(
        &d,
        &["check", "s.yaml", "--message-format", "github"],
        QUICK,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "::error file=data/d.csv,line=3,col=28,endLine=3,endColumn=30,title=JM0204::"
        ),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// Known bugs: what the tool should do (see the report of the data-tests branch).

/// Excel on Windows writes CRLF line ends. Each row's place must be its own
/// line; today every diagnostic of a row after the header points at the end
/// of the line before (the `\n` of the previous CRLF), e.g. `d.csv:2:10`.
#[test]

fn crlf_rows_are_placed_on_their_own_line() {
    refused(
        b"metric,touchpoint,value\r\ncsat,ad,72\r\ncsat,ad,bad\r\ncsat,nowhere,7\r\n",
        &["d.csv:3:9", "d.csv:4:6"],
        "the value of `csat` is not a number: `bad`",
    );
}

/// Blank lines are skipped (spreadsheets export them), but the row after
/// them is placed on the first blank line, column 1, with an empty snippet.
#[test]

fn a_row_after_blank_lines_is_placed_on_its_own_line() {
    refused(
        b"metric,touchpoint,value\ncsat,ad,72\n\n\ncsat,ad,bad\n",
        &["d.csv:5:9"],
        "the value of `csat` is not a number: `bad`",
    );
}

/// A FIFO (or any file that never ends) as a data file: `check` must not
/// wait forever for it (a regular file is expected).
#[cfg(unix)]
#[test]

fn a_fifo_is_not_waited_for() {
    let d = folder(SPEC, &[]);
    let made = std::process::Command::new("mkfifo")
        .arg(d.path().join("d.csv"))
        .status()
        .unwrap();
    assert!(made.success());
    let r = run_bounded(&d, &["check", "s.yaml"], Duration::from_secs(10));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("--> {DATA_ENTRY}")));
}

/// One byte over the cap reads as "64 MiB; … up to 64 MiB", which says the
/// size is fine: the message should say it is more than the limit.
#[test]

fn just_over_the_cap_says_more_than_the_cap() {
    let d = folder(SPEC, &[]);
    let f = std::fs::File::create(d.path().join("d.csv")).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    drop(f);
    let r = run_bounded(&d, &["check", "s.yaml"], QUICK);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !r.stderr
            .contains("(64 MiB; journeymap reads data files up to 64 MiB)"),
        "{}",
        r.stderr
    );
}

/// A value given twice names both rows in every message format: the machine
/// formats carry the first row as a related place.
#[test]
fn both_rows_of_a_value_given_twice_reach_ci() {
    let d = folder(
        SPEC,
        &[(
            "d.csv",
            format!("{HEADER}csat,,ad,,2026-10,72,,\ncsat,,ad,,2026-10,75,,\n").as_bytes(),
        )],
    );
    let r = run_bounded(&d, &["check", "s.yaml", "--message-format", "json"], QUICK);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("JM0404"))
        .unwrap_or_else(|| panic!("a JM0404 line:\n{}", r.stderr));
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["line"], 3);
    assert_eq!(v["related"][0]["line"], 2, "{line}");
    assert_eq!(v["related"][0]["file"], "d.csv");
    let r = run_bounded(
        &d,
        &["check", "s.yaml", "--message-format", "github"],
        QUICK,
    );
    assert!(
        r.stderr.contains("d.csv:2:1: first given here"),
        "{}",
        r.stderr
    );
}
