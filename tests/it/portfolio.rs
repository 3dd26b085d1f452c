//! Many journeys (SPEC.md §7): journeys that name each other (`parent`,
//! `compare_to`), shared personas picked by id, pain points addressed by
//! opportunities, and the portfolio page that `build DIR` writes at the
//! output root. The rules' diagnostics are UI cases (`tests/ui/parent_*`,
//! `compare_to_*`, …); the golden files of the example portfolio are
//! `tests/golden/portfolio/index.{html,md,json}`.

use crate::support::{Dir, assert_golden, jm_run, root};
use serde_json::Value;

const PEOPLE: &str = "\
personas:
  - {id: hana, name: Hana}
  - {id: ken, name: Ken}
channels:
  - {id: web, name: Website}
  - {id: shop, name: Shop}
  - {id: app, name: App}
";

const OVERVIEW: &str = "\
journeymap: 1
title: Overview
imports: [shared/people.yaml]
compare_to: [rival.yaml]
stages:
  - id: aware
    name: Awareness
    touchpoints:
      - {id: ad, name: Sees an ad, emotion: 1, channel: web}
  - id: purchase
    name: Purchase
    pain_points:
      - {id: price, text: The price is unclear}
      - {id: slow, text: The page is slow}
    opportunities:
      - {text: A price calculator, priority: high, impact: high, effort: low, status: planned, ticket: 'https://tracker.example/WEB-142', addresses: [price]}
      - {text: Fewer steps, priority: low, impact: medium, effort: high, status: done, ticket: WEB-7}
    touchpoints:
      - {id: pay, name: Pays, emotion: -1, channel: shop, personas: [hana, ken]}
";

const CHECKOUT: &str = "\
journeymap: 1
title: Checkout
parent: {journey: ../overview.yaml, stage: purchase}
imports: [{file: ../shared/people.yaml, personas: [hana]}]
stages:
  - id: cart
    name: Cart
    touchpoints:
      - {name: Reviews the cart, emotion: 0, channel: web}
";

const RIVAL: &str = "\
journeymap: 1
title: Rival's journey
subject: Rival Inc.
imports: [shared/people.yaml]
stages:
  - id: aware
    name: Awareness
    touchpoints:
      - {name: Sees a TV spot, emotion: 2, channel: web}
  - id: purchase
    name: Purchase
    touchpoints:
      - {name: Buys in one tap, emotion: 1, channel: app}
    opportunities: [{text: Their loyalty points, impact: high, effort: low}]
";

/// A folder of journeys: an overview compared with a rival's, a detail
/// journey under its purchase stage, a future state, shared personas.
fn folder() -> Dir {
    let d = Dir::new();
    d.write("j/shared/people.yaml", PEOPLE);
    d.write("j/overview.yaml", OVERVIEW);
    d.write(
        "j/overview.future.yaml",
        OVERVIEW
            .replace("title: Overview", "title: Overview (to-be)\nstate: future")
            .replace("compare_to: [rival.yaml]\n", "")
            .replace("emotion: -1", "emotion: 1"),
    );
    d.write("j/flows/checkout.yaml", CHECKOUT);
    d.write("j/rival.yaml", RIVAL);
    d
}

