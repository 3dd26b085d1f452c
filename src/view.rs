//! What templates see: the journey, labels in its locale, and computed facts.
//!
//! Templates get only this (never the raw spec), through `UndefinedBehavior::Strict`,
//! so a renamed field is an error rather than silently empty output. Layout
//! decisions that need logic (which lanes to show, DOM ids, the curve's
//! geometry, the print size) are made here and in `chart`, not in templates.

use crate::chart::{self, Curve, LoopArrow, Metrics, Moment, Picture};
use crate::insight::Insights;
use crate::labels::{Labels, labels};
use crate::model::{Journey, Persona, Scale, Stage, Touchpoint};
use indexmap::IndexMap;
use serde::Serialize;

/// The template context.
#[derive(Serialize)]
pub struct View<'a> {
    pub journey: &'a Journey,
    pub insights: &'a Insights,
    /// Personas by id, for looking up names from a touchpoint's emotion map.
    pub personas: IndexMap<&'a str, &'a Persona>,
    /// Whether any touchpoint gives its personas different emotions.
    pub emotions_differ: bool,
    /// The description split into paragraphs (at blank lines).
    pub description: Vec<String>,
    /// The same paragraphs for the HTML header, with no space left where a
    /// line break fell between Japanese characters.
    pub lede: Vec<String>,
    pub labels: &'static Labels,
    /// `journeymap <version>`, for the footer.
    pub generator: &'static str,
    /// The map grid: stages, their touchpoint columns, and which lanes have content.
    pub map: Map<'a>,
    /// Colour, dash and initial of each persona, by id.
    pub persona_styles: IndexMap<&'a str, PersonaStyle>,
    /// Safe DOM ids of touchpoints and stages, by key.
    pub tp_ids: IndexMap<&'a str, String>,
    pub stage_ids: IndexMap<&'a str, String>,
    /// Channel names by id (for ids listed in insights).
    pub channel_names: IndexMap<&'a str, &'a str>,
    /// The emotion curve on the map's touchpoint columns (HTML only; `none` elsewhere).
    pub chart: Option<Curve>,
    /// The arrow over the stage bands to the `loop_to` stage.
    pub loop_arrow: Option<LoopArrow>,
    /// The standalone picture (`-f svg` only; `none` elsewhere).
    pub picture: Option<Picture>,
    /// A sentence that describes the curve, for screen readers.
    pub curve_description: String,
    /// The printed sheet: page size and zoom that fit the map's width.
    pub print: Print,
}

/// The name and version of this build, e.g. `journeymap 0.1.0`.
pub const GENERATOR: &str = concat!("journeymap ", env!("CARGO_PKG_VERSION"));

#[derive(Serialize)]
pub struct PersonaStyle {
    /// Index into the persona palette (`p0`…`p7` in CSS).
    pub color: usize,
    pub dash: &'static str,
    /// Shown when the persona has no avatar.
    pub initial: String,
}

#[derive(Serialize)]
pub struct Map<'a> {
    /// Number of touchpoint columns (a stage with no touchpoint keeps one).
    pub columns: usize,
    pub stages: Vec<StageView<'a>>,
    pub lanes: Lanes,
}

#[derive(Serialize)]
pub struct StageView<'a> {
    pub stage: &'a Stage,
    pub number: usize,
    pub dom: String,
    /// Index of the stage colour (`h0`…`h7` in CSS).
    pub hue: usize,
    /// Columns this stage spans.
    pub span: usize,
    pub loop_target: bool,
    pub touchpoints: Vec<TouchpointView<'a>>,
}

#[derive(Serialize)]
pub struct TouchpointView<'a> {
    pub tp: &'a Touchpoint,
    pub dom: String,
    /// The personas of the touchpoint when it is not all of them, else empty.
    pub only: Vec<&'a str>,
    pub kind_icon: &'static str,
}

/// Which lanes (rows) of the map have content; empty lanes are left out.
#[derive(Serialize, Default, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)]
pub struct Lanes {
    pub description: bool,
    pub goal: bool,
    pub questions: bool,
    pub touchpoints: bool,
    pub action: bool,
    pub thought: bool,
    pub curve: bool,
    /// Feelings of touchpoints that have no emotion (the others are on the curve).
    pub feeling: bool,
    pub pain_points: bool,
    pub stage_pain_points: bool,
    pub opportunities: bool,
    pub stage_opportunities: bool,
    pub backstage: bool,
    pub owner: bool,
    pub kpis: bool,
    pub metrics: bool,
    pub evidence: bool,
}

