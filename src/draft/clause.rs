//! An item read clause by clause into targets. An item splits into sentences (。；) and clauses (，); a clause
//! with a predicate about a measurable quantity becomes one target per quantity it names, a run of clauses with
//! none becomes one qualitative target, and a clause with a number but no quantity (2025年达到85%) continues the
//! clause before it. Every assumption is kept as a reading.

use super::indicator::{add_new, guess_unit, is_measure, How, Matcher};
use super::messages::DraftMsg;
use super::number::{fold, numbers, years, Number};
use super::rule::{predicate, subject_end, Op, Predicate, Says};
use super::structure::{Item, Row};
use super::subject::{clean, split};
use crate::indicator::{IndicatorId, Registry};
use crate::rule::{Decline, RelativeMode, Rule};
use rust_decimal::Decimal;

/// A target as read, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drafted {
    /// The document's words, verbatim.
    pub text: String,
    /// The quantity as the document names it.
    pub name: Option<String>,
    pub indicator: Option<IndicatorId>,
    pub rule: Rule,
    /// The year its text names, if any.
    pub deadline: Option<i32>,
    pub readings: Vec<DraftMsg>,
}

impl Drafted {
    fn qualitative(text: &str) -> Drafted {
        let (name, indicator, deadline) = (None, None, None);
        Drafted { text: text.to_string(), name, indicator, rule: Rule::Qualitative, deadline, readings: Vec::new() }
    }

    /// Does the rule hold a level (a number to reach), not a trend?
    pub fn has_level(&self) -> bool {
        !self.rule.numbers().is_empty()
    }
}

/// What an item gave.
#[derive(Debug, Default)]
pub struct ItemReading {
    pub targets: Vec<Drafted>,
    /// Clauses with a number that no rule reads.
    pub unread: Vec<String>,
}

/// A quantity a clause named, carried to the clauses after it.
#[derive(Debug, Clone)]
pub(super) struct Quantity {
    pub name: String,
    pub indicator: IndicatorId,
}

/// Quantities as read: the document's words, the indicator, the readings taken.
pub(super) type Quantities = Vec<(String, IndicatorId, Vec<DraftMsg>)>;

/// What one clause says.
pub(super) enum Read {
    Qualitative,
    Unread,
    Targets(Vec<Drafted>, Vec<Quantity>),
    /// A predicate without a quantity: it continues the quantities before it.
    Continues(Predicate, String),
    /// A bare measure word (覆盖率达到90%): the quantity is what the clause before it sets up.
    Bare(Predicate, String),
}

/// Reads items against the registry; new indicators are added to it.
pub struct Reader<'a> {
    pub registry: &'a mut Registry,
    pub matcher: &'a Matcher,
    pub prefix: &'a str,
    pub period: (i32, i32),
}

/// Byte spans of an item's clauses, each with the index of its sentence.
fn clause_spans(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let (mut sentence, mut start, mut depth) = (0, 0, 0i32);
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '《' | '“' | '「' => depth += 1,
            '）' | ')' | '》' | '”' | '」' => depth = (depth - 1).max(0),
            '、' if depth == 0 && opens_count(text, start, i) => {
                push_span(text, start, i, sentence, &mut out);
                start = i + c.len_utf8();
            }
            '，' | ',' | '。' | '；' | ';' | '！' | '？' | '：' if depth == 0 => {
                push_span(text, start, i, sentence, &mut out);
                start = i + c.len_utf8();
                if c != '，' && c != ',' && c != '：' {
                    sentence += 1;
                }
            }
            _ => {}
        }
    }
    push_span(text, start, text.len(), sentence, &mut out);
    out
}

