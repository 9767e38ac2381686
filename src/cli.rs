//! Command-line arguments (clap derive). The `///` comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes:
  0  success (a history that cannot be saved only prints a warning)
  1  failure: unreadable input, empty answer, invalid deck or rubric, failed check
  2  usage error: unknown topic or question id (with a \"did you mean\"), bad arguments

Examples:
  mockgrade ask --topic sharding
  mockgrade grade --question sharding-2 answer.txt
  mockgrade eval dev.jsonl";

/// Grade system design interview answers, offline and deterministically.
#[derive(Debug, Parser)]
#[command(name = "mockgrade", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// A deck directory (Markdown questions, optional rubrics/ folder) instead of the built-in deck
    /// [default: the config file's `deck`, else the built-in deck].
    #[arg(long, global = true, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub deck: Option<PathBuf>,
    /// When to colour the output [default: auto, or the config file's `color`].
    #[arg(long, global = true, value_enum)]
    pub color: Option<ColorWhen>,
    /// Do not save this attempt in the practice history.
    #[arg(long, global = true)]
    pub no_history: bool,
    /// Save the attempt's score and concepts, but not the answer text.
    #[arg(long, global = true)]
    pub no_store_answer: bool,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Output format.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask a question, read your answer, and grade it.
    #[command(after_help = "Examples:
  mockgrade ask --topic sharding
  mockgrade ask --question 3.2 --show-reference
  mockgrade ask --editor")]
    Ask(AskArgs),
    /// Grade an answer from a file or stdin, or a JSONL batch.
    #[command(after_help = "Examples:
  mockgrade grade --question sharding-2 answer.txt
  echo \"...\" | mockgrade grade --question 3.2
  mockgrade grade --reference ref.txt answer.txt
  mockgrade grade --batch answers.jsonl > results.jsonl")]
    Grade(GradeArgs),
    /// List topics and questions with their ids.
    #[command(after_help = "Examples:
  mockgrade list
  mockgrade list --topic caching")]
    List(ListArgs),
    /// Show a question with its reference answer and rubric, or a topic's study notes.
    #[command(after_help = "Examples:
  mockgrade show sharding-2
  mockgrade show caching")]
    Show(ShowArgs),
    /// Search questions and reference answers.
    #[command(after_help = "Examples:
  mockgrade search \"virtual nodes\"
  mockgrade search thundering herd --limit 3")]
    Search(SearchArgs),
    /// Validate the deck and every rubric.
    #[command(after_help = "Examples:
  mockgrade check
  mockgrade check --deck ./my-deck")]
    Check,
    /// Measure agreement with human grades in a JSONL file.
    #[command(after_help = "Examples:
  mockgrade eval dev.jsonl
  mockgrade eval --gold-field score_avg --scale 5 mohler.jsonl")]
    Eval(EvalArgs),
    /// Rubric tools.
    #[command(
        subcommand,
        after_help = "Examples:
  mockgrade rubric draft sharding-2
  mockgrade rubric draft --reference ref.txt"
    )]
    Rubric(RubricCommand),
    /// Your past attempts: list, show one again, or export as JSONL.
    #[command(after_help = "Examples:
  mockgrade history
  mockgrade history show 12
  mockgrade history export > h.jsonl")]
    History(HistoryArgs),
    /// Progress: attempts and average per topic, trend, most missed concepts.
    #[command(after_help = "Examples:
  mockgrade stats
  mockgrade stats --topic caching")]
    Stats(StatsArgs),
    /// Practise the questions that are due now (spaced repetition on your grades).
    #[command(after_help = "Examples:
  mockgrade review
  mockgrade review --topic caching")]
    Review(ReviewArgs),
    /// A timed mock interview across topics, ending with a scorecard.
    #[command(after_help = "Examples:
  mockgrade mock
  mockgrade mock --questions 5 --minutes 30 --topic caching --topic sharding")]
    Mock(MockArgs),
    /// Decks of your own.
    #[command(
        subcommand,
        after_help = "Examples:
  mockgrade deck new ./my-deck"
    )]
    Deck(DeckCommand),
    /// Import questions from elsewhere.
    #[command(
        subcommand,
        after_help = "Examples:
  mockgrade import anki notes.txt --out ./anki-deck"
    )]
    Import(ImportCommand),
    /// Show where mockgrade keeps its cache and data.
    #[command(after_help = "Examples:
  mockgrade paths")]
    Paths,
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  mockgrade completions bash > ~/.local/share/bash-completion/completions/mockgrade
  mockgrade completions zsh > ~/.zfunc/_mockgrade")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Examples:
  mockgrade man > mockgrade.1
  mockgrade man | man -l -")]
    Man,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub action: Option<HistoryAction>,
    /// How many recent attempts to list.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Show one attempt's report again.
    #[command(after_help = "Examples:
  mockgrade history show 12")]
    Show {
        /// The attempt number from `mockgrade history`.
        id: i64,
        /// Output format: human (wrapped to the terminal's width) or json.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write every attempt as JSONL to stdout.
    #[command(after_help = "Examples:
  mockgrade history export > history.jsonl")]
    Export,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Only this topic.
    #[arg(long)]
    pub topic: Option<String>,
}

