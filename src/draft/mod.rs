//! `plancheck draft`: plan files drafted from a plan document's text alone. The pipeline is
//! [`document`] (text or .docx → paragraphs and tables) → [`notice`] (the plans it issues, their metadata) →
//! [`structure`] / [`table`] (domains and items) → [`clause`] (clauses → targets: [`rule`] reads the
//! predicate, [`subject`] and [`indicator`] the quantity, [`gap`] the gaps) → [`toml`] (plan and indicator
//! files). [`compare`] sets a draft against a reviewed plan. The registry is used for indicator names and
//! units only; no encoded plan's targets are ever read here.

pub mod clause;
pub mod compare;
pub mod count;
pub mod document;
pub mod docx;
pub mod gap;
pub mod indicator;
/// The drafter's words live with every other word, in [`crate::words::draft`].
pub use crate::words::draft as messages;
pub mod notice;
pub mod number;
pub mod rule;
pub mod structure;
pub mod subject;
pub mod summary;
pub mod table;
pub mod toml;

use crate::indicator::{IndicatorId, Registry};
use crate::plan::{Attribute, Domain, PlanKind, PlanMeta, TargetSource};
use crate::rule::Rule;
use messages::DraftMsg;
use std::collections::HashSet;
use structure::Item;

/// How to draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The city part of plan and new indicator ids (`xinyu` → `xinyu-women`).
    pub prefix: String,
    /// The document's file name, recorded as the plans' `source`.
    pub source: String,
}

/// One drafted target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftTarget {
    pub id: String,
    /// Index into [`DraftPlan::domains`].
    pub domain: usize,
    pub section: String,
    pub item: String,
    pub source: TargetSource,
    pub text: String,
    pub indicator: Option<IndicatorId>,
    /// The indicator as this document names it, where that differs from the registry's name.
    pub name: Option<String>,
    pub attribute: Attribute,
    pub deadline: i32,
    pub rule: Rule,
    pub readings: Vec<DraftMsg>,
}

/// A clause with a number that no rule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub section: String,
    pub item: String,
    pub text: String,
}

/// One drafted plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPlan {
    pub meta: PlanMeta,
    /// What was assumed about the metadata.
    pub meta_readings: Vec<DraftMsg>,
    pub domains: Vec<Domain>,
    pub targets: Vec<DraftTarget>,
    pub unread: Vec<Unread>,
}

/// Everything drafted from one document.
#[derive(Debug, Clone)]
pub struct Draft {
    pub plans: Vec<DraftPlan>,
    /// The registry the draft was made with, its new indicators added at the end.
    pub registry: Registry,
    /// How many indicators the registry had before: ids from here on are new.
    pub known: usize,
}

impl Draft {
    /// The new indicators the plans use, in the registry's order.
    pub fn new_indicators(&self) -> Vec<IndicatorId> {
        let used: HashSet<IndicatorId> = self
            .plans
            .iter()
            .flat_map(|p| &p.targets)
            .flat_map(|t| t.indicator.into_iter().chain(t.rule.reference()))
            .collect();
        let mut ids: Vec<IndicatorId> = used.into_iter().filter(|id| id.0 as usize >= self.known).collect();
        ids.sort();
        ids
    }
}

/// Drafts the plans of a document from its bytes.
pub fn draft(name: &str, bytes: &[u8], registry: &Registry, options: &Options) -> Result<Draft, DraftMsg> {
    let doc = document::read(name, bytes)?;
    draft_document(&doc, registry, options)
}

/// Drafts the plans of a read document.
pub fn draft_document(doc: &document::Document, registry: &Registry, options: &Options) -> Result<Draft, DraftMsg> {
    if !crate::plan::load::is_kebab(&options.prefix) {
        return Err(DraftMsg::BadPrefix { prefix: options.prefix.clone() });
    }
    let found = notice::find_plans(&doc.blocks);
    let first = found.first().ok_or_else(|| DraftMsg::NoPlan { file: options.source.clone() })?;
    let notice = notice::read_notice(&doc.blocks[..first.start]);
    let mut registry = registry.clone();
    let known = registry.len();
    let matcher = indicator::Matcher::new(&registry);
    let mut plans = Vec::new();
    for (i, plan) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(doc.blocks.len(), |next| next.start);
        let blocks = doc.blocks.get(plan.start..end).unwrap_or_default();
        let outline = structure::outline(blocks);
        let mut reader =
            clause::Reader { registry: &mut registry, matcher: &matcher, prefix: &options.prefix, period: plan.period };
        plans.push(build(plan, &notice, &outline, &mut reader, options));
    }
    Ok(Draft { plans, registry, known })
}

