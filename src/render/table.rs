//! The terminal table: one per region, grouped by domain, with the summary and row accounting beneath.

use super::{attribute_word, footer_lines, indicator_label, number, reason_text, status_word};
use crate::cli::Lang;
use crate::eval::{RegionReport, Report};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, ColumnConstraint, ContentArrangement, Table, Width};

/// Widest a column may grow before its text wraps: domain, indicator, target, ..., reason.
const MAX_WIDTHS: [u16; 9] = [18, 32, 24, 11, 10, 10, 12, 40, 32];

/// One region's table with its header lines and footer, followed by a blank line.
pub fn region(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let p = &report.plan;
    let year = super::year_text(region.year);
    let mut out = match lang {
        Lang::Zh => format!(
            "{}（{}）\n地区：{} · 评估年份：{year} · 基线年份：{} · 数据：{}\n",
            p.title, p.id, region.region, p.baseline_year, report.data_file
        ),
        Lang::En => format!(
            "{} ({})\nRegion: {} · Year: {year} · Baseline year: {} · Data: {}\n",
            p.title, p.id, region.region, p.baseline_year, report.data_file
        ),
    };
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    let header: [&str; 9] = match lang {
        Lang::Zh => ["领域", "指标", "目标", "属性", "基线", "当年值", "状态", "说明", "预警"],
        Lang::En => ["Domain", "Indicator", "Target", "Attribute", "Baseline", "Value", "Status", "Reason", "Warning"],
    };
    table.set_header(header);
    for (i, width) in MAX_WIDTHS.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(*width)));
        }
    }
    let mut last_domain = "";
    for r in &region.results {
        let domain = if r.domain == last_domain { "" } else { r.domain };
        last_domain = r.domain;
        let baseline = match (r.baseline, r.baseline_from_plan) {
            (Some(b), true) => format!("{b}*"),
            (b, _) => number(b),
        };
        table.add_row(vec![
            Cell::new(domain),
            Cell::new(indicator_label(r)),
            Cell::new(r.target),
            Cell::new(attribute_word(r.attribute, lang)),
            Cell::new(baseline),
            Cell::new(number(r.value)),
            Cell::new(status_word(r.status, lang)),
            Cell::new(reason_text(&r.reason, lang)),
            Cell::new(reason_text(&r.warning, lang)),
        ]);
    }
    out.push_str(&table.to_string());
    out.push('\n');
    if region.results.iter().any(|r| r.baseline_from_plan) {
        out.push_str(match lang {
            Lang::Zh => "* 基线值取自规划文本\n",
            Lang::En => "* baseline as the plan itself states it\n",
        });
    }
    for line in footer_lines(report, region, lang) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out
}
