//! Workbooks as statistics bureaus keep them, judged as the same figures typed as plain numbers in a CSV:
//! percent-formatted cells, a ‰ unit column, a `0.000"‰"` cell, formula residue (94.99999999999999) and a
//! formula's cached result, merged section rows and a note below the table, a `2030年目标值` column, a notes
//! sheet, two data sheets, Excel's error cells, a data row above the header. Each is built here with
//! rust_xlsxwriter, or read from tests/fixtures/workbooks/ (made by openpyxl and LibreOffice, with the script
//! that made them), and its JSON results must equal the CSV's; its messages, in both languages, are snapshots.
//! Hostile workbooks (huge areas, zip bombs, truncated and mutated files) must end in exit 0, 1 or 2, within
//! seconds and bounded memory.

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use std::path::{Path, PathBuf};
mod common;
use common::{plancheck_in, Run};

const PLAN: &str = "jiangjin-women";

/// The figures of the office workbook, typed as plain numbers (wide form, 2020 and 2025).
const OFFICE_CSV: &str = "\
indicator,2020,2025
孕产妇死亡率,12,9.5
农村孕产妇死亡率,13,11
艾滋病母婴传播率,3,2.6
孕产妇系统管理率,,95
感染艾滋病孕产妇治疗率,,95
基本医疗保险女性参保率,,96.2
由政府举办的标准化妇幼保健机构数覆盖率,,100
女童九年义务教育巩固率,,
女性平均受教育年限,10.5,12
就业人员中女性比例,,43
";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks")
}

fn check(dir: &Path, data: &str, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--plan", PLAN, "--data", data, "--year", "2025"];
    args.extend_from_slice(extra);
    let run = plancheck_in(dir, &args);
    assert!(!run.stderr.contains("panicked"), "{data} made plancheck panic:\n{}", run.stderr);
    run
}

/// The JSON of a check, each region's object without the name of the data file, numbers without trailing
/// zeros (a ‰ converted to 1/10万 is 9.500; typed, 9.5).
fn results(dir: &Path, data: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = check(dir, data, &args);
    assert!(run.code == 0 || run.code == 1, "{data} must be read (exit {}):\n{}", run.code, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    // One region is an object, several an array: either way, a list of regions here.
    let regions = match json {
        serde_json::Value::Array(regions) => regions,
        one => vec![one],
    };
    let regions = regions.into_iter().map(|mut region| {
        region.as_object_mut().map(|o| o.remove("data"));
        without_trailing_zeros(&region)
    });
    serde_json::Value::Array(regions.collect())
}

fn without_trailing_zeros(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(trim_decimals(s)),
        Value::Array(items) => items.iter().map(without_trailing_zeros).collect(),
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), without_trailing_zeros(v))).collect(),
        other => other.clone(),
    }
}

