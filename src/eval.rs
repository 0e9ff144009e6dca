//! Evaluation: a plan × each region of a dataset × an evaluation year → a [`Report`] of verdicts. This is the
//! only place that decides which year is Y, the order of results (by domain, then as the plan lists them), where the baseline value comes from (the data at B, else the figure
//! the plan itself states) and which targets a `--fail-on` scope covers. Renderers only read the Report.

use crate::dataset::{Accounting, Dataset};
use crate::diag::Message;
use crate::indicator::{IndicatorId, Registry, Unit};
use crate::plan::{Attribute, Plan, PlanMeta, Target};
use crate::rule::{judge, mark, Inputs, Kind, Mark, Measure, Reason, Rule, Series, Status, Verdict};
use crate::spread::Spread;
use crate::warn::{warn, Warning};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Which targets make a check fail.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum FailOn {
    /// 有约束性标注时取约束性目标，否则取全部量化目标 / binding targets where the plan marks them, else every quantified one
    #[default]
    Auto,
    /// 只取约束性目标 / only 约束性 (binding) targets
    Binding,
    /// 约束性目标和全部有数值要求的目标 / binding targets and every target that states a number
    Quantified,
    /// 全部可评估目标 / every assessable target
    All,
    /// 从不失败 / never fail
    None,
}

impl FailOn {
    /// The scope this comes to for a plan: `auto` becomes `binding` or `quantified`.
    pub fn resolve(self, plan: &Plan) -> FailOn {
        match self {
            FailOn::Auto if plan.states_attributes() => FailOn::Binding,
            FailOn::Auto => FailOn::Quantified,
            scope => scope,
        }
    }
}

/// Which evaluation of the cycle: 年度监测, 中期评估 or 终期评估.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Stage {
    /// 年度监测: the year asked for, else the latest year in the data.
    #[default]
    Annual,
    /// 中期评估: the middle of the plan period (2025 for 2021–2030, 2023 for 2021–2025), against the line.
    Midterm,
    /// 终期评估: the plan's target year.
    Final,
}

impl Stage {
    /// The evaluation year this stage sets for a plan period, if it sets one.
    pub fn year(self, period: (i32, i32)) -> Option<i32> {
        match self {
            Stage::Annual => None,
            Stage::Midterm => Some(period.0 + (period.1 - period.0) / 2),
            Stage::Final => Some(period.1),
        }
    }
}

/// Evaluation settings, resolved from the command line.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// 年度监测, 中期评估 or 终期评估.
    pub stage: Stage,
    /// Also judge every year present in the data (each target's course) and keep what its chart draws: the
    /// series and the target mark. Reports want these; a check does not.
    pub history: bool,
    /// Only this region (None: every region of the data).
    pub region: Option<String>,
    /// The evaluation year (None: the latest year with data, per region).
    pub year: Option<i32>,
    pub fail_on: FailOn,
    pub fail_on_missing: bool,
    /// An early warning on a target in scope fails the check too.
    pub fail_on_warning: bool,
    /// Keep where each value was read (for annotations at the data row).
    pub locate: bool,
    /// Default tolerance of 左右 and 相适应, in percent of the target value.
    pub tolerance: Decimal,
    /// 基本实现 margin, in percent of the target value.
    pub near: Decimal,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            stage: Stage::Annual,
            history: false,
            region: None,
            year: None,
            fail_on: FailOn::Auto,
            fail_on_missing: false,
            fail_on_warning: false,
            locate: false,
            tolerance: Decimal::from(5),
            near: Decimal::ONE,
        }
    }
}

/// The words the statistics bureaus' monitoring reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Grade {
    /// 已实现.
    Achieved,
    /// 提前实现: met before the deadline.
    AchievedEarly,
    /// 基本实现: a threshold missed by at most `--near` % of the target.
    NearlyAchieved,
    /// 仍有差距.
    Short,
    /// 无数据.
    NoData,
    /// 不评估 (qualitative).
    NotAssessed,
}

impl Grade {
    /// The snake_case word of the JSON.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Counted as reached in the 达标率.
    pub fn is_reached(self) -> bool {
        matches!(self, Grade::Achieved | Grade::AchievedEarly | Grade::NearlyAchieved)
    }
}

