//! The keys of plan and indicator files, checked against the format before any value is read. Every missing
//! required key and every unknown key is reported at its place in one run: a reader that stops at the first (as
//! serde does) would need a run per key. The values are read afterwards by [`super::load`] from the same text,
//! with every key optional there, so that what this check reports is not reported again.
//!
//! The tables below are the one list of keys: docs/plan-format.md says the same (a test holds the two equal).

use crate::diag::{Hint, Message};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// A table of the format: its name as a file writes it, and its keys.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    /// Tables and arrays of tables inside it.
    pub children: &'static [(&'static str, &'static Table)],
}

impl Table {
    fn knows(&self, key: &str) -> bool {
        self.required.contains(&key) || self.optional.contains(&key) || self.children.iter().any(|(k, _)| *k == key)
    }

    /// Every key, in the order the format lists them.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = self.required.iter().chain(self.optional).copied().collect();
        keys.extend(self.children.iter().map(|(k, _)| *k).filter(|k| !self.required.contains(k)));
        keys
    }
}

/// A plan file: `[plan]`, `[[domains]]`, `[[baselines]]`, `[[targets]]`.
pub const PLAN_FILE: Table = Table {
    name: "plan file",
    required: &["plan"],
    optional: &[],
    children: &[("plan", &PLAN), ("domains", &DOMAIN), ("baselines", &BASELINE), ("targets", &TARGET)],
};

pub const PLAN: Table = Table {
    name: "[plan]",
    required: &["id", "kind", "title", "region", "authority", "period", "baseline_year", "target_year", "source"],
    optional: &["document_number", "issued"],
    children: &[],
};

pub const DOMAIN: Table =
    Table { name: "[[domains]]", required: &["id", "name"], optional: &["section"], children: &[] };

pub const BASELINE: Table = Table {
    name: "[[baselines]]",
    required: &["indicator", "year", "value", "quote"],
    optional: &["section"],
    children: &[],
};

pub const TARGET: Table = Table {
    name: "[[targets]]",
    required: &["id", "domain", "section", "source", "text", "rule"],
    optional: &["item", "indicator", "name", "attribute", "deadline", "reading", "reading_en"],
    children: &[("rule", &RULE)],
};

pub const RULE: Table = Table {
    name: "rule",
    required: &["kind"],
    optional: &[
        "value",
        "low",
        "high",
        "tolerance",
        "per_year",
        "percent",
        "threshold",
        "basic",
        "first",
        "second",
        "reference",
        "mode",
        "measure",
    ],
    children: &[],
};

/// An indicator file: `[[indicator]]` entries.
pub const INDICATOR_FILE: Table =
    Table { name: "indicator file", required: &[], optional: &[], children: &[("indicator", &INDICATOR)] };

/// `name` and `unit` are required only of a new indicator: an entry with only `id`, `aliases` and `names`
/// extends one already defined (see [`super::indicators`]).
pub const INDICATOR: Table =
    Table { name: "[[indicator]]", required: &["id"], optional: &["name", "unit", "aliases", "names"], children: &[] };

/// A TOML value as written, keeping only what the key check needs: tables with their keys' places, and strings
/// (to name an entry by its `id`).
#[derive(Debug)]
pub enum Node {
    Table(Vec<(Spanned<String>, Spanned<Node>)>),
    Array(Vec<Spanned<Node>>),
    Text(String),
    Other,
}

