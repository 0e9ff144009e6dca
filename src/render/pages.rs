//! The files of `report`, inside the output folder: for every plan and region a page per format (HTML, Markdown,
//! JSON) and its drafted monitoring report (HTML, Markdown); for every plan over the regions of a data file (a
//! batch) the regions × indicators page and the batch's drafted report; and the index of them all. Names are
//! [`super::names`]'; every file is written under a temporary name and renamed into place.

use super::batch::{self, Batch};
use super::names::{ascii_slug, href, slug, unique};
use super::{html, json, markdown, matrix, narrative, xlsx, Renderer};
use crate::eval::{RegionReport, Report};
use crate::words::{Lang, Word};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PageFormat {
    /// Self-contained HTML pages with charts, printable on A4.
    Html,
    /// Markdown pages.
    Markdown,
    /// JSON, the same fields as `check --format json` plus each target's course and values by year.
    Json,
    /// One Excel workbook for the whole run (report.xlsx): a summary sheet, a sheet per plan and region, and a
    /// regions × indicators sheet per plan and data file.
    Xlsx,
}

impl PageFormat {
    fn extension(self) -> &'static str {
        match self {
            PageFormat::Html => "html",
            PageFormat::Markdown => "md",
            PageFormat::Json => "json",
            PageFormat::Xlsx => "xlsx",
        }
    }
}

/// A region's files, rendered: its row of the batch, and (file name, text) of each file.
pub struct RegionPages {
    row: batch::Row,
    columns: Vec<batch::Column>,
    files: Vec<(String, String)>,
    /// The region's sheet of the workbook, when one is written.
    sheet: Option<xlsx::Sheet>,
}

/// The report files of every plan and region, written into one folder.
pub struct Pages {
    pub lang: Lang,
    pub formats: Vec<PageFormat>,
    pub dir: PathBuf,
    /// ASCII file names (`region-003`) instead of the region's own name.
    pub ascii_names: bool,
    batches: Vec<Batch>,
    /// The stems of the current batch's regions, by their position in the job.
    stems: Vec<String>,
    taken: HashSet<String>,
    written: Vec<String>,
    /// Shows how many pages are written, on a terminal.
    pub progress: indicatif::ProgressBar,
    /// Why a file could not be written.
    pub failure: Option<crate::diag::Message>,
    /// The workbook, with `--format xlsx`.
    book: Option<xlsx::Book>,
    /// The run covers several plans: the workbook's sheets name the plan beside the region.
    pub several_plans: bool,
}

impl Pages {
    pub fn new(lang: Lang, formats: Vec<PageFormat>, dir: PathBuf, ascii_names: bool) -> Pages {
        let progress = indicatif::ProgressBar::hidden();
        Pages {
            book: formats.contains(&PageFormat::Xlsx).then(|| xlsx::Book::new(lang)),
            lang,
            formats,
            dir,
            ascii_names,
            batches: Vec::new(),
            stems: Vec::new(),
            taken: HashSet::new(),
            written: Vec::new(),
            progress,
            failure: None,
            several_plans: false,
        }
    }

