//! The words of verdicts: each [`Reason`] and early [`Warning`] as a sentence, in Chinese and in English.

use super::{Lang, Say};
use crate::rule::{show, Reason};
use crate::tr;
use crate::warn::Warning;
use rust_decimal::Decimal;

impl Say for Reason {
    fn say(&self, lang: Lang) -> String {
        match *self {
            Reason::Qualitative => tr!(lang, "定性目标，不作量化评估", "qualitative target, not assessed"),
            Reason::RegionWithoutData => tr!(lang, "该地区无任何数据", "no data for this region"),
            Reason::NoValue { year } => tr!(lang, "无{year}年数据", "no value for {year}"),
            Reason::NoGoalWithoutBaseline { baseline_year: b } => {
                tr!(lang, "无{b}年基线值，无法确定目标值", "no baseline value for {b}: the target value cannot be set")
            }
            Reason::Meets { goal } => tr!(lang, "达到目标 {goal}", "meets {goal}"),
            Reason::Misses { goal } => tr!(lang, "未达目标 {goal}", "misses {goal}"),
            Reason::MissesWithoutLine { goal, baseline_year: b } => tr!(
                lang,
                "未达目标 {goal}；无{b}年基线值，无法判断进度",
                "misses {goal}; no {b} baseline to draw the line"
            ),
            Reason::AtBaseline { deadline: t, goal } => tr!(
                lang,
                "基线年，尚无进度可比（{t}年目标 {goal}）",
                "the baseline year: no progress to judge yet ({t} target {goal})"
            ),
            Reason::Line { ahead, year: y, expected, deadline: t, goal } => {
                let expected = show(expected);
                match (ahead, lang) {
                    (true, Lang::Zh) => format!("不低于{y}年进度线 {expected}（{t}年目标 {goal}）"),
                    (false, Lang::Zh) => format!("落后于{y}年进度线 {expected}（{t}年目标 {goal}）"),
                    (true, Lang::En) => {
                        format!("at least as good as the {y} line value {expected} ({t} target {goal})")
                    }
                    (false, Lang::En) => format!("behind the {y} line value {expected} ({t} target {goal})"),
                }
            }
            Reason::NeedsLaterYear { baseline_year: b } => {
                tr!(lang, "趋势目标需要{b}年之后的数据", "a trend needs a year after the baseline {b}")
            }
            Reason::NoBaseline { baseline_year: b } => tr!(lang, "无{b}年基线值", "no baseline value for {b}"),
            Reason::Change { baseline_year: b, from, year: y, value, up, at_limit } => {
                let (from, value) = (show(from), show(value));
                let why = match (at_limit, up) {
                    (true, true) => tr!(lang, "已达上限100", "already at the ceiling of 100"),
                    (true, false) => tr!(lang, "已为0", "already at 0"),
                    (false, true) => tr!(lang, "应高于基线", "should be above the baseline"),
                    (false, false) => tr!(lang, "应低于基线", "should be below the baseline"),
                };
                tr!(lang, "{b}年 {from} → {y}年 {value}（{why}）", "{from} in {b} → {value} in {y} ({why})")
            }
            Reason::TooFewYears { from, to } => {
                tr!(lang, "{from}—{to}年间不足两个年份的数据", "fewer than two years of data between {from} and {to}")
            }
            Reason::RisesEveryYear { from, to, years } => {
                tr!(lang, "{from}—{to}年逐年提高（{years}个年份）", "rises every year {from}–{to} ({years} years)")
            }
            Reason::NoRise { before_year: a, before, year: b, value } => {
                let (before, value) = (show(before), show(value));
                tr!(lang, "{a}年 {before} → {b}年 {value}，未提高", "{before} in {a} → {value} in {b}: no rise")
            }
            Reason::Pace { pace, per_year } => {
                let (pace, per_year) = (show(pace.round_dp(4)), show(per_year));
                tr!(
                    lang,
                    "年均下降 {pace}，目标每年 ≥ {per_year}",
                    "falls {pace} a year on average, target ≥ {per_year}"
                )
            }
            Reason::Maintained { year: y, value, baseline_year: b, baseline } => {
                let (value, baseline) = (show(value), show(baseline));
                tr!(
                    lang,
                    "{y}年 {value}，{b}年基线 {baseline}（不低于基线）",
                    "{value} in {y}, baseline {baseline} in {b} (not lower than the baseline)"
                )
            }
            Reason::Band { value, low, high } => {
                let band = band(low, high);
                let value = show(value);
                tr!(lang, "{value}，应保持在 {band}", "{value}, to stay within {band}")
            }
            Reason::ReferenceMissing { year } => {
                tr!(lang, "参照指标无{year}年数据", "the reference indicator has no value for {year}")
            }
            Reason::Relative { year: y, value, reference, slack } => {
                let (value, r) = (show(value), show(reference));
                match slack.map(show) {
                    None => tr!(
                        lang,
                        "{y}年 {value}，参照值 {r}，应不低于参照",
                        "{value} in {y}, reference {r}, should be at least the reference"
                    ),
                    Some(slack) => tr!(
                        lang,
                        "{y}年 {value}，参照值 {r}，相差应不超过 {slack}",
                        "{value} in {y}, reference {r}, difference should be at most {slack}"
                    ),
                }
            }
            Reason::BalanceInside { year: y, value, low, high } => {
                let (value, low, high) = (show(value), show(low), show(high));
                tr!(
                    lang,
                    "{y}年 {value}，在正常范围 {low}–{high} 内",
                    "{value} in {y}, inside the normal band {low}–{high}"
                )
            }
            Reason::BalanceWithoutBaseline { year: y, value } => {
                let value = show(value);
                tr!(
                    lang,
                    "{y}年 {value} 在正常范围外，且无基线值可比",
                    "{value} in {y} is outside the band and there is no baseline to compare"
                )
            }
            Reason::Balance { year: y, value, baseline, low, high, closer } => {
                let (v, b, low, high) = (show(value), show(baseline), show(low), show(high));
                match (closer, lang) {
                    (true, Lang::Zh) => format!("{y}年 {v}，比基线 {b} 更接近正常范围 {low}–{high}"),
                    (false, Lang::Zh) => format!("{y}年 {v}，比基线 {b} 未更接近正常范围 {low}–{high}"),
                    (true, Lang::En) => format!("{v} in {y} is closer to the band {low}–{high} than the baseline {b}"),
                    (false, Lang::En) => {
                        format!("{v} in {y} is not closer to the band {low}–{high} than the baseline {b}")
                    }
                }
            }
            Reason::NoRiseSince { before_year: a, before, year: b, value } => {
                let (before, value) = (show(before), show(value));
                tr!(lang, "{a}年 {before} → {b}年 {value}，未上升", "{before} in {a} → {value} in {b}: no rise")
            }
            Reason::RoseWithoutEarlier { year: y } => {
                let earlier = y - 2;
                tr!(
                    lang,
                    "{y}年上升，且无{earlier}年数据可比较升幅",
                    "rose in {y}, and no value for {earlier} to compare the rise"
                )
            }
            Reason::Rise { year: y, rise, earlier } => {
                let (rise, earlier) = (show(rise), show(earlier));
                tr!(
                    lang,
                    "{y}年升幅 {rise}，上年升幅 {earlier}",
                    "rise of {rise} in {y} against {earlier} the year before"
                )
            }
            Reason::GapMissing { baseline_year: b, year: y } => {
                tr!(lang, "比较差距需要两项指标{b}年和{y}年的数据", "the gap needs both indicators in {b} and {y}")
            }
            Reason::Gap { baseline_year: b, then, year: y, now } => {
                let (then, now) = (show(then), show(now));
                tr!(lang, "差距 {b}年 {then} → {y}年 {now}", "gap {then} in {b} → {now} in {y}")
            }
            Reason::TooFewRegions { baseline_year: b, year: y, regions } => tr!(
                lang,
                "比较地区间差距需要至少2个地区{b}年和{y}年的数据（本次{regions}个）",
                "the regional gap needs at least 2 regions with values in {b} and {y} ({regions} in this run)"
            ),
            Reason::RegionalGap { measure, baseline_year: b, then, year: y, now, regions } => {
                let m = super::rules::measure_word(measure, lang);
                let (then, now) = (show(then), show(now));
                tr!(
                    lang,
                    "{regions}个地区之间的{m} {b}年 {then} → {y}年 {now}",
                    "{m} across {regions} regions {then} in {b} → {now} in {y}"
                )
            }
        }
    }
}

