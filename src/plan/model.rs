//! The plan model: metadata, domains, plan-stated baselines and targets, as evaluation sees them. Every number
//! is an exact decimal and every indicator an [`IndicatorId`]; raw TOML never reaches past `load`.

use crate::diag::Location;
use crate::indicator::{IndicatorId, Registry};
use crate::rule::Rule;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Women's or children's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    Women,
    Children,
}

/// 约束性 / 预期性, or nothing where the plan does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// 约束性.
    Binding,
    /// 预期性.
    Expected,
    /// The plan states no attribute for this target.
    #[default]
    Unspecified,
}

impl Attribute {
    pub fn as_str(self) -> &'static str {
        match self {
            Attribute::Binding => "binding",
            Attribute::Expected => "expected",
            Attribute::Unspecified => "unspecified",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Attribute::Binding => "约束性",
            Attribute::Expected => "预期性",
            Attribute::Unspecified => "未标注",
        }
    }
}

/// Where a target's words come from: a part of the plan document, or a text that quotes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TargetSource {
    /// A row of an indicator table (专栏).
    Table,
    /// A numbered 主要目标 item.
    Main,
    /// A 策略措施 / 重点任务 sentence with a hard number.
    Measures,
    /// The plan's overall targets (总目标).
    Overview,
    /// A monitoring or evaluation report that quotes the target (统计监测报告, 中期/终期评估报告).
    Report,
    /// Any other text that quotes the target (a notice, a press release, an interpretation).
    Other,
}

impl TargetSource {
    /// The word of the TOML.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The plan's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMeta {
    pub id: String,
    pub kind: PlanKind,
    pub title: String,
    pub region: String,
    pub authority: String,
    pub document_number: Option<String>,
    /// Date of the issuing notice, where the document gives one.
    pub issued: Option<String>,
    pub period: (i32, i32),
    pub baseline_year: i32,
    pub target_year: i32,
    /// The document the plan is encoded from: any name that finds it (a file name, a title, an address).
    pub source: String,
    /// Where the plan's id is written in its file.
    pub at: Location,
}

/// A domain (妇女与健康, 儿童与教育, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub section: Option<String>,
    /// Where the domain is written in its plan file.
    pub at: Location,
}

/// A figure the document itself states for a year (usually the baseline year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub indicator: IndicatorId,
    pub year: i32,
    pub value: Decimal,
    pub quote: String,
    /// Where the quote stands, where the plan file says.
    pub section: Option<String>,
}

/// One checkable statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Unique within the plan (`health-3a`).
    pub id: String,
    /// Index into [`Plan::domains`].
    pub domain: usize,
    pub section: String,
    /// The item number as printed; empty where the document numbers none.
    pub item: String,
    pub source: TargetSource,
    /// The plan's words, verbatim.
    pub text: String,
    /// None only for qualitative targets.
    pub indicator: Option<IndicatorId>,
    /// The indicator's name as this plan writes it, where it differs from the registry's name.
    pub name: Option<String>,
    pub attribute: Attribute,
    /// The year by which it must hold.
    pub deadline: i32,
    pub rule: Rule,
    /// The reading chosen where the wording is unclear, in Chinese.
    pub reading: Option<String>,
    /// The same reading in English.
    pub reading_en: Option<String>,
    /// Where the target is written in its plan file (its `id`).
    pub at: Location,
    /// Where its `text` is written.
    pub text_at: Location,
}

impl Target {
    /// The name every output shows for this target: its own `name`, else its indicator's, else (qualitative) its
    /// text.
    pub fn shown_name<'a>(&'a self, registry: &'a Registry) -> &'a str {
        match (&self.name, self.indicator) {
            (Some(name), _) => name,
            (None, Some(id)) => &registry.get(id).name,
            (None, None) => &self.text,
        }
    }

    /// The reading in the output's language: English falls back to the Chinese reading.
    pub fn reading_in(&self, english: bool) -> Option<&str> {
        match english {
            true => self.reading_en.as_deref().or(self.reading.as_deref()),
            false => self.reading.as_deref(),
        }
    }
}

/// One plan, ready to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub meta: PlanMeta,
    pub domains: Vec<Domain>,
    pub baselines: Vec<Baseline>,
    pub targets: Vec<Target>,
    /// The file it was read from.
    pub file: String,
}

impl Plan {
    /// Does the plan state 约束性/预期性 for any target?
    pub fn states_attributes(&self) -> bool {
        self.targets.iter().any(|t| t.attribute != Attribute::Unspecified)
    }

    /// Every indicator the plan reads: targets', references', baselines'.
    pub fn indicators(&self) -> Vec<IndicatorId> {
        let mut ids: Vec<IndicatorId> = self
            .targets
            .iter()
            .flat_map(|t| t.indicator.into_iter().chain(t.rule.reference()))
            .chain(self.baselines.iter().map(|b| b.indicator))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// An indicator's name as this plan writes it: the shown name of the plan's first target on it, else the name
    /// a registry file gives it for this plan; for an indicator the plan only compares with (a `relative` or `gap_narrow` reference), the longest of its names
    /// that a referring target's text contains; else the registry's name.
    pub fn indicator_name<'a>(&'a self, id: IndicatorId, registry: &'a Registry) -> &'a str {
        if let Some(t) = self.targets.iter().find(|t| t.indicator == Some(id)) {
            return t.shown_name(registry);
        }
        if let Some(name) = registry.plan_name(id, &self.meta.id) {
            return name;
        }
        let ind = registry.get(id);
        let names = || std::iter::once(&ind.name).chain(&ind.aliases);
        let in_text = self.targets.iter().filter(|t| t.rule.reference() == Some(id)).find_map(|t| {
            let text = crate::indicator::normalize_name(&t.text);
            names().filter(|n| text.contains(&crate::indicator::normalize_name(n))).max_by_key(|n| n.chars().count())
        });
        in_text.map_or(&ind.name, |n| n.as_str())
    }

    /// The value the plan states for an indicator in a year.
    pub fn stated(&self, indicator: IndicatorId, year: i32) -> Option<Decimal> {
        self.baselines.iter().find(|b| b.indicator == indicator && b.year == year).map(|b| b.value)
    }
}
