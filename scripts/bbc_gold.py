#!/usr/bin/env python3
"""Build the gold of BBC corpus articles (data/bbc-dev, data/bbc-heldout) from the committed
annotation file of the set, holding no article text.

The annotation file (`DIR/annotations.txt`, UTF-8) lists one article after another:

    == politics/001.txt                       article path relative to the corpus root
    Labour | org:labour-party                 a mention: surface | entity id
    Hewitt | person:patricia-hewitt | 3       ... the 3rd whole-word "Hewitt" of the file
    -- relations
    holds-position person:patricia-hewitt position:trade-and-industry-secretary@GBR asserted

Mentions are listed in text order. A surface without an occurrence number is the next
whole-word occurrence at or after the end of the previous mention (as scripts/make_gold.py
finds them); `| N` picks the N-th whole-word occurrence in the whole file (1-based; the
title line counts), to step over an occurrence that is not annotated. The file holds no
article text but the mention surfaces (names and titles, facts): no `@after` fragments.
Lines starting with `#` are comments (notes in our words, never quotes of the article).

Relations are `type source target modality`; symmetric ones are normalized to source <
target; each holds-position adds position-of from the position to its scope when the
article mentions the scope (a UK title in a story that never names the UK has none), and,
when the scope is an organization, member-of from the holder to it.

The gold file `DIR/<path with / as __>.json` names the article by `path` and its `sha256`
and stores offsets (characters, end-exclusive, into the whole file), types and entity ids:
no `text` field. `newsgraph eval --gold DIR CORPUS_ROOT` scores it.

Usage:
    python3 scripts/bbc_gold.py DIR [CORPUS_ROOT]        write DIR/*.json, print the mentions
                                                           in context (for checking, on the
                                                           terminal only)
    python3 scripts/bbc_gold.py --check DIR [CORPUS_ROOT]  fail when DIR/*.json are stale
    python3 scripts/bbc_gold.py --stats DIR [CORPUS_ROOT]  counts per type and relation kind
CORPUS_ROOT defaults to ../shared/corpora/news/bbc (from the repository root).
"""
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_gold  # noqa: E402  (find, KIND, ID_RE, SYMMETRIC, MODALITIES, uncovered_capitals)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "news" / "bbc"
RELATIONS = make_gold.RELATIONS | {"agrees-with", "aids", "concedes-to", "retreats-from",
                                   "investigates", "protests-against", "coerces", "fights"}
SYMMETRIC = make_gold.SYMMETRIC | {"fights"}


def fail(msg):
    sys.exit(f"bbc_gold.py: {msg}")


def read_work(path):
    """[(article path, line number, [(line no, mention line)], [(line no, relation line)])]"""
    out = []
    cur = None
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("== "):
            cur = [s[3:].strip(), n, [], [], False]
            out.append(cur)
        elif cur is None:
            fail(f"{path}:{n}: a line before the first '== PATH'")
        elif s == "-- relations":
            cur[4] = True
        elif s.startswith("@"):
            fail(f"{path}:{n}: '@' directives would put article text in the file; "
                 "use 'surface | id | N' (N-th occurrence) instead")
        else:
            (cur[3] if cur[4] else cur[2]).append((n, s))
    seen = Counter(a[0] for a in out)
    for p, c in seen.items():
        if c > 1:
            fail(f"{path}: article {p} is annotated {c} times")
    return [(a[0], a[1], a[2], a[3]) for a in out]


def occurrences(text, surface):
    """Start offsets of every whole-word occurrence of surface."""
    out = []
    i = make_gold.find(text, surface, 0)
    while i >= 0:
        out.append(i)
        i = make_gold.find(text, surface, i + 1)
    return out


def parse_mentions(where, text, lines):
    cursor = 0
    mentions = []
    for n, line in lines:
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            fail(f"{where}:{n}: expected 'surface | id' or 'surface | id | N': {line!r}")
        surface, entity = parts[0], parts[1]
        if len(parts) == 3:
            if not parts[2].isdigit() or int(parts[2]) < 1:
                fail(f"{where}:{n}: occurrence must be a number from 1: {line!r}")
            occ = occurrences(text, surface)
            k = int(parts[2])
            if k > len(occ):
                fail(f"{where}:{n}: {surface!r} occurs {len(occ)} times, not {k}")
            i = occ[k - 1]
            if i < cursor:
                fail(f"{where}:{n}: occurrence {k} of {surface!r} (offset {i}) is before "
                     f"the previous mention's end ({cursor}): list mentions in text order")
        else:
            i = make_gold.find(text, surface, cursor)
            if i < 0:
                fail(f"{where}:{n}: {surface!r} not found after offset {cursor}")
        prefix = entity.split(":")[0]
        if prefix not in make_gold.KIND or not make_gold.ID_RE.match(entity):
            fail(f"{where}:{n}: bad entity id {entity!r}")
        mentions.append({"start": i, "end": i + len(surface), "type": make_gold.KIND[prefix],
                         "entity": entity, "_line": n})
        cursor = i + len(surface)
    return mentions


def scope_id(position):
    scope = position.split("@", 1)[1] if "@" in position else None
    if not scope:
        return None
    return f"country:{scope}" if scope.isupper() else f"org:{scope}"


