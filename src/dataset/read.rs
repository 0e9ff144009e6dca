//! Reads a data file: its bytes become text ([`super::text`]: encoding, line ends, separator), the CSV records of
//! the text go to the row reader ([`super::rows`]), and out comes a [`Dataset`]. Excel files go through
//! [`super::workbook`] into the same row reader. Every problem is a located diagnostic; reading goes on after each.
//! A large UTF-8 file is mapped rather than copied; a file without quotes is split into lines and fields in place
//! (the csv crate reads the others), a large one in two halves on two threads; rows, regions and messages keep
//! file order.

use super::origin::{scan, Origin};
use super::rows::{blank_field, Fields, Rows};
use super::text::{decode, lone_cr_to_lf, map_utf8, sniff_delimiter, BadBytes, Text};
use super::Dataset;
use crate::diag::{Diagnostic, Diagnostics, IoFault, Location, Message};
use crate::indicator::Registry;
use std::path::Path;
use std::sync::Arc;

/// Choices that change how rows are taken.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Rows naming an unknown indicator are kept aside as unused instead of being errors.
    pub allow_unknown: bool,
    /// The sheet of a workbook to read; `*` for every sheet with a table (default: the one sheet with a table).
    pub sheet: Option<String>,
}

/// Reads `path` into a dataset; problems go to `diags`.
pub fn load(path: &Path, registry: &Registry, options: &LoadOptions, diags: &mut Diagnostics) -> Dataset {
    let name = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        return super::workbook::load(path, registry, options, diags);
    }
    let file: Arc<str> = name.into();
    let tab = matches!(ext.as_str(), "tsv" | "tab");
    if let Some(sheet) = &options.sheet {
        let msg = Message::SheetIgnored { sheet: sheet.clone(), file: file.to_string() };
        diags.push(Diagnostic::warning(msg));
    }
    // A large UTF-8 file (the national case) is read from its mapped pages; anything else is read and decoded.
    let opened = std::fs::File::open(path);
    if let Some(bytes) = opened.as_ref().ok().and_then(|f| f.metadata().ok()).map(|m| m.len()) {
        if bytes > MAPPED_BYTES_AT_MOST {
            let msg = Message::FileTooLarge { file: file.to_string(), bytes, at_most: MAPPED_BYTES_AT_MOST };
            diags.push(Diagnostic::error(msg));
            return Dataset::default();
        }
    }
    if let Some(mapped) = opened.as_ref().ok().and_then(|f| map_utf8(f, PARALLEL_FROM_BYTES)) {
        let read = Reading { file, quote_free: Some(mapped.quote_free), tab };
        return load_text(read, Ok(mapped.text), registry, options, diags);
    }
    // A file that is not mapped is read into memory and decoded: at most READ_BYTES_AT_MOST of it.
    let read = opened.and_then(|f| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(f, READ_BYTES_AT_MOST + 1), &mut bytes).map(|_| bytes)
    });
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            let msg = Message::UnreadableDataFile { file: file.to_string(), fault: IoFault::from(&e) };
            diags.push(Diagnostic::error(msg));
            return Dataset::default();
        }
    };
    if bytes.len() as u64 > READ_BYTES_AT_MOST {
        let msg =
            Message::FileTooLarge { file: file.to_string(), bytes: bytes.len() as u64, at_most: READ_BYTES_AT_MOST };
        diags.push(Diagnostic::error(msg));
        return Dataset::default();
    }
    // UTF-8 (the common case) becomes the text without a copy of the file.
    let text = match String::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text)),
        Err(e) => decode(e.as_bytes()),
    };
    let read = Reading { file, quote_free: None, tab };
    load_text(read, text.map(|t| lone_cr_to_lf(t).into()), registry, options, diags)
}

/// A UTF-8 data file is read from its mapped pages up to this size.
pub const MAPPED_BYTES_AT_MOST: u64 = 4 << 30;
/// A data file that is not mapped (another encoding, or small) is read into memory up to this size.
pub const READ_BYTES_AT_MOST: u64 = 1 << 30;

/// What is known of a text data file before its text is read.
struct Reading {
    file: Arc<str>,
    /// It holds no quote, when a scan already knows.
    quote_free: Option<bool>,
    /// Its name says it is tab-separated (`.tsv`, `.tab`).
    tab: bool,
}

