//! .xls (BIFF8) workbooks. calamine reads every sheet of an .xls as soon as it opens it, building each sheet's
//! whole area in memory, and does not say which number format a cell has. So before calamine sees the file,
//! this module reads the workbook stream itself (the `cfb` crate opens the compound file): each sheet's used
//! area, cells and text are checked against the limits exactly as calamine will build them, and each numeric
//! cell (NUMBER, RK, MULRK, FORMULA records) gets its number format through its XF record. calamine is then
//! given a fresh compound file holding only that stream, written by the `cfb` crate, so that its own
//! compound-file reader never meets a damaged container (a loop in a sector chain would make it grow without
//! end).

use super::limits::{Limit, Tally, CELLS_AT_MOST, XLS_STREAM_BYTES_AT_MOST};
use super::number::{builtin_show, show_of, Show};
use super::BookFault;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// What the scan found in one sheet: the number format of each numeric cell that shows a unit.
#[derive(Debug, Default)]
pub struct SheetScan {
    pub shows: HashMap<(u32, u32), Show>,
    /// Every numeric cell met (for the test that holds this reader to calamine's).
    #[cfg(test)]
    numeric: Vec<(u32, u32)>,
}

/// The workbook stream's scan, sheets in workbook order.
#[derive(Debug, Default)]
pub struct Scan {
    pub sheets: Vec<SheetScan>,
}

/// An .xls as calamine reads it: from a copy in memory.
pub type XlsBook = calamine::Xls<Cursor<Vec<u8>>>;

/// Opens an .xls: scans its stream, then hands calamine a clean copy of it.
pub fn open(path: &Path) -> Result<(XlsBook, Scan), BookFault> {
    let unreadable = |e: std::io::Error| BookFault::Unreadable(e.to_string());
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut compound = cfb::CompoundFile::open(file).map_err(unreadable)?;
    let name = ["Workbook", "Book"]
        .into_iter()
        .find(|n| compound.is_stream(n))
        .ok_or_else(|| BookFault::Unreadable("no Workbook stream".into()))?;
    let mut stream = compound.open_stream(name).map_err(unreadable)?;
    if stream.len() > XLS_STREAM_BYTES_AT_MOST {
        return Err(too_large(name));
    }
    let mut bytes = Vec::new();
    Read::by_ref(&mut stream).take(XLS_STREAM_BYTES_AT_MOST + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > XLS_STREAM_BYTES_AT_MOST {
        return Err(too_large(name));
    }
    let scan = scan(&bytes)?;
    let copy = rebuild(name, &bytes).map_err(unreadable)?;
    drop(bytes);
    let opened = super::guard::quietly(|| calamine::open_workbook_from_rs(Cursor::new(copy)));
    match opened {
        Some(Ok(book)) => Ok((book, scan)),
        Some(Err(e)) => Err(BookFault::Unreadable(calamine::XlsError::to_string(&e))),
        None => Err(BookFault::Damaged),
    }
}

fn too_large(part: &str) -> BookFault {
    BookFault::Limit {
        sheet: None,
        limit: Limit::Part { part: part.into(), at_most: XLS_STREAM_BYTES_AT_MOST },
        at: None,
    }
}

/// A compound file holding only the workbook stream.
fn rebuild(name: &str, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    // Version 3 (512-byte sectors): calamine refuses a version 4 file whose root has no mini stream.
    let mut compound = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
    compound.create_stream(format!("/{name}"))?.write_all(bytes)?;
    compound.flush()?;
    Ok(compound.into_inner().into_inner())
}

/// One BIFF record: its type and its data.
#[derive(Clone, Copy)]
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// The records of a stream from `at`, up to the first that runs past its end.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (usize, Record<'_>)> {
    std::iter::from_fn(move || {
        let head = stream.get(at..at.checked_add(4)?)?;
        let (typ, len) = (u16_at(head, 0)?, usize::from(u16_at(head, 2)?));
        let data = stream.get(at + 4..at + 4 + len)?;
        let start = at;
        at += 4 + len;
        Some((start, Record { typ, data }))
    })
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// What the workbook globals say: each XF's number format, the sheets (offset and name), the lengths of the
/// shared strings.
#[derive(Default)]
struct Globals {
    formats: HashMap<u16, String>,
    xf_formats: Vec<u16>,
    sheets: Vec<(usize, String)>,
    strings: Vec<u32>,
}

fn globals(stream: &[u8]) -> Globals {
    let mut g = Globals::default();
    let mut iter = records(stream, 0).peekable();
    while let Some((_, r)) = iter.next() {
        match r.typ {
            0x041E => {
                if let Some((id, code)) = format_record(r.data) {
                    g.formats.insert(id, code);
                }
            }
            0x00E0 => g.xf_formats.push(u16_at(r.data, 2).unwrap_or(0)),
            0x0085 => {
                if let Some(pos) = u32_at(r.data, 0) {
                    g.sheets.push((pos as usize, short_string(r.data.get(6..).unwrap_or_default())));
                }
            }
            0x00FC => {
                let mut parts = vec![r.data.get(8..).unwrap_or_default()];
                while let Some((_, c)) = iter.next_if(|(_, c)| c.typ == 0x003C) {
                    parts.push(c.data);
                }
                g.strings = sst_lengths(&parts);
            }
            0x000A => break,
            _ => {}
        }
    }
    g
}

/// A FORMAT record (BIFF8): its id and its code.
fn format_record(data: &[u8]) -> Option<(u16, String)> {
    let id = u16_at(data, 0)?;
    let cch = usize::from(u16_at(data, 2)?);
    let high = data.get(4)? & 1 == 1;
    Some((id, chars(data.get(5..)?, cch, high)))
}

/// A sheet name (ShortXLUnicodeString: one byte of length, one of flags).
fn short_string(data: &[u8]) -> String {
    let cch = usize::from(data.first().copied().unwrap_or(0));
    let high = data.get(1).is_some_and(|f| f & 1 == 1);
    chars(data.get(2..).unwrap_or_default(), cch, high)
}

/// `cch` characters, UTF-16LE or (compressed) one byte each.
fn chars(b: &[u8], cch: usize, high: bool) -> String {
    if high {
        let units: Vec<u16> = b.chunks_exact(2).take(cch).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().take(cch).map(|&c| char::from(c)).collect()
    }
}

/// A cursor over an SST record and its CONTINUE records.
struct Parts<'a> {
    parts: &'a [&'a [u8]],
    part: usize,
    pos: usize,
}

