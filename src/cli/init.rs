//! `journeymap init`: a starter spec with every field explained, and the JSON
//! Schema beside it for editor completion. Never overwrites a file.

use super::args::{InitArgs, InitLocale};
use super::write::write_atomic;
use super::{tell, usage, usage_error};
use crate::message::Say;
use crate::schema;
use anyhow::Context as _;
use std::io::Write;
use std::path::Path;

pub(super) fn init(args: &InitArgs) -> u8 {
    if args.path.exists() {
        return usage(&Say::InitExists {
            file: args.path.display().to_string(),
        });
    }
    let text = match args.locale {
        InitLocale::En => schema::STARTER_EN,
        InitLocale::Ja => schema::STARTER_JA,
    };
    let dir = args
        .path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let result = std::fs::create_dir_all(dir)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&args.path)?
                .write_all(text.as_bytes())
        })
        .with_context(|| format!("cannot write `{}`", args.path.display()));
    if let Err(e) = result {
        return usage_error(&format!("{e:#}"));
    }
    tell(&Say::Wrote {
        file: args.path.display().to_string(),
    });
    let schema = args.path.with_file_name(schema::SCHEMA_FILE);
    if !schema.exists() && write_atomic(&schema, schema::schema_json().as_bytes()).is_ok() {
        tell(&Say::WroteSchema {
            file: schema.display().to_string(),
        });
    }
    tell(&Say::InitNext {
        file: args.path.display().to_string(),
    });
    0
}
