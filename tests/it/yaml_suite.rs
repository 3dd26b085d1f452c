//! Conformance against the YAML test suite: `journeymap check` on the `in.yaml`
//! of each of its 402 cases (`tests/yaml-suite/cases.json`, from the suite's
//! `data` branch; see the README there).
//!
//! Every case: no crash (no panic, exit code 0 or 1), no hang (10 s). Invalid
//! YAML is refused as YAML (a JM0001–JM0005 error), valid YAML of one document
//! is read (spec errors such as "the journey has no personas" are expected: the
//! cases are not journeys). The exceptions are pinned below, each in its list:
//! a case that leaves its list or joins one fails the test and says so.

use crate::support::{Dir, jm, root};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::Read;
use std::process::Stdio;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Invalid YAML (the suite says so) that journeymap reads without a YAML error.
///
/// - `9C9N` "Wrong indented flow sequence": `flow: [a,` continued by `b,` and
///   `c]` at column 1, under a block mapping. The parser (granit-parser, as
///   serde-saphyr before it) accepts it; the spec
///   errors that follow (no `journeymap:`, unknown key `flow`) still refuse it.
const INVALID_ACCEPTED: &[&str] = &["9C9N"];

/// Valid streams of more than one document, refused by design: a spec is one
/// document (`error[JM0001]: invalid YAML: only single YAML document expected
/// but multiple found`).
const MULTI_DOCUMENT: &[&str] = &[
    "35KP", "5TYM", "6WLZ", "6XDY", "6ZKB", "7Z25", "9DXL", "9KAX", "9WXW", "JHB9", "KSS4", "L383",
    "M7A3", "NKF9", "PUW8", "RZT7", "U9NS", "UT92", "W4TN",
];

/// Valid streams with no document (nothing, comments, a lone `...`): read, then
/// refused as a spec with `error[JM0011]: the spec is empty`.
const NO_DOCUMENT: &[&str] = &["8G76", "98YD", "AVM7", "HWV9", "QT73"];

/// Valid single documents refused by design: the code they get, and a part of
/// the error's message.
const VALID_REFUSED: &[(&str, &str, &str)] = &[
    // `: a` then `: b`: two empty (null) keys in one mapping. Keys are unique
    // in YAML's model; the suite checks the parser's events only.
    ("2JQS", "JM0002", "duplicate mapping key"),
    // `canonical: !!binary "R0lGOD…"` (a GIF): bytes that are not UTF-8 cannot
    // be text, and a spec holds only text.
    ("565N", "JM0001", "!!binary scalar is not valid UTF-8"),
    // `{ &a [a, &b b]: *b, *a : [c, *b, d]}`: the alias `*a` repeats the key `[a, b]`.
    ("X38W", "JM0002", "duplicate mapping key"),
];

/// The codes of errors in reading the file and its YAML (spec errors start at JM0010).
const YAML_CODES: &[&str] = &["JM0001", "JM0002", "JM0003", "JM0004", "JM0005"];

const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Deserialize)]
struct Suite {
    source: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    name: String,
    /// The suite's `error` file: the YAML is invalid.
    error: bool,
    /// Valid cases: how many documents the stream holds.
    documents: Option<u32>,
    yaml: String,
}

/// What `journeymap check` did with one case.
enum Outcome {
    /// No YAML error: the text was read as YAML (spec errors are fine).
    Read { codes: Vec<String> },
    /// Refused as YAML: the first JM0001–JM0005 code, and the error's line.
    Refused { code: String, message: String },
    /// A panic, an exit code other than 0 or 1, or no answer in time.
    Broken(String),
}

