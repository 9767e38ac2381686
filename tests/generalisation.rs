//! Floors on the blind generalisation sets (tests/data/generalisation): answers
//! written and graded by people who never saw the rubrics or the code. The first
//! set is split by answer into a tuning half (rubrics and code may be changed by
//! looking at it) and a sealed half (never looked at item by item); the fresh,
//! third and correct sets are tuning sets added later. A floor that fails on the
//! sealed half means the grader got worse on answers nobody tuned it on.

use mockgrade::grade::Grader;
use mockgrade::report::{ConceptStatus, Report};

// Floors of the fresh, third and correct sets (set on 2026-12-05 a little below
// the figures measured that day: fresh Pearson 0.930, MAE 0.82, false kinds
// 2.14; third 0.901, 0.89, 1.79; correct set 0 false claims, 24 denials, mean
// 73.0; see the README's "Agreement with human grades").
const FRESH_PEARSON: f64 = 0.91;
const FRESH_MAE: f64 = 0.95;
const FRESH_FALSE: f64 = 2.4;
const THIRD_PEARSON: f64 = 0.88;
const THIRD_MAE: f64 = 1.0;
const THIRD_FALSE: f64 = 2.1;
const CORRECT_FALSE_CLAIMS: usize = 2;
const CORRECT_DENIALS: usize = 28;
const CORRECT_MEAN: f64 = 70.0;

/// Every line of a JSONL set with its report.
fn reports(text: &str) -> Vec<(serde_json::Value, Report)> {
    let grader = Grader::builtin().unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let q = grader
                .deck
                .question(v["question_id"].as_str().unwrap())
                .unwrap();
            let report = grader.grade(q, v["answer"].as_str().unwrap()).unwrap();
            (v, report)
        })
        .collect()
}

/// (tool score / 10, human score, kind) for every answer of a half.
fn graded(text: &str) -> Vec<(f64, f64, String)> {
    reports(text)
        .into_iter()
        .map(|(v, report)| {
            (
                report.score / 10.0,
                v["score"].as_f64().unwrap(),
                v["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Pearson, and mean absolute error on the 0-10 scale.
fn agreement(rows: &[(f64, f64, String)]) -> (f64, f64) {
    let tool: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let human: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let mae = rows.iter().map(|r| (r.0 - r.1).abs()).sum::<f64>() / rows.len() as f64;
    (mockgrade::eval::pearson(&tool, &human), mae)
}

/// The mean tool score of the answers that should fail (wrong, denied or
/// negated, restated or keyword salad).
fn false_kinds_mean(rows: &[(f64, f64, String)]) -> f64 {
    let false_kinds: Vec<f64> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.2.as_str(),
                "wrong" | "denied" | "restated" | "negated" | "keyword-salad"
            )
        })
        .map(|r| r.0)
        .collect();
    false_kinds.iter().sum::<f64>() / false_kinds.len() as f64
}

/// The floors of one half: Pearson, MAE and the mean of the false kinds.
struct Floors {
    name: &'static str,
    answers: usize,
    pearson: f64,
    mae: f64,
    false_kinds_mean: f64,
}

fn keeps_its_floors(text: &str, f: Floors) {
    let rows = graded(text);
    assert_eq!(rows.len(), f.answers);
    let (r, mae) = agreement(&rows);
    let name = f.name;
    assert!(
        r >= f.pearson,
        "{name}: Pearson {r:.3} fell below the floor"
    );
    assert!(mae <= f.mae, "{name}: MAE {mae:.2} rose above the ceiling");
    let mean = false_kinds_mean(&rows);
    assert!(
        mean <= f.false_kinds_mean,
        "{name}: wrong/denied/restated answers average {mean:.2}/10"
    );
}

// Floors a little below the figures measured when they were set (2026-12-05,
// second session: tuning half Pearson 0.959, MAE 0.63, wrong/denied/restated
// mean 1.66; sealed half 0.858, 1.05, 2.45; 0.855, 1.07 after 77b3e0b), so that noise does not fail them
// but a real regression does. The README's "Agreement with human grades" has
// the figures.
#[test]
fn tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/tune.jsonl"),
        Floors {
            name: "tuning half",
            answers: 180,
            pearson: 0.94,
            mae: 0.75,
            false_kinds_mean: 1.9,
        },
    );
}

