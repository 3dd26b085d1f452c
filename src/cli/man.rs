//! `journeymap man [DIR]` (hidden, for packagers): the manual pages, from the
//! same clap definitions as `--help`: `journeymap.1` and one page per
//! command (`journeymap-build.1`, `journeymap-templates-eject.1`…), in English.

use super::write::write_atomic;
use super::{tell, usage};
use crate::message::Say;
use clap::CommandFactory;
use std::path::Path;

/// Write every page into `dir` (created if missing).
pub(super) fn man(dir: &Path) -> u8 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return usage(&Say::CannotCreate {
            dir: dir.display().to_string(),
            error: e.to_string(),
        });
    }
    for (name, page) in pages() {
        let path = dir.join(&name);
        if let Err(e) = write_atomic(&path, &page) {
            return usage(&Say::CannotWrite {
                file: path.display().to_string(),
                error: e.to_string(),
            });
        }
        tell(&Say::Wrote {
            file: path.display().to_string(),
        });
    }
    0
}

/// Every page as (file name, roff), the main page first, then each visible
/// command in the order `--help` lists them, depth first.
pub(crate) fn pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        let version = env!("CARGO_PKG_VERSION");
        let man = clap_mangen::Man::new(cmd.clone().version(version))
            .source(format!("journeymap {version}"));
        let mut page = Vec::new();
        // Rendering into memory cannot fail.
        let _ = man.render(&mut page);
        out.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, out);
        }
    }
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &mut out);
    out
}
