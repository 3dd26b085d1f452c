//! `journeymap diff`: comparing two versions of a journey.
//!
//! Fixtures: `tests/diff/before.yaml` and `tests/diff/after.yaml` differ in every
//! way the diff reports (their header comments list how); smaller cases are
//! written inline. Golden files: `tests/golden/diff-saas-onboarding.{md,html,json}`,
//! the example's current-state map against its future-state map.

use crate::support::{Dir, MINIMAL, assert_golden, jm_run};
use serde_json::Value;

const BEFORE: &str = "tests/diff/before.yaml";
const AFTER: &str = "tests/diff/after.yaml";
const EXAMPLE_OLD: &str = "examples/saas-onboarding.yaml";
const EXAMPLE_NEW: &str = "examples/saas-onboarding.future.yaml";

fn json(args: &[&str]) -> Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-f", "json"]);
    let r = jm_run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("diff -f json prints JSON")
}

/// The stage of a change set with this key.
fn stage<'a>(set: &'a Value, key: &str) -> &'a Value {
    set["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("stage `{key}` in {:#}", set["stages"]))
}

/// The touchpoint with this key, in whichever stage lists it.
fn touchpoint<'a>(set: &'a Value, key: &str) -> &'a Value {
    set["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["touchpoints"].as_array().unwrap())
        .find(|t| t["key"] == key)
        .unwrap_or_else(|| panic!("touchpoint `{key}`"))
}

fn texts(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().or(i.as_str()).unwrap())
        .collect()
}

fn keys<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap())
        .collect()
}

/// A two-stage spec without ids, with its touchpoint lines given.
fn no_ids(first: &str, second: &str) -> String {
    format!(
        "journeymap: 1\ntitle: T\npersonas: [{{id: a, name: A}}]\nstages:\n  - name: First\n    touchpoints:\n{first}  - name: Second\n    touchpoints:\n{second}"
    )
}

