//! Reads a data file: recognises its encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK) and its
//! form (long `indicator,year,value[,region][,note]` or wide `indicator[,region],2020,2021,...`) from the bytes
//! and the header, and fills a [`Dataset`]. Excel files go through [`super::sheet`] into the same row reader.
//! Every problem is a located diagnostic; reading goes on after each. The hot path (one row) allocates nothing:
//! indicator and region names are interned, and a field's position is worked out only when it is wrong.

use super::value::{convert, fold, parse_cell, Cell};
use super::{Dataset, Point};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::indicator::{normalize_name, IndicatorId, Registry};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

/// Choices that change how rows are taken.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Rows naming an unknown indicator are kept aside as unused instead of being errors.
    pub allow_unknown: bool,
    /// The sheet of a workbook to read (default: the first).
    pub sheet: Option<String>,
}

/// Reads `path` into a dataset; problems go to `diags`.
pub fn load(path: &Path, registry: &Registry, options: &LoadOptions, diags: &mut Diagnostics) -> Dataset {
    let name = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        return super::sheet::load(path, registry, options, diags);
    }
    let file: Arc<str> = name.into();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.push(Diagnostic::error("unreadable-file", format!("cannot read data file {file}: {e}")));
            return Dataset::default();
        }
    };
    load_bytes(file, &bytes, registry, options, diags)
}

/// Reads the bytes of a text data file.
pub fn load_bytes(
    file: Arc<str>,
    bytes: &[u8],
    registry: &Registry,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Dataset {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(line) => {
            let msg = format!("{file} is neither UTF-8, UTF-16 nor GB18030 text (first bad byte on line {line})");
            diags.push(Diagnostic::error("bad-encoding", msg).at(Location::new(file.clone(), line, 1)));
            return Dataset::default();
        }
    };
    let text: Arc<str> = text.into();
    diags.add_source(file.clone(), text.clone());
    let mut rows = Rows::new(Origin::Text { file, text: text.clone(), lines: None }, registry, options);
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    loop {
        let start = csv.position().byte();
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => rows.row(&record, start, diags),
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line()) as u32;
                let at = rows.origin.place(line, start, 0);
                diags.push(Diagnostic::error("bad-csv", format!("cannot read this row: {e}")).at(at));
                rows.data.rows_read += 1;
                rows.data.rows_rejected += 1;
            }
        }
    }
    rows.finish(diags)
}

/// Decodes the bytes of a text file; on failure, the line of the first byte that fits no encoding.
pub fn decode(bytes: &[u8]) -> Result<String, u32> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            return Ok(text.into_owned());
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
            match gb {
                Some(text) if !text.contains('\0') => Ok(text.into_owned()),
                _ => Err(bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u32 + 1),
            }
        }
    }
}

/// The fields of one row, from a CSV record or a sheet row.
pub trait Fields {
    fn count(&self) -> usize;
    fn field(&self, i: usize) -> &str;
    fn is_blank(&self) -> bool {
        (0..self.count()).all(|i| self.field(i).trim().is_empty())
    }
}

