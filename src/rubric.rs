//! Rubrics: the key concepts of each question, their weights and phrasings, and
//! the misconceptions that cost points. Loaded from TOML (raw form), then
//! validated and compiled into matchable phrasings.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::corpus::Deck;
use crate::error::Error;
use crate::matcher::Phrasing;
use crate::sources::SourceFile;

/// A key point an answer should make.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Concept {
    pub id: String,
    pub label: String,
    pub weight: f64,
    pub phrasings: Vec<Phrasing>,
    pub explanation: String,
    /// True for a point beyond the reference answer (id starting with `x-`).
    pub beyond_reference: bool,
    /// True when the reference itself states the concept in negated form, so a
    /// negated mention in an answer agrees with it (derived rubrics only).
    pub negated_in_reference: bool,
}

/// Words that, opening a concept's label (or its part after a colon), make it a
/// negative statement: "Not real-time data", "Trade-off: no jump to page N".
const NEGATIVE_OPENERS: &[&str] = &["not", "no", "never", "avoid", "cannot", "nothing", "none"];
/// The negative openers that advise against something: dismissing that thing
/// agrees ("I wouldn't cache real-time data" for "Not real-time data").
const ADVISING_AGAINST: &[&str] = &["not", "no", "avoid"];
/// Words that make a whole label sceptical of something ("a small team gains
/// little from microservices", "a queue only adds overhead"): an answer that
/// dismisses that thing agrees with it.
const SKEPTICAL_WORDS: &[&str] = &["little", "overkill", "unnecessary", "premature"];
/// Words that make a label accept a cost ("slightly stale data is acceptable",
/// "other users may see stale data briefly"): an answer that dismisses the cost
/// ("it's no big deal") agrees with it.
const ACCEPTING_WORDS: &[&str] = &["acceptable", "tolerable", "may"];
/// Phrases by which a label denies that something exists or can be had.
const EXISTENCE_DENIALS: &[&str] = &[
    "does not exist",
    "doesn't exist",
    "is impossible",
    "is a myth",
    "not possible",
    "no such thing",
];

impl Concept {
    /// The first word of the label and of its part after a colon, lower-cased.
    fn openers(&self) -> Vec<String> {
        let mut parts = vec![self.label.as_str()];
        if let Some((_, rest)) = self.label.split_once(':') {
            parts.push(rest);
        }
        parts
            .iter()
            .filter_map(|p| crate::text::words(p).next())
            .collect()
    }

    /// True when the label states the point negatively ("there is never more
    /// than one leader"): an answer that negates what it names agrees with it.
    pub fn states_a_negative(&self) -> bool {
        self.openers()
            .iter()
            .any(|w| NEGATIVE_OPENERS.contains(&w.as_str()))
            || self.denies_existence()
    }

    /// True when the label's main claim denies that something exists or can be
    /// had ("True exactly-once delivery does not exist"): an answer that calls
    /// that thing "not real" or "a myth" agrees with it.
    fn denies_existence(&self) -> bool {
        let claim = self.label.split(';').next().unwrap_or("").to_lowercase();
        EXISTENCE_DENIALS.iter().any(|d| claim.contains(d))
    }

    /// The stems of what a sceptical label is sceptical of: the content words
    /// after its sceptical word ("a small team gains little from microservices"
    /// gives microservices). None when the label is not sceptical, or opens by
    /// advising against something ("Not real-time data").
    pub fn sceptical_of(&self) -> Option<Vec<String>> {
        if self
            .openers()
            .iter()
            .any(|w| ADVISING_AGAINST.contains(&w.as_str()))
        {
            return None;
        }
        let analyzed = crate::text::analyze(&self.label);
        let at = analyzed
            .tokens
            .iter()
            .position(|t| SKEPTICAL_WORDS.contains(&t.surface.as_str()))?;
        let objects: Vec<String> = analyzed.tokens[at + 1..]
            .iter()
            .filter(|t| !t.is_stop && !t.is_negator)
            .map(|t| t.stem.clone())
            .collect();
        (!objects.is_empty()).then_some(objects)
    }