/// The plan's metadata, from its title and the notice.
fn meta(found: &notice::Found, notice: &notice::Notice, options: &Options) -> (PlanMeta, Vec<DraftMsg>) {
    let mut readings = found.readings.clone();
    let authority = notice.authority.clone().unwrap_or_else(|| {
        let assumed = format!("{}人民政府", found.region);
        readings.push(DraftMsg::ReadAuthorityAssumed { authority: assumed.clone() });
        assumed
    });
    let kind = if found.kind == PlanKind::Women { "women" } else { "children" };
    let meta = PlanMeta {
        at: crate::diag::Location::new(options.source.as_str().into(), 1, 1),
        id: format!("{}-{kind}", options.prefix),
        kind: found.kind,
        title: found.title.clone(),
        region: found.region.clone(),
        authority,
        document_number: notice.document_number.clone(),
        issued: notice.issued.clone(),
        period: found.period,
        baseline_year: found.period.0 - 1,
        target_year: found.period.1,
        source: options.source.clone(),
    };
    (meta, readings)
}

/// Reads every item of the outline and assembles the plan.
fn build(
    found: &notice::Found,
    notice: &notice::Notice,
    outline: &structure::Outline,
    reader: &mut clause::Reader,
    options: &Options,
) -> DraftPlan {
    let (meta, meta_readings) = meta(found, notice, options);
    let mut read: Vec<(&Item, clause::Drafted)> = Vec::new();
    let mut unread = Vec::new();
    for item in &outline.items {
        let reading = reader.item(item);
        let texts = reading.unread.into_iter();
        unread.extend(texts.map(|text| Unread { section: item.section.clone(), item: item.label.clone(), text }));
        read.extend(reading.targets.into_iter().map(|t| (item, t)));
    }
    let kept = keep(read);
    let domains = domains(outline, &kept);
    let targets = number_targets(&kept, &domains, outline, reader.registry, meta.target_year);
    let domains = domains.into_iter().map(|(_, d)| d).collect();
    DraftPlan { meta, meta_readings, domains, targets, unread }
}

/// Drops what a reviewed plan would not repeat: measures without a level, a measure or a bullet's quantity that
/// the indicator table or a main target already gives.
fn keep(read: Vec<(&Item, clause::Drafted)>) -> Vec<(&Item, clause::Drafted)> {
    let tabled: HashSet<IndicatorId> =
        read.iter().filter(|(i, _)| i.source == TargetSource::Table).filter_map(|(_, t)| t.indicator).collect();
    // A trend whose quantity its item also gives a number (减少艾滋病…母婴传播，艾滋病母婴传播率下降到2%以下).
    let leveled: HashSet<(*const Item, IndicatorId)> = read
        .iter()
        .filter(|(_, t)| t.has_level())
        .filter_map(|(i, t)| t.indicator.map(|id| (*i as *const Item, id)))
        .collect();
    let mut given: Vec<(IndicatorId, Rule)> = Vec::new();
    let mut out = Vec::new();
    for (item, t) in read {
        let quantified = t.indicator.is_some();
        let drop = match item.source {
            TargetSource::Measures => {
                !quantified || !t.has_level() || given.iter().any(|g| Some(g.0) == t.indicator && g.1 == t.rule)
            }
            TargetSource::Main => {
                let again = |id: IndicatorId| !t.has_level() && leveled.contains(&(item as *const Item, id));
                quantified && t.indicator.is_some_and(|id| tabled.contains(&id) || again(id))
            }
            _ => false,
        };
        if drop {
            continue;
        }
        if let Some(id) = t.indicator {
            given.push((id, t.rule.clone()));
        }
        out.push((item, t));
    }
    out
}

