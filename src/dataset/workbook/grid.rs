//! The cells of one sheet as text, as the sheet readers hand them over: kept compactly (one string for all
//! the text), counted against the limits as they arrive ([`super::limits::Tally`]), and given to the row
//! reader row by row, each row from the first column any cell of the sheet uses, in sheet order whatever order
//! the file wrote them in. Also the texts of calamine's cell values, as Excel shows them.

use super::limits::{Limit, Tally};
use super::number::{date_text, number_text, Show};
use crate::dataset::layout::read_header;
use crate::dataset::rows::{Rows, PREAMBLE_AT_MOST};
use crate::diag::Diagnostics;
use crate::indicator::Registry;
use calamine::{CellErrorType, Data, DataRef};

/// One cell: where it stands (0-based) and where its text lies in [`Grid::text`].
#[derive(Debug, Clone, Copy)]
struct Placed {
    row: u32,
    col: u32,
    start: u32,
    end: u32,
}

/// The cells of a sheet that hold something.
#[derive(Debug, Default)]
pub struct Grid {
    cells: Vec<Placed>,
    text: String,
    tally: Tally,
    /// Rows seen that hold a cell with visible text, and the last of them.
    filled_rows: usize,
    last_filled: Option<u32>,
    /// Error values the reader could not name, each with the cell (0-based) after which it stands.
    pub unplaced: Vec<(String, (u32, u32))>,
}

impl Grid {
    /// Adds a cell; blank text is no cell. Refused when the sheet goes beyond a limit.
    pub fn push(&mut self, row: u32, col: u32, text: &str) -> Result<(), (Limit, u32, u32)> {
        if text.is_empty() {
            return Ok(());
        }
        self.tally.add(row, col, text.len() as u64, 1).map_err(|limit| (limit, row, col))?;
        let start = self.text.len() as u32;
        self.text.push_str(text);
        self.cells.push(Placed { row, col, start, end: self.text.len() as u32 });
        if self.last_filled != Some(row) && !text.trim().is_empty() {
            self.last_filled = Some(row);
            self.filled_rows += 1;
        }
        Ok(())
    }

    /// Have enough rows been read to tell whether the sheet has a header ([`Grid::has_header`])?
    pub fn enough_to_peek(&self) -> bool {
        self.filled_rows > PREAMBLE_AT_MOST + 1
    }

    /// Does any cell show something?
    pub fn is_blank(&self) -> bool {
        self.filled_rows == 0
    }

    /// The first column any cell uses (0-based).
    pub fn first_col(&self) -> u32 {
        self.tally.bounds.map_or(0, |(_, _, c0, _)| c0)
    }

    /// Sorts the cells into sheet order (rows, then columns), unless they already are.
    fn sort(&mut self) {
        if !self.cells.windows(2).all(|w| (w[0].row, w[0].col) <= (w[1].row, w[1].col)) {
            self.cells.sort_by_key(|c| (c.row, c.col));
        }
    }

    /// Each row that holds a cell, in order: its 1-based number and its fields, from the first column any cell
    /// of the sheet uses to the last (as calamine's ranges give them, so that a header's width is the sheet's
    /// and a note to the right of the table stands inside it). The used area is within the limits.
    fn each_row(&mut self, mut take: impl FnMut(u64, &Vec<String>) -> bool) {
        self.sort();
        let (first_col, width) = self.tally.bounds.map_or((0, 0), |(_, _, c0, c1)| (c0, (c1 - c0 + 1) as usize));
        let mut fields: Vec<String> = Vec::new();
        let mut i = 0;
        while i < self.cells.len() {
            let row = self.cells[i].row;
            fields.clear();
            fields.resize(width, String::new());
            while let Some(cell) = self.cells.get(i).filter(|c| c.row == row) {
                let at = (cell.col - first_col) as usize;
                if let Some(field) = fields.get_mut(at) {
                    *field = self.text.get(cell.start as usize..cell.end as usize).unwrap_or("").to_string();
                }
                i += 1;
            }
            if !take(u64::from(row) + 1, &fields) {
                return;
            }
        }
    }

