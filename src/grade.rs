//! The grader: weighted concept coverage plus similarity to the reference,
//! minus named penalties, with every point of the score traceable in the report.

use crate::autorubric;
use crate::cache;
use crate::corpus::{Deck, Question};
use crate::error::Error;
use crate::index::DeckIndex;
use crate::matcher::{AnswerMatcher, Lexicon, Phrasing};
use crate::report::{
    Band, ConceptResult, ConceptStatus, MisconceptionResult, OffTopic, Penalty, Report,
};
use crate::rubric::{Origin, Rubric, RubricSet};
use crate::similarity::{SimilarityModel, Vector};
use crate::sources::Sources;
use crate::text::{self, Analyzed};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// The constants of the scoring formula, documented in the README.
#[derive(Debug, Clone, Copy)]
pub struct Scoring {
    /// Points every on-topic answer starts with (interviewers give a vague but
    /// relevant answer some credit).
    pub base_points: f64,
    /// Points for covering every concept (weights share them).
    pub coverage_points: f64,
    /// Points for similarity to the reference at or above `similarity_full`.
    pub similarity_points: f64,
    /// Cosine similarity that earns all similarity points.
    pub similarity_full: f64,
    /// Points lost per misconception asserted.
    pub misconception_penalty: f64,
    /// The highest score an answer that asserts a misconception, or denies a central
    /// concept, can get.
    pub false_claim_cap: f64,
    /// Points lost per concept that the answer denies.
    pub negation_penalty: f64,
    /// The highest score of a list of keywords with no reasoning.
    pub keyword_salad_cap: f64,
    /// The highest score of an answer that fits another question far better.
    pub off_topic_cap: f64,
    /// The cap of a very short answer: a one-word answer is capped here, and the cap
    /// rises linearly to 100 at `brevity_full_ratio` of the reference's length.
    pub brevity_floor: f64,
    /// Answer length, as a share of the reference's, that lifts the brevity cap.
    pub brevity_full_ratio: f64,
    /// A reference of at least this many words makes an essay question, where
    /// interviewers expect reasoning: only there do the brevity and keyword-list
    /// caps apply (a one-line reference asks for a one-line answer).
    pub essay_reference_words: usize,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            base_points: 10.0,
            coverage_points: 80.0,
            similarity_points: 10.0,
            similarity_full: 0.40,
            misconception_penalty: 15.0,
            false_claim_cap: 30.0,
            negation_penalty: 10.0,
            keyword_salad_cap: 20.0,
            off_topic_cap: 10.0,
            brevity_floor: 45.0,
            brevity_full_ratio: 0.6,
            essay_reference_words: 60,
        }
    }
}

/// Everything needed to grade answers to the questions of one deck.
pub struct Grader {
    pub deck: Deck,
    pub rubrics: RubricSet,
    pub lexicon: Lexicon,
    pub model: SimilarityModel,
    pub scoring: Scoring,
    /// The search index, opened (or built) on first use: it finds the questions
    /// an off-topic answer fits better.
    index: OnceLock<Option<DeckIndex>>,
    /// Where the index is persisted, when the deck is cached.
    index_dir: Option<PathBuf>,
    /// Derived rubrics and reference vectors by (question, reference).
    derived: Mutex<HashMap<(String, String), Derived>>,
    /// Reference vectors of deck questions by id.
    vectors: Mutex<HashMap<String, Arc<Vector>>>,
}

/// A derived rubric with its reference vector.
type Derived = (Arc<Rubric>, Arc<Vector>);

/// How many derived rubrics are kept before the memo is emptied (bounds memory
/// on a batch with many distinct references).
const DERIVED_CACHE_LIMIT: usize = 4096;

/// A rubric borrowed from the deck's set or shared from the derived memo.
pub enum RubricHandle<'a> {
    Borrowed(&'a Rubric),
    Shared(Arc<Rubric>),
}

