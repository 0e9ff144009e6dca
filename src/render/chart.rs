//! A small inline SVG chart of one target's series, readable without hovering and in black and white: the values
//! by year (printed at the baseline, the evaluation year and, for a short series, every point), a y-axis with
//! gridlines and labels, every year on the x-axis, the target as a level or a band, the straight line from the
//! baseline to the target, the deadline and the evaluation year, and a legend in the page's language. The
//! series stops at the evaluation year (evaluation keeps nothing later). Coordinates are floats for drawing only;
//! no verdict is read from them.

use crate::eval::TargetResult;
use crate::rule::{show, Mark};
use crate::words::report::Term;
use crate::words::{Label, Lang, Word};
use maud::{html, Markup};
use rust_decimal::prelude::ToPrimitive;

const W: f64 = 430.0;
const H: f64 = 200.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 50.0;
/// A series this short has every point's value printed.
const LABEL_ALL_UP_TO: usize = 5;

/// Where things are drawn.
struct Frame {
    first: i32,
    last: i32,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn x(&self, year: i32) -> f64 {
        LEFT + f64::from(year - self.first) / f64::from((self.last - self.first).max(1)) * (W - LEFT - RIGHT)
    }

    fn y(&self, v: f64) -> f64 {
        TOP + (self.hi - v) / (self.hi - self.lo) * (H - TOP - BOTTOM)
    }
}

/// The chart, or nothing when the target has no values to draw.
pub fn chart(r: &TargetResult, year: Option<i32>, lang: Lang) -> Option<Markup> {
    let points: Vec<(i32, f64)> = r.series.iter().filter_map(|(y, v)| Some((*y, v.to_f64()?))).collect();
    if points.is_empty() {
        return None;
    }
    let (low_mark, high_mark) = match r.mark {
        Some(Mark::Level(x)) => (x.to_f64(), x.to_f64()),
        Some(Mark::Band(a, b)) => (a.to_f64(), b.to_f64()),
        None => (None, None),
    };
    let first = points.iter().map(|p| p.0).min()?.min(r.baseline_year);
    let last = points.iter().map(|p| p.0).max()?.max(r.deadline).max(year.unwrap_or(first));
    let values = points.iter().map(|p| p.1).chain(low_mark).chain(high_mark);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi, step) = nice_range(lo, hi);
    let f = Frame { first, last, lo, hi };
    let title = format!("{}：{}", r.name, r.target);
    Some(html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width=(W) height=(H) viewBox=(format!("0 0 {W} {H}")) role="img" aria-label=(title) {
            title { (title) }
            rect.frame x=(LEFT) y=(TOP) width=(W - LEFT - RIGHT) height=(H - TOP - BOTTOM) {}
            (later(year, &f))
            (y_axis(&f, step))
            (x_axis(&f, year))
            (target_marks(r, &f, lang))
            (events(r, year, &f))
            (series(r, year, &f))
            (legend(r, lang))
        }
    })
}

/// lo..hi widened to round numbers, and the step of about four gridlines between them.
fn nice_range(lo: f64, hi: f64) -> (f64, f64, f64) {
    let span = (hi - lo).max(hi.abs() * 0.02).max(1e-9);
    let raw = span / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw);
    let lo = ((lo - span * 0.08) / step).floor() * step;
    let hi = ((hi + span * 0.08) / step).ceil() * step;
    (lo, hi.max(lo + step), step)
}

fn y_axis(f: &Frame, step: f64) -> Markup {
    let ticks: Vec<f64> =
        (0..=40).map(|i| f.lo + step * f64::from(i)).take_while(|v| *v <= f.hi + step * 1e-6).collect();
    html! {
        @for v in ticks {
            line.grid x1=(LEFT) x2=(W - RIGHT) y1=(fmt(f.y(v))) y2=(fmt(f.y(v))) {}
            text.axis x=(LEFT - 4.0) y=(fmt(f.y(v) + 3.5)) text-anchor="end" { (tick(v)) }
        }
    }
}