#[test]
fn sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/sealed.jsonl"),
        Floors {
            name: "sealed half",
            answers: 170,
            pearson: 0.84,
            mae: 1.15,
            false_kinds_mean: 2.7,
        },
    );
}

// The fifth set, written like the dev set and kept sealed like the sealed half:
// Pearson 0.879, MAE 1.05, wrong/negated/keyword-salad mean 2.06 when it was
// first scored (77b3e0b).
#[test]
fn fifth_set_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/fifth.jsonl"),
        Floors {
            name: "fifth set",
            answers: 350,
            pearson: 0.86,
            mae: 1.15,
            false_kinds_mean: 2.4,
        },
    );
}

#[test]
fn fresh_set_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/fresh.jsonl"),
        Floors {
            name: "fresh set",
            answers: 280,
            pearson: FRESH_PEARSON,
            mae: FRESH_MAE,
            false_kinds_mean: FRESH_FALSE,
        },
    );
}

// The sixth set: 245 planted misconceptions and 35 correct answers that reject
// one. Unseen at c6515db it scored Pearson 0.675, MAE 1.91; after facts were
// written from it (a tuning set since), 0.861, MAE 0.96, false kinds 2.14.
#[test]
fn sixth_set_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/sixth.jsonl"),
        Floors {
            name: "sixth set",
            answers: 280,
            pearson: 0.84,
            mae: 1.05,
            false_kinds_mean: 2.4,
        },
    );
}

// The seventh set, written like the dev set: unseen at d971afb it scored
// Pearson 0.869, MAE 1.05; after phrasings and facts were written from it (a
// tuning set since), 0.950, MAE 0.73.
#[test]
fn seventh_set_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/seventh.jsonl"),
        Floors {
            name: "seventh set",
            answers: 350,
            pearson: 0.93,
            mae: 0.85,
            false_kinds_mean: 2.0,
        },
    );
}

// The eighth set, written like the seventh: unseen at 28ae3e8 it scored
// Pearson 0.901, MAE 0.93; a tuning set since, 0.932, MAE 0.84 on 2026-12-06.
#[test]
fn eighth_set_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/eighth.jsonl"),
        Floors {
            name: "eighth set",
            answers: 350,
            pearson: 0.91,
            mae: 0.95,
            false_kinds_mean: 2.2,
        },
    );
}

// The ninth set (350 answers written like the eighth, 2026-12-06), split by
// answer into a tuning and a sealed half. Unseen at 71d1ac1 the halves scored
// Pearson 0.890 and 0.848 (MAE 0.99, 1.15); at the end of that session 0.956
// (a tuning figure) and 0.866 (MAE 0.67, 1.02; false kinds 1.79, 2.31).
#[test]
fn ninth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/ninth-tune.jsonl"),
        Floors {
            name: "ninth set, tuning half",
            answers: 175,
            pearson: 0.93,
            mae: 0.85,
            false_kinds_mean: 2.1,
        },
    );
}

#[test]
fn ninth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/ninth-sealed.jsonl"),
        Floors {
            name: "ninth set, sealed half",
            answers: 175,
            pearson: 0.84,
            mae: 1.15,
            false_kinds_mean: 2.6,
        },
    );
}

// The tenth set (350 answers in the first blind set's kinds, 2026-12-06), split
// the same way. Unseen at 71d1ac1 the whole set scored Pearson 0.895, MAE 0.91;
// at the end of that session the halves scored 0.907 (a tuning figure) and
// 0.900 (MAE 0.81, 0.78; false kinds 2.64, 2.56).
#[test]
fn tenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/tenth-tune.jsonl"),
        Floors {
            name: "tenth set, tuning half",
            answers: 175,
            pearson: 0.88,
            mae: 0.95,
            false_kinds_mean: 2.9,
        },
    );
}

#[test]
fn tenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/tenth-sealed.jsonl"),
        Floors {
            name: "tenth set, sealed half",
            answers: 175,
            pearson: 0.87,
            mae: 0.95,
            false_kinds_mean: 2.9,
        },
    );
}

