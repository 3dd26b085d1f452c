//! What packagers get (docs/packaging.md): the manual pages from the hidden
//! `journeymap man` command, one per command, and a crate package that holds
//! what the build needs and leaves the tests, fuzz targets and benchmarks out.

use crate::support::{Dir, jm_run};

/// The commands `--help` lists (clap's `help` left out), e.g. `build`.
fn commands() -> Vec<String> {
    let r = jm_run(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = r
        .stdout
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands: section");
    list.lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn man_writes_a_page_for_journeymap_and_every_command() {
    let commands = commands();
    assert!(commands.len() >= 8, "{commands:?}");
    assert!(
        !commands.iter().any(|c| c == "man"),
        "man is hidden from --help"
    );
    let d = Dir::new();
    let r = d.run(&["man", "pages"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = |name: &str| {
        std::fs::read_to_string(d.path().join("pages").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let main = page("journeymap.1");
    assert!(
        main.starts_with(".ie"),
        "roff: {}",
        &main[..40.min(main.len())]
    );
    assert!(main.contains(".TH journeymap 1"), "{main}");
    for c in &commands {
        assert!(
            main.contains(&format!("journeymap\\-{c}(1)")),
            "journeymap.1 names `{c}`"
        );
        let sub = page(&format!("journeymap-{c}.1"));
        assert!(sub.contains(&format!(".TH journeymap-{c} 1")), "{sub}");
        assert!(sub.contains(env!("CARGO_PKG_VERSION")), "{sub}");
    }
    for sub in [
        "journeymap-templates-list.1",
        "journeymap-templates-eject.1",
    ] {
        page(sub);
    }
    let build = page("journeymap-build.1");
    assert!(
        build.contains("png") && build.contains("\\-\\-font"),
        "{build}"
    );
    let written: Vec<String> = std::fs::read_dir(d.path().join("pages"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !written
            .iter()
            .any(|n| n.contains("-man") || n.contains("-help")),
        "no page for the hidden command or clap's help: {written:?}"
    );
    // The pages are the same on every run (no date), so they can be committed.
    let again = d.run(&["man", "pages"]);
    assert_eq!(again.code, 0);
    assert_eq!(page("journeymap.1"), main);
}
