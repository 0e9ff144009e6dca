//! Excel workbooks, for `check --format xlsx` and `report --format xlsx`: a summary sheet first (per plan and
//! region the counts, the bureau's words and the 达标率 under both conventions, each region linked to its
//! sheet), then a sheet per region with its targets in the plan's order, and for `report` a regions × indicators
//! sheet per batch. Values are numbers shown with the digits they were read with, statuses in the bureau's
//! colours, the header rows frozen and repeated on every printed A4 page. Region sheets are built on any thread;
//! the workbook is assembled in order and written whole at the end.

use super::batch::Batch;
use super::{footer_lines, Filter, Renderer};
use crate::eval::{Grades, Rates, RegionReport, Report, TargetResult};
use crate::rule::Status;
use crate::words::outputs::Heading;
use crate::words::report::{status_letter, MatrixLegend, MatrixOrder, Term};
use crate::words::{Label, Lang, Say, Word};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The name of `report`'s workbook in its folder.
pub const REPORT_BOOK: &str = "report.xlsx";

/// Excel's longest cell text, in UTF-16 units.
const CELL_TEXT_AT_MOST: usize = 32_767;
/// Excel's longest sheet name, in UTF-16 units.
const SHEET_NAME_AT_MOST: usize = 31;
/// A4 in Excel's paper codes.
const A4: u8 = 9;
/// The most region sheets a workbook is made with: the country's 2,850 or so counties fit; past that the
/// workbook, held whole until it is written (about 4 KB a target row), would outgrow a desktop's memory.
pub const SHEETS_AT_MOST: usize = 3_000;
/// The widest a column of names is made.
const WIDE: usize = 40;

/// `check --format xlsx`: the workbook of one plan over the regions of a data file.
pub struct Xlsx {
    pub lang: Lang,
    pub filter: Filter,
    book: Option<Book>,
}

impl Xlsx {
    pub fn new(lang: Lang, filter: Filter) -> Xlsx {
        Xlsx { lang, filter, book: Some(Book::new(lang)) }
    }
}

impl<'a> Renderer<'a> for Xlsx {
    type Part = Sheet;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Sheet {
        region_sheet(report, region, self.lang, &self.filter)
    }

    fn write(&mut self, part: Sheet, _out: &mut dyn Write) -> io::Result<()> {
        if let Some(book) = &mut self.book {
            book.add(part, None);
        }
        Ok(())
    }

    /// The summary sheet, then the whole workbook.
    fn end(&mut self, report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        let Some(book) = self.book.take() else { return Ok(()) };
        let lang = self.lang;
        let title = format!("{}（{}）", report.plan.title, report.plan.id);
        let mut lines = vec![format!("{}：{}", Label::Data.word(lang), report.data_file)];
        let footer = crate::words::outputs::Footer {
            counts: String::new(),
            accounting: report.accounting,
            fail_on: report.fail_on,
            scope: report.scope,
            in_scope: report.in_scope,
            failures: book.rows.iter().map(|r| r.failures).sum(),
        };
        let mut footer = footer.lines(lang).into_iter().skip(1);
        lines.extend(footer.next());
        // The scope line counts one region's targets; over several, the 不通过 column says it per region.
        lines.extend(footer.next().filter(|_| book.rows.len() == 1));
        if report.in_scope == 0 && report.scope != crate::eval::FailOn::None {
            lines.push(crate::words::outputs::Note::EmptyScope.say(lang));
        }
        out.write_all(&book.finish(&title, &lines)?)
    }
}

/// One region's sheet, built, and its row of the summary.
pub struct Sheet {
    sheet: Worksheet,
    /// The name it would like: the region's.
    wanted: String,
    row: SummaryRow,
}

/// A row of the summary sheet.
struct SummaryRow {
    plan: String,
    region: String,
    year: Option<i32>,
    summary: Vec<(Status, usize)>,
    grades: Grades,
    rates: Rates,
    failures: usize,
    /// The sheet it links to, once named.
    sheet: Option<String>,
}

/// A workbook being assembled: the summary sheet is the first and is filled last.
pub struct Book {
    lang: Lang,
    book: Workbook,
    /// Sheet names taken, in lower case (Excel compares them without case).
    taken: HashSet<String>,
    rows: Vec<SummaryRow>,
}

