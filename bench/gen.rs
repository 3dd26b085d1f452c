//! Realistic journey-map specs for benchmarks: deterministic for a seed, valid
//! (they build without errors), mostly Japanese text, several personas with
//! per-persona emotions on part of the touchpoints, a channel registry, items
//! with priority and owner, metrics, evidence, backstage notes and moments of
//! truth, so that every stage of the pipeline has work to do.
//!
//! Shared by the criterion benchmark (`benches/pipeline.rs`, through `#[path]`)
//! and the `jm-gen` program of `bench/` (`bench/run.sh` uses it). No
//! dependencies, so both can include it as a plain module.

use std::fmt::Write as _;

/// A named size: stages, and touchpoints per stage.
pub const PRESETS: &[(&str, usize, usize)] = &[
    ("small", 5, 4),
    ("medium", 10, 20),
    ("large", 50, 200),
    ("huge", 100, 250),
];

/// The stages and touchpoints per stage of a preset.
#[must_use]
pub fn preset(name: &str) -> Option<(usize, usize)> {
    PRESETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, s, t)| (s, t))
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Shape {
    pub stages: usize,
    /// Touchpoints per stage.
    pub touchpoints: usize,
    /// 1 to 4.
    pub personas: usize,
    pub seed: u64,
    pub title: Option<String>,
    /// With a metrics registry (see [`measured`]): touchpoints' `metrics` use
    /// its ids, and the spec reads `data` when it is `Some`.
    pub registry: Option<Option<String>>,
}

impl Shape {
    #[must_use]
    pub fn new(stages: usize, touchpoints: usize) -> Self {
        Shape {
            stages,
            touchpoints,
            personas: 3,
            seed: 1,
            title: None,
            registry: None,
        }
    }
}

/// `(id, name, role, avatar, quote, segment)`
pub const PERSONAS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "misaki",
        "田中 美咲",
        "32歳・IT企業のマーケター",
        "👩\u{200d}💼",
        "仕事帰りの30分で、気軽に続けたい",
        "都市部の社会人",
    ),
    (
        "kenji",
        "佐藤 健二",
        "45歳・製造業の課長",
        "👨\u{200d}🔧",
        "海外拠点との会議で困らない英語を",
        "管理職",
    ),
    (
        "yui",
        "鈴木 結衣",
        "21歳・大学3年生",
        "🎓",
        "就活までにTOEICを上げたい",
        "学生",
    ),
    (
        "hiro",
        "Hiroshi Ito",
        "38, product designer",
        "🧑\u{200d}🎨",
        "I want to learn on my phone",
        "remote workers",
    ),
];

pub const CHANNELS: &[(&str, &str, &str)] = &[
    ("sns", "SNS (Instagram)", "social"),
    ("web", "公式サイト", "online"),
    ("app", "スマホアプリ", "mobile"),
    ("mail", "メールマガジン", "email"),
    ("store", "駅前の教室", "in_person"),
    ("call", "コールセンター", "phone"),
    ("ad", "交通広告", "offline"),
    ("expo", "展示会・セミナー", "other"),
];

