//! A generated portfolio (SPEC.md §7) for `jm-gen portfolio N -o DIR` and the
//! portfolio case of `bench/run.sh`: N small journeys in a few sub-folders,
//! one shared, import-only file of personas and channels, parents,
//! comparisons, competitors' journeys and current/future pairs.
//!
//! Deterministic: spec `i` depends on `i` (and on N only through which of its
//! relations exist), never on a clock or the machine. Every spec checks
//! without errors or warnings.
//!
//! What spec `i` is, by `i % 10` (so about one in five of each relation):
//!
//! | `i % 10` | role | file |
//! |---|---|---|
//! | 0, 2, 4, 7 | a segment journey | `SEG/journey-0000i.yaml` |
//! | 1, 6 | a detail journey: `parent` is an earlier journey (one of the 50 before it, never a future or a competitor's), at a stage of it, or one time in four at a touchpoint | `SEG/details/journey-0000i.yaml` |
//! | 3, 8 | a segment journey with `compare_to` a competitor's journey (and one time in four a second journey of another segment) | `SEG/journey-0000i.yaml` |
//! | 5 | a competitor's journey (`subject: 競合A社`…) | `competitors/rival-0000i.yaml` |
//! | 9 | the future state of journey `i - 1` (`state: future`, the same stages) | `SEG/journey-0000(i-1).future.yaml` |
//!
//! `SEG` is one of four segment folders, ten journeys at a time. Every spec
//! imports `shared/personas.yaml` picking one to three personas by id (and one
//! time in three four channels too); stages come from one list of ids
//! (`awareness`…`advocacy`, four to six of them, two to four touchpoints
//! each), so journeys share stages; pain points carry ids, and opportunities
//! have `impact`, `effort`, `status`, `ticket` and `addresses`.

use crate::generator::{
    CHANNELS, EVIDENCE, FEELINGS, KPIS, OPPS, OWNERS, PAINS, PERSONAS, PRIORITIES, QUESTIONS, Rng,
    STAGE_NAMES, SUBJECTS, THOUGHTS, VERBS, q,
};
use std::fmt::Write as _;

/// The shared file every spec imports, relative to the portfolio's folder.
pub const SHARED: &str = "shared/personas.yaml";

const STAGE_IDS: &[&str] = &[
    "awareness",
    "interest",
    "consideration",
    "trial",
    "purchase",
    "onboarding",
    "retention",
    "advocacy",
];
const SEGMENTS: &[(&str, &str)] = &[
    ("b2c", "個人向け"),
    ("b2b", "法人向け"),
    ("app", "アプリ"),
    ("store", "教室"),
];
const RIVALS: &[&str] = &["競合A社", "競合B社", "Rival Co."];
/// Personas of the shared file beyond the generator's four.
const MORE_PERSONAS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "aya",
        "高橋 彩",
        "28歳・看護師（夜勤あり）",
        "👩\u{200d}⚕️",
        "シフトが不規則でも続けられる形がいい",
        "医療従事者",
    ),
    (
        "taro",
        "山本 太郎",
        "55歳・自営業",
        "🧔",
        "定年後の海外旅行のために",
        "シニア",
    ),
    (
        "mei",
        "Mei Chen",
        "29, international student",
        "🧑\u{200d}🎓",
        "日本語と英語を両方使いたい",
        "留学生",
    ),
    (
        "sora",
        "小林 空",
        "17歳・高校生",
        "🧒",
        "英検2級に受かりたい",
        "中高生",
    ),
];
const STATUSES: &[&str] = &["idea", "planned", "in_progress", "done"];
const LEVELS: &[&str] = &["high", "medium", "low"];

/// What spec `i` is (see the module's table).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Segment,
    Detail,
    Compare,
    Rival,
    Future,
}

fn role(i: usize) -> Role {
    match i % 10 {
        1 | 6 => Role::Detail,
        3 | 8 => Role::Compare,
        5 => Role::Rival,
        9 => Role::Future,
        _ => Role::Segment,
    }
}

/// The shape of spec `i`: its stages (index into `STAGE_IDS`, touchpoints),
/// the shared personas it picks, the channels it picks (all when `None`).
struct Layout {
    stages: Vec<(usize, usize)>,
    personas: Vec<usize>,
    channels: Option<Vec<usize>>,
}

