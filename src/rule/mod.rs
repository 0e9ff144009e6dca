//! The rule kinds and the one function that judges a target against a series of values.
//!
//! Every kind of the SPEC's table is a variant of [`Rule`], holding its own numbers; [`judge`] is one `match`
//! over them, with no catch-all arm, so that a new kind is a compiler error wherever it must be decided. All
//! arithmetic is exact (`rust_decimal`). 以上/以下/以内/不低于/不高于 include their number (the convention of
//! Chinese law, Civil Code art. 1259), so they are `Min`/`Max`; 超过/高于/低于/不足 exclude it and are `Gt`/`Lt`.
//! This module reads no files, knows no plan and writes no prose: it gets a series and answers with a
//! [`Verdict`] whose [`Reason`] is data.

pub mod goal;
pub mod reason;

pub use crate::series::Series;
pub use crate::spread::Spread;
pub use goal::{as_written, line, mark, show, Cmp, Goal, Mark};
pub use reason::Reason;

use crate::indicator::IndicatorId;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a target asks of its indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// v ≥ X: 达到X以上, 不低于X, ≥X.
    Min(Decimal),
    /// v ≤ X: 控制在X以下, 不高于X, ≤X.
    Max(Decimal),
    /// v > X: 高于X, 超过X, >X.
    Gt(Decimal),
    /// v < X: 低于X, 不足X, <X.
    Lt(Decimal),
    /// v = X: 100%, 全覆盖.
    Eq(Decimal),
    /// |v − X| ≤ tolerance % of X: X左右.
    Approx { value: Decimal, tolerance: Option<Decimal> },
    /// low ≤ v ≤ high: 保持在X—Y之间.
    Range { low: Decimal, high: Decimal },
    /// v(Y) > v(B): 提高, 逐步提高.
    Increase,
    /// Every consecutive pair of years from B to Y rises: 逐年提高.
    IncreaseYearly,
    /// v(Y) < v(B): 降低, 得到控制.
    Decrease,
    /// A set pace of decline.
    DecreaseBy(Decline),
    /// v(Y) ≥ v(B), or within a floor/band where the target gives one: 巩固, 保持合理比例.
    Maintain { low: Option<Decimal>, high: Option<Decimal> },
    /// Compared with another indicator of the same data: 不低于本地区党员总数中女性比例, 与女职工比例相适应.
    Relative { reference: IndicatorId, mode: RelativeMode, tolerance: Option<Decimal> },
    /// Inside the normal band, or closer to it than at the baseline: 出生人口性别比趋于平衡.
    Balance { low: Decimal, high: Decimal },
    /// first:second, e.g. 男女厕位比 2:3; the value is the quotient second/first.
    Ratio { first: Decimal, second: Decimal },
    /// v ≤ threshold: 消除 (0), 基本消除 (`basic`: a stated threshold, or the documented default).
    Eliminate { threshold: Decimal, basic: bool },
    /// The rise slows: 上升趋势减缓.
    SlowRise,
    /// |A − R| at Y below |A − R| at B: 城乡差距缩小.
    GapNarrow { reference: IndicatorId },
    /// The spread of the indicator across the regions of a batch, by `measure`, smaller at Y than at B: 区域差距缩小.
    RegionalGap { measure: Measure },
    /// No measurable quantity: listed, never assessed.
    Qualitative,
}

/// The two forms of `decrease_by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decline {
    /// (v(B) − v(Y)) / (Y − B) ≥ X: 每年降低X个百分点以上.
    PerYear(Decimal),
    /// v(Y) ≤ v(B) × (1 − X/100): 以2020年为基数下降X%.
    Percent(Decimal),
}

/// How a `relative` target compares with its reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::EnumString, strum::IntoStaticStr, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RelativeMode {
    /// Not lower than the reference.
    AtLeast,
    /// Within the tolerance of the reference (相适应).
    Match,
}

/// How a `regional_gap` target measures the spread of an indicator across regions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::EnumString, strum::IntoStaticStr, strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Measure {
    /// The range: the highest region's value less the lowest's, in the indicator's unit.
    Range,
    /// The coefficient of variation: the population standard deviation over the mean (a pure number).
    Cv,
}

impl Measure {
    /// The snake_case word of the TOML.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The kind of a rule, as the TOML and JSON spell it: the one list of kinds, from which every table of them
/// (their words, parsing, iteration) is derived.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    Min,
    Max,
    Gt,
    Lt,
    Eq,
    Approx,
    Range,
    Increase,
    IncreaseYearly,
    Decrease,
    DecreaseBy,
    Maintain,
    Relative,
    Balance,
    Ratio,
    Eliminate,
    SlowRise,
    GapNarrow,
    RegionalGap,
    Qualitative,
}

