//! The indicator registry: every measured quantity once, with its ASCII id, its Chinese name as the plans write
//! it, aliases and unit. Plans and data files name indicators; this module turns any of those names into one
//! [`IndicatorId`]. It knows nothing of targets or values.

use crate::diag::Location;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// An index into the registry: cheap to copy and hash, stable for one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorId(pub u32);

/// The unit an indicator is measured in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 百分比, %.
    Percent,
    /// 千分比, ‰.
    Permille,
    /// 1/10万.
    PerHundredThousand,
    /// A ratio such as 男女厕位比 2:3, held as the quotient second/first.
    Ratio,
    /// Any other unit word (岁, 年, 万人, 个, ...): values must carry this word or none.
    Other(String),
    /// No unit (an index, a count without a unit word).
    None,
}

impl Unit {
    /// Reads the unit as the registry writes it.
    pub fn parse(text: &str) -> Unit {
        match text.trim() {
            "%" | "％" => Unit::Percent,
            "‰" => Unit::Permille,
            "1/10万" | "/10万" => Unit::PerHundredThousand,
            "ratio" => Unit::Ratio,
            "" => Unit::None,
            other => Unit::Other(other.to_string()),
        }
    }

    /// The power of ten that makes a value in this unit a plain fraction: % is 2, ‰ 3, 1/10万 5.
    /// Units sharing a scale convert exactly into one another.
    pub fn scale(&self) -> Option<u32> {
        match self {
            Unit::Percent => Some(2),
            Unit::Permille => Some(3),
            Unit::PerHundredThousand => Some(5),
            _ => None,
        }
    }

    /// Is 100 the most this quantity can reach (a rate in %)?
    pub fn has_ceiling(&self) -> bool {
        *self == Unit::Percent
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Percent => f.write_str("%"),
            Unit::Permille => f.write_str("‰"),
            Unit::PerHundredThousand => f.write_str("1/10万"),
            Unit::Ratio => f.write_str("ratio"),
            Unit::Other(word) => f.write_str(word),
            Unit::None => Ok(()),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One measured quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Kebab-case ASCII id, e.g. `maternal-mortality`.
    pub id: String,
    /// The Chinese name as the plans write it, without the unit.
    pub name: String,
    pub aliases: Vec<String>,
    pub unit: Unit,
}

/// Where an indicator is defined: a registry file's entry, embedded in the binary or a file of one's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub at: Location,
    /// One of the registry files under `plans/indicators/` built into the binary.
    pub embedded: bool,
}

