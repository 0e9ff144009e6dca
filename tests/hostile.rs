//! Hostile input and faults, one class per test: nothing written outside `--out` or through a planted link, no
//! two runs mixed in one folder, no raw control character on a terminal, no hang on inputs built to be slow,
//! no crash when a mapped file is cut short, every error with its place, and a fixed-seed mutation campaign
//! over plan files and data files that CI replays. (Workbooks have their own, in tests/workbooks.rs.)

mod common;
use common::{plancheck, plancheck_in};
use plancheck::diag::{Diagnostics, Severity};
use plancheck::plan::{load_catalog, PlanSource};
use std::path::Path;
use std::time::{Duration, Instant};

const DATA: &str = "tests/fixtures/report-regions.csv";

fn report(out: &Path) -> common::Run {
    let out = out.display().to_string();
    plancheck(&["report", "--plan", "jiangjin-women", "--data", DATA, "--out", &out, "--lang", "en"])
}

/// Links named like a page, like the index, and dangling ones, planted in `--out`: each is replaced by the
/// page, and the files they point at outside `--out` are neither changed nor created.
#[cfg(unix)]
#[test]
fn report_never_writes_through_a_link() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let out = root.path().join("out");
    std::fs::create_dir(&out).expect("created");
    let victim = root.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("written");
    let ghost = root.path().join("ghost.txt");
    for name in ["index.html", "index.json", "jiangjin-women--甲县.html", "jiangjin-women--乙县.md"] {
        std::os::unix::fs::symlink(&victim, out.join(name)).expect("a link");
    }
    std::os::unix::fs::symlink(&ghost, out.join("jiangjin-women--甲县.json")).expect("a dangling link");
    std::os::unix::fs::symlink(&ghost, out.join(".plancheck.lock")).expect("a link at the lock");
    let run = report(&out);
    assert_ne!(run.code, 101, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).expect("readable"), "keep me");
    assert!(!ghost.exists(), "nothing is created through a dangling link");
    if run.code == 0 {
        assert!(std::fs::symlink_metadata(out.join("index.html")).expect("there").is_file());
    }
}

/// A second report into a folder another run is writing stops with a clear error.
#[test]
fn two_reports_into_one_folder_do_not_mix() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let out = root.path().join("out");
    std::fs::create_dir(&out).expect("created");
    let held = plancheck::output::FolderLock::take(&out).expect("the lock");
    let run = report(&out);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("another plancheck run is writing into"), "{}", run.stderr);
    drop(held);
    assert_eq!(report(&out).code, 0);
}

/// ESC, BEL and C1 characters in region names and cells reach no terminal raw: not in the table, not in
/// messages, not in the lines a diagnostic shows.
#[test]
fn control_characters_are_shown_escaped() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = "region,indicator,year,value\n甲\u{1b}[2J县\u{7},孕产妇死亡率,2025,9\n乙\u{9b}县,孕产妇死亡率,2025,x\u{1b}]0;pwned\u{7}\n";
    std::fs::write(dir.path().join("d.csv"), data).expect("written");
    let run = plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "d.csv"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.chars().any(|c| c.is_control() && c != '\n'), "{:?}", run.stderr);
    assert!(run.stderr.contains("\\u{1b}"), "{}", run.stderr);
    std::fs::write(dir.path().join("d.csv"), data.replace("x\u{1b}]0;pwned\u{7}", "9")).expect("written");
    let run = plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "d.csv"]);
    assert!(!run.stdout.chars().any(|c| c.is_control() && c != '\n'), "{:?}", run.stdout);
    assert!(run.stdout.contains("甲\\u{1b}[2J县\\u{7}"), "{}", run.stdout);
}

/// Runs `check` on a file written into a fresh folder, within a time limit.
fn timed_check(name: &str, bytes: &[u8], limit: Duration) -> (common::Run, Duration) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join(name), bytes).expect("written");
    let started = Instant::now();
    let run = plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", name, "--lang", "en"]);
    let took = started.elapsed();
    assert!(took < limit, "{name} took {took:?}");
    assert_ne!(run.code, 101, "{name}: {}", run.stderr);
    (run, took)
}

/// 200,000 distinct unknown indicator names: a suggestion is worked out only for the 50 shown.
#[test]
fn many_unknown_names_finish_in_seconds() {
    let mut text = String::from("indicator,year,value\n");
    for i in 0..200_000 {
        text.push_str(&format!("未知指标{i},2025,1\n"));
    }
    let (run, _) = timed_check("unknown.csv", text.as_bytes(), Duration::from_secs(60));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("... and 199950 more problems not shown"),
        "{}",
        &run.stderr[..run.stderr.len().min(400)]
    );
    assert!(run.stderr.len() < 30_000, "only what is shown is printed");
}

