//! One file per subcommand, each with the same entry point `run(args, cx, out, err) -> Result<ExitStatus,
//! Error>`. Commands resolve options, call the library and write what the renderers give them; no business
//! logic here. Every problem is a located diagnostic, said in the output's language, as text or as JSON Lines.

pub mod check;
pub mod draft;
pub mod explain;
pub mod indicators;
pub mod init;
pub mod lint;
pub mod plans;
pub mod report;
pub mod template;

use crate::cli::{Cli, Command, ErrorFormat, PlanSourceArgs};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, IoFault, Message};
use crate::exit::ExitStatus;
use crate::plan::{load_catalog, validate::validate, Catalog, Plan, PlanSource};
use crate::words::Lang;
use std::io::Write;
use std::path::PathBuf;

/// A binary format (a workbook) is never written over the user's terminal: it needs `--out`, or a standard
/// output that is redirected.
pub fn refuse_terminal(out: Option<&std::path::Path>, format: &'static str) -> Result<(), Error> {
    use std::io::IsTerminal;
    match out.is_none() && std::io::stdout().is_terminal() {
        true => Err(usage(Message::BinaryToTerminal { format })),
        false => Ok(()),
    }
}

/// What every command knows besides its own arguments.
#[derive(Debug)]
pub struct Context {
    pub lang: Lang,
    pub error_format: ErrorFormat,
    /// The project file, when there is one.
    pub config: Option<Config>,
}

/// Why a command could not do its work (exit code 2), or did not finish.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid arguments, plan or data files: the diagnostics say what and where.
    #[error("invalid input")]
    Invalid(Diagnostics),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The output was closed before the command finished (`| head`): exit with what was found so far if it
    /// failed, else as an error, never as a pass.
    #[error("the output was closed")]
    Interrupted { failed: bool },
}

/// A problem with the command line, as an error.
pub fn usage(message: Message) -> Error {
    let mut diags = Diagnostics::new();
    diags.push(Diagnostic::error(message));
    Error::Invalid(diags)
}

/// Runs a parsed command line, writing to `out` and `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let config = match crate::config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(diags) => {
            let (lang, format) = (cli.lang.unwrap_or_default(), cli.error_format.unwrap_or_default());
            print(&diags, lang, format, err);
            return ExitStatus::Error;
        }
    };
    let lang = cli.lang.or(config.as_ref().and_then(|c| c.lang)).unwrap_or_default();
    let error_format = cli.error_format.or(config.as_ref().and_then(|c| c.error_format)).unwrap_or_default();
    let cx = Context { lang, error_format, config };
    let result = match cli.command {
        Command::Check(args) => check::run(args, &cx, out, err),
        Command::Plans(args) => plans::run(args, &cx, out),
        Command::Explain(args) => explain::run(args, &cx, out),
        Command::Lint(args) => lint::run(args, &cx, out, err),
        Command::Template(args) => template::run(args, &cx, out),
        Command::Report(args) => report::run(args, &cx, out, err),
        Command::Init(args) => init::run(args, &cx, out),
        Command::Draft(args) => draft::run(args, &cx, out),
        Command::Indicators(args) => indicators::run(args, &cx, out),
    };
    let result = result.and_then(|status| out.flush().map(|_| status).map_err(Error::from));
    match result {
        Ok(status) => status,
        Err(Error::Interrupted { failed: true }) => ExitStatus::Fail,
        Err(Error::Interrupted { failed: false }) => ExitStatus::Error,
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Error,
        Err(Error::Invalid(diags)) => {
            print(&diags, cx.lang, cx.error_format, err);
            ExitStatus::Error
        }
        Err(Error::Io(e)) => {
            let mut diags = Diagnostics::new();
            diags.push(Diagnostic::error(Message::OutputFailed { fault: IoFault::from(&e) }));
            print(&diags, cx.lang, cx.error_format, err);
            ExitStatus::Error
        }
    }
}

