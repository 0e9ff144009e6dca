//! Every target shows its indicator in its own plan's words.
//!
//! The shared indicator id lets one data file serve several plans, but the name a target shows (JSON `name`, the
//! table, reports, templates, `explain`) must be its own plan's. For every target of every embedded plan the name
//! is derived exactly as evaluation derives it, and must be, after folding spaces, full-width forms and brackets:
//!
//! - for a row of a 专栏1 indicator table: the row's 指标名称 (without the unit in brackets); where one row holds
//!   several targets (a row naming several quantities), a name spelled from the row's 指标名称;
//! - otherwise: words that occur in the plan's own part of its seed document; or a name spelled from the target's
//!   `text`; or, with a `reading` that says so, spelled from the sentence of the document that holds the text
//!   (the subject of 担任正职的女干部… or 床位增至2.8张 stands earlier in the sentence);
//! - a `gap_narrow` target, which compares two groups, shows its own group (农村, 城市, 城镇, 女性, 男性) before a
//!   quantity that passes the rules above, and has a `reading`.
//!
//! "Spelled from" means: the name is pieces of at least two characters of those words, in their order, and may
//! end with a measure word that says what kind of figure it is (率, 比例, 数, 人数, 时间, 覆盖率, ...).
//! A qualitative target shows its own text. Targets that no rule covers are listed in [`EXCEPTIONS`], each with a
//! `reading` in its plan.

mod plan_text;

use plan_text::{catalog, fnv1a, fold, own_part, sentences, table_rows, TableRow, SEEDS};
use plancheck::dataset::Dataset;
use plancheck::eval::{evaluate_region, EvalOptions};
use plancheck::indicator::Registry;
use plancheck::plan::{Plan, Target, TargetSource};
use plancheck::rule::Kind;
use std::collections::{BTreeMap, HashMap};

/// Words that close a name and say what kind of figure it is.
const MEASURE_WORDS: &[&str] =
    &["率", "比例", "数", "数量", "人数", "次数", "时间", "水平", "级别", "参保率", "覆盖率", "普及率"];

/// The groups a `gap_narrow` target compares.
const GROUPS: &[&str] = &["农村", "城市", "城镇", "女性", "男性"];

/// (plan, target): names no rule above covers; each target's `reading` says why the name is what it is.
const EXCEPTIONS: &[(&str, &str)] = &[
    // 市、乡镇（街道）两级政府: the 市 level alone is named by one character, which no rule spells.
    ("leping-women", "decision-4a"),
    ("leping-women", "decision-4c"),
    // 人流量较大地区不小于2:1 continues 女厕位与男厕位的比例…, which stands before it.
    ("lechang-women", "environment-m6b"),
];

/// How a name passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Passed {
    TableRow,
    TableRowSpelled,
    InDocument,
    FromText,
    FromSentence,
    Group,
    Qualitative,
}

/// Is `name` pieces (two characters or more) of `words`, in order, optionally closed by a measure word?
fn spelled_from(name: &str, words: &str) -> bool {
    fn pieces(name: &[char], words: &[char], from: usize) -> bool {
        if name.is_empty() {
            return true;
        }
        (2..=name.len()).rev().any(|len| {
            let piece = &name[..len];
            (from..words.len().saturating_sub(len - 1))
                .filter(|&at| &words[at..at + len] == piece)
                .any(|at| pieces(&name[len..], words, at + len))
        })
    }
    let (name, words) = (fold(name), fold(words));
    let words: Vec<char> = words.chars().collect();
    let whole: Vec<char> = name.chars().collect();
    !whole.is_empty()
        && (pieces(&whole, &words, 0)
            || MEASURE_WORDS.iter().any(|m| {
                name.strip_suffix(m)
                    .filter(|rest| !rest.is_empty())
                    .is_some_and(|rest| pieces(&rest.chars().collect::<Vec<_>>(), &words, 0))
            }))
}

struct PlanPart<'a> {
    plan: &'a Plan,
    part: String,
    folded: String,
    rows: Vec<TableRow>,
}