#[derive(Serialize)]
pub struct Print {
    /// The CSS `@page` size: `A3 landscape`, or larger ISO sheets in mm (landscape).
    pub page: &'static str,
    /// The zoom that fits the map on the sheet's width (with `scale` applied).
    pub zoom: String,
    /// The root font size on paper, relative to the screen's.
    pub scale: String,
}

/// Width of the lane labels and of a touchpoint column, in CSS px (8.5rem, 10.5rem).
const LANE_PX: f64 = 136.0;

impl<'a> View<'a> {
    /// The context for one template format: the chart geometry is laid out only
    /// for the format that draws it (`chart` for HTML, `picture` for SVG).
    #[must_use]
    pub fn new(
        journey: &'a Journey,
        insights: &'a Insights,
        format: crate::render::Format,
    ) -> Self {
        use crate::render::Format;
        let labels = labels(journey.locale);
        let map = map(journey);
        View {
            journey,
            insights,
            personas: journey
                .personas
                .iter()
                .map(|p| (p.id.as_str(), p))
                .collect(),
            emotions_differ: journey.emotions_differ(),
            description: journey
                .description
                .as_deref()
                .map(|d| paragraphs(d, false))
                .unwrap_or_default(),
            lede: journey
                .description
                .as_deref()
                .map(|d| paragraphs(d, true))
                .unwrap_or_default(),
            labels,
            generator: GENERATOR,
            print: print(map.columns),
            map,
            persona_styles: journey
                .personas
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        p.id.as_str(),
                        PersonaStyle {
                            color: i % chart::PALETTE.len(),
                            dash: chart::DASHES
                                [(i / chart::PALETTE.len() + i) % chart::DASHES.len()],
                            initial: p.name.chars().take(1).collect(),
                        },
                    )
                })
                .collect(),
            tp_ids: journey
                .stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .map(|t| (t.key.as_str(), chart::dom_id("tp-", &t.key)))
                .collect(),
            stage_ids: journey
                .stages
                .iter()
                .map(|s| (s.key.as_str(), chart::dom_id("stage-", &s.key)))
                .collect(),
            channel_names: journey
                .channels
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
            chart: (format == Format::Html).then(|| chart::curve(journey, labels, &Metrics::HTML)),
            loop_arrow: chart::loop_arrow(journey, labels, Metrics::HTML.col, 34.0),
            picture: (format == Format::Svg).then(|| chart::picture(journey, labels)),
            curve_description: chart::describe(journey, labels),
        }
    }
}

/// What the built-in HTML template reads, and nothing more.
///
/// Turning the whole [`View`] into template values costs more than rendering
/// the page: every touchpoint twice (`journey` and `map`) and every point of
/// the curve, a field at a time (about 160 ms and 100 MB on a map of 10 000
/// touchpoints). The built-in `journey.html` reads only the head of the
/// journey, because the parts that repeat per touchpoint are written in Rust
/// (`render::html`). So when no `--templates` folder is given, the template
/// gets this; a user's template gets the whole view, as documented in
/// docs/templates.md. Strict undefined behaviour makes the built-in template
/// fail its golden tests if it ever reads a field left out here.
#[derive(Serialize)]
pub struct BuiltinHtml<'v, 'a> {
    journey: JourneyHead<'a>,
    insights: &'a Insights,
    personas: &'v IndexMap<&'a str, &'a Persona>,
    emotions_differ: bool,
    description: &'v [String],
    lede: &'v [String],
    labels: &'static Labels,
    generator: &'static str,
    map: MapHead,
    persona_styles: &'v IndexMap<&'a str, PersonaStyle>,
    tp_ids: &'v IndexMap<&'a str, String>,
    stage_ids: &'v IndexMap<&'a str, String>,
    channel_names: &'v IndexMap<&'a str, &'a str>,
    chart: Option<CurveHead<'v>>,
    loop_arrow: &'v Option<LoopArrow>,
    curve_description: &'v str,
    print: &'v Print,
}