def parse_relations(where, lines, mentions):
    entities = {m["entity"] for m in mentions}
    rels = set()
    for n, line in lines:
        parts = line.split()
        if len(parts) != 4:
            fail(f"{where}:{n}: bad relation line {line!r}")
        kind, src, dst, modality = parts
        if kind not in RELATIONS or modality not in make_gold.MODALITIES:
            fail(f"{where}:{n}: bad relation {line!r}")
        for e in (src, dst):
            if e not in entities and not (e.startswith("position:") and kind in ("holds-position", "position-of")):
                fail(f"{where}:{n}: relation {line!r}: {e} is not mentioned")
        if src == dst:
            fail(f"{where}:{n}: source and target are the same: {line!r}")
        if kind in SYMMETRIC and dst < src:
            src, dst = dst, src
        if (src, kind, dst, modality) in rels:
            fail(f"{where}:{n}: listed twice: {line!r}")
        rels.add((src, kind, dst, modality))
    for (src, kind, dst, _) in list(rels):
        if kind == "holds-position":
            sid = scope_id(dst)
            if sid and sid in entities:
                rels.add((dst, "position-of", sid, "asserted"))
                # Who holds an office of an organization is a member of it (works for it).
                if sid.startswith("org:"):
                    rels.add((src, "member-of", sid, "asserted"))
    held = {r[2] for r in rels if r[1] == "holds-position"}
    for m in mentions:
        if m["type"] == "position" and m["entity"] not in held:
            fail(f"{where}:{m['_line']}: position {m['entity']} is mentioned but held by nobody")
    return [{"source": s, "type": k, "target": t, "modality": mo}
            for (s, k, t, mo) in sorted(rels, key=lambda r: (r[1], r[0], r[2], r[3]))]


def render(doc):
    head = {k: doc[k] for k in ("id", "path", "sha256")}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    lines.append('  "mentions": [')
    ms, rs = doc["mentions"], doc["relations"]
    lines += ["    " + json.dumps(m, ensure_ascii=False) + ("," if i + 1 < len(ms) else "") for i, m in enumerate(ms)]
    lines += ["  ],", '  "relations": [']
    lines += ["    " + json.dumps(r, ensure_ascii=False) + ("," if i + 1 < len(rs) else "") for i, r in enumerate(rs)]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def build(gold_dir, corpus):
    work = gold_dir / "annotations.txt"
    docs = []
    for path, _, mlines, rlines in read_work(work):
        where = f"{work}"
        src = corpus / path
        try:
            raw = src.read_bytes()
        except OSError as e:
            fail(f"{work}: article {path}: {e}")
        text = raw.decode("utf-8")
        mentions = parse_mentions(where, text, mlines)
        relations = parse_relations(where, rlines, mentions)
        mentions.sort(key=lambda m: (m["start"], m["end"]))
        for a, b in zip(mentions, mentions[1:]):
            if b["start"] < a["end"]:
                fail(f"{where}:{b['_line']}: mention overlaps the one before it")
        docs.append({"id": path, "path": path, "sha256": hashlib.sha256(raw).hexdigest(),
                     "mentions": mentions, "relations": relations, "_text": text})
    return docs


def public(m):
    return {k: v for k, v in m.items() if not k.startswith("_")}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    flags = {a for a in sys.argv[1:] if a.startswith("-")}
    if not args or len(args) > 2 or flags - {"--check", "--stats", "-q", "--quiet"}:
        fail("usage: bbc_gold.py [--check|--stats] DIR [CORPUS_ROOT]")
    gold_dir = Path(args[0])
    corpus = Path(args[1]) if len(args) > 1 else DEFAULT_CORPUS
    docs = build(gold_dir, corpus)
    stale = []
    wanted = set()
    for d in docs:
        out = gold_dir / (d["path"].replace("/", "__") + ".json")
        wanted.add(out.name)
        body = render({**d, "mentions": [public(m) for m in d["mentions"]]})
        if "--check" in flags:
            if not out.exists() or out.read_text(encoding="utf-8") != body:
                stale.append(out.name)
        elif "--stats" not in flags:
            out.write_text(body, encoding="utf-8")
    extra = sorted(p.name for p in gold_dir.glob("*.json") if p.name not in wanted)
    if extra:
        fail(f"{gold_dir}: gold files without annotations: {', '.join(extra)}")
    if stale:
        fail(f"stale gold files in {gold_dir} (run python3 scripts/bbc_gold.py {gold_dir}): "
             + ", ".join(stale))
    mentions = Counter(m["type"] for d in docs for m in d["mentions"])
    relations = Counter(r["type"] for d in docs for r in d["relations"])
    modalities = Counter(r["modality"] for d in docs for r in d["relations"])
    if not flags:
        for d in docs:
            text = d["_text"]
            print(f"== {d['path']}: {len(d['mentions'])} mentions, {len(d['relations'])} relations")
            for m in d["mentions"]:
                ctx = text[max(0, m["start"] - 30):m["end"] + 30].replace("\n", " ")
                print(f"  {m['start']:5}-{m['end']:<5} {text[m['start']:m['end']]!r:28} {m['entity']:45} …{ctx}…")
            covered = [{"start": m["start"], "end": m["end"]} for m in d["mentions"]]
            print("  not covered:", " ".join(make_gold.uncovered_capitals(text, covered, 0)))
            for r in d["relations"]:
                print(f"  {r['source']} -{r['type']}-> {r['target']} [{r['modality']}]")
    n_m = sum(mentions.values())
    n_r = sum(relations.values())
    print(f"{len(docs)} articles, {n_m} mentions, {n_r} relations")
    if "--stats" in flags:
        print("mentions: " + ", ".join(f"{k} {v}" for k, v in sorted(mentions.items())))
        print("relations: " + ", ".join(f"{k} {v}" for k, v in sorted(relations.items())))
        print("modalities: " + ", ".join(f"{k} {v}" for k, v in sorted(modalities.items())))


if __name__ == "__main__":
    main()