/// The unit of a target without an indicator.
static NO_UNIT: Unit = Unit::None;

/// One target's outcome in one region.
#[derive(Debug, Clone)]
pub struct TargetResult<'a> {
    pub id: &'a str,
    pub indicator: Option<&'a str>,
    pub name: &'a str,
    pub unit: &'a Unit,
    pub domain: &'a str,
    pub attribute: Attribute,
    pub kind: Kind,
    /// The plan's wording.
    pub target: &'a str,
    pub section: &'a str,
    pub item: &'a str,
    pub deadline: i32,
    pub value: Option<Decimal>,
    pub baseline: Option<Decimal>,
    /// The baseline is the plan's own stated figure, not a data value.
    pub baseline_from_plan: bool,
    pub status: Status,
    pub grade: Grade,
    pub reason: Reason,
    /// Early warnings; empty when none.
    pub warning: Vec<Warning>,
    /// Does `--fail-on` count this target?
    pub in_scope: bool,
    /// Does it fail the check: in scope, and unmet or off track (or missing with `--fail-on-missing`, or
    /// warned with `--fail-on-warning`)?
    pub fails: bool,
    /// The status in each year present in the data (with `history`).
    pub history: Vec<(i32, Status)>,
    /// The indicator's values by year (with `history`), for charts.
    pub series: Vec<(i32, Decimal)>,
    /// The target as a chart draws it (threshold kinds, with `history`).
    pub mark: Option<Mark>,
    /// The baseline year B.
    pub baseline_year: i32,
    /// Where the target is written in its plan file.
    pub at: &'a crate::diag::Location,
    /// Where the value at Y was read (with `locate`).
    pub value_at: Option<crate::diag::Location>,
}

/// Results for one region.
#[derive(Debug, Clone)]
pub struct RegionReport<'a> {
    pub region: String,
    /// Y; None when the region has no data at all.
    pub year: Option<i32>,
    pub results: Vec<TargetResult<'a>>,
}

impl RegionReport<'_> {
    /// Count per status, every status present.
    pub fn summary(&self) -> BTreeMap<Status, usize> {
        let mut counts: BTreeMap<Status, usize> = Status::all().map(|s| (s, 0)).collect();
        for r in &self.results {
            *counts.entry(r.status).or_default() += 1;
        }
        counts
    }

    /// 达标率 counts: targets reached (已实现, 提前实现, 基本实现), assessable targets, and assessable targets with data.
    pub fn rates(&self) -> Rates {
        let assessable = self.results.iter().filter(|r| r.status != Status::NotAssessed);
        let (mut rates, mut with_data) = (Rates::default(), 0);
        for r in assessable {
            rates.assessable += 1;
            with_data += usize::from(r.status != Status::NoData);
            rates.reached += usize::from(r.grade.is_reached());
        }
        Rates { with_data, ..rates }
    }

    /// Count per bureau word, and the targets with an early warning.
    pub fn grades(&self) -> Grades {
        let mut g = Grades::default();
        for r in &self.results {
            *match r.grade {
                Grade::Achieved => &mut g.achieved,
                Grade::AchievedEarly => &mut g.achieved_early,
                Grade::NearlyAchieved => &mut g.nearly_achieved,
                Grade::Short => &mut g.short,
                Grade::NoData => &mut g.no_data,
                Grade::NotAssessed => &mut g.not_assessed,
            } += 1;
            g.warnings += usize::from(!r.warning.is_empty());
        }
        g
    }

    /// Targets that fail the check.
    pub fn failures(&self) -> usize {
        self.results.iter().filter(|r| r.fails).count()
    }
}

/// Targets per bureau word (the JSON words of [`Grade`]), and how many carry an early warning. The three reached
/// words add up to [`Rates::reached`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Grades {
    pub achieved: usize,
    pub achieved_early: usize,
    pub nearly_achieved: usize,
    pub short: usize,
    pub no_data: usize,
    pub not_assessed: usize,
    /// Targets with at least one early warning (预警).
    pub warnings: usize,
}

