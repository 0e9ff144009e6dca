//! Every word plancheck says, in both of its languages, and nothing else. The judging and loading layers hand
//! over data — a verdict's numbers and years, a diagnostic's code and places — and the variants here turn them
//! into Chinese (the default) or English at the edge. A new message is one variant with both texts side by side
//! ([`tr!`]); a variant without a translation does not compile.

pub mod diagnostics;
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
}
