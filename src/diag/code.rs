//! The stable codes of diagnostics: kebab-case words that are the same in both languages, in the human and the
//! JSON output, so that scripts can match on them. docs/diagnostics.md explains each (a test holds the two
//! lists equal).

use serde::Serialize;

/// A diagnostic's stable code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::IntoStaticStr, strum::EnumIter, strum::EnumString,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Code {
    // Plan and indicator files.
    BadToml,
    BadId,
    DuplicateId,
    DuplicatePlan,
    DuplicateIndicator,
    EmptyDomain,
    NumberNotInText,
    NumberNotInRule,
    UnitMismatch,
    NameTaken,
    BadNumber,
    MissingField,
    BadField,
    BadPeriod,
    BadDeadline,
    UnknownDomain,
    UnknownKind,
    MissingKey,
    UnknownKey,
    WordingMismatch,
    // Reading files.
    UnreadableFile,
    BadEncoding,
    EmptyFile,
    SheetIgnored,
    UnknownSheet,
    SeveralSheets,
    SheetsNotRead,
    WorkbookTooLarge,
    FormatsNotRead,
    // Data files.
    BadCsv,
    UnclosedQuote,
    BadHeader,
    RowBeforeHeader,
    SkippedRow,
    IgnoredColumns,
    LooksLikeFractions,
    NotAvailable,
    NoDataRows,
    RaggedRow,
    TooLarge,
    DataChanged,
    EmptyRegion,
    UnknownIndicator,
    BadYear,
    BadValue,
    NegativeValue,
    BadUnit,
    DuplicateRow,
    ConflictingRows,
    // What a run can judge.
    NoValues,
    MissingYear,
    Scope,
    EmptyScope,
    // Drafting.
    BadDocument,
    // The command line.
    UnknownPlan,
    UnknownRegion,
    UnknownTarget,
    BadFlag,
    CannotWrite,
    // Reports.
    StageYearMissing,
    EarlierFiles,
    RegionsSkipped,
}

impl Code {
    /// The code's word.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every code.
    pub fn all() -> impl Iterator<Item = Code> {
        <Code as strum::IntoEnumIterator>::iter()
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_unique_kebab_case_and_parses_back() {
        let mut seen = HashSet::new();
        for code in Code::all() {
            let word = code.as_str();
            assert!(seen.insert(word), "{word} twice");
            assert!(crate::plan::load::is_kebab(word), "{word}");
            assert_eq!(word.parse::<Code>().ok(), Some(code));
        }
    }

    /// docs/diagnostics.md has a `### code` section for every code, and no other.
    #[test]
    fn every_code_is_documented() {
        let docs = include_str!("../../docs/diagnostics.md");
        let documented: HashSet<&str> =
            docs.lines().filter_map(|l| l.strip_prefix("### `")).filter_map(|l| l.strip_suffix('`')).collect();
        let codes: HashSet<&str> = Code::all().map(Code::as_str).collect();
        let missing: Vec<&&str> = codes.difference(&documented).collect();
        let stale: Vec<&&str> = documented.difference(&codes).collect();
        assert!(missing.is_empty() && stale.is_empty(), "undocumented: {missing:?}; documented but no code: {stale:?}");
    }
}
