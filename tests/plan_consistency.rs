//! The same words get the same encoding in every plan.
//!
//! Two plans that write the same clause must check the same thing: the same kinds of rule on the same
//! indicators. Clauses are compared after folding what differs between cities without changing what is measured:
//! spaces, full-width forms and punctuation; 的; region words (全市, 全区, 各级, 本地区, 市, 区, 县, 县（市）区, ...);
//! degree adverbs (进一步, 明显, 不断, 逐步, 持续, 稳步, 有效, ...); and the verb of direction, kept only as its
//! direction (提高 = 提升 = 增加 = 增强 = 改善; 降低 = 下降 = 减少 = 缩小), so that 增加公益性儿童…校外活动场所 and
//! 公益性儿童…校外活动场所不断增加 are one clause. Table cells (≥98, 提高) are not clauses: their subject is the
//! row's name. Where one clause is encoded differently in two plans for a reason (its subject stands in the
//! sentence before it and differs), the clause is listed in [`DIFFERENT_FOR_A_REASON`] and every target of it
//! carries a `reading`.

mod plan_text;

use plan_text::{catalog, fold};
use plancheck::indicator::Registry;
use plancheck::plan::{Plan, Target, TargetSource};
use plancheck::rule::Rule;
use std::collections::BTreeMap;

/// Clauses (as one plan writes them) that the plans encode differently, and why.
const DIFFERENT_FOR_A_REASON: &[(&str, &str)] = &[
    ("城乡差距缩小", "the gap of whatever quantity the sentence names before it (孕产妇死亡率, the three child mortality rates)"),
    ("城乡、区域差距逐步缩小", "the same: maternal mortality, child mortality or child health management, as the sentence names"),
    (
        "担任正职的女干部占同级正职干部的比例逐步提高",
        "同级 is the level the sentence names before it: 市政府, its departments, 乡镇（街道）, 市直机关",
    ),
    (
        "市政府工作部门领导班子中的女干部比例逐步提高",
        "吉林市 is a prefecture-level city whose clause covers 市 and 县（市）区 departments, region by region; 乐平市 a county-level one",
    ),
];

const PUNCTUATION: &[char] =
    &['，', '。', '、', '；', '：', ',', '.', ';', ':', '“', '”', '"', '《', '》', '(', ')', '—', '-', '－', '!', '?'];
const REGION_WORDS: &[&str] = &[
    "市、县(市)区",
    "县(市)区",
    "市、乡镇(街道)",
    "乡镇(街道)",
    "本地区",
    "全市",
    "全区",
    "全县",
    "各级",
    "本市",
    "本区",
    "市",
    "区",
    "县",
];
const ADVERBS: &[&str] = &["进一步", "明显", "显著", "不断", "逐步", "持续", "稳步", "有效", "普遍", "大幅", "切实"];
const UP: &[&str] = &["提高", "提升", "增加", "增强", "改善"];
const DOWN: &[&str] = &["降低", "下降", "减少", "缩小"];

/// The clause as the plans are compared: folded, without region words, adverbs and punctuation, its direction
/// verb replaced by the direction.
fn clause(text: &str) -> String {
    let mut s = fold(text);
    for w in REGION_WORDS {
        s = s.replace(w, "");
    }
    s = s.chars().filter(|c| !PUNCTUATION.contains(c) && *c != '的').collect();
    for w in ADVERBS {
        s = s.replace(w, "");
    }
    let mut direction = String::new();
    if UP.iter().any(|w| s.contains(w)) {
        direction.push('+');
    }
    if DOWN.iter().any(|w| s.contains(w)) {
        direction.push('-');
    }
    for w in UP.iter().chain(DOWN) {
        s = s.replace(w, "");
    }
    if direction.is_empty() {
        s
    } else {
        format!("{s}|{direction}")
    }
}

/// Enough words to be a clause of its own, not a fragment such as 达到90%.
fn is_clause(key: &str) -> bool {
    key.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() >= 4
}

/// How one plan encodes a clause: (indicator, kind) of each of its targets, sorted, and the targets.
type Encoding<'a> = (Vec<(String, &'a str)>, Vec<&'a Target>);

