#!/usr/bin/env python3
"""Derives data/wordnet-synonyms.txt from Debian's wordnet-base (WordNet 3.0).

For every single-word lemma, the synset of its most frequent sense (the first
listed in WordNet's index files), for each part of speech, gives the words that
may stand for it: one line per lemma, the lemma first, then those words. Lemmas
that WordNet's sense-tagged corpus never saw are left out (rare words).

Only mutual synonyms are kept: a word stands for the lemma when, in the same
part of speech, the word's own most frequent sense is that same synset. So
"minimum"/"minimal" and "allocate"/"apportion" stay, but "function" does not
take "run": the most frequent sense of "run" is moving fast on foot, not
functioning, and a grade must not credit "functions" for "Running".

    apt-get install wordnet-base && python3 scripts/wordnet_table.py
"""
import os
import sys

WN = "/usr/share/wordnet"
OUT = os.path.join(os.path.dirname(__file__), "..", "data", "wordnet-synonyms.txt")
HEADER = """# Synonyms derived from WordNet 3.0 (scripts/wordnet_table.py): each line is a word,
# then the single words of its most frequent sense's synset (per part of speech)
# whose own most frequent sense, in that part of speech, is the same synset.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT
# LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF
# MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE
# LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY
# PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database.
"""


def synset_words(pos, offset, cache={}):
    key = (pos, offset)
    if key not in cache:
        with open(os.path.join(WN, f"data.{pos}"), "rb") as f:
            f.seek(int(offset))
            fields = f.readline().decode("utf-8", "replace").split()
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        cache[key] = [w for w in words if w.isalpha()]
    return cache[key]


def main():
    if not os.path.isdir(WN):
        sys.exit(f"{WN} not found: apt-get install wordnet-base")
    first = {}
    for pos in ["noun", "verb", "adj", "adv"]:
        for line in open(os.path.join(WN, f"index.{pos}"), encoding="utf-8", errors="replace"):
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            if not lemma.isalpha():
                continue
            synset_count = int(fields[2])
            pointer_count = int(fields[3])
            offsets = fields[6 + pointer_count:]
            tagged_senses = int(fields[5 + pointer_count])
            # Words never seen in WordNet's sense-tagged corpus are rare: left out.
            if synset_count == 0 or not offsets or tagged_senses == 0:
                continue
            first[(lemma, pos)] = offsets[0]
    groups = {}
    for (lemma, pos), offset in first.items():
        # Mutual: the other word's most frequent sense is this very synset.
        words = [
            w
            for w in synset_words(pos, offset)
            if w != lemma and first.get((w, pos)) == offset
        ]
        groups.setdefault(lemma, set()).update(words)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for lemma in sorted(groups):
            if groups[lemma]:
                out.write(lemma + " " + " ".join(sorted(groups[lemma])) + "\n")
    written = sum(1 for words in groups.values() if words)
    print(f"{written} groups written to {OUT}")


if __name__ == "__main__":
    main()