/// A header of a million empty columns, then short rows: refused at once, with a short message.
#[test]
fn a_million_columns_are_refused_at_once() {
    let mut text = format!("indicator,year,value{}\n", ",".repeat(1_000_000));
    for _ in 0..300 {
        text.push_str("孕产妇死亡率,2025\n");
    }
    let (run, _) = timed_check("wide.csv", text.as_bytes(), Duration::from_secs(20));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error[too-large]: this row is too large (16385+ fields"), "{}", run.stderr);
    assert!(run.stderr.len() < 2_000, "{}", run.stderr.len());
}

/// One line of 40 MB with ten million fields: refused without splitting it all.
#[test]
fn one_huge_line_is_refused() {
    let text = format!("indicator,year,value\n孕产妇死亡率,2025,{}\n", "1,".repeat(20_000_000));
    let (run, _) = timed_check("line.csv", text.as_bytes(), Duration::from_secs(20));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error[too-large]"), "{}", run.stderr);
}

/// A plan of 20,000 targets loads, lints and checks in linear time; an indicator name of a million characters
/// gets no suggestion and is quoted short.
#[test]
fn big_plans_and_long_names_finish_in_seconds() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let head = "[plan]\nid = \"big-women\"\nkind = \"women\"\ntitle = \"测试规划\"\nregion = \"测试县\"\nauthority = \"测试县人民政府\"\nperiod = [2021, 2030]\nbaseline_year = 2020\ntarget_year = 2030\nsource = \"测试\"\n\n[[domains]]\nid = \"health\"\nname = \"妇女与健康\"\n";
    let mut plan = String::from(head);
    for i in 0..20_000 {
        let x = i % 50 + 1;
        plan.push_str(&format!("\n[[targets]]\nid = \"t-{i}\"\ndomain = \"health\"\nsection = \"一\"\nitem = \"{i}\"\nsource = \"main\"\ntext = \"孕产妇死亡率控制在{x}/10万以下\"\nindicator = \"maternal-mortality\"\nrule = {{ kind = \"max\", value = \"{x}\" }}\n"));
    }
    std::fs::write(dir.path().join("big.toml"), &plan).expect("written");
    std::fs::write(dir.path().join("d.csv"), "indicator,year,value\n孕产妇死亡率,2025,9\n").expect("written");
    let started = Instant::now();
    let run = plancheck_in(dir.path(), &["check", "--plan", "big.toml", "--data", "d.csv", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "{:?}", started.elapsed());
    let long = format!("{head}\n[[targets]]\nid = \"t\"\ndomain = \"health\"\nsection = \"一\"\nitem = \"1\"\nsource = \"main\"\ntext = \"控制在8以下\"\nindicator = \"{}\"\nrule = {{ kind = \"max\", value = \"8\" }}\n", "孕".repeat(1_000_000));
    std::fs::write(dir.path().join("long.toml"), long).expect("written");
    let started = Instant::now();
    let run = plancheck_in(dir.path(), &["lint", "long.toml", "--lang", "en"]);
    assert_eq!(run.code, 2);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert!(run.stderr.contains("(1000000 characters) is not a known indicator"), "{}", run.stderr);
    assert!(run.stderr.len() < 2_000, "{}", run.stderr.len());
}

/// A mapped data file cut short by another program while it is read ends the run with exit 2 and a message,
/// never a crash (SIGBUS). The cut is tried at several moments; at least one lands during the reading.
#[cfg(target_os = "linux")]
#[test]
fn a_file_cut_short_while_it_is_read_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("big.csv");
    let mut text = String::from("region,indicator,year,value\n");
    for r in 0..400_000 {
        text.push_str(&format!("县{r:06},孕产妇死亡率,2025,9.5\n"));
    }
    let mut caught = false;
    for delay in [5u64, 20, 60, 150, 300] {
        std::fs::write(&path, &text).expect("written");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_plancheck"))
            .args(["check", "--plan", "jiangjin-women", "--data", "big.csv", "--format", "json"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        std::thread::sleep(Duration::from_millis(delay));
        std::fs::OpenOptions::new().write(true).open(&path).and_then(|f| f.set_len(0)).expect("truncated");
        let out = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), None, "killed by a signal: {stderr}");
        if stderr.contains("error[data-changed]") {
            assert_eq!(out.status.code(), Some(2));
            caught = true;
        }
    }
    assert!(caught, "no cut landed while the file was read");
}

