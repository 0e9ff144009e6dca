//! Markdown: a heading and a table per region for `check`, and the pages and index of `report`; pipes,
//! newlines and markup characters in cells are escaped.

use super::{footer_lines, headers, indicator_label, number, Renderer};
use crate::eval::{RegionReport, Report};
use crate::render::batch::Batch;
use crate::words::{outputs::RatesLine, Label, Lang, Say, Word};
use std::io::{self, Write};

/// The Markdown format of `check`: the table's columns, filtered as the table is.
pub struct Markdown {
    pub lang: Lang,
    pub filter: super::Filter,
}

impl<'a> Renderer<'a> for Markdown {
    type Part = Vec<u8>;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Vec<u8> {
        render(report, region, self.lang, &self.filter).into_bytes()
    }

    fn write(&mut self, part: Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&part)
    }
}

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

/// One region: a heading, the table (the 预警 column when a target has a warning) and the footer.
fn render(report: &Report, region: &RegionReport, lang: Lang, filter: &super::Filter) -> String {
    let year = super::year_text(region.year);
    let mut out = format!("## {} · {} · {year}\n\n", escape(&report.plan.title), escape(&region.region));
    let shown: Vec<_> = region.results.iter().filter(|r| filter.keeps(r)).collect();
    let warned = shown.iter().any(|r| !r.warning.is_empty());
    let columns = if warned { COLUMNS.len() } else { COLUMNS.len() - 1 };
    let rows = shown.iter().map(|r| {
        let status = super::status_text(r, lang);
        let mut cells = vec![
            escape(r.domain),
            escape(&indicator_label(r)),
            escape(r.target),
            r.attribute.word(lang).to_string(),
            escape(&super::baseline_text(r)),
            number(r.value),
            if r.fails { format!("✗ {status}") } else { status },
            escape(&r.reason.say(lang)),
        ];
        if warned {
            cells.push(escape(&r.warning.say(lang)));
        }
        cells
    });
    table(&mut out, &headers(&COLUMNS[..columns], lang), rows);
    if shown.iter().any(|r| r.baseline_from_plan) {
        out.push_str(&format!("{}  \n", escape(Label::PlanBaselineNote.word(lang))));
    }
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

/// Escapes what Markdown would read as markup or table structure: `<`, `>` and `&` as HTML entities (which
/// CommonMark and Python-Markdown both show as the character), the other markup characters with a backslash.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push_str(&crate::words::visible(&c.to_string())),
            _ => out.push(c),
        }
    }
    out
}

const PAGE_COLUMNS: [Label; 12] = [
    Label::Domain,
    Label::Indicator,
    Label::Target,
    Label::Where,
    Label::Attribute,
    Label::Baseline,
    Label::Value,
    Label::Status,
    Label::Grade,
    Label::Reason,
    Label::Warning,
    Label::Course,
];

/// A report page: the check's table with each target's warning and its course by year, and the 达标率.
pub fn page(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let year = super::year_text(region.year);
    let mut out = format!(
        "# {} · {} · {} {year}\n\n",
        escape(&report.plan.title),
        escape(&region.region),
        report.stage.word(lang)
    );
    out.push_str(&grades_line(region, lang));
    out.push_str("  \n");
    out.push_str(&RatesLine(region.rates()).say(lang));
    out.push_str("\n\n");
    let rows = region.results.iter().map(|r| {
        let value = |y: &i32| r.series.iter().find(|p| p.0 == *y).map(|p| format!(" {}", crate::rule::show(p.1)));
        let course: Vec<String> =
            r.history.iter().map(|(y, s)| format!("{y}{} {}", value(y).unwrap_or_default(), s.word(lang))).collect();
        vec![
            escape(r.domain),
            escape(&indicator_label(r)),
            escape(r.target),
            escape(&format!("{} {}", r.section, r.item)),
            r.attribute.word(lang).to_string(),
            number(r.baseline),
            number(r.value),
            r.status.word(lang).to_string(),
            grade_if_new(r, lang),
            escape(&r.reason.say(lang)),
            escape(&r.warning.say(lang)),
            escape(&course.join(" · ")),
        ]
    });
    table(&mut out, &headers(&PAGE_COLUMNS, lang), rows);
    footer(&mut out, report, region, lang);
    out
}

