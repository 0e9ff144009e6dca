//! A region's page for one plan. Printed, it is the summary and one compact table of every quantified target
//! (indicator, target as written, attribute, baseline, each year's value up to the evaluation year, status with
//! the bureau's word, 预警), then the qualitative targets as a list: every number on paper as text, in a few
//! A4 pages. On screen, each target's card follows, with its reason, its course by year and its chart.

use super::super::chart::chart;
use super::{document, status_span, Shell};
use crate::eval::{RegionReport, Report, TargetResult};
use crate::plan::Attribute;
use crate::render::{baseline_text, indicator_label, year_text};
use crate::rule::Kind;
use crate::words::report::{status_and_grade, RateCell, RunningHeader, ScreenOnly, TableNote, Term};
use crate::words::{Label, Lang, Say, Word};
use maud::{html, Markup};

/// Year columns beyond this many print across the page (A4 landscape).
const PORTRAIT_YEARS_AT_MOST: usize = 6;

/// Links from a page to the others of its report.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub index: Option<String>,
    pub matrix: Option<String>,
    pub narrative: Option<String>,
}

/// The page of one plan in one region.
pub fn page(report: &Report, region: &RegionReport, links: &Links, lang: Lang) -> String {
    let p = &report.plan;
    let year = year_text(region.year);
    let years = year_columns(report, region);
    let header = RunningHeader { title: &p.title, region: &region.region, stage: report.stage, year: year.clone() };
    let header = header.say(lang);
    let domains = grouped(&region.results);
    let body = html! {
        (nav(links, lang))
        h1 { (p.title) }
        div.meta {
            (region.region) " · " (report.stage.word(lang)) " · " (Label::EvaluationYear.word(lang)) " " (year)
            " · " (Label::BaselineYear.word(lang)) " " (p.baseline_year)
            " · " (Label::Data.word(lang)) " " (report.data_file)
        }
        (summary(region, lang))
        @if !report.states_attributes {
            p.note { (Label::NoAttributesStated.word(lang)) }
        }
        h2 { (Term::AtAGlance.word(lang)) }
        (compact_table(report, &domains, &years, lang))
        p.note { (TableNote { baseline_year: p.baseline_year, year: year.clone() }.say(lang)) }
        (qualitative(&domains, lang))
        section.cards.screen {
            h2 { (Term::Details.word(lang)) }
            p.note { (ScreenOnly.say(lang)) }
            @for (domain, results) in &domains {
                h3 { (domain) }
                @for r in results { (card(r, region.year, lang)) }
            }
        }
    };
    let title = format!("{} · {} · {year}", p.title, region.region);
    document(&Shell { lang, title: &title, header: &header, landscape: years.len() > PORTRAIT_YEARS_AT_MOST }, body)
}

fn nav(links: &Links, lang: Lang) -> Markup {
    html! {
        div.links {
            @if let Some(i) = &links.index { a href=(i) { "← " (Term::BackToIndex.word(lang)) } }
            @if let Some(m) = &links.matrix { a href=(m) { (Term::Matrix.word(lang)) } }
            @if let Some(n) = &links.narrative { a href=(n) { (Term::Narrative.word(lang)) } }
        }
    }
}

/// The years after the baseline, up to Y, that have a value in this region, and Y itself.
fn year_columns(report: &Report, region: &RegionReport) -> Vec<i32> {
    let b = report.plan.baseline_year;
    let mut years: Vec<i32> = region.results.iter().flat_map(|r| r.series.iter().map(|p| p.0)).collect();
    years.extend(region.year);
    years.retain(|&y| y > b && region.year.is_none_or(|end| y <= end));
    years.sort_unstable();
    years.dedup();
    years
}

/// The counts by the bureaus' words, the warnings, and the 达标率 with its numerator and denominator.
pub fn summary(region: &RegionReport, lang: Lang) -> Markup {
    let g = region.grades();
    let r = region.rates();
    let counts = [
        (crate::eval::Grade::Achieved.word(lang), g.achieved),
        (crate::eval::Grade::AchievedEarly.word(lang), g.achieved_early),
        (crate::eval::Grade::NearlyAchieved.word(lang), g.nearly_achieved),
        (crate::eval::Grade::Short.word(lang), g.short),
        (crate::eval::Grade::NoData.word(lang), g.no_data),
        (crate::eval::Grade::NotAssessed.word(lang), g.not_assessed),
        (Label::Warning.word(lang), g.warnings),
    ];
    let county = RateCell { rate: r.over_assessable(), part: r.reached, whole: r.assessable };
    let national = RateCell { rate: r.over_with_data(), part: r.reached, whole: r.with_data };
    html! {
        table.summary {
            tr {
                @for (word, _) in &counts { th { (word) } }
                th { (Label::RateCountyShort.word(lang)) } th { (Label::RateNationalShort.word(lang)) }
            }
            tr {
                @for (_, n) in &counts { td.num { (n) } }
                td.num { (county.say(lang)) } td.num { (national.say(lang)) }
            }
        }
    }
}