fn how_named(p: &PlanPart, t: &Target, name: &str) -> Option<Passed> {
    if t.source == TargetSource::Table {
        let rows: Vec<&TableRow> =
            p.rows.iter().filter(|r| r.item == t.item && fold(&r.target) == fold(&t.text)).collect();
        let sharing = p
            .plan
            .targets
            .iter()
            .filter(|o| o.source == TargetSource::Table && o.item == t.item && fold(&o.text) == fold(&t.text))
            .count();
        return match rows.as_slice() {
            [row] if sharing == 1 => (fold(name) == fold(&row.name)).then_some(Passed::TableRow),
            _ => rows.iter().any(|r| spelled_from(name, &r.name)).then_some(Passed::TableRowSpelled),
        };
    }
    if p.folded.contains(&fold(name)) {
        return Some(Passed::InDocument);
    }
    if spelled_from(name, &t.text) {
        return Some(Passed::FromText);
    }
    match sentences(&p.part, &t.text, &t.item).as_slice() {
        [sentence] if spelled_from(name, sentence) => Some(Passed::FromSentence),
        _ => None,
    }
}

fn check(p: &PlanPart, t: &Target, name: &str) -> Option<Passed> {
    if t.indicator.is_none() {
        return (name == t.text).then_some(Passed::Qualitative);
    }
    how_named(p, t, name).or_else(|| {
        let grouped = t.rule.kind() == Kind::GapNarrow
            && GROUPS.iter().any(|g| name.strip_prefix(g).is_some_and(|rest| how_named(p, t, rest).is_some()));
        grouped.then_some(Passed::Group)
    })
}

/// The names evaluation shows, by target id: the plan evaluated on a data file without a value.
fn shown_names<'a>(plan: &'a Plan, registry: &'a Registry) -> HashMap<&'a str, &'a str> {
    let data = Dataset::default();
    let report = evaluate_region(plan, registry, &data, 0, &EvalOptions::default());
    assert_eq!(report.results.len(), plan.targets.len(), "{}: evaluation lost targets", plan.meta.id);
    report.results.iter().map(|r| (r.id, r.name)).collect()
}

#[test]
fn the_seed_copies_are_the_documents_the_plans_encode() {
    for (name, hash, size) in SEEDS {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds").join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert_eq!((bytes.len() as u64, fnv1a(&bytes)), (*size, *hash), "tests/seeds/{name} is not the seed document");
    }
}

