//! Every rule kind at its boundaries, and every status, judged on concrete values.

use plancheck::indicator::IndicatorId;
use plancheck::rule::{judge, Decline, Inputs, Measure, RelativeMode, Rule, Series, Spread, Status};
use rust_decimal::Decimal;
use std::str::FromStr;
use test_case::test_case;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn series(points: &[(i32, &str)]) -> Series {
    points.iter().map(|(y, v)| (*y, d(v))).collect()
}

/// Judges `rule` on `points` at year `y` with baseline 2020 and deadline 2030.
fn status_at(rule: &Rule, points: &[(i32, &str)], y: i32) -> Status {
    let s = series(points);
    judge(&rule.clone(), &inputs(&s, None, y)).status
}

fn inputs<'a>(s: &'a Series, reference: Option<&'a Series>, y: i32) -> Inputs<'a> {
    Inputs {
        series: s,
        reference,
        year: y,
        baseline_year: 2020,
        deadline: 2030,
        tolerance: d("5"),
        near: d("1"),
        ceiling: true,
        spread: None,
    }
}

/// At the deadline: met or unmet.
fn at_deadline(rule: Rule, v: &str) -> Status {
    status_at(&rule, &[(2030, v)], 2030)
}

#[test_case("69.9", Status::Unmet; "below")]
#[test_case("70", Status::Met; "on the bound")]
#[test_case("70.1", Status::Met; "above")]
fn min_includes_its_bound(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Min(d("70")), v), want);
}

#[test_case("12.01", Status::Unmet)]
#[test_case("12", Status::Met)]
#[test_case("11.99", Status::Met)]
fn max_includes_its_bound(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Max(d("12")), v), want);
}

#[test_case("7.99", Status::Met)]
#[test_case("8", Status::Unmet)]
#[test_case("8.01", Status::Unmet)]
fn lt_excludes_its_bound(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Lt(d("8")), v), want);
}

#[test_case("98.5", Status::Unmet)]
#[test_case("98.51", Status::Met)]
#[test_case("98.49", Status::Unmet)]
fn gt_excludes_its_bound(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Gt(d("98.5")), v), want);
}

#[test_case("100", Status::Met)]
#[test_case("100.00", Status::Met)]
#[test_case("99.99", Status::Unmet)]
fn eq_needs_the_exact_value(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Eq(d("100")), v), want);
}

// 45左右 with the default 5 %: 45 ± 2.25.
#[test_case("42.74", Status::Unmet)]
#[test_case("42.75", Status::Met)]
#[test_case("45", Status::Met)]
#[test_case("47.25", Status::Met)]
#[test_case("47.26", Status::Unmet)]
fn approx_holds_within_five_percent_of_the_target(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Approx { value: d("45"), tolerance: None }, v), want);
}

#[test]
fn approx_tolerance_set_on_the_target_wins() {
    let rule = Rule::Approx { value: d("50"), tolerance: Some(d("10")) };
    assert_eq!(at_deadline(rule.clone(), "45"), Status::Met);
    assert_eq!(at_deadline(rule, "44.99"), Status::Unmet);
}

#[test_case("102.99", Status::Unmet)]
#[test_case("103", Status::Met)]
#[test_case("107", Status::Met)]
#[test_case("107.01", Status::Unmet)]
fn range_includes_both_ends(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Range { low: d("103"), high: d("107") }, v), want);
}

#[test_case("2020:1, 2024:1.01", Status::Met; "rises")]
#[test_case("2020:1, 2024:1", Status::Unmet; "flat")]
#[test_case("2020:100, 2024:100", Status::Met; "at the ceiling")]
#[test_case("2024:5", Status::NoData; "no baseline")]
fn increase_compares_with_the_baseline(points: &str, want: Status) {
    assert_eq!(status_at(&Rule::Increase, &parse(points), 2024), want);
}

#[test]
fn increase_needs_a_year_after_the_baseline() {
    assert_eq!(status_at(&Rule::Increase, &[(2020, "1")], 2020), Status::NoData);
}

