//! A deterministic generator of a national-scale data file: one long-form CSV row per region × indicator × year
//! for every indicator the chosen plans read.
//!
//! ```text
//! cargo run --release --example gen_national -- --regions 2850 --plans jiangjin-women,jiangjin-children \
//!     --years 2020-2030 --seed 42 --out /tmp/national.csv
//! ```
//!
//! Header `region,indicator,year,value`. Regions are named `省01市001县0001` (unique, deterministic). Values start
//! at a plausible level for the indicator's unit (and, for percent rates, for what its name says it measures),
//! drift a little each year, and about 1% of cells are empty (missing). The same flags and seed always give the
//! same bytes. `--names` writes indicators by their Chinese name instead of their id.

use clap::Parser;
use plancheck::diag::Diagnostics;
use plancheck::indicator::{IndicatorId, Unit};
use plancheck::plan::{load_catalog, PlanSource};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(about = "Writes a deterministic national-scale long-form CSV for `plancheck check`")]
struct Args {
    /// Number of county-level regions.
    #[arg(long, default_value_t = 2850)]
    regions: u32,
    /// Plans whose indicators to write, comma-separated.
    #[arg(long, default_value = "jiangjin-women,jiangjin-children", value_delimiter = ',')]
    plans: Vec<String>,
    /// Year range, inclusive: `2020-2030` (or one year).
    #[arg(long, default_value = "2020-2030")]
    years: String,
    /// PRNG seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output file.
    #[arg(long, default_value = "/tmp/national.csv")]
    out: PathBuf,
    /// Share of empty (missing) cells, in percent.
    #[arg(long, default_value_t = 1.0)]
    missing: f64,
    /// Write indicators by their Chinese name rather than their id.
    #[arg(long)]
    names: bool,
}

/// splitmix64: tiny, fast, good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// Roughly normal (sum of three uniforms), mean 0, sd ≈ `sd`.
    fn noise(&mut self, sd: f64) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * 2.0 * sd
    }
}

/// How one indicator's values look: a band for the starting level, a yearly trend band and noise, bounds and
/// decimals.
#[derive(Clone, Copy, Debug)]
struct Profile {
    start: (f64, f64),
    trend: (f64, f64),
    noise: f64,
    min: f64,
    max: f64,
    decimals: usize,
}

fn profile(unit: &Unit, name: &str, id: &str, pick: &mut Rng) -> Profile {
    let p = |start, trend, noise, min, max, decimals| Profile { start, trend, noise, min, max, decimals };
    match unit {
        Unit::Percent => {
            let decimals = if pick.unit() < 0.5 { 1 } else { 2 };
            let low = [
                "死亡",
                "患病",
                "发生",
                "低体重",
                "贫血",
                "近视",
                "肥胖",
                "超重",
                "缺陷",
                "剖宫产",
                "离婚",
                "犯罪",
                "辍学",
                "发病",
                "暴力",
                "流产",
                "感染",
                "失业",
            ];
            let high = [
                "覆盖", "普及", "达标", "入学", "巩固", "管理", "接种", "筛查", "建成", "设立", "参保", "知晓", "毛入",
                "合格", "配备", "落实", "开设", "达到",
            ];
            if low.iter().any(|w| name.contains(w)) {
                let c = pick.range(2.0, 30.0);
                p((c * 0.85, c * 1.15), (-0.4, 0.1), 0.25, 0.0, 100.0, decimals)
            } else if high.iter().any(|w| name.contains(w)) {
                let c = pick.range(80.0, 98.0);
                p((c - 3.0, (c + 3.0).min(99.9)), (0.0, 0.6), 0.3, 0.0, 100.0, decimals)
            } else {
                let c = pick.range(20.0, 90.0);
                p((c - 5.0, c + 5.0), (-0.2, 0.8), 0.5, 0.0, 100.0, decimals)
            }
        }
        Unit::Permille => p((1.0, 6.0), (-0.15, 0.02), 0.08, 0.0, 1000.0, 2),
        Unit::PerHundredThousand => p((5.0, 20.0), (-0.6, 0.1), 0.5, 0.0, 100_000.0, 1),
        Unit::Ratio => p((1.2, 1.6), (-0.01, 0.02), 0.01, 0.5, 3.0, 2),
        Unit::None => p((10.0, 90.0), (-0.5, 0.8), 0.5, 0.0, 1e9, 2),
        Unit::Other(word) => match word.as_str() {
            "女=100" => p((103.0, 112.0), (-0.5, 0.1), 0.4, 95.0, 125.0, 2),
            "岁" => p((76.0, 82.0), (0.05, 0.3), 0.05, 50.0, 100.0, 2),
            "年" => p((9.5, 13.5), (0.0, 0.15), 0.03, 0.0, 25.0, 1),
            "小时" => {
                if id.contains("sleep") || name.contains("睡眠") {
                    p((8.0, 10.0), (-0.05, 0.05), 0.05, 0.0, 24.0, 1)
                } else {
                    p((0.5, 2.5), (0.0, 0.1), 0.05, 0.0, 24.0, 1)
                }
            }
            "分钟" => p((30.0, 90.0), (0.0, 3.0), 2.0, 0.0, 1440.0, 0),
            "万人" => p((0.5, 50.0), (-0.3, 0.8), 0.3, 0.0, 1e6, 2),
            "万户" => p((1.0, 20.0), (-0.1, 0.4), 0.2, 0.0, 1e6, 2),
            "元" => p((1000.0, 50000.0), (200.0, 2000.0), 300.0, 0.0, 1e9, 0),
            "平方米" => p((1.5, 3.0), (0.0, 0.1), 0.03, 0.0, 100.0, 2),
            "级" => p((1.0, 5.0), (0.0, 0.2), 0.1, 0.0, 10.0, 0),
            // Counts: 所 个 名 人 次 项 户 张 座 家 件 ...
            _ => {
                let c = pick.range(3.0, 150.0);
                p((c * 0.7, c * 1.3), (0.0, c * 0.06), c * 0.03, 0.0, 1e9, 0)
            }
        },
    }
}