// The eleventh set (350 answers in the first blind set's kinds, 2026-12-06, seventh
// session), split the same way. Unseen at a2251a9 the whole set scored Pearson 0.881,
// MAE 0.99 (tuning half 0.905, sealed half 0.856); when these floors were set the
// tuning half scored 0.945 (MAE 0.70, false kinds 2.14; a tuning figure) and the
// sealed half 0.856 (MAE 1.06, false kinds 3.06).
#[test]
fn eleventh_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/eleventh-tune.jsonl"),
        Floors {
            name: "eleventh set, tuning half",
            answers: 175,
            pearson: 0.92,
            mae: 0.8,
            false_kinds_mean: 2.5,
        },
    );
}

#[test]
fn eleventh_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/eleventh-sealed.jsonl"),
        Floors {
            name: "eleventh set, sealed half",
            answers: 175,
            pearson: 0.83,
            mae: 1.15,
            false_kinds_mean: 3.4,
        },
    );
}

/// How many answers of a set the report flags with a false claim (a
/// contradicted fact or an asserted misconception).
fn with_false_claims(rows: &[(serde_json::Value, Report)]) -> usize {
    rows.iter()
        .filter(|(_, r)| !r.contradictions.is_empty() || !r.misconceptions.is_empty())
        .count()
}

/// How many answers of a set the report flags: a false claim, a denied point
/// or a dismissal.
fn flagged(rows: &[(serde_json::Value, Report)]) -> usize {
    rows.iter()
        .filter(|(_, r)| {
            !r.contradictions.is_empty()
                || !r.misconceptions.is_empty()
                || r.concepts
                    .iter()
                    .any(|c| c.status == ConceptStatus::Negated)
        })
        .count()
}

// The twelfth set (350 answers written like the dev set, 2026-12-06, seventh
// session), split the same way. Unseen at 18eed18 the whole set scored Pearson
// 0.897, MAE 0.92 (tuning half 0.895, sealed half 0.898); when these floors were
// set the tuning half scored 0.926 (MAE 0.81, false kinds 2.31; a tuning figure)
// and the sealed half 0.901 (MAE 0.90, false kinds 2.06).
#[test]
fn twelfth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/twelfth-tune.jsonl"),
        Floors {
            name: "twelfth set, tuning half",
            answers: 175,
            pearson: 0.9,
            mae: 0.9,
            false_kinds_mean: 2.7,
        },
    );
}

#[test]
fn twelfth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/twelfth-sealed.jsonl"),
        Floors {
            name: "twelfth set, sealed half",
            answers: 175,
            pearson: 0.87,
            mae: 1.0,
            false_kinds_mean: 2.5,
        },
    );
}

// The thirteenth set (350 answers in the first set's kinds, written in four
// voices, 2026-12-06, eighth session), split the same way. Unseen at b570c58 the
// whole set scored Pearson 0.836, MAE 1.07 (tuning half 0.829, sealed half 0.844;
// false kinds 2.69 and 2.88). The floors sit a little under those figures.
#[test]
fn thirteenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/thirteenth-tune.jsonl"),
        Floors {
            name: "thirteenth set, tuning half",
            answers: 175,
            pearson: 0.8,
            mae: 1.15,
            false_kinds_mean: 2.9,
        },
    );
}

#[test]
fn thirteenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/thirteenth-sealed.jsonl"),
        Floors {
            name: "thirteenth set, sealed half",
            answers: 175,
            pearson: 0.81,
            mae: 1.15,
            false_kinds_mean: 3.1,
        },
    );
}

// The fourteenth set (350 answers in the first set's kinds, in four other voices,
// 2026-12-06, ninth session), split the same way. Unseen at 1946f94 the whole set
// scored Pearson 0.866, MAE 1.01 (tuning half 0.899, MAE 0.90, false kinds 2.33;
// sealed half 0.833, MAE 1.11, false kinds 2.96). The floors sit a little under.
#[test]
fn fourteenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/fourteenth-tune.jsonl"),
        Floors {
            name: "fourteenth set, tuning half",
            answers: 175,
            pearson: 0.87,
            mae: 1.0,
            false_kinds_mean: 2.6,
        },
    );
}

#[test]
fn fourteenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/fourteenth-sealed.jsonl"),
        Floors {
            name: "fourteenth set, sealed half",
            answers: 175,
            pearson: 0.80,
            mae: 1.2,
            false_kinds_mean: 3.2,
        },
    );
}

