//! `mockgrade eval`: agreement with human grades in a JSONL file.

use std::io::BufRead;

use colored::Colorize;
use rayon::prelude::*;
use serde_json::Value;

use crate::batch;
use crate::cli::{EvalArgs, Format, GlobalArgs};
use crate::eval::{evaluate, Pair};

pub fn run(args: EvalArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let grader = super::load_grader(global)?;
    if args.file.is_dir() {
        anyhow::bail!("{}: is a directory, not a JSONL file", args.file.display());
    }
    let file =
        std::fs::File::open(&args.file).map_err(|e| crate::error::Error::io(&args.file, e))?;
    let lines: Vec<(usize, String)> = std::io::BufReader::new(file)
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.ok().map(|l| (i + 1, l)))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let results: Vec<Result<Pair, String>> = lines
        .par_iter()
        .map(|(n, line)| {
            let item = batch::parse_line(line).map_err(|e| format!("line {n}: {e}"))?;
            let value: Value = serde_json::from_str(line).map_err(|e| format!("line {n}: {e}"))?;
            let human = value
                .get(&args.gold_field)
                .and_then(Value::as_f64)
                .ok_or_else(|| format!("line {n}: no numeric `{}` field", args.gold_field))?;
            // An empty answer is refused by `grade`; for agreement it counts as 0.
            let tool = if crate::text::analyze(&item.answer)
                .content()
                .next()
                .is_none()
            {
                0.0
            } else {
                batch::grade_item(&grader, &item)
                    .map_err(|e| format!("line {n}: {e}"))?
                    .score
            };
            let question_id = match &item.target {
                batch::Target::Deck(id) => id.clone(),
                batch::Target::Reference { .. } => "custom".to_string(),
            };
            let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
            Ok(Pair {
                id: text("id")
                    .or_else(|| text("aid"))
                    .unwrap_or_else(|| format!("line {n}")),
                question_id: text("qid").unwrap_or(question_id),
                kind: text("kind"),
                tool,
                human,
            })
        })
        .collect();
    let mut pairs = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(p) => pairs.push(p),
            Err(e) => errors.push(e),
        }
    }
    if pairs.is_empty() {
        anyhow::bail!(
            "{}: no gradable lines ({}{})",
            args.file.display(),
            crate::term::count(errors.len(), "error"),
            errors
                .first()
                .map(|e| format!(", first: {e}"))
                .unwrap_or_default()
        );
    }
    let e = evaluate(pairs, args.scale, args.worst, errors);
    if args.format == Format::Json {
        return super::print(&(serde_json::to_string_pretty(&e)? + "\n"));
    }
    let o = &e.overall;
    let mut out = format!(
        "{}: Pearson {:.3}, Spearman {:.3}, MAE {:.2} on the 0-{} scale\n",
        crate::term::count(o.n, "answer"),
        o.pearson,
        o.spearman,
        o.mae,
        e.scale
    );
    if !e.by_kind.is_empty() {
        out.push_str(&format!(
            "\n{:<15} {:>3} {:>7} {:>7} {:>6} {:>8}\n",
            "kind", "n", "human", "tool", "MAE", "tool max"
        ));
        for (kind, a) in &e.by_kind {
            out.push_str(&format!(
                "{:<15} {:>3} {:>7.2} {:>7.2} {:>6.2} {:>8.1}\n",
                kind,
                a.n,
                a.mean_human,
                a.mean_tool / 100.0 * e.scale,
                a.mae,
                a.max_tool / 100.0 * e.scale
            ));
        }
    }
    if !e.worst.is_empty() {
        out.push_str(&format!("\n{}\n", "Worst disagreements".bold()));
    }
    for p in &e.worst {
        out.push_str(&format!(
            "  {:<10} {:<18} {:<14} human {:>4.1}  tool {:>4.1}\n",
            p.id,
            p.question_id,
            p.kind.as_deref().unwrap_or("-"),
            p.human,
            p.tool / 100.0 * e.scale
        ));
    }
    if !e.errors.is_empty() {
        out.push_str(&format!(
            "\n{} could not be graded; first: {}\n",
            crate::term::count(e.errors.len(), "line"),
            e.errors[0]
        ));
    }
    super::print(&out)
}
