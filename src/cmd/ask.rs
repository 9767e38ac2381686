//! `mockgrade ask`: picks a question, reads the answer (terminal, pipe or editor), grades it.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use colored::Colorize;

use crate::cli::{AskArgs, GlobalArgs};
use crate::corpus::Question;

pub fn run(args: AskArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let grader = super::load_grader(global)?;
    let deck = &grader.deck;
    let question: &Question = match (&args.question, &args.topic) {
        (Some(id), _) => deck.question(id)?,
        (None, topic) => {
            let pool: Vec<&Question> = match (topic, &args.topic_from_config) {
                (Some(t), Some(config)) => deck
                    .topic(t)
                    .with_context(|| format!("{}: the `topic` setting", config.display()))?
                    .questions
                    .iter()
                    .collect(),
                (Some(t), None) => deck.topic(t)?.questions.iter().collect(),
                (None, _) => deck.questions().collect(),
            };
            pick(&grader, &pool, last_asked().as_deref(), global)
        }
    };
    remember_asked(&question.id);
    crate::term::eprint_wrapped(&format!(
        "{} {}\n\n{}\n",
        question.id.bold(),
        format!("({})", question.topic_name).dimmed(),
        question.text.bold()
    ));
    let answer = if args.editor {
        read_in_editor(question)?
    } else if std::io::stdin().is_terminal() {
        read_typed()?
    } else {
        crate::input::read_stdin()?
    };
    crate::input::require_answer(&answer)?;
    let report = grader.grade(question, &answer)?;
    if args.format == crate::cli::Format::Human {
        eprintln!();
    }
    super::grade::print_report(&report, args.format, args.show_reference)?;
    super::record(global, &super::deck_name(global), &report, &answer, false);
    Ok(())
}

/// The next question to practise from a pool, never the one asked last time:
/// a random never-tried question if there is one; else, by the spaced-repetition
/// schedule, the most overdue, then the one testing the most missed concepts.
pub fn pick<'a>(
    grader: &crate::grade::Grader,
    pool: &[&'a Question],
    last: Option<&str>,
    global: &GlobalArgs,
) -> &'a Question {
    let candidates: Vec<&'a Question> = pool
        .iter()
        .copied()
        .filter(|q| Some(q.id.as_str()) != last)
        .collect();
    let candidates = if candidates.is_empty() {
        pool.to_vec()
    } else {
        candidates
    };
    let schedule = if global.no_history {
        None
    } else {
        super::history::open().ok().and_then(|h| h.schedule().ok())
    };
    let schedule = schedule.unwrap_or_default();
    let never_tried: Vec<&'a Question> = candidates
        .iter()
        .copied()
        .filter(|q| !schedule.questions.contains_key(&q.id))
        .collect();
    if !never_tried.is_empty() {
        return never_tried[clock_seed() % never_tried.len()];
    }
    let concepts_of = |q: &Question| -> Vec<String> {
        grader
            .rubric_for(q)
            .concepts
            .iter()
            .map(|c| c.id.clone())
            .collect()
    };
    schedule.order(&candidates, concepts_of, now())[0]
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn clock_seed() -> usize {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as usize ^ d.as_secs() as usize)
        .unwrap_or(0)
}

fn state_file() -> Option<PathBuf> {
    Some(crate::history::data_dir()?.join("last-asked"))
}

pub fn last_asked() -> Option<String> {
    std::fs::read_to_string(state_file()?)
        .ok()
        .map(|s| s.trim().to_string())
}

/// Best effort: failing to remember only means the same question may come twice.
pub fn remember_asked(id: &str) {
    if let Some(file) = state_file() {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(file, id);
    }
}

/// Reads an answer typed or pasted at the terminal (until a line `.` or Ctrl-D),
/// saying on stderr how to finish it.
pub fn read_typed() -> anyhow::Result<String> {
    eprintln!("{}", crate::input::typed_prompt(false).dimmed());
    let mut stdin = std::io::stdin().lock();
    match crate::input::read_typed(&mut stdin, false)? {
        crate::input::Typed::Answer(text) => Ok(text),
        crate::input::Typed::Skip | crate::input::Typed::End => Ok(String::new()),
    }
}

/// Opens $VISUAL or $EDITOR on a temporary file and reads back what was written.
fn read_in_editor(question: &Question) -> anyhow::Result<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let path = std::env::temp_dir().join(format!(
        "mockgrade-{}-{}.md",
        question.id,
        std::process::id()
    ));
    {
        let mut f = std::fs::File::create(&path)
            .with_context(|| format!("could not create {}", path.display()))?;
        writeln!(
            f,
            "\n\n# {}\n# Write your answer above. Lines starting with # are ignored.",
            question.text
        )?;
    }
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(&path)
        .status()
        .with_context(|| format!("could not start the editor `{editor}`: set $EDITOR"))?;
    if !status.success() {
        anyhow::bail!("the editor `{editor}` exited with {status}; nothing was graded");
    }
    let text = crate::input::read_text_file(&path)?;
    let _ = std::fs::remove_file(&path);
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n"))
}
