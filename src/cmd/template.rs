//! `plancheck template --plan ID [--years 2025|2020-2025] [--layout long|wide] [--format csv|xlsx]
//! [--regions A,B] [--out FILE]`: the sheet an analyst fills in, which `check` reads back as it is.

use super::{load_for_plan, usage, Context, Error};
use crate::cli::{TemplateArgs, TemplateFormat};
use crate::diag::Message;
use crate::exit::ExitStatus;
use crate::output::Sink;
use crate::render::template::{self, Request};
use std::io::Write;

pub fn run(args: TemplateArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let (catalog, index) = load_for_plan(&args.plan, &args.source)?;
    let plan = &catalog.plans[index];
    let years = match &args.years {
        Some(text) => years(text)?,
        None => (plan.meta.baseline_year, plan.meta.target_year),
    };
    let regions: Vec<String> = args.regions.iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
    let request =
        Request { plan, registry: &catalog.registry, years, layout: args.layout, regions: &regions, lang: cx.lang };
    let grid = template::grid(&request);
    let bytes = match args.format {
        TemplateFormat::Csv => template::csv(&grid),
        TemplateFormat::Xlsx => {
            super::refuse_terminal(args.out.as_deref(), "xlsx")?;
            let sheet = crate::render::xlsx::sheet_name(&plan.meta.id, "");
            template::xlsx(&grid, &sheet).map_err(|e| {
                usage(Message::OutputFailed { fault: crate::diag::IoFault::from(&crate::render::xlsx::fault(e)) })
            })?
        }
    };
    let mut sink = Sink::open(args.out.as_deref(), out).map_err(usage)?;
    sink.writer().write_all(&bytes)?;
    sink.commit().map_err(usage)?;
    Ok(ExitStatus::Pass)
}

/// `2025` → (2025, 2025); `2020-2025` → (2020, 2025).
fn years(text: &str) -> Result<(i32, i32), Error> {
    let bad = || usage(Message::BadYears { text: text.to_string() });
    let year = |s: &str| s.trim().trim_end_matches('年').parse::<i32>().map_err(|_| bad());
    let (a, b) = match text.split_once(['-', '–', '—', '~', '至']) {
        Some((a, b)) => (year(a)?, year(b)?),
        None => {
            let y = year(text)?;
            (y, y)
        }
    };
    if a > b || a < 1949 || b > 2100 {
        return Err(bad());
    }
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::years;

    #[test]
    fn years_are_one_year_or_a_range() {
        assert_eq!(years("2025").ok(), Some((2025, 2025)));
        assert_eq!(years("2020-2025").ok(), Some((2020, 2025)));
        assert_eq!(years("2020年至2025年").ok(), Some((2020, 2025)));
        assert!(years("2025-2020").is_err());
        assert!(years("1900").is_err());
        assert!(years("abc").is_err());
    }
}
