//! Report pages rendered and printed by a real browser (headless Chromium, from Debian's `chromium` package): the
//! DOM it builds has the charts and the verdicts, the console shows no error, and a region's page printed to PDF
//! is A4, at most six pages, and carries every year's value as text (read back with pdftotext, from
//! poppler-utils). Ignored by default because it needs the browser; `.ci/run` installs both and runs them with
//! `cargo test --test browser -- --ignored`.

use scraper::{Html, Selector};
use std::path::Path;
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
    let targets = plancheck::plan::load_catalog(&plancheck::plan::PlanSource::Embedded, &mut Default::default())
        .plan("jiangjin-women")
        .map_or(0, |p| p.targets.len());
    assert!(targets >= 83);
    assert_eq!(count("div.target"), targets, "every target of the plan is rendered");
    let source = Html::parse_document(&std::fs::read_to_string(&page).expect("the page"));
    let charts = source.select(&Selector::parse("svg.chart").expect("a selector")).count();
    assert!(charts >= 3, "the three measured indicators at least have charts");
    assert_eq!(count("svg.chart"), charts, "the browser builds every chart of the page");
    assert_eq!(count("svg.chart polyline.series"), charts);
    assert!(count("span.st.met") >= 1);
    let log = String::from_utf8_lossy(&browser.stderr);
    let page_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Failed to load"))
        .collect();
    assert!(page_errors.is_empty(), "the page logged errors: {page_errors:?}");
}

/// Headless Chromium with a fresh profile and nothing fetched from the network.
fn chromium(profile: &Path) -> Command {
    let mut c = Command::new("chromium");
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// pdfinfo's page count and page size in points.
fn pdf_pages(pdf: &Path) -> (usize, String) {
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo is installed (apt-get install poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field =
        |name: &str| info.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string()).unwrap_or_default();
    (field("Pages:").parse().unwrap_or(0), field("Page size:"))
}

/// A region's page of 80-odd targets, printed by Chromium: A4, at most six pages, the running header on every
/// page, and every year's value of every target as text — at the mid-term (portrait) and the final evaluation
/// (ten years of values, landscape).
#[test]
#[ignore = "needs Chromium and poppler-utils: apt-get install chromium poppler-utils"]
fn a_region_page_prints_on_at_most_six_a4_pages_with_every_years_value() {
    let root = tempfile::tempdir().expect("a temporary directory");
    for stage in ["midterm", "final"] {
        let out = root.path().join(stage);
        let run = Command::new(env!("CARGO_BIN_EXE_plancheck"))
            .args([
                "report",
                "--plan",
                "jiangjin-women,jiangjin-children",
                "--data",
                "tests/fixtures/batch-5-regions.csv",
            ])
            .args(["--stage", stage, "--format", "html,json", "--out"])
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("plancheck runs");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        for plan in ["jiangjin-women", "jiangjin-children"] {
            let page = out.join(format!("{plan}--乙镇.html"));
            let pdf = root.path().join(format!("{stage}-{plan}.pdf"));
            let printed = chromium(&root.path().join(format!("profile-{stage}-{plan}")))
                .arg(format!("--print-to-pdf={}", pdf.display()))
                .arg(format!("file://{}", page.display()))
                .output()
                .expect("chromium is installed");
            assert!(printed.status.success() && pdf.is_file(), "{}", String::from_utf8_lossy(&printed.stderr));
            let (pages, size) = pdf_pages(&pdf);
            eprintln!("{stage} {plan}: {pages} pages, {size}");
            assert!((1..=6).contains(&pages), "{stage} {plan}: {pages} pages");
            assert!(size.ends_with("(A4)"), "{stage} {plan}: {size}");
            let text = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext runs");
            let text = String::from_utf8_lossy(&text.stdout).into_owned();
            let tokens: std::collections::HashSet<&str> =
                text.split_whitespace().map(|t| t.trim_end_matches('*')).collect();
            let data: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(out.join(format!("{plan}--乙镇.json"))).expect("the JSON page"),
            )
            .expect("JSON");
            let mut values = 0;
            for r in data["results"].as_array().into_iter().flatten() {
                for v in r["values"].as_array().into_iter().flatten() {
                    // As read (the baseline column) or without trailing zeros (the year columns).
                    let raw = v["value"].as_str().unwrap_or_default();
                    let shown = normalised(raw);
                    let found = tokens.contains(raw) || tokens.contains(shown.as_str());
                    assert!(found, "{stage} {plan} {} {}: {raw} is not in the PDF", r["id"], v["year"]);
                    values += 1;
                }
            }
            assert!(values > 300, "{values} values checked");
            // The running header (plan · region · stage · year) heads every page; pdftotext drops its spaces.
            let compact: String = text.split_whitespace().collect();
            let word = if stage == "midterm" { "中期评估" } else { "终期评估" };
            let header = format!("（2021－2030年）·乙镇·{word}·");
            assert_eq!(compact.matches(&header).count(), pages, "the running header on every page");
        }
    }
}

/// A decimal as the page shows it: no trailing zeros (`12.0` → `12`).
fn normalised(v: &str) -> String {
    if v.contains('.') {
        v.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        v.to_string()
    }
}
