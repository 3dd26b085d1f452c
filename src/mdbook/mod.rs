//! `mdbook-journeymap`, the mdBook preprocessor (SPEC.md §8): the book that
//! mdBook hands over as JSON, with every `{{#journeymap PATH}}` and every
//! ```` ```journeymap ```` block of its chapters replaced by the map: for the
//! `html` renderer the HTML map (its page's body and scoped style sheet,
//! [`embed`]), for any other renderer (`markdown`, …) the Markdown map.
//!
//! The protocol is mdBook's (checked against mdBook 0.5.4, [`MDBOOK`]):
//! `mdbook-journeymap supports RENDERER` answers with its exit code, then
//! mdBook writes `[context, book]` on stdin and reads the book back from
//! stdout. The book is read as JSON and written back with only the chapters'
//! `content` changed, so whatever else mdBook puts in it goes back as it came
//! (mdBook 0.5 names the top-level list `items`, 0.4 `sections`: both are read).
//!
//! Nothing here prints: [`preprocess`] returns the book and what to report
//! (every spec's compilation, and problems with a place in a chapter);
//! `cli::mdbook` speaks to mdBook.

pub mod chapter;
pub mod css;
pub mod embed;

use crate::lint::CliLevels;
use crate::message::Say;
use crate::model::Journey;
use crate::present::Presentation;
use crate::render::{self, Format, Renderer};
use crate::source::SourceFile;
use crate::{Compilation, compile, compile_text};
use chapter::Place;
use serde_json::Value;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

/// The mdBook release whose protocol and output this preprocessor is tested with.
pub const MDBOOK: &str = "0.5.4";

/// What mdBook says about the build (the first half of its input).
#[derive(Debug, Clone)]
pub struct Context {
    /// The book's folder (where `book.toml` is); mdBook runs the preprocessor there.
    pub root: PathBuf,
    /// The chapters' folder, relative to `root` (`book.src`, `src` by default).
    pub src: PathBuf,
    /// The renderer the book is prepared for (`html`, `markdown`, …).
    pub renderer: String,
    /// The calling mdBook's version.
    pub mdbook_version: String,
    /// Whether this run reports warnings: mdBook runs the preprocessor once
    /// per renderer, and only the first run of a build reports them.
    pub warns: bool,
}

impl Context {
    /// Whether maps go in as HTML (else as Markdown).
    #[must_use]
    pub fn html(&self) -> bool {
        self.renderer == "html"
    }
}

/// Whether the preprocessor runs for `renderer`: for every one (`html` gets
/// the HTML map, any other the Markdown map), so no renderer ever shows a
/// `{{#journeymap}}` as it was written.
#[must_use]
pub fn supports(renderer: &str) -> bool {
    !renderer.trim().is_empty()
}

/// The `[context, book]` mdBook writes on stdin.
///
/// # Errors
/// Input that is not such a pair, in words (the JSON parser's).
pub fn read_input(input: &[u8]) -> Result<(Context, Value), String> {
    let value: Value = serde_json::from_slice(input).map_err(|e| e.to_string())?;
    let Value::Array(mut pair) = value else {
        return Err("expected the array `[context, book]`".to_owned());
    };
    if pair.len() != 2 {
        return Err(format!(
            "expected the array `[context, book]`, found {} item(s)",
            pair.len()
        ));
    }
    let book = pair.pop().unwrap_or(Value::Null);
    let ctx = pair.pop().unwrap_or(Value::Null);
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let root = text(&ctx["root"]).ok_or("the context has no `root`")?;
    if !book.is_object() || !(book.get("items").is_some() || book.get("sections").is_some()) {
        return Err("the book has no `items` (nor the `sections` of mdBook 0.4)".to_owned());
    }
    let renderer = text(&ctx["renderer"]).unwrap_or_else(|| "html".into());
    Ok((
        Context {
            root: PathBuf::from(root),
            src: PathBuf::from(text(&ctx["config"]["book"]["src"]).unwrap_or_else(|| "src".into())),
            warns: first_renderer(&ctx["config"]).is_none_or(|r| r == renderer),
            renderer,
            mdbook_version: text(&ctx["mdbook_version"]).unwrap_or_default(),
        },
        book,
    ))
}

