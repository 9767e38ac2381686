//! A topic's study notes (a small subset of Markdown) rendered for a terminal:
//! tables as aligned columns that fit the width, `> **Rule:**` callouts as
//! marked lines, `` `example` `` spans one per line, `**bold**` as bold.

use colored::Colorize;

use crate::input::sanitize;

/// The kinds of note blocks, separated by a blank line when they change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Table,
    Callout,
    Examples,
    Text,
}

/// Renders note lines at a width.
pub fn render(lines: &[String], width: usize) -> String {
    let mut out = String::new();
    let mut table: Vec<&str> = Vec::new();
    let mut last: Option<Block> = None;
    let mut start = |kind: Block, out: &mut String| {
        if last.is_some_and(|k| k != kind) && !out.ends_with("\n\n") {
            out.push('\n');
        }
        last = Some(kind);
    };
    for line in lines {
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            table.push(trimmed);
            continue;
        }
        if !table.is_empty() {
            start(Block::Table, &mut out);
            out.push_str(&render_table(&table, width));
            table.clear();
        }
        if let Some(callout) = trimmed.strip_prefix('>') {
            start(Block::Callout, &mut out);
            out.push_str(&render_callout(callout.trim(), width));
        } else if trimmed.starts_with('`') {
            start(Block::Examples, &mut out);
            for example in backtick_spans(trimmed) {
                out.push_str(&crate::term::wrap_line(
                    &format!("  • {}", sanitize(&example)),
                    width,
                    4,
                ));
                out.push('\n');
            }
        } else if !trimmed.is_empty() {
            start(Block::Text, &mut out);
            out.push_str(&crate::term::wrap_line(
                &inline(&sanitize(trimmed)),
                width,
                0,
            ));
            out.push('\n');
        }
    }
    if !table.is_empty() {
        start(Block::Table, &mut out);
        out.push_str(&render_table(&table, width));
    }
    out
}

