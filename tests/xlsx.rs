//! The workbooks plancheck writes, opened the way the analyst's Excel and a script would: with calamine (the
//! reader plancheck itself uses), checking sheet names, numbers as numbers, statuses, the bureau's words, the
//! 达标率 under both conventions, the link from the summary to each region, and `report`'s one workbook for a
//! batch with its regions × indicators sheet.

use calamine::{Data, DataType, Range, Reader, Xlsx};
use std::io::{Cursor, Read};
use std::path::Path;
mod common;
use common::plancheck;

const SAMPLE: &str = "data/jiangjin-2025.csv";

fn open(path: &Path) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = std::fs::read(path).expect("the workbook is written");
    Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    book.worksheet_range(name).expect("the sheet is there")
}

/// The row whose first cell is `first`.
fn row<'r>(range: &'r Range<Data>, first: &str) -> &'r [Data] {
    range.rows().find(|r| r.first().map(|c| c.to_string()) == Some(first.to_string())).expect(first)
}

/// The column of `header` in the header row (the one starting with `first`).
fn column(range: &Range<Data>, first: &str, header: &str) -> usize {
    row(range, first).iter().position(|c| *c == header).expect(header)
}

fn check_book(dir: &Path, extra: &[&str]) -> (common::Run, std::path::PathBuf) {
    let path = dir.join("check.xlsx");
    let out = path.display().to_string();
    let mut args = vec!["check", "--plan", "jiangjin-women", "--data", SAMPLE, "--format", "xlsx", "--out", &out];
    args.extend_from_slice(extra);
    (plancheck(&args), path)
}

#[test]
fn check_writes_a_summary_and_a_sheet_per_region_with_numbers_as_numbers() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (run, path) = check_book(dir.path(), &[]);
    assert_eq!(run.code, 1, "two binding targets fail: {}", run.stderr);
    assert_eq!(run.stdout, "", "the workbook goes to --out, nothing to stdout");
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), ["评估汇总", "重庆市江津区"]);

    let summary = sheet(&mut book, "评估汇总");
    let at = |h: &str| column(&summary, "规划", h);
    let line = row(&summary, "jiangjin-women");
    assert_eq!(line[at("地区")], Data::String("重庆市江津区".into()));
    assert_eq!(line[at("评估年份")], Data::Float(2025.0));
    assert_eq!(line[at("达标")], Data::Float(7.0));
    assert_eq!(line[at("未达标")], Data::Float(4.0));
    assert_eq!(line[at("达标数")], Data::Float(7.0));
    assert_eq!(line[at("可评估目标数")], Data::Float(68.0));
    assert_eq!(line[at("有数据目标数")], Data::Float(15.0));
    // The rates are numbers (a percent format shows them as 10.3%), the fraction of the counts beside them.
    assert_eq!(line[at("达标率（县级口径）")], Data::Float(0.103));
    assert_eq!(line[at("达标率（国家口径）")], Data::Float(0.467));
    assert_eq!(line[at("不通过")], Data::Float(2.0));
    assert!(
        summary.rows().any(|r| r[0].to_string().contains("7 个目标，其中 2 个不通过")),
        "the scope line is under the title"
    );

    let region = sheet(&mut book, "重庆市江津区");
    let at = |h: &str| column(&region, "编号", h);
    let mortality = row(&region, "health-3");
    assert_eq!(mortality[at("指标")], Data::String("孕产妇死亡率".into()));
    assert_eq!(mortality[at("单位")], Data::String("1/10万".into()));
    assert_eq!(mortality[at("目标")], Data::String("<8".into()));
    assert_eq!(mortality[at("属性")], Data::String("约束性".into()));
    assert_eq!(mortality[at("基线")], Data::Float(12.0));
    assert_eq!(mortality[at("当年值")], Data::Float(9.5));
    assert_eq!(mortality[at("状态")], Data::String("进度正常".into()));
    assert_eq!(mortality[at("评价")], Data::String("仍有差距".into()));
    // A plan-stated baseline says where it came from; a target without data has an empty value cell.
    let life = row(&region, "health-2");
    assert_eq!(life[at("基线")], Data::Float(82.22));
    assert_eq!(life[at("基线来源")], Data::String("规划文本".into()));
    assert_eq!(life[at("当年值")], Data::Empty);
    assert_eq!(life[at("状态")], Data::String("无数据".into()));
    // The failures the exit code counts are marked in their own column.
    let failing: Vec<String> = region
        .rows()
        .filter(|r| r.get(at("不通过")).map(|c| !c.is_empty()).unwrap_or(false))
        .map(|r| r[0].to_string())
        .filter(|id| id != "编号")
        .collect();
    assert_eq!(failing.len(), 2, "{failing:?}");
}

