//! Diagnostics as JSON Lines (`--error-format json`): one object per diagnostic on stderr, with its code,
//! severity, message in the output's language, place (file, line, column; or file, sheet and cell) and labels,
//! so that a batch script can collect problems per file and row.

use super::{Diagnostic, Diagnostics, Location, Severity};
use crate::words::{Lang, Say};
use serde::Serialize;

#[derive(Serialize)]
struct Line {
    code: &'static str,
    severity: Severity,
    message: String,
    #[serde(flatten)]
    place: Place,
    labels: Vec<LabelJson>,
}

/// Where a diagnostic stands; every field null when it names no place.
#[derive(Serialize, Default)]
struct Place {
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    sheet: Option<String>,
    cell: Option<String>,
}

#[derive(Serialize)]
struct LabelJson {
    message: String,
    primary: bool,
    #[serde(flatten)]
    place: Place,
}

fn place(at: Option<&Location>) -> Place {
    let Some(at) = at else { return Place::default() };
    match &at.cell {
        Some(cell) => {
            let (file, sheet) = at
                .file
                .rsplit_once('!')
                .map_or((at.file.to_string(), None), |(f, s)| (f.to_string(), Some(s.to_string())));
            Place { file: Some(file), line: Some(at.line), column: Some(at.col), sheet, cell: Some(cell.clone()) }
        }
        None => {
            Place { file: Some(at.file.to_string()), line: Some(at.line), column: Some(at.col), ..Place::default() }
        }
    }
}

fn line(d: &Diagnostic, lang: Lang) -> Line {
    let mut labels = Vec::new();
    if let (Some(at), Some(label)) = (&d.at, &d.label) {
        labels.push(LabelJson { message: label.say(lang), primary: true, place: place(Some(at)) });
    }
    for (at, label) in &d.related {
        labels.push(LabelJson { message: label.say(lang), primary: false, place: place(Some(at)) });
    }
    Line {
        code: d.code().as_str(),
        severity: d.severity,
        message: d.message.say(lang),
        place: place(d.at.as_ref()),
        labels,
    }
}

impl Diagnostics {
    /// Every diagnostic as one JSON object per line, in the order [`Diagnostics::ordered`] gives.
    pub fn render_json(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in self.ordered() {
            out.push_str(&serde_json::to_string(&line(d, lang)).unwrap_or_default());
            out.push('\n');
        }
        out
    }
}