    /// Starts a batch: a plan over the regions of one data file, named in the order they will be rendered
    /// (with their numbers in the data file, for ASCII names).
    pub fn start<'n>(&mut self, report: &Report, regions: impl Iterator<Item = (usize, &'n str)>) {
        let mut b = Batch::of(report);
        let plan = b.plan.clone();
        b.matrix = Some(unique(&mut self.taken, &format!("matrix--{plan}")));
        b.narrative = Some(unique(&mut self.taken, &format!("narrative--{plan}")));
        self.stems = regions
            .map(|(number, name)| {
                let slug = if self.ascii_names { ascii_slug(name, number + 1) } else { slug(name) };
                let stem = unique(&mut self.taken, &format!("{plan}--{slug}"));
                self.taken.insert(format!("narrative--{stem}"));
                stem
            })
            .collect();
        self.batches.push(b);
    }

    /// The batches so far.
    pub fn batches(&self) -> &[Batch] {
        &self.batches
    }

    /// The region pages written (one per plan and region).
    pub fn pages(&self) -> usize {
        self.batches.iter().map(|b| b.rows.len()).sum()
    }

    /// Every file written, by name.
    pub fn written(&self) -> &[String] {
        &self.written
    }

    /// Writes each batch's regions × indicators page and drafted report, and the index in every format.
    pub fn finish(&mut self, stage: crate::eval::Stage) -> io::Result<()> {
        let lang = self.lang;
        let mut files = Vec::new();
        for b in &self.batches {
            let (Some(m), Some(n)) = (&b.matrix, &b.narrative) else { continue };
            let doc = narrative::batch(b, lang);
            let header = doc.title.clone();
            if let Some(book) = &mut self.book {
                book.add_matrix(b);
            }
            for format in &self.formats {
                let (matrix_text, narrative_text) = match format {
                    PageFormat::Html => {
                        (html::matrix::page(b, "index.html", lang), Some(html::narrative::page(&doc, &header, lang)))
                    }
                    PageFormat::Markdown => (matrix::markdown(b, lang), Some(narrative::markdown(&doc))),
                    PageFormat::Json => (matrix::json(b), None),
                    PageFormat::Xlsx => continue,
                };
                let ext = format.extension();
                files.push((format!("{m}.{ext}"), matrix_text));
                if let Some(text) = narrative_text {
                    files.push((format!("{n}.{ext}"), text));
                }
            }
        }
        let book = self.book.is_some().then_some(xlsx::REPORT_BOOK);
        for format in &self.formats {
            let (name, text) = match format {
                PageFormat::Html => ("index.html", html::index(&self.batches, stage, lang, book)),
                PageFormat::Markdown => ("index.md", markdown::index(&self.batches, stage, lang, book)),
                PageFormat::Json => ("index.json", json::index(&self.batches, stage, self.narrative_ext())),
                PageFormat::Xlsx => continue,
            };
            files.push((name.to_string(), text));
        }
        for (name, text) in files {
            self.write_file(&name, text.as_bytes())?;
        }
        if let Some(book) = self.book.take() {
            let title = format!("{} · {}", stage.word(lang), crate::words::report::Term::Summary.word(lang));
            let lines: Vec<String> =
                self.batches.iter().map(|b| format!("{}（{}） · {}", b.title, b.plan, b.data_file)).collect();
            let bytes = book.finish(&title, &lines)?;
            self.write_file(xlsx::REPORT_BOOK, &bytes)?;
        }
        Ok(())
    }

    /// The link format of pages: HTML when written, else Markdown.
    fn link_ext(&self) -> &'static str {
        if self.formats.contains(&PageFormat::Html) {
            "html"
        } else if self.formats.contains(&PageFormat::Markdown) {
            "md"
        } else {
            "json"
        }
    }

    /// The extension of the drafted reports written, if any.
    fn narrative_ext(&self) -> Option<&'static str> {
        Some(self.link_ext()).filter(|e| *e != "json")
    }

    /// Writes one file inside the folder, whole and never through a link ([`crate::output::write_file`]); why
    /// it could not be written is kept for the command to say.
    fn write_file(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        if let Err(message) = crate::output::write_file(&self.dir, name, bytes) {
            self.failure = Some(message);
            return Err(io::Error::other("a file of the report could not be written"));
        }
        self.written.push(name.to_string());
        Ok(())
    }
}

impl<'a> Renderer<'a> for Pages {
    type Part = RegionPages;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, index: usize) -> RegionPages {
        let lang = self.lang;
        let stem =
            self.stems.get(index).cloned().unwrap_or_else(|| format!("{}--{}", report.plan.id, slug(&region.region)));
        let writes = |f: PageFormat| self.formats.contains(&f);
        let html_links = html::page::Links {
            index: Some("index.html".to_string()),
            matrix: self.batches.last().and_then(|b| b.matrix.as_ref()).map(|m| href(&format!("{m}.html"))),
            narrative: writes(PageFormat::Html).then(|| href(&format!("narrative--{stem}.html"))),
        };
        let mut files = Vec::new();
        let doc = narrative::region(report, region, lang);
        for format in &self.formats {
            let ext = format.extension();
            let text = match format {
                PageFormat::Html => html::page(report, region, &html_links, lang),
                PageFormat::Markdown => markdown::page(report, region, lang),
                PageFormat::Json => json::page(report, region, lang),
                PageFormat::Xlsx => continue,
            };
            files.push((format!("{stem}.{ext}"), text));
            let drafted = match format {
                PageFormat::Html => Some(html::narrative::page(&doc, &doc.title, lang)),
                PageFormat::Markdown => Some(narrative::markdown(&doc)),
                PageFormat::Json | PageFormat::Xlsx => None,
            };
            if let Some(text) = drafted {
                files.push((format!("narrative--{stem}.{ext}"), text));
            }
        }
        let mut row = batch::row(region);
        let ext = self.link_ext();
        row.page = format!("{stem}.{ext}");
        row.narrative = self.narrative_ext().map(|ext| format!("narrative--{stem}.{ext}"));
        let columns = if index == 0 { batch::columns(region) } else { Vec::new() };
        let sheet = self.book.is_some().then(|| xlsx::region_sheet(report, region, lang, &super::Filter::default()));
        RegionPages { row, columns, files, sheet }
    }

    fn write(&mut self, part: RegionPages, _out: &mut dyn Write) -> io::Result<()> {
        let RegionPages { row, columns, files, sheet } = part;
        for (name, text) in &files {
            self.write_file(name, text.as_bytes())?;
        }
        if let (Some(book), Some(sheet)) = (&mut self.book, sheet) {
            let plan = self.several_plans.then(|| self.batches.last().map(|b| b.plan.as_str())).flatten();
            book.add(sheet, plan);
        }
        if let Some(b) = self.batches.last_mut() {
            if b.columns.is_empty() {
                b.columns = columns;
            }
            b.rows.push(row);
        }
        self.progress.inc(1);
        Ok(())
    }
}

/// The files in `dir` that `report` writes by name (of an earlier run, before this one writes any).
pub fn own_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| super::names::is_own(n))
        .collect();
    names.sort();
    names
}
