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
        }
    }
}

/// `(id, name, role, avatar, quote, segment)`
const PERSONAS: &[(&str, &str, &str, &str, &str, &str)] = &[
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

const CHANNELS: &[(&str, &str, &str)] = &[
    ("sns", "SNS (Instagram)", "social"),
    ("web", "公式サイト", "online"),
    ("app", "スマホアプリ", "mobile"),
    ("mail", "メールマガジン", "email"),
    ("store", "駅前の教室", "in_person"),
    ("call", "コールセンター", "phone"),
    ("ad", "交通広告", "offline"),
    ("expo", "展示会・セミナー", "other"),
];

const STAGE_NAMES: &[&str] = &[
    "認知",
    "興味・関心",
    "比較・検討",
    "無料体験",
    "購入・契約",
    "初回利用",
    "継続利用",
    "推奨・紹介",
];
const SUBJECTS: &[&str] = &[
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
const VERBS: &[&str] = &[
    "を見る",
    "を比較する",
    "を予約する",
    "に問い合わせる",
    "を試す",
    "を読む",
    "に登録する",
    "を友人に勧める",
];
const THOUGHTS: &[&str] = &[
    "「30分ならできるかも」",
    "「料金がよくわからない」",
    "「本当に続けられるかな？」",
    "「思ったより簡単だった」",
    "「講師との相性が心配」",
    "“This looks easy: let's try”",
    "「予約が取りにくい…」",
    "「家族にも勧めたい」",
];
const FEELINGS: &[&str] = &[
    "期待",
    "不安",
    "安心",
    "苛立ち",
    "満足",
    "迷い",
    "驚き",
    "喜び",
];
const PAINS: &[&str] = &[
    "料金体系が複雑で比較しにくい",
    "予約枠が夜に少ない",
    "アプリのログインが頻繁に切れる",
    "解約方法がわかりにくい",
    "Email confirmation arrives late",
    "講師によって質がばらつく",
    "教材がPCでしか見られない",
];
const OPPS: &[&str] = &[
    "広告に料金例を出す",
    "夜の枠を増やし、空き通知を送る",
    "ログイン状態を30日保持する",
    "解約をアプリ内で完結させる",
    "Send the confirmation instantly",
    "講師の評価を公開する",
    "教材をスマホ対応にする",
];
const OWNERS: &[&str] = &[
    "マーケティング部",
    "カスタマーサクセス",
    "プロダクト開発",
    "営業部",
    "Support team",
];
const EVIDENCE: &[&str] = &[
    "インタビュー n=12",
    "GA4 2026-10",
    "アンケート n=340",
    "NPS調査 2026-Q3",
    "サポート問い合わせログ",
];
const BACKSTAGE: &[&str] = &[
    "広告運用代理店が週次で入稿",
    "CRMがステップメールを配信",
    "講師シフトを前週に確定",
    "決済代行が与信を確認",
];
const KPIS: &[&str] = &[
    "広告想起率",
    "指名検索数",
    "体験予約率",
    "有料転換率",
    "継続率(3か月)",
    "NPS",
    "紹介経由の新規数",
];
const QUESTIONS: &[&str] = &[
    "本当に続けられる？",
    "料金はいくら？",
    "自分のレベルに合う？",
    "解約は簡単？",
];
const PRIORITIES: &[&str] = &["high", "medium", "low"];

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    fn emotion(&mut self) -> i64 {
        i64::try_from(self.below(5)).unwrap_or(0) - 2
    }
}

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
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
    o.push_str("lints: {no-evidence: allow, missing-emotion: allow}\nx-generator: bench/gen.rs\npersonas:\n");
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
            touchpoint(&mut o, &mut r, &ids, s, t);
        }
    }
    o
}

fn touchpoint(o: &mut String, r: &mut Rng, ids: &[&str], s: usize, t: usize) {
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
    if sub.len() > 1 && r.chance(40) {
        let each: Vec<String> = sub
            .iter()
            .map(|p| format!("{p}: {}", r.emotion()))
            .collect();
        let _ = writeln!(o, "        emotion: {{{}}}", each.join(", "));
    } else {
        let _ = writeln!(o, "        emotion: {}", r.emotion());
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
        let ctr = format!("{}.{}%", r.below(5), r.below(10));
        let _ = writeln!(
            o,
            "        metrics: {{CTR: {}, リーチ: {}}}",
            q(&ctr),
            100 + r.below(200_000)
        );
    }
}
