//! The rule kinds and the one function that judges a target against a series of values.
//!
//! Every kind of the SPEC's table is a variant of [`Rule`], holding its own numbers; [`judge`] is one `match`
//! over them. All arithmetic is exact (`rust_decimal`). 以上/以下/以内/不低于/不高于 include their number (the
//! convention of Chinese law, Civil Code art. 1259), so they are `Min`/`Max`; 超过/高于/低于/不足 exclude it and are
//! `Gt`/`Lt`. This module reads no files and knows no plan: it gets a series and answers with a [`Verdict`].

use crate::indicator::IndicatorId;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a target asks of its indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// v ≥ X: 达到X以上, 不低于X, ≥X.
    Min(Decimal),
    /// v ≤ X: 控制在X以下, 不高于X, ≤X.
    Max(Decimal),
    /// v > X: 高于X, 超过X, >X.
    Gt(Decimal),
    /// v < X: 低于X, 不足X, <X.
    Lt(Decimal),
    /// v = X: 100%, 全覆盖.
    Eq(Decimal),
    /// |v − X| ≤ tolerance % of X: X左右.
    Approx { value: Decimal, tolerance: Option<Decimal> },
    /// low ≤ v ≤ high: 保持在X—Y之间.
    Range { low: Decimal, high: Decimal },
    /// v(Y) > v(B): 提高, 逐步提高.
    Increase,
    /// Every consecutive pair of years from B to Y rises: 逐年提高.
    IncreaseYearly,
    /// v(Y) < v(B): 降低, 得到控制.
    Decrease,
    /// A set pace of decline.
    DecreaseBy(Decline),
    /// v(Y) ≥ v(B), or within a floor/band where the target gives one: 巩固, 保持合理比例.
    Maintain { low: Option<Decimal>, high: Option<Decimal> },
    /// Compared with another indicator of the same data: 不低于本地区党员总数中女性比例, 与女职工比例相适应.
    Relative { reference: IndicatorId, mode: RelativeMode, tolerance: Option<Decimal> },
    /// Inside the normal band, or closer to it than at the baseline: 出生人口性别比趋于平衡.
    Balance { low: Decimal, high: Decimal },
    /// first:second, e.g. 男女厕位比 2:3; the value is the quotient second/first.
    Ratio { first: Decimal, second: Decimal },
    /// v ≤ threshold: 消除 (0), 基本消除 (`basic`: a stated threshold, or the documented default).
    Eliminate { threshold: Decimal, basic: bool },
    /// The rise slows: 上升趋势减缓.
    SlowRise,
    /// |A − R| at Y below |A − R| at B: 城乡差距缩小.
    GapNarrow { reference: IndicatorId },
    /// No measurable quantity: listed, never assessed.
    Qualitative,
}

/// The two forms of `decrease_by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decline {
    /// (v(B) − v(Y)) / (Y − B) ≥ X: 每年降低X个百分点以上.
    PerYear(Decimal),
    /// v(Y) ≤ v(B) × (1 − X/100): 以2020年为基数下降X%.
    Percent(Decimal),
}

/// How a `relative` target compares with its reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelativeMode {
    /// Not lower than the reference.
    AtLeast,
    /// Within the tolerance of the reference (相适应).
    Match,
}

/// The kind of a rule, as the TOML and JSON spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Min,
    Max,
    Gt,
    Lt,
    Eq,
    Approx,
    Range,
    Increase,
    IncreaseYearly,
    Decrease,
    DecreaseBy,
    Maintain,
    Relative,
    Balance,
    Ratio,
    Eliminate,
    SlowRise,
    GapNarrow,
    Qualitative,
}

