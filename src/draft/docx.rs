//! .docx documents: `word/document.xml` read out of the ZIP archive (its declared and its real size both capped
//! before anything is decompressed past the cap) and walked with quick-xml into paragraphs and tables. A cell
//! spanning columns (`w:gridSpan`) fills each column it covers; a cell continuing a vertical merge
//! (`w:vMerge` without `restart`) takes the text of the cell above it; both are marked `merged`. A table inside
//! a cell becomes that cell's text. Nothing here panics on a malformed archive or XML: each is an error.

use super::document::{Block, Cell, Document, Table};
use super::messages::DraftMsg;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// The most `word/document.xml` may hold once decompressed (a 200-page notice is about 5 MB).
pub const MAX_XML_BYTES: u64 = 64 << 20;

/// Reads the paragraphs and tables of a .docx file.
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, DraftMsg> {
    let xml = document_xml(name, bytes, MAX_XML_BYTES)?;
    parse(&xml).map_err(|why| DraftMsg::BadDocx { file: name.to_string(), why })
}

/// `word/document.xml` as text, refused when its declared or its real size passes `cap`.
fn document_xml(name: &str, bytes: &[u8], cap: u64) -> Result<String, DraftMsg> {
    let bad = |why: String| DraftMsg::BadDocx { file: name.to_string(), why };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let member = archive.by_name("word/document.xml").map_err(|e| bad(format!("word/document.xml: {e}")))?;
    let too_large = || DraftMsg::TooLarge { file: format!("{name}!word/document.xml"), limit: cap };
    if member.size() > cap {
        return Err(too_large());
    }
    let mut xml = Vec::new();
    // The declared size may lie: read at most one byte past the cap, and refuse what reaches it.
    member.take(cap + 1).read_to_end(&mut xml).map_err(|e| bad(e.to_string()))?;
    if xml.len() as u64 > cap {
        return Err(too_large());
    }
    String::from_utf8(xml).map_err(|e| bad(format!("word/document.xml is not UTF-8: {e}")))
}

/// A cell being read: its text, how many grid columns it spans, whether it continues a vertical merge.
#[derive(Default)]
struct OpenCell {
    text: String,
    span: usize,
    continues: bool,
}

/// A table being read.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Option<OpenCell>,
}

impl OpenTable {
    /// Closes the open cell into the row: spans fill their columns, a vertical continuation takes the text above.
    fn close_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        for i in 0..cell.span.max(1) {
            let col = self.row.len();
            let above = self.rows.last().and_then(|r| r.get(col)).map(|c| c.text.clone());
            let text = match (cell.continues, above) {
                (true, Some(above)) => above,
                _ => cell.text.clone(),
            };
            self.row.push(Cell { text, merged: cell.continues || i > 0 });
        }
    }
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    tables: Vec<OpenTable>,
    para: String,
}

impl Walker {
    fn start(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            "tbl" => self.tables.push(OpenTable::default()),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(OpenCell { span: 1, ..OpenCell::default() });
                }
            }
            "p" => self.para.clear(),
            _ => self.property(e),
        }
    }

    /// Empty elements: cell properties, tabs and breaks.
    fn property(&mut self, e: &BytesStart) {
        let cell = self.tables.last_mut().and_then(|t| t.cell.as_mut());
        match (e.local_name().as_ref(), cell) {
            ("gridSpan", Some(cell)) => cell.span = val(e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64),
            ("vMerge", Some(cell)) => cell.continues = val(e).is_none_or(|v| v != "restart"),
            ("tab", _) => self.para.push(' '),
            ("br" | "cr", _) => self.para.push('\n'),
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "p" => self.close_para(),
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            "tbl" => self.close_table(),
            _ => {}
        }
    }

    fn close_para(&mut self) {
        let text = std::mem::take(&mut self.para);
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.text.push_str(text.trim()),
            None => {
                let lines = text.split('\n').map(str::trim_end).filter(|l| !l.trim().is_empty());
                self.blocks.extend(lines.map(|l| Block::Para(l.to_string())));
            }
        }
    }

    fn close_table(&mut self) {
        let Some(done) = self.tables.pop() else { return };
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            // A table inside a cell: its cells' text becomes the outer cell's.
            Some(outer) => {
                for cell in done.rows.iter().flatten().filter(|c| !c.merged) {
                    outer.text.push_str(&cell.text);
                }
            }
            None => self.blocks.push(Block::Table(Table { rows: done.rows })),
        }
    }

    fn text(&mut self, text: &str) {
        self.para.push_str(text);
    }
}

/// The `w:val` attribute of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "val").map(|a| a.value.trim().to_string())
}

/// An entity reference (`&amp;`, `&#20013;`) as the character it stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Walks `word/document.xml` into blocks.
pub fn parse(xml: &str) -> Result<Document, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut w = Walker::default();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))? {
            Event::Start(e) => {
                in_text = e.local_name().as_ref() == "t";
                w.start(&e);
            }
            Event::Empty(e) => w.property(&e),
            Event::End(e) => {
                in_text = false;
                w.end(e.local_name().as_ref());
            }
            Event::Text(t) if in_text => w.text(&t),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = entity(&r) {
                    w.para.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !w.tables.is_empty() {
        return Err("a table is not closed".into());
    }
    Ok(Document { blocks: w.blocks })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>"#)
    }

    #[test]
    fn paragraphs_and_entities_are_read() {
        let doc = parse(&body("<w:p><w:r><w:t>孕产妇死亡率</w:t></w:r><w:r><w:t>&lt;8</w:t></w:r></w:p>")).unwrap();
        assert_eq!(doc.blocks, vec![Block::Para("孕产妇死亡率<8".into())]);
    }

    #[test]
    fn merged_cells_fill_their_columns_and_rows() {
        let cell = |props: &str, text: &str| {
            format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
        };
        let row1 = format!(
            "<w:tr>{}{}</w:tr>",
            cell(r#"<w:vMerge w:val="restart"/>"#, "妇女与健康"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "1")
        );
        let row2 = format!("<w:tr>{}{}{}</w:tr>", cell("<w:vMerge/>", ""), cell("", "2"), cell("", "x"));
        let doc = parse(&body(&format!("<w:tbl>{row1}{row2}</w:tbl>"))).unwrap();
        let Block::Table(t) = &doc.blocks[0] else { panic!() };
        assert_eq!(t.rows[0].len(), 3);
        assert!(t.rows[0][2].merged && t.rows[0][2].text == "1");
        assert!(t.rows[1][0].merged && t.rows[1][0].text == "妇女与健康");
        assert!(!t.rows[1][1].merged);
    }

    #[test]
    fn a_member_larger_than_the_cap_is_refused_before_it_is_read() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&vec![b' '; 5000]).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(matches!(document_xml("a.docx", &bytes, 1000), Err(DraftMsg::TooLarge { .. })));
        assert!(document_xml("a.docx", &bytes, 10_000).is_ok());
    }

    #[test]
    fn malformed_archives_and_xml_are_errors() {
        assert!(read("a.docx", b"PK\x03\x04garbage").is_err());
        assert!(parse(&body("<w:tbl><w:tr>")).is_err());
        assert!(parse("<w:p><w:t>a</w:x>").is_err());
    }
}
