//! The grader: weighted concept coverage plus similarity to the reference,
//! minus named penalties, with every point of the score traceable in the report.

use crate::autorubric;
use crate::cache;
use crate::corpus::{Deck, Question};
use crate::error::Error;
use crate::index::DeckIndex;
use crate::matcher::{AnswerMatcher, Contradiction, Lexicon, Match, Phrasing};
use crate::report::{
    Band, ConceptResult, ConceptStatus, Confidence, ContradictionResult, MisconceptionResult,
    OffTopic, Penalty, Report,
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
    /// Content words an answer needs for all of `base_points`; fewer earn a
    /// share in proportion ("x" or "ring" is not a vague but relevant answer).
    pub base_full_words: usize,
    /// Points for covering every concept of a hand-written rubric (weights
    /// share them).
    pub coverage_points: f64,
    /// Points for similarity to the reference at or above `similarity_full`,
    /// with a hand-written rubric (its concepts carry the meaning, and
    /// interviewers favour an answer in its own words over one that echoes the
    /// reference).
    pub similarity_points: f64,
    /// Cosine similarity that earns all similarity points.
    pub similarity_full: f64,
    /// Similarity points with a derived rubric (single terms of the reference,
    /// so similarity says more); its concept points make up the difference.
    pub derived_similarity_points: f64,
    /// Cosine similarity that earns all similarity points with a derived rubric.
    pub derived_similarity_full: f64,
    /// Points lost per misconception asserted.
    pub misconception_penalty: f64,
    /// The highest score an answer that asserts a misconception or contradicts a
    /// fact can get when it covers nothing else (see `false_claim_cap_for`).
    pub false_claim_cap: f64,
    /// The cap of a false claim in an answer that covers the whole rubric
    /// (see `false_claim_cap_for`).
    pub mixed_answer_cap: f64,
    /// How the false-claim cap rises with coverage, `coverage ^ exponent`: an
    /// answer that is wrong at its centre covers less, and stays near the bottom.
    pub mixed_answer_exponent: f64,
    /// The cap of an answer that dismisses a central concept.
    pub denial_cap: f64,
    /// A dismissed concept of at least this weight (or the rubric's heaviest)
    /// caps the score at `denial_cap`.
    pub central_weight: f64,
    /// Penalties never take the score below this share of the points earned.
    pub penalty_floor_share: f64,
    /// Points lost per concept that the answer denies.
    pub negation_penalty: f64,
    /// The highest score of a list of keywords with no reasoning.
    pub keyword_salad_cap: f64,
    /// The highest score of a one-sentence answer that strings a list of terms
    /// together ("X is when ..., and you solve it with A, B, C and D").
    pub one_sentence_list_cap: f64,
    /// The longest answer (in words) that the one-sentence list cap applies to.
    pub one_sentence_list_max_words: usize,
    /// How many short items in a row make that sentence a list.
    pub one_sentence_list_items: usize,
    /// Words before a colon that make it a clause, not a label: such a colon
    /// may open the sentence's list.
    pub one_sentence_list_clause_words: usize,
    /// How many distinct words that weigh qualities ("fast", "simple", "needs",
    /// "no") make short items notes that compare options, not a keyword list.
    pub notes_weighing_words: usize,
    /// The highest score of an answer that fits another question far better.
    pub off_topic_cap: f64,
    /// The cap of a very short answer: a one-word answer is capped here, and the cap
    /// rises linearly to 100 at `brevity_full_ratio` of the reference's length.
    pub brevity_floor: f64,
    /// Answer length, as a share of the reference's, that lifts the brevity cap.
    pub brevity_full_ratio: f64,
    /// Full marks need depth beyond the rubric's points (examples, numbers,
    /// trade-offs): an essay answer is capped at `depth_floor`, rising linearly
    /// to 100 at `depth_full_ratio` of the reference's length.
    pub depth_floor: f64,
    /// Answer length, as a multiple of the reference's, that lifts the depth cap.
    pub depth_full_ratio: f64,
    /// A reference of at least this many words makes an essay question, where
    /// interviewers expect reasoning: only there do the brevity and keyword-list
    /// caps apply (a one-line reference asks for a one-line answer).
    pub essay_reference_words: usize,
    /// Points lost per fact the answer contradicts (it also caps the score at
    /// `false_claim_cap`).
    pub contradiction_penalty: f64,
    /// Share of a concept's weight earned when it is only named: a bare term in
    /// a list, with no reason or mechanism in its sentence.
    pub named_only_share: f64,
    /// Name-dropping: an essay answer whose covered concepts (at least this
    /// many) are mostly only named is capped like a keyword list.
    pub name_dropping_min_concepts: usize,
    /// The share of covered weight only named that makes name-dropping.
    pub name_dropping_share: f64,
    /// An answer of at least this many words that gives a reason somewhere
    /// ("because", "so", "if") explains itself: it is not name-dropping.
    pub name_dropping_max_words: usize,
    /// An essay answer with at least this share of its content words taken
    /// from the question restates it, and is capped like a keyword list.
    pub restatement_share: f64,
    /// A dismissing clause denies the concept it shares at least this many
    /// distinctive words with, even in other words than the concept's phrasings.
    pub stance_overlap: usize,
    /// Points lost per unqualified absolute ("always", "guarantees", "never")
    /// in a clause about a rubric point; never a cap.
    pub overclaim_penalty: f64,
    /// At most this many unqualified claims are charged.
    pub overclaim_max: usize,
    /// Off-topic: how many of the index's closest questions are compared.
    pub off_topic_candidates: usize,
    /// Off-topic: the least cosine to another question's reference.
    pub off_topic_min_similarity: f64,
    /// Off-topic: how many times better the other question must fit.
    pub off_topic_ratio: f64,
    /// Off-topic: only answers below this coverage can be off topic.
    pub off_topic_max_coverage: f64,
    /// Off-topic by rubric: the least coverage of another question's rubric...
    pub off_topic_other_coverage: f64,
    /// ...and how far it must exceed the coverage of the question asked...
    pub off_topic_coverage_gap: f64,
    /// ...or by more when it is a sibling question of the same topic...
    pub off_topic_sibling_gap: f64,
    /// ...while the other question's reference fits the answer's words at least
    /// this share as well as the asked one's: sibling rubrics share terms.
    pub off_topic_rubric_min_fit: f64,
    /// Off-topic by words for an answer that covers `off_topic_max_coverage` or
    /// more of the asked rubric: the other reference's cosine must be this many
    /// times the asked one's.
    pub off_topic_covered_ratio: f64,
    /// How coverage of a hand-written rubric turns into concept points:
    /// `coverage ^ exponent`.
    pub coverage_exponent: f64,
    /// How coverage of a derived rubric (single terms of the reference) turns
    /// into concept points: `coverage ^ exponent`; hand-written concepts use 1.
    pub derived_coverage_exponent: f64,
    /// Points lost per reference term a derived-rubric answer denies or turns
    /// into its opposite.
    pub derived_contradiction_penalty: f64,
    /// Share of assertive sentences matched by the rubric below which the
    /// confidence is medium, and low.
    pub confidence_medium: f64,
    pub confidence_low: f64,
    /// The highest score of a padded answer: an essay answer of at least
    /// `padded_min_words` words that covers at most `padded_max_coverage` of the
    /// rubric and whose sentences mostly match nothing (low confidence).
    pub padded_cap: f64,
    /// The most coverage a padded answer has.
    pub padded_max_coverage: f64,
    /// The fewest words (tokens) of a padded answer.
    pub padded_min_words: usize,
}

