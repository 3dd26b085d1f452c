//! Hostile input never crashes the tool: each gets a clear error, an exit code
//! from SPEC.md, within a bound of time, and writes nothing.

use crate::support::{Dir, MINIMAL, jm};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Run with a deadline; panics (failing the test) when the tool hangs.
fn run_bounded(dir: &Dir, args: &[&str]) -> (i32, String) {
    let start = Instant::now();
    let mut child = jm()
        .current_dir(dir.path())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(!stderr.contains("panicked"), "panic: {stderr}");
            return (status.code().unwrap_or(-1), stderr);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("journeymap {args:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn assert_rejected(name: &str, content: &[u8], expect: &str) {
    let d = Dir::new();
    d.write(name, content);
    let (code, stderr) = run_bounded(&d, &["build", name]);
    assert_eq!(code, 1, "{name}: {stderr}");
    assert!(
        stderr.contains(expect),
        "{name}: expected `{expect}` in\n{stderr}"
    );
    assert!(
        !d.exists(&name.replace(".yaml", ".html")),
        "{name}: nothing is written for a broken spec"
    );
}

#[test]
fn binary_garbage() {
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_rejected("garbage.yaml", &bytes, "error[JM0003]");
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    assert_rejected(
        "latin1.yaml",
        b"journeymap: 1\ntitle: caf\xe9\n",
        "latin1.yaml:2:11",
    );
}

#[test]
fn empty_and_blank_files() {
    assert_rejected("empty.yaml", b"", "the spec is empty");
    assert_rejected("blank.yaml", b"\n\n# only a comment\n", "the spec is empty");
}

#[test]
fn not_a_mapping() {
    assert_rejected("list.yaml", b"- a\n- b\n", "must be a mapping");
    assert_rejected("scalar.yaml", b"just text\n", "must be a mapping");
}

#[test]
fn alias_bomb_is_stopped() {
    let mut s = String::from(
        "journeymap: 1\ntitle: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='m' {
        s.push_str(&format!(
            "x-{c}: &{c} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = c;
    }
    assert_rejected("bomb.yaml", s.as_bytes(), "error[JM0005]");
}

#[test]
fn aliased_long_text_is_stopped() {
    // A 1 MB text aliased 200 times is 200 MB of text for every stage that copies
    // it: the text budget (64 MiB, aliases' copies included) stops it at once.
    let mut s = format!("journeymap: 1\ntitle: &a \"{}\"\n", "x".repeat(1_000_000));
    s.push_str(&format!("x-b: [{}]\n", vec!["*a"; 200].join(",")));
    assert_rejected("text-bomb.yaml", s.as_bytes(), "error[JM0005]");
}

#[test]
fn merge_keys_that_expand_are_stopped() {
    // `<<` merging an alias of 10 000 keys 700 times: the copies count against
    // the node budget before they are made (and merging looks keys up by hash).
    let keys: Vec<String> = (0..10_000).map(|i| format!("k{i}: {i}")).collect();
    let s = format!(
        "journeymap: 1\nx-a: &a {{{}}}\nx-b:\n  <<: [{}]\n",
        keys.join(","),
        vec!["*a"; 700].join(",")
    );
    assert_rejected("merge-bomb.yaml", s.as_bytes(), "error[JM0005]");
}

#[test]
fn deep_nesting_is_stopped() {
    assert_rejected(
        "brackets.yaml",
        "[".repeat(100_000).as_bytes(),
        "error[JM0005]",
    );
    assert_rejected(
        "maps.yaml",
        "{a: ".repeat(100_000).as_bytes(),
        "error[JM0005]",
    );
}

#[test]
fn huge_string_is_handled() {
    // A 20 MB title is valid YAML: it is read, checked and refused for the other errors.
    let mut s = String::from("journeymap: 1\ntitle: ");
    s.push_str(&"あ".repeat(7_000_000));
    s.push_str("\nstages: []\n");
    assert_rejected("long.yaml", s.as_bytes(), "the journey has no personas");
}

#[test]
fn too_large_file_is_refused_with_the_limit() {
    let d = Dir::new();
    let f = std::fs::File::create(d.path().join("big.yaml")).unwrap();
    f.set_len(33 * 1024 * 1024).unwrap();
    let (code, stderr) = run_bounded(&d, &["check", "big.yaml"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("up to 32 MiB"), "{stderr}");
}

#[test]
fn bom_is_accepted() {
    let d = Dir::new();
    d.write("bom.yaml", format!("\u{feff}{MINIMAL}"));
    let (code, stderr) = run_bounded(&d, &["build", "bom.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(d.exists("bom.html"));
}

#[test]
fn missing_file_and_directory_are_io_errors() {
    let d = Dir::new();
    let (code, stderr) = run_bounded(&d, &["check", "nope.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read `nope.yaml`: no such file"),
        "{stderr}"
    );
    std::fs::create_dir(d.path().join("empty-dir")).unwrap();
    let (code, stderr) = run_bounded(&d, &["check", "empty-dir"]);
    assert_eq!(code, 2, "a folder with no spec is a usage error: {stderr}");
    assert!(stderr.contains("no spec"), "{stderr}");
}

#[test]
fn unwritable_output_is_an_io_error_and_leaves_nothing() {
    let d = Dir::new();
    d.write("ok.yaml", MINIMAL);
    let (code, stderr) = run_bounded(&d, &["build", "ok.yaml", "-o", "no/such/dir/out.html"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot write `no/such/dir/out.html`"),
        "{stderr}"
    );
}

#[test]
fn failed_build_keeps_the_old_output() {
    let d = Dir::new();
    d.write("s.yaml", MINIMAL);
    let (code, _) = run_bounded(&d, &["build", "s.yaml"]);
    assert_eq!(code, 0);
    let before = d.read("s.html");
    d.write("s.yaml", MINIMAL.replace("emotion: 1", "emotion: 9"));
    let (code, _) = run_bounded(&d, &["build", "s.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(d.read("s.html"), before, "the old output is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    // `journeymap … | head -1`: the reader goes away; no panic, no error message.
    for args in [
        &["completions", "bash"][..],
        &["schema"],
        &["templates", "list"],
        &[
            "build",
            "examples/saas-onboarding.yaml",
            "-f",
            "html",
            "-o",
            "-",
        ],
    ] {
        let mut child = jm()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
}

/// A spec written as one very long line: each error gives its place, with the
/// column counted in characters, and is not printed with the whole line (each
/// printed line cost a pass over all of it: 17 s for 100 errors on 18 MB).
#[test]
fn errors_on_a_very_long_line_give_the_place_without_the_line() {
    let d = Dir::new();
    let title = "長い題名".repeat(100_000); // 400 000 characters, 1.2 MB
    let prefix = format!("{{journeymap: 1, title: \"{title}\", personas: [{{id: a, name: A}}], ");
    let spec = format!("{prefix}stages: [{{name: s, desription: x}}]}}\n");
    d.write("one.yaml", &spec);
    let (code, stderr) = run_bounded(&d, &["check", "one.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    let column = prefix.chars().count() + "stages: [{name: s, ".chars().count() + 1;
    assert!(
        stderr.contains(&format!("--> one.yaml:1:{column}")),
        "the place, in characters:\n{stderr}"
    );
    let kb = (spec.len() - 1) / 1024;
    assert!(
        stderr.contains(&format!(
            "unknown key (the line is {kb} KB long, so it is not shown)"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `description`?"), "{stderr}");
    assert!(
        stderr.len() < 2_000,
        "the line is not printed: {} bytes",
        stderr.len()
    );
}
