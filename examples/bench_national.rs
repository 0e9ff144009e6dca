//! The national-scale benchmark: how fast `plancheck check` reads a big long-form file compared with merely
//! parsing it with the csv crate, and how much memory it takes.
//!
//! ```text
//! cargo run --release --example bench_national                 # builds, generates target/national-2850.csv once
//! cargo run --release --example bench_national -- --file F [--plan jiangjin-women] [--runs 3]
//! ```
//!
//! (a) a bare csv-crate pass (`read_byte_record` into one `ByteRecord`, counting records), best of N;
//! (b) `target/release/plancheck check --plan P --data FILE --format json --fail-on none`, stdout to /dev/null,
//! best of N, then one more run for its peak RSS (VmHWM of /proc/<pid>/status, the check's own high-water mark,
//! polled every 2 ms; the timed runs are not polled). The spec asks for check time ≤ 2 × bare time. The last line is machine-readable:
//! `RESULT rows=... bare_s=... check_s=... ratio=... peak_mib=... file_mib=...`.

use clap::Parser;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(about = "Times `plancheck check` on a national-scale file against a bare csv-crate pass")]
struct Args {
    /// The data file (default: target/national-2850.csv, generated with gen_national's defaults when missing).
    #[arg(long)]
    file: Option<PathBuf>,
    /// The plan to check against.
    #[arg(long, default_value = "jiangjin-women")]
    plan: String,
    /// Runs of each measurement; the best is reported.
    #[arg(long, default_value_t = 3)]
    runs: u32,
    /// The plancheck binary (default: target/release/plancheck beside this example).
    #[arg(long)]
    bin: Option<PathBuf>,
}

const MIB: f64 = 1024.0 * 1024.0;

fn bare_pass(file: &Path) -> Result<u64, csv::Error> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_path(file)?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
    }
    Ok(rows)
}

/// `target/release/plancheck`: the example runs from `target/release/examples/`.
fn locate_binary() -> PathBuf {
    let name = format!("plancheck{}", std::env::consts::EXE_SUFFIX);
    if let Ok(exe) = std::env::current_exe() {
        if let Some(release) = exe.parent().and_then(Path::parent) {
            let candidate = release.join(&name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    PathBuf::from("target/release").join(name)
}

/// VmHWM of a live process, in KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct CheckRun {
    seconds: f64,
    peak_kib: u64,
    code: Option<i32>,
    stderr: String,
}

/// Runs the check once. With `watch`, its memory is polled meanwhile; the timed runs go unwatched, since reading
/// /proc of a process that is faulting in memory takes its memory lock and would slow it down.
fn run_check(bin: &Path, plan: &str, file: &Path, watch: bool) -> std::io::Result<CheckRun> {
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(["check", "--plan", plan, "--data"])
        .arg(file)
        .args(["--format", "json", "--fail-on", "none"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let mut stderr_pipe = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let mut bytes = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut bytes);
        text.push_str(&String::from_utf8_lossy(&bytes));
        text
    });
    let mut peak_kib = 0u64;
    let status = loop {
        if !watch {
            break child.wait()?;
        }
        if let Some(kib) = vm_hwm_kib(pid) {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let seconds = started.elapsed().as_secs_f64();
    let stderr = reader.join().unwrap_or_default();
    Ok(CheckRun { seconds, peak_kib, code: status.code(), stderr })
}

/// Runs cargo (the one running this example) with these arguments.
fn cargo(args: &[&str]) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    Command::new(cargo).args(args).status().is_ok_and(|s| s.success())
}

fn main() -> ExitCode {
    let mut args = Args::parse();
    let runs = args.runs.max(1);
    let default_file = PathBuf::from("target/national-2850.csv");
    let file = args.file.get_or_insert_with(|| default_file.clone()).clone();
    if file == default_file && !file.is_file() {
        eprintln!("bench_national: generating {} (2850 regions, 2020–2030, seed 42)", file.display());
        let out = file.display().to_string();
        if !cargo(&["run", "--release", "--quiet", "--example", "gen_national", "--", "--out", &out]) {
            eprintln!("bench_national: the generator failed");
            return ExitCode::from(2);
        }
    }
    if args.bin.is_none() && !cargo(&["build", "--release", "--quiet", "--bin", "plancheck"]) {
        eprintln!("bench_national: cannot build the release binary");
        return ExitCode::from(2);
    }
    let args = Args { file: Some(file.clone()), ..args };
    let file = &file;
    let file_bytes = match std::fs::metadata(file) {
        Ok(m) => m.len(),
        Err(e) => {
            eprintln!("bench_national: cannot read {}: {e}", file.display());
            eprintln!("  make one with: cargo run --release --example gen_national -- --out {}", file.display());
            return ExitCode::from(2);
        }
    };
    let file_mib = file_bytes as f64 / MIB;
    let bin = args.bin.clone().unwrap_or_else(locate_binary);
    if !bin.is_file() {
        eprintln!("bench_national: no plancheck binary at {}; run `cargo build --release` first", bin.display());
        return ExitCode::from(2);
    }

    // (a) bare csv-crate pass.
    let mut rows = 0u64;
    let mut bare_best = f64::INFINITY;
    for _ in 0..runs {
        let started = Instant::now();
        match bare_pass(file) {
            Ok(n) => rows = n,
            Err(e) => {
                eprintln!("bench_national: the csv crate cannot read {}: {e}", file.display());
                return ExitCode::from(2);
            }
        }
        bare_best = bare_best.min(started.elapsed().as_secs_f64());
    }

    // (b) the full check, as a subprocess.
    let mut check_best = f64::INFINITY;
    let mut peak_kib = 0u64;
    let mut last_code = None;
    // `runs` timed runs, then one more watched for its peak memory.
    for run in 0..=runs {
        let watch = run == runs;
        let run = match run_check(&bin, &args.plan, file, watch) {
            Ok(run) => run,
            Err(e) => {
                eprintln!("bench_national: cannot run {}: {e}", bin.display());
                return ExitCode::from(2);
            }
        };
        if watch {
            peak_kib = run.peak_kib;
        } else {
            check_best = check_best.min(run.seconds);
        }
        last_code = run.code;
        if !matches!(run.code, Some(0) | Some(1)) {
            eprintln!("bench_national: `plancheck check` exited with {:?}; its first lines of stderr:", run.code);
            for line in run.stderr.lines().take(40) {
                eprintln!("  {line}");
            }
            break;
        }
    }

    let peak_mib = peak_kib as f64 / 1024.0;
    let ratio = check_best / bare_best;
    let per_s = |s: f64| rows as f64 / s;
    let code = last_code.map_or("signal".to_string(), |c| c.to_string());
    println!("file            {}", file.display());
    println!("plan            {}", args.plan);
    println!("rows            {rows:>12}");
    println!("file size       {file_mib:>12.1} MiB");
    println!("bare csv parse  {bare_best:>12.3} s   {:>12.0} rows/s   (best of {runs})", per_s(bare_best));
    println!(
        "check (json)    {check_best:>12.3} s   {:>12.0} rows/s   (best of {runs}, exit {code})",
        per_s(check_best)
    );
    println!("ratio           {ratio:>12.2}     check time / bare time (spec: ≤ 2.00)");
    println!("peak RSS        {peak_mib:>12.1} MiB   {:.2} × file size", peak_mib / file_mib);
    println!(
        "RESULT rows={rows} bare_s={bare_best:.3} check_s={check_best:.3} ratio={ratio:.2} peak_mib={peak_mib:.1} file_mib={file_mib:.1}"
    );
    if matches!(last_code, Some(0) | Some(1)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
