//! `plancheck report` over a multi-region file, checked by parsing what it writes: every page has its charts, its
//! verdicts and escaped text, every file stays under --out, and early warnings fire only where a series is off
//! course.

use scraper::{Html, Selector};
use std::path::Path;
use std::process::Command;

const DATA: &str = "tests/fixtures/report-regions.csv";
const NASTY: &str = "<b>甲县</b>/../乙";

fn report(out: &Path, extra: &[&str]) -> (i32, String, String) {
    let out_arg = out.display().to_string();
    let mut args =
        vec!["report", "--plan", "jiangjin-women", "--plan", "jiangjin-children", "--data", DATA, "--out", &out_arg];
    args.extend_from_slice(extra);
    let run = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (run.status.code().unwrap_or(-1), text(&run.stdout), text(&run.stderr))
}

fn select(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("valid JSON")
}

#[test]
fn every_page_has_its_charts_verdicts_and_escaped_text_and_stays_under_out() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let out = root.path().join("out");
    let (code, stdout, stderr) = report(&out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("已写入 4 个地区页面"), "{stdout}");
    // Nothing outside --out: the temporary root holds only the out folder, and out holds only files.
    let top: Vec<_> =
        std::fs::read_dir(root.path()).expect("listable").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(top, vec![std::ffi::OsString::from("out")]);
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&out).expect("listable").filter_map(|e| e.ok()) {
        assert!(entry.file_type().expect("a type").is_file());
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(!name.contains(['/', '\\', '<', '>']), "{name}");
        let region_page = !name.starts_with("matrix--") && !name.starts_with("narrative--") && name != "index.html";
        if name.ends_with(".html") && region_page {
            pages.push(entry.path());
        }
    }
    assert_eq!(pages.len(), 4);
    for page in &pages {
        let html = Html::parse_document(&std::fs::read_to_string(page).expect("readable"));
        let data = json(&page.with_extension("json"));
        let results = data["results"].as_array().expect("results");
        let targets = html.select(&select("div.target")).count();
        assert_eq!(targets, results.len(), "{}", page.display());
        assert_eq!(html.select(&select("div.target span.st")).count(), results.len());
        let quantified = results.iter().filter(|r| r["kind"] != "qualitative").count();
        assert_eq!(html.select(&select("table.compact tbody tr:not(.domain)")).count(), quantified);
        let with_values = results
            .iter()
            .filter(|r| r["history"].as_array().is_some_and(|h| !h.is_empty()) && r["indicator"].is_string())
            .count();
        let charts = html.select(&select("svg.chart")).count();
        let drawn = results.iter().filter(|r| has_series(r)).count();
        assert_eq!(charts, drawn, "{}: one chart per target with values", page.display());
        assert!(with_values >= drawn);
        assert!(html.select(&select("script, link, img, iframe")).next().is_none(), "self-contained, no scripts");
        let meta = html.select(&select("div.meta")).next().expect("a meta line").text().collect::<String>();
        if data["region"] == NASTY {
            assert!(meta.contains(NASTY), "the region is shown as text: {meta}");
            assert!(html.select(&select("div.meta b")).next().is_none(), "the region's tags are not markup");
        }
        // Every verbatim target text is on the page.
        let texts: Vec<String> = html.select(&select("div.text q")).map(|q| q.text().collect()).collect();
        for r in results {
            assert!(texts.iter().any(|t| t == r["target"].as_str().unwrap_or_default()), "{}", r["target"]);
        }
    }
    let index = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).expect("an index"));
    let links: Vec<String> =
        index.select(&select("a")).filter_map(|a| a.value().attr("href").map(str::to_string)).collect();
    // Per plan: the matrix and the drafted report; per page: the page and its drafted report.
    assert_eq!(links.len(), 2 * 2 + 4 * 2);
    for link in links {
        assert!(out.join(decode(&link)).is_file(), "{link}");
    }
    let index_json = json(&out.join("index.json"));
    assert_eq!(index_json["pages"].as_array().map(Vec::len), Some(4));
}

/// A percent-encoded link as the file name it names.
fn decode(link: &str) -> String {
    let bytes = link.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], link.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The chart draws the indicator's series; a page shows one where the series has a value.
fn has_series(r: &serde_json::Value) -> bool {
    r["indicator"].is_string() && (r["value"].is_string() || r["baseline"].is_string() || series_in_history(r))
}

fn series_in_history(r: &serde_json::Value) -> bool {
    r["history"].as_array().is_some_and(|h| h.iter().any(|y| y["status"] != "no_data"))
}

fn result<'a>(page: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    page["results"].as_array().and_then(|r| r.iter().find(|r| r["id"] == id)).expect("the target is reported")
}