impl Grades {
    /// 已实现 + 提前实现 + 基本实现: the 达标率's numerator.
    pub fn reached(&self) -> usize {
        self.achieved + self.achieved_early + self.nearly_achieved
    }

    /// Adds another region's counts (an index's totals row).
    pub fn add(&mut self, o: &Grades) {
        self.achieved += o.achieved;
        self.achieved_early += o.achieved_early;
        self.nearly_achieved += o.nearly_achieved;
        self.short += o.short;
        self.no_data += o.no_data;
        self.not_assessed += o.not_assessed;
        self.warnings += o.warnings;
    }
}

/// The counts behind the two 达标率 conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Rates {
    pub reached: usize,
    pub assessable: usize,
    pub with_data: usize,
}

impl Rates {
    /// County practice: reached over every assessable target, 无数据 counted in the denominator. None when no
    /// target has data: a rate over nothing measured would read as 0 % reached.
    pub fn over_assessable(&self) -> Option<Decimal> {
        percent(self.reached, self.assessable).filter(|_| self.with_data > 0)
    }

    /// Adds another region's counts (an index's totals row).
    pub fn add(&mut self, o: &Rates) {
        self.reached += o.reached;
        self.assessable += o.assessable;
        self.with_data += o.with_data;
    }

    /// National practice: reached over the targets that have data.
    pub fn over_with_data(&self) -> Option<Decimal> {
        percent(self.reached, self.with_data)
    }
}

/// part / whole as a percentage with one decimal, always written (`100.0`, `0.0`).
pub fn percent(part: usize, whole: usize) -> Option<Decimal> {
    (whole > 0).then(|| {
        let mut p = (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole)).round_dp(1);
        p.rescale(1);
        p
    })
}

/// Everything a renderer shows.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub plan: PlanMeta,
    pub stage: Stage,
    pub states_attributes: bool,
    pub data_file: String,
    pub accounting: Accounting,
    pub regions: Vec<RegionReport<'a>>,
    /// The scope as asked for (`auto` included).
    pub fail_on: FailOn,
    /// The scope it came to for this plan (never `auto`).
    pub scope: FailOn,
    pub fail_on_missing: bool,
    pub fail_on_warning: bool,
    /// In-scope targets per region (the same for every region).
    pub in_scope: usize,
    /// Batch-level inputs: the spread of each `regional_gap` target's indicator across the regions evaluated.
    pub spreads: Spreads,
}

/// Each `regional_gap` indicator's spread across a batch's regions, by indicator and measure.
pub type Spreads = Vec<((IndicatorId, Measure), Spread)>;

/// The spread a target's rule reads, if it is a `regional_gap`.
fn spread_of<'s>(spreads: &'s Spreads, t: &Target) -> Option<&'s Spread> {
    let (Rule::RegionalGap { measure }, Some(id)) = (&t.rule, t.indicator) else { return None };
    spreads.iter().find(|(key, _)| *key == (id, *measure)).map(|(_, s)| s)
}

/// The spread of every `regional_gap` indicator of a plan over the regions `regions` of the data.
pub fn spreads(plan: &Plan, data: &Dataset, regions: &[usize]) -> Spreads {
    let mut out: Spreads = Vec::new();
    for t in &plan.targets {
        let (Rule::RegionalGap { measure }, Some(id)) = (&t.rule, t.indicator) else { continue };
        if out.iter().any(|(key, _)| *key == (id, *measure)) {
            continue;
        }
        let series: Vec<Vec<(i32, Decimal)>> =
            regions.iter().map(|&r| data.series(r, id).into_iter().collect()).collect();
        let spread = Spread::of(*measure, plan.meta.baseline_year, series.iter().map(Vec::as_slice));
        out.push(((id, *measure), spread));
    }
    out
}

impl Report<'_> {
    /// Does any region fail the check?
    pub fn fails(&self) -> bool {
        self.regions.iter().any(|r| r.failures() > 0)
    }
}

/// A report ready for its regions: the head, and the regions to evaluate.
pub struct Prepared<'a> {
    pub report: Report<'a>,
    pub regions: Vec<usize>,
}