impl Parts<'_> {
    fn byte(&mut self) -> Option<u8> {
        loop {
            let part = self.parts.get(self.part)?;
            if let Some(&b) = part.get(self.pos) {
                self.pos += 1;
                return Some(b);
            }
            self.part += 1;
            self.pos = 0;
        }
    }

    fn int(&mut self, bytes: usize) -> Option<u32> {
        (0..bytes).try_fold(0u32, |n, i| Some(n | u32::from(self.byte()?) << (8 * i)))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            let left = self.parts.get(self.part)?.len().saturating_sub(self.pos);
            if left == 0 {
                self.part += 1;
                self.pos = 0;
                continue;
            }
            let step = left.min(n);
            self.pos += step;
            n -= step;
        }
        Some(())
    }

    /// Skips `cch` characters: where they run into the next CONTINUE, it starts with a new flags byte.
    fn skip_chars(&mut self, mut cch: usize, mut high: bool) -> Option<()> {
        while cch > 0 {
            let left = self.parts.get(self.part)?.len().saturating_sub(self.pos);
            let width = if high { 2 } else { 1 };
            if left < width {
                self.part += 1;
                self.pos = 0;
                high = self.byte()? & 1 == 1;
                continue;
            }
            let step = (left / width).min(cch);
            self.pos += step * width;
            cch -= step;
        }
        Some(())
    }
}

/// The length in characters of each shared string.
fn sst_lengths(parts: &[&[u8]]) -> Vec<u32> {
    let mut p = Parts { parts, part: 0, pos: 0 };
    let mut lengths = Vec::new();
    let mut next = || -> Option<u32> {
        let cch = p.int(2)?;
        let flags = p.byte()?;
        let runs = if flags & 8 != 0 { p.int(2)? } else { 0 };
        let ext = if flags & 4 != 0 { p.int(4)? } else { 0 };
        p.skip_chars(cch as usize, flags & 1 == 1)?;
        p.skip(runs as usize * 4)?;
        p.skip(ext as usize)?;
        Some(cch)
    };
    while let Some(cch) = next() {
        lengths.push(cch);
    }
    lengths
}

/// Scans every sheet; refuses the workbook when one of them goes beyond a limit as calamine would build it.
fn scan(stream: &[u8]) -> Result<Scan, BookFault> {
    let g = globals(stream);
    let show_of_xf = |xf: u16| -> Show {
        let Some(&id) = g.xf_formats.get(usize::from(xf)) else { return Show::Plain };
        match g.formats.get(&id) {
            Some(code) => show_of(code),
            None => builtin_show(u32::from(id)),
        }
    };
    let mut scan = Scan::default();
    for (pos, name) in &g.sheets {
        let sheet = scan_sheet(stream, *pos, &g.strings, &show_of_xf).map_err(|(limit, at)| BookFault::Limit {
            sheet: Some(name.clone()),
            limit,
            at,
        })?;
        scan.sheets.push(sheet);
    }
    Ok(scan)
}

type Refused = (Limit, Option<(u32, u32)>);

