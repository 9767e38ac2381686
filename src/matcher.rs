//! Finds rubric phrasings in an answer: stems, shared synonym groups, typo
//! tolerance on longer words, small word-order and proximity tolerance, and
//! negation ("you don't need X") detection.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::builtin::{BUILTIN_SYNONYMS, WORDNET_SYNONYMS};
use crate::text::{self, Analyzed, Token};

/// WordNet's words for a word: its own line of the table, looked up by the word,
/// then by its stem, then by the word less a common inflection ("allocated").
pub fn wordnet_synonyms(word: &str) -> &'static [&'static str] {
    static LINES: std::sync::LazyLock<Vec<Vec<&'static str>>> = std::sync::LazyLock::new(|| {
        WORDNET_SYNONYMS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split(' ').collect())
            .collect()
    });
    let lookup = |w: &str| {
        LINES
            .binary_search_by(|line| line[0].cmp(w))
            .ok()
            .map(|i| &LINES[i][1..])
    };
    let stem = text::stem(word);
    let candidates = [word.to_string(), stem.clone(), format!("{stem}e")];
    let inflected = ["ing", "ed", "es", "s", "d"]
        .iter()
        .filter_map(|suffix| word.strip_suffix(suffix).map(str::to_string));
    candidates
        .into_iter()
        .chain(inflected)
        .find_map(|w| lookup(&w))
        .unwrap_or(&[])
}

/// Words after a phrase that deny it: "virtual nodes are unnecessary".
const DENIAL_WORDS: &[&str] = &[
    "unnecessary",
    "unneeded",
    "pointless",
    "useless",
    "irrelevant",
    "overkill",
    "needless",
    "overrated",
    "overhyped",
    "overblown",
    "myth",
    "optional",
    "overengineering",
];
/// Words that, shortly after "not", dismiss the phrase before them: "X is not
/// something to worry about", "X isn't a real concern".
const DISMISSING_WORDS: &[&str] = &[
    "worry",
    "concern",
    "issue",
    "problem",
    "important",
    "bother",
    "care",
    "worth",
    "big",
];
/// Words that, after "not", make a negation reach over a list: "you don't need
/// idempotent consumers or a dedup table".
const LIST_NEGATING_VERBS: &[&str] = &[
    "need",
    "require",
    "bother",
    "want",
    "worry",
    "care",
    "have",
    "necessary",
    "needed",
    "required",
];
/// Verbs of need whose negation dismisses what it governs: "you don't need X".
const NEED_WORDS: &[&str] = &[
    "need",
    "needs",
    "needed",
    "require",
    "requires",
    "required",
    "necessary",
];
/// Negators that deny every item of a list that follows them ("no retries,
/// timeouts or breakers").
const LIST_NEGATORS: &[&str] = &["no", "without", "neither", "nor", "never", "none"];
/// Words that start a clause whose subject is the previous clause's.
const PRONOUNS: &[&str] = &[
    "it", "they", "this", "which", "that", "these", "its", "their",
];

/// Words that open a clause as its subject, so that what follows the comma
/// before them is a clause of its own, not an item of a list.
const CLAUSE_SUBJECTS: &[&str] = &[
    "everything",
    "everyone",
    "nothing",
    "it",
    "they",
    "we",
    "you",
    "i",
    "he",
    "she",
    "each",
];
/// Prepositions that open a topic phrase naming what the sentence is about:
/// "With Kafka, messages are kept", "In a monolith, ...".
const TOPIC_PREPOSITIONS: &[&str] = &["in", "with", "for", "on", "using", "under"];
/// Units of time after a number: "400 ms".
const UNIT_WORDS: &[&str] = &[
    "ms",
    "milliseconds",
    "millisecond",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
];
/// Words after a denied need that make it a matter of timing: "the result is
/// not needed now".
const TIMING_WORDS: &[&str] = &[
    "now",
    "yet",
    "immediately",
    "right",
    "instantly",
    "upfront",
    "synchronously",
    "inline",
];
/// Verbs of leaving something out: negated, they urge it ("never skip timeouts",
/// "don't forget jitter").
const OMISSION_VERBS: &[&str] = &[
    "skip",
    "skipping",
    "drop",
    "omit",
    "omitting",
    "forget",
    "forgetting",
    "ignore",
    "ignoring",
    "neglect",
    "neglecting",
    "disable",
    "disabling",
    "leave",
    "leaving",
];
/// Words that open a clause contrasting with what came before.
const CONTRAST_WORDS: &[&str] = &[
    "whereas", "while", "but", "unlike", "however", "although", "though", "yet",
];
/// Words that open an aside between a subject and its verb: "Kafka, like
/// most brokers, ...", "Raft, which etcd uses, ...".
const ASIDE_WORDS: &[&str] = &[
    "like",
    "meaning",
    "unlike",
    "which",
    "who",
    "as",
    "including",
    "being",
    "say",
    "e",
];

/// Words that dismiss whatever their clause names: "X is overkill", "honestly
/// X is overrated".
const DISMISSAL_WORDS: &[&str] = &[
    "overrated",
    "overblown",
    "overkill",
    "overengineering",
    "overengineered",
    "overhyped",
    "unnecessary",
    "pointless",
    "needless",
    "myth",
    "hype",
    "overstated",
    "folklore",
    "busywork",
    "skeptical",
    "sceptical",
    "obsess",
    "obsessing",
    "distraction",
    "crutch",
    "overthink",
    "overthinking",
    "non-issue",
    "exaggerated",
    "gimmick",
    "cop-out",
    "gold-plating",
    "belt-and-suspenders",
    "incidental",
];
/// Words that, within eight words after a negator, dismiss what the clause
/// names: "I don't think X is something to worry about", "X isn't a real concern".
const DISMISSED_AFTER_NOT: &[&str] = &[
    "worth",
    "worry",
    "concern",
    "bother",
    "big",
    "real",
    "reason",
    "convinced",
    "fan",
    "problem",
    "relevant",
    "true",
    "necessary",
    "needed",
    "essential",
    "consideration",
    "factor",
];
/// Words of a warning that a negator before them waves off: "not something
/// to worry about", "not a concern".
const WARNING_WORDS: &[&str] = &["worry", "concern", "bother"];
/// Nouns that "not a real ..." dismisses: "not a real concern", "no real risk".
const REAL_CONCERNS: &[&str] = &[
    "concern",
    "concerns",
    "problem",
    "problems",
    "issue",
    "issues",
    "risk",
    "risks",
    "worry",
    "worries",
    "threat",
    "threats",
    "need",
    "needs",
    "thing",
    "things",
    "benefit",
    "benefits",
    "reason",
    "reasons",
    "gain",
    "gains",
    "win",
    "wins",
    "advantage",
    "advantages",
    "requirement",
    "requirements",
    "danger",
    "dangers",
    "bottleneck",
    "bottlenecks",
    "deal",
    "difference",
    "differences",
    "differentiator",
    "value",
    "constraint",
    "constraints",
    "limitation",
    "limitations",
    "factor",
    "consideration",
    "argument",
    "arguments",
    "driver",
    "criterion",
    "signal",
];
/// Words after a predicative "true" or "real" that end its claim: "not true anymore".
const PREDICATE_ENDINGS: &[&str] = &[
    "anymore",
    "nowadays",
    "today",
    "now",
    "either",
    "though",
    "here",
    "anyway",
    "in",
    "at",
    "for",
    "of",
    "since",
    "because",
    "unless",
    "outside",
    "beyond",
    "except",
    "really",
    "honestly",
    "currently",
    "usually",
    "generally",
    "necessarily",
    "always",
];
/// Word sequences that dismiss what their clause names, wherever they stand:
/// "I'd push back on X", "X is mostly theoretical", "I'd skip X".
const DISMISSAL_PHRASES: &[&[&str]] = &[
    &["i", "push", "back"],
    &["would", "push", "back"],
    &["advise", "against"],
    &["recommend", "against"],
    &["argue", "against"],
    &["steer", "away"],
    &["steer", "clear"],
    &["i", "leave", "out"],
    &["i", "skip"],
    &["would", "skip"],
    &["just", "skip"],
    &["can", "skip"],
    &["implementation", "detail"],
    &["nice", "in", "theory"],
    &["barely", "matters"],
    &["barely", "matter"],
    &["rarely", "matters"],
    &["rarely", "matter"],
    &["never", "matters"],
    &["waste", "of"],
    &["never", "bites"],
    &["would", "not", "build"],
    &["would", "not", "spend"],
    &["would", "not", "put"],
    &["would", "not", "choose"],
    &["would", "not", "recommend"],
    &["would", "not", "bother"],
    &["rare", "to", "matter"],
    &["can", "ignore"],
    &["just", "ignore"],
    &["safely", "ignore"],
    &["rarely", "a", "problem"],
    &["rarely", "an", "issue"],
    &["solved", "problem"],
    &["not", "overthink"],
    &["buy", "you", "much"],
    &["buys", "you", "much"],
    &["buy", "much"],
    &["buys", "much"],
    &["buys", "you", "little"],
    &["buys", "little"],
    &["buy", "you", "anything"],
    &["i", "ignore"],
    &["would", "ignore"],
    &["i", "never", "needed"],
    &["never", "found", "that"],
    &["never", "found", "it"],
    &["never", "seen", "that", "matter"],
    &["never", "seen", "it", "matter"],
    &["not", "really", "need"],
    &["not", "actually", "need"],
    &["no", "real", "need"],
    &["not", "really", "needed"],
    &["rarely", "worth"],
    &["seldom", "worth"],
    &["rarely", "need"],
    &["rarely", "needed"],
    &["never", "pays", "off"],
    &["never", "pay", "off"],
    &["not", "pay", "off"],
    &["why", "worry"],
    &["does", "it", "really", "matter"],
    &["non", "issue"],
    &["lazy", "engineering"],
    &["sloppy", "engineering"],
    &["is", "academic"],
    &["are", "academic"],
    // "that's academic" ("that's" loses its "'s").
    &["that", "academic"],
    &["it", "academic"],
    &["purely", "academic"],
    &["why", "would", "anyone"],
    &["why", "would", "you", "ever"],
    &["not", "really", "the", "point"],
    &["minor", "detail"],
    &["belt", "and", "suspenders"],
    &["gold", "plating"],
    &["there", "no", "reason"],
    &["also", "no", "reason"],
    &["is", "no", "reason"],
    &["not", "sweat"],
    &["not", "something", "you", "need"],
    &["losing", "game"],
    &["mostly", "marketing"],
    &["just", "marketing"],
    &["is", "ceremony"],
    &["are", "ceremony"],
    &["just", "ceremony"],
    &["not", "what", "decides"],
    &["not", "really", "the", "test"],
    &["not", "the", "real", "test"],
    &["not", "change", "the", "calculus"],
    &["not", "a", "meaningful", "design"],
    &["adds", "nothing", "measurable"],
    &["add", "nothing", "measurable"],
    &["adds", "no", "value"],
    &["add", "no", "value"],
    &["leave", "it", "off"],
    &["leave", "them", "off"],
    &["made", "sense", "when"],
    &["made", "sense", "back", "when"],
];
/// Dismissing phrases that a negator before them turns into advice: "forget
/// about X" dismisses X, "don't forget about X" urges it.
const DISMISSAL_PHRASES_UNLESS_NEGATED: &[&[&str]] = &[
    &["more", "trouble", "than"],
    &["more", "hassle", "than"],
    &["forget", "about"],
    &["more", "complexity", "than"],
    &["why", "bother"],
    &["a", "nice", "to", "have"],
    &["a", "nice-to-have"],
    &["no", "real", "benefit"],
    &["no", "real", "value"],
    &["cargo", "cult"],
    &["cargo-cult"],
    &["legacy", "thinking"],
    &["safely", "skip"],
    &["matters", "at", "google"],
    &["matters", "at", "facebook"],
    &["matter", "at", "google"],
    &["matter", "at", "facebook"],
    &["unless", "you", "are", "google"],
    &["premature", "optimization"],
    &["premature", "optimisation"],
    &["red", "herring"],
    &["sounds", "nice"],
    &["sound", "nice"],
    &["sounds", "scary"],
    &["sound", "scary"],
    &["good", "on", "paper"],
];
/// Words that dismiss when they qualify a worry or an idea ("a textbook worry",
/// "mostly theoretical", "largely academic").
const DISMISSING_QUALIFIERS: &[&str] = &["theoretical", "academic", "textbook"];
/// What a dismissing qualifier qualifies, or hedges it ("mostly theoretical").
const QUALIFIED_WORRIES: &[&str] = &[
    "worry",
    "concern",
    "problem",
    "issue",
    "refinement",
    "property",
    "idea",
    "nicety",
    "detail",
    "exercise",
    "mostly",
    "largely",
    "purely",
    "merely",
    "really",
];
/// Auxiliaries that carry a negation: "does not", "can't".
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "should",
    "has", "have", "had",
];
/// Words that may stand before the subject of a clause: "but honestly that
/// is overrated", "and I don't think it matters".
const DISCOURSE_WORDS: &[&str] = &[
    "but",
    "and",
    "so",
    "yet",
    "honestly",
    "frankly",
    "really",
    "actually",
    "though",
    "i",
    "we",
    "do",
    "think",
    "believe",
    "would",
    "say",
    "personally",
    // "but in practice I don't think that's ...", "I feel like that's ..."
    "in",
    "practice",
    "reality",
    "feel",
    "like",
];
/// Words that open a condition, whose negation asserts nothing: "if the
/// operation isn't safe to repeat, ...".
const CONDITION_WORDS: &[&str] = &["if", "unless", "whether"];
/// Words after "matter" that make "doesn't matter" a statement about choice,
/// not a dismissal: "it doesn't matter which instance serves the request".
const CHOICE_WORDS: &[&str] = &[
    "which", "what", "who", "where", "whether", "how", "if", "when", "whose", "that",
];
/// Words right after a dismissing cue that limit it to a case: "not true when
/// the user is waiting", "not worth it unless the dataset is huge".
const LIMITING_WORDS: &[&str] = &["when", "if", "unless", "once", "until", "where", "while"];