/// A tick's number without trailing zeros: `95`, `97.5`, `0.25`.
fn tick(v: f64) -> String {
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Every year on the x-axis; those after the evaluation year greyed, as the plot behind them.
fn x_axis(f: &Frame, evaluated: Option<i32>) -> Markup {
    let every = if f.last - f.first > 12 { 2 } else { 1 };
    html! {
        @for year in f.first..=f.last {
            @if (year - f.first) % every == 0 || year == f.last {
                @let class = if evaluated.is_some_and(|y| year > y) { "axis later" } else { "axis" };
                line.grid x1=(fmt(f.x(year))) x2=(fmt(f.x(year))) y1=(H - BOTTOM) y2=(H - BOTTOM + 3.0) {}
                text class=(class) x=(fmt(f.x(year))) y=(H - BOTTOM + 13.0) text-anchor="middle" { (year) }
            }
        }
    }
}

/// The years after the evaluation year, greyed: nothing is known of them yet.
fn later(evaluated: Option<i32>, f: &Frame) -> Markup {
    html! {
        @if let Some(y) = evaluated.filter(|&y| y < f.last) {
            rect.later x=(fmt(f.x(y))) y=(TOP) width=(fmt(W - RIGHT - f.x(y))) height=(H - TOP - BOTTOM) {}
        }
    }
}

/// The target as a level or a band, labelled with its number, and the line from the baseline to it.
fn target_marks(r: &TargetResult, f: &Frame, lang: Lang) -> Markup {
    let base = r.series.iter().find(|(yr, _)| *yr == r.baseline_year).and_then(|(_, v)| v.to_f64());
    let aim = match r.mark {
        Some(Mark::Level(t)) => t.to_f64(),
        Some(Mark::Band(a, b)) => base.map(|v| v.clamp(a.to_f64().unwrap_or(v), b.to_f64().unwrap_or(v))),
        None => None,
    };
    html! {
        @if let Some(Mark::Band(a, b)) = r.mark {
            @if let (Some(af), Some(bf)) = (a.to_f64(), b.to_f64()) {
                rect.band x=(LEFT) y=(fmt(f.y(bf))) width=(W - LEFT - RIGHT) height=(fmt((f.y(af) - f.y(bf)).max(1.0))) {}
                text.tlabel x=(LEFT + 3.0) y=(fmt(f.y(bf) - 3.0)) { (Label::ChartBand.word(lang)) " " (show(a)) "–" (show(b)) }
            }
        }
        @if let Some(Mark::Level(t)) = r.mark {
            @if let Some(tv) = t.to_f64() {
                line.target x1=(LEFT) x2=(W - RIGHT) y1=(fmt(f.y(tv))) y2=(fmt(f.y(tv))) {}
                text.tlabel x=(LEFT + 3.0) y=(fmt(f.y(tv) - 3.0)) { (Label::ChartTarget.word(lang)) " " (show(t)) }
            }
        }
        @if let (Some(b), Some(a)) = (base, aim) {
            line.path x1=(fmt(f.x(r.baseline_year))) y1=(fmt(f.y(b))) x2=(fmt(f.x(r.deadline))) y2=(fmt(f.y(a))) {}
        }
    }
}

/// The deadline and the evaluation year, as vertical lines.
fn events(r: &TargetResult, year: Option<i32>, f: &Frame) -> Markup {
    html! {
        line.deadline x1=(fmt(f.x(r.deadline))) x2=(fmt(f.x(r.deadline))) y1=(TOP) y2=(H - BOTTOM) {}
        @if let Some(y) = year {
            line.evaluated x1=(fmt(f.x(y))) x2=(fmt(f.x(y))) y1=(TOP) y2=(H - BOTTOM) {}
        }
    }
}

/// The measured values, with their numbers printed at the baseline, the evaluation year and, for a short
/// series, every point.
fn series(r: &TargetResult, year: Option<i32>, f: &Frame) -> Markup {
    let drawn: Vec<(i32, f64, String)> =
        r.series.iter().filter_map(|(yr, v)| Some((*yr, v.to_f64()?, show(*v)))).collect();
    let polyline: String =
        drawn.iter().map(|(yr, v, _)| format!("{:.1},{:.1}", f.x(*yr), f.y(*v))).collect::<Vec<_>>().join(" ");
    let labelled = |yr: i32| drawn.len() <= LABEL_ALL_UP_TO || yr == r.baseline_year || Some(yr) == year;
    html! {
        polyline.series points=(polyline) {}
        @for (yr, v, text) in &drawn {
            circle.point cx=(fmt(f.x(*yr))) cy=(fmt(f.y(*v))) r="3" {}
            @if labelled(*yr) {
                @let anchor = if *yr == f.first { "start" } else if *yr == f.last { "end" } else { "middle" };
                @let above = f.y(*v) - 6.0;
                @let at = if above < TOP + 8.0 { f.y(*v) + 13.0 } else { above };
                text.value x=(fmt(f.x(*yr))) y=(fmt(at)) text-anchor=(anchor) { (text) }
            }
        }
    }
}

/// One line of samples and words under the plot.
fn legend(r: &TargetResult, lang: Lang) -> Markup {
    let y = H - 12.0;
    let target = match r.mark {
        Some(Mark::Band(..)) => Some(Label::ChartBand.word(lang)),
        Some(Mark::Level(_)) => Some(Label::ChartTarget.word(lang)),
        None => None,
    };
    let mut items: Vec<(&str, &str)> = vec![("series", Term::ChartValues.word(lang))];
    if let Some(t) = target {
        items.push(("target", t));
        items.push(("path", Term::ChartLine.word(lang)));
    }
    items.push(("deadline", Term::ChartDeadline.word(lang)));
    items.push(("evaluated", Term::ChartEvaluationYear.word(lang)));
    let width = (W - LEFT) / items.len() as f64;
    html! {
        @for (i, (class, word)) in items.iter().enumerate() {
            @let x = LEFT + width * i as f64;
            line class={(class) " key"} x1=(fmt(x)) x2=(fmt(x + 16.0)) y1=(fmt(y - 3.0)) y2=(fmt(y - 3.0)) {}
            text x=(fmt(x + 20.0)) y=(fmt(y)) { (word) }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::nice_range;

    #[test]
    fn the_axis_runs_between_round_numbers() {
        let (lo, hi, step) = nice_range(8.2, 12.0);
        assert_eq!(step, 1.0);
        assert!(lo <= 8.2 && hi >= 12.0 && lo.fract() == 0.0 && hi.fract() == 0.0, "{lo}..{hi}");
        let (lo, hi, step) = nice_range(96.0, 100.0);
        assert_eq!(step, 1.0);
        assert!(lo < 96.0 && hi > 100.0);
    }
}
