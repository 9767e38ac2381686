//! The grading mechanisms on answers written for these tests: paraphrase,
//! typos, negation, misconceptions, keyword salad, off-topic, terse answers,
//! and the correlation floor on the project's own graded answers.

use mockgrade::grade::Grader;
use mockgrade::report::{ConceptStatus, Report};

fn grade(question: &str, answer: &str) -> Report {
    let grader = Grader::builtin().unwrap();
    let q = grader.deck.question(question).unwrap();
    grader.grade(q, answer).unwrap()
}

fn status(report: &Report, concept: &str) -> ConceptStatus {
    report
        .concepts
        .iter()
        .find(|c| c.id == concept)
        .unwrap_or_else(|| panic!("no concept {concept}"))
        .status
}

/// True when the report's score was capped for a reason containing `why`.
fn capped_by(report: &Report, why: &str) -> bool {
    report
        .penalties
        .iter()
        .any(|p| p.name == "cap" && p.reason.contains(why))
}

#[test]
fn paraphrase_with_other_words_is_recognised() {
    let r = grade(
        "sharding-2",
        "Picture a ring of hash positions: servers and keys are both hashed onto the circle, and a key is owned by the first server you reach walking around it. Bring in a new server and it only takes over the keys in the arc just before it, a small fraction of the total, instead of reshuffling everything the way modulo placement does when the server count changes. Giving each machine lots of positions on the circle evens out the load.",
    );
    assert_eq!(status(&r, "ring"), ConceptStatus::Covered);
    assert_eq!(status(&r, "clockwise"), ConceptStatus::Covered);
    assert!(r.score >= 60.0, "{}", r.score);
}

#[test]
fn typos_and_inflections_still_count() {
    let r = grade(
        "idempotency-1",
        "An idempotnet operation gives the same result when repeated. Clients attach an idempotancy key to each request so a retried payment after a timeout is not charged twice.",
    );
    assert_eq!(
        status(&r, "idempotency-key"),
        ConceptStatus::Covered,
        "{r:#?}"
    );
}

#[test]
fn a_denied_concept_is_not_covered_and_the_report_says_so() {
    let r = grade(
        "idempotency-2",
        "You don't need a dedup table because TCP guarantees exactly-once delivery.",
    );
    assert!(r
        .concepts
        .iter()
        .any(|c| c.status == ConceptStatus::Negated && c.evidence.is_some()));
    assert!(r.penalties.iter().any(|p| p.name == "negated-concept"));
}

#[test]
fn a_confident_misconception_costs_points_despite_right_terms() {
    let right = "Consistent hashing puts nodes and keys on a hash ring; a key goes to the next node clockwise, and virtual nodes even out the spread.";
    let wrong = format!("{right} But adding a node with consistent hashing still remaps every key, so you migrate all the data anyway.");
    let good = grade("sharding-2", right);
    let bad = grade("sharding-2", &wrong);
    assert!(!bad.misconceptions.is_empty(), "{bad:#?}");
    // The cap of a false claim rises from 30 to 40 with coverage.
    assert!(
        bad.score <= 40.0 && bad.score < good.score,
        "{} vs {}",
        bad.score,
        good.score
    );
}

#[test]
fn keyword_salad_is_capped_low() {
    let r = grade(
        "caching-2",
        "Thundering herd, SETNX lock, request coalescing, probabilistic early expiration, background refresh, jitter, stale-while-revalidate, CDN.",
    );
    assert!(r.score <= 20.0, "{}", r.score);
}

