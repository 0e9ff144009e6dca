//! JSON: one object per evaluated region (an array when there are several). Numbers are strings, exactly as
//! computed; statuses are the SPEC's lowercase words.

use super::Renderer;
use crate::dataset::Accounting;
use crate::eval::{Grade, RegionReport, Report, TargetResult};
use crate::plan::Attribute;
use crate::rule::{Kind, Status};
use crate::words::{Lang, Say};
use serde::Serialize;
use std::io::{self, Write};
use std::sync::OnceLock;

#[derive(Serialize)]
struct RegionJson<'a> {
    #[serde(flatten)]
    head: RegionHead<'a>,
    results: Vec<ResultJson<'a>>,
}

/// A region's object before its results.
#[derive(Serialize)]
struct RegionHead<'a> {
    plan: &'a str,
    title: &'a str,
    region: &'a str,
    year: Option<i32>,
    baseline_year: i32,
    data: &'a str,
    fail_on: crate::eval::FailOn,
    scope: crate::eval::FailOn,
    attributes_stated: bool,
    stage: crate::eval::Stage,
    summary: Summary,
    rates: RatesJson,
    accounting: Accounting,
}

#[derive(Serialize)]
struct ResultJson<'a> {
    #[serde(flatten)]
    fixed: Fixed<'a>,
    #[serde(flatten)]
    found: Found,
}

/// A result's fields that depend on its target alone: the same in every region.
#[derive(Serialize)]
struct Fixed<'a> {
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
}

/// A result's fields that depend on the region's values.
#[derive(Serialize)]
struct Found {
    value: Option<Number>,
    baseline: Option<Number>,
    baseline_source: Option<&'static str>,
    status: Status,
    grade: Grade,
    reason: String,
    warning: String,
    in_scope: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<YearStatus>,
    /// The indicator's values by year up to Y (report only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    values: Vec<YearValue>,
}

#[derive(Serialize)]
struct YearValue {
    year: i32,
    value: Number,
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

/// The JSON formats. `json` is always an array of region objects, whatever the number of regions (so that a
/// script's `.[0].results` does not break when a second region appears): indented when it holds one region, one
/// compact object per line when it holds several. `jsonl` (JSON Lines) is one compact object per line, without
/// the array. The fields of each result that depend on its target alone are serialised once per report, not
/// once per region.
pub struct Json<'a> {
    pub lang: Lang,
    /// How many regions the report has.
    pub count: usize,
    /// JSON Lines instead of an array.
    pub lines: bool,
    fixed: OnceLock<Vec<FixedBytes<'a>>>,
}

impl<'a> Json<'a> {
    /// The `json` format: an array.
    pub fn new(lang: Lang, count: usize) -> Json<'a> {
        Json { lang, count, lines: false, fixed: OnceLock::new() }
    }

    /// The `jsonl` format: one object per line.
    pub fn lines(lang: Lang, count: usize) -> Json<'a> {
        Json { lines: true, ..Json::new(lang, count) }
    }

    /// One region, indented inside the array.
    fn indented(&self) -> bool {
        self.count == 1 && !self.lines
    }
}

impl<'a> Renderer<'a> for Json<'a> {
    type Part = Vec<u8>;

    fn begin(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        match (self.lines, self.indented()) {
            (true, _) => Ok(()),
            (false, true) => out.write_all(b"[\n"),
            (false, false) => out.write_all(b"["),
        }
    }

    fn region(&self, report: &Report<'a>, r: &RegionReport<'a>, index: usize) -> Vec<u8> {
        if self.indented() {
            return indent(&serde_json::to_vec_pretty(&region(report, r, self.lang)).unwrap_or_default());
        }
        let mut out = Vec::with_capacity(r.results.len() * 640);
        if !self.lines {
            out.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
        }
        self.compact(report, r, self.lang, &mut out);
        if self.lines {
            out.push(b'\n');
        }
        out
    }

    fn write(&mut self, part: Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&part)
    }

    fn end(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        match (self.lines, self.indented()) {
            (true, _) => Ok(()),
            (false, true) => out.write_all(b"\n]\n"),
            (false, false) => out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" }),
        }
    }
}

/// A pretty object indented one level, as the one element of an array.
fn indent(object: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(object.len() + object.len() / 16);
    out.extend_from_slice(b"  ");
    for &b in object {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(b"  ");
        }
    }
    out
}