pub const STAGE_NAMES: &[&str] = &[
    "認知",
    "興味・関心",
    "比較・検討",
    "無料体験",
    "購入・契約",
    "初回利用",
    "継続利用",
    "推奨・紹介",
];
pub const SUBJECTS: &[&str] = &[
    "広告",
    "料金ページ",
    "体験レッスン",
    "講師のプロフィール",
    "予約画面",
    "アプリの通知",
    "口コミサイト",
    "友人の紹介",
    "キャンペーンメール",
    "カウンセリング",
    "教材",
    "サポート窓口",
    "請求書",
    "解約手続き",
];
pub const VERBS: &[&str] = &[
    "を見る",
    "を比較する",
    "を予約する",
    "に問い合わせる",
    "を試す",
    "を読む",
    "に登録する",
    "を友人に勧める",
];
pub const THOUGHTS: &[&str] = &[
    "「30分ならできるかも」",
    "「料金がよくわからない」",
    "「本当に続けられるかな？」",
    "「思ったより簡単だった」",
    "「講師との相性が心配」",
    "“This looks easy: let's try”",
    "「予約が取りにくい…」",
    "「家族にも勧めたい」",
];
pub const FEELINGS: &[&str] = &[
    "期待",
    "不安",
    "安心",
    "苛立ち",
    "満足",
    "迷い",
    "驚き",
    "喜び",
];
pub const PAINS: &[&str] = &[
    "料金体系が複雑で比較しにくい",
    "予約枠が夜に少ない",
    "アプリのログインが頻繁に切れる",
    "解約方法がわかりにくい",
    "Email confirmation arrives late",
    "講師によって質がばらつく",
    "教材がPCでしか見られない",
];
pub const OPPS: &[&str] = &[
    "広告に料金例を出す",
    "夜の枠を増やし、空き通知を送る",
    "ログイン状態を30日保持する",
    "解約をアプリ内で完結させる",
    "Send the confirmation instantly",
    "講師の評価を公開する",
    "教材をスマホ対応にする",
];
pub const OWNERS: &[&str] = &[
    "マーケティング部",
    "カスタマーサクセス",
    "プロダクト開発",
    "営業部",
    "Support team",
];
pub const EVIDENCE: &[&str] = &[
    "インタビュー n=12",
    "GA4 2026-10",
    "アンケート n=340",
    "NPS調査 2026-Q3",
    "サポート問い合わせログ",
];
pub const BACKSTAGE: &[&str] = &[
    "広告運用代理店が週次で入稿",
    "CRMがステップメールを配信",
    "講師シフトを前週に確定",
    "決済代行が与信を確認",
];
pub const KPIS: &[&str] = &[
    "広告想起率",
    "指名検索数",
    "体験予約率",
    "有料転換率",
    "継続率(3か月)",
    "NPS",
    "紹介経由の新規数",
];
pub const QUESTIONS: &[&str] = &[
    "本当に続けられる？",
    "料金はいくら？",
    "自分のレベルに合う？",
    "解約は簡単？",
];
pub const PRIORITIES: &[&str] = &["high", "medium", "low"];

/// splitmix64: small, fast and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    pub fn emotion(&mut self) -> i64 {
        i64::try_from(self.below(5)).unwrap_or(0) - 2
    }
}

/// A YAML double-quoted scalar.
pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn item(r: &mut Rng, pool: &[&str]) -> String {
    let text = q(r.pick(pool));
    if r.chance(50) {
        return text;
    }
    format!(
        "{{text: {text}, priority: {}, owner: {}}}",
        r.pick(PRIORITIES),
        q(r.pick(OWNERS))
    )
}

/// The YAML text of a spec of this shape.
#[must_use]
pub fn spec(shape: &Shape) -> String {
    spec_and_places(shape).0
}

/// What the spec says about one touchpoint, for data rows that fit it.
#[allow(dead_code)] // read by `measured`, which the criterion benchmark does not use
struct Place {
    /// How many personas it involves (the first ones of the spec's list).
    personas: usize,
    /// Its assumed emotion (the first persona's, when they differ).
    emotion: i64,
}

