#!/usr/bin/env bash
# Measures agreement with human grades (README, "Agreement with human grades"):
#   1. the blind generalisation sets (tests/data/generalisation): the sealed halves of the
#      first, ninth, tenth, eleventh, twelfth, thirteenth to twentieth sets are the headline, with the fifth set as a further sealed
#      set; the tuning halves and the fresh, third, sixth, seventh and eighth sets are
#      where rubrics and code may be tuned;
#   2. the interviewers' dev set (../shared/eval/dev.jsonl): the calibration set;
#   3. the Mohler et al. 2011 short-answer set, graded with rubrics derived from each
#      reference answer (no training, no per-question tuning);
#   4. contradiction detection on SemEval-2013 (test splits), unsupervised.
# Parts 2-4 read ../shared and are skipped cleanly when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${MOCKGRADE_SHARED:-../shared}"
cargo build --release --quiet
bin=target/release/mockgrade
gen=tests/data/generalisation
echo "== $(date -u +%Y-%m-%d) mockgrade $($bin --version | cut -d' ' -f2)"
echo
echo "== HEADLINE: sealed half of the first blind set (issue 9): $bin eval --worst 0 $gen/sealed.jsonl"
"$bin" eval --worst 0 "$gen/sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the ninth set (written like the dev set, 2026-12-06; only ever evaluated in aggregate): $bin eval --worst 0 $gen/ninth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/ninth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the tenth set (written like the first blind set, 2026-12-06; only ever evaluated in aggregate): $bin eval --worst 0 $gen/tenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/tenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the eleventh set (written like the first blind set, 2026-12-06, seventh session; only ever evaluated in aggregate): $bin eval --worst 0 $gen/eleventh-sealed.jsonl"
"$bin" eval --worst 0 "$gen/eleventh-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the twelfth set (written like the dev set, 2026-12-06, seventh session; only ever evaluated in aggregate): $bin eval --worst 0 $gen/twelfth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/twelfth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the thirteenth set (written like the first blind set in four voices, 2026-12-06, eighth session; unseen at b570c58: Pearson 0.844; only ever evaluated in aggregate): $bin eval --worst 0 $gen/thirteenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/thirteenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the fourteenth set (four other voices, 2026-12-06, ninth session; unseen at 1946f94: Pearson 0.833, whole set 0.866; only ever evaluated in aggregate): $bin eval --worst 0 $gen/fourteenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/fourteenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the fifteenth set (four more voices, 2026-12-06, ninth session; unseen at 8913b43: Pearson 0.884, whole set 0.891; only ever evaluated in aggregate): $bin eval --worst 0 $gen/fifteenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/fifteenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the sixteenth set (four more voices, 2026-12-06, end of the ninth session; unseen at 2501e50: Pearson 0.886, whole set 0.893; only ever evaluated in aggregate): $bin eval --worst 0 $gen/sixteenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/sixteenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the seventeenth set (four more voices, 2026-12-06, tenth session; unseen at eab3b55: Pearson 0.840, whole set 0.857; only ever evaluated in aggregate): $bin eval --worst 0 $gen/seventeenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/seventeenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the eighteenth set (four more voices, 2026-12-06, late in the tenth session; unseen at c66bcc7: Pearson 0.850, whole set 0.845, and 0.834 at eab3b55; only ever evaluated in aggregate): $bin eval --worst 0 $gen/eighteenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/eighteenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the nineteenth set (four more voices, 2026-12-06, end of the tenth session; unseen at ad59a71: Pearson 0.892, whole set 0.908, and 0.891 at eab3b55; only ever evaluated in aggregate): $bin eval --worst 0 $gen/nineteenth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/nineteenth-sealed.jsonl"
echo
echo "== HEADLINE: sealed half of the twentieth set (four more voices, 2026-12-06, the tenth session's end; unseen at bfa31ff: Pearson 0.881, whole set 0.880, and 0.862 at eab3b55; only ever evaluated in aggregate): $bin eval --worst 0 $gen/twentieth-sealed.jsonl"
"$bin" eval --worst 0 "$gen/twentieth-sealed.jsonl"
echo
echo "== second sealed set (fifth set, written like the dev set; only ever evaluated in aggregate): $bin eval --worst 0 $gen/fifth.jsonl"
"$bin" eval --worst 0 "$gen/fifth.jsonl"
echo
echo "== tuning half of the blind set: $bin eval --worst 0 $gen/tune.jsonl"
"$bin" eval --worst 0 "$gen/tune.jsonl"
echo
echo "== fresh set (a tuning set since it was added; unseen figure at a5fdddc: Pearson 0.587): $bin eval --worst 0 $gen/fresh.jsonl"
"$bin" eval --worst 0 "$gen/fresh.jsonl"
echo
echo "== third set (a tuning set since it was added; unseen figure at bc34782: Pearson 0.693): $bin eval --worst 0 $gen/third.jsonl"
"$bin" eval --worst 0 "$gen/third.jsonl"
echo
echo "== sixth set (a tuning set since it was added; unseen figure at c6515db: Pearson 0.675): $bin eval --worst 0 $gen/sixth.jsonl"
"$bin" eval --worst 0 "$gen/sixth.jsonl"
echo
echo "== seventh set (written like the dev set; a tuning set since it was added; unseen figure at d971afb: Pearson 0.869): $bin eval --worst 0 $gen/seventh.jsonl"
"$bin" eval --worst 0 "$gen/seventh.jsonl"
echo
echo "== eighth set (written like the seventh; unseen figure at 28ae3e8: Pearson 0.901, and 0.900 at d971afb): $bin eval --worst 0 $gen/eighth.jsonl"
"$bin" eval --worst 0 "$gen/eighth.jsonl"
echo
echo "== tuning half of the ninth set (unseen figure of the whole set at 71d1ac1: Pearson 0.870): $bin eval --worst 0 $gen/ninth-tune.jsonl"
"$bin" eval --worst 0 "$gen/ninth-tune.jsonl"
echo
echo "== tuning half of the tenth set (unseen figure of the whole set at 71d1ac1: Pearson 0.895): $bin eval --worst 0 $gen/tenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/tenth-tune.jsonl"
echo
echo "== tuning half of the eleventh set (unseen figure of the whole set at a2251a9: Pearson 0.881): $bin eval --worst 0 $gen/eleventh-tune.jsonl"
"$bin" eval --worst 0 "$gen/eleventh-tune.jsonl"
echo
echo "== tuning half of the twelfth set (unseen figure of the whole set at 18eed18: Pearson 0.897): $bin eval --worst 0 $gen/twelfth-tune.jsonl"
"$bin" eval --worst 0 "$gen/twelfth-tune.jsonl"
echo
echo "== tuning half of the thirteenth set (unseen figure of the whole set at b570c58: Pearson 0.836): $bin eval --worst 0 $gen/thirteenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/thirteenth-tune.jsonl"
echo
echo "== tuning half of the fourteenth set (unseen figure of the whole set at 1946f94: Pearson 0.866): $bin eval --worst 0 $gen/fourteenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/fourteenth-tune.jsonl"
echo
echo "== tuning half of the fifteenth set (unseen figure of the whole set at 8913b43: Pearson 0.891): $bin eval --worst 0 $gen/fifteenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/fifteenth-tune.jsonl"
echo
echo "== tuning half of the sixteenth set (unseen figure of the whole set at 2501e50: Pearson 0.893): $bin eval --worst 0 $gen/sixteenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/sixteenth-tune.jsonl"
echo
echo "== tuning half of the seventeenth set (unseen figure of the whole set at eab3b55: Pearson 0.857): $bin eval --worst 0 $gen/seventeenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/seventeenth-tune.jsonl"
echo
echo "== tuning half of the eighteenth set (unseen figure of the whole set at c66bcc7: Pearson 0.845): $bin eval --worst 0 $gen/eighteenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/eighteenth-tune.jsonl"
echo
echo "== tuning half of the nineteenth set (unseen figure of the whole set at ad59a71: Pearson 0.908): $bin eval --worst 0 $gen/nineteenth-tune.jsonl"
"$bin" eval --worst 0 "$gen/nineteenth-tune.jsonl"
echo
echo "== tuning half of the twentieth set (unseen figure of the whole set at bfa31ff: Pearson 0.880): $bin eval --worst 0 $gen/twentieth-tune.jsonl"
"$bin" eval --worst 0 "$gen/twentieth-tune.jsonl"
if [ ! -d "$shared" ]; then
  echo "eval: dev set, Mohler and SemEval skipped: $shared is not present"
  exit 0
fi
if [ -f "$shared/eval/dev.jsonl" ]; then
  echo
  echo "== calibration (dev set): $bin eval $shared/eval/dev.jsonl"
  "$bin" eval --worst 5 "$shared/eval/dev.jsonl"
fi
if [ -f "$shared/bench/mohler/mohler.jsonl" ]; then
  echo
  echo "== Mohler 2011: $bin eval --gold-field score_avg --scale 5 $shared/bench/mohler/mohler.jsonl"
  "$bin" eval --gold-field score_avg --scale 5 --worst 3 "$shared/bench/mohler/mohler.jsonl"
fi
semeval="$shared/bench/semeval2013/semeval2013_3way.jsonl"
if [ -f "$semeval" ] && command -v python3 >/dev/null; then
  echo
  echo "== SemEval-2013 contradictory class, test splits: scripts/semeval_contradiction.py $bin $semeval"
  python3 scripts/semeval_contradiction.py "$bin" "$semeval"
fi
