//! The local preview server of `journeymap serve`: a site of HTML pages held
//! in memory (nothing is written to disk), answered over HTTP, with live
//! reload. `cli/serve.rs` builds the pages, watches the files and says what
//! happens; nothing here prints.
//!
//! A spec with errors shows its diagnostics instead of the map
//! ([`error_page`]). Live reload is a long poll: each page asks
//! `/__journeymap/wait?v=N`, which answers when the site is rebuilt (or after
//! 25 s), and the page reloads when the version changed. No script is needed
//! to read a map; the poll only refreshes it.

use crate::discover::SpecPath;
use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// One page of the site.
pub struct Page {
    /// The journey's title, for the index.
    pub title: String,
    /// The spec's path as typed, for the index.
    pub source: String,
    pub html: String,
    pub errors: usize,
    pub warnings: usize,
}

/// The pages by URL path (`/team/b.html`).
pub type Pages = BTreeMap<String, Page>;

#[derive(Default)]
struct Site {
    pages: Pages,
    version: u64,
}

type Shared = Arc<(Mutex<Site>, Condvar)>;

const RELOAD: &str = r"<script>
(function poll(v){fetch('/__journeymap/wait?v='+v).then(function(r){return r.text()}).then(function(n){if(n!==String(v)){location.reload()}else{poll(v)}}).catch(function(){setTimeout(function(){poll(v)},2000)})})(VERSION);
</script>";

/// Escape text for HTML element content and attributes, as every page of
/// journeymap does (`render::html::esc`).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::render::html::esc(&mut out, s);
    out
}

/// The URL path of a spec's page: its path under the folder given, as `.html`.
pub fn url_of(spec: &SpecPath) -> String {
    let rel = spec.relative().with_extension("html");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("/{}", parts.join("/"))
}

/// The page of a spec that has errors (or cannot be read, or whose template
/// failed): `diagnostics` as text, and a way back to the index.
#[must_use]
pub fn error_page(source: &str, diagnostics: &str, errors: usize, warnings: usize) -> Page {
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

/// A rebuilt site, as counted when it was published.
#[derive(Clone, Copy, Debug)]
pub struct Published {
    pub journeys: usize,
    pub errors: usize,
}

/// The HTTP server and the site it serves.
pub struct Server {
    http: Arc<tiny_http::Server>,
    site: Shared,
}

impl Server {
    /// Listen on `host:port` (port 0: any free port); nothing is answered
    /// before [`Server::start`].
    ///
    /// # Errors
    /// The address cannot be listened on (in use, not an interface here).
    pub fn bind(host: &str, port: u16) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Server {
            http: Arc::new(tiny_http::Server::http((host, port))?),
            site: Arc::new((Mutex::new(Site::default()), Condvar::new())),
        })
    }

    /// The address listened on, as `127.0.0.1:4000`.
    #[must_use]
    pub fn addr(&self) -> String {
        self.http.server_addr().to_string()
    }

    /// Serve `pages` (version 0 of the site), answering each request on a thread of its own.
    pub fn start(&self, pages: Pages) {
        self.lock().pages = pages;
        let site = Arc::clone(&self.site);
        let http = Arc::clone(&self.http);
        std::thread::spawn(move || {
            for req in http.incoming_requests() {
                let site = Arc::clone(&site);
                std::thread::spawn(move || respond(req, &site));
            }
        });
    }

    /// Replace the site with a rebuilt one; every page waiting on the long poll reloads.
    pub fn publish(&self, pages: Pages) -> Published {
        let mut s = self.lock();
        s.pages = pages;
        s.version += 1;
        let published = Published {
            journeys: s.pages.len(),
            errors: s.pages.values().map(|p| p.errors).sum(),
        };
        drop(s);
        self.site.1.notify_all();
        published
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Site> {
        self.site
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
