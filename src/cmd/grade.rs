//! `mockgrade grade`: one answer from a file or stdin, or a JSONL batch.

use std::io::BufReader;
use std::path::Path;

use anyhow::Context;

use crate::cli::{Format, GlobalArgs, GradeArgs};
use crate::report::Report;

pub fn run(args: GradeArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let grader = super::load_grader(global)?;
    if let Some(batch) = &args.batch {
        if let Some(n) = args.threads {
            // Ignored if a pool already exists; output does not depend on it.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build_global();
        }
        let stdout = std::io::stdout().lock();
        let result = if batch == Path::new("-") {
            crate::batch::run(&grader, std::io::stdin().lock(), stdout)
        } else {
            if batch.is_dir() {
                anyhow::bail!("{}: is a directory, not a JSONL file", batch.display());
            }
            let file = std::fs::File::open(batch).map_err(|e| crate::error::Error::io(batch, e))?;
            crate::batch::run(&grader, BufReader::new(file), stdout)
        };
        return match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(e).with_context(|| format!("could not grade {}", batch.display())),
            Ok(_) => Ok(()),
        };
    }
    let answer = read_answer(args.file.as_deref())?;
    let deck_name = match &args.reference {
        Some(p) => format!("reference {}", p.display()),
        None => global
            .deck
            .as_ref()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "built-in".into()),
    };
    let report = if let Some(reference_path) = &args.reference {
        let reference = crate::input::read_text_file(reference_path)?;
        crate::input::require_answer(&reference).with_context(|| {
            format!("the reference answer {} is empty", reference_path.display())
        })?;
        grader.grade_against_reference("", &reference, &answer)?
    } else {
        let Some(name) = &args.question else {
            anyhow::bail!("say which question the answer is for: --question ID (see `mockgrade list`), or --reference REF.txt");
        };
        let question = grader.deck.question(name)?;
        grader.grade(question, &answer)?
    };
    print_report(&report, args.format, args.show_reference)?;
    super::record(global, &deck_name, &report, &answer);
    // The process ends here: skip freeing the grader's many small allocations.
    std::mem::forget(grader);
    Ok(())
}

/// Reads the answer from a file, or stdin for `-` or no file.
pub fn read_answer(file: Option<&Path>) -> anyhow::Result<String> {
    let text = match file {
        Some(p) if p != Path::new("-") => crate::input::read_text_file(p)?,
        _ => crate::input::read_stdin()?,
    };
    crate::input::require_answer(&text)?;
    Ok(text)
}

/// Prints a report in the chosen format.
pub fn print_report(report: &Report, format: Format, show_reference: bool) -> anyhow::Result<()> {
    match format {
        Format::Json => super::print(&(report.to_json() + "\n")),
        Format::Human => super::print(&report.to_human(show_reference)),
    }
}
