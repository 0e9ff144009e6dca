//! A clause's predicate read as the SPEC's rule table defines it: where the predicate starts (so that the words
//! before it, or after a leading verb, name the quantity), its kind, and its numbers. 以上/以下/以内/不低于/不高于
//! include the number (`min`/`max`); 超过/高于/低于/不足/< and > exclude it (`gt`/`lt`).

use super::number::{numbers, Number};
use rust_decimal::Decimal;

/// What a predicate says, before the quantity it is about is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Says {
    /// A level: min, max, gt, lt, eq, approx, with one number per quantity (分别 lists several).
    Level {
        op: Op,
        values: Vec<Number>,
    },
    Range {
        low: Decimal,
        high: Decimal,
    },
    Ratio {
        first: Decimal,
        second: Decimal,
    },
    /// 以2020年为基数下降X% (percent) or 每年降低X个百分点 (per year).
    DecreaseBy {
        value: Decimal,
        per_year: bool,
    },
    Increase,
    IncreaseYearly,
    Decrease,
    Maintain,
    Balance,
    SlowRise,
    /// 消除 / 基本消除.
    Eliminate {
        basic: bool,
    },
    /// 缩小…差距: the words naming the gap (城乡, 男女, 两性 and the quantity).
    Gap,
    /// 不低于本地区…比例 (`at_least`) or 与…相适应 (`matching`): the reference's words.
    Relative {
        reference: String,
        matching: bool,
    },
}

/// A comparison with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Min,
    Max,
    Gt,
    Lt,
    Eq,
    Approx,
}

/// A predicate found in a folded clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    pub says: Says,
    /// Character offset where the predicate starts.
    pub start: usize,
    /// Where the predicate's own words end (the quantity of a leading verb follows them).
    pub verb_end: usize,
    /// The verb comes first (提高生育保险参保率): the quantity follows it.
    pub verb_first: bool,
}

