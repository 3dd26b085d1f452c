//! The portfolio page (SPEC.md §7): every journey of a folder in one place.
//! Computed here from the compiled journeys (no file is read or written);
//! `-f json` writes it as it is, and `templates/index.html` and `index.md`
//! lay it out.
//!
//! What it holds: every journey with its facts and a small emotion curve, the
//! journeys grouped by folder, the parent → detail tree, current/future pairs,
//! one opportunity backlog across all journeys with its impact × effort
//! matrix, each persona with the journeys it is in, and a stage × journey
//! table of mean emotion for the stages journeys share.

use crate::insight::Insights;
use crate::model::{Item, Journey, Locale, Num, State};
use crate::present::fmt;
use serde::Serialize;
use std::collections::BTreeMap;

/// One journey of the portfolio, as the build knows it.
pub struct Member<'a> {
    /// The spec file as the build opened it.
    pub path: std::path::PathBuf,
    /// The spec file relative to the folder built (`team/checkout.yaml`).
    pub file: String,
    /// Its HTML map and Markdown, relative to the page (none when not built).
    pub html: Option<String>,
    pub md: Option<String>,
    pub journey: &'a Journey,
    pub insights: &'a Insights,
    pub warnings: usize,
}

impl<'a> Member<'a> {
    /// The journey compiled from `spec`, with `warnings` and its insights;
    /// its maps' links are set by the command that wrote them.
    #[must_use]
    pub fn of(
        spec: &crate::discover::SpecPath,
        journey: &'a Journey,
        insights: &'a Insights,
        warnings: usize,
    ) -> Self {
        Member {
            path: spec.path.clone(),
            file: spec.shown(),
            html: None,
            md: None,
            journey,
            insights,
            warnings,
        }
    }
}

/// The format version of `index.json`.
pub const FORMAT: u32 = 1;

/// The portfolio, as `index.json` holds it and the templates read it.
#[derive(Serialize, Debug)]
pub struct Portfolio {
    pub journeymap_portfolio: u32,
    /// The labels' language: the journeys' own when they share one.
    pub locale: Locale,
    pub journeys: Vec<JourneyFacts>,
    /// Journeys by folder (`""` for the root), folders in order.
    pub folders: Vec<Folder>,
    /// The parent → detail hierarchy: the broadest journeys, each with its details.
    pub tree: Vec<Node>,
    pub pairs: Vec<Pair>,
    pub backlog: Vec<BacklogItem>,
    pub matrix: Matrix,
    pub personas: Vec<PersonaAcross>,
    pub stage_table: StageTable,
    /// Specs that have errors: not on the page until they build.
    pub failed: Vec<Failed>,
}