impl Kind {
    pub const ALL: [Kind; 19] = [
        Kind::Min,
        Kind::Max,
        Kind::Gt,
        Kind::Lt,
        Kind::Eq,
        Kind::Approx,
        Kind::Range,
        Kind::Increase,
        Kind::IncreaseYearly,
        Kind::Decrease,
        Kind::DecreaseBy,
        Kind::Maintain,
        Kind::Relative,
        Kind::Balance,
        Kind::Ratio,
        Kind::Eliminate,
        Kind::SlowRise,
        Kind::GapNarrow,
        Kind::Qualitative,
    ];

    /// The snake_case word of the TOML and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Min => "min",
            Kind::Max => "max",
            Kind::Gt => "gt",
            Kind::Lt => "lt",
            Kind::Eq => "eq",
            Kind::Approx => "approx",
            Kind::Range => "range",
            Kind::Increase => "increase",
            Kind::IncreaseYearly => "increase_yearly",
            Kind::Decrease => "decrease",
            Kind::DecreaseBy => "decrease_by",
            Kind::Maintain => "maintain",
            Kind::Relative => "relative",
            Kind::Balance => "balance",
            Kind::Ratio => "ratio",
            Kind::Eliminate => "eliminate",
            Kind::SlowRise => "slow_rise",
            Kind::GapNarrow => "gap_narrow",
            Kind::Qualitative => "qualitative",
        }
    }

    pub fn parse(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

impl Rule {
    pub fn kind(&self) -> Kind {
        match self {
            Rule::Min(_) => Kind::Min,
            Rule::Max(_) => Kind::Max,
            Rule::Gt(_) => Kind::Gt,
            Rule::Lt(_) => Kind::Lt,
            Rule::Eq(_) => Kind::Eq,
            Rule::Approx { .. } => Kind::Approx,
            Rule::Range { .. } => Kind::Range,
            Rule::Increase => Kind::Increase,
            Rule::IncreaseYearly => Kind::IncreaseYearly,
            Rule::Decrease => Kind::Decrease,
            Rule::DecreaseBy(_) => Kind::DecreaseBy,
            Rule::Maintain { .. } => Kind::Maintain,
            Rule::Relative { .. } => Kind::Relative,
            Rule::Balance { .. } => Kind::Balance,
            Rule::Ratio { .. } => Kind::Ratio,
            Rule::Eliminate { .. } => Kind::Eliminate,
            Rule::SlowRise => Kind::SlowRise,
            Rule::GapNarrow { .. } => Kind::GapNarrow,
            Rule::Qualitative => Kind::Qualitative,
        }
    }

    /// The numbers the rule itself holds (for lint: each should appear in the target's text).
    pub fn numbers(&self) -> Vec<Decimal> {
        match *self {
            Rule::Min(x) | Rule::Max(x) | Rule::Gt(x) | Rule::Lt(x) | Rule::Eq(x) => vec![x],
            Rule::Approx { value, .. } => vec![value],
            Rule::Range { low, high } => vec![low, high],
            Rule::DecreaseBy(Decline::PerYear(x) | Decline::Percent(x)) => vec![x],
            Rule::Maintain { low, high } => low.into_iter().chain(high).collect(),
            Rule::Ratio { first, second } => vec![first, second],
            Rule::Eliminate { threshold, basic } if !threshold.is_zero() && !basic => vec![threshold],
            _ => vec![],
        }
    }

    /// Does the target state a number (the `--fail-on quantified` scope)?
    pub fn is_quantified(&self) -> bool {
        !self.numbers().is_empty()
    }

    /// The other indicator the rule compares with, if any.
    pub fn reference(&self) -> Option<IndicatorId> {
        match *self {
            Rule::Relative { reference, .. } | Rule::GapNarrow { reference } => Some(reference),
            _ => None,
        }
    }

    /// Threshold kinds may be on or off track before their deadline; the others are judged every year.
    pub fn is_threshold(&self) -> bool {
        matches!(
            self.kind(),
            Kind::Min
                | Kind::Max
                | Kind::Gt
                | Kind::Lt
                | Kind::Eq
                | Kind::Approx
                | Kind::Range
                | Kind::Ratio
                | Kind::Eliminate
        ) || matches!(self, Rule::DecreaseBy(Decline::Percent(_)))
    }
}

/// A target's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    OnTrack,
    OffTrack,
    Unmet,
    NoData,
    NotAssessed,
}

