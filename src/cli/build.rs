//! `journeymap build` (and each round of `watch`): compile, filter to a persona,
//! render every format, write the outputs, or with `--check` compare them with
//! the files on disk.

use super::args::BuildArgs;
use super::check::{Tally, report_one};
use super::write::{ensure_parent, write_atomic_with, write_stdout};
use super::{exiting, find_specs, is_journey, tell, usage, usage_error};
use crate::Compilation;
use crate::discover::SpecPath;
use crate::insight;
use crate::lint::CliLevels;
use crate::message::{Say, Verb};
use crate::model::Journey;
use crate::present::{Links, Presentation};
use crate::render::{self, Format, RenderError, Renderer};
use std::path::{Path, PathBuf};

/// What the specs of one build share, settled before anything is built.
struct Plan<'a> {
    args: &'a BuildArgs,
    formats: Vec<Format>,
    specs: Vec<SpecPath>,
    renderer: Renderer,
    /// Where the portfolio page goes (the output root of a folder build).
    index: Option<PathBuf>,
    /// Each spec's index by its canonical path, for the links between maps
    /// (one look-up per link, not a walk over every spec: 1 000 specs with
    /// parents and comparisons spent most of their build in `realpath`).
    by_path: std::collections::HashMap<PathBuf, usize>,
}

/// One spec compiled and rendered in every requested format.
struct Built {
    compilation: Result<Compilation, String>,
    outputs: Vec<(Format, Output)>,
}

/// One output of a spec, after the parallel part of a build.
enum Output {
    /// Written to its file by the worker that rendered it (so files are written
    /// on every core, and a folder build does not hold every page in memory),
    /// or the error to report, in spec order, once the workers are done.
    Written(Result<(), String>),
    /// For stdout or `--check`, done in spec order afterwards.
    Bytes(Vec<u8>),
    /// A template error.
    Failed(String),
}

/// Build; returns the exit code and every file read (specs and imports), for `watch`.
/// `once`: the process exits after this build (not `watch`).
pub(super) fn build(args: &BuildArgs, levels: &CliLevels, once: bool) -> (u8, Vec<PathBuf>) {
    let plan = match plan(args) {
        Ok(p) => p,
        Err(code) => return (code, Vec::new()),
    };
    let mut compiled = super::compile_all(&plan.specs, levels);
    let mut tally = Tally::default();
    // One spec (the case of a large file): its diagnostics are printed before it
    // is rendered, so the text of its files can go first (a tenth of a large
    // build's memory). What is printed, and in which order, does not change.
    let reported = match (plan.specs.as_slice(), compiled.as_mut_slice()) {
        ([spec], [c]) => {
            let ok = report_one(spec, c, args.message_format, &mut tally);
            if let Ok(c) = c {
                c.sources.release_texts();
            }
            Some(ok)
        }
        _ => None,
    };
    let built: Vec<Built> = render_each(&plan, compiled);
    let read: Vec<PathBuf> = built
        .iter()
        .filter_map(|b| b.compilation.as_ref().ok())
        .flat_map(|c| c.sources.paths().map(Path::to_path_buf))
        .collect();
    for (spec, b) in plan.specs.iter().zip(&built) {
        let ok = match reported {
            Some(ok) => ok,
            None => report_one(spec, &b.compilation, args.message_format, &mut tally),
        };
        if ok {
            finish_outputs(args, spec, &b.outputs, &mut tally);
        }
    }
    if let Some(root) = &plan.index {
        write_index(&plan, root, &built, &mut tally);
    }
    if args.check && tally.stale > 0 {
        tell(&Say::StaleCount { count: tally.stale });
    }
    tally.summary(if args.check {
        Verb::CheckedOutputs
    } else {
        Verb::Built
    });
    if once {
        exiting(built);
    }
    (tally.exit_code(), read)
}

