//! The header of a data file: which column holds what (indicator, region, unit, year and value, or one column
//! per year), in Chinese or English, and why a row that is no header is not one.

use super::rows::Fields;
use crate::diag::NoHeaderWhy as NoHeader;
use crate::indicator::{normalize_name, Registry};

/// The role of a header column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Indicator,
    Year,
    Value,
    Region,
    /// The unit the row's values are given in (单位).
    Unit,
    Note,
    /// What a template writes beside the indicator to describe it (领域, 名称, 目标, 属性): read by people, not
    /// by plancheck, and no surprise to it.
    Describes,
    /// Wide form: the values of one year.
    YearValues(i32),
    Other,
}

/// What a header cell names.
pub fn column_role(name: &str) -> Column {
    let key = normalize_name(name).to_lowercase();
    match key.as_str() {
        "indicator" | "指标" | "指标名" | "指标名称" | "指标id" | "指标编号" => Column::Indicator,
        "year" | "年份" | "年度" | "年" => Column::Year,
        "value" | "数值" | "值" | "监测值" => Column::Value,
        "region" | "地区" | "区域" | "行政区" => Column::Region,
        "unit" | "单位" | "计量单位" => Column::Unit,
        "note" | "备注" | "说明" | "来源" => Column::Note,
        "name" | "名称" | "domain" | "领域" | "target" | "目标" | "attribute" | "属性" => Column::Describes,
        _ => match key.trim_end_matches('年').parse::<i32>() {
            Ok(y) if (1949..=2100).contains(&y) && key.len() >= 4 => Column::YearValues(y),
            _ => Column::Other,
        },
    }
}

/// Where a value's year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFrom {
    /// A year column of the row (long form).
    Column(usize),
    /// The header of the value's column (wide form).
    Fixed(i32),
}

/// The header, resolved.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: usize,
    /// The header's names, as written.
    pub names: Vec<String>,
    /// Rows may stop after this many fields (the columns after it are notes or unknown).
    pub required: usize,
    pub indicator: usize,
    pub region: Option<usize>,
    pub unit: Option<usize>,
    /// (column of the value, the year: from a column of the row, or fixed by the header)
    pub values: Vec<(usize, YearFrom)>,
    /// Columns no value is read from, other than a template's describing columns (序号, 备注, 2030年目标值), by
    /// position.
    pub ignored: Vec<usize>,
}

/// The layout a header row gives, or why the row is no header.
pub fn read_header<F: Fields>(fields: &F, registry: &Registry) -> Result<Layout, NoHeader> {
    let width = fields.count();
    let columns: Vec<Column> = (0..width).map(|i| column_role(fields.field(i))).collect();
    // Empty cells at the end of a header (a spreadsheet's untouched columns) are no columns a row must reach.
    let named = (0..width).rev().find(|&i| !fields.field(i).trim().is_empty()).map_or(0, |i| i + 1);
    let find = |c: Column| columns.iter().position(|x| *x == c);
    let mut seen = std::collections::HashMap::new();
    for (i, c) in columns.iter().enumerate() {
        if matches!(c, Column::Other | Column::Note | Column::Describes) {
            continue;
        }
        if let Some(first) = seen.insert(*c, i) {
            let name = fields.field(first).trim().to_string();
            return Err(NoHeader::ColumnTwice { name, first: first + 1, second: i + 1 });
        }
    }
    let (year, value) = (find(Column::Year), find(Column::Value));
    let values: Vec<(usize, YearFrom)> = match (year, value) {
        (Some(y), Some(v)) => vec![(v, YearFrom::Column(y))],
        _ => columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Column::YearValues(y) => Some((i, YearFrom::Fixed(*y))),
                _ => None,
            })
            .collect(),
    };
    let indicator = find(Column::Indicator);
    let Some(indicator) = indicator.filter(|_| !values.is_empty()) else {
        return Err(why_no_header(fields, registry, indicator.is_some(), year.is_some(), value.is_some(), &values));
    };
    let (region, unit) = (find(Column::Region), find(Column::Unit));
    let required = match (year, value) {
        (Some(y), Some(v)) => {
            [Some(indicator), Some(y), Some(v), region, unit].into_iter().flatten().max().unwrap_or(0) + 1
        }
        _ => named,
    };
    let read: Vec<usize> =
        [Some(indicator), region, unit, year].into_iter().flatten().chain(values.iter().map(|v| v.0)).collect();
    // The columns a template writes to describe an indicator are plainly not values; every other column not read
    // (序号, 备注, 2030年目标值) is named in a warning, so that nothing is dropped without a word.
    let ignored = (0..columns.len())
        .filter(|&i| !read.contains(&i) && !fields.field(i).trim().is_empty())
        .filter(|&i| columns[i] != Column::Describes)
        .collect();
    let names = (0..width).map(|i| fields.field(i).trim().to_string()).collect();
    Ok(Layout { width: columns.len(), names, required, indicator, region, unit, values, ignored })
}

/// What a row that is no header lacks.
fn why_no_header<F: Fields>(
    fields: &F,
    registry: &Registry,
    indicator: bool,
    year: bool,
    value: bool,
    values: &[(usize, YearFrom)],
) -> NoHeader {
    let first = fields.field(0).trim();
    if fields.count() == 1 && first.contains(';') {
        return NoHeader::Semicolons;
    }
    if registry.lookup(first).is_some() {
        return NoHeader::DataRow;
    }
    match (indicator, year, value, values.is_empty()) {
        (false, _, _, false) => NoHeader::NoIndicatorColumn,
        (true, true, false, _) => NoHeader::NoValueColumn,
        (true, false, true, _) => NoHeader::NoYearColumn,
        (true, _, _, _) => NoHeader::NoYearAndValue,
        (false, _, _, true) => NoHeader::Expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_roles_in_both_languages() {
        assert_eq!(column_role("指标"), Column::Indicator);
        assert_eq!(column_role("Year"), Column::Year);
        assert_eq!(column_role("2021"), Column::YearValues(2021));
        assert_eq!(column_role("2021年"), Column::YearValues(2021));
        assert_eq!(column_role("12"), Column::Other);
        assert_eq!(column_role("计量单位"), Column::Unit);
        assert_eq!(column_role("2030年目标值"), Column::Other);
        assert_eq!(column_role("序号"), Column::Other);
        assert_eq!(column_role("备注"), Column::Note);
        assert_eq!(column_role("领域"), Column::Describes);
        assert_eq!(column_role("指标编号"), Column::Indicator);
    }

    /// Every column `template` writes is read back in its role, in both languages.
    #[test]
    fn template_columns_are_read_back_in_their_roles() {
        use crate::words::labels::TemplateColumn as T;
        use crate::words::{Lang, Word};
        for lang in [Lang::Zh, Lang::En] {
            for column in T::ALL {
                let role = match column {
                    T::Region => Column::Region,
                    T::Domain | T::Name | T::Target | T::Attribute => Column::Describes,
                    T::Indicator => Column::Indicator,
                    T::Unit => Column::Unit,
                    T::Year => Column::Year,
                    T::Value => Column::Value,
                };
                assert_eq!(column_role(column.word(lang)), role, "{column:?} in {lang:?}");
            }
        }
        assert_eq!(column_role("2025年"), Column::YearValues(2025));
    }
}
