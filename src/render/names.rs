//! The names of the files `report` writes: safe slugs of region names (or ASCII ones, for archives unzipped on
//! Chinese Windows, which mangles non-ASCII names), links to them percent-encoded, and the test of whether a
//! file in the output folder is one plancheck writes (so that `--clean` removes only its own files).
//!
//! Every name is `<stem>.<ext>` with a stem of one of these shapes, and the extensions of [`EXTENSIONS`]:
//! `index`, and `report.xlsx` (the workbook); `<plan>--<region>` (a region's page); `matrix--<plan>` (regions × indicators);
//! `narrative--<plan>` and `narrative--<plan>--<region>` (the drafted monitoring report). A plan id is kebab-case
//! ASCII, and a slug never holds `--`, so the shapes cannot be mistaken for one another.

use std::collections::HashSet;

/// The extensions of the files `report` writes.
pub const EXTENSIONS: [&str; 3] = ["html", "md", "json"];

/// A file-name-safe form of a region name: letters and digits (any script) kept, everything else `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "region".to_string()
    } else {
        trimmed.to_string()
    }
}

/// An ASCII slug: the name's own slug where it is all ASCII, else `region-<n>` with the region's number in its
/// data file (1-based, three digits), which the index maps back to the name.
pub fn ascii_slug(name: &str, number: usize) -> String {
    let own = slug(name);
    if own.is_ascii() && own != "region" {
        own
    } else {
        format!("region-{number:03}")
    }
}

/// `stem`, or `stem-2`, `stem-3`, ... when taken.
pub fn unique(taken: &mut HashSet<String>, stem: &str) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

/// A file name as a link: every byte but ASCII letters, digits and `-._~` percent-encoded (RFC 3986), so that
/// a link to `jiangjin-women--乐平镇.html` works in every browser and mail client.
pub fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Is `name` a file `report` writes (of this run or an earlier one)?
pub fn is_own(name: &str) -> bool {
    if name == super::xlsx::REPORT_BOOK {
        return true;
    }
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    if !EXTENSIONS.contains(&ext) {
        return false;
    }
    if stem == "index" {
        return true;
    }
    let parts: Vec<&str> = stem.split("--").collect();
    let kebab = |s: &str| crate::plan::load::is_kebab(s);
    let slug_like = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '-');
    match parts.as_slice() {
        ["matrix", plan] | ["narrative", plan] => kebab(plan),
        ["narrative", plan, region] => kebab(plan) && slug_like(region),
        [plan, region] => kebab(plan) && slug_like(region),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("乐平市"), "乐平市");
        assert_eq!(slug("<b>甲县</b>/../乙"), "b-甲县-b-乙");
        assert_eq!(slug("../.."), "region");
        assert_eq!(slug(""), "region");
        assert!(!slug("a\\b/c").contains(['/', '\\']));
    }

    #[test]
    fn ascii_names_keep_ascii_and_number_the_rest() {
        assert_eq!(ascii_slug("Leping Town", 3), "Leping-Town");
        assert_eq!(ascii_slug("乐平镇", 3), "region-003");
        assert_eq!(ascii_slug("../..", 12), "region-012");
    }

    #[test]
    fn colliding_slugs_get_a_number() {
        let mut taken = Default::default();
        assert_eq!(unique(&mut taken, "x"), "x");
        assert_eq!(unique(&mut taken, "x"), "x-2");
        assert_eq!(unique(&mut taken, "x"), "x-3");
    }

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(href("jiangjin-women--乐平镇.html"), "jiangjin-women--%E4%B9%90%E5%B9%B3%E9%95%87.html");
        assert_eq!(href("a b#c?.md"), "a%20b%23c%3F.md");
    }

    #[test]
    fn only_the_names_report_writes_are_its_own() {
        for own in ["index.html", "jiangjin-women--乐平镇.json", "matrix--jiangjin-women.md", "narrative--a-b.html"]
        {
            assert!(is_own(own), "{own}");
        }
        assert!(is_own("narrative--jiangjin-women--region-003.md"));
        for other in ["notes.md", "index.docx", "Jiangjin--x.html", "a--b--c.html", "budget.xlsx", "x--.html"] {
            assert!(!is_own(other), "{other}");
        }
    }
}
