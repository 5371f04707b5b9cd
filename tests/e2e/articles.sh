#!/bin/sh
# articles.sh - the analyzer against our own test articles and their expected
# entities and statements (tests/articles/README.md); run by `make check-articles`.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to compare the analysis with the expected files"
	exit 77
fi
python3 "$top_srcdir/tests/articles/check.py" --newsroom "$NEWSROOM" --db "$DB"
