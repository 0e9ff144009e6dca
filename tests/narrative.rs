//! The drafted monitoring report's every figure equals the report's: the numbers are parsed back out of the
//! text — the totals sentence, each target's value, shortfall and change on the year before, the warnings, the
//! closing table, and for the batch the totals and each region's 达标率 — and compared with the JSON pages and the
//! index, which render the same verdicts.

mod common;

use common::plancheck_in;
use rust_decimal::Decimal;
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;
use std::str::FromStr;

const TOWNS: [&str; 5] = ["甲镇", "乙镇", "丙镇", "丁镇", "戊镇"];
const PLANS: [&str; 2] = ["jiangjin-women", "jiangjin-children"];

fn run_report(out: &Path) {
    let out = out.display().to_string();
    let args = [
        "report",
        "--plan",
        "jiangjin-women,jiangjin-children",
        "--data",
        "tests/fixtures/batch-5-regions.csv",
        "--stage",
        "midterm",
        "--out",
        &out,
    ];
    let run = plancheck_in(Path::new(env!("CARGO_MANIFEST_DIR")), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
}

fn select(s: &str) -> Selector {
    Selector::parse(s).expect("a selector")
}

/// The paragraphs, list items and table rows of a drafted report's HTML.
struct Text {
    paras: Vec<String>,
    items: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn text_of(path: &Path) -> Text {
    let doc = Html::parse_document(&std::fs::read_to_string(path).expect("readable"));
    let all = |s: &str| doc.select(&select(s)).map(|e| e.text().collect::<String>()).collect::<Vec<_>>();
    let rows = doc
        .select(&select("tbody tr"))
        .map(|r| r.select(&select("td")).map(|c| c.text().collect()).collect())
        .collect();
    Text { paras: all("article p"), items: all("article li"), rows }
}

/// Every number in a text, in order (`68`, `63.2`).
fn numbers(text: &str) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            out.extend(Decimal::from_str(current.trim_end_matches('.')).ok());
            current.clear();
        }
    }
    out
}

fn d(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).expect("a decimal"),
        Value::Number(n) => Decimal::from(n.as_u64().expect("a count")),
        other => panic!("not a number: {other}"),
    }
}

/// What a region's JSON page says its totals are, in the order the totals sentence says them.
fn expected_totals(page: &Value) -> Vec<Decimal> {
    let (g, r) = (&page["grades"], &page["rates"]);
    let assessable = d(&r["assessable"]);
    let mut want = vec![assessable, d(&g["achieved"]) + d(&g["achieved_early"]), d(&g["nearly_achieved"])];
    if !r["county"].is_null() {
        want.push(d(&r["county"]));
    }
    want.extend([assessable, assessable - d(&r["with_data"])]);
    if !r["national"].is_null() {
        want.extend([d(&r["with_data"]), d(&r["national"])]);
    }
    if d(&g["not_assessed"]) > Decimal::ZERO {
        want.push(d(&g["not_assessed"]));
    }
    want.push(d(&g["warnings"]));
    want
}

/// The text inside the parentheses that open at `open` (a full-width `（`), nested ones included.
fn bracketed(text: &str, open: usize) -> &str {
    let inner = &text[open + '（'.len_utf8()..];
    let mut depth = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '（' => depth += 1,
            '）' if depth == 0 => return &inner[..i],
            '）' => depth -= 1,
            _ => {}
        }
    }
    inner
}

/// Where `what` starts an item of a list: after 有 (…的有) or 、, not inside a longer name (农村孕产妇死亡率).
fn item_starts<'p>(p: &'p str, what: &'p str) -> impl Iterator<Item = usize> + 'p {
    p.match_indices(what).map(|(at, _)| at).filter(move |&at| p[..at].ends_with(['有', '、']))
}

/// A target's item in a domain paragraph: `name（value，目标“target”，差…，比上年…）`.
fn find_item<'t>(paras: &'t [String], name: &str, target: &str) -> Option<&'t str> {
    let quoted = format!("目标“{target}”");
    let opening = format!("{name}（");
    paras.iter().find_map(|p| {
        item_starts(p, &opening).map(|at| bracketed(p, at + name.len())).find(|inside| inside.contains(&quoted))
    })
}

/// The shortfall of a value from the goal its reason states (`未达目标 ≥ 94`, `…（2030年目标 < 8）`).
fn shortfall(reason: &str, v: Decimal) -> Option<Decimal> {
    let (_, goal) = reason.rsplit_once("目标 ")?;
    let goal: String = goal.chars().take_while(|c| *c != '）' && *c != '；').collect();
    if let Some((low, high)) = goal.split_once('–') {
        let (low, high) = (Decimal::from_str(low.trim()).ok()?, Decimal::from_str(high.trim()).ok()?);
        return Some((low - v).max(v - high).max(Decimal::ZERO));
    }
    let (sign, x) = goal.split_once(' ')?;
    let x = Decimal::from_str(x.trim()).ok()?;
    Some(match sign {
        "≥" | ">" => (x - v).max(Decimal::ZERO),
        "≤" | "<" => (v - x).max(Decimal::ZERO),
        _ => (v - x).abs(),
    })
}