/// FNV-1a of a string: picks an indicator's profile independently of the order indicators come in.
fn hash(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn parse_years(text: &str) -> Option<(i32, i32)> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b).then_some((a, b))
}

fn region_name(i: u32, regions: u32) -> String {
    // About 31 provinces, about 8 counties to a city; the county number alone makes the name unique.
    let province = (u64::from(i) * 31 / u64::from(regions.max(1))) as u32 + 1;
    let city = i / 8 + 1;
    format!("省{province:02}市{city:03}县{:04}", i + 1)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let Some((first_year, last_year)) = parse_years(&args.years) else {
        eprintln!("gen_national: --years must be YYYY or YYYY-YYYY, not {:?}", args.years);
        return ExitCode::from(2);
    };

    let mut diags = Diagnostics::new();
    let catalog = load_catalog(&PlanSource::Embedded, &mut diags);
    if diags.has_errors() {
        eprintln!("gen_national: the embedded plans do not load:\n{}", diags.render(plancheck::words::Lang::En));
        return ExitCode::from(2);
    }
    let mut ids: Vec<IndicatorId> = Vec::new();
    for plan_id in &args.plans {
        let Some(plan) = catalog.plan(plan_id) else {
            let known: Vec<&str> = catalog.plans.iter().map(|p| p.meta.id.as_str()).collect();
            eprintln!("gen_national: no plan {plan_id:?}; known: {}", known.join(", "));
            return ExitCode::from(2);
        };
        ids.extend(plan.indicators());
    }
    ids.sort();
    ids.dedup();

    // Per-indicator profile, from the indicator's id and the seed only.
    let indicators: Vec<(String, Profile)> = ids
        .iter()
        .map(|&id| {
            let ind = catalog.registry.get(id);
            let mut pick = Rng(hash(&ind.id) ^ args.seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
            let label = if args.names { csv_field(&ind.name) } else { csv_field(&ind.id) };
            (label, profile(&ind.unit, &ind.name, &ind.id, &mut pick))
        })
        .collect();

    let started = Instant::now();
    // `target/` need not exist yet (a build may put its output elsewhere, with CARGO_TARGET_DIR).
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let file = match File::create(&args.out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gen_national: cannot create {}: {e}", args.out.display());
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Rng(args.seed);
    let missing = args.missing / 100.0;
    let years: Vec<String> = (first_year..=last_year).map(|y| y.to_string()).collect();
    let mut rows: u64 = 0;
    let mut line: Vec<u8> = Vec::with_capacity(128);

    let result: std::io::Result<()> = (|| {
        out.write_all(b"region,indicator,year,value\n")?;
        for r in 0..args.regions {
            let region = region_name(r, args.regions);
            for (label, pf) in &indicators {
                let mut level = rng.range(pf.start.0, pf.start.1);
                let trend = rng.range(pf.trend.0, pf.trend.1);
                for year in &years {
                    line.clear();
                    line.extend_from_slice(region.as_bytes());
                    line.push(b',');
                    line.extend_from_slice(label.as_bytes());
                    line.push(b',');
                    line.extend_from_slice(year.as_bytes());
                    line.push(b',');
                    if rng.unit() >= missing {
                        let v = level.clamp(pf.min, pf.max) + 0.0; // + 0.0: never "-0.00"
                        write!(line, "{:.*}", pf.decimals, v)?;
                    }
                    line.push(b'\n');
                    out.write_all(&line)?;
                    rows += 1;
                    level = (level + trend + rng.noise(pf.noise)).clamp(pf.min, pf.max);
                }
            }
        }
        out.flush()
    })();
    if let Err(e) = result {
        eprintln!("gen_national: writing {}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    let bytes = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "gen_national: {} regions × {} indicators × {} years = {rows} rows, {bytes} bytes ({:.1} MiB) to {} in {:.2} s",
        args.regions,
        indicators.len(),
        years.len(),
        bytes as f64 / (1024.0 * 1024.0),
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
