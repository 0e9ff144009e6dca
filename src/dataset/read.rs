//! Reads a data file: recognises its encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK) and its
//! form (long `indicator,year,value[,region][,note]` or wide `indicator[,region],2020,2021,...`) from the bytes
//! and the header, and fills a [`Dataset`]. Every problem is a located diagnostic; reading goes on after each.

use super::value::{convert, parse_cell, Cell};
use super::Dataset;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::indicator::{normalize_name, IndicatorId, Registry};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Choices that change how rows are taken.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Rows naming an unknown indicator are kept aside as unused instead of being errors.
    pub allow_unknown: bool,
}

/// Reads `path` into a dataset; problems go to `diags`.
pub fn load(path: &Path, registry: &Registry, options: &LoadOptions, diags: &mut Diagnostics) -> Dataset {
    let file: Arc<str> = path.display().to_string().into();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.push(Diagnostic::error("unreadable-file", format!("cannot read data file {file}: {e}")));
            return Dataset::default();
        }
    };
    let text = match decode(&bytes) {
        Ok(text) => text,
        Err(line) => {
            let msg = format!("{file} is neither UTF-8, UTF-16 nor GB18030 text (first bad byte on line {line})");
            diags.push(Diagnostic::error("bad-encoding", msg).at(Location::new(file.clone(), line, 1)));
            return Dataset::default();
        }
    };
    let text: Arc<str> = text.into();
    diags.add_source(file.clone(), text.clone());
    let mut reader =
        Reader { file, text: text.clone(), registry, options, diags, data: Dataset::default(), seen: HashMap::new() };
    reader.read_all();
    reader.data
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
        Ok(text) => return Ok(text.to_string()),
        Err(e) => {
            let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
            if let Some(text) = gb {
                if !text.contains('\0') {
                    return Ok(text.into_owned());
                }
            }
            let upto = e.valid_up_to();
            Err(bytes[..upto].iter().filter(|&&b| b == b'\n').count() as u32 + 1)
        }
    }
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

struct Reader<'a> {
    file: Arc<str>,
    text: Arc<str>,
    registry: &'a Registry,
    options: &'a LoadOptions,
    diags: &'a mut Diagnostics,
    data: Dataset,
    /// (region, indicator, year) → the line and text of the row that gave it.
    seen: HashMap<(u32, IndicatorId, i32), (Location, String)>,
}

