//! Every word journeymap's diagnostics say, in English.
//!
//! One style (STYLE.md): lowercase, no trailing period, user identifiers in
//! backticks, the cause in parentheses, then a help or "did you mean `x`?".

use super::{
    Catalogue, ChannelHint, Encoding, Example, Expected, FileProblem, Found, IdKind, IdProblem,
    KeyHint, Limited, LintFinding, NeedsRegistry, NoteLabel, NumberHint, Object, Problem, Subject,
    Suggestion, TableProblem, Texts, VersionFound, Why, YamlHint,
};

pub(super) struct En;

mod measured;

impl Catalogue for En {
    // A table: one arm per kind of error, grouped as in `Problem`.
    fn problem(&self, p: &Problem) -> Texts {
        match p {
            // --- The file and its YAML
            Problem::NotText { nul: true } => Texts::new("file contains a NUL byte")
                .label("here")
                .help("journeymap reads YAML text; is this a binary file?"),
            Problem::NotText { nul: false } => Texts::new("file is not valid UTF-8")
                .label("here")
                .help("save the file as UTF-8 (journeymap reads UTF-8 YAML, with or without a BOM)"),
            Problem::TooLarge { bytes, limit } => Texts::new(self.file_problem(
                &FileProblem::TooLarge { bytes: *bytes, limit: *limit },
            ))
            .help("split the journey into several specs, or move bulky text out of it"),
            Problem::Unreadable { reason } => Texts::new(reason.as_str()),
            Problem::DuplicateKey { parser, .. } => Texts::new(parser.as_str())
                .label("here")
                .help("each key may appear once in a mapping: remove or rename one of them"),
            Problem::YamlTooLarge => Texts::new(
                "the YAML is too large or expands too much (a parser resource limit was reached)",
            )
            .label("here")
            .help("journeymap specs nest a few levels deep; check for runaway nesting or anchors/aliases that expand without bound"),
            Problem::YamlTooDeep { parser, levels } => {
                Texts::new(match levels {
                    Some(n) => format!("the YAML is nested too deeply (more than {n} levels of lists and mappings)"),
                    None => format!("the YAML is nested too deeply ({parser})"),
                })
                    .label("here")
                    .help(if levels.is_some() {
                        "journeymap specs nest a few levels deep; check for indentation that keeps growing, or an alias placed deep inside what it copies"
                    } else {
                        "journeymap specs nest a few levels deep; check for unclosed brackets"
                    })
            }
            Problem::YamlSyntax { parser, hint } => Texts::new(format!("invalid YAML: {parser}"))
                .label("here")
                .help(yaml_hint(hint)),
            Problem::UnclosedQuote { quote } => {
                Texts::new(format!("invalid YAML: this quoted text is never closed (no closing `{quote}`)"))
                    .label("opened here")
                    .help(format!("end the text with `{quote}` on the same line; a text of several lines goes after `|` on lines of its own"))
            }

            // --- Structure
            Problem::TooManyErrors { more, max } => Texts::new(format!(
                "{more} more errors not shown (at most {max} are reported at once)"
            ))
            .label("the next one is here")
            .help("fix the errors above first: one mistake (an indentation, a misspelt key) often causes many"),
            // A list inside a list of texts: say so of the item (the value is a list).
            Problem::WrongType {
                key,
                expected: Expected::TextList,
                found: Found::List,
            } => Texts::new(format!(
                "each item of `{}` must be a text, found a list",
                subject(key)
            ))
            .label("expected a text")
            .help(format!(
                "write `{}: [first, second]`, each item a text (quote one that holds `,` or `:`)",
                subject(key)
            )),
            Problem::WrongType { key, expected, found } => {
                let (key, expected_text) = (subject(key), expected_text(expected));
                Texts::new(format!("`{key}` must be {expected_text}, found {}", found_text(*found)))
                    .label(format!("expected {expected_text}"))
                    .help_opt(wrong_type_help(&key, expected))
            }
            Problem::NotAMapping { object: o, found } => Texts::new(format!(
                "{} must be a mapping (`key: value` lines), found {}",
                object(*o),
                found_text(*found)
            ))
            .label("expected a mapping"),
            Problem::KeyNotText { object: o } => {
                Texts::new(format!("keys of {} must be text", object(*o))).label("not a text key")
            }
            Problem::CommaSplitKey { before, key } => Texts::new(format!(
                "the comma in `{before},{key}` split the text: YAML read `{key}` as another key"
            ))
            .label("a `,` inside `{…}` ends the value")
            .help(format!(
                "quote the text to keep it whole: `\"{before},{key}\"`, or write the number without a comma"
            )),
            Problem::UnknownKey { key, object: o, hint } => {
                Texts::new(format!("unknown key `{key}` in {}", object(*o)))
                    .label("unknown key")
                    .help(self.key_hint(key, *o, hint))
            }
            Problem::MissingKey { object: o, key, example: e } => {
                Texts::new(format!("{} has no `{key}`", object(*o)))
                    .label(format!("`{key}` is required here"))
                    .help(format!("add `{key}: {}`", example(*e)))
            }
            Problem::EmptyText { object: o, key, example: e } => {
                Texts::new(format!("`{key}` of {} is empty", object(*o)))
                    .label("needs a value")
                    .help(format!("write a value, e.g. `{key}: {}`", example(*e)))
            }
            Problem::InvalidChoice { value, key, choices, suggestion } => {
                Texts::new(format!("`{value}` is not a valid `{key}`"))
                    .label(format!("expected {}", choices.join(" | ")))
                    .help(suggestion.map_or_else(
                        || format!("use one of {}", quoted(choices.iter().copied())),
                        |s| self.did_you_mean(s),
                    ))
            }
            Problem::InvalidLintLevel { level, suggestion } => {
                Texts::new(format!("`{level}` is not a lint level"))
                    .label("expected allow | warn | deny")
                    .help(suggestion.map_or_else(
                        || "use allow, warn or deny".to_owned(),
                        |s| self.did_you_mean(s),
                    ))
            }
            Problem::InvalidId { id, of, problem } => {
                Texts::new(format!("invalid id `{id}` for {}", object((*of).into())))
                    .label(id_problem(*problem))
                    .help("ids are 1 to 64 letters, digits, `-` or `_` (Japanese letters are fine), e.g. `misaki` or `free-trial`")
            }
            Problem::TooManyInSpec { what, limit } => {
                let what = limited(*what);
                Texts::new(format!("too many {what} (a spec holds at most {limit})"))
                    .label(format!("{what} from here on are not read"))
                    .help("split the journey into several specs, e.g. one per part of the journey")
            }
            Problem::EmptySpec => Texts::new("the spec is empty")
                .label("expected `journeymap: 1`, `title`, `personas` and `stages`")
                .help("start from `journeymap init`, or see the format reference, docs/format.md"),
            Problem::NoStages => Texts::new("the spec has no `stages`")
                .label("`stages` is required")
                .help("add `stages:` with at least one stage, e.g. `- {id: awareness, name: Awareness}`"),
            Problem::NoVersion => Texts::new("the spec has no `journeymap` format version")
                .label("`journeymap: 1` is required")
                .help("add `journeymap: 1` as the first line"),
            Problem::UnsupportedVersion { found, supported } => {
                let found = match found {
                    VersionFound::Written(t) => format!("`{t}`"),
                    VersionFound::Kind(k) => found_text(*k).to_owned(),
                };
                Texts::new(format!("unsupported format version {found}"))
                    .label(format!("this journeymap supports version {supported}"))
                    .help(format!("write `journeymap: {supported}`"))
            }
            Problem::MissingScaleEnd { key } => Texts::new(format!("`scale` has no `{key}`"))
                .label(format!("`{key}` is required"))
                .help("write both ends, e.g. `scale: {min: -2, max: 2}`"),

            // --- Ids, references and values
            Problem::TooManyPersonas { limit } => Texts::new(format!(
                "too many personas (a journey has at most {limit}, imports included)"
            ))
            .label("personas from here on are not read")
            .help("split the journey into several specs, e.g. one per segment"),
            Problem::TooManyChannels { limit } => Texts::new(format!(
                "too many channels (a journey has at most {limit}, imports included)"
            ))
            .label("channels from here on are not read")
            .help("group touchpoints under fewer channels: a channel is a kind of contact (web, email, store…), not a single page"),
            Problem::TooManyPairs { limit, personas } => Texts::new(format!(
                "too many personas on too many touchpoints (a journey has at most {limit} persona–touchpoint pairs)"
            ))
            .label(format!("the journey passes the limit at this touchpoint ({personas} personas each)"))
            .help("give touchpoints only the personas they involve (`personas: [...]`), or split the journey into several specs"),
            Problem::DuplicateId { of, id } => {
                let of = id_kind(*of);
                Texts::new(format!("duplicate {of} id `{id}`"))
                    .label("defined again here")
                    .help(format!("{of} ids must be unique: rename one of them"))
            }
            Problem::EmptyStages => Texts::new("the journey has no stages")
                .label("at least one stage is required")
                .help("add a stage, e.g. `- {id: awareness, name: Awareness}`"),
            Problem::NoPersonas => Texts::new("the journey has no personas")
                .label("at least one persona is required")
                .help("add `personas:` with at least one `- {id: persona-1, name: Persona name}`, or import them with `imports:`"),
            Problem::InvalidScale { min, max } => {
                Texts::new(format!("`scale` min ({min}) must be below max ({max})"))
                    .label("min is not below max")
                    .help("e.g. `scale: {min: -2, max: 2}` or `scale: {min: 1, max: 5}`")
            }
            Problem::UnknownChannel { id, hint } => Texts::new(format!("unknown channel `{id}`"))
                .label("not a channel id")
                .help(match hint {
                    ChannelHint::Closest(c) => self.did_you_mean(c),
                    ChannelHint::NameOf { name, id } => {
                        format!("`{name}` is the name of channel `{id}`: use its id")
                    }
                    ChannelHint::Known(ids) if ids.is_empty() => {
                        format!("no channel is defined yet: add `{id}` to `channels:`")
                    }
                    ChannelHint::Known(ids) => format!(
                        "the channels are {}; add `{id}` to `channels:` if it is a new one",
                        quoted(ids.iter().map(String::as_str))
                    ),
                }),
            Problem::UnknownPersona { id, hint } => Texts::new(format!("unknown persona `{id}`"))
                .label("not a persona id")
                .help(match hint {
                    Suggestion::Known(ids) if ids.is_empty() => {
                        "no persona is defined yet: add it to `personas:`".to_owned()
                    }
                    _ => self.suggestion(hint, |ids| format!("the personas are {ids}")),
                }),
            Problem::EmotionPersonaNotOnTouchpoint { persona } => {
                Texts::new(format!("persona `{persona}` is not on this touchpoint"))
                    .label("not in the touchpoint's `personas`")
                    .help(format!(
                        "add `{persona}` to the touchpoint's `personas`, or remove its emotion"
                    ))
            }
            Problem::EmotionOutOfScale { value, min, max } => {
                Texts::new(format!("emotion {value} is outside the scale {min}..{max}"))
                    .label(format!("expected a number from {min} to {max}"))
                    .help(format!(
                        "use a value from {min} (very negative) to {max} (very positive), or change `scale`"
                    ))
            }
            Problem::UnknownStage { id, hint } => {
                Texts::new(format!("unknown stage `{id}` in `loop_to`"))
                    .label("not a stage id")
                    .help(self.suggestion(hint, |ids| {
                        if ids.is_empty() {
                            "give the stage an `id` and name it here".to_owned()
                        } else {
                            format!("the stage ids are {ids}")
                        }
                    }))
            }
            Problem::UnknownLint { name, hint } => Texts::new(format!("unknown lint `{name}`"))
                .label("not a lint name")
                .help(self.suggestion(hint, |ids| format!("the lints are {ids}"))),

            // --- Imports
            Problem::ImportCycle { chain } => {
                Texts::new(format!("import cycle: {}", chain.join(" → ")))
                    .label("imports a file that imports this one")
                    .help("files must not import each other: move the shared personas and channels into one file")
            }
            Problem::ImportFailed { import, reason, looked_for } => Texts::new(format!(
                "cannot import `{import}`: {}",
                self.file_problem(reason)
            ))
            .label(format!("looked for {looked_for}"))
            .help("imports are paths relative to the importing file"),
            _ => self.data_problem(p),
        }
    }

