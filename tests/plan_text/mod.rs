//! What the plan tests share: the embedded plans, each plan's own part of its seed document (tests/seeds/), the
//! folding names and clauses are compared in, and the rows of 江津's 专栏1 indicator tables.
#![allow(dead_code)]

use plancheck::diag::Diagnostics;
use plancheck::indicator::normalize_name;
use plancheck::plan::{load_catalog, Catalog, Plan, PlanKind, PlanSource};
use std::path::PathBuf;

/// The seed documents, with the FNV-1a 64 hash and size of the copy the plans were encoded from
/// (/work/shared/seeds at the time): a changed copy is a different document, and every check below would
/// silently check against it.
pub const SEEDS: &[(&str, u64, u64)] = &[
    ("000_0d67604d752cd0a1.txt", 0x3d88_32f6_8f91_03cd, 158_014),
    ("001_d22cc55193eb073d.txt", 0x68dc_b9c3_0add_d711, 133_620),
    ("002_94abb8056a9bead1.txt", 0x2a7a_4a4d_7a15_d037, 173_335),
    ("003_6d5cbecdf8760c5e.txt", 0x3bef_85f3_612a_6f29, 145_612),
    ("004_60a6ce8650074aa6.txt", 0x1496_e8de_e454_a9bb, 113_237),
];

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn seed_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/seeds").join(name)
}

/// The embedded plans and their registry; panics on any load error.
pub fn catalog() -> Catalog {
    let mut diags = Diagnostics::new();
    let catalog = load_catalog(&PlanSource::Embedded, &mut diags);
    assert!(!diags.has_errors(), "the embedded plans do not load:\n{}", diags.render(plancheck::words::Lang::En));
    catalog
}

/// A plan's own part of its seed document: the women's plan runs up to the title line of the children's plan,
/// the children's plan from there on (the same split as tests/seed_coverage.rs).
pub fn own_part(plan: &Plan) -> String {
    let path = seed_path(&plan.meta.source);
    let whole = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut offset = 0;
    for line in whole.split_inclusive('\n') {
        let t = line.trim_matches(|c: char| c.is_whitespace() || c == '#');
        let is_title = t.chars().count() <= 30
            && t.contains("儿童发展")
            && !t.contains("妇女")
            && !t.contains("印发")
            && (t.ends_with("规划") || t.ends_with("年）") || t.ends_with("年)"));
        if is_title {
            return match plan.meta.kind {
                PlanKind::Women => whole[..offset].to_string(),
                PlanKind::Children => whole[offset..].to_string(),
            };
        }
        offset += line.len();
    }
    panic!("{}: no title line of a children's plan, cannot find the part of {}", plan.meta.id, plan.meta.source);
}

/// The form names and texts are compared in: spaces removed, full-width ASCII folded, brackets unified (as the
/// registry compares names).
pub fn fold(s: &str) -> String {
    normalize_name(s)
}

/// One row of a 专栏1 indicator table: its 序号 (inherited from the numbered row above where the cell is empty),
/// its 指标名称 without the unit in brackets, and its target cell.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub item: String,
    pub name: String,
    pub target: String,
}

/// The rows of a plan part's 专栏1 (blocks of tab-indented cells, five per row, after a header row), up to
/// 三、重点任务; none where the part has no 专栏1.
pub fn table_rows(part: &str) -> Vec<TableRow> {
    let Some(start) = part.find("专栏1") else { return Vec::new() };
    let end = part[start..].find("三、重点任务").map_or(part.len(), |e| start + e);
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    for line in part[start..end].lines() {
        if let Some(cell) = line.strip_prefix('\t') {
            cells.push(cell.trim().to_string());
        } else if !cells.is_empty() {
            blocks.push(std::mem::take(&mut cells));
        }
    }
    if !cells.is_empty() {
        blocks.push(cells);
    }
    let mut rows = Vec::new();
    let mut item = String::new();
    for block in blocks.iter().skip(1) {
        let [_, number, name, target, _] = block.as_slice() else { continue };
        if !number.is_empty() {
            item = number.clone();
        }
        let name = match (name.ends_with(['）', ')']), name.rfind(['（', '('])) {
            (true, Some(open)) if open > 0 => name[..open].to_string(),
            _ => name.clone(),
        };
        rows.push(TableRow { item: item.clone(), name, target: target.clone() });
    }
    rows
}

/// The sentences (between 。 or ；) of the plan part that hold `text`, folded. Where the text occurs in
/// several paragraphs, only those of the paragraph numbered `item` count, when there is one.
pub fn sentences(part: &str, text: &str, item: &str) -> Vec<String> {
    let text = fold(text);
    let lines: Vec<String> = part.lines().map(fold).filter(|l| l.contains(&text)).collect();
    let numbered: Vec<&String> = lines
        .iter()
        .filter(|l| {
            let l = l.trim_start_matches(['#', '-', '－', '•']);
            let l = l.strip_prefix(['（', '(']).unwrap_or(l);
            l.strip_prefix(item).is_some_and(|rest| rest.starts_with(['）', ')', '．', '.', '、']))
        })
        .collect();
    let own: Vec<String> = match (lines.len(), numbered.is_empty()) {
        (0, _) => vec![fold(part)], // a text across a line break: the whole part, folded
        (1, _) | (_, true) => lines.clone(),
        _ => numbered.into_iter().cloned().collect(),
    };
    let mut out = Vec::new();
    for para in own {
        let mut from = 0;
        while let Some(i) = para[from..].find(&text).map(|i| from + i) {
            let start = para[..i].rfind(['。', '；']).map_or(0, |s| s + '。'.len_utf8());
            let end = para[i + text.len()..].find(['。', '；']).map_or(para.len(), |e| i + text.len() + e);
            out.push(para[start..end].to_string());
            from = i + text.len();
        }
    }
    out
}
