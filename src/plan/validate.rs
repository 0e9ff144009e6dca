//! Checks beyond what loading enforces, run by `lint`: duplicate target ids, numbers in a target's text that
//! its rule does not use (and the reverse), targets outside the plan's domains, domains without targets.

use super::model::Plan;
use crate::diag::{Diagnostic, Diagnostics};
use crate::plan::load::is_kebab;
use crate::rule::Kind;
use std::collections::HashSet;

/// Validates one loaded plan.
pub fn validate(plan: &Plan, diags: &mut Diagnostics) {
    let mut seen = HashSet::new();
    if !is_kebab(&plan.meta.id) {
        diags.push(Diagnostic::error("bad-id", format!("plan id {:?} is not kebab-case ASCII", plan.meta.id)));
    }
    for t in &plan.targets {
        if !seen.insert(t.id.as_str()) {
            let msg = format!("target id {} is used twice in plan {}", t.id, plan.meta.id);
            diags.push(Diagnostic::error("duplicate-id", msg).at(t.at.clone()));
        }
        if !is_kebab(&t.id) {
            diags.push(
                Diagnostic::error("bad-id", format!("target id {:?} is not kebab-case ASCII", t.id)).at(t.at.clone()),
            );
        }
        check_numbers(t, diags);
    }
    for (i, d) in plan.domains.iter().enumerate() {
        if !plan.targets.iter().any(|t| t.domain == i) {
            let msg = format!("domain {} ({}) of plan {} has no target", d.id, d.name, plan.meta.id);
            diags.push(Diagnostic::error("empty-domain", msg));
        }
    }
}

/// Each number of the rule should appear in the text, and each number in the text should be in the rule.
fn check_numbers(t: &super::model::Target, diags: &mut Diagnostics) {
    if t.rule.kind() == Kind::Qualitative {
        return;
    }
    let in_text = numbers_in(&t.text);
    for x in t.rule.numbers() {
        if !in_text.contains(&x.normalize()) {
            let msg = format!(
                "target {}: the rule's number {} does not appear in its text {:?}",
                t.id,
                x.normalize(),
                t.text
            );
            diags.push(Diagnostic::error("number-not-in-text", msg).at(t.at.clone()));
        }
    }
    let in_rule: Vec<_> = t.rule.numbers().iter().map(|x| x.normalize()).collect();
    for x in in_text {
        if !in_rule.contains(&x) && !incidental(&t.text, x) {
            let msg = format!("target {}: its text {:?} states {} but the rule does not use it", t.id, t.text, x);
            diags.push(Diagnostic::warning("number-not-in-rule", msg).at(t.at.clone()));
        }
    }
}

/// Numbers that are part of a name or a date, not a target value: years, 1/10万's "1" and "10".
fn incidental(text: &str, x: rust_decimal::Decimal) -> bool {
    let s = x.to_string();
    let year = (1949..=2100).contains(&x.trunc().try_into().unwrap_or(0i64)) && x.fract().is_zero();
    year || text.contains(&format!("{s}/10万")) && (s == "1") || text.contains("/10万") && s == "10"
}

/// The decimal numbers written in a text (full-width digits folded).
pub fn numbers_in(text: &str) -> Vec<rust_decimal::Decimal> {
    let folded = crate::indicator::normalize_name(text);
    let mut out = Vec::new();
    let mut current = String::new();
    for c in folded.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            if let Ok(x) = current.trim_end_matches('.').parse::<rust_decimal::Decimal>() {
                out.push(x.normalize());
            }
            current.clear();
        }
    }
    out
}
