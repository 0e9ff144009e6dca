//! The sentences of the drafted monitoring report (监测报告), in the statistics bureaus' style: the opening, the
//! totals (在可监测的N项量化指标中……), a paragraph per domain, the warnings and the closing table's headers. Every
//! number is data handed in from the verdicts; nothing here computes one.

use super::{Lang, Say, Word};
use crate::eval::Stage;
use crate::indicator::Unit;
use crate::rule::show;
use crate::tr;
use rust_decimal::Decimal;

/// The report's title.
pub struct Title<'a> {
    pub region: Option<&'a str>,
    pub title: &'a str,
    pub stage: Stage,
    pub year: &'a str,
    /// For a batch: how many regions.
    pub regions: usize,
}

impl Say for Title<'_> {
    fn say(&self, lang: Lang) -> String {
        let Title { region, title, stage, year, regions } = self;
        let stage = stage.word(lang);
        match region {
            Some(r) => tr!(lang, "{r}《{title}》实施情况{stage}报告（{year}年）", "{title}: {stage} of {r}, {year}"),
            None => tr!(
                lang,
                "《{title}》实施情况{stage}汇总报告（{regions}个地区，{year}年）",
                "{title}: {stage} of {regions} regions, {year}"
            ),
        }
    }
}

/// The opening paragraph: what was evaluated, on which data, against which plan.
pub struct Opening<'a> {
    /// The region, or for a batch the regions' names joined.
    pub regions: &'a str,
    pub count: usize,
    pub title: &'a str,
    pub authority: &'a str,
    pub document_number: Option<&'a str>,
    pub stage: Stage,
    pub year: &'a str,
    pub baseline_year: i32,
    pub data: &'a str,
}

impl Say for Opening<'_> {
    fn say(&self, lang: Lang) -> String {
        let Opening { regions, count, title, authority, document_number, stage, year, baseline_year: b, data } = self;
        let stage = stage.word(lang);
        let number = document_number.map(|n| tr!(lang, "（{n}）", " ({n})")).unwrap_or_default();
        let who = if *count > 1 {
            tr!(lang, "{count}个地区（{regions}）", "{count} regions ({regions})")
        } else {
            regions.to_string()
        };
        tr!(
            lang,
            "本报告依据{data}的监测数据，对照{authority}印发的《{title}》{number}所列主要目标，对{who}{year}年的实施情况进行{stage}，基线年份为{b}年。",
            "This report is a {stage} of {who} in {year} against the main targets of {title}, issued by {authority}{number}, on the monitoring data in {data}; the baseline year is {b}."
        )
    }
}

/// The totals, in the bureaus' sentence.
pub struct Totals {
    /// Quantified (assessable) targets, or target × region counts for a batch.
    pub assessable: usize,
    /// 已实现 + 提前实现.
    pub achieved: usize,
    /// 基本实现.
    pub nearly: usize,
    /// The 达标率 over every assessable target, or None without any data.
    pub rate: Option<Decimal>,
    pub no_data: usize,
    pub with_data: usize,
    pub rate_with_data: Option<Decimal>,
    pub qualitative: usize,
    pub warned: usize,
    /// Counted as target × region (项次), for a batch.
    pub times: bool,
}

impl Say for Totals {
    fn say(&self, lang: Lang) -> String {
        let Totals {
            assessable: n, achieved: m, nearly: k, no_data: j, with_data: w, qualitative: q, warned: e, ..
        } = *self;
        let item = if self.times { super::pick(lang, "项次", "") } else { super::pick(lang, "项", "") };
        let what = if self.times { "quantified target × region pairs" } else { "quantified targets" };
        let rate = match self.rate {
            Some(x) => tr!(lang, "达标率{x}%", "{x}% reached"),
            None => tr!(lang, "达标率无法计算（均无数据）", "no rate (no data at all)"),
        };
        let mut out = tr!(
            lang,
            "在可监测的{n}{item}量化指标中，{m}{item}已实现或提前实现，{k}{item}基本实现，{rate}（{n}{item}中无数据{j}{item}）。",
            "Of the {n} {what} that can be monitored, {m} are achieved or achieved early and {k} nearly achieved: {rate} ({j} of the {n} without data)."
        );
        if let Some(z) = self.rate_with_data {
            out.push_str(&tr!(lang, "按有数据的{w}{item}计，达标率{z}%。", " Over the {w} with data, {z}% reached."));
        }
        if q > 0 && !self.times {
            out.push_str(&tr!(lang, "另有{q}项定性目标，不作量化评估。", " {q} qualitative targets are not assessed."));
        }
        out.push_str(&tr!(lang, "出现预警的{e}{item}。", " {e} carry an early warning."));
        out
    }
}