fn all_personas() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    PERSONAS.iter().chain(MORE_PERSONAS).copied().collect()
}

fn layout(i: usize) -> Layout {
    // A future state has the stages and personas of its current state.
    let i = if role(i) == Role::Future { i - 1 } else { i };
    let mut r = Rng(0x0050_5254_0000 + i as u64);
    let first = r.below(3);
    let count = 4 + r.below(3);
    let stages = (first..first + count)
        .map(|s| (s, 2 + r.below(3)))
        .collect();
    let n_personas = PERSONAS.len() + MORE_PERSONAS.len();
    let start = r.below(n_personas);
    let personas = (0..1 + r.below(3))
        .map(|k| (start + k) % n_personas)
        .collect();
    let channels = r.chance(33).then(|| {
        let c = r.below(CHANNELS.len());
        (0..4).map(|k| (c + k) % CHANNELS.len()).collect()
    });
    Layout {
        stages,
        personas,
        channels,
    }
}

fn segment(i: usize) -> usize {
    (i / 10) % SEGMENTS.len()
}

/// The file of spec `i`, relative to the portfolio's folder.
fn path(i: usize) -> String {
    let seg = SEGMENTS[segment(i)].0;
    match role(i) {
        Role::Detail => format!("{seg}/details/journey-{i:05}.yaml"),
        Role::Rival => format!("competitors/rival-{i:05}.yaml"),
        Role::Future => format!("{seg}/journey-{:05}.future.yaml", i - 1),
        Role::Segment | Role::Compare => format!("{seg}/journey-{i:05}.yaml"),
    }
}

