//! What templates see: the journey, labels in its locale, and computed facts.
//!
//! Templates get only this (never the raw spec), through `UndefinedBehavior::Strict`,
//! so a renamed field is an error rather than silently empty output. Every fact
//! comes from the presentation layer (`crate::present`) or the insights; the
//! templates only place them.
//!
//! The view is two parts. [`Page`] holds the facts a page shows once (the
//! header, the legend, the persona cards, the insights, DOM ids): the built-in
//! HTML page reads only these, because its parts that repeat per touchpoint
//! are written in Rust (`render::html`). The rest ([`View::journey`],
//! [`View::map`], [`View::chart`], [`View::picture`]) grows with the journey.
//! A user's template gets the whole view, the page's fields at the top level
//! beside the others; the built-in page gets the page alone, which keeps
//! rendering a map of 10 000 touchpoints from turning every one of them into
//! template values (about 160 ms and 100 MB; docs/performance.md). Strict
//! undefined behaviour makes the built-in template fail its golden tests if it
//! ever reads a field outside the page.

use crate::chart::{self, Curve, LoopArrow, Metrics, Overview, Picture};
use crate::insight::Insights;
use crate::locale::Labels;
use crate::model::{Journey, Persona, State, Touchpoint};
use crate::present::fields::{FIELDS, Field};
use crate::present::grid::Grid;
use crate::present::{PersonaLook, Presentation, SeriesLook, StageLook, TpLook, score, text};
use indexmap::IndexMap;
use serde::Serialize;

/// The template context.
#[derive(Serialize)]
pub struct View<'p, 'j> {
    #[serde(flatten)]
    pub page: Page<'p, 'j>,
    pub journey: &'j Journey,
    /// The map grid: stages, their touchpoint columns, and which lanes have content.
    pub map: Map<'p, 'j>,
    /// The emotion curve on the map's touchpoint columns (HTML only; `none` elsewhere).
    pub chart: Option<Curve<'p>>,
    /// The standalone picture (`-f svg` only; `none` elsewhere).
    pub picture: Option<Picture<'p>>,
    /// The facts every output reads (not given to templates).
    #[serde(skip)]
    pub present: &'p Presentation<'j>,
    /// The widths of the map's columns (HTML only).
    #[serde(skip)]
    pub grid: Option<Grid>,
    /// The whole journey at a glance, above the map (HTML only).
    pub overview: Option<Overview>,
}

/// The facts a page shows once (see the module doc).
#[derive(Serialize)]
pub struct Page<'p, 'j> {
    pub title: &'j str,
    pub state: Option<State>,
    pub version: Option<&'j str>,
    pub owner: Option<&'j str>,
    pub tags: &'j [String],
    /// The scale's ends as shown (`−2`, `+2`), and its numbers (for the `score`
    /// and `valence` filters).
    pub scale: ScaleView,
    pub counts: Counts,
    /// The persona cards, in spec order.
    pub persona_cards: &'j [Persona],
    pub stage_names: Vec<&'j str>,
    /// The name of the stage the journey loops back to.
    pub loop_stage: Option<&'j str>,
    /// In a `--persona` view: whose view it is, and a link to the map of every persona.
    pub seen_by: Option<SeenBy<'p, 'j>>,
    /// The links to the other journeys: `parent` (the breadcrumb), `details`,
    /// `compared`, `full_map`.
    pub links: &'p crate::present::Links,
    pub insights: &'j Insights,
    /// The measured-data insights with their numbers as shown (units,
    /// percentages); empty lists without a `metrics` registry.
    pub measured_insights: crate::present::measured::InsightTexts,
    /// With `compare_to`: each stage's mean emotion here and in each compared
    /// journey (`columns`, `rows[]` with `stage`, `ours`, `theirs[]`).
    pub comparison: Option<crate::present::measured::ComparisonTable>,
    /// The journeys of `compare_to` (`name`, `dash`, `means`), drawn behind the curve.
    pub compared: &'p [crate::present::ComparedLook],
    /// The `metrics` registry as listed (empty without one).
    pub registry: Vec<crate::present::measured::RegistryRow>,
    /// Personas by id, for looking up names from a touchpoint's emotion map.
    pub personas: IndexMap<&'j str, &'j Persona>,
    /// Whether any touchpoint gives its personas different emotions.
    pub emotions_differ: bool,
    /// Every persona has an avatar of its own: tables name personas by avatar.
    pub by_avatar: bool,
    /// The keys of every persona's `attributes`, in order of first appearance.
    pub attribute_keys: &'p [&'j str],
    /// Which persona facts any persona has (a row each in a table of personas).
    pub persona_fields: PersonaFields,
    /// The description split into paragraphs (at blank lines).
    pub description: Vec<String>,
    /// The same paragraphs for the HTML header, with no space left where a
    /// line break fell between Japanese characters.
    pub lede: Vec<String>,
    pub labels: &'static Labels,
    /// `journeymap <version>`, for the footer.
    pub generator: &'static str,
    /// Name, colour, dash and initial of each persona, by id.
    pub persona_styles: IndexMap<&'j str, &'p PersonaLook<'j>>,
    /// Safe DOM ids of touchpoints and stages, by key.
    pub tp_ids: IndexMap<&'j str, &'p str>,
    pub stage_ids: IndexMap<&'j str, &'p str>,
    /// Channel names by id (for ids listed in insights).
    pub channel_names: IndexMap<&'j str, &'j str>,
    /// What the curve's legend lists.
    pub legend: Legend<'p>,
    /// The arrow over the stage bands to the `loop_to` stage.
    pub loop_arrow: Option<LoopArrow>,
    /// A sentence that describes the curve, for screen readers.
    pub curve_description: &'p str,
    /// The map is too wide for most screens: say that it scrolls.
    pub scroll_hint: bool,
    /// The map's narrowest width in CSS px (its columns at `grid::SHRINK`;
    /// HTML only): a window narrower than this scrolls it.
    pub map_width: Option<String>,
    /// How far the page may shrink and stretch the grid to fit the window
    /// (`present::grid::SHRINK`, `GROW`).
    pub grid_shrink: String,
    pub grid_grow: String,
    /// The printed sheet: page size and zoom that fit the map's width.
    pub print: Print,
    /// The touchpoints' plain facts, in order (`key`, `style`, `group`, `list`),
    /// with their labels.
    pub fields: Vec<FieldView>,
}

