#!/bin/sh
# ui_mouse.sh - the mouse in the reader: real xterm mouse reports written into
# the pane (X10 bytes for TERM=screen-256color, SGR for xterm-256color, as
# each terminfo entry's kmous asks), the wheel scrolls lists and articles, a
# click selects the row under the pointer, a second click (or a double click)
# opens it, a click on a folded line unfolds it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux.sh"
trap 'tmux_cleanup; cleanup' EXIT

FIX="$top_srcdir/tests/fixtures/ui"

# enough articles that a list is longer than the window
i=1
while [ $i -le 14 ]; do
	printf 'Tidewater ferry bulletin %02d\n\nThe Tidewater ferry ran its crossing number %d to Harnby on time.\n' \
		$i $i >"$TMPD/bulletin-$i.txt"
	i=$((i + 1))
done
nr import "$FIX/harbour-fine.txt" "$TMPD"/bulletin-*.txt >/dev/null 2>&1
check "articles imported" [ "$(nr list | grep -c .)" -eq 15 ]

W=80 H=12 # 10 rows of list: 15 articles do not fit

# x10hex B X Y: the bytes of an X10 mouse report, in hex (ESC [ M, then
# button, column, row, each + 32)
x10hex() { printf '1b 5b 4d %x %x %x ' $((32 + $1)) $((32 + $2)) $((32 + $3)); }
x10() { t send-keys -t ui -H $(x10hex "$@"); }
# sgr B X Y M|m: an SGR mouse report (ESC [ < B ; X ; Y, M press, m release)
sgr() { t send-keys -t ui -l "$(printf '\033[<%d;%d;%d%s' "$1" "$2" "$3" "$4")"; }
# click X Y (1-based), as a terminal reports a press and a release
click() { x10 0 "$1" "$2"; x10 3 "$1" "$2"; }
cursor_row() { t display-message -p -t ui '#{cursor_y}' 2>/dev/null; }
# wait_cursor N: polls until the terminal cursor (the reader keeps it on the focused row) is on row N
cursor_on() { [ "$(cursor_row)" = "$1" ]; }
wait_cursor() {
	poll cursor_on "$1" && return 0
	echo "  the cursor is on row $(cursor_row), not $1" >&2
	return 1
}
# title_of N: the title shown on screen row N (0-based) of the article list
title_of() { screen | sed -n "$(($1 + 1))p" | sed 's/^..[0-9-]*  //; s/ *$//'; }
# wait_title TEXT: polls until the title line (row 0) starts with TEXT
title_is() { case "$(screen | head -n 1)" in " $1"*) return 0 ;; esac; return 1; }
wait_title() {
	poll title_is "$1" && return 0
	echo "  the title line is: $(screen | head -n 1)" >&2
	return 1
}

start
wait_for "Feeds (" >/dev/null
check "the feed list starts on its first row" wait_cursor 1
click 5 3
check "a click selects the feed list row under the pointer" wait_cursor 2
click 5 3
check "a second click on it opens it" wait_for "Imported (15)"
settle
check "the list starts on its first row" wait_cursor 1
first=$(title_of 1)
x10 65 10 5 # wheel down, three rows a notch
check "the wheel down moves three rows" wait_cursor 4
x10 65 10 5
x10 65 10 5
x10 65 10 5
check "the wheel scrolls the list past the window" wait_cursor 10
settle
check "the rows above scrolled out of the window" [ "$(title_of 1)" != "$first" ]
x10 64 10 5
x10 64 10 5
x10 64 10 5
x10 64 10 5
x10 64 10 5
check "the wheel up comes back to the top" wait_cursor 1
settle
check "the first row is back" [ "$(title_of 1)" = "$first" ]
want=$(title_of 6)
click 30 7 # screen row 6
check "a click selects the article list row under the pointer" wait_cursor 6
click 30 7
check "a second click opens that article" wait_title "$want"
check "the article view shows its text" wait_for "The Tidewater ferry ran its crossing"
keys q
settle
# a double click opens at once (its clicks come about 100 ms apart)
want=$(title_of 3)
click 30 4
sleep 0.1
click 30 4
check "a double click opens the row under the pointer" wait_title "$want"
keys q
settle
# reports that reach the reader together (it was busy, or the clicks were
# fast) are all done, in order: ncurses gives one KEY_MOUSE for them
want=$(title_of 2)
t send-keys -t ui -H $(x10hex 0 30 3) $(x10hex 3 30 3) $(x10hex 0 30 3) $(x10hex 3 30 3)
check "a double click that arrives in one read opens the row" wait_title "$want"
keys q
settle
keys g
wait_cursor 1 >/dev/null
t send-keys -t ui -H $(x10hex 65 10 5) $(x10hex 65 10 5)
check "two wheel notches that arrive in one read move six rows" wait_cursor 7
# the article: the wheel scrolls its text, a click on a folded line unfolds it
keys /
keys -l 'Kestrel spill'
keys Enter Enter
check "the long article opens" wait_for "Harbour Safety Directorate (HSD) fined"
settle
before=$(screen | sed -n 2p)
x10 65 10 5
i=0
while [ "$(screen | sed -n 2p)" = "$before" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "the wheel scrolls the article" [ "$(screen | sed -n 2p)" != "$before" ]
x10 64 10 5
check "the wheel up scrolls it back" wait_line 2 "$before"
keys G
wait_for "Harbour regulator fines" >/dev/null
wait_for "repeated paragraphs folded" >/dev/null
settle
fold=$(screen | grep -n "repeated paragraphs folded" | head -n 1 | cut -d: -f1)
click 20 "$fold"
check "a click on the folded line unfolds the repeats" wait_gone "repeated paragraphs folded"
keys Q
check "the reader quits after mouse use" wait_for "EXIT=0"
check "the terminal is restored after mouse use" restored

# xterm's terminfo asks for SGR reports (kmous=\E[<): the same through them
start TERM=xterm-256color
wait_for "Feeds (" >/dev/null
sgr 0 5 3 M
sgr 0 5 3 m
check "SGR: a click selects the row under the pointer" wait_cursor 2
keys Enter
wait_for "Imported (15)" >/dev/null
settle
sgr 65 10 5 M
check "SGR: the wheel moves three rows" wait_cursor 4
want=$(title_of 8)
sgr 0 30 9 M
sgr 0 30 9 m
check "SGR: a click selects the article list row under the pointer" wait_cursor 8
sgr 0 30 9 M
sgr 0 30 9 m
check "SGR: a second click opens it" wait_title "$want"
# at 80 columns a title that does not fit says so
keys q q g Enter
wait_for "All articles (15)" >/dev/null
keys G
wait_for "Harbour regulator fines" >/dev/null
check "a title cut short at 80 columns ends with …" sh -c "tmux -S '$SOCK' capture-pane -p -t ui | grep -q 'Harbour regulator fines Norvik.*…\$'"
keys Q
check "SGR: the reader quits" wait_for "EXIT=0"

finish
