//! Raw spec → validated [`Journey`]: merge imports, resolve ids and references,
//! check every rule of SPEC.md §2, and collect all diagnostics.

use crate::diagnostic::{Diagnostic, closest};
use crate::load::Imported;
use crate::message::{ChannelHint, IdKind, NoteLabel, Problem, Suggestion};
use crate::model::{
    Channel, ChannelRef, Journey, JourneySpans, Locale, Metric, Num, Persona, PlaceValue, Scale,
    Stage, State, Touchpoint,
};
use crate::source::Span;
use crate::spec::{
    Capped, RawChannel, RawEmotion, RawPersona, RawStage, RawTouchpoint, Sp, SpecFile,
};
use indexmap::IndexMap;
use std::collections::HashMap;

mod imports;
mod items;
mod metrics;
pub use metrics::number_hint;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: ids are short, and hashing every touchpoint id with SipHash showed in profiles.
/// Not DoS-resistant, which does not matter for at most [`crate::spec::MAX_TOUCHPOINTS`] ids.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Validate a spec (with its imported files, in import order) into a journey.
///
/// `lints` are the lint names a spec's `lints:` may set: the pipeline passes
/// the registry's (`lint::NAMES`), since lints run on what this returns.
/// Returns the journey only when there is no error.
#[must_use]
pub fn analyze(
    spec: SpecFile,
    imports: Vec<Imported>,
    lints: &[&str],
) -> (Option<Journey>, Vec<Diagnostic>) {
    if !spec.is_mapping {
        return (None, Vec::new()); // already reported: nothing to analyze
    }
    let mut a = Analyzer {
        lints,
        pain_ids: IdSpace::new(IdKind::PainPoint),
        ..Analyzer::default()
    };
    let journey = a.journey(spec, imports);
    let ok = !a.diags.has_errors();
    (journey.filter(|_| ok), a.diags.finish())
}

#[derive(Default)]
struct Analyzer<'l> {
    /// The lint names `lints:` may set.
    lints: &'l [&'l str],
    diags: Capped,
    /// Personas summed over the touchpoints so far, against [`MAX_PERSONA_TOUCHPOINTS`].
    appearances: usize,
    /// The distinct free-text channels so far (without a registry), against [`crate::spec::MAX_CHANNELS`].
    free_channels: FastMap<String, ()>,
    too_many_channels: bool,
    /// Pain point ids, unique in the file.
    pain_ids: IdSpace,
    /// Every `addresses` entry, checked when all pain points are known.
    addressed: Vec<Sp<String>>,
    /// Every persona and channel id of the spec and its imports, used or not.
    all_persona_ids: Vec<String>,
    all_channel_ids: Vec<String>,
    /// Ids of definitions that have an error of their own (a persona without
    /// `name`): references to them are not errors too, as rustc does not
    /// report the uses of an item it could not resolve.
    broken_ids: Vec<(IdKind, String)>,
    /// Personas an import picks by id: used by the journey, named on a
    /// touchpoint or not (a touchpoint without `personas:` involves them).
    picked_personas: Vec<String>,
}

/// The error for a channel past [`crate::spec::MAX_CHANNELS`].
fn too_many_channels(span: Span) -> Diagnostic {
    let limit = crate::spec::MAX_CHANNELS;
    Diagnostic::error(Problem::TooManyChannels { limit }, span)
}

/// The most (persona, touchpoint) pairs a journey may have: every curve, emotion
/// and per-persona row is computed per pair, so this bounds the work of every
/// later stage (100 personas on 10 000 touchpoints; `huge` has 75 000 pairs).
pub const MAX_PERSONA_TOUCHPOINTS: usize = 1_000_000;

/// Ids seen in one id space, with where they were defined.
#[derive(Default)]
struct IdSpace {
    of: IdKind,
    seen: FastMap<String, Span>,
}

impl IdSpace {
    fn new(of: IdKind) -> Self {
        IdSpace {
            of,
            seen: FastMap::default(),
        }
    }

    /// Record `id`; report a duplicate at the second place with a note at the first.
    fn define(&mut self, id: &Sp<String>, diags: &mut Capped) -> bool {
        if let Some(first) = self.seen.get(&id.value) {
            let problem = Problem::DuplicateId {
                of: self.of,
                id: id.value.clone(),
            };
            diags.push(Diagnostic::error(problem, id.span).note(*first, NoteLabel::FirstDefined));
            false
        } else {
            self.seen.insert(id.value.clone(), id.span);
            true
        }
    }
}

