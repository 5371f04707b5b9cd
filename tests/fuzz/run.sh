#!/bin/sh
# run.sh - builds the fuzz targets with clang (libFuzzer, ASan, UBSan) in
# build/fuzz and runs each for FUZZ_SECONDS (default 60). New corpus entries
# go to build/fuzz/corpus-TARGET; crashers to build/fuzz/crash-TARGET/: copy a
# fixed one into tests/fuzz/corpus/TARGET/ so that 'make check' replays it.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$top/build/fuzz"
secs=${FUZZ_SECONDS:-60}
mkdir -p "$out"
cd "$out"
[ -f Makefile ] || CC=clang "$top/configure" -q --enable-fuzzing
make -s -j"$(nproc)" newsroom
make -s -j"$(nproc)" $(for t in $FUZZ_NAMES; do printf 'tests/fuzz/fuzz_%s ' "$t"; done)
status=0
for t in ${FUZZ_ONLY:-$FUZZ_NAMES}; do
	mkdir -p "corpus-$t" "crash-$t"
	echo "=== fuzz_$t for ${secs}s"
	if ! "./tests/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="crash-$t/" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		"corpus-$t" "$top/tests/fuzz/corpus/$t" 2>"fuzz_$t.log"; then
		status=1
		echo "fuzz_$t FOUND A CRASH: see $out/crash-$t/ and $out/fuzz_$t.log"
	fi
	grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+.*DONE)' "fuzz_$t.log" || true
	grep -E 'cov: [0-9]+' "fuzz_$t.log" | tail -1 || true
done
exit $status
