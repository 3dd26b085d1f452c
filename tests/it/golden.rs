//! Golden files: every example builds clean, and its outputs match `tests/golden/`.

use crate::support::{assert_golden, jm_run, root};

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.ends_with("-personas.yaml"))
        .collect();
    v.sort();
    assert!(v.len() >= 2, "the examples are there");
    v
}

#[test]
fn examples_check_clean_with_warnings_denied() {
    for e in examples() {
        let r = jm_run(&["check", &format!("examples/{e}"), "-D", "warnings"]);
        assert_eq!(r.code, 0, "{e} must check clean:\n{}", r.stderr);
        assert!(
            crate::support::clean(&r.stderr),
            "{e} prints no diagnostics:\n{}",
            r.stderr
        );
    }
}

#[test]
fn example_outputs_match_golden_files() {
    for e in examples() {
        let stem = e.trim_end_matches(".yaml");
        for format in journeymap::render::Format::ALL {
            if format.name() == "png" {
                // Its pixels depend on the fonts installed (their versions and
                // hinting), so it has no golden file: tests/it/png.rs checks
                // every example's PNG instead (size, bytes of two builds, Japanese).
                continue;
            }
            let r = jm_run(&[
                "build",
                &format!("examples/{e}"),
                "-f",
                format.name(),
                "-o",
                "-",
            ]);
            assert_eq!(r.code, 0, "{e} -f {format:?}:\n{}", r.stderr);
            let ext = format.extension();
            assert_golden(&format!("tests/golden/{stem}.{ext}"), &r.stdout);
        }
    }
}

#[test]
fn outputs_do_not_depend_on_the_working_directory_or_the_path_typed() {
    let e = &examples()[0];
    let from_root = jm_run(&["build", &format!("examples/{e}"), "-f", "json", "-o", "-"]);
    let r = crate::support::run(
        crate::support::jm()
            .current_dir(root().join("examples"))
            .args(["build", &format!("./{e}"), "-f", "json", "-o", "-"]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(from_root.stdout, r.stdout);
}
