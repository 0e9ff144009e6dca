//! `template` tried as the analyst uses it: for every embedded plan, each layout (long, wide) and each format
//! (CSV with a byte order mark, .xlsx), with and without a region column, the sheet is filled in where its
//! value cells are and `check` reads it back without edits and without a warning, every indicator's value
//! arriving at its targets.

use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
mod common;
use common::{plancheck, plancheck_in, Run};

const PLANS: [&str; 10] = [
    "jiangjin-women",
    "jiangjin-children",
    "gaoping-women",
    "gaoping-children",
    "jilin-women",
    "jilin-children",
    "lechang-women",
    "lechang-children",
    "leping-women",
    "leping-children",
];

/// The value typed into every empty value cell of `YEAR`.
const TYPED: &str = "1.5";
const YEAR: i32 = 2025;

fn template(plan: &str, extra: &[&str]) -> Run {
    let mut args = vec!["template", "--plan", plan];
    args.extend_from_slice(extra);
    let run = plancheck(&args);
    assert_eq!(run.code, 0, "{plan} {extra:?}: {}", run.stderr);
    run
}

/// Checks `data` at YEAR and returns, per target with an indicator, its value; stderr must hold nothing but the
/// scope note a machine format always prints.
fn values(dir: &Path, plan: &str, data: &str) -> BTreeMap<String, serde_json::Value> {
    let year = YEAR.to_string();
    let args = ["check", "--plan", plan, "--data", data, "--year", &year, "--format", "json", "--fail-on", "none"];
    let run = plancheck_in(dir, &args);
    assert_eq!(run.code, 0, "{plan} {data}: {}", run.stderr);
    let rest: Vec<&str> = run.stderr.lines().filter(|l| !l.is_empty() && !l.starts_with("注[scope]")).collect();
    assert!(rest.is_empty(), "{plan} {data}: read back with messages:\n{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let mut out = BTreeMap::new();
    for region in json.as_array().expect("an array") {
        for r in region["results"].as_array().expect("results") {
            if !r["indicator"].is_null() {
                let key = format!("{}/{}", region["region"].as_str().unwrap_or(""), r["id"].as_str().unwrap_or(""));
                out.insert(key, r["value"].clone());
            }
        }
    }
    out
}

/// Every target with an indicator has the typed value.
fn all_typed(plan: &str, what: &str, values: &BTreeMap<String, serde_json::Value>) {
    assert!(!values.is_empty(), "{plan} {what}: no targets read");
    let wrong: Vec<_> = values.iter().filter(|(_, v)| v.as_str() != Some(TYPED)).collect();
    assert!(wrong.is_empty(), "{plan} {what}: values that did not arrive: {wrong:?}");
}

/// The long CSV with TYPED in each row of YEAR.
fn fill_long(csv: &str) -> String {
    let year = format!(",{YEAR},");
    csv.lines()
        .map(|l| if l.ends_with(&year) { format!("{l}{TYPED}") } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn csv_templates_start_with_a_byte_order_mark_and_chinese_headers() {
    let run = template("jiangjin-women", &["--years", "2025"]);
    assert!(run.stdout.starts_with("\u{feff}领域,指标编号,名称,单位,目标,属性,年份,数值\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("\n妇女与健康,maternal-mortality,孕产妇死亡率,1/10万,<8；城乡、区域差距逐步缩小,约束性,2025,\n"),
        "{}",
        run.stdout
    );
    let en = template("jiangjin-women", &["--years", "2025", "--lang", "en", "--layout", "wide"]);
    assert!(en.stdout.starts_with("\u{feff}domain,indicator,name,unit,target,attribute,2025\n"), "{}", en.stdout);
}

#[test]
fn the_baseline_years_figures_the_plan_states_are_filled_in() {
    let run = template("jiangjin-children", &["--years", "2020-2021", "--layout", "wide"]);
    assert!(run.stdout.contains(",neonatal-mortality,新生儿死亡率,‰,<1.5,约束性,2.09,\n"), "{}", run.stdout);
}

#[test]
fn a_filled_long_csv_is_read_back_for_every_plan() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for plan in PLANS {
        let filled = fill_long(&template(plan, &[]).stdout);
        std::fs::write(dir.path().join("long.csv"), filled).expect("written");
        all_typed(plan, "long CSV", &values(dir.path(), plan, "long.csv"));
    }
}

#[test]
fn a_filled_wide_csv_with_regions_is_read_back_for_every_plan() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for plan in PLANS {
        let run = template(plan, &["--layout", "wide", "--years", "2024-2025", "--regions", "甲镇,乙镇"]);
        // The last column is 2025: type into it.
        let filled: Vec<String> = run
            .stdout
            .lines()
            .enumerate()
            .map(|(i, l)| if i > 0 && l.ends_with(',') { format!("{l}{TYPED}") } else { l.to_string() })
            .collect();
        std::fs::write(dir.path().join("wide.csv"), filled.join("\n")).expect("written");
        let values = values(dir.path(), plan, "wide.csv");
        assert!(values.keys().any(|k| k.starts_with("甲镇/")) && values.keys().any(|k| k.starts_with("乙镇/")));
        all_typed(plan, "wide CSV", &values);
    }
}

/// The workbook `template` wrote, with TYPED typed into its empty cells of YEAR, saved again: what the analyst
/// hands back.
fn fill_workbook(path: &Path) {
    let mut book = Xlsx::new(Cursor::new(std::fs::read(path).expect("written"))).expect("calamine opens it");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    let header: Vec<String> = range.rows().next().expect("a header").iter().map(|c| c.to_string()).collect();
    let year_columns: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.as_str() == format!("{YEAR}年") || h.as_str() == "年份")
        .map(|(i, _)| i)
        .collect();
    let long = header.iter().any(|h| h == "年份");
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet.set_name(&name).expect("the name");
    for (r, row) in range.rows().enumerate() {
        let typed_here = r > 0 && (!long || row.get(year_columns[0]) == Some(&Data::Float(YEAR as f64)));
        for (c, cell) in row.iter().enumerate() {
            let (r, col) = (r as u32, c as u16);
            let empty_value =
                *cell == Data::Empty && (if long { c == header.len() - 1 } else { year_columns.contains(&c) });
            match cell {
                _ if typed_here && empty_value => sheet.write_number(r, col, TYPED.parse::<f64>().expect("a number")),
                Data::Float(f) => sheet.write_number(r, col, *f),
                Data::Int(i) => sheet.write_number(r, col, *i as f64),
                Data::Empty => continue,
                other => sheet.write_string(r, col, other.to_string()),
            }
            .expect("written");
        }
    }
    out.save(path).expect("saved");
}

#[test]
fn a_filled_workbook_is_read_back_for_every_plan_in_both_layouts() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for plan in PLANS {
        for layout in ["long", "wide"] {
            let path = dir.path().join(format!("{plan}-{layout}.xlsx"));
            let out = path.display().to_string();
            let args = ["--format", "xlsx", "--layout", layout, "--years", "2020-2025", "--out", &out];
            let run = template(plan, &args);
            assert_eq!(run.stdout, "", "the workbook goes to --out");
            fill_workbook(&path);
            let data = path.file_name().expect("a name").to_string_lossy().into_owned();
            all_typed(plan, layout, &values(dir.path(), plan, &data));
        }
    }
}

