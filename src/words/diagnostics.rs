//! The words of diagnostics: every problem plancheck reports ([`Message`], each with its stable [`Code`]) and
//! every note under an underlined span ([`Hint`]), in Chinese and in English.

use super::{Lang, Say};
use crate::dataset::text::BadBytes;
use crate::dataset::value::ValueError;
use crate::diag::Code;
use crate::tr;

/// A file-system or I/O failure, with the system's own words kept for English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoFault {
    pub kind: std::io::ErrorKind,
    pub text: String,
}

impl From<&std::io::Error> for IoFault {
    fn from(e: &std::io::Error) -> IoFault {
        IoFault { kind: e.kind(), text: e.to_string() }
    }
}

impl Say for IoFault {
    fn say(&self, lang: Lang) -> String {
        use std::io::ErrorKind as K;
        let zh = match self.kind {
            K::NotFound => "文件或文件夹不存在",
            K::PermissionDenied => "没有访问权限",
            K::AlreadyExists => "已经存在",
            K::IsADirectory => "这是文件夹，不是文件",
            K::NotADirectory => "这不是文件夹",
            K::StorageFull => "磁盘已满",
            K::BrokenPipe => "输出已被关闭",
            K::InvalidData => "内容无效",
            K::OutOfMemory => "内存不足",
            _ => "",
        };
        match lang {
            Lang::Zh if !zh.is_empty() => zh.to_string(),
            _ => self.text.clone(),
        }
    }
}

/// One problem, with the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// What the drafter could not do with a document.
    Draft(super::draft::DraftMsg),
    /// A plan or indicator file that is not UTF-8; `gbk` when it reads as GBK/GB18030.
    PlanNotUtf8 {
        path: String,
        gbk: bool,
    },
    // Plan and indicator files.
    BadToml {
        detail: String,
    },
    BadPlanId {
        id: String,
    },
    BadTargetId {
        id: String,
    },
    BadIndicatorId {
        id: String,
    },
    DuplicateTarget {
        id: String,
        plan: String,
    },
    DuplicatePlan {
        id: String,
    },
    EmptyDomain {
        id: String,
        name: String,
        plan: String,
    },
    NumberNotInText {
        target: String,
        number: String,
    },
    NumberNotInRule {
        target: String,
        number: String,
    },
    UnitMismatch {
        target: String,
        written: &'static str,
        indicator: String,
        unit: String,
    },
    /// A target's own `name` is another indicator's name or alias.
    NameTaken {
        target: String,
        name: String,
        other: String,
        other_name: String,
        own: String,
    },
    NotADecimal {
        text: String,
    },
    RuleNeeds {
        kind: String,
        field: &'static str,
    },
    DecreaseByForms,
    RuleWithoutIndicator {
        target: String,
        kind: &'static str,
    },
    UnknownPlanIndicator {
        name: String,
    },
    PeriodBackwards {
        start: i32,
        end: i32,
    },
    TargetYearOutside {
        year: i32,
        start: i32,
        end: i32,
    },
    DeadlineOutside {
        deadline: i32,
        start: i32,
        end: i32,
    },
    UnknownDomain {
        target: String,
        domain: String,
    },
    UnknownKind {
        word: String,
    },
    UnknownMode {
        mode: String,
    },
    /// A `regional_gap` rule's measure is neither `range` nor `cv`.
    UnknownMeasure {
        measure: String,
    },
    RatioFirstPositive,
    UnreadablePlanFile {
        path: String,
        fault: IoFault,
    },
    UnreadableFolder {
        path: String,
        fault: IoFault,
    },
    /// A table of a plan or indicator file lacks a key the format requires.
    MissingKey {
        table: &'static str,
        /// The entry's `id`, where it has one.
        entry: Option<String>,
        key: &'static str,
    },
    /// A key the format does not know.
    UnknownKey {
        table: &'static str,
        key: String,
        suggestion: Option<&'static str>,
        known: Vec<&'static str>,
    },
    /// An indicator defined again with another name or unit than where it was first defined.
    IndicatorRedefined {
        id: String,
        field: &'static str,
        first: String,
        again: String,
        /// Where it was first defined, and whether that is the embedded registry.
        other_file: String,
        embedded: bool,
    },
    /// A new indicator's name or alias, or an alias added to one, is already another indicator's.
    SpellingTaken {
        id: String,
        spelling: String,
        other: String,
        other_name: String,
        other_file: String,
        embedded: bool,
    },
    /// An entry with only `id`, `aliases` and `names` extends an indicator, but none has that id.
    ExtendsUnknownIndicator {
        id: String,
        suggestion: Option<String>,
    },
    /// A new indicator lacks its `name` or `unit`.
    NewIndicatorNeeds {
        id: String,
        key: &'static str,
    },
    /// A bound word of the text (以上, 低于, ...) says another kind than the rule's.
    BoundWord {
        target: String,
        word: &'static str,
        means: &'static str,
        kind: &'static str,
    },
    /// A direction word of the text (提高, 降低, ...) goes the other way from the rule's kind.
    DirectionWord {
        target: String,
        word: &'static str,
        up: bool,
        kind: &'static str,
    },
    // Reading data files.
    UnreadableDataFile {
        file: String,
        fault: IoFault,
    },
    BadEncoding {
        file: String,
        bad: BadBytes,
    },
    SheetIgnored {
        sheet: String,
        file: String,
    },
    UnreadableWorkbook {
        file: String,
        detail: String,
    },
    UnknownSheet {
        file: String,
        sheet: String,
        sheets: Vec<String>,
    },
    NoSheet {
        file: String,
    },
    UnreadableSheet {
        file: String,
        sheet: String,
        detail: String,
    },
    /// Several sheets of a workbook hold a table, and `--sheet` does not say which to read.
    SeveralSheets {
        file: String,
        sheets: Vec<String>,
    },
    /// Sheets that hold something but no header plancheck recognises, not read.
    SheetsNotRead {
        file: String,
        sheets: Vec<String>,
    },
    /// A workbook (or one of its sheets) beyond a documented size limit.
    WorkbookTooLarge {
        file: String,
        sheet: Option<String>,
        limit: crate::dataset::workbook::limits::Limit,
    },
    /// A workbook whose reader stopped on damaged content.
    DamagedWorkbook {
        file: String,
    },
    /// An Excel error value the workbook reader has no name for, so that its cell is not known exactly.
    UnplacedExcelError {
        value: String,
    },
    /// An .xlsb workbook: its cells' number formats are not read.
    FormatsNotRead {
        file: String,
    },
    NoHeaderRow {
        file: String,
    },
    NoDataRows {
        file: String,
    },
    BadCsv {
        detail: String,
    },
    UnclosedQuote {
        lines: Option<(u32, u32)>,
    },
    /// No header among the first rows; `tabs`: the rows were read as tab-separated, else comma-separated.
    BadHeader {
        tabs: bool,
    },
    RowBeforeHeader {
        indicator: String,
    },
    SkippedRow {
        text: String,
    },
    /// A heading, note or total inside the table, skipped.
    StrayRow {
        stray: crate::dataset::rows::Stray,
        text: String,
    },
    /// Columns no value is read from.
    IgnoredColumns {
        columns: Vec<String>,
    },
    /// More region sheets than a workbook is made with.
    BookTooLarge {
        sheets: usize,
        limit: usize,
    },
    /// A `%` indicator whose values all look like fractions of 1.
    LooksLikeFractions {
        name: String,
        largest: rust_decimal::Decimal,
        level: rust_decimal::Decimal,
    },
    /// An Excel `#N/A` cell, read as missing.
    ExcelNotAvailable,
    /// A row with more fields or bytes than a row may have.
    RowTooLarge {
        fields: usize,
        bytes: usize,
        fields_at_most: usize,
        bytes_at_most: usize,
    },
    /// A data file larger than plancheck reads.
    FileTooLarge {
        file: String,
        bytes: u64,
        at_most: u64,
    },
    RaggedRow {
        count: usize,
        width: usize,
    },
    EmptyRegion,
    EmptyIndicator,
    UnknownIndicator {
        name: String,
    },
    YearOutside {
        year: i32,
    },
    EmptyYear,
    NotAYear {
        text: String,
    },
    Value(ValueError),
    DuplicateRow {
        region: String,
        name: String,
        year: i16,
        first_line: u32,
        second_line: u32,
    },
    ConflictingRows {
        region: String,
        name: String,
        year: i16,
        first: String,
        first_line: u32,
        second: String,
        second_line: u32,
    },
    // What a run can judge.
    /// `--region` for data without a region column.
    NoRegionColumn {
        region: String,
        file: String,
    },
    /// The data hold no value of any indicator the plan reads.
    NoValues {
        file: String,
        plan: String,
    },
    /// No region has a value at the evaluation year asked for.
    NoValuesAtYear {
        year: i32,
        file: String,
        years: Vec<i32>,
    },
    /// Regions without a value at the evaluation year, while others have some.
    RegionsWithoutValues {
        year: i32,
        regions: Vec<String>,
        more: usize,
    },
    /// The scope the check used.
    Scope {
        fail_on: crate::eval::FailOn,
        scope: crate::eval::FailOn,
        targets: usize,
    },
    /// A scope asked for that covers no target.
    EmptyScope {
        fail_on: crate::eval::FailOn,
        plan: String,
    },
    // The command line.
    UnknownPlan {
        name: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    UnknownRegion {
        region: String,
        file: String,
        known: Vec<String>,
    },
    NoTargetOn {
        plan: String,
        name: String,
        suggestion: Option<String>,
    },
    /// `indicators show` names no known indicator.
    NoIndicator {
        name: String,
        suggestion: Option<String>,
    },
    BadPercent {
        flag: &'static str,
        text: String,
    },
    BadYears {
        text: String,
    },
    CannotCreateFolder {
        path: String,
        fault: IoFault,
    },
    CannotWrite {
        path: String,
        fault: IoFault,
    },
    /// The output (stdout) could not be written.
    OutputFailed {
        fault: IoFault,
    },
    /// The project file cannot be read.
    UnreadableConfig {
        path: String,
        fault: IoFault,
    },
    /// A workbook asked for on a terminal, without `--out`.
    BinaryToTerminal {
        format: &'static str,
    },
    /// `check` without a plan or data, in flags or the project file.
    MissingFlag {
        flag: &'static str,
    },
    /// A file `init` would overwrite.
    FileExists {
        path: String,
    },
    /// Another run writes into the same folder.
    FolderLocked {
        dir: String,
    },
    /// `--year` with `--stage midterm|final`, which set the year themselves.
    YearWithStage {
        year: i32,
        stage: crate::eval::Stage,
    },
    /// Regions without a value at the year a stage sets (the data stop before it).
    StageYearMissing {
        plan: String,
        stage: crate::eval::Stage,
        year: i32,
        regions: Vec<String>,
    },
    /// Files an earlier run wrote into the output folder that this run did not write again.
    EarlierFiles {
        dir: String,
        files: Vec<String>,
    },
    /// `--keep-going`: regions left out for their rejected rows.
    RegionsSkipped {
        file: String,
        regions: Vec<String>,
        unplaced: usize,
    },
}

