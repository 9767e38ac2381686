//! A disk cache of the prepared grader (term statistics from the index, reference
//! vectors, vocabulary, validated rubrics), keyed by a hash of the deck, the
//! rubrics, the synonyms and the tool version, so that a grade starts in a few
//! milliseconds. Safe to delete; a corrupt or stale entry is rebuilt silently.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::matcher::Lexicon;
use crate::rubric::RubricSet;
use crate::similarity::SimilarityModel;

/// Bumped when the cached layout changes.
const FORMAT: u32 = 1;

/// Everything about a deck that is costly to compute and depends only on its files.
#[derive(Serialize, Deserialize)]
pub struct Prepared {
    pub format: u32,
    pub key: String,
    pub lexicon: Lexicon,
    pub model: SimilarityModel,
    pub rubrics: RubricSet,
}

impl Prepared {
    /// Wraps prepared parts under a key.
    pub fn new(key: String, lexicon: Lexicon, model: SimilarityModel, rubrics: RubricSet) -> Self {
        Prepared {
            format: FORMAT,
            key,
            lexicon,
            model,
            rubrics,
        }
    }
}

/// The cache directory: `$MOCKGRADE_CACHE_DIR`, else the platform cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    std::env::var_os("MOCKGRADE_CACHE_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("mockgrade")))
}

/// A key for a set of source texts and this version of the tool.
pub fn key(texts: &[&str]) -> String {
    // FNV-1a: stable across Rust versions, unlike the std hasher.
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for b in bytes {
                self.0 ^= *b as u64;
                self.0 = self.0.wrapping_mul(0x100000001b3);
            }
        }
    }
    let mut h = Fnv(0xcbf29ce484222325);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    FORMAT.hash(&mut h);
    for t in texts {
        t.hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

fn path_for(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("deck-{key}.bin"))
}

/// The prepared deck for a key, if the cache holds a valid one.
pub fn load(key: &str) -> Option<Prepared> {
    let path = path_for(&cache_dir()?, key);
    let bytes = std::fs::read(path).ok()?;
    let prepared: Prepared = postcard::from_bytes(&bytes).ok()?;
    (prepared.format == FORMAT && prepared.key == key).then_some(prepared)
}

/// Stores a prepared deck; best effort (a read-only cache only costs speed).
pub fn store(prepared: &Prepared) {
    let Some(dir) = cache_dir() else { return };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(bytes) = postcard::to_stdvec(prepared) else {
        return;
    };
    let tmp = dir.join(format!(".deck-{}.{}.tmp", prepared.key, std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, path_for(&dir, &prepared.key));
    }
    let _ = std::fs::remove_file(&tmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_depends_on_every_text() {
        assert_eq!(key(&["a", "b"]), key(&["a", "b"]));
        assert_ne!(key(&["a", "b"]), key(&["a", "c"]));
        assert_ne!(key(&["ab"]), key(&["a", "b"]));
    }
}
#[cfg(test)]
mod roundtrip {
    #[test]
    fn prepared_round_trips() {
        let g = crate::grade::Grader::builtin().unwrap();
        let p = super::Prepared::new("k".into(), g.lexicon, g.model, g.rubrics);
        let bytes = postcard::to_stdvec(&p).unwrap();
        let back: super::Prepared = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.key, "k");
    }
}
