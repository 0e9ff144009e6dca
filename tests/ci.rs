//! What a CI job relies on: a scope that cannot cover nothing by accident, an evaluation year that has data, a
//! check that did not finish never passing, JUnit a CI server reads right, diagnostics and annotations for
//! machines, and a project file that drives a whole check.

mod common;
use common::{plancheck, plancheck_in, Run};
use std::io::Read;
use std::process::{Command, Stdio};

const JIANGJIN: &str = "tests/fixtures/jiangjin-women-2025.csv";
const LEPING: &str = "tests/fixtures/leping-children-2030.csv";

fn check(plan: &str, data: &str, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--plan", plan, "--data", data];
    args.extend_from_slice(extra);
    plancheck(&args)
}

/// 乐平's plans mark no 约束性/预期性: `auto` checks every quantified target, so 婴儿死亡率 5.2‰ against
/// 降至5‰以下 at the deadline fails the check, in every format, and the scope is named.
#[test]
fn a_plan_without_attributes_fails_on_an_unmet_quantified_target_by_default() {
    for format in ["table", "json", "junit", "csv", "github", "sarif"] {
        let run = check("leping-children", LEPING, &["--format", format, "--lang", "en"]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    }
    let junit = check("leping-children", LEPING, &["--format", "junit"]);
    assert!(junit.stdout.contains("failures=\"1\""), "{}", junit.stdout);
    assert!(junit.stdout.contains("<property name=\"scope\" value=\"quantified\"/>"), "{}", junit.stdout);
    assert!(junit.stderr.contains("注[scope]: 检查范围：量化目标（--fail-on auto），"), "{}", junit.stderr);
    let table = check("leping-children", LEPING, &[]);
    assert!(table.stdout.contains("检查范围（--fail-on auto：量化目标）："), "{}", table.stdout);
    let json = check("leping-children", LEPING, &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!((value[0]["fail_on"].as_str(), value[0]["scope"].as_str()), (Some("auto"), Some("quantified")));
}

/// An explicit scope that covers no target is a warning on stderr, in every format.
#[test]
fn a_scope_that_covers_nothing_is_a_warning() {
    for format in ["table", "json", "junit"] {
        let run = check("leping-children", LEPING, &["--fail-on", "binding", "--format", format, "--lang", "en"]);
        assert_eq!(run.code, 0, "{format}");
        assert!(
            run.stderr.contains("warning[empty-scope]: --fail-on binding covers no target of plan leping-children"),
            "{format}: {}",
            run.stderr
        );
    }
}

/// `--year 2026` when the data stop in 2025 is an error naming the years there are; a region without a value
/// at the year while others have some is named in a warning.
#[test]
fn an_evaluation_year_without_data_is_an_error() {
    let run = check("jiangjin-women", JIANGJIN, &["--year", "2026"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误[no-values]: tests/fixtures/jiangjin-women-2025.csv 中没有任何地区有2026年的数值；数据中的年份：2020、2021、2022、2023、2024、2025\n\n错误：共 1 个错误\n"
    );
    let run = check("jiangjin-women", JIANGJIN, &["--year", "2026", "--lang", "en", "--format", "junit"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("<error message=\"no region of tests/fixtures/jiangjin-women-2025.csv has a value for 2026;"),
        "{}",
        run.stdout
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("d.csv"),
        "region,indicator,year,value\n甲县,孕产妇死亡率,2024,9\n乙县,孕产妇死亡率,2023,11\n",
    )
    .expect("written");
    let run = plancheck_in(
        dir.path(),
        &["check", "--plan", "jiangjin-women", "--data", "d.csv", "--year", "2024", "--lang", "en"],
    );
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[missing-year]: these regions have no value for 2024, so their targets have no data: 乙县"
        ),
        "{}",
        run.stderr
    );
}

/// A header-only export, with or without a region column, never passes; nor does a region asked of data
/// without regions.
#[test]
fn an_empty_export_never_passes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in [("a.csv", "region,indicator,year,value\n"), ("b.csv", "indicator,year,value\n")] {
        std::fs::write(dir.path().join(name), text).expect("written");
        let run = plancheck_in(
            dir.path(),
            &[
                "check",
                "--plan",
                "jiangjin-women",
                "--data",
                name,
                "--fail-on-missing",
                "--format",
                "junit",
                "--lang",
                "en",
            ],
        );
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains("error[no-values]"), "{name}: {}", run.stderr);
    }
    let run = check("jiangjin-women", JIANGJIN, &["--region", "甲县", "--lang", "en"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[unknown-region]: tests/fixtures/jiangjin-women-2025.csv has no region column to pick --region \"甲县\" from"), "{}", run.stderr);
}

