//! `plancheck report`: every plan × every region of every data file → a page per format and a drafted report
//! per region, a regions × indicators page and a drafted report per plan and data file, and an index. Files are
//! named by safe slugs and written only inside `--out`; files an earlier run left there are named (and removed
//! first with `--clean`, only those plancheck writes).

use super::{load_for_plans, print_warnings, usage, Context, Error};
use crate::cli::ReportArgs;
use crate::dataset::{self, Dataset};
use crate::diag::{Diagnostic, Diagnostics, IoFault, Message};
use crate::eval::{prepare, spreads, EvalOptions, Prepared, Stage};
use crate::exit::ExitStatus;
use crate::plan::Plan;
use crate::render::pages::{own_files, PageFormat, Pages};
use crate::render::stream::{regions as stream_regions, Job};
use crate::words::{report::Written, Say};
use std::io::{IsTerminal, Write};

/// A data file read, and the regions `--keep-going` leaves out for their rejected rows.
struct Data {
    file: String,
    data: Dataset,
    skipped: Vec<usize>,
}

pub fn run(args: ReportArgs, cx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    if let (Some(year), Stage::Midterm | Stage::Final) = (args.year, args.stage) {
        return Err(usage(Message::YearWithStage { year, stage: args.stage }));
    }
    let options = EvalOptions {
        stage: args.stage,
        history: true,
        region: None,
        year: args.year,
        fail_on: args.fail_on.unwrap_or(crate::eval::FailOn::None),
        fail_on_missing: false,
        fail_on_warning: false,
        locate: false,
        tolerance: args.common.tolerance()?,
        near: args.common.near()?,
    };
    // One catalog for every plan: the data are read once per file against the one registry they all share.
    let loaded = load_for_plans(&args.plan, &args.source)?;
    let (datasets, bad_rows) = load_data(&args, &loaded.catalog.registry, cx, err)?;
    let sheets: usize = datasets.iter().map(|d| d.data.regions().len()).sum::<usize>() * loaded.plans().count();
    if args.format.contains(&PageFormat::Xlsx) && sheets > crate::render::xlsx::SHEETS_AT_MOST {
        return Err(usage(Message::BookTooLarge { sheets, limit: crate::render::xlsx::SHEETS_AT_MOST }));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| {
        usage(Message::CannotCreateFolder { path: args.out.display().to_string(), fault: IoFault::from(&e) })
    })?;
    // One run at a time writes into a folder; every file is written whole and renamed into place.
    let _lock = crate::output::FolderLock::take(&args.out).map_err(usage)?;
    let earlier = own_files(&args.out);
    let removed = if args.clean { remove(&args.out, &earlier)? } else { 0 };
    let mut pages = Pages::new(cx.lang, args.format.clone(), args.out.clone(), args.ascii_names);
    pages.several_plans = loaded.plans().count() > 1;
    let total = sheets;
    if total > 8 && std::io::stderr().is_terminal() {
        pages.progress = indicatif::ProgressBar::new(total as u64);
    }
    let mut failed = false;
    let mut notes = Diagnostics::new();
    for d in &datasets {
        for plan in loaded.plans() {
            let Prepared { report: mut head, mut regions } =
                prepare(plan, &d.data, &d.file, &options).map_err(usage)?;
            if !d.skipped.is_empty() {
                regions.retain(|r| !d.skipped.contains(r));
                head.spreads = spreads(plan, &d.data, &regions);
            }
            stage_year_missing(plan, d, &regions, args.stage, &mut notes);
            for f in crate::eval::fractions(plan, &loaded.catalog.registry, &d.data, &regions) {
                notes.push(super::check::fractions_warning(plan, &loaded.catalog.registry, &f));
            }
            let name = |r: usize| d.data.regions().get(r).filter(|n| !n.is_empty()).unwrap_or(&plan.meta.region);
            pages.start(&head, regions.iter().map(|&r| (r, name(r).as_str())));
            let job =
                Job { plan, registry: &loaded.catalog.registry, data: &d.data, regions: &regions, options: &options };
            failed |=
                stream_regions(&mut pages, &head, &job, out).map_err(|s| page_error(&mut pages, s.error))?.failed();
        }
    }
    pages.progress.finish_and_clear();
    pages.finish(args.stage).map_err(|e| page_error(&mut pages, e))?;
    let stale: Vec<String> = earlier.into_iter().filter(|f| !args.clean && !pages.written().contains(f)).collect();
    if !stale.is_empty() {
        notes.push(Diagnostic::warning(Message::EarlierFiles { dir: args.out.display().to_string(), files: stale }));
    }
    print_warnings(&notes, cx, err);
    let dir = args.out.display().to_string();
    let book_only = args.format.iter().all(|f| *f == PageFormat::Xlsx);
    let written = Written { pages: pages.pages(), files: pages.written().len(), removed, dir: &dir, book_only };
    writeln!(out, "{}", written.say(cx.lang))?;
    Ok(match (bad_rows, failed) {
        (true, _) => ExitStatus::Error,
        (false, true) => ExitStatus::Fail,
        (false, false) => ExitStatus::Pass,
    })
}

