//! The terminal table: one per region, grouped by domain, with the summary, the 达标率 and the row accounting
//! beneath. As wide as the terminal (or `--width`, or `COLUMNS`, else 120 columns): a grid from 100 columns up,
//! a record per target below that; the 预警 column only when a target has a warning; the targets that fail the
//! check marked ✗; statuses in colour on a terminal, unless NO_COLOR is set.

use super::{baseline_text, footer_lines, indicator_label, number, status_text, Filter, Renderer};
use crate::eval::{RegionReport, Report, TargetResult};
use crate::rule::Status;
use crate::words::{outputs::Heading, visible, visible_lines, Label, Lang, Say, Word};
use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, Color, ColumnConstraint, ContentArrangement, Table as Grid, Width,
};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Below this many columns a record per target replaces the grid.
pub const GRID_FROM: usize = 100;

/// How the table is laid out.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Columns of the screen or page.
    pub width: usize,
    /// Colour the statuses (a terminal, NO_COLOR unset).
    pub color: bool,
    pub filter: Filter,
}

/// The table format.
pub struct Table {
    pub lang: Lang,
    pub shape: Shape,
}

impl<'a> Renderer<'a> for Table {
    type Part = Vec<u8>;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Vec<u8> {
        render(report, region, self.lang, &self.shape).into_bytes()
    }

    fn write(&mut self, part: Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&part)
    }
}

/// One region's table with its header lines and footer, followed by a blank line.
fn render(report: &Report, region: &RegionReport, lang: Lang, shape: &Shape) -> String {
    let heading = visible_lines(&Heading::of(report, region).say(lang)).into_owned();
    let mut out = match shape.width >= GRID_FROM {
        true => heading,
        false => heading.lines().map(|l| wrap(l, shape.width, "  ")).collect(),
    };
    let shown: Vec<&TargetResult> = region.results.iter().filter(|r| shape.filter.keeps(r)).collect();
    if shape.width >= GRID_FROM {
        out.push_str(&grid(&shown, lang, shape));
    } else {
        out.push_str(&records(&shown, lang, shape));
    }
    if shown.iter().any(|r| r.baseline_from_plan) {
        out.push_str(Label::PlanBaselineNote.word(lang));
        out.push('\n');
    }
    if !shape.filter.is_all() {
        let note = crate::words::outputs::Shown { shown: shown.len(), of: region.results.len() };
        out.push_str(&note.say(lang));
        out.push('\n');
    }
    for line in footer_lines(report, region, lang) {
        out.push_str(&wrap(&visible(&line), shape.width, ""));
    }
    out.push('\n');
    out
}

/// A status cell: ✗ for a target that fails the check, the bureau's word where it adds something.
fn status_cell(r: &TargetResult, lang: Lang) -> String {
    let text = status_text(r, lang);
    if r.fails {
        format!("✗ {text}")
    } else {
        text
    }
}

/// The colour a status is shown in on a terminal.
fn color(status: Status) -> Color {
    match status {
        Status::Met => Color::Green,
        Status::OnTrack => Color::DarkGreen,
        Status::OffTrack => Color::Yellow,
        Status::Unmet => Color::Red,
        Status::NoData | Status::NotAssessed => Color::DarkGrey,
    }
}

const COLUMNS: [Label; 8] = [
    Label::Indicator,
    Label::Target,
    Label::Attribute,
    Label::Baseline,
    Label::Value,
    Label::Status,
    Label::Reason,
    Label::Warning,
];

/// The widths of the grid's columns for a table `width` columns wide: the attribute (`attribute` columns of
/// text), the numbers and the status as wide as they need, the rest shared by the indicator, the target, the
/// reason and the warning.
fn widths(width: usize, warned: bool, attribute: usize) -> Vec<u16> {
    let columns = if warned { 8 } else { 7 };
    // Widths with the cells' padding (one space each side); the borders take one column each.
    let fixed = [attribute.max(6) + 2, 10, 10, 19];
    let free = width.saturating_sub(columns + 1 + fixed.iter().sum::<usize>()).max(40);
    let share = |part: usize, cap: usize| (free * part / 100).min(cap);
    // Never narrower than their headings (`Indicator`, `Target`).
    let (indicator, target) = (share(if warned { 26 } else { 33 }, 32).max(12), share(18, 26).max(8));
    let rest = free - indicator - target;
    let (reason, warning) = if warned { (rest * 3 / 5, rest - rest * 3 / 5) } else { (rest, 0) };
    let mut out = vec![indicator, target, fixed[0], fixed[1], fixed[2], fixed[3], reason];
    if warned {
        out.push(warning);
    }
    out.into_iter().map(|w| u16::try_from(w).unwrap_or(u16::MAX)).collect()
}