    /// True when the label advises against something ("Not real-time data") or
    /// accepts its cost: an answer that dismisses that thing agrees with it.
    pub fn advises_against(&self) -> bool {
        self.openers()
            .iter()
            .any(|w| ADVISING_AGAINST.contains(&w.as_str()))
            || crate::text::words(&self.label).any(|w| {
                SKEPTICAL_WORDS.contains(&w.as_str()) || ACCEPTING_WORDS.contains(&w.as_str())
            })
            || self.label.to_lowercase().contains("only adds")
            || self.denies_existence()
    }
}

/// A false belief that costs points when an answer asserts it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Misconception {
    pub id: String,
    pub label: String,
    pub phrasings: Vec<Phrasing>,
    pub explanation: String,
}

/// A claim with values: what is true of a subject and what an answer must not
/// say of it. It fires when a subject and a forbidden value share a clause, when
/// an allowed value is denied, or when an allowed value is turned into its opposite.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    /// The true statement.
    pub label: String,
    /// What the claim is about; empty means the question's own subject (any clause).
    pub subject: Vec<Phrasing>,
    pub allowed: Vec<Phrasing>,
    pub forbidden: Vec<Phrasing>,
    /// What is true, shown when the answer contradicts it.
    pub correction: String,
    /// The file that holds it (a library file for shared entries).
    pub file: String,
}

/// Where a rubric came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Written by hand, in this file.
    File(String),
    /// Derived automatically from the reference answer.
    Auto,
}

/// The rubric of one question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rubric {
    pub question_id: String,
    pub concepts: Vec<Concept>,
    pub misconceptions: Vec<Misconception>,
    pub facts: Vec<Fact>,
    pub origin: Origin,
}

impl Rubric {
    /// The stems of the words its concepts and facts are about.
    pub fn vocabulary(&self) -> std::collections::HashSet<String> {
        let phrasings = self
            .concepts
            .iter()
            .flat_map(|c| &c.phrasings)
            .chain(self.facts.iter().flat_map(|f| &f.subject));
        let mut stems = std::collections::HashSet::new();
        for p in phrasings {
            for variant in &p.variants {
                for slot in variant {
                    if let crate::matcher::Slot::Words(terms) = slot {
                        stems.extend(terms.iter().map(|t| t.stem.clone()));
                    }
                }
            }
        }
        stems
    }

    /// The weight that full coverage takes: the concepts of the reference answer.
    /// Concepts beyond it (`x-` ids) are extra credit: they count when covered
    /// but are not needed for full marks.
    pub fn total_weight(&self) -> f64 {
        let core: f64 = self
            .concepts
            .iter()
            .filter(|c| !c.beyond_reference)
            .map(|c| c.weight)
            .sum();
        if core > 0.0 {
            core
        } else {
            self.concepts.iter().map(|c| c.weight).sum()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    question: Vec<RawQuestion>,
    /// Library entries: facts and misconceptions shared by every question of the
    /// topics in their `scope`.
    #[serde(default)]
    fact: Vec<RawFact>,
    #[serde(default)]
    misconception: Vec<RawMisconception>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(default)]
    concept: Vec<RawConcept>,
    #[serde(default)]
    misconception: Vec<RawMisconception>,
    #[serde(default)]
    fact: Vec<RawFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: Spanned<String>,
    /// Topic slugs, for a library entry (top-level `[[fact]]`) only.
    scope: Option<Spanned<Vec<String>>>,
    label: String,
    #[serde(default)]
    subject: Vec<String>,
    #[serde(default)]
    allowed: Vec<String>,
    #[serde(default)]
    forbidden: Vec<String>,
    correction: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    id: Spanned<String>,
    label: String,
    weight: Spanned<f64>,
    phrasings: Spanned<Vec<String>>,
    explanation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMisconception {
    id: Spanned<String>,
    /// Topic slugs, for a library entry (top-level `[[misconception]]`) only.
    scope: Option<Spanned<Vec<String>>>,
    label: String,
    phrasings: Spanned<Vec<String>>,
    explanation: String,
}

/// A validated rubric whose phrasings are compiled on first use: a grade
/// needs one rubric, not all of them. From the disk cache it arrives compiled
/// and encoded, and is decoded on first use.
#[derive(Debug)]
struct Entry {
    source: EntrySource,
    compiled: OnceLock<Option<Rubric>>,
}

#[derive(Debug)]
enum EntrySource {
    Spec(EntrySpec),
    Encoded(Vec<u8>),
}

/// A rubric as written, validated but not yet compiled.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct EntrySpec {
    file: String,
    topic: String,
    concepts: Vec<ConceptSpec>,
    misconceptions: Vec<ConceptSpec>,
    facts: Vec<FactSpec>,
}

/// A fact as written, validated but not yet compiled.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FactSpec {
    id: String,
    label: String,
    subject: Vec<String>,
    allowed: Vec<String>,
    forbidden: Vec<String>,
    correction: String,
    file: String,
}

