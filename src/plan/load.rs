//! Reads indicator registry files and plan files (TOML) into the model. Syntax errors, unknown keys, missing
//! fields, unknown indicators, domains and rule kinds all become located diagnostics (file:line:column from
//! `toml::Spanned`); loading goes on past each one so that a run reports them all.

use super::model::*;
use crate::diag::{Diagnostic, Diagnostics, Hint, IoFault, LineIndex, Location, Message};
use crate::indicator::{Indicator, Registry, Unit};
use crate::rule::{Decline, Kind, RelativeMode, Rule};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use toml::Spanned;

/// Where plans come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanSource {
    /// The ten plans built into the binary.
    Embedded,
    /// One embedded plan by id, read alone (every command that names a plan needs no other).
    EmbeddedOne(String),
    /// Every `*.toml` in a folder, with its `indicators/` registry files beside the embedded ones.
    Dir(PathBuf),
    /// Plan files named one by one (and the embedded plans, for lookups by id).
    Files(Vec<PathBuf>),
}

/// The registry and the plans read with it.
#[derive(Debug, Default)]
pub struct Catalog {
    pub registry: Registry,
    pub plans: Vec<Plan>,
}

impl Catalog {
    /// A plan by id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.meta.id == id)
    }
}

/// Reads the registry and the plans of `source`; problems go to `diags`.
pub fn load_catalog(source: &PlanSource, diags: &mut Diagnostics) -> Catalog {
    let mut indicator_files: Vec<(String, String)> =
        super::embedded::INDICATOR_FILES.iter().map(|(name, text)| (name.to_string(), text.to_string())).collect();
    let mut plan_files: Vec<(String, String)> = Vec::new();
    match source {
        PlanSource::Embedded => {
            plan_files = embedded_plans();
        }
        PlanSource::EmbeddedOne(id) => {
            let name = format!("plans/{id}.toml");
            plan_files = embedded_plans().into_iter().filter(|(n, _)| *n == name).collect();
        }
        PlanSource::Dir(dir) => {
            indicator_files.extend(read_toml_dir(&dir.join("indicators"), diags, false));
            plan_files = read_toml_dir(dir, diags, true);
        }
        PlanSource::Files(paths) => {
            for path in paths {
                if let Some(parent) = path.parent() {
                    indicator_files.extend(read_toml_dir(&parent.join("indicators"), diags, false));
                }
                if let Some(text) = read_file(path, diags) {
                    plan_files.push((path.display().to_string(), text));
                }
            }
            let named: Vec<String> = plan_files.iter().map(|(n, _)| n.clone()).collect();
            plan_files.extend(embedded_plans().into_iter().filter(|(n, _)| !named.contains(n)));
        }
    }
    let mut catalog = Catalog::default();
    for (name, text) in &indicator_files {
        read_indicators(name, text, &mut catalog.registry, diags);
    }
    for (name, text) in &plan_files {
        if let Some(plan) = read_plan(name, text, &catalog.registry, diags) {
            if catalog.plan(&plan.meta.id).is_some() {
                if matches!(source, PlanSource::Files(_)) {
                    continue; // a named file shadows the embedded plan of the same id
                }
                let msg = Message::DuplicatePlan { id: plan.meta.id.clone() };
                diags.push(Diagnostic::error(msg).at(plan.meta.at.clone()));
                continue;
            }
            register_names(&plan, &mut catalog.registry);
            catalog.plans.push(plan);
        }
    }
    catalog
}

/// Each target's own `name` becomes a spelling of its indicator that data files may use, unless another
/// indicator already holds it (`lint` warns about that).
fn register_names(plan: &Plan, registry: &mut Registry) {
    for t in &plan.targets {
        if let (Some(name), Some(id)) = (&t.name, t.indicator) {
            let _ = registry.add_alias(id, name);
        }
    }
}

fn embedded_plans() -> Vec<(String, String)> {
    super::embedded::PLAN_FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
}

fn read_file(path: &Path, diags: &mut Diagnostics) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            let msg = Message::UnreadablePlanFile { path: path.display().to_string(), fault: IoFault::from(&e) };
            diags.push(Diagnostic::error(msg));
            None
        }
    }
}