impl Book {
    pub fn new(lang: Lang) -> Book {
        let mut book = Workbook::new();
        // The summary comes first; it is named and filled by `finish`.
        book.add_worksheet();
        let summary = Term::Summary.word(lang).to_lowercase();
        Book { lang, book, taken: HashSet::from([summary]), rows: Vec::new() }
    }

    /// Adds a region's sheet, named after the region, or after the region and `plan` when a workbook holds
    /// several plans (numbered when the name is taken, or when Excel's 31 characters cut what tells them apart).
    pub fn add(&mut self, part: Sheet, plan: Option<&str>) {
        let Sheet { mut sheet, wanted, mut row } = part;
        let wanted = match plan {
            Some(plan) => format!("{wanted} {plan}"),
            None => wanted,
        };
        let name = self.name(&[wanted]);
        // Names are made valid and unique above, so this cannot fail; a failure would only leave Excel's own
        // name (Sheet2, …) in place.
        let _ = sheet.set_name(&name);
        row.sheet = Some(name);
        self.rows.push(row);
        self.book.push_worksheet(sheet);
    }

    /// A valid, unused sheet name: the first of `tries` free, else the first numbered.
    fn name(&mut self, tries: &[String]) -> String {
        let tries: Vec<String> = tries.iter().map(|t| sheet_name(t, "")).collect();
        let free = tries.iter().find(|t| !self.taken.contains(&t.to_lowercase())).cloned();
        let name = free.unwrap_or_else(|| {
            let first = tries.first().map_or("", String::as_str);
            (2..)
                .map(|n| sheet_name(first, &format!(" ({n})")))
                .find(|t| !self.taken.contains(&t.to_lowercase()))
                .unwrap_or_default()
        });
        self.taken.insert(name.to_lowercase());
        name
    }

    /// Adds a batch's regions × indicators sheet.
    pub fn add_matrix(&mut self, b: &Batch) {
        let lang = self.lang;
        let name = self.name(&[format!("{} {}", Term::Matrix.word(lang), b.plan)]);
        let mut ws = Worksheet::new();
        let _ = ws.set_name(&name);
        let _ = matrix_sheet(&mut ws, b, lang);
        self.book.push_worksheet(ws);
    }

    /// Fills the summary sheet (its title, lines under it, a row per region and a totals row) and writes the
    /// workbook.
    pub fn finish(mut self, title: &str, lines: &[String]) -> io::Result<Vec<u8>> {
        let lang = self.lang;
        let summary = self.book.worksheet_from_index(0).map_err(fault)?;
        summary.set_name(Term::Summary.word(lang)).map_err(fault)?;
        summary_sheet(summary, &self.rows, title, lines, lang).map_err(fault)?;
        self.book.save_to_buffer().map_err(fault)
    }
}

pub fn fault(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// A sheet name Excel accepts: its forbidden characters replaced, apostrophes trimmed from the ends, cut to 31
/// UTF-16 units with `suffix` kept whole; an empty name becomes `-`.
pub fn sheet_name(name: &str, suffix: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if matches!(c, '*' | '?' | ':' | '[' | ']' | '\\' | '/') || c.is_control() { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let room = SHEET_NAME_AT_MOST.saturating_sub(suffix.encode_utf16().count());
    let mut out = String::new();
    for c in clean.chars() {
        if out.encode_utf16().count() + c.len_utf16() > room {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end_matches('\'').trim_end();
    let out = if out.is_empty() { "-" } else { out };
    format!("{out}{suffix}")
}

/// Text as a cell holds it: at most Excel's 32,767 units.
fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= CELL_TEXT_AT_MOST / 3 || text.encode_utf16().count() <= CELL_TEXT_AT_MOST {
        return text.into();
    }
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        units += c.len_utf16();
        if units > CELL_TEXT_AT_MOST - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out.into()
}

/// The formats of a workbook.
struct Styles {
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    wrap: Format,
    percent: Format,
    total: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_font_color(Color::RGB(0x40_40_40)),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9_E1_F2))
                .set_align(FormatAlign::Center),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            percent: cell.clone().set_num_format("0.0%"),
            total: cell.set_bold(),
        }
    }

    /// A status's cell: Excel's own good, neutral and bad colours.
    fn status(&self, status: Status) -> Format {
        let (fill, font) = match status {
            Status::Met => (0xC6_EF_CE, 0x00_61_00),
            Status::OnTrack => (0xE2_EF_DA, 0x37_56_23),
            Status::OffTrack => (0xFF_EB_9C, 0x9C_57_00),
            Status::Unmet => (0xFF_C7_CE, 0x9C_00_06),
            Status::NoData => (0xED_ED_ED, 0x59_59_59),
            Status::NotAssessed => (0xFF_FF_FF, 0x59_59_59),
        };
        self.text.clone().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font))
    }
}

