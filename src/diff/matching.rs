//! Which stage and touchpoint of the old journey is which of the new one.
//!
//! The rule (also in `docs/diff.md`):
//!
//! 1. Items with the same `id` on both sides are the same item, whatever their
//!    names (a new name is a rename).
//! 2. Items still unpaired are paired by exact name, unless both have an `id`:
//!    two different ids are two different items. Touchpoints look for their name
//!    in the partner stage first, then anywhere in the journey; among several
//!    candidates the first in journey order wins.
//! 3. Whatever is still unpaired was removed (old side) or added (new side).
//!
//! A paired item has moved when it changed stage, or when it is not part of
//! the longest run of paired items that kept their relative order (so adding
//! one touchpoint at the top does not "move" all the others).

use crate::model::{Journey, Touchpoint};
use serde::Serialize;
use std::collections::HashMap;

/// How two items were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    Id,
    Name,
}

/// What identifies an item for pairing.
#[derive(Debug, Clone, Copy)]
pub struct Ident<'a> {
    pub id: Option<&'a str>,
    pub name: &'a str,
}

/// A touchpoint with its place: stage index and index within the stage.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub stage: usize,
    pub index: usize,
    pub tp: &'a Touchpoint,
}

/// Every touchpoint of a journey, in journey order.
#[must_use]
pub fn touchpoints(j: &Journey) -> Vec<Located<'_>> {
    j.stages
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.touchpoints
                .iter()
                .enumerate()
                .map(move |(index, tp)| Located {
                    stage: si,
                    index,
                    tp,
                })
        })
        .collect()
}

/// The pairing of two journeys.
#[derive(Debug)]
pub struct Pairing {
    /// For each new stage: its old partner.
    pub stage_new: Vec<Option<(usize, MatchedBy)>>,
    /// For each old stage: its new partner.
    pub stage_old: Vec<Option<usize>>,
    /// For each new touchpoint (journey order): its old partner (journey order).
    pub tp_new: Vec<Option<(usize, MatchedBy)>>,
    /// For each old touchpoint (journey order): its new partner.
    pub tp_old: Vec<Option<usize>>,
    /// New stages that moved (by index).
    pub stage_moved: Vec<bool>,
    /// New touchpoints that moved within their stage (by journey index).
    pub tp_reordered: Vec<bool>,
}

/// Pair the stages and touchpoints of `old` and `new`.
#[must_use]
pub fn pair(old: &Journey, new: &Journey) -> Pairing {
    fn ident_stage(s: &crate::model::Stage) -> Ident<'_> {
        Ident {
            id: s.id.as_deref(),
            name: &s.name,
        }
    }
    let os: Vec<Ident> = old.stages.iter().map(ident_stage).collect();
    let ns: Vec<Ident> = new.stages.iter().map(ident_stage).collect();
    let mut stage_new = vec![None; ns.len()];
    by_id(&os, &ns, &mut stage_new);
    by_name(&os, &ns, &mut stage_new, |_, _| true);
    let stage_old = invert(&stage_new, os.len());

    let ot = touchpoints(old);
    let nt = touchpoints(new);
    fn ident_tp<'a>(l: &Located<'a>) -> Ident<'a> {
        Ident {
            id: l.tp.id.as_deref(),
            name: &l.tp.name,
        }
    }
    let oi: Vec<Ident> = ot.iter().map(ident_tp).collect();
    let ni: Vec<Ident> = nt.iter().map(ident_tp).collect();
    let mut tp_new = vec![None; ni.len()];
    by_id(&oi, &ni, &mut tp_new);
    by_name(&oi, &ni, &mut tp_new, |o, n| {
        stage_new[nt[n].stage].is_some_and(|(s, _)| s == ot[o].stage)
    });
    by_name(&oi, &ni, &mut tp_new, |_, _| true);
    let tp_old = invert(&tp_new, oi.len());

    let stage_moved = stage_moves(&stage_new);
    let tp_reordered = tp_reorders(&stage_new, &tp_new, &ot, &nt);
    Pairing {
        stage_new,
        stage_old,
        tp_new,
        tp_old,
        stage_moved,
        tp_reordered,
    }
}

