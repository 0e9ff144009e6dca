//! Reads plan files (TOML) into the model, with the registry files ([`super::indicators`]) that name their
//! indicators. Syntax errors, unknown and missing keys ([`super::keys`]), unknown indicators, domains and rule
//! kinds all become located diagnostics (file:line:column from `toml::Spanned`); loading goes on past each one so
//! that a run reports them all.

use super::keys;
use super::model::*;
use crate::diag::{Diagnostic, Diagnostics, Hint, IoFault, LineIndex, Location, Message};
use crate::indicator::Registry;
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

/// Reads the registry and the plans of `source`; problems go to `diags`. The embedded registry is always read
/// first; then the `indicators/` folder of `--plans-dir DIR`, or the one beside each plan file named (each folder
/// once), whose entries may extend embedded indicators (see [`super::indicators`]).
pub fn load_catalog(source: &PlanSource, diags: &mut Diagnostics) -> Catalog {
    let mut indicator_files: Vec<(String, String)> =
        super::embedded::INDICATOR_FILES.iter().map(|(name, text)| (name.to_string(), text.to_string())).collect();
    let mut folders: Vec<PathBuf> = Vec::new();
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
            folders.push(dir.join("indicators"));
            plan_files = read_toml_dir(dir, diags, true);
        }
        PlanSource::Files(paths) => {
            for path in paths {
                let beside = path.parent().map(|p| p.join("indicators"));
                folders.extend(beside.filter(|f| !folders.contains(f)));
                if let Some(text) = read_file(path, diags) {
                    plan_files.push((path.display().to_string(), text));
                }
            }
            let named: Vec<String> = plan_files.iter().map(|(n, _)| n.clone()).collect();
            plan_files.extend(embedded_plans().into_iter().filter(|(n, _)| !named.contains(n)));
        }
    }
    for folder in &folders {
        // A copy of an embedded file (the project's own plans/ given as a folder) adds nothing.
        let own = read_toml_dir(folder, diags, false);
        let is_copy = |text: &str| super::embedded::INDICATOR_FILES.iter().any(|(_, t)| *t == text);
        indicator_files.extend(own.into_iter().filter(|(_, text)| !is_copy(text)));
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
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.push(Diagnostic::error(Message::UnreadablePlanFile { path: name, fault: IoFault::from(&e) }));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text)),
        Err(e) => {
            // TOML is UTF-8; Notepad's "ANSI" on Chinese Windows is GBK: say so, at the first byte that is not UTF-8.
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let lines = LineIndex::of_bytes(bytes);
            let start = lines.line_start(bad);
            let col = String::from_utf8_lossy(bytes.get(start..bad).unwrap_or_default()).chars().count() as u32 + 1;
            let gbk = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).is_some();
            let at = Location::new(name.as_str().into(), lines.line(bad), col);
            diags.push(Diagnostic::error(Message::PlanNotUtf8 { path: name, gbk }).at(at));
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

pub use super::indicators::read_indicators;

// Every key is optional here: the key check ([`super::keys`]) has reported each missing one, and an entry that
// lacks one is left out without a second message. Unknown keys are likewise the key check's to report.

#[derive(Deserialize)]
struct RawPlanFile {
    plan: Option<RawMeta>,
    #[serde(default)]
    domains: Vec<Spanned<RawDomain>>,
    #[serde(default)]
    baselines: Vec<Spanned<RawBaseline>>,
    #[serde(default)]
    targets: Vec<Spanned<RawTarget>>,
}

#[derive(Deserialize)]
struct RawMeta {
    id: Option<Spanned<String>>,
    kind: Option<PlanKind>,
    title: Option<String>,
    region: Option<String>,
    authority: Option<String>,
    document_number: Option<String>,
    issued: Option<String>,
    period: Option<Spanned<[i32; 2]>>,
    baseline_year: Option<i32>,
    target_year: Option<Spanned<i32>>,
    source: Option<String>,
}

#[derive(Deserialize)]
struct RawDomain {
    id: Option<String>,
    name: Option<String>,
    section: Option<String>,
}

#[derive(Deserialize)]
struct RawBaseline {
    indicator: Option<Spanned<String>>,
    year: Option<i32>,
    value: Option<Spanned<String>>,
    quote: Option<String>,
    section: Option<String>,
}

#[derive(Deserialize)]
struct RawTarget {
    id: Option<Spanned<String>>,
    domain: Option<Spanned<String>>,
    section: Option<String>,
    item: Option<String>,
    source: Option<TargetSource>,
    text: Option<Spanned<String>>,
    indicator: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    attribute: Attribute,
    deadline: Option<Spanned<i32>>,
    rule: Option<Spanned<RawRule>>,
    reading: Option<String>,
    reading_en: Option<String>,
}

