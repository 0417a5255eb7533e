//! Writing output, in one place for every command: files atomically, directories with a
//! clear error, and stdout with broken pipes reported as such so `main` can end quietly
//! (`newsgraph ... | head`). [`write_to`] is the one way a command writes its output
//! (a file or stdout); [`to_stdout`] and [`write_atomic`] are its two common cases.
//!
//! [`write_atomic`] writes into a temporary file in the destination's directory, flushes
//! and fsyncs it, and renames it over the destination only when everything succeeded:
//! an interrupted or failed run leaves the previous file intact and no temporary file
//! behind (a killed process can leave a `.newsgraph-*.tmp` file, never a truncated
//! destination). A new file gets mode 0644 on Unix; a replaced file keeps its mode.
//! A destination that is a symlink to a file is replaced by the new file, not written
//! through. A destination that exists and is not a regular file (`/dev/null`, a FIFO,
//! `/dev/stdout`) is written through: renaming over it would replace the device.

use crate::error::{Error, Result};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Write `path` atomically with what `f` writes. Errors name `path`.
pub fn write_atomic(path: &Path, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    atomic(path, |w| f(w).map_err(|e| Error::io(path, e)))
}

/// The one writer of files: [`write_atomic`] for a closure that returns the library's
/// result (its own errors pass through untouched).
fn atomic<T>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let existing = fs::metadata(path).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(Error::io(
            path,
            io::Error::new(io::ErrorKind::IsADirectory, "is a directory, not a file"),
        ));
    }
    if existing.is_some_and(|m| !m.is_file()) {
        return write_through(path, f);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".newsgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    let value = {
        let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        let value = f(&mut w)?;
        w.flush().map_err(|e| Error::io(path, e))?;
        value
    };
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    set_permissions(tmp.as_file(), path).map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(value)
}

/// Write into `path` as it is: it exists and is not a regular file (`/dev/null`, a FIFO,
/// a terminal, `/dev/stdout`). Renaming a temporary file over it would put a regular file
/// where the device was (as root, `-o /dev/null` would break every later `>/dev/null` on
/// the machine), and a device has no previous contents to keep.
fn write_through<T>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let mut w = BufWriter::with_capacity(1 << 16, file);
    let value = f(&mut w)?;
    w.flush().map_err(|e| Error::io(path, e))?;
    Ok(value)
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

/// A command's output: the file of `--out` (written atomically), or stdout. A writer
/// that knows its name, so that its write errors name it ([`Out::error`]).
pub struct Out<'a> {
    w: &'a mut dyn Write,
    name: String,
}

impl Out<'_> {
    /// A write error of this output as a library error naming the file or `<stdout>`.
    /// A closed pipe stays one ([`Error::is_broken_pipe`]).
    pub fn error(&self, e: io::Error) -> Error {
        Error::io(&self.name, e)
    }
}

impl Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.w.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Every command's output goes through here: `f` writes to `path` atomically (nothing
/// replaces the file unless `f` succeeds), or to stdout (buffered, locked) when `path`
/// is `None` or `-`. `f` returns the library's result and turns its write errors into errors
/// with [`Out::error`]. On stdout a reader that has gone (`| head`) is an error that
/// [`Error::is_broken_pipe`] recognises, for `main` to end quietly; a closed pipe met
/// only by the final flush loses nothing the command decided, so it is success.
pub fn write_to<T>(path: Option<&Path>, f: impl FnOnce(&mut Out) -> Result<T>) -> Result<T> {
    // `-o -` is stdout, as for `export` (not a file named "-").
    if let Some(path) = path.filter(|p| p.as_os_str() != "-") {
        let name = path.display().to_string();
        return atomic(path, |w| f(&mut Out { w, name }));
    }
    let mut stdout = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut out = Out {
        w: &mut stdout,
        name: "<stdout>".into(),
    };
    let value = f(&mut out)?;
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(out.error(e)),
        _ => Ok(value),
    }
}

/// `r`, except that a reader of stdout that has gone (`| head`) is success: the output
/// ends there quietly and the command still exits with the code it had decided (`diff`
/// 1 when the graphs differ, `eval` 1 below `--min-f1`, `extract` 1 when input was
/// skipped).
pub fn ok_if_pipe_closed(r: Result<()>) -> Result<()> {
    match r {
        Err(e) if e.is_broken_pipe() => Ok(()),
        r => r,
    }
}

/// [`write_to`] stdout for a writer that only writes, [`ok_if_pipe_closed`].
pub fn to_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    ok_if_pipe_closed(write_to(None, |out| f(out).map_err(|e| out.error(e))))
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

    #[cfg(unix)]
    #[test]
    fn dev_null_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        assert!(fs::metadata(null).unwrap().file_type().is_char_device());
        write_atomic(null, |w| w.write_all(b"into the void")).unwrap();
        assert!(fs::metadata(null).unwrap().file_type().is_char_device());
        assert_eq!(fs::read(null).unwrap(), b"");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_through_and_stays_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || tx.send(fs::read(fifo).unwrap()));
        }
        write_atomic(&fifo, |w| w.write_all(b"graph")).unwrap();
        // Checked before waiting for the reader: had the FIFO been replaced, the reader
        // would wait forever for a writer.
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        let read = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
        assert_eq!(read, b"graph");
        assert!(leftovers(dir.path()).is_empty());
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
    fn write_errors_name_the_output_and_a_broken_pipe_stays_recognisable() {
        let mut sink = Vec::new();
        let out = Out {
            w: &mut sink,
            name: "<stdout>".into(),
        };
        let e = out.error(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        assert!(e.to_string().starts_with("<stdout>: "), "{e}");
    }

    /// A library error inside the writer (`--strict` meeting a bad input half way
    /// through `extract -o FILE`) comes back as itself, and the previous file stays.
    #[test]
    fn a_library_error_while_writing_a_file_passes_through_and_keeps_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        fs::write(&path, "previous").unwrap();
        let err = write_to(Some(&path), |w| -> Result<()> {
            w.write_all(b"half").map_err(|e| w.error(e))?;
            Err(Error::parse("in.jsonl", Some(3), "invalid JSON"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "in.jsonl:3: invalid JSON");
        assert_eq!(fs::read_to_string(&path).unwrap(), "previous");
        assert!(leftovers(dir.path()).is_empty());
        let n = write_to(Some(&path), |w| {
            w.write_all(b"new").map_err(|e| w.error(e))?;
            Ok(3)
        })
        .unwrap();
        assert_eq!((n, fs::read_to_string(&path).unwrap().as_str()), (3, "new"));
    }
}