impl Scoring {
    /// The cap of an answer that asserts a misconception or contradicts a fact:
    /// `false_claim_cap`, rising with coverage squared to `mixed_answer_cap` for
    /// an answer that covers the rubric fully (one error in an otherwise complete
    /// answer).
    pub fn false_claim_cap_for(&self, coverage: f64) -> f64 {
        (self.false_claim_cap
            + (self.mixed_answer_cap - self.false_claim_cap)
                * coverage.powf(self.mixed_answer_exponent))
        .round()
    }
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            base_points: 10.0,
            base_full_words: 10,
            coverage_points: 85.0,
            similarity_points: 5.0,
            similarity_full: 0.20,
            derived_similarity_points: 10.0,
            derived_similarity_full: 0.40,
            misconception_penalty: 15.0,
            false_claim_cap: 10.0,
            mixed_answer_exponent: 2.0,
            denial_cap: 30.0,
            central_weight: 3.0,
            mixed_answer_cap: 50.0,
            negation_penalty: 10.0,
            penalty_floor_share: 0.3,
            keyword_salad_cap: 20.0,
            one_sentence_list_cap: 20.0,
            one_sentence_list_max_words: 45,
            one_sentence_list_items: 3,
            one_sentence_list_clause_words: 6,
            notes_weighing_words: 3,
            off_topic_cap: 10.0,
            brevity_floor: 45.0,
            brevity_full_ratio: 0.9,
            depth_floor: 70.0,
            depth_full_ratio: 1.75,
            essay_reference_words: 60,
            contradiction_penalty: 15.0,
            named_only_share: 0.5,
            name_dropping_min_concepts: 2,
            name_dropping_share: 0.6,
            name_dropping_max_words: 40,
            restatement_share: 0.3,
            stance_overlap: 2,
            overclaim_penalty: 3.0,
            overclaim_max: 2,
            off_topic_candidates: 4,
            off_topic_min_similarity: 0.15,
            off_topic_ratio: 1.6,
            off_topic_max_coverage: 0.6,
            off_topic_other_coverage: 0.8,
            off_topic_coverage_gap: 0.4,
            off_topic_rubric_min_fit: 0.6,
            off_topic_sibling_gap: 0.6,
            off_topic_covered_ratio: 2.0,
            coverage_exponent: 1.3,
            derived_coverage_exponent: 0.5,
            derived_contradiction_penalty: 0.0,
            confidence_medium: 0.6,
            confidence_low: 0.35,
            padded_cap: 10.0,
            padded_max_coverage: 0.3,
            padded_min_words: 100,
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
    /// Per question, the concepts its own reference only names in a list: an
    /// answer that lists them too is not marked down for it.
    listed_in_reference: Mutex<HashMap<String, Arc<Vec<String>>>>,
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

/// Unqualified absolutes: claims that rarely hold in distributed systems.
const ABSOLUTES: &[&str] = &[
    "always",
    "never",
    "guarantees",
    "guaranteed",
    "automatically",
    "forever",
    "impossible",
    "completely",
    "entirely",
    "perfectly",
    "instantly",
    "infinitely",
    "infinite",
    "zero",
];
/// Verbs of talking or thinking: an absolute before one describes a habit of
/// speech ("people always bring up X"), not a claim about the system.
const TALK_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "bring",
    "brings",
    "mention",
    "mentions",
    "tell",
    "tells",
    "ask",
    "asks",
    "forget",
    "forgets",
    "think",
    "thinks",
    "recommend",
    "recommends",
    "talk",
    "talks",
    "insist",
    "insists",
    "quote",
    "quotes",
    "cite",
    "cites",
    "hear",
    "claim",
    "claims",
    "argue",
    "argues",
    "remember",
    "worry",
    "worries",
];

