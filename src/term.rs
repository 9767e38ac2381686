//! Text for a terminal: the width to wrap at, word wrapping with a hanging
//! indent (colour codes do not count toward the width), and plurals.

use std::io::IsTerminal;

/// The width used when stdout is not a terminal and `$COLUMNS` is unset.
pub const DEFAULT_WIDTH: usize = 80;

/// Narrower than this, wrapping does more harm than good.
const MIN_WIDTH: usize = 20;

/// The width to wrap human output at: the terminal's, else `$COLUMNS`, else 80.
pub fn width() -> usize {
    width_of(std::io::stdout())
}

/// The same for messages and prompts on stderr.
pub fn stderr_width() -> usize {
    width_of(std::io::stderr())
}

/// Prints a message to stderr wrapped at its width.
pub fn eprint_wrapped(text: &str) {
    eprintln!("{}", wrap(text, stderr_width()));
}

fn width_of<S: IsTerminal + Terminal>(stream: S) -> usize {
    let from_terminal = stream.is_terminal().then(|| stream.columns()).flatten();
    let from_env = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
    };
    from_terminal
        .or_else(from_env)
        .filter(|w| *w > 0)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// A stream whose terminal can be asked for its width.
trait Terminal {
    fn columns(&self) -> Option<usize>;
}

#[cfg(unix)]
impl<S: std::os::fd::AsFd> Terminal for S {
    fn columns(&self) -> Option<usize> {
        terminal_size::terminal_size_of(self).map(|(w, _)| w.0 as usize)
    }
}

#[cfg(not(unix))]
impl<S> Terminal for S {
    fn columns(&self) -> Option<usize> {
        terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
    }
}

/// The hanging indent of a line: what its continuation lines are indented by.
///
/// A line that starts with a one-character marker and a space ("✓ ", "- ", "? ")
/// hangs under the text after the marker; a line indented by at most two
/// spaces hangs two spaces deeper; a more deeply indented line (an explanation
/// under a bullet) keeps its indent.
pub fn hang_of(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let mut chars = rest.chars();
    let marker = matches!(
        (chars.next(), chars.next()),
        (Some(c), Some(' ')) if !c.is_alphanumeric()
    );
    if marker || indent <= 2 {
        indent + 2
    } else {
        indent
    }
}

/// Wraps one line by words at `width` columns, continuation lines indented by
/// `hang` spaces. A word is never split: one longer than the line stands alone.
pub fn wrap_line(line: &str, width: usize, hang: usize) -> String {
    let indent_len = line.len() - line.trim_start_matches(' ').len();
    let (indent, body) = line.split_at(indent_len);
    let body = body.trim_end();
    if textwrap::core::display_width(line) <= width || body.is_empty() {
        return line.trim_end().to_string();
    }
    let hang = " ".repeat(hang);
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(&hang)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(body, options).join("\n")
}

/// Wraps every line of a text at `width` with the hanging indent of [`hang_of`].
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (line, newline) = match line.strip_suffix('\n') {
            Some(l) => (l, "\n"),
            None => (line, ""),
        };
        out.push_str(&wrap_line(line, width, hang_of(line)));
        out.push_str(newline);
    }
    out
}

/// `n` and the noun, in the plural unless `n` is 1: "1 minute", "2 minutes".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o']))
    {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn long_lines_wrap_by_words_with_a_hanging_indent() {
        let line = "  ✓ Adding or removing a node moves only ~1/N of the keys (+17.1)  \"roughly 1/N of the data\"";
        let wrapped = wrap(line, 40);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 1, "{wrapped}");
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{wrapped}");
        assert!(lines[1..]
            .iter()
            .all(|l| l.starts_with("    ") && !l.starts_with("     ")));
        // No word is split or lost.
        assert_eq!(words(&wrapped), words(line));
    }

    #[test]
    fn a_word_longer_than_the_line_stands_alone_unbroken() {
        let long = "x".repeat(50);
        let wrapped = wrap(&format!("see {long} here"), 30);
        assert!(wrapped.lines().any(|l| l.trim() == long), "{wrapped}");
        assert_eq!(
            wrap("cache-aside write-through read-through", 16)
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>(),
            ["cache-aside", "write-through", "read-through"]
        );
    }

    #[test]
    fn colour_codes_do_not_count_toward_the_width() {
        let red = |s: &str| format!("\u{1b}[31m{s}\u{1b}[0m");
        let line = format!("{} {} {}", red("alpha"), red("beta"), red("gamma"));
        // 16 visible columns: fits in 16 although it is longer in bytes.
        assert_eq!(wrap(&line, 16), line);
        let wrapped = wrap(&line, 12);
        assert_eq!(wrapped.lines().count(), 2, "{wrapped:?}");
        for l in wrapped.lines() {
            assert!(textwrap::core::display_width(l) <= 12);
        }
    }

    #[test]
    fn hangs_follow_markers_and_indents() {
        assert_eq!(hang_of("Score 73/100"), 2);
        assert_eq!(hang_of("  ✓ label"), 4);
        assert_eq!(hang_of("  -10.0 negated-concept: x"), 4);
        assert_eq!(hang_of("      an explanation"), 6);
        assert_eq!(hang_of("    - a bullet"), 6);
        assert_eq!(wrap("short\n\nlines\n", 10), "short\n\nlines\n");
    }

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(count(1, "minute"), "1 minute");
        assert_eq!(count(0, "attempt"), "0 attempts");
        assert_eq!(count(2, "query"), "2 queries");
        assert_eq!(count(3, "key"), "3 keys");
    }
}