/// Evaluates a plan over every region of the data (or the one asked for).
pub fn evaluate<'a>(
    plan: &'a Plan,
    registry: &'a Registry,
    data: &Dataset,
    data_file: &str,
    options: &EvalOptions,
) -> Result<Report<'a>, Message> {
    use rayon::prelude::*;
    let Prepared { mut report, regions } = prepare(plan, data, data_file, options)?;
    let spreads = &report.spreads;
    let evaluated = regions.par_iter().map(|&r| evaluate_region_in(plan, registry, data, r, options, spreads));
    report.regions = evaluated.collect();
    Ok(report)
}

/// The report without its regions, and the regions to evaluate (each with [`evaluate_region`]): for callers
/// that evaluate and write region by region. A region asked for that the data does not have (or data without
/// regions) is refused.
pub fn prepare<'a>(
    plan: &Plan,
    data: &Dataset,
    data_file: &str,
    options: &EvalOptions,
) -> Result<Prepared<'a>, Message> {
    let file = data_file.to_string();
    let regions: Vec<usize> = match &options.region {
        Some(name) if data.has_region_column() => match data.region_index(name) {
            Some(i) => vec![i],
            None => {
                let known = data.regions().to_vec();
                return Err(Message::UnknownRegion { region: name.clone(), file, known });
            }
        },
        Some(name) => return Err(Message::NoRegionColumn { region: name.clone(), file }),
        None => (0..data.regions().len()).collect(),
    };
    let scope = options.fail_on.resolve(plan);
    let in_scope = plan.targets.iter().filter(|t| in_scope(t, scope)).count();
    let report = Report {
        plan: plan.meta.clone(),
        stage: options.stage,
        states_attributes: plan.states_attributes(),
        data_file: data_file.to_string(),
        accounting: data.accounting(&plan.indicators()),
        regions: Vec::new(),
        fail_on: options.fail_on,
        scope,
        fail_on_missing: options.fail_on_missing,
        fail_on_warning: options.fail_on_warning,
        in_scope,
        spreads: spreads(plan, data, &regions),
    };
    Ok(Prepared { report, regions })
}

/// Whether a check can judge anything: the data must hold some value of the plan, and some region a value at
/// the evaluation year asked for. Returns the regions that have none at that year while others do.
pub fn coverage(
    plan: &Plan,
    data: &Dataset,
    regions: &[usize],
    options: &EvalOptions,
    data_file: &str,
) -> Result<Vec<String>, Message> {
    let file = data_file.to_string();
    let indicators = plan.indicators();
    let years = data.years_of(regions, &indicators);
    if years.is_empty() {
        return Err(Message::NoValues { file, plan: plan.meta.id.clone() });
    }
    let Some(year) = options.stage.year(plan.meta.period).or(options.year) else { return Ok(Vec::new()) };
    let lacking: Vec<String> = regions
        .iter()
        .filter(|&&r| !data.has_value_at(r, &indicators, year))
        .map(|&r| data.regions().get(r).cloned().unwrap_or_default())
        .collect();
    if lacking.len() == regions.len() {
        return Err(Message::NoValuesAtYear { year, file, years });
    }
    Ok(lacking)
}

/// A `%` indicator whose values look like fractions: percent cells saved as their stored number (0.061 for
/// 6.1 %), or a column typed as shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fractions {
    pub indicator: IndicatorId,
    /// The largest value in the data.
    pub largest: Decimal,
    /// The highest level the plan judges it against (a target's number or a stated baseline).
    pub level: Decimal,
    /// Where its largest value stands.
    pub at: Option<crate::diag::Location>,
}

