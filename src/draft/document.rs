//! A plan document as the drafter reads it: a sequence of paragraphs and tables, whatever the file it came
//! from. Plain text (UTF-8 or GB18030, decoded by the data reader's [`crate::dataset::text::decode`]) and .docx
//! ([`super::docx`]) both end here; nothing below this module knows which it was.

use super::messages::DraftMsg;

/// The most a document may hold, in bytes, before it is refused (a plan notice is well under 1 MB of text).
pub const MAX_DOCUMENT_BYTES: u64 = 32 << 20;

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (for plain text: one line), as written.
    Para(String),
    /// A table, row by row.
    Table(Table),
}

/// A table: rows of cells, each row as wide as the grid (a cell spanning columns fills each of them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    /// The cell continues a merged cell of the row above (docx vMerge), or spans from the column before
    /// (gridSpan): its text is the merged cell's.
    pub merged: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), merged: false }
    }
}

/// A document: its blocks in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// Reads a document from its bytes; `name` decides the format (`.docx`), and a ZIP signature is read as .docx
/// whatever the name.
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, DraftMsg> {
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DraftMsg::TooLarge { file: name.to_string(), limit: MAX_DOCUMENT_BYTES });
    }
    if bytes.starts_with(b"PK\x03\x04") || name.to_ascii_lowercase().ends_with(".docx") {
        return super::docx::read(name, bytes);
    }
    match crate::dataset::text::decode(bytes) {
        Ok(text) => Ok(from_text(&text)),
        Err(bad) => Err(DraftMsg::NotText { file: name.to_string(), bad }),
    }
}

/// Plain text: each non-blank line is a paragraph; lines that open with a tab are table cells, one cell a
/// line, a blank line between rows (how a table copied out of Word reads as text).
pub fn from_text(text: &str) -> Document {
    let mut doc = Document::default();
    let mut table: Option<Table> = None;
    let mut row: Vec<Cell> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(cell) = line.strip_prefix('\t') {
            row.push(Cell::new(cell.trim()));
            continue;
        }
        if !row.is_empty() {
            table.get_or_insert_with(Table::default).rows.push(std::mem::take(&mut row));
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(t) = table.take() {
            doc.blocks.push(Block::Table(t));
        }
        doc.blocks.push(Block::Para(line.to_string()));
    }
    if !row.is_empty() {
        table.get_or_insert_with(Table::default).rows.push(row);
    }
    if let Some(t) = table {
        doc.blocks.push(Block::Table(t));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_lines_are_table_cells_and_blank_lines_end_rows() {
        let doc = from_text("专栏1\n\n\t序号\n\t指标\n\n\t1\n\t婴儿死亡率（‰）\n正文\n");
        let Block::Table(t) = &doc.blocks[1] else { panic!("no table: {doc:?}") };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].text, "婴儿死亡率（‰）");
        assert_eq!(doc.blocks[2], Block::Para("正文".into()));
    }

    #[test]
    fn gb18030_text_reads_like_utf8() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("婴儿死亡率控制在5‰以下\n");
        assert_eq!(read("a.txt", &gbk).map(|d| d.blocks.len()), Ok(1));
    }
}
