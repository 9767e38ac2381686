//! `mockgrade stats`: attempts and average per topic, trend, most missed concepts.

use std::collections::BTreeMap;

use colored::Colorize;
use serde_json::json;

use crate::cli::{Format, GlobalArgs, StatsArgs};
use crate::term::count;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn run(args: StatsArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let history = super::history::open()?;
    let deck = super::load_deck(global)?;
    let topic_of = |qid: &str| {
        deck.question(qid)
            .map(|q| q.topic_slug.clone())
            .unwrap_or_else(|_| {
                qid.rsplit_once('-')
                    .map(|(t, _)| t.to_string())
                    .unwrap_or_default()
            })
    };
    let wanted = match &args.topic {
        Some(t) => Some(deck.topic(t)?.slug.clone()),
        None => None,
    };
    let all = history.all()?;
    // Grades against a custom reference answer have no topic: not counted here.
    let custom = all.iter().filter(|a| a.custom).count();
    let attempts: Vec<_> = all
        .into_iter()
        .filter(|a| !a.custom)
        .filter(|a| {
            wanted
                .as_ref()
                .is_none_or(|t| topic_of(&a.question_id) == *t)
        })
        .collect();
    let mut per_topic: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for a in &attempts {
        let e = per_topic.entry(topic_of(&a.question_id)).or_default();
        e.0 += 1;
        e.1 += a.score;
    }
    let scores: Vec<f64> = attempts.iter().map(|a| a.score).collect();
    let missed = history.missed_concepts(10)?;
    if args.format == Format::Json {
        let value = json!({
            "attempts": attempts.len(),
            "custom_reference_attempts": custom,
            "average": if scores.is_empty() { 0.0 } else { scores.iter().sum::<f64>() / scores.len() as f64 },
            "topics": per_topic.iter().map(|(t, (n, sum))| json!({"topic": t, "attempts": n, "average": sum / *n as f64})).collect::<Vec<_>>(),
            "trend": scores,
            "most_missed": missed.iter().map(|(id, label, misses, seen)| json!({"concept": id, "label": label, "missed": misses, "seen": seen})).collect::<Vec<_>>(),
        });
        return super::print(&(serde_json::to_string_pretty(&value)? + "\n"));
    }
    let custom_note = if custom > 0 {
        format!(
            "\n({} against your own reference answers not counted: they have no topic)\n",
            count(custom, "grade")
        )
    } else {
        String::new()
    };
    if attempts.is_empty() {
        return super::print(&format!(
            "no attempts yet: try `mockgrade ask`\n{custom_note}"
        ));
    }
    let mut out = format!("{}\n", "Per topic".bold());
    for (topic, (n, sum)) in &per_topic {
        let avg = sum / *n as f64;
        let bar = "█".repeat((avg / 5.0).round() as usize);
        out.push_str(&format!(
            "  {topic:<16} {:>13}  avg {avg:>5.1}  {bar}\n",
            count(*n, "attempt")
        ));
    }
    let spark: String = scores
        .iter()
        .map(|s| BARS[((s / 100.0) * 7.0).round().clamp(0.0, 7.0) as usize])
        .collect();
    out.push_str(&format!(
        "\n{}  {spark}  (oldest to newest)\n",
        "Trend".bold()
    ));
    if !missed.is_empty() {
        out.push_str(&format!("\n{}\n", "Most missed concepts".bold()));
        for (id, label, misses, seen) in &missed {
            out.push_str(&format!("  {misses:>3}/{seen:<3} {label}  ({id})\n"));
        }
    }
    out.push_str(&custom_note);
    super::print_human(&out)
}
