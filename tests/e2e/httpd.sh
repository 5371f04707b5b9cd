# httpd.sh - sourced after lib.sh: starts httpd.py on a free 127.0.0.1 port
# serving a copy of the fetch fixtures in $SRV_ROOT; sets BASE and SRV_LOG.
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed for the test HTTP server"
	exit 77
fi
SRV_ROOT="$TMPD/srv"
SRV_LOG="$TMPD/httpd.log"
mkdir -p "$SRV_ROOT"
cp "$top_srcdir"/tests/fixtures/fetch/* "$SRV_ROOT/"
: >"$SRV_LOG"
python3 "$top_srcdir/tests/e2e/httpd.py" "$SRV_ROOT" "$TMPD/port" "$SRV_LOG" 300 &
SRV_PID=$!
trap 'kill "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$TMPD/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if [ ! -s "$TMPD/port" ]; then
	echo "not ok - the test HTTP server did not start"
	exit 1
fi
BASE="http://127.0.0.1:$(cat "$TMPD/port")"

# srv_mark: the current length of the request log; srv_since MARK: the requests after it
srv_mark() { wc -l <"$SRV_LOG"; }
srv_since() { tail -n +"$(($1 + 1))" "$SRV_LOG"; }
