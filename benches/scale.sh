#!/usr/bin/env bash
# Scale benchmark (issue 12): a synthetic corpus of N copies of the BBC corpus
# (../shared/corpora/news/bbc: 2,225 .txt articles, 5.04 MB of text), each copy with its
# own ids (c000/business/001.txt, c001/business/001.txt, ...), as JSON Lines {id, title,
# text} in a temporary directory (nothing is committed; all of it is deleted at the end).
# For each N it reports wall time, MB/s of article text, CPU time and peak RSS
# (/usr/bin/time -v) of
#   build            newsgraph build corpus.jsonl
#   extract | merge  newsgraph extract corpus.jsonl | newsgraph merge -   (both at once;
#                    peak RSS is given for each process)
# and checks that both write the same graph.json byte for byte. At N = UPDATE_AT (default
# 20, empty for none) it also times a day's update: the graph of that corpus plus ~1 MB of
# new articles (440 BBC articles under new ids), `build new.jsonl --update graph.json`
# against a full rebuild of corpus + new, and checks they are equal, and the peak RSS of
# `export graph.json --format json` (the saved graph read back and written again).
#
#   bash benches/scale.sh            # N = 1 20 200 (200 copies: 1.0 GB of text)
#   bash benches/scale.sh 1 20       # chosen N
#   NEWSGRAPH=/path/to/newsgraph bash benches/scale.sh 20   # another binary (no cargo build)
#   bash benches/scale.sh --results benches/results/scale.json 1 20 200
#                                    # also write the rows as JSON (README's Scale table is
#                                    # generated from that file by scripts/readme_figures.py)
#
# The machine's load average is printed with each row: on a shared machine wall times
# are noisy; CPU seconds are the steadier figure. CONCURRENT=1 runs build and
# extract | merge at the same time (wall times then share the cores; CPU seconds and
# peak RSS are each process's own), to halve the wait on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bbc=${BBC:-../shared/corpora/news/bbc}
[ -d "$bbc/politics" ] || { echo "no BBC corpus at $bbc" >&2; exit 2; }
results=
if [ "${1:-}" = --results ]; then
    [ $# -ge 2 ] || { echo "--results needs a file" >&2; exit 2; }
    results=$2
    shift 2
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 20 200)
update_at=${UPDATE_AT-20}
if [ -n "${NEWSGRAPH:-}" ]; then
    bin=$NEWSGRAPH
else
    cargo build --release --locked -q
    bin=$PWD/target/release/newsgraph
fi
# The commit measured: taken now, as later commits may land while a long run goes on.
commit=$(git rev-parse HEAD)
dirty=$(git status --porcelain --untracked-files=no | head -1)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# corpus N FILE [PREFIX FIRST]: N copies of the BBC articles as JSON Lines (or, with
# PREFIX, the first FIRST articles once under ids PREFIX/...). Titles as build gives a
# text file's: its first non-blank line.
corpus() {
    python3 - "$bbc" "$@" <<'EOF'
import json, os, sys
root, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
prefix, first = (sys.argv[4], int(sys.argv[5])) if len(sys.argv) > 5 else (None, None)
files = []
for cat in sorted(os.listdir(root)):
    d = os.path.join(root, cat)
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            if f.endswith(".txt"):
                with open(os.path.join(d, f), "rb") as fh:
                    files.append((f"{cat}/{f}", fh.read().decode("utf-8", "replace")))
if first:
    files = files[:first]
with open(out, "w", encoding="utf-8") as w:
    for k in range(n):
        for rel, text in files:
            title = next((l.strip() for l in text.splitlines() if l.strip()), None)
            rid = f"{prefix}/{rel}" if prefix else f"c{k:03d}/{rel}"
            w.write(json.dumps({"id": rid, "title": title, "text": text}, ensure_ascii=False) + "\n")
EOF
}

