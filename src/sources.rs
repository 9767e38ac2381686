//! Where a deck's files come from: the built-in ones compiled into the binary,
//! or a deck directory (Markdown in it or its `corpus/`, rubrics in `rubrics/`).

use std::path::{Path, PathBuf};

use crate::builtin::{
    BUILTIN_DECK, BUILTIN_DECK_NAME, BUILTIN_RUBRICS, BUILTIN_SYNONYMS, DATA_FILES,
};
use crate::error::Error;
use crate::input::{read_file_up_to, MAX_DECK_BYTES};

/// A named text file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// The texts a deck is made of.
#[derive(Debug, Clone)]
pub struct Sources {
    /// Where the deck came from, for messages.
    pub origin: String,
    pub deck: Vec<SourceFile>,
    pub rubrics: Vec<SourceFile>,
    pub synonyms: SourceFile,
    /// True for a user deck: questions without a rubric get a derived one.
    pub rubrics_optional: bool,
}

impl Sources {
    /// The built-in deck.
    pub fn builtin() -> Sources {
        Sources {
            origin: "built-in deck".into(),
            deck: vec![SourceFile {
                name: BUILTIN_DECK_NAME.into(),
                text: BUILTIN_DECK.into(),
            }],
            rubrics: BUILTIN_RUBRICS
                .iter()
                .map(|(name, text)| SourceFile {
                    name: format!("rubrics/{name}"),
                    text: text.to_string(),
                })
                .collect(),
            synonyms: SourceFile {
                name: "rubrics/synonyms.toml".into(),
                text: BUILTIN_SYNONYMS.into(),
            },
            rubrics_optional: false,
        }
    }

    /// A deck directory, or a single Markdown file.
    pub fn from_dir(path: &Path) -> Result<Sources, Error> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let (deck_files, rubric_dir) = if meta.is_file() {
            (vec![path.to_path_buf()], path.with_file_name("rubrics"))
        } else {
            (markdown_files(path)?, path.join("rubrics"))
        };
        let read = |p: &PathBuf| -> Result<SourceFile, Error> {
            Ok(SourceFile {
                name: p.display().to_string(),
                text: read_file_up_to(p, MAX_DECK_BYTES)?,
            })
        };
        let deck = deck_files.iter().map(read).collect::<Result<Vec<_>, _>>()?;
        let mut rubric_paths: Vec<PathBuf> = std::fs::read_dir(&rubric_dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| !DATA_FILES.contains(&n))
                    })
                    .collect()
            })
            .unwrap_or_default();
        rubric_paths.sort();
        let rubrics = rubric_paths
            .iter()
            .map(read)
            .collect::<Result<Vec<_>, _>>()?;
        let synonyms_path = rubric_dir.join("synonyms.toml");
        let synonyms = if synonyms_path.is_file() {
            read(&synonyms_path)?
        } else {
            Sources::builtin().synonyms
        };
        Ok(Sources {
            origin: path.display().to_string(),
            deck,
            rubrics,
            synonyms,
            rubrics_optional: true,
        })
    }

    /// Every text, for the cache key.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts: Vec<&str> = Vec::new();
        for f in self
            .deck
            .iter()
            .chain(&self.rubrics)
            .chain([&self.synonyms])
        {
            texts.push(&f.name);
            texts.push(&f.text);
        }
        texts
    }
}

/// The Markdown files of a deck directory (or its `corpus/`), sorted by name.
fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    for candidate in [dir.to_path_buf(), dir.join("corpus")] {
        let Ok(entries) = std::fs::read_dir(&candidate) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.eq_ignore_ascii_case("README.md"))
            })
            .collect();
        if !files.is_empty() {
            files.sort();
            return Ok(files);
        }
    }
    Err(Error::Deck {
        file: dir.display().to_string(),
        line: 0,
        message: "no Markdown (*.md) deck files in this directory or its corpus/ folder".into(),
    })
}
