//! One test per validation rule: `journeymap check tests/ui/NAME.yaml` must print
//! exactly `tests/ui/NAME.stderr` (location, snippet and caret included) and exit 1.

use crate::support::{assert_golden, jm_run};

fn ui(name: &str, code: &str) {
    let path = format!("tests/ui/{name}.yaml");
    let r = jm_run(&["check", &path]);
    assert_eq!(r.code, 1, "{name}: exit code\n{}", r.stderr);
    assert!(
        r.stdout.is_empty(),
        "{name}: check prints nothing on stdout"
    );
    assert!(
        r.stderr.contains(&format!("error[{code}]")),
        "{name}: expected {code} in\n{}",
        r.stderr
    );
    assert_golden(&format!("tests/ui/{name}.stderr"), &r.stderr);
}

macro_rules! ui_tests {
    ($($name:ident => $code:literal,)*) => {
        $(#[test] fn $name() { ui(stringify!($name), $code); })*
    };
}

ui_tests! {
    yaml_syntax => "JM0001",
    yaml_tab => "JM0001",
    multiple_documents => "JM0001",
    duplicate_key => "JM0002",
    not_utf8 => "JM0003",
    nul_byte => "JM0003",
    alias_bomb => "JM0005",
    deep_nesting => "JM0005",
    unknown_key => "JM0010",
    unknown_key_ja => "JM0010",
    missing_key => "JM0011",
    missing_version => "JM0011",
    empty_file => "JM0011",
    wrong_type => "JM0012",
    top_level_list => "JM0012",
    empty_text => "JM0013",
    invalid_choice => "JM0014",
    unsupported_version => "JM0015",
    empty_list => "JM0016",
    invalid_id => "JM0101",
    duplicate_id => "JM0102",
    import_duplicate_id => "JM0102",
    unknown_channel_ja => "JM0103",
    unknown_persona => "JM0104",
    unknown_stage => "JM0105",
    unknown_lint => "JM0106",
    emotion_out_of_scale => "JM0201",
    invalid_scale => "JM0202",
    emotion_persona_not_on_touchpoint => "JM0203",
    import_not_found => "JM0301",
    import_cycle => "JM0302",
}

/// The column counts characters, not bytes, and the caret sits under the right text.
#[test]
fn japanese_columns_count_characters() {
    let r = jm_run(&[
        "check",
        "tests/ui/unknown_channel_ja.yaml",
        "--message-format",
        "json",
    ]);
    let first = r.stderr.lines().next().expect("a diagnostic");
    let v: serde_json::Value = serde_json::from_str(first).unwrap();
    // `      - {name: 「チラシ」を見る, channel: 店頭}`: 店頭 starts at character 35 (byte 51).
    assert_eq!(v["line"], 10);
    assert_eq!(v["column"], 35);
    assert_eq!(v["end_column"], 37);
    assert_eq!(v["code"], "JM0103");
}
