#!/bin/sh
# ui_reload.sh - 'r' in the reader fetches every feed in the background from a
# test HTTP server on 127.0.0.1: progress and the result in the status line,
# new counts in the feed list, a failing feed marked, and keys answered while
# a slow feed is still downloading.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
. "$(dirname "$0")/tmux.sh"
trap 'kill "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null; tmux_cleanup; cleanup' EXIT

nr add "$BASE/feeds/gazette.xml" --tag local >/dev/null 2>&1
nr add "$BASE/feeds/harbour.atom" >/dev/null 2>&1
nr add "$BASE/feeds/missing.xml" >/dev/null 2>&1
check "three feeds subscribed" [ "$(nr feeds 2>/dev/null | grep -c "$BASE")" -eq 3 ]

start
check "the feed list shows the feeds" wait_for "Feeds (3)"
keys r
check "r reloads and says how it went" wait_for "reload done: 3 feeds fetched"
check "a failing feed makes the result say so" wait_for "1 failed"
check "the fetched feed has its title and count" wait_for "Kestrel Bay Gazette"
check "the feed's tag is shown" wait_for "[local]"
check "the failing feed is marked with its error" wait_for "! "
keys Q
wait_for "EXIT=0" >/dev/null

# a slow feed: the reader answers keys while it downloads
nr add "$BASE/slow" >/dev/null 2>&1
start
wait_for "Feeds (4)" >/dev/null
keys r
check "the reload's progress is in the status line" wait_for "reloading: 3/4 feeds"
keys Enter
check "keys are answered during the reload" wait_for "All articles ("
check "the reload is still going" wait_for "reloading"
keys Q
check "quitting during a reload exits at once" wait_for "EXIT=0"

finish