/// The formats, the specs and the renderer, once every argument is known to
/// make sense; else the exit code, the error printed.
fn plan(args: &BuildArgs) -> Result<Plan<'_>, u8> {
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        formats.push(Format::HTML);
    }
    formats.sort();
    formats.dedup();
    let specs = find_specs(&args.paths)?;
    if args.output.is_some() && (formats.len() > 1 || specs.len() > 1) {
        return Err(usage(&Say::OneOutput));
    }
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(usage(&Say::TemplatesNotAFolder {
            dir: dir.display().to_string(),
        }));
    }
    if let Some(msg) = clashing_outputs(args, &specs, &formats) {
        return Err(usage(&msg));
    }
    let index = index_root(args).filter(|_| !page_formats(&formats).is_empty());
    if let Some(root) = &index {
        let pages: Vec<PathBuf> = page_formats(&formats)
            .iter()
            .map(|f| root.join(format!("index.{}", f.extension())))
            .collect();
        let clash = specs.iter().find_map(|s| {
            formats
                .iter()
                .filter_map(|f| target(args, s, *f))
                .find(|t| pages.contains(t))
                .map(|t| (s, t))
        });
        if let Some((spec, page)) = clash {
            return Err(usage(&Say::IndexClash {
                spec: spec.path.display().to_string(),
                page: page.display().to_string(),
            }));
        }
    }
    let renderer = Renderer::new(args.templates.clone())
        .with_paper(args.paper)
        .with_fonts(font_choice(args));
    if formats.iter().any(|f| f.name() == "png")
        && let Err(e) = renderer.load_fonts()
    {
        return Err(usage_error(&font_error(&e)));
    }
    if let Some(dir) = &args.templates
        && dir.join("curve.html").is_file()
        && !dir.join("journey.html").is_file()
    {
        tell(&Say::CurveUnused {
            file: dir.join("curve.html").display().to_string(),
        });
    }
    let by_path = specs
        .iter()
        .enumerate()
        .map(|(i, s)| (canonical(&s.path), i))
        .collect();
    Ok(Plan {
        args,
        formats,
        specs,
        renderer,
        index,
        by_path,
    })
}

/// The fonts of `-f png`: `--font` files, then the system's unless
/// `JOURNEYMAP_NO_SYSTEM_FONTS` is set (to anything but `0` or nothing).
fn font_choice(args: &BuildArgs) -> render::fonts::FontChoice {
    let off =
        std::env::var_os("JOURNEYMAP_NO_SYSTEM_FONTS").is_some_and(|v| !v.is_empty() && v != "0");
    render::fonts::FontChoice {
        files: args.font.clone(),
        system: !off,
    }
}

/// A font problem of `-f png`, in words.
fn font_error(e: &render::fonts::FontError) -> String {
    super::lang().say(&match e {
        render::fonts::FontError::CannotLoad { file, error } => Say::CannotLoadFont {
            file: file.display().to_string(),
            error: error.clone(),
        },
        render::fonts::FontError::Missing { scripts, sample } => Say::NoFont {
            scripts: scripts.clone(),
            sample: sample.clone(),
        },
    })
}

/// Why an output was not rendered or written, in words; `dest`: its file.
fn render_failure(e: RenderError, dest: Option<&Path>, templates: Option<&Path>) -> String {
    match e {
        RenderError::Template(e) => render::describe_error(&e, templates),
        RenderError::Io(e) => match dest {
            Some(dest) => format!("cannot write `{}`: {e}", dest.display()),
            None => format!("cannot render: {e}"),
        },
        RenderError::Fonts(e) => font_error(&e),
    }
}

/// The output root of a build of one folder (its `--out-dir`, else the folder
/// itself), where the portfolio page goes; none for a build of files, of
/// several folders, to stdout, of one persona, or with `--no-index`.
fn index_root(args: &BuildArgs) -> Option<PathBuf> {
    if args.no_index || args.output.is_some() || args.persona.is_some() {
        return None;
    }
    match args.paths.as_slice() {
        [dir] if dir.is_dir() => Some(args.out_dir.clone().unwrap_or_else(|| dir.clone())),
        _ => None,
    }
}

