//! Where the maps go: the pre-commit hooks (`.pre-commit-hooks.yaml`, run by the
//! real pre-commit from PyPI through `try-repo` and `run`) and the GitHub Action
//! (`action.yml` and its script `.github/action/run.sh`, run here with the
//! inputs GitHub would give it and this build's `journeymap` on the PATH).
//!
//! The hooks say `language: rust` (pre-commit builds journeymap with cargo, for
//! minutes); the tests run them as `language: system` with the binary under
//! test. Without pre-commit (`.ci/install-pre-commit.sh` installs it) or
//! python3's `yaml` module (a dependency of pre-commit) a test skips itself,
//! loudly; under `CI=true` that is a failure instead.

use crate::support::{Dir, Run, root, run};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

const GOOD: &str = "\
journeymap: 1
title: Good journey
imports: [shared/people.yaml]
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - {id: ad, name: Sees an ad, channel: web, emotion: 1}
";

/// GOOD with a typo in a channel id (line 8, column 45).
const BROKEN: &str = "\
journeymap: 1
title: Broken journey
imports: [shared/people.yaml]
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - {id: ad, name: Sees an ad, channel: emial, emotion: 1}
";

/// Personas and channels only: an import target, not a spec.
const PEOPLE: &str =
    "personas:\n  - {id: misaki, name: Misaki}\nchannels:\n  - {id: web, name: Website}\n";

/// YAML of the repository that is not a journey: `files:` keeps the check off it.
const WORKFLOW: &str = "name: ci\non: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";

/// The headline, place and caret of BROKEN's diagnostic, as `check` prints it.
const BROKEN_DIAGNOSTIC: [&str; 3] = [
    "error[JM0103]: unknown channel `emial`",
    "--> journeys/broken.yaml:8:45",
    "^^^^^ not a channel id",
];

/// Skip loudly, or fail under `CI=true` (where `.ci/run` installed the tool).
fn missing(msg: &str) {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{msg}: CI=true, so this is a failure (.ci/run installs it with .ci/install-pre-commit.sh)"
    );
    eprintln!("\n{0}\nSKIPPED: {msg}\n{0}\n", "!".repeat(72));
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `python3 -m pre_commit` runs (after saying so loudly when not).
fn pre_commit_available() -> bool {
    if python_has("pre_commit") {
        return true;
    }
    missing("the pre-commit tests need pre-commit (python3 -m pre_commit)");
    false
}

/// PATH with the directory of the `journeymap` under test first.
fn path_with_journeymap() -> OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_journeymap"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest))).expect("a PATH")
}

