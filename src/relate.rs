//! Journeys that name each other (SPEC.md §7): a journey's `parent` and its
//! `compare_to` journeys, checked and linked once every spec of a run is
//! compiled. Each file is compiled once per run, however many specs name it:
//! the specs of the run are entered into the [`Catalog`] as they are, and a
//! related file outside the run is compiled the first time one asks for it.

use crate::diagnostic::{Diagnostic, closest};
use crate::lint::CliLevels;
use crate::message::{FileProblem, IdKind, Problem, Suggestion};
use crate::model::{Compared, Journey, Linked, Num, Relations};
use crate::source::{LoadError, Span};
use crate::{Compilation, compile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A spec file as another journey sees it.
#[derive(Debug)]
pub struct Related {
    /// The file, as opened.
    pub path: PathBuf,
    /// The journey, when the file is a spec without errors.
    pub journey: Option<Arc<Journey>>,
    /// Why there is no journey.
    pub problem: Option<RelatedProblem>,
}

/// Why a related file gives no journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelatedProblem {
    /// It cannot be read.
    Unreadable(FileProblem),
    /// It holds only personas and channels (an import target).
    NotASpec,
    /// It is a spec with errors (reported when it is checked itself).
    HasErrors,
}

type Slot = Arc<OnceLock<Arc<Related>>>;

/// Every spec file of a run, by canonical path, compiled once.
pub struct Catalog {
    levels: CliLevels,
    known: Mutex<HashMap<PathBuf, Slot>>,
    /// The specs of the run (canonical paths), entered with [`Catalog::insert`].
    members: Mutex<std::collections::BTreeSet<PathBuf>>,
}

/// The key of a file: its canonical path (or the path as given, when it has none).
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Catalog {
    #[must_use]
    pub fn new(levels: CliLevels) -> Self {
        Catalog {
            levels,
            known: Mutex::new(HashMap::new()),
            members: Mutex::new(std::collections::BTreeSet::new()),
        }
    }

    /// Enter a spec of the run, compiled, so that no one compiles it again.
    pub fn insert(&self, path: &Path, c: &Compilation) {
        self.members
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key(path));
        let related = Arc::new(related_of(path, c));
        let slot = self.slot(path);
        let _ = slot.set(related);
    }

    /// Whether `path` is one of the run's own specs.
    fn is_member(&self, path: &Path) -> bool {
        self.members
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(&key(path))
    }

    fn slot(&self, path: &Path) -> Slot {
        let mut known = self
            .known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        known.entry(key(path)).or_default().clone()
    }

    /// The file at `path`, compiled the first time anyone asks.
    pub fn get(&self, path: &Path) -> Arc<Related> {
        let slot = self.slot(path);
        slot.get_or_init(|| {
            let name = path.to_string_lossy();
            Arc::new(match compile(path, &name, &self.levels) {
                Ok(c) => related_of(path, &c),
                Err(e) => Related {
                    path: path.to_path_buf(),
                    journey: None,
                    problem: Some(RelatedProblem::Unreadable(match e {
                        LoadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                            FileProblem::NotFound
                        }
                        LoadError::Io(io) if path.is_dir() => {
                            let _ = io;
                            FileProblem::Directory
                        }
                        other => other.problem(),
                    })),
                },
            })
        })
        .clone()
    }
}

fn related_of(path: &Path, c: &Compilation) -> Related {
    let problem = if c.import_only {
        Some(RelatedProblem::NotASpec)
    } else if c.journey.is_none() {
        Some(RelatedProblem::HasErrors)
    } else {
        None
    };
    Related {
        path: path.to_path_buf(),
        journey: c.journey.clone().map(Arc::new),
        problem,
    }
}

/// Where `written` (a path in the spec at `spec`) is: the path to open.
fn beside(spec: &Path, written: &str) -> PathBuf {
    spec.parent().unwrap_or(Path::new("")).join(written)
}

