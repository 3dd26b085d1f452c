//! `journeymap watch`: build, then rebuild on every change to a spec, an
//! imported file or a template; errors in specs never stop it.

use super::args::BuildArgs;
use super::build::build;
use super::{tell, usage};
use crate::lint::CliLevels;
use crate::message::{Built, Say};

pub(super) fn watch(args: &BuildArgs, levels: &CliLevels) -> u8 {
    if args.check || args.output.as_ref().is_some_and(|o| o.as_os_str() == "-") {
        return usage(&Say::WatchWritesFiles);
    }
    let mut watcher = match crate::watch::Watcher::new(args.templates.clone()) {
        Ok(w) => w,
        Err(e) => {
            return usage(&Say::CannotWatch {
                error: format!("{e:#}"),
            });
        }
    };
    loop {
        let (code, read) = build(args, levels, false);
        warn_unwatched(watcher.watch_inputs(&args.paths, &read));
        let built = match code {
            0 => Built::Ok,
            1 => Built::SpecErrors,
            _ => Built::Failed,
        };
        tell(&Say::Watching { built });
        let Some(changed) = watcher.wait() else {
            return 0;
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&cwd).unwrap_or(p).display().to_string())
            .collect();
        tell(&Say::Changed { files: names });
    }
}

/// Warn about folders the watcher refused (changes in them go unnoticed).
pub(super) fn warn_unwatched(unwatched: Vec<crate::watch::Unwatched>) {
    for u in unwatched {
        tell(&Say::CannotWatchDir {
            dir: u.dir.display().to_string(),
            error: u.error.to_string(),
        });
    }
}
