//! Located diagnostics: every problem with a plan or data file knows its code, its message and where it stands
//! (file, line, column, and the byte span when the source text is at hand). They are collected into a
//! [`Diagnostics`] sink so that one run reports all of them, and rendered like rustc by codespan-reporting, in
//! the output's language. This module never decides what is wrong; loaders and validators do, and push here.
//! Messages are data ([`Message`], [`Hint`]); [`crate::words`] says them.

pub mod code;
pub mod json;
pub mod lines;

pub use crate::words::diagnostics::{Hint, IoFault, Message, NoHeader as NoHeaderWhy};
pub use code::Code;
pub use lines::LineIndex;

use crate::words::{Lang, Say};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How many diagnostics are printed in full before the rest are only counted.
pub const SHOWN_AT_MOST: usize = 50;

/// A line longer than this many characters is not shown as a snippet (a 100 KB field would fill the
/// terminal); the diagnostic names its place instead.
pub const SNIPPET_LINE_AT_MOST: usize = 300;

/// Where something stands in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (for an Excel sheet: `data.xlsx!Sheet1`).
    pub file: Arc<str>,
    /// 1-based line (for a sheet: the row).
    pub line: u32,
    /// 1-based column in characters (for a sheet: the column number).
    pub col: u32,
    /// Byte range in the file's (decoded) text, where known: used to underline the snippet.
    pub span: Option<Range<usize>>,
    /// A spreadsheet cell reference (`C7`): then the location reads `file!sheet!C7`.
    pub cell: Option<String>,
}

impl Location {
    /// A location with no byte span.
    pub fn new(file: Arc<str>, line: u32, col: u32) -> Location {
        Location { file, line, col, span: None, cell: None }
    }

    /// A spreadsheet cell, 1-based row and column: shown as `data.xlsx!Sheet1!C7`.
    pub fn cell(file: Arc<str>, row: u32, col: u32) -> Location {
        let mut letters = String::new();
        let mut n = col;
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.insert(0, (b'A' + rem as u8) as char);
            n = (n - 1) / 26;
        }
        Location { file, line: row, col, span: None, cell: Some(format!("{letters}{row}")) }
    }

    /// The location of a byte span in `text` (one scan of the text: callers with many locate through a
    /// [`LineIndex`]).
    pub fn in_text(file: Arc<str>, text: &str, span: Range<usize>) -> Location {
        LineIndex::new(text).location(file, text, span)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cell {
            Some(cell) => write!(f, "{}!{cell}", self.file),
            None => write!(f, "{}:{}:{}", self.file, self.line, self.col),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used: exit code 2.
    Error,
    /// Worth knowing; the run goes on.
    Warning,
    /// What the run did (the scope it checked), for machine formats whose output has no room for it.
    Note,
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, with its values; its code is stable (`duplicate-row`, `bad-unit`).
    pub message: Message,
    pub at: Option<Location>,
    /// Text under the primary span (`did you mean 孕产妇死亡率?`).
    pub label: Option<Hint>,
    /// Other places that take part (the first of two duplicate rows).
    pub related: Vec<(Location, Hint)>,
}

impl Diagnostic {
    pub fn error(message: Message) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message, at: None, label: None, related: Vec::new() }
    }

    pub fn warning(message: Message) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn note(message: Message) -> Diagnostic {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(message) }
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.message.code()
    }

    pub fn at(mut self, at: Location) -> Diagnostic {
        self.at = Some(at);
        self
    }

    pub fn label(mut self, label: Hint) -> Diagnostic {
        self.label = Some(label);
        self
    }

    /// A label only when there is one.
    pub fn maybe_label(mut self, label: Option<Hint>) -> Diagnostic {
        self.label = label;
        self
    }

    pub fn related(mut self, at: Location, label: Hint) -> Diagnostic {
        self.related.push((at, label));
        self
    }
}

/// The sink that loaders and validators push into; nothing stops at the first problem.
#[derive(Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// File texts, for snippets.
    sources: HashMap<Arc<str>, Arc<dyn AsRef<str> + Send + Sync>>,
}