impl Status {
    pub const ALL: [Status; 6] =
        [Status::Met, Status::OnTrack, Status::OffTrack, Status::Unmet, Status::NoData, Status::NotAssessed];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on_track",
            Status::OffTrack => "off_track",
            Status::Unmet => "unmet",
            Status::NoData => "no_data",
            Status::NotAssessed => "not_assessed",
        }
    }

    /// Does this status fail a check (when the target is in scope)?
    pub fn is_failure(self) -> bool {
        matches!(self, Status::Unmet | Status::OffTrack)
    }
}

/// Values of one indicator in one region, by year: sorted by year, one value a year (a later value for a year
/// replaces an earlier one). A handful of years, so a sorted vector: one allocation, searched in place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Series(Vec<(i32, Decimal)>);

impl Series {
    pub fn new() -> Series {
        Series(Vec::new())
    }

    /// The value of a year.
    pub fn get(&self, year: &i32) -> Option<&Decimal> {
        self.0.binary_search_by_key(year, |p| p.0).ok().and_then(|i| self.0.get(i)).map(|p| &p.1)
    }

    /// Sets the value of a year; returns the value it replaces.
    pub fn insert(&mut self, year: i32, value: Decimal) -> Option<Decimal> {
        match self.0.binary_search_by_key(&year, |p| p.0) {
            Ok(i) => self.0.get_mut(i).map(|p| std::mem::replace(&mut p.1, value)),
            Err(i) => {
                self.0.insert(i, (year, value));
                None
            }
        }
    }

    /// The values of the years `from..=to`, in order.
    pub fn between(&self, from: i32, to: i32) -> &[(i32, Decimal)] {
        let start = self.0.partition_point(|p| p.0 < from);
        let end = self.0.partition_point(|p| p.0 <= to).max(start);
        self.0.get(start..end).unwrap_or_default()
    }

