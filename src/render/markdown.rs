//! Markdown: a heading and a table per region; pipes, newlines and markup characters in cells are escaped.

use super::{attribute_word, footer_lines, indicator_label, number, reason_text, status_word};
use crate::cli::Lang;
use crate::eval::{RegionReport, Report};

/// One region: a heading, the table and the footer.
pub fn region(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let year = super::year_text(region.year);
    let mut out = format!("## {} · {} · {year}\n\n", escape(&report.plan.title), escape(&region.region));
    let header = match lang {
        Lang::Zh => ["领域", "指标", "目标", "属性", "基线", "当年值", "状态", "说明"],
        Lang::En => ["Domain", "Indicator", "Target", "Attribute", "Baseline", "Value", "Status", "Reason"],
    };
    let rows = region.results.iter().map(|r| {
        vec![
            escape(r.domain),
            escape(&indicator_label(r)),
            escape(r.target),
            attribute_word(r.attribute, lang).to_string(),
            number(r.baseline),
            number(r.value),
            status_word(r.status, lang).to_string(),
            escape(reason_text(&r.reason, lang)),
        ]
    });
    table(&mut out, &header, rows);
    footer(&mut out, report, region, lang);
    out.push('\n');
    out
}

/// A Markdown table: the header, the rule under it, one line per row of (already escaped) cells.
fn table(out: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    out.push_str(&format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len())));
    for cells in rows {
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

/// The counts, the row accounting and the scope, as lines that keep their breaks.
fn footer(out: &mut String, report: &Report, region: &RegionReport, lang: Lang) {
    for line in footer_lines(report, region, lang) {
        out.push_str(&format!("{}  \n", escape(&line)));
    }
}

/// Escapes what Markdown would read as markup or table structure.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A report page: the check's table with each target's warning and its course by year, and the 达标率.
pub fn page(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let year = super::year_text(region.year);
    let mut out = format!(
        "# {} · {} · {} {year}\n\n",
        escape(&report.plan.title),
        escape(&region.region),
        super::stage_word(report.stage, lang)
    );
    let rates = region.rates();
    let (county, national) = match lang {
        Lang::Zh => ("达标率（含无数据，县级口径）：", "达标率（有数据指标，国家口径）："),
        Lang::En => {
            ("Reached, no data counted (county practice): ", "reached, targets with data (national practice): ")
        }
    };
    out.push_str(&format!(
        "{county}{} ({}/{}) · {national}{} ({}/{})\n\n",
        super::percent_text(rates.over_assessable()),
        rates.reached,
        rates.assessable,
        super::percent_text(rates.over_with_data()),
        rates.reached,
        rates.with_data
    ));
    let header = match lang {
        Lang::Zh => ["领域", "指标", "目标", "位置", "属性", "基线", "当年值", "状态", "评价", "说明", "预警", "历年"],
        Lang::En => [
            "Domain",
            "Indicator",
            "Target",
            "Where",
            "Attribute",
            "Baseline",
            "Value",
            "Status",
            "Grade",
            "Reason",
            "Warning",
            "Course",
        ],
    };
    let rows = region.results.iter().map(|r| {
        let course: Vec<String> = r.history.iter().map(|(y, s)| format!("{y} {}", status_word(*s, lang))).collect();
        vec![
            escape(r.domain),
            escape(&indicator_label(r)),
            escape(r.target),
            escape(&format!("{} {}", r.section, r.item)),
            attribute_word(r.attribute, lang).to_string(),
            number(r.baseline),
            number(r.value),
            status_word(r.status, lang).to_string(),
            super::grade_word(r.grade, lang).to_string(),
            escape(reason_text(&r.reason, lang)),
            escape(reason_text(&r.warning, lang)),
            escape(&course.join(" · ")),
        ]
    });
    table(&mut out, &header, rows);
    footer(&mut out, report, region, lang);
    out
}

/// The index of every page written.
pub fn index(entries: &[super::html::IndexEntry], stage: crate::eval::Stage, lang: Lang) -> String {
    let pct = super::percent_text;
    let mut out = format!("# {}\n\n", super::stage_word(stage, lang));
    let (region, plan, year, county, national) = match lang {
        Lang::Zh => ("地区", "规划", "年份", "达标率（县级口径）", "达标率（国家口径）"),
        Lang::En => ("Region", "Plan", "Year", "Reached (county)", "Reached (national)"),
    };
    let statuses = crate::rule::Status::ALL.iter().map(|s| status_word(*s, lang));
    let header: Vec<&str> = [region, plan, year].into_iter().chain(statuses).chain([county, national]).collect();
    let rows = entries.iter().map(|e| {
        let mut cells =
            vec![escape(&e.region), format!("[{}]({})", escape(&e.title), e.file), super::year_text(e.year)];
        cells.extend(e.summary.iter().map(|(_, n)| n.to_string()));
        cells.extend([pct(e.rates.over_assessable()), pct(e.rates.over_with_data())]);
        cells
    });
    table(&mut out, &header, rows);
    out.pop(); // the index ends with its last row
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(super::escape("a|b\n*c*"), "a\\|b \\*c\\*");
        assert_eq!(super::escape("<script>"), "\\<script\\>");
    }
}