#[test]
fn a_worsening_series_warns_and_one_on_course_does_not() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let out = root.path().join("out");
    assert_eq!(report(&out, &["--format", "json"]).0, 0);
    let worse = json(&out.join("jiangjin-women--b-甲县-b-乙.json"));
    let on_course = json(&out.join("jiangjin-women--乐平镇.json"));
    assert_eq!(result(&worse, "health-1")["warning"], "2022—2024年连续两年下降（62 → 61 → 60.5）");
    assert_eq!(result(&worse, "health-3")["warning"], "按2020—2024年趋势，2030年预计为 9.98，难以达标");
    assert_eq!(result(&on_course, "health-3")["warning"], "");
    assert_eq!(result(&on_course, "health-3")["status"], "on_track");
    assert_eq!(result(&on_course, "health-5a")["status"], "met");
    assert_eq!(result(&on_course, "health-5a")["warning"], "");
    let course: Vec<String> = result(&worse, "health-1")["history"]
        .as_array()
        .expect("a course")
        .iter()
        .map(|y| format!("{} {}", y["year"], y["status"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(course, ["2020 no_data", "2021 met", "2022 unmet", "2023 unmet", "2024 unmet"]);
}

#[test]
fn stages_set_the_evaluation_year_and_rates_use_both_conventions() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let mid = root.path().join("mid");
    assert_eq!(report(&mid, &["--format", "json", "--stage", "midterm"]).0, 0);
    let page = json(&mid.join("jiangjin-women--乐平镇.json"));
    assert_eq!(page["year"], 2025);
    assert_eq!(page["stage"], "midterm");
    assert_eq!(page["rates"]["with_data"], 0);
    assert_eq!(page["rates"]["national"], serde_json::Value::Null);
    let annual = root.path().join("annual");
    assert_eq!(report(&annual, &["--format", "json"]).0, 0);
    let page = json(&annual.join("jiangjin-women--乐平镇.json"));
    // 宫颈癌筛查率 met, 性别比 closer to the band, and the gap in 孕产妇死亡率 between the two regions widened
    // (range 2 in 2020, 3 in 2024): 2 reached of 4 with data, of 68 assessable.
    assert_eq!(page["rates"]["reached"], 2);
    assert_eq!(page["rates"]["with_data"], 4);
    assert_eq!(page["rates"]["national"], "50.0");
    assert_eq!(page["rates"]["county"], "2.9");
    assert_eq!(result(&page, "health-main-2b")["status"], "unmet");
}

#[test]
fn report_exits_1_only_with_fail_on_and_a_failure() {
    let root = tempfile::tempdir().expect("a temporary directory");
    assert_eq!(report(&root.path().join("a"), &["--format", "markdown"]).0, 0);
    assert_eq!(report(&root.path().join("b"), &["--format", "markdown", "--fail-on", "binding"]).0, 1);
    let bad = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .args(["report", "--plan", "jiangjin-women", "--data", "tests/fixtures/malformed.csv", "--out"])
        .arg(root.path().join("c"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(!root.path().join("c").exists(), "nothing is written for bad input");
}

#[test]
fn plans_of_ones_own_and_embedded_ones_share_one_registry_in_a_report() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let plans = root.path().join("plans");
    std::fs::create_dir_all(plans.join("indicators")).expect("folders");
    std::fs::write(
        plans.join("indicators/extra.toml"),
        "[[indicator]]\nid = \"test-extra-rate\"\nname = \"测试专用比例\"\nunit = \"%\"\n",
    )
    .expect("written");
    let plan = std::fs::read_to_string("tests/lint/good.toml").expect("the good plan");
    let plan = plan.replace("孕产妇死亡率控制在12/10万以下", "测试专用比例达到50%以上").replace(
        "indicator = \"maternal-mortality\"\nrule = { kind = \"max\", value = \"12\" }",
        "indicator = \"test-extra-rate\"\nrule = { kind = \"min\", value = \"50\" }",
    );
    std::fs::write(plans.join("test-women.toml"), plan).expect("written");
    let data = root.path().join("data.csv");
    std::fs::write(&data, "indicator,year,value\n测试专用比例,2024,55\n孕产妇死亡率,2024,7\n").expect("written");
    let out = root.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .args(["report", "--plan", "jiangjin-women", "--plan"])
        .arg(plans.join("test-women.toml"))
        .arg("--data")
        .arg(&data)
        .args(["--format", "json", "--out"])
        .arg(&out)
        .output()
        .expect("the binary runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let own = json(&out.join("test-women--测试市.json"));
    assert_eq!(result(&own, "health-1")["status"], "met");
    let embedded = json(&out.join("jiangjin-women--重庆市江津区.json"));
    assert_eq!(result(&embedded, "health-3")["value"], "7");
}
