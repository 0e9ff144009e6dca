//! Plan and indicator files written from a draft, in the layout of docs/plan-format.md: every string through
//! the toml crate's quoting, every number a string, a target's readings joined into its `reading`, and the
//! metadata's readings as comments, so that `plancheck lint` accepts the files and a reviewer can find every
//! assumption by searching for `reading`.

use super::messages::DraftMsg;
use super::{Draft, DraftPlan, DraftTarget};
use crate::indicator::{Registry, Unit};
use crate::plan::{Attribute, PlanKind};
use crate::rule::{Decline, RelativeMode, Rule};
use crate::words::Lang;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn number(x: Decimal) -> String {
    quote(&x.normalize().to_string())
}

/// The readings of a target, in Chinese, joined.
pub fn reading_text(readings: &[super::messages::DraftMsg]) -> Option<String> {
    let texts: Vec<String> = readings.iter().map(|r| r.text(Lang::Zh)).collect();
    (!texts.is_empty()).then(|| texts.join("；"))
}

/// A plan file.
pub fn plan_file(plan: &DraftPlan, registry: &Registry) -> String {
    let mut out = String::new();
    let m = &plan.meta;
    let header = DraftMsg::PlanFileHeader { title: m.title.clone(), source: m.source.clone() };
    let _ = writeln!(out, "{}", header.text(Lang::Zh));
    for r in &plan.meta_readings {
        let _ = writeln!(out, "# reading: {}", r.text(Lang::Zh));
    }
    let kind = if m.kind == PlanKind::Women { "women" } else { "children" };
    let _ = writeln!(out, "\n[plan]\nid = {}\nkind = {}", quote(&m.id), quote(kind));
    let _ = writeln!(
        out,
        "title = {}\nregion = {}\nauthority = {}",
        quote(&m.title),
        quote(&m.region),
        quote(&m.authority)
    );
    if let Some(n) = &m.document_number {
        let _ = writeln!(out, "document_number = {}", quote(n));
    }
    if let Some(d) = &m.issued {
        let _ = writeln!(out, "issued = {}", quote(d));
    }
    let _ = writeln!(out, "period = [{}, {}]\nbaseline_year = {}", m.period.0, m.period.1, m.baseline_year);
    let _ = writeln!(out, "target_year = {}\nsource = {}", m.target_year, quote(&m.source));
    for d in &plan.domains {
        let _ = writeln!(out, "\n[[domains]]\nid = {}\nname = {}", quote(&d.id), quote(&d.name));
        if let Some(s) = &d.section {
            let _ = writeln!(out, "section = {}", quote(s));
        }
    }
    for t in &plan.targets {
        target(&mut out, plan, t, registry);
    }
    out
}

fn target(out: &mut String, plan: &DraftPlan, t: &DraftTarget, registry: &Registry) {
    let domain = plan.domains.get(t.domain).map_or("", |d| d.id.as_str());
    let source = t.source.as_str();
    let _ = writeln!(out, "\n[[targets]]\nid = {}\ndomain = {}", quote(&t.id), quote(domain));
    let _ = writeln!(out, "section = {}\nitem = {}\nsource = {}", quote(&t.section), quote(&t.item), quote(source));
    let _ = writeln!(out, "text = {}", quote(&t.text));
    if let Some(id) = t.indicator {
        let _ = writeln!(out, "indicator = {}", quote(&registry.get(id).id));
    }
    if let Some(name) = &t.name {
        let _ = writeln!(out, "name = {}", quote(name));
    }
    if t.attribute != Attribute::Unspecified {
        let _ = writeln!(out, "attribute = {}", quote(t.attribute.as_str()));
    }
    if t.deadline != plan.meta.target_year {
        let _ = writeln!(out, "deadline = {}", t.deadline);
    }
    let _ = writeln!(out, "rule = {}", rule(&t.rule, registry));
    if let Some(r) = reading_text(&t.readings) {
        let _ = writeln!(out, "reading = {}", quote(&r));
    }
}

