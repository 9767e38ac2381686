//! The built-in deck and the tables compiled into the binary, in one place:
//! the deck, its rubric files (listed by `build.rs` from `rubrics/*.toml`), the
//! synonym groups, the phrase table, the antonym pairs and the WordNet tables.

/// The built-in deck (Markdown).
pub const BUILTIN_DECK: &str = include_str!("../corpus/system-design.md");
/// How the built-in deck is named in messages.
pub const BUILTIN_DECK_NAME: &str = "corpus/system-design.md (built in)";

include!(concat!(env!("OUT_DIR"), "/builtin_rubrics.rs"));

/// Files in a `rubrics/` folder that are shared tables, not rubrics.
pub const DATA_FILES: &[&str] = &["synonyms.toml", "phrases.toml", "antonyms.toml"];

/// The shared synonym groups of the built-in rubrics.
pub const BUILTIN_SYNONYMS: &str = include_str!("../rubrics/synonyms.toml");
/// The phrase table: everyday wordings rewritten to the words rubrics use.
pub const BUILTIN_PHRASES: &str = include_str!("../rubrics/phrases.toml");
/// The field's antonym pairs, which WordNet lacks or gets wrong for this domain.
pub const BUILTIN_ANTONYMS: &str = include_str!("../rubrics/antonyms.toml");
/// General English synonyms derived from WordNet 3.0 (`scripts/wordnet_table.py`):
/// a word, then the words of its most frequent sense.
pub const WORDNET_SYNONYMS: &str = include_str!("../data/wordnet-synonyms.txt");
/// WordNet 3.0's direct antonyms (`scripts/wordnet_antonyms.py`): a word, then its antonyms.
pub const WORDNET_ANTONYMS: &str = include_str!("../data/wordnet-antonyms.txt");
