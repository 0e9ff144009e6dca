//! A quantity's words matched to the indicator registry: the same quantity by name or alias (exactly, contained
//! in longer words such as 全市…, or with only filler words between), with a unit that fits the number written.
//! What matches nothing becomes a new indicator, named in the document's own words, with an id made of the
//! `--id-prefix` and a hash of that name (stable whatever the order of the document's items).

use crate::indicator::{normalize_name, Indicator, IndicatorId, Registry, Unit};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// How a name was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The registry knows this very name (or alias).
    Exact,
    /// A registry name stands inside the document's words (全市各级党代会中女党员代表比例).
    Contained,
    /// The same words but for fillers (儿童超重 ~ 儿童超重率): worth a reviewer's look.
    Close,
}

/// Words that may be missing from the document's name of an indicator, or stand in it in addition.
const FILLERS: &[&str] =
    &["的", "中", "之", "率", "平均", "人均", "每天", "每年", "对", "均", "比例", "占比", "数量", "、"];

/// Words whose presence changes the quantity (城市 vs 农村, 女性 vs all): never a filler.
const QUALIFIERS: &[&str] =
    &["城市", "城镇", "农村", "女性", "男性", "女童", "男童", "女生", "残疾", "流动", "留守", "老年", "女", "男"];

/// Matches names against a registry. What the registry's own names give is remembered per name and unit, so a
/// document's many lookups of the same words cost one comparison with the registry.
pub struct Matcher {
    keys: Vec<Key>,
    /// Which keys hold a character.
    index: HashMap<char, Vec<usize>>,
    memo: RefCell<HashMap<MemoKey, Option<(IndicatorId, How)>>>,
}

/// A lookup remembered: the compared words, the unit written, whether close names count.
type MemoKey = (String, String, bool);

/// A registry name as compared.
struct Key {
    chars: Vec<char>,
    /// How many different characters it has.
    distinct: usize,
    id: IndicatorId,
    unit: Unit,
}

impl Matcher {
    pub fn new(registry: &Registry) -> Matcher {
        let mut keys = Vec::new();
        for (id, ind) in registry.iter() {
            for name in std::iter::once(&ind.name).chain(&ind.aliases) {
                let chars: Vec<char> = compared(name).chars().collect();
                let mut distinct: Vec<char> = chars.clone();
                distinct.sort_unstable();
                distinct.dedup();
                keys.push(Key { chars, distinct: distinct.len(), id, unit: ind.unit.clone() });
            }
        }
        // Longest first, so that the first containing key is the most specific.
        keys.sort_by_key(|k| std::cmp::Reverse(k.chars.len()));
        let mut index: HashMap<char, Vec<usize>> = HashMap::default();
        for (i, k) in keys.iter().enumerate() {
            let mut chars = k.chars.clone();
            chars.sort_unstable();
            chars.dedup();
            for c in chars {
                index.entry(c).or_default().push(i);
            }
        }
        Matcher { keys, index, memo: RefCell::new(HashMap::default()) }
    }

    /// The registry indicator these words name, if any, and how, with a unit that fits `unit` (a unit written
    /// after the number; empty when none).
    pub fn find(&self, registry: &Registry, words: &str, unit: &str) -> Option<(IndicatorId, How)> {
        self.find_as(registry, words, unit, true)
    }

    /// Like [`Matcher::find`], but only a name the registry holds exactly or inside the words.
    pub fn find_strict(&self, registry: &Registry, words: &str, unit: &str) -> Option<(IndicatorId, How)> {
        self.find_as(registry, words, unit, false)
    }

    fn find_as(&self, registry: &Registry, words: &str, unit: &str, close: bool) -> Option<(IndicatorId, How)> {
        let normal = compared(words);
        if normal.chars().count() < 2 {
            return None;
        }
        if let Some(id) = registry.lookup(words).filter(|id| unit_fits(&registry.get(*id).unit, unit)) {
            return Some((id, How::Exact));
        }
        let key = (normal, unit.to_string(), close);
        if let Some(found) = self.memo.borrow().get(&key) {
            return *found;
        }
        let found = self.search(&key.0, unit, close);
        self.memo.borrow_mut().insert(key, found);
        found
    }

