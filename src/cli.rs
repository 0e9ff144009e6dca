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
    /// Check a data file against a plan: a table of verdicts and an exit code (0 pass, 1 fail, 2 error).
    Check(CheckArgs),
    /// List the plans, or show one.
    Plans(PlansArgs),
    /// Show a target's verbatim text, where it stands, its rule and how the verdict is reached.
    Explain(ExplainArgs),
    /// Validate plan files: every error with file:line:column.
    Lint(LintArgs),
    /// Write the CSV an analyst fills in: one row per indicator and year.
    Template(TemplateArgs),
    /// Write reports for many plans and regions at once: a page per plan and region, and an index.
    Report(ReportArgs),
    /// Write a commented plancheck.toml, the project file a CI job runs `plancheck check` from.
    Init(InitArgs),
    /// Draft plan and indicator TOML from a plan document (.txt or .docx), every uncertain reading marked.
    Draft(DraftArgs),
    /// List every known indicator (id, names by plan, aliases, unit, the targets that use it), or show one.
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
    /// Plans (ids or TOML files); repeat the flag or give a comma-separated list.
    #[arg(long, value_name = "ID|FILE", required = true, value_delimiter = ',')]
    pub plan: Vec<String>,
    /// Data files; repeat the flag or give a comma-separated list.
    #[arg(long, value_name = "FILE", required = true, value_delimiter = ',')]
    pub data: Vec<PathBuf>,
    /// The folder to write into (created if missing); nothing is written outside it.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Formats to write.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html,markdown,json")]
    pub format: Vec<crate::render::pages::PageFormat>,
    /// The evaluation: annual (the latest year, or --year), midterm (mid-period) or final (the target year).
    #[arg(long, value_enum, default_value_t = crate::eval::Stage::Annual)]
    pub stage: crate::eval::Stage,
    /// The evaluation year for the annual stage (default: the latest year in the data per region).
    #[arg(long, value_name = "Y", value_parser = clap::value_parser!(i32).range(1949..=2100))]
    pub year: Option<i32>,
    /// Exit 1 when a target in this scope fails (default: never; reports are written either way).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// On bad data rows, still write the regions whose rows are all good (the bad rows are listed; exit 2).
    #[arg(long)]
    pub keep_going: bool,
    /// First remove the files an earlier run of report wrote into --out (only those, recognised by name).
    #[arg(long)]
    pub clean: bool,
    /// ASCII file names (region-001, ...) instead of the regions' own names, for archives opened on Windows.
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
    /// Load plans from this folder (its *.toml, and indicators/*.toml) instead of the embedded ones.
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
    /// One line per plan: id, region, period, counts of targets by kind and attribute.
    List,
    /// A plan's metadata and every target.
    Show {
        /// The plan id.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    #[command(subcommand)]
    pub action: Option<IndicatorsAction>,
    /// Read these plans (ids or plan files, with the indicators/ folder beside a file) and list only the
    /// indicators they use; repeat the flag or give a comma-separated list.
    #[arg(long, value_name = "ID|FILE", value_delimiter = ',', global = true)]
    pub plan: Vec<String>,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Subcommand)]
pub enum IndicatorsAction {
    /// A table: id, name, unit, the names plans give it, other aliases, and the targets that use it.
    List,
    /// Everything about one indicator: where it is defined, its spellings, and every target on it.
    Show {
        /// The indicator: its id, Chinese name or any alias.
        indicator: String,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The plan: an id or a path to a plan TOML file.
    #[arg(long, value_name = "ID|FILE")]
    pub plan: String,
    /// An indicator id, its Chinese name or an alias, or a target id.
    pub indicator: String,
    /// Tolerance of 左右 (approx) and 相适应 to explain, in percent of the target value (as check takes it).
    #[arg(long, value_name = "PCT", default_value = "5")]
    pub tolerance: String,
    /// 基本实现 margin to explain: a threshold missed by at most this percent of the target (as check takes it).
    #[arg(long, value_name = "PCT", default_value = "1")]
    pub near: String,
    #[command(flatten)]
    pub source: PlanSourceArgs,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Plan files or folders (default: the embedded plans).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The plan id.
    #[arg(long, value_name = "ID|FILE")]
    pub plan: String,
    /// The years, as FROM-TO (default: the plan's baseline year to its target year).
    #[arg(long, value_name = "FROM-TO")]
    pub years: Option<String>,
    #[command(flatten)]
    pub source: PlanSourceArgs,
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