impl Kind {
    /// The snake_case word of the TOML and JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind a TOML word names.
    pub fn parse(word: &str) -> Option<Kind> {
        word.parse().ok()
    }

    /// Every kind, in the order of the SPEC's table.
    pub fn all() -> impl Iterator<Item = Kind> {
        <Kind as strum::IntoEnumIterator>::iter()
    }
}

impl Rule {
    pub fn kind(&self) -> Kind {
        match self {
            Rule::Min(_) => Kind::Min,
            Rule::Max(_) => Kind::Max,
            Rule::Gt(_) => Kind::Gt,
            Rule::Lt(_) => Kind::Lt,
            Rule::Eq(_) => Kind::Eq,
            Rule::Approx { .. } => Kind::Approx,
            Rule::Range { .. } => Kind::Range,
            Rule::Increase => Kind::Increase,
            Rule::IncreaseYearly => Kind::IncreaseYearly,
            Rule::Decrease => Kind::Decrease,
            Rule::DecreaseBy(_) => Kind::DecreaseBy,
            Rule::Maintain { .. } => Kind::Maintain,
            Rule::Relative { .. } => Kind::Relative,
            Rule::Balance { .. } => Kind::Balance,
            Rule::Ratio { .. } => Kind::Ratio,
            Rule::Eliminate { .. } => Kind::Eliminate,
            Rule::SlowRise => Kind::SlowRise,
            Rule::GapNarrow { .. } => Kind::GapNarrow,
            Rule::RegionalGap { .. } => Kind::RegionalGap,
            Rule::Qualitative => Kind::Qualitative,
        }
    }

    /// The numbers the rule itself holds (for lint: each should appear in the target's text).
    pub fn numbers(&self) -> Vec<Decimal> {
        match *self {
            Rule::Min(x) | Rule::Max(x) | Rule::Gt(x) | Rule::Lt(x) | Rule::Eq(x) => vec![x],
            Rule::Approx { value, .. } => vec![value],
            Rule::Range { low, high } => vec![low, high],
            Rule::DecreaseBy(Decline::PerYear(x) | Decline::Percent(x)) => vec![x],
            Rule::Maintain { low, high } => low.into_iter().chain(high).collect(),
            Rule::Ratio { first, second } => vec![first, second],
            Rule::Eliminate { threshold, basic } if !threshold.is_zero() && !basic => vec![threshold],
            Rule::Eliminate { .. }
            | Rule::Increase
            | Rule::IncreaseYearly
            | Rule::Decrease
            | Rule::Relative { .. }
            | Rule::Balance { .. }
            | Rule::SlowRise
            | Rule::GapNarrow { .. }
            | Rule::RegionalGap { .. }
            | Rule::Qualitative => vec![],
        }
    }

    /// The levels a value is compared with, in the indicator's unit (not paces of change or ratios of parts): what
    /// a plausible value is near.
    pub fn levels(&self) -> Vec<Decimal> {
        match *self {
            Rule::Min(x) | Rule::Max(x) | Rule::Gt(x) | Rule::Lt(x) | Rule::Eq(x) => vec![x],
            Rule::Approx { value, .. } => vec![value],
            Rule::Range { low, high } | Rule::Balance { low, high } => vec![low, high],
            Rule::Maintain { low, high } => low.into_iter().chain(high).collect(),
            Rule::Eliminate { threshold, .. } => vec![threshold],
            Rule::DecreaseBy(_)
            | Rule::Ratio { .. }
            | Rule::Increase
            | Rule::IncreaseYearly
            | Rule::Decrease
            | Rule::Relative { .. }
            | Rule::SlowRise
            | Rule::GapNarrow { .. }
            | Rule::RegionalGap { .. }
            | Rule::Qualitative => vec![],
        }
    }

    /// Does the target state a number (the `--fail-on quantified` scope)?
    pub fn is_quantified(&self) -> bool {
        !self.numbers().is_empty()
    }

    /// The other indicator the rule compares with, if any.
    pub fn reference(&self) -> Option<IndicatorId> {
        match *self {
            Rule::Relative { reference, .. } | Rule::GapNarrow { reference } => Some(reference),
            Rule::Min(_)
            | Rule::Max(_)
            | Rule::Gt(_)
            | Rule::Lt(_)
            | Rule::Eq(_)
            | Rule::Approx { .. }
            | Rule::Range { .. }
            | Rule::Increase
            | Rule::IncreaseYearly
            | Rule::Decrease
            | Rule::DecreaseBy(_)
            | Rule::Maintain { .. }
            | Rule::Balance { .. }
            | Rule::Ratio { .. }
            | Rule::Eliminate { .. }
            | Rule::SlowRise
            | Rule::RegionalGap { .. }
            | Rule::Qualitative => None,
        }
    }

