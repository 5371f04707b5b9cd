#!/bin/sh
# run-all.sh - every benchmark, one after the other, from a built tree:
#
#   sh bench/run-all.sh [BUILD_DIR]      (default: build/normal; or 'make bench')
#
# Each generates its own data (in /tmp) and prints its figures:
#   analysis   words per second of the analyzer on one core (bench/analysis)
#   parse      feed parsing and rendering on the shared corpus (bench/parse.sh)
#   search     'newsroom search' first page from process start, 100,000 articles
#   ui         first draw and key latency with 100,000 articles (bench/ui.sh)
#   fetch      first fetch, no-change refetch and peak memory against the shared
#              loopback server (../shared/bench/run_reload.sh with bench/newsroom.sh)
# BENCH_ONLY="analysis search" runs some of them; BENCH_QUICK=1 uses smaller sizes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build/normal}" && pwd)
shared=${SHARED_DIR:-$top/../shared}
only=${BENCH_ONLY:-analysis parse search ui fetch}
quick=${BENCH_QUICK:-0}
status=0

say() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
has() { case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
make -s -C "$build" newsroom bench/analysis bench/parse_bench bench/gen_search bench/ui_gen >/dev/null || exit 1

if has analysis; then
	say "analysis: words per second"
	"$build/bench/analysis" "$([ "$quick" = 1 ] && echo 16 || echo 64)" || status=1
fi
if has parse; then
	say "feed parsing and rendering"
	if [ -f "$shared/bench/gen_corpus.py" ]; then
		BUILD=$build SHARED_DIR=$shared sh "$top/bench/parse.sh" "$([ "$quick" = 1 ] && echo 200 || echo 1000)" 50 3 || status=1
	else
		echo "skipped: $shared/bench is absent"
	fi
fi
if has search; then
	say "search latency"
	(cd "$build" && sh "$top/bench/search.sh" "$([ "$quick" = 1 ] && echo 10000 || echo 100000)" 11) || status=1
fi
if has ui; then
	say "reader first draw and key latency"
	UI_BENCH_N=$([ "$quick" = 1 ] && echo 10000 || echo 100000) UI_BENCH_RUNS=3 sh "$top/bench/ui.sh" "$build" || status=1
fi
if has fetch; then
	say "fetch: first, second and repeat, peak memory"
	if [ -x "$shared/bench/run_reload.sh" ] || [ -f "$shared/bench/run_reload.sh" ]; then
		PATH="$build:$PATH" BENCH_RUNS=${BENCH_RUNS:-3} BENCH_MEM_RUNS=${BENCH_MEM_RUNS:-1} \
			sh "$shared/bench/run_reload.sh" "$top/bench/newsroom.sh" 200 50 || status=1
	else
		echo "skipped: $shared/bench is absent"
	fi
fi
exit $status
