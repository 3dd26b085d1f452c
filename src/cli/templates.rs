//! `journeymap templates list | eject DIR`: the built-in templates, to start a theme.

use super::write::{emit, write_atomic};
use super::{tell, usage};
use crate::message::Say;
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
        return usage(&Say::CannotCreate {
            dir: dir.display().to_string(),
            error: e.to_string(),
        });
    }
    let mut code = 0;
    for (name, text) in render::TEMPLATES {
        let path = dir.join(name);
        if path.exists() {
            tell(&Say::Kept {
                file: path.display().to_string(),
            });
            continue;
        }
        match write_atomic(&path, text.as_bytes()) {
            Ok(()) => tell(&Say::Wrote {
                file: path.display().to_string(),
            }),
            Err(e) => {
                code = usage(&Say::CannotWrite {
                    file: path.display().to_string(),
                    error: e.to_string(),
                });
            }
        }
    }
    if code == 0 {
        tell(&Say::EjectNext {
            dir: dir.display().to_string(),
        });
    }
    code
}