impl Message {
    /// The stable code.
    pub fn code(&self) -> Code {
        match self {
            Message::Draft(_) => Code::BadDocument,
            Message::BadToml { .. } => Code::BadToml,
            Message::BadPlanId { .. } | Message::BadTargetId { .. } | Message::BadIndicatorId { .. } => Code::BadId,
            Message::DuplicateTarget { .. } => Code::DuplicateId,
            Message::DuplicatePlan { .. } => Code::DuplicatePlan,
            Message::EmptyDomain { .. } => Code::EmptyDomain,
            Message::NumberNotInText { .. } => Code::NumberNotInText,
            Message::NumberNotInRule { .. } => Code::NumberNotInRule,
            Message::UnitMismatch { .. } => Code::UnitMismatch,
            Message::NameTaken { .. } => Code::NameTaken,
            Message::NotADecimal { .. } | Message::RatioFirstPositive => Code::BadNumber,
            Message::RuleNeeds { .. } | Message::DecreaseByForms | Message::RuleWithoutIndicator { .. } => {
                Code::MissingField
            }
            Message::UnknownPlanIndicator { .. } | Message::EmptyIndicator | Message::UnknownIndicator { .. } => {
                Code::UnknownIndicator
            }
            Message::PeriodBackwards { .. } => Code::BadPeriod,
            Message::TargetYearOutside { .. } | Message::DeadlineOutside { .. } => Code::BadDeadline,
            Message::UnknownDomain { .. } => Code::UnknownDomain,
            Message::UnknownKind { .. } => Code::UnknownKind,
            Message::UnknownMode { .. } | Message::UnknownMeasure { .. } => Code::BadField,
            Message::MissingKey { .. } | Message::NewIndicatorNeeds { .. } => Code::MissingKey,
            Message::UnknownKey { .. } => Code::UnknownKey,
            Message::IndicatorRedefined { .. } | Message::SpellingTaken { .. } => Code::DuplicateIndicator,
            Message::ExtendsUnknownIndicator { .. } => Code::UnknownIndicator,
            Message::BoundWord { .. } | Message::DirectionWord { .. } => Code::WordingMismatch,
            Message::UnreadablePlanFile { .. }
            | Message::UnreadableFolder { .. }
            | Message::UnreadableDataFile { .. }
            | Message::UnreadableWorkbook { .. }
            | Message::UnreadableSheet { .. } => Code::UnreadableFile,
            Message::BadEncoding { .. } | Message::PlanNotUtf8 { .. } => Code::BadEncoding,
            Message::SheetIgnored { .. } => Code::SheetIgnored,
            Message::SeveralSheets { .. } => Code::SeveralSheets,
            Message::SheetsNotRead { .. } => Code::SheetsNotRead,
            Message::WorkbookTooLarge { .. } => Code::WorkbookTooLarge,
            Message::DamagedWorkbook { .. } => Code::UnreadableFile,
            Message::UnplacedExcelError { .. } => Code::BadValue,
            Message::FormatsNotRead { .. } => Code::FormatsNotRead,
            Message::UnknownSheet { .. } => Code::UnknownSheet,
            Message::NoSheet { .. } | Message::NoHeaderRow { .. } => Code::EmptyFile,
            Message::NoDataRows { .. } => Code::NoDataRows,
            Message::BadCsv { .. } => Code::BadCsv,
            Message::UnclosedQuote { .. } => Code::UnclosedQuote,
            Message::BadHeader { .. } => Code::BadHeader,
            Message::RowBeforeHeader { .. } => Code::RowBeforeHeader,
            Message::SkippedRow { .. } | Message::StrayRow { .. } => Code::SkippedRow,
            Message::IgnoredColumns { .. } => Code::IgnoredColumns,
            Message::LooksLikeFractions { .. } => Code::LooksLikeFractions,
            Message::ExcelNotAvailable => Code::NotAvailable,
            Message::RaggedRow { .. } => Code::RaggedRow,
            Message::RowTooLarge { .. } | Message::FileTooLarge { .. } | Message::BookTooLarge { .. } => Code::TooLarge,
            Message::EmptyRegion => Code::EmptyRegion,
            Message::YearOutside { .. } | Message::EmptyYear | Message::NotAYear { .. } => Code::BadYear,
            Message::Value(e) => match e {
                ValueError::NotANumber(_) | ValueError::TooLarge(_) | ValueError::ExcelError(_) => Code::BadValue,
                ValueError::Negative(_) => Code::NegativeValue,
                ValueError::BadUnit { .. } => Code::BadUnit,
            },
            Message::DuplicateRow { .. } => Code::DuplicateRow,
            Message::ConflictingRows { .. } => Code::ConflictingRows,
            Message::NoRegionColumn { .. } => Code::UnknownRegion,
            Message::NoValues { .. } | Message::NoValuesAtYear { .. } => Code::NoValues,
            Message::RegionsWithoutValues { .. } => Code::MissingYear,
            Message::Scope { .. } => Code::Scope,
            Message::EmptyScope { .. } => Code::EmptyScope,
            Message::UnknownPlan { .. } => Code::UnknownPlan,
            Message::UnknownRegion { .. } => Code::UnknownRegion,
            Message::NoTargetOn { .. } => Code::UnknownTarget,
            Message::NoIndicator { .. } => Code::UnknownIndicator,
            Message::BadPercent { .. } | Message::BadYears { .. } => Code::BadFlag,
            Message::CannotCreateFolder { .. }
            | Message::CannotWrite { .. }
            | Message::OutputFailed { .. }
            | Message::FileExists { .. }
            | Message::FolderLocked { .. } => Code::CannotWrite,
            Message::UnreadableConfig { .. } => Code::UnreadableFile,
            Message::MissingFlag { .. } | Message::BinaryToTerminal { .. } => Code::BadFlag,
            Message::YearWithStage { .. } => Code::BadFlag,
            Message::StageYearMissing { .. } => Code::StageYearMissing,
            Message::EarlierFiles { .. } => Code::EarlierFiles,
            Message::RegionsSkipped { .. } => Code::RegionsSkipped,
        }
    }
}

