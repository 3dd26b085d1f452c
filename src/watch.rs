//! Waiting for spec, import and template files to change (`watch` and `serve`).
//! Nothing here prints: a folder that cannot be watched is returned as an
//! [`Unwatched`] for the command to warn about.

use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long to wait for a burst of saves to settle before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// A folder the platform's watcher refused: changes in it go unnoticed.
#[derive(Debug)]
pub struct Unwatched {
    pub dir: PathBuf,
    pub error: notify_debouncer_full::notify::Error,
}

impl fmt::Display for Unwatched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot watch `{}`: {}", self.dir.display(), self.error)
    }
}

/// Watches folders and reports changes to files that matter for a build.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: Receiver<Vec<PathBuf>>,
    watched: BTreeSet<(PathBuf, bool)>,
    templates: Option<PathBuf>,
}

impl Watcher {
    /// A watcher; changes under `templates` count as well as YAML files.
    ///
    /// # Errors
    /// The platform's file watcher cannot be started.
    pub fn new(templates: Option<PathBuf>) -> anyhow::Result<Self> {
        let (tx, rx) = channel();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            if let Ok(events) = result {
                // Reading a file (our own build does) is an access event: only changes count.
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| !e.event.kind.is_access() && !e.event.kind.is_other())
                    .flat_map(|e| e.event.paths)
                    .collect();
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
        })?;
        Ok(Watcher {
            debouncer,
            rx,
            watched: BTreeSet::new(),
            templates,
        })
    }

    /// Watch `path` (a folder; recursively when `recursive`), once: a folder
    /// that failed is not tried again.
    ///
    /// # Errors
    /// The platform's watcher refused the folder.
    pub fn watch(&mut self, path: &Path, recursive: bool) -> Result<(), Unwatched> {
        let dir = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        if self.watched.insert((dir.to_path_buf(), recursive)) {
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            self.debouncer.watch(dir, mode).map_err(|error| Unwatched {
                dir: dir.to_path_buf(),
                error,
            })?;
        }
        Ok(())
    }

    /// Watch what a build reads: the folders given, the folders of every file
    /// read (specs and imports), and the templates folder. Returns the folders
    /// that could not be watched, in the order tried.
    #[must_use]
    pub fn watch_inputs(&mut self, args: &[PathBuf], files_read: &[PathBuf]) -> Vec<Unwatched> {
        let mut unwatched = Vec::new();
        for p in args {
            let watched = if p.is_dir() {
                self.watch(p, true)
            } else {
                self.watch(p.parent().unwrap_or(Path::new(".")), false)
            };
            unwatched.extend(watched.err());
        }
        for f in files_read {
            unwatched.extend(
                self.watch(f.parent().unwrap_or(Path::new(".")), false)
                    .err(),
            );
        }
        if let Some(t) = self.templates.clone() {
            unwatched.extend(self.watch(&t, true).err());
        }
        unwatched
    }

    fn relevant(&self, path: &Path) -> bool {
        // Specs and imports, and data files (SPEC.md §6).
        let yaml = matches!(
            path.extension().and_then(|x| x.to_str()),
            Some("yaml" | "yml" | "csv")
        );
        let template = self.templates.as_ref().is_some_and(|t| {
            let t = std::fs::canonicalize(t).unwrap_or_else(|_| t.clone());
            path.starts_with(&t)
        });
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        (yaml || template) && !hidden
    }

    /// Block until a relevant file changes; returns the changed files
    /// (`None` when the watcher stopped).
    #[must_use]
    pub fn wait(&self) -> Option<Vec<PathBuf>> {
        loop {
            let paths = self.rx.recv().ok()?;
            let mut changed: Vec<PathBuf> =
                paths.into_iter().filter(|p| self.relevant(p)).collect();
            // Take whatever else arrived in the same burst.
            while let Ok(more) = self.rx.try_recv() {
                changed.extend(more.into_iter().filter(|p| self.relevant(p)));
            }
            if !changed.is_empty() {
                changed.sort();
                changed.dedup();
                return Some(changed);
            }
        }
    }
}
