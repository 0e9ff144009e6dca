//! The command line, as clap derive structs: every flag with its help text, in Chinese and English (the one
//! place words are written outside [`crate::words`]: clap reads them from these comments). Parsing only;
//! [`crate::cmd`] resolves these, with `plancheck.toml` ([`crate::config`]), into options and runs them.

use crate::eval::FailOn;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Checks measured values against the targets of Chinese women's and children's development plans
/// (妇女发展规划 / 儿童发展规划, 2021–2030).
#[derive(Debug, Parser)]
#[command(name = "plancheck", version, about, max_term_width = 100)]
pub struct Cli {
    /// 输出与提示的语言 / language of every output and message: zh (中文, default), en (English); also PLANCHECK_LANG
    #[arg(long, value_enum, global = true, env = "PLANCHECK_LANG")]
    pub lang: Option<Lang>,
    /// 错误与警告的格式 / how diagnostics are written on stderr: human (default) or json (one object per line)
    #[arg(long, value_enum, global = true, value_name = "FORMAT")]
    pub error_format: Option<ErrorFormat>,
    /// 项目配置文件 / the project file (default: plancheck.toml in the working directory, when present)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// How diagnostics are written on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorFormat {
    /// 供人阅读 / for people, like rustc
    #[default]
    Human,
    /// 每行一个 JSON 对象 / one JSON object per line
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 按规划检查数据：判定表与退出码 / check a data file against a plan: verdicts and an exit code (0 pass, 1 fail, 2 error)
    Check(CheckArgs),
    /// 列出规划，或显示一个规划 / list the plans, or show one
    Plans(PlansArgs),
    /// 显示目标原文、出处、规则和判定方法 / show a target's text, where it stands, its rule and how it is judged
    Explain(ExplainArgs),
    /// 校验规划文件 / validate plan files: every error with file:line:column
    Lint(LintArgs),
    /// 生成填报模板（CSV 或 Excel） / write the template an analyst fills in (CSV or Excel)
    Template(TemplateArgs),
    /// 批量生成监测报告 / write reports for many plans and regions at once: a page per plan and region, and an index
    Report(ReportArgs),
    /// 生成带注释的 plancheck.toml / write a commented plancheck.toml, the project file a CI job runs check from
    Init(InitArgs),
    /// 从规划文件起草规划 TOML / draft plan and indicator TOML from a plan document (.txt or .docx), doubts marked
    Draft(DraftArgs),
    /// 列出全部指标，或显示一个 / list every known indicator (id, names, aliases, unit, targets), or show one
    Indicators(IndicatorsArgs),
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// 规划文件：纯文本（UTF-8 或 GB18030）或 .docx / the plan document as published: text or .docx
    pub document: PathBuf,
    /// 写入的文件夹 / the folder to write the plans and indicators/<CITY>.toml into (created if missing)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// 编号的城市部分 / the city part of the ids: plans <CITY>-women and <CITY>-children
    #[arg(long, value_name = "CITY", default_value = "draft")]
    pub id_prefix: String,
    /// 与审定的规划比较而不写入 / compare the draft with a reviewed plan instead of writing it; exit 1 on any difference
    #[arg(long, value_name = "ID|FILE")]
    pub against: Option<String>,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 写入的文件 / the file to write (default: plancheck.toml); an existing file is kept
    #[arg(value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 规划：编号或 TOML 文件，可重复或用逗号分隔 / plans: ids or TOML files; repeat the flag or separate by commas
    #[arg(long, value_name = "ID|FILE", required = true, value_delimiter = ',')]
    pub plan: Vec<String>,
    /// 数据文件，可重复或用逗号分隔 / data files; repeat the flag or separate by commas
    #[arg(long, value_name = "FILE", required = true, value_delimiter = ',')]
    pub data: Vec<PathBuf>,
    /// 写入的文件夹（不存在则创建），不会写到其外 / the folder to write into (created if missing); nothing is written outside it
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// 写出的格式：html、markdown、json、xlsx / formats to write: html, markdown, json, xlsx
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html,markdown,json")]
    pub format: Vec<crate::render::pages::PageFormat>,
    /// 评估阶段：annual 年度监测、midterm 中期评估、final 终期评估 / the evaluation: annual (latest year or --year), midterm, final
    #[arg(long, value_enum, default_value_t = crate::eval::Stage::Annual)]
    pub stage: crate::eval::Stage,
    /// 年度监测的评估年份（默认：各地区数据的最新年份） / the year of an annual report (default: each region's latest)
    #[arg(long, value_name = "Y", value_parser = clap::value_parser!(i32).range(1949..=2100))]
    pub year: Option<i32>,
    /// 该范围内有目标不通过时退出码为 1（默认不设） / exit 1 when a target in this scope fails (default: never)
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// 有错误数据行时仍写出数据无误的地区（退出码 2） / on bad rows, still write the regions whose rows are good (exit 2)
    #[arg(long)]
    pub keep_going: bool,
    /// 先删除上次 report 在 --out 中写的文件（仅这些） / first remove the files an earlier report wrote into --out (only those)
    #[arg(long)]
    pub clean: bool,
    /// 文件名只用 ASCII（region-001 …） / ASCII file names (region-001, …) for archives opened on Windows
    #[arg(long)]
    pub ascii_names: bool,
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

/// Options `check` and `report` share: how data is read and how targets are judged. Unset flags take the
/// project file's value, else the default.
#[derive(Debug, Args, Default)]
pub struct CommonArgs {
    /// 左右（approx）与相适应的容差，目标值的百分比 / tolerance of 左右 and 相适应, in percent of the target [default: 5]
    #[arg(long, value_name = "PCT")]
    pub tolerance: Option<String>,
    /// 基本实现的差距上限，目标值的百分比 / 基本实现 margin: a threshold missed by at most this percent [default: 1]
    #[arg(long, value_name = "PCT")]
    pub near: Option<String>,
    /// 未知指标的行计为未使用而不报错 / rows naming an unknown indicator are set aside instead of refused
    #[arg(long)]
    pub allow_unknown: bool,
    /// Excel 工作表：名称，或 * 读取全部有表格的工作表（无地区列时每表一个地区）；默认为唯一有表格的工作表 / the sheet
    /// of a workbook: a name, or * for every sheet with a table (each sheet a region without a region column);
    /// default: the one sheet with a table, an error listing them when there are several
    #[arg(long, value_name = "NAME|*")]
    pub sheet: Option<String>,
}

/// Where plans come from.
#[derive(Debug, Args, Clone, Default)]
pub struct PlanSourceArgs {
    /// 从此文件夹读取规划（*.toml 与 indicators/*.toml） / load plans from this folder instead of the embedded ones
    #[arg(long, value_name = "DIR", global = true)]
    pub plans_dir: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// 规划：编号（如 jiangjin-women）或规划 TOML 文件 / the plan: an id or a plan TOML file
    #[arg(long, value_name = "ID|FILE")]
    pub plan: Option<String>,
    /// 数据文件：CSV、TSV 或 Excel / the data file: CSV or TSV (long or wide form), or an Excel workbook
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// 只检查这个地区 / only this region (a value of the data's region column)
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// 评估年份（默认：各地区数据的最新年份）/ the evaluation year (default: each region's latest year)
    #[arg(long, value_name = "Y", value_parser = clap::value_parser!(i32).range(1949..=2100))]
    pub year: Option<i32>,
    /// 输出格式 / output format [default: table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// 写入文件而不是标准输出 / write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// 哪些目标未达标时退出码为 1 / which targets make the exit code 1 when unmet or off track [default: auto]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// 范围内的目标无数据时也不通过 / also fail when a target in scope has no data
    #[arg(long)]
    pub fail_on_missing: bool,
    /// 范围内的目标有预警时也不通过 / also fail when a target in scope has an early warning (预警)
    #[arg(long)]
    pub fail_on_warning: bool,
    /// 只显示这些状态 / show only these statuses: met,on_track,off_track,unmet,no_data,not_assessed, or failing
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub status: Vec<crate::render::Pick>,
    /// 不显示这些状态 / hide these statuses (the same words as --status)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub hide: Vec<crate::render::Pick>,
    /// 表格宽度（列数）/ the table's width in columns (default: the terminal's, else COLUMNS, else 120)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Args)]
pub struct PlansArgs {
    #[command(subcommand)]
    pub action: Option<PlansAction>,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Subcommand)]
pub enum PlansAction {
    /// 每个规划一行 / one line per plan: id, region, period, targets by kind and attribute
    List,
    /// 规划信息与全部目标 / a plan's metadata and every target
    Show {
        /// 规划编号 / the plan id
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    #[command(subcommand)]
    pub action: Option<IndicatorsAction>,
    /// 只列出这些规划使用的指标 / list only the indicators these plans use (ids or plan files; repeat or separate
    /// by commas)
    #[arg(long, value_name = "ID|FILE", value_delimiter = ',', global = true)]
    pub plan: Vec<String>,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Subcommand)]
pub enum IndicatorsAction {
    /// 指标表 / a table: id, name, unit, names by plan, aliases, and the targets that use it
    List,
    /// 一个指标的全部信息 / one indicator: where it is defined, its spellings, and every target on it
    Show {
        /// 指标：编号、中文名称或别名 / the indicator: its id, Chinese name or any alias
        indicator: String,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 规划：编号或规划 TOML 文件 / the plan: an id or a plan TOML file
    #[arg(long, value_name = "ID|FILE")]
    pub plan: String,
    /// 指标（编号、名称或别名）或目标编号 / an indicator (id, name or alias) or a target id
    pub indicator: String,
    /// 左右与相适应的容差，目标值的百分比 / tolerance of 左右 and 相适应, in percent of the target (as check takes it)
    #[arg(long, value_name = "PCT", default_value = "5")]
    pub tolerance: String,
    /// 基本实现的差距上限，目标值的百分比 / 基本实现 margin, in percent of the target (as check takes it)
    #[arg(long, value_name = "PCT", default_value = "1")]
    pub near: String,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// 规划文件或文件夹（默认：内置规划） / plan files or folders (default: the embedded plans)
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 规划编号或规划文件 / the plan id or file
    #[arg(long, value_name = "ID|FILE")]
    pub plan: String,
    /// 年份：单一年份或 起-止（默认：基线年至目标年） / a year, or FROM-TO (default: baseline year to target year)
    #[arg(long, value_name = "YEAR|FROM-TO")]
    pub years: Option<String>,
    /// 排列方式 / the layout
    #[arg(long, value_enum, default_value = "long")]
    pub layout: crate::render::template::Layout,
    /// 文件格式 / the file format
    #[arg(long, value_enum, default_value = "csv")]
    pub format: TemplateFormat,
    /// 写入此文件（默认：标准输出） / write to this file (default: standard output)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// 加一列地区，每个地区一组行，以逗号分隔 / a region column, a block of rows per region, comma-separated
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub regions: Vec<String>,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

/// File formats of `template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// 带字节顺序标记的 UTF-8 CSV（Excel 双击即可打开） / UTF-8 CSV with a byte order mark, as Excel opens it
    Csv,
    /// Excel 工作簿 / an Excel workbook
    Xlsx,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// 按领域分组的表格 / a table grouped by domain, for people
    Table,
    /// JSON 数组，每个地区一个对象 / a JSON array, one object per region; numbers as strings
    Json,
    /// JSON Lines，每行一个地区 / JSON Lines: one object per region and line
    Jsonl,
    /// 每个目标一行的 CSV / one CSV row per target and region; formula-like cells escaped
    Csv,
    /// 每个地区一个 Markdown 表格 / a Markdown table per region
    Markdown,
    /// JUnit XML，每个目标一个测试用例 / JUnit XML: one testcase per target and region, for CI
    Junit,
    /// GitHub Actions 注释 / GitHub Actions annotations at the failing data rows
    Github,
    /// SARIF 2.1.0，供代码扫描工具 / SARIF 2.1.0 for code-scanning tools
    Sarif,
    /// Excel 工作簿：汇总表和每个地区一张工作表（需 --out） / an Excel workbook: a summary sheet and a sheet per
    /// region (with --out, or stdout redirected)
    Xlsx,
}

pub use crate::words::Lang;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