/// The `*.toml` files of a folder, sorted; a missing folder is an error only where it was asked for.
fn read_toml_dir(dir: &Path, diags: &mut Diagnostics, required: bool) -> Vec<(String, String)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            if required {
                let msg = Message::UnreadableFolder { path: dir.display().to_string(), fault: IoFault::from(&e) };
                diags.push(Diagnostic::error(msg));
            }
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| read_file(p, diags).map(|t| (p.display().to_string(), t))).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicatorFile {
    #[serde(default)]
    indicator: Vec<Spanned<RawIndicator>>,
}

#[derive(Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    name: String,
    unit: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Reads one registry file into `registry`.
pub fn read_indicators(name: &str, text: &str, registry: &mut Registry, diags: &mut Diagnostics) {
    let file: Arc<str> = name.into();
    diags.add_source(file.clone(), Arc::new(text.to_string()));
    let raw: RawIndicatorFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return diags.push(toml_error(&file, text, &e)),
    };
    let lines = LineIndex::new(text);
    for spanned in raw.indicator {
        let at = lines.location(file.clone(), text, spanned.span());
        let ind = spanned.into_inner();
        if !is_kebab(&ind.id) {
            diags.push(Diagnostic::error(Message::BadIndicatorId { id: ind.id.clone() }).at(at.clone()));
        }
        let indicator = Indicator { id: ind.id, name: ind.name, aliases: ind.aliases, unit: Unit::parse(&ind.unit) };
        if let Err(taken) = registry.add(indicator.clone()) {
            if *registry.get(taken) != indicator {
                let other = registry.get(taken);
                let msg = Message::IndicatorClash {
                    id: indicator.id.clone(),
                    other: other.id.clone(),
                    other_name: other.name.clone(),
                };
                diags.push(Diagnostic::error(msg).at(at));
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanFile {
    plan: RawMeta,
    #[serde(default)]
    domains: Vec<Spanned<RawDomain>>,
    #[serde(default)]
    baselines: Vec<Spanned<RawBaseline>>,
    #[serde(default)]
    targets: Vec<Spanned<RawTarget>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    kind: PlanKind,
    title: String,
    region: String,
    authority: String,
    document_number: Option<String>,
    issued: Option<String>,
    period: Spanned<[i32; 2]>,
    baseline_year: i32,
    target_year: Spanned<i32>,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    id: String,
    name: String,
    section: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    indicator: Spanned<String>,
    year: i32,
    value: Spanned<String>,
    quote: String,
    section: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    id: Spanned<String>,
    domain: Spanned<String>,
    section: String,
    item: String,
    source: TargetSource,
    text: Spanned<String>,
    indicator: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    attribute: Attribute,
    deadline: Option<Spanned<i32>>,
    rule: Spanned<RawRule>,
    reading: Option<String>,
    reading_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    kind: Spanned<String>,
    value: Option<Spanned<String>>,
    low: Option<Spanned<String>>,
    high: Option<Spanned<String>>,
    tolerance: Option<Spanned<String>>,
    per_year: Option<Spanned<String>>,
    percent: Option<Spanned<String>>,
    threshold: Option<Spanned<String>>,
    basic: Option<bool>,
    first: Option<Spanned<String>>,
    second: Option<Spanned<String>>,
    reference: Option<Spanned<String>>,
    mode: Option<Spanned<String>>,
    measure: Option<Spanned<String>>,
}

/// Turns a TOML error into a located diagnostic.
fn toml_error(file: &Arc<str>, text: &str, e: &toml::de::Error) -> Diagnostic {
    let d = Diagnostic::error(Message::BadToml { detail: e.message().trim().to_string() });
    match e.span() {
        Some(span) => d.at(Location::in_text(file.clone(), text, span)),
        None => d.at(Location::new(file.clone(), 1, 1)),
    }
}

/// What converting raw fields needs at hand.
struct Ctx<'a> {
    file: Arc<str>,
    text: &'a str,
    lines: LineIndex,
    registry: &'a Registry,
    diags: &'a mut Diagnostics,
}

impl Ctx<'_> {
    fn at(&self, span: std::ops::Range<usize>) -> Location {
        self.lines.location(self.file.clone(), self.text, span)
    }

    fn error(&mut self, span: std::ops::Range<usize>, message: Message, label: Option<Hint>) {
        let at = self.at(span);
        self.diags.push(Diagnostic::error(message).at(at).maybe_label(label));
    }

    fn number(&mut self, field: &Spanned<String>) -> Option<Decimal> {
        match Decimal::from_str(field.get_ref().trim()) {
            Ok(x) => Some(x),
            Err(_) => {
                let msg = Message::NotADecimal { text: field.get_ref().clone() };
                self.error(field.span(), msg, Some(Hint::WriteNumberAsString));
                None
            }
        }
    }

    fn required(
        &mut self,
        field: &Option<Spanned<String>>,
        name: &'static str,
        kind: &Spanned<String>,
    ) -> Option<Decimal> {
        match field {
            Some(f) => self.number(f),
            None => {
                let msg = Message::RuleNeeds { kind: kind.get_ref().clone(), field: name };
                self.error(kind.span(), msg, Some(Hint::AddField { field: name }));
                None
            }
        }
    }

    fn optional(&mut self, field: &Option<Spanned<String>>) -> Option<Decimal> {
        field.as_ref().and_then(|f| self.number(f))
    }

    fn indicator(&mut self, name: &Spanned<String>) -> Option<crate::indicator::IndicatorId> {
        let found = self.registry.lookup(name.get_ref());
        if found.is_none() {
            let all = self.registry.iter().map(|(id, _)| id);
            let hint = match self.registry.suggest(name.get_ref(), all) {
                Some(s) => Hint::DidYouMean { name: s.to_string() },
                None => Hint::AddToRegistry,
            };
            let msg = Message::UnknownPlanIndicator { name: name.get_ref().clone() };
            self.error(name.span(), msg, Some(hint));
        }
        found
    }
}

/// Reads one plan file; `None` when it is not a plan at all. Problems are reported to `diags`, and a target with
/// a problem is left out of the plan.
pub fn read_plan(name: &str, text: &str, registry: &Registry, diags: &mut Diagnostics) -> Option<Plan> {
    let file: Arc<str> = name.into();
    diags.add_source(file.clone(), Arc::new(text.to_string()));
    let raw: RawPlanFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(toml_error(&file, text, &e));
            return None;
        }
    };
    let mut cx = Ctx { file, text, lines: LineIndex::new(text), registry, diags };
    let meta = convert_meta(&mut cx, raw.plan);
    let domains: Vec<Domain> = raw
        .domains
        .into_iter()
        .map(|d| {
            let at = cx.at(d.span());
            let d = d.into_inner();
            Domain { id: d.id, name: d.name, section: d.section, at }
        })
        .collect();
    let baselines = raw.baselines.into_iter().filter_map(|b| convert_baseline(&mut cx, b.into_inner())).collect();
    let targets = raw.targets.into_iter().filter_map(|t| convert_target(&mut cx, t, &meta, &domains)).collect();
    // A target that could not be read was reported and is left out; the rest still goes to validation, so that
    // one run reports everything.
    Some(Plan { meta, domains, baselines, targets, file: name.to_string() })
}