/// The counts by the bureaus' words and the warnings: `已实现 36 · 提前实现 7 · … · 预警 0`.
fn grades_line(region: &RegionReport, lang: Lang) -> String {
    use crate::eval::Grade;
    let g = region.grades();
    let counts = [
        (Grade::Achieved.word(lang), g.achieved),
        (Grade::AchievedEarly.word(lang), g.achieved_early),
        (Grade::NearlyAchieved.word(lang), g.nearly_achieved),
        (Grade::Short.word(lang), g.short),
        (Grade::NoData.word(lang), g.no_data),
        (Grade::NotAssessed.word(lang), g.not_assessed),
        (Label::Warning.word(lang), g.warnings),
    ];
    counts.iter().map(|(w, n)| format!("{w} {n}")).collect::<Vec<_>>().join(" · ")
}

/// The bureau's word where it adds one to the status (not 无数据 beside 无数据).
fn grade_if_new(r: &crate::eval::TargetResult, lang: Lang) -> String {
    match r.grade {
        crate::eval::Grade::NoData | crate::eval::Grade::NotAssessed => String::new(),
        g => g.word(lang).to_string(),
    }
}

/// The index of every page written: a table per batch, its rows in the data's order and a totals row, the three
/// reached words adding up to the 达标率's numerator.
pub fn index(batches: &[Batch], stage: crate::eval::Stage, lang: Lang, book: Option<&str>) -> String {
    use crate::eval::Grade;
    use crate::words::report::{IndexNote, RateCell, Term};
    let mut out = format!("# {} · {}\n\n{}\n\n", stage.word(lang), Term::IndexTitle.word(lang), IndexNote.say(lang));
    if let Some(book) = book {
        out.push_str(&format!("{}：[{book}]({})\n\n", Term::Workbook.word(lang), crate::render::names::href(book)));
    }
    let grades =
        [Grade::Achieved, Grade::AchievedEarly, Grade::NearlyAchieved, Grade::Short, Grade::NoData, Grade::NotAssessed];
    let mut header: Vec<&str> = vec![Label::Region.word(lang), Label::EvaluationYear.word(lang)];
    header.extend(grades.iter().map(|g| g.word(lang)));
    header.extend([Label::Warning, Label::RateCountyShort, Label::RateNationalShort].map(|l| l.word(lang)));
    let cells = |g: &crate::eval::Grades, r: &crate::eval::Rates| {
        let county = RateCell { rate: r.over_assessable(), part: r.reached, whole: r.assessable };
        let national = RateCell { rate: r.over_with_data(), part: r.reached, whole: r.with_data };
        let n = [g.achieved, g.achieved_early, g.nearly_achieved, g.short, g.no_data, g.not_assessed, g.warnings];
        let mut cells: Vec<String> = n.iter().map(usize::to_string).collect();
        cells.extend([county.say(lang), national.say(lang)]);
        cells
    };
    for b in batches {
        out.push_str(&format!("## {} ({})\n\n", escape(&b.title), b.plan));
        let links: Vec<String> = [(&b.matrix, Term::Matrix), (&b.narrative, Term::Narrative)]
            .iter()
            .filter_map(|(file, term)| {
                file.as_ref().map(|f| format!("[{}]({})", term.word(lang), super::names::href(&format!("{f}.md"))))
            })
            .collect();
        out.push_str(&format!("{} {} · {}\n\n", Label::Data.word(lang), escape(&b.data_file), links.join(" · ")));
        let mut rows: Vec<Vec<String>> = b
            .rows
            .iter()
            .map(|r| {
                let mut row =
                    vec![format!("[{}]({})", escape(&r.region), super::names::href(&r.page)), super::year_text(r.year)];
                row.extend(cells(&r.grades, &r.rates));
                row
            })
            .collect();
        let (g, r) = b.totals();
        let mut total = vec![format!("**{}（{}）**", Term::Total.word(lang), b.rows.len()), String::new()];
        total.extend(cells(&g, &r));
        rows.push(total);
        table(&mut out, &header, rows.into_iter());
    }
    out.pop(); // the index ends with its last row
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(super::escape("a|b\n*c*"), "a\\|b \\*c\\*");
        assert_eq!(super::escape("<script>"), "&lt;script&gt;");
        assert_eq!(super::escape("<8 & ≥70"), "&lt;8 &amp; ≥70");
    }
}
