//! The font faces `-f png` draws text with: one database per run, from the
//! `--font` files first and then the system's fonts in path order (so the
//! same machine always picks the same fallback face); which face the
//! picture's `font-family` list resolves to; and the check that every
//! character drawn has a face, naming its script when none has it.

use crate::message::Script;
use crate::render::fonts::{FontChoice, FontError};
use resvg::usvg::{self, fontdb};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// The font database of a run and the families `--font` brought.
pub struct Loaded {
    pub db: Arc<fontdb::Database>,
    /// The families of the `--font` files, in the order given.
    pub preferred: Vec<String>,
}

/// The sans-serif families tried for the generic `sans-serif` (and `serif`,
/// usvg's last resort) when no `--font` is given: the first one installed wins.
const SANS: &[&str] = &[
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans CJK JP",
    "Arial",
    "Helvetica",
];

pub(crate) fn load(choice: &FontChoice) -> Result<Loaded, FontError> {
    let mut db = fontdb::Database::new();
    let mut preferred: Vec<String> = Vec::new();
    for file in &choice.files {
        let cannot = |error: String| FontError::CannotLoad {
            file: file.clone(),
            error,
        };
        let data = std::fs::read(file).map_err(|e| cannot(e.to_string()))?;
        let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
        if ids.is_empty() {
            return Err(cannot(
                "not a font file (TrueType, OpenType or a collection)".into(),
            ));
        }
        for id in ids {
            if let Some(family) = db.face(id).and_then(|f| f.families.first())
                && !preferred.contains(&family.0)
            {
                preferred.push(family.0.clone());
            }
        }
    }
    if choice.system {
        // fontdb scans folders in directory order, which differs between file
        // systems; loading the files again sorted by path makes the order
        // (and so the fallback face of a character) the same on every run.
        let mut found = fontdb::Database::new();
        found.load_system_fonts();
        let mut paths: Vec<PathBuf> = found
            .faces()
            .filter_map(|f| match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p.clone()),
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        paths.sort();
        paths.dedup();
        for p in paths {
            let _ = db.load_font_file(&p);
        }
    }
    let has = |name: &str| {
        db.faces()
            .any(|f| f.families.iter().any(|(n, _)| n == name))
    };
    let sans = preferred
        .first()
        .cloned()
        .or_else(|| SANS.iter().find(|n| has(n)).map(|n| (*n).to_owned()))
        .or_else(|| {
            db.faces()
                .find_map(|f| f.families.first().map(|(n, _)| n.clone()))
        });
    if let Some(sans) = sans {
        db.set_sans_serif_family(sans.clone());
        db.set_serif_family(sans);
    }
    Ok(Loaded {
        db: Arc::new(db),
        preferred,
    })
}

/// usvg's font resolver over `loaded`: the `--font` families first, then the
/// picture's `font-family` list as usvg reads it (quoted names, then the
/// generic `sans-serif`); a character the chosen face lacks comes from the
/// closest face of the same style that has it, in database order.
pub fn resolver(loaded: &Loaded) -> usvg::FontResolver<'static> {
    let preferred = loaded.preferred.clone();
    let default = usvg::FontResolver::default_font_selector();
    usvg::FontResolver {
        select_font: Box::new(move |font, db| {
            if !preferred.is_empty() {
                let families: Vec<fontdb::Family> =
                    preferred.iter().map(|n| fontdb::Family::Name(n)).collect();
                let query = fontdb::Query {
                    families: &families,
                    weight: fontdb::Weight(font.weight()),
                    stretch: fontdb::Stretch::Normal,
                    style: fontdb::Style::Normal,
                };
                if let Some(id) = db.query(&query) {
                    return Some(id);
                }
            }
            default(font, db)
        }),
        select_fallback: Box::new(|c, used, db| {
            let base = db.face(*used.first()?)?;
            db.faces()
                .filter(|f| !used.contains(&f.id))
                .filter(|f| has_chars(db, f.id, &[c]).is_empty())
                .min_by_key(|f| {
                    (
                        f.style != base.style,
                        f.stretch != base.stretch,
                        f.weight.0.abs_diff(base.weight.0),
                    )
                })
                .map(|f| f.id)
        }),
    }
}

