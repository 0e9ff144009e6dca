//! HTML reports: self-contained pages (inline CSS and SVG, no script, nothing loaded from the network) that
//! print on A4 with a running header on every page. One file per page kind: a region's page ([`page`]), the
//! index ([`index`]), regions × indicators ([`matrix`]) and the drafted monitoring report ([`narrative`]); this
//! module holds the shell they share. maud escapes every text that comes from plans or data.

pub mod index;
pub mod matrix;
pub mod narrative;
pub mod page;

pub use index::index;
pub use page::page;

use crate::words::report::Term;
use crate::words::{Lang, Word};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = include_str!("style.css");

/// What a document's shell needs besides its body.
pub struct Shell<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// The running header of every printed page (and the top line on screen).
    pub header: &'a str,
    /// Print the page across (a table of many years, or the matrix).
    pub landscape: bool,
}

/// A whole HTML document around `body`.
pub fn document(shell: &Shell, body: Markup) -> String {
    let lang = if shell.lang == Lang::Zh { "zh-CN" } else { "en" };
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (shell.title) }
                style { (PreEscaped(STYLE)) (PreEscaped(page_rule(shell))) }
            }
            body {
                div.running { (shell.header) }
                (body)
            }
        }
    }
    .into_string()
}

/// The `@page` rule: A4, the running header at the top left and the page number at the bottom right of every
/// printed page. The header is a CSS string with every character escaped, so no plan or region text can end it.
fn page_rule(shell: &Shell) -> String {
    let size = if shell.landscape { "A4 landscape" } else { "A4 portrait" };
    let number = match shell.lang {
        Lang::Zh => {
            format!("\"第 \" counter(page) \" / \" counter(pages) \" {}\"", css_escape(Term::PageOf.word(shell.lang)))
        }
        Lang::En => format!("\"{} \" counter(page) \" / \" counter(pages)", Term::PageOf.word(shell.lang)),
    };
    format!(
        "@page{{size:{size};margin:13mm 10mm 12mm;\
         @top-left{{content:\"{}\";font-size:7.5pt;color:#444;font-family:sans-serif}}\
         @bottom-right{{content:{number};font-size:7.5pt;color:#444;font-family:sans-serif}}}}",
        css_escape(shell.header)
    )
}

/// A text as the inside of a CSS string: ASCII letters, digits and spaces as they are, every other character
/// as a six-digit escape (`\0000A5`), which needs no delimiter after it.
fn css_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 4);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:06X}", u32::from(c)));
        }
    }
    out
}

/// A status as a coloured, labelled word.
pub fn status_span(status: crate::rule::Status, text: &str) -> Markup {
    html! { span class={"st " (status.as_str())} { (text) } }
}

#[cfg(test)]
mod tests {
    use super::css_escape;

    #[test]
    fn the_running_header_cannot_close_its_string_or_the_style() {
        let escaped = css_escape("甲\"县</style>\\");
        assert!(!escaped.contains(['"', '<', '/']), "{escaped}");
        assert_eq!(escaped, "\\007532\\000022\\0053BF\\00003C\\00002Fstyle\\00003E\\00005C");
    }
}
