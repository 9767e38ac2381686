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
    for t in analyzed.content() {
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
        let boundary = t.is_stop
            || t.is_negator
            || run.len() == 3
            || (i > 0 && analyzed.tokens[i - 1].clause != t.clause);
        if boundary {
            flush(&mut run);
        }
        if !t.is_stop && !t.is_negator {
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