#[derive(Serialize)]
struct JourneyHead<'a> {
    title: &'a str,
    description: &'a Option<String>,
    locale: crate::model::Locale,
    state: Option<crate::model::State>,
    version: &'a Option<String>,
    owner: &'a Option<String>,
    tags: &'a [String],
    scale: Scale,
    loop_to: &'a Option<String>,
    personas: &'a [Persona],
    channels: &'a [crate::model::Channel],
    stages: Vec<StageHead<'a>>,
}

#[derive(Serialize)]
struct StageHead<'a> {
    id: &'a Option<String>,
    key: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct MapHead {
    columns: usize,
    lanes: Lanes,
}

#[derive(Serialize)]
struct CurveHead<'v> {
    has_points: bool,
    any_evidence: bool,
    any_assumed: bool,
    moments: &'v [Moment],
    series: Vec<SeriesHead<'v>>,
}

#[derive(Serialize)]
struct SeriesHead<'v> {
    persona: &'v Option<String>,
    name: &'v str,
    color: Option<usize>,
    dash: &'static str,
}

impl<'a> View<'a> {
    /// The context of the built-in HTML template (see [`BuiltinHtml`]).
    #[must_use]
    pub fn builtin_html(&self) -> BuiltinHtml<'_, 'a> {
        let j = self.journey;
        BuiltinHtml {
            journey: JourneyHead {
                title: &j.title,
                description: &j.description,
                locale: j.locale,
                state: j.state,
                version: &j.version,
                owner: &j.owner,
                tags: &j.tags,
                scale: j.scale,
                loop_to: &j.loop_to,
                personas: &j.personas,
                channels: &j.channels,
                stages: j
                    .stages
                    .iter()
                    .map(|s| StageHead {
                        id: &s.id,
                        key: &s.key,
                        name: &s.name,
                    })
                    .collect(),
            },
            insights: self.insights,
            personas: &self.personas,
            emotions_differ: self.emotions_differ,
            description: &self.description,
            lede: &self.lede,
            labels: self.labels,
            generator: self.generator,
            map: MapHead {
                columns: self.map.columns,
                lanes: self.map.lanes,
            },
            persona_styles: &self.persona_styles,
            tp_ids: &self.tp_ids,
            stage_ids: &self.stage_ids,
            channel_names: &self.channel_names,
            chart: self.chart.as_ref().map(|c| CurveHead {
                has_points: c.has_points,
                any_evidence: c.any_evidence,
                any_assumed: c.any_assumed,
                moments: &c.moments,
                series: c
                    .series
                    .iter()
                    .map(|s| SeriesHead {
                        persona: &s.persona,
                        name: &s.name,
                        color: s.color,
                        dash: s.dash,
                    })
                    .collect(),
            }),
            loop_arrow: &self.loop_arrow,
            curve_description: &self.curve_description,
            print: &self.print,
        }
    }
}

fn map(j: &Journey) -> Map<'_> {
    let all = j.personas.len();
    let stages: Vec<StageView> = j
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| StageView {
            stage: s,
            number: i + 1,
            dom: chart::dom_id("stage-", &s.key),
            hue: i % 8,
            span: s.touchpoints.len().max(1),
            loop_target: j.loop_to.is_some() && s.id == j.loop_to,
            touchpoints: s
                .touchpoints
                .iter()
                .map(|t| TouchpointView {
                    tp: t,
                    dom: chart::dom_id("tp-", &t.key),
                    only: if t.personas.len() < all {
                        t.personas.iter().map(String::as_str).collect()
                    } else {
                        Vec::new()
                    },
                    kind_icon: kind_icon(t.channel.as_ref().and_then(|c| c.kind.as_deref())),
                })
                .collect(),
        })
        .collect();
    let tps = || j.stages.iter().flat_map(|s| &s.touchpoints);
    let any_tp = |f: &dyn Fn(&Touchpoint) -> bool| tps().any(f);
    let any_stage = |f: &dyn Fn(&Stage) -> bool| j.stages.iter().any(f);
    let lanes = Lanes {
        description: any_stage(&|s| s.description.is_some()),
        goal: any_stage(&|s| s.goal.is_some()),
        questions: any_stage(&|s| !s.questions.is_empty()),
        touchpoints: any_tp(&|_| true),
        action: any_tp(&|t| t.action.is_some()),
        thought: any_tp(&|t| t.thought.is_some()),
        curve: any_tp(&|t| !t.emotion.is_empty()),
        feeling: any_tp(&|t| t.feeling.is_some() && t.emotion.is_empty()),
        pain_points: any_tp(&|t| !t.pain_points.is_empty()),
        stage_pain_points: any_stage(&|s| !s.pain_points.is_empty()),
        opportunities: any_tp(&|t| !t.opportunities.is_empty()),
        stage_opportunities: any_stage(&|s| !s.opportunities.is_empty()),
        backstage: any_tp(&|t| !t.backstage.is_empty()),
        owner: any_tp(&|t| t.owner.is_some()),
        kpis: any_stage(&|s| !s.kpis.is_empty()),
        metrics: any_tp(&|t| !t.metrics.is_empty()),
        evidence: any_tp(&|t| !t.evidence.is_empty()),
    };
    Map {
        columns: stages.iter().map(|s| s.span).sum(),
        stages,
        lanes,
    }
}

