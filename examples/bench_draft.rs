//! Times `plancheck draft` on the five seed documents: each drafted 20 times, in memory (reading the document,
//! finding its plans, reading every item, matching the registry), and the median per document printed, with the
//! drafter's figures against the hand-checked plans. Run: `cargo run --release --example bench_draft`.

use plancheck::diag::Diagnostics;
use plancheck::draft::compare::compare;
use plancheck::draft::{draft, Options};
use plancheck::plan::{load_catalog, PlanSource};
use std::time::{Duration, Instant};

const SEEDS: &[(&str, &str)] = &[
    ("leping", "000_0d67604d752cd0a1.txt"),
    ("gaoping", "001_d22cc55193eb073d.txt"),
    ("lechang", "002_94abb8056a9bead1.txt"),
    ("jilin", "003_6d5cbecdf8760c5e.txt"),
    ("jiangjin", "004_60a6ce8650074aa6.txt"),
];

const RUNS: usize = 20;

fn main() {
    let catalog = load_catalog(&PlanSource::Embedded, &mut Diagnostics::new());
    println!("| document | bytes | median | slowest | quantified right | qualitative found | spurious |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (city, file) in SEEDS {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds").join(file);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => return eprintln!("{}: {e}", path.display()),
        };
        let options = Options { prefix: city.to_string(), source: file.to_string() };
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..RUNS {
            let started = Instant::now();
            last = draft(file, &bytes, &catalog.registry, &options).ok();
            times.push(started.elapsed());
        }
        times.sort();
        let Some(drafted) = last else { return eprintln!("{file}: no draft") };
        let (mut right, mut quantified, mut found, mut qualitative, mut spurious, mut all) = (0, 0, 0, 0, 0, 0);
        for plan in &drafted.plans {
            if let Some(reviewed) = catalog.plan(&plan.meta.id) {
                let c = compare(plan, &drafted.registry, reviewed, &catalog.registry);
                (right, quantified, found) = (right + c.right, quantified + c.quantified, found + c.found);
                (qualitative, spurious, all) = (qualitative + c.qualitative, spurious + c.spurious, all + c.drafted);
            }
        }
        println!(
            "| {file} | {} | {:.1} ms | {:.1} ms | {right}/{quantified} | {found}/{qualitative} | {spurious}/{all} |",
            bytes.len(),
            times[RUNS / 2].as_secs_f64() * 1000.0,
            times[RUNS - 1].as_secs_f64() * 1000.0,
        );
    }
}
