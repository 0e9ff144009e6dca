//! A small inline SVG chart of one target's series: the values by year, the target as a level or a band, the
//! straight line from the baseline to the target, and the deadline. Coordinates are floats for drawing only;
//! no verdict is read from them.

use crate::eval::TargetResult;
use crate::rule::{show, Mark};
use crate::words::{Label, Lang, Say, Word};
use maud::{html, Markup};
use rust_decimal::prelude::ToPrimitive;

const W: f64 = 340.0;
const H: f64 = 130.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 22.0;

/// The chart, or nothing when the target has no values to draw.
pub fn chart(r: &TargetResult, lang: Lang) -> Option<Markup> {
    if r.series.is_empty() {
        return None;
    }
    let points: Vec<(i32, f64)> = r.series.iter().filter_map(|(y, v)| Some((*y, v.to_f64()?))).collect();
    let (low_mark, high_mark) = match r.mark {
        Some(Mark::Level(x)) => (x.to_f64(), x.to_f64()),
        Some(Mark::Band(a, b)) => (a.to_f64(), b.to_f64()),
        None => (None, None),
    };
    let first_year = points.iter().map(|p| p.0).min()?.min(r.baseline_year);
    let last_year = points.iter().map(|p| p.0).max()?.max(r.deadline);
    let values = points.iter().map(|p| p.1).chain(low_mark).chain(high_mark);
    let (mut lo, mut hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.12).max(hi.abs() * 0.02).max(0.5);
    lo -= pad;
    hi += pad;
    let x = |year: i32| {
        LEFT + (f64::from(year - first_year)) / f64::from((last_year - first_year).max(1)) * (W - LEFT - RIGHT)
    };
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let polyline: String =
        points.iter().map(|(yr, v)| format!("{:.1},{:.1}", x(*yr), y(*v))).collect::<Vec<_>>().join(" ");
    let base = r.series.iter().find(|(yr, _)| *yr == r.baseline_year).and_then(|(_, v)| v.to_f64());
    let aim = match r.mark {
        Some(Mark::Level(t)) => t.to_f64(),
        Some(Mark::Band(a, b)) => base.map(|v| v.clamp(a.to_f64().unwrap_or(v), b.to_f64().unwrap_or(v))),
        None => None,
    };
    let title = format!("{} {}", r.name, r.target);
    Some(html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width=(W) height=(H) viewBox=(format!("0 0 {W} {H}")) role="img" aria-label=(title) {
            title { (title) }
            rect.frame x=(LEFT) y=(TOP) width=(W - LEFT - RIGHT) height=(H - TOP - BOTTOM) {}
            @if let Some(Mark::Band(a, b)) = r.mark {
                @if let (Some(a), Some(b)) = (a.to_f64(), b.to_f64()) {
                    rect.band x=(LEFT) y=(fmt(y(b))) width=(W - LEFT - RIGHT) height=(fmt((y(a) - y(b)).max(1.0))) {
                        title { (Label::ChartBand.word(lang)) " " (show(a_dec(r))) "–" (show(b_dec(r))) }
                    }
                }
            }
            @if let Some(Mark::Level(t)) = r.mark {
                @if let Some(tv) = t.to_f64() {
                    line.target x1=(LEFT) x2=(W - RIGHT) y1=(fmt(y(tv))) y2=(fmt(y(tv))) {}
                    text.label x=(W - RIGHT - 2.0) y=(fmt(y(tv) - 3.0)) text-anchor="end" { (Label::ChartTarget.word(lang)) " " (show(t)) }
                }
            }
            @if let (Some(b), Some(a)) = (base, aim) {
                line.path x1=(fmt(x(r.baseline_year))) y1=(fmt(y(b))) x2=(fmt(x(r.deadline))) y2=(fmt(y(a))) {}
            }
            line.deadline x1=(fmt(x(r.deadline))) x2=(fmt(x(r.deadline))) y1=(TOP) y2=(H - BOTTOM) {}
            text.label x=(fmt(x(r.deadline))) y=(H - 6.0) text-anchor="end" { (r.deadline) }
            text.label x=(LEFT) y=(H - 6.0) { (first_year) }
            text.axis x=(LEFT - 4.0) y=(fmt(TOP + 8.0)) text-anchor="end" { (fmt(hi)) }
            text.axis x=(LEFT - 4.0) y=(fmt(H - BOTTOM)) text-anchor="end" { (fmt(lo)) }
            polyline.series points=(polyline) {}
            @for (yr, v) in &r.series {
                @if let Some(fv) = v.to_f64() {
                    circle.point cx=(fmt(x(*yr))) cy=(fmt(y(fv))) r="3" { title { (crate::words::outputs::YearValue { year: *yr, value: *v }.say(lang)) } }
                }
            }
        }
    })
}

fn a_dec(r: &TargetResult) -> rust_decimal::Decimal {
    match r.mark {
        Some(Mark::Band(a, _)) => a,
        _ => rust_decimal::Decimal::ZERO,
    }
}

fn b_dec(r: &TargetResult) -> rust_decimal::Decimal {
    match r.mark {
        Some(Mark::Band(_, b)) => b,
        _ => rust_decimal::Decimal::ZERO,
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
