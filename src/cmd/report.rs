//! `plancheck report`: every plan × every region of every data file → a page per format, and an index. Files are
//! named by safe slugs and written only inside `--out`.

use super::{load_for_plans, print_warnings, usage, Context, Error};
use crate::cli::ReportArgs;
use crate::dataset;
use crate::diag::{Diagnostics, IoFault, Message};
use crate::eval::{prepare, EvalOptions, Prepared};
use crate::exit::ExitStatus;
use crate::render::pages::Pages;
use crate::render::stream::{regions as stream_regions, Job};

use std::io::{IsTerminal, Write};

pub fn run(args: ReportArgs, cx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
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
    let catalog = &loaded.catalog;
    let mut datasets = Vec::new();
    for data_path in &args.data {
        let mut diags = Diagnostics::new();
        let data = dataset::load(data_path, &catalog.registry, &args.common.load_options(), &mut diags);
        if diags.has_errors() {
            return Err(Error::Invalid(diags));
        }
        print_warnings(&diags, cx, err);
        datasets.push((data_path.display().to_string(), data));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| {
        usage(Message::CannotCreateFolder { path: args.out.display().to_string(), fault: IoFault::from(&e) })
    })?;
    let mut pages = Pages::new(cx.lang, args.format.clone(), args.out.clone());
    let total: usize = datasets.iter().map(|(_, d)| d.regions().len()).sum::<usize>() * loaded.plans().count();
    if total > 8 && std::io::stderr().is_terminal() {
        pages.progress = indicatif::ProgressBar::new(total as u64);
    }
    // One run at a time writes into a folder; every page is written whole and renamed into place.
    let _lock = crate::output::FolderLock::take(&args.out).map_err(usage)?;
    let mut failed = false;
    for (file, data) in &datasets {
        for plan in loaded.plans() {
            let Prepared { report: head, regions, .. } = prepare(plan, data, file, &options).map_err(usage)?;
            let job = Job { plan, registry: &catalog.registry, data, regions: &regions, options: &options };
            match stream_regions(&mut pages, &head, &job, out) {
                Ok(tally) => failed |= tally.failed(),
                Err(stopped) => return Err(page_error(&mut pages, stopped.error)),
            }
        }
    }
    pages.progress.finish_and_clear();
    pages.write_indexes(args.stage).map_err(usage)?;
    let written = crate::words::outputs::Written { pages: pages.entries().len(), dir: args.out.display().to_string() };
    writeln!(out, "{}", crate::words::Say::say(&written, cx.lang))?;
    Ok(if failed { ExitStatus::Fail } else { ExitStatus::Pass })
}

/// A page that could not be written: the error names the file.
fn page_error(pages: &mut Pages, error: std::io::Error) -> Error {
    match pages.failure.take() {
        Some(message) => usage(message),
        None => Error::Io(error),
    }
}