/// Paired stages whose place among the other paired stages changed.
fn stage_moves(stage_new: &[Option<(usize, MatchedBy)>]) -> Vec<bool> {
    // The matched ones, in new order, by old index.
    let matched: Vec<(usize, usize)> = stage_new
        .iter()
        .enumerate()
        .filter_map(|(n, m)| m.map(|(o, _)| (n, o)))
        .collect();
    let mut moved = vec![false; stage_new.len()];
    for (&(n, _), out) in matched.iter().zip(out_of_order(&matched)) {
        moved[n] = out;
    }
    moved
}

/// Touchpoints that stayed in their (paired) stage but left the order of their neighbours.
fn tp_reorders(
    stage_new: &[Option<(usize, MatchedBy)>],
    tp_new: &[Option<(usize, MatchedBy)>],
    ot: &[Located],
    nt: &[Located],
) -> Vec<bool> {
    let mut reordered = vec![false; nt.len()];
    for (n_stage, m) in stage_new.iter().enumerate() {
        let Some((o_stage, _)) = m else { continue };
        let stayed: Vec<(usize, usize)> = nt
            .iter()
            .enumerate()
            .filter(|(_, l)| l.stage == n_stage)
            .filter_map(|(n, _)| {
                tp_new[n]
                    .filter(|(o, _)| ot[*o].stage == *o_stage)
                    .map(|(o, _)| (n, o))
            })
            .collect();
        for (&(n, _), out) in stayed.iter().zip(out_of_order(&stayed)) {
            reordered[n] = out;
        }
    }
    reordered
}

impl Pairing {
    /// The touchpoints shown under new stage `n` (whose old partner is `o`), as
    /// `(old, new)` journey indices in merged order: the new ones, with the removed
    /// ones of `o` among them. Touchpoints that left `o` for another stage are not here.
    #[must_use]
    pub fn stage_rows(
        &self,
        ot: &[Located],
        nt: &[Located],
        o: Option<usize>,
        n: usize,
    ) -> Vec<(Option<usize>, Option<usize>)> {
        let new_idx: Vec<usize> = (0..nt.len()).filter(|&i| nt[i].stage == n).collect();
        let old_idx: Vec<usize> = o.map_or_else(Vec::new, |o| {
            (0..ot.len())
                .filter(|&i| ot[i].stage == o)
                .filter(|&i| self.tp_old[i].is_none_or(|p| nt[p].stage == n))
                .collect()
        });
        let partner: Vec<Option<usize>> = old_idx
            .iter()
            .map(|&i| self.tp_old[i].and_then(|p| new_idx.iter().position(|&x| x == p)))
            .collect();
        merge(new_idx.len(), &partner)
            .into_iter()
            .filter_map(|e| match e {
                (Some(k), _) => {
                    let ni = new_idx[k];
                    Some((self.tp_new[ni].map(|(o, _)| o), Some(ni)))
                }
                (None, Some(k)) => Some((Some(old_idx[k]), None)),
                (None, None) => None,
            })
            .collect()
    }

    /// The touchpoints of removed old stage `o` that are gone, as old journey indices.
    #[must_use]
    pub fn removed_rows(&self, ot: &[Located], o: usize) -> Vec<usize> {
        (0..ot.len())
            .filter(|&i| ot[i].stage == o && self.tp_old[i].is_none())
            .collect()
    }
}

fn by_id(old: &[Ident], new: &[Ident], out: &mut [Option<(usize, MatchedBy)>]) {
    for (n, ni) in new.iter().enumerate() {
        let Some(id) = ni.id else { continue };
        if let Some(o) = old.iter().position(|oi| oi.id == Some(id)) {
            out[n] = Some((o, MatchedBy::Id));
        }
    }
}

fn by_name(
    old: &[Ident],
    new: &[Ident],
    out: &mut [Option<(usize, MatchedBy)>],
    allowed: impl Fn(usize, usize) -> bool,
) {
    let mut taken = vec![false; old.len()];
    for (o, _) in out.iter().flatten() {
        taken[*o] = true;
    }
    // Old items by name, in journey order (looked up, never iterated: order-safe).
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (o, oi) in old.iter().enumerate() {
        if !taken[o] {
            by_name.entry(oi.name).or_default().push(o);
        }
    }
    for (n, ni) in new.iter().enumerate() {
        if out[n].is_some() {
            continue;
        }
        let Some(candidates) = by_name.get_mut(ni.name) else {
            continue;
        };
        let found = candidates
            .iter()
            .position(|&o| !(old[o].id.is_some() && ni.id.is_some()) && allowed(o, n));
        if let Some(k) = found {
            let o = candidates.remove(k);
            out[n] = Some((o, MatchedBy::Name));
        }
    }
}