    /// Every (year, value), in order of years.
    pub fn iter(&self) -> impl Iterator<Item = (&i32, &Decimal)> {
        self.0.iter().map(|(y, v)| (y, v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(i32, Decimal)> for Series {
    fn from_iter<I: IntoIterator<Item = (i32, Decimal)>>(iter: I) -> Series {
        let mut points: Vec<(i32, Decimal)> = iter.into_iter().collect();
        if !points.windows(2).all(|w| w[0].0 < w[1].0) {
            // Stable: of two values for a year the later stays, as with repeated inserts.
            points.sort_by_key(|p| p.0);
            let mut kept: Vec<(i32, Decimal)> = Vec::with_capacity(points.len());
            for p in points {
                match kept.last_mut() {
                    Some(last) if last.0 == p.0 => *last = p,
                    _ => kept.push(p),
                }
            }
            points = kept;
        }
        Series(points)
    }
}

impl IntoIterator for Series {
    type Item = (i32, Decimal);
    type IntoIter = std::vec::IntoIter<(i32, Decimal)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What [`judge`] needs besides the rule.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The target's indicator (the baseline year already filled from the plan where the data lacks it).
    pub series: &'a Series,
    /// The reference indicator's series, for `relative` and `gap_narrow`.
    pub reference: Option<&'a Series>,
    /// Evaluation year Y.
    pub year: i32,
    /// Baseline year B.
    pub baseline_year: i32,
    /// Deadline T.
    pub deadline: i32,
    /// Default approx/match tolerance, in percent of the target value.
    pub tolerance: Decimal,
    /// 基本实现: a threshold missed by at most this percent of X.
    pub near: Decimal,
    /// A rate that cannot exceed 100.
    pub ceiling: bool,
}

/// A short explanation in both languages of the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reason {
    pub zh: String,
    pub en: String,
}

impl Reason {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason { zh: zh.into(), en: en.into() }
    }
}

/// The outcome of judging one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub reason: Reason,
    /// For threshold kinds not met: the value is within `near` % of the target (基本实现).
    pub near: bool,
}

fn verdict(status: Status, reason: Reason) -> Verdict {
    Verdict { status, reason, near: false }
}

/// Judges a rule against its inputs. Never panics: missing values give `no_data`.
pub fn judge(rule: &Rule, input: &Inputs) -> Verdict {
    if *rule == Rule::Qualitative {
        return verdict(Status::NotAssessed, Reason::new("定性目标，不作量化评估", "qualitative target, not assessed"));
    }
    let y = input.year;
    let Some(&v) = input.series.get(&y) else {
        return verdict(Status::NoData, Reason::new(format!("无{y}年数据"), format!("no value for {y}")));
    };
    let base = input.series.get(&input.baseline_year).copied();
    match *rule {
        Rule::Increase => judge_change(input, v, base, true),
        Rule::Decrease => judge_change(input, v, base, false),
        Rule::IncreaseYearly => judge_yearly(input),
        Rule::DecreaseBy(Decline::PerYear(x)) => judge_pace(input, v, base, x),
        Rule::Maintain { low: None, high: None } => judge_maintain(input, v, base),
        Rule::Maintain { low, high } => judge_band_now(v, low, high),
        Rule::Relative { mode, tolerance, .. } => judge_relative(input, v, mode, tolerance),
        Rule::Balance { low, high } => judge_balance(input, v, base, low, high),
        Rule::SlowRise => judge_slow_rise(input, v),
        Rule::GapNarrow { .. } => judge_gap(input, v, base),
        _ => match goal(rule, base, input.tolerance) {
            Some(goal) => judge_threshold(&goal, input, v, base),
            None => verdict(
                Status::NoData,
                Reason::new(format!("无{}年基线值，无法确定目标值", input.baseline_year), {
                    format!("no baseline value for {}: the target value cannot be set", input.baseline_year)
                }),
            ),
        },
    }
}

/// A comparison with a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Cmp {
    fn holds(self, v: Decimal, x: Decimal) -> bool {
        match self {
            Cmp::Ge => v >= x,
            Cmp::Le => v <= x,
            Cmp::Gt => v > x,
            Cmp::Lt => v < x,
            Cmp::Eq => v == x,
        }
    }

    fn sign(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Le => "≤",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
            Cmp::Eq => "=",
        }
    }
}

/// The set of values a threshold target accepts.
#[derive(Debug, Clone, Copy)]
enum Goal {
    Bound(Cmp, Decimal),
    Band(Decimal, Decimal),
}

impl Goal {
    fn holds(&self, v: Decimal) -> bool {
        match *self {
            Goal::Bound(cmp, x) => cmp.holds(v, x),
            Goal::Band(low, high) => low <= v && v <= high,
        }
    }

    /// How far v is from the accepted set (0 inside it, or on a strict bound).
    fn shortfall(&self, v: Decimal) -> Decimal {
        match *self {
            Goal::Bound(Cmp::Ge | Cmp::Gt, x) => x.saturating_sub(v).max(Decimal::ZERO),
            Goal::Bound(Cmp::Le | Cmp::Lt, x) => v.saturating_sub(x).max(Decimal::ZERO),
            Goal::Bound(Cmp::Eq, x) => v.saturating_sub(x).abs(),
            Goal::Band(low, high) => low.saturating_sub(v).max(v.saturating_sub(high)).max(Decimal::ZERO),
        }
    }

    /// The point the straight line from the baseline aims at.
    fn aim(&self, from: Decimal) -> Decimal {
        match *self {
            Goal::Bound(_, x) => x,
            Goal::Band(low, high) => from.clamp(low, high),
        }
    }

