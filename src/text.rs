//! Turns free text into tokens that the matcher and the similarity model share:
//! lower-cased words with their English stems, sentence and clause numbers, and
//! flags for stop words and negators.

use std::borrow::Cow;

/// One word of an analysed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The word as written, lower-cased (contractions expanded: "don't" gives "do", "not").
    pub surface: String,
    /// Its English (Porter2) stem.
    pub stem: String,
    /// Byte range in the original text, for quoting evidence.
    pub start: usize,
    pub end: usize,
    /// Sentence number, from 0.
    pub sentence: u32,
    /// Clause number, from 0, unique across the text (commas, colons, dashes, "but" split clauses).
    pub clause: u32,
    pub is_stop: bool,
    pub is_negator: bool,
    /// True when a comma (a list separator, perhaps) ends the clause before this token.
    pub after_comma: bool,
    /// True when a colon ends the clause before this token ("Kafka: deletes on read").
    pub after_colon: bool,
    /// True inside quotation marks: a claim quoted is mentioned, not made.
    pub quoted: bool,
}

/// A text split into tokens.
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    pub tokens: Vec<Token>,
}

impl Analyzed {
    /// The original text between the start of token `from` and the end of token `to` (inclusive).
    pub fn quote<'t>(&self, original: &'t str, from: usize, to: usize) -> &'t str {
        let start = self.tokens[from].start;
        let end = self.tokens[to].end;
        original.get(start..end).unwrap_or("")
    }

    /// Tokens that carry meaning (not stop words, not negators).
    pub fn content(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| !t.is_stop && !t.is_negator)
    }

    /// Number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.tokens
            .last()
            .map(|t| t.sentence as usize + 1)
            .unwrap_or(0)
    }
}

/// English function words ignored by phrasings and similarity. Words that carry
/// meaning in a claim ("same", "all", "each", "once", "after", "more") are not here.
const STOP_WORDS: &[&str] = &[
    "a", "about", "actually", "also", "am", "an", "and", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "could", "did", "do", "does", "doing", "e.g", "eg", "either", "etc", "for",
    "from", "get", "gets", "got", "had", "has", "have", "having", "he", "her", "here", "him",
    "his", "i", "i.e", "ie", "if", "in", "into", "is", "it", "its", "itself", "just", "let",
    "lets", "like", "may", "me", "might", "much", "must", "my", "of", "on", "one's", "or", "our",
    "really", "s", "shall", "she", "should", "so", "some", "that", "the", "their", "them", "there",
    "these", "they", "this", "those", "through", "to", "us", "use", "used", "uses", "using", "was",
    "we", "were", "will", "with", "would", "you", "your", "yours",
];

/// Words that deny what follows them in the same clause.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "none", "nor", "neither", "cannot", "nothing", "nobody", "non",
];

/// Words that start a new clause for negation scope.
const CLAUSE_WORDS: &[&str] = &[
    "but", "however", "whereas", "although", "though", "instead", "while", "unlike", "rather",
];

/// The lower-cased words of a text, without stemming: a cheap pass for vocabularies.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Returns true for a function word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Returns true for a negating word.
pub fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word)
}