#[test_case("2020:1, 2021:2, 2022:3", Status::Met; "every year up")]
#[test_case("2020:1, 2021:2, 2022:2", Status::Unmet; "one flat year")]
#[test_case("2020:1, 2022:3", Status::Met; "a gap year is skipped")]
#[test_case("2022:3", Status::NoData; "one point")]
fn increase_yearly_checks_every_pair(points: &str, want: Status) {
    assert_eq!(status_at(&Rule::IncreaseYearly, &parse(points), 2022), want);
}

#[test_case("2020:5, 2024:4.9", Status::Met)]
#[test_case("2020:5, 2024:5", Status::Unmet)]
#[test_case("2020:0, 2024:0", Status::Met; "zero counts as met")]
fn decrease_compares_with_the_baseline(points: &str, want: Status) {
    assert_eq!(status_at(&Rule::Decrease, &parse(points), 2024), want);
}

#[test_case("2020:10, 2024:8", Status::Met; "exactly half a point a year")]
#[test_case("2020:10, 2024:8.01", Status::Unmet)]
fn decrease_by_per_year(points: &str, want: Status) {
    let rule = Rule::DecreaseBy(Decline::PerYear(d("0.5")));
    assert_eq!(status_at(&rule, &parse(points), 2024), want);
}

#[test_case("2020:20, 2030:18", Status::Met; "ten percent down")]
#[test_case("2020:20, 2030:18.01", Status::Unmet)]
#[test_case("2030:10", Status::NoData; "no base to count from")]
fn decrease_by_percent_from_the_base(points: &str, want: Status) {
    let rule = Rule::DecreaseBy(Decline::Percent(d("10")));
    assert_eq!(status_at(&rule, &parse(points), 2030), want);
}

#[test_case("2020:30, 2024:30", Status::Met)]
#[test_case("2020:30, 2024:29.99", Status::Unmet)]
fn maintain_means_not_lower_than_the_baseline(points: &str, want: Status) {
    assert_eq!(status_at(&Rule::Maintain { low: None, high: None }, &parse(points), 2024), want);
}

#[test]
fn maintain_with_a_floor_is_judged_against_it() {
    let rule = Rule::Maintain { low: Some(d("95")), high: None };
    assert_eq!(status_at(&rule, &[(2024, "95")], 2024), Status::Met);
    assert_eq!(status_at(&rule, &[(2024, "94.9")], 2024), Status::Unmet);
}

#[test_case("28", "28", Status::Met)]
#[test_case("27.9", "28", Status::Unmet)]
fn relative_at_least_the_reference(v: &str, r: &str, want: Status) {
    let rule = Rule::Relative { reference: IndicatorId(1), mode: RelativeMode::AtLeast, tolerance: None };
    let (s, reference) = (series(&[(2024, v)]), series(&[(2024, r)]));
    assert_eq!(judge(&rule, &inputs(&s, Some(&reference), 2024)).status, want);
}

#[test_case("42", Status::Met; "five percent of forty below")]
#[test_case("38", Status::Met; "five percent of forty above")]
#[test_case("42.01", Status::Unmet)]
fn relative_match_within_tolerance(v: &str, want: Status) {
    let rule = Rule::Relative { reference: IndicatorId(1), mode: RelativeMode::Match, tolerance: None };
    let (s, reference) = (series(&[(2024, v)]), series(&[(2024, "40")]));
    assert_eq!(judge(&rule, &inputs(&s, Some(&reference), 2024)).status, want);
}

#[test]
fn relative_without_the_reference_has_no_data() {
    let rule = Rule::Relative { reference: IndicatorId(1), mode: RelativeMode::AtLeast, tolerance: None };
    let s = series(&[(2024, "30")]);
    assert_eq!(judge(&rule, &inputs(&s, None, 2024)).status, Status::NoData);
}

#[test_case("2020:112, 2024:107", Status::Met; "inside the band")]
#[test_case("2020:112, 2024:110", Status::Met; "closer than the baseline")]
#[test_case("2020:110, 2024:112", Status::Unmet; "further away")]
#[test_case("2024:112", Status::NoData; "outside, no baseline")]
fn balance_moves_toward_the_normal_band(points: &str, want: Status) {
    let rule = Rule::Balance { low: d("103"), high: d("107") };
    assert_eq!(status_at(&rule, &parse(points), 2024), want);
}