/// A spec that did not build: its file, its errors, and where its
/// diagnostics can be read when the command made a page of them (`serve`).
#[derive(Serialize, Debug)]
pub struct Failed {
    pub file: String,
    pub errors: usize,
    pub html: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct JourneyFacts {
    /// Index in `journeys`.
    pub index: usize,
    pub file: String,
    pub html: Option<String>,
    pub md: Option<String>,
    pub title: String,
    pub subject: Option<String>,
    pub state: Option<State>,
    pub owner: Option<String>,
    pub version: Option<String>,
    pub tags: Vec<String>,
    pub locale: Locale,
    pub personas: Vec<String>,
    pub stages: usize,
    pub touchpoints: usize,
    /// The mean emotion per stage (none without emotions there).
    pub stage_means: Vec<Option<Num>>,
    /// A small curve of `stage_means`: SVG polyline points in a 120 × 32 box.
    pub spark: Option<String>,
    pub lowest: Option<Lowest>,
    pub unaddressed_pains: usize,
    pub open_opportunities: usize,
    pub warnings: usize,
    /// The parent's index, when it is in the portfolio.
    pub parent: Option<usize>,
    /// The journeys it compares itself with (`compare_to`) that are in the
    /// portfolio (indices).
    pub compare_to: Vec<usize>,
}

#[derive(Serialize, Debug)]
pub struct Lowest {
    pub touchpoint: String,
    pub stage: String,
    pub score: String,
    pub emotion: Num,
}

#[derive(Serialize, Debug)]
pub struct Folder {
    pub folder: String,
    pub journeys: Vec<usize>,
}

#[derive(Serialize, Debug)]
pub struct Node {
    pub journey: usize,
    /// Where in the parent it details (stage or touchpoint name).
    pub at: Option<String>,
    pub children: Vec<Node>,
}

/// A current-state map and its future state.
#[derive(Serialize, Debug)]
pub struct Pair {
    pub current: usize,
    pub future: usize,
    /// The command that compares them.
    pub diff: String,
}

#[derive(Serialize, Debug)]
pub struct BacklogItem {
    pub journey: usize,
    pub stage: String,
    pub stage_key: String,
    pub touchpoint: Option<String>,
    pub text: String,
    pub priority: Option<String>,
    pub impact: Option<String>,
    pub effort: Option<String>,
    pub status: Option<String>,
    pub owner: Option<String>,
    pub ticket: Option<String>,
    /// The ticket when it is an `http(s)` URL.
    pub ticket_url: Option<String>,
    /// What a link to the ticket says: its last path segment (`WEB-142`).
    pub ticket_label: Option<String>,
    /// Its place in the impact × effort matrix: `impact-effort` (`high-low`).
    pub cell: Option<String>,
}

/// Impact (rows, high first) × effort (columns, low first): how many
/// opportunities each cell holds, and which (indices into `backlog`).
#[derive(Serialize, Debug)]
pub struct Matrix {
    pub impacts: [&'static str; 3],
    pub efforts: [&'static str; 3],
    pub cells: Vec<Vec<Vec<usize>>>,
    /// Opportunities without an impact or an effort.
    pub unrated: usize,
}

#[derive(Serialize, Debug)]
pub struct PersonaAcross {
    pub id: String,
    pub name: String,
    /// Each journey it is on, with its mean emotion there.
    pub journeys: Vec<Mean>,
}

/// A mean emotion in one journey: the number, and as shown on its scale.
#[derive(Serialize, Debug, Clone)]
pub struct Mean {
    pub journey: usize,
    pub mean: Option<Num>,
    pub score: Option<String>,
}

/// Mean emotion per stage, for the stages that several journeys share
/// (by stage id, else by name): segments, competitors, states side by side.
#[derive(Serialize, Debug)]
pub struct StageTable {
    /// The journeys that have a shared stage (indices), the columns.
    pub journeys: Vec<usize>,
    pub rows: Vec<StageRow>,
}

#[derive(Serialize, Debug)]
pub struct StageRow {
    pub stage: String,
    /// One per column: the mean as shown, or none.
    pub means: Vec<Option<String>>,
    /// The same means as numbers.
    pub values: Vec<Option<Num>>,
}

const LEVEL_ORDER: [&str; 3] = ["high", "medium", "low"];

fn rank(v: Option<&str>, order: &[&str]) -> usize {
    v.and_then(|v| order.iter().position(|o| *o == v))
        .unwrap_or(order.len())
}

/// The mean of every emotion of a journey's touchpoints for one persona.
fn persona_mean(j: &Journey, persona: &str) -> Option<Num> {
    let values: Vec<f64> = j
        .stages
        .iter()
        .flat_map(|s| &s.touchpoints)
        .filter_map(|t| t.emotion.get(persona).map(|v| v.0))
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    (!values.is_empty()).then(|| Num::round2(mean))
}

fn spark(means: &[Option<Num>], j: &Journey) -> Option<String> {
    const W: f64 = 120.0;
    const H: f64 = 32.0;
    let points: Vec<(usize, f64)> = means
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|m| (i, m.0)))
        .collect();
    if points.len() < 2 {
        return None;
    }
    let (min, max) = (j.scale.min.0, j.scale.max.0);
    #[allow(clippy::cast_precision_loss)]
    let step = W / (means.len().max(2) - 1) as f64;
    let mut out = String::new();
    for (i, v) in points {
        if !out.is_empty() {
            out.push(' ');
        }
        #[allow(clippy::cast_precision_loss)]
        let x = i as f64 * step;
        let y = 2.0 + (max - v) / (max - min) * (H - 4.0);
        out.push_str(&fmt::num(x));
        out.push(',');
        out.push_str(&fmt::num(y));
    }
    Some(out)
}

/// The folder of a spec file (`team` for `team/b.yaml`).
fn folder_of(file: &str) -> String {
    std::path::Path::new(file)
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// The stem of a spec without its state suffix: `onboarding` for
/// `onboarding.future.yaml` and `onboarding.yaml`.
fn base_stem(file: &str) -> String {
    let name = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name
        .strip_suffix(".future")
        .or_else(|| name.strip_suffix(".current"))
        .unwrap_or(&name)
        .to_owned();
    format!("{}/{name}", folder_of(file))
}

/// The portfolio of `members` (in build order; `failed` are the specs that
/// did not build), its labels in `locale` when given, else in the journeys'
/// shared locale, else English.
#[must_use]
pub fn portfolio(members: &[Member], failed: Vec<Failed>, locale: Option<Locale>) -> Portfolio {
    let locale = locale.unwrap_or_else(|| {
        let mut locales = members.iter().map(|m| m.journey.locale);
        match locales.next() {
            Some(first) if locales.all(|l| l == first) => first,
            _ => Locale::En,
        }
    });
    // Each member by its canonical path, made once: looking members up by
    // canonicalizing all of them for every link was quadratic in `realpath`.
    let canonical =
        |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let by_path: std::collections::HashMap<std::path::PathBuf, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (canonical(&m.path), i))
        .collect();
    let index_of = |p: &std::path::Path| by_path.get(&canonical(p)).copied();
    let journeys: Vec<JourneyFacts> = members
        .iter()
        .enumerate()
        .map(|(i, m)| facts(i, m, &index_of))
        .collect();
    Portfolio {
        journeymap_portfolio: FORMAT,
        locale,
        folders: folders(&journeys),
        tree: tree(&journeys, members),
        pairs: pairs(members),
        personas: personas(members),
        stage_table: stage_table(members),
        matrix: Matrix {
            impacts: LEVEL_ORDER,
            efforts: ["low", "medium", "high"],
            cells: Vec::new(),
            unrated: 0,
        },
        backlog: Vec::new(),
        journeys,
        failed,
    }
    .with_backlog(members)
}

fn facts(
    i: usize,
    m: &Member,
    index_of: &dyn Fn(&std::path::Path) -> Option<usize>,
) -> JourneyFacts {
    let j = m.journey;
    let stage_means: Vec<Option<Num>> = j.stages.iter().map(crate::relate::stage_mean).collect();
    let lowest = m
        .insights
        .lowest_moments
        .iter()
        .min_by(|a, b| a.emotion.0.total_cmp(&b.emotion.0))
        .map(|l| Lowest {
            touchpoint: l.place.touchpoint_name.clone(),
            stage: l.place.stage_name.clone(),
            score: fmt::score(l.emotion, j.scale.min),
            emotion: l.emotion,
        });
    let opportunities = j.stages.iter().flat_map(|s| {
        s.opportunities
            .iter()
            .chain(s.touchpoints.iter().flat_map(|t| &t.opportunities))
    });
    let parent = j.relations.parent.as_ref().and_then(|p| index_of(&p.path));
    let compare_to = j
        .relations
        .compared
        .iter()
        .filter_map(|c| index_of(&c.link.path))
        .collect();
    JourneyFacts {
        index: i,
        file: m.file.clone(),
        html: m.html.clone(),
        md: m.md.clone(),
        title: j.title.clone(),
        subject: j.subject.clone(),
        state: j.state,
        owner: j.owner.clone(),
        version: j.version.clone(),
        tags: j.tags.clone(),
        locale: j.locale,
        personas: j.personas.iter().map(|p| p.name.clone()).collect(),
        stages: j.stages.len(),
        touchpoints: j.stages.iter().map(|s| s.touchpoints.len()).sum(),
        spark: spark(&stage_means, j),
        stage_means,
        lowest,
        unaddressed_pains: m.insights.unaddressed_pains.len(),
        open_opportunities: opportunities
            .filter(|o| o.status.as_deref() != Some("done"))
            .count(),
        warnings: m.warnings,
        parent,
        compare_to,
    }
}

/// A path as typed, with `/` between its parts on every platform.
fn shown_path(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn folders(journeys: &[JourneyFacts]) -> Vec<Folder> {
    let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for j in journeys {
        by.entry(folder_of(&j.file)).or_default().push(j.index);
    }
    by.into_iter()
        .map(|(folder, journeys)| Folder { folder, journeys })
        .collect()
}

fn tree(journeys: &[JourneyFacts], members: &[Member]) -> Vec<Node> {
    // Each journey's details, found once (not a walk over all per node).
    let mut details: Vec<Vec<usize>> = vec![Vec::new(); journeys.len()];
    for j in journeys {
        if let Some(p) = j.parent {
            details[p].push(j.index);
        }
    }
    fn node(i: usize, details: &[Vec<usize>], members: &[Member], depth: usize) -> Node {
        let at = members[i].journey.relations.parent.as_ref().and_then(|p| {
            p.touchpoint
                .as_ref()
                .or(p.stage.as_ref())
                .map(|(_, name)| name.clone())
        });
        Node {
            journey: i,
            at,
            children: if depth > 32 {
                Vec::new()
            } else {
                details[i]
                    .iter()
                    .map(|&c| node(c, details, members, depth + 1))
                    .collect()
            },
        }
    }
    journeys
        .iter()
        .filter(|j| j.parent.is_none() && !details[j.index].is_empty())
        .map(|j| node(j.index, &details, members, 0))
        .collect()
}

/// Each future-state journey with the current-state one of the same name
/// (`onboarding.future.yaml` and `onboarding.yaml` in one folder), else of
/// the same title.
fn pairs(members: &[Member]) -> Vec<Pair> {
    let mut out = Vec::new();
    // Each stem made once, not once per comparison.
    let stems: Vec<String> = members.iter().map(|m| base_stem(&m.file)).collect();
    for (f, fm) in members.iter().enumerate() {
        if fm.journey.state != Some(State::Future) {
            continue;
        }
        let current = members.iter().enumerate().find(|(c, cm)| {
            *c != f
                && cm.journey.state != Some(State::Future)
                && (stems[*c] == stems[f] || cm.journey.title == fm.journey.title)
        });
        if let Some((c, cm)) = current {
            out.push(Pair {
                current: c,
                future: f,
                // The files as the command line reached them, so the
                // command runs from where the build ran.
                diff: format!(
                    "journeymap diff {} {}",
                    shown_path(&cm.path),
                    shown_path(&fm.path)
                ),
            });
        }
    }
    out
}

fn personas(members: &[Member]) -> Vec<PersonaAcross> {
    let mut out: Vec<PersonaAcross> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let j = m.journey;
        for p in &j.personas {
            let mean = persona_mean(j, &p.id);
            let mean = Mean {
                journey: i,
                mean,
                score: mean.map(|v| fmt::score(v, j.scale.min)),
            };
            match out.iter_mut().find(|x| x.id == p.id) {
                Some(x) => x.journeys.push(mean),
                None => out.push(PersonaAcross {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    journeys: vec![mean],
                }),
            }
        }
    }
    out
}

fn stage_table(members: &[Member]) -> StageTable {
    // Stages by id (else name), in order of first appearance, with the
    // journeys that have them.
    let mut order: Vec<String> = Vec::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    // Per stage key: (journey, mean, mean as shown).
    type Cells = Vec<(usize, Option<Num>, Option<String>)>;
    let mut at: BTreeMap<String, Cells> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        let j = m.journey;
        for s in &j.stages {
            let k = s.id.clone().unwrap_or_else(|| format!("name:{}", s.name));
            if !at.contains_key(&k) {
                order.push(k.clone());
                names.insert(k.clone(), s.name.clone());
            }
            let mean = crate::relate::stage_mean(s);
            let shown = mean.map(|v| fmt::score(v, j.scale.min));
            at.entry(k).or_default().push((i, mean, shown));
        }
    }
    let shared: Vec<&String> = order
        .iter()
        .filter(|k| at.get(*k).is_some_and(|v| v.len() > 1))
        .collect();
    let mut columns: Vec<usize> = shared
        .iter()
        .flat_map(|k| at[*k].iter().map(|(i, _, _)| *i))
        .collect();
    columns.sort_unstable();
    columns.dedup();
    StageTable {
        rows: shared
            .iter()
            .map(|k| {
                let cell = |c: &usize| at[*k].iter().find(|(i, _, _)| i == c);
                StageRow {
                    stage: names[*k].clone(),
                    means: columns
                        .iter()
                        .map(|c| cell(c).and_then(|(_, _, m)| m.clone()))
                        .collect(),
                    values: columns
                        .iter()
                        .map(|c| cell(c).and_then(|(_, v, _)| *v))
                        .collect(),
                }
            })
            .collect(),
        journeys: columns,
    }
}

