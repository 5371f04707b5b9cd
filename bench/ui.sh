#!/bin/sh
# ui.sh - how fast the reader draws and answers keys with a big store.
#
#   bench/ui.sh [BUILD_DIR]        (default: build/normal)
#
# Generates UI_BENCH_N articles (default 100,000) over UI_BENCH_FEEDS feeds
# (200) with their analysis into a database (bench/ui_gen, through the
# storage API; made once and reused), then, in a private tmux server at
# 200x50 and at 80x24:
#   - first draw: from just before 'tmux new-session' to the first capture
#     that shows the feed list's title "Feeds (N)" (includes tmux's start:
#     the floor, a shell that prints the same title, is measured too), and
#     the reader's own figure (NEWSROOM_UI_TRACE: from the reader's start,
#     after the database is open, to its first refresh);
#   - counts: until the feed list's counts are all in (they are taken in
#     idle time after the first draw);
#   - keys: a script of keys over every screen; for each key the reader's own
#     time from reading the key to the end of the refresh that shows its
#     effect (each key is sent after the previous one was answered).
# Counts are taken in idle time, a step at a time; the longest step of a run
# is reported too, as a key pressed during it waits for its end.
# Prints a markdown report; bench/RESULTS-ui.md keeps one.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build/normal}
N=${UI_BENCH_N:-100000}
FEEDS=${UI_BENCH_FEEDS:-200}
RUNS=${UI_BENCH_RUNS:-5}
TMPB=${UI_BENCH_TMP:-/tmp/newsroom-ui-bench}
# the generator's version: a store made by an older one is made again
GEN=2
DB=$TMPB/ui-$N-$FEEDS-g$GEN.db
TRACE=$TMPB/trace
NR=$build/newsroom

command -v tmux >/dev/null || { echo "bench/ui.sh: tmux is needed" >&2; exit 1; }
make -s -C "$build" newsroom bench/ui_gen >/dev/null || exit 1
mkdir -p "$TMPB"
if [ ! -f "$DB" ]; then
	echo "generating $N articles in $FEEDS feeds into $DB ..." >&2
	t0=$(date +%s)
	"$build/bench/ui_gen" "$DB.tmp" "$N" "$FEEDS" || exit 1
	mv "$DB.tmp" "$DB"
	[ -f "$DB.tmp-wal" ] && mv "$DB.tmp-wal" "$DB-wal"
	echo "generated in $(($(date +%s) - t0)) s" >&2
fi
"$NR" --db "$DB" list >/dev/null 2>&1 # migrate once, outside the timings