/// A plan file saved as GBK (Notepad's "ANSI") is refused at its first non-UTF-8 byte, saying so.
#[test]
fn a_gbk_plan_file_names_its_place_and_encoding() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let text = std::fs::read_to_string("tests/lint/good.toml").expect("readable");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(dir.path().join("plan.toml"), &gbk).expect("written");
    let run = plancheck_in(dir.path(), &["lint", "plan.toml", "--lang", "en"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("plan.toml is not UTF-8 text; it looks like GBK (Notepad's \"ANSI\")"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("┌─ plan.toml:"), "{}", run.stderr);
}

/// A tab-separated file whose notes hold commas is read as tab-separated.
#[test]
fn tabs_win_over_commas_in_notes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = "指标\t年份\t数值\t备注\n孕产妇死亡率\t2025\t9.5\t据卫健委，含流动人口, 按常住口径, 未含外出\n孕产妇系统管理率\t2025\t95\t口径同上, 见附表, 第3页\n";
    std::fs::write(dir.path().join("d.txt"), data).expect("written");
    let run = plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "d.txt", "--format", "json"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json[0]["accounting"]["used"], 2);
}

/// A small fixed-seed generator, so that CI replays the same campaign.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes spoiled the ways files get spoiled: bytes flipped, cut, lines doubled or dropped, quotes and
/// brackets inserted.
fn mutate(bytes: &[u8], rng: &mut XorShift) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(6) {
            0 => out[at] = rng.next() as u8,
            1 => out.truncate(at),
            2 => {
                let chunk: Vec<u8> = out[at..(at + 1 + rng.below(200)).min(out.len())].to_vec();
                out.splice(at..at, chunk);
            }
            3 => {
                let end = (at + 1 + rng.below(200)).min(out.len());
                out.drain(at..end);
            }
            4 => out.insert(at, b"\"[]{}=,\n\t"[rng.below(9)]),
            _ => {
                out.splice(at..at, "孕产妇死亡率".bytes());
            }
        }
    }
    out
}

/// 600 mutants of the embedded plan files: no panic, and every error names file, line and column.
#[test]
fn mutated_plan_files_get_located_errors() {
    let mut rng = XorShift(0x5EED_2026_1201);
    let sources: Vec<std::path::PathBuf> = std::fs::read_dir("plans")
        .expect("plans/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    let mut errors = 0;
    for i in 0..600 {
        let source = &sources[rng.below(sources.len())];
        let bytes = mutate(&std::fs::read(source).expect("readable"), &mut rng);
        let text = String::from_utf8_lossy(&bytes);
        let mut diags = Diagnostics::new();
        if let Some(plan) = plancheck::plan::load::read_plan(&format!("m{i}.toml"), &text, registry(), &mut diags) {
            plancheck::plan::validate::validate(&plan, registry(), &mut diags);
        }
        let _ = diags.render(plancheck::words::Lang::Zh);
        for d in diags.items().iter().filter(|d| d.severity == Severity::Error) {
            errors += 1;
            let at =
                d.at.as_ref()
                    .unwrap_or_else(|| panic!("mutant {i} of {}: {:?} has no place", source.display(), d.message));
            assert!(at.line >= 1 && at.col >= 1, "mutant {i}: {at:?}");
        }
    }
    assert!(errors > 300, "the campaign finds errors: {errors}");
}

/// 600 mutants of the data fixtures, through the whole command: exit 0, 1 or 2, never a crash, in seconds.
#[test]
fn mutated_data_files_never_crash() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut rng = XorShift(0xDA7A_2026_1201);
    let sources = [
        "tests/fixtures/jiangjin-women-2025.csv",
        "tests/fixtures/wide.csv",
        "tests/fixtures/two-regions.csv",
        "tests/bad-input/gb18030.csv",
        "tests/bad-input/utf16le-bom.csv",
    ];
    let started = Instant::now();
    for i in 0..600 {
        let source = sources[rng.below(sources.len())];
        let bytes = mutate(&std::fs::read(source).expect("readable"), &mut rng);
        let path = dir.path().join("m.csv");
        std::fs::write(&path, &bytes).expect("written");
        let data = plancheck::dataset::read::load(&path, registry(), &Default::default(), &mut Diagnostics::new());
        let _ = data.rows_read();
        if i % 50 == 0 {
            let run = plancheck_in(dir.path(), &["check", "--plan", "jiangjin-women", "--data", "m.csv"]);
            assert!(matches!(run.code, 0..=2), "mutant {i} of {source}: exit {}", run.code);
        }
    }
    assert!(started.elapsed() < Duration::from_secs(120));
}

fn registry() -> &'static plancheck::indicator::Registry {
    static REGISTRY: std::sync::OnceLock<plancheck::indicator::Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| load_catalog(&PlanSource::Embedded, &mut Diagnostics::new()).registry)
}