fn check(case: &Case) -> Outcome {
    let dir = Dir::new();
    dir.write("in.yaml", &case.yaml);
    let start = Instant::now();
    let mut child = jm()
        .current_dir(dir.path())
        .args(["check", "in.yaml"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run journeymap");
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Outcome::Broken(format!("no answer in {} s", TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = reader.join().unwrap();
    if stderr.contains("panicked") {
        return Outcome::Broken(format!("panic:\n{stderr}"));
    }
    match status.code() {
        Some(0 | 1) => {}
        code => return Outcome::Broken(format!("exit code {code:?}:\n{stderr}")),
    }
    let errors: Vec<(&str, &str)> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error["))
        .filter_map(|l| l.split_once("]: "))
        .collect();
    if status.code() == Some(1) && errors.is_empty() {
        return Outcome::Broken(format!("exit code 1 without an error:\n{stderr}"));
    }
    match errors.iter().find(|(code, _)| YAML_CODES.contains(code)) {
        Some((code, message)) => Outcome::Refused {
            code: (*code).to_owned(),
            message: (*message).to_owned(),
        },
        None => Outcome::Read {
            codes: errors
                .iter()
                .map(|(c, _)| (*c).to_owned())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        },
    }
}

/// What the suite and the lists above expect of a case.
enum Expect {
    /// Refused as YAML; where pinned, with this code and a message saying this.
    Refused(Option<(&'static str, &'static str)>),
    Read,
}

fn expected(case: &Case) -> Expect {
    let id = case.id.as_str();
    if case.error {
        return if INVALID_ACCEPTED.contains(&id) {
            Expect::Read
        } else {
            Expect::Refused(None)
        };
    }
    if MULTI_DOCUMENT.contains(&id) {
        return Expect::Refused(Some(("JM0001", "multiple found")));
    }
    match VALID_REFUSED.iter().find(|(i, ..)| *i == id) {
        Some((_, code, saying)) => Expect::Refused(Some((code, saying))),
        None => Expect::Read,
    }
}

/// Why a case is in a list, for the message when it leaves it.
fn list_of(id: &str) -> Option<&'static str> {
    if INVALID_ACCEPTED.contains(&id) {
        Some("INVALID_ACCEPTED")
    } else if MULTI_DOCUMENT.contains(&id) {
        Some("MULTI_DOCUMENT")
    } else if VALID_REFUSED.iter().any(|(i, ..)| *i == id) {
        Some("VALID_REFUSED")
    } else {
        None
    }
}

#[test]
fn the_yaml_test_suite_is_read_or_refused_as_pinned() {
    let text = std::fs::read_to_string(root().join("tests/yaml-suite/cases.json")).unwrap();
    let suite: Suite = serde_json::from_str(&text).unwrap();
    let cases = &suite.cases;

    // The suite as vendored, and the lists against it.
    let ids = |f: &dyn Fn(&Case) -> bool| -> BTreeSet<&str> {
        cases
            .iter()
            .filter(|c| f(c))
            .map(|c| c.id.as_str())
            .collect()
    };
    let invalid = ids(&|c| c.error);
    let single = ids(&|c| c.documents == Some(1));
    let multi = ids(&|c| c.documents.is_some_and(|d| d > 1));
    let none = ids(&|c| c.documents == Some(0));
    assert_eq!(
        (
            cases.len(),
            invalid.len(),
            single.len(),
            multi.len(),
            none.len()
        ),
        (402, 94, 284, 19, 5),
        "cases, invalid, valid with one / several / no document in {}",
        suite.source
    );
    assert_eq!(
        multi,
        MULTI_DOCUMENT.iter().copied().collect(),
        "MULTI_DOCUMENT"
    );
    assert_eq!(none, NO_DOCUMENT.iter().copied().collect(), "NO_DOCUMENT");
    for id in INVALID_ACCEPTED {
        assert!(
            invalid.contains(id),
            "{id} in INVALID_ACCEPTED is valid YAML"
        );
    }
    for (id, ..) in VALID_REFUSED {
        assert!(
            single.contains(id),
            "{id} in VALID_REFUSED is not one valid document"
        );
    }

    // Every case, in parallel.
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(cases.len()).collect());
    // Two per core: much of a short run is process start and exit.
    let workers = std::thread::available_parallelism().map_or(4, |n| 2 * n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let outcome = check(case);
                    outcomes.lock().unwrap()[i] = Some(outcome);
                }
            });
        }
    });
    let outcomes: Vec<Outcome> = outcomes
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let elapsed = start.elapsed();

    let mut wrong = Vec::new();
    let mut refused_invalid = 0;
    for (case, outcome) in cases.iter().zip(&outcomes) {
        let what = format!("{} ({:?})", case.id, case.name);
        let kind = match case.documents {
            None => "invalid YAML",
            Some(0) => "valid YAML with no document",
            Some(1) => "valid YAML",
            Some(_) => "a valid stream of several documents",
        };
        let list = list_of(&case.id);
        match (expected(case), outcome) {
            (_, Outcome::Broken(why)) => wrong.push(format!("{what}: {why}")),
            (Expect::Refused(None), Outcome::Refused { .. }) => refused_invalid += 1,
            (Expect::Refused(Some((want, saying))), Outcome::Refused { code, message })
                if want == code && message.contains(saying) => {}
            (Expect::Refused(Some((want, saying))), Outcome::Refused { code, message }) => wrong
                .push(format!(
                    "{what}: {kind}, refused as {code} ({message}), pinned as {want} ({saying:?})"
                )),
            (Expect::Refused(_), Outcome::Read { codes }) => wrong.push(match list {
                Some(list) => {
                    format!("{what}: {kind}, now read (errors {codes:?}); take it out of {list}")
                }
                None => format!(
                    "{what}: {kind}, now read without a YAML error (errors {codes:?}): \
                     a regression in the YAML front end, or pin it in INVALID_ACCEPTED"
                ),
            }),
            (Expect::Read, Outcome::Refused { code, message }) => wrong.push(match list {
                Some(list) => {
                    format!(
                        "{what}: {kind}, now refused as {code} ({message}); take it out of {list}"
                    )
                }
                None => format!(
                    "{what}: {kind}, now refused as {code} ({message}): a regression in the \
                     YAML front end, or pin it in VALID_REFUSED with the reason"
                ),
            }),
            (Expect::Read, Outcome::Read { codes }) => {
                if NO_DOCUMENT.contains(&case.id.as_str()) && *codes != ["JM0011"] {
                    wrong.push(format!(
                        "{what}: {kind}, errors {codes:?} instead of JM0011 (the spec is empty)"
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases of the YAML test suite differ from what is pinned in \
         tests/it/yaml_suite.rs:\n  {}",
        wrong.len(),
        cases.len(),
        wrong.join("\n  ")
    );
    // Shown with `--nocapture`.
    eprintln!(
        "yaml-suite: {} cases in {:.1} s on {workers} threads: {refused_invalid} of {} invalid \
         refused, {} accepted; {} of {} one-document cases read, {} refused by design; \
         {} multi-document and {} empty streams",
        cases.len(),
        elapsed.as_secs_f64(),
        invalid.len(),
        INVALID_ACCEPTED.len(),
        single.len() - VALID_REFUSED.len(),
        single.len(),
        VALID_REFUSED.len(),
        multi.len(),
        none.len(),
    );
}
