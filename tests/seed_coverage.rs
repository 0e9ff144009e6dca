//! The ten plan files against the five seed documents they encode.
//!
//! Nothing here is a hand-written list of items: each document's structure (its domains, the numbered
//! 主要目标 items of each domain, and for 江津 the 专栏1 indicator table and the "——" goal bullets) is parsed
//! out of the document text in `tests/seeds/`, and the plan files in `plans/` are checked against it.
//!
//! Two document styles occur:
//! - **numbered lists** (乐平, 高平, 乐昌, 吉林): under "二、发展领域、主要目标和策略措施" each domain heading
//!   ("（一）妇女与健康", "(一)妇女与健康", "### （一）妇女与健康", "（一）妇女与健康。") is followed by
//!   "主要目标" and numbered items ("1．", "1.", "- 1.", "（1）") up to "策略措施";
//! - **indicator table** (江津): "（三）主要目标。" holds one "——" bullet per domain, then "专栏1" is a table
//!   of 类别 / 序号 / 指标名称 / 2030年目标值 / 指标属性 rows, one tab-indented cell per line.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The five seed documents: the city prefix of their plan ids and the file name under `tests/seeds/`.
const SEEDS: &[(&str, &str)] = &[
    ("leping", "000_0d67604d752cd0a1.txt"),
    ("gaoping", "001_d22cc55193eb073d.txt"),
    ("lechang", "002_94abb8056a9bead1.txt"),
    ("jilin", "003_6d5cbecdf8760c5e.txt"),
    ("jiangjin", "004_60a6ce8650074aa6.txt"),
];

/// Each document issues one plan of each kind.
const KINDS: &[&str] = &["women", "children"];

// ---------------------------------------------------------------------------------------------------------
// Plan files (only the fields this test needs; serde ignores the rest)
// ---------------------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct PlanFile {
    plan: PlanMeta,
    #[serde(default)]
    domains: Vec<PlanDomain>,
    #[serde(default)]
    targets: Vec<PlanTarget>,
}

#[derive(Debug, Deserialize)]
struct PlanMeta {
    id: String,
    #[serde(default)]
    source: String,
}

#[derive(Debug, Deserialize)]
struct PlanDomain {
    id: String,
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct PlanTarget {
    id: String,
    domain: String,
    #[serde(default)]
    item: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    attribute: Option<String>,
    #[serde(default)]
    indicator: Option<String>,
}

impl PlanFile {
    /// The `name` of the domain with this id, or the id itself if the plan does not declare it.
    fn domain_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.domains.iter().find(|d| d.id == id).map_or(id, |d| d.name.as_str())
    }
}

// ---------------------------------------------------------------------------------------------------------
// What a document says
// ---------------------------------------------------------------------------------------------------------

/// One plan as its document prints it.
#[derive(Debug)]
struct DocPlan {
    /// `<city>-<kind>`, the plan id its file must carry.
    id: String,
    /// The seed file name.
    seed: &'static str,
    /// This plan's part of the seed document (the women's plan up to the children's title, the children's
    /// plan from there on).
    text: String,
    /// Domains in document order.
    domains: Vec<DocDomain>,
    /// 江津 only: every row of the 专栏1 indicator table.
    table: Vec<TableRow>,
}

#[derive(Debug)]
struct DocDomain {
    /// The heading without its number and punctuation: "妇女与健康".
    name: String,
    /// Every item a target must cover, in document order.
    items: Vec<DocItem>,
}

/// One item a plan must encode: numbered 主要目标 items carry their number, table rows their 序号, "——"
/// bullets their heading words.
#[derive(Debug)]
struct DocItem {
    label: String,
    /// The `source` a covering target has: "main" or "table".
    source: &'static str,
    /// The start of what the document says there, for failure messages.
    says: String,
}

/// One row of 江津's 专栏1. A row with an empty 序号 belongs to the numbered row above it (a merged cell).
#[derive(Debug)]
struct TableRow {
    category: String,
    item: String,
    name: String,
    target: String,
    /// 约束性 / 预期性; an empty cell inherits the attribute of the item's numbered row.
    attribute: String,
}

