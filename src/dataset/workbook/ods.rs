//! .ods (OpenDocument) workbooks. calamine reads every sheet of an .ods as soon as it opens it, expanding
//! repeated rows and cells into memory, and reads a percentage cell as its stored fraction. So before calamine
//! opens the file, this module streams its content.xml once: each sheet's cells are counted against the limits
//! as calamine will expand them (repeats included, and the empty cells it writes before a filled one), and the
//! cells whose value type is `percentage` are noted, so that they read as the percent they show, as are the
//! numbers whose cell style has a number style with a unit as text (`0.000"‰"` becomes a number style whose
//! `number:text` is ‰). Only a cell's own style is followed, not a column's default style.

use super::limits::{Limit, Tally, CELLS_AT_MOST};
use super::number::Show;
use super::BookFault;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

/// Each sheet's cells that show a unit, by sheet name.
pub type Shows = HashMap<String, HashMap<(u32, u32), Show>>;

/// A cell being read: where it starts, how often it repeats, and its text so far.
struct Open {
    row: u32,
    col: u32,
    rows: u32,
    cols: u32,
    show: Show,
    text: u64,
}

/// The number styles (of styles.xml and of content.xml's automatic styles), and the cell styles that use them.
#[derive(Default)]
struct Styles {
    /// Number style name → how it shows a number.
    numbers: HashMap<String, Show>,
    /// Cell style name → its number style's name.
    cells: HashMap<String, String>,
    /// The number style being read: its name, whether it is a percentage style, its literal text so far.
    open: Option<(String, bool, String)>,
    in_text: bool,
}

impl Styles {
    /// How a cell of style `style` shows a number.
    fn show(&self, style: Option<&str>) -> Show {
        style.and_then(|s| self.cells.get(s)).and_then(|n| self.numbers.get(n)).copied().unwrap_or_default()
    }

    /// Takes the events of `office:automatic-styles` that say how numbers show.
    fn take(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "number:number-style" | "number:percentage-style" => {
                    let percent = e.name().as_ref() == "number:percentage-style";
                    self.open = Some((attr(e, "style:name").unwrap_or_default(), percent, String::new()));
                    if matches!(event, Event::Empty(_)) {
                        self.close();
                    }
                }
                "number:text" => self.in_text = matches!(event, Event::Start(_)),
                "style:style" => {
                    if let (Some(name), Some(data)) = (attr(e, "style:name"), attr(e, "style:data-style-name")) {
                        self.cells.insert(name, data);
                    }
                }
                _ => {}
            },
            Event::Text(t) if self.in_text => {
                if let Some((_, _, text)) = self.open.as_mut() {
                    text.push_str(t.as_ref());
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "number:text" => self.in_text = false,
                "number:number-style" | "number:percentage-style" => self.close(),
                _ => {}
            },
            _ => {}
        }
    }

    fn close(&mut self) {
        let Some((name, percent, text)) = self.open.take() else { return };
        let show = match (percent, super::number::show_of(&format!("0\"{text}\""))) {
            (true, _) => Show::Percent,
            (false, show) => show,
        };
        self.numbers.insert(name, show);
    }
}

/// The running state of the scan of one sheet.
#[derive(Default)]
struct Sheet {
    name: String,
    tally: Tally,
    shows: HashMap<(u32, u32), Show>,
    /// Cells calamine holds before it expands repeated rows (each row's cells up to its last filled one).
    held: u64,
    row: u32,
    row_repeats: u32,
    col: u32,
    row_end: u32,
}

