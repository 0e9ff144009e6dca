//! Threshold targets: the set of values a target accepts (a bound or a band), how far a value falls short of it,
//! and the straight line from the baseline to the target that on/off track is read against.

use super::{Decline, Rule};
use rust_decimal::Decimal;
use std::fmt;

/// A comparison with a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Cmp {
    fn holds(self, v: Decimal, x: Decimal) -> bool {
        match self {
            Cmp::Ge => v >= x,
            Cmp::Le => v <= x,
            Cmp::Gt => v > x,
            Cmp::Lt => v < x,
            Cmp::Eq => v == x,
        }
    }

    /// The sign as the tables write it; the same in both languages.
    pub fn sign(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Le => "≤",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
            Cmp::Eq => "=",
        }
    }
}

/// The set of values a threshold target accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    Bound(Cmp, Decimal),
    Band(Decimal, Decimal),
}

impl Goal {
    pub fn holds(&self, v: Decimal) -> bool {
        match *self {
            Goal::Bound(cmp, x) => cmp.holds(v, x),
            Goal::Band(low, high) => low <= v && v <= high,
        }
    }

    /// How far v is from the accepted set (0 inside it, or on a strict bound).
    pub fn shortfall(&self, v: Decimal) -> Decimal {
        match *self {
            Goal::Bound(Cmp::Ge | Cmp::Gt, x) => x.saturating_sub(v).max(Decimal::ZERO),
            Goal::Bound(Cmp::Le | Cmp::Lt, x) => v.saturating_sub(x).max(Decimal::ZERO),
            Goal::Bound(Cmp::Eq, x) => v.saturating_sub(x).abs(),
            Goal::Band(low, high) => low.saturating_sub(v).max(v.saturating_sub(high)).max(Decimal::ZERO),
        }
    }

    /// The point the straight line from the baseline aims at.
    pub fn aim(&self, from: Decimal) -> Decimal {
        match *self {
            Goal::Bound(_, x) => x,
            Goal::Band(low, high) => from.clamp(low, high),
        }
    }

    /// Within `near` % of the bound (基本实现)?
    pub fn is_near(&self, v: Decimal, near: Decimal) -> bool {
        let slack = |x: Decimal| x.abs() * near / Decimal::ONE_HUNDRED;
        match *self {
            Goal::Bound(_, x) => self.shortfall(v) <= slack(x),
            Goal::Band(low, high) => self.shortfall(v) <= slack(if v < low { low } else { high }),
        }
    }
}

/// `≥ 70`, `42.75–47.25`: a goal as the tables write it, the same in both languages.
impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Goal::Bound(cmp, x) => write!(f, "{} {}", cmp.sign(), as_written(x)),
            Goal::Band(low, high) => write!(f, "{}–{}", as_written(low), as_written(high)),
        }
    }
}

/// What a chart draws as the target: a level, or a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Level(Decimal),
    Band(Decimal, Decimal),
}

/// The target a threshold rule draws (the SPEC's X), given the baseline value and the default tolerance.
pub fn mark(rule: &Rule, base: Option<Decimal>, tolerance: Decimal) -> Option<Mark> {
    match goal(rule, base, tolerance)? {
        Goal::Bound(_, x) => Some(Mark::Level(x)),
        Goal::Band(low, high) => Some(Mark::Band(low, high)),
    }
}

/// The accepted set of a threshold rule; `None` for a rule that is no threshold, or whose bound depends on a
/// baseline that is missing.
pub fn goal(rule: &Rule, base: Option<Decimal>, default_tolerance: Decimal) -> Option<Goal> {
    Some(match *rule {
        Rule::Min(x) => Goal::Bound(Cmp::Ge, x),
        Rule::Max(x) => Goal::Bound(Cmp::Le, x),
        Rule::Gt(x) => Goal::Bound(Cmp::Gt, x),
        Rule::Lt(x) => Goal::Bound(Cmp::Lt, x),
        Rule::Eq(x) => Goal::Bound(Cmp::Eq, x),
        Rule::Approx { value, tolerance } => {
            let slack = value.abs() * tolerance.unwrap_or(default_tolerance) / Decimal::ONE_HUNDRED;
            Goal::Band(value - slack, value + slack)
        }
        Rule::Range { low, high } => Goal::Band(low, high),
        Rule::Ratio { first, second } => Goal::Bound(Cmp::Ge, second.checked_div(first)?.normalize()),
        Rule::Eliminate { threshold, .. } => Goal::Bound(Cmp::Le, threshold),
        Rule::DecreaseBy(Decline::Percent(x)) => {
            let factor = Decimal::ONE - x / Decimal::ONE_HUNDRED;
            Goal::Bound(Cmp::Le, base?.checked_mul(factor)?.normalize())
        }
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
        | Rule::Qualitative => return None,
    })
}

/// The straight line from `from` at year `b` to `to` at year `t`, read at year `y`.
pub fn line(from: Decimal, to: Decimal, b: i32, t: i32, y: i32) -> Decimal {
    if t <= b {
        return to;
    }
    let elapsed = Decimal::from((y - b).clamp(0, t - b));
    let span = Decimal::from(t - b);
    let step = to.saturating_sub(from).saturating_mul(elapsed) / span;
    from.saturating_add(step)
}

/// A target number as the plan writes it (`6.0` stays `6.0`); a computed one with many places is rounded to four.
pub fn as_written(x: Decimal) -> String {
    if x.scale() <= 4 {
        x.to_string()
    } else {
        show(x.round_dp(4))
    }
}

/// A decimal as a person writes it: no trailing zeros after rounding, no exponent.
pub fn show(x: Decimal) -> String {
    x.normalize().to_string()
}
