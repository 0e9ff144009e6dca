//! JSON: one object per evaluated region (an array when there are several). Numbers are strings, exactly as
//! computed; statuses are the SPEC's lowercase words.

use super::reason_text;
use crate::cli::Lang;
use crate::dataset::Accounting;
use crate::eval::{Grade, RegionReport, Report};
use crate::plan::Attribute;
use crate::rule::{Kind, Status};
use serde::Serialize;
use std::collections::BTreeMap;

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
    summary: BTreeMap<&'static str, usize>,
    accounting: Accounting,
    results: Vec<ResultJson<'a>>,
}

#[derive(Serialize)]
struct ResultJson<'a> {
    id: &'a str,
    indicator: Option<&'a str>,
    name: &'a str,
    unit: &'a str,
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
}

pub fn render(report: &Report, lang: Lang) -> String {
    let regions: Vec<RegionJson> = report.regions.iter().map(|r| region(report, r, lang)).collect();
    let text = if regions.len() == 1 {
        serde_json::to_string_pretty(&regions[0])
    } else {
        serde_json::to_string_pretty(&regions)
    };
    text.unwrap_or_default() + "\n"
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
        summary: region.summary().into_iter().map(|(s, n)| (s.as_str(), n)).collect(),
        accounting: report.accounting,
        results: region
            .results
            .iter()
            .map(|r| ResultJson {
                id: &r.id,
                indicator: r.indicator.as_deref(),
                name: &r.name,
                unit: &r.unit,
                domain: &r.domain,
                attribute: r.attribute,
                kind: r.kind,
                target: &r.target,
                section: &r.section,
                item: &r.item,
                deadline: r.deadline,
                value: r.value.map(|v| v.to_string()),
                baseline: r.baseline.map(|v| v.to_string()),
                baseline_source: r.baseline.map(|_| if r.baseline_from_plan { "plan" } else { "data" }),
                status: r.status,
                grade: r.grade,
                reason: reason_text(&r.reason, lang),
                warning: reason_text(&r.warning, lang),
                in_scope: r.in_scope,
            })
            .collect(),
    }
}