/// Of `chars`, those the face `id` has no glyph for.
fn has_chars(db: &fontdb::Database, id: fontdb::ID, chars: &[char]) -> Vec<char> {
    db.with_face_data(id, |data, index| {
        let Ok(font) = skrifa::FontRef::from_index(data, index) else {
            return chars.to_vec();
        };
        let map = skrifa::MetadataProvider::charmap(&font);
        chars
            .iter()
            .copied()
            .filter(|c| map.map(*c).is_none())
            .collect()
    })
    .unwrap_or_else(|| chars.to_vec())
}

/// Characters that are not drawn as glyphs of their own: spaces, controls,
/// joiners, variation selectors and tags (they join or modify what is around them).
fn drawn(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E007F}'))
}

/// Whether `node` is text that is drawn: inside a `<text>`, not in its
/// `<title>` tooltip (nor a `<desc>`).
pub(crate) fn is_drawn_text(node: &usvg::roxmltree::Node) -> bool {
    const SVG: &str = "http://www.w3.org/2000/svg";
    node.is_text()
        && node.ancestors().any(|a| a.has_tag_name((SVG, "text")))
        && !node
            .ancestors()
            .any(|a| a.has_tag_name((SVG, "title")) || a.has_tag_name((SVG, "desc")))
}

/// The characters an SVG draws: the text of its `<text>` elements, without
/// their `<title>` tooltips, in document order, each once.
#[must_use]
pub fn drawn_chars(doc: &usvg::roxmltree::Document) -> Vec<char> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for node in doc.descendants().filter(is_drawn_text) {
        for c in node
            .text()
            .unwrap_or_default()
            .chars()
            .filter(|c| drawn(*c))
        {
            if seen.insert(c) {
                out.push(c);
            }
        }
    }
    out
}

/// Check that some face of `db` has each of `chars`.
///
/// # Errors
/// The characters no face has, with their scripts.
pub fn check_coverage(db: &fontdb::Database, chars: &[char], ja: bool) -> Result<(), FontError> {
    let mut missing: Vec<char> = chars.to_vec();
    for face in db.faces() {
        if missing.is_empty() {
            return Ok(());
        }
        missing = has_chars(db, face.id, &missing);
    }
    if missing.is_empty() {
        return Ok(());
    }
    let kana = missing.iter().any(|c| {
        matches!(script_of(*c, true), Script::Japanese)
            && !matches!(*c, '\u{3400}'..='\u{9FFF}' | '\u{20000}'..='\u{3FFFF}')
    });
    let mut scripts: Vec<Script> = Vec::new();
    for c in &missing {
        let s = script_of(*c, ja || kana);
        if !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    Err(FontError::Missing {
        scripts,
        sample: missing.iter().take(8).collect(),
    })
}

/// The script of a character, as the missing-font message names it; `ja`:
/// Han characters count as Japanese (a Japanese map, or kana beside them).
fn script_of(c: char, ja: bool) -> Script {
    match c {
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
            Script::Japanese
        }
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
            Script::Korean
        }
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3190}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}' => {
            if ja {
                Script::Japanese
            } else {
                Script::Chinese
            }
        }
        '\u{1F000}'..='\u{1FAFF}' => Script::Emoji,
        '\u{0590}'..='\u{08FF}' | '\u{0900}'..='\u{0DFF}' | '\u{0E00}'..='\u{0FFF}' => {
            Script::Other
        }
        '\u{0000}'..='\u{058F}' | '\u{1E00}'..='\u{1FFF}' => Script::Latin,
        _ => Script::Symbols,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_characters() {
        for (c, ja, s) in [
            ('あ', false, Script::Japanese),
            ('ア', false, Script::Japanese),
            ('認', true, Script::Japanese),
            ('認', false, Script::Chinese),
            ('、', true, Script::Japanese),
            ('한', true, Script::Korean),
            ('😄', true, Script::Emoji),
            ('é', false, Script::Latin),
            ('Ж', false, Script::Latin),
            ('★', false, Script::Symbols),
            ('ش', false, Script::Other),
        ] {
            assert_eq!(script_of(c, ja), s, "{c}");
        }
    }

    #[test]
    fn only_text_outside_tooltips_is_drawn() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><title>題</title><desc>説明</desc>
<text><title>全文</title><tspan>認知 a</tspan></text><g><title>外</title></g></svg>"#;
        let doc = usvg::roxmltree::Document::parse(svg).unwrap();
        assert_eq!(drawn_chars(&doc), ['認', '知', 'a']);
    }
}
