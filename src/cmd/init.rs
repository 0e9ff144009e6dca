//! `plancheck init [FILE]`: writes a commented `plancheck.toml`, the project file `plancheck check` runs from
//! when given no flags. An existing file is never overwritten.

use super::{usage, Context, Error};
use crate::cli::InitArgs;
use crate::diag::Message;
use crate::exit::ExitStatus;
use crate::words::{outputs::Created, Say};
use std::io::Write;
use std::path::PathBuf;

pub fn run(args: InitArgs, cx: &Context, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let path = args.path.unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME));
    if path.symlink_metadata().is_ok() {
        return Err(usage(Message::FileExists { path: path.display().to_string() }));
    }
    crate::output::create_new(&path, crate::config::template(cx.lang).as_bytes()).map_err(usage)?;
    writeln!(out, "{}", Created { path: path.display().to_string() }.say(cx.lang))?;
    Ok(ExitStatus::Pass)
}
