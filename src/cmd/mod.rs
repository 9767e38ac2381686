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
use std::path::Path;

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
        if args.topic.is_none() && args.question.is_none() && config.topic.is_some() {
            args.topic = config.topic;
            args.topic_from_config =
                crate::config::config_dir().map(|d| d.join(crate::config::FILE_NAME));
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
        Command::Completions { shell } => completions(shell, global),
        Command::Man => print(&man_page()?),
    }
}

/// `mockgrade completions SHELL`: the script, with the deck's topics offered
/// for `--topic` and its question ids for `--question` (not file names).
fn completions(shell: clap_complete::Shell, global: &GlobalArgs) -> anyhow::Result<()> {
    use clap::builder::PossibleValuesParser;
    // The configured deck, else the built-in one: both are known offline.
    let deck = load_deck(global).or_else(|_| Ok::<_, anyhow::Error>(Deck::builtin()?))?;
    let topics: Vec<String> = deck.topics.iter().map(|t| t.slug.clone()).collect();
    let questions: Vec<String> = deck.questions().map(|q| q.id.clone()).collect();
    let names: Vec<String> = topics.iter().chain(&questions).cloned().collect();
    // Only the completion script sees these value lists: parsing still takes
    // numbers and prefixes.
    let values = |list: &[String]| PossibleValuesParser::new(list.to_vec());
    let mut command = Cli::command();
    for sub in ["ask", "list", "stats", "review", "mock"] {
        command = command.mut_subcommand(sub, |c| {
            c.mut_arg("topic", |a| a.value_parser(values(&topics)))
        });
    }
    for sub in ["ask", "grade"] {
        command = command.mut_subcommand(sub, |c| {
            c.mut_arg("question", |a| a.value_parser(values(&questions)))
        });
    }
    command = command.mut_subcommand("show", |c| {
        c.mut_arg("name", |a| a.value_parser(values(&names)))
    });
    command = command.mut_subcommand("rubric", |c| {
        c.mut_subcommand("draft", |d| {
            d.mut_arg("question", |a| a.value_parser(values(&questions)))
        })
    });
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "mockgrade", &mut out);
    print(&String::from_utf8_lossy(&out))
}

/// The man page: one page with every command, its options and examples (no
/// references to per-command pages, which are not installed).
pub fn man_page() -> anyhow::Result<String> {
    use clap_mangen::roff::{bold, italic, roman, Roff};
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        let mut sub = sub.clone().bin_name(format!("mockgrade {name}"));
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").to_string();
        roff.control("TP", []);
        roff.text([bold(usage)]);
        if let Some(about) = sub.get_about() {
            roff.text([roman(about.to_string())]);
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
        {
            let flag = match (arg.get_long(), arg.get_short()) {
                (Some(l), Some(s)) => format!("-{s}, --{l}"),
                (Some(l), None) => format!("--{l}"),
                (None, Some(s)) => format!("-{s}"),
                (None, None) => arg.get_id().as_str().to_uppercase(),
            };
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            roff.control("RS", []);
            roff.control("TP", []);
            roff.text([italic(flag)]);
            roff.text([roman(help)]);
            roff.control("RE", []);
        }
        if let Some(examples) = sub.get_after_help() {
            roff.control("RS", []);
            roff.control("nf", []);
            roff.text([roman(examples.to_string())]);
            roff.control("fi", []);
            roff.control("RE", []);
        }
    }
    roff.to_writer(&mut out)?;
    man.render_extra_section(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
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

/// Saves a graded attempt unless `--no-history`; a failure only warns. A grade
/// against a custom reference (`custom`) is kept out of the schedule and stats.
pub fn record(
    global: &GlobalArgs,
    deck: &str,
    report: &crate::report::Report,
    answer: &str,
    custom: bool,
) {
    if global.no_history {
        return;
    }
    let answer = (!global.no_store_answer).then_some(answer);
    let saved = history::open().and_then(|mut h| Ok(h.record(deck, report, answer, custom)?));
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

/// Writes human output to stdout, wrapped by words at the terminal's width
/// (or `$COLUMNS`, or 80) with hanging indents.
pub fn print_human(text: &str) -> anyhow::Result<()> {
    print(&crate::term::wrap(text, crate::term::width()))
}

/// The name a history entry gives the deck in use.
pub fn deck_name(global: &GlobalArgs) -> String {
    global
        .deck
        .as_deref()
        .map(Path::display)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "built-in".into())
}

/// Writes text to stdout; a closed pipe is not an error.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => Ok(other?),
    }
}