/// A rule as an inline table.
pub fn rule(r: &Rule, registry: &Registry) -> String {
    let kind = quote(r.kind().as_str());
    let fields: Vec<String> = match r {
        Rule::Min(x) | Rule::Max(x) | Rule::Gt(x) | Rule::Lt(x) | Rule::Eq(x) => {
            vec![format!("value = {}", number(*x))]
        }
        Rule::Approx { value, tolerance } => {
            let mut f = vec![format!("value = {}", number(*value))];
            f.extend(tolerance.map(|t| format!("tolerance = {}", number(t))));
            f
        }
        Rule::Range { low, high } => vec![format!("low = {}", number(*low)), format!("high = {}", number(*high))],
        Rule::DecreaseBy(Decline::PerYear(x)) => vec![format!("per_year = {}", number(*x))],
        Rule::DecreaseBy(Decline::Percent(x)) => vec![format!("percent = {}", number(*x))],
        Rule::Maintain { low, high } => {
            let low = low.map(|l| format!("low = {}", number(l)));
            low.into_iter().chain(high.map(|h| format!("high = {}", number(h)))).collect()
        }
        Rule::Relative { reference, mode, tolerance } => {
            let mode = if *mode == RelativeMode::Match { "match" } else { "at_least" };
            let mut f =
                vec![format!("reference = {}", quote(&registry.get(*reference).id)), format!("mode = {}", quote(mode))];
            f.extend(tolerance.map(|t| format!("tolerance = {}", number(t))));
            f
        }
        Rule::Ratio { first, second } => {
            vec![format!("first = {}", number(*first)), format!("second = {}", number(*second))]
        }
        Rule::Eliminate { threshold, basic } => {
            let default = if *basic { crate::plan::load::BASIC_ELIMINATION } else { Decimal::ZERO };
            let basic = basic.then(|| "basic = true".to_string());
            basic
                .into_iter()
                .chain((*threshold != default).then(|| format!("threshold = {}", number(*threshold))))
                .collect()
        }
        Rule::Balance { low, high } => {
            // The loader's own band is left unsaid; another is written out.
            match (*low, *high) == crate::plan::load::BALANCE_BAND {
                true => Vec::new(),
                false => vec![format!("low = {}", number(*low)), format!("high = {}", number(*high))],
            }
        }
        Rule::GapNarrow { reference } => vec![format!("reference = {}", quote(&registry.get(*reference).id))],
        Rule::RegionalGap { measure } => vec![format!("measure = {}", quote(measure.as_str()))],
        // Every field of each kind is written above or the kind has none: a new kind must be decided here.
        Rule::Increase | Rule::IncreaseYearly | Rule::Decrease | Rule::SlowRise | Rule::Qualitative => Vec::new(),
    };
    let mut all = vec![format!("kind = {kind}")];
    all.extend(fields);
    format!("{{ {} }}", all.join(", "))
}

/// The registry file of the indicators the draft made.
pub fn indicator_file(draft: &Draft, prefix: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", DraftMsg::IndicatorFileHeader { prefix: prefix.to_string() }.text(Lang::Zh));
    for id in draft.new_indicators() {
        let ind = draft.registry.get(id);
        let unit = match &ind.unit {
            Unit::None => String::new(),
            u => u.to_string(),
        };
        let _ = writeln!(
            out,
            "\n[[indicator]]\nid = {}\nname = {}\nunit = {}",
            quote(&ind.id),
            quote(&ind.name),
            quote(&unit)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::Measure;

    /// Every field a rule holds is written, so that loading the drafted file gives the same rule back.
    #[test]
    fn every_field_of_a_rule_is_written() {
        let registry = Registry::new();
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        let eliminate = Rule::Eliminate { threshold: d("0.5"), basic: true };
        assert_eq!(rule(&eliminate, &registry), "{ kind = \"eliminate\", basic = true, threshold = \"0.5\" }");
        let default = Rule::Eliminate { threshold: crate::plan::load::BASIC_ELIMINATION, basic: true };
        assert_eq!(rule(&default, &registry), "{ kind = \"eliminate\", basic = true }");
        assert_eq!(
            rule(&Rule::Eliminate { threshold: Decimal::ZERO, basic: false }, &registry),
            "{ kind = \"eliminate\" }"
        );
        let band = Rule::Balance { low: d("104"), high: d("108") };
        assert_eq!(rule(&band, &registry), "{ kind = \"balance\", low = \"104\", high = \"108\" }");
        let usual = Rule::Balance { low: d("103"), high: d("107") };
        assert_eq!(rule(&usual, &registry), "{ kind = \"balance\" }");
        let gap = Rule::RegionalGap { measure: Measure::Cv };
        assert_eq!(rule(&gap, &registry), "{ kind = \"regional_gap\", measure = \"cv\" }");
    }
}
