//! Gaps that narrow (城乡差距缩小, 男女两性科学素质水平差距缩小, 缩小两性家务劳动时间差距): the quantity is named
//! in the clause or carried from the clause before, and the gap is between two indicators of it — the urban and
//! the rural one, or the women's and the men's.

use super::clause::{Drafted, Quantity, Read, Reader};
use super::indicator::{add_new, guess_unit, is_measure, How};
use super::messages::DraftMsg;
use super::number::fold;
use super::subject::clean;
use crate::indicator::IndicatorId;
use crate::rule::Rule;

/// The two sides of a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sides {
    UrbanRural,
    WomenMen,
}

impl Sides {
    /// The name prefixes of each side, in the order a registry may spell them.
    fn prefixes(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Sides::UrbanRural => (&["城市", "城镇"], &["农村"]),
            Sides::WomenMen => (&["女性", "妇女"], &["男性"]),
        }
    }
}

/// Words that name the gap's sides rather than its quantity.
const SIDE_WORDS: &[&str] = &["城乡", "区域", "地区", "男女", "两性", "性别", "的", "、", "和"];

impl Reader<'_> {
    /// Reads a gap clause; `carried` are the quantities of the clause before.
    pub(super) fn gap(&mut self, clause: &str, carried: &[Quantity]) -> Read {
        let folded = fold(clause);
        let words = gap_words(&folded);
        let sides = if words.contains("城乡") {
            Sides::UrbanRural
        } else if ["男女", "两性", "性别"].iter().any(|w| words.contains(w)) {
            Sides::WomenMen
        } else {
            return Read::Qualitative;
        };
        let mut quantity = words.clone();
        for w in SIDE_WORDS {
            quantity = quantity.replace(w, "");
        }
        let quantity = clean(&quantity).to_string();
        let names: Vec<(String, bool)> = if quantity.chars().count() >= 2 {
            vec![(quantity, false)]
        } else {
            carried.iter().map(|q| (self.registry.get(q.indicator).name.clone(), true)).collect()
        };
        let mut targets = Vec::new();
        for (name, was_carried) in names {
            let Some((first, second, mut readings)) = self.sides(&name, sides, was_carried) else {
                return Read::Qualitative;
            };
            if was_carried {
                readings.insert(0, DraftMsg::ReadSubjectCarried { subject: name.clone() });
            }
            let rule = Rule::GapNarrow { reference: second };
            let (text, deadline) = (clause.to_string(), None);
            targets.push(Drafted { text, name: None, indicator: Some(first), rule, deadline, readings });
        }
        if targets.is_empty() {
            return Read::Qualitative;
        }
        Read::Targets(targets, carried.to_vec())
    }

    /// The two indicators of a quantity's gap: the registry's, or new ones where the quantity is measurable.
    fn sides(&mut self, name: &str, sides: Sides, carried: bool) -> Option<(IndicatorId, IndicatorId, Vec<DraftMsg>)> {
        let (one, other) = sides.prefixes();
        let found = |r: &mut Self, prefixes: &[&str]| {
            prefixes.iter().find_map(|p| {
                let words = format!("{p}{name}");
                r.matcher
                    .find(r.registry, &words, "")
                    .filter(|(_, how)| *how != How::Close || !carried)
                    .map(|(id, _)| id)
            })
        };
        let (a, b) = (found(self, one), found(self, other));
        let mut readings = Vec::new();
        let (a, b) = match (a, b) {
            (Some(a), Some(b)) => (a, b),
            _ if is_measure(name) || carried => {
                let unit = guess_unit(name).unwrap_or("%");
                let a = a.unwrap_or_else(|| add_new(self.registry, self.prefix, &format!("{}{name}", one[0]), unit));
                let b = b.unwrap_or_else(|| add_new(self.registry, self.prefix, &format!("{}{name}", other[0]), unit));
                readings.push(DraftMsg::ReadNewIndicator { unit: unit.to_string() });
                (a, b)
            }
            _ => return None,
        };
        let (first, second) = (self.registry.get(a).name.clone(), self.registry.get(b).name.clone());
        readings.push(DraftMsg::ReadGapPair { first, second });
        Some((a, b, readings))
    }
}

/// The words naming the gap: before 差距 (城乡差距缩小), or between 缩小 and 差距 (缩小两性家务劳动时间差距).
fn gap_words(folded: &str) -> String {
    let before = folded.split("差距").next().unwrap_or_default();
    let before = match before.rfind("缩小") {
        Some(at) => &before[at + "缩小".len()..],
        None => before,
    };
    before.trim_start_matches(|c: char| "逐步不断明显显著进一步".contains(c)).to_string()
}

#[cfg(test)]
mod tests {
    use super::gap_words;

    #[test]
    fn the_gap_words_stand_before_the_gap() {
        assert_eq!(gap_words("城乡差距逐步缩小"), "城乡");
        assert_eq!(gap_words("缩小两性家务劳动时间差距"), "两性家务劳动时间");
        assert_eq!(gap_words("男女两性的科学素质水平差距不断缩小"), "男女两性的科学素质水平");
    }
}