/// The ordinal of a domain paragraph: （一）, （二）, … / 1., 2., …
pub fn ordinal(i: usize, lang: Lang) -> String {
    const NUMERALS: [&str; 12] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
    match lang {
        Lang::Zh => format!("（{}）", NUMERALS.get(i).copied().unwrap_or("…")),
        Lang::En => format!("{}. ", i + 1),
    }
}

/// The grade groups of a domain paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Early,
    Achieved,
    Nearly,
    Short,
}

impl Say for Group {
    fn say(&self, lang: Lang) -> String {
        match self {
            Group::Early => tr!(lang, "提前实现的有", "Achieved early:"),
            Group::Achieved => tr!(lang, "已实现的有", "Achieved:"),
            Group::Nearly => tr!(lang, "基本实现的有", "Nearly achieved:"),
            Group::Short => tr!(lang, "仍有差距的有", "Still short:"),
        }
    }
}

/// A number with its unit as the reports write it: `94.1%`, `9.5/10万`, `78.5岁`.
pub fn with_unit(v: Decimal, unit: &Unit) -> String {
    match unit {
        // 8.8/10万, not 8.81/10万.
        Unit::PerHundredThousand => format!("{}/10万", show(v)),
        unit if unit_free(unit) => show(v),
        unit => format!("{}{unit}", show(v)),
    }
}

/// A unit not written after a number: none, a ratio, or a base such as 女=100 (the sex ratio at birth).
fn unit_free(unit: &Unit) -> bool {
    match unit {
        Unit::None | Unit::Ratio => true,
        Unit::Other(word) => word.contains('='),
        Unit::Percent | Unit::Permille | Unit::PerHundredThousand => false,
    }
}

/// A difference in the unit's own words: 个百分点 for a rate in %, 个千分点 in ‰.
fn points(d: Decimal, unit: &Unit, lang: Lang) -> String {
    let d = show(d);
    match unit {
        Unit::Percent => tr!(lang, "{d}个百分点", "{d} percentage points"),
        Unit::Permille => tr!(lang, "{d}个千分点", "{d} per-mille points"),
        Unit::PerHundredThousand => tr!(lang, "{d}/10万", "{d} per 100,000"),
        unit if unit_free(unit) => d,
        unit => tr!(lang, "{d}{unit}", "{d} {unit}"),
    }
}

/// One target in a domain paragraph: its value, target, shortfall and change on the year before.
pub struct Item<'a> {
    pub name: &'a str,
    pub value: Option<Decimal>,
    pub unit: &'a Unit,
    pub target: &'a str,
    /// How far a threshold target falls short.
    pub gap: Option<Decimal>,
    /// v(Y) − v(Y−1).
    pub change: Option<Decimal>,
}

impl Say for Item<'_> {
    fn say(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(v) = self.value {
            parts.push(with_unit(v, self.unit));
        }
        let target = self.target;
        parts.push(tr!(lang, "目标“{target}”", "target “{target}”"));
        if let Some(g) = self.gap {
            let g = points(g, self.unit, lang);
            parts.push(tr!(lang, "差{g}", "{g} short"));
        }
        if let Some(c) = self.change {
            parts.push(change(c, self.unit, lang));
        }
        let name = self.name;
        let sep = super::pick(lang, "，", ", ");
        let parts = parts.join(sep);
        tr!(lang, "{name}（{parts}）", "{name} ({parts})")
    }
}

/// The change on the year before: 比上年提高0.8个百分点 / 比上年下降0.3 / 与上年持平.
fn change(c: Decimal, unit: &Unit, lang: Lang) -> String {
    if c.is_zero() {
        return tr!(lang, "与上年持平", "unchanged on the year before");
    }
    let by = points(c.abs(), unit, lang);
    if c.is_sign_positive() {
        tr!(lang, "比上年提高{by}", "up {by} on the year before")
    } else {
        tr!(lang, "比上年下降{by}", "down {by} on the year before")
    }
}

/// The end of a domain paragraph: how many targets have no data.
pub struct NoDataCount(pub usize);

impl Say for NoDataCount {
    fn say(&self, lang: Lang) -> String {
        let n = self.0;
        tr!(lang, "无数据的{n}项。", "{n} without data.")
    }
}