/// The `%` indicators of the plan whose values, over the regions checked, all lie in [0, 1] (some above 0) and
/// are all below a tenth of the plan's highest level for them: 0.3 against 女性比例 ≥30, 0.061 against 贫血率 <10.
/// A tenth is where the value × 100 is the nearer reading of the two (0.15 against a target of 2 is left alone:
/// a real 0.15 % is likelier than a mistyped 15 %).
pub fn fractions(plan: &Plan, registry: &Registry, data: &Dataset, regions: &[usize]) -> Vec<Fractions> {
    let mut out = Vec::new();
    for id in plan.indicators() {
        if registry.get(id).unit != Unit::Percent {
            continue;
        }
        let targets = plan.targets.iter().filter(|t| t.indicator == Some(id)).flat_map(|t| t.rule.levels());
        let stated = plan.baselines.iter().filter(|b| b.indicator == id).map(|b| b.value);
        let Some(level) = targets.chain(stated).max() else { continue };
        let mut largest: Option<(Decimal, usize, i32)> = None;
        let mut plausible = false;
        for &r in regions {
            for p in data.points(r, id) {
                if p.value < Decimal::ZERO || p.value > Decimal::ONE || p.value * Decimal::TEN >= level {
                    plausible = true;
                    break;
                }
                if largest.is_none_or(|(v, _, _)| p.value > v) {
                    largest = Some((p.value, r, i32::from(p.year)));
                }
            }
            if plausible {
                break;
            }
        }
        match largest {
            Some((v, r, year)) if !plausible && v > Decimal::ZERO => {
                out.push(Fractions { indicator: id, largest: v, level, at: data.locate(r, id, year) })
            }
            _ => {}
        }
    }
    out
}

/// Is a target counted by a `--fail-on` scope (`auto` resolved for its plan first)?
pub fn in_scope(target: &Target, scope: FailOn) -> bool {
    let binding = target.attribute == Attribute::Binding;
    match scope {
        FailOn::Auto | FailOn::Binding => binding,
        FailOn::Quantified => binding || target.rule.is_quantified(),
        FailOn::All => target.rule.kind() != Kind::Qualitative,
        FailOn::None => false,
    }
}

/// Evaluates every target of a plan in one region of the data, on its own: a `regional_gap` target, which needs
/// the other regions of the batch, is `no_data` ([`evaluate_region_in`] gives it the batch).
pub fn evaluate_region<'a>(
    plan: &'a Plan,
    registry: &'a Registry,
    data: &Dataset,
    region: usize,
    o: &EvalOptions,
) -> RegionReport<'a> {
    evaluate_region_in(plan, registry, data, region, o, &Vec::new())
}

/// Evaluates every target of a plan in one region of the data, with the batch's spreads (from [`prepare`]).
/// Nothing after the evaluation year Y is kept: the history, the series and so the charts stop at Y, so that a
/// 中期评估 shows no later year.
pub fn evaluate_region_in<'a>(
    plan: &'a Plan,
    registry: &'a Registry,
    data: &Dataset,
    region: usize,
    o: &EvalOptions,
    spreads: &Spreads,
) -> RegionReport<'a> {
    let year = o.stage.year(plan.meta.period).or(o.year).or_else(|| data.latest_year(region));
    let until = year.unwrap_or(i32::MAX);
    let years = if o.history { data.years(region).into_iter().filter(|&y| y <= until).collect() } else { Vec::new() };
    let name = match data.regions().get(region) {
        Some(r) if !r.is_empty() => r.clone(),
        _ => plan.meta.region.clone(),
    };
    let mut order: Vec<&Target> = plan.targets.iter().collect();
    order.sort_by_key(|t| t.domain);
    let scope = o.fail_on.resolve(plan);
    let at = At { plan, registry, data, region, year, years: &years, options: o, scope, spreads };
    let results = order.into_iter().map(|t| evaluate_target(&at, t)).collect();
    RegionReport { region: name, year, results }
}

/// Where a target is evaluated: the plan, the region of the data, the year, the run's options.
struct At<'a, 'd> {
    plan: &'a Plan,
    registry: &'a Registry,
    data: &'d Dataset,
    region: usize,
    /// Y; None when the region has no data at all.
    year: Option<i32>,
    /// Every year of the region's data (with `history`).
    years: &'d [i32],
    options: &'d EvalOptions,
    /// The `--fail-on` scope resolved for the plan.
    scope: FailOn,
    /// The batch's spreads, for `regional_gap`.
    spreads: &'d Spreads,
}

