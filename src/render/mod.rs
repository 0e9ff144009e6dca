//! Output formats. Each renders the same [`Report`], so the table, JSON, CSV, Markdown and JUnit cannot
//! disagree. The words of statuses, attributes and headers in both languages live here.

pub mod chart;
pub mod csv;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod table;

use crate::cli::{Format, Lang};
use crate::eval::{Grade, Report, TargetResult};
use crate::indicator::Unit;
use crate::plan::Attribute;
use crate::rule::{Reason, Status};
use rust_decimal::Decimal;

/// Writes a whole report in a format.
pub fn write(format: Format, report: &Report, lang: Lang, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if format == Format::Junit {
        return out.write_all(junit::render(report, lang).as_bytes());
    }
    let stream = Stream::new(format, report.regions.len(), lang);
    stream.begin(out)?;
    for (i, r) in report.regions.iter().enumerate() {
        out.write_all(&stream.region(report, r, i))?;
    }
    stream.end(out)
}

/// Does a format write region by region (everything but JUnit, whose header counts every region)?
pub fn streams(format: Format) -> bool {
    format != Format::Junit
}

/// A report written region by region: the framing before and after, and each region rendered on its own (on any
/// thread), with what a format works out once per report.
pub struct Stream<'a> {
    format: Format,
    count: usize,
    lang: Lang,
    json: json::Lines<'a>,
}

impl<'a> Stream<'a> {
    /// A stream of `count` regions.
    pub fn new(format: Format, count: usize, lang: Lang) -> Stream<'a> {
        Stream { format, count, lang, json: json::Lines::default() }
    }

    /// What comes before the first region: a JSON array's bracket, the CSV header.
    pub fn begin(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self.format {
            Format::Json if self.count != 1 => out.write_all(b"["),
            Format::Csv => csv::header(out),
            _ => Ok(()),
        }
    }

    /// Region number `index`.
    pub fn region(&self, report: &Report<'a>, r: &crate::eval::RegionReport<'a>, index: usize) -> Vec<u8> {
        let lang = self.lang;
        match self.format {
            Format::Table => table::region(report, r, lang).into_bytes(),
            Format::Markdown => markdown::region(report, r, lang).into_bytes(),
            Format::Json => self.json.region(report, r, index, self.count, lang),
            Format::Csv => csv::rows(report, r, lang),
            Format::Junit => Vec::new(),
        }
    }

    /// What comes after the last region.
    pub fn end(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self.format {
            Format::Json if self.count != 1 => out.write_all(b"\n]\n"),
            _ => Ok(()),
        }
    }
}

/// Renders a report in a format, as one string.
pub fn render(format: Format, report: &Report, lang: Lang) -> String {
    let mut out = Vec::new();
    let _ = write(format, report, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// A status in the report's language.
pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::En => status.as_str(),
        Lang::Zh => match status {
            Status::Met => "达标",
            Status::OnTrack => "进度正常",
            Status::OffTrack => "进度滞后",
            Status::Unmet => "未达标",
            Status::NoData => "无数据",
            Status::NotAssessed => "不评估",
        },
    }
}

/// An attribute in the report's language.
pub fn attribute_word(attribute: Attribute, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => attribute.zh(),
        Lang::En => attribute.as_str(),
    }
}

/// The bureaus' word for a grade.
pub fn grade_word(grade: Grade, lang: Lang) -> &'static str {
    match (grade, lang) {
        (Grade::Achieved, Lang::Zh) => "已实现",
        (Grade::AchievedEarly, Lang::Zh) => "提前实现",
        (Grade::NearlyAchieved, Lang::Zh) => "基本实现",
        (Grade::Short, Lang::Zh) => "仍有差距",
        (Grade::NoData, Lang::Zh) => "无数据",
        (Grade::NotAssessed, Lang::Zh) => "不评估",
        (Grade::Achieved, Lang::En) => "achieved",
        (Grade::AchievedEarly, Lang::En) => "achieved early",
        (Grade::NearlyAchieved, Lang::En) => "nearly achieved",
        (Grade::Short, Lang::En) => "short",
        (Grade::NoData, Lang::En) => "no data",
        (Grade::NotAssessed, Lang::En) => "not assessed",
    }
}

/// The evaluation stage in the report's language.
pub fn stage_word(stage: crate::eval::Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (crate::eval::Stage::Annual, Lang::Zh) => "年度监测",
        (crate::eval::Stage::Midterm, Lang::Zh) => "中期评估",
        (crate::eval::Stage::Final, Lang::Zh) => "终期评估",
        (crate::eval::Stage::Annual, Lang::En) => "annual monitoring",
        (crate::eval::Stage::Midterm, Lang::En) => "mid-term evaluation",
        (crate::eval::Stage::Final, Lang::En) => "final evaluation",
    }
}

/// A reason in the report's language.
pub fn reason_text(reason: &Reason, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &reason.zh,
        Lang::En => &reason.en,
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

/// One line per report footer: the counts, the row accounting and what `--fail-on` covered.
pub fn footer_lines(report: &Report, region: &crate::eval::RegionReport, lang: Lang) -> Vec<String> {
    let summary = region.summary();
    let counts: Vec<String> = summary.iter().map(|(s, n)| format!("{} {n}", status_word(*s, lang))).collect();
    let a = &report.accounting;
    let failures = region.failures(report.fail_on_missing);
    let scope = fail_on_word(report);
    let mut lines = match lang {
        Lang::Zh => vec![
            format!("汇总：{}", counts.join(" · ")),
            format!("数据行：读取 {} · 本规划使用 {} · 未使用 {} · 拒绝 {}", a.read, a.used, a.unused, a.rejected),
            format!("检查范围（--fail-on {scope}）：{} 个目标，其中 {failures} 个不通过", report.in_scope),
        ],
        Lang::En => vec![
            format!("Summary: {}", counts.join(" · ")),
            format!(
                "Data rows: {} read · {} used by this plan · {} not used · {} rejected",
                a.read, a.used, a.unused, a.rejected
            ),
            format!("Scope (--fail-on {scope}): {} targets, {failures} failing", report.in_scope),
        ],
    };
    if !report.states_attributes {
        lines.push(match lang {
            Lang::Zh => "注意：本规划未标注约束性/预期性，--fail-on binding 不覆盖任何目标".to_string(),
            Lang::En => {
                "Note: this plan marks no target binding or expected; --fail-on binding covers nothing".to_string()
            }
        });
    }
    lines
}

fn fail_on_word(report: &Report) -> &'static str {
    match report.fail_on {
        crate::eval::FailOn::Binding => "binding",
        crate::eval::FailOn::Quantified => "quantified",
        crate::eval::FailOn::All => "all",
        crate::eval::FailOn::None => "none",
    }
}
