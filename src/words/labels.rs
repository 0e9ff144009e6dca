//! Fixed words: statuses, grades, attributes, stages, scopes, and every column header and label of the outputs.
//! Each is one `match` arm with its Chinese and its English word.

use super::Lang;
use crate::eval::{FailOn, Grade, Stage};
use crate::plan::{Attribute, TargetSource};
use crate::rule::Status;

/// A fixed word in either language.
pub trait Word {
    fn word(self, lang: Lang) -> &'static str;
}

fn w(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    super::pick(lang, zh, en)
}

impl Word for Status {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Status::Met => w(lang, "达标", "met"),
            Status::OnTrack => w(lang, "进度正常", "on track"),
            Status::OffTrack => w(lang, "进度滞后", "off track"),
            Status::Unmet => w(lang, "未达标", "unmet"),
            Status::NoData => w(lang, "无数据", "no data"),
            Status::NotAssessed => w(lang, "不评估", "not assessed"),
        }
    }
}

impl Word for Grade {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Grade::Achieved => w(lang, "已实现", "achieved"),
            Grade::AchievedEarly => w(lang, "提前实现", "achieved early"),
            Grade::NearlyAchieved => w(lang, "基本实现", "nearly achieved"),
            Grade::Short => w(lang, "仍有差距", "short"),
            Grade::NoData => w(lang, "无数据", "no data"),
            Grade::NotAssessed => w(lang, "不评估", "not assessed"),
        }
    }
}

impl Word for Attribute {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Attribute::Binding => w(lang, "约束性", "binding"),
            Attribute::Expected => w(lang, "预期性", "expected"),
            Attribute::Unspecified => w(lang, "未标注", "unspecified"),
        }
    }
}

impl Word for Stage {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Stage::Annual => w(lang, "年度监测", "annual monitoring"),
            Stage::Midterm => w(lang, "中期评估", "mid-term evaluation"),
            Stage::Final => w(lang, "终期评估", "final evaluation"),
        }
    }
}

impl Word for FailOn {
    /// The scope as the flag spells it: the same in both languages.
    fn word(self, _lang: Lang) -> &'static str {
        self.into()
    }
}

impl FailOn {
    /// What the scope covers, in words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            FailOn::Auto => w(
                lang,
                "自动（有约束性标注取约束性目标，否则取量化目标）",
                "auto (binding targets where marked, else quantified ones)",
            ),
            FailOn::Binding => w(lang, "约束性目标", "binding targets"),
            FailOn::Quantified => w(lang, "量化目标", "quantified targets"),
            FailOn::All => w(lang, "全部可评估目标", "every assessable target"),
            FailOn::None => w(lang, "不设检查", "none"),
        }
    }
}

/// A column of the template `template` writes: each word is one `check` reads back in that role (a test in
/// `dataset::layout` holds them to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateColumn {
    Region,
    Domain,
    Indicator,
    Name,
    Unit,
    Target,
    Attribute,
    Year,
    Value,
}

impl TemplateColumn {
    pub const ALL: [TemplateColumn; 9] = [
        TemplateColumn::Region,
        TemplateColumn::Domain,
        TemplateColumn::Indicator,
        TemplateColumn::Name,
        TemplateColumn::Unit,
        TemplateColumn::Target,
        TemplateColumn::Attribute,
        TemplateColumn::Year,
        TemplateColumn::Value,
    ];
}

impl Word for TemplateColumn {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            TemplateColumn::Region => w(lang, "地区", "region"),
            TemplateColumn::Domain => w(lang, "领域", "domain"),
            TemplateColumn::Indicator => w(lang, "指标编号", "indicator"),
            TemplateColumn::Name => w(lang, "名称", "name"),
            TemplateColumn::Unit => w(lang, "单位", "unit"),
            TemplateColumn::Target => w(lang, "目标", "target"),
            TemplateColumn::Attribute => w(lang, "属性", "attribute"),
            TemplateColumn::Year => w(lang, "年份", "year"),
            TemplateColumn::Value => w(lang, "数值", "value"),
        }
    }
}

