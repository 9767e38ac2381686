//! The binary at a real terminal (tmux, 80 columns): reports wrap by words and
//! never split one; typed and pasted answers are read whole, blank lines and
//! all; prompts say how to finish; `skip` skips at once.
//!
//! Needs tmux. Without it these tests say so and pass, unless
//! `MOCKGRADE_REQUIRE_TMUX` is set (as `.ci/run` does), when they fail.

mod testenv;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use testenv::{TestEnv, GOOD_SHARDING_2};

/// A tmux server of its own (its socket in the test's temp dir) with one
/// 80-column window running a command.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `script` (a shell command line) in an 80×200 window, or `None`
    /// when tmux is not installed (a failure when tmux is required).
    fn start(env: &TestEnv, name: &str, script: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("MOCKGRADE_REQUIRE_TMUX").is_none(),
                "tmux is required (MOCKGRADE_REQUIRE_TMUX is set) but not installed"
            );
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let socket = env.dir.path().join(format!("tmux-{name}.sock"));
        let socket = socket.display().to_string();
        // The command runs with exactly the test's environment, at a terminal.
        let mut line = String::from("env -i TERM=xterm-256color");
        for (key, value) in env.vars() {
            line.push_str(&format!(" {key}={}", quote(&value.to_string_lossy())));
        }
        // The shell lingers after the script, so its output can be read.
        line.push_str(&format!(
            " sh -c {}",
            quote(&format!("{script}; sleep 120"))
        ));
        let status = Command::new("tmux")
            .args(["-S", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "80", "-y", "200", &line])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        Some(Tmux { socket })
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-S", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The whole pane, scrollback included, as plain text.
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-S", "-", "-E", "-"])
    }

    /// Waits until the pane shows `text`; panics with the screen after 30 s.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the terminal never showed {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types text as keystrokes (`-l`: literally), then the given keys.
    fn type_text(&self, text: &str, then: &[&str]) {
        self.run(&["send-keys", "-l", text]);
        for key in then {
            self.run(&["send-keys", key]);
        }
    }

    /// Pastes text through a tmux buffer, as a terminal paste arrives.
    fn paste(&self, dir: &Path, text: &str) {
        let file = dir.join("paste.txt");
        std::fs::write(&file, text).unwrap();
        self.run(&["load-buffer", &file.display().to_string()]);
        self.run(&["paste-buffer", "-d"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-S", &self.socket, "kill-server"])
            .output();
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// A shell word.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("mockgrade")
}

/// Words of a text, in order.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The report as a program would print it without any wrapping.
fn unwrapped(env: &TestEnv, args: &[&str]) -> String {
    let out = env
        .cmd()
        .env("COLUMNS", "100000")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Checks a screen of wrapped output against the same output unwrapped: no
/// line is wider than 80 columns and the words are the same, in the same
/// order (a split word would show as two fragments).
fn assert_wrapped_at_80(screen: &str, expected: &str) {
    let shown: String = screen
        .lines()
        .filter(|l| !l.starts_with("[exit"))
        .collect::<Vec<_>>()
        .join("\n");
    for line in shown.lines() {
        assert!(
            line.chars().count() <= 80,
            "a line is wider than the terminal:\n{line}"
        );
    }
    assert!(
        shown.lines().any(|l| l.chars().count() > 60),
        "suspiciously narrow:\n{shown}"
    );
    assert_eq!(words(&shown), words(expected), "words differ:\n{shown}");
}

#[test]
fn reports_wrap_by_words_at_80_columns() {
    let env = TestEnv::new();
    // Bullet lines make evidence quotes that spanned lines in the answer.
    let answer = env.file(
        "answer.txt",
        format!("{GOOD_SHARDING_2}\n- keys and nodes both sit on a hash\n  ring, each key goes clockwise\n"),
    );
    let answer = answer.display().to_string();
    for color in ["never", "always"] {
        let args = [
            "--no-history",
            "--color",
            color,
            "grade",
            "--question",
            "sharding-2",
            "--show-reference",
            answer.as_str(),
        ];
        let command = format!(
            "{} {}; echo \"[exit $?]\"",
            quote(&binary().display().to_string()),
            args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
        );
        let Some(tmux) = Tmux::start(&env, &format!("report-{color}"), &command) else {
            return;
        };
        let screen = tmux.wait_for("[exit 0]");
        let mut plain_args = args;
        plain_args[2] = "never";
        let expected = unwrapped(&env, &plain_args);
        assert!(expected.lines().any(|l| l.chars().count() > 80));
        assert_wrapped_at_80(&screen, &expected);
    }
}

#[test]
fn show_and_list_wrap_at_80_columns() {
    let env = TestEnv::new();
    for (name, args) in [
        ("show", vec!["show", "caching"]),
        ("list", vec!["list"]),
        ("question", vec!["show", "sharding-1"]),
    ] {
        let command = format!(
            "{} {}; echo \"[exit $?]\"",
            quote(&binary().display().to_string()),
            args.join(" ")
        );
        let Some(tmux) = Tmux::start(&env, name, &command) else {
            return;
        };
        let screen = tmux.wait_for("[exit 0]");
        if name == "show" {
            // Tables and callouts are rendered, not printed as Markdown.
            assert!(!screen.contains("|---"), "{screen}");
            assert!(screen.contains("│"), "{screen}");
            assert!(!screen.contains('`'), "{screen}");
            for line in screen.lines() {
                assert!(line.chars().count() <= 80, "{line}");
            }
            continue;
        }
        assert_wrapped_at_80(&screen, &unwrapped(&env, &args));
    }
}

#[test]
fn a_pasted_answer_with_blank_lines_is_read_whole() {
    let env = TestEnv::new();
    let out = env.dir.path().join("report.json");
    let leftover = env.dir.path().join("leftover.txt");
    // After the program, whatever input it left unread goes to `leftover`
    // (at a shell prompt it would run as commands).
    let command = format!(
        "{} ask --question sharding-2 --format json > {}; echo \"[exit $?]\"; timeout 2 cat > {}; echo \"[done]\"",
        quote(&binary().display().to_string()),
        quote(&out.display().to_string()),
        quote(&leftover.display().to_string()),
    );
    let Some(tmux) = Tmux::start(&env, "paste", &command) else {
        return;
    };
    let prompt = tmux.wait_for("Ctrl-D");
    assert!(prompt.contains("only `.`"), "{prompt}");
    let paragraphs = "Consistent hashing puts keys and nodes on a hash ring.\n\n\nIn practice each key goes to the next node clockwise.\n\nWhen a node joins, only about 1/N of the keys move.\n";
    tmux.paste(env.dir.path(), paragraphs);
    std::thread::sleep(Duration::from_millis(300));
    tmux.type_text(".", &["Enter"]);
    tmux.wait_for("[done]");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let covered: Vec<&str> = report["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "covered")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    // The second and third paragraphs, after two blank lines, were graded too.
    assert!(covered.len() >= 3, "{covered:?}");
    let history = env
        .cmd()
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let attempts: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let saved = attempts[0]["answer"].as_str().unwrap();
    assert!(saved.contains("1/N of the keys move"), "{saved}");
    assert!(saved.contains("hash ring.\n\n\nIn practice"), "{saved:?}");
    let left = std::fs::read_to_string(&leftover).unwrap_or_default();
    assert!(left.trim().is_empty(), "input left unread: {left:?}");
}

#[test]
fn grade_at_a_terminal_prompts_and_ends_at_ctrl_d() {
    let env = TestEnv::new();
    let command = format!(
        "{} --no-history grade -q 3.2; echo \"[exit $?]\"",
        quote(&binary().display().to_string())
    );
    let Some(tmux) = Tmux::start(&env, "grade", &command) else {
        return;
    };
    // The prompt comes before any input.
    tmux.wait_for("Ctrl-D");
    tmux.type_text(GOOD_SHARDING_2, &["Enter", "Enter", "Enter"]);
    tmux.type_text("", &["C-d"]);
    let screen = tmux.wait_for("[exit 0]");
    assert!(screen.contains("Score"), "{screen}");
}

#[test]
fn skip_in_a_mock_skips_at_once() {
    let env = TestEnv::new();
    let command = format!(
        "{} mock --questions 2 --minutes 5 --topic sharding; echo \"[exit $?]\"",
        quote(&binary().display().to_string())
    );
    let Some(tmux) = Tmux::start(&env, "skip", &command) else {
        return;
    };
    tmux.wait_for("(1/2)");
    tmux.wait_for("`skip` skips");
    tmux.type_text("skip", &["Enter"]);
    // The next question comes with no more input.
    tmux.wait_for("(2/2)");
    tmux.type_text(GOOD_SHARDING_2, &["Enter"]);
    tmux.type_text(".", &["Enter"]);
    let screen = tmux.wait_for("[exit 0]");
    assert!(screen.contains("skipped"), "{screen}");
    assert!(screen.contains("Scorecard"), "{screen}");
}