/// Writes a decimal as a number shown with its own digits (`12.0` stays `12.0`); a value with more digits than
/// a spreadsheet number holds is written as text, exactly.
pub fn put_decimal(ws: &mut Worksheet, row: u32, col: u16, v: Decimal, base: &Format) -> Result<(), XlsxError> {
    let digits = v.mantissa().unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
    match v.to_string().parse::<f64>() {
        Ok(number) if digits <= 15 => {
            let scale = v.scale() as usize;
            let pattern = if scale == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(scale)) };
            ws.write_number_with_format(row, col, number, &base.clone().set_num_format(pattern))?;
        }
        _ => {
            ws.write_string_with_format(row, col, v.to_string(), base)?;
        }
    }
    Ok(())
}

/// A 达标率 (`10.3`, in percent) as a percentage cell (`10.3%`), or a dash.
fn put_rate(ws: &mut Worksheet, row: u32, col: u16, rate: Option<Decimal>, s: &Styles) -> Result<(), XlsxError> {
    match rate.and_then(|r| (r / Decimal::ONE_HUNDRED).to_string().parse::<f64>().ok()) {
        Some(fraction) => ws.write_number_with_format(row, col, fraction, &s.percent)?,
        None => ws.write_string_with_format(row, col, "—", &s.text)?,
    };
    Ok(())
}

/// Column widths that fit their text (a Chinese character is two units wide), each at most its cap (longer
/// text wraps), so that a region's sheet prints on A4 landscape at a readable size.
struct Widths {
    seen: Vec<usize>,
    caps: Vec<usize>,
}

impl Widths {
    fn new(caps: &[usize]) -> Widths {
        Widths { seen: vec![0; caps.len()], caps: caps.to_vec() }
    }

    fn see(&mut self, col: usize, text: &str) {
        let width = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        if let (Some(w), Some(cap)) = (self.seen.get_mut(col), self.caps.get(col)) {
            *w = (*w).max(width.min(*cap));
        }
    }

    /// How many lines `text` takes in column `col`, wrapped at its width.
    fn lines(&self, col: usize, text: &str) -> usize {
        let width = self.seen.get(col).copied().unwrap_or(1).max(1);
        text.lines().map(|l| UnicodeWidthStr::width(l).div_ceil(width).max(1)).sum::<usize>().max(1)
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in self.seen.iter().enumerate() {
            ws.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), (w + 1).max(4) as f64)?;
        }
        Ok(())
    }
}

/// The print setup every sheet shares: A4 landscape, one page wide, the header rows on every page, page numbers.
fn print_setup(ws: &mut Worksheet, header_row: u32, title: &str) -> Result<(), XlsxError> {
    ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    // `&` starts a code in Excel's header language: a title's own is doubled.
    ws.set_header(format!("&L{}", title.replace('&', "&&")));
    ws.set_footer("&C&P / &N");
    Ok(())
}

/// The widest each column of a region's sheet is made.
const REGION_CAPS: [usize; 14] = [16, 12, 22, 7, 20, 6, 8, 8, 8, 8, 8, 6, 30, 20];

const REGION_COLUMNS: [Label; 14] = [
    Label::IdHeading,
    Label::Domain,
    Label::Indicator,
    Label::UnitHeading,
    Label::Target,
    Label::Attribute,
    Label::Baseline,
    Label::BaselineFrom,
    Label::Value,
    Label::Status,
    Label::Grade,
    Label::Failures,
    Label::Reason,
    Label::Warning,
];

/// One region's sheet: the heading lines, the header row, a row per target shown, the footer lines.
pub fn region_sheet(report: &Report, region: &RegionReport, lang: Lang, filter: &Filter) -> Sheet {
    let mut ws = Worksheet::new();
    // Errors here are only Excel's limits (a million rows, 32,767 characters), which the text is cut to.
    let _ = fill_region(&mut ws, report, region, lang, filter);
    let rates = region.rates();
    let row = SummaryRow {
        plan: report.plan.id.clone(),
        region: region.region.clone(),
        year: region.year,
        summary: region.summary().into_iter().collect(),
        grades: region.grades(),
        rates,
        failures: region.failures(),
        sheet: None,
    };
    let wanted = if region.region.is_empty() { report.plan.region.clone() } else { region.region.clone() };
    Sheet { sheet: ws, wanted, row }
}