fn compact_table(report: &Report, domains: &Groups, years: &[i32], lang: Lang) -> Markup {
    let span = 6 + years.len();
    html! {
        table.compact {
            thead {
                tr {
                    th { (Label::Indicator.word(lang)) } th { (Label::Target.word(lang)) }
                    th { (Label::Attribute.word(lang)) }
                    th.num { (Label::Baseline.word(lang)) " " (report.plan.baseline_year) }
                    @for y in years { th.num { (y) } }
                    th { (Label::Status.word(lang)) } th.warn { (Label::Warning.word(lang)) }
                }
            }
            tbody {
                @for (domain, results) in domains {
                    @let quantified: Vec<&&TargetResult> = results.iter().filter(|r| r.kind != Kind::Qualitative).collect();
                    @if !quantified.is_empty() {
                        tr.domain { th colspan=(span) { (domain) } }
                        @for r in quantified { (row(r, years, lang)) }
                    }
                }
            }
        }
    }
}

fn row(r: &TargetResult, years: &[i32], lang: Lang) -> Markup {
    let binding = r.attribute == Attribute::Binding;
    let value = |y: &i32| r.series.iter().find(|p| p.0 == *y).map(|p| crate::rule::show(p.1)).unwrap_or_default();
    html! {
        tr class=[binding.then_some("binding")] id=(r.id) {
            td.ind { @if binding { span.star { "★ " } } (indicator_label(r)) }
            td.target { (r.target) }
            td.attr { (r.attribute.word(lang)) }
            td.num { (baseline_text(r)) }
            @for y in years { td.num { (value(y)) } }
            td { (status_span(r.status, &status_and_grade(r.status, r.grade, lang))) }
            td.warn { (r.warning.say(lang)) }
        }
    }
}

fn qualitative(domains: &Groups, lang: Lang) -> Markup {
    let any = domains.iter().any(|(_, rs)| rs.iter().any(|r| r.kind == Kind::Qualitative));
    html! {
        @if any {
            h2 { (Term::QualitativeTargets.word(lang)) }
            @for (domain, results) in domains {
                @let texts: Vec<&str> = results.iter().filter(|r| r.kind == Kind::Qualitative).map(|r| r.target).collect();
                @if !texts.is_empty() {
                    h3 { (domain) }
                    ol.qualitative { @for t in texts { li { (t) } } }
                }
            }
        }
    }
}

fn card(r: &TargetResult, year: Option<i32>, lang: Lang) -> Markup {
    let binding = r.attribute == Attribute::Binding;
    html! {
        div.target id={"card-" (r.id)} {
            div {
                div.text {
                    @if binding { span.star { "★ " } }
                    @if r.indicator.is_some() { span.name { (indicator_label(r)) "：" } }
                    q { (r.target) }
                }
                div.where {
                    (r.section) " " (r.item) " · " (r.attribute.word(lang)) " · " (Label::Deadline.word(lang)) " " (r.deadline)
                }
                p {
                    (status_span(r.status, &status_and_grade(r.status, r.grade, lang)))
                    @if let Some(v) = r.value { " · " (Label::Value.word(lang)) " " (v) }
                    @if r.baseline.is_some() { " · " (Label::Baseline.word(lang)) " " (baseline_text(r)) }
                }
                p.reason { (r.reason.say(lang)) }
                @if !r.warning.is_empty() {
                    p.warn { "⚠ " (Label::WarningPrefix.word(lang)) (r.warning.say(lang)) }
                }
                @if !r.history.is_empty() {
                    div.chips {
                        @for (y, s) in &r.history { span class=(s.as_str()) { (y) " " (s.word(lang)) } }
                    }
                }
            }
            div { @if let Some(svg) = chart(r, year, lang) { (svg) } }
        }
    }
}

/// Results by domain, in order.
type Groups<'r, 'a> = Vec<(&'a str, Vec<&'r TargetResult<'a>>)>;

fn grouped<'r, 'a>(results: &'r [TargetResult<'a>]) -> Groups<'r, 'a> {
    let mut groups: Groups<'r, 'a> = Vec::new();
    for r in results {
        match groups.last_mut() {
            Some((d, list)) if *d == r.domain => list.push(r),
            _ => groups.push((r.domain, vec![r])),
        }
    }
    groups
}
