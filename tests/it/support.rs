//! A small harness: write specs to a temp dir, run the binary, compare with files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root with colour off and its messages in
/// English whatever the machine's locale (tests that want Japanese say so).
pub fn jm() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    c.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    for var in ["JOURNEYMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run journeymap");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Run `journeymap ARGS…` from the crate root.
pub fn jm_run(args: &[&str]) -> Run {
    run(jm().args(args))
}

pub fn blessing() -> bool {
    std::env::var_os("JOURNEYMAP_BLESS").is_some()
}

/// Compare `actual` with the file at `path` (relative to the crate root), or write it when blessing.
pub fn assert_golden(path: &str, actual: &str) {
    if let Err(e) = check_golden(path, actual) {
        panic!("{e}");
    }
}

/// [`assert_golden`], saying what differs instead of panicking.
pub fn check_golden(path: &str, actual: &str) -> Result<(), String> {
    let full = root().join(path);
    if blessing() {
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&full, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&full)
        .map_err(|_| format!("missing golden file {path}: run `JOURNEYMAP_BLESS=1 cargo test`"))?;
    if expected != actual {
        let diff_at = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        return Err(format!(
            "{path} differs from the output (first difference at line {}):\n--- expected\n{}\n--- actual\n{}\n(run `JOURNEYMAP_BLESS=1 cargo test` if the change is intended)",
            diff_at + 1,
            expected
                .lines()
                .skip(diff_at)
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
            actual
                .lines()
                .skip(diff_at)
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
        ));
    }
    Ok(())
}

/// A temporary folder with spec files in it.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Dir {
            tmp: tempfile::tempdir().unwrap(),
        }
    }
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }
    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }
    /// Run the binary with this folder as the working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run(jm().current_dir(self.path()).args(args))
    }
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap()
    }
    pub fn exists(&self, name: &str) -> bool {
        self.path().join(name).exists()
    }
}

/// A small valid spec, for tests that need one.
pub const MINIMAL: &str = "\
journeymap: 1
title: Minimal journey
personas:
  - {id: misaki, name: Misaki}
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - {id: ad, name: Sees an ad, emotion: 1}
";

/// Whether `stderr` says nothing but the closing line of a clean run of one
/// spec (`checked `x.yaml`: ok`, `built `x.yaml` → x.html`): no diagnostic, no
/// warning (or nothing at all, under `--quiet`).
pub fn clean(stderr: &str) -> bool {
    stderr.is_empty()
        || (stderr.lines().count() == 1
            && (stderr.starts_with("checked `") || stderr.starts_with("built `"))
            && !stderr.contains("warning"))
}