/// Does the `、` at `at` start a new count or level of its own (…养老服务中心、109个社区养老服务站、设置173个…;
/// …医生达到1.12名、床位增至3.17张), not the next element of a list of names or values?
fn opens_count(text: &str, start: usize, at: usize) -> bool {
    let before = fold(&text[start..at]);
    let from = at + '、'.len_utf8();
    let rest_end = text.get(from..).and_then(|t| t.find(['，', '。', '；', '、'])).map_or(text.len(), |e| from + e);
    let after = fold(text.get(from..rest_end).unwrap_or(""));
    let before_numbers = numbers(&before);
    let counted = |n: &Number| !["%", "‰", "1/10万", "", "年", "岁"].contains(&n.unit.as_str());
    let after_starts = numbers(&after).first().is_some_and(|n| {
        let lead: String = after.chars().take(n.start).collect();
        counted(n) && (lead.is_empty() || super::rule::BUILD_WORDS.contains(&lead.as_str()))
    });
    let before_ends_with_number = before_numbers.last().is_some_and(|n| n.end == before.chars().count());
    let after_has_level = predicate(&after).is_some_and(|p| matches!(p.says, Says::Level { .. }) && p.start > 0);
    (!before_numbers.is_empty() && after_starts) || (before_ends_with_number && after_has_level)
}

fn push_span(text: &str, start: usize, end: usize, sentence: usize, out: &mut Vec<(usize, usize, usize)>) {
    let clause = &text[start..end];
    let lead = clause.len() - clause.trim_start().len();
    let trimmed = clause.trim();
    if !trimmed.is_empty() {
        out.push((sentence, start + lead, start + lead + trimmed.len()));
    }
}

/// The state of an item being read.
#[derive(Default)]
struct Open {
    /// The qualitative run: its span.
    run: Option<(usize, usize)>,
    sentence: usize,
    /// The last quantified clause: its span's start and the index of its first target.
    last: Option<(usize, usize)>,
    carried: Vec<Quantity>,
    year: Option<i32>,
    /// The clause before, in this sentence.
    previous: Option<(usize, usize)>,
}