impl std::fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diagnostics").field("items", &self.items).field("sources", &self.sources.keys()).finish()
    }
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Keeps a file's text so that its diagnostics can show the offending line.
    pub fn add_source(&mut self, file: Arc<str>, text: Arc<dyn AsRef<str> + Send + Sync>) {
        self.sources.insert(file, text);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.sources.extend(other.sources);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Every diagnostic rendered like rustc in `lang`, errors first in input order, at most [`SHOWN_AT_MOST`]
    /// in full.
    pub fn render(&self, lang: Lang) -> String {
        let ordered = self.ordered();
        let mut out = String::new();
        // Each file's text is indexed by line once for every diagnostic shown (a national file is 200 MB).
        let mut files = SimpleFiles::new();
        let mut ids: HashMap<Arc<str>, usize> = HashMap::new();
        for d in ordered.iter().take(SHOWN_AT_MOST) {
            out.push_str(&self.render_one(d, lang, &mut files, &mut ids));
        }
        if ordered.len() > SHOWN_AT_MOST {
            out.push_str(&crate::words::outputs::Tally::NotShown(ordered.len() - SHOWN_AT_MOST).say(lang));
        }
        let errors = self.error_count();
        if errors > 0 {
            out.push_str(&crate::words::outputs::Tally::ErrorsFound(errors).say(lang));
        }
        // A cell or a name with ESC or BEL in it reaches no terminal raw, in messages or in snippets.
        crate::words::visible_lines(&out).into_owned()
    }

    /// Errors before warnings; within each, by file (in the order files first appear) and place in the file,
    /// so that a problem found late (an unknown name, reported once the reading is done) stands on its line.
    pub fn ordered(&self) -> Vec<&Diagnostic> {
        let mut files: HashMap<&str, usize> = HashMap::new();
        for d in &self.items {
            if let Some(at) = &d.at {
                let next = files.len();
                files.entry(&at.file).or_insert(next);
            }
        }
        let mut ordered: Vec<&Diagnostic> = self.items.iter().collect();
        ordered.sort_by_key(|d| {
            let place = d.at.as_ref().map(|a| (files.get(&*a.file).copied().unwrap_or(0), a.line, a.col));
            (d.severity, place)
        });
        ordered
    }

    fn render_one<'s>(
        &'s self,
        d: &Diagnostic,
        lang: Lang,
        files: &mut SimpleFiles<String, &'s str>,
        ids: &mut HashMap<Arc<str>, usize>,
    ) -> String {
        let mut labels = Vec::new();
        let say = |h: &Option<Hint>| h.as_ref().map(|h| h.say(lang)).unwrap_or_default();
        let places = d.at.iter().map(|l| (l, say(&d.label), true));
        let related = d.related.iter().map(|(l, h)| (l, h.say(lang), false));
        for (loc, text, primary) in places.chain(related) {
            let (Some(span), Some(src)) = (loc.span.clone(), self.sources.get(&loc.file).map(|s| (**s).as_ref()))
            else {
                return plain(d, lang);
            };
            if src.get(span.clone()).is_none() || line_too_long(src, span.start) || line_too_long(src, span.end) {
                return plain(d, lang);
            }
            let id = *ids.entry(loc.file.clone()).or_insert_with(|| files.add(loc.file.to_string(), src));
            let label = if primary { Label::primary(id, span) } else { Label::secondary(id, span) };
            labels.push(label.with_message(text));
        }
        if labels.is_empty() {
            return plain(d, lang);
        }
        let cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        };
        let cs = cs.with_code(d.code().as_str()).with_message(d.message.say(lang)).with_labels(labels);
        let rendered = term::emit_into_string(&term::Config::default(), &*files, &cs);
        // codespan names the severity in English: the first word is put in the output's language.
        rendered.map(|text| in_language(text, d.severity, lang)).unwrap_or_else(|_| plain(d, lang))
    }
}

/// Is the line around byte `at` of `text` too long to show?
fn line_too_long(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else { return true };
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let end = after.find('\n').map_or(text.len(), |i| at + i);
    text.get(start..end).is_none_or(|line| line.chars().nth(SNIPPET_LINE_AT_MOST).is_some())
}

