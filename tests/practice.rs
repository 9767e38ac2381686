//! The practice loop through the real binary: scheduling order, review, a mock
//! interview from piped input, own decks and Anki import.

mod testenv;

use predicates::prelude::*;
use serde_json::Value;
use testenv::{TestEnv, GOOD_SHARDING_2};

fn asked(env: &TestEnv, topic: &str, answer: &str) -> String {
    let out = env
        .cmd()
        .args(["ask", "--topic", topic, "--format", "json"])
        .write_stdin(answer.to_string())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
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
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
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
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
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
        .stdout(predicate::str::contains("1 lines skipped"));
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
