//! Files large enough (over 8 MiB) to take the loader's fast path: a UTF-8 file is mapped and scanned on two
//! threads, and parsed in two halves when it holds no quote. Every variant must read exactly what a generator
//! wrote — the same values, regions in file order, rows accounted for — and place its errors as the small-file
//! path does: the right line and column, in file order, across the cut between the halves.

use plancheck::dataset::read::{load, LoadOptions};
use plancheck::dataset::Dataset;
use plancheck::diag::Diagnostics;
use plancheck::indicator::{IndicatorId, Registry};
use plancheck::plan::{load_catalog, PlanSource};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| load_catalog(&PlanSource::Embedded, &mut Diagnostics::new()).registry)
}

/// Indicators used by the generated files (ids of the registry, as a national file writes them).
fn indicators() -> Vec<(IndicatorId, String)> {
    registry().iter().take(40).map(|(id, i)| (id, i.id.clone())).collect()
}

const REGIONS: usize = 500;
const YEARS: std::ops::RangeInclusive<i32> = 2020..=2030;

/// The value the generator writes for a region, an indicator and a year.
fn value(region: usize, indicator: usize, year: i32) -> String {
    format!("{}.{}", 10 + (region * 7 + indicator * 3) % 80, (year as usize + region + indicator) % 10)
}

fn region_name(r: usize) -> String {
    format!("省{:02}市{:03}县{:04}", r / 100, r / 10, r)
}

/// The rows of a long-form file (header first), each without its line end; 220,000 rows, about 9.6 MB.
fn rows() -> Vec<String> {
    let mut rows = vec!["region,indicator,year,value".to_string()];
    for r in 0..REGIONS {
        for (i, (_, id)) in indicators().iter().enumerate() {
            for y in YEARS {
                rows.push(format!("{},{id},{y},{}", region_name(r), value(r, i, y)));
            }
        }
    }
    rows
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    assert!(bytes.len() > 8 << 20, "{name} must be large enough for the fast path ({} bytes)", bytes.len());
    path
}

fn read(path: &Path) -> (Dataset, Diagnostics) {
    let mut diags = Diagnostics::new();
    let data = load(path, registry(), &LoadOptions::default(), &mut diags);
    (data, diags)
}

/// Everything the generator wrote, read back exactly: regions in order, every series, every row used.
fn assert_reads_back(data: &Dataset, rows_in_file: usize) {
    let expected: Vec<String> = (0..REGIONS).map(region_name).collect();
    assert_eq!(data.regions(), expected);
    for (r, _) in expected.iter().enumerate().step_by(37).chain([(REGIONS - 1, &String::new())]) {
        for (i, (id, _)) in indicators().iter().enumerate() {
            let series = data.series(r, *id);
            let want: Vec<(i32, Decimal)> =
                YEARS.map(|y| (y, Decimal::from_str(&value(r, i, y)).expect("generated decimal"))).collect();
            assert_eq!(series.into_iter().collect::<Vec<_>>(), want, "region {r}, indicator {i}");
        }
    }
    let all: Vec<IndicatorId> = registry().iter().map(|(id, _)| id).collect();
    let acc = data.accounting(&all);
    assert_eq!((acc.read, acc.used, acc.rejected), (rows_in_file, rows_in_file, 0));
}

#[test]
fn every_line_end_and_encoding_reads_the_same_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = rows();
    let lf = rows.join("\n") + "\n";
    let crlf = rows.join("\r\n") + "\r\n";
    let cr = rows.join("\r") + "\r";
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(crlf.as_bytes());
    let (gb, _, _) = encoding_rs::GB18030.encode(&lf);
    // A quote keeps the file whole (a quoted field could cross any cut): one thread reads it all.
    let quoted = lf.replacen("省00市000县0000,", "\"省00市000县0000\",", 1);
    let variants: [(&str, &[u8]); 6] = [
        ("lf.csv", lf.as_bytes()),
        ("crlf.csv", crlf.as_bytes()),
        ("cr.csv", cr.as_bytes()),
        ("bom-crlf.csv", &bom),
        ("gb18030.csv", &gb),
        ("quoted.csv", quoted.as_bytes()),
    ];
    for (name, bytes) in variants {
        let (data, diags) = read(&write(dir.path(), name, bytes));
        assert!(diags.items().is_empty(), "{name}: {}", diags.render(plancheck::words::Lang::En));
        assert_reads_back(&data, rows.len() - 1);
    }
}

