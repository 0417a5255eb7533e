#!/usr/bin/env python3
"""Write the figures of README.md that commands give, so that they cannot drift.

Each generated part of README.md sits between `<!-- figures:NAME -->` and
`<!-- /figures:NAME -->` and is rewritten from the output of the commands it shows:

- accuracy: the accuracy table, from `newsgraph eval --gold data/gold data/articles`; its
  CoNLL-2003 rows come from `newsgraph eval --conll ../shared/.../valid.txt` and are
  rewritten only with --shared (the corpus is not in the repository); without it they are
  kept as they stand;
- heldout: the held-out paragraph, from `newsgraph eval --gold data/heldout/gold
  data/heldout/articles`;
- bench, scale: the benchmark tables, from the result files under benches/results/ that
  the bench scripts write with `--results` (committed with the run's date, commit and load);
- session: the "short session" (build, who-met, relations, an ambiguous name), from the
  commands it shows, run on data/articles; the seconds of the summary line vary from run
  to run and are not compared.

Usage: python3 scripts/readme_figures.py [--check] [--shared] [--bin PATH]
  --check   exit 1, naming the parts, when README.md differs from what would be written
  --shared  also the figures that need ../shared (scripts/shared-checks.sh passes it)
  --bin     the newsgraph binary (default: target/release/newsgraph)
"""

import json
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CONLL_DEV = ROOT.parent / "shared" / "corpora" / "conll2003" / "valid.txt"
GOLD_CMD = "`newsgraph eval --gold data/gold data/articles`"
CONLL_CMD = "`newsgraph eval --conll ../shared/corpora/conll2003/valid.txt`"
SECONDS = re.compile(r" in [0-9]+\.[0-9]+ s$", re.M)


def run(binary, *args, ok=(0,)):
    p = subprocess.run([str(binary), *map(str, args)], cwd=ROOT, capture_output=True,
                       text=True)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(map(str, args))}: exit {p.returncode}\n{p.stderr}")
    return p


