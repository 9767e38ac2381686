#!/usr/bin/env python3
"""Writes a synthetic deck of N questions (default 10,000) for scale benchmarks.

Questions and reference answers are assembled deterministically from the
sentences of the built-in deck, so the vocabulary and lengths are realistic.

    python3 scripts/gen_deck.py 10000 /tmp/deck10k   # writes /tmp/deck10k/corpus/deck.md
"""
import os
import random
import re
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    out = sys.argv[2] if len(sys.argv) > 2 else f"/tmp/deck{n}"
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "..", "corpus", "system-design.md"), encoding="utf-8").read()
    questions = re.findall(r"^\*\*Q:\*\* (.+)$", text, re.M)
    sentences = [s.strip() for a in re.findall(r"^\*\*A:\*\* (.+)$", text, re.M)
                 for s in re.split(r"(?<=[.!?]) ", a) if len(s.split()) > 4]
    rng = random.Random(42)
    per_topic = 10
    os.makedirs(os.path.join(out, "corpus"), exist_ok=True)
    with open(os.path.join(out, "corpus", "deck.md"), "w", encoding="utf-8") as f:
        f.write(f"# Synthetic deck of {n} questions\n\n")
        for t in range((n + per_topic - 1) // per_topic):
            f.write(f"## {t + 1}. Topic {t + 1}\n<!-- id: topic-{t + 1} -->\n\n")
            for _ in range(min(per_topic, n - t * per_topic)):
                q = rng.choice(questions)
                a = " ".join(rng.sample(sentences, 8))
                f.write(f"**Q:** {q}\n\n**A:** {a}\n\n")
    print(os.path.join(out, "corpus", "deck.md"))


if __name__ == "__main__":
    main()