fn fill_region(
    ws: &mut Worksheet,
    report: &Report,
    region: &RegionReport,
    lang: Lang,
    filter: &Filter,
) -> Result<(), XlsxError> {
    let s = Styles::new();
    let heading = Heading::of(report, region).say(lang);
    let mut lines = heading.lines();
    ws.write_string_with_format(0, 0, cell_text(lines.next().unwrap_or("")), &s.title)?;
    ws.write_string_with_format(1, 0, cell_text(lines.next().unwrap_or("")), &s.note)?;
    let header_row = 2;
    let mut widths = Widths::new(&REGION_CAPS);
    for (col, label) in REGION_COLUMNS.iter().enumerate() {
        let word = label.word(lang);
        widths.see(col, word);
        ws.write_string_with_format(header_row, col as u16, word, &s.header)?;
    }
    let shown: Vec<&TargetResult> = region.results.iter().filter(|r| filter.keeps(r)).collect();
    let rows: Vec<[String; COLUMN_TEXTS]> = shown.iter().map(|r| texts(r, lang)).collect();
    for texts in &rows {
        for (col, text) in TEXT_COLUMNS.iter().zip(texts) {
            widths.see(*col, text);
        }
    }
    let mut row = header_row + 1;
    for (r, texts) in shown.iter().zip(&rows) {
        let mut lines = 1;
        for (&col, text) in TEXT_COLUMNS.iter().zip(texts) {
            if NUMBERS_AND_STATUS.contains(&col) {
                continue;
            }
            let wraps = WRAPPED.contains(&col);
            if wraps {
                lines = lines.max(widths.lines(col, text));
            }
            let format = if wraps { &s.wrap } else { &s.text };
            ws.write_string_with_format(row, col as u16, cell_text(text), format)?;
        }
        if lines > 1 {
            ws.set_row_height(row, LINE_HEIGHT * lines as f64)?;
        }
        for (col, value) in [(6u16, r.baseline), (8, r.value)] {
            match value {
                Some(v) => {
                    put_decimal(ws, row, col, v, &s.text)?;
                }
                None => {
                    ws.write_blank(row, col, &s.text)?;
                }
            }
        }
        let status = s.status(r.status);
        ws.write_string_with_format(row, 9, r.status.word(lang), &status)?;
        ws.write_string_with_format(row, 10, r.grade.word(lang), &status)?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(header_row);
    ws.autofilter(header_row, 0, last, (REGION_COLUMNS.len() - 1) as u16)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    widths.apply(ws)?;
    row += 1;
    if shown.len() < region.results.len() {
        let note = crate::words::outputs::Shown { shown: shown.len(), of: region.results.len() };
        ws.write_string_with_format(row, 0, note.say(lang), &s.note)?;
        row += 1;
    }
    for line in footer_lines(report, region, lang) {
        ws.write_string_with_format(row, 0, cell_text(&line), &s.note)?;
        row += 1;
    }
    print_setup(ws, header_row, &format!("{} · {}", report.plan.title, region.region))
}

/// The text cells of a target's row, by the columns of [`TEXT_COLUMNS`].
const COLUMN_TEXTS: usize = 14;
const TEXT_COLUMNS: [usize; COLUMN_TEXTS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
/// The columns written below as numbers and in the status's colours.
const NUMBERS_AND_STATUS: [usize; 4] = [6, 8, 9, 10];
/// The columns whose text wraps within the column's width.
const WRAPPED: [usize; 5] = [1, 2, 4, 12, 13];
/// The height of a line of wrapped text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// A target's row as text: the numbers as written (for the widths; they are written as numbers).
fn texts(r: &TargetResult, lang: Lang) -> [String; COLUMN_TEXTS] {
    let unit = match r.unit {
        crate::indicator::Unit::None => String::new(),
        unit => unit.to_string(),
    };
    let from = match (r.baseline, r.baseline_from_plan) {
        (None, _) => "",
        (Some(_), true) => Label::FromPlan.word(lang),
        (Some(_), false) => Label::FromData.word(lang),
    };
    let name = if r.indicator.is_some() { r.name } else { "—" };
    [
        r.id.to_string(),
        r.domain.to_string(),
        name.to_string(),
        unit,
        r.target.to_string(),
        r.attribute.word(lang).to_string(),
        super::number(r.baseline),
        from.to_string(),
        super::number(r.value),
        r.status.word(lang).to_string(),
        r.grade.word(lang).to_string(),
        if r.fails { "✗".to_string() } else { String::new() },
        r.reason.say(lang),
        r.warning.say(lang),
    ]
}

/// The summary sheet's columns after the plan, the region and the year.
fn summary_columns(lang: Lang) -> Vec<&'static str> {
    let mut out = vec![Label::Plan.word(lang), Label::Region.word(lang), Label::EvaluationYear.word(lang)];
    out.extend(Status::all().map(|s| s.word(lang)));
    out.extend(
        [crate::eval::Grade::Achieved, crate::eval::Grade::AchievedEarly, crate::eval::Grade::NearlyAchieved]
            .map(|g| g.word(lang)),
    );
    out.extend([
        Label::Reached.word(lang),
        Label::Assessable.word(lang),
        Label::RateCountyShort.word(lang),
        Label::WithData.word(lang),
        Label::RateNationalShort.word(lang),
        Label::Failures.word(lang),
    ]);
    out
}

fn summary_sheet(
    ws: &mut Worksheet,
    rows: &[SummaryRow],
    title: &str,
    lines: &[String],
    lang: Lang,
) -> Result<(), XlsxError> {
    let s = Styles::new();
    ws.write_string_with_format(0, 0, cell_text(title), &s.title)?;
    let mut row = 1;
    for line in lines {
        ws.write_string_with_format(row, 0, cell_text(line), &s.note)?;
        row += 1;
    }
    let header_row = row;
    let columns = summary_columns(lang);
    let caps: Vec<usize> = (0..columns.len()).map(|c| if c < 2 { WIDE } else { 10 }).collect();
    let mut widths = Widths::new(&caps);
    for (col, word) in columns.iter().enumerate() {
        widths.see(col, word);
        ws.write_string_with_format(header_row, col as u16, *word, &s.header)?;
    }
    let lines = columns.iter().enumerate().map(|(col, word)| widths.lines(col, word)).max().unwrap_or(1);
    ws.set_row_height(header_row, LINE_HEIGHT * lines as f64)?;
    let mut row = header_row + 1;
    for r in rows {
        summary_row(ws, row, r, &s, &s.text, &mut widths)?;
        row += 1;
    }
    if rows.len() > 1 {
        let (mut grades, mut rates, mut failures) = (Grades::default(), Rates::default(), 0);
        let mut summary: Vec<(Status, usize)> = Status::all().map(|s| (s, 0)).collect();
        for r in rows {
            grades.add(&r.grades);
            rates.add(&r.rates);
            failures += r.failures;
            for (total, (_, n)) in summary.iter_mut().zip(&r.summary) {
                total.1 += n;
            }
        }
        let total = SummaryRow {
            plan: Term::Total.word(lang).to_string(),
            region: String::new(),
            year: None,
            summary,
            grades,
            rates,
            failures,
            sheet: None,
        };
        summary_row(ws, row, &total, &s, &s.total, &mut widths)?;
        row += 1;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    widths.apply(ws)?;
    let _ = row;
    print_setup(ws, header_row, title)
}

fn summary_row(
    ws: &mut Worksheet,
    row: u32,
    r: &SummaryRow,
    s: &Styles,
    text: &Format,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, cell_text(&r.plan), text)?;
    widths.see(0, &r.plan);
    match &r.sheet {
        Some(sheet) => {
            let link = Url::new(format!("internal:'{}'!A1", sheet.replace('\'', "''"))).set_text(cell_text(&r.region));
            ws.write_url_with_format(row, 1, link, text)?;
        }
        None => {
            ws.write_string_with_format(row, 1, cell_text(&r.region), text)?;
        }
    }
    widths.see(1, &r.region);
    match r.year {
        Some(year) => ws.write_number_with_format(row, 2, f64::from(year), text)?,
        None => ws.write_blank(row, 2, text)?,
    };
    let mut col: u16 = 3;
    let counts =
        r.summary.iter().map(|(_, n)| *n).chain([r.grades.achieved, r.grades.achieved_early, r.grades.nearly_achieved]);
    for n in counts.chain([r.rates.reached, r.rates.assessable]) {
        ws.write_number_with_format(row, col, n as f64, text)?;
        col += 1;
    }
    put_rate(ws, row, col, r.rates.over_assessable(), s)?;
    ws.write_number_with_format(row, col + 1, r.rates.with_data as f64, text)?;
    put_rate(ws, row, col + 2, r.rates.over_with_data(), s)?;
    ws.write_number_with_format(row, col + 3, r.failures as f64, text)?;
    Ok(())
}

/// A batch's regions × indicators: a row per region ordered as the report's page orders them, the 达标率, a
/// column per quantified target holding each region's status in its colour, and the regions reaching each.
fn matrix_sheet(ws: &mut Worksheet, b: &Batch, lang: Lang) -> Result<(), XlsxError> {
    let s = Styles::new();
    let title = format!("{} · {}", b.title, Term::Matrix.word(lang));
    ws.write_string_with_format(0, 0, cell_text(&title), &s.title)?;
    ws.write_string_with_format(1, 0, MatrixOrder.say(lang), &s.note)?;
    ws.write_string_with_format(2, 0, MatrixLegend.say(lang), &s.note)?;
    let header_row = 3;
    let mut widths = Widths::new(&[vec![WIDE, 8], vec![10; b.columns.len()]].concat());
    let head = [Label::Region.word(lang).to_string(), Term::Rate.word(lang).to_string()];
    for (col, text) in head.iter().chain(b.columns.iter().map(|c| &c.label)).enumerate() {
        ws.write_string_with_format(header_row, col as u16, cell_text(text), &s.header)?;
    }
    widths.see(0, &head[0]);
    widths.see(1, &head[1]);
    let mut row = header_row + 1;
    for r in b.sorted() {
        ws.write_string_with_format(row, 0, cell_text(&r.region), &s.text)?;
        widths.see(0, &r.region);
        put_rate(ws, row, 1, r.rates.over_assessable(), &s)?;
        for (i, c) in r.cells.iter().enumerate() {
            let near = if c.grade == crate::eval::Grade::NearlyAchieved { "≈" } else { "" };
            let text = format!("{}{near}", status_letter(c.status, lang));
            ws.write_string_with_format(row, (i + 2) as u16, text, &s.status(c.status).set_align(FormatAlign::Center))?;
        }
        row += 1;
    }
    ws.write_string_with_format(row, 0, Term::RegionsReached.word(lang), &s.total)?;
    widths.see(0, Term::RegionsReached.word(lang));
    for (i, n) in b.reached().into_iter().enumerate() {
        ws.write_number_with_format(row, (i + 2) as u16, n as f64, &s.total)?;
    }
    widths.apply(ws)?;
    // The indicator columns stay narrow: their headers wrap.
    for col in 2..b.columns.len() + 2 {
        ws.set_column_width(col as u16, 10)?;
    }
    ws.set_row_height(header_row, 90)?;
    ws.set_freeze_panes(header_row + 1, 2)?;
    print_setup(ws, header_row, &title)
}

#[cfg(test)]
mod tests {
    use super::{cell_text, sheet_name};

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("重庆市江津区", ""), "重庆市江津区");
        assert_eq!(sheet_name("a/b[c]:d*e?f\\g", ""), "a_b_c__d_e_f_g");
        assert_eq!(sheet_name("'quoted'", ""), "quoted");
        assert_eq!(sheet_name("", ""), "-");
        assert_eq!(sheet_name("\u{1b}[31m", ""), "__31m");
        let long = "很".repeat(40);
        assert_eq!(sheet_name(&long, "").chars().count(), 31);
        assert_eq!(sheet_name(&long, " (2)"), format!("{} (2)", "很".repeat(27)));
        // A character outside the BMP is two UTF-16 units: never cut in half.
        assert_eq!(sheet_name(&"𠀀".repeat(20), "").encode_utf16().count(), 30);
    }

    #[test]
    fn long_cells_are_cut_to_excels_limit() {
        assert_eq!(cell_text("短"), "短");
        let long = "长".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.encode_utf16().count(), 32_767);
        assert!(cut.ends_with('…'));
    }
}
