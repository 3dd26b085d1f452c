//! Field-level comparisons: emotions, items, lists, metrics, registries and the
//! names of the plain fields that changed.

use super::changes::{
    EmotionChange, FieldChange, ItemChanges, ListChanges, Named, PainChanges, Registry,
    RegistryChange, Verdict,
};
use crate::model::{Extensions, Item, Journey, Num, Scalar, Stage, Touchpoint};
use indexmap::IndexMap;

/// Emotion changes of a touchpoint: one entry for all personas when each side
/// gives them all the same emotion, else one per persona whose emotion changed.
pub(super) fn emotion_changes(
    o: Option<&Touchpoint>,
    n: Option<&Touchpoint>,
) -> Vec<EmotionChange> {
    let entry = |persona: Option<String>, old: Option<Num>, new: Option<Num>| EmotionChange {
        persona,
        old,
        new,
        delta: old.zip(new).map(|(a, b)| Num::round2(b.0 - a.0)),
    };
    #[allow(clippy::float_cmp)]
    let differs = |a: Option<Num>, b: Option<Num>| a.map(|v| v.0) != b.map(|v| v.0);
    let uniform = |t: Option<&Touchpoint>| match t {
        None => Some(None),
        Some(t) if t.emotion.is_empty() => Some(None),
        Some(t) => t.uniform_emotion().map(Some),
    };
    let one_side = o.is_none() || n.is_none();
    if let (Some(ou), Some(nu)) = (uniform(o), uniform(n)) {
        return if (one_side && (ou.is_some() || nu.is_some())) || differs(ou, nu) {
            vec![entry(None, ou, nu)]
        } else {
            Vec::new()
        };
    }
    let om = o.map(|t| &t.emotion);
    let nm = n.map(|t| &t.emotion);
    let mut keys: Vec<&String> = nm.map(|m| m.keys().collect()).unwrap_or_default();
    for k in om.into_iter().flat_map(IndexMap::keys) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|k| {
            let ov = om.and_then(|m| m.get(k)).copied();
            let nv = nm.and_then(|m| m.get(k)).copied();
            (k, ov, nv)
        })
        .filter(|(_, ov, nv)| one_side || differs(*ov, *nv))
        .map(|(k, ov, nv)| entry(Some(k.clone()), ov, nv))
        .collect()
}

pub(super) fn verdict(changes: &[EmotionChange]) -> Option<Verdict> {
    let deltas: Vec<f64> = changes
        .iter()
        .filter_map(|c| c.delta)
        .map(|d| d.0)
        .collect();
    let up = deltas.iter().any(|&d| d > 0.0);
    let down = deltas.iter().any(|&d| d < 0.0);
    match (up, down) {
        (true, false) => Some(Verdict::Improved),
        (false, true) => Some(Verdict::Worse),
        (true, true) => Some(Verdict::Mixed),
        (false, false) => None,
    }
}

pub(super) fn change(field: &str, old: Option<String>, new: Option<String>) -> Option<FieldChange> {
    (old != new).then(|| FieldChange {
        field: field.to_owned(),
        old,
        new,
    })
}

/// A touchpoint's channel, compared by id when both sides use a registry (a
/// renamed channel is reported once, with the registry), else by name.
pub(super) fn channel_change(
    o: Option<&Touchpoint>,
    n: Option<&Touchpoint>,
) -> Option<FieldChange> {
    let (oc, nc) = (o?.channel.as_ref(), n?.channel.as_ref());
    let same = match (oc, nc) {
        (Some(a), Some(b)) => match (&a.id, &b.id) {
            (Some(x), Some(y)) => x == y,
            _ => a.name == b.name,
        },
        (None, None) => true,
        _ => false,
    };
    (!same).then(|| FieldChange {
        field: "channel".to_owned(),
        old: oc.map(|c| c.name.clone()),
        new: nc.map(|c| c.name.clone()),
    })
}

