//! `journeymap serve`: build every spec into a page in memory, serve the site
//! (`crate::serve`), and rebuild it on every change (`crate::watch`), saying
//! so on stderr.

use super::args::ServeArgs;
use super::watch::warn_unwatched;
use super::{find_specs, is_journey, tell, usage, write_diagnostics};
use crate::Compilation;
use crate::discover::{self, SpecPath};
use crate::lint::CliLevels;
use crate::message::Say;
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
            return usage(&Say::CannotListen {
                host: host.to_string(),
                port,
                error: e.to_string(),
            });
        }
    };
    let renderer = Renderer::new(args.templates.clone());
    let locale = args.locale.map(super::args::PageLocale::locale);
    let (pages, read) = site(&args.paths, levels, &renderer, locale);
    tell(&Say::Serving {
        journeys: pages.keys().filter(|k| *k != crate::serve::INDEX).count(),
        url: format!("http://{}/", server.addr()),
    });
    let mut watcher = match Watcher::new(args.templates.clone()) {
        Ok(w) => w,
        Err(e) => {
            return usage(&Say::CannotWatch {
                error: format!("{e:#}"),
            });
        }
    };
    warn_unwatched(watcher.watch_inputs(&args.paths, &read));
    server.start(pages);
    while let Some(changed) = watcher.wait() {
        let (pages, read) = site(&args.paths, levels, &renderer, locale);
        warn_unwatched(watcher.watch_inputs(&args.paths, &read));
        let site = server.publish(pages);
        tell(&Say::Rebuilt {
            file: changed
                .first()
                .map_or_else(String::new, |p| p.display().to_string()),
            journeys: site.journeys,
            errors: site.errors,
        });
    }
    0
}

/// Build every spec into a page, linked to each other (parents, details,
/// comparisons) and listed on the portfolio page, the site's index; returns
/// the pages and every file read.
fn site(
    paths: &[PathBuf],
    levels: &CliLevels,
    renderer: &Renderer,
    locale: Option<crate::model::Locale>,
) -> (Pages, Vec<PathBuf>) {
    let mut pages = Pages::new();
    let mut read = Vec::new();
    let specs = discover::expand(paths).unwrap_or_default();
    let compiled = super::compile_all(&specs, levels);
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let urls: std::collections::HashMap<PathBuf, String> =
        specs.iter().map(|s| (key(&s.path), url_of(s))).collect();
    let mut insights = Vec::new();
    let mut members_of = Vec::new();
    let mut failed = Vec::new();
    for (spec, c) in specs.iter().zip(&compiled) {
        let c = match c {
            Ok(c) => c,
            Err(msg) => {
                pages.insert(
                    url_of(spec),
                    error_page(super::lang(), &spec.name(), msg, 1, 0),
                );
                failed.push(failed_page(spec, 1));
                continue;
            }
        };
        read.extend(c.sources.paths().map(Path::to_path_buf));
        if !is_journey(spec, c) {
            continue;
        }
        let here = url_of(spec);
        let href = |p: &Path| {
            let to = urls.get(&key(p))?;
            Some(crate::serve::relative_url(&here, to))
        };
        pages.insert(here.clone(), page(&spec.name(), c, renderer, &href));
        match &c.journey {
            Some(j) => {
                insights.push(crate::insight::insights(j));
                let warnings = c.diagnostics.iter().filter(|d| !d.is_error()).count();
                members_of.push((spec, j, warnings));
            }
            None => failed.push(failed_page(
                spec,
                c.diagnostics.iter().filter(|d| d.is_error()).count(),
            )),
        }
    }
    let members: Vec<crate::portfolio::Member> = members_of
        .iter()
        .zip(&insights)
        .map(|((spec, j, warnings), i)| crate::portfolio::Member {
            html: Some(url_of(spec).trim_start_matches('/').to_owned()),
            ..crate::portfolio::Member::of(spec, j, i, *warnings)
        })
        .collect();
    let portfolio = crate::portfolio::portfolio(&members, failed, locale);
    if let Ok(html) = renderer.render_portfolio(&portfolio, Format::HTML) {
        pages.insert(
            crate::serve::INDEX.to_owned(),
            Page {
                title: String::new(),
                source: String::new(),
                html,
                errors: 0,
                warnings: 0,
            },
        );
    }
    (pages, read)
}

/// A spec with errors on the portfolio page, linked to its page of diagnostics.
fn failed_page(spec: &SpecPath, errors: usize) -> crate::portfolio::Failed {
    crate::portfolio::Failed {
        file: spec.shown(),
        errors,
        html: Some(url_of(spec).trim_start_matches('/').to_owned()),
    }
}

/// The map of one spec, or its diagnostics when it has errors.
fn page(
    name: &str,
    c: &Compilation,
    renderer: &Renderer,
    href: &dyn Fn(&Path) -> Option<String>,
) -> Page {
    let mut text = Vec::new();
    let counts = write_diagnostics(&mut text, c, MessageFormat::Human, false);
    let Some(j) = &c.journey else {
        let text = String::from_utf8_lossy(&text);
        return error_page(super::lang(), name, &text, counts.errors, counts.warnings);
    };
    let insights = crate::insight::insights(j);
    let link = |l: &crate::model::Linked| crate::present::LinkTo {
        href: href(&l.path),
        title: l.title.clone(),
        subject: l.subject.clone(),
        stage: l.stage.clone(),
        touchpoint: l.touchpoint.clone(),
    };
    let links = crate::present::Links {
        full_map: None,
        parent: j.relations.parent.as_ref().map(link),
        details: j.relations.details.iter().map(link).collect(),
        compared: j.relations.compared.iter().map(|c| link(&c.link)).collect(),
    };
    let p = crate::present::Presentation::new(j, &insights).with_links(links);
    match renderer.render(&p, Format::HTML) {
        Ok(html) => Page {
            title: j.title.clone(),
            source: name.to_owned(),
            html,
            errors: counts.errors,
            warnings: counts.warnings,
        },
        Err(e) => error_page(
            super::lang(),
            name,
            &render::describe_error(&e, None),
            1,
            counts.warnings,
        ),
    }
}