/// The formats of a build that the portfolio page is written in: the page
/// goes with the maps it links (`index.html` with the HTML maps, `index.md`
/// with the Markdown ones, `index.json` with the JSON), so a build of one
/// format never rewrites the page of another without its links.
fn page_formats(formats: &[Format]) -> Vec<Format> {
    formats
        .iter()
        .copied()
        .filter(|f| matches!(f.name(), "html" | "md" | "json"))
        .collect()
}

/// The portfolio page (`index.html`, and `index.md` / `index.json` with those
/// formats) at `root`: written, or compared with `--check`.
fn write_index(plan: &Plan, root: &Path, built: &[Built], tally: &mut Tally) {
    let args = plan.args;
    let here = root.join("index.html");
    let mut insights = Vec::new();
    let mut failed = Vec::new();
    let mut members_of = Vec::new();
    for (spec, b) in plan.specs.iter().zip(built) {
        match &b.compilation {
            Ok(c) if c.import_only => {}
            Ok(c) => match &c.journey {
                Some(j) => {
                    insights.push(insight::insights(j));
                    members_of.push((
                        spec,
                        j,
                        c.diagnostics.iter().filter(|d| !d.is_error()).count(),
                    ));
                }
                None => failed.push(crate::portfolio::Failed {
                    file: spec.shown(),
                    errors: c.diagnostics.iter().filter(|d| d.is_error()).count(),
                    html: None,
                }),
            },
            Err(_) => failed.push(crate::portfolio::Failed {
                file: spec.shown(),
                errors: 1,
                html: None,
            }),
        }
    }
    let href = |spec: &SpecPath, f: Format| {
        plan.formats
            .contains(&f)
            .then(|| target(args, spec, f))
            .flatten()
            .and_then(|t| relative_href(&here, &t))
    };
    let members: Vec<crate::portfolio::Member> = members_of
        .iter()
        .zip(&insights)
        .map(|((spec, j, warnings), i)| crate::portfolio::Member {
            html: href(spec, Format::HTML),
            md: Format::named("md").and_then(|f| href(spec, f)),
            ..crate::portfolio::Member::of(spec, j, i, *warnings)
        })
        .collect();
    let portfolio = crate::portfolio::portfolio(
        &members,
        failed,
        args.locale.map(super::args::PageLocale::locale),
    );
    for f in page_formats(&plan.formats) {
        let dest = root.join(format!("index.{}", f.extension()));
        let text = match plan.renderer.render_portfolio(&portfolio, f) {
            Ok(t) => t,
            Err(e) => {
                usage_error(&render::describe_error(&e, args.templates.as_deref()));
                tally.failed_io = true;
                continue;
            }
        };
        if args.check {
            check_output(Some(&dest), text.as_bytes(), tally);
            continue;
        }
        let written = ensure_parent(&dest, true).and_then(|()| {
            write_atomic_with(&dest, |w| {
                w.write_all(text.as_bytes()).map_err(RenderError::Io)
            })
            .map_err(|e| match e {
                RenderError::Io(e) => e,
                RenderError::Template(e) => std::io::Error::other(e.to_string()),
                RenderError::Fonts(e) => std::io::Error::other(font_error(&e)),
            })
        });
        if let Err(e) = written {
            usage(&Say::CannotWrite {
                file: dest.display().to_string(),
                error: e.to_string(),
            });
            tally.failed_io = true;
        }
    }
}

/// Where an output goes: stdout (`None`) or a file.
fn target(args: &BuildArgs, spec: &SpecPath, format: Format) -> Option<PathBuf> {
    match &args.output {
        Some(o) if o.as_os_str() == "-" => return None,
        Some(o) => return Some(o.clone()),
        None => {}
    }
    let ext = match &args.persona {
        Some(p) => format!("{p}.{}", format.extension()),
        None => format.extension().to_owned(),
    };
    match &args.out_dir {
        None => Some(spec.path.with_extension(&ext)),
        Some(out) => Some(out.join(spec.relative()).with_extension(ext)),
    }
}