impl Analyzer<'_> {
    fn journey(&mut self, spec: SpecFile, imports: Vec<Imported>) -> Option<Journey> {
        let scale = self.scale(&spec);
        let stages_span = spec.stages.as_ref().map(|s| s.span);
        let raw_stages = spec.stages.map(|s| s.value).unwrap_or_default();
        let own_personas = spec.personas.as_ref().is_some_and(|p| !p.value.is_empty());
        let (raw_personas, raw_channels, registry) =
            self.merge_imports(imports, spec.personas, spec.channels);
        let (raw_personas, raw_channels) = imports::used(
            raw_personas,
            raw_channels,
            &raw_stages,
            own_personas,
            &self.picked_personas,
        );
        // Misspelt references are told about every id, used or not.
        let raw_id = |id: &Option<Sp<String>>| id.as_ref().map(|i| i.value.clone());
        self.all_persona_ids = raw_personas
            .iter()
            .filter_map(|(p, _, _)| raw_id(&p.id))
            .collect();
        self.all_channel_ids = raw_channels
            .iter()
            .filter_map(|(c, _, _)| raw_id(&c.id))
            .collect();
        self.broken_ids = raw_personas
            .iter()
            .filter(|(p, _, _)| p.name.is_none())
            .filter_map(|(p, _, _)| raw_id(&p.id).map(|i| (IdKind::Persona, i)))
            .chain(
                raw_channels
                    .iter()
                    .filter(|(c, _, _)| c.name.is_none())
                    .filter_map(|(c, _, _)| raw_id(&c.id).map(|i| (IdKind::Channel, i))),
            )
            .collect();
        let personas = self.personas(raw_personas, spec.root);
        let channels = self.channels(raw_channels);
        if let (true, Some(stages_span)) = (raw_stages.is_empty(), stages_span) {
            self.diags
                .push(Diagnostic::error(Problem::EmptyStages, stages_span));
        }
        let metrics = self.registry(spec.metrics.map(|m| m.value).unwrap_or_default());
        if let (Some(first), true) = (spec.data.first(), metrics.is_empty()) {
            let what = crate::message::NeedsRegistry::Data;
            self.diags.push(Diagnostic::error(
                Problem::NeedsRegistry { what },
                first.span,
            ));
        }
        let ctx = JourneyContext {
            personas: &personas,
            channels: &channels,
            registry,
            metrics: &metrics,
            scale,
        };
        let mut spec_values = Vec::new();
        let stages = self.stages(raw_stages, &ctx, &mut spec_values);
        let loop_to = self.loop_to(spec.loop_to, &stages);
        self.check_addresses();
        let lints = self.lint_levels(&spec.lints);
        Some(Journey {
            journeymap: spec
                .version
                .map_or(crate::spec::FORMAT_VERSION, |v| v.value),
            title: spec.title?.value,
            description: spec
                .description
                .map(|d| d.value)
                .filter(|d| !d.trim().is_empty()),
            locale: match spec.locale.as_ref().map(|l| l.value.as_str()) {
                Some("ja") => Locale::Ja,
                _ => Locale::En,
            },
            state: spec.state.map(|s| {
                if s.value == "future" {
                    State::Future
                } else {
                    State::Current
                }
            }),
            version: spec
                .version_label
                .map(|v| v.value)
                .filter(|v| !v.trim().is_empty()),
            owner: spec.owner.map(|v| v.value).filter(|v| !v.trim().is_empty()),
            tags: spec.tags.into_iter().map(|t| t.value).collect(),
            scale: scale.unwrap_or_default(),
            loop_to,
            subject: spec.subject.as_ref().map(|s| s.value.clone()),
            parent: spec.parent.as_ref().map(|p| crate::model::ParentRef {
                journey: p.journey.value.clone(),
                stage: p.stage.as_ref().map(|s| s.value.clone()),
                touchpoint: p.touchpoint.as_ref().map(|s| s.value.clone()),
            }),
            compare_to: spec.compare_to.iter().map(|c| c.value.clone()).collect(),
            lints: spec
                .lints
                .iter()
                .map(|(n, l)| (n.value.clone(), l.value.clone()))
                .collect(),
            personas,
            channels,
            metrics,
            data: spec.data.iter().map(|d| d.value.clone()).collect(),
            stages,
            measures: Vec::new(),
            extensions: spec.extensions,
            spans: JourneySpans {
                root: spec.root,
                lints,
                data: spec.data.iter().map(|d| d.span).collect(),
                parent: spec.parent.as_ref().map(|p| {
                    (
                        p.journey.span,
                        p.stage.as_ref().or(p.touchpoint.as_ref()).map(|s| s.span),
                    )
                }),
                compare_to: spec.compare_to.iter().map(|c| c.span).collect(),
                traps: Vec::new(),
            },
            spec_values,
            seen_by: None,
            relations: crate::model::Relations::default(),
        })
    }

    fn scale(&mut self, spec: &SpecFile) -> Option<Scale> {
        let Some(raw) = &spec.scale else {
            return Some(Scale::default());
        };
        let (min, max) = (raw.min.as_ref()?, raw.max.as_ref()?);
        if min.value >= max.value {
            let problem = Problem::InvalidScale {
                min: Num(min.value),
                max: Num(max.value),
            };
            self.diags
                .push(Diagnostic::error(problem, min.span).note(max.span, NoteLabel::ScaleMax));
            return None;
        }
        Some(Scale {
            min: Num(min.value),
            max: Num(max.value),
            midpoint: Num(f64::midpoint(min.value, max.value)),
        })
    }

    fn personas(&mut self, raw: Vec<(RawPersona, bool, bool)>, root: Span) -> Vec<Persona> {
        // An import that picks only ids its file lacks has said so already.
        let picked_unknown = self.diags.iter().any(|d| {
            matches!(
                d.message,
                crate::message::Message::Problem(Problem::UnknownRef {
                    of: IdKind::Persona,
                    ..
                })
            )
        });
        if raw.is_empty() && !picked_unknown {
            self.diags
                .push(Diagnostic::error(Problem::NoPersonas, root));
        }
        let mut raw = raw;
        if let Some((first, _, _)) = raw.get(crate::spec::MAX_PERSONAS) {
            let limit = crate::spec::MAX_PERSONAS;
            self.diags.push(Diagnostic::error(
                Problem::TooManyPersonas { limit },
                first.span,
            ));
            raw.truncate(crate::spec::MAX_PERSONAS);
        }
        let mut ids = IdSpace::new(IdKind::Persona);
        raw.into_iter()
            .filter_map(|(p, imported, keep)| {
                let id = p.id?;
                let name = p.name?;
                // Every id is checked for duplicates; only what is used is kept.
                (ids.define(&id, &mut self.diags) && keep).then_some(Persona {
                    id: id.value,
                    name: name.value,
                    role: p.role,
                    avatar: p.avatar,
                    quote: p.quote,
                    segment: p.segment,
                    goals: p.goals,
                    needs: p.needs,
                    pains: p.pains,
                    attributes: p.attributes,
                    extensions: p.extensions,
                    span: id.span,
                    index: 0,
                    imported,
                })
            })
            .enumerate()
            .map(|(index, p)| Persona { index, ..p })
            .collect()
    }

    fn channels(&mut self, raw: Vec<(RawChannel, bool, bool)>) -> Vec<Channel> {
        let mut raw = raw;
        if let Some((first, _, _)) = raw.get(crate::spec::MAX_CHANNELS) {
            self.diags.push(too_many_channels(first.span));
            raw.truncate(crate::spec::MAX_CHANNELS);
        }
        let mut ids = IdSpace::new(IdKind::Channel);
        raw.into_iter()
            .filter_map(|(c, imported, keep)| {
                let id = c.id?;
                let name = c.name?;
                (ids.define(&id, &mut self.diags) && keep).then_some(Channel {
                    id: id.value,
                    name: name.value,
                    kind: c.kind,
                    extensions: c.extensions,
                    span: id.span,
                    imported,
                })
            })
            .collect()
    }

    fn stages(
        &mut self,
        raw: Vec<RawStage>,
        j: &JourneyContext,
        values: &mut Vec<PlaceValue>,
    ) -> Vec<Stage> {
        let mut stage_ids = IdSpace::new(IdKind::Stage);
        let mut tp_ids = IdSpace::new(IdKind::Touchpoint);
        let mut out = Vec::with_capacity(raw.len());
        for (i, s) in raw.into_iter().enumerate() {
            if let Some(id) = &s.id {
                stage_ids.define(id, &mut self.diags);
            }
            let key =
                s.id.as_ref()
                    .map_or_else(|| format!("stage-{}", i + 1), |id| id.value.clone());
            let ctx = TouchpointContext {
                personas: j.personas,
                channels: j.channels,
                registry: j.registry,
                metrics: j.metrics,
                scale: j.scale,
                stage_key: &key,
            };
            let place = metrics::Place {
                stage: &key,
                touchpoint: None,
            };
            let stage_metrics = self.metric_values(s.metrics, j.metrics, &place, values);
            let touchpoints = s
                .touchpoints
                .into_iter()
                .enumerate()
                .filter_map(|(j, t)| {
                    if let Some(id) = &t.id {
                        tp_ids.define(id, &mut self.diags);
                    }
                    self.touchpoint(t, j, &ctx, values)
                })
                .collect();
            let Some(name) = s.name else { continue };
            out.push(Stage {
                id: s.id.map(|i| i.value),
                key,
                name: name.value,
                description: s.description,
                goal: s.goal,
                questions: s.questions,
                kpis: s.kpis,
                pain_points: self.items(s.pain_points),
                opportunities: self.items(s.opportunities),
                metrics: stage_metrics,
                touchpoints,
                extensions: s.extensions,
                span: name.span,
            });
        }
        out
    }

    fn touchpoint(
        &mut self,
        t: RawTouchpoint,
        index: usize,
        ctx: &TouchpointContext,
        values: &mut Vec<PlaceValue>,
    ) -> Option<Touchpoint> {
        let channel = t.channel.and_then(|c| self.channel_ref(c, ctx));
        let personas: Vec<String> = match t.personas {
            None => ctx.personas.iter().map(|p| p.id.clone()).collect(),
            Some(refs) => refs
                .into_iter()
                .filter(|r| self.persona_exists(r, ctx.personas))
                .map(|r| r.value)
                .collect(),
        };
        let over = self.appearances > MAX_PERSONA_TOUCHPOINTS;
        self.appearances += personas.len();
        let personas = if self.appearances <= MAX_PERSONA_TOUCHPOINTS {
            personas
        } else {
            if !over {
                let span = t.name.as_ref().map_or(t.span, |n| n.span);
                let problem = Problem::TooManyPairs {
                    limit: MAX_PERSONA_TOUCHPOINTS,
                    personas: personas.len(),
                };
                self.diags.push(Diagnostic::error(problem, span));
            }
            Vec::new() // the journey is refused; stop the work from growing
        };
        let emotion = self.emotion(t.emotion, &personas, ctx);
        let key = t.id.as_ref().map_or_else(
            || format!("{}-{}", ctx.stage_key, index + 1),
            |id| id.value.clone(),
        );
        let place = metrics::Place {
            stage: ctx.stage_key,
            touchpoint: Some(&key),
        };
        let metrics = self.metric_values(t.metrics, ctx.metrics, &place, values);
        let name = t.name?;
        Some(Touchpoint {
            key,
            id: t.id.map(|i| i.value),
            name: name.value,
            channel,
            personas,
            action: t.action,
            thought: t.thought,
            emotion,
            feeling: t.feeling,
            pain_points: self.items(t.pain_points),
            opportunities: self.items(t.opportunities),
            owner: t.owner,
            backstage: t.backstage,
            moment_of_truth: t.moment_of_truth,
            evidence: t.evidence,
            metrics,
            measured_emotion: IndexMap::new(),
            extensions: t.extensions,
            span: name.span,
        })
    }

    fn channel_ref(&mut self, c: Sp<String>, ctx: &TouchpointContext) -> Option<ChannelRef> {
        if !ctx.registry {
            if !self.free_channels.contains_key(&c.value) {
                if self.free_channels.len() >= crate::spec::MAX_CHANNELS {
                    if !self.too_many_channels {
                        self.too_many_channels = true;
                        self.diags.push(too_many_channels(c.span));
                    }
                    return None;
                }
                self.free_channels.insert(c.value.clone(), ());
            }
            return Some(ChannelRef {
                id: None,
                name: c.value,
                kind: None,
            });
        }
        if let Some(ch) = ctx.channels.iter().find(|ch| ch.id == c.value) {
            return Some(ChannelRef {
                id: Some(ch.id.clone()),
                name: ch.name.clone(),
                kind: ch.kind.clone(),
            });
        }
        if self.is_broken(IdKind::Channel, &c.value) {
            return None;
        }
        let ids = self.all_channel_ids.iter().map(String::as_str);
        let hint = if let Some(close) = closest(&c.value, ids.clone()) {
            ChannelHint::Closest(close.to_owned())
        } else if let Some(ch) = ctx.channels.iter().find(|ch| ch.name == c.value) {
            ChannelHint::NameOf {
                name: ch.name.clone(),
                id: ch.id.clone(),
            }
        } else {
            ChannelHint::Known(ids.map(str::to_owned).collect())
        };
        let problem = Problem::UnknownChannel { id: c.value, hint };
        self.diags.push(Diagnostic::error(problem, c.span));
        None
    }

    /// Whether `id` names a definition that has an error of its own.
    fn is_broken(&self, kind: IdKind, id: &str) -> bool {
        self.broken_ids.iter().any(|(k, i)| *k == kind && i == id)
    }

    fn persona_exists(&mut self, r: &Sp<String>, personas: &[Persona]) -> bool {
        if personas.iter().any(|p| p.id == r.value) {
            return true;
        }
        if self.is_broken(IdKind::Persona, &r.value) {
            return false;
        }
        let known = if self.all_persona_ids.is_empty() {
            personas.iter().map(|p| p.id.as_str()).collect::<Vec<_>>()
        } else {
            self.all_persona_ids.iter().map(String::as_str).collect()
        };
        let problem = Problem::UnknownPersona {
            id: r.value.clone(),
            hint: suggest(&r.value, known.into_iter()),
        };
        self.diags.push(Diagnostic::error(problem, r.span));
        false
    }

    fn emotion(
        &mut self,
        raw: Option<RawEmotion>,
        personas: &[String],
        ctx: &TouchpointContext,
    ) -> IndexMap<String, Num> {
        let mut out = IndexMap::new();
        match raw {
            None => {}
            Some(RawEmotion::All(v)) if self.in_scale(&v, ctx.scale) => {
                for p in personas {
                    out.insert(p.clone(), Num(v.value));
                }
            }
            Some(RawEmotion::All(_)) => {}
            Some(RawEmotion::PerPersona(entries)) => {
                let mut given: FastMap<String, Num> = FastMap::default();
                for (id, v) in entries {
                    if !self.persona_exists(&id, ctx.personas) {
                        continue;
                    }
                    if !personas.contains(&id.value) {
                        let problem = Problem::EmotionPersonaNotOnTouchpoint { persona: id.value };
                        self.diags.push(Diagnostic::error(problem, id.span));
                        continue;
                    }
                    if self.in_scale(&v, ctx.scale) {
                        given.insert(id.value, Num(v.value));
                    }
                }
                for p in personas {
                    if let Some(v) = given.get(p) {
                        out.insert(p.clone(), *v);
                    }
                }
            }
        }
        out
    }

    fn in_scale(&mut self, v: &Sp<f64>, scale: Option<Scale>) -> bool {
        let Some(scale) = scale else { return true };
        if v.value >= scale.min.0 && v.value <= scale.max.0 {
            return true;
        }
        let problem = Problem::EmotionOutOfScale {
            value: Num(v.value),
            min: scale.min,
            max: scale.max,
        };
        self.diags.push(Diagnostic::error(problem, v.span));
        false
    }

    fn loop_to(&mut self, raw: Option<Sp<String>>, stages: &[Stage]) -> Option<String> {
        let r = raw?;
        if stages
            .iter()
            .any(|s| s.id.as_deref() == Some(r.value.as_str()))
        {
            return Some(r.value);
        }
        let problem = Problem::UnknownStage {
            hint: suggest(&r.value, stages.iter().filter_map(|s| s.id.as_deref())),
            id: r.value,
        };
        self.diags.push(Diagnostic::error(problem, r.span));
        None
    }

    fn lint_levels(
        &mut self,
        lints: &[(Sp<String>, Sp<String>)],
    ) -> IndexMap<String, (Span, Span)> {
        let mut out = IndexMap::new();
        for (name, level) in lints {
            if !self.lints.contains(&name.value.as_str()) {
                let problem = Problem::UnknownLint {
                    name: name.value.clone(),
                    hint: suggest(&name.value, self.lints.iter().copied()),
                };
                self.diags.push(Diagnostic::error(problem, name.span));
                continue;
            }
            out.insert(name.value.clone(), (name.span, level.span));
        }
        out
    }
}

/// What every stage is checked against.
struct JourneyContext<'a> {
    personas: &'a [Persona],
    channels: &'a [Channel],
    /// There is a channel registry.
    registry: bool,
    /// The `metrics` registry.
    metrics: &'a [Metric],
    scale: Option<Scale>,
}

struct TouchpointContext<'a> {
    personas: &'a [Persona],
    channels: &'a [Channel],
    registry: bool,
    metrics: &'a [Metric],
    scale: Option<Scale>,
    stage_key: &'a str,
}

/// The id closest to a misspelt `word`, or else every id there is.
fn suggest<'a>(word: &str, ids: impl Iterator<Item = &'a str> + Clone) -> Suggestion {
    closest(word, ids.clone()).map_or_else(
        || Suggestion::Known(ids.map(str::to_owned).collect()),
        |c| Suggestion::Closest(c.to_owned()),
    )
}