/// The word codespan writes for a severity.
fn english_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A rendered diagnostic with its first word (`error`, `warning`) in the output's language.
fn in_language(text: String, severity: Severity, lang: Lang) -> String {
    match text.strip_prefix(english_word(severity)) {
        Some(rest) => format!("{}{rest}", severity.word(lang)),
        None => text,
    }
}

/// A diagnostic without a snippet: the header and the location line.
fn plain(d: &Diagnostic, lang: Lang) -> String {
    let mut out = format!("{}[{}]: {}\n", d.severity.word(lang), d.code(), d.message.say(lang));
    if let Some(at) = &d.at {
        out.push_str(&format!("  ┌─ {at}"));
        if let Some(label) = &d.label {
            out.push_str(&format!(": {}", label.say(lang)));
        }
        out.push('\n');
    }
    for (at, label) in &d.related {
        out.push_str(&format!("  ┌─ {at}: {}\n", label.say(lang)));
    }
    out.push('\n');
    out
}

impl Severity {
    /// The severity's word, as the first word of a diagnostic.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Note, Lang::Zh) => "注",
            (severity, Lang::En) => english_word(severity),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(name: &str) -> Message {
        Message::UnknownIndicator { name: name.to_string() }
    }

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a,b\n孕产妇,2020,1\n";
        let at = Location::in_text("f.csv".into(), text, 14..15);
        assert_eq!((at.line, at.col), (2, 5));
        assert_eq!(at.to_string(), "f.csv:2:5");
    }

    #[test]
    fn cells_read_like_a_spreadsheet() {
        assert_eq!(Location::cell("d.xlsx!Sheet1".into(), 7, 3).to_string(), "d.xlsx!Sheet1!C7");
        assert_eq!(Location::cell("d.xlsx!S".into(), 1, 28).to_string(), "d.xlsx!S!AB1");
    }

    #[test]
    fn render_shows_the_line_and_the_label_in_either_language() {
        let mut sink = Diagnostics::new();
        let text = Arc::new("indicator,year,value\nfoo,2020,1\n".to_string());
        sink.add_source("d.csv".into(), text.clone());
        let at = Location::in_text("d.csv".into(), &text, 21..24);
        sink.push(Diagnostic::error(unknown("foo")).at(at).label(Hint::NotData));
        let out = sink.render(Lang::En);
        assert!(out.contains("error[unknown-indicator]: foo is not a known indicator"), "{out}");
        assert!(out.contains("d.csv:2:1"), "{out}");
        assert!(out.contains("foo,2020,1"), "{out}");
        assert!(out.ends_with("error: 1 error found\n"), "{out}");
        let out = sink.render(Lang::Zh);
        assert!(out.starts_with("错误[unknown-indicator]: foo 不是已知指标"), "{out}");
        assert!(out.contains("不是数据"), "{out}");
        assert!(out.ends_with("错误：共 1 个错误\n"), "{out}");
    }

    #[test]
    fn a_long_line_is_named_not_shown() {
        let mut sink = Diagnostics::new();
        let text = Arc::new(format!("indicator,year,value\n{},2020,1\n", "x".repeat(1000)));
        sink.add_source("d.csv".into(), text.clone());
        let at = Location::in_text("d.csv".into(), &text, 21..1021);
        sink.push(Diagnostic::error(unknown("xxx…")).at(at).label(Hint::NotData));
        assert_eq!(
            sink.render(Lang::En),
            "error[unknown-indicator]: xxx… is not a known indicator\n  ┌─ d.csv:2:1: not data\n\nerror: 1 error found\n"
        );
    }

    #[test]
    fn render_without_source_still_names_the_place() {
        let mut sink = Diagnostics::new();
        let at = Location::cell("x.xlsx!Sheet1".into(), 7, 3);
        sink.push(Diagnostic::error(Message::EmptyRegion).at(at).label(Hint::RegionBelongsHere));
        assert_eq!(
            sink.render(Lang::En),
            "error[empty-region]: the region is empty\n  ┌─ x.xlsx!Sheet1!C7: a region's name belongs here\n\nerror: 1 error found\n"
        );
    }
}