#[derive(Serialize)]
pub struct SeenBy<'p, 'j> {
    pub persona: &'p PersonaLook<'j>,
    pub full_map: Option<&'p str>,
}

/// A plain fact of touchpoints, for templates.
#[derive(Serialize)]
pub struct FieldView {
    #[serde(flatten)]
    pub field: &'static Field,
    pub label: &'static str,
}

#[derive(Serialize)]
pub struct ScaleView {
    pub min: f64,
    pub max: f64,
    pub midpoint: f64,
    /// `min` and `max` as shown.
    pub min_text: String,
    pub max_text: String,
}

#[derive(Serialize)]
pub struct Counts {
    pub personas: usize,
    pub stages: usize,
    pub touchpoints: usize,
}

#[derive(Serialize, Default)]
#[allow(clippy::struct_excessive_bools)]
pub struct PersonaFields {
    pub role: bool,
    pub segment: bool,
    pub quote: bool,
    pub goals: bool,
    pub needs: bool,
    pub pains: bool,
}

#[derive(Serialize)]
pub struct Legend<'p> {
    /// Whether any point is drawn.
    pub has_points: bool,
    pub series: &'p [SeriesLook],
    /// The measured emotion's curves (drawn dotted, with square markers).
    pub measured: &'p [SeriesLook],
    pub evidence: bool,
    pub assumed: bool,
    pub moments: bool,
}

#[derive(Serialize)]
pub struct Map<'p, 'j> {
    /// Number of touchpoint columns (a stage with no touchpoint keeps one).
    pub columns: usize,
    pub stages: Vec<StageView<'p, 'j>>,
    pub lanes: Lanes,
    /// The width of each column in CSS px, sized to its content (HTML only; see
    /// `present::grid`).
    pub widths: Vec<crate::present::Coord>,
}

#[derive(Serialize)]
pub struct StageView<'p, 'j> {
    pub stage: &'j crate::model::Stage,
    /// `number`, `dom`, `hue`, `span`, `loop_target`.
    #[serde(flatten)]
    pub look: &'p StageLook,
    pub touchpoints: &'p [TpLook<'j>],
    /// Which fields any touchpoint of the stage fills (a column each in a table).
    pub columns: Columns,
    /// The stage's own registry metrics, as shown.
    pub metrics: &'p [crate::present::measured::MetricShown],
    /// The stage's step of each funnel metric.
    pub funnel: Vec<crate::present::measured::FunnelCell>,
}