impl Word for TargetSource {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            TargetSource::Table => w(lang, "指标表", "indicator table"),
            TargetSource::Main => w(lang, "主要目标", "main targets"),
            TargetSource::Measures => w(lang, "策略措施", "measures"),
            TargetSource::Overview => w(lang, "总目标", "overall targets"),
            TargetSource::Report => w(lang, "报告引述", "quoted by a report"),
            TargetSource::Other => w(lang, "其他引述", "quoted elsewhere"),
        }
    }
}

/// Column headers and short labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Domain,
    Indicator,
    Target,
    Attribute,
    Baseline,
    Value,
    Status,
    Grade,
    Reason,
    Warning,
    Where,
    Course,
    /// `where`/`位置` as a label of `explain`.
    WhereLower,
    /// `indicator`/`指标` as a label of `explain`.
    IndicatorLower,
    /// `attribute`/`属性` as a label of `explain`.
    AttributeLower,
    Region,
    Plan,
    Id,
    Period,
    Targets,
    ByAttribute,
    ByKind,
    Kind,
    Year,
    EvaluationYear,
    BaselineYear,
    Data,
    Deadline,
    Text,
    Rule,
    Verdict,
    StatedBaseline,
    Reading,
    /// 达标率 with 无数据 in the denominator.
    RateCounty,
    /// 达标率 over the targets with data.
    RateNational,
    /// The same, in an index column.
    RateCountyShort,
    RateNationalShort,
    /// The status word of a threshold target at its baseline year.
    AtBaseline,
    /// The mark of a target that fails the check.
    Failing,
    /// `* 基线值取自规划文本`: the footnote of a baseline the plan states.
    PlanBaselineNote,
    /// The plan marks no 约束性/预期性.
    NoAttributesStated,
    /// `预警：` before a warning.
    WarningPrefix,
    /// 目标 before a chart's target level.
    ChartTarget,
    /// 目标区间 before a chart's target band.
    ChartBand,
    /// An indicator's registry name, as a header.
    Name,
    /// The names plans give an indicator.
    NamesByPlan,
    Aliases,
    Unit,
    /// The targets that use an indicator.
    UsedBy,
    /// Where an indicator is defined.
    DefinedIn,
    /// The targets that compare with an indicator.
    ComparedBy,
    /// The embedded registry, after the file that is part of it.
    EmbeddedRegistry,
    /// An indicator's name as one plan shows it.
    NameInPlan,
    /// `explain`: what happens without a baseline value.
    WithoutBaseline,
    /// `explain`: the 基本实现 margin in force.
    NearMargin,
    /// `explain`: the 左右 / 相适应 tolerance in force.
    ToleranceInForce,
    /// A workbook's column of the targets reached (已实现, 提前实现, 基本实现).
    Reached,
    /// A workbook's column of the assessable targets.
    Assessable,
    /// A workbook's column of the assessable targets with a value.
    WithData,
    /// A workbook's column of the targets that fail the check.
    Failures,
    /// Where a baseline comes from.
    BaselineFrom,
    /// A column heading of a workbook: the target's id.
    IdHeading,
    /// A column heading of a workbook: the indicator's unit.
    UnitHeading,
    /// A baseline the plan states.
    FromPlan,
    /// A baseline read from the data.
    FromData,
}

