//! `mockgrade check`: validates the deck and every rubric; non-zero exit on any problem.

use colored::Colorize;

use crate::cli::GlobalArgs;
use crate::matcher::{AnswerMatcher, Lexicon};
use crate::rubric::RubricSet;
use crate::text;

pub fn run(global: &GlobalArgs) -> anyhow::Result<()> {
    let sources = super::sources(global)?;
    let deck = crate::corpus::Deck::from_files(&sources.deck, &sources.origin)?;
    let mut problems: Vec<String> = Vec::new();
    let mut rubrics = RubricSet::default();
    for file in &sources.rubrics {
        if let Err(e) = rubrics.add_file(&file.name, &file.text, &deck) {
            problems.push(e.to_string());
        }
    }
    if let Err(e) = Lexicon::from_toml(&sources.synonyms.text) {
        problems.push(format!("{}: {}", sources.synonyms.name, e.message()));
    }
    problems.extend(crate::normalize::check_tables());
    let mut auto = 0;
    for q in deck.questions() {
        let Some(rubric) = rubrics.get(&q.id) else {
            if !sources.rubrics_optional {
                problems.push(format!("question `{}` has no rubric", q.id));
            } else {
                auto += 1;
            }
            continue;
        };
        let file = match &rubric.origin {
            crate::rubric::Origin::File(f) => f.clone(),
            crate::rubric::Origin::Auto => String::new(),
        };
        let lexicon = Lexicon::builtin();
        let analyzed = crate::normalize::normalize(text::analyze(&q.reference));
        let matcher = AnswerMatcher::new(&lexicon, &analyzed);
        for c in &rubric.concepts {
            if c.beyond_reference {
                continue;
            }
            if !c
                .phrasings
                .iter()
                .any(|p| matcher.find(p).is_some_and(|m| !m.negated))
            {
                problems.push(format!(
                    "{file}: question `{}`, concept `{}`, field `phrasings`: no phrasing matches the question's own reference answer (add one that does, or rename the concept `x-{}` if it goes beyond the reference)",
                    q.id, c.id, c.id
                ));
            }
        }
        for m in &rubric.misconceptions {
            if m.phrasings
                .iter()
                .any(|p| matcher.find_in_clause(p).is_some_and(|m| !m.negated))
            {
                problems.push(format!(
                    "{file}: question `{}`, misconception `{}`, field `phrasings`: a phrasing matches the reference answer itself, so correct answers would be penalised",
                    q.id, m.id
                ));
            }
        }
        for f in &rubric.facts {
            if let Some((m, _)) = matcher.contradiction(&f.subject, &f.allowed, &f.forbidden) {
                problems.push(format!(
                    "{}: question `{}`, fact `{}`: the reference answer itself contradicts it (\"{}\"), so correct answers would be penalised: narrow its `forbidden` or `allowed` phrasings",
                    f.file,
                    q.id,
                    f.id,
                    analyzed.quote(&q.reference, m.from, m.to)
                ));
            }
        }
    }
    if problems.is_empty() {
        // Building the grader also checks the index and the synonyms.
        let grader = super::load_grader(global)?;
        let n = grader.deck.questions().count();
        let count = |f: fn(&crate::rubric::Rubric) -> usize| -> usize {
            rubrics
                .question_ids()
                .filter_map(|id| rubrics.get(id))
                .map(f)
                .sum()
        };
        let concepts = count(|r| r.concepts.len());
        let facts = count(|r| r.facts.len());
        let misconceptions = count(|r| r.misconceptions.len());
        let (phrases, antonyms) = crate::normalize::table_sizes();
        let plural = crate::term::count;
        let mut msg = format!(
            "{} {}, {}, {}, {}, {} and {} in force; {} and {}",
            "ok:".green().bold(),
            plural(grader.deck.topics.len(), "topic"),
            plural(n, "question"),
            plural(rubrics.len(), "rubric"),
            plural(concepts, "concept"),
            plural(facts, "fact"),
            plural(misconceptions, "misconception"),
            plural(phrases, "phrase rewrite"),
            plural(antonyms, "antonym pair"),
        );
        if auto > 0 {
            msg.push_str(&format!(
                " ({} with derived rubrics)",
                plural(auto, "question graded")
            ));
        }
        return super::print(&format!("{msg}\n"));
    }
    for p in &problems {
        eprintln!("{} {p}", "error:".red().bold());
    }
    anyhow::bail!("{} found", crate::term::count(problems.len(), "problem"))
}
