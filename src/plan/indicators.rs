//! Reads indicator registry files into the [`Registry`]: the embedded ones first, then those of one's own. An
//! entry defines an indicator, or extends one already defined:
//!
//! - `id` with `name` and `unit` (and optional `aliases`, `names`) defines a new indicator; if the id is
//!   already defined with the same name and unit, the entry merges into it (its aliases and names are added);
//! - `id` with only `aliases` and/or `names = { "<plan-id>" = "…" }` extends the indicator of that id.
//!
//! A real clash — the same id with another name or unit, or a spelling another indicator holds — is an error at
//! the entry, with the other definition shown and named as the embedded registry's where it is.

use super::keys::{self, Node};
use super::load::{is_kebab, toml_error};
use crate::diag::{Diagnostic, Diagnostics, Hint, LineIndex, Location, Message};
use crate::indicator::{normalize_name, Indicator, IndicatorId, Origin, Registry, Unit};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use toml::Spanned;

#[derive(Deserialize)]
struct RawIndicatorFile {
    #[serde(default)]
    indicator: Vec<Spanned<RawIndicator>>,
}

#[derive(Deserialize)]
struct RawIndicator {
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    unit: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    /// Plan id → the indicator as that plan words it.
    #[serde(default)]
    names: BTreeMap<String, Spanned<String>>,
}

/// What reading one file needs at hand.
struct File<'a> {
    name: Arc<str>,
    text: &'a str,
    lines: LineIndex,
    embedded: bool,
}

impl File<'_> {
    fn at(&self, span: std::ops::Range<usize>) -> Location {
        self.lines.location(self.name.clone(), self.text, span)
    }
}

/// Reads one registry file into `registry`. A file is the embedded registry's when it is one of the files built
/// into the binary, unchanged.
pub fn read_indicators(name: &str, text: &str, registry: &mut Registry, diags: &mut Diagnostics) {
    let embedded = super::embedded::INDICATOR_FILES.iter().any(|(n, t)| *n == name && *t == text);
    let file = File { name: name.into(), text, lines: LineIndex::new(text), embedded };
    diags.add_source(file.name.clone(), Arc::new(text.to_string()));
    let tree: Spanned<Node> = match toml::from_str(text) {
        Ok(tree) => tree,
        Err(e) => return diags.push(toml_error(&file.name, text, &e)),
    };
    for (span, message, hint) in keys::check(&tree, &keys::INDICATOR_FILE, text) {
        diags.push(Diagnostic::error(message).at(file.at(span)).maybe_label(hint));
    }
    let raw: RawIndicatorFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return diags.push(toml_error(&file.name, text, &e)),
    };
    for entry in raw.indicator {
        read_entry(&file, entry.into_inner(), registry, diags);
    }
}

fn read_entry(file: &File, ind: RawIndicator, registry: &mut Registry, diags: &mut Diagnostics) {
    let Some(id) = &ind.id else { return }; // reported by the key check
    let at = file.at(id.span());
    if !is_kebab(id.get_ref()) {
        diags.push(Diagnostic::error(Message::BadIndicatorId { id: id.get_ref().clone() }).at(at.clone()));
    }
    let target = match registry.by_id(id.get_ref()) {
        Some(existing) => {
            if !same_definition(file, &ind, existing, registry, diags) {
                return;
            }
            existing
        }
        None => match define(file, &ind, at, registry, diags) {
            Some(new) => new,
            None => return,
        },
    };
    for alias in &ind.aliases {
        if let Err(held) = registry.add_alias(target, alias.get_ref()) {
            taken(file, id.get_ref(), alias, held, registry, diags);
        }
    }
    for (plan, name) in &ind.names {
        if let Err(held) = registry.add_plan_name(target, plan, name.get_ref()) {
            taken(file, id.get_ref(), name, held, registry, diags);
        }
    }
}

/// An entry for an id already defined: its name and unit, where given, must be the definition's.
fn same_definition(
    file: &File,
    ind: &RawIndicator,
    existing: IndicatorId,
    registry: &Registry,
    diags: &mut Diagnostics,
) -> bool {
    let known = registry.get(existing);
    let mut same = true;
    let fields = [("name", &ind.name, known.name.clone()), ("unit", &ind.unit, known.unit.to_string())];
    for (field, given, first) in fields {
        let Some(given) = given else { continue };
        let equal = match field {
            "unit" => Unit::parse(given.get_ref()) == known.unit,
            _ => normalize_name(given.get_ref()) == normalize_name(&known.name),
        };
        if !equal {
            let (other_file, embedded) = origin_words(registry, existing);
            let msg = Message::IndicatorRedefined {
                id: known.id.clone(),
                field,
                first,
                again: given.get_ref().clone(),
                other_file,
                embedded,
            };
            diags.push(with_origin(Diagnostic::error(msg).at(file.at(given.span())), registry, existing));
            same = false;
        }
    }
    same
}

