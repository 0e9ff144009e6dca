//! The row reader shared by text files and sheets: it finds the header (skipping title rows before it), resolves
//! the long or wide form, and turns each data row into values by region, indicator and year — interning names,
//! checking years and cells, rejecting a bad row as a whole, and locating every problem. When none of the first
//! [`PREAMBLE_AT_MOST`] rows is a header, the file has none: one error, and every row is rejected.

use super::text::Text;
use super::value::{convert, fold, parse_cell, shorten, Cell};
use super::LoadOptions;
use super::{Dataset, Point, RegionData};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::indicator::{normalize_name, IndicatorId, Registry};
use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

/// The fields of one row, from a CSV record or a sheet row.
pub trait Fields {
    fn count(&self) -> usize;
    fn field(&self, i: usize) -> &str;
    /// A field's bytes, for interning without decoding.
    fn raw(&self, i: usize) -> &[u8] {
        self.field(i).as_bytes()
    }
    fn is_blank(&self) -> bool {
        (0..self.count()).all(|i| self.field(i).trim().is_empty())
    }
}

/// Is a field blank? A visible ASCII character settles it at once; only a field of other characters is decoded,
/// so that one of ideographic spaces (U+3000) counts as blank, as it does for a sheet's row.
pub fn blank_field(f: &[u8]) -> bool {
    if f.iter().any(|b| b.is_ascii() && !b.is_ascii_whitespace()) {
        return false;
    }
    f.is_ascii() || std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty())
}

impl Fields for csv::ByteRecord {
    fn count(&self) -> usize {
        csv::ByteRecord::len(self)
    }

    fn raw(&self, i: usize) -> &[u8] {
        self.get(i).unwrap_or_default()
    }

    fn is_blank(&self) -> bool {
        self.iter().all(blank_field)
    }

