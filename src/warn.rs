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

use crate::rule::{Rule, Series};
use rust_decimal::Decimal;

/// How many points a projection needs.
pub const MIN_POINTS_TO_PROJECT: usize = 3;
/// How many points a swing needs.
pub const MIN_POINTS_TO_SWING: usize = 4;
/// A swing: average year-on-year change at least this percent of the average level.
pub const SWING_PERCENT: Decimal = Decimal::TEN;

/// One early warning, as data: [`crate::words`] says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The least-squares line over `from..=to` reads `value` at the deadline, which misses the target.
    ProjectedMiss { from: i32, to: i32, deadline: i32, value: Decimal },
    /// The last two changes (`from`..=`to`, over the three values of `course`) both went the wrong way.
    WrongWay { from: i32, to: i32, up: bool, course: [Decimal; 3] },
    /// The change flipped sign `flips` times, averaging `size` a year.
    Swings { flips: usize, size: Decimal },
}

/// What a warning needs of the run besides the target: the tolerance of 左右, as the verdict uses it.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub year: i32,
    pub baseline_year: i32,
    pub deadline: i32,
    pub tolerance: Decimal,
    /// The 基本实现 margin, in percent of the target (`--near`).
    pub near: Decimal,
    /// A rate that cannot exceed 100.
    pub ceiling: bool,
}

/// The warnings for one target; empty when the series is on course.
pub fn warn(rule: &Rule, series: &Series, cx: &Context) -> Vec<Warning> {
    let points = series.between(cx.baseline_year, cx.year);
    let mut warnings = Vec::new();
    if rule.is_threshold() && cx.year < cx.deadline {
        warnings.extend(projected_miss(rule, points, cx));
    }
    if let Some(up) = direction(rule) {
        warnings.extend(wrong_way(points, up));
    }
    warnings.extend(swings(points));
    warnings
}

