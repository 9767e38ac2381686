//! The practice loop through the real binary: scheduling order, review, a mock
//! interview from piped input, own decks and Anki import.

mod testenv;

use predicates::prelude::*;
use serde_json::Value;
use testenv::{SuccessOutput, TestEnv, GOOD_SHARDING_2};

fn asked(env: &TestEnv, topic: &str, answer: &str) -> String {
    let out = env
        .cmd()
        .args(["ask", "--topic", topic, "--format", "json"])
        .write_stdin(answer.to_string())
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    v["question_id"].as_str().unwrap().to_string()
}

#[test]
fn ask_prefers_never_tried_questions_then_the_schedule() {
    let env = TestEnv::new();
    // The sharding topic has three questions: the first three asks cover all of them.
    let mut seen: Vec<String> = (0..3).map(|_| asked(&env, "sharding", "no idea")).collect();
    seen.sort();
    assert_eq!(seen, ["sharding-1", "sharding-2", "sharding-3"]);
    // All tried and none due yet: failed ones come back first by concepts missed,
    // never the question asked last time.
    let last = asked(&env, "sharding", GOOD_SHARDING_2);
    let next = asked(&env, "sharding", "no idea");
    assert_ne!(last, next);
}

#[test]
fn review_with_nothing_due_says_so() {
    let env = TestEnv::new();
    asked(&env, "cdn", "Static assets go through the CDN.");
    env.cmd()
        .arg("review")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing is due"));
}

#[test]
fn a_mock_interview_from_piped_answers_ends_with_a_scorecard_and_is_saved() {
    let env = TestEnv::new();
    let answers = format!("{GOOD_SHARDING_2}\n---\nskip\n---\nUse a TTL.\n");
    env.cmd()
        .args([
            "mock",
            "--questions",
            "3",
            "--minutes",
            "10",
            "--topic",
            "sharding",
        ])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Scorecard"))
        .stdout(predicate::str::contains("skipped"))
        .stdout(predicate::str::contains("Overall"));
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .success_stdout();
    let attempts: Vec<Value> = serde_json::from_slice(&out).unwrap();
    assert_eq!(attempts.len(), 2, "two graded, one skipped");
}

#[test]
fn an_interrupted_mock_keeps_what_was_graded() {
    let env = TestEnv::new();
    // Input ends after the first answer, as when the user quits.
    env.cmd()
        .args([
            "mock",
            "--questions",
            "4",
            "--topic",
            "caching",
            "--topic",
            "cdn",
        ])
        .write_stdin("Use a TTL and invalidate on writes.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Scorecard"));
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .success_stdout();
    let attempts: Vec<Value> = serde_json::from_slice(&out).unwrap();
    assert_eq!(attempts.len(), 1);
}

#[test]
fn a_new_deck_checks_and_grades() {
    let env = TestEnv::new();
    let deck = env.dir.path().join("mydeck");
    env.cmd()
        .args(["deck", "new"])
        .arg(&deck)
        .assert()
        .success();
    env.cmd()
        .arg("--deck")
        .arg(&deck)
        .arg("check")
        .assert()
        .success();
    env.cmd()
        .arg("--deck")
        .arg(&deck)
        .args(["grade", "-q", "example-1"])
        .write_stdin("It spreads requests across several servers and uses health checks.")
        .assert()
        .success()
        .stdout(predicate::str::contains("✓"));
    env.cmd()
        .args(["deck", "new"])
        .arg(&deck)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not empty"));
}

