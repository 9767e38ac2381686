//! `mockgrade search`: ranked search over questions and reference answers.

use colored::Colorize;
use serde_json::json;

use crate::cli::{Format, GlobalArgs, SearchArgs};
use crate::index::DeckIndex;

pub fn run(args: SearchArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let deck = super::load_deck(global)?;
    let index = DeckIndex::build(&deck)?;
    let query = args.query.join(" ");
    let hits = index.search(&query, args.limit)?;
    let mut out = String::new();
    match args.format {
        Format::Json => {
            let value: Vec<_> = hits
                .iter()
                .map(|h| json!({"question_id": h.question_id, "score": h.score, "snippet": h.fragment}))
                .collect();
            out = serde_json::to_string_pretty(&value)? + "\n";
        }
        Format::Human => {
            if hits.is_empty() {
                out.push_str(&format!("no question matches \"{query}\"\n"));
            }
            for h in &hits {
                let text = deck
                    .question(&h.question_id)
                    .map(|q| q.text.clone())
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{}  {}  {}\n",
                    h.question_id.bold(),
                    text,
                    format!("({:.2})", h.score).dimmed()
                ));
                let mut snippet = String::new();
                let mut last = 0;
                for r in &h.highlighted {
                    snippet.push_str(&h.fragment[last..r.start]);
                    snippet.push_str(&h.fragment[r.clone()].yellow().bold().to_string());
                    last = r.end;
                }
                snippet.push_str(&h.fragment[last..]);
                out.push_str(&format!("    …{snippet}…\n\n"));
            }
        }
    }
    match args.format {
        Format::Json => super::print(&out),
        Format::Human => super::print_human(&out),
    }
}
