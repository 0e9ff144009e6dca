//! A draft set against a reviewed plan: the reviewer's checklist, and the drafter's own measure.
//!
//! **Same clause.** A draft target D and a reviewed target H stand for the same clause when, whitespace and
//! full-width forms ignored, one's `text` contains the other's; for indicator-table rows (whose text is only the
//! target cell) both must be table rows of the same item with the same cell.
//!
//! **Same indicator.** D's indicator is H's when they are the same registry id, when a name of one (the
//! registry name, an alias, or the target's own `name`) is a name of the other, or when D's name is one part of
//! H's name split into its separately measured quantities (孕产妇艾滋病、梅毒和乙肝检测率 → three rates: the
//! reviewed plans are being split that way). A gap compares the pair of indicators in either order.
//!
//! **Pairs.** Quantified draft and reviewed targets of the same clause are paired one to one, best first: right
//! ones, then those with the same indicator, then the same kind. Other draft targets that are parts of a
//! paired reviewed target's compound indicator are absorbed by it.
//!
//! **Figures.** A quantified reviewed target is *right* when its pair has the same indicator, kind, numbers and
//! deadline. A qualitative reviewed target is *found* when a qualitative draft target stands for the same clause.
//! A draft target is *spurious* when it is quantified and neither paired nor absorbed, or qualitative and no
//! reviewed target stands for its clause or for any clause of its item (section and item number): an item's
//! qualitative clauses beside its quantified ones are listed or not at the encoder's choice.

use super::messages::DraftMsg;
use super::subject::split;
use super::{DraftPlan, DraftTarget};
use crate::indicator::{normalize_name, IndicatorId, Registry};
use crate::plan::{Plan, Target, TargetSource};
use crate::rule::{Kind, Rule};
use rust_decimal::Decimal;

/// What the comparison found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Quantified reviewed targets, and how many of them the draft has right.
    pub quantified: usize,
    pub right: usize,
    /// Qualitative reviewed targets, and how many the draft found.
    pub qualitative: usize,
    pub found: usize,
    /// Draft targets, and how many of them are spurious.
    pub drafted: usize,
    pub spurious: usize,
    /// The reviewer's checklist: what is missing, what differs, what is extra.
    pub lines: Vec<DraftMsg>,
}

/// One side's target in the form compared.
struct Side<'a> {
    text: String,
    table: Option<&'a str>,
    /// Where it stands: section and item, normalised.
    place: (String, String),
    kind: Kind,
    numbers: Vec<Decimal>,
    deadline: i32,
    /// The indicator's names (and the reference's, for a gap), each as a set of normalised names.
    names: Vec<Vec<String>>,
    ids: Vec<String>,
}

fn names_of(registry: &Registry, id: IndicatorId, own: Option<&str>) -> Vec<String> {
    let ind = registry.get(id);
    let mut names: Vec<String> = std::iter::once(&ind.name).chain(&ind.aliases).map(|n| normalize_name(n)).collect();
    names.extend(own.map(normalize_name));
    names
}

fn side<'a>(
    text: &str,
    place: (&str, &str),
    table: Option<&'a str>,
    rule: &Rule,
    deadline: i32,
    ids: (Option<IndicatorId>, Option<&str>),
    registry: &Registry,
) -> Side<'a> {
    let (indicator, own) = ids;
    let all: Vec<IndicatorId> = indicator.into_iter().chain(rule.reference()).collect();
    let mut numbers: Vec<Decimal> = rule.numbers().into_iter().map(|x| x.normalize()).collect();
    numbers.sort();
    Side {
        text: normalize_name(text),
        place: (normalize_name(place.0), normalize_name(place.1)),
        table,
        kind: rule.kind(),
        numbers,
        deadline,
        names: all.iter().enumerate().map(|(i, id)| names_of(registry, *id, own.filter(|_| i == 0))).collect(),
        ids: all.iter().map(|id| registry.get(*id).id.clone()).collect(),
    }
}

fn draft_side<'a>(t: &'a DraftTarget, registry: &Registry) -> Side<'a> {
    let table = (t.source == TargetSource::Table).then_some(t.item.as_str());
    side(&t.text, (&t.section, &t.item), table, &t.rule, t.deadline, (t.indicator, t.name.as_deref()), registry)
}

fn reviewed_side<'a>(t: &'a Target, registry: &Registry) -> Side<'a> {
    let table = (t.source == TargetSource::Table).then_some(t.item.as_str());
    side(&t.text, (&t.section, &t.item), table, &t.rule, t.deadline, (t.indicator, t.name.as_deref()), registry)
}

fn same_clause(d: &Side, h: &Side) -> bool {
    match (d.table, h.table) {
        (Some(a), Some(b)) => a.trim() == b.trim() && d.text == h.text,
        (None, None) => {
            !d.text.is_empty() && !h.text.is_empty() && (h.text.contains(&d.text) || d.text.contains(&h.text))
        }
        _ => false,
    }
}

/// The separately measured parts of a compound name.
fn parts(name: &str) -> Vec<String> {
    split(name, &|_| false, true).into_iter().filter(|p| p != name).collect()
}