#[derive(Deserialize)]
struct RawRule {
    kind: Option<Spanned<String>>,
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
pub fn toml_error(file: &Arc<str>, text: &str, e: &toml::de::Error) -> Diagnostic {
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
                let msg = Message::NotADecimal { text: crate::dataset::value::shorten(field.get_ref()) };
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
                let msg = Message::RuleNeeds { kind: crate::dataset::value::shorten(kind.get_ref()), field: name };
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
            let msg = Message::UnknownPlanIndicator { name: crate::dataset::value::shorten(name.get_ref()) };
            self.error(name.span(), msg, Some(hint));
        }
        found
    }
}

/// Reads one plan file; `None` when it is not a complete plan. Problems are reported to `diags`: every missing
/// or unknown key first, then what the values say; a target with a problem is left out of the plan, and the rest
/// is still read, so that one run reports everything.
pub fn read_plan(name: &str, text: &str, registry: &Registry, diags: &mut Diagnostics) -> Option<Plan> {
    let file: Arc<str> = name.into();
    diags.add_source(file.clone(), Arc::new(text.to_string()));
    let tree: Spanned<keys::Node> = match toml::from_str(text) {
        Ok(tree) => tree,
        Err(e) => {
            diags.push(toml_error(&file, text, &e));
            return None;
        }
    };
    let mut cx = Ctx { file, text, lines: LineIndex::new(text), registry, diags };
    let key_problems = keys::check(&tree, &keys::PLAN_FILE, text);
    let complete = key_problems.is_empty();
    for (span, message, hint) in key_problems {
        cx.error(span, message, hint);
    }
    let raw: RawPlanFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            cx.diags.push(toml_error(&cx.file, text, &e));
            return None;
        }
    };
    let frame = Frame::of(raw.plan.as_ref());
    let meta = raw.plan.and_then(|m| convert_meta(&mut cx, m));
    let domains: Vec<Domain> = raw.domains.into_iter().filter_map(|d| convert_domain(&mut cx, d)).collect();
    let baselines = raw.baselines.into_iter().filter_map(|b| convert_baseline(&mut cx, b.into_inner())).collect();
    let targets = raw.targets.into_iter().filter_map(|t| convert_target(&mut cx, t, &frame, &domains)).collect();
    let meta = meta.filter(|_| complete)?;
    Some(Plan { meta, domains, baselines, targets, file: name.to_string() })
}

/// What a target's conversion needs of its plan, even when the plan's metadata is incomplete.
struct Frame {
    plan: Option<String>,
    period: Option<(i32, i32)>,
    target_year: Option<i32>,
}

impl Frame {
    fn of(meta: Option<&RawMeta>) -> Frame {
        Frame {
            plan: meta.and_then(|m| m.id.as_ref()).map(|id| id.get_ref().clone()),
            period: meta.and_then(|m| m.period.as_ref()).map(|p| (p.get_ref()[0], p.get_ref()[1])),
            target_year: meta.and_then(|m| m.target_year.as_ref()).map(|y| *y.get_ref()),
        }
    }
}

fn convert_meta(cx: &mut Ctx, m: RawMeta) -> Option<PlanMeta> {
    if let Some(period) = &m.period {
        let [start, end] = *period.get_ref();
        if start > end {
            cx.error(period.span(), Message::PeriodBackwards { start, end }, None);
        }
        if let Some(year) = &m.target_year {
            let target_year = *year.get_ref();
            if !(start..=end).contains(&target_year) {
                cx.error(year.span(), Message::TargetYearOutside { year: target_year, start, end }, None);
            }
        }
    }
    let id = m.id?;
    let [start, end] = *m.period?.get_ref();
    Some(PlanMeta {
        at: cx.at(id.span()),
        id: id.into_inner(),
        kind: m.kind?,
        title: m.title?,
        region: m.region?,
        authority: m.authority?,
        document_number: m.document_number,
        issued: m.issued,
        period: (start, end),
        baseline_year: m.baseline_year?,
        target_year: m.target_year?.into_inner(),
        source: m.source?,
    })
}

/// A domain with an id is kept even without its name (reported), so that its targets are not reported again.
fn convert_domain(cx: &mut Ctx, d: Spanned<RawDomain>) -> Option<Domain> {
    let at = cx.at(d.span());
    let d = d.into_inner();
    Some(Domain { id: d.id?, name: d.name.unwrap_or_default(), section: d.section, at })
}

