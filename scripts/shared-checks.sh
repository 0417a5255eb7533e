#!/usr/bin/env bash
# Checks that need the corpora in ../shared (not redistributable, so not in the repo):
# - the committed tagger model on the CoNLL-2003 dev split, against a floor set just
#   under today's score, so a change that costs accuracy cannot land unseen;
# - the committed syntax model on UD English EWT dev, against a LAS floor just under
#   today's score;
# - a build over the 417 BBC politics articles finishes without error; `export --format
#   dot --top 150` of it (by degree and by PageRank) renders with `dot -Tsvg` without a
#   warning into an SVG under 10,000 points on its longer side;
# - the HTML view of BBC politics and of all 2,225 BBC articles opens and lays out in
#   headless Chromium in under 5 s (web/test/load.cjs), with its size and timings printed
#   and screenshots in target/html-view/ (bbc-politics.png, bbc.png).
# - the gold of real BBC articles (data/bbc-dev, data/bbc-heldout) still fits the corpus
#   (bbc_gold.py --check), and eval prints its scores, against floors just under the
#   scores of the day the sets were annotated (mention F1, relation F1).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
bin=target/release/newsgraph
cargo build --release --locked -q

if [ -f "$shared/corpora/conll2003/valid.txt" ]; then
    echo "-- CoNLL-2003 dev (PER/ORG/LOC F1 floor: ${CONLL_MIN_F1:=0.925})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --min-f1 "$CONLL_MIN_F1"
    echo "-- CoNLL-2003 dev, whole recognizer (PER/ORG/LOC F1 floor: ${CONLL_PIPELINE_MIN_F1:=0.934})"
    "$bin" eval --conll "$shared/corpora/conll2003/valid.txt" --pipeline --min-f1 "$CONLL_PIPELINE_MIN_F1" >/dev/null
fi

ewt_dev="$shared/corpora/ud-english-ewt/en_ewt-ud-dev.conllu"
if [ -f "$ewt_dev" ]; then
    echo "-- UD English EWT dev, syntax model (LAS floor: ${EWT_MIN_LAS:=0.79})"
    "$bin" eval --conllu "$ewt_dev" --min-las "$EWT_MIN_LAS"
fi

bbc="$shared/corpora/news/bbc"
if [ -d "$bbc/politics" ]; then
    for set in dev heldout; do
        python3 scripts/bbc_gold.py --check "data/bbc-$set" "$bbc"
    done
    echo "-- BBC dev gold, 25 articles (mention F1 floor ${BBC_DEV_MIN_MENTION_F1:=0.84}, relation F1 floor ${BBC_DEV_MIN_RELATION_F1:=0.35})"
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
