//! The pages of `report`: for every plan and region, one file per format (HTML, Markdown, JSON) inside the
//! output folder, and the index of them all. Files are named by safe slugs of the region names.

use super::{html, json, markdown, Renderer};
use crate::eval::{RegionReport, Report};
use crate::rule::Status;
use crate::words::Lang;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PageFormat {
    /// Self-contained HTML pages with charts.
    Html,
    /// Markdown pages.
    Markdown,
    /// JSON, the same fields as `check --format json` plus each target's course by year.
    Json,
}

impl PageFormat {
    fn extension(self) -> &'static str {
        match self {
            PageFormat::Html => "html",
            PageFormat::Markdown => "md",
            PageFormat::Json => "json",
        }
    }
}

/// One line of the index: a written page.
pub struct IndexEntry {
    pub plan: String,
    pub title: String,
    pub region: String,
    pub year: Option<i32>,
    pub summary: Vec<(Status, usize)>,
    pub rates: crate::eval::Rates,
    /// The page's file name, relative to the index.
    pub file: String,
}

/// A region's pages, rendered: its index line without the file name, and (extension, text) per format.
pub struct RegionPages {
    entry: IndexEntry,
    region: String,
    files: Vec<(&'static str, String)>,
}

/// The report pages of every plan and region, written into one folder.
pub struct Pages {
    pub lang: Lang,
    pub formats: Vec<PageFormat>,
    pub dir: PathBuf,
    entries: Vec<IndexEntry>,
    taken: HashSet<String>,
    /// Shows how many pages are written, on a terminal.
    pub progress: indicatif::ProgressBar,
    /// Why a page could not be written.
    pub failure: Option<crate::diag::Message>,
}

impl Pages {
    pub fn new(lang: Lang, formats: Vec<PageFormat>, dir: PathBuf) -> Pages {
        let progress = indicatif::ProgressBar::hidden();
        Pages { lang, formats, dir, entries: Vec::new(), taken: HashSet::new(), progress, failure: None }
    }

    /// The pages written so far, in order.
    pub fn entries(&self) -> &[IndexEntry] {
        &self.entries
    }

    /// Writes the index in every format asked for.
    pub fn write_indexes(&self, stage: crate::eval::Stage) -> Result<(), crate::diag::Message> {
        for format in &self.formats {
            let (name, text) = match format {
                PageFormat::Html => ("index.html", html::index(&self.entries, stage, self.lang)),
                PageFormat::Markdown => ("index.md", markdown::index(&self.entries, stage, self.lang)),
                PageFormat::Json => ("index.json", json::index(&self.entries, stage)),
            };
            crate::output::write_file(&self.dir, name, text.as_bytes())?;
        }
        Ok(())
    }
}

impl<'a> Renderer<'a> for Pages {
    type Part = RegionPages;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> RegionPages {
        let lang = self.lang;
        let files = self
            .formats
            .iter()
            .map(|format| {
                let text = match format {
                    PageFormat::Html => html::page(report, region, lang),
                    PageFormat::Markdown => markdown::page(report, region, lang),
                    PageFormat::Json => json::page(report, region, lang),
                };
                (format.extension(), text)
            })
            .collect();
        let entry = IndexEntry {
            plan: report.plan.id.clone(),
            title: report.plan.title.clone(),
            region: region.region.clone(),
            year: region.year,
            summary: region.summary().into_iter().collect(),
            rates: region.rates(),
            file: String::new(),
        };
        RegionPages { entry, region: region.region.clone(), files }
    }

    fn write(&mut self, part: RegionPages, _out: &mut dyn Write) -> io::Result<()> {
        let RegionPages { mut entry, region, files } = part;
        let stem = unique(&mut self.taken, &format!("{}--{}", entry.plan, slug(&region)));
        for (ext, text) in &files {
            if let Err(message) = crate::output::write_file(&self.dir, &format!("{stem}.{ext}"), text.as_bytes()) {
                self.failure = Some(message);
                return Err(io::Error::other("a page could not be written"));
            }
        }
        let link = if self.formats.contains(&PageFormat::Html) { "html" } else { "md" };
        entry.file = format!("{stem}.{link}");
        self.entries.push(entry);
        self.progress.inc(1);
        Ok(())
    }
}

/// A file-name-safe form of a region name: letters and digits (any script) kept, everything else `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "region".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `stem`, or `stem-2`, `stem-3`, ... when taken.
fn unique(taken: &mut HashSet<String>, stem: &str) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::{slug, unique};

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("乐平市"), "乐平市");
        assert_eq!(slug("<b>甲县</b>/../乙"), "b-甲县-b-乙");
        assert_eq!(slug("../.."), "region");
        assert_eq!(slug(""), "region");
        assert!(!slug("a\\b/c").contains(['/', '\\']));
    }

    #[test]
    fn colliding_slugs_get_a_number() {
        let mut taken = Default::default();
        assert_eq!(unique(&mut taken, "x"), "x");
        assert_eq!(unique(&mut taken, "x"), "x-2");
        assert_eq!(unique(&mut taken, "x"), "x-3");
    }
}