impl std::ops::Deref for RubricHandle<'_> {
    type Target = Rubric;
    fn deref(&self) -> &Rubric {
        match self {
            RubricHandle::Borrowed(r) => r,
            RubricHandle::Shared(r) => r,
        }
    }
}

/// Words that show reasoning rather than a list of terms.
const REASONING_WORDS: &[&str] = &[
    "because",
    "so",
    "since",
    "when",
    "if",
    "which",
    "therefore",
    "means",
    "otherwise",
    "while",
    "whereas",
    "instead",
    "by",
    "then",
    "until",
    "unless",
    "thus",
    "hence",
    "why",
    "but",
];

impl Grader {
    /// A grader over a deck and its rubrics; builds the index (in memory, or in
    /// `index_dir`) for the term statistics.
    pub fn new(
        deck: Deck,
        rubrics: RubricSet,
        mut lexicon: Lexicon,
        index_dir: Option<PathBuf>,
    ) -> Result<Grader, Error> {
        let built = match &index_dir {
            Some(dir) => DeckIndex::build_in(&deck, dir).or_else(|_| DeckIndex::build(&deck))?,
            None => DeckIndex::build(&deck)?,
        };
        let model = SimilarityModel::new(&built.document_frequencies()?, built.num_docs());
        for q in deck.questions() {
            lexicon.learn_words(&q.reference);
            lexicon.learn_words(&q.text);
        }
        for text in rubrics.texts() {
            lexicon.learn_words(&text);
        }
        Ok(Grader {
            deck,
            rubrics,
            lexicon,
            model,
            scoring: Scoring::default(),
            index: OnceLock::from(Some(built)),
            index_dir,
            derived: Default::default(),
            vectors: Default::default(),
        })
    }

    /// A grader for a deck's files, from the disk cache when it holds them.
    pub fn load(sources: &Sources) -> Result<Grader, Error> {
        let key = cache::key(&sources.texts());
        let index_dir = cache::index_dir(&key);
        if let Some(prepared) = cache::load(&key) {
            return Ok(Grader {
                deck: prepared.deck,
                rubrics: prepared.rubrics,
                lexicon: prepared.lexicon,
                model: prepared.model,
                scoring: Scoring::default(),
                index: OnceLock::new(),
                index_dir,
                derived: Default::default(),
                vectors: Default::default(),
            });
        }
        let deck = Deck::from_files(&sources.deck, &sources.origin)?;
        let rubrics = RubricSet::from_files(&sources.rubrics, &deck)?;
        let lexicon = Lexicon::from_toml(&sources.synonyms.text).map_err(|e| Error::Rubric {
            location: sources.synonyms.name.clone(),
            message: e.message().to_string(),
        })?;
        if let Some(dir) = &index_dir {
            // A half-written index from an interrupted run is replaced.
            let _ = std::fs::remove_dir_all(dir);
        }
        let grader = Grader::new(deck, rubrics, lexicon, index_dir)?;
        let prepared = cache::Prepared::new(
            key,
            grader.deck,
            grader.lexicon,
            grader.model,
            grader.rubrics,
        );
        cache::store(&prepared);
        Ok(Grader {
            deck: prepared.deck,
            rubrics: prepared.rubrics,
            lexicon: prepared.lexicon,
            model: prepared.model,
            scoring: grader.scoring,
            index: grader.index,
            index_dir: grader.index_dir,
            derived: Default::default(),
            vectors: Default::default(),
        })
    }

    /// The built-in deck with its rubrics and synonyms (no disk cache).
    pub fn builtin() -> Result<Grader, Error> {
        let sources = Sources::builtin();
        let deck = Deck::from_files(&sources.deck, &sources.origin)?;
        let rubrics = RubricSet::from_files(&sources.rubrics, &deck)?;
        Grader::new(deck, rubrics, Lexicon::builtin(), None)
    }

