//! Checks beyond what loading enforces, run by `lint`: duplicate target ids, numbers in a target's text that
//! its rule does not use (and the reverse), domains without targets.

use super::model::{Plan, Target};
use crate::diag::{Diagnostic, Diagnostics, Hint, Message};
use crate::indicator::{normalize_name, Registry};
use crate::plan::load::is_kebab;
use crate::rule::Kind;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Validates one loaded plan.
pub fn validate(plan: &Plan, registry: &Registry, diags: &mut Diagnostics) {
    let mut seen = HashSet::new();
    // The numbers of every target written with the same text, gathered once (a plan may hold many targets).
    let mut by_text: std::collections::HashMap<&str, Vec<Decimal>> = std::collections::HashMap::new();
    for t in &plan.targets {
        by_text.entry(t.text.as_str()).or_default().extend(t.rule.numbers().into_iter().map(|x| x.normalize()));
    }
    let mut by_item: std::collections::HashMap<(&str, &str), Vec<&Target>> = std::collections::HashMap::new();
    for t in &plan.targets {
        by_item.entry((t.section.as_str(), t.item.as_str())).or_default().push(t);
    }
    for numbers in by_text.values_mut() {
        numbers.sort_unstable();
        numbers.dedup();
    }
    if !is_kebab(&plan.meta.id) {
        diags.push(Diagnostic::error(Message::BadPlanId { id: plan.meta.id.clone() }).at(plan_at(plan)));
    }
    for t in &plan.targets {
        if !seen.insert(t.id.as_str()) {
            let msg = Message::DuplicateTarget { id: t.id.clone(), plan: plan.meta.id.clone() };
            diags.push(Diagnostic::error(msg).at(t.at.clone()));
        }
        if !is_kebab(&t.id) {
            diags.push(Diagnostic::error(Message::BadTargetId { id: t.id.clone() }).at(t.at.clone()));
        }
        check_numbers(&Neighbours { by_text: &by_text, by_item: &by_item }, registry, t, diags);
        check_unit(registry, t, diags);
        check_name(registry, t, diags);
        super::wording::check(registry, t, diags);
    }
    for (i, d) in plan.domains.iter().enumerate() {
        if !plan.targets.iter().any(|t| t.domain == i) {
            let msg = Message::EmptyDomain { id: d.id.clone(), name: d.name.clone(), plan: plan.meta.id.clone() };
            diags.push(Diagnostic::error(msg).at(d.at.clone()));
        }
    }
}

/// Where the plan's id is written.
fn plan_at(plan: &Plan) -> crate::diag::Location {
    plan.meta.at.clone()
}

/// Each number of the rule must appear in the text; each number in the text should be in the rule, unless it
/// belongs to the indicator's name, a year, or another target written with the same text.
/// The targets a target's numbers may belong to: those of the same text, and those of the same item.
struct Neighbours<'p> {
    by_text: &'p std::collections::HashMap<&'p str, Vec<Decimal>>,
    by_item: &'p std::collections::HashMap<(&'p str, &'p str), Vec<&'p Target>>,
}

fn check_numbers(neighbours: &Neighbours, registry: &Registry, t: &Target, diags: &mut Diagnostics) {
    if t.rule.kind() == Kind::Qualitative {
        return;
    }
    let in_text = numbers_in(&t.text);
    for x in t.rule.numbers() {
        if !in_text.contains(&x.normalize()) {
            let msg = Message::NumberNotInText { target: t.id.clone(), number: x.normalize().to_string() };
            diags.push(Diagnostic::error(msg).at(t.text_at.clone()).label(Hint::TheText));
        }
    }
    // Another target written with the same text, or with a part of it (the first clause of a sentence that holds
    // two targets: a target of the same item), accounts for its numbers.
    let same_text: &[Decimal] = neighbours.by_text.get(t.text.as_str()).map_or(&[], Vec::as_slice);
    let mut accounted: Vec<Decimal> = neighbours
        .by_item
        .get(&(t.section.as_str(), t.item.as_str()))
        .into_iter()
        .flatten()
        .filter(|o| t.text.contains(o.text.trim()))
        .flat_map(|o| o.rule.numbers())
        .map(|x| x.normalize())
        .collect();
    for id in t.indicator.into_iter().chain(t.rule.reference()) {
        let ind = registry.get(id);
        for name in std::iter::once(&ind.name).chain(&ind.aliases) {
            accounted.extend(numbers_in(name));
        }
    }
    for x in in_text {
        let year = x.fract().is_zero() && (Decimal::from(1949)..=Decimal::from(2100)).contains(&x);
        let other_end = is_range_end(&t.text, x, &accounted);
        if same_text.binary_search(&x).is_err()
            && !accounted.contains(&x)
            && !year
            && !is_unit_number(&t.text, x)
            && !is_age(&t.text, x)
            && !other_end
        {
            let msg = Message::NumberNotInRule { target: t.id.clone(), number: x.to_string() };
            diags.push(Diagnostic::warning(msg).at(t.text_at.clone()).label(Hint::TheText));
        }
    }
}

