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

/// Templates ejected from the first release (`tests/templates/v1`, the
/// built-ins as of d40983e) still build every example, each one overriding
/// the built-ins alone: the names they read stay in the view.
#[test]
fn templates_ejected_from_the_first_release_still_build() {
    let dir = crate::support::Dir::new();
    for name in ["journey.html", "insights.html", "journey.md", "insights.md"] {
        let theme = dir.path().join(name.replace('.', "-"));
        std::fs::create_dir_all(&theme).unwrap();
        std::fs::copy(
            root().join("tests/templates/v1").join(name),
            theme.join(name),
        )
        .unwrap();
        let format = if name.ends_with(".md") { "md" } else { "html" };
        for spec in specs().iter().filter(|s| s.starts_with("examples/")) {
            let t = theme.to_string_lossy();
            let r = jm_run(&["build", spec, "--templates", &t, "-f", format, "-o", "-"]);
            assert_eq!(r.code, 0, "{name} on {spec}: {}", r.stderr);
        }
    }
}

/// A user's template escapes spec text for markup whatever the case of its
/// name (`Part.HTML`), so a theme cannot turn a title into a script.
#[test]
fn user_templates_escape_markup_in_any_case() {
    let dir = crate::support::Dir::new();
    dir.write(
        "theme/journey.html",
        "{% include \"Part.HTML\" %}|{% include \"pic.Svg.j2\" %}",
    );
    dir.write("theme/Part.HTML", "{{ title }}");
    dir.write("theme/pic.Svg.j2", "{{ title }}");
    let spec = dir.write(
        "x.yaml",
        "journeymap: 1\ntitle: \"<script>alert(1)</script>\"\npersonas: [{id: a, name: A}]\nstages:\n  - name: S\n    touchpoints: [{name: T, emotion: 1}]\n",
    );
    let theme = dir.path().join("theme");
    let r = jm_run(&[
        "build",
        &spec.to_string_lossy(),
        "--templates",
        &theme.to_string_lossy(),
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("<script>"), "{}", r.stdout);
    assert_eq!(
        r.stdout.matches("&lt;script&gt;").count(),
        2,
        "{}",
        r.stdout
    );
}

/// A theme that hides the view's `scale` gets an error from `score`, not
/// numbers printed on another scale.
#[test]
fn score_without_a_scale_is_an_error() {
    let dir = crate::support::Dir::new();
    dir.write("theme/journey.md", "{% set scale = 1 %}{{ 1|score }}");
    let theme = dir.path().join("theme");
    let r = jm_run(&[
        "build",
        "examples/saas-onboarding.yaml",
        "--templates",
        &theme.to_string_lossy(),
        "-f",
        "md",
        "-o",
        "-",
    ]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("the `score` filter needs `scale`"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}