/// Which fields any touchpoint of a stage fills.
#[derive(Serialize, Default, Clone)]
#[allow(clippy::struct_excessive_bools)]
pub struct Columns {
    pub channel: bool,
    /// An emotion or a feeling.
    pub emotion: bool,
    pub pain_points: bool,
    pub opportunities: bool,
    pub metrics: bool,
    /// Any fact outside the story group, or metrics: a second table in Markdown.
    pub team: bool,
    /// Each plain fact of `present::fields::FIELDS`, by key.
    #[serde(flatten)]
    pub fields: IndexMap<&'static str, bool>,
}

impl Columns {
    fn of(tps: &[TpLook]) -> Self {
        let any = |f: &dyn Fn(&Touchpoint) -> bool| tps.iter().any(|t| f(t.tp));
        Columns {
            channel: any(&|t| t.channel.is_some()),
            emotion: any(&|t| !t.emotion.is_empty() || t.feeling.is_some()),
            pain_points: any(&|t| !t.pain_points.is_empty()),
            opportunities: any(&|t| !t.opportunities.is_empty()),
            metrics: tps
                .iter()
                .any(|t| !t.tp.metrics.is_empty() || !t.metrics.is_empty()),
            team: tps.iter().any(|t| t.team),
            fields: filled(tps.iter().map(|t| t.tp)),
        }
    }
}

/// For each plain fact, whether any of `tps` has it.
fn filled<'t>(tps: impl Iterator<Item = &'t Touchpoint> + Clone) -> IndexMap<&'static str, bool> {
    FIELDS
        .iter()
        .map(|f| (f.key, tps.clone().any(|t| !(f.value)(t).is_empty())))
        .collect()
}

/// Which lanes (rows) of the map have content; empty lanes are left out.
#[derive(Serialize, Default, Clone)]
#[allow(clippy::struct_excessive_bools)]
pub struct Lanes {
    pub description: bool,
    pub goal: bool,
    pub questions: bool,
    pub touchpoints: bool,
    pub curve: bool,
    /// Feelings of touchpoints that have no emotion (the others are on the curve).
    pub feeling: bool,
    pub pain_points: bool,
    pub stage_pain_points: bool,
    pub opportunities: bool,
    pub stage_opportunities: bool,
    pub kpis: bool,
    pub metrics: bool,
    /// A funnel metric's steps under the stages.
    pub funnel: bool,
    /// Each plain fact of `present::fields::FIELDS`, by key.
    #[serde(flatten)]
    pub fields: IndexMap<&'static str, bool>,
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

impl ScaleView {
    fn of(scale: crate::model::Scale) -> Self {
        ScaleView {
            min: scale.min.0,
            max: scale.max.0,
            midpoint: scale.midpoint.0,
            min_text: score(scale.min, scale.min),
            max_text: score(scale.max, scale.min),
        }
    }
}

impl PersonaFields {
    fn of(personas: &[Persona]) -> Self {
        let has = |f: &dyn Fn(&Persona) -> bool| personas.iter().any(f);
        PersonaFields {
            role: has(&|p| p.role.is_some()),
            segment: has(&|p| p.segment.is_some()),
            quote: has(&|p| p.quote.is_some()),
            goals: has(&|p| !p.goals.is_empty()),
            needs: has(&|p| !p.needs.is_empty()),
            pains: has(&|p| !p.pains.is_empty()),
        }
    }
}

impl<'p> Legend<'p> {
    fn of(p: &'p Presentation) -> Self {
        Legend {
            has_points: p.has_points(),
            series: &p.series,
            measured: &p.measured,
            evidence: p.any_evidence,
            assumed: p.any_assumed,
            moments: p
                .journey
                .stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .any(|t| t.moment_of_truth),
        }
    }
}

/// Width of the lane labels, in CSS px (8.5rem).
const LANE_PX: f64 = crate::present::grid::LANE;

/// The paper a page prints on (`build --paper`), landscape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// A3 landscape (420 × 297 mm)
    #[default]
    A3,
    /// A4 landscape (297 × 210 mm)
    A4,
}

impl Paper {
    fn landscape_mm(self) -> (f64, f64) {
        match self {
            Paper::A3 => (420.0, 297.0),
            Paper::A4 => (297.0, 210.0),
        }
    }

    /// The CSS `@page` size.
    fn css(self) -> &'static str {
        match self {
            Paper::A3 => "A3 landscape",
            Paper::A4 => "A4 landscape",
        }
    }
}

/// More columns than this do not fit most screens.
const SCROLL_COLUMNS: usize = 8;