fn convert_meta(cx: &mut Ctx, m: RawMeta) -> PlanMeta {
    let [start, end] = *m.period.get_ref();
    if start > end {
        cx.error(m.period.span(), Message::PeriodBackwards { start, end }, None);
    }
    let target_year = *m.target_year.get_ref();
    if !(start..=end).contains(&target_year) {
        cx.error(m.target_year.span(), Message::TargetYearOutside { year: target_year, start, end }, None);
    }
    PlanMeta {
        at: cx.at(m.id.span()),
        id: m.id.into_inner(),
        kind: m.kind,
        title: m.title,
        region: m.region,
        authority: m.authority,
        document_number: m.document_number,
        issued: m.issued,
        period: (start, end),
        baseline_year: m.baseline_year,
        target_year,
        source: m.source,
    }
}

fn convert_baseline(cx: &mut Ctx, b: RawBaseline) -> Option<Baseline> {
    let indicator = cx.indicator(&b.indicator);
    let value = cx.number(&b.value);
    Some(Baseline { indicator: indicator?, year: b.year, value: value?, quote: b.quote, section: b.section })
}

fn convert_target(cx: &mut Ctx, spanned: Spanned<RawTarget>, meta: &PlanMeta, domains: &[Domain]) -> Option<Target> {
    let t = spanned.into_inner();
    let at = cx.at(t.id.span());
    let domain = domains.iter().position(|d| d.id == *t.domain.get_ref());
    if domain.is_none() {
        let domains = domains.iter().map(|d| d.id.clone()).collect();
        let msg = Message::UnknownDomain { target: t.id.get_ref().clone(), domain: t.domain.get_ref().clone() };
        cx.error(t.domain.span(), msg, Some(Hint::KnownDomains { domains }));
    }
    let indicator = t.indicator.as_ref().and_then(|name| cx.indicator(name));
    let rule = convert_rule(cx, &t.rule);
    if let (Some(rule), None) = (&rule, &t.indicator) {
        if rule.kind() != Kind::Qualitative {
            let msg = Message::RuleWithoutIndicator { target: t.id.get_ref().clone(), kind: rule.kind().as_str() };
            cx.error(t.id.span(), msg, Some(Hint::AddField { field: "indicator" }));
        }
    }
    let deadline = match &t.deadline {
        Some(d) => {
            let (start, end) = meta.period;
            if !(start..=end).contains(d.get_ref()) {
                cx.error(d.span(), Message::DeadlineOutside { deadline: *d.get_ref(), start, end }, None);
            }
            *d.get_ref()
        }
        None => meta.target_year,
    };
    if t.indicator.is_some() && indicator.is_none() {
        return None;
    }
    Some(Target {
        id: t.id.into_inner(),
        domain: domain?,
        section: t.section,
        item: t.item,
        source: t.source,
        text_at: cx.at(t.text.span()),
        text: t.text.into_inner(),
        indicator,
        name: t.name.map(Spanned::into_inner).filter(|n| !n.trim().is_empty()),
        attribute: t.attribute,
        deadline,
        rule: rule?,
        reading: t.reading,
        reading_en: t.reading_en,
        at,
    })
}