#[test]
fn every_target_shows_its_indicator_in_its_own_plans_words() {
    let catalog = catalog();
    let registry = &catalog.registry;
    let mut problems = Vec::new();
    let mut counts: BTreeMap<Passed, usize> = BTreeMap::new();
    let mut excepted = Vec::new();
    let mut checked = 0;
    for plan in &catalog.plans {
        let part = own_part(plan);
        let p = PlanPart { plan, folded: fold(&part), rows: table_rows(&part), part };
        let names = shown_names(plan, registry);
        for t in &plan.targets {
            checked += 1;
            let name = names.get(t.id.as_str()).copied().unwrap_or_default();
            assert_eq!(name, t.shown_name(registry), "{}: {}: evaluation shows another name", plan.meta.id, t.id);
            let passed = check(&p, t, name);
            let is_exception = EXCEPTIONS.contains(&(plan.meta.id.as_str(), t.id.as_str()));
            let reading = t.reading.as_deref().is_some_and(|r| !r.trim().is_empty());
            match passed {
                Some(how) if is_exception => {
                    problems.push(format!("{} {}: listed as an exception but its name passes ({how:?})", plan.meta.id, t.id))
                }
                Some(how @ (Passed::FromSentence | Passed::Group)) if !reading => problems.push(format!(
                    "{} {}: the name {name:?} takes words from outside its text ({how:?}) but no reading says so",
                    plan.meta.id, t.id
                )),
                Some(how) => *counts.entry(how).or_default() += 1,
                None if is_exception && reading => excepted.push(format!("{} {}", plan.meta.id, t.id)),
                None if is_exception => {
                    problems.push(format!("{} {}: an exception without a reading", plan.meta.id, t.id))
                }
                None => problems.push(format!(
                    "{} {} ({}): shows {name:?}, which is neither in its plan's part of {} nor spelled from its text {:?}",
                    plan.meta.id,
                    t.id,
                    t.indicator.map_or("—", |id| registry.get(id).id.as_str()),
                    plan.meta.source,
                    t.text
                )),
            }
        }
    }
    eprintln!("{checked} targets checked: {counts:?}; exceptions with readings: {}", excepted.len());
    assert!(
        problems.is_empty(),
        "{} targets not named in their own plan's words:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
    assert_eq!(excepted.len(), EXCEPTIONS.len(), "every exception names a target of an embedded plan");
}

/// A name that evaluation shows must also be what a data file may write: every target's own name is a spelling of
/// its indicator in the registry files themselves, so that a run that loads one plan accepts every plan's words.
#[test]
fn every_targets_own_name_is_a_spelling_of_its_indicator_in_the_registry() {
    let catalog = catalog();
    let mut alone = Registry::new();
    let mut diags = plancheck::diag::Diagnostics::new();
    for (file, text) in plancheck::plan::embedded::INDICATOR_FILES {
        plancheck::plan::load::read_indicators(file, text, &mut alone, &mut diags);
    }
    assert!(!diags.has_errors(), "{}", diags.render(plancheck::words::Lang::En));
    let mut problems = Vec::new();
    for plan in &catalog.plans {
        for t in &plan.targets {
            let (Some(name), Some(id)) = (&t.name, t.indicator) else { continue };
            let wanted = &catalog.registry.get(id).id;
            let found = alone.lookup(name).map(|found| alone.get(found).id.clone());
            if found.as_ref() != Some(wanted) {
                problems.push(format!(
                    "{} {}: {name:?} is {found:?} in plans/indicators/, not {wanted}",
                    plan.meta.id, t.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "target names the registry files do not know:\n  {}", problems.join("\n  "));
}

/// The rules are only worth something if they refuse: another city's wording, a name in no document and a table
/// row worded differently from the table are each reported.
#[test]
fn the_rules_refuse_another_citys_words_an_invented_name_and_a_reworded_table_row() {
    let catalog = catalog();
    let plan = |id: &str| catalog.plan(id).unwrap_or_else(|| panic!("no plan {id}"));
    let gaoping = plan("gaoping-women");
    let part = own_part(gaoping);
    let p = PlanPart { plan: gaoping, folded: fold(&part), rows: table_rows(&part), part };
    let target = |plan: &Plan, id: &str| plan.targets.iter().find(|t| t.id == id).cloned().expect("the target");
    // 高平's 国有企业 board share shown in 江津's district words.
    let board = target(gaoping, "decision-6a");
    assert_eq!(check(&p, &board, "国有企业董事会成员中的女性比例"), Some(Passed::FromText));
    assert_eq!(check(&p, &board, "区属国有企业董事会成员中的女性比例"), None);
    // A name in no document.
    let mm = target(gaoping, "health-2a");
    assert_eq!(check(&p, &mm, "孕产妇死亡率"), Some(Passed::InDocument));
    assert_eq!(check(&p, &mm, "孕产妇死亡人数比"), None);
    // 江津's row 20 is 全区中国共产党女党员比例, not the shorter shared name.
    let jiangjin = plan("jiangjin-women");
    let part = own_part(jiangjin);
    let j = PlanPart { plan: jiangjin, folded: fold(&part), rows: table_rows(&part), part };
    let cpc = target(jiangjin, "decision-20");
    assert_eq!(check(&j, &cpc, "全区中国共产党女党员比例"), Some(Passed::TableRow));
    assert_eq!(check(&j, &cpc, "中国共产党女党员比例"), None);
    // A gap shows its group before a quantity of the plan; an invented quantity is still refused.
    let gap = target(gaoping, "health-2b");
    assert_eq!(check(&p, &gap, "农村孕产妇死亡率"), Some(Passed::Group));
    assert_eq!(check(&p, &gap, "农村产妇病死率"), None);
    // Spelling keeps the document's order.
    assert!(spelled_from("孕产妇梅毒检测率", "孕产妇艾滋病、梅毒和乙肝检测率达到98%以上"));
    assert!(!spelled_from("梅毒孕产妇检测率", "孕产妇艾滋病、梅毒和乙肝检测率达到98%以上"));
}