/// Words right before an absolute that qualify it: "almost always".
const QUALIFIERS: &[&str] = &[
    "almost",
    "nearly",
    "not",
    "practically",
    "virtually",
    "mostly",
    "usually",
    "generally",
    "close",
    "near",
];
/// Words that show a reason or a mechanism in a sentence, beyond `REASONING_WORDS`.
const MECHANISM_WORDS: &[&str] = &[
    "prevents", "prevent", "avoids", "avoid", "ensures", "ensure", "lets", "allows", "allow",
    "causes", "cause", "via", "each", "every", "only",
];

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
            listed_in_reference: Default::default(),
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
                listed_in_reference: Default::default(),
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
            listed_in_reference: Default::default(),
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

    /// The concepts that a question's reference only names in a list (memoised).
    fn listed_in_reference(&self, question: &Question, rubric: &Rubric) -> Arc<Vec<String>> {
        if let Some(hit) = self
            .listed_in_reference
            .lock()
            .ok()
            .and_then(|m| m.get(&question.id).cloned())
        {
            return hit;
        }
        let analyzed = crate::normalize::normalize(text::analyze(&question.reference));
        let matcher = AnswerMatcher::new(&self.lexicon, &analyzed);
        let listed: Vec<String> = rubric
            .concepts
            .iter()
            .filter(|c| {
                let found = find_any(&matcher, &c.phrasings, &question.reference, &analyzed);
                found.status == ConceptStatus::Covered
                    && found
                        .at
                        .is_some_and(|m| is_named_only(&question.reference, &analyzed, m.from))
            })
            .map(|c| c.id.clone())
            .collect();
        let listed = Arc::new(listed);
        if let Ok(mut m) = self.listed_in_reference.lock() {
            m.insert(question.id.clone(), listed.clone());
        }
        listed
    }

    /// The deck questions, other than `asked`, that the index ranks highest for an
    /// answer, each with the cosine between the answer and its reference.
    fn other_candidates(
        &self,
        answer: &str,
        answer_vector: &Vector,
        asked: &str,
    ) -> Vec<(String, f64)> {
        let Some(Ok(candidates)) = self
            .index()
            .map(|index| index.closest(answer, self.scoring.off_topic_candidates))
        else {
            return Vec::new();
        };
        candidates
            .into_iter()
            .filter(|id| id != asked)
            .filter_map(|id| {
                let q = self.deck.question(&id).ok()?;
                let cosine = answer_vector.cosine(&self.reference_vector(q));
                Some((id, cosine))
            })
            .collect()
    }

    /// The rubric coverage an answer reaches on another deck question (graded
    /// without the off-topic check, so it never recurses).
    fn coverage_on(&self, other: &str, answer: &str) -> Option<f64> {
        let q = self.deck.question(other).ok()?;
        let rubric = self.rubric_for(q);
        let reference = self.reference_vector(q);
        self.grade_with(q, &rubric, answer, &reference, false)
            .ok()
            .map(|r| r.coverage)
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
        // Rubric phrasings are matched on the answer with everyday phrases
        // rewritten to the rubric's words; similarity uses the words as written.
        // A derived rubric's terms are the reference's own words, not normalised.
        let normalized = match rubric.origin {
            Origin::Auto => analyzed.clone(),
            Origin::File(_) => crate::normalize::normalize(analyzed.clone()),
        };
        // Derived rubrics come from any subject: general English synonyms help there.
        let matcher = match rubric.origin {
            Origin::Auto => AnswerMatcher::new(&self.lexicon, &normalized).with_wordnet(),
            Origin::File(_) => AnswerMatcher::new(&self.lexicon, &normalized),
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
        // Token spans the rubric matched: sentences with none are claims it could not check.
        let mut matched_spans: Vec<(usize, usize)> = Vec::new();
        let listed_in_reference = match rubric.origin {
            Origin::Auto => Arc::new(Vec::new()),
            Origin::File(_) => self.listed_in_reference(question, rubric),
        };
        // Derived rubrics: reference terms the answer denies or turns into their opposite.
        let mut derived_contradictions: Vec<(String, Match, &str)> = Vec::new();
        // Clauses that dismiss what they name: they can deny a concept or the
        // question's own subject.
        let dismissals = match rubric.origin {
            Origin::Auto => Vec::new(),
            Origin::File(_) => matcher.dismissal_clauses(),
        };
        // Phrasings that state a denial or a dismissal themselves ("you can't get
        // true exactly-once delivery", "exactly-once is a myth"), found: their
        // clauses agree with the rubric, so they neither deny a concept nor
        // dismiss the question.
        // So do the mentions of a concept that advises against its subject or
        // denies it exists ("exactly-once delivery does not exist" and an answer
        // calling it "not real").
        let agreeing: Vec<Match> = rubric
            .concepts
            .iter()
            .flat_map(|c| {
                let against = c.advises_against();
                let matcher = &matcher;
                c.phrasings.iter().filter_map(move |p| {
                    let states = p.states_negation() || p.states_dismissal();
                    matcher
                        .find(p)
                        .filter(|m| (states && !m.negated) || (against && !states))
                })
            })
            .collect();
        let disagreeing: Vec<std::ops::Range<usize>> = dismissals
            .iter()
            .filter(|range| {
                !agreeing
                    .iter()
                    .any(|m| m.from < range.end && range.start <= m.to)
            })
            .cloned()
            .collect();
        let stance = dismissed_concepts(&matcher, &disagreeing, rubric, question, answer, s);
        // False claims first: the misconceptions asserted and the facts contradicted.
        let misconception_hits: Vec<_> = rubric
            .misconceptions
            .iter()
            .map(|m| (m, find_claim(&matcher, &m.phrasings, answer, &normalized)))
            .collect();
        let fact_hits: Vec<_> = rubric
            .facts
            .iter()
            .filter_map(|fact| {
                matcher
                    .contradiction(&fact.subject, &fact.allowed, &fact.forbidden)
                    .map(|hit| (fact, hit))
            })
            .collect();
        let false_clauses: Vec<u32> = misconception_hits
            .iter()
            .filter_map(|(_, (_, _, at))| *at)
            .map(|(from, _)| from)
            .chain(fact_hits.iter().map(|(_, (m, _))| m.from))
            .map(|at| normalized.tokens[at].clause)
            .collect();
        let in_false_claim = |m: &Match| false_clauses.contains(&normalized.tokens[m.from].clause);
        for (index, concept) in rubric.concepts.iter().enumerate() {
            let mut found = find_any(&matcher, &concept.phrasings, answer, &normalized);
            let negative = concept.states_a_negative();
            let advises_against = concept.advises_against();
            // "X is pointless" agrees with "not X"; "X isn't something to worry
            // about" waves the advice off.
            let waves_off_the_advice = advises_against
                && found.dismissed
                && found.at.is_some_and(|m| matcher.dismisses_a_warning(&m));
            // "Microservices are overkill for five people" agrees with "a small
            // team gains little from microservices"; "team size is overrated"
            // dismisses its reason.
            let dismisses_its_reason = found.dismissed
                && concept.sceptical_of().is_some_and(|objects| {
                    found.at.is_some_and(|m| {
                        let sentence = sentence_of(&normalized, m.from);
                        !normalized.tokens[sentence]
                            .iter()
                            .any(|t| objects.contains(&t.stem))
                    })
                });
            if advises_against && found.dismissed && !waves_off_the_advice && !dismisses_its_reason
            {
                found.status = ConceptStatus::Covered;
                found.dismissed = false;
            }
            if let Some((m, evidence)) = stance
                .get(&index)
                .filter(|_| !found.dismissed && !advises_against)
            {
                found = Found {
                    status: ConceptStatus::Negated,
                    dismissed: true,
                    evidence: Some(evidence.clone()),
                    at: Some(*m),
                };
            }
            let mut status = found.status;
            if let Some(m) = found.at {
                matched_spans.push((m.from, m.to));
            }
            // A derived concept is a single term, not a claim: "does not include
            // a constructor" still uses the term. Only hand-written concepts can be denied.
            if status == ConceptStatus::Negated
                && !waves_off_the_advice
                && !dismisses_its_reason
                && (concept.negated_in_reference || negative || rubric.origin == Origin::Auto)
            {
                // Yet a term the reference affirms and the answer denies is a
                // contradiction of the reference.
                if rubric.origin == Origin::Auto && !concept.negated_in_reference {
                    if let Some(m) = found.at {
                        derived_contradictions.push((concept.label.clone(), m, "denies"));
                    }
                }
                status = ConceptStatus::Covered;
            }
            if status == ConceptStatus::Missing && rubric.origin == Origin::Auto {
                // "the circuit is open" against "the circuit is closed".
                if let Some(m) = concept
                    .phrasings
                    .iter()
                    .flat_map(|p| matcher.opposites(p))
                    .find(|m| !m.negated)
                {
                    derived_contradictions.push((concept.label.clone(), m, "opposite"));
                }
            }
            let evidence = found.evidence;
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
                let central = concept.weight >= max_weight.min(s.central_weight);
                // Only a dismissal caps: a plain negated mention ("threads aren't
                // stuck", "Memcached has no data types") often describes the fix or
                // another system, so it costs the penalty and the concept's points.
                if found.dismissed && central {
                    lower_cap(
                        s.denial_cap,
                        format!("dismisses the key point \"{}\"", concept.label),
                        &mut cap,
                    );
                }
            }
            let mut evidence = evidence;
            let mut named_only = status == ConceptStatus::Covered
                && rubric.origin != Origin::Auto
                && !listed_in_reference.contains(&concept.id)
                && found
                    .at
                    .is_some_and(|m| is_named_only(answer, &normalized, m.from));
            // An overview list first ("timeouts, retries, bulkheads"), then a
            // sentence that explains the point: the explanation counts.
            if named_only && !found.dismissed {
                if let Some(m) = concept
                    .phrasings
                    .iter()
                    .flat_map(|p| matcher.affirmed_matches(p))
                    .find(|m| !is_named_only(answer, &normalized, m.from))
                {
                    named_only = false;
                    evidence = Some(one_line(normalized.quote(answer, m.from, m.to)));
                    matched_spans.push((m.from, m.to));
                }
            }
            // Words inside a false claim earn nothing: "every node owns exactly 1/N
            // of the keys" does not cover "only ~1/N of the keys move".
            if status == ConceptStatus::Covered
                && !found.dismissed
                && found.at.is_some_and(|m| in_false_claim(&m))
            {
                match concept
                    .phrasings
                    .iter()
                    .flat_map(|p| matcher.affirmed_matches(p))
                    .find(|m| !in_false_claim(m))
                {
                    Some(m) => {
                        evidence = Some(one_line(normalized.quote(answer, m.from, m.to)));
                        named_only = named_only && is_named_only(answer, &normalized, m.from);
                    }
                    None => {
                        status = ConceptStatus::Missing;
                        evidence = None;
                        named_only = false;
                    }
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
                named_only,
            });
        }

        // Concept points: coverage_points x coverage^exponent, shared among the
        // covered concepts in proportion to their credited weights (a concept only
        // named earns `named_only_share` of its weight).
        let credited = |c: &ConceptResult| {
            if c.named_only {
                c.weight * s.named_only_share
            } else {
                c.weight
            }
        };
        let covered_weight: f64 = concepts
            .iter()
            .filter(|c| c.status == ConceptStatus::Covered)
            .map(credited)
            .sum();
        let coverage = (covered_weight / total_weight).min(1.0);
        let (exponent, coverage_points) = match rubric.origin {
            Origin::Auto => (
                s.derived_coverage_exponent,
                s.coverage_points + s.similarity_points - s.derived_similarity_points,
            ),
            Origin::File(_) => (s.coverage_exponent, s.coverage_points),
        };
        let concept_total = coverage_points * coverage.powf(exponent);
        for c in concepts.iter_mut() {
            if c.status == ConceptStatus::Covered {
                c.points = round1(concept_total * credited(c) / covered_weight);
            }
        }

        let mut misconceptions = Vec::new();
        let mut misconception_spans = Vec::new();
        for (m, (status, evidence, at)) in misconception_hits {
            if let Some(at) = at {
                matched_spans.push(at);
                misconception_spans.push(at);
            }
            if status == ConceptStatus::Covered {
                penalties.push(Penalty {
                    name: "misconception".into(),
                    points: s.misconception_penalty,
                    reason: format!("asserts \"{}\"", m.label),
                });
                lower_cap(
                    s.false_claim_cap_for(coverage),
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

        let mut contradictions = Vec::new();
        let mut charged_clauses: Vec<u32> = misconception_spans
            .iter()
            .map(|&(from, _)| normalized.tokens[from].clause)
            .collect();
        for (fact, (m, how)) in fact_hits {
            let evidence = context_of(answer, &normalized, &m);
            // One false statement costs once, however many entries recognise it.
            let clause = normalized.tokens[m.from].clause;
            let charged = charged_clauses.contains(&clause);
            charged_clauses.push(clause);
            matched_spans.push((m.from, m.to));
            if !charged {
                penalties.push(Penalty {
                    name: "contradiction".into(),
                    points: s.contradiction_penalty,
                    reason: format!("contradicts \"{}\": \"{}\"", fact.label, evidence),
                });
            }
            lower_cap(
                s.false_claim_cap_for(coverage),
                format!("contradicts a fact: \"{}\"", fact.label),
                &mut cap,
            );
            contradictions.push(ContradictionResult {
                id: fact.id.clone(),
                label: fact.label.clone(),
                kind: match how {
                    Contradiction::Forbidden => "forbidden",
                    Contradiction::DeniesAllowed => "denies",
                    Contradiction::Opposite => "opposite",
                }
                .into(),
                evidence,
                correction: fact.correction.clone(),
            });
        }

        for (term, m, kind) in derived_contradictions {
            let evidence = context_of(answer, &normalized, &m);
            if s.derived_contradiction_penalty > 0.0 {
                penalties.push(Penalty {
                    name: "contradiction".into(),
                    points: s.derived_contradiction_penalty,
                    reason: format!("contradicts the reference on \"{term}\": \"{evidence}\""),
                });
            }
            contradictions.push(ContradictionResult {
                id: format!("reference-{term}"),
                label: format!("the reference's \"{term}\""),
                kind: kind.into(),
                evidence,
                correction: question.reference.clone(),
            });
        }
        if rubric.origin != Origin::Auto {
            let claims = overclaims(
                answer,
                &normalized,
                &question.reference,
                &rubric.vocabulary(),
            );
            for claim in claims.into_iter().take(s.overclaim_max) {
                penalties.push(Penalty {
                    name: "unqualified-claim".into(),
                    points: s.overclaim_penalty,
                    reason: format!(
                        "an unqualified absolute about a bounded fact: \"{claim}\" (say when it holds, or qualify it)"
                    ),
                });
            }
        }
        let (unchecked, checked_share) = unchecked_claims(answer, &normalized, &matched_spans);
        let confidence = confidence_of(checked_share, s);

        let answer_vector = self.model.vector(&analyzed);
        let similarity = answer_vector.cosine(reference_vector);
        let (most_similarity_points, similarity_full) = match rubric.origin {
            Origin::Auto => (s.derived_similarity_points, s.derived_similarity_full),
            Origin::File(_) => (s.similarity_points, s.similarity_full),
        };
        let similarity_points = most_similarity_points * (similarity / similarity_full).min(1.0);

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
        if essay && length_ratio < s.depth_full_ratio {
            let limit = s.depth_floor + (100.0 - s.depth_floor) * length_ratio / s.depth_full_ratio;
            lower_cap(
                limit.round(),
                format!(
                    "full marks need depth beyond the key points, such as examples, numbers and trade-offs ({} words; answers that impress run to about {})",
                    analyzed.tokens.len(),
                    (reference_words as f64 * s.depth_full_ratio).round()
                ),
                &mut cap,
            );
        }

        // Notes that weigh options are neither a keyword list nor name-dropping.
        let weighs_options = weighs_qualities(&analyzed, s);
        if let Some(reason) = keyword_salad(answer, &analyzed).filter(|_| essay && !weighs_options)
        {
            lower_cap(s.keyword_salad_cap, reason, &mut cap);
        }
        if essay && is_one_sentence_list(answer, s) {
            lower_cap(
                s.one_sentence_list_cap,
                "one sentence that strings terms together: say how each works and why it matters"
                    .into(),
                &mut cap,
            );
        }
        // Restating the question: a large share of the answer's words are the question's own.
        let question_stems: std::collections::HashSet<String> = text::analyze(&question.text)
            .content()
            .map(|t| t.stem.clone())
            .collect();
        let content: Vec<&text::Token> = analyzed.content().collect();
        let echo = content
            .iter()
            .filter(|t| question_stems.contains(&t.stem))
            .count() as f64
            / content.len().max(1) as f64;
        if essay && echo >= s.restatement_share {
            lower_cap(
                s.keyword_salad_cap,
                format!(
                    "restates the question: {:.0}% of the answer's words are the question's own",
                    echo * 100.0
                ),
                &mut cap,
            );
        }
        // Naming the key points without saying why or how any of them works.
        let covered: Vec<&ConceptResult> = concepts
            .iter()
            .filter(|c| c.status == ConceptStatus::Covered)
            .collect();
        let named: f64 = covered
            .iter()
            .filter(|c| c.named_only)
            .map(|c| c.weight)
            .sum();
        let covered_total: f64 = covered.iter().map(|c| c.weight).sum();
        let explains = (analyzed.tokens.len() >= s.name_dropping_max_words
            && analyzed.tokens.iter().any(|t| {
                REASONING_WORDS.contains(&t.surface.as_str())
                    || MECHANISM_WORDS.contains(&t.surface.as_str())
            }))
            || weighs_options;
        if essay
            && !explains
            && covered.len() >= s.name_dropping_min_concepts
            && named >= s.name_dropping_share * covered_total
        {
            lower_cap(
                s.keyword_salad_cap,
                format!(
                    "names key points without saying why or how they work ({} of {} covered concepts only named)",
                    covered.iter().filter(|c| c.named_only).count(),
                    covered.len()
                ),
                &mut cap,
            );
        }

        if let Some((m, evidence)) = dismissed_subject(&matcher, &disagreeing, question, answer, s)
        {
            matched_spans.push((m.from, m.to));
            lower_cap(
                s.denial_cap,
                format!("dismisses what the question asks about: \"{evidence}\""),
                &mut cap,
            );
        }

        let mut off_topic = None;
        if in_deck {
            // An answer that covers much of the asked rubric is off topic only
            // when another reference fits its words by a wider margin (it is
            // that question's answer, sharing the topic's terms).
            let covered = coverage >= s.off_topic_max_coverage;
            let ratio = if covered {
                s.off_topic_covered_ratio
            } else {
                s.off_topic_ratio
            };
            let candidates = self.other_candidates(answer, &answer_vector, &question.id);
            let fit = answer_vector
                .cosine(&self.topic_vector(question, rubric))
                .max(similarity);
            // Another question fits far better by its reference's words...
            let by_words = candidates
                .iter()
                .filter(|(_, cosine)| {
                    *cosine >= s.off_topic_min_similarity && *cosine >= ratio * fit
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(id, cosine)| (id.clone(), *cosine, None));
            // ...or by its rubric: the answer covers most of another question's points.
            let by_rubric = || {
                candidates
                    .iter()
                    .filter_map(|(id, cosine)| {
                        let other = self.coverage_on(id, answer)?;
                        // A sibling question of the same topic shares more of the
                        // asked one's points, so it must lead by more.
                        let sibling = self
                            .deck
                            .question(id)
                            .is_ok_and(|q| q.topic_slug == question.topic_slug);
                        let gap = if sibling {
                            s.off_topic_sibling_gap
                        } else {
                            s.off_topic_coverage_gap
                        };
                        (other >= s.off_topic_other_coverage
                            && other - coverage >= gap
                            && *cosine >= s.off_topic_rubric_min_fit * fit)
                            .then(|| (id.clone(), *cosine, other))
                    })
                    .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)))
                    .map(|(id, cosine, other)| (id, cosine, Some(other)))
            };
            let found = if covered {
                by_words
            } else {
                by_words.or_else(by_rubric)
            };
            if let Some((other, other_similarity, other_coverage)) = found {
                let other_text = self
                    .deck
                    .question(&other)
                    .map(|q| q.text.clone())
                    .unwrap_or_default();
                let why = match other_coverage {
                    None => format!("the answer fits question {other} (\"{other_text}\") far better"),
                    Some(c) => format!(
                        "the answer covers {:.0}% of question {other}'s points (\"{other_text}\") and {:.0}% of this one's",
                        c * 100.0,
                        coverage * 100.0
                    ),
                };
                lower_cap(s.off_topic_cap, why, &mut cap);
                off_topic = Some(OffTopic {
                    question_id: other,
                    question: other_text,
                    similarity: round3(other_similarity),
                    coverage: other_coverage.map(round3),
                });
            }
        }
        // Long, and saying little the rubric can check: padding.
        if essay
            && off_topic.is_none()
            && checked_share < s.confidence_low
            && coverage <= s.padded_max_coverage
            && analyzed.tokens.len() >= s.padded_min_words
        {
            lower_cap(
                s.padded_cap,
                format!(
                    "a long answer ({} words) that says little to check: {:.0}% of the key points, and most of its sentences match none; say what happens and why",
                    analyzed.tokens.len(),
                    coverage * 100.0
                ),
                &mut cap,
            );
        }

        let concept_points: f64 = concepts.iter().map(|c| c.points).sum();
        // Base points need substance: full at `base_full_words` content words, or
        // at half the reference's content words when the reference is shorter.
        let content_words = analyzed.content().count();
        let reference_content = text::analyze(&question.reference).content().count();
        let full_at = s.base_full_words.min(reference_content / 2).max(1);
        let base_points = round1(s.base_points * (content_words as f64 / full_at as f64).min(1.0));
        let raw = base_points + concept_points + similarity_points;
        let mut score = raw.min(100.0);
        score -= penalties.iter().map(|p| p.points).sum::<f64>();
        // Penalties take at most a share of what was earned: an answer that says
        // much that is right, next to its error, keeps some credit.
        let floor = s.penalty_floor_share * raw.min(100.0);
        if !penalties.is_empty() && round1(floor - score) > 0.0 {
            penalties.push(Penalty {
                name: "floor".into(),
                points: -round1(floor - score),
                reason: format!(
                    "penalties take at most {:.0}% of the {:.1} points earned",
                    100.0 * (1.0 - s.penalty_floor_share),
                    raw.min(100.0)
                ),
            });
            score = floor;
        }
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
            base_points,
            concepts,
            misconceptions,
            contradictions,
            penalties,
            off_topic,
            unchecked,
            confidence: Some(confidence),
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
) -> (ConceptStatus, Option<String>, Option<(usize, usize)>) {
    for p in phrasings {
        if let Some(m) = matcher
            .find_in_clause(p)
            .filter(|m| !m.negated && !matcher.is_reported(m))
        {
            let quote = one_line(analyzed.quote(answer, m.from, m.to));
            return (ConceptStatus::Covered, Some(quote), Some((m.from, m.to)));
        }
    }
    (ConceptStatus::Missing, None, None)
}

/// What the answer did with a concept, the words that show it, and where.
struct Found {
    status: ConceptStatus,
    /// True when the answer dismisses the concept ("X is overkill").
    dismissed: bool,
    evidence: Option<String>,
    at: Option<Match>,
}

/// Finds the first phrasing that matches; reports denial only when none is affirmed.
fn find_any(
    matcher: &AnswerMatcher,
    phrasings: &[Phrasing],
    answer: &str,
    analyzed: &Analyzed,
) -> Found {
    // A concept that names a dismissal itself ("exactly-once is a myth") is
    // covered by it, whatever else the clause dismisses.
    for p in phrasings.iter().filter(|p| p.states_dismissal()) {
        if let Some(m) = matcher.find(p).filter(|m| !m.negated) {
            return Found {
                status: ConceptStatus::Covered,
                dismissed: false,
                evidence: Some(one_line(analyzed.quote(answer, m.from, m.to))),
                at: Some(m),
            };
        }
    }
    // A dismissal outweighs any affirmed mention: "people say X, but X is overrated".
    for p in phrasings {
        if let Some(m) = matcher.dismissed(p) {
            // The whole sentence: the dismissing words may follow the match.
            let sentence = sentence_of(analyzed, m.from);
            let whole = analyzed.quote(answer, sentence.start, sentence.end - 1);
            return Found {
                status: ConceptStatus::Negated,
                dismissed: true,
                evidence: Some(one_line(whole)),
                at: Some(m),
            };
        }
    }
    let mut negated: Option<Match> = None;
    for p in phrasings {
        if let Some(m) = matcher.find(p) {
            let quote = one_line(analyzed.quote(answer, m.from, m.to));
            if !m.negated {
                return Found {
                    status: ConceptStatus::Covered,
                    dismissed: false,
                    evidence: Some(quote),
                    at: Some(m),
                };
            }
            negated.get_or_insert(m);
        }
    }
    match negated {
        Some(m) => Found {
            status: ConceptStatus::Negated,
            dismissed: matcher.denies_need(&m),
            evidence: Some(context_of(answer, analyzed, &m)),
            at: Some(m),
        },
        None => Found {
            status: ConceptStatus::Missing,
            dismissed: false,
            evidence: None,
            at: None,
        },
    }
}

/// Concepts that a dismissing clause talks about in other words than their
/// phrasings ("I don't think origin load is really a concern"): the concept
/// sharing the most distinctive words (at least `stance_overlap`) with the
/// clause, by concept index, with the clause as evidence. Distinctive words are
/// the concept's phrasing words that the question does not use and that no
/// misconception or fact of the rubric uses (those are things to dismiss).
fn dismissed_concepts(
    matcher: &AnswerMatcher,
    clauses: &[std::ops::Range<usize>],
    rubric: &Rubric,
    question: &Question,
    answer: &str,
    s: &Scoring,
) -> HashMap<usize, (Match, String)> {
    if clauses.is_empty() {
        return HashMap::new();
    }
    let stems_of = |phrasings: &[Phrasing]| -> std::collections::HashSet<String> {
        phrasings
            .iter()
            .flat_map(|p| &p.variants)
            .flatten()
            .filter_map(|slot| match slot {
                crate::matcher::Slot::Words(terms) => Some(terms),
                crate::matcher::Slot::Negator => None,
            })
            .flatten()
            .map(|t| t.stem.clone())
            .collect()
    };
    let mut excluded: std::collections::HashSet<String> = text::analyze(&question.text)
        .tokens
        .into_iter()
        .map(|t| t.stem)
        .collect();
    for m in &rubric.misconceptions {
        excluded.extend(stems_of(&m.phrasings));
    }
    for f in &rubric.facts {
        excluded.extend(stems_of(&f.forbidden));
    }
    let concept_stems: Vec<std::collections::HashSet<String>> = rubric
        .concepts
        .iter()
        .map(|c| {
            stems_of(&c.phrasings)
                .into_iter()
                .filter(|s| !excluded.contains(s) && !text::is_stop_word(s))
                .collect()
        })
        .collect();
    let tokens = &matcher.analyzed.tokens;
    let mut out = HashMap::new();
    for range in clauses {
        let words: std::collections::HashSet<&str> = tokens[range.clone()]
            .iter()
            .filter(|t| !t.is_stop && !t.is_negator)
            .map(|t| t.stem.as_str())
            .collect();
        let best = concept_stems
            .iter()
            .enumerate()
            .map(|(i, stems)| (i, words.iter().filter(|w| stems.contains(**w)).count()))
            .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)));
        if let Some((index, _)) = best.filter(|&(_, n)| n >= s.stance_overlap) {
            let m = Match {
                from: range.start,
                to: range.end - 1,
                negated: true,
            };
            let evidence = context_of(answer, matcher.analyzed, &m);
            out.entry(index).or_insert((m, evidence));
        }
    }
    out
}