#[test]
fn a_one_sentence_string_of_terms_is_capped_but_notes_are_not() {
    let restated = grade(
        "caching-2",
        "The thundering herd problem is when many requests hit the database together after a key expires, and you handle it with locking, request coalescing, early expiration and jitter.",
    );
    assert!(restated.score <= 20.0, "{}", restated.score);
    assert!(capped_by(
        &restated,
        "one sentence that strings terms together"
    ));
    let notes = grade(
        "caching-2",
        "Hot key expires -> many concurrent misses -> all hit the DB at once. Fixes: a lock so one request recomputes; early refresh; request coalescing.",
    );
    assert!(!capped_by(
        &notes,
        "one sentence that strings terms together"
    ));
    // A colon after a clause opens the sentence's list; after a label, notes.
    let restated_with_colon = grade(
        "caching-2",
        "The thundering herd problem is when many requests hit the database together after a key expires, and you handle it with stampede protection: locking, request coalescing, early expiration and jitter.",
    );
    assert!(capped_by(
        &restated_with_colon,
        "one sentence that strings terms together"
    ));
    let labelled_notes = grade(
        "load-balancing-2",
        "Redundant LBs: active-passive pair with a VIP (VRRP/keepalived), several LBs behind DNS, anycast across DCs, or managed multi-AZ LBs (ALB/NLB) that are fleets, not one box.",
    );
    assert!(!capped_by(
        &labelled_notes,
        "one sentence that strings terms together"
    ));
}

#[test]
fn a_long_answer_that_says_little_is_capped_as_padding() {
    let padded = grade(
        "sharding-1",
        "Choosing a shard key is one of those decisions that really depends on the context of the organisation and the product. \
         In my experience it is important to think holistically about the system as a whole and to involve the right stakeholders early. \
         There are always trade-offs, and what works for one company may not work for another, so you have to be pragmatic. \
         I would look at the requirements, talk to the teams, consider the long-term roadmap and make sure the choice is aligned with the business goals. \
         It is also worth revisiting the decision over time as things evolve, because flexibility matters a great deal in modern architectures.",
    );
    assert!(padded.score <= 10.0, "{}", padded.score);
    assert!(capped_by(&padded, "says little to check"));
    let explained = grade(
        "sharding-1",
        "Pick the field most queries filter by, like user_id, so a request hits one shard and a user's rows live together. \
         It needs high cardinality and an even spread, otherwise one shard gets hot; a country or status column has too few values. \
         Avoid a monotonically increasing key such as a timestamp with range sharding, since every new write lands on the newest shard. \
         Queries without the key must scatter to every shard and gather the results, which is slow. \
         Choose carefully, because changing the key later means moving all the data.",
    );
    assert!(!capped_by(&explained, "says little to check"));
}

#[test]
fn notes_that_weigh_options_are_no_keyword_list() {
    let notes = grade(
        "messaging-1",
        "Sync: caller needs the result now, fast reliable op, immediate error feedback (login). Queue: work can wait, slow or flaky downstream, bursts to absorb, fan-out.",
    );
    assert!(
        !capped_by(&notes, "a list of keywords"),
        "{:?}",
        notes.penalties
    );
    assert!(
        !capped_by(&notes, "names key points"),
        "{:?}",
        notes.penalties
    );
    let salad = grade(
        "messaging-1",
        "Queues: decoupling, fire-and-forget, backpressure, load leveling, retries, DLQ, idempotency, eventual consistency. Sync: request/response, latency, REST, gRPC, timeouts.",
    );
    assert!(salad.score <= 20.0, "{}", salad.score);
}

#[test]
fn calling_what_a_point_denies_not_real_agrees_with_it() {
    // The point is that exactly-once delivery does not exist: "not real" agrees.
    let r = grade(
        "messaging-3",
        "Order: only within a partition -> same key (order_id) -> same partition; no global order. Exactly-once not real -> at-least-once + idempotent consumer: event UUID, dedup table, process + insert in one txn.",
    );
    let myth = r
        .concepts
        .iter()
        .find(|c| c.id == "exactly-once-myth")
        .unwrap();
    assert_eq!(myth.status, ConceptStatus::Covered);
    assert!(!r.penalties.iter().any(|p| p.reason.contains("dismisses")));
}

#[test]
fn waving_off_what_a_point_advises_against_denies_it() {
    // "Not real-time data" agrees with "real-time data is pointless on a CDN",
    // but "isn't something to worry about" waves the advice off.
    let waved_off = grade(
        "cdn-1",
        "Static assets like images, JS and CSS go on the CDN with long TTLs. Keeping real-time data off the CDN is not something to worry about.",
    );
    assert_eq!(status(&waved_off, "realtime-not"), ConceptStatus::Negated);
    let advised = grade(
        "cdn-1",
        "Static assets like images, JS and CSS go on the CDN with long TTLs. Real-time data such as live prices is pointless on the CDN, so it goes to origin.",
    );
    assert_eq!(status(&advised, "realtime-not"), ConceptStatus::Covered);
}

