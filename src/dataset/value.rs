//! One cell of a data file: a number with an optional unit, or a missing marker. Cells come as people type
//! them — `98.5%`, `98.5％`, `1.5‰`, `16.1/10万`, `12.5/10 万`, full-width digits, `"1,234"`, `2:3` — and become an
//! exact decimal in the indicator's own unit. % ‰ 1/10万 are exact powers of ten apart; any other unit must be
//! the indicator's. Missing markers (empty, `-`, `—`, `NA`, `无数据`) mean missing, never zero.

use crate::indicator::Unit;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Missing,
    Number { value: Decimal, unit: CellUnit },
}

/// The unit written in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellUnit {
    /// No unit: the value is in the indicator's unit.
    Bare,
    /// %, ‰ or 1/10万: the power of ten (2, 3, 5).
    Scaled(u32),
    /// Written as a ratio `a:b`; the value is b/a.
    Ratio,
    /// Another unit word (岁, 万人, ...).
    Word(String),
}

/// Why a cell cannot be read ([`crate::words`] says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    NotANumber(String),
    TooLarge(String),
    Negative(String),
    BadUnit {
        cell: String,
        unit: String,
    },
    /// An Excel error value (`#DIV/0!`, `#VALUE!`, ...): a formula that could not be computed.
    ExcelError(String),
}

/// At most this many characters of a cell are quoted in a message.
pub const QUOTED_AT_MOST: usize = 48;

/// A cell's text as a message quotes it: a long one is cut, saying how long it was.
pub fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count <= QUOTED_AT_MOST {
        return text.to_string();
    }
    let head: String = text.chars().take(QUOTED_AT_MOST).collect();
    format!("{head}… ({count} characters)")
}

const MISSING: [&str; 10] = ["", "-", "—", "–", "——", "NA", "N/A", "#N/A", "无数据", "无"];

/// The error values Excel shows in a cell whose formula cannot be computed (`#N/A` is missing, not an error).
pub const EXCEL_ERRORS: [&str; 11] = [
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
];

/// Is the cell Excel's `#N/A` (no value available), which reads as missing with a warning?
pub fn is_not_available(raw: &str) -> bool {
    raw.trim().eq_ignore_ascii_case("#N/A")
}

/// Reads a cell.
pub fn parse_cell(raw: &str) -> Result<Cell, ValueError> {
    let folded = fold(raw);
    if MISSING.iter().any(|m| m.eq_ignore_ascii_case(&folded)) {
        return Ok(Cell::Missing);
    }
    if EXCEL_ERRORS.iter().any(|e| e.eq_ignore_ascii_case(&folded)) {
        return Err(ValueError::ExcelError(folded.to_uppercase()));
    }
    if let Some((a, b)) = folded.split_once(':') {
        let (first, second) = (number(a, raw)?, number(b, raw)?);
        let value = second.checked_div(first).ok_or_else(|| ValueError::NotANumber(raw.to_string()))?;
        return Ok(Cell::Number { value, unit: CellUnit::Ratio });
    }
    let (digits, unit) = split_unit(&folded);
    let value = number(digits, raw)?;
    Ok(Cell::Number { value, unit: parse_unit(unit) })
}

/// Folds full-width forms to ASCII and drops every kind of space: the one folding of names and cells.
fn fold(raw: &str) -> String {
    crate::indicator::normalize_name(raw)
}

/// A unit as written in a cell or a unit column: %, ‰ and 1/10万 in their spellings, `:` for a ratio's
/// quotient, or another word.
pub fn parse_unit(text: &str) -> CellUnit {
    match fold(text).as_str() {
        "" => CellUnit::Bare,
        "%" | "百分比" | "百分率" => CellUnit::Scaled(2),
        "‰" | "千分比" | "千分率" => CellUnit::Scaled(3),
        "/10万" | "1/10万" | "/100000" | "1/100000" | "十万分之一" | "/十万" => CellUnit::Scaled(5),
        word => CellUnit::Word(word.to_string()),
    }
}

/// `16.1/10万` → (`16.1`, `/10万`); `82.3岁` → (`82.3`, `岁`).
fn split_unit(folded: &str) -> (&str, &str) {
    let end = folded
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || ((c == '-' || c == '+') && i == 0)))
        .map_or(folded.len(), |(i, _)| i);
    folded.split_at(end)
}

fn number(text: &str, raw: &str) -> Result<Decimal, ValueError> {
    let cleaned = thousands(text).ok_or_else(|| ValueError::NotANumber(raw.to_string()))?;
    let digits = cleaned.trim_start_matches(['+', '-']);
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && digits != ".";
    if !well_formed {
        return Err(ValueError::NotANumber(raw.to_string()));
    }
    let value = Decimal::from_str(&cleaned).map_err(|_| ValueError::TooLarge(raw.to_string()))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ValueError::Negative(raw.to_string()));
    }
    Ok(value)
}

/// Drops thousands separators (`1,234,567.5`); a comma anywhere else makes the text no number.
fn thousands(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let int_part = text.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.trim_start_matches(['+', '-']).split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| text.replace(',', ""))
}