/// The renderer mdBook runs this preprocessor for first: the first of the
/// book's `output` tables (mdBook runs them in that order; `html` when there
/// is none) that the preprocessor's table does not leave out with `renderers`.
fn first_renderer(config: &Value) -> Option<String> {
    let outputs: Vec<&str> = match config["output"].as_object() {
        Some(o) if !o.is_empty() => o.keys().map(String::as_str).collect(),
        _ => vec!["html"],
    };
    let ours = config["preprocessor"].as_object().and_then(|p| {
        p.iter()
            .find(|(name, t)| {
                t["command"]
                    .as_str()
                    .map_or(name.as_str() == "journeymap", |c| {
                        c.contains("mdbook-journeymap")
                    })
            })
            .map(|(_, t)| t)
    });
    let only: Option<Vec<&str>> = ours
        .and_then(|t| t["renderers"].as_array())
        .map(|r| r.iter().filter_map(Value::as_str).collect());
    outputs
        .into_iter()
        .find(|o| only.as_ref().is_none_or(|only| only.contains(o)))
        .map(str::to_owned)
}

/// A problem with a place in a chapter, not inside a spec: the chapter (as a
/// source file, named from the book's root), the place, what is wrong.
#[derive(Debug)]
pub struct Trouble {
    pub chapter: SourceFile,
    pub span: Range<usize>,
    pub say: Say,
}

/// What to report, in book order.
#[derive(Debug)]
pub enum Report {
    /// A spec's diagnostics (each spec once, however many places show it).
    Spec(Box<Compilation>),
    /// A place that gives no map.
    Place(Trouble),
}

/// The book with its maps, and what to report.
#[derive(Debug)]
pub struct Outcome {
    pub book: Value,
    pub reports: Vec<Report>,
    /// Maps put in the book.
    pub maps: usize,
}

impl Outcome {
    /// Whether the build must fail: a spec or a place with an error.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.reports.iter().any(|r| match r {
            Report::Spec(c) => c.has_errors() || c.import_only,
            Report::Place(_) => true,
        })
    }
}

/// One chapter of the book: where its `content` is in the JSON, its file.
struct ChapterRef {
    pointer: String,
    source: PathBuf,
    content: String,
}

/// Every chapter with a file, depth first, as JSON pointers to its `content`.
fn chapters(book: &Value) -> Vec<ChapterRef> {
    fn walk(items: &Value, at: &str, out: &mut Vec<ChapterRef>) {
        let Some(items) = items.as_array() else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(ch) = item.get("Chapter") else {
                continue;
            };
            let here = format!("{at}/{i}/Chapter");
            if let (Some(source), Some(content)) =
                (ch["source_path"].as_str(), ch["content"].as_str())
            {
                out.push(ChapterRef {
                    pointer: format!("{here}/content"),
                    source: PathBuf::from(source),
                    content: content.to_owned(),
                });
            }
            walk(&ch["sub_items"], &format!("{here}/sub_items"), out);
        }
    }
    let mut out = Vec::new();
    let key = if book.get("items").is_some() {
        "items"
    } else {
        "sections"
    };
    walk(&book[key], &format!("/{key}"), &mut out);
    out
}

/// `path` with `.` dropped and `dir/..` folded, for showing (`src/a/../b.yaml` → `src/b.yaml`).
fn tidy(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out.iter().collect()
}

/// A path as shown in messages, with `/` on every system.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What a place shows: a spec file, or the spec written in the chapter.
enum Source {
    File {
        path: PathBuf,
        name: String,
    },
    Inline {
        name: String,
        path: PathBuf,
        text: String,
    },
}

/// The places of the book, resolved: which chapter, where, which spec (an
/// index into the compiled specs), or the trouble it is.
struct Job {
    chapter: usize,
    place: Place,
    spec: Option<usize>,
}

