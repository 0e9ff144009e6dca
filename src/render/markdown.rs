//! Markdown: a heading and a table per region; pipes, newlines and markup characters in cells are escaped.

use super::{attribute_word, footer_lines, indicator_label, number, reason_text, status_word};
use crate::cli::Lang;
use crate::eval::Report;

/// One region: a heading, the table and the footer.
pub fn region(report: &Report, region: &crate::eval::RegionReport, lang: Lang) -> String {
    let mut out = String::new();
    {
        let year = region.year.map_or_else(|| "—".to_string(), |y| y.to_string());
        out.push_str(&format!("## {} · {} · {year}\n\n", escape(&report.plan.title), escape(&region.region)));
        let header = match lang {
            Lang::Zh => "| 领域 | 指标 | 目标 | 属性 | 基线 | 当年值 | 状态 | 说明 |",
            Lang::En => "| Domain | Indicator | Target | Attribute | Baseline | Value | Status | Reason |",
        };
        out.push_str(header);
        out.push_str("\n|---|---|---|---|---|---|---|---|\n");
        for r in &region.results {
            let cells = [
                escape(r.domain),
                escape(&indicator_label(r)),
                escape(r.target),
                attribute_word(r.attribute, lang).to_string(),
                number(r.baseline),
                number(r.value),
                status_word(r.status, lang).to_string(),
                escape(reason_text(&r.reason, lang)),
            ];
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
        for line in footer_lines(report, region, lang) {
            out.push_str(&format!("{}  \n", escape(&line)));
        }
        out.push('\n');
    }
    out
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
pub fn page(report: &Report, region: &crate::eval::RegionReport, lang: Lang) -> String {
    let year = region.year.map_or_else(|| "—".to_string(), |y| y.to_string());
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
        Lang::Zh => "| 领域 | 指标 | 目标 | 位置 | 属性 | 基线 | 当年值 | 状态 | 评价 | 说明 | 预警 | 历年 |",
        Lang::En => "| Domain | Indicator | Target | Where | Attribute | Baseline | Value | Status | Grade | Reason | Warning | Course |",
    };
    out.push_str(header);
    out.push_str("\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for r in &region.results {
        let course: Vec<String> = r.history.iter().map(|(y, s)| format!("{y} {}", status_word(*s, lang))).collect();
        let cells = [
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
        ];
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
    for line in footer_lines(report, region, lang) {
        out.push_str(&format!("{}  \n", escape(&line)));
    }
    out
}

/// The index of every page written.
pub fn index(entries: &[super::html::IndexEntry], stage: crate::eval::Stage, lang: Lang) -> String {
    let pct = super::percent_text;
    let mut out = format!("# {}\n\n", super::stage_word(stage, lang));
    let statuses: Vec<&str> = crate::rule::Status::ALL.iter().map(|s| status_word(*s, lang)).collect();
    let (region, plan, year, county, national) = match lang {
        Lang::Zh => ("地区", "规划", "年份", "达标率（县级口径）", "达标率（国家口径）"),
        Lang::En => ("Region", "Plan", "Year", "Reached (county)", "Reached (national)"),
    };
    out.push_str(&format!("| {region} | {plan} | {year} | {} | {county} | {national} |\n", statuses.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(statuses.len() + 5)));
    for e in entries {
        let counts: Vec<String> = e.summary.iter().map(|(_, n)| n.to_string()).collect();
        out.push_str(&format!(
            "| {} | [{}]({}) | {} | {} | {} | {} |\n",
            escape(&e.region),
            escape(&e.title),
            e.file,
            e.year.map_or_else(|| "—".to_string(), |y| y.to_string()),
            counts.join(" | "),
            pct(e.rates.over_assessable()),
            pct(e.rates.over_with_data())
        ));
    }
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
