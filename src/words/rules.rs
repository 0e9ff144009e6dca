//! The words of rules: what each kind asks (the one description of rule semantics, shown by `explain` for a
//! target and in docs/plan-format.md for every kind — a test holds the two equal), in both languages.

use super::{Lang, Say};
use crate::rule::{show, Decline, Kind, Measure, RelativeMode, Rule};
use crate::tr;

/// A target's rule, with what its words need: the reference's name, the baseline year and the deadline.
pub struct RuleText<'a> {
    pub rule: &'a Rule,
    /// The reference indicator's name, for `relative` and `gap_narrow`.
    pub reference: &'a str,
    pub baseline_year: i32,
    pub deadline: i32,
}

impl RuleText<'_> {
    /// The condition, with the target's numbers (`v(Y) ≥ 70（含）`).
    pub fn condition(&self, lang: Lang) -> String {
        let (b, r) = (self.baseline_year, self.reference);
        let (incl, excl) = (super::pick(lang, "（含）", " (inclusive)"), super::pick(lang, "（不含）", " (exclusive)"));
        let run_tolerance = || tr!(lang, "本次运行的容差（默认5）", "the run's tolerance (default 5)");
        match self.rule {
            Rule::Min(x) => format!("v(Y) ≥ {}{incl}", show(*x)),
            Rule::Max(x) => format!("v(Y) ≤ {}{incl}", show(*x)),
            Rule::Gt(x) => format!("v(Y) > {}{excl}", show(*x)),
            Rule::Lt(x) => format!("v(Y) < {}{excl}", show(*x)),
            Rule::Eq(x) => format!("v(Y) = {}", show(*x)),
            Rule::Approx { value, tolerance } => {
                let tol = tolerance.map_or_else(run_tolerance, show);
                format!("|v(Y) − {v}| ≤ {tol} % × {v}", v = show(*value))
            }
            Rule::Range { low, high } => format!("{} ≤ v(Y) ≤ {}", show(*low), show(*high)),
            Rule::Ratio { first, second } => {
                let (f, s) = (show(*first), show(*second));
                tr!(
                    lang,
                    "第二方所占份额不低于 {f}:{s}（数值 = 第二方/第一方 ≥ {s}/{f}）",
                    "the second party's share at least {f}:{s} (value = second/first ≥ {s}/{f})"
                )
            }
            Rule::Eliminate { threshold, .. } => format!("v(Y) ≤ {}", show(*threshold)),
            Rule::DecreaseBy(Decline::Percent(x)) => format!("v(Y) ≤ v({b}) × (1 − {}/100)", show(*x)),
            Rule::DecreaseBy(Decline::PerYear(x)) => format!("(v({b}) − v(Y)) / (Y − {b}) ≥ {}", show(*x)),
            Rule::Increase => {
                tr!(lang, "v(Y) > v({b})；比率已达100%视为达标", "v(Y) > v({b}); a rate at 100 % counts as met")
            }
            Rule::IncreaseYearly => tr!(
                lang,
                "{b}年至Y年每相邻两个有数据的年份均上升",
                "every consecutive pair of years from {b} to Y rises"
            ),
            Rule::Decrease => tr!(lang, "v(Y) < v({b})；数值为0视为达标", "v(Y) < v({b}); a value of 0 counts as met"),
            Rule::Maintain { low: None, high: None } => {
                tr!(lang, "v(Y) ≥ v({b})（不低于基线）", "v(Y) ≥ v({b}) (not lower than the baseline)")
            }
            Rule::Maintain { low, high } => {
                let (l, h) = (low.map_or(String::new(), show), high.map_or(String::new(), show));
                tr!(lang, "v(Y) 在 {l}–{h} 之间", "v(Y) within {l}–{h}")
            }
            Rule::Relative { mode: RelativeMode::AtLeast, .. } => format!("v(Y) ≥ {r}(Y)"),
            Rule::Relative { mode: RelativeMode::Match, tolerance, .. } => {
                format!("|v(Y) − {r}(Y)| ≤ {} % × {r}(Y)", tolerance.map_or_else(run_tolerance, show))
            }
            Rule::Balance { low, high } => {
                let (l, h) = (show(*low), show(*high));
                tr!(
                    lang,
                    "v(Y) 在 {l}–{h} 之间，或比 v({b}) 更接近该区间",
                    "v(Y) within {l}–{h}, or closer to that band than v({b})"
                )
            }
            Rule::SlowRise => "v(Y) ≤ v(Y−1), v(Y) − v(Y−1) < v(Y−1) − v(Y−2)".to_string(),
            Rule::GapNarrow { .. } => format!("|v(Y) − {r}(Y)| < |v({b}) − {r}({b})|"),
            Rule::RegionalGap { measure } => {
                let m = measure_word(*measure, lang);
                tr!(
                    lang,
                    "各地区之间的{m}：Y年 < {b}年（同一批在两年都有数据的地区，至少2个）",
                    "the {m} across the batch's regions: at Y < at {b} (the regions with values in both years, at least 2)"
                )
            }
            Rule::Qualitative => tr!(lang, "无可量化的指标", "no measurable quantity"),
        }
    }

    /// How a verdict is reached under the condition.
    pub fn judged(&self, lang: Lang) -> String {
        let (b, t) = (self.baseline_year, self.deadline);
        let cond = self.condition(lang);
        match Judged::of(self.rule) {
            Judged::AgainstLine => {
                let line = tr!(
                    lang,
                    "{t}年前：不差于{b}年值到{t}年目标的直线为进度正常，否则为进度滞后；{t}年起未满足即未达标",
                    "before {t}: on_track if at least as good as the straight line from the {b} value to the target at {t}, else off_track; from {t}: unmet"
                );
                tr!(lang, "满足 {cond} 即达标；{line}", "met when {cond}; {line}")
            }
            Judged::EveryYear => tr!(
                lang,
                "满足 {cond} 即达标，否则未达标；逐年评估；缺少所需数值时为无数据",
                "met when {cond}, else unmet; judged every year; no_data without the values it compares"
            ),
            Judged::Pace => tr!(lang, "满足 {cond} 即达标；逐年评估", "met when {cond}; judged every year"),
            Judged::Never => tr!(lang, "列出，不作评估（not_assessed）", "listed, never assessed (not_assessed)"),
        }
    }
}

