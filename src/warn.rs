//! Early warning (预警): beside a verdict, never instead of it. Three signals, each with its reason:
//!
//! - **projected miss** — a threshold target not yet due whose least-squares trend over the available years from
//!   the baseline (at least three points) projects a value at the deadline that misses the target;
//! - **wrong way** — a trend target (提高, 降低, 逐年提高, 保持, 上升趋势减缓) whose last two year-on-year changes
//!   both go the wrong way;
//! - **swings** — a series of at least four years whose year-on-year change flips sign at least twice and whose
//!   average change is at least 10 % of its average level.
//!
//! A series on course gets no warning. Arithmetic is exact and checked: a value too large to project gives no
//! projection rather than a panic.

use crate::rule::{show, Reason, Rule, Series};
use rust_decimal::Decimal;

/// How many points a projection needs.
pub const MIN_POINTS_TO_PROJECT: usize = 3;
/// How many points a swing needs.
pub const MIN_POINTS_TO_SWING: usize = 4;
/// A swing: average year-on-year change at least this percent of the average level.
pub const SWING_PERCENT: Decimal = Decimal::TEN;

/// The warnings for one target; empty when the series is on course.
pub fn warn(rule: &Rule, series: &Series, year: i32, baseline_year: i32, deadline: i32) -> Reason {
    let points = series.between(baseline_year, year);
    let mut reasons = Vec::new();
    if rule.is_threshold() && year < deadline {
        reasons.extend(projected_miss(rule, points, deadline));
    }
    if let Some(up) = direction(rule) {
        reasons.extend(wrong_way(points, up));
    }
    reasons.extend(swings(points));
    if reasons.is_empty() {
        return Reason::default();
    }
    Reason {
        zh: reasons.iter().map(|r| r.zh.as_str()).collect::<Vec<_>>().join("；"),
        en: reasons.iter().map(|r| r.en.as_str()).collect::<Vec<_>>().join("; "),
    }
}

/// Which way a trend target should move: Some(true) up, Some(false) down.
fn direction(rule: &Rule) -> Option<bool> {
    match rule {
        Rule::Increase | Rule::IncreaseYearly | Rule::Maintain { low: None, high: None } => Some(true),
        Rule::Decrease | Rule::SlowRise => Some(false),
        _ => None,
    }
}

/// The least-squares line through the points, read at `at`.
pub fn project(points: &[(i32, Decimal)], at: i32) -> Option<Decimal> {
    let n = Decimal::from(points.len());
    let sum = |f: &dyn Fn(&(i32, Decimal)) -> Option<Decimal>| {
        points.iter().try_fold(Decimal::ZERO, |acc, p| acc.checked_add(f(p)?))
    };
    let mean_x = sum(&|p| Some(Decimal::from(p.0)))?.checked_div(n)?;
    let mean_y = sum(&|p| Some(p.1))?.checked_div(n)?;
    let sxx = sum(&|p| (Decimal::from(p.0) - mean_x).checked_mul(Decimal::from(p.0) - mean_x))?;
    let sxy = sum(&|p| (Decimal::from(p.0) - mean_x).checked_mul(p.1.checked_sub(mean_y)?))?;
    let slope = sxy.checked_div(sxx)?;
    mean_y.checked_add(slope.checked_mul(Decimal::from(at) - mean_x)?)
}

fn projected_miss(rule: &Rule, points: &[(i32, Decimal)], deadline: i32) -> Option<Reason> {
    if points.len() < MIN_POINTS_TO_PROJECT {
        return None;
    }
    let projected = project(points, deadline)?;
    let mut series = Series::new();
    series.insert(deadline, projected);
    if let Some(&(first, v)) = points.first() {
        series.insert(first, v);
    }
    let inputs = crate::rule::Inputs {
        series: &series,
        reference: None,
        year: deadline,
        baseline_year: points[0].0,
        deadline,
        tolerance: Decimal::from(5),
        near: Decimal::ZERO,
        ceiling: false,
    };
    let verdict = crate::rule::judge(rule, &inputs);
    if verdict.status != crate::rule::Status::Unmet {
        return None;
    }
    let (from, to) = (points[0].0, points[points.len() - 1].0);
    let value = show(projected.round_dp(2));
    Some(Reason {
        zh: format!("按{from}—{to}年趋势，{deadline}年预计为 {value}，难以达标"),
        en: format!("on the {from}–{to} trend, {value} is projected for {deadline}: the target would be missed"),
    })
}

