#!/usr/bin/env bash
# Counted instructions of `newsgraph extract` on a fixed subset, for changes too small to
# see in wall-clock time on a shared machine: valgrind --tool=callgrind counts every
# instruction executed (Ir), which does not depend on the machine's load.
#
#   bash benches/callgrind.sh                        # this checkout's release binary
#   bash benches/callgrind.sh --baseline OLD_BINARY  # old against new
#   bash benches/callgrind.sh --bin PATH --repeat 3  # a given binary, three times
#
# Options:
#   --baseline PATH  also run the binary at PATH (e.g. a copy of main's release binary made
#                    before a change): both totals, the change in percent, the functions
#                    whose own (self) count changed most, and cmp of the two outputs
#   --bin PATH       the binary to measure (default: this checkout, cargo build --release)
#   --repeat N       run each binary N times (default 2): the mean is reported, and the
#                    spread; a change smaller than the spreads is called noise
#   --top N          functions listed (default 15)
#   --keep DIR       keep the callgrind.out files there (for callgrind_annotate or kcachegrind)
#   --quick N        the first N politics articles instead of 100 (a quicker check)
#   --results FILE   where the JSON summary goes (default target/bench/callgrind.json)
#   CORPUS           a directory of articles instead of the default subset
#
# The subset: the first 100 articles of ../shared/corpora/news/bbc/politics (sorted by name,
# 247,507 bytes), or data/articles when ../shared is absent. One rayon thread
# (RAYON_NUM_THREADS=1): callgrind runs threads one at a time anyway, and one worker keeps
# the count free of work-stealing.
#
# The count is not quite the same from run to run: extract reads and writes on its main
# thread while the rayon worker tags and parses, and the order in which their allocations
# and frees meet changes glibc malloc's own work (malloc_consolidate, unlink_chunk); the
# rest is identical. Two runs of one binary differed by 4,700 to 845,000 Ir (up to 0.025%)
# on 2026-12-06 (also with --fair-sched=yes). Hence --repeat and the spread it prints. The count includes start-up (loading the built-in
# models and lexicon), which a small subset makes a larger share than on a full corpus: the
# start-up alone is printed too (extract over one empty-bodied article), so that a change
# to it can be told from a change to the per-article work.
#
# Printed: total Ir and Ir per input byte, then the top functions by inclusive cost (the
# function and everything it calls) and by self cost (callgrind_annotate).
#
# Writes: target/release (cargo build --release, unless --bin), the JSON summary, and
# nothing else in the repository (callgrind's files go to a temporary directory, removed at
# the end, unless --keep). The JSON summary (python3 and benches/record.py write it), for scripts such as
# scripts/readme_figures.py:
#   {"bench": "callgrind", "format": 1, "date": "...Z", "command": "bash benches/...",
#    "commit": "<git HEAD>", "dirty": bool (uncommitted changes under src/ or Cargo.*),
#    "valgrind": "3.x", "subset": {"what", "bytes"}, "repeat": N,
#    "binaries": {"new": {...}, "old": {...} (with --baseline)}, each {"path", "runs": [Ir,
#      ...], "mean_ir", "spread_ir", "startup_ir", "ir_per_byte", "rest_ir_per_byte"},
#    "new_over_old": {"total", "startup", "rest", "change_ir", "noise": bool} or null,
#    "top_self": [{"ir", "percent", "function"}, ...] (the last binary's run 1),
#    "identical": bool (old and new outputs) or null}
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=
bin=
repeat=2
top=15
keep=
corpus=
quick=100
results=target/bench/callgrind.json
command_line="bash benches/callgrind.sh"
if [ $# -gt 0 ]; then command_line+=$(printf ' %q' "$@"); fi
while [ $# -gt 0 ]; do
    case $1 in
        --baseline) baseline=${2:?--baseline needs a binary}; shift 2 ;;
        --bin) bin=${2:?--bin needs a binary}; shift 2 ;;
        --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
        --top) top=${2:?--top needs a number}; shift 2 ;;
        --keep) keep=${2:?--keep needs a directory}; shift 2 ;;
        --quick) quick=${2:?--quick needs a number}; shift 2 ;;
        --results) results=${2:?--results needs a file}; shift 2 ;;
        -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) corpus=$1; shift ;;
    esac
