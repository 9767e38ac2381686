//! Batch grading of JSONL: parsing each line, grading lines in parallel in
//! bounded chunks, and writing one JSON result per input line, in order.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::grade::Grader;
use crate::report::Report;

/// How many lines are read and graded at a time (bounds memory on huge files).
pub const CHUNK_LINES: usize = 4096;

/// What one batch line asks to grade.
#[derive(Debug, Clone)]
pub struct Item {
    /// The line's fields, echoed back (all but `answer`, `question` and `reference`).
    pub echo: Map<String, Value>,
    pub answer: String,
    pub target: Target,
}

/// The question a batch line is graded against.
#[derive(Debug, Clone)]
pub enum Target {
    /// A deck question by id or number.
    Deck(String),
    /// Free question text and reference answer (derived rubric).
    Reference { question: String, reference: String },
}

/// Parses one JSONL line.
pub fn parse_line(line: &str) -> Result<Item, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(mut fields) = value else {
        return Err("expected a JSON object".into());
    };
    let take_string = |name: &str| match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("field `{name}` must be a string")),
    };
    let answer = take_string("answer")?.ok_or("missing field `answer`")?;
    let question_id = take_string("question_id")?;
    let question = take_string("question")?;
    let reference = take_string("reference")?;
    let target = match (question_id, reference) {
        (Some(id), _) => Target::Deck(id),
        (None, Some(reference)) => Target::Reference {
            question: question.unwrap_or_default(),
            reference,
        },
        (None, None) => {
            return Err("missing field `question_id` (or `question` and `reference`)".into())
        }
    };
    for big in ["answer", "question", "reference", "references"] {
        fields.remove(big);
    }
    Ok(Item {
        echo: fields,
        answer,
        target,
    })
}

/// Grades one parsed item.
pub fn grade_item(grader: &Grader, item: &Item) -> Result<Report, String> {
    let result = match &item.target {
        Target::Deck(id) => grader
            .deck
            .question(id)
            .map_err(|e| e.to_string())
            .and_then(|q| grader.grade(q, &item.answer).map_err(|e| e.to_string())),
        Target::Reference {
            question,
            reference,
        } => grader
            .grade_against_reference(question, reference, &item.answer)
            .map_err(|e| e.to_string()),
    };
    result
}

/// The output object of one line: echoed fields plus the report, or an error.
pub fn result_line(line_no: usize, line: &str, grader: &Grader) -> Value {
    let (mut out, result) = match parse_line(line) {
        Ok(item) => {
            let result = grade_item(grader, &item);
            (item.echo, result)
        }
        Err(e) => {
            let mut echo = Map::new();
            if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(line) {
                if let Some(id) = fields.get("id") {
                    echo.insert("id".into(), id.clone());
                }
            }
            (echo, Err(e))
        }
    };
    match result {
        Ok(report) => {
            if let Ok(Value::Object(fields)) = serde_json::to_value(&report) {
                out.extend(fields);
            }
        }
        Err(e) => {
            out.insert("line".into(), Value::from(line_no));
            out.insert("error".into(), Value::from(e));
        }
    }
    Value::Object(out)
}

/// Grades a JSONL stream into a JSONL writer; returns (lines, errors).
pub fn run(
    grader: &Grader,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<(usize, usize)> {
    let mut lines = input.lines();
    let mut line_no = 0;
    let mut errors = 0;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK_LINES);
        for line in lines.by_ref() {
            line_no += 1;
            let line = match line {
                Ok(l) => l,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    String::from("\u{0}invalid UTF-8")
                }
                Err(e) => return Err(e),
            };
            if line.trim().is_empty() {
                continue;
            }
            chunk.push((line_no, line));
            if chunk.len() == CHUNK_LINES {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Value> = chunk
            .par_iter()
            .map(|(n, line)| {
                if line.starts_with('\u{0}') {
                    let mut out = Map::new();
                    out.insert("line".into(), Value::from(*n));
                    out.insert("error".into(), Value::from("line is not valid UTF-8"));
                    Value::Object(out)
                } else {
                    result_line(*n, line, grader)
                }
            })
            .collect();
        for r in results {
            if r.get("error").is_some() {
                errors += 1;
            }
            serde_json::to_writer(&mut output, &r)?;
            output.write_all(b"\n")?;
        }
    }
    output.flush()?;
    Ok((line_no, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_deck_and_reference_lines() {
        let item = parse_line(r#"{"id":"a","question_id":"3.2","answer":"x"}"#).unwrap();
        assert!(matches!(item.target, Target::Deck(ref q) if q == "3.2"));
        assert_eq!(item.echo.get("id").unwrap(), "a");
        let item = parse_line(r#"{"question":"q","reference":"r","answer":"x"}"#).unwrap();
        assert!(matches!(item.target, Target::Reference { .. }));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        assert!(parse_line("{").unwrap_err().contains("invalid JSON"));
        assert!(parse_line("[1]").unwrap_err().contains("object"));
        assert!(parse_line(r#"{"question_id":"3.2"}"#)
            .unwrap_err()
            .contains("answer"));
        assert!(parse_line(r#"{"answer":"x"}"#)
            .unwrap_err()
            .contains("question_id"));
        assert!(parse_line(r#"{"answer":5,"question_id":"x"}"#)
            .unwrap_err()
            .contains("string"));
    }
}
