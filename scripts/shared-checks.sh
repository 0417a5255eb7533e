#!/usr/bin/env bash
# Checks that need the corpora in ../shared (not redistributable, so not in the repo):
# - the committed tagger model on the CoNLL-2003 dev split, against a floor set just
#   under today's score, so a change that costs accuracy cannot land unseen;
# - the committed syntax model on UD English EWT dev, against a LAS floor just under
#   today's score;
# - a build over the 417 BBC politics articles finishes without error, and the Spark
#   job (--master local[2]) over them writes the same graph.json;
# - merge equals build on the whole BBC corpus split in 7 uneven parts.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
bin=target/release/newsgraph
cargo build --release --locked -q

if [ -f "$shared/corpora/conll2003/valid.txt" ]; then
    echo "-- CoNLL-2003 dev (PER/ORG/LOC F1 floor: ${CONLL_MIN_F1:=0.925})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --min-f1 "$CONLL_MIN_F1"
    echo "-- CoNLL-2003 dev, whole recognizer (PER/ORG/LOC F1 floor: ${CONLL_PIPELINE_MIN_F1:=0.91})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --pipeline --min-f1 "$CONLL_PIPELINE_MIN_F1" >/dev/null
fi

ewt_dev="$shared/corpora/ud-english-ewt/en_ewt-ud-dev.conllu"
if [ -f "$ewt_dev" ]; then
    echo "-- UD English EWT dev, syntax model (LAS floor: ${EWT_MIN_LAS:=0.79})"
    "$bin" eval --conllu "$ewt_dev" --min-las "$EWT_MIN_LAS"
fi

if [ -d "$shared/corpora/news/bbc/politics" ]; then
    echo "-- build on BBC politics"
    out=$(mktemp -d)
    "$bin" build "$shared/corpora/news/bbc/politics" --out "$out" --formats json,graphml,gexf,dot,csv
    "$bin" query "$out/graph.json" top --limit 5
    # The Spark job over the same folder (local[2], 4 partitions merged two at a time)
    # writes the same graph.json byte for byte.
    echo "-- Spark job on BBC politics equals build"
    started=$SECONDS
    python3 scripts/spark/newsgraph_spark.py --master 'local[2]' --partitions 4 --fan-in 2 \
        --newsgraph "$bin" --formats json --input "$shared/corpora/news/bbc/politics" \
        --out "$out/spark"
    if ! cmp "$out/graph.json" "$out/spark/graph.json"; then
        "$bin" diff "$out/graph.json" "$out/spark/graph.json" | head -20
        echo "FAILED: the Spark job's graph.json differs from build's" >&2
        exit 1
    fi
    echo "spark on BBC politics: graph.json equals build's ($((SECONDS - started)) s)"
    rm -rf "$out"
fi

if [ -d "$shared/corpora/news/bbc" ]; then
    # Merge equals build: the whole BBC corpus extracted once, its records cut into 7
    # uneven parts, 3 of them built into graphs, merged in a tree and in one go.
    echo "-- merge of the BBC corpus in 7 uneven parts equals build"
    out=$(mktemp -d)
    bbc="$shared/corpora/news/bbc"
    "$bin" build "$bbc" -q --no-progress --formats json --out "$out/build"
    "$bin" extract "$bbc" -q --no-progress -o "$out/all.jsonl"
    total=$(wc -l <"$out/all.jsonl")
    start=1 part=0
    for share in 1 3 7 12 18 25 34; do # percent of the corpus, adding up to 100
        part=$((part + 1))
        count=$((total * share / 100))
        [ $part -eq 7 ] && count=$((total - start + 1))
        sed -n "${start},$((start + count - 1))p" "$out/all.jsonl" >"$out/p$part.jsonl"
        start=$((start + count))
    done
    cat "$out"/p?.jsonl | cmp - "$out/all.jsonl"
    m() { "$bin" merge -q --formats json "$@"; }
    m "$out/p6.jsonl" --out "$out/g6"
    m "$out/p2.jsonl" "$out/p5.jsonl" --out "$out/g25"
    m "$out/p1.jsonl" "$out/g25/graph.json" --out "$out/g125"
    m "$out/p7.jsonl" "$out/g6/graph.json" "$out/p3.jsonl" --out "$out/g367"
    m "$out/g367/graph.json" "$out/p4.jsonl" "$out/g125/graph.json" --out "$out/tree"
    m "$out"/p?.jsonl --out "$out/flat"
    for got in tree flat; do
        if ! cmp "$out/build/graph.json" "$out/$got/graph.json"; then
            "$bin" diff "$out/build/graph.json" "$out/$got/graph.json" | head -20
            echo "FAILED: merge ($got) of the 7 BBC parts differs from build" >&2
            exit 1
        fi
    done
    echo "merge of 7 uneven BBC parts ($total articles), as a tree and flat: equals build"
    rm -rf "$out"
fi
echo "shared checks: ok"
