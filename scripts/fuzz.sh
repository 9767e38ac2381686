#!/usr/bin/env bash
# Runs each cargo-fuzz target for SECONDS (default 600) from its committed seed corpus.
# Needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
targets="${TARGETS:-deck_parser rubric_loader batch_line grader}"
for t in $targets; do
  mkdir -p "runs/$t"
  echo "== $t for ${seconds}s"
  cargo +nightly fuzz run "$t" "runs/$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=8192 2>&1 | tail -n 5
done