fn grid(shown: &[&TargetResult], lang: Lang, shape: &Shape) -> String {
    let warned = shown.iter().any(|r| !r.warning.is_empty());
    // The attribute column is as wide as its widest word: 约束性 (6 columns), or English's `unspecified`.
    let attribute = shown.iter().map(|r| UnicodeWidthStr::width(r.attribute.word(lang))).max().unwrap_or(6);
    let widths = widths(shape.width, warned, attribute);
    let mut table = Grid::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(COLUMNS.iter().take(widths.len()).map(|l| l.word(lang)));
    for (i, width) in widths.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*width)));
        }
    }
    let mut last_domain = "";
    for r in shown {
        if r.domain != last_domain {
            // The domain heads its targets, in a row of its own.
            let mut heading = vec![Cell::new(format!("【{}】", visible(r.domain)))];
            heading.extend((1..widths.len()).map(|_| Cell::new("")));
            table.add_row(heading);
            last_domain = r.domain;
        }
        let mut status = Cell::new(status_cell(r, lang));
        if shape.color {
            status = status.fg(color(r.status));
        }
        let mut row = vec![
            Cell::new(unit_kept_whole(&visible(&indicator_label(r)), usize::from(widths[0]).saturating_sub(2))),
            Cell::new(visible(r.target)),
            Cell::new(r.attribute.word(lang)),
            Cell::new(baseline_text(r)),
            Cell::new(number(r.value)),
            status,
            Cell::new(r.reason.say(lang)),
        ];
        if warned {
            row.push(Cell::new(r.warning.say(lang)));
        }
        table.add_row(row);
    }
    format!("{table}\n")
}

/// An indicator's label broken into lines of at most `width` display columns, its unit (`（1/10万）`) kept whole
/// on the last line or a line of its own, never cut as `（1/10` / `万）`.
fn unit_kept_whole(label: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width;
    if w(label) <= width || width < 4 {
        return label.to_string();
    }
    let (name, unit) = match label.rfind('（') {
        Some(i) if label.ends_with('）') && w(&label[i..]) <= width => label.split_at(i),
        _ => (label, ""),
    };
    let (mut lines, mut line) = (Vec::new(), String::new());
    for c in name.chars() {
        if w(&line) + c.width().unwrap_or(0) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line.push(c);
    }
    if w(&line) + w(unit) <= width {
        line.push_str(unit);
        lines.push(line);
    } else {
        lines.extend([line, unit.to_string()]);
    }
    lines.retain(|l| !l.is_empty());
    lines.join("\n")
}

/// A record per target, for a narrow screen: the indicator, target and attribute (✗ before a target that fails
/// the check); the status with the baseline and the value; the reason; the warning. Targets without data and
/// qualitative ones are named on one line per domain, not a record each.
fn records(shown: &[&TargetResult], lang: Lang, shape: &Shape) -> String {
    let mut out = String::new();
    let mut domains: Vec<(&str, Vec<&TargetResult>)> = Vec::new();
    for r in shown {
        match domains.last_mut() {
            Some((d, list)) if *d == r.domain => list.push(r),
            _ => domains.push((r.domain, vec![r])),
        }
    }
    for (domain, results) in domains {
        out.push_str(&format!("【{}】\n", visible(domain)));
        let (quiet, judged): (Vec<&TargetResult>, Vec<&TargetResult>) =
            results.into_iter().partition(|r| matches!(r.status, Status::NoData | Status::NotAssessed));
        for r in judged {
            out.push_str(&record(r, lang, shape));
        }
        for status in [Status::NoData, Status::NotAssessed] {
            let names: Vec<String> =
                quiet
                    .iter()
                    .filter(|r| r.status == status)
                    .map(|r| {
                        if r.indicator.is_some() {
                            visible(r.name).into_owned()
                        } else {
                            visible(r.target).into_owned()
                        }
                    })
                    .collect();
            if !names.is_empty() {
                let line = format!(
                    "  {}（{}）：{}",
                    status.word(lang),
                    names.len(),
                    names.join(crate::words::pick(lang, "、", ", "))
                );
                out.push_str(&wrap(&line, shape.width, "    "));
            }
        }
    }
    out
}