/// A unit written after a number in the text (`12/10万`, `70%`, `2.5‰`) must be the indicator's, or convert to it.
fn check_unit(registry: &Registry, t: &Target, diags: &mut Diagnostics) {
    let Some(id) = t.indicator else { return };
    if matches!(t.rule, crate::rule::Rule::DecreaseBy(crate::rule::Decline::Percent(_))) {
        return; // 下降20% is a relative change, not the indicator's unit
    }
    let indicator = registry.get(id);
    let folded = normalize_name(&t.text).replace('％', "%");
    let written = [("/10万", 5u32, "1/10万"), ("%", 2, "%"), ("‰", 3, "‰")];
    for (mark, scale, name) in written {
        let after_number = folded.match_indices(mark).any(|(i, _)| folded[..i].ends_with(|c: char| c.is_ascii_digit()));
        if after_number && indicator.unit.scale() != Some(scale) {
            let msg = Message::UnitMismatch {
                target: t.id.clone(),
                written: name,
                indicator: indicator.id.clone(),
                unit: indicator.unit.to_string(),
            };
            diags.push(Diagnostic::error(msg).at(t.text_at.clone()).label(Hint::TheText));
            return;
        }
    }
}

/// A target's own `name` must not be another indicator's name or alias: data files would give it that one's values.
fn check_name(registry: &Registry, t: &Target, diags: &mut Diagnostics) {
    let (Some(name), Some(id)) = (&t.name, t.indicator) else { return };
    if let Some(other) = registry.lookup(name).filter(|&other| other != id) {
        let other = registry.get(other);
        let msg = Message::NameTaken {
            target: t.id.clone(),
            name: name.clone(),
            other: other.id.clone(),
            other_name: other.name.clone(),
            own: registry.get(id).id.clone(),
        };
        diags.push(Diagnostic::warning(msg).at(t.at.clone()));
    }
}

/// The 1 and 10 of 1/10万.
fn is_unit_number(text: &str, x: Decimal) -> bool {
    normalize_name(text).contains("/10万") && (x == Decimal::ONE || x == Decimal::TEN)
}

/// The other end of a range whose one end the rule uses (新建2－3所: `min 2`).
fn is_range_end(text: &str, x: Decimal, accounted: &[Decimal]) -> bool {
    let folded = normalize_name(text);
    accounted.iter().any(|a| {
        ["-", "—", "~", "～", "至"]
            .iter()
            .any(|dash| folded.contains(&format!("{a}{dash}{x}")) || folded.contains(&format!("{x}{dash}{a}")))
    })
}

/// An age that names the group (3岁以下儿童), not a target value.
fn is_age(text: &str, x: Decimal) -> bool {
    normalize_name(text).contains(&format!("{x}岁"))
}

/// The numbers a text states: decimal digits (full-width folded), Chinese numerals before a measure word
/// (一名, 两项, 二级), and 全覆盖 / 全面普及 as 100.
pub fn numbers_in(text: &str) -> Vec<Decimal> {
    let folded = normalize_name(text);
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = folded.chars().collect();
    for (i, c) in chars.iter().copied().chain(std::iter::once(' ')).enumerate() {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            if let Ok(x) = current.trim_end_matches('.').parse::<Decimal>() {
                out.push(x.normalize());
            }
            current.clear();
        }
        let counted = chars.get(i + 1).is_some_and(|next| "名项级个所人次位家岁倍成".contains(*next));
        // 两级政府: two levels of government, not a target's number (二级 is a grade and stays one).
        let counted = counted && !(c == '两' && chars.get(i + 1) == Some(&'级'));
        // 十名 is ten; 零 counts nothing.
        let digit = crate::draft::number::chinese_digit(c).or((c == '十').then_some(10)).filter(|&n| n > 0);
        if let Some(n) = digit.filter(|_| counted) {
            out.push(Decimal::from(n));
        }
    }
    if folded.contains("全覆盖") || folded.contains("全面普及") {
        out.push(Decimal::ONE_HUNDRED);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbers_in;
    use rust_decimal::Decimal;

    #[test]
    fn numbers_in_digits_chinese_numerals_and_full_coverage() {
        let d = |n: i64| Decimal::from(n);
        assert_eq!(numbers_in("达到７０％以上"), vec![d(70)]);
        assert_eq!(numbers_in("至少配备一名女干部"), vec![d(1)]);
        assert_eq!(numbers_in("实现全覆盖"), vec![d(100)]);
        assert_eq!(numbers_in("控制在12/10万以下"), vec![d(12), d(10)]);
        assert_eq!(numbers_in("市、乡镇两级政府"), vec![]);
        assert_eq!(numbers_in("达到二级标准"), vec![d(2)]);
    }
}