/// Reads the bytes of a text data file.
pub fn load_bytes(
    file: Arc<str>,
    bytes: &[u8],
    registry: &Registry,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Dataset {
    let read = Reading { file, quote_free: None, tab: false };
    load_text(read, decode(bytes).map(|t| lone_cr_to_lf(t).into()), registry, options, diags)
}

/// Reads a text data file, decoded with its line ends made plain (or why it could not be).
fn load_text(
    read: Reading,
    text: Result<Text, BadBytes>,
    registry: &Registry,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Dataset {
    let Reading { file, quote_free, tab } = read;
    let text = match text {
        Ok(text) => text,
        Err(bad) => {
            let at = Location::new(file.clone(), bad.line, bad.col);
            diags.push(Diagnostic::error(Message::BadEncoding { file: file.to_string(), bad }).at(at));
            return Dataset::default();
        }
    };
    let text = Arc::new(text);
    diags.add_source(file.clone(), text.clone());
    let delimiter = if tab { b'\t' } else { sniff_delimiter(&text) };
    let origin = Origin::text(file, text.clone(), delimiter);
    let mut rows = Rows::new(origin, registry, options);
    let quote_free = quote_free.unwrap_or_else(|| memchr::memchr(b'"', text.as_bytes()).is_none());
    read_text(&mut rows, &text, quote_free, delimiter, diags);
    rows.finish(diags)
}

/// Below this size a file is read on one thread.
const PARALLEL_FROM_BYTES: usize = 8 << 20;

/// Where a large file may be cut in two and each half read on its own thread: at a line break near the middle
/// (not before a byte order mark, which a CSV reader starting there would drop).
fn split_point(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() < PARALLEL_FROM_BYTES {
        return None;
    }
    let middle = bytes.len() / 2;
    let cut = memchr::memchr(b'\n', &bytes[middle..]).map(|i| middle + i + 1)?;
    (cut < bytes.len() && !text.get(cut..)?.starts_with('\u{FEFF}')).then_some(cut)
}

/// Reads every record of `text`. A large file is cut in two once the header is known: the second half is read
/// on another thread into a fork of `rows`, then joined, so that rows, regions and messages keep file order.
///
/// A text without quotes has a record boundary at every line break. In a text with quotes a field may run across
/// the cut, so the second half is read on speculation: the first reader goes on past the cut to the end of the
/// record it is in, and the second half's reading is taken only when that record ends exactly at the cut (from a
/// record boundary, a CSV reader reads what it would have read from the start). Otherwise it is dropped, and the
/// first reader reads on to the end.
fn read_text(rows: &mut Rows, text: &str, quote_free: bool, delimiter: u8, diags: &mut Diagnostics) {
    let cut = split_point(text);
    let first_end = if quote_free { cut.unwrap_or(text.len()) } else { text.len() };
    std::thread::scope(|scope| {
        let mut worker = None;
        let mut records = Records::new(text, 0, first_end, quote_free, delimiter);
        while cut.is_none_or(|cut| records.next_start() < cut) && records.next(rows, diags) {
            let (Some(cut), None) = (cut, &worker) else { continue };
            if let Some(mut fork) = rows.fork() {
                worker = Some(scope.spawn(move || {
                    let mut found = Diagnostics::new();
                    let mut rest = Records::new(text, cut, text.len(), quote_free, delimiter);
                    while rest.next(&mut fork, &mut found) {}
                    (fork, found)
                }));
            }
        }
        let Some(cut) = cut else { return };
        let at_boundary = quote_free || records.next_start() == cut;
        match worker.map(|w| w.join()) {
            Some(Ok((fork, found))) if at_boundary => {
                rows.join(fork);
                diags.extend(found);
            }
            // The other thread could not finish, or read from inside a record: the rest is read here.
            _ if quote_free => {
                let mut rest = Records::new(text, cut, text.len(), quote_free, delimiter);
                while rest.next(rows, diags) {}
            }
            _ => while records.next(rows, diags) {},
        }
    });
}

/// The records of bytes `from..to` of a text, handed to the row reader one at a time.
///
/// A text without a quote has no CSV escaping at all: a record is a line (its `\r\n` or `\n` taken off; lone
/// `\r` are already `\n`), a field what lies between delimiters, and an empty line no record — what the csv
/// crate reads from such a text, as a property test holds. Those records are split in place, as slices of the
/// text; a text with a quote goes through the csv crate.
enum Records<'t> {
    Plain(Lines<'t>),
    Csv { text: &'t str, base: usize, csv: Box<csv::Reader<&'t [u8]>>, record: csv::ByteRecord, delimiter: u8 },
}

impl<'t> Records<'t> {
    fn new(text: &'t str, from: usize, to: usize, quote_free: bool, delimiter: u8) -> Records<'t> {
        let to = to.min(text.len());
        if quote_free {
            return Records::Plain(Lines::new(text, from, to, delimiter));
        }
        let csv = Box::new(csv_reader(text.as_bytes().get(from..to).unwrap_or_default(), delimiter));
        Records::Csv { text, base: from, csv, record: csv::ByteRecord::new(), delimiter }
    }

    /// Where the next record starts (line breaks before it skipped), or the end.
    fn next_start(&self) -> usize {
        match self {
            Records::Plain(lines) => lines.pos.min(lines.end),
            Records::Csv { text, base, csv, .. } => record_start(text, *base as u64 + csv.position().byte()) as usize,
        }
    }

    /// Reads the next record into `rows`; false at the end.
    fn next(&mut self, rows: &mut Rows<'_>, diags: &mut Diagnostics) -> bool {
        match self {
            Records::Plain(lines) => match lines.advance() {
                Some(start) if lines.record.oversized => {
                    let fields = lines.record.fields.len();
                    rows.oversized(start as u64, fields, lines.record.line.len(), diags);
                    true
                }
                Some(start) => {
                    rows.row(&lines.record, start as u64, diags);
                    true
                }
                None => false,
            },
            Records::Csv { text, base, csv, record, delimiter } => {
                read_record(rows, text, *base, csv, record, *delimiter, diags)
            }
        }
    }
}

/// The lines of bytes `pos..end` of a text without quotes, found with the fields in one pass over the text for
/// line breaks and delimiters at once.
struct Lines<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
    delimiter: u8,
    /// Offsets (from `base`) of every line break and delimiter after `pos`.
    breaks: memchr::Memchr2<'t>,
    base: usize,
    /// The line last read, split.
    record: Line<'t>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str, from: usize, to: usize, delimiter: u8) -> Lines<'t> {
        let (end, base) = (to.min(text.len()), from.min(to));
        let breaks = memchr::memchr2_iter(b'\n', delimiter, text.as_bytes().get(base..end).unwrap_or_default());
        Lines { text, pos: base, end, delimiter, breaks, base, record: Line::default() }
    }

    /// The end of the line that byte `from` is in; the search for breaks goes on after it.
    fn skip_line(&mut self, from: usize) -> usize {
        let bytes = self.text.as_bytes().get(from..self.end).unwrap_or_default();
        let stop = memchr::memchr(b'\n', bytes).map_or(self.end, |i| from + i);
        let rest = (stop + 1).min(self.end);
        self.breaks =
            memchr::memchr2_iter(b'\n', self.delimiter, self.text.as_bytes().get(rest..self.end).unwrap_or_default());
        self.base = rest;
        stop
    }

    /// Splits the next line that is not empty into `record`; returns where it starts, or None at the end. A
    /// line of more than [`FIELDS_AT_MOST`] fields is not split further (its record says it is oversized).
    fn advance(&mut self) -> Option<usize> {
        while self.pos < self.end {
            let start = self.pos;
            self.record.fields.clear();
            self.record.oversized = false;
            let mut field = start;
            let stop = loop {
                match self.breaks.next().map(|i| self.base + i) {
                    Some(i) if self.text.as_bytes().get(i) == Some(&self.delimiter) => {
                        if self.record.fields.len() >= FIELDS_AT_MOST {
                            // Too many fields: the rest of the line is skipped in one search for its end.
                            self.record.oversized = true;
                            break self.skip_line(i);
                        }
                        self.record.fields.push((field - start, i - start));
                        field = i + 1;
                    }
                    Some(i) => break i,
                    None => break self.end,
                }
            };
            self.record.oversized |= stop - start > LINE_BYTES_AT_MOST;
            self.pos = stop + 1;
            let line = self.text.get(start..stop).unwrap_or_default();
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.is_empty() {
                self.record.fields.push((field - start, line.len().max(field - start)));
                self.record.line = line;
                return Some(start);
            }
        }
        None
    }
}

/// One line of a text without quotes, split at its delimiters.
#[derive(Default)]
struct Line<'t> {
    line: &'t str,
    /// Byte ranges of the fields in `line`.
    fields: Vec<(usize, usize)>,
    /// More fields or bytes than a row may have.
    oversized: bool,
}

/// A row (a record) holds at most this many fields: Excel's 16,384 columns.
pub const FIELDS_AT_MOST: usize = 16_384;
/// A row (a record) is at most this many bytes long.
pub const LINE_BYTES_AT_MOST: usize = 16 << 20;

impl Fields for Line<'_> {
    fn count(&self) -> usize {
        self.fields.len()
    }

    /// A field: a delimiter is ASCII, so every field starts and ends on a character boundary.
    fn field(&self, i: usize) -> &str {
        self.fields.get(i).and_then(|&(a, b)| self.line.get(a..b)).unwrap_or("")
    }

    fn raw(&self, i: usize) -> &[u8] {
        self.field(i).as_bytes()
    }

    fn is_blank(&self) -> bool {
        (0..self.count()).all(|i| blank_field(self.raw(i)))
    }
}

fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes)
}

/// Reads one record of a reader that starts at byte `base` of `text`; false at the end.
fn read_record(
    rows: &mut Rows,
    text: &str,
    base: usize,
    csv: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
    delimiter: u8,
    diags: &mut Diagnostics,
) -> bool {
    // The reader stops after the `\r` of a `\r\n`: the row itself starts after the line break.
    let start = record_start(text, base as u64 + csv.position().byte());
    match csv.read_byte_record(record) {
        Ok(false) => return false,
        Ok(true) => {
            let at_end = base as u64 + csv.position().byte() >= text.len() as u64;
            let (fields, bytes) = (record.len(), record.as_slice().len());
            if fields > FIELDS_AT_MOST || bytes > LINE_BYTES_AT_MOST {
                rows.oversized(start, fields, bytes, diags);
                return true;
            }
            match at_end.then(|| scan(text, start as usize, delimiter).open_quote).flatten() {
                Some(quote) => rows.unclosed_quote(quote, diags),
                None => rows.row(record, start, diags),
            }
        }
        Err(e) => {
            // The place is worked out from the record's offset (a reader that starts mid-file counts its lines
            // from its own start).
            let at = rows.origin().place(start, 0);
            rows.bad_record(at, e.to_string(), diags);
        }
    }
    true
}