/// The spec's text, and its touchpoints in order.
fn spec_and_places(shape: &Shape) -> (String, Vec<Place>) {
    let mut places = Vec::with_capacity(shape.stages * shape.touchpoints);
    let mut r = Rng(shape.seed);
    let personas = &PERSONAS[..shape.personas.clamp(1, PERSONAS.len())];
    let ids: Vec<&str> = personas.iter().map(|p| p.0).collect();
    let (n_stages, n_tp) = (shape.stages.max(1), shape.touchpoints);
    let mut o = String::with_capacity(64 * 1024 + n_stages * n_tp * 450);
    let title = shape
        .title
        .clone()
        .unwrap_or_else(|| format!("オンライン英会話 新規受講者ジャーニー ({n_stages}×{n_tp})"));
    let _ = writeln!(o, "journeymap: 1\ntitle: {}", q(&title));
    o.push_str(
        "description: |\n  仕事帰りに英語を学びたい社会人が、無料体験から継続受講に至るまで。\n\n  \
         ベンチマーク用に生成したジャーニーです。\nlocale: ja\nstate: current\nversion: \"2026-Q4\"\n\
         owner: マーケティング部\ntags: [b2c, onboarding, benchmark]\nscale: {min: -2, max: 2}\n",
    );
    let _ = writeln!(o, "loop_to: stage-{}", n_stages.min(3));
    o.push_str("lints: {no-evidence: allow, missing-emotion: allow");
    if shape.registry.is_some() {
        // Random assumed emotions and data miss a target or the assumption at
        // a few hundred places: warnings that print in proportion to places,
        // not to rows (bench/run.sh times them apart, with `-W`).
        o.push_str(", metric-off-target: allow, assumption-gap: allow, unmeasured-metric: allow");
    }
    o.push_str("}\nx-generator: bench/gen.rs\n");
    if let Some(data) = &shape.registry {
        o.push_str(REGISTRY);
        if let Some(file) = data {
            let _ = writeln!(o, "data: [{}]", q(file));
        }
    }
    o.push_str("personas:\n");
    for (id, name, role, avatar, quote, segment) in personas {
        let _ = write!(
            o,
            "  - id: {id}\n    name: {}\n    role: {}\n    avatar: {}\n    quote: {}\n    segment: {}\n",
            q(name),
            q(role),
            q(avatar),
            q(quote),
            q(segment)
        );
        o.push_str(
            "    goals: [TOEICを半年で150点上げる, 海外出張で困らない]\n    \
             needs: [スマホで受講できる, 夜22時以降に予約できる]\n    pains: [時間がない, 料金が不透明]\n    \
             attributes: {年齢: 32, 居住地: 東京, 予算: 月1万円}\n",
        );
    }
    o.push_str("channels:\n");
    for (id, name, kind) in CHANNELS {
        let _ = writeln!(o, "  - {{id: {id}, name: {}, kind: {kind}}}", q(name));
    }
    o.push_str("stages:\n");
    for s in 1..=n_stages {
        let _ = write!(
            o,
            "  - id: stage-{s}\n    name: {}\n    description: {}\n    goal: 自分に合う学び方を知りたい\n",
            q(&format!("{} {s}", STAGE_NAMES[(s - 1) % STAGE_NAMES.len()])),
            q(&format!("ステージ{s}の説明：顧客がここで何をするか。"))
        );
        let (q1, q2) = (r.pick(QUESTIONS), r.pick(QUESTIONS));
        let (k1, k2) = (r.pick(KPIS), r.pick(KPIS));
        let _ = writeln!(o, "    questions: [{}, {}]", q(q1), q(q2));
        let _ = writeln!(o, "    kpis: [{}, {}]", q(k1), q(k2));
        let _ = writeln!(o, "    pain_points: [{}]", item(&mut r, PAINS));
        let _ = writeln!(o, "    opportunities: [{}]", item(&mut r, OPPS));
        if n_tp > 0 {
            o.push_str("    touchpoints:\n");
        }
        for t in 1..=n_tp {
            places.push(touchpoint(
                &mut o,
                &mut r,
                &ids,
                s,
                t,
                shape.registry.is_some(),
            ));
        }
    }
    (o, places)
}