    fn finding(&self, f: &LintFinding) -> Texts {
        match f {
            LintFinding::NegativeWithoutOpportunity { touchpoint, low } => Texts::new(format!(
                "touchpoint `{touchpoint}` feels negative ({low}) but has no opportunity"
            ))
            .label("negative moment with no improvement planned")
            .help("add `opportunities:` to the touchpoint or its stage: how could this moment get better?"),
            LintFinding::EmptyStage { stage } => {
                Texts::new(format!("stage `{stage}` has no touchpoints"))
                    .label("empty stage")
                    .help("add `touchpoints:` to the stage, or remove it")
            }
            LintFinding::UnusedPersona { id } => {
                Texts::new(format!("persona `{id}` is on no touchpoint"))
                    .label("unused persona")
                    .help("add it to a touchpoint's `personas`, or remove it")
            }
            LintFinding::UnusedChannel { id } => {
                Texts::new(format!("channel `{id}` is used by no touchpoint"))
                    .label("unused channel")
                    .help("use it as a touchpoint's `channel`, or remove it")
            }
            LintFinding::MissingEmotion { touchpoint, stage, min, max } => Texts::new(format!(
                "touchpoint `{touchpoint}` has no emotion, unlike the others of stage `{stage}`"
            ))
            .label("gap in the emotion curve")
            .help(format!("add `emotion:` (a number from {min} to {max})")),
            LintFinding::PainWithoutOpportunity { stage } => {
                Texts::new(format!("stage `{stage}` lists pain points but no opportunity"))
                    .label("pain points with no improvement planned")
                    .help("add `opportunities:` to the stage or one of its touchpoints")
            }
            LintFinding::NoEvidence { touchpoint } => {
                Texts::new(format!("touchpoint `{touchpoint}` has no evidence"))
                    .label("assumed, not researched")
                    .help("add `evidence:` (interviews, analytics, surveys) that backs this touchpoint")
            }
            LintFinding::MetricOffTarget { metric, value, target, lower_is_better, unit } => {
                Texts::new(format!(
                    "`{metric}` is {value}{unit}, {} its target of {target}{unit}",
                    if *lower_is_better { "above" } else { "below" }
                ))
                .label("misses its target")
                .help("plan an opportunity where it is measured, or revisit the target")
            }
            LintFinding::AssumptionGap { touchpoint, persona, assumed, measured } => {
                let whose = persona
                    .as_ref()
                    .map_or_else(String::new, |p| format!(" for `{p}`"));
                Texts::new(format!(
                    "touchpoint `{touchpoint}` is assumed to feel {assumed}{whose} but measures {measured}"
                ))
                .label("the assumption and the measurement disagree")
                .help("revisit the emotion with the research, or check what the metric measures here")
            }
            LintFinding::HashtagComment { value, kept } => {
                Texts::new(format!("` #` starts a YAML comment: this value is only `{kept}`"))
                    .label("dropped as a comment")
                    .help(format!(
                        "a hashtag must be inside quotes: `\"{}\"` (or write `# ` with a space for a real comment)",
                        value.replace('"', "\\\"")
                    ))
            }
            LintFinding::CommaSplitNumber { before, after } => Texts::new(format!(
                "the comma split `{before},{after}` into two items, `{before}` and `{after}`"
            ))
            .label("`,` separates the items of a `[…]` list")
            .help(format!(
                "quote the text to keep it whole: `\"{before},{after}\"`"
            )),
            LintFinding::UnmeasuredMetric { id } => {
                Texts::new(format!("metric `{id}` has no value anywhere"))
                    .label("measured nowhere")
                    .help("add its values to a stage's or touchpoint's `metrics:` or to a data file, or remove it")
            }
        }
    }

