//! `plancheck check`: load the plan and the data, evaluate, render in the chosen format, exit 0/1/2.

use super::{load_for_plan, print_warnings, usage, Error};
use crate::cli::CheckArgs;
use crate::dataset;
use crate::diag::Diagnostics;
use crate::eval::{evaluate, evaluate_region, prepare, EvalOptions};
use crate::exit::ExitStatus;
use crate::render;
use rayon::prelude::*;
use std::io::Write;

pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
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
    let (catalog, plan_id) = load_for_plan(&args.plan, &args.source)?;
    let plan = catalog.plan(&plan_id).ok_or_else(|| usage(format!("no plan {plan_id}")))?;
    let mut diags = Diagnostics::new();
    let load_options = args.common.load_options();
    let data = dataset::load(&args.data, &catalog.registry, &load_options, &mut diags);
    if diags.has_errors() {
        return Err(Error::Invalid(diags));
    }
    print_warnings(&diags, err)?;
    let data_file = args.data.display().to_string();
    let unknown = |e: crate::eval::UnknownRegion| {
        usage(format!("region {:?} is not in {data_file}; its regions: {}", e.region, e.known.join(", ")))
    };
    if !render::streams(args.format) {
        let report = evaluate(plan, &catalog.registry, &data, &data_file, &options).map_err(unknown)?;
        render::write(args.format, &report, args.common.lang, out)?;
        return Ok(if report.fails() { ExitStatus::Fail } else { ExitStatus::Pass });
    }
    let (head, regions) = prepare(plan, &data, &data_file, &options).map_err(unknown)?;
    let (count, mut fails) = (regions.len(), false);
    let stream = render::Stream::new(args.format, count, args.common.lang);
    stream.begin(out)?;
    // Regions are evaluated and rendered on every core, a batch at a time, and written in order.
    for (batch, chunk) in regions.chunks(REGIONS_PER_BATCH).enumerate() {
        let rendered: Vec<(Vec<u8>, bool)> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, &r)| {
                let region = evaluate_region(plan, &catalog.registry, &data, r, &options);
                let index = batch * REGIONS_PER_BATCH + i;
                let fails = region.failures(options.fail_on_missing) > 0;
                (stream.region(&head, &region, index), fails)
            })
            .collect();
        for (bytes, failed) in rendered {
            out.write_all(&bytes)?;
            fails |= failed;
        }
    }
    stream.end(out)?;
    // A national file leaves hundreds of thousands of series behind: the process ends here, and the system
    // takes the memory back faster than freeing it piece by piece would.
    std::mem::forget(data);
    Ok(if fails { ExitStatus::Fail } else { ExitStatus::Pass })
}

/// Regions evaluated in parallel before their output is written.
const REGIONS_PER_BATCH: usize = 128;