/// A spread's measure in words: 极差 / range, 变异系数 / coefficient of variation.
pub fn measure_word(measure: Measure, lang: Lang) -> &'static str {
    match measure {
        Measure::Range => super::pick(lang, "极差", "range"),
        Measure::Cv => super::pick(lang, "变异系数", "coefficient of variation"),
    }
}

/// How a rule's verdicts are reached.
enum Judged {
    /// Threshold kinds: met, or on/off track against the line before the deadline, unmet from it.
    AgainstLine,
    /// Met or unmet every year; no_data without the values compared.
    EveryYear,
    /// A pace of decline: met or unmet every year.
    Pace,
    /// Qualitative.
    Never,
}

impl Judged {
    fn of(rule: &Rule) -> Judged {
        // Every kind decided here: a new one is a compiler error, not a silent "every year".
        match rule {
            Rule::Qualitative => Judged::Never,
            Rule::DecreaseBy(Decline::PerYear(_)) => Judged::Pace,
            Rule::Min(_)
            | Rule::Max(_)
            | Rule::Gt(_)
            | Rule::Lt(_)
            | Rule::Eq(_)
            | Rule::Approx { .. }
            | Rule::Range { .. }
            | Rule::Ratio { .. }
            | Rule::Eliminate { .. }
            | Rule::DecreaseBy(Decline::Percent(_)) => Judged::AgainstLine,
            Rule::Increase
            | Rule::IncreaseYearly
            | Rule::Decrease
            | Rule::Maintain { .. }
            | Rule::Relative { .. }
            | Rule::Balance { .. }
            | Rule::SlowRise
            | Rule::GapNarrow { .. }
            | Rule::RegionalGap { .. } => Judged::EveryYear,
        }
    }
}

