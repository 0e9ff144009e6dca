//! CSV: one row per region and target, in UTF-8 with a byte order mark (so that Excel on Chinese Windows opens a
//! double-clicked file as UTF-8, not GBK; pandas, R and plancheck itself read the mark away). A cell a
//! spreadsheet would run as a formula (leading = + - @, tab or carriage return) gets a leading apostrophe.

use super::{number, Renderer};
use crate::eval::{RegionReport, Report};
use crate::words::{Lang, Say, Word};
use std::io::{self, Write};

const HEADER: [&str; 16] = [
    "plan",
    "region",
    "year",
    "id",
    "indicator",
    "name",
    "domain",
    "attribute",
    "kind",
    "target",
    "value",
    "baseline",
    "status",
    "grade",
    "reason",
    "warning",
];

/// The CSV format.
pub struct Csv {
    pub lang: Lang,
    /// The rows shown (`--status`, `--hide`).
    pub filter: super::Filter,
}

/// The byte order mark that tells Excel a CSV file is UTF-8.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

impl<'a> Renderer<'a> for Csv {
    type Part = Vec<u8>;

    /// The header row.
    fn begin(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(BOM)?;
        let mut w = csv::Writer::from_writer(out);
        w.write_record(HEADER)?;
        w.flush()
    }

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Vec<u8> {
        rows(report, region, self.lang, &self.filter)
    }

    fn write(&mut self, part: Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&part)
    }
}

/// One row per target of a region.
fn rows(report: &Report, region: &RegionReport, lang: Lang, filter: &super::Filter) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let year = region.year.map(|y| y.to_string()).unwrap_or_default();
    for r in region.results.iter().filter(|r| filter.keeps(r)) {
        let (reason, warning) = (r.reason.say(lang), r.warning.say(lang));
        let row = [
            report.plan.id.as_str(),
            &region.region,
            &year,
            r.id,
            r.indicator.unwrap_or(""),
            r.name,
            r.domain,
            r.attribute.word(lang),
            r.kind.as_str(),
            r.target,
            &number(r.value),
            &number(r.baseline),
            r.status.word(lang),
            r.grade.word(lang),
            &reason,
            &warning,
        ];
        for cell in row {
            let _ = w.write_field(defuse(cell).as_bytes());
        }
        let _ = w.write_record(None::<&[u8]>);
    }
    w.into_inner().unwrap_or_default()
}

/// Makes a cell inert for spreadsheets: `=1+1` becomes `'=1+1`.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("≥70"), "≥70");
        assert_eq!(defuse(""), "");
    }
}
