//! The terminal table: one per region, grouped by domain, with the summary and row accounting beneath.

use super::{baseline_text, footer_lines, headers, indicator_label, number, Renderer};
use crate::eval::{RegionReport, Report};
use crate::words::{outputs::Heading, visible, visible_lines, Label, Lang, Say, Word};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, ColumnConstraint, ContentArrangement, Table as Grid, Width};
use std::io::{self, Write};

/// Widest a column may grow before its text wraps: domain, indicator, target, ..., reason.
const MAX_WIDTHS: [u16; 9] = [18, 32, 24, 11, 10, 10, 12, 40, 32];

const COLUMNS: [Label; 9] = [
    Label::Domain,
    Label::Indicator,
    Label::Target,
    Label::Attribute,
    Label::Baseline,
    Label::Value,
    Label::Status,
    Label::Reason,
    Label::Warning,
];

/// The table format.
pub struct Table {
    pub lang: Lang,
}

impl<'a> Renderer<'a> for Table {
    type Part = Vec<u8>;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Vec<u8> {
        render(report, region, self.lang).into_bytes()
    }

    fn write(&mut self, part: Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&part)
    }
}

/// One region's table with its header lines and footer, followed by a blank line.
fn render(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let mut out = visible_lines(&Heading::of(report, region).say(lang)).into_owned();
    let mut table = Grid::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(headers(&COLUMNS, lang));
    for (i, width) in MAX_WIDTHS.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(*width)));
        }
    }
    let mut last_domain = "";
    for r in &region.results {
        let domain = if r.domain == last_domain { "" } else { r.domain };
        last_domain = r.domain;
        table.add_row(vec![
            Cell::new(visible(domain)),
            Cell::new(visible(&indicator_label(r))),
            Cell::new(visible(r.target)),
            Cell::new(r.attribute.word(lang)),
            Cell::new(baseline_text(r)),
            Cell::new(number(r.value)),
            Cell::new(r.status.word(lang)),
            Cell::new(r.reason.say(lang)),
            Cell::new(r.warning.say(lang)),
        ]);
    }
    out.push_str(&table.to_string());
    out.push('\n');
    if region.results.iter().any(|r| r.baseline_from_plan) {
        out.push_str(Label::PlanBaselineNote.word(lang));
        out.push('\n');
    }
    for line in footer_lines(report, region, lang) {
        out.push_str(&visible(&line));
        out.push('\n');
    }
    out.push('\n');
    out
}
