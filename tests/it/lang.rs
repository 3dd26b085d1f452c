//! The language of the messages (issue 16): `--lang`, then `JOURNEYMAP_LANG`,
//! then the POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`); the spec's
//! `locale` is the map's language, not the messages'. Every UI case is also
//! rendered in Japanese (`tests/ui/*.ja.stderr`, see ui.rs).

use crate::support::{jm, run};

const CASE: &str = "tests/ui/unknown_persona.yaml";
const EN: &str = "error[JM0104]: unknown persona `kenij`";
const JA: &str = "error[JM0104]: ペルソナ `kenij` は定義されていません";

fn check(env: &[(&str, &str)], args: &[&str]) -> crate::support::Run {
    let mut c = jm();
    c.arg("check").args(args).arg(CASE);
    for (k, v) in env {
        c.env(k, v);
    }
    run(&mut c)
}

#[test]
fn the_language_comes_from_the_flag_then_the_environment() {
    for (env, args, want) in [
        (&[][..], &[][..], EN),
        (&[], &["--lang", "ja"], JA),
        (&[], &["--lang=ja"], JA),
        (&[("JOURNEYMAP_LANG", "ja")], &[], JA),
        (&[("LANG", "ja_JP.UTF-8")], &[], JA),
        (
            &[("LC_MESSAGES", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")],
            &[],
            JA,
        ),
        // LC_ALL wins over the others, as in POSIX.
        (&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")], &[], EN),
        // An unrelated locale is English, silently.
        (&[("LANG", "de_DE.UTF-8")], &[], EN),
        // The flag wins over the environment.
        (
            &[("JOURNEYMAP_LANG", "ja"), ("LANG", "ja_JP.UTF-8")],
            &["--lang", "en"],
            EN,
        ),
        (&[("LANG", "ja_JP.UTF-8")], &["--lang", "en"], EN),
        (
            &[("JOURNEYMAP_LANG", "en"), ("LANG", "ja_JP.UTF-8")],
            &[],
            EN,
        ),
    ] {
        let r = check(env, args);
        assert_eq!(r.code, 1, "{env:?} {args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(want),
            "{env:?} {args:?}:\n{}",
            r.stderr
        );
    }
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_known_ones() {
    let r = check(&[], &["--lang", "xx"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown language `xx` for `--lang`: use one of `en`, `ja`\n"
    );
    let r = check(&[("JOURNEYMAP_LANG", "fr")], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`fr` in JOURNEYMAP_LANG"), "{}", r.stderr);
    // Said in the language the rest of the environment asks for.
    let r = check(&[("JOURNEYMAP_LANG", "fr"), ("LANG", "ja_JP.UTF-8")], &[]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: JOURNEYMAP_LANG に指定された言語 `fr` には対応していません：`en`、`ja` のいずれかを指定してください\n"
    );
}

/// JSON and GitHub formats keep their keys, codes and places; only the words
/// change.
#[test]
fn machine_formats_change_only_their_words() {
    let en = check(&[], &["--message-format", "json"]);
    let ja = check(&[], &["--message-format", "json", "--lang", "ja"]);
    let parse =
        |s: &str| -> serde_json::Value { serde_json::from_str(s.lines().next().unwrap()).unwrap() };
    let (mut e, mut j) = (parse(&en.stderr), parse(&ja.stderr));
    assert_eq!(j["message"], "ペルソナ `kenij` は定義されていません");
    assert_eq!(j["help"], "`kenji` のことですか？");
    for v in [&mut e, &mut j] {
        for k in ["message", "help", "label", "rendered"] {
            v.as_object_mut().unwrap().remove(k);
        }
    }
    assert_eq!(e, j, "the same keys, codes and places");
    let gh = check(&[], &["--message-format", "github", "--lang", "ja"]);
    assert!(
        gh.stderr.starts_with("::error file=tests/ui/unknown_persona.yaml,line=8,col=28,endLine=8,endColumn=33,title=JM0104::"),
        "{}",
        gh.stderr
    );
}

/// A clean run's closing line is in the language of the messages, and the
/// map stays in the spec's `locale`.
#[test]
fn the_summary_speaks_the_language_and_the_map_its_locale() {
    let d = crate::support::Dir::new();
    d.write("s.yaml", crate::support::MINIMAL);
    let r = d.run(&["build", "s.yaml", "--lang", "ja"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "`s.yaml` をビルドしました → s.html\n");
    assert!(
        d.read("s.html").contains("<html lang=\"en\">"),
        "the map is the spec's locale"
    );
    let r = d.run(&["check", "s.yaml", "-q", "--lang", "ja"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "--quiet");
}

/// `priority: 高` (and 中 / 低, and for impact and effort) is the word the
/// Japanese map prints: accepted in every locale, stored as `high`.
#[test]
fn priorities_in_kanji_are_accepted() {
    let d = crate::support::Dir::new();
    d.write(
        "s.yaml",
        "journeymap: 1\ntitle: T\npersonas: [{id: a, name: A}]\nstages:\n  - name: S\n    opportunities:\n      - {text: 料金を明示, priority: 高, impact: 中, effort: 低}\n    touchpoints: [{name: T}]\n",
    );
    let r = d.run(&["build", "s.yaml", "-f", "json", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let o = &j["stages"][0]["opportunities"][0];
    assert_eq!(
        (&o["priority"], &o["impact"], &o["effort"]),
        (&"high".into(), &"medium".into(), &"low".into()),
        "{o}"
    );
}

/// `--help` follows the language too (clap's possible values and defaults
/// stay English); `--lang en` wins over a Japanese environment.
#[test]
fn help_in_japanese() {
    let mut c = jm();
    c.args(["build", "--help"]).env("LANG", "ja_JP.UTF-8");
    let r = run(&mut c);
    assert_eq!(r.code, 0);
    for said in [
        "使い方: journeymap build",
        "引数:",
        "オプション:",
        "出力形式。複数なら繰り返します",
        "ヘルプを表示します",
    ] {
        assert!(r.stdout.contains(said), "`{said}` in\n{}", r.stdout);
    }
    let r = run(jm().args(["--help", "--lang", "ja"]));
    assert!(
        r.stdout.contains("コマンド:") && r.stdout.contains("終了コード"),
        "{}",
        r.stdout
    );
    let mut c = jm();
    c.args(["build", "--help", "--lang", "en"])
        .env("LANG", "ja_JP.UTF-8");
    let r = run(&mut c);
    assert!(
        r.stdout.contains("Usage: journeymap build") && !r.stdout.contains("使い方"),
        "{}",
        r.stdout
    );
}
