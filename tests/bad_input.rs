//! Malformed and unusual data files, one test each: the exact stderr and exit code of `plancheck check --plan
//! jiangjin-women --data tests/bad-input/FILE` are the snapshot `bad_input__FILE.snap`, together with the
//! accounting line of the report (rows read, used, not used, rejected) when the file could be read.
//!
//! Every file in tests/bad-input/ must have its test here (see `every_file_has_a_test`).

mod common;
use common::{plancheck, Run};

/// What a file must do: be refused (exit 2) or be read (exit 0 or 1, whatever the targets say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Refused,
    Read,
}
use Expect::{Read, Refused};

/// Runs `check` on a file of tests/bad-input/ and snapshots what a user sees, in Chinese (the default) and in
/// English: the same exit code, the same places and codes, the words of each language.
fn snapshot(file: &str, extra: &[&str], expect: Expect) {
    let data = format!("tests/bad-input/{file}");
    let mut args = vec!["check", "--plan", "jiangjin-women", "--data", &data];
    args.extend_from_slice(extra);
    let zh = run(file, &args, expect, "数据行");
    args.extend_from_slice(&["--lang", "en"]);
    let en = run(file, &args, expect, "Data rows");
    assert_eq!(zh.0, en.0, "{file}: the exit code does not depend on the language");
    let shown = format!("{}\n=== --lang en ===\n{}", zh.1, en.1);
    let name = match extra {
        [] => file.to_string(),
        _ => format!("{file}{}", extra.join("")),
    };
    insta::with_settings!({ prepend_module_to_snapshot => true, omit_expression => true }, {
        insta::assert_snapshot!(name, shown);
    });
}

/// One run: its exit code, and what it shows (the command, the exit code, the accounting line, stderr).
fn run(file: &str, args: &[&str], expect: Expect, accounting: &str) -> (i32, String) {
    let Run { code, stdout, stderr } = plancheck(args);
    assert!(!stderr.contains("panicked"), "{file} made plancheck panic:\n{stderr}");
    match expect {
        Refused => {
            assert_eq!(code, 2, "{file} must be refused:\n{stderr}");
            assert_eq!(stdout, "", "{file}: nothing on stdout when the data are refused");
        }
        Read => assert!(code == 0 || code == 1, "{file} must be read (exit {code}):\n{stderr}"),
    }
    let accounting = stdout.lines().find(|l| l.starts_with(accounting)).unwrap_or("(no report)");
    (code, format!("$ plancheck {}\nexit code: {code}\n{accounting}\n--- stderr ---\n{stderr}", args.join(" ")))
}

macro_rules! bad_input {
    ($($test:ident: $file:literal $([$($arg:literal),*])? => $expect:expr;)*) => {
        $(
            #[test]
            fn $test() {
                snapshot($file, &[$($($arg),*)?], $expect);
            }
        )*

        /// Every file the tests above read.
        const FILES: &[&str] = &[$($file),*];
    };
}

bad_input! {
    // Encodings: each reads like the UTF-8 file.
    utf8_with_bom: "utf8-bom.csv" => Read;
    gb18030: "gb18030.csv" => Read;
    utf16le_with_bom: "utf16le-bom.csv" => Read;
    utf16be_with_bom: "utf16be-bom.csv" => Read;
    crlf_line_endings: "crlf.csv" => Read;
    utf16_cut_in_a_character: "utf16le-bom-broken.csv" => Refused;
    // Bytes that are no text.
    latin1_is_no_encoding: "latin1.csv" => Refused;
    binary_garbage: "binary-png.csv" => Refused;
    a_workbook_renamed_csv: "xlsx-renamed.csv" => Refused;
    nul_bytes_in_a_value: "nul-bytes.csv" => Refused;
    // Files without data.
    empty_file: "empty.csv" => Refused;
    header_only: "header-only.csv" => Refused;
    only_blank_lines: "blank-lines.csv" => Refused;
    // Headers.
    unknown_header: "unknown-header.csv" => Refused;
    no_header_at_all: "headerless.csv" => Refused;
    tab_separated_as_excel_unicode_text_writes: "tab-separated.tsv" => Read;
    a_title_row_before_the_header: "title-row.csv" => Read;
    a_title_row_then_a_bad_header: "title-then-bad-header.csv" => Refused;
    a_column_given_twice: "duplicate-column.csv" => Refused;
    semicolon_separated: "semicolons.csv" => Refused;
    a_data_row_before_the_header: "data-before-header.csv" => Refused;
    // CSV structure.
    unterminated_quote: "unterminated-quote.csv" => Refused;
    ragged_row_too_few_fields: "ragged-too-few.csv" => Refused;
    ragged_row_too_many_fields: "ragged-too-many.csv" => Refused;
    carriage_returns_only: "cr-only.csv" => Refused;
    crlf_with_a_bad_cell: "crlf-bad-cell.csv" => Refused;
    a_100_kb_field: "long-field.csv" => Refused;
    trailing_empty_cells_as_spreadsheets_write_them: "trailing-empty-cells.csv" => Read;
    an_empty_region: "empty-region.csv" => Refused;
    sheet_flag_on_a_text_file: "crlf.csv" ["--sheet", "Sheet2"] => Read;
    // Indicators.
    unknown_indicator_with_a_suggestion: "unknown-indicator-suggestion.csv" => Refused;
    unknown_indicator_without_a_close_name: "unknown-indicator-no-suggestion.csv" => Refused;
    unknown_indicator_allowed: "unknown-indicator-no-suggestion.csv" ["--allow-unknown"] => Read;
    empty_indicator_cell: "empty-indicator.csv" => Refused;
    // Values.
    wrong_unit: "wrong-unit.csv" => Refused;
    unit_not_convertible: "unit-not-convertible.csv" => Refused;
    negative_value: "negative.csv" => Refused;
    huge_number: "huge-number.csv" => Refused;
    thousands_separators_in_quotes: "thousands-quoted.csv" => Read;
    bad_thousands_separators: "thousands-bad.csv" => Refused;
    full_width_digits_and_percent: "fullwidth.csv" => Read;
    per_100_000_with_a_space: "unit-with-space.csv" => Read;
    missing_markers_are_not_errors: "missing-markers.csv" => Read;
    wide_form_with_bad_cells: "wide-bad-cell.csv" => Refused;
    // Years.
    year_outside_1949_to_2100: "year-out-of-range.csv" => Refused;
    year_not_numeric: "year-not-numeric.csv" => Refused;
    year_written_with_nian: "year-with-nian.csv" => Read;
    // Duplicates.
    conflicting_duplicates: "duplicate-conflicting.csv" => Refused;
    identical_duplicates_warn: "duplicate-identical.csv" => Read;
    duplicates_within_one_region_only: "region-duplicates.csv" => Refused;
    // Volume.
    sixty_errors_show_fifty: "many-errors.csv" => Refused;
}

#[test]
fn every_file_has_a_test() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/bad-input exists")
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut tested: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    tested.sort();
    tested.dedup();
    assert_eq!(on_disk, tested, "every file in tests/bad-input has a test, and every test its file");
    assert!(on_disk.len() >= 32, "the suite holds at least 32 files, not {}", on_disk.len());
}
