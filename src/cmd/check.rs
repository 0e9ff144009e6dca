//! `plancheck check`: load the plan and the data, evaluate, render in the chosen format, exit 0/1/2.

use super::{load_for_plan, print_warnings, usage, Error};
use crate::cli::CheckArgs;
use crate::dataset::{self, LoadOptions};
use crate::diag::Diagnostics;
use crate::eval::{evaluate, EvalOptions};
use crate::exit::ExitStatus;
use crate::render;
use rust_decimal::Decimal;
use std::io::Write;
use std::str::FromStr;

pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let options = EvalOptions {
        stage: crate::eval::Stage::Annual,
        history: false,
        region: args.region.clone(),
        year: args.year,
        fail_on: args.fail_on,
        fail_on_missing: args.fail_on_missing,
        tolerance: percent("--tolerance", &args.tolerance)?,
        near: percent("--near", &args.near)?,
    };
    let (catalog, plan_id) = load_for_plan(&args.plan, &args.source)?;
    let plan = catalog.plan(&plan_id).ok_or_else(|| usage(format!("no plan {plan_id}")))?;
    let mut diags = Diagnostics::new();
    let load_options = LoadOptions { allow_unknown: args.allow_unknown, sheet: args.sheet.clone() };
    let data = dataset::load(&args.data, &catalog.registry, &load_options, &mut diags);
    if diags.has_errors() {
        return Err(Error::Invalid(diags));
    }
    print_warnings(&diags, err)?;
    let data_file = args.data.display().to_string();
    let report = evaluate(plan, &catalog.registry, &data, &data_file, &options).map_err(|e| {
        usage(format!("region {:?} is not in {data_file}; its regions: {}", e.region, e.known.join(", ")))
    })?;
    render::write(args.format, &report, args.lang, out)?;
    Ok(if report.fails() { ExitStatus::Fail } else { ExitStatus::Pass })
}

/// A percentage flag as an exact decimal.
pub fn percent(flag: &str, text: &str) -> Result<Decimal, Error> {
    match Decimal::from_str(text.trim().trim_end_matches('%')) {
        Ok(x) if !x.is_sign_negative() => Ok(x),
        _ => Err(usage(format!("{flag} takes a non-negative percentage, not {text:?}"))),
    }
}
