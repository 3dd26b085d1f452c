//! `journeymap watch`: build, then rebuild on every change to a spec, an
//! imported file or a template; errors in specs never stop it.

use super::args::BuildArgs;
use super::build::build;
use super::{say, usage_error};
use crate::lint::CliLevels;

pub(super) fn watch(args: &BuildArgs, levels: &CliLevels) -> u8 {
    if args.check || args.output.as_ref().is_some_and(|o| o.as_os_str() == "-") {
        return usage_error("`watch` writes files: drop `--check` and `-o -`");
    }
    let mut watcher = match crate::watch::Watcher::new(args.templates.clone()) {
        Ok(w) => w,
        Err(e) => return usage_error(&format!("cannot watch files: {e:#}")),
    };
    loop {
        let (code, read) = build(args, levels, false);
        warn_unwatched(watcher.watch_inputs(&args.paths, &read));
        let state = match code {
            0 => "built",
            1 => "the specs have errors",
            _ => "the build failed",
        };
        say!("{state}; watching for changes (Ctrl-C to stop)");
        let Some(changed) = watcher.wait() else {
            return 0;
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&cwd).unwrap_or(p).display().to_string())
            .collect();
        say!("changed: {}", names.join(", "));
    }
}

/// Warn about folders the watcher refused (changes in them go unnoticed).
pub(super) fn warn_unwatched(unwatched: Vec<crate::watch::Unwatched>) {
    for u in unwatched {
        say!("warning: {u}");
    }
}