/// The ten plans, parsed from the seed documents.
fn documents() -> Vec<DocPlan> {
    let mut plans = Vec::new();
    for &(city, seed) in SEEDS {
        let path = manifest_dir().join("tests/seeds").join(seed);
        let whole = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let (women, children) = split_women_children(&whole, seed);
        for (&kind, text) in KINDS.iter().zip([women, children]) {
            let id = format!("{city}-{kind}");
            let (domains, table) = if text.contains("专栏1") {
                parse_table_style(&id, &text)
            } else {
                (parse_numbered_style(&id, &text), Vec::new())
            };
            assert!(!domains.is_empty(), "{id}: the parser found no domain in {seed}");
            for d in &domains {
                assert!(!d.items.is_empty(), "{id}: the parser found no 主要目标 item in domain {} of {seed}", d.name);
            }
            plans.push(DocPlan { id, seed, text, domains, table });
        }
    }
    plans
}

/// Splits a seed into the women's and the children's plan at the children's plan's title line
/// ("乐平市儿童发展规划（2021—2030年）", "高平市儿童发展“十四五”规划", "# 乐昌市儿童发展规划 (2021—2030年)").
fn split_women_children(whole: &str, seed: &str) -> (String, String) {
    let mut offset = 0;
    for line in whole.split_inclusive('\n') {
        let t = line.trim_matches(|c: char| c.is_whitespace() || c == '#');
        let is_title = t.chars().count() <= 30
            && t.contains("儿童发展")
            && !t.contains("妇女")
            && !t.contains("印发")
            && (t.ends_with("规划") || t.ends_with("年）") || t.ends_with("年)"));
        if is_title {
            return (whole[..offset].to_string(), whole[offset..].to_string());
        }
        offset += line.len();
    }
    panic!("{seed}: no title line of a children's plan found, cannot split the document into its two plans");
}

/// Numbered-list style: each "主要目标" line's heading is the non-blank line before it; its items run up to
/// "策略措施" (which may stand at the end of the last item's line).
fn parse_numbered_style(id: &str, text: &str) -> Vec<DocDomain> {
    let lines: Vec<&str> = text.lines().collect();
    let mut domains = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !strip_bullet(line).starts_with("主要目标") {
            continue;
        }
        let heading = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_else(|| panic!("{id}: 主要目标 without a heading"));
        let name = domain_name(heading)
            .unwrap_or_else(|| panic!("{id}: the line before 主要目标 is not a domain heading: {heading:?}"));
        let mut items: Vec<DocItem> = Vec::new();
        for line in &lines[i + 1..] {
            let (line, last) = match line.find("策略措施") {
                Some(at) => (&line[..at], true),
                None => (*line, false),
            };
            if strip_bullet(line).starts_with("主要目标") {
                break;
            }
            if let Some((n, rest)) = item_number(line) {
                let expected = items.len() as u32 + 1;
                // A line opening with a smaller number is a wrapped continuation ("5.5个以上"); a larger one
                // means an item this parser missed.
                assert!(
                    n <= expected,
                    "{id}: domain {name}: item {n} follows item {} — the parser lost an item: {line:?}",
                    expected - 1
                );
                if n == expected {
                    items.push(DocItem { label: n.to_string(), source: "main", says: excerpt(rest) });
                }
            }
            if last {
                break;
            }
        }
        domains.push(DocDomain { name, items });
    }
    domains
}

