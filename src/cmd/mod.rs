//! One file per subcommand, each with the same entry point `run(args, out, err) -> Result<ExitStatus, Error>`.
//! Commands resolve options, call the library and write what the renderers give them; no business logic here.

pub mod check;
pub mod draft;
pub mod explain;
pub mod lint;
pub mod plans;
pub mod report;
pub mod template;

use crate::cli::{Cli, Command, PlanSourceArgs};
use crate::diag::Diagnostics;
use crate::exit::ExitStatus;
use crate::plan::{load_catalog, Catalog, PlanSource};
use std::io::Write;
use std::path::PathBuf;

/// Why a command could not do its work (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid plan or data files: the diagnostics say where.
    #[error("invalid input")]
    Invalid(Diagnostics),
    /// A bad argument.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Runs a parsed command line, writing to `out` and `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let result = match cli.command {
        Command::Check(args) => check::run(args, out, err),
        Command::Plans(args) => plans::run(args, out),
        Command::Explain(args) => explain::run(args, out),
        Command::Lint(args) => lint::run(args, out, err),
        Command::Template(args) => template::run(args, out),
        Command::Report(args) => report::run(args, out, err),
        Command::Draft(args) => draft::run(args, out),
    };
    match result {
        Ok(status) => status,
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Pass,
        Err(Error::Invalid(diags)) => {
            let _ = err.write_all(diags.render().as_bytes());
            ExitStatus::Error
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitStatus::Error
        }
    }
}

/// Loads the catalog a `--plan ID|FILE` and `--plans-dir` ask for; returns it with the plan's id.
pub fn load_for_plan(plan: &str, source: &PlanSourceArgs) -> Result<(Catalog, String), Error> {
    let (catalog, mut ids) = load_for_plans(&[plan.to_string()], source)?;
    Ok((catalog, ids.pop().unwrap_or_default()))
}

/// Loads one catalog for several `--plan ID|FILE`, so that every plan and the data read with them share one
/// indicator registry; returns it with the plans' ids, in order.
pub fn load_for_plans(plans: &[String], source: &PlanSourceArgs) -> Result<(Catalog, Vec<String>), Error> {
    let is_file =
        |plan: &str| plan.ends_with(".toml") || plan.contains(std::path::MAIN_SEPARATOR) || plan.contains('/');
    let files: Vec<PathBuf> = plans.iter().filter(|p| is_file(p)).map(PathBuf::from).collect();
    let plan_source = if !files.is_empty() {
        PlanSource::Files(files)
    } else {
        match (&source.plans_dir, plans) {
            (Some(dir), _) => PlanSource::Dir(dir.clone()),
            (None, [one]) => PlanSource::EmbeddedOne(one.clone()),
            (None, _) => PlanSource::Embedded,
        }
    };
    let mut diags = Diagnostics::new();
    let mut catalog = load_catalog(&plan_source, &mut diags);
    if catalog.plans.is_empty() && matches!(plan_source, PlanSource::EmbeddedOne(_)) {
        // No embedded plan by that file name: read them all, to find it by id or to name the known ones.
        catalog = load_catalog(&PlanSource::Embedded, &mut diags);
    }
    if diags.has_errors() {
        return Err(Error::Invalid(diags));
    }
    let mut ids = Vec::new();
    for plan in plans {
        let id = if is_file(plan) {
            let path = PathBuf::from(plan).display().to_string();
            catalog.plans.iter().find(|p| p.file == path).map(|p| p.meta.id.clone())
        } else {
            catalog.plan(plan).map(|p| p.meta.id.clone())
        };
        ids.push(id.ok_or_else(|| unknown_plan(plan, &catalog))?);
    }
    Ok((catalog, ids))
}

/// Loads the catalog for commands that take no `--plan`.
pub fn load_all(source: &PlanSourceArgs) -> Result<Catalog, Error> {
    let plan_source = match &source.plans_dir {
        Some(dir) => PlanSource::Dir(dir.clone()),
        None => PlanSource::Embedded,
    };
    let mut diags = Diagnostics::new();
    let catalog = load_catalog(&plan_source, &mut diags);
    if diags.has_errors() {
        return Err(Error::Invalid(diags));
    }
    Ok(catalog)
}

fn unknown_plan(name: &str, catalog: &Catalog) -> Error {
    let ids: Vec<&str> = catalog.plans.iter().map(|p| p.meta.id.as_str()).collect();
    let best = ids.iter().max_by(|a, b| strsim::jaro_winkler(a, name).total_cmp(&strsim::jaro_winkler(b, name)));
    let hint = match best {
        Some(b) if strsim::jaro_winkler(b, name) > 0.8 => format!(" (did you mean {b}?)"),
        _ => String::new(),
    };
    Error::Usage(format!("no plan {name:?}{hint}; known plans: {}", ids.join(", ")))
}

/// A usage problem as a diagnostic-free error.
pub fn usage(message: impl Into<String>) -> Error {
    Error::Usage(message.into())
}

/// Writes warnings (never errors) to `err`.
pub fn print_warnings(diags: &Diagnostics, err: &mut dyn Write) -> Result<(), Error> {
    if !diags.items().is_empty() && !diags.has_errors() {
        err.write_all(diags.render().as_bytes())?;
    }
    Ok(())
}

impl crate::cli::CommonArgs {
    /// How data files are read.
    pub fn load_options(&self) -> crate::dataset::LoadOptions {
        crate::dataset::LoadOptions { allow_unknown: self.allow_unknown, sheet: self.sheet.clone() }
    }

    /// `--tolerance` as an exact decimal.
    pub fn tolerance(&self) -> Result<rust_decimal::Decimal, Error> {
        percent("--tolerance", &self.tolerance)
    }

    /// `--near` as an exact decimal.
    pub fn near(&self) -> Result<rust_decimal::Decimal, Error> {
        percent("--near", &self.near)
    }
}

/// A percentage flag as an exact decimal.
fn percent(flag: &str, text: &str) -> Result<rust_decimal::Decimal, Error> {
    match text.trim().trim_end_matches('%').parse::<rust_decimal::Decimal>() {
        Ok(x) if !x.is_sign_negative() => Ok(x),
        _ => Err(usage(format!("{flag} takes a non-negative percentage, not {text:?}"))),
    }
}
