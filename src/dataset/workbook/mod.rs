//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .xlsb, .ods): which sheets are read, and how.
//!
//! A workbook is checked against the size limits before a reader can allocate for it ([`limits`]: the zip
//! members of .xlsx/.xlsb/.ods, the records of an .xls in [`xls`], the repeats of an .ods in [`ods`]), every
//! call into calamine runs behind a panic guard ([`guard`]), and a sheet's cells become text as Excel shows
//! them ([`number`]: 15 significant digits, the unit a number format gives) in a [`grid::Grid`], which feeds
//! the row reader shared with text files. Which sheets: `--sheet NAME`; `--sheet '*'` for every sheet with a
//! header plancheck recognises (each sheet a region when it has no region column, see [`merge`]); without
//! `--sheet`, the one sheet with such a header, and an error listing them when there are several. Locations
//! name the file, the sheet and the cell (`data.xlsx!Sheet1!C7`).

mod grid;
mod guard;
pub mod limits;
mod merge;
pub mod number;
mod ods;
mod xls;
mod xlsx;

use super::origin::Origin;
use super::read::LoadOptions;
use super::rows::Rows;
use super::Dataset;
use crate::diag::{Diagnostic, Diagnostics, IoFault, Location, Message};
use crate::indicator::Registry;
use calamine::{Data, Ods, Range, Reader, Xlsb, Xlsx};
use grid::{data_ref_text, data_text, Grid};
use limits::Limit;
use number::Show;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Why a sheet cannot be read.
#[derive(Debug)]
pub enum SheetFault {
    /// A limit exceeded at a cell (0-based row and column).
    Limit((Limit, u32, u32)),
    /// The reader's own words.
    Unreadable(String),
    /// The reader panicked.
    Damaged,
}

/// Why a workbook cannot be opened.
#[derive(Debug)]
pub enum BookFault {
    Limit { sheet: Option<String>, limit: Limit, at: Option<(u32, u32)> },
    Io(IoFault),
    Unreadable(String),
    Damaged,
}

/// An open workbook, with what was learnt about it before calamine opened it.
enum Book {
    Xlsx(Xlsx<BufReader<File>>),
    Xlsb(Xlsb<BufReader<File>>),
    Xls(xls::XlsBook, xls::Scan),
    Ods(Ods<BufReader<File>>, ods::Shows),
}

/// A workbook's kind, from its first bytes where they tell (an .xls renamed .xlsx is still an .xls), else from
/// its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

fn kind_of(path: &Path) -> Result<Kind, BookFault> {
    let mut magic = [0u8; 8];
    let mut file = File::open(path).map_err(|e| BookFault::Io(IoFault::from(&e)))?;
    let n = file.read(&mut magic).map_err(|e| BookFault::Io(IoFault::from(&e)))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    Ok(match (&magic[..n.min(8)], ext.as_str()) {
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", _) => Kind::Xls,
        (_, "xlsb") => Kind::Xlsb,
        (_, "ods") => Kind::Ods,
        ([b'P', b'K', ..], _) => Kind::Xlsx,
        (_, "xls") => Kind::Xls,
        _ => Kind::Xlsx,
    })
}

impl Book {
    fn open(path: &Path) -> Result<Book, BookFault> {
        let kind = kind_of(path)?;
        if kind == Kind::Xls {
            return xls::open(path).map(|(book, scan)| Book::Xls(book, scan));
        }
        let file = || File::open(path).map(BufReader::new).map_err(|e| BookFault::Io(IoFault::from(&e)));
        limits::check_zip(file()?).map_err(|fault| match fault {
            limits::ZipFault::Limit(limit) => BookFault::Limit { sheet: None, limit, at: None },
            limits::ZipFault::Unreadable(detail) => BookFault::Unreadable(detail),
        })?;
        let opened = match kind {
            Kind::Ods => {
                let shows = ods::scan(file()?)?;
                guard::quietly(|| Ods::new(file()?).map(|b| Book::Ods(b, shows)).map_err(error_text))
            }
            Kind::Xlsb => guard::quietly(|| Xlsb::new(file()?).map(Book::Xlsb).map_err(error_text)),
            _ => guard::quietly(|| Xlsx::new(file()?).map(Book::Xlsx).map_err(error_text)),
        };
        opened.unwrap_or(Err(BookFault::Damaged))
    }

