//! Rubrics derived from a reference answer alone: its key terms, weighted by
//! IDF from the index, with the words the question already contains demoted
//! (Mohler et al. 2011), matched with the same machinery as hand-written ones.

use std::collections::HashMap;

use crate::matcher::{AnswerMatcher, Lexicon, Phrasing};
use crate::rubric::{Concept, Origin, Rubric};
use crate::similarity::SimilarityModel;
use crate::text;

/// How much a term the question already contains still counts: nothing, as
/// Mohler et al. (2011) found that removing such words helps. (Chosen on the
/// dev set graded with derived rubrics; 0.3 and 0.6 did worse there.)
const QUESTION_WORD_FACTOR: f64 = 0.0;

/// Function words that the analyser keeps (they can matter inside a claim) but
/// that are never a key term of a reference on their own.
const NOT_TERMS: &[&str] = &[
    "above",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "along",
    "already",
    "although",
    "always",
    "among",
    "another",
    "any",
    "anyone",
    "anything",
    "around",
    "away",
    "because",
    "before",
    "below",
    "between",
    "both",
    "each",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "further",
    "hence",
    "how",
    "however",
    "instead",
    "least",
    "less",
    "many",
    "more",
    "most",
    "once",
    "only",
    "other",
    "others",
    "otherwise",
    "out",
    "over",
    "own",
    "per",
    "quite",
    "rather",
    "same",
    "several",
    "since",
    "still",
    "such",
    "than",
    "then",
    "thus",
    "too",
    "under",
    "until",
    "upon",
    "very",
    "via",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "within",
    "yet",
];

/// Units that turn a number into a quantity ("50k", "5ms", "10x"), still not a term.
const NUMBER_UNITS: &[&str] = &[
    "k", "m", "b", "kb", "mb", "gb", "tb", "ms", "s", "x", "th", "st", "nd", "rd", "pct",
];

/// Whether a reference word can be a derived concept: not a function word, not
/// a fragment under three letters (unless written as a capitalised acronym
/// such as "IP" or "DB"), and not a number or quantity ("90", "1.5", "50k").
pub fn is_term(surface: &str, as_written: &str) -> bool {
    if NOT_TERMS.binary_search(&surface).is_ok() || text::is_stop_word(surface) {
        return false;
    }
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    if surface.starts_with(|c: char| c.is_ascii_digit()) {
        let unit = surface.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        if NUMBER_UNITS.contains(&unit) {
            return false;
        }
    }
    let acronym =
        as_written.chars().count() == 2 && as_written.chars().all(|c| c.is_ascii_uppercase());
    surface.chars().count() >= 3 || acronym
}

/// Whether a reference word is graded as a derived concept: any content word
/// but a function word or a one-letter fragment. Numbers stay: "O(n log n)" or
/// "2 children" are what a data-structures answer is graded on. (`is_term`, the
/// stricter test, picks the key phrases of a drafted rubric.)
pub fn is_graded_term(surface: &str, followed_by: Option<char>) -> bool {
    let short = surface.chars().count() <= 2;
    !GRADED_NOT_TERMS.contains(&surface)
        && !text::is_stop_word(surface)
        && (surface.chars().count() >= 2 || surface.chars().all(|c| c.is_ascii_digit()))
        // "co" of "co-located" is a prefix, not a word.
        && !(short && followed_by == Some('-'))
}

/// The function words of `NOT_TERMS` that never carry a claim; words such as
/// "first", "each", "before" or "same" stay concepts when grading, since a
/// short answer is graded on them ("first in, first out").
const GRADED_NOT_TERMS: &[&str] = &[
    "although", "else", "hence", "how", "however", "quite", "rather", "such", "than", "then",
    "thus", "too", "upon", "very", "what", "whatever", "when", "whenever", "where", "whereas",
    "whether", "which", "while", "who", "whom", "whose", "why", "yet",
];

/// Derives a rubric with one concept per key term of the reference answer.
pub fn derive(
    question_id: &str,
    question: &str,
    reference: &str,
    model: &SimilarityModel,
) -> Rubric {
    let question_stems: Vec<String> = text::analyze(question)
        .content()
        .map(|t| t.stem.clone())
        .collect();
    let analyzed = text::analyze(reference);
    let no_synonyms = Lexicon::default();
    let in_reference = AnswerMatcher::new(&no_synonyms, &analyzed);
    let mut order: Vec<String> = Vec::new();
    let mut surface: HashMap<String, String> = HashMap::new();
    let terms: Vec<&text::Token> = analyzed
        .content()
        .filter(|t| is_graded_term(&t.surface, reference[t.end..].chars().next()))
        .collect();
    // A reference with no term at all (a number, say) keeps its content words.
    let terms = if terms.is_empty() {
        analyzed.content().collect()
    } else {
        terms
    };
    for t in terms {
        if !surface.contains_key(&t.stem) {
            order.push(t.stem.clone());
            surface.insert(t.stem.clone(), t.surface.clone());
        }
    }
    let first_surface = surface.clone();
    let concepts: Vec<Concept> = order
        .iter()
        .cloned()
        .filter_map(|stem| {
            let word = surface.remove(&stem)?;
            let phrasing = Phrasing::compile(&word)?;
            let mut weight = model.idf(&stem);
            if question_stems.contains(&stem) {
                weight *= QUESTION_WORD_FACTOR;
            }
            let negated_in_reference = in_reference.find(&phrasing).is_some_and(|m| m.negated);
            Some(Concept {
                negated_in_reference,
                id: word.replace(['/', '\''], "-"),
                label: word.clone(),
                weight: (weight * 100.0).round() / 100.0,
                phrasings: vec![phrasing],
                explanation: format!("The reference answer uses \"{word}\"."),
                beyond_reference: false,
            })
        })
        .filter(|c| c.weight > 0.0)
        .collect();
    // A reference made only of the question's words: keep them, equally weighted.
    let concepts = if concepts.is_empty() {
        order
            .iter()
            .filter_map(|stem| {
                let word = first_surface.get(stem)?;
                Some(Concept {
                    id: word.replace(['/', '\''], "-"),
                    label: word.clone(),
                    weight: 1.0,
                    phrasings: vec![Phrasing::compile(word)?],
                    explanation: format!("The reference answer uses \"{word}\"."),
                    beyond_reference: false,
                    negated_in_reference: false,
                })
            })
            .collect()
    } else {
        concepts
    };
    Rubric {
        question_id: question_id.to_string(),
        concepts,
        misconceptions: Vec::new(),
        facts: Vec::new(),
        origin: Origin::Auto,
    }
}

