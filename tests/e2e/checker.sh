#!/bin/sh
# checker.sh - tests/articles/check.py itself, against prepared answers: right
# answers pass and each kind of wrong answer fails (the analyzer is not run).
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to test the article checker"
	exit 77
fi
python3 "$top_srcdir/tests/articles/selftest.py"
