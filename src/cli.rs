//! The command line, as clap derive structs: every flag with its help text. Parsing only; [`crate::cmd`]
//! resolves these into options and runs them.

use crate::eval::FailOn;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Checks measured values against the targets of Chinese women's and children's development plans
/// (妇女发展规划 / 儿童发展规划, 2021–2030).
#[derive(Debug, Parser)]
#[command(name = "plancheck", version, about, max_term_width = 100)]
pub struct Cli {
    /// Language of every output and message: zh (中文, the default) or en (English); also PLANCHECK_LANG.
    #[arg(long, value_enum, global = true, env = "PLANCHECK_LANG", default_value_t = Lang::Zh)]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Command,
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
    #[arg(long, value_enum, default_value_t = FailOn::None)]
    pub fail_on: FailOn,
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

/// Options `check` and `report` share: how data is read, how targets are judged, the output's language.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Tolerance of 左右 (approx) and 相适应, in percent of the target value.
    #[arg(long, value_name = "PCT", default_value = "5")]
    pub tolerance: String,
    /// 基本实现 margin: a threshold missed by at most this percent of the target.
    #[arg(long, value_name = "PCT", default_value = "1")]
    pub near: String,
    /// Rows naming an unknown indicator are reported as unused instead of as errors.
    #[arg(long)]
    pub allow_unknown: bool,
    /// The sheet of an Excel data file (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// Where plans come from.
#[derive(Debug, Args, Clone, Default)]
pub struct PlanSourceArgs {
    /// Load plans from this folder (its *.toml, and indicators/*.toml) instead of the embedded ones.
    #[arg(long, value_name = "DIR", global = true)]
    pub plans_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan: an id (jiangjin-women, ...) or a path to a plan TOML file.
    #[arg(long, value_name = "ID|FILE")]
    pub plan: String,
    /// The data file: CSV (long or wide form; UTF-8, UTF-16 or GB18030).
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Only this region (a value of the data's region column).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// The evaluation year (default: the latest year in the data for each region).
    #[arg(long, value_name = "Y", value_parser = clap::value_parser!(i32).range(1949..=2100))]
    pub year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Which targets make the exit code 1 when unmet or off track.
    #[arg(long, value_enum, default_value_t = FailOn::Binding)]
    pub fail_on: FailOn,
    /// Also fail when a target in scope has no data.
    #[arg(long)]
    pub fail_on_missing: bool,
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
pub struct ExplainArgs {
    /// The plan id.
    #[arg(long, value_name = "ID|FILE")]
    pub plan: String,
    /// An indicator id, its Chinese name or an alias, or a target id.
    pub indicator: String,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table grouped by domain, for people.
    Table,
    /// One object per region (an array for several), numbers as strings.
    Json,
    /// One row per target and region; formula-like cells escaped.
    Csv,
    /// A Markdown table per region.
    Markdown,
    /// JUnit XML: one testcase per target, for CI.
    Junit,
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