def eval_rows(text):
    """`name -> (gold, pred, match, P, R, F1)` from the table `eval --gold` prints."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)$",
                     line)
        if m:
            rows[m.group(1)] = m.groups()[1:]
    return rows


def gold_eval(binary, gold, articles):
    p = run(binary, "eval", "--gold", gold, articles)
    rows = eval_rows(p.stdout)
    articles_scored = re.search(r"articles scored: (\d+)", p.stdout).group(1)
    return rows, articles_scored


def prf(row):
    return " | ".join(row[3:6])


def accuracy_block(binary, shared, old_block):
    rows, n = gold_eval(binary, "data/gold", "data/articles")
    m, e, ent = rows["mentions (span + type)"], rows["mentions (span + type + entity)"], \
        rows["entities per article"]
    r, r_any = rows["relations"], rows["relations (any modality)"]
    lines = [
        "| what | command | P | R | F1 |",
        "|---|---|---|---|---|",
        f"| mentions, exact span + type ({n} gold articles, {m[0]} mentions) | {GOLD_CMD} | {prf(m)} |",
        f"| mentions, span + type + entity id | same | {prf(e)} |",
        f"| entities per article | same | {prf(ent)} |",
        f"| relations (source, type, target, modality; {r[0]}) | same | {prf(r)} |",
        f"| relations, modality ignored | same | {prf(r_any)} |",
    ]
    if shared:
        lines += conll_rows(binary)
    else:
        lines += [l for l in old_block.splitlines() if "CoNLL-2003" in l or l.startswith("| tagger")]
    return "\n".join(lines)


def conll_rows(binary):
    if not CONLL_DEV.is_file():
        sys.exit(f"--shared: {CONLL_DEV} is missing")
    out = run(binary, "eval", "--conll", CONLL_DEV).stdout
    cells = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("PER+ORG+LOC", "all"):
            cells[parts[0]] = " | ".join(three_places(x) for x in parts[4:7])
    return [
        f"| tagger, CoNLL-2003 dev, PER/ORG/LOC | {CONLL_CMD} | {cells['PER+ORG+LOC']} |",
        f"| tagger, CoNLL-2003 dev, with MISC | same | {cells['all']} |",
    ]


def three_places(x):
    """`0.9255` -> `0.926`: half up, as a reader rounds, from the printed decimals."""
    return str(Decimal(x).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def heldout_block(binary):
    rows, n = gold_eval(binary, "data/heldout/gold", "data/heldout/articles")
    m, r = rows["mentions (span + type)"], rows["relations"]
    return (
        f"Held out (`data/heldout`: {n} stories written after the rules and never used to tune them,\n"
        f"{m[0]} mentions, {r[0]} relations; `newsgraph eval --gold data/heldout/gold data/heldout/articles`):\n"
        f"mentions P {m[3]} R {m[4]} F1 **{m[5]}**; relations P {r[3]} R {r[4]} F1 **{r[5]}**. That is\n"
        "the honest figure for unseen text: relation recall is the weak point."
    )


def session_block(binary):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build = run(binary, "build", "data/articles", "--out", out, "--no-progress")
        graph = out / "graph.json"
        who_met = run(binary, "query", graph, "who-met").stdout.splitlines()
        demands = run(binary, "query", graph, "relations", "--type", "demands", "--source",
                      "russia").stdout.rstrip("\n")
        moscow = run(binary, "query", graph, "relations", "--source", "moscow", ok=(2,))
    return "\n".join([
        "```",
        "$ newsgraph build data/articles --out out",
        build.stderr.rstrip("\n"),
        "",
        "$ newsgraph query out/graph.json who-met",
        *who_met[:4],
        "...",
        "",
        "$ newsgraph query out/graph.json relations --type demands --source russia",
        demands,
        "",
        "$ newsgraph query out/graph.json relations --source moscow",
        moscow.stderr.rstrip("\n"),
        "",
        "$ newsgraph query out/graph.json entity putin          # profile: aliases, positions, relations, articles",
        "$ newsgraph query out/graph.json evidence sherman ryabkov --format json",
        "$ newsgraph query out/graph.json top --by pagerank --type person",
        "",
        "$ newsgraph export out/graph.json --format gexf --out out/for-gephi.gexf --min-weight 2",
        "$ newsgraph export out/graph.json --out out/graph.html   # open it in a browser, offline",
        "$ dot -Tsvg out/graph.dot -o out/graph.svg",
        "",
        "$ newsgraph build data/articles --out out2 -q && newsgraph diff out/graph.json out2/graph.json",
        "graphs are equal                                  # exit 0; 1 when they differ, 2 on error",
        "```",
    ])


def bench_block():
    """The benchmark table, from the result files the bench scripts wrote and that were
    committed under benches/results/ (the figures of the last committed run, with the
    machine's load at the time: a busy machine's wall times are several times an idle
    one's, so CPU time is shown beside them)."""
    res = ROOT / "benches" / "results"
    def load(name):
        f = res / f"{name}.json"
        return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None
    lines = ["| what | command | figure (2-core machine) | when, load |", "|---|---|---|---|"]
    t = load("throughput")
    if t:
        mb = t["corpus"]["bytes"] / 1e6
        for m in t["medians"]:
            if m.get("bin") != "new":
                continue
            lines.append(
                f"| `{m['command']}` over {t['corpus']['files']:,} BBC files ({mb:.2f} MB), "
                f"{m['threads']} thread{'s' if m['threads'] > 1 else ''} | `{t['command']}` | "
                f"{m['mb_s']:.2f} MB/s wall, {m['mb_cpu_s']:.2f} MB per CPU-second, "
                f"peak RSS {m['peak_rss_mb']:.0f} MB | {t['date'][:10]}, load {m['load']:.1f} |")
    p = load("peer")
    if p:
        n, f, r = p["newsgraph"], p["spacy_full"], p["ratio"]
        load1 = max(x["load_before"][0] for x in p["runs"]) if p.get("runs") else float("nan")
        lines.append(
            f"| spaCy {f['spacy']} ({f['model']}, {', '.join(f['pipeline'])}; {f['procs']} processes) "
            f"against `newsgraph extract` ({n['threads']} threads), same {p['corpus']['articles']:,} articles | "
            f"`{p['command']}` | spaCy {f['words_s']:,.0f} words/s, {f['mb_cpu_s']:.3f} MB per CPU-s; "
            f"newsgraph {n['mb_cpu_s']:.2f} MB per CPU-s: **{r['full_wall']:.1f}x** spaCy by wall time, "
            f"{r['full_cpu']:.1f}x by CPU time (spaCy NER alone: {r['ner_wall']:.1f}x) | {p['date'][:10]}, load up to {load1:.1f} |")
    c = load("callgrind")
    if c:
        b = c["binaries"]["new"]
        lines.append(
            f"| counted instructions (valgrind), {c['subset']['what']} ({c['subset']['bytes']:,} bytes) | "
            f"`{c['command']}` | {b['mean_ir'] / 1e9:.2f} G in all, start-up {b['startup_ir'] / 1e9:.2f} G, "
            f"{b['rest_ir_per_byte']:,.0f} per input byte after start-up | {c['date'][:10]}, independent of load |")
    return "\n".join(lines)


def scale_block():
    """The Scale table and what it shows, from benches/results/scale.json (written by
    `bash benches/scale.sh --results ...`)."""
    f = ROOT / "benches" / "results" / "scale.json"
    if not f.is_file():
        return "(no scale run committed: `bash benches/scale.sh --results benches/results/scale.json`)"
    s = json.loads(f.read_text(encoding="utf-8"))
    rows = s["rows"]
    loads = [r["load"] for r in rows]
    lines = [
        f"Measured with `{'CONCURRENT=1 ' if s.get('concurrent') else ''}{s['command']}`"
        + (" (build and `extract | merge` at the same time)" if s.get("concurrent") else "")
        + f" on {s['date'][:10]}, commit {s['commit'][:7]}, {s['nproc']} cores, load average "
        f"{min(loads):.1f} to {max(loads):.1f} (other jobs shared the machine: wall times are "
        "several times an idle machine's; CPU seconds are the steadier figure; MB of RSS are MiB "
        "as `/usr/bin/time` gives them).",
    ]
    missing = [n for n in s.get("sizes_asked", []) if n not in s.get("sizes_done", [])]
    if missing:
        lines.append(f"The run was stopped before N = {', '.join(map(str, missing))} finished: "
                     "no row for it.")
    lines += [
        "",
        "| N | text | articles | command | wall | CPU | MB per CPU-s | peak RSS | graph.json |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        r = dict(r, step=r["step"].replace("|", "\\|"))
        rss = " + ".join(f"{x:.0f}" for x in r["peak_rss_mb"]) + " MB"
        graph = f"{r['graph_json_bytes'] / 1e6:.1f} MB" if r.get("graph_json_bytes") else ""
        arts = f"{r['articles']:,}" if r.get("articles") else ""
        lines.append(
            f"| {r['n']} | {r['mb']:,.1f} MB | {arts} | `{r['step']}` | {r['wall_s']:,.1f} s | "
            f"{r['cpu_s']:,.1f} s | {r['mb'] / r['cpu_s']:.2f} | {rss} | {graph} |")
    by = {(r["n"], r["step"]): r for r in rows}
    notes = []
    ns = sorted({r["n"] for r in rows})
    if 20 in ns and max(ns) > 20:
        big = max(ns)
        for step in ("build", "extract | merge"):
            a, b = by.get((20, step)), by.get((big, step))
            if a and b:
                ratio = max(b["peak_rss_mb"]) / max(a["peak_rss_mb"])
                notes.append(f"- **Memory**, {step}: peak RSS at N = {big} is {ratio:.2f} times "
                             f"that at N = 20 (largest process: {max(b['peak_rss_mb']):.0f} against "
                             f"{max(a['peak_rss_mb']):.0f} MB).")
        b = by.get((big, "build"))
        if b:
            notes.append(f"- **Time**: `build` of the {b['mb']:,.0f} MB corpus took {b['wall_s']:,.0f} s "
                         f"wall and {b['cpu_s']:,.0f} CPU seconds ({b['mb'] / b['cpu_s']:.2f} MB per "
                         f"CPU-second); with both cores free that is about {b['cpu_s'] / 2:,.0f} s.")
    up = next((r for r in rows if r["step"] == "build --update"), None)
    full = next((r for r in rows if r["step"] == "full rebuild"), None)
    if up and full:
        notes.append(f"- **A day's update** (N = {up['n']} graph + {up['mb']:.1f} MB of new articles): "
                     f"`build --update` {up['cpu_s']:.1f} CPU seconds against {full['cpu_s']:.1f} for "
                     f"the full rebuild ({100 * up['cpu_s'] / full['cpu_s']:.1f}%), the same graph.json.")
    return "\n".join(lines + ([""] + notes if notes else []))


def blocks(text):
    """name -> (start, end) of the text between each pair of markers."""
    found = {}
    for m in re.finditer(r"<!-- figures:(\w+) -->\n(.*?)\n<!-- /figures:\1 -->", text, re.S):
        found[m.group(1)] = (m.start(2), m.end(2))
    return found


def main():
    args = sys.argv[1:]
    check, shared = "--check" in args, "--shared" in args
    binary = Path(args[args.index("--bin") + 1]) if "--bin" in args else \
        ROOT / "target" / "release" / "newsgraph"
    if not binary.is_file():
        sys.exit(f"{binary}: no such binary (cargo build --release)")
    text = README.read_text(encoding="utf-8")
    spans = blocks(text)
    missing = {"accuracy", "heldout", "session"} - set(spans)
    if missing:
        sys.exit(f"README.md lacks the markers of {sorted(missing)}")
    old = {name: text[a:b] for name, (a, b) in spans.items()}
    new = {
        "accuracy": accuracy_block(binary, shared, old["accuracy"]),
        "heldout": heldout_block(binary),
        "session": session_block(binary),
    }
    if "bench" in spans:
        new["bench"] = bench_block()
    if "scale" in spans:
        new["scale"] = scale_block()
    if check:
        same = lambda a, b: SECONDS.sub(" in S s", a) == SECONDS.sub(" in S s", b)
        stale = [n for n in new if not same(old[n], new[n])]
        if stale:
            for n in stale:
                print(f"--- README.md, figures:{n}\n{old[n]}\n+++ now\n{new[n]}\n", file=sys.stderr)
            sys.exit(f"README.md figures out of date: {', '.join(stale)} "
                     "(run python3 scripts/readme_figures.py)")
        print("README.md figures are up to date" + (" (with ../shared)" if shared else ""))
        return
    for name in sorted(spans, key=lambda n: spans[n][0], reverse=True):
        a, b = spans[name]
        text = text[:a] + new[name] + text[b:]
    README.write_text(text, encoding="utf-8")
    print("README.md figures written")


if __name__ == "__main__":
    main()
