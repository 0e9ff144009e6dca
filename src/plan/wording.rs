//! Checks a target's verbatim text against its rule, as `lint` runs them: a bound word beside the rule's number
//! must say the rule's kind (以上/以下/以内/不低于/不超过 include the number: `min`/`max`; 低于/超过/高于/不足 exclude it:
//! `gt`/`lt` — the convention of Chinese law, Civil Code art. 1259), a direction word must go the rule's way (提高
//! for `increase`, 降低 for `decrease`), and a unit written after the rule's number must be the indicator's.
//!
//! Each check reads only the words next to the rule's own number (or, for a kind without one, the clause that
//! names the indicator), so that a text holding several targets (`婴儿死亡率…降低，住院分娩率…提高`) is judged
//! clause by clause. Nothing here decides a verdict; it only finds texts and rules that disagree.

use super::model::Target;
use crate::diag::{Diagnostic, Diagnostics, Hint, Message};
use crate::indicator::{normalize_name, Registry, Unit};
use crate::rule::{Decline, Kind, Rule};
use rust_decimal::Decimal;
use std::ops::Range;

/// Which way a word points, and whether a bound includes its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Up,
    Down,
}

/// Bound words written after the number (`80%以上`).
const AFTER: [(&str, Way, bool); 5] = [
    ("及以上", Way::Up, true),
    ("以上", Way::Up, true),
    ("以下", Way::Down, true),
    ("以内", Way::Down, true),
    ("之内", Way::Down, true),
];

/// Bound words written before the number (`不低于80%`), negated forms first so that 不低于 is not read as 低于.
const BEFORE: [(&str, Way, bool); 16] = [
    ("不低于", Way::Up, true),
    ("不少于", Way::Up, true),
    ("不高于", Way::Down, true),
    ("不超过", Way::Down, true),
    ("不多于", Way::Down, true),
    ("至少", Way::Up, true),
    ("≥", Way::Up, true),
    ("≤", Way::Down, true),
    ("高于", Way::Up, false),
    ("超过", Way::Up, false),
    ("多于", Way::Up, false),
    (">", Way::Up, false),
    ("低于", Way::Down, false),
    ("不足", Way::Down, false),
    ("少于", Way::Down, false),
    ("<", Way::Down, false),
];

/// Verbs that move a value towards a level (`下降到10`, `提高至95`), written before the number.
const TOWARDS: [(&str, Way); 12] = [
    ("提高到", Way::Up),
    ("提高至", Way::Up),
    ("提升到", Way::Up),
    ("提升至", Way::Up),
    ("增加到", Way::Up),
    ("增至", Way::Up),
    ("延长到", Way::Up),
    ("延长至", Way::Up),
    ("下降到", Way::Down),
    ("下降至", Way::Down),
    ("降低到", Way::Down),
    ("降至", Way::Down),
];

/// Direction words of a trend (提高, 降低, ...).
const DIRECTION: [(&str, Way); 10] = [
    ("提高", Way::Up),
    ("提升", Way::Up),
    ("增加", Way::Up),
    ("增长", Way::Up),
    ("上升", Way::Up),
    ("延长", Way::Up),
    ("扩大", Way::Up),
    ("降低", Way::Down),
    ("下降", Way::Down),
    ("减少", Way::Down),
];

/// Unit words that may follow a number, longest first. % ‰ 1/10万 are the scaled family; 个百分点 is a
/// difference of percentages.
const UNITS: [&str; 21] = [
    "/10万",
    "个百分点",
    "平方米",
    "万人",
    "万元",
    "小时",
    "分钟",
    "%",
    "‰",
    "岁",
    "年",
    "人",
    "个",
    "件",
    "张",
    "名",
    "天",
    "所",
    "家",
    "次",
    "元",
];

/// Runs the wording checks on one target.
pub fn check(registry: &Registry, t: &Target, diags: &mut Diagnostics) {
    let text = fold(&t.text);
    let tokens = numbers(&text);
    let own: Vec<&Token> =
        tokens.iter().filter(|tok| t.rule.numbers().iter().any(|x| x.normalize() == tok.value)).collect();
    // 5岁以下儿童, 65岁以上老年人: an age group, whose 以下/以上 bounds the group, not the target — unless the
    // indicator is itself counted in years of age.
    let in_years = t.indicator.is_some_and(|id| registry.get(id).unit == Unit::Other("岁".to_string()));
    let bounded: Vec<&Token> = own.iter().copied().filter(|tok| in_years || tok.unit != Some("岁")).collect();
    match t.rule.kind() {
        Kind::Min | Kind::Max | Kind::Gt | Kind::Lt => check_bound(t, &text, &bounded, diags),
        Kind::Increase | Kind::IncreaseYearly | Kind::Decrease | Kind::DecreaseBy => {
            check_direction(registry, t, &text, diags)
        }
        // Their words carry no bound or direction that could contradict the rule (左右, 之间, 保持, 相适应, 趋于平衡,
        // 比, 消除, 减缓, 差距缩小); a new kind decides here whether its words are checked.
        Kind::Eq
        | Kind::Approx
        | Kind::Range
        | Kind::Maintain
        | Kind::Relative
        | Kind::Balance
        | Kind::Ratio
        | Kind::Eliminate
        | Kind::SlowRise
        | Kind::GapNarrow
        | Kind::RegionalGap
        | Kind::Qualitative => {}
    }
    check_units(registry, t, &own, diags);
}

