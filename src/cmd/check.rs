//! `plancheck check`: resolve the options (flags over `plancheck.toml` over defaults), load the plan and the
//! data, evaluate, render in the chosen format to stdout or `--out`, exit 0/1/2. A run that could judge nothing,
//! or did not finish, never exits 0.

use super::{load_for_plan, percent, print_warnings, usage, Context, Error};
use crate::cli::{CheckArgs, Format, PlanSourceArgs};
use crate::config::Config;
use crate::dataset::{self, LoadOptions};
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::eval::{coverage, prepare, EvalOptions, FailOn, Prepared};
use crate::exit::ExitStatus;
use crate::output::Sink;
use crate::render::stream::{run as stream, Job, Stopped};
use crate::render::table::{Shape, Table};
use crate::render::{
    csv::Csv, github::Github, json::Json, junit::Junit, markdown::Markdown, sarif::Sarif, xlsx::Xlsx, Filter,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// `check`'s options, resolved.
struct Settings {
    shape: Shape,
    plan: String,
    data: PathBuf,
    format: Format,
    out: Option<PathBuf>,
    evaluation: EvalOptions,
    load: LoadOptions,
    source: PlanSourceArgs,
}

impl Settings {
    /// Flags first, then the project file, then the defaults.
    fn resolve(args: CheckArgs, config: Option<&Config>) -> Result<Settings, Error> {
        let c = config.cloned().unwrap_or_default();
        let path = |p: PathBuf| c.path(&p);
        let plan = args.plan.or(c.plan.clone()).ok_or_else(|| usage(Message::MissingFlag { flag: "--plan" }))?;
        let data =
            args.data.or(c.data.clone().map(path)).ok_or_else(|| usage(Message::MissingFlag { flag: "--data" }))?;
        let tolerance = args.common.tolerance.or(c.tolerance.as_ref().map(|p| p.text())).unwrap_or_else(|| "5".into());
        let near = args.common.near.or(c.near.as_ref().map(|p| p.text())).unwrap_or_else(|| "1".into());
        let format = args.format.or(c.format).unwrap_or(Format::Table);
        let evaluation = EvalOptions {
            stage: crate::eval::Stage::Annual,
            history: false,
            region: args.region.or(c.region.clone()),
            year: args.year.or(c.year),
            fail_on: args.fail_on.or(c.fail_on).unwrap_or(FailOn::Auto),
            fail_on_missing: args.fail_on_missing || c.fail_on_missing.unwrap_or(false),
            fail_on_warning: args.fail_on_warning || c.fail_on_warning.unwrap_or(false),
            locate: matches!(format, Format::Github | Format::Sarif),
            tolerance: percent("--tolerance", &tolerance)?,
            near: percent("--near", &near)?,
        };
        let load = LoadOptions {
            allow_unknown: args.common.allow_unknown || c.allow_unknown.unwrap_or(false),
            sheet: args.common.sheet.or(c.sheet.clone()),
        };
        let plans_dir = args.source.plans_dir.or(c.plans_dir.clone().map(path));
        let out = args.out.or(c.out.clone().map(path));
        let filter = Filter { only: args.status, hide: args.hide };
        let shape = shape(args.width, out.is_none(), filter);
        Ok(Settings { shape, plan, data, format, out, evaluation, load, source: PlanSourceArgs { plans_dir } })
    }
}

/// The table's width and colour: `--width`, else the terminal's, else `COLUMNS`, else 120; colour only on a
/// terminal and without NO_COLOR.
fn shape(width: Option<u16>, to_stdout: bool, filter: Filter) -> Shape {
    let terminal = to_stdout && std::io::stdout().is_terminal();
    let columns = || std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c >= 20);
    let width = width
        .map(usize::from)
        .or_else(|| terminal.then(|| comfy_table::Table::new().width().map(usize::from)).flatten())
        .or_else(columns)
        .unwrap_or(120);
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Shape { width, color, filter }
}

pub fn run(args: CheckArgs, cx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let format = args.format.or(cx.config.as_ref().and_then(|c| c.format)).unwrap_or(Format::Table);
    let settings = match Settings::resolve(args, cx.config.as_ref()) {
        Ok(settings) => settings,
        Err(Error::Invalid(diags)) => return Err(report_problems(format, None, diags, cx, out)),
        Err(e) => return Err(e),
    };
    if settings.format == Format::Xlsx {
        super::refuse_terminal(settings.out.as_deref(), "xlsx")?;
    }
    let mut sink = Sink::open(settings.out.as_deref(), out).map_err(usage)?;
    match check(&settings, cx, sink.writer(), err) {
        Ok(status) => {
            sink.commit().map_err(usage)?;
            Ok(status)
        }
        Err(Error::Invalid(diags)) => Err(report_problems(settings.format, Some(sink), diags, cx, &mut Vec::new())),
        // Nothing is put at --out for a run that did not finish.
        Err(e) => Err(e),
    }
}

