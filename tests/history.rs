//! Practice history through the real binary: written and read back, opt-outs,
//! stats figures, concurrent writers, and damaged or foreign databases.

mod testenv;

use predicates::prelude::*;
use serde_json::Value;
use testenv::{SuccessOutput, TestEnv, GOOD_SHARDING_2};

fn grade(env: &TestEnv, question: &str, answer: &str, extra: &[&str]) {
    env.cmd()
        .args(extra)
        .args(["grade", "--question", question])
        .write_stdin(answer.to_string())
        .assert()
        .success();
}

fn history_json(env: &TestEnv) -> Vec<Value> {
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .success_stdout();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn attempts_are_saved_listed_shown_and_exported() {
    let env = TestEnv::new();
    grade(&env, "sharding-2", GOOD_SHARDING_2, &[]);
    grade(
        &env,
        "caching-1",
        "Use a TTL so stale entries expire.",
        &["--no-store-answer"],
    );
    grade(
        &env,
        "cdn-1",
        "Static assets go through the CDN.",
        &["--no-history"],
    );
    let attempts = history_json(&env);
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0]["question_id"], "caching-1");
    assert!(attempts[0]["answer"].is_null());
    assert_eq!(attempts[1]["answer"].as_str().unwrap(), GOOD_SHARDING_2);
    let id = attempts[1]["id"].as_i64().unwrap().to_string();
    env.cmd()
        .args(["history", "show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("sharding-2"))
        .stdout(predicate::str::contains("Your answer"));
    env.cmd()
        .args(["history", "show", "999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no attempt #999"));
    let out = env.cmd().args(["history", "export"]).success_stdout();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["report"]["concepts"].is_array());
}