    /// Threshold kinds may be on or off track before their deadline; the others are judged every year.
    pub fn is_threshold(&self) -> bool {
        match self {
            Rule::Min(_)
            | Rule::Max(_)
            | Rule::Gt(_)
            | Rule::Lt(_)
            | Rule::Eq(_)
            | Rule::Approx { .. }
            | Rule::Range { .. }
            | Rule::Ratio { .. }
            | Rule::Eliminate { .. }
            | Rule::DecreaseBy(Decline::Percent(_)) => true,
            Rule::DecreaseBy(Decline::PerYear(_))
            | Rule::Increase
            | Rule::IncreaseYearly
            | Rule::Decrease
            | Rule::Maintain { .. }
            | Rule::Relative { .. }
            | Rule::Balance { .. }
            | Rule::SlowRise
            | Rule::GapNarrow { .. }
            | Rule::RegionalGap { .. }
            | Rule::Qualitative => false,
        }
    }
}

/// A target's verdict.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    Met,
    OnTrack,
    OffTrack,
    Unmet,
    NoData,
    NotAssessed,
}

impl Status {
    /// Every status, met first.
    pub fn all() -> impl Iterator<Item = Status> {
        <Status as strum::IntoEnumIterator>::iter()
    }

    /// The snake_case word of the JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Does this status fail a check (when the target is in scope)?
    pub fn is_failure(self) -> bool {
        match self {
            Status::Unmet | Status::OffTrack => true,
            Status::Met | Status::OnTrack | Status::NoData | Status::NotAssessed => false,
        }
    }
}

/// What [`judge`] needs besides the rule.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The target's indicator (the baseline year already filled from the plan where the data lacks it).
    pub series: &'a Series,
    /// The reference indicator's series, for `relative` and `gap_narrow`.
    pub reference: Option<&'a Series>,
    /// Evaluation year Y.
    pub year: i32,
    /// Baseline year B.
    pub baseline_year: i32,
    /// Deadline T.
    pub deadline: i32,
    /// Default approx/match tolerance, in percent of the target value.
    pub tolerance: Decimal,
    /// 基本实现: a threshold missed by at most this percent of X.
    pub near: Decimal,
    /// A rate that cannot exceed 100.
    pub ceiling: bool,
    /// The indicator's spread across the regions of the batch, for `regional_gap` (None: a run of one region,
    /// or a caller that computes none).
    pub spread: Option<&'a Spread>,
}

/// The outcome of judging one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub reason: Reason,
    /// For threshold kinds not met: the value is within `near` % of the target (基本实现).
    pub near: bool,
}

fn verdict(status: Status, reason: Reason) -> Verdict {
    Verdict { status, reason, near: false }
}

/// Judges a rule against its inputs. Never panics: missing values give `no_data`.
pub fn judge(rule: &Rule, input: &Inputs) -> Verdict {
    if *rule == Rule::Qualitative {
        return verdict(Status::NotAssessed, Reason::Qualitative);
    }
    // A batch's spread, not this region's own value, decides a regional gap.
    if let Rule::RegionalGap { measure } = *rule {
        return judge_regional(input, measure);
    }
    let y = input.year;
    let Some(&v) = input.series.get(&y) else {
        return verdict(Status::NoData, Reason::NoValue { year: y });
    };
    let base = input.series.get(&input.baseline_year).copied();
    match *rule {
        Rule::Min(_)
        | Rule::Max(_)
        | Rule::Gt(_)
        | Rule::Lt(_)
        | Rule::Eq(_)
        | Rule::Approx { .. }
        | Rule::Range { .. }
        | Rule::Ratio { .. }
        | Rule::Eliminate { .. }
        | Rule::DecreaseBy(Decline::Percent(_)) => match goal::goal(rule, base, input.tolerance) {
            Some(goal) => judge_threshold(&goal, input, v, base),
            None => verdict(Status::NoData, Reason::NoGoalWithoutBaseline { baseline_year: input.baseline_year }),
        },
        Rule::Increase => judge_change(input, v, base, true),
        Rule::Decrease => judge_change(input, v, base, false),
        Rule::IncreaseYearly => judge_yearly(input),
        Rule::DecreaseBy(Decline::PerYear(x)) => judge_pace(input, v, base, x),
        Rule::Maintain { low: None, high: None } => judge_maintain(input, v, base),
        Rule::Maintain { low, high } => judge_band_now(v, low, high),
        Rule::Relative { mode, tolerance, .. } => judge_relative(input, v, mode, tolerance),
        Rule::Balance { low, high } => judge_balance(input, v, base, low, high),
        Rule::SlowRise => judge_slow_rise(input, v),
        Rule::GapNarrow { .. } => judge_gap(input, v, base),
        Rule::RegionalGap { measure } => judge_regional(input, measure),
        Rule::Qualitative => verdict(Status::NotAssessed, Reason::Qualitative),
    }
}