fn wrong_way(points: &[(i32, Decimal)], up: bool) -> Option<Reason> {
    let last: Vec<&(i32, Decimal)> = points.iter().rev().take(3).collect();
    if last.len() < 3 {
        return None;
    }
    let wrong =
        |later: &(i32, Decimal), earlier: &(i32, Decimal)| if up { later.1 < earlier.1 } else { later.1 > earlier.1 };
    if !(wrong(last[0], last[1]) && wrong(last[1], last[2])) {
        return None;
    }
    let (zh, en) = if up {
        ("连续两年下降", "fell two years running")
    } else {
        ("连续两年上升", "rose two years running")
    };
    let (from, to) = (last[2].0, last[0].0);
    let course = format!("{} → {} → {}", show(last[2].1), show(last[1].1), show(last[0].1));
    Some(Reason { zh: format!("{from}—{to}年{zh}（{course}）"), en: format!("{en} {from}–{to} ({course})") })
}

fn swings(points: &[(i32, Decimal)]) -> Option<Reason> {
    if points.len() < MIN_POINTS_TO_SWING {
        return None;
    }
    let changes: Vec<Decimal> = points.windows(2).filter_map(|w| w[1].1.checked_sub(w[0].1)).collect();
    let flips = changes
        .windows(2)
        .filter(|c| c[0].is_sign_positive() != c[1].is_sign_positive() && !c[0].is_zero() && !c[1].is_zero())
        .count();
    // Most series flip less than twice: settled before any arithmetic.
    if flips < 2 {
        return None;
    }
    // mean |change| ≥ SWING_PERCENT % of |mean level|, compared without dividing (exact, and cheap):
    // Σ|change| × points × 100 ≥ |Σ level| × changes × SWING_PERCENT.
    let total_change = changes.iter().try_fold(Decimal::ZERO, |a, c| a.checked_add(c.abs()))?;
    let total_level = points.iter().try_fold(Decimal::ZERO, |a, p| a.checked_add(p.1))?;
    let (n_changes, n_points) = (Decimal::from(changes.len()), Decimal::from(points.len()));
    let lhs = total_change.checked_mul(n_points)?.checked_mul(Decimal::ONE_HUNDRED)?;
    let rhs = total_level.abs().checked_mul(n_changes)?.checked_mul(SWING_PERCENT)?;
    if total_change.is_zero() || lhs < rhs {
        return None;
    }
    let size = show(total_change.checked_div(n_changes)?.round_dp(2));
    Some(Reason {
        zh: format!("波动较大（{flips}次升降反转，年均变动 {size}）"),
        en: format!("swings widely ({flips} reversals, average change {size} a year)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn series(points: &[(i32, &str)]) -> Series {
        points.iter().map(|(y, v)| (*y, Decimal::from_str(v).unwrap())).collect()
    }

    #[test]
    fn a_series_on_course_has_no_warning() {
        let s = series(&[(2020, "50"), (2021, "52"), (2022, "54"), (2023, "56")]);
        assert_eq!(warn(&Rule::Min(Decimal::from(70)), &s, 2023, 2020, 2030), Reason::default());
        assert_eq!(warn(&Rule::Increase, &s, 2023, 2020, 2030), Reason::default());
    }

    #[test]
    fn a_worsening_threshold_series_projects_a_miss() {
        let s = series(&[(2020, "50"), (2021, "51"), (2022, "51.5"), (2023, "52")]);
        let w = warn(&Rule::Min(Decimal::from(70)), &s, 2023, 2020, 2030);
        assert_eq!(w.zh, "按2020—2023年趋势，2030年预计为 56.65，难以达标");
    }

    #[test]
    fn a_trend_target_moving_the_wrong_way_warns() {
        let s = series(&[(2020, "30"), (2021, "31"), (2022, "30"), (2023, "29")]);
        let w = warn(&Rule::Increase, &s, 2023, 2020, 2030);
        assert_eq!(w.zh, "2021—2023年连续两年下降（31 → 30 → 29）");
    }

    #[test]
    fn a_swinging_series_warns() {
        let s = series(&[(2020, "10"), (2021, "14"), (2022, "9"), (2023, "15")]);
        let w = warn(&Rule::Max(Decimal::from(30)), &s, 2023, 2020, 2030);
        assert_eq!(w.zh, "波动较大（2次升降反转，年均变动 5）");
    }

    #[test]
    fn least_squares_projects_a_straight_series_exactly() {
        let points = [(2020, Decimal::from(10)), (2021, Decimal::from(12)), (2022, Decimal::from(14))];
        assert_eq!(project(&points, 2030), Some(Decimal::from(30)));
    }
}