// The fifteenth set (350 answers in the first set's kinds, in four more voices,
// 2026-12-06, ninth session), split the same way. Unseen at 8913b43 the whole set
// scored Pearson 0.891, MAE 0.88 (tuning half 0.898, MAE 0.85, false kinds 2.54;
// sealed half 0.884, MAE 0.91, false kinds 2.51). The floors sit a little under.
#[test]
fn fifteenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/fifteenth-tune.jsonl"),
        Floors {
            name: "fifteenth set, tuning half",
            answers: 175,
            pearson: 0.87,
            mae: 1.0,
            false_kinds_mean: 2.8,
        },
    );
}

#[test]
fn fifteenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/fifteenth-sealed.jsonl"),
        Floors {
            name: "fifteenth set, sealed half",
            answers: 175,
            pearson: 0.86,
            mae: 1.0,
            false_kinds_mean: 2.8,
        },
    );
}

// The sixteenth set (350 answers in the first set's kinds, in four more voices,
// 2026-12-06, end of the ninth session), split the same way. Unseen at 2501e50 the
// whole set scored Pearson 0.893, MAE 0.96 (tuning half 0.901, MAE 0.95, false
// kinds 2.22; sealed half 0.886, MAE 0.98, false kinds 2.42). Floors a little under.
#[test]
fn sixteenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/sixteenth-tune.jsonl"),
        Floors {
            name: "sixteenth set, tuning half",
            answers: 175,
            pearson: 0.88,
            mae: 1.05,
            false_kinds_mean: 2.5,
        },
    );
}

#[test]
fn sixteenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/sixteenth-sealed.jsonl"),
        Floors {
            name: "sixteenth set, sealed half",
            answers: 175,
            pearson: 0.86,
            mae: 1.1,
            false_kinds_mean: 2.7,
        },
    );
}

// The seventeenth set (350 answers in the first set's kinds, in four more voices,
// 2026-12-06, tenth session), split the same way. Unseen at eab3b55 the whole set
// scored Pearson 0.857, MAE 1.02 (tuning half 0.875, sealed half 0.840, MAE 1.08).
// Floors a little under the figures of the commit that added it.
#[test]
fn seventeenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/seventeenth-tune.jsonl"),
        Floors {
            name: "seventeenth set, tuning half",
            answers: 175,
            pearson: 0.86,
            mae: 1.05,
            false_kinds_mean: 2.9,
        },
    );
}

#[test]
fn seventeenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/seventeenth-sealed.jsonl"),
        Floors {
            name: "seventeenth set, sealed half",
            answers: 175,
            pearson: 0.82,
            mae: 1.15,
            false_kinds_mean: 2.8,
        },
    );
}

// The eighteenth set (350 answers in the first set's kinds, in four more voices,
// 2026-12-06, written late in the tenth session), split the same way. Unseen at
// eab3b55 (the session's start) the whole set scored Pearson 0.834, MAE 1.10; at
// c66bcc7, before anyone read it, 0.845, MAE 1.02 (tuning half 0.841, sealed half
// 0.850). Floors a little under.
#[test]
fn eighteenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/eighteenth-tune.jsonl"),
        Floors {
            name: "eighteenth set, tuning half",
            answers: 175,
            pearson: 0.82,
            mae: 1.1,
            false_kinds_mean: 3.0,
        },
    );
}

#[test]
fn eighteenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/eighteenth-sealed.jsonl"),
        Floors {
            name: "eighteenth set, sealed half",
            answers: 175,
            pearson: 0.83,
            mae: 1.05,
            false_kinds_mean: 3.1,
        },
    );
}

// The nineteenth set (350 answers in the first set's kinds, in four more voices,
// 2026-12-06, written at the end of the tenth session), split the same way.
// Unseen at eab3b55 (the session's start) the whole set scored Pearson 0.891, MAE
// 0.89; at ad59a71, before anyone read it, 0.908, MAE 0.80 (tuning half 0.923,
// sealed half 0.892). Floors a little under.
#[test]
fn nineteenth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/nineteenth-tune.jsonl"),
        Floors {
            name: "nineteenth set, tuning half",
            answers: 175,
            pearson: 0.9,
            mae: 0.8,
            false_kinds_mean: 2.4,
        },
    );
}

