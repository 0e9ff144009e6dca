//! What `plancheck draft` reports after drafting: per plan, its targets by kind, every reading to review and
//! every clause it could not read; then the new indicators. Data only: [`super::messages`] words it.

use super::messages::DraftMsg;
use super::Draft;
use crate::rule::Kind;

/// The summary of a draft, line by line.
pub fn summary(draft: &Draft) -> Vec<DraftMsg> {
    let mut lines = Vec::new();
    for plan in &draft.plans {
        let (id, title) = (plan.meta.id.clone(), plan.meta.title.clone());
        lines.push(DraftMsg::Drafted { plan: id.clone(), title, targets: plan.targets.len() });
        for kind in Kind::all() {
            let count = plan.targets.iter().filter(|t| t.rule.kind() == kind).count();
            if count > 0 {
                lines.push(DraftMsg::KindCount { kind: kind.as_str().to_string(), count });
            }
        }
        let reviewed: Vec<_> = plan.targets.iter().filter(|t| !t.readings.is_empty()).collect();
        lines.push(DraftMsg::ReadingsCount { count: reviewed.len() + usize::from(!plan.meta_readings.is_empty()) });
        if !plan.meta_readings.is_empty() {
            lines.push(DraftMsg::ReadingLine { target: id.clone(), readings: plan.meta_readings.clone() });
        }
        for t in reviewed {
            lines.push(DraftMsg::ReadingLine { target: t.id.clone(), readings: t.readings.clone() });
        }
        lines.push(DraftMsg::UnreadCount { count: plan.unread.len() });
        for u in &plan.unread {
            lines.push(DraftMsg::UnreadLine { section: u.section.clone(), item: u.item.clone(), text: u.text.clone() });
        }
    }
    lines.push(DraftMsg::NewIndicators { count: draft.new_indicators().len() });
    lines
}