/// A list of names, at most ten of them and how many more: `a、b……等12个`.
fn shown_list(items: &[String], lang: Lang) -> String {
    const SHOWN: usize = 10;
    let shown = list(items.get(..SHOWN.min(items.len())).unwrap_or_default(), lang);
    match items.len().saturating_sub(SHOWN) {
        0 => shown,
        more => tr!(lang, "{shown}……等（另有{more}个）", "{shown} and {more} more"),
    }
}

/// A list as the language writes one: `a、b、c` or `a, b, c`.
pub fn list(items: &[String], lang: Lang) -> String {
    items.join(super::pick(lang, "、", ", "))
}

impl Say for Message {
    fn say(&self, lang: Lang) -> String {
        match self {
            Message::Draft(m) => m.say(lang),
            Message::BadToml { detail } => match lang {
                Lang::Zh => toml_detail_zh(detail),
                Lang::En => detail.clone(),
            },
            Message::BadPlanId { id } => {
                tr!(lang, "规划编号 {id:?} 不是 kebab-case ASCII", "plan id {id:?} is not kebab-case ASCII")
            }
            Message::BadTargetId { id } => {
                tr!(lang, "目标编号 {id:?} 不是 kebab-case ASCII", "target id {id:?} is not kebab-case ASCII")
            }
            Message::BadIndicatorId { id } => {
                tr!(lang, "指标编号 {id:?} 不是 kebab-case ASCII", "indicator id {id:?} is not kebab-case ASCII")
            }
            Message::DuplicateTarget { id, plan } => {
                tr!(lang, "规划 {plan} 中目标编号 {id} 用了两次", "target id {id} is used twice in plan {plan}")
            }
            Message::DuplicatePlan { id } => tr!(lang, "规划 {id} 定义了两次", "plan {id} is defined twice"),
            Message::EmptyDomain { id, name, plan } => {
                tr!(lang, "规划 {plan} 的领域 {id}（{name}）没有目标", "domain {id} ({name}) of plan {plan} has no target")
            }
            Message::NumberNotInText { target, number } => tr!(
                lang,
                "目标 {target}：规则中的数 {number} 不见于原文",
                "target {target}: the rule's number {number} does not appear in its text"
            ),
            Message::NumberNotInRule { target, number } => tr!(
                lang,
                "目标 {target}：原文写有 {number}，但规则未用到",
                "target {target}: its text states {number} but the rule does not use it"
            ),
            Message::UnitMismatch { target, written, indicator, unit } => tr!(
                lang,
                "目标 {target}：原文的数以 {written} 计，而指标 {indicator} 的单位是 {unit}",
                "target {target}: its text gives the number in {written}, but indicator {indicator} is measured in {unit}"
            ),
            Message::NameTaken { target, name, other, other_name, own } => tr!(
                lang,
                "目标 {target}：其名称 {name:?} 是指标 {other}（{other_name}）的名称，而不是 {own} 的",
                "target {target}: its name {name:?} is a name of indicator {other} ({other_name}), not of {own}"
            ),
            Message::NotADecimal { text } => tr!(lang, "{text:?} 不是十进制数", "{text:?} is not a decimal number"),
            Message::RuleNeeds { kind, field } => {
                tr!(lang, "规则类型 {kind} 需要 `{field}`", "rule kind {kind} needs `{field}`")
            }
            Message::DecreaseByForms => tr!(
                lang,
                "规则类型 decrease_by 需要 `per_year` 与 `percent` 二者之一",
                "rule kind decrease_by needs exactly one of `per_year` and `percent`"
            ),
            Message::RuleWithoutIndicator { target, kind } => {
                tr!(lang, "目标 {target} 的规则为 {kind}，但没有指标", "target {target} has a {kind} rule but no indicator")
            }
            Message::UnknownPlanIndicator { name } | Message::UnknownIndicator { name } => {
                tr!(lang, "{name} 不是已知指标", "{name} is not a known indicator")
            }
            Message::PeriodBackwards { start, end } => {
                tr!(lang, "规划期 {start}–{end} 首尾颠倒", "period {start}–{end} runs backwards")
            }
            Message::TargetYearOutside { year, start, end } => tr!(
                lang,
                "目标年份 {year} 不在规划期 {start}–{end} 内",
                "target year {year} lies outside the period {start}–{end}"
            ),
            Message::DeadlineOutside { deadline, start, end } => tr!(
                lang,
                "期限 {deadline} 不在规划期 {start}–{end} 内",
                "deadline {deadline} lies outside the plan period {start}–{end}"
            ),
            Message::UnknownDomain { target, domain } => tr!(
                lang,
                "目标 {target} 所属的领域 {domain:?} 未在规划中定义",
                "target {target} names domain {domain:?}, which the plan does not define"
            ),
            Message::UnknownKind { word } => tr!(lang, "未知的规则类型 {word:?}", "unknown rule kind {word:?}"),
            Message::UnknownMode { mode } => tr!(lang, "未知的比较方式 {mode:?}", "unknown mode {mode:?}"),
            Message::UnknownMeasure { measure } => {
                tr!(lang, "未知的差距度量 {measure:?}", "unknown measure {measure:?}")
            }
            Message::RatioFirstPositive => tr!(lang, "比例的前项必须为正数", "a ratio's first part must be positive"),
            Message::UnreadablePlanFile { path, fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法读取规划文件 {path}：{fault}", "cannot read plan file {path}: {fault}")
            }
            Message::PlanNotUtf8 { path, gbk: true } => tr!(
                lang,
                "{path} 不是 UTF-8 文本，看起来是 GBK（记事本的“ANSI”）：请另存为 UTF-8",
                "{path} is not UTF-8 text; it looks like GBK (Notepad's \"ANSI\"): save it as UTF-8"
            ),
            Message::PlanNotUtf8 { path, gbk: false } => {
                tr!(lang, "{path} 不是 UTF-8 文本：规划文件须为 UTF-8", "{path} is not UTF-8 text: plan files are UTF-8")
            }
            Message::UnreadableFolder { path, fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法读取文件夹 {path}：{fault}", "cannot read folder {path}: {fault}")
            }
            Message::MissingKey { table, entry, key } => {
                let entry = entry.as_ref().map_or(String::new(), |id| format!(" {id}"));
                tr!(lang, "{table}{entry} 缺少必填键 `{key}`", "{table}{entry} lacks the required key `{key}`")
            }
            Message::UnknownKey { table, key, suggestion, known } => {
                let known = known.join(super::pick(lang, "、", ", "));
                match suggestion {
                    Some(s) => tr!(
                        lang,
                        "{table} 没有键 `{key}`（是否指 `{s}`？）；可用的键：{known}",
                        "{table} has no key `{key}` (did you mean `{s}`?); its keys: {known}"
                    ),
                    None => tr!(lang, "{table} 没有键 `{key}`；可用的键：{known}", "{table} has no key `{key}`; its keys: {known}"),
                }
            }
            Message::IndicatorRedefined { id, field, first, again, other_file, embedded } => {
                let whose = match (embedded, lang) {
                    (true, Lang::Zh) => format!("内置指标库（{other_file}）"),
                    (false, Lang::Zh) => other_file.clone(),
                    (true, Lang::En) => format!("the embedded registry ({other_file})"),
                    (false, Lang::En) => other_file.clone(),
                };
                tr!(
                    lang,
                    "指标 {id} 已在{whose}中定义，其 {field} 为 {first:?}，此处为 {again:?}；只补充别名或某规划的名称时，只写 id 与 aliases、names",
                    "indicator {id} is already defined in {whose} with {field} {first:?}, here {again:?}; to add spellings or a plan's name, write only id with aliases or names"
                )
            }
            Message::SpellingTaken { id, spelling, other, other_name, other_file, embedded } => {
                let whose = match (embedded, lang) {
                    (true, Lang::Zh) => format!("内置指标库（{other_file}）"),
                    (false, Lang::Zh) => other_file.clone(),
                    (true, Lang::En) => format!("the embedded registry ({other_file})"),
                    (false, Lang::En) => other_file.clone(),
                };
                tr!(
                    lang,
                    "指标 {id} 的写法 {spelling:?} 已属于{whose}中的指标 {other}（{other_name}）",
                    "indicator {id}: the spelling {spelling:?} already belongs to {other} ({other_name}) of {whose}"
                )
            }
            Message::ExtendsUnknownIndicator { id, suggestion } => {
                let hint = match (suggestion, lang) {
                    (Some(s), Lang::Zh) => format!("（是否指 {s}？）"),
                    (Some(s), Lang::En) => format!(" (did you mean {s}?)"),
                    (None, _) => String::new(),
                };
                tr!(
                    lang,
                    "没有编号为 {id} 的指标可供补充{hint}；新指标须写 name 与 unit",
                    "no indicator {id} to extend{hint}; a new indicator needs a name and a unit"
                )
            }
            Message::NewIndicatorNeeds { id, key } => tr!(
                lang,
                "新指标 {id} 缺少必填键 `{key}`（只补充已有指标时，编号须是已有的）",
                "the new indicator {id} lacks the required key `{key}` (an entry that extends one names an existing id)"
            ),
            Message::BoundWord { target, word, means, kind } => tr!(
                lang,
                "目标 {target}：原文的“{word}”对应规则类型 {means}，而规则是 {kind}（以上、以下、以内、不低于、不超过含本数；低于、超过、高于、不足不含）",
                "target {target}: the text's {word} means kind {means}, but the rule is {kind} (以上, 以下, 以内, 不低于, 不超过 include the number; 低于, 超过, 高于, 不足 exclude it)"
            ),
            Message::DirectionWord { target, word, up, kind } => {
                let way = match (up, lang) {
                    (true, Lang::Zh) => "上升",
                    (false, Lang::Zh) => "下降",
                    (true, Lang::En) => "up",
                    (false, Lang::En) => "down",
                };
                tr!(
                    lang,
                    "目标 {target}：原文说“{word}”（{way}），而规则类型 {kind} 的方向相反",
                    "target {target}: the text says {word} ({way}), but the rule is {kind}, which goes the other way"
                )
            }
            Message::UnreadableDataFile { file, fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法读取数据文件 {file}：{fault}", "cannot read data file {file}: {fault}")
            }
            Message::BadEncoding { file, bad } => bad_bytes(file, bad, lang),
            Message::SheetIgnored { sheet, file } => tr!(
                lang,
                "已忽略 --sheet {sheet:?}：{file} 是文本文件，不是工作簿",
                "--sheet {sheet:?} is ignored: {file} is a text file, not a workbook"
            ),
            Message::UnreadableWorkbook { file, detail } => {
                tr!(lang, "无法读取工作簿 {file}：{detail}", "cannot read workbook {file}: {detail}")
            }
            Message::UnknownSheet { file, sheet, sheets } => {
                let sheets = list(sheets, lang);
                tr!(
                    lang,
                    "工作簿 {file} 中没有工作表 {sheet:?}；现有工作表：{sheets}",
                    "workbook {file} has no sheet {sheet:?}; its sheets: {sheets}"
                )
            }
            Message::NoSheet { file } => tr!(lang, "工作簿 {file} 没有工作表", "workbook {file} has no sheet"),
            Message::UnreadableSheet { file, sheet, detail } => {
                tr!(lang, "无法读取工作簿 {file} 的工作表 {sheet}：{detail}", "cannot read sheet {sheet} of {file}: {detail}")
            }
            Message::SeveralSheets { file, sheets } => {
                let sheets = list(sheets, lang);
                tr!(
                    lang,
                    "工作簿 {file} 有多个工作表含数据表：{sheets}；请用 --sheet 工作表名 指定一个，或用 --sheet '*' 全部读取",
                    "workbook {file} has several sheets with a table: {sheets}; name one with --sheet NAME, or read them all with --sheet '*'"
                )
            }
            Message::SheetsNotRead { file, sheets } => {
                let sheets = list(sheets, lang);
                tr!(
                    lang,
                    "工作簿 {file} 的以下工作表没有可识别的表头，未读取：{sheets}",
                    "these sheets of {file} have no header plancheck recognises and were not read: {sheets}"
                )
            }
            Message::WorkbookTooLarge { file, sheet: Some(sheet), limit } => {
                let limit = limit.say(lang);
                tr!(
                    lang,
                    "工作簿 {file} 的工作表 {sheet} 超出限制，未读取：{limit}",
                    "sheet {sheet} of workbook {file} is beyond a limit and was not read: {limit}"
                )
            }
            Message::WorkbookTooLarge { file, sheet: None, limit } => {
                let limit = limit.say(lang);
                tr!(lang, "工作簿 {file} 超出限制，未读取：{limit}", "workbook {file} is beyond a limit and was not read: {limit}")
            }
            Message::DamagedWorkbook { file } => tr!(
                lang,
                "无法读取工作簿 {file}：文件已损坏（读取时遇到无效内容）",
                "cannot read workbook {file}: it is damaged (its reader stopped on malformed content)"
            ),
            Message::UnplacedExcelError { value } => tr!(
                lang,
                "此单元格之后有一个 Excel 错误值 {value}（公式无法计算，不是数值），无法确定它所在的单元格",
                "Excel's error value {value} (a formula that could not be computed, not a number) stands in a cell after this one, which cannot be told exactly"
            ),
            Message::FormatsNotRead { file } => tr!(
                lang,
                "{file} 是 .xlsb 工作簿，其单元格的数字格式未读取：设为百分比格式的单元格按存储的小数读取（另存为 .xlsx 可避免）",
                "{file} is an .xlsb workbook, whose cells' number formats are not read: a percent-formatted cell reads as its stored fraction (save it as .xlsx to avoid this)"
            ),
            Message::NoHeaderRow { file } => tr!(
                lang,
                "{file} 没有表头行（应为 indicator,year,value）",
                "{file} has no header row (expected indicator,year,value)"
            ),
            Message::NoDataRows { file } => tr!(
                lang,
                "{file} 有表头但没有数据行：所有目标都将无数据",
                "{file} has a header but no data rows: every target will lack data"
            ),
            Message::BadCsv { detail } => tr!(lang, "无法读取此行：{detail}", "cannot read this row: {detail}"),
            Message::UnclosedQuote { lines: Some((from, to)) } => tr!(
                lang,
                "此引号没有闭合，文件其余部分（第{from}–{to}行）被读作一个字段",
                "this quote is never closed, so the rest of the file (lines {from}–{to}) reads as one field"
            ),
            Message::UnclosedQuote { lines: None } => tr!(lang, "此引号没有闭合", "this quote is never closed"),
            Message::BadHeader { tabs } => {
                let mut msg = tr!(
                    lang,
                    "表头既不是长表（indicator,year,value），也不是宽表（indicator,2020,2021,...）",
                    "the header names neither the long form (indicator,year,value) nor the wide form (indicator,2020,2021,...)"
                );
                msg.push_str(&match tabs {
                    true => tr!(lang, "（按制表符分隔读取）", " (read as tab-separated)"),
                    false => tr!(lang, "（按逗号分隔读取）", " (read as comma-separated)"),
                });
                msg
            }
            Message::RowBeforeHeader { indicator } => tr!(
                lang,
                "表头行之前有一行 {indicator} 的数据",
                "a data row for {indicator} stands before the header row"
            ),
            Message::StrayRow { stray, text } => {
                use crate::dataset::rows::Stray;
                match (stray, lang) {
                    (Stray::Heading, Lang::Zh) => format!("已跳过表中的标题行：“{text}”"),
                    (Stray::Note, Lang::Zh) => format!("已跳过表中的注释行：“{text}”"),
                    (Stray::Total, Lang::Zh) => format!("已跳过表中的合计行：“{text}”"),
                    (Stray::Heading, Lang::En) => format!("skipped a heading inside the table: {text:?}"),
                    (Stray::Note, Lang::En) => format!("skipped a note inside the table: {text:?}"),
                    (Stray::Total, Lang::En) => format!("skipped a total inside the table: {text:?}"),
                }
            }
            Message::IgnoredColumns { columns } => {
                let columns = list(columns, lang);
                tr!(lang, "以下各列不作为数值读取：{columns}", "these columns are not read as values: {columns}")
            }
            Message::BookTooLarge { sheets, limit } => tr!(
                lang,
                "Excel 工作簿最多写 {limit} 个地区工作表，本次需要 {sheets} 个：请用 --region 选出地区、分批运行，或改用 csv、json 格式",
                "a workbook is made with at most {limit} region sheets, and this run needs {sheets}: pick regions with --region, run in batches, or use csv or json"
            ),
            Message::LooksLikeFractions { name, largest, level } => tr!(
                lang,
                "{name}的数值都在0与1之间（最大 {largest}），而规划的目标（或基线）为 {level}%：像是小数而不是百分数，单元格是否设成了百分比格式？百分数请写作 6.1 或 6.1%",
                "the values of {name} all lie between 0 and 1 (at most {largest}) while the plan's target (or baseline) is {level} %: they look like fractions — are the cells formatted as %? Write a percentage as 6.1 or 6.1%"
            ),
            Message::ExcelNotAvailable => tr!(
                lang,
                "Excel 的 #N/A（无法取得数值）按无数据处理",
                "Excel's #N/A (no value available) is read as missing"
            ),
            Message::SkippedRow { text } => {
                tr!(lang, "已跳过表头之前的一行：{text:?}", "skipped a row before the header: {text:?}")
            }
            Message::RaggedRow { count, width } => {
                let s = if *count == 1 { "" } else { "s" };
                tr!(lang, "此行有 {count} 个字段，表头有 {width} 个", "this row has {count} field{s}, the header has {width}")
            }
            Message::RowTooLarge { fields, bytes, fields_at_most, bytes_at_most } => {
                let mib = bytes_at_most >> 20;
                tr!(
                    lang,
                    "此行过大（{fields} 个以上字段，{bytes} 字节）：一行至多 {fields_at_most} 个字段、{mib} MiB",
                    "this row is too large ({fields}+ fields, {bytes} bytes): a row holds at most {fields_at_most} fields and {mib} MiB"
                )
            }
            Message::FileTooLarge { file, bytes, at_most } => {
                let (mib, limit) = (bytes >> 20, at_most >> 20);
                tr!(
                    lang,
                    "{file} 过大（{mib} MiB）：plancheck 至多读取 {limit} MiB 的此类文件",
                    "{file} is too large ({mib} MiB): plancheck reads such files up to {limit} MiB"
                )
            }
            Message::EmptyRegion => tr!(lang, "地区为空", "the region is empty"),
            Message::EmptyIndicator => tr!(lang, "指标为空", "the indicator is empty"),
            Message::YearOutside { year } => {
                tr!(lang, "年份 {year} 不在 1949–2100 之间", "year {year} lies outside 1949–2100")
            }
            Message::EmptyYear => tr!(lang, "年份为空", "the year is empty"),
            Message::NotAYear { text } => tr!(lang, "“{text}”不是年份", "{text:?} is not a year"),
            Message::Value(e) => e.say(lang),
            Message::DuplicateRow { region, name, year, first_line: a, second_line: b } => tr!(
                lang,
                "{region}{name} {year}年的数值出现两次，两次相同（第{a}行和第{b}行）",
                "{region}{name} {year} is given twice with the same value (lines {a} and {b})"
            ),
            Message::ConflictingRows { region, name, year, first, first_line: a, second, second_line: b } => tr!(
                lang,
                "{region}{name} {year}年的数值出现两次且不同：第{a}行为 {first}，第{b}行为 {second}",
                "{region}{name} {year} is given twice with different values: {first} on line {a}, {second} on line {b}"
            ),
            Message::NoRegionColumn { region, file } => tr!(
                lang,
                "{file} 没有地区列，无法按 --region {region:?} 选取地区",
                "{file} has no region column to pick --region {region:?} from"
            ),
            Message::NoValues { file, plan } => tr!(
                lang,
                "{file} 中没有规划 {plan} 任何指标的数值：没有可以检查的内容",
                "{file} holds no value of any indicator of plan {plan}: there is nothing to check"
            ),
            Message::NoValuesAtYear { year, file, years } => {
                let years = list(&years.iter().map(|y| y.to_string()).collect::<Vec<_>>(), lang);
                tr!(
                    lang,
                    "{file} 中没有任何地区有{year}年的数值；数据中的年份：{years}",
                    "no region of {file} has a value for {year}; the data's years: {years}"
                )
            }
            Message::RegionsWithoutValues { year, regions, more } => {
                let mut names = list(regions, lang);
                if *more > 0 {
                    names.push_str(&tr!(lang, "等（另有 {more} 个）", " and {more} more"));
                }
                tr!(lang, "以下地区没有{year}年的数值，其目标均为无数据：{names}", "these regions have no value for {year}, so their targets have no data: {names}")
            }
            Message::Scope { fail_on, scope, targets } => {
                let (fail_on, scope) = (super::Word::word(*fail_on, lang), scope.describe(lang));
                tr!(
                    lang,
                    "检查范围：{scope}（--fail-on {fail_on}），{targets} 个目标",
                    "scope: {scope} (--fail-on {fail_on}), {targets} targets"
                )
            }
            Message::EmptyScope { fail_on, plan } => {
                let fail_on = super::Word::word(*fail_on, lang);
                match fail_on {
                    "binding" => tr!(
                        lang,
                        "--fail-on binding 不覆盖规划 {plan} 的任何目标：本规划未标注约束性/预期性（--fail-on auto 或 quantified 会检查量化目标）",
                        "--fail-on binding covers no target of plan {plan}: the plan marks no target binding or expected (--fail-on auto or quantified checks the quantified targets)"
                    ),
                    _ => tr!(lang, "--fail-on {fail_on} 不覆盖规划 {plan} 的任何目标", "--fail-on {fail_on} covers no target of plan {plan}"),
                }
            }
            Message::UnknownPlan { name, suggestion, known } => {
                let known = list(known, lang);
                match suggestion {
                    Some(s) => tr!(
                        lang,
                        "没有规划 {name:?}（是否指 {s}？）；已知的规划：{known}",
                        "no plan {name:?} (did you mean {s}?); known plans: {known}"
                    ),
                    None => tr!(lang, "没有规划 {name:?}；已知的规划：{known}", "no plan {name:?}; known plans: {known}"),
                }
            }
            Message::UnknownRegion { region, file, known } => {
                let known = list(known, lang);
                tr!(
                    lang,
                    "{file} 中没有地区 {region:?}；其中的地区：{known}",
                    "region {region:?} is not in {file}; its regions: {known}"
                )
            }
            Message::NoTargetOn { plan, name, suggestion } => match suggestion {
                Some(s) => tr!(
                    lang,
                    "规划 {plan} 中没有关于 {name:?} 的目标（是否指 {s}？）",
                    "plan {plan} has no target on {name:?} (did you mean {s}?)"
                ),
                None => tr!(lang, "规划 {plan} 中没有关于 {name:?} 的目标", "plan {plan} has no target on {name:?}"),
            },
            Message::NoIndicator { name, suggestion } => match suggestion {
                Some(s) => tr!(
                    lang,
                    "没有指标 {name:?}（是否指 {s}？）；plancheck indicators list 列出全部指标",
                    "no indicator {name:?} (did you mean {s}?); plancheck indicators list shows them all"
                ),
                None => tr!(
                    lang,
                    "没有指标 {name:?}；plancheck indicators list 列出全部指标",
                    "no indicator {name:?}; plancheck indicators list shows them all"
                ),
            },
            Message::BadPercent { flag, text } => tr!(
                lang,
                "{flag} 应为非负的百分数，而不是 {text:?}",
                "{flag} takes a non-negative percentage, not {text:?}"
            ),
            Message::BadYears { text } => tr!(
                lang,
                "--years 应写作一个年份或 起-止（1949–2100 之间），如 2025 或 2020-2025，而不是 {text:?}",
                "--years takes a year or FROM-TO within 1949–2100, e.g. 2025 or 2020-2025, not {text:?}"
            ),
            Message::CannotCreateFolder { path, fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法创建文件夹 {path}：{fault}", "cannot create the folder {path}: {fault}")
            }
            Message::CannotWrite { path, fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法写入 {path}：{fault}", "cannot write {path}: {fault}")
            }
            Message::OutputFailed { fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法写出结果：{fault}", "cannot write the output: {fault}")
            }
            Message::UnreadableConfig { path, fault } => {
                let fault = fault.say(lang);
                tr!(lang, "无法读取项目配置文件 {path}：{fault}", "cannot read the project file {path}: {fault}")
            }
            Message::BinaryToTerminal { format } => tr!(
                lang,
                "--format {format} 写出的是工作簿文件，不能显示在终端：请用 --out 文件名.{format} 指定写入的文件",
                "--format {format} writes a workbook, which a terminal cannot show: name the file with --out FILE.{format}"
            ),
            Message::MissingFlag { flag } => tr!(
                lang,
                "缺少 {flag}：请在命令行给出，或写在 plancheck.toml 中（plancheck init 生成一个）",
                "{flag} is missing: give it on the command line or in plancheck.toml (plancheck init writes one)"
            ),
            Message::FolderLocked { dir } => tr!(
                lang,
                "另一个 plancheck 正在向 {dir} 写入：请等它结束后再运行",
                "another plancheck run is writing into {dir}: run again when it has finished"
            ),
            Message::FileExists { path } => tr!(
                lang,
                "{path} 已经存在，未覆盖",
                "{path} already exists and is left as it is"
            ),
            Message::YearWithStage { year, stage } => {
                let (word, flag) = (crate::words::Word::word(*stage, lang), <&str>::from(*stage));
                tr!(
                    lang,
                    "--year {year} 不能与 --stage {flag} 同时使用：{word}的评估年份由规划期确定；要评估{year}年，请用 --stage annual --year {year}",
                    "--year {year} cannot go with --stage {flag}: a {word} sets its own year from the plan period; for {year}, use --stage annual --year {year}"
                )
            }
            Message::StageYearMissing { plan, stage, year, regions } => {
                let (word, n, names) = (crate::words::Word::word(*stage, lang), regions.len(), shown_list(regions, lang));
                tr!(
                    lang,
                    "{plan}：{word}的评估年份为{year}年，以下{n}个地区没有{year}年的数据，其报告为无数据：{names}",
                    "{plan}: the {word} evaluates {year}, and {n} regions have no value for {year}, so their reports say no data: {names}"
                )
            }
            Message::EarlierFiles { dir, files } => {
                let (n, names) = (files.len(), shown_list(files, lang));
                tr!(
                    lang,
                    "{dir} 中有{n}个文件是以前运行 report 时写的，本次没有重写：{names}（--clean 先删除这些文件）",
                    "{dir} holds {n} files an earlier run of report wrote and this one did not: {names} (--clean removes them first)"
                )
            }
            Message::RegionsSkipped { file, regions, unplaced } => {
                let (n, names) = (regions.len(), shown_list(regions, lang));
                let unplaced = match unplaced {
                    0 => String::new(),
                    u => tr!(lang, "；另有{u}行无法归属地区", "; {u} more rows could not be placed in a region"),
                };
                tr!(
                    lang,
                    "--keep-going：{file} 中{n}个地区有被拒绝的数据行，未生成其报告：{names}{unplaced}",
                    "--keep-going: {n} regions of {file} have rejected rows and get no report: {names}{unplaced}"
                )
            }
        }
    }
}