#[test]
fn errors_in_both_halves_are_placed_and_kept_in_file_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows = rows();
    let (early, late) = (1_000, rows.len() - 1_000);
    let id = &indicators()[0].1;
    rows[early] = format!("{},{id},2020,abc", region_name(0));
    rows[late] = format!("{},{id},2020,-", region_name(REGIONS - 1)) + ",x,y";
    // The same region, indicator and year as an early row, with another value, late in the file.
    let first_line = 2; // region 0, indicator 0, 2020 is the first data row
    rows.push(format!("{},{id},2020,99.9", region_name(0)));
    let text = rows.join("\n") + "\n";
    let (data, diags) = read(&write(dir.path(), "errors.csv", text.as_bytes()));
    let found: Vec<String> = diags
        .items()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d.code(),
                d.at.as_ref().map_or(String::new(), |a| format!("{}:{}", a.line, a.col)),
                plancheck::words::Say::say(&d.message, plancheck::words::Lang::En)
            )
        })
        .collect();
    let last_line = rows.len();
    let region0 = region_name(0);
    // The value is the fourth field: its column counts the characters before it.
    let value_col = format!("{region0},{id},2020,").chars().count() + 1;
    let name = &registry().get(indicators()[0].0).name;
    assert_eq!(
        found,
        vec![
            format!("bad-value {}:{} \"abc\" is not a number", early + 1, value_col),
            format!("ragged-row {}:{value_col} this row has 6 fields, the header has 4", late + 1),
            format!(
                "conflicting-rows {last_line}:{value_col} {region0} {name} 2020 is given twice with different values: {} on line {first_line}, 99.9 on line {last_line}",
                value(0, 0, 2020)
            ),
        ]
    );
    assert_eq!(data.rows_read(), rows.len() - 1);
    assert_eq!(data.rows_rejected(), 3);
}

#[test]
fn a_bad_byte_in_the_second_half_is_found_where_it_stands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = rows();
    let late = rows.len() - 10;
    let mut bytes = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        bytes.extend(row.as_bytes());
        if i == late {
            bytes.push(0xFF);
        }
        bytes.push(b'\n');
    }
    let (_, diags) = read(&write(dir.path(), "bad-byte.csv", &bytes));
    let bad: Vec<(&str, u32)> =
        diags.items().iter().map(|d| (d.code().as_str(), d.at.as_ref().map_or(0, |a| a.line))).collect();
    assert_eq!(bad, vec![("bad-encoding", late as u32 + 1)]);
}

/// A file with quotes is read in two halves on speculation: the second half counts only when the cut falls
/// between records. Both cases — the cut between two records, and the cut inside a quoted note that spans two
/// lines — must read back every value, with nothing reported.
#[test]
fn a_quoted_field_across_the_cut_is_read_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows = rows();
    rows[0].push_str(",note");
    for row in rows.iter_mut().skip(1) {
        row.push_str(",\"第一行\n第二行\"");
    }
    let body = rows.join("\n") + "\n";
    // The loader cuts at the first line break after the middle: inside a note, or at the end of a record.
    let cut_inside = |text: &str| {
        let middle = text.len() / 2;
        let cut = middle + text.as_bytes()[middle..].iter().position(|&b| b == b'\n').expect("a line break");
        text[..cut].matches('"').count() % 2 == 1
    };
    let mut seen = [false, false];
    for pad in 0..80 {
        // Two bytes more in the last note move the middle one byte on through the lines around it.
        let text = format!("{}{}\"\n", body.trim_end_matches("\"\n"), "xx".repeat(pad));
        let inside = cut_inside(&text);
        if seen[usize::from(inside)] {
            continue;
        }
        seen[usize::from(inside)] = true;
        let (data, diags) = read(&write(dir.path(), &format!("quoted-{pad}.csv"), text.as_bytes()));
        let problems = diags.items().iter().filter(|d| d.code() != plancheck::diag::Code::IgnoredColumns).count();
        assert_eq!(problems, 0, "cut inside a note: {inside}: {}", diags.render(plancheck::words::Lang::En));
        assert_reads_back(&data, rows.len() - 1);
    }
    assert_eq!(seen, [true, true], "both places of the cut were tried");
}
