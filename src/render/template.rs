//! The sheet an analyst fills in (`plancheck template`): one row per indicator of the plan, in the plan's order,
//! with its domain, its name as the plan writes it, its unit, the targets as written and their attributes, and
//! cells for the values — one row per year (long) or one column per year (wide, as bureau tables are laid out),
//! for each region asked for. Written as CSV with a byte order mark (Excel on Chinese Windows reads it as UTF-8)
//! or as an .xlsx workbook; `check` reads either back as it is.

use crate::indicator::{IndicatorId, Registry, Unit};
use crate::plan::{Attribute, Plan};
use crate::words::labels::TemplateColumn as Col;
use crate::words::{Lang, Word};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

/// One row of values per year, or one column per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// 每个指标每年一行 / one row per indicator and year
    Long,
    /// 每个指标一行、每年一列（统计表的样式） / one row per indicator and a column per year, as in bureau tables
    Wide,
}

/// What the template holds.
pub struct Request<'a> {
    pub plan: &'a Plan,
    pub registry: &'a Registry,
    pub years: (i32, i32),
    pub layout: Layout,
    /// A region column with these regions; none: no region column.
    pub regions: &'a [String],
    pub lang: Lang,
}

/// A cell of the template.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(Decimal),
    Empty,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.normalize().to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The template as a grid: the header and the rows.
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// How many leading columns describe (the rest are years or values).
    pub described: usize,
}

/// What the template says about one indicator.
struct Described {
    id: IndicatorId,
    cells: Vec<Cell>,
}

/// The plan's indicators in the plan's order: those of its targets first (as the targets stand), then those it
/// only compares with or states a baseline for.
fn in_plan_order(plan: &Plan) -> Vec<IndicatorId> {
    let mut ids: Vec<IndicatorId> = Vec::new();
    let all = plan.indicators();
    let targets = plan.targets.iter().filter_map(|t| t.indicator);
    let references = plan.targets.iter().filter_map(|t| t.rule.reference());
    for id in targets.chain(references).chain(all.iter().copied()) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

fn describe(r: &Request, id: IndicatorId) -> Described {
    let (plan, lang) = (r.plan, r.lang);
    let ind = r.registry.get(id);
    let targets: Vec<_> = plan.targets.iter().filter(|t| t.indicator == Some(id)).collect();
    let domain = targets.first().and_then(|t| plan.domains.get(t.domain)).map_or("", |d| d.name.as_str());
    let mut written: Vec<&str> = Vec::new();
    let mut attributes: Vec<&str> = Vec::new();
    for t in &targets {
        if !written.contains(&t.text.as_str()) {
            written.push(&t.text);
        }
        let a = t.attribute;
        if a != Attribute::Unspecified && !attributes.contains(&a.word(lang)) {
            attributes.push(a.word(lang));
        }
    }
    let unit = match ind.unit {
        Unit::None => String::new(),
        ref unit => unit.to_string(),
    };
    let text = |s: String| if s.is_empty() { Cell::Empty } else { Cell::Text(s) };
    let cells = vec![
        text(domain.to_string()),
        Cell::Text(ind.id.clone()),
        Cell::Text(plan.indicator_name(id, r.registry).to_string()),
        text(unit),
        text(written.join("；")),
        text(attributes.join("、")),
    ];
    Described { id, cells }
}

/// The value the template fills in: the plan's own figure for its baseline year, else nothing.
fn prefilled(plan: &Plan, id: IndicatorId, year: i32) -> Cell {
    match year == plan.meta.baseline_year {
        true => plan.stated(id, year).map_or(Cell::Empty, Cell::Number),
        false => Cell::Empty,
    }
}

/// The grid of a template.
pub fn grid(r: &Request) -> Grid {
    let lang = r.lang;
    let (from, to) = r.years;
    let with_region = !r.regions.is_empty();
    let mut header: Vec<String> = Vec::new();
    if with_region {
        header.push(Col::Region.word(lang).to_string());
    }
    let described = [Col::Domain, Col::Indicator, Col::Name, Col::Unit, Col::Target, Col::Attribute];
    header.extend(described.iter().map(|c| c.word(lang).to_string()));
    let described_count = header.len();
    match r.layout {
        Layout::Long => header.extend([Col::Year.word(lang).to_string(), Col::Value.word(lang).to_string()]),
        Layout::Wide => header.extend((from..=to).map(|y| match lang {
            Lang::Zh => format!("{y}年"),
            Lang::En => y.to_string(),
        })),
    }
    let indicators: Vec<Described> = in_plan_order(r.plan).into_iter().map(|id| describe(r, id)).collect();
    let no_region = [String::new()];
    let regions: &[String] = if with_region { r.regions } else { &no_region };
    let mut rows = Vec::new();
    for region in regions {
        for ind in &indicators {
            let lead = || {
                let mut row: Vec<Cell> = Vec::new();
                if with_region {
                    row.push(Cell::Text(region.clone()));
                }
                row.extend(ind.cells.iter().cloned());
                row
            };
            match r.layout {
                Layout::Long => {
                    for year in from..=to {
                        let mut row = lead();
                        row.push(Cell::Number(Decimal::from(year)));
                        row.push(prefilled(r.plan, ind.id, year));
                        rows.push(row);
                    }
                }
                Layout::Wide => {
                    let mut row = lead();
                    row.extend((from..=to).map(|year| prefilled(r.plan, ind.id, year)));
                    rows.push(row);
                }
            }
        }
    }
    Grid { header, rows, described: described_count }
}

/// The template as CSV, with the byte order mark Excel needs to read UTF-8.
pub fn csv(grid: &Grid) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(super::csv::BOM.to_vec());
    let _ = w.write_record(&grid.header);
    for row in &grid.rows {
        // A text a spreadsheet would take for a formula is defused, as in `check`'s CSV.
        let _ = w.write_record(row.iter().map(|c| super::csv::defuse(&c.text()).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// The widest a column is made, in characters' widths.
const WIDEST: usize = 48;

/// The template as an .xlsx workbook: one sheet, the header frozen, the describing columns shaded (they are read
/// by people, not by `check`), the value cells empty for numbers.
pub fn xlsx(grid: &Grid, sheet: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let header = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_border(FormatBorder::Thin);
    let shaded = Format::new().set_background_color(Color::RGB(0xF2F2F2)).set_text_wrap();
    let value = Format::new().set_border(FormatBorder::Thin);
    let mut widths: Vec<usize> = grid.header.iter().map(|h| h.width()).collect();
    for (c, h) in grid.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
    }
    for (r, row) in grid.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let format = if c < grid.described { &shaded } else { &value };
            let col = c as u16;
            match cell {
                Cell::Text(t) => {
                    ws.write_string_with_format(r, col, t, format)?;
                }
                Cell::Number(n) => super::xlsx::put_decimal(ws, r, col, *n, format)?,
                Cell::Empty => {
                    ws.write_blank(r, col, format)?;
                }
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.text().width());
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, WIDEST) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, grid.rows.len() as u32, grid.header.len().saturating_sub(1) as u16)?;
    book.save_to_buffer()
}