/// Replace every map place of `book`'s chapters for `ctx.renderer`, compiling
/// each spec file once with `levels`.
#[must_use]
pub fn preprocess(ctx: &Context, mut book: Value, levels: &CliLevels) -> Outcome {
    let chapters = chapters(&book);
    let mut specs: Vec<(Compilation, PathBuf)> = Vec::new();
    let mut by_file: HashMap<PathBuf, usize> = HashMap::new();
    let mut reports: Vec<Option<Report>> = Vec::new();
    let mut jobs = Vec::new();
    for (i, ch) in chapters.iter().enumerate() {
        let chapter_name = shown(&tidy(&ctx.src.join(&ch.source)));
        for place in chapter::places(&ch.content) {
            let trouble = |say| {
                Report::Place(Trouble {
                    chapter: SourceFile::new(
                        chapter_name.clone(),
                        ctx.root.join(&ctx.src).join(&ch.source),
                        ch.content.clone(),
                    ),
                    span: place.span(),
                    say,
                })
            };
            let source = match source(ctx, ch, &chapter_name, &place) {
                Ok(s) => s,
                Err(say) => {
                    reports.push(Some(trouble(say)));
                    continue;
                }
            };
            let key = match &source {
                Source::File { path, .. } => {
                    Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
                }
                Source::Inline { .. } => None,
            };
            if let Some(&n) = key.as_ref().and_then(|k| by_file.get(k)) {
                jobs.push(Job {
                    chapter: i,
                    place,
                    spec: Some(n),
                });
                continue;
            }
            let compiled = match source {
                Source::File { path, name } => compile(&path, &name, levels)
                    .map(|c| (c, path))
                    .map_err(|e| Say::CannotRead {
                        file: name,
                        problem: e.problem(),
                    }),
                Source::Inline { name, path, text } => {
                    Ok((compile_text(&name, &path, &text, levels), path))
                }
            };
            match compiled {
                Ok((c, path)) => {
                    if c.import_only && !c.has_errors() {
                        let file = c.sources.get(crate::source::FileId(0)).name.clone();
                        reports.push(Some(trouble(Say::MdbookNotAJourney { file })));
                        continue;
                    }
                    let n = specs.len();
                    if let Some(k) = key {
                        by_file.insert(k, n);
                    }
                    specs.push((c, path));
                    reports.push(None); // the spec's report, filled once linked
                    jobs.push(Job {
                        chapter: i,
                        place,
                        spec: Some(n),
                    });
                }
                Err(say) => reports.push(Some(trouble(say))),
            }
        }
    }
    link(&mut specs, levels);
    let (maps, failed) = replace(ctx, &mut book, &chapters, &jobs, &specs);
    let mut compiled = specs.into_iter().map(|(c, _)| Report::Spec(Box::new(c)));
    let mut reports: Vec<Report> = reports
        .into_iter()
        .filter_map(|r| r.or_else(|| compiled.next()))
        .collect();
    reports.extend(failed.into_iter().map(Report::Place));
    Outcome {
        book,
        reports,
        maps,
    }
}

/// The spec a place shows, or what is wrong with the place.
fn source(
    ctx: &Context,
    ch: &ChapterRef,
    chapter_name: &str,
    place: &Place,
) -> Result<Source, Say> {
    let folder = ch.source.parent().unwrap_or(Path::new(""));
    match place {
        Place::Directive { args, .. } => {
            let mut words = ch.content[args.clone()].split_whitespace();
            let Some(written) = words.next() else {
                return Err(Say::MdbookNoPath);
            };
            if let Some(extra) = words.next() {
                return Err(Say::MdbookExtra {
                    word: extra.to_owned(),
                });
            }
            let from_root = ctx.src.join(folder).join(written);
            Ok(Source::File {
                path: ctx.root.join(&from_root),
                name: shown(&tidy(&from_root)),
            })
        }
        Place::Block {
            body, first_line, ..
        } => Ok(Source::Inline {
            name: chapter_name.to_owned(),
            path: ctx.root.join(&ctx.src).join(&ch.source),
            // The spec's lines where they are in the chapter, so that its
            // diagnostics point into the chapter at the right line and column.
            text: format!("{}{body}", "\n".repeat(first_line.saturating_sub(1))),
        }),
    }
}

/// Link the journeys that name each other (`parent`, `compare_to`), as
/// `build` does for the specs of a run.
fn link(specs: &mut [(Compilation, PathBuf)], levels: &CliLevels) {
    let linked = specs.iter().any(|(c, _)| {
        c.journey
            .as_ref()
            .is_some_and(|j| j.parent.is_some() || !j.compare_to.is_empty())
    });
    if !linked {
        return;
    }
    let catalog = crate::relate::Catalog::new(levels.clone());
    for (c, path) in specs.iter() {
        catalog.insert(path, c);
    }
    for (c, path) in specs.iter_mut() {
        crate::relate::link(c, path, &catalog);
    }
    let mut journeys: Vec<(PathBuf, &mut Journey)> = specs
        .iter_mut()
        .filter_map(|(c, p)| Some((p.clone(), c.journey.as_mut()?)))
        .collect();
    crate::relate::link_details(&mut journeys);
}

