//! How much of a spec is read: the most stages, touchpoints, channels and
//! personas, and the cap on errors reported per file.

pub use crate::diagnostic::{Capped, MAX_ERRORS};

/// The most stages a spec may have (docs/performance.md, "Limits").
pub const MAX_STAGES: usize = 1_000;
/// The most touchpoints a spec may have, over all its stages.
pub const MAX_TOUCHPOINTS: usize = 50_000;
/// The most channels a journey may have (a registry, imports included, or distinct
/// free-text channels): the channel × stage coverage matrix grows with both.
pub const MAX_CHANNELS: usize = 200;
/// The most personas a journey may have, imports included: every touchpoint
/// involves all personas by default, so they multiply the work of every stage.
pub const MAX_PERSONAS: usize = 100;
/// The most metrics a registry may hold.
pub const MAX_METRICS: usize = 500;

#[cfg(test)]
mod tests {
    use super::{MAX_CHANNELS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS};
    use crate::message::Lang;

    /// `code message (label)` of each error, in English.
    fn errors(text: &str) -> Vec<String> {
        let c = crate::compile_str("limits.yaml", text, &Default::default());
        c.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let t = d.texts(Lang::En);
                let label = t.label.unwrap_or_default();
                format!("{} {} ({label})", d.code, t.message)
            })
            .collect()
    }

    fn spec(personas: usize, stages: &[usize]) -> String {
        let mut s = String::from("journeymap: 1\ntitle: t\npersonas:\n");
        for i in 0..personas {
            s.push_str(&format!("  - {{id: p{i}, name: P}}\n"));
        }
        s.push_str("stages:\n");
        for (i, &tps) in stages.iter().enumerate() {
            s.push_str(&format!("  - name: s{i}\n"));
            if tps > 0 {
                s.push_str("    touchpoints:\n");
                s.push_str(&"      - {name: t}\n".repeat(tps));
            }
        }
        s
    }

    #[test]
    fn errors_are_capped_per_file() {
        // One long line of unknown keys: every error used to be printed with the whole line.
        let keys: Vec<String> = (0..5_000).map(|i| format!("x{i}: 1")).collect();
        let text = format!("{{journeymap: 1, title: t, {}}}\n", keys.join(", "));
        let errors = errors(&text);
        // Reading keeps 100 of its 5 001 errors (5 000 keys, no `stages`), analysis adds 1.
        assert_eq!(errors.len(), super::MAX_ERRORS + 2, "{errors:?}");
        let more: Vec<_> = errors
            .iter()
            .filter(|e| e.contains("more errors"))
            .collect();
        assert_eq!(
            more,
            [
                "JM0005 4901 more errors not shown (at most 100 are reported at once) (the next one is here)"
            ]
        );
    }

    #[test]
    fn limits_are_inclusive_and_refused_past_them() {
        let half = MAX_TOUCHPOINTS / 2;
        assert_eq!(errors(&spec(1, &[half, half])), Vec::<String>::new());
        assert_eq!(errors(&spec(MAX_PERSONAS, &[10])), Vec::<String>::new());
        assert_eq!(
            errors(&spec(1, &[half, half, 1, 1])),
            vec![format!(
                "JM0005 too many touchpoints (a spec holds at most {MAX_TOUCHPOINTS}) (touchpoints from here on are not read)"
            )],
        );
        assert_eq!(
            errors(&spec(MAX_PERSONAS + 1, &[1])),
            vec![format!(
                "JM0005 too many personas (a spec holds at most {MAX_PERSONAS}) (personas from here on are not read)"
            )],
        );
        let pairs = crate::analyze::MAX_PERSONA_TOUCHPOINTS;
        assert_eq!(
            errors(&spec(MAX_PERSONAS, &[pairs / MAX_PERSONAS])),
            Vec::<String>::new()
        );
        assert_eq!(
            errors(&spec(MAX_PERSONAS, &[pairs / MAX_PERSONAS, 1, 1])),
            vec![format!(
                "JM0005 too many personas on too many touchpoints (a journey has at most {pairs} persona–touchpoint pairs) (the journey passes the limit at this touchpoint ({MAX_PERSONAS} personas each))"
            )],
        );
        let free = |n: usize| {
            let mut s = spec(1, &[]);
            s.push_str("  - name: s\n    touchpoints:\n");
            for i in 0..n {
                s.push_str(&format!("      - {{name: t, channel: c{i}}}\n"));
            }
            s
        };
        assert_eq!(errors(&free(MAX_CHANNELS)), Vec::<String>::new());
        assert_eq!(
            errors(&free(MAX_CHANNELS + 2)),
            vec![format!(
                "JM0005 too many channels (a journey has at most {MAX_CHANNELS}, imports included) (channels from here on are not read)"
            )],
        );
        let mut registry =
            String::from("journeymap: 1\ntitle: t\npersonas: [{id: p, name: P}]\nchannels:\n");
        for i in 0..=MAX_CHANNELS {
            registry.push_str(&format!("  - {{id: c{i}, name: C}}\n"));
        }
        registry.push_str("stages: [{name: s}]\n");
        assert_eq!(
            errors(&registry),
            vec![format!(
                "JM0005 too many channels (a spec holds at most {MAX_CHANNELS}) (channels from here on are not read)"
            )],
        );
        assert_eq!(errors(&spec(1, &vec![1; MAX_STAGES])), Vec::<String>::new());
        assert_eq!(
            errors(&spec(1, &vec![1; MAX_STAGES + 1])),
            vec![format!(
                "JM0005 too many stages (a spec holds at most {MAX_STAGES}) (stages from here on are not read)"
            )],
        );
    }
}
