//! `report` tried as a 监测组 (monitoring office) would: five towns, both Jiangjin plans, 2020–2030
//! (tests/fixtures/batch-5-regions.csv, written by `cargo run --example gen_batch`). The index's numbers add up,
//! a mid-term page shows no later year, the regions × indicators page agrees with the region pages, a
//! regional-gap target is judged on the batch, no ceiling target warns falsely, and the command's guards (a
//! stage with --year, an earlier run's files, bad rows with --keep-going, ASCII names) hold.

mod common;

use common::{plancheck_in, Run};
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};

const DATA: &str = "tests/fixtures/batch-5-regions.csv";
const TOWNS: [&str; 5] = ["甲镇", "乙镇", "丙镇", "丁镇", "戊镇"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `report` on both plans over the fixture into `out`.
fn report(out: &Path, extra: &[&str]) -> Run {
    let out = out.display().to_string();
    let mut args = vec!["report", "--plan", "jiangjin-women,jiangjin-children", "--data", DATA, "--out", &out];
    args.extend_from_slice(extra);
    plancheck_in(root(), &args)
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

fn html(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn select(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("a count, not {v}"))
}

/// `57.1%（4/7）` → (57.1, 4, 7); `无数据` → None.
fn rate_cell(text: &str) -> Option<(String, u64, u64)> {
    let (rate, rest) = text.trim().split_once("%（")?;
    let (part, whole) = rest.trim_end_matches('）').split_once('/')?;
    Some((rate.to_string(), part.parse().ok()?, whole.parse().ok()?))
}

/// part / whole in percent with one decimal, rounded half away from zero, as plancheck writes it.
fn percent(part: u64, whole: u64) -> String {
    let tenths = (part * 1000 * 2 + whole) / (whole * 2);
    format!("{}.{}", tenths / 10, tenths % 10)
}

struct Midterm {
    _dir: tempfile::TempDir,
    out: PathBuf,
}

fn midterm(extra: &[&str]) -> Midterm {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    let mut args = vec!["--stage", "midterm"];
    args.extend_from_slice(extra);
    let run = report(&out, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("丁镇"), "the town without 2025 data is named: {}", run.stderr);
    Midterm { _dir: dir, out }
}

#[test]
fn the_index_reconciles_its_counts_rates_and_totals() {
    let m = midterm(&[]);
    let index = json(&m.out.join("index.json"));
    let plans = index["plans"].as_array().expect("plans");
    assert_eq!(plans.len(), 2);
    let grades = ["achieved", "achieved_early", "nearly_achieved", "short", "no_data", "not_assessed", "warnings"];
    for plan in plans {
        let pages: Vec<&Value> =
            index["pages"].as_array().expect("pages").iter().filter(|p| p["plan"] == plan["plan"]).collect();
        assert_eq!(pages.len(), 5);
        for word in grades {
            let sum: u64 = pages.iter().map(|p| n(&p["grades"][word])).sum();
            assert_eq!(sum, n(&plan["grades"][word]), "{} {word}", plan["plan"]);
        }
        for p in pages.iter().copied().chain([plan]) {
            let g = &p["grades"];
            let reached = n(&g["achieved"]) + n(&g["achieved_early"]) + n(&g["nearly_achieved"]);
            assert_eq!(reached, n(&p["rates"]["reached"]), "the three reached words add up to the numerator");
            let (assessable, with_data) = (n(&p["rates"]["assessable"]), n(&p["rates"]["with_data"]));
            assert_eq!(assessable, with_data + n(&g["no_data"]));
            match with_data {
                0 => assert_eq!(p["rates"]["county"], Value::Null, "no data is no rate, not 0 %"),
                _ => {
                    assert_eq!(p["rates"]["county"], percent(reached, assessable).as_str());
                    assert_eq!(p["rates"]["national"], percent(reached, with_data).as_str());
                }
            }
        }
    }
    // The HTML index says the same: per row, the three reached words add up to the numerator of both rates,
    // and the totals row is the sum of the rows.
    let page = html(&m.out.join("index.html"));
    assert_eq!(page.select(&select("html[lang=zh-CN]")).count(), 1);
    let tables: Vec<_> = page.select(&select("table.index")).collect();
    assert_eq!(tables.len(), 2, "one table per plan");
    for table in tables {
        let mut sums = [0u64; 7];
        let rows: Vec<_> = table.select(&select("tbody tr")).collect();
        assert_eq!(rows.len(), 6, "five towns and the totals");
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row.select(&select("td, th")).map(|c| c.text().collect()).collect();
            let counts: Vec<u64> = cells[2..9].iter().map(|c| c.trim().parse().expect("a count")).collect();
            let reached = counts[0] + counts[1] + counts[2];
            for cell in [&cells[9], &cells[10]] {
                match rate_cell(cell) {
                    Some((rate, part, whole)) => {
                        assert_eq!(part, reached, "{cell}");
                        assert_eq!(rate, percent(part, whole), "{cell}");
                    }
                    None => assert_eq!(cell.trim(), "无数据"),
                }
            }
            if i < 5 {
                for (s, c) in sums.iter_mut().zip(&counts) {
                    *s += c;
                }
            } else {
                assert!(cells[0].starts_with("合计（5）"), "{}", cells[0]);
                assert_eq!(counts, sums, "the totals row sums the rows");
            }
        }
    }
}

#[test]
fn a_mid_term_page_shows_no_later_year_and_marks_the_evaluation_year() {
    let m = midterm(&[]);
    for town in TOWNS {
        let page = json(&m.out.join(format!("jiangjin-women--{town}.json")));
        assert_eq!(page["year"], 2025);
        for r in page["results"].as_array().expect("results") {
            for key in ["history", "values"] {
                for y in r[key].as_array().into_iter().flatten() {
                    assert!(y["year"].as_i64().is_some_and(|y| y <= 2025), "{town} {} {key} {y}", r["id"]);
                }
            }
        }
        let doc = html(&m.out.join(format!("jiangjin-women--{town}.html")));
        let heads: Vec<String> = doc.select(&select("table.compact thead th")).map(|t| t.text().collect()).collect();
        assert!(heads.iter().all(|h| !["2026", "2027", "2028", "2029", "2030"].contains(&h.trim())), "{heads:?}");
        for chart in doc.select(&select("svg.chart")) {
            assert_eq!(chart.select(&select("line.evaluated:not(.key)")).count(), 1, "the evaluation year is marked");
            for point in chart.select(&select("text.value")) {
                let x: f64 = point.value().attr("x").and_then(|x| x.parse().ok()).expect("an x");
                let mark = chart.select(&select("line.evaluated:not(.key)")).next().and_then(|l| l.value().attr("x1"));
                let mark: f64 = mark.and_then(|x| x.parse().ok()).expect("the mark's x");
                assert!(x <= mark + 0.05, "a value drawn after 2025 on {town}'s page");
            }
            let later: Vec<String> = chart.select(&select("text.later")).map(|t| t.text().collect()).collect();
            assert!(later.iter().all(|y| y.as_str() > "2025"), "{later:?}");
        }
    }
}

/// The = 100 targets (女童九年义务教育巩固率, 标准化妇幼保健机构覆盖率, ...) rise 96 → 99 in the towns on course:
/// their projection passes 100, which reaches the target, so no warning.
#[test]
fn no_ceiling_target_warns_in_a_town_on_course() {
    let m = midterm(&[]);
    for plan in ["jiangjin-women", "jiangjin-children"] {
        for town in ["甲镇", "乙镇"] {
            let page = json(&m.out.join(format!("{plan}--{town}.json")));
            let ceiling: Vec<&Value> = page["results"]
                .as_array()
                .expect("results")
                .iter()
                .filter(|r| r["kind"] == "eq" && r["unit"] == "%")
                .collect();
            assert!(!ceiling.is_empty(), "{plan} has = 100 targets");
            for r in ceiling {
                assert_eq!(r["warning"], "", "{plan} {town} {}: {}", r["id"], r["warning"]);
                assert!(r["values"][0]["value"].as_str().is_some_and(|v| v.starts_with("9")), "{r}");
            }
        }
    }
}

#[test]
fn the_regions_by_indicators_page_agrees_with_the_region_pages() {
    let m = midterm(&[]);
    for plan in ["jiangjin-women", "jiangjin-children"] {
        let matrix = json(&m.out.join(format!("matrix--{plan}.json")));
        let columns = matrix["columns"].as_array().expect("columns");
        let rows = matrix["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 5);
        let mut reached = vec![0u64; columns.len()];
        let mut last_rate = f64::INFINITY;
        for row in rows {
            let page = json(&m.out.join(format!("{plan}--{}.json", row["region"].as_str().expect("a region"))));
            assert_eq!(row["rates"], page["rates"].as_object().map(|r| {
                serde_json::json!({"reached": r["reached"], "assessable": r["assessable"], "with_data": r["with_data"]})
            }).expect("rates"));
            let rate = row["county"].as_str().and_then(|r| r.parse().ok()).unwrap_or(-1.0);
            assert!(rate <= last_rate, "rows are sorted by 达标率, highest first");
            last_rate = rate;
            let results = page["results"].as_array().expect("results");
            for (i, (column, cell)) in columns.iter().zip(row["cells"].as_array().expect("cells")).enumerate() {
                let r = results.iter().find(|r| r["id"] == column["id"]).expect("the target is on the page");
                assert_eq!(
                    (&cell["status"], &cell["grade"]),
                    (&r["status"], &r["grade"]),
                    "{} {}",
                    row["region"],
                    column["id"]
                );
                if ["achieved", "achieved_early", "nearly_achieved"].contains(&r["grade"].as_str().unwrap_or("")) {
                    reached[i] += 1;
                }
            }
            let quantified = results.iter().filter(|r| r["kind"] != "qualitative").count();
            assert_eq!(columns.len(), quantified, "one column per quantified target");
        }
        for (column, count) in columns.iter().zip(reached) {
            assert_eq!(n(&column["reached"]), count, "{}", column["id"]);
        }
        // The HTML page: a coloured, labelled cell per region and target, and the count row.
        let doc = html(&m.out.join(format!("matrix--{plan}.html")));
        assert_eq!(doc.select(&select("td.cell")).count(), rows.len() * columns.len());
        for cell in doc.select(&select("td.cell")) {
            let text: String = cell.text().collect();
            assert!(!text.trim().is_empty() && cell.value().attr("title").is_some(), "a cell is labelled");
        }
        assert_eq!(doc.select(&select("tr.total td")).count(), columns.len());
        let first: Vec<String> = doc.select(&select("tbody tr th a")).map(|a| a.text().collect()).collect();
        let sorted: Vec<&str> = rows.iter().filter_map(|r| r["region"].as_str()).collect();
        assert_eq!(first, sorted, "the HTML rows are in the JSON's order");
    }
}

#[test]
fn a_regional_gap_is_judged_across_the_batch() {
    let m = midterm(&[]);
    let mut reasons = Vec::new();
    for town in TOWNS {
        let page = json(&m.out.join(format!("jiangjin-women--{town}.json")));
        let r = page["results"].as_array().and_then(|r| r.iter().find(|r| r["id"] == "health-main-2b")).cloned();
        let r = r.expect("the regional-gap target");
        match town {
            // 丁镇 stops at 2024: not among the regions compared in 2025.
            "丁镇" => assert_eq!(r["status"], "no_data"),
            _ => {
                assert!(r["status"] == "met" || r["status"] == "unmet", "{town}: {r}");
                reasons.push(r["reason"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    assert!(reasons.iter().all(|r| r == &reasons[0] && r.starts_with("4个地区之间的极差 2020年")), "{reasons:?}");
}

#[test]
fn a_final_evaluation_on_data_that_stop_early_names_the_regions_and_says_no_data() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    let run = report(&out, &["--stage", "final", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[stage-year-missing]") || run.stderr.contains("警告[stage-year-missing]"));
    assert!(
        run.stderr.contains("终期评估的评估年份为2030年，以下1个地区没有2030年的数据，其报告为无数据：丁镇"),
        "{}",
        run.stderr
    );
    let index = json(&out.join("index.json"));
    for p in index["pages"].as_array().expect("pages").iter().filter(|p| p["region"] == "丁镇") {
        assert_eq!(p["rates"]["county"], Value::Null, "{p}");
        assert_eq!(p["rates"]["with_data"], 0);
    }
    let run = report(&dir.path().join("html"), &["--stage", "final", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = html(&dir.path().join("html/index.html"));
    for row in doc.select(&select("table.index tbody tr")) {
        let cells: Vec<String> = row.select(&select("td")).map(|c| c.text().collect()).collect();
        if cells[0] == "丁镇" {
            assert_eq!((cells[9].as_str(), cells[10].as_str()), ("无数据", "无数据"), "not 0 %");
        }
    }
}

#[test]
fn a_stage_with_a_year_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let run = report(&dir.path().join("out"), &["--stage", "midterm", "--year", "2024"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--year 2024 不能与 --stage midterm 同时使用"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists());
    let annual = report(&dir.path().join("annual"), &["--stage", "annual", "--year", "2024", "--format", "json"]);
    assert_eq!(annual.code, 0, "{}", annual.stderr);
}

#[test]
fn an_earlier_runs_files_are_named_and_clean_removes_only_those() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    assert_eq!(report(&out, &["--format", "json"]).code, 0);
    std::fs::write(out.join("jiangjin-women--己镇.json"), "{}").expect("an old page");
    std::fs::write(out.join("notes.txt"), "the office's own notes").expect("a file of the office");
    let again = report(&out, &["--format", "json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("[earlier-files]") && again.stderr.contains("jiangjin-women--己镇.json"),
        "{}",
        again.stderr
    );
    let clean = report(&out, &["--format", "json", "--clean"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(!clean.stderr.contains("earlier-files"), "{}", clean.stderr);
    assert!(!out.join("jiangjin-women--己镇.json").exists());
    assert!(out.join("notes.txt").exists(), "a file plancheck did not write is left alone");
    assert!(out.join("jiangjin-women--甲镇.json").exists(), "this run's pages are written again");
}

#[test]
fn keep_going_writes_the_good_regions_lists_the_bad_rows_and_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = std::fs::read_to_string(root().join(DATA)).expect("the fixture");
    let bad = data.replacen("丙镇,婚前医学检查率,2021,", "丙镇,婚前医学检查率,2021,abc", 1);
    let bad = bad.replacen("\n丙镇,婚前医学检查率,2022,", "\n丙镇,婚前医学检查率,2022,x", 1);
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, bad).expect("written");
    let out = dir.path().join("out");
    let args = |extra: &'static [&'static str]| {
        let mut a = vec!["report", "--plan", "jiangjin-women", "--format", "json", "--data"];
        a.extend(extra);
        a
    };
    let (file, out_arg) = (file.display().to_string(), out.display().to_string());
    let mut without = args(&[]);
    without.extend([file.as_str(), "--out", &out_arg]);
    let stop = plancheck_in(root(), &without);
    assert_eq!(stop.code, 2);
    assert!(!out.exists(), "nothing is written for bad input without --keep-going");
    let mut with = without.clone();
    with.push("--keep-going");
    let go = plancheck_in(root(), &with);
    assert_eq!(go.code, 2, "bad rows still exit 2");
    assert_eq!(go.stderr.matches("错误[bad-value]").count(), 2, "each bad row is listed: {}", go.stderr);
    assert!(go.stderr.contains("1个地区有被拒绝的数据行，未生成其报告：丙镇"), "{}", go.stderr);
    for town in TOWNS {
        assert_eq!(out.join(format!("jiangjin-women--{town}.json")).exists(), town != "丙镇", "{town}");
    }
}

#[test]
fn ascii_names_and_percent_encoded_links() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let own = dir.path().join("own");
    assert_eq!(report(&own, &["--format", "html"]).code, 0);
    let index = html(&own.join("index.html"));
    let links: Vec<String> =
        index.select(&select("a")).filter_map(|a| a.value().attr("href").map(str::to_string)).collect();
    assert!(links.iter().all(|l| l.is_ascii()), "{links:?}");
    assert!(links.contains(&"jiangjin-women--%E7%94%B2%E9%95%87.html".to_string()), "{links:?}");
    let ascii = dir.path().join("ascii");
    assert_eq!(report(&ascii, &["--format", "html,json", "--ascii-names"]).code, 0);
    let names: Vec<String> = std::fs::read_dir(&ascii)
        .expect("listable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.is_ascii()), "{names:?}");
    assert!(names.contains(&"jiangjin-children--region-005.html".to_string()), "{names:?}");
    let index = json(&ascii.join("index.json"));
    let page =
        index["pages"].as_array().and_then(|p| p.iter().find(|p| p["file"] == "jiangjin-women--region-001.html"));
    assert_eq!(page.map(|p| &p["region"]), Some(&Value::from("甲镇")), "the index maps the number back to the name");
}

#[test]
fn an_english_report_says_every_label_in_english_charts_included() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    let run = report(&out, &["--stage", "midterm", "--format", "html", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = html(&out.join("jiangjin-women--乙镇.html"));
    assert_eq!(doc.select(&select("html[lang=en]")).count(), 1);
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for text in doc.select(&select("svg.chart text")) {
        let t: String = text.text().collect();
        assert!(!cjk(&t), "a chart label in Chinese on an English page: {t}");
    }
    for th in doc.select(&select("table th")) {
        let t: String = th.text().collect();
        // Column and summary headers are English; domain rows are the plan's own words.
        if th.value().attr("colspan").is_none() {
            assert!(!cjk(&t), "{t}");
        }
    }
    let binding: Vec<_> = doc.select(&select("tr.binding")).collect();
    assert!(!binding.is_empty(), "binding targets are marked");
    for row in binding {
        assert!(row.text().collect::<String>().contains('★'));
    }
    let summary: String = doc.select(&select("table.summary")).flat_map(|t| t.text()).collect();
    assert!(summary.contains("Warning"), "the page summary counts the warnings: {summary}");
}
