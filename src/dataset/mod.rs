//! Data files of measured values: reading them ([`read`] for text, [`text`] for encodings, [`workbook`] for Excel,
//! [`layout`] for the header, [`rows`] for the rows both share, [`origin`] for where each stands), their cells
//! ([`value`]), and the [`Dataset`] they become: values by region, indicator and year, with every row
//! accounted for.

pub mod layout;
pub mod origin;
pub mod read;
pub mod rows;
pub mod text;
pub mod value;
pub mod workbook;

use crate::indicator::IndicatorId;
use crate::rule::Series;
use rust_decimal::Decimal;

pub use read::{load, LoadOptions};

/// One value, with where it was read (for duplicate reports). 32 bytes: national files hold millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub value: Decimal,
    /// Byte offset of the row (text) or the row number (sheet).
    pub at: u64,
    pub indicator: IndicatorId,
    pub year: i16,
    /// The field the value stood in (saturating at 65535).
    pub col: u16,
}

/// The values of one region: every point in one vector (one allocation per region, not per series), sorted by
/// indicator and year once loading is done, with an index of where each indicator's series stands.
#[derive(Debug, Default, Clone)]
pub struct RegionData {
    points: Vec<Point>,
    /// (indicator, start, length) into `points`, sorted by indicator.
    index: Vec<(IndicatorId, u32, u32)>,
    /// Rows of this region rejected with an error (`report --keep-going` leaves such a region out).
    pub(crate) rejected: u32,
}

impl RegionData {
    /// An indicator's points, sorted by year.
    pub fn series(&self, indicator: IndicatorId) -> &[Point] {
        match self.index.binary_search_by_key(&indicator, |e| e.0) {
            Ok(i) => {
                let (_, start, len) = self.index[i];
                self.points.get(start as usize..(start + len) as usize).unwrap_or_default()
            }
            Err(_) => &[],
        }
    }

    /// Sorts the points, keeps the first of two for the same indicator and year, and indexes the series;
    /// returns each pair of consecutive rows given for the same indicator and year.
    pub(crate) fn seal(&mut self) -> Vec<(Point, Point)> {
        self.points.sort_by_key(|p| (p.indicator, p.year, p.at));
        let same = |a: &Point, b: &Point| a.indicator == b.indicator && a.year == b.year;
        let twice: Vec<(Point, Point)> =
            self.points.windows(2).filter(|w| same(&w[0], &w[1])).map(|w| (w[0], w[1])).collect();
        if !twice.is_empty() {
            self.points.dedup_by(|later, kept| same(kept, later));
        }
        self.build_index();
        twice
    }

    fn build_index(&mut self) {
        self.index.clear();
        let mut start = 0;
        while start < self.points.len() {
            let indicator = self.points[start].indicator;
            let len = self.points[start..].iter().take_while(|p| p.indicator == indicator).count();
            self.index.push((indicator, start as u32, len as u32));
            start += len;
        }
    }
}

