//! The drafted monitoring report as an HTML document: a title, the draft's note, headings, paragraphs, the
//! list of warnings and the closing table, printable on A4.

use super::{document, Shell};
use crate::render::narrative::{Block, Doc};
use crate::words::Lang;
use maud::html;

/// The report as a page, with the running header of the report it belongs to.
pub fn page(doc: &Doc, header: &str, lang: Lang) -> String {
    let body = html! {
        article.narrative {
            h1 { (doc.title) }
            @for block in &doc.blocks {
                @match block {
                    Block::Heading(h) => { h2 { (h) } }
                    Block::Para(p) => { p { (p) } }
                    Block::Note(n) => { div.draft { (n) } }
                    Block::List(items) => { ol { @for i in items { li { (i) } } } }
                    Block::Table { header, rows } => {
                        table.compact {
                            thead { tr { @for h in header { th { (h) } } } }
                            tbody { @for row in rows { tr { @for c in row { td { (c) } } } } }
                        }
                    }
                }
            }
        }
    };
    document(&Shell { lang, title: &doc.title, header, landscape: false }, body)
}