fn convert_rule(cx: &mut Ctx, spanned: &Spanned<RawRule>) -> Option<Rule> {
    let r = spanned.get_ref();
    let Some(kind) = Kind::parse(r.kind.get_ref()) else {
        let msg = Message::UnknownKind { word: r.kind.get_ref().clone() };
        let label = match closest_kind(r.kind.get_ref()) {
            Some(best) => Hint::DidYouMean { name: best.as_str().to_string() },
            None => Hint::Kinds { kinds: Kind::all().map(|k| k.as_str().to_string()).collect() },
        };
        cx.error(r.kind.span(), msg, Some(label));
        return None;
    };
    let k = &r.kind;
    Some(match kind {
        Kind::Min => Rule::Min(cx.required(&r.value, "value", k)?),
        Kind::Max => Rule::Max(cx.required(&r.value, "value", k)?),
        Kind::Gt => Rule::Gt(cx.required(&r.value, "value", k)?),
        Kind::Lt => Rule::Lt(cx.required(&r.value, "value", k)?),
        Kind::Eq => Rule::Eq(cx.required(&r.value, "value", k)?),
        Kind::Approx => {
            let value = cx.required(&r.value, "value", k);
            Rule::Approx { value: value?, tolerance: cx.optional(&r.tolerance) }
        }
        Kind::Range => {
            let low = cx.required(&r.low, "low", k);
            let high = cx.required(&r.high, "high", k);
            Rule::Range { low: low?, high: high? }
        }
        Kind::Increase => Rule::Increase,
        Kind::IncreaseYearly => Rule::IncreaseYearly,
        Kind::Decrease => Rule::Decrease,
        Kind::DecreaseBy => match (&r.per_year, &r.percent) {
            (Some(p), None) => Rule::DecreaseBy(Decline::PerYear(cx.number(p)?)),
            (None, Some(p)) => Rule::DecreaseBy(Decline::Percent(cx.number(p)?)),
            _ => {
                cx.error(k.span(), Message::DecreaseByForms, None);
                return None;
            }
        },
        Kind::Maintain => {
            let low = cx.optional(&r.low);
            Rule::Maintain { low, high: cx.optional(&r.high) }
        }
        Kind::Relative => {
            let Some(reference) = &r.reference else {
                let msg = Message::RuleNeeds { kind: "relative".into(), field: "reference" };
                cx.error(k.span(), msg, Some(Hint::AddField { field: "reference" }));
                return None;
            };
            let reference = cx.indicator(reference);
            let mode = match r.mode.as_ref().map(|m| m.get_ref().as_str()) {
                None | Some("at_least") => RelativeMode::AtLeast,
                Some("match") => RelativeMode::Match,
                Some(other) => {
                    let span = r.mode.as_ref().map_or(k.span(), |m| m.span());
                    cx.error(span, Message::UnknownMode { mode: other.to_string() }, Some(Hint::Modes));
                    return None;
                }
            };
            Rule::Relative { reference: reference?, mode, tolerance: cx.optional(&r.tolerance) }
        }
        Kind::Balance => {
            let low = cx.optional(&r.low).unwrap_or(Decimal::from(103));
            Rule::Balance { low, high: cx.optional(&r.high).unwrap_or(Decimal::from(107)) }
        }
        Kind::Ratio => {
            let first = cx.required(&r.first, "first", k);
            let second = cx.required(&r.second, "second", k);
            if first.is_some_and(|f| f <= Decimal::ZERO) {
                cx.error(k.span(), Message::RatioFirstPositive, None);
                return None;
            }
            Rule::Ratio { first: first?, second: second? }
        }
        Kind::Eliminate => {
            let basic = r.basic.unwrap_or(false);
            let default = if basic { BASIC_ELIMINATION } else { Decimal::ZERO };
            Rule::Eliminate { threshold: cx.optional(&r.threshold).unwrap_or(default), basic }
        }
        Kind::SlowRise => Rule::SlowRise,
        Kind::GapNarrow => {
            let Some(reference) = &r.reference else {
                let msg = Message::RuleNeeds { kind: "gap_narrow".into(), field: "reference" };
                cx.error(k.span(), msg, Some(Hint::AddField { field: "reference" }));
                return None;
            };
            Rule::GapNarrow { reference: cx.indicator(reference)? }
        }
        Kind::RegionalGap => Rule::RegionalGap { measure: measure(cx, r.measure.as_ref(), k)? },
        Kind::Qualitative => Rule::Qualitative,
    })
}

