//! A plan's outline: its domains and every item a target can come from, each with the words the document
//! gives it. Two layouts occur and both are read:
//! - **numbered**: under each domain heading (（一）妇女与健康) a 主要目标 list of numbered items (1．/1./（1）),
//!   then 策略措施 with numbered items;
//! - **indicator table**: a 主要目标 section of "——" bullets (one per domain, in the table's order), an indicator
//!   table (专栏1: 类别 / 序号 / 指标名称（单位） / 目标值 / 指标属性), and 重点任务 sections (one per domain) with
//!   numbered items and 专栏 projects.
//!
//! Wrapped lines are joined to their item. Nothing here reads a target's meaning; [`super::clause`] does.

use super::document::{Block, Table};
use super::messages::DraftMsg;
use super::notice::bare;
use crate::plan::{Attribute, TargetSource};

/// A domain as the document heads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainText {
    pub name: String,
    /// Where it stands (`二（一）`), where a heading gives it.
    pub section: Option<String>,
}

/// One item a target can come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub domain: usize,
    /// `二（一）主要目标`, `专栏1`, `三（二）`.
    pub section: String,
    /// As printed: `3`, a bullet's heading words, `专栏6`.
    pub label: String,
    pub source: TargetSource,
    /// The item's words, wrapped lines joined (for a table row: its target-value cell).
    pub text: String,
    /// A table row's other cells.
    pub row: Option<Row>,
}

/// The cells of an indicator-table row besides its target value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The indicator's name, without the unit in brackets.
    pub name: String,
    pub unit: Option<String>,
    pub attribute: Attribute,
    pub readings: Vec<DraftMsg>,
}

/// A plan's outline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    pub domains: Vec<DomainText>,
    pub items: Vec<Item>,
}

/// Reads the outline of one plan's blocks.
pub fn outline(blocks: &[Block]) -> Outline {
    match blocks.iter().position(|b| matches!(b, Block::Table(t) if is_indicator_table(t))) {
        Some(at) => super::table::table_outline(blocks, at),
        None => numbered_outline(blocks),
    }
}

/// An indicator table: a header naming the indicator and its target value.
pub fn is_indicator_table(t: &Table) -> bool {
    t.rows.first().is_some_and(|h| {
        let has = |w: &str| h.iter().any(|c| c.text.contains(w));
        has("指标") && has("目标") && t.rows.len() > 2
    })
}

/// A top-level heading (`二、发展领域、主要目标和策略措施`): its numeral.
pub fn top_heading(text: &str) -> Option<String> {
    let t = bare(text);
    let (numeral, rest) = t.split_once('、')?;
    let ok = !numeral.is_empty() && numeral.chars().all(|c| "一二三四五六七八九十".contains(c));
    (ok && !rest.is_empty() && t.chars().count() <= 40).then(|| numeral.to_string())
}

/// A second-level heading (`（一）妇女与健康`, `(一)妇女与健康`, `### （一）妇女与健康。`): numeral and words.
pub fn sub_heading(text: &str) -> Option<(String, String)> {
    let t = bare(text);
    let inner = t.strip_prefix('（').or_else(|| t.strip_prefix('('))?;
    let close = inner.find(['）', ')'])?;
    let numeral = inner[..close].trim();
    if numeral.is_empty() || !numeral.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return None;
    }
    let words = inner[close..].trim_start_matches(['）', ')']).trim();
    let words = words.trim_end_matches(['。', '.', '：', ':']).trim();
    Some((numeral.to_string(), words.to_string()))
}

/// A line without its leading whitespace and list bullet (`- 1.` in markdown conversions).
pub fn strip_bullet(line: &str) -> &str {
    bare(line).trim_start_matches(['-', '－', '•', '*']).trim_start()
}

/// The item number a line opens with: `1．…`, `1.…`, `1、…`, `- 1.…`, `（1）…`.
pub fn item_number(line: &str) -> Option<(u32, &str)> {
    let t = strip_bullet(line);
    let (t, close): (&str, &[char]) = match t.strip_prefix(['（', '(']) {
        Some(inner) => (inner, &['）', ')']),
        None => (t, &['．', '.', '、']),
    };
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    // `5.5岁以下儿童…` is item 5; a wrapped decimal that happens to open a line is told apart by the numbering.
    let rest = t[digits..].trim_start().strip_prefix(close)?;
    Some((t[..digits].parse().ok()?, rest.trim_start()))
}