fn same_one(d: &[String], h: &[String]) -> bool {
    d.iter().any(|n| h.contains(n)) || h.iter().any(|n| parts(n).iter().any(|p| d.contains(p)))
}

fn same_indicator(d: &Side, h: &Side) -> bool {
    if d.ids == h.ids && !d.ids.is_empty() {
        return true;
    }
    match (d.names.as_slice(), h.names.as_slice()) {
        ([a], [b]) => same_one(a, b),
        ([a1, a2], [b1, b2]) => (same_one(a1, b1) && same_one(a2, b2)) || (same_one(a1, b2) && same_one(a2, b1)),
        _ => false,
    }
}

/// Is the draft target one part of the reviewed target's compound indicator?
fn is_part(d: &Side, h: &Side) -> bool {
    match (d.names.first(), h.names.first()) {
        (Some(a), Some(b)) => b.iter().any(|n| parts(n).iter().any(|p| a.contains(p))),
        _ => false,
    }
}

fn is_right(d: &Side, h: &Side) -> bool {
    same_indicator(d, h) && d.kind == h.kind && d.numbers == h.numbers && d.deadline == h.deadline
}

/// What differs between a pair, for the checklist.
fn difference(d: &Side, h: &Side) -> Option<(&'static str, String, String)> {
    let show = |v: &[Decimal]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",");
    if !same_indicator(d, h) {
        return Some(("indicator", h.ids.join("/"), d.ids.join("/")));
    }
    if d.kind != h.kind {
        return Some(("kind", h.kind.as_str().to_string(), d.kind.as_str().to_string()));
    }
    if d.numbers != h.numbers {
        return Some(("value", show(&h.numbers), show(&d.numbers)));
    }
    (d.deadline != h.deadline).then(|| ("deadline", h.deadline.to_string(), d.deadline.to_string()))
}

/// Compares a draft plan (made with `dreg`) with a reviewed plan (loaded with `rreg`).
pub fn compare(draft: &DraftPlan, dreg: &Registry, reviewed: &Plan, rreg: &Registry) -> Comparison {
    let ds: Vec<Side> = draft.targets.iter().map(|t| draft_side(t, dreg)).collect();
    let hs: Vec<Side> = reviewed.targets.iter().map(|t| reviewed_side(t, rreg)).collect();
    let quant = |s: &Side| s.kind != Kind::Qualitative;
    let mut candidates: Vec<(u8, usize, usize)> = Vec::new();
    for (hi, h) in hs.iter().enumerate().filter(|(_, h)| quant(h)) {
        for (di, d) in ds.iter().enumerate().filter(|(_, d)| quant(d) && same_clause(d, h)) {
            let score =
                if is_right(d, h) { 3 } else { u8::from(same_indicator(d, h)) * 2 + u8::from(d.kind == h.kind) };
            candidates.push((score, hi, di));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut pair_of_h, mut pair_of_d) = (vec![None; hs.len()], vec![None; ds.len()]);
    for (_, hi, di) in candidates {
        if pair_of_h[hi].is_none() && pair_of_d[di].is_none() {
            pair_of_h[hi] = Some(di);
            pair_of_d[di] = Some(hi);
        }
    }
    let mut c = Comparison { drafted: ds.len(), ..Comparison::default() };
    c.lines.push(DraftMsg::CompareHeader { draft: draft.meta.id.clone(), reviewed: reviewed.meta.id.clone() });
    for (hi, h) in hs.iter().enumerate() {
        let id = reviewed.targets[hi].id.clone();
        let text = reviewed.targets[hi].text.clone();
        if !quant(h) {
            c.qualitative += 1;
            if ds.iter().any(|d| !quant(d) && same_clause(d, h)) {
                c.found += 1;
            } else {
                c.lines.push(DraftMsg::CompareMissing { id, text });
            }
            continue;
        }
        c.quantified += 1;
        match pair_of_h[hi] {
            Some(di) if is_right(&ds[di], h) => c.right += 1,
            Some(di) => {
                if let Some((what, theirs, ours)) = difference(&ds[di], h) {
                    let draft = draft.targets[di].id.clone();
                    c.lines.push(DraftMsg::CompareWrong { id, draft, what: what.to_string(), theirs, ours });
                }
            }
            None => c.lines.push(DraftMsg::CompareMissing { id, text }),
        }
    }
    for (di, d) in ds.iter().enumerate() {
        let covered = if quant(d) {
            pair_of_d[di].is_some()
                || hs.iter().enumerate().any(|(hi, h)| pair_of_h[hi].is_some() && same_clause(d, h) && is_part(d, h))
        } else {
            // A qualitative clause of an item whose quantities the reviewer encoded is listed or not at the
            // encoder's choice (the item is listed either way): not spurious.
            hs.iter().any(|h| same_clause(d, h) || h.place == d.place)
        };
        if !covered {
            c.spurious += 1;
            let t = &draft.targets[di];
            c.lines.push(DraftMsg::CompareExtra { id: t.id.clone(), text: t.text.clone() });
        }
    }
    c.lines.push(DraftMsg::CompareFigures {
        right: c.right,
        quantified: c.quantified,
        found: c.found,
        qualitative: c.qualitative,
        spurious: c.spurious,
        drafted: c.drafted,
    });
    c
}
