//! The question deck: parsing its Markdown (topics, study notes, questions and
//! reference answers) and resolving topic and question names the user types.

use crate::builtin::{BUILTIN_DECK, BUILTIN_DECK_NAME};
use crate::error::{did_you_mean, Error};
use crate::sources::SourceFile;

/// A deck of topics and questions.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Deck {
    pub title: String,
    pub topics: Vec<Topic>,
    /// Where the deck came from, for messages.
    pub source: String,
}

/// One topic of a deck with its study notes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Topic {
    /// 1-based position in the deck.
    pub number: usize,
    /// Short id such as `sharding`.
    pub slug: String,
    pub name: String,
    /// The one-line introduction.
    pub intro: String,
    /// Comparison tables, callouts and examples, as Markdown lines.
    pub notes: Vec<String>,
    pub questions: Vec<Question>,
}

/// A question with its reference answer.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Fixed id such as `sharding-2`.
    pub id: String,
    /// Seed number such as `3.2`.
    pub number: String,
    pub topic_slug: String,
    pub topic_name: String,
    pub text: String,
    pub reference: String,
}

/// Turns a topic name into a slug: "Load Balancing" gives "load-balancing".
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

impl Deck {
    /// The built-in system design deck.
    pub fn builtin() -> Result<Deck, Error> {
        Deck::parse(BUILTIN_DECK, BUILTIN_DECK_NAME)
    }

    /// Parses the Markdown files of a deck as one deck.
    pub fn from_files(files: &[SourceFile], origin: &str) -> Result<Deck, Error> {
        let mut deck = Deck {
            source: origin.to_string(),
            ..Deck::default()
        };
        for file in files {
            let part = Deck::parse(&file.text, &file.name)?;
            if deck.title.is_empty() {
                deck.title = part.title;
            }
            for mut topic in part.topics {
                topic.number = deck.topics.len() + 1;
                for (i, q) in topic.questions.iter_mut().enumerate() {
                    q.number = format!("{}.{}", topic.number, i + 1);
                }
                deck.topics.push(topic);
            }
        }
        deck.validate()?;
        Ok(deck)
    }

