//! SARIF 2.1.0, the format GitHub code scanning, GitLab and other code-scanning tools read: one run of the
//! `plancheck` tool, a rule per failing status and per diagnostic code, and a result for each diagnostic and
//! each target that fails the check (at the data row of its value, or the plan's line), streamed region by
//! region.

use super::Renderer;
use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::eval::{RegionReport, Report, TargetResult};
use crate::words::outputs::Annotation;
use crate::words::{Lang, Say};
use serde_json::{json, Value};
use std::io::{self, Write};

/// The `sarif` format.
pub struct Sarif {
    pub lang: Lang,
    /// Diagnostics of the run (warnings), reported first.
    pub diagnostics: Vec<Value>,
    first: bool,
}

impl Sarif {
    pub fn new(lang: Lang, diagnostics: &[&Diagnostic]) -> Sarif {
        Sarif { lang, diagnostics: diagnostics.iter().map(|d| diagnostic(d, lang)).collect(), first: true }
    }

    fn results(&mut self, results: Vec<Value>, out: &mut dyn Write) -> io::Result<()> {
        for r in results {
            if !self.first {
                out.write_all(b",")?;
            }
            self.first = false;
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, &r)?;
        }
        Ok(())
    }
}

/// The statuses that fail a check, as rules.
const STATUS_RULES: [&str; 4] = ["unmet", "off_track", "no_data", "early_warning"];

impl<'a> Renderer<'a> for Sarif {
    type Part = Vec<Value>;

    fn begin(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(head().as_bytes())?;
        let diagnostics = std::mem::take(&mut self.diagnostics);
        self.results(diagnostics, out)
    }

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Vec<Value> {
        region.results.iter().filter(|r| r.fails).map(|r| target(report, region, r, self.lang)).collect()
    }

    fn write(&mut self, part: Vec<Value>, out: &mut dyn Write) -> io::Result<()> {
        self.results(part, out)
    }

    fn end(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(TAIL.as_bytes())
    }
}

const TAIL: &str = "\n]}]}\n";

/// Everything before the first result: the tool and its rules.
fn head() -> String {
    let rules: Vec<Value> = STATUS_RULES
        .iter()
        .map(|id| json!({ "id": id, "shortDescription": { "text": format!("target {id}") } }))
        .chain(Code::all().map(|c| json!({ "id": c.as_str(), "shortDescription": { "text": c.as_str() } })))
        .collect();
    let driver = json!({
        "name": "plancheck",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let tool = serde_json::to_string(&json!({ "driver": driver })).unwrap_or_default();
    format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{tool},\"results\":["
    )
}

fn target(report: &Report, region: &RegionReport, r: &TargetResult, lang: Lang) -> Value {
    let rule = if r.status.is_failure() || r.status == crate::rule::Status::NoData {
        r.status.as_str()
    } else {
        "early_warning"
    };
    let message = Annotation {
        region: &region.region,
        name: r.name,
        target: r.target,
        status: r.status,
        reason: r.reason.say(lang),
        warning: r.warning.say(lang),
    }
    .say(lang);
    json!({
        "ruleId": rule,
        "level": "error",
        "message": { "text": message },
        "locations": [location(r.value_at.as_ref().unwrap_or(r.at))],
        "properties": {
            "plan": report.plan.id,
            "region": region.region,
            "target": r.id,
            "status": r.status.as_str(),
            "value": r.value.map(|v| v.to_string()),
        },
    })
}

fn diagnostic(d: &Diagnostic, lang: Lang) -> Value {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let mut result = json!({ "ruleId": d.code().as_str(), "level": level, "message": { "text": d.message.say(lang) } });
    if let Some(at) = &d.at {
        result["locations"] = json!([location(at)]);
    }
    result
}

fn location(at: &Location) -> Value {
    let file = match &at.cell {
        Some(_) => at.file.rsplit_once('!').map_or(at.file.to_string(), |(file, _)| file.to_string()),
        None => at.file.to_string(),
    };
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": file },
            "region": { "startLine": at.line.max(1), "startColumn": at.col.max(1) },
        }
    })
}

/// The report of a run that stopped on bad input: its diagnostics as results.
pub fn problems(diags: &[&Diagnostic], lang: Lang) -> String {
    let results: Vec<String> =
        diags.iter().map(|d| serde_json::to_string(&diagnostic(d, lang)).unwrap_or_default()).collect();
    format!("{}\n{}{TAIL}", head(), results.join(",\n"))
}