impl Portfolio {
    /// The backlog across every journey, sorted by priority, then impact
    /// (high first), then effort (low first), then journey order; and its matrix.
    fn with_backlog(mut self, members: &[Member]) -> Self {
        let mut items: Vec<BacklogItem> = Vec::new();
        // A competitor's journey (one with a `subject`) is compared, not
        // owned: its opportunities are not our work.
        for (i, m) in members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.journey.subject.is_none())
        {
            for s in &m.journey.stages {
                let mut push = |o: &Item, tp: Option<&str>| {
                    let cell = match (o.impact.as_deref(), o.effort.as_deref()) {
                        (Some(i), Some(e)) => Some(format!("{i}-{e}")),
                        _ => None,
                    };
                    items.push(BacklogItem {
                        journey: i,
                        stage: s.name.clone(),
                        stage_key: s.key.clone(),
                        touchpoint: tp.map(str::to_owned),
                        text: o.text.clone(),
                        priority: o.priority.clone(),
                        impact: o.impact.clone(),
                        effort: o.effort.clone(),
                        status: o.status.clone(),
                        owner: o.owner.clone(),
                        ticket: o.ticket.clone(),
                        ticket_url: o.ticket_url().map(str::to_owned),
                        ticket_label: o.ticket.as_deref().map(ticket_label),
                        cell,
                    });
                };
                for o in &s.opportunities {
                    push(o, None);
                }
                for t in &s.touchpoints {
                    for o in &t.opportunities {
                        push(o, Some(&t.name));
                    }
                }
            }
        }
        let efforts = ["low", "medium", "high"];
        items.sort_by_key(|b| {
            (
                rank(b.priority.as_deref(), &LEVEL_ORDER),
                rank(b.impact.as_deref(), &LEVEL_ORDER),
                rank(b.effort.as_deref(), &efforts),
            )
        });
        let mut cells = vec![vec![Vec::new(); 3]; 3];
        let mut unrated = 0;
        for (k, b) in items.iter().enumerate() {
            let (r, c) = (
                rank(b.impact.as_deref(), &LEVEL_ORDER),
                rank(b.effort.as_deref(), &efforts),
            );
            if r < 3 && c < 3 {
                cells[r][c].push(k);
            } else {
                unrated += 1;
            }
        }
        self.matrix.cells = cells;
        self.matrix.unrated = unrated;
        self.backlog = items;
        self
    }
}

/// The words a link to a ticket shows: the last segment of its URL's path
/// (`WEB-142` for `https://tracker/browse/WEB-142`), else the ticket itself.
fn ticket_label(t: &str) -> String {
    let Some(rest) = t.split_once("://").map(|(_, r)| r) else {
        return t.to_owned();
    };
    rest.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty() && rest.contains('/'))
        .map_or_else(|| t.to_owned(), str::to_owned)
}
