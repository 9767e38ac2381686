//! The grade report: its stable JSON shape and its human rendering.

use colored::Colorize;
use serde::{Deserialize, Serialize};

use crate::input::sanitize;

/// User text for one line of a report: escapes stripped, line breaks and runs of
/// spaces (a quote that spans bullet lines) folded into single spaces.
fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The hiring band of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// 80-100.
    Strong,
    /// 60-79.
    Hire,
    /// 40-59.
    LeanNo,
    /// 0-39.
    No,
}

impl Band {
    /// The band of a 0-100 score: strong ≥ 80, hire ≥ 60, lean no ≥ 40, no below.
    pub fn of(score: f64) -> Band {
        match score {
            s if s >= 80.0 => Band::Strong,
            s if s >= 60.0 => Band::Hire,
            s if s >= 40.0 => Band::LeanNo,
            _ => Band::No,
        }
    }

    /// The band's name as shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Band::Strong => "strong",
            Band::Hire => "hire",
            Band::LeanNo => "lean no",
            Band::No => "no",
        }
    }
}

/// Whether the answer made a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptStatus {
    Covered,
    Missing,
    Negated,
}

/// One concept of the rubric and what the answer did with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConceptResult {
    pub id: String,
    pub label: String,
    pub weight: f64,
    pub status: ConceptStatus,
    /// The answer's words that matched (or denied) the concept.
    pub evidence: Option<String>,
    /// Points this concept earned.
    pub points: f64,
    pub explanation: String,
    /// True when the concept is only named (a bare term in a list, with no reason
    /// or mechanism in its sentence), which earns part of its weight.
    #[serde(default)]
    pub named_only: bool,
}

/// A fact of the rubric that the answer contradicts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContradictionResult {
    pub id: String,
    /// The true statement.
    pub label: String,
    /// `forbidden` (states a false value), `denies` (denies a true one) or
    /// `opposite` (states the opposite of a true one).
    pub kind: String,
    pub evidence: String,
    pub correction: String,
}

/// How much of the answer the rubric could check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Confidence {
    /// `high`, `medium` or `low`.
    pub level: String,
    /// Share of the answer's assertive sentences that matched something in the rubric.
    pub checked_share: f64,
    pub note: String,
}

/// A misconception the answer asserts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MisconceptionResult {
    pub id: String,
    pub label: String,
    pub evidence: String,
    pub explanation: String,
}

/// A named deduction from the score.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Penalty {
    /// `misconception`, `contradiction`, `negated-concept`, `unqualified-claim` or `cap`.
    pub name: String,
    pub points: f64,
    pub reason: String,
}

/// The question an off-topic answer fits better.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OffTopic {
    pub question_id: String,
    pub question: String,
    pub similarity: f64,
    /// The share of the other question's rubric the answer covers, when that is
    /// what made it off topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<f64>,
}

/// The result of grading one answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub question_id: String,
    pub question: String,
    /// 0-100.
    pub score: f64,
    pub band: Band,
    /// Cosine similarity (TF-IDF over stems) to the reference answer, 0-1.
    pub similarity: f64,
    /// Share of the rubric's concept weight covered, 0-1.
    pub coverage: f64,
    /// Points every answer starts with.
    pub base_points: f64,
    pub concept_points: f64,
    pub similarity_points: f64,
    pub concepts: Vec<ConceptResult>,
    pub misconceptions: Vec<MisconceptionResult>,
    #[serde(default)]
    pub contradictions: Vec<ContradictionResult>,
    pub penalties: Vec<Penalty>,
    pub off_topic: Option<OffTopic>,
    /// Assertive sentences that matched nothing in the rubric: claims the grader could not check.
    #[serde(default)]
    pub unchecked: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// Which rubric graded the answer.
    pub rubric: String,
    #[serde(skip)]
    pub reference: String,
}