fn kind_icon(kind: Option<&str>) -> &'static str {
    match kind {
        Some("online") => "🌐",
        Some("offline") => "🏬",
        Some("mobile") => "📱",
        Some("social") => "💬",
        Some("email") => "✉️",
        Some("phone") => "📞",
        Some("in_person") => "🤝",
        Some(_) => "◦",
        None => "",
    }
}

/// The smallest ISO sheet (landscape) on which the map prints at a readable
/// zoom; past A0 the map is zoomed out to fit, so nothing is ever clipped.
#[allow(clippy::cast_precision_loss)]
fn print(columns: usize) -> Print {
    // Chromium knows `A3` but not the larger sheets by name.
    const SHEETS: [(&str, f64); 4] = [
        ("A3 landscape", 420.0),
        ("594mm 420mm", 594.0),
        ("841mm 594mm", 841.0),
        ("1189mm 841mm", 1189.0),
    ];
    const MARGIN_MM: f64 = 10.0;
    // The map prints at 85 % (about 8 pt text), down to 70 % on a sheet that
    // is just too small, before the next sheet size is taken.
    const LARGEST: f64 = 0.85;
    const READABLE: f64 = 0.7;
    let map_px = LANE_PX + columns as f64 * Metrics::HTML.col;
    let fit = |mm: f64| ((mm - 2.0 * MARGIN_MM) * 96.0 / 25.4 / map_px).min(LARGEST);
    let (page, width) = SHEETS
        .iter()
        .copied()
        .find(|&(_, mm)| fit(mm) >= READABLE)
        .unwrap_or(SHEETS[3]);
    // Text outside the map grows with the sheet (A3 1×, A2 1.19×, A1 1.41×,
    // A0 1.68×), so a poster is not a small page in a large margin. The map is
    // sized in rem too, so its zoom is divided by the same factor.
    let scale = ((width / SHEETS[0].1).sqrt() * 100.0).round() / 100.0;
    // Rounded down, so rounding never makes the map wider than the sheet.
    let zoom = (fit(width) / scale * 1000.0).floor() / 1000.0;
    Print {
        page,
        zoom: format!("{zoom}"),
        scale: format!("{scale}"),
    }
}

/// Split text into paragraphs at blank lines. Lines inside a paragraph are
/// joined with a space, or (`cjk`) with nothing next to a Japanese (wide) character.
fn paragraphs(text: &str, cjk: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let wide = |c: Option<char>| c.is_some_and(chart::text::is_wide);
        let tight = cjk && (wide(cur.chars().last()) || wide(line.chars().next()));
        if !(cur.is_empty() || tight) {
            cur.push(' ');
        }
        cur.push_str(line);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_lines_and_split_at_blank_lines() {
        assert_eq!(
            paragraphs("one\ntwo\n\nthree\n", true),
            ["one two".to_owned(), "three".to_owned()]
        );
        assert_eq!(
            paragraphs("社会人が、\n無料体験を経て\n", true),
            ["社会人が、無料体験を経て"]
        );
    }

    #[test]
    fn the_sheet_grows_with_the_map() {
        assert_eq!(print(6).page, "A3 landscape");
        assert_eq!(print(6).zoom, "0.85");
        assert_eq!(print(6).scale, "1");
        assert_eq!(print(20).scale, "1.42");
        assert_eq!(print(10).page, "A3 landscape");
        assert_eq!(print(20).page, "841mm 594mm");
        assert_eq!(print(200).page, "1189mm 841mm");
        assert!(print(200).zoom.parse::<f64>().unwrap() < 0.2);
    }
}
