//! `plancheck lint [FILE|DIR]...`: loads plan files with every check, reports all problems, exits 2 on any error.

use super::{Context, Error};
use crate::cli::LintArgs;
use crate::diag::Diagnostics;
use crate::exit::ExitStatus;
use crate::plan::{load_catalog, validate::validate, PlanSource};
use std::io::Write;

pub fn run(args: LintArgs, cx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let mut sources = Vec::new();
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            sources.push(PlanSource::Dir(path.clone()));
        } else {
            files.push(path.clone());
        }
    }
    if !files.is_empty() {
        sources.push(PlanSource::Files(files));
    }
    if sources.is_empty() {
        sources.push(PlanSource::Embedded);
    }
    let mut diags = Diagnostics::new();
    let mut count = 0;
    for source in &sources {
        let catalog = load_catalog(source, &mut diags);
        for plan in &catalog.plans {
            let named = match source {
                PlanSource::Files(paths) => paths.iter().any(|p| p.display().to_string() == plan.file),
                _ => true,
            };
            if named {
                validate(plan, &catalog.registry, &mut diags);
                count += 1;
            }
        }
    }
    if !diags.items().is_empty() {
        err.write_all(diags.render(cx.lang).as_bytes())?;
    }
    if diags.has_errors() {
        return Ok(ExitStatus::Error);
    }
    writeln!(out, "{}", crate::words::Say::say(&crate::words::outputs::Linted { plans: count }, cx.lang))?;
    Ok(ExitStatus::Pass)
}
