#!/usr/bin/env bash
# Throughput and peak memory of `extract` and `build` over a corpus (default: the 2,225
# BBC articles in ../shared), with both cores and with one; checks that the output is
# byte-identical whatever the thread count. Prints MB/s and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/news/bbc}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
cargo build --release --locked -q
bin=target/release/newsgraph
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bytes=$(find "$corpus" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $corpus, $(find "$corpus" -name '*.txt' | wc -l) .txt files, $bytes bytes"

measure() { # label, threads, command...
    local label=$1 threads=$2; shift 2
    RAYON_NUM_THREADS=$threads /usr/bin/time -v "$@" 2>"$tmp/time" >/dev/null || true
    local secs rss
    secs=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time")
    awk -v l="$label" -v t="$threads" -v b="$bytes" -v s="$secs" -v r="$rss" \
        'BEGIN { printf "%-8s threads=%s  %6.2f s  %6.2f MB/s  peak RSS %.1f MB\n", l, t, s, b/1e6/s, r/1024 }'
}

for threads in 2 1; do
    measure extract "$threads" "$bin" extract "$corpus" -q -o "$tmp/extract-$threads.jsonl"
    measure build "$threads" "$bin" build "$corpus" -q --out "$tmp/graph-$threads"
done
cmp -s "$tmp/extract-1.jsonl" "$tmp/extract-2.jsonl" && echo "extract output identical with 1 and 2 threads"
cmp -s "$tmp/graph-1/graph.json" "$tmp/graph-2/graph.json" && echo "graph.json identical with 1 and 2 threads"
