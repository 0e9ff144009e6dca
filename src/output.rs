//! Where output goes, written so that nothing is half-written or written through a link: standard output, or a
//! file written under a temporary name in its own folder and renamed over its name once complete (a rename
//! replaces a link planted there, it never follows it), and a lock that keeps two runs out of one folder.

use crate::diag::{IoFault, Message};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A command's output: stdout, or a file that appears only when complete.
pub enum Sink<'o> {
    Stdout(&'o mut dyn Write),
    File { file: tempfile::NamedTempFile, path: PathBuf },
}

impl<'o> Sink<'o> {
    /// The output to `path`, or to `stdout` when there is none.
    pub fn open(path: Option<&Path>, stdout: &'o mut dyn Write) -> Result<Sink<'o>, Message> {
        match path {
            None => Ok(Sink::Stdout(stdout)),
            Some(path) => {
                let file = temporary_beside(path)?;
                Ok(Sink::File { file, path: path.to_path_buf() })
            }
        }
    }

    /// The writer to write to.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(out) => *out,
            Sink::File { file, .. } => file.as_file_mut(),
        }
    }

    /// Puts the output in place: flushes stdout, or renames the finished file over its name.
    pub fn commit(self) -> Result<(), Message> {
        match self {
            Sink::Stdout(out) => out.flush().map_err(|e| Message::OutputFailed { fault: IoFault::from(&e) }),
            Sink::File { file, path } => persist(file, &path),
        }
    }
}

/// A temporary file in the folder of `path`, created anew (never an existing file or link).
fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile, Message> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!(".{}.", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A temporary file is private (0600) by default; the file it becomes is an ordinary one, readable as the
    // user's umask allows, as a file the shell's `>` makes would be.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .tempfile_in(&dir)
        .map_err(|e| Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(&e) })
}

/// Syncs a finished temporary file and renames it over `path`.
fn persist(file: tempfile::NamedTempFile, path: &Path) -> Result<(), Message> {
    let fault = |e: &io::Error| Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(e) };
    file.as_file().sync_all().map_err(|e| fault(&e))?;
    file.persist(path).map(|_| ()).map_err(|e| fault(&e.error))
}

/// Writes `name` (a bare file name, never a path) inside `dir`, atomically.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Message> {
    let path = dir.join(name);
    let mut file = temporary_beside(&path)?;
    file.write_all(bytes)
        .map_err(|e| Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(&e) })?;
    persist(file, &path)
}

/// Writes a new file at `path`, never replacing one that is there (or appears meanwhile).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), Message> {
    let fault = |e: &io::Error| Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(e) };
    let mut file = temporary_beside(path)?;
    file.write_all(bytes).map_err(|e| fault(&e))?;
    file.as_file().sync_all().map_err(|e| fault(&e))?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(Message::FileExists { path: path.display().to_string() })
        }
        Err(e) => Err(fault(&e.error)),
    }
}

/// The lock of a folder a run writes into: held while the run lasts, released when it ends (even when the
/// process is killed), so that a second run into the same folder stops instead of mixing its pages in.
pub struct FolderLock {
    _file: std::fs::File,
}

/// The lock file's name inside the folder.
pub const LOCK_FILE: &str = ".plancheck.lock";

impl FolderLock {
    /// Takes the folder's lock, or says that another run holds it.
    pub fn take(dir: &Path) -> Result<FolderLock, Message> {
        let path = dir.join(LOCK_FILE);
        let file = open_no_follow(&path)
            .map_err(|e| Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(&e) })?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Message::FolderLocked { dir: dir.display().to_string() }),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(Message::CannotWrite { path: path.display().to_string(), fault: IoFault::from(&e) })
            }
        }
    }
}

/// Opens (creating) a file without following a link at its name.
fn open_no_follow(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_whole_and_replaces_a_link_without_following_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|_| std::process::abort());
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "keep").unwrap_or_default();
        let inner = dir.path().join("out");
        std::fs::create_dir(&inner).unwrap_or_default();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, inner.join("page.html")).unwrap_or_default();
        write_file(&inner, "page.html", b"new").unwrap_or_else(|m| panic!("{m:?}"));
        assert_eq!(std::fs::read_to_string(&outside).unwrap_or_default(), "keep");
        assert_eq!(std::fs::read_to_string(inner.join("page.html")).unwrap_or_default(), "new");
    }

    /// A written file has the permissions a file the shell creates there has, not a temporary file's 0600.
    #[cfg(unix)]
    #[test]
    fn a_written_file_is_as_readable_as_a_created_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|_| std::process::abort());
        std::fs::write(dir.path().join("plain.txt"), "x").unwrap_or_default();
        write_file(dir.path(), "page.html", b"x").unwrap_or_else(|m| panic!("{m:?}"));
        let mode = |name: &str| std::fs::metadata(dir.path().join(name)).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode("page.html").ok(), mode("plain.txt").ok());
    }

    #[test]
    fn a_second_lock_on_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|_| std::process::abort());
        let first = FolderLock::take(dir.path());
        assert!(first.is_ok());
        assert!(matches!(FolderLock::take(dir.path()), Err(Message::FolderLocked { .. })));
        drop(first);
        assert!(FolderLock::take(dir.path()).is_ok());
    }
}