done
[[ $repeat =~ ^[1-9][0-9]*$ && $top =~ ^[1-9][0-9]*$ && $quick =~ ^[1-9][0-9]*$ ]] ||
    { echo "--repeat, --top and --quick take numbers" >&2; exit 2; }
if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
    echo "valgrind is not installed (apt-get install valgrind)" >&2
    exit 2
fi
if [ -z "$bin" ]; then
    cargo build --release --locked -q
    bin=target/release/newsgraph
fi
bin=$(realpath "$bin")
[ -z "$baseline" ] || baseline=$(realpath "$baseline")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-callgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -z "$corpus" ]; then
    politics=../shared/corpora/news/bbc/politics
    if [ -d "$politics" ]; then
        mkdir -p "$tmp/subset/politics"
        find "$politics" -maxdepth 1 -name '*.txt' | LC_ALL=C sort | awk -v n="$quick" 'NR <= n' |
            while IFS= read -r f; do ln -s "$(realpath "$f")" "$tmp/subset/politics/"; done
        corpus=$tmp/subset
        what="the first $quick BBC politics articles"
    else
        corpus=data/articles
        what="data/articles (../shared is absent)"
    fi
else
    what=$corpus
fi
[ -e "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
bytes=$(find -L "$corpus" -type f \( -iname '*.txt' -o -iname '*.text' -o -iname '*.jsonl' \
    -o -iname '*.ndjson' -o -iname '*.csv' \) ! -path '*/.*' -print0 | du -cbL --files0-from=- | tail -1 | cut -f1)
mkdir "$tmp/empty"
printf 'Start-up\n' >"$tmp/empty/empty.txt"
echo "subset: $what, $bytes bytes; valgrind $(valgrind --version | sed 's/valgrind-//'), one rayon thread"

# count LABEL BIN INPUT N: callgrind over `BIN extract INPUT` (run N); prints the total.
count() {
    local label=$1 b=$2 input=$3 out=$tmp/$1-$4
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out.cg" \
        "$b" extract "$input" -q -o "$out.jsonl" >/dev/null 2>"$out.log" ||
        { echo "$label: valgrind or extract failed:" >&2; tail -20 "$out.log" >&2; exit 1; }
    callgrind_annotate "$out.cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}

# inclusive FILE N: the top N functions of a callgrind.out file by inclusive cost, without
# the frames that hold everything (program and thread start, rayon's plumbing, closures'
# call_once shims). A function inlined into code of several source files is listed once
# per file (inclusive costs cannot be added up).
wrappers='^(\(below main\)|0x[0-9a-f]+|__libc_start_main.*|main|start_thread|clone3?|<?std::(rt|sys|thread|panicking|panic)::.*|<?rayon(_core)?::.*|core::ops::function::.*|<alloc::boxed::Box<F,A> as core::ops::function::.*)$'
inclusive() {
    callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$1" 2>/dev/null | awk -v n="$2" -v wrappers="$wrappers" '
        /file:function/ { on = 1; next }
        on && /^ *[0-9,]+ / && !/PROGRAM TOTALS/ {
            ir = $1
            match($0, /\( *[0-9.]+%\)/); pct = substr($0, RSTART, RLENGTH); gsub(/ /, "", pct)
            sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "")
            sub(/ \[[^]]*\]$/, "")           # the object file
            file = $0; sub(/:.*/, "", file); sub(/.*\//, "", file)
            sub(/^[^:]*:/, "")               # the source file, shown by its base name
            if ($0 ~ wrappers || k >= n) next  # (reads on: an early exit would end the pipe)
            f = file ": " $0
            if (length(f) > 110) f = substr(f, 1, 107) "..."
            printf "  %15s %8s  %s\n", ir, pct, f
            k++
        }'
}

# self_costs FILE: "Ir<TAB>function" per function, its own cost summed over the source files
# it was inlined from, largest first.
self_costs() {
    callgrind_annotate --inclusive=no --threshold=100 --auto=no "$1" 2>/dev/null | awk '
        /file:function/ { on = 1; next }
        on && /^ *[0-9,]+ / && !/PROGRAM TOTALS/ {
            ir = $1; gsub(",", "", ir)
            sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, ""); sub(/ \[[^]]*\]$/, ""); sub(/^[^:]*:/, "")
            cost[$0] += ir
        }
        END { for (f in cost) printf "%d\t%s\n", cost[f], f }' | sort -t$'\t' -k1,1nr
}

