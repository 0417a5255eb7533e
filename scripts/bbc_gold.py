#!/usr/bin/env python3
"""Build data/bbc-dev/*.json (gold for BBC corpus articles, holding no article text) from a
working annotation file kept OUTSIDE the repository.

Working format (UTF-8), one article after another:

    == politics/001.txt             article path relative to the corpus root
    Patricia Hewitt | person:patricia-hewitt
    @after SOME TEXT                move the cursor past the next occurrence of SOME TEXT
    -- relations
    holds-position person:patricia-hewitt position:trade-and-industry-secretary@GBR asserted

Mentions are listed in text order as `surface | entity id`; each surface is found (whole
word) at or after the end of the previous mention, as scripts/make_gold.py does. The output
names the article by `path`, keeps the sha256 of its bytes, and stores offsets, types and
entity ids only: no `text` field, so no article text enters the repository.

Usage: python3 scripts/bbc_gold.py WORKFILE CORPUS_ROOT OUT_DIR
"""
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_gold  # noqa: E402  (find, parse_mentions, parse_relations)

make_gold.RELATIONS |= {"agrees-with", "aids", "concedes-to", "retreats-from", "investigates",
                        "protests-against", "coerces", "fights"}


def articles(work):
    cur = None
    for line in Path(work).read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            if cur:
                yield cur
            cur = [line[3:].strip(), [], [], False]
        elif line.strip() == "-- relations":
            cur[3] = True
        elif line.strip() and not line.startswith("#"):
            (cur[2] if cur[3] else cur[1]).append(line.strip())
    if cur:
        yield cur


def main():
    work, root, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    totals = [0, 0, 0]
    for path, mspec, rspec, _ in articles(work):
        raw = (root / path).read_bytes()
        text = raw.decode("utf-8")
        mentions = make_gold.parse_mentions(path, text, "\n".join(mspec))
        # A held position whose scope the article never names (the UK in a BBC politics
        # story) has no position-of: the scope is not mentioned.
        ents = {m["entity"] for m in mentions}
        unnamed = set()
        for r in rspec:
            kind, _, dst = r.split()[:3]
            scope = dst.split("@", 1)[1] if kind == "holds-position" and "@" in dst else None
            if scope:
                sid = f"country:{scope}" if scope.isupper() else f"org:{scope}"
                if sid not in ents:
                    unnamed.add(sid)
        fake = [{"entity": e, "type": "scope"} for e in sorted(unnamed)]
        relations = make_gold.parse_relations(path, "\n".join(rspec), mentions + fake)
        relations = [r for r in relations if r["target"] not in unnamed]
        relations.sort(key=lambda r: (r["type"], r["source"], r["target"], r["modality"]))
        mentions.sort(key=lambda m: (m["start"], m["end"]))
        for m in mentions:
            del m["text"]
        doc = {"id": path, "path": path, "sha256": hashlib.sha256(raw).hexdigest()}
        lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in doc.items()]
        lines.append('  "mentions": [')
        lines += ["    " + json.dumps(m) + ("," if i + 1 < len(mentions) else "") for i, m in enumerate(mentions)]
        lines += ["  ],", '  "relations": [']
        lines += ["    " + json.dumps(r) + ("," if i + 1 < len(relations) else "") for i, r in enumerate(relations)]
        lines += ["  ]", "}"]
        (out / (path.replace("/", "__") + ".json")).write_text("\n".join(lines) + "\n", encoding="utf-8")
        totals[0] += 1
        totals[1] += len(mentions)
        totals[2] += len(relations)
    print(f"{totals[0]} articles, {totals[1]} mentions, {totals[2]} relations")


if __name__ == "__main__":
    main()