/// Two specs that would write the same file (`a.yaml` and `a.yml` beside each
/// other): refused before anything is built, as the file would hold whichever
/// finished last.
fn clashing_outputs(args: &BuildArgs, specs: &[SpecPath], formats: &[Format]) -> Option<Say> {
    let mut seen: std::collections::HashMap<PathBuf, &SpecPath> = std::collections::HashMap::new();
    for spec in specs {
        for &format in formats {
            let Some(dest) = target(args, spec, format) else {
                continue;
            };
            if let Some(first) = seen.insert(dest.clone(), spec) {
                return Some(Say::SameOutput {
                    first: first.path.display().to_string(),
                    second: spec.path.display().to_string(),
                    output: dest.display().to_string(),
                });
            }
        }
    }
    None
}

/// The parallel part (any thread): render each compiled spec, and write each
/// output that goes to a file; nothing is printed here.
fn render_each(plan: &Plan, compiled: Vec<Result<Compilation, String>>) -> Vec<Built> {
    use rayon::prelude::*;
    let one = |(spec, compilation): (&SpecPath, Result<Compilation, String>)| {
        let outputs = match &compilation {
            Ok(c) if is_journey(spec, c) => c.journey.as_ref().map_or_else(Vec::new, |j| {
                render_all(j, spec, plan, &plan.formats, |p, format| {
                    render_one(plan, spec, p, format)
                })
            }),
            _ => Vec::new(),
        };
        Built {
            compilation,
            outputs,
        }
    };
    if plan.specs.len() > 1 {
        plan.specs.par_iter().zip(compiled).map(one).collect()
    } else {
        plan.specs.iter().zip(compiled).map(one).collect()
    }
}

/// Render a journey in each format (filtered to one persona when asked) with `each`.
fn render_all(
    j: &Journey,
    spec: &SpecPath,
    plan: &Plan,
    formats: &[Format],
    each: impl Fn(&Presentation, Format) -> Output,
) -> Vec<(Format, Output)> {
    let args = plan.args;
    let filtered;
    let journey = match &args.persona {
        Some(p) => match j.for_persona(p) {
            Ok(f) => {
                filtered = f;
                &filtered
            }
            Err(e) => {
                let msg = super::not_a_persona(j, &e);
                return formats
                    .iter()
                    .map(|f| (*f, Output::Failed(msg.clone())))
                    .collect();
            }
        },
        None => j,
    };
    let insights = insight::insights(journey);
    let p = Presentation::new(journey, &insights).with_links(links(plan, spec, journey));
    formats.iter().map(|&f| (f, each(&p, f))).collect()
}

/// The links from this journey's HTML map to the others (SPEC.md §7): its
/// parent, its details and its compared journeys, relative to where this map
/// goes, so the built folder can be moved or served from any path.
fn links(plan: &Plan, spec: &SpecPath, j: &Journey) -> Links {
    let args = plan.args;
    let here = target(args, spec, Format::HTML);
    let href = |other: &Path| -> Option<String> {
        let to = html_of(plan, other);
        relative_href(here.as_deref()?, &to)
    };
    let link = |l: &crate::model::Linked| crate::present::LinkTo {
        href: href(&l.path),
        title: l.title.clone(),
        subject: l.subject.clone(),
        stage: l.stage.clone(),
        touchpoint: l.touchpoint.clone(),
    };
    Links {
        full_map: full_map_href(args, spec),
        parent: j.relations.parent.as_ref().map(link),
        details: j.relations.details.iter().map(link).collect(),
        compared: j.relations.compared.iter().map(|c| link(&c.link)).collect(),
    }
}

/// Where the HTML map of the spec at `path` is: its output in this build
/// (mirrored under `--out-dir` when it is one of the specs built), else beside it.
fn html_of(plan: &Plan, path: &Path) -> PathBuf {
    if let Some(out) = &plan.args.out_dir
        && let Some(s) = plan.by_path.get(&canonical(path)).map(|i| &plan.specs[*i])
    {
        return out
            .join(s.relative())
            .with_extension(Format::HTML.extension());
    }
    path.with_extension(Format::HTML.extension())
}