/// The English stem of a lower-case word (memoised per thread: answers and
/// rubrics repeat the same few thousand words).
pub fn stem(word: &str) -> String {
    thread_local! {
        static STEMMER: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, String>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if word.chars().any(|c| !c.is_ascii_alphabetic()) {
        return word.to_string();
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(word).cloned()) {
        return hit;
    }
    let stemmed = STEMMER.with(|s| match s.stem(word) {
        Cow::Borrowed(b) => b.to_string(),
        Cow::Owned(o) => o,
    });
    CACHE.with(|c| c.borrow_mut().insert(word.to_string(), stemmed.clone()));
    stemmed
}

/// Expands contractions so that negation is a word of its own.
fn expand_contraction(word: &str) -> Vec<String> {
    let has_apostrophe = word.contains(['\'', '\u{2019}']);
    if !(has_apostrophe || word.len() >= 4 && word.ends_with('t')) {
        return vec![word.to_string()];
    }
    let w = word.replace('\u{2019}', "'");
    let special = match w.as_str() {
        "can't" | "cant" => Some(["can", "not"]),
        "won't" | "wont" => Some(["will", "not"]),
        "shan't" => Some(["shall", "not"]),
        _ => None,
    };
    if let Some(pair) = special {
        return pair.iter().map(|s| s.to_string()).collect();
    }
    if let Some(base) = w.strip_suffix("n't") {
        return vec![base.to_string(), "not".to_string()];
    }
    // Contractions without apostrophes that people type in a hurry.
    for (bare, base) in [
        ("dont", "do"),
        ("doesnt", "does"),
        ("didnt", "did"),
        ("isnt", "is"),
        ("arent", "are"),
        ("wasnt", "was"),
        ("shouldnt", "should"),
        ("wouldnt", "would"),
        ("couldnt", "could"),
        ("havent", "have"),
        ("hasnt", "has"),
        ("neednt", "need"),
        // ...and misspell.
        ("dosent", "does"),
        ("dosnt", "does"),
        ("doesent", "does"),
        ("didint", "did"),
        ("wasent", "was"),
        ("arnt", "are"),
    ] {
        if w == bare {
            return vec![base.to_string(), "not".to_string()];
        }
    }
    if let Some(base) = w.strip_suffix("'s") {
        return vec![base.to_string()];
    }
    for suffix in ["'re", "'ve", "'ll", "'d", "'m"] {
        if let Some(base) = w.strip_suffix(suffix) {
            return vec![base.to_string()];
        }
    }
    vec![w.trim_matches('\'').to_string()]
}

/// A '.' between two digits, as in "2.5", or a thousands separator, as in
/// "1,500" (a comma followed by exactly three digits).
fn joins_number(chars: &[(usize, char)], i: usize) -> bool {
    let digit_at = |j: usize| chars.get(j).is_some_and(|&(_, c)| c.is_ascii_digit());
    let between_digits = i > 0 && digit_at(i - 1) && digit_at(i + 1);
    match chars[i].1 {
        '.' => between_digits,
        ',' => between_digits && digit_at(i + 2) && digit_at(i + 3) && !digit_at(i + 4),
        _ => false,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\'' || c == '\u{2019}'
}

/// True when the character at `i` has whitespace on both sides: "a - b", "a + b".
fn spaced(chars: &[(usize, char)], i: usize) -> bool {
    i > 0
        && chars[i - 1].1.is_whitespace()
        && chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace())
}

/// True when the line starting at `at` is a bullet ("- ", "* ", "• ", "1. ",
/// "2) "): each bullet is a sentence of its own.
fn starts_bullet(chars: &[(usize, char)], at: usize) -> bool {
    let rest: Vec<char> = chars[at.min(chars.len())..]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|c| *c == ' ' || *c == '\t')
        .take(3)
        .collect();
    match rest.as_slice() {
        ['-' | '*' | '•', next, ..] => next.is_whitespace(),
        [d, '.' | ')', next, ..] => d.is_ascii_digit() && next.is_whitespace(),
        _ => false,
    }
}