/// A command with PATH finding this build's `journeymap`, English messages, no
/// colour, and git that reads no user or system configuration.
fn command(program: &str, dir: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env("PATH", path_with_journeymap())
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env_remove("CLICOLOR_FORCE");
    for var in ["JOURNEYMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    c
}

fn git(dir: &Path, args: &[&str]) {
    let r = run(command("git", dir).args(args));
    assert_eq!(r.code, 0, "git {args:?}:\n{}{}", r.stdout, r.stderr);
}

/// A git repository holding `files`, all of them staged.
fn repo(files: &[(&str, &str)]) -> Dir {
    let d = Dir::new();
    git(d.path(), &["init", "-q"]);
    for (name, text) in files {
        d.write(name, text);
    }
    git(d.path(), &["add", "-A"]);
    d
}

fn commit(d: &Dir) {
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-q", "--no-verify", "-m", "state"]);
}

fn manifest() -> String {
    std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect(".pre-commit-hooks.yaml")
}

/// A hooks repository for `try-repo`: this repository's manifest, committed,
/// with its hooks as `language: system` (the `journeymap` on the PATH) instead
/// of `language: rust`, which would build journeymap with cargo.
fn hooks_repo() -> Dir {
    let text = manifest();
    assert_eq!(
        text.matches("\n  language: rust\n").count(),
        2,
        "both hooks install journeymap with cargo"
    );
    let d = repo(&[(
        ".pre-commit-hooks.yaml",
        &text.replace("\n  language: rust\n", "\n  language: system\n"),
    )]);
    commit(&d);
    d
}

/// `python3 -m pre_commit ARGS…` in `dir`, with a store of its own.
fn pre_commit(dir: &Path, store: &Dir, args: &[&str]) -> Run {
    let r = run(command("python3", dir)
        .args(["-m", "pre_commit"])
        .args(args)
        .arg("--color=never")
        .env("PRE_COMMIT_HOME", store.path()));
    eprintln!("pre-commit {args:?} → {}\n{}{}", r.code, r.stdout, r.stderr);
    r
}

/// `pre-commit try-repo HOOKS HOOK ARGS…` in `work`; stdout and stderr together.
fn try_repo(hooks: &Dir, work: &Dir, hook: &str, args: &[&str]) -> (i32, String) {
    let store = Dir::new();
    let hooks_path = hooks.path().to_string_lossy().into_owned();
    let mut all = vec!["try-repo", &hooks_path, hook];
    all.extend_from_slice(args);
    let r = pre_commit(work.path(), &store, &all);
    (r.code, format!("{}{}", r.stdout, r.stderr))
}

fn journeys_repo() -> Dir {
    repo(&[
        ("journeys/good.yaml", GOOD),
        ("journeys/broken.yaml", BROKEN),
        ("journeys/shared/people.yaml", PEOPLE),
        (".github/workflows/ci.yml", WORKFLOW),
        ("mkdocs.yml", "site_name: Docs\nnav:\n  - Home: index.md\n"),
    ])
}

#[test]
fn the_hooks_manifest_is_valid_for_pre_commit() {
    if !pre_commit_available() {
        return;
    }
    let store = Dir::new();
    let r = pre_commit(
        &root(),
        &store,
        &["validate-manifest", ".pre-commit-hooks.yaml"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let text = manifest();
    for id in ["- id: journeymap-check", "- id: journeymap-build-check"] {
        assert!(text.contains(id), "the manifest has hook {id}");
    }
}

#[test]
fn pre_commit_check_passes_good_specs_and_imports_and_shows_the_diagnostic_of_broken_ones() {
    if !pre_commit_available() {
        return;
    }
    let hooks = hooks_repo();
    let work = journeys_repo();

    let (code, out) = try_repo(
        &hooks,
        &work,
        "journeymap-check",
        &[
            "--files",
            "journeys/good.yaml",
            "journeys/shared/people.yaml",
        ],
    );
    assert_eq!(code, 0, "a good spec and an import-only file pass:\n{out}");
    assert!(
        out.contains("journeymap check") && out.contains("Passed"),
        "{out}"
    );

    let (code, out) = try_repo(
        &hooks,
        &work,
        "journeymap-check",
        &["--files", "journeys/broken.yaml"],
    );
    assert_eq!(code, 1, "a broken spec fails the hook:\n{out}");
    for line in BROKEN_DIAGNOSTIC {
        assert!(out.contains(line), "the diagnostic shows `{line}`:\n{out}");
    }

    // A commit of everything staged: the spec's error, and nothing about the
    // YAML files that are not journeys (`files:` leaves them out).
    let (code, out) = try_repo(&hooks, &work, "journeymap-check", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(BROKEN_DIAGNOSTIC[0]), "{out}");
    assert!(
        !out.contains("ci.yml") && !out.contains("mkdocs.yml"),
        "only YAML under journeys/ is checked:\n{out}"
    );
    assert!(out.contains("checked 2 specs: 1 error"), "{out}");
}

#[test]
fn pre_commit_build_check_fails_on_a_stale_output_and_passes_a_fresh_one() {
    if !pre_commit_available() {
        return;
    }
    let hooks = hooks_repo();
    let work = repo(&[
        ("journeys/good.yaml", GOOD),
        ("journeys/shared/people.yaml", PEOPLE),
    ]);
    // The default arguments: the HTML maps beside the specs in journeys/.
    let built =
        run(command(env!("CARGO_BIN_EXE_journeymap"), work.path()).args(["build", "journeys/"]));
    assert_eq!(built.code, 0, "{}", built.stderr);
    commit(&work);

    let (code, out) = try_repo(&hooks, &work, "journeymap-build-check", &[]);
    assert_eq!(code, 0, "fresh outputs pass:\n{out}");
    assert!(out.contains("Passed"), "{out}");

    // The spec changes, the map is not rebuilt.
    work.write(
        "journeys/good.yaml",
        GOOD.replace("emotion: 1", "emotion: -1"),
    );
    git(work.path(), &["add", "-A"]);
    let (code, out) = try_repo(&hooks, &work, "journeymap-build-check", &[]);
    assert_eq!(code, 1, "a stale output fails:\n{out}");
    assert!(
        out.contains("stale: `journeys/good.html` differs"),
        "the hook names the stale output:\n{out}"
    );
}

/// The YAML block of docs/workflow.md that holds `text`.
fn docs_block(text: &str) -> String {
    let doc = std::fs::read_to_string(root().join("docs/workflow.md")).expect("docs/workflow.md");
    doc.split("```yaml fragment\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains(text))
        .unwrap_or_else(|| panic!("docs/workflow.md has a YAML block with {text:?}"))
        .to_owned()
}

/// The `.pre-commit-config.yaml` of docs/workflow.md is valid, and does what it
/// says with `language: system` (the recipe for a journeymap on the PATH): the
/// check leaves the workflow file alone, the build check reads site/.
#[test]
fn the_documented_pre_commit_config_works() {
    if !pre_commit_available() {
        return;
    }
    let config = docs_block("repos:\n  - repo: ");
    assert!(
        config.contains("rev: ") && config.contains("files: ") && config.contains("--out-dir"),
        "the documented config shows rev:, files: and the build's arguments:\n{config}"
    );
    let store = Dir::new();
    let cfg = store.write("documented.yaml", &config);
    let r = pre_commit(
        &root(),
        &store,
        &["validate-config", &cfg.to_string_lossy()],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    // The same config, pointed at a local copy of this repository's hooks (the
    // real manifest, `language: rust`), each hook told `language: system`.
    let hooks = repo(&[(".pre-commit-hooks.yaml", &manifest())]);
    commit(&hooks);
    let head = run(command("git", hooks.path()).args(["rev-parse", "HEAD"]));
    let mut local = String::new();
    for line in config.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("- repo: ") {
            local.push_str(&format!("  - repo: {}\n", hooks.path().display()));
        } else if trimmed.starts_with("rev: ") {
            local.push_str(&format!("    rev: {}\n", head.stdout.trim()));
        } else {
            local.push_str(line);
            local.push('\n');
            if let Some(indent) = line.find("- id: ") {
                local.push_str(&" ".repeat(indent + 2));
                local.push_str("language: system\n");
            }
        }
    }
    let cfg = store.write("local.yaml", &local);
    let work = repo(&[
        ("journeys/good.yaml", GOOD),
        ("journeys/shared/people.yaml", PEOPLE),
        (".github/workflows/ci.yml", WORKFLOW),
    ]);
    // Build what the build check's arguments say (its entry is `build --check`).
    let build_args: Vec<&str> = config
        .split("args: [")
        .last()
        .and_then(|a| a.split(']').next())
        .expect("the build check's args")
        .split(", ")
        .collect();
    let built = run(command(env!("CARGO_BIN_EXE_journeymap"), work.path())
        .arg("build")
        .args(&build_args));
    assert_eq!(built.code, 0, "{}", built.stderr);
    commit(&work);
    let cfg = cfg.to_string_lossy().into_owned();
    let r = pre_commit(work.path(), &store, &["run", "-c", &cfg, "--all-files"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        !format!("{}{}", r.stdout, r.stderr).contains("Installing environment"),
        "language: system builds nothing: {}",
        r.stdout
    );

    work.write("journeys/good.yaml", BROKEN.replace("Broken", "Good"));
    git(work.path(), &["add", "-A"]);
    let r = pre_commit(work.path(), &store, &["run", "-c", &cfg]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("--> journeys/good.yaml:8:45"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------
// The GitHub Action

fn action_script() -> PathBuf {
    root().join(".github/action/run.sh")
}

/// `bash .github/action/run.sh STEP` in `dir` with the environment `env`.
fn action(dir: &Path, step: &str, env: &[(&str, &str)]) -> Run {
    let mut c = command("bash", dir);
    c.arg(action_script()).arg(step);
    for var in [
        "INPUT_PATHS",
        "INPUT_ARGS",
        "INPUT_BUILD_CHECK",
        "INPUT_VERSION",
    ] {
        c.env_remove(var);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let r = run(&mut c);
    eprintln!(
        "run.sh {step} {env:?} → {}\n{}{}",
        r.code, r.stdout, r.stderr
    );
    r
}

fn annotations(r: &Run) -> Vec<String> {
    format!("{}{}", r.stdout, r.stderr)
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(str::to_owned)
        .collect()
}

fn journeys_dir() -> Dir {
    let d = Dir::new();
    d.write("journeys/good.yaml", GOOD);
    d.write("journeys/broken.yaml", BROKEN);
    d.write("journeys/shared/people.yaml", PEOPLE);
    d
}

#[test]
fn action_check_turns_errors_into_annotations_on_the_spec_lines() {
    let d = journeys_dir();
    let r = action(d.path(), "check", &[("INPUT_PATHS", "journeys/")]);
    assert_eq!(r.code, 1, "a broken spec fails the step");
    assert_eq!(
        annotations(&r),
        [
            "::error file=journeys/broken.yaml,line=8,col=45,endLine=8,endColumn=50,title=JM0103::unknown channel `emial`%0Ahelp: the channels are `web`; add `emial` to `channels:` if it is a new one"
        ]
    );

    // Paths on several lines, an import-only file among them: all good.
    let r = action(
        d.path(),
        "check",
        &[(
            "INPUT_PATHS",
            "journeys/good.yaml\n  journeys/shared/people.yaml\n",
        )],
    );
    assert_eq!(r.code, 0);
    assert!(annotations(&r).is_empty());

    // `args` reach check: a denied lint is an error.
    d.write(
        "lint/empty.yaml",
        "journeymap: 1\ntitle: T\npersonas: [{id: a, name: A}]\nstages:\n  - {id: s, name: S}\n",
    );
    let r = action(
        d.path(),
        "check",
        &[("INPUT_PATHS", "lint"), ("INPUT_ARGS", "-D warnings")],
    );
    assert_eq!(r.code, 1);
    let a = annotations(&r);
    assert!(
        a.iter()
            .any(|l| l.starts_with("::error file=lint/empty.yaml,")),
        "{a:?}"
    );
    let r = action(d.path(), "check", &[("INPUT_PATHS", "lint")]);
    assert_eq!(r.code, 0, "warnings alone pass");
    assert!(
        annotations(&r)
            .iter()
            .all(|l| l.starts_with("::warning file=lint/empty.yaml,"))
    );
}

#[test]
fn action_check_defaults_to_the_whole_repository() {
    let d = journeys_dir();
    let r = action(d.path(), "check", &[("INPUT_PATHS", "")]);
    assert_eq!(r.code, 1);
    assert_eq!(annotations(&r).len(), 1, "{:?}", annotations(&r));
    assert!(
        annotations(&r)[0].starts_with("::error file=journeys/broken.yaml,line=8,"),
        "paths relative to the repository, as GitHub matches them: {:?}",
        annotations(&r)
    );
}

#[test]
fn action_build_check_fails_on_stale_outputs() {
    let d = Dir::new();
    d.write("journeys/good.yaml", GOOD);
    d.write("journeys/shared/people.yaml", PEOPLE);
    let build = "journeys/ -f md --out-dir site/";
    let built = d.run(&["build", "journeys/", "-f", "md", "--out-dir", "site/"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let inputs = [("INPUT_PATHS", "journeys"), ("INPUT_BUILD_CHECK", build)];

    let r = action(d.path(), "check", &inputs);
    assert_eq!(r.code, 0, "fresh outputs pass");
    assert!(annotations(&r).is_empty(), "{:?}", annotations(&r));

    d.write(
        "journeys/good.yaml",
        GOOD.replace("emotion: 1", "emotion: -1"),
    );
    let r = action(d.path(), "check", &inputs);
    assert_eq!(r.code, 1, "a stale output fails the step");
    assert!(
        r.stdout.contains("stale: `site/good.md` differs"),
        "{}",
        r.stdout
    );
    // The new warning is annotated once (by check, not again by build --check).
    let a = annotations(&r);
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(
        a[0].starts_with("::warning file=journeys/good.yaml,line=8,col=24,"),
        "{a:?}"
    );
    assert_eq!(
        a[1],
        "::error title=journeymap build --check::the committed outputs are out of date: run `journeymap build journeys/ -f md --out-dir site/` and commit them"
    );

    // A broken spec: check's annotations, and no second copy from build --check.
    d.write("journeys/broken.yaml", BROKEN);
    let r = action(d.path(), "check", &inputs);
    assert_eq!(r.code, 1);
    let a = annotations(&r);
    assert_eq!(a.len(), 3, "{a:?}");
    assert!(a[0].starts_with("::error file=journeys/broken.yaml,line=8,col=45,"));
    assert!(a[1].starts_with("::warning file=journeys/good.yaml,line=8,"));
    assert!(a[2].starts_with("::notice title=journeymap build --check::skipped"));
}

/// The key/value lines a step wrote to `$GITHUB_OUTPUT`.
fn outputs(file: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn output<'a>(o: &'a [(String, String)], key: &str) -> &'a str {
    o.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no output {key} in {o:?}"))
}

#[test]
fn action_source_is_the_actions_own_checkout_with_a_key_of_its_sources() {
    let d = Dir::new();
    let out = d.path().join("out");
    let env = [
        ("GITHUB_ACTION_PATH", root().to_string_lossy().into_owned()),
        ("GITHUB_OUTPUT", out.to_string_lossy().into_owned()),
        ("HOME", d.path().to_string_lossy().into_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = action(d.path(), "source", &env);
    assert_eq!(r.code, 0);
    let o = outputs(&out);
    assert_eq!(output(&o, "src"), root().to_string_lossy());
    assert_eq!(
        output(&o, "root"),
        d.path().join(".journeymap").to_string_lossy()
    );
    let key = output(&o, "key").to_owned();
    assert_eq!(key.len(), 16);
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    // The same sources, the same key.
    std::fs::remove_file(&out).unwrap();
    assert_eq!(action(d.path(), "source", &env).code, 0);
    assert_eq!(output(&outputs(&out), "key"), key);
}

/// A stand-in for journeymap's repository: `Cargo.toml` and a tag per version.
fn versions_repo(d: &Dir, at: &str) -> PathBuf {
    let dir = d.path().join(at);
    std::fs::create_dir_all(&dir).unwrap();
    git(&dir, &["init", "-q"]);
    for v in ["v1", "v2"] {
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"journeymap\"\nversion = \"{}\"\n",
                &v[1..]
            ),
        )
        .unwrap();
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", v]);
        git(&dir, &["tag", v]);
    }
    dir
}

#[test]
fn action_source_fetches_a_version_from_the_actions_repository() {
    let d = Dir::new();
    // GitHub's layout: the action at _actions/OWNER/NAME/REF, the repository at
    // $GITHUB_SERVER_URL/OWNER/NAME (here a folder).
    let server = d.path().join("server");
    versions_repo(&d, "server/acme/journeymap");
    let action_path = d.path().join("_actions/acme/journeymap/v2");
    std::fs::create_dir_all(&action_path).unwrap();
    let out = d.path().join("out");
    let tmp = d.path().join("runner-tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let run_source = |version: &str| {
        let _ = std::fs::remove_file(&out);
        let env = [
            ("INPUT_VERSION", version.to_owned()),
            (
                "GITHUB_ACTION_PATH",
                action_path.to_string_lossy().into_owned(),
            ),
            ("GITHUB_SERVER_URL", server.to_string_lossy().into_owned()),
            ("GITHUB_OUTPUT", out.to_string_lossy().into_owned()),
            ("RUNNER_TEMP", tmp.to_string_lossy().into_owned()),
        ];
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        action(d.path(), "source", &env)
    };
    let r = run_source("v1");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let o = outputs(&out);
    let src = PathBuf::from(output(&o, "src"));
    assert!(src.starts_with(&tmp), "{}", src.display());
    assert!(
        std::fs::read_to_string(src.join("Cargo.toml"))
            .unwrap()
            .contains("version = \"1\""),
        "v1 is checked out"
    );
    let v1 = output(&o, "key").to_owned();
    assert_eq!(run_source("v2").code, 0);
    assert_ne!(
        output(&outputs(&out), "key"),
        v1,
        "another version, another key"
    );

    let r = run_source("v3");
    assert_eq!(r.code, 2);
    let a = annotations(&r);
    assert_eq!(a.len(), 1, "{a:?}");
    assert!(
        a[0].starts_with("::error title=journeymap::cannot fetch `v3` from "),
        "{a:?}"
    );
}

#[cfg(unix)]
#[test]
fn action_install_uses_the_cached_binary_and_puts_it_on_the_path() {
    let d = Dir::new();
    let bin = d.path().join("cache/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_journeymap"), bin.join("journeymap")).unwrap();
    d.write("cache/key", "0123456789abcdef\n");
    let path_file = d.path().join("github-path");
    let env = [
        (
            "JOURNEYMAP_ROOT",
            d.path().join("cache").to_string_lossy().into_owned(),
        ),
        ("JOURNEYMAP_SRC", root().to_string_lossy().into_owned()),
        ("JOURNEYMAP_KEY", "0123456789abcdef".to_owned()),
        ("GITHUB_PATH", path_file.to_string_lossy().into_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = action(d.path(), "install", &env);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("journeymap from the cache"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("journeymap 0."),
        "it prints the version: {}",
        r.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&path_file).unwrap(),
        format!("{}\n", bin.display())
    );
}

/// action.yml as JSON (through python3's `yaml`, which pre-commit brings), or
/// `None` after saying so.
fn action_yml() -> Option<serde_json::Value> {
    if !python_has("yaml") {
        missing("the action.yml test needs python3's yaml module (pre-commit depends on it)");
        return None;
    }
    let r = run(Command::new("python3").current_dir(root()).args([
        "-c",
        "import json, sys, yaml; print(json.dumps(yaml.safe_load(open('action.yml'))))",
    ]));
    assert_eq!(r.code, 0, "action.yml is not YAML: {}", r.stderr);
    Some(serde_json::from_str(&r.stdout).expect("JSON"))
}

#[test]
fn action_yml_is_a_composite_action_whose_steps_call_the_script_with_the_inputs() {
    let text = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    // Inputs reach the script through the environment, never spliced into the
    // text of a `run:` (where a crafted input would become shell code).
    for line in text.lines().filter(|l| l.trim_start().starts_with("run:")) {
        assert!(
            !line.contains("${{"),
            "no expression in a run: line: {line}"
        );
    }
    let Some(action) = action_yml() else {
        return;
    };
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().expect("inputs");
    let default = |name: &str| inputs[name]["default"].as_str().map(str::to_owned);
    assert_eq!(default("paths").as_deref(), Some("."));
    assert_eq!(default("build-check").as_deref(), Some(""));
    assert_eq!(default("version").as_deref(), Some(""));
    assert_eq!(default("args").as_deref(), Some(""));
    for (name, input) in inputs {
        assert!(
            input["description"].is_string(),
            "input {name} is described"
        );
        assert!(
            text.contains(&format!("${{{{ inputs.{name} }}}}")),
            "input {name} is used"
        );
    }

    let steps = action["runs"]["steps"].as_array().expect("steps");
    let script: Vec<&str> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .map(|r| {
            r.strip_prefix("bash \"$GITHUB_ACTION_PATH/.github/action/run.sh\" ")
                .unwrap_or_else(|| panic!("a step that is not run.sh: {r}"))
        })
        .collect();
    assert_eq!(script, ["source", "install", "check"]);
    for s in steps.iter().filter(|s| s["run"].is_string()) {
        assert_eq!(s["shell"], "bash", "a composite step names its shell");
        // Every INPUT_X the step sets is inputs.x, and every inputs.x it uses is declared.
        for (var, value) in s["env"].as_object().into_iter().flatten() {
            let value = value.as_str().unwrap_or_default();
            if let Some(name) = var.strip_prefix("INPUT_") {
                let input = name.to_lowercase().replace('_', "-");
                assert_eq!(value, format!("${{{{ inputs.{input} }}}}"), "{var}");
                assert!(inputs.contains_key(&input), "{input} is an input");
            }
        }
    }
    let check = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.ends_with(" check")))
        .unwrap();
    for var in ["INPUT_PATHS", "INPUT_ARGS", "INPUT_BUILD_CHECK"] {
        assert!(check["env"][var].is_string(), "the check step gets {var}");
    }
    // The outputs of the source step that others read are the ones it writes.
    let script_text = std::fs::read_to_string(action_script()).unwrap();
    for out in text.split("steps.source.outputs.").skip(1) {
        let name: String = out
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            script_text.contains(&format!("echo \"{name}=")),
            "run.sh source writes output {name}"
        );
    }
}

/// The workflow docs/workflow.md shows uses the action with inputs it has.
#[test]
fn the_documented_action_step_uses_real_inputs() {
    let text = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    let block = docs_block("uses: your-org/journeymap@");
    let with = block
        .split("        with:\n")
        .nth(1)
        .expect("the documented step passes inputs with `with:`");
    let mut seen = 0;
    for line in with.lines().take_while(|l| l.starts_with("          ")) {
        let key = line.trim().split(':').next().unwrap();
        assert!(
            text.contains(&format!("\n  {key}:\n")),
            "docs/workflow.md passes `{key}`, which action.yml does not declare"
        );
        seen += 1;
    }
    assert!(seen >= 2, "{with}");
}
