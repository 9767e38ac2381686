#!/usr/bin/env bash
# Whole-process speed and memory figures (the README's performance table).
# Needs hyperfine and GNU time (apt-get install hyperfine time). The batch rows
# read ../shared and are skipped when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${MOCKGRADE_SHARED:-../shared}"
cargo build --release --quiet
bin="$PWD/target/release/mockgrade"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOCKGRADE_CACHE_DIR="$work/cache" MOCKGRADE_DATA_DIR="$work/data" NO_COLOR=1

median() { # hyperfine JSON -> median ms
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"
}
time_cmd() { # name, runs, command...
  local json="$work/h.json" runs=$2; shift 2
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" "$*" >/dev/null 2>&1
  median "$json"
}
rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# A 300-word answer to sharding-2.
python3 - "$work/answer.txt" <<'PY'
import sys
base = ("Consistent hashing places keys and servers on a ring of hash positions; a key belongs to the next "
        "server clockwise. With hash mod N, adding a server remaps almost every key, but on the ring only "
        "the keys between the new server and its predecessor move, about 1/N of them. Virtual nodes give "
        "each machine many points so the load stays even. ")
words = (base * 6).split()[:300]
open(sys.argv[1], "w").write(" ".join(words) + "\n")
PY

echo "| measurement | figure |"
echo "|---|---|"
"$bin" grade --question sharding-2 "$work/answer.txt" >/dev/null   # fills the cache
floor=$(time_cmd version 50 "$bin" --version)
grade=$(time_cmd grade 50 "$bin" grade --question sharding-2 "$work/answer.txt")
echo "| \`mockgrade --version\` (process floor), median | $floor ms |"
echo "| \`mockgrade grade --question sharding-2\` (300 words, cached deck, saved to history), median | $grade ms ($(python3 -c "print('%.1f' % ($grade/$floor))")× the floor) |"
nohist=$(time_cmd grade 50 "$bin" --no-history grade --question sharding-2 "$work/answer.txt")
echo "| the same with \`--no-history\`, median | $nohist ms ($(python3 -c "print('%.1f' % ($nohist/$floor))")× the floor) |"
echo "| peak RSS of that grade | $(( $(rss_kb "$bin" grade --question sharding-2 "$work/answer.txt") / 1024 )) MiB |"
hyperfine --warmup 3 --runs 30 --export-json "$work/ask.json" "$bin ask --question sharding-2 < $work/answer.txt" >/dev/null 2>&1
ask=$(median "$work/ask.json")
echo "| \`mockgrade ask\` with the answer piped in, whole process incl. a shell, median | $ask ms |"

for f in "$shared/bench/mohler/mohler.jsonl" "$shared/eval/dev.jsonl"; do
  [ -f "$f" ] || { echo "| batch $(basename "$f") | skipped: $f absent |"; continue; }
  n=$(grep -c . "$f")
  "$bin" grade --batch "$f" >/dev/null
  t=$(time_cmd batch 10 "$bin" grade --batch "$f")
  same=$(cmp -s <("$bin" grade --batch "$f") <("$bin" grade --threads 1 --batch "$f") && echo "identical" || echo "DIFFERENT")
  echo "| \`grade --batch $(basename "$f")\` ($n answers, 2 threads), median | $t ms = $(python3 -c "print(round($n/($t/1000)))") answers/s; output $same to --threads 1 |"
done

for n in 10000 100000; do
  python3 scripts/gen_deck.py "$n" "$work/deck$n" >/dev/null
  rm -rf "$MOCKGRADE_CACHE_DIR"
  start=$(date +%s%N)
  "$bin" --deck "$work/deck$n" grade --question topic-50-3 "$work/answer.txt" >/dev/null
  build=$(( ($(date +%s%N) - start) / 1000000 ))
  first=$(time_cmd deck 10 "$bin" --deck "$work/deck$n" grade --question topic-50-3 "$work/answer.txt")
  echo "| deck of $n questions: first grade, cold (index build + cache) | $build ms |"
  echo "| deck of $n questions: grade with the index cached, median | $first ms; peak RSS $(( $(rss_kb "$bin" --deck "$work/deck$n" grade --question topic-50-3 "$work/answer.txt") / 1024 )) MiB |"
done
