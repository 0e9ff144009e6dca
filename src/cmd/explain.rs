//! `plancheck explain --plan ID INDICATOR`: for each target on that indicator (or the target of that id), the
//! verbatim text, where it stands, the rule in words, and how the verdict would be reached.

use super::{load_for_plan, usage, Context, Error};
use crate::cli::ExplainArgs;
use crate::diag::Message;
use crate::exit::ExitStatus;
use crate::indicator::Registry;
use crate::plan::{Plan, Target};
use crate::tr;
use crate::words::{rules::RuleText, Label, Lang, Word};
use std::io::Write;

pub fn run(args: ExplainArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
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
        out.write_all(explain(plan, registry, t, cx.lang).as_bytes())?;
    }
    Ok(ExitStatus::Pass)
}

fn explain(plan: &Plan, registry: &Registry, t: &Target, lang: Lang) -> String {
    let domain = plan.domains.get(t.domain).map_or("", |d| d.name.as_str());
    let indicator = t.indicator.map(|id| registry.get(id));
    let name =
        indicator.map_or_else(|| "—".to_string(), |i| format!("{} ({}, {})", t.shown_name(registry), i.id, i.unit));
    let reference = t.rule.reference().map_or("", |id| plan.indicator_name(id, registry));
    let b = plan.meta.baseline_year;
    let words = RuleText { rule: &t.rule, reference, baseline_year: b, deadline: t.deadline };
    let stated = t.indicator.and_then(|id| plan.baselines.iter().find(|x| x.indicator == id));
    let mut out = format!("{} / {}\n", plan.meta.id, t.id);
    let line = |label: Label, value: &str| format!("  {}: {value}\n", label.word(lang));
    out.push_str(&line(Label::Text, &format!("「{}」", t.text)));
    let place = format!("{domain} · {} {} ({}) · {}", t.section, t.item, t.source.word(lang), t.at);
    out.push_str(&line(Label::WhereLower, &place));
    out.push_str(&line(Label::IndicatorLower, &name));
    out.push_str(&line(
        Label::AttributeLower,
        &format!("{} ({})", t.attribute.word(Lang::Zh), t.attribute.word(Lang::En)),
    ));
    out.push_str(&line(Label::Deadline, &t.deadline.to_string()));
    out.push_str(&line(Label::Rule, &format!("{} — {}", t.rule.kind().as_str(), words.condition(lang))));
    out.push_str(&line(Label::Verdict, &words.judged(lang)));
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