impl Reader<'_> {
    fn read_all(&mut self) {
        let text = self.text.clone();
        let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut header: Option<Vec<Column>> = None;
        let mut record = csv::StringRecord::new();
        loop {
            let start = csv.position().byte() as usize;
            match csv.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line()) as u32;
                    let msg = format!("cannot read this row: {e}");
                    let at = Location::new(self.file.clone(), line.max(1), 1);
                    self.diags.push(Diagnostic::error("bad-csv", msg).at(at));
                    self.data.rows_read += 1;
                    self.data.rows_rejected += 1;
                    continue;
                }
            }
            let line = record.position().map_or(1, |p| p.line()) as u32;
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let spans = field_spans(&text, start);
            let row = Row { line, start, spans, fields: &record };
            match &header {
                None => header = self.read_header(&row),
                Some(columns) => {
                    let columns = columns.clone();
                    self.read_row(&columns, &row);
                }
            }
        }
        if header.is_none() {
            let msg = format!("{} has no header row (expected indicator,year,value)", self.file);
            self.diags.push(Diagnostic::error("empty-file", msg).at(Location::new(self.file.clone(), 1, 1)));
        }
    }

    fn read_header(&mut self, row: &Row) -> Option<Vec<Column>> {
        let columns: Vec<Column> = row.fields.iter().map(column_role).collect();
        let has = |c: Column| columns.contains(&c);
        let wide = columns.iter().any(|c| matches!(c, Column::YearValues(_)));
        let long = has(Column::Year) && has(Column::Value);
        if has(Column::Indicator) && (long || wide) {
            self.data.has_region_column = has(Column::Region);
            if !self.data.has_region_column {
                self.data.regions.push(String::new());
            }
            return Some(columns);
        }
        let msg =
            "the header names neither the long form (indicator,year,value) nor the wide form (indicator,2020,2021,...)";
        let at = self.at(row, 0);
        self.diags.push(Diagnostic::error("bad-header", msg).at(at).label("header row"));
        None
    }

    fn at(&self, row: &Row, field: usize) -> Location {
        let span = row.spans.get(field).cloned().unwrap_or(row.start..row.start);
        let line_start = self.text.get(..span.start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        let col = self.text.get(line_start..span.start).map_or(0, |s| s.chars().count()) as u32 + 1;
        let line = row.line + self.text.get(row.start..span.start).map_or(0, |s| s.matches('\n').count()) as u32;
        Location { file: self.file.clone(), line, col, span: Some(span) }
    }

    fn reject(&mut self, row: &Row, field: usize, code: &'static str, message: String, label: &str) {
        let at = self.at(row, field);
        self.diags.push(Diagnostic::error(code, message).at(at).label(label));
    }

    fn read_row(&mut self, columns: &[Column], row: &Row) {
        self.data.rows_read += 1;
        let before = self.diags.error_count();
        if row.fields.len() != columns.len() {
            let msg = format!("this row has {} fields, the header has {}", row.fields.len(), columns.len());
            self.reject(row, row.fields.len().min(columns.len()).saturating_sub(1), "ragged-row", msg, "");
            self.data.rows_rejected += 1;
            return;
        }
        let field = |c: Column| columns.iter().position(|x| *x == c);
        let region = match field(Column::Region) {
            Some(i) => self.region(row.fields.get(i).unwrap_or("").trim()),
            None => 0,
        };
        let Some(ind_col) = field(Column::Indicator) else { return };
        let indicator = self.indicator(row, ind_col);
        let year_cells: Vec<(usize, Option<i32>)> = match field(Column::Year) {
            Some(i) => vec![(field(Column::Value).unwrap_or(i), self.year(row, i))],
            None => columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| match c {
                    Column::YearValues(y) => Some((i, Some(*y))),
                    _ => None,
                })
                .collect(),
        };
        match indicator {
            Ok(Some(id)) => {
                for (col, year) in year_cells {
                    if let Some(year) = year {
                        self.value(row, col, region, id, year);
                    }
                }
                if self.diags.error_count() == before {
                    *self.data.rows_by_indicator.entry(id).or_default() += 1;
                }
            }
            Ok(None) => self.data.rows_unknown += 1,
            Err(()) => {}
        }
        if self.diags.error_count() > before {
            self.data.rows_rejected += 1;
        }
    }

    fn region(&mut self, name: &str) -> u32 {
        match self.data.region_index(name) {
            Some(i) => i as u32,
            None => {
                self.data.regions.push(name.to_string());
                (self.data.regions.len() - 1) as u32
            }
        }
    }

    /// Ok(None): unknown and allowed; Err: unknown, reported.
    fn indicator(&mut self, row: &Row, col: usize) -> Result<Option<IndicatorId>, ()> {
        let name = row.fields.get(col).unwrap_or("").trim();
        if let Some(id) = self.registry.lookup(name) {
            return Ok(Some(id));
        }
        if self.options.allow_unknown && !name.is_empty() {
            return Ok(None);
        }
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
        self.reject(row, col, "unknown-indicator", msg, &label);
        Err(())
    }

    fn year(&mut self, row: &Row, col: usize) -> Option<i32> {
        let raw = row.fields.get(col).unwrap_or("");
        match super::value::fold(raw).trim_end_matches('年').parse::<i32>() {
            Ok(y) if (1949..=2100).contains(&y) => Some(y),
            Ok(y) => {
                self.reject(row, col, "bad-year", format!("year {y} lies outside 1949–2100"), "");
                None
            }
            Err(_) => {
                self.reject(row, col, "bad-year", format!("{raw:?} is not a year"), "");
                None
            }
        }
    }

    fn value(&mut self, row: &Row, col: usize, region: u32, id: IndicatorId, year: i32) {
        let raw = row.fields.get(col).unwrap_or("");
        let unit = &self.registry.get(id).unit;
        let parsed = parse_cell(raw).and_then(|cell| match cell {
            Cell::Missing => Ok(None),
            Cell::Number { value, unit: cell_unit } => convert(value, &cell_unit, unit, raw.trim()).map(Some),
        });
        let value = match parsed {
            Ok(Some(v)) => v,
            Ok(None) => return,
            Err(e) => return self.reject(row, col, e.code(), e.message(), ""),
        };
        let at = self.at(row, col);
        let key = (region, id, year);
        if let Some(old) = self.data.get(region, id, year) {
            let (first, first_raw) = self.seen.get(&key).cloned().unwrap_or((at.clone(), String::new()));
            let name = &self.registry.get(id).name;
            if old == value {
                let msg = format!("{name} {year} is given twice with the same value (first on line {})", first.line);
                self.diags.push(
                    Diagnostic::warning("duplicate-row", msg).at(at).label("again here").related(first, "first here"),
                );
            } else {
                let msg = format!(
                    "{name} {year} is given twice with different values: {} on line {}, {} on line {}",
                    first_raw.trim(),
                    first.line,
                    raw.trim(),
                    at.line
                );
                let d = Diagnostic::error("conflicting-rows", msg)
                    .at(at)
                    .label("second value")
                    .related(first, "first value");
                self.diags.push(d);
            }
            return;
        }
        self.seen.insert(key, (at, raw.to_string()));
        self.data.insert(region, id, year, value);
    }
}

/// One record with what is needed to locate its fields.
struct Row<'r> {
    line: u32,
    start: usize,
    spans: Vec<Range<usize>>,
    fields: &'r csv::StringRecord,
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
}
