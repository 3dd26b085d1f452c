//! `journeymap serve`: the HTML maps on a local web server, rebuilt on every
//! change, with live reload.
//!
//! Pages are built in memory (nothing is written to disk). A spec with errors
//! shows its diagnostics instead of the map. Live reload is a long poll: each
//! page asks `/__journeymap/wait?v=N`, which answers when the site is rebuilt
//! (or after 25 s), and the page reloads when the version changed. No script is
//! needed to read a map; the poll only refreshes it.

use crate::discover::{self, SpecPath};
use crate::lint::CliLevels;
use crate::render::{Format, Renderer};
use crate::watch::Watcher;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// One page of the site.
struct Page {
    title: String,
    source: String,
    html: String,
    errors: usize,
    warnings: usize,
}

#[derive(Default)]
struct Site {
    pages: BTreeMap<String, Page>,
    version: u64,
}

type Shared = Arc<(Mutex<Site>, Condvar)>;

const RELOAD: &str = r"<script>
(function poll(v){fetch('/__journeymap/wait?v='+v).then(function(r){return r.text()}).then(function(n){if(n!==String(v)){location.reload()}else{poll(v)}}).catch(function(){setTimeout(function(){poll(v)},2000)})})(VERSION);
</script>";

/// Escape text for HTML element content and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The URL path of a spec's page: its path under the folder given, as `.html`.
fn url_of(spec: &SpecPath) -> String {
    let rel = spec.relative().with_extension("html");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("/{}", parts.join("/"))
}

/// Build every spec into pages; returns the pages and every file read.
fn build_site(
    paths: &[PathBuf],
    levels: &CliLevels,
    renderer: &Renderer,
) -> (BTreeMap<String, Page>, Vec<PathBuf>) {
    let mut pages = BTreeMap::new();
    let mut read = Vec::new();
    let specs = discover::expand(paths).unwrap_or_default();
    for spec in &specs {
        let name = spec.path.to_string_lossy().into_owned();
        let c = match crate::compile(&spec.path, &name, levels) {
            Ok(c) => c,
            Err(e) => {
                pages.insert(
                    url_of(spec),
                    error_page(&name, &format!("cannot read `{name}`: {e}"), 1, 0),
                );
                continue;
            }
        };
        read.extend(c.sources.paths().map(Path::to_path_buf));
        if c.import_only {
            continue;
        }
        let mut text = String::new();
        for d in &c.diagnostics {
            text.push_str(&crate::report::render(
                d,
                &c.sources,
                crate::report::MessageFormat::Human,
                false,
            ));
        }
        let errors = c.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = c.diagnostics.len() - errors;
        let page = match &c.journey {
            None => error_page(&name, &text, errors, warnings),
            Some(j) => {
                let insights = crate::insight::insights(j);
                match renderer.render(j, &insights, Format::Html) {
                    Ok(html) => Page {
                        title: j.title.clone(),
                        source: name.clone(),
                        html,
                        errors,
                        warnings,
                    },
                    Err(e) => {
                        error_page(&name, &crate::render::describe_error(&e, None), 1, warnings)
                    }
                }
            }
        };
        pages.insert(url_of(spec), page);
    }
    (pages, read)
}

fn error_page(source: &str, diagnostics: &str, errors: usize, warnings: usize) -> Page {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{0} — errors</title>\
<style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1d2330}}pre{{background:#f6f8fb;border:1px solid #d9dee8;border-radius:6px;padding:1rem;overflow:auto;font:13px/1.45 ui-monospace,Menlo,Consolas,\"Noto Sans Mono CJK JP\",monospace}}</style></head>\
<body><main><h1>{0} has errors</h1><p>Fix them and save: this page reloads by itself. <a href=\"/\">All journeys</a></p><pre>{1}</pre></main></body></html>\n",
        esc(source),
        esc(diagnostics)
    );
    Page {
        title: format!("{source} (errors)"),
        source: source.to_owned(),
        html,
        errors,
        warnings,
    }
}

