//! Finding the specs a command works on: files as named, folders searched for
//! `*.yaml` / `*.yml` files. Nothing here prints; a folder without a spec is an
//! error value for the caller to report.

use crate::message::Say;
use std::path::{Path, PathBuf};

/// A spec to process: its path as typed, and the folder argument it was found under.
#[derive(Clone, Debug)]
pub struct SpecPath {
    pub path: PathBuf,
    /// The folder given on the command line, for a spec found in it; `None`
    /// for a file named directly.
    pub base: Option<PathBuf>,
}

impl SpecPath {
    /// The path as the user typed it (or as found under their folder), for messages.
    #[must_use]
    pub fn name(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// [`SpecPath::relative`] as shown on pages, with `/` between its parts
    /// on every platform (`team/checkout.yaml`).
    #[must_use]
    pub fn shown(&self) -> String {
        self.relative().to_string_lossy().replace('\\', "/")
    }

    /// The spec's path under the folder it was found in, or its file name when
    /// it was named directly: what an output tree or a site mirrors.
    #[must_use]
    pub fn relative(&self) -> PathBuf {
        match &self.base {
            Some(base) => self
                .path
                .strip_prefix(base)
                .map_or_else(|_| self.path.clone(), Path::to_path_buf),
            None => PathBuf::from(self.path.file_name().unwrap_or_default()),
        }
    }
}

/// The specs named on the command line: files as given, folders searched for specs.
///
/// # Errors
/// A folder with no `*.yaml`/`*.yml` file in it.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<SpecPath>, Say> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            if found.is_empty() {
                return Err(Say::NoSpecInFolder {
                    dir: p.display().to_string(),
                });
            }
            found.sort();
            out.extend(found.into_iter().map(|f| SpecPath {
                path: f,
                base: Some(p.clone()),
            }));
        } else {
            out.push(SpecPath {
                path: p.clone(),
                base: None,
            });
        }
    }
    Ok(out)
}

/// Every `*.yaml` / `*.yml` file under `dir`, skipping hidden entries and `node_modules`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let hidden = e.file_name().to_string_lossy().starts_with('.');
        match e.file_type() {
            Ok(t) if t.is_dir() && !hidden && e.file_name() != "node_modules" => walk(&path, out),
            Ok(t) if t.is_file() && !hidden => {
                if matches!(
                    path.extension().and_then(|x| x.to_str()),
                    Some("yaml" | "yml")
                ) {
                    out.push(path);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let table: &[(&str, Option<&str>, &str)] = &[
            ("journeys/team/b.yaml", Some("journeys"), "team/b.yaml"),
            ("journeys/a.yaml", Some("journeys/"), "a.yaml"),
            ("../specs/a.yaml", None, "a.yaml"),
            ("a.yaml", None, "a.yaml"),
            ("elsewhere/a.yaml", Some("journeys"), "elsewhere/a.yaml"),
        ];
        for (path, base, want) in table {
            let spec = SpecPath {
                path: PathBuf::from(path),
                base: base.map(PathBuf::from),
            };
            assert_eq!(
                spec.relative(),
                PathBuf::from(want),
                "{path} under {base:?}"
            );
        }
    }
}