/// `to` as written in `from` (both relative to the portfolio's folder).
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').collect();
    let dir = &from[..from.len() - 1];
    let to: Vec<&str> = to.split('/').collect();
    let common = dir
        .iter()
        .zip(&to[..to.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts = vec![".."; dir.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// The competitor's journey spec `i` compares with, if the portfolio has one
/// (the one of its ten, else the ten before).
fn rival_for(i: usize, n: usize) -> Option<usize> {
    let here = i / 10 * 10 + 5;
    if here < n {
        Some(here)
    } else if here >= 10 {
        Some(here - 10)
    } else {
        None
    }
}

/// The parent of detail spec `i`: a journey among the 50 before it that is
/// neither a future state nor a competitor's (details included, so the tree
/// has depth). Always earlier, so there is no cycle.
fn parent_for(i: usize, r: &mut Rng) -> usize {
    let mut p = i - 1 - r.below(i.min(50));
    while matches!(role(p), Role::Future | Role::Rival) {
        p -= 1;
    }
    p
}

/// The files of a portfolio of `n` specs: the shared personas first, then
/// spec 0, 1, … (paths relative to its folder, `/`-separated).
#[must_use]
pub fn portfolio(n: usize) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(n + 1);
    out.push((SHARED.to_owned(), shared()));
    for i in 0..n {
        out.push((path(i), spec(i, n)));
    }
    out
}

fn shared() -> String {
    let mut o = String::from(
        "# Personas and channels shared by every journey of the generated portfolio\n\
         # (bench/portfolio.rs). Not a spec: each journey imports it and picks its personas.\n\
         personas:\n",
    );
    for (id, name, role, avatar, quote, segment) in all_personas() {
        let _ = write!(
            o,
            "  - id: {id}\n    name: {}\n    role: {}\n    avatar: {}\n    quote: {}\n    segment: {}\n    \
             goals: [仕事で使える英語を身につける]\n    needs: [スマホで受講できる]\n    pains: [時間がない]\n",
            q(name),
            q(role),
            q(avatar),
            q(quote),
            q(segment)
        );
    }
    o.push_str("channels:\n");
    for (id, name, kind) in CHANNELS {
        let _ = writeln!(o, "  - {{id: {id}, name: {}, kind: {kind}}}", q(name));
    }
    o
}

/// Writes items with ids, and opportunities that address them.
struct Items {
    /// Pain point ids of the file so far.
    pains: Vec<String>,
}

impl Items {
    /// A pain point list of one item (with an id, three times in four).
    fn pain(&mut self, r: &mut Rng, id: String) -> String {
        let text = q(r.pick(PAINS));
        if r.chance(25) {
            return format!("[{text}]");
        }
        let out = format!("[{{id: {id}, text: {text}}}]");
        self.pains.push(id);
        out
    }

    /// An opportunity list of one item, with most of §7's fields.
    fn opportunity(&mut self, r: &mut Rng) -> String {
        let mut o = format!("[{{text: {}", q(r.pick(OPPS)));
        if r.chance(70) {
            let _ = write!(o, ", priority: {}", r.pick(PRIORITIES));
        }
        if r.chance(60) {
            let _ = write!(o, ", owner: {}", q(r.pick(OWNERS)));
        }
        if r.chance(80) {
            let _ = write!(
                o,
                ", impact: {}, effort: {}",
                r.pick(LEVELS),
                r.pick(LEVELS)
            );
        }
        if r.chance(70) {
            let _ = write!(o, ", status: {}", r.pick(STATUSES));
        }
        if r.chance(40) {
            let n = 100 + r.below(900);
            if r.chance(50) {
                let _ = write!(
                    o,
                    ", ticket: \"https://tracker.example.com/browse/WEB-{n}\""
                );
            } else {
                let _ = write!(o, ", ticket: CX-{n}");
            }
        }
        if !self.pains.is_empty() && r.chance(60) {
            let a = self.pains[r.below(self.pains.len())].clone();
            let b = self.pains[r.below(self.pains.len())].clone();
            if a == b {
                let _ = write!(o, ", addresses: [{a}]");
            } else {
                let _ = write!(o, ", addresses: [{a}, {b}]");
            }
        }
        o.push_str("}]");
        o
    }
}

/// The text of spec `i` of a portfolio of `n`.
fn spec(i: usize, n: usize) -> String {
    let me = path(i);
    let lay = layout(i);
    let role = role(i);
    let mut r = Rng(0x0050_5254_F000_0000 + i as u64);
    let personas = all_personas();
    let (seg, seg_name) = SEGMENTS[segment(i)];
    let mut o = String::with_capacity(12 * 1024);
    let title = match role {
        Role::Rival => format!("{} の受講者ジャーニー #{i}", RIVALS[i / 10 % RIVALS.len()]),
        Role::Detail => format!("{seg_name} 詳細ジャーニー #{i}"),
        Role::Future => format!("{seg_name} ジャーニー #{} (将来像)", i - 1),
        Role::Segment | Role::Compare => format!("{seg_name} ジャーニー #{i}"),
    };
    let _ = writeln!(o, "journeymap: 1\ntitle: {}", q(&title));
    o.push_str(
        "description: ベンチマーク用に生成したポートフォリオのジャーニーです。\nlocale: ja\n",
    );
    let future = role == Role::Future;
    let _ = writeln!(
        o,
        "state: {}\nversion: \"{}\"\nowner: {}\ntags: [{seg}, portfolio]",
        if future { "future" } else { "current" },
        if future { "2027-Q2" } else { "2026-Q4" },
        q(r.pick(OWNERS))
    );
    if role == Role::Rival {
        let _ = writeln!(o, "subject: {}", q(RIVALS[i / 10 % RIVALS.len()]));
    }
    if role == Role::Detail {
        let p = parent_for(i, &mut r);
        let pl = layout(p);
        let (s, tps) = pl.stages[r.below(pl.stages.len())];
        let sid = STAGE_IDS[s];
        if r.chance(25) {
            let _ = writeln!(
                o,
                "parent: {{journey: {}, touchpoint: {sid}-{}}}",
                relative(&me, &path(p)),
                1 + r.below(tps)
            );
        } else {
            let _ = writeln!(
                o,
                "parent: {{journey: {}, stage: {sid}}}",
                relative(&me, &path(p))
            );
        }
    }
    if role == Role::Compare {
        let mut to: Vec<String> = rival_for(i, n)
            .map(|c| relative(&me, &path(c)))
            .into_iter()
            .collect();
        if i >= 10 && r.chance(25) {
            // A journey of the previous ten, in another segment.
            let other = i / 10 * 10 - 10 + [0, 2, 4, 7][r.below(4)];
            to.push(relative(&me, &path(other)));
        }
        if !to.is_empty() {
            let _ = writeln!(o, "compare_to: [{}]", to.join(", "));
        }
    }
    let ids: Vec<&str> = lay.personas.iter().map(|&p| personas[p].0).collect();
    let _ = write!(
        o,
        "imports: [{{file: {}, personas: [{}]",
        relative(&me, SHARED),
        ids.join(", ")
    );
    let channels: Vec<&str> = match &lay.channels {
        Some(cs) => {
            let picked: Vec<&str> = cs.iter().map(|&c| CHANNELS[c].0).collect();
            let _ = write!(o, ", channels: [{}]", picked.join(", "));
            picked
        }
        None => CHANNELS.iter().map(|c| c.0).collect(),
    };
    o.push_str("}]\n");
    if r.chance(30) {
        let _ = writeln!(o, "loop_to: {}", STAGE_IDS[lay.stages[1].0]);
    }
    o.push_str("x-generator: bench/portfolio.rs\nstages:\n");
    let mut items = Items { pains: Vec::new() };
    for &(s, tps) in &lay.stages {
        let sid = STAGE_IDS[s];
        let _ = write!(
            o,
            "  - id: {sid}\n    name: {}\n    goal: 自分に合う学び方を知りたい\n",
            q(STAGE_NAMES[s])
        );
        let _ = writeln!(o, "    questions: [{}]", q(r.pick(QUESTIONS)));
        let _ = writeln!(o, "    kpis: [{}]", q(r.pick(KPIS)));
        let _ = writeln!(
            o,
            "    pain_points: {}",
            items.pain(&mut r, format!("{sid}-pain"))
        );
        // Every stage has an opportunity, so no lint fires on a low touchpoint.
        let _ = writeln!(o, "    opportunities: {}", items.opportunity(&mut r));
        o.push_str("    touchpoints:\n");
        for t in 1..=tps {
            let _ = writeln!(o, "      - id: {sid}-{t}");
            let _ = writeln!(
                o,
                "        name: {}",
                q(&format!("{}{}", r.pick(SUBJECTS), r.pick(VERBS)))
            );
            let _ = writeln!(o, "        channel: {}", channels[r.below(channels.len())]);
            let sub = if ids.len() > 1 && r.chance(30) {
                let sub = &ids[..=r.below(ids.len())];
                let _ = writeln!(o, "        personas: [{}]", sub.join(", "));
                sub
            } else {
                &ids[..]
            };
            let _ = writeln!(
                o,
                "        action: {}",
                q(&format!("{}{}", r.pick(SUBJECTS), r.pick(VERBS)))
            );
            if r.chance(60) {
                let _ = writeln!(o, "        thought: {}", q(r.pick(THOUGHTS)));
            }
            // A future state feels a little better.
            let emotion = |r: &mut Rng| {
                let e = r.emotion();
                if future { (e + 1).min(2) } else { e }
            };
            if sub.len() > 1 && r.chance(40) {
                let each: Vec<String> = sub
                    .iter()
                    .map(|p| format!("{p}: {}", emotion(&mut r)))
                    .collect();
                let _ = writeln!(o, "        emotion: {{{}}}", each.join(", "));
            } else {
                let _ = writeln!(o, "        emotion: {}", emotion(&mut r));
            }
            let _ = writeln!(o, "        feeling: {}", r.pick(FEELINGS));
            if r.chance(35) {
                let _ = writeln!(
                    o,
                    "        pain_points: {}",
                    items.pain(&mut r, format!("{sid}-{t}-pain"))
                );
            }
            if r.chance(45) {
                let _ = writeln!(o, "        opportunities: {}", items.opportunity(&mut r));
            }
            if r.chance(50) {
                let _ = writeln!(o, "        owner: {}", q(r.pick(OWNERS)));
            }
            if r.chance(4) {
                o.push_str("        moment_of_truth: true\n");
            }
            if r.chance(50) {
                let _ = writeln!(o, "        evidence: [{}]", q(r.pick(EVIDENCE)));
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative("b2c/journey-1.yaml", "shared/personas.yaml"),
            "../shared/personas.yaml"
        );
        assert_eq!(
            relative("b2c/details/j.yaml", "b2c/journey-0.yaml"),
            "../journey-0.yaml"
        );
        assert_eq!(
            relative("b2c/j.yaml", "b2c/details/k.yaml"),
            "details/k.yaml"
        );
        assert_eq!(relative("b2c/j.yaml", "b2c/k.yaml"), "k.yaml");
    }
}