    fn lint_note(&self, lint: &str, why: Why) -> String {
        let how = match why {
            Why::Denied => format!("`{lint}` is denied"),
            Why::SpecWarns => format!("`{lint}` is set to warn in `lints:`"),
            Why::Default => format!("`{lint}` is on by default"),
        };
        format!("{how}; silence it with `lints: {{{lint}: allow}}` or `-A {lint}`")
    }

    fn note_label(&self, label: &NoteLabel) -> String {
        match label {
            NoteLabel::FirstDefined => "first defined here".to_owned(),
            NoteLabel::ScaleMax => "max".to_owned(),
            NoteLabel::NeverClosed { bracket } => format!("this `{bracket}` is never closed"),
            NoteLabel::FirstMeasured => "first given here".to_owned(),
            NoteLabel::InSpec => "the spec's value".to_owned(),
        }
    }

    fn file_problem(&self, problem: &FileProblem) -> String {
        const MIB: u64 = 1024 * 1024;
        match problem {
            FileProblem::NotFound => "no such file".to_owned(),
            FileProblem::Io(reason) => reason.clone(),
            FileProblem::TooLarge { bytes, limit } => format!(
                "file is too large ({} MiB; journeymap reads spec files up to {} MiB)",
                bytes / MIB,
                limit / MIB
            ),
            FileProblem::DataTooLarge { bytes, limit } => format!(
                "file is too large ({}; journeymap reads data files up to {} MiB)",
                mib(*bytes, *limit),
                limit / MIB
            ),
            FileProblem::Directory => "it is a folder, not a file".to_owned(),
            FileProblem::NotAFile => "it is not a regular file (a device or a pipe)".to_owned(),
            FileProblem::NotText { line, column, nul } => format!(
                "{} at {line}:{column}",
                if *nul {
                    "file contains a NUL byte"
                } else {
                    "file is not valid UTF-8"
                }
            ),
        }
    }