#[test]
fn every_kind_of_change_is_summed_up_in_one_line() {
    let r = jm_run(&["diff", BEFORE, AFTER]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let summary = "**2 touchpoints improved, 1 worse, 1 mixed, 1 added, 1 removed, 1 renamed, 2 moved, \
        1 stage added, 1 removed, 1 renamed, 4 pain points resolved, 1 added, 2 opportunities added, \
        5 removed, 1 KPI added, 1 removed, 1 metric changed, 1 persona added, 1 removed, 1 changed, \
        1 channel added, 1 removed, 1 changed**";
    assert!(r.stdout.contains(summary), "{}", r.stdout);
    for line in [
        "| State | Current state | Future state |",
        "| Version | v1 | v2 |",
        "- Persona added: **Dee**",
        "- Persona removed: ~~Cy~~",
        "- Channel added: **Mobile app**",
        "- Channel removed: ~~Fax~~",
        "- **Ben Ito** (renamed from “Ben”)",
        "- **Web shop** (renamed from “Website”)",
        "#### Discover",
        "- Pain point resolved: Too many plans to choose from",
        "- New opportunity: A three-question plan finder",
        "- Opportunity removed: A plan finder",
        "- KPI added: Trials",
        "- KPI removed: Signups",
        "- **Sees an ad**: CTR 1% → 2%",
        "- ↑ **Takes the taste quiz**: Ana +1 → +2 (↑ +1), Ben Ito −1 → 0 (↑ +1), Dee – → +1, Cy 0 → –",
        "  - Pain point resolved: The quiz has 30 questions",
        "- ↓ **Reads the blog** (moved from position 2 to 3): 0 → −1 (↓ −1)",
        "#### Checkout (renamed from “Order”)",
        "- ↕ **Checks out**: Ana −1 → +1 (↑ +2), Ben Ito −1 → −2 (↓ −1), Dee – → −1, Cy −1 → –",
        "  - New pain point: Card declined without a reason",
        "  - Channel: Fax → Email",
        "#### ~~Phone support~~ (removed)",
        "- **Calls support** (moved to **Onboarding**)",
        "- ~~Waits for a callback~~ (removed): −1",
        "#### Onboarding (added)",
        "- **Opens the welcome pack** (added): +1",
        "- ↑ **Chats with support** (renamed from “Calls support”; moved here from **Phone support**): −2 → +1 (↑ +3)",
    ] {
        assert!(
            r.stdout.contains(line),
            "missing {line:?} in:\n{}",
            r.stdout
        );
    }
    // Only what changed: Delivery's touchpoint is the same, and the renamed
    // channel is reported once, not on every touchpoint that uses it.
    assert!(!r.stdout.contains("Unboxes the coffee"), "{}", r.stdout);
    assert!(!r.stdout.contains("#### Delivery"), "{}", r.stdout);
    assert!(!r.stdout.contains("Website → Web shop"), "{}", r.stdout);
}

#[test]
fn the_json_change_set_field_by_field() {
    let set = json(&[BEFORE, AFTER]);
    assert_eq!(set["journeymap_diff"], 1);
    assert_eq!(set["old"]["file"], BEFORE);
    assert_eq!(set["new"]["version"], "v2");
    assert_eq!(set["changed"], true);
    assert_eq!(set["rescaled"], false);
    let s = &set["summary"];
    for (field, n) in [
        ("stages_added", 1),
        ("stages_removed", 1),
        ("stages_renamed", 1),
        ("stages_moved", 0),
        ("touchpoints_added", 1),
        ("touchpoints_removed", 1),
        ("touchpoints_renamed", 1),
        ("touchpoints_moved", 2),
        ("touchpoints_improved", 2),
        ("touchpoints_worse", 1),
        ("touchpoints_mixed", 1),
        ("pain_points_resolved", 4),
        ("pain_points_added", 1),
        ("opportunities_added", 2),
        ("opportunities_removed", 5),
        ("kpis_added", 1),
        ("kpis_removed", 1),
        ("metrics_changed", 1),
        ("personas_added", 1),
        ("personas_removed", 1),
        ("personas_changed", 1),
        ("channels_added", 1),
        ("channels_removed", 1),
        ("channels_changed", 1),
    ] {
        assert_eq!(s[field], n, "summary.{field}");
    }
    assert_eq!(
        set["metadata"],
        serde_json::json!([
            {"field": "state", "old": "current", "new": "future"},
            {"field": "version", "old": "v1", "new": "v2"},
        ])
    );
    assert_eq!(keys(&set["personas"]["added"], "id"), ["dee"]);
    assert_eq!(keys(&set["personas"]["removed"], "id"), ["cy"]);
    assert_eq!(set["personas"]["changed"][0]["old_name"], "Ben");
    assert_eq!(set["channels"]["changed"][0]["id"], "web");
    // Stages in the new order, the removed one where it was.
    assert_eq!(
        keys(&set["stages"], "key"),
        ["discover", "order", "phone", "onboard", "deliver"]
    );
    assert_eq!(
        keys(&set["stages"], "status"),
        ["changed", "changed", "removed", "added", "changed"]
    );
    let order = stage(&set, "order");
    assert_eq!(order["old_name"], "Order");
    assert_eq!(order["name"], "Checkout");
    assert_eq!(order["matched_by"], "id");
    let discover = stage(&set, "discover");
    assert_eq!(
        texts(&discover["pain_points"]["resolved"]),
        ["Too many plans to choose from"]
    );
    assert_eq!(discover["kpis"]["added"], serde_json::json!(["Trials"]));
    assert_eq!(discover["kpis"]["removed"], serde_json::json!(["Signups"]));
    assert_eq!(
        keys(&stage(&set, "phone")["moved_out"], "to_stage"),
        ["onboard"]
    );
    // Touchpoints.
    let ad = touchpoint(&set, "ad");
    assert_eq!(
        ad["metrics"],
        serde_json::json!([{"field": "CTR", "old": "1%", "new": "2%"}])
    );
    assert_eq!(ad["channel"], Value::Null, "a renamed channel is no change");
    let blog = touchpoint(&set, "blog");
    assert_eq!(blog["verdict"], "worse");
    assert_eq!(blog["moved"]["across"], false);
    assert_eq!(
        (
            &blog["moved"]["old_position"],
            &blog["moved"]["new_position"]
        ),
        (&Value::from(2), &Value::from(3))
    );
    let call = touchpoint(&set, "call");
    assert_eq!(call["status"], "changed");
    assert_eq!(call["old_name"], "Calls support");
    assert_eq!(call["moved"]["across"], true);
    assert_eq!(call["moved"]["from_stage"], "phone");
    assert_eq!(
        call["emotion"],
        serde_json::json!([{"persona": null, "old": -2, "new": 1, "delta": 3}])
    );
    assert_eq!(touchpoint(&set, "welcome")["status"], "added");
    assert_eq!(touchpoint(&set, "callback")["status"], "removed");
    assert_eq!(
        touchpoint(&set, "confirm")["channel"],
        serde_json::json!({"field": "channel", "old": "Fax", "new": "Email"})
    );
    let checkout = touchpoint(&set, "checkout");
    assert_eq!(
        texts(&checkout["pain_points"]["added"]),
        ["Card declined without a reason"]
    );
    assert_eq!(
        texts(&checkout["pain_points"]["resolved"]),
        ["Shipping cost appears only at the last step"]
    );
}

#[test]
fn emotions_per_persona() {
    let set = json(&[BEFORE, AFTER]);
    assert_eq!(set["per_persona"], true);
    assert_eq!(set["bases"], serde_json::json!(["ana", "ben", "dee", "cy"]));
    // The quiz: both remaining personas better, one new, one gone.
    let quiz = touchpoint(&set, "quiz");
    assert_eq!(quiz["verdict"], "improved");
    assert_eq!(
        quiz["emotion"],
        serde_json::json!([
            {"persona": "ana", "old": 1, "new": 2, "delta": 1},
            {"persona": "ben", "old": -1, "new": 0, "delta": 1},
            {"persona": "dee", "old": null, "new": 1, "delta": null},
            {"persona": "cy", "old": 0, "new": null, "delta": null},
        ])
    );
    // Checkout: better for Ana, worse for Ben.
    assert_eq!(touchpoint(&set, "checkout")["verdict"], "mixed");
    // Stage means per persona, in the order of `bases`.
    let means = &stage(&set, "order")["emotion"];
    assert_eq!(
        means[0],
        serde_json::json!({"persona": "ana", "old": -0.5, "new": 0.5, "delta": 1})
    );
    assert_eq!(means[1]["persona"], "ben");
    assert_eq!(means[1]["delta"], -0.5);
    // Lowest moments per persona, before and after.
    let ana = &set["lowest_moments"][0];
    assert_eq!(ana["persona"], "ana");
    assert_eq!(ana["before"]["touchpoint"], "call");
    assert_eq!(ana["before"]["emotion"], -2);
    assert_eq!(ana["after"]["touchpoint_name"], "Reads the blog");
    // A touchpoint whose personas all agree on both sides is one entry for all.
    let blog = touchpoint(&set, "blog");
    assert_eq!(blog["emotion"][0]["persona"], Value::Null);
}

#[test]
fn matching_by_name_when_there_are_no_ids() {
    let d = Dir::new();
    d.write(
        "old.yaml",
        no_ids(
            "      - {name: Ad, emotion: 0}\n      - {name: Form, emotion: -1}\n",
            "      - {name: Mail, emotion: 1}\n",
        ),
    );
    d.write(
        "new.yaml",
        no_ids(
            "      - {name: Ad, emotion: 1}\n",
            "      - {name: Mail, emotion: 1}\n      - {name: Form, emotion: 1}\n      - {name: Call, emotion: 0}\n",
        ),
    );
    let r = d.run(&["diff", "old.yaml", "new.yaml", "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let set: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(keys(&set["stages"], "matched_by"), ["name", "name"]);
    let first = &set["stages"][0];
    assert_eq!(first["touchpoints"][0]["name"], "Ad");
    assert_eq!(first["touchpoints"][0]["matched_by"], "name");
    assert_eq!(first["touchpoints"][0]["verdict"], "improved");
    assert_eq!(first["moved_out"][0]["name"], "Form");
    let second = set["stages"][1]["touchpoints"].as_array().unwrap();
    let form = second.iter().find(|t| t["name"] == "Form").unwrap();
    assert_eq!(form["moved"]["across"], true);
    assert_eq!(form["moved"]["from_stage_name"], "First");
    assert_eq!(form["emotion"][0]["delta"], 2);
    let call = second.iter().find(|t| t["name"] == "Call").unwrap();
    assert_eq!(call["status"], "added");
    assert!(
        second.iter().all(|t| t["name"] != "Mail"),
        "unchanged touchpoints are left out"
    );
    let md = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert!(
        md.stdout
            .contains("- ↑ **Form** (moved here from **First**): −1 → +1 (↑ +2)"),
        "{}",
        md.stdout
    );
}

#[test]
fn ids_come_first_and_two_different_ids_are_two_touchpoints() {
    let d = Dir::new();
    let spec = |tps: &str| {
        format!(
            "journeymap: 1\ntitle: T\npersonas: [{{id: a, name: A}}]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n{tps}"
        )
    };
    d.write(
        "old.yaml",
        spec("      - {id: pay, name: Pays}\n      - {id: old-id, name: Gets a receipt}\n      - {name: Rates the order}\n"),
    );
    d.write(
        "new.yaml",
        spec("      - {id: pay, name: Pays with one click}\n      - {id: new-id, name: Gets a receipt}\n      - {id: rate, name: Rates the order}\n"),
    );
    let set: Value = {
        let r = d.run(&["diff", "old.yaml", "new.yaml", "-f", "json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap()
    };
    let tps = set["stages"][0]["touchpoints"].as_array().unwrap();
    let summary: Vec<(&str, &str, Option<&str>)> = tps
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap(),
                t["status"].as_str().unwrap(),
                t["matched_by"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Pays with one click", "changed", Some("id")),
            ("Gets a receipt", "removed", None),
            ("Gets a receipt", "added", None),
            // An id added to a touchpoint that had none: the same touchpoint, unchanged.
        ]
    );
    assert_eq!(tps[0]["old_name"], "Pays");
    assert_eq!(set["summary"]["touchpoints_renamed"], 1);
    let r = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert!(
        r.stdout
            .contains("- **Pays with one click** (renamed from “Pays”)"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_stage_that_changed_places() {
    let d = Dir::new();
    let spec = |a: &str, b: &str| {
        format!(
            "journeymap: 1\ntitle: T\npersonas: [{{id: a, name: A}}]\nstages:\n  - {{id: {a}, name: {a}, touchpoints: [{{name: x{a}}}]}}\n  - {{id: {b}, name: {b}, touchpoints: [{{name: x{b}}}]}}\n  - {{id: c, name: c, touchpoints: [{{name: xc}}]}}\n"
        )
    };
    d.write("old.yaml", spec("a", "b"));
    d.write("new.yaml", spec("b", "a"));
    let r = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("**1 stage moved**"), "{}", r.stdout);
    assert!(
        r.stdout.contains("#### a (moved from position 1 to 2)"),
        "{}",
        r.stdout
    );
}

#[test]
fn identical_specs_have_no_changes() {
    for format in ["md", "html", "json"] {
        for extra in [&[][..], &["--exit-code"][..]] {
            let mut args = vec!["diff", EXAMPLE_OLD, EXAMPLE_OLD, "-f", format];
            args.extend_from_slice(extra);
            let r = jm_run(&args);
            assert_eq!(r.code, 0, "{format} {extra:?}: {}", r.stderr);
            assert!(r.stderr.is_empty(), "{}", r.stderr);
            match format {
                "json" => {
                    let set: Value = serde_json::from_str(&r.stdout).unwrap();
                    assert_eq!(set["changed"], false);
                    assert_eq!(set["stages"], serde_json::json!([]));
                    assert!(set["summary"].as_object().unwrap().values().all(|v| v == 0));
                }
                _ => assert!(r.stdout.contains("No changes."), "{}", r.stdout),
            }
        }
    }
    let md = jm_run(&["diff", EXAMPLE_OLD, EXAMPLE_OLD]).stdout;
    assert!(!md.contains("###"), "nothing but the summary:\n{md}");
}

#[test]
fn exit_code_one_when_there_are_differences_and_asked() {
    let d = Dir::new();
    d.write("old.yaml", MINIMAL);
    d.write("new.yaml", MINIMAL.replace("emotion: 1", "emotion: 2"));
    let plain = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let r = d.run(&[
        "diff",
        "old.yaml",
        "new.yaml",
        "--exit-code",
        "-o",
        "out.md",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(
        d.read("out.md").contains("**1 touchpoint improved**"),
        "the report is still written"
    );
    assert!(
        d.read("out.md")
            .contains("- ↑ **Sees an ad**: +1 → +2 (↑ +1)")
    );
}

#[test]
fn a_spec_with_errors_on_either_side_writes_nothing() {
    let broken = MINIMAL.replace("emotion: 1", "emotion: 7");
    for (old, new) in [(&broken[..], MINIMAL), (MINIMAL, &broken[..])] {
        let d = Dir::new();
        d.write("old.yaml", old);
        d.write("new.yaml", new);
        let r = d.run(&["diff", "old.yaml", "new.yaml", "-o", "out.md"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("error[JM"), "{}", r.stderr);
        assert!(r.stderr.contains("emotion"), "{}", r.stderr);
        let culprit = if old == MINIMAL {
            "new.yaml"
        } else {
            "old.yaml"
        };
        assert!(
            r.stderr.contains(&format!("--> {culprit}:9:")),
            "points into the broken spec:\n{}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
        assert!(!d.exists("out.md"), "nothing is written");
    }
}

#[test]
fn warnings_are_printed_and_do_not_stop_the_diff() {
    let d = Dir::new();
    d.write("old.yaml", MINIMAL);
    d.write(
        "new.yaml",
        format!("{MINIMAL}  - id: empty\n    name: Empty stage\n"),
    );
    let r = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning["), "{}", r.stderr);
    assert!(r.stdout.contains("**1 stage added**"), "{}", r.stdout);
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let r = jm_run(&["diff", EXAMPLE_OLD, "no/such/spec.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("cannot read `no/such/spec.yaml`: no such file"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let r = jm_run(&["diff", EXAMPLE_OLD, "examples/saas-personas.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("holds only personas and channels"),
        "{}",
        r.stderr
    );
}

#[test]
fn one_persona_with_persona() {
    let set = json(&[BEFORE, AFTER, "--persona", "ana"]);
    assert_eq!(set["persona"], "ana");
    assert_eq!(set["bases"], serde_json::json!([null]));
    let quiz = touchpoint(&set, "quiz");
    assert_eq!(
        quiz["emotion"],
        serde_json::json!([{"persona": null, "old": 1, "new": 2, "delta": 1}])
    );
    assert_eq!(touchpoint(&set, "checkout")["verdict"], "improved");
    let r = jm_run(&["diff", BEFORE, AFTER, "--persona", "cy"]);
    assert_eq!(r.code, 2, "cy is not in the new spec");
    assert!(r.stderr.contains("`cy` is not a persona"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn different_scales_are_mapped_onto_the_new_one() {
    let d = Dir::new();
    d.write(
        "old.yaml",
        MINIMAL
            .replace("personas:", "scale: {min: 1, max: 5}\npersonas:")
            .replace("emotion: 1", "emotion: 5"),
    );
    d.write("new.yaml", MINIMAL.replace("emotion: 1", "emotion: 2"));
    let r = d.run(&["diff", "old.yaml", "new.yaml", "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let set: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(set["rescaled"], true);
    assert_eq!(set["metadata"][0]["field"], "scale");
    assert_eq!(
        set["summary"]["touchpoints_improved"], 0,
        "5 of 1..5 is 2 of -2..2"
    );
    let md = d.run(&["diff", "old.yaml", "new.yaml"]).stdout;
    assert!(md.contains("mapped onto the new scale (−2 … +2)"), "{md}");
}

#[test]
fn spec_text_is_escaped_in_markdown_and_html() {
    let d = Dir::new();
    d.write("old.yaml", MINIMAL);
    d.write(
        "new.yaml",
        MINIMAL.replace(
            "name: Sees an ad,",
            "name: \"<script>alert(1)</script> | **bold** [x](http://e)\",",
        ),
    );
    let md = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.contains(
            "**\\<script>alert(1)\\</script> \\| \\*\\*bold\\*\\* \\[x](http:/\\/e)** (renamed from “Sees an ad”)"
        ),
        "{}",
        md.stdout
    );
    let html = d.run(&["diff", "old.yaml", "new.yaml", "-f", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(!html.stdout.contains("<script"), "{}", html.stdout);
    assert!(
        html.stdout
            .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
    );
}

#[test]
fn the_html_page_is_self_contained_with_both_curves() {
    let r = jm_run(&["diff", BEFORE, AFTER, "-f", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = &r.stdout;
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for needle in [
        "prefers-color-scheme: dark",
        "name=\"viewport\"",
        "<polyline class=\"curve old\"",
        "<polyline class=\"curve new\"",
        "role=\"img\"",
        "<details>",
        "class=\"band-removed\"",
        "class=\"band-added\"",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // One chart per persona, since emotions differ by persona.
    assert_eq!(html.matches("<svg class=\"curves\"").count(), 4);
    for banned in ["http://", "https://", "<link", "<img", "@import", "url("] {
        assert!(
            !html.contains(banned),
            "loads nothing from outside: {banned}"
        );
    }
}

#[test]
fn labels_follow_the_new_specs_locale() {
    let d = Dir::new();
    let ja = std::fs::read_to_string(
        crate::support::root().join("examples/online-english-school.ja.yaml"),
    )
    .unwrap();
    d.write("old.yaml", &ja);
    d.write(
        "new.yaml",
        ja.replacen(
            "emotion: {misaki: -1, kenji: -2}",
            "emotion: {misaki: 1, kenji: 0}",
            1,
        ),
    );
    let md = d.run(&["diff", "old.yaml", "new.yaml"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout
            .contains("## ジャーニーの変更点：オンライン英会話"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("**タッチポイント：改善 1**")
            && md
                .stdout
                .contains("比較：old.yaml（現状、2026-Q4） → new.yaml（現状、2026-Q4）"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("ステージ別の感情（平均）"),
        "{}",
        md.stdout
    );
    let html = d.run(&["diff", "old.yaml", "new.yaml", "-f", "html"]);
    assert!(html.stdout.contains("<html lang=\"ja\">"));
    assert!(html.stdout.contains("感情曲線の変化"));
    let same = d.run(&["diff", "old.yaml", "old.yaml"]);
    assert!(
        same.stdout.contains("変更はありません。"),
        "{}",
        same.stdout
    );
}

#[test]
fn writes_to_a_file_or_to_stdout() {
    let d = Dir::new();
    let old = crate::support::root().join(EXAMPLE_OLD);
    let new = crate::support::root().join(EXAMPLE_NEW);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let r = d.run(&["diff", old, new, "-f", "html", "-o", "changes.html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(d.read("changes.html").contains("</html>"));
    let r = d.run(&["diff", old, new, "-o", "-"]);
    assert!(r.stdout.starts_with("## Journey changes: "));
}

#[test]
fn the_example_diff_matches_its_golden_files_byte_for_byte() {
    for format in ["md", "html", "json"] {
        let r = jm_run(&["diff", EXAMPLE_OLD, EXAMPLE_NEW, "-f", format]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{}", r.stderr);
        let again = jm_run(&["diff", EXAMPLE_OLD, EXAMPLE_NEW, "-f", format]);
        assert_eq!(r.stdout, again.stdout, "{format} is deterministic");
        assert_golden(
            &format!("tests/golden/diff-saas-onboarding.{format}"),
            &r.stdout,
        );
    }
}

#[test]
fn the_example_diff_shows_each_kind_of_touchpoint_change() {
    let md = jm_run(&["diff", EXAMPLE_OLD, EXAMPLE_NEW]).stdout;
    for line in [
        "- **Explores the sample fintech workspace** (added): +1",
        "- ~~Receives trial nurture emails~~ (removed): 0",
        "(renamed from “Reads the pricing page”)",
        "- ↑ **Security questionnaire and DPA** (moved here from **Purchase**): −1 → +1 (↑ +2)",
        "- **Security questionnaire and DPA** (moved to **Trial**)",
        "- ↑ **Connects the Snowflake warehouse**: −2 → +1 (↑ +3)",
    ] {
        assert!(md.contains(line), "missing {line:?}:\n{md}");
    }
}

#[test]
fn docs_show_the_real_example_diff() {
    let docs = std::fs::read_to_string(crate::support::root().join("docs/diff.md")).unwrap();
    let r = jm_run(&["diff", EXAMPLE_OLD, EXAMPLE_NEW]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let block = format!("````markdown\n{}````\n", r.stdout);
    assert!(
        docs.contains(&block),
        "docs/diff.md must end with the real output of `journeymap diff {EXAMPLE_OLD} {EXAMPLE_NEW}` in a ````markdown block; paste it again"
    );
    // The summary line the README quotes.
    assert!(docs.contains(
        "**11 touchpoints improved, 1 added, 1 removed, 1 renamed, 1 moved, 16 pain points resolved, \
         3 added, 4 opportunities added, 15 removed, 38 metrics changed**"
    ));
}

/// The Markdown report of hostile specs, read by a GFM renderer (comrak with
/// GitHub's extensions): spec text never becomes a link, an image, HTML, code,
/// math, a footnote, a quote, an alert or emphasis, and never adds a table cell.
#[test]
fn hostile_spec_text_stays_text_on_github() {
    use comrak::nodes::NodeValue;
    use comrak::{Arena, Options, parse_document};
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.strikethrough = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.math_dollars = true;
    o.extension.alerts = true;
    let torture = "tests/torture/torture.yaml";
    for (old, new) in [(BEFORE, torture), (torture, BEFORE), (torture, torture)] {
        let r = jm_run(&["diff", old, new]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let arena = Arena::new();
        let root = parse_document(&arena, &r.stdout, &o);
        for node in root.descendants() {
            let data = node.data();
            let bad = match &data.value {
                // `<!-- -->` is how the `md` filter keeps an e-mail address from linking.
                NodeValue::HtmlInline(h) => h != "<br>" && h != "<!-- -->",
                NodeValue::Heading(h) => h.setext,
                NodeValue::Link(_)
                | NodeValue::Image(_)
                | NodeValue::HtmlBlock(_)
                | NodeValue::Code(_)
                | NodeValue::CodeBlock(_)
                | NodeValue::FootnoteReference(_)
                | NodeValue::FootnoteDefinition(_)
                | NodeValue::Math(_)
                | NodeValue::TaskItem(_)
                | NodeValue::Alert(_)
                | NodeValue::BlockQuote
                | NodeValue::ThematicBreak
                | NodeValue::Emph => true,
                _ => false,
            };
            assert!(
                !bad,
                "{old} → {new}: {:?} at line {}:\n{}",
                data.value,
                data.sourcepos.start.line,
                r.stdout
                    .lines()
                    .nth(data.sourcepos.start.line - 1)
                    .unwrap_or("")
            );
        }
        // Every table row has as many cells as its header (`\|` does not split).
        let mut columns = None;
        for line in r.stdout.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let cells = line.replace("\\|", "").matches('|').count();
            assert_eq!(*columns.get_or_insert(cells), cells, "{line}");
        }
    }
}

const OURS: &str = "tests/diff/ours.yaml";
const RIVAL: &str = "tests/diff/rival.yaml";

/// The words of change, which a comparison of two subjects never uses.
const CHANGE_WORDS: [&str; 8] = [
    "resolved", "removed", "added", "improved", "worse", "fixed", "→", "changes",
];

/// What a reader sees of an HTML page: no style, no tags, no attributes.
fn visible(html: &str) -> String {
    let body = html.split("</style>").last().unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// SPEC.md §7: a diff of ours and a competitor's journey speaks of
/// comparison: what only one side has, where ours trails or leads and by how
/// much, never of change, in every format.
#[test]
fn two_subjects_are_compared_not_changed() {
    let md = jm_run(&["diff", OURS, RIVAL]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    let md = md.stdout;
    assert!(
        md.starts_with("## Journey comparison: ours with Brewly\n"),
        "{md}"
    );
    for said in [
        "trails in 1 stage, leads in 1, mixed in 1, 1 only in ours, 1 only in Brewly",
        "| Checkout | Ana | 0 | +1 | trails by 1 |",
        "| Discover | Ben | 0 | −0.5 | leads by 0.5 |",
        "#### Phone support (only in ours)",
        "#### Brewing with the app (only in Brewly)",
        "#### Checkout (called “Order” in ours)",
        "- Pain point only in Brewly: Plans are named after coffee regions, not tastes",
        "**Checks out**: ours −1 vs Brewly +1 (trails by 2)",
        "### Stage by stage",
    ] {
        assert!(md.contains(said), "`{said}` in\n{md}");
    }
    let html = jm_run(&["diff", OURS, RIVAL, "-f", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(
        html.stdout
            .contains("<title>Journey comparison: ours with Brewly</title>")
    );
    let seen = visible(&html.stdout);
    assert!(seen.contains("trails by 2"), "{seen}");
    for text in [md.to_lowercase(), seen.to_lowercase()] {
        for word in CHANGE_WORDS {
            assert!(!text.contains(word), "`{word}` in a comparison:\n{text}");
        }
    }

    let set = json(&[OURS, RIVAL]);
    assert_eq!(set["comparison"], true);
    assert_eq!(
        set["subjects"],
        serde_json::json!({"old": null, "new": "Brewly"})
    );
    let statuses: Vec<&str> = keys(&set["stages"], "status");
    assert!(
        statuses
            .iter()
            .all(|s| ["only_old", "only_new", "both"].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(
        stage(&set, "order")["touchpoints"][0]["verdict"],
        "new_higher"
    );
    let text = set.to_string().to_lowercase();
    for word in ["resolved", "removed", "added", "improved", "worse"] {
        assert!(!text.contains(word), "`{word}` in the JSON of a comparison");
    }
    assert_eq!(set["summary"]["stages_only_old"], 1);
    assert_eq!(set["summary"]["stages_only_new"], 1);

    // Two versions of one subject's journey stay a diff of versions, whose
    // JSON has neither key.
    let versions = json(&[BEFORE, AFTER]);
    assert!(versions.get("comparison").is_none() && versions.get("subjects").is_none());
}

/// In Japanese the comparison speaks Japanese: `このジャーニー` for ours.
#[test]
fn a_comparison_in_japanese() {
    let d = Dir::new();
    let ja = |path: &str| {
        std::fs::read_to_string(crate::support::root().join(path))
            .unwrap()
            .replace("locale: en", "locale: ja")
    };
    d.write("ours.yaml", ja(OURS));
    d.write("rival.yaml", ja(RIVAL));
    let md = d.run(&["diff", "ours.yaml", "rival.yaml"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout
            .starts_with("## ジャーニーの比較：このジャーニーとBrewly\n"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("ステージごとの違い"), "{}", md.stdout);
    assert!(!md.stdout.contains("変更"), "{}", md.stdout);
}
