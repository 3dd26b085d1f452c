//! What templates see: the journey, labels in its locale, and computed facts.
//!
//! Templates get only this (never the raw spec), through `UndefinedBehavior::Strict`,
//! so a renamed field is an error rather than silently empty output.

use crate::insight::Insights;
use crate::model::{Journey, Locale, Persona};
use indexmap::IndexMap;
use serde::Serialize;

/// The template context.
#[derive(Serialize)]
pub struct View<'a> {
    pub journey: &'a Journey,
    pub insights: &'a Insights,
    /// Personas by id, for looking up names from a touchpoint's emotion map.
    pub personas: IndexMap<&'a str, &'a Persona>,
    /// Whether any touchpoint gives its personas different emotions.
    pub emotions_differ: bool,
    /// The description split into paragraphs (at blank lines).
    pub description: Vec<String>,
    pub labels: &'static Labels,
    /// `journeymap <version>`, for the footer.
    pub generator: &'static str,
}

/// The name and version of this build, e.g. `journeymap 0.1.0`.
pub const GENERATOR: &str = concat!("journeymap ", env!("CARGO_PKG_VERSION"));

impl<'a> View<'a> {
    #[must_use]
    pub fn new(journey: &'a Journey, insights: &'a Insights) -> Self {
        View {
            journey,
            insights,
            personas: journey
                .personas
                .iter()
                .map(|p| (p.id.as_str(), p))
                .collect(),
            emotions_differ: journey.emotions_differ(),
            description: journey
                .description
                .as_deref()
                .map(paragraphs)
                .unwrap_or_default(),
            labels: labels(journey.locale),
            generator: GENERATOR,
        }
    }
}

/// Split text into paragraphs at blank lines; lines inside a paragraph are joined with a space.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}

/// Built-in words of the outputs, per locale.
#[derive(Serialize)]
pub struct Labels {
    pub lang: &'static str,
    pub personas: &'static str,
    pub stages: &'static str,
    pub stage: &'static str,
    pub channels: &'static str,
    pub touchpoints: &'static str,
    pub touchpoint: &'static str,
    pub channel: &'static str,
    pub goal: &'static str,
    pub questions: &'static str,
    pub kpis: &'static str,
    pub action: &'static str,
    pub thought: &'static str,
    pub emotion: &'static str,
    pub feeling: &'static str,
    pub pain_points: &'static str,
    pub opportunities: &'static str,
    pub owner: &'static str,
    pub backstage: &'static str,
    pub evidence: &'static str,
    pub metrics: &'static str,
    pub moment_of_truth: &'static str,
    pub goals: &'static str,
    pub needs: &'static str,
    pub pains: &'static str,
    pub role: &'static str,
    pub segment: &'static str,
    pub attributes: &'static str,
    pub version: &'static str,
    pub state: &'static str,
    pub current: &'static str,
    pub future: &'static str,
    pub tags: &'static str,
    pub scale: &'static str,
    pub loop_to: &'static str,
    pub priority_high: &'static str,
    pub priority_medium: &'static str,
    pub priority_low: &'static str,
    pub insights: &'static str,
    pub lowest_moments: &'static str,
    pub biggest_drops: &'static str,
    pub unaddressed_pains: &'static str,
    pub divergence: &'static str,
    pub coverage: &'static str,
    pub unused_channels: &'static str,
    pub evidence_coverage: &'static str,
    pub moments_of_truth: &'static str,
    pub stage_summary: &'static str,
    pub mean: &'static str,
    pub min: &'static str,
    pub max: &'static str,
    pub count: &'static str,
    pub no_emotions: &'static str,
    pub none: &'static str,
    pub all_personas: &'static str,
    pub generated_by: &'static str,
    pub persona: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub drop: &'static str,
    pub spread: &'static str,
}

