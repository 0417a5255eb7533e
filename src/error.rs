//! The library's one error type. It keeps the cause and names the file (and line)
//! it concerns; only `main` turns errors into exit codes.

use std::fmt;
use std::path::Path;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A file (or one line of it) could not be understood.
    Parse {
        path: String,
        line: Option<usize>,
        message: String,
    },
    /// The input was refused on purpose (too big, binary, ...).
    Refused {
        path: String,
        line: Option<usize>,
        message: String,
    },
    /// A bad command-line value or combination.
    Usage(String),
    /// Anything else, with a message.
    Other(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }
    pub fn parse(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::Parse {
            path: path.as_ref().display().to_string(),
            line,
            message: message.into(),
        }
    }
    pub fn refused(
        path: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Error {
        Error::Refused {
            path: path.as_ref().display().to_string(),
            line,
            message: message.into(),
        }
    }
    /// True when this is a write to a pipe whose reader has gone (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{path}: {source}"),
            Error::Parse {
                path,
                line: Some(l),
                message,
            }
            | Error::Refused {
                path,
                line: Some(l),
                message,
            } => {
                write!(f, "{path}:{l}: {message}")
            }
            Error::Parse {
                path,
                line: None,
                message,
            }
            | Error::Refused {
                path,
                line: None,
                message,
            } => {
                write!(f, "{path}: {message}")
            }
            Error::Usage(m) => write!(f, "{m}"),
            Error::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
