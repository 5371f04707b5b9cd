#!/bin/sh
# run-all.sh - every test: the normal build, then the same suite under
# AddressSanitizer and UndefinedBehaviorSanitizer. Prints each test's log so
# that cmocka's summaries show, and exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
[ -x configure ] || autoreconf -fi >/dev/null 2>&1 || { echo "autoreconf failed" >&2; exit 1; }
status=0

run_suite() { # NAME CONFIGURE-ARGS... (with $SUITE_TESTS set: only those tests)
	name=$1; shift
	dir="$top/build/$name"
	mkdir -p "$dir"
	echo "=== $name build"
	if ! (cd "$dir" && { [ -f Makefile ] || "$top/configure" -q "$@"; } && make -s -j"$jobs" >/dev/null); then
		echo "=== $name build FAILED"; status=1; return
	fi
	if [ -n "${SUITE_TESTS:-}" ]; then
		(cd "$dir" && make -s -j"$jobs" check TESTS="$SUITE_TESTS" >/dev/null 2>&1)
	else
		(cd "$dir" && make -s -j"$jobs" check >/dev/null 2>&1)
	fi
	rc=$?
	for log in $(find "$dir/tests" -name '*.log' ! -name 'test-suite.log' | sort); do
		echo "--- ${log#"$dir"/}"
		cat "$log"
	done
	echo "=== $name summary"
	grep -E '^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):' "$dir/test-suite.log" || true
	[ $rc -eq 0 ] || status=1
}

run_suite normal
if command -v valgrind >/dev/null 2>&1; then
	echo "=== end-to-end tests under valgrind memcheck"
	if (cd "$top/build/normal" && make -s check-valgrind >/dev/null 2>&1); then
		echo "valgrind: clean"
	else
		echo "valgrind: FAILED"; status=1
	fi
	for log in $(find "$top/build/normal/tests/e2e" -name '*.log' | sort); do
		grep -E '^not ok|passed,' "$log" | grep -v '# TODO' | sed "s|^|${log##*/}: |"
	done
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	run_suite sanitizers --enable-sanitizers
# the tests of the code that runs on more than one thread: fetch's worker and
# storing threads, and the checkpoint thread
TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	SUITE_TESTS="tests/test_store tests/test_pipeline tests/e2e/fetch.sh" \
	run_suite threads --enable-tsan
[ $status -eq 0 ] && echo "all test suites passed" || echo "SOME TESTS FAILED"
exit $status
