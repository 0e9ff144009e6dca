//! What `report` keeps of a batch (one plan over the regions of one data file) once each region's pages are
//! written: per region its counts, 达标率 and, per quantified target, the status, the bureau's word and the
//! warnings. The index, the regions × indicators page and the batch's drafted report are rendered from it, so
//! they agree with the region pages by construction; nothing else of a region is kept, whatever their number.

use crate::eval::{Grade, Grades, Rates, RegionReport, Report};
use crate::rule::{Kind, Status};
use crate::warn::Warning;

/// A quantified target: a column of the regions × indicators page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    /// The indicator as the plan words it.
    pub name: String,
    /// The indicator with its unit, as the plan words it.
    pub label: String,
    /// The plan's wording.
    pub target: String,
    pub domain: String,
    pub binding: bool,
}

/// One region's verdict on one quantified target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub status: Status,
    pub grade: Grade,
}

/// One region of the batch.
#[derive(Debug, Clone)]
pub struct Row {
    pub region: String,
    pub year: Option<i32>,
    pub grades: Grades,
    pub rates: Rates,
    /// The count per status, every status present (met first).
    pub summary: Vec<(Status, usize)>,
    /// One per column, in the columns' order.
    pub cells: Vec<Cell>,
    /// The warnings of the columns that have any: (column, warnings).
    pub warnings: Vec<(usize, Vec<Warning>)>,
    /// The region's page and its drafted report, relative to the index.
    pub page: String,
    pub narrative: Option<String>,
}

/// A plan over the regions of one data file.
#[derive(Debug, Clone)]
pub struct Batch {
    pub plan: String,
    pub title: String,
    pub authority: String,
    pub document_number: Option<String>,
    pub stage: crate::eval::Stage,
    pub data_file: String,
    pub baseline_year: i32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The batch's own pages (the matrix and the drafted report), once written.
    pub matrix: Option<String>,
    pub narrative: Option<String>,
}

impl Batch {
    /// An empty batch for a report's head.
    pub fn of(report: &Report) -> Batch {
        let p = &report.plan;
        Batch {
            plan: p.id.clone(),
            title: p.title.clone(),
            authority: p.authority.clone(),
            document_number: p.document_number.clone(),
            stage: report.stage,
            data_file: report.data_file.clone(),
            baseline_year: p.baseline_year,
            columns: Vec::new(),
            rows: Vec::new(),
            matrix: None,
            narrative: None,
        }
    }

    /// The rows ordered by 达标率 (county practice), highest first, a region without one last; then by name.
    pub fn sorted(&self) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            let (ra, rb) = (a.rates.over_assessable(), b.rates.over_assessable());
            rb.cmp(&ra).then_with(|| a.region.cmp(&b.region))
        });
        rows
    }

    /// Per column, how many regions reached the target (已实现, 提前实现 or 基本实现).
    pub fn reached(&self) -> Vec<usize> {
        (0..self.columns.len())
            .map(|c| self.rows.iter().filter(|r| r.cells.get(c).is_some_and(|cell| cell.grade.is_reached())).count())
            .collect()
    }

    /// The counts and rates over every region.
    pub fn totals(&self) -> (Grades, Rates) {
        let (mut grades, mut rates) = (Grades::default(), Rates::default());
        for r in &self.rows {
            grades.add(&r.grades);
            rates.add(&r.rates);
        }
        (grades, rates)
    }
}

/// The quantified targets of a region's results: the columns.
pub fn columns(region: &RegionReport) -> Vec<Column> {
    quantified(region)
        .map(|r| Column {
            id: r.id.to_string(),
            name: r.name.to_string(),
            label: super::indicator_label(r),
            target: r.target.to_string(),
            domain: r.domain.to_string(),
            binding: r.attribute == crate::plan::Attribute::Binding,
        })
        .collect()
}

/// A region's row (its page's name given later).
pub fn row(region: &RegionReport) -> Row {
    let cells = quantified(region).map(|r| Cell { status: r.status, grade: r.grade }).collect();
    let warnings = quantified(region)
        .enumerate()
        .filter(|(_, r)| !r.warning.is_empty())
        .map(|(i, r)| (i, r.warning.clone()))
        .collect();
    Row {
        region: region.region.clone(),
        year: region.year,
        grades: region.grades(),
        rates: region.rates(),
        summary: region.summary().into_iter().collect(),
        cells,
        warnings,
        page: String::new(),
        narrative: None,
    }
}

fn quantified<'r, 'a>(region: &'r RegionReport<'a>) -> impl Iterator<Item = &'r crate::eval::TargetResult<'a>> {
    region.results.iter().filter(|r| r.kind != Kind::Qualitative)
}