/// Table style (江津): the "——" bullets of "（三）主要目标", then the 专栏1 rows up to "三、重点任务". The
/// bullets stand in domain order, one per table 类别.
fn parse_table_style(id: &str, text: &str) -> (Vec<DocDomain>, Vec<TableRow>) {
    let goals = text.find("（三）主要目标").unwrap_or_else(|| panic!("{id}: no （三）主要目标"));
    let table_at = goals + text[goals..].find("专栏1").unwrap_or_else(|| panic!("{id}: no 专栏1 after （三）主要目标"));
    let table_end = text[table_at..].find("三、重点任务").map_or(text.len(), |e| table_at + e);

    let bullets: Vec<(String, String)> = text[goals..table_at]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("——"))
        .map(|b| {
            let heading = b.split('。').next().unwrap_or(b).trim().to_string();
            (heading, excerpt(b))
        })
        .collect();

    // Rows: blocks of tab-indented cells separated by blank lines; the first block is the header.
    let mut rows = Vec::new();
    let mut category = String::new();
    let mut numbered_attribute = String::new();
    let mut item = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for line in text[table_at..table_end].lines() {
        if let Some(cell) = line.strip_prefix('\t') {
            cells.push(cell.trim().to_string());
        } else if !cells.is_empty() {
            blocks.push(std::mem::take(&mut cells));
        }
    }
    if !cells.is_empty() {
        blocks.push(cells);
    }
    assert!(
        blocks.first().is_some_and(|h| h.first().is_some_and(|c| c == "类别")),
        "{id}: 专栏1 does not start with a 类别 header"
    );
    for block in &blocks[1..] {
        let [cat, number, name, target, attribute] = block.as_slice() else {
            panic!("{id}: a 专栏1 row has {} cells, not 5: {block:?}", block.len());
        };
        if !cat.is_empty() {
            category = cat.clone();
        }
        if !number.is_empty() {
            item = number.clone();
            numbered_attribute = attribute.clone();
        }
        assert!(!category.is_empty() && !item.is_empty(), "{id}: 专栏1 row without 类别 or 序号: {block:?}");
        let attribute = if attribute.is_empty() { numbered_attribute.clone() } else { attribute.clone() };
        rows.push(TableRow {
            category: category.clone(),
            item: item.clone(),
            name: name.clone(),
            target: target.clone(),
            attribute,
        });
    }

    let mut domains: Vec<DocDomain> = Vec::new();
    for row in &rows {
        if domains.last().is_none_or(|d| d.name != row.category) {
            assert!(!domains.iter().any(|d| d.name == row.category), "{id}: 专栏1 类别 {} appears twice", row.category);
            domains.push(DocDomain { name: row.category.clone(), items: Vec::new() });
        }
        let domain = domains.last_mut().expect("just pushed");
        if !domain.items.iter().any(|i| i.label == row.item) {
            domain.items.push(DocItem {
                label: row.item.clone(),
                source: "table",
                says: format!("{}：{}", row.name, row.target),
            });
        }
    }
    assert_eq!(
        bullets.len(),
        domains.len(),
        "{id}: （三）主要目标 has {} \"——\" bullets but 专栏1 has {} 类别; cannot pair them",
        bullets.len(),
        domains.len()
    );
    for (domain, (heading, says)) in domains.iter_mut().zip(bullets) {
        domain.items.push(DocItem { label: heading, source: "main", says });
    }
    (domains, rows)
}

/// "（一）妇女与健康" / "(一)妇女与健康" / "#### (五) 妇女与社会保障" / "（一）妇女与健康。" → "妇女与健康".
fn domain_name(heading: &str) -> Option<String> {
    let t = heading.trim_matches(|c: char| c.is_whitespace() || c == '#');
    let t = t.strip_prefix('（').or_else(|| t.strip_prefix('('))?;
    let close = t.find(['）', ')'])?;
    if !t[..close].chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return None;
    }
    let name = t[close..].trim_start_matches(['）', ')']).trim().trim_end_matches(['。', '.', '：', ':']);
    (!name.is_empty()).then(|| normalize(name))
}

/// A line without its leading whitespace and list bullet ("- 1." in some markdown conversions).
fn strip_bullet(line: &str) -> &str {
    line.trim_start().trim_start_matches(['-', '－', '•']).trim_start()
}

/// The item number a line opens with: "1．…", "1.…", "10. …", "- 1.…", "（1）…", "(1)…".
fn item_number(line: &str) -> Option<(u32, &str)> {
    let t = strip_bullet(line);
    let (t, close): (&str, &[char]) = match t.strip_prefix(['（', '(']) {
        Some(inner) => (inner, &['）', ')']),
        None => (t, &['．', '.', '、']),
    };
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = t[digits.len()..].trim_start();
    let rest = rest.strip_prefix(close)?;
    Some((digits.parse().ok()?, rest.trim_start()))
}

