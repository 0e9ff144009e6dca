//! The one loop from evaluation to output, for every format of `check` and `report`: regions are evaluated and
//! rendered on every core, a batch at a time, and their parts handed to the renderer in the order of the data.
//! Memory stays bounded by a batch, whatever the number of regions.

use super::Renderer;
use crate::dataset::Dataset;
use crate::eval::{evaluate_region_in, EvalOptions, Report};
use crate::indicator::Registry;
use crate::plan::Plan;
use rayon::prelude::*;
use std::io::{self, Write};

/// Regions evaluated in parallel before their output is written.
const REGIONS_PER_BATCH: usize = 128;

/// What the loop evaluates: a plan over regions of a dataset.
pub struct Job<'a, 'd> {
    pub plan: &'a Plan,
    pub registry: &'a Registry,
    pub data: &'d Dataset,
    /// The regions to evaluate, by their index in the dataset.
    pub regions: &'d [usize],
    pub options: &'d EvalOptions,
}

/// What the regions came to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub regions: usize,
    /// Regions with a target in scope that fails.
    pub failing_regions: usize,
}

impl Tally {
    pub fn failed(&self) -> bool {
        self.failing_regions > 0
    }
}

/// Writing stopped part way: what was found until then, and why.
#[derive(Debug)]
pub struct Stopped {
    pub tally: Tally,
    pub error: io::Error,
}

/// Evaluates every region of the job and hands each to the renderer, in order, between nothing: the caller
/// calls the renderer's `begin` and `end` (so that `report` can put several jobs into one index).
pub fn regions<'a, R: Renderer<'a>>(
    renderer: &mut R,
    report: &Report<'a>,
    job: &Job<'a, '_>,
    out: &mut dyn Write,
) -> Result<Tally, Stopped> {
    let mut tally = Tally::default();
    for (batch, chunk) in job.regions.chunks(REGIONS_PER_BATCH).enumerate() {
        let rendered: Vec<(R::Part, bool)> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, &r)| {
                let region = evaluate_region_in(job.plan, job.registry, job.data, r, job.options, &report.spreads);
                let failed = region.failures() > 0;
                (renderer.region(report, &region, batch * REGIONS_PER_BATCH + i), failed)
            })
            .collect();
        for (part, failed) in rendered {
            // A region's verdict counts once it is evaluated, whether or not its part could be written.
            tally.regions += 1;
            tally.failing_regions += usize::from(failed);
            renderer.write(part, out).map_err(|error| Stopped { tally, error })?;
        }
    }
    Ok(tally)
}

/// The whole run of one format: `begin`, every region, `end`.
pub fn run<'a, R: Renderer<'a>>(
    renderer: &mut R,
    report: &Report<'a>,
    job: &Job<'a, '_>,
    out: &mut dyn Write,
) -> Result<Tally, Stopped> {
    renderer.begin(report, out).map_err(|error| Stopped { tally: Tally::default(), error })?;
    let tally = regions(renderer, report, job, out)?;
    renderer.end(report, out).map_err(|error| Stopped { tally, error })?;
    Ok(tally)
}
