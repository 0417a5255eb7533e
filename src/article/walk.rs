//! Directory walking: every readable file under a root, in byte order of its relative
//! path, with unreadable entries, broken links and symlink loops reported, not fatal.
//!
//! The walk itself is the `walkdir` crate (issue 15: it replaced 166 lines of our own
//! recursive walk): it follows links when asked, detects a link back to an ancestor and
//! reports every entry it cannot read, at its path. Ours on top: hidden entries are left
//! out, a directory reached a second time through another link is read once (walkdir
//! would read it again under the second path: the same articles twice, with other ids),
//! each problem gets the message the README promises, and the entries are sorted by
//! the bytes of their relative path, whatever the directory order.

use super::{Format, Problem};
use crate::error::Error;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One thing found under a root: a file to read, or a problem to report in its place.
pub(crate) struct Entry {
    /// Path relative to the root, `/`-separated: the sort key and the article id.
    pub rel: String,
    pub path: PathBuf,
    pub found: Found,
}

pub(crate) enum Found {
    File { format: Format, size: u64 },
    Problem(Problem),
}

/// Walks `root` recursively. Hidden entries (names starting with `.`) are skipped
/// silently, files whose extension names no known format are passed over with a note;
/// symlinks are followed when `follow_symlinks` is set (and skipped silently when not),
/// each directory is read once.
pub(crate) fn walk(root: &Path, follow_symlinks: bool) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut visited = HashSet::new();
    let mut read_twice = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(follow_symlinks)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if !e.file_type().is_dir() {
                return true;
            }
            // A directory already read through another path is named, not read again.
            match fs::canonicalize(e.path()) {
                Ok(c) if !visited.insert(c.clone()) => {
                    let message = format!(
                        "directory {} already read through another path; skipped",
                        c.display()
                    );
                    read_twice.push(problem_entry(
                        root,
                        e.path(),
                        Error::refused(e.path(), None, message),
                    ));
                    false
                }
                _ => true,
            }
        });
    for item in walker {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => {
                entries.push(walk_problem(root, e));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() {
            continue; // a directory (walked into), or a link not followed
        }
        let found = match Format::from_path(path) {
            Some(format) => match entry.metadata() {
                Ok(m) => Found::File {
                    format,
                    size: m.len(),
                },
                Err(e) => Found::Problem(Problem::error(Error::io(path, e.into()))),
            },
            None => {
                let message = format!(
                    "not an article file; passed over (the extensions read are {})",
                    super::READ_EXTENSIONS
                );
                Found::Problem(Problem::passed_over(Error::refused(path, None, message)))
            }
        };
        entries.push(Entry {
            rel: relative(root, path),
            path: path.to_path_buf(),
            found,
        });
    }
    entries.extend(read_twice);
    entries.sort_by(|a, b| a.rel.as_bytes().cmp(b.rel.as_bytes()));
    entries
}

/// A walkdir error as the problem the reader reports at that path.
fn walk_problem(root: &Path, e: walkdir::Error) -> Entry {
    let path = e.path().unwrap_or(root).to_path_buf();
    if let Some(ancestor) = e.loop_ancestor() {
        let message = format!(
            "symbolic link loop (points back to {}); skipped",
            ancestor.display()
        );
        return problem_entry(root, &path, Error::refused(&path, None, message));
    }
    let depth = e.depth();
    let io = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("cannot be walked"));
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let error = if depth == 0 {
        Error::io(&path, io)
    } else if is_link && fs::metadata(&path).is_err() {
        Error::refused(&path, None, format!("broken symbolic link ({io}); skipped"))
    } else if path.is_dir() {
        Error::refused(&path, None, format!("cannot read directory: {io}; skipped"))
    } else {
        Error::io(&path, io)
    };
    problem_entry(root, &path, error)
}

/// `path` relative to `root`, `/`-separated ("" for the root itself).
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn problem_entry(root: &Path, path: &Path, error: Error) -> Entry {
    Entry {
        rel: relative(root, path),
        path: path.to_path_buf(),
        found: Found::Problem(Problem::error(error)),
    }
}
