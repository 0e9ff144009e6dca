//! Every word the drafter says, in both languages side by side: errors, the readings it marks in the plans it
//! writes (those are written in Chinese, the reviewers' language, and shown in either in the summary), the
//! summary, and the comparison with a reviewed plan.

use crate::tr;
use crate::words::{pick, Lang, Say};

/// One thing the drafter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftMsg {
    // --- errors
    TooLarge {
        file: String,
        limit: u64,
    },
    NotText {
        file: String,
        bad: crate::dataset::text::BadBytes,
    },
    BadDocx {
        file: String,
        why: String,
    },
    Unreadable {
        file: String,
        why: String,
    },
    NoPlan {
        file: String,
    },
    BadPrefix {
        prefix: String,
    },
    NoPlanOfKind {
        file: String,
        women: bool,
    },

    // --- readings: what was assumed, for a reviewer
    ReadPeriodAssumed,
    ReadAuthorityAssumed {
        authority: String,
    },
    ReadMergedItem {
        item: String,
    },
    ReadMergedAttribute {
        attribute: String,
    },
    ReadSubjectCarried {
        subject: String,
    },
    ReadSplit {
        names: String,
    },
    ReadCloseName {
        registry: String,
    },
    ReadNewIndicator {
        unit: String,
    },
    ReadUnitGuessed {
        unit: String,
    },
    ReadYearCarried {
        year: i32,
    },
    ReadValuesShared {
        value: String,
    },
    ReadEqFromHundred,
    ReadRangeLower {
        low: String,
        high: String,
    },
    ReadGapPair {
        first: String,
        second: String,
    },
    ReadReference {
        reference: String,
    },
    ReadEliminateDefault,

    // --- the files written
    PlanFileHeader {
        title: String,
        source: String,
    },
    IndicatorFileHeader {
        prefix: String,
    },

    // --- summary
    Drafted {
        plan: String,
        title: String,
        targets: usize,
    },
    KindCount {
        kind: String,
        count: usize,
    },
    ReadingsCount {
        count: usize,
    },
    ReadingLine {
        target: String,
        readings: Vec<DraftMsg>,
    },
    UnreadCount {
        count: usize,
    },
    UnreadLine {
        section: String,
        item: String,
        text: String,
    },
    NewIndicators {
        count: usize,
    },
    Wrote {
        path: String,
    },

    // --- comparison with a reviewed plan
    CompareHeader {
        draft: String,
        reviewed: String,
    },
    CompareMissing {
        id: String,
        text: String,
    },
    CompareWrong {
        id: String,
        draft: String,
        what: String,
        theirs: String,
        ours: String,
    },
    CompareExtra {
        id: String,
        text: String,
    },
    CompareFigures {
        right: usize,
        quantified: usize,
        found: usize,
        qualitative: usize,
        spurious: usize,
        drafted: usize,
    },
}

impl Say for DraftMsg {
    fn say(&self, lang: Lang) -> String {
        self.error(lang)
            .or_else(|| self.reading(lang))
            .or_else(|| self.summary(lang))
            .unwrap_or_else(|| self.compare(lang))
    }
}

impl DraftMsg {
    /// The text in `lang` (the [`Say`] trait's method, callable without importing it).
    pub fn text(&self, lang: Lang) -> String {
        self.say(lang)
    }

    fn error(&self, lang: Lang) -> Option<String> {
        use DraftMsg::*;
        Some(match self {
            TooLarge { file, limit } => {
                let mb = limit >> 20;
                tr!(lang, "{file} 超过 {mb} MB，不予读取", "{file} is larger than {mb} MB and is not read")
            }
            NotText { file, bad } => super::diagnostics::bad_bytes(file, bad, lang),
            BadDocx { file, why } => {
                tr!(lang, "{file} 不是有效的 .docx 文件：{why}", "{file} is not a valid .docx file: {why}")
            }
            Unreadable { file, why } => tr!(lang, "无法读取 {file}：{why}", "cannot read {file}: {why}"),
            NoPlan { file } => tr!(
                lang,
                "{file} 中没有找到妇女或儿童发展规划的标题",
                "{file} holds no title of a women's or children's development plan"
            ),
            BadPrefix { prefix } => tr!(
                lang,
                "--id-prefix {prefix:?} 须为小写 ASCII 的 kebab-case（如 xinyu）",
                "--id-prefix {prefix:?} must be lowercase ASCII kebab-case (e.g. xinyu)"
            ),
            NoPlanOfKind { file, women } => {
                let kind = if *women { pick(lang, "妇女", "women's") } else { pick(lang, "儿童", "children's") };
                tr!(lang, "{file} 中没有与之对应的{kind}规划", "{file} holds no {kind} plan to compare with")
            }
            _ => return None,
        })
    }

