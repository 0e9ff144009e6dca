//! The fixture a 监测组 (monitoring office) would try `report` on: five towns, both Jiangjin plans, 2020–2030,
//! one long-form CSV (`region,indicator,year,value`, indicators by their Chinese name). Deterministic: the same
//! run writes the same bytes, so `tests/fixtures/batch-5-regions.csv` is this program's output.
//!
//! ```text
//! cargo run --example gen_batch -- tests/fixtures/batch-5-regions.csv
//! ```
//!
//! Every indicator the two plans read gets a series shaped by its target: a level to reach is approached (ahead
//! of the line in a good town, behind it in a lagging one), a level to stay under is fallen towards, a trend
//! target moves its way (or, in the lagging town, the wrong way), and a rate whose target is = 100 rises
//! 96 → 99 → 100 and holds (the ceiling case, which must raise no warning). The towns:
//!
//! - 甲镇 ahead on almost everything; 乙镇 on the line; 丙镇 behind, with wrong-way trends (warnings);
//! - 丁镇 reports only up to 2024 (a 终期评估 has no 2030 value for it);
//! - 戊镇 swings from year to year and leaves some cells empty.

use plancheck::diag::Diagnostics;
use plancheck::indicator::{IndicatorId, Unit};
use plancheck::plan::{load_catalog, PlanSource};
use plancheck::rule::Rule;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

const PLANS: [&str; 2] = ["jiangjin-women", "jiangjin-children"];
const YEARS: std::ops::RangeInclusive<i32> = 2020..=2030;

/// A town: how far it gets towards its targets by 2030 (1 = exactly there), how far its 2020 level lies from the
/// others' (a gap that narrows over the years: the regional gaps close), the last year it reports, how much it
/// swings, and whether its trends go the wrong way.
struct Town {
    name: &'static str,
    reach: f64,
    offset: f64,
    last: i32,
    swing: f64,
    wrong_way: bool,
    gaps: bool,
}

const TOWNS: [Town; 5] = [
    Town { name: "甲镇", reach: 1.25, offset: -0.01, last: 2030, swing: 0.0, wrong_way: false, gaps: false },
    Town { name: "乙镇", reach: 1.0, offset: 0.0, last: 2030, swing: 0.0, wrong_way: false, gaps: false },
    Town { name: "丙镇", reach: 0.55, offset: 0.04, last: 2030, swing: 0.0, wrong_way: true, gaps: false },
    Town { name: "丁镇", reach: 0.9, offset: -0.03, last: 2024, swing: 0.0, wrong_way: false, gaps: false },
    Town { name: "戊镇", reach: 0.85, offset: 0.02, last: 2030, swing: 0.35, wrong_way: false, gaps: true },
];

/// splitmix64, for a little deterministic noise.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The series shape of one indicator: its 2020 level, its level in 2030 at reach 1, and whether it is a rate
/// capped at 100.
struct Shape {
    start: f64,
    end: f64,
    cap: Option<f64>,
    decimals: usize,
}

fn f(x: &rust_decimal::Decimal) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

