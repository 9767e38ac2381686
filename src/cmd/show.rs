//! `mockgrade show`: a question with its reference answer and rubric, or a topic's study notes.

use colored::Colorize;
use serde_json::json;

use crate::cli::{Format, GlobalArgs, ShowArgs};

pub fn run(args: ShowArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let grader = super::load_grader(global)?;
    let deck = &grader.deck;
    if let Ok(q) = deck.question(&args.name) {
        let rubric = grader.rubric_for(q);
        let out = match args.format {
            Format::Json => {
                serde_json::to_string_pretty(&json!({
                    "id": q.id, "number": q.number, "topic": q.topic_slug, "question": q.text,
                    "reference": q.reference,
                    "concepts": rubric.concepts.iter().map(|c| json!({
                        "id": c.id, "label": c.label, "weight": c.weight, "explanation": c.explanation,
                    })).collect::<Vec<_>>(),
                    "misconceptions": rubric.misconceptions.iter().map(|m| json!({
                        "id": m.id, "label": m.label, "explanation": m.explanation,
                    })).collect::<Vec<_>>(),
                }))? + "\n"
            }
            Format::Human => {
                let mut out = format!("{} ({})  {}\n\n", q.id.bold(), q.number, q.text.bold());
                out.push_str(&format!("{}\n", "Reference answer".bold()));
                for line in crate::input::sanitize(&q.reference).lines() {
                    out.push_str(&format!("  {}\n", line.trim()));
                }
                out.push_str(&format!("\n{}\n", "Key concepts".bold()));
                for c in &rubric.concepts {
                    out.push_str(&format!(
                        "  [{}] {}  ({})\n      {}\n",
                        c.weight,
                        c.label,
                        c.id,
                        c.explanation.dimmed()
                    ));
                }
                if !rubric.misconceptions.is_empty() {
                    out.push_str(&format!("\n{}\n", "Misconceptions".bold()));
                    for m in &rubric.misconceptions {
                        out.push_str(&format!(
                            "  {}\n      {}\n",
                            m.label,
                            m.explanation.dimmed()
                        ));
                    }
                }
                crate::term::wrap(&out, crate::term::width())
            }
        };
        return super::print(&out);
    }
    let topic = match deck.topic(&args.name) {
        Ok(t) => t,
        Err(_) => {
            // Neither matched: suggest from both namespaces.
            let mut names: Vec<&str> = deck.topics.iter().map(|t| t.slug.as_str()).collect();
            names.extend(deck.questions().map(|q| q.id.as_str()));
            let wanted = args.name.to_lowercase();
            return Err(crate::error::Error::UnknownName {
                kind: "question or topic",
                name: args.name.clone(),
                suggestion: crate::error::did_you_mean(&wanted, &names),
                hint: "`mockgrade list` shows every topic and question".into(),
            }
            .into());
        }
    };
    let out = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&json!({
                "topic": topic.slug, "number": topic.number, "name": topic.name,
                "intro": topic.intro, "notes": topic.notes.join("\n"),
                "questions": topic.questions.iter().map(|q| json!({"id": q.id, "question": q.text})).collect::<Vec<_>>(),
            }))? + "\n"
        }
        Format::Human => {
            let width = crate::term::width();
            let head = format!("{}. {} ({})", topic.number, topic.name.bold(), topic.slug);
            let mut out = crate::term::wrap_line(&head, width, 2);
            out.push('\n');
            if !topic.intro.is_empty() {
                let intro = crate::input::sanitize(&topic.intro);
                out.push_str(&crate::term::wrap_line(
                    &intro.italic().to_string(),
                    width,
                    0,
                ));
                out.push('\n');
            }
            out.push('\n');
            let notes = crate::notes::render(&topic.notes, width);
            if !notes.trim().is_empty() {
                out.push_str(notes.trim_end());
                out.push_str("\n\n");
            }
            out.push_str(&format!("{}\n", "Questions".bold()));
            for q in &topic.questions {
                let line = format!("  {:<18} {}", q.id, q.text);
                out.push_str(&crate::term::wrap_line(&line, width, 21));
                out.push('\n');
            }
            out
        }
    };
    super::print(&out)
}