/// A batch's domain paragraph groups: targets every region reached, some, none.
pub enum Reach<'a> {
    All(&'a [String]),
    Some(&'a [(String, usize)]),
    None(&'a [String]),
    NoData(usize),
}

impl Say for Reach<'_> {
    fn say(&self, lang: Lang) -> String {
        let join = |items: &[String]| items.join(super::pick(lang, "、", ", "));
        match self {
            Reach::All(items) => {
                let items = join(items);
                tr!(lang, "各地区均已达标的有{items}", "Reached in every region: {items}")
            }
            Reach::Some(items) => {
                let items: Vec<String> =
                    items.iter().map(|(name, n)| tr!(lang, "{name}（{n}个地区）", "{name} ({n} regions)")).collect();
                let items = join(&items);
                tr!(lang, "部分地区达标的有{items}", "Reached in some regions: {items}")
            }
            Reach::None(items) => {
                let items = join(items);
                tr!(lang, "各地区均未达标的有{items}", "Reached in no region: {items}")
            }
            Reach::NoData(n) => tr!(lang, "各地区均无数据的{n}项", "{n} without data in every region"),
        }
    }
}

/// The batch's 达标率 by region, highest first.
pub struct RatesByRegion<'a>(pub &'a [(String, Option<Decimal>)]);

impl Say for RatesByRegion<'_> {
    fn say(&self, lang: Lang) -> String {
        let items: Vec<String> = self
            .0
            .iter()
            .map(|(region, rate)| match rate {
                Some(x) => tr!(lang, "{region}{x}%", "{region} {x}%"),
                None => tr!(lang, "{region}无数据", "{region} no data"),
            })
            .collect();
        let items = items.join(super::pick(lang, "、", ", "));
        tr!(lang, "各地区达标率由高到低依次为：{items}。", "By region, highest first: {items}.")
    }
}

/// A target by its indicator and its words, in a batch's lists: 孕产妇死亡率“<8”.
pub struct Named<'a> {
    pub name: &'a str,
    pub target: &'a str,
}

impl Say for Named<'_> {
    fn say(&self, lang: Lang) -> String {
        let Named { name, target } = self;
        tr!(lang, "{name}“{target}”", "{name} “{target}”")
    }
}

/// A warning in the report's list: the target, then what the warning says.
pub struct Warned<'a> {
    pub name: &'a str,
    pub target: &'a str,
    pub text: &'a str,
}

impl Say for Warned<'_> {
    fn say(&self, lang: Lang) -> String {
        let Warned { name, target, text } = self;
        tr!(lang, "{name}（目标“{target}”）：{text}", "{name} (target “{target}”): {text}")
    }
}

/// One region's warning, in a batch's list.
pub struct RegionWarned<'a> {
    pub region: &'a str,
    pub text: &'a str,
}

impl Say for RegionWarned<'_> {
    fn say(&self, lang: Lang) -> String {
        let RegionWarned { region, text } = self;
        tr!(lang, "{region}（{text}）", "{region} ({text})")
    }
}

/// Fixed words of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Overall,
    Domains,
    Warnings,
    NoWarnings,
    Table,
    /// The closing table's column of the change on the year before.
    Change,
}

impl Word for Heading {
    fn word(self, lang: Lang) -> &'static str {
        let w = |zh, en| super::pick(lang, zh, en);
        match self {
            Heading::Overall => w("一、总体情况", "1. Overall"),
            Heading::Domains => w("二、各领域目标实现情况", "2. By domain"),
            Heading::Warnings => w("三、预警指标", "3. Early warnings"),
            Heading::NoWarnings => w("本期未出现预警指标。", "No target carries an early warning."),
            Heading::Table => w("附表：主要指标监测情况", "Table: the quantified targets"),
            Heading::Change => w("比上年", "On the year before"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_totals_read_like_a_bureaus_report() {
        let t = Totals {
            assessable: 54,
            achieved: 40,
            nearly: 4,
            rate: Some(Decimal::new(815, 1)),
            no_data: 3,
            with_data: 51,
            rate_with_data: Some(Decimal::new(863, 1)),
            qualitative: 0,
            warned: 2,
            times: false,
        };
        assert_eq!(
            t.say(Lang::Zh),
            "在可监测的54项量化指标中，40项已实现或提前实现，4项基本实现，达标率81.5%（54项中无数据3项）。按有数据的51项计，达标率86.3%。出现预警的2项。"
        );
    }

    #[test]
    fn an_item_says_its_value_target_gap_and_change() {
        let item = Item {
            name: "适龄妇女宫颈癌人群筛查率",
            value: Some(Decimal::new(599, 1)),
            unit: &Unit::Percent,
            target: "≥70",
            gap: Some(Decimal::new(101, 1)),
            change: Some(Decimal::new(8, 1)),
        };
        assert_eq!(
            item.say(Lang::Zh),
            "适龄妇女宫颈癌人群筛查率（59.9%，目标“≥70”，差10.1个百分点，比上年提高0.8个百分点）"
        );
        assert_eq!(
            item.say(Lang::En),
            "适龄妇女宫颈癌人群筛查率 (59.9%, target “≥70”, 10.1 percentage points short, up 0.8 percentage points on the year before)"
        );
    }
}
