//! `plancheck check`: load the plan and the data, evaluate, render in the chosen format, exit 0/1/2.

use super::{load_for_plan, print_warnings, usage, Context, Error};
use crate::cli::{CheckArgs, Format};
use crate::dataset;
use crate::diag::{Diagnostics, Message};
use crate::eval::{prepare, EvalOptions};
use crate::exit::ExitStatus;
use crate::render::stream::{run as stream, Job};
use crate::render::{csv::Csv, json::Json, junit::Junit, markdown::Markdown, table::Table};
use std::io::Write;

pub fn run(args: CheckArgs, cx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let options = EvalOptions {
        stage: crate::eval::Stage::Annual,
        history: false,
        region: args.region.clone(),
        year: args.year,
        fail_on: args.fail_on,
        fail_on_missing: args.fail_on_missing,
        tolerance: args.common.tolerance()?,
        near: args.common.near()?,
    };
    let (catalog, index) = load_for_plan(&args.plan, &args.source)?;
    let plan = &catalog.plans[index];
    let mut diags = Diagnostics::new();
    let load_options = args.common.load_options();
    let data = dataset::load(&args.data, &catalog.registry, &load_options, &mut diags);
    if diags.has_errors() {
        return Err(Error::Invalid(diags));
    }
    print_warnings(&diags, cx, err)?;
    let data_file = args.data.display().to_string();
    let (head, regions) = prepare(plan, &data, &data_file, &options)
        .map_err(|e| usage(Message::UnknownRegion { region: e.region, file: data_file.clone(), known: e.known }))?;
    let job = Job { plan, registry: &catalog.registry, data: &data, regions: &regions, options: &options };
    let lang = cx.lang;
    let tally = match args.format {
        Format::Table => stream(&mut Table { lang }, &head, &job, out)?,
        Format::Json => stream(&mut Json::new(lang, regions.len()), &head, &job, out)?,
        Format::Csv => stream(&mut Csv { lang }, &head, &job, out)?,
        Format::Markdown => stream(&mut Markdown { lang }, &head, &job, out)?,
        Format::Junit => stream(&mut Junit::new(lang), &head, &job, out)?,
    };
    // A national file leaves hundreds of thousands of series behind: the process ends here, and the system
    // takes the memory back faster than freeing it piece by piece would.
    std::mem::forget(data);
    Ok(if tally.failed() { ExitStatus::Fail } else { ExitStatus::Pass })
}