    fn did_you_mean(&self, word: &str) -> String {
        format!("did you mean `{word}`?")
    }

    fn long_line(&self, label: &str, at: Option<(usize, usize)>, kb: usize) -> String {
        let at = at.map_or_else(String::new, |(l, c)| format!(" at {l}:{c}"));
        format!("{label}{at} (the line is {kb} KB long, so it is not shown)")
    }
}

impl En {
    fn key_hint(&self, key: &str, o: Object, hint: &KeyHint) -> String {
        match hint {
            KeyHint::Closest(k) => self.did_you_mean(k),
            KeyHint::Attributes => format!(
                "free facts about a persona go under `attributes:`, e.g. `attributes: {{{key}: …}}`"
            ),
            KeyHint::Metrics => format!(
                "numbers about {} go under `metrics:`, e.g. `metrics: {{{key}: …}}`",
                object(o)
            ),
            KeyHint::Allowed(keys) => format!(
                "{} takes {}; keys starting with `x-` are kept for templates",
                object(o),
                quoted(keys.iter().copied())
            ),
        }
    }

    /// A did-you-mean, or `known` given the defined ids as a backticked list.
    fn suggestion(&self, hint: &Suggestion, known: impl FnOnce(&str) -> String) -> String {
        match hint {
            Suggestion::Closest(c) => self.did_you_mean(c),
            Suggestion::Known(ids) => known(&quoted(ids.iter().map(String::as_str))),
        }
    }
}