    /// The deck's index: the persisted one, or (if it is missing or unreadable) one
    /// built in memory. `None` only if tantivy fails both ways.
    fn index(&self) -> Option<&DeckIndex> {
        self.index
            .get_or_init(|| {
                self.index_dir
                    .as_deref()
                    .and_then(|dir| DeckIndex::open(dir).ok())
                    .or_else(|| DeckIndex::build(&self.deck).ok())
            })
            .as_ref()
    }

    /// The TF-IDF vector of a deck question's reference answer (memoised).
    fn reference_vector(&self, question: &Question) -> Arc<Vector> {
        if let Some(v) = self
            .vectors
            .lock()
            .ok()
            .and_then(|m| m.get(&question.id).cloned())
        {
            return v;
        }
        let v = Arc::new(self.model.vector(&text::analyze(&question.reference)));
        if let Ok(mut m) = self.vectors.lock() {
            m.insert(question.id.clone(), v.clone());
        }
        v
    }

    /// The vector of everything that is on topic for a question: its text, its
    /// reference and its rubric's phrasings (memoised). An answer that uses the
    /// rubric's words fits the question even where the reference words differ.
    fn topic_vector(&self, question: &Question, rubric: &Rubric) -> Arc<Vector> {
        let key = format!("topic:{}", question.id);
        if let Some(v) = self.vectors.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let mut text = format!("{} {}", question.text, question.reference);
        for c in &rubric.concepts {
            for p in &c.phrasings {
                text.push_str(". ");
                text.push_str(&p.text);
            }
        }
        let v = Arc::new(self.model.vector(&text::analyze(&text)));
        if let Ok(mut m) = self.vectors.lock() {
            m.insert(key, v.clone());
        }
        v
    }

