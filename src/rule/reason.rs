//! Why a verdict is what it is, as data: the years, values and target behind it. [`crate::words`] turns a
//! [`Reason`] into a sentence in the output's language; nothing here is prose.

use super::goal::Goal;
use super::Measure;
use rust_decimal::Decimal;

/// The grounds of one verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A qualitative target: listed, never assessed.
    Qualitative,
    /// The region has no value at all.
    RegionWithoutData,
    /// No value for the year.
    NoValue { year: i32 },
    /// A threshold set from the baseline, and the baseline is missing.
    NoGoalWithoutBaseline { baseline_year: i32 },
    /// The goal holds.
    Meets { goal: Goal },
    /// The goal does not hold at or after the deadline.
    Misses { goal: Goal },
    /// Not met before the deadline, and no baseline to draw the line from.
    MissesWithoutLine { goal: Goal, baseline_year: i32 },
    /// Evaluated at the baseline year itself: a threshold not met has made no progress to judge yet.
    AtBaseline { deadline: i32, goal: Goal },
    /// Not yet met before the deadline: as good as the straight line's value at `year` (`ahead`), or behind it.
    Line { ahead: bool, year: i32, expected: Decimal, deadline: i32, goal: Goal },
    /// A trend evaluated at (or before) its baseline year.
    NeedsLaterYear { baseline_year: i32 },
    /// A trend without its baseline value.
    NoBaseline { baseline_year: i32 },
    /// 提高 / 降低: the baseline value against this year's.
    Change { baseline_year: i32, from: Decimal, year: i32, value: Decimal, up: bool, at_limit: bool },
    /// 逐年提高 with fewer than two years between the baseline and Y.
    TooFewYears { from: i32, to: i32 },
    /// 逐年提高 held over `years` years.
    RisesEveryYear { from: i32, to: i32, years: usize },
    /// 逐年提高 broken between two years.
    NoRise { before_year: i32, before: Decimal, year: i32, value: Decimal },
    /// 每年降低X个百分点: the average pace of decline against the pace asked for.
    Pace { pace: Decimal, per_year: Decimal },
    /// 保持: this year's value against the baseline.
    Maintained { year: i32, value: Decimal, baseline_year: i32, baseline: Decimal },
    /// 保持 within a stated floor or band.
    Band { value: Decimal, low: Option<Decimal>, high: Option<Decimal> },
    /// The reference indicator of a relation has no value for the year.
    ReferenceMissing { year: i32 },
    /// A relation: the value against its reference (`slack` for 相适应, None for 不低于).
    Relative { year: i32, value: Decimal, reference: Decimal, slack: Option<Decimal> },
    /// 趋于平衡: inside the normal band.
    BalanceInside { year: i32, value: Decimal, low: Decimal, high: Decimal },
    /// 趋于平衡: outside the band, with no baseline to compare.
    BalanceWithoutBaseline { year: i32, value: Decimal },
    /// 趋于平衡: outside the band, closer to it than the baseline or not.
    Balance { year: i32, value: Decimal, baseline: Decimal, low: Decimal, high: Decimal, closer: bool },
    /// 上升趋势减缓: no rise on the year before.
    NoRiseSince { before_year: i32, before: Decimal, year: i32, value: Decimal },
    /// 上升趋势减缓: a rise, and no value two years back to compare it with.
    RoseWithoutEarlier { year: i32 },
    /// 上升趋势减缓: this year's rise against the year before's.
    Rise { year: i32, rise: Decimal, earlier: Decimal },
    /// 差距缩小 without both indicators at both years.
    GapMissing { baseline_year: i32, year: i32 },
    /// 差距缩小: the gap at the baseline against the gap now.
    Gap { baseline_year: i32, then: Decimal, year: i32, now: Decimal },
    /// 区域差距缩小 without two regions that have values at both years.
    TooFewRegions { baseline_year: i32, year: i32, regions: usize },
    /// 区域差距缩小: the spread across `regions` regions at the baseline against the spread now.
    RegionalGap { measure: Measure, baseline_year: i32, then: Decimal, year: i32, now: Decimal, regions: usize },
}
