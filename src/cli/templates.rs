//! `journeymap templates list | eject DIR`: the built-in templates, to start a theme.

use super::write::{emit, write_atomic};
use super::{say, usage_error};
use crate::render;
use std::path::Path;

pub(super) fn list() -> u8 {
    let names: String = render::TEMPLATES
        .iter()
        .map(|(n, _)| format!("{n}\n"))
        .collect();
    emit(None, &names)
}

/// Copy the built-ins into `dir`, keeping any file already there.
pub(super) fn eject(dir: &Path) -> u8 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return usage_error(&format!("cannot create `{}`: {e}", dir.display()));
    }
    let mut code = 0;
    for (name, text) in render::TEMPLATES {
        let path = dir.join(name);
        if path.exists() {
            say!("kept {} (already exists)", path.display());
            continue;
        }
        match write_atomic(&path, text.as_bytes()) {
            Ok(()) => say!("wrote {}", path.display()),
            Err(e) => code = usage_error(&format!("cannot write `{}`: {e}", path.display())),
        }
    }
    if code == 0 {
        say!(
            "edit them, then: journeymap build SPEC --templates {}",
            dir.display()
        );
    }
    code
}
