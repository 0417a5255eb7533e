//! Writing output: files atomically, directories with a clear error, and stdout with
//! broken pipes reported as such so `main` can end quietly (`newsgraph ... | head`).
//!
//! [`write_atomic`] writes into a temporary file in the destination's directory, flushes
//! and fsyncs it, and renames it over the destination only when everything succeeded:
//! an interrupted or failed run leaves the previous file intact and no temporary file
//! behind (a killed process can leave a `.newsgraph-*.tmp` file, never a truncated
//! destination). A new file gets mode 0644 on Unix; a replaced file keeps its mode.
//! A destination that is a symlink is replaced by the new file, not written through.

use crate::error::{Error, Result};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Write `path` atomically with what `f` writes. Errors name `path`.
pub fn write_atomic(path: &Path, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Error::io(
            path,
            io::Error::new(io::ErrorKind::IsADirectory, "is a directory, not a file"),
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".newsgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        f(&mut w).map_err(|e| Error::io(path, e))?;
        w.flush().map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    set_permissions(tmp.as_file(), path).map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(unix)]
fn set_permissions(file: &fs::File, dest: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600 files; an output file should look like any other.
    let mode = match fs::metadata(dest) {
        Ok(m) => m.permissions().mode() & 0o7777,
        Err(_) => 0o644,
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions(_file: &fs::File, _dest: &Path) -> io::Result<()> {
    Ok(())
}

/// Create `dir` and its parents, with an error naming the directory.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| {
        Error::io(
            dir,
            io::Error::new(e.kind(), format!("cannot create output directory: {e}")),
        )
    })
}

/// Buffered, locked stdout. Its write errors keep their kind, so a closed pipe wrapped
/// by [`stdout_error`] is recognised by [`Error::is_broken_pipe`].
pub fn stdout() -> impl Write {
    BufWriter::with_capacity(1 << 16, io::stdout().lock())
}

/// A stdout write error as a library error (path `<stdout>`); a broken pipe stays one.
pub fn stdout_error(e: io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// Run `f` on [`stdout`] and flush, mapping errors with [`stdout_error`]. A reader
/// that has gone (`| head`) ends the output quietly: that is `Ok`, so the command still
/// exits with the code it decided (`diff` 1 when the graphs differ, `eval` 1 below
/// `--min-f1`).
pub fn to_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut out = stdout();
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r.map_err(stdout_error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.dot");
        write_atomic(&path, |w| w.write_all(b"old contents")).unwrap();
        let err = write_atomic(&path, |w| {
            w.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("graph.dot"), "{err}");
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"old contents");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_successful_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        write_atomic(&path, |w| w.write_all(b"one")).unwrap();
        write_atomic(&path, |w| w.write_all(b"two")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert!(leftovers(dir.path()).is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644);
        }
    }

    #[test]
    fn errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir").join("graph.json");
        let err = write_atomic(&missing, |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("no-such-dir"), "{err}");
        let err = write_atomic(dir.path(), |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        let err = create_dir_all(&file.join("sub")).unwrap_err();
        assert!(
            err.to_string().contains("cannot create output directory"),
            "{err}"
        );
    }

    #[test]
    fn broken_pipe_stays_recognisable() {
        let e = stdout_error(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
    }
}