/// `9.500` → `9.5`, `12.0` → `12`, in every number of a text.
fn trim_decimals(s: &str) -> String {
    let (mut out, mut number) = (String::new(), String::new());
    let flush = |number: &mut String, out: &mut String| {
        match number.contains('.') {
            true => out.push_str(number.trim_end_matches('0').trim_end_matches('.')),
            false => out.push_str(number),
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

/// The results that differ between two checks, one line each (the whole JSON is too long to read).
fn differences(a: &serde_json::Value, b: &serde_json::Value) -> String {
    let regions = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    let mut out = String::new();
    for (ra, rb) in regions(a).iter().zip(regions(b).iter()) {
        for (key, va) in ra.as_object().into_iter().flatten().filter(|(k, _)| *k != "results") {
            if Some(va) != rb.get(key) {
                out.push_str(&format!("{key}: {va} ≠ {}\n", rb.get(key).unwrap_or(&serde_json::Value::Null)));
            }
        }
        let list = |r: &serde_json::Value| r["results"].as_array().cloned().unwrap_or_default();
        for (x, y) in list(ra).iter().zip(list(rb).iter()).filter(|(x, y)| x != y) {
            out.push_str(&format!(
                "{} {}: {} {} ≠ {} {}\n",
                x["id"], x["name"], x["value"], x["status"], y["value"], y["status"]
            ));
        }
    }
    if regions(a).len() != regions(b).len() {
        out.push_str("the numbers of regions differ\n");
    }
    out
}

/// What a user sees from a check, in Chinese and in English: the exit code and stderr.
fn messages(dir: &Path, data: &str, extra: &[&str]) -> String {
    let zh = check(dir, data, extra);
    let mut en_args = extra.to_vec();
    en_args.extend_from_slice(&["--lang", "en"]);
    let en = check(dir, data, &en_args);
    assert_eq!(zh.code, en.code, "the exit code does not depend on the language");
    format!("exit code: {}\n{}=== --lang en ===\n{}", zh.code, zh.stderr, en.stderr)
}

macro_rules! snapshot {
    ($name:expr, $shown:expr) => {
        insta::with_settings!({ prepend_module_to_snapshot => true, omit_expression => true }, {
            insta::assert_snapshot!($name, $shown);
        })
    };
}

/// The sheet an office fills in: a merged title, a header with 序号, 单位 and a 2030年目标值 column, merged
/// section rows, rates typed into percent cells, maternal mortality in ‰ by its unit column, a `0.000"‰"`
/// cell, formula residue and a formula's cached result, `#N/A`, and a note below the table.
fn office_sheet(sheet: &mut Worksheet) {
    let percent = Format::new().set_num_format("0.0%");
    let whole_percent = Format::new().set_num_format("0%");
    let permille = Format::new().set_num_format("0.000\"‰\"");
    let merged = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 6, "江津区妇女发展规划监测数据（2025年）", &merged).unwrap();
    let header = ["序号", "指标名称", "单位", "2020年", "2025年", "2030年目标值", "备注"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.merge_range(2, 0, 2, 6, "一、妇女与健康", &merged).unwrap();
    let row = |sheet: &mut Worksheet, r: u32, n: f64, name: &str, unit: &str| {
        sheet.write_number(r, 0, n).unwrap();
        sheet.write_string(r, 1, name).unwrap();
        if !unit.is_empty() {
            sheet.write_string(r, 2, unit).unwrap();
        }
    };
    row(sheet, 3, 1.0, "孕产妇死亡率", "‰");
    sheet.write_number(3, 3, 0.12).unwrap();
    sheet.write_number(3, 4, 0.095).unwrap();
    sheet.write_number(3, 5, 0.08).unwrap();
    row(sheet, 4, 2.0, "农村孕产妇死亡率", "");
    sheet.write_number_with_format(4, 3, 0.13, &permille).unwrap();
    sheet.write_number_with_format(4, 4, 0.11, &permille).unwrap();
    row(sheet, 5, 3.0, "艾滋病母婴传播率", "%");
    sheet.write_number_with_format(5, 3, 0.03, &percent).unwrap();
    sheet.write_number_with_format(5, 4, 0.026, &percent).unwrap();
    sheet.write_string(5, 5, "<2%").unwrap();
    row(sheet, 6, 4.0, "孕产妇系统管理率", "%");
    // A sum whose binary residue Excel hides: the cell shows 95.
    sheet.write_number(6, 4, 94.999_999_999_999_99).unwrap();
    row(sheet, 7, 5.0, "感染艾滋病孕产妇治疗率", "%");
    sheet.write_formula(7, 4, Formula::new("=95*1").set_result("94.99999999999999")).unwrap();
    row(sheet, 8, 6.0, "基本医疗保险女性参保率", "");
    sheet.write_number_with_format(8, 4, 0.962, &percent).unwrap();
    row(sheet, 9, 7.0, "由政府举办的标准化妇幼保健机构数覆盖率", "");
    sheet.write_number_with_format(9, 4, 1.0, &whole_percent).unwrap();
    row(sheet, 10, 8.0, "女童九年义务教育巩固率", "%");
    sheet.write_formula(10, 4, Formula::new("=NA()").set_result("#N/A")).unwrap();
    sheet.write_string(10, 6, "统计口径调整").unwrap();
    sheet.merge_range(11, 0, 11, 6, "二、妇女与教育", &merged).unwrap();
    row(sheet, 12, 9.0, "女性平均受教育年限", "年");
    sheet.write_number(12, 3, 10.5).unwrap();
    sheet.write_formula(12, 4, Formula::new("=10.5+1.5").set_result("11.999999999999998")).unwrap();
    sheet.merge_range(13, 0, 13, 6, "三、妇女与经济", &merged).unwrap();
    row(sheet, 14, 10.0, "就业人员中女性比例", "");
    sheet.write_number_with_format(14, 4, 0.43, &percent).unwrap();
    sheet.merge_range(16, 0, 16, 6, "注：数据来源于区卫生健康委。", &Format::new()).unwrap();
}

/// The office workbook: the data sheet and a sheet of filling-in notes.
fn office_workbook(path: &Path) {
    let mut book = Workbook::new();
    office_sheet(book.add_worksheet().set_name("2025年监测").unwrap());
    let notes = book.add_worksheet().set_name("填表说明").unwrap();
    notes.write_string(0, 0, "1. 比率类指标请按百分比格式填写。").unwrap();
    notes.write_string(1, 0, "2. 孕产妇死亡率按‰填写。").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_office_workbook_is_judged_as_its_figures_typed_in_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    office_workbook(&dir.path().join("office.xlsx"));
    std::fs::write(dir.path().join("office.csv"), OFFICE_CSV).unwrap();
    let (xlsx, csv) = (results(dir.path(), "office.xlsx", &[]), results(dir.path(), "office.csv", &[]));
    assert!(xlsx == csv, "{}", differences(&xlsx, &csv));
    snapshot!("office.xlsx", messages(dir.path(), "office.xlsx", &[]));
}

/// A percent cell read as its stored fraction would pass the binding 艾滋病母婴传播率 <2 with 0.026; read as
/// the 2.6 % it shows, it is off track, and the check fails.
#[test]
fn a_percent_cell_is_the_percent_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    office_workbook(&dir.path().join("office.xlsx"));
    let json = results(dir.path(), "office.xlsx", &[]);
    let result = |indicator: &str| {
        json[0]["results"].as_array().unwrap().iter().find(|r| r["indicator"] == indicator).cloned().unwrap()
    };
    assert_eq!(result("hiv-mtct")["value"], "2.6");
    assert_eq!(result("hiv-mtct")["status"], "off_track");
    assert_eq!(result("maternal-mortality")["value"], "9.5");
    assert_eq!(check(dir.path(), "office.xlsx", &[]).code, 1);
}

/// Two sheets, one region each, without a region column.
fn two_sheets(path: &Path) {
    let mut book = Workbook::new();
    for (name, value) in [("甲县", 0.019), ("乙县", 0.026)] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        let percent = Format::new().set_num_format("0.0%");
        for (c, h) in ["指标", "年份", "数值"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "艾滋病母婴传播率").unwrap();
        sheet.write_number(1, 1, 2020.0).unwrap();
        sheet.write_number_with_format(1, 2, 0.03, &percent).unwrap();
        sheet.write_string(2, 0, "艾滋病母婴传播率").unwrap();
        sheet.write_number(2, 1, 2025.0).unwrap();
        sheet.write_number_with_format(2, 2, value, &percent).unwrap();
    }
    book.add_worksheet().set_name("空表").unwrap();
    book.save(path).unwrap();
}

const TWO_SHEETS_CSV: &str = "\
region,indicator,year,value
甲县,艾滋病母婴传播率,2020,3
甲县,艾滋病母婴传播率,2025,1.9
乙县,艾滋病母婴传播率,2020,3
乙县,艾滋病母婴传播率,2025,2.6
";

#[test]
fn two_data_sheets_are_never_read_by_a_silent_choice() {
    let dir = tempfile::tempdir().unwrap();
    two_sheets(&dir.path().join("two.xlsx"));
    snapshot!("two-sheets.xlsx", messages(dir.path(), "two.xlsx", &[]));
    std::fs::write(dir.path().join("two.csv"), TWO_SHEETS_CSV).unwrap();
    let all = results(dir.path(), "two.xlsx", &["--sheet", "*"]);
    let csv = results(dir.path(), "two.csv", &[]);
    assert!(all == csv, "--sheet '*': each sheet a region\n{}", differences(&all, &csv));
    let one = results(dir.path(), "two.xlsx", &["--sheet", "乙县"]);
    let csv_one = results(dir.path(), "two.csv", &["--region", "乙县"]);
    assert_eq!(one[0]["results"], csv_one[0]["results"], "--sheet NAME reads that sheet alone");
}

/// With a region column, `--sheet '*'` takes each row's region; the same value on two sheets is reported
/// with both cells.
#[test]
fn sheets_with_a_region_column_keep_their_rows_regions() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    for (name, rows) in [
        ("上半年", [("甲县", 2020.0, 3.0), ("乙县", 2020.0, 3.0)]),
        ("下半年", [("甲县", 2025.0, 1.9), ("甲县", 2020.0, 3.5)]),
    ] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in ["地区", "指标", "年份", "数值"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (region, year, value)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, *region).unwrap();
            sheet.write_string(r, 1, "艾滋病母婴传播率").unwrap();
            sheet.write_number(r, 2, *year).unwrap();
            sheet.write_number(r, 3, *value).unwrap();
        }
    }
    book.save(dir.path().join("regions.xlsx")).unwrap();
    snapshot!("regions.xlsx--sheet-all", messages(dir.path(), "regions.xlsx", &["--sheet", "*"]));
}

