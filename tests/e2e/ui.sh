#!/bin/sh
# ui.sh - the reader itself, driven in a private tmux server: open an article,
# see entities coloured and statements led by their speakers, unfold repeats,
# tag, search, resize, quit with the terminal restored; config and NO_COLOR.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed (.ci/deps.sh installs it)"
	exit 77
fi

FIX="$top_srcdir/tests/fixtures/ui"
SOCK="$TMPD/tmux.0.sock"
NSTART=0
W=120 H=32
ESC=$(printf '\033')

t() { tmux -S "$SOCK" -f /dev/null "$@"; }
cleanup_tmux() {
	for s in "$TMPD"/tmux.*.sock; do
		[ -S "$s" ] && tmux -S "$s" -f /dev/null kill-server 2>/dev/null
	done
	rm -rf "$TMPD"
}
trap cleanup_tmux EXIT

# start [ENV=VALUE...]: runs the reader in a fresh pane; when it exits, the
# pane prints its exit status and the terminal modes, then waits to be read.
start() {
	t kill-server 2>/dev/null
	# a fresh server each time: a dying one may still hold the old socket
	NSTART=$((NSTART + 1))
	SOCK="$TMPD/tmux.$NSTART.sock"
	t new-session -d -s ui -x $W -y $H \
		"env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
		TERM=screen-256color LC_ALL=C.UTF-8 $* '$NEWSROOM' --db '$DB'; \
		echo EXIT=\$?; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo; \
		sleep 60"
}
screen() { t capture-pane -p -t ui "$@"; }
keys() { t send-keys -t ui "$@"; }
# wait_for TEXT: polls the screen (every 50 ms, up to 10 s) until it shows TEXT
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	echo "  timed out waiting for: $1" >&2
	screen | sed 's/^/  | /' >&2
	return 1
}
# wait_gone TEXT: polls until the screen no longer shows TEXT
wait_gone() {
	i=0
	while [ $i -lt 200 ]; do
		case "$(screen)" in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	echo "  still showing: $1" >&2
	return 1
}
# settle: waits (up to 2 s) until the screen stops changing
settle() {
	i=0 last=
	while [ $i -lt 40 ]; do
		sleep 0.05
		now=$(screen)
		[ "$now" = "$last" ] && return 0
		last=$now
		i=$((i + 1))
	done
}
# restored: after the reader exits, the pane's terminal is in canonical mode with echo
restored() {
	i=0
	while [ $i -lt 100 ] && ! screen | grep -qx -e echo -e -echo; do
		sleep 0.05
		i=$((i + 1))
	done
	screen | grep -qx icanon && screen | grep -qx echo
}
# coloured TEXT: TEXT is drawn right after an SGR sequence (a highlight)
coloured() {
	i=0
	while [ $i -lt 200 ]; do
		screen -e | grep -q "${ESC}\[[0-9;]*m$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# wait_line N TEXT: polls until row N of the screen is TEXT
wait_line() {
	i=0
	while [ $i -lt 200 ]; do
		[ "$(screen | sed -n "$1p")" = "$2" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "  row $1 is: $(screen | sed -n "$1p")" >&2
	echo "  expected:  $2" >&2
	return 1
}

nr import "$FIX/harbour-fine.txt" "$FIX/rail-tender.txt" >/dev/null 2>&1
check "fixtures imported" [ "$(nr list | grep -c .)" -ge 2 ]

start
check "the feed list is drawn" wait_for "Feeds ("
check "virtual feeds are listed" wait_for "All articles"
check "the status line hints at keys" wait_for "? keys"
keys Enter
check "the article list shows the articles" wait_for "Ostmark Rail wins night-train tender"
# the demo articles are in the list too: find ours
keys /
keys -l 'Kestrel spill'
keys Enter
check "a word search finds the article" wait_for "Search: Kestrel spill (1)"
keys Enter
check "the article opens" wait_for "fines Norvik Steelworks over Kestrel Bay spill"
check "the article is wrapped to the window" wait_for "Harbour Safety Directorate (HSD) fined"
check "entities are coloured" coloured "Harbour Safety Directorate"
check "the company is coloured" coloured "Norvik Steelworks"
check "a statement is led by its speaker's short name" wait_for "HSD ▸"
check "a person speaker is led by the family name" wait_for "Lindqvist ▸"
check "repeated paragraphs are folded into one line" wait_for "3 repeated paragraphs folded"
check "wide characters are drawn" wait_for "東京の商社も"
keys z
check "z unfolds the repeats" wait_gone "repeated paragraphs folded"
check "unfolded repeats are marked" wait_for "dup"
keys z e
check "e goes to an entity and names it" wait_for "(agency)"
keys s
check "s goes to a statement and names its speaker" wait_for "said (quoted)"
keys '?'
check "? lists the bindings of the article view" wait_for "next-statement"
keys q t
check "t asks for tags" wait_for "Tags (-tag removes):"
keys -l "followup"
keys Enter
check "the tag is saved" wait_for "tags saved"
check "the tag is stored" contains "$(nr search tag:followup 2>&1)" "Norvik Steelworks"
keys q
check "the list shows the tag" wait_for "[followup]"
keys /
check "/ opens the search prompt" wait_for "Search ("
keys -l 'agency:HSD'
keys Enter
check "an agency search finds the article" wait_for "Search: agency:HSD (1)"
keys /
keys -l 'company:('
keys Enter
check "a bad query is told in the status line" wait_for "search: column"
keys Enter
check "a search result opens" wait_for "HSD ▸"
t resize-window -t ui -x 60 -y 20
wait_for "HSD ▸" >/dev/null
settle
before=$(screen | sed -n 2p)
keys j j j
i=0
while [ "$(screen | sed -n 2p)" = "$before" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
settle
top=$(screen | sed -n 2p)
check "j scrolls the article" [ "$top" != "$before" ]
t resize-window -t ui -x 90 -y 24
i=0
while [ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 60 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
settle
check "a resize redraws at the new width" [ "$(screen | LC_ALL=C.UTF-8 wc -L)" -gt 60 ]
check "no line is wider than the window" [ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 90 ]
t resize-window -t ui -x 60 -y 20
check "the reading position is kept across resizes" wait_line 2 "$top"
t resize-window -t ui -x $W -y $H
settle
keys Q
check "Q quits with status 0" wait_for "EXIT=0"
check "the terminal is restored" restored

# SIGTERM restores the terminal too
start
wait_for "Feeds (" >/dev/null
pid=$(pgrep -f -n -- "--db $DB") || pid=
if [ -n "$pid" ]; then
	kill -TERM "$pid"
	check "SIGTERM ends the reader" wait_for "EXIT=143"
	check "SIGTERM restores the terminal" restored
else
	not_ok "the reader's process was found"
fi

# the config file: bindings, a theme, and a message naming a bad line
mkdir -p "$XDG_CONFIG_HOME/newsroom"
printf 'theme light\nbind X quit\nbind y frobnicate\n' >"$XDG_CONFIG_HOME/newsroom/config"
start
check "a bad config line is named with its file and line" wait_for "config:3: unknown action 'frobnicate'"
keys X
check "a key bound in the config works" wait_for "EXIT=0"
rm "$XDG_CONFIG_HOME/newsroom/config"

# NO_COLOR: attributes only
start NO_COLOR=1
wait_for "Feeds (" >/dev/null
keys /
keys -l 'Kestrel spill'
keys Enter Enter
wait_for "HSD ▸" >/dev/null
check "NO_COLOR draws no colour" sh -c "! tmux -S '$SOCK' capture-pane -p -e -t ui | grep -Eq '${ESC}\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'"
keys Q

# text from files never reaches the terminal as escape sequences
printf 'Hostile \033]2;pwned\007headline\n\nBody with \033[2J a clear-screen and \033P bytes.\n' >"$TMPD/hostile.txt"
nr import "$TMPD/hostile.txt" >/dev/null 2>&1
start
wait_for "Feeds (" >/dev/null
keys /
keys -l 'clear-screen'
keys Enter Enter
check "a hostile article opens" wait_for "Hostile"
check "its escape sequences did not set the window title" sh -c "[ \"\$(tmux -S '$SOCK' display-message -p -t ui '#{pane_title}')\" != pwned ]"
check "the rest of its text is shown" wait_for "a clear-screen and"
keys Q

# the story this project was first asked about, when it is there
if [ -f "$SHARED_DIR/articles/micron-cac-probe.txt" ]; then
	nr import "$SHARED_DIR/articles/micron-cac-probe.txt" >/dev/null 2>&1
	start
	wait_for "Feeds (" >/dev/null
	keys /
	keys -l 'Micron'
	keys Enter
	wait_for "Search: Micron" >/dev/null
	keys Enter
	check "micron: the article opens" wait_for "China launches probe into US chip maker"
	check "micron: CAC is highlighted" coloured "CAC"
	check "micron: Micron is highlighted" coloured "Micron"
	check "micron: the CAC's statement is led by CAC" wait_for "CAC ▸"
	check "micron: Micron's statements are led by Micron" wait_for "Micron ▸"
	keys G
	check "micron: 7 repeated paragraphs are folded" wait_for "7 repeated paragraphs folded"
	keys z
	check "micron: z unfolds them" wait_gone "7 repeated paragraphs folded"
	keys Q
else
	echo "# skipped the Micron story: $SHARED_DIR/articles/micron-cac-probe.txt is absent"
fi

finish