/// All indicators, looked up by id, name or alias.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    indicators: Vec<Indicator>,
    by_key: HashMap<String, IndicatorId>,
    /// Parallel to `indicators`: where each was defined, where a file defined it.
    origins: Vec<Option<Origin>>,
    /// The name a plan gives an indicator, declared in a registry file (`names = { "<plan-id>" = "…" }`).
    plan_names: BTreeMap<(IndicatorId, String), String>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds an indicator; on an id, name or alias already taken, returns the id that holds it.
    pub fn add(&mut self, indicator: Indicator) -> Result<IndicatorId, IndicatorId> {
        self.add_from(indicator, None).map_err(|(_, taken)| taken)
    }

    /// Adds an indicator defined at `origin`; on an id, name or alias already taken, returns that spelling and
    /// the id that holds it.
    pub fn add_from(
        &mut self,
        indicator: Indicator,
        origin: Option<Origin>,
    ) -> Result<IndicatorId, (String, IndicatorId)> {
        let id = IndicatorId(self.indicators.len() as u32);
        let spellings =
            std::iter::once(&indicator.id).chain(std::iter::once(&indicator.name)).chain(&indicator.aliases);
        if let Some(taken) =
            spellings.clone().find_map(|k| self.by_key.get(&normalize_name(k)).map(|&h| (k.clone(), h)))
        {
            return Err(taken);
        }
        let keys: Vec<String> = spellings.map(|k| normalize_name(k)).collect();
        for key in keys {
            self.by_key.insert(key, id);
        }
        self.indicators.push(indicator);
        self.origins.push(origin);
        Ok(id)
    }

    /// The indicator whose id is exactly `id` (not a name or alias that reads like one).
    pub fn by_id(&self, id: &str) -> Option<IndicatorId> {
        self.lookup(id)
            .filter(|&found| self.get(found).id == id)
            .or_else(|| self.indicators.iter().position(|i| i.id == id).map(|i| IndicatorId(i as u32)))
    }

    /// Where an indicator was defined, when a registry file defined it.
    pub fn origin(&self, id: IndicatorId) -> Option<&Origin> {
        self.origins.get(id.0 as usize).and_then(Option::as_ref)
    }

    /// Records the name `plan` gives an indicator; it is also a spelling data files may use. On a spelling
    /// another indicator holds, returns that one.
    pub fn add_plan_name(&mut self, id: IndicatorId, plan: &str, name: &str) -> Result<(), IndicatorId> {
        self.add_alias(id, name)?;
        self.plan_names.insert((id, plan.to_string()), name.to_string());
        Ok(())
    }

    /// The name a registry file declares for an indicator in one plan.
    pub fn plan_name(&self, id: IndicatorId, plan: &str) -> Option<&str> {
        self.plan_names.get(&(id, plan.to_string())).map(String::as_str)
    }

    /// Every plan-specific name a registry file declares for an indicator: (plan id, name).
    pub fn plan_names(&self, id: IndicatorId) -> impl Iterator<Item = (&str, &str)> {
        self.plan_names
            .range((id, String::new())..)
            .take_while(move |((i, _), _)| *i == id)
            .map(|((_, p), n)| (p.as_str(), n.as_str()))
    }

    /// Adds another spelling of an indicator; on a spelling another indicator holds, returns that one.
    pub fn add_alias(&mut self, id: IndicatorId, alias: &str) -> Result<(), IndicatorId> {
        let key = normalize_name(alias);
        match self.by_key.get(&key) {
            Some(&held) if held == id => Ok(()),
            Some(&held) => Err(held),
            None => {
                self.by_key.insert(key, id);
                if let Some(ind) = self.indicators.get_mut(id.0 as usize) {
                    ind.aliases.push(alias.to_string());
                }
                Ok(())
            }
        }
    }

    /// Finds an indicator by id, Chinese name or alias; spaces, full-width forms and a trailing unit in
    /// brackets (`孕产妇死亡率（1/10万）`) do not matter.
    pub fn lookup(&self, name: &str) -> Option<IndicatorId> {
        let key = normalize_name(name);
        self.by_key.get(&key).copied().or_else(|| {
            let bare = strip_unit_suffix(&key);
            (bare.len() < key.len()).then(|| self.by_key.get(bare).copied()).flatten()
        })
    }

    pub fn get(&self, id: IndicatorId) -> &Indicator {
        &self.indicators[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (IndicatorId, &Indicator)> {
        self.indicators.iter().enumerate().map(|(i, ind)| (IndicatorId(i as u32), ind))
    }

    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    /// The indicators a retired spelling of several separately reported quantities now stands for (an older
    /// data file's `孕产妇艾滋病、梅毒和乙肝检测率`), by their names; those the registry lacks are left out.
    pub fn split_into(&self, name: &str) -> Option<Vec<&str>> {
        let wanted = normalize_name(name);
        let (_, ids) = SPLIT.iter().find(|(old, _)| old.iter().any(|o| normalize_name(o) == wanted))?;
        let names: Vec<&str> = ids.iter().filter_map(|id| self.lookup(id)).map(|i| self.get(i).name.as_str()).collect();
        (!names.is_empty()).then_some(names)
    }

    /// The known names closest to `name`, best first, for "did you mean ...?".
    pub fn suggest<'a>(&'a self, name: &str, among: impl Iterator<Item = IndicatorId>) -> Option<&'a str> {
        // No indicator's name is long: a long text is compared with none (edit distance is quadratic).
        if name.chars().count() > SUGGEST_AT_MOST {
            return None;
        }
        let wanted = normalize_name(name);
        let mut best: Option<(f64, &str)> = None;
        for id in among {
            let ind = self.get(id);
            let names = std::iter::once(&ind.name).chain(&ind.aliases).chain(std::iter::once(&ind.id));
            for candidate in names {
                let score = strsim::normalized_levenshtein(&wanted, &normalize_name(candidate));
                if score >= 0.5 && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, ind.name.as_str()));
                }
            }
        }
        best.map(|(_, name)| name)
    }
}

/// Spellings the registry once had for one figure covering quantities the statistics report apart, and the
/// indicators each became: a data file that still uses one is told which to report instead.
const SPLIT: &[(&[&str], &[&str])] = &[
    (
        &["maternal-hiv-syphilis-hbv-testing", "孕产妇艾滋病、梅毒和乙肝检测率"],
        &["maternal-hiv-testing", "maternal-syphilis-testing", "maternal-hbv-testing"],
    ),
    (
        &["maternal-hiv-syphilis-treatment", "感染艾滋病、梅毒孕产妇治疗率", "艾滋病、梅毒孕产妇感染者治疗率"],
        &["maternal-hiv-treatment", "maternal-syphilis-treatment"],
    ),
    (
        &[
            "soe-boards-female",
            "区属国有企业董事会、监事会及管理层成员中的女性比例",
            "国有企业董事会、监事会成员及管理层中的女性比例",
        ],
        &["soe-board-female", "soe-supervisory-board-female", "soe-management-female"],
    ),
    (
        &[
            "enterprise-boards-female",
            "企业董事会、监事会成员及管理层中的女性比例",
            "企业董事会、监事会成员及管理层中女性比例",
        ],
        &["enterprise-board-female", "enterprise-supervisory-board-female", "enterprise-management-female"],
    ),
    (
        &[
            "人大代表和人大常委会委员中女性比例",
            "人大代表和常委会委员中的女性比例",
            "各级人大代表和常委中的女性比例",
            "各级人大代表和常委会委员中的女性比例",
            "区人大代表和区人大常委会委员中女性比例",
        ],
        &["npc-deputies-female", "npc-standing-committee-female"],
    ),
    (
        &[
            "政协委员和政协常委中女性比例",
            "政协委员和常委中的女性比例",
            "各级政协委员和常委中的女性比例",
            "区政协委员和区政协常委中女性比例",
        ],
        &["cppcc-members-female", "cppcc-standing-committee-female"],
    ),
];