fn judge_threshold(goal: &Goal, input: &Inputs, v: Decimal, base: Option<Decimal>) -> Verdict {
    let (y, t, b) = (input.year, input.deadline, input.baseline_year);
    let near = goal.is_near(v, input.near);
    if goal.holds(v) {
        return verdict(Status::Met, Reason::Meets { goal: *goal });
    }
    if y >= t {
        return Verdict { near, ..verdict(Status::Unmet, Reason::Misses { goal: *goal }) };
    }
    let Some(from) = base else {
        let reason = Reason::MissesWithoutLine { goal: *goal, baseline_year: b };
        return Verdict { near, ..verdict(Status::Unmet, reason) };
    };
    if y <= b {
        // The baseline year itself: the line starts here, so there is no progress to judge yet.
        return Verdict { near, ..verdict(Status::OnTrack, Reason::AtBaseline { deadline: t, goal: *goal }) };
    }
    let expected = line(from, goal.aim(from), b, t, y);
    let ahead = goal.shortfall(v) <= goal.shortfall(expected);
    let status = if ahead { Status::OnTrack } else { Status::OffTrack };
    let reason = Reason::Line { ahead, year: y, expected: expected.round_dp(2), deadline: t, goal: *goal };
    Verdict { near, ..verdict(status, reason) }
}

fn needs_later_year(input: &Inputs) -> Option<Verdict> {
    let b = input.baseline_year;
    (input.year <= b).then(|| verdict(Status::NoData, Reason::NeedsLaterYear { baseline_year: b }))
}

fn missing_baseline(input: &Inputs) -> Verdict {
    verdict(Status::NoData, Reason::NoBaseline { baseline_year: input.baseline_year })
}

fn judge_change(input: &Inputs, v: Decimal, base: Option<Decimal>, up: bool) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let Some(from) = base else { return missing_baseline(input) };
    let at_limit = if up { input.ceiling && v >= Decimal::ONE_HUNDRED } else { v.is_zero() };
    let moved = if up { v > from } else { v < from };
    let status = if moved || at_limit { Status::Met } else { Status::Unmet };
    let at_limit = at_limit && !moved;
    let (baseline_year, year) = (input.baseline_year, input.year);
    verdict(status, Reason::Change { baseline_year, from, year, value: v, up, at_limit })
}

fn judge_yearly(input: &Inputs) -> Verdict {
    let (b, y) = (input.baseline_year, input.year);
    let points = input.series.between(b, y);
    let (Some(first), true) = (points.first(), points.len() >= 2) else {
        return verdict(Status::NoData, Reason::TooFewYears { from: b, to: y });
    };
    let fall = points.windows(2).find(|w| !(w[1].1 > w[0].1 || (input.ceiling && w[1].1 >= Decimal::ONE_HUNDRED)));
    match fall {
        None => verdict(Status::Met, Reason::RisesEveryYear { from: first.0, to: y, years: points.len() }),
        Some(w) => {
            let reason = Reason::NoRise { before_year: w[0].0, before: w[0].1, year: w[1].0, value: w[1].1 };
            verdict(Status::Unmet, reason)
        }
    }
}

fn judge_pace(input: &Inputs, v: Decimal, base: Option<Decimal>, per_year: Decimal) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let Some(from) = base else { return missing_baseline(input) };
    let years = Decimal::from(input.year - input.baseline_year);
    let pace = (from - v) / years;
    let status = if pace >= per_year { Status::Met } else { Status::Unmet };
    verdict(status, Reason::Pace { pace, per_year })
}

fn judge_maintain(input: &Inputs, v: Decimal, base: Option<Decimal>) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let Some(from) = base else { return missing_baseline(input) };
    let status = if v >= from { Status::Met } else { Status::Unmet };
    let (year, baseline_year) = (input.year, input.baseline_year);
    verdict(status, Reason::Maintained { year, value: v, baseline_year, baseline: from })
}