// 男女厕位比 2:3: the value is women's places per man's place.
#[test_case("1.5", Status::Met; "exactly 2 to 3")]
#[test_case("2", Status::Met; "1 to 2")]
#[test_case("1", Status::Unmet; "1 to 1")]
fn ratio_gives_the_second_party_its_share(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Ratio { first: d("2"), second: d("3") }, v), want);
}

#[test_case("0", Status::Met)]
#[test_case("0.01", Status::Unmet)]
fn eliminate_means_zero_by_default(v: &str, want: Status) {
    assert_eq!(at_deadline(Rule::Eliminate { threshold: d("0"), basic: false }, v), want);
}

#[test_case("2022:10, 2023:12, 2024:13", Status::Met; "rise slows")]
#[test_case("2022:10, 2023:12, 2024:14", Status::Unmet; "rise as fast")]
#[test_case("2023:12, 2024:11", Status::Met; "falls")]
#[test_case("2023:12, 2024:13", Status::NoData; "rise without a year to compare")]
fn slow_rise_compares_the_last_two_rises(points: &str, want: Status) {
    assert_eq!(status_at(&Rule::SlowRise, &parse(points), 2024), want);
}

#[test_case("2020:10, 2024:8", Status::Met; "gap narrows")]
#[test_case("2020:10, 2024:9", Status::Unmet; "gap stays")]
fn gap_narrow_between_two_indicators(points: &str, want: Status) {
    let rule = Rule::GapNarrow { reference: IndicatorId(1) };
    let s = series(&parse(points));
    let reference = series(&[(2020, "6"), (2024, "5")]);
    assert_eq!(judge(&rule, &inputs(&s, Some(&reference), 2024)).status, want);
}

#[test]
fn qualitative_is_never_assessed() {
    assert_eq!(status_at(&Rule::Qualitative, &[], 2024), Status::NotAssessed);
}

#[test]
fn a_missing_value_is_no_data_never_met() {
    assert_eq!(status_at(&Rule::Min(d("70")), &[(2020, "80")], 2024), Status::NoData);
}

// ≥94 from 90 in 2020 to 2030: the line reads 92 in 2025.
#[test_case("92", Status::OnTrack; "on the line")]
#[test_case("92.5", Status::OnTrack; "above the line")]
#[test_case("91.99", Status::OffTrack; "below the line")]
#[test_case("94", Status::Met; "already met")]
fn min_before_the_deadline_follows_the_line(v: &str, want: Status) {
    assert_eq!(status_at(&Rule::Min(d("94")), &[(2020, "90"), (2025, v)], 2025), want);
}

// <8 from 12 in 2020: the line reads 10 in 2025.
#[test_case("10", Status::OnTrack)]
#[test_case("10.01", Status::OffTrack)]
fn lt_before_the_deadline_follows_the_line(v: &str, want: Status) {
    assert_eq!(status_at(&Rule::Lt(d("8")), &[(2020, "12"), (2025, v)], 2025), want);
}

#[test]
fn before_the_deadline_without_a_baseline_is_unmet() {
    assert_eq!(status_at(&Rule::Min(d("94")), &[(2025, "93")], 2025), Status::Unmet);
}

#[test]
fn a_target_worse_than_its_met_baseline_is_off_track() {
    assert_eq!(status_at(&Rule::Min(d("70")), &[(2020, "80"), (2025, "69")], 2025), Status::OffTrack);
}

#[test]
fn near_marks_a_miss_within_one_percent() {
    let s = series(&[(2030, "20.1")]);
    let v = judge(&Rule::Max(d("20")), &inputs(&s, None, 2030));
    assert_eq!((v.status, v.near), (Status::Unmet, true));
    let s = series(&[(2030, "93")]);
    let v = judge(&Rule::Min(d("95")), &inputs(&s, None, 2030));
    assert_eq!((v.status, v.near), (Status::Unmet, false));
}

