#!/usr/bin/env python3
"""Derives data/wordnet-antonyms.txt from Debian's wordnet-base (WordNet 3.0).

WordNet's direct antonyms are lexical "!" pointers: they join one word of a
synset to one word of another (source/target word numbers), e.g. fast/slow,
increase/decrease, success/failure. For every single-word lemma of data.adj,
data.verb, data.adv and data.noun this collects the words its "!" pointers name,
across all its senses. Adjective satellites carry no "!" pointers of their own
(they reach an antonym only through their head's similar-to link): left out.
A pair is kept only when WordNet's sense-tagged corpus saw both words in that
part of speech (tagsense_cnt > 0 in the index file), which drops rare words, as
scripts/wordnet_table.py does. Pairs with a function word of the grader
(src/text.rs: STOP_WORDS, NEGATORS, CLAUSE_WORDS, e.g. prevent/let, ever/never)
are left out, and so are the few pairs in FIELD_EXCLUDE, senses that mislead in
this field. Every pair is written both ways, and lines are sorted in byte order
so that a reader can binary-search them.

    apt-get install wordnet-base && python3 scripts/wordnet_antonyms.py
"""
import os
import re
import sys

WN = "/usr/share/wordnet"
ROOT = os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "data", "wordnet-antonyms.txt")
TEXT_RS = os.path.join(ROOT, "src", "text.rs")
POS = ["adj", "verb", "adv", "noun"]
HEADER = """# Antonyms derived from WordNet 3.0 (scripts/wordnet_antonyms.py): each line is a word,
# then its direct antonyms (WordNet's lexical "!" pointers, all senses, nouns, verbs,
# adjectives and adverbs; satellites, multiword lemmas, the grader's function words and
# a few pairs misleading in system design left out; both words seen in the
# sense-tagged corpus). Pairs are symmetric; lines are sorted in byte order.
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
# Pairs that mislead in this field: "double" is a duplicate, not the opposite of a
# single leader; a failed request does not "pass"; "succeed" is not "precede";
# "upstream" shares a synonym group with origin and backend (rubrics/synonyms.toml);
# "active-passive" names a setup that is active too; ...
FIELD_EXCLUDE = {
    ("downstream", "upstream"), ("active", "passive"),
    ("double", "single"), ("fail", "manage"), ("fail", "pass"), ("precede", "succeed"),
    ("out", "safe"), ("deficit", "lead"), ("attend", "miss"), ("general", "local"),
    ("local", "national"), ("oblique", "parallel"), ("live", "recorded"),
    ("fresh", "preserved"), ("fresh", "salty"), ("full", "thin"), ("find", "lose"),
    ("lose", "profit"),
}
# Adjective words may carry a syntactic marker: "(a)", "(p)" or "(ip)".
MARKER = re.compile(r"\([a-z]+\)$")


def is_word(w):
    return w.isascii() and w.isalpha()


def function_words():
    """The grader's stop words, negators and clause words, read from src/text.rs."""
    source = open(TEXT_RS, encoding="utf-8").read()
    words = set()
    for name in ["STOP_WORDS", "NEGATORS", "CLAUSE_WORDS"]:
        body = re.search(name + r": &\[&str\] = &\[(.*?)\];", source, re.S).group(1)
        words.update(re.findall(r'"([^"]+)"', body))
    return words


def tagged_lemmas(pos):
    """Lemmas of this part of speech that the sense-tagged corpus saw."""
    seen = set()
    for line in open(os.path.join(WN, f"index.{pos}"), encoding="utf-8", errors="replace"):
        if line.startswith(" "):
            continue
        fields = line.split()
        pointer_count = int(fields[3])
        if int(fields[2]) > 0 and int(fields[5 + pointer_count]) > 0:
            seen.add(fields[0].lower())
    return seen


def read_synsets(pos):
    """offset -> (synset type, words, antonym pointers as (source, target offset, target pos, target word))."""
    synsets = {}
    for line in open(os.path.join(WN, f"data.{pos}"), encoding="utf-8", errors="replace"):
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        offset, ss_type = fields[0], fields[2]
        count = int(fields[3], 16)
        words = [MARKER.sub("", fields[4 + 2 * i]).lower() for i in range(count)]
        i = 4 + 2 * count
        pointer_count = int(fields[i])
        antonyms = []
        for p in range(pointer_count):
            symbol, target, target_pos, source_target = fields[i + 1 + 4 * p: i + 5 + 4 * p]
            if symbol != "!":
                continue
            source, target_word = int(source_target[:2], 16), int(source_target[2:], 16)
            antonyms.append((source, target, target_pos, target_word))
        synsets[offset] = (ss_type, words, antonyms)
    return synsets


def main():
    if not os.path.isdir(WN):
        sys.exit(f"{WN} not found: apt-get install wordnet-base")
    letter = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
    data = {pos: read_synsets(pos) for pos in POS}
    tagged = {pos: tagged_lemmas(pos) for pos in POS}
    function = function_words()
    antonyms = {}
    for pos in POS:
        for ss_type, words, pointers in data[pos].values():
            if ss_type == "s":
                continue
            for source, target, target_pos, target_word in pointers:
                if source == 0 or target_word == 0:
                    continue  # a semantic pointer: antonyms are always lexical
                other_pos = letter[target_pos]
                a = words[source - 1]
                b = data[other_pos][target][1][target_word - 1]
                if a == b or not (is_word(a) and is_word(b)):
                    continue
                if a not in tagged[pos] or b not in tagged[other_pos]:
                    continue
                if a in function or b in function or tuple(sorted((a, b))) in FIELD_EXCLUDE:
                    continue
                antonyms.setdefault(a, set()).add(b)
                antonyms.setdefault(b, set()).add(a)
    lines = sorted(lemma + " " + " ".join(sorted(antonyms[lemma])) for lemma in antonyms)
    lines.sort(key=lambda line: line.split(" ", 1)[0].encode())
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for line in lines:
            out.write(line + "\n")
    pairs = sum(len(v) for v in antonyms.values()) // 2
    print(f"{len(lines)} lemmas ({pairs} pairs) written to {OUT}")


if __name__ == "__main__":
    main()
