//! `plancheck explain --plan ID INDICATOR`: for each target on that indicator (or the target of that id), the
//! verbatim text, where it stands, the rule in words, and how the verdict would be reached.

use super::{load_for_plan, usage, Error};
use crate::cli::{ExplainArgs, Lang};
use crate::exit::ExitStatus;
use crate::indicator::Registry;
use crate::plan::{Plan, Target};
use crate::rule::{show, Decline, RelativeMode, Rule};
use std::io::Write;

pub fn run(args: ExplainArgs, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let (catalog, id) = load_for_plan(&args.plan, &args.source)?;
    let plan = catalog.plan(&id).ok_or_else(|| usage(format!("no plan {id}")))?;
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
        let hint = match registry.suggest(&args.indicator, plan.indicators().into_iter()) {
            Some(s) => format!(" (did you mean {s}?)"),
            None => String::new(),
        };
        return Err(usage(format!("plan {} has no target on {:?}{hint}", plan.meta.id, args.indicator)));
    }
    for t in targets {
        out.write_all(explain(plan, registry, t, args.lang).as_bytes())?;
    }
    Ok(ExitStatus::Pass)
}

fn explain(plan: &Plan, registry: &Registry, t: &Target, lang: Lang) -> String {
    let domain = plan.domains.get(t.domain).map_or("", |d| d.name.as_str());
    let indicator = t.indicator.map(|id| registry.get(id));
    let name = indicator.map_or_else(|| "—".to_string(), |i| format!("{} ({}, {})", i.name, i.id, i.unit));
    let b = plan.meta.baseline_year;
    let (rule, how) = rule_words(&t.rule, registry, b, t.deadline);
    let stated = t.indicator.and_then(|id| plan.baselines.iter().find(|x| x.indicator == id));
    let mut out = String::new();
    let zh = lang == Lang::Zh;
    let line =
        |label_zh: &str, label_en: &str, value: &str| format!("  {}: {value}\n", if zh { label_zh } else { label_en });
    out.push_str(&format!("{} / {}\n", plan.meta.id, t.id));
    out.push_str(&line("原文", "text", &format!("「{}」", t.text)));
    out.push_str(&line("位置", "where", &format!("{} · {} {} ({:?}) · {}", domain, t.section, t.item, t.source, t.at)));
    out.push_str(&line("指标", "indicator", &name));
    out.push_str(&line("属性", "attribute", &format!("{} ({})", t.attribute.zh(), t.attribute.as_str())));
    out.push_str(&line("期限", "deadline", &t.deadline.to_string()));
    out.push_str(&line("规则", "rule", &format!("{} — {rule}", t.rule.kind().as_str())));
    out.push_str(&line("判定", "verdict", &how));
    if let Some(s) = stated {
        out.push_str(&line(
            "规划基线",
            "stated baseline",
            &format!("{} in {} — 「{}」 ({})", s.value, s.year, s.quote, s.section),
        ));
    }
    if let Some(reading) = &t.reading {
        out.push_str(&line("解读", "reading", reading));
    }
    out.push('\n');
    out
}

/// The rule in words, and how a verdict is reached.
fn rule_words(rule: &Rule, registry: &Registry, b: i32, t: i32) -> (String, String) {
    let line = format!(
        "before {t}: on_track if at least as good as the straight line from the {b} value to the target at {t}, else off_track; from {t}: unmet"
    );
    let threshold = |cond: String| (cond.clone(), format!("met when {cond}; {line}"));
    match rule {
        Rule::Min(x) => threshold(format!("v(Y) ≥ {} (inclusive)", show(*x))),
        Rule::Max(x) => threshold(format!("v(Y) ≤ {} (inclusive)", show(*x))),
        Rule::Gt(x) => threshold(format!("v(Y) > {} (exclusive)", show(*x))),
        Rule::Lt(x) => threshold(format!("v(Y) < {} (exclusive)", show(*x))),
        Rule::Eq(x) => threshold(format!("v(Y) = {}", show(*x))),
        Rule::Approx { value, tolerance } => {
            let tol = tolerance.map_or_else(|| "the run's tolerance (default 5)".to_string(), show);
            threshold(format!("|v(Y) − {}| ≤ {tol} % of {}", show(*value), show(*value)))
        }
        Rule::Range { low, high } => threshold(format!("{} ≤ v(Y) ≤ {}", show(*low), show(*high))),
        Rule::Ratio { first, second } => threshold(format!(
            "the second party's share at least {}:{} (value = second/first ≥ {}/{})",
            show(*first),
            show(*second),
            show(*second),
            show(*first)
        )),
        Rule::Eliminate { threshold: x, .. } => threshold(format!("v(Y) ≤ {}", show(*x))),
        Rule::DecreaseBy(Decline::Percent(x)) => threshold(format!("v(Y) ≤ v({b}) × (1 − {}/100)", show(*x))),
        Rule::DecreaseBy(Decline::PerYear(x)) => {
            let c = format!("(v({b}) − v(Y)) / (Y − {b}) ≥ {}", show(*x));
            (c.clone(), format!("met when {c}; judged every year"))
        }
        Rule::Increase => every_year(format!("v(Y) > v({b}); a rate at 100 % counts as met")),
        Rule::IncreaseYearly => every_year(format!("every consecutive pair of years from {b} to Y rises")),
        Rule::Decrease => every_year(format!("v(Y) < v({b}); a value of 0 counts as met")),
        Rule::Maintain { low: None, high: None } => every_year(format!("v(Y) ≥ v({b}) (not lower than the baseline)")),
        Rule::Maintain { low, high } => every_year(format!(
            "v(Y) within {}–{}",
            low.map_or("".to_string(), show),
            high.map_or("".to_string(), show)
        )),
        Rule::Relative { reference, mode, tolerance } => {
            let r = &registry.get(*reference).name;
            every_year(match mode {
                RelativeMode::AtLeast => format!("v(Y) ≥ {r}(Y)"),
                RelativeMode::Match => format!(
                    "|v(Y) − {r}(Y)| ≤ {} % of {r}(Y)",
                    tolerance.map_or_else(|| "the run's tolerance (default 5)".to_string(), show)
                ),
            })
        }
        Rule::Balance { low, high } => {
            every_year(format!("v(Y) within {}–{}, or closer to that band than v({b})", show(*low), show(*high)))
        }
        Rule::SlowRise => every_year("v(Y) ≤ v(Y−1), or v(Y) − v(Y−1) < v(Y−1) − v(Y−2)".to_string()),
        Rule::GapNarrow { reference } => {
            let r = &registry.get(*reference).name;
            every_year(format!("|v(Y) − {r}(Y)| < |v({b}) − {r}({b})|"))
        }
        Rule::Qualitative => {
            ("no measurable quantity".to_string(), "listed, never assessed (not_assessed)".to_string())
        }
    }
}

fn every_year(cond: String) -> (String, String) {
    (cond.clone(), format!("met when {cond}, else unmet; judged every year; no_data without the values it compares"))
}
