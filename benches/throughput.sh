#!/usr/bin/env bash
# Throughput and peak memory of `extract` and `build` over a corpus (default: the 2,225
# BBC articles in ../shared), with two threads and with one, and a check that the output
# is byte-identical whatever the thread count; or, with --baseline, the same for two
# binaries side by side.
#
#   bash benches/throughput.sh [CORPUS]               # this checkout, 2 and 1 threads
#   bash benches/throughput.sh --rounds 3             # each measurement 3 times, medians
#   bash benches/throughput.sh --baseline OLD_BINARY  # old against new, 3 rounds, 2 threads
#
# Options:
#   --baseline PATH  also measure the binary at PATH (e.g. a copy of main's
#                    target/release/newsgraph made before a change), alternating old and
#                    new in every round (old first in odd rounds, new first in even ones,
#                    so that a drift of the machine's load falls on both), and compare their
#                    outputs with cmp: a speed change must not change a byte. Exits 1 when
#                    they differ.
#   --bin PATH       the new binary (default: this checkout, built with cargo build --release)
#   --rounds N       measurements of each (binary, command, threads); default 1, or 3 with
#                    --baseline. Medians are reported.
#   --threads LIST   comma-separated thread counts (RAYON_NUM_THREADS); default 2,1, or 2
#                    with --baseline
#   --only extract|build   one command instead of both
#   --quick N        only the first N input files (sorted by path), for a check that the
#                    script works; start-up then weighs far more than on a whole corpus
#   --results FILE   where the JSON summary goes (default target/bench/throughput.json)
#
# Figures per measurement (/usr/bin/time): wall seconds, MB/s (input bytes / wall), CPU
# seconds (user + sys), MB per CPU-second, peak RSS, and the 1-minute load average just
# before. On a shared machine wall times follow the load; MB per CPU-second is the steadier
# figure (it still rises a little when other processes take the caches). The parallel
# speedup is the median 1-thread wall time over the median 2-thread wall time, and only
# means something when the machine is quiet (load average below 1). For changes too small
# for any of this, use benches/callgrind.sh (counted instructions).
#
# Input bytes are those of the files `newsgraph extract DIR` reads (.txt, .text, .jsonl,
# .ndjson, .csv, not hidden): for the BBC folder that includes its README.TXT and
# duplicates.txt (4 KB of 5.05 MB), which newsgraph reads as two more articles.
#
# Writes: target/release (cargo build --release, unless --bin), the JSON summary, and
# nothing else in the repository (outputs go to a temporary directory, removed at the end).
# The JSON summary (python3 and benches/record.py write it), for scripts such as scripts/readme_figures.py; MB
# are 10^6 bytes:
#   {"bench": "throughput", "format": 1, "date": "...Z", "command": "bash benches/...",
#    "commit": "<git HEAD>", "dirty": bool (uncommitted changes under src/ or Cargo.*),
#    "nproc": 2, "busy": bool (a run started at a 1-minute load average >= 1),
#    "corpus": {"path", "quick" (0: all), "files", "bytes"}, "rounds": N,
#    "binaries": {"new": path, "old": path},
#    "runs": [{"bin": "new"|"old", "command": "extract"|"build", "threads", "round",
#              "wall_s", "cpu_s", "mb_s", "mb_cpu_s", "peak_rss_mb", "load"}, ...],
#    "medians": [{"bin", "command", "threads", "wall_s", "cpu_s", "mb_s", "mb_cpu_s",
#                 "peak_rss_mb", "load"}, ...]  (medians over the rounds),
#    "speedup": [{"bin", "command", "one_thread_wall_s", "two_threads_wall_s", "speedup"}],
#    "new_over_old": [{"command", "threads", "wall", "cpu"}],
#    "identical": bool (every output of a command byte-identical)}
# It is written also when outputs differ (then "identical" is false and the exit status 1).
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=
new=
rounds=
threads=
only="extract build"
corpus=../shared/corpora/news/bbc
results=target/bench/throughput.json
quick=0
command_line="bash benches/throughput.sh"
if [ $# -gt 0 ]; then command_line+=$(printf ' %q' "$@"); fi
while [ $# -gt 0 ]; do
    case $1 in
        --baseline) baseline=${2:?--baseline needs a binary}; shift 2 ;;
        --bin) new=${2:?--bin needs a binary}; shift 2 ;;
        --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
        --threads) threads=${2:?--threads needs a list}; shift 2 ;;
        --only) only=${2:?--only needs extract or build}; shift 2 ;;
        --results) results=${2:?--results needs a file}; shift 2 ;;
        --quick) quick=${2:?--quick needs a number}; shift 2 ;;
        -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) corpus=$1; shift ;;
    esac
done
[ -e "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
case $only in extract | build | "extract build") ;; *) echo "--only takes extract or build" >&2; exit 2 ;; esac
if [ -n "$baseline" ]; then
    [ -x "$baseline" ] || { echo "no executable at $baseline" >&2; exit 2; }
    baseline=$(realpath "$baseline")
