#!/bin/sh
# ui.sh - the reader itself, driven in a private tmux server: open an article,
# see entities coloured and statements led by their speakers, unfold repeats,
# tag, search, resize, quit with the terminal restored; config and NO_COLOR.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux.sh"
trap 'tmux_cleanup; cleanup' EXIT

FIX="$top_srcdir/tests/fixtures/ui"

nr import "$FIX/harbour-fine.txt" "$FIX/rail-tender.txt" >/dev/null 2>&1
check "fixtures imported" [ "$(nr list | grep -c .)" -ge 2 ]

start
check "the feed list is drawn" wait_for "Feeds ("
check "virtual feeds are listed" wait_for "All articles"
check "the status line hints at keys" wait_for "? keys"
check "q is offered as quit on the first screen" wait_for "q quit"
keys Enter
check "the article list shows the articles" wait_for "Ostmark Rail wins night-train tender"
check "the list offers to sort by feed" wait_for "o by feed"
check "q is offered as back below the first screen" wait_for "q back"
keys o
check "sorted by feed, o offers the date again" wait_for "o by date"
check "the hints follow a short message" wait_for "sorted by feed   Enter open"
keys o
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
check "on an entity, the hints are what can be done with it" wait_for "x reject"
keys s
check "s goes to a statement and names its speaker" wait_for "said (quoted)"
keys i
check "i asks for a note" wait_status "Note:"
keys -l "ask for the tank inspection records"
keys Enter
check "the note shows under its paragraph" wait_for "✎ ask for the tank inspection records"
check "the note is stored on the statement's words" \
	contains "$(nr note list 2>&1)" "ask for the tank inspection records"
keys g e
check "e focuses the first entity" wait_for "Harbour Safety Directorate (agency)"
keys e
check "e again focuses the next one" wait_gone "Harbour Safety Directorate (agency)"
name=$(screen | tail -n 1 | sed 's/ ([a-z]*) .*$//; s/ ([a-z]*)$//')
check "the status line names it" [ -n "$name" ]
keys x
check "x rejects the entity under the cursor" wait_for "reject $name"
check "a rejected entity is no longer highlighted" sh -c "! tmux -S '$SOCK' capture-pane -p -e -t ui | grep -q '${ESC}\[[0-9;]*m$name'"
keys '?'
check "? lists the bindings of the article view" wait_for "next-statement"
check "the help starts with the keys of its screen" wait_line 2 " This screen"
check "the moves and the keys of every screen come after" sh -c "tmux -S '$SOCK' capture-pane -p -t ui -S 0 -E 40 | grep -q '^ Moving'"
check "a help longer than the window says there is more" wait_status "PgDn more"
keys q t
check "t asks for tags" wait_status "Tags (-tag removes):"
keys -l "followup"
keys Enter
check "the tag is saved" wait_for "tags saved"
check "the tag is stored" contains "$(nr search tag:followup 2>&1)" "Norvik Steelworks"
keys q
check "the list shows the tag" wait_for "[followup]"
keys /
check "/ opens the search prompt" wait_status "Search:"
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
# the same from a blank line at the top of the window
i=0
while [ -n "$(screen | sed -n 2p)" ] && [ $i -lt 12 ]; do keys j; settle; i=$((i + 1)); done
top3=$(screen | sed -n 3p)
check "j can bring a blank line to the top" [ -z "$(screen | sed -n 2p)" ]
t resize-window -t ui -x 90 -y 24
settle
t resize-window -t ui -x 60 -y 20
check "a blank line at the top stays there across resizes" wait_line 3 "$top3"
t resize-window -t ui -x 80 -y 40
keys g
check "at 80 columns a person still leads by the family name" wait_for "Lindqvist ▸"
t resize-window -t ui -x 300 -y 40
check "at 300 columns the speaker leads too" wait_for "Lindqvist ▸"
settle
check "at 300 columns no line is wider than the window" [ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 300 ]
check "at 300 columns the text keeps a readable measure" \
	[ "$(screen | grep 'Lindqvist ▸' | sed 's/^ *//' | LC_ALL=C.UTF-8 wc -L)" -le 140 ]
t resize-window -t ui -x $W -y $H
settle
keys g e
wait_for "Harbour Safety Directorate (agency)" >/dev/null
keys =
check "= asks for the kind, offering the present one" wait_for "Kind of Harbour Safety Directorate"
keys C-u
keys -l org
keys Enter
check "the new kind is recorded and the article analyzed again" wait_for "kind Harbour Safety Directorate → org"
keys e
check "the entity now has the kind given" wait_for "Harbour Safety Directorate (org)"
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

# links open in $BROWSER, run without a shell: the URL arrives as one argument
nr import "$FIX/ferry-links.html" >/dev/null 2>&1
cat >"$TMPD/browser.sh" <<SH
#!/bin/sh
printf '%s\n' "\$#" "\$@" >"$TMPD/browser.out"
SH
chmod +x "$TMPD/browser.sh"
cat >"$TMPD/editor.sh" <<SH
#!/bin/sh
printf 'written in the editor\n# a comment line\n' >"\$1"
SH
chmod +x "$TMPD/editor.sh"
start BROWSER="$TMPD/browser.sh" VISUAL= EDITOR="$TMPD/editor.sh"
wait_for "Feeds (" >/dev/null
keys /
keys -l 'night crossing'
keys Enter Enter
check "an HTML article shows its numbered link" wait_for "[1]"
keys f
check "f asks which link" wait_status "Open link (1-1):"
keys 1 Enter
i=0
while [ ! -s "$TMPD/browser.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "the browser gets the URL as one argument, untouched by a shell" \
	[ "$(cat "$TMPD/browser.out" 2>/dev/null)" = "$(printf '1\nhttps://example.org/timetable?from=velstad&to=harnby;x=$(id)')" ]
check "the reader comes back after the browser" wait_for "opened https://example.org/timetable"
keys s I
check "I writes a note in \$EDITOR" wait_for "✎ written in the editor"
check "the editor's comment lines are left out" sh -c "! tmux -S '$SOCK' capture-pane -p -t ui | grep -q 'a comment line'"
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