fn touchpoint(
    o: &mut String,
    r: &mut Rng,
    ids: &[&str],
    s: usize,
    t: usize,
    registry: bool,
) -> Place {
    let _ = writeln!(o, "      - id: s{s}-t{t}");
    let name = format!("{}{}", r.pick(SUBJECTS), r.pick(VERBS));
    let _ = writeln!(o, "        name: {}", q(&name));
    let _ = writeln!(
        o,
        "        channel: {}",
        CHANNELS[r.below(CHANNELS.len())].0
    );
    let sub = if ids.len() > 1 && r.chance(30) {
        let sub = &ids[..=r.below(ids.len())];
        let _ = writeln!(o, "        personas: [{}]", sub.join(", "));
        sub
    } else {
        ids
    };
    let action = format!("通勤中に{}{}", r.pick(SUBJECTS), r.pick(VERBS));
    let _ = writeln!(o, "        action: {}", q(&action));
    if r.chance(70) {
        let _ = writeln!(o, "        thought: {}", q(r.pick(THOUGHTS)));
    }
    let emotion;
    if sub.len() > 1 && r.chance(40) {
        let each: Vec<i64> = sub.iter().map(|_| r.emotion()).collect();
        emotion = each[0];
        let each: Vec<String> = sub
            .iter()
            .zip(&each)
            .map(|(p, e)| format!("{p}: {e}"))
            .collect();
        let _ = writeln!(o, "        emotion: {{{}}}", each.join(", "));
    } else {
        emotion = r.emotion();
        let _ = writeln!(o, "        emotion: {emotion}");
    }
    let _ = writeln!(o, "        feeling: {}", r.pick(FEELINGS));
    if r.chance(40) {
        let _ = writeln!(o, "        pain_points: [{}]", item(r, PAINS));
    }
    if r.chance(70) {
        let _ = writeln!(o, "        opportunities: [{}]", item(r, OPPS));
    }
    if r.chance(50) {
        let _ = writeln!(o, "        owner: {}", q(r.pick(OWNERS)));
    }
    if r.chance(30) {
        let _ = writeln!(o, "        backstage: [{}]", q(r.pick(BACKSTAGE)));
    }
    if r.chance(5) {
        o.push_str("        moment_of_truth: true\n");
    }
    if r.chance(60) {
        let _ = writeln!(o, "        evidence: [{}]", q(r.pick(EVIDENCE)));
    }
    if r.chance(30) {
        let (ctr, reach) = (
            format!("{}.{}", r.below(5), r.below(10)),
            100 + r.below(200_000),
        );
        if registry {
            let _ = writeln!(o, "        metrics: {{ctr: {ctr}, reach: {reach}}}");
        } else {
            let _ = writeln!(o, "        metrics: {{CTR: \"{ctr}%\", リーチ: {reach}}}");
        }
    }
    Place {
        personas: sub.len(),
        emotion,
    }
}

