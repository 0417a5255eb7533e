//! Directory walking: every readable file under a root, in byte order of its relative
//! path, with unreadable entries, broken links and symlink loops reported, not fatal.

use super::{Format, Problem};
use crate::error::Error;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

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
/// silently, files whose extension names no known format are passed over with a warning; symlinks are followed when
/// `follow_symlinks` is set (and skipped silently when not), each directory is read once.
pub(crate) fn walk(root: &Path, follow_symlinks: bool) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut visited = HashSet::new();
    // (directory path, its relative path, canonical paths of it and its ancestors)
    let mut stack: Vec<(PathBuf, String, Vec<PathBuf>)> = Vec::new();
    match fs::canonicalize(root) {
        Ok(canonical) => {
            visited.insert(canonical.clone());
            stack.push((root.to_path_buf(), String::new(), vec![canonical]));
        }
        Err(e) => {
            entries.push(problem_entry(String::new(), root, Error::io(root, e)));
            return entries;
        }
    }
    while let Some((dir, rel, ancestors)) = stack.pop() {
        let reader = match fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) => {
                let message = format!("cannot read directory: {e}; skipped");
                entries.push(problem_entry(
                    rel,
                    &dir,
                    Error::refused(&dir, None, message),
                ));
                continue;
            }
        };
        for item in reader {
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    let message = format!("cannot list directory: {e}; rest of it skipped");
                    entries.push(problem_entry(
                        rel.clone(),
                        &dir,
                        Error::refused(&dir, None, message),
                    ));
                    break;
                }
            };
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = item.path();
            let child_rel = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let file_type = match item.file_type() {
                Ok(t) => t,
                Err(e) => {
                    entries.push(problem_entry(child_rel, &path, Error::io(&path, e)));
                    continue;
                }
            };
            let metadata = if file_type.is_symlink() {
                if !follow_symlinks {
                    continue;
                }
                match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => {
                        let message = format!("broken symbolic link ({e}); skipped");
                        entries.push(problem_entry(
                            child_rel,
                            &path,
                            Error::refused(&path, None, message),
                        ));
                        continue;
                    }
                }
            } else {
                match item.metadata() {
                    Ok(m) => m,
                    Err(e) => {
                        entries.push(problem_entry(child_rel, &path, Error::io(&path, e)));
                        continue;
                    }
                }
            };
            if metadata.is_dir() {
                let canonical = match fs::canonicalize(&path) {
                    Ok(c) => c,
                    Err(e) => {
                        entries.push(problem_entry(child_rel, &path, Error::io(&path, e)));
                        continue;
                    }
                };
                if ancestors.contains(&canonical) {
                    let message = format!(
                        "symbolic link loop (points back to {}); skipped",
                        canonical.display()
                    );
                    entries.push(problem_entry(
                        child_rel,
                        &path,
                        Error::refused(&path, None, message),
                    ));
                    continue;
                }
                if !visited.insert(canonical.clone()) {
                    let message = format!(
                        "directory {} already read through another path; skipped",
                        canonical.display()
                    );
                    entries.push(problem_entry(
                        child_rel,
                        &path,
                        Error::refused(&path, None, message),
                    ));
                    continue;
                }
                let mut chain = ancestors.clone();
                chain.push(canonical);
                stack.push((path, child_rel, chain));
            } else if metadata.is_file() {
                if let Some(format) = Format::from_path(&path) {
                    let size = metadata.len();
                    entries.push(Entry {
                        rel: child_rel,
                        path,
                        found: Found::File { format, size },
                    });
                } else {
                    let message = format!(
                        "not an article file; passed over (the extensions read are {})",
                        super::READ_EXTENSIONS
                    );
                    let error = Error::refused(&path, None, message);
                    entries.push(Entry {
                        rel: child_rel,
                        path,
                        found: Found::Problem(Problem::passed_over(error)),
                    });
                }
            }
        }
    }
    entries.sort_by(|a, b| a.rel.as_bytes().cmp(b.rel.as_bytes()));
    entries
}

fn problem_entry(rel: String, path: &Path, error: Error) -> Entry {
    Entry {
        rel,
        path: path.to_path_buf(),
        found: Found::Problem(Problem::error(error)),
    }
}
