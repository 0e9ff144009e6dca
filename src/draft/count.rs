//! Counts and times (至少配备1名…的全科医生, 新建11所小学, 109个社区养老服务站, 小学生10小时、初中生9小时…睡眠时间):
//! the quantity is named by the words around the number, as the registry names it. Only a registry name is
//! taken here, never a new indicator: a count the registry does not know is a clause for the reviewer.

use super::clause::{Drafted, Quantities, Quantity, Read, Reader};
use super::messages::DraftMsg;
use super::number::numbers;
use super::rule::{Predicate, Says};
use super::subject::clean;
use crate::rule::Rule;

impl Reader<'_> {
    /// A count or a time (至少配备1名…的全科医生, 每天…不少于1小时): the quantity is the subject with the words
    /// around the number, as a registry names it (…配备…的全科医生数, …时间). Only a registry name is taken.
    pub(super) fn counted(
        &mut self,
        chars: &[char],
        p: &Predicate,
        words: &str,
        carried: &[Quantity],
    ) -> Option<Quantities> {
        let Says::Level { values, .. } = &p.says else { return None };
        let [v] = values.as_slice() else { return None };
        let suffix = match v.unit.as_str() {
            "名" | "所" | "个" | "张" | "家" | "座" | "户" | "项" => "数",
            "次" => "次数",
            "小时" | "分钟" | "天" => "时间",
            _ => return None,
        };
        let middle: String = chars[p.verb_end.min(v.start)..v.start].iter().collect();
        // 新建2－3所: a span read as its lower bound.
        let span_high = (chars.get(v.end).is_some_and(|c| "-—~～至".contains(*c)))
            .then(|| {
                numbers(&chars[v.end + 1..].iter().collect::<String>()).into_iter().next().filter(|n| n.start == 0)
            })
            .flatten();
        let object_from = span_high.as_ref().map_or(v.end, |h| v.end + 1 + h.end);
        let object: String = chars[object_from.min(chars.len())..].iter().collect();
        let object = clean(&object).trim_end_matches("规模").trim_end_matches('等').to_string();
        let subject = words.trim_start_matches("保障").to_string();
        let word: String = chars[p.start..p.verb_end.min(chars.len())].iter().collect();
        let candidates = [
            format!("{subject}{word}{object}"),
            format!("{word}{object}"),
            format!("{subject}{middle}{object}{suffix}"),
            format!("{subject}{object}{suffix}"),
            format!("{middle}{object}{suffix}"),
            format!("{object}{suffix}"),
            format!("{subject}{object}"),
            object.clone(),
        ];
        let readings: Vec<DraftMsg> = span_high
            .into_iter()
            .map(|high| DraftMsg::ReadRangeLower { low: v.value.to_string(), high: high.value.to_string() })
            .collect();
        for c in candidates.iter().filter(|c| c.chars().count() > 2) {
            if let Some((id, _)) = self.matcher.find(self.registry, c, &v.unit) {
                return Some(vec![(c.clone(), id, readings)]);
            }
            let completed = self.complete(c, &v.unit, carried);
            if !completed.is_empty() {
                return Some(completed);
            }
        }
        None
    }

    /// A count with no level word (109个社区养老服务站, 改造农村户厕3万户, 对3所小学进行迁建): at least that many of
    /// what the registry names by the words after or before the number.
    pub(super) fn bare_count(&mut self, clause: &str, folded: &str) -> Option<Read> {
        let nums = numbers(folded);
        let [n] = nums.as_slice() else { return None };
        if ["%", "‰", "1/10万", "", "年", "岁", "个百分点"].contains(&n.unit.as_str()) {
            return None;
        }
        let chars: Vec<char> = folded.chars().collect();
        let before: String = chars[..n.start].iter().collect();
        let after: String = chars[n.end.min(chars.len())..].iter().collect();
        let after = after.trim_end_matches('等').trim_end_matches("以上");
        let before = before.trim_start_matches(['扎', '实', '全', '面', '对']);
        let mut candidates = vec![after.to_string(), before.to_string(), format!("{before}{after}")];
        if let Some((object, verb)) = after.split_once("进行") {
            candidates.insert(0, format!("{verb}{object}"));
        }
        let found = candidates
            .iter()
            .filter(|c| c.chars().count() >= 3)
            .find_map(|c| self.matcher.find(self.registry, c, &n.unit).map(|(id, _)| (c.clone(), id)))?;
        let (name, id) = found;
        let target = Drafted {
            text: clause.to_string(),
            name: Some(name.clone()),
            indicator: Some(id),
            rule: Rule::Min(n.value),
            deadline: None,
            readings: Vec::new(),
        };
        Some(Read::Targets(vec![target], vec![Quantity { name, indicator: id }]))
    }

    /// 小学生10小时、初中生9小时、高中生8小时睡眠时间: groups and numbers in turn before one head, each a
    /// quantity at least its number.
    pub(super) fn interleaved(&mut self, clause: &str, folded: &str) -> Option<Read> {
        let chars: Vec<char> = folded.chars().collect();
        let nums = numbers(folded);
        if nums.len() < 2 || nums.iter().any(|n| n.unit.is_empty() || n.unit != nums[0].unit) {
            return None;
        }
        let head: String = chars[nums.last()?.end..].iter().collect();
        let mut groups = Vec::new();
        let mut from = 0;
        for n in &nums {
            let g: String = chars[from..n.start].iter().collect();
            let g = g.trim_start_matches('、').trim_start_matches(['保', '证', '确', '每', '天', '年']);
            groups.push(g.to_string());
            from = n.end;
        }
        if head.chars().count() < 2 || groups.iter().any(|g| g.chars().count() < 2) {
            return None;
        }
        let mut targets = Vec::new();
        for (g, n) in groups.iter().zip(&nums) {
            let name = format!("{g}{head}");
            let (id, _) = self.matcher.find(self.registry, &name, &n.unit)?;
            let readings = vec![DraftMsg::ReadSplit {
                names: groups.iter().map(|g| format!("{g}{head}")).collect::<Vec<_>>().join("、"),
            }];
            let (text, rule) = (clause.to_string(), Rule::Min(n.value));
            targets.push(Drafted { text, name: Some(name), indicator: Some(id), rule, deadline: None, readings });
        }
        Some(Read::Targets(targets, Vec::new()))
    }
}