/// The metrics registry of a measured spec: a 1–5 survey that measures
/// emotion, a funnel counted on the stages, a time (lower is better) and a
/// rate with targets, and the two metrics the touchpoints write in the spec.
const REGISTRY: &str = "\
metrics:
  - id: csat
    name: 満足度 (CSAT)
    description: 利用後アンケート（5段階）
    emotion: {min: 1, max: 5}
    target: 3.5
    owner: カスタマーサクセス
  - {id: customers, name: 到達した新規客, unit: 人, funnel: true, description: 各ステージまで進んだ新規客, owner: マーケティング部}
  - {id: wait, name: 待ち時間, unit: 分, better: lower, target: 10, description: 問い合わせから回答まで}
  - {id: conversion, name: 転換率, unit: \"%\", target: 5, owner: 営業部}
  - {id: ctr, name: CTR, unit: \"%\"}
  - {id: reach, name: リーチ}
";

/// A measured spec and its data file (SPEC.md §6), for the measured-data case
/// of `bench/run.sh`.
#[allow(dead_code)] // jm-gen writes them; the criterion benchmark does not
pub struct Measured {
    /// The spec, reading `data_path`.
    pub with_data: String,
    /// The same spec without `data:` (the registry and the spec's own values stay).
    pub without_data: String,
    /// The CSV text.
    pub data: String,
}

/// The days of 2026, as `YYYY-MM-DD`.
#[allow(dead_code)] // used by `measured` only
fn year_days() -> Vec<String> {
    const LENGTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut out = Vec::with_capacity(365);
    for (m, len) in LENGTHS.iter().enumerate() {
        for d in 1..=*len {
            out.push(format!("2026-{:02}-{d:02}", m + 1));
        }
    }
    out
}

/// A spec of this shape with the metrics registry, and `rows` data rows (at
/// least one a day for each touchpoint plus the funnel): a year of daily rows
/// (2026-01-01 to 2026-12-31), in day order as daily exports are appended:
///
/// - every touchpoint, every day, one row for all personas: `csat` on four
///   touchpoints of six (a value near its assumed emotion, mapped onto 1–5),
///   `wait` on one, `conversion` on one;
/// - every stage, once a week (the same days for all), the funnel's
///   `customers`;
/// - the rest (`rows` minus those) per persona: `csat` of each persona on
///   every fifth `csat` touchpoint, spread evenly over the year.
///
/// Every row has `n` and `source`, and both `stage` and `touchpoint` for a
/// touchpoint. `data_path` is what the spec's `data:` says.
#[allow(dead_code)] // used by jm-gen only
#[must_use]
pub fn measured(shape: &Shape, rows: usize, data_path: &str) -> Option<Measured> {
    let mut with = shape.clone();
    with.registry = Some(Some(data_path.to_owned()));
    let (with_data, places) = spec_and_places(&with);
    let mut without = shape.clone();
    without.registry = Some(None);
    let without_data = spec(&without);
    let (n_stages, n_tp) = (shape.stages.max(1), shape.touchpoints);
    let days = year_days();
    let weekly: Vec<usize> = (0..days.len()).rev().step_by(7).collect();
    let base = places.len() * days.len() + n_stages * weekly.len();
    let extra = rows.checked_sub(base)?;
    let ids: Vec<&str> = PERSONAS[..shape.personas.clamp(1, PERSONAS.len())]
        .iter()
        .map(|p| p.0)
        .collect();
    // The per-persona series, and on which days each gets a row.
    let mut persona_series = Vec::new();
    for (i, p) in places.iter().enumerate() {
        if i % 6 < 4 && (i % 6 + 4 * (i / 6)) % 5 == 0 {
            for id in &ids[..p.personas] {
                persona_series.push((i, *id));
            }
        }
    }
    let rounds = if persona_series.is_empty() {
        0
    } else {
        extra.div_ceil(persona_series.len())
    };
    if rounds > days.len() || (rounds == 0 && extra > 0) {
        return None;
    }
    let mut by_day: Vec<Vec<(usize, &str)>> = vec![Vec::new(); days.len()];
    for k in 0..extra {
        let (series, round) = (k % persona_series.len(), k / persona_series.len());
        by_day[round * days.len() / rounds].push(persona_series[series]);
    }
    let mut r = Rng(shape.seed ^ 0x5EED);
    let mut o = String::with_capacity(rows * 80);
    o.push_str("period,stage,touchpoint,persona,metric,value,n,source\n");
    let stage_of = |i: usize| i / n_tp.max(1) + 1;
    let tp_id = |i: usize| format!("s{}-t{}", stage_of(i), i % n_tp.max(1) + 1);
    let csat = |r: &mut Rng, e: i64| {
        // 3 + emotion on 1..5, give or take 0.5, to one decimal.
        let tenths = (30 + 10 * e - 5 + i64::try_from(r.below(11)).unwrap_or(0)).clamp(10, 50);
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    for (d, day) in days.iter().enumerate() {
        for (i, p) in places.iter().enumerate() {
            let (s, t) = (stage_of(i), tp_id(i));
            let _ = match i % 6 {
                4 => writeln!(
                    o,
                    "{day},stage-{s},{t},,wait,{},{},問い合わせ管理",
                    3 + r.below(15),
                    5 + r.below(40)
                ),
                5 => writeln!(
                    o,
                    "{day},stage-{s},{t},,conversion,{}.{},{},GA4",
                    2 + r.below(6),
                    r.below(10),
                    500 + r.below(3000)
                ),
                _ => writeln!(
                    o,
                    "{day},stage-{s},{t},,csat,{},{},利用後アンケート",
                    csat(&mut r, p.emotion),
                    20 + r.below(180)
                ),
            };
        }
        if weekly.contains(&d) {
            let mut reached = 20_000 + r.below(5_000);
            for s in 1..=n_stages {
                let _ = writeln!(o, "{day},stage-{s},,,customers,{reached},,予約台帳");
                reached = reached * (55 + r.below(40)) / 100;
            }
        }
        for (i, id) in &by_day[d] {
            let _ = writeln!(
                o,
                "{day},stage-{},{},{id},csat,{},{},利用後アンケート（ペルソナ別）",
                stage_of(*i),
                tp_id(*i),
                csat(&mut r, places[*i].emotion),
                5 + r.below(40)
            );
        }
    }
    Some(Measured {
        with_data,
        without_data,
        data: o,
    })
}
