//! Who uses an indicator: the names plans give it, and the targets that measure it or compare with it. What
//! `plancheck indicators` shows; a new user learns the ids here, not from clashes and "did you mean".

use super::model::{Plan, Target};
use crate::indicator::{normalize_name, IndicatorId, Registry};
use std::collections::BTreeMap;

/// One indicator's use across the plans at hand.
#[derive(Debug, Default)]
pub struct Usage<'a> {
    /// Each name a plan shows for the indicator, with the plans that show it, in plan order.
    pub names: Vec<(String, Vec<&'a str>)>,
    /// The targets on the indicator.
    pub targets: Vec<(&'a Plan, &'a Target)>,
    /// The targets that compare with it (`relative`, `gap_narrow`).
    pub references: Vec<(&'a Plan, &'a Target)>,
}

impl<'a> Usage<'a> {
    /// How `plans` use indicator `id`: names from their targets and from the registry's `names` entries.
    pub fn of(id: IndicatorId, plans: &[&'a Plan], registry: &'a Registry) -> Usage<'a> {
        let mut usage = Usage::default();
        let mut names: BTreeMap<String, (usize, String, Vec<&'a str>)> = BTreeMap::new();
        let mut add = |name: &str, plan: &'a str| {
            let next = names.len();
            let entry = names.entry(normalize_name(name)).or_insert_with(|| (next, name.to_string(), Vec::new()));
            if !entry.2.contains(&plan) {
                entry.2.push(plan);
            }
        };
        for plan in plans {
            for t in &plan.targets {
                if t.indicator == Some(id) {
                    usage.targets.push((plan, t));
                    add(t.shown_name(registry), &plan.meta.id);
                }
                if t.rule.reference() == Some(id) {
                    usage.references.push((plan, t));
                    add(plan.indicator_name(id, registry), &plan.meta.id);
                }
            }
        }
        for (plan, name) in registry.plan_names(id) {
            add(name, plan);
        }
        let mut ordered: Vec<(usize, String, Vec<&'a str>)> = names.into_values().collect();
        ordered.sort_by_key(|(order, _, _)| *order);
        usage.names = ordered.into_iter().map(|(_, name, plans)| (name, plans)).collect();
        usage
    }

    /// The aliases no plan shows as its name (those are listed with their plans).
    pub fn other_aliases(&self, id: IndicatorId, registry: &'a Registry) -> Vec<&'a str> {
        let shown: Vec<String> = self.names.iter().map(|(n, _)| normalize_name(n)).collect();
        let ind = registry.get(id);
        ind.aliases
            .iter()
            .filter(|a| !shown.contains(&normalize_name(a)) && normalize_name(a) != normalize_name(&ind.name))
            .map(String::as_str)
            .collect()
    }

    /// Per plan that uses it, in plan order: the names it shows and its targets (those that compare with the
    /// indicator last).
    pub fn by_plan(&self) -> Vec<PlanUse<'a>> {
        let mut out: Vec<PlanUse<'a>> = Vec::new();
        for (plan, t) in self.targets.iter().chain(&self.references) {
            let index = match out.iter().position(|u| u.plan == plan.meta.id) {
                Some(i) => i,
                None => {
                    let names = self.names.iter().filter(|(_, p)| p.contains(&plan.meta.id.as_str()));
                    let names = names.map(|(n, _)| n.clone()).collect();
                    out.push(PlanUse { plan: &plan.meta.id, names, targets: Vec::new() });
                    out.len() - 1
                }
            };
            out[index].targets.push(&t.id);
        }
        out
    }
}

/// How one plan uses an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanUse<'a> {
    pub plan: &'a str,
    /// The names the plan shows for it.
    pub names: Vec<String>,
    /// Its targets on it, or comparing with it.
    pub targets: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::plan::{load_catalog, PlanSource};

    #[test]
    fn a_shared_indicator_is_used_by_both_plans_of_a_city_under_their_own_names() {
        let catalog = load_catalog(&PlanSource::Embedded, &mut Diagnostics::new());
        let plans: Vec<&Plan> = catalog.plans.iter().collect();
        let id = catalog.registry.lookup("nine-year-retention").expect("embedded");
        let usage = Usage::of(id, &plans, &catalog.registry);
        let by_plan = usage.by_plan();
        assert!(by_plan.iter().any(|u| u.plan == "jiangjin-children" && !u.names.is_empty()), "{by_plan:?}");
        assert!(!usage.names.is_empty());
        assert!(usage.names.iter().all(|(_, plans)| !plans.is_empty()));
    }
}
