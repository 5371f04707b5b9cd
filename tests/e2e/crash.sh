#!/bin/sh
# crash.sh - crash safety: kill -9 during an import, a full disk, two writers.
. "$(dirname "$0")/lib.sh"

integrity() { # DB -> "ok" when SQLite's integrity check passes
	python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"
}
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM article").fetchone()[0])' "$1"; }

# many files, each imported in its own transaction, killed part-way
mkdir -p "$TMPD/many"
python3 - "$TMPD/many" <<'PY'
import sys
for i in range(3000):
    with open("%s/s%d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Story number %d about the Tessaly port authority\n" % i)
        for j in range(30):
            f.write("The Tessaly Port Authority said on day %d that cargo volume rose by %d%%, officials added.\n" % (j, i % 97))
PY
nr list >/dev/null 2>&1
base=$(count "$DB")
: >"$TMPD/imported"
"$NEWSROOM" --db "$DB" import "$TMPD"/many/*.txt >>"$TMPD/imported" 2>&1 &
pid=$!
# kill once some articles are in (counted in the database, not in buffered output)
n=0
while [ "$(count "$DB")" -lt $((base + 20)) ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
done_lines=$(grep -c '	new	' "$TMPD/imported")
check "kill -9 during import: integrity check passes" [ "$(integrity "$DB")" = ok ]
stored=$(($(count "$DB") - base))
check "kill -9 during import: every reported article is stored ($done_lines reported, $stored stored)" [ "$stored" -ge "$done_lines" ]
check "kill -9 during import: the import was really interrupted" test "$stored" -ge 20 -a "$stored" -lt 3000
out=$(nr import "$TMPD"/many/s1.txt 2>&1); rc=$?
check "database usable after kill -9" [ $rc -eq 0 ]

# lock DB SECONDS: holds a write lock in the background until killed or the time is up
lock() {
	: >"$TMPD/locker.out"
	python3 - "$1" "$2" >"$TMPD/locker.out" 2>&1 <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
PY
	lpid=$!
	n=0
	while ! grep -q locked "$TMPD/locker.out" && [ $n -lt 3000 ]; do sleep 0.01; n=$((n + 1)); done
}

# two writers: the second waits for the first and says so, then succeeds
printf 'Waiting writer story\nBody of the waiting story.\n' >"$TMPD/wait.txt"
lock "$DB" 2
out=$(nr import "$TMPD/wait.txt" 2>&1); rc=$?
wait $lpid
check "second writer succeeds after waiting" [ $rc -eq 0 ]
check "second writer says it waits" contains "$out" "another newsroom is writing; waiting"

# a writer that never lets go: a clear error, nothing changed
before=$(count "$DB")
lock "$DB" 60
printf 'Blocked story\nIt never gets in.\n' >"$TMPD/blocked.txt"
out=$(nr import "$TMPD/blocked.txt" 2>&1); rc=$?
kill $lpid 2>/dev/null
wait $lpid
check "a writer blocked too long fails" [ $rc -ne 0 ]
check "a blocked writer says the database is busy" contains "$out" "busy"
check "a blocked writer changed nothing" [ "$(count "$DB")" -eq "$before" ]

# a full disk: a small tmpfs (needs root; skipped otherwise)
mnt="$TMPD/small"
mkdir -p "$mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=600k tmpfs "$mnt" 2>/dev/null; then
	"$NEWSROOM" --db "$mnt/db" import "$TMPD/wait.txt" >/dev/null 2>&1
	before=$(count "$mnt/db")
	python3 -c '
import sys
words = " ".join("w%d" % i for i in range(200000))
open(sys.argv[1], "w").write("A very large story\n" + words + "\n")' "$TMPD/big.txt"
	out=$("$NEWSROOM" --db "$mnt/db" import "$TMPD/big.txt" 2>&1); rc=$?
	check "full disk: import fails" [ $rc -ne 0 ]
	check "full disk: the error says so" contains "$out" "disk is full"
	check "full disk: database unchanged" [ "$(count "$mnt/db")" -eq "$before" ]
	check "full disk: integrity check passes" [ "$(integrity "$mnt/db")" = ok ]
	out=$("$NEWSROOM" --db "$mnt/db" list 2>&1); rc=$?
	check "full disk: database still readable" [ $rc -eq 0 ]
	umount "$mnt"
else
	echo "# skipped the full-disk test: mounting a tmpfs needs root"
fi

finish