/// The series of an indicator in a region, with the plan's stated baseline where the data lacks that year.
pub fn series_with_baseline(
    plan: &Plan,
    data: &Dataset,
    region: usize,
    id: crate::indicator::IndicatorId,
) -> (Series, bool) {
    let mut series = data.series(region, id);
    let b = plan.meta.baseline_year;
    let mut from_plan = false;
    if series.get(&b).is_none() {
        if let Some(v) = plan.stated(id, b) {
            series.insert(b, v);
            from_plan = true;
        }
    }
    (series, from_plan)
}

fn evaluate_target<'a>(at: &At<'a, '_>, t: &'a Target) -> TargetResult<'a> {
    let At { plan, registry, data, region, year, years, options: o, scope, spreads } = *at;
    let indicator = t.indicator.map(|id| registry.get(id));
    let (series, from_plan) = match t.indicator {
        Some(id) => series_with_baseline(plan, data, region, id),
        None => (Series::new(), false),
    };
    let reference = t.rule.reference().map(|id| series_with_baseline(plan, data, region, id).0);
    let b = plan.meta.baseline_year;
    let ceiling = indicator.is_some_and(|i| i.unit.has_ceiling());
    let inputs = |y: i32| Inputs {
        series: &series,
        reference: reference.as_ref(),
        year: y,
        baseline_year: b,
        deadline: t.deadline,
        tolerance: o.tolerance,
        near: o.near,
        ceiling,
        spread: spread_of(spreads, t),
    };
    let history = years.iter().map(|&y| (y, judge(&t.rule, &inputs(y)).status)).collect();
    let warning = match year {
        Some(year) if t.indicator.is_some() => {
            let (deadline, tolerance, near) = (t.deadline, o.tolerance, o.near);
            let cx = crate::warn::Context { year, baseline_year: b, deadline, tolerance, near, ceiling };
            warn(&t.rule, &series, &cx)
        }
        _ => Vec::new(),
    };
    let verdict = match year {
        Some(y) => judge(&t.rule, &inputs(y)),
        None if t.rule.kind() == Kind::Qualitative => judge(&t.rule, &inputs(b)),
        None => Verdict { status: Status::NoData, reason: Reason::RegionWithoutData, near: false },
    };
    let grade = grade(&verdict, t, year);
    let counted = in_scope(t, scope);
    let status = verdict.status;
    let fails = counted
        && (status.is_failure()
            || (o.fail_on_missing && status == Status::NoData)
            || (o.fail_on_warning && !warning.is_empty()));
    TargetResult {
        id: &t.id,
        indicator: indicator.map(|i| i.id.as_str()),
        name: t.shown_name(registry),
        unit: indicator.map_or(&NO_UNIT, |i| &i.unit),
        domain: plan.domains.get(t.domain).map_or("", |d| d.name.as_str()),
        attribute: t.attribute,
        kind: t.rule.kind(),
        target: &t.text,
        section: &t.section,
        item: &t.item,
        deadline: t.deadline,
        value: year.and_then(|y| series.get(&y).copied()),
        baseline: series.get(&b).copied(),
        baseline_from_plan: from_plan,
        status,
        grade,
        reason: verdict.reason,
        warning,
        in_scope: counted,
        fails,
        history,
        series: if o.history { series.between(i32::MIN, year.unwrap_or(i32::MAX)).to_vec() } else { Vec::new() },
        mark: if o.history && t.rule.is_threshold() {
            mark(&t.rule, series.get(&b).copied(), o.tolerance)
        } else {
            None
        },
        baseline_year: b,
        at: &t.at,
        value_at: match (o.locate, t.indicator, year) {
            (true, Some(id), Some(y)) => data.locate(region, id, y),
            _ => None,
        },
    }
}

/// The bureau's word for a verdict.
fn grade(v: &Verdict, t: &Target, year: Option<i32>) -> Grade {
    match v.status {
        Status::Met if t.rule.is_threshold() && year.is_some_and(|y| y < t.deadline) => Grade::AchievedEarly,
        Status::Met => Grade::Achieved,
        Status::NoData => Grade::NoData,
        Status::NotAssessed => Grade::NotAssessed,
        _ if v.near => Grade::NearlyAchieved,
        _ => Grade::Short,
    }
}