/// The domains that hold a target, with their index in the outline.
fn domains(outline: &structure::Outline, kept: &[(&Item, clause::Drafted)]) -> Vec<(usize, Domain)> {
    let mut used_ids = HashSet::new();
    let mut out = Vec::new();
    for (i, d) in outline.domains.iter().enumerate() {
        if !kept.iter().any(|(item, _)| item.domain == i) {
            continue;
        }
        let mut id = domain_id(&d.name).unwrap_or_else(|| format!("domain-{}", i + 1));
        if !used_ids.insert(id.clone()) {
            id = format!("{id}-{}", i + 1);
            used_ids.insert(id.clone());
        }
        let at = crate::diag::Location::new("".into(), 1, 1);
        out.push((i, Domain { id, name: d.name.clone(), section: d.section.clone(), at }));
    }
    out
}

/// The English id of a domain, from the words of its name.
fn domain_id(name: &str) -> Option<String> {
    let ids = [
        ("健康", "health"),
        ("教育", "education"),
        ("经济", "economy"),
        ("决策", "decision"),
        ("社会保障", "social-security"),
        ("福利", "welfare"),
        ("安全", "safety"),
        ("家庭", "family"),
        ("环境", "environment"),
        ("法律", "law"),
    ];
    ids.iter().find(|(w, _)| name.contains(w)).map(|(_, id)| id.to_string())
}

/// Gives each target its id (`health-3a`: domain, item, a letter where an item holds several), domain index,
/// attribute and deadline.
fn number_targets(
    kept: &[(&Item, clause::Drafted)],
    domains: &[(usize, Domain)],
    outline: &structure::Outline,
    registry: &Registry,
    target_year: i32,
) -> Vec<DraftTarget> {
    let mut bases: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (item, t) in kept {
        let Some(domain) = domains.iter().position(|(i, _)| *i == item.domain) else { continue };
        let base = format!("{}-{}", domains[domain].1.id, item_code(item, outline));
        bases.push(base);
        let attribute = item.row.as_ref().map_or(Attribute::Unspecified, |r| r.attribute);
        let name = t.name.clone().filter(|n| {
            let registry_name = t.indicator.map(|id| registry.get(id).name.as_str());
            Some(crate::indicator::normalize_name(n).as_str())
                != registry_name.map(crate::indicator::normalize_name).as_deref()
        });
        out.push(DraftTarget {
            id: String::new(),
            domain,
            section: item.section.clone(),
            item: item.label.clone(),
            source: item.source,
            text: t.text.clone(),
            indicator: t.indicator,
            name,
            attribute,
            deadline: t.deadline.unwrap_or(target_year),
            rule: t.rule.clone(),
            readings: t.readings.clone(),
        });
    }
    for (i, base) in bases.iter().enumerate() {
        let count = bases.iter().filter(|b| *b == base).count();
        let nth = bases[..i].iter().filter(|b| *b == base).count();
        out[i].id = if count == 1 { base.clone() } else { format!("{base}{}", letters(nth)) };
    }
    out
}

/// `a`, `b`, …, `z`, `aa`, `ab`, ….
fn letters(n: usize) -> String {
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    if n < 26 {
        letter(n).to_string()
    } else {
        format!("{}{}", letter(n / 26 - 1), letter(n))
    }
}

/// An item's part of a target id: its number (main), `t` + number (table row), `m` + number (measures),
/// `p` + number (专栏 project), `main` + position (an unnumbered bullet).
fn item_code(item: &Item, outline: &structure::Outline) -> String {
    let digits: String = item.label.chars().filter(|c| c.is_ascii_digit()).collect();
    match item.source {
        TargetSource::Table => format!("t{digits}"),
        TargetSource::Measures if item.label.starts_with("专栏") => format!("p{digits}"),
        TargetSource::Measures => format!("m{digits}"),
        _ if !digits.is_empty() && digits.len() == item.label.len() => digits,
        _ => {
            let nth = outline.items.iter().filter(|i| i.domain == item.domain && i.source == item.source);
            let position = nth.take_while(|i| !std::ptr::eq(*i, item)).count() + 1;
            format!("main{position}")
        }
    }
}
