//! The row reader shared by text files and sheets: it finds the header (skipping title rows before it, see
//! [`super::layout`]), and turns each data row into values by region, indicator and year — interning names,
//! checking years, units and cells, rejecting a bad row as a whole, skipping section headings, notes and
//! totals inside the table with a warning, and locating every problem ([`super::origin`]). When none of the
//! first [`PREAMBLE_AT_MOST`] rows is a header, the file has none: one error, and every row is rejected.

use super::layout::{read_header, Layout, YearFrom};
use super::origin::Origin;
use super::value::{convert, parse_cell, parse_unit, shorten, Cell, CellUnit, ValueError};
use super::LoadOptions;
use super::{Dataset, Point, RegionData};
use crate::diag::{Diagnostic, Diagnostics, Hint, Location, Message, NoHeaderWhy};
use crate::indicator::{IndicatorId, Registry};
use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::str::FromStr;

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

/// At most this many rows before the header are skipped as titles and notes; a file whose first rows hold
/// no header has none.
pub const PREAMBLE_AT_MOST: usize = 10;

/// A row before the header: a title (`2025年监测数据`), a note, or, when no header follows, a bad header.
struct Preamble {
    place: Location,
    text: String,
    /// Why it is no header.
    why: NoHeaderWhy,
    /// How many of its fields hold something.
    filled: usize,
    /// A field names a known indicator: data, not a title.
    names_indicator: Option<String>,
}

/// The row reader shared by text and sheets.
pub struct Rows<'a> {
    origin: Origin,
    registry: &'a Registry,
    options: &'a LoadOptions,
    data: Dataset,
    layout: Option<Layout>,
    /// Interned indicator names as written → what they name (None: unknown).
    names: HashMap<Box<[u8]>, Option<IndicatorId>>,
    regions: HashMap<String, u32>,
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
    /// Unknown indicator names met, in order, with where each first stood: suggestions are worked out only for
    /// the diagnostics shown, when the reading is done.
    unknown: Vec<Unknown>,
}

/// A row naming an indicator the registry does not know.
struct Unknown {
    name: String,
    at: u64,
    col: usize,
}