/// A library entry and the topics it applies to.
#[derive(Debug, Clone)]
enum LibraryEntry {
    Fact(Vec<String>, FactSpec),
    Misconception(Vec<String>, ConceptSpec),
}

/// A concept or misconception as written, validated but not yet compiled.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ConceptSpec {
    id: String,
    label: String,
    weight: f64,
    phrasings: Vec<String>,
    explanation: String,
}

/// All rubrics of a deck, by question id.
#[derive(Debug, Default)]
pub struct RubricSet {
    entries: BTreeMap<String, Entry>,
    library: Vec<LibraryEntry>,
}

impl Serialize for RubricSet {
    /// Each rubric as its own encoded blob, so loading decodes only the one used.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut blobs: BTreeMap<&str, serde_bytes::ByteBuf> = BTreeMap::new();
        for (id, entry) in &self.entries {
            let bytes = match (&entry.source, self.get(id)) {
                (EntrySource::Encoded(b), _) => b.clone(),
                (_, Some(rubric)) => {
                    postcard::to_stdvec(rubric).map_err(serde::ser::Error::custom)?
                }
                (_, None) => continue,
            };
            blobs.insert(id, serde_bytes::ByteBuf::from(bytes));
        }
        blobs.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RubricSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let blobs: BTreeMap<String, serde_bytes::ByteBuf> = BTreeMap::deserialize(deserializer)?;
        Ok(RubricSet {
            entries: blobs
                .into_iter()
                .map(|(id, bytes)| {
                    let entry = Entry {
                        source: EntrySource::Encoded(bytes.into_vec()),
                        compiled: OnceLock::new(),
                    };
                    (id, entry)
                })
                .collect(),
            library: Vec::new(),
        })
    }
}

/// "file:line:column" for a byte offset in a text.
fn location(file: &str, text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
    format!("{file}:{line}:{column}")
}

impl RubricSet {
    /// The rubric of a question, compiled on first use.
    pub fn get(&self, question_id: &str) -> Option<&Rubric> {
        let entry = self.entries.get(question_id)?;
        entry
            .compiled
            .get_or_init(|| match &entry.source {
                EntrySource::Spec(spec) => Some(compile(question_id, spec, &self.library)),
                EntrySource::Encoded(bytes) => postcard::from_bytes(bytes).ok(),
            })
            .as_ref()
    }

