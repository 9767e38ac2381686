//! `mockgrade review` (the questions due now) and `mockgrade mock` (a timed mock
//! interview across topics). Answers are read one after another: at a terminal,
//! each ends with a line `.` or Ctrl-D (Ctrl-D on an empty answer ends the
//! session) and `skip` alone on the first line skips at once; piped, answers
//! are separated by a line `---` and an answer `skip` skips. Every graded
//! answer is saved as soon as it is graded, so an interrupted session keeps them.

use std::io::{BufRead, IsTerminal};
use std::time::{Duration, Instant};

use colored::Colorize;

use crate::cli::{GlobalArgs, MockArgs, ReviewArgs};
use crate::corpus::Question;
use crate::grade::Grader;
use crate::input::Typed;
use crate::report::{Band, ConceptStatus, Report};
use crate::term::count;

/// Reads the next piped answer, up to a line `---`; `Typed::End` at the end of input.
fn next_piped(input: &mut impl BufRead) -> anyhow::Result<Typed> {
    let mut answer = String::new();
    let mut saw_line = false;
    for line in input.lines() {
        let line = line.map_err(|e| anyhow::anyhow!("could not read the answer: {e}"))?;
        saw_line = true;
        if line.trim() == "---" {
            return Ok(classify(answer));
        }
        answer.push_str(&line);
        answer.push('\n');
    }
    Ok(if saw_line && !answer.trim().is_empty() {
        classify(answer)
    } else {
        Typed::End
    })
}

/// A piped answer `skip` skips.
fn classify(answer: String) -> Typed {
    if answer.trim().eq_ignore_ascii_case("skip") {
        Typed::Skip
    } else {
        Typed::Answer(answer)
    }
}

/// One question of a session: its id, its report (None when skipped), and
/// how late after the time limit the answer came (mock only).
struct Outcome {
    id: String,
    report: Option<Report>,
    late: Option<Duration>,
}

/// "3 min 05 s" for a duration.
fn minutes_seconds(d: Duration) -> String {
    format!("{} min {:02} s", d.as_secs() / 60, d.as_secs() % 60)
}

/// Asks the questions in order; returns what happened to each.
fn session(
    grader: &Grader,
    global: &GlobalArgs,
    questions: &[&Question],
    deadline: Option<Instant>,
) -> anyhow::Result<Vec<Outcome>> {
    let interactive = std::io::stdin().is_terminal();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let deck_name = super::deck_name(global);
    let mut results = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                eprintln!("{}", "Time is up.".yellow().bold());
                break;
            }
            eprintln!("{}", format!("[{} left]", minutes_seconds(left)).dimmed());
        }
        crate::term::eprint_wrapped(&format!(
            "{} {} {}\n\n{}\n",
            format!("({}/{})", i + 1, questions.len()).dimmed(),
            q.id.bold(),
            format!("({})", q.topic_name).dimmed(),
            q.text.bold()
        ));
        if interactive {
            eprintln!("{}", crate::input::typed_prompt(true).dimmed());
        }
        crate::cmd::ask::remember_asked(&q.id);
        let typed = if interactive {
            crate::input::read_typed(&mut input, true)?
        } else {
            next_piped(&mut input)?
        };
        let late = deadline
            .map(|d| Instant::now().saturating_duration_since(d))
            .filter(|l| !l.is_zero());
        let answer = match typed {
            Typed::End => break,
            Typed::Answer(a) if !a.trim().is_empty() => a,
            Typed::Skip | Typed::Answer(_) => {
                eprintln!("{}\n", "skipped".dimmed());
                results.push(Outcome {
                    id: q.id.clone(),
                    report: None,
                    late,
                });
                continue;
            }
        };
        let report = grader.grade(q, &answer)?;
        eprintln!(
            "{} {:.0}/100 {}{}\n",
            "→".bold(),
            report.score,
            report.band.name(),
            late.map(|l| format!(
                "  {}",
                format!(
                    "(late: answered {} after the time ran out)",
                    minutes_seconds(l)
                )
                .yellow()
            ))
            .unwrap_or_default()
        );
        super::record(global, &deck_name, &report, &answer, false);
        results.push(Outcome {
            id: q.id.clone(),
            report: Some(report),
            late,
        });
    }
    Ok(results)
}

/// The scorecard of a session.
fn scorecard(results: &[Outcome]) -> String {
    let mut out = format!("{}\n", "Scorecard".bold());
    let graded: Vec<&Report> = results.iter().filter_map(|o| o.report.as_ref()).collect();
    for o in results {
        let late = o
            .late
            .map(|l| format!("  late by {}", minutes_seconds(l)))
            .unwrap_or_default();
        match &o.report {
            Some(r) => out.push_str(&format!(
                "  {:<18} {:>4.0}  {}{late}\n",
                o.id,
                r.score,
                r.band.name()
            )),
            None => out.push_str(&format!("  {:<18}    -  skipped\n", o.id)),
        }
    }
    if results.is_empty() {
        out.push_str("  no question was answered\n");
        return out;
    }
    let answered = results.len() as f64;
    // `+ 0.0` turns a negative zero (the sum of nothing) into "0".
    let average = graded.iter().map(|r| r.score).sum::<f64>() / answered + 0.0;
    out.push_str(&format!(
        "\nOverall {:.0}/100 ({}){}\n",
        average,
        Band::of(average).name().to_uppercase(),
        if graded.len() < results.len() {
            ", skipped questions count as 0"
        } else {
            ""
        }
    ));
    let late = results.iter().filter(|o| o.late.is_some()).count();
    if late > 0 {
        out.push_str(&format!(
            "{} after the time ran out\n",
            count(late, "answer")
        ));
    }
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
    eprintln!("{} due\n", count(due.len(), "question"));
    let results = session(&grader, global, &due, None)?;
    super::print_human(&scorecard(&results))
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
    while (chosen.len() as u64) < args.questions && !remaining.is_empty() {
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
            "Mock interview: {}, {}.\n",
            count(chosen.len(), "question"),
            if args.minutes == 1.0 {
                "1 minute".to_string()
            } else {
                format!("{} minutes", args.minutes)
            }
        )
        .bold()
    );
    let deadline = Instant::now() + Duration::from_secs_f64(args.minutes * 60.0);
    let results = session(&grader, global, &chosen, Some(deadline))?;
    super::print_human(&scorecard(&results))
}