/// A new indicator: it needs a name and a unit, and spellings no other indicator holds.
fn define(
    file: &File,
    ind: &RawIndicator,
    at: Location,
    registry: &mut Registry,
    diags: &mut Diagnostics,
) -> Option<IndicatorId> {
    let id = ind.id.as_ref()?.get_ref().clone();
    let (Some(name), Some(unit)) = (&ind.name, &ind.unit) else {
        if ind.name.is_none() && ind.unit.is_none() {
            // Only aliases or names: meant to extend an indicator, but no indicator has this id.
            let all = registry.iter().map(|(i, _)| i);
            let suggestion = closest_id(&id, registry).or_else(|| registry.suggest(&id, all).map(str::to_string));
            diags.push(Diagnostic::error(Message::ExtendsUnknownIndicator { id, suggestion }).at(at));
        } else {
            let key = if ind.name.is_none() { "name" } else { "unit" };
            let msg = Message::NewIndicatorNeeds { id, key };
            diags.push(Diagnostic::error(msg).at(at).label(Hint::AddField { field: key }));
        }
        return None;
    };
    let indicator = Indicator {
        id: id.clone(),
        name: name.get_ref().clone(),
        aliases: Vec::new(),
        unit: Unit::parse(unit.get_ref()),
    };
    let origin = Origin { at: at.clone(), embedded: file.embedded };
    match registry.add_from(indicator, Some(origin)) {
        Ok(new) => Some(new),
        Err((spelling, held)) => {
            let spanned = if normalize_name(&spelling) == normalize_name(name.get_ref()) {
                name.clone()
            } else {
                ind.id.clone()?
            };
            taken(file, &id, &spanned, held, registry, diags);
            None
        }
    }
}

/// A spelling another indicator holds: an error here, with the other definition shown.
fn taken(
    file: &File,
    id: &str,
    spelling: &Spanned<String>,
    held: IndicatorId,
    registry: &Registry,
    diags: &mut Diagnostics,
) {
    let other = registry.get(held);
    let (other_file, embedded) = origin_words(registry, held);
    let msg = Message::SpellingTaken {
        id: id.to_string(),
        spelling: spelling.get_ref().clone(),
        other: other.id.clone(),
        other_name: other.name.clone(),
        other_file,
        embedded,
    };
    diags.push(with_origin(Diagnostic::error(msg).at(file.at(spelling.span())), registry, held));
}

/// The other definition's place, as a related location.
fn with_origin(d: Diagnostic, registry: &Registry, other: IndicatorId) -> Diagnostic {
    match registry.origin(other) {
        Some(o) => {
            let hint = if o.embedded { Hint::EmbeddedDefinition } else { Hint::FirstDefinition };
            d.related(o.at.clone(), hint)
        }
        None => d,
    }
}

/// The other definition's file, and whether it is the embedded registry.
fn origin_words(registry: &Registry, id: IndicatorId) -> (String, bool) {
    match registry.origin(id) {
        Some(o) => (o.at.to_string(), o.embedded),
        None => (String::new(), false),
    }
}

