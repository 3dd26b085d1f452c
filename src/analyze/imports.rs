//! `imports:` (SPEC.md §7): the personas and channels of shared files, as
//! picked by id, and which of them a journey uses.

use super::{Analyzer, suggest};
use crate::diagnostic::Diagnostic;
use crate::load::Imported;
use crate::message::{IdKind, Problem};
use crate::spec::{RawChannel, RawEmotion, RawPersona, RawStage, Sp};

/// Which ids of an imported file a journey takes.
type Keep = Box<dyn Fn(&Option<String>) -> bool>;

impl Analyzer<'_> {
    /// The personas and channels of the imported files (as picked), then the
    /// spec's own, each marked imported or not; and whether there is a channel
    /// registry (in the spec or in an import).
    #[allow(clippy::type_complexity)]
    pub(super) fn merge_imports(
        &mut self,
        imports: Vec<Imported>,
        personas: Option<Sp<Vec<RawPersona>>>,
        channels: Option<Sp<Vec<RawChannel>>>,
    ) -> (Vec<(RawPersona, bool)>, Vec<(RawChannel, bool)>, bool) {
        let mut raw_personas = Vec::new();
        let mut raw_channels = Vec::new();
        let mut registry = channels.is_some();
        for i in imports {
            let file = i.content;
            registry |= !file.channels.is_empty();
            let id_of = |id: &Option<Sp<String>>| id.as_ref().map(|i| i.value.clone());
            let persona_ids = file.personas.iter().filter_map(|p| id_of(&p.id)).collect();
            let channel_ids = file.channels.iter().filter_map(|c| id_of(&c.id)).collect();
            let keep_p = self.picks(i.import.personas.as_ref(), IdKind::Persona, persona_ids);
            let keep_c = self.picks(i.import.channels.as_ref(), IdKind::Channel, channel_ids);
            let picked = i.import.personas.is_some();
            for p in file.personas.into_iter().filter(|p| keep_p(&id_of(&p.id))) {
                // Picking a persona by id says the journey uses it.
                if let (true, Some(id)) = (picked, id_of(&p.id)) {
                    self.picked_personas.push(id);
                }
                raw_personas.push((p, true));
            }
            raw_channels.extend(
                file.channels
                    .into_iter()
                    .filter(|c| keep_c(&id_of(&c.id)))
                    .map(|c| (c, true)),
            );
        }
        if let Some(p) = personas {
            raw_personas.extend(p.value.into_iter().map(|p| (p, false)));
        }
        if let Some(c) = channels {
            raw_channels.extend(c.value.into_iter().map(|c| (c, false)));
        }
        (raw_personas, raw_channels, registry)
    }

    /// Which ids of an imported file to keep: the picked ones (each checked
    /// against the file's ids), or all when the import picks none.
    fn picks(
        &mut self,
        picked: Option<&Vec<Sp<String>>>,
        of: IdKind,
        in_file: Vec<String>,
    ) -> Keep {
        let Some(picked) = picked else {
            return Box::new(|_: &Option<String>| true);
        };
        let mut keep = Vec::new();
        for p in picked {
            if in_file.contains(&p.value) {
                keep.push(p.value.clone());
            } else {
                let problem = Problem::UnknownRef {
                    of,
                    hint: suggest(&p.value, in_file.iter().map(String::as_str)),
                    id: p.value.clone(),
                };
                self.diags.push(Diagnostic::error(problem, p.span));
            }
        }
        Box::new(move |id: &Option<String>| id.as_ref().is_some_and(|i| keep.contains(i)))
    }
}

/// What a journey uses of what it imports, as a `keep` flag beside each
/// persona and channel (and whether it is imported): the imported personas its
/// touchpoints name (in `personas:` or an emotion map; all of them when the
/// spec has no personas of its own and names none), and the imported channels
/// its touchpoints use. The spec's own always stay (lints check those).
#[allow(clippy::type_complexity)]
pub(super) fn used(
    personas: Vec<(RawPersona, bool)>,
    channels: Vec<(RawChannel, bool)>,
    stages: &[RawStage],
    own_personas: bool,
    picked: &[String],
) -> (Vec<(RawPersona, bool, bool)>, Vec<(RawChannel, bool, bool)>) {
    let tps = || stages.iter().flat_map(|s| &s.touchpoints);
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for t in tps() {
        for p in t.personas.iter().flatten() {
            named.insert(&p.value);
        }
        if let Some(RawEmotion::PerPersona(entries)) = &t.emotion {
            for (id, _) in entries {
                named.insert(&id.value);
            }
        }
    }
    let all_imported = !own_personas && named.is_empty();
    let id = |p: &RawPersona| p.id.as_ref().map(|i| i.value.clone()).unwrap_or_default();
    let personas = personas
        .into_iter()
        .map(|(p, imported)| {
            let id = id(&p);
            let keep =
                !imported || all_imported || named.contains(id.as_str()) || picked.contains(&id);
            (p, imported, keep)
        })
        .collect();
    let used_channels: std::collections::HashSet<&str> = tps()
        .filter_map(|t| t.channel.as_ref())
        .map(|c| c.value.as_str())
        .collect();
    let channels = channels
        .into_iter()
        .map(|(c, imported)| {
            let keep = !imported
                || c.id
                    .as_ref()
                    .is_some_and(|i| used_channels.contains(i.value.as_str()));
            (c, imported, keep)
        })
        .collect();
    (personas, channels)
}