    /// Within `near` % of the bound (基本实现)?
    fn is_near(&self, v: Decimal, near: Decimal) -> bool {
        let slack = |x: Decimal| x.abs() * near / Decimal::ONE_HUNDRED;
        match *self {
            Goal::Bound(_, x) => self.shortfall(v) <= slack(x),
            Goal::Band(low, high) => self.shortfall(v) <= slack(if v < low { low } else { high }),
        }
    }

    fn describe(&self) -> String {
        match *self {
            Goal::Bound(cmp, x) => format!("{} {}", cmp.sign(), as_written(x)),
            Goal::Band(low, high) => format!("{}–{}", as_written(low), as_written(high)),
        }
    }
}

/// What a chart draws as the target: a level, or a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Level(Decimal),
    Band(Decimal, Decimal),
}

/// The target a threshold rule draws (the SPEC's X), given the baseline value and the default tolerance.
pub fn mark(rule: &Rule, base: Option<Decimal>, tolerance: Decimal) -> Option<Mark> {
    match goal(rule, base, tolerance)? {
        Goal::Bound(_, x) => Some(Mark::Level(x)),
        Goal::Band(low, high) => Some(Mark::Band(low, high)),
    }
}

/// The accepted set of a threshold rule; `None` when it depends on a baseline that is missing.
fn goal(rule: &Rule, base: Option<Decimal>, default_tolerance: Decimal) -> Option<Goal> {
    Some(match *rule {
        Rule::Min(x) => Goal::Bound(Cmp::Ge, x),
        Rule::Max(x) => Goal::Bound(Cmp::Le, x),
        Rule::Gt(x) => Goal::Bound(Cmp::Gt, x),
        Rule::Lt(x) => Goal::Bound(Cmp::Lt, x),
        Rule::Eq(x) => Goal::Bound(Cmp::Eq, x),
        Rule::Approx { value, tolerance } => {
            let slack = value.abs() * tolerance.unwrap_or(default_tolerance) / Decimal::ONE_HUNDRED;
            Goal::Band(value - slack, value + slack)
        }
        Rule::Range { low, high } => Goal::Band(low, high),
        Rule::Ratio { first, second } => Goal::Bound(Cmp::Ge, second.checked_div(first)?.normalize()),
        Rule::Eliminate { threshold, .. } => Goal::Bound(Cmp::Le, threshold),
        Rule::DecreaseBy(Decline::Percent(x)) => {
            let factor = Decimal::ONE - x / Decimal::ONE_HUNDRED;
            Goal::Bound(Cmp::Le, base?.checked_mul(factor)?.normalize())
        }
        _ => return None,
    })
}

fn judge_threshold(goal: &Goal, input: &Inputs, v: Decimal, base: Option<Decimal>) -> Verdict {
    let (y, t, b) = (input.year, input.deadline, input.baseline_year);
    let near = goal.is_near(v, input.near);
    let target = goal.describe();
    if goal.holds(v) {
        return verdict(Status::Met, Reason::new(format!("达到目标 {target}"), format!("meets {target}")));
    }
    if y >= t {
        let reason = Reason::new(format!("未达目标 {target}"), format!("misses {target}"));
        return Verdict { near, ..verdict(Status::Unmet, reason) };
    }
    let Some(from) = base else {
        let reason = Reason::new(
            format!("未达目标 {target}；无{b}年基线值，无法判断进度"),
            format!("misses {target}; no {b} baseline to draw the line"),
        );
        return Verdict { near, ..verdict(Status::Unmet, reason) };
    };
    let expected = show(line(from, goal.aim(from), b, t, y).round_dp(2));
    let (status, zh, en) = if goal.shortfall(v) <= goal.shortfall(line(from, goal.aim(from), b, t, y)) {
        (Status::OnTrack, "不低于", "at least as good as")
    } else {
        (Status::OffTrack, "落后于", "behind")
    };
    let reason = Reason::new(
        format!("{zh}{y}年进度线 {expected}（{t}年目标 {target}）"),
        format!("{en} the {y} line value {expected} ({t} target {target})"),
    );
    Verdict { near, ..verdict(status, reason) }
}

