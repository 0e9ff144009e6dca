//! `plancheck draft DOCUMENT [--out DIR] [--id-prefix CITY] [--against PLAN]`: drafts plan and indicator TOML
//! from a plan document and prints what to review, or compares the draft with a reviewed plan.

use super::{load_all, load_for_plan, usage, Context, Error};
use crate::cli::DraftArgs;
use crate::diag::Message;
use crate::draft::{self, compare, document::MAX_DOCUMENT_BYTES, messages::DraftMsg, Draft, Options};
use crate::exit::ExitStatus;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: DraftArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let lang = cx.lang;
    let say = |m: DraftMsg| usage(Message::Draft(m));
    let catalog = load_all(&args.source)?;
    let name =
        args.document.file_name().map_or_else(|| args.document.display().to_string(), |n| n.to_string_lossy().into());
    let bytes = read_document(&args.document).map_err(say)?;
    let options = Options { prefix: args.id_prefix.clone(), source: name.clone() };
    let drafted = draft::draft(&name, &bytes, &catalog.registry, &options).map_err(say)?;
    if let Some(against) = &args.against {
        return against_reviewed(&drafted, against, &args, lang, out);
    }
    let written = write_draft(&drafted, &args.out, &args.id_prefix).map_err(usage)?;
    for line in draft::summary::summary(&drafted) {
        writeln!(out, "{}", line.text(lang))?;
    }
    for path in written {
        writeln!(out, "{}", DraftMsg::Wrote { path: path.display().to_string() }.text(lang))?;
    }
    Ok(ExitStatus::Pass)
}

/// The document's bytes, refused before reading when it is larger than the drafter reads.
fn read_document(path: &Path) -> Result<Vec<u8>, DraftMsg> {
    let file = path.display().to_string();
    let unreadable = |e: std::io::Error| DraftMsg::Unreadable { file: file.clone(), why: e.to_string() };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(DraftMsg::TooLarge { file, limit: MAX_DOCUMENT_BYTES });
    }
    std::fs::read(path).map_err(unreadable)
}

/// The checklist against a reviewed plan: exit 1 when anything is missing, differs or is extra.
fn against_reviewed(
    drafted: &Draft,
    against: &str,
    args: &DraftArgs,
    lang: crate::words::Lang,
    out: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let (catalog, index) = load_for_plan(against, &args.source)?;
    let reviewed = &catalog.plans[index];
    let Some(plan) = drafted.plans.iter().find(|p| p.meta.kind == reviewed.meta.kind) else {
        let women = reviewed.meta.kind == crate::plan::PlanKind::Women;
        let file = args.document.display().to_string();
        return Err(usage(Message::Draft(DraftMsg::NoPlanOfKind { file, women })));
    };
    let c = compare::compare(plan, &drafted.registry, reviewed, &catalog.registry);
    for line in &c.lines {
        writeln!(out, "{}", line.text(lang))?;
    }
    let clean = c.right == c.quantified && c.found == c.qualitative && c.spurious == 0;
    Ok(if clean { ExitStatus::Pass } else { ExitStatus::Fail })
}

/// Writes each plan and the new indicators; returns the paths written.
fn write_draft(drafted: &Draft, dir: &Path, prefix: &str) -> Result<Vec<PathBuf>, Message> {
    let mut written = Vec::new();
    for plan in &drafted.plans {
        let path = dir.join(format!("{}.toml", plan.meta.id));
        write_file(&path, &draft::toml::plan_file(plan, &drafted.registry))?;
        written.push(path);
    }
    let path = dir.join("indicators").join(format!("{prefix}.toml"));
    write_file(&path, &draft::toml::indicator_file(drafted, prefix))?;
    written.push(path);
    Ok(written)
}

/// Writes a file atomically, its folder created when missing.
fn write_file(path: &Path, text: &str) -> Result<(), Message> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Message::CannotCreateFolder {
        path: dir.display().to_string(),
        fault: crate::diag::IoFault::from(&e),
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::output::write_file(dir, &name, text.as_bytes())
}
