//! Property tests for the data loader, 10,000 cases each: no input makes it panic, decimals read back exactly,
//! and every data row of a file is accounted for (used, not used, or rejected).

use plancheck::dataset::read::{load_bytes, LoadOptions};
use plancheck::dataset::value::{convert, parse_cell, Cell, CellUnit};
use plancheck::dataset::Dataset;
use plancheck::diag::Diagnostics;
use plancheck::indicator::{Registry, Unit};
use plancheck::plan::{load_catalog, PlanSource};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::{Arc, OnceLock};

const CASES: u32 = 10_000;

/// 10,000 cases; the XorShift generator, as ChaCha alone took a quarter of the time in a debug build.
fn config() -> ProptestConfig {
    ProptestConfig { rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift, ..ProptestConfig::with_cases(CASES) }
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| load_catalog(&PlanSource::Embedded, &mut Diagnostics::new()).registry)
}

/// Loads bytes, renders the diagnostics (rendering must not panic either) and checks the row accounting.
fn load(bytes: &[u8], options: &LoadOptions) -> (Dataset, Diagnostics) {
    let mut diags = Diagnostics::new();
    let data = load_bytes(Arc::from("prop.csv"), bytes, registry(), options, &mut diags);
    let _ = diags.render(plancheck::words::Lang::Zh);
    let used: usize = registry().iter().map(|(id, _)| data.rows_of(id)).sum();
    assert_eq!(
        data.rows_read(),
        used + data.rows_unknown() + data.rows_rejected(),
        "every row read is used, set aside as unknown, or rejected"
    );
    let all: Vec<_> = registry().iter().map(|(id, _)| id).collect();
    let acc = data.accounting(&all);
    assert_eq!(acc.used + acc.unused + acc.rejected, acc.read, "{acc:?}");
    (data, diags)
}

// ---------------------------------------------------------------------------------------------------------
// (a) cells

/// Exact decimals in [0, 2^96): any mantissa, any scale up to 28.
fn decimals() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<u32>(), 0u32..=6).prop_map(|(m, s)| Decimal::new(m as i64, s)),
        (any::<u64>(), 0u32..=19).prop_map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s)),
        (0u128..(1u128 << 96), 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s)),
    ]
}

/// `1234567.50` → `1,234,567.50`.
fn with_thousands(text: &str) -> String {
    let (int, frac) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f)));
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
        .collect()
}

/// Strings of `len` characters drawn from `chars` (cheaper than a regex, which compiles on every case).
fn chars_of(chars: &'static str, len: std::ops::Range<usize>) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(prop::sample::select(chars.chars().collect::<Vec<_>>()), len).prop_map(String::from_iter)
}

