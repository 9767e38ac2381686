//! The optional configuration file: default deck, default topic, colour and
//! history. An invalid file is an error (file, line, column), never silently
//! replaced by defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::ColorWhen;
use crate::error::Error;

/// The file name inside the configuration directory.
pub const FILE_NAME: &str = "config.toml";

/// Settings from `config.toml`; every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A deck directory used when `--deck` is not given.
    pub deck: Option<PathBuf>,
    /// The topic `ask` uses when neither `--topic` nor `--question` is given.
    pub topic: Option<String>,
    /// `auto`, `always` or `never`, unless `--color` is given.
    pub color: Option<ColorWhen>,
    /// `false` turns the practice history off (as `--no-history` does).
    pub history: Option<bool>,
}

/// The configuration directory: `$MOCKGRADE_CONFIG_DIR`, else the platform one.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("MOCKGRADE_CONFIG_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::config_dir().map(|d| d.join("mockgrade")))
}

impl Config {
    /// The configuration file's settings, or defaults when there is no file.
    pub fn load() -> Result<Config, Error> {
        match config_dir() {
            Some(dir) => Config::load_from(&dir.join(FILE_NAME)),
            None => Ok(Config::default()),
        }
    }

    /// Parses one configuration file; a missing file gives the defaults.
    pub fn load_from(path: &Path) -> Result<Config, Error> {
        if !path.exists() {
            return Ok(Config::default());
        }
        let text = crate::input::read_text_file(path)?;
        toml::from_str(&text).map_err(|e| {
            let location = match e.span() {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
                    format!("{}:{line}:{column}", path.display())
                }
                None => path.display().to_string(),
            };
            Error::Rubric {
                location,
                message: format!(
                    "invalid configuration: {} (fix the file, or move it aside to use the defaults)",
                    e.message()
                ),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_file_is_read_and_a_bad_one_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert!(Config::load_from(&path).unwrap().topic.is_none());
        std::fs::write(
            &path,
            "topic = \"caching\"\ncolor = \"never\"\nhistory = false\n",
        )
        .unwrap();
        let c = Config::load_from(&path).unwrap();
        assert_eq!(c.topic.as_deref(), Some("caching"));
        assert_eq!(c.color, Some(ColorWhen::Never));
        assert_eq!(c.history, Some(false));
        std::fs::write(&path, "topic = \"caching\"\ncolour = \"never\"\n").unwrap();
        let err = Config::load_from(&path).unwrap_err().to_string();
        assert!(err.contains("config.toml:2:1"), "{err}");
    }
}