fn convert_baseline(cx: &mut Ctx, b: RawBaseline) -> Option<Baseline> {
    let indicator = b.indicator.as_ref().and_then(|name| cx.indicator(name));
    let value = b.value.as_ref().and_then(|v| cx.number(v));
    Some(Baseline { indicator: indicator?, year: b.year?, value: value?, quote: b.quote?, section: b.section })
}

fn convert_target(cx: &mut Ctx, spanned: Spanned<RawTarget>, frame: &Frame, domains: &[Domain]) -> Option<Target> {
    let entry = spanned.span();
    let t = spanned.into_inner();
    let target_id = t.id.as_ref().map_or_else(String::new, |id| crate::dataset::value::shorten(id.get_ref()));
    let domain = t.domain.as_ref().and_then(|d| {
        let found = domains.iter().position(|x| x.id == *d.get_ref());
        if found.is_none() {
            let known = domains.iter().map(|x| x.id.clone()).collect();
            let msg = Message::UnknownDomain {
                target: target_id.clone(),
                domain: crate::dataset::value::shorten(d.get_ref()),
            };
            cx.error(d.span(), msg, Some(Hint::KnownDomains { domains: known }));
        }
        found
    });
    let indicator = t.indicator.as_ref().and_then(|name| cx.indicator(name));
    let rule = t.rule.as_ref().and_then(|r| convert_rule(cx, r));
    if let (Some(rule), None) = (&rule, &t.indicator) {
        if rule.kind() != Kind::Qualitative {
            let span = t.id.as_ref().map_or(entry.clone(), |id| id.span());
            let msg = Message::RuleWithoutIndicator { target: target_id.clone(), kind: rule.kind().as_str() };
            cx.error(span, msg, Some(Hint::AddField { field: "indicator" }));
        }
    }
    let deadline = match (&t.deadline, frame.period) {
        (Some(d), Some((start, end))) if !(start..=end).contains(d.get_ref()) => {
            cx.error(d.span(), Message::DeadlineOutside { deadline: *d.get_ref(), start, end }, None);
            Some(*d.get_ref())
        }
        (Some(d), _) => Some(*d.get_ref()),
        (None, _) => frame.target_year,
    };
    if t.indicator.is_some() && indicator.is_none() {
        return None;
    }
    // Without its own name, a target shows the name a registry file gives its indicator in this plan.
    let declared = indicator.zip(frame.plan.as_deref()).and_then(|(id, plan)| cx.registry.plan_name(id, plan));
    let name = t.name.map(Spanned::into_inner).filter(|n| !n.trim().is_empty()).or(declared.map(str::to_string));
    let (id, text) = (t.id?, t.text?);
    Some(Target {
        at: cx.at(id.span()),
        id: id.into_inner(),
        domain: domain?,
        section: t.section?,
        item: t.item.unwrap_or_default(),
        source: t.source?,
        text_at: cx.at(text.span()),
        text: text.into_inner(),
        indicator,
        name,
        attribute: t.attribute,
        deadline: deadline?,
        rule: rule?,
        reading: t.reading,
        reading_en: t.reading_en,
    })
}

fn convert_rule(cx: &mut Ctx, spanned: &Spanned<RawRule>) -> Option<Rule> {
    let r = spanned.get_ref();
    let k = r.kind.as_ref()?; // a rule without its kind was reported by the key check
    let Some(kind) = Kind::parse(k.get_ref()) else {
        let msg = Message::UnknownKind { word: crate::dataset::value::shorten(k.get_ref()) };
        let label = match closest_kind(k.get_ref()) {
            Some(best) => Hint::DidYouMean { name: best.as_str().to_string() },
            None => Hint::Kinds { kinds: Kind::all().map(|k| k.as_str().to_string()).collect() },
        };
        cx.error(k.span(), msg, Some(label));
        return None;
    };
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
            let (low, high) = BALANCE_BAND;
            Rule::Balance { low: cx.optional(&r.low).unwrap_or(low), high: cx.optional(&r.high).unwrap_or(high) }
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

/// The normal band of 出生人口性别比 a `balance` rule takes when it states none: 103–107 boys per 100 girls.
pub const BALANCE_BAND: (Decimal, Decimal) =
    (Decimal::from_parts(103, 0, 0, false, 0), Decimal::from_parts(107, 0, 0, false, 0));

/// kebab-case ASCII: lowercase letters, digits and single dashes.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
