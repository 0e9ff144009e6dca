//! The drafter measured on the five seed documents against the project's hand-checked plans in `plans/`.
//!
//! Each document is drafted from its text alone (the indicator registry gives names and units); each drafted
//! plan is compared with the reviewed plan of the same id by `plancheck::draft::compare`, whose module
//! documentation defines the match precisely:
//!
//! - a draft and a reviewed target stand for the **same clause** when one's text contains the other's
//!   (whitespace and full-width forms ignored; table rows: the same item and target cell);
//! - they have the **same indicator** when the ids agree, when a name of one (registry name, alias, the target's
//!   `name`) is a name of the other, or when the draft's is one separately measured part of the reviewed one's
//!   compound name (孕产妇艾滋病、梅毒和乙肝检测率 → three rates);
//! - a quantified reviewed target is **right** when its one-to-one pair has the same indicator, kind, numbers
//!   and deadline; a qualitative one is **found** when a qualitative draft target stands for its clause; a draft
//!   target is **spurious** when it is quantified and unpaired (and no part of a paired compound), or
//!   qualitative and standing for no reviewed clause.
//!
//! The goal: at least 90 % of the quantified targets right, at most 5 % of the draft spurious, and each
//! document drafted in under a second (in a release build; a debug build is given five).

use plancheck::draft::compare::{compare, Comparison};
use plancheck::draft::{draft, Options};
use plancheck::plan::{load_catalog, Catalog, PlanSource};
use plancheck::words::Lang;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SEEDS: &[(&str, &str)] = &[
    ("leping", "000_0d67604d752cd0a1.txt"),
    ("gaoping", "001_d22cc55193eb073d.txt"),
    ("lechang", "002_94abb8056a9bead1.txt"),
    ("jilin", "003_6d5cbecdf8760c5e.txt"),
    ("jiangjin", "004_60a6ce8650074aa6.txt"),
];

fn catalog() -> Catalog {
    let mut diags = plancheck::diag::Diagnostics::new();
    let catalog = load_catalog(&PlanSource::Embedded, &mut diags);
    assert!(!diags.has_errors(), "{}", diags.render(plancheck::words::Lang::En));
    catalog
}

/// One document's figures: the comparisons of its plans, and the time to draft it.
fn measure(catalog: &Catalog, city: &str, file: &str) -> (Vec<(String, Comparison)>, Duration) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/seeds").join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = Options { prefix: city.to_string(), source: file.to_string() };
    // The best of three runs: the machine is shared with other builds.
    let mut took = Duration::MAX;
    let mut drafted = None;
    for _ in 0..3 {
        let started = Instant::now();
        drafted = Some(draft(file, &bytes, &catalog.registry, &options).unwrap_or_else(|e| panic!("{file}: {e:?}")));
        took = took.min(started.elapsed());
    }
    let Some(drafted) = drafted else { unreachable!("three runs") };
    assert_eq!(drafted.plans.len(), 2, "{file}: both plans are found");
    let mut out = Vec::new();
    for plan in &drafted.plans {
        let reviewed = catalog.plan(&plan.meta.id).unwrap_or_else(|| panic!("no reviewed plan {}", plan.meta.id));
        let c = compare(plan, &drafted.registry, reviewed, &catalog.registry);
        if std::env::var_os("DRAFT_CHECKLIST").is_some() {
            for line in &c.lines {
                eprintln!("{}", line.text(Lang::En));
            }
        }
        out.push((plan.meta.id.clone(), c));
    }
    (out, took)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[test]
fn drafts_of_the_seed_documents_hold_the_goal() {
    let catalog = catalog();
    let mut total = Comparison::default();
    let mut slowest = Duration::ZERO;
    eprintln!("| document | plan | quantified right | qualitative found | spurious | time |");
    eprintln!("| --- | --- | --- | --- | --- | --- |");
    for (city, file) in SEEDS {
        let (plans, took) = measure(&catalog, city, file);
        slowest = slowest.max(took);
        for (id, c) in plans {
            eprintln!(
                "| {file} | {id} | {}/{} ({:.1} %) | {}/{} | {}/{} ({:.1} %) | {} ms |",
                c.right,
                c.quantified,
                pct(c.right, c.quantified),
                c.found,
                c.qualitative,
                c.spurious,
                c.drafted,
                pct(c.spurious, c.drafted),
                took.as_millis()
            );
            total.right += c.right;
            total.quantified += c.quantified;
            total.found += c.found;
            total.qualitative += c.qualitative;
            total.spurious += c.spurious;
            total.drafted += c.drafted;
        }
    }
    let right = pct(total.right, total.quantified);
    let spurious = pct(total.spurious, total.drafted);
    eprintln!(
        "| all | | {}/{} ({right:.1} %) | {}/{} ({:.1} %) | {}/{} ({spurious:.1} %) | slowest {} ms |",
        total.right,
        total.quantified,
        total.found,
        total.qualitative,
        pct(total.found, total.qualitative),
        total.spurious,
        total.drafted,
        slowest.as_millis()
    );
    assert!(right >= 90.0, "only {right:.1} % of the quantified targets are right");
    assert!(spurious <= 5.0, "{spurious:.1} % of the drafted targets are spurious");
    // A debug build runs the drafter about ten times slower than the release build the goal is set for
    // (`cargo run --release --example bench_draft` gives 30–60 ms a document).
    let limit = if cfg!(debug_assertions) { Duration::from_secs(5) } else { Duration::from_secs(1) };
    assert!(slowest < limit, "a document took {slowest:?}");
}
