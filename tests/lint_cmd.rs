//! `plancheck lint` on broken plan files: every problem with file, line and column, all in one run, exit 2; and
//! plan files of one's own used by `check` through a path or `--plans-dir`.

mod common;
use common::{plancheck, Run};

#[test_case::test_case("syntax"; "a TOML syntax error")]
#[test_case::test_case("unknown-key"; "an unknown key")]
#[test_case::test_case("unknown-kind"; "an unknown rule kind")]
#[test_case::test_case("missing-value"; "a rule without its number")]
#[test_case::test_case("missing-text"; "a target without its text")]
#[test_case::test_case("missing-keys"; "five missing keys in one run")]
#[test_case::test_case("wording"; "texts whose bound, direction or unit words say another rule")]
#[test_case::test_case("duplicate-id"; "a target id used twice")]
#[test_case::test_case("number-not-in-text"; "a number the text does not state")]
#[test_case::test_case("unit-mismatch"; "a unit that is not the indicators")]
#[test_case::test_case("deadline"; "a deadline outside the period")]
#[test_case::test_case("unknown-indicator"; "an unknown indicator")]
#[test_case::test_case("bare-number"; "a number not written as a string")]
#[test_case::test_case("several"; "several problems at once")]
fn lint_reports_a_broken_plan(name: &str) {
    let path = format!("tests/lint/{name}.toml");
    let Run { code, stdout, stderr } = plancheck(&["lint", &path]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains(&format!("tests/lint/{name}.toml:")), "the message names the file:line:col\n{stderr}");
    let en = plancheck(&["lint", &path, "--lang", "en"]);
    assert_eq!(en.code, 2);
    insta::assert_snapshot!(format!("lint-{name}"), format!("{stderr}=== --lang en ===\n{}", en.stderr));
}

#[test]
fn lint_says_nothing_but_its_count_on_the_embedded_plans() {
    let Run { code, stdout, stderr } = plancheck(&["lint"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "已检查 10 个规划，没有错误\n", ""));
}

#[test]
fn lint_passes_a_good_plan() {
    let Run { code, stdout, stderr } = plancheck(&["lint", "tests/lint/good.toml"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "已检查 1 个规划，没有错误\n", ""));
}

#[test]
fn check_takes_a_plan_file_of_ones_own() {
    let Run { code, stdout, .. } = plancheck(&[
        "check",
        "--plan",
        "tests/lint/good.toml",
        "--data",
        "tests/fixtures/two-regions.csv",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("test-women,甲县,2024,health-1,maternal-mortality,孕产妇死亡率,妇女与健康,未标注,max"),
        "{stdout}"
    );
}

#[test]
fn plans_dir_loads_a_folder_of_plans() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::copy("tests/lint/good.toml", dir.path().join("test-women.toml")).expect("copied");
    let dir_arg = dir.path().display().to_string();
    let Run { code, stdout, stderr } = plancheck(&["plans", "list", "--plans-dir", &dir_arg]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("test-women"), "{stdout}");
    assert!(!stdout.contains("jiangjin-women"), "only the folder's plans: {stdout}");
}