/// Analyses a text: words, stems, sentence and clause boundaries.
pub fn analyze(original: &str) -> Analyzed {
    // "e.g." and "i.e." would end sentences; same-length stand-ins keep byte offsets.
    let abbreviated = ["e.g.", "E.g.", "i.e.", "I.e."];
    let replaced;
    let text = if abbreviated.iter().any(|a| original.contains(a)) {
        replaced = original
            .replace("e.g.", "eg  ")
            .replace("E.g.", "eg  ")
            .replace("i.e.", "ie  ")
            .replace("I.e.", "ie  ");
        replaced.as_str()
    } else {
        original
    };
    let mut tokens = Vec::new();
    let mut sentence = 0u32;
    let mut clause = 0u32;
    let mut pending_sentence_break = false;
    let mut pending_clause_break = false;
    let mut pending_comma = false;
    let mut pending_colon = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if is_word_char(c) && c != '\'' && c != '\u{2019}' {
            // Read a word; join "1/n" and "24/7" style fractions into one token.
            let start = pos;
            let mut j = i;
            while j < chars.len() && (is_word_char(chars[j].1) || joins_number(&chars, j)) {
                j += 1;
            }
            if j + 1 < chars.len()
                && chars[j].1 == '/'
                && chars[i..j].iter().all(|&(_, ch)| ch.is_ascii_digit())
                && chars[j + 1].1.is_alphanumeric()
            {
                j += 1;
                while j < chars.len() && chars[j].1.is_alphanumeric() {
                    j += 1;
                }
            }
            let end = if j < chars.len() {
                chars[j].0
            } else {
                text.len()
            };
            let raw = text[start..end].to_lowercase();
            if pending_sentence_break && !tokens.is_empty() {
                sentence += 1;
                clause += 1;
            } else if pending_clause_break && !tokens.is_empty() {
                clause += 1;
            }
            let comma = pending_comma && pending_clause_break && !pending_sentence_break;
            let colon = pending_colon && pending_clause_break && !pending_sentence_break;
            pending_sentence_break = false;
            pending_clause_break = false;
            pending_comma = false;
            pending_colon = false;
            for (k, word) in expand_contraction(&raw).into_iter().enumerate() {
                if word.is_empty() {
                    continue;
                }
                if CLAUSE_WORDS.contains(&word.as_str()) && !tokens.is_empty() {
                    clause += 1;
                }
                push_token(&mut tokens, word, start, end, sentence, clause);
                if let Some(t) = tokens.last_mut() {
                    t.after_comma = comma && k == 0;
                    t.after_colon = colon && k == 0;
                }
            }
            i = j;
            continue;
        }
        match c {
            '.' | '!' | '?' | ';' => {
                let next = chars.get(i + 1).map(|&(_, n)| n);
                // "2.5", "e.g.", "cdn.example.com" are not sentence ends.
                if next.is_none_or(|n| n.is_whitespace() || n == ')' || n == '"') {
                    let prev_word = tokens.last().map(|t: &Token| t.surface.as_str());
                    if !matches!(prev_word, Some("e.g" | "i.e" | "vs" | "etc" | "eg" | "ie")) {
                        pending_sentence_break = true;
                    }
                }
            }
            '\n' => {
                if chars.get(i + 1).map(|&(_, n)| n) == Some('\n') || starts_bullet(&chars, i + 1) {
                    pending_sentence_break = true;
                } else {
                    pending_clause_break = true;
                }
            }
            ',' | ':' | '(' | ')' | '—' | '–' | '[' | ']' | '"' | '“' | '”' => {
                pending_clause_break = true;
                pending_comma = c == ',';
                pending_colon = c == ':';
            }
            // Arrows in notes: "no persistence -> pure cache", "miss => origin".
            '>' | '→' => {
                pending_clause_break = true;
            }
            // A spaced dash or slash separates phrases: "fire-and-forget / result
            // not needed now" is two items, as with a comma.
            '-' | '/' if spaced(&chars, i) => {
                pending_clause_break = true;
            }
            // "idempotent producer + transactions": a spaced plus between words
            // is the word "plus", which starts a new subject as "and" does; "R + W
            // > N" and "C++" stay as they are.
            '+' => {
                let next_word_len = chars[i + 1..]
                    .iter()
                    .skip_while(|(_, n)| n.is_whitespace())
                    .take_while(|(_, n)| n.is_alphanumeric())
                    .count();
                let after_word = tokens.last().is_some_and(|t: &Token| t.surface.len() > 2);
                if spaced(&chars, i) && after_word && next_word_len > 2 {
                    push_token(
                        &mut tokens,
                        "plus".to_string(),
                        pos,
                        pos + 1,
                        sentence,
                        clause,
                    );
                }
            }
            '%' => {
                let after_digit = i > 0 && chars[i - 1].1.is_ascii_digit();
                let word = if after_digit { "percent" } else { "mod" };
                push_token(
                    &mut tokens,
                    word.to_string(),
                    pos,
                    pos + 1,
                    sentence,
                    clause,
                );
            }
            _ => {}
        }
        i += 1;
    }
    // "no matter how deep" denies nothing; "can't afford a single point of
    // failure" says it is unacceptable, not absent.
    for i in 0..tokens.len().saturating_sub(1) {
        let idiom = (tokens[i].surface == "no" && tokens[i + 1].surface == "matter")
            || (matches!(tokens[i].surface.as_str(), "not" | "cannot")
                && tokens[i + 1].surface == "afford");
        if idiom {
            tokens[i].is_negator = false;
            tokens[i].is_stop = true;
        }
    }
    for (open, close) in quoted_spans(text) {
        for t in tokens
            .iter_mut()
            .filter(|t| t.start > open && t.start < close)
        {
            t.quoted = true;
        }
    }
    Analyzed { tokens }
}