/// The straight line from `from` at year `b` to `to` at year `t`, read at year `y`.
pub fn line(from: Decimal, to: Decimal, b: i32, t: i32, y: i32) -> Decimal {
    if t <= b {
        return to;
    }
    let elapsed = Decimal::from((y - b).clamp(0, t - b));
    let span = Decimal::from(t - b);
    let step = to.saturating_sub(from).saturating_mul(elapsed) / span;
    from.saturating_add(step)
}

fn needs_later_year(input: &Inputs) -> Option<Verdict> {
    let b = input.baseline_year;
    if input.year <= b {
        let reason =
            Reason::new(format!("趋势目标需要{b}年之后的数据"), format!("a trend needs a year after the baseline {b}"));
        return Some(verdict(Status::NoData, reason));
    }
    None
}

fn missing_baseline(input: &Inputs) -> Verdict {
    let b = input.baseline_year;
    verdict(Status::NoData, Reason::new(format!("无{b}年基线值"), format!("no baseline value for {b}")))
}

fn judge_change(input: &Inputs, v: Decimal, base: Option<Decimal>, up: bool) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let Some(from) = base else { return missing_baseline(input) };
    let (y, b) = (input.year, input.baseline_year);
    let at_limit = if up { input.ceiling && v >= Decimal::ONE_HUNDRED } else { v.is_zero() };
    let moved = if up { v > from } else { v < from };
    let status = if moved || at_limit { Status::Met } else { Status::Unmet };
    let (zh, en) = match (at_limit && !moved, up) {
        (true, true) => ("已达上限100", "already at the ceiling of 100"),
        (true, false) => ("已为0", "already at 0"),
        (false, true) => ("应高于基线", "should be above the baseline"),
        (false, false) => ("应低于基线", "should be below the baseline"),
    };
    let reason = Reason::new(
        format!("{b}年 {} → {y}年 {}（{zh}）", show(from), show(v)),
        format!("{} in {b} → {} in {y} ({en})", show(from), show(v)),
    );
    verdict(status, reason)
}

fn judge_yearly(input: &Inputs) -> Verdict {
    let (b, y) = (input.baseline_year, input.year);
    let points = input.series.between(b, y);
    if points.len() < 2 {
        let reason = Reason::new(
            format!("{b}—{y}年间不足两个年份的数据"),
            format!("fewer than two years of data between {b} and {y}"),
        );
        return verdict(Status::NoData, reason);
    }
    let fall = points.windows(2).find(|w| !(w[1].1 > w[0].1 || (input.ceiling && w[1].1 >= Decimal::ONE_HUNDRED)));
    match fall {
        None => verdict(
            Status::Met,
            Reason::new(
                format!("{}—{y}年逐年提高（{}个年份）", points[0].0, points.len()),
                format!("rises every year {}–{y} ({} years)", points[0].0, points.len()),
            ),
        ),
        Some(w) => verdict(
            Status::Unmet,
            Reason::new(
                format!("{}年 {} → {}年 {}，未提高", w[0].0, show(w[0].1), w[1].0, show(w[1].1)),
                format!("{} in {} → {} in {}: no rise", show(w[0].1), w[0].0, show(w[1].1), w[1].0),
            ),
        ),
    }
}

fn judge_pace(input: &Inputs, v: Decimal, base: Option<Decimal>, per_year: Decimal) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let Some(from) = base else { return missing_baseline(input) };
    let years = Decimal::from(input.year - input.baseline_year);
    let pace = (from - v) / years;
    let status = if pace >= per_year { Status::Met } else { Status::Unmet };
    let reason = Reason::new(
        format!("年均下降 {}，目标每年 ≥ {}", show(pace.round_dp(4)), show(per_year)),
        format!("falls {} a year on average, target ≥ {}", show(pace.round_dp(4)), show(per_year)),
    );
    verdict(status, reason)
}

