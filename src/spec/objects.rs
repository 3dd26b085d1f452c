//! One reader per object of the format: the spec file, an imported file, the
//! scale, lint levels, personas, channels, stages, touchpoints, emotions and items.

use super::fields::Fields;
use super::keys::{
    self, BETTER, CHANNEL_KINDS, LEVELS, LINT_LEVELS, LOCALES, PRIORITIES, STATES, STATUSES,
};
use super::limits::{MAX_CHANNELS, MAX_METRICS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS};
use super::values::take_list;
use super::{
    FORMAT_VERSION, ImportFile, RawChannel, RawEmotion, RawImport, RawItem, RawMetric, RawParent,
    RawPersona, RawScale, RawStage, RawTouchpoint, Reader, Sp, SpecFile,
};
use crate::diagnostic::{Diagnostic, closest};
use crate::message::{Example, Expected, IdKind, Limited, Object, Problem, Subject, VersionFound};
use crate::parse::{Kind, Node};
use crate::source::Span;
use crate::value::Extensions;

impl Reader<'_> {
    fn items(&mut self, f: &Fields, key: &str) -> Vec<RawItem> {
        self.objects(f, key, |r, n| r.item(n, key))
            .map(|s| s.value)
            .unwrap_or_default()
    }

    fn item(&mut self, node: &Node, key: &str) -> Option<RawItem> {
        if let Some(t) = self.scalar_text(node) {
            if t.trim().is_empty() {
                return None;
            }
            return Some(RawItem {
                text: t.into_owned(),
                ..RawItem::default()
            });
        }
        if matches!(node.kind, Kind::Null) {
            return None;
        }
        if !matches!(node.kind, Kind::Map(_)) {
            self.wrong_type(node, key, Expected::Item);
            return None;
        }
        let pain = key == "pain_points";
        let (what, allowed) = if pain {
            (Object::PainPoint, keys::PAIN_POINT)
        } else {
            (Object::Opportunity, keys::OPPORTUNITY)
        };
        let f = self.fields(node, what, allowed, None)?;
        let text = self.required_text(&f, "text", what, Example::ItemText)?;
        let id = if pain {
            self.optional_id(&f, IdKind::PainPoint)
        } else {
            None
        };
        let addresses = if pain {
            Vec::new()
        } else {
            self.texts(&f, "addresses")
        };
        Some(RawItem {
            text: text.value,
            priority: self.level(&f, "priority", PRIORITIES),
            owner: self.opt_text(&f, "owner"),
            id,
            impact: self.level(&f, "impact", LEVELS),
            effort: self.level(&f, "effort", LEVELS),
            status: self.choice(&f, "status", STATUSES).map(|s| s.value),
            ticket: self
                .text(&f, "ticket")
                .filter(|t| !t.value.trim().is_empty()),
            addresses,
        })
    }

    /// `imports:` entries: paths, or `{file, personas, channels}`.
    fn imports(&mut self, f: &Fields) -> Vec<RawImport> {
        let Some(node) = f.get("imports") else {
            return Vec::new();
        };
        let Kind::Seq(items) = &node.kind else {
            // A single path, or a wrong type: the text reader says which.
            return self
                .texts(f, "imports")
                .into_iter()
                .map(|file| RawImport {
                    file,
                    personas: None,
                    channels: None,
                })
                .collect();
        };
        let mut out = Vec::new();
        for item in items {
            if matches!(item.kind, Kind::Map(_)) {
                let Some(g) = self.fields(item, Object::Import, keys::IMPORT, None) else {
                    continue;
                };
                let Some(file) =
                    self.required_text(&g, "file", Object::Import, Example::ImportFile)
                else {
                    continue;
                };
                let picks = |r: &mut Self, key: &str| g.get(key).map(|_| r.texts(&g, key));
                out.push(RawImport {
                    file,
                    personas: picks(self, "personas"),
                    channels: picks(self, "channels"),
                });
            } else if let Some(t) = self.scalar_text(item) {
                out.push(RawImport {
                    file: Sp {
                        value: t.into_owned(),
                        span: item.span,
                    },
                    personas: None,
                    channels: None,
                });
            } else {
                self.wrong_type(item, "imports", Expected::ImportEntry);
            }
        }
        out
    }

    fn parent(&mut self, node: &Node) -> Option<RawParent> {
        let f = self.fields(node, Object::Parent, keys::PARENT, None)?;
        let journey = self.required_text(&f, "journey", Object::Parent, Example::ParentJourney)?;
        Some(RawParent {
            span: self.point_at_mapping(&f),
            journey,
            stage: self.text(&f, "stage"),
            touchpoint: self.text(&f, "touchpoint"),
        })
    }

    /// Read a journey spec file. The tree is used up: its stages are read last,
    /// one at a time, and each is freed once read (and so is each touchpoint),
    /// so the tree and the spec read from it are never both whole in memory.
    pub fn spec_file(&mut self, root: Node) -> SpecFile {
        let spec = self.read_spec_file(root);
        self.finish();
        spec
    }

    fn read_spec_file(&mut self, mut root: Node) -> SpecFile {
        let mut spec = SpecFile {
            root: root.span,
            ..SpecFile::default()
        };
        if matches!(root.kind, Kind::Null) {
            let span = Span::new(root.span.file, 0, 0);
            self.error(Diagnostic::error(Problem::EmptySpec, span));
            return spec;
        }
        let mut ext = Extensions::new();
        let Some(f) = self.fields(&root, Object::Spec, keys::TOP, Some(&mut ext)) else {
            return spec;
        };
        spec.is_mapping = true;
        spec.extensions = ext;
        spec.version = self.format_version(&f);
        spec.title = self.required_text(&f, "title", Object::Spec, Example::Title);
        spec.description = self.text(&f, "description");
        spec.locale = self.choice(&f, "locale", LOCALES);
        spec.state = self.choice(&f, "state", STATES);
        spec.version_label = self.text(&f, "version");
        spec.owner = self.text(&f, "owner");
        spec.tags = self.texts(&f, "tags");
        spec.scale = f.get("scale").and_then(|n| self.scale(n));
        spec.loop_to = self.text(&f, "loop_to");
        spec.imports = self.imports(&f);
        spec.parent = f
            .get("parent")
            .filter(|n| !matches!(n.kind, Kind::Null))
            .and_then(|n| self.parent(n));
        spec.subject = self
            .text(&f, "subject")
            .filter(|s| !s.value.trim().is_empty());
        spec.compare_to = self.texts(&f, "compare_to");
        spec.lints = self.lints(&f);
        let personas = self.top_list(&f, Limited::Personas, MAX_PERSONAS);
        spec.personas = self.objects_capped(&f, "personas", personas, Self::persona);
        let channels = self.top_list(&f, Limited::Channels, MAX_CHANNELS);
        spec.channels = self.objects_capped(&f, "channels", channels, Self::channel);
        let metrics = self.top_list(&f, Limited::Metrics, MAX_METRICS);
        spec.metrics = self.objects_capped(&f, "metrics", metrics, Self::metric);
        spec.data = self.texts(&f, "data");
        let stages = self.top_list(&f, Limited::Stages, MAX_STAGES);
        let list = self.list_span(&f, "stages");
        if list.is_none() && !f.suggested.contains(&"stages") {
            let span = self.point_at_mapping(&f);
            self.error(Diagnostic::error(Problem::NoStages, span));
        }
        drop(f);
        let taken = take_list(&mut root, "stages", list);
        spec.stages = self.objects_taken(taken, stages, Self::stage);
        spec
    }

    /// Read a file listed in `imports:`.
    pub fn import_file(&mut self, root: &Node) -> ImportFile {
        let file = self.read_import_file(root);
        self.finish();
        file
    }

    fn read_import_file(&mut self, root: &Node) -> ImportFile {
        let mut out = ImportFile::default();
        if matches!(root.kind, Kind::Null) {
            return out;
        }
        let mut ext = Extensions::new();
        let Some(f) = self.fields(root, Object::ImportFile, keys::IMPORT_FILE, Some(&mut ext))
        else {
            return out;
        };
        out.imports = self.imports(&f);
        let personas = self.top_list(&f, Limited::Personas, MAX_PERSONAS);
        out.personas = self
            .objects_capped(&f, "personas", personas, Self::persona)
            .map(|s| s.value)
            .unwrap_or_default();
        let channels = self.top_list(&f, Limited::Channels, MAX_CHANNELS);
        out.channels = self
            .objects_capped(&f, "channels", channels, Self::channel)
            .map(|s| s.value)
            .unwrap_or_default();
        out
    }

    fn format_version(&mut self, f: &Fields) -> Option<Sp<i64>> {
        let Some(node) = f.get("journeymap") else {
            if f.suggested.contains(&"journeymap") {
                return None;
            }
            let span = self.point_at_mapping(f);
            self.error(Diagnostic::error(Problem::NoVersion, span));
            return None;
        };
        if let Kind::Int(v) = node.kind
            && v == FORMAT_VERSION
        {
            return Some(Sp {
                value: v,
                span: node.span,
            });
        }
        let found = self.scalar_text(node).map_or_else(
            || VersionFound::Kind(node.kind.found()),
            |t| VersionFound::Written(t.into_owned()),
        );
        let span = self.point(node);
        let problem = Problem::UnsupportedVersion {
            found,
            supported: FORMAT_VERSION,
        };
        self.error(Diagnostic::error(problem, span));
        None
    }

    fn scale(&mut self, node: &Node) -> Option<RawScale> {
        self.range(node, Object::Scale, keys::SCALE)
    }

    /// `{min, max}`: the emotion scale, or a metric's survey scale.
    fn range(
        &mut self,
        node: &Node,
        what: Object,
        allowed: &'static [keys::Key],
    ) -> Option<RawScale> {
        let f = self.fields(node, what, allowed, None)?;
        let read = |r: &mut Self, key: &'static str| {
            let n = f.get(key);
            if n.is_none() {
                let span = r.point(node);
                let problem = if what == Object::Scale {
                    Problem::MissingScaleEnd { key }
                } else {
                    Problem::MissingKey {
                        object: what,
                        key,
                        example: if key == "min" {
                            Example::SurveyMin
                        } else {
                            Example::SurveyMax
                        },
                    }
                };
                r.error(Diagnostic::error(problem, span));
            }
            n.and_then(|n| r.number(n, key))
        };
        let min = read(self, "min");
        let max = read(self, "max");
        Some(RawScale {
            span: node.span,
            min,
            max,
        })
    }

    fn lints(&mut self, f: &Fields) -> Vec<(Sp<String>, Sp<String>)> {
        let Some(node) = f.get("lints") else {
            return Vec::new();
        };
        let Kind::Map(entries) = &node.kind else {
            if !matches!(node.kind, Kind::Null) {
                self.wrong_type(node, "lints", Expected::LintLevels);
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let Some(name) = self.scalar_text(k) else {
                self.wrong_type(k, "lints", Expected::LintName);
                continue;
            };
            let Some(level) = self.scalar_text(v) else {
                self.wrong_type(v, name.as_ref(), Expected::LintLevel);
                continue;
            };
            if !LINT_LEVELS.contains(&level.as_ref()) {
                let problem = Problem::InvalidLintLevel {
                    suggestion: closest(&level, LINT_LEVELS.iter().copied()),
                    level: level.into_owned(),
                };
                self.error(Diagnostic::error(problem, v.span));
                continue;
            }
            out.push((
                Sp {
                    value: name.into_owned(),
                    span: k.span,
                },
                Sp {
                    value: level.into_owned(),
                    span: v.span,
                },
            ));
        }
        out
    }

    fn persona(&mut self, node: &Node) -> Option<RawPersona> {
        let mut ext = Extensions::new();
        let f = self.fields(node, Object::Persona, keys::PERSONA, Some(&mut ext))?;
        Some(RawPersona {
            span: self.point_at_mapping(&f),
            id: self.required_id(&f, IdKind::Persona, Example::PersonaId),
            name: self.required_text(&f, "name", Object::Persona, Example::PersonaName),
            role: self.opt_text(&f, "role"),
            avatar: self.opt_text(&f, "avatar"),
            quote: self.opt_text(&f, "quote"),
            segment: self.opt_text(&f, "segment"),
            goals: self.text_list(&f, "goals"),
            needs: self.text_list(&f, "needs"),
            pains: self.text_list(&f, "pains"),
            attributes: self.scalar_map(&f, "attributes"),
            extensions: ext,
        })
    }

    fn channel(&mut self, node: &Node) -> Option<RawChannel> {
        let mut ext = Extensions::new();
        let f = self.fields(node, Object::Channel, keys::CHANNEL, Some(&mut ext))?;
        Some(RawChannel {
            span: self.point_at_mapping(&f),
            id: self.required_id(&f, IdKind::Channel, Example::ChannelId),
            name: self.required_text(&f, "name", Object::Channel, Example::ChannelName),
            kind: self.choice(&f, "kind", CHANNEL_KINDS).map(|s| s.value),
            extensions: ext,
        })
    }

    fn metric(&mut self, node: &Node) -> Option<RawMetric> {
        let f = self.fields(node, Object::Metric, keys::METRIC, None)?;
        let number = |r: &mut Self, key: &'static str| f.get(key).and_then(|n| r.number(n, key));
        Some(RawMetric {
            span: self.point_at_mapping(&f),
            id: self.required_id(&f, IdKind::Metric, Example::MetricId),
            name: self.required_text(&f, "name", Object::Metric, Example::MetricName),
            unit: self.opt_text(&f, "unit"),
            better: self.choice(&f, "better", BETTER),
            target: number(self, "target"),
            owner: self.opt_text(&f, "owner"),
            description: self.opt_text(&f, "description"),
            emotion: f
                .get("emotion")
                .filter(|n| !matches!(n.kind, Kind::Null))
                .and_then(|n| self.range(n, Object::MetricEmotion, keys::RANGE)),
            funnel: self.bool(&f, "funnel"),
        })
    }

    /// A stage, its touchpoints read last and each freed once read (see [`Self::spec_file`]).
    fn stage(&mut self, mut node: Node) -> Option<RawStage> {
        let mut ext = Extensions::new();
        let f = self.fields(&node, Object::Stage, keys::STAGE, Some(&mut ext))?;
        let mut stage = RawStage {
            span: self.point_at_mapping(&f),
            id: self.optional_id(&f, IdKind::Stage),
            name: self.required_text(&f, "name", Object::Stage, Example::StageName),
            description: self.opt_text(&f, "description"),
            goal: self.opt_text(&f, "goal"),
            questions: self.text_list(&f, "questions"),
            kpis: self.text_list(&f, "kpis"),
            pain_points: self.items(&f, "pain_points"),
            opportunities: self.items(&f, "opportunities"),
            metrics: self.metric_values(&f, "metrics"),
            touchpoints: Vec::new(),
            extensions: ext,
        };
        let n = self.touchpoint_room(&f);
        let list = self.list_span(&f, "touchpoints");
        drop(f);
        let taken = take_list(&mut node, "touchpoints", list);
        stage.touchpoints = self
            .objects_taken(taken, n, |r, t| r.touchpoint(&t))
            .map(|s| s.value)
            .unwrap_or_default();
        Some(stage)
    }

    /// How many entries of the list `what` of the file to read: at most `limit`.
    fn top_list(&mut self, f: &Fields, what: Limited, limit: usize) -> usize {
        let key = match what {
            Limited::Personas => "personas",
            Limited::Channels => "channels",
            Limited::Stages => "stages",
            Limited::Metrics => "metrics",
            Limited::Touchpoints => "touchpoints",
        };
        self.room(f, key, limit, limit, what)
    }

    /// How many of a stage's touchpoints to read: as many as [`MAX_TOUCHPOINTS`]
    /// over the whole spec allows.
    fn touchpoint_room(&mut self, f: &Fields) -> usize {
        let left = MAX_TOUCHPOINTS.saturating_sub(self.touchpoints);
        let len = self.list_len(f, "touchpoints");
        let n = if self.too_many_touchpoints {
            0
        } else {
            self.room(
                f,
                "touchpoints",
                left,
                MAX_TOUCHPOINTS,
                Limited::Touchpoints,
            )
        }
        .min(len);
        self.too_many_touchpoints |= len > n;
        self.touchpoints += n;
        n
    }

    fn touchpoint(&mut self, node: &Node) -> Option<RawTouchpoint> {
        let mut ext = Extensions::new();
        let f = self.fields(node, Object::Touchpoint, keys::TOUCHPOINT, Some(&mut ext))?;
        let personas = f.get("personas").map(|_| {
            let ids = self.texts(&f, "personas");
            for id in &ids {
                self.check_id(id, IdKind::Persona);
            }
            ids
        });
        Some(RawTouchpoint {
            span: self.point_at_mapping(&f),
            id: self.optional_id(&f, IdKind::Touchpoint),
            name: self.required_text(&f, "name", Object::Touchpoint, Example::TouchpointName),
            channel: self
                .text(&f, "channel")
                .filter(|s| !s.value.trim().is_empty()),
            personas,
            action: self.opt_text(&f, "action"),
            thought: self.opt_text(&f, "thought"),
            emotion: f.get("emotion").and_then(|n| self.emotion(n)),
            feeling: self.opt_text(&f, "feeling"),
            pain_points: self.items(&f, "pain_points"),
            opportunities: self.items(&f, "opportunities"),
            owner: self.opt_text(&f, "owner"),
            backstage: self.text_list(&f, "backstage"),
            moment_of_truth: self.bool(&f, "moment_of_truth"),
            evidence: self.text_list(&f, "evidence"),
            metrics: self.metric_values(&f, "metrics"),
            extensions: ext,
        })
    }

    fn emotion(&mut self, node: &Node) -> Option<RawEmotion> {
        match &node.kind {
            Kind::Null => None,
            Kind::Int(_) | Kind::Float(_) => self.number(node, "emotion").map(RawEmotion::All),
            Kind::Map(entries) => {
                let mut out = Vec::new();
                for (k, v) in entries {
                    let Some(id) = self.scalar_text(k) else {
                        self.wrong_type(k, "emotion", Expected::PersonaKeys);
                        continue;
                    };
                    let id = Sp {
                        value: id.into_owned(),
                        span: k.span,
                    };
                    if let Some(n) = self.number(v, Subject::EmotionOf(id.value.clone())) {
                        out.push((id, n));
                    }
                }
                Some(RawEmotion::PerPersona(out))
            }
            _ => {
                self.wrong_type(node, "emotion", Expected::Emotion);
                None
            }
        }
    }
}
