//! The project file, `plancheck.toml`: what a CI job would repeat on every command line, under the flags' own
//! names. Flags override it; `plancheck check` with no flags runs it. Unknown keys are errors with
//! file:line:column, like plan files. Paths in it are relative to the folder the file is in.

use crate::cli::{ErrorFormat, Format};
use crate::diag::{Diagnostic, Diagnostics, IoFault, Message};
use crate::eval::FailOn;
use crate::words::Lang;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The name looked for in the working directory.
pub const FILE_NAME: &str = "plancheck.toml";

/// The keys of a project file; every one optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub plan: Option<String>,
    pub data: Option<PathBuf>,
    pub region: Option<String>,
    pub year: Option<i32>,
    pub format: Option<Format>,
    pub out: Option<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub fail_on_missing: Option<bool>,
    pub fail_on_warning: Option<bool>,
    pub tolerance: Option<Percent>,
    pub near: Option<Percent>,
    pub sheet: Option<String>,
    pub allow_unknown: Option<bool>,
    pub plans_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub error_format: Option<ErrorFormat>,
    /// The folder the file is in, to which its paths are relative.
    #[serde(skip)]
    pub dir: PathBuf,
}

/// A percentage written as a number (`5`, `2.5`) or a string (`"5"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Percent {
    Integer(i64),
    Float(f64),
    Text(String),
}

impl Percent {
    /// The percentage as the flag would be written.
    pub fn text(&self) -> String {
        match self {
            Percent::Integer(n) => n.to_string(),
            Percent::Float(x) => x.to_string(),
            Percent::Text(t) => t.clone(),
        }
    }
}

impl Config {
    /// A path of the file, relative to the file's folder.
    pub fn path(&self, path: &Path) -> PathBuf {
        if path.is_absolute() || self.dir.as_os_str().is_empty() {
            path.to_path_buf()
        } else {
            self.dir.join(path)
        }
    }
}

/// Reads the project file: the one `--config` names, else `plancheck.toml` in the working directory when there
/// is one. None when there is none.
pub fn load(named: Option<&Path>) -> Result<Option<Config>, Diagnostics> {
    let path = match named {
        Some(path) => path.to_path_buf(),
        None if Path::new(FILE_NAME).is_file() => PathBuf::from(FILE_NAME),
        None => return Ok(None),
    };
    let mut diags = Diagnostics::new();
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            diags.push(Diagnostic::error(Message::UnreadableConfig { path: name, fault: IoFault::from(&e) }));
            return Err(diags);
        }
    };
    let file: Arc<str> = name.into();
    diags.add_source(file.clone(), Arc::new(text.clone()));
    match toml::from_str::<Config>(&text) {
        Ok(mut config) => {
            config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            Ok(Some(config))
        }
        Err(e) => {
            diags.push(crate::plan::load::toml_error(&file, &text, &e));
            Err(diags)
        }
    }
}

/// The commented project file `plancheck init` writes.
pub fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => include_str!("config/plancheck.zh.toml"),
        Lang::En => include_str!("config/plancheck.en.toml"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_templates_are_valid_project_files() {
        for lang in [Lang::Zh, Lang::En] {
            let config: Config = toml::from_str(template(lang)).unwrap_or_default();
            assert_eq!(config.plan.as_deref(), Some("jiangjin-women"), "{lang:?}");
            assert_eq!(config.fail_on, Some(FailOn::Auto));
        }
    }

    #[test]
    fn percentages_are_numbers_or_strings() {
        let config: Config = toml::from_str("tolerance = 5\nnear = \"1.5\"").unwrap_or_default();
        assert_eq!(config.tolerance.map(|p| p.text()), Some("5".into()));
        assert_eq!(config.near.map(|p| p.text()), Some("1.5".into()));
    }
}