/// Scans content.xml of an .ods (read from `reader`, the zip file).
pub fn scan<R: Read + Seek>(reader: R) -> Result<Shows, BookFault> {
    let unreadable = |e: String| BookFault::Unreadable(e);
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| unreadable(e.to_string()))?;
    let mut styles = Styles::default();
    // LibreOffice keeps the number styles in styles.xml, and the cell styles that use them in content.xml.
    if let Ok(part) = zip.by_name("styles.xml") {
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
        let mut buf = Vec::new();
        while let Ok(event) = xml.read_event_into(&mut buf) {
            if matches!(event, Event::Eof) {
                break;
            }
            styles.take(&event);
            buf.clear();
        }
    }
    let content = zip.by_name("content.xml").map_err(|e| unreadable(e.to_string()))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let (mut buf, mut shows, mut sheet, mut cell) = (Vec::new(), Shows::new(), None::<Sheet>, None::<Open>);
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|e| unreadable(e.to_string()))?;
        if sheet.is_none() {
            styles.take(&event);
        }
        let refuse = |s: &Sheet, (limit, at)| BookFault::Limit { sheet: Some(s.name.clone()), limit, at };
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                sheet = Some(Sheet { name: attr(&e, "table:name").unwrap_or_default(), ..Sheet::default() });
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(s) = sheet.take() {
                    shows.insert(s.name, s.shows);
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) if e.name().as_ref() == "table:table-row" => {
                if let Some(s) = sheet.as_mut() {
                    s.row_repeats = count(e, "table:number-rows-repeated");
                    (s.col, s.row_end) = (0, 0);
                    if matches!(event, Event::Empty(_)) {
                        s.end_row().map_err(|r| refuse(s, r))?;
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(s) = sheet.as_mut() {
                    s.end_row().map_err(|r| refuse(s, r))?;
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) if is_cell(e) => {
                if let Some(s) = sheet.as_mut() {
                    let open = s.open_cell(e, &styles);
                    match (event, open) {
                        (Event::Empty(_), Some(open)) => s.close_cell(open).map_err(|r| refuse(s, r))?,
                        (_, open) => cell = open,
                    }
                }
            }
            Event::End(e) if is_cell_name(e.name().as_ref()) => {
                if let (Some(s), Some(open)) = (sheet.as_mut(), cell.take()) {
                    s.close_cell(open).map_err(|r| refuse(s, r))?;
                }
            }
            Event::Text(t) => {
                if let Some(open) = cell.as_mut() {
                    open.text += t.len() as u64;
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) if e.name().as_ref() == "text:s" => {
                if let Some(open) = cell.as_mut() {
                    open.text += u64::from(count(e, "text:c"));
                }
            }
            Event::Eof => return Ok(shows),
            _ => {}
        }
    }
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    is_cell_name(e.name().as_ref())
}

fn is_cell_name(name: &str) -> bool {
    name == "table:table-cell" || name == "table:covered-table-cell"
}

/// An attribute's value, as text.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.into_owned())
}

/// A repeat count (1 when absent or unreadable, as good as any: calamine refuses an unreadable one).
fn count(e: &BytesStart<'_>, key: &str) -> u32 {
    attr(e, key).and_then(|v| v.trim().parse::<u64>().ok()).map_or(1, |n| n.clamp(1, u64::from(u32::MAX)) as u32)
}

type Refused = (Limit, Option<(u32, u32)>);

impl Sheet {
    /// A cell starts: a filled one (with a value type or a formula) is followed to its end.
    fn open_cell(&mut self, e: &BytesStart<'_>, styles: &Styles) -> Option<Open> {
        let cols = count(e, "table:number-columns-repeated");
        let (col, row) = (self.col, self.row);
        self.col = self.col.saturating_add(cols);
        let kind = attr(e, "office:value-type");
        if kind.is_none() && attr(e, "table:formula").is_none() {
            return None;
        }
        self.row_end = self.col;
        let text = ["office:value", "office:string-value", "office:date-value", "office:time-value"]
            .iter()
            .filter_map(|k| attr(e, k))
            .map(|v| v.len() as u64)
            .sum();
        let show = match kind.as_deref() {
            Some("percentage") => Show::Percent,
            Some("float" | "currency") => styles.show(attr(e, "table:style-name").as_deref()),
            _ => Show::Plain,
        };
        Some(Open { row, col, rows: self.row_repeats, cols, show, text })
    }

    /// A filled cell ends: counted with its repeats, its corners bounding the used area.
    fn close_cell(&mut self, cell: Open) -> Result<(), Refused> {
        let (last_row, last_col) = (cell.row.saturating_add(cell.rows - 1), cell.col.saturating_add(cell.cols - 1));
        let times = u64::from(cell.rows) * u64::from(cell.cols);
        let at = |limit| (limit, Some((cell.row, cell.col)));
        self.tally.add(cell.row, cell.col, cell.text, times).map_err(at)?;
        self.tally.add(last_row, last_col, 0, 0).map_err(at)?;
        if cell.show != Show::Plain {
            for row in cell.row..=last_row {
                for col in cell.col..=last_col {
                    self.shows.insert((row, col), cell.show);
                }
            }
        }
        Ok(())
    }

    /// A row ends: calamine has held its cells up to its last filled one, once whatever its repeats.
    fn end_row(&mut self) -> Result<(), Refused> {
        self.held = self.held.saturating_add(u64::from(self.row_end));
        self.row = self.row.saturating_add(self.row_repeats);
        if self.held > CELLS_AT_MOST {
            return Err((Limit::Cells { at_most: CELLS_AT_MOST }, Some((self.row, 0))));
        }
        Ok(())
    }
}
