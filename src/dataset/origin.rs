//! Where rows come from, and where each of their fields stands: a text file (byte offsets, lines, columns and
//! spans, from one line index) or a sheet (rows and columns, shown as cells). Also the one CSV field scanner
//! that turns a record's start into its field spans, and finds a quote that is never closed.

use super::text::Text;
use crate::diag::{LineIndex, Location};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Where rows come from, to turn (row, field) into a location.
#[derive(Clone, Debug)]
pub enum Origin {
    /// A text file: rows are byte offsets; the line index is built on first need.
    Text { file: Arc<str>, text: Arc<Text>, lines: Arc<OnceLock<LineIndex>>, delimiter: u8 },
    /// A sheet: rows are 1-based row numbers, fields columns from `first_col`.
    Sheet { file: Arc<str>, first_col: u32 },
}

impl Origin {
    /// A text file's origin.
    pub fn text(file: Arc<str>, text: Arc<Text>, delimiter: u8) -> Origin {
        Origin::Text { file, text, lines: Arc::default(), delimiter }
    }

    /// The location of field `col` of the row at `at`.
    pub fn place(&self, at: u64, col: usize) -> Location {
        match self {
            Origin::Sheet { file, first_col } => Location::cell(file.clone(), at as u32, *first_col + col as u32),
            Origin::Text { file, text, lines, delimiter } => {
                let start = at as usize;
                let span = scan(text, start, *delimiter).spans.get(col).cloned().unwrap_or(start..start);
                let index = lines.get_or_init(|| LineIndex::new(text));
                index.location(file.clone(), text, span)
            }
        }
    }

    /// The location of a whole row: its first cell, spanning every field.
    pub fn place_row(&self, at: u64) -> Location {
        let mut place = self.place(at, 0);
        if let (Origin::Text { text, delimiter, .. }, Some(span)) = (self, &mut place.span) {
            span.end = scan(text, at as usize, *delimiter).spans.last().map_or(span.end, |last| last.end);
        }
        place
    }

    /// The location of a byte span of a text file (of a sheet: its first cell).
    pub fn place_span(&self, span: Range<usize>) -> Location {
        match self {
            Origin::Sheet { file, .. } => Location::cell(file.clone(), 1, 1),
            Origin::Text { file, text, lines, .. } => {
                lines.get_or_init(|| LineIndex::new(text)).location(file.clone(), text, span)
            }
        }
    }

    /// The last line of a text file that holds anything.
    pub fn last_line(&self) -> u32 {
        match self {
            Origin::Sheet { .. } => 0,
            Origin::Text { text, lines, .. } => {
                let end = text.trim_end_matches(['\n', '\r']).len();
                lines.get_or_init(|| LineIndex::new(text)).line(end.saturating_sub(1))
            }
        }
    }

    pub fn file(&self) -> Arc<str> {
        match self {
            Origin::Text { file, .. } | Origin::Sheet { file, .. } => file.clone(),
        }
    }

    /// The location of a whole file.
    pub fn start(&self) -> Location {
        match self {
            Origin::Sheet { file, .. } => Location::cell(file.clone(), 1, 1),
            Origin::Text { file, .. } => Location::new(file.clone(), 1, 1),
        }
    }
}

/// The fields of the CSV record that starts at a byte of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Byte spans of the fields.
    pub spans: Vec<Range<usize>>,
    /// A quote that opens a field and is never closed: the record runs to the end of the text.
    pub open_quote: Option<usize>,
}

/// Scans the record that starts at `start` as the CSV reader reads it: a quote opens a field only at its start,
/// `""` inside is a quote, and a line break outside quotes ends the record.
pub fn scan(text: &str, start: usize, delimiter: u8) -> Scan {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut i, mut field_start, mut quote) = (start, start, None);
    while i < bytes.len() {
        match bytes[i] {
            b'"' if quote.is_some() && bytes.get(i + 1) == Some(&b'"') => i += 1,
            b'"' if quote.is_some() => quote = None,
            b'"' if i == field_start => quote = Some(i),
            b if b == delimiter && quote.is_none() => {
                spans.push(field_start..i);
                field_start = i + 1;
            }
            b'\n' | b'\r' if quote.is_none() => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(field_start..i.min(bytes.len()));
    Scan { spans, open_quote: quote }
}

#[cfg(test)]
mod tests {
    use super::scan;

    #[test]
    fn field_spans_respect_quotes() {
        let text = "a,\"b,c\",d\nx";
        assert_eq!(scan(text, 0, b',').spans, vec![0..1, 2..7, 8..9]);
        assert_eq!(scan(text, 10, b',').spans, vec![10..11]);
        let text = "a\"b,\"c\"\"d,e\"\te";
        assert_eq!(scan(text, 0, b',').spans, vec![0..3, 4..14]);
        assert_eq!(scan(text, 0, b'\t').spans, vec![0..12, 13..14]);
    }

    #[test]
    fn a_quote_never_closed_is_found() {
        assert_eq!(scan("a,\"b\nc,d\n", 0, b',').open_quote, Some(2));
        assert_eq!(scan("a,\"b\"\"\nc\",d\n", 0, b',').open_quote, None);
        assert_eq!(scan("a,b\"c\n", 0, b',').open_quote, None);
        assert_eq!(scan("a,\"b\"\"\n", 0, b',').open_quote, Some(2));
    }
}