impl<'a> Json<'a> {
    /// The compact object of a region, byte for byte what serde_json writes for [`RegionJson`].
    fn compact(&self, report: &Report<'a>, r: &RegionReport<'a>, lang: Lang, out: &mut Vec<u8>) {
        let fixed = self.fixed.get_or_init(|| r.results.iter().map(|t| (t.id, fixed_bytes(t))).collect());
        let _ = serde_json::to_writer(&mut *out, &head(report, r));
        // `{...}` becomes `{...,"results":[`
        out.pop();
        out.extend_from_slice(b",\"results\":[");
        let mut scratch = Vec::with_capacity(256);
        for (i, t) in r.results.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            match fixed.get(i) {
                Some((id, bytes)) if std::ptr::eq(*id, t.id) => out.extend_from_slice(bytes),
                _ => out.extend_from_slice(&fixed_bytes(t)),
            }
            // `{"id":...,"deadline":2030` + `,` + `"value":...}` (the found fields without their opening brace)
            scratch.clear();
            let _ = serde_json::to_writer(&mut scratch, &found(t, lang));
            out.push(b',');
            out.extend_from_slice(scratch.get(1..).unwrap_or_default());
        }
        out.extend_from_slice(b"]}");
    }
}

/// A decimal as a JSON string, exactly as computed, written straight from its digits.
struct Number(rust_decimal::Decimal);

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A target's id (the plan's own text, compared by address) and its fields as compact JSON, without the
/// closing brace.
type FixedBytes<'a> = (&'a str, Box<[u8]>);

/// A result's target-only fields as compact JSON, without the closing brace.
fn fixed_bytes(t: &TargetResult) -> Box<[u8]> {
    let mut bytes = serde_json::to_vec(&fixed(t)).unwrap_or_default();
    bytes.pop();
    bytes.into_boxed_slice()
}

fn region<'a>(report: &'a Report, region: &'a RegionReport, lang: Lang) -> RegionJson<'a> {
    RegionJson {
        head: head(report, region),
        results: region.results.iter().map(|t| ResultJson { fixed: fixed(t), found: found(t, lang) }).collect(),
    }
}

fn head<'a>(report: &'a Report, region: &'a RegionReport) -> RegionHead<'a> {
    RegionHead {
        plan: &report.plan.id,
        title: &report.plan.title,
        region: &region.region,
        year: region.year,
        baseline_year: report.plan.baseline_year,
        data: &report.data_file,
        fail_on: report.fail_on,
        scope: report.scope,
        attributes_stated: report.states_attributes,
        stage: report.stage,
        summary: Summary::of(region.summary().into_iter()),
        rates: rates(region.rates()),
        accounting: report.accounting,
    }
}

fn fixed<'a>(r: &TargetResult<'a>) -> Fixed<'a> {
    Fixed {
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
    }
}

fn found(r: &TargetResult, lang: Lang) -> Found {
    Found {
        value: r.value.map(Number),
        baseline: r.baseline.map(Number),
        baseline_source: r.baseline.map(|_| if r.baseline_from_plan { "plan" } else { "data" }),
        status: r.status,
        grade: r.grade,
        reason: r.reason.say(lang),
        warning: r.warning.say(lang),
        in_scope: r.in_scope,
        history: r.history.iter().map(|(year, status)| YearStatus { year: *year, status: *status }).collect(),
        values: r.series.iter().map(|(year, value)| YearValue { year: *year, value: Number(*value) }).collect(),
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

/// A report page: one region's object, with its counts by the bureaus' words and its warnings.
pub fn page(report: &Report, region_report: &RegionReport, lang: Lang) -> String {
    let page =
        PageJson { region: region(report, region_report, lang), grades: GradesJson::of(&region_report.grades()) };
    serde_json::to_string_pretty(&page).unwrap_or_default() + "\n"
}

#[derive(Serialize)]
struct PageJson<'a> {
    #[serde(flatten)]
    region: RegionJson<'a>,
    grades: GradesJson,
}

/// The counts under the words `grade` uses, and the targets with a warning.
#[derive(Serialize)]
struct GradesJson {
    achieved: usize,
    achieved_early: usize,
    nearly_achieved: usize,
    short: usize,
    no_data: usize,
    not_assessed: usize,
    warnings: usize,
}

impl GradesJson {
    fn of(g: &crate::eval::Grades) -> GradesJson {
        GradesJson {
            achieved: g.achieved,
            achieved_early: g.achieved_early,
            nearly_achieved: g.nearly_achieved,
            short: g.short,
            no_data: g.no_data,
            not_assessed: g.not_assessed,
            warnings: g.warnings,
        }
    }
}

#[derive(Serialize)]
struct IndexJson<'a> {
    stage: crate::eval::Stage,
    plans: Vec<BatchJson<'a>>,
    pages: Vec<IndexEntryJson<'a>>,
}