impl Say for ValueError {
    fn say(&self, lang: Lang) -> String {
        use crate::dataset::value::shorten;
        match self {
            ValueError::NotANumber(s) => {
                let s = shorten(s);
                tr!(lang, "“{s}”不是数值", "{s:?} is not a number")
            }
            ValueError::TooLarge(s) => {
                let s = shorten(s);
                tr!(lang, "“{s}”数值过大", "{s:?} is too large a number")
            }
            ValueError::Negative(s) => {
                let s = shorten(s);
                tr!(
                    lang,
                    "“{s}”为负数；比率、比例和数量不能为负",
                    "{s:?} is negative; rates, ratios and counts cannot be"
                )
            }
            ValueError::ExcelError(e) => tr!(
                lang,
                "Excel 错误值 {e}：公式无法计算，不是数值",
                "Excel's error value {e}: a formula that could not be computed, not a number"
            ),
            ValueError::BadUnit { cell, unit } => {
                let cell = shorten(cell);
                let unit = match (unit.is_empty(), lang) {
                    (true, Lang::Zh) => "无单位".to_string(),
                    (true, Lang::En) => "no unit".to_string(),
                    (false, _) => unit.clone(),
                };
                tr!(
                    lang,
                    "“{cell}”的单位不是该指标的单位（{unit}）",
                    "{cell:?} is not in the indicator's unit ({unit})"
                )
            }
        }
    }
}