/// Words that open a predicate, longest first within each group, with what they say when no number follows.
const TREND_WORDS: &[(&str, Trend)] = &[
    ("上升趋势得到有效控制", Trend::SlowRise),
    ("上升趋势得到遏制", Trend::SlowRise),
    ("上升趋势减缓", Trend::SlowRise),
    ("上升势头得到遏制", Trend::SlowRise),
    ("逐年提高", Trend::IncreaseYearly),
    ("逐年增加", Trend::IncreaseYearly),
    ("逐年上升", Trend::IncreaseYearly),
    ("逐年提升", Trend::IncreaseYearly),
    ("趋于平衡", Trend::Balance),
    ("趋于正常", Trend::Balance),
    ("保持合理比例", Trend::Maintain),
    ("巩固提高", Trend::Maintain),
    ("基本消除", Trend::EliminateBasic),
    ("消除", Trend::Eliminate),
    ("得到有效控制", Trend::Decrease),
    ("得到控制", Trend::Decrease),
    ("有效控制", Trend::Decrease),
    ("控制和减少", Trend::Decrease),
    ("提高", Trend::Increase),
    ("提升", Trend::Increase),
    ("增加", Trend::Increase),
    ("增长", Trend::Increase),
    ("上升", Trend::Increase),
    ("延长", Trend::Increase),
    ("扩大", Trend::Increase),
    ("增多", Trend::Increase),
    ("降低", Trend::Decrease),
    ("下降", Trend::Decrease),
    ("减少", Trend::Decrease),
    ("减低", Trend::Decrease),
    ("巩固", Trend::Maintain),
    ("保持", Trend::Maintain),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trend {
    Increase,
    IncreaseYearly,
    Decrease,
    Maintain,
    Balance,
    SlowRise,
    Eliminate,
    EliminateBasic,
}

/// Words that open a predicate only when a number follows them.
const LEVEL_WORDS: &[&str] = &[
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "至少",
    "低于",
    "高于",
    "超过",
    "不足",
    "小于",
    "大于",
    "控制在",
    "保持在",
    "稳定在",
    "达到",
    "达",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增至",
    "增加到",
    "延长至",
    "延长到",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "降至",
    "降到",
    "≥",
    "≤",
    "<",
    ">",
    "为",
    "设立",
    "建设",
    "建成",
    "新建",
    "建立",
    "扩建",
    "迁建",
    "改造",
    "设置",
];

/// Level words that build something: a count the registry must know, never a new indicator.
pub const BUILD_WORDS: &[&str] = &["设立", "建设", "建成", "新建", "建立", "扩建", "迁建", "改造", "设置"];

/// Adverbs that may stand between the quantity and its predicate (分别控制在, 逐步提高): they belong to the
/// predicate.
const ADVERBS: &[&str] = &[
    "分别",
    "均",
    "逐步",
    "不断",
    "持续",
    "稳步",
    "明显",
    "显著",
    "进一步",
    "继续",
    "一般",
    "总体",
    "基本",
    "有效",
    "大幅",
    "稳定",
    "全面",
    "要",
    "力争",
    "努力",
    "切实",
    "普遍",
    "较快",
    "预防和",
    "控制和",
    "并",
    "适度",
    "适当",
    "大力",
];

/// Reads the predicate of a folded clause, if it has one.
pub fn predicate(folded: &str) -> Option<Predicate> {
    let chars: Vec<char> = folded.chars().collect();
    if let Some(p) = special(folded, &chars) {
        return Some(p);
    }
    let mut trends: Vec<Predicate> = Vec::new();
    let mut skip = 0;
    for (start, (byte, c)) in folded.char_indices().enumerate() {
        if !c.is_ascii_digit() && !opens_a_word(c) {
            continue;
        }
        let rest = &folded[byte..];
        if let Some(p) = level_at(&chars, start, rest) {
            return Some(p);
        }
        if start < skip {
            continue; // inside the trend words just read (上升趋势得到有效控制 holds 有效控制)
        }
        let trend = TREND_WORDS.iter().find(|(w, _)| rest.starts_with(w));
        // 巩固率, 提高率: the word is part of a name.
        let trend = trend.filter(|(w, _)| chars.get(start + w.chars().count()) != Some(&'率'));
        if let Some((word, trend)) = trend {
            let after = start + word.chars().count();
            // 提高到95%: a trend word followed by a level is the level.
            if let Some(p) = level_after_trend(&chars, start, after) {
                return Some(p);
            }
            let verb_first = subject_end(&chars, start) == 0
                || chars[..start].iter().collect::<String>().trim_matches(is_filler).is_empty();
            trends.push(Predicate { says: trend_says(*trend), start, verb_end: after, verb_first });
            skip = after;
        }
    }
    // A verb that opens the clause governs it (提高生育保险参保率); otherwise the last trend word is the
    // predicate, and earlier ones belong to the name (残疾儿童义务教育巩固水平进一步提高).
    match trends.first() {
        Some(first) if first.verb_first => trends.into_iter().next(),
        _ => trends.pop(),
    }
}

/// Can a predicate word start with this character? (Most characters of a clause cannot: skip them quickly.)
fn opens_a_word(c: char) -> bool {
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let words = LEVEL_WORDS.iter().copied().chain(TREND_WORDS.iter().map(|(w, _)| *w));
        let mut v: Vec<char> = words.filter_map(|w| w.chars().next()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    first.binary_search(&c).is_ok()
}

fn is_filler(c: char) -> bool {
    "并且要再".contains(c)
}

fn trend_says(t: Trend) -> Says {
    match t {
        Trend::Increase => Says::Increase,
        Trend::IncreaseYearly => Says::IncreaseYearly,
        Trend::Decrease => Says::Decrease,
        Trend::Maintain => Says::Maintain,
        Trend::Balance => Says::Balance,
        Trend::SlowRise => Says::SlowRise,
        Trend::Eliminate => Says::Eliminate { basic: false },
        Trend::EliminateBasic => Says::Eliminate { basic: true },
    }
}

/// Predicates that the word-by-word scan would misread: gaps, relations, paces, ratios, 全覆盖.
fn special(folded: &str, chars: &[char]) -> Option<Predicate> {
    let at = |w: &str| folded.find(w).map(|b| folded[..b].chars().count());
    let whole = |says, start| Some(Predicate { says, start, verb_end: start, verb_first: false });
    if folded.contains("差距") && folded.contains("缩小") {
        return whole(Says::Gap, 0);
    }
    for word in ["不低于本地区", "不少于本地区"] {
        if let Some(start) = at(word) {
            let reference = folded[folded.find(word)? + "不低于".len()..].to_string();
            return whole(Says::Relative { reference, matching: false }, start);
        }
    }
    if let (Some(with), Some(end)) = (folded.rfind('与'), folded.find("相适应")) {
        if with < end {
            let reference = folded[with + '与'.len_utf8()..end].to_string();
            return whole(Says::Relative { reference, matching: true }, folded[..with].chars().count());
        }
    }
    if let Some(start) = at("为基数下降").or_else(|| at("为基数降低")) {
        let n = numbers(folded).into_iter().find(|n| n.start > start && n.unit == "%")?;
        return whole(Says::DecreaseBy { value: n.value, per_year: false }, begin_of("以", chars, start));
    }
    if let Some(start) = at("每年降低").or_else(|| at("每年下降")) {
        let n = numbers(folded).into_iter().find(|n| n.start > start && n.unit == "个百分点")?;
        return whole(Says::DecreaseBy { value: n.value, per_year: true }, start);
    }
    if let Some(start) = at("全覆盖") {
        let says = Says::Level { op: Op::Eq, values: vec![hundred(start)] };
        return Some(Predicate { says, start, verb_end: start, verb_first: false });
    }
    ratio(chars)
}

/// 全覆盖 read as 100 %.
fn hundred(start: usize) -> Number {
    Number { value: Decimal::ONE_HUNDRED, unit: "%".into(), start, end: start + 3 }
}

/// Where a phrase opening with `word` starts, searching back from `from`.
fn begin_of(word: &str, chars: &[char], from: usize) -> usize {
    let w: Vec<char> = word.chars().collect();
    (0..=from).rev().find(|&i| chars[i..].starts_with(&w)).unwrap_or(from)
}

/// 男女厕位比 2:3 (also written 2：3 or 1∶1.5).
fn ratio(chars: &[char]) -> Option<Predicate> {
    let folded: String = chars.iter().collect();
    let nums = numbers(&folded);
    for pair in nums.windows(2) {
        if pair[0].end > pair[1].start {
            continue;
        }
        let between: String = chars[pair[0].end..pair[1].start].iter().collect();
        if [":", "：", "∶"].contains(&between.as_str()) && pair[0].value > Decimal::ZERO {
            let says = Says::Ratio { first: pair[0].value, second: pair[1].value };
            let start = pair[0].start;
            return Some(Predicate { says, start, verb_end: start, verb_first: false });
        }
    }
    None
}

/// A level predicate opening at `start`: a level word with a number after it, or a bare number with 以上/以下/左右.
fn level_at(chars: &[char], start: usize, rest: &str) -> Option<Predicate> {
    let word = LEVEL_WORDS.iter().find(|w| rest.starts_with(**w));
    let after = start + word.map_or(0, |w| w.chars().count());
    // 至少配备1名, 每年至少开展1次: a verb may stand between the level word and its number.
    let tail: String = chars[after.min(chars.len())..].iter().take(3).collect();
    if word.is_none() && !chars.get(start).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let verb = word.and_then(|_| COUNT_VERBS.iter().find(|v| tail.starts_with(**v))).map_or(0, |v| v.chars().count());
    let num_at = after + verb;
    let first = chars.get(num_at)?;
    let numeric = first.is_ascii_digit() || (word.is_some() && super::number::chinese_digit(*first).is_some());
    let bare_number = word.is_none() && first.is_ascii_digit() && (start == 0 || !chars[start - 1].is_ascii_digit());
    if !(numeric && (word.is_some() || bare_number)) {
        return None;
    }
    let (op, values) = level(chars, num_at, word.copied())?;
    Some(Predicate { says: Says::Level { op, values }, start, verb_end: after, verb_first: false })
}

/// Verbs between a level word and its number.
const COUNT_VERBS: &[&str] = &["配备", "设有", "开展", "建成", "建有", "拥有", "有"];

fn level_after_trend(chars: &[char], start: usize, after: usize) -> Option<Predicate> {
    let rest: String = chars[after..].iter().collect();
    let joined = ["到", "至"].iter().find(|w| rest.starts_with(**w))?;
    let after = after + joined.chars().count();
    let (op, values) = level(chars, after, Some("达到"))?;
    let verb_first = subject_end(chars, start) == 0;
    Some(Predicate { says: Says::Level { op, values }, start, verb_end: after, verb_first })
}

/// The comparison and numbers of a level predicate whose first number starts at `after`.
fn level(chars: &[char], after: usize, word: Option<&str>) -> Option<(Op, Vec<Number>)> {
    let tail: String = chars[after..].iter().collect();
    let mut values: Vec<Number> = numbers(&tail)
        .into_iter()
        .map(|n| Number { start: n.start + after, end: n.end + after, ..n })
        .filter(|n| n.unit != "年" || n.value < Decimal::from(1900))
        .collect();
    // 分别…A、B和C以下: the numbers of a list; otherwise the first alone.
    let list_end = list_extent(chars, &values);
    values.truncate(list_end);
    let last = values.last()?;
    let suffix: String = chars[last.end..].iter().take(3).collect();
    // A bare number (no level word) is a level only when 以上/以下/左右 closes the clause: 5岁以下儿童 is a group.
    if word.is_none() && (last.unit == "岁" || chars.len() > last.end + 2) {
        return None;
    }
    let op = match (word, suffix.as_str()) {
        (Some("不低于" | "不少于" | "至少" | "≥"), _) => Op::Min,
        (Some("不高于" | "不超过" | "≤"), _) => Op::Max,
        (Some("低于" | "不足" | "小于" | "<"), _) => Op::Lt,
        (Some("高于" | "超过" | "大于" | ">"), _) => Op::Gt,
        (_, s) if s.starts_with("以上") => Op::Min,
        (_, s) if s.starts_with("以下") || s.starts_with("以内") => Op::Max,
        (_, s) if s.starts_with("左右") => Op::Approx,
        (Some("控制在" | "下降到" | "下降至" | "降低到" | "降低至" | "降至" | "降到"), _) => Op::Max,
        (None, _) => return None,
        _ if last.value == Decimal::ONE_HUNDRED && last.unit == "%" => Op::Eq,
        _ => Op::Min,
    };
    Some((op, values))
}

/// How many of the numbers form one list (joined by 、 和 及), counting from the first.
fn list_extent(chars: &[char], values: &[Number]) -> usize {
    let mut n = usize::from(!values.is_empty());
    while n < values.len() && values[n - 1].end <= values[n].start {
        let between: String = chars[values[n - 1].end..values[n].start].iter().collect();
        if !["、", "和", "及", "，"].contains(&between.as_str()) || between == "，" {
            break;
        }
        n += 1;
    }
    n
}

/// The subject's end: the predicate's start with the adverbs before it moved into the predicate.
pub fn subject_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    loop {
        let before: String = chars[..end].iter().collect();
        match ADVERBS.iter().find(|a| before.ends_with(**a)) {
            Some(a) if a.chars().count() < end => end -= a.chars().count(),
            Some(a) if a.chars().count() == end => return 0,
            _ => return end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::number::fold;

    fn says(text: &str) -> Option<(Says, bool)> {
        predicate(&fold(text)).map(|p| (p.says, p.verb_first))
    }

    fn op(text: &str) -> Option<(Op, Vec<String>)> {
        match predicate(&fold(text))?.says {
            Says::Level { op, values } => Some((op, values.iter().map(|v| v.value.to_string()).collect())),
            _ => None,
        }
    }

    #[test]
    fn levels_read_their_boundaries() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(op("孕产妇死亡率控制在12/10万以下"), Some((Op::Max, v(&["12"]))));
        assert_eq!(op("适龄妇女宫颈癌人群筛查率达到70%以上"), Some((Op::Min, v(&["70"]))));
        assert_eq!(op("孕产妇死亡率低于8/10万"), Some((Op::Lt, v(&["8"]))));
        assert_eq!(op("就业人员中的女性比例保持在45%左右"), Some((Op::Approx, v(&["45"]))));
        assert_eq!(op("全区农村卫生厕所普及率达100%"), Some((Op::Eq, v(&["100"]))));
        assert_eq!(op("妇女体育人口比例提高到40%以上"), Some((Op::Min, v(&["40"]))));
        assert_eq!(op("分别控制在3.2‰、5.25‰和6.5‰以下"), Some((Op::Max, v(&["3.2", "5.25", "6.5"]))));
        assert_eq!(op("5岁以下儿童死亡率控制在6‰以下"), Some((Op::Max, v(&["6"]))));
        assert_eq!(op("≥82.3"), Some((Op::Min, v(&["82.3"]))));
        assert_eq!(op("<8"), Some((Op::Lt, v(&["8"]))));
        assert_eq!(op("45左右"), Some((Op::Approx, v(&["45"]))));
    }

    #[test]
    fn trends_and_relations() {
        assert_eq!(says("婚前医学检查率逐年提高"), Some((Says::IncreaseYearly, false)));
        assert_eq!(says("乳腺癌人群筛查率逐步提高"), Some((Says::Increase, false)));
        assert_eq!(says("提高生育保险参保率"), Some((Says::Increase, true)));
        assert_eq!(says("出生人口性别比趋于平衡"), Some((Says::Balance, false)));
        assert_eq!(says("上升趋势减缓"), Some((Says::SlowRise, true)));
        assert!(matches!(says("以2020年为基数下降10%"), Some((Says::DecreaseBy { per_year: false, .. }, _))));
        assert!(matches!(says("不低于本地区党员总数中女性比例"), Some((Says::Relative { matching: false, .. }, _))));
        assert!(matches!(says("城镇公共厕所男女厕位比2：3"), Some((Says::Ratio { .. }, _))));
        assert_eq!(says("妇女全生命周期享有良好的卫生健康服务"), None);
    }
}