/// One plan over the regions of one data file, with its totals.
#[derive(Serialize)]
struct BatchJson<'a> {
    plan: &'a str,
    title: &'a str,
    data: &'a str,
    regions: usize,
    grades: GradesJson,
    rates: RatesJson,
    matrix: Option<String>,
    narrative: Option<String>,
}

#[derive(Serialize)]
struct IndexEntryJson<'a> {
    plan: &'a str,
    region: &'a str,
    year: Option<i32>,
    summary: Summary,
    grades: GradesJson,
    rates: RatesJson,
    file: &'a str,
    narrative: Option<&'a str>,
}

/// The index of every page written.
/// `narrative` is the extension of the drafted reports written (html or md), if any.
pub fn index(batches: &[crate::render::batch::Batch], stage: crate::eval::Stage, narrative: Option<&str>) -> String {
    let plans = batches
        .iter()
        .map(|b| {
            let (grades, totals) = b.totals();
            BatchJson {
                plan: &b.plan,
                title: &b.title,
                data: &b.data_file,
                regions: b.rows.len(),
                grades: GradesJson::of(&grades),
                rates: rates(totals),
                matrix: b.matrix.as_ref().map(|m| format!("{m}.json")),
                narrative: b.narrative.as_ref().zip(narrative).map(|(n, ext)| format!("{n}.{ext}")),
            }
        })
        .collect();
    let pages = batches
        .iter()
        .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
        .map(|(b, r)| IndexEntryJson {
            plan: &b.plan,
            region: &r.region,
            year: r.year,
            summary: Summary::of(r.summary.iter().copied()),
            grades: GradesJson::of(&r.grades),
            rates: rates(r.rates),
            file: &r.page,
            narrative: r.narrative.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&IndexJson { stage, plans, pages }).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::read::{load_bytes, LoadOptions};
    use crate::diag::Diagnostics;
    use crate::eval::{evaluate, EvalOptions};
    use crate::plan::{load_catalog, PlanSource};

    /// The compact lines, built from target fields serialised once, are byte for byte what serde_json writes for
    /// the whole object: for regions with and without data, warnings, plan baselines, history, in both languages.
    #[test]
    fn compact_lines_equal_serde_output() {
        let catalog = load_catalog(&PlanSource::Embedded, &mut Diagnostics::new());
        let plan = catalog.plan("jiangjin-women").expect("embedded plan");
        let mut csv = String::from("region,indicator,year,value\n");
        for (year, value) in [(2020, "30"), (2021, "40"), (2022, "31"), (2023, "45"), (2024, "44"), (2025, "43")] {
            csv.push_str(&format!("甲县,premarital-exam,{year},{value}\n乙\"县\",premarital-exam,{year},99\n"));
        }
        csv.push_str("甲县,maternal-mortality,2025,9.5\n丙县,maternal-mortality,2019,1\n");
        let mut diags = Diagnostics::new();
        let data = load_bytes("t.csv".into(), csv.as_bytes(), &catalog.registry, &LoadOptions::default(), &mut diags);
        for history in [false, true] {
            let options = EvalOptions { history, ..EvalOptions::default() };
            let report = evaluate(plan, &catalog.registry, &data, "t.csv", &options).expect("evaluated");
            assert_eq!(report.regions.len(), 3);
            assert!(report.regions[0].results.iter().any(|r| !r.warning.is_empty()), "a warning is covered");
            for lang in [Lang::Zh, Lang::En] {
                let lines = Json::new(lang, report.regions.len());
                for r in &report.regions {
                    let mut fast = Vec::new();
                    lines.compact(&report, r, lang, &mut fast);
                    let plain = serde_json::to_vec(&region(&report, r, lang)).expect("serialised");
                    assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&plain));
                }
            }
        }
    }
}