/// What a kind asks, in general terms (X the target's number, Y the evaluation year, B the baseline year, R
/// the reference indicator): the "met when" of docs/plan-format.md.
pub fn met_when(kind: Kind, lang: Lang) -> &'static str {
    let w = |zh, en| super::pick(lang, zh, en);
    match kind {
        Kind::Min => w("v(Y) ≥ X", "v(Y) ≥ X"),
        Kind::Max => w("v(Y) ≤ X", "v(Y) ≤ X"),
        Kind::Gt => w("v(Y) > X", "v(Y) > X"),
        Kind::Lt => w("v(Y) < X", "v(Y) < X"),
        Kind::Eq => w("v(Y) = X", "v(Y) = X"),
        Kind::Approx => w("|v(Y) − X| ≤ 容差 × X", "|v(Y) − X| ≤ tolerance × X"),
        Kind::Range => w("low ≤ v(Y) ≤ high", "low ≤ v(Y) ≤ high"),
        Kind::Increase => w("v(Y) > v(B)，比率已达100%视为达标", "v(Y) > v(B); a rate at 100 % counts as met"),
        Kind::IncreaseYearly => w("B至Y年每相邻两年均上升", "every consecutive pair of years from B to Y rises"),
        Kind::Decrease => w("v(Y) < v(B)，为0视为达标", "v(Y) < v(B); a value of 0 counts as met"),
        Kind::DecreaseBy => w(
            "每年：(v(B) − v(Y)) / (Y − B) ≥ X；以基数：v(Y) ≤ v(B) × (1 − X/100)",
            "per year: (v(B) − v(Y)) / (Y − B) ≥ X; from the base: v(Y) ≤ v(B) × (1 − X/100)",
        ),
        Kind::Maintain => w("v(Y) ≥ v(B)，或在给定区间内", "v(Y) ≥ v(B), or within the stated floor or band"),
        Kind::Relative => {
            w("v(Y) ≥ R(Y)，相适应：|v(Y) − R(Y)| ≤ 容差", "v(Y) ≥ R(Y); match: |v(Y) − R(Y)| ≤ tolerance")
        }
        Kind::Balance => w("v(Y) 在正常区间内，或比 v(B) 更接近", "v(Y) inside the band, or closer to it than v(B)"),
        Kind::Ratio => w("第二方份额 ≥ second/first", "second/first at least the stated share"),
        Kind::Eliminate => w("v(Y) ≤ 阈值（消除为0）", "v(Y) ≤ the threshold (0 for 消除)"),
        Kind::SlowRise => w("v(Y) ≤ v(Y−1)，或升幅小于上年", "v(Y) ≤ v(Y−1), or a smaller rise than the year before"),
        Kind::GapNarrow => w("|v(Y) − R(Y)| < |v(B) − R(B)|", "|v(Y) − R(Y)| < |v(B) − R(B)|"),
        Kind::RegionalGap => w(
            "各地区之间的极差或变异系数：Y年小于B年",
            "the range or coefficient of variation across the batch's regions: smaller at Y than at B",
        ),
        Kind::Qualitative => w("不评估", "never assessed"),
    }
}

impl Say for Kind {
    fn say(&self, _lang: Lang) -> String {
        self.as_str().to_string()
    }
}