/// The first byte of the row the CSV reader is about to read: line breaks before it skipped.
fn record_start(text: &str, position: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut i = position as usize;
    while matches!(bytes.get(i), Some(b'\r' | b'\n')) {
        i += 1;
    }
    i as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record of a text as the csv crate reads it: where it starts, and its fields.
    fn csv_records(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut csv = csv_reader(text.as_bytes(), delimiter);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        loop {
            let start = record_start(text, csv.position().byte());
            match csv.read_byte_record(&mut record) {
                Ok(true) => out.push((start, record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect())),
                _ => return out,
            }
        }
    }

    /// Every record of a text without quotes as [`Lines`] splits it.
    fn plain_records(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut lines = Lines::new(text, 0, text.len(), delimiter);
        let mut out = Vec::new();
        while let Some(start) = lines.advance() {
            let r = &lines.record;
            out.push((start as u64, (0..r.count()).map(|i| r.field(i).to_string()).collect()));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        /// On a text without quotes (its lone `\r` made `\n`, as every text is before it is read), splitting lines
        /// and fields gives exactly the csv crate's records, at the same offsets.
        #[test]
        fn lines_without_quotes_are_what_the_csv_crate_reads(raw in "[ab1 ,\t\r\n中　]{0,60}", tab: bool) {
            let text = crate::dataset::text::lone_cr_to_lf(raw);
            let delimiter = if tab { b'\t' } else { b',' };
            prop_assert_eq!(plain_records(&text, delimiter), csv_records(&text, delimiter));
        }
    }

    #[test]
    fn a_row_starts_after_its_line_breaks() {
        assert_eq!(record_start("a\r\n\r\nb", 1), 5);
    }
}