fn judge_band_now(v: Decimal, low: Option<Decimal>, high: Option<Decimal>) -> Verdict {
    let ok = low.is_none_or(|l| v >= l) && high.is_none_or(|h| v <= h);
    let status = if ok { Status::Met } else { Status::Unmet };
    verdict(status, Reason::Band { value: v, low, high })
}

fn judge_relative(input: &Inputs, v: Decimal, mode: RelativeMode, tolerance: Option<Decimal>) -> Verdict {
    let y = input.year;
    let Some(r) = input.reference.and_then(|s| s.get(&y)).copied() else {
        return verdict(Status::NoData, Reason::ReferenceMissing { year: y });
    };
    let (ok, slack) = match mode {
        RelativeMode::AtLeast => (v >= r, None),
        RelativeMode::Match => {
            let slack = r.abs() * tolerance.unwrap_or(input.tolerance) / Decimal::ONE_HUNDRED;
            ((v - r).abs() <= slack, Some(slack))
        }
    };
    let status = if ok { Status::Met } else { Status::Unmet };
    verdict(status, Reason::Relative { year: y, value: v, reference: r, slack })
}

fn judge_balance(input: &Inputs, v: Decimal, base: Option<Decimal>, low: Decimal, high: Decimal) -> Verdict {
    let band = Goal::Band(low, high);
    let year = input.year;
    if band.holds(v) {
        return verdict(Status::Met, Reason::BalanceInside { year, value: v, low, high });
    }
    let Some(from) = base else {
        return verdict(Status::NoData, Reason::BalanceWithoutBaseline { year, value: v });
    };
    let closer = band.shortfall(v) < band.shortfall(from);
    let status = if closer { Status::Met } else { Status::Unmet };
    verdict(status, Reason::Balance { year, value: v, baseline: from, low, high, closer })
}

fn judge_slow_rise(input: &Inputs, v: Decimal) -> Verdict {
    let y = input.year;
    let Some(&prev) = input.series.get(&(y - 1)) else {
        return verdict(Status::NoData, Reason::NoValue { year: y - 1 });
    };
    if v <= prev {
        return verdict(Status::Met, Reason::NoRiseSince { before_year: y - 1, before: prev, year: y, value: v });
    }
    let Some(&before) = input.series.get(&(y - 2)) else {
        return verdict(Status::NoData, Reason::RoseWithoutEarlier { year: y });
    };
    let (rise, earlier) = (v - prev, prev - before);
    let status = if rise < earlier { Status::Met } else { Status::Unmet };
    verdict(status, Reason::Rise { year: y, rise, earlier })
}

fn judge_gap(input: &Inputs, v: Decimal, base: Option<Decimal>) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let (y, b) = (input.year, input.baseline_year);
    let reference = input.reference;
    let r_now = reference.and_then(|s| s.get(&y)).copied();
    let r_base = reference.and_then(|s| s.get(&b)).copied();
    let (Some(from), Some(r_now), Some(r_base)) = (base, r_now, r_base) else {
        return verdict(Status::NoData, Reason::GapMissing { baseline_year: b, year: y });
    };
    let (now, then) = ((v - r_now).abs(), (from - r_base).abs());
    let status = if now < then { Status::Met } else { Status::Unmet };
    verdict(status, Reason::Gap { baseline_year: b, then, year: y, now })
}

fn judge_regional(input: &Inputs, measure: Measure) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let (baseline_year, year) = (input.baseline_year, input.year);
    // A region without its own values at B and Y is not among the regions compared: the batch's verdict is not
    // its to count.
    for y in [baseline_year, year] {
        if input.series.get(&y).is_none() {
            return verdict(Status::NoData, Reason::NoValue { year: y });
        }
    }
    let pair = input.spread.and_then(|s| s.at(year));
    let regions = pair.map_or(0, |p| p.regions);
    let Some((then, now)) = pair.and_then(|p| Some((p.then?, p.now?))) else {
        return verdict(Status::NoData, Reason::TooFewRegions { baseline_year, year, regions });
    };
    let status = if now.key < then.key { Status::Met } else { Status::Unmet };
    let (then, now) = (then.shown(measure), now.shown(measure));
    verdict(status, Reason::RegionalGap { measure, baseline_year, then, year, now, regions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words_are_the_json_words() {
        for kind in Kind::all() {
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("increase_yearly"), Some(Kind::IncreaseYearly));
        assert_eq!(Kind::parse("zzzqqq"), None);
    }

    #[test]
    fn status_words_are_the_json_words() {
        for status in Status::all() {
            let json = serde_json::to_string(&status).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(Status::all().count(), 6);
    }
}