# An awk function: 1234567 -> 1,234,567.
commas='function commas(x,    s, neg) {
    neg = x < 0; s = sprintf("%d", neg ? -x : x)
    while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
    return (neg ? "-" : "") s
}'

# self FILE TOTAL N: the top N functions by self cost.
self() {
    self_costs "$1" | awk -F'\t' -v n="$3" -v t="$2" "$commas"'
        NR <= n { f = $2; if (length(f) > 100) f = substr(f, 1, 97) "..."
            printf "  %15s %7.2f%%  %s\n", commas($1), $1 * 100 / t, f }'
}

# group N: 1234567 -> 1,234,567 (the C locale's printf has no grouping)
group() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

labels=(new)
bins=("$bin")
if [ -n "$baseline" ]; then
    labels=(old new)
    bins=("$baseline" "$bin")
fi
declare -A total startup lo hi
for i in "${!bins[@]}"; do
    l=${labels[$i]}
    echo "$l: ${bins[$i]}"
    startup[$l]=$(count "$l-startup" "${bins[$i]}" "$tmp/empty" 1)
    sum=0
    for ((r = 1; r <= repeat; r++)); do
        t=$(count "$l" "${bins[$i]}" "$corpus" "$r")
        echo "  run $r: $(group "$t") Ir"
        echo "$t" >>"$tmp/$l.totals"
        sum=$((sum + t))
        [ "$r" = 1 ] && { lo[$l]=$t; hi[$l]=$t; }
        ((t < lo[$l])) && lo[$l]=$t
        ((t > hi[$l])) && hi[$l]=$t
    done
    total[$l]=$((sum / repeat))
    echo "  $([ "$repeat" -gt 1 ] && echo "mean of $repeat runs" || echo total): $(group "${total[$l]}") Ir," \
        "$(awk -v t="${total[$l]}" -v b="$bytes" 'BEGIN { printf "%.0f", t / b }') Ir per input byte;" \
        "start-up alone $(group "${startup[$l]}") Ir; the rest" \
        "$(awk -v t="${total[$l]}" -v s="${startup[$l]}" -v b="$bytes" 'BEGIN { printf "%.0f", (t - s) / b }') Ir per byte"
    if [ "$repeat" -gt 1 ]; then
        if [ "${lo[$l]}" = "${hi[$l]}" ]; then
            echo "  the $repeat runs give the same total"
        else
            echo "  the $repeat runs differ: spread $(group $((hi[$l] - lo[$l]))) Ir" \
                "($(awk -v a="${hi[$l]}" -v b="${lo[$l]}" -v m="${total[$l]}" 'BEGIN { printf "%.4f%%", (a - b) * 100 / m }') of the mean)"
        fi
    fi
done

last=${labels[-1]}
echo
echo "top $top by inclusive cost ($last, run 1):"
inclusive "$tmp/$last-1.cg" "$top"
echo
echo "top $top by self cost ($last, run 1; a function's cost summed over the files it was inlined from):"
self "$tmp/$last-1.cg" "${total[$last]}" "$top"