fn parse(points: &str) -> Vec<(i32, &str)> {
    points
        .split(',')
        .map(|p| {
            let (y, v) = p.trim().split_once(':').unwrap();
            (y.parse().unwrap(), v)
        })
        .collect()
}

#[test_case("1", Status::Met)]
#[test_case("1.01", Status::Unmet)]
fn basic_elimination_defaults_to_one(v: &str, want: Status) {
    let rule = Rule::Eliminate { threshold: plancheck::plan::load::BASIC_ELIMINATION, basic: true };
    assert_eq!(at_deadline(rule, v), want);
}

/// Judges a regional gap at `y` over regions given as their (2020, Y) values.
fn regional(measure: Measure, regions: &[(&str, &str)], y: i32) -> (Status, String) {
    let series: Vec<Vec<(i32, Decimal)>> = regions.iter().map(|(b, v)| vec![(2020, d(b)), (y, d(v))]).collect();
    let spread = Spread::of(measure, 2020, series.iter().map(Vec::as_slice));
    let own = series.first().map(|s| s.iter().copied().collect()).unwrap_or_default();
    let input = Inputs { spread: Some(&spread), ..inputs(&own, None, y) };
    let v = judge(&Rule::RegionalGap { measure }, &input);
    (v.status, plancheck::words::Say::say(&v.reason, plancheck::words::Lang::Zh))
}

// Three regions' maternal mortality: range 20 − 10 = 10 in 2020.
#[test_case(&[("10", "9"), ("15", "12"), ("20", "14")], Status::Met; "range narrows to 5")]
#[test_case(&[("10", "5"), ("15", "12"), ("20", "15")], Status::Unmet; "range stays 10")]
#[test_case(&[("10", "4"), ("15", "12"), ("20", "16")], Status::Unmet; "range widens to 12")]
fn a_regional_gap_narrows_when_the_range_across_regions_shrinks(regions: &[(&str, &str)], want: Status) {
    assert_eq!(regional(Measure::Range, regions, 2024).0, want);
}

/// The CV is scale-free: every region halving its value keeps the CV, so the gap has not narrowed; one region
/// catching up narrows it.
#[test]
fn a_regional_gap_by_cv_compares_relative_spread() {
    let halved = [("10", "5"), ("20", "10"), ("30", "15")];
    assert_eq!(regional(Measure::Range, &halved, 2024).0, Status::Met, "the range halves");
    let (status, reason) = regional(Measure::Cv, &halved, 2024);
    assert_eq!(status, Status::Unmet, "{reason}");
    assert_eq!(reason, "3个地区之间的变异系数 2020年 0.4082 → 2024年 0.4082");
    assert_eq!(regional(Measure::Cv, &[("10", "18"), ("20", "20"), ("30", "22")], 2024).0, Status::Met);
}

#[test]
fn a_regional_gap_needs_two_regions_with_values_in_both_years() {
    let (status, reason) = regional(Measure::Range, &[("10", "9")], 2024);
    assert_eq!(status, Status::NoData);
    assert_eq!(reason, "比较地区间差距需要至少2个地区2020年和2024年的数据（本次1个）");
    // Without a batch at all (a single-region check) it is no_data too, whatever the region's own values.
    let own = series(&[(2020, "12"), (2024, "9")]);
    let alone = judge(&Rule::RegionalGap { measure: Measure::Range }, &inputs(&own, None, 2024));
    assert_eq!(alone.status, Status::NoData);
    // A region without its own value at Y is not among the regions compared: no_data on its page.
    let series = [vec![(2020, d("10")), (2024, d("9"))], vec![(2020, d("20")), (2024, d("12"))]];
    let spread = Spread::of(Measure::Range, 2020, series.iter().map(Vec::as_slice));
    let outside = self::series(&[(2020, "15")]);
    let input = Inputs { spread: Some(&spread), ..inputs(&outside, None, 2024) };
    assert_eq!(judge(&Rule::RegionalGap { measure: Measure::Range }, &input).status, Status::NoData);
}
