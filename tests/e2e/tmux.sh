# tmux.sh - sourced after lib.sh by the reader's end-to-end tests: runs the
# reader in a private tmux server (its own socket, no config, a fixed size)
# and polls the screen with a timeout instead of sleeping.
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed (.ci/deps.sh installs it)"
	exit 77
fi

SOCK="$TMPD/tmux.0.sock"
NSTART=0
W=120 H=32
ESC=$(printf '\033')

t() { tmux -S "$SOCK" -f /dev/null "$@"; }
# tmux_cleanup: stops every tmux server this test started (call it from the EXIT trap)
tmux_cleanup() {
	for s in "$TMPD"/tmux.*.sock; do
		[ -S "$s" ] && tmux -S "$s" -f /dev/null kill-server 2>/dev/null
	done
}

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
# poll CMD...: runs CMD every 50 ms, up to 10 s, until it succeeds
poll() {
	i=0
	while [ $i -lt 200 ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
shows() { case "$(screen)" in *"$1"*) return 0 ;; esac; return 1; }
status_is() { case "$(screen | tail -n 1)" in "$1"*) return 0 ;; esac; return 1; }
gone() { ! shows "$1"; }
# wait_for TEXT: polls the screen until it shows TEXT
wait_for() {
	poll shows "$1" && return 0
	echo "  timed out waiting for: $1" >&2
	screen | sed 's/^/  | /' >&2
	return 1
}
# wait_status TEXT: polls until the status line (the last row) starts with TEXT
wait_status() {
	poll status_is "$1" && return 0
	echo "  the status line is: $(screen | tail -n 1)" >&2
	return 1
}
# wait_gone TEXT: polls until the screen no longer shows TEXT
wait_gone() {
	poll gone "$1" && return 0
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
drawn_coloured() { screen -e | grep -q "${ESC}\[[0-9;]*m$1"; }
coloured() { poll drawn_coloured "$1"; }
# wait_line N TEXT: polls until row N of the screen is TEXT
line_is() { [ "$(screen | sed -n "$1p")" = "$2" ]; }
wait_line() {
	poll line_is "$1" "$2" && return 0
	echo "  row $1 is: $(screen | sed -n "$1p")" >&2
	echo "  expected:  $2" >&2
	return 1
}