#[derive(Debug, Args)]
pub struct MockArgs {
    /// How many questions (at least 1).
    #[arg(long, default_value_t = 5, value_parser = at_least_one)]
    pub questions: u64,
    /// Time limit in minutes (a fraction such as 0.5 is fine).
    #[arg(long, default_value_t = 30.0, value_parser = positive_minutes)]
    pub minutes: f64,
    /// Topics to draw from (repeat the flag); all topics by default.
    #[arg(long)]
    pub topic: Vec<String>,
}

/// A count of at least one.
fn at_least_one(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("a mock interview needs at least 1 question".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a whole number")),
    }
}

/// A time limit: a positive number of minutes, at most a week.
fn positive_minutes(text: &str) -> Result<f64, String> {
    let minutes: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of minutes"))?;
    if minutes.is_finite() && minutes > 0.0 && minutes <= 7.0 * 24.0 * 60.0 {
        Ok(minutes)
    } else {
        Err("the time limit must be more than 0 minutes (and at most a week)".into())
    }
}

#[derive(Debug, Subcommand)]
pub enum DeckCommand {
    /// Create a deck directory with an example question and rubric.
    #[command(after_help = "Examples:
  mockgrade deck new ./my-deck")]
    New {
        /// The directory to create.
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Anki's "Notes in Plain Text" export (front TAB back, HTML stripped) as a deck.
    #[command(after_help = "Examples:
  mockgrade import anki notes.txt --out ./anki-deck --topic Databases")]
    Anki {
        /// The exported .txt file.
        file: PathBuf,
        /// The deck directory to write.
        #[arg(long)]
        out: PathBuf,
        /// The topic name for the imported questions.
        #[arg(long, default_value = "Anki", value_hint = clap::ValueHint::Other)]
        topic: String,
    },
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Topic: slug (sharding), number (3) or a unique prefix of its name [default: the config
    /// file's `topic`, else any].
    #[arg(long, conflicts_with = "question")]
    pub topic: Option<String>,
    /// Question id (sharding-2) or number (3.2).
    #[arg(long)]
    pub question: Option<String>,
    /// Write the answer in $VISUAL / $EDITOR.
    #[arg(long)]
    pub editor: bool,
    /// Print the reference answer after the report.
    #[arg(long)]
    pub show_reference: bool,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// The config file the topic came from, when it did (for messages).
    #[arg(skip)]
    pub topic_from_config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// Question id (sharding-2) or number (3.2).
    #[arg(long, short, conflicts_with_all = ["batch", "reference"])]
    pub question: Option<String>,
    /// Grade against this reference answer file, with a rubric derived from it.
    #[arg(long, value_name = "REF.txt", conflicts_with = "batch")]
    pub reference: Option<PathBuf>,
    /// Grade a JSONL file: one object per line with `question_id` and `answer`
    /// (or `question`, `reference` and `answer`); one JSON result per line out.
    #[arg(long, value_name = "FILE.jsonl")]
    pub batch: Option<PathBuf>,
    /// The answer file; `-` or nothing reads stdin (typed at a terminal: end with a line `.` or Ctrl-D).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Arguments after FILE, refused with a hint (`grade 3.2 answer.txt`).
    #[arg(hide = true)]
    pub extra: Vec<String>,
    /// Print the reference answer after the report.
    #[arg(long)]
    pub show_reference: bool,
    /// Output format [default: human; --batch always writes JSON lines].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Worker threads for --batch (default: all cores). Output does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A question id or number, or a topic.
    pub name: String,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for.
    #[arg(required = true, num_args = 1.., value_hint = clap::ValueHint::Other)]
    pub query: Vec<String>,
    /// How many results.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// JSONL with `answer`, `score` and either `question_id` or `question` + `reference`.
    pub file: PathBuf,
    /// The field holding the human grade.
    #[arg(long, default_value = "score")]
    pub gold_field: String,
    /// The top of the human scale (10 for the dev set, 5 for Mohler).
    #[arg(long, default_value_t = 10.0)]
    pub scale: f64,
    /// How many of the worst disagreements to list.
    #[arg(long, default_value_t = 5)]
    pub worst: usize,
    /// Output format: human (wrapped to the terminal's width) or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Print a rubric derived from a reference answer, as TOML to start a hand-written one.
    #[command(after_help = "Examples:
  mockgrade rubric draft sharding-2
  mockgrade rubric draft --reference ref.txt > rubrics/mine.toml")]
    Draft(DraftArgs),
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Question id or number.
    #[arg(required_unless_present = "reference")]
    pub question: Option<String>,
    /// A reference answer file instead of a deck question.
    #[arg(long, conflicts_with = "question")]
    pub reference: Option<PathBuf>,
    /// How many key phrases to propose.
    #[arg(long, default_value_t = 8)]
    pub concepts: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
