//! `mockgrade list`: topics and questions with their ids.

use serde_json::json;

use crate::cli::{Format, GlobalArgs, ListArgs};
use crate::term::count;

pub fn run(args: ListArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let deck = super::load_deck(global)?;
    let topics: Vec<_> = match &args.topic {
        Some(name) => vec![deck.topic(name)?],
        None => deck.topics.iter().collect(),
    };
    let mut out = String::new();
    match args.format {
        Format::Json => {
            let value: Vec<_> = topics
                .iter()
                .map(|t| {
                    json!({
                        "topic": t.slug, "number": t.number, "name": t.name,
                        "questions": t.questions.iter().map(|q| json!({
                            "id": q.id, "number": q.number, "question": q.text,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&value)? + "\n";
        }
        Format::Human => {
            let width = crate::term::width();
            for t in &topics {
                out.push_str(&format!("{:>2}. {} ({})\n", t.number, t.name, t.slug));
                for q in &t.questions {
                    let line = format!("    {:<18} {:<5} {}", q.id, q.number, q.text);
                    // Continuation lines of a long question sit under its text.
                    out.push_str(&crate::term::wrap_line(&line, width, 29));
                    out.push('\n');
                }
            }
            // The counts are of what is listed, so a `--topic` list counts that topic.
            let n: usize = topics.iter().map(|t| t.questions.len()).sum();
            out.push_str(&format!(
                "\n{}, {}\n",
                count(topics.len(), "topic"),
                count(n, "question")
            ));
        }
    }
    super::print(&out)
}