fn judge_maintain(input: &Inputs, v: Decimal, base: Option<Decimal>) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let Some(from) = base else { return missing_baseline(input) };
    let (y, b) = (input.year, input.baseline_year);
    let status = if v >= from { Status::Met } else { Status::Unmet };
    let reason = Reason::new(
        format!("{y}年 {}，{b}年基线 {}（不低于基线）", show(v), show(from)),
        format!("{} in {y}, baseline {} in {b} (not lower than the baseline)", show(v), show(from)),
    );
    verdict(status, reason)
}

fn judge_band_now(v: Decimal, low: Option<Decimal>, high: Option<Decimal>) -> Verdict {
    let ok = low.is_none_or(|l| v >= l) && high.is_none_or(|h| v <= h);
    let band = match (low, high) {
        (Some(l), Some(h)) => format!("{}–{}", show(l), show(h)),
        (Some(l), None) => format!("≥ {}", show(l)),
        (None, Some(h)) => format!("≤ {}", show(h)),
        (None, None) => String::new(),
    };
    let status = if ok { Status::Met } else { Status::Unmet };
    verdict(status, Reason::new(format!("{}，应保持在 {band}", show(v)), format!("{}, to stay within {band}", show(v))))
}

fn judge_relative(input: &Inputs, v: Decimal, mode: RelativeMode, tolerance: Option<Decimal>) -> Verdict {
    let y = input.year;
    let Some(r) = input.reference.and_then(|s| s.get(&y)).copied() else {
        return verdict(
            Status::NoData,
            Reason::new(format!("参照指标无{y}年数据"), format!("the reference indicator has no value for {y}")),
        );
    };
    let (ok, zh, en) = match mode {
        RelativeMode::AtLeast => (v >= r, format!("参照值 {}，应不低于参照", show(r)), {
            format!("reference {}, should be at least the reference", show(r))
        }),
        RelativeMode::Match => {
            let slack = r.abs() * tolerance.unwrap_or(input.tolerance) / Decimal::ONE_HUNDRED;
            ((v - r).abs() <= slack, format!("参照值 {}，相差应不超过 {}", show(r), show(slack)), {
                format!("reference {}, difference should be at most {}", show(r), show(slack))
            })
        }
    };
    let status = if ok { Status::Met } else { Status::Unmet };
    verdict(status, Reason::new(format!("{y}年 {}，{zh}", show(v)), format!("{} in {y}, {en}", show(v))))
}

fn judge_balance(input: &Inputs, v: Decimal, base: Option<Decimal>, low: Decimal, high: Decimal) -> Verdict {
    let band = Goal::Band(low, high);
    let y = input.year;
    if band.holds(v) {
        let reason = Reason::new(
            format!("{y}年 {}，在正常范围 {}–{} 内", show(v), show(low), show(high)),
            format!("{} in {y}, inside the normal band {}–{}", show(v), show(low), show(high)),
        );
        return verdict(Status::Met, reason);
    }
    let Some(from) = base else {
        let reason = Reason::new(
            format!("{y}年 {} 在正常范围外，且无基线值可比", show(v)),
            format!("{} in {y} is outside the band and there is no baseline to compare", show(v)),
        );
        return verdict(Status::NoData, reason);
    };
    let closer = band.shortfall(v) < band.shortfall(from);
    let status = if closer { Status::Met } else { Status::Unmet };
    let (zh, en) = if closer { ("更接近", "closer to") } else { ("未更接近", "not closer to") };
    let reason = Reason::new(
        format!("{y}年 {}，比基线 {} {zh}正常范围 {}–{}", show(v), show(from), show(low), show(high)),
        format!("{} in {y} is {en} the band {}–{} than the baseline {}", show(v), show(low), show(high), show(from)),
    );
    verdict(status, reason)
}

