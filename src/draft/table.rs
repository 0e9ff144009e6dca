//! The indicator-table layout: the table's rows (类别 / 序号 / 指标名称（单位） / 目标值 / 指标属性, merged cells
//! read as the row above's, each such reading marked), the 主要目标 "——" bullets before it (one per domain, in
//! the table's order), and the 重点任务 sections after it (one per domain), with numbered items and 专栏 projects.

use super::document::{Block, Cell, Table};
use super::messages::DraftMsg;
use super::notice::bare;
use super::structure::{paragraphs, strip_bullet, sub_heading, top_heading, DomainText, Item, Lister, Outline, Row};
use crate::plan::{Attribute, TargetSource};

/// The outline of a plan whose targets stand in the indicator table at `blocks[at]`.
pub fn table_outline(blocks: &[Block], at: usize) -> Outline {
    let mut out = Outline::default();
    let Some(Block::Table(table)) = blocks.get(at) else { return out };
    let label = table_label(&blocks[..at]);
    read_rows(table, &label, &mut out);
    read_bullets(&paragraphs(&blocks[..at]), &mut out);
    read_measures(&paragraphs(&blocks[at + 1..]), &mut out);
    out
}

/// `专栏1` from the caption paragraph before the table (`专栏1  2021－2030年妇女发展主要指标`).
fn table_label(before: &[Block]) -> String {
    let caption = before.iter().rev().take(3).find_map(|b| match b {
        Block::Para(p) => column_label(p),
        Block::Table(_) => None,
    });
    caption.unwrap_or_else(|| "指标表".to_string())
}

/// `专栏6` from a paragraph that opens with it.
fn column_label(p: &str) -> Option<String> {
    let rest = bare(p).strip_prefix("专栏")?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    (!digits.is_empty()).then(|| format!("专栏{digits}"))
}

/// Which column holds what.
struct Columns {
    domain: Option<usize>,
    item: Option<usize>,
    name: usize,
    target: usize,
    attribute: Option<usize>,
}

fn columns(header: &[Cell]) -> Option<Columns> {
    let find = |f: &dyn Fn(&str) -> bool| header.iter().position(|c| f(&c.text));
    Some(Columns {
        domain: find(&|t| t.contains("类别") || t.contains("领域")),
        item: find(&|t| t.contains("序号")),
        name: find(&|t| t.contains("指标") && !t.contains("属性"))?,
        target: find(&|t| t.contains("目标"))?,
        attribute: find(&|t| t.contains("属性")),
    })
}

/// What the rows above carry down to a row whose cells are merged or empty.
#[derive(Default)]
struct Carry {
    item: String,
    attribute: Option<Attribute>,
}

fn read_rows(table: &Table, label: &str, out: &mut Outline) {
    let Some(cols) = table.rows.first().and_then(|h| columns(h)) else { return };
    let mut carry = Carry::default();
    for row in &table.rows[1..] {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |c| c.text.trim());
        let (name, target) = (cell(Some(cols.name)), cell(Some(cols.target)));
        if name.is_empty() && target.is_empty() {
            continue;
        }
        let domain_cell = cell(cols.domain);
        if !domain_cell.is_empty() && out.domains.last().is_none_or(|d| d.name != domain_cell) {
            out.domains.push(DomainText { name: domain_cell.to_string(), section: None });
        }
        let Some(domain) = out.domains.len().checked_sub(1) else { continue };
        let mut readings = Vec::new();
        let number = cell(cols.item);
        let merged_item = number.is_empty() || cols.item.and_then(|i| row.get(i)).is_some_and(|c| c.merged);
        let attribute = row_attribute(cell(cols.attribute), cols.attribute.is_some(), merged_item, &mut carry);
        if merged_item && !carry.item.is_empty() {
            readings.push(DraftMsg::ReadMergedItem { item: carry.item.clone() });
        } else {
            carry.item = number.to_string();
        }
        if let Some((attr, inherited)) = attribute {
            if inherited {
                readings.push(DraftMsg::ReadMergedAttribute { attribute: attr.zh().to_string() });
            }
        }
        let (name, unit) = split_unit(name);
        let row = Row { name, unit, attribute: attribute.map_or(Attribute::Unspecified, |a| a.0), readings };
        out.items.push(Item {
            domain,
            section: label.to_string(),
            label: carry.item.clone(),
            source: TargetSource::Table,
            text: target.to_string(),
            row: Some(row),
        });
    }
}

/// A row's attribute, and whether it was taken from the numbered row above (an empty or merged cell).
fn row_attribute(cell: &str, has_column: bool, merged_item: bool, carry: &mut Carry) -> Option<(Attribute, bool)> {
    let stated = match cell {
        t if t.contains("约束") => Some(Attribute::Binding),
        t if t.contains("预期") => Some(Attribute::Expected),
        _ => None,
    };
    if !merged_item {
        carry.attribute = stated;
    }
    match (stated, has_column && merged_item) {
        (Some(a), _) => Some((a, false)),
        (None, true) => carry.attribute.map(|a| (a, true)),
        (None, false) => None,
    }
}