fi
rounds=${rounds:-$([ -n "$baseline" ] && echo 3 || echo 1)}
threads=${threads:-$([ -n "$baseline" ] && echo 2 || echo 2,1)}
[[ $quick =~ ^[0-9]+$ ]] || { echo "--quick takes a number" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ && $threads =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] ||
    { echo "--rounds takes a number, --threads a list like 2,1" >&2; exit 2; }
if [ -z "$new" ]; then
    cargo build --release --locked -q
    new=target/release/newsgraph
fi
new=$(realpath "$new")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-throughput.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
input_files() {
    find "$@" -type f \( -iname '*.txt' -o -iname '*.text' -o -iname '*.jsonl' -o -iname '*.ndjson' \
        -o -iname '*.csv' \) ! -path '*/.*' -print0
}
input_files "$corpus" >"$tmp/files"
shown=$corpus
given=$corpus
if [ "$quick" -gt 0 ]; then # links to the first N files, under their relative paths
    corpus_abs=$(realpath "$corpus")
    mkdir "$tmp/subset"
    (cd "$corpus_abs" && input_files . | LC_ALL=C sort -z | head -z -n "$quick") |
        while IFS= read -r -d '' rel; do
            mkdir -p "$tmp/subset/$(dirname "$rel")"
            ln -s "$corpus_abs/$rel" "$tmp/subset/$rel"
        done
    corpus=$tmp/subset
    shown="$shown (first $quick files)"
    input_files -L "$corpus" >"$tmp/files"
fi
bytes=$(du -cbL --files0-from="$tmp/files" | tail -1 | cut -f1)
xargs -0 cat <"$tmp/files" >/dev/null # warm the page cache
echo "corpus: $shown, $(tr -cd '\0' <"$tmp/files" | wc -c) input files, $bytes bytes; $(nproc) CPUs; $(date -u '+%Y-%m-%d %H:%M UTC')"
labels=(new)
bins=("$new")
if [ -n "$baseline" ]; then
    labels=(old new)
    bins=("$baseline" "$new")
fi
for i in "${!bins[@]}"; do echo "${labels[$i]}: ${bins[$i]}"; done

# measure LABEL BIN COMMAND THREADS ROUND: one run, one row, its figures kept in $tmp/rows
# (label command threads round wall cpu rss-kB load).
measure() {
    local label=$1 bin=$2 command=$3 threads=$4 round=$5 out load
    out=$tmp/$label-$command-$threads-$round
    load=$(cut -d' ' -f1 /proc/loadavg)
    local args=(extract "$corpus" -q -o "$out")
    [ "$command" = build ] && args=(build "$corpus" -q --out "$out")
    if ! RAYON_NUM_THREADS=$threads /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
        "$bin" "${args[@]}" >/dev/null 2>"$tmp/stderr"; then
        echo "$label $command with $threads threads failed:" >&2
        cat "$tmp/stderr" >&2
        exit 1
    fi
    read -r wall user sys rss <"$tmp/time"
    echo "$label $command $threads $round $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss $load" >>"$tmp/rows"
    awk -v l="$label" -v c="$command" -v t="$threads" -v r="$round" -v b="$bytes" -v w="$wall" \
        -v u="$user" -v s="$sys" -v m="$rss" -v load="$load" 'BEGIN {
        cpu = u + s
        printf "%-4s %-8s %2s %3s %8.2f %8.3f %8.2f %9.3f %8.1f %6s\n",
            l, c, t, r, w, b / 1e6 / w, cpu, (cpu > 0 ? b / 1e6 / cpu : 0), m / 1024, load }'
    # the output that every other run of this command is compared with
    local result=$out
    [ "$command" = build ] && result=$out/graph.json
    local first=$tmp/first-$command
    if [ ! -e "$first" ]; then
        cp "$result" "$first"
        echo "$label/$threads/$round" >"$first.who"
    elif ! cmp -s "$first" "$result"; then
        echo "$command output of $label/$threads/$round differs from $(cat "$first.who")" >>"$tmp/differ"
    fi
    rm -rf "$out"
}

printf '%-4s %-8s %2s %3s %8s %8s %8s %9s %8s %6s\n' bin command th rnd "wall s" "MB/s" "CPU s" "MB/CPU-s" "RSS MB" load
IFS=, read -ra thread_list <<<"$threads"
for ((round = 1; round <= rounds; round++)); do
    order=("${!bins[@]}")
    ((round % 2 == 0)) && mapfile -t order < <(printf '%s\n' "${order[@]}" | sort -rn)
    for t in "${thread_list[@]}"; do
        for command in $only; do
            for i in "${order[@]}"; do
                measure "${labels[$i]}" "${bins[$i]}" "$command" "$t" "$round"
            done
        done
    done
done