/// Check and link the relations of the journey compiled from `spec` (its
/// diagnostics join `c`'s): its parent (the file a spec, the stage or
/// touchpoint in it, no cycle) and its compared journeys (each a spec without
/// errors). Details (the journeys that name this one as parent) are added by
/// [`link_details`] once every spec of a run is linked.
pub fn link(c: &mut Compilation, spec: &Path, catalog: &Catalog) {
    let Some(j) = c.journey.as_mut() else {
        return;
    };
    let mut diags = Vec::new();
    let mut relations = Relations::default();
    if let (Some(p), Some((span, at))) = (j.parent.clone(), j.spans.parent) {
        let path = beside(spec, &p.journey);
        let r = catalog.get(&path);
        if let Some(d) = problem(&r, &p.journey, span, true, catalog) {
            diags.push(d);
        } else if let Some(parent) = &r.journey {
            if let Some((chain, files)) = cycle(spec, &path, catalog) {
                // One error per cycle in a run, at its first spec of the run
                // (which fails the run); the others just get no parent link.
                let members = catalog
                    .members
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let first = files.iter().filter(|f| members.contains(*f)).min();
                if first.is_none_or(|f| *f == key(spec)) {
                    diags.push(Diagnostic::error(Problem::ParentCycle { chain }, span));
                }
            } else {
                match place(parent, p.stage.as_deref(), p.touchpoint.as_deref()) {
                    Ok((stage, touchpoint)) => {
                        relations.parent = Some(Linked {
                            path: path.clone(),
                            title: parent.title.clone(),
                            subject: parent.subject.clone(),
                            stage,
                            touchpoint,
                        });
                    }
                    Err(problem) => diags.push(Diagnostic::error(problem, at.unwrap_or(span))),
                }
            }
        }
    }
    for (written, span) in j.compare_to.clone().iter().zip(j.spans.compare_to.clone()) {
        let path = beside(spec, written);
        let r = catalog.get(&path);
        if let Some(d) = problem(&r, written, span, false, catalog) {
            diags.push(d);
            continue;
        }
        if let Some(other) = &r.journey {
            relations.compared.push(Compared {
                link: Linked {
                    path,
                    title: other.title.clone(),
                    subject: other.subject.clone(),
                    stage: None,
                    touchpoint: None,
                },
                stage_means: stage_means(j, other),
            });
        }
    }
    j.relations = relations;
    let failed = diags.iter().any(Diagnostic::is_error);
    c.diagnostics.extend(diags);
    crate::diagnostic::sort(&mut c.diagnostics);
    if failed {
        c.journey = None;
    }
}

/// The diagnostic for a related file that gives no journey (none for a parent
/// with errors checked in the same run: its own errors are reported with it).
fn problem(
    r: &Related,
    written: &str,
    span: Span,
    parent: bool,
    catalog: &Catalog,
) -> Option<Diagnostic> {
    let why = r.problem.as_ref()?;
    let problem = match why {
        RelatedProblem::Unreadable(reason) => Problem::RelatedFailed {
            file: written.to_owned(),
            reason: reason.clone(),
            looked_for: r.path.display().to_string(),
            parent,
        },
        RelatedProblem::NotASpec => Problem::RelatedNotASpec {
            file: written.to_owned(),
            parent,
        },
        RelatedProblem::HasErrors if parent && catalog.is_member(&r.path) => return None,
        RelatedProblem::HasErrors => Problem::RelatedHasErrors {
            file: written.to_owned(),
            path: r.path.display().to_string(),
            parent,
        },
    };
    Some(Diagnostic::error(problem, span))
}

