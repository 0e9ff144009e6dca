//! The notice and the plans it issues: where each plan (妇女 / 儿童) begins, its title, region and period, and
//! the notice's issuing authority, document number (…〔2022〕20号) and date. Only the document's words are used;
//! what it does not say is left out or, where the plan format needs it, assumed with a reading.

use super::document::Block;
use super::messages::DraftMsg;
use super::number::chinese_year_span;
use crate::plan::PlanKind;

/// One plan found in the document: where its text starts and what its title says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: PlanKind,
    /// Index of the title's block.
    pub start: usize,
    /// The title, the period line after it joined on (`吉林市妇女发展规划(2021-2030年)`).
    pub title: String,
    pub region: String,
    pub period: (i32, i32),
    /// What was assumed (a period the title does not give).
    pub readings: Vec<DraftMsg>,
}

/// What the notice says of the plans it issues.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notice {
    pub authority: Option<String>,
    pub document_number: Option<String>,
    /// `YYYY-MM-DD`.
    pub issued: Option<String>,
}

/// A paragraph's text without markdown heading marks and surrounding space.
pub fn bare(text: &str) -> &str {
    text.trim().trim_start_matches('#').trim()
}

/// Is this paragraph a plan's title (`乐平市妇女发展规划（2021—2030年）`, `# 乐昌市妇女发展规划`)?
fn title_kind(text: &str) -> Option<PlanKind> {
    let t = bare(text);
    let short = t.chars().count() <= 40;
    let notice = ["印发", "通知", "《", "关于", "纲要", "。", "，"].iter().any(|w| t.contains(w));
    let ends = t.ends_with("规划") || t.ends_with("年）") || t.ends_with("年)");
    if !short || notice || !ends || !t.contains("规划") {
        return None;
    }
    match (t.contains("妇女发展"), t.contains("儿童发展")) {
        (true, false) => Some(PlanKind::Women),
        (false, true) => Some(PlanKind::Children),
        _ => None,
    }
}

/// A period line on its own: `（2021－2030年）`, `## (2021-2030 年)`.
fn is_period_line(text: &str) -> bool {
    let t: String = bare(text).chars().filter(|c| !c.is_whitespace()).collect();
    let inner = t.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    t.chars().count() <= 16 && inner.len() < t.len() && chinese_year_span(inner).is_some()
}

/// The plans of a document, in order: the first title of each kind.
pub fn find_plans(blocks: &[Block]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let Block::Para(text) = block else { continue };
        let Some(kind) = title_kind(text) else { continue };
        if found.iter().any(|f| f.kind == kind) {
            continue;
        }
        let mut title: String = bare(text).chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(Block::Para(next)) = blocks.get(i + 1) {
            if is_period_line(next) && chinese_year_span(&title).is_none() {
                title.extend(bare(next).chars().filter(|c| !c.is_whitespace()));
            }
        }
        found.push(describe(kind, i, title));
    }
    found
}

fn describe(kind: PlanKind, start: usize, title: String) -> Found {
    let marker = if kind == PlanKind::Women { "妇女发展" } else { "儿童发展" };
    let region = title.split(marker).next().unwrap_or_default().to_string();
    let mut readings = Vec::new();
    let period = chinese_year_span(&title).unwrap_or_else(|| {
        readings.push(DraftMsg::ReadPeriodAssumed);
        (2021, 2030)
    });
    Found { kind, start, title, region, period, readings }
}

/// The notice before the first plan: its authority, document number and date.
pub fn read_notice(blocks: &[Block]) -> Notice {
    let paras: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(bare(p)),
            Block::Table(_) => None,
        })
        .collect();
    let mut notice = Notice::default();
    for (i, p) in paras.iter().enumerate() {
        if notice.document_number.is_none() {
            notice.document_number = document_number(p);
        }
        if notice.issued.is_none() {
            if let Some(date) = date(p) {
                notice.issued = Some(date);
                notice.authority = notice.authority.or_else(|| signer(paras.get(i.wrapping_sub(1))));
            }
        }
        if notice.authority.is_none() {
            notice.authority = p.split_once("关于").map(|(who, _)| who.trim().to_string()).filter(|w| is_authority(w));
        }
    }
    notice
}

fn is_authority(who: &str) -> bool {
    let n = who.chars().count();
    (2..=30).contains(&n) && ["政府", "委员会", "办公室", "办公厅"].iter().any(|w| who.ends_with(w))
}

fn signer(line: Option<&&str>) -> Option<String> {
    line.map(|l| l.trim().to_string()).filter(|l| is_authority(l))
}

/// `高政发〔2023〕8号` in a line made of it (and spaces).
fn document_number(line: &str) -> Option<String> {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let open = t.find(['〔', '[', '［'])?;
    let ok = t.ends_with('号') && open > 0 && t.chars().count() <= 24 && t[open..].chars().nth(1)?.is_ascii_digit();
    ok.then_some(t)
}

/// `2022年10月13日` alone on a line, as `2022-10-13`.
fn date(line: &str) -> Option<String> {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let plausible = (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    plausible.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::document::from_text;

    #[test]
    fn titles_with_their_period_lines_are_found() {
        let doc = from_text(
            "关于印发某市妇女发展规划的通知\n吉林市妇女发展规划\n(2021-2030年)\n正文\n吉林市儿童发展“十四五”规划\n",
        );
        let plans = find_plans(&doc.blocks);
        assert_eq!(plans.len(), 2);
        assert_eq!(plans[0].title, "吉林市妇女发展规划(2021-2030年)");
        assert_eq!((plans[0].region.as_str(), plans[0].period), ("吉林市", (2021, 2030)));
        assert_eq!(plans[1].period, (2021, 2025));
    }

    #[test]
    fn the_notice_gives_authority_number_and_date() {
        let doc = from_text(
            "高平市人民政府文件\n高政发〔2023〕8号\n高平市人民政府 关于印发\n高平市人民政府\n2023年5月10日\n",
        );
        let n = read_notice(&doc.blocks);
        assert_eq!(n.document_number.as_deref(), Some("高政发〔2023〕8号"));
        assert_eq!(n.issued.as_deref(), Some("2023-05-10"));
        assert_eq!(n.authority.as_deref(), Some("高平市人民政府"));
    }
}