/// `--fail-on-warning` fails a check whose in-scope target carries an early warning.
#[test]
fn an_early_warning_fails_with_fail_on_warning() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let rows = "indicator,year,value\n孕产妇死亡率,2020,12\n孕产妇死亡率,2021,10\n孕产妇死亡率,2022,11.5\n孕产妇死亡率,2023,9\n";
    std::fs::write(dir.path().join("d.csv"), rows).expect("written");
    let args = ["check", "--plan", "jiangjin-women", "--data", "d.csv", "--format", "json"];
    assert_eq!(plancheck_in(dir.path(), &args).code, 0);
    let mut warned = args.to_vec();
    warned.push("--fail-on-warning");
    let run = plancheck_in(dir.path(), &warned);
    assert_eq!(run.code, 1, "{}", run.stdout);
}

/// A reader that closes the pipe early (`| head -c 100`) never sees a pass: a failing check keeps exit 1, a
/// passing one that did not finish exits 2.
#[test]
fn a_closed_pipe_never_passes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut rows = String::from("region,indicator,year,value\n");
    for r in 0..3000 {
        let late = if r == 0 { "11.9" } else { "9.5" };
        rows.push_str(&format!("县{r:04},孕产妇死亡率,2020,12.0\n县{r:04},孕产妇死亡率,2025,{late}\n"));
    }
    std::fs::write(dir.path().join("failing.csv"), &rows).expect("written");
    std::fs::write(dir.path().join("passing.csv"), rows.replace("11.9", "9.5")).expect("written");
    for (file, code) in [("failing.csv", 1), ("passing.csv", 2)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plancheck"))
            .args(["check", "--plan", "jiangjin-women", "--data", file, "--format", "json"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("runs");
        let mut head = [0u8; 100];
        let _ = child.stdout.as_mut().expect("stdout").read_exact(&mut head);
        drop(child.stdout.take());
        let status = child.wait().expect("ends");
        assert_eq!(status.code(), Some(code), "{file}");
    }
    // The whole check of the failing file exits 1 when its output is read to the end.
    assert_eq!(
        plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "failing.csv", "--format", "json"])
            .code,
        1
    );
}

