//! JSON: one object per evaluated region (an array when there are several). Numbers are strings, exactly as
//! computed; statuses are the SPEC's lowercase words.

use super::reason_text;
use crate::cli::Lang;
use crate::dataset::Accounting;
use crate::eval::{Grade, RegionReport, Report};
use crate::plan::Attribute;
use crate::rule::{Kind, Status};
use serde::Serialize;

#[derive(Serialize)]
struct RegionJson<'a> {
    plan: &'a str,
    title: &'a str,
    region: &'a str,
    year: Option<i32>,
    baseline_year: i32,
    data: &'a str,
    fail_on: crate::eval::FailOn,
    attributes_stated: bool,
    stage: crate::eval::Stage,
    summary: Summary,
    rates: RatesJson,
    accounting: Accounting,
    results: Vec<ResultJson<'a>>,
}

#[derive(Serialize)]
struct ResultJson<'a> {
    id: &'a str,
    indicator: Option<&'a str>,
    name: &'a str,
    unit: String,
    domain: &'a str,
    attribute: Attribute,
    kind: Kind,
    target: &'a str,
    section: &'a str,
    item: &'a str,
    deadline: i32,
    value: Option<String>,
    baseline: Option<String>,
    baseline_source: Option<&'static str>,
    status: Status,
    grade: Grade,
    reason: &'a str,
    warning: &'a str,
    in_scope: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<YearStatus>,
}

/// The count per status, in the order of the statuses (met first).
#[derive(Serialize, Default)]
struct Summary {
    met: usize,
    on_track: usize,
    off_track: usize,
    unmet: usize,
    no_data: usize,
    not_assessed: usize,
}

impl Summary {
    fn of(counts: impl Iterator<Item = (Status, usize)>) -> Summary {
        let mut s = Summary::default();
        for (status, n) in counts {
            *match status {
                Status::Met => &mut s.met,
                Status::OnTrack => &mut s.on_track,
                Status::OffTrack => &mut s.off_track,
                Status::Unmet => &mut s.unmet,
                Status::NoData => &mut s.no_data,
                Status::NotAssessed => &mut s.not_assessed,
            } += n;
        }
        s
    }
}

#[derive(Serialize)]
struct YearStatus {
    year: i32,
    status: Status,
}

/// The two 达标率 conventions, as strings (percent, one decimal) with their counts.
#[derive(Serialize)]
struct RatesJson {
    reached: usize,
    assessable: usize,
    with_data: usize,
    county: Option<String>,
    national: Option<String>,
}

/// Region `index` of `count`: a single region is one pretty object; several are an array with one compact
/// object per line (the framing comes from [`crate::render::begin`] and [`crate::render::end`]).
pub fn region_bytes(report: &Report, r: &RegionReport, index: usize, count: usize, lang: Lang) -> Vec<u8> {
    let object = region(report, r, lang);
    if count == 1 {
        let mut out = serde_json::to_vec_pretty(&object).unwrap_or_default();
        out.push(b'\n');
        return out;
    }
    let mut out = if index == 0 { b"\n".to_vec() } else { b",\n".to_vec() };
    let _ = serde_json::to_writer(&mut out, &object);
    out
}

fn region<'a>(report: &'a Report, region: &'a RegionReport, lang: Lang) -> RegionJson<'a> {
    RegionJson {
        plan: &report.plan.id,
        title: &report.plan.title,
        region: &region.region,
        year: region.year,
        baseline_year: report.plan.baseline_year,
        data: &report.data_file,
        fail_on: report.fail_on,
        attributes_stated: report.states_attributes,
        stage: report.stage,
        summary: Summary::of(region.summary().into_iter()),
        rates: rates(region.rates()),
        accounting: report.accounting,
        results: region
            .results
            .iter()
            .map(|r| ResultJson {
                id: r.id,
                indicator: r.indicator,
                name: r.name,
                unit: r.unit.to_string(),
                domain: r.domain,
                attribute: r.attribute,
                kind: r.kind,
                target: r.target,
                section: r.section,
                item: r.item,
                deadline: r.deadline,
                value: r.value.map(|v| v.to_string()),
                baseline: r.baseline.map(|v| v.to_string()),
                baseline_source: r.baseline.map(|_| if r.baseline_from_plan { "plan" } else { "data" }),
                status: r.status,
                grade: r.grade,
                reason: reason_text(&r.reason, lang),
                warning: reason_text(&r.warning, lang),
                in_scope: r.in_scope,
                history: r.history.iter().map(|(year, status)| YearStatus { year: *year, status: *status }).collect(),
            })
            .collect(),
    }
}

fn rates(r: crate::eval::Rates) -> RatesJson {
    RatesJson {
        reached: r.reached,
        assessable: r.assessable,
        with_data: r.with_data,
        county: r.over_assessable().map(|v| v.to_string()),
        national: r.over_with_data().map(|v| v.to_string()),
    }
}

/// A report page: one region's object.
pub fn page(report: &Report, region_report: &RegionReport, lang: Lang) -> String {
    serde_json::to_string_pretty(&region(report, region_report, lang)).unwrap_or_default() + "\n"
}

#[derive(Serialize)]
struct IndexJson<'a> {
    stage: crate::eval::Stage,
    pages: Vec<IndexEntryJson<'a>>,
}

#[derive(Serialize)]
struct IndexEntryJson<'a> {
    plan: &'a str,
    region: &'a str,
    year: Option<i32>,
    summary: Summary,
    rates: RatesJson,
    file: &'a str,
}

/// The index of every page written.
pub fn index(entries: &[crate::render::html::IndexEntry], stage: crate::eval::Stage) -> String {
    let pages = entries
        .iter()
        .map(|e| IndexEntryJson {
            plan: &e.plan,
            region: &e.region,
            year: e.year,
            summary: Summary::of(e.summary.iter().copied()),
            rates: rates(e.rates),
            file: &e.file,
        })
        .collect();
    serde_json::to_string_pretty(&IndexJson { stage, pages }).unwrap_or_default() + "\n"
}