/// Writes diagnostics to `err` as the error format asks. A stderr that cannot be written is no reason to stop.
pub fn print(diags: &Diagnostics, lang: Lang, format: ErrorFormat, err: &mut dyn Write) {
    let text = match format {
        ErrorFormat::Human => diags.render(lang),
        ErrorFormat::Json => diags.render_json(lang),
    };
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Writes warnings and notes (never errors) to `err`.
pub fn print_warnings(diags: &Diagnostics, cx: &Context, err: &mut dyn Write) {
    if !diags.items().is_empty() && !diags.has_errors() {
        print(diags, cx.lang, cx.error_format, err);
    }
}

/// Loads the catalog one `--plan ID|FILE` and `--plans-dir` ask for.
pub fn load_for_plan(plan: &str, source: &PlanSourceArgs) -> Result<(Catalog, usize), Error> {
    let Loaded { catalog, indices } = load_for_plans(&[plan.to_string()], source)?;
    match indices.first() {
        Some(&i) => Ok((catalog, i)),
        None => Err(unknown_plan(plan, &catalog)),
    }
}

/// The catalog a command works with, and the plans it names, in order.
pub struct Loaded {
    pub catalog: Catalog,
    indices: Vec<usize>,
}

impl Loaded {
    /// The plans named, in order.
    pub fn plans(&self) -> impl Iterator<Item = &Plan> {
        self.indices.iter().filter_map(|&i| self.catalog.plans.get(i))
    }

    /// Every plan of a catalog, as if each were named.
    pub fn every(catalog: Catalog) -> Loaded {
        let indices = (0..catalog.plans.len()).collect();
        Loaded { catalog, indices }
    }

    /// The first plan named (commands that take one `--plan` name exactly one).
    pub fn plan(&self) -> Option<&Plan> {
        self.plans().next()
    }
}

/// Loads one catalog for several `--plan ID|FILE`, so that every plan and the data read with them share one
/// indicator registry. The plans named go through the same checks as `lint`: a plan lint rejects is refused.
pub fn load_for_plans(plans: &[String], source: &PlanSourceArgs) -> Result<Loaded, Error> {
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
    let mut indices = Vec::new();
    for plan in plans {
        let found = if is_file(plan) {
            let path = PathBuf::from(plan).display().to_string();
            catalog.plans.iter().position(|p| p.file == path)
        } else {
            catalog.plans.iter().position(|p| p.meta.id == *plan)
        };
        indices.push(found.ok_or_else(|| unknown_plan(plan, &catalog))?);
    }
    // What lint would refuse is refused here too; lint's warnings are lint's to show.
    let mut checks = Diagnostics::new();
    for &i in &indices {
        if let Some(plan) = catalog.plans.get(i) {
            validate(plan, &catalog.registry, &mut checks);
        }
    }
    if checks.has_errors() {
        return Err(Error::Invalid(checks));
    }
    Ok(Loaded { catalog, indices })
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

/// No plan by that id: the closest one, and all of them.
pub fn unknown_plan(name: &str, catalog: &Catalog) -> Error {
    let known: Vec<String> = catalog.plans.iter().map(|p| p.meta.id.clone()).collect();
    let score = |id: &String| strsim::jaro_winkler(id, name);
    let suggestion = known.iter().filter(|id| score(id) > 0.8).max_by(|a, b| score(a).total_cmp(&score(b))).cloned();
    usage(Message::UnknownPlan { name: name.to_string(), suggestion, known })
}

impl crate::cli::CommonArgs {
    /// How data files are read.
    pub fn load_options(&self) -> crate::dataset::LoadOptions {
        crate::dataset::LoadOptions { allow_unknown: self.allow_unknown, sheet: self.sheet.clone() }
    }

    /// `--tolerance` as an exact decimal (5 when not given).
    pub fn tolerance(&self) -> Result<rust_decimal::Decimal, Error> {
        percent("--tolerance", self.tolerance.as_deref().unwrap_or("5"))
    }

    /// `--near` as an exact decimal (1 when not given).
    pub fn near(&self) -> Result<rust_decimal::Decimal, Error> {
        percent("--near", self.near.as_deref().unwrap_or("1"))
    }
}

/// A percentage flag as an exact decimal.
pub fn percent(flag: &'static str, text: &str) -> Result<rust_decimal::Decimal, Error> {
    match text.trim().trim_end_matches('%').parse::<rust_decimal::Decimal>() {
        Ok(x) if !x.is_sign_negative() => Ok(x),
        _ => Err(usage(Message::BadPercent { flag, text: text.to_string() })),
    }
}
