//! `plancheck plans [list | show ID]`: what plans there are, and what one of them holds.

use super::{load_all, usage, Error};
use crate::cli::{PlansAction, PlansArgs};
use crate::exit::ExitStatus;
use crate::plan::{Attribute, Plan};
use crate::rule::Kind;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use std::collections::BTreeMap;
use std::io::Write;

pub fn run(args: PlansArgs, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let catalog = load_all(&args.source)?;
    match args.action.unwrap_or(PlansAction::List) {
        PlansAction::List => out.write_all(list(&catalog.plans).as_bytes())?,
        PlansAction::Show { id } => {
            let plan = catalog.plan(&id).ok_or_else(|| usage(format!("no plan {id:?}")))?;
            out.write_all(show(plan, &catalog.registry).as_bytes())?;
        }
    }
    Ok(ExitStatus::Pass)
}

/// One row per plan with its counts of targets by kind and by attribute.
pub fn list(plans: &[Plan]) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["id", "region", "period", "targets", "by attribute", "by kind"]);
    for p in plans {
        let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
        let mut attributes: BTreeMap<Attribute, usize> = BTreeMap::new();
        for t in &p.targets {
            *kinds.entry(t.rule.kind()).or_default() += 1;
            *attributes.entry(t.attribute).or_default() += 1;
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{} {n}", k.as_str())).collect();
        let attributes: Vec<String> = attributes.iter().map(|(a, n)| format!("{} {n}", a.as_str())).collect();
        table.add_row(vec![
            p.meta.id.clone(),
            p.meta.region.clone(),
            format!("{}–{}", p.meta.period.0, p.meta.period.1),
            p.targets.len().to_string(),
            attributes.join(", "),
            kinds.join(", "),
        ]);
    }
    format!("{table}\n")
}

fn show(p: &Plan, registry: &crate::indicator::Registry) -> String {
    let m = &p.meta;
    let mut out = format!("{} ({})\n", m.title, m.id);
    out.push_str(&format!("issued by {}", m.authority));
    if let Some(date) = &m.issued {
        out.push_str(&format!(" on {date}"));
    }
    if let Some(n) = &m.document_number {
        out.push_str(&format!(", {n}"));
    }
    out.push_str(&format!(
        "\nregion {} · period {}–{} · baseline {} · target year {} · source {}\n\n",
        m.region, m.period.0, m.period.1, m.baseline_year, m.target_year, m.source
    ));
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["id", "domain", "where", "indicator", "text", "kind", "attribute", "deadline"]);
    for t in &p.targets {
        let domain = p.domains.get(t.domain).map_or("", |d| d.name.as_str());
        let indicator = t
            .indicator
            .map_or_else(|| "—".to_string(), |id| format!("{}\n{}", t.shown_name(registry), registry.get(id).id));
        table.add_row(vec![
            t.id.clone(),
            domain.to_string(),
            format!("{} {}", t.section, t.item),
            indicator,
            t.text.clone(),
            t.rule.kind().as_str().to_string(),
            t.attribute.as_str().to_string(),
            t.deadline.to_string(),
        ]);
    }
    out.push_str(&format!("{table}\n"));
    out
}