/// Strings that look like cells: digits, separators, units, markers, spaces and a little of everything.
fn cell_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        chars_of("0123456789", 1..31),
        Just(".".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("：".to_string()),
        Just("%".to_string()),
        Just("％".to_string()),
        Just("‰".to_string()),
        Just("/10万".to_string()),
        Just("/10 万".to_string()),
        Just("岁".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("—".to_string()),
        Just("NA".to_string()),
        Just("无数据".to_string()),
        Just(" ".to_string()),
        Just("\u{3000}".to_string()),
        chars_of("０１２３４５６７８９．，", 1..6),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

fn units() -> [Unit; 6] {
    [Unit::Percent, Unit::Permille, Unit::PerHundredThousand, Unit::Ratio, Unit::Other("岁".into()), Unit::None]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_cell_never_panics_on_any_string(raw in any::<String>()) {
        if let Ok(Cell::Number { value, unit }) = parse_cell(&raw) {
            prop_assert!(!value.is_sign_negative() || value.is_zero(), "{raw:?} gave {value}");
            for target in units() {
                let _ = convert(value, &unit, &target, &raw);
            }
        }
    }

    #[test]
    fn parse_cell_never_panics_on_cell_like_strings(raw in cell_like()) {
        if let Ok(Cell::Number { value, unit }) = parse_cell(&raw) {
            prop_assert!(!value.is_sign_negative() || value.is_zero(), "{raw:?} gave {value}");
            for target in units() {
                let _ = convert(value, &unit, &target, &raw);
            }
        }
    }

    #[test]
    fn a_decimal_reads_back_exactly(d in decimals(), form in 0usize..6) {
        let text = d.to_string();
        let (raw, unit) = match form {
            0 => (text.clone(), CellUnit::Bare),
            1 => (format!(" {text}\t"), CellUnit::Bare),
            2 => (format!("{text}%"), CellUnit::Scaled(2)),
            3 => (format!("{}/10 万", full_width(&text)), CellUnit::Scaled(5)),
            4 => (with_thousands(&text), CellUnit::Bare),
            _ => (format!("{}‰", full_width(&with_thousands(&text))), CellUnit::Scaled(3)),
        };
        let cell = parse_cell(&raw);
        prop_assert_eq!(&cell, &Ok(Cell::Number { value: d, unit }), "{:?}", raw);
        // Exact to the written digits: the scale survives too (98.50 stays 98.50).
        if let Ok(Cell::Number { value, .. }) = cell {
            prop_assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn percent_and_permille_convert_exactly(d in decimals()) {
        // 1.5‰ is 0.15 %: ×10 and ÷10 are exact unless the decimal runs out of digits.
        if let Ok(per_mille) = convert(d, &CellUnit::Scaled(2), &Unit::Permille, "") {
            let back = convert(per_mille, &CellUnit::Scaled(3), &Unit::Percent, "");
            prop_assert_eq!(back, Ok(d));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// (b) arbitrary bytes

/// Bytes, sometimes behind a byte order mark, sometimes text with a few bytes spoiled.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let boms = prop_oneof![
        Just(vec![]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF]),
        Just(b"PK\x03\x04".to_vec()),
    ];
    let spoiled_text = (csv_text(), prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)).prop_map(
        |(text, spoils)| {
            let mut bytes = text.into_bytes();
            for (at, byte) in spoils {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
            }
            bytes
        },
    );
    let body = prop_oneof![prop::collection::vec(any::<u8>(), 0..600), spoiled_text];
    (boms, body).prop_map(|(mut bom, body)| {
        bom.extend(body);
        bom
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn load_bytes_never_panics_on_any_bytes(bytes in file_bytes(), allow_unknown in any::<bool>()) {
        let options = LoadOptions { allow_unknown, sheet: None };
        let (data, diags) = load(&bytes, &options);
        if data.rows_rejected() > 0 {
            prop_assert!(diags.has_errors(), "a rejected row always has an error saying why");
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// (c) CSV built from parts

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Indicator,
    Year,
    Value,
    Region,
    Note,
}

fn indicators() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "孕产妇死亡率",
        "maternal-mortality",
        " 孕产妇死亡率 ",
        "婴儿死亡率",
        "妇女人均预期寿命",
        "适龄妇女宫颈癌人群筛查率",
        "城镇公共厕所男女厕位比",
        "孕产妇死亡率（1/10万）",
    ]);
    // Unknown names less often: each costs a "did you mean" search through the registry (slow in debug builds).
    let unknown = prop::sample::select(vec!["孕产妇死忙率", "GDP增长率", "", "\""]);
    prop_oneof![5 => known, 1 => unknown].prop_map(str::to_string)
}

fn years() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "2020",
        "2021",
        "2025",
        "2025年",
        "２０２５",
        "2025.0",
        "1949",
        "2100",
        "1900",
        "2101",
        "二〇二五",
        "",
        "20x5",
        "-2025",
        "99999999999",
    ])
    .prop_map(str::to_string)
}

fn values() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "98.5",
        "98.5%",
        "98.5％",
        "１２．５",
        "1.5‰",
        "16.1/10万",
        "12.5/10 万",
        "1,234.5",
        "2:3",
        "1:1.2",
        "82.3岁",
        "-",
        "—",
        "NA",
        "无数据",
        "",
        "abc",
        "12,34",
        "-5",
        "12岁",
        "1.2.3",
        "0:1",
        "a,b",
        "x\"y",
        "line\nbreak",
        "\r",
        "1234567890123456789012345678901234567890",
        "9\u{0}5",
    ])
    .prop_map(str::to_string);
    prop_oneof![3 => fixed, 1 => cell_like(), 1 => decimals().prop_map(|d| d.to_string())]
}

fn regions() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["甲县", "乙县", " 甲县", ""]).prop_map(str::to_string)
}

fn notes() -> impl Strategy<Value = String> {
    // Any characters at all (not `any::<String>()`: its regex would compile again for every file).
    let anything = prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter);
    prop_oneof![Just(String::new()), chars_of("abcxyz ,\"\n", 0..13), anything]
}

fn cell(col: Col) -> BoxedStrategy<String> {
    match col {
        Col::Indicator => indicators().boxed(),
        Col::Year => years().boxed(),
        Col::Value => values().boxed(),
        Col::Region => regions().boxed(),
        Col::Note => notes().boxed(),
    }
}

/// A header: some of the long form's columns, in any order (the valid ones have indicator, year and value).
fn header() -> impl Strategy<Value = Vec<Col>> {
    let cols = vec![Col::Indicator, Col::Year, Col::Value, Col::Region, Col::Note];
    (Just(cols).prop_shuffle(), prop::collection::vec(any::<bool>(), 5), 0u8..10).prop_map(|(cols, keep, drop)| {
        // Mostly all of indicator/year/value (drop < 8), sometimes whatever the coin says.
        cols.into_iter()
            .zip(keep)
            .filter(|(c, k)| *k || (drop < 8 && matches!(c, Col::Indicator | Col::Year | Col::Value)))
            .map(|(c, _)| c)
            .collect()
    })
}

