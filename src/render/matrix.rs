//! Regions × indicators as Markdown and JSON (the HTML page is [`super::html::matrix`]): the same rows in the
//! same order, from the same [`Batch`].

use super::batch::Batch;
use super::markdown::escape;
use crate::eval::{Grade, Rates};
use crate::rule::Status;
use crate::words::report::{status_letter, MatrixLegend, MatrixOrder, RateCell, Term};
use crate::words::{Label, Lang, Say, Word};
use serde::Serialize;

/// The Markdown page.
pub fn markdown(b: &Batch, lang: Lang) -> String {
    let mut out = format!(
        "# {} · {}\n\n{}\n\n{}\n\n",
        escape(&b.title),
        Term::Matrix.word(lang),
        MatrixOrder.say(lang),
        MatrixLegend.say(lang)
    );
    let mut header = vec![Label::Region.word(lang).to_string(), Term::Rate.word(lang).to_string()];
    header.extend(b.columns.iter().map(|c| escape(&c.label)));
    out.push_str(&format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len())));
    for r in b.sorted() {
        let rate = RateCell { rate: r.rates.over_assessable(), part: r.rates.reached, whole: r.rates.assessable };
        let mut cells = vec![escape(&r.region), rate.say(lang)];
        cells.extend(r.cells.iter().map(|c| {
            let near = if c.grade == Grade::NearlyAchieved { "≈" } else { "" };
            format!("{}{near}", status_letter(c.status, lang))
        }));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    let mut last = vec![Term::RegionsReached.word(lang).to_string(), String::new()];
    last.extend(b.reached().iter().map(usize::to_string));
    out.push_str(&format!("| {} |\n", last.join(" | ")));
    out
}

#[derive(Serialize)]
struct MatrixJson<'a> {
    plan: &'a str,
    stage: crate::eval::Stage,
    data: &'a str,
    /// How the rows are ordered.
    order: &'static str,
    columns: Vec<ColumnJson<'a>>,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct ColumnJson<'a> {
    id: &'a str,
    name: &'a str,
    /// The name with its unit, as the page heads the column.
    label: &'a str,
    target: &'a str,
    domain: &'a str,
    binding: bool,
    /// Regions reaching it (已实现, 提前实现 or 基本实现).
    reached: usize,
}

#[derive(Serialize)]
struct RowJson<'a> {
    region: &'a str,
    year: Option<i32>,
    rates: Rates,
    county: Option<String>,
    file: &'a str,
    cells: Vec<CellJson>,
}

#[derive(Serialize)]
struct CellJson {
    status: Status,
    grade: Grade,
}

/// The JSON page: numbers as the region pages give them, statuses and grades in the JSON words.
pub fn json(b: &Batch) -> String {
    let reached = b.reached();
    let columns = b
        .columns
        .iter()
        .zip(reached)
        .map(|(c, reached)| ColumnJson {
            id: &c.id,
            name: &c.name,
            label: &c.label,
            target: &c.target,
            domain: &c.domain,
            binding: c.binding,
            reached,
        })
        .collect();
    let rows = b
        .sorted()
        .into_iter()
        .map(|r| RowJson {
            region: &r.region,
            year: r.year,
            rates: r.rates,
            county: r.rates.over_assessable().map(|v| v.to_string()),
            file: &r.page,
            cells: r.cells.iter().map(|c| CellJson { status: c.status, grade: c.grade }).collect(),
        })
        .collect();
    let m = MatrixJson { plan: &b.plan, stage: b.stage, data: &b.data_file, order: "county_rate_desc", columns, rows };
    serde_json::to_string_pretty(&m).unwrap_or_default() + "\n"
}
