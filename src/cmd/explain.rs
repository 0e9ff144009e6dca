//! `plancheck explain --plan ID INDICATOR`: for each target on that indicator (or the target of that id), the
//! verbatim text, where it stands, the rule in words, how the verdict would be reached — also without a baseline
//! value — and the 基本实现 margin and 左右 tolerance in force (`--near`, `--tolerance`, as `check` takes them).

use super::{load_for_plan, usage, Context, Error};
use crate::cli::ExplainArgs;
use crate::diag::Message;
use crate::exit::ExitStatus;
use crate::indicator::Registry;
use crate::plan::{Plan, Target};
use crate::rule::Rule;
use crate::tr;
use crate::words::{rules::RuleText, Label, Lang, Word};
use rust_decimal::Decimal;
use std::io::Write;

pub fn run(args: ExplainArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let margins = Margins {
        near: super::percent("--near", &args.near)?,
        tolerance: super::percent("--tolerance", &args.tolerance)?,
    };
    let (catalog, index) = load_for_plan(&args.plan, &args.source)?;
    let plan = &catalog.plans[index];
    let registry = &catalog.registry;
    let wanted = registry.lookup(&args.indicator);
    let targets: Vec<&Target> = plan
        .targets
        .iter()
        .filter(|t| {
            t.id == args.indicator || (wanted.is_some() && (t.indicator == wanted || t.rule.reference() == wanted))
        })
        .collect();
    if targets.is_empty() {
        let suggestion = registry.suggest(&args.indicator, plan.indicators().into_iter()).map(str::to_string);
        let msg = Message::NoTargetOn { plan: plan.meta.id.clone(), name: args.indicator.clone(), suggestion };
        return Err(usage(msg));
    }
    for t in targets {
        out.write_all(crate::words::visible_lines(&explain(plan, registry, t, margins, cx.lang)).as_bytes())?;
    }
    Ok(ExitStatus::Pass)
}

/// The margins of the run being explained: `--near` and `--tolerance`.
#[derive(Debug, Clone, Copy)]
struct Margins {
    near: Decimal,
    tolerance: Decimal,
}

fn explain(plan: &Plan, registry: &Registry, t: &Target, margins: Margins, lang: Lang) -> String {
    let domain = plan.domains.get(t.domain).map_or("", |d| d.name.as_str());
    let indicator = t.indicator.map(|id| registry.get(id));
    let name =
        indicator.map_or_else(|| "—".to_string(), |i| format!("{} ({}, {})", t.shown_name(registry), i.id, i.unit));
    let reference = t.rule.reference().map_or("", |id| plan.indicator_name(id, registry));
    let b = plan.meta.baseline_year;
    // The condition is stated with the tolerance in force; where it is the run's, the words below say so.
    let resolved = with_tolerance(&t.rule, margins.tolerance);
    let words = RuleText { rule: &resolved, reference, baseline_year: b, deadline: t.deadline };
    let written = RuleText { rule: &t.rule, ..words };
    let stated = t.indicator.and_then(|id| plan.baselines.iter().find(|x| x.indicator == id));
    let mut out = format!("{} / {}\n", plan.meta.id, t.id);
    let line = |label: Label, value: &str| format!("  {}: {value}\n", label.word(lang));
    out.push_str(&line(Label::Text, &format!("「{}」", t.text)));
    let place = format!("{domain} · {} ({}) · {}", where_in(t), t.source.word(lang), t.at);
    out.push_str(&line(Label::WhereLower, &place));
    out.push_str(&line(Label::IndicatorLower, &name));
    out.push_str(&line(
        Label::AttributeLower,
        &format!("{} ({})", t.attribute.word(Lang::Zh), t.attribute.word(Lang::En)),
    ));
    out.push_str(&line(Label::Deadline, &t.deadline.to_string()));
    out.push_str(&line(Label::Rule, &format!("{} — {}", t.rule.kind().as_str(), words.condition(lang))));
    out.push_str(&line(Label::Verdict, &words.judged(lang)));
    let stated_at_b = t.indicator.and_then(|id| plan.stated(id, b));
    let extras = [
        (Label::WithoutBaseline, words.without_baseline(stated_at_b, lang)),
        (Label::NearMargin, words.near_margin(margins.near, margins.tolerance, lang)),
        (Label::ToleranceInForce, written.tolerance_in_force(margins.tolerance, lang)),
    ];
    for (label, text) in extras {
        if let Some(text) = text {
            out.push_str(&line(label, &text));
        }
    }
    if let Some(s) = stated {
        let (year, value, quote) = (s.year, s.value, &s.quote);
        let mut text = tr!(lang, "{year}年 {value} — 「{quote}」", "{value} in {year} — 「{quote}」");
        if let Some(section) = &s.section {
            text.push_str(&tr!(lang, "（{section}）", " ({section})"));
        }
        out.push_str(&line(Label::StatedBaseline, &text));
    }
    if let Some(reading) = t.reading_in(lang == Lang::En) {
        out.push_str(&line(Label::Reading, reading));
    }
    out.push('\n');
    out
}

/// The section and item number, as printed; a target without an item number shows its section alone.
fn where_in(t: &Target) -> String {
    match t.item.is_empty() {
        true => t.section.clone(),
        false => format!("{} {}", t.section, t.item),
    }
}

/// The rule with the run's tolerance where the target states none (左右, 相适应).
fn with_tolerance(rule: &Rule, run: Decimal) -> Rule {
    match rule.clone() {
        Rule::Approx { value, tolerance } => Rule::Approx { value, tolerance: tolerance.or(Some(run)) },
        Rule::Relative { reference, mode, tolerance } => {
            Rule::Relative { reference, mode, tolerance: tolerance.or(Some(run)) }
        }
        other => other,
    }
}