/// Put the maps into the chapters' content; returns how many went in, and
/// the places whose map could not be written (a bug in a template).
fn replace(
    ctx: &Context,
    book: &mut Value,
    chapters: &[ChapterRef],
    jobs: &[Job],
    specs: &[(Compilation, PathBuf)],
) -> (usize, Vec<Trouble>) {
    let renderer = Renderer::default();
    let mut rendered: HashMap<usize, Result<Option<String>, String>> = HashMap::new();
    let mut edits: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); chapters.len()];
    let mut failed = Vec::new();
    let mut maps = 0;
    for job in jobs {
        let Some(n) = job.spec else { continue };
        let (c, path) = &specs[n];
        let text = rendered
            .entry(n)
            .or_insert_with(|| render_one(&renderer, ctx, c))
            .clone();
        let text = match text {
            Ok(Some(t)) => t,
            Ok(None) => continue, // the spec has errors: reported, the build fails
            Err(error) => {
                failed.push(cannot_render(
                    ctx,
                    &chapters[job.chapter],
                    &job.place,
                    path,
                    error,
                ));
                continue;
            }
        };
        maps += 1;
        let text = if ctx.html() {
            match embed::embed(&text, maps) {
                Some(t) => t,
                None => {
                    let error = "not a page as journeymap writes them".to_owned();
                    failed.push(cannot_render(
                        ctx,
                        &chapters[job.chapter],
                        &job.place,
                        path,
                        error,
                    ));
                    continue;
                }
            }
        } else {
            text
        };
        edits[job.chapter].push((job.place.span(), framed(&text, &job.place)));
    }
    for (ch, edits) in chapters.iter().zip(edits) {
        if edits.is_empty() {
            continue;
        }
        if let Some(slot) = book.pointer_mut(&ch.pointer) {
            *slot = Value::String(splice(&ch.content, edits));
        }
    }
    (maps, failed)
}

fn cannot_render(
    ctx: &Context,
    ch: &ChapterRef,
    place: &Place,
    spec: &Path,
    error: String,
) -> Trouble {
    Trouble {
        chapter: SourceFile::new(
            shown(&tidy(&ctx.src.join(&ch.source))),
            ctx.root.join(&ctx.src).join(&ch.source),
            ch.content.clone(),
        ),
        span: place.span(),
        say: Say::MdbookCannotRender {
            file: shown(spec),
            error,
        },
    }
}

/// The page (HTML renderer) or the Markdown of a compiled spec; `None` for
/// a spec with errors, the template error in words.
fn render_one(
    renderer: &Renderer,
    ctx: &Context,
    c: &Compilation,
) -> Result<Option<String>, String> {
    let Some(journey) = c.journey.as_ref() else {
        return Ok(None);
    };
    let insights = crate::insight::insights(journey);
    let p = Presentation::new(journey, &insights);
    let format = if ctx.html() {
        Format::HTML
    } else {
        Format::named("md").ok_or("no Markdown format")?
    };
    renderer
        .render(&p, format)
        .map(Some)
        .map_err(|e| render::describe_error(&e, None))
}

/// The text that takes a place's room: its lines with the place's container
/// prefix, and a blank line (in that container) before and after, so that
/// Markdown reads the map as a block of its own.
fn framed(text: &str, place: &Place) -> String {
    let prefix = place.prefix();
    let blank = prefix.trim_end();
    let lines: Vec<String> = text
        .trim_end_matches('\n')
        .lines()
        .map(|l| {
            if l.is_empty() {
                blank.to_owned()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect();
    match place {
        // The directive's line keeps what stood before it (its prefix).
        Place::Directive { .. } => format!("\n{blank}\n{}\n{blank}\n{prefix}", lines.join("\n")),
        // A block's room is its whole lines, from the start of the first.
        Place::Block { .. } => format!("{blank}\n{}\n{blank}\n", lines.join("\n")),
    }
}

/// `text` with each range replaced (the ranges in order, not overlapping).
fn splice(text: &str, edits: Vec<(Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, new) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}