fn judge_slow_rise(input: &Inputs, v: Decimal) -> Verdict {
    let y = input.year;
    let Some(&prev) = input.series.get(&(y - 1)) else {
        let reason = Reason::new(format!("无{}年数据", y - 1), format!("no value for {}", y - 1));
        return verdict(Status::NoData, reason);
    };
    if v <= prev {
        let reason = Reason::new(
            format!("{}年 {} → {y}年 {}，未上升", y - 1, show(prev), show(v)),
            format!("{} in {} → {} in {y}: no rise", show(prev), y - 1, show(v)),
        );
        return verdict(Status::Met, reason);
    }
    let Some(&before) = input.series.get(&(y - 2)) else {
        let reason = Reason::new(
            format!("{y}年上升，且无{}年数据可比较升幅", y - 2),
            format!("rose in {y}, and no value for {} to compare the rise", y - 2),
        );
        return verdict(Status::NoData, reason);
    };
    let (rise, earlier) = (v - prev, prev - before);
    let status = if rise < earlier { Status::Met } else { Status::Unmet };
    let reason = Reason::new(
        format!("{y}年升幅 {}，上年升幅 {}", show(rise), show(earlier)),
        format!("rise of {} in {y} against {} the year before", show(rise), show(earlier)),
    );
    verdict(status, reason)
}

fn judge_gap(input: &Inputs, v: Decimal, base: Option<Decimal>) -> Verdict {
    if let Some(early) = needs_later_year(input) {
        return early;
    }
    let (y, b) = (input.year, input.baseline_year);
    let reference = input.reference;
    let r_now = reference.and_then(|s| s.get(&y)).copied();
    let r_base = reference.and_then(|s| s.get(&b)).copied();
    let (Some(from), Some(r_now), Some(r_base)) = (base, r_now, r_base) else {
        let reason = Reason::new(
            format!("比较差距需要两项指标{b}年和{y}年的数据"),
            format!("the gap needs both indicators in {b} and {y}"),
        );
        return verdict(Status::NoData, reason);
    };
    let (gap_now, gap_base) = ((v - r_now).abs(), (from - r_base).abs());
    let status = if gap_now < gap_base { Status::Met } else { Status::Unmet };
    let reason = Reason::new(
        format!("差距 {b}年 {} → {y}年 {}", show(gap_base), show(gap_now)),
        format!("gap {} in {b} → {} in {y}", show(gap_base), show(gap_now)),
    );
    verdict(status, reason)
}

/// A target number as the plan writes it (`6.0` stays `6.0`); a computed one with many places is rounded to four.
fn as_written(x: Decimal) -> String {
    if x.scale() <= 4 {
        x.to_string()
    } else {
        show(x.round_dp(4))
    }
}

/// A decimal as a person writes it: no trailing zeros after rounding, no exponent.
pub fn show(x: Decimal) -> String {
    x.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn a_series_keeps_years_in_order_and_the_later_of_two_values() {
        let s: Series = [(2022, d(3)), (2020, d(1)), (2022, d(4)), (2021, d(2))].into_iter().collect();
        assert_eq!(s.clone().into_iter().collect::<Vec<_>>(), vec![(2020, d(1)), (2021, d(2)), (2022, d(4))]);
        assert_eq!(s.get(&2021), Some(&d(2)));
        assert_eq!(s.get(&2019), None);
        assert_eq!(s.between(2021, 2030), &[(2021, d(2)), (2022, d(4))]);
        assert_eq!(s.between(2023, 2030), &[]);
        assert_eq!(s.between(2022, 2020), &[]);
    }

    #[test]
    fn inserting_replaces_or_keeps_the_order() {
        let mut s = Series::new();
        assert_eq!(s.insert(2025, d(5)), None);
        assert_eq!(s.insert(2020, d(1)), None);
        assert_eq!(s.insert(2025, d(6)), Some(d(5)));
        assert_eq!(s.iter().map(|(y, v)| (*y, *v)).collect::<Vec<_>>(), vec![(2020, d(1)), (2025, d(6))]);
        assert_eq!(s.len(), 2);
    }
}