/// Reads every data file. Bad rows stop the report, unless `--keep-going`: then they are listed and the regions
/// holding them are left out. Returns the data and whether any row was bad.
fn load_data(
    args: &ReportArgs,
    registry: &crate::indicator::Registry,
    cx: &Context,
    err: &mut dyn Write,
) -> Result<(Vec<Data>, bool), Error> {
    let (mut datasets, mut bad) = (Vec::new(), false);
    for path in &args.data {
        let mut diags = Diagnostics::new();
        let data = dataset::load(path, registry, &args.common.load_options(), &mut diags);
        let file = path.display().to_string();
        if !diags.has_errors() {
            print_warnings(&diags, cx, err);
            datasets.push(Data { file, data, skipped: Vec::new() });
            continue;
        }
        if !args.keep_going || data.regions().is_empty() {
            return Err(Error::Invalid(diags));
        }
        bad = true;
        let skipped: Vec<usize> = (0..data.regions().len()).filter(|&r| data.rejected_in(r) > 0).collect();
        let placed: usize = skipped.iter().map(|&r| data.rejected_in(r)).sum();
        let regions = skipped.iter().filter_map(|&r| data.regions().get(r).cloned()).collect();
        let unplaced = data.rows_rejected().saturating_sub(placed);
        diags.push(Diagnostic::warning(Message::RegionsSkipped { file: file.clone(), regions, unplaced }));
        super::print(&diags, cx.lang, cx.error_format, err);
        datasets.push(Data { file, data, skipped });
    }
    Ok((datasets, bad))
}

/// A stage's year that some regions have no value for: a warning naming them.
fn stage_year_missing(plan: &Plan, d: &Data, regions: &[usize], stage: Stage, notes: &mut Diagnostics) {
    let Some(year) = stage.year(plan.meta.period) else { return };
    let missing: Vec<String> = regions
        .iter()
        .filter(|&&r| !d.data.years(r).contains(&year))
        .map(|&r| d.data.regions().get(r).filter(|n| !n.is_empty()).unwrap_or(&plan.meta.region).clone())
        .collect();
    if !missing.is_empty() {
        let plan = plan.meta.id.clone();
        notes.push(Diagnostic::warning(Message::StageYearMissing { plan, stage, year, regions: missing }));
    }
}

/// Removes the files of an earlier run (names `report` writes, found in `dir`); returns how many.
fn remove(dir: &std::path::Path, files: &[String]) -> Result<usize, Error> {
    for f in files {
        let path = dir.join(f);
        std::fs::remove_file(&path)
            .map_err(|e| usage(Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(&e) }))?;
    }
    Ok(files.len())
}

/// A file of the report that could not be written: the message names it.
fn page_error(pages: &mut Pages, error: std::io::Error) -> Error {
    match pages.failure.take() {
        Some(message) => usage(message),
        None => Error::Io(error),
    }
}