    fn search(&self, normal: &str, unit: &str, close: bool) -> Option<(IndicatorId, How)> {
        let name: Vec<char> = normal.chars().collect();
        let shared = self.shared(&name);
        let usable = |(i, k): &(usize, &Key)| shared[*i] * 3 >= k.distinct * 2 && unit_fits(&k.unit, unit);
        let mut keys = self.keys.iter().enumerate().filter(usable);
        let contained = keys.clone().filter(|(i, k)| k.chars.len() >= 4 && shared[*i] == k.distinct).find(|(_, k)| {
            find_sub(&name, &k.chars).is_some_and(|at| {
                let after = &name[at + k.chars.len()..];
                extra_is_neutral(&name[..at]) && extra_is_neutral(after) && !names_a_measure(after)
            })
        });
        if let Some((_, k)) = contained {
            return Some((k.id, How::Contained));
        }
        if !close {
            return None;
        }
        let close = keys.find(|(_, k)| k.chars.len() >= 3 && close_enough(&name, &k.chars));
        close.map(|(_, k)| (k.id, How::Close))
    }

    /// For each key, how many of its distinct characters the name holds (through the character index).
    fn shared(&self, name: &[char]) -> Vec<usize> {
        let mut counts = vec![0usize; self.keys.len()];
        let mut seen: Vec<char> = Vec::with_capacity(name.len());
        for c in name {
            if seen.contains(c) {
                continue;
            }
            seen.push(*c);
            for &k in self.index.get(c).map_or(&[][..], |v| v.as_slice()) {
                counts[k] += 1;
            }
        }
        counts
    }
}

/// A name as compared: normalised, and the traditional forms a copied document may carry folded.
fn compared(name: &str) -> String {
    normalize_name(name)
        .chars()
        .map(|c| match c {
            '學' => '学',
            '國' => '国',
            '體' => '体',
            '質' => '质',
            '標' => '标',
            '準' => '准',
            '優' => '优',
            '達' => '达',
            '數' => '数',
            '與' => '与',
            '兒' => '儿',
            '醫' => '医',
            '衛' => '卫',
            _ => c,
        })
        .collect()
}

/// Where `needle` starts in `hay`.
fn find_sub(hay: &[char], needle: &[char]) -> Option<usize> {
    (needle.len() <= hay.len()).then(|| hay.windows(needle.len()).position(|w| w == needle)).flatten()
}

/// Extra words around a contained name: places (全市, 各级) and fillers, never a qualifier.
fn extra_is_neutral(extra: &[char]) -> bool {
    let s: String = extra.iter().collect();
    !QUALIFIERS.iter().any(|q| s.contains(q))
}

/// Words after a contained name that make it another quantity (…的人数 → …的人数比例).
fn names_a_measure(after: &[char]) -> bool {
    let s: String = after.iter().collect();
    ["率", "比", "数", "例", "重", "量"].iter().any(|m| s.contains(m))
}

/// Two names that differ only by fillers (and by place words the document puts before the name).
fn close_enough(name: &[char], key: &[char]) -> bool {
    let (gaps_name, gaps_key) = match align(name, key) {
        Some(g) => g,
        None => return false,
    };
    let matched = name.len().saturating_sub(gaps_name.iter().map(|g| g.chars().count()).sum::<usize>());
    if matched * 3 < key.len() * 2 {
        return false;
    }
    let neutral = |g: &String, leading: bool| {
        g.is_empty() || FILLERS.contains(&g.as_str()) || (leading && extra_is_neutral(&g.chars().collect::<Vec<_>>()))
    };
    gaps_name.iter().enumerate().all(|(i, g)| neutral(g, i == 0)) && gaps_key.iter().all(|g| neutral(g, false))
}

/// Aligns two names by their longest common subsequence; returns the unmatched runs of each, in order.
fn align(a: &[char], b: &[char]) -> Option<(Vec<String>, Vec<String>)> {
    if a.len() > 64 || b.len() > 64 {
        return None;
    }
    let mut t = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] { t[i + 1][j + 1] + 1 } else { t[i + 1][j].max(t[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut ga, mut gb) = (vec![String::new()], vec![String::new()]);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ga.push(String::new());
            gb.push(String::new());
            i += 1;
            j += 1;
        } else if j >= b.len() || (i < a.len() && t[i + 1][j] >= t[i][j + 1]) {
            ga.last_mut()?.push(a[i]);
            i += 1;
        } else {
            gb.last_mut()?.push(b[j]);
            j += 1;
        }
    }
    let merge = |g: Vec<String>| -> Vec<String> { g.into_iter().filter(|s| !s.is_empty()).collect() };
    let leading_a = ga.first().cloned().unwrap_or_default();
    let mut gaps_a = merge(ga);
    if leading_a.is_empty() {
        gaps_a.insert(0, String::new());
    }
    Some((gaps_a, merge(gb)))
}

