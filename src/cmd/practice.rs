//! `mockgrade review` (the questions due now) and `mockgrade mock` (a timed mock
//! interview across topics). Answers are read one after another: at a terminal,
//! each ends with an empty line twice; piped, answers are separated by a line
//! `---`. An answer of `skip` skips the question. Every graded answer is saved
//! as soon as it is graded, so an interrupted session keeps them.

use std::io::{BufRead, IsTerminal};
use std::time::{Duration, Instant};

use colored::Colorize;

use crate::cli::{GlobalArgs, MockArgs, ReviewArgs};
use crate::corpus::Question;
use crate::grade::Grader;
use crate::report::{Band, ConceptStatus, Report};

/// Reads the next answer of a session; `None` at the end of input.
fn next_answer(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    interactive: bool,
) -> anyhow::Result<Option<String>> {
    let mut answer = String::new();
    let mut empty_run = 0;
    let mut saw_line = false;
    for line in lines.by_ref() {
        let line = line.map_err(|e| anyhow::anyhow!("could not read the answer: {e}"))?;
        saw_line = true;
        if !interactive && line.trim() == "---" {
            return Ok(Some(answer));
        }
        if interactive && line.trim().is_empty() {
            empty_run += 1;
            if empty_run >= 2 {
                return Ok(Some(answer));
            }
        } else {
            empty_run = 0;
        }
        answer.push_str(&line);
        answer.push('\n');
    }
    Ok(if saw_line && !answer.trim().is_empty() {
        Some(answer)
    } else {
        None
    })
}

/// Asks the questions in order; returns the reports of the graded ones.
fn session(
    grader: &Grader,
    global: &GlobalArgs,
    questions: &[&Question],
    deadline: Option<Instant>,
) -> anyhow::Result<Vec<(String, Option<Report>)>> {
    let interactive = std::io::stdin().is_terminal();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let deck_name = global
        .deck
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "built-in".into());
    let mut results = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                eprintln!("{}", "Time is up.".yellow().bold());
                break;
            }
            eprintln!(
                "{}",
                format!(
                    "[{} min {:02} s left]",
                    left.as_secs() / 60,
                    left.as_secs() % 60
                )
                .dimmed()
            );
        }
        eprintln!(
            "{} {} {}\n\n{}\n",
            format!("({}/{})", i + 1, questions.len()).dimmed(),
            q.id.bold(),
            format!("({})", q.topic_name).dimmed(),
            q.text.bold()
        );
        if interactive {
            eprintln!(
                "{}",
                "Answer, then an empty line twice (or `skip`).".dimmed()
            );
        }
        crate::cmd::ask::remember_asked(&q.id);
        let Some(answer) = next_answer(&mut lines, interactive)? else {
            break;
        };
        if answer.trim().eq_ignore_ascii_case("skip") || answer.trim().is_empty() {
            eprintln!("{}\n", "skipped".dimmed());
            results.push((q.id.clone(), None));
            continue;
        }
        let report = grader.grade(q, &answer)?;
        eprintln!(
            "{} {:.0}/100 {}\n",
            "→".bold(),
            report.score,
            report.band.name()
        );
        super::record(global, &deck_name, &report, &answer);
        results.push((q.id.clone(), Some(report)));
    }
    Ok(results)
}

/// The scorecard of a session.
fn scorecard(results: &[(String, Option<Report>)]) -> String {
    let mut out = format!("{}\n", "Scorecard".bold());
    let graded: Vec<&Report> = results.iter().filter_map(|(_, r)| r.as_ref()).collect();
    for (id, report) in results {
        match report {
            Some(r) => out.push_str(&format!(
                "  {:<18} {:>4.0}  {}\n",
                id,
                r.score,
                r.band.name()
            )),
            None => out.push_str(&format!("  {:<18}    -  skipped\n", id)),
        }
    }
    let answered = results.len().max(1) as f64;
    let average = graded.iter().map(|r| r.score).sum::<f64>() / answered;
    out.push_str(&format!(
        "\nOverall {:.0}/100 ({}), skipped questions count as 0\n",
        average,
        Band::of(average).name().to_uppercase()
    ));
    let mut study = Vec::new();
    for r in &graded {
        for c in r
            .concepts
            .iter()
            .filter(|c| c.status != ConceptStatus::Covered)
        {
            study.push(format!(
                "  - {}  (read: mockgrade show {})",
                c.label, r.question_id
            ));
        }
    }
    if !study.is_empty() {
        out.push_str(&format!(
            "\n{}\n{}\n",
            "Concepts to study".bold(),
            study.join("\n")
        ));
    }
    out
}

/// `mockgrade review`: the questions due now by the spaced-repetition schedule.
pub fn review(args: ReviewArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let grader = super::load_grader(global)?;
    let pool: Vec<&Question> = match &args.topic {
        Some(t) => grader.deck.topic(t)?.questions.iter().collect(),
        None => grader.deck.questions().collect(),
    };
    let schedule = super::history::open()?.schedule()?;
    let due = schedule.due(&pool, super::ask::now());
    if due.is_empty() {
        return super::print("nothing is due: try `mockgrade ask` for a new question\n");
    }
    eprintln!("{} questions due\n", due.len());
    let results = session(&grader, global, &due, None)?;
    super::print(&scorecard(&results))
}

/// `mockgrade mock`: a timed mock interview across topics.
pub fn mock(args: MockArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let grader = super::load_grader(global)?;
    let mut pool: Vec<&Question> = Vec::new();
    if args.topic.is_empty() {
        pool.extend(grader.deck.questions());
    } else {
        for t in &args.topic {
            pool.extend(grader.deck.topic(t)?.questions.iter());
        }
    }
    // One question per topic first, in the order practice prefers, then the rest.
    let mut chosen: Vec<&Question> = Vec::new();
    let mut remaining = pool.clone();
    while chosen.len() < args.questions && !remaining.is_empty() {
        let last = chosen.last().map(|q| q.id.clone());
        let fresh: Vec<&Question> = remaining
            .iter()
            .copied()
            .filter(|q| !chosen.iter().any(|c| c.topic_slug == q.topic_slug))
            .collect();
        let from = if fresh.is_empty() {
            remaining.clone()
        } else {
            fresh
        };
        let q = super::ask::pick(&grader, &from, last.as_deref(), global);
        chosen.push(q);
        remaining.retain(|r| r.id != q.id);
    }
    eprintln!(
        "{}",
        format!(
            "Mock interview: {} questions, {} minutes.\n",
            chosen.len(),
            args.minutes
        )
        .bold()
    );
    let deadline = Instant::now() + Duration::from_secs(args.minutes * 60);
    let results = session(&grader, global, &chosen, Some(deadline))?;
    super::print(&scorecard(&results))
}