/// Paragraph texts of the blocks; small tables (one or two columns: project boxes) read as paragraphs.
pub fn paragraphs(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p.clone()),
            Block::Table(t) if !is_indicator_table(t) && t.rows.iter().all(|r| r.len() <= 2) => {
                out.extend(t.rows.iter().flatten().filter(|c| !c.merged).map(|c| c.text.clone()));
            }
            Block::Table(_) => {}
        }
    }
    out
}

/// Which list the lines under a domain belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Main,
    Measures,
}

/// Builds items from numbered lists.
#[derive(Default)]
pub struct Lister {
    pub items: Vec<Item>,
    open: Option<Item>,
    next: u32,
}

impl Lister {
    /// Starts a new list: numbering begins again at 1.
    pub fn restart(&mut self) {
        self.flush();
        self.next = 1;
    }

    pub fn flush(&mut self) {
        if let Some(item) = self.open.take() {
            self.items.push(item);
        }
    }

    /// A line of a list: a new item when it opens with the next number, else the open item's continuation.
    pub fn line(&mut self, line: &str, domain: usize, section: &str, source: TargetSource) {
        match item_number(line) {
            Some((n, rest)) if n == self.next || (n == 1 && self.open.is_none()) => {
                self.flush();
                self.next = n + 1;
                let (label, text) = (n.to_string(), rest.to_string());
                self.open = Some(Item { domain, section: section.to_string(), label, source, text, row: None });
            }
            _ => self.append(line),
        }
    }

    /// Continues the open item (a wrapped line).
    pub fn append(&mut self, line: &str) {
        if let Some(item) = self.open.as_mut() {
            item.text.push_str(line.trim());
        }
    }

    /// Opens an unnumbered item (a bullet or a project) with this label.
    pub fn open(&mut self, item: Item) {
        self.flush();
        self.open = Some(item);
    }
}

/// The numbered layout.
fn numbered_outline(blocks: &[Block]) -> Outline {
    let paras = paragraphs(blocks);
    let mut out = Outline::default();
    let mut list = Lister::default();
    let mut top = String::new();
    let mut mode: Option<Mode> = None;
    let mut projects: Option<String> = None;
    for (i, p) in paras.iter().enumerate() {
        if let Some(numeral) = top_heading(p) {
            list.flush();
            top = numeral;
            mode = None;
            let t = bare(p);
            projects = (t.contains("重点工程") || t.contains("重点项目")).then(|| t.to_string());
            continue;
        }
        if let Some(section) = &projects {
            project_line(p, section, &out.domains, &mut list);
            continue;
        }
        if let Some((numeral, name)) = sub_heading(p).filter(|_| opens_main(&paras[i + 1..])) {
            list.flush();
            let section = format!("{top}（{numeral}）");
            out.domains.push(DomainText { name, section: Some(section) });
            mode = None;
            continue;
        }
        let Some(domain) = out.domains.len().checked_sub(1) else { continue };
        let section = out.domains[domain].section.clone().unwrap_or_default();
        numbered_line(p, domain, &section, &mut mode, &mut list);
    }
    list.flush();
    out.items = list.items;
    out
}

/// A line of a 重点工程 section: `（一）妇幼健康保护工程。…` opens a project of the domain its name speaks of;
/// other lines continue it.
fn project_line(p: &str, section: &str, domains: &[DomainText], list: &mut Lister) {
    let Some((numeral, words)) = sub_heading(p) else { return list.append(p) };
    let (name, text) = words.split_once('。').unwrap_or((words.as_str(), ""));
    match domain_of(name, domains) {
        Some(domain) => list.open(Item {
            domain,
            section: section.to_string(),
            label: numeral,
            source: TargetSource::Measures,
            text: text.to_string(),
            row: None,
        }),
        None => list.flush(),
    }
}