/// Every clause that stands in several plans and is encoded differently without a listed reason (or, listed,
/// without a reading); and how many clauses stand in several plans, and how many of them differ.
fn inconsistencies(all: &[Plan], registry: &Registry) -> (Vec<String>, usize, usize) {
    // clause → plan → (indicator, kind) of each of its targets, and the targets
    let mut clauses: BTreeMap<String, BTreeMap<&str, Encoding>> = BTreeMap::new();
    for plan in all {
        for t in plan.targets.iter().filter(|t| t.source != TargetSource::Table) {
            let key = clause(&t.text);
            if !is_clause(&key) {
                continue;
            }
            let indicator = t.indicator.map_or_else(|| "—".to_string(), |id| registry.get(id).id.clone());
            let entry = clauses.entry(key).or_default().entry(plan.meta.id.as_str()).or_default();
            entry.0.push((indicator, t.rule.kind().as_str()));
            entry.0.sort();
            entry.1.push(t);
        }
    }
    let excused: BTreeMap<String, &str> = DIFFERENT_FOR_A_REASON.iter().map(|(c, why)| (clause(c), *why)).collect();
    let mut problems = Vec::new();
    let (mut shared, mut differing) = (0, 0);
    for (key, plans) in clauses.iter().filter(|(_, plans)| plans.len() > 1) {
        shared += 1;
        let first = plans.values().next().map(|(encoding, _)| encoding);
        if plans.values().all(|(encoding, _)| Some(encoding) == first) {
            continue;
        }
        differing += 1;
        let lines: Vec<String> = plans
            .iter()
            .map(|(plan, (encoding, targets))| {
                let ids: Vec<&str> = targets.iter().map(|t| t.id.as_str()).collect();
                format!("{plan} {ids:?} «{}»: {encoding:?}", targets[0].text)
            })
            .collect();
        match excused.get(key) {
            Some(_) => {
                for (plan, (_, targets)) in plans {
                    for t in targets.iter().filter(|t| t.reading.as_deref().is_none_or(|r| r.trim().is_empty())) {
                        problems.push(format!(
                            "{plan} {}: «{}» is encoded unlike other plans, and has no reading",
                            t.id, t.text
                        ));
                    }
                }
            }
            None => problems.push(format!("one clause, different encodings:\n    {}", lines.join("\n    "))),
        }
    }
    for (clause, _) in DIFFERENT_FOR_A_REASON {
        let key = self::clause(clause);
        if clauses.get(&key).is_none_or(|plans| plans.len() <= 1) {
            problems.push(format!("{clause:?} is listed as encoded differently, but no two plans write it"));
        }
    }
    (problems, shared, differing)
}

#[test]
fn the_same_clause_in_two_allgets_the_same_kinds_on_the_same_indicators() {
    let catalog = catalog();
    let (problems, shared, differing) = inconsistencies(&catalog.plans, &catalog.registry);
    eprintln!(
        "{shared} clauses stand in more than one plan; {differing} are encoded differently, each for a listed reason"
    );
    assert!(problems.is_empty(), "{} inconsistencies:\n  {}", problems.len(), problems.join("\n  "));
}

/// The check is only worth something if it fails: a clause made qualitative in one plan, or put on another
/// indicator, is reported.
#[test]
fn a_clause_encoded_differently_in_one_plan_is_reported() {
    let catalog = catalog();
    let mut plans = catalog.plans.clone();
    let leping = plans.iter_mut().find(|p| p.meta.id == "leping-women").expect("乐平's women's plan");
    let mtct = leping.targets.iter_mut().find(|t| t.id == "health-5a").expect("health-5a");
    assert_eq!(mtct.text, "减少艾滋病、梅毒和乙肝母婴传播");
    mtct.rule = Rule::Qualitative;
    let (problems, _, _) = inconsistencies(&plans, &catalog.registry);
    assert!(problems.iter().any(|p| p.contains("leping-women") && p.contains("减少艾滋病")), "{problems:?}");
    let mut plans = catalog.plans.clone();
    let gaoping = plans.iter_mut().find(|p| p.meta.id == "gaoping-women").expect("高平's women's plan");
    let water =
        gaoping.targets.iter_mut().find(|t| t.text == "提升城市集中式饮用水水源水质").expect("the water clause");
    water.indicator = catalog.registry.lookup("urban-drinking-water-quality");
    let (problems, _, _) = inconsistencies(&plans, &catalog.registry);
    assert!(
        problems.iter().any(|p| p.contains("gaoping-women") && p.contains("urban-drinking-water-quality")),
        "{problems:?}"
    );
}

#[test]
fn folding_keeps_what_is_measured_and_drops_what_differs_between_cities() {
    assert_eq!(clause("妇女的宫颈癌和乳腺癌防治意识进一步提升"), clause("妇女宫颈癌和乳腺癌防治意识明显提高"));
    assert_eq!(
        clause("增加公益性儿童教育、科技、文化、体育、娱乐等校外活动场所"),
        clause("公益性儿童教育、科技、文化、体育、娱乐等校外活动场所不断增加")
    );
    assert_eq!(
        clause("全市各级人大代表和常委会委员中的女性比例逐步提高"),
        clause("各级人大代表和常委会委员中的女性比例逐步提高")
    );
    assert_ne!(clause("孕产妇死亡率持续降低"), clause("孕产妇死亡率持续提高"));
    assert_ne!(clause("农村自来水普及率达到90%"), clause("农村自来水普及率达到92%"));
    assert!(!is_clause(&clause("≥98")));
}