impl Fields for csv::ByteRecord {
    fn count(&self) -> usize {
        csv::ByteRecord::len(self)
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
pub enum Origin {
    /// A text file: rows are byte offsets; line starts are indexed on first need.
    Text { file: Arc<str>, text: Arc<str>, lines: Option<Vec<usize>> },
    /// A sheet: rows are 1-based row numbers, fields columns from `first_col`.
    Sheet { file: Arc<str>, first_col: u32 },
}

impl Origin {
    /// The location of field `col` of the row at `at` (whose line is `line` when known, else 0).
    fn place(&mut self, line: u32, at: u64, col: usize) -> Location {
        match self {
            Origin::Sheet { file, first_col } => Location::cell(file.clone(), at as u32, *first_col + col as u32),
            Origin::Text { file, text, lines } => {
                let start = at as usize;
                let line = if line > 0 {
                    line
                } else {
                    let index = lines.get_or_insert_with(|| line_starts(text));
                    index.partition_point(|&s| s <= start) as u32
                };
                let span = field_spans(text, start).get(col).cloned().unwrap_or(start..start);
                let line_start = text.get(..span.start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
                let column = text.get(line_start..span.start).map_or(0, |s| s.chars().count()) as u32 + 1;
                let extra = text.get(start..span.start).map_or(0, |s| s.matches('\n').count()) as u32;
                Location { file: file.clone(), line: line + extra, col: column, span: Some(span), cell: None }
            }
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
        "indicator" | "指标" | "指标名称" | "指标id" => Column::Indicator,
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
struct Layout {
    width: usize,
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

/// The row reader shared by text and sheets.
pub struct Rows<'a> {
    pub origin: Origin,
    registry: &'a Registry,
    options: &'a LoadOptions,
    pub data: Dataset,
    layout: Option<Layout>,
    /// Interned indicator names as written → what they name (None: unknown).
    names: HashMap<String, Option<IndicatorId>>,
    regions: HashMap<String, u32>,
    /// The line of the current row, when the reader knows it.
    line: u32,
}

impl<'a> Rows<'a> {
    pub fn new(origin: Origin, registry: &'a Registry, options: &'a LoadOptions) -> Rows<'a> {
        Rows {
            origin,
            registry,
            options,
            data: Dataset::default(),
            layout: None,
            names: HashMap::new(),
            regions: HashMap::new(),
            line: 0,
        }
    }

    /// Takes one row: the header first, then data rows. `at` is the row's byte offset or sheet row.
    pub fn row<F: Fields>(&mut self, fields: &F, at: u64, diags: &mut Diagnostics) {
        if fields.is_blank() {
            return;
        }
        if self.layout.is_none() {
            self.layout = self.header(fields, at, diags);
            if self.layout.is_none() {
                self.data.rows_read += 1;
                self.data.rows_rejected += 1;
            }
            return;
        }
        self.data.rows_read += 1;
        if !self.data_row(fields, at, diags) {
            self.data.rows_rejected += 1;
        }
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

    fn header<F: Fields>(&mut self, fields: &F, at: u64, diags: &mut Diagnostics) -> Option<Layout> {
        let columns: Vec<Column> = (0..fields.count()).map(|i| column_role(fields.field(i))).collect();
        let find = |c: Column| columns.iter().position(|x| *x == c);
        let values: Vec<(usize, YearFrom)> = match (find(Column::Year), find(Column::Value)) {
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
        let Some(indicator) = find(Column::Indicator).filter(|_| !values.is_empty()) else {
            let msg = "the header names neither the long form (indicator,year,value) nor the wide form (indicator,2020,2021,...)";
            self.error(at, 0, "bad-header", msg.to_string(), "header row", diags);
            return None;
        };
        let region = find(Column::Region);
        self.data.has_region_column = region.is_some();
        let _ = (Column::Note, Column::Other);
        Some(Layout { width: columns.len(), indicator, region, values })
    }

    /// Reads a data row; false when it was rejected.
    fn data_row<F: Fields>(&mut self, fields: &F, at: u64, diags: &mut Diagnostics) -> bool {
        let Some(layout) = self.layout.take() else { return false };
        let ok = self.data_row_in(&layout, fields, at, diags);
        self.layout = Some(layout);
        ok
    }

    fn data_row_in<F: Fields>(&mut self, layout: &Layout, fields: &F, at: u64, diags: &mut Diagnostics) -> bool {
        if fields.count() != layout.width {
            let msg = format!("this row has {} fields, the header has {}", fields.count(), layout.width);
            let col = fields.count().min(layout.width).saturating_sub(1);
            self.error(at, col, "ragged-row", msg, "", diags);
            return false;
        }
        let region = layout.region.map_or(0, |i| self.region(fields.field(i).trim()));
        if layout.region.is_none() && self.data.regions.is_empty() {
            self.data.regions.push(String::new());
            self.data.data.push(Default::default());
        }
        let indicator = match self.indicator(fields.field(layout.indicator)) {
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
        for &(col, year_from) in &layout.values {
            let year = match year_from {
                YearFrom::Fixed(y) => Some(y),
                YearFrom::Column(c) => self.year(fields.field(c), at, c, diags),
            };
            match year {
                Some(year) => ok &= self.value(fields.field(col), at, col, region, indicator, year, diags),
                None => ok = false,
            }
        }
        if ok {
            *self.data.rows_by_indicator.entry(indicator).or_default() += 1;
        }
        ok
    }

    fn region(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.regions.get(name) {
            return i;
        }
        let i = self.data.regions.len() as u32;
        self.data.regions.push(name.to_string());
        self.data.data.push(Default::default());
        self.regions.insert(name.to_string(), i);
        i
    }

    /// Some(Some(id)): known; Some(None): unknown and allowed; None: unknown, an error.
    fn indicator(&mut self, name: &str) -> Option<Option<IndicatorId>> {
        let found = match self.names.get(name) {
            Some(found) => *found,
            None => {
                let found = self.registry.lookup(name.trim());
                self.names.insert(name.to_string(), found);
                found
            }
        };
        match found {
            Some(id) => Some(Some(id)),
            None if self.options.allow_unknown && !name.trim().is_empty() => Some(None),
            None => None,
        }
    }

    fn unknown_indicator(&mut self, name: &str, at: u64, col: usize, diags: &mut Diagnostics) {
        let name = name.trim();
        let all = self.registry.iter().map(|(id, _)| id);
        let label = match self.registry.suggest(name, all) {
            Some(s) => format!("did you mean {s}?"),
            None => "not in the indicator registry (--allow-unknown sets such rows aside)".to_string(),
        };
        let msg = if name.is_empty() {
            "the indicator is empty".to_string()
        } else {
            format!("{name} is not a known indicator")
        };
        self.error(at, col, "unknown-indicator", msg, &label, diags);
    }

    fn year(&mut self, raw: &str, at: u64, col: usize, diags: &mut Diagnostics) -> Option<i32> {
        let parsed = match raw.parse::<i32>() {
            Ok(y) => Ok(y),
            Err(_) => fold(raw).trim_end_matches('年').parse::<i32>(),
        };
        match parsed {
            Ok(y) if (1949..=2100).contains(&y) => Some(y),
            Ok(y) => {
                self.error(at, col, "bad-year", format!("year {y} lies outside 1949–2100"), "", diags);
                None
            }
            Err(_) => {
                self.error(at, col, "bad-year", format!("{raw:?} is not a year"), "", diags);
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        raw: &str,
        at: u64,
        col: usize,
        region: u32,
        id: IndicatorId,
        year: i32,
        diags: &mut Diagnostics,
    ) -> bool {
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
                let point = Point { year, value, at, col: col as u32 };
                let region = &mut self.data.data[region as usize];
                region.points.entry(id).or_default().push(point);
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
        if self.layout.is_none() && self.data.rows_read == 0 {
            let file = match &self.origin {
                Origin::Text { file, .. } | Origin::Sheet { file, .. } => file.clone(),
            };
            let msg = format!("{file} has no header row (expected indicator,year,value)");
            diags.push(Diagnostic::error("empty-file", msg).at(Location::new(file, 1, 1)));
        }
        if !self.data.has_region_column && self.data.regions.is_empty() {
            self.data.regions.push(String::new());
            self.data.data.push(Default::default());
        }
        let mut twice = Vec::new();
        for (r, region) in self.data.data.iter_mut().enumerate() {
            for (id, points) in region.points.iter_mut() {
                points.sort_by_key(|p| (p.year, p.at));
                if points.windows(2).any(|w| w[0].year == w[1].year) {
                    twice.extend(points.windows(2).filter(|w| w[0].year == w[1].year).map(|w| (r, *id, w[0], w[1])));
                    points.dedup_by_key(|p| p.year);
                }
            }
        }
        twice.sort_by_key(|(_, _, _, second)| second.at);
        for (region, id, first, second) in twice {
            self.report_twice(region, id, first, second, diags);
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
            self.data.rows_rejected += 1;
        }
    }
}

/// A cell that is a plain ASCII decimal (`98.5`): read without folding or allocating.
fn plain_decimal(raw: &str) -> Option<Decimal> {
    let b = raw.as_bytes();
    let plain =
        !b.is_empty() && b.len() <= 20 && b[0].is_ascii_digit() && b.iter().all(|c| c.is_ascii_digit() || *c == b'.');
    if plain {
        Decimal::from_str(raw).ok()
    } else {
        None
    }
}

/// Byte spans of the fields of the CSV record that starts at `start` (quotes respected).
fn field_spans(text: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut i, mut field_start, mut quoted) = (start, start, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
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
        assert_eq!(field_spans(text, 0), vec![0..1, 2..7, 8..9]);
        assert_eq!(field_spans(text, 10), vec![10..11]);
    }

    #[test]
    fn gb18030_and_utf16_decode_like_utf8() {
        let text = "指标,年份,数值\n婴儿死亡率,2020,3.40\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&gbk).as_deref(), Ok(text));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&utf16).as_deref(), Ok(text));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        assert_eq!(decode(&bom).as_deref(), Ok(text));
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
    fn plain_decimals_take_the_fast_path() {
        assert_eq!(plain_decimal("98.5"), Decimal::from_str("98.5").ok());
        assert_eq!(plain_decimal("98.5%"), None);
        assert_eq!(plain_decimal("-1"), None);
    }
}
