#!/usr/bin/env python3
"""Contradiction detection on SemEval-2013 Task 7 (3-way), unsupervised.

Each test answer is graded against its question's first reference answer with a
derived rubric (`mockgrade grade --batch`, no training, no per-question tuning);
an answer is predicted `contradictory` when the report lists a contradiction
(a reference term the answer denies, or turns into its opposite). Prints
precision and recall of the contradictory class per test split.

    scripts/semeval_contradiction.py BIN SEMEVAL.jsonl
"""
import json
import subprocess
import sys
from collections import defaultdict

binary, path = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(path) if l.strip()]
rows = [r for r in rows if r["split"].startswith("test")]
batch = "".join(
    json.dumps({"question": r["question"], "reference": r["reference"], "answer": r["answer"] or "-"}) + "\n"
    for r in rows
)
out = subprocess.run([binary, "grade", "--batch", "-"], input=batch, capture_output=True, text=True, check=True)
reports = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
assert len(reports) == len(rows), (len(reports), len(rows))
counts = defaultdict(lambda: [0, 0, 0, 0])  # tp, fp, fn, n
for r, rep in zip(rows, reports):
    predicted = bool(rep.get("contradictions"))
    actual = r["label"] == "contradictory"
    c = counts[(r["corpus"], r["split"])]
    c[0] += predicted and actual
    c[1] += predicted and not actual
    c[2] += actual and not predicted
    c[3] += 1
print(f"{'corpus':<12} {'split':<24} {'n':>5} {'contra':>6} {'flagged':>7} {'precision':>9} {'recall':>6} {'base rate':>9}")
total = [0, 0, 0, 0]
for (corpus, split), (tp, fp, fn, n) in sorted(counts.items()):
    total = [a + b for a, b in zip(total, (tp, fp, fn, n))]
    p = tp / (tp + fp) if tp + fp else 0.0
    rcl = tp / (tp + fn) if tp + fn else 0.0
    print(f"{corpus:<12} {split:<24} {n:>5} {tp + fn:>6} {tp + fp:>7} {p:>9.3f} {rcl:>6.3f} {(tp + fn) / n:>9.3f}")
tp, fp, fn, n = total
print(f"{'all':<12} {'test splits':<24} {n:>5} {tp + fn:>6} {tp + fp:>7} {tp / max(tp + fp, 1):>9.3f} {tp / max(tp + fn, 1):>6.3f} {(tp + fn) / n:>9.3f}")