fn invert(new_to_old: &[Option<(usize, MatchedBy)>], old_len: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; old_len];
    for (n, m) in new_to_old.iter().enumerate() {
        if let Some((o, _)) = m {
            out[*o] = Some(n);
        }
    }
    out
}

/// For `(new, old)` pairs in new order: whether each is off the longest run
/// that kept its old order.
fn out_of_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    let olds: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    let keep = longest_increasing(&olds);
    (0..pairs.len()).map(|k| !keep.contains(&k)).collect()
}

/// Indices of one longest strictly increasing subsequence of `xs`: the earliest
/// one to complete, so the result is deterministic.
#[must_use]
pub fn longest_increasing(xs: &[usize]) -> Vec<usize> {
    // O(n²) is plenty for the size of a journey and easy to read.
    let n = xs.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if xs[j] < xs[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = Some(j);
            }
        }
    }
    let Some(mut at) = (0..n).max_by(|&a, &b| len[a].cmp(&len[b]).then(b.cmp(&a))) else {
        return Vec::new();
    };
    let mut out = vec![at];
    while let Some(p) = prev[at] {
        out.push(p);
        at = p;
    }
    out.reverse();
    out
}

/// Place the old-only entries among the new ones: each goes right after the new
/// partner of its closest paired predecessor (or first), keeping old order.
/// `old_partner[o]` is the new index of old entry `o` when both are in the
/// group being merged. Returns `(Some(new), None)` and `(None, Some(old))` entries.
#[must_use]
pub fn merge(new_len: usize, old_partner: &[Option<usize>]) -> Vec<(Option<usize>, Option<usize>)> {
    // Old-only entries anchored after a new index (`None`: before everything).
    let mut anchored: Vec<(Option<usize>, usize)> = Vec::new();
    let mut anchor = None;
    for (o, p) in old_partner.iter().enumerate() {
        match p {
            Some(n) => anchor = Some(*n),
            None => anchored.push((anchor, o)),
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> = anchored
        .iter()
        .filter(|(a, _)| a.is_none())
        .map(|(_, o)| (None, Some(*o)))
        .collect();
    for n in 0..new_len {
        out.push((Some(n), None));
        out.extend(
            anchored
                .iter()
                .filter(|(a, _)| *a == Some(n))
                .map(|(_, o)| (None, Some(*o))),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_run_in_order() {
        let table: &[(&[usize], &[usize])] = &[
            (&[], &[]),
            (&[0, 1, 2], &[0, 1, 2]),
            (&[1, 0], &[0]),
            (&[0, 2, 1, 3], &[0, 1, 3]),
            (&[3, 0, 1, 2], &[1, 2, 3]),
            (&[1, 2, 3, 0], &[0, 1, 2]),
        ];
        for (xs, expected) in table {
            assert_eq!(longest_increasing(xs), *expected, "{xs:?}");
        }
    }

    #[test]
    fn merge_places_old_entries_after_their_predecessor() {
        // old: a b c d, new: a' d' (b, c removed): a' b c d'
        let m = merge(2, &[Some(0), None, None, Some(1)]);
        assert_eq!(
            m,
            [
                (Some(0), None),
                (None, Some(1)),
                (None, Some(2)),
                (Some(1), None)
            ]
        );
        // A removed first entry goes first.
        let m = merge(1, &[None, Some(0)]);
        assert_eq!(m, [(None, Some(0)), (Some(0), None)]);
    }

    fn ids(xs: &[(Option<&'static str>, &'static str)]) -> Vec<Ident<'static>> {
        xs.iter().map(|&(id, name)| Ident { id, name }).collect()
    }

    #[test]
    fn ids_first_then_names_unless_both_have_ids() {
        let old = ids(&[
            (Some("a"), "A"),
            (None, "B"),
            (Some("c"), "C"),
            (Some("d"), "D"),
        ]);
        let new = ids(&[
            (Some("a"), "Renamed A"),
            (Some("b"), "B"),
            (Some("x"), "C"),
            (None, "D"),
        ]);
        let mut out = vec![None; new.len()];
        by_id(&old, &new, &mut out);
        by_name(&old, &new, &mut out, |_, _| true);
        assert_eq!(
            out,
            [
                Some((0, MatchedBy::Id)),
                Some((1, MatchedBy::Name)),
                None, // `c` and `x` are two ids: two items
                Some((3, MatchedBy::Name)),
            ]
        );
    }
}