    fn names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xlsb(b) => b.sheet_names(),
            Book::Xls(b, _) => b.sheet_names(),
            Book::Ods(b, _) => b.sheet_names(),
        }
    }

    /// A sheet's cells; with `peek`, at least as many rows as it takes to find its header.
    fn grid(&mut self, sheet: &str, peek: bool) -> Result<Grid, SheetFault> {
        let index = self.names().iter().position(|n| n == sheet);
        let read = guard::quietly(|| match self {
            Book::Xlsx(b) => xlsx::grid(b, sheet, peek),
            Book::Xlsb(b) => xlsb_grid(b, sheet, peek),
            Book::Xls(b, scan) => {
                let shows = index.and_then(|i| scan.sheets.get(i)).map(|s| &s.shows);
                let is_1904 = b.has_1904_epoch();
                range_grid(b.worksheet_range(sheet).map_err(error_text), shows, is_1904)
            }
            Book::Ods(b, shows) => range_grid(b.worksheet_range(sheet).map_err(error_text), shows.get(sheet), false),
        });
        read.unwrap_or(Err(SheetFault::Damaged))
    }
}

fn error_text<E: std::fmt::Display, F: From<String>>(e: E) -> F {
    F::from(e.to_string())
}

impl From<String> for BookFault {
    fn from(detail: String) -> BookFault {
        BookFault::Unreadable(detail)
    }
}

impl From<String> for SheetFault {
    fn from(detail: String) -> SheetFault {
        SheetFault::Unreadable(detail)
    }
}

/// The cells of a sheet calamine has read into a range (.xls, .ods: within the limits, checked before).
fn range_grid(
    range: Result<Range<Data>, SheetFault>,
    shows: Option<&HashMap<(u32, u32), Show>>,
    is_1904: bool,
) -> Result<Grid, SheetFault> {
    let range = range?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut grid = Grid::default();
    for (r, c, value) in range.used_cells() {
        let (row, col) = (row0 + r as u32, col0 + c as u32);
        let show = shows.and_then(|s| s.get(&(row, col))).copied().unwrap_or_default();
        grid.push(row, col, &data_text(value, show, is_1904)).map_err(SheetFault::Limit)?;
    }
    Ok(grid)
}

/// The cells of an .xlsb sheet, streamed (number formats are not read: see [`Message::FormatsNotRead`]).
fn xlsb_grid<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsb<RS>,
    sheet: &str,
    peek: bool,
) -> Result<Grid, SheetFault> {
    let mut cells = book.worksheet_cells_reader(sheet).map_err(error_text::<_, SheetFault>)?;
    let mut grid = Grid::default();
    while let Some(cell) = cells.next_cell().map_err(error_text::<_, SheetFault>)? {
        let (row, col) = cell.get_position();
        grid.push(row, col, &data_ref_text(cell.get_value(), Show::Plain, false)).map_err(SheetFault::Limit)?;
        if peek && grid.enough_to_peek() {
            break;
        }
    }
    Ok(grid)
}

/// Reads the sheets of a workbook into a dataset; problems go to `diags`.
pub fn load(path: &Path, registry: &Registry, options: &LoadOptions, diags: &mut Diagnostics) -> Dataset {
    let file = path.display().to_string();
    let mut book = match Book::open(path) {
        Ok(book) => book,
        Err(fault) => {
            report_book(&file, fault, diags);
            return Dataset::default();
        }
    };
    if matches!(book, Book::Xlsb(_)) {
        diags.push(Diagnostic::warning(Message::FormatsNotRead { file: file.clone() }));
    }
    let Some(chosen) = choose(&mut book, &file, registry, options, diags) else { return Dataset::default() };
    let mut read = Vec::new();
    for sheet in chosen {
        match book.grid(&sheet, false) {
            Ok(mut grid) => read.push(read_sheet(&file, sheet, &mut grid, registry, options, diags)),
            Err(fault) => report_sheet(&file, &sheet, fault, diags),
        }
    }
    if options.sheet.as_deref() == Some(ALL_SHEETS) {
        return merge::sheets(read, registry, diags);
    }
    read.pop().map(|s| s.data).unwrap_or_default()
}

/// `--sheet '*'`: every sheet with a header.
pub const ALL_SHEETS: &str = "*";