#[test]
fn dismissing_the_reason_of_a_sceptical_point_denies_it() {
    // "The reason is organizational: a small team gains little from
    // microservices" agrees with "microservices are overkill for a small team",
    // not with "team size is overrated".
    let reason_dismissed = grade(
        "microservices-1",
        "Start with a monolith. A lot of people say this is really about team size and Conway's law, but I think that's overrated.",
    );
    assert_eq!(
        status(&reason_dismissed, "organizational"),
        ConceptStatus::Negated
    );
    let thing_dismissed = grade(
        "microservices-1",
        "Start with a monolith. For a small team, microservices are overkill.",
    );
    assert_eq!(
        status(&thing_dismissed, "organizational"),
        ConceptStatus::Covered
    );
}

#[test]
fn dismissing_one_side_of_a_difference_question_caps_the_score() {
    let dismissive = grade(
        "replication-1",
        "Sharding splits the dataset across nodes by a key so each node owns a subset; that is what gives you horizontal scale for writes and storage. Replication keeps copies of the same data on several nodes. Honestly, once you have sharded, replication is mostly overkill. Each shard only holds a small slice of users, so if one goes down it is a partial outage for a few percent of people, and nightly snapshots cover durability.",
    );
    assert!(
        capped_by(&dismissive, "dismisses what the question asks about"),
        "{:?}",
        dismissive.penalties
    );
    // Weighing one side for a case is no dismissal of it.
    let scoped = grade(
        "replication-1",
        "Sharding splits the dataset across nodes by a key so each node owns a subset, which gives horizontal scale for writes and storage. Replication keeps copies of the same data on multiple nodes so reads scale and a failed node can be replaced by a replica. Replication alone is overkill for write scaling, so you shard too.",
    );
    assert!(
        !capped_by(&scoped, "dismisses what the question asks about"),
        "{:?}",
        scoped.penalties
    );
}

#[test]
fn an_answer_to_another_question_is_named() {
    let r = grade(
        "cdn-1",
        "A circuit breaker watches calls to a dependency. After enough failures it opens and calls fail fast instead of piling up threads waiting on timeouts; after a cool-down it goes half-open and lets one trial request through, closing again if it succeeds.",
    );
    let other = r.off_topic.as_ref().expect("off topic");
    assert_eq!(other.question_id, "resilience-1");
    assert!(r.score <= 10.0);
}

#[test]
fn a_short_answer_in_terms_a_sibling_rubric_shares_is_not_off_topic() {
    // Scatter-gather is the heart of sharding-3 and also a point of sharding-1's
    // rubric; the answer's words fit sharding-3 best, so it is on topic.
    let r = grade(
        "sharding-3",
        "Mostly with scatter-gather: the router fans the query out to every shard in parallel, each shard runs it on its own data, and the router merges the partial results, summing counts or merge-sorting rows for the top N. It is only as fast as the slowest shard.",
    );
    assert!(r.off_topic.is_none(), "{:?}", r.off_topic);
    assert!(r.score > 10.0, "{}", r.score);
    // Choosing a shard key that keeps queries local is sharding-1's point and
    // sharding-3's first remedy: a sibling must lead by more to take the answer.
    let r = grade(
        "sharding-3",
        "Best is to avoid them: pick a shard key that keeps most queries on one shard. When a query must span shards, send it to every shard in parallel and merge the partial results in a coordinator, summing counts; latency follows the slowest shard.",
    );
    assert!(r.off_topic.is_none(), "{:?}", r.off_topic);
}

