//! A numeric cell as the analyst sees it: the stored binary number read the way Excel displays and compares it
//! (15 significant digits), shown in the unit its number format gives it (`0.0%` shows the value × 100 as a
//! percent; `0.0"‰"` shows the value with a ‰ after it), as the text the row reader then parses like any typed
//! cell (`6.1%`). It never decides what a value means for a target.

use rust_decimal::{Decimal, RoundingStrategy};

/// Excel keeps and compares numbers to 15 significant digits.
pub const SIGNIFICANT_DIGITS: u32 = 15;

/// How a number format shows a number, as far as its meaning goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// The number itself (`General`, `0.00`, `#,##0`, `@`, dates are told apart by calamine).
    #[default]
    Plain,
    /// A `%` in the format: the stored value × 100, as a percent.
    Percent,
    /// A literal unit after the number (`0.0"‰"`, `0.0\%`, `0.00"/10万"`): the stored value in that unit.
    Suffix(&'static str),
}

/// How the number format `code` shows a positive number (its first section: zero reads the same in any unit,
/// and negative values are refused whatever their unit). A `%` outside quotes, escapes and brackets scales the
/// value; a unit written as literal text (quoted, escaped or bare) only names it.
pub fn show_of(code: &str) -> Show {
    let (mut percent, mut literal) = (false, String::new());
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => literal.extend(chars.by_ref().take_while(|&q| q != '"')),
            '\\' => literal.extend(chars.next()),
            '[' => chars.by_ref().take_while(|&b| b != ']').for_each(drop),
            // `_x` leaves the width of x, `*x` fills with x: neither shows x as text.
            '_' | '*' => drop(chars.next()),
            '%' => percent = true,
            c if !is_code(c) => literal.push(c),
            _ => {}
        }
    }
    if percent {
        return Show::Percent;
    }
    match super::super::value::parse_unit(&literal) {
        super::super::value::CellUnit::Scaled(2) => Show::Suffix("%"),
        super::super::value::CellUnit::Scaled(3) => Show::Suffix("‰"),
        super::super::value::CellUnit::Scaled(5) => Show::Suffix("/10万"),
        _ => Show::Plain,
    }
}

/// The characters of a number format that stand for digits or their punctuation, not for text.
fn is_code(c: char) -> bool {
    matches!(c, '0' | '#' | '?' | '.' | ',' | 'E' | 'e' | '+' | '-' | ' ' | '(' | ')' | '$' | '@')
        || c.is_ascii_digit()
        || c.is_ascii_alphabetic()
}

/// The built-in number formats (ids below 164) that hold a percent: `0%` and `0.00%`. The other built-in ids
/// are numbers, dates, fractions or text.
pub fn builtin_show(id: u32) -> Show {
    match id {
        9 | 10 => Show::Percent,
        _ => Show::Plain,
    }
}

/// The stored number `value` as Excel displays it, rounded to 15 significant digits, in the unit of `show`:
/// 94.99999999999999 → `95`, 0.061 under `0.0%` → `6.1%`, 1.5 under `0.0"‰"` → `1.5‰`.
///
/// The conversion is exact: the shortest text that reads back as the same binary number (Rust's `{:e}`) is
/// read as a decimal and rounded to 15 significant digits, half away from zero; a percent is then × 100, in
/// decimal. A number no decimal holds (beyond ±7.9e28, or more than 28 places) is written as Excel writes it
/// (`1E+300`), which the row reader refuses as no number; infinity and NaN, which no cell can hold, are
/// Excel's `#NUM!`.
pub fn number_text(value: f64, show: Show) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    let Some(rounded) = excel_decimal(value) else { return scientific(value) };
    let (shown, unit) = match show {
        Show::Plain => (Some(rounded), ""),
        Show::Percent => (rounded.checked_mul(Decimal::ONE_HUNDRED), "%"),
        Show::Suffix(unit) => (Some(rounded), unit),
    };
    match shown {
        Some(d) => format!("{}{unit}", d.normalize()),
        None => scientific(value),
    }
}

/// The stored number as a decimal of at most 15 significant digits, when a decimal holds it.
pub fn excel_decimal(value: f64) -> Option<Decimal> {
    let shortest = format!("{value:e}");
    let exact = Decimal::from_scientific(&shortest).ok()?;
    exact.round_sf_with_strategy(SIGNIFICANT_DIGITS, RoundingStrategy::MidpointAwayFromZero)
}

/// `1E+300`, `1.5E-30`: Excel's General form of a number too large or too small for a decimal.
fn scientific(value: f64) -> String {
    let text = format!("{value:.14E}");
    let (mantissa, exponent) = text.split_once('E').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
    match exponent.strip_prefix('-') {
        Some(e) => format!("{mantissa}E-{e}"),
        None => format!("{mantissa}E+{exponent}"),
    }
}