/// Words of a question that ask rather than name its subject ("How do you
/// handle ...", "When would you choose ...", "in simple terms").
const QUESTION_FRAME_WORDS: &[&str] = &[
    "avoid",
    "choose",
    "critic",
    "design",
    "differ",
    "differenc",
    "everi",
    "exampl",
    "explain",
    "give",
    "handl",
    "implement",
    "larg",
    "matter",
    "mean",
    "need",
    "prevent",
    "right",
    "set",
    "simpl",
    "solv",
    "start",
    "still",
    "term",
    "use",
    "work",
    "worth",
    "would",
    "becom",
];

/// Words that open a sentence scoped to a case.
const SCOPE_WORDS: &[&str] = &[
    "if", "unless", "when", "whenever", "where", "for", "once", "until",
];

/// How many content words may open a dismissing clause before the question's
/// subject ("I think message ordering is overrated").
const SUBJECT_LEAD_WORDS: usize = 4;

/// A clause that dismisses what the question asks about ("circuit breakers are
/// overrated" to "How do circuit breakers prevent cascading failures?"): at
/// least `stance_overlap` words of the question's subject (all of them when it
/// has fewer) in a dismissing clause. Questions that weigh options against each
/// other ("X vs Y", "X over Y", "the difference between") are left out: an
/// answer to them rightly dismisses one option.
fn dismissed_subject(
    matcher: &AnswerMatcher,
    clauses: &[std::ops::Range<usize>],
    question: &Question,
    answer: &str,
    s: &Scoring,
) -> Option<(Match, String)> {
    if clauses.is_empty() {
        return None;
    }
    let asked = text::analyze(&question.text);
    let is_subject_word = |t: &&text::Token| {
        !t.is_stop && !t.is_negator && !QUESTION_FRAME_WORDS.contains(&t.stem.as_str())
    };
    // "The difference between A and B" asks about both: dismissing either side
    // ("once you've sharded, replication is overkill") dismisses the question.
    let between = asked.tokens.iter().position(|t| t.surface == "between");
    let and = between.and_then(|b| {
        asked.tokens[b + 1..]
            .iter()
            .position(|t| t.surface == "and")
            .map(|a| b + 1 + a)
    });
    let stems_in = |range: std::ops::Range<usize>| -> std::collections::HashSet<&str> {
        asked.tokens[range]
            .iter()
            .filter(is_subject_word)
            .map(|t| t.stem.as_str())
            .collect()
    };
    let sides: Option<[std::collections::HashSet<&str>; 2]> =
        between.zip(and).and_then(|(between, and)| {
            let (a, b) = (
                stems_in(between + 1..and),
                stems_in(and + 1..asked.tokens.len()),
            );
            (!a.is_empty() && !b.is_empty()).then_some([a, b])
        });
    let subject = stems_in(0..asked.tokens.len());
    let weighs_options = asked.tokens.iter().any(|t| {
        matches!(
            t.surface.as_str(),
            "vs" | "versus" | "over" | "difference" | "or"
        )
    });
    if weighs_options && sides.is_none() {
        return None;
    }
    let needed = s.stance_overlap.min(subject.len()).max(1);
    let tokens = &matcher.analyzed.tokens;
    clauses.iter().find_map(|range| {
        // A sentence scoped by a condition ("If a count may be off for a moment,
        // strong consistency doesn't matter") dismisses nothing in general.
        let sentence = sentence_of(matcher.analyzed, range.start);
        if SCOPE_WORDS.contains(&tokens[sentence.start].surface.as_str()) {
            return None;
        }
        // The subject leads the clause: "circuit breakers are overrated", not
        // "local counters can't see the total across servers".
        let named: std::collections::HashSet<&str> = tokens[range.clone()]
            .iter()
            .filter(|t| !t.is_stop && !t.is_negator)
            .take(SUBJECT_LEAD_WORDS)
            .map(|t| t.stem.as_str())
            .filter(|stem| subject.contains(stem))
            .collect();
        let dismissed = match &sides {
            // One side named whole, and the dismissal not scoped to a case
            // ("L7 is overkill for game servers" weighs the options).
            Some(sides) => {
                sides
                    .iter()
                    .any(|side| side.iter().all(|w| named.contains(w)))
                    && !tokens[range.clone()]
                        .iter()
                        .any(|t| SCOPE_WORDS.contains(&t.surface.as_str()) || t.surface == "with")
            }
            None => named.len() >= needed,
        };
        dismissed.then(|| {
            let m = Match {
                from: range.start,
                to: range.end - 1,
                negated: true,
            };
            (m, context_of(answer, matcher.analyzed, &m))
        })
    })
}