    /// The deck question, other than `asked`, whose reference is most similar to an
    /// answer, among the few that the index ranks highest for it.
    fn best_other(
        &self,
        answer: &str,
        answer_vector: &Vector,
        asked: &str,
    ) -> Option<(String, f64)> {
        let candidates = self.index()?.closest(answer, 4).ok()?;
        candidates
            .into_iter()
            .filter(|id| id != asked)
            .filter_map(|id| {
                let q = self.deck.question(&id).ok()?;
                Some((id, answer_vector.cosine(&self.reference_vector(q))))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// The rubric of a question: hand-written if there is one, else derived from the reference.
    pub fn rubric_for(&self, question: &Question) -> RubricHandle<'_> {
        match self.rubrics.get(&question.id) {
            Some(r) => RubricHandle::Borrowed(r),
            None => RubricHandle::Shared(
                self.derived(&question.id, &question.text, &question.reference)
                    .0,
            ),
        }
    }

    /// A derived rubric and reference vector, made once per question and reference.
    fn derived(&self, id: &str, question: &str, reference: &str) -> Derived {
        let key = (question.to_string(), reference.to_string());
        if let Some(hit) = self.derived.lock().ok().and_then(|d| d.get(&key).cloned()) {
            return hit;
        }
        let made = (
            Arc::new(autorubric::derive(id, question, reference, &self.model)),
            Arc::new(self.model.vector(&text::analyze(reference))),
        );
        if let Ok(mut cache) = self.derived.lock() {
            if cache.len() >= DERIVED_CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(key, made.clone());
        }
        made
    }

    /// Grades an answer to a deck question.
    pub fn grade(&self, question: &Question, answer: &str) -> Result<Report, Error> {
        let rubric = self.rubric_for(question);
        let reference = self.reference_vector(question);
        self.grade_with(question, &rubric, answer, &reference, true)
    }

    /// Grades an answer against any question text and reference, with a derived rubric.
    pub fn grade_against_reference(
        &self,
        question_text: &str,
        reference: &str,
        answer: &str,
    ) -> Result<Report, Error> {
        let question = Question {
            id: "custom".into(),
            number: String::new(),
            topic_slug: String::new(),
            topic_name: String::new(),
            text: question_text.to_string(),
            reference: reference.to_string(),
        };
        let (rubric, vector) = self.derived("custom", question_text, reference);
        self.grade_with(&question, &rubric, answer, &vector, false)
    }

    /// Grades an answer against a given rubric.
    pub fn grade_with(
        &self,
        question: &Question,
        rubric: &Rubric,
        answer: &str,
        reference_vector: &Vector,
        in_deck: bool,
    ) -> Result<Report, Error> {
        crate::input::require_answer(answer)?;
        let s = &self.scoring;
        let analyzed = text::analyze(answer);
        if analyzed.content().next().is_none() {
            return Err(Error::EmptyAnswer);
        }
        // Derived rubrics come from any subject: general English synonyms help there.
        let matcher = match rubric.origin {
            Origin::Auto => AnswerMatcher::new(&self.lexicon, &analyzed).with_wordnet(),
            Origin::File(_) => AnswerMatcher::new(&self.lexicon, &analyzed),
        };
        let total_weight = rubric.total_weight().max(f64::EPSILON);
        let max_weight = rubric.concepts.iter().map(|c| c.weight).fold(0.0, f64::max);

        let mut concepts = Vec::new();
        let mut penalties = Vec::new();
        let mut cap: Option<(f64, String)> = None;
        let lower_cap = |value: f64, why: String, cap: &mut Option<(f64, String)>| {
            if cap.as_ref().is_none_or(|(c, _)| value < *c) {
                *cap = Some((value, why));
            }
        };
        for concept in &rubric.concepts {
            let (mut status, evidence) = find_any(&matcher, &concept.phrasings, answer, &analyzed);
            // A derived concept is a single term, not a claim: "does not include
            // a constructor" still uses the term. Only hand-written concepts can be denied.
            if status == ConceptStatus::Negated
                && (concept.negated_in_reference || rubric.origin == Origin::Auto)
            {
                status = ConceptStatus::Covered;
            }
            if status == ConceptStatus::Negated {
                penalties.push(Penalty {
                    name: "negated-concept".into(),
                    points: s.negation_penalty,
                    reason: format!(
                        "denies \"{}\": \"{}\"",
                        concept.label,
                        evidence.clone().unwrap_or_default()
                    ),
                });
                if concept.weight >= max_weight && rubric.origin != Origin::Auto {
                    lower_cap(
                        s.false_claim_cap,
                        format!("denies the central concept \"{}\"", concept.label),
                        &mut cap,
                    );
                }
            }
            concepts.push(ConceptResult {
                id: concept.id.clone(),
                label: concept.label.clone(),
                weight: concept.weight,
                status,
                evidence,
                points: 0.0,
                explanation: concept.explanation.clone(),
            });
        }

        // Concept points: coverage_points x coverage^exponent, shared among the
        // covered concepts in proportion to their weights.
        let covered_weight: f64 = concepts
            .iter()
            .filter(|c| c.status == ConceptStatus::Covered)
            .map(|c| c.weight)
            .sum();
        let coverage = (covered_weight / total_weight).min(1.0);
        let concept_total = s.coverage_points * coverage.powf(rubric.coverage_exponent());
        for c in concepts.iter_mut() {
            if c.status == ConceptStatus::Covered {
                c.points = round1(concept_total * c.weight / covered_weight);
            }
        }

        let mut misconceptions = Vec::new();
        for m in &rubric.misconceptions {
            let (status, evidence) = find_claim(&matcher, &m.phrasings, answer, &analyzed);
            if status == ConceptStatus::Covered {
                penalties.push(Penalty {
                    name: "misconception".into(),
                    points: s.misconception_penalty,
                    reason: format!("asserts \"{}\"", m.label),
                });
                lower_cap(
                    s.false_claim_cap,
                    format!("asserts a misconception: \"{}\"", m.label),
                    &mut cap,
                );
                misconceptions.push(MisconceptionResult {
                    id: m.id.clone(),
                    label: m.label.clone(),
                    evidence: evidence.unwrap_or_default(),
                    explanation: m.explanation.clone(),
                });
            }
        }

        let answer_vector = self.model.vector(&analyzed);
        let similarity = answer_vector.cosine(reference_vector);
        let similarity_points = s.similarity_points * (similarity / s.similarity_full).min(1.0);

        let reference_words = text::words(&question.reference).count().max(1);
        let length_ratio = analyzed.tokens.len() as f64 / reference_words as f64;
        let essay = reference_words >= s.essay_reference_words;
        if essay && length_ratio < s.brevity_full_ratio {
            let limit =
                s.brevity_floor + (100.0 - s.brevity_floor) * length_ratio / s.brevity_full_ratio;
            lower_cap(
                limit.round(),
                format!(
                    "a brief answer ({} words against {} in the reference) leaves out the reasoning and examples a strong answer gives",
                    analyzed.tokens.len(),
                    reference_words
                ),
                &mut cap,
            );
        }

        if let Some(reason) = keyword_salad(answer, &analyzed).filter(|_| essay) {
            lower_cap(s.keyword_salad_cap, reason, &mut cap);
        }

        let mut off_topic = None;
        if in_deck {
            if let Some((other, other_similarity)) =
                self.best_other(answer, &answer_vector, &question.id)
            {
                let fit = answer_vector
                    .cosine(&self.topic_vector(question, rubric))
                    .max(similarity);
                if other_similarity >= 0.15 && other_similarity >= 1.6 * fit && coverage < 0.4 {
                    let other_text = self
                        .deck
                        .question(&other)
                        .map(|q| q.text.clone())
                        .unwrap_or_default();
                    lower_cap(
                        s.off_topic_cap,
                        format!("the answer fits question {other} (\"{other_text}\") far better"),
                        &mut cap,
                    );
                    off_topic = Some(OffTopic {
                        question_id: other,
                        question: other_text,
                        similarity: round3(other_similarity),
                    });
                }
            }
        }

        let concept_points: f64 = concepts.iter().map(|c| c.points).sum();
        let raw = s.base_points + concept_points + similarity_points;
        let mut score = raw.min(100.0);
        score -= penalties.iter().map(|p| p.points).sum::<f64>();
        if let Some((limit, reason)) = cap {
            if score > limit {
                penalties.push(Penalty {
                    name: "cap".into(),
                    points: round1(score - limit),
                    reason: format!("score capped at {limit}: {reason}"),
                });
                score = limit;
            }
        }
        let score = score.clamp(0.0, 100.0).round() + 0.0;
        Ok(Report {
            question_id: question.id.clone(),
            question: question.text.clone(),
            score,
            band: Band::of(score),
            similarity: round3(similarity),
            coverage: round3(coverage),
            concept_points: round1(concept_points),
            similarity_points: round1(similarity_points),
            base_points: s.base_points,
            concepts,
            misconceptions,
            penalties,
            off_topic,
            rubric: match &rubric.origin {
                Origin::File(f) => f.clone(),
                Origin::Auto => "auto (derived from the reference answer)".into(),
            },
            reference: question.reference.clone(),
        })
    }
}

/// Finds a misconception: an affirmed phrasing within one clause.
fn find_claim(
    matcher: &AnswerMatcher,
    phrasings: &[Phrasing],
    answer: &str,
    analyzed: &Analyzed,
) -> (ConceptStatus, Option<String>) {
    for p in phrasings {
        if let Some(m) = matcher.find_in_clause(p).filter(|m| !m.negated) {
            let quote = analyzed.quote(answer, m.from, m.to).to_string();
            return (ConceptStatus::Covered, Some(quote));
        }
    }
    (ConceptStatus::Missing, None)
}

/// Finds the first phrasing that matches; reports denial only when none is affirmed.
fn find_any(
    matcher: &AnswerMatcher,
    phrasings: &[Phrasing],
    answer: &str,
    analyzed: &Analyzed,
) -> (ConceptStatus, Option<String>) {
    let mut negated = None;
    for p in phrasings {
        if let Some(m) = matcher.find(p) {
            let quote = analyzed.quote(answer, m.from, m.to).to_string();
            if !m.negated {
                return (ConceptStatus::Covered, Some(quote));
            }
            negated.get_or_insert(quote);
        }
    }
    match negated {
        Some(q) => (ConceptStatus::Negated, Some(context_of(answer, &q))),
        None => (ConceptStatus::Missing, None),
    }
}

/// The clause around a quote, so the report shows the words that deny it.
fn context_of(answer: &str, quote: &str) -> String {
    let Some(at) = answer.find(quote) else {
        return quote.to_string();
    };
    let stops = |c: char| matches!(c, '.' | ';' | '\n' | ',' | '!' | '?');
    let start = answer[..at].rfind(stops).map(|i| i + 1).unwrap_or(0);
    let end = answer[at + quote.len()..]
        .find(stops)
        .map(|i| at + quote.len() + i)
        .unwrap_or(answer.len());
    answer[start..end].trim().to_string()
}

/// Detects a list of terms with no reasoning; returns why.
pub fn keyword_salad(answer: &str, analyzed: &Analyzed) -> Option<String> {
    let segments: Vec<usize> = answer
        .split([',', ';', '\n', '.', ':', '=', '•', '(', ')'])
        .map(|s| text::words(s).count())
        .filter(|&n| n > 0)
        .collect();
    let total: usize = segments.iter().sum();
    if segments.len() < 5 || total == 0 {
        return None;
    }
    let in_list: usize = segments.iter().filter(|&&n| n <= 4).sum();
    let reasoning = analyzed
        .tokens
        .iter()
        .filter(|t| REASONING_WORDS.contains(&t.surface.as_str()))
        .count();
    let list_share = in_list as f64 / total as f64;
    (list_share >= 0.5 && reasoning <= 1).then(|| {
        format!(
            "a list of keywords with no reasoning ({} of {} words in short list items, {} reasoning words)",
            in_list, total, reasoning
        )
    })
}

/// Rounds to one decimal; adding 0.0 turns -0.0 into 0.0.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0 + 0.0
}

/// Rounds to three decimals, never -0.0.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0 + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grader() -> Grader {
        Grader::builtin().unwrap()
    }

    #[test]
    fn verbatim_reference_scores_at_least_90() {
        let g = grader();
        for q in g.deck.questions() {
            let r = g.grade(q, &q.reference).unwrap();
            assert!(r.score >= 90.0, "{}: {}", q.id, r.score);
        }
    }

    #[test]
    fn empty_answer_is_an_error() {
        let g = grader();
        let q = g.deck.question("sharding-2").unwrap();
        assert!(g.grade(q, "   \n").is_err());
        assert!(g.grade(q, "...").is_err());
    }

    #[test]
    fn keyword_salad_is_capped() {
        let g = grader();
        let q = g.deck.question("sharding-2").unwrap();
        let r = g
            .grade(q, "hash ring, virtual nodes, 1/N keys, clockwise, vnodes, DynamoDB, Cassandra, modulo")
            .unwrap();
        assert!(r.score <= 20.0, "{}", r.score);
        assert!(r.penalties.iter().any(|p| p.reason.contains("keywords")));
    }

    #[test]
    fn every_point_is_accounted_for() {
        let g = grader();
        let q = g.deck.question("idempotency-1").unwrap();
        let r = g
            .grade(q, "Idempotent means doing it twice has the same effect as once. Clients send an idempotency key so a retry after a timeout is not charged twice.")
            .unwrap();
        let penalties: f64 = r.penalties.iter().map(|p| p.points).sum();
        let expected = ((r.base_points + r.concept_points + r.similarity_points).min(100.0)
            - penalties)
            .clamp(0.0, 100.0);
        assert!(
            (expected - r.score).abs() <= 1.0,
            "{expected} vs {}",
            r.score
        );
    }
}
