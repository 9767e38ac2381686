//! `mockgrade list`: topics and questions with their ids.

use serde_json::json;

use crate::cli::{Format, GlobalArgs, ListArgs};

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
            for t in topics {
                out.push_str(&format!("{:>2}. {} ({})\n", t.number, t.name, t.slug));
                for q in &t.questions {
                    out.push_str(&format!("    {:<18} {:<5} {}\n", q.id, q.number, q.text));
                }
            }
            let n = deck.questions().count();
            out.push_str(&format!("\n{} topics, {n} questions\n", deck.topics.len()));
        }
    }
    super::print(&out)
}
