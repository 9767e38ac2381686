//! `mockgrade check`: validates the deck and every rubric; non-zero exit on any problem.

use colored::Colorize;

use crate::cli::GlobalArgs;
use crate::matcher::{AnswerMatcher, Lexicon};
use crate::rubric::{RubricSet, BUILTIN_RUBRICS};
use crate::text;

pub fn run(global: &GlobalArgs) -> anyhow::Result<()> {
    let deck = super::load_deck(global)?;
    let mut problems: Vec<String> = Vec::new();
    let mut rubrics = RubricSet::default();
    let files: Vec<(String, String)> = match &global.deck {
        None => BUILTIN_RUBRICS
            .iter()
            .map(|(name, text)| (format!("rubrics/{name}"), text.to_string()))
            .collect(),
        Some(dir) => {
            let mut files = Vec::new();
            if let Ok(entries) = std::fs::read_dir(dir.join("rubrics")) {
                let mut paths: Vec<_> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .filter(|p| p.file_name().is_some_and(|n| n != "synonyms.toml"))
                    .collect();
                paths.sort();
                for p in paths {
                    match crate::input::read_text_file(&p) {
                        Ok(t) => files.push((p.display().to_string(), t)),
                        Err(e) => problems.push(e.to_string()),
                    }
                }
            }
            files
        }
    };
    for (name, text) in &files {
        if let Err(e) = rubrics.add_file(name, text, &deck) {
            problems.push(e.to_string());
        }
    }
    let mut auto = 0;
    for q in deck.questions() {
        let Some(rubric) = rubrics.get(&q.id) else {
            if global.deck.is_none() {
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
        let analyzed = text::analyze(&q.reference);
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
    }
    if problems.is_empty() {
        // Building the grader also checks the index and the synonyms.
        let grader = super::load_grader(global)?;
        let n = grader.deck.questions().count();
        let concepts: usize = rubrics
            .question_ids()
            .filter_map(|id| rubrics.get(id))
            .map(|r| r.concepts.len())
            .sum();
        let mut msg = format!(
            "{} {} topics, {n} questions, {} rubrics, {concepts} concepts",
            "ok:".green().bold(),
            grader.deck.topics.len(),
            rubrics.len()
        );
        if auto > 0 {
            msg.push_str(&format!(" ({auto} questions graded with derived rubrics)"));
        }
        return super::print(&format!("{msg}\n"));
    }
    for p in &problems {
        eprintln!("{} {p}", "error:".red().bold());
    }
    anyhow::bail!("{} problem(s) found", problems.len())
}
