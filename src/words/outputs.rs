//! The sentences of the outputs: headings, footers, notes and summaries, each with its numbers as data.

use super::{Lang, Say, Word};
use crate::dataset::Accounting;
use crate::eval::{FailOn, RegionReport, Report};
use crate::tr;

/// The two lines above a region's table: the plan, and the region, year, baseline and data.
pub struct Heading<'r> {
    pub title: &'r str,
    pub plan: &'r str,
    pub region: &'r str,
    pub year: String,
    pub baseline_year: i32,
    pub data: &'r str,
}

impl<'r> Heading<'r> {
    pub fn of(report: &'r Report, region: &'r RegionReport) -> Heading<'r> {
        Heading {
            title: &report.plan.title,
            plan: &report.plan.id,
            region: &region.region,
            year: crate::render::year_text(region.year),
            baseline_year: report.plan.baseline_year,
            data: &report.data_file,
        }
    }
}

impl Say for Heading<'_> {
    fn say(&self, lang: Lang) -> String {
        let Heading { title, plan, region, year, baseline_year: b, data } = self;
        tr!(
            lang,
            "{title}（{plan}）\n地区：{region} · 评估年份：{year} · 基线年份：{b} · 数据：{data}\n",
            "{title} ({plan})\nRegion: {region} · Year: {year} · Baseline year: {b} · Data: {data}\n"
        )
    }
}

/// The lines under a region's table.
pub struct Footer {
    /// The count per status, already joined (`达标 7 · 进度正常 1 · …`).
    pub counts: String,
    pub accounting: Accounting,
    /// The scope as asked for, and what it came to.
    pub fail_on: FailOn,
    pub scope: FailOn,
    pub in_scope: usize,
    pub failures: usize,
}

impl Footer {
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let Footer { counts, accounting: a, fail_on, scope, in_scope, failures } = self;
        let (read, used, unused, rejected) = (a.read, a.used, a.unused, a.rejected);
        let (fail_on, scope) = (fail_on.word(lang), scope.describe(lang));
        vec![
            tr!(lang, "汇总：{counts}", "Summary: {counts}"),
            tr!(
                lang,
                "数据行：读取 {read} · 本规划使用 {used} · 未使用 {unused} · 拒绝 {rejected}",
                "Data rows: {read} read · {used} used by this plan · {unused} not used · {rejected} rejected"
            ),
            tr!(
                lang,
                "检查范围（--fail-on {fail_on}：{scope}）：{in_scope} 个目标，其中 {failures} 个不通过",
                "Scope (--fail-on {fail_on}: {scope}): {in_scope} targets, {failures} failing"
            ),
        ]
    }
}

/// Notes under a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The scope covers no target: nothing can fail the check.
    EmptyScope,
}

impl Say for Note {
    fn say(&self, lang: Lang) -> String {
        match self {
            Note::EmptyScope => tr!(
                lang,
                "注意：检查范围不覆盖任何目标，本次检查不会不通过",
                "Note: the scope covers no target; nothing can fail this check"
            ),
        }
    }
}

/// The 达标率 under both conventions, with their counts, on one line.
pub struct RatesLine(pub crate::eval::Rates);

impl Say for RatesLine {
    fn say(&self, lang: Lang) -> String {
        let r = &self.0;
        let (county, national) =
            (crate::render::percent_text(r.over_assessable()), crate::render::percent_text(r.over_with_data()));
        let (reached, assessable, with_data) = (r.reached, r.assessable, r.with_data);
        tr!(
            lang,
            "达标率（含无数据，县级口径）：{county}（{reached}/{assessable}） · 达标率（有数据指标，国家口径）：{national}（{reached}/{with_data}）",
            "Reached, no data counted (county practice): {county} ({reached}/{assessable}) · reached, targets with data (national practice): {national} ({reached}/{with_data})"
        )
    }
}

/// A value in a year, as a chart's point is labelled: `2020年 11.30` / `11.30 (2020)`.
pub struct YearValue {
    pub year: i32,
    pub value: rust_decimal::Decimal,
}

impl Say for YearValue {
    fn say(&self, lang: Lang) -> String {
        let YearValue { year, value } = self;
        tr!(lang, "{year}年 {value}", "{value} ({year})")
    }
}

/// The closing lines of a list of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// This many more diagnostics were found than are shown.
    NotShown(usize),
    /// This many errors were found.
    ErrorsFound(usize),
}

impl Say for Tally {
    fn say(&self, lang: Lang) -> String {
        match *self {
            Tally::NotShown(n) => tr!(lang, "……另有 {n} 个问题未列出\n", "... and {n} more problems not shown\n"),
            Tally::ErrorsFound(n) => {
                let s = if n == 1 { "" } else { "s" };
                tr!(lang, "错误：共 {n} 个错误\n", "error: {n} error{s} found\n")
            }
        }
    }
}

