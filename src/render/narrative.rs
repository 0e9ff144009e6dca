//! The drafted monitoring report (监测报告): per plan and region, and per plan over a batch of regions, written as
//! the bureaus write theirs — an opening with the stage, year and data; the totals; a paragraph per domain naming
//! what was reached early, reached, nearly reached and what is still short and by how much, with the change on
//! the year before; the warnings with their reasons; and a closing table. Every number is taken from the
//! verdicts (the same [`RegionReport`] the pages render); the sentences are [`crate::words::narrative`]'s.
//!
//! The report is built as a [`Doc`] of blocks, which Markdown ([`markdown`]) and HTML
//! ([`super::html::narrative`]) lay out.

use super::batch::{Batch, Row};
use crate::eval::{Grade, RegionReport, Report, TargetResult};
use crate::rule::{Kind, Reason};
use crate::words::narrative::{
    ordinal, Group, Heading, Item, Named, NoDataCount, Opening, RatesByRegion, Reach, RegionWarned, Title, Totals,
    Warned,
};
use crate::words::report::{status_and_grade, Term};
use crate::words::{Label, Lang, Say, Word};
use rust_decimal::Decimal;

/// A drafted report, as blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One block of a drafted report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Para(String),
    Note(String),
    List(Vec<String>),
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
}

/// The report of one plan in one region.
pub fn region(report: &Report, region: &RegionReport, lang: Lang) -> Doc {
    let year = super::year_text(region.year);
    let p = &report.plan;
    let title = Title { region: Some(&region.region), title: &p.title, stage: report.stage, year: &year, regions: 1 };
    let opening = Opening {
        regions: &region.region,
        count: 1,
        title: &p.title,
        authority: &p.authority,
        document_number: p.document_number.as_deref(),
        stage: report.stage,
        year: &year,
        baseline_year: p.baseline_year,
        data: &report.data_file,
    };
    let mut blocks = vec![Block::Note(Term::Draft.word(lang).to_string()), Block::Para(opening.say(lang))];
    blocks.push(Block::Heading(Heading::Overall.word(lang).to_string()));
    blocks.push(Block::Para(totals(region).say(lang)));
    blocks.push(Block::Heading(Heading::Domains.word(lang).to_string()));
    for (i, (domain, results)) in domains(region).into_iter().enumerate() {
        blocks.push(Block::Para(domain_paragraph(i, domain, &results, lang)));
    }
    blocks.push(Block::Heading(Heading::Warnings.word(lang).to_string()));
    blocks.push(warnings(region, lang));
    blocks.push(Block::Heading(Heading::Table.word(lang).to_string()));
    blocks.push(closing_table(region, lang));
    Doc { title: title.say(lang), blocks }
}

/// The totals of one region.
pub fn totals(region: &RegionReport) -> Totals {
    let g = region.grades();
    totals_of(&g, &region.rates(), g.not_assessed, false)
}

/// The totals of grades and rates; `times`: counted as target × region (项次).
fn totals_of(g: &crate::eval::Grades, r: &crate::eval::Rates, qualitative: usize, times: bool) -> Totals {
    Totals {
        assessable: r.assessable,
        achieved: g.achieved + g.achieved_early,
        nearly: g.nearly_achieved,
        rate: r.over_assessable(),
        no_data: r.assessable - r.with_data,
        with_data: r.with_data,
        rate_with_data: r.over_with_data(),
        qualitative,
        warned: g.warnings,
        times,
    }
}

type Domains<'r, 'a> = Vec<(&'a str, Vec<&'r TargetResult<'a>>)>;

/// The quantified results by domain, in order.
fn domains<'r, 'a>(region: &'r RegionReport<'a>) -> Domains<'r, 'a> {
    let mut out: Domains<'r, 'a> = Vec::new();
    for r in region.results.iter().filter(|r| r.kind != Kind::Qualitative) {
        match out.last_mut() {
            Some((d, list)) if *d == r.domain => list.push(r),
            _ => out.push((r.domain, vec![r])),
        }
    }
    out
}

fn domain_paragraph(i: usize, domain: &str, results: &[&TargetResult], lang: Lang) -> String {
    let groups = [
        (Group::Early, Grade::AchievedEarly),
        (Group::Achieved, Grade::Achieved),
        (Group::Nearly, Grade::NearlyAchieved),
        (Group::Short, Grade::Short),
    ];
    let sep = crate::words::pick(lang, "、", "; ");
    let mut parts = Vec::new();
    for (group, grade) in groups {
        let items: Vec<String> = results.iter().filter(|r| r.grade == grade).map(|r| item(r).say(lang)).collect();
        if !items.is_empty() {
            let head = group.say(lang);
            let space = crate::words::pick(lang, "", " ");
            parts.push(format!("{head}{space}{}", items.join(sep)));
        }
    }
    let missing = results.iter().filter(|r| r.grade == Grade::NoData).count();
    let end = crate::words::pick(lang, "；", "; ");
    let close = crate::words::pick(lang, "。", ". ");
    let mut text = format!("{}{domain}{}", ordinal(i, lang), crate::words::pick(lang, "。", ". "));
    if !parts.is_empty() {
        text.push_str(&parts.join(end));
        text.push_str(if missing > 0 { end } else { close });
    }
    if missing > 0 {
        text.push_str(&NoDataCount(missing).say(lang));
    }
    text.trim_end().to_string()
}

/// A target's item: its value, target, shortfall (threshold kinds not met) and change on the year before.
pub fn item<'r>(r: &'r TargetResult) -> Item<'r> {
    let gap = match (&r.reason, r.value) {
        (Reason::Misses { goal } | Reason::Line { goal, .. } | Reason::MissesWithoutLine { goal, .. }, Some(v)) => {
            Some(goal.shortfall(v).normalize()).filter(|g| !g.is_zero())
        }
        _ => None,
    };
    Item { name: r.name, value: r.value, unit: r.unit, target: r.target, gap, change: change(r) }
}

