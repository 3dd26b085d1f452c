//! Pain points and opportunities: pain point ids, tickets, and the pain
//! points that opportunities address (SPEC.md §7).

use super::{Analyzer, suggest};
use crate::diagnostic::Diagnostic;
use crate::message::{IdKind, Problem};
use crate::model::Item;
use crate::spec::RawItem;

impl Analyzer<'_> {
    /// Pain points or opportunities: pain point ids unique in the file,
    /// tickets that are text or `http(s)` URLs; the pain point ids that
    /// opportunities address are checked once every pain point is known.
    pub(super) fn items(&mut self, raw: Vec<RawItem>) -> Vec<Item> {
        raw.into_iter()
            .map(|i| {
                if let Some(id) = &i.id {
                    self.pain_ids.define(id, &mut self.diags);
                }
                let ticket = i.ticket.and_then(|t| {
                    let Some(scheme) = link_scheme(&t.value) else {
                        return Some(t.value);
                    };
                    if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
                        return Some(t.value);
                    }
                    let problem = Problem::TicketScheme { scheme };
                    self.diags.push(Diagnostic::error(problem, t.span));
                    None
                });
                self.addressed.extend(i.addresses.iter().cloned());
                Item {
                    text: i.text,
                    priority: i.priority,
                    owner: i.owner,
                    id: i.id.map(|x| x.value),
                    impact: i.impact,
                    effort: i.effort,
                    status: i.status,
                    ticket,
                    addresses: i.addresses.into_iter().map(|a| a.value).collect(),
                }
            })
            .collect()
    }

    /// Every `addresses` entry names a pain point of the file.
    pub(super) fn check_addresses(&mut self) {
        let addressed = std::mem::take(&mut self.addressed);
        for a in addressed {
            if !self.pain_ids.seen.contains_key(&a.value) {
                let problem = Problem::UnknownRef {
                    of: IdKind::PainPoint,
                    hint: suggest(&a.value, self.pain_ids.seen.keys().map(String::as_str)),
                    id: a.value,
                };
                self.diags.push(Diagnostic::error(problem, a.span));
            }
        }
    }
}

/// The scheme of a text that looks like a link (`https://…`, `javascript:`,
/// `data:`…), if it does: a ticket such as `WEB-142` or `JIRA 12: login` has none.
fn link_scheme(text: &str) -> Option<String> {
    let t = text.trim();
    let (scheme, rest) = t.split_once(':')?;
    let is_scheme = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let dangerous = ["javascript", "data", "vbscript", "file"]
        .iter()
        .any(|d| scheme.eq_ignore_ascii_case(d));
    (is_scheme && (rest.starts_with("//") || dangerous)).then(|| scheme.to_owned())
}
