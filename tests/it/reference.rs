//! The map written in Rust (`src/render/html.rs`) is, byte for byte, what the
//! template it replaced drew: `tests/templates/reference/journey.html` holds that
//! template (with the built-in `curve.html`) next to `{{ html.map_table }}` and
//! `{{ html.curve_table }}`, and every test spec is built through it, whole and
//! as seen by each persona.

use crate::support::{Dir, jm_run, root};

/// The text between `<<<name` and `>>>` in a page of the reference theme.
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let open = format!("<<<{name}\n");
    let start = page
        .find(&open)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        + open.len();
    if page[start..].starts_with(">>>") {
        return "";
    }
    let end = start + page[start..].find("\n>>>").expect("section end");
    &page[start..end]
}

fn assert_same_map(args: &[&str], what: &str) {
    let mut all = vec![
        "build",
        "--templates",
        "tests/templates/reference",
        "-o",
        "-",
    ];
    all.extend_from_slice(args);
    let r = jm_run(&all);
    assert_eq!(r.code, 0, "{what}: {}", r.stderr);
    if r.stdout.is_empty() {
        return; // a file of shared personas, not built
    }
    let (old, new) = (section(&r.stdout, "old-map"), section(&r.stdout, "new-map"));
    if old != new {
        let at = old
            .bytes()
            .zip(new.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(old.len().min(new.len()));
        panic!(
            "{what}: the map differs at byte {at}:\ntemplate: {:?}\nrust:     {:?}",
            &old[at.saturating_sub(80)..(at + 80).min(old.len())],
            &new[at.saturating_sub(80)..(at + 80).min(new.len())]
        );
    }
    assert_eq!(
        section(&r.stdout, "old-curve-table").trim_end(),
        section(&r.stdout, "new-curve-table").trim_end(),
        "{what}: the curve's data table differs"
    );
}

#[test]
fn the_map_written_in_rust_matches_the_reference_template() {
    let mut specs = Vec::new();
    for dir in [
        "examples",
        "tests/torture",
        "tests/stress",
        "tests/diff",
        "tests/fuzz-regressions",
    ] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                specs.push(format!(
                    "{dir}/{}",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    specs.sort();
    let mut built = 0;
    for spec in &specs {
        // Only specs that build (some regression inputs are broken on purpose).
        if jm_run(&["check", spec]).code != 0 {
            continue;
        }
        assert_same_map(&[spec], spec);
        built += 1;
        let model: serde_json::Value =
            serde_json::from_str(&jm_run(&["build", "-f", "json", "-o", "-", spec]).stdout)
                .unwrap_or(serde_json::Value::Null);
        for p in model["personas"].as_array().into_iter().flatten() {
            let id = p["id"].as_str().unwrap();
            assert_same_map(&[spec, "--persona", id], &format!("{spec} --persona {id}"));
        }
    }
    assert!(built >= 12, "only {built} specs built");
}

/// What the specs above lack: metric values of every type, a stage without
/// touchpoints in the middle, a touchpoint for some personas only, no emotions.
#[test]
fn the_reference_holds_for_odd_values() {
    let d = Dir::new();
    let spec = d.write(
        "odd.yaml",
        "journeymap: 1\ntitle: Odd <values> & \"quotes\"\nloop_to: b\n\
         personas:\n  - {id: a, name: A}\n  - {id: b, name: B/b}\n\
         stages:\n  - id: s\n    name: S\n    touchpoints:\n      - name: T 'one'\n\
         \x20       personas: [b]\n        metrics: {yes: true, no: false, n: 2.5, m: -3, t: \"<t>\"}\n\
         \x20       moment_of_truth: true\n  - id: b\n    name: Empty\n  - name: U\n\
         \x20   touchpoints:\n      - name: V\n        feeling: Fine\n",
    );
    assert_same_map(&[spec.to_str().unwrap()], "odd.yaml");
}
