//! Output formats. Each format is one type behind one trait, [`Renderer`]: it renders one evaluated region at a
//! time (on any thread) into a part, and writes the parts in order between its `begin` and `end`. One loop,
//! [`stream::run`], drives every format for `check` and `report`, so the table, JSON, CSV, Markdown, JUnit and
//! the report pages render the same [`Report`] and cannot disagree. A new format is one file here and one arm in
//! [`crate::cmd::check`]'s match. Words come from [`crate::words`]; this module only lays them out.

pub mod batch;
pub mod chart;
pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod matrix;
pub mod names;
pub mod narrative;
pub mod pages;
pub mod sarif;
pub mod stream;
pub mod table;
pub mod template;
pub mod xlsx;

use crate::eval::{RegionReport, Report, TargetResult};
use crate::indicator::Unit;
use crate::rule::Status;
use crate::words::{Label, Lang, Say, Word};
use rust_decimal::Decimal;
use std::io::{self, Write};

/// One output format.
pub trait Renderer<'a>: Sync {
    /// What one region becomes: bytes for a text format, rows for a workbook, files for report pages.
    type Part: Send;

    /// What comes before the first region.
    fn begin(&mut self, _report: &Report<'a>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Region number `index`, rendered on any thread.
    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, index: usize) -> Self::Part;

    /// Takes the parts in the order of the regions.
    fn write(&mut self, part: Self::Part, out: &mut dyn Write) -> io::Result<()>;

    /// What comes after the last region.
    fn end(&mut self, _report: &Report<'a>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Renders a whole evaluated report with a renderer, as bytes (for tests and small reports).
pub fn to_bytes<'a, R: Renderer<'a>>(renderer: &mut R, report: &Report<'a>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    renderer.begin(report, &mut out)?;
    for (i, region) in report.regions.iter().enumerate() {
        let part = renderer.region(report, region, i);
        renderer.write(part, &mut out)?;
    }
    renderer.end(report, &mut out)?;
    Ok(out)
}

/// Which results a listing shows (`--status`, `--hide`): the counts under it stay over every target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these, when given.
    pub only: Vec<Pick>,
    /// Never these.
    pub hide: Vec<Pick>,
}

/// A status, or every target that fails the check, as `--status` and `--hide` name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Pick {
    /// 达标
    Met,
    /// 进度正常
    OnTrack,
    /// 进度滞后
    OffTrack,
    /// 未达标
    Unmet,
    /// 无数据
    NoData,
    /// 不评估
    NotAssessed,
    /// 不通过：计入检查范围且不通过的目标 / the targets that fail the check
    Failing,
}

impl Pick {
    fn covers(self, r: &TargetResult) -> bool {
        match self {
            Pick::Met => r.status == Status::Met,
            Pick::OnTrack => r.status == Status::OnTrack,
            Pick::OffTrack => r.status == Status::OffTrack,
            Pick::Unmet => r.status == Status::Unmet,
            Pick::NoData => r.status == Status::NoData,
            Pick::NotAssessed => r.status == Status::NotAssessed,
            Pick::Failing => r.fails,
        }
    }
}

impl Filter {
    /// Does the listing show this result?
    pub fn keeps(&self, r: &TargetResult) -> bool {
        (self.only.is_empty() || self.only.iter().any(|p| p.covers(r))) && !self.hide.iter().any(|p| p.covers(r))
    }

    /// Does it show everything?
    pub fn is_all(&self) -> bool {
        self.only.is_empty() && self.hide.is_empty()
    }
}

/// The bureau's word beside a status, where it adds something: 提前实现 or 已实现 for a target met, 基本实现 or
/// 仍有差距 for one unmet or off track.
pub fn shown_grade(r: &TargetResult) -> Option<crate::eval::Grade> {
    match r.status {
        Status::Met | Status::Unmet | Status::OffTrack => Some(r.grade),
        Status::OnTrack | Status::NoData | Status::NotAssessed => None,
    }
}

/// A result's status as a listing shows it: `未达标 · 基本实现`, `基线年` for a threshold at its baseline year.
pub fn status_text(r: &TargetResult, lang: Lang) -> String {
    let word = match r.reason {
        crate::rule::Reason::AtBaseline { .. } => Label::AtBaseline.word(lang),
        _ => r.status.word(lang),
    };
    match shown_grade(r) {
        Some(grade) => format!("{word} · {}", grade.word(lang)),
        None => word.to_string(),
    }
}

/// An evaluation year, or a dash for a region with no data.
pub fn year_text(year: Option<i32>) -> String {
    year.map_or_else(|| "—".to_string(), |y| y.to_string())
}

/// A 达标率 as people read it (`66.7%`), or a dash when there is nothing to count.
pub fn percent_text(rate: Option<Decimal>) -> String {
    rate.map_or_else(|| "—".to_string(), |v| format!("{v}%"))
}

/// A value as computed, or empty.
pub fn number(value: Option<Decimal>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The indicator with its unit, as a plan's table writes it: 孕产妇死亡率（1/10万）.
pub fn indicator_label(r: &TargetResult) -> String {
    if r.indicator.is_none() {
        return "—".to_string();
    }
    match r.unit {
        Unit::None | Unit::Ratio => r.name.to_string(),
        unit => format!("{}（{unit}）", r.name),
    }
}

/// A result's baseline, with `*` when it is the plan's own figure.
pub fn baseline_text(r: &TargetResult) -> String {
    match (r.baseline, r.baseline_from_plan) {
        (Some(b), true) => format!("{b}*"),
        (b, _) => number(b),
    }
}

/// One line per report footer: the counts, the row accounting and what `--fail-on` covered.
pub fn footer_lines(report: &Report, region: &RegionReport, lang: Lang) -> Vec<String> {
    let summary = region.summary();
    let counts: Vec<String> = summary.iter().map(|(s, n)| format!("{} {n}", s.word(lang))).collect();
    let footer = crate::words::outputs::Footer {
        counts: counts.join(" · "),
        accounting: report.accounting,
        fail_on: report.fail_on,
        scope: report.scope,
        in_scope: report.in_scope,
        failures: region.failures(),
    };
    let mut lines = footer.lines(lang);
    lines.insert(1, crate::words::outputs::RatesLine(region.rates()).say(lang));
    if report.in_scope == 0 && report.scope != crate::eval::FailOn::None {
        lines.push(crate::words::outputs::Note::EmptyScope.say(lang));
    }
    lines
}

/// The header words of a table's columns.
pub fn headers(labels: &[Label], lang: Lang) -> Vec<&'static str> {
    labels.iter().map(|l| l.word(lang)).collect()
}
