//! The whole command line, as users run it: outputs as snapshots, exit codes under every --fail-on, and the
//! exact messages for bad input.

mod common;
use common::{plancheck, Run};

const FIXTURE: &str = "tests/fixtures/jiangjin-women-2025.csv";
const PASSING: &str = "tests/fixtures/jiangjin-women-pass.csv";

fn check(data: &str, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--plan", "jiangjin-women", "--data", data];
    args.extend_from_slice(extra);
    plancheck(&args)
}

#[test]
fn check_table_in_chinese() {
    let run = check(FIXTURE, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// At 80 columns a record per target replaces the grid; targets without data are named, a line per domain.
#[test]
fn check_table_at_80_columns() {
    let run = check(FIXTURE, &["--width", "80"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

/// `--status failing` keeps exactly the targets the footer counts as failing, marked ✗.
#[test]
fn status_failing_shows_only_the_failures() {
    let run = check(FIXTURE, &["--status", "failing", "--lang", "en"]);
    assert_eq!(run.code, 1);
    let marked = run.stdout.lines().filter(|l| l.contains("✗")).count();
    assert_eq!(marked, 2, "{}", run.stdout);
    assert!(run.stdout.contains("2 of "), "{}", run.stdout);
    assert!(run.stdout.contains("targets, 2 failing"), "{}", run.stdout);
    let hidden = check(FIXTURE, &["--hide", "no_data,not_assessed", "--format", "csv"]);
    assert!(!hidden.stdout.contains(",无数据,"), "{}", hidden.stdout);
    assert!(hidden.stdout.starts_with('\u{feff}'), "the CSV starts with a byte order mark for Excel");
}

#[test]
fn check_table_in_english() {
    let run = check(FIXTURE, &["--lang", "en"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_json() {
    let run = check(FIXTURE, &["--year", "2025", "--format", "json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_json_reports_the_line_verdicts() {
    let run = check(FIXTURE, &["--year", "2025", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(1), "an array whatever the number of regions");
    let json = &json[0];
    let status = |id: &str| {
        let results = json["results"].as_array().expect("results");
        let r = results.iter().find(|r| r["id"] == id).expect("the target is reported");
        r["status"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(status("health-3"), "on_track"); // 9.5 against the 2025 line of 10
    assert_eq!(status("health-6"), "off_track"); // 2.6 against the 2025 line of 2.5
    assert_eq!(status("health-4"), "met");
    assert_eq!(json["summary"]["off_track"], 3);
    assert_eq!(json["results"][0]["warning"], "");
}

#[test]
fn check_junit() {
    let run = check(FIXTURE, &["--format", "junit"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_csv_and_markdown() {
    let csv = check(FIXTURE, &["--format", "csv"]);
    insta::assert_snapshot!("csv", csv.stdout);
    let md = check(FIXTURE, &["--format", "markdown"]);
    insta::assert_snapshot!("markdown", md.stdout);
}

#[test]
fn exit_codes_under_every_fail_on() {
    let cases = [
        (FIXTURE, "binding", 1),
        (FIXTURE, "quantified", 1),
        (FIXTURE, "all", 1),
        (FIXTURE, "none", 0),
        (PASSING, "binding", 0),
        (PASSING, "quantified", 0),
        (PASSING, "all", 1), // 婚前医学检查率 逐年提高 fell: unmet, but it states no number
        (PASSING, "none", 0),
    ];
    for (data, scope, code) in cases {
        let run = check(data, &["--fail-on", scope]);
        assert_eq!(run.code, code, "{data} --fail-on {scope}: {}", run.stdout);
    }
}

#[test]
fn fail_on_missing_fails_on_no_data_in_scope() {
    assert_eq!(check(PASSING, &[]).code, 0);
    assert_eq!(check(PASSING, &["--fail-on-missing"]).code, 1);
}

#[test]
fn a_missing_data_file_exits_2_naming_it() {
    let run = check("tests/fixtures/no-such-file.csv", &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "错误[unreadable-file]: 无法读取数据文件 tests/fixtures/no-such-file.csv：文件或文件夹不存在\n\n错误：共 1 个错误\n"
    );
    let run = check("tests/fixtures/no-such-file.csv", &["--lang", "en"]);
    assert_eq!(
        run.stderr,
        "error[unreadable-file]: cannot read data file tests/fixtures/no-such-file.csv: No such file or directory (os error 2)\n\nerror: 1 error found\n"
    );
}

#[test]
fn a_malformed_file_exits_2_with_every_error_located() {
    let run = check("tests/fixtures/malformed.csv", &[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn an_unknown_plan_is_a_usage_error() {
    let run = plancheck(&["check", "--plan", "jiangjin-woman", "--data", FIXTURE]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("错误[unknown-plan]: 没有规划 \"jiangjin-woman\"（是否指 jiangjin-women？）；已知的规划："),
        "{}",
        run.stderr
    );
    let run = plancheck(&["check", "--plan", "jiangjin-woman", "--data", FIXTURE, "--lang", "en"]);
    assert!(
        run.stderr.starts_with("error[unknown-plan]: no plan \"jiangjin-woman\" (did you mean jiangjin-women?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    let run = check(FIXTURE, &["--format", "pdf"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'pdf' for '--format"), "{}", run.stderr);
}

#[test]
fn regions_are_evaluated_on_their_own() {
    let run = check("tests/fixtures/two-regions.csv", &["--format", "json", "--fail-on", "none"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let regions: Vec<&str> =
        json.as_array().expect("an array").iter().map(|r| r["region"].as_str().unwrap_or("")).collect();
    assert_eq!(regions, ["甲县", "乙县"]);
    let one = check("tests/fixtures/two-regions.csv", &["--region", "乙县", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&one.stdout).expect("valid JSON");
    let json = &json[0];
    assert_eq!(json["region"], "乙县");
    let mm = json["results"].as_array().and_then(|r| r.iter().find(|r| r["id"] == "health-3").cloned());
    assert_eq!(mm.map(|r| r["status"].clone()), Some("off_track".into())); // 11.5 against the 2024 line of 10.4
    assert_eq!(one.code, 1);
    let unknown = check("tests/fixtures/two-regions.csv", &["--region", "丙县"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "错误[unknown-region]: tests/fixtures/two-regions.csv 中没有地区 \"丙县\"；其中的地区：甲县、乙县\n\n错误：共 1 个错误\n"
    );
}

#[test]
fn wide_files_read_like_long_ones() {
    let run = check("tests/fixtures/wide.csv", &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let json = &json[0];
    assert_eq!(json["year"], 2023);
    let find = |id: &str| json["results"].as_array().and_then(|r| r.iter().find(|r| r["id"] == id).cloned());
    assert_eq!(find("health-1").map(|r| r["status"].clone()), Some("met".into())); // 逐年提高 60→63
    assert_eq!(find("health-3").map(|r| r["value"].clone()), Some("9.8".into()));
}

#[test]
fn plans_list_shows_every_plan() {
    let run = plancheck(&["plans", "list"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_shows_the_text_the_place_and_the_rule() {
    let run = plancheck(&["explain", "--plan", "jiangjin-women", "孕产妇死亡率"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn lint_passes_on_the_embedded_plans() {
    let run = plancheck(&["lint"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "已检查 10 个规划，没有错误\n");
    let run = plancheck(&["lint", "--lang", "en"]);
    assert_eq!(run.stdout, "10 plans checked, no errors\n");
}

#[test]
fn a_filled_in_template_is_read_back_without_edits() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let template = plancheck(&["template", "--plan", "jiangjin-children", "--years", "2020-2022"]);
    assert_eq!(template.code, 0);
    // The analyst types 2.1 into the value cell of 婴儿死亡率 in 2022 (the last column).
    let filled: String = template
        .stdout
        .lines()
        .map(|line| match line.contains(",infant-mortality,") && line.ends_with(",2022,") {
            true => format!("{line}2.1"),
            false => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = dir.path().join("filled.csv");
    std::fs::write(&path, filled).expect("written");
    let path = path.display().to_string();
    let run =
        plancheck(&["check", "--plan", "jiangjin-children", "--data", &path, "--format", "json", "--year", "2022"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let json = &json[0];
    let infant =
        json["results"].as_array().and_then(|r| r.iter().find(|r| r["indicator"] == "infant-mortality").cloned());
    assert_eq!(infant.map(|r| r["value"].clone()), Some("2.1".into()));
}

#[test]
fn explain_shows_the_reading_in_the_output_language_and_the_plans_own_name() {
    let zh = plancheck(&["explain", "--plan", "gaoping-women", "decision-6a"]);
    assert_eq!(zh.code, 0, "{}", zh.stderr);
    assert!(zh.stdout.contains("国有企业董事会成员中的女性比例 (soe-board-female, %)"), "{}", zh.stdout);
    assert!(zh.stdout.contains("解读: 一句写董事会、监事会、管理层三个机构"), "{}", zh.stdout);
    let en = plancheck(&["explain", "--plan", "gaoping-women", "decision-6a", "--lang", "en"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(en.stdout.contains("reading: One clause names three bodies"), "{}", en.stdout);
    // 江津's own row wording, not the shorter shared name.
    let own = plancheck(&["explain", "--plan", "jiangjin-women", "decision-20"]);
    assert!(own.stdout.contains("全区中国共产党女党员比例 (cpc-members-female, %)"), "{}", own.stdout);
}

/// Shares typed as fractions (0.43 for 43 %) against a `%` target are judged as written, with a warning at the
/// largest value; values a real rate could have are left alone.
#[test]
fn fractions_where_percentages_belong_are_warned_about() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = "指标,年份,数值\n就业人员中女性比例,2025,0.43\n就业人员中女性比例,2024,0.42\n\
                艾滋病母婴传播率,2025,0.5\n孕产妇系统管理率,2025,0\n孕产妇死亡率,2025,7\n";
    std::fs::write(dir.path().join("fractions.csv"), data).expect("written");
    let args = ["check", "--plan", "jiangjin-women", "--data", "fractions.csv", "--format", "json"];
    let run = common::plancheck_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "警告[looks-like-fractions]: 就业人员中女性比例的数值都在0与1之间（最大 0.43），而规划的目标（或基线）为 45%：\
         像是小数而不是百分数，单元格是否设成了百分比格式？百分数请写作 6.1 或 6.1%\n  ┌─ fractions.csv:2:16\n  │\n\
         2 │ 就业人员中女性比例,2025,0.43\n  │                         ^^^^\n\n\
         注[scope]: 检查范围：约束性目标（--fail-on auto），7 个目标\n\n",
        "0.5 against 艾滋病母婴传播率 <2 may be real, and 0 is no fraction"
    );
    let mut en = args.to_vec();
    en.extend(["--lang", "en"]);
    let run = common::plancheck_in(dir.path(), &en);
    assert!(
        run.stderr.starts_with(
            "warning[looks-like-fractions]: the values of 就业人员中女性比例 all lie between 0 and 1 (at most 0.43) \
             while the plan's target (or baseline) is 45 %: they look like fractions"
        ),
        "{}",
        run.stderr
    );
    // The same figures as percentages draw no warning.
    std::fs::write(dir.path().join("percent.csv"), "指标,年份,数值\n就业人员中女性比例,2025,43\n").expect("written");
    let run = common::plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "percent.csv"]);
    assert!(!run.stderr.contains("looks-like-fractions"), "{}", run.stderr);
}

/// A data file that still gives one figure for quantities now reported apart is told which indicators to report.
#[test]
fn a_retired_combined_indicator_names_the_indicators_it_became() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("old.csv"), "indicator,year,value\n孕产妇艾滋病、梅毒和乙肝检测率,2025,98\n")
        .expect("written");
    let run = common::plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "old.csv"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "错误[unknown-indicator]: 孕产妇艾滋病、梅毒和乙肝检测率 不是已知指标\n  ┌─ old.csv:2:1\n  │\n\
         2 │ 孕产妇艾滋病、梅毒和乙肝检测率,2025,98\n  │ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \
         此项已分为各自填报的指标：孕产妇艾滋病检测率、孕产妇梅毒检测率、孕产妇乙肝检测率\n\n错误：共 1 个错误\n"
    );
    let en =
        common::plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "old.csv", "--lang", "en"]);
    assert!(
        en.stderr
            .contains("now reported as separate indicators: 孕产妇艾滋病检测率, 孕产妇梅毒检测率, 孕产妇乙肝检测率"),
        "{}",
        en.stderr
    );
}