    /// The question ids that have a rubric.
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Number of rubrics.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no rubric.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every phrasing and label as written: the rubric vocabulary.
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for id in self.entries.keys() {
            let Some(rubric) = self.get(id) else { continue };
            for c in &rubric.concepts {
                out.extend(c.phrasings.iter().map(|p| p.text.clone()));
                out.push(c.label.clone());
            }
            for m in &rubric.misconceptions {
                out.extend(m.phrasings.iter().map(|p| p.text.clone()));
                out.push(m.label.clone());
            }
            for f in &rubric.facts {
                for p in f.subject.iter().chain(&f.allowed).chain(&f.forbidden) {
                    out.push(p.text.clone());
                }
                out.push(f.label.clone());
            }
        }
        out
    }

    /// Parses and validates rubric files.
    pub fn from_files(files: &[SourceFile], deck: &Deck) -> Result<RubricSet, Error> {
        let mut set = RubricSet::default();
        for f in files {
            set.add_file(&f.name, &f.text, deck)?;
        }
        Ok(set)
    }

    /// Parses and validates one rubric file and adds its questions.
    pub fn add_file(&mut self, file: &str, text: &str, deck: &Deck) -> Result<(), Error> {
        let raw: RawFile = toml::from_str(text).map_err(|e| Error::Rubric {
            location: e
                .span()
                .map(|s| location(file, text, s.start))
                .unwrap_or_else(|| file.to_string()),
            message: e.message().to_string(),
        })?;
        let at = |offset: usize| location(file, text, offset);
        let topics: Vec<&str> = deck.topics.iter().map(|t| t.slug.as_str()).collect();
        let scope_of = |scope: Option<Spanned<Vec<String>>>,
                        what: &str|
         -> Result<Vec<String>, Error> {
            let Some(scope) = scope else {
                return Err(Error::Rubric {
                    location: file.to_string(),
                    message: format!("{what}: a top-level entry needs `scope = [\"topic\", ...]`, the topics it applies to"),
                });
            };
            for slug in scope.get_ref() {
                if !topics.contains(&slug.as_str()) {
                    return Err(Error::Rubric {
                        location: at(scope.span().start),
                        message: format!(
                            "{what}, field `scope`: unknown topic `{slug}`{}",
                            crate::error::did_you_mean(slug, &topics)
                                .map(|d| format!(" (did you mean `{d}`?)"))
                                .unwrap_or_default()
                        ),
                    });
                }
            }
            Ok(scope.into_inner())
        };
        for raw in raw.fact {
            let what = format!("library fact `{}`", raw.id.get_ref());
            let spec = fact_spec(raw.clone_without_scope(), file, &at, &what)?;
            let scope = scope_of(raw.scope, &what)?;
            self.library.push(LibraryEntry::Fact(scope, spec));
        }
        for raw in raw.misconception {
            let id = raw.id.get_ref().clone();
            let what = format!("library misconception `{id}`");
            check_phrasings(&raw.phrasings, &at, &format!("{what}, field `phrasings`"))?;
            let scope = scope_of(raw.scope, &what)?;
            self.library.push(LibraryEntry::Misconception(
                scope,
                ConceptSpec {
                    id,
                    label: raw.label,
                    weight: 0.0,
                    phrasings: raw.phrasings.into_inner(),
                    explanation: raw.explanation,
                },
            ));
        }
        for question in raw.question {
            let qid = question.id.get_ref().clone();
            let here = at(question.id.span().start);
            if deck.question(&qid).map(|q| q.id != qid).unwrap_or(true) {
                let hint = match deck.question(&qid) {
                    Err(e) => e.to_string(),
                    Ok(q) => format!("use the id `{}`", q.id),
                };
                return Err(Error::Rubric {
                    location: here,
                    message: format!(
                        "rubric for question `{qid}`, which the deck does not have ({hint})"
                    ),
                });
            }
            if self.entries.contains_key(&qid) {
                return Err(Error::Rubric {
                    location: here,
                    message: format!("duplicate rubric for question `{qid}`"),
                });
            }
            if question.concept.is_empty() {
                return Err(Error::Rubric {
                    location: here,
                    message: format!(
                        "question `{qid}` has no [[question.concept]]: add at least one"
                    ),
                });
            }
            let mut ids = HashSet::new();
            let mut concepts = Vec::new();
            for raw in question.concept {
                let id = raw.id.get_ref().clone();
                let field =
                    |name: &str| format!("question `{qid}`, concept `{id}`, field `{name}`");
                if !ids.insert(id.clone()) {
                    return Err(Error::Rubric {
                        location: at(raw.id.span().start),
                        message: format!("{}: duplicate concept id", field("id")),
                    });
                }
                let weight = *raw.weight.get_ref();
                if !(weight > 0.0 && weight <= 10.0) {
                    return Err(Error::Rubric {
                        location: at(raw.weight.span().start),
                        message: format!(
                            "{}: weight {weight} must be above 0 and at most 10",
                            field("weight")
                        ),
                    });
                }
                check_phrasings(&raw.phrasings, &at, &field("phrasings"))?;
                concepts.push(ConceptSpec {
                    id,
                    label: raw.label,
                    weight,
                    phrasings: raw.phrasings.into_inner(),
                    explanation: raw.explanation,
                });
            }
            let mut misconceptions = Vec::new();
            for raw in question.misconception {
                let id = raw.id.get_ref().clone();
                let field = format!("question `{qid}`, misconception `{id}`, field `phrasings`");
                if !ids.insert(id.clone()) {
                    return Err(Error::Rubric {
                        location: at(raw.id.span().start),
                        message: format!("question `{qid}`, misconception `{id}`: duplicate id"),
                    });
                }
                check_phrasings(&raw.phrasings, &at, &field)?;
                misconceptions.push(ConceptSpec {
                    id,
                    label: raw.label,
                    weight: 0.0,
                    phrasings: raw.phrasings.into_inner(),
                    explanation: raw.explanation,
                });
            }
            let mut facts = Vec::new();
            for raw in question.fact {
                let id = raw.id.get_ref().clone();
                let what = format!("question `{qid}`, fact `{id}`");
                if !ids.insert(id.clone()) {
                    return Err(Error::Rubric {
                        location: at(raw.id.span().start),
                        message: format!("{what}: duplicate id"),
                    });
                }
                if raw.scope.is_some() {
                    return Err(Error::Rubric {
                        location: at(raw.id.span().start),
                        message: format!("{what}: `scope` belongs to top-level [[fact]] library entries; a question's fact applies to it alone"),
                    });
                }
                facts.push(fact_spec(raw, file, &at, &what)?);
            }
            let topic = deck
                .question(&qid)
                .map(|q| q.topic_slug.clone())
                .unwrap_or_default();
            self.entries.insert(
                qid,
                Entry {
                    source: EntrySource::Spec(EntrySpec {
                        file: file.to_string(),
                        topic,
                        concepts,
                        misconceptions,
                        facts,
                    }),
                    compiled: OnceLock::new(),
                },
            );
        }
        Ok(())
    }
}