text_bytes=$(cat "$bbc"/*/*.txt | wc -c)
secs() { awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }
cpu() { awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$1"; }
load() { cut -d' ' -f1 /proc/loadavg; }
row() { # N, step, MB, seconds, cpu, rss text[, articles, graph.json bytes]
    local l
    l=$(load)
    awk -v n="$1" -v step="$2" -v mb="$3" -v s="$4" -v c="$5" -v r="$6" -v l="$l" \
        'BEGIN { printf "N=%-4s %-16s %8.1f MB %8.1f s %7.2f MB/s  cpu %7.1f s  peak RSS %s  (load %s)\n", n, step, mb, s, mb/s, c, r, l }'
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$l" "${7:-}" "${8:-}" >>"$tmp/rows.tsv"
}
same() { # what, a, b
    if cmp -s "$2" "$3"; then
        echo "        $1: graph.json identical"
    else
        echo "FAILED: $1: graph.json differs ($2 vs $3)" >&2
        "$bin" diff "$2" "$3" | head -20 >&2
        exit 1
    fi
}

echo "BBC corpus: $bbc, $text_bytes bytes of text per copy; $(nproc) cores; load $(cat /proc/loadavg)"
for n in "${sizes[@]}"; do
    corpus "$n" "$tmp/corpus.jsonl"
    mb=$(awk -v b="$text_bytes" -v n="$n" 'BEGIN { print b * n / 1e6 }')
    echo "N=$n: $(wc -l <"$tmp/corpus.jsonl") articles, corpus.jsonl $(($(stat -c %s "$tmp/corpus.jsonl") / 1000000)) MB"

    /usr/bin/time -v -o "$tmp/build.time" \
        "$bin" build "$tmp/corpus.jsonl" -q --no-progress --formats json --out "$tmp/build" &
    build_pid=$!
    [ "${CONCURRENT:-0}" = 1 ] || { wait $build_pid; build_pid=; }

    started=$(date +%s.%N)
    /usr/bin/time -v -o "$tmp/extract.time" \
        "$bin" extract "$tmp/corpus.jsonl" -q --no-progress |
        /usr/bin/time -v -o "$tmp/merge.time" \
            "$bin" merge - -q --formats json --out "$tmp/merge"
    wall=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    [ -z "$build_pid" ] || wait $build_pid
    articles=$(wc -l <"$tmp/corpus.jsonl")
    row "$n" build "$mb" "$(secs "$tmp/build.time")" "$(cpu "$tmp/build.time")" "$(rss "$tmp/build.time") MB" \
        "$articles" "$(stat -c %s "$tmp/build/graph.json")"
    both=$(awk -v a="$(cpu "$tmp/extract.time")" -v b="$(cpu "$tmp/merge.time")" 'BEGIN { print a + b }')
    row "$n" "extract | merge" "$mb" "$wall" "$both" \
        "extract $(rss "$tmp/extract.time") MB + merge $(rss "$tmp/merge.time") MB" \
        "$articles" "$(stat -c %s "$tmp/merge/graph.json")"
    # The article list: the lines from `"articles": [` to `"nodes": [`.
    list=$(awk '/^  "articles": \[/ {on=1} /^  "nodes": \[/ {on=0} on {n += length($0) + 1} END {print int(n / 1000)}' "$tmp/build/graph.json")
    echo "        of which merge: cpu $(cpu "$tmp/merge.time") s; graph.json $(($(stat -c %s "$tmp/build/graph.json") / 1000)) kB, of which the article list $list kB"
    same "extract | merge vs build" "$tmp/build/graph.json" "$tmp/merge/graph.json"

    if [ "$n" = "$update_at" ]; then
        corpus 1 "$tmp/new.jsonl" new 440
        new_mb=$(awk -v b="$(stat -c %s "$tmp/new.jsonl")" 'BEGIN { print b / 1e6 }')
        echo "update: $(wc -l <"$tmp/new.jsonl") new articles, new.jsonl $new_mb MB"
        cp -r "$tmp/build" "$tmp/updated"
        /usr/bin/time -v -o "$tmp/update.time" \
            "$bin" build "$tmp/new.jsonl" -q --no-progress --formats json \
            --update "$tmp/updated/graph.json" --out "$tmp/updated"
        row "$n" "build --update" "$new_mb" "$(secs "$tmp/update.time")" "$(cpu "$tmp/update.time")" "$(rss "$tmp/update.time") MB"
        /usr/bin/time -v -o "$tmp/rebuild.time" \
            "$bin" build "$tmp/corpus.jsonl" "$tmp/new.jsonl" -q --no-progress --formats json --out "$tmp/rebuild"
        row "$n" "full rebuild" "$(awk -v a="$mb" -v b="$new_mb" 'BEGIN { print a + b }')" \
            "$(secs "$tmp/rebuild.time")" "$(cpu "$tmp/rebuild.time")" "$(rss "$tmp/rebuild.time") MB"
        same "update vs rebuild" "$tmp/rebuild/graph.json" "$tmp/updated/graph.json"
        /usr/bin/time -v -o "$tmp/export.time" \
            "$bin" export "$tmp/build/graph.json" --format json --out "$tmp/export.json"
        echo "N=$n   export --format json: cpu $(cpu "$tmp/export.time") s  peak RSS $(rss "$tmp/export.time") MB  (load $(load))"
        same "export --format json vs build" "$tmp/build/graph.json" "$tmp/export.json"
        rm -f "$tmp/export.json"
        rm -rf "$tmp/updated" "$tmp/rebuild" "$tmp/new.jsonl"
    fi
    rm -rf "$tmp/corpus.jsonl" "$tmp/build" "$tmp/merge"
    # After each N, so that a run stopped during a long N keeps the rows of those done.
    [ -z "$results" ] || python3 benches/scale_json.py "$tmp/rows.tsv" "$results" \
        "$text_bytes" "$commit" "$dirty" "${sizes[*]}"
done