#[test]
fn an_answer_to_a_sibling_question_is_off_topic_even_when_it_shares_the_topics_terms() {
    // Asked how to choose a shard key, it explains consistent hashing: it earns
    // some of sharding-1's points through shared terms (spread, hot spots), but
    // sharding-2's reference fits its words far better.
    let answer = "With hash(key) mod N, changing N remaps nearly every key, which for a cache means a flood of misses and for a database a full migration. Consistent hashing places servers and keys on one hash ring and gives each key to the first server clockwise, so a new server only takes the keys between it and its predecessor, about 1/N of them, and a failed server's keys move to the next one. Many virtual nodes per server smooth the load and spread a dead server's share. Cassandra, Dynamo and memcached clients do this.";
    let r = grade("sharding-1", answer);
    let other = r.off_topic.as_ref().expect("off topic");
    assert_eq!(other.question_id, "sharding-2");
    assert!(r.score <= 10.0, "{}", r.score);
    assert!(grade("sharding-2", answer).off_topic.is_none());
}

#[test]
fn an_answer_covering_another_questions_rubric_is_off_topic() {
    let answer = "The client generates a unique key per logical operation and sends it with every retry. The server keeps a table of processed keys with a unique constraint, and in the same database transaction as the business write it inserts the key together with the stored response. If the key already exists, the server returns the saved response instead of doing the work again. Two concurrent duplicates are handled by inserting first and catching the unique constraint violation. Where possible, make writes absolute (set the balance to 900) rather than relative, or make the update conditional on the expected version. Keys expire after a day.";
    // Asked about ordering and exactly-once delivery, it answers how to store
    // idempotency keys in a database: it covers that rubric, not this one.
    let r = grade("messaging-3", answer);
    let other = r.off_topic.as_ref().expect("off topic");
    assert_eq!(other.question_id, "idempotency-2");
    assert!(other.coverage.is_some_and(|c| c >= 0.8), "{other:?}");
    assert!(
        capped_by(&r, "of question idempotency-2's points"),
        "{:?}",
        r.penalties
    );
    assert!(r.score <= 10.0, "{}", r.score);
    // Asked the question it answers, it is on topic and scores well.
    let own = grade("idempotency-2", answer);
    assert!(own.off_topic.is_none());
    assert!(own.score >= 70.0, "{}", own.score);
}

#[test]
fn dismissing_what_the_question_asks_about_caps_the_score() {
    let dismissive = grade(
        "cdn-2",
        "Edges near users answer from their cache; a miss goes to a regional shield, and only a shield miss reaches the origin, so many edge misses collapse into one origin fetch. To be honest a tiered CDN architecture is overkill for most sites.",
    );
    assert!(
        capped_by(&dismissive, "dismisses what the question asks about"),
        "{:?}",
        dismissive.penalties
    );
    assert!(dismissive.score <= 30.0, "{}", dismissive.score);
    // A dismissal scoped to a case is a judgement, not a denial.
    let scoped = grade(
        "cap-2",
        "Money and inventory need it: two replicas approving the same withdrawal is a double spend, so balances go through a single leader or consensus. If the worst outcome is a like count off by a few for a moment, strong consistency doesn't matter.",
    );
    assert!(
        !capped_by(&scoped, "dismisses what the question asks about"),
        "{:?}",
        scoped.penalties
    );
    // A denial the rubric itself makes is no dismissal of the question.
    let agreeing = grade(
        "messaging-3",
        "Kafka orders messages only within a partition, so key by order id. In practice you can't get true exactly-once delivery; retries cause duplicates, so accept at-least-once and make consumers idempotent with a dedup table.",
    );
    assert!(
        !capped_by(&agreeing, "dismisses what the question asks about"),
        "{:?}",
        agreeing.penalties
    );
    assert!(agreeing.score > 40.0, "{}", agreeing.score);
    // Nor is a dismissal the rubric names itself.
    let myth = grade(
        "messaging-3",
        "Kafka orders messages only within a partition, so key by order id. Exactly-once is a myth at the delivery level; aim for at-least-once plus a dedup table so consumers are idempotent.",
    );
    assert_eq!(status(&myth, "exactly-once-myth"), ConceptStatus::Covered);
    assert!(
        !capped_by(&myth, "dismisses what the question asks about"),
        "{:?}",
        myth.penalties
    );
}

#[test]
fn terse_but_right_gets_a_fair_grade() {
    let r = grade(
        "replication-1",
        "Sharding splits different data across nodes to scale writes; replication copies the same data to several nodes to scale reads and survive failures. In practice you shard, then replicate each shard.",
    );
    assert!((45.0..=80.0).contains(&r.score), "{}", r.score);
}

