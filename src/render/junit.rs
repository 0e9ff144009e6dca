//! JUnit XML for CI: a testsuite per region, a testcase per target. A failure where the target is in the
//! `--fail-on` scope and unmet or off track (or missing, with `--fail-on-missing`); skipped for no data and
//! qualitative targets.

use super::Renderer;
use crate::eval::{RegionReport, Report};
use crate::rule::Status;
use crate::words::{Lang, Say, Word};
use std::io::{self, Write};

/// The JUnit format: the root element counts every region, so the suites are held until the end.
pub struct Junit {
    pub lang: Lang,
    suites: Vec<u8>,
    tests: usize,
    failures: usize,
}

impl Junit {
    pub fn new(lang: Lang) -> Junit {
        Junit { lang, suites: Vec::new(), tests: 0, failures: 0 }
    }
}

/// One region's testsuite, with its counts.
pub struct Suite {
    xml: String,
    tests: usize,
    failures: usize,
}

impl<'a> Renderer<'a> for Junit {
    type Part = Suite;

    fn region(&self, report: &Report<'a>, region: &RegionReport<'a>, _index: usize) -> Suite {
        suite(report, region, self.lang)
    }

    fn write(&mut self, part: Suite, _out: &mut dyn Write) -> io::Result<()> {
        self.suites.extend_from_slice(part.xml.as_bytes());
        self.tests += part.tests;
        self.failures += part.failures;
        Ok(())
    }

    fn end(&mut self, report: &Report<'a>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        let (tests, failures) = (self.tests, self.failures);
        writeln!(out, "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\">", xml(&report.plan.id))?;
        out.write_all(&self.suites)?;
        out.write_all(b"</testsuites>\n")
    }
}

fn suite(report: &Report, region: &RegionReport, lang: Lang) -> Suite {
    let mut out = String::new();
    let skipped = region.results.iter().filter(|r| matches!(r.status, Status::NoData | Status::NotAssessed)).count();
    let failures = region.failures(report.fail_on_missing);
    out.push_str(&format!(
        "  <testsuite name=\"{} {}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\">\n",
        xml(&report.plan.id),
        xml(&region.region),
        region.results.len(),
    ));
    for r in &region.results {
        let name = format!("{} {}：{}", r.id, r.name, r.target);
        let class = format!("{}.{}", report.plan.id, r.domain);
        out.push_str(&format!("    <testcase name=\"{}\" classname=\"{}\"", xml(&name), xml(&class)));
        let message = format!("{}：{}", r.status.word(lang), r.reason.say(lang));
        let missing_fails = report.fail_on_missing && r.status == Status::NoData;
        if r.in_scope && (r.status.is_failure() || missing_fails) {
            out.push_str(&format!(
                ">\n      <failure message=\"{}\" type=\"{}\"/>\n    </testcase>\n",
                xml(&message),
                r.status.as_str()
            ));
        } else if matches!(r.status, Status::NoData | Status::NotAssessed) {
            out.push_str(&format!(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml(&message)));
        } else {
            out.push_str("/>\n");
        }
    }
    out.push_str("  </testsuite>\n");
    Suite { xml: out, tests: region.results.len(), failures }
}

/// Escapes text for an XML attribute.
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
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn attribute_text_is_escaped() {
        assert_eq!(super::xml("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
