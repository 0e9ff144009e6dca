//! Every word plancheck says, in both of its languages, and nothing else. The judging and loading layers hand
//! over data — a verdict's numbers and years, a diagnostic's code and places — and the variants here turn them
//! into Chinese (the default) or English at the edge. A new message is one variant with both texts side by side
//! ([`tr!`]); a variant without a translation does not compile.

pub mod diagnostics;
pub mod draft;
pub mod labels;
pub mod narrative;
pub mod outputs;
pub mod report;
pub mod rules;
pub mod verdicts;

pub use labels::{Label, Word};

use serde::{Deserialize, Serialize};

/// The output's language: Chinese by default, English with `--lang en` (or `PLANCHECK_LANG=en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    /// English.
    En,
}

/// What can be said in either language.
pub trait Say {
    /// The text in `lang`.
    fn say(&self, lang: Lang) -> String;
}

/// One text in both languages, the one asked for formatted: `tr!(lang, "第{line}行", "line {line}")`. Both are
/// format strings over the same names in scope.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::words::Lang::Zh => format!($zh),
            $crate::words::Lang::En => format!($en),
        }
    };
}

/// A pair of fixed words, the one asked for: `pick(lang, "地区", "region")`.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Text from a file as a terminal may show it: control characters (ESC, BEL, the C1 range, DEL, and tabs and
/// line breaks inside one cell) written as visible escapes (`\u{1b}`), so that no data can move the cursor,
/// colour the screen or ring the bell of the person reading it.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A whole text as [`visible`] makes a cell, its line breaks kept: for output assembled from lines.
pub fn visible_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_control(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.split('\n').map(|line| visible(line).into_owned()).collect::<Vec<_>>().join("\n"))
}

/// Is this a character a terminal acts on rather than shows?
fn is_control(c: char) -> bool {
    c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tr_formats_the_language_asked_for() {
        let line = 3;
        assert_eq!(tr!(Lang::Zh, "第{line}行", "line {line}"), "第3行");
        assert_eq!(tr!(Lang::En, "第{line}行", "line {line}"), "line 3");
        assert_eq!(pick(Lang::En, "地区", "region"), "region");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("甲县"), "甲县");
        assert_eq!(visible("a\u{1b}[31mb\u{7}\u{9b}"), "a\\u{1b}[31mb\\u{7}\\u{9b}");
        assert_eq!(visible("x\ty"), "x\\u{9}y");
    }
}