/// The tokens of the sentence that holds token `at`.
fn sentence_of(analyzed: &Analyzed, at: usize) -> std::ops::Range<usize> {
    let tokens = &analyzed.tokens;
    let sentence = tokens[at].sentence;
    let start = (0..at)
        .rev()
        .take_while(|&i| tokens[i].sentence == sentence)
        .last()
        .unwrap_or(at);
    let end = (at..tokens.len())
        .take_while(|&i| tokens[i].sentence == sentence)
        .last()
        .unwrap_or(at);
    start..end + 1
}

/// True when a matched concept is only named: an item of a list of short
/// items (a sentence of three or more comma-separated items, cut at "and"/"or",
/// of three content words or fewer on average) that has at most three content
/// words and no reasoning word itself, in a sentence with no arrow.
fn is_named_only(answer: &str, analyzed: &Analyzed, from: usize) -> bool {
    let tokens = &analyzed.tokens;
    let sentence = sentence_of(analyzed, from);
    let in_sentence = &tokens[sentence.clone()];
    if in_sentence.iter().filter(|t| t.after_comma).count() < 2 {
        return false;
    }
    let is_content = |t: &text::Token| !t.is_stop && !t.is_negator;
    let cut = |t: &text::Token| t.after_comma || matches!(t.surface.as_str(), "and" | "or");
    let items = 1 + in_sentence.iter().filter(|t| cut(t)).count();
    let content = in_sentence.iter().filter(|t| is_content(t)).count();
    if content > 3 * items {
        return false;
    }
    let clause = tokens[from].clause;
    let start = (sentence.start..=from)
        .rev()
        .take_while(|&i| tokens[i].clause == clause)
        .find(|&i| cut(&tokens[i]) || i == sentence.start || tokens[i - 1].clause != clause)
        .unwrap_or(from);
    let end = (from + 1..sentence.end)
        .take_while(|&i| tokens[i].clause == clause && !cut(&tokens[i]))
        .last()
        .unwrap_or(from);
    let item = &tokens[start..=end];
    let reasons = item.iter().any(|t| {
        REASONING_WORDS.contains(&t.surface.as_str())
            || MECHANISM_WORDS.contains(&t.surface.as_str())
    });
    if item.iter().filter(|t| is_content(t)).count() > 3 || reasons {
        return false;
    }
    let (a, b) = (in_sentence[0].start, in_sentence[in_sentence.len() - 1].end);
    let text = answer.get(a..b).unwrap_or("");
    !["->", "→", "=>"].iter().any(|arrow| text.contains(arrow))
}

