#!/usr/bin/env bash
# Checks that need the corpora in ../shared (not redistributable, so not in the repo):
# - the committed tagger model on the CoNLL-2003 dev split, against a floor set just
#   under today's score, so a change that costs accuracy cannot land unseen;
# - the committed syntax model on UD English EWT dev, against a LAS floor just under
#   today's score;
# - a build over the 417 BBC politics articles finishes without error, and the Spark
#   job (--master local[2]) over them writes the same graph.json; `export --format
#   dot --top 150` of it (by degree and by PageRank) renders with `dot -Tsvg` without a
#   warning into an SVG under 10,000 points on its longer side;
# - the HTML view of BBC politics and of all 2,225 BBC articles opens and lays out in
#   headless Chromium in under 5 s (web/test/load.cjs), with its size and timings printed
#   and screenshots in target/html-view/ (bbc-politics.png, bbc.png).
# - the gold of real BBC articles (data/bbc-dev, data/bbc-heldout) still fits the corpus
#   (bbc_gold.py --check), and eval prints its scores, against floors just under the
#   scores of the day the sets were annotated (mention F1, relation F1).
# - merge equals build on the whole BBC corpus split in 7 uneven parts.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
bin=target/release/newsgraph
cargo build --release --locked -q

if [ -f "$shared/corpora/conll2003/valid.txt" ]; then
    echo "-- CoNLL-2003 dev (PER/ORG/LOC F1 floor: ${CONLL_MIN_F1:=0.943})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --min-f1 "$CONLL_MIN_F1"
    echo "-- CoNLL-2003 dev, whole recognizer (PER/ORG/LOC F1 floor: ${CONLL_PIPELINE_MIN_F1:=0.940})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --pipeline --min-f1 "$CONLL_PIPELINE_MIN_F1" >/dev/null
fi

ewt_dev="$shared/corpora/ud-english-ewt/en_ewt-ud-dev.conllu"
if [ -f "$ewt_dev" ]; then
    echo "-- UD English EWT dev, syntax model (LAS floor: ${EWT_MIN_LAS:=0.80})"
    "$bin" eval --conllu "$ewt_dev" --min-las "$EWT_MIN_LAS"
fi

bbc="$shared/corpora/news/bbc"
if [ -d "$bbc/politics" ]; then
    for set in dev heldout; do
        python3 scripts/bbc_gold.py --check "data/bbc-$set" "$bbc"
    done
    echo "-- BBC dev gold, 25 articles (mention F1 floor ${BBC_DEV_MIN_MENTION_F1:=0.92}, relation F1 floor ${BBC_DEV_MIN_RELATION_F1:=0.58})"
    "$bin" eval --gold data/bbc-dev "$bbc" \
        --min-mention-f1 "$BBC_DEV_MIN_MENTION_F1" --min-relation-f1 "$BBC_DEV_MIN_RELATION_F1"
    echo "-- BBC held-out gold, 10 articles, never tuned on (mention F1 floor ${BBC_HELDOUT_MIN_MENTION_F1:=0.82}, relation F1 floor ${BBC_HELDOUT_MIN_RELATION_F1:=0.30})"
    "$bin" eval --gold data/bbc-heldout "$bbc" \
        --min-mention-f1 "$BBC_HELDOUT_MIN_MENTION_F1" --min-relation-f1 "$BBC_HELDOUT_MIN_RELATION_F1"
fi
# Chromium and playwright-core (npm ci in web/) for the HTML view checks: .ci/run installs
# them; without them the checks fail under CI and are skipped loudly elsewhere.
chromium=${CHROMIUM:-/usr/bin/chromium}
have_browser() {
    if [ -x "$chromium" ] && command -v node >/dev/null && [ -d web/node_modules/playwright-core ]; then
        return 0
    fi
    if [ -n "${CI:-}" ]; then
        echo "chromium or web/node_modules missing, and CI is set" >&2
        exit 1
    fi
    echo "!!!!!!!! SKIPPED: chromium or playwright-core (npm ci in web/) missing; the HTML view check did NOT run !!!!!!!!"
    return 1
}
mkdir -p target/html-view

if [ -d "$shared/corpora/news/bbc/politics" ]; then
    echo "-- build on BBC politics"
    out=$(mktemp -d)
    "$bin" build "$shared/corpora/news/bbc/politics" --out "$out" --formats json,graphml,gexf,dot,csv,html
    "$bin" query "$out/graph.json" top --limit 5
    for by in degree pagerank; do
        echo "-- BBC politics, export --format dot --top 150 --top-by $by | dot -Tsvg (no warning, under 10,000 points)"
        "$bin" export "$out/graph.json" --format dot --top 150 --top-by "$by" --out "$out/top-$by.dot"
        dot -Tsvg "$out/top-$by.dot" -o "$out/top-$by.svg" 2>"$out/dot-$by.err"
        if [ -s "$out/dot-$by.err" ]; then
            cat "$out/dot-$by.err" >&2
            exit 1
        fi
        size=$(grep -o -m1 '<svg width="[0-9.]*pt" height="[0-9.]*pt"' "$out/top-$by.svg" | tr -dc '0-9. ')
        echo "   SVG width height (points): $size"
        echo "$size" | awk '{ if ($1 >= 10000 || $2 >= 10000) exit 1 }' || {
            echo "the SVG is $size points: 10,000 or more on a side" >&2
            exit 1
        }
    done
    if have_browser; then
        echo "-- BBC politics, the HTML view in headless Chromium (limit 5,000 ms)"
        (cd web && node test/load.cjs "$out/graph.html" ../target/html-view/bbc-politics.png 5000 blair)
    fi
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

if [ -d "$shared/corpora/news/bbc/business" ] && have_browser; then
    echo "-- all 2,225 BBC articles, the HTML view in headless Chromium (limit 5,000 ms)"
    out=$(mktemp -d)
    # The five category folders only (the corpus folder also holds README.TXT and
    # duplicates.txt, which are not articles), linked under one folder so that article
    # ids stay unique (business/001.txt, ...).
    mkdir "$out/bbc"
    for topic in business entertainment politics sport tech; do
        ln -s "$(cd "$shared/corpora/news/bbc/$topic" && pwd)" "$out/bbc/$topic"
    done
    "$bin" build "$out/bbc" --out "$out" --formats json,html
    (cd web && node test/load.cjs "$out/graph.html" ../target/html-view/bbc.png 5000 blair)
    rm -rf "$out"
fi
echo "-- README figures, the CoNLL rows included (scripts/readme_figures.py)"
python3 scripts/readme_figures.py --check --shared --bin "$bin"
echo "shared checks: ok"