    fn field(&self, i: usize) -> &str {
        csv::ByteRecord::get(self, i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl Fields for Vec<String> {
    fn count(&self) -> usize {
        self.len()
    }

    fn field(&self, i: usize) -> &str {
        <[String]>::get(self, i).map_or("", |s| s.as_str())
    }
}

/// Where rows come from, to turn (row, field) into a location.
#[derive(Clone)]
pub enum Origin {
    /// A text file: rows are byte offsets; line starts are indexed on first need.
    Text { file: Arc<str>, text: Arc<Text>, lines: Option<Vec<usize>>, delimiter: u8 },
    /// A sheet: rows are 1-based row numbers, fields columns from `first_col`.
    Sheet { file: Arc<str>, first_col: u32 },
}

impl Origin {
    /// The location of field `col` of the row at `at` (whose line is `line` when known, else 0).
    pub(super) fn place(&mut self, line: u32, at: u64, col: usize) -> Location {
        match self {
            Origin::Sheet { file, first_col } => Location::cell(file.clone(), at as u32, *first_col + col as u32),
            Origin::Text { file, text, lines, delimiter } => {
                let start = at as usize;
                let line = if line > 0 {
                    line
                } else {
                    let index = lines.get_or_insert_with(|| line_starts(text));
                    index.partition_point(|&s| s <= start) as u32
                };
                let span = field_spans(text, start, *delimiter).get(col).cloned().unwrap_or(start..start);
                let line_start = text.get(..span.start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
                let column = text.get(line_start..span.start).map_or(0, |s| s.chars().count()) as u32 + 1;
                let extra = text.get(start..span.start).map_or(0, |s| s.matches('\n').count()) as u32;
                Location { file: file.clone(), line: line + extra, col: column, span: Some(span), cell: None }
            }
        }
    }

    /// The location of a whole row: its first cell, spanning every field.
    fn place_row(&mut self, at: u64) -> Location {
        let mut place = self.place(0, at, 0);
        if let (Origin::Text { text, delimiter, .. }, Some(span)) = (&*self, &mut place.span) {
            span.end = field_spans(text, at as usize, *delimiter).last().map_or(span.end, |last| last.end);
        }
        place
    }

    fn file(&self) -> Arc<str> {
        match self {
            Origin::Text { file, .. } | Origin::Sheet { file, .. } => file.clone(),
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The role of a header column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Indicator,
    Year,
    Value,
    Region,
    Note,
    /// Wide form: the values of one year.
    YearValues(i32),
    Other,
}

fn column_role(name: &str) -> Column {
    let key = normalize_name(name).to_lowercase();
    match key.as_str() {
        "indicator" | "指标" | "指标名" | "指标名称" | "指标id" => Column::Indicator,
        "year" | "年份" | "年度" | "年" => Column::Year,
        "value" | "数值" | "值" | "监测值" => Column::Value,
        "region" | "地区" | "区域" | "行政区" => Column::Region,
        "note" | "备注" | "说明" | "来源" => Column::Note,
        _ => match key.trim_end_matches('年').parse::<i32>() {
            Ok(y) if (1949..=2100).contains(&y) && key.len() >= 4 => Column::YearValues(y),
            _ => Column::Other,
        },
    }
}

/// The header, resolved.
#[derive(Clone)]
struct Layout {
    width: usize,
    /// The header's names, as written.
    names: Vec<String>,
    /// Rows may stop after this many fields (the columns after it are notes or unknown).
    required: usize,
    indicator: usize,
    region: Option<usize>,
    /// (column of the value, the year: from a column of the row, or fixed by the header)
    values: Vec<(usize, YearFrom)>,
}

#[derive(Clone, Copy)]
enum YearFrom {
    Column(usize),
    Fixed(i32),
}

/// At most this many rows before the header are skipped as titles and notes; a file whose first rows hold
/// no header has none.
pub const PREAMBLE_AT_MOST: usize = 10;

/// A row before the header: a title (`2025年监测数据`), a note, or, when no header follows, a bad header.
struct Preamble {
    place: Location,
    text: String,
    /// Why it is no header.
    why: String,
    /// How many of its fields hold something.
    filled: usize,
    /// Its first field names a known indicator: data, not a title.
    data_like: bool,
}

/// The row reader shared by text and sheets.
pub struct Rows<'a> {
    pub origin: Origin,
    registry: &'a Registry,
    options: &'a LoadOptions,
    pub data: Dataset,
    layout: Option<Layout>,
    /// Interned indicator names as written → what they name (None: unknown).
    names: HashMap<Box<[u8]>, Option<IndicatorId>>,
    /// Unknown names → the closest known name, worked out once per name.
    suggestions: HashMap<String, Option<String>>,
    regions: HashMap<String, u32>,
    /// The line of the current row, when the reader knows it.
    line: u32,
    /// Rows before the header, skipped when a header follows.
    preamble: Vec<Preamble>,
    /// No header was found: every row is rejected (and the one error says why).
    headerless: bool,
    /// The values of the row being read, kept until the whole row is known good.
    pending: Vec<Point>,
    /// Room a new region's points start with: as many as the previous region ended with, since the regions of
    /// one file are usually alike (a national file's thousands of regions then never grow their vectors).
    region_room: usize,
    /// The region of the previous row (the cheap check before the map).
    last_region: Option<u32>,
    /// Rows rejected for conflicting with an earlier row (each counted once).
    conflicting: std::collections::HashSet<u64>,
}

impl<'a> Rows<'a> {
    pub fn new(origin: Origin, registry: &'a Registry, options: &'a LoadOptions) -> Rows<'a> {
        Rows {
            origin,
            registry,
            options,
            data: Dataset::default(),
            layout: None,
            names: HashMap::default(),
            suggestions: HashMap::default(),
            regions: HashMap::default(),
            line: 0,
            preamble: Vec::new(),
            headerless: false,
            pending: Vec::new(),
            region_room: 0,
            last_region: None,
            conflicting: Default::default(),
        }
    }

    /// A reader for a later part of the same file, once the header is known: same layout, its own counts.
    pub(super) fn fork(&self) -> Option<Rows<'a>> {
        let layout = self.layout.clone()?;
        let mut fork = Rows::new(self.origin.clone(), self.registry, self.options);
        fork.data.has_region_column = self.data.has_region_column;
        fork.layout = Some(layout);
        fork.names = self.names.clone();
        fork.region_room = self.region_room;
        Some(fork)
    }

    /// Takes in what a fork read from the rest of the file (which follows all that this reader read).
    pub(super) fn join(&mut self, fork: Rows<'a>) {
        let Dataset { regions, data, rows_by_indicator, rows_read, rows_rejected, rows_unknown, .. } = fork.data;
        for (name, region) in regions.into_iter().zip(data) {
            let index = if self.data.has_region_column { self.region(&name, 0) as usize } else { self.no_region() };
            if let Some(into) = self.data.data.get_mut(index) {
                // A region first met in the other half (most, in a file sorted by region) is taken as it is.
                if into.points.is_empty() {
                    into.points = region.points;
                } else {
                    into.points.extend(region.points);
                }
            }
        }
        for (i, &n) in rows_by_indicator.iter().enumerate() {
            self.data.count_rows(IndicatorId(i as u32), n as isize);
        }
        self.data.rows_read += rows_read;
        self.data.rows_rejected += rows_rejected;
        self.data.rows_unknown += rows_unknown;
        self.conflicting.extend(fork.conflicting);
    }

    /// The one region of a file without a region column.
    fn no_region(&mut self) -> usize {
        if self.data.regions.is_empty() {
            self.data.regions.push(String::new());
            self.data.data.push(Default::default());
        }
        0
    }

    /// Takes one row: the header first, then data rows. `at` is the row's byte offset or sheet row.
    pub fn row<F: Fields>(&mut self, fields: &F, at: u64, diags: &mut Diagnostics) {
        if fields.is_blank() {
            return;
        }
        if self.layout.is_some() {
            self.data.rows_read += 1;
            if !self.data_row(fields, at, diags) {
                self.data.rows_rejected += 1;
            }
            return;
        }
        if self.headerless {
            self.data.rows_read += 1;
            self.data.rows_rejected += 1;
            return;
        }
        match self.header(fields) {
            Ok(layout) => {
                self.data.has_region_column = layout.region.is_some();
                self.layout = Some(layout);
                self.skip_preamble(diags);
            }
            Err(why) => {
                let filled = (0..fields.count()).filter(|&i| !fields.field(i).trim().is_empty()).count();
                let last = (0..fields.count()).rev().find(|&i| !fields.field(i).trim().is_empty()).unwrap_or(0);
                let text = (0..=last).map(|i| fields.field(i).trim()).collect::<Vec<_>>().join(",");
                let place = self.origin.place_row(at);
                let data_like = filled >= 2 && self.registry.lookup(fields.field(0).trim()).is_some();
                self.preamble.push(Preamble { place, text, why, filled, data_like });
                if self.preamble.len() > PREAMBLE_AT_MOST {
                    self.no_header(diags);
                }
            }
        }
    }

    /// A record that runs to the end of the file inside a quote: one rejected row, and where the quote opened.
    pub fn unclosed_quote(&mut self, quote: usize, diags: &mut Diagnostics) {
        self.data.rows_read += 1;
        self.data.rows_rejected += 1;
        let Origin::Text { file, text, .. } = &self.origin else { return };
        let at = Location::in_text(file.clone(), text, quote..quote + 1);
        let last = text.trim_end_matches(['\n', '\r']).matches('\n').count() as u32 + 1;
        let msg = if last > at.line {
            format!("this quote is never closed, so the rest of the file (lines {}–{last}) reads as one field", at.line)
        } else {
            "this quote is never closed".to_string()
        };
        diags.push(Diagnostic::error("unclosed-quote", msg).at(at).label("opened here"));
    }

    /// A header was found: the rows before it are titles or notes, skipped, each with a warning; a data row
    /// that stands before the header is an error (rejected: it cannot be read without the header).
    fn skip_preamble(&mut self, diags: &mut Diagnostics) {
        for row in std::mem::take(&mut self.preamble) {
            if row.data_like {
                self.data.rows_read += 1;
                self.data.rows_rejected += 1;
                let msg = "a data row stands before the header row".to_string();
                diags.push(Diagnostic::error("row-before-header", msg).at(row.place).label("move it below the header"));
            } else {
                let msg = format!("skipped a row before the header: {:?}", shorten(&row.text));
                diags.push(Diagnostic::warning("skipped-row", msg).at(row.place).label("not data"));
            }
        }
    }

    /// The first rows hold no header: one error, at the row most like a header; every row is rejected.
    fn no_header(&mut self, diags: &mut Diagnostics) {
        self.headerless = true;
        let rows = std::mem::take(&mut self.preamble);
        self.data.rows_read += rows.len();
        self.data.rows_rejected += rows.len();
        let Some(best) = rows.iter().find(|r| r.filled >= 2).or(rows.first()) else { return };
        let msg =
            "the header names neither the long form (indicator,year,value) nor the wide form (indicator,2020,2021,...)";
        diags.push(Diagnostic::error("bad-header", msg).at(best.place.clone()).label(best.why.clone()));
    }

    fn error(
        &mut self,
        at: u64,
        col: usize,
        code: &'static str,
        message: String,
        label: &str,
        diags: &mut Diagnostics,
    ) {
        let place = self.origin.place(self.line, at, col);
        diags.push(Diagnostic::error(code, message).at(place).label(label));
    }

    /// The layout a header row gives, or why the row is no header.
    fn header<F: Fields>(&mut self, fields: &F) -> Result<Layout, String> {
        let columns: Vec<Column> = (0..fields.count()).map(|i| column_role(fields.field(i))).collect();
        let find = |c: Column| columns.iter().position(|x| *x == c);
        for (i, c) in columns.iter().enumerate() {
            if let Some(j) = columns[i + 1..].iter().position(|x| x == c && !matches!(x, Column::Other | Column::Note))
            {
                let name = fields.field(i).trim();
                return Err(format!("the column {name} stands twice (fields {} and {})", i + 1, i + j + 2));
            }
        }
        let (year, value) = (find(Column::Year), find(Column::Value));
        let values: Vec<(usize, YearFrom)> = match (year, value) {
            (Some(y), Some(v)) => vec![(v, YearFrom::Column(y))],
            _ => columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| match c {
                    Column::YearValues(y) => Some((i, YearFrom::Fixed(*y))),
                    _ => None,
                })
                .collect(),
        };
        let indicator = find(Column::Indicator);
        let Some(indicator) = indicator.filter(|_| !values.is_empty()) else {
            return Err(self.why_no_header(fields, indicator.is_some(), year.is_some(), value.is_some(), &values));
        };
        let region = find(Column::Region);
        let required = match (year, value) {
            (Some(y), Some(v)) => [indicator, y, v, region.unwrap_or(0)].into_iter().max().unwrap_or(0) + 1,
            _ => columns.len(),
        };
        let names = (0..fields.count()).map(|i| fields.field(i).trim().to_string()).collect();
        Ok(Layout { width: columns.len(), names, required, indicator, region, values })
    }

    /// What a row that is no header lacks, as a label under it.
    fn why_no_header<F: Fields>(
        &self,
        fields: &F,
        indicator: bool,
        year: bool,
        value: bool,
        values: &[(usize, YearFrom)],
    ) -> String {
        let first = fields.field(0).trim();
        if fields.count() == 1 && first.contains(';') {
            return "the fields are separated by ';': plancheck reads commas or tabs".to_string();
        }
        if self.registry.lookup(first).is_some() {
            return "a data row: the file has no header (indicator,year,value)".to_string();
        }
        match (indicator, year, value, values.is_empty()) {
            (false, _, _, false) => "no indicator column (indicator or 指标)".to_string(),
            (true, true, false, _) => "no value column (value or 数值)".to_string(),
            (true, false, true, _) => "no year column (year or 年份)".to_string(),
            (true, _, _, _) => "no year and value columns, nor one column per year (2020,2021,...)".to_string(),
            (false, _, _, true) => "expected indicator,year,value or indicator,2020,2021,...".to_string(),
        }
    }

    /// Reads a data row; false when it was rejected.
    fn data_row<F: Fields>(&mut self, fields: &F, at: u64, diags: &mut Diagnostics) -> bool {
        let Some(layout) = self.layout.take() else { return false };
        let ok = self.data_row_in(&layout, fields, at, diags);
        self.layout = Some(layout);
        ok
    }

    fn data_row_in<F: Fields>(&mut self, layout: &Layout, fields: &F, at: u64, diags: &mut Diagnostics) -> bool {
        let count = fields.count();
        // Trailing empty cells (as spreadsheets write them) and notes left off the end are no harm.
        let ragged = count < layout.required
            || (count > layout.width && (layout.width..count).any(|i| !fields.field(i).trim().is_empty()));
        if ragged {
            let s = if count == 1 { "" } else { "s" };
            let msg = format!("this row has {count} field{s}, the header has {}", layout.width);
            let col = fields.count().min(layout.width).saturating_sub(1);
            let label = match layout.names.get(count..layout.required) {
                Some(missing) if !missing.is_empty() => format!("the row ends here, without {}", missing.join(", ")),
                _ => String::new(),
            };
            self.error(at, col, "ragged-row", msg, &label, diags);
            return false;
        }
        if let Some(i) =
            layout.region.filter(|&i| fields.raw(i).trim_ascii().is_empty() && fields.field(i).trim().is_empty())
        {
            let label = "a region's name belongs here";
            self.error(at, i, "empty-region", "the region is empty".to_string(), label, diags);
            return false;
        }
        let region = match layout.region {
            Some(i) => self.region_of(fields, i),
            None => self.no_region() as u32,
        };
        let indicator = match self.indicator_of(fields, layout.indicator) {
            Some(Some(id)) => id,
            Some(None) => {
                self.data.rows_unknown += 1;
                return true;
            }
            None => {
                self.unknown_indicator(fields.field(layout.indicator), at, layout.indicator, diags);
                return false;
            }
        };
        let mut ok = true;
        self.pending.clear();
        for &(col, year_from) in &layout.values {
            let year = match year_from {
                YearFrom::Fixed(y) => Some(y),
                YearFrom::Column(c) => self.year(fields.field(c), at, c, diags),
            };
            match year {
                Some(year) => ok &= self.value(fields.field(col), at, col, indicator, year, diags),
                None => ok = false,
            }
        }
        // A rejected row gives no value at all, not the half of its cells that could be read.
        if ok {
            self.data.count_rows(indicator, 1);
            if let Some(data) = self.data.data.get_mut(region as usize) {
                data.points.append(&mut self.pending);
            }
        }
        ok
    }

    /// The region named in field `col`: compared as bytes with the previous row's, then looked up, and only
    /// decoded when it is new.
    fn region_of<F: Fields>(&mut self, fields: &F, col: usize) -> u32 {
        let raw = fields.raw(col).trim_ascii();
        let last = self.last_region.filter(|&i| self.data.regions.get(i as usize).is_some_and(|r| r.as_bytes() == raw));
        if let Some(i) = last {
            return i;
        }
        self.region(fields.field(col).trim(), self.region_room)
    }

    /// The index of a region, added (with room for `room` points) when new.
    fn region(&mut self, name: &str, room: usize) -> u32 {
        if let Some(&i) = self.regions.get(name) {
            self.last_region = Some(i);
            return i;
        }
        let i = self.data.regions.len() as u32;
        if let Some(previous) = self.data.data.last() {
            self.region_room = previous.points.len();
        }
        self.data.regions.push(name.to_string());
        self.data.data.push(RegionData { points: Vec::with_capacity(room), ..Default::default() });
        self.regions.insert(name.to_string(), i);
        self.last_region = Some(i);
        i
    }

    /// The indicator named in field `col`, interned by its bytes.
    fn indicator_of<F: Fields>(&mut self, fields: &F, col: usize) -> Option<Option<IndicatorId>> {
        let found = match self.names.get(fields.raw(col)) {
            Some(found) => *found,
            None => {
                let found = self.registry.lookup(fields.field(col).trim());
                self.names.insert(fields.raw(col).into(), found);
                found
            }
        };
        match found {
            Some(id) => Some(Some(id)),
            None => self.known_or_allowed(found, fields.field(col)),
        }
    }

    /// Some(Some(id)): known; Some(None): unknown and allowed; None: unknown, an error.
    fn known_or_allowed(&self, found: Option<IndicatorId>, name: &str) -> Option<Option<IndicatorId>> {
        match found {
            Some(id) => Some(Some(id)),
            None if self.options.allow_unknown && !name.trim().is_empty() => Some(None),
            None => None,
        }
    }

    fn unknown_indicator(&mut self, name: &str, at: u64, col: usize, diags: &mut Diagnostics) {
        let name = name.trim();
        let registry = self.registry;
        let suggestion = self.suggestions.entry(name.to_string()).or_insert_with(|| {
            // No indicator's name is long: a long text is compared with none (that would take seconds).
            match name.chars().count() {
                0..=64 => registry.suggest(name, registry.iter().map(|(id, _)| id)).map(str::to_string),
                _ => None,
            }
        });
        let label = match suggestion {
            Some(s) => format!("did you mean {s}?"),
            None if name.is_empty() => "an indicator's id, name or alias belongs here".to_string(),
            None => "not in the indicator registry (--allow-unknown sets such rows aside)".to_string(),
        };
        let msg = if name.is_empty() {
            "the indicator is empty".to_string()
        } else {
            format!("{} is not a known indicator", shorten(name))
        };
        self.error(at, col, "unknown-indicator", msg, &label, diags);
    }

    fn year(&mut self, raw: &str, at: u64, col: usize, diags: &mut Diagnostics) -> Option<i32> {
        let parsed = match raw.parse::<i32>() {
            Ok(y) => Some(y),
            Err(_) => year_of(raw),
        };
        match parsed {
            Some(y) if (1949..=2100).contains(&y) => Some(y),
            Some(y) => {
                self.error(at, col, "bad-year", format!("year {y} lies outside 1949–2100"), "", diags);
                None
            }
            None if raw.trim().is_empty() => {
                self.error(at, col, "bad-year", "the year is empty".to_string(), "", diags);
                None
            }
            None => {
                self.error(at, col, "bad-year", format!("{:?} is not a year", shorten(raw)), "", diags);
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn value(&mut self, raw: &str, at: u64, col: usize, id: IndicatorId, year: i32, diags: &mut Diagnostics) -> bool {
        let parsed = match plain_decimal(raw) {
            Some(v) => Ok(Some(v)),
            None => parse_cell(raw).and_then(|cell| match cell {
                Cell::Missing => Ok(None),
                Cell::Number { value, unit } => {
                    convert(value, &unit, &self.registry.get(id).unit, raw.trim()).map(Some)
                }
            }),
        };
        match parsed {
            Ok(Some(value)) => {
                let (year, col) = (year as i16, col.min(usize::from(u16::MAX)) as u16);
                self.pending.push(Point { value, at, indicator: id, year, col });
                true
            }
            Ok(None) => true,
            Err(e) => {
                self.error(at, col, e.code(), e.message(), "", diags);
                false
            }
        }
    }

    /// Sorts every series and reports values given twice; returns the dataset.
    pub fn finish(mut self, diags: &mut Diagnostics) -> Dataset {
        if self.layout.is_none() && !self.preamble.is_empty() {
            self.no_header(diags);
        }
        let file = self.origin.file();
        if self.layout.is_none() && self.data.rows_read == 0 {
            let msg = format!("{file} has no header row (expected indicator,year,value)");
            let at = match self.origin {
                Origin::Sheet { .. } => Location::cell(file, 1, 1),
                Origin::Text { .. } => Location::new(file, 1, 1),
            };
            diags.push(Diagnostic::error("empty-file", msg).at(at));
        } else if self.layout.is_some() && self.data.rows_read == 0 {
            let msg = format!("{file} has a header but no data rows: every target will lack data");
            diags.push(Diagnostic::warning("no-data-rows", msg));
        }
        if !self.data.has_region_column && self.data.regions.is_empty() {
            self.data.regions.push(String::new());
            self.data.data.push(Default::default());
        }
        // Each region's points are sorted and indexed on its own: on every core.
        let sealed: Vec<Vec<(Point, Point)>> = self.data.data.par_iter_mut().map(RegionData::seal).collect();
        let mut twice: Vec<(usize, Point, Point)> = sealed
            .into_iter()
            .enumerate()
            .flat_map(|(r, pairs)| pairs.into_iter().map(move |(first, second)| (r, first, second)))
            .collect();
        twice.sort_by_key(|(_, _, second)| second.at);
        for (region, first, second) in twice {
            self.report_twice(region, first.indicator, first, second, diags);
        }
        self.data
    }

    fn report_twice(&mut self, region: usize, id: IndicatorId, first: Point, second: Point, diags: &mut Diagnostics) {
        let name = &self.registry.get(id).name;
        let year = first.year;
        let place = |origin: &mut Origin, p: &Point| origin.place(0, p.at, p.col as usize);
        let (a, b) = (place(&mut self.origin, &first), place(&mut self.origin, &second));
        let region_name = match self.data.regions.get(region) {
            Some(r) if !r.is_empty() => format!("{r} "),
            _ => String::new(),
        };
        if first.value == second.value {
            let msg = format!(
                "{region_name}{name} {year} is given twice with the same value (lines {} and {})",
                a.line, b.line
            );
            diags.push(Diagnostic::warning("duplicate-row", msg).at(b).label("again here").related(a, "first here"));
        } else {
            let msg = format!(
                "{region_name}{name} {year} is given twice with different values: {} on line {}, {} on line {}",
                first.value, a.line, second.value, b.line
            );
            let d = Diagnostic::error("conflicting-rows", msg).at(b).label("second value").related(a, "first value");
            diags.push(d);
            // The second row is rejected (once, however many of its values conflict), so no longer counted used.
            if self.conflicting.insert(second.at) {
                self.data.rows_rejected += 1;
                self.data.count_rows(id, -1);
            }
        }
    }
}

/// A year as people and programs write it: `2025`, `２０２５`, `2025年`, `2025.0` (a float column of pandas).
fn year_of(raw: &str) -> Option<i32> {
    let folded = fold(raw);
    let digits = folded.trim_end_matches('年');
    if let Ok(y) = digits.parse::<i32>() {
        return Some(y);
    }
    let whole =
        digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') && digits.starts_with(|c: char| c.is_ascii_digit());
    let decimal = Decimal::from_str(digits).ok().filter(|d| whole && d.fract().is_zero())?;
    decimal.to_i32()
}

/// A cell that is a plain ASCII decimal (`98.5`): read without folding or allocating. Up to 19 digits (so that
/// they fit a u64) with at most one point inside them, the digits become the mantissa and the digits after the
/// point the scale: the same number and scale as `Decimal::from_str` gives, at a fraction of its cost.
fn plain_decimal(raw: &str) -> Option<Decimal> {
    let b = raw.as_bytes();
    if b.is_empty() || b.len() > 20 || !b[0].is_ascii_digit() {
        return None;
    }
    let (mut mantissa, mut point) = (0u64, None);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(c - b'0'))?,
            b'.' if point.is_none() && i + 1 < b.len() => point = Some(i),
            _ => return None,
        }
    }
    let scale = point.map_or(0, |p| b.len() - p - 1) as u32;
    Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()
}

/// Byte spans of the fields of the CSV record that starts at `start` (quotes respected as the CSV reader does:
/// a quote opens a field only at its start, `""` inside is a quote).
fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut i, mut field_start, mut quoted) = (start, start, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' if quoted && bytes.get(i + 1) == Some(&b'"') => i += 1,
            b'"' if quoted => quoted = false,
            b'"' if i == field_start => quoted = true,
            b if b == delimiter && !quoted => {
                spans.push(field_start..i);
                field_start = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(field_start..i);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spans_respect_quotes() {
        let text = "a,\"b,c\",d\nx";
        assert_eq!(field_spans(text, 0, b','), vec![0..1, 2..7, 8..9]);
        assert_eq!(field_spans(text, 10, b','), vec![10..11]);
        let text = "a\"b,\"c\"\"d,e\"\te";
        assert_eq!(field_spans(text, 0, b','), vec![0..3, 4..14]);
        assert_eq!(field_spans(text, 0, b'\t'), vec![0..12, 13..14]);
    }

    #[test]
    fn header_roles_in_both_languages() {
        assert_eq!(column_role("指标"), Column::Indicator);
        assert_eq!(column_role("Year"), Column::Year);
        assert_eq!(column_role("2021"), Column::YearValues(2021));
        assert_eq!(column_role("2021年"), Column::YearValues(2021));
        assert_eq!(column_role("12"), Column::Other);
    }

    #[test]
    fn years_as_people_and_programs_write_them() {
        assert_eq!(year_of("２０２５"), Some(2025));
        assert_eq!(year_of("2025年"), Some(2025));
        assert_eq!(year_of("2025.0"), Some(2025));
        assert_eq!(year_of("2025.5"), None);
        assert_eq!(year_of("二〇二五"), None);
        assert_eq!(year_of("-2025.0"), None);
    }

    #[test]
    fn plain_decimals_take_the_fast_path() {
        assert_eq!(plain_decimal("98.5"), Decimal::from_str("98.5").ok());
        assert_eq!(plain_decimal("98.5%"), None);
        assert_eq!(plain_decimal("-1"), None);
        assert_eq!(plain_decimal("1.2.3"), None);
        assert_eq!(plain_decimal("12."), None);
        // More than a u64 holds: left to the full cell parser.
        assert_eq!(plain_decimal("99999999999999999999"), None);
        assert_eq!(plain_decimal("1844674407370955161.6"), None);
    }

    /// The fast path gives exactly what `Decimal::from_str` gives: the same value and the same scale (so that
    /// `27.10` is still written `27.10`).
    #[test]
    fn plain_decimals_read_as_decimal_does() {
        let cases = [
            "0",
            "7",
            "007.50",
            "27.10",
            "1.000",
            "3.4",
            "0.0001",
            "123456789012345678",
            "1234567890123456789",
            "1844674407370955161",
            "98.765432109876543",
            "100",
            "0.0",
        ];
        for raw in cases {
            let (fast, slow) = (plain_decimal(raw), Decimal::from_str(raw).ok());
            assert_eq!(fast, slow, "{raw}");
            assert_eq!(fast.map(|d| (d.scale(), d.to_string())), slow.map(|d| (d.scale(), d.to_string())), "{raw}");
        }
    }
}