#[test]
fn grading_is_deterministic() {
    let a = grade(
        "messaging-3",
        "Use the order id as the partition key and make consumers idempotent with a dedup table.",
    );
    let b = grade(
        "messaging-3",
        "Use the order id as the partition key and make consumers idempotent with a dedup table.",
    );
    assert_eq!(a.to_json(), b.to_json());
}

#[test]
fn own_graded_answers_keep_a_correlation_floor() {
    let grader = Grader::builtin().unwrap();
    let text = include_str!("data/graded.jsonl");
    let mut tool = Vec::new();
    let mut human = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let q = grader
            .deck
            .question(v["question_id"].as_str().unwrap())
            .unwrap();
        let report = grader.grade(q, v["answer"].as_str().unwrap()).unwrap();
        tool.push(report.score);
        human.push(v["score"].as_f64().unwrap());
    }
    assert!(tool.len() >= 30);
    let r = mockgrade::eval::pearson(&tool, &human);
    let rho = mockgrade::eval::spearman(&tool, &human);
    // Measured 0.883 / 0.863 on 2026-12-05.
    assert!(r >= 0.85, "Pearson {r:.3} fell below the floor");
    assert!(rho >= 0.82, "Spearman {rho:.3} fell below the floor");
}

// ---- Grading v2: negation scope, dismissals, depth, claims with values ----

#[test]
fn every_item_of_a_denied_list_is_denied() {
    let r = grade(
        "idempotency-1",
        "Idempotent means doing it twice has the same effect as once. With a good broker you don't need idempotency keys or a deduplication table, since retries are safe anyway.",
    );
    assert_eq!(status(&r, "idempotency-key"), ConceptStatus::Negated);
    assert_eq!(status(&r, "server-dedup"), ConceptStatus::Negated);
    assert!(r.score <= 30.0, "{}", r.score);
}

#[test]
fn dismissals_deny_what_they_name_even_when_it_is_also_affirmed() {
    let r = grade(
        "sharding-2",
        "Consistent hashing hashes keys and nodes onto a ring and a key goes to the next node clockwise, so adding a node moves only 1/N of the keys. People add virtual nodes, but honestly virtual nodes are overrated.",
    );
    assert_eq!(status(&r, "virtual-nodes"), ConceptStatus::Negated);
    assert!(r
        .penalties
        .iter()
        .any(|p| p.name == "negated-concept" && p.reason.contains("overrated")));
    // Dismissing a central point caps the score.
    let r = grade(
        "sharding-2",
        "With hash(key) mod N almost every key moves when N changes. Consistent hashing hashes keys and nodes onto a ring and a key goes to the next node clockwise, and virtual nodes give each server many points so load is even. People say adding a node moves only 1/N of the keys, but honestly that is overstated.",
    );
    assert_eq!(status(&r, "one-over-n"), ConceptStatus::Negated);
    assert!(capped_by(&r, "dismisses"));
    // Outside a dismissal, a plain mention still counts.
    let r = grade(
        "sharding-2",
        "Consistent hashing hashes keys and nodes onto a ring and a key goes to the next node clockwise, so adding a node moves only 1/N of the keys. Virtual nodes give each server many points on the ring so load is even.",
    );
    assert_eq!(status(&r, "virtual-nodes"), ConceptStatus::Covered);
}

#[test]
fn only_a_dismissal_of_a_central_point_caps_the_score() {
    // "you don't need X" dismisses X: it caps.
    let r = grade(
        "idempotency-1",
        "Idempotent means doing an operation twice has the same effect as doing it once, like PUT or DELETE in HTTP, while POST is not. It matters because networks fail: a client times out, retries, and the server may process the same request twice, so a payment could be charged twice or an order duplicated. With a good broker you don't need idempotency keys, since retries are safe anyway.",
    );
    assert!(capped_by(&r, "dismisses"), "{:?}", r.penalties);
    // A negated mention that describes the fix costs the concept, but caps nothing.
    let r = grade(
        "resilience-1",
        "Breaker in the caller: after N failures it opens and fails fast, so threads aren't stuck on a dead dependency and the caller stays up. A half-open probe detects recovery. Use a fallback while open.",
    );
    assert!(!capped_by(&r, "central"), "{:?}", r.penalties);
    assert!(r.score >= 50.0, "{}", r.score);
}