/// Why the bytes of a file are no text.
pub fn bad_bytes(file: &str, bad: &BadBytes, lang: Lang) -> String {
    let (byte, line, col) = (bad.byte, bad.line, bad.col);
    let mut msg = match bad.read_as {
        "UTF-8" => tr!(
            lang,
            "{file} 既不是 UTF-8，也不是 UTF-16 或 GB18030 文本：第{line}行第{col}列的字节 0x{byte:02X} 不是 UTF-8",
            "{file} is neither UTF-8, UTF-16 nor GB18030 text: byte 0x{byte:02X} on line {line}, column {col} is not UTF-8"
        ),
        bom => tr!(
            lang,
            "{file} 以 {bom} 的字节顺序标记开头，但不是 {bom} 文本：第一个错误字节在第{line}行",
            "{file} starts with the byte order mark of {bom} but is not {bom} text: the first bad byte is on line {line}"
        ),
    };
    if let Some(gb) = bad.gb18030_line {
        msg.push_str(&tr!(
            lang,
            "；按 GB18030 读，第一个错误字节在第{gb}行",
            ", and read as GB18030 the first bad byte is on line {gb}"
        ));
    }
    if let Some(kind) = bad.looks_like {
        let kind = kind.say(lang);
        msg.push_str(&tr!(lang, "；它看起来是{kind}", "; it looks like {kind}"));
    }
    msg
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Zip,
    OldExcel,
    Png,
    Pdf,
    Jpeg,
}

