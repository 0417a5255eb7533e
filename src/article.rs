//! Temporary reader (replaced by the `input` branch): .txt files and directories only.

use crate::doc::Article;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {}

#[derive(Debug, Clone)]
pub struct Input {
    pub article: Article,
    pub origin: String,
}

pub fn read_inputs(
    inputs: &[PathBuf],
    _opts: &ReadOptions,
) -> impl Iterator<Item = Result<Input>> + Send {
    let mut files = Vec::new();
    for i in inputs {
        collect(i, i, &mut files);
    }
    files.into_iter().map(|(root, f)| {
        let text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
        let id = f
            .strip_prefix(&root)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(f.file_name().map(Path::new).unwrap_or(&f))
            .display()
            .to_string();
        Ok(Input {
            article: Article {
                id,
                text,
                ..Default::default()
            },
            origin: f.display().to_string(),
        })
    })
}

fn collect(root: &Path, p: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "txt") {
                collect(root, &e, out);
            }
        }
    } else {
        out.push((root.to_path_buf(), p.to_path_buf()));
    }
}