#[test]
fn nineteenth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/nineteenth-sealed.jsonl"),
        Floors {
            name: "nineteenth set, sealed half",
            answers: 175,
            pearson: 0.87,
            mae: 0.95,
            false_kinds_mean: 2.5,
        },
    );
}

// The twentieth set (350 answers in the first set's kinds, in four more voices,
// 2026-12-06, written at the very end of the tenth session), split the same way.
// Unseen at bfa31ff (the session's last grading change) the whole set scored
// Pearson 0.880, MAE 0.86 (tuning half 0.879, sealed half 0.881); at eab3b55 (the
// session's start) 0.862, MAE 0.97. Floors a little under.
#[test]
fn twentieth_set_tuning_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/twentieth-tune.jsonl"),
        Floors {
            name: "twentieth set, tuning half",
            answers: 175,
            pearson: 0.86,
            mae: 0.95,
            false_kinds_mean: 3.3,
        },
    );
}

#[test]
fn twentieth_set_sealed_half_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/twentieth-sealed.jsonl"),
        Floors {
            name: "twentieth set, sealed half",
            answers: 175,
            pearson: 0.86,
            mae: 0.95,
            false_kinds_mean: 2.8,
        },
    );
}

/// True when the report shows the answer dismissing or denying something: a
/// denied concept, or a cap for dismissing what the question asks about.
fn shows_a_dismissal(r: &Report) -> bool {
    r.concepts
        .iter()
        .any(|c| c.status == ConceptStatus::Negated)
        || r.penalties.iter().any(|p| p.reason.contains("dismisses"))
}

/// Checks a set of 210 denied and 70 right denial probes: at least `min_caught`
/// denied ones show a dismissal, at most `max_false_alarms` right ones do.
fn keeps_denial_floors(text: &str, min_caught: usize, max_false_alarms: usize) {
    let rows = reports(text);
    assert_eq!(rows.len(), 280);
    let count = |kind: &str| {
        rows.iter()
            .filter(|(v, r)| v["kind"] == kind && shows_a_dismissal(r))
            .count()
    };
    let (caught, false_alarms) = (count("denied"), count("right"));
    assert!(
        caught >= min_caught,
        "only {caught} of 210 denial probes caught"
    );
    assert!(
        false_alarms <= max_false_alarms,
        "{false_alarms} of 70 right probes show a dismissal"
    );
}

// Denial probes (2026-12-06, seventh session): 210 answers that dismiss a central
// point in varied idioms and 70 right answers in dismissive-sounding language,
// written by three helpers from the deck alone. The dismissal rules were widened
// on them (89 -> 153 caught; right answers showing a dismissal: 15 -> 14), so
// they are a tuning set: these floors keep the idioms and structures working.
#[test]
fn denial_probes_stay_caught() {
    keeps_denial_floors(
        include_str!("data/generalisation/denial-probes.jsonl"),
        145,
        18,
    );
}

// Second denial probes: the same form, worded freely by three new helpers with no
// list of idioms. 56 -> 68 of 210 caught over the session that added them (the
// third writer's 66 were only measured: 14 -> 15); right ones flagged: 5 of 70.
#[test]
fn freely_worded_denial_probes_keep_their_floor() {
    keeps_denial_floors(
        include_str!("data/generalisation/denial-probes-2.jsonl"),
        64,
        7,
    );
}

// The sixth set's 245 false answers, reworded twice by blind helpers with the
// same misconceptions. Facts were generalised on the first rewording (238
// flagged); the second was first only measured (95 flagged at acf62da, 139
// after that work), then generalised on too (242 flagged): both are tuning sets.
#[test]
fn reworded_misconceptions_stay_caught() {
    let tuned = reports(include_str!("data/generalisation/sixth-reworded.jsonl"));
    assert_eq!(tuned.len(), 245);
    let n = flagged(&tuned);
    assert!(n >= 225, "first rewording: {n} of 245 flagged");
    let held_out = reports(include_str!("data/generalisation/sixth-reworded-2.jsonl"));
    assert_eq!(held_out.len(), 245);
    let n = flagged(&held_out);
    assert!(n >= 230, "second rewording: {n} of 245 flagged");
}