echo
echo "medians over $rounds round(s):"
awk -v b="$bytes" '
function median(key,    n, i, j, v, x) {
    n = split(vals[key], v, " ")
    for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
{
    k = $1 " " $2 " " $3
    if (!(k in seen)) { seen[k] = 1; keys[++nk] = k }
    vals[k "|wall"] = vals[k "|wall"] " " $5; vals[k "|cpu"] = vals[k "|cpu"] " " $6
    vals[k "|rss"] = vals[k "|rss"] " " $7; vals[k "|load"] = vals[k "|load"] " " $8
}
END {
    for (i = 1; i <= nk; i++) {
        k = keys[i]; split(k, f, " ")
        w = median(k "|wall"); c = median(k "|cpu")
        wall[k] = w; cpu[k] = c
        printf "  %-4s %-8s %s thread%s: %7.2f s  %6.3f MB/s  %7.2f CPU s  %6.3f MB/CPU-s  peak RSS %.1f MB  (load %.2f)\n",
            f[1], f[2], f[3], f[3] == 1 ? " " : "s", w, b / 1e6 / w, c, b / 1e6 / c, median(k "|rss") / 1024, median(k "|load")
    }
    for (i = 1; i <= nk; i++) {
        split(keys[i], f, " ")
        one = f[1] " " f[2] " 1"
        if (f[3] == 2 && (one in wall))
            printf "  parallel speedup, %s %s: %.2f (1-thread wall / 2-thread wall; CPU %.2f s and %.2f s)\n",
                f[1], f[2], wall[one] / wall[keys[i]], cpu[one], cpu[keys[i]]
    }
    for (i = 1; i <= nk; i++) {
        split(keys[i], f, " ")
        o = "old " f[2] " " f[3]
        if (f[1] == "new" && (o in wall))
            printf "  new / old, %s with %s thread%s: wall %.3f, CPU %.3f (below 1: new is faster)\n",
                f[2], f[3], f[3] == 1 ? "" : "s", wall[keys[i]] / wall[o], cpu[keys[i]] / cpu[o]
    }
}' "$tmp/rows"

identical=true
[ -s "$tmp/differ" ] && identical=false
python3 - "$tmp/rows" "$results" "$command_line" "$given" "$quick" "$(tr -cd '\0' <"$tmp/files" | wc -c)" \
    "$bytes" "$rounds" "$identical" "$new" "$baseline" <<'EOF'
import os, statistics, sys

sys.path.insert(0, "benches")
sys.dont_write_bytecode = True  # no benches/__pycache__
import record

rows_file, results, command, corpus, quick, files, nbytes, rounds, identical, new, old = sys.argv[1:]
mb = int(nbytes) / 1e6


def figures(wall, cpu, rss_kb):
    return record.figures(mb, wall, cpu, rss_kb)


runs = []
with open(rows_file) as f:
    for line in f:
        b, c, t, r, wall, cpu, rss, load = line.split()
        runs.append({"bin": b, "command": c, "threads": int(t), "round": int(r),
                     **figures(float(wall), float(cpu), float(rss)), "load": float(load)})
medians = {}
for k in dict.fromkeys((r["bin"], r["command"], r["threads"]) for r in runs):
    rs = [r for r in runs if (r["bin"], r["command"], r["threads"]) == k]
    med = lambda x: statistics.median(r[x] for r in rs)
    medians[k] = {"bin": k[0], "command": k[1], "threads": k[2],
                  **figures(med("wall_s"), med("cpu_s"), med("peak_rss_mb") * 1024), "load": med("load")}
speedup = [{"bin": b, "command": c, "one_thread_wall_s": medians[(b, c, 1)]["wall_s"],
            "two_threads_wall_s": m["wall_s"], "speedup": round(medians[(b, c, 1)]["wall_s"] / m["wall_s"], 3)}
           for (b, c, t), m in medians.items() if t == 2 and (b, c, 1) in medians]
new_over_old = [{"command": c, "threads": t, "wall": round(m["wall_s"] / medians[("old", c, t)]["wall_s"], 4),
                 "cpu": round(m["cpu_s"] / medians[("old", c, t)]["cpu_s"], 4)}
                for (b, c, t), m in medians.items() if b == "new" and ("old", c, t) in medians]
record.write(results, {
    **record.header("throughput", command),
    "nproc": os.cpu_count(), "busy": any(r["load"] >= 1 for r in runs),
    "corpus": {"path": corpus, "quick": int(quick), "files": int(files), "bytes": int(nbytes)}, "rounds": int(rounds),
    "binaries": {"new": new, **({"old": old} if old else {})},
    "runs": runs, "medians": list(medians.values()), "speedup": speedup,
    "new_over_old": new_over_old, "identical": identical == "true"})
EOF

if [ -s "$tmp/differ" ]; then
    echo
    cat "$tmp/differ"
    exit 1
fi
what="every thread count"
[ -n "$baseline" ] && what="old and new, every thread count"
for command in $only; do
    echo "$command output byte-identical over $what and round ($([ "$command" = build ] && echo graph.json || echo JSON lines))"
done
