//! The index of a report: one section per plan and data file (a batch), its regions in the data's order with
//! the counts by the bureaus' words — 已实现, 提前实现 and 基本实现 adding up to the 达标率's numerator — the
//! warnings, the 达标率 under both conventions with numerator and denominator, and a totals row; links to every
//! region's page and drafted report, and to the batch's regions × indicators page and drafted report.

use super::{document, Shell};
use crate::eval::{Grade, Grades, Rates, Stage};
use crate::render::batch::Batch;
use crate::render::names::href;
use crate::words::report::{IndexNote, RateCell, Term};
use crate::words::{Label, Lang, Say, Word};
use maud::{html, Markup};

const GRADES: [Grade; 6] =
    [Grade::Achieved, Grade::AchievedEarly, Grade::NearlyAchieved, Grade::Short, Grade::NoData, Grade::NotAssessed];

/// The index of every page written, with a link to the batch's workbook when one is written.
pub fn index(batches: &[Batch], stage: Stage, lang: Lang, book: Option<&str>) -> String {
    let title = format!("{} · {}", stage.word(lang), Term::IndexTitle.word(lang));
    let body = html! {
        h1 { (title) }
        p.note { (IndexNote.say(lang)) }
        @if let Some(book) = book { p.meta { (Term::Workbook.word(lang)) "：" a href=(href(book)) { (book) } } }
        @for b in batches { (section(b, lang)) }
    };
    document(&Shell { lang, title: &title, header: &title, landscape: true }, body)
}

fn section(b: &Batch, lang: Lang) -> Markup {
    let (grades, rates) = b.totals();
    let total = format!("{}（{}）", Term::Total.word(lang), b.rows.len());
    html! {
        section.plan {
            h2 { (b.title) " (" (b.plan) ")" }
            div.meta {
                (Label::Data.word(lang)) " " (b.data_file)
                @if let Some(m) = &b.matrix { " · " a href=(href(&format!("{m}.html"))) { (Term::Matrix.word(lang)) } }
                @if let Some(n) = &b.narrative { " · " a href=(href(&format!("{n}.html"))) { (Term::Narrative.word(lang)) } }
            }
            table.index {
                thead { (head(lang)) }
                tbody {
                    @for r in &b.rows {
                        tr {
                            td { a href=(href(&r.page)) { (r.region) } }
                            td.num { (crate::render::year_text(r.year)) }
                            (counts(&r.grades, &r.rates, lang))
                            td { @if let Some(n) = &r.narrative { a href=(href(n)) { (Term::RegionReport.word(lang)) } } }
                        }
                    }
                    tr.total {
                        th { (total) } td {}
                        (counts(&grades, &rates, lang))
                        td {}
                    }
                }
            }
        }
    }
}

fn head(lang: Lang) -> Markup {
    html! {
        tr {
            th { (Label::Region.word(lang)) } th { (Label::EvaluationYear.word(lang)) }
            @for g in GRADES { th.num { (g.word(lang)) } }
            th.num { (Label::Warning.word(lang)) }
            th.num { (Label::RateCountyShort.word(lang)) } th.num { (Label::RateNationalShort.word(lang)) }
            th { (Term::Narrative.word(lang)) }
        }
    }
}

fn counts(g: &Grades, r: &Rates, lang: Lang) -> Markup {
    let n = [g.achieved, g.achieved_early, g.nearly_achieved, g.short, g.no_data, g.not_assessed];
    let county = RateCell { rate: r.over_assessable(), part: r.reached, whole: r.assessable };
    let national = RateCell { rate: r.over_with_data(), part: r.reached, whole: r.with_data };
    html! {
        @for x in n { td.num { (x) } }
        td.num { (g.warnings) }
        td.num { (county.say(lang)) } td.num { (national.say(lang)) }
    }
}