static EN: Labels = Labels {
    lang: "en",
    personas: "Personas",
    stages: "Stages",
    stage: "Stage",
    channels: "Channels",
    touchpoints: "Touchpoints",
    touchpoint: "Touchpoint",
    channel: "Channel",
    goal: "Goal",
    questions: "Questions",
    kpis: "KPIs",
    action: "Action",
    thought: "Thought",
    emotion: "Emotion",
    feeling: "Feeling",
    pain_points: "Pain points",
    opportunities: "Opportunities",
    owner: "Owner",
    backstage: "Backstage",
    evidence: "Evidence",
    metrics: "Metrics",
    moment_of_truth: "Moment of truth",
    goals: "Goals",
    needs: "Needs",
    pains: "Pains",
    role: "Role",
    segment: "Segment",
    attributes: "Attributes",
    version: "Version",
    state: "State",
    current: "Current state",
    future: "Future state",
    tags: "Tags",
    scale: "Emotion scale",
    loop_to: "The journey loops back to",
    priority_high: "high",
    priority_medium: "medium",
    priority_low: "low",
    insights: "Insights",
    lowest_moments: "Lowest moments",
    biggest_drops: "Biggest drops",
    unaddressed_pains: "Unaddressed pain points",
    divergence: "Where personas diverge",
    coverage: "Channel × stage coverage",
    unused_channels: "Channels with no touchpoint",
    evidence_coverage: "Evidence coverage",
    moments_of_truth: "Moments of truth",
    stage_summary: "Emotion by stage",
    mean: "mean",
    min: "min",
    max: "max",
    count: "count",
    no_emotions: "No touchpoint has an emotion yet: add `emotion:` to see the curve and where it drops.",
    none: "none",
    all_personas: "all personas",
    generated_by: "Generated by",
    persona: "Persona",
    from: "from",
    to: "to",
    drop: "drop",
    spread: "spread",
};

static JA: Labels = Labels {
    lang: "ja",
    personas: "ペルソナ",
    stages: "ステージ",
    stage: "ステージ",
    channels: "チャネル",
    touchpoints: "タッチポイント",
    touchpoint: "タッチポイント",
    channel: "チャネル",
    goal: "ゴール",
    questions: "疑問",
    kpis: "KPI",
    action: "行動",
    thought: "思考",
    emotion: "感情",
    feeling: "気持ち",
    pain_points: "ペインポイント",
    opportunities: "改善機会",
    owner: "担当",
    backstage: "バックステージ",
    evidence: "根拠",
    metrics: "指標",
    moment_of_truth: "真実の瞬間",
    goals: "目標",
    needs: "ニーズ",
    pains: "悩み",
    role: "役割",
    segment: "セグメント",
    attributes: "属性",
    version: "バージョン",
    state: "状態",
    current: "現状 (As-Is)",
    future: "理想 (To-Be)",
    tags: "タグ",
    scale: "感情スケール",
    loop_to: "ジャーニーは次のステージに戻ります",
    priority_high: "高",
    priority_medium: "中",
    priority_low: "低",
    insights: "インサイト",
    lowest_moments: "最も低い瞬間",
    biggest_drops: "最大の落ち込み",
    unaddressed_pains: "対策のないペインポイント",
    divergence: "ペルソナ間で差が大きい点",
    coverage: "チャネル × ステージ",
    unused_channels: "タッチポイントのないチャネル",
    evidence_coverage: "根拠のカバー率",
    moments_of_truth: "真実の瞬間",
    stage_summary: "ステージ別の感情",
    mean: "平均",
    min: "最小",
    max: "最大",
    count: "件数",
    no_emotions: "感情が設定されたタッチポイントがまだありません。`emotion:` を追加すると、感情曲線と落ち込みが表示されます。",
    none: "なし",
    all_personas: "全ペルソナ",
    generated_by: "生成",
    persona: "ペルソナ",
    from: "前",
    to: "後",
    drop: "落差",
    spread: "差",
};

/// The labels of `locale`.
#[must_use]
pub fn labels(locale: Locale) -> &'static Labels {
    match locale {
        Locale::En => &EN,
        Locale::Ja => &JA,
    }
}
