#![no_main]
//! The grader on arbitrary answers, against a deck rubric and a derived one.
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mockgrade::grade::Grader;

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| Grader::builtin().expect("built-in deck"))
}

fuzz_target!(|text: &str| {
    let g = grader();
    let q = g.deck.question("sharding-2").expect("question");
    if let Ok(r) = g.grade(q, text) {
        assert!((0.0..=100.0).contains(&r.score));
    }
    let _ = g.grade_against_reference("What is a stack?", "A last-in first-out list.", text);
});