impl Say for FileKind {
    fn say(&self, lang: Lang) -> String {
        match self {
            FileKind::Zip => tr!(
                lang,
                "ZIP 压缩包（.xlsx 工作簿？请以 .xlsx 为扩展名）",
                "a ZIP archive (an .xlsx workbook? name it .xlsx)"
            ),
            FileKind::OldExcel => {
                tr!(lang, "旧版 Excel 工作簿（请以 .xls 为扩展名）", "an old Excel workbook (name it .xls)")
            }
            FileKind::Png => tr!(lang, "PNG 图片", "a PNG image"),
            FileKind::Pdf => tr!(lang, "PDF 文档", "a PDF document"),
            FileKind::Jpeg => tr!(lang, "JPEG 图片", "a JPEG image"),
        }
    }
}

/// The toml crate's English message, in Chinese where its form is known.
fn toml_detail_zh(detail: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).map(str::to_string);
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let field = quoted(rest).unwrap_or_default();
        let expected: Vec<&str> = rest
            .split("expected one of ")
            .nth(1)
            .map_or(vec![], |l| l.split(", ").map(|x| x.trim_matches(|c| c == '`' || c == ' ')).collect());
        return if expected.is_empty() {
            format!("未知的键 `{field}`")
        } else {
            format!("未知的键 `{field}`；可用的键：{}", expected.join("、"))
        };
    }
    if let Some(rest) = detail.strip_prefix("missing field ") {
        return format!("缺少键 `{}`", quoted(rest).unwrap_or_default());
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        return format!("类型不对：{rest}");
    }
    if detail.starts_with("invalid basic string") || detail.starts_with("invalid literal string") {
        return "字符串有误（缺少结尾的引号？）".to_string();
    }
    if let Some(rest) = detail.strip_prefix("duplicate key") {
        return format!("键重复{rest}");
    }
    format!("TOML 格式有误：{detail}")
}

