//! plancheck: checks measured values against the targets of Chinese women's and children's development plans.
//!
//! Data flows one way: plans and data are loaded ([`plan`], [`dataset`]) and validated, targets are judged
//! ([`rule`], [`eval`]) into one [`eval::Report`], and every output format renders that report ([`render`]).
//! Only [`cmd`] and [`render`] write output.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod dataset;
pub mod diag;
pub mod draft;
pub mod eval;
pub mod exit;
pub mod indicator;
pub mod output;
pub mod plan;
pub mod render;
pub mod rule;
pub mod series;
pub mod spread;
pub mod warn;
pub mod words;

use clap::Parser;
use std::ffi::OsString;
use std::process::ExitCode;

/// Runs plancheck with these arguments (the first is the program name) and returns its exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::ExitStatus::Error.into() } else { ExitCode::SUCCESS };
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let stderr = std::io::stderr();
    let status = cmd::run(cli, &mut out, &mut stderr.lock());
    match std::io::Write::flush(&mut out) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => exit::ExitStatus::Error.into(),
        _ => status.into(),
    }
}
