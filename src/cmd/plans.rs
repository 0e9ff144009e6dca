//! `plancheck plans [list | show ID]`: what plans there are, and what one of them holds.

use super::{load_all, unknown_plan, Context, Error};
use crate::cli::{PlansAction, PlansArgs};
use crate::exit::ExitStatus;
use crate::plan::{Attribute, Plan};
use crate::render::headers;
use crate::rule::Kind;
use crate::words::{outputs::PlanHeading, Label, Lang, Say, Word};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use std::collections::BTreeMap;
use std::io::Write;

pub fn run(args: PlansArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let catalog = load_all(&args.source)?;
    match args.action.unwrap_or(PlansAction::List) {
        PlansAction::List => out.write_all(crate::words::visible_lines(&list(&catalog.plans, cx.lang)).as_bytes())?,
        PlansAction::Show { id } => {
            let plan = catalog.plan(&id).ok_or_else(|| unknown_plan(&id, &catalog))?;
            out.write_all(crate::words::visible_lines(&show(plan, &catalog.registry, cx.lang)).as_bytes())?;
        }
    }
    Ok(ExitStatus::Pass)
}

const LIST_COLUMNS: [Label; 6] =
    [Label::Id, Label::Region, Label::Period, Label::Targets, Label::ByAttribute, Label::ByKind];

/// One row per plan with its counts of targets by kind and by attribute.
pub fn list(plans: &[Plan], lang: Lang) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(headers(&LIST_COLUMNS, lang));
    for p in plans {
        let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
        let mut attributes: BTreeMap<Attribute, usize> = BTreeMap::new();
        for t in &p.targets {
            *kinds.entry(t.rule.kind()).or_default() += 1;
            *attributes.entry(t.attribute).or_default() += 1;
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{} {n}", k.as_str())).collect();
        let attributes: Vec<String> = attributes.iter().map(|(a, n)| format!("{} {n}", a.word(lang))).collect();
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

const SHOW_COLUMNS: [Label; 8] = [
    Label::Id,
    Label::Domain,
    Label::Where,
    Label::Indicator,
    Label::Text,
    Label::Kind,
    Label::Attribute,
    Label::Deadline,
];

fn show(p: &Plan, registry: &crate::indicator::Registry, lang: Lang) -> String {
    let mut out = PlanHeading(&p.meta).say(lang);
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(headers(&SHOW_COLUMNS, lang));
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
            t.attribute.word(lang).to_string(),
            t.deadline.to_string(),
        ]);
    }
    out.push_str(&format!("{table}\n"));
    out
}