/// Output to a full disk exits 2 and says why.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_that_says_so() {
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .args(["check", "--plan", "jiangjin-women", "--data", JIANGJIN, "--lang", "en"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[cannot-write]: cannot write the output: No space left on device"), "{stderr}");
}

/// With several regions every testcase keeps its own identity (the region is in the classname), and a
/// no-data failure under `--fail-on-missing` is a failure, not also a skip.
#[test]
fn junit_cases_have_one_identity_and_counts_that_add_up() {
    let run = check("jiangjin-women", "tests/fixtures/two-regions.csv", &["--format", "junit", "--fail-on-missing"]);
    assert_eq!(run.code, 1);
    let cases: Vec<(String, String)> = run
        .stdout
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<testcase name=\"")?;
            let (name, rest) = l.split_once("\" classname=\"")?;
            Some((name.to_string(), rest.split('"').next()?.to_string()))
        })
        .collect();
    let unique: std::collections::HashSet<&(String, String)> = cases.iter().collect();
    assert_eq!(unique.len(), cases.len(), "one identity per testcase");
    assert!(cases.iter().any(|(_, c)| c.starts_with("jiangjin-women.甲县.")), "{cases:?}");
    for suite in run.stdout.lines().filter(|l| l.trim_start().starts_with("<testsuite ")) {
        let count = |name: &str| -> usize {
            suite
                .split(&format!("{name}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        assert!(count("failures") + count("skipped") <= count("tests"), "{suite}");
    }
    assert!(
        !run.stdout.contains("<failure message=\"无数据")
            || !run.stdout.contains("<skipped message=\"无数据：无2024年数据\"/>\n      <failure"),
        "a failure is not also a skip"
    );
}

/// Every JUnit document plancheck writes — one region, many regions, bad input — is valid against the
/// Surefire schema (junit-10.xsd) and reads in junitparser with the counts the exit code says. Needs Python
/// with xmlschema and junitparser (`pip install xmlschema junitparser`), which `.ci/run` installs.
#[test]
#[ignore]
fn junit_documents_validate_against_the_surefire_schema() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cases: [(&str, &str, &[&str], i32); 4] = [
        ("jiangjin-women", JIANGJIN, &[], 1),
        ("jiangjin-women", "tests/fixtures/two-regions.csv", &["--fail-on-missing"], 1),
        ("leping-children", LEPING, &[], 1),
        ("jiangjin-women", "tests/fixtures/malformed.csv", &[], 2),
    ];
    for (i, (plan, data, extra, code)) in cases.iter().enumerate() {
        let run = check(plan, data, &[&["--format", "junit"], *extra].concat());
        assert_eq!(run.code, *code, "{data}");
        let path = dir.path().join(format!("{i}.xml"));
        std::fs::write(&path, &run.stdout).expect("written");
        let out = Command::new("python3")
            .arg("tests/junit/check.py")
            .arg(&path)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("python3 runs");
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{data}: {}{said}", String::from_utf8_lossy(&out.stderr));
        let failing = !said.contains(" failures=0 errors=0");
        assert_eq!(failing, *code != 0, "{data}: {said}");
    }
}

/// `--error-format json`: one JSON object per diagnostic and line on stderr.
#[test]
fn diagnostics_as_json_lines() {
    let run = check("jiangjin-women", "tests/fixtures/malformed.csv", &["--error-format", "json"]);
    assert_eq!(run.code, 2);
    for line in run.stderr.lines() {
        let _: serde_json::Value = serde_json::from_str(line).expect("each line is a JSON object");
    }
    insta::assert_snapshot!("error-format-json", run.stderr);
}

/// `--format github`: workflow commands at the failing data rows, and for every diagnostic.
#[test]
fn github_annotations() {
    let run = check("jiangjin-women", JIANGJIN, &["--format", "github"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("github", run.stdout);
    let bad = check("jiangjin-women", "tests/fixtures/malformed.csv", &["--format", "github", "--lang", "en"]);
    assert_eq!(bad.code, 2);
    insta::assert_snapshot!("github-bad-input", bad.stdout);
}

/// `--format sarif` is one JSON document with the failing targets as results.
#[test]
fn sarif_is_one_json_document() {
    let run = check("jiangjin-women", JIANGJIN, &["--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let failing: Vec<&str> = results.iter().filter_map(|r| r["properties"]["target"].as_str()).collect();
    assert_eq!(failing.len(), 2, "{failing:?}");
    assert!(results.iter().any(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == JIANGJIN));
}

/// `jsonl` is one object per line; `json` is an array whatever the number of regions.
#[test]
fn json_has_one_shape() {
    let one = check("jiangjin-women", JIANGJIN, &["--format", "json"]);
    let two = check("jiangjin-women", "tests/fixtures/two-regions.csv", &["--format", "json"]);
    for run in [&one, &two] {
        let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        assert!(value.is_array() && value[0]["results"].is_array());
    }
    let lines = check("jiangjin-women", "tests/fixtures/two-regions.csv", &["--format", "jsonl"]);
    let regions: Vec<String> = lines
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("a JSON object per line")["region"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(regions, ["甲县", "乙县"]);
}

/// `plancheck init` writes a project file; `plancheck check` with no flags runs it, flags override it, and an
/// unknown key is an error at its line and column.
#[test]
fn a_project_file_drives_a_whole_check() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let init = plancheck_in(dir.path(), &["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(init.stdout, "已写入 plancheck.toml\n");
    assert_eq!(plancheck_in(dir.path(), &["init"]).code, 2, "an existing file is kept");
    let root = env!("CARGO_MANIFEST_DIR");
    let config = format!(
        "plan = \"leping-children\"\ndata = \"{root}/{LEPING}\"\nformat = \"junit\"\nout = \"report.xml\"\nlang = \"en\"\n"
    );
    std::fs::write(dir.path().join("plancheck.toml"), config).expect("written");
    let run = plancheck_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let xml = std::fs::read_to_string(dir.path().join("report.xml")).expect("the report is written at `out`");
    assert!(xml.contains("failures=\"1\""));
    let over = plancheck_in(dir.path(), &["check", "--fail-on", "none", "--format", "table", "--out", "t.txt"]);
    assert_eq!(over.code, 0, "flags override the file");
    std::fs::write(dir.path().join("plancheck.toml"), "plan = \"leping-children\"\nfail_onn = \"all\"\n")
        .expect("written");
    let bad = plancheck_in(dir.path(), &["check", "--lang", "en"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.starts_with("error[bad-toml]: unknown field `fail_onn`"), "{}", bad.stderr);
    assert!(bad.stderr.contains("plancheck.toml:2:1"), "{}", bad.stderr);
}