/// The text as compared: full-width forms folded, spaces removed.
fn fold(text: &str) -> String {
    normalize_name(text).replace('％', "%").replace('＜', "<").replace('＞', ">")
}

/// A number in the folded text, where it stands, and the unit word right after it.
#[derive(Debug)]
struct Token {
    value: Decimal,
    at: Range<usize>,
    unit: Option<&'static str>,
}

impl Token {
    /// Where the words after the number and its unit begin.
    fn after_unit(&self) -> usize {
        self.at.end + self.unit.map_or(0, str::len)
    }
}

fn numbers(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes: Vec<(usize, char)> = text.char_indices().chain(std::iter::once((text.len(), ' '))).collect();
    for (i, c) in bytes {
        let digit = c.is_ascii_digit() || (c == '.' && start.is_some());
        match (digit, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let raw = text[s..i].trim_end_matches('.');
                if let Ok(value) = raw.parse::<Decimal>() {
                    let end = s + raw.len();
                    let unit = UNITS.iter().find(|u| text[end..].starts_with(**u)).copied();
                    out.push(Token { value: value.normalize(), at: s..end, unit });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The kind a bound word means.
fn meaning(way: Way, inclusive: bool) -> Kind {
    match (way, inclusive) {
        (Way::Up, true) => Kind::Min,
        (Way::Down, true) => Kind::Max,
        (Way::Up, false) => Kind::Gt,
        (Way::Down, false) => Kind::Lt,
    }
}

/// The bound words right before and right after each occurrence of the rule's number.
fn bound_words(text: &str, own: &[&Token]) -> Vec<(&'static str, Kind)> {
    let mut words = Vec::new();
    for tok in own {
        let before = &text[..tok.at.start];
        if let Some((w, way, incl)) = BEFORE.iter().find(|(w, _, _)| before.ends_with(w)) {
            words.push((*w, meaning(*way, *incl)));
        }
        let after = &text[tok.after_unit()..];
        if let Some((w, way, incl)) = AFTER.iter().find(|(w, _, _)| after.starts_with(w)) {
            words.push((*w, meaning(*way, *incl)));
        }
    }
    words
}

fn check_bound(t: &Target, text: &str, own: &[&Token], diags: &mut Diagnostics) {
    let kind = t.rule.kind();
    let words = bound_words(text, own);
    if !words.is_empty() && !words.iter().any(|(_, means)| *means == kind) {
        let (word, means) = words[0];
        let msg = Message::BoundWord { target: t.id.clone(), word, means: means.as_str(), kind: kind.as_str() };
        return diags.push(Diagnostic::error(msg).at(t.text_at.clone()).label(Hint::TheWord));
    }
    if words.is_empty() {
        let up = matches!(kind, Kind::Min | Kind::Gt);
        for tok in own {
            let before = &text[..tok.at.start];
            if let Some((w, way)) = TOWARDS.iter().find(|(w, _)| before.ends_with(w)) {
                if (*way == Way::Up) != up {
                    let msg = Message::DirectionWord {
                        target: t.id.clone(),
                        word: w,
                        up: *way == Way::Up,
                        kind: kind.as_str(),
                    };
                    return diags.push(Diagnostic::error(msg).at(t.text_at.clone()).label(Hint::TheWord));
                }
            }
        }
    }
}

/// A trend's direction word, in the clauses that name its indicator (else in the whole text), must go its way.
fn check_direction(registry: &Registry, t: &Target, text: &str, diags: &mut Diagnostics) {
    let up = matches!(t.rule.kind(), Kind::Increase | Kind::IncreaseYearly);
    let clauses = clauses_naming(registry, t, text);
    let words: Vec<(&'static str, Way)> = clauses.iter().flat_map(|c| direction_words(c)).collect();
    let own = if up { Way::Up } else { Way::Down };
    if words.iter().any(|(_, way)| *way == own) {
        return;
    }
    if let Some((word, way)) = words.first() {
        let msg =
            Message::DirectionWord { target: t.id.clone(), word, up: *way == Way::Up, kind: t.rule.kind().as_str() };
        diags.push(Diagnostic::error(msg).at(t.text_at.clone()).label(Hint::TheWord));
    }
}

/// The text's clauses (between ，；。) that name the target's indicator; all of them when none does.
fn clauses_naming<'t>(registry: &Registry, t: &Target, text: &'t str) -> Vec<&'t str> {
    let clauses: Vec<&str> = text.split([',', ';', '。']).filter(|c| !c.is_empty()).collect();
    let mut names: Vec<String> = vec![normalize_name(t.shown_name(registry))];
    if let Some(id) = t.indicator {
        let ind = registry.get(id);
        names.extend(std::iter::once(&ind.name).chain(&ind.aliases).map(|n| normalize_name(n)));
    }
    let naming: Vec<&str> = clauses.iter().copied().filter(|c| names.iter().any(|n| c.contains(n.as_str()))).collect();
    if naming.is_empty() {
        clauses
    } else {
        naming
    }
}

/// The direction words of a clause that are not negated (不降低 keeps a level; it does not lower it).
fn direction_words(clause: &str) -> Vec<(&'static str, Way)> {
    let mut out = Vec::new();
    for (word, way) in DIRECTION {
        for (i, _) in clause.match_indices(word) {
            let negated = clause[..i].ends_with('不') || clause[..i].ends_with('未');
            if !negated {
                out.push((i, word, way));
            }
        }
    }
    out.sort_by_key(|(i, _, _)| *i);
    out.into_iter().map(|(_, w, way)| (w, way)).collect()
}

/// A word unit written after the rule's number (岁, 个百分点, 小时, ...) must be the indicator's. (The scaled family
/// % ‰ 1/10万 anywhere in the text is [`super::validate`]'s older check.)
fn check_units(registry: &Registry, t: &Target, own: &[&Token], diags: &mut Diagnostics) {
    let Some(id) = t.indicator else { return };
    if matches!(t.rule, Rule::DecreaseBy(Decline::Percent(_))) {
        return; // 下降20% is a relative change, not the indicator's unit
    }
    let indicator = registry.get(id);
    let fits = |written: &str| match written {
        "%" | "‰" | "/10万" => true, // the scaled family: validate's check
        "个百分点" => indicator.unit == Unit::Percent,
        word => matches!(&indicator.unit, Unit::Other(u) if u == word),
    };
    // Per number of the rule: one occurrence in the indicator's unit, or without a unit, is the target's own; the
    // others name a group (the 5 of 5岁以下儿童死亡率下降到5‰以下).
    for x in t.rule.numbers() {
        let at: Vec<&&Token> = own.iter().filter(|tok| tok.value == x.normalize()).collect();
        if at.iter().any(|tok| tok.unit.is_none_or(fits)) {
            continue;
        }
        if let Some(written) = at.first().and_then(|tok| tok.unit) {
            let msg = Message::UnitMismatch {
                target: t.id.clone(),
                written,
                indicator: indicator.id.clone(),
                unit: indicator.unit.to_string(),
            };
            return diags.push(Diagnostic::error(msg).at(t.text_at.clone()).label(Hint::TheText));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Location, Severity};
    use crate::plan::TargetSource;
    use test_case::test_case;

    fn registry() -> Registry {
        let mut diags = Diagnostics::new();
        let mut registry = Registry::new();
        for (name, text) in super::super::embedded::INDICATOR_FILES {
            super::super::indicators::read_indicators(name, text, &mut registry, &mut diags);
        }
        registry
    }

    /// What the wording check says of a target with this text, indicator and rule: the codes and the words.
    fn said(text: &str, indicator: &str, rule: Rule) -> Vec<String> {
        let registry = registry();
        let at = Location::new("p.toml".into(), 1, 1);
        let t = Target {
            id: "t".into(),
            domain: 0,
            section: String::new(),
            item: String::new(),
            source: TargetSource::Main,
            text: text.into(),
            indicator: registry.lookup(indicator),
            name: None,
            attribute: Default::default(),
            deadline: 2030,
            rule,
            reading: None,
            reading_en: None,
            at: at.clone(),
            text_at: at,
        };
        let mut diags = Diagnostics::new();
        check(&registry, &t, &mut diags);
        diags
            .items()
            .iter()
            .map(|d| {
                assert_eq!(d.severity, Severity::Error);
                crate::words::Say::say(&d.message, crate::words::Lang::En)
            })
            .collect()
    }

    fn d(x: i64) -> Decimal {
        Decimal::from(x)
    }

    #[test_case("孕产妇死亡率控制在12/10万以下", Rule::Lt(d(12)), "以下", "max"; "以下 is inclusive, not lt")]
    #[test_case("住院分娩率达到98%以上", Rule::Gt(d(98)), "以上", "min"; "以上 is inclusive, not gt")]
    #[test_case("住院分娩率不低于98%", Rule::Gt(d(98)), "不低于", "min"; "不低于 is inclusive, not gt")]
    #[test_case("孕产妇死亡率下降到12/10万以内", Rule::Lt(d(12)), "以内", "max"; "以内 is inclusive, not lt")]
    #[test_case("孕产妇死亡率不超过12/10万", Rule::Lt(d(12)), "不超过", "max"; "不超过 is inclusive, not lt")]
    #[test_case("孕产妇死亡率低于12/10万", Rule::Max(d(12)), "低于", "lt"; "低于 is exclusive, not max")]
    #[test_case("住院分娩率超过98%", Rule::Min(d(98)), "超过", "gt"; "超过 is exclusive, not min")]
    #[test_case("住院分娩率高于98%", Rule::Min(d(98)), "高于", "gt"; "高于 is exclusive, not min")]
    #[test_case("住院分娩率达到98%以上", Rule::Max(d(98)), "以上", "min"; "以上 bounds from below, not above")]
    fn a_bound_word_that_says_another_kind_is_an_error(text: &str, rule: Rule, word: &str, means: &str) {
        let found = said(text, "maternal-mortality", rule.clone());
        let kind = rule.kind().as_str();
        let expected = format!("the text's {word} means kind {means}, but the rule is {kind}");
        assert!(found.len() == 1 && found[0].contains(&expected), "{found:?}");
    }

    #[test_case("孕产妇死亡率控制在12/10万以下", Rule::Max(d(12)); "以下 with max")]
    #[test_case("孕产妇死亡率低于12/10万", Rule::Lt(d(12)); "低于 with lt")]
    #[test_case("孕产妇死亡率不低于12/10万", Rule::Min(d(12)); "不低于 is not 低于")]
    #[test_case("<12", Rule::Lt(d(12)); "a table cell with a sign")]
    #[test_case("孕产妇死亡率控制在12/10万", Rule::Max(d(12)); "no bound word")]
    #[test_case("12岁以下女童的孕产妇死亡率达到12/10万", Rule::Max(d(12)); "an age group bounds the group")]
    fn a_bound_word_that_says_the_kind_passes(text: &str, rule: Rule) {
        assert_eq!(said(text, "maternal-mortality", rule), Vec::<String>::new());
    }

    #[test]
    fn a_level_reached_downwards_is_not_a_floor() {
        let found = said("孕产妇死亡率下降到12/10万", "maternal-mortality", Rule::Min(d(12)));
        assert!(found.len() == 1 && found[0].contains("the text says 下降到 (down), but the rule is min"), "{found:?}");
    }

    #[test_case("孕产妇死亡率持续降低", Rule::Increase, "降低 (down), but the rule is increase"; "an increase on 降低")]
    #[test_case("住院分娩率逐年提高", Rule::Decrease, "提高 (up), but the rule is decrease"; "a decrease on 提高")]
    fn a_direction_word_against_the_kind_is_an_error(text: &str, rule: Rule, expected: &str) {
        let found = said(text, "maternal-mortality", rule);
        assert!(found.len() == 1 && found[0].contains(expected), "{found:?}");
    }

    #[test_case("孕产妇死亡率持续降低", Rule::Decrease; "decrease on 降低")]
    #[test_case("孕产妇死亡率不降低", Rule::Maintain { low: None, high: None }; "maintain is not checked")]
    #[test_case("婴儿死亡率持续降低，孕产妇死亡率稳步提高", Rule::Increase; "the clause naming the indicator")]
    #[test_case("孕产妇死亡率不下降，且逐步提高", Rule::Increase; "a negated word is no direction")]
    fn a_direction_word_of_the_kind_passes(text: &str, rule: Rule) {
        assert_eq!(said(text, "maternal-mortality", rule), Vec::<String>::new());
    }

    #[test]
    fn a_unit_word_after_the_rule_number_must_be_the_indicators() {
        let found = said("孕产妇系统管理率达到80岁", "maternal-system-management", Rule::Min(d(80)));
        assert!(
            found.len() == 1
                && found[0]
                    .contains("gives the number in 岁, but indicator maternal-system-management is measured in %"),
            "{found:?}"
        );
        let life = said("妇女人均预期寿命达到80岁以上", "women-life-expectancy", Rule::Min(d(80)));
        assert_eq!(life, Vec::<String>::new());
        let points = said("孕产妇系统管理率每年提高1个百分点", "maternal-system-management", Rule::Min(d(1)));
        assert_eq!(points, Vec::<String>::new());
        let group = said("5岁以下儿童死亡率下降到5‰以下", "under5-mortality", Rule::Max(d(5)));
        assert_eq!(group, Vec::<String>::new());
    }
}
