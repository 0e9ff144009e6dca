//! Numbers as plan documents write them: decimal digits (full-width too), Chinese numerals before a measure
//! word (至少配备一名, 二级标准), the unit written after a number (%, ‰, /10万, 岁, 小时, 个, …), and years and
//! periods (2021—2030, 十四五). Every number is an exact decimal.

use rust_decimal::Decimal;
use std::str::FromStr;

/// A number found in a text, with the unit written after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    /// The unit word after it, as the registry writes units (`%`, `‰`, `1/10万`, `岁`, ...); empty if none.
    pub unit: String,
    /// Character offsets of the number (and its unit) in the folded text.
    pub start: usize,
    pub end: usize,
}

/// Units that may follow a number, longest first, with the registry's spelling.
const UNITS: &[(&str, &str)] = &[
    ("/10万", "1/10万"),
    ("平方米", "平方米"),
    ("个百分点", "个百分点"),
    ("万人", "万人"),
    ("万户", "万户"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("%", "%"),
    ("‰", "‰"),
    ("岁", "岁"),
    ("年", "年"),
    ("个", "个"),
    ("所", "所"),
    ("名", "名"),
    ("人", "人"),
    ("张", "张"),
    ("次", "次"),
    ("座", "座"),
    ("户", "户"),
    ("项", "项"),
    ("天", "天"),
    ("级", "级"),
    ("家", "家"),
    ("件", "件"),
    ("倍", "倍"),
];

/// The text as numbers are read in it: no whitespace, full-width ASCII folded, brackets and ％ unified.
pub fn fold(text: &str) -> String {
    crate::indicator::normalize_name(text).replace('％', "%")
}

/// A Chinese digit.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Every number of a folded text, in order. A Chinese numeral counts only before a measure word, as
/// `plancheck lint` reads it, so that 一流 or 二〇三五 stay words.
pub fn numbers(folded: &str) -> Vec<Number> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (value, end) = match read_digits(&chars, i).or_else(|| read_chinese(&chars, i)) {
            Some(found) => found,
            None => {
                i += 1;
                continue;
            }
        };
        let rest: String = chars[end..chars.len().min(end + 6)].iter().collect();
        let unit = UNITS.iter().find(|(w, _)| rest.starts_with(w));
        let unit_len = unit.map_or(0, |(w, _)| w.chars().count());
        let unit = match unit {
            Some((_, u)) => u.to_string(),
            None => span_unit(&chars, end),
        };
        out.push(Number { value, unit, start: i, end: end + unit_len });
        i = (end + unit_len).max(i + 1);
    }
    out
}

/// The unit of a span's second number (2－3所: the 2 is in 所 too).
fn span_unit(chars: &[char], end: usize) -> String {
    if !chars.get(end).is_some_and(|c| "-—~～".contains(*c)) {
        return String::new();
    }
    let Some((_, second_end)) = read_digits(chars, end + 1) else { return String::new() };
    let rest: String = chars[second_end..chars.len().min(second_end + 6)].iter().collect();
    UNITS.iter().find(|(w, _)| rest.starts_with(w)).map_or(String::new(), |(_, u)| u.to_string())
}

fn read_digits(chars: &[char], start: usize) -> Option<(Decimal, usize)> {
    if !chars.get(start)?.is_ascii_digit() || start > 0 && chars[start - 1].is_ascii_digit() {
        return None;
    }
    let mut end = start;
    while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.' && next_is_digit(chars, end)) {
        end += 1;
    }
    let text: String = chars[start..end].iter().collect();
    Decimal::from_str(&text).ok().map(|d| (d.normalize(), end))
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
}

/// 一名, 两项, 二级, 十个: a Chinese numeral (one digit, or 十) right before a measure word.
fn read_chinese(chars: &[char], start: usize) -> Option<(Decimal, usize)> {
    let c = *chars.get(start)?;
    let value = if c == '十' { 10 } else { chinese_digit(c).filter(|&n| n > 0)? };
    let counted = chars.get(start + 1).is_some_and(|n| "名项级个所人次位家岁倍成".contains(*n));
    let before_ok = start == 0 || chinese_digit(chars[start - 1]).is_none() && chars[start - 1] != '十';
    (counted && before_ok).then(|| (Decimal::from(value), start + 1))
}

/// Four-digit years in a folded text, with their character offsets.
pub fn years(folded: &str) -> Vec<(i32, usize)> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let run = chars[i..i + 4].iter().all(|c| c.is_ascii_digit());
        let alone = (i == 0 || !chars[i - 1].is_ascii_digit()) && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if run && alone {
            let y: String = chars[i..i + 4].iter().collect();
            if let Ok(y) = y.parse::<i32>() {
                if (1990..=2100).contains(&y) {
                    out.push((y, i));
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// The plan period a title or line names: `2021—2030`, `2021-2030 年`, or a five-year plan (十四五 = 2021–2025).
pub fn chinese_year_span(text: &str) -> Option<(i32, i32)> {
    let folded = fold(text);
    let ys = years(&folded);
    if let [(a, _), (b, _), ..] = ys.as_slice() {
        if a < b && b - a <= 15 {
            return Some((*a, *b));
        }
    }
    let five_year = [("十四五", (2021, 2025)), ("十五五", (2026, 2030)), ("十三五", (2016, 2020))];
    five_year.iter().find(|(w, _)| folded.contains(w)).map(|(_, span)| *span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String)> {
        numbers(&fold(text)).into_iter().map(|n| (n.value.to_string(), n.unit)).collect()
    }

    #[test]
    fn digits_units_and_chinese_numerals() {
        let v = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(values("控制在12/10 万以下"), vec![v("12", "1/10万")]);
        assert_eq!(values("达到 98％以上"), vec![v("98", "%")]);
        assert_eq!(values("至少配备一名女干部"), vec![v("1", "名")]);
        assert_eq!(values("延长至 78.1 岁"), vec![v("78.1", "岁")]);
        assert_eq!(values("一流的服务"), vec![]);
    }

    #[test]
    fn periods_from_years_or_five_year_plans() {
        assert_eq!(chinese_year_span("（2021－2030年）"), Some((2021, 2030)));
        assert_eq!(chinese_year_span("高平市妇女发展“十四五”规划"), Some((2021, 2025)));
        assert_eq!(chinese_year_span("规划"), None);
    }
}