/// A path with its links resolved, to tell two ways of naming one file apart.
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// In a `--persona` view, the link to the HTML map of every persona: where a
/// build without `--persona` writes it, relative to where this view goes.
fn full_map_href(args: &BuildArgs, spec: &SpecPath) -> Option<String> {
    args.persona.as_ref()?;
    let here = target(args, spec, Format::HTML)?;
    let full = match &args.out_dir {
        None => spec.path.with_extension(Format::HTML.extension()),
        Some(out) => out
            .join(spec.relative())
            .with_extension(Format::HTML.extension()),
    };
    relative_href(&here, &full)
}

/// The URL of file `to` relative to the folder of file `from` (`../a/b.html`).
fn relative_href(from: &Path, to: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let abs = |p: &Path| {
        let p = cwd.join(p);
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let (from, to) = (abs(from), abs(to));
    let from_dir: Vec<_> = from.parent()?.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts.join("/"))
}

/// One format of one journey: streamed into its file (a large page is never
/// held whole), or kept as text for stdout and `--check`.
fn render_one(plan: &Plan, spec: &SpecPath, p: &Presentation, format: Format) -> Output {
    let templates = plan.args.templates.as_deref();
    match target(plan.args, spec, format) {
        Some(dest) if !plan.args.check => Output::Written(
            ensure_parent(&dest, plan.args.out_dir.is_some())
                .map_err(RenderError::Io)
                .and_then(|()| write_atomic_with(&dest, |w| plan.renderer.render_to(p, format, w)))
                .map_err(|e| render_failure(e, Some(&dest), templates)),
        ),
        _ => match plan.renderer.render_bytes(p, format) {
            Ok(bytes) => Output::Bytes(bytes),
            Err(e) => Output::Failed(render_failure(e, None, templates)),
        },
    }
}

/// The sequential part for one spec, in spec order: report what the workers
/// could not write, print to stdout, or compare for `--check`.
fn finish_outputs(
    args: &BuildArgs,
    spec: &SpecPath,
    outputs: &[(Format, Output)],
    tally: &mut Tally,
) {
    for (format, out) in outputs {
        let result = match out {
            Output::Written(result) => result.clone(),
            Output::Failed(msg) => Err(msg.clone()),
            Output::Bytes(bytes) => {
                let dest = target(args, spec, *format);
                if args.check {
                    check_output(dest.as_deref(), bytes, tally);
                    continue;
                }
                write_stdout(bytes).map_err(|e| format!("cannot write to stdout: {e}"))
            }
        };
        match result {
            Err(msg) => {
                usage_error(&msg);
                tally.failed_io = true;
            }
            Ok(()) => tally.wrote.push(match target(args, spec, *format) {
                Some(dest) => dest.display().to_string(),
                None => "stdout".to_owned(),
            }),
        }
    }
}

/// `build --check`: compare a would-be output with the file on disk.
fn check_output(dest: Option<&Path>, output: &[u8], tally: &mut Tally) {
    let Some(dest) = dest else { return };
    match std::fs::read(dest) {
        Ok(old) if old == output => {}
        Ok(_) => {
            tell(&Say::StaleOutput {
                file: dest.display().to_string(),
            });
            tally.stale += 1;
        }
        Err(_) => {
            tell(&Say::MissingOutput {
                file: dest.display().to_string(),
            });
            tally.stale += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::relative_href;
    use std::path::Path;

    #[test]
    fn links_between_outputs_are_relative() {
        let r = |a: &str, b: &str| relative_href(Path::new(a), Path::new(b)).unwrap();
        assert_eq!(r("j/a.misaki.html", "j/a.html"), "a.html");
        assert_eq!(r("out/x.html", "j/a.html"), "../j/a.html");
        assert_eq!(r("a.html", "site/team/b.html"), "site/team/b.html");
        assert_eq!(r("./site/../a.p.html", "a.html"), "a.html");
    }
}
