#!/bin/sh
# parse-diff.sh - everything the parse, render and analysis stages make, written
# to files so that two builds can be compared (a speed change must not change
# one byte of it):
#   sh bench/parse-diff.sh BUILD OUTDIR [CORPUS]
#   sh bench/parse-diff.sh OLD_BUILD NEW_BUILD [CORPUS]   (both dumped, then diffed)
# BUILD is a built tree (newsroom, bench/parse_bench). CORPUS is a folder of
# feeds (default: the 200 x 50 shared bench corpus, generated in $BENCH_TMP).
# Dumped: parse_bench -a -d on the corpus and on the fixture feeds, `analyze
# --json` of every article text, `render` of every HTML fixture, `inspect
# --json` of every fixture feed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$top/../shared}
tmp=${BENCH_TMP:-/tmp/newsbench}

dump() { # BUILD OUTDIR CORPUS
	b=$1 out=$2 corpus=$3
	mkdir -p "$out"
	export HOME="$out/home" XDG_DATA_HOME="$out/home" XDG_CONFIG_HOME="$out/home"
	"$b/bench/parse_bench" -a -d "$corpus" >"$out/corpus.dump"
	for d in "$top/tests/fixtures/feeds" "$top/tests/fixtures/fetch" "$top/tests/fuzz/corpus/feed"; do
		"$b/bench/parse_bench" -a -d "$d" >"$out/$(basename "$(dirname "$d")")-$(basename "$d").dump"
	done
	for f in "$top"/tests/articles/*.txt "$shared"/articles/*.txt "$top"/tests/fixtures/ui/*.txt \
		"$top"/tests/fuzz/corpus/analysis/* "$top"/tests/fuzz/corpus/text/*; do
		[ -f "$f" ] || continue
		"$b/newsroom" analyze --json "$f" >"$out/analyze-$(basename "$f").json" 2>&1 || true
	done
	for f in "$top"/tests/fixtures/ui/*.html "$top"/tests/fuzz/corpus/html/* "$top"/tests/fixtures/feeds/html-page.html; do
		"$b/newsroom" render "$f" >"$out/render-$(basename "$f").txt" 2>&1 || true
	done
	for f in "$top"/tests/fixtures/feeds/* "$top"/tests/fixtures/fetch/*; do
		"$b/newsroom" inspect --json "$f" >"$out/inspect-$(basename "$f").json" 2>&1 || true
	done
	rm -rf "$out/home"
}

[ $# -ge 2 ] || { echo "usage: parse-diff.sh BUILD OUTDIR|NEW_BUILD [CORPUS]" >&2; exit 2; }
corpus=${3:-}
if [ -z "$corpus" ]; then
	corpus="$tmp/parse-corpus-200x50/feeds"
	[ -d "$corpus" ] || python3 "$shared/bench/gen_corpus.py" "$(dirname "$corpus")" --feeds 200 --items 50 >/dev/null
fi
if [ -x "$2/newsroom" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/parse-diff.XXXXXX")
	dump "$1" "$work/old" "$corpus"
	dump "$2" "$work/new" "$corpus"
	if diff -r "$work/old" "$work/new" >"$work/diff"; then
		echo "parse-diff: same output ($(ls "$work/new" | wc -l) files)"
		rm -rf "$work"
	else
		echo "parse-diff: outputs differ; see $work/diff" >&2
		head -20 "$work/diff" >&2
		exit 1
	fi
else
	dump "$1" "$2" "$corpus"
fi