#[test]
fn a_workbook_template_holds_the_plans_words_and_numbers() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("t.xlsx");
    let out = path.display().to_string();
    template("jiangjin-children", &["--format", "xlsx", "--layout", "wide", "--years", "2020-2021", "--out", &out]);
    let mut book = Xlsx::new(Cursor::new(std::fs::read(&path).expect("written"))).expect("calamine opens it");
    assert_eq!(book.sheet_names(), ["jiangjin-children"]);
    let range = book.worksheet_range("jiangjin-children").expect("the sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["领域", "指标编号", "名称", "单位", "目标", "属性", "2020年", "2021年"]);
    let neonatal = rows.iter().find(|r| r[1] == Data::String("neonatal-mortality".into())).expect("a row");
    assert_eq!(neonatal[3], Data::String("‰".into()));
    assert_eq!(neonatal[6], Data::Float(2.09), "the plan's baseline is a number");
}

#[test]
fn bad_years_are_refused_in_the_users_language() {
    let run = plancheck(&["template", "--plan", "jiangjin-women", "--years", "2025-2020"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "错误[bad-flag]: --years 应写作一个年份或 起-止（1949–2100 之间），如 2025 或 2020-2025，而不是 \"2025-2020\"\n\n错误：共 1 个错误\n"
    );
    let en = plancheck(&["template", "--plan", "jiangjin-women", "--years", "abc", "--lang", "en"]);
    assert_eq!(
        en.stderr,
        "error[bad-flag]: --years takes a year or FROM-TO within 1949–2100, e.g. 2025 or 2020-2025, not \"abc\"\n\nerror: 1 error found\n"
    );
}