/// Clauses that make an unqualified absolute claim ("always", "guarantees") about
/// something the rubric checks, with absolutes the reference itself uses left out.
fn overclaims(
    answer: &str,
    analyzed: &Analyzed,
    reference: &str,
    vocabulary: &std::collections::HashSet<String>,
) -> Vec<String> {
    let tokens = &analyzed.tokens;
    let reference_words: Vec<String> = text::words(reference).collect();
    let mut claims = Vec::new();
    let mut seen_clauses = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !ABSOLUTES.contains(&t.surface.as_str())
            || reference_words.contains(&t.surface)
            || seen_clauses.contains(&t.clause)
        {
            continue;
        }
        let qualified = tokens[i.saturating_sub(2)..i]
            .iter()
            .any(|q| QUALIFIERS.contains(&q.surface.as_str()));
        // "People always bring up X", "I always forget X": a habit of talk, no claim.
        let of_talk = tokens
            .get(i + 1)
            .is_some_and(|n| n.clause == t.clause && TALK_VERBS.contains(&n.surface.as_str()));
        if of_talk {
            continue;
        }
        let about_rubric = tokens
            .iter()
            .any(|c| c.clause == t.clause && !c.is_stop && vocabulary.contains(&c.stem));
        if qualified || !about_rubric {
            continue;
        }
        seen_clauses.push(t.clause);
        let clause: Vec<&text::Token> = tokens.iter().filter(|c| c.clause == t.clause).collect();
        let (a, b) = (clause[0].start, clause[clause.len() - 1].end);
        claims.push(crate::input::sanitize(answer.get(a..b).unwrap_or("")).to_string());
    }
    claims
}

