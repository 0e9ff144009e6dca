//! `--sheet '*'`: the datasets of several sheets become one. A sheet without a region column is one region,
//! named after the sheet; a sheet with one brings its rows' regions. A value given for the same region,
//! indicator and year on two sheets is reported as two rows of one file would be (the same value: a warning;
//! different values: an error, the later row rejected), naming both cells.

use super::ReadSheet;
use crate::dataset::{Dataset, Point, RegionData};
use crate::diag::{Diagnostic, Diagnostics, Hint, Message};
use crate::indicator::{IndicatorId, Registry};
use std::collections::{HashMap, HashSet};

/// Where a value was first met: its sheet and its point.
type Seen = HashMap<(IndicatorId, i16), (usize, Point)>;

/// Merges the sheets read, in workbook order.
pub fn sheets(read: Vec<ReadSheet>, registry: &Registry, diags: &mut Diagnostics) -> Dataset {
    let mut out = Dataset { has_region_column: true, ..Dataset::default() };
    let mut seen: Vec<Seen> = Vec::new();
    let mut rejected: HashSet<(usize, u64)> = HashSet::new();
    for (s, sheet) in read.iter().enumerate() {
        let d = &sheet.data;
        out.rows_read += d.rows_read;
        out.rows_rejected += d.rows_rejected;
        out.rows_unknown += d.rows_unknown;
        for (i, &n) in d.rows_by_indicator.iter().enumerate() {
            out.count_rows(IndicatorId(i as u32), n as isize);
        }
        for (name, region) in d.regions.iter().zip(&d.data) {
            let name = if d.has_region_column { name.clone() } else { sheet.name.clone() };
            let r = match out.regions.iter().position(|n| *n == name) {
                Some(r) => r,
                None => {
                    out.regions.push(name.clone());
                    out.data.push(RegionData::default());
                    seen.push(Seen::new());
                    out.regions.len() - 1
                }
            };
            for p in &region.points {
                let first = seen.get(r).and_then(|m| m.get(&(p.indicator, p.year))).copied();
                match first {
                    Some((s0, first)) => {
                        let twice = Twice { region: &name, first: (&read[s0], first), second: (sheet, *p) };
                        if twice.report(registry, diags) && rejected.insert((s, p.at)) {
                            out.rows_rejected += 1;
                            out.count_rows(p.indicator, -1);
                        }
                    }
                    None => {
                        if let Some(m) = seen.get_mut(r) {
                            m.insert((p.indicator, p.year), (s, *p));
                        }
                        if let Some(data) = out.data.get_mut(r) {
                            data.points.push(*p);
                        }
                    }
                }
            }
        }
    }
    for region in &mut out.data {
        region.seal();
    }
    out
}

/// A value given on two sheets.
struct Twice<'a> {
    region: &'a str,
    first: (&'a ReadSheet, Point),
    second: (&'a ReadSheet, Point),
}

impl Twice<'_> {
    /// Reports it; true when the values differ (the second row is then rejected).
    fn report(&self, registry: &Registry, diags: &mut Diagnostics) -> bool {
        let ((s1, p1), (s2, p2)) = (self.first, self.second);
        let (a, b) = (s1.origin.place(p1.at, p1.col as usize), s2.origin.place(p2.at, p2.col as usize));
        let (name, year) = (registry.get(p1.indicator).name.clone(), p1.year);
        let region = format!("{} ", self.region);
        let (first_line, second_line) = (a.line, b.line);
        if p1.value == p2.value {
            let msg = Message::DuplicateRow { region, name, year, first_line, second_line };
            diags.push(Diagnostic::warning(msg).at(b).label(Hint::AgainHere).related(a, Hint::FirstHere));
            return false;
        }
        let (first, second) = (p1.value.to_string(), p2.value.to_string());
        let msg = Message::ConflictingRows { region, name, year, first, first_line, second, second_line };
        diags.push(Diagnostic::error(msg).at(b).label(Hint::SecondValue).related(a, Hint::FirstValue));
        true
    }
}
