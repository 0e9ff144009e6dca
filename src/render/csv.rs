//! CSV: one row per region and target. A cell a spreadsheet would run as a formula (leading = + - @, tab or
//! carriage return) gets a leading apostrophe.

use super::{attribute_word, number, reason_text, status_word};
use crate::cli::Lang;
use crate::eval::{RegionReport, Report};

const HEADER: [&str; 15] = [
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
    "reason",
    "warning",
];

/// The header row.
pub fn header(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    w.flush()
}

/// One row per target of a region.
pub fn rows(report: &Report, region: &RegionReport, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let year = region.year.map(|y| y.to_string()).unwrap_or_default();
    for r in &region.results {
        let row = [
            report.plan.id.as_str(),
            &region.region,
            &year,
            r.id,
            r.indicator.unwrap_or(""),
            r.name,
            r.domain,
            attribute_word(r.attribute, lang),
            r.kind.as_str(),
            r.target,
            &number(r.value),
            &number(r.baseline),
            status_word(r.status, lang),
            reason_text(&r.reason, lang),
            reason_text(&r.warning, lang),
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
