//! `journeymap serve`: build every spec into a page in memory, serve the site
//! (`crate::serve`), and rebuild it on every change (`crate::watch`), saying
//! so on stderr.

use super::args::ServeArgs;
use super::watch::warn_unwatched;
use super::{compile_file, find_specs, is_journey, say, usage_error, write_diagnostics};
use crate::Compilation;
use crate::discover;
use crate::lint::CliLevels;
use crate::render::{self, Format, Renderer};
use crate::report::MessageFormat;
use crate::serve::{Page, Pages, Server, error_page, url_of};
use crate::watch::Watcher;
use std::path::{Path, PathBuf};

/// Run the server until interrupted; returns the exit code.
pub(super) fn serve(args: &ServeArgs, levels: &CliLevels) -> u8 {
    if let Err(code) = find_specs(&args.paths) {
        return code;
    }
    let (host, port) = (&args.host, args.port);
    let server = match Server::bind(host, port) {
        Ok(s) => s,
        Err(e) => {
            return usage_error(&format!(
                "cannot listen on {host}:{port}: {e} (try another `--port`, or `--port 0` for any free port)"
            ));
        }
    };
    let renderer = Renderer::new(args.templates.clone());
    let (pages, read) = site(&args.paths, levels, &renderer);
    say!(
        "serving {} journey(s) at http://{}/ (Ctrl-C to stop)",
        pages.len(),
        server.addr()
    );
    let mut watcher = match Watcher::new(args.templates.clone()) {
        Ok(w) => w,
        Err(e) => return usage_error(&format!("cannot watch files: {e:#}")),
    };
    warn_unwatched(watcher.watch_inputs(&args.paths, &read));
    server.start(pages);
    while let Some(changed) = watcher.wait() {
        let (pages, read) = site(&args.paths, levels, &renderer);
        warn_unwatched(watcher.watch_inputs(&args.paths, &read));
        let site = server.publish(pages);
        say!(
            "rebuilt after a change to {} ({} journey(s), {} error(s))",
            changed
                .first()
                .map_or_else(String::new, |p| p.display().to_string()),
            site.journeys,
            site.errors
        );
    }
    0
}

/// Build every spec into a page; returns the pages and every file read.
fn site(paths: &[PathBuf], levels: &CliLevels, renderer: &Renderer) -> (Pages, Vec<PathBuf>) {
    let mut pages = Pages::new();
    let mut read = Vec::new();
    for spec in &discover::expand(paths).unwrap_or_default() {
        let c = match compile_file(&spec.path, levels) {
            Ok(c) => c,
            Err(msg) => {
                pages.insert(url_of(spec), error_page(&spec.name(), &msg, 1, 0));
                continue;
            }
        };
        read.extend(c.sources.paths().map(Path::to_path_buf));
        if is_journey(spec, &c) {
            pages.insert(url_of(spec), page(&spec.name(), &c, renderer));
        }
    }
    (pages, read)
}

/// The map of one spec, or its diagnostics when it has errors.
fn page(name: &str, c: &Compilation, renderer: &Renderer) -> Page {
    let mut text = Vec::new();
    let counts = write_diagnostics(&mut text, c, MessageFormat::Human, false);
    let Some(j) = &c.journey else {
        let text = String::from_utf8_lossy(&text);
        return error_page(name, &text, counts.errors, counts.warnings);
    };
    match renderer.render_journey(j, Format::HTML) {
        Ok(html) => Page {
            title: j.title.clone(),
            source: name.to_owned(),
            html,
            errors: counts.errors,
            warnings: counts.warnings,
        },
        Err(e) => error_page(name, &render::describe_error(&e, None), 1, counts.warnings),
    }
}