/// Key phrases of a reference for a rubric draft: runs of up to three content
/// words in one clause, heaviest first, at most `limit`.
pub fn key_phrases(
    question: &str,
    reference: &str,
    model: &SimilarityModel,
    limit: usize,
) -> Vec<(String, f64)> {
    let question_stems: Vec<String> = text::analyze(question)
        .content()
        .map(|t| t.stem.clone())
        .collect();
    let analyzed = text::analyze(reference);
    let mut phrases: Vec<(String, f64)> = Vec::new();
    let mut run: Vec<&text::Token> = Vec::new();
    let mut flush = |run: &mut Vec<&text::Token>| {
        if run.is_empty() {
            return;
        }
        let words: Vec<&str> = run.iter().map(|t| t.surface.as_str()).collect();
        let weight: f64 = run
            .iter()
            .map(|t| {
                let w = model.idf(&t.stem);
                if question_stems.contains(&t.stem) {
                    w * QUESTION_WORD_FACTOR
                } else {
                    w
                }
            })
            .sum();
        let phrase = words.join(" ");
        if !phrases.iter().any(|(p, _)| *p == phrase) {
            phrases.push((phrase, weight));
        }
        run.clear();
    };
    for (i, t) in analyzed.tokens.iter().enumerate() {
        // Function words, fragments and numbers end a phrase: "invalidate 90
        // percent" gives "invalidate" and "percent", never the number.
        let term = !t.is_stop
            && !t.is_negator
            && is_term(&t.surface, reference.get(t.start..t.end).unwrap_or(""));
        let boundary =
            !term || run.len() == 3 || (i > 0 && analyzed.tokens[i - 1].clause != t.clause);
        if boundary {
            flush(&mut run);
        }
        if term {
            run.push(t);
        }
    }
    flush(&mut run);
    phrases.sort_by(|a, b| b.1.total_cmp(&a.1));
    phrases.truncate(limit);
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn model() -> SimilarityModel {
        let mut df = HashMap::new();
        df.insert("stack".to_string(), 1);
        df.insert("element".to_string(), 9);
        SimilarityModel::new(&df, 10)
    }

    #[test]
    fn question_words_are_removed_and_rare_words_weigh_more() {
        let r = derive(
            "q",
            "What is a stack?",
            "A stack stores elements last in, first out.",
            &model(),
        );
        let weight = |id: &str| r.concepts.iter().find(|c| c.id == id).map(|c| c.weight);
        assert_eq!(weight("stack"), None, "question words are removed");
        assert!(weight("elements") < weight("stores"));
        assert_eq!(r.origin, Origin::Auto);
    }

    #[test]
    fn a_reference_of_question_words_only_still_has_concepts() {
        let r = derive("q", "What is a stack?", "A stack.", &model());
        assert_eq!(r.concepts.len(), 1);
    }

    #[test]
    fn function_words_and_fragments_are_not_concepts() {
        assert!(
            NOT_TERMS.windows(2).all(|w| w[0] < w[1]),
            "NOT_TERMS is sorted"
        );
        let r = derive(
            "q",
            "",
            "Which is better than x? Co-located IP caches invalidate 90 percent of 50k keys, then 1.5 more.",
            &model(),
        );
        let ids: Vec<&str> = r.concepts.iter().map(|c| c.id.as_str()).collect();
        // Numbers stay graded ("O(n)", "2 children" are what short answers are
        // graded on); drafts leave them out (below).
        for gone in ["which", "than", "x", "co", "then"] {
            assert!(!ids.contains(&gone), "{gone} in {ids:?}");
        }
        for kept in [
            "better",
            "located",
            "ip",
            "caches",
            "invalidate",
            "percent",
            "keys",
        ] {
            assert!(ids.contains(&kept), "{kept} not in {ids:?}");
        }
        // A reference that is only a number still has a concept.
        assert_eq!(derive("q", "", "42.", &model()).concepts.len(), 1);
    }

    #[test]
    fn drafts_never_propose_numbers() {
        let phrases = key_phrases(
            "How do you handle cache invalidation?",
            "Event-driven updates invalidate 90 percent of stale entries within 5 seconds.",
            &model(),
            10,
        );
        let texts: Vec<&str> = phrases.iter().map(|(p, _)| p.as_str()).collect();
        assert!(
            texts.iter().all(|p| !p.chars().any(|c| c.is_ascii_digit())),
            "{texts:?}"
        );
        assert!(texts.contains(&"invalidate"), "{texts:?}");
    }

    #[test]
    fn key_phrases_are_short_runs_of_content_words() {
        let phrases = key_phrases(
            "What is a stack?",
            "A stack stores elements last in, first out.",
            &model(),
            5,
        );
        assert!(phrases.iter().any(|(p, _)| p == "stack stores elements"));
        assert!(phrases.len() <= 5);
    }
}