/// What `explain` says beyond the condition: what happens without a baseline value, and the margins of the run
/// (基本实现, 左右) that apply to the target.
impl RuleText<'_> {
    /// What the verdict is when the data has no value for the baseline year; `stated` is the figure the plan
    /// itself states for that year, used instead where there is one. `None` for a qualitative target.
    pub fn without_baseline(&self, stated: Option<rust_decimal::Decimal>, lang: Lang) -> Option<String> {
        let (b, t) = (self.baseline_year, self.deadline);
        let mut text = match self.rule {
            Rule::Qualitative => return None,
            Rule::DecreaseBy(Decline::Percent(_)) => tr!(
                lang,
                "目标值由{b}年基线值算出：缺少该值时为无数据（no_data）",
                "the bound is computed from the {b} value: no_data without it"
            ),
            Rule::Min(_)
            | Rule::Max(_)
            | Rule::Gt(_)
            | Rule::Lt(_)
            | Rule::Eq(_)
            | Rule::Approx { .. }
            | Rule::Range { .. }
            | Rule::Ratio { .. }
            | Rule::Eliminate { .. } => tr!(
                lang,
                "缺少{b}年基线值时，无法画进度线：满足即达标，{t}年前未满足即为未达标（unmet），不判进度正常或滞后",
                "without a {b} value there is no line: met when the condition holds, and before {t} unmet when it does not (never on_track or off_track)"
            ),
            Rule::IncreaseYearly => tr!(
                lang,
                "比较{b}年至Y年间有数值的各年；缺少{b}年值时从有数值的第一年起，不足两年为无数据（no_data）",
                "compares the years with values from {b} to Y; without a {b} value from the first year with one, no_data with fewer than two"
            ),
            Rule::Balance { .. } => tr!(
                lang,
                "在区间内即达标；不在区间内而缺少{b}年基线值时为无数据（no_data）",
                "met inside the band; outside it, no_data without a {b} value"
            ),
            Rule::Relative { .. } | Rule::SlowRise | Rule::Maintain { low: Some(_), .. } => {
                tr!(lang, "不需要基线值", "needs no baseline value")
            }
            Rule::Maintain { high: Some(_), .. } => tr!(lang, "不需要基线值", "needs no baseline value"),
            Rule::Increase
            | Rule::Decrease
            | Rule::DecreaseBy(Decline::PerYear(_))
            | Rule::Maintain { low: None, high: None }
            | Rule::GapNarrow { .. }
            | Rule::RegionalGap { .. } => tr!(
                lang,
                "与{b}年值比较：缺少该值时为无数据（no_data）",
                "compared with the {b} value: no_data without it"
            ),
        };
        if let Some(value) = stated {
            let value = show(value);
            text.push_str(&tr!(
                lang,
                "；数据缺少{b}年值时，取规划所述的 {value}",
                "; where the data lacks {b}, the plan's own {value} is used"
            ));
        }
        Some(text)
    }

    /// The 基本实现 margin in force for a threshold target (`near`, in percent of the target), with the values it
    /// accepts; `tolerance` is the run's, for a 左右 band.
    pub fn near_margin(
        &self,
        near: rust_decimal::Decimal,
        tolerance: rust_decimal::Decimal,
        lang: Lang,
    ) -> Option<String> {
        use crate::rule::{Cmp, Goal};
        if !self.rule.is_threshold() {
            return None;
        }
        let slack = |x: rust_decimal::Decimal| x.abs() * near / rust_decimal::Decimal::ONE_HUNDRED;
        let pct = show(near);
        let limit = match crate::rule::goal::goal(self.rule, None, tolerance) {
            Some(Goal::Bound(Cmp::Ge | Cmp::Gt, x)) => format!("v(Y) ≥ {}", show(x - slack(x))),
            Some(Goal::Bound(Cmp::Le | Cmp::Lt, x)) => format!("v(Y) ≤ {}", show(x + slack(x))),
            Some(Goal::Bound(Cmp::Eq, x)) => format!("|v(Y) − {}| ≤ {}", show(x), show(slack(x))),
            Some(Goal::Band(low, high)) => format!("{} ≤ v(Y) ≤ {}", show(low - slack(low)), show(high + slack(high))),
            None => {
                tr!(lang, "v(Y) 离目标值不远", "v(Y) close to the bound")
            }
        };
        Some(tr!(
            lang,
            "未满足而 {limit}（差距不超过目标值的 {pct}%，--near）时评为基本实现，计入达标率",
            "not met but {limit} (a miss of at most {pct} % of the target, --near): 基本实现 (nearly achieved), counted as reached"
        ))
    }

    /// The tolerance in force for 左右 (`approx`) or 相适应 (`relative` match): the target's own, else the run's.
    pub fn tolerance_in_force(&self, run: rust_decimal::Decimal, lang: Lang) -> Option<String> {
        let (own, value) = match self.rule {
            Rule::Approx { value, tolerance } => (*tolerance, Some(*value)),
            Rule::Relative { mode: RelativeMode::Match, tolerance, .. } => (*tolerance, None),
            _ => return None,
        };
        let tol = own.unwrap_or(run);
        let whose = match (own.is_some(), lang) {
            (true, Lang::Zh) => "本目标自定".to_string(),
            (false, Lang::Zh) => "本次运行的 --tolerance，默认5%".to_string(),
            (true, Lang::En) => "the target's own".to_string(),
            (false, Lang::En) => "the run's --tolerance, default 5 %".to_string(),
        };
        let pct = show(tol);
        let mut text = tr!(lang, "{pct}%（{whose}）", "{pct} % ({whose})");
        match value {
            Some(x) => {
                let slack = x.abs() * tol / rust_decimal::Decimal::ONE_HUNDRED;
                let (low, high) = (show(x - slack), show(x + slack));
                text.push_str(&tr!(lang, "：{low} ≤ v(Y) ≤ {high}", ": {low} ≤ v(Y) ≤ {high}"));
            }
            None => {
                let r = self.reference;
                text.push_str(&tr!(lang, "：与 {r}(Y) 之差不超过其 {pct}%", ": within {pct} % of {r}(Y)"));
            }
        }
        Some(text)
    }
}