/// The `measure` of a `regional_gap` rule: required, since the plan's words do not say how a spread is measured.
fn measure(cx: &mut Ctx, field: Option<&Spanned<String>>, kind: &Spanned<String>) -> Option<crate::rule::Measure> {
    let Some(field) = field else {
        let msg = Message::RuleNeeds { kind: kind.get_ref().clone(), field: "measure" };
        cx.error(kind.span(), msg, Some(Hint::AddField { field: "measure" }));
        return None;
    };
    let found = field.get_ref().parse().ok();
    if found.is_none() {
        cx.error(field.span(), Message::UnknownMeasure { measure: field.get_ref().clone() }, Some(Hint::Measures));
    }
    found
}

/// The kind a misspelt word most likely means: only a close one (`incrase` → increase), never a guess.
fn closest_kind(word: &str) -> Option<Kind> {
    let score = |k: &Kind| strsim::jaro_winkler(k.as_str(), word);
    Kind::all().filter(|k| score(k) >= 0.85).max_by(|a, b| score(a).total_cmp(&score(b)))
}

/// 基本消除 with no stated threshold: at most 1 (in the indicator's unit; 1 % for a rate).
pub const BASIC_ELIMINATION: Decimal = Decimal::ONE;

/// kebab-case ASCII: lowercase letters, digits and single dashes.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
