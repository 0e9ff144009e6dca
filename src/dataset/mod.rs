//! Data files of measured values: reading them ([`read`]), their cells ([`value`]), and the [`Dataset`] they
//! become: values by region, indicator and year, with every row accounted for.

pub mod read;
pub mod value;

use crate::indicator::IndicatorId;
use crate::rule::Series;
use std::collections::HashMap;

pub use read::{load, LoadOptions};

/// The measured values of one data file.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Region names, in order of first appearance; one empty name when the file has no region column.
    pub regions: Vec<String>,
    /// Did the file have a region column?
    pub has_region_column: bool,
    series: HashMap<(u32, IndicatorId), Series>,
    /// Rows read per indicator (rows with a missing value included).
    pub rows_by_indicator: HashMap<IndicatorId, usize>,
    /// Data rows read in all.
    pub rows_read: usize,
    /// Rows rejected with an error.
    pub rows_rejected: usize,
    /// Rows naming an indicator no plan knows, kept aside with `--allow-unknown`.
    pub rows_unknown: usize,
}

/// How a data file's rows split for one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Accounting {
    pub read: usize,
    pub used: usize,
    pub unused: usize,
    pub rejected: usize,
}

impl Dataset {
    /// The series of an indicator in a region (empty when there is none).
    pub fn series(&self, region: usize, indicator: IndicatorId) -> Option<&Series> {
        self.series.get(&(region as u32, indicator))
    }

    /// The index of a region by name.
    pub fn region_index(&self, name: &str) -> Option<usize> {
        self.regions.iter().position(|r| r == name)
    }

    /// The latest year with any value in a region.
    pub fn latest_year(&self, region: usize) -> Option<i32> {
        self.series
            .iter()
            .filter(|((r, _), _)| *r as usize == region)
            .filter_map(|(_, s)| s.keys().next_back().copied())
            .max()
    }

    /// Every year with a value in a region, ascending.
    pub fn years(&self, region: usize) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .series
            .iter()
            .filter(|((r, _), _)| *r as usize == region)
            .flat_map(|(_, s)| s.keys().copied())
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// How the rows split for a plan that reads `used` indicators.
    pub fn accounting(&self, used: &[IndicatorId]) -> Accounting {
        let used_rows: usize = used.iter().filter_map(|id| self.rows_by_indicator.get(id)).sum();
        Accounting {
            read: self.rows_read,
            used: used_rows,
            unused: self.rows_read - self.rows_rejected - used_rows,
            rejected: self.rows_rejected,
        }
    }

    pub(crate) fn insert(&mut self, region: u32, indicator: IndicatorId, year: i32, value: rust_decimal::Decimal) {
        self.series.entry((region, indicator)).or_default().insert(year, value);
    }

    pub(crate) fn get(&self, region: u32, indicator: IndicatorId, year: i32) -> Option<rust_decimal::Decimal> {
        self.series.get(&(region, indicator)).and_then(|s| s.get(&year)).copied()
    }
}
