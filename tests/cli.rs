//! Drives the real binary: every command, piped stdin, JSON output and errors.

mod testenv;

use predicates::prelude::*;
use serde_json::Value;
use testenv::{SuccessOutput, TestEnv, GOOD_SHARDING_2};

#[test]
fn grade_from_stdin_prints_a_human_report() {
    let env = TestEnv::new();
    env.cmd()
        .args(["grade", "--question", "sharding-2"])
        .write_stdin(GOOD_SHARDING_2)
        .assert()
        .success()
        .stdout(predicate::str::contains("Score"))
        .stdout(predicate::str::contains("✓"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn grade_json_has_the_documented_fields() {
    let env = TestEnv::new();
    let answer = env.file("a.txt", GOOD_SHARDING_2);
    let out = env
        .cmd()
        .args(["grade", "--question", "3.2", "--format", "json"])
        .arg(&answer)
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["question_id"], "sharding-2");
    let score = v["score"].as_f64().unwrap();
    assert!((60.0..=100.0).contains(&score), "{score}");
    assert!(v["band"].is_string());
    assert!(v["similarity"].is_number());
    let concepts = v["concepts"].as_array().unwrap();
    assert!(concepts.iter().all(|c| c["id"].is_string()
        && c["label"].is_string()
        && c["weight"].is_number()
        && ["covered", "missing", "negated"].contains(&c["status"].as_str().unwrap())));
    assert!(v["misconceptions"].is_array());
    assert!(v["penalties"].is_array());
}

#[test]
fn color_always_colours_and_show_reference_prints_it() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "--color",
            "always",
            "grade",
            "-q",
            "sharding-2",
            "--show-reference",
        ])
        .write_stdin(GOOD_SHARDING_2)
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}["))
        .stdout(predicate::str::contains("Reference answer"));
}

#[test]
fn negated_concepts_and_misconceptions_are_reported() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["grade", "--question", "idempotency-2", "--format", "json"])
        .write_stdin("You don't need a dedup table because TCP guarantees exactly-once delivery, so every request is processed only once anyway. Just insert the row.").success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["score"].as_f64().unwrap() <= 30.0, "{v}");
    let statuses: Vec<&str> = v["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"negated"), "{statuses:?}");
}