fn yaml_hint(hint: &YamlHint) -> String {
    match hint {
        YamlHint::Unclosed { bracket, line } => {
            let close = if *bracket == '[' { ']' } else { '}' };
            format!("close the `{bracket}` of line {line} with `{close}` on the same line")
        }
        YamlHint::Tab => "YAML indents with spaces only: replace the tab with spaces".to_owned(),
        YamlHint::Colon => {
            "a value that contains `: ` must be quoted, e.g. `thought: \"note: this\"`".to_owned()
        }
        YamlHint::Indented { key, line } => format!(
            "this line is indented deeper than `{key}` on line {line}: keys of one mapping start in the same column"
        ),
        YamlHint::ExtraDocument => "a spec is one YAML document: remove the extra `---`".to_owned(),
        YamlHint::Other => "check the indentation and quoting around this place".to_owned(),
    }
}

fn subject(s: &Subject) -> String {
    match s {
        Subject::Key(key) => key.clone(),
        Subject::EmotionOf(persona) => format!("emotion: {{{persona}: …}}"),
    }
}

fn expected_text(e: &Expected) -> &'static str {
    match e {
        Expected::Text => "a text",
        Expected::List { .. } => "a list",
        Expected::TextList => "a list of texts",
        Expected::Number => "a number",
        Expected::Bool => "`true` or `false`",
        Expected::Objects => "a list (lines starting with `- `)",
        Expected::Item => "a text or `{text, priority, owner}`",
        Expected::LintLevels => "a mapping of lint names to levels",
        Expected::LintName => "lint names",
        Expected::LintLevel => "a lint level (allow | warn | deny)",
        Expected::PersonaKeys => "persona ids as keys",
        Expected::Emotion => "a number or a map of persona ids to numbers",
        Expected::ValueMap => "a mapping of names to values",
        Expected::TextKeys => "text keys",
        Expected::TextOrNumber => "a text or a number",
        Expected::ImportEntry => "a path or `{file, personas, channels}`",
    }
}