impl Reader<'_> {
    /// Reads one item into targets.
    pub fn item(&mut self, item: &Item) -> ItemReading {
        if let Some(row) = &item.row {
            return self.row(&item.text, row);
        }
        let text = item.text.as_str();
        let mut out = ItemReading::default();
        let mut open = Open::default();
        for (sentence, start, end) in clause_spans(text) {
            if sentence != open.sentence {
                close_run(text, &mut open, &mut out);
                open.sentence = sentence;
                open.year = None;
                open.last = None;
                open.previous = None;
            }
            let clause = &text[start..end];
            let year = self.deadline(&fold(clause));
            let read = match predicate(&fold(clause)) {
                Some(Predicate { says: Says::Gap, .. }) => self.gap(clause, &open.carried),
                _ => self.clause(clause, open.year, &open.carried.clone()),
            };
            match read {
                Read::Qualitative => open.run = Some((open.run.map_or(start, |r| r.0), end)),
                Read::Unread => {
                    out.unread.push(clause.to_string());
                    open.run = Some((open.run.map_or(start, |r| r.0), end));
                }
                Read::Targets(targets, quantities) => {
                    close_run(text, &mut open, &mut out);
                    open.last = Some((start, out.targets.len()));
                    open.carried = quantities;
                    out.targets.extend(targets);
                }
                Read::Continues(p, folded) => self.continues(text, (start, end), &p, &folded, &mut open, &mut out),
                Read::Bare(p, measure) => self.bare(text, (start, end), &p, &measure, &mut open, &mut out),
            }
            open.previous = Some((start, end));
            open.year = year.or(open.year);
        }
        close_run(text, &mut open, &mut out);
        out
    }

    /// 推进未成年人救助保护中心建设，实现覆盖率达到90%: the measure word names the coverage of what the clause
    /// before sets up; only a registry name is taken, and the target's text runs over both clauses.
    fn bare(
        &mut self,
        text: &str,
        span: (usize, usize),
        p: &Predicate,
        measure: &str,
        open: &mut Open,
        out: &mut ItemReading,
    ) {
        let unread = |open: &mut Open, out: &mut ItemReading| {
            out.unread.push(text[span.0..span.1].to_string());
            open.run = Some((open.run.map_or(span.0, |r| r.0), span.1));
        };
        let Some((from, to)) = open.previous else { return unread(open, out) };
        let before = fold(&text[from..to]);
        let mut stripped = before.clone();
        for verb in ["指导", "推进", "推动", "设立", "建立", "实现", "加强", "加快"] {
            stripped = stripped.replace(verb, "");
        }
        let stripped = stripped.trim_end_matches("建设").to_string();
        let found = [format!("{stripped}{measure}"), format!("{before}{measure}")]
            .into_iter()
            .find_map(|c| self.matcher.find(self.registry, &c, "").map(|(id, _)| (c, id)));
        let Some((name, id)) = found else { return unread(open, out) };
        let value = level_value(&p.says, 0, 1);
        let Some(rule) = self.rule(&p.says, value.as_ref(), id) else { return unread(open, out) };
        // The clause before was read as qualitative: it is this target's first half now.
        if open.run.is_some_and(|r| r.0 < from) {
            open.run = Some((open.run.map_or(from, |r| r.0), from));
            close_run(text, open, out);
            let trimmed = text[..from].trim_end_matches(['，', ',']).len();
            if let Some(last) = out.targets.last_mut() {
                last.text = text[last_start(text, &last.text, trimmed)..trimmed].to_string();
            }
        }
        open.run = None;
        let readings = vec![DraftMsg::ReadSubjectCarried { subject: name.clone() }];
        let joined = text[from..span.1].to_string();
        out.targets.push(Drafted {
            text: joined,
            name: Some(name.clone()),
            indicator: Some(id),
            rule,
            deadline: None,
            readings,
        });
        open.carried = vec![Quantity { name, indicator: id }];
    }

    /// A clause that names no quantity: it continues the last quantified clause of its sentence (whose targets it
    /// replaces, their text running over both), or the quantities named earlier in the item.
    fn continues(
        &mut self,
        text: &str,
        span: (usize, usize),
        p: &Predicate,
        folded: &str,
        open: &mut Open,
        out: &mut ItemReading,
    ) {
        if open.carried.is_empty() {
            out.unread.push(text[span.0..span.1].to_string());
            open.run = Some((open.run.map_or(span.0, |r| r.0), span.1));
            return;
        }
        let (from, first) = match open.last {
            Some((from, first)) if first <= out.targets.len() => {
                out.targets.truncate(first);
                (from, first)
            }
            _ => (span.0, out.targets.len()),
        };
        close_run(text, open, out);
        let joined = &text[from..span.1];
        let deadline = self.deadline(folded).or(self.deadline(&fold(joined))).or(open.year);
        let carried = open.carried.clone();
        let n = carried.len();
        for (i, q) in carried.iter().enumerate() {
            let value = level_value(&p.says, i, n);
            let Some(rule) = self.rule(&p.says, value.as_ref(), q.indicator) else { continue };
            let mut readings = vec![DraftMsg::ReadSubjectCarried { subject: q.name.clone() }];
            readings.extend(value_readings(&p.says, n));
            let name = Some(q.name.clone());
            out.targets.push(Drafted {
                text: joined.to_string(),
                name,
                indicator: Some(q.indicator),
                rule,
                deadline,
                readings,
            });
        }
        open.last = Some((from, first));
    }

    /// Reads one clause.
    fn clause(&mut self, clause: &str, year: Option<i32>, carried: &[Quantity]) -> Read {
        let folded = fold(clause);
        let has_number = numbers(&folded).iter().any(|n| n.unit != "年" && n.value < Decimal::from(1900));
        let Some(p) = predicate(&folded) else {
            if let Some(read) = self.interleaved(clause, &folded).or_else(|| self.bare_count(clause, &folded)) {
                return read;
            }
            return if has_number { Read::Unread } else { Read::Qualitative };
        };
        if matches!(p.says, Says::Gap) {
            return Read::Qualitative; // read with the quantities before it, in `gap`
        }
        let chars: Vec<char> = folded.chars().collect();
        let words: String = if p.verb_first {
            chars[p.verb_end.min(chars.len())..].iter().collect()
        } else {
            chars[..subject_end(&chars, p.start)].iter().collect()
        };
        let words = clean(&super::subject::without_scope(&words)).to_string();
        let deadline = self.deadline(&folded).or(year);
        let carried_year = year.filter(|_| self.deadline(&folded).is_none());
        if let Some(found) = self.counted(&chars, &p, &words, carried) {
            return self.targets(clause, &p, found, deadline, carried_year);
        }
        if words.chars().count() < 2 {
            return Read::Continues(p, folded);
        }
        if words.chars().count() <= 4 && is_measure(&words) && self.matcher.find(self.registry, &words, "").is_none() {
            return Read::Bare(p, words);
        }
        let word: String = chars[p.start..p.verb_end.min(chars.len())].iter().collect();
        if super::rule::BUILD_WORDS.contains(&word.as_str()) {
            return Read::Unread;
        }
        if folded.contains("全覆盖") {
            for end in ["覆盖率", "普及率", "参保率"] {
                let c = format!("{words}{end}");
                if let Some((id, _)) = self.matcher.find(self.registry, &c, "%") {
                    return self.targets(clause, &p, vec![(c, id, Vec::new())], deadline, carried_year);
                }
            }
        }
        match self.quantities(&words, &p.says, carried) {
            Some(qs) => self.targets(clause, &p, qs, deadline, carried_year),
            None if has_number => Read::Unread,
            None => Read::Qualitative,
        }
    }

    /// The quantities the words name, with their indicators; None when they name no measurable quantity.
    fn quantities(
        &mut self,
        words: &str,
        says: &Says,
        carried: &[Quantity],
    ) -> Option<Vec<(String, IndicatorId, Vec<DraftMsg>)>> {
        let units = level_units(says);
        let whole_known = self.registry.lookup(words).is_some();
        let names = {
            let (reg, m) = (&*self.registry, self.matcher);
            split(words, &|n| m.find(reg, n, "").is_some(), whole_known)
        };
        let mut out = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let unit = units.get(i).or(units.first()).cloned().unwrap_or_default();
            let mut readings = Vec::new();
            if names.len() > 1 {
                readings.push(DraftMsg::ReadSplit { names: names.join("、") });
            }
            let completed = self.complete(name, &unit, carried);
            if !completed.is_empty() {
                out.extend(completed);
                continue;
            }
            let id = self.indicator(name, &unit, &mut readings)?;
            out.push((name.clone(), id, readings));
        }
        Some(out)
    }

    /// Words the registry does not know, completed by the group of the quantities before them (乳腺癌人群筛查率
    /// after 适龄妇女宫颈癌人群筛查率 → 适龄妇女乳腺癌人群筛查率): one quantity per carried quantity it completes.
    pub(super) fn complete(
        &mut self,
        name: &str,
        unit: &str,
        carried: &[Quantity],
    ) -> Vec<(String, IndicatorId, Vec<DraftMsg>)> {
        if self.matcher.find(self.registry, name, unit).is_some() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for q in carried {
            let before: Vec<char> = q.name.chars().collect();
            let hit = (2..before.len()).rev().find_map(|k| {
                let words = format!("{}{name}", before[..k].iter().collect::<String>());
                // The completed words must be a registry name (or one but for fillers), not merely hold one.
                let found = self.matcher.find(self.registry, &words, unit).filter(|(_, how)| *how != How::Contained);
                found.map(|(id, _)| (words, id))
            });
            if let Some((words, id)) = hit {
                if !out.iter().any(|(_, o, _)| *o == id) {
                    out.push((words, id, vec![DraftMsg::ReadSubjectCarried { subject: q.name.clone() }]));
                }
            }
        }
        out
    }

    /// The registry's indicator for a name, or a new one where the name is a measurable quantity.
    fn indicator(&mut self, name: &str, unit: &str, readings: &mut Vec<DraftMsg>) -> Option<IndicatorId> {
        if let Some((id, how)) = self.matcher.find(self.registry, name, unit) {
            if how == How::Close {
                readings.push(DraftMsg::ReadCloseName { registry: self.registry.get(id).name.clone() });
            }
            return Some(id);
        }
        let counted = !unit.is_empty() && !["%", "‰", "1/10万"].contains(&unit);
        if !is_measure(name) && !counted {
            return None;
        }
        let unit = if unit.is_empty() {
            let guessed = guess_unit(name).unwrap_or("");
            readings.push(DraftMsg::ReadUnitGuessed { unit: guessed.to_string() });
            guessed.to_string()
        } else {
            unit.to_string()
        };
        readings.push(DraftMsg::ReadNewIndicator { unit: unit.clone() });
        Some(add_new(self.registry, self.prefix, name, &unit))
    }

    pub(super) fn targets(
        &mut self,
        clause: &str,
        p: &Predicate,
        qs: Vec<(String, IndicatorId, Vec<DraftMsg>)>,
        deadline: Option<i32>,
        carried_year: Option<i32>,
    ) -> Read {
        let n = qs.len();
        let mut targets = Vec::new();
        let mut carried = Vec::new();
        for (i, (name, indicator, mut readings)) in qs.into_iter().enumerate() {
            let value = level_value(&p.says, i, n);
            let Some(rule) = self.rule(&p.says, value.as_ref(), indicator) else { return Read::Unread };
            readings.extend(value_readings(&p.says, n));
            if let Some(year) = carried_year {
                readings.push(DraftMsg::ReadYearCarried { year });
            }
            if matches!(rule, Rule::Eliminate { basic: true, .. }) {
                readings.push(DraftMsg::ReadEliminateDefault);
            }
            if let Rule::Relative { reference, .. } = &rule {
                readings.push(DraftMsg::ReadReference { reference: self.registry.get(*reference).name.clone() });
            }
            carried.push(Quantity { name: name.clone(), indicator });
            let text = clause.to_string();
            targets.push(Drafted { text, name: Some(name), indicator: Some(indicator), rule, deadline, readings });
        }
        Read::Targets(targets, carried)
    }

    /// The rule a predicate sets for one quantity.
    fn rule(&mut self, says: &Says, value: Option<&Number>, _indicator: IndicatorId) -> Option<Rule> {
        Some(match says {
            Says::Level { op, .. } => {
                let x = value?.value;
                match op {
                    Op::Min => Rule::Min(x),
                    Op::Max => Rule::Max(x),
                    Op::Gt => Rule::Gt(x),
                    Op::Lt => Rule::Lt(x),
                    Op::Eq => Rule::Eq(x),
                    Op::Approx => Rule::Approx { value: x, tolerance: None },
                }
            }
            Says::Range { low, high } => Rule::Range { low: *low, high: *high },
            Says::Ratio { first, second } => Rule::Ratio { first: *first, second: *second },
            Says::DecreaseBy { value, per_year: true } => Rule::DecreaseBy(Decline::PerYear(*value)),
            Says::DecreaseBy { value, per_year: false } => Rule::DecreaseBy(Decline::Percent(*value)),
            Says::Increase => Rule::Increase,
            Says::IncreaseYearly => Rule::IncreaseYearly,
            Says::Decrease => Rule::Decrease,
            Says::Maintain => Rule::Maintain { low: None, high: None },
            Says::Balance => {
                let (low, high) = crate::plan::load::BALANCE_BAND;
                Rule::Balance { low, high }
            }
            Says::SlowRise => Rule::SlowRise,
            Says::Eliminate { basic } => {
                let threshold = if *basic { crate::plan::load::BASIC_ELIMINATION } else { Decimal::ZERO };
                Rule::Eliminate { threshold, basic: *basic }
            }
            Says::Relative { reference, matching } => {
                let reference = self.reference(clean(reference))?;
                let mode = if *matching { RelativeMode::Match } else { RelativeMode::AtLeast };
                Rule::Relative { reference, mode, tolerance: None }
            }
            Says::Gap => return None,
        })
    }

    /// The indicator a relation compares with (本地区党员总数中女性比例, 女职工比例).
    fn reference(&mut self, words: &str) -> Option<IndicatorId> {
        if let Some((id, _)) = self.matcher.find(self.registry, words, "") {
            return Some(id);
        }
        is_measure(words).then(|| add_new(self.registry, self.prefix, words, "%"))
    }

    /// The first year of the plan period a clause names as a deadline (not a base year: 以2020年为基数).
    fn deadline(&self, folded: &str) -> Option<i32> {
        let (from, to) = self.period;
        years(folded).into_iter().map(|(y, _)| y).find(|&y| {
            let base = [format!("以{y}年为基数"), format!("比{y}年"), format!("较{y}年"), format!("从{y}年")];
            y > from.saturating_sub(1) && y <= to && !base.iter().any(|b| folded.contains(b.as_str()))
        })
    }

    /// An indicator-table row: its name cell names the quantity, its target cell says the rule.
    fn row(&mut self, cell: &str, row: &Row) -> ItemReading {
        let mut out = ItemReading::default();
        let folded = fold(cell);
        let says = match predicate(&folded) {
            Some(p) => p.says,
            None => match bare_number(&folded) {
                Some(n) => {
                    Says::Level { op: if n.value == Decimal::ONE_HUNDRED { Op::Eq } else { Op::Min }, values: vec![n] }
                }
                None => {
                    out.unread.push(format!("{}：{cell}", row.name));
                    return out;
                }
            },
        };
        let unit = row.unit.clone().unwrap_or_default();
        let names = {
            let whole_known = self.registry.lookup(&row.name).is_some();
            let (reg, m) = (&*self.registry, self.matcher);
            split(&row.name, &|n| m.find(reg, n, "").is_some(), whole_known)
        };
        for name in &names {
            let mut readings = row.readings.clone();
            if names.len() > 1 {
                readings.push(DraftMsg::ReadSplit { names: names.join("、") });
            }
            let indicator = match self.indicator(name, &unit, &mut readings) {
                Some(id) => id,
                None => {
                    let unit = if unit.is_empty() { guess_unit(name).unwrap_or("").to_string() } else { unit.clone() };
                    readings.push(DraftMsg::ReadNewIndicator { unit: unit.clone() });
                    add_new(self.registry, self.prefix, name, &unit)
                }
            };
            let Some(rule) = self.rule(&says, level_value(&says, 0, 1).as_ref(), indicator) else {
                out.unread.push(format!("{}：{cell}", row.name));
                continue;
            };
            if let Says::Level { op: Op::Eq, .. } = says {
                readings.push(DraftMsg::ReadEqFromHundred);
            }
            let name = Some(name.clone());
            out.targets.push(Drafted {
                text: cell.to_string(),
                name,
                indicator: Some(indicator),
                rule,
                deadline: None,
                readings,
            });
        }
        out
    }
}