/// Every `href` of a page (attribute-escaped as the templates write them).
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|r| {
            r[..r.find('"').unwrap()]
                .replace("&#x2f;", "/")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn build_dir_writes_the_portfolio_page_at_the_output_root() {
    let d = folder();
    let r = d.run(&[
        "build",
        "j",
        "--out-dir",
        "out",
        "-f",
        "html",
        "-f",
        "md",
        "-f",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("built 4 specs: 0 errors, 0 warnings"),
        "{}",
        r.stderr
    );
    let html = d.read("out/index.html");
    assert!(html.contains("<title>Journey portfolio</title>"), "{html}");
    // Every relative link resolves to a file that was written.
    let links: Vec<String> = hrefs(&html)
        .into_iter()
        .filter(|h| !h.starts_with('#') && !h.starts_with("https://"))
        .collect();
    assert!(
        links.contains(&"flows/checkout.html".to_owned()),
        "{links:?}"
    );
    for l in &links {
        assert!(
            d.exists(&format!("out/{l}")),
            "a link to a missing file: {l}"
        );
    }
    // The hierarchy, the pair and its diff command, the backlog with its ticket link.
    let text = html.replace("&#x2f;", "/");
    assert!(
        text.contains("journeymap diff j/overview.yaml j/overview.future.yaml"),
        "{html}"
    );
    assert!(
        html.contains("href=\"https:&#x2f;&#x2f;tracker.example&#x2f;WEB-142\""),
        "{html}"
    );

    let md = d.read("out/index.md");
    for said in [
        "| [Overview](overview.md) | Hana, Ken | −1 Pays | 1 | 1 |",
        "- [Overview](overview.md)\n  - [Checkout](flows/checkout.md) (Purchase)",
        "| 2 | A price calculator | [Overview](overview.md) | Purchase | high | high | low | Planned | – | [WEB-142](https://tracker.example/WEB-142) |",
        "| 4 | Fewer steps | [Overview](overview.md) | Purchase | low | medium | high | Done | – | WEB-7 |",
        "| **high** | 2 (#1 #2) | · | · |",
        "| [Overview](overview.md) | [Overview (to-be)](overview.future.md) | `journeymap diff j/overview.yaml j/overview.future.yaml` |",
        "| Awareness | +1 | +1 | +2 |\n| Purchase | +1 | −1 | +1 |",
    ] {
        assert!(md.contains(said), "`{said}` in\n{md}");
    }

    let page: Value = serde_json::from_str(&d.read("out/index.json")).unwrap();
    assert_eq!(page["journeymap_portfolio"], 1);
    let titles: Vec<&str> = page["journeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["title"].as_str().unwrap())
        .collect();
    let at = |t: &str| titles.iter().position(|x| *x == t).unwrap();
    let (overview, checkout, rival) = (at("Overview"), at("Checkout"), at("Rival's journey"));
    assert_eq!(page["journeys"][checkout]["parent"], overview);
    assert_eq!(
        page["journeys"][overview]["compare_to"],
        serde_json::json!([rival])
    );
    assert_eq!(page["journeys"][rival]["subject"], "Rival Inc.");
    assert_eq!(page["journeys"][overview]["lowest"]["emotion"], -1.0);
    assert_eq!(page["tree"][0]["journey"], overview);
    assert_eq!(page["tree"][0]["children"][0]["journey"], checkout);
    assert_eq!(
        page["pairs"][0]["diff"],
        "journeymap diff j/overview.yaml j/overview.future.yaml"
    );
    // The backlog: priority first; a done item stays listed, and the open count leaves it out.
    let backlog = page["backlog"].as_array().unwrap();
    assert_eq!(backlog[0]["text"], "A price calculator");
    // A competitor's journey is compared, not owned: not in our backlog.
    assert!(
        backlog.iter().all(|b| b["journey"] != rival),
        "{backlog:#?}"
    );
    assert_eq!(backlog[0]["cell"], "high-low");
    assert_eq!(page["journeys"][overview]["open_opportunities"], 1);
    // Exact unaddressed pains: `slow` has no opportunity addressing it.
    assert_eq!(page["journeys"][overview]["unaddressed_pains"], 1);
    let hana = page["personas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "hana")
        .unwrap();
    assert!(
        hana["journeys"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["journey"] == checkout && e["mean"] == 0.0)
    );
}

#[test]
fn no_index_and_a_spec_named_index() {
    let d = folder();
    let r = d.run(&["build", "j", "--out-dir", "out", "--no-index"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(d.exists("out/overview.html") && !d.exists("out/index.html"));

    d.write("j/index.yaml", RIVAL);
    let r = d.run(&["build", "j", "--out-dir", "out2"]);
    // A clash of outputs, like two specs built to one file: a usage error.
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("index.yaml"), "{}", r.stderr);
    assert!(
        r.stderr.contains("--no-index"),
        "the hint names the way out: {}",
        r.stderr
    );
    assert!(!d.exists("out2/index.html"), "nothing is half-written");
    let r = d.run(&["build", "j", "--out-dir", "out2", "--no-index"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(d.read("out2/index.html").contains("Rival"));
}

#[test]
fn check_compares_the_page_too() {
    let d = folder();
    assert_eq!(d.run(&["build", "j", "--out-dir", "out"]).code, 0);
    let r = d.run(&["build", "j", "--out-dir", "out", "--check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A page that differs from what the specs give is stale.
    d.write(
        "out/index.html",
        d.read("out/index.html").replace("Overview", "Stale"),
    );
    let r = d.run(&["build", "j", "--out-dir", "out", "--check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("index.html"), "{}", r.stderr);
}

#[test]
fn the_page_speaks_the_journeys_language() {
    let d = folder();
    let ja = |s: &str| s.replace("journeymap: 1\n", "journeymap: 1\nlocale: ja\n");
    for f in [
        "j/overview.yaml",
        "j/overview.future.yaml",
        "j/flows/checkout.yaml",
        "j/rival.yaml",
    ] {
        d.write(f, ja(&d.read(f)));
    }
    assert_eq!(
        d.run(&["build", "j", "--out-dir", "out", "-f", "html", "-f", "md"])
            .code,
        0
    );
    assert!(d.read("out/index.html").contains("<html lang=\"ja\">"));
    assert!(
        d.read("out/index.md").starts_with("# ジャーニーの一覧"),
        "{}",
        d.read("out/index.md")
    );
    // A mixed folder uses English, unless --locale says otherwise.
    d.write("j/rival.yaml", RIVAL);
    assert_eq!(d.run(&["build", "j", "--out-dir", "mixed"]).code, 0);
    assert!(d.read("mixed/index.html").contains("<html lang=\"en\">"));
    assert_eq!(
        d.run(&["build", "j", "--out-dir", "forced", "--locale", "ja"])
            .code,
        0
    );
    assert!(d.read("forced/index.html").contains("<html lang=\"ja\">"));
}

#[test]
fn maps_link_parent_and_details_relatively() {
    let d = folder();
    assert_eq!(d.run(&["build", "j", "--out-dir", "out"]).code, 0);
    let overview = d.read("out/overview.html");
    assert!(
        hrefs(&overview).contains(&"flows/checkout.html".to_owned()),
        "the parent links its detail journey"
    );
    let checkout = d.read("out/flows/checkout.html");
    assert!(
        hrefs(&checkout).contains(&"../overview.html".to_owned()),
        "the breadcrumb back"
    );
    // A single-file build links to the maps beside the specs.
    let r = d.run(&["build", "j/flows/checkout.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(hrefs(&d.read("j/flows/checkout.html")).contains(&"../overview.html".to_owned()));
}

#[test]
fn shared_personas_show_and_lint_only_what_a_journey_uses() {
    let d = folder();
    // The checkout picks Hana; the overview imports all and uses both;
    // neither warns about the channels it does not use.
    let r = d.run(&["check", "j", "-D", "warnings"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        d.run(&["build", "j", "--out-dir", "out", "-f", "json"])
            .code,
        0
    );
    let checkout: Value = serde_json::from_str(&d.read("out/flows/checkout.json")).unwrap();
    let personas: Vec<&str> = checkout["personas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(personas, ["hana"]);
    let channels: Vec<&str> = checkout["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["web"], "only the channel it uses");
}

#[test]
fn a_map_compared_with_a_rival_draws_its_line_and_says_where_it_trails() {
    let d = folder();
    assert_eq!(
        d.run(&[
            "build",
            "j/overview.yaml",
            "-f",
            "html",
            "-f",
            "svg",
            "-f",
            "md",
            "-f",
            "json"
        ])
        .code,
        0
    );
    let json: Value = serde_json::from_str(&d.read("j/overview.json")).unwrap();
    let trails = &json["insights"]["trails"];
    assert_eq!(trails[0]["stage"], "purchase", "{trails:#}");
    let html = d.read("j/overview.html");
    assert!(
        html.contains("Rival Inc."),
        "the compared line is labelled by subject"
    );
    assert!(d.read("j/overview.svg").contains("Rival Inc."));
    let md = d.read("j/overview.md");
    assert!(md.contains("| Purchase | −1 | +1 |"), "{md}");
}

#[test]
fn a_parent_with_errors_in_the_run_is_reported_once() {
    let d = folder();
    d.write(
        "j/overview.yaml",
        OVERVIEW.replace("emotion: -1", "emotion: -7"),
    );
    let r = d.run(&["check", "j"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The overview's own error, once: its detail journey (checked in the same
    // run) does not repeat it.
    assert_eq!(r.stderr.matches("error[").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("j/overview.yaml:"), "{}", r.stderr);
}

/// The example portfolio builds clean and its page matches the golden files.
#[test]
fn the_example_portfolio_matches_its_golden_files() {
    let d = Dir::new();
    let src = root().join("examples/portfolio");
    let r = jm_run(&["check", src.to_str().unwrap(), "-D", "warnings"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = d.path().join("out");
    let r = crate::support::run(
        crate::support::jm()
            .current_dir(root())
            .args(["build", "examples/portfolio", "--out-dir"])
            .arg(&out)
            .args(["-f", "html", "-f", "md", "-f", "json"]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for format in ["html", "md", "json"] {
        assert_golden(
            &format!("tests/golden/portfolio/index.{format}"),
            &std::fs::read_to_string(out.join(format!("index.{format}"))).unwrap(),
        );
    }
}

/// The page goes with the maps it links: a build of one format writes the
/// page in that format only, so building JSON after HTML leaves index.html
/// (and its links) alone, and a spec named `index` clashes only with a page
/// of its own format.
#[test]
fn the_page_is_written_in_the_formats_built() {
    let d = folder();
    assert_eq!(d.run(&["build", "j", "--out-dir", "out"]).code, 0);
    let page = d.read("out/index.html");
    assert!(page.contains("href=\"overview.html\""), "{page}");
    assert!(!d.exists("out/index.json") && !d.exists("out/index.md"));
    let r = d.run(&["build", "j", "--out-dir", "out", "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(d.read("out/index.html"), page, "index.html untouched");
    assert!(d.exists("out/index.json"));
    assert_eq!(
        d.run(&["build", "j", "--out-dir", "out", "--check"]).code,
        0
    );
    let r = d.run(&["build", "j", "--out-dir", "md", "-f", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(d.exists("md/index.md") && !d.exists("md/index.html"));
    d.write("j/index.yaml", RIVAL);
    let r = d.run(&["build", "j", "--out-dir", "svg", "-f", "svg"]);
    assert_eq!(r.code, 0, "no page in SVG, so no clash: {}", r.stderr);
    assert!(d.exists("svg/index.svg"));
}

/// A compared journey's name fits its first stage on the map: shortened with
/// `…` (the whole name in the segment's title and in the legend), in HTML
/// and SVG; it used to run off the left edge of the curve.
#[test]
fn a_long_compared_name_is_shortened_to_its_stage() {
    let d = folder();
    let long = "A very long journey title that no stage column is wide enough for";
    d.write(
        "j/rival.yaml",
        RIVAL
            .replace("subject: Rival Inc.\n", "")
            .replace("Rival's journey", long),
    );
    let r = d.run(&["build", "j/overview.yaml", "-f", "html", "-f", "svg"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for file in ["j/overview.html", "j/overview.svg"] {
        let out = d.read(file);
        let at = out
            .find(&format!("{long}: "))
            .unwrap_or_else(|| panic!("the whole name in a title of {file}"));
        let label = &out[at..];
        let label = &label[label.find("<text").unwrap()..];
        let label = &label[label.find('>').unwrap() + 1..label.find("</text>").unwrap()];
        assert!(
            label.contains('…') && label.len() < long.len(),
            "{file}: {label}"
        );
    }
}

/// A persona an import picks by id is the journey's, even when only some
/// touchpoints name their personas (the others involve every persona): it
/// used to vanish from the map (found by the benchmark's generator).
#[test]
fn a_picked_persona_stays_when_some_touchpoints_name_others() {
    let d = Dir::new();
    d.write(
        "shared/p.yaml",
        "personas: [{id: hana, name: Hana}, {id: ken, name: Ken}]\n",
    );
    d.write(
        "j.yaml",
        "journeymap: 1\ntitle: Repro\nimports: [{file: shared/p.yaml, personas: [hana, ken]}]\nstages:\n  - id: visit\n    name: Visit\n    opportunities: [Better shop]\n    touchpoints:\n      - {id: ad, name: Sees an ad, emotion: 1}\n      - {id: shop, name: Visits the shop, personas: [hana], emotion: -1}\n",
    );
    let r = d.run(&["build", "j.yaml", "-f", "json", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j: Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = j["personas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["hana", "ken"]);
    let ad: Vec<&str> = j["stages"][0]["touchpoints"][0]["personas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        ad,
        ["hana", "ken"],
        "the touchpoint without `personas:` involves both"
    );
}