/// Checks one target's item against its result: the value, the shortfall and the change on the year before.
fn check_item(item: &str, r: &Value, year: i64) {
    let id = &r["id"];
    let (before, after) =
        item.split_once(&format!("目标“{}”", r["target"].as_str().unwrap_or_default())).expect("the target");
    match r["value"].as_str() {
        Some(v) => assert_eq!(numbers(before).first(), Some(&Decimal::from_str(v).expect("a value")), "{id}: {item}"),
        None => assert!(numbers(before).is_empty(), "{id}: {item}"),
    }
    let value = r["value"].as_str().and_then(|v| Decimal::from_str(v).ok());
    let gap = value.and_then(|v| shortfall(r["reason"].as_str().unwrap_or_default(), v)).filter(|g| !g.is_zero());
    let said_gap = after.split_once('差').map(|(_, rest)| numbers(rest)[0]);
    assert_eq!(said_gap, gap, "{id}: the shortfall in «{item}», reason «{}»", r["reason"]);
    let values = r["values"].as_array().cloned().unwrap_or_default();
    let at = |y: i64| values.iter().find(|p| p["year"] == y).map(|p| d(&p["value"]));
    let change = at(year).zip(at(year - 1)).map(|(now, then)| now - then);
    let said = if let Some((_, rest)) = after.split_once("比上年提高") {
        Some(numbers(rest)[0])
    } else if let Some((_, rest)) = after.split_once("比上年下降") {
        Some(-numbers(rest)[0])
    } else if after.contains("与上年持平") {
        Some(Decimal::ZERO)
    } else {
        None
    };
    assert_eq!(said, change, "{id}: the change on the year before in «{item}»");
}

#[test]
fn every_figure_of_a_regions_drafted_report_equals_its_verdicts() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    run_report(&out);
    let mut items_checked = 0;
    for plan in PLANS {
        for town in TOWNS {
            let page = json(&out.join(format!("{plan}--{town}.json")));
            let text = text_of(&out.join(format!("narrative--{plan}--{town}.html")));
            let totals = text.paras.iter().find(|p| p.starts_with("在可监测的")).expect("the totals sentence");
            assert_eq!(numbers(totals), expected_totals(&page), "{plan} {town}: «{totals}»");
            assert!(text.paras[0].contains("中期评估") && text.paras[0].contains("2025年"), "{}", text.paras[0]);
            let results = page["results"].as_array().expect("results");
            let year = page["year"].as_i64().expect("a year");
            for r in results.iter().filter(|r| r["kind"] != "qualitative" && r["grade"] != "no_data") {
                let name = r["name"].as_str().unwrap_or_default();
                let item = find_item(&text.paras, name, r["target"].as_str().unwrap_or_default());
                let item = item.unwrap_or_else(|| panic!("{plan} {town} {}: no item for {name}", r["id"]));
                check_item(item, r, year);
                items_checked += 1;
            }
            let warned = results.iter().filter(|r| r["warning"] != "").count();
            assert_eq!(text.items.len(), warned, "{plan} {town}: one list item per warning");
            let quantified: Vec<&Value> = results.iter().filter(|r| r["kind"] != "qualitative").collect();
            assert_eq!(text.rows.len(), quantified.len(), "{plan} {town}: the closing table");
            for (row, r) in text.rows.iter().zip(quantified) {
                assert_eq!(row[5], r["value"].as_str().unwrap_or_default(), "{plan} {town} {}", r["id"]);
            }
        }
    }
    assert!(items_checked > 300, "{items_checked} items checked");
}

#[test]
fn every_figure_of_a_batchs_drafted_report_equals_the_index_and_the_matrix() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    run_report(&out);
    let index = json(&out.join("index.json"));
    for plan in PLANS {
        let totals = index["plans"].as_array().and_then(|p| p.iter().find(|p| p["plan"] == plan)).expect("totals");
        let text = text_of(&out.join(format!("narrative--{plan}.html")));
        let para = text.paras.iter().find(|p| p.starts_with("在可监测的")).expect("the totals");
        let (sentence, by_region) = para.split_once("各地区达标率由高到低依次为：").expect("the rates by region");
        let (g, r) = (&totals["grades"], &totals["rates"]);
        let want = vec![
            d(&r["assessable"]),
            d(&g["achieved"]) + d(&g["achieved_early"]),
            d(&g["nearly_achieved"]),
            d(&r["county"]),
            d(&r["assessable"]),
            d(&r["assessable"]) - d(&r["with_data"]),
            d(&r["with_data"]),
            d(&r["national"]),
            d(&g["warnings"]),
        ];
        assert_eq!(numbers(sentence), want, "{plan}: «{sentence}»");
        let pages: Vec<&Value> =
            index["pages"].as_array().expect("pages").iter().filter(|p| p["plan"] == plan).collect();
        for part in by_region.trim_end_matches('。').split('、') {
            let page = pages.iter().find(|p| part.starts_with(p["region"].as_str().unwrap_or("?"))).expect("a region");
            match page["rates"]["county"].as_str() {
                Some(rate) => assert_eq!(numbers(part), vec![Decimal::from_str(rate).expect("a rate")], "{part}"),
                None => assert!(part.ends_with("无数据"), "{part}"),
            }
        }
        // Each target some regions reached is said with how many: the matrix's count.
        let matrix = json(&out.join(format!("matrix--{plan}.json")));
        let mut said = 0;
        for c in matrix["columns"].as_array().expect("columns") {
            let named =
                format!("{}“{}”（", c["name"].as_str().unwrap_or_default(), c["target"].as_str().unwrap_or_default());
            for p in &text.paras {
                for at in item_starts(p, &named) {
                    assert_eq!(numbers(&p[at + named.len()..]).first(), Some(&d(&c["reached"])), "{named}");
                    said += 1;
                }
            }
        }
        assert!(said > 0, "{plan}: some targets reached in some regions");
        assert_eq!(text.rows.len(), 5, "the closing table has a row per region");
    }
}