fn shape(rule: &Rule, unit: &Unit, rng: &mut Rng) -> Shape {
    let cap = (*unit == Unit::Percent).then_some(100.0);
    let decimals = match unit {
        Unit::Permille | Unit::Ratio => 2,
        Unit::Other(w) if w != "岁" && w != "女=100" && w != "年" => 0,
        _ => 1,
    };
    let s = |start: f64, end: f64| Shape { start, end, cap, decimals };
    let mut level = || match unit {
        Unit::Percent => 40.0 + rng.unit() * 45.0,
        Unit::Permille => 2.0 + rng.unit() * 4.0,
        Unit::PerHundredThousand => 8.0 + rng.unit() * 8.0,
        Unit::Other(w) if w == "岁" => 80.0,
        _ => 20.0 + rng.unit() * 60.0,
    };
    match rule {
        Rule::Eq(x) if f(x) >= 100.0 => s(96.0, 101.0),
        Rule::Min(x) | Rule::Gt(x) | Rule::Eq(x) => s(f(x) * 0.93, f(x) * 1.01),
        Rule::Max(x) | Rule::Lt(x) => s(f(x) * 1.35, f(x) * 0.97),
        Rule::Eliminate { threshold, .. } => s(f(threshold) + 2.0, f(threshold) * 0.5),
        Rule::Approx { value, .. } => s(f(value) * 0.96, f(value)),
        Rule::Range { low, high } | Rule::Maintain { low: Some(low), high: Some(high) } => {
            s(f(low) * 0.98, (f(low) + f(high)) / 2.0)
        }
        Rule::Maintain { low: Some(low), .. } => s(f(low) * 1.02, f(low) * 1.04),
        Rule::Balance { high, .. } => s(f(high) + 4.0, f(high) - 0.5),
        Rule::Ratio { first, second } => s(f(second) / f(first) * 0.95, f(second) / f(first) * 1.02),
        Rule::Increase | Rule::IncreaseYearly | Rule::Maintain { .. } | Rule::Relative { .. } => {
            let l = level();
            s(l, l * 1.12)
        }
        Rule::Decrease | Rule::SlowRise | Rule::DecreaseBy(_) => {
            let l = level();
            s(l, l * 0.8)
        }
        Rule::GapNarrow { .. } | Rule::RegionalGap { .. } | Rule::Qualitative => {
            let l = level();
            s(l, l * 0.9)
        }
    }
}

/// The value of a town in a year.
fn value(shape: &Shape, town: &Town, year: i32, rng: &mut Rng) -> f64 {
    let t = f64::from(year - 2020) / 10.0;
    let reach = if town.wrong_way && t > 0.3 { -0.3 } else { town.reach };
    let mut v = (shape.start + (shape.end - shape.start) * reach * t) * (1.0 + town.offset * (1.0 - 0.7 * t));
    if town.swing > 0.0 && year > 2020 {
        let sign = if year % 2 == 0 { 1.0 } else { -1.0 };
        v += sign * town.swing * (shape.end - shape.start).abs().max(shape.start.abs() * 0.05);
    }
    v += (rng.unit() - 0.5) * (shape.end - shape.start).abs() * 0.02;
    if let Some(cap) = shape.cap {
        v = v.min(cap);
    }
    v.max(0.0)
}

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: gen_batch OUT.csv");
        return ExitCode::from(2);
    };
    let catalog = load_catalog(&PlanSource::Embedded, &mut Diagnostics::new());
    // Each indicator once, shaped by the first target that reads it (its reference, by the target's too).
    let mut rules: BTreeMap<IndicatorId, &Rule> = BTreeMap::new();
    for plan in PLANS.iter().filter_map(|id| catalog.plan(id)) {
        for t in &plan.targets {
            for id in t.indicator.into_iter().chain(t.rule.reference()) {
                rules.entry(id).or_insert(&t.rule);
            }
        }
    }
    let mut csv = String::from("region,indicator,year,value\n");
    let mut rng = Rng(20_261_125);
    for town in &TOWNS {
        for (&id, rule) in &rules {
            let indicator = catalog.registry.get(id);
            let shape = shape(rule, &indicator.unit, &mut Rng(u64::from(id.0) * 7919 + 17));
            for year in YEARS.clone().filter(|&y| y <= town.last) {
                let v = value(&shape, town, year, &mut rng);
                let missing = town.gaps && (u64::from(id.0) + year as u64).is_multiple_of(9) && year != 2020;
                let cell = if missing { String::new() } else { format!("{v:.prec$}", prec = shape.decimals) };
                let _ = writeln!(csv, "{},{},{year},{cell}", town.name, indicator.name);
            }
        }
    }
    match std::fs::write(&out, csv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_batch: cannot write {out}: {e}");
            ExitCode::from(2)
        }
    }
}