/// Bad input: the formats a CI job publishes get a report of the problems (so a job shows why it failed
/// instead of an empty file); the diagnostics go to stderr as well.
fn report_problems(format: Format, sink: Option<Sink>, diags: Diagnostics, cx: &Context, out: &mut dyn Write) -> Error {
    let shown: Vec<&Diagnostic> = diags.ordered();
    let text = match format {
        Format::Junit => crate::render::junit::problems(&shown, cx.lang),
        Format::Sarif => crate::render::sarif::problems(&shown, cx.lang),
        Format::Github => crate::render::github::problems(&shown, cx.lang),
        Format::Table | Format::Json | Format::Jsonl | Format::Csv | Format::Markdown | Format::Xlsx => {
            return Error::Invalid(diags)
        }
    };
    let written = match sink {
        Some(mut sink) => sink.writer().write_all(text.as_bytes()).ok().and_then(|_| sink.commit().ok()),
        None => out.write_all(text.as_bytes()).ok(),
    };
    let _ = written;
    Error::Invalid(diags)
}

fn check(settings: &Settings, cx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let (catalog, index) = load_for_plan(&settings.plan, &settings.source)?;
    let plan = &catalog.plans[index];
    let mut diags = Diagnostics::new();
    let data = dataset::load(&settings.data, &catalog.registry, &settings.load, &mut diags);
    if diags.has_errors() {
        return Err(Error::Invalid(diags));
    }
    let data_file = settings.data.display().to_string();
    let Prepared { report: head, regions } = prepare(plan, &data, &data_file, &settings.evaluation).map_err(usage)?;
    if settings.format == Format::Xlsx && regions.len() > crate::render::xlsx::SHEETS_AT_MOST {
        let limit = crate::render::xlsx::SHEETS_AT_MOST;
        return Err(usage(Message::BookTooLarge { sheets: regions.len(), limit }));
    }
    let without_values = coverage(plan, &data, &regions, &settings.evaluation, &data_file).map_err(usage)?;
    if let Some(year) = settings.evaluation.year.filter(|_| !without_values.is_empty()) {
        let (regions, more) = named(&without_values);
        diags.push(Diagnostic::warning(Message::RegionsWithoutValues { year, regions, more }));
    }
    for f in crate::eval::fractions(plan, &catalog.registry, &data, &regions) {
        diags.push(fractions_warning(plan, &catalog.registry, &f));
    }
    if head.in_scope == 0 && head.scope != FailOn::None {
        diags.push(Diagnostic::warning(Message::EmptyScope { fail_on: head.fail_on, plan: plan.meta.id.clone() }));
    }
    // The table and Markdown name the scope in their footer; the other formats have no room for it.
    if !matches!(settings.format, Format::Table | Format::Markdown) {
        let msg = Message::Scope { fail_on: head.fail_on, scope: head.scope, targets: head.in_scope };
        diags.push(Diagnostic::note(msg));
    }
    print_warnings(&diags, cx, err);
    let job = Job { plan, registry: &catalog.registry, data: &data, regions: &regions, options: &settings.evaluation };
    let shown = diags.ordered();
    let lang = cx.lang;
    let tally = match settings.format {
        Format::Table => stream(&mut Table { lang, shape: settings.shape.clone() }, &head, &job, out),
        Format::Json => stream(&mut Json::new(lang, regions.len()), &head, &job, out),
        Format::Jsonl => stream(&mut Json::lines(lang, regions.len()), &head, &job, out),
        Format::Csv => stream(&mut Csv { lang, filter: settings.shape.filter.clone() }, &head, &job, out),
        Format::Markdown => stream(&mut Markdown { lang, filter: settings.shape.filter.clone() }, &head, &job, out),
        Format::Junit => stream(&mut Junit { lang }, &head, &job, out),
        Format::Github => stream(&mut Github::new(lang, &shown), &head, &job, out),
        Format::Sarif => stream(&mut Sarif::new(lang, &shown), &head, &job, out),
        Format::Xlsx => stream(&mut Xlsx::new(lang, settings.shape.filter.clone()), &head, &job, out),
    };
    let tally = tally.map_err(interrupted)?;
    // A national file leaves hundreds of thousands of series behind: the process ends here, and the system
    // takes the memory back faster than freeing it piece by piece would.
    std::mem::forget(data);
    Ok(if tally.failed() { ExitStatus::Fail } else { ExitStatus::Pass })
}

/// The warning for a `%` indicator whose values look like fractions, at its largest value.
pub fn fractions_warning(
    plan: &crate::plan::Plan,
    registry: &crate::indicator::Registry,
    f: &crate::eval::Fractions,
) -> Diagnostic {
    let name = plan.indicator_name(f.indicator, registry).to_string();
    let d = Diagnostic::warning(Message::LooksLikeFractions {
        name,
        largest: f.largest.normalize(),
        level: f.level.normalize(),
    });
    match f.at.clone() {
        Some(at) => d.at(at),
        None => d,
    }
}

/// At most this many regions are named in one warning.
const REGIONS_NAMED_AT_MOST: usize = 20;

fn named(regions: &[String]) -> (Vec<String>, usize) {
    let shown = regions.iter().take(REGIONS_NAMED_AT_MOST).cloned().collect();
    (shown, regions.len().saturating_sub(REGIONS_NAMED_AT_MOST))
}

/// Output that stopped: a closed pipe keeps the verdict found so far if it failed; anything else is an error.
fn interrupted(Stopped { tally, error }: Stopped) -> Error {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Error::Interrupted { failed: tally.failed() }
    } else {
        Error::Io(error)
    }
}