fn wrong_type_help(key: &str, e: &Expected) -> Option<String> {
    match e {
        Expected::List { written: Some(t) } => Some(format!("write a list: `{key}: [{t}]`")),
        Expected::LintLevels => Some("e.g. `lints: {no-evidence: warn}`".to_owned()),
        Expected::Emotion => {
            Some("e.g. `emotion: -1` or `emotion: {persona-1: 1, persona-2: -1}`".to_owned())
        }
        Expected::ValueMap => Some(format!("e.g. `{key}: {{name: value}}`")),
        Expected::ImportEntry => Some(
            "e.g. `imports: [shared/personas.yaml, {file: shared/channels.yaml, channels: [web]}]`"
                .to_owned(),
        ),
        Expected::List { written: None }
        | Expected::Text
        | Expected::TextList
        | Expected::Number
        | Expected::Bool
        | Expected::Objects
        | Expected::Item
        | Expected::LintName
        | Expected::LintLevel
        | Expected::PersonaKeys
        | Expected::TextKeys
        | Expected::TextOrNumber => None,
    }
}

fn found_text(f: Found) -> &'static str {
    match f {
        Found::Null => "nothing (null)",
        Found::Bool => "a boolean",
        Found::Number => "a number",
        Found::Text => "a text",
        Found::List => "a list",
        Found::Mapping => "a mapping",
    }
}

fn object(o: Object) -> &'static str {
    match o {
        Object::Spec => "the spec",
        Object::ImportFile => "an imported file",
        Object::Scale => "`scale`",
        Object::Persona => "a persona",
        Object::Channel => "a channel",
        Object::Stage => "a stage",
        Object::Touchpoint => "a touchpoint",
        Object::PainPoint => "a pain point",
        Object::Opportunity => "an opportunity",
        Object::Metric => "a metric",
        Object::MetricEmotion => "a metric's `emotion`",
        Object::MetricValue => "a metric value",
        Object::Import => "an import",
        Object::Parent => "`parent`",
    }
}

fn id_kind(k: IdKind) -> &'static str {
    match k {
        IdKind::Persona => "persona",
        IdKind::Channel => "channel",
        IdKind::Stage => "stage",
        IdKind::Touchpoint => "touchpoint",
        IdKind::Metric => "metric",
        IdKind::PainPoint => "pain point",
    }
}

fn id_problem(p: IdProblem) -> &'static str {
    match p {
        IdProblem::Empty => "an id cannot be empty",
        IdProblem::TooLong => "longer than 64 characters",
        IdProblem::BadCharacter => "only letters, digits, `-` and `_` are allowed",
    }
}

fn limited(l: Limited) -> &'static str {
    match l {
        Limited::Personas => "personas",
        Limited::Channels => "channels",
        Limited::Stages => "stages",
        Limited::Touchpoints => "touchpoints",
        Limited::Metrics => "metrics",
    }
}

fn example(e: Example) -> &'static str {
    match e {
        Example::Title => "Journey title",
        Example::PersonaId => "persona-1",
        Example::PersonaName => "Persona name",
        Example::ChannelId => "email",
        Example::ChannelName => "Email",
        Example::StageName => "Awareness",
        Example::TouchpointName => "Visit the pricing page",
        Example::ItemText => "…",
        Example::MetricId => "csat",
        Example::MetricName => "Satisfaction (CSAT)",
        Example::MetricValue => "72",
        Example::SurveyMin => "1",
        Example::SurveyMax => "5",
        Example::ImportFile => "shared/personas.yaml",
        Example::ParentJourney => "../overview.yaml",
    }
}

/// A size past `limit` in MiB, never rounded down onto the limit itself.
fn mib(bytes: u64, limit: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes / MIB <= limit / MIB {
        format!("more than {} MiB", limit / MIB)
    } else {
        format!("{} MiB", bytes / MIB)
    }
}

/// `a`, `b`, `c`
fn quoted<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = words.map(|w| format!("`{w}`")).collect();
    quoted.join(", ")
}
