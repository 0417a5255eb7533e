#!/usr/bin/env python3
"""Writes tests/fixtures/syntax-mini.conllu: small CoNLL-U trees built from templates
written for the project (no treebank text), for the syntax tests. Deterministic."""
import itertools, sys

NAMES = ["Merkel", "Macron", "Putin", "Biden", "Lavrov", "Blinken", "Sherman", "Ryabkov"]
PLACES = ["Geneva", "Paris", "Moscow", "Kyiv", "Brussels", "Istanbul"]
DAYS = ["Monday", "Tuesday", "Friday"]

def w(form, lemma, upos, head, rel):
    return (form, lemma, upos, head, rel)

def met(a, b, p):
    return [w(a, a, "PROPN", 2, "nsubj"), w("met", "meet", "VERB", 0, "root"),
            w(b, b, "PROPN", 2, "obj"), w("in", "in", "ADP", 5, "case"),
            w(p, p, "PROPN", 2, "obl"), w(".", ".", "PUNCT", 2, "punct")]

def visited(a, p, d):
    return [w("The", "the", "DET", 2, "det"), w("minister", "minister", "NOUN", 3, "nsubj"),
            w("visited", "visit", "VERB", 0, "root"), w(p, p, "PROPN", 3, "obj"),
            w("on", "on", "ADP", 6, "case"), w(d, d, "PROPN", 3, "obl"),
            w(".", ".", "PUNCT", 3, "punct")]

def said(a, b, p):
    return [w(a, a, "PROPN", 2, "nsubj"), w("said", "say", "VERB", 0, "root"),
            w("that", "that", "SCONJ", 6, "mark"), w(b, b, "PROPN", 6, "nsubj"),
            w("would", "would", "AUX", 6, "aux"), w("visit", "visit", "VERB", 2, "ccomp"),
            w(p, p, "PROPN", 6, "obj"), w(".", ".", "PUNCT", 2, "punct")]

def criticised(a, b):
    return [w(a, a, "PROPN", 3, "nsubj:pass"), w("was", "be", "AUX", 3, "aux:pass"),
            w("criticised", "criticise", "VERB", 0, "root"), w("by", "by", "ADP", 5, "case"),
            w(b, b, "PROPN", 3, "obl:agent"), w(".", ".", "PUNCT", 3, "punct")]

def talks(a, b):
    return [w("The", "the", "DET", 2, "det"), w("talks", "talk", "NOUN", 7, "nsubj"),
            w("between", "between", "ADP", 4, "case"), w(a, a, "PROPN", 2, "nmod"),
            w("and", "and", "CCONJ", 6, "cc"), w(b, b, "PROPN", 4, "conj"),
            w("ended", "end", "VERB", 0, "root"), w(".", ".", "PUNCT", 7, "punct")]

def sentences():
    pairs = [(a, b) for a, b in itertools.permutations(NAMES, 2)]
    for k, (a, b) in enumerate(pairs):
        p, d = PLACES[k % len(PLACES)], DAYS[k % len(DAYS)]
        yield [met, lambda a, b, p, d: visited(a, p, d), said,
               lambda a, b, p, d: criticised(a, b), lambda a, b, p, d: talks(a, b)][k % 5](
                   *((a, b, p) if k % 5 in (0, 2) else (a, b, p, d)))

def main():
    out = ["# Templates written for newsgraph's tests (scripts/make_syntax_fixture.py); not treebank text."]
    for i, s in enumerate(sentences(), 1):
        out.append(f"# sent_id = mini-{i}")
        out.append("# text = " + " ".join(t[0] for t in s[:-1]) + s[-1][0])
        for j, (form, lemma, upos, head, rel) in enumerate(s, 1):
            misc = "SpaceAfter=No" if j == len(s) - 1 else "_"
            out.append("\t".join([str(j), form, lemma, upos, "_", "_", str(head), rel, "_", misc]))
        out.append("")
    sys.stdout.write("\n".join(out) + "\n")

main()
