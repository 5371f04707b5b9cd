# lib.sh - shared by the end-to-end tests: a private HOME and database per test.
set -u
: "${NEWSROOM:=$(pwd)/newsroom}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
TMPD=$(mktemp -d /tmp/nr-e2e.XXXXXX)
export HOME="$TMPD/home" XDG_DATA_HOME="$TMPD/home/.local/share" XDG_CONFIG_HOME="$TMPD/home/.config"
mkdir -p "$HOME"
DB="$TMPD/test.db"
# NR_VALGRIND=1 runs every call of the binary under memcheck; a leak definitely
# lost or an invalid access makes that call exit 99, which fails the check
if [ "${NR_VALGRIND:-0}" = 1 ]; then
	cat >"$TMPD/newsroom-vg" <<VG
#!/bin/sh
exec valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite --log-file="$TMPD/valgrind.%p.log" "$NEWSROOM" "\$@"
VG
	chmod +x "$TMPD/newsroom-vg"
	NEWSROOM="$TMPD/newsroom-vg"
fi
PASS=0 FAIL=0
cleanup() { rm -rf "$TMPD"; }
trap cleanup EXIT

nr() { "$NEWSROOM" --db "$DB" "$@"; }

ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $1"; }

# check NAME COMMAND...: passes when the command exits 0
check() { n=$1; shift; if "$@"; then ok "$n"; else not_ok "$n"; fi; }

# contains HAYSTACK NEEDLE
contains() { case "$1" in *"$2"*) return 0 ;; *) echo "  expected to find: $2" >&2; echo "  in: $(printf '%s' "$1" | head -c 600)" >&2; return 1 ;; esac; }
lacks() { case "$1" in *"$2"*) echo "  did not expect: $2" >&2; return 1 ;; *) return 0 ;; esac; }

finish() {
	if [ "${NR_VALGRIND:-0}" = 1 ]; then
		for log in "$TMPD"/valgrind.*.log; do
			[ -s "$log" ] || continue
			not_ok "valgrind: $(head -c 2000 "$log")"
		done
	fi
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