/// What `report` wrote.
pub struct Written {
    pub pages: usize,
    pub dir: String,
}

impl Say for Written {
    fn say(&self, lang: Lang) -> String {
        let Written { pages, dir } = self;
        tr!(lang, "已写入 {pages} 个页面和索引：{dir}", "{pages} pages and an index written to {dir}")
    }
}

/// What `lint` found.
pub struct Linted {
    pub plans: usize,
}

impl Say for Linted {
    fn say(&self, lang: Lang) -> String {
        let plans = self.plans;
        tr!(lang, "已检查 {plans} 个规划，没有错误", "{plans} plans checked, no errors")
    }
}

/// A plan's metadata as `plans show` heads its table.
pub struct PlanHeading<'p>(pub &'p crate::plan::PlanMeta);

impl Say for PlanHeading<'_> {
    fn say(&self, lang: Lang) -> String {
        let m = self.0;
        let (title, id, authority) = (&m.title, &m.id, &m.authority);
        let mut out = tr!(lang, "{title}（{id}）\n发布机关：{authority}", "{title} ({id})\nissued by {authority}");
        if let Some(date) = &m.issued {
            out.push_str(&tr!(lang, " · 日期：{date}", " on {date}"));
        }
        if let Some(n) = &m.document_number {
            out.push_str(&tr!(lang, " · 文号：{n}", ", {n}"));
        }
        let (region, (from, to), b, t, source) = (&m.region, m.period, m.baseline_year, m.target_year, &m.source);
        out.push_str(&tr!(
            lang,
            "\n地区 {region} · 规划期 {from}–{to} · 基线年 {b} · 目标年 {t} · 来源 {source}\n\n",
            "\nregion {region} · period {from}–{to} · baseline {b} · target year {t} · source {source}\n\n"
        ));
        out
    }
}

/// A failing status of a target outside the `--fail-on` scope: shown, not counted.
pub struct OutOfScope {
    pub status: crate::rule::Status,
}

impl Say for OutOfScope {
    fn say(&self, lang: Lang) -> String {
        let status = self.status.word(lang);
        tr!(lang, "{status}（不在检查范围内，不计为不通过）", "{status} (outside the --fail-on scope, not counted)")
    }
}

/// A failing or warned target, as an annotation reads.
pub struct Annotation<'r> {
    pub region: &'r str,
    pub name: &'r str,
    pub target: &'r str,
    pub status: crate::rule::Status,
    pub reason: String,
    pub warning: String,
}

impl Say for Annotation<'_> {
    fn say(&self, lang: Lang) -> String {
        let Annotation { region, name, target, status, reason, warning } = self;
        let status = status.word(lang);
        let mut out =
            tr!(lang, "{region} {name}（{target}）{status}：{reason}", "{region} {name} ({target}) {status}: {reason}");
        if !warning.is_empty() {
            out.push_str(&tr!(lang, "；预警：{warning}", "; warning: {warning}"));
        }
        out
    }
}

/// What one region came to, for a CI log.
pub struct RegionTally<'r> {
    pub plan: &'r str,
    pub region: &'r str,
    pub scope: FailOn,
    pub in_scope: usize,
    pub failures: usize,
}

impl Say for RegionTally<'_> {
    fn say(&self, lang: Lang) -> String {
        let RegionTally { plan, region, scope, in_scope, failures } = self;
        let scope = scope.describe(lang);
        tr!(
            lang,
            "{plan} {region}：检查范围为{scope}，{in_scope} 个目标，其中 {failures} 个不通过",
            "{plan} {region}: scope {scope}, {in_scope} targets, {failures} failing"
        )
    }
}

/// A file a command created.
pub struct Created {
    pub path: String,
}

impl Say for Created {
    fn say(&self, lang: Lang) -> String {
        let path = &self.path;
        tr!(lang, "已写入 {path}", "{path} written")
    }
}

/// What a run says when the data file it maps is cut short by another program while it reads it (written by a
/// signal handler, which cannot know the run's language: both languages, one line).
pub const DATA_CHANGED: &str = "错误[data-changed]: 数据文件在读取过程中被其他程序改动，检查未完成 / error[data-changed]: the data file changed while it was read; the check did not finish\n";

/// How many results a filtered listing shows.
pub struct Shown {
    pub shown: usize,
    pub of: usize,
}

impl Say for Shown {
    fn say(&self, lang: Lang) -> String {
        let Shown { shown, of } = self;
        tr!(
            lang,
            "（按 --status/--hide 显示 {of} 个目标中的 {shown} 个）",
            "({shown} of {of} targets shown, by --status/--hide)"
        )
    }
}
