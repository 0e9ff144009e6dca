//! One line index per source: where each line starts, found once (codespan's `line_starts`), so that any
//! number of byte offsets become line and column without rescanning the text.

use super::Location;
use std::ops::Range;
use std::sync::Arc;

/// The line starts of one text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex { starts: codespan_reporting::files::line_starts(text).collect() }
    }

    /// The line starts of bytes that may not be text (to locate the first byte that is not).
    pub fn of_bytes(bytes: &[u8]) -> LineIndex {
        LineIndex { starts: std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)).collect() }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset).max(1) as u32
    }

    /// The byte offset where the line of `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.line(offset) as usize;
        self.starts.get(line - 1).copied().unwrap_or(0)
    }

    /// The 1-based line and column (in characters) of a byte offset of `text`.
    pub fn locate(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let start = self.line_start(offset).min(offset);
        let col = text.get(start..offset).map_or_else(|| offset - start, |s| s.chars().count());
        (self.line(offset), col as u32 + 1)
    }

    /// The location of a span of `text`.
    pub fn location(&self, file: Arc<str>, text: &str, span: Range<usize>) -> Location {
        let (line, col) = self.locate(text, span.start);
        Location { file, line, col, span: Some(span), cell: None }
    }

    /// How many lines the text has (a last line without a line break counts).
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\n孕产妇,x\n\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(index.locate(text, 2), (1, 3));
        assert_eq!(index.locate(text, 3), (2, 1));
        assert_eq!(index.locate(text, 13), (2, 5));
        assert_eq!(index.locate(text, 15), (3, 1));
        assert_eq!(index.locate(text, 16), (4, 1));
        assert_eq!(index.locate(text, 99), (4, 2));
    }
}
