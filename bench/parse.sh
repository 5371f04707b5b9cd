#!/bin/sh
# parse.sh - feed parsing and rendering speed on the shared bench corpus:
#   sh bench/parse.sh [FEEDS] [ITEMS] [ROUNDS]   (from a built tree: build/normal)
# Generates the corpus with ../shared/bench/gen_corpus.py (once, in $BENCH_TMP)
# and runs bench/parse_bench -a on it (the fetch worker's path: parse, render,
# dup_mark, analysis_run). Nothing is fetched or stored.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build/normal}
shared=${SHARED_DIR:-$top/../shared}
feeds=${1:-1000} items=${2:-50} rounds=${3:-3}
tmp=${BENCH_TMP:-/tmp/newsbench}
corpus="$tmp/parse-corpus-${feeds}x$items"
[ -x "$build/bench/parse_bench" ] || make -C "$build" bench/parse_bench >/dev/null
[ -d "$corpus/feeds" ] || python3 "$shared/bench/gen_corpus.py" "$corpus" --feeds "$feeds" --items "$items" >/dev/null
"$build/bench/parse_bench" -a "$corpus/feeds" "$rounds"