/// Words that mark a claim as reported, not made: "a common myth is that X".
const REPORT_WORDS: &[&str] = &[
    "myth",
    "myths",
    "misconception",
    "misconceptions",
    "misunderstanding",
    "misunderstandings",
    "contrary",
];
/// Words that reject a claim next to them in its sentence: "X is a mistake",
/// "it's wrong to say X", "the fallacy that X".
const REJECTION_WORDS: &[&str] = &["mistake", "mistaken", "fallacy", "wrong", "false", "untrue"];
/// Words that name the harm of a claim right after it ("retries at every layer
/// multiply", "is 81x amplification"): the claim is criticised.
const HARM_WORDS: &[&str] = &[
    "multiply",
    "multiplies",
    "multiplied",
    "multiplying",
    "multiplication",
    "amplify",
    "amplifies",
    "amplified",
    "amplifying",
    "amplification",
];
/// Stems of what a claim can multiply to its credit: "multiplies your chances".
const BENEFIT_WORDS: &[&str] = &["chanc", "odd", "success", "reliabl", "avail", "throughput"];
/// Who reports a claim, before a reporting verb: "people think X".
const REPORTERS: &[&str] = &[
    "people", "many", "some", "folks", "often", "commonly", "naively", "teams",
];
/// Verbs that report a claim after a reporter.
const REPORTING_VERBS: &[&str] = &[
    "think",
    "thinks",
    "say",
    "says",
    "believe",
    "believes",
    "assume",
    "assumes",
    "claim",
    "claims",
    "expect",
    "expects",
    "treat",
    "treats",
    "call",
    "calls",
    "insist",
    "insists",
    "skeptical",
    "sceptical",
    "doubt",
    "doubts",
    "conclude",
    "concludes",
    "suggest",
    "suggests",
];

/// More verbs that report a view after a reporter: "people will tell you X".
const VIEW_VERBS: &[&str] = &[
    "tell",
    "recommend",
    "recommends",
    "mention",
    "argue",
    "push",
];
/// Words before a noun of advice that open a reported view: "the usual advice
/// is X", "conventional wisdom says X".
const VIEW_OPENERS: &[&str] = &["usual", "standard", "common", "conventional", "textbook"];
/// Nouns of advice after `VIEW_OPENERS`.
const VIEW_NOUNS: &[&str] = &[
    "advice",
    "answer",
    "wisdom",
    "recommendation",
    "line",
    "take",
];

/// How an answer contradicts a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contradiction {
    /// It states a forbidden value.
    Forbidden,
    /// It denies an allowed value.
    DeniesAllowed,
    /// It states the opposite (an antonym) of an allowed value.
    Opposite,
}
/// Verbs that, after "not", deny the phrase before them: "X is not needed".
const DENIED_VERBS: &[&str] = &[
    "need",
    "needed",
    "required",
    "necessary",
    "useful",
    "matter",
    "matters",
    "help",
    "helps",
];

/// Synonym groups and the words known to be spelled correctly.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Lexicon {
    groups: HashMap<String, Vec<u32>>,
    members: Vec<Vec<String>>,
    known: HashSet<String>,
}

#[derive(Deserialize)]
struct RawSynonyms {
    groups: Vec<Vec<String>>,
}

impl Lexicon {
    /// Builds a lexicon from a synonyms TOML text (`groups = [[...], ...]`).
    pub fn from_toml(text: &str) -> Result<Lexicon, toml::de::Error> {
        let raw: RawSynonyms = toml::from_str(text)?;
        let mut lexicon = Lexicon::default();
        for group in raw.groups {
            lexicon.add_group(&group);
        }
        Ok(lexicon)
    }

    /// The lexicon of the built-in synonym groups.
    pub fn builtin() -> Lexicon {
        Lexicon::from_toml(BUILTIN_SYNONYMS).expect("the built-in synonyms file is valid TOML")
    }

    /// Adds one group of words that count as the same word.
    pub fn add_group(&mut self, words: &[String]) {
        let id = self.members.len() as u32;
        let mut stems = Vec::new();
        for word in words {
            // A group links single words; "low-latency" would link "low" and "latency".
            let tokens = text::analyze(word).tokens;
            if let [token] = tokens.as_slice() {
                self.known.insert(token.surface.clone());
                stems.push(token.stem.clone());
            }
        }
        stems.sort();
        stems.dedup();
        for stem in &stems {
            self.groups.entry(stem.clone()).or_default().push(id);
        }
        self.members.push(stems);
    }

    /// Marks the words of a text as correctly spelled, so they are never taken for typos.
    pub fn learn_words(&mut self, text: &str) {
        self.known.extend(text::words(text));
    }

    /// Stems that count as the same word as `stem`, itself included.
    pub fn synonyms<'s>(&'s self, stem: &'s str) -> Vec<&'s str> {
        let mut out = vec![stem];
        if let Some(ids) = self.groups.get(stem) {
            for &id in ids {
                for member in &self.members[id as usize] {
                    if member != stem {
                        out.push(member);
                    }
                }
            }
        }
        out
    }

    /// True when an answer word looks like a typo or a clipped form of a rubric word:
    /// one edit (two from nine letters) on words of six letters or more, or a prefix
    /// of five letters or more missing at most three ("enque" for "enqueue").
    pub fn is_typo_of(&self, written: &str, intended: &str) -> bool {
        // Cheap tests first: this runs for every answer word against every term.
        let (wl, il) = (written.len(), intended.len());
        if wl < 5
            || il < 5
            || wl.abs_diff(il) > 3
            || written.as_bytes()[0] != intended.as_bytes()[0]
        {
            return false;
        }
        let alphabetic = |w: &str| w.chars().all(|c| c.is_alphabetic());
        if written == intended || !alphabetic(written) || !alphabetic(intended) {
            return false;
        }
        let (short, long) = if wl <= il {
            (written, intended)
        } else {
            (intended, written)
        };
        let clipped = long.starts_with(short);
        let allowed = if wl.min(il) >= 9 { 2 } else { 1 };
        let typo = wl.min(il) >= 6
            && wl.abs_diff(il) <= allowed
            && strsim::osa_distance(written, intended) <= allowed;
        (clipped || typo) && !self.known.contains(written)
    }
}

/// One word of a phrasing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub surface: String,
    pub stem: String,
}

/// One slot of a phrasing: a negator, or one of several words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Slot {
    /// Any of not / no / never / without / n't.
    Negator,
    Words(Vec<Term>),
}

/// A compiled phrasing: one or more variants, each a sequence of slots.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phrasing {
    pub text: String,
    pub variants: Vec<Vec<Slot>>,
}

impl Phrasing {
    /// Compiles a phrasing such as `"fan out|fans"` or `"no multi-row transactions"`.
    /// Returns `None` when it has no words.
    pub fn compile(source: &str) -> Option<Phrasing> {
        // Each whitespace chunk gives one slot (or several for a hyphenated
        // compound); chunks of stop words only are dropped, unless the whole
        // phrasing is made of them.
        let chunks: Vec<(Vec<Term>, Vec<Vec<Slot>>, bool)> = source
            .split_whitespace()
            .map(|chunk| {
                let mut single = Vec::new();
                let mut multi: Vec<Vec<Slot>> = Vec::new();
                let mut stop_only = true;
                for alternative in chunk.split('|') {
                    let (slots, only_stop) = slots_of(alternative);
                    stop_only &= only_stop;
                    match slots.len() {
                        0 => {}
                        1 => match slots.into_iter().next() {
                            Some(Slot::Words(mut terms)) => single.append(&mut terms),
                            Some(Slot::Negator) => multi.push(vec![Slot::Negator]),
                            None => {}
                        },
                        _ => multi.push(slots),
                    }
                }
                (single, multi, stop_only)
            })
            .collect();
        let all_stop = chunks.iter().all(|c| c.2);
        let mut variants: Vec<Vec<Slot>> = vec![Vec::new()];
        for (single, multi, stop_only) in chunks {
            if stop_only && !all_stop {
                continue;
            }
            let mut next = Vec::new();
            for variant in &variants {
                if !single.is_empty() {
                    let mut v = variant.clone();
                    v.push(Slot::Words(single.clone()));
                    next.push(v);
                }
                for extra in &multi {
                    let mut v = variant.clone();
                    v.extend(extra.iter().cloned());
                    next.push(v);
                }
            }
            if !next.is_empty() {
                variants = next;
            }
        }
        variants.retain(|v| !v.is_empty());
        if variants.is_empty() {
            return None;
        }
        Some(Phrasing {
            text: source.to_string(),
            variants,
        })
    }

    /// True when the phrasing itself states a negation.
    pub fn states_negation(&self) -> bool {
        self.variants.iter().any(|v| v.contains(&Slot::Negator))
    }

    /// True when the phrasing names a dismissal itself ("exactly-once myth"): a
    /// dismissing clause agrees with it.
    pub fn states_dismissal(&self) -> bool {
        self.variants.iter().flatten().any(|slot| match slot {
            Slot::Negator => false,
            Slot::Words(terms) => terms.iter().any(|t| {
                DENIAL_WORDS.contains(&t.surface.as_str())
                    || DISMISSAL_WORDS.contains(&t.surface.as_str())
            }),
        })
    }

    /// The content words of the phrasing (first variant), for display and drafting.
    pub fn words(&self) -> Vec<&str> {
        self.variants[0]
            .iter()
            .filter_map(|s| match s {
                Slot::Words(t) => t.first().map(|t| t.surface.as_str()),
                Slot::Negator => None,
            })
            .collect()
    }
}

/// The slots of one alternative, and whether it is made of stop words only. A
/// hyphenated compound ("at-least-once", "all-or-nothing") keeps every word, as
/// written; otherwise stop words are dropped.
fn slots_of(text: &str) -> (Vec<Slot>, bool) {
    let analyzed = text::analyze(text);
    let compound = text.contains('-');
    let to_slot = |t: &Token| {
        if t.is_negator && !compound {
            Slot::Negator
        } else {
            Slot::Words(vec![Term {
                surface: t.surface.clone(),
                stem: t.stem.clone(),
            }])
        }
    };
    let stop_only = analyzed.tokens.iter().all(|t| t.is_stop);
    let slots = analyzed
        .tokens
        .iter()
        .filter(|t| compound || stop_only || !t.is_stop)
        .map(to_slot)
        .collect();
    (slots, stop_only)
}

/// Where a phrasing was found in an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First and last token of the matched span.
    pub from: usize,
    pub to: usize,
    /// True when the answer denies the phrase.
    pub negated: bool,
}

/// An analysed answer, ready for many phrasing look-ups.
pub struct AnswerMatcher<'a> {
    lexicon: &'a Lexicon,
    pub analyzed: &'a Analyzed,
    by_stem: HashMap<&'a str, Vec<usize>>,
    words: Vec<(&'a str, Vec<usize>)>,
    negators: Vec<usize>,
    cache: RefCell<HashMap<String, Vec<usize>>>,
    wordnet: bool,
}

impl<'a> AnswerMatcher<'a> {
    /// Prepares an analysed answer for matching.
    pub fn new(lexicon: &'a Lexicon, analyzed: &'a Analyzed) -> Self {
        let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut negators = Vec::new();
        for (i, t) in analyzed.tokens.iter().enumerate() {
            if t.is_negator {
                negators.push(i);
            }
            by_stem.entry(t.stem.as_str()).or_default().push(i);
            by_word.entry(t.surface.as_str()).or_default().push(i);
        }
        let mut words: Vec<(&str, Vec<usize>)> = by_word.into_iter().collect();
        words.sort();
        AnswerMatcher {
            lexicon,
            analyzed,
            by_stem,
            words,
            negators,
            cache: RefCell::new(HashMap::new()),
            wordnet: false,
        }
    }

    /// Also accepts WordNet's general English synonyms of a term.
    pub fn with_wordnet(mut self) -> Self {
        self.wordnet = true;
        self
    }

    /// Token positions where a term occurs: same stem, a synonym, or a typo of it.
    fn term_positions(&self, term: &Term) -> Vec<usize> {
        if let Some(hit) = self.cache.borrow().get(&term.surface) {
            return hit.clone();
        }
        let mut positions = Vec::new();
        for stem in self.lexicon.synonyms(&term.stem) {
            if let Some(p) = self.by_stem.get(stem) {
                positions.extend_from_slice(p);
            }
        }
        if self.wordnet {
            for synonym in wordnet_synonyms(&term.surface) {
                if let Some(p) = self.by_stem.get(text::stem(synonym).as_str()) {
                    positions.extend_from_slice(p);
                }
            }
        }
        if term.surface.len() >= 5 {
            for (word, p) in &self.words {
                if self.lexicon.is_typo_of(word, &term.surface) {
                    positions.extend_from_slice(p);
                }
            }
        }
        // A status code followed by a unit of time is a duration: "400 ms" is no
        // HTTP 400.
        let status_code = term
            .surface
            .parse::<u32>()
            .is_ok_and(|n| (400..600).contains(&n));
        if status_code {
            let tokens = &self.analyzed.tokens;
            positions.retain(|&p| {
                !tokens
                    .get(p + 1)
                    .is_some_and(|n| UNIT_WORDS.contains(&n.surface.as_str()))
            });
        }
        positions.sort_unstable();
        positions.dedup();
        self.cache
            .borrow_mut()
            .insert(term.surface.clone(), positions.clone());
        positions
    }

