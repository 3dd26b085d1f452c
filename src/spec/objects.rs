//! One reader per object of the format: the spec file, an imported file, the
//! scale, lint levels, personas, channels, stages, touchpoints, emotions and items.

use super::fields::Fields;
use super::keys::{self, CHANNEL_KINDS, LINT_LEVELS, LOCALES, PRIORITIES, STATES};
use super::limits::{MAX_CHANNELS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS};
use super::{
    FORMAT_VERSION, ImportFile, RawChannel, RawEmotion, RawItem, RawPersona, RawScale, RawStage,
    RawTouchpoint, Reader, Sp, SpecFile,
};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::load::Span;
use crate::model::Extensions;
use crate::parse::{Kind, Node};

impl Reader<'_> {
    pub(super) fn items(&mut self, f: &Fields, key: &str) -> Vec<RawItem> {
        self.objects(f, key, |r, n| r.item(n, key))
            .map(|s| s.value)
            .unwrap_or_default()
    }

    pub(super) fn item(&mut self, node: &Node, key: &str) -> Option<RawItem> {
        if let Some(t) = self.scalar_text(node) {
            if t.trim().is_empty() {
                return None;
            }
            return Some(RawItem {
                text: t.into_owned(),
                priority: None,
                owner: None,
            });
        }
        if matches!(node.kind, Kind::Null) {
            return None;
        }
        if !matches!(node.kind, Kind::Map(_)) {
            self.wrong_type(node, key, "a text or `{text, priority, owner}`", None);
            return None;
        }
        let what = if key == "pain_points" {
            "a pain point"
        } else {
            "an opportunity"
        };
        let f = self.fields(node, what, keys::ITEM, None)?;
        let text = self.required_text(&f, "text", what, "…")?;
        Some(RawItem {
            text: text.value,
            priority: self.choice(&f, "priority", PRIORITIES).map(|s| s.value),
            owner: self.opt_text(&f, "owner"),
        })
    }

    /// Read a journey spec file.
    pub fn spec_file(&mut self, root: &Node) -> SpecFile {
        let spec = self.read_spec_file(root);
        self.finish();
        spec
    }

    pub(super) fn read_spec_file(&mut self, root: &Node) -> SpecFile {
        let mut spec = SpecFile {
            root: root.span,
            ..SpecFile::default()
        };
        if matches!(root.kind, Kind::Null) {
            let span = Span::new(root.span.file, 0, 0);
            self.error(
                Diagnostic::error(Code::MissingKey, span, "the spec is empty")
                    .label("expected `journeymap: 1`, `title`, `personas` and `stages`")
                    .help("start from `journeymap init`, or see the format reference in README.md"),
            );
            return spec;
        }
        let mut ext = Extensions::new();
        let Some(f) = self.fields(root, "the spec", keys::TOP, Some(&mut ext)) else {
            return spec;
        };
        spec.is_mapping = true;
        spec.extensions = ext;
        spec.version = self.format_version(&f);
        spec.title = self.required_text(&f, "title", "the spec", "Online school onboarding");
        spec.description = self.text(&f, "description");
        spec.locale = self.choice(&f, "locale", LOCALES);
        spec.state = self.choice(&f, "state", STATES);
        spec.version_label = self.text(&f, "version");
        spec.owner = self.text(&f, "owner");
        spec.tags = self.texts(&f, "tags");
        spec.scale = f.get("scale").and_then(|n| self.scale(n));
        spec.loop_to = self.text(&f, "loop_to");
        spec.imports = self.texts(&f, "imports");
        spec.lints = self.lints(&f);
        let personas = self.room(&f, "personas", MAX_PERSONAS, MAX_PERSONAS, "personas");
        spec.personas = self.objects_capped(&f, "personas", personas, Self::persona);
        let channels = self.room(&f, "channels", MAX_CHANNELS, MAX_CHANNELS, "channels");
        spec.channels = self.objects_capped(&f, "channels", channels, Self::channel);
        let stages = self.room(&f, "stages", MAX_STAGES, MAX_STAGES, "stages");
        spec.stages = self.objects_capped(&f, "stages", stages, Self::stage);
        if spec.stages.is_none() && !f.suggested.contains(&"stages") {
            let span = self.point_at_mapping(&f);
            self.error(
                Diagnostic::error(Code::MissingKey, span, "the spec has no `stages`")
                    .label("`stages` is required")
                    .help("add `stages:` with at least one stage, e.g. `- {id: awareness, name: Awareness}`"),
            );
        }
        spec
    }

    /// Read a file listed in `imports:`.
    pub fn import_file(&mut self, root: &Node) -> ImportFile {
        let file = self.read_import_file(root);
        self.finish();
        file
    }

    pub(super) fn read_import_file(&mut self, root: &Node) -> ImportFile {
        let mut out = ImportFile::default();
        if matches!(root.kind, Kind::Null) {
            return out;
        }
        let mut ext = Extensions::new();
        let Some(f) = self.fields(root, "an imported file", keys::IMPORT_FILE, Some(&mut ext))
        else {
            return out;
        };
        out.imports = self.texts(&f, "imports");
        let personas = self.room(&f, "personas", MAX_PERSONAS, MAX_PERSONAS, "personas");
        out.personas = self
            .objects_capped(&f, "personas", personas, Self::persona)
            .map(|s| s.value)
            .unwrap_or_default();
        let channels = self.room(&f, "channels", MAX_CHANNELS, MAX_CHANNELS, "channels");
        out.channels = self
            .objects_capped(&f, "channels", channels, Self::channel)
            .map(|s| s.value)
            .unwrap_or_default();
        out
    }

    pub(super) fn format_version(&mut self, f: &Fields) -> Option<Sp<i64>> {
        let Some(node) = f.get("journeymap") else {
            if f.suggested.contains(&"journeymap") {
                return None;
            }
            let span = self.point_at_mapping(f);
            self.error(
                Diagnostic::error(
                    Code::MissingKey,
                    span,
                    "the spec has no `journeymap` format version",
                )
                .label("`journeymap: 1` is required")
                .help("add `journeymap: 1` as the first line"),
            );
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
        let found = self
            .scalar_text(node)
            .map_or_else(|| node.kind.describe().to_owned(), |t| format!("`{t}`"));
        let span = self.point(node);
        self.error(
            Diagnostic::error(
                Code::UnsupportedVersion,
                span,
                format!("unsupported format version {found}"),
            )
            .label(format!("this journeymap supports version {FORMAT_VERSION}"))
            .help(format!("write `journeymap: {FORMAT_VERSION}`")),
        );
        None
    }

    pub(super) fn scale(&mut self, node: &Node) -> Option<RawScale> {
        let f = self.fields(node, "`scale`", keys::SCALE, None)?;
        let read = |r: &mut Self, key: &str| {
            let n = f.get(key);
            if n.is_none() {
                let span = r.point(node);
                r.error(
                    Diagnostic::error(Code::MissingKey, span, format!("`scale` has no `{key}`"))
                        .label(format!("`{key}` is required"))
                        .help("write both ends, e.g. `scale: {min: -2, max: 2}`"),
                );
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

    pub(super) fn lints(&mut self, f: &Fields) -> Vec<(Sp<String>, Sp<String>)> {
        let Some(node) = f.get("lints") else {
            return Vec::new();
        };
        let Kind::Map(entries) = &node.kind else {
            if !matches!(node.kind, Kind::Null) {
                self.wrong_type(
                    node,
                    "lints",
                    "a mapping of lint names to levels",
                    Some("e.g. `lints: {no-evidence: warn}`".into()),
                );
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let Some(name) = self.scalar_text(k) else {
                self.wrong_type(k, "lints", "lint names", None);
                continue;
            };
            let Some(level) = self.scalar_text(v) else {
                self.wrong_type(v, &name, "a lint level (allow | warn | deny)", None);
                continue;
            };
            if !LINT_LEVELS.contains(&level.as_ref()) {
                let help = did_you_mean(&level, LINT_LEVELS.iter().copied())
                    .unwrap_or_else(|| "use allow, warn or deny".into());
                self.error(
                    Diagnostic::error(
                        Code::InvalidChoice,
                        v.span,
                        format!("`{level}` is not a lint level"),
                    )
                    .label("expected allow | warn | deny")
                    .help(help),
                );
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

    pub(super) fn persona(&mut self, node: &Node) -> Option<RawPersona> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a persona", keys::PERSONA, Some(&mut ext))?;
        Some(RawPersona {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a persona", true, "misaki"),
            name: self.required_text(&f, "name", "a persona", "Misaki Tanaka"),
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

    pub(super) fn channel(&mut self, node: &Node) -> Option<RawChannel> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a channel", keys::CHANNEL, Some(&mut ext))?;
        Some(RawChannel {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a channel", true, "email"),
            name: self.required_text(&f, "name", "a channel", "Email"),
            kind: self.choice(&f, "kind", CHANNEL_KINDS).map(|s| s.value),
            extensions: ext,
        })
    }

    pub(super) fn stage(&mut self, node: &Node) -> Option<RawStage> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a stage", keys::STAGE, Some(&mut ext))?;
        Some(RawStage {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a stage", false, "awareness"),
            name: self.required_text(&f, "name", "a stage", "Awareness"),
            description: self.opt_text(&f, "description"),
            goal: self.opt_text(&f, "goal"),
            questions: self.text_list(&f, "questions"),
            kpis: self.text_list(&f, "kpis"),
            pain_points: self.items(&f, "pain_points"),
            opportunities: self.items(&f, "opportunities"),
            touchpoints: {
                let left = MAX_TOUCHPOINTS.saturating_sub(self.touchpoints);
                let len = self.list_len(&f, "touchpoints");
                let n = if self.too_many_touchpoints {
                    0
                } else {
                    self.room(&f, "touchpoints", left, MAX_TOUCHPOINTS, "touchpoints")
                }
                .min(len);
                self.too_many_touchpoints |= len > n;
                self.touchpoints += n;
                self.objects_capped(&f, "touchpoints", n, Self::touchpoint)
                    .map(|s| s.value)
                    .unwrap_or_default()
            },
            extensions: ext,
        })
    }

    pub(super) fn touchpoint(&mut self, node: &Node) -> Option<RawTouchpoint> {
        let mut ext = Extensions::new();
        let f = self.fields(node, "a touchpoint", keys::TOUCHPOINT, Some(&mut ext))?;
        let personas = f.get("personas").map(|_| {
            let ids = self.texts(&f, "personas");
            for id in &ids {
                self.check_id(id, "a persona");
            }
            ids
        });
        Some(RawTouchpoint {
            span: self.point_at_mapping(&f),
            id: self.id(&f, "id", "a touchpoint", false, "pricing-page"),
            name: self.required_text(&f, "name", "a touchpoint", "Visit the pricing page"),
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
            metrics: self.scalar_map(&f, "metrics"),
            extensions: ext,
        })
    }

    pub(super) fn emotion(&mut self, node: &Node) -> Option<RawEmotion> {
        match &node.kind {
            Kind::Null => None,
            Kind::Int(_) | Kind::Float(_) => self.number(node, "emotion").map(RawEmotion::All),
            Kind::Map(entries) => {
                let mut out = Vec::new();
                for (k, v) in entries {
                    let Some(id) = self.scalar_text(k) else {
                        self.wrong_type(k, "emotion", "persona ids as keys", None);
                        continue;
                    };
                    let id = Sp {
                        value: id.into_owned(),
                        span: k.span,
                    };
                    if let Some(n) = self.number(v, &format!("emotion of `{}`", id.value)) {
                        out.push((id, n));
                    }
                }
                Some(RawEmotion::PerPersona(out))
            }
            _ => {
                self.wrong_type(
                    node,
                    "emotion",
                    "a number or a map of persona ids to numbers",
                    Some("e.g. `emotion: -1` or `emotion: {misaki: 1, kenji: -1}`".into()),
                );
                None
            }
        }
    }
}
