//! .xlsx and .xlsm sheets, streamed cell by cell through calamine's cell reader (never its `Range`, which
//! allocates a sheet's whole declared area before reading a cell): each value with its style's number format,
//! so that a percent-formatted cell reads as the percent it shows.

use super::grid::{data_ref_text, Grid};
use super::number::{show_of, Show};
use super::SheetFault;
use calamine::{Xlsx, XlsxError};
use std::io::{Read, Seek};

/// How each style of the workbook shows a number, by style id.
fn shows(styles: &[calamine::Style]) -> Vec<Show> {
    styles.iter().map(|s| s.number_format.as_ref().map_or(Show::Plain, |f| show_of(&f.format_code))).collect()
}

/// Reads a sheet's cells into a grid; with `peek`, only as many rows as it takes to find its header.
pub fn grid<RS: Read + Seek>(book: &mut Xlsx<RS>, sheet: &str, peek: bool) -> Result<Grid, SheetFault> {
    let is_1904 = book.has_1904_epoch();
    let mut cells = book.worksheet_cells_reader(sheet).map_err(|e| SheetFault::Unreadable(e.to_string()))?;
    let shows = shows(cells.styles());
    let mut grid = Grid::default();
    let mut last = (0, 0);
    loop {
        match cells.next_cell_with_style_id() {
            Ok(Some((cell, style))) => {
                let (row, col) = cell.get_position();
                last = (row, col);
                let show = shows.get(style).copied().unwrap_or_default();
                grid.push(row, col, &data_ref_text(cell.get_value(), show, is_1904)).map_err(SheetFault::Limit)?;
                if peek && grid.enough_to_peek() {
                    break;
                }
            }
            Ok(None) => break,
            // An error value calamine has no name for (Excel 365's #SPILL!, #CALC!, #GETTING_DATA): the cell's
            // place is lost with it; it stands after the last cell read.
            // Reading goes on after it (calamine has read past the cell's value).
            Err(XlsxError::CellError(value)) => grid.unplaced.push((value, last)),
            Err(e) => return Err(SheetFault::Unreadable(e.to_string())),
        }
    }
    Ok(grid)
}