/// The note under an underlined span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    DidYouMean {
        name: String,
    },
    /// A spelling of a quantity that is now reported as separate indicators.
    SplitInto {
        names: Vec<String>,
    },
    WriteNumberAsString,
    AddField {
        field: &'static str,
    },
    AddToRegistry,
    KnownDomains {
        domains: Vec<String>,
    },
    Kinds {
        kinds: Vec<String>,
    },
    Modes,
    /// The measures of a `regional_gap` rule.
    Measures,
    TheText,
    OpenedHere,
    MoveBelowHeader,
    NotData,
    /// Why a row is no header.
    NoHeader(NoHeader),
    RowEndsWithout {
        missing: Vec<String>,
    },
    RegionBelongsHere,
    IndicatorBelongsHere,
    NotInRegistry,
    NotRead,
    UnitColumn,
    ReadAsMissing,
    AgainHere,
    FirstHere,
    SecondValue,
    FirstValue,
    /// Under the other definition of a clashing indicator, when it is the embedded registry's.
    EmbeddedDefinition,
    /// Under the other definition of a clashing indicator, in a file of one's own.
    FirstDefinition,
    /// Under a bound or direction word that disagrees with the rule.
    TheWord,
}

/// Why a row before the header is no header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoHeader {
    ColumnTwice { name: String, first: usize, second: usize },
    Semicolons,
    DataRow,
    NoIndicatorColumn,
    NoValueColumn,
    NoYearColumn,
    NoYearAndValue,
    Expected,
}

