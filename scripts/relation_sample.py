#!/usr/bin/env python3
"""Counts of a built graph and a reproducible random sample of its event edges, for reading
each against its evidence sentence (issue 10: nodes without an edge, event edges, and a
sample of 50 judged by hand).

    newsgraph build ../shared/corpora/news/bbc/politics --out /tmp/politics -q
    python3 scripts/relation_sample.py /tmp/politics/graph.json [--n 50] [--seed 1] [--verdicts FILE]

Prints the node and edge counts (event edges are every relation but holds-position,
position-of, quoted-by, member-of and located-in), then N event edges chosen with a fixed
seed, each with its first evidence sentence, trigger, the two mentions and the rule. With
`--verdicts FILE` (one line per sampled edge: `ok`, `wrong` or `wrong: why`, in the order
printed; `#` lines are comments) it also prints the share judged right. The sample is the
same for the same graph and seed, so verdicts can be re-checked.
"""

import argparse
import json
import random
import sys
from collections import Counter

STRUCTURAL = {"holds-position", "position-of", "quoted-by", "member-of", "located-in"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verdicts")
    a = ap.parse_args()
    try:
        with open(a.graph, encoding="utf-8") as f:
            g = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"{a.graph}: {e}")
    nodes, edges = g["nodes"], g["edges"]
    touched = set()
    for e in edges:
        touched.add(e["source"])
        touched.add(e["target"])
    isolated = sum(1 for n in nodes if n["id"] not in touched)
    events = [e for e in edges if e["relation"] not in STRUCTURAL]
    by_kind = Counter(e["relation"] for e in events)
    asserted = sum(1 for e in events if e.get("weight", 0) > 0)
    print(f"articles {len(g['articles'])}, nodes {len(nodes)}, edges {len(edges)}")
    print(f"nodes without an edge {isolated} ({isolated / max(1, len(nodes)):.1%})")
    print(f"event edges {len(events)} ({asserted} with an asserted mention), "
          f"event mentions {sum(len(e.get('evidence', [])) for e in events)} (evidence kept)")
    print("by relation: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    rng = random.Random(a.seed)
    sample = rng.sample(sorted(events, key=lambda e: e["id"]), min(a.n, len(events)))
    verdicts = []
    if a.verdicts:
        with open(a.verdicts, encoding="utf-8") as f:
            verdicts = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        if len(verdicts) != len(sample):
            sys.exit(f"{a.verdicts}: {len(verdicts)} verdicts for {len(sample)} sampled edges")
    print()
    for i, e in enumerate(sample, 1):
        ev = e["evidence"][0]
        v = f"  [{verdicts[i - 1]}]" if verdicts else ""
        print(f"{i:2}. {e['source']} -{e['relation']}-> {e['target']} [{ev['modality']}] "
              f"({ev['article']}, {ev['rule']}){v}")
        print(f"    trigger {ev['trigger']['text']!r}, source {ev['source_mention']['text']!r}, "
              f"target {ev['target_mention']['text']!r}")
        print(f"    {ev['sentence']}")
    if verdicts:
        right = sum(1 for v in verdicts if v.lower().startswith("ok"))
        print(f"\njudged right: {right} of {len(verdicts)} ({right / len(verdicts):.0%})")


if __name__ == "__main__":
    main()
