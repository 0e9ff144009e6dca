//! Regions × indicators for one batch: one row per region, one column per quantified target, each cell the
//! region's status as a coloured letter (with ≈ where the bureau's word is 基本实现), the rows already sorted by
//! 达标率 (no script: the order is stated), and a last row counting the regions that reached each target.

use super::{document, Shell};
use crate::eval::Grade;
use crate::render::batch::{Batch, Cell};
use crate::render::names::href;
use crate::words::report::{status_and_grade, status_letter, MatrixLegend, MatrixOrder, RateCell, Term};
use crate::words::{Label, Lang, Say, Word};
use maud::{html, Markup};

/// The page of one batch.
pub fn page(b: &Batch, index: &str, lang: Lang) -> String {
    let header = format!("{} · {} · {}", b.title, Term::Matrix.word(lang), b.stage.word(lang));
    let reached = b.reached();
    let body = html! {
        div.links { a href=(href(index)) { "← " (Term::BackToIndex.word(lang)) } }
        h1 { (b.title) " · " (Term::Matrix.word(lang)) }
        div.meta { (b.stage.word(lang)) " · " (Label::Data.word(lang)) " " (b.data_file) }
        p.note { (MatrixOrder.say(lang)) }
        p.note { (MatrixLegend.say(lang)) " · " (Term::BindingMark.word(lang)) }
        table.matrix {
            thead {
                tr {
                    th rowspan="2" { (Label::Region.word(lang)) } th rowspan="2" { (Label::EvaluationYear.word(lang)) }
                    th rowspan="2" { (Term::Rate.word(lang)) }
                    @for (domain, span) in domain_spans(b) { th colspan=(span) { (domain) } }
                }
                tr {
                    @for c in &b.columns {
                        th.col title=(c.target) { @if c.binding { "★" } (c.label) }
                    }
                }
            }
            tbody {
                @for r in b.sorted() {
                    tr {
                        th { a href=(href(&r.page)) { (r.region) } }
                        td.num { (crate::render::year_text(r.year)) }
                        td.num { (RateCell { rate: r.rates.over_assessable(), part: r.rates.reached, whole: r.rates.assessable }.say(lang)) }
                        @for cell in &r.cells { (cell_markup(cell, lang)) }
                    }
                }
                tr.total {
                    th colspan="3" { (Term::RegionsReached.word(lang)) }
                    @for n in &reached { td.num { (n) } }
                }
            }
        }
    };
    let title = format!("{} · {}", b.title, Term::Matrix.word(lang));
    document(&Shell { lang, title: &title, header: &header, landscape: true }, body)
}

fn cell_markup(cell: &Cell, lang: Lang) -> Markup {
    let near = if cell.grade == Grade::NearlyAchieved { "≈" } else { "" };
    html! {
        td class={"cell " (cell.status.as_str())} title=(status_and_grade(cell.status, cell.grade, lang)) {
            (status_letter(cell.status, lang)) (near)
        }
    }
}

/// The domains of the columns, in order, with how many columns each spans.
fn domain_spans(b: &Batch) -> Vec<(&str, usize)> {
    let mut spans: Vec<(&str, usize)> = Vec::new();
    for c in &b.columns {
        match spans.last_mut() {
            Some((d, n)) if *d == c.domain => *n += 1,
            _ => spans.push((&c.domain, 1)),
        }
    }
    spans
}
