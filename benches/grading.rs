//! In-process grading path: tokenize, match, score (`cargo bench`).

use criterion::{criterion_group, criterion_main, Criterion};
use mockgrade::grade::Grader;
use mockgrade::matcher::{AnswerMatcher, Lexicon, Phrasing};
use mockgrade::text;

const ANSWER: &str = "With naive hashing, hash(key) % N, adding a server changes N and remaps almost every key, so nearly all data must migrate. Consistent hashing places both keys and nodes on a hash ring; each key belongs to the next node clockwise. When a node joins, only the keys between it and its predecessor move, roughly 1/N of the data. Virtual nodes give each server many positions on the ring so load stays even. It matters for cache clusters like Memcached and for DynamoDB or Cassandra partitioning, where membership changes all the time and a full reshuffle would invalidate most of the cache.";

fn benches(c: &mut Criterion) {
    let grader = Grader::builtin().expect("built-in deck");
    let question = grader
        .deck
        .question("sharding-2")
        .expect("question")
        .clone();
    let lexicon = Lexicon::builtin();
    let phrasing = Phrasing::compile("only keys between|predecessor move").expect("phrasing");
    let analyzed = text::analyze(ANSWER);

    c.bench_function("tokenize", |b| b.iter(|| text::analyze(ANSWER)));
    c.bench_function("match one phrasing", |b| {
        b.iter(|| AnswerMatcher::new(&lexicon, &analyzed).find(&phrasing))
    });
    c.bench_function("grade (deck rubric)", |b| {
        b.iter(|| grader.grade(&question, ANSWER).expect("grade"))
    });
    c.bench_function("grade (derived rubric)", |b| {
        b.iter(|| {
            grader
                .grade_against_reference(&question.text, &question.reference, ANSWER)
                .expect("grade")
        })
    });
}

criterion_group!(grading, benches);
criterion_main!(grading);
