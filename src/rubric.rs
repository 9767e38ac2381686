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

/// The built-in rubric files, embedded: (file name, TOML text).
pub const BUILTIN_RUBRICS: &[(&str, &str)] = &[
    ("sql-nosql.toml", include_str!("../rubrics/sql-nosql.toml")),
    ("caching.toml", include_str!("../rubrics/caching.toml")),
    ("sharding.toml", include_str!("../rubrics/sharding.toml")),
    (
        "replication.toml",
        include_str!("../rubrics/replication.toml"),
    ),
    ("cap.toml", include_str!("../rubrics/cap.toml")),
    (
        "microservices.toml",
        include_str!("../rubrics/microservices.toml"),
    ),
    (
        "api-design.toml",
        include_str!("../rubrics/api-design.toml"),
    ),
    ("messaging.toml", include_str!("../rubrics/messaging.toml")),
    ("scaling.toml", include_str!("../rubrics/scaling.toml")),
    (
        "load-balancing.toml",
        include_str!("../rubrics/load-balancing.toml"),
    ),
    ("cdn.toml", include_str!("../rubrics/cdn.toml")),
    (
        "rate-limiting.toml",
        include_str!("../rubrics/rate-limiting.toml"),
    ),
    (
        "resilience.toml",
        include_str!("../rubrics/resilience.toml"),
    ),
    (
        "idempotency.toml",
        include_str!("../rubrics/idempotency.toml"),
    ),
    (
        "consistency.toml",
        include_str!("../rubrics/consistency.toml"),
    ),
];

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

/// A false belief that costs points when an answer asserts it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Misconception {
    pub id: String,
    pub label: String,
    pub phrasings: Vec<Phrasing>,
    pub explanation: String,
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
    pub origin: Origin,
}

impl Rubric {
    /// How coverage turns into concept points: `coverage ^ exponent`. Hand-written
    /// concepts are whole ideas (exponent 1); derived ones are single terms of the
    /// reference, which a correct answer in its own words reuses only in part,
    /// so their coverage counts with diminishing returns (exponent 0.5).
    pub fn coverage_exponent(&self) -> f64 {
        match self.origin {
            Origin::Auto => 0.5,
            Origin::File(_) => 1.0,
        }
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(default)]
    concept: Vec<RawConcept>,
    #[serde(default)]
    misconception: Vec<RawMisconception>,
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
    concepts: Vec<ConceptSpec>,
    misconceptions: Vec<ConceptSpec>,
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
                EntrySource::Spec(spec) => Some(compile(question_id, spec)),
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
            self.entries.insert(
                qid,
                Entry {
                    source: EntrySource::Spec(EntrySpec {
                        file: file.to_string(),
                        concepts,
                        misconceptions,
                    }),
                    compiled: OnceLock::new(),
                },
            );
        }
        Ok(())
    }
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

/// Compiles a validated rubric's phrasings.
fn compile(question_id: &str, entry: &EntrySpec) -> Rubric {
    let phrasings = |spec: &ConceptSpec| -> Vec<Phrasing> {
        spec.phrasings
            .iter()
            .filter_map(|p| Phrasing::compile(p))
            .collect()
    };
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
            .map(|m| Misconception {
                id: m.id.clone(),
                label: m.label.clone(),
                phrasings: phrasings(m),
                explanation: m.explanation.clone(),
            })
            .collect(),
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