/// A close indicator id (`maternal-mortaliy` → `maternal-mortality`).
fn closest_id(id: &str, registry: &Registry) -> Option<String> {
    let score = |other: &str| strsim::jaro_winkler(other, id);
    registry
        .iter()
        .map(|(_, ind)| ind.id.as_str())
        .filter(|other| score(other) >= 0.9)
        .max_by(|a, b| score(a).total_cmp(&score(b)))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Lang;

    /// The embedded registry, then `own` as a file of one's own: the registry, and what was said.
    fn read(own: &str) -> (Registry, String) {
        let mut registry = Registry::new();
        let mut diags = Diagnostics::new();
        for (name, text) in super::super::embedded::INDICATOR_FILES {
            read_indicators(name, text, &mut registry, &mut diags);
        }
        assert!(diags.items().is_empty(), "{}", diags.render(Lang::En));
        read_indicators("mine/indicators/own.toml", own, &mut registry, &mut diags);
        let said = if diags.items().is_empty() { String::new() } else { diags.render(Lang::En) };
        (registry, said)
    }

    #[test]
    fn a_copy_of_an_embedded_entry_with_one_more_alias_merges() {
        let own = "[[indicator]]\nid = \"maternal-mortality\"\nname = \"孕产妇死亡率\"\nunit = \"1/10万\"\n\
                   aliases = [\"全国孕产妇死亡率\"]\n";
        let (registry, said) = read(own);
        assert_eq!(said, "");
        let found = registry.lookup("全国孕产妇死亡率").map(|id| registry.get(id).id.as_str());
        assert_eq!(found, Some("maternal-mortality"));
    }

    #[test]
    fn an_entry_with_only_an_id_adds_aliases_and_a_plans_own_name() {
        let own = "[[indicator]]\nid = \"preschool-gross-enrollment\"\naliases = [\"学前三年毛入园率（%）\"]\n\
                   names = { \"national-women\" = \"学前三年毛入园率\" }\n";
        let (registry, said) = read(own);
        assert_eq!(said, "");
        let id = registry.by_id("preschool-gross-enrollment").expect("embedded");
        assert_eq!(registry.lookup("学前三年毛入园率"), Some(id));
        assert_eq!(registry.lookup("学前三年毛入园率(%)"), Some(id));
        assert_eq!(registry.plan_name(id, "national-women"), Some("学前三年毛入园率"));
    }

    #[test]
    fn another_unit_for_an_embedded_id_names_the_embedded_file() {
        let own = "[[indicator]]\nid = \"maternal-mortality\"\nname = \"孕产妇死亡率\"\nunit = \"‰\"\n";
        let (_, said) = read(own);
        assert!(said.contains("error[duplicate-indicator]: indicator maternal-mortality is already defined in the embedded registry (plans/indicators/common.toml:"), "{said}");
        assert!(said.contains("with unit \"1/10万\", here \"‰\""), "{said}");
        assert!(said.contains("mine/indicators/own.toml:4:8"), "{said}");
        assert!(said.contains("the embedded definition"), "{said}");
    }

    #[test]
    fn a_new_indicator_spelt_as_an_embedded_one_is_refused_with_both_places() {
        let own = "[[indicator]]\nid = \"my-mmr\"\nname = \"孕产妇死亡率\"\nunit = \"1/10万\"\n";
        let (registry, said) = read(own);
        assert!(said.contains("indicator my-mmr: the spelling \"孕产妇死亡率\" already belongs to maternal-mortality (孕产妇死亡率) of the embedded registry"), "{said}");
        assert!(said.contains("mine/indicators/own.toml:3:8"), "{said}");
        assert_eq!(registry.by_id("my-mmr"), None);
    }

    #[test]
    fn an_alias_another_indicator_holds_is_refused() {
        let own = "[[indicator]]\nid = \"maternal-mortality\"\naliases = [\"婴儿死亡率\"]\n";
        let (_, said) = read(own);
        assert!(said.contains("the spelling \"婴儿死亡率\" already belongs to infant-mortality"), "{said}");
    }

    #[test]
    fn extending_an_unknown_id_suggests_the_closest() {
        let own = "[[indicator]]\nid = \"maternal-mortaliy\"\naliases = [\"全国孕产妇死亡率\"]\n";
        let (_, said) = read(own);
        assert!(said.contains("no indicator maternal-mortaliy to extend (did you mean maternal-mortality?)"), "{said}");
    }

    #[test]
    fn a_new_indicator_needs_its_unit() {
        let own = "[[indicator]]\nid = \"women-common-disease-screening\"\nname = \"妇女常见病定期筛查率\"\n";
        let (_, said) = read(own);
        assert!(
            said.contains(
                "error[missing-key]: the new indicator women-common-disease-screening lacks the required key `unit`"
            ),
            "{said}"
        );
    }

    #[test]
    fn a_new_indicator_is_defined_with_its_origin() {
        let own =
            "[[indicator]]\nid = \"women-common-disease-screening\"\nname = \"妇女常见病定期筛查率\"\nunit = \"%\"\n";
        let (registry, said) = read(own);
        assert_eq!(said, "");
        let id = registry.lookup("妇女常见病定期筛查率").expect("defined");
        let origin = registry.origin(id).expect("an origin");
        assert_eq!((origin.at.to_string().as_str(), origin.embedded), ("mine/indicators/own.toml:2:6", false));
    }
}
