//! Colours, dash patterns, icons and DOM ids: how a persona, a stage or a
//! channel kind looks, in one place for every output.

/// Persona colours `(on a light page, on a dark page)`: lines reach 3:1 against
/// the page and text on a filled marker reaches 4.5:1.
pub const PALETTE: [(&str, &str); 8] = [
    ("#1d63c4", "#7fb0ff"),
    ("#b8430c", "#ff9f66"),
    ("#167245", "#5fd394"),
    ("#7b2fbf", "#c79bff"),
    ("#a1233f", "#ff8aa5"),
    ("#0b6e82", "#56d2e6"),
    ("#8a5a00", "#f0c05a"),
    ("#4a5363", "#b9c1cd"),
];

/// The stroke of the one curve that stands for all personas.
pub const ALL_PERSONAS_STROKE: &str = "#3b4250";

/// Dash patterns, so personas differ without colour too.
pub const DASHES: [&str; 4] = ["", "9 5", "2.5 4", "12 4 3 4"];

/// Stage colours for the SVG picture: `(band fill, accent)`; the HTML page has
/// the same eight as CSS variables (`h0`…`h7`), with dark-mode variants.
pub const STAGE_COLORS: [(&str, &str); 8] = [
    ("#e3edfb", "#1d63c4"),
    ("#dcf1f3", "#0b6e82"),
    ("#e2f3e6", "#167245"),
    ("#f6efd9", "#8a5a00"),
    ("#fbe6da", "#b8430c"),
    ("#f9e1e6", "#a1233f"),
    ("#ece4f8", "#7b2fbf"),
    ("#e7eaef", "#4a5363"),
];

/// The palette index of the persona at `index` (in spec order).
#[must_use]
pub fn color(index: usize) -> usize {
    index % PALETTE.len()
}

/// The dash pattern of the persona at `index`: the pattern changes each time
/// the palette wraps around, so no two of the first 32 personas (8 colours ×
/// 4 dashes) share colour and dash.
#[must_use]
pub fn dash(index: usize) -> &'static str {
    DASHES[(index / PALETTE.len() + index) % DASHES.len()]
}

/// An icon for a channel kind (empty without a kind).
#[must_use]
pub fn kind_icon(kind: Option<&str>) -> &'static str {
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

/// A DOM id from a spec key: ASCII letters, digits, `-` and `_` are kept, any
/// other character becomes `.HEX.` (spec ids never hold `.`, so ids stay unique).
#[must_use]
pub fn dom_id(prefix: &str, key: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + key.len());
    s.push_str(prefix);
    if key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        s.push_str(key);
        return s;
    }
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            s.push(c);
        } else {
            s.push_str(&format!(".{:x}.", c as u32));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every channel kind the spec accepts but `other` has an icon of its own.
    #[test]
    fn every_channel_kind_has_its_icon() {
        let kinds = crate::spec::keys::CHANNEL_KINDS
            .iter()
            .filter(|k| **k != "other");
        let icons: Vec<&str> = kinds.clone().map(|k| kind_icon(Some(k))).collect();
        for (k, i) in kinds.zip(&icons) {
            assert_ne!(*i, kind_icon(Some("other")), "{k}");
        }
        let mut unique = icons.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), icons.len(), "{icons:?}");
    }

    #[test]
    fn dom_ids_are_ascii_and_distinct() {
        assert_eq!(dom_id("tp-", "insta-ad"), "tp-insta-ad");
        assert_eq!(dom_id("tp-", "広告"), "tp-.5e83..544a.");
        assert_ne!(dom_id("tp-", "a.b"), dom_id("tp-", "a2eb"));
    }

    #[test]
    fn colour_and_dash_never_repeat_together() {
        let looks: Vec<(usize, &str)> = (0..32).map(|i| (color(i), dash(i))).collect();
        for (i, a) in looks.iter().enumerate() {
            assert!(!looks[..i].contains(a), "{i}: {a:?}");
        }
    }
}
