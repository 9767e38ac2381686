//! `mockgrade history`: recent attempts, one report again, or a JSONL export.

use anyhow::Context;

use crate::cli::{Format, GlobalArgs, HistoryAction, HistoryArgs};
use crate::history::{format_time, History};
use crate::report::Report;

pub fn run(args: HistoryArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    let history = open()?;
    match args.action {
        None => {
            let attempts = history.recent(args.limit)?;
            if args.format == Format::Json {
                return super::print(&(serde_json::to_string_pretty(&attempts)? + "\n"));
            }
            if attempts.is_empty() {
                return super::print("no attempts yet: try `mockgrade ask`\n");
            }
            let mut out = format!(
                "{:>5}  {:<16}  {:<18} {:>5}  {}\n",
                "#", "time (UTC)", "question", "score", "band"
            );
            for a in attempts {
                out.push_str(&format!(
                    "{:>5}  {:<16}  {:<18} {:>5.0}  {}\n",
                    a.id,
                    format_time(a.time),
                    a.question_id,
                    a.score,
                    a.band
                ));
            }
            super::print(&out)
        }
        Some(HistoryAction::Show { id, format }) => {
            let (attempt, json) = history
                .get(id)?
                .with_context(|| format!("no attempt #{id}: `mockgrade history` lists them"))?;
            if format == Format::Json {
                return super::print(&(json + "\n"));
            }
            let report: Report = serde_json::from_str(&json)
                .with_context(|| format!("attempt #{id} has an unreadable report"))?;
            let mut out = format!(
                "attempt #{} on {} (UTC)\n\n",
                attempt.id,
                format_time(attempt.time)
            );
            out.push_str(&report.to_human(false));
            if let Some(answer) = attempt.answer {
                out.push_str("\nYour answer\n");
                for line in crate::input::sanitize(&answer).trim_end().lines() {
                    out.push_str(&format!("  {}\n", line.trim_end()));
                }
            }
            super::print_human(&out)
        }
        Some(HistoryAction::Export) => {
            let mut out = String::new();
            for a in history.all()? {
                let report: serde_json::Value = history
                    .get(a.id)?
                    .and_then(|(_, json)| serde_json::from_str(&json).ok())
                    .unwrap_or(serde_json::Value::Null);
                let mut line = serde_json::to_value(&a)?;
                line["report"] = report;
                out.push_str(&serde_json::to_string(&line)?);
                out.push('\n');
            }
            super::print(&out)
        }
    }
}

/// Opens the history for reading or writing.
pub fn open() -> anyhow::Result<History> {
    let dir = crate::history::data_dir().context("no data directory: set MOCKGRADE_DATA_DIR")?;
    Ok(History::open(&dir)?)
}
