//! Each lint fires at the right place, stays quiet on a clean spec, and obeys
//! its level from the spec (`lints:`) and from the command line (`-A/-W/-D`).

use crate::support::{Dir, jm_run};
use journeymap::lint::{LINTS, Level};

/// A spec that triggers `lint` exactly once, and where (line:col).
fn trigger(lint: &str) -> (&'static str, &'static str) {
    match lint {
        "negative-without-opportunity" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Purchase
    touchpoints:
      - name: Pricing page
        emotion: -1
",
            "7:15",
        ),
        "empty-stage" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Awareness
    touchpoints: [{name: Ad}]
  - name: Interest
",
            "7:11",
        ),
        "unused-persona" => (
            "journeymap: 1
title: T
personas:
  - {id: a, name: A}
  - {id: b, name: B}
stages:
  - name: Awareness
    touchpoints: [{name: Ad, personas: [a]}]
",
            "5:10",
        ),
        "unused-channel" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
channels:
  - {id: web, name: Web}
  - {id: store, name: Store}
stages:
  - name: Awareness
    touchpoints: [{name: Ad, channel: web}]
",
            "6:10",
        ),
        "missing-emotion" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Awareness
    touchpoints:
      - {name: Ad, emotion: 1}
      - {name: Search}
",
            "8:16",
        ),
        "pain-without-opportunity" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Awareness
    pain_points: [Too many ads]
    touchpoints: [{name: Ad}]
",
            "5:11",
        ),
        "no-evidence" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Awareness
    touchpoints:
      - {name: Ad, evidence: [GA4]}
      - {name: Search}
",
            "8:16",
        ),
        "metric-off-target" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
metrics: [{id: csat, name: CSAT, target: 80}]
stages:
  - name: Awareness
    touchpoints:
      - {name: Ad, metrics: {csat: 90}}
      - {name: Search, metrics: {csat: 72}}
",
            "9:40",
        ),
        "assumption-gap" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
metrics: [{id: csat, name: CSAT, emotion: {min: 1, max: 5}}]
stages:
  - name: Awareness
    touchpoints:
      - {name: Ad, emotion: 1, metrics: {csat: 4}}
      - {name: Search, emotion: 2, metrics: {csat: 2}}
",
            "9:16",
        ),
        "unmeasured-metric" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
metrics:
  - {id: csat, name: CSAT}
  - {id: nps, name: NPS}
stages:
  - name: Awareness
    touchpoints: [{name: Ad, metrics: {csat: 4}}]
",
            "6:10",
        ),
        "hashtag-comment" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Awareness
    touchpoints:
      - {name: Ad}
      - name: Instagram で #カフェ を検索
",
            "8:27",
        ),
        "comma-split-number" => (
            "journeymap: 1
title: T
personas: [{id: a, name: A}]
stages:
  - name: Awareness
    pain_points: [ok, カット4,400円は高い]
    opportunities: [Show prices]
    touchpoints: [{name: Ad}]
",
            "6:27",
        ),
        other => panic!("lint `{other}` has no spec that triggers it: add one to `trigger`"),
    }
}

fn with_level(spec: &str, lint: &str, level: &str) -> String {
    spec.replacen(
        "title: T\n",
        &format!("title: T\nlints: {{{lint}: {level}}}\n"),
        1,
    )
}

/// Every lint of the registry, with a spec that triggers it.
#[test]
fn each_lint_at_each_level() {
    assert!(!LINTS.is_empty());
    for entry in LINTS {
        let (lint, code) = (entry.name, entry.code);
        let (spec, at) = trigger(lint);
        let d = Dir::new();
        let check = |text: &str, args: &[&str]| {
            d.write("s.yaml", text);
            let mut all = vec!["check", "s.yaml"];
            all.extend_from_slice(args);
            d.run(&all)
        };
        let located = format!("--> s.yaml:{at}");
        // With a `lints:` line added under the title, the place moves down one line.
        let (line, col) = at.split_once(':').unwrap();
        let shifted = format!("--> s.yaml:{}:{col}", line.parse::<u32>().unwrap() + 1);

        // Default level.
        let r = check(spec, &[]);
        match entry.default {
            Level::Allow => assert!(
                crate::support::clean(&r.stderr),
                "{lint} is allowed by default: {}",
                r.stderr
            ),
            Level::Warn | Level::Deny => {
                let (exit, severity) = if entry.default == Level::Warn {
                    (0, "warning")
                } else {
                    (1, "error")
                };
                assert_eq!(r.code, exit, "{lint} at its default level: {}", r.stderr);
                assert!(
                    r.stderr.contains(&format!("{severity}[{code}]")),
                    "{lint}: {}",
                    r.stderr
                );
                assert!(r.stderr.contains(&located), "{lint} at {at}: {}", r.stderr);
                assert!(
                    r.stderr.contains("= help:"),
                    "{lint} has help: {}",
                    r.stderr
                );
            }
        }

        // Set in the spec.
        let r = check(&with_level(spec, lint, "allow"), &[]);
        assert!(
            r.code == 0 && crate::support::clean(&r.stderr),
            "{lint}: allow in spec: {}",
            r.stderr
        );
        let warned = with_level(spec, lint, "warn");
        let r = check(&warned, &[]);
        assert_eq!(r.code, 0);
        assert!(
            r.stderr.contains(&format!("warning[{code}]")) && r.stderr.contains(&shifted),
            "{lint}: warn in spec: {}",
            r.stderr
        );
        let r = check(&with_level(spec, lint, "deny"), &[]);
        assert_eq!(r.code, 1, "{lint}: deny in spec");
        assert!(
            r.stderr.contains(&format!("error[{code}]")),
            "{lint}: {}",
            r.stderr
        );

        // The command line wins over the spec.
        let r = check(&warned, &["-A", lint]);
        assert!(
            r.code == 0 && crate::support::clean(&r.stderr),
            "{lint}: -A over spec warn: {}",
            r.stderr
        );
        let r = check(&warned, &["-D", lint]);
        assert_eq!(r.code, 1, "{lint}: -D");
        assert!(
            r.stderr.contains(&format!("error[{code}]")) && r.stderr.contains(&shifted),
            "{lint}: {}",
            r.stderr
        );
        let r = check(&with_level(spec, lint, "deny"), &["-W", lint]);
        assert_eq!(r.code, 0, "{lint}: -W over spec deny: {}", r.stderr);
        // Later flags win, like clippy.
        let r = check(spec, &["-D", lint, "-A", lint]);
        assert!(
            r.code == 0 && crate::support::clean(&r.stderr),
            "{lint}: -D then -A: {}",
            r.stderr
        );
        let r = check(spec, &["-A", lint, "-D", lint]);
        assert_eq!(r.code, 1, "{lint}: -A then -D");
        // -D warnings denies what warns.
        let r = check(&warned, &["-D", "warnings"]);
        assert_eq!(r.code, 1, "{lint}: -D warnings");
        // -A warnings silences what warns, not what is denied; of -A and -D
        // warnings the last one wins (as in rustc).
        let r = check(&warned, &["-A", "warnings"]);
        assert!(
            r.code == 0 && crate::support::clean(&r.stderr),
            "{lint}: -A warnings: {}",
            r.stderr
        );
        let r = check(&warned, &["-A", "warnings", "-D", lint]);
        assert_eq!(
            r.code, 1,
            "{lint}: -A warnings leaves a denied lint an error"
        );
        let r = check(&warned, &["-A", "warnings", "-D", "warnings"]);
        assert_eq!(r.code, 1, "{lint}: -A warnings then -D warnings");
        let r = check(&warned, &["-D", "warnings", "-A", "warnings"]);
        assert!(
            r.code == 0 && crate::support::clean(&r.stderr),
            "{lint}: -D warnings then -A warnings: {}",
            r.stderr
        );
    }
}