/// A target cell that is a number alone (`100`, `4.5`).
fn bare_number(folded: &str) -> Option<Number> {
    let nums = numbers(folded);
    match nums.as_slice() {
        [n] if n.start == 0 && n.end >= folded.chars().count() => Some(n.clone()),
        _ => None,
    }
}

/// The units written after a level's numbers.
fn level_units(says: &Says) -> Vec<String> {
    match says {
        Says::Level { values, .. } => values.iter().map(|v| v.unit.clone()).collect(),
        _ => Vec::new(),
    }
}

/// The number for the i-th of n quantities: its own in a list (分别), else the one they share.
fn level_value(says: &Says, i: usize, n: usize) -> Option<Number> {
    match says {
        Says::Level { values, .. } if values.len() == n => values.get(i).cloned(),
        Says::Level { values, .. } => values.first().cloned(),
        _ => None,
    }
}

fn value_readings(says: &Says, n: usize) -> Vec<DraftMsg> {
    match says {
        Says::Level { values, .. } if n > 1 && values.len() == 1 => {
            vec![DraftMsg::ReadValuesShared { value: values[0].value.to_string() }]
        }
        _ => Vec::new(),
    }
}

/// Where a qualitative run that ends at `end` starts (its text is known).
fn last_start(text: &str, run: &str, end: usize) -> usize {
    text[..end].rfind(run.trim_end_matches(['，', ','])).unwrap_or(0)
}

/// Closes the open qualitative run into a target.
fn close_run(text: &str, open: &mut Open, out: &mut ItemReading) {
    if let Some((start, end)) = open.run.take() {
        out.targets.push(Drafted::qualitative(&text[start..end]));
    }
}
