use clap::Parser;
use colored::Colorize;

use mockgrade::cli::Cli;
use mockgrade::error::{Error, ExitCode};

fn main() {
    let mut cli = Cli::parse();
    let result = mockgrade::cmd::apply_config(&mut cli)
        .and_then(|_| mockgrade::cmd::run(cli.command, &cli.global));
    if let Err(err) = result {
        eprintln!("{} {err:#}", "error:".red().bold());
        let code = err
            .chain()
            .find_map(|e| e.downcast_ref::<Error>())
            .map(Error::exit_code)
            .unwrap_or(ExitCode::Failure);
        std::process::exit(code as i32);
    }
}