/// The answer's assertive sentences (four content words or more) that the
/// rubric matched nothing in, and the share of assertive sentences it matched.
fn unchecked_claims(
    answer: &str,
    analyzed: &Analyzed,
    matched: &[(usize, usize)],
) -> (Vec<String>, f64) {
    let tokens = &analyzed.tokens;
    let mut unchecked = Vec::new();
    let (mut assertive, mut checked) = (0, 0);
    let mut i = 0;
    while i < tokens.len() {
        let sentence = sentence_of(analyzed, i);
        i = sentence.end;
        let content = tokens[sentence.clone()]
            .iter()
            .filter(|t| !t.is_stop && !t.is_negator)
            .count();
        let (a, b) = (tokens[sentence.start].start, tokens[sentence.end - 1].end);
        let question = answer
            .get(b..)
            .is_some_and(|rest| rest.trim_start().starts_with('?'));
        if content < 4 || question {
            continue;
        }
        assertive += 1;
        if matched
            .iter()
            .any(|&(from, to)| sentence.contains(&from) || sentence.contains(&to))
        {
            checked += 1;
        } else {
            let words: String = answer
                .get(a..b)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            unchecked.push(crate::input::sanitize(&words).to_string());
        }
    }
    let share = if assertive == 0 {
        1.0
    } else {
        checked as f64 / assertive as f64
    };
    (unchecked, share)
}

/// How far the grade can be trusted, from the share of sentences the rubric checked.
fn confidence_of(checked_share: f64, s: &Scoring) -> Confidence {
    let (level, note) = if checked_share < s.confidence_low {
        ("low", "most of this answer says things the rubric does not cover, so the grade rests on a small part of it; compare it with the reference (--show-reference)")
    } else if checked_share < s.confidence_medium {
        ("medium", "several sentences matched nothing in the rubric; they may be right, wrong or beside the point")
    } else {
        ("high", "most sentences matched the rubric")
    };
    Confidence {
        level: level.into(),
        checked_share: round3(checked_share),
        note: note.into(),
    }
}

/// The clause around a match (tokens `m.from..=m.to`), so the report shows the
/// words that deny or contradict it.
fn context_of(answer: &str, analyzed: &Analyzed, m: &Match) -> String {
    let (at, until) = (analyzed.tokens[m.from].start, analyzed.tokens[m.to].end);
    let stops = |c: char| matches!(c, '.' | ';' | '\n' | ',' | '!' | '?');
    let start = answer[..at].rfind(stops).map(|i| i + 1).unwrap_or(0);
    let end = answer[until..]
        .find(stops)
        .map(|i| until + i)
        .unwrap_or(answer.len());
    one_line(&answer[start..end])
}

/// A quote on one line: runs of whitespace (a bullet list's line breaks) become one space.
fn one_line(quote: &str) -> String {
    quote.split_whitespace().collect::<Vec<_>>().join(" ")
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
    // Arrows and equals signs in notes state mechanisms ("timeout -> retry").
    let arrows = 2 * ["->", "→", "=>", " = "]
        .iter()
        .map(|a| answer.matches(a).count())
        .sum::<usize>();
    // Notes state relations ("result not needed now", "avoids OOM buffers");
    // a keyword list only names things.
    let reasoning = arrows
        + analyzed
            .tokens
            .iter()
            .filter(|t| {
                REASONING_WORDS.contains(&t.surface.as_str())
                    || MECHANISM_WORDS.contains(&t.surface.as_str())
                    || t.is_negator
            })
            .count();
    let list_share = in_list as f64 / total as f64;
    (list_share >= 0.5 && reasoning == 0 && !concludes_with_a_statement(answer)).then(|| {
        format!(
            "a list of keywords with no reasoning ({} of {} words in short list items, {} reasoning words)",
            in_list, total, reasoning
        )
    })
}

