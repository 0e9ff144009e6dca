//! A report page rendered by a real browser (headless Chromium, from Debian's `chromium` package): the DOM it
//! builds has the charts and the verdicts, and the console shows no error. Ignored by default because it needs
//! the browser; `.ci/run` installs Chromium and runs it with `cargo test --test browser -- --ignored`.

use scraper::{Html, Selector};
use std::process::Command;

#[test]
#[ignore = "needs Chromium: apt-get install chromium"]
fn a_report_page_renders_in_chromium_with_its_charts_and_no_errors() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let out = root.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .args([
            "report",
            "--plan",
            "jiangjin-women",
            "--data",
            "tests/fixtures/report-regions.csv",
            "--format",
            "html",
            "--out",
        ])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("plancheck runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let page = out.join("jiangjin-women--乐平镇.html");
    let profile = root.path().join("profile");
    let browser = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium is installed (apt-get install chromium)");
    assert!(browser.status.success(), "{}", String::from_utf8_lossy(&browser.stderr));
    let dom = Html::parse_document(&String::from_utf8_lossy(&browser.stdout));
    let count = |s: &str| dom.select(&Selector::parse(s).expect("a selector")).count();
    assert_eq!(count("div.target"), 83, "every target of the plan is rendered");
    let source = Html::parse_document(&std::fs::read_to_string(&page).expect("the page"));
    let charts = source.select(&Selector::parse("svg.chart").expect("a selector")).count();
    assert!(charts >= 3, "the three measured indicators at least have charts");
    assert_eq!(count("svg.chart"), charts, "the browser builds every chart of the page");
    assert_eq!(count("svg.chart polyline.series"), charts);
    assert!(count("span.verdict.met") >= 1);
    let log = String::from_utf8_lossy(&browser.stderr);
    let page_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Failed to load"))
        .collect();
    assert!(page_errors.is_empty(), "the page logged errors: {page_errors:?}");
}