fn header_name(col: Col, chinese: bool) -> &'static str {
    match (col, chinese) {
        (Col::Indicator, false) => "indicator",
        (Col::Year, false) => "year",
        (Col::Value, false) => "value",
        (Col::Region, false) => "region",
        (Col::Note, false) => "note",
        (Col::Indicator, true) => "指标",
        (Col::Year, true) => "年份",
        (Col::Value, true) => "数值",
        (Col::Region, true) => "地区",
        (Col::Note, true) => "备注",
    }
}

/// A row of a header: its cells, and how it is cut or lengthened (ragged rows).
fn rows(cols: Vec<Col>) -> impl Strategy<Value = Vec<Vec<String>>> {
    let row = cols.iter().map(|&c| cell(c)).collect::<Vec<_>>();
    let ragged = prop_oneof![8 => Just(0i8), 1 => Just(-1i8), 1 => Just(1i8)];
    prop::collection::vec((row, ragged), 0..12).prop_map(|rows| {
        rows.into_iter()
            .map(|(mut cells, ragged)| {
                match ragged {
                    -1 => {
                        cells.pop();
                    }
                    1 => cells.push("extra".to_string()),
                    _ => {}
                }
                cells
            })
            .collect()
    })
}

/// One field as CSV writes it: quoted when it must be, and sometimes when it need not.
fn field(text: &str, quote: bool) -> String {
    let must = text.contains([',', '"', '\n', '\r', '\t']);
    if must || quote {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[derive(Debug, Clone)]
struct CsvFile {
    cols: Vec<Col>,
    rows: Vec<Vec<String>>,
    quote_seed: u64,
    chinese_header: bool,
    title: bool,
    line_end: &'static str,
    encoding: u8,
}

impl CsvFile {
    fn text(&self) -> String {
        let mut seed = self.quote_seed;
        let mut quote = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33).is_multiple_of(4)
        };
        let mut lines = Vec::new();
        if self.title {
            lines.push("2025年监测数据".to_string());
        }
        let names: Vec<String> =
            self.cols.iter().map(|&c| field(header_name(c, self.chinese_header), quote())).collect();
        lines.push(names.join(","));
        for row in &self.rows {
            lines.push(row.iter().map(|c| field(c, quote())).collect::<Vec<_>>().join(","));
        }
        let mut text = lines.join(self.line_end);
        text.push_str(self.line_end);
        text
    }

    fn bytes(&self) -> Vec<u8> {
        let text = self.text();
        match self.encoding {
            0 => text.into_bytes(),
            1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            2 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            _ => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        }
    }

    fn valid_header(&self) -> bool {
        [Col::Indicator, Col::Year, Col::Value].iter().all(|c| self.cols.contains(c))
    }

    /// Data rows with something in them (rows of blanks are skipped, not counted).
    fn data_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).count()
    }
}

fn csv_file() -> impl Strategy<Value = CsvFile> {
    header().prop_flat_map(|cols| {
        let line_end = prop::sample::select(vec!["\n", "\r\n", "\r"]);
        (rows(cols.clone()), any::<u64>(), any::<bool>(), prop::bool::weighted(0.2), line_end, 0u8..4).prop_map(
            move |(rows, quote_seed, chinese_header, title, line_end, encoding)| CsvFile {
                cols: cols.clone(),
                rows,
                quote_seed,
                chinese_header,
                title,
                line_end,
                encoding,
            },
        )
    })
}

/// Plain CSV text, for spoiling.
fn csv_text() -> impl Strategy<Value = String> {
    csv_file().prop_map(|f| f.text())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_row_of_a_csv_is_accounted_for(file in csv_file(), allow_unknown in any::<bool>()) {
        let options = LoadOptions { allow_unknown, sheet: None };
        let (data, diags) = load(&file.bytes(), &options);
        let refused = diags.items().iter().any(|d| d.code().as_str() == "bad-encoding");
        if refused {
            // The one whole-file refusal: a NUL byte, which no GB18030 text holds (binary data does).
            prop_assert!(file.encoding == 2 && file.text().contains('\0'), "{:?}", file.text());
            prop_assert_eq!(data.rows_read(), 0);
        } else if file.valid_header() {
            // A row without data (its only text a note, a heading or a total) is skipped, with a warning.
            let skipped = diags.items().iter().filter(|d| matches!(d.message, plancheck::diag::Message::StrayRow { .. })).count();
            prop_assert_eq!(data.rows_read() + skipped, file.data_rows(), "every data row is read or skipped:\n{}", file.text());
        } else {
            prop_assert!(diags.has_errors(), "a file without a valid header is an error:\n{}", file.text());
            prop_assert_eq!(data.rows_read(), data.rows_rejected());
        }
        if data.rows_rejected() > 0 {
            prop_assert!(diags.has_errors(), "a rejected row always has an error saying why:\n{}", file.text());
        }
        if file.title && file.valid_header() && !refused {
            prop_assert!(diags.items().iter().any(|d| d.code().as_str() == "skipped-row"), "the title row is reported");
        }
        let total_points: usize = data.value_count();
        prop_assert!(total_points <= data.rows_read(), "one value per long-form row at most");
    }
}
