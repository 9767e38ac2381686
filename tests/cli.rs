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
    let commands = [
        "ask",
        "grade",
        "list",
        "show",
        "search",
        "check",
        "eval",
        "rubric",
        "rubric draft",
        "history",
        "history show",
        "history export",
        "stats",
        "review",
        "mock",
        "deck",
        "deck new",
        "import",
        "import anki",
        "paths",
        "completions",
        "man",
    ];
    for command in commands {
        let out = env
            .cmd()
            .args(command.split(' '))
            .arg("--help")
            .success_stdout();
        let help = String::from_utf8(out).unwrap();
        let examples: Vec<&str> = help
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("`{command} --help` has no Examples section:\n{help}"))
            .1
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .collect();
        assert!(!examples.is_empty(), "{command}: {help}");
        let wanted = format!("mockgrade {command}");
        for line in &examples {
            // One example per line, each a call of this very command.
            let call = line.trim_start();
            assert!(
                call.starts_with(&wanted) || call.contains(&format!("| {wanted}")),
                "`{command} --help`: {line:?} is not an example of `{wanted}`"
            );
            assert_eq!(line.matches("mockgrade ").count(), 1, "{line:?}");
        }
    }
    // The four grade examples stand on four lines.
    let out = env.cmd().args(["grade", "--help"]).success_stdout();
    let help = String::from_utf8(out).unwrap();
    for example in [
        "\n  mockgrade grade --question sharding-2 answer.txt\n",
        "\n  echo \"...\" | mockgrade grade --question 3.2\n",
        "\n  mockgrade grade --reference ref.txt answer.txt\n",
        "\n  mockgrade grade --batch answers.jsonl > results.jsonl\n",
    ] {
        assert!(help.contains(example), "{example:?} in {help}");
    }
}

#[test]
fn list_of_one_topic_counts_that_topic() {
    let env = TestEnv::new();
    env.cmd()
        .args(["list", "--topic", "sharding"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("\n1 topic, 3 questions\n"));
}

#[test]
fn an_ambiguous_topic_prefix_says_so_without_contradiction() {
    let env = TestEnv::new();
    env.cmd()
        .args(["list", "--topic", "c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "topic \"c\" is ambiguous: it could be caching (2), cap (5), cdn",
        ))
        .stderr(predicate::str::contains("unknown").not())
        .stderr(predicate::str::contains("did you mean").not());
    // A unique prefix still works, and a typo still gets a suggestion.
    env.cmd()
        .args(["list", "--topic", "cach"])
        .assert()
        .success()
        .stdout(predicate::str::contains("caching-1"));
    env.cmd()
        .args(["list", "--topic", "cachng"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown topic \"cachng\": did you mean `caching`? `mockgrade list`",
        ));
}

#[test]
fn a_question_id_in_place_of_the_file_gets_a_hint() {
    let env = TestEnv::new();
    let answer = env.file("answer.txt", GOOD_SHARDING_2);
    env.cmd()
        .args(["grade", "3.2"])
        .arg(&answer)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "`3.2` is a question, not an answer file: say `mockgrade grade --question 3.2 {}`",
            answer.display()
        )));
    env.cmd()
        .args(["grade", "sharding-2"])
        .write_stdin(GOOD_SHARDING_2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--question sharding-2"));
    env.cmd()
        .args(["grade", "-q", "3.2"])
        .arg(&answer)
        .arg("more.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument `more.txt`"));
    // A file that happens to be named like a question is still a file.
    let named = env.file("3.1", GOOD_SHARDING_2);
    env.cmd()
        .current_dir(named.parent().unwrap())
        .args(["grade", "-q", "3.2", "3.1"])
        .assert()
        .success();
}

#[test]
fn batch_refuses_the_human_format_and_keeps_json() {
    let env = TestEnv::new();
    let line = serde_json::json!({"question_id": "sharding-2", "answer": GOOD_SHARDING_2});
    let path = env.file("b.jsonl", format!("{line}\n"));
    env.cmd()
        .args(["grade", "--format", "human", "--batch"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("--format human is not available"));
    for format in [&["--format", "json"][..], &[]] {
        let out = env
            .cmd()
            .arg("grade")
            .args(format)
            .arg("--batch")
            .arg(&path)
            .success_stdout();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["question_id"], "sharding-2");
    }
}

#[test]
fn the_man_page_documents_every_command_and_cites_no_missing_pages() {
    let env = TestEnv::new();
    let out = env.cmd().arg("man").success_stdout();
    let page = String::from_utf8(out).unwrap();
    assert!(
        !page.contains("mockgrade-ask"),
        "refers to pages that do not exist"
    );
    assert!(page.contains(".SH COMMANDS"), "{page}");
    for command in ["ask", "grade", "review", "mock", "stats", "import anki"] {
        assert!(
            page.contains(&format!("mockgrade {command}")),
            "`{command}` missing from the man page"
        );
    }
    // Examples are in it (roff escapes the dashes).
    assert!(page.contains("answers.jsonl > results.jsonl"), "{page}");
}

