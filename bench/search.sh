#!/bin/sh
# search.sh - times `newsroom search` (first page, from process start) on a
# database of N generated articles (default 100000), one figure per query:
# median, min and max of RUNS runs (default 21) after 2 warm-up runs.
#
# usage: bench/search.sh [N] [RUNS]     (from the build folder, after make check,
#        or set NEWSROOM and GEN to the two programs, and DB to use another
#        database than the one built here)
set -eu
N=${1:-100000}
RUNS=${2:-21}
: "${NEWSROOM:=./newsroom}"
: "${GEN:=./bench/gen_search}"
: "${BENCH_DIR:=/tmp/nr-bench-search}"
: "${DB:=$BENCH_DIR/search-$N.db}"
mkdir -p "$BENCH_DIR"
if [ ! -f "$DB" ]; then
	echo "# building $DB with $N articles"
	start=$(date +%s)
	"$GEN" "$DB.tmp" "$N"
	mv "$DB.tmp" "$DB"
	rm -f "$DB.tmp-wal" "$DB.tmp-shm"
	echo "# built in $(( $(date +%s) - start )) s, $(du -m "$DB" | cut -f1) MB"
fi

# milliseconds of one run of the command line given
run_ms() {
	s=$(date +%s%N)
	"$@" >/dev/null
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
}

# prints: query  median  min  max  cpu  hits-on-first-page (times in ms; cpu =
# mean user + system time, which the load of a shared machine inflates less)
bench() {
	q=$1
	hits=$("$NEWSROOM" --db "$DB" search --json "$q" | grep -c '"id":' || true)
	if command -v hyperfine >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
		hyperfine -N --runs "$RUNS" --warmup 2 --export-json "$BENCH_DIR/hf.json" \
			"$NEWSROOM --db $DB search '$q'" >/dev/null 2>&1
		python3 - "$BENCH_DIR/hf.json" "$q" "$hits" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%-40s %8.1f %8.1f %8.1f %8.1f %5s" % (sys.argv[2], r["median"] * 1e3, r["min"] * 1e3,
      r["max"] * 1e3, (r["user"] + r["system"]) * 1e3, sys.argv[3]))
PY
		return
	fi
	"$NEWSROOM" --db "$DB" search "$q" >/dev/null
	i=0
	: >"$BENCH_DIR/times"
	while [ $i -lt "$RUNS" ]; do
		run_ms "$NEWSROOM" --db "$DB" search "$q" >>"$BENCH_DIR/times"
		i=$((i + 1))
	done
	sort -n "$BENCH_DIR/times" | awk -v q="$q" -v h="$hits" '
		{ t[NR] = $1 }
		END { printf "%-40s %8.1f %8.1f %8.1f %8s %5d\n", q, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, "-", h }'
}

echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
printf '%-40s %8s %8s %8s %8s %5s\n' "query ($N articles, $RUNS runs, ms)" median min max cpu hits
bench 'since:2000-01-01' # the baseline: every article, newest first, no words
bench 'Micron'
bench 'memory'
bench 'the'
bench '"export licence"'
bench 'kalomi*'
bench 'company:"Micron Technology"'
bench 'agency:CAC'
bench 'agency:CAC chips -tariff'
bench 'company:"Tamsin Biolabs" chips' # a qualifier few articles meet, next to a common word
bench 'tariff OR strike since:2023-12-01'
bench 'is:unread rates'
