//! Bad input of every kind gets a clear message and a non-zero exit, or a
//! documented graceful result; never a panic or a backtrace.

mod testenv;

use predicates::prelude::*;
use serde_json::Value;
use testenv::{SuccessOutput, TestEnv, GOOD_SHARDING_2};

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked")
        .not()
        .and(predicate::str::contains("RUST_BACKTRACE").not())
}

#[test]
fn oversized_answers_are_refused_with_the_limit() {
    let env = TestEnv::new();
    let big = "consistent hashing ring ".repeat(450_000); // ~10 MB
    env.cmd()
        .args(["grade", "--question", "sharding-2"])
        .write_stdin(big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("limit of 1024 KiB"))
        .stderr(no_panic());
}

#[test]
fn escape_sequences_in_an_answer_are_never_echoed_raw() {
    let env = TestEnv::new();
    let answer = format!("\u{1b}[31m\u{1b}]0;pwned\u{7}{GOOD_SHARDING_2}\u{1b}[2J");
    let out = env
        .cmd()
        .args(["--color", "never", "grade", "--question", "sharding-2"])
        .write_stdin(answer)
        .success_stdout();
    assert!(!out.contains(&0x1b), "raw escape in the report");
    assert!(!out.contains(&0x07), "raw bell in the report");
}

#[test]
fn a_deck_with_escape_sequences_is_shown_clean() {
    let env = TestEnv::new();
    env.file(
        "deck/corpus/deck.md",
        "# D\n\n## 1. Stacks\n\n| a \u{1b}[31m | b |\n\n**Q:** What is a stack?\n\n**A:** A last-in first-out list.\n",
    );
    let out = env
        .cmd()
        .arg("--deck")
        .arg(env.dir.path().join("deck"))
        .args(["show", "stacks"])
        .success_stdout();
    assert!(!out.contains(&0x1b));
}

#[cfg(unix)]
#[test]
fn unreadable_file_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let path = env.file("secret.txt", "answer");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = if std::fs::read(&path).is_ok() {
        // Root reads any file: run the binary as `nobody`, who cannot. The temp
        // dir is opened for traversal so that only the file's own mode refuses.
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("mockgrade"))
            .env_clear()
            .envs(env.vars());
        cmd
    } else {
        env.cmd()
    };
    cmd.args(["--no-history", "grade", "--question", "sharding-2"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: permission denied",
            path.display()
        )));
}

fn deck_env(rubric: &str) -> TestEnv {
    let env = TestEnv::new();
    env.file(
        "deck/corpus/deck.md",
        "# D\n\n## 1. Stacks\n\n**Q:** What is a stack?\n\n**A:** A last-in first-out list of elements.\n",
    );
    env.file("deck/rubrics/stacks.toml", rubric);
    env
}

fn check(env: &TestEnv) -> assert_cmd::assert::Assert {
    env.cmd()
        .arg("--deck")
        .arg(env.dir.path().join("deck"))
        .arg("check")
        .assert()
}

#[test]
fn rubric_problems_name_file_question_concept_and_field() {
    let concept = "[[question.concept]]\nid = \"lifo\"\nlabel = \"LIFO\"\nweight = 2\nphrasings = [\"last-in first-out\"]\nexplanation = \"x\"\n";
    let cases = [
        (format!("[[question]]\nid = \"stacks-1\"\n{concept}weight = 3\n"), "stacks.toml:9:1: duplicate key"),
        (format!("[[question]]\nid = \"stack-1\"\n{concept}"), "did you mean `stacks-1`"),
        (format!("[[question]]\nid = \"stacks-1\"\n{concept}{concept}"), "duplicate concept id"),
        (format!("[[question]]\nid = \"stacks-1\"\n{concept}[[question]]\nid = \"stacks-1\"\n{concept}"), "duplicate rubric for question `stacks-1`"),
        (concept.replace("[\"last-in first-out\"]", "[]").replace("[[question.concept]]", "[[question]]\nid = \"stacks-1\"\n[[question.concept]]"), "field `phrasings`: no phrasings"),
        (concept.replace("[\"last-in first-out\"]", "[\"  \"]").replace("[[question.concept]]", "[[question]]\nid = \"stacks-1\"\n[[question.concept]]"), "empty phrasing"),
        (concept.replace("weight = 2", "weight = -1").replace("[[question.concept]]", "[[question]]\nid = \"stacks-1\"\n[[question.concept]]"), "field `weight`"),
    ];
    for (rubric, message) in cases {
        let env = deck_env(&rubric);
        check(&env)
            .code(1)
            .stderr(predicate::str::contains(message))
            .stderr(no_panic());
    }
}

