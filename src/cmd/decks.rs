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
    let trimmed = out.trim();
    // A field quoted CSV-style: "say ""hi""" is say "hi".
    let unquoted = match trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => trimmed.to_string(),
    };
    crate::input::sanitize(&unquoted)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `mockgrade import anki FILE --out DIR`.
pub fn import(cmd: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Anki { file, out, topic } = cmd;
    let text = crate::input::read_file_up_to(&file, crate::input::MAX_DECK_BYTES)?;
    let mut deck = format!("# Imported from {}\n\n## 1. {topic}\n\n", file.display());
    let (mut imported, mut skipped) = (0, 0);
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((front, back)) = line.split_once('\t') else {
            skipped += 1;
            continue;
        };
        let back = back.split('\t').next().unwrap_or(back);
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
        "imported {imported} notes into {}{}; they are graded with rubrics derived from their answers\n  try: mockgrade --deck {} ask\n",
        out.display(),
        if skipped > 0 { format!(" ({skipped} lines skipped: no tab or empty side)") } else { String::new() },
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
        assert_eq!(strip_html("\"say \"\"hi\"\"\""), "say \"hi\"");
        assert_eq!(strip_html("a &lt; b &amp;&amp; c"), "a < b && c");
    }
}
