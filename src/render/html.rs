//! HTML reports: one self-contained page per plan and region (inline CSS and SVG, no script, nothing loaded from
//! the network, readable when printed) and an index page of regions × plans. maud escapes every text that comes
//! from plans or data.

use super::chart::chart;
use super::{attribute_word, grade_word, reason_text, stage_word, status_word};
use crate::cli::Lang;
use crate::eval::{RegionReport, Report, TargetResult};
use crate::rule::Status;
use maud::{html, Markup, DOCTYPE};

/// One line of the index: a written page.
pub struct IndexEntry {
    pub plan: String,
    pub title: String,
    pub region: String,
    pub year: Option<i32>,
    pub summary: Vec<(Status, usize)>,
    pub rates: crate::eval::Rates,
    /// The page's file name, relative to the index.
    pub file: String,
}

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
                    (region.region) " · " (stage_word(report.stage, lang)) " · " (words(lang, "评估年份", "year")) " " (year)
                    " · " (words(lang, "基线年份", "baseline year")) " " (p.baseline_year)
                    " · " (words(lang, "数据", "data")) " " (report.data_file)
                }
                table.summary {
                    tr { @for (s, _) in region.summary() { th { (status_word(s, lang)) } } }
                    tr { @for (_, n) in region.summary() { td { (n) } } }
                }
                (rates_table(&rates, lang))
                @if !report.states_attributes {
                    p.meta { (words(lang, "本规划未标注约束性/预期性。", "This plan marks no target binding or expected.")) }
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
                    (r.section) " " (r.item) " · " (attribute_word(r.attribute, lang)) " · " (words(lang, "期限", "deadline")) " " (r.deadline)
                }
                p {
                    span class={"verdict " (r.status.as_str())} { (status_word(r.status, lang)) }
                    " " (grade_word(r.grade, lang))
                    @if let Some(v) = r.value { " · " (words(lang, "当年值", "value")) " " (v) }
                    @if let Some(b) = r.baseline { " · " (words(lang, "基线", "baseline")) " " (b) }
                }
                p.reason { (reason_text(&r.reason, lang)) }
                @if !r.warning.zh.is_empty() {
                    p.warning { "⚠ " (words(lang, "预警：", "warning: ")) (reason_text(&r.warning, lang)) }
                }
                @if !r.history.is_empty() {
                    div.history {
                        @for (y, s) in &r.history {
                            span class=(s.as_str()) title=(status_word(*s, lang)) { (y) }
                        }
                    }
                }
            }
            div { @if let Some(svg) = chart(r) { (svg) } }
        }
    }
}

fn rates_table(rates: &crate::eval::Rates, lang: Lang) -> Markup {
    let pct = super::percent_text;
    html! {
        table.rates {
            tr {
                th { (words(lang, "达标率（含无数据，县级口径）", "reached, no data counted (county practice)")) }
                td { (pct(rates.over_assessable())) " (" (rates.reached) "/" (rates.assessable) ")" }
                th { (words(lang, "达标率（有数据指标，国家口径）", "reached, targets with data (national practice)")) }
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
            head { meta charset="utf-8"; title { "plancheck · " (stage_word(stage, lang)) } style { (maud::PreEscaped(STYLE)) } }
            body {
                h1 { (stage_word(stage, lang)) }
                table {
                    tr {
                        th { (words(lang, "地区", "region")) } th { (words(lang, "规划", "plan")) } th { (words(lang, "年份", "year")) }
                        @for s in Status::ALL { th { (status_word(s, lang)) } }
                        th { (words(lang, "达标率（县级口径）", "reached (county)")) } th { (words(lang, "达标率（国家口径）", "reached (national)")) }
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

fn words(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