/// Does a registry unit fit a unit written after a number (empty: none written)?
pub fn unit_fits(unit: &Unit, written: &str) -> bool {
    if written.is_empty() {
        return true;
    }
    let w = Unit::parse(written);
    match (unit.scale(), w.scale()) {
        (Some(a), Some(b)) => a == b,
        (None, None) => unit.to_string() == w.to_string() || matches!(unit, Unit::None),
        _ => false,
    }
}

/// Ends that make words a measurable quantity when the registry does not know them.
const MEASURE_ENDS: &[&str] = &[
    "率",
    "比例",
    "比重",
    "占比",
    "人数",
    "年限",
    "寿命",
    "时间",
    "面积",
    "数量",
    "床位数",
    "医生数",
    "人次",
    "次数",
    "指数",
    "个数",
    "总数",
    "覆盖面",
    "规模",
    "性别比",
    "厕位比",
];

/// Do these words name a measurable quantity by their form?
pub fn is_measure(words: &str) -> bool {
    let w = normalize_name(words);
    w.chars().count() >= 3 && MEASURE_ENDS.iter().any(|e| w.ends_with(e))
}

/// The unit a new indicator is likely measured in, from its name: a rate in %, a count of people in 人, ….
pub fn guess_unit(words: &str) -> Option<&'static str> {
    let w = normalize_name(words);
    let by_end: &[(&str, &str)] = &[
        ("性别比", "女=100"),
        ("厕位比", "ratio"),
        ("人数", "人"),
        ("年限", "年"),
        ("寿命", "岁"),
        ("时间", "小时"),
        ("面积", "平方米"),
        ("率", "%"),
        ("比例", "%"),
        ("比重", "%"),
        ("占比", "%"),
    ];
    by_end.iter().find(|(e, _)| w.ends_with(e)).map(|(_, u)| *u)
}

/// A new indicator's id: the prefix and the first 32 bits of the FNV-1a hash of its normalised name, in hex.
pub fn new_id(prefix: &str, name: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in normalize_name(name).bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{prefix}-{hash:08x}")
}

/// Adds a new indicator to the draft's registry (or returns the one that already holds the name).
pub fn add_new(registry: &mut Registry, prefix: &str, name: &str, unit: &str) -> IndicatorId {
    let mut id = new_id(prefix, name);
    if let Some(found) = registry.lookup(name) {
        return found;
    }
    while registry.lookup(&id).is_some() {
        id.push('x');
    }
    let indicator = Indicator { id, name: name.to_string(), aliases: Vec::new(), unit: Unit::parse(unit) };
    registry.add(indicator).unwrap_or_else(|taken| taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let mut r = Registry::new();
        for (id, name, unit) in [
            ("mm", "孕产妇死亡率", "1/10万"),
            ("mmu", "城市孕产妇死亡率", "1/10万"),
            ("ow", "儿童超重率", "%"),
            ("pc", "党代会中女党员代表比例", "%"),
            ("hl", "妇女健康素养水平", "%"),
        ] {
            r.add(Indicator { id: id.into(), name: name.into(), aliases: vec![], unit: Unit::parse(unit) }).unwrap();
        }
        r
    }

    fn found(words: &str) -> Option<(String, How)> {
        let r = registry();
        let m = Matcher::new(&r);
        m.find(&r, words, "").map(|(id, how)| (r.get(id).id.clone(), how))
    }

    #[test]
    fn names_match_exactly_contained_or_close() {
        assert_eq!(found("孕产妇死亡率"), Some(("mm".into(), How::Exact)));
        assert_eq!(found("全市各级党代会中女党员代表比例"), Some(("pc".into(), How::Contained)));
        assert_eq!(found("儿童超重"), Some(("ow".into(), How::Close)));
        assert_eq!(found("农村孕产妇死亡率"), None);
        assert_eq!(found("妇女健康水平"), None);
    }

    #[test]
    fn new_ids_are_stable_kebab_case() {
        let id = new_id("xian", "孕产妇艾滋病检测率");
        assert_eq!(id, new_id("xian", " 孕产妇艾滋病检测率"));
        assert!(crate::plan::load::is_kebab(&id));
    }
}
