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
//!
//! A map's Content-Security-Policy (`<meta>` in templates/journey.html) refuses
//! every script and every connection, and `build` writes it so. Only the copy
//! served here is changed, and only as much as the poll needs
//! ([`allow_reload`]): the script is allowed by its SHA-256 hash (not by
//! `'unsafe-inline'`, not by a nonce), and connecting by `'self'`. The hash is
//! of the exact script, whose text holds the site's version, so it is
//! computed per response; it needs no randomness, and any other inline
//! script, even one that copied the script element's attributes, stays
//! refused. The index and the error pages carry the same policy as a map.

use crate::discover::SpecPath;
use crate::message::{Lang, Say};
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

/// The key of the index page among the [`Pages`], when the command built one
/// (the portfolio page); it is not a journey.
pub const INDEX: &str = "/index.html";

#[derive(Default)]
struct Site {
    pages: Pages,
    version: u64,
}

type Shared = Arc<(Mutex<Site>, Condvar)>;

/// The text of the reload script (`VERSION`: the site's version).
const RELOAD: &str = r"
(function poll(v){fetch('/__journeymap/wait?v='+v).then(function(r){return r.text()}).then(function(n){if(n!==String(v)){location.reload()}else{poll(v)}}).catch(function(){setTimeout(function(){poll(v)},2000)})})(VERSION);
";

/// The policy of the pages made here (the index, a spec's errors): a map's
/// (templates/journey.html) without images.
const PAGE_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">";

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

