//! The words of `report`'s pages: the region page, the index, the regions × indicators page and the charts.
//! The drafted monitoring report's sentences are in [`super::narrative`].

use super::{Lang, Say, Word};
use crate::eval::{Grade, Stage};
use crate::rule::Status;
use crate::tr;

/// Fixed words of the report pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// The compact table's heading.
    AtAGlance,
    /// The cards' heading.
    Details,
    /// Qualitative targets, listed under the table.
    QualitativeTargets,
    /// ★ before a binding target, in the legend.
    BindingMark,
    /// The summary table's heading.
    Summary,
    /// 合计 in a totals row.
    Total,
    /// The index's title after the stage.
    IndexTitle,
    /// The regions × indicators page.
    Matrix,
    /// The batch's Excel workbook, linked from the index.
    Workbook,
    /// The drafted monitoring report.
    Narrative,
    /// A link back to the index.
    BackToIndex,
    /// The matrix's last row: how many regions reached each target.
    RegionsReached,
    /// The matrix's column of the 达标率.
    Rate,
    /// The chart legend: the measured values.
    ChartValues,
    /// The chart legend: the straight line from the baseline to the target.
    ChartLine,
    /// The chart legend: the deadline.
    ChartDeadline,
    /// The chart legend and mark: the evaluation year.
    ChartEvaluationYear,
    /// The year columns of the compact table, after the baseline.
    Values,
    /// 说明 above the notes of a table.
    Notes,
    /// The page footer's page number: 第 … 页.
    PageOf,
    /// A draft: to be checked before it is published.
    Draft,
    /// "for the region" in the index's narrative column.
    RegionReport,
}

impl Word for Term {
    fn word(self, lang: Lang) -> &'static str {
        let w = |zh, en| super::pick(lang, zh, en);
        match self {
            Term::AtAGlance => w("指标一览", "Targets at a glance"),
            Term::Details => w("各目标详情", "Each target in detail"),
            Term::QualitativeTargets => w("定性目标（不作量化评估）", "Qualitative targets (not assessed)"),
            Term::BindingMark => w("★ 约束性指标", "★ binding (约束性) target"),
            Term::Summary => w("评估汇总", "Summary"),
            Term::Total => w("合计", "Total"),
            Term::IndexTitle => w("报告索引", "index of reports"),
            Term::Matrix => w("各地区指标对比", "Regions compared"),
            Term::Workbook => w("Excel 工作簿", "Excel workbook"),
            Term::Narrative => w("监测报告（草稿）", "Monitoring report (draft)"),
            Term::BackToIndex => w("返回索引", "Back to the index"),
            Term::RegionsReached => w("达标地区数", "Regions reaching it"),
            Term::Rate => w("达标率", "Reached"),
            Term::ChartValues => w("实际值", "measured"),
            Term::ChartLine => w("进度线", "line to target"),
            Term::ChartDeadline => w("期限", "deadline"),
            Term::ChartEvaluationYear => w("评估年", "evaluated"),
            Term::Values => w("历年数值", "Values by year"),
            Term::Notes => w("说明", "Notes"),
            Term::PageOf => w("页", "page"),
            Term::Draft => w("草稿，发布前请核对", "Draft: check before publishing"),
            Term::RegionReport => w("报告", "report"),
        }
    }
}

/// A status as one character in a matrix cell (the legend says which is which).
pub fn status_letter(status: Status, lang: Lang) -> &'static str {
    let w = |zh, en| super::pick(lang, zh, en);
    match status {
        Status::Met => w("达", "M"),
        Status::OnTrack => w("正", "O"),
        Status::OffTrack => w("滞", "B"),
        Status::Unmet => w("未", "U"),
        Status::NoData => w("缺", "–"),
        Status::NotAssessed => w("不", "N"),
    }
}

/// A status with the bureau's word where it adds something: `达标 · 提前实现`, `进度滞后 · 基本实现`, `无数据` (not
/// `无数据 无数据`).
pub fn status_and_grade(status: Status, grade: Grade, lang: Lang) -> String {
    match grade {
        Grade::NoData | Grade::NotAssessed => status.word(lang).to_string(),
        _ => format!("{} · {}", status.word(lang), grade.word(lang)),
    }
}

/// The running header of every printed page: plan, region, stage and year.
pub struct RunningHeader<'a> {
    pub title: &'a str,
    pub region: &'a str,
    pub stage: Stage,
    pub year: String,
}

impl Say for RunningHeader<'_> {
    fn say(&self, lang: Lang) -> String {
        let RunningHeader { title, region, stage, year } = self;
        let stage = stage.word(lang);
        tr!(lang, "{title} · {region} · {stage} · {year}年", "{title} · {region} · {stage} · {year}")
    }
}

/// How the matrix's rows are ordered.
pub struct MatrixOrder;