/// The first characters of a passage, for a failure message.
fn excerpt(s: &str) -> String {
    let s = s.trim();
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Whitespace never matters when comparing a plan's text with its document.
fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// ---------------------------------------------------------------------------------------------------------
// Loading the plans
// ---------------------------------------------------------------------------------------------------------

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each document with its plan file; panics naming every plan file that is missing or unreadable.
fn documents_with_plans() -> Vec<(DocPlan, PlanFile)> {
    let mut problems = String::new();
    let mut pairs = Vec::new();
    for doc in documents() {
        let path = manifest_dir().join("plans").join(format!("{}.toml", doc.id));
        let plan = match std::fs::read_to_string(&path) {
            Ok(s) => match toml::from_str::<PlanFile>(&s) {
                Ok(p) => p,
                Err(e) => {
                    let _ = writeln!(problems, "{}: cannot be read as a plan: {e}", path.display());
                    continue;
                }
            },
            Err(e) => {
                let _ = writeln!(problems, "{}: the plan file for {} is missing ({e})", path.display(), doc.seed);
                continue;
            }
        };
        pairs.push((doc, plan));
    }
    assert!(problems.is_empty(), "plan files the seed documents issue but that cannot be loaded:\n{problems}");
    pairs
}

// ---------------------------------------------------------------------------------------------------------
// Checks: each returns one line per problem, naming the plan, the domain and the item
// ---------------------------------------------------------------------------------------------------------

/// The plan's `[plan]` id and source are this document's.
fn metadata_mismatches(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let mut problems = Vec::new();
    if plan.plan.id != doc.id {
        problems.push(format!("plans/{}.toml: [plan] id is {:?}, expected {:?}", doc.id, plan.plan.id, doc.id));
    }
    if plan.plan.source != doc.seed {
        problems.push(format!("{}: [plan] source is {:?}, expected {:?}", doc.id, plan.plan.source, doc.seed));
    }
    problems
}

/// (a) Every item of every domain of the document is covered by a target of that domain, item and source.
fn uncovered_items(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let mut problems = Vec::new();
    for domain in &doc.domains {
        for item in &domain.items {
            let covered = plan.targets.iter().any(|t| {
                t.source == item.source
                    && t.item.trim() == item.label
                    && normalize(plan.domain_name(&t.domain)) == domain.name
            });
            if !covered {
                problems.push(format!(
                    "{}: domain {} item {:?} has no target with source \"{}\" — the document says: {}",
                    doc.id, domain.name, item.label, item.source, item.says
                ));
            }
        }
    }
    problems
}

/// The converse of (a): a "main" or "table" target points at an item the document has in that domain.
fn phantom_items(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let mut problems = Vec::new();
    for t in plan.targets.iter().filter(|t| t.source == "main" || t.source == "table") {
        let name = normalize(plan.domain_name(&t.domain));
        let Some(domain) = doc.domains.iter().find(|d| d.name == name) else {
            problems.push(format!("{}: target {} is in domain {name}, which the document does not have", doc.id, t.id));
            continue;
        };
        if !domain.items.iter().any(|i| i.source == t.source && i.label == t.item.trim()) {
            problems.push(format!(
                "{}: target {} (domain {name}, source \"{}\") has item {:?}, which that domain of the document does not have",
                doc.id, t.id, t.source, t.item
            ));
        }
    }
    problems
}

/// (b) The plan has the document's domains: as many, with the same names, in the same order.
fn domain_mismatches(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let expected: Vec<&str> = doc.domains.iter().map(|d| d.name.as_str()).collect();
    let actual: Vec<String> = plan.domains.iter().map(|d| normalize(&d.name)).collect();
    if actual.len() != expected.len() {
        vec![format!(
            "{}: the document has {} domains, the plan {}: {expected:?} vs {actual:?}",
            doc.id,
            expected.len(),
            actual.len()
        )]
    } else if actual != expected {
        vec![format!("{}: the plan's domains differ from the document's: {expected:?} vs {actual:?}", doc.id)]
    } else {
        Vec::new()
    }
}

/// (c) Every target's text stands in the plan's part of the document, whitespace ignored.
fn non_verbatim_texts(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let document = normalize(&doc.text);
    let mut problems = Vec::new();
    for t in &plan.targets {
        let text = normalize(&t.text);
        if text.is_empty() || !document.contains(&text) {
            problems.push(format!(
                "{}: target {} (domain {}, item {:?}, source \"{}\"): text {:?} is not in the document",
                doc.id,
                t.id,
                plan.domain_name(&t.domain),
                t.item,
                t.source,
                t.text
            ));
        }
    }
    problems
}

/// (d) No target claims 约束性 (binding) or 预期性 (expected) where the plan's document never says that word.
fn invented_attributes(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let mut problems = Vec::new();
    for t in &plan.targets {
        let word = match t.attribute.as_deref() {
            Some("binding") => "约束性",
            Some("expected") => "预期性",
            _ => continue,
        };
        if !doc.text.contains(word) {
            problems.push(format!(
                "{}: target {} (domain {}, item {:?}) has attribute {:?}, but the document never says {word}",
                doc.id,
                t.id,
                plan.domain_name(&t.domain),
                t.item,
                t.attribute.as_deref().unwrap_or_default()
            ));
        }
    }
    problems
}

/// Every 专栏1 row has its own "table" target with that domain, item, the row's target cell as text and the
/// row's attribute.
fn unencoded_table_rows(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    // Rows and targets are counted per (domain, item, target cell, attribute): each row needs its own target.
    let mut rows: BTreeMap<(String, String, String, &str), Vec<&TableRow>> = BTreeMap::new();
    for row in &doc.table {
        let attribute = match row.attribute.as_str() {
            "约束性" => "binding",
            "预期性" => "expected",
            _ => "unspecified",
        };
        rows.entry((normalize(&row.category), row.item.clone(), normalize(&row.target), attribute))
            .or_default()
            .push(row);
    }
    let mut problems = Vec::new();
    for ((domain, item, cell, attribute), rows) in &rows {
        let targets = plan
            .targets
            .iter()
            .filter(|t| {
                t.source == "table"
                    && normalize(plan.domain_name(&t.domain)) == *domain
                    && t.item.trim() == item
                    && normalize(&t.text) == *cell
                    && t.attribute.as_deref().unwrap_or("unspecified") == *attribute
            })
            .count();
        if targets < rows.len() {
            let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            problems.push(format!(
                "{}: domain {domain} item {item:?}: 专栏1 has {} row(s) {names:?} with target cell {cell:?} and attribute \
                 {attribute}, but only {targets} target(s) with source \"table\", that item, that text and that attribute",
                doc.id,
                rows.len()
            ));
        }
    }
    problems
}

/// (e) A clause that names several quantities becomes one target per quantity, never two targets on the same
/// indicator from the same words (a copy left behind by a split).
fn duplicated_targets(doc: &DocPlan, plan: &PlanFile) -> Vec<String> {
    let mut seen: BTreeMap<(String, &str, &str, &str), &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for t in &plan.targets {
        let Some(indicator) = t.indicator.as_deref() else { continue };
        let key = (normalize(&t.text), indicator, t.item.as_str(), t.source.as_str());
        if let Some(first) = seen.insert(key, &t.id) {
            problems.push(format!(
                "{}: targets {first} and {} both measure {indicator} from the same words {:?}",
                doc.id, t.id, t.text
            ));
        }
    }
    problems
}

/// Runs one check over all ten plans and fails listing every problem at once, so one run shows all to fix.
fn check_all(what: &str, check: fn(&DocPlan, &PlanFile) -> Vec<String>) {
    let problems: Vec<String> = documents_with_plans().iter().flat_map(|(doc, plan)| check(doc, plan)).collect();
    assert!(problems.is_empty(), "{what} ({} problems):\n  {}", problems.len(), problems.join("\n  "));
}

// ---------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------

#[test]
fn each_seed_document_has_both_its_plan_files_and_they_name_it() {
    check_all("plan metadata that does not match its seed document", metadata_mismatches);
}

#[test]
fn every_numbered_main_target_item_is_encoded() {
    for doc in documents() {
        let per_domain: Vec<String> = doc.domains.iter().map(|d| format!("{} {}", d.name, d.items.len())).collect();
        let items: usize = doc.domains.iter().map(|d| d.items.len()).sum();
        eprintln!("{}: {} domains, {items} items ({})", doc.id, doc.domains.len(), per_domain.join(", "));
    }
    check_all("主要目标 items of the documents that no plan target covers", uncovered_items);
}

#[test]
fn every_main_or_table_target_names_an_item_its_document_has() {
    check_all("targets pointing at items the documents do not have", phantom_items);
}

#[test]
fn every_plan_has_the_domains_of_its_document_in_order() {
    check_all("plans whose domains are not their document's", domain_mismatches);
}

#[test]
fn every_target_text_is_verbatim_in_its_document() {
    check_all("target texts that are not verbatim in their seed document (whitespace ignored)", non_verbatim_texts);
}

#[test]
fn plans_whose_document_states_no_attribute_claim_none() {
    check_all("attributes the documents never state", invented_attributes);
}

#[test]
fn every_indicator_table_row_is_encoded_with_its_target_cell_and_attribute() {
    check_all("专栏1 rows without a matching table target", unencoded_table_rows);
}

#[test]
fn no_two_targets_measure_the_same_indicator_from_the_same_words() {
    check_all("targets that repeat another target's indicator and text", duplicated_targets);
}

/// The checks are only worth something if they fail: damage real plans and see each damage reported.
#[test]
fn the_checks_report_a_dropped_item_a_reworded_text_an_invented_attribute_and_a_lost_row() {
    let pairs = documents_with_plans();
    let find = |id: &str| pairs.iter().find(|(d, _)| d.id == id).unwrap_or_else(|| panic!("no plan {id}"));
    let mutated = |id: &str, change: &dyn Fn(&mut PlanFile)| {
        let (doc, _) = find(id);
        let path = manifest_dir().join("plans").join(format!("{id}.toml"));
        let mut plan: PlanFile = toml::from_str(&std::fs::read_to_string(path).expect("plan file")).expect("plan");
        change(&mut plan);
        (doc, plan)
    };
    let mentions =
        |problems: &[String], needles: &[&str]| problems.iter().any(|p| needles.iter().all(|n| p.contains(n)));

    // Every numbered-style plan: dropping the targets of the first item of the first domain is reported.
    for (doc, _) in pairs.iter().filter(|(d, _)| d.table.is_empty()) {
        let domain = &doc.domains[0];
        let item = &domain.items[0].label;
        let (doc, plan) = mutated(&doc.id, &|p| {
            let id = p.domains.iter().find(|d| normalize(&d.name) == domain.name).map(|d| d.id.clone());
            p.targets.retain(|t| Some(&t.domain) != id.as_ref() || t.item.trim() != item || t.source != "main");
        });
        let problems = uncovered_items(doc, &plan);
        assert!(
            mentions(&problems, &[&doc.id, &domain.name, &format!("{item:?}")]),
            "{}: not reported: {problems:?}",
            doc.id
        );
    }

    // 江津: a lost table row, a lost bullet, a reworded cell, a wrong attribute.
    for id in ["jiangjin-women", "jiangjin-children"] {
        let (doc, _) = find(id);
        let first = &doc.domains[0];
        let bullet = first.items.iter().find(|i| i.source == "main").expect("a bullet");
        let (_, plan) = mutated(id, &|p| p.targets.retain(|t| !(t.source == "table" && t.item == "2")));
        assert!(
            mentions(&uncovered_items(doc, &plan), &[id, &first.name, "\"2\"", "table"]),
            "{id}: lost row 2 not reported"
        );
        assert!(
            mentions(&unencoded_table_rows(doc, &plan), &[id, "\"2\""]),
            "{id}: lost row 2 not reported by the row check"
        );
        let (_, plan) = mutated(id, &|p| p.targets.retain(|t| t.item != bullet.label));
        assert!(
            mentions(&uncovered_items(doc, &plan), &[id, &first.name, &bullet.label]),
            "{id}: lost bullet not reported"
        );
        let (_, plan) = mutated(id, &|p| {
            let t = p.targets.iter_mut().find(|t| t.source == "table" && t.item == "1").expect("row 1");
            t.attribute = Some(if t.attribute.as_deref() == Some("binding") { "expected" } else { "binding" }.into());
        });
        assert!(
            mentions(&unencoded_table_rows(doc, &plan), &[id, "\"1\""]),
            "{id}: wrong attribute of row 1 not reported"
        );
    }

    // A reworded text and an invented attribute, in a plan whose document states no attribute.
    let (doc, plan) = mutated("leping-women", &|p| {
        p.targets[0].text.push_str("以上以上");
        p.targets[1].attribute = Some("binding".into());
    });
    assert!(
        mentions(&non_verbatim_texts(doc, &plan), &["leping-women", &plan.targets[0].id]),
        "reworded text not reported"
    );
    assert!(
        mentions(&invented_attributes(doc, &plan), &["leping-women", &plan.targets[1].id, "约束性"]),
        "attribute not reported"
    );

    // A split clause that kept a copy on the same indicator.
    let (doc, plan) = mutated("lechang-women", &|p| {
        let first = p.targets.iter().find(|t| t.id == "health-6d").expect("health-6d");
        let copy = PlanTarget { id: "health-6d-copy".into(), ..first.clone() };
        p.targets.push(copy);
    });
    assert!(
        mentions(&duplicated_targets(doc, &plan), &["lechang-women", "health-6d", "health-6d-copy"]),
        "duplicated target not reported"
    );

    // A missing domain and an item the document does not have.
    let (doc, plan) = mutated("jilin-children", &|p| {
        p.domains.pop();
        p.targets[0].item = "99".into();
    });
    assert!(mentions(&domain_mismatches(doc, &plan), &["jilin-children", "7 domains"]), "missing domain not reported");
    assert!(mentions(&phantom_items(doc, &plan), &["jilin-children", "\"99\""]), "phantom item not reported");
}
