//! JUnit XML for CI, valid against the Surefire schema (junit-10.xsd, which Jenkins, GitLab and pytest read): a
//! testsuite per plan and region, streamed region by region (the root carries no counts, so nothing is held
//! back); a testcase per target, identified by `plan.region.domain` and `id name：target`. A failure where the
//! target fails the check; skipped for no data, qualitative targets, and targets outside the `--fail-on` scope
//! that are unmet or off track (so that they never show as plain passes); every case's status, grade, value,
//! target and reason in its `<system-out>`. On bad input, one suite with an `<error>` case per diagnostic.

use super::Renderer;
use crate::diag::{Diagnostic, Severity};
use crate::eval::{RegionReport, Report, TargetResult};
use crate::rule::Status;
use crate::words::{Lang, Say, Word};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The JUnit format.
pub struct Junit {
    pub lang: Lang,
}

const HEAD: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"plancheck\">\n";
const TAIL: &[u8] = b"</testsuites>\n";

impl<'a> Renderer<'a> for Junit {
    type Part = String;

    fn begin(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(HEAD)
    }

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> String {
        suite(report, region, self.lang)
    }

    fn write(&mut self, part: String, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(part.as_bytes())
    }

    fn end(&mut self, _report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(TAIL)
    }
}

/// How a testcase ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Pass,
    Failure,
    Skipped,
}

fn outcome(r: &TargetResult) -> Outcome {
    if r.fails {
        Outcome::Failure
    } else if matches!(r.status, Status::NoData | Status::NotAssessed) || r.status.is_failure() {
        Outcome::Skipped
    } else {
        Outcome::Pass
    }
}

fn suite(report: &Report, region: &RegionReport, lang: Lang) -> String {
    let outcomes: Vec<Outcome> = region.results.iter().map(outcome).collect();
    let count = |o: Outcome| outcomes.iter().filter(|x| **x == o).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{} {}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
        xml(&report.plan.id),
        xml(&region.region),
        region.results.len(),
        count(Outcome::Failure),
        count(Outcome::Skipped),
    );
    out.push_str("    <properties>\n");
    let year = region.year.map(|y| y.to_string()).unwrap_or_default();
    let properties = [
        ("plan", report.plan.id.as_str()),
        ("region", region.region.as_str()),
        ("year", year.as_str()),
        ("data", report.data_file.as_str()),
        ("fail_on", report.fail_on.word(lang)),
        ("scope", report.scope.word(lang)),
        ("in_scope", &report.in_scope.to_string()),
    ];
    for (name, value) in properties {
        let _ = writeln!(out, "      <property name=\"{name}\" value=\"{}\"/>", xml(value));
    }
    out.push_str("    </properties>\n");
    let class = format!("{}.{}", dotless(&report.plan.id), dotless(&region.region));
    for (r, outcome) in region.results.iter().zip(outcomes) {
        case(&mut out, &class, r, outcome, lang);
    }
    out.push_str("  </testsuite>\n");
    out
}

fn case(out: &mut String, class: &str, r: &TargetResult, outcome: Outcome, lang: Lang) {
    let name = match r.indicator {
        Some(_) => format!("{} {}：{}", r.id, r.name, r.target),
        None => format!("{} {}", r.id, r.target),
    };
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{class}.{}\" time=\"0\">",
        xml(&name),
        xml(&dotless(r.domain))
    );
    let reason = r.reason.say(lang);
    let message = format!("{}：{reason}", r.status.word(lang));
    match outcome {
        Outcome::Failure => {
            let _ = writeln!(out, "      <failure message=\"{}\" type=\"{}\"/>", xml(&message), r.status.as_str());
        }
        Outcome::Skipped if r.status.is_failure() => {
            let message = crate::words::outputs::OutOfScope { status: r.status }.say(lang);
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", xml(&format!("{message}：{reason}")));
        }
        Outcome::Skipped => {
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", xml(&message));
        }
        Outcome::Pass => {}
    }
    let _ = writeln!(out, "      <system-out>{}</system-out>", xml_text(&details(r, &reason, lang)));
    out.push_str("    </testcase>\n");
}

/// A case's facts, one `key: value` per line.
fn details(r: &TargetResult, reason: &str, lang: Lang) -> String {
    let number = |v: Option<rust_decimal::Decimal>| v.map(|v| v.to_string()).unwrap_or_default();
    let lines = [
        ("status", r.status.as_str().to_string()),
        ("grade", r.grade.as_str().to_string()),
        ("value", number(r.value)),
        ("baseline", number(r.baseline)),
        ("target", r.target.to_string()),
        ("attribute", r.attribute.word(Lang::En).to_string()),
        ("deadline", r.deadline.to_string()),
        ("in_scope", r.in_scope.to_string()),
        ("reason", reason.to_string()),
        ("warning", r.warning.say(lang)),
    ];
    lines.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")
}

/// The report of a run that stopped on bad input: one suite, an `<error>` case per error.
pub fn problems(diags: &[&Diagnostic], lang: Lang) -> String {
    let errors: Vec<&&Diagnostic> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    let mut out = String::from_utf8_lossy(HEAD).into_owned();
    let _ = writeln!(
        out,
        "  <testsuite name=\"plancheck\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" skipped=\"0\" time=\"0\">",
        n = errors.len()
    );
    for d in errors {
        let place = d.at.as_ref().map(|a| a.to_string()).unwrap_or_default();
        let name = format!("{} {place}", d.code());
        let _ = writeln!(out, "    <testcase name=\"{}\" classname=\"plancheck.input\" time=\"0\">", xml(name.trim()));
        let message = d.message.say(lang);
        let _ =
            writeln!(out, "      <error message=\"{}\" type=\"{}\">{}</error>", xml(&message), d.code(), xml(&place));
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out.push_str(&String::from_utf8_lossy(TAIL));
    out
}

/// Escapes element text: as [`xml`], with line breaks kept as they are.
fn xml_text(text: &str) -> String {
    text.split('\n').map(xml).collect::<Vec<_>>().join("\n")
}

/// A name part without dots, which JUnit readers take for package separators.
fn dotless(text: &str) -> String {
    text.replace('.', "_")
}

/// Escapes text for XML (attributes and text alike): markup characters, line breaks kept as `&#10;`, and the
/// control characters XML 1.0 cannot hold dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(super::xml("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
        assert_eq!(super::xml("a\u{1b}[31mb\n"), "a[31mb&#10;");
    }
}