/// What a row that holds no data is, when it is not blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stray {
    /// A section heading (`一、妇女与健康`).
    Heading,
    /// A note below or inside the table (`注：数据来源于区卫生健康委。`, `填报人：`).
    Note,
    /// A total or subtotal (`合计`).
    Total,
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
            regions: HashMap::default(),
            preamble: Vec::new(),
            headerless: false,
            pending: Vec::new(),
            region_room: 0,
            last_region: None,
            conflicting: Default::default(),
            unknown: Vec::new(),
        }
    }

    /// Where the rows come from.
    pub fn origin(&self) -> &Origin {
        &self.origin
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
                into.rejected += region.rejected;
            }
        }
        for (i, &n) in rows_by_indicator.iter().enumerate() {
            self.data.count_rows(IndicatorId(i as u32), n as isize);
        }
        self.data.rows_read += rows_read;
        self.data.rows_rejected += rows_rejected;
        self.data.rows_unknown += rows_unknown;
        self.conflicting.extend(fork.conflicting);
        self.unknown.extend(fork.unknown);
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
            self.take_row(fields, at, diags);
            return;
        }
        if self.headerless {
            self.reject();
            return;
        }
        match read_header(fields, self.registry) {
            Ok(layout) => {
                self.data.has_region_column = layout.region.is_some();
                self.warn_ignored(&layout, at, diags);
                self.layout = Some(layout);
                self.skip_preamble(diags);
            }
            Err(why) => {
                let filled = (0..fields.count()).filter(|&i| !fields.field(i).trim().is_empty()).count();
                let last = (0..fields.count()).rev().find(|&i| !fields.field(i).trim().is_empty()).unwrap_or(0);
                let text = (0..=last).map(|i| fields.field(i).trim()).collect::<Vec<_>>().join(",");
                let place = self.origin.place_row(at);
                let names_indicator = (0..fields.count())
                    .map(|i| fields.field(i).trim())
                    .find(|f| !f.is_empty() && self.registry.lookup(f).is_some())
                    .filter(|_| filled >= 2)
                    .map(str::to_string);
                self.preamble.push(Preamble { place, text, why, filled, names_indicator });
                if self.preamble.len() > PREAMBLE_AT_MOST {
                    self.no_header(diags);
                }
            }
        }
    }

    /// A row after the header: data, or a heading, note or total that holds none.
    fn take_row<F: Fields>(&mut self, fields: &F, at: u64, diags: &mut Diagnostics) {
        let Some(layout) = self.layout.take() else { return };
        let indicator = self.indicator_of(fields, layout.indicator);
        // Only a row whose indicator is not known can be a heading, a note or a total.
        let stray = match indicator {
            Some(Some(_)) => None,
            _ => stray(fields, &layout, self.registry),
        };
        if let Some((stray, text)) = stray {
            let place = self.origin.place_row(at);
            let msg = Message::StrayRow { stray, text: shorten(&text) };
            diags.push(Diagnostic::warning(msg).at(place).label(Hint::NotData));
        } else {
            self.data.rows_read += 1;
            if !self.data_row(&layout, fields, at, indicator, diags) {
                self.data.rows_rejected += 1;
            }
        }
        self.layout = Some(layout);
    }

    /// Counts a row that could not be read at all.
    fn reject(&mut self) {
        self.data.rows_read += 1;
        self.data.rows_rejected += 1;
    }

    /// A record the CSV reader refused: one rejected row.
    pub fn bad_record(&mut self, at: Location, detail: String, diags: &mut Diagnostics) {
        self.reject();
        diags.push(Diagnostic::error(Message::BadCsv { detail }).at(at));
    }

    /// A row longer than a row may be: one rejected row, located at its start (its fields are not scanned).
    pub fn oversized(&mut self, at: u64, fields: usize, bytes: usize, diags: &mut Diagnostics) {
        self.reject();
        let place = self.origin.place_span(at as usize..at as usize);
        let (fields_at_most, bytes_at_most) = (super::read::FIELDS_AT_MOST, super::read::LINE_BYTES_AT_MOST);
        let msg = Message::RowTooLarge { fields, bytes, fields_at_most, bytes_at_most };
        diags.push(Diagnostic::error(msg).at(place));
    }

    /// A record that runs to the end of the file inside a quote: one rejected row, and where the quote opened.
    pub fn unclosed_quote(&mut self, quote: usize, diags: &mut Diagnostics) {
        self.reject();
        let at = self.origin.place_span(quote..quote + 1);
        let last = self.origin.last_line();
        let lines = (last > at.line).then_some((at.line, last));
        diags.push(Diagnostic::error(Message::UnclosedQuote { lines }).at(at).label(Hint::OpenedHere));
    }

    /// The columns no value is read from, named once.
    fn warn_ignored(&self, layout: &Layout, at: u64, diags: &mut Diagnostics) {
        if layout.ignored.is_empty() {
            return;
        }
        let columns = layout.ignored.iter().filter_map(|&i| layout.names.get(i)).map(|n| shorten(n)).collect();
        let place = self.origin.place(at, layout.ignored.first().copied().unwrap_or(0));
        diags.push(Diagnostic::warning(Message::IgnoredColumns { columns }).at(place).label(Hint::NotRead));
    }

    /// A header was found: the rows before it are titles or notes, skipped, each with a warning; a data row
    /// that stands before the header is an error (rejected: it cannot be read without the header).
    fn skip_preamble(&mut self, diags: &mut Diagnostics) {
        for row in std::mem::take(&mut self.preamble) {
            match row.names_indicator {
                Some(name) => {
                    self.reject();
                    let msg = Message::RowBeforeHeader { indicator: shorten(&name) };
                    diags.push(Diagnostic::error(msg).at(row.place).label(Hint::MoveBelowHeader));
                }
                None => {
                    let msg = Message::SkippedRow { text: shorten(&row.text) };
                    diags.push(Diagnostic::warning(msg).at(row.place).label(Hint::NotData));
                }
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
        let why = Hint::NoHeader(best.why.clone());
        let tabs = matches!(self.origin, Origin::Text { delimiter: b'\t', .. });
        diags.push(Diagnostic::error(Message::BadHeader { tabs }).at(best.place.clone()).label(why));
    }

    fn error(&self, at: u64, col: usize, message: Message, label: Option<Hint>, diags: &mut Diagnostics) {
        let place = self.origin.place(at, col);
        diags.push(Diagnostic::error(message).at(place).maybe_label(label));
    }

    /// Reads a data row whose indicator cell was looked up as `found`; false when it was rejected.
    fn data_row<F: Fields>(
        &mut self,
        layout: &Layout,
        fields: &F,
        at: u64,
        found: Option<Option<IndicatorId>>,
        diags: &mut Diagnostics,
    ) -> bool {
        let count = fields.count();
        // Trailing empty cells (as spreadsheets write them) and notes left off the end are no harm.
        let ragged = count < layout.required
            || (count > layout.width && (layout.width..count).any(|i| !fields.field(i).trim().is_empty()));
        if ragged {
            let col = fields.count().min(layout.width).saturating_sub(1);
            let label = match layout.names.get(count..layout.required) {
                Some(missing) if !missing.is_empty() => Some(Hint::RowEndsWithout {
                    missing: missing.iter().take(MISSING_NAMED_AT_MOST).cloned().collect(),
                }),
                _ => None,
            };
            self.error(at, col, Message::RaggedRow { count, width: layout.width }, label, diags);
            return false;
        }
        if let Some(i) =
            layout.region.filter(|&i| fields.raw(i).trim_ascii().is_empty() && fields.field(i).trim().is_empty())
        {
            self.error(at, i, Message::EmptyRegion, Some(Hint::RegionBelongsHere), diags);
            return false;
        }
        let region = match layout.region {
            Some(i) => self.region_of(fields, i),
            None => self.no_region() as u32,
        };
        let accepted = self.data_row_in(layout, fields, at, found, region, diags);
        if !accepted {
            if let Some(data) = self.data.data.get_mut(region as usize) {
                data.rejected += 1;
            }
        }
        accepted
    }

    /// Reads a data row of `region` (known good so far); false when it was rejected.
    fn data_row_in<F: Fields>(
        &mut self,
        layout: &Layout,
        fields: &F,
        at: u64,
        found: Option<Option<IndicatorId>>,
        region: u32,
        diags: &mut Diagnostics,
    ) -> bool {
        let indicator = match found {
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
        let row_unit = match layout.unit.map(|c| (c, fields.field(c).trim())) {
            Some((c, text)) => match self.row_unit(text, indicator) {
                Ok(unit) => unit,
                Err(e) => {
                    self.error(at, c, Message::Value(e), Some(Hint::UnitColumn), diags);
                    return false;
                }
            },
            None => CellUnit::Bare,
        };
        let mut ok = true;
        self.pending.clear();
        for &(col, year_from) in &layout.values {
            let year = match year_from {
                YearFrom::Fixed(y) => Some(y),
                YearFrom::Column(c) => self.year(fields.field(c), at, c, diags),
            };
            let cell = Place { at, col, indicator };
            match year {
                Some(year) => ok &= self.value(fields.field(col), &cell, year, &row_unit, diags),
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

    /// The unit a row's unit cell gives: empty for the indicator's own, %, ‰ and 1/10万 in any of their
    /// spellings, or the indicator's own unit word.
    fn row_unit(&self, text: &str, indicator: IndicatorId) -> Result<CellUnit, ValueError> {
        let own = &self.registry.get(indicator).unit;
        match parse_unit(text) {
            CellUnit::Word(word) if crate::indicator::normalize_name(&own.to_string()) == word => Ok(CellUnit::Bare),
            CellUnit::Word(_) | CellUnit::Ratio => {
                Err(ValueError::BadUnit { cell: text.to_string(), unit: own.to_string() })
            }
            unit => Ok(unit),
        }
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

    /// The indicator named in field `col`, interned by its bytes: Some(Some(id)) known; Some(None) unknown and
    /// set aside (`--allow-unknown`); None unknown, an error.
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
            None if self.options.allow_unknown && !fields.field(col).trim().is_empty() => Some(None),
            None => None,
        }
    }

    /// An unknown indicator: an empty one is reported at once; a named one when the reading is done, so that a
    /// suggestion is worked out only for the diagnostics shown.
    fn unknown_indicator(&mut self, name: &str, at: u64, col: usize, diags: &mut Diagnostics) {
        let name = name.trim();
        if name.is_empty() {
            self.error(at, col, Message::EmptyIndicator, Some(Hint::IndicatorBelongsHere), diags);
        } else {
            self.unknown.push(Unknown { name: name.to_string(), at, col });
        }
    }

    fn year(&self, raw: &str, at: u64, col: usize, diags: &mut Diagnostics) -> Option<i32> {
        let parsed = match raw.parse::<i32>() {
            Ok(y) => Some(y),
            Err(_) => year_of(raw),
        };
        match parsed {
            Some(y) if (1949..=2100).contains(&y) => Some(y),
            Some(year) => {
                self.error(at, col, Message::YearOutside { year }, None, diags);
                None
            }
            None if raw.trim().is_empty() => {
                self.error(at, col, Message::EmptyYear, None, diags);
                None
            }
            None => {
                self.error(at, col, Message::NotAYear { text: shorten(raw) }, None, diags);
                None
            }
        }
    }

    /// Reads one value cell into the pending values of its row; false when it is bad.
    fn value(&mut self, raw: &str, cell: &Place, year: i32, row_unit: &CellUnit, diags: &mut Diagnostics) -> bool {
        let unit = &self.registry.get(cell.indicator).unit;
        let parsed = match plain_decimal(raw) {
            Some(v) if *row_unit == CellUnit::Bare => Ok(Some(v)),
            _ => parse_cell(raw).and_then(|c| match c {
                Cell::Missing => Ok(None),
                Cell::Number { value, unit: CellUnit::Bare } => convert(value, row_unit, unit, raw.trim()).map(Some),
                Cell::Number { value, unit: written } if *row_unit == CellUnit::Bare || written == *row_unit => {
                    convert(value, &written, unit, raw.trim()).map(Some)
                }
                Cell::Number { .. } => {
                    Err(ValueError::BadUnit { cell: raw.trim().to_string(), unit: unit.to_string() })
                }
            }),
        };
        match parsed {
            Ok(Some(value)) => {
                let (year, col) = (year as i16, cell.col.min(usize::from(u16::MAX)) as u16);
                self.pending.push(Point { value, at: cell.at, indicator: cell.indicator, year, col });
                true
            }
            Ok(None) => {
                if super::value::is_not_available(raw) {
                    let place = self.origin.place(cell.at, cell.col);
                    diags.push(Diagnostic::warning(Message::ExcelNotAvailable).at(place).label(Hint::ReadAsMissing));
                }
                true
            }
            Err(e) => {
                self.error(cell.at, cell.col, Message::Value(e), None, diags);
                false
            }
        }
    }

    /// Sorts every series and reports values given twice and unknown names; returns the dataset.
    pub fn finish(mut self, diags: &mut Diagnostics) -> Dataset {
        if self.layout.is_none() && !self.preamble.is_empty() {
            self.no_header(diags);
        }
        let file = self.origin.file();
        if self.layout.is_none() && self.data.rows_read == 0 {
            let msg = Message::NoHeaderRow { file: file.to_string() };
            diags.push(Diagnostic::error(msg).at(self.origin.start()));
        } else if self.layout.is_some() && self.data.rows_read == 0 {
            diags.push(Diagnostic::warning(Message::NoDataRows { file: file.to_string() }));
        }
        self.report_unknown(diags);
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
            self.report_twice(region, first, second, diags);
        }
        self.data.origin = Some(self.origin);
        self.data
    }

    /// Every row naming an unknown indicator is an error; the closest known name is worked out for the first
    /// [`crate::diag::SHOWN_AT_MOST`] of them (each distinct name once), not for a million.
    fn report_unknown(&mut self, diags: &mut Diagnostics) {
        let mut suggestions: HashMap<String, Option<Hint>> = HashMap::default();
        for (i, u) in std::mem::take(&mut self.unknown).into_iter().enumerate() {
            let label = if i < crate::diag::SHOWN_AT_MOST {
                let registry = self.registry;
                let suggestion =
                    suggestions.entry(u.name.clone()).or_insert_with(|| match registry.split_into(&u.name) {
                        Some(names) => Some(Hint::SplitInto { names: names.into_iter().map(str::to_string).collect() }),
                        None => registry
                            .suggest(&u.name, registry.iter().map(|(id, _)| id))
                            .map(|s| Hint::DidYouMean { name: s.to_string() }),
                    });
                suggestion.clone().unwrap_or(Hint::NotInRegistry)
            } else {
                Hint::NotInRegistry
            };
            self.error(u.at, u.col, Message::UnknownIndicator { name: shorten(&u.name) }, Some(label), diags);
        }
    }

    fn report_twice(&mut self, region: usize, first: Point, second: Point, diags: &mut Diagnostics) {
        let name = self.registry.get(first.indicator).name.clone();
        let year = first.year;
        let (a, b) =
            (self.origin.place(first.at, first.col as usize), self.origin.place(second.at, second.col as usize));
        let region_name = match self.data.regions.get(region) {
            Some(r) if !r.is_empty() => format!("{r} "),
            _ => String::new(),
        };
        if first.value == second.value {
            let msg =
                Message::DuplicateRow { region: region_name, name, year, first_line: a.line, second_line: b.line };
            diags.push(Diagnostic::warning(msg).at(b).label(Hint::AgainHere).related(a, Hint::FirstHere));
        } else {
            let msg = Message::ConflictingRows {
                region: region_name,
                name,
                year,
                first: first.value.to_string(),
                first_line: a.line,
                second: second.value.to_string(),
                second_line: b.line,
            };
            diags.push(Diagnostic::error(msg).at(b).label(Hint::SecondValue).related(a, Hint::FirstValue));
            // The second row is rejected (once, however many of its values conflict), so no longer counted used.
            if self.conflicting.insert(second.at) {
                self.data.rows_rejected += 1;
                if let Some(data) = self.data.data.get_mut(region) {
                    data.rejected += 1;
                }
                self.data.count_rows(first.indicator, -1);
            }
        }
    }
}

/// At most this many missing columns are named under a short row.
const MISSING_NAMED_AT_MOST: usize = 8;

/// Where a value cell stands, and the indicator of its row.
struct Place {
    at: u64,
    col: usize,
    indicator: IndicatorId,
}

/// A row after the header that holds no data: a heading, a note or a total, with its text. A row whose
/// indicator cell names a known indicator is data, never this.
pub fn stray<F: Fields>(fields: &F, layout: &Layout, registry: &Registry) -> Option<(Stray, String)> {
    let indicator = fields.field(layout.indicator).trim();
    if !indicator.is_empty() && registry.lookup(indicator).is_some() {
        return None;
    }
    let filled: Vec<(usize, &str)> =
        (0..fields.count()).map(|i| (i, fields.field(i).trim())).filter(|(_, t)| !t.is_empty()).collect();
    // A value or year cell that holds a word is a bad cell of a data row, never a heading; a region or unit
    // alone is a data row without its indicator.
    let data_column = |i: usize| layout.values.iter().any(|&(v, year)| v == i || year == YearFrom::Column(i));
    let read = |i: usize| data_column(i) || layout.region == Some(i) || layout.unit == Some(i);
    let words: Vec<(usize, &str)> = filled.iter().copied().filter(|(_, t)| parse_cell(t).is_err()).collect();
    let (label, column) = if indicator.is_empty() {
        match words.as_slice() {
            [(i, one)] if !data_column(*i) => (*one, *i),
            _ => return None,
        }
    } else {
        (indicator, layout.indicator)
    };
    let alone = filled.len() == 1;
    // Text in a column no value is read from (序号, 备注: where a merged heading's text lands) is a heading.
    let unread = indicator.is_empty() && column < layout.width && !read(column);
    let folded = crate::indicator::normalize_name(label);
    let kind = if is_total(&folded) {
        Stray::Total
    } else if alone && is_note(&folded) {
        Stray::Note
    } else if alone && (unread || is_heading(&folded)) {
        Stray::Heading
    } else {
        return None;
    };
    Some((kind, label.to_string()))
}

/// 合计, 小计, 总计 (of a folded text).
fn is_total(t: &str) -> bool {
    ["合计", "小计", "总计"]
        .iter()
        .any(|w| t.strip_prefix(w).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '：'])))
}

