use clap::Parser;
use colored::Colorize;

use mockgrade::cli::Cli;
use mockgrade::error::{Error, ExitCode};

fn main() {
    let cli = Cli::parse();
    mockgrade::cmd::set_color(cli.global.color);
    if let Err(err) = mockgrade::cmd::run(cli.command, &cli.global) {
        eprintln!("{} {err:#}", "error:".red().bold());
        let code = err
            .chain()
            .find_map(|e| e.downcast_ref::<Error>())
            .map(Error::exit_code)
            .unwrap_or(ExitCode::Failure);
        std::process::exit(code as i32);
    }
}
