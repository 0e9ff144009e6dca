//! HTML reports: one self-contained page per plan and region (inline CSS and SVG, no script, nothing loaded from
//! the network, readable when printed) and an index page of regions × plans. maud escapes every text that comes
//! from plans or data.

use super::chart::chart;
use super::pages::IndexEntry;
use crate::eval::{RegionReport, Report, TargetResult};
use crate::rule::Status;
use crate::words::{Label, Lang, Say, Word};
use maud::{html, Markup, DOCTYPE};

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#1d1d1f;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #ccd;padding-bottom:4px;margin-top:28px}
.meta{color:#555;font-size:13px;margin-bottom:12px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef}
.target{display:grid;grid-template-columns:1fr 350px;gap:8px 16px;border:1px solid #dde;border-radius:6px;padding:10px 12px;margin:10px 0;break-inside:avoid}
.text{font-size:15px;font-weight:600}.text q{quotes:"「" "」"}.name{color:#37474f}.where{color:#666;font-size:12px}
.verdict{font-weight:700;padding:1px 6px;border-radius:4px;color:#fff}
.met{background:#2e7d32}.on_track{background:#558b2f}.off_track{background:#ef6c00}.unmet{background:#c62828}.no_data{background:#9e9e9e}.not_assessed{background:#78909c}
.warning{color:#b71c1c;font-size:13px}.reason{font-size:13px}
.history span{display:inline-block;min-width:38px;text-align:center;font-size:11px;margin-right:2px;border-radius:3px;color:#fff}
.chart .frame{fill:#fafafe;stroke:#ccd}.chart .band{fill:#c8e6c9;opacity:.7}.chart .target{stroke:#2e7d32;stroke-dasharray:5 3}
.chart .path{stroke:#1565c0;stroke-dasharray:2 3}.chart .deadline{stroke:#c62828;stroke-dasharray:3 3}
.chart .series{fill:none;stroke:#263238;stroke-width:2}.chart .point{fill:#263238}.chart text{font-size:10px;fill:#444}
.rates td{font-weight:600}
@media print{body{margin:0}.target{border-color:#999}.verdict{color:#000;border:1px solid #000;background:none}}
"#;

/// The page of one plan in one region.
pub fn page(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let p = &report.plan;
    let rates = region.rates();
    let year = super::year_text(region.year);
    let domains = grouped(&region.results);
    let page = html! {
        (DOCTYPE)
        html lang=(if lang == Lang::Zh { "zh-CN" } else { "en" }) {
            head {
                meta charset="utf-8";
                title { (p.title) " · " (region.region) " · " (year) }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                h1 { (p.title) }
                div.meta {
                    (region.region) " · " (report.stage.word(lang)) " · " (Label::EvaluationYear.word(lang)) " " (year)
                    " · " (Label::BaselineYear.word(lang)) " " (p.baseline_year)
                    " · " (Label::Data.word(lang)) " " (report.data_file)
                }
                table.summary {
                    tr { @for (s, _) in region.summary() { th { (s.word(lang)) } } }
                    tr { @for (_, n) in region.summary() { td { (n) } } }
                }
                (rates_table(&rates, lang))
                @if !report.states_attributes {
                    p.meta { (Label::NoAttributesStated.word(lang)) }
                }
                @for (domain, results) in &domains {
                    section.domain {
                        h2 { (domain) }
                        @for r in results { (target(r, lang)) }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn target(r: &TargetResult, lang: Lang) -> Markup {
    html! {
        div.target id=(r.id) {
            div {
                div.text {
                    @if r.indicator.is_some() { span.name { (super::indicator_label(r)) "：" } }
                    q { (r.target) }
                }
                div.where {
                    (r.section) " " (r.item) " · " (r.attribute.word(lang)) " · " (Label::Deadline.word(lang)) " " (r.deadline)
                }
                p {
                    span class={"verdict " (r.status.as_str())} { (r.status.word(lang)) }
                    " " (r.grade.word(lang))
                    @if let Some(v) = r.value { " · " (Label::Value.word(lang)) " " (v) }
                    @if let Some(b) = r.baseline { " · " (Label::Baseline.word(lang)) " " (b) }
                }
                p.reason { (r.reason.say(lang)) }
                @if !r.warning.is_empty() {
                    p.warning { "⚠ " (Label::WarningPrefix.word(lang)) (r.warning.say(lang)) }
                }
                @if !r.history.is_empty() {
                    div.history {
                        @for (y, s) in &r.history {
                            span class=(s.as_str()) title=(s.word(lang)) { (y) }
                        }
                    }
                }
            }
            div { @if let Some(svg) = chart(r, lang) { (svg) } }
        }
    }
}

fn rates_table(rates: &crate::eval::Rates, lang: Lang) -> Markup {
    let pct = super::percent_text;
    html! {
        table.rates {
            tr {
                th { (Label::RateCounty.word(lang)) }
                td { (pct(rates.over_assessable())) " (" (rates.reached) "/" (rates.assessable) ")" }
                th { (Label::RateNational.word(lang)) }
                td { (pct(rates.over_with_data())) " (" (rates.reached) "/" (rates.with_data) ")" }
            }
        }
    }
}

/// Results by domain, in order.
fn grouped<'r, 'a>(results: &'r [TargetResult<'a>]) -> Vec<(&'a str, Vec<&'r TargetResult<'a>>)> {
    let mut groups: Vec<(&'a str, Vec<&'r TargetResult<'a>>)> = Vec::new();
    for r in results {
        match groups.last_mut() {
            Some((d, list)) if *d == r.domain => list.push(r),
            _ => groups.push((r.domain, vec![r])),
        }
    }
    groups
}

/// The index of every page written.
pub fn index(entries: &[IndexEntry], stage: crate::eval::Stage, lang: Lang) -> String {
    let pct = super::percent_text;
    html! {
        (DOCTYPE)
        html {
            head { meta charset="utf-8"; title { "plancheck · " (stage.word(lang)) } style { (maud::PreEscaped(STYLE)) } }
            body {
                h1 { (stage.word(lang)) }
                table {
                    tr {
                        th { (Label::Region.word(lang)) } th { (Label::Plan.word(lang)) } th { (Label::Year.word(lang)) }
                        @for s in Status::all() { th { (s.word(lang)) } }
                        th { (Label::RateCountyShort.word(lang)) } th { (Label::RateNationalShort.word(lang)) }
                    }
                    @for e in entries {
                        tr {
                            td { (e.region) }
                            td { a href=(e.file) { (e.title) } }
                            td { (super::year_text(e.year)) }
                            @for (_, n) in &e.summary { td { (n) } }
                            td { (pct(e.rates.over_assessable())) } td { (pct(e.rates.over_with_data())) }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}
