//! `regional_gap` end to end: the plans' 区域差距缩小 targets are judged across the regions of one run, the same
//! verdict on every region, and are `no_data` when the run has one region.

mod common;

use common::plancheck_in;

const DATA: &str = "region,indicator,year,value
甲镇,孕产妇死亡率,2020,20
甲镇,孕产妇死亡率,2024,14
乙镇,孕产妇死亡率,2020,10
乙镇,孕产妇死亡率,2024,9
丙镇,孕产妇死亡率,2020,16
丙镇,孕产妇死亡率,2024,12
";

fn check(dir: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--plan", "jiangjin-women", "--data", "data.csv", "--format", "json"];
    args.extend_from_slice(extra);
    let run = plancheck_in(dir, &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

fn regional(region: &serde_json::Value) -> &serde_json::Value {
    let results = region["results"].as_array().expect("results");
    results.iter().find(|r| r["id"] == "health-main-2b").expect("the regional-gap target")
}

#[test]
fn a_regional_gap_is_judged_across_the_regions_of_a_check_and_no_data_alone() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("data.csv"), DATA).expect("written");
    // Range 20 − 10 = 10 in 2020, 14 − 9 = 5 in 2024: narrower, met in every region.
    let all = check(dir.path(), &[]);
    let regions = all.as_array().expect("one object per region");
    assert_eq!(regions.len(), 3);
    for region in regions {
        let r = regional(region);
        assert_eq!(r["kind"], "regional_gap");
        assert_eq!(r["status"], "met", "{}", region["region"]);
        assert_eq!(r["reason"], "3个地区之间的极差 2020年 10 → 2024年 5");
    }
    let alone = check(dir.path(), &["--region", "乙镇"]);
    let alone = &alone.as_array().expect("JSON is an array even of one region")[0];
    assert_eq!(regional(alone)["status"], "no_data");
    assert_eq!(regional(alone)["reason"], "比较地区间差距需要至少2个地区2020年和2024年的数据（本次1个）");
}

#[test]
fn a_widening_regional_gap_is_unmet_and_explain_states_the_measure() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("data.csv"), DATA.replace("乙镇,孕产妇死亡率,2024,9", "乙镇,孕产妇死亡率,2024,3"))
        .expect("written");
    let all = check(dir.path(), &["--lang", "en"]);
    let first = &all.as_array().expect("regions")[0];
    assert_eq!(regional(first)["status"], "unmet");
    assert_eq!(regional(first)["reason"], "range across 3 regions 10 in 2020 → 11 in 2024");
    let explain = plancheck_in(dir.path(), &["explain", "--plan", "jiangjin-women", "health-main-2b"]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    assert!(explain.stdout.contains("各地区之间的极差"), "{}", explain.stdout);
}