#[test]
fn a_label_sceptical_of_something_agrees_with_its_dismissal() {
    let r = grade(
        "microservices-1",
        "Start with a modular monolith. Microservices from day one are usually overkill for a team of under 20: one codebase, one deploy, function calls instead of network calls. Split out a service later when teams block each other's deploys or one part needs to scale on its own.",
    );
    assert!(!capped_by(&r, "dismisses"), "{:?}", r.penalties);
    // A label that accepts a cost agrees when the answer shrugs it off.
    let r = grade(
        "consistency-1",
        "After you save, your own reads go to the primary, so you see your change. A friend still seeing the old photo for a few seconds is no big deal.",
    );
    assert_eq!(status(&r, "others-eventual"), ConceptStatus::Covered);
}

#[test]
fn concepts_only_named_in_a_list_earn_part_of_their_weight() {
    let listed = grade(
        "sharding-2",
        "It's about the hash ring, virtual nodes, the next node clockwise, and 1/N keys moving.",
    );
    assert!(listed.concepts.iter().any(|c| c.named_only));
    let explained = grade(
        "sharding-2",
        "Keys and nodes are hashed onto a ring. Each key is owned by the next node clockwise. Adding a node therefore moves only about 1/N of the keys. Virtual nodes give each server many points on the ring so the load evens out.",
    );
    assert!(explained.concepts.iter().all(|c| !c.named_only));
    let points = |r: &Report, id: &str| r.concepts.iter().find(|c| c.id == id).unwrap().points;
    assert!(points(&listed, "virtual-nodes") < points(&explained, "virtual-nodes"));
}

#[test]
fn unqualified_absolutes_cost_a_little_and_never_cap() {
    let absolute = "Consistent hashing puts keys and nodes on a ring; each key goes to the next node clockwise, and the ring is always walked clockwise to find the owner.";
    let b = grade("sharding-2", absolute);
    let claim = b
        .penalties
        .iter()
        .find(|p| p.name == "unqualified-claim")
        .expect("an unqualified claim");
    assert!(claim.points > 0.0 && claim.points <= 5.0);
    assert!(!b.penalties.iter().any(|p| p.name == "cap"));
    let raw = (b.base_points + b.concept_points + b.similarity_points).min(100.0);
    assert!(
        (raw - claim.points - b.score).abs() <= 1.0,
        "{raw} - {} vs {}",
        claim.points,
        b.score
    );
    // "almost always" is qualified.
    let hedged = grade("sharding-2", &absolute.replace("always", "almost always"));
    assert!(!hedged
        .penalties
        .iter()
        .any(|p| p.name == "unqualified-claim"));
    // "People always bring up X" describes talk, not the system.
    let talk = grade(
        "sharding-2",
        "People always bring up virtual nodes: each server gets many points on the ring, so the load evens out.",
    );
    assert!(!talk.penalties.iter().any(|p| p.name == "unqualified-claim"));
}

#[test]
fn sentences_the_rubric_cannot_check_are_listed_and_lower_the_confidence() {
    let r = grade(
        "sharding-2",
        "Consistent hashing puts keys and nodes on a ring. My team once migrated a billing system over a long weekend. The project manager ordered pizza for everybody involved. Afterwards we wrote a long retrospective document about morale.",
    );
    assert!(r.unchecked.len() >= 3, "{:?}", r.unchecked);
    assert_ne!(r.confidence.as_ref().unwrap().level, "high");
}

#[test]
fn every_point_of_a_v2_report_is_accounted_for() {
    let r = grade(
        "sharding-2",
        "Consistent hashing puts keys and nodes on a ring and always moves exactly 1/N of the keys. Virtual nodes are overrated.",
    );
    let penalties: f64 = r.penalties.iter().map(|p| p.points).sum();
    let expected =
        ((r.base_points + r.concept_points + r.similarity_points).min(100.0) - penalties).max(0.0);
    assert!(
        (expected - r.score).abs() <= 1.0,
        "{expected} vs {}",
        r.score
    );
}