#[test]
fn stats_match_the_attempts_made() {
    let env = TestEnv::new();
    grade(&env, "sharding-2", GOOD_SHARDING_2, &[]);
    grade(
        &env,
        "sharding-1",
        "Shard by user_id so a user's queries hit one shard.",
        &[],
    );
    grade(&env, "caching-1", "Use a TTL.", &[]);
    let attempts = history_json(&env);
    let out = env
        .cmd()
        .args(["stats", "--format", "json"])
        .success_stdout();
    let stats: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(stats["attempts"], 3);
    let sharding = stats["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == "sharding")
        .unwrap();
    assert_eq!(sharding["attempts"], 2);
    let expected: f64 = attempts
        .iter()
        .filter(|a| a["question_id"].as_str().unwrap().starts_with("sharding"))
        .map(|a| a["score"].as_f64().unwrap())
        .sum::<f64>()
        / 2.0;
    assert!((sharding["average"].as_f64().unwrap() - expected).abs() < 1e-9);
    assert_eq!(stats["trend"].as_array().unwrap().len(), 3);
    assert!(!stats["most_missed"].as_array().unwrap().is_empty());
    let out = env
        .cmd()
        .args(["stats", "--topic", "caching", "--format", "json"])
        .success_stdout();
    let caching: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(caching["attempts"], 1);
}

#[test]
fn twenty_processes_at_once_leave_twenty_attempts() {
    let env = TestEnv::new();
    grade(&env, "cdn-1", "warm the cache", &["--no-history"]);
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut cmd = env.std_cmd();
            cmd.args(["grade", "--question", "cdn-1", "--format", "json"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            writeln!(stdin, "Static assets number {i} go through the CDN.").unwrap();
            drop(stdin);
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let attempts = history_json(&env);
    assert_eq!(attempts.len(), 20);
    let mut answers: Vec<String> = attempts
        .iter()
        .map(|a| a["answer"].as_str().unwrap().to_string())
        .collect();
    answers.sort();
    answers.dedup();
    assert_eq!(answers.len(), 20);
}

#[test]
fn a_damaged_history_is_reported_and_never_overwritten() {
    let env = TestEnv::new();
    let db = env.file(
        "data/history.sqlite3",
        "my precious notes, not a database ".repeat(100),
    );
    let before = std::fs::read(&db).unwrap();
    env.cmd()
        .args(["grade", "--question", "sharding-2"])
        .write_stdin(GOOD_SHARDING_2)
        .assert()
        .success()
        .stdout(predicate::str::contains("Score"))
        .stderr(predicate::str::contains("not saved"))
        .stderr(predicate::str::contains("damaged"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    env.cmd()
        .arg("history")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("damaged"));
}

#[test]
fn a_missing_or_unusable_data_directory_only_warns() {
    let env = TestEnv::new();
    let blocker = env.file("blocker", "a file where the data directory should be");
    env.cmd()
        .env("MOCKGRADE_DATA_DIR", blocker.join("data"))
        .args(["grade", "--question", "sharding-2"])
        .write_stdin(GOOD_SHARDING_2)
        .assert()
        .success()
        .stdout(predicate::str::contains("Score"))
        .stderr(predicate::str::contains("not saved"));
}

#[test]
fn paths_completions_and_man_page() {
    let env = TestEnv::new();
    env.cmd()
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("history.sqlite3"));
    for shell in ["bash", "zsh", "fish"] {
        env.cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("mockgrade"));
    }
    env.cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH mockgrade"));
}

#[test]
fn processes_killed_while_writing_leave_the_history_readable() {
    let env = TestEnv::new();
    for i in 0..3 {
        grade(
            &env,
            "cdn-1",
            &format!("Static assets {i} go through the CDN."),
            &[],
        );
    }
    let before = history_json(&env);
    // Kill graders at staggered moments, some of them mid-write (SIGKILL).
    for round in 0..12u64 {
        let mut child = env
            .std_cmd()
            .args(["grade", "--question", "cdn-1"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let _ = writeln!(stdin, "Static assets round {round} go through the CDN.");
        }
        std::thread::sleep(std::time::Duration::from_millis(2 * round));
        let _ = child.kill();
        let _ = child.wait();
    }
    let after = history_json(&env);
    assert!(after.len() >= before.len());
    for old in &before {
        let same = after
            .iter()
            .find(|a| a["id"] == old["id"])
            .expect("earlier attempt kept");
        assert_eq!(same["answer"], old["answer"]);
        assert_eq!(same["score"], old["score"]);
    }
    grade(
        &env,
        "cdn-1",
        "Static assets go through the CDN, still writable.",
        &[],
    );
    assert_eq!(history_json(&env).len(), after.len() + 1);
}

#[test]
fn the_config_file_is_respected_and_an_invalid_one_is_located() {
    let env = TestEnv::new();
    env.file(
        "config/config.toml",
        "topic = \"cdn\"\nhistory = false\ncolor = \"always\"\n",
    );
    let out = env
        .cmd()
        .args(["ask", "--format", "json"])
        .write_stdin("Static assets go through the CDN.")
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["question_id"].as_str().unwrap().starts_with("cdn-"));
    assert!(history_json(&env).is_empty(), "history = false is honoured");
    env.cmd()
        .args(["grade", "-q", "cdn-1"])
        .write_stdin("Static assets go through the CDN.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}["));
    env.file("config/config.toml", "topic = \"cdn\"\nhistroy = false\n");
    env.cmd()
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.toml:2:1"))
        .stderr(predicate::str::contains("invalid configuration"));
}

#[test]
fn regrading_one_answer_in_a_burst_does_not_compound_the_schedule() {
    let env = TestEnv::new();
    let answer = env.file("answer.txt", GOOD_SHARDING_2);
    for _ in 0..7 {
        env.cmd()
            .args(["grade", "--question", "sharding-2"])
            .arg(&answer)
            .assert()
            .success();
    }
    assert_eq!(history_json(&env).len(), 7, "every grade is kept");
    let history = mockgrade::history::History::open(&env.dir.path().join("data")).unwrap();
    let schedule = history.schedule().unwrap();
    let item = schedule.questions["sharding-2"];
    // One review: the next one is a day away, not years.
    assert_eq!((item.repetitions, item.interval_days), (1, 1.0), "{item:?}");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(item.due <= now + 86_400 + 60, "{item:?}");
    for concept in schedule.concepts.values() {
        assert!(concept.interval_days <= 1.0, "{concept:?}");
    }
}

#[test]
fn custom_reference_grades_stay_out_of_stats_and_the_schedule() {
    let env = TestEnv::new();
    let reference = env.file(
        "ref.txt",
        "Which is better than x? A stack is a co-operative last-in first-out list where push and pop work at the top.",
    );
    env.cmd()
        .args(["grade", "--reference"])
        .arg(&reference)
        .write_stdin("A queue is first in, first out.")
        .assert()
        .success();
    grade(&env, "caching-1", "Use a TTL.", &[]);
    let attempts = history_json(&env);
    assert_eq!(attempts.len(), 2, "both are in the history");
    assert!(attempts.iter().any(|a| a["custom"] == true));
    let out = env
        .cmd()
        .args(["stats", "--format", "json"])
        .success_stdout();
    let stats: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(stats["attempts"], 1);
    assert_eq!(stats["custom_reference_attempts"], 1);
    let topics: Vec<&str> = stats["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["topic"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["caching"]);
    let rubric = "rubrics/caching.toml";
    for missed in stats["most_missed"].as_array().unwrap() {
        let concept = missed["concept"].as_str().unwrap();
        assert!(
            !["which", "than", "x", "co", "queue", "stack", "push", "pop"].contains(&concept),
            "{concept} from the custom reference is among the most missed ({rubric})"
        );
    }
    env.cmd()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 attempt "))
        .stdout(predicate::str::contains(
            "1 grade against your own reference answers not counted",
        ));
    let history = mockgrade::history::History::open(&env.dir.path().join("data")).unwrap();
    let schedule = history.schedule().unwrap();
    assert_eq!(schedule.questions.keys().collect::<Vec<_>>(), ["caching-1"]);
    assert!(!schedule.concepts.contains_key("stack"));
}

#[test]
fn a_topic_typo_in_the_config_file_names_the_file() {
    let env = TestEnv::new();
    let config = env.file("config/config.toml", "topic = \"cachng\"\n");
    env.cmd()
        .arg("ask")
        .write_stdin("Use a TTL.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: the `topic` setting: unknown topic \"cachng\": did you mean `caching`?",
            config.display()
        )));
    // On the command line, the same typo is the command line's.
    env.cmd()
        .args(["ask", "--topic", "cachng"])
        .write_stdin("Use a TTL.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml").not());
}
