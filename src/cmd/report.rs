//! `plancheck report`: every plan × every region of every data file → a page per format, and an index. Files are
//! named by safe slugs and written only inside `--out`.

use super::{load_for_plans, print_warnings, usage, Error};
use crate::cli::{ReportArgs, ReportFormat};
use crate::dataset;
use crate::diag::Diagnostics;
use crate::eval::{evaluate, EvalOptions, Report};
use crate::exit::ExitStatus;
use crate::render::html::IndexEntry;
use crate::render::{html, json, markdown};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(args: ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let options = EvalOptions {
        stage: args.stage,
        history: true,
        region: None,
        year: args.year,
        fail_on: args.fail_on,
        fail_on_missing: false,
        tolerance: args.common.tolerance()?,
        near: args.common.near()?,
    };
    // One catalog for every plan: the data are read once per file against the one registry they all share.
    let (catalog, ids) = load_for_plans(&args.plan, &args.source)?;
    let mut reports: Vec<Report> = Vec::new();
    for data_path in &args.data {
        let mut diags = Diagnostics::new();
        let data = dataset::load(data_path, &catalog.registry, &args.common.load_options(), &mut diags);
        if diags.has_errors() {
            return Err(Error::Invalid(diags));
        }
        print_warnings(&diags, err)?;
        for id in &ids {
            let plan = catalog.plan(id).ok_or_else(|| usage(format!("no plan {id}")))?;
            let file = data_path.display().to_string();
            let report = evaluate(plan, &catalog.registry, &data, &file, &options)
                .map_err(|e| usage(format!("region {:?} is not in the data", e.region)))?;
            reports.push(report);
        }
    }
    std::fs::create_dir_all(&args.out)
        .map_err(|e| usage(format!("cannot create the folder {}: {e}", args.out.display())))?;
    let entries = write_pages(&args, &reports)?;
    write_indexes(&args, &entries)?;
    writeln!(out, "{} pages and an index written to {}", entries.len(), args.out.display())?;
    let fails = reports.iter().any(Report::fails);
    Ok(if fails { ExitStatus::Fail } else { ExitStatus::Pass })
}

fn write_pages(args: &ReportArgs, reports: &[Report]) -> Result<Vec<IndexEntry>, Error> {
    let total: usize = reports.iter().map(|r| r.regions.len()).sum();
    let bar = if total > 8 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(total as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut taken = HashSet::new();
    let mut entries = Vec::new();
    for report in reports {
        for region in &report.regions {
            let stem = unique(&mut taken, &format!("{}--{}", report.plan.id, slug(&region.region)));
            for format in &args.format {
                let (ext, text) = match format {
                    ReportFormat::Html => ("html", html::page(report, region, args.common.lang)),
                    ReportFormat::Markdown => ("md", markdown::page(report, region, args.common.lang)),
                    ReportFormat::Json => ("json", json::page(report, region, args.common.lang)),
                };
                write(&args.out, &format!("{stem}.{ext}"), &text)?;
            }
            let link_ext = if args.format.contains(&ReportFormat::Html) { "html" } else { "md" };
            entries.push(IndexEntry {
                plan: report.plan.id.clone(),
                title: report.plan.title.clone(),
                region: region.region.clone(),
                year: region.year,
                summary: region.summary().into_iter().collect(),
                rates: region.rates(),
                file: format!("{stem}.{link_ext}"),
            });
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok(entries)
}

fn write_indexes(args: &ReportArgs, entries: &[IndexEntry]) -> Result<(), Error> {
    for format in &args.format {
        match format {
            ReportFormat::Html => write(&args.out, "index.html", &html::index(entries, args.stage, args.common.lang))?,
            ReportFormat::Markdown => {
                write(&args.out, "index.md", &markdown::index(entries, args.stage, args.common.lang))?
            }
            ReportFormat::Json => write(&args.out, "index.json", &json::index(entries, args.stage))?,
        }
    }
    Ok(())
}

/// Writes `name` (a bare file name, never a path) inside `dir`.
fn write(dir: &Path, name: &str, text: &str) -> Result<(), Error> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| usage(format!("cannot write {}: {e}", path.display())))
}

/// A file-name-safe form of a region name: letters and digits (any script) kept, everything else `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "region".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `stem`, or `stem-2`, `stem-3`, ... when taken.
fn unique(taken: &mut HashSet<String>, stem: &str) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::{slug, unique};

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("乐平市"), "乐平市");
        assert_eq!(slug("<b>甲县</b>/../乙"), "b-甲县-b-乙");
        assert_eq!(slug("../.."), "region");
        assert_eq!(slug(""), "region");
        assert!(!slug("a\\b/c").contains(['/', '\\']));
    }

    #[test]
    fn colliding_slugs_get_a_number() {
        let mut taken = Default::default();
        assert_eq!(unique(&mut taken, "x"), "x");
        assert_eq!(unique(&mut taken, "x"), "x-2");
        assert_eq!(unique(&mut taken, "x"), "x-3");
    }
}
