#!/bin/sh
# micron.sh - the analyzer against the shared probe article, checked row by row
# against its expected.md, both read from $SHARED_DIR/articles (never copied into
# this repository); skips when that folder is absent, as on a user's clone.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to compare the analysis with the expected tables"
	exit 77
fi
python3 "$top_srcdir/tests/articles/check.py" --newsroom "$NEWSROOM" --db "$DB" \
	--micron "${SHARED_DIR:-}"