/// Excel's error values: `#N/A` is missing with a warning; every other one is an error at its cell.
#[test]
fn excel_error_cells_are_quoted_as_excel_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["指标", "年份", "数值"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let errors = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"];
    for (i, e) in errors.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, "孕产妇死亡率").unwrap();
        sheet.write_number(r, 1, 2018.0 + i as f64).unwrap();
        sheet.write_formula(r, 2, Formula::new("=1/0").set_result(*e)).unwrap();
    }
    book.save(dir.path().join("errors.xlsx")).unwrap();
    snapshot!("errors.xlsx", messages(dir.path(), "errors.xlsx", &[]));
}

/// A data row above the header is an error naming it; the title above it a warning.
#[test]
fn a_data_row_above_the_header_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "2025年监测数据").unwrap();
    for (c, v) in ["甲县", "孕产妇死亡率", "2025", "7.5"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    for (c, h) in ["region", "indicator", "year", "value"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (c, v) in ["甲县", "孕产妇死亡率", "2020", "12"].iter().enumerate() {
        sheet.write_string(3, c as u16, *v).unwrap();
    }
    book.save(dir.path().join("above.xlsx")).unwrap();
    snapshot!("above.xlsx", messages(dir.path(), "above.xlsx", &[]));
}

/// Workbooks written by openpyxl and converted by LibreOffice (tests/fixtures/workbooks/make.py): the same
/// figures as OFFICE_CSV, in .xlsx, .xls and .ods.
#[test]
fn workbooks_of_openpyxl_and_libreoffice_read_as_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("office.csv"), OFFICE_CSV).unwrap();
    let csv = results(dir.path(), "office.csv", &[]);
    for name in ["openpyxl-office.xlsx", "libreoffice-office.xls", "libreoffice-office.ods"] {
        std::fs::copy(fixtures().join(name), dir.path().join(name)).unwrap();
        let read = results(dir.path(), name, &[]);
        assert!(read == csv, "{name}\n{}", differences(&read, &csv));
        snapshot!(name, messages(dir.path(), name, &[]));
    }
}

#[path = "workbooks/hostile.rs"]
mod hostile;