#[test]
fn deck_problems_name_the_file_and_line() {
    let cases = [
        ("# D\n\n## 1. Stacks\n\n**Q:** What is a stack?\n\n## 2. Queues\n", "deck.md:5", "no reference answer"),
        ("Just some notes, no questions.\n", "deck.md", "no questions found"),
        ("# D\n\n**A:** An answer without a question.\n", "deck.md:3", "without a `**Q:**`"),
        ("# D\n## 1. A\n<!-- id: x -->\n**Q:** q?\n\n**A:** a.\n## 2. B\n<!-- id: x -->\n**Q:** r?\n\n**A:** b.\n", "deck.md", "duplicate topic id `x`"),
    ];
    for (deck, place, message) in cases {
        let env = TestEnv::new();
        env.file("deck/corpus/deck.md", deck);
        env.cmd()
            .arg("--deck")
            .arg(env.dir.path().join("deck"))
            .arg("list")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(place))
            .stderr(predicate::str::contains(message))
            .stderr(no_panic());
    }
    let env = TestEnv::new();
    std::fs::create_dir_all(env.dir.path().join("empty")).unwrap();
    env.cmd()
        .arg("--deck")
        .arg(env.dir.path().join("empty"))
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no Markdown"));
}

#[test]
fn a_question_without_a_rubric_is_graded_with_a_derived_one() {
    let env = deck_env("");
    let out = env
        .cmd()
        .arg("--deck")
        .arg(env.dir.path().join("deck"))
        .args(["grade", "--question", "stacks-1", "--format", "json"])
        .write_stdin("It is a last in, first out list: you push and pop elements at the top.")
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["rubric"].as_str().unwrap().starts_with("auto"));
}

#[test]
fn a_huge_batch_is_streamed() {
    let env = TestEnv::new();
    // One line in a hundred is graded; the rest are cheap (bad ids, bad JSON), so
    // the test measures streaming, not grading speed in a debug build.
    let good =
        serde_json::json!({"question_id": "cdn-1", "answer": "Static assets go through the CDN."})
            .to_string();
    let unknown = serde_json::json!({"question_id": "nope-1", "answer": "x"}).to_string();
    let mut input = String::new();
    for i in 0..100_000 {
        input.push_str(match i % 100 {
            0 => &good,
            1 => "{not json",
            _ => &unknown,
        });
        input.push('\n');
    }
    let path = env.file("big.jsonl", input);
    let out = env
        .cmd()
        .args(["grade", "--batch"])
        .arg(&path)
        .success_stdout();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 100_000);
    let graded = text.lines().filter(|l| l.contains("\"score\"")).count();
    assert_eq!(graded, 1_000);
}

#[test]
fn a_corrupt_cache_is_rebuilt_silently() {
    let env = TestEnv::new();
    let cache = env.dir.path().join("cache");
    let grade = || {
        env.cmd()
            .env("MOCKGRADE_CACHE_DIR", &cache)
            .args(["grade", "--question", "sharding-2", "--format", "json"])
            .write_stdin(GOOD_SHARDING_2)
            .success_stdout()
    };
    let first = grade();
    for entry in std::fs::read_dir(&cache).unwrap().flatten() {
        let p = entry.path();
        if p.is_file() {
            std::fs::write(&p, b"garbage").unwrap();
        } else {
            for f in std::fs::read_dir(&p).unwrap().flatten() {
                std::fs::write(f.path(), b"garbage").unwrap();
            }
        }
    }
    assert_eq!(grade(), first);
    std::fs::remove_dir_all(&cache).unwrap();
    assert_eq!(grade(), first);
}

#[test]
fn an_unwritable_cache_only_costs_speed() {
    let env = TestEnv::new();
    let file = env.file("not-a-dir", "x");
    env.cmd()
        .env("MOCKGRADE_CACHE_DIR", file.join("cache"))
        .args(["grade", "--question", "sharding-2"])
        .write_stdin(GOOD_SHARDING_2)
        .assert()
        .success();
}
