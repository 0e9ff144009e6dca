//! The sizes a workbook may have, checked before a reader is given the chance to allocate for more: the parts
//! of a zip-packed workbook (.xlsx, .xlsm, .xlsb, .ods) by their declared and their actual uncompressed sizes,
//! and each sheet by the rows, columns, cells and text it holds. What exceeds a limit is refused with the limit
//! named ([`Limit`]), never read in part. README.md (Limits) and docs/decisions.md give the same numbers.

use std::io::{Read, Seek};

/// One part of a workbook (a zip member, or the workbook stream of an .xls), uncompressed: 256 MiB.
pub const PART_BYTES_AT_MOST: u64 = 256 << 20;
/// Every part of a zip-packed workbook together, uncompressed: 1 GiB.
pub const TOTAL_BYTES_AT_MOST: u64 = 1 << 30;
/// The workbook stream of an .xls, which its reader holds in memory several times over: 128 MiB.
pub const XLS_STREAM_BYTES_AT_MOST: u64 = 128 << 20;
/// Rows of a sheet: Excel's own 1,048,576.
pub const ROWS_AT_MOST: u32 = 1 << 20;
/// Columns of a sheet: Excel's own 16,384 (A to XFD).
pub const COLUMNS_AT_MOST: u32 = 1 << 14;
/// Cells of a sheet's used area (rows × columns from its first to its last cell), and cells written in it:
/// 8,388,608.
pub const CELLS_AT_MOST: u64 = 1 << 23;
/// Text in a sheet's cells, every repeat counted: 256 MiB.
pub const TEXT_BYTES_AT_MOST: u64 = 256 << 20;

/// A limit a workbook exceeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// A part of the workbook (`xl/sharedStrings.xml`) is larger than [`PART_BYTES_AT_MOST`] uncompressed.
    Part { part: String, at_most: u64 },
    /// The parts together are larger than [`TOTAL_BYTES_AT_MOST`].
    Total { at_most: u64 },
    /// A cell stands below row [`ROWS_AT_MOST`].
    Rows { at_most: u32 },
    /// A cell stands right of column [`COLUMNS_AT_MOST`].
    Columns { at_most: u32 },
    /// The used area, or the cells written, exceed [`CELLS_AT_MOST`].
    Cells { at_most: u64 },
    /// The cells' text exceeds [`TEXT_BYTES_AT_MOST`].
    Text { at_most: u64 },
}

/// Why a zip-packed workbook is refused before it is opened.
#[derive(Debug)]
pub enum ZipFault {
    Limit(Limit),
    /// Not a zip archive at all, or a damaged one: the zip reader's words.
    Unreadable(String),
}

/// Checks every member of a zip-packed workbook: its declared uncompressed size, then its actual size as it
/// inflates (a declared size can lie), each against [`PART_BYTES_AT_MOST`] and all together against
/// [`TOTAL_BYTES_AT_MOST`]. Inflating stops at the first byte beyond a limit, so a zip bomb costs at most the
/// limits' worth of work. A member the zip reader cannot inflate (an unsupported method) is left for the
/// workbook reader, which reports it if it needs it.
pub fn check_zip<R: Read + Seek>(reader: R) -> Result<(), ZipFault> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| ZipFault::Unreadable(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(mut member) = zip.by_index(i) else { continue };
        let part = member.name().map(|n| n.to_string()).unwrap_or_default();
        let too_large = || ZipFault::Limit(Limit::Part { part: part.clone(), at_most: PART_BYTES_AT_MOST });
        if member.size() > PART_BYTES_AT_MOST {
            return Err(too_large());
        }
        let inflated = std::io::copy(&mut (&mut member).take(PART_BYTES_AT_MOST + 1), &mut std::io::sink())
            .map_err(|e| ZipFault::Unreadable(format!("{part}: {e}")))?;
        if inflated > PART_BYTES_AT_MOST {
            return Err(too_large());
        }
        total += inflated;
        if total > TOTAL_BYTES_AT_MOST {
            return Err(ZipFault::Limit(Limit::Total { at_most: TOTAL_BYTES_AT_MOST }));
        }
    }
    Ok(())
}

/// The used area of a sheet and the cells and text in it, counted as cells arrive, refused at the first that
/// goes beyond a limit.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// First and last row and column of the cells so far.
    pub bounds: Option<(u32, u32, u32, u32)>,
    pub cells: u64,
    pub text: u64,
}

impl Tally {
    /// Counts a cell at (row, col), 0-based, holding `text` bytes (repeated `times`).
    pub fn add(&mut self, row: u32, col: u32, text: u64, times: u64) -> Result<(), Limit> {
        if row >= ROWS_AT_MOST {
            return Err(Limit::Rows { at_most: ROWS_AT_MOST });
        }
        if col >= COLUMNS_AT_MOST {
            return Err(Limit::Columns { at_most: COLUMNS_AT_MOST });
        }
        let (r0, r1, c0, c1) = match self.bounds {
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
            None => (row, row, col, col),
        };
        self.bounds = Some((r0, r1, c0, c1));
        self.cells = self.cells.saturating_add(times);
        self.text = self.text.saturating_add(text.saturating_mul(times));
        let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        if area > CELLS_AT_MOST || self.cells > CELLS_AT_MOST {
            return Err(Limit::Cells { at_most: CELLS_AT_MOST });
        }
        if self.text > TEXT_BYTES_AT_MOST {
            return Err(Limit::Text { at_most: TEXT_BYTES_AT_MOST });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_beyond_excels_grid_is_refused() {
        assert_eq!(Tally::default().add(ROWS_AT_MOST, 0, 1, 1), Err(Limit::Rows { at_most: ROWS_AT_MOST }));
        assert_eq!(Tally::default().add(0, COLUMNS_AT_MOST, 1, 1), Err(Limit::Columns { at_most: COLUMNS_AT_MOST }));
    }

    #[test]
    fn the_used_area_counts_empty_cells_between() {
        let mut tally = Tally::default();
        assert!(tally.add(0, 0, 1, 1).is_ok());
        assert!(tally.add(8191, 1023, 1, 1).is_ok(), "8192 × 1024 cells are the limit");
        assert_eq!(tally.add(8192, 0, 1, 1), Err(Limit::Cells { at_most: CELLS_AT_MOST }));
    }

    #[test]
    fn repeated_text_counts_every_repeat() {
        let mut tally = Tally::default();
        assert_eq!(tally.add(0, 0, 1 << 20, 1 << 9), Err(Limit::Text { at_most: TEXT_BYTES_AT_MOST }));
    }

    #[test]
    fn a_zip_bomb_is_refused_at_the_limit() {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..257 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
        let fault = check_zip(std::io::Cursor::new(buf.into_inner())).unwrap_err();
        assert!(
            matches!(&fault, ZipFault::Limit(Limit::Part { part, .. }) if part == "xl/sharedStrings.xml"),
            "{fault:?}"
        );
    }
}