impl RawFact {
    /// The fact without its scope (which a library entry keeps apart).
    fn clone_without_scope(&self) -> RawFact {
        RawFact {
            id: self.id.clone(),
            scope: None,
            label: self.label.clone(),
            subject: self.subject.clone(),
            allowed: self.allowed.clone(),
            forbidden: self.forbidden.clone(),
            correction: self.correction.clone(),
        }
    }
}

/// Validates a fact: it needs a value to check and words in every phrasing.
fn fact_spec(
    raw: RawFact,
    file: &str,
    at: &dyn Fn(usize) -> String,
    what: &str,
) -> Result<FactSpec, Error> {
    if raw.allowed.is_empty() && raw.forbidden.is_empty() {
        return Err(Error::Rubric {
            location: at(raw.id.span().start),
            message: format!("{what}: list `allowed` or `forbidden` values (or both)"),
        });
    }
    for (name, list) in [
        ("subject", &raw.subject),
        ("allowed", &raw.allowed),
        ("forbidden", &raw.forbidden),
    ] {
        if let Some(p) = list.iter().find(|p| !p.chars().any(char::is_alphanumeric)) {
            return Err(Error::Rubric {
                location: at(raw.id.span().start),
                message: format!("{what}, field `{name}`: empty phrasing \"{p}\": it has no words"),
            });
        }
    }
    Ok(FactSpec {
        id: raw.id.into_inner(),
        label: raw.label,
        subject: raw.subject,
        allowed: raw.allowed,
        forbidden: raw.forbidden,
        correction: raw.correction,
        file: file.to_string(),
    })
}

/// Rejects an empty list and phrasings without a word.
fn check_phrasings(
    raw: &Spanned<Vec<String>>,
    at: &dyn Fn(usize) -> String,
    field: &str,
) -> Result<(), Error> {
    if raw.get_ref().is_empty() {
        return Err(Error::Rubric {
            location: at(raw.span().start),
            message: format!("{field}: no phrasings: list at least one wording that counts"),
        });
    }
    match raw
        .get_ref()
        .iter()
        .find(|p| !p.chars().any(char::is_alphanumeric))
    {
        Some(p) => Err(Error::Rubric {
            location: at(raw.span().start),
            message: format!("{field}: empty phrasing \"{p}\": it has no words"),
        }),
        None => Ok(()),
    }
}