/// The cell's value in the indicator's unit.
pub fn convert(value: Decimal, cell: &CellUnit, unit: &Unit, raw: &str) -> Result<Decimal, ValueError> {
    let bad = || ValueError::BadUnit { cell: raw.to_string(), unit: unit.to_string() };
    match cell {
        CellUnit::Bare => Ok(value),
        CellUnit::Scaled(from) => {
            let to = unit.scale().ok_or_else(bad)?;
            rescale(value, *from, to).ok_or_else(|| ValueError::TooLarge(raw.to_string()))
        }
        CellUnit::Ratio if *unit == Unit::Ratio => Ok(value),
        CellUnit::Ratio => Err(bad()),
        CellUnit::Word(word) => match unit {
            Unit::Other(own) if crate::indicator::normalize_name(own) == *word => Ok(value),
            // `5x8` and control characters are no unit word: the cell is no number at all.
            _ if word.chars().any(|c| c.is_ascii_digit() || c == '.' || c.is_control()) => {
                Err(ValueError::NotANumber(raw.to_string()))
            }
            _ => Err(bad()),
        },
    }
}

/// value × 10^(to − from), exactly.
fn rescale(value: Decimal, from: u32, to: u32) -> Option<Decimal> {
    let factor = Decimal::from(10u64.pow(from.abs_diff(to)));
    if to >= from {
        value.checked_mul(factor)
    } else {
        value.checked_div(factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    fn num(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test_case("98.5", "98.5", CellUnit::Bare)]
    #[test_case("98.5%", "98.5", CellUnit::Scaled(2))]
    #[test_case("\u{FF19}\u{FF18}\u{FF0E}\u{FF15}\u{FF05}", "98.5", CellUnit::Scaled(2); "full width")]
    #[test_case("1.5‰", "1.5", CellUnit::Scaled(3))]
    #[test_case("16.1/10万", "16.1", CellUnit::Scaled(5))]
    #[test_case("12.5/10 万", "12.5", CellUnit::Scaled(5))]
    #[test_case(" 1,234.5 ", "1234.5", CellUnit::Bare)]
    #[test_case("82.3岁", "82.3", CellUnit::Word("岁".into()))]
    #[test_case("2:3", "1.5", CellUnit::Ratio)]
    #[test_case("2：3", "1.5", CellUnit::Ratio)]
    fn cells_read_as_written(raw: &str, value: &str, unit: CellUnit) {
        assert_eq!(parse_cell(raw), Ok(Cell::Number { value: num(value), unit }));
    }

    #[test_case(""; "empty")]
    #[test_case("-"; "dash")]
    #[test_case("—"; "em dash")]
    #[test_case("NA"; "na")]
    #[test_case("无数据"; "no data")]
    #[test_case("　"; "ideographic space")]
    fn missing_markers_are_missing_not_zero(raw: &str) {
        assert_eq!(parse_cell(raw), Ok(Cell::Missing));
    }

    #[test_case("abc", "bad-value")]
    #[test_case("1.2.3", "bad-value")]
    #[test_case("12,34", "bad-value")]
    #[test_case("-5", "negative-value")]
    #[test_case("99999999999999999999999999999999", "bad-value")]
    #[test_case("#DIV/0!", "bad-value")]
    #[test_case("#value!", "bad-value")]
    fn bad_cells_say_why(raw: &str, code: &str) {
        let code_of = |e: ValueError| crate::diag::Message::Value(e).code().as_str();
        assert_eq!(parse_cell(raw).map_err(code_of), Err(code));
    }

    #[test]
    fn excel_not_available_is_missing() {
        assert_eq!(parse_cell("#N/A"), Ok(Cell::Missing));
        assert!(is_not_available(" #N/A "));
    }

    #[test_case("‰", CellUnit::Scaled(3))]
    #[test_case("1/10万", CellUnit::Scaled(5))]
    #[test_case("％", CellUnit::Scaled(2))]
    #[test_case("", CellUnit::Bare)]
    #[test_case("岁", CellUnit::Word("岁".into()))]
    fn units_as_a_unit_column_writes_them(text: &str, unit: CellUnit) {
        assert_eq!(parse_unit(text), unit);
    }

    #[test]
    fn permille_converts_exactly_into_percent_and_back() {
        assert_eq!(convert(num("1.5"), &CellUnit::Scaled(3), &Unit::Percent, "1.5‰"), Ok(num("0.15")));
        assert_eq!(convert(num("0.15"), &CellUnit::Scaled(2), &Unit::Permille, "0.15%"), Ok(num("1.5")));
        assert_eq!(convert(num("0.01"), &CellUnit::Scaled(2), &Unit::PerHundredThousand, "0.01%"), Ok(num("10")));
    }

    #[test]
    fn a_unit_that_is_not_the_indicators_is_an_error() {
        let err = convert(num("12"), &CellUnit::Word("岁".into()), &Unit::Percent, "12岁").unwrap_err();
        assert_eq!(err, ValueError::BadUnit { cell: "12岁".into(), unit: "%".into() });
        assert!(convert(num("82"), &CellUnit::Word("岁".into()), &Unit::Other("岁".into()), "82岁").is_ok());
        assert!(convert(num("5"), &CellUnit::Scaled(2), &Unit::Other("岁".into()), "5%").is_err());
    }
}
