//! A disk cache of the prepared grader (term statistics from the index, reference
//! vectors, vocabulary, validated rubrics), keyed by a hash of the deck, the
//! rubrics, the synonyms and the tool version, so that a grade starts in a few
//! milliseconds. Safe to delete; a corrupt or stale entry is rebuilt silently.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::Deck;
use crate::matcher::Lexicon;
use crate::rubric::RubricSet;
use crate::similarity::SimilarityModel;

/// Bumped when the cached layout changes.
const FORMAT: u32 = 3;

/// Everything about a deck that is costly to compute and depends only on its files.
#[derive(Serialize, Deserialize)]
pub struct Prepared {
    pub format: u32,
    pub key: String,
    pub deck: Deck,
    pub lexicon: Lexicon,
    pub model: SimilarityModel,
    pub rubrics: RubricSet,
}

impl Prepared {
    /// Wraps prepared parts under a key.
    pub fn new(
        key: String,
        deck: Deck,
        lexicon: Lexicon,
        model: SimilarityModel,
        rubrics: RubricSet,
    ) -> Self {
        Prepared {
            format: FORMAT,
            key,
            deck,
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

/// A checksum of a byte string (xxh3).
fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A key for a set of source texts and this build of the tool.
pub fn key(texts: &[&str]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [env!("CARGO_PKG_VERSION"), env!("MOCKGRADE_BUILD_ID")] {
        h.update(part.as_bytes());
        h.update(&[0xff]);
    }
    h.update(&FORMAT.to_le_bytes());
    for t in texts {
        // The length keeps ("ab") and ("a", "b") apart.
        h.update(&(t.len() as u64).to_le_bytes());
        h.update(t.as_bytes());
    }
    format!("{:016x}", h.digest())
}

/// Where the search index of a cached deck lives.
pub fn index_dir(key: &str) -> Option<PathBuf> {
    Some(cache_dir()?.join(format!("index-{key}")))
}

fn path_for(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("deck-{key}.bin"))
}

/// The prepared deck for a key, if the cache holds a valid one.
pub fn load(key: &str) -> Option<Prepared> {
    let path = path_for(&cache_dir()?, key);
    let bytes = std::fs::read(path).ok()?;
    // A truncated or altered file fails its checksum and is rebuilt.
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body).to_le_bytes() != sum {
        return None;
    }
    let prepared: Prepared = postcard::from_bytes(body).ok()?;
    (prepared.format == FORMAT && prepared.key == key).then_some(prepared)
}

/// Stores a prepared deck; best effort (a read-only cache only costs speed).
pub fn store(prepared: &Prepared) {
    let Some(dir) = cache_dir() else { return };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(mut bytes) = postcard::to_stdvec(prepared) else {
        return;
    };
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    let tmp = dir.join(format!(".deck-{}.{}.tmp", prepared.key, std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, path_for(&dir, &prepared.key));
    }
    let _ = std::fs::remove_file(&tmp);
    prune(&dir);
}

/// How many prepared decks the cache keeps (the most recently written).
const KEEP: usize = 8;

/// Removes all but the newest `KEEP` prepared decks.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("deck-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in files.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(&path);
        if let Some(key) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("deck-"))
            .and_then(|n| n.strip_suffix(".bin"))
        {
            let _ = std::fs::remove_dir_all(dir.join(format!("index-{key}")));
        }
    }
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

    #[test]
    fn corrupt_or_truncated_entries_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("MOCKGRADE_CACHE_DIR", dir.path());
        let g = crate::grade::Grader::builtin().unwrap();
        store(&Prepared::new(
            "t1".into(),
            g.deck,
            g.lexicon,
            g.model,
            g.rubrics,
        ));
        assert!(load("t1").is_some_and(|p| p.rubrics.get("sharding-2").is_some()));
        let path = path_for(dir.path(), "t1");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(load("t1").is_none());
        let mut flipped = bytes.clone();
        flipped[10] ^= 0xff;
        std::fs::write(&path, flipped).unwrap();
        assert!(load("t1").is_none());
        std::env::remove_var("MOCKGRADE_CACHE_DIR");
    }
}
#[cfg(test)]
mod roundtrip {
    /// A serialisable value as JSON, with its sets (arrays of strings) sorted.
    fn json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Value {
        fn sort_sets(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Array(items) => {
                    items.iter_mut().for_each(sort_sets);
                    if items.iter().all(|i| i.is_string()) {
                        items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                    }
                }
                serde_json::Value::Object(fields) => fields.values_mut().for_each(sort_sets),
                _ => {}
            }
        }
        let mut v = serde_json::to_value(value).expect("serialisable as JSON");
        sort_sets(&mut v);
        v
    }

    #[test]
    fn prepared_round_trips() {
        let g = crate::grade::Grader::builtin().unwrap();
        let p = super::Prepared::new("k".into(), g.deck, g.lexicon, g.model, g.rubrics);
        // Every part compared as JSON (maps sorted, so hash order does not
        // matter); rubrics one by one, decoded (their blobs hold hash maps).
        let bytes = postcard::to_stdvec(&p).unwrap();
        let back: super::Prepared = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.key, "k");
        assert_eq!(json(&back.deck), json(&p.deck));
        assert_eq!(json(&back.lexicon), json(&p.lexicon));
        assert_eq!(json(&back.model), json(&p.model));
        let ids: Vec<&str> = p.rubrics.question_ids().collect();
        assert_eq!(back.rubrics.question_ids().collect::<Vec<_>>(), ids);
        for id in ids {
            let (a, b) = (back.rubrics.get(id).unwrap(), p.rubrics.get(id).unwrap());
            assert_eq!(json(a), json(b), "rubric {id}");
        }
        // And the parts carry real content, not empty defaults.
        assert_eq!(back.format, super::FORMAT);
        assert_eq!(back.deck.questions().count(), p.deck.questions().count());
        assert!(back.deck.questions().count() >= 35);
        let q = back.deck.question("sharding-2").unwrap();
        assert!(q.reference.contains("ring"), "{}", q.reference);
        let rubric = back.rubrics.get("sharding-2").unwrap();
        assert!(rubric.concepts.len() >= 3);
        assert!(rubric.concepts.iter().all(|c| !c.phrasings.is_empty()));
        assert!(back.model.idf("ring") > 0.0);
        assert_eq!(back.model.idf("ring"), p.model.idf("ring"));
    }
}