#[test]
fn the_summary_links_each_region_to_its_sheet() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (run, path) = check_book(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("written")).expect("a zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").expect("the summary sheet").read_to_string(&mut xml).expect("text");
    assert!(xml.contains("location=\"'重庆市江津区'!A1\""), "{xml}");
}

#[test]
fn english_workbooks_say_everything_in_english() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (run, path) = check_book(dir.path(), &["--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut book = open(&path);
    assert_eq!(book.sheet_names()[0], "Summary");
    let region = sheet(&mut book, "重庆市江津区");
    let at = |h: &str| column(&region, "ID", h);
    let mortality = row(&region, "health-3");
    assert_eq!(mortality[at("Status")], Data::String("on track".into()));
    assert_eq!(mortality[at("Attribute")], Data::String("binding".into()));
}

#[test]
fn status_failing_keeps_only_the_failures_in_the_workbook() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (run, path) = check_book(dir.path(), &["--status", "failing"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut book = open(&path);
    let region = sheet(&mut book, "重庆市江津区");
    let at = column(&region, "编号", "状态");
    let statuses: Vec<String> = region
        .rows()
        .skip_while(|r| r[0] != "编号")
        .skip(1)
        .take_while(|r| !r[0].is_empty())
        .map(|r| r[at].to_string())
        .collect();
    assert_eq!(statuses.len(), 2, "{statuses:?}");
    assert!(statuses.iter().all(|s| s == "未达标" || s == "进度滞后"), "{statuses:?}");
}

#[test]
fn several_regions_get_a_sheet_each_and_a_totals_row() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("towns.xlsx");
    let out = path.display().to_string();
    let run = plancheck(&[
        "check",
        "--plan",
        "jiangjin-women",
        "--data",
        "tests/fixtures/two-regions.csv",
        "--format",
        "xlsx",
        "--out",
        &out,
        "--fail-on",
        "none",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), ["评估汇总", "甲县", "乙县"]);
    let summary = sheet(&mut book, "评估汇总");
    let at = |h: &str| column(&summary, "规划", h);
    let rows: Vec<&[Data]> = summary.rows().filter(|r| r[0] == "jiangjin-women").collect();
    assert_eq!(rows.len(), 2);
    let total = row(&summary, "合计");
    for h in ["达标", "未达标", "无数据", "可评估目标数"] {
        let sum: f64 = rows.iter().map(|r| r[at(h)].get_float().unwrap_or(0.0)).sum();
        assert_eq!(total[at(h)].get_float(), Some(sum), "{h}");
    }
}

/// Runs `report --format xlsx` over the five towns into `out`.
fn report_book(out: &Path, plans: &str, extra: &[&str]) -> common::Run {
    let folder = out.display().to_string();
    let mut args = vec!["report", "--plan", plans, "--data", "tests/fixtures/batch-5-regions.csv", "--out", &folder];
    args.extend_from_slice(&["--format", "xlsx"]);
    args.extend_from_slice(extra);
    plancheck(&args)
}

#[test]
fn report_writes_one_workbook_for_the_batch_with_a_matrix() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("report");
    let run = report_book(&out, "jiangjin-women,jiangjin-children", &["--stage", "midterm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = open(&out.join("report.xlsx"));
    let names = book.sheet_names();
    assert_eq!(names[0], "评估汇总");
    // A sheet per plan × region (five towns, two plans), and one regions × indicators sheet per plan.
    assert!(
        names.contains(&"甲镇 jiangjin-women".to_string()) && names.contains(&"戊镇 jiangjin-children".to_string())
    );
    let matrices: Vec<&String> = names.iter().filter(|n| n.starts_with("各地区指标对比")).collect();
    assert_eq!(matrices, ["各地区指标对比 jiangjin-women", "各地区指标对比 jiangjin-children"]);
    assert_eq!(names.len(), 1 + 10 + 2, "{names:?}");
    let range = sheet(&mut book, matrices[0]);
    assert!(range.rows().any(|r| r[0] == "达标地区数"), "the matrix counts the regions that reached");
    let summary = sheet(&mut book, "评估汇总");
    assert_eq!(summary.rows().filter(|r| r[0].to_string().starts_with("jiangjin-")).count(), 10);
}

#[test]
fn report_says_it_wrote_a_workbook() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("book");
    let folder = out.display().to_string();
    let run = report_book(&out, "jiangjin-women", &["--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("已写入工作簿：汇总表、5 个地区工作表及各地区指标对比表：{folder}\n"));
    let files: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".plancheck.lock")
        .collect();
    assert_eq!(files, ["report.xlsx"], "one workbook, nothing else beside the folder's lock");
}

/// A workbook is not written over the analyst's terminal: run under a pseudo-terminal (util-linux `script`).
#[test]
fn a_workbook_is_not_sent_to_a_terminal() {
    let bin = env!("CARGO_BIN_EXE_plancheck");
    let command = format!("{bin} check --plan jiangjin-women --data {SAMPLE} --format xlsx; echo \"exit=$?\"");
    let run = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("util-linux script runs (CI installs it)");
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("exit=2"), "{said}");
    assert!(!said.contains("PK"), "no zip bytes on the terminal: {said}");
    assert!(said.contains("--out"), "the message says how to write the workbook: {said}");
}

/// A workbook is held whole until written: more region sheets than it is made with stop the run before anything
/// is evaluated, in both commands, and nothing is written.
#[test]
fn a_workbook_of_more_than_3000_regions_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut data = String::from("region,indicator,year,value\n");
    for i in 0..3001 {
        data.push_str(&format!("县{i},孕产妇死亡率,2025,9\n"));
    }
    std::fs::write(dir.path().join("many.csv"), data).expect("written");
    let args = ["check", "--plan", "jiangjin-women", "--data", "many.csv", "--format", "xlsx", "--out", "m.xlsx"];
    let run = common::plancheck_in(dir.path(), &args);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "错误[too-large]: Excel 工作簿最多写 3000 个地区工作表，本次需要 3001 个：请用 --region 选出地区、分批运行，\
         或改用 csv、json 格式\n\n错误：共 1 个错误\n"
    );
    assert!(!dir.path().join("m.xlsx").exists());
    let report = ["report", "--plan", "jiangjin-women", "--data", "many.csv", "--format", "xlsx", "--out", "r"];
    let run = common::plancheck_in(dir.path(), &[&report[..], &["--lang", "en"]].concat());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error[too-large]: a workbook is made with at most 3000 region sheets, and this run needs 3001"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("r").exists(), "no folder is made for a report that cannot be written");
}

