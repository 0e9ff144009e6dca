//! Data files of measured values: reading them ([`read`] for text, [`text`] for encodings, [`sheet`] for Excel,
//! [`rows`] for the rows both share), their cells ([`value`]), and the [`Dataset`] they become: values by region,
//! indicator and year, with every row accounted for.

pub mod read;
pub mod rows;
pub mod sheet;
pub mod text;
pub mod value;

use crate::indicator::IndicatorId;
use crate::rule::Series;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

pub use read::{load, LoadOptions};

/// One value, with where it was read (for duplicate reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub year: i32,
    pub value: Decimal,
    /// Byte offset of the row (text) or the row number (sheet).
    pub at: u64,
    /// The field the value stood in.
    pub col: u32,
}

/// The values of one region.
#[derive(Debug, Default, Clone)]
pub struct RegionData {
    /// Points per indicator, sorted by year once loading is done.
    pub points: HashMap<IndicatorId, Vec<Point>>,
}

/// The measured values of one data file.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Region names, in order of first appearance; one empty name when the file has no region column.
    pub regions: Vec<String>,
    pub data: Vec<RegionData>,
    /// Did the file have a region column?
    pub has_region_column: bool,
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
    /// The series of an indicator in a region.
    pub fn series(&self, region: usize, indicator: IndicatorId) -> Series {
        self.points(region, indicator).iter().map(|p| (p.year, p.value)).collect()
    }

    /// The points of an indicator in a region, sorted by year.
    pub fn points(&self, region: usize, indicator: IndicatorId) -> &[Point] {
        self.data.get(region).and_then(|d| d.points.get(&indicator)).map_or(&[], |v| v.as_slice())
    }

    /// The index of a region by name.
    pub fn region_index(&self, name: &str) -> Option<usize> {
        self.regions.iter().position(|r| r == name)
    }

    /// The latest year with any value in a region.
    pub fn latest_year(&self, region: usize) -> Option<i32> {
        self.data.get(region)?.points.values().filter_map(|v| v.last().map(|p| p.year)).max()
    }

    /// Every year with a value in a region, ascending.
    pub fn years(&self, region: usize) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .data
            .get(region)
            .map(|d| d.points.values().flat_map(|v| v.iter().map(|p| p.year)).collect())
            .unwrap_or_default();
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
            unused: self.rows_read.saturating_sub(self.rows_rejected + used_rows),
            rejected: self.rows_rejected,
        }
    }
}