    /// Does one of the rows that the row reader would try as the header hold one it recognises? The same rows
    /// as it tries: the first [`PREAMBLE_AT_MOST`] + 1 that are not blank.
    pub fn has_header(&mut self, registry: &Registry) -> bool {
        let (mut tried, mut found) = (0, false);
        self.each_row(|_, fields| {
            if fields.iter().all(|f| f.trim().is_empty()) {
                return true;
            }
            tried += 1;
            found = read_header(fields, registry).is_ok();
            !found && tried <= PREAMBLE_AT_MOST
        });
        found
    }

    /// Gives every row to the row reader.
    pub fn feed(&mut self, rows: &mut Rows, diags: &mut Diagnostics) {
        self.each_row(|at, fields| {
            rows.row(fields, at, diags);
            true
        });
    }
}

/// A value of calamine's owned cells as Excel shows it, in the unit its format gives a number.
pub fn data_text(cell: &Data, show: Show, is_1904: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => number_text(*f, show),
        Data::Int(i) => number_text(*i as f64, show),
        Data::Bool(b) => bool_text(*b).to_string(),
        Data::DateTime(d) if d.is_datetime() => date_text(d.as_f64(), is_1904),
        Data::DateTime(d) => number_text(d.as_f64(), Show::Plain),
        Data::Error(e) => excel_error(e).to_string(),
    }
}

/// A value of calamine's borrowed cells (a streamed sheet) as Excel shows it.
pub fn data_ref_text(cell: &DataRef<'_>, show: Show, is_1904: bool) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Float(f) => number_text(*f, show),
        DataRef::Int(i) => number_text(*i as f64, show),
        DataRef::Bool(b) => bool_text(*b).to_string(),
        DataRef::DateTime(d) if d.is_datetime() => date_text(d.as_f64(), is_1904),
        DataRef::DateTime(d) => number_text(d.as_f64(), Show::Plain),
        DataRef::Error(e) => excel_error(e).to_string(),
    }
}

fn bool_text(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// An error cell as Excel shows it (`#DIV/0!`, `#N/A`), not as calamine names it (`Div0`, `NA`, and `#DATA!`
/// for Excel's `#GETTING_DATA`).
pub fn excel_error(e: &CellErrorType) -> &'static str {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => "#DIV/0!",
        E::NA => "#N/A",
        E::Name => "#NAME?",
        E::Null => "#NULL!",
        E::Num => "#NUM!",
        E::Ref => "#REF!",
        E::Value => "#VALUE!",
        E::GettingData => "#GETTING_DATA",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_calamine_error_reads_as_excel_spells_it() {
        use crate::dataset::value::{parse_cell, Cell, ValueError};
        use calamine::CellErrorType as E;
        let all = [E::Div0, E::NA, E::Name, E::Null, E::Num, E::Ref, E::Value, E::GettingData];
        for e in all {
            let text = excel_error(&e);
            match e {
                E::NA => assert_eq!(parse_cell(text), Ok(Cell::Missing)),
                _ => assert_eq!(parse_cell(text), Err(ValueError::ExcelError(text.to_string())), "{text}"),
            }
        }
    }

    #[test]
    fn rows_start_at_the_first_column_used_and_come_in_order() {
        let mut grid = Grid::default();
        grid.push(4, 3, "b").unwrap();
        grid.push(2, 1, "a").unwrap();
        grid.push(4, 1, "c").unwrap();
        let mut seen = Vec::new();
        grid.each_row(|at, fields| {
            seen.push((at, fields.clone()));
            true
        });
        let row3 = vec!["a".to_string(), String::new(), String::new()];
        assert_eq!(seen, vec![(3, row3), (5, vec!["c".into(), String::new(), "b".into()])]);
    }
}