    /// Parses one Markdown deck file.
    pub fn parse(text: &str, source: &str) -> Result<Deck, Error> {
        let mut deck = Deck {
            source: source.to_string(),
            ..Deck::default()
        };
        let mut pending_question: Option<(String, usize)> = None;
        let mut in_answer = false;
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            let trimmed = line.trim();
            let bad = |message: String| Error::Deck {
                file: source.to_string(),
                line: line_no,
                message,
            };
            if let Some(title) = trimmed.strip_prefix("# ") {
                if deck.title.is_empty() {
                    deck.title = title.trim().to_string();
                }
                in_answer = false;
                continue;
            }
            if let Some(heading) = trimmed.strip_prefix("## ") {
                if let Some((question, at)) = pending_question.take() {
                    return Err(Error::Deck {
                        file: source.to_string(),
                        line: at,
                        message: format!("question \"{question}\" has no reference answer (add an `**A:**` line after it)"),
                    });
                }
                let name = strip_number(heading.trim());
                deck.topics.push(Topic {
                    number: deck.topics.len() + 1,
                    slug: slugify(&name),
                    name,
                    ..Topic::default()
                });
                in_answer = false;
                continue;
            }
            if let Some(id) = trimmed
                .strip_prefix("<!-- id:")
                .and_then(|rest| rest.strip_suffix("-->"))
            {
                let topic = deck.topics.last_mut().ok_or_else(|| {
                    bad("topic id comment before the first `## ` topic heading".into())
                })?;
                topic.slug = id.trim().to_string();
                continue;
            }
            if let Some(question) = trimmed.strip_prefix("**Q:**") {
                if let Some((previous, at)) = pending_question.take() {
                    return Err(Error::Deck {
                        file: source.to_string(),
                        line: at,
                        message: format!("question \"{previous}\" has no reference answer (add an `**A:**` line after it)"),
                    });
                }
                if deck.topics.is_empty() {
                    return Err(bad("question before the first `## ` topic heading".into()));
                }
                let question = question.trim();
                if question.is_empty() {
                    return Err(bad("empty question after `**Q:**`".into()));
                }
                pending_question = Some((question.to_string(), line_no));
                in_answer = false;
                continue;
            }
            if let Some(answer) = trimmed.strip_prefix("**A:**") {
                let (question, _) = pending_question.take().ok_or_else(|| {
                    bad("reference answer `**A:**` without a `**Q:**` question before it".into())
                })?;
                let answer = answer.trim();
                if answer.is_empty() {
                    return Err(bad(format!("empty reference answer for \"{question}\"")));
                }
                let topic = deck.topics.last_mut().expect("checked at the question");
                let n = topic.questions.len() + 1;
                topic.questions.push(Question {
                    id: format!("{}-{n}", topic.slug),
                    number: format!("{}.{n}", topic.number),
                    topic_slug: topic.slug.clone(),
                    topic_name: topic.name.clone(),
                    text: question,
                    reference: answer.to_string(),
                });
                in_answer = true;
                continue;
            }
            let Some(topic) = deck.topics.last_mut() else {
                continue;
            };
            if trimmed.is_empty() || trimmed == "---" {
                in_answer = false;
                continue;
            }
            if in_answer {
                // A reference answer may run over several lines of one paragraph.
                let q = topic.questions.last_mut().expect("in an answer");
                q.reference.push(' ');
                q.reference.push_str(trimmed);
                continue;
            }
            if topic.intro.is_empty()
                && topic.notes.is_empty()
                && trimmed.starts_with('*')
                && !trimmed.starts_with("**")
            {
                topic.intro = trimmed.trim_matches('*').to_string();
            } else {
                topic.notes.push(line.to_string());
            }
        }
        if let Some((question, at)) = pending_question {
            return Err(Error::Deck {
                file: source.to_string(),
                line: at,
                message: format!(
                    "question \"{question}\" has no reference answer (add an `**A:**` line after it)"
                ),
            });
        }
        deck.topics
            .retain(|t| !t.questions.is_empty() || !t.notes.is_empty());
        deck.validate()?;
        Ok(deck)
    }

    /// Checks that the deck has questions and that no id is used twice.
    fn validate(&self) -> Result<(), Error> {
        if self.questions().next().is_none() {
            return Err(Error::Deck {
                file: self.source.clone(),
                line: 1,
                message: "no questions found: a deck needs `## Topic` headings followed by `**Q:** question` and `**A:** reference answer` lines".into(),
            });
        }
        let mut seen = std::collections::HashSet::new();
        for topic in &self.topics {
            if !seen.insert(format!("topic:{}", topic.slug)) {
                return Err(Error::Deck {
                    file: self.source.clone(),
                    line: 1,
                    message: format!(
                        "duplicate topic id `{}`: give one of them another `<!-- id: ... -->` line",
                        topic.slug
                    ),
                });
            }
        }
        Ok(())
    }

    /// All questions in deck order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.topics.iter().flat_map(|t| t.questions.iter())
    }

    /// Finds a question by id (`sharding-2`) or number (`3.2`).
    pub fn question(&self, name: &str) -> Result<&Question, Error> {
        let wanted = name.trim().to_lowercase();
        if let Some(q) = self
            .questions()
            .find(|q| q.id == wanted || q.number == wanted)
        {
            return Ok(q);
        }
        let candidates: Vec<&str> = self.questions().map(|q| q.id.as_str()).collect();
        Err(Error::UnknownName {
            kind: "question",
            name: name.to_string(),
            suggestion: did_you_mean(&wanted, &candidates),
            hint: "`mockgrade list` shows every question id".into(),
        })
    }

    /// Finds a topic by slug, number, or a case-insensitive unique prefix of its name or slug.
    pub fn topic(&self, name: &str) -> Result<&Topic, Error> {
        let wanted = name.trim().to_lowercase();
        if let Some(t) = self
            .topics
            .iter()
            .find(|t| t.slug == wanted || t.number.to_string() == wanted)
        {
            return Ok(t);
        }
        let matches: Vec<&Topic> = self
            .topics
            .iter()
            .filter(|t| {
                !wanted.is_empty()
                    && (t.name.to_lowercase().starts_with(&wanted) || t.slug.starts_with(&wanted))
            })
            .collect();
        if matches.len() == 1 {
            return Ok(matches[0]);
        }
        if matches.len() > 1 {
            return Err(Error::Ambiguous {
                kind: "topic",
                name: name.to_string(),
                candidates: matches
                    .iter()
                    .map(|t| format!("{} ({})", t.slug, t.number))
                    .collect(),
            });
        }
        let candidates: Vec<&str> = self.topics.iter().map(|t| t.slug.as_str()).collect();
        Err(Error::UnknownName {
            kind: "topic",
            name: name.to_string(),
            suggestion: did_you_mean(&wanted, &candidates),
            hint: "`mockgrade list` shows every topic".into(),
        })
    }
}