impl Report {
    /// The report as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The report for a person; colour follows `colored`'s global setting.
    pub fn to_human(&self, show_reference: bool) -> String {
        let mut out = String::new();
        let band = self.band.name();
        let headline = format!("{:.0}/100  {}", self.score, band.to_uppercase());
        let headline = match self.band {
            Band::Strong => headline.green().bold(),
            Band::Hire => headline.green(),
            Band::LeanNo => headline.yellow().bold(),
            Band::No => headline.red().bold(),
        };
        out.push_str(&format!("{}  {}\n", self.question_id.bold(), self.question));
        out.push_str(&format!("\nScore {headline}\n"));
        out.push_str(&format!(
            "  {:.0} base + {:.1} concept points + {:.1} similarity points (cosine {:.2} to the reference){}\n",
            self.base_points,
            self.concept_points,
            self.similarity_points,
            self.similarity,
            if self.penalties.is_empty() {
                String::new()
            } else {
                format!(
                    " - {:.1} penalties",
                    self.penalties.iter().map(|p| p.points).sum::<f64>()
                )
            }
        ));
        out.push_str(&format!("\n{}\n", "Key points".bold()));
        for c in &self.concepts {
            let evidence = c
                .evidence
                .as_deref()
                .map(|e| format!("\"{}\"", one_line(e)))
                .unwrap_or_default();
            match c.status {
                ConceptStatus::Covered => out.push_str(&format!(
                    "  {} {} {}  {}{}\n",
                    "✓".green().bold(),
                    c.label,
                    format!("(+{:.1})", c.points).dimmed(),
                    evidence.dimmed(),
                    if c.named_only {
                        "  named only: say why or how for full credit"
                            .yellow()
                            .to_string()
                    } else {
                        String::new()
                    }
                )),
                ConceptStatus::Missing => out.push_str(&format!(
                    "  {} {}\n      {}\n",
                    "✗".red().bold(),
                    c.label,
                    c.explanation.dimmed()
                )),
                ConceptStatus::Negated => out.push_str(&format!(
                    "  {} {}  denied in {}\n      {}\n",
                    "⚠".yellow().bold(),
                    c.label,
                    evidence,
                    c.explanation.dimmed()
                )),
            }
        }
        if !self.misconceptions.is_empty() {
            out.push_str(&format!("\n{}\n", "Misconceptions".bold()));
            for m in &self.misconceptions {
                out.push_str(&format!(
                    "  {} {}  \"{}\"\n      {}\n",
                    "✗".red().bold(),
                    m.label,
                    one_line(&m.evidence),
                    m.explanation.dimmed()
                ));
            }
        }
        if !self.contradictions.is_empty() {
            out.push_str(&format!("\n{}\n", "Contradictions".bold()));
            for c in &self.contradictions {
                out.push_str(&format!(
                    "  {} \"{}\"  contradicts: {}\n      {} {}\n",
                    "✗".red().bold(),
                    one_line(&c.evidence),
                    c.label,
                    "In fact:".bold(),
                    c.correction
                ));
            }
        }
        if !self.penalties.is_empty() {
            out.push_str(&format!("\n{}\n", "Penalties".bold()));
            for p in &self.penalties {
                out.push_str(&format!(
                    "  {:+.1} {}: {}\n",
                    -p.points,
                    p.name,
                    one_line(&p.reason)
                ));
            }
        }
        if let Some(o) = &self.off_topic {
            out.push_str(&format!(
                "\n{} this answer fits {} better: {}\n",
                "Off topic:".yellow().bold(),
                o.question_id,
                o.question
            ));
        }
        if !self.unchecked.is_empty() {
            out.push_str(&format!("\n{}\n", "Claims I could not check".bold()));
            for claim in self.unchecked.iter().take(3) {
                out.push_str(&format!("  ? \"{}\"\n", one_line(claim)));
            }
            if self.unchecked.len() > 3 {
                out.push_str(&format!("  ... and {} more\n", self.unchecked.len() - 3));
            }
        }
        if let Some(c) = self.confidence.as_ref().filter(|c| c.level != "high") {
            out.push_str(&format!("\n{} {}\n", "Confidence:".yellow().bold(), c.note));
        }
        if show_reference {
            out.push_str(&format!("\n{}\n", "Reference answer".bold()));
            for line in self.reference.lines() {
                out.push_str(&format!("  {}\n", line.trim_end()));
            }
        }
        out.push_str(&format!(
            "\n{}\n",
            format!("rubric: {}", self.rubric).dimmed()
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_shown_on_one_line() {
        assert_eq!(one_line("hash\n  ring"), "hash ring");
        assert_eq!(one_line("- a\r\n- b\u{1b}[31m"), "- a - b");
    }

    #[test]
    fn bands_follow_the_documented_cut_offs() {
        assert_eq!(Band::of(80.0), Band::Strong);
        assert_eq!(Band::of(79.0), Band::Hire);
        assert_eq!(Band::of(60.0), Band::Hire);
        assert_eq!(Band::of(40.0), Band::LeanNo);
        assert_eq!(Band::of(39.0), Band::No);
    }
}
