//! `plancheck explain --plan ID INDICATOR`: for each target on that indicator (or the target of that id), the
//! verbatim text, where it stands, the rule in words, and how the verdict would be reached.

use super::{load_for_plan, usage, Error};
use crate::cli::{ExplainArgs, Lang};
use crate::exit::ExitStatus;
use crate::indicator::Registry;
use crate::plan::{Plan, Target, TargetSource};
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
    let name =
        indicator.map_or_else(|| "—".to_string(), |i| format!("{} ({}, {})", t.shown_name(registry), i.id, i.unit));
    let b = plan.meta.baseline_year;
    let (rule, how) = rule_words(&t.rule, plan, registry, b, t.deadline, lang);
    let stated = t.indicator.and_then(|id| plan.baselines.iter().find(|x| x.indicator == id));
    let mut out = String::new();
    let zh = lang == Lang::Zh;
    let line =
        |label_zh: &str, label_en: &str, value: &str| format!("  {}: {value}\n", if zh { label_zh } else { label_en });
    out.push_str(&format!("{} / {}\n", plan.meta.id, t.id));
    out.push_str(&line("原文", "text", &format!("「{}」", t.text)));
    let source = match (t.source, zh) {
        (TargetSource::Table, true) => "指标表",
        (TargetSource::Main, true) => "主要目标",
        (TargetSource::Measures, true) => "策略措施",
        (TargetSource::Overview, true) => "总目标",
        (TargetSource::Table, false) => "indicator table",
        (TargetSource::Main, false) => "main targets",
        (TargetSource::Measures, false) => "measures",
        (TargetSource::Overview, false) => "overall targets",
    };
    out.push_str(&line("位置", "where", &format!("{domain} · {} {} ({source}) · {}", t.section, t.item, t.at)));
    out.push_str(&line("指标", "indicator", &name));
    out.push_str(&line("属性", "attribute", &format!("{} ({})", t.attribute.zh(), t.attribute.as_str())));
    out.push_str(&line("期限", "deadline", &t.deadline.to_string()));
    out.push_str(&line("规则", "rule", &format!("{} — {rule}", t.rule.kind().as_str())));
    out.push_str(&line("判定", "verdict", &how));
    if let Some(s) = stated {
        out.push_str(&line(
            "规划基线",
            "stated baseline",
            &if zh {
                format!("{}年 {} — 「{}」（{}）", s.year, s.value, s.quote, s.section)
            } else {
                format!("{} in {} — 「{}」 ({})", s.value, s.year, s.quote, s.section)
            },
        ));
    }
    if let Some(reading) = t.reading_in(!zh) {
        out.push_str(&line("解读", "reading", reading));
    }
    out.push('\n');
    out
}