#[test]
fn unknown_question_suggests_and_exits_2() {
    let env = TestEnv::new();
    env.cmd()
        .args(["grade", "--question", "shardng-2"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `sharding-2`"));
    env.cmd()
        .args(["ask", "--topic", "cachng"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `caching`"));
    env.cmd()
        .args(["show", "idempotncy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `idempotency`"));
}

#[test]
fn input_errors_are_clear_and_non_zero() {
    let env = TestEnv::new();
    type Case<'a> = (Vec<String>, Option<Vec<u8>>, &'a str);
    let cases: Vec<Case> = vec![
        (vec!["missing.txt".into()], None, "no such file"),
        (
            vec![env.dir.path().display().to_string()],
            None,
            "is a directory",
        ),
        (vec![], Some(b"   \n\t ".to_vec()), "answer is empty"),
        (vec![], Some(vec![0xff, 0xfe, b'a']), "not valid UTF-8"),
        (vec![], Some(b"abc\0def".to_vec()), "NUL"),
    ];
    for (extra, stdin, message) in cases {
        let mut cmd = env.cmd();
        cmd.args(["grade", "--question", "sharding-2"]).args(&extra);
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        cmd.assert()
            .code(1)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn ask_reads_a_piped_answer_and_does_not_repeat_the_last_question() {
    let env = TestEnv::new();
    let mut seen = Vec::new();
    for _ in 0..4 {
        let out = env
            .cmd()
            .args(["ask", "--topic", "replication", "--format", "json"])
            .write_stdin("Sharding splits data across nodes; replication copies the same data to several nodes for reads and failover.").success_stdout();
        let v: Value = serde_json::from_slice(&out).unwrap();
        seen.push(v["question_id"].as_str().unwrap().to_string());
    }
    // The topic has two questions; never the same one twice in a row.
    for pair in seen.windows(2) {
        assert_ne!(pair[0], pair[1], "{seen:?}");
    }
    env.cmd()
        .args(["ask", "--question", "4.1"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("answer is empty"));
}

#[test]
fn ask_with_editor_uses_the_editor_output() {
    let env = TestEnv::new();
    let script = env.file(
        "editor.sh",
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"{}\" > \"$1\"\n",
            GOOD_SHARDING_2.replace('"', "")
        ),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    env.cmd()
        .env("EDITOR", &script)
        .args(["ask", "--question", "sharding-2", "--editor"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Score"));
}

#[test]
fn batch_grades_in_order_and_reports_bad_lines() {
    let env = TestEnv::new();
    let good =
        serde_json::json!({"id": "a", "question_id": "sharding-2", "answer": GOOD_SHARDING_2});
    let by_reference = serde_json::json!({"id": "r", "question": "What is a stack?", "reference": "A stack is a last-in first-out list where push and pop happen at the top.", "answer": "Last in, first out: you push and pop at the top."});
    let input = format!(
        "{good}\nnot json\n{{\"id\":\"b\",\"question_id\":\"nope-1\",\"answer\":\"x\"}}\n{{\"id\":\"c\",\"question_id\":\"3.2\"}}\n\n{by_reference}\n"
    );
    let path = env.file("batch.jsonl", input);
    let out = env
        .cmd()
        .args(["grade", "--batch"])
        .arg(&path)
        .success_stdout();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["score"].as_f64().unwrap() > 50.0);
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[2]["id"], "b");
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("unknown question"));
    assert!(lines[3]["error"].as_str().unwrap().contains("answer"));
    assert_eq!(lines[4]["id"], "r");
    assert!(lines[4]["score"].as_f64().unwrap() > 30.0, "{}", lines[4]);
}

#[test]
fn batch_output_does_not_depend_on_threads() {
    let env = TestEnv::new();
    let mut input = String::new();
    for q in ["sharding-2", "caching-1", "idempotency-1", "cdn-2"] {
        for answer in [
            GOOD_SHARDING_2,
            "Use a TTL and invalidate on write events.",
            "idempotency keys",
        ] {
            input.push_str(&serde_json::json!({"question_id": q, "answer": answer}).to_string());
            input.push('\n');
        }
    }
    let path = env.file("b.jsonl", input);
    let run = |threads: &str| {
        env.cmd()
            .args(["grade", "--threads", threads, "--batch"])
            .arg(&path)
            .success_stdout()
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn grade_against_a_reference_file() {
    let env = TestEnv::new();
    let reference = env.file("ref.txt", "A binary search tree keeps smaller keys in the left subtree and larger keys in the right subtree, so search takes logarithmic time when balanced.");
    let answer = env.file("ans.txt", "Left subtree holds smaller keys and the right subtree larger ones; lookups are logarithmic if the tree is balanced.");
    env.cmd()
        .args(["grade", "--reference"])
        .arg(&reference)
        .arg(&answer)
        .assert()
        .success()
        .stdout(predicate::str::contains("auto"));
}

#[test]
fn list_show_and_search() {
    let env = TestEnv::new();
    env.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("sharding-2"))
        .stdout(predicate::str::contains("15 topics, 35 questions"));
    let out = env
        .cmd()
        .args(["list", "--topic", "3", "--format", "json"])
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["questions"].as_array().unwrap().len(), 3);
    env.cmd()
        .args(["show", "3.2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Reference answer"))
        .stdout(predicate::str::contains("Virtual nodes"));
    env.cmd()
        .args(["show", "sharding"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hash-based"))
        .stdout(predicate::str::contains("Uber -> shard by city_id"));
    env.cmd()
        .args(["search", "thundering", "herd"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("caching-2"));
}

#[test]
fn check_passes_on_the_builtin_deck_and_fails_on_a_bad_one() {
    let env = TestEnv::new();
    env.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("ok:"));
    let deck = env.dir.path().join("deck");
    env.file(
        "deck/corpus/deck.md",
        "# D\n\n## 1. Stacks\n\n**Q:** What is a stack?\n\n**A:** A last-in first-out list.\n",
    );
    env.file("deck/rubrics/stacks.toml", "[[question]]\nid = \"stacks-1\"\n[[question.concept]]\nid = \"lifo\"\nlabel = \"LIFO\"\nweight = 2\nphrasings = [\"queue discipline\"]\nexplanation = \"x\"\n");
    env.cmd()
        .arg("--deck")
        .arg(&deck)
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("concept `lifo`"))
        .stderr(predicate::str::contains("own reference answer"));
    env.file("deck/rubrics/stacks.toml", "[[question]]\nid = \"stacks-1\"\n[[question.concept]]\nid = \"lifo\"\nlabel = \"LIFO\"\nweight = 2\nphrasings = [\"last-in first-out\"]\nexplanation = \"x\"\n");
    env.cmd()
        .arg("--deck")
        .arg(&deck)
        .arg("check")
        .assert()
        .success();
    env.file(
        "deck/rubrics/stacks.toml",
        "[[question]]\nid = \"stacks-1\"\n[[question.concept]]\nid = 5\n",
    );
    env.cmd()
        .arg("--deck")
        .arg(&deck)
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stacks.toml:4:"));
}

#[test]
fn eval_prints_agreement_figures() {
    let env = TestEnv::new();
    let lines = [
        (GOOD_SHARDING_2, 9.0, "excellent"),
        (
            "Consistent hashing uses a ring so only some keys move.",
            4.0,
            "partial",
        ),
        (
            "Hashing is a thing that databases do to be consistent.",
            1.0,
            "vague",
        ),
        (
            "ring, vnodes, 1/N, DynamoDB, Cassandra, modulo, clockwise",
            1.5,
            "keyword-salad",
        ),
    ];
    let mut input = String::new();
    for (i, (answer, score, kind)) in lines.iter().enumerate() {
        input.push_str(&serde_json::json!({"id": i, "question_id": "sharding-2", "answer": answer, "score": score, "kind": kind}).to_string());
        input.push('\n');
    }
    let path = env.file("eval.jsonl", input);
    env.cmd()
        .arg("eval")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Pearson"))
        .stdout(predicate::str::contains("keyword-salad"))
        .stdout(predicate::str::contains("Worst disagreements"));
    let out = env
        .cmd()
        .args(["eval", "--format", "json"])
        .arg(&path)
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["overall"]["pearson"].as_f64().unwrap() > 0.5, "{v}");
}

#[test]
fn rubric_draft_prints_valid_toml() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["rubric", "draft", "sharding-2"])
        .success_stdout();
    let text = String::from_utf8(out).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    assert!(v["question"][0]["concept"].as_array().unwrap().len() >= 3);
}

#[test]
fn help_lists_exit_codes_and_commands_have_examples() {
    let env = TestEnv::new();
    env.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes"));
    for cmd in ["ask", "grade", "list", "show", "search", "check", "eval"] {
        env.cmd()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("mockgrade "));
    }
}

#[test]
fn closed_stdout_exits_quietly() {
    let env = TestEnv::new();
    // `list` writes many lines; a reader that closes early must not cause a panic message.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mockgrade"))
        .arg("list")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let _ = env;
}
