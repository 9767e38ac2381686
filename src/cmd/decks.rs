//! `mockgrade deck new` (scaffold a deck of one's own) and `mockgrade import
//! anki` (Anki's "Notes in Plain Text" export as a deck).

use std::path::Path;

use anyhow::Context;

use crate::cli::{DeckCommand, ImportCommand};

const EXAMPLE_DECK: &str = "# My deck

Questions in the built-in deck's shape: `## N. Topic`, an optional `<!-- id: slug -->`,
then `**Q:**` question lines each followed by an `**A:**` reference answer.

## 1. Example Topic
<!-- id: example -->

*One line that introduces the topic.*

**Q:** What does a load balancer do?

**A:** It spreads incoming requests across several servers so that no single server is overloaded, and it stops sending traffic to servers that fail their health checks, which keeps the service available when one of them goes down.
";

const EXAMPLE_RUBRIC: &str = r#"# Rubric for example-1; questions without a rubric are graded with one derived
# from their reference answer. `mockgrade --deck DIR check` validates this file.

[[question]]
id = "example-1"

[[question.concept]]
id = "spread"
label = "Spreads requests across several servers"
weight = 3
phrasings = ["spreads requests", "distribute traffic", "across several servers"]
explanation = "A load balancer's first job is to spread requests so no single server is overloaded."

[[question.concept]]
id = "health-checks"
label = "Health checks take failed servers out of rotation"
weight = 2
phrasings = ["health checks", "stops sending traffic", "remove unhealthy"]
explanation = "It probes servers and stops routing to those that fail, which keeps the service available."
"#;

/// `mockgrade deck new PATH`.
pub fn new_deck(cmd: DeckCommand) -> anyhow::Result<()> {
    let DeckCommand::New { path } = cmd;
    ensure_new(&path)?;
    write(&path.join("corpus").join("deck.md"), EXAMPLE_DECK)?;
    write(&path.join("rubrics").join("example.toml"), EXAMPLE_RUBRIC)?;
    super::print(&format!(
        "created {}\n  edit {}/corpus/deck.md and {}/rubrics/\n  then: mockgrade --deck {} check\n        mockgrade --deck {} ask\n",
        path.display(),
        path.display(),
        path.display(),
        path.display(),
        path.display()
    ))
}

/// Refuses a target directory that already has something in it.
fn ensure_new(path: &Path) -> anyhow::Result<()> {
    if path.exists()
        && std::fs::read_dir(path)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        anyhow::bail!(
            "{}: already exists and is not empty; choose a new directory",
            path.display()
        );
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("could not write {}", path.display()))
}

/// Text of an Anki field: HTML tags removed, common entities decoded, one line.
pub fn strip_html(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut tag = String::new();
    let mut in_tag = false;
    for c in field.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                // Block-level tags separate words; inline ones (b, i, span) do not.
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if matches!(
                    name.to_ascii_lowercase().as_str(),
                    "br" | "br/" | "div" | "p" | "li" | "ul" | "ol"
                ) {
                    out.push(' ');
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    crate::input::sanitize(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The notes of an Anki "Notes in Plain Text" export: one record per line,
/// fields separated by tabs, `#` header lines skipped. A field in double
/// quotes may hold tabs and line breaks, with `""` for a quote; a quote that
/// is never closed is taken literally.
pub fn anki_notes(text: &str) -> Vec<Vec<String>> {
    let text = text.replace("\r\n", "\n");
    let mut records = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        if rest.starts_with('#') || rest.starts_with('\n') {
            rest = rest.split_once('\n').map(|(_, r)| r).unwrap_or("");
            continue;
        }
        let mut fields = Vec::new();
        loop {
            let (field, after) = anki_field(rest);
            fields.push(field);
            rest = after;
            match rest.chars().next() {
                Some('\t') => rest = &rest[1..],
                Some('\n') => {
                    rest = &rest[1..];
                    break;
                }
                _ => break,
            }
        }
        records.push(fields);
    }
    records
}

/// One field at the start of `text`, and what follows it (from the separator on).
fn anki_field(text: &str) -> (String, &str) {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '"' {
                value.push(c);
                continue;
            }
            if chars.peek().map(|(_, n)| *n) == Some('"') {
                value.push('"');
                chars.next();
                continue;
            }
            let after = &quoted[i + 1..];
            if after.is_empty() || after.starts_with(['\t', '\n']) {
                return (value, after);
            }
            break; // Text after the closing quote: not a quoted field after all.
        }
    }
    let end = text.find(['\t', '\n']).unwrap_or(text.len());
    (text[..end].to_string(), &text[end..])
}

/// `mockgrade import anki FILE --out DIR`.
pub fn import(cmd: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Anki { file, out, topic } = cmd;
    let text = crate::input::read_file_up_to(&file, crate::input::MAX_DECK_BYTES)?;
    let mut deck = format!("# Imported from {}\n\n## 1. {topic}\n\n", file.display());
    let (mut imported, mut skipped) = (0, 0);
    for note in anki_notes(&text) {
        if note.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let [front, back, ..] = note.as_slice() else {
            skipped += 1;
            continue;
        };
        let (q, a) = (strip_html(front), strip_html(back));
        if q.is_empty() || a.is_empty() {
            skipped += 1;
            continue;
        }
        deck.push_str(&format!("**Q:** {q}\n\n**A:** {a}\n\n"));
        imported += 1;
    }
    if imported == 0 {
        anyhow::bail!(
            "{}: no notes found: expected Anki's \"Notes in Plain Text\" export, one note per line, front and back separated by a tab",
            file.display()
        );
    }
    ensure_new(&out)?;
    write(&out.join("corpus").join("deck.md"), &deck)?;
    super::print(&format!(
        "imported {} into {}{}; they are graded with rubrics derived from their answers\n  try: mockgrade --deck {} ask\n",
        crate::term::count(imported, "note"),
        out.display(),
        if skipped > 0 {
            format!(" ({} skipped: no tab or an empty side)", crate::term::count(skipped, "line"))
        } else {
            String::new()
        },
        out.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_fields_lose_their_html() {
        assert_eq!(
            strip_html("<b>Raft</b>&nbsp;elects a <i>leader</i><br>fast"),
            "Raft elects a leader fast"
        );
        assert_eq!(strip_html("What is <b>Raft</b>?"), "What is Raft?");
        assert_eq!(strip_html("a &lt; b &amp;&amp; c"), "a < b && c");
    }

    #[test]
    fn anki_quoted_fields_keep_line_breaks_tabs_and_quotes() {
        let text = "#separator:tab\n#html:true\n\"What is\na quorum?\"\t\"A majority;\n\nsay \"\"most\"\".\"\ttag\nplain\tback\r\n\"unclosed\tside\nno tab\n";
        let notes = anki_notes(text);
        assert_eq!(
            notes,
            vec![
                vec![
                    "What is\na quorum?".to_string(),
                    "A majority;\n\nsay \"most\".".into(),
                    "tag".into()
                ],
                vec!["plain".into(), "back".into()],
                vec!["\"unclosed".into(), "side".into()],
                vec!["no tab".into()],
            ]
        );
        assert_eq!(strip_html(&notes[0][0]), "What is a quorum?");
    }
}