/// A date cell as the date it shows (`2025-01-01`), from its serial number in the 1900 or the 1904 date
/// system; a time of day is left out (a value or a year is never a date).
pub fn date_text(serial: f64, is_1904: bool) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return number_text(serial, Show::Plain);
    }
    let whole = serial.floor() as i64;
    // Serial 60 is 1900-02-29, a day that never was (Lotus's leap year, kept by Excel); later serials are
    // one day ahead of the true count from 1899-12-31.
    let days = match (is_1904, whole) {
        (true, d) => d + 1461,
        (false, d) if d >= 61 => d - 1,
        (false, 60) => return "1900-02-29".to_string(),
        (false, d) => d,
    };
    let (y, m, d) = civil_from_days(days + days_from_civil(1899, 12, 31));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case(94.99999999999999, "95"; "formula residue below")]
    #[test_case(11.999999999999998, "12"; "residue below twelve")]
    #[test_case(0.1 + 0.2, "0.3"; "a sum of tenths")]
    #[test_case(95.00000000000001, "95"; "residue above")]
    #[test_case(98.5, "98.5"; "a plain number")]
    #[test_case(2025.0, "2025"; "a year")]
    #[test_case(0.00012345678901234568, "0.000123456789012346"; "fifteen digits of a small number")]
    #[test_case(123456789012345678.0, "123456789012346000"; "fifteen digits of a large number")]
    #[test_case(0.5, "0.5"; "a half")]
    #[test_case(-0.0, "0"; "negative zero")]
    #[test_case(1e300, "1E+300"; "beyond a decimal")]
    #[test_case(1.5e-30, "1.5E-30"; "below a decimal")]
    #[test_case(f64::NAN, "#NUM!"; "not a number")]
    fn numbers_read_as_excel_shows_them(value: f64, text: &str) {
        assert_eq!(number_text(value, Show::Plain), text);
    }

    #[test]
    fn fifteen_digits_round_half_away_from_zero() {
        // 0.1234567890123455 is stored a little below its text; its shortest text ends in 5, which rounds up.
        assert_eq!(number_text(0.1234567890123455, Show::Plain), "0.123456789012346");
        assert_eq!(number_text(1.000000000000005, Show::Plain), "1.00000000000001");
    }

    #[test_case(0.061, Show::Percent, "6.1%")]
    #[test_case(0.962, Show::Percent, "96.2%")]
    #[test_case(1.0, Show::Percent, "100%")]
    #[test_case(0.95 - 1e-17, Show::Percent, "95%"; "residue in a percent")]
    #[test_case(1.5, Show::Suffix("‰"), "1.5‰")]
    #[test_case(16.1, Show::Suffix("/10万"), "16.1/10万")]
    fn a_format_gives_the_unit(value: f64, show: Show, text: &str) {
        assert_eq!(number_text(value, show), text);
    }

    #[test_case("General", Show::Plain)]
    #[test_case("0.00", Show::Plain)]
    #[test_case("#,##0", Show::Plain)]
    #[test_case("@", Show::Plain)]
    #[test_case("0%", Show::Percent)]
    #[test_case("0.0%", Show::Percent)]
    #[test_case("[$-804]0.0%;[Red]-0.0%", Show::Percent; "locale and colour")]
    #[test_case("0.0\"‰\"", Show::Suffix("‰"); "a quoted permille")]
    #[test_case("0.0‰", Show::Suffix("‰"); "a bare permille")]
    #[test_case("0.0\\%", Show::Suffix("%"); "an escaped percent names the unit")]
    #[test_case("0.0\"%\"", Show::Suffix("%"); "a quoted percent names the unit")]
    #[test_case("0.00\"/10万\"", Show::Suffix("/10万"))]
    #[test_case("0.0\"岁\"", Show::Plain; "another word is display only")]
    #[test_case("#,##0.0_);(#,##0.0)", Show::Plain)]
    #[test_case("0.0;-0.0;\"-\";@\"%\"", Show::Plain; "only the first section counts")]
    #[test_case("0.0_%", Show::Plain; "a width is no percent")]
    fn number_formats_read(code: &str, show: Show) {
        assert_eq!(show_of(code), show);
    }

    #[test]
    fn builtin_percent_formats() {
        assert_eq!(builtin_show(9), Show::Percent);
        assert_eq!(builtin_show(10), Show::Percent);
        assert_eq!(builtin_show(2), Show::Plain);
        assert_eq!(builtin_show(14), Show::Plain);
    }

    #[test_case(45658.0, false, "2025-01-01")]
    #[test_case(1.0, false, "1900-01-01")]
    #[test_case(60.0, false, "1900-02-29")]
    #[test_case(61.0, false, "1900-03-01")]
    #[test_case(0.0, true, "1904-01-01")]
    #[test_case(44196.75, false, "2020-12-31"; "a time of day is left out")]
    fn dates_as_they_show(serial: f64, is_1904: bool, text: &str) {
        assert_eq!(date_text(serial, is_1904), text);
    }
}
