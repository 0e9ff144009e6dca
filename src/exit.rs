//! Exit codes, ripgrep's convention: 0 the check passed, 1 the check found something, 2 an error.

use std::process::ExitCode;

/// What a command's run amounts to, as an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing in scope is unmet or off track.
    Pass = 0,
    /// Something in scope is unmet or off track (or missing, with `--fail-on-missing`).
    Fail = 1,
    /// A usage error, or an unreadable or invalid plan or data file.
    Error = 2,
}

impl ExitStatus {
    /// The worse of two outcomes: an error beats a failure beats a pass.
    pub fn merge(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::*;

    #[test]
    fn merge_keeps_the_worse_outcome() {
        assert_eq!(Pass.merge(Pass), Pass);
        assert_eq!(Pass.merge(Fail), Fail);
        assert_eq!(Fail.merge(Pass), Fail);
        assert_eq!(Fail.merge(Error), Error);
        assert_eq!(Error.merge(Pass), Error);
    }

    #[test]
    fn codes_are_ripgreps() {
        assert_eq!(Pass as u8, 0);
        assert_eq!(Fail as u8, 1);
        assert_eq!(Error as u8, 2);
    }
}