impl<'p, 'j> View<'p, 'j> {
    /// The context of the templates of `p`, without the chart and the picture
    /// (a format that draws one lays it out with [`View::with_chart`] or
    /// [`View::with_picture`]).
    #[must_use]
    pub fn new(p: &'p Presentation<'j>) -> Self {
        let map = map(p);
        View {
            page: page(p, map.columns),
            journey: p.journey,
            map,
            chart: None,
            picture: None,
            present: p,
            grid: None,
            overview: None,
        }
    }

    /// Size the map's columns to their content, lay out the curve and the loop
    /// arrow on them, the overview, and the print on `paper` (HTML).
    #[must_use]
    pub fn with_chart(mut self, paper: Paper) -> Self {
        let grid = Grid::of(self.present);
        let curve = chart::curve(self.present, &Metrics::HTML, &grid);
        let height = crate::present::grid::height::map(
            self.present,
            &grid,
            curve.height.parse().unwrap_or(0.0),
        );
        self.page.print = print(paper, grid.total() + LANE_PX, height);
        self.chart = Some(curve);
        self.page.loop_arrow = chart::loop_arrow(self.present, &grid, 34.0);
        self.map.widths = grid
            .widths
            .iter()
            .map(|&w| crate::present::Coord(w))
            .collect();
        // The narrowest the page lays the grid out: below it, the map scrolls.
        self.page.map_width = Some(crate::present::num(
            grid.total() * crate::present::grid::SHRINK + crate::present::grid::LANE + 2.0,
        ));
        self.overview = Some(chart::overview(self.present));
        self.grid = Some(grid);
        self
    }

    /// Lay out the standalone SVG picture.
    #[must_use]
    pub fn with_picture(mut self) -> Self {
        self.picture = Some(chart::picture(self.present));
        self
    }
}

fn page<'p, 'j>(p: &'p Presentation<'j>, columns: usize) -> Page<'p, 'j> {
    let j = p.journey;
    Page {
        title: &j.title,
        state: j.state,
        version: j.version.as_deref(),
        owner: j.owner.as_deref(),
        tags: &j.tags,
        scale: ScaleView::of(j.scale),
        counts: Counts {
            personas: j.personas.len(),
            stages: j.stages.len(),
            touchpoints: p.journey.stages.iter().map(|s| s.touchpoints.len()).sum(),
        },
        persona_cards: &j.personas,
        stage_names: j.stages.iter().map(|s| s.name.as_str()).collect(),
        loop_stage: j
            .loop_to
            .as_deref()
            .and_then(|id| j.stages.iter().find(|s| s.id.as_deref() == Some(id)))
            .map(|s| s.name.as_str()),
        links: &p.links,
        seen_by: p.seen_by().map(|persona| SeenBy {
            persona,
            full_map: p.links.full_map.as_deref(),
        }),
        insights: p.insights,
        measured_insights: crate::present::measured::insight_texts(p),
        registry: crate::present::measured::registry(p.journey),
        compared: &p.compared,
        comparison: crate::present::measured::comparison(p),
        personas: j.personas.iter().map(|p| (p.id.as_str(), p)).collect(),
        emotions_differ: j.emotions_differ(),
        by_avatar: p.by_avatar,
        attribute_keys: &p.attribute_keys,
        persona_fields: PersonaFields::of(&j.personas),
        description: j
            .description
            .as_deref()
            .map(|d| paragraphs(d, false))
            .unwrap_or_default(),
        lede: j
            .description
            .as_deref()
            .map(|d| paragraphs(d, true))
            .unwrap_or_default(),
        labels: p.labels,
        generator: crate::present::GENERATOR,
        persona_styles: p.personas.iter().map(|l| (l.id, l)).collect(),
        tp_ids: p
            .touchpoints()
            .iter()
            .map(|t| (t.tp.key.as_str(), t.dom.as_str()))
            .collect(),
        stage_ids: j
            .stages
            .iter()
            .zip(&p.stages)
            .map(|(s, l)| (s.key.as_str(), l.dom.as_str()))
            .collect(),
        channel_names: j
            .channels
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect(),
        legend: Legend::of(p),
        loop_arrow: None,
        curve_description: &p.description,
        scroll_hint: columns > SCROLL_COLUMNS,
        map_width: None,
        grid_shrink: crate::present::grid::SHRINK.to_string(),
        grid_grow: crate::present::grid::GROW.to_string(),
        print: print(Paper::A3, LANE_PX + 168.0 * columns as f64, 1000.0),
        fields: FIELDS
            .iter()
            .map(|field| FieldView {
                field,
                label: (field.label)(p.labels),
            })
            .collect(),
    }
}

