//! `plancheck template --plan ID [--years 2020-2025]`: the CSV an analyst fills in, one row per indicator and
//! year, in the long form `check` reads back as it is.

use super::{load_for_plan, usage, Context, Error};
use crate::cli::TemplateArgs;
use crate::diag::Message;
use crate::exit::ExitStatus;
use std::io::Write;

pub fn run(args: TemplateArgs, _cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let (catalog, index) = load_for_plan(&args.plan, &args.source)?;
    let plan = &catalog.plans[index];
    let (from, to) = match &args.years {
        Some(text) => years(text)?,
        None => (plan.meta.baseline_year, plan.meta.target_year),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["indicator", "year", "value", "name", "unit"]);
    for ind in plan.indicators() {
        let i = catalog.registry.get(ind);
        for year in from..=to {
            let value = if year == plan.meta.baseline_year {
                plan.stated(ind, year).map(|v| v.to_string()).unwrap_or_default()
            } else {
                String::new()
            };
            let _ = w.write_record([
                i.id.as_str(),
                &year.to_string(),
                &value,
                plan.indicator_name(ind, &catalog.registry),
                &i.unit.to_string(),
            ]);
        }
    }
    out.write_all(&w.into_inner().unwrap_or_default())?;
    Ok(ExitStatus::Pass)
}

/// `2020-2025` → (2020, 2025).
fn years(text: &str) -> Result<(i32, i32), Error> {
    let bad = || usage(Message::BadYears { text: text.to_string() });
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let (a, b) = (a.trim().parse::<i32>().map_err(|_| bad())?, b.trim().parse::<i32>().map_err(|_| bad())?);
    if a > b || a < 1949 || b > 2100 {
        return Err(bad());
    }
    Ok((a, b))
}
