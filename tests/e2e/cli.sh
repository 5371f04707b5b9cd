#!/bin/sh
# cli.sh - the built binary on a temporary database: import, list, show, errors.
. "$(dirname "$0")/lib.sh"

cat >"$TMPD/story.txt" <<'TXT'
Harbour board approves dredging plan

The Kestrel Bay harbour board approved a dredging plan on Tuesday,
its chair said after the vote.

"We have waited long enough," said Mara Lindqvist, the chair.
TXT

out=$(nr import "$TMPD/story.txt" 2>"$TMPD/err"); rc=$?
check "import exits 0" [ $rc -eq 0 ]
check "import names the new article" contains "$out" "new	Harbour board approves dredging plan"
id=$(printf '%s\n' "$out" | cut -f1)

out=$(nr list)
check "list shows the article" contains "$out" "Harbour board approves dredging plan"

out=$(nr show "$id")
check "show joins wrapped lines" contains "$out" "approved a dredging plan on Tuesday, its chair said"
check "show keeps the quote paragraph" contains "$out" "\"We have waited long enough,\" said Mara Lindqvist"

out=$(nr import "$TMPD/story.txt")
check "re-import of the same file is unchanged" contains "$out" "unchanged"
sed -i 's/Tuesday/Wednesday/' "$TMPD/story.txt"
out=$(nr import "$TMPD/story.txt")
check "re-import of an edited file updates" contains "$out" "updated"
check "re-import never duplicates" [ "$(nr list | grep -c 'Harbour board')" -eq 1 ]

out=$(printf 'Piped headline\nPiped body line.\n' | nr import - 2>&1)
check "import - reads stdin" contains "$out" "Piped headline"

printf 'Bad \377 bytes headline\nbody\n' >"$TMPD/bad.txt"
out=$(nr import "$TMPD/bad.txt" 2>&1); rc=$?
check "invalid UTF-8 is imported" [ $rc -eq 0 ]
check "invalid UTF-8 is warned about, naming the file" contains "$out" "bad.txt: 1 invalid UTF-8 sequence replaced"

out=$(nr import "$TMPD/nope.txt" 2>&1); rc=$?
check "missing file exits non-zero" [ $rc -ne 0 ]
check "missing file is named" contains "$out" "nope.txt: No such file or directory"

out=$("$NEWSROOM" --db "$DB" frobnicate 2>&1); rc=$?
check "unknown verb exits 2" [ $rc -eq 2 ]
check "unknown verb is named" contains "$out" "unknown verb 'frobnicate'"

out=$(nr list --bogus 2>&1); rc=$?
check "unknown option exits non-zero" [ $rc -ne 0 ]

out=$("$NEWSROOM" --version)
check "--version prints the version" contains "$out" "newsroom "
for verb in import list show fetch add search export analyze; do
	out=$(nr "$verb" --help)
	check "$verb --help prints usage" contains "$out" "usage: newsroom"
done

printf 'not a database at all, just text that is long enough to matter\n' >"$TMPD/corrupt.db"
chmod 600 "$TMPD/corrupt.db"
out=$("$NEWSROOM" --db "$TMPD/corrupt.db" list 2>&1); rc=$?
check "corrupt database exits non-zero" [ $rc -ne 0 ]
check "corrupt database is named" contains "$out" "corrupt.db: not a newsroom database"

if [ "$(id -u)" -ne 0 ]; then
	chmod 400 "$DB"
	out=$(nr import "$TMPD/story.txt" 2>&1); rc=$?
	check "read-only database exits non-zero" [ $rc -ne 0 ]
	check "read-only database says so" contains "$out" "read-only"
	chmod 600 "$DB"
fi

mkdir -p "$TMPD/ro" && chmod 500 "$TMPD/ro"
if [ "$(id -u)" -ne 0 ]; then
	out=$("$NEWSROOM" --db "$TMPD/ro/sub/x.db" list 2>&1); rc=$?
	check "unwritable data folder exits non-zero" [ $rc -ne 0 ]
	check "unwritable data folder is named" contains "$out" "$TMPD/ro/sub"
fi

# a data folder that cannot be created: its parent is a file
printf 'x' >"$TMPD/plainfile"
out=$("$NEWSROOM" --db "$TMPD/plainfile/sub/x.db" list 2>&1); rc=$?
check "uncreatable data folder exits non-zero" [ $rc -ne 0 ]
check "uncreatable data folder is named" contains "$out" "$TMPD/plainfile"

# a read-only file system (root can write any file, but not there)
if [ "$(id -u)" -eq 0 ] && mkdir -p "$TMPD/romnt" && mount -t tmpfs -o size=4m tmpfs "$TMPD/romnt" 2>/dev/null; then
	"$NEWSROOM" --db "$TMPD/romnt/db" import "$TMPD/story.txt" >/dev/null 2>&1
	mount -o remount,ro "$TMPD/romnt"
	out=$("$NEWSROOM" --db "$TMPD/romnt/db" import "$TMPD/story.txt" 2>&1); rc=$?
	check "read-only database exits non-zero" [ $rc -ne 0 ]
	check "read-only database says so" contains "$out" "read-only"
	umount "$TMPD/romnt"
fi

# demo articles: a verb on a new database adds only what it was asked to; the
# reader opened on an empty database shows the demo instead of nothing
n=$("$NEWSROOM" --db "$TMPD/verb.db" import "$TMPD/story.txt" >/dev/null 2>&1; "$NEWSROOM" --db "$TMPD/verb.db" list | wc -l)
check "import into a new database stores just that article" [ "$n" -eq 1 ]
if command -v tmux >/dev/null 2>&1 && [ "${NR_VALGRIND:-0}" != 1 ]; then # too slow to start under memcheck
	sock="$TMPD/tmux.sock"
	tmux -S "$sock" -f /dev/null new-session -d -x 100 -y 24 "env TERM=screen LC_ALL=C.UTF-8 '$NEWSROOM' --db '$TMPD/empty.db'; sleep 5"
	i=0 screen=""
	while [ $i -lt 100 ]; do
		screen=$(tmux -S "$sock" capture-pane -p 2>/dev/null)
		case "$screen" in *"All articles"*) break ;; esac
		sleep 0.1; i=$((i + 1))
	done
	tmux -S "$sock" send-keys Q 2>/dev/null
	tmux -S "$sock" kill-server 2>/dev/null
	check "the reader on an empty database opens on the demo articles" contains "$screen" "6 unread of 6 articles"
fi

out=$(XDG_DATA_HOME="$TMPD/xdg" "$NEWSROOM" list 2>&1); rc=$?
check "default database goes under XDG_DATA_HOME" [ -f "$TMPD/xdg/newsroom/newsroom.db" ]
check "default database is mode 600" [ "$(stat -c %a "$TMPD/xdg/newsroom/newsroom.db")" = 600 ]

finish