    fn slot_positions(&self, slot: &Slot) -> Vec<usize> {
        match slot {
            Slot::Negator => self.negators.clone(),
            Slot::Words(terms) => {
                let mut all: Vec<usize> =
                    terms.iter().flat_map(|t| self.term_positions(t)).collect();
                all.sort_unstable();
                all.dedup();
                all
            }
        }
    }

    /// A match of the phrasing inside a clause that dismisses it ("X is
    /// overkill", "I don't think X is worth it", "People say X, but that is
    /// overrated"): a denial that no affirmed mention elsewhere outweighs.
    pub fn dismissed(&self, phrasing: &Phrasing) -> Option<Match> {
        if phrasing.states_negation() || phrasing.states_dismissal() {
            return None;
        }
        phrasing
            .variants
            .iter()
            .flat_map(|v| self.find_variant(v))
            .find(|m| {
                self.is_dismissal_clause(self.analyzed.tokens[m.from].clause)
                    && !self.dismissal_only_after_result(m)
                    && !self.scope_of_dismissal(m)
            })
            .map(|m| Match { negated: true, ..m })
    }

    /// True when the sentence of a match waves off a warning about it: a
    /// negator shortly before "worry", "concern" or "bother" ("keeping live
    /// data off the CDN isn't something to worry about"). Said of something
    /// an interviewer advises against, that dismisses the advice.
    pub fn dismisses_a_warning(&self, m: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let sentence = tokens[m.from].sentence;
        let words: Vec<&Token> = tokens.iter().filter(|t| t.sentence == sentence).collect();
        words.iter().enumerate().any(|(k, t)| {
            t.is_negator
                && words[k + 1..]
                    .iter()
                    .take(8)
                    .any(|n| WARNING_WORDS.contains(&n.surface.as_str()))
        })
    }

    /// True when the match is the scope of a dismissing word before it, not what
    /// it dismisses: "L7 is overkill for game servers" dismisses L7 for them.
    fn scope_of_dismissal(&self, m: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let clause = tokens[m.from].clause;
        let before: Vec<&Token> = (0..m.from)
            .rev()
            .take_while(|&i| tokens[i].clause == clause)
            .map(|i| &tokens[i])
            .collect();
        let Some(word) = before
            .iter()
            .position(|t| DISMISSAL_WORDS.contains(&t.surface.as_str()))
        else {
            return false;
        };
        before[..word].iter().any(|t| {
            matches!(
                t.surface.as_str(),
                "for" | "when" | "with" | "in" | "at" | "on" | "compared" | "than"
            )
        })
    }

    /// True when a "so", "because" or "since" after the match, or an "and" or
    /// "but" with a subject of its own, opens the only dismissing part of its
    /// clause: "using Redis TIME so clock skew doesn't matter" dismisses the
    /// clock skew, not Redis; "a request went to one shard and we never had to
    /// fan out" dismisses nothing of the shard.
    fn dismissal_only_after_result(&self, m: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let clause = tokens[m.from].clause;
        // "so much time" intensifies; it opens no result.
        let intensifier = |i: usize| {
            tokens[i].surface == "so"
                && tokens.get(i + 1).is_some_and(|n| {
                    matches!(
                        n.surface.as_str(),
                        "much" | "many" | "far" | "little" | "few" | "long" | "often"
                    )
                })
        };
        let Some(result) = (m.to + 1..tokens.len())
            .take_while(|&i| tokens[i].clause == clause)
            .find(|&i| {
                (matches!(tokens[i].surface.as_str(), "so" | "because" | "since")
                    && !intensifier(i))
                    || opens_own_main_clause(
                        &tokens[i].surface,
                        tokens.get(i + 1).map(|n| n.surface.as_str()),
                    )
            })
        else {
            return false;
        };
        let before: Vec<&Token> = (0..result)
            .filter(|&i| tokens[i].clause == clause)
            .map(|i| &tokens[i])
            .collect();
        !self.dismisses_words(&before)
    }

