//! A plan of one's own: an excerpt of the national 2011–2020 women's 纲要 (tests/own-plan/national-women.toml),
//! with an indicators/ folder beside it that gives embedded indicators the 纲要's names and defines one more, and
//! a data file that names indicators in those words. What a new user writing a plan meets: `lint`, `check`,
//! `indicators` and `explain` on it.

mod common;
use common::{plancheck, plancheck_in, Run};

const PLAN: &str = "tests/own-plan/national-women.toml";
const DATA: &str = "tests/own-plan/national-2020.csv";

/// stdout in Chinese, then in English, for one snapshot.
fn both(args: &[&str]) -> String {
    let zh = plancheck(args);
    assert_ne!(zh.code, 2, "{}", zh.stderr);
    let mut en_args = args.to_vec();
    en_args.extend(["--lang", "en"]);
    let en = plancheck(&en_args);
    assert_eq!(en.code, zh.code, "{}", en.stderr);
    format!("{}=== --lang en ===\n{}", zh.stdout, en.stdout)
}

#[test]
fn lint_accepts_the_plan_and_its_indicator_file() {
    let Run { code, stdout, stderr } = plancheck(&["lint", PLAN]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "已检查 1 个规划，没有错误\n", ""));
}

#[test]
fn indicators_list_shows_what_the_plan_uses_in_its_own_words() {
    insta::assert_snapshot!(both(&["indicators", "list", "--plan", PLAN]));
}

#[test]
fn indicators_show_finds_an_indicator_by_the_plans_own_name() {
    insta::assert_snapshot!(both(&["indicators", "show", "学前三年毛入园率", "--plan", PLAN]));
}

#[test]
fn indicators_show_a_new_indicator_of_ones_own() {
    insta::assert_snapshot!(both(&["indicators", "show", "妇女常见病筛查率", "--plan", PLAN]));
}

#[test]
fn indicators_show_suggests_on_a_miss() {
    let Run { code, stderr, .. } = plancheck(&["indicators", "show", "孕产妇死亡律"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "错误[unknown-indicator]: 没有指标 \"孕产妇死亡律\"（是否指 孕产妇死亡率？）；plancheck indicators list 列出全部指标\n\n错误：共 1 个错误\n"
    );
}

#[test]
fn indicators_list_without_a_plan_lists_every_embedded_indicator() {
    let Run { code, stdout, stderr } = plancheck(&["indicators"]);
    assert_eq!(code, 0, "{stderr}");
    for id in ["maternal-mortality", "nine-year-retention", "infant-mortality"] {
        assert!(stdout.contains(&format!("│ {id} ")), "{id}");
    }
    assert!(!stdout.contains("women-common-disease-screening"), "not an embedded indicator");
}

/// A clash with the embedded registry names both files and says which is embedded.
#[test]
fn an_indicator_file_that_redefines_an_embedded_indicator_is_refused_with_both_places() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("indicators")).expect("a folder");
    std::fs::copy(PLAN, dir.path().join("national-women.toml")).expect("copied");
    let clash = "[[indicator]]\nid = \"maternal-mortality\"\nname = \"孕产妇死亡率\"\nunit = \"‰\"\n";
    std::fs::write(dir.path().join("indicators/clash.toml"), clash).expect("written");
    std::fs::copy("tests/own-plan/indicators/national.toml", dir.path().join("indicators/national.toml"))
        .expect("copied");
    let run = plancheck_in(dir.path(), &["lint", "national-women.toml", "--lang", "en"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn check_reads_a_data_file_that_names_indicators_in_the_plans_own_words() {
    let run = plancheck(&["check", "--plan", PLAN, "--data", DATA]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (1, ""),
        "the plan states no attribute: --fail-on auto checks its quantified targets, and 村委会成员中女性比例 24.1 misses its 30"
    );
    assert!(
        run.stdout.contains("数据行：读取 19 · 本规划使用 19 · 未使用 0 · 拒绝 0"),
        "every row is the plan's: {}",
        run.stdout
    );
    insta::assert_snapshot!(both(&["check", "--plan", PLAN, "--data", DATA]));
    let binding = plancheck(&["check", "--plan", PLAN, "--data", DATA, "--fail-on", "binding"]);
    assert_eq!(binding.code, 0, "--fail-on binding covers nothing of a plan without attributes");
    let all = plancheck(&["check", "--plan", PLAN, "--data", DATA, "--fail-on", "all"]);
    assert_eq!(all.code, 1, "村委会成员中女性比例 24.1 misses its 30");
}

#[test]
fn check_finds_the_plan_by_id_in_its_folder() {
    let run = plancheck(&[
        "check",
        "--plan",
        "national-women",
        "--plans-dir",
        "tests/own-plan",
        "--data",
        DATA,
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("national-women,全国,2020,education-1,preschool-gross-enrollment,学前三年毛入园率,"),
        "{}",
        run.stdout
    );
}

/// explain says what happens without a baseline (a threshold: unmet before the deadline, no line; a trend:
/// no_data; the plan's own figure where it states one) and the 基本实现 margin and 左右 tolerance in force.
#[test]
fn explain_says_what_happens_without_a_baseline_and_the_margins_in_force() {
    let mut all = String::new();
    for target in ["decision-2", "education-1", "health-2a", "health-8", "health-1a"] {
        all.push_str(&both(&["explain", "--plan", PLAN, target]));
        all.push_str("=== ===\n");
    }
    insta::assert_snapshot!(all);
}

#[test]
fn explain_takes_the_margins_of_the_run() {
    insta::assert_snapshot!(both(&[
        "explain",
        "--plan",
        PLAN,
        "居委会成员中女性比例",
        "--near",
        "2",
        "--tolerance",
        "4"
    ]));
    let bad = plancheck(&["explain", "--plan", PLAN, "decision-2", "--tolerance=-1"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("错误[bad-flag]: --tolerance 应为非负的百分数"), "{}", bad.stderr);
}