/// `孕产妇死亡率（1/10万）` → (`孕产妇死亡率`, `1/10万`); a bracket that holds no unit stays in the name.
pub fn split_unit(name: &str) -> (String, Option<String>) {
    let t = name.trim();
    let Some(open) = t.rfind(['（', '(']) else { return (t.to_string(), None) };
    let inner = t[open..].trim_start_matches(['（', '(']).trim_end_matches(['）', ')']).trim();
    let closes = t.ends_with(['）', ')']);
    let unit_like = !inner.is_empty() && inner.chars().count() <= 5 && !inner.contains('岁') && !inner.contains('-');
    if closes && unit_like && open > 0 {
        (t[..open].trim().to_string(), Some(inner.replace(' ', "")))
    } else {
        (t.to_string(), None)
    }
}

/// The "——" bullets of the 主要目标 section before the table: one item per domain, labelled by its heading.
fn read_bullets(paras: &[String], out: &mut Outline) {
    let mut top = String::new();
    let mut section: Option<String> = None;
    let mut index = 0;
    for p in paras {
        if let Some(numeral) = top_heading(p) {
            top = numeral;
        }
        if let Some((numeral, words)) = sub_heading(p) {
            section = words.starts_with("主要目标").then(|| format!("{top}（{numeral}）主要目标"));
            continue;
        }
        let (Some(section), Some(body)) = (&section, bare(p).strip_prefix("——")) else { continue };
        let (label, text) = body.split_once('。').unwrap_or((body, ""));
        if index < out.domains.len() && !text.trim().is_empty() {
            let (label, text) = (label.trim().to_string(), text.trim().to_string());
            let (section, source) = (section.clone(), TargetSource::Main);
            out.items.push(Item { domain: index, section, label, source, text, row: None });
        }
        index += 1;
    }
}

/// The 重点任务 sections after the table: the n-th （N） heading is the n-th domain.
fn read_measures(paras: &[String], out: &mut Outline) {
    let mut list = Lister::default();
    let mut top: Option<String> = None;
    let mut domain: Option<usize> = None;
    let mut project: Option<String> = None;
    let mut seen = 0;
    for p in paras {
        if let Some(numeral) = top_heading(p) {
            list.flush();
            let t = bare(p);
            top = (t.contains("任务") || t.contains("措施")).then_some(numeral);
            domain = None;
            continue;
        }
        let Some(numeral) = top.clone() else { continue };
        if let Some((n, _)) = sub_heading(p) {
            list.restart();
            domain = (seen < out.domains.len()).then_some(seen);
            seen += 1;
            project = None;
            if let Some(d) = domain {
                out.domains[d].section = Some(format!("{numeral}（{n}）"));
            }
            continue;
        }
        let Some(d) = domain else { continue };
        let section = out.domains[d].section.clone().unwrap_or_default();
        if let Some(label) = column_label(p) {
            list.flush();
            project = Some(label);
            continue;
        }
        match &project {
            Some(label) if !strip_bullet(p).is_empty() => list.open(Item {
                domain: d,
                section: section.clone(),
                label: label.clone(),
                source: TargetSource::Measures,
                text: p.trim().to_string(),
                row: None,
            }),
            _ => list.line(p, d, &section, TargetSource::Measures),
        }
    }
    list.flush();
    out.items.extend(list.items);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_brackets_are_split_off() {
        assert_eq!(split_unit("孕产妇死亡率（1/10万）"), ("孕产妇死亡率".into(), Some("1/10万".into())));
        assert_eq!(split_unit("每千名（0-14岁）儿童拥有医疗床位数（张）").1, Some("张".into()));
        assert_eq!(split_unit("出生人口性别比"), ("出生人口性别比".into(), None));
    }

    #[test]
    fn merged_rows_take_the_item_and_attribute_above() {
        let text = "专栏1  主要指标\n\n\t类别\n\t序号\n\t指标名称（单位）\n\t目标值\n\t指标属性\n\n\t妇女与健康\n\t5\n\t宫颈癌筛查率（%）\n\t≥70\n\t预期性\n\n\t\n\t\n\t乳腺癌筛查率（%）\n\t逐步提高\n\t\n";
        let o = super::super::structure::outline(&super::super::document::from_text(text).blocks);
        assert_eq!(o.items.len(), 2);
        let second = &o.items[1];
        assert_eq!((second.label.as_str(), second.section.as_str()), ("5", "专栏1"));
        let row = second.row.as_ref().unwrap();
        assert_eq!(row.attribute, Attribute::Expected);
        assert_eq!(row.readings.len(), 2);
    }
}