impl Say for Hint {
    fn say(&self, lang: Lang) -> String {
        match self {
            Hint::DidYouMean { name } => tr!(lang, "是否指 {name}？", "did you mean {name}?"),
            Hint::SplitInto { names } => {
                let names = list(names, lang);
                tr!(lang, "此项已分为各自填报的指标：{names}", "now reported as separate indicators: {names}")
            }
            Hint::WriteNumberAsString => {
                tr!(lang, "把数写成字符串，如 \"98.5\"", "write the number as a string, e.g. \"98.5\"")
            }
            Hint::AddField { field } => tr!(lang, "添加 {field} = \"...\"", "add {field} = \"...\""),
            Hint::AddToRegistry => tr!(lang, "请把它加入 plans/indicators/", "add it to plans/indicators/"),
            Hint::KnownDomains { domains } => {
                let domains = list(domains, lang);
                tr!(lang, "已定义的领域：{domains}", "known domains: {domains}")
            }
            Hint::Kinds { kinds } => {
                let kinds = list(kinds, lang);
                tr!(lang, "规则类型有：{kinds}", "the kinds: {kinds}")
            }
            Hint::Modes => tr!(lang, "at_least 或 match", "at_least or match"),
            Hint::Measures => tr!(lang, "range（极差）或 cv（变异系数）", "range or cv (coefficient of variation)"),
            Hint::TheText => tr!(lang, "原文", "the text"),
            Hint::OpenedHere => tr!(lang, "引号从这里开始", "opened here"),
            Hint::MoveBelowHeader => tr!(lang, "请把它移到表头之下", "move it below the header"),
            Hint::NotData => tr!(lang, "不是数据", "not data"),
            Hint::NoHeader(why) => why.say(lang),
            Hint::RowEndsWithout { missing } => {
                let missing = missing.join(", ");
                tr!(lang, "此行到此结束，缺少 {missing}", "the row ends here, without {missing}")
            }
            Hint::RegionBelongsHere => tr!(lang, "此处应填地区名称", "a region's name belongs here"),
            Hint::IndicatorBelongsHere => {
                tr!(lang, "此处应填指标的编号、名称或别名", "an indicator's id, name or alias belongs here")
            }
            Hint::NotInRegistry => tr!(
                lang,
                "指标库中没有（--allow-unknown 可把这类行另计为未使用）",
                "not in the indicator registry (--allow-unknown sets such rows aside)"
            ),
            Hint::NotRead => tr!(lang, "不读取", "not read"),
            Hint::UnitColumn => tr!(
                lang,
                "单位列只能是 %、‰、1/10万 或该指标自身的单位",
                "a unit column holds %, ‰, 1/10万 or the indicator's own unit"
            ),
            Hint::ReadAsMissing => tr!(lang, "按无数据处理", "read as missing"),
            Hint::AgainHere => tr!(lang, "再次出现", "again here"),
            Hint::FirstHere => tr!(lang, "首次出现", "first here"),
            Hint::SecondValue => tr!(lang, "第二个值", "second value"),
            Hint::FirstValue => tr!(lang, "第一个值", "first value"),
            Hint::EmbeddedDefinition => tr!(lang, "内置指标库中的定义", "the embedded definition"),
            Hint::FirstDefinition => tr!(lang, "首次定义于此", "first defined here"),
            Hint::TheWord => tr!(lang, "原文的用词", "the text's word"),
        }
    }
}

impl Say for NoHeader {
    fn say(&self, lang: Lang) -> String {
        match self {
            NoHeader::ColumnTwice { name, first, second } => tr!(
                lang,
                "列 {name} 出现两次（第{first}和第{second}个字段）",
                "the column {name} stands twice (fields {first} and {second})"
            ),
            NoHeader::Semicolons => tr!(
                lang,
                "字段以“;”分隔：plancheck 读取以逗号或制表符分隔的文件",
                "the fields are separated by ';': plancheck reads commas or tabs"
            ),
            NoHeader::DataRow => {
                tr!(
                    lang,
                    "这是数据行：文件没有表头（indicator,year,value）",
                    "a data row: the file has no header (indicator,year,value)"
                )
            }
            NoHeader::NoIndicatorColumn => {
                tr!(lang, "没有指标列（indicator 或 指标）", "no indicator column (indicator or 指标)")
            }
            NoHeader::NoValueColumn => tr!(lang, "没有数值列（value 或 数值）", "no value column (value or 数值)"),
            NoHeader::NoYearColumn => tr!(lang, "没有年份列（year 或 年份）", "no year column (year or 年份)"),
            NoHeader::NoYearAndValue => tr!(
                lang,
                "没有年份列和数值列，也没有按年分列（2020,2021,...）",
                "no year and value columns, nor one column per year (2020,2021,...)"
            ),
            NoHeader::Expected => tr!(
                lang,
                "应为 indicator,year,value 或 indicator,2020,2021,...",
                "expected indicator,year,value or indicator,2020,2021,..."
            ),
        }
    }
}

/// `256 MiB`, `1 GiB`: a size limit as people read it.
fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n => format!("{n} B"),
    }
}

/// `8,388,608`: a count with its thousands marked.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Say for crate::dataset::workbook::limits::Limit {
    fn say(&self, lang: Lang) -> String {
        use crate::dataset::workbook::limits::Limit;
        match self {
            Limit::Part { part, at_most } => {
                let size = bytes(*at_most);
                tr!(lang, "其中的 {part} 解压后超过 {size}", "its part {part} is larger than {size} uncompressed")
            }
            Limit::Total { at_most } => {
                let size = bytes(*at_most);
                tr!(lang, "各部分解压后合计超过 {size}", "its parts together are larger than {size} uncompressed")
            }
            Limit::Rows { at_most } => {
                let n = grouped(u64::from(*at_most));
                tr!(lang, "有单元格在第 {n} 行之后", "a cell stands below row {n}")
            }
            Limit::Columns { at_most } => {
                let n = grouped(u64::from(*at_most));
                tr!(lang, "有单元格在第 {n} 列（XFD）之后", "a cell stands right of column {n} (XFD)")
            }
            Limit::Cells { at_most } => {
                let n = grouped(*at_most);
                tr!(
                    lang,
                    "使用区域（从第一个到最后一个单元格）或写入的单元格超过 {n} 个",
                    "its used area (from its first cell to its last), or the cells written in it, exceed {n} cells"
                )
            }
            Limit::Text { at_most } => {
                let size = bytes(*at_most);
                tr!(lang, "单元格中的文本超过 {size}", "its cells hold more than {size} of text")
            }
        }
    }
}

#[cfg(test)]
mod limit_words {
    #[test]
    fn sizes_and_counts_read_as_people_write_them() {
        assert_eq!(super::bytes(256 << 20), "256 MiB");
        assert_eq!(super::bytes(1 << 30), "1 GiB");
        assert_eq!(super::grouped(8_388_608), "8,388,608");
        assert_eq!(super::grouped(16_384), "16,384");
        assert_eq!(super::grouped(999), "999");
    }
}