    fn reading(&self, lang: Lang) -> Option<String> {
        use DraftMsg::*;
        Some(match self {
            ReadPeriodAssumed => {
                tr!(lang, "标题未写明规划期，按2021—2030年", "the title gives no period: read as 2021–2030")
            }
            ReadAuthorityAssumed { authority } => tr!(
                lang,
                "文件未写明发文机关，按地区推定为{authority}",
                "the document names no issuing authority: assumed to be {authority}"
            ),
            ReadMergedItem { item } => tr!(
                lang,
                "序号为合并单元格，按上一行的序号{item}",
                "the item number is a merged cell: read as the row above's, {item}"
            ),
            ReadMergedAttribute { attribute } => tr!(
                lang,
                "指标属性为空或合并单元格，按本序号首行的{attribute}",
                "the attribute cell is empty or merged: read as the item's first row, {attribute}"
            ),
            ReadSubjectCarried { subject } => tr!(
                lang,
                "本分句未写明指标，沿用前一分句的“{subject}”",
                "the clause names no quantity: carried over from the clause before, {subject}"
            ),
            ReadSplit { names } => tr!(
                lang,
                "一句列出几个分别统计的指标，拆为：{names}",
                "one phrase names several separately measured quantities, split into: {names}"
            ),
            ReadCloseName { registry } => tr!(
                lang,
                "文件用词与指标库的“{registry}”相近，按同一指标",
                "the document's words are close to the registry's {registry}: read as that indicator"
            ),
            ReadNewIndicator { unit } => tr!(
                lang,
                "指标库中没有此指标，新建（单位：{unit}）",
                "no such indicator in the registry: a new one (unit: {unit})"
            ),
            ReadUnitGuessed { unit } => tr!(
                lang,
                "文件未写单位，按指标名推定为{unit}",
                "the document gives no unit: {unit} assumed from the name"
            ),
            ReadYearCarried { year } => tr!(
                lang,
                "期限沿用本句前文的{year}年",
                "the deadline {year} is carried over from earlier in the sentence"
            ),
            ReadValuesShared { value } => {
                tr!(lang, "几个指标共用一个目标值{value}", "several quantities share one target value, {value}")
            }
            ReadEqFromHundred => {
                tr!(lang, "目标值100%按“等于100”", "a target of 100 % is read as equal to 100")
            }
            ReadRangeLower { low, high } => tr!(
                lang,
                "目标为区间{low}—{high}，按其下限",
                "the target is a span {low}–{high}: read as its lower bound"
            ),
            ReadGapPair { first, second } => {
                tr!(lang, "差距按“{first}”与“{second}”两个指标比较", "the gap is read between {first} and {second}")
            }
            ReadReference { reference } => {
                tr!(lang, "比较对象按指标“{reference}”", "the reference is read as the indicator {reference}")
            }
            ReadEliminateDefault => tr!(
                lang,
                "“基本消除”未写明阈值，按默认值（1，指标单位）",
                "基本消除 states no threshold: the default of 1 (in the indicator's unit)"
            ),
            _ => return None,
        })
    }

