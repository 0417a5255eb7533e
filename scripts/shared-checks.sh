#!/usr/bin/env bash
# Checks that need the corpora in ../shared (not redistributable, so not in the repo):
# - the committed tagger model on the CoNLL-2003 dev split, against a floor set just
#   under today's score, so a change that costs accuracy cannot land unseen;
# - the committed syntax model on UD English EWT dev, against a LAS floor just under
#   today's score;
# - a build over the 417 BBC politics articles finishes without error.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
bin=target/release/newsgraph
cargo build --release --locked -q

if [ -f "$shared/corpora/conll2003/valid.txt" ]; then
    echo "-- CoNLL-2003 dev (PER/ORG/LOC F1 floor: ${CONLL_MIN_F1:=0.935})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --min-f1 "$CONLL_MIN_F1"
    echo "-- CoNLL-2003 dev, whole recognizer (PER/ORG/LOC F1 floor: ${CONLL_PIPELINE_MIN_F1:=0.91})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --pipeline --min-f1 "$CONLL_PIPELINE_MIN_F1" >/dev/null
fi

ewt_dev="$shared/corpora/ud-english-ewt/en_ewt-ud-dev.conllu"
if [ -f "$ewt_dev" ]; then
    echo "-- UD English EWT dev, syntax model (LAS floor: ${EWT_MIN_LAS:=0.80})"
    "$bin" eval --conllu "$ewt_dev" --min-las "$EWT_MIN_LAS"
fi

if [ -d "$shared/corpora/news/bbc/politics" ]; then
    echo "-- build on BBC politics"
    out=$(mktemp -d)
    "$bin" build "$shared/corpora/news/bbc/politics" --out "$out" --formats json,graphml,gexf,dot,csv
    "$bin" query "$out/graph.json" top --limit 5
    rm -rf "$out"
fi
echo "shared checks: ok"