/// Items of `from` whose text is not in `other` (as many times as they occur).
fn missing(from: &[Item], other: &[Item]) -> Vec<Item> {
    let mut pool: Vec<&str> = other.iter().map(|i| i.text.as_str()).collect();
    from.iter()
        .filter(|i| {
            if let Some(p) = pool.iter().position(|t| *t == i.text) {
                pool.remove(p);
                false
            } else {
                true
            }
        })
        .cloned()
        .collect()
}

pub(super) fn pains(old: &[Item], new: &[Item]) -> PainChanges {
    PainChanges {
        resolved: missing(old, new),
        added: missing(new, old),
    }
}

pub(super) fn items(old: &[Item], new: &[Item]) -> ItemChanges {
    ItemChanges {
        added: missing(new, old),
        removed: missing(old, new),
    }
}

/// Whether items with the same text changed priority or owner.
pub(super) fn item_attrs_differ(old: &[Item], new: &[Item]) -> bool {
    old.iter().any(|o| {
        new.iter()
            .find(|n| n.text == o.text)
            .is_some_and(|n| n != o)
    })
}

pub(super) fn list(old: &[String], new: &[String]) -> ListChanges {
    let as_items = |xs: &[String]| -> Vec<Item> {
        xs.iter()
            .map(|t| Item {
                text: t.clone(),
                ..Item::default()
            })
            .collect()
    };
    let (o, n) = (as_items(old), as_items(new));
    ListChanges {
        added: missing(&n, &o).into_iter().map(|i| i.text).collect(),
        removed: missing(&o, &n).into_iter().map(|i| i.text).collect(),
    }
}

/// A metric, a tag or an attribute as text.
fn scalar(s: &Scalar) -> String {
    match s {
        Scalar::Text(t) => t.clone(),
        Scalar::Number(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
    }
}

pub(super) fn metrics(
    old: &IndexMap<String, Scalar>,
    new: &IndexMap<String, Scalar>,
) -> Vec<FieldChange> {
    let mut out: Vec<FieldChange> = new
        .iter()
        .filter_map(|(k, v)| change(k, old.get(k).map(scalar), Some(scalar(v))))
        .collect();
    out.extend(
        old.iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(|(k, v)| FieldChange {
                field: k.clone(),
                old: Some(scalar(v)),
                new: None,
            }),
    );
    out
}

/// The `x-` keys whose value changed, appeared or went away.
fn extensions(old: &Extensions, new: &Extensions) -> Vec<String> {
    let mut keys: Vec<&String> = new.keys().collect();
    keys.extend(old.keys().filter(|k| !new.contains_key(*k)));
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect()
}

/// Names of the fields that differ, in the order given.
fn differing(pairs: &[(&str, bool)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(_, d)| *d)
        .map(|(f, _)| (*f).to_owned())
        .collect()
}

pub(super) fn touchpoint_fields(o: &Touchpoint, n: &Touchpoint) -> Vec<String> {
    let mut out = differing(&[
        ("action", o.action != n.action),
        ("thought", o.thought != n.thought),
        ("owner", o.owner != n.owner),
        ("backstage", o.backstage != n.backstage),
        ("moment_of_truth", o.moment_of_truth != n.moment_of_truth),
        ("evidence", o.evidence != n.evidence),
        (
            "items",
            item_attrs_differ(&o.pain_points, &n.pain_points)
                || item_attrs_differ(&o.opportunities, &n.opportunities),
        ),
    ]);
    out.extend(extensions(&o.extensions, &n.extensions));
    out
}

pub(super) fn stage_fields(o: &Stage, n: &Stage) -> Vec<String> {
    let mut out = differing(&[
        ("description", o.description != n.description),
        ("goal", o.goal != n.goal),
        ("questions", o.questions != n.questions),
    ]);
    out.extend(extensions(&o.extensions, &n.extensions));
    out
}

pub(super) fn persona_fields(p: &crate::model::Persona) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("role", p.role.clone().unwrap_or_default()),
        ("avatar", p.avatar.clone().unwrap_or_default()),
        ("quote", p.quote.clone().unwrap_or_default()),
        ("segment", p.segment.clone().unwrap_or_default()),
        ("goals", p.goals.join("\n")),
        ("needs", p.needs.join("\n")),
        ("pains", p.pains.join("\n")),
        (
            "attributes",
            p.attributes
                .iter()
                .map(|(k, v)| format!("{k}={}", scalar(v)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ];
    v.extend(ext_values(&p.extensions));
    v
}

pub(super) fn channel_fields(c: &crate::model::Channel) -> Vec<(&'static str, String)> {
    let mut v = vec![("kind", c.kind.clone().unwrap_or_default())];
    v.extend(ext_values(&c.extensions));
    v
}

/// `x-` keys as one comparable field.
fn ext_values(e: &Extensions) -> Option<(&'static str, String)> {
    (!e.is_empty()).then(|| ("extensions", serde_json::to_string(e).unwrap_or_default()))
}

type Entry<'a> = (&'a String, &'a String, Vec<(&'static str, String)>);