/// "3. Sharding & Partitioning" gives "Sharding & Partitioning".
fn strip_number(heading: &str) -> String {
    let rest = heading.trim_start_matches(|c: char| c.is_ascii_digit());
    match rest.strip_prefix('.') {
        Some(stripped) if rest.len() < heading.len() => stripped.trim().to_string(),
        _ => heading.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# Deck\n\n## 1. Load Balancing\n<!-- id: lb -->\n\n*Intro line.*\n\n| a | b |\n|---|---|\n\n**Q:** Why?\n\n**A:** Because\nit spreads load.\n\n## 2. Caching Things\n\n**Q:** How?\n\n**A:** TTL.\n";

    #[test]
    fn builtin_deck_has_the_fixed_ids() {
        let deck = Deck::builtin().unwrap();
        assert_eq!(deck.topics.len(), 15);
        assert_eq!(deck.questions().count(), 35);
        let q = deck.question("3.2").unwrap();
        assert_eq!(q.id, "sharding-2");
        assert!(q.text.contains("consistent hashing"));
        assert_eq!(deck.question("messaging-3").unwrap().number, "8.3");
        assert!(!deck.topic("cap").unwrap().notes.is_empty());
    }

    #[test]
    fn parses_topics_notes_and_multiline_answers() {
        let deck = Deck::parse(SMALL, "small.md").unwrap();
        assert_eq!(deck.title, "Deck");
        let lb = deck.topic("lb").unwrap();
        assert_eq!(lb.intro, "Intro line.");
        assert_eq!(lb.notes.len(), 2);
        assert_eq!(lb.questions[0].reference, "Because it spreads load.");
        assert_eq!(deck.topic("2").unwrap().slug, "caching-things");
        assert_eq!(deck.question("caching-things-1").unwrap().number, "2.1");
    }

    #[test]
    fn topics_resolve_by_prefix_with_suggestions() {
        let deck = Deck::builtin().unwrap();
        assert_eq!(deck.topic("Shard").unwrap().slug, "sharding");
        assert_eq!(deck.topic("3").unwrap().slug, "sharding");
        let err = deck.topic("shardng").unwrap_err().to_string();
        assert!(err.contains("did you mean `sharding`"), "{err}");
        let err = deck.question("sharding-9").unwrap_err().to_string();
        assert!(err.contains("did you mean"), "{err}");
        // A prefix of several topics is ambiguous, not unknown, and suggests none of them.
        let err = deck.topic("c").unwrap_err().to_string();
        assert!(err.contains("\"c\" is ambiguous"), "{err}");
        assert!(err.contains("caching (2)") && err.contains("cdn"), "{err}");
        assert!(
            !err.contains("unknown") && !err.contains("did you mean"),
            "{err}"
        );
    }

    #[test]
    fn question_without_answer_is_an_error_with_line() {
        let err = Deck::parse("## T\n\n**Q:** Why?\n\n## U\n", "x.md").unwrap_err();
        assert!(err.to_string().contains("x.md:3"), "{err}");
        let err = Deck::parse("just text", "y.md").unwrap_err();
        assert!(err.to_string().contains("no questions found"), "{err}");
    }
}