impl Say for MatrixOrder {
    fn say(&self, lang: Lang) -> String {
        tr!(
            lang,
            "各地区按达标率（县级口径，含无数据）从高到低排列，达标率相同的按地区名称；末行为各目标的达标地区数（含基本实现）。",
            "Regions are ordered by their 达标率 (county practice, no data counted), highest first, then by name; the last row counts the regions reaching each target (基本实现 included)."
        )
    }
}

/// The matrix's legend of letters.
pub struct MatrixLegend;

impl Say for MatrixLegend {
    fn say(&self, lang: Lang) -> String {
        let parts: Vec<String> = [Status::Met, Status::OnTrack, Status::OffTrack, Status::Unmet, Status::NoData]
            .iter()
            .map(|&s| format!("{} = {}", status_letter(s, lang), s.word(lang)))
            .collect();
        let near = tr!(lang, "≈ = 基本实现", "≈ = nearly achieved (基本实现)");
        format!("{}；{near}", parts.join(super::pick(lang, "，", ", ")))
    }
}

/// What the index's counts are.
pub struct IndexNote;

impl Say for IndexNote {
    fn say(&self, lang: Lang) -> String {
        tr!(
            lang,
            "已实现 + 提前实现 + 基本实现 = 达标数；达标率（县级口径）= 达标数 / 可评估目标数（含无数据），达标率（国家口径）= 达标数 / 有数据的目标数；一位小数。地区无评估年份数据时达标率记为无数据。",
            "achieved + achieved early + nearly achieved = reached; county rate = reached / assessable targets (no data counted), national rate = reached / targets with data; one decimal. A region with no value at its evaluation year has no rate (no data)."
        )
    }
}

/// The reached count over its denominator with the rate: `57.1%（4/7）`, or 无数据.
pub struct RateCell {
    pub rate: Option<rust_decimal::Decimal>,
    pub part: usize,
    pub whole: usize,
}

impl Say for RateCell {
    fn say(&self, lang: Lang) -> String {
        let RateCell { rate, part, whole } = self;
        match rate {
            Some(r) => tr!(lang, "{r}%（{part}/{whole}）", "{r}% ({part}/{whole})"),
            None => Grade::NoData.word(lang).to_string(),
        }
    }
}

/// The page's note on a baseline the plan states and the year columns.
pub struct TableNote {
    pub baseline_year: i32,
    pub year: String,
}

impl Say for TableNote {
    fn say(&self, lang: Lang) -> String {
        let TableNote { baseline_year: b, year } = self;
        tr!(
            lang,
            "基线为{b}年值（* 取自规划文本）；各年数值至评估年份{year}年为止；★ 为约束性指标。",
            "Baseline: the {b} value (* as the plan states it); values by year up to the evaluation year {year}; ★ marks a binding target."
        )
    }
}

/// The cards are for the screen: the printed page is the table.
pub struct ScreenOnly;

impl Say for ScreenOnly {
    fn say(&self, lang: Lang) -> String {
        tr!(
            lang,
            "以下详情（说明、历年状态和图表）仅在屏幕上显示；打印件以上表为准。",
            "The details below (reasons, course by year and charts) are for the screen; the printout is the table above."
        )
    }
}

/// What `report` wrote, and removed with `--clean`.
pub struct Written<'a> {
    pub pages: usize,
    pub files: usize,
    pub removed: usize,
    pub dir: &'a str,
    /// Only the workbook was asked for: its sheets are the pages.
    pub book_only: bool,
}

impl Say for Written<'_> {
    fn say(&self, lang: Lang) -> String {
        let Written { pages, files, removed, dir, book_only } = *self;
        let mut out = if book_only {
            tr!(
                lang,
                "已写入工作簿：汇总表、{pages} 个地区工作表及各地区指标对比表：{dir}",
                "Workbook written to {dir}: a summary, {pages} region sheets and the comparisons"
            )
        } else {
            tr!(
                lang,
                "已写入 {pages} 个地区页面及其对比页、监测报告和索引（共 {files} 个文件）：{dir}",
                "{pages} region pages, with the comparisons, drafted reports and index ({files} files), written to {dir}"
            )
        };
        if removed > 0 {
            out.push_str(&tr!(
                lang,
                "；已先删除以前运行写的 {removed} 个文件",
                "; {removed} files of an earlier run removed first"
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grade_is_shown_only_where_it_adds_a_word() {
        assert_eq!(status_and_grade(Status::NoData, Grade::NoData, Lang::Zh), "无数据");
        assert_eq!(status_and_grade(Status::Met, Grade::AchievedEarly, Lang::Zh), "达标 · 提前实现");
        assert_eq!(status_and_grade(Status::OffTrack, Grade::NearlyAchieved, Lang::En), "off track · nearly achieved");
    }

    #[test]
    fn a_rate_without_data_is_said_so() {
        assert_eq!(RateCell { rate: None, part: 0, whole: 68 }.say(Lang::Zh), "无数据");
        let rate = Some(rust_decimal::Decimal::new(571, 1));
        assert_eq!(RateCell { rate, part: 4, whole: 7 }.say(Lang::En), "57.1% (4/7)");
    }
}
