//! Error types of the library and the process exit codes they map to.

use std::path::Path;

/// Exit codes, documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Success.
    Ok = 0,
    /// A failure: unreadable input, invalid deck or rubric, failed check.
    Failure = 1,
    /// A usage error: unknown topic or question, bad arguments.
    Usage = 2,
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown {kind} \"{name}\"{} {hint}", suggestion.as_ref().map(|s| format!(": did you mean `{s}`?")).unwrap_or_else(|| ".".into()))]
    UnknownName {
        kind: &'static str,
        name: String,
        suggestion: Option<String>,
        hint: String,
    },
    #[error("{kind} \"{name}\" is ambiguous: it could be {}. Type more of it, or use its number", candidates.join(", "))]
    Ambiguous {
        kind: &'static str,
        name: String,
        candidates: Vec<String>,
    },
    /// A usage mistake with what to do instead.
    #[error("{0}")]
    Usage(String),
    #[error("{file}:{line}: {message}")]
    Deck {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{location}: {message}")]
    Rubric { location: String, message: String },
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    #[error("the answer is empty: write an answer (or pipe one in) and try again")]
    EmptyAnswer,
    #[error("index: {0}")]
    Index(String),
}

impl Error {
    /// An I/O error on a path, phrased for a person.
    pub fn io(path: &Path, err: std::io::Error) -> Error {
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => {
                "permission denied: check the file's permissions".to_string()
            }
            _ if path.is_dir() => "is a directory, not a file".to_string(),
            _ => err.to_string(),
        };
        Error::Input {
            path: path.display().to_string(),
            message,
        }
    }

    /// The exit code for this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::UnknownName { .. } | Error::Ambiguous { .. } | Error::Usage(_) => {
                ExitCode::Usage
            }
            _ => ExitCode::Failure,
        }
    }
}

/// The closest candidate to a mistyped name, if one is close enough.
pub fn did_you_mean(name: &str, candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("shardng", &["sharding", "caching"]).as_deref(),
            Some("sharding")
        );
        assert_eq!(did_you_mean("zzz", &["sharding", "caching"]), None);
    }
}