/// One sheet's substream, read as calamine reads it: nested substreams (embedded charts) skipped, up to its
/// EOF record.
fn scan_sheet(
    stream: &[u8],
    pos: usize,
    strings: &[u32],
    show_of_xf: &dyn Fn(u16) -> Show,
) -> Result<SheetScan, Refused> {
    let mut sheet = SheetScan::default();
    let mut tally = Tally::default();
    let (mut seen_bof, mut depth, mut formula_at) = (false, 0usize, (0u32, 0u32));
    for (_, r) in records(stream, pos) {
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        let at = || Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)));
        let mut cell = |row: u32, col: u32, text: u64, xf: Option<u16>| -> Result<(), Refused> {
            tally.add(row, col, text, 1).map_err(|limit| (limit, Some((row, col))))?;
            #[cfg(test)]
            if xf.is_some() {
                sheet.numeric.push((row, col));
            }
            if let Some(show) = xf.map(show_of_xf).filter(|s| *s != Show::Plain) {
                sheet.shows.insert((row, col), show);
            }
            Ok(())
        };
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => dimensions(d)?,
            0x0203 | 0x027E => {
                if let Some((row, col)) = at() {
                    cell(row, col, 0, u16_at(d, 4))?;
                }
            }
            0x00BD => {
                if let (Some((row, first)), Some(n)) = (at(), d.len().checked_sub(6).map(|n| n / 6)) {
                    for k in 0..n {
                        cell(row, first + k as u32, 0, u16_at(d, 4 + 6 * k))?;
                    }
                }
            }
            0x0006 => {
                if let Some((row, col)) = at() {
                    formula_at = (row, col);
                    // A formula whose result is text, a boolean or an error marks its value bytes FF FF.
                    let numeric = d.get(12..14) != Some(&[0xFF, 0xFF]);
                    cell(row, col, 0, u16_at(d, 4).filter(|_| numeric))?;
                }
            }
            0x0207 => cell(formula_at.0, formula_at.1, d.len() as u64 * 2, None)?,
            0x00FD => {
                if let Some((row, col)) = at() {
                    let chars = u32_at(d, 6).and_then(|i| strings.get(i as usize)).copied().unwrap_or(0);
                    cell(row, col, u64::from(chars) * 3, None)?;
                }
            }
            0x0204 | 0x00D6 | 0x0205 => {
                if let Some((row, col)) = at() {
                    cell(row, col, d.len() as u64 * 2, None)?;
                }
            }
            _ => {}
        }
    }
    Ok(sheet)
}

/// A DIMENSIONS record: calamine reserves room for its whole area at once, computed as it computes it.
fn dimensions(d: &[u8]) -> Result<(), Refused> {
    let word = |i| u32::from(u16_at(d, i).unwrap_or(0));
    let long = |i| u32_at(d, i).unwrap_or(0);
    let (first_row, last_row, mut first_col, last_col) = match d.len() {
        10 => (word(0), word(2), word(4), word(6)),
        14 | 16 => (long(0), long(4), word(8), word(10)),
        _ => return Ok(()),
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    // calamine's own arithmetic, wrapping as a release build does.
    let (rows, cols) = if last_row >= 1 && last_col >= 1 {
        ((last_row - 1).wrapping_sub(first_row).wrapping_add(1), (last_col - 1).wrapping_sub(first_col).wrapping_add(1))
    } else {
        (1, 1)
    };
    if u64::from(rows) * u64::from(cols) > CELLS_AT_MOST {
        return Err((Limit::Cells { at_most: CELLS_AT_MOST }, None));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader};

    /// The scan finds exactly the numeric cells calamine reads from a workbook LibreOffice wrote, and the
    /// formats the office sheet gave them.
    #[test]
    fn the_scan_finds_the_numbers_calamine_reads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks/libreoffice-office.xls");
        let (mut book, scan) = open(&path).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), scan.sheets.len());
        for (name, sheet) in names.iter().zip(&scan.sheets) {
            let range = book.worksheet_range(name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut numbers: Vec<(u32, u32)> = range
                .used_cells()
                .filter(|(_, _, v)| matches!(v, Data::Float(_) | Data::Int(_) | Data::DateTime(_)))
                .map(|(r, c, _)| (r0 + r as u32, c0 + c as u32))
                .collect();
            let mut scanned = sheet.numeric.clone();
            numbers.sort_unstable();
            scanned.sort_unstable();
            assert_eq!(scanned, numbers, "{name}");
        }
        let shows = &scan.sheets[0].shows;
        assert_eq!(shows.get(&(5, 3)), Some(&Show::Percent), "D6: 0.0%");
        assert_eq!(shows.get(&(4, 4)), Some(&Show::Suffix("‰")), "E5: 0.000\"‰\"");
        assert_eq!(shows.get(&(9, 4)), Some(&Show::Percent), "E10: 0%");
        assert_eq!(shows.get(&(3, 3)), None, "D4: General");
    }

    #[test]
    fn shared_string_lengths_follow_continue_records() {
        // Two strings: "ab" (compressed) and "中文" split by a CONTINUE after one character (its flags byte
        // says UTF-16 again).
        let first: &[u8] = &[2, 0, 0, b'a', b'b', 2, 0, 1, 0x2D, 0x4E];
        let second: &[u8] = &[1, 0x87, 0x65];
        assert_eq!(sst_lengths(&[first, second]), vec![2, 2]);
    }

    #[test]
    fn a_declared_area_beyond_the_limit_is_refused() {
        let mut d = Vec::new();
        d.extend_from_slice(&0u32.to_le_bytes());
        d.extend_from_slice(&65536u32.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend_from_slice(&256u16.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        assert!(dimensions(&d).is_err());
        let mut small = d.clone();
        small[4..8].copy_from_slice(&100u32.to_le_bytes());
        assert!(dimensions(&small).is_ok());
    }
}