/// `42–47`, `≥ 40`, `≤ 60`.
fn band(low: Option<Decimal>, high: Option<Decimal>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("{}–{}", show(l), show(h)),
        (Some(l), None) => format!("≥ {}", show(l)),
        (None, Some(h)) => format!("≤ {}", show(h)),
        (None, None) => String::new(),
    }
}

impl Say for Warning {
    fn say(&self, lang: Lang) -> String {
        match *self {
            Warning::ProjectedMiss { from, to, deadline, value } => {
                let value = show(value);
                tr!(
                    lang,
                    "按{from}—{to}年趋势，{deadline}年预计为 {value}，难以达标",
                    "on the {from}–{to} trend, {value} is projected for {deadline}: the target would be missed"
                )
            }
            Warning::WrongWay { from, to, up, course: [a, b, c] } => {
                let course = format!("{} → {} → {}", show(a), show(b), show(c));
                match (up, lang) {
                    (true, Lang::Zh) => format!("{from}—{to}年连续两年下降（{course}）"),
                    (false, Lang::Zh) => format!("{from}—{to}年连续两年上升（{course}）"),
                    (true, Lang::En) => format!("fell two years running {from}–{to} ({course})"),
                    (false, Lang::En) => format!("rose two years running {from}–{to} ({course})"),
                }
            }
            Warning::Swings { flips, size } => {
                let size = show(size);
                tr!(
                    lang,
                    "波动较大（{flips}次升降反转，年均变动 {size}）",
                    "swings widely ({flips} reversals, average change {size} a year)"
                )
            }
        }
    }
}

/// Several warnings in one cell: `；` between them in Chinese, `; ` in English; empty when there are none.
impl Say for [Warning] {
    fn say(&self, lang: Lang) -> String {
        let parts: Vec<String> = self.iter().map(|w| w.say(lang)).collect();
        parts.join(super::pick(lang, "；", "; "))
    }
}

impl Say for Vec<Warning> {
    fn say(&self, lang: Lang) -> String {
        self.as_slice().say(lang)
    }
}