#[test]
fn a_clean_spec_has_no_lint() {
    let d = Dir::new();
    d.write(
        "clean.yaml",
        "journeymap: 1
title: Clean
lints: {no-evidence: warn}
personas: [{id: a, name: A}]
channels: [{id: web, name: Web}]
stages:
  - name: Purchase
    pain_points: [Price unclear]
    opportunities: [Show prices]
    touchpoints:
      - {name: Pricing page, channel: web, emotion: -1, evidence: [Interviews n=8]}
",
    );
    let r = d.run(&["check", "clean.yaml", "-D", "warnings"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "checked `clean.yaml`: ok\n")
    );
}

#[test]
fn negative_is_relative_to_the_scale() {
    let d = Dir::new();
    let spec = |v: u8| {
        format!(
            "journeymap: 1\ntitle: T\nscale: {{min: 1, max: 5}}\npersonas: [{{id: a, name: A}}]\nstages:\n  - name: S\n    touchpoints: [{{name: X, emotion: {v}}}]\n"
        )
    };
    d.write("two.yaml", spec(2));
    d.write("three.yaml", spec(3));
    assert!(
        d.run(&["check", "two.yaml"])
            .stderr
            .contains("warning[JM1001]"),
        "2 on 1..5 is negative"
    );
    assert!(
        crate::support::clean(&d.run(&["check", "three.yaml"]).stderr),
        "3 on 1..5 is neutral"
    );
}

/// A shared library of personas and channels (SPEC.md §7): what a journey
/// imports but does not use is neither shown nor linted, so `check -D warnings`
/// stays clean; the spec's own unused definitions still warn.
#[test]
fn imported_definitions_that_a_journey_does_not_use_are_not_linted() {
    let d = Dir::new();
    d.write(
        "people.yaml",
        "personas:\n  - {id: a, name: A}\n  - {id: lonely, name: Lonely}\nchannels:\n  - {id: web, name: Web}\n  - {id: shop, name: Shop}\n",
    );
    d.write(
        "s.yaml",
        "journeymap: 1\ntitle: T\nimports: [people.yaml]\nstages:\n  - name: S\n    touchpoints: [{name: X, personas: [a], channel: web}]\n",
    );
    let r = d.run(&["check", "s.yaml", "-D", "warnings"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(crate::support::clean(&r.stderr), "{}", r.stderr);
    let r = d.run(&["build", "s.yaml", "-f", "json", "-o", "-"]);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ids = |k: &str| -> Vec<String> {
        j[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids("personas"),
        ["a"],
        "the unused imported persona is not on the map"
    );
    assert_eq!(ids("channels"), ["web"]);
    // The spec's own unused persona warns, pointing at its definition.
    d.write(
        "own.yaml",
        "journeymap: 1\ntitle: T\nimports: [people.yaml]\npersonas: [{id: mine, name: Mine}]\nstages:\n  - name: S\n    touchpoints: [{name: X, personas: [a]}]\n",
    );
    let r = d.run(&["check", "own.yaml"]);
    assert!(
        r.stderr
            .contains("warning[JM1003]: persona `mine` is on no touchpoint"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--> own.yaml:4:17"), "{}", r.stderr);
    assert!(!r.stderr.contains("lonely"), "{}", r.stderr);
}

#[test]
fn unknown_lint_on_the_command_line_is_a_usage_error() {
    let r = jm_run(&[
        "check",
        "examples/saas-onboarding.yaml",
        "-D",
        "no-evidense",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown lint `no-evidense`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `no-evidence`?"),
        "{}",
        r.stderr
    );
}