/// v(Y) − v(Y−1), where the series has both (it stops at Y).
pub fn change(r: &TargetResult) -> Option<Decimal> {
    let [.., (py, pv), (y, v)] = r.series.as_slice() else { return None };
    (*y == py + 1 && r.value == Some(*v)).then(|| (*v - *pv).normalize())
}

fn warnings(region: &RegionReport, lang: Lang) -> Block {
    let items: Vec<String> = region
        .results
        .iter()
        .filter(|r| !r.warning.is_empty())
        .map(|r| Warned { name: r.name, target: r.target, text: &r.warning.say(lang) }.say(lang))
        .collect();
    if items.is_empty() {
        Block::Para(Heading::NoWarnings.word(lang).to_string())
    } else {
        Block::List(items)
    }
}

fn closing_table(region: &RegionReport, lang: Lang) -> Block {
    let year = super::year_text(region.year);
    let header = vec![
        Label::Domain.word(lang).to_string(),
        Label::Indicator.word(lang).to_string(),
        Label::Target.word(lang).to_string(),
        Label::Attribute.word(lang).to_string(),
        Label::Baseline.word(lang).to_string(),
        format!("{year}{}", crate::words::pick(lang, "年", "")),
        Heading::Change.word(lang).to_string(),
        Label::Grade.word(lang).to_string(),
    ];
    let rows = region
        .results
        .iter()
        .filter(|r| r.kind != Kind::Qualitative)
        .map(|r| {
            vec![
                r.domain.to_string(),
                super::indicator_label(r),
                r.target.to_string(),
                r.attribute.word(lang).to_string(),
                super::baseline_text(r),
                super::number(r.value),
                change(r).map(signed).unwrap_or_default(),
                status_and_grade(r.status, r.grade, lang),
            ]
        })
        .collect();
    Block::Table { header, rows }
}

/// A change with its sign: `+0.8`, `-0.3`, `0`.
fn signed(d: Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{}", crate::rule::show(d))
    } else {
        crate::rule::show(d)
    }
}

/// The report of one plan over a batch of regions.
pub fn batch(b: &Batch, lang: Lang) -> Doc {
    let rows = b.sorted();
    let names: Vec<String> = b.rows.iter().map(|r| r.region.clone()).collect();
    let mut years: Vec<i32> = b.rows.iter().filter_map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let year = years.iter().map(i32::to_string).collect::<Vec<_>>().join(crate::words::pick(lang, "、", ", "));
    let year = if year.is_empty() { "—".to_string() } else { year };
    let title = Title { region: None, title: &b.title, stage: b.stage, year: &year, regions: b.rows.len() };
    let joined = names.join(crate::words::pick(lang, "、", ", "));
    let opening = Opening {
        regions: &joined,
        count: b.rows.len(),
        title: &b.title,
        authority: &b.authority,
        document_number: b.document_number.as_deref(),
        stage: b.stage,
        year: &year,
        baseline_year: b.baseline_year,
        data: &b.data_file,
    };
    let mut blocks = vec![Block::Note(Term::Draft.word(lang).to_string()), Block::Para(opening.say(lang))];
    blocks.push(Block::Heading(Heading::Overall.word(lang).to_string()));
    let by_region: Vec<(String, Option<Decimal>)> =
        rows.iter().map(|r| (r.region.clone(), r.rates.over_assessable())).collect();
    let space = crate::words::pick(lang, "", " ");
    blocks.push(Block::Para(format!("{}{space}{}", batch_totals(b).say(lang), RatesByRegion(&by_region).say(lang))));
    blocks.push(Block::Heading(Heading::Domains.word(lang).to_string()));
    blocks.extend(batch_domains(b, lang).into_iter().map(Block::Para));
    blocks.push(Block::Heading(Heading::Warnings.word(lang).to_string()));
    blocks.push(batch_warnings(b, lang));
    blocks.push(Block::Heading(Heading::Table.word(lang).to_string()));
    blocks.push(batch_table(&rows, lang));
    Doc { title: title.say(lang), blocks }
}