/// Words that weigh a quality or a need: notes that use several of them compare
/// options ("Sync: caller needs result now, fast reliable op"), where a keyword
/// list only names things.
const WEIGHING_WORDS: &[&str] = &[
    "high",
    "low",
    "higher",
    "lower",
    "fast",
    "faster",
    "slow",
    "slower",
    "simple",
    "simpler",
    "more",
    "less",
    "need",
    "needs",
    "no",
    "easy",
    "easier",
    "lose",
    "loses",
    "strict",
    "cheap",
    "cheaper",
    "expensive",
    "costly",
    "smarter",
    "immediate",
    "deferred",
    "now",
    "later",
    "must",
    "better",
    "worse",
];

/// True when the answer uses `notes_weighing_words` or more distinct weighing words.
fn weighs_qualities(analyzed: &Analyzed, s: &Scoring) -> bool {
    let distinct: std::collections::HashSet<&str> = analyzed
        .tokens
        .iter()
        .map(|t| t.surface.as_str())
        .filter(|w| WEIGHING_WORDS.contains(w))
        .collect();
    distinct.len() >= s.notes_weighing_words
}

/// True when the whole answer is one plain sentence of at most
/// `one_sentence_list_max_words` words holding a run of short list items: a
/// question restated with buzzwords ("The thundering herd problem is when ...,
/// and you solve it with locking, request coalescing and jitter"). Notes with
/// arrows, semicolons, a label and a colon, or several sentences are left alone.
fn is_one_sentence_list(answer: &str, s: &Scoring) -> bool {
    let text = answer.trim();
    let body = text.strip_suffix(['.', '!']).unwrap_or(text);
    // A colon after a label opens notes ("Redundant LBs: ..."); after a clause of
    // its own ("..., and you solve it with stampede protection: ...") it opens
    // the sentence's list.
    let colons = body.matches(':').count();
    let after_clause = colons == 1
        && body
            .split(':')
            .next()
            .is_some_and(|before| text::words(before).count() >= s.one_sentence_list_clause_words);
    let plain = !body.contains(['.', '!', '?', ';', '\n', '→'])
        && (colons == 0 || after_clause)
        && !["->", "=>"].iter().any(|a| body.contains(a));
    if !plain || text::words(body).count() > s.one_sentence_list_max_words {
        return false;
    }
    // The longest run of items of at most three words, cut at commas, brackets,
    // "and" and "or".
    let mut run = 0;
    let mut longest = 0;
    for part in body
        .split([',', '(', ')'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" or "))
    {
        let words = part.split_whitespace().count();
        run = match words {
            0 => run,
            1..=3 => run + 1,
            // A longer item can close a list ("..., load balancing and minimal
            // data movement in distributed systems") or open one ("you solve it
            // with locking, ...").
            4..=6 => {
                longest = longest.max(run + 1);
                1
            }
            _ => 0,
        };
        longest = longest.max(run);
    }
    longest >= s.one_sentence_list_items
}

/// True when a sentence after the first is a statement rather than a list: four
/// or more words, no comma or colon, closed by a full stop ("REST for public APIs
/// and simple CRUD."). Notes end on such a verdict; a keyword list, one term per
/// line, or a restated question followed by one, does not.
fn concludes_with_a_statement(answer: &str) -> bool {
    let ends = ['.', ';', '!', '?'];
    answer
        .lines()
        .flat_map(|line| line.split_inclusive(ends))
        .filter(|s| text::words(s).next().is_some())
        .skip(1)
        .any(|s| {
            s.trim_end().ends_with(ends) && !s.contains([',', ':']) && text::words(s).count() >= 4
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
    fn verbatim_reference_scores_strong() {
        // The reference is reference-level: the depth cap keeps full marks for
        // answers that go beyond it, so it lands near 87 (70 + 30 / 1.75), not at 100.
        let g = grader();
        for q in g.deck.questions() {
            let r = g.grade(q, &q.reference).unwrap();
            assert!(r.score >= 85.0, "{}: {}", q.id, r.score);
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
    fn notes_that_state_relations_are_not_a_keyword_list() {
        let notes =
            "Queue: result not needed now, slow/flaky downstream, spike buffering, fan-out. \
                     Sync: caller needs answer immediately, fast op, immediate error feedback.";
        assert!(keyword_salad(notes, &text::analyze(notes)).is_none());
        let salad =
            "Redis, Memcached, in-memory, key-value, persistence, pub/sub, sorted sets, LRU, TTL.";
        assert!(keyword_salad(salad, &text::analyze(salad)).is_some());
    }

    #[test]
    fn name_dropping_is_capped_unless_the_answer_gives_reasons() {
        let g = grader();
        let q = g.deck.question("cdn-1").unwrap();
        let capped = |a: &str| {
            let r = g.grade(q, a).unwrap();
            r.penalties
                .iter()
                .any(|p| p.reason.contains("names key points"))
        };
        let names = "CDN: images, CSS, JS, fonts, video segments. Not: carts, dashboards, live scores, writes.";
        assert!(capped(names));
        let explained = format!(
            "{names} Long TTLs work for the static files since versioned file names change on \
             every deploy, and the personal pages stay off because a shared cache would show \
             one user's cart to another."
        );
        assert!(!capped(&explained));
    }

    #[test]
    fn notes_that_end_on_a_statement_are_not_a_keyword_list() {
        let is_salad = |a: &str| keyword_salad(a, &text::analyze(a)).is_some();
        assert!(!is_salad(
            "gRPC: internal calls, streaming, protobuf, codegen, HTTP/2. \
             REST for public or browser APIs and simple CRUD."
        ));
        // One term per line, or a restated question before the list, stays a list.
        assert!(is_salad(
            "- partition key\n- exactly-once semantics\n- consumer offsets\n- outbox pattern\n- dedup"
        ));
        assert!(is_salad(
            "Redis, Lua, RDB, AOF, Cluster, streams. Memcached: slab allocator, LRU, GET/SET."
        ));
    }

    #[test]
    fn an_emphatic_need_denial_outweighs_an_affirmed_mention() {
        let g = grader();
        let q = g.deck.question("microservices-2").unwrap();
        let status = |answer: &str| {
            let r = g.grade(q, answer).unwrap();
            let c = r.concepts.iter().find(|c| c.id == "compensation").unwrap();
            c.status
        };
        let undo = "Each step is a local transaction. Designing undo logic for every step is a lot of code.";
        assert_eq!(status(undo), ConceptStatus::Covered);
        let dismissed = format!("{undo} You don't really need compensating transactions.");
        assert_eq!(status(&dismissed), ConceptStatus::Negated);
        // Plain or conditional, a denied need describes rather than dismisses.
        let described = format!(
            "{undo} When a step can't fail, you don't really need compensating transactions."
        );
        assert_eq!(status(&described), ConceptStatus::Covered);
    }

    #[test]
    fn words_inside_a_false_claim_earn_nothing() {
        let g = grader();
        let q = g.deck.question("sharding-2").unwrap();
        let one_over_n = |answer: &str| {
            let r = g.grade(q, answer).unwrap();
            assert!(!r.contradictions.is_empty(), "{answer}");
            let c = r.concepts.iter().find(|c| c.id == "one-over-n").unwrap();
            c.status
        };
        let false_claim = "Every node owns exactly 1/N of the key space.";
        assert_eq!(
            one_over_n(&format!("Keys and nodes sit on a hash ring. {false_claim}")),
            ConceptStatus::Missing
        );
        // Said truly elsewhere, the point is still covered.
        assert_eq!(
            one_over_n(&format!(
                "Adding a node to the ring moves only about 1/N of the keys. {false_claim}"
            )),
            ConceptStatus::Covered
        );
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
