//! Properties of the grader on generated answers: every answer with a content
//! word is graded and its points add up to its score, determinism,
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
    // A fixed seed: CI runs the same 256 cases every time (change it to explore others).
    #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_205), ..ProptestConfig::default() })]

    #[test]
    fn grading_succeeds_and_every_point_is_accounted_for(q in question(), a in answer()) {
        let g = grader();
        let question = g.deck.question(&q).unwrap();
        let has_words = a.split_whitespace().any(|w| w.chars().any(char::is_alphanumeric)
            && !["the", "and", "so", "not", "never", "without"].contains(&w));
        let report = match g.grade(question, &a) {
            Ok(r) => r,
            // The only refusal: an answer without a single content word.
            Err(mockgrade::error::Error::EmptyAnswer) if !has_words => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("grading {a:?} failed: {e}"))),
        };
        prop_assert!((0.0..=100.0).contains(&report.score));
        prop_assert_eq!(report.score, report.score.round());
        prop_assert_eq!(report.band, mockgrade::report::Band::of(report.score));
        // The parts add up: concept points are the concepts' own, only covered
        // concepts earn any, and the score is the capped sum less the penalties.
        let sum: f64 = report.concepts.iter().map(|c| c.points).sum();
        prop_assert!((sum - report.concept_points).abs() <= 0.05 * report.concepts.len() as f64 + 0.05,
            "concept points {} vs their sum {}", report.concept_points, sum);
        for c in &report.concepts {
            prop_assert!(c.points >= 0.0);
            if c.status != mockgrade::report::ConceptStatus::Covered {
                prop_assert_eq!(c.points, 0.0, "{} is {:?} but earns points", c.id, c.status);
            }
        }
        let full_base = mockgrade::grade::Scoring::default().base_points;
        prop_assert!((0.0..=full_base).contains(&report.base_points));
        prop_assert!(report.similarity_points >= 0.0 && report.concept_points >= 0.0);
        // Penalties take points; only the floor gives some back, and never more
        // than the others took.
        prop_assert!(report.penalties.iter().all(|p| (p.name == "floor") == (p.points < 0.0)));
        let refunded: f64 = report.penalties.iter().filter(|p| p.points < 0.0).map(|p| -p.points).sum();
        let taken: f64 = report.penalties.iter().filter(|p| p.points > 0.0).map(|p| p.points).sum();
        prop_assert!(refunded <= taken + 0.05);
        let penalties: f64 = report.penalties.iter().map(|p| p.points).sum();
        let expected = ((report.base_points + report.concept_points + report.similarity_points)
            .min(100.0) - penalties)
            .clamp(0.0, 100.0);
        prop_assert!((expected - report.score).abs() <= 1.0,
            "parts give {} but the score is {}: {}", expected, report.score, report.to_json());
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
    fn adding_a_missed_concept_never_lowers_the_score_unless_it_turns_off_topic_or_false(q in question(), a in answer()) {
        let g = grader();
        let question = g.deck.question(&q).unwrap();
        let Ok(report) = g.grade(question, &a) else { return Ok(()); };
        let rubric = g.rubric_for(question);
        let missed = report.concepts.iter().find(|c| c.status == mockgrade::report::ConceptStatus::Missing);
        if let Some(missed) = missed {
            let concept = rubric.concepts.iter().find(|c| c.id == missed.id).unwrap();
            let more = format!("{a}. Also, {}.", concept.phrasings[0].text);
            let after = g.grade(question, &more).unwrap();
            // The named exceptions: the added words tip a low-coverage answer
            // into fitting another question far better, or complete a false claim
            // with words already there ("balance" + "last writer wins"); the
            // report names either.
            let newly_off_topic = after.off_topic.is_some() && report.off_topic.is_none();
            let newly_false = after.contradictions.len() + after.misconceptions.len()
                > report.contradictions.len() + report.misconceptions.len();
            prop_assert!(
                after.score >= report.score || newly_off_topic || newly_false,
                "{} -> {} adding {:?}", report.score, after.score, concept.phrasings[0].text
            );
        }
    }
}
