//! The plain facts of a touchpoint (what the customer does and thinks, who
//! owns it, what happens backstage, the research behind it): one table that
//! every output reads, so a new fact is one entry here. The HTML map gives each
//! a lane, the Markdown tables a column, the CSV a column, in this order.

use crate::locale::Labels;
use crate::model::Touchpoint;
use serde::Serialize;

/// A touchpoint's value of a field.
pub enum Fact<'t> {
    Text(Option<&'t str>),
    List(&'t [String]),
}

impl Fact<'_> {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        match self {
            Fact::Text(t) => t.is_none(),
            Fact::List(l) => l.is_empty(),
        }
    }
}

/// How the HTML map draws a field's cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Plain text.
    Text,
    /// A speech bubble (what the customer thinks).
    Thought,
    /// A tag (a team's name).
    Tag,
    /// A bulleted list.
    List,
    /// A small list of sources.
    Sources,
}

/// Where a field sits among the other parts of each output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// With what the customer does: after the touchpoint's name and channel.
    Story,
    /// With who works on it: after the pain points and opportunities.
    Team,
    /// With the research: last.
    Sources,
}

/// One plain fact of a touchpoint.
#[derive(Serialize)]
pub struct Field {
    /// The spec key (and the HTML lane's class, `lane-KEY`).
    pub key: &'static str,
    #[serde(skip)]
    pub label: fn(&Labels) -> &'static str,
    #[serde(skip)]
    pub value: for<'t> fn(&'t Touchpoint) -> Fact<'t>,
    pub style: Style,
    pub group: Group,
    /// A list of texts (the Markdown and CSV cells join them).
    pub list: bool,
}

/// The touchpoint's plain facts, in the order every output shows them.
pub const FIELDS: &[Field] = &[
    Field {
        key: "action",
        label: |l| l.action,
        value: |t| Fact::Text(t.action.as_deref()),
        style: Style::Text,
        group: Group::Story,
        list: false,
    },
    Field {
        key: "thought",
        label: |l| l.thought,
        value: |t| Fact::Text(t.thought.as_deref()),
        style: Style::Thought,
        group: Group::Story,
        list: false,
    },
    Field {
        key: "owner",
        label: |l| l.owner,
        value: |t| Fact::Text(t.owner.as_deref()),
        style: Style::Tag,
        group: Group::Team,
        list: false,
    },
    Field {
        key: "backstage",
        label: |l| l.backstage,
        value: |t| Fact::List(&t.backstage),
        style: Style::List,
        group: Group::Team,
        list: true,
    },
    Field {
        key: "evidence",
        label: |l| l.evidence,
        value: |t| Fact::List(&t.evidence),
        style: Style::Sources,
        group: Group::Sources,
        list: true,
    },
];

/// The fields of one group, in order.
pub fn in_group(group: Group) -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(move |f| f.group == group)
}

/// A field's value as one text: a list's items joined by `sep`.
#[must_use]
pub fn joined(fact: &Fact, sep: &str) -> String {
    match fact {
        Fact::Text(t) => t.unwrap_or_default().to_owned(),
        Fact::List(l) => l.join(sep),
    }
}