/// The measured values of one data file.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Region names, in order of first appearance; one empty name when the file has no region column.
    regions: Vec<String>,
    data: Vec<RegionData>,
    /// Did the file have a region column?
    has_region_column: bool,
    /// Rows read per indicator, by the indicator's number (rows with a missing value included).
    rows_by_indicator: Vec<usize>,
    /// Data rows read in all.
    rows_read: usize,
    /// Rows rejected with an error.
    rows_rejected: usize,
    /// Rows naming an indicator no plan knows, kept aside with `--allow-unknown`.
    rows_unknown: usize,
    /// Where the rows came from, to locate a value (for annotations at the data row).
    origin: Option<origin::Origin>,
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
    /// Region names, in order of first appearance; one empty name when the file has no region column.
    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    /// Did the file have a region column?
    pub fn has_region_column(&self) -> bool {
        self.has_region_column
    }

    /// Data rows read in all.
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// Rows rejected with an error.
    pub fn rows_rejected(&self) -> usize {
        self.rows_rejected
    }

    /// Rows naming an unknown indicator, set aside with `--allow-unknown`.
    pub fn rows_unknown(&self) -> usize {
        self.rows_unknown
    }

    /// Where the value of an indicator in a region and year was read.
    pub fn locate(&self, region: usize, indicator: IndicatorId, year: i32) -> Option<crate::diag::Location> {
        let points = self.points(region, indicator);
        let point = points.binary_search_by_key(&year, |p| i32::from(p.year)).ok().and_then(|i| points.get(i))?;
        Some(self.origin.as_ref()?.place(point.at, usize::from(point.col)))
    }

    /// Values held, over every region.
    pub fn value_count(&self) -> usize {
        self.data.iter().map(|r| r.points.len()).sum()
    }

    /// The series of an indicator in a region.
    pub fn series(&self, region: usize, indicator: IndicatorId) -> Series {
        self.points(region, indicator).iter().map(|p| (i32::from(p.year), p.value)).collect()
    }

    /// The points of an indicator in a region, sorted by year.
    pub fn points(&self, region: usize, indicator: IndicatorId) -> &[Point] {
        self.data.get(region).map_or(&[], |d| d.series(indicator))
    }

    /// The index of a region by name.
    pub fn region_index(&self, name: &str) -> Option<usize> {
        self.regions.iter().position(|r| r == name)
    }

    /// Every value of a region.
    pub fn region_points(&self, region: usize) -> &[Point] {
        self.data.get(region).map_or(&[], |d| d.points.as_slice())
    }

    /// Rows of a region rejected with an error (rows rejected before their region was read are in none).
    pub fn rejected_in(&self, region: usize) -> usize {
        self.data.get(region).map_or(0, |d| d.rejected as usize)
    }

    /// The latest year with any value in a region.
    pub fn latest_year(&self, region: usize) -> Option<i32> {
        self.data.get(region)?.points.iter().map(|p| i32::from(p.year)).max()
    }

    /// Every year at which any of these regions has a value of any of these indicators, ascending.
    pub fn years_of(&self, regions: &[usize], indicators: &[IndicatorId]) -> Vec<i32> {
        let mut years: Vec<i32> = regions
            .iter()
            .flat_map(|&r| indicators.iter().flat_map(move |&id| self.points(r, id).iter().map(|p| i32::from(p.year))))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Does a region have a value of any of these indicators at a year?
    pub fn has_value_at(&self, region: usize, indicators: &[IndicatorId], year: i32) -> bool {
        indicators.iter().any(|&id| self.points(region, id).iter().any(|p| i32::from(p.year) == year))
    }

    /// Every year with a value in a region, ascending.
    pub fn years(&self, region: usize) -> Vec<i32> {
        let mut years: Vec<i32> =
            self.data.get(region).map(|d| d.points.iter().map(|p| i32::from(p.year)).collect()).unwrap_or_default();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Rows read for an indicator.
    pub fn rows_of(&self, id: IndicatorId) -> usize {
        self.rows_by_indicator.get(id.0 as usize).copied().unwrap_or(0)
    }

    /// Counts `n` rows (or takes them back) for an indicator.
    pub(crate) fn count_rows(&mut self, id: IndicatorId, n: isize) {
        let i = id.0 as usize;
        if self.rows_by_indicator.len() <= i {
            self.rows_by_indicator.resize(i + 1, 0);
        }
        if let Some(count) = self.rows_by_indicator.get_mut(i) {
            *count = count.saturating_add_signed(n);
        }
    }

    /// How the rows split for a plan that reads `used` indicators.
    pub fn accounting(&self, used: &[IndicatorId]) -> Accounting {
        let used_rows: usize = used.iter().map(|&id| self.rows_of(id)).sum();
        Accounting {
            read: self.rows_read,
            used: used_rows,
            unused: self.rows_read.saturating_sub(self.rows_rejected + used_rows),
            rejected: self.rows_rejected,
        }
    }
}