/// Names longer than this many characters get no "did you mean".
pub const SUGGEST_AT_MOST: usize = 64;

/// The form names are compared in: full-width ASCII folded, spaces removed, brackets unified.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// `孕产妇死亡率(1/10万)` → `孕产妇死亡率`.
fn strip_unit_suffix(key: &str) -> &str {
    match (key.ends_with(')'), key.rfind('(')) {
        (true, Some(open)) if open > 0 => &key[..open],
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every retired spelling is unknown to the embedded registry (else it would be read, not refused), and
    /// every indicator it became is known.
    #[test]
    fn split_spellings_are_retired_and_their_successors_known() {
        let mut diags = crate::diag::Diagnostics::new();
        let registry = crate::plan::load_catalog(&crate::plan::PlanSource::Embedded, &mut diags).registry;
        for (old, new) in SPLIT {
            for o in *old {
                assert!(registry.lookup(o).is_none(), "{o} is still a known spelling");
                assert_eq!(registry.split_into(o).map(|n| n.len()), Some(new.len()), "{o}");
            }
            for n in *new {
                assert!(registry.lookup(n).is_some(), "{n} is no indicator");
            }
        }
        assert_eq!(registry.split_into("孕产妇死亡率"), None);
    }

    fn registry() -> Registry {
        let mut r = Registry::new();
        let mm = Indicator {
            id: "maternal-mortality".into(),
            name: "孕产妇死亡率".into(),
            aliases: vec!["孕产妇死亡比".into()],
            unit: Unit::PerHundredThousand,
        };
        r.add(mm).unwrap();
        r
    }

    #[test]
    fn lookup_by_id_name_alias_and_name_with_unit() {
        let r = registry();
        for name in ["maternal-mortality", "孕产妇死亡率", "孕产妇死亡比", "孕产妇死亡率（1/10万）", " 孕产妇 死亡率 "]
        {
            assert_eq!(r.lookup(name), Some(IndicatorId(0)), "{name}");
        }
        assert_eq!(r.lookup("婴儿死亡率"), None);
    }

    #[test]
    fn a_name_cannot_be_registered_twice() {
        let mut r = registry();
        let twin = Indicator { id: "mm2".into(), name: "孕产妇死亡率".into(), aliases: vec![], unit: Unit::None };
        assert_eq!(r.add(twin), Err(IndicatorId(0)));
    }

    #[test]
    fn an_alias_is_added_unless_another_indicator_holds_it() {
        let mut r = registry();
        let imr = Indicator { id: "imr".into(), name: "婴儿死亡率".into(), aliases: vec![], unit: Unit::Permille };
        let imr = r.add(imr).unwrap();
        assert_eq!(r.add_alias(IndicatorId(0), "孕产妇 死亡率（全市）"), Ok(()));
        assert_eq!(r.lookup("孕产妇死亡率(全市)"), Some(IndicatorId(0)));
        assert_eq!(r.add_alias(IndicatorId(0), "孕产妇死亡比"), Ok(()));
        assert_eq!(r.add_alias(IndicatorId(0), "婴儿死亡率"), Err(imr));
        assert_eq!(r.lookup("婴儿死亡率"), Some(imr));
    }

    #[test]
    fn a_plans_own_name_is_a_spelling_and_is_found_by_plan() {
        let mut r = registry();
        assert_eq!(r.add_plan_name(IndicatorId(0), "national-women", "孕产妇死亡率（全国）"), Ok(()));
        assert_eq!(r.plan_name(IndicatorId(0), "national-women"), Some("孕产妇死亡率（全国）"));
        assert_eq!(r.plan_name(IndicatorId(0), "jiangjin-women"), None);
        assert_eq!(r.lookup("孕产妇死亡率(全国)"), Some(IndicatorId(0)));
        assert_eq!(r.plan_names(IndicatorId(0)).collect::<Vec<_>>(), vec![("national-women", "孕产妇死亡率（全国）")]);
        assert_eq!(r.by_id("maternal-mortality"), Some(IndicatorId(0)));
        assert_eq!(r.by_id("孕产妇死亡率"), None);
    }

    #[test]
    fn suggestion_names_the_closest_indicator() {
        let r = registry();
        let all = r.iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(r.suggest("孕产妇死亡律", all.iter().copied()), Some("孕产妇死亡率"));
        assert_eq!(r.suggest("完全无关的名字", all.into_iter()), None);
    }

    #[test]
    fn units_of_one_family_have_scales() {
        assert_eq!(Unit::parse("%").scale(), Some(2));
        assert_eq!(Unit::parse("‰").scale(), Some(3));
        assert_eq!(Unit::parse("1/10万").scale(), Some(5));
        assert_eq!(Unit::parse("岁").scale(), None);
    }
}
