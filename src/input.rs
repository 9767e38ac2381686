//! Reading answers and files safely: size limit, UTF-8 and binary checks,
//! answers typed or pasted at a terminal (ended by Ctrl-D or a line `.`), and
//! cleaning user text before it is echoed to a terminal.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::error::Error;

/// The largest answer or deck file accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// The largest deck or rubric file accepted, in bytes.
pub const MAX_DECK_BYTES: usize = 256 * 1024 * 1024;

/// Reads a UTF-8 answer file, refusing directories, binary files and oversized files.
pub fn read_text_file(path: &Path) -> Result<String, Error> {
    read_file_up_to(path, MAX_INPUT_BYTES)
}

/// Reads a UTF-8 text file of at most `limit` bytes, refusing directories and binary files.
pub fn read_file_up_to(path: &Path, limit: usize) -> Result<String, Error> {
    if path.is_dir() {
        return Err(Error::Input {
            path: path.display().to_string(),
            message: "is a directory, not a file: give the path of a text file".into(),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len() as usize).unwrap_or(0);
    read_limited(
        file,
        &path.display().to_string(),
        limit,
        size.min(limit + 1),
    )
}

/// Reads standard input as UTF-8 text with the same checks as a file.
pub fn read_stdin() -> Result<String, Error> {
    read_limited(std::io::stdin().lock(), "<stdin>", MAX_INPUT_BYTES, 0)
}

fn read_limited(
    reader: impl Read,
    name: &str,
    limit: usize,
    expected: usize,
) -> Result<String, Error> {
    let mut bytes = Vec::with_capacity(expected + 1);
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Input {
            path: name.to_string(),
            message: format!("could not read: {e}"),
        })?;
    if bytes.len() > limit {
        return Err(Error::Input {
            path: name.to_string(),
            message: if limit == MAX_INPUT_BYTES {
                format!(
                    "larger than the limit of {} KiB: an interview answer is a few hundred words",
                    limit / 1024
                )
            } else {
                format!("larger than the limit of {} MiB", limit / (1024 * 1024))
            },
        });
    }
    decode(bytes, name)
}

/// Checks NUL bytes and UTF-8 of raw input bytes.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<String, Error> {
    if bytes.contains(&0) {
        return Err(Error::Input {
            path: name.to_string(),
            message: "contains NUL bytes: this looks like a binary file, not a text answer".into(),
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::Input {
        path: name.to_string(),
        message: format!(
            "is not valid UTF-8 (invalid byte at offset {}): save it as UTF-8 text",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// The line that ends an answer typed at a terminal.
pub const END_MARKER: &str = ".";

/// What the user typed at a terminal for one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// An answer (possibly empty), ended by the end marker or Ctrl-D.
    Answer(String),
    /// `skip` alone on the first line (only when skipping is allowed).
    Skip,
    /// End of input before anything was typed (Ctrl-D on an empty answer).
    End,
}

/// The prompt that says how to finish a typed answer (two short lines).
pub fn typed_prompt(allow_skip: bool) -> String {
    format!(
        "Type or paste your answer; blank lines are kept.\nEnd it with a line holding only `{END_MARKER}`, or with Ctrl-D{}.",
        if allow_skip { "; `skip` skips" } else { "" }
    )
}

/// Reads one answer typed or pasted at a terminal: every line, blank ones
/// included, until a line holding only [`END_MARKER`] or the end of input, so a
/// pasted answer is never cut short and never left for the shell to run. With
/// `allow_skip`, `skip` alone on the first line skips at once.
pub fn read_typed(reader: &mut impl BufRead, allow_skip: bool) -> Result<Typed, Error> {
    let mut answer = String::new();
    let mut saw_input = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::Input {
                path: "<stdin>".into(),
                message: format!("could not read the answer: {e}"),
            })?;
        if n == 0 {
            break;
        }
        saw_input = true;
        let text = decode(std::mem::take(&mut line), "<stdin>")?;
        let content = text.trim();
        if content == END_MARKER {
            return Ok(Typed::Answer(answer));
        }
        if allow_skip && answer.trim().is_empty() && content.eq_ignore_ascii_case("skip") {
            return Ok(Typed::Skip);
        }
        answer.push_str(text.trim_end_matches(['\n', '\r']));
        answer.push('\n');
        if answer.len() > MAX_INPUT_BYTES {
            return Err(Error::Input {
                path: "<stdin>".into(),
                message: format!(
                    "larger than the limit of {} KiB: an interview answer is a few hundred words",
                    MAX_INPUT_BYTES / 1024
                ),
            });
        }
    }
    Ok(if !saw_input {
        Typed::End
    } else {
        Typed::Answer(answer)
    })
}

/// Rejects an answer that has no words.
pub fn require_answer(answer: &str) -> Result<&str, Error> {
    if answer.trim().is_empty() {
        Err(Error::EmptyAnswer)
    } else {
        Ok(answer)
    }
}

/// Removes control characters and escape sequences so user text is safe to print.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip an ANSI escape sequence: ESC [ ... final byte, or ESC + one char.
            if chars.peek() == Some(&'[') {
                chars.next();
                for n in chars.by_ref() {
                    if ('@'..='~').contains(&n) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
            continue;
        }
        if c == '\n' || c == '\t' || !c.is_control() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_binary_and_invalid_utf8() {
        assert!(decode(vec![b'a', 0, b'b'], "x")
            .unwrap_err()
            .to_string()
            .contains("NUL"));
        assert!(decode(vec![0xff, 0xfe], "x")
            .unwrap_err()
            .to_string()
            .contains("UTF-8"));
        assert_eq!(decode(b"ok".to_vec(), "x").unwrap(), "ok");
    }

    #[test]
    fn sanitize_strips_escapes_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m\u{7}b\nc"), "aredb\nc");
    }

    fn typed(input: &str, allow_skip: bool) -> Typed {
        read_typed(
            &mut std::io::Cursor::new(input.as_bytes().to_vec()),
            allow_skip,
        )
        .unwrap()
    }

    #[test]
    fn typed_answers_keep_blank_lines_and_end_at_the_marker_or_eof() {
        let pasted =
            "First paragraph.\n\n\nSecond after two blank lines.\n\nThird.\n.\nnext answer\n";
        assert_eq!(
            typed(pasted, false),
            Typed::Answer("First paragraph.\n\n\nSecond after two blank lines.\n\nThird.\n".into())
        );
        assert_eq!(
            typed("no marker\n\n\n", false),
            Typed::Answer("no marker\n\n\n".into())
        );
        assert_eq!(typed("", true), Typed::End);
        assert_eq!(typed(" . \n", true), Typed::Answer(String::new()));
    }

    #[test]
    fn skip_alone_on_the_first_line_skips_at_once() {
        // Nothing after `skip` is read: it is the next question's answer.
        let mut input = std::io::Cursor::new(b"skip\nthe next answer\n.\n".to_vec());
        assert_eq!(read_typed(&mut input, true).unwrap(), Typed::Skip);
        assert_eq!(
            read_typed(&mut input, true).unwrap(),
            Typed::Answer("the next answer\n".into())
        );
        assert_eq!(typed("\n  Skip \n", true), Typed::Skip);
        assert_eq!(typed("skip\n.\n", false), Typed::Answer("skip\n".into()));
        assert_eq!(
            typed("we could skip\nthe cache\n.\n", true),
            Typed::Answer("we could skip\nthe cache\n".into())
        );
    }

    #[test]
    fn empty_answers_are_refused() {
        assert!(require_answer("  \n\t").is_err());
        assert!(require_answer("x").is_ok());
    }
}