/// Byte ranges (opening mark, closing mark) of quotations: between straight or
/// curly double quotes, or single quotes that open before a word and close after
/// one (an apostrophe inside a word, "don't", is neither). A quotation left open
/// at the end of a paragraph is none.
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (k, &(pos, c)) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|b| chars[b].1);
        let after = chars.get(k + 1).map(|&(_, a)| a);
        let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
        match (open, c) {
            (_, '\n') if after == Some('\n') => open = None,
            (None, '"' | '\u{201c}') => open = Some((pos, '"')),
            (Some((start, '"')), '"' | '\u{201d}') => {
                spans.push((start, pos));
                open = None;
            }
            (None, '\'' | '\u{2018}') if !word(before) && word(after) => open = Some((pos, '\'')),
            (Some((start, '\'')), '\'' | '\u{2019}') if !word(after) => {
                spans.push((start, pos));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

fn push_token(
    tokens: &mut Vec<Token>,
    surface: String,
    start: usize,
    end: usize,
    sentence: u32,
    clause: u32,
) {
    let is_negator = is_negator(&surface);
    let is_stop = !is_negator && is_stop_word(&surface);
    let stem = stem(&surface);
    tokens.push(Token {
        surface,
        stem,
        start,
        end,
        sentence,
        clause,
        is_stop,
        is_negator,
        after_comma: false,
        after_colon: false,
        quoted: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<String> {
        analyze(text)
            .tokens
            .into_iter()
            .map(|t| t.surface)
            .collect()
    }

    #[test]
    fn thousands_separators_stay_in_the_number() {
        let a = analyze("1,500 writes a second, not 500");
        assert_eq!(a.tokens[0].surface, "1,500");
        assert_eq!(a.tokens[0].clause, a.tokens[1].clause);
        assert_ne!(a.tokens[4].clause, a.tokens[0].clause);
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn quotations_are_marked_and_apostrophes_are_not() {
        let quoted = |text: &str| -> Vec<String> {
            analyze(text)
                .tokens
                .into_iter()
                .filter(|t| t.quoted)
                .map(|t| t.surface)
                .collect()
        };
        assert_eq!(
            quoted("The \"SQL can't scale\" claim"),
            ["sql", "can", "not", "scale"]
        );
        assert_eq!(
            quoted("the \u{201c}exactly once\u{201d} myth"),
            ["exactly", "once"]
        );
        assert_eq!(
            quoted("One is 'a CDN is static only', which is wrong"),
            ["a", "cdn", "is", "static", "only"]
        );
        assert!(quoted("Don't cache it; it's the users' data").is_empty());
        assert!(quoted("An \"unclosed quote\n\nthen more").is_empty());
    }

    #[test]
    fn contractions_expose_negation() {
        assert_eq!(
            surfaces("You don't need it"),
            ["you", "do", "not", "need", "it"]
        );
        assert_eq!(surfaces("it can't"), ["it", "can", "not"]);
        assert!(analyze("won't").tokens[1].is_negator);
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(stem("partitions"), stem("partition"));
        assert_eq!(stem("retrying"), stem("retry"));
        assert_eq!(stem("sharding"), stem("shard"));
    }

    #[test]
    fn fractions_and_percent_are_tokens() {
        assert_eq!(surfaces("only 1/N keys"), ["only", "1/n", "keys"]);
        assert_eq!(surfaces("hash % n"), ["hash", "mod", "n"]);
        assert_eq!(surfaces("90% of"), ["90", "percent", "of"]);
    }

    #[test]
    fn a_spaced_slash_or_dash_separates_clauses_but_a_tight_one_does_not() {
        let clauses = |text: &str| {
            let tokens = analyze(text).tokens;
            tokens.last().unwrap().clause - tokens[0].clause
        };
        assert_eq!(clauses("fire-and-forget / result not needed now"), 1);
        assert_eq!(clauses("queues - result not needed now"), 1);
        assert_eq!(clauses("read/write split and 1/N of keys"), 0);
    }

    #[test]
    fn a_spaced_plus_between_words_is_a_word() {
        let words = |text: &str| -> Vec<String> {
            analyze(text)
                .tokens
                .into_iter()
                .map(|t| t.surface)
                .collect()
        };
        assert_eq!(
            words("producer + transactions"),
            ["producer", "plus", "transactions"]
        );
        assert_eq!(words("R + W > N"), ["r", "w", "n"]);
    }

    #[test]
    fn idioms_with_a_negator_that_deny_nothing() {
        for text in [
            "no matter how deep",
            "we can't afford downtime",
            "we cannot afford downtime",
        ] {
            assert!(analyze(text).tokens.iter().all(|t| !t.is_negator), "{text}");
        }
    }

    #[test]
    fn bullets_are_sentences_of_their_own() {
        let a = analyze("Checklist:\n- no hot keys\n- queries hit one shard\n2. done");
        let sentence_of = |w: &str| a.tokens.iter().find(|t| t.surface == w).unwrap().sentence;
        assert_ne!(sentence_of("keys"), sentence_of("queries"));
        assert_ne!(sentence_of("shard"), sentence_of("done"));
        let a = analyze("keys are spread\nevenly across shards");
        assert_eq!(a.tokens[0].sentence, a.tokens[3].sentence);
    }

    #[test]
    fn sentences_and_clauses() {
        let a = analyze("First one, with a clause. Second e.g. here; third 2.5 ok");
        let sentences: Vec<u32> = a.tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(a.tokens[6].surface, "eg");
        assert_eq!(a.tokens[9].surface, "2.5");
        assert_ne!(a.tokens[1].clause, a.tokens[2].clause);
        assert_eq!(a.sentence_count(), 3);
    }

    #[test]
    fn no_matter_is_not_a_negation() {
        let a = analyze("fast no matter how deep");
        assert!(!a.tokens.iter().any(|t| t.is_negator));
        assert!(analyze("no retries").tokens[0].is_negator);
    }

    #[test]
    fn quote_returns_original_text() {
        let text = "Use Consistent Hashing, always";
        let a = analyze(text);
        assert_eq!(a.quote(text, 1, 2), "Consistent Hashing");
    }
}
