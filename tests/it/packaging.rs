//! What packagers get (docs/packaging.md): the manual pages from the hidden
//! `journeymap man` command, one per command, and a crate package that holds
//! what the build needs and leaves the tests, fuzz targets and benchmarks out.

use crate::support::{Dir, jm_run, root};
use std::process::Command;

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

#[test]
fn the_package_holds_the_templates_and_not_the_tests() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(root())
        .output()
        .expect("run cargo package --list");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let list = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = list.lines().collect();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "src/main.rs",
        "src/lib.rs",
        "docs/packaging.md",
    ] {
        assert!(files.contains(&needed), "the package holds {needed}");
    }
    // Every built-in template that `include_str!` embeds.
    let mut stack = vec![root().join("templates")];
    let mut templates = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            assert!(files.contains(&name.as_str()), "the package holds {name}");
            templates += 1;
        }
    }
    assert!(templates >= 10, "{templates} templates");
    for left_out in [
        "tests/",
        "fuzz/",
        "bench/",
        "benches/",
        "docs/images/",
        "target/",
    ] {
        assert!(
            !files.iter().any(|f| f.starts_with(left_out)),
            "the package leaves out {left_out}"
        );
    }
}