impl Node {
    fn text(&self, key: &str) -> Option<&str> {
        match self {
            Node::Table(keys) => keys.iter().find(|(k, _)| k.get_ref() == key).and_then(|(_, v)| match v.get_ref() {
                Node::Text(s) => Some(s.as_str()),
                _ => None,
            }),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML value")
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut keys = Vec::new();
        loop {
            // A date-time is a map whose one key has no place: it is a value, not a table.
            let key = match map.next_key::<Spanned<String>>() {
                Ok(Some(key)) => key,
                Ok(None) => break,
                Err(_) => return Ok(Node::Other),
            };
            keys.push((key, map.next_value::<Spanned<Node>>()?));
        }
        Ok(Node::Table(keys))
    }
}

/// A key problem: where, what, and the note under it.
pub type Problem = (Range<usize>, Message, Option<Hint>);

/// Checks a file's keys against `format`; `text` is the file, to point at a table's first line.
pub fn check(root: &Spanned<Node>, format: &'static Table, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_table(root, format, text, &mut problems);
    problems
}

fn check_table(node: &Spanned<Node>, table: &'static Table, text: &str, out: &mut Vec<Problem>) {
    let Node::Table(keys) = node.get_ref() else { return };
    let entry = node.get_ref().text("id").map(str::to_string);
    for (key, value) in keys {
        let word = key.get_ref().as_str();
        if let Some((_, child)) = table.children.iter().find(|(k, _)| *k == word) {
            match value.get_ref() {
                Node::Array(items) => items.iter().for_each(|item| check_table(item, child, text, out)),
                _ => check_table(value, child, text, out),
            }
        } else if !table.knows(word) {
            let known = table.keys();
            let suggestion = closest(word, &known);
            let msg = Message::UnknownKey { table: table.name, key: word.to_string(), suggestion, known };
            out.push((key.span(), msg, None));
        }
    }
    let header = first_line(text, node.span());
    for &required in table.required {
        if !keys.iter().any(|(k, _)| k.get_ref() == required) {
            let msg = Message::MissingKey { table: table.name, entry: entry.clone(), key: required };
            let is_table = table.children.iter().any(|(k, _)| *k == required);
            out.push((header.clone(), msg, (!is_table).then_some(Hint::AddField { field: required })));
        }
    }
}

/// The key a misspelt one most likely means: only a close one (`attr` → `attribute`), never a guess.
fn closest(word: &str, known: &[&'static str]) -> Option<&'static str> {
    let score = |k: &&str| strsim::jaro_winkler(k, word);
    known.iter().filter(|k| score(k) >= 0.8).max_by(|a, b| score(a).total_cmp(&score(b))).copied()
}

/// The first line of a span, so that a table lacking keys is pointed at by its header, not underlined whole.
fn first_line(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let rest = text.get(start..span.end.min(text.len())).unwrap_or("");
    let end = start + rest.find('\n').unwrap_or(rest.len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let root: Spanned<Node> = toml::from_str(text).expect("valid TOML");
        check(&root, &PLAN_FILE, text)
            .into_iter()
            .map(|(span, msg, _)| format!("{}: {}", &text[span], crate::words::Say::say(&msg, crate::words::Lang::En)))
            .collect()
    }

    #[test]
    fn every_missing_key_of_every_table_is_reported() {
        let text = "[plan]\nid = \"p\"\nkind = \"women\"\n\n[[targets]]\nid = \"t-1\"\ntext = \"x\"\n";
        let found = problems(text);
        let missing = |table: &str, key: &str| {
            found.iter().filter(|p| p.ends_with(&format!("{table} lacks the required key `{key}`"))).count()
        };
        for key in ["title", "region", "authority", "period", "baseline_year", "target_year", "source"] {
            assert_eq!(missing("[plan] p", key), 1, "{key}: {found:?}");
        }
        for key in ["domain", "section", "source", "rule"] {
            assert_eq!(missing("[[targets]] t-1", key), 1, "{key}: {found:?}");
        }
        assert_eq!(found.len(), 11, "{found:?}");
        assert!(found.iter().any(|p| p.starts_with("[[targets]]: [[targets]] t-1 lacks")), "{found:?}");
    }

    #[test]
    fn an_unknown_key_is_named_with_the_closest_known_one() {
        let text = "[plan]\n[[targets]]\nattr = \"binding\"\nrule = { kind = \"max\", valeu = \"1\" }\n";
        let found = problems(text);
        assert!(found.iter().any(|p| p.starts_with("attr: ") && p.contains("did you mean `attribute`")), "{found:?}");
        assert!(found.iter().any(|p| p.starts_with("valeu: ") && p.contains("did you mean `value`")), "{found:?}");
    }

    #[test]
    fn a_date_written_bare_is_a_value_not_a_table() {
        let text = "[plan]\nissued = 2022-12-29\n";
        assert!(!problems(text).iter().any(|p| p.contains("$__")), "{:?}", problems(text));
    }

    /// docs/plan-format.md's "Required keys" table lists each table's keys as this module does.
    #[test]
    fn the_format_documents_the_same_keys() {
        let docs = include_str!("../../docs/plan-format.md");
        let words = |cell: &str| -> Vec<String> {
            cell.split(';').next().unwrap_or("").split('`').skip(1).step_by(2).map(str::to_string).collect()
        };
        for table in [&PLAN, &DOMAIN, &BASELINE, &TARGET, &RULE, &INDICATOR] {
            let row = docs.lines().find(|l| l.starts_with(&format!("| `{}` |", table.name)));
            let cells: Vec<&str> = row.unwrap_or_else(|| panic!("no row for {}", table.name)).split('|').collect();
            assert_eq!(words(cells[2]), table.required, "required keys of {}", table.name);
            let mut optional: Vec<String> = words(cells[3]);
            let mut ours: Vec<&str> = table.optional.to_vec();
            optional.sort();
            ours.sort();
            assert_eq!(optional, ours, "optional keys of {}", table.name);
        }
    }

    #[test]
    fn a_file_without_a_plan_table_says_so() {
        assert!(problems("[[targets]]\n").iter().any(|p| p.contains("lacks the required key `plan`")));
    }
}