fn record(r: &TargetResult, lang: Lang, shape: &Shape) -> String {
    let mark = if r.fails { "✗ " } else { "" };
    let head = format!("{mark}{} {} · {}", visible(&indicator_label(r)), visible(r.target), r.attribute.word(lang));
    let mut out = wrap(&head, shape.width, "  ");
    let mut status = status_text(r, lang);
    if shape.color {
        status = paint(&status, r.status);
    }
    let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let (b, v) = (dash(baseline_text(r)), dash(number(r.value)));
    let values = format!("{} {b} → {} {v}", Label::Baseline.word(lang), Label::Value.word(lang));
    out.push_str(&wrap(&format!("  {status}　{values}"), shape.width, "    "));
    out.push_str(&wrap(&format!("  {}", r.reason.say(lang)), shape.width, "    "));
    if !r.warning.is_empty() {
        let warning = format!("  {}{}", Label::WarningPrefix.word(lang), r.warning.say(lang));
        out.push_str(&wrap(&warning, shape.width, "    "));
    }
    out
}

/// A status in its colour, as ANSI escapes.
fn paint(text: &str, status: Status) -> String {
    let code = match status {
        Status::Met => "32",
        Status::OnTrack => "36",
        Status::OffTrack => "33",
        Status::Unmet => "31",
        Status::NoData | Status::NotAssessed => "90",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

/// A line wrapped to `width` display columns (a CJK character takes two), at a space where there is one, later
/// lines indented; with a line break after each. ANSI escapes take no columns.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let width = width.max(20);
    let mut out = String::new();
    let mut line = String::new();
    let (mut column, mut escape) = (0, false);
    // Where the line may break: the byte after its last space, and the columns before it.
    let mut space: Option<(usize, usize)> = None;
    for c in text.chars() {
        escape |= c == '\u{1b}';
        let w = if escape { 0 } else { c.width().unwrap_or(0) };
        escape &= c != 'm';
        if column + w > width && column > indent.len() {
            let (rest, rest_width) = match space {
                Some((at, before)) if before > indent.len() => (line.split_off(at), column - before),
                _ => (String::new(), 0),
            };
            out.push_str(line.trim_end());
            out.push('\n');
            line = format!("{indent}{}", rest.trim_start());
            column = indent.len() + rest_width.min(rest.chars().map(|c| c.width().unwrap_or(0)).sum());
            space = None;
            if c == ' ' {
                continue;
            }
        }
        line.push(c);
        column += w;
        if c == ' ' {
            space = Some((line.len(), column));
        }
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::{unit_kept_whole, wrap};

    #[test]
    fn a_unit_is_kept_whole_when_a_label_wraps() {
        assert_eq!(unit_kept_whole("孕产妇死亡率（1/10万）", 19), "孕产妇死亡率\n（1/10万）");
        assert_eq!(unit_kept_whole("适龄妇女宫颈癌人群筛查率（%）", 19), "适龄妇女宫颈癌人群\n筛查率（%）");
        assert_eq!(unit_kept_whole("婚前医学检查率（%）", 19), "婚前医学检查率（%）");
        // Without a unit, the label is cut where it must be.
        assert_eq!(unit_kept_whole("城镇公共厕所男女厕位比例", 10), "城镇公共厕\n所男女厕位\n比例");
    }

    #[test]
    fn lines_wrap_at_display_columns() {
        assert_eq!(wrap("孕产妇死亡率控制在8/10万以下", 20, "  "), "孕产妇死亡率控制在8/\n  10万以下\n");
        assert_eq!(wrap("short", 80, ""), "short\n");
        assert_eq!(wrap("达标率 10.4% (7/67) · 国家口径 46.7%", 24, ""), "达标率 10.4% (7/67) ·\n国家口径 46.7%\n");
        assert_eq!(wrap("\u{1b}[31m未达标\u{1b}[0m", 20, ""), "\u{1b}[31m未达标\u{1b}[0m\n");
    }
}