impl Word for Label {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Label::Domain => w(lang, "领域", "Domain"),
            Label::Indicator => w(lang, "指标", "Indicator"),
            Label::Target => w(lang, "目标", "Target"),
            Label::Attribute => w(lang, "属性", "Attribute"),
            Label::Baseline => w(lang, "基线", "Baseline"),
            Label::Value => w(lang, "当年值", "Value"),
            Label::Status => w(lang, "状态", "Status"),
            Label::Grade => w(lang, "评价", "Grade"),
            Label::Reason => w(lang, "说明", "Reason"),
            Label::Warning => w(lang, "预警", "Warning"),
            Label::Where => w(lang, "位置", "Where"),
            Label::WhereLower => w(lang, "位置", "where"),
            Label::Course => w(lang, "历年", "Course"),
            Label::IndicatorLower => w(lang, "指标", "indicator"),
            Label::AttributeLower => w(lang, "属性", "attribute"),
            Label::Region => w(lang, "地区", "Region"),
            Label::Plan => w(lang, "规划", "Plan"),
            Label::Id => w(lang, "编号", "id"),
            Label::Period => w(lang, "规划期", "period"),
            Label::Targets => w(lang, "目标数", "targets"),
            Label::ByAttribute => w(lang, "按属性", "by attribute"),
            Label::ByKind => w(lang, "按规则类型", "by kind"),
            Label::Kind => w(lang, "规则类型", "kind"),
            Label::Year => w(lang, "年份", "Year"),
            Label::EvaluationYear => w(lang, "评估年份", "Year"),
            Label::BaselineYear => w(lang, "基线年份", "Baseline year"),
            Label::Data => w(lang, "数据", "Data"),
            Label::Deadline => w(lang, "期限", "deadline"),
            Label::Text => w(lang, "原文", "text"),
            Label::Rule => w(lang, "规则", "rule"),
            Label::Verdict => w(lang, "判定", "verdict"),
            Label::StatedBaseline => w(lang, "规划基线", "stated baseline"),
            Label::Reading => w(lang, "解读", "reading"),
            Label::RateCounty => w(lang, "达标率（含无数据，县级口径）", "reached, no data counted (county practice)"),
            Label::RateNational => {
                w(lang, "达标率（有数据指标，国家口径）", "reached, targets with data (national practice)")
            }
            Label::RateCountyShort => w(lang, "达标率（县级口径）", "Reached (county)"),
            Label::RateNationalShort => w(lang, "达标率（国家口径）", "Reached (national)"),
            Label::AtBaseline => w(lang, "基线年", "baseline year"),
            Label::Failing => w(lang, "✗ 不通过", "✗ failing"),
            Label::PlanBaselineNote => w(lang, "* 基线值取自规划文本", "* baseline as the plan itself states it"),
            Label::NoAttributesStated => {
                w(lang, "本规划未标注约束性/预期性。", "This plan marks no target binding or expected.")
            }
            Label::WarningPrefix => w(lang, "预警：", "warning: "),
            Label::ChartTarget => w(lang, "目标", "target"),
            Label::ChartBand => w(lang, "目标区间", "target band"),
            Label::Name => w(lang, "名称", "name"),
            Label::NamesByPlan => w(lang, "各规划中的名称", "names by plan"),
            Label::Aliases => w(lang, "别名", "aliases"),
            Label::Unit => w(lang, "单位", "unit"),
            Label::UsedBy => w(lang, "使用的目标", "used by"),
            Label::DefinedIn => w(lang, "定义于", "defined in"),
            Label::ComparedBy => w(lang, "作为参照", "compared with by"),
            Label::EmbeddedRegistry => w(lang, "内置指标库", "embedded registry"),
            Label::NameInPlan => w(lang, "规划中的名称", "name in the plan"),
            Label::WithoutBaseline => w(lang, "无基线时", "without a baseline"),
            Label::NearMargin => w(lang, "基本实现", "nearly achieved"),
            Label::ToleranceInForce => w(lang, "容差", "tolerance"),
            Label::Reached => w(lang, "达标数", "Reached"),
            Label::Assessable => w(lang, "可评估目标数", "Assessable"),
            Label::WithData => w(lang, "有数据目标数", "With data"),
            Label::Failures => w(lang, "不通过", "Failing"),
            Label::BaselineFrom => w(lang, "基线来源", "Baseline from"),
            Label::IdHeading => w(lang, "编号", "ID"),
            Label::UnitHeading => w(lang, "单位", "Unit"),
            Label::FromPlan => w(lang, "规划文本", "plan text"),
            Label::FromData => w(lang, "数据", "data"),
        }
    }
}