/// The URL of page `to` relative to page `from` (both site paths, `/a/b.html`).
#[must_use]
pub fn relative_url(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.trim_start_matches('/').split('/').collect();
    let to: Vec<&str> = to.trim_start_matches('/').split('/').collect();
    let dir = &from[..from.len().saturating_sub(1)];
    let common = dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; dir.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// The page of a spec that has errors (or cannot be read, or whose template
/// failed): `diagnostics` as text, and a way back to the index.
#[must_use]
pub fn error_page(
    lang: Lang,
    source: &str,
    diagnostics: &str,
    errors: usize,
    warnings: usize,
) -> Page {
    let say = |s: Say| esc(&lang.say(&s));
    let file = || source.to_owned();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{PAGE_POLICY}<title>{title}</title>\
<style>body{{font:15px/1.5 system-ui,\"Hiragino Sans\",\"Noto Sans JP\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;margin:2rem;color:#1d2330}}:lang(ja) h1,:lang(ja) p{{word-break:auto-phrase}}h1{{overflow-wrap:anywhere}}pre{{background:#f6f8fb;border:1px solid #d9dee8;border-radius:6px;padding:1rem;overflow:auto;font:13px/1.45 ui-monospace,Menlo,Consolas,\"Noto Sans Mono CJK JP\",monospace}}</style></head>\
<body><main><h1>{heading}</h1><p>{fix} <a href=\"/\">{all}</a></p><pre>{diagnostics}</pre></main></body></html>\n",
        lang = lang.name(),
        title = say(Say::ErrorPageTitle { file: file() }),
        heading = say(Say::ErrorPageHeading { file: file() }),
        fix = say(Say::ErrorPageFix),
        all = say(Say::AllJourneys),
        diagnostics = esc(diagnostics)
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
    for (url, p) in site.pages.iter().filter(|(u, _)| *u != INDEX) {
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
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{PAGE_POLICY}<title>journeymap</title>\
<style>body{{font:15px/1.5 system-ui,\"Hiragino Sans\",\"Noto Sans JP\",\"Yu Gothic\",Meiryo,sans-serif;margin:2rem;color:#1d2330}}table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #d9dee8;padding:.4rem .8rem;text-align:left}}</style></head>\
<body><main><h1>Journeys</h1><table><thead><tr><th>Journey</th><th>Spec</th><th>Status</th></tr></thead><tbody>\n{rows}</tbody></table></main></body></html>\n"
    )
}

/// `html` with the reload script for `version` before its last `</body>`, and
/// every Content-Security-Policy `<meta>` allowing that script and its poll.
fn with_reload(html: &str, version: u64) -> String {
    let script = RELOAD.replace("VERSION", &version.to_string());
    let hash = format!("'sha256-{}'", base64(&sha256(script.as_bytes())));
    let html = policies_allow_reload(html, &hash);
    let script = format!("<script>{script}</script>");
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

/// `html` with the `content` of each `<meta http-equiv="Content-Security-Policy">`
/// changed by [`allow_reload`]; the rest of the page is left as it is.
fn policies_allow_reload(html: &str, hash: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut edits = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<meta") {
        let start = at + i + "<meta".len();
        at = start;
        if lower
            .as_bytes()
            .get(start)
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            continue; // `<metadata>`, say
        }
        let (attrs, end) = tag_attrs(html, start);
        at = end;
        let csp = attrs.iter().any(|a| {
            a.name == "http-equiv" && a.value.eq_ignore_ascii_case("content-security-policy")
        });
        if let Some(content) = attrs.iter().find(|a| a.name == "content").filter(|_| csp) {
            let policy = allow_reload(&content.value, hash);
            let quoted = policy.replace('&', "&amp;").replace('"', "&quot;");
            edits.push((content.span.clone(), format!("\"{quoted}\"")));
        }
    }
    let mut out = html.to_owned();
    for (span, text) in edits.into_iter().rev() {
        out.replace_range(span, &text);
    }
    out
}

/// An attribute of a tag: its name in lower case, its value (character
/// references decoded), and where the value is written (quotes included).
struct Attr {
    name: String,
    value: String,
    span: std::ops::Range<usize>,
}

/// The attributes of the tag whose name ends at `i`, and where the tag ends.
fn tag_attrs(html: &str, mut i: usize) -> (Vec<Attr>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let skip = |i: &mut usize, what: fn(u8) -> bool| {
        while *i < b.len() && what(b[*i]) {
            *i += 1;
        }
    };
    loop {
        skip(&mut i, |c| c.is_ascii_whitespace() || c == b'/');
        if i >= b.len() || b[i] == b'>' {
            return (attrs, (i + 1).min(b.len()));
        }
        let name_start = i;
        i += 1;
        skip(&mut i, |c| {
            !(c.is_ascii_whitespace() || c == b'=' || c == b'>' || c == b'/')
        });
        let name = html[name_start..i].to_ascii_lowercase();
        skip(&mut i, |c| c.is_ascii_whitespace());
        if b.get(i) != Some(&b'=') {
            attrs.push(Attr {
                name,
                value: String::new(),
                span: i..i,
            });
            continue;
        }
        i += 1;
        skip(&mut i, |c| c.is_ascii_whitespace());
        let start = i;
        let raw = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = html[i + 1..]
                    .find(char::from(q))
                    .map_or(b.len(), |e| i + 1 + e);
                i = (end + 1).min(b.len());
                &html[start + 1..end]
            }
            _ => {
                skip(&mut i, |c| !(c.is_ascii_whitespace() || c == b'>'));
                &html[start..i]
            }
        };
        attrs.push(Attr {
            name,
            value: unescape(raw),
            span: start..i,
        });
    }
}

/// Character references in an attribute value decoded: the named ones
/// journeymap and HTML escaping write, and every numeric one.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let c = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            n => n
                .strip_prefix("#x")
                .or_else(|| n.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| n.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        });
        match (c, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `policy` (a Content-Security-Policy) changed to let the reload script run
/// and poll, and nothing more: where inline scripts are refused, the
/// script's `hash` (`'sha256-…'`) is added to the directive that decides
/// (`script-src-elem`, else `script-src`, else a `script-src` copied from
/// `default-src`); where connecting to the server is refused, `'self'` is
/// added the same way (`connect-src`, else from `default-src`). A list that
/// was `'none'` loses its `'none'`. A directive that already allows the
/// script (`'unsafe-inline'` alone, or no directive at all) is left as it
/// is: adding a hash would turn its `'unsafe-inline'` off.
fn allow_reload(policy: &str, hash: &str) -> String {
    let mut dirs: Vec<(String, Vec<String>)> = policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_ascii_whitespace();
            let name = words.next()?;
            Some((name.to_owned(), words.map(str::to_owned).collect()))
        })
        .collect();
    let has = |list: &[String], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    allow(
        &mut dirs,
        &["script-src-elem", "script-src"],
        hash,
        |list| {
            let pinned = list.iter().any(|w| {
                let w = w.to_ascii_lowercase();
                w.starts_with("'nonce-")
                    || w.starts_with("'sha256-")
                    || w.starts_with("'sha384-")
                    || w.starts_with("'sha512-")
                    || w == "'strict-dynamic'"
            });
            list.iter().any(|w| w == hash) || (has(list, "'unsafe-inline'") && !pinned)
        },
    );
    allow(&mut dirs, &["connect-src"], "'self'", |list| {
        has(list, "'self'") || has(list, "*") || has(list, "http:")
    });
    dirs.iter()
        .map(|(name, list)| {
            std::iter::once(name.as_str())
                .chain(list.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Add `source` to the first of the directives `own` (else to a copy of
/// `default-src`, named `own`'s last) unless `allowed` says it is not needed.
/// As in browsers, the first directive of a name counts.
fn allow(
    dirs: &mut Vec<(String, Vec<String>)>,
    own: &[&str],
    source: &str,
    allowed: impl Fn(&[String]) -> bool,
) {
    let find = |name: &str| dirs.iter().position(|(n, _)| n.eq_ignore_ascii_case(name));
    let (i, copy) = match own.iter().find_map(|n| find(n)) {
        Some(i) => (i, false),
        None => match find("default-src") {
            Some(i) => (i, true),
            None => return,
        },
    };
    if allowed(&dirs[i].1) {
        return;
    }
    let mut list: Vec<String> = dirs[i]
        .1
        .iter()
        .filter(|w| !w.eq_ignore_ascii_case("'none'"))
        .cloned()
        .collect();
    list.push(source.to_owned());
    if copy {
        dirs.push(((*own.last().unwrap_or(&"script-src")).to_owned(), list));
    } else {
        dirs[i].1 = list;
    }
}

/// SHA-256 (FIPS 180-4) of `data`, for a script's hash in a policy.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a_2f98,
        0x7137_4491,
        0xb5c0_fbcf,
        0xe9b5_dba5,
        0x3956_c25b,
        0x59f1_11f1,
        0x923f_82a4,
        0xab1c_5ed5,
        0xd807_aa98,
        0x1283_5b01,
        0x2431_85be,
        0x550c_7dc3,
        0x72be_5d74,
        0x80de_b1fe,
        0x9bdc_06a7,
        0xc19b_f174,
        0xe49b_69c1,
        0xefbe_4786,
        0x0fc1_9dc6,
        0x240c_a1cc,
        0x2de9_2c6f,
        0x4a74_84aa,
        0x5cb0_a9dc,
        0x76f9_88da,
        0x983e_5152,
        0xa831_c66d,
        0xb003_27c8,
        0xbf59_7fc7,
        0xc6e0_0bf3,
        0xd5a7_9147,
        0x06ca_6351,
        0x1429_2967,
        0x27b7_0a85,
        0x2e1b_2138,
        0x4d2c_6dfc,
        0x5338_0d13,
        0x650a_7354,
        0x766a_0abb,
        0x81c2_c92e,
        0x9272_2c85,
        0xa2bf_e8a1,
        0xa81a_664b,
        0xc24b_8b70,
        0xc76c_51a3,
        0xd192_e819,
        0xd699_0624,
        0xf40e_3585,
        0x106a_a070,
        0x19a4_c116,
        0x1e37_6c08,
        0x2748_774c,
        0x34b0_bcb5,
        0x391c_0cb3,
        0x4ed8_aa4a,
        0x5b9c_ca4f,
        0x682e_6ff3,
        0x748f_82ee,
        0x78a5_636f,
        0x84c8_7814,
        0x8cc7_0208,
        0x90be_fffa,
        0xa450_6ceb,
        0xbef9_a3f7,
        0xc671_78f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&(data.len() as u64 * 8).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (w, word) in w.iter_mut().zip(block.chunks_exact(4)) {
            *w = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for t in 16..64 {
            let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
            let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for t in 0..64 {
            let [a, b, c, d, e, f, g, hh] = v;
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let t2 = s0.wrapping_add((a & b) ^ (a & c) ^ (b & c));
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (h, v) in h.iter_mut().zip(v) {
            *h = h.wrapping_add(v);
        }
    }
    let mut out = [0u8; 32];
    for (o, h) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&h.to_be_bytes());
    }
    out
}

/// Base64 (RFC 4648, with padding), as a policy's hash source is written.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                char::from(ABC[(n >> (18 - 6 * i)) as usize & 63])
            } else {
                '='
            });
        }
    }
    out
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
            // The portfolio page when the command built one, else a list.
            let page = s
                .pages
                .get(INDEX)
                .map_or_else(|| index(&s), |p| p.html.clone());
            (200, with_reload(&page, s.version), html_type)
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
            journeys: s.pages.keys().filter(|k| *k != INDEX).count(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_and_base64_match_their_standards() {
        // FIPS 180-4 examples, and blocks of 55, 56 and 64 bytes (padding).
        for (text, digest) in [
            (
                String::new(),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                "abc".to_owned(),
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".to_owned(),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                "a".repeat(55),
                "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            ),
            (
                "a".repeat(56),
                "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            ),
            (
                "a".repeat(64),
                "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            ),
            (
                "a".repeat(1_000_000),
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            ),
        ] {
            assert_eq!(
                hex(&sha256(text.as_bytes())),
                digest,
                "{} bytes",
                text.len()
            );
        }
        // RFC 4648 section 10.
        for (text, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(text.as_bytes()), encoded);
        }
    }

    const MAP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    #[test]
    fn a_policy_allows_the_reload_script_and_its_poll_and_nothing_more() {
        let h = "'sha256-AAAA'";
        let with = |p: &str| allow_reload(p, h);
        assert_eq!(
            with(MAP),
            format!("{MAP}; script-src {h}; connect-src 'self'")
        );
        // Nothing governs scripts or connections: nothing is added.
        assert_eq!(with("img-src data:"), "img-src data:");
        assert_eq!(with(""), "");
        // An explicit list gains the hash (and loses 'none'); a fallback is copied.
        assert_eq!(
            with("default-src 'self' https://cdn.example; script-src 'none'"),
            format!("default-src 'self' https://cdn.example; script-src {h}")
        );
        assert_eq!(
            with("default-src https://cdn.example"),
            format!(
                "default-src https://cdn.example; script-src https://cdn.example {h}; connect-src https://cdn.example 'self'"
            )
        );
        assert_eq!(
            with("script-src 'nonce-x'; script-src-elem 'self'; connect-src 'none'"),
            format!("script-src 'nonce-x'; script-src-elem 'self' {h}; connect-src 'self'")
        );
        // Already allowed: 'unsafe-inline' stays on (a hash would turn it off), 'self' stays.
        assert_eq!(
            with("script-src 'unsafe-inline'; connect-src 'self'"),
            "script-src 'unsafe-inline'; connect-src 'self'"
        );
        assert_eq!(
            with("script-src 'unsafe-inline' 'nonce-x'"),
            format!("script-src 'unsafe-inline' 'nonce-x' {h}")
        );
        // The first directive of a name is the one browsers read.
        assert_eq!(
            with("Script-Src 'none'; script-src *"),
            format!("Script-Src {h}; script-src *")
        );
    }

    #[test]
    fn only_the_policy_meta_and_the_script_change() {
        let page = format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{MAP}\">\n<meta name=\"generator\" content=\"default-src x\"><metadata content=\"y\"></head><body><p>map</p></body></html>\n"
        );
        let served = with_reload(&page, 7);
        let script = RELOAD.replace("VERSION", "7");
        assert!(script.contains("(7);"));
        let hash = format!("'sha256-{}'", base64(&sha256(script.as_bytes())));
        assert_eq!(
            served,
            page.replace(
                MAP,
                &format!("{MAP}; script-src {hash}; connect-src 'self'")
            )
            .replace("</body>", &format!("<script>{script}</script></body>"))
        );
        // Another version, another hash; the same version, the same page.
        assert_ne!(with_reload(&page, 8).replace('8', "7"), served);
        assert_eq!(with_reload(&page, 7), served);
        // Other spellings of the same tag, and references in the value.
        let odd = "<META content='script-src &#39;none&#39;' HTTP-EQUIV=content-security-policy />";
        assert_eq!(
            policies_allow_reload(odd, "'sha256-B'"),
            "<META content=\"script-src 'sha256-B'\" HTTP-EQUIV=content-security-policy />"
        );
        // A page without a policy gets only the script.
        assert_eq!(
            with_reload("<p>x</p>", 0),
            format!(
                "<p>x</p><script>{}</script>",
                RELOAD.replace("VERSION", "0")
            )
        );
    }

    #[test]
    fn the_pages_made_here_carry_a_policy_that_allows_the_reload() {
        let mut site = Site::default();
        site.pages.insert(
            "/a.html".to_owned(),
            error_page(Lang::En, "a.yaml", "error: <bad>", 1, 0),
        );
        for html in [index(&site), site.pages["/a.html"].html.clone()] {
            let served = with_reload(&html, 3);
            assert_eq!(served.matches("Content-Security-Policy").count(), 1);
            assert!(
                served.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; script-src 'sha256-"),
                "{served}"
            );
            assert!(served.contains("; connect-src 'self'\">"), "{served}");
        }
    }
}