/// Which way a trend target should move: Some(true) up, Some(false) down.
fn direction(rule: &Rule) -> Option<bool> {
    match rule {
        Rule::Increase | Rule::IncreaseYearly | Rule::Maintain { low: None, high: None } => Some(true),
        Rule::Decrease | Rule::SlowRise => Some(false),
        Rule::Maintain { .. }
        | Rule::Min(_)
        | Rule::Max(_)
        | Rule::Gt(_)
        | Rule::Lt(_)
        | Rule::Eq(_)
        | Rule::Approx { .. }
        | Rule::Range { .. }
        | Rule::DecreaseBy(_)
        | Rule::Relative { .. }
        | Rule::Balance { .. }
        | Rule::Ratio { .. }
        | Rule::Eliminate { .. }
        | Rule::GapNarrow { .. }
        | Rule::RegionalGap { .. }
        | Rule::Qualitative => None,
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

fn projected_miss(rule: &Rule, points: &[(i32, Decimal)], cx: &Context) -> Option<Warning> {
    if points.len() < MIN_POINTS_TO_PROJECT {
        return None;
    }
    let deadline = cx.deadline;
    let mut projected = project(points, deadline)?;
    // A rate cannot pass 100 %, and a trend that reaches an `eq` target stops there: a projection at or past
    // either has reached it.
    if cx.ceiling {
        projected = projected.min(Decimal::ONE_HUNDRED);
    }
    if let (Rule::Eq(x), Some(&(_, last))) = (rule, points.last()) {
        if (last <= *x && projected >= *x) || (last >= *x && projected <= *x) {
            return None;
        }
    }
    let mut series = Series::new();
    series.insert(deadline, projected);
    if let Some(&(first, v)) = points.first() {
        series.insert(first, v);
    }
    // The projection is judged as the verdict will be at the deadline, with the run's tolerance. A projected
    // near miss is still a miss worth a warning, except against a target at the ceiling (= 100, or ≥ 100 on a
    // rate): a rate that wavers a tenth below 100 % is at its ceiling, not heading for a miss, so a projection
    // within the 基本实现 margin of such a target warns of nothing.
    let inputs = crate::rule::Inputs {
        series: &series,
        reference: None,
        year: deadline,
        baseline_year: points[0].0,
        deadline,
        tolerance: cx.tolerance,
        near: cx.near,
        ceiling: cx.ceiling,
        spread: None,
    };
    let verdict = crate::rule::judge(rule, &inputs);
    let at_ceiling = matches!(rule, Rule::Eq(_)) || (cx.ceiling && rule.numbers().contains(&Decimal::ONE_HUNDRED));
    if verdict.status != crate::rule::Status::Unmet || (at_ceiling && verdict.near) {
        return None;
    }
    let (from, to) = (points[0].0, points[points.len() - 1].0);
    Some(Warning::ProjectedMiss { from, to, deadline, value: projected.round_dp(2) })
}

fn wrong_way(points: &[(i32, Decimal)], up: bool) -> Option<Warning> {
    let [.., a, b, c] = points else { return None };
    let wrong = |later: &(i32, Decimal), earlier: &(i32, Decimal)| {
        if up {
            later.1 < earlier.1
        } else {
            later.1 > earlier.1
        }
    };
    if !(wrong(c, b) && wrong(b, a)) {
        return None;
    }
    Some(Warning::WrongWay { from: a.0, to: c.0, up, course: [a.1, b.1, c.1] })
}

fn swings(points: &[(i32, Decimal)]) -> Option<Warning> {
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
    Some(Warning::Swings { flips, size: total_change.checked_div(n_changes)?.round_dp(2) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{Lang, Say};
    use std::str::FromStr;

    fn series(points: &[(i32, &str)]) -> Series {
        points.iter().map(|(y, v)| (*y, Decimal::from_str(v).unwrap_or_default())).collect()
    }

    fn cx(year: i32) -> Context {
        Context {
            year,
            baseline_year: 2020,
            deadline: 2030,
            tolerance: Decimal::from(5),
            near: Decimal::ONE,
            ceiling: false,
        }
    }

    fn said(rule: &Rule, s: &Series, cx: &Context) -> String {
        warn(rule, s, cx).say(Lang::Zh)
    }

    #[test]
    fn a_series_on_course_has_no_warning() {
        let s = series(&[(2020, "50"), (2021, "52"), (2022, "54"), (2023, "56")]);
        assert_eq!(warn(&Rule::Min(Decimal::from(70)), &s, &cx(2023)), vec![]);
        assert_eq!(warn(&Rule::Increase, &s, &cx(2023)), vec![]);
    }

    #[test]
    fn a_worsening_threshold_series_projects_a_miss() {
        let s = series(&[(2020, "50"), (2021, "51"), (2022, "51.5"), (2023, "52")]);
        let w = said(&Rule::Min(Decimal::from(70)), &s, &cx(2023));
        assert_eq!(w, "按2020—2023年趋势，2030年预计为 56.65，难以达标");
    }

    #[test]
    fn a_trend_target_moving_the_wrong_way_warns() {
        let s = series(&[(2020, "30"), (2021, "31"), (2022, "30"), (2023, "29")]);
        assert_eq!(said(&Rule::Increase, &s, &cx(2023)), "2021—2023年连续两年下降（31 → 30 → 29）");
        assert_eq!(
            warn(&Rule::Increase, &s, &cx(2023)).say(Lang::En),
            "fell two years running 2021–2023 (31 → 30 → 29)"
        );
    }

    #[test]
    fn a_swinging_series_warns() {
        let s = series(&[(2020, "10"), (2021, "14"), (2022, "9"), (2023, "15")]);
        assert_eq!(said(&Rule::Max(Decimal::from(30)), &s, &cx(2023)), "波动较大（2次升降反转，年均变动 5）");
    }

    #[test]
    fn least_squares_projects_a_straight_series_exactly() {
        let points = [(2020, Decimal::from(10)), (2021, Decimal::from(12)), (2022, Decimal::from(14))];
        assert_eq!(project(&points, 2030), Some(Decimal::from(30)));
    }

    /// 左右 is judged with the run's tolerance: a projection of 49 against 45左右 misses at 5 % (42.75–47.25)
    /// and reaches it at 10 % (40.5–49.5).
    #[test]
    fn the_projection_uses_the_runs_tolerance() {
        let s = series(&[(2020, "44"), (2021, "44.5"), (2022, "45")]);
        let rule = Rule::Approx { value: Decimal::from(45), tolerance: None };
        assert_eq!(warn(&rule, &s, &cx(2022)).len(), 1);
        let wide = Context { tolerance: Decimal::TEN, ..cx(2022) };
        assert_eq!(warn(&rule, &s, &wide), vec![]);
    }

    /// A = 100 target rising 96 → 97 → 98 → 99 projects past 100: it reaches its target, no warning; the same
    /// series against ≥ 100 on a rate (ceiling 100) reaches it too.
    #[test]
    fn a_projection_past_a_ceiling_or_an_eq_target_reaches_it() {
        let s = series(&[(2020, "96"), (2021, "97"), (2022, "98"), (2023, "99")]);
        assert_eq!(warn(&Rule::Eq(Decimal::ONE_HUNDRED), &s, &cx(2023)), vec![]);
        let rate = Context { ceiling: true, ..cx(2023) };
        assert_eq!(warn(&Rule::Min(Decimal::ONE_HUNDRED), &s, &rate), vec![]);
        assert_eq!(warn(&Rule::Eq(Decimal::ONE_HUNDRED), &s, &rate), vec![]);
        let falling = series(&[(2020, "99"), (2021, "98"), (2022, "97"), (2023, "96")]);
        assert_eq!(warn(&Rule::Eq(Decimal::ONE_HUNDRED), &falling, &rate).len(), 1);
    }

    /// Every warning kind against targets at a ceiling (a rate at or near 100 %) or an `eq` target reached: a
    /// series that holds its ceiling, or wavers by a tenth just under it, is on course and gets no warning.
    #[test]
    fn no_warning_kind_fires_on_a_series_at_its_ceiling() {
        let rate = |year| Context { ceiling: true, ..cx(year) };
        let held = series(&[(2020, "100"), (2021, "100"), (2022, "100"), (2023, "100")]);
        let wavering = series(&[(2020, "99.8"), (2021, "100"), (2022, "99.9"), (2023, "100"), (2024, "99.8")]);
        let rising = series(&[(2020, "97"), (2021, "98.5"), (2022, "99.5"), (2023, "100")]);
        let hundred = Decimal::ONE_HUNDRED;
        let rules = [
            Rule::Eq(hundred),
            Rule::Min(hundred),
            Rule::Min(Decimal::from(95)),
            Rule::Gt(Decimal::from(98)),
            Rule::Range { low: Decimal::from(95), high: hundred },
            Rule::Approx { value: hundred, tolerance: None },
            Rule::Increase,
            Rule::IncreaseYearly,
            Rule::Maintain { low: None, high: None },
            Rule::Maintain { low: Some(Decimal::from(95)), high: None },
        ];
        for rule in &rules {
            for (name, s, year) in [("held", &held, 2023), ("wavering", &wavering, 2024), ("rising", &rising, 2023)] {
                assert_eq!(warn(rule, s, &rate(year)), vec![], "{rule:?} on a {name} series");
            }
        }
    }

    /// A rate at its floor of 0 (消除, 降低) or an `eq` 0 target falling towards it is on course too.
    #[test]
    fn no_warning_fires_on_a_series_at_or_falling_to_zero() {
        let zero = series(&[(2020, "0"), (2021, "0"), (2022, "0"), (2023, "0")]);
        let falling = series(&[(2020, "3"), (2021, "2"), (2022, "1"), (2023, "0.5")]);
        let rules = [
            Rule::Eq(Decimal::ZERO),
            Rule::Eliminate { threshold: Decimal::ZERO, basic: false },
            Rule::Max(Decimal::ONE),
            Rule::Decrease,
            Rule::SlowRise,
        ];
        for rule in &rules {
            assert_eq!(warn(rule, &zero, &cx(2023)), vec![], "{rule:?} held at 0");
            assert_eq!(warn(rule, &falling, &cx(2023)), vec![], "{rule:?} falling to 0");
        }
    }

    /// The cap is no blindfold: a rate falling away from its = 100 target still warns, and so does one that
    /// swings widely below it.
    #[test]
    fn a_rate_falling_from_its_ceiling_or_swinging_still_warns() {
        let rate = Context { ceiling: true, ..cx(2024) };
        let falling = series(&[(2020, "100"), (2021, "99"), (2022, "98"), (2023, "97"), (2024, "96")]);
        let kinds: Vec<_> = warn(&Rule::Eq(Decimal::ONE_HUNDRED), &falling, &rate).into_iter().collect();
        assert!(matches!(kinds.as_slice(), [Warning::ProjectedMiss { .. }]), "{kinds:?}");
        assert!(matches!(warn(&Rule::Increase, &falling, &rate).as_slice(), [Warning::WrongWay { .. }]));
        let swinging = series(&[(2020, "60"), (2021, "90"), (2022, "55"), (2023, "95"), (2024, "50")]);
        assert!(warn(&Rule::Min(Decimal::from(50)), &swinging, &rate)
            .iter()
            .any(|w| matches!(w, Warning::Swings { .. })));
    }
}
