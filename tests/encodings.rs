//! One data file, many forms: tests/fixtures/jiangjin-women-2025.csv written as GB18030, UTF-16LE with BOM,
//! UTF-8 with BOM, tab-separated UTF-16 (Excel's "Unicode text") and an .xlsx workbook gives the same results as
//! the UTF-8 CSV. Workbooks: `--sheet` picks a sheet, an unknown sheet is an error naming the sheets, and an error
//! in a cell names file, sheet and cell.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;
mod common;
use common::plancheck_in as plancheck;

const FIXTURE: &str = "tests/fixtures/jiangjin-women-2025.csv";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The JSON results of `check --format json --year 2025` on `data` (a path relative to `dir`).
fn results(dir: &Path, data: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--plan", "jiangjin-women", "--data", data, "--format", "json", "--year", "2025"];
    args.extend_from_slice(extra);
    let run = plancheck(dir, &args);
    assert_eq!(run.code, 1, "{data}: the fixture has failing binding targets:\n{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let results = json[0]["results"].clone();
    assert!(results.as_array().is_some_and(|r| r.len() > 50), "{data}: every target has a result");
    results
}

fn fixture_text() -> String {
    std::fs::read_to_string(manifest_dir().join(FIXTURE)).expect("the fixture reads")
}

/// The fixture's records: header first.
fn fixture_records() -> Vec<Vec<String>> {
    let text = fixture_text();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.expect("the fixture is CSV").iter().map(str::to_string).collect()).collect()
}

/// The UTF-8 CSV's results: what every other form must give.
fn expected() -> serde_json::Value {
    results(manifest_dir(), FIXTURE, &[])
}

#[test]
fn gb18030_utf16_and_bom_give_the_results_of_utf8() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let text = fixture_text();
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend(text.as_bytes());
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert_ne!(gb18030.as_ref(), text.as_bytes(), "GB18030 differs from UTF-8 for Chinese text");
    // Excel's "Unicode text": tab-separated UTF-16LE with a BOM.
    let tsv = fixture_records().iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\r\n");
    let mut unicode_text = vec![0xFF, 0xFE];
    unicode_text.extend(tsv.encode_utf16().flat_map(u16::to_le_bytes));
    let forms: [(&str, &[u8]); 4] = [
        ("gb18030.csv", &gb18030),
        ("utf16le.csv", &utf16le),
        ("utf8-bom.csv", &utf8_bom),
        ("unicode-text.txt", &unicode_text),
    ];
    let expected = expected();
    for (name, bytes) in forms {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        assert_eq!(results(dir.path(), name, &[]), expected, "{name} reads like the UTF-8 file");
    }
}

/// The fixture as a worksheet: numbers as numeric cells, the rest as text, missing cells left empty; an extra
/// area to the right that holds nothing to read (a merged note, formatted empty cells).
fn write_fixture_sheet(sheet: &mut Worksheet) {
    let records = fixture_records();
    for (r, record) in records.iter().enumerate() {
        for (c, cell) in record.iter().enumerate() {
            let (row, col) = (r as u32, c as u16);
            let plain_number = !cell.is_empty() && cell.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
            if plain_number {
                sheet.write_number(row, col, cell.parse::<f64>().expect("a number")).expect("write");
            } else if !cell.is_empty() {
                sheet.write_string(row, col, cell).expect("write");
            }
        }
    }
    let bold = Format::new().set_bold();
    sheet.merge_range(1, 6, 3, 7, "填表说明：本表为2025年监测数据", &bold).expect("merge");
    for row in 10..14 {
        for col in 8..10 {
            sheet.write_blank(row, col, &bold).expect("blank");
        }
    }
}

/// A workbook: the fixture on Sheet1; on Sheet2 a title row and a different maternal mortality.
fn write_workbook(path: &Path, sheet1_extra: impl FnOnce(&mut Worksheet)) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sheet1").expect("name");
    write_fixture_sheet(sheet);
    sheet1_extra(sheet);
    let second = book.add_worksheet();
    second.set_name("第二版").expect("name");
    second.merge_range(0, 0, 0, 2, "2025年监测数据（修订）", &Format::new()).expect("merge");
    let rows: [(&str, f64, f64); 2] = [("孕产妇死亡率", 2020.0, 12.0), ("孕产妇死亡率", 2025.0, 7.5)];
    for (c, name) in ["指标", "年份", "数值"].iter().enumerate() {
        second.write_string(1, c as u16, *name).expect("write");
    }
    for (r, (name, year, value)) in rows.iter().enumerate() {
        let row = r as u32 + 2;
        second.write_string(row, 0, *name).expect("write");
        second.write_number(row, 1, *year).expect("write");
        second.write_number(row, 2, *value).expect("write");
    }
    book.save(path).expect("the workbook saves");
}

/// Excel keeps numbers, not how they were typed: 12.0 is 12. Results compare with trailing zeros of decimals
/// dropped (`12.0` → `12`, `96.20` → `96.2`), in every string.
fn without_trailing_zeros(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::String(s) => serde_json::Value::String(trim_decimals(s)),
        serde_json::Value::Array(items) => items.iter().map(without_trailing_zeros).collect(),
        serde_json::Value::Object(map) => {
            map.iter().map(|(k, v)| (k.clone(), without_trailing_zeros(v))).collect::<serde_json::Map<_, _>>().into()
        }
        other => other.clone(),
    }
}