    fn summary(&self, lang: Lang) -> Option<String> {
        use DraftMsg::*;
        Some(match self {
            Drafted { plan, title, targets } => {
                tr!(lang, "{plan}（{title}）：{targets} 个目标", "{plan} ({title}): {targets} targets")
            }
            KindCount { kind, count } => tr!(lang, "  {kind}：{count}", "  {kind}: {count}"),
            ReadingsCount { count } => {
                tr!(lang, "  待复核的解读：{count} 处", "  readings to review: {count}")
            }
            ReadingLine { target, readings } => {
                let texts: Vec<String> = readings.iter().map(|r| r.say(lang)).collect();
                let reading = texts.join(crate::words::pick(lang, "；", "; "));
                tr!(lang, "    {target}：{reading}", "    {target}: {reading}")
            }
            UnreadCount { count } => {
                tr!(lang, "  未能读懂的分句：{count} 处", "  clauses it could not read: {count}")
            }
            UnreadLine { section, item, text } => {
                tr!(lang, "    {section} 第{item}项：{text}", "    {section} item {item}: {text}")
            }
            NewIndicators { count } => {
                tr!(lang, "新建指标：{count} 个", "new indicators: {count}")
            }
            Wrote { path } => tr!(lang, "已写入 {path}", "wrote {path}"),
            PlanFileHeader { title, source } => tr!(
                lang,
                "# {title}：由 `plancheck draft` 从 {source} 起草。\n# 每处不确定的解读都标有 `reading = ...`：逐一复核后运行 `plancheck lint`。",
                "# {title}: drafted by `plancheck draft` from {source}.\n# Every uncertain reading is marked `reading = ...`: review them, then run `plancheck lint`."
            ),
            IndicatorFileHeader { prefix } => tr!(
                lang,
                "# `plancheck draft` 在指标库中没有找到的指标，按文件原文命名。\n# 编号为 `{prefix}-` 加名称的散列值：复核时改为有意义的英文编号，\n# 或在与 plans/indicators/common.toml 中指标相同时改用其编号。",
                "# Indicators that `plancheck draft` found in no registry file, named in the document's words.\n# Ids are `{prefix}-` and a hash of the name; give each a descriptive id when reviewing, or\n# replace it by an indicator of plans/indicators/common.toml where it is the same quantity."
            ),
            _ => return None,
        })
    }

    fn compare(&self, lang: Lang) -> String {
        use DraftMsg::*;
        match self {
            CompareHeader { draft, reviewed } => {
                tr!(lang, "草稿 {draft} 与已复核的 {reviewed} 对照：", "draft {draft} against reviewed {reviewed}:")
            }
            CompareMissing { id, text } => {
                tr!(lang, "  缺少  {id}：{text}", "  missing  {id}: {text}")
            }
            CompareWrong { id, draft, what, theirs, ours } => {
                let what = match what.as_str() {
                    "indicator" => pick(lang, "指标", "indicator"),
                    "kind" => pick(lang, "规则", "kind"),
                    "value" => pick(lang, "目标值", "value"),
                    _ => pick(lang, "期限", "deadline"),
                };
                tr!(
                lang,
                "  不同  {id} ↔ {draft}：{what} 复核为 {theirs}，草稿为 {ours}",
                "  differs  {id} ↔ {draft}: {what} reviewed {theirs}, drafted {ours}"
                )
            }
            CompareExtra { id, text } => tr!(lang, "  多出  {id}：{text}", "  extra  {id}: {text}"),
            CompareFigures { right, quantified, found, qualitative, spurious, drafted } => tr!(
                lang,
                "定量目标正确 {right}/{quantified}，定性目标找到 {found}/{qualitative}，多出 {spurious}/{drafted}",
                "quantified right {right}/{quantified}, qualitative found {found}/{qualitative}, spurious {spurious}/{drafted}"
            ),
            other => format!("{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_speaks_both_languages() {
        let all = [
            DraftMsg::NoPlan { file: "a".into() },
            DraftMsg::ReadSubjectCarried { subject: "x".into() },
            DraftMsg::UnreadCount { count: 1 },
            DraftMsg::CompareExtra { id: "a".into(), text: "b".into() },
        ];
        for m in all {
            assert_ne!(m.text(Lang::Zh), m.text(Lang::En), "{m:?}");
            assert!(!m.text(Lang::Zh).contains("Draft"), "{m:?}");
        }
    }
}
