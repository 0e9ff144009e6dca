//! Markdown: a heading and a table per region; pipes, newlines and markup characters in cells are escaped.

use super::{attribute_word, footer_lines, indicator_label, number, reason_text, status_word};
use crate::cli::Lang;
use crate::eval::Report;

pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for region in &report.regions {
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
                escape(&r.domain),
                escape(&indicator_label(r)),
                escape(&r.target),
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

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(super::escape("a|b\n*c*"), "a\\|b \\*c\\*");
        assert_eq!(super::escape("<script>"), "\\<script\\>");
    }
}
