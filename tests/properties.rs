//! Properties of the grader on generated answers: range, determinism,
//! monotonicity in covered concepts, and indifference to case and spacing.

use std::sync::OnceLock;

use mockgrade::grade::Grader;
use proptest::prelude::*;

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| Grader::builtin().expect("built-in deck"))
}

const WORDS: &[&str] = &[
    "the",
    "cache",
    "shard",
    "key",
    "ring",
    "node",
    "not",
    "because",
    "replica",
    "leader",
    "quorum",
    "retry",
    "idempotent",
    "queue",
    "stream",
    "partition",
    "ttl",
    "lock",
    "never",
    "consistent",
    "hashing",
    "virtual",
    "moves",
    "only",
    "and",
    "so",
    "database",
    "write",
    "read",
    "fast",
    ",",
    ".",
    "without",
    "load",
    "balancer",
    "saga",
    "event",
    "offset",
];

fn answer() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..60).prop_map(|w| w.join(" "))
}

fn question() -> impl Strategy<Value = String> {
    prop::sample::select(
        grader()
            .deck
            .questions()
            .map(|q| q.id.clone())
            .collect::<Vec<_>>(),
    )
}

fn score(question: &str, answer: &str) -> Option<f64> {
    let g = grader();
    let q = g.deck.question(question).ok()?;
    g.grade(q, answer).ok().map(|r| r.score)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_within_0_and_100(q in question(), a in answer()) {
        if let Some(s) = score(&q, &a) {
            prop_assert!((0.0..=100.0).contains(&s));
        }
    }

    #[test]
    fn grading_is_deterministic(q in question(), a in answer()) {
        let g = grader();
        let question = g.deck.question(&q).unwrap();
        let first = g.grade(question, &a).map(|r| r.to_json()).ok();
        let second = g.grade(question, &a).map(|r| r.to_json()).ok();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn case_and_spacing_do_not_change_the_score(q in question(), a in answer(), tabs in any::<bool>()) {
        let spaced = a.replace(' ', if tabs { " \t " } else { "   " });
        prop_assert_eq!(score(&q, &a), score(&q, &a.to_uppercase()));
        prop_assert_eq!(score(&q, &a), score(&q, &spaced));
    }

    #[test]
    fn adding_a_missed_concept_never_lowers_the_score_unless_it_turns_off_topic(q in question(), a in answer()) {
        let g = grader();
        let question = g.deck.question(&q).unwrap();
        let Ok(report) = g.grade(question, &a) else { return Ok(()); };
        let rubric = g.rubric_for(question);
        let missed = report.concepts.iter().find(|c| c.status == mockgrade::report::ConceptStatus::Missing);
        if let Some(missed) = missed {
            let concept = rubric.concepts.iter().find(|c| c.id == missed.id).unwrap();
            let more = format!("{a}. It matters that {}.", concept.phrasings[0].text);
            let after = g.grade(question, &more).unwrap();
            // The one named exception: the added words tip a low-coverage answer
            // into fitting another question far better (the report says which).
            let newly_off_topic = after.off_topic.is_some() && report.off_topic.is_none();
            prop_assert!(
                after.score >= report.score || newly_off_topic,
                "{} -> {} adding {:?}", report.score, after.score, concept.phrasings[0].text
            );
        }
    }
}
