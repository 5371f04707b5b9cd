# bench/newsroom.sh - newsroom as a reader plugin for the shared bench harness
# (/work/shared/bench; interface: its readers/_template.sh). Run as
#   BENCH_DIR/run_reload.sh /path/to/newsroom/bench/newsroom.sh 200 50
# with the newsroom to measure on PATH. Store: one SQLite file (+ WAL).

reader_check()   { need newsroom; }
reader_version() { newsroom --version | head -n 1; }

# the corpus' urls file is a valid newsboat urls file, which newsroom reads as is;
# --per-host follows BENCH_JOBS because every corpus feed is on the one loopback host
reader_setup()   { cp "$URLS" "$STATE/urls"; }

NR_ARGS() { echo "--urls $STATE/urls --db $STATE/store"; }

reader_reset_cmd()   { echo "rm -f $STATE/store $STATE/store-wal $STATE/store-shm"; }
reader_reload_cmd()  { echo "newsroom $(NR_ARGS) fetch --jobs 16 --per-host $BENCH_JOBS"; }
reader_store_paths() { echo "$STATE/store $STATE/store-wal"; }
# articles that came from feeds (the demo articles of a new database are not counted)
reader_count_items() {
	newsroom --db "$STATE/store" list --json | grep '"id":' | grep -vc '"feed": null'
}

reader_ui_cmd()  { echo "newsroom $(NR_ARGS)"; }
READER_UI_READY='[Ff]eeds'
READER_UI_QUIT='q q'

reader_search_cmd() { echo "newsroom --db $STATE/store search $1"; }
READER_SEARCH_NOTE=''
READER_UI_SEARCH_KEYS='/'
READER_UI_SEARCH_READY=''
reader_store_query_cmd() { return 1; }
