//! `mockgrade grade`: one answer from a file or stdin, or a JSONL batch.

use std::io::{BufReader, IsTerminal};
use std::path::Path;

use anyhow::Context;

use crate::cli::{Format, GlobalArgs, GradeArgs};
use crate::error::Error;
use crate::report::Report;

pub fn run(args: GradeArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    if args.batch.is_some() && args.format == Some(Format::Human) {
        return Err(Error::Usage(
            "--batch writes one JSON result per input line; --format human is not available with it (leave --format out, or use --format json)".into(),
        )
        .into());
    }
    let grader = super::load_grader(global)?;
    check_positionals(&args, &grader)?;
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
        None => super::deck_name(global),
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
    print_report(
        &report,
        args.format.unwrap_or_default(),
        args.show_reference,
    )?;
    super::record(
        global,
        &deck_name,
        &report,
        &answer,
        args.reference.is_some(),
    );
    // The process ends here: skip freeing the grader's many small allocations.
    std::mem::forget(grader);
    Ok(())
}

/// Refuses a question id given where the answer file goes (`grade 3.2
/// answer.txt`, or `grade 3.2` with no such file) with the command that works.
fn check_positionals(args: &GradeArgs, grader: &crate::grade::Grader) -> anyhow::Result<()> {
    let first = args.file.as_deref().map(|p| p.display().to_string());
    let is_question = |name: &str| {
        args.question.is_none()
            && args.reference.is_none()
            && args.batch.is_none()
            && !Path::new(name).exists()
            && grader.deck.question(name).is_ok()
    };
    let hint = |id: &str, file: &str| {
        Error::Usage(format!(
            "`{id}` is a question, not an answer file: say `mockgrade grade --question {id} {file}`"
        ))
    };
    match (first.as_deref(), args.extra.as_slice()) {
        (Some(id), [file]) if is_question(id) => Err(hint(id, file).into()),
        (Some(id), []) if is_question(id) => Err(hint(id, "[FILE]").into()),
        (_, []) => Ok(()),
        (_, extra) => Err(Error::Usage(format!(
            "unexpected argument{} {}: grade takes one answer FILE (or `-` for stdin); see `mockgrade grade --help`",
            if extra.len() == 1 { "" } else { "s" },
            extra.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(" ")
        ))
        .into()),
    }
}

/// Reads the answer from a file, or stdin for `-` or no file: typed at a
/// terminal (with a prompt on stderr), or piped.
pub fn read_answer(file: Option<&Path>) -> anyhow::Result<String> {
    let text = match file {
        Some(p) if p != Path::new("-") => crate::input::read_text_file(p)?,
        _ if std::io::stdin().is_terminal() => super::ask::read_typed()?,
        _ => crate::input::read_stdin()?,
    };
    crate::input::require_answer(&text)?;
    Ok(text)
}

/// Prints a report in the chosen format.
pub fn print_report(report: &Report, format: Format, show_reference: bool) -> anyhow::Result<()> {
    match format {
        Format::Json => super::print(&(report.to_json() + "\n")),
        Format::Human => super::print_human(&report.to_human(show_reference)),
    }
}