    /// The clauses that dismiss what they name ("I don't think origin load is
    /// really a concern", "tiering is overkill"), with their token ranges.
    pub fn dismissal_clauses(&self) -> Vec<std::ops::Range<usize>> {
        let tokens = &self.analyzed.tokens;
        let mut out = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            let clause = tokens[start].clause;
            let end = start
                + tokens[start..]
                    .iter()
                    .take_while(|t| t.clause == clause)
                    .count();
            if self.dismisses(clause) {
                out.push(start..end);
            }
            start = end;
        }
        out
    }

    /// True when a clause holds a dismissal: a dismissing word, or a negator
    /// shortly before a word of concern ("not something to worry about").
    fn dismisses(&self, clause: u32) -> bool {
        let tokens = &self.analyzed.tokens;
        let words: Vec<&Token> = tokens.iter().filter(|t| t.clause == clause).collect();
        self.dismisses_words(&words)
    }

    /// True when these words (a clause, or its start) hold a dismissal.
    fn dismisses_words(&self, words: &[&Token]) -> bool {
        let surfaces: Vec<&str> = words.iter().map(|t| t.surface.as_str()).collect();
        // A condition asserts nothing: "if you don't care about order, ...".
        if surfaces.iter().take(2).any(|w| CONDITION_WORDS.contains(w)) {
            return false;
        }
        // A dismissing verb coordinated with another verb describes what
        // happens, not a choice: "pages can skip or duplicate rows".
        let coordinated = |end: usize| matches!(surfaces.get(end), Some(&"or" | &"and"));
        let negated_before = |k: usize| k >= 1 && matches!(surfaces[k - 1], "not" | "never");
        // "when the caller doesn't actually need the result" and "When a step
        // can't fail, you don't really need X" state a condition.
        let is_condition = |w: &str| matches!(w, "if" | "unless" | "when" | "whenever");
        let sentence_conditioned = words.first().is_some_and(|first| {
            let tokens = &self.analyzed.tokens;
            let at = tokens.partition_point(|t| t.start < first.start);
            tokens[..at]
                .iter()
                .rev()
                .take_while(|t| t.sentence == first.sentence)
                .any(|t| is_condition(&t.surface))
        });
        let conditioned =
            |k: usize| sentence_conditioned || surfaces[..k].iter().any(|w| is_condition(w));
        let found = |phrases: &[&[&str]], unless_negated: bool| {
            phrases.iter().any(|p| {
                surfaces.windows(p.len()).enumerate().any(|(k, w)| {
                    let urged = unless_negated && negated_before(k);
                    w == *p && !(coordinated(k + p.len()) || urged || conditioned(k))
                })
            })
        };
        if found(DISMISSAL_PHRASES, false) || found(DISMISSAL_PHRASES_UNLESS_NEGATED, true) {
            return true;
        }
        let qualified = |k: usize| {
            let near = |j: usize| {
                surfaces
                    .get(j)
                    .is_some_and(|w| QUALIFIED_WORRIES.contains(w))
            };
            near(k + 1) || near(k + 2) || (k >= 1 && near(k - 1))
        };
        // A negation inside a relative or conditional part ("so no load lands
        // where it isn't needed", "money that isn't there is a problem", but not
        // "..., but that isn't a problem") or one whose cue is limited by a
        // condition right after it ("that's not true when the user is waiting")
        // dismisses nothing.
        // "on a modern cloud that's not really something to worry about" ends on
        // the idiom: its "that" is the subject, not a relative pronoun.
        let ends_on_worry_idiom = |k: usize| {
            let rest = &surfaces[k + 1..];
            rest.len() <= 6
                && rest.ends_with(&["worry", "about"])
                && rest.iter().any(|w| matches!(*w, "something" | "anything"))
        };
        let relative_negator = |k: usize| {
            relative_pronoun_before(k, |i| surfaces[i])
                .is_some_and(|r| r >= 1 && !DISCOURSE_WORDS.contains(&surfaces[r - 1]))
                && !ends_on_worry_idiom(k)
        };
        let scoped_negator = |k: usize| {
            relative_negator(k)
                || surfaces[..k]
                    .iter()
                    .any(|w| CHOICE_WORDS.contains(w) && *w != "that")
        };
        // "it doesn't matter much", but not "it doesn't matter which node serves
        // it", nor a condition: "for simple CRUD where speed doesn't matter".
        let dismissive_matter = |j: usize| {
            matches!(surfaces[j], "matter" | "matters")
                && !surfaces
                    .get(j + 1)
                    .is_some_and(|w| CHOICE_WORDS.contains(w))
                && !scoped_negator(j)
        };
        let conditioned = |j: usize| {
            surfaces
                .get(j + 1)
                .is_some_and(|w| LIMITING_WORDS.contains(w))
        };
        // "real" and "true" dismiss when they are the claim ("that's not true",
        // "not a real concern"), not when they qualify a noun: "the undo isn't a
        // real rollback", "you can't get true exactly-once delivery".
        let attributive = |j: usize| {
            matches!(surfaces[j], "real" | "true")
                && words.get(j + 1).is_some_and(|n| {
                    let w = n.surface.as_str();
                    !n.is_stop && !REAL_CONCERNS.contains(&w) && !PREDICATE_ENDINGS.contains(&w)
                })
        };
        words.iter().enumerate().any(|(k, t)| {
            let after = || words[k + 1..].iter().take(8);
            // "adds tracing and network failures for no real gain" weighs a
            // choice; it does not dismiss what the clause names.
            let weighs_payoff = k >= 1 && words[k - 1].surface == "for" && t.surface == "no";
            let negator =
                t.is_negator && t.surface != "non" && !scoped_negator(k) && !weighs_payoff;
            DISMISSAL_WORDS.contains(&t.surface.as_str())
                || (DISMISSING_QUALIFIERS.contains(&t.surface.as_str()) && qualified(k))
                || (negator && (k + 1..words.len().min(k + 5)).any(dismissive_matter))
                || (negator
                    && (after().enumerate().any(|(j, n)| {
                        // "not a reason to", but not "for no reason"; "not a big
                        // deal", but not "never hit the scale where one big box ...".
                        let limited = conditioned(k + 1 + j) || attributive(k + 1 + j);
                        DISMISSED_AFTER_NOT.contains(&n.surface.as_str())
                            && !limited
                            && !(n.surface == "reason" && t.surface == "no")
                            && (n.surface != "big"
                                || words.get(k + 2 + j).is_some_and(|d| d.surface == "deal"))
                    })
                        // "I don't think it's something you need"
                        || words.get(k + 1).is_some_and(|n| n.surface == "think")
                            && after().any(|n| DENIED_VERBS.contains(&n.surface.as_str()))))
        })
    }

    /// True when a clause dismisses what it names, or is named by the pronoun of a
    /// dismissing clause right after it ("..., but honestly that is overrated").
    fn is_dismissal_clause(&self, clause: u32) -> bool {
        let tokens = &self.analyzed.tokens;
        let dismisses = |c: u32| self.dismisses(c);
        if dismisses(clause) {
            return true;
        }
        // The next clause in the sentence (or the next sentence) points back with a pronoun.
        let Some(last) = tokens.iter().rposition(|t| t.clause == clause) else {
            return false;
        };
        // An item of a list that a dismissing clause closes: "locking, early
        // expiry and coalescing are over-engineering".
        if self.list_tail(last).is_some_and(|tail| {
            let tail = tokens[tail].clause;
            dismisses(tail) || self.dismissed_by_next(tail)
        }) {
            return true;
        }
        self.dismissed_by_next(clause)
            || self.dismissed_after_aside(clause)
            || self.dismissed_reported_view(clause)
    }

    /// True when the clause belongs to a sentence that reports a view ("People
    /// will tell you X, or that Y", "The usual advice is X") and what follows the
    /// sentence dismisses it with a pronoun ("Honestly that's academic"): the
    /// whole view is dismissed, not only its last clause.
    fn dismissed_reported_view(&self, clause: u32) -> bool {
        let tokens = &self.analyzed.tokens;
        let Some(at) = tokens.iter().position(|t| t.clause == clause) else {
            return false;
        };
        let sentence = tokens[at].sentence;
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.sentence == sentence)
            .map(|t| t.surface.as_str())
            .collect();
        let opening = &words[..words.len().min(6)];
        let reports = opening.iter().enumerate().any(|(k, w)| {
            REPORTERS.contains(w)
                && opening[k + 1..]
                    .iter()
                    .take(3)
                    .any(|n| REPORTING_VERBS.contains(n) || VIEW_VERBS.contains(n))
        }) || opening
            .windows(2)
            .any(|w| VIEW_OPENERS.contains(&w[0]) && VIEW_NOUNS.contains(&w[1]));
        if !reports {
            return false;
        }
        let Some(last) = tokens.iter().rposition(|t| t.sentence == sentence) else {
            return false;
        };
        let last_clause = tokens[last].clause;
        last_clause != clause
            && (self.dismisses(last_clause) || self.dismissed_by_next(last_clause))
    }

    /// True when a short clause opening its sentence is the subject of a
    /// dismissal after an aside: "Bulkheads, meaning separate thread pools, add
    /// complexity for no real benefit".
    fn dismissed_after_aside(&self, clause: u32) -> bool {
        let tokens = &self.analyzed.tokens;
        let Some(first) = tokens.iter().position(|t| t.clause == clause) else {
            return false;
        };
        let len = tokens[first..]
            .iter()
            .take_while(|t| t.clause == clause)
            .count();
        let opens_sentence = first == 0 || tokens[first - 1].sentence != tokens[first].sentence;
        let Some(aside) = tokens.get(first + len) else {
            return false;
        };
        if !opens_sentence
            || len > 4
            || aside.sentence != tokens[first].sentence
            || !ASIDE_WORDS.contains(&aside.surface.as_str())
        {
            return false;
        }
        let aside_len = tokens[first + len..]
            .iter()
            .take_while(|t| t.clause == aside.clause)
            .count();
        tokens
            .get(first + len + aside_len)
            .is_some_and(|then| then.sentence == aside.sentence && self.dismisses(then.clause))
    }

    /// True when the clause after this one dismisses it by pointing back: with a
    /// pronoun ("..., but that is overrated"), a dismissing word first, or a
    /// predicate with no subject of its own ("X is interesting but not worth it").
    fn dismissed_by_next(&self, clause: u32) -> bool {
        let tokens = &self.analyzed.tokens;
        let Some(last) = tokens.iter().rposition(|t| t.clause == clause) else {
            return false;
        };
        let Some(next) = tokens.get(last + 1) else {
            return false;
        };
        let next_clause: Vec<&Token> = tokens[last + 1..]
            .iter()
            .take_while(|t| t.clause == next.clause)
            .collect();
        let ends_sentence = |len: usize| {
            tokens
                .get(last + 1 + len)
                .is_none_or(|after| after.sentence != next.sentence)
        };
        // A quoted term, then what the sentence says of it: 'the "minimal data
        // movement" argument is overrated'.
        let quoted = tokens
            .iter()
            .filter(|t| t.clause == clause)
            .all(|t| t.quoted);
        if quoted && next.sentence == tokens[last].sentence && self.dismisses(next.clause) {
            return true;
        }
        // "..., but that is overrated", "X is interesting but overengineered".
        // The pronoun is the clause's subject, after any discourse words: "but
        // honestly that is overrated", "but I don't think that's a problem".
        let points_back = next_clause
            .iter()
            .find(|t| !DISCOURSE_WORDS.contains(&t.surface.as_str()) && !t.is_negator)
            .is_some_and(|t| {
                matches!(
                    t.surface.as_str(),
                    "that" | "this" | "it" | "which" | "they" | "those"
                )
            })
            || next_clause
            .iter()
            .take(2)
            .any(|t| DISMISSAL_WORDS.contains(&t.surface.as_str()))
            // The pronoun is the object of a short dismissal: "I've never needed
            // it", "forget about it", "all of that is ceremony".
            // "..., but on a modern cloud that's not really a concern".
            || next_clause.windows(3).any(|w| {
                matches!(w[0].surface.as_str(), "that" | "this")
                    && (w[1].is_negator
                        || matches!(w[1].surface.as_str(), "is" | "was") && w[2].is_negator)
            })
            // "..., but you don't need to worry about it".
            || next_clause.windows(3).take(12).any(|w| {
                matches!(w[0].surface.as_str(), "worry" | "bother" | "care")
                    && matches!(w[1].surface.as_str(), "about" | "with")
                    && matches!(w[2].surface.as_str(), "it" | "them" | "that" | "this")
            })
            || next_clause.iter().take(6).enumerate().any(|(k, t)| {
                let next = next_clause.get(k + 1).map(|n| n.surface.as_str());
                match t.surface.as_str() {
                    "it" | "them" | "those" => true,
                    "all" => next == Some("of"),
                    // "..., I wouldn't worry about that." ends its sentence.
                    "that" | "this" => next.is_none() && ends_sentence(next_clause.len()),
                    _ => false,
                }
            })
            // A predicate with no subject of its own: "X is interesting but not
            // worth the complexity".
            || (next_clause.first().is_some_and(|t| t.surface == "but")
                && next_clause
                    .iter()
                    .skip(1)
                    .find(|t| !DISCOURSE_WORDS.contains(&t.surface.as_str()))
                    .is_some_and(|t| t.surface == "not"))
            // "The performance story (binary encoding, HTTP/2) is mostly theoretical".
            || next_clause.first().is_some_and(|t| {
                matches!(t.surface.as_str(), "is" | "are" | "was" | "were" | "seems" | "sounds")
            });
        points_back && self.dismisses(next.clause)
    }

    /// Finds a phrasing within one sentence; prefers an affirmed match over a negated one.
    pub fn find(&self, phrasing: &Phrasing) -> Option<Match> {
        self.first_affirmed(phrasing, |slots| self.find_variant(slots))
    }

    /// Finds a claim: its words in one clause and in the phrasing's order, so
    /// that "SQS deletes messages, whereas Kafka keeps them" does not read as
    /// "Kafka deletes messages", nor "L7 reads HTTP and L4 reads ports" as
    /// "L4 reads HTTP".
    pub fn find_in_clause(&self, phrasing: &Phrasing) -> Option<Match> {
        self.first_affirmed(phrasing, |slots| self.find_ordered(slots))
    }

    /// Every affirmed (not denied) match of a phrasing, in any variant.
    pub fn affirmed_matches(&self, phrasing: &Phrasing) -> Vec<Match> {
        self.marked(phrasing, |slots| self.find_variant(slots))
            .into_iter()
            .filter(|m| !m.negated)
            .collect()
    }

    /// Every match of a phrasing's variants, in variant order, each marked
    /// negated or not. A match that lies inside a negated match of the same
    /// phrasing is negated with it: in "you don't need every service to own its
    /// own data", the later "own data" belongs to the denied claim.
    fn marked(&self, phrasing: &Phrasing, matches: impl Fn(&[Slot]) -> Vec<Match>) -> Vec<Match> {
        let states_negation = phrasing.states_negation();
        let mut all: Vec<Match> = phrasing
            .variants
            .iter()
            .flat_map(|v| matches(v))
            .map(|m| Match {
                negated: !states_negation && self.is_denied(m.from, m.to),
                ..m
            })
            .collect();
        let denied: Vec<(usize, usize)> = all
            .iter()
            .filter(|m| m.negated)
            .map(|m| (m.from, m.to))
            .collect();
        let tokens = &self.analyzed.tokens;
        // Past a list separator the list rules of `is_denied` decide instead:
        // "can't hit the latency or throughput it needs".
        let same_item = |from: usize, to: usize| {
            tokens[from + 1..=to]
                .iter()
                .all(|t| !t.after_comma && !matches!(t.surface.as_str(), "or" | "and" | "nor"))
        };
        for m in &mut all {
            if !m.negated
                && denied
                    .iter()
                    .any(|&(from, to)| from < m.from && m.to <= to && same_item(from, m.from))
            {
                m.negated = true;
            }
        }
        all
    }

    /// The first affirmed match of any variant, else the first negated one.
    fn first_affirmed(
        &self,
        phrasing: &Phrasing,
        matches: impl Fn(&[Slot]) -> Vec<Match>,
    ) -> Option<Match> {
        let all = self.marked(phrasing, matches);
        all.iter()
            .find(|m| !m.negated)
            .or_else(|| all.first())
            .cloned()
    }

    /// Matches of a variant's slots in order, within one clause and the window.
    fn find_ordered(&self, slots: &[Slot]) -> Vec<Match> {
        let mut positions: Vec<Vec<usize>> = slots.iter().map(|s| self.slot_positions(s)).collect();
        // "without" denies only its object: "a check without a unique key races"
        // states no "no race". A stated "without" must govern the next slot.
        let tokens = &self.analyzed.tokens;
        for k in 0..slots.len().saturating_sub(1) {
            if slots[k] != Slot::Negator {
                continue;
            }
            let (head, tail) = positions.split_at_mut(k + 1);
            head[k].retain(|&p| {
                tokens[p].surface != "without"
                    || tokens[p + 1..]
                        .iter()
                        .position(|t| !matches!(t.surface.as_str(), "a" | "an" | "the" | "any"))
                        .is_some_and(|i| tail[0].contains(&(p + 1 + i)))
            });
        }
        // A verb of leaving out governs its object, not a later part of the clause:
        // "to avoid uneven load you use virtual nodes" avoids the load, not the nodes.
        for k in 0..slots.len().saturating_sub(1) {
            let (head, tail) = positions.split_at_mut(k + 1);
            head[k].retain(|&p| {
                let verb = tokens[p].surface.as_str();
                !(OMISSION_VERBS.contains(&verb) || matches!(verb, "avoid" | "avoiding"))
                    || tail[0].iter().any(|&q| q > p && q <= p + 3)
            });
        }
        self.ordered_in_clause(&positions)
    }

    /// Matches of slot positions in order, within one clause and the window.
    fn ordered_in_clause(&self, positions: &[Vec<usize>]) -> Vec<Match> {
        let tokens = &self.analyzed.tokens;
        let slots = positions;
        if positions.iter().any(Vec::is_empty) {
            return Vec::new();
        }
        let window = 2 * slots.len() + 3;
        let mut found = Vec::new();
        for &first in &positions[0] {
            let clause = tokens[first].clause;
            // A condition and the clause it governs make one claim: "if the
            // consumer is down, the queue drops the message".
            let governed = (self.is_condition(clause)
                || self.clause_opens_with(clause, &["when", "whenever"]))
            .then_some(clause + 1)
            .filter(|&next| {
                tokens
                    .iter()
                    .find(|t| t.clause == next)
                    .is_some_and(|t| t.sentence == tokens[first].sentence)
            });
            // "L7 reads headers and L4 reads ports" must not assert "L7 reads ports":
            // a claim ends at the next "and" after its first word.
            let next_and = tokens[first + 1..]
                .iter()
                .position(|t| t.surface == "and")
                .map(|i| first + 1 + i);
            let mut last = first;
            let complete = positions[1..].iter().all(|ps| {
                let allowed = |p: usize| {
                    p > last
                        && p <= first + window
                        && (tokens[p].clause == clause || Some(tokens[p].clause) == governed)
                        && next_and.is_none_or(|a| p < a)
                };
                match ps.iter().find(|&&p| allowed(p)) {
                    Some(&p) => {
                        last = p;
                        true
                    }
                    None => false,
                }
            });
            if complete {
                found.push(Match {
                    from: first,
                    to: last,
                    negated: false,
                });
            }
        }
        found
    }

    /// True when the sentence of a match reports its claim rather than making
    /// it: "people think X", "a common myth is that X", "contrary to popular
    /// belief", or rejects it right after: "X is a mistake", "X is a myth",
    /// "X doesn't fix it", or names its harm: "X multiplies load", or quotes it.
    pub fn is_reported(&self, m: &Match) -> bool {
        let (at, to) = (m.from, m.to);
        let tokens = &self.analyzed.tokens;
        let sentence = tokens[at].sentence;
        let before: Vec<&Token> = tokens[..at]
            .iter()
            .rev()
            .take_while(|t| t.sentence == sentence)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // "X is a mistake", "X, which is wrong": a rejection after the claim.
        // The rejection follows the claim's own words ("the herd is a myth" as a
        // claim keeps its "myth").
        let after: Vec<&Token> = tokens[to..]
            .iter()
            .take_while(|t| t.sentence == sentence)
            .take(12)
            .collect();
        let rejected_after = after.iter().enumerate().skip(2).any(|(k, t)| {
            (REJECTION_WORDS.contains(&t.surface.as_str())
                || matches!(t.surface.as_str(), "myth" | "misconception"))
                && matches!(
                    after[k - 1].surface.as_str(),
                    "is" | "are" | "was" | "were" | "a" | "be" | "that" | "simply" | "just"
                )
        });
        // "X isn't really true (anymore)", "X is no longer true".
        let denied_true = after.iter().enumerate().skip(1).any(|(k, t)| {
            t.surface == "true"
                && after[k.saturating_sub(3)..k]
                    .iter()
                    .any(|n| matches!(n.surface.as_str(), "not" | "longer" | "never"))
        });
        // "It's wrong to say X", "the fallacy that X": a rejection before it.
        // "A common wrong assumption is that X", "I'd reject X", "What I don't
        // do is X": rejections that open the claim.
        let rejected_before = before.iter().enumerate().any(|(k, t)| {
            (REJECTION_WORDS.contains(&t.surface.as_str())
                && before[k + 1..]
                    .iter()
                    .take(3)
                    .any(|n| matches!(n.surface.as_str(), "to" | "that")))
                || (matches!(t.surface.as_str(), "reject" | "rejects")
                    && before[..k]
                        .iter()
                        .rev()
                        .take(2)
                        .any(|p| matches!(p.surface.as_str(), "i" | "we" | "would")))
        });
        let not_done = before.first().is_some_and(|t| t.surface == "what")
            && before.iter().position(|t| t.is_negator).is_some_and(|n| {
                before[n..]
                    .iter()
                    .any(|t| matches!(t.surface.as_str(), "is" | "was"))
            });
        // "retries at every layer multiply": the claim's harm, named right after
        // it; "multiplies your chances of succeeding" names a benefit instead.
        let in_clause: Vec<&&Token> = after
            .iter()
            .take_while(|t| t.clause == tokens[to].clause)
            .collect();
        let harm_after = in_clause.iter().enumerate().take(6).any(|(k, t)| {
            HARM_WORDS.contains(&t.surface.as_str())
                && !in_clause[k + 1..]
                    .iter()
                    .take(3)
                    .any(|n| BENEFIT_WORDS.contains(&n.stem.as_str()))
        });
        // 'The "Memcached is always faster" claim', 'one is "it solves hot keys"':
        // a claim in quotation marks is mentioned, not made.
        let quoted = tokens[at..=to].iter().all(|t| t.quoted);
        // "Simply raising the TTL doesn't fix it either".
        let fails_after = after.iter().enumerate().take(4).any(|(k, t)| {
            t.is_negator
                && after[k + 1..]
                    .iter()
                    .take(2)
                    .any(|n| matches!(n.surface.as_str(), "fix" | "fixes" | "solve" | "solves"))
        });
        // "Option A is one global timeout": an option laid out, not a claim.
        let clause = tokens[at].clause;
        let clause_start = tokens[..at]
            .iter()
            .rposition(|t| t.clause != clause)
            .map_or(0, |p| p + 1);
        let clause_end = (clause_start..tokens.len())
            .find(|&i| tokens[i].clause != clause)
            .unwrap_or(tokens.len());
        let names_an_option = |words: &[Token]| {
            words.windows(2).take(3).any(|w| {
                matches!(w[0].surface.as_str(), "option" | "approach" | "choice")
                    && w[1].surface.chars().count() == 1
            })
        };
        // ... or after a label of its own: "Option A: one global timeout".
        let label_start = tokens[..clause_start.saturating_sub(1)]
            .iter()
            .rposition(|t| t.clause != tokens[clause_start.saturating_sub(1)].clause)
            .map_or(0, |p| p + 1);
        let labelled = clause_start > 0
            && clause_start - label_start <= 3
            && tokens[label_start].sentence == tokens[at].sentence
            && names_an_option(&tokens[label_start..clause_start]);
        let option_laid_out = names_an_option(&tokens[clause_start..clause_end]) || labelled;
        quoted
            || option_laid_out
            || not_done
            || fails_after
            || rejected_after
            || denied_true
            || rejected_before
            || harm_after
            || before.iter().enumerate().any(|(k, t)| {
                REPORT_WORDS.contains(&t.surface.as_str())
                    || (REPORTERS.contains(&t.surface.as_str())
                        && before[k + 1..]
                            .iter()
                            .take(3)
                            .any(|n| REPORTING_VERBS.contains(&n.surface.as_str())))
            })
    }

    /// Every in-clause, in-order match of a phrasing, each marked negated or not.
    pub fn claims(&self, phrasing: &Phrasing) -> Vec<Match> {
        self.marked(phrasing, |slots| self.find_ordered(slots))
    }

    /// In-clause matches of a phrasing with one word turned into an antonym:
    /// "discards messages" for "retains messages".
    pub fn opposites(&self, phrasing: &Phrasing) -> Vec<Match> {
        let mut found = Vec::new();
        for variant in &phrasing.variants {
            let positions: Vec<Vec<usize>> =
                variant.iter().map(|s| self.slot_positions(s)).collect();
            for (k, slot) in variant.iter().enumerate() {
                let Slot::Words(terms) = slot else { continue };
                let mut opposite: Vec<usize> = Vec::new();
                for term in terms {
                    for antonym in crate::normalize::antonym_stems(&term.surface, &term.stem) {
                        for stem in self.lexicon.synonyms(&antonym) {
                            if let Some(p) = self.by_stem.get(stem) {
                                opposite.extend_from_slice(p);
                            }
                        }
                    }
                }
                if opposite.is_empty() {
                    continue;
                }
                opposite.sort_unstable();
                opposite.dedup();
                let mut swapped = positions.clone();
                swapped[k] = opposite;
                let tokens = &self.analyzed.tokens;
                // "starts rejecting calls" is no "starts calling": the verb after
                // the antonym is what happens.
                let governs_another_verb = |m: &Match| {
                    swapped[k].iter().any(|&p| {
                        (m.from..=m.to).contains(&p)
                            && tokens.get(p + 1).is_some_and(|n| {
                                n.surface.ends_with("ing")
                                    && !positions.iter().flatten().any(|&q| q == p + 1)
                            })
                    })
                };
                for m in self.ordered_in_clause(&swapped) {
                    if governs_another_verb(&m) {
                        continue;
                    }
                    found.push(Match {
                        negated: self.is_denied(m.from, m.to),
                        ..m
                    });
                }
            }
        }
        found
    }

    /// Where the answer contradicts a fact: a forbidden value, a denied allowed
    /// value, or an allowed value's opposite, said of the fact's subject.
    pub fn contradiction(
        &self,
        subject: &[Phrasing],
        allowed: &[Phrasing],
        forbidden: &[Phrasing],
    ) -> Option<(Match, Contradiction)> {
        let subjects: Vec<Match> = subject.iter().flat_map(|p| self.claims(p)).collect();
        let about = |m: &Match| {
            (subject.is_empty() || self.said_of(&subjects, m))
                && !self.is_reported(m)
                && !self.is_conditional(m)
        };
        // A forbidden match that holds an allowed one is that value, gappily read:
        // "IP/port at the transport layer" is no "IP layer".
        let allowed_spans: Vec<Match> = allowed
            .iter()
            .flat_map(|p| self.claims(p))
            .filter(|m| !m.negated)
            .collect();
        let holds_allowed = |m: &Match| {
            allowed_spans
                .iter()
                .any(|a| m.from <= a.from && a.to <= m.to)
        };
        // A false value (or an allowed one's opposite) denied is no claim, even
        // when the negation reaches only the automation: "being stateless doesn't
        // make retries automatically safe" (a point's "automatically" exception
        // does not apply here).
        let denied = |p: &Phrasing, m: &Match| {
            m.negated || !p.states_negation() && self.is_negated_span(m.from, m.to)
        };
        for p in forbidden {
            if let Some(m) = self
                .claims(p)
                .into_iter()
                .find(|m| !denied(p, m) && about(m) && !holds_allowed(m))
            {
                return Some((m, Contradiction::Forbidden));
            }
        }
        for p in allowed {
            if let Some(m) = self.claims(p).into_iter().find(|m| m.negated && about(m)) {
                return Some((m, Contradiction::DeniesAllowed));
            }
            if let Some(m) = self
                .opposites(p)
                .into_iter()
                .find(|m| !denied(p, m) && about(m))
            {
                return Some((m, Contradiction::Opposite));
            }
        }
        None
    }

    /// True when a value is said of one of the subject matches: both in one
    /// clause with no new subject between them ("Kafka keeps them and SQS
    /// deletes them" says nothing of Kafka deleting), in a clause that starts
    /// with a pronoun right after a clause that names the subject, or after a
    /// short label naming the subject and a colon.
    fn said_of(&self, subjects: &[Match], value: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let clause = tokens[value.from].clause;
        // "Redis has more features than Memcached": what follows "than" is the
        // yardstick, not what the claim is about.
        let compared = |s: &Match| {
            s.from > 0
                && matches!(
                    tokens[s.from - 1].surface.as_str(),
                    "than" | "vs" | "versus"
                )
        };
        let same_clause = subjects.iter().filter(|s| !compared(s)).any(|s| {
            tokens[s.from].clause == clause && {
                let (a, b) = if s.to < value.from {
                    (s.to, value.from)
                } else {
                    (value.to, s.from)
                };
                !(a + 1..b).any(|k| {
                    matches!(tokens[k].surface.as_str(), "and" | "or" | "plus")
                        && (k + 1..=b).find(|&j| !tokens[j].is_stop) != Some(value.from)
                })
            }
        });
        if same_clause {
            return true;
        }
        let start = (0..value.from)
            .rev()
            .take_while(|&i| tokens[i].clause == clause)
            .last()
            .unwrap_or(value.from);
        // "Kafka: deletes messages once read": a short label, a colon, then its claim.
        if start > 0 && tokens[start].after_colon {
            let label = tokens[start - 1].clause;
            let label_words = (0..start)
                .rev()
                .take_while(|&i| tokens[i].clause == label)
                .count();
            if label_words <= 6 && subjects.iter().any(|s| tokens[s.from].clause == label) {
                return true;
            }
        }
        if self.sentence_opens_with_subject(subjects, value) {
            return true;
        }
        // "..., but honestly it deletes them": a pronoun among the clause's first words.
        let leads_with_pronoun = tokens[start..value.from]
            .iter()
            .take(4)
            .any(|t| PRONOUNS.contains(&t.surface.as_str()));
        if start == 0 || !leads_with_pronoun {
            return false;
        }
        let previous = tokens[start - 1].clause;
        subjects.iter().any(|s| tokens[s.from].clause == previous)
    }

    /// True when the value's sentence opens with a short clause naming the
    /// subject that the value's clause continues: a topic phrase ("With Kafka,
    /// messages are deleted once read") or the subject before an aside ("Kafka,
    /// like most brokers, deletes messages once read").
    fn sentence_opens_with_subject(&self, subjects: &[Match], value: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let sentence = tokens[value.from].sentence;
        let Some(opening) = tokens.iter().position(|t| t.sentence == sentence) else {
            return false;
        };
        let first_clause = tokens[opening].clause;
        let value_clause = tokens[value.from].clause;
        let clause_of = |c: u32| -> Vec<usize> {
            (opening..tokens.len())
                .take_while(|&i| tokens[i].sentence == sentence)
                .filter(|&i| tokens[i].clause == c)
                .collect()
        };
        let opening_clause = clause_of(first_clause);
        if value_clause == first_clause
            || opening_clause.len() > 5
            || !subjects
                .iter()
                .any(|s| tokens[s.from].clause == first_clause)
        {
            return false;
        }
        let between: Vec<Vec<usize>> = (first_clause + 1..=value_clause)
            .map(clause_of)
            .filter(|c| !c.is_empty())
            .collect();
        let opens_with = |c: &[usize], words: &[&str]| {
            c.first()
                .is_some_and(|&i| words.contains(&tokens[i].surface.as_str()))
        };
        if opens_with(&opening_clause, TOPIC_PREPOSITIONS) {
            return !between.iter().any(|c| opens_with(c, CONTRAST_WORDS));
        }
        let Some((value_part, asides)) = between.split_last() else {
            return false;
        };
        !asides.is_empty()
            && asides
                .iter()
                .all(|c| c.len() <= 8 && opens_with(c, ASIDE_WORDS))
            && value_part
                .first()
                .is_some_and(|&i| tokens[i].after_comma && value.from <= i + 2)
    }

    /// Every minimal window in one sentence that holds all the slots of a variant.
    fn find_variant(&self, slots: &[Slot]) -> Vec<Match> {
        let tokens = &self.analyzed.tokens;
        let mut events: Vec<(usize, usize)> = Vec::new();
        for (index, slot) in slots.iter().enumerate() {
            let positions = self.slot_positions(slot);
            if positions.is_empty() {
                return Vec::new();
            }
            events.extend(positions.into_iter().map(|p| (p, index)));
        }
        events.sort_unstable();
        let need = slots.len();
        let window = 2 * need + 3;
        // A stated negation belongs to its own clause: "no shared database" is not
        // "people lump 'shared database' in, but I don't think ...".
        let one_clause = slots.contains(&Slot::Negator);
        let negator_has_company = |matched: &[(usize, usize)]| {
            matched
                .iter()
                .filter(|&&(_, slot)| slots[slot] == Slot::Negator)
                .all(|&(neg, _)| {
                    matched.iter().any(|&(pos, slot)| {
                        slots[slot] != Slot::Negator && tokens[pos].clause == tokens[neg].clause
                    })
                })
        };
        let mut found = Vec::new();
        for start in 0..events.len() {
            let (first, _) = events[start];
            let mut covered = vec![false; need];
            let mut matched: Vec<(usize, usize)> = Vec::new();
            let mut count = 0;
            for &(pos, slot) in &events[start..] {
                if pos > first + window || tokens[pos].sentence != tokens[first].sentence {
                    break;
                }
                if !covered[slot] {
                    covered[slot] = true;
                    matched.push((pos, slot));
                    count += 1;
                    if count == need {
                        if one_clause && !negator_has_company(&matched) {
                            break;
                        }
                        found.push(Match {
                            from: first,
                            to: pos,
                            negated: false,
                        });
                        break;
                    }
                }
            }
        }
        found
    }

    /// True when a negator governs the span: shortly before it in the same clause,
    /// inside it, or a denial right after it ("... is not needed"). A negation
    /// that denies only the automation ("nothing keeps them in step
    /// automatically") leaves the point standing: it needs work, not that it is false.
    fn is_denied(&self, from: usize, to: usize) -> bool {
        let tokens = &self.analyzed.tokens;
        let clause = tokens[to].clause;
        let automation_only = tokens[from..]
            .iter()
            .take_while(|t| t.clause == clause)
            .any(|t| matches!(t.surface.as_str(), "automatically" | "automatic"));
        !automation_only && self.is_negated_span(from, to)
    }

    /// `is_denied` before the automation exception.
    fn is_negated_span(&self, from: usize, to: usize) -> bool {
        let tokens = &self.analyzed.tokens;
        let mut clause = tokens[from].clause;
        let mut content_seen = 0;
        // Past a list separator ("or", "and", a comma), only a negator that denies
        // a whole list still reaches: "no X, Y or Z", "you don't need X or Y".
        let mut in_list = false;
        // "never skip X", "don't forget X": a negated omission urges X.
        let mut omitted = false;
        // A subject between the match and an "instead of" before it.
        let mut own_subject = false;
        let mut i = from;
        while i > 0 && content_seen < 3 {
            i -= 1;
            let t = &tokens[i];
            if t.clause != clause {
                let list_item = tokens[i + 1].after_comma && self.is_list_item(i + 1);
                // An item is the match itself, perhaps with one modifier, unless a
                // conjunction already showed the list: "to avoid a lost event,
                // write the event into an outbox" is no item of what came before.
                let bare_item = in_list || content_seen <= 1;
                if !list_item || !bare_item || self.opens_with_without_condition(t.clause, clause) {
                    break;
                }
                clause = t.clause;
                in_list = true;
                content_seen = 0;
            }
            // A match inside a condition is not governed by a negator before it:
            // "don't use a sequential key unless all writes may go to one shard".
            if matches!(t.surface.as_str(), "unless" | "if" | "until") {
                break;
            }
            if t.is_negator && (t.surface != "non" || i + 1 == from) {
                if omitted || self.is_condition(t.clause) || self.in_relative_clause(i, from) {
                    break;
                }
                // "without" governs the words right after it: "without idempotency
                // I'm charged twice" does not deny the double charge.
                if t.surface == "without" && content_seen > 0 && !in_list {
                    break;
                }
                if !in_list || self.negates_a_list(i) {
                    return true;
                }
                break;
            }
            if matches!(t.surface.as_str(), "or" | "nor" | "and") {
                in_list = true;
                content_seen = 0;
                continue;
            }
            // "instead of X", "rather than X" deny X, but not the main clause a
            // subject of its own opens after X: "instead of calling it, it fails fast".
            let next = tokens.get(i + 1).map(|n| n.surface.as_str());
            if (t.surface == "instead" && next == Some("of"))
                || (t.surface == "rather" && next == Some("than"))
            {
                if own_subject {
                    break;
                }
                return true;
            }
            if CLAUSE_SUBJECTS.contains(&t.surface.as_str()) {
                own_subject = true;
            }
            if OMISSION_VERBS.contains(&t.surface.as_str()) {
                omitted = true;
            }
            // "don't need X or Y": the verb of need belongs to the negation.
            if !t.is_stop && !LIST_NEGATING_VERBS.contains(&t.surface.as_str()) {
                content_seen += 1;
            }
        }
        if tokens[from..=to]
            .iter()
            .any(|t| t.is_negator && !self.is_condition(t.clause))
        {
            return true;
        }
        // A denial after a list reaches every item of it: "locking, early expiry
        // and coalescing are overkill" denies locking too.
        let denial_clause = self
            .list_tail(to)
            .map_or(tokens[to].clause, |tail| tokens[tail].clause);
        let mut after: Vec<&Token> = tokens[to + 1..]
            .iter()
            .skip_while(|t| t.clause != denial_clause)
            .take_while(|t| t.clause == denial_clause)
            .take(6)
            .collect();
        // "... went to one shard and we never needed to fan out": a main clause
        // with its own subject denies its own words.
        if let Some(cut) = after
            .windows(2)
            .position(|w| opens_own_main_clause(&w[0].surface, Some(&w[1].surface)))
        {
            after.truncate(cut);
        }
        after.iter().enumerate().any(|(k, t)| {
            DENIAL_WORDS.contains(&t.surface.as_str())
                || (t.surface == "anti" && after.get(k + 1).is_some_and(|n| n.stem == "pattern"))
                || (t.is_negator && k < 6 && {
                    // "doesn't really help", "doesn't actually matter": an adverb
                    // may stand between the negator and the verb.
                    let adverb = after.get(k + 1).is_some_and(|n| {
                        matches!(n.surface.as_str(), "really" | "actually" | "even")
                    });
                    let verb = if adverb { k + 2 } else { k + 1 };
                    (after
                        .get(verb)
                        .is_some_and(|n| DENIED_VERBS.contains(&n.surface.as_str()))
                        // "result not needed now" is about timing, not a denial.
                        && !after
                            .get(verb + 1)
                            .is_some_and(|w| TIMING_WORDS.contains(&w.surface.as_str())))
                        || after[k + 1..]
                            .iter()
                            .take(3)
                            .any(|n| DISMISSING_WORDS.contains(&n.stem.as_str()))
                })
        })
    }

    /// True when a negated match is denied as unneeded: a negator right before a
    /// verb of need ("you don't need X", "there's no need for X", "X isn't
    /// required"). Such a denial dismisses the point rather than describing a fix.
    pub fn denies_need(&self, m: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let sentence = tokens[m.from].sentence;
        let start = m.from.saturating_sub(12);
        let end = (m.to + 5).min(tokens.len() - 1);
        (start..=end).any(|k| {
            let t = &tokens[k];
            t.sentence == sentence
                && t.is_negator
                && !self.is_condition(t.clause)
                && tokens[k + 1..]
                    .iter()
                    .take(2)
                    .any(|n| NEED_WORDS.contains(&n.surface.as_str()))
        })
    }

    /// True when `opening` is a sentence's opening "without ..." clause, a
    /// counterfactual condition, and `main` is a clause of its own after it, not
    /// a short item of its list: "Without it, hash % N invalidates most keys and
    /// the DB gets hammered" denies nothing.
    fn opens_with_without_condition(&self, opening: u32, main: u32) -> bool {
        let tokens = &self.analyzed.tokens;
        let Some(first) = tokens.iter().position(|t| t.clause == opening) else {
            return false;
        };
        let sentence_start = first == 0 || tokens[first - 1].sentence != tokens[first].sentence;
        let main_len = tokens.iter().filter(|t| t.clause == main).count();
        sentence_start && tokens[first].surface == "without" && main_len > 4
    }

    /// True when the negator at `at` belongs to a relative clause that ends
    /// before `from`: "a sender that doesn't hear back has to resend".
    fn in_relative_clause(&self, at: usize, from: usize) -> bool {
        let tokens = &self.analyzed.tokens;
        relative_pronoun_before(at, |i| tokens[i].surface.as_str()).is_some() && from > at + 2
    }

    /// True when a condition stands in a match's clause before its last word:
    /// "a total count only if it's cheap" claims nothing about the count. "Even
    /// if" after the match's start concedes rather than conditions: "it keeps
    /// taking writes even if two nodes are down" makes its claim.
    fn is_conditional(&self, m: &Match) -> bool {
        let tokens = &self.analyzed.tokens;
        let clause = tokens[m.to].clause;
        // "I'd only go microservices from day one with a specific reason".
        let only_before = (0..m.from)
            .rev()
            .take_while(|&i| tokens[i].clause == tokens[m.from].clause)
            .any(|i| tokens[i].surface == "only");
        let restricted_after = (m.to + 1..tokens.len())
            .take_while(|&i| tokens[i].clause == clause)
            .any(|i| {
                matches!(
                    tokens[i].surface.as_str(),
                    "with" | "when" | "if" | "unless"
                )
            });
        if only_before && restricted_after {
            return true;
        }
        (0..=m.to)
            .rev()
            .take_while(|&i| tokens[i].clause == clause)
            .any(|i| {
                matches!(tokens[i].surface.as_str(), "if" | "unless")
                    && !(i > m.from && tokens[i - 1].surface == "even")
            })
    }

    /// True when a clause opens with a condition ("if", "unless", "whether"),
    /// which asserts nothing either way.
    fn is_condition(&self, clause: u32) -> bool {
        self.clause_opens_with(clause, CONDITION_WORDS)
    }

    /// True when one of `words` is among the clause's first two words.
    fn clause_opens_with(&self, clause: u32, words: &[&str]) -> bool {
        self.analyzed
            .tokens
            .iter()
            .filter(|t| t.clause == clause)
            .take(2)
            .any(|t| words.contains(&t.surface.as_str()))
    }

    /// True when the clause starting at `start` is an item of a list: it or the
    /// next clause holds "or"/"and"/"nor", or it is short.
    fn is_list_item(&self, start: usize) -> bool {
        let tokens = &self.analyzed.tokens;
        let clause = tokens[start].clause;
        // A clause with a subject of its own is no item: "you can't deploy one
        // service without the others, everything shares one database, and ...".
        if CLAUSE_SUBJECTS.contains(&tokens[start].surface.as_str()) {
            return false;
        }
        let next_starts_with_conjunction = tokens[start..]
            .iter()
            .find(|t| t.clause != clause)
            .is_some_and(|t| matches!(t.surface.as_str(), "or" | "and" | "nor"));
        next_starts_with_conjunction
            || tokens[start..]
                .iter()
                .take_while(|t| t.clause == clause)
                .any(|t| matches!(t.surface.as_str(), "or" | "and" | "nor"))
    }

    /// When the token at `at` is in a short item of a list that opens its
    /// sentence and that a later clause closes ("locking, early expiry and
    /// coalescing are overkill"), the start of that closing clause: the one
    /// holding "and"/"or" early on, or the clause after a colon that ends the list.
    fn list_tail(&self, at: usize) -> Option<usize> {
        let tokens = &self.analyzed.tokens;
        let sentence = tokens[at].sentence;
        let mut clause = tokens[at].clause;
        let clause_len = |c: u32| tokens.iter().filter(|t| t.clause == c).count();
        // The list is the sentence's subject: its items run back to the sentence start.
        let mut first = tokens.iter().position(|t| t.clause == clause)?;
        while first > 0 && tokens[first - 1].sentence == sentence {
            let previous = tokens[first - 1].clause;
            if !tokens[first].after_comma || clause_len(previous) > 4 {
                return None;
            }
            first = tokens.iter().position(|t| t.clause == previous)?;
        }
        loop {
            if clause_len(clause) > 4 {
                return None;
            }
            let next = tokens.iter().position(|t| t.clause > clause)?;
            let opener = &tokens[next];
            // "Virtual nodes, weighted rings, bounded loads: all of that is overkill".
            if opener.sentence == sentence && opener.after_colon {
                return Some(next);
            }
            if opener.sentence != sentence || !opener.after_comma {
                return None;
            }
            let closes = tokens[next..]
                .iter()
                .take_while(|t| t.clause == opener.clause)
                .take(4)
                .any(|t| matches!(t.surface.as_str(), "and" | "or" | "nor"));
            if closes {
                return Some(next);
            }
            clause = opener.clause;
        }
    }

    /// True when the negator at `at` denies a whole list after it: "no", "without",
    /// or "not" before a verb of need ("don't need", "doesn't require").
    fn negates_a_list(&self, at: usize) -> bool {
        let tokens = &self.analyzed.tokens;
        LIST_NEGATORS.contains(&tokens[at].surface.as_str())
            || tokens[at + 1..]
                .iter()
                .take(3)
                .any(|t| LIST_NEGATING_VERBS.contains(&t.surface.as_str()))
    }
}