/// The sheets to read, or None when none can be (the reason reported).
fn choose(
    book: &mut Book,
    file: &str,
    registry: &Registry,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let names = book.names();
    let Some(first) = names.first().cloned() else {
        diags.push(Diagnostic::error(Message::NoSheet { file: file.to_string() }));
        return None;
    };
    match options.sheet.as_deref() {
        Some(ALL_SHEETS) => {}
        Some(wanted) if names.iter().any(|n| n == wanted) => return Some(vec![wanted.to_string()]),
        Some(wanted) => {
            let msg = Message::UnknownSheet { file: file.to_string(), sheet: wanted.to_string(), sheets: names };
            diags.push(Diagnostic::error(msg));
            return None;
        }
        None if names.len() == 1 => return Some(names),
        None => {}
    }
    let (mut tables, mut others) = (Vec::new(), Vec::new());
    for name in &names {
        match book.grid(name, true) {
            Ok(mut grid) => match (grid.has_header(registry), grid.is_blank()) {
                (true, _) => tables.push(name.clone()),
                (false, false) => others.push(name.clone()),
                (false, true) => {}
            },
            Err(fault) => {
                report_sheet(file, name, fault, diags);
                return None;
            }
        }
    }
    if tables.len() > 1 && options.sheet.is_none() {
        diags.push(Diagnostic::error(Message::SeveralSheets { file: file.to_string(), sheets: tables }));
        return None;
    }
    if tables.is_empty() {
        // No sheet has a header: the first that holds anything is read, for the row reader to say why.
        return Some(vec![others.first().cloned().unwrap_or(first)]);
    }
    if !others.is_empty() {
        diags.push(Diagnostic::warning(Message::SheetsNotRead { file: file.to_string(), sheets: others }));
    }
    Some(tables)
}

/// One sheet read by the row reader.
pub struct ReadSheet {
    pub name: String,
    pub origin: Origin,
    pub data: Dataset,
}

fn read_sheet(
    file: &str,
    name: String,
    grid: &mut Grid,
    registry: &Registry,
    options: &LoadOptions,
    diags: &mut Diagnostics,
) -> ReadSheet {
    let origin = Origin::Sheet { file: format!("{file}!{name}").into(), first_col: grid.first_col() + 1 };
    let mut rows = Rows::new(origin.clone(), registry, options);
    grid.feed(&mut rows, diags);
    for (value, (row, col)) in std::mem::take(&mut grid.unplaced) {
        let at = Location::cell(origin.file(), row.saturating_add(1), col.saturating_add(2));
        diags.push(Diagnostic::error(Message::UnplacedExcelError { value }).at(at));
    }
    ReadSheet { name, origin, data: rows.finish(diags) }
}

fn report_book(file: &str, fault: BookFault, diags: &mut Diagnostics) {
    let file = file.to_string();
    let diagnostic = match fault {
        BookFault::Limit { sheet, limit, at } => {
            let place = sheet.as_ref().zip(at).map(|(s, (r, c))| {
                Location::cell(format!("{file}!{s}").into(), r.saturating_add(1), c.saturating_add(1))
            });
            let d = Diagnostic::error(Message::WorkbookTooLarge { file, sheet, limit });
            match place {
                Some(place) => d.at(place),
                None => d,
            }
        }
        BookFault::Io(fault) => Diagnostic::error(Message::UnreadableDataFile { file, fault }),
        BookFault::Unreadable(detail) => Diagnostic::error(Message::UnreadableWorkbook { file, detail }),
        BookFault::Damaged => Diagnostic::error(Message::DamagedWorkbook { file }),
    };
    diags.push(diagnostic);
}

fn report_sheet(file: &str, sheet: &str, fault: SheetFault, diags: &mut Diagnostics) {
    let (file, sheet) = (file.to_string(), sheet.to_string());
    let diagnostic = match fault {
        SheetFault::Limit((limit, row, col)) => {
            let place = Location::cell(format!("{file}!{sheet}").into(), row.saturating_add(1), col.saturating_add(1));
            Diagnostic::error(Message::WorkbookTooLarge { file, sheet: Some(sheet), limit }).at(place)
        }
        SheetFault::Unreadable(detail) => Diagnostic::error(Message::UnreadableSheet { file, sheet, detail }),
        SheetFault::Damaged => Diagnostic::error(Message::DamagedWorkbook { file }),
    };
    diags.push(diagnostic);
}
