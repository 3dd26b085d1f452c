//! `mdbook-journeymap`, the second binary: mdBook's side of the preprocessor
//! protocol (arguments, stdin, stdout, exit code) around `crate::mdbook`.
//!
//! `supports RENDERER` answers with the exit code (0 for every renderer);
//! without arguments the book comes on stdin and goes back on stdout, every
//! diagnostic on stderr (mdBook passes it through). Exit codes: 0 the book is
//! written (warnings allowed), 1 a spec or a place has errors (nothing is
//! written, so `mdbook build` fails), 2 usage or a book that is not mdBook's.

use super::write::write_stdout;
use super::{LANG, choose_lang, lang, quiet, tell, usage};
use crate::lint::CliLevels;
use crate::mdbook::{self, MDBOOK, Report};
use crate::message::{Say, Verb};
use crate::report::{self, MessageFormat};
use std::io::{Read, Write};
use std::process::ExitCode;

/// Run the preprocessor with the process's arguments; returns the exit code.
#[must_use]
pub fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let _ = LANG.set(choose_lang(&args).unwrap_or_else(|(l, _)| l));
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    ExitCode::from(match words.as_slice() {
        ["supports", renderer] => u8::from(!mdbook::supports(renderer)),
        ["--version" | "-V"] => {
            let line = format!(
                "mdbook-journeymap {} (mdBook {MDBOOK})\n",
                env!("CARGO_PKG_VERSION")
            );
            u8::from(write_stdout(line.as_bytes()).is_err())
        }
        ["--help" | "-h"] => {
            let text = format!("{}\n", lang().say(&Say::MdbookUsage { mdbook: MDBOOK }));
            u8::from(write_stdout(text.as_bytes()).is_err())
        }
        [] => preprocess(),
        _ => usage(&Say::MdbookUsage { mdbook: MDBOOK }),
    })
}

/// Read the book, put the maps in, report, write it back.
fn preprocess() -> u8 {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        return usage(&Say::MdbookBadInput {
            error: e.to_string(),
            mdbook: MDBOOK,
        });
    }
    let (ctx, book) = match mdbook::read_input(&input) {
        Ok(x) => x,
        Err(error) => {
            return usage(&Say::MdbookBadInput {
                error,
                mdbook: MDBOOK,
            });
        }
    };
    let outcome = mdbook::preprocess(&ctx, book, &CliLevels::default());
    let (mut specs, mut errors, mut warnings) = (0, 0, 0);
    let mut err = anstream::stderr().lock();
    for r in &outcome.reports {
        match r {
            Report::Spec(c) => {
                specs += 1;
                for d in &c.diagnostics {
                    if d.is_error() {
                        errors += 1;
                    } else if ctx.warns {
                        warnings += 1;
                    } else {
                        continue;
                    }
                    let text = report::render_in(lang(), d, &c.sources, MessageFormat::Human, true);
                    let _ = err.write_all(text.as_bytes());
                }
            }
            Report::Place(t) => {
                errors += 1;
                let text = report::error_at(&lang().say(&t.say), &t.chapter, t.span.clone(), true);
                let _ = err.write_all(text.as_bytes());
            }
        }
    }
    drop(err);
    if (errors > 0 || warnings > 0) && !quiet() {
        tell(&Say::Summary {
            verb: Verb::Checked,
            specs,
            errors,
            warnings,
        });
    }
    if outcome.failed() {
        return 1;
    }
    match serde_json::to_vec(&outcome.book) {
        Ok(json) => u8::from(write_stdout(&json).is_err()) * 2,
        Err(e) => usage(&Say::MdbookBadInput {
            error: e.to_string(),
            mdbook: MDBOOK,
        }),
    }
}
