//! The harness the command-line tests share: run the built binary hermetically (no colour) and keep its exit
//! code and output. Each test crate uses the part it needs.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// What one run said.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs plancheck from the project root.
pub fn plancheck(args: &[&str]) -> Run {
    plancheck_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs plancheck in `dir` (so that file names in messages are short and fixed).
pub fn plancheck_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
