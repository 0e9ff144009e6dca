//! `plancheck indicators [list | show ID]`: every known indicator — its id, the names plans give it, its
//! aliases and unit, and the targets that use it — or everything about one. With `--plan`, the indicators those
//! plans use (and the registry files beside a plan file of one's own).

use super::{load_all, load_for_plans, usage, Context, Error, Loaded};
use crate::cli::{IndicatorsAction, IndicatorsArgs};
use crate::diag::Message;
use crate::exit::ExitStatus;
use crate::indicator::{IndicatorId, Registry};
use crate::plan::{usage::Usage, Plan};
use crate::render::headers;
use crate::words::{pick, Label, Lang, Word};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use std::io::Write;

pub fn run(args: IndicatorsArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let loaded = match args.plan.is_empty() {
        true => Loaded::every(load_all(&args.source)?),
        false => load_for_plans(&args.plan, &args.source)?,
    };
    let registry = &loaded.catalog.registry;
    let plans: Vec<&Plan> = loaded.plans().collect();
    match args.action.unwrap_or(IndicatorsAction::List) {
        IndicatorsAction::List => {
            let ids: Vec<IndicatorId> = match args.plan.is_empty() {
                true => registry.iter().map(|(id, _)| id).collect(),
                false => used_by(&plans),
            };
            out.write_all(list(&ids, &plans, registry, cx.lang).as_bytes())?;
        }
        IndicatorsAction::Show { indicator } => {
            let Some(id) = registry.lookup(&indicator) else {
                let all = registry.iter().map(|(id, _)| id);
                let suggestion = registry.suggest(&indicator, all).map(str::to_string);
                return Err(usage(Message::NoIndicator { name: indicator, suggestion }));
            };
            out.write_all(show(id, &plans, registry, cx.lang).as_bytes())?;
        }
    }
    Ok(ExitStatus::Pass)
}

/// Every indicator the plans read, in registry order.
fn used_by(plans: &[&Plan]) -> Vec<IndicatorId> {
    let mut ids: Vec<IndicatorId> = plans.iter().flat_map(|p| p.indicators()).collect();
    ids.sort();
    ids.dedup();
    ids
}

const LIST_COLUMNS: [Label; 7] =
    [Label::Id, Label::Name, Label::Unit, Label::Aliases, Label::Plan, Label::NameInPlan, Label::UsedBy];

/// One row per indicator and plan that uses it (one row with dashes for an indicator no plan uses).
fn list(ids: &[IndicatorId], plans: &[&Plan], registry: &Registry, lang: Lang) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(headers(&LIST_COLUMNS, lang));
    let comma = pick(lang, "、", ", ");
    for &id in ids {
        let ind = registry.get(id);
        let usage = Usage::of(id, plans, registry);
        let mut first = vec![ind.id.clone(), ind.name.clone(), ind.unit.to_string()];
        first.push(usage.other_aliases(id, registry).join("\n"));
        let uses = usage.by_plan();
        if uses.is_empty() {
            first.extend(["—", "—", "—"].map(String::from));
            table.add_row(std::mem::take(&mut first));
        }
        for (i, u) in uses.iter().enumerate() {
            let mut row = if i == 0 { std::mem::take(&mut first) } else { vec![String::new(); 4] };
            row.extend([u.plan.to_string(), u.names.join("\n"), u.targets.join(comma)]);
            table.add_row(row);
        }
    }
    format!("{table}\n")
}

/// `孕产妇死亡率：jiangjin-women、leping-women`, one line per name.
fn names_by_plan(usage: &Usage, lang: Lang) -> Vec<String> {
    let (colon, comma) = (pick(lang, "：", ": "), pick(lang, "、", ", "));
    usage.names.iter().map(|(name, plans)| format!("{name}{colon}{}", plans.join(comma))).collect()
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "—".to_string()
    } else {
        text
    }
}

fn show(id: IndicatorId, plans: &[&Plan], registry: &Registry, lang: Lang) -> String {
    let ind = registry.get(id);
    let usage = Usage::of(id, plans, registry);
    let label = |l: Label| l.word(lang);
    let mut out = format!("{} · {}\n", ind.id, ind.name);
    out.push_str(&format!("  {}: {}\n", label(Label::Unit), or_dash(ind.unit.to_string())));
    if let Some(origin) = registry.origin(id) {
        let embedded = match (origin.embedded, lang) {
            (true, Lang::Zh) => format!("（{}）", label(Label::EmbeddedRegistry)),
            (true, Lang::En) => format!(" ({})", label(Label::EmbeddedRegistry)),
            (false, _) => String::new(),
        };
        out.push_str(&format!("  {}: {}{embedded}\n", label(Label::DefinedIn), origin.at));
    }
    let aliases = usage.other_aliases(id, registry);
    out.push_str(&format!("  {}: {}\n", label(Label::Aliases), or_dash(aliases.join(pick(lang, "、", ", ")))));
    out.push_str(&format!("  {}:\n", label(Label::NamesByPlan)));
    for line in names_by_plan(&usage, lang) {
        out.push_str(&format!("    {line}\n"));
    }
    for (heading, targets) in [(Label::UsedBy, &usage.targets), (Label::ComparedBy, &usage.references)] {
        if targets.is_empty() && heading == Label::ComparedBy {
            continue;
        }
        out.push_str(&format!("  {}:\n", label(heading)));
        for (plan, t) in targets.iter() {
            let (kind, attribute) = (t.rule.kind().as_str(), t.attribute.word(lang));
            out.push_str(&format!("    {} {} · {kind} · {attribute} · 「{}」\n", plan.meta.id, t.id, t.text));
        }
        if targets.is_empty() {
            out.push_str("    —\n");
        }
    }
    out
}