/// The totals over every region of a batch, counted as target × region (项次).
pub fn batch_totals(b: &Batch) -> Totals {
    let (g, r) = b.totals();
    totals_of(&g, &r, 0, true)
}

fn batch_domains(b: &Batch, lang: Lang) -> Vec<String> {
    let reached = b.reached();
    let regions = b.rows.len();
    let mut domains: Vec<&str> = Vec::new();
    for c in &b.columns {
        if domains.last() != Some(&c.domain.as_str()) {
            domains.push(&c.domain);
        }
    }
    let has_data = |c: usize| b.rows.iter().any(|r| r.cells.get(c).is_some_and(|cell| cell.grade != Grade::NoData));
    domains
        .iter()
        .enumerate()
        .map(|(i, domain)| {
            let cols: Vec<usize> = (0..b.columns.len()).filter(|&c| b.columns[c].domain == *domain).collect();
            let name = |c: usize| Named { name: &b.columns[c].name, target: &b.columns[c].target }.say(lang);
            let all: Vec<String> =
                cols.iter().filter(|&&c| has_data(c) && reached[c] == regions).map(|&c| name(c)).collect();
            let some: Vec<(String, usize)> = cols
                .iter()
                .filter(|&&c| reached[c] > 0 && reached[c] < regions)
                .map(|&c| (name(c), reached[c]))
                .collect();
            let none: Vec<String> =
                cols.iter().filter(|&&c| has_data(c) && reached[c] == 0).map(|&c| name(c)).collect();
            let missing = cols.iter().filter(|&&c| !has_data(c)).count();
            let mut parts = Vec::new();
            if !all.is_empty() {
                parts.push(Reach::All(&all).say(lang));
            }
            if !some.is_empty() {
                parts.push(Reach::Some(&some).say(lang));
            }
            if !none.is_empty() {
                parts.push(Reach::None(&none).say(lang));
            }
            if missing > 0 {
                parts.push(Reach::NoData(missing).say(lang));
            }
            let (dot, semi) = (crate::words::pick(lang, "。", ". "), crate::words::pick(lang, "；", "; "));
            format!("{}{domain}{dot}{}{}", ordinal(i, lang), parts.join(semi), crate::words::pick(lang, "。", "."))
        })
        .collect()
}

fn batch_warnings(b: &Batch, lang: Lang) -> Block {
    let mut items = Vec::new();
    for (c, column) in b.columns.iter().enumerate() {
        let per_region: Vec<String> = b
            .rows
            .iter()
            .filter_map(|r: &Row| {
                let (_, w) = r.warnings.iter().find(|(i, _)| *i == c)?;
                Some(RegionWarned { region: &r.region, text: &w.say(lang) }.say(lang))
            })
            .collect();
        if !per_region.is_empty() {
            let sep = crate::words::pick(lang, "；", "; ");
            let text = per_region.join(sep);
            items.push(Warned { name: &column.name, target: &column.target, text: &text }.say(lang));
        }
    }
    if items.is_empty() {
        Block::Para(Heading::NoWarnings.word(lang).to_string())
    } else {
        Block::List(items)
    }
}

fn batch_table(rows: &[&Row], lang: Lang) -> Block {
    let grades = [Grade::Achieved, Grade::AchievedEarly, Grade::NearlyAchieved, Grade::Short, Grade::NoData];
    let mut header = vec![Label::Region.word(lang).to_string(), Label::EvaluationYear.word(lang).to_string()];
    header.extend(grades.iter().map(|g| g.word(lang).to_string()));
    header.push(Label::Warning.word(lang).to_string());
    header.push(Label::RateCountyShort.word(lang).to_string());
    let body = rows
        .iter()
        .map(|r| {
            let g = r.grades;
            let rate = crate::words::report::RateCell {
                rate: r.rates.over_assessable(),
                part: r.rates.reached,
                whole: r.rates.assessable,
            };
            vec![
                r.region.clone(),
                super::year_text(r.year),
                g.achieved.to_string(),
                g.achieved_early.to_string(),
                g.nearly_achieved.to_string(),
                g.short.to_string(),
                g.no_data.to_string(),
                g.warnings.to_string(),
                rate.say(lang),
            ]
        })
        .collect();
    Block::Table { header, rows: body }
}

/// The report as Markdown.
pub fn markdown(doc: &Doc) -> String {
    use super::markdown::escape;
    let mut out = format!("# {}\n\n", escape(&doc.title));
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => out.push_str(&format!("## {}\n\n", escape(h))),
            Block::Para(p) => out.push_str(&format!("{}\n\n", escape(p))),
            Block::Note(n) => out.push_str(&format!("> {}\n\n", escape(n))),
            Block::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", i + 1, escape(item)));
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                out.push_str(&format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len())));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
        }
    }
    out
}
