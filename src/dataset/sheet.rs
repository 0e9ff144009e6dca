//! Excel workbooks (.xlsx, .xls, .xlsb, .ods) through calamine: the chosen sheet (`--sheet`, default the first)
//! goes row by row into the same reader as text files; locations name the file, the sheet and the cell
//! (`data.xlsx!Sheet1!C7`).

use super::origin::Origin;
use super::read::LoadOptions;
use super::rows::Rows;
use super::Dataset;
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::indicator::Registry;
use calamine::{open_workbook_auto, Data, Reader};
use std::path::Path;

pub fn load(path: &Path, registry: &Registry, options: &LoadOptions, diags: &mut Diagnostics) -> Dataset {
    let name = path.display().to_string();
    let mut book = match open_workbook_auto(path) {
        Ok(book) => book,
        Err(e) => {
            diags.push(Diagnostic::error(Message::UnreadableWorkbook { file: name, detail: e.to_string() }));
            return Dataset::default();
        }
    };
    let sheets = book.sheet_names();
    let sheet = match &options.sheet {
        Some(wanted) if sheets.contains(wanted) => wanted.clone(),
        Some(wanted) => {
            let msg = Message::UnknownSheet { file: name, sheet: wanted.clone(), sheets };
            diags.push(Diagnostic::error(msg));
            return Dataset::default();
        }
        None => match sheets.first() {
            Some(first) => first.clone(),
            None => {
                diags.push(Diagnostic::error(Message::NoSheet { file: name }));
                return Dataset::default();
            }
        },
    };
    let range = match book.worksheet_range(&sheet) {
        Ok(range) => range,
        Err(e) => {
            let msg = Message::UnreadableSheet { file: name, sheet, detail: e.to_string() };
            diags.push(Diagnostic::error(msg));
            return Dataset::default();
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let origin = Origin::Sheet { file: format!("{name}!{sheet}").into(), first_col: first_col + 1 };
    let mut rows = Rows::new(origin, registry, options);
    let mut fields: Vec<String> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        fields.clear();
        fields.extend(row.iter().map(cell_text));
        rows.row(&fields, (first_row as usize + i + 1) as u64, diags);
    }
    rows.finish(diags)
}

/// A cell as the text a person would type: numbers in their shortest exact form.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => excel_error(e).to_string(),
    }
}

/// An error cell as Excel shows it (`#DIV/0!`, `#N/A`), not as calamine names it.
fn excel_error(e: &calamine::CellErrorType) -> &'static str {
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
