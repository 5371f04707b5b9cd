#!/bin/sh
# replay.sh - every seed and kept crasher through its fuzz target's code.
set -u
status=0 n=0
for t in $FUZZ_NAMES; do
	dir="$top_srcdir/tests/fuzz/corpus/$t"
	set -- "$dir"/*
	[ -e "$1" ] || continue
	if "$top_builddir/tests/fuzz/replay_$t" "$@"; then
		echo "ok - $t: $# inputs"; n=$((n + 1))
	else
		echo "not ok - $t"; status=1
	fi
done
[ $status -eq 0 ] && echo "$n passed, 0 failed" || echo "$n passed, 1 failed"
exit $status
