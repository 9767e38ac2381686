#!/usr/bin/env bash
# Measures agreement with human grades:
#   1. the interviewers' dev set (../shared/eval/dev.jsonl), built-in rubrics;
#   2. the Mohler et al. 2011 short-answer set (../shared/bench/mohler/mohler.jsonl),
#      graded with rubrics derived from each reference answer (no training, no per-question tuning).
# Skips cleanly when ../shared is absent (it is not part of the project).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${MOCKGRADE_SHARED:-../shared}"
if [ ! -d "$shared" ]; then
  echo "eval: skipped: $shared is not present"
  exit 0
fi
cargo build --release --quiet
bin=target/release/mockgrade
echo "== $(date -u +%Y-%m-%d) mockgrade $($bin --version | cut -d' ' -f2)"
if [ -f "$shared/eval/dev.jsonl" ]; then
  echo "== dev set: $bin eval $shared/eval/dev.jsonl"
  "$bin" eval "$shared/eval/dev.jsonl"
fi
if [ -f "$shared/bench/mohler/mohler.jsonl" ]; then
  echo
  echo "== Mohler 2011: $bin eval --gold-field score_avg --scale 5 $shared/bench/mohler/mohler.jsonl"
  "$bin" eval --gold-field score_avg --scale 5 --worst 3 "$shared/bench/mohler/mohler.jsonl"
fi
