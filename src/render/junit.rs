//! JUnit XML for CI: a testsuite per region, a testcase per target. A failure where the target is in the
//! `--fail-on` scope and unmet or off track (or missing, with `--fail-on-missing`); skipped for no data and
//! qualitative targets.

use super::{reason_text, status_word};
use crate::cli::Lang;
use crate::eval::Report;
use crate::rule::Status;

pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures: usize = report.regions.iter().map(|r| r.failures(report.fail_on_missing)).sum();
    let tests: usize = report.regions.iter().map(|r| r.results.len()).sum();
    out.push_str(&format!(
        "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\">\n",
        xml(&report.plan.id)
    ));
    for region in &report.regions {
        let skipped =
            region.results.iter().filter(|r| matches!(r.status, Status::NoData | Status::NotAssessed)).count();
        out.push_str(&format!(
            "  <testsuite name=\"{} {}\" tests=\"{}\" failures=\"{}\" skipped=\"{skipped}\">\n",
            xml(&report.plan.id),
            xml(&region.region),
            region.results.len(),
            region.failures(report.fail_on_missing),
        ));
        for r in &region.results {
            let name = format!("{} {}：{}", r.id, r.name, r.target);
            let class = format!("{}.{}", report.plan.id, r.domain);
            out.push_str(&format!("    <testcase name=\"{}\" classname=\"{}\"", xml(&name), xml(&class)));
            let message = format!("{}：{}", status_word(r.status, lang), reason_text(&r.reason, lang));
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
    }
    out.push_str("</testsuites>\n");
    out
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
