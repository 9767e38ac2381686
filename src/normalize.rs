//! Normalisation before matching: a shared phrase table that rewrites everyday
//! wordings to the canonical words rubrics use ("makes sure" → "guarantee",
//! "goes down" → "fail"), and antonyms (the field's pairs plus WordNet's) that
//! let a fact recognise a claim turned into its opposite ("Kafka discards messages").

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::builtin::{BUILTIN_ANTONYMS, BUILTIN_PHRASES, WORDNET_ANTONYMS};
use crate::text::{self, Analyzed, Token};

#[derive(Deserialize)]
struct RawPhrases {
    #[serde(default)]
    phrase: Vec<RawPhrase>,
}

#[derive(Deserialize)]
struct RawPhrase {
    to: String,
    from: Vec<String>,
}

#[derive(Deserialize)]
struct RawAntonyms {
    pairs: Vec<Vec<String>>,
}

/// One rewrite: a sequence of word stems and the words that replace it.
#[derive(Debug)]
struct Rewrite {
    stems: Vec<String>,
    to: Vec<String>,
}

/// Rewrites by their first stem, longest first.
static PHRASES: LazyLock<HashMap<String, Vec<Rewrite>>> = LazyLock::new(|| {
    let raw: RawPhrases = toml::from_str(BUILTIN_PHRASES).unwrap_or(RawPhrases { phrase: vec![] });
    let mut table: HashMap<String, Vec<Rewrite>> = HashMap::new();
    for p in raw.phrase {
        let to: Vec<String> = text::words(&p.to).collect();
        for from in p.from {
            let stems: Vec<String> = text::analyze(&from)
                .tokens
                .into_iter()
                .map(|t| t.stem)
                .collect();
            if stems.len() < 2 || to.is_empty() {
                continue;
            }
            table.entry(stems[0].clone()).or_default().push(Rewrite {
                stems,
                to: to.clone(),
            });
        }
    }
    for rewrites in table.values_mut() {
        rewrites.sort_by_key(|r| std::cmp::Reverse(r.stems.len()));
    }
    table
});

/// The field's antonyms by stem, both ways.
static DOMAIN_ANTONYMS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let raw: RawAntonyms =
        toml::from_str(BUILTIN_ANTONYMS).unwrap_or(RawAntonyms { pairs: vec![] });
    let mut table: HashMap<String, Vec<String>> = HashMap::new();
    for pair in raw.pairs {
        if let [a, b] = pair.as_slice() {
            let (a, b) = (text::stem(&a.to_lowercase()), text::stem(&b.to_lowercase()));
            table.entry(a.clone()).or_default().push(b.clone());
            table.entry(b).or_default().push(a);
        }
    }
    table
});

/// Number of rewrites in the phrase table and of antonym pairs known (for `check`).
pub fn table_sizes() -> (usize, usize) {
    let phrases = PHRASES.values().map(Vec::len).sum();
    (
        phrases,
        DOMAIN_ANTONYMS.values().map(Vec::len).sum::<usize>() / 2,
    )
}

/// Validates the built-in phrase and antonym tables; returns what is wrong.
pub fn check_tables() -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = toml::from_str::<RawPhrases>(BUILTIN_PHRASES) {
        problems.push(format!("rubrics/phrases.toml: {}", e.message()));
    }
    match toml::from_str::<RawAntonyms>(BUILTIN_ANTONYMS) {
        Err(e) => problems.push(format!("rubrics/antonyms.toml: {}", e.message())),
        Ok(raw) => {
            for pair in raw.pairs.iter().filter(|p| p.len() != 2) {
                problems.push(format!(
                    "rubrics/antonyms.toml: pair {pair:?} must have exactly two words"
                ));
            }
        }
    }
    problems
}

/// The stems of a word's antonyms: the field's pairs, then WordNet's.
pub fn antonym_stems(surface: &str, stem: &str) -> Vec<String> {
    static LINES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        WORDNET_ANTONYMS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split(' ').collect())
            .collect()
    });
    let mut out: Vec<String> = DOMAIN_ANTONYMS.get(stem).cloned().unwrap_or_default();
    let lookup = |w: &str| {
        LINES
            .binary_search_by(|line| line[0].cmp(w))
            .ok()
            .map(|i| &LINES[i][1..])
    };
    if let Some(words) = lookup(surface).or_else(|| lookup(stem)) {
        out.extend(words.iter().map(|w| text::stem(w)));
    }
    out.sort();
    out.dedup();
    out
}

/// Rewrites the phrase table's phrases in an analysed text. A rewritten token
/// keeps the byte range of the whole phrase, so quotes still show the words written.
pub fn normalize(analyzed: Analyzed) -> Analyzed {
    let tokens = analyzed.tokens;
    if PHRASES.is_empty() {
        return Analyzed { tokens };
    }
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let rewrite = PHRASES.get(&tokens[i].stem).and_then(|candidates| {
            candidates.iter().find(|r| {
                let end = i + r.stems.len();
                end <= tokens.len()
                    && tokens[i..end]
                        .iter()
                        .zip(&r.stems)
                        .all(|(t, s)| &t.stem == s && t.sentence == tokens[i].sentence)
            })
        });
        match rewrite {
            Some(r) => {
                let (first, last) = (&tokens[i], &tokens[i + r.stems.len() - 1]);
                for word in &r.to {
                    let is_negator = text::is_negator(word);
                    out.push(Token {
                        surface: word.clone(),
                        stem: text::stem(word),
                        start: first.start,
                        end: last.end,
                        sentence: first.sentence,
                        clause: first.clause,
                        is_stop: !is_negator && text::is_stop_word(word),
                        is_negator,
                        after_comma: first.after_comma,
                        after_colon: first.after_colon,
                        quoted: first.quoted,
                    });
                }
                i += r.stems.len();
            }
            None => {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    Analyzed { tokens: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<String> {
        normalize(text::analyze(text))
            .tokens
            .into_iter()
            .map(|t| t.surface)
            .collect()
    }

    #[test]
    fn phrases_are_rewritten_with_their_span() {
        let words = surfaces("it makes sure of it");
        assert!(words.contains(&"guarantee".to_string()), "{words:?}");
        let text = "This makes sure";
        let a = normalize(text::analyze(text));
        let t = a.tokens.iter().find(|t| t.surface == "guarantee").unwrap();
        assert_eq!(&text[t.start..t.end], "makes sure");
    }

    #[test]
    fn forgetting_as_a_memory_is_no_dismissal() {
        let words = surfaces("the part I always forget is virtual nodes");
        assert!(!words.contains(&"forget".to_string()), "{words:?}");
        let words = surfaces("forget virtual nodes");
        assert!(words.contains(&"forget".to_string()), "{words:?}");
    }

    #[test]
    fn the_tables_are_valid() {
        assert!(check_tables().is_empty(), "{:?}", check_tables());
        assert!(antonym_stems("retain", &text::stem("retain")).contains(&text::stem("delete")));
    }
}
