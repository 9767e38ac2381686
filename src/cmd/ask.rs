//! `mockgrade ask`: picks a question, reads the answer (terminal, pipe or editor), grades it.

use std::io::{BufRead, IsTerminal, Write};
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
            let pool: Vec<&Question> = match topic {
                Some(t) => deck.topic(t)?.questions.iter().collect(),
                None => deck.questions().collect(),
            };
            pick(&pool, last_asked().as_deref())
        }
    };
    remember_asked(&question.id);
    eprintln!(
        "{} {}\n\n{}\n",
        question.id.bold(),
        format!("({})", question.topic_name).dimmed(),
        question.text.bold()
    );
    let answer = if args.editor {
        read_in_editor(question)?
    } else if std::io::stdin().is_terminal() {
        eprintln!(
            "{}",
            "Type your answer. Finish with an empty line twice, or Ctrl-D.".dimmed()
        );
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
    let deck_name = global
        .deck
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "built-in".into());
    super::record(global, &deck_name, &report, &answer);
    Ok(())
}

/// A question from the pool, chosen by the clock, never the one asked last time.
fn pick<'a>(pool: &[&'a Question], last: Option<&str>) -> &'a Question {
    let candidates: Vec<&&Question> = pool
        .iter()
        .filter(|q| Some(q.id.as_str()) != last)
        .collect();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as usize ^ d.as_secs() as usize)
        .unwrap_or(0);
    if candidates.is_empty() {
        pool[seed % pool.len()]
    } else {
        candidates[seed % candidates.len()]
    }
}

fn state_file() -> Option<PathBuf> {
    Some(crate::history::data_dir()?.join("last-asked"))
}

fn last_asked() -> Option<String> {
    std::fs::read_to_string(state_file()?)
        .ok()
        .map(|s| s.trim().to_string())
}

/// Best effort: failing to remember only means the same question may come twice.
fn remember_asked(id: &str) {
    if let Some(file) = state_file() {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(file, id);
    }
}

/// Reads typed lines until two empty lines in a row or end of input.
fn read_typed() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    let mut answer = String::new();
    let mut empty_run = 0;
    for line in stdin.lock().lines() {
        let line = line.context("could not read the answer (is it UTF-8 text?)")?;
        if line.trim().is_empty() {
            empty_run += 1;
            if empty_run >= 2 {
                break;
            }
        } else {
            empty_run = 0;
        }
        answer.push_str(&line);
        answer.push('\n');
        if answer.len() > crate::input::MAX_INPUT_BYTES {
            anyhow::bail!(
                "the answer is longer than the limit of {} KiB",
                crate::input::MAX_INPUT_BYTES / 1024
            );
        }
    }
    Ok(answer)
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
