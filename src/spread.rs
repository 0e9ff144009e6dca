//! The spread of one indicator across the regions of a batch (the regions one run evaluates together), for
//! `regional_gap` targets (区域差距缩小): from the baseline year B to every later year Y, the spread at B and at Y
//! over the regions that have a value in both years, so that the two spreads compare the same regions. The
//! evaluation fills it once per run, before any region is judged; the judging layer reads it. Values come from
//! the data only: a figure the plan states for its own region says nothing about the spread between regions.
//!
//! Two measures, as the target states: the range (highest less lowest, in the indicator's unit) and the
//! coefficient of variation (population standard deviation over the mean). The CV is decided on its square,
//! (nΣx² − (Σx)²) / (Σx)², one exact decimal division, so no float and no square root decides a verdict; the
//! square root is taken only to show it.

use crate::rule::Measure;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

/// How many regions a spread needs.
pub const MIN_REGIONS: usize = 2;

/// One spread: what decides (the range, or the CV squared) and how many regions it is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    pub key: Decimal,
}

impl Level {
    /// The spread as shown: the range itself, or the CV to four places.
    pub fn shown(self, measure: Measure) -> Decimal {
        match measure {
            Measure::Range => self.key.normalize(),
            Measure::Cv => sqrt(self.key).round_dp(4).normalize(),
        }
    }
}

/// The spreads at B and at one later year Y, over the regions with a value at both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub regions: usize,
    /// None with fewer than [`MIN_REGIONS`] regions.
    pub then: Option<Level>,
    pub now: Option<Level>,
}

/// An indicator's spread across a batch's regions, from the baseline year to each later year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spread {
    pub measure: Measure,
    pub baseline_year: i32,
    /// By year Y (ascending, every year after B with a value in some region).
    by_year: Vec<(i32, Pair)>,
}

impl Spread {
    /// The spread of `values`: per region, its series as (year, value) sorted by year.
    pub fn of<'v>(
        measure: Measure,
        baseline_year: i32,
        regions: impl Iterator<Item = &'v [(i32, Decimal)]> + Clone,
    ) -> Spread {
        let mut years: Vec<i32> = regions.clone().flatten().map(|p| p.0).filter(|&y| y > baseline_year).collect();
        years.sort_unstable();
        years.dedup();
        let value = |series: &[(i32, Decimal)], year: i32| {
            series.binary_search_by_key(&year, |p| p.0).ok().and_then(|i| series.get(i)).map(|p| p.1)
        };
        let by_year = years
            .into_iter()
            .map(|y| {
                let pairs: Vec<(Decimal, Decimal)> =
                    regions.clone().filter_map(|s| Some((value(s, baseline_year)?, value(s, y)?))).collect();
                let then: Vec<Decimal> = pairs.iter().map(|p| p.0).collect();
                let now: Vec<Decimal> = pairs.iter().map(|p| p.1).collect();
                (y, Pair { regions: pairs.len(), then: level(measure, &then), now: level(measure, &now) })
            })
            .collect();
        Spread { measure, baseline_year, by_year }
    }

    /// The spreads at B and at `year`.
    pub fn at(&self, year: i32) -> Option<Pair> {
        let i = self.by_year.binary_search_by_key(&year, |p| p.0).ok()?;
        self.by_year.get(i).map(|p| p.1)
    }
}

/// The spread of some regions' values, or None with too few of them (or numbers too large to square).
pub fn level(measure: Measure, values: &[Decimal]) -> Option<Level> {
    if values.len() < MIN_REGIONS {
        return None;
    }
    let key = match measure {
        Measure::Range => {
            let (lo, hi) = values.iter().fold((values[0], values[0]), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            hi.checked_sub(lo)?
        }
        Measure::Cv => cv_squared(values)?,
    };
    Some(Level { key })
}

/// (nΣx² − (Σx)²) / (Σx)²: the CV squared; 0 for values that are all 0.
fn cv_squared(values: &[Decimal]) -> Option<Decimal> {
    let n = Decimal::from(values.len());
    let sum = values.iter().try_fold(Decimal::ZERO, |a, &v| a.checked_add(v))?;
    let squares = values.iter().try_fold(Decimal::ZERO, |a, &v| a.checked_add(v.checked_mul(v)?))?;
    if sum.is_zero() {
        return Some(Decimal::ZERO);
    }
    let sum_squared = sum.checked_mul(sum)?;
    n.checked_mul(squares)?.checked_sub(sum_squared)?.max(Decimal::ZERO).checked_div(sum_squared)
}

/// A square root by Newton's method from a float's first guess, to Decimal's precision (for showing only).
fn sqrt(x: Decimal) -> Decimal {
    if x <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let mut r = x.to_f64().map(f64::sqrt).and_then(Decimal::from_f64).filter(|r| !r.is_zero()).unwrap_or(Decimal::ONE);
    for _ in 0..6 {
        match x.checked_div(r).and_then(|q| q.checked_add(r)) {
            Some(s) => r = s / Decimal::TWO,
            None => break,
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn values(list: &[&str]) -> Vec<Decimal> {
        list.iter().map(|v| d(v)).collect()
    }

    #[test]
    fn the_range_is_the_highest_less_the_lowest() {
        let l = level(Measure::Range, &values(&["12", "9.5", "15.2"]));
        assert_eq!(l.map(|l| l.shown(Measure::Range)), Some(d("5.7")));
        assert_eq!(level(Measure::Range, &values(&["12"])), None, "one region has no spread");
    }

    /// 10, 20, 30: mean 20, population sd √(200/3) = 8.1650, CV 0.4082; decided on CV² = 1/6.
    #[test]
    fn the_cv_is_decided_on_its_square_and_shown_to_four_places() {
        let l = level(Measure::Cv, &values(&["10", "20", "30"])).expect("a level");
        assert_eq!(l.key.round_dp(10), d("0.1666666667"));
        assert_eq!(l.shown(Measure::Cv), d("0.4082"));
        let zero = level(Measure::Cv, &values(&["0", "0"])).expect("a level");
        assert_eq!(zero.shown(Measure::Cv), Decimal::ZERO);
    }

    /// The spreads at B and at Y compare the same regions: a region without a value at B is left out of both.
    #[test]
    fn both_spreads_are_over_the_regions_with_values_in_both_years() {
        let a = vec![(2020, d("10")), (2024, d("8"))];
        let b = vec![(2020, d("20")), (2024, d("12"))];
        let c = vec![(2024, d("40"))];
        let s = Spread::of(Measure::Range, 2020, [a.as_slice(), b.as_slice(), c.as_slice()].into_iter());
        let pair = s.at(2024).expect("a pair");
        assert_eq!(pair.regions, 2);
        assert_eq!(pair.then.map(|l| l.key), Some(d("10")));
        assert_eq!(pair.now.map(|l| l.key), Some(d("4")));
        assert_eq!(s.at(2023), None);
    }
}