pub(super) fn registry<'a>(
    old: impl Iterator<Item = Entry<'a>>,
    new: impl Iterator<Item = Entry<'a>>,
) -> Registry {
    let old: Vec<Entry> = old.collect();
    let new: Vec<Entry> = new.collect();
    let named = |(id, name, _): &Entry| Named {
        id: (*id).clone(),
        name: (*name).clone(),
    };
    let mut r = Registry::default();
    for n in &new {
        match old.iter().find(|o| o.0 == n.0) {
            None => r.added.push(named(n)),
            Some(o) => {
                let mut fields: Vec<String> = Vec::new();
                for (k, v) in &n.2 {
                    let ov = o.2.iter().find(|(ok, _)| ok == k).map(|(_, v)| v);
                    if ov != Some(v) && !(ov.is_none() && v.is_empty()) {
                        fields.push((*k).to_owned());
                    }
                }
                for (k, v) in &o.2 {
                    if !v.is_empty() && !n.2.iter().any(|(nk, _)| nk == k) {
                        fields.push((*k).to_owned());
                    }
                }
                if o.1 != n.1 || !fields.is_empty() {
                    r.changed.push(RegistryChange {
                        id: n.0.clone(),
                        name: n.1.clone(),
                        old_name: (o.1 != n.1).then(|| o.1.clone()),
                        fields,
                    });
                }
            }
        }
    }
    r.removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.0 == o.0))
        .map(named)
        .collect();
    r
}

/// The journey's own fields: short ones with values, long ones by name.
pub(super) fn journey_fields(o: &Journey, n: &Journey) -> (Vec<FieldChange>, Vec<String>) {
    let state = |j: &Journey| {
        j.state.map(|s| match s {
            crate::model::State::Current => "current".to_owned(),
            crate::model::State::Future => "future".to_owned(),
        })
    };
    let locale = |j: &Journey| {
        Some(match j.locale {
            crate::model::Locale::En => "en".to_owned(),
            crate::model::Locale::Ja => "ja".to_owned(),
        })
    };
    let scale = |j: &Journey| Some(format!("{} … {}", j.scale.min, j.scale.max));
    let tags = |j: &Journey| (!j.tags.is_empty()).then(|| j.tags.join(", "));
    let loop_to = |j: &Journey| {
        j.loop_to.as_ref().map(|id| {
            j.stages
                .iter()
                .find(|s| s.id.as_ref() == Some(id))
                .map_or_else(|| id.clone(), |s| s.name.clone())
        })
    };
    let metadata = [
        change("title", Some(o.title.clone()), Some(n.title.clone())),
        change("state", state(o), state(n)),
        change("version", o.version.clone(), n.version.clone()),
        change("owner", o.owner.clone(), n.owner.clone()),
        change("locale", locale(o), locale(n)),
        change("scale", scale(o), scale(n)),
        change("loop_to", loop_to(o), loop_to(n)),
        change("tags", tags(o), tags(n)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut fields = differing(&[
        ("description", o.description != n.description),
        ("lints", o.lints != n.lints),
    ]);
    fields.extend(extensions(&o.extensions, &n.extensions));
    (metadata, fields)
}