/// The second correct set: 140 correct answers that reject alternatives, state
/// conditions and name misconceptions; 14 were flagged with a false claim when
/// it was added.
#[test]
fn second_correct_set_is_rarely_flagged() {
    let rows = reports(include_str!("data/generalisation/correct2.jsonl"));
    assert_eq!(rows.len(), 140);
    let false_claims = with_false_claims(&rows);
    assert!(
        false_claims <= 16,
        "{false_claims} correct answers flagged with a false claim"
    );
}

/// Correct answers written to look like denials or errors (rejecting an
/// alternative, conditions, costs, plain words with negations, naming a
/// misconception to reject it): few may be flagged with a false claim or a
/// denied point.
#[test]
fn correct_answers_are_not_flagged() {
    let rows = reports(include_str!("data/generalisation/correct.jsonl"));
    assert_eq!(rows.len(), 140);
    let false_claims = with_false_claims(&rows);
    let denials = rows
        .iter()
        .filter(|(_, r)| {
            r.concepts
                .iter()
                .any(|c| c.status == ConceptStatus::Negated)
        })
        .count();
    let mean = rows.iter().map(|(_, r)| r.score).sum::<f64>() / rows.len() as f64;
    assert!(
        false_claims <= CORRECT_FALSE_CLAIMS,
        "{false_claims} correct answers flagged with a false claim"
    );
    assert!(
        denials <= CORRECT_DENIALS,
        "{denials} correct answers with a denied point"
    );
    assert!(mean >= CORRECT_MEAN, "correct answers average {mean:.1}");
    // The fourth set's correct answers name a misconception and reject it.
    let rejecting: Vec<_> = reports(include_str!("data/generalisation/fourth.jsonl"))
        .into_iter()
        .filter(|(v, _)| v["kind"] == "plain-strong")
        .collect();
    assert_eq!(rejecting.len(), 70);
    let flagged = with_false_claims(&rejecting);
    assert!(
        flagged <= CORRECT_FALSE_CLAIMS,
        "{flagged} answers that reject a misconception are flagged with it"
    );
}

#[test]
fn third_set_keeps_its_floor() {
    keeps_its_floors(
        include_str!("data/generalisation/third.jsonl"),
        Floors {
            name: "third set",
            answers: 280,
            pearson: THIRD_PEARSON,
            mae: THIRD_MAE,
            false_kinds_mean: THIRD_FALSE,
        },
    );
}

/// Probes for the shared library's facts on misconceptions that writers of several
/// blind sets reached for independently (ninth session): each wrong sentence is
/// flagged and no correct one is.
#[test]
fn shared_library_probes_are_caught_without_false_alarms() {
    let rows = reports(include_str!("data/generalisation/library-probes.jsonl"));
    let kind = |row: &serde_json::Value| row["kind"].as_str().unwrap_or_default().to_string();
    let (wrong, right): (Vec<_>, Vec<_>) =
        rows.into_iter().partition(|(row, _)| kind(row) == "wrong");
    assert_eq!(flagged(&wrong), wrong.len(), "every wrong probe is flagged");
    assert_eq!(with_false_claims(&right), 0, "no correct probe is flagged");
}

/// Misconception probes: short answers that voice about ten misconceptions per
/// question in two wordings each, plus correct sentences worded close to them,
/// written by the helpers who then wrote facts for them (a tuning set; see the
/// folder's README). 677 of 728 wrong probes were caught and 4 of 187 correct
/// ones flagged when they were added.
#[test]
fn misconception_probes_stay_caught() {
    let rows = reports(include_str!("data/generalisation/probes.jsonl"));
    let kind = |row: &serde_json::Value| row["kind"].as_str().unwrap_or_default().to_string();
    let (wrong, right): (Vec<_>, Vec<_>) =
        rows.into_iter().partition(|(row, _)| kind(row) == "wrong");
    assert_eq!((wrong.len(), right.len()), (728, 187));
    let caught = flagged(&wrong);
    assert!(caught >= 650, "{caught} of 728 wrong probes caught");
    let false_alarms = with_false_claims(&right);
    assert!(
        false_alarms <= 8,
        "{false_alarms} of 187 correct probes flagged"
    );
}