/// 注：…, 说明：…, 备注, 数据来源, 填报人, 审核人 and their kin (of a folded text).
fn is_note(t: &str) -> bool {
    const NOTES: [&str; 14] = [
        "注",
        "说明",
        "备注",
        "数据来源",
        "资料来源",
        "来源",
        "填报人",
        "审核人",
        "制表人",
        "填表人",
        "负责人",
        "联系人",
        "填报单位",
        "填报日期",
    ];
    NOTES.iter().any(|w| match t.strip_prefix(w) {
        Some(rest) => rest.is_empty() || rest.starts_with([':', '：', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
        None => false,
    })
}

/// `一、妇女与健康`, `（二）儿童与教育`, `3. 妇女与经济`, `第一部分`, or a domain's name on its own (of a folded
/// text).
fn is_heading(t: &str) -> bool {
    let numerals =
        |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit());
    let numbered = t
        .split_once(['、', '.', '．'])
        .is_some_and(|(n, rest)| numerals(n) && !rest.starts_with(|c: char| c.is_ascii_digit()));
    let bracketed = t.strip_prefix('(').and_then(|r| r.split_once(')')).is_some_and(|(n, _)| numerals(n));
    let part = t.starts_with('第') && ["部分", "章", "节", "篇"].iter().any(|w| t.contains(w));
    let domain = (t.starts_with("妇女") || t.starts_with("儿童")) && (t.contains('与') || t.contains("参与"));
    numbered || bracketed || part || domain
}

/// A year as people and programs write it: `2025`, `２０２５`, `2025年`, `2025.0` (a float column of pandas).
fn year_of(raw: &str) -> Option<i32> {
    let folded = crate::indicator::normalize_name(raw);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_notes_and_totals_are_told_apart() {
        let is_heading = |t: &str| super::is_heading(&crate::indicator::normalize_name(t));
        let is_note = |t: &str| super::is_note(&crate::indicator::normalize_name(t));
        let is_total = |t: &str| super::is_total(&crate::indicator::normalize_name(t));
        assert!(is_heading("一、妇女与健康"));
        assert!(is_heading("（二）儿童与教育"));
        assert!(is_heading("妇女参与决策和管理"));
        assert!(!is_heading("孕产妇死亡率"));
        assert!(!is_heading("1.5"));
        assert!(is_note("注：数据来源于区卫生健康委。"));
        assert!(is_note("填报人：张三"));
        assert!(is_note("注1：口径"));
        assert!(!is_note("注册护士数"));
        assert!(is_total("合计"));
        assert!(is_total("小计："));
        assert!(!is_total("合计生育率"));
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
