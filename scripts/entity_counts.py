#!/usr/bin/env python3
"""Entity-node counts of a built graph (issue 11): person nodes, person nodes that are a
bare surname, position nodes without a scope, and nodes whose slug is empty or one letter.

Usage: python3 scripts/entity_counts.py GRAPH.json [--max-short-slugs N]

A bare surname is a one-word person node (`person:sherman`); of those, the ones that
equal the last word of a multi-word person node of the same graph are counted apart
(`person:blair` beside `person:tony-blair`): those are the ones resolution could have
linked. A position without a scope (`position:chief-executive`, no `@`) is a hub that joins
every holder of that title. The slug is the id after `type:` (before `@` for positions).
Exit 1 when the short-slug count is above --max-short-slugs (default 0).
"""
import json
import sys


def slug_of(node_id):
    rest = node_id.split(":", 1)[1] if ":" in node_id else node_id
    return rest.split("@", 1)[0]


def main(argv):
    path = argv[1]
    max_short = 0
    if "--max-short-slugs" in argv:
        max_short = int(argv[argv.index("--max-short-slugs") + 1])
    nodes = json.load(open(path, encoding="utf-8"))["nodes"]
    people = [n for n in nodes if n["type"] == "person"]
    slugs = [slug_of(n["id"]) for n in people]
    bare = [s for s in slugs if "-" not in s]
    surnames = {s.rsplit("-", 1)[1] for s in slugs if "-" in s}
    bare_known = [s for s in bare if s in surnames]
    short = [n["id"] for n in nodes if len(slug_of(n["id"])) <= 1]
    unscoped = [n for n in nodes if n["type"] == "position" and "@" not in n["id"]]
    print(f"nodes {len(nodes)}")
    print(f"person nodes {len(people)}")
    print(f"person nodes, bare surname {len(bare)}")
    print(f"person nodes, bare surname of a full-name node {len(bare_known)}")
    print(f"position nodes without a scope {len(unscoped)}")
    print(f"nodes with an empty or one-letter slug {len(short)}")
    for s in short[:20]:
        print(f"  {s}")
    return 1 if len(short) > max_short else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