/// The rule in words, and how a verdict is reached, in the output's language.
fn rule_words(rule: &Rule, plan: &Plan, registry: &Registry, b: i32, t: i32, lang: Lang) -> (String, String) {
    let w = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let line = w(
        format!("{t}年前：不差于{b}年值到{t}年目标的直线为进度正常，否则为进度滞后；{t}年起未满足即未达标"),
        format!("before {t}: on_track if at least as good as the straight line from the {b} value to the target at {t}, else off_track; from {t}: unmet"),
    );
    let threshold =
        |cond: String| (cond.clone(), w(format!("满足 {cond} 即达标；{line}"), format!("met when {cond}; {line}")));
    let every_year = |cond: String| {
        let how = w(
            format!("满足 {cond} 即达标，否则未达标；逐年评估；缺少所需数值时为无数据"),
            format!("met when {cond}, else unmet; judged every year; no_data without the values it compares"),
        );
        (cond, how)
    };
    let (incl, excl) = (w("（含）".into(), " (inclusive)".into()), w("（不含）".into(), " (exclusive)".into()));
    let run_tolerance = || w("本次运行的容差（默认5）".into(), "the run's tolerance (default 5)".into());
    match rule {
        Rule::Min(x) => threshold(format!("v(Y) ≥ {}{incl}", show(*x))),
        Rule::Max(x) => threshold(format!("v(Y) ≤ {}{incl}", show(*x))),
        Rule::Gt(x) => threshold(format!("v(Y) > {}{excl}", show(*x))),
        Rule::Lt(x) => threshold(format!("v(Y) < {}{excl}", show(*x))),
        Rule::Eq(x) => threshold(format!("v(Y) = {}", show(*x))),
        Rule::Approx { value, tolerance } => {
            let tol = tolerance.map_or_else(run_tolerance, show);
            threshold(format!("|v(Y) − {v}| ≤ {tol} % × {v}", v = show(*value)))
        }
        Rule::Range { low, high } => threshold(format!("{} ≤ v(Y) ≤ {}", show(*low), show(*high))),
        Rule::Ratio { first, second } => {
            let (f, s) = (show(*first), show(*second));
            threshold(w(
                format!("第二方所占份额不低于 {f}:{s}（数值 = 第二方/第一方 ≥ {s}/{f}）"),
                format!("the second party's share at least {f}:{s} (value = second/first ≥ {s}/{f})"),
            ))
        }
        Rule::Eliminate { threshold: x, .. } => threshold(format!("v(Y) ≤ {}", show(*x))),
        Rule::DecreaseBy(Decline::Percent(x)) => threshold(format!("v(Y) ≤ v({b}) × (1 − {}/100)", show(*x))),
        Rule::DecreaseBy(Decline::PerYear(x)) => {
            let c = format!("(v({b}) − v(Y)) / (Y − {b}) ≥ {}", show(*x));
            (c.clone(), w(format!("满足 {c} 即达标；逐年评估"), format!("met when {c}; judged every year")))
        }
        Rule::Increase => every_year(w(
            format!("v(Y) > v({b})；比率已达100%视为达标"),
            format!("v(Y) > v({b}); a rate at 100 % counts as met"),
        )),
        Rule::IncreaseYearly => every_year(w(
            format!("{b}年至Y年每相邻两个有数据的年份均上升"),
            format!("every consecutive pair of years from {b} to Y rises"),
        )),
        Rule::Decrease => every_year(w(
            format!("v(Y) < v({b})；数值为0视为达标"),
            format!("v(Y) < v({b}); a value of 0 counts as met"),
        )),
        Rule::Maintain { low: None, high: None } => every_year(w(
            format!("v(Y) ≥ v({b})（不低于基线）"),
            format!("v(Y) ≥ v({b}) (not lower than the baseline)"),
        )),
        Rule::Maintain { low, high } => {
            let (l, h) = (low.map_or(String::new(), show), high.map_or(String::new(), show));
            every_year(w(format!("v(Y) 在 {l}–{h} 之间"), format!("v(Y) within {l}–{h}")))
        }
        Rule::Relative { reference, mode, tolerance } => {
            let r = plan.indicator_name(*reference, registry);
            every_year(match mode {
                RelativeMode::AtLeast => format!("v(Y) ≥ {r}(Y)"),
                RelativeMode::Match => {
                    format!("|v(Y) − {r}(Y)| ≤ {} % × {r}(Y)", tolerance.map_or_else(run_tolerance, show))
                }
            })
        }
        Rule::Balance { low, high } => {
            let (l, h) = (show(*low), show(*high));
            every_year(w(
                format!("v(Y) 在 {l}–{h} 之间，或比 v({b}) 更接近该区间"),
                format!("v(Y) within {l}–{h}, or closer to that band than v({b})"),
            ))
        }
        Rule::SlowRise => every_year("v(Y) ≤ v(Y−1), v(Y) − v(Y−1) < v(Y−1) − v(Y−2)".to_string()),
        Rule::GapNarrow { reference } => {
            let r = plan.indicator_name(*reference, registry);
            every_year(format!("|v(Y) − {r}(Y)| < |v({b}) − {r}({b})|"))
        }
        Rule::Qualitative => (
            w("无可量化的指标".into(), "no measurable quantity".into()),
            w("列出，不作评估（not_assessed）".into(), "listed, never assessed (not_assessed)".into()),
        ),
    }
}