fn trim_decimals(s: &str) -> String {
    let mut out = String::new();
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        if number.contains('.') && !number.ends_with("..") {
            let trimmed = number.trim_end_matches('0').trim_end_matches('.');
            out.push_str(trimmed);
        } else {
            out.push_str(number);
        }
        number.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || (c == '.' && !number.is_empty()) {
            number.push(c);
        } else {
            flush(&mut number, &mut out);
            out.push(c);
        }
    }
    flush(&mut number, &mut out);
    out
}

#[test]
fn trailing_zeros_are_trimmed_only_from_decimals() {
    assert_eq!(trim_decimals("12.0 → 9.50 (100 of 2025)"), "12 → 9.5 (100 of 2025)");
}

#[test]
fn an_xlsx_workbook_gives_the_results_of_the_csv() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_workbook(&dir.path().join("data.xlsx"), |_| {});
    // Both sheets hold a table: which one is read is said, never guessed.
    let args = ["check", "--plan", "jiangjin-women", "--data", "data.xlsx", "--year", "2025", "--sheet", "Sheet1"];
    let run = plancheck(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr, "警告[ignored-columns]: 以下各列不作为数值读取：note\n  ┌─ data.xlsx!Sheet1!D1: 不读取\n\n",
        "the note column is named once; the merged note and the empty cells to the right are no problem"
    );
    assert!(run.stdout.contains("数据行：读取 30 · 本规划使用 30 · 未使用 0 · 拒绝 0"), "{}", run.stdout);
    let xlsx = without_trailing_zeros(&results(dir.path(), "data.xlsx", &["--sheet", "Sheet1"]));
    let csv = without_trailing_zeros(&expected());
    assert_eq!(xlsx, csv);
}

#[test]
fn sheet_picks_a_second_sheet_and_its_title_row_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_workbook(&dir.path().join("data.xlsx"), |_| {});
    let args = [
        "check",
        "--plan",
        "jiangjin-women",
        "--data",
        "data.xlsx",
        "--sheet",
        "第二版",
        "--format",
        "json",
        "--lang",
        "en",
    ];
    let run = plancheck(dir.path(), &args);
    assert_eq!(
        run.stderr,
        "warning[skipped-row]: skipped a row before the header: \"2025年监测数据（修订）\"\n  ┌─ data.xlsx!第二版!A1: not data\n\n\
         note[scope]: scope: binding targets (--fail-on auto), 7 targets\n\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let json = &json[0];
    let mortality = json["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["indicator"] == "maternal-mortality")
        .expect("maternal mortality is a target");
    assert_eq!(mortality["value"], "7.5", "the value of the second sheet, not the first");
    assert_eq!(json["accounting"]["read"], 2);
}

#[test]
fn an_unknown_sheet_is_an_error_naming_the_sheets() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_workbook(&dir.path().join("data.xlsx"), |_| {});
    let run = plancheck(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "data.xlsx", "--sheet", "Sheet3"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误[unknown-sheet]: 工作簿 data.xlsx 中没有工作表 \"Sheet3\"；现有工作表：Sheet1、第二版\n\n错误：共 1 个错误\n"
    );
    let args = ["check", "--plan", "jiangjin-women", "--data", "data.xlsx", "--sheet", "Sheet3", "--lang", "en"];
    let run = plancheck(dir.path(), &args);
    assert_eq!(
        run.stderr,
        "error[unknown-sheet]: workbook data.xlsx has no sheet \"Sheet3\"; its sheets: Sheet1, 第二版\n\nerror: 1 error found\n"
    );
}

#[test]
fn an_error_in_a_workbook_names_file_sheet_and_cell() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Row 7 of Sheet1 is 适龄妇女宫颈癌人群筛查率 2020; its value (C7) becomes a unit the indicator cannot take,
    // and row 12 names an indicator no plan knows.
    write_workbook(&dir.path().join("data.xlsx"), |sheet| {
        sheet.write_string(6, 2, "50岁").expect("write");
        sheet.write_string(11, 0, "婚前医学检察率").expect("write");
    });
    let args = ["check", "--plan", "jiangjin-women", "--data", "data.xlsx", "--sheet", "Sheet1", "--lang", "en"];
    let run = plancheck(dir.path(), &args);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error[bad-unit]: \"50岁\" is not in the indicator's unit (%)\n  ┌─ data.xlsx!Sheet1!C7\n\n\
         error[unknown-indicator]: 婚前医学检察率 is not a known indicator\n  ┌─ data.xlsx!Sheet1!A12: did you mean 婚前医学检查率?\n\n\
         warning[ignored-columns]: these columns are not read as values: note\n  ┌─ data.xlsx!Sheet1!D1: not read\n\n\
         error: 2 errors found\n"
    );
}

#[test]
fn a_workbook_that_is_no_workbook_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("data.xlsx"), fixture_text()).expect("write");
    let run = plancheck(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "data.xlsx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("错误[unreadable-file]: 无法读取工作簿 data.xlsx："), "{}", run.stderr);
}

#[test]
fn an_empty_sheet_has_no_header() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("空表").expect("name");
    book.save(dir.path().join("data.xlsx")).expect("the workbook saves");
    let run = plancheck(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "data.xlsx"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "错误[empty-file]: data.xlsx!空表 没有表头行（应为 indicator,year,value）\n  ┌─ data.xlsx!空表!A1\n\n\
         错误：共 1 个错误\n"
    );
}
