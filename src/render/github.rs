//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::…` for each diagnostic and for each
//! target that fails the check, at the data row that holds the failing value (at the plan's line for a target
//! without data); `::warning` for an early warning on a target in scope; a `::notice` with the scope and the
//! count at the end of each region. GitHub shows them on the files of the pull request and in the job summary.

use super::Renderer;
use crate::diag::{Diagnostic, Location, Severity};
use crate::eval::{RegionReport, Report, TargetResult};
use crate::words::outputs::{Annotation, RegionTally};
use crate::words::{Lang, Say};
use std::io::{self, Write};

/// The `github` format.
pub struct Github {
    pub lang: Lang,
    /// The run's diagnostics, as commands written first.
    diagnostics: String,
}

impl Github {
    pub fn new(lang: Lang, diagnostics: &[&Diagnostic]) -> Github {
        Github { lang, diagnostics: problems(diagnostics, lang) }
    }
}

impl<'a> Renderer<'a> for Github {
    type Part = String;

    fn begin(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.diagnostics.as_bytes())
    }

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> String {
        let mut out = String::new();
        for r in &region.results {
            let kind = match (r.fails, r.in_scope && !r.warning.is_empty()) {
                (true, _) => "error",
                (false, true) => "warning",
                (false, false) => continue,
            };
            let at = r.value_at.as_ref().unwrap_or(r.at);
            let title = format!("plancheck {} {}", report.plan.id, r.id);
            out.push_str(&command(kind, Some(at), &title, &annotation(region, r, self.lang)));
        }
        let tally = RegionTally {
            plan: &report.plan.id,
            region: &region.region,
            scope: report.scope,
            in_scope: report.in_scope,
            failures: region.failures(),
        };
        out.push_str(&command("notice", None, "plancheck", &tally.say(self.lang)));
        out
    }

    fn write(&mut self, part: String, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(part.as_bytes())
    }
}

fn annotation(region: &RegionReport, r: &TargetResult, lang: Lang) -> String {
    let warning = r.warning.say(lang);
    Annotation {
        region: &region.region,
        name: r.name,
        target: r.target,
        status: r.status,
        reason: r.reason.say(lang),
        warning,
    }
    .say(lang)
}

/// Diagnostics as workflow commands: errors, warnings and notes.
pub fn problems(diags: &[&Diagnostic], lang: Lang) -> String {
    diags
        .iter()
        .map(|d| {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let title = format!("plancheck {}", d.code());
            command(kind, d.at.as_ref(), &title, &d.message.say(lang))
        })
        .collect()
}

/// One workflow command, its properties and message escaped as the runner reads them.
fn command(kind: &str, at: Option<&Location>, title: &str, message: &str) -> String {
    let mut properties = Vec::new();
    if let Some(at) = at {
        let (file, line, col) = place(at);
        properties.push(format!("file={}", property(&file)));
        properties.push(format!("line={line}"));
        properties.push(format!("col={col}"));
    }
    properties.push(format!("title={}", property(title)));
    format!("::{kind} {}::{}\n", properties.join(","), data(message))
}

/// A location as a file in the repository, a line and a column: a sheet's cell becomes the workbook, its row and
/// column.
fn place(at: &Location) -> (String, u32, u32) {
    let file = match &at.cell {
        Some(_) => at.file.rsplit_once('!').map_or(at.file.to_string(), |(file, _)| file.to_string()),
        None => at.file.to_string(),
    };
    (file, at.line, at.col)
}

/// The message of a workflow command: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    crate::words::visible(&text).into_owned()
}

/// A property of a workflow command: also `:` and `,` escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_what_the_runner_would_split_on() {
        let at = Location::new("d,a:ta.csv".into(), 3, 12);
        assert_eq!(
            command("error", Some(&at), "t", "50%\nnext"),
            "::error file=d%2Ca%3Ata.csv,line=3,col=12,title=t::50%25%0Anext\n"
        );
        let cell = Location::cell("book.xlsx!第二版".into(), 7, 3);
        assert_eq!(place(&cell), ("book.xlsx".to_string(), 7, 3));
    }
}
