//! One module per subcommand, plus the loading they share.

pub mod ask;
pub mod check;
pub mod decks;
pub mod eval;
pub mod grade;
pub mod history;
pub mod list;
pub mod practice;
pub mod rubric;
pub mod search;
pub mod show;
pub mod stats;

use std::io::{IsTerminal, Write};

use anyhow::Context;

use clap::CommandFactory;
use colored::Colorize;

use crate::cli::{Cli, ColorWhen, Command, GlobalArgs};
use crate::corpus::Deck;
use crate::grade::Grader;
use crate::sources::Sources;

/// Reads the configuration file into the options the command line left unset,
/// and decides the colour.
pub fn apply_config(cli: &mut Cli) -> anyhow::Result<()> {
    let config = match crate::config::Config::load() {
        Ok(c) => c,
        Err(e) => {
            set_color(cli.global.color.unwrap_or(ColorWhen::Auto));
            return Err(e.into());
        }
    };
    set_color(cli.global.color.or(config.color).unwrap_or(ColorWhen::Auto));
    if cli.global.deck.is_none() {
        cli.global.deck = config.deck;
    }
    if config.history == Some(false) {
        cli.global.no_history = true;
    }
    if let Command::Ask(args) = &mut cli.command {
        if args.topic.is_none() && args.question.is_none() {
            args.topic = config.topic;
        }
    }
    Ok(())
}

/// Runs a parsed command.
pub fn run(command: Command, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        Command::Ask(args) => ask::run(args, global),
        Command::Grade(args) => grade::run(args, global),
        Command::List(args) => list::run(args, global),
        Command::Show(args) => show::run(args, global),
        Command::Search(args) => search::run(args, global),
        Command::Check => check::run(global),
        Command::Eval(args) => eval::run(args, global),
        Command::Rubric(cmd) => rubric::run(cmd, global),
        Command::History(args) => history::run(args, global),
        Command::Stats(args) => stats::run(args, global),
        Command::Review(args) => practice::review(args, global),
        Command::Mock(args) => practice::mock(args, global),
        Command::Deck(cmd) => decks::new_deck(cmd),
        Command::Import(cmd) => decks::import(cmd),
        Command::Paths => paths(),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "mockgrade", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            print(&String::from_utf8_lossy(&out))
        }
    }
}

/// `mockgrade paths`: the cache and data locations.
fn paths() -> anyhow::Result<()> {
    let show = |p: Option<std::path::PathBuf>| {
        p.map(|p| p.display().to_string())
            .unwrap_or_else(|| "(none: no home directory)".into())
    };
    print(&format!(
        "config: {}  (MOCKGRADE_CONFIG_DIR)\ncache: {}  (MOCKGRADE_CACHE_DIR)\ndata:  {}  (MOCKGRADE_DATA_DIR)\nhistory: {}\n",
        show(crate::config::config_dir().map(|d| d.join(crate::config::FILE_NAME))),
        show(crate::cache::cache_dir()),
        show(crate::history::data_dir()),
        show(crate::history::data_dir().map(|d| d.join(crate::history::FILE_NAME))),
    ))
}

/// Saves a graded attempt unless `--no-history`; a failure only warns.
pub fn record(global: &GlobalArgs, deck: &str, report: &crate::report::Report, answer: &str) {
    if global.no_history {
        return;
    }
    let answer = (!global.no_store_answer).then_some(answer);
    let saved = history::open().and_then(|mut h| Ok(h.record(deck, report, answer)?));
    if let Err(e) = saved {
        eprintln!(
            "{} the grade above was not saved to your history: {e:#}",
            "warning:".yellow().bold()
        );
    }
}

/// Decides once whether to colour: the flag, then `NO_COLOR`, `TERM=dumb`, and whether stdout is a terminal.
pub fn set_color(when: ColorWhen) {
    let on = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
                && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(on);
}

/// The files of the deck chosen by `--deck`, or of the built-in one.
pub fn sources(global: &GlobalArgs) -> anyhow::Result<Sources> {
    match &global.deck {
        Some(dir) => Sources::from_dir(dir)
            .with_context(|| format!("could not load the deck {}", dir.display())),
        None => Ok(Sources::builtin()),
    }
}

/// The deck chosen by `--deck`, or the built-in one.
pub fn load_deck(global: &GlobalArgs) -> anyhow::Result<Deck> {
    let sources = sources(global)?;
    Ok(Deck::from_files(&sources.deck, &sources.origin)?)
}

/// The deck, its rubrics and synonyms, ready to grade (from the cache when possible).
pub fn load_grader(global: &GlobalArgs) -> anyhow::Result<Grader> {
    Ok(Grader::load(&sources(global)?)?)
}

/// Writes text to stdout; a closed pipe is not an error.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => Ok(other?),
    }
}
