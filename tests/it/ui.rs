//! One case per validation rule, found in the folder: every `tests/ui/NAME.yaml`
//! has a `tests/ui/NAME.stderr` beside it, and `journeymap check tests/ui/NAME.yaml`
//! must print exactly that file (location, snippet and caret included), print
//! nothing on stdout and exit 1. A new case is a new pair of files; blessing
//! (`JOURNEYMAP_BLESS=1`) writes the `.stderr` of a new `.yaml`. A case's
//! other files (data files such as `NAME.csv`, folders such as `imports/`)
//! sit beside it and are not cases themselves.

use crate::support::{blessing, check_golden, jm_run, root};
use std::collections::BTreeSet;

/// The names of the files in `tests/ui` (not its subfolders) ending in `.ext`.
fn cases(ext: &str) -> BTreeSet<String> {
    std::fs::read_dir(root().join("tests/ui"))
        .expect("tests/ui")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(&format!(".{ext}")).map(str::to_owned)
        })
        .collect()
}

/// The first `error[JM…]` code in a `.stderr` file.
fn expected_code(stderr: &str) -> Option<&str> {
    let at = stderr.find("error[JM")? + "error[".len();
    let len = stderr[at..].find(']')?;
    Some(&stderr[at..at + len])
}

/// Run one case; `Err` says what is wrong with it.
fn ui(name: &str) -> Result<(), String> {
    ui_in(name, "en")?;
    ui_in(name, "ja")?;
    same_places(name)
}

/// The golden file of a case in a language: `NAME.stderr` (English),
/// `NAME.ja.stderr` (Japanese).
fn golden_of(name: &str, lang: &str) -> String {
    match lang {
        "en" => format!("tests/ui/{name}.stderr"),
        _ => format!("tests/ui/{name}.{lang}.stderr"),
    }
}

/// The lines that are the same in every language: each diagnostic's
/// `error[JM…]` / `warning[JM…]` code and its `-->` place.
fn places(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            if t.starts_with("-->") {
                Some(t.to_owned())
            } else if (l.starts_with("error[") || l.starts_with("warning[")) && l.contains("]:") {
                Some(l[..l.find("]:").unwrap() + 1].to_owned())
            } else {
                None
            }
        })
        .collect()
}

/// Both languages report the same codes at the same places, and the Japanese
/// headlines are Japanese (a kind left in English fails here).
fn same_places(name: &str) -> Result<(), String> {
    let read =
        |lang| std::fs::read_to_string(root().join(golden_of(name, lang))).unwrap_or_default();
    let (en, ja) = (read("en"), read("ja"));
    if places(&en) != places(&ja) {
        return Err(format!(
            "codes and places differ between the languages:\n{en}\n---\n{ja}"
        ));
    }
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    for headline in ja
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
    {
        if !headline.chars().any(japanese) {
            return Err(format!("a headline left in English: {headline}"));
        }
    }
    Ok(())
}

/// Run one case in one language against its golden file.
fn ui_in(name: &str, lang: &str) -> Result<(), String> {
    let golden = golden_of(name, lang);
    let expected = std::fs::read_to_string(root().join(&golden)).ok();
    let r = jm_run(&["check", "--lang", lang, &format!("tests/ui/{name}.yaml")]);
    if r.code != 1 {
        return Err(format!("exit code {}, expected 1\n{}", r.code, r.stderr));
    }
    if !r.stdout.is_empty() {
        return Err(format!("check printed on stdout:\n{}", r.stdout));
    }
    let code = match &expected {
        Some(text) => {
            expected_code(text).ok_or_else(|| format!("{golden} must hold an `error[JM…]` line"))?
        }
        None if blessing() => expected_code(&r.stderr).unwrap_or("JM"),
        None => return Err(format!("no {golden}: run `JOURNEYMAP_BLESS=1 cargo test`")),
    };
    if !r.stderr.contains(&format!("error[{code}]")) {
        return Err(format!("expected error[{code}] in\n{}", r.stderr));
    }
    check_golden(&golden, &r.stderr)
}

#[test]
fn every_ui_case() {
    let specs = cases("yaml");
    let goldens: BTreeSet<String> = cases("stderr")
        .into_iter()
        .map(|n| n.strip_suffix(".ja").map(str::to_owned).unwrap_or(n))
        .collect();
    let orphans: Vec<_> = goldens.difference(&specs).cloned().collect();
    assert!(
        orphans.is_empty(),
        "tests/ui: .stderr files without a .yaml: {orphans:?}"
    );
    assert!(specs.len() >= 30, "tests/ui holds the UI cases");
    let failures: Vec<String> = specs
        .iter()
        .filter_map(|name| ui(name).err().map(|e| format!("--- {name}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} UI cases failed:\n{}",
        failures.len(),
        specs.len(),
        failures.join("\n")
    );
}

/// Every other file beside the cases (a data file) is named by some case, so
/// that none is left over when a case is renamed or removed.
#[test]
fn every_data_file_belongs_to_a_case() {
    let dir = root().join("tests/ui");
    let specs: Vec<String> = cases("yaml")
        .iter()
        .map(|name| std::fs::read_to_string(dir.join(format!("{name}.yaml"))).unwrap_or_default())
        .collect();
    let unused: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/ui")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".yaml") && !n.ends_with(".stderr"))
        .filter(|n| !specs.iter().any(|s| s.contains(n.as_str())))
        .collect();
    assert!(
        unused.is_empty(),
        "tests/ui: files no case names: {unused:?}"
    );
}

/// The column counts characters, not bytes, and the caret sits under the right text.
#[test]
fn japanese_columns_count_characters() {
    let r = jm_run(&[
        "check",
        "tests/ui/unknown_channel_ja.yaml",
        "--message-format",
        "json",
    ]);
    let first = r.stderr.lines().next().expect("a diagnostic");
    let v: serde_json::Value = serde_json::from_str(first).unwrap();
    // `      - {name: 「チラシ」を見る, channel: 店頭}`: 店頭 starts at character 35 (byte 51).
    assert_eq!(v["line"], 10);
    assert_eq!(v["column"], 35);
    assert_eq!(v["end_column"], 37);
    assert_eq!(v["code"], "JM0103");
}