/// The files of a parent cycle through `spec`, from it round to itself (as
/// shown, and their keys).
fn cycle(spec: &Path, parent: &Path, catalog: &Catalog) -> Option<(Vec<String>, Vec<PathBuf>)> {
    let start = key(spec);
    let mut chain = vec![spec.to_path_buf(), parent.to_path_buf()];
    let mut at = parent.to_path_buf();
    for _ in 0..64 {
        if key(&at) == start {
            let files = chain.iter().map(|p| key(p)).collect();
            return Some((chain.iter().map(|p| file_name(p)).collect(), files));
        }
        let r = catalog.get(&at);
        let next = r.journey.as_ref()?.parent.as_ref()?;
        at = beside(&at, &next.journey);
        chain.push(at.clone());
    }
    None
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

type Place = (Option<(String, String)>, Option<(String, String)>);

/// The parent's stage and touchpoint named by `parent:`, checked.
fn place(parent: &Journey, stage: Option<&str>, tp: Option<&str>) -> Result<Place, Problem> {
    let suggest = |id: &str, ids: Vec<&str>| {
        closest(id, ids.iter().copied()).map_or_else(
            || Suggestion::Known(ids.iter().take(20).map(|s| (*s).to_owned()).collect()),
            |c| Suggestion::Closest(c.to_owned()),
        )
    };
    let mut out_stage = None;
    if let Some(id) = stage {
        let Some(s) = parent.stages.iter().find(|s| s.id.as_deref() == Some(id)) else {
            let ids = parent
                .stages
                .iter()
                .filter_map(|s| s.id.as_deref())
                .collect();
            return Err(Problem::NotInParent {
                of: IdKind::Stage,
                id: id.to_owned(),
                hint: suggest(id, ids),
            });
        };
        out_stage = Some((s.key.clone(), s.name.clone()));
    }
    let mut out_tp = None;
    if let Some(id) = tp {
        let found = parent.stages.iter().find_map(|s| {
            s.touchpoints
                .iter()
                .find(|t| t.id.as_deref() == Some(id))
                .map(|t| (s, t))
        });
        let Some((s, t)) = found else {
            let ids = parent
                .stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .filter_map(|t| t.id.as_deref())
                .collect();
            return Err(Problem::NotInParent {
                of: IdKind::Touchpoint,
                id: id.to_owned(),
                hint: suggest(id, ids),
            });
        };
        out_stage = Some((s.key.clone(), s.name.clone()));
        out_tp = Some((t.key.clone(), t.name.clone()));
    }
    Ok((out_stage, out_tp))
}

/// The mean of every emotion (each persona at each touchpoint) of a stage.
#[must_use]
pub fn stage_mean(s: &crate::model::Stage) -> Option<Num> {
    let values: Vec<f64> = s
        .touchpoints
        .iter()
        .flat_map(|t| t.emotion.values().map(|v| v.0))
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    (!values.is_empty()).then(|| Num::round2(mean))
}

/// The other journey's mean emotion at each of `j`'s stages: its stage with
/// the same id, else with the same name; mapped onto `j`'s scale.
fn stage_means(j: &Journey, other: &Journey) -> Vec<Option<Num>> {
    let (from, to) = (other.scale, j.scale);
    j.stages
        .iter()
        .map(|s| {
            let matched = other
                .stages
                .iter()
                .find(|o| s.id.is_some() && o.id == s.id)
                .or_else(|| other.stages.iter().find(|o| o.name == s.name))?;
            let m = stage_mean(matched)?;
            Some(Num::round2(
                to.min.0 + (m.0 - from.min.0) * (to.max.0 - to.min.0) / (from.max.0 - from.min.0),
            ))
        })
        .collect()
}

/// Give each journey of a run the detail journeys that name it as parent, in
/// the order of the run. `journeys` are the run's compiled journeys with their
/// spec files.
pub fn link_details(journeys: &mut [(PathBuf, &mut Journey)]) {
    let mut found: HashMap<PathBuf, Vec<Linked>> = HashMap::new();
    for (path, j) in journeys.iter() {
        if let Some(p) = &j.relations.parent {
            found.entry(key(&p.path)).or_default().push(Linked {
                path: path.clone(),
                title: j.title.clone(),
                subject: j.subject.clone(),
                stage: p.stage.clone(),
                touchpoint: p.touchpoint.clone(),
            });
        }
    }
    for (path, j) in journeys.iter_mut() {
        if let Some(details) = found.remove(&key(path)) {
            j.relations.details = details;
        }
    }
}