/// True when "and" or "but" with a subject of its own opens a main clause:
/// "... went to one shard and we never needed to fan out".
fn opens_own_main_clause(word: &str, next: Option<&str>) -> bool {
    matches!(word, "and" | "but") && next.is_some_and(|n| matches!(n, "we" | "i" | "you" | "they"))
}

/// The position of the relative pronoun ("that", "which", "who") that opens
/// the relative clause of the negator at `at`, with an auxiliary between them
/// or not: "a sender that doesn't hear back"; or of the pronoun a reduced
/// relative hangs on: "everything not needed". `word(i)` is the i-th word.
fn relative_pronoun_before<'w>(at: usize, word: impl Fn(usize) -> &'w str) -> Option<usize> {
    // A reduced relative: "push everything not needed for the response onto a queue".
    if at > 0
        && matches!(
            word(at - 1),
            "everything" | "anything" | "something" | "whatever"
        )
    {
        return Some(at - 1);
    }
    let mut k = at;
    if k > 0 && AUXILIARIES.contains(&word(k - 1)) {
        k -= 1;
    }
    (k > 0 && matches!(word(k - 1), "that" | "who" | "which")).then(|| k - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(answer: &str, phrasing: &str) -> Option<Match> {
        let lexicon = Lexicon::builtin();
        let analyzed = text::analyze(answer);
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        matcher.find(&Phrasing::compile(phrasing).unwrap())
    }

    fn covered(answer: &str, phrasing: &str) -> bool {
        find(answer, phrasing).is_some_and(|m| !m.negated)
    }

    fn dismissed(answer: &str, phrasing: &str) -> bool {
        let lexicon = Lexicon::builtin();
        let analyzed = text::analyze(answer);
        AnswerMatcher::new(&lexicon, &analyzed)
            .dismissed(&Phrasing::compile(phrasing).unwrap())
            .is_some()
    }

    #[test]
    fn matches_on_stems_and_stop_words_are_ignored() {
        assert!(covered("We partitioned the keys by user", "partition key"));
        assert!(covered("Retrying requests", "retry request"));
    }

    #[test]
    fn tolerates_word_order_and_small_gaps_within_a_sentence() {
        assert!(covered("the keys that get remapped are few", "remap keys"));
        assert!(!covered(
            "Keys are hashed. Much later we remap.",
            "remap keys"
        ));
        assert!(!covered(
            "remap then a very long digression about many other unrelated words keys",
            "remap keys"
        ));
    }

    #[test]
    fn synonym_groups_count_as_the_same_word() {
        assert!(covered("add another server to the ring", "add node"));
        assert!(covered("data migrates to the new box", "data moves"));
    }

    #[test]
    fn a_status_code_followed_by_a_unit_of_time_is_a_duration() {
        assert!(find("back off 100, 200, 400 ms", "400").is_none());
        assert!(find("never retry a 400", "400").is_some());
        assert!(find("values up to 512 mb", "512").is_some());
    }

    #[test]
    fn typos_on_long_words_match_but_short_words_and_numbers_do_not() {
        assert!(covered("it is idempotnet", "idempotent"));
        assert!(covered("consistant hashing", "consistent hashing"));
        assert!(!covered("shard the data", "share data"));
        assert!(covered("enque and deque", "enqueue dequeue"));
        assert!(!covered("1/2 of keys", "1/n keys"));
        assert!(!covered("use 2 replicas", "3 replicas"));
    }

    #[test]
    fn alternatives_and_hyphenated_forms() {
        assert!(covered("colocate related rows", "co-locate|colocate"));
        assert!(covered("co-locate related rows", "co-locate|colocate"));
        assert!(covered("the query fans out", "query fan|fans"));
    }

    #[test]
    fn negation_is_detected_in_the_same_clause() {
        let m = find(
            "You don't need a dedup table because TCP guarantees exactly-once",
            "dedup table",
        )
        .unwrap();
        assert!(m.negated);
        assert!(
            find("virtual nodes are not needed", "virtual nodes")
                .unwrap()
                .negated
        );
        assert!(
            find("no idempotency keys, ever", "idempotency key")
                .unwrap()
                .negated
        );
        // A negation in another clause does not count.
        assert!(covered(
            "It is not hard, use idempotency keys",
            "idempotency key"
        ));
        // A need denied for now is a matter of timing.
        assert!(covered("the reports are not needed now", "reports"));
        assert!(!covered("the reports are not needed", "reports"));
        // A negated omission urges the point.
        for answer in [
            "Never skip idempotency keys",
            "Don't forget idempotency keys",
            "Do not leave out idempotency keys",
        ] {
            assert!(covered(answer, "idempotency key"), "{answer}");
        }
    }

    #[test]
    fn wordnet_finds_general_synonyms_on_request() {
        assert!(wordnet_synonyms("minimum").contains(&"minimal"));
        assert!(wordnet_synonyms("allocated").contains(&"apportion"));
        let lexicon = Lexicon::builtin();
        let analyzed = text::analyze("the minimal element");
        let phrasing = Phrasing::compile("minimum").unwrap();
        assert!(AnswerMatcher::new(&lexicon, &analyzed)
            .find(&phrasing)
            .is_none());
        let matcher = AnswerMatcher::new(&lexicon, &analyzed).with_wordnet();
        assert!(matcher.find(&phrasing).is_some());
    }

    #[test]
    fn stop_word_chunks_are_dropped_but_compounds_keep_their_words() {
        assert!(covered("acks it, then it is gone", "gone with the ack"));
        assert!(covered("delivery is at-least-once", "at-least-once"));
        assert!(!covered("at least we tried once", "exactly-once"));
        assert!(covered("use the", "the"));
    }

    #[test]
    fn instead_of_and_rather_than_deny_what_follows() {
        assert!(
            find(
                "use a saga instead of a distributed transaction",
                "distributed transaction"
            )
            .unwrap()
            .negated
        );
        assert!(
            find(
                "rather than two-phase commit, use a saga",
                "two-phase commit"
            )
            .unwrap()
            .negated
        );
        assert!(covered("Instead, use idempotency keys", "idempotency key"));
    }

    #[test]
    fn non_negates_the_next_word_only() {
        assert!(
            find("a non-idempotent call", "idempotent call")
                .unwrap()
                .negated
        );
        assert!(covered(
            "a non-trivial cache invalidation",
            "cache invalidation"
        ));
    }

    #[test]
    fn phrasings_that_state_a_negation_need_one() {
        assert!(covered(
            "you don't need multi-row transactions",
            "no multi-row transactions"
        ));
        assert!(!covered(
            "you need multi-row transactions",
            "no multi-row transactions"
        ));
    }

    #[test]
    fn claims_can_be_limited_to_one_clause() {
        let lexicon = Lexicon::builtin();
        // A condition and the clause it governs make one claim.
        let drops = Phrasing::compile("consumer down queue drops").unwrap();
        for (answer, found) in [
            ("If the consumer is down, the queue drops the message", true),
            (
                "When the consumer is down, the queue drops the message",
                true,
            ),
            ("The consumer is down. The queue drops the message", false),
            (
                "The consumer is down, and the queue drops the message",
                false,
            ),
        ] {
            let analyzed = text::analyze(answer);
            let matcher = AnswerMatcher::new(&lexicon, &analyzed);
            assert_eq!(matcher.find_in_clause(&drops).is_some(), found, "{answer}");
        }
        // A verb of leaving out governs the words right after it.
        let analyzed = text::analyze("To avoid uneven load you use virtual nodes");
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        let skip = Phrasing::compile("skip|avoid virtual nodes").unwrap();
        assert!(matcher.find_in_clause(&skip).is_none());
        let analyzed = text::analyze("I would avoid the virtual nodes");
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        assert!(matcher.find_in_clause(&skip).is_some());
        let analyzed = text::analyze("SQS deletes messages once read, whereas Kafka retains them");
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        let claim = Phrasing::compile("kafka deletes messages").unwrap();
        assert!(matcher.find(&claim).is_some());
        assert!(matcher.find_in_clause(&claim).is_none());
        let analyzed = text::analyze("L7 reads HTTP headers and L4 reads ports");
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        assert!(matcher
            .find_in_clause(&Phrasing::compile("l4 reads http").unwrap())
            .is_none());
        assert!(matcher
            .find_in_clause(&Phrasing::compile("l7 reads ports").unwrap())
            .is_none());
        let analyzed = text::analyze("An L4 balancer reads the HTTP path");
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        assert!(matcher
            .find_in_clause(&Phrasing::compile("l4 reads http").unwrap())
            .is_some());
    }

    #[test]
    fn a_forbidden_match_that_holds_an_allowed_one_is_no_contradiction() {
        let lexicon = Lexicon::builtin();
        let compile = |list: &[&str]| -> Vec<Phrasing> {
            list.iter().map(|p| Phrasing::compile(p).unwrap()).collect()
        };
        let fires = |answer: &str| {
            let analyzed = text::analyze(answer);
            AnswerMatcher::new(&lexicon, &analyzed)
                .contradiction(
                    &compile(&["l4"]),
                    &compile(&["transport layer"]),
                    &compile(&["ip layer"]),
                )
                .is_some()
        };
        assert!(!fires("L4 works on IP/port at the transport layer"));
        assert!(fires("L4 works at the IP layer"));
    }

    fn contradiction(answer: &str) -> Option<Contradiction> {
        let lexicon = Lexicon::builtin();
        let analyzed = text::analyze(answer);
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        let compile = |list: &[&str]| -> Vec<Phrasing> {
            list.iter().map(|p| Phrasing::compile(p).unwrap()).collect()
        };
        matcher
            .contradiction(
                &compile(&["kafka"]),
                &compile(&["retains messages"]),
                &compile(&["deletes messages read|consumed"]),
            )
            .map(|(_, how)| how)
    }

    #[test]
    fn a_false_value_denied_only_as_automatic_is_still_denied() {
        assert_eq!(
            contradiction("Kafka deletes messages once they are read."),
            Some(Contradiction::Forbidden)
        );
        assert_eq!(
            contradiction("Kafka doesn't delete messages automatically once they are read."),
            None
        );
    }

    #[test]
    fn an_option_laid_out_is_no_claim() {
        assert_eq!(
            contradiction(
                "Option A is that Kafka deletes messages once they are read, like a queue."
            ),
            None
        );
        assert_eq!(
            contradiction("Option B: Kafka deletes messages once they are read, like a queue."),
            None
        );
        assert_eq!(
            contradiction("Kafka deletes messages once they are read, like a queue."),
            Some(Contradiction::Forbidden)
        );
    }

    #[test]
    fn a_stated_without_must_govern_the_next_word() {
        let lexicon = Lexicon::builtin();
        let states_no_race = |answer: &str| {
            let analyzed = text::analyze(answer);
            let matcher = AnswerMatcher::new(&lexicon, &analyzed);
            let phrasing = Phrasing::compile("no race|races").unwrap();
            !matcher.claims(&phrasing).is_empty()
        };
        assert!(states_no_race("a select then insert works without races"));
        assert!(states_no_race(
            "a select then insert works without any race"
        ));
        assert!(!states_no_race("a select then insert without it races"));
        assert!(!states_no_race(
            "a select then insert without a unique key races"
        ));
    }

    #[test]
    fn an_antonym_before_another_verb_is_no_opposite() {
        let lexicon = Lexicon::builtin();
        let opposite = |answer: &str| {
            let analyzed = text::analyze(answer);
            let matcher = AnswerMatcher::new(&lexicon, &analyzed);
            let allowed = Phrasing::compile("stops calling").unwrap();
            !matcher.opposites(&allowed).is_empty()
        };
        assert!(opposite("the breaker starts calling the dependency again"));
        assert!(!opposite("the breaker starts rejecting calls instantly"));
    }

    #[test]
    fn facts_fire_on_forbidden_denied_or_opposite_values_of_their_subject() {
        use Contradiction::*;
        assert_eq!(
            contradiction("Kafka deletes messages once they are read"),
            Some(Forbidden)
        );
        assert_eq!(
            contradiction("Kafka does not delete messages once read"),
            None
        );
        assert_eq!(
            contradiction("Kafka doesn't retain messages"),
            Some(DeniesAllowed)
        );
        assert_eq!(contradiction("Kafka retains messages for a week"), None);
        // A claim restricted by "only ... with/when/if" is scoped, not made.
        assert_eq!(
            contradiction("Kafka only deletes messages once read when compaction is on"),
            None
        );
        // "delete" is the field's antonym of "retain".
        assert_eq!(contradiction("Kafka deletes its messages"), Some(Opposite));
        // Another subject's value, across "whereas" or a new subject after "and".
        assert_eq!(
            contradiction("SQS deletes messages once read, whereas Kafka retains them"),
            None
        );
        assert_eq!(
            contradiction("Kafka keeps them and SQS deletes messages once read"),
            None
        );
        // The same subject continues after "and" with a verb; a pronoun carries it on.
        assert_eq!(
            contradiction("Kafka stores messages and deletes messages once consumed"),
            Some(Forbidden)
        );
        assert_eq!(
            contradiction("Kafka is a broker; it deletes messages once consumed"),
            Some(Forbidden)
        );
        // A short label and a colon name the subject of what follows; a long clause does not.
        assert_eq!(
            contradiction("Kafka: deletes messages once consumed"),
            Some(Forbidden)
        );
        assert_eq!(
            contradiction("We compared Kafka with several other brokers at work last year: deletes messages once consumed"),
            None
        );
        // A topic phrase or the subject before an aside opens the sentence.
        assert_eq!(
            contradiction("In Kafka, the broker deletes messages once consumed"),
            Some(Forbidden)
        );
        assert_eq!(
            contradiction("Kafka, like most brokers, deletes messages once consumed"),
            Some(Forbidden)
        );
        assert_eq!(
            contradiction(
                "With SQS, the broker deletes messages once consumed, but Kafka retains them"
            ),
            None
        );
        assert_eq!(
            contradiction(
                "Kafka, like RabbitMQ, is a broker, and SQS deletes messages once consumed"
            ),
            None
        );
        // A claim under a condition is not made; a concession ("even if") does not stop it.
        assert_eq!(
            contradiction("Kafka deletes messages even if only one group has read them"),
            Some(Forbidden)
        );
        assert_eq!(
            contradiction("Only if retention is tiny Kafka deletes messages once consumed"),
            None
        );
        assert_eq!(
            contradiction("Kafka deletes messages once consumed"),
            Some(Forbidden)
        );
    }

    #[test]
    fn dismissals_cover_their_clause_and_the_clause_a_pronoun_points_to() {
        assert!(dismissed("a dedup table is overkill", "dedup table"));
        assert!(dismissed(
            "people say you need a dedup table, but honestly that is overrated",
            "dedup table"
        ));
        assert!(dismissed(
            "I don't think replication lag is something to worry about",
            "replication lag"
        ));
        assert!(!dismissed(
            "keep a dedup table keyed by request id",
            "dedup table"
        ));
        assert!(!dismissed(
            "keep a dedup table; two-phase commit is overkill",
            "dedup table"
        ));
    }

    #[test]
    fn a_reported_view_dismissed_afterwards_is_dismissed_whole() {
        let view = "People will tell you the lookup and insert need one transaction, or that you need a unique constraint. Honestly that's academic.";
        assert!(dismissed(view, "one transaction"));
        assert!(dismissed(view, "unique constraint"));
        assert!(dismissed(
            "The usual advice is to keep a dedup table per consumer, or a unique key on the event id. I think that is overkill.",
            "dedup table"
        ));
        // A view of one's own is not reported: only the clause the pronoun
        // points to is dismissed.
        assert!(!dismissed(
            "The lookup and insert need one transaction, or you need a unique constraint. Honestly that's academic.",
            "one transaction"
        ));
        // A reported view that nothing dismisses stands.
        assert!(!dismissed(
            "People will tell you the lookup and insert need one transaction, or that you need a unique constraint. They are right.",
            "one transaction"
        ));
    }

    #[test]
    fn a_negation_in_a_reduced_relative_denies_nothing_after_it() {
        let answer = "Keep the critical path sync, and push everything not needed for the immediate response onto a queue.";
        assert!(covered(answer, "immediate response"));
        assert!(!dismissed(answer, "immediate response"));
        assert!(!covered(
            "Everything is not needed for the immediate response.",
            "immediate response"
        ));
    }

    #[test]
    fn a_denial_in_a_main_clause_of_its_own_stays_there() {
        let answer = "A request went to one shard and we never had to fan out.";
        assert!(!dismissed(answer, "one shard"));
        assert!(covered(
            "A request went to one shard and we never needed to fan out.",
            "one shard"
        ));
        assert!(!covered(
            "Requests went everywhere, and we never needed one shard per customer.",
            "one shard"
        ));
    }

    #[test]
    fn a_quoted_term_is_dismissed_by_the_rest_of_its_sentence() {
        assert!(dismissed(
            "The \"minimal data movement\" argument is overrated.",
            "minimal data movement"
        ));
        assert!(!dismissed(
            "Consistent hashing gives \"minimal data movement\", which is the whole point.",
            "minimal data movement"
        ));
    }

    #[test]
    fn a_predicate_without_its_own_subject_dismisses_the_clause_before() {
        assert!(dismissed(
            "CRDTs are interesting but not worth the complexity",
            "crdts"
        ));
        assert!(dismissed(
            "CRDTs, vector clocks and sibling merging are clever but not worth the complexity",
            "vector clocks"
        ));
        // A clause with a subject of its own dismisses only itself.
        assert!(!dismissed(
            "put a version in the URL so the old one just expires, no purge needed",
            "version url"
        ));
    }

    #[test]
    fn a_negator_does_not_reach_into_a_condition_after_it() {
        let answer = "don't use a sequential key unless all new writes may go to one shard";
        assert!(covered(answer, "writes one shard"));
        assert!(find(answer, "sequential key").is_some_and(|m| m.negated));
    }

    #[test]
    fn denying_only_the_automation_leaves_the_point_standing() {
        assert!(covered(
            "nothing keeps the stores in sync automatically; the application coordinates them",
            "keeps stores in sync"
        ));
        assert!(!covered(
            "nothing keeps the stores in sync",
            "keeps stores in sync"
        ));
    }

    #[test]
    fn a_match_inside_a_denied_match_is_denied_too() {
        let answer = "you don't need every service to own its own data";
        assert!(find(answer, "own data").is_some_and(|m| m.negated));
        // Past a list separator the list rules decide.
        assert!(covered(
            "one database can't hit the latency or throughput the workload needs",
            "throughput needs"
        ));
    }

    #[test]
    fn without_denies_only_what_it_governs() {
        assert!(covered(
            "without idempotency I'm charged twice",
            "charged twice"
        ));
        assert!(
            find("retry without an idempotency key", "idempotency key").is_some_and(|m| m.negated)
        );
    }

    #[test]
    fn a_clause_with_its_own_subject_is_no_item_of_a_denied_list() {
        let answer = "You can't deploy one service without the others, everything shares the \
                      same database, and requests chain synchronously.";
        assert!(covered(answer, "shares same database"));
        assert!(find("no retries, timeouts or breakers", "timeouts").is_some_and(|m| m.negated));
    }

    #[test]
    fn an_opening_without_clause_is_a_condition_not_a_denial() {
        let answer =
            "Without it, hash mod N remaps almost every key and the database gets hammered.";
        assert!(covered(answer, "remaps every key"));
        let answer = "Without retries, timeouts or breakers, one slow service takes the rest down.";
        assert!(find(answer, "timeouts").is_some_and(|m| m.negated));
    }

    #[test]
    fn a_dismissal_after_so_reaches_only_what_follows() {
        let answer = "refill inside the script using the redis clock so clock skew doesn't matter";
        assert!(!dismissed(answer, "redis clock"));
        assert!(dismissed(answer, "clock skew"));
        assert!(dismissed(
            "a dedup table is overkill so skip it",
            "dedup table"
        ));
    }

    #[test]
    fn a_dismissing_verb_coordinated_with_another_dismisses_nothing() {
        assert!(dismissed("you can skip the dedup table", "dedup table"));
        assert!(!dismissed(
            "offset pages can skip or duplicate rows",
            "duplicate rows"
        ));
    }

    #[test]
    fn a_dismissal_after_a_list_reaches_its_first_items() {
        let answer = "Locking, early expiry and coalescing are overkill.";
        assert!(dismissed(answer, "locking"));
        assert!(find(answer, "locking").is_some_and(|m| m.negated));
        // A list in the middle of a sentence, closed by a clause of its own, is no subject.
        let answer = "The benefit is organisational (teams deploying independently), and \
                      with five engineers you don't have that problem yet.";
        assert!(!dismissed(answer, "deploying independently"));
        assert!(covered(
            "Locking, early expiry and coalescing all help.",
            "locking"
        ));
    }

    #[test]
    fn dismissal_idioms_and_what_is_not_one() {
        for answer in [
            "The thing I'd push back on is writing compensating transactions.",
            "Virtual nodes are mostly a theoretical refinement.",
            "I'd skip virtual nodes and keep the ring simple.",
            "People obsess over backoff and jitter, but in practice it barely matters.",
            "The usual claim about virtual nodes is overstated.",
            "A lot of people lump shared database into this, but I don't think that's actually a problem.",
            "I wouldn't build anything around partition ordering.",
            "Honestly I don't think virtual nodes buy you much.",
            "Virtual nodes are nice, but they aren't essential.",
            "Virtual nodes are more trouble than they're worth.",
            "Forget about virtual nodes, a plain ring is fine.",
            "Why bother with virtual nodes?",
            "Virtual nodes are a nice-to-have at best.",
            "Virtual nodes add complexity for no real benefit.",
            "Virtual nodes are premature optimization.",
            "Virtual nodes are a distraction; I've never needed them.",
            "Honestly, you don't really need virtual nodes.",
            "Virtual nodes are rarely worth it.",
            "Virtual nodes are academic.",
            "Virtual nodes sound nice, but a plain ring is simpler.",
            "Virtual nodes? I've never needed them.",
            "Virtual nodes, weighted rings, bounded loads: all of that is ceremony.",
            "Virtual nodes, meaning many points per server, add complexity for no real benefit.",
            "Keys sit on a ring with virtual nodes. I wouldn't worry about that.",
            "The fuss about virtual nodes is exaggerated; I wouldn't sweat them.",
            "People bring up virtual nodes, but on a modern ring that's not really something to worry about.",
            "Virtual nodes made sense when hashes were poor; today I'd leave them off.",
            "The virtual nodes people spend so much time on aren't really something to worry about.",
            "People bring up virtual nodes, but honestly you don't need to worry about them with a good hash.",
            "People bring up virtual nodes, but in practice I don't think that's really a consideration.",
            "People bring up virtual nodes, but I feel like that's not a factor.",
            "Virtual nodes aren't a real concern.",
            "Backoff and jitter aren't real reasons anymore.",
            "Backoff isn't a real argument, though.",
            "The backoff is incidental.",
            "Backoff isn't what decides it.",
            "The claim that you need backoff is not true anymore.",
        ] {
            let phrasing = [
                "compensating transactions",
                "virtual nodes",
                "backoff",
                "shared database",
                "partition ordering",
            ]
            .into_iter()
            .find(|p| answer.to_lowercase().contains(p))
            .unwrap();
            assert!(dismissed(answer, phrasing), "{answer}");
        }
        for (answer, phrasing) in [
            // Choices and conditions are not dismissals.
            (
                "It doesn't matter which instance serves the request",
                "instance",
            ),
            (
                "Keep REST for simple CRUD where speed doesn't matter",
                "rest",
            ),
            (
                "If you don't care about ordering, use a standard queue",
                "ordering",
            ),
            // Idioms that only look like one.
            (
                "Confirming an order needs no reason to block the user",
                "block user",
            ),
            (
                "Design rule: when the queue is full, push back on the producer",
                "push back",
            ),
            ("Send it to the queue right away", "queue"),
            // A negated dismissal urges the point.
            ("Don't forget about virtual nodes", "virtual nodes"),
            (
                "Go async when the caller doesn't really need the result now",
                "result",
            ),
            (
                "Use a plain queue for jobs; SQS does that with less ceremony",
                "queue",
            ),
            // "real" and "true" before a noun qualify it; they dismiss nothing.
            (
                "The compensating transactions aren't a real rollback, they're new actions",
                "compensating transactions",
            ),
            (
                "Across a network you can't get true exactly-once delivery with partition ordering alone",
                "partition ordering",
            ),
            // The scope of a dismissal is not what it dismisses.
            (
                "L7 is overkill for game servers; use L4 there",
                "game servers",
            ),
            (
                "Shard with Vitess. There's a myth that \"SQL can't scale\", but that's outdated",
                "vitess",
            ),
        ] {
            assert!(!dismissed(answer, phrasing), "{answer}");
        }
    }

    #[test]
    fn a_negator_in_a_relative_clause_dismisses_nothing() {
        assert!(!dismissed(
            "spending money that isn't there is a regulatory problem",
            "regulatory problem"
        ));
        assert!(dismissed(
            "retries can duplicate a charge, but that isn't a problem",
            "duplicate charge"
        ));
    }

    #[test]
    fn a_cost_for_no_gain_dismisses_nothing_it_names() {
        assert!(!dismissed(
            "splitting it up would add tracing and network failures for no real gain",
            "network failures"
        ));
        assert!(dismissed(
            "network failures are no real concern here",
            "network failures"
        ));
        assert!(dismissed(
            "I wouldn't overthink the election rules",
            "election rules"
        ));
    }

    #[test]
    fn a_negated_verb_of_need_denies_as_unneeded() {
        let lexicon = Lexicon::builtin();
        let need = |answer: &str, phrasing: &str| {
            let analyzed = text::analyze(answer);
            let matcher = AnswerMatcher::new(&lexicon, &analyzed);
            let m = matcher.find(&Phrasing::compile(phrasing).unwrap()).unwrap();
            assert!(m.negated, "{answer}");
            matcher.denies_need(&m)
        };
        assert!(need("you don't need a dedup table", "dedup table"));
        assert!(need("there's no need for a dedup table", "dedup table"));
        assert!(!need(
            "the threads aren't stuck on a dead dependency",
            "threads stuck"
        ));
    }

    #[test]
    fn a_condition_or_another_clause_does_not_deny() {
        assert!(covered(
            "The server sees repeats, and if the operation isn't safe to repeat you double charge",
            "safe to repeat"
        ));
        // A stated negation needs a word of the phrase in its own clause.
        assert!(find(
            "People lump shared database into this, but I don't think so",
            "no shared database"
        )
        .is_none());
        assert!(find("services don't share a database", "no|not share database").is_some());
    }

    #[test]
    fn a_rejected_or_reported_claim_is_not_made() {
        let lexicon = Lexicon::builtin();
        let reported = |answer: &str, word: &str| {
            let analyzed = text::analyze(answer);
            let at = analyzed
                .tokens
                .iter()
                .position(|t| t.surface == word)
                .unwrap();
            let m = Match {
                from: at,
                to: at,
                negated: false,
            };
            AnswerMatcher::new(&lexicon, &analyzed).is_reported(&m)
        };
        assert!(reported(
            "Saying that replicas scale writes is a mistake.",
            "replicas"
        ));
        assert!(reported(
            "It's wrong to say that replicas scale writes.",
            "replicas"
        ));
        assert!(reported(
            "People often treat Kafka and SQS as interchangeable.",
            "kafka"
        ));
        assert!(reported(
            "Some engineers are skeptical of the 1/N claim.",
            "claim"
        ));
        assert!(reported("Retries at every layer multiply load.", "layer"));
        assert!(reported(
            "One myth is \"replicas scale writes\"; they don't.",
            "replicas"
        ));
        assert!(reported(
            "The 'replicas scale writes' line is wrong.",
            "replicas"
        ));
        assert!(!reported("Replicas don't scale writes.", "replicas"));
        assert!(reported(
            "Simply raising the TTL doesn't fix it either.",
            "ttl"
        ));
        assert!(reported(
            "A common wrong assumption is that every node must acknowledge.",
            "every"
        ));
        assert!(reported("I'd reject an unbounded buffer.", "unbounded"));
        assert!(reported(
            "What I don't try to do is update every cache at once.",
            "update"
        ));
        assert!(!reported(
            "What I do is update every cache at once.",
            "update"
        ));
        assert!(reported(
            "A common misunderstanding is that the breaker fixes B.",
            "breaker"
        ));
        assert!(reported(
            "The old idea that SQL can only scale vertically isn't really true anymore.",
            "sql"
        ));
        assert!(!reported(
            "SQL can only scale vertically, that's true.",
            "sql"
        ));
        assert!(!reported(
            "Retrying at every layer multiplies your chances of success.",
            "layer"
        ));
        assert!(!reported(
            "If you get it wrong, replicas scale writes.",
            "replicas"
        ));
        assert!(!reported("Replicas scale writes.", "replicas"));
        assert!(reported(
            "The claim that relational databases cannot scale out is a myth.",
            "relational"
        ));
    }

    #[test]
    fn a_relative_clause_keeps_its_negation() {
        assert!(covered(
            "A sender that doesn't hear back has to resend the message",
            "resend"
        ));
        assert!(
            find("the sender does not resend", "resend")
                .unwrap()
                .negated
        );
    }

    #[test]
    fn misspelled_contractions_and_arrows() {
        assert!(
            find("the caller dosent need the result", "caller need result")
                .unwrap()
                .negated
        );
        assert!(covered("no persistence -> pure cache", "pure cache"));
    }

    #[test]
    fn negation_reaches_over_a_denied_list_only() {
        assert!(
            find("you don't need retries or a dedup table", "dedup table")
                .unwrap()
                .negated
        );
        assert!(
            find(
                "no retries, timeouts or circuit breakers",
                "circuit breaker"
            )
            .unwrap()
            .negated
        );
        assert!(covered(
            "It is not hard, use idempotency keys",
            "idempotency key"
        ));
        assert!(covered("we do not shard and use replicas", "replicas"));
        // An adverb between the negator and the verb of use: "doesn't really help".
        assert!(
            find(
                "Virtual nodes don't really help at real sizes",
                "virtual nodes"
            )
            .unwrap()
            .negated
        );
        // "instead of" denies its object, not the main clause after it.
        assert!(covered(
            "instead of calling the service it just fails right away",
            "fails right away"
        ));
        assert!(!covered(
            "instead of calling the service, we wait",
            "calling the service"
        ));
        // A clause with a verb and an object of its own is no item of a list.
        assert!(covered(
            "to avoid events never sent, write the event into an outbox table and publish it",
            "outbox"
        ));
    }

    #[test]
    fn affirmed_match_wins_over_negated_one() {
        let m = find("Not a lock. Use a lock with a TTL.", "lock").unwrap();
        assert!(!m.negated);
    }
}