/// The workbook as openpyxl (the reader of most office scripts) sees it: the same numbers, statuses and 达标率,
/// the rates formatted as percentages. Needs `pip install openpyxl` (CI installs it).
#[test]
#[ignore]
fn openpyxl_reads_the_numbers_statuses_and_rates() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (run, path) = check_book(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
summary, region = wb.worksheets[0], wb.worksheets[1]
head = next(r for r in summary.iter_rows() if r[0].value == "规划")
line = next(r for r in summary.iter_rows() if r[0].value == "jiangjin-women")
col = {c.value: i for i, c in enumerate(head)}
county, national = line[col["达标率（县级口径）"]], line[col["达标率（国家口径）"]]
print(county.value, county.number_format, national.value, line[col["达标数"]].value, line[col["可评估目标数"]].value)
head = next(r for r in region.iter_rows() if r[0].value == "编号")
col = {c.value: i for i, c in enumerate(head)}
for r in region.iter_rows():
    if r[0].value in ("health-3", "health-6", "education-14"):
        print(r[0].value, r[col["当年值"]].value, r[col["状态"]].value, r[col["评价"]].value, r[col["不通过"]].value)
print(region.freeze_panes)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, &path.display().to_string()])
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "0.103 0.0% 0.467 7 68\nhealth-3 9.5 进度正常 仍有差距 None\nhealth-6 2.6 进度滞后 仍有差距 ✗\n\
         education-14 11 进度滞后 仍有差距 ✗\nA4\n"
    );
}

/// With pages and the workbook both asked for, the index links the workbook; without it, it does not.
#[test]
fn the_index_links_the_workbook_when_one_is_written() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let both = dir.path().join("both");
    let run = report_book(&both, "jiangjin-women", &["--format", "html,markdown", "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(both.join("index.html")).expect("the index");
    assert!(html.contains("Excel 工作簿：<a href=\"report.xlsx\">report.xlsx</a>"), "{html}");
    let md = std::fs::read_to_string(both.join("index.md")).expect("the index");
    assert!(md.contains("Excel 工作簿：[report.xlsx](report.xlsx)"), "{md}");
    assert!(both.join("report.xlsx").exists());
    let pages = dir.path().join("pages");
    let folder = pages.display().to_string();
    let args = ["report", "--plan", "jiangjin-women", "--data", "tests/fixtures/batch-5-regions.csv", "--out", &folder];
    assert_eq!(plancheck(&[&args[..], &["--year", "2024"]].concat()).code, 0);
    let html = std::fs::read_to_string(pages.join("index.html")).expect("the index");
    assert!(!html.contains("report.xlsx"));
}
