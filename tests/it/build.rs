//! `build` and `check` end to end: where outputs go, formats, exit codes, determinism.

use crate::support::{Dir, MINIMAL, jm_run};

#[test]
fn build_writes_html_beside_the_spec_by_default() {
    let d = Dir::new();
    d.write("journeys/onboarding.yaml", MINIMAL);
    let r = d.run(&["build", "journeys/onboarding.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr, "built `journeys/onboarding.yaml` → journeys/onboarding.html\n",
        "a clean build says what it wrote, in one line"
    );
    let html = d.read("journeys/onboarding.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Minimal journey</title>"));
}

#[test]
fn build_several_formats() {
    let d = Dir::new();
    d.write("a.yaml", MINIMAL);
    let r = d.run(&["build", "a.yaml", "-f", "md", "-f", "json", "-f", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for ext in ["md", "json", "html"] {
        assert!(d.exists(&format!("a.{ext}")), "a.{ext}");
    }
    let json: serde_json::Value = serde_json::from_str(&d.read("a.json")).unwrap();
    assert_eq!(json["journeymap"], 1);
    assert_eq!(json["stages"][0]["touchpoints"][0]["emotion"]["misaki"], 1);
    assert_eq!(json["scale"]["midpoint"], 0);
    assert!(json["insights"]["lowest_moments"].is_array());
}

#[test]
fn output_to_stdout_and_to_a_file() {
    let d = Dir::new();
    d.write("a.yaml", MINIMAL);
    let r = d.run(&["build", "a.yaml", "-f", "md", "-o", "-"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("# Minimal journey\n"), "{}", r.stdout);
    assert!(!d.exists("a.md"), "-o - writes nothing to disk");
    let r = d.run(&["build", "a.yaml", "-o", "site/map.html"]);
    assert_eq!(r.code, 2, "the folder does not exist: {}", r.stderr);
    std::fs::create_dir(d.path().join("site")).unwrap();
    let r = d.run(&["build", "a.yaml", "-o", "site/map.html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(d.exists("site/map.html"));
}

#[test]
fn one_output_file_needs_one_format() {
    let d = Dir::new();
    d.write("a.yaml", MINIMAL);
    let r = d.run(&["build", "a.yaml", "-f", "md", "-f", "json", "-o", "out"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`-o` writes one file"), "{}", r.stderr);
}

#[test]
fn builds_are_byte_identical() {
    let d = Dir::new();
    d.write("a.yaml", MINIMAL);
    for ext in ["html", "md", "json"] {
        let first = d.run(&["build", "a.yaml", "-f", ext, "-o", "-"]).stdout;
        let second = d.run(&["build", "a.yaml", "-f", ext, "-o", "-"]).stdout;
        assert_eq!(first, second, "{ext}");
        assert!(!first.is_empty());
    }
}

#[test]
fn errors_exit_1_and_write_nothing() {
    let d = Dir::new();
    d.write("bad.yaml", MINIMAL.replace("title: Minimal journey\n", ""));
    let r = d.run(&["build", "bad.yaml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("error[JM0011]: the spec has no `title`"),
        "{}",
        r.stderr
    );
    assert!(!d.exists("bad.html"));
}

#[test]
fn build_prints_its_diagnostics_with_the_spec_lines_as_check_does() {
    // A single spec's diagnostics are printed before it is rendered, and the
    // text of its files let go then (issue 18's memory pass): the snippets must
    // still show the spec's lines, as with several specs, and as `check` shows them.
    let d = Dir::new();
    let spec = MINIMAL.to_owned() + "  - {id: interest, name: Interest}\n";
    d.write("w.yaml", &spec);
    d.write("v.yaml", &spec);
    let diagnostics = |stderr: &str| -> String {
        stderr
            .lines()
            .filter(|l| !l.starts_with("checked ") && !l.starts_with("built "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let check = d.run(&["check", "w.yaml"]);
    assert!(
        check.stderr.contains("{id: interest, name: Interest}"),
        "{}",
        check.stderr
    );
    let one = d.run(&["build", "w.yaml"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(diagnostics(&one.stderr), diagnostics(&check.stderr));
    let two = d.run(&["build", "v.yaml", "w.yaml"]);
    assert_eq!(two.code, 0, "{}", two.stderr);
    let each = diagnostics(&check.stderr);
    assert_eq!(
        diagnostics(&two.stderr),
        format!("{}\n{each}", each.replace("w.yaml", "v.yaml")),
    );
}

#[test]
fn warnings_do_not_stop_the_build_unless_denied() {
    let d = Dir::new();
    let spec = MINIMAL.to_owned() + "  - {id: interest, name: Interest}\n";
    d.write("w.yaml", &spec);
    let r = d.run(&["build", "w.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning[JM1002]: stage `Interest` has no touchpoints"),
        "{}",
        r.stderr
    );
    assert!(d.exists("w.html"));
    std::fs::remove_file(d.path().join("w.html")).unwrap();
    let r = d.run(&["build", "w.yaml", "-D", "warnings"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[JM1002]"), "{}", r.stderr);
    assert!(
        !d.exists("w.html"),
        "a denied lint is an error: nothing is written"
    );
}

#[test]
fn imports_merge_personas_and_channels() {
    let d = Dir::new();
    d.write(
        "shared/people.yaml",
        "personas:\n  - {id: misaki, name: Misaki}\nchannels:\n  - {id: web, name: Website, kind: online}\n",
    );
    d.write(
        "j.yaml",
        "journeymap: 1\ntitle: Imported\nimports: [shared/people.yaml]\nstages:\n  - name: Awareness\n    touchpoints:\n      - {name: Visits, channel: web, emotion: 1}\n",
    );
    let r = d.run(&["build", "j.yaml", "-f", "json", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["personas"][0]["id"], "misaki");
    assert_eq!(
        json["stages"][0]["touchpoints"][0]["channel"]["name"],
        "Website"
    );
    assert_eq!(
        json["stages"][0]["touchpoints"][0]["channel"]["kind"],
        "online"
    );
}

#[test]
fn errors_in_an_imported_file_point_into_it() {
    let d = Dir::new();
    d.write(
        "shared/people.yaml",
        "personas:\n  - {id: misaki, nmae: Misaki}\n",
    );
    d.write(
        "j.yaml",
        "journeymap: 1\ntitle: T\nimports: [shared/people.yaml]\nstages: [{name: S}]\n",
    );
    let r = d.run(&["check", "j.yaml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--> shared/people.yaml:2:18"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `name`?"), "{}", r.stderr);
}

#[test]
fn x_keys_are_kept_for_templates_and_json() {
    let d = Dir::new();
    d.write(
        "x.yaml",
        MINIMAL.replace(
            "title: Minimal journey\n",
            "title: T\nx-team: {lead: Aiko, size: 4}\n",
        ),
    );
    let r = d.run(&["build", "x.yaml", "-f", "json", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["extensions"]["x-team"]["lead"], "Aiko");
    assert_eq!(json["extensions"]["x-team"]["size"], 4);
}

#[test]
fn all_errors_of_a_file_in_one_run_sorted_by_position() {
    let r = jm_run(&[
        "check",
        "tests/ui/unknown_channel_ja.yaml",
        "tests/ui/emotion_out_of_scale.yaml",
    ]);
    assert_eq!(r.code, 1);
    let positions: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("--> "))
        .map(str::trim)
        .collect();
    assert_eq!(
        positions,
        [
            "--> tests/ui/unknown_channel_ja.yaml:10:35",
            "--> tests/ui/unknown_channel_ja.yaml:12:18",
            "--> tests/ui/emotion_out_of_scale.yaml:9:18",
            "--> tests/ui/emotion_out_of_scale.yaml:11:22",
        ]
    );
    assert!(
        r.stderr.contains("checked 2 specs: 4 errors, 0 warnings"),
        "{}",
        r.stderr
    );
}

#[test]
fn version_and_help() {
    let r = jm_run(&["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("journeymap "), "{}", r.stdout);
    let r = jm_run(&["build", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Examples:"), "{}", r.stdout);
    let r = jm_run(&["bild"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("build"),
        "clap suggests the subcommand: {}",
        r.stderr
    );
}

/// Outputs are ordinary files: readable by others as the umask allows (they
/// used to keep the 0600 of the temporary file they are written through), and
/// an unchanged output is not rewritten.
#[cfg(unix)]
#[test]
fn outputs_get_normal_permissions_and_unchanged_ones_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.write("j.yaml", MINIMAL);
    let jm = env!("CARGO_BIN_EXE_journeymap");
    for umask in ["022", "027"] {
        let out = dir.path().join(format!("j-{umask}.html"));
        let status = std::process::Command::new("sh")
            .current_dir(dir.path())
            .args([
                "-c",
                &format!("umask {umask} && exec \"$0\" build j.yaml -o \"$1\""),
                jm,
            ])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        let want = if umask == "022" { 0o644 } else { 0o640 };
        assert_eq!(mode, want, "umask {umask}: mode {mode:o}");
    }
    // The output and its folder dated far in the past: a rewrite, or a
    // temporary file created in the folder, would date them now, however
    // coarse the filesystem's timestamps. A replaced file also has a new inode.
    use std::os::unix::fs::MetadataExt;
    let out = dir.path().join("j-022.html");
    let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for p in [out.as_path(), dir.path()] {
        std::fs::File::open(p)
            .unwrap()
            .set_times(std::fs::FileTimes::new().set_modified(past))
            .unwrap();
    }
    let meta = |p: &std::path::Path| std::fs::metadata(p).unwrap();
    let inode = meta(&out).ino();
    let r = dir.run(&["build", "j.yaml", "-o", "j-022.html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = meta(&out);
    assert_eq!(after.ino(), inode, "the unchanged output is not replaced");
    assert_eq!(
        after.modified().unwrap(),
        past,
        "the unchanged output is not rewritten"
    );
    assert_eq!(
        meta(dir.path()).modified().unwrap(),
        past,
        "no temporary file came and went"
    );
}

/// An output that differs from the file there is replaced whole, wherever the
/// first difference is: the old file longer, shorter, or different inside.
#[test]
fn a_changed_output_is_replaced_whole() {
    let d = Dir::new();
    d.write("j.yaml", MINIMAL);
    let r = d.run(&["build", "j.yaml", "-o", "want.html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = d.read("want.html");
    let half = want.len() / 2;
    let olds = [
        format!("{want}and more"),
        want[..half].to_owned(),
        format!("{}X{}", &want[..half], &want[half + 1..]),
        String::new(),
        "x".repeat(200_000),
    ];
    for old in olds {
        d.write("j.html", &old);
        let r = d.run(&["build", "j.yaml"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(d.read("j.html"), want, "old output of {} bytes", old.len());
    }
}

/// Two specs that would write the same file are refused before anything is
/// built: which one the file held used to depend on which finished last.
#[test]
fn specs_that_would_write_the_same_file_are_refused() {
    let d = Dir::new();
    d.write("j/a.yaml", MINIMAL);
    d.write(
        "j/a.yml",
        MINIMAL.replace("Minimal journey", "Other journey"),
    );
    let r = d.run(&["build", "j"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("`j/a.yaml` and `j/a.yml` would both be built into `j/a.html`"),
        "{}",
        r.stderr
    );
    assert!(!d.exists("j/a.html"), "nothing is built");
    // One format each is fine, and `check` has no outputs to clash.
    assert_eq!(d.run(&["check", "j"]).code, 0);
}

/// `-o` through a symbolic link replaces the file it points to and keeps the
/// link; a path that is not a regular file (a device, a FIFO) is written into,
/// never replaced (renaming over `/dev/null` as root used to turn it into a
/// regular file).
#[cfg(unix)]
#[test]
fn outputs_through_links_and_devices_are_written_not_replaced() {
    let d = Dir::new();
    d.write("j.yaml", MINIMAL);
    d.write("site/real.html", "old");
    std::os::unix::fs::symlink("real.html", d.path().join("site/link.html")).unwrap();
    let r = d.run(&["build", "j.yaml", "-o", "site/link.html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link = std::fs::symlink_metadata(d.path().join("site/link.html")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert!(d.read("site/real.html").starts_with("<!DOCTYPE html>"));

    let r = d.run(&["build", "j.yaml", "-o", "/dev/null"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    use std::os::unix::fs::FileTypeExt;
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    if std::path::Path::new("/dev/full").exists() {
        let r = d.run(&["build", "j.yaml", "-o", "/dev/full"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains("cannot write `/dev/full`"),
            "{}",
            r.stderr
        );
        let full = std::fs::metadata("/dev/full").unwrap();
        assert!(
            full.file_type().is_char_device(),
            "/dev/full is still a device"
        );
    }
}

/// The overview draws a persona's curve as the grid does: across a
/// touchpoint that is only another persona's, broken where the persona meets a
/// touchpoint without an emotion (it used to break at both).
#[test]
fn the_overview_breaks_a_curve_only_where_the_persona_has_no_emotion() {
    let d = Dir::new();
    d.write(
        "gap.yaml",
        "journeymap: 1\ntitle: Gaps\npersonas: [{id: a, name: Ann}, {id: b, name: Bob}]\nstages:\n  - name: S\n    touchpoints:\n      - {id: t1, name: one, emotion: {a: 1, b: 0}}\n      - {id: t2, name: only-b, personas: [b], emotion: 0}\n      - {id: t3, name: three, emotion: {a: 1, b: 1}}\n      - {id: t4, name: four, emotion: {b: 1}}\n      - {id: t5, name: five, emotion: {a: 1, b: 1}}\n",
    );
    let r = d.run(&["build", "gap.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = d.read("gap.html");
    let overview = &html[html.find("class=\"overview-svg").unwrap()..];
    let ann = &overview[overview.find("<g class=\"ov-series p0\">").unwrap()..];
    let ann = &ann[..ann.find("</g>").unwrap()];
    // One line from t1 to t3 (across Bob's t2), none to t5 (t4 is Ann's, without an emotion).
    assert_eq!(ann.matches("<path").count(), 1, "{ann}");
    assert_eq!(ann.matches("<circle").count(), 3, "{ann}");
    let bob = &overview[overview.find("<g class=\"ov-series p1\">").unwrap()..];
    let bob = &bob[..bob.find("</g>").unwrap()];
    assert_eq!(bob.matches("<path").count(), 1, "{bob}");
}