n=0
sock() { echo "$TMPB/tmux.$n.sock"; }
t() { tmux -S "$(sock)" -f /dev/null "$@"; }
stop() { t kill-server 2>/dev/null; }
trap 'stop' EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start W H CMD: a fresh tmux server running CMD; sets T0 to the start time
start() {
	stop
	n=$((n + 1))
	T0=$(now_ms)
	t new-session -d -s b -x "$1" -y "$2" "$3"
}
# wait_screen RE: polls the screen until it matches RE (30 s at most); echoes the time
wait_screen() {
	i=0
	while ! t capture-pane -p -t b 2>/dev/null | grep -q -- "$1"; do
		i=$((i + 1))
		[ $i -gt 30000 ] && { echo "bench/ui.sh: timed out waiting for $1" >&2; return 1; }
	done
	now_ms
}
# wait_gone RE: polls until the screen no longer matches RE; echoes the time
wait_gone() {
	while t capture-pane -p -t b 2>/dev/null | grep -q -- "$1"; do :; done
	now_ms
}
lines() { wc -l <"$TRACE" 2>/dev/null || echo 0; }
# key NAME KEY...: sends the keys one by one, each after the last was answered
key() {
	name=$1
	shift
	for k in "$@"; do
		before=$(lines)
		t send-keys -t b "$k"
		i=0
		while [ "$(lines)" -le "$before" ] && [ $i -lt 20000 ]; do i=$((i + 1)); done
		echo "$name|$(tail -n 1 "$TRACE" | cut -d' ' -f2,3)" >>"$TMPB/keys"
	done
}
# burst NAME KEY...: sends the keys at once, so that no idle time comes
# between them (counts taken in idle time are not there yet); the last key's
# time is recorded
burst() {
	name=$1
	shift
	before=$(lines)
	t send-keys -t b "$@"
	i=0
	while [ "$(lines)" -lt $((before + $#)) ] && [ $i -lt 20000 ]; do i=$((i + 1)); done
	echo "$name|$(tail -n 1 "$TRACE" | cut -d' ' -f2,3)" >>"$TMPB/keys"
}
# stats: "median max" of the numbers on stdin
stats() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit } m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f\n", m, v[NR] }'; }

: >"$TMPB/first" 
: >"$TMPB/keys"
for size in "200 50" "80 24"; do
	set -- $size
	for r in $(seq "$RUNS"); do
		start "$1" "$2" "sh -c 'echo \" Feeds (0)\"; sleep 30'"
		t1=$(wait_screen "Feeds (") || exit 1
		echo "$1x$2 floor $((t1 - T0))" >>"$TMPB/first"
		rm -f "$TRACE"
		start "$1" "$2" "NEWSROOM_UI_TRACE=$TRACE '$NR' --db '$DB'"
		t1=$(wait_screen "Feeds (") || exit 1
		t2=$(wait_gone "…")
		echo "$1x$2 draw $((t1 - T0))" >>"$TMPB/first"
		echo "$1x$2 counts $((t2 - T0))" >>"$TMPB/first"
		echo "$1x$2 inside $(grep first-draw "$TRACE" | cut -d' ' -f2)" >>"$TMPB/first"
		echo "$1x$2 cpu $(grep first-draw "$TRACE" | cut -d' ' -f3)" >>"$TMPB/first"
		if [ "$size" = "200 50" ]; then
			key "move in the feed list (j, k)" j k
			key "open All articles (count, first page)" Enter
			key "move in the article list (j, k)" j j j j j k k k k k
			key "page down (PgDn)" NPage NPage NPage
			key "to the end of 100,000 (G)" G
			key "back to the top (g)" g
			key "sort by feed (o), page, sort by date (o)" o NPage o
			key "sort by feed (o)" o
			key "by feed: page down (PgDn)" NPage NPage
			key "by feed: to the end (G), to the top (g)" G g
			key "sort by date (o)" o
			key "open an article" Enter
			key "next entity, statement (e, s)" e e s s
			key "scroll the article (j, Space)" j j Space
			key "unfold repeats (z)" z
			key "back to the list (q)" q
			key "next unread (n)" n
			key "back to the feeds (q)" q
			key "move in the feed list (j, k)" j j j
			key "open a feed (Enter)" Enter
			key "end of a feed (G)" G
			key "back (q)" q
			key "entity browser (B)" B
			key "back (q)" q
			key "speakers (W)" W
			key "move in the speakers (j)" j
			key "a speaker's statements (Enter)" Enter
			key "end of 300,000 statements (G)" G
			key "help (?)" '?'
			key "back (q)" q q q
			burst "speakers, then at once a speaker's statements, uncounted (W j Enter)" W j Enter
		fi
		t send-keys -t b Q
		i=0
		while ! grep -q idle-max "$TRACE" && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
		echo "$1x$2 idle $(grep idle-max "$TRACE" | cut -d' ' -f2)" >>"$TMPB/first"
		echo "$1x$2 idlecpu $(grep idle-max "$TRACE" | cut -d' ' -f3)" >>"$TMPB/first"
	done
done
stop

echo "## newsroom reader, $N articles in $FEEDS feeds ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo "| what | window | median ms | max ms | runs |"
echo "| --- | --- | --- | --- | --- |"
for size in 200x50 80x24; do
	for what in floor draw inside cpu counts idle idlecpu; do
		label=$(case $what in
			floor) echo "tmux floor: a shell printing the title" ;;
			draw) echo "first draw, seen in tmux (start to \"Feeds (N)\")" ;;
			inside) echo "first draw, the reader's own time (after the database opened)" ;;
			cpu) echo "first draw, the reader's CPU time (same span)" ;;
			counts) echo "feed list counts all in, seen in tmux" ;;
			idle) echo "longest step of idle-time work in a run (a key waits for it)" ;;
			idlecpu) echo "most CPU time of one idle-time step in a run" ;;
			esac)
		set -- $(grep "^$size $what " "$TMPB/first" | cut -d' ' -f3 | stats)
		echo "| $label | $size | $1 | $2 | $RUNS |"
	done
done
echo
echo "Keys at 200x50, the reader's own time from the key to the end of its refresh"
echo "(wall clock, and the reader's CPU time over the same span):"
echo
echo "| key | median ms | max ms | CPU median ms | CPU max ms | presses |"
echo "| --- | --- | --- | --- | --- | --- |"
cut -d'|' -f1 "$TMPB/keys" | awk '!seen[$0]++' | while read -r name; do
	one() { awk -F'|' -v n="$name" -v f="$1" '$1 == n { split($2, v, " "); print v[f] }' "$TMPB/keys"; }
	set -- $(one 1 | stats) $(one 2 | stats) $(one 1 | wc -l)
	echo "| $name | $1 | $2 | $3 | $4 | $5 |"
done