fn map<'p, 'j>(p: &'p Presentation<'j>) -> Map<'p, 'j> {
    let j = p.journey;
    let mut rest: &[TpLook] = p.touchpoints();
    let mut funnel = crate::present::measured::funnel(p).into_iter();
    let stages: Vec<StageView> = j
        .stages
        .iter()
        .zip(&p.stages)
        .map(|(s, look)| {
            let (here, after) = rest.split_at(s.touchpoints.len());
            rest = after;
            StageView {
                stage: s,
                look,
                touchpoints: here,
                columns: Columns::of(here),
                metrics: p.stage_metrics.get(&s.key).map_or(&[], Vec::as_slice),
                funnel: funnel.next().unwrap_or_default(),
            }
        })
        .collect();
    let tps = || j.stages.iter().flat_map(|s| &s.touchpoints);
    let any_tp = |f: &dyn Fn(&Touchpoint) -> bool| tps().any(f);
    let any_stage = |f: &dyn Fn(&crate::model::Stage) -> bool| j.stages.iter().any(f);
    let lanes = Lanes {
        description: any_stage(&|s| s.description.is_some()),
        goal: any_stage(&|s| s.goal.is_some()),
        questions: any_stage(&|s| !s.questions.is_empty()),
        touchpoints: any_tp(&|_| true),
        curve: any_tp(&|t| !t.emotion.is_empty() || !t.measured_emotion.is_empty()),
        feeling: any_tp(&|t| t.feeling.is_some() && t.emotion.is_empty()),
        pain_points: any_tp(&|t| !t.pain_points.is_empty()),
        stage_pain_points: any_stage(&|s| !s.pain_points.is_empty()),
        opportunities: any_tp(&|t| !t.opportunities.is_empty()),
        stage_opportunities: any_stage(&|s| !s.opportunities.is_empty()),
        kpis: any_stage(&|s| !s.kpis.is_empty() || p.stage_metrics.contains_key(&s.key)),
        metrics: p
            .touchpoints()
            .iter()
            .any(|t| !t.tp.metrics.is_empty() || !t.metrics.is_empty()),
        funnel: j.metrics.iter().any(|m| m.funnel)
            && p.insights.funnel.as_ref().is_some_and(|f| !f.is_empty()),
        fields: filled(tps()),
    };
    Map {
        columns: p.stages.iter().map(|s| s.span).sum(),
        stages,
        lanes,
        widths: Vec::new(),
    }
}

/// The printed sheet and the zoom that fits the map grid, its heading and its
/// legend on one page: the grid at its columns' widths must fit the sheet's
/// width and, by the estimate of `present::grid::height`, its height.
fn print(paper: Paper, width: f64, height: f64) -> Print {
    const MARGIN_MM: f64 = 10.0;
    /// The map's heading and legend above the grid, in px.
    const HEADING: f64 = 96.0;
    /// Zoom no further in than this (about 8 pt text on paper).
    const LARGEST: f64 = 0.85;
    let (w_mm, h_mm) = paper.landscape_mm();
    let px = |mm: f64| (mm - 2.0 * MARGIN_MM) * 96.0 / 25.4;
    let fit = (px(w_mm) / width.max(1.0))
        .min((px(h_mm) - HEADING) / height.max(1.0))
        .min(LARGEST);
    // Rounded down, so rounding never makes the map larger than the sheet.
    let zoom = (fit * 1000.0).floor() / 1000.0;
    Print {
        page: paper.css(),
        zoom: format!("{zoom}"),
        scale: "1".to_owned(),
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
        let wide = |c: Option<char>| c.is_some_and(text::is_wide);
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
    fn the_map_is_zoomed_to_fit_one_page() {
        let a3 = print(Paper::A3, 2000.0, 900.0);
        assert_eq!(a3.page, "A3 landscape");
        // 400 mm of 420 are 1511.8 px: the width decides.
        assert_eq!(a3.zoom, "0.755");
        let tall = print(Paper::A3, 1000.0, 2000.0);
        assert!(
            tall.zoom.parse::<f64>().unwrap() < 0.5,
            "the height decides"
        );
        let a4 = print(Paper::A4, 2000.0, 900.0);
        assert_eq!(a4.page, "A4 landscape");
        assert!(a4.zoom.parse::<f64>().unwrap() < 0.55);
        assert_eq!(
            print(Paper::A3, 300.0, 200.0).zoom,
            "0.85",
            "a small map stays readable"
        );
    }
}