/// The domain a project's name speaks of (妇幼健康保护工程 → 妇女与健康).
fn domain_of(name: &str, domains: &[DomainText]) -> Option<usize> {
    let words: &[(&str, &[&str])] = &[
        ("健康", &["健康", "妇幼", "医疗"]),
        ("教育", &["教育", "学校", "科普", "素质"]),
        ("经济", &["就业", "创业", "经济", "家政", "乡村振兴", "科技创新"]),
        ("决策", &["决策", "参政"]),
        ("社会保障", &["社会保障", "救助", "养老"]),
        ("福利", &["福利", "托育", "关爱"]),
        ("安全", &["安全", "伤害"]),
        ("家庭", &["家庭", "家教", "家风", "幸福"]),
        ("环境", &["环境", "母婴室", "厕所", "志愿", "文化", "友好"]),
        ("法律", &["法律", "法治", "权益", "维权", "保护"]),
    ];
    let (domain_word, _) = words.iter().find(|(_, keys)| keys.iter().any(|k| name.contains(k)))?;
    domains.iter().position(|d| d.name.contains(domain_word))
}

/// Does the next non-blank paragraph open a 主要目标 list?
fn opens_main(rest: &[String]) -> bool {
    rest.iter().map(|p| strip_bullet(p)).find(|p| !p.is_empty()).is_some_and(|p| p.starts_with("主要目标"))
}

/// One line under a domain heading: a list marker (主要目标 / 策略措施, possibly at a line's end) or a list line.
fn numbered_line(p: &str, domain: usize, section: &str, mode: &mut Option<Mode>, list: &mut Lister) {
    let t = strip_bullet(p);
    if let Some(rest) = t.strip_prefix("主要目标") {
        list.restart();
        *mode = Some(Mode::Main);
        return numbered_line(rest.trim_start_matches(['：', ':', ' ']), domain, section, mode, list);
    }
    if let Some((before, after)) = t.split_once("策略措施").filter(|(b, a)| is_marker_split(b, a)) {
        if *mode == Some(Mode::Main) && !before.trim().is_empty() {
            list.line(before, domain, &format!("{section}主要目标"), TargetSource::Main);
        }
        list.restart();
        *mode = Some(Mode::Measures);
        return numbered_line(after.trim_start_matches(['：', ':', ' ']), domain, section, mode, list);
    }
    if t.is_empty() {
        return;
    }
    match mode {
        Some(Mode::Main) => list.line(p, domain, &format!("{section}主要目标"), TargetSource::Main),
        Some(Mode::Measures) => list.line(p, domain, &format!("{section}策略措施"), TargetSource::Measures),
        None => {}
    }
}

/// 策略措施 as a marker: opening a line, or closing one (`10. …负责人。策略措施：`), not inside a sentence.
fn is_marker_split(before: &str, after: &str) -> bool {
    before.trim().is_empty() || after.trim_start_matches(['：', ':', ' ', '\u{3000}']).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::document::from_text;

    #[test]
    fn numbered_lists_under_domain_headings() {
        let text = "二、发展领域\n（一）妇女与健康\n主要目标：\n1．孕产妇死亡率控制在\n12/10万以下。\n2．普及健康知识。策略措施：\n1．完善制度。\n三、组织实施\n1．不是目标。\n";
        let o = outline(&from_text(text).blocks);
        assert_eq!(o.domains.len(), 1);
        assert_eq!(o.domains[0].name, "妇女与健康");
        let texts: Vec<(&str, &str, &str)> =
            o.items.iter().map(|i| (i.section.as_str(), i.label.as_str(), i.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![
                ("二（一）主要目标", "1", "孕产妇死亡率控制在12/10万以下。"),
                ("二（一）主要目标", "2", "普及健康知识。"),
                ("二（一）策略措施", "1", "完善制度。"),
            ]
        );
    }

    #[test]
    fn item_numbers_in_their_forms() {
        assert_eq!(item_number("- 1. 妇女"), Some((1, "妇女")));
        assert_eq!(item_number("（12）儿童"), Some((12, "儿童")));
        assert_eq!(item_number("2021年"), None);
    }
}