/// `**bold**` spans as bold text, other Markdown marks as they are.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split("**").enumerate() {
        if i % 2 == 1 {
            out.push_str(&part.bold().to_string());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The plain text of a cell or label: `**` marks removed.
fn plain(text: &str) -> String {
    sanitize(text).replace("**", "").trim().to_string()
}

/// The texts between backticks: `` `a` `b` `` gives a, b; text outside them is kept too.
fn backtick_spans(line: &str) -> Vec<String> {
    line.split('`')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `**Rule:** text` as a marked, wrapped line.
fn render_callout(text: &str, width: usize) -> String {
    let (label, body) = match text.strip_prefix("**").and_then(|t| t.split_once("**")) {
        Some((label, body)) => (label.trim().to_string(), body.trim().to_string()),
        None => (String::new(), text.to_string()),
    };
    let mark = "  ▌ ";
    let first = if label.is_empty() {
        sanitize(&body)
    } else {
        format!("{} {}", sanitize(&label).yellow().bold(), sanitize(&body))
    };
    let options = textwrap::Options::new(width.max(10))
        .initial_indent(mark)
        .subsequent_indent(mark)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = textwrap::wrap(&first, options).join("\n");
    out.push('\n');
    out
}

/// The cells of a table row: `| a | b |` gives a, b.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(plain).collect()
}

/// Whether a row is the `|---|:---:|` rule under the header.
fn is_rule(row: &str) -> bool {
    row.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Column widths that fit `width`: natural widths, then the widest columns
/// narrowed (never below their longest word) until the table fits.
fn column_widths(rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let measure = |f: &dyn Fn(&str) -> usize, c: usize| {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(|s| f(s))
            .max()
            .unwrap_or(0)
    };
    let text_width = |s: &str| textwrap::core::display_width(s);
    let longest_word = |s: &str| {
        s.split_whitespace()
            .map(textwrap::core::display_width)
            .max()
            .unwrap_or(0)
    };
    let mut widths: Vec<usize> = (0..columns).map(|c| measure(&text_width, c)).collect();
    let floors: Vec<usize> = (0..columns)
        .map(|c| measure(&longest_word, c).max(4))
        .collect();
    // Two spaces of margin, then " │ " between columns.
    let available = width.saturating_sub(2 + 3 * columns.saturating_sub(1));
    while widths.iter().sum::<usize>() > available {
        let Some((widest, _)) = widths
            .iter()
            .enumerate()
            .filter(|(c, w)| **w > floors[*c])
            .max_by_key(|(_, w)| **w)
        else {
            break; // Cannot shrink further: the table overflows rather than split words.
        };
        widths[widest] -= 1;
    }
    widths
}

/// A Markdown table as aligned columns; cells wrap by words inside their column.
fn render_table(rows: &[&str], width: usize) -> String {
    let header_rule = rows.get(1).is_some_and(|r| is_rule(r));
    let rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| !is_rule(r))
        .map(|r| cells(r))
        .collect();
    let widths = column_widths(&rows, width);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let wrapped: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let text = row.get(c).map(String::as_str).unwrap_or("");
                let options = textwrap::Options::new((*w).max(1))
                    .break_words(false)
                    .word_separator(textwrap::WordSeparator::AsciiSpace)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation);
                textwrap::wrap(text, options)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect()
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line in 0..height {
            let mut cols = Vec::new();
            for (c, w) in widths.iter().enumerate() {
                let text = wrapped[c].get(line).map(String::as_str).unwrap_or("");
                let pad = w.saturating_sub(textwrap::core::display_width(text));
                let cell = if i == 0 && header_rule {
                    text.bold().to_string()
                } else {
                    text.to_string()
                };
                cols.push(format!("{cell}{}", " ".repeat(pad)));
            }
            let joined = cols.join(&format!(" {} ", "│".dimmed()));
            out.push_str(&format!("  {}\n", joined.trim_end()));
        }
        if i == 0 && header_rule {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            out.push_str(&format!("  {}\n", rule.join("─┼─").dimmed()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    fn render_plain(text: &str, width: usize) -> String {
        colored::control::set_override(false);
        render(&lines(text), width)
    }

    #[test]
    fn tables_become_aligned_columns_without_markdown_rules() {
        let out = render_plain(
            "| Strategy | How | Pro |\n|----------|-----|-----|\n| **Hash-based** | hash(key) % N shards | Even distribution |\n| Range | Key ranges | Range queries efficient |\n",
            80,
        );
        assert!(!out.contains("|-"), "{out}");
        assert!(!out.contains("**"), "{out}");
        let rows: Vec<&str> = out.lines().collect();
        assert_eq!(rows.len(), 4, "{out}");
        // The column separators line up.
        let bars: Vec<Vec<usize>> = rows
            .iter()
            .filter(|r| r.contains('│'))
            .map(|r| {
                r.char_indices()
                    .filter(|(_, c)| *c == '│')
                    .map(|(i, _)| r[..i].chars().count())
                    .collect()
            })
            .collect();
        assert!(bars.windows(2).all(|w| w[0] == w[1]), "{out}");
        assert!(rows[1].starts_with("  ───"), "{out}");
    }

    #[test]
    fn wide_tables_wrap_inside_their_columns_and_fit() {
        let out = render_plain(
            "| Pattern | How It Works | Best For | Risk |\n|---|---|---|---|\n| Cache-aside | App checks cache first, reads DB on miss, writes to cache | General purpose. Most common. | Stale reads after DB update |\n",
            60,
        );
        assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
        let words: Vec<&str> = out.split_whitespace().filter(|w| *w != "│").collect();
        for w in ["Cache-aside", "checks", "purpose.", "Stale", "update"] {
            assert!(words.contains(&w), "{w} in {out}");
        }
    }

    #[test]
    fn callouts_and_examples() {
        let out = render_plain(
            "> **Rule:** CAP isn't a binary toggle.\n`Uber -> shard by city_id` `Okta -> shard by org_id`\n",
            80,
        );
        assert!(out.contains("▌ Rule: CAP isn't a binary toggle."), "{out}");
        assert!(!out.contains('>') || out.contains("->"), "{out}");
        assert!(!out.contains('`'), "{out}");
        assert!(out.contains("\n  • Okta -> shard by org_id\n"), "{out}");
        // A blank line between blocks of different kinds.
        assert!(out.contains("toggle.\n\n  • Uber"), "{out}");
        assert!(out.contains("  • Uber -> shard by city_id\n"), "{out}");
    }
}
