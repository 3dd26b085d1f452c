//! A theme can replace the built-in map with its own, from the view that
//! docs/templates.md documents: `tests/templates/theme/journey.html` extends the
//! built-in page, draws the stages and touchpoints from `map` with the
//! presentation's scores, and includes `curve.html` for the curve. Every test
//! spec is built through it, whole and as seen by each persona, and what it
//! draws is checked against the JSON of the same journey.

use crate::support::{jm_run, root};

fn specs() -> Vec<String> {
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
    specs
}

/// Build `args` through the theme; check the touchpoints and the curve's points.
fn check(args: &[&str], what: &str) {
    let mut all = vec!["build", "--templates", "tests/templates/theme", "-o", "-"];
    all.extend_from_slice(args);
    let r = jm_run(&all);
    assert_eq!(r.code, 0, "{what}: {}", r.stderr);
    if r.stdout.is_empty() {
        return; // a file of shared personas, not built
    }
    let mut json_args = vec!["build", "-f", "json", "-o", "-"];
    json_args.extend_from_slice(args);
    let model: serde_json::Value =
        serde_json::from_str(&jm_run(&json_args).stdout).expect("the JSON of the journey");
    let touchpoints: usize = model["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["touchpoints"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        r.stdout.matches("<td data-tp=").count(),
        touchpoints,
        "{what}: one cell per touchpoint"
    );
    assert_eq!(
        r.stdout.matches("class=\"theme-score").count(),
        r.stdout.matches("<g class=\"pt ").count(),
        "{what}: one score per point of the curve"
    );
    assert!(r.stdout.contains("class=\"theme-map\""), "{what}");
    assert!(
        !r.stdout.contains("class=\"map\""),
        "{what}: the built-in map is replaced"
    );
}

#[test]
fn a_theme_draws_every_spec_from_the_documented_view() {
    let mut built = 0;
    for spec in &specs() {
        // Only specs that build (some regression inputs are broken on purpose).
        if jm_run(&["check", spec]).code != 0 {
            continue;
        }
        check(&[spec], spec);
        built += 1;
        let model: serde_json::Value =
            serde_json::from_str(&jm_run(&["build", "-f", "json", "-o", "-", spec]).stdout)
                .unwrap_or(serde_json::Value::Null);
        for p in model["personas"].as_array().into_iter().flatten() {
            let id = p["id"].as_str().unwrap();
            check(&[spec, "--persona", id], &format!("{spec} --persona {id}"));
        }
    }
    assert!(built >= 12, "only {built} specs built");
}