/// Compiles a validated rubric's phrasings, with the library entries of its topic.
fn compile(question_id: &str, entry: &EntrySpec, library: &[LibraryEntry]) -> Rubric {
    let compile_all = |list: &[String]| -> Vec<Phrasing> {
        list.iter().filter_map(|p| Phrasing::compile(p)).collect()
    };
    let phrasings = |spec: &ConceptSpec| compile_all(&spec.phrasings);
    let fact = |f: &FactSpec| Fact {
        id: f.id.clone(),
        label: f.label.clone(),
        subject: compile_all(&f.subject),
        allowed: compile_all(&f.allowed),
        forbidden: compile_all(&f.forbidden),
        correction: f.correction.clone(),
        file: f.file.clone(),
    };
    let in_scope = |scope: &[String]| scope.contains(&entry.topic);
    let mut facts: Vec<Fact> = entry.facts.iter().map(fact).collect();
    let mut shared_misconceptions = Vec::new();
    for item in library {
        match item {
            LibraryEntry::Fact(scope, f) if in_scope(scope) => facts.push(fact(f)),
            LibraryEntry::Misconception(scope, m) if in_scope(scope) => {
                shared_misconceptions.push(m)
            }
            _ => {}
        }
    }
    Rubric {
        question_id: question_id.to_string(),
        concepts: entry
            .concepts
            .iter()
            .map(|c| Concept {
                id: c.id.clone(),
                label: c.label.clone(),
                weight: c.weight,
                phrasings: phrasings(c),
                explanation: c.explanation.clone(),
                beyond_reference: c.id.starts_with("x-"),
                negated_in_reference: false,
            })
            .collect(),
        misconceptions: entry
            .misconceptions
            .iter()
            .chain(shared_misconceptions)
            .map(|m| Misconception {
                id: m.id.clone(),
                label: m.label.clone(),
                phrasings: phrasings(m),
                explanation: m.explanation.clone(),
            })
            .collect(),
        facts,
        origin: Origin::File(entry.file.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::Sources;

    fn load(text: &str) -> Result<RubricSet, Error> {
        let deck = Deck::builtin().unwrap();
        let mut set = RubricSet::default();
        set.add_file("t.toml", text, &deck).map(|_| set)
    }

    const GOOD: &str = "[[question]]\nid = \"sharding-2\"\n[[question.concept]]\nid = \"ring\"\nlabel = \"Ring\"\nweight = 2\nphrasings = [\"hash ring\"]\nexplanation = \"x\"\n";

    #[test]
    fn builtin_rubrics_cover_every_question() {
        let deck = Deck::builtin().unwrap();
        let set = RubricSet::from_files(&Sources::builtin().rubrics, &deck).unwrap();
        for q in deck.questions() {
            let rubric = set.get(&q.id).expect("rubric");
            assert!((3..=8).contains(&rubric.concepts.len()), "{}", q.id);
        }
    }

    #[test]
    fn integer_weights_are_accepted() {
        let set = load(GOOD).unwrap();
        assert_eq!(set.get("sharding-2").unwrap().concepts[0].weight, 2.0);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let err = load(&GOOD.replace("weight = 2", "weight = 0")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.toml:6:10: question `sharding-2`, concept `ring`, field `weight`: weight 0 must be above 0 and at most 10"
        );
        let err = load(&GOOD.replace("[\"hash ring\"]", "[]")).unwrap_err();
        assert!(err.to_string().contains("no phrasings"), "{err}");
        let err = load(&GOOD.replace("sharding-2", "sharding-7")).unwrap_err();
        assert!(err.to_string().contains("did you mean"), "{err}");
        let err = load("[[question]\n").unwrap_err();
        assert!(err.to_string().starts_with("t.toml:1:"), "{err}");
        let twice = format!(
            "{GOOD}{}",
            &GOOD[GOOD.find("[[question.concept]]").unwrap()..]
        );
        assert!(load(&twice)
            .unwrap_err()
            .to_string()
            .contains("duplicate concept id"));
    }
}