#[test]
fn bash_completion_offers_topics_and_questions_not_files() {
    let env = TestEnv::new();
    let out = env.cmd().args(["completions", "bash"]).success_stdout();
    let script = String::from_utf8(out).unwrap();
    // Every `--topic)` branch of a command that takes a deck topic lists them.
    let branches: Vec<&str> = script
        .split("--topic)")
        .skip(1)
        .map(|rest| rest.lines().nth(1).unwrap_or(""))
        .collect();
    let with_topics = branches
        .iter()
        .filter(|b| b.contains("compgen -W") && b.contains("sharding") && b.contains("caching"))
        .count();
    assert_eq!(
        with_topics, 5,
        "ask, list, stats, review and mock: {branches:#?}"
    );
    assert!(
        branches.iter().all(|b| !b.contains("compgen -f")),
        "a --topic completes file names: {branches:#?}"
    );
    let questions = script
        .split("--question)")
        .skip(1)
        .map(|rest| rest.lines().nth(1).unwrap_or(""))
        .filter(|b| b.contains("sharding-2"))
        .count();
    assert!(questions >= 2, "ask and grade complete question ids");
    // Answer files are still completed as files.
    assert!(script.contains("compgen -f"));
}

#[test]
fn show_renders_tables_callouts_and_examples() {
    let env = TestEnv::new();
    let out = env.cmd().args(["show", "cap"]).success_stdout();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("|---") && !text.contains("| "), "{text}");
    assert!(!text.contains("> **") && !text.contains("**"), "{text}");
    assert!(!text.contains('`'), "{text}");
    assert!(text.contains("▌ Rule: The real-world framing"), "{text}");
    // Examples one per line.
    for example in [
        "\n  • Robinhood -> CP: ledger must be consistent (no phantom shares)\n",
        "\n  • Uber -> AP: slightly stale driver locations are fine\n",
    ] {
        assert!(text.contains(example), "{example:?} in {text}");
    }
    // The table's columns line up: every row has its separators at the same places.
    let out = env.cmd().args(["show", "sharding"]).success_stdout();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("|---") && !text.contains("**"), "{text}");
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('│')).collect();
    assert!(rows.len() >= 4, "{text}");
    let bars = |l: &str| -> Vec<usize> {
        l.chars()
            .enumerate()
            .filter(|(_, c)| *c == '│')
            .map(|(i, _)| i)
            .collect()
    };
    assert!(rows.windows(2).all(|w| bars(w[0]) == bars(w[1])), "{text}");
}

#[test]
fn piped_reports_wrap_at_columns_with_words_intact() {
    let env = TestEnv::new();
    let answer = env.file("a.txt", GOOD_SHARDING_2);
    let run = |columns: &str| {
        let out = env
            .cmd()
            .env("COLUMNS", columns)
            .args([
                "--no-history",
                "grade",
                "-q",
                "sharding-2",
                "--show-reference",
            ])
            .arg(&answer)
            .success_stdout();
        String::from_utf8(out).unwrap()
    };
    let (narrow, wide) = (run("50"), run("100000"));
    assert!(narrow.lines().all(|l| l.chars().count() <= 50), "{narrow}");
    assert!(wide.lines().any(|l| l.chars().count() > 50));
    assert_eq!(
        narrow.split_whitespace().collect::<Vec<_>>(),
        wide.split_whitespace().collect::<Vec<_>>()
    );
    // Continuation lines hang under their first line.
    let lines: Vec<&str> = narrow.lines().collect();
    let i = lines.iter().position(|l| l.starts_with("  ✓ ")).unwrap();
    if !lines[i + 1].starts_with("  ✓ ") {
        assert!(lines[i + 1].starts_with("    "), "{narrow}");
    }
    // Without COLUMNS and a terminal, 80 columns.
    let default = env
        .cmd()
        .args([
            "--no-history",
            "grade",
            "-q",
            "sharding-2",
            "--show-reference",
        ])
        .arg(&answer)
        .success_stdout();
    let default = String::from_utf8(default).unwrap();
    assert!(
        default.lines().all(|l| l.chars().count() <= 80),
        "{default}"
    );
    assert!(default.lines().any(|l| l.chars().count() > 70), "{default}");
}

#[test]
fn evidence_from_bullet_lines_is_quoted_on_one_line() {
    let env = TestEnv::new();
    // "hash(key) % N" spans a line break inside a bullet.
    let answer = "- naive hash(key)\n  % N remaps almost every key\n- keys and nodes both sit on a hash\n  ring; a key goes to the next node clockwise\n";
    let out = env
        .cmd()
        .args([
            "--no-history",
            "grade",
            "-q",
            "sharding-2",
            "--format",
            "json",
        ])
        .write_stdin(answer)
        .success_stdout();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let quotes: Vec<String> = v["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["evidence"].as_str().map(str::to_string))
        .collect();
    assert!(
        quotes.iter().any(|q| q == "hash(key) % N"),
        "the test needs evidence across the line break: {quotes:?}"
    );
    assert!(quotes.iter().all(|q| !q.contains('\n')), "{quotes:?}");
    let out = env
        .cmd()
        .env("COLUMNS", "100000")
        .args(["--no-history", "grade", "-q", "sharding-2"])
        .write_stdin(answer)
        .success_stdout();
    let report = String::from_utf8(out).unwrap();
    for quote in quotes {
        assert!(
            report.lines().any(|l| l.contains(&format!("\"{quote}\""))),
            "{quote:?} not on one line in:\n{report}"
        );
    }
}

#[test]
fn closed_stdout_exits_quietly() {
    let env = TestEnv::new();
    // `list` writes many lines; a reader that closes early must not cause a panic message.
    let mut child = env
        .std_cmd()
        .arg("list")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}