#[test]
fn an_anki_export_becomes_a_deck() {
    let env = TestEnv::new();
    let file = env.file(
        "notes.txt",
        "#separator:tab\n#html:true\nWhat is a <b>quorum</b>?\tA <i>majority</i> of replicas that must acknowledge a write.\nWhat is CAP?\tUnder a partition you choose consistency or availability.\nno tab here\n",
    );
    let out = env.dir.path().join("anki");
    env.cmd()
        .args(["import", "anki"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 2 notes"))
        .stdout(predicate::str::contains("1 line skipped"));
    env.cmd()
        .arg("--deck")
        .arg(&out)
        .args(["grade", "-q", "anki-1", "--format", "json"])
        .write_stdin("A majority of the replicas has to acknowledge each write.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"rubric\":\"auto"));
    let bad = env.file("bad.txt", "no tabs at all\n");
    env.cmd()
        .args(["import", "anki"])
        .arg(&bad)
        .arg("--out")
        .arg(env.dir.path().join("x"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no notes found"));
}

#[cfg(unix)]
fn interrupt(child: &std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_mock_keeps_what_was_graded() {
    use std::io::Write;
    let env = TestEnv::new();
    let mut child = env
        .std_cmd()
        .args(["mock", "--questions", "3", "--topic", "caching"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "Use a TTL and invalidate on writes.\n---").unwrap();
    stdin.flush().unwrap();
    // Wait until the first answer is saved, then interrupt while it waits for the second.
    let db = env.dir.path().join("data").join("history.sqlite3");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let out = env
            .cmd()
            .args(["history", "--format", "json"])
            .output()
            .unwrap();
        let saved: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
        if db.exists() && saved.len() == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the first answer was never saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let after = env
        .cmd()
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let saved: Vec<Value> = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(saved.len(), 1);
}

#[test]
fn a_mock_needs_a_question_and_some_time() {
    let env = TestEnv::new();
    env.cmd()
        .args(["mock", "--questions", "0"])
        .write_stdin("")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("at least 1 question"));
    env.cmd()
        .args(["mock", "--minutes", "0"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than 0 minutes"));
}

#[test]
fn counts_of_one_are_singular() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "mock",
            "--questions",
            "1",
            "--minutes",
            "1",
            "--topic",
            "cdn",
        ])
        .write_stdin("skip\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Mock interview: 1 question, 1 minute.",
        ))
        // All skipped: zero, not "-0".
        .stdout(predicate::str::contains("Overall 0/100"))
        .stdout(predicate::str::contains("-0").not());
    asked(&env, "cdn", "Static assets go through the CDN.");
    env.cmd()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains(" 1 attempt "))
        .stdout(predicate::str::contains("1 attempts").not());
}

#[cfg(unix)]
#[test]
fn an_answer_after_the_time_ran_out_is_graded_as_late() {
    use std::io::Write;
    let env = TestEnv::new();
    // A 1.2-second interview, answered after 2 seconds.
    let mut child = env
        .std_cmd()
        .args([
            "mock",
            "--questions",
            "2",
            "--minutes",
            "0.02",
            "--topic",
            "sharding",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The clock starts when the first question is shown (preparing a fresh
    // deck cache can take longer than the whole interview on a loaded machine).
    let mut stderr_lines =
        std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
    let mut stderr = String::new();
    for line in stderr_lines.by_ref() {
        let line = line.unwrap();
        stderr.push_str(&line);
        stderr.push('\n');
        if line.contains("(1/2)") {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(2000));
    writeln!(
        stdin,
        "{GOOD_SHARDING_2}\n---\nA second answer that is never asked for."
    )
    .unwrap();
    drop(stdin);
    for line in stderr_lines {
        stderr.push_str(&line.unwrap());
        stderr.push('\n');
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("(late: answered 0 min 0"), "{stderr}");
    assert!(stderr.contains("Time is up."), "{stderr}");
    assert!(stdout.contains("late by 0 min 0"), "{stdout}");
    assert!(
        stdout.contains("1 answer after the time ran out"),
        "{stdout}"
    );
    // The late answer is graded and saved all the same.
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .success_stdout();
    let attempts: Vec<Value> = serde_json::from_slice(&out).unwrap();
    assert_eq!(attempts.len(), 1);
    // An answer in time has no such note.
    env.cmd()
        .args(["mock", "--questions", "1", "--topic", "cdn"])
        .write_stdin("Static assets go through the CDN.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("late by").not())
        .stdout(predicate::str::contains("after the time ran out").not())
        .stderr(predicate::str::contains("(late:").not());
}

#[test]
fn an_anki_field_with_a_quoted_line_break_stays_one_note() {
    let env = TestEnv::new();
    let file = env.file(
        "notes.txt",
        "#separator:tab\n#html:true\n\"What is a <b>quorum</b>,\nand why a majority?\"\t\"A majority of replicas must acknowledge a write.\n\nAny two majorities overlap, so a read sees the latest write.\"\nWhat is CAP?\tUnder a partition you choose consistency or availability.\n",
    );
    let out = env.dir.path().join("anki");
    env.cmd()
        .args(["import", "anki"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 2 notes"))
        .stdout(predicate::str::contains("skipped").not());
    let shown = env
        .cmd()
        .arg("--deck")
        .arg(&out)
        .args(["show", "anki-1", "--format", "json"])
        .success_stdout();
    let q: Value = serde_json::from_slice(&shown).unwrap();
    assert_eq!(q["question"], "What is a quorum, and why a majority?");
    let reference = q["reference"].as_str().unwrap();
    assert!(
        reference.starts_with("A majority of replicas"),
        "{reference}"
    );
    assert!(reference.ends_with("sees the latest write."), "{reference}");
    let second = env
        .cmd()
        .arg("--deck")
        .arg(&out)
        .args(["show", "anki-2", "--format", "json"])
        .success_stdout();
    let q: Value = serde_json::from_slice(&second).unwrap();
    assert_eq!(q["question"], "What is CAP?");
}