fn index(site: &Site) -> String {
    let mut rows = String::new();
    for (url, p) in &site.pages {
        let status = match (p.errors, p.warnings) {
            (0, 0) => "ok".to_owned(),
            (0, w) => format!("{w} warning(s)"),
            (e, _) => format!("{e} error(s)"),
        };
        rows.push_str(&format!(
            "<tr><td><a href=\"{}\">{}</a></td><td><code>{}</code></td><td>{}</td></tr>\n",
            esc(url),
            esc(&p.title),
            esc(&p.source),
            esc(&status)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>journeymap</title>\
<style>body{{font:15px/1.5 system-ui,\"Hiragino Sans\",\"Noto Sans JP\",\"Yu Gothic\",Meiryo,sans-serif;margin:2rem;color:#1d2330}}table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #d9dee8;padding:.4rem .8rem;text-align:left}}</style></head>\
<body><main><h1>Journeys</h1><table><thead><tr><th>Journey</th><th>Spec</th><th>Status</th></tr></thead><tbody>\n{rows}</tbody></table></main></body></html>\n"
    )
}

fn with_reload(html: &str, version: u64) -> String {
    let script = RELOAD.replace("VERSION", &version.to_string());
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

fn respond(req: tiny_http::Request, site: &Shared) {
    let url = req.url().split('?').next().unwrap_or("/").to_owned();
    let html_type = tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8").ok();
    let text_type = tiny_http::Header::from_bytes("Content-Type", "text/plain; charset=utf-8").ok();
    let no_cache = tiny_http::Header::from_bytes("Cache-Control", "no-store").ok();
    let (status, body, ty) = if url == "/__journeymap/wait" {
        let asked: u64 = req
            .url()
            .split("v=")
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let (lock, cvar) = &**site;
        let guard = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (guard, _) = cvar
            .wait_timeout_while(guard, Duration::from_secs(25), |s| s.version == asked)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (200, guard.version.to_string(), text_type)
    } else {
        let s = site
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if url == "/" || url == "/index.html" {
            (200, with_reload(&index(&s), s.version), html_type)
        } else if let Some(p) = s.pages.get(&url) {
            (200, with_reload(&p.html, s.version), html_type)
        } else {
            (404, format!("not found: {url}\n"), text_type)
        }
    };
    let mut resp = tiny_http::Response::from_string(body).with_status_code(status);
    for h in [ty, no_cache].into_iter().flatten() {
        resp = resp.with_header(h);
    }
    let _ = req.respond(resp);
}

/// Run the server until interrupted; returns the exit code.
pub fn run(
    paths: &[PathBuf],
    host: &str,
    port: u16,
    templates: Option<PathBuf>,
    levels: &CliLevels,
) -> u8 {
    if let Err(msg) = discover::expand(paths) {
        return crate::cli::usage_error(&msg);
    }
    let server = match tiny_http::Server::http((host, port)) {
        Ok(s) => s,
        Err(e) => {
            return crate::cli::usage_error(&format!(
                "cannot listen on {host}:{port}: {e} (try another `--port`, or `--port 0` for any free port)"
            ));
        }
    };
    let addr = server.server_addr().to_string();
    let renderer = Renderer::new(templates.clone());
    let site: Shared = Arc::new((Mutex::new(Site::default()), Condvar::new()));
    let (pages, read) = build_site(paths, levels, &renderer);
    let count = pages.len();
    site.0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .pages = pages;
    crate::cli::say!("serving {count} journey(s) at http://{addr}/ (Ctrl-C to stop)");
    let mut watcher = match Watcher::new(templates) {
        Ok(w) => w,
        Err(e) => return crate::cli::usage_error(&format!("cannot watch files: {e:#}")),
    };
    watcher.watch_inputs(paths, &read);
    let server = Arc::new(server);
    {
        let site = Arc::clone(&site);
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            for req in server.incoming_requests() {
                let site = Arc::clone(&site);
                std::thread::spawn(move || respond(req, &site));
            }
        });
    }
    while let Some(changed) = watcher.wait() {
        let (pages, read) = build_site(paths, levels, &renderer);
        watcher.watch_inputs(paths, &read);
        let (lock, cvar) = &*site;
        let mut s = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        s.pages = pages;
        s.version += 1;
        let errors: usize = s.pages.values().map(|p| p.errors).sum();
        crate::cli::say!(
            "rebuilt after a change to {} ({} journey(s), {errors} error(s))",
            changed
                .first()
                .map_or_else(String::new, |p| p.display().to_string()),
            s.pages.len()
        );
        cvar.notify_all();
    }
    0
}