if [ -n "$baseline" ]; then
    echo
    awk -v o="${total[old]}" -v n="${total[new]}" -v so="${startup[old]}" -v sn="${startup[new]}" \
        -v spread=$((hi[old] - lo[old] + hi[new] - lo[new])) -v repeat="$repeat" 'BEGIN {
        d = n - o
        printf "new / old: total %.5f (%+.3f%%), start-up %.5f, the rest %.5f\n",
            n / o, d * 100 / o, sn / so, (n - sn) / (o - so)
        if (repeat < 2)
            print "(one run each: run with --repeat 2 or more to see the run-to-run spread)"
        else if ((d < 0 ? -d : d) > spread)
            printf "the change (%+d Ir) is larger than the two run-to-run spreads together (%d Ir)\n", d, spread
        else
            printf "the change (%+d Ir) is within the run-to-run spread (%d Ir): noise\n", d, spread
    }'
    echo "self cost changes, largest first (new - old):"
    self_costs "$tmp/old-1.cg" >"$tmp/old.self"
    self_costs "$tmp/new-1.cg" >"$tmp/new.self"
    awk -F'\t' -v n="$top" '
        FNR == NR { old[$2] += $1; names[$2] = 1; next }
        { new[$2] += $1; names[$2] = 1 }
        END {
            for (f in names) { d = new[f] - old[f]; if (d != 0) printf "%d\t%d\t%d\t%s\n", (d < 0 ? -d : d), d, old[f], f }
        }' "$tmp/old.self" "$tmp/new.self" | sort -t$'\t' -k1,1nr |
        awk -F'\t' -v n="$top" "$commas"'
            NR <= n { f = $4; if (length(f) > 90) f = substr(f, 1, 87) "..."
                printf "  %15s  (old %15s)  %s\n", ($2 > 0 ? "+" : "") commas($2), commas($3), f }'
    if cmp -s "$tmp/old-1.jsonl" "$tmp/new-1.jsonl"; then
        echo "outputs of old and new: byte-identical"
        identical=true
    else
        identical=false
        echo "outputs of old and new DIFFER (cmp $tmp/old-1.jsonl $tmp/new-1.jsonl)"
        status=1
    fi
fi

self_costs "$tmp/$last-1.cg" | awk -v n="$top" 'NR <= n' >"$tmp/top.self" # (no head: SIGPIPE)
python3 - "$results" "$command_line" "$what" "$bytes" "$repeat" "$tmp" "$bin" "$baseline" \
    "${startup[new]}" "${startup[old]:-}" "${identical:-}" "$(valgrind --version | sed 's/valgrind-//')" <<'EOF'
import os, sys

sys.path.insert(0, "benches")
sys.dont_write_bytecode = True  # no benches/__pycache__
import record

(results, command, what, nbytes, repeat, tmp, new, old, startup_new, startup_old, identical,
 valgrind) = sys.argv[1:]
nbytes = int(nbytes)


def binary(label, path, startup):
    with open(os.path.join(tmp, f"{label}.totals")) as f:
        runs = [int(x) for x in f.read().split()]
    mean = sum(runs) // len(runs)
    return {"path": path, "runs": runs, "mean_ir": mean, "spread_ir": max(runs) - min(runs),
            "startup_ir": startup, "ir_per_byte": round(mean / nbytes, 1),
            "rest_ir_per_byte": round((mean - startup) / nbytes, 1)}


binaries = {"new": binary("new", new, int(startup_new))}
change = None
if old:
    binaries["old"] = binary("old", old, int(startup_old))
    o, n = binaries["old"], binaries["new"]
    d = n["mean_ir"] - o["mean_ir"]
    change = {"total": round(n["mean_ir"] / o["mean_ir"], 6),
              "startup": round(n["startup_ir"] / o["startup_ir"], 6),
              "rest": round((n["mean_ir"] - n["startup_ir"]) / (o["mean_ir"] - o["startup_ir"]), 6),
              "change_ir": d, "noise": int(repeat) < 2 or abs(d) <= o["spread_ir"] + n["spread_ir"]}
last = binaries["new"]["mean_ir"]
top = []
with open(os.path.join(tmp, "top.self")) as f:
    for line in f:
        ir, fn = line.rstrip("\n").split("\t", 1)
        top.append({"ir": int(ir), "percent": round(int(ir) * 100 / last, 2), "function": fn})
record.write(results, {
    **record.header("callgrind", command),
    "valgrind": valgrind, "subset": {"what": what, "bytes": nbytes}, "repeat": int(repeat),
    "binaries": binaries, "new_over_old": change, "top_self": top,
    "identical": None if not identical else identical == "true"})
EOF
if [ -n "$keep" ]; then
    mkdir -p "$keep"
    cp "$tmp"/*.cg "$keep/"
    echo "callgrind.out files kept in $keep"
fi
exit "${status:-0}"
