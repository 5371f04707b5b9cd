#!/bin/sh
# hostile_feed.sh - feeds written to hurt, fetched from 127.0.0.1: escape
# sequences in titles and authors, javascript: and file: links, a 1 MiB title;
# and a fetch killed with SIGKILL part-way.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"

esc=$(printf '\033')
python3 - "$SRV_ROOT" <<'PY'
import sys
root = sys.argv[1]
evil = "Evil &#x9b;2J title \u202e reversed"
items = [
    '<item><title>%s</title><link>javascript:alert(1)</link><guid>g1</guid>'
    '<author>x@example.invalid (Bad \u0085Author)</author>'
    '<description><![CDATA[<p><a href="javascript:alert(2)">click</a> and '
    '<a href="file:///etc/passwd">a file</a> and '
    '<a href="https://127.0.0.1/ok">fine</a></p>]]></description></item>' % evil,
    '<item><title>File link item</title><link>file:///etc/passwd</link><guid>g2</guid>'
    '<description>body text here</description></item>',
    '<item><title>Long%s</title><link>http://127.0.0.1/long</link><guid>g3</guid>'
    '<description>long title</description></item>' % ("x" * (1 << 20)),
]
with open(root + "/hostile.xml", "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile &#x1b;[5m feed'
            '</title><link>http://127.0.0.1/</link>%s</channel></rss>' % "".join(items))
# many small feeds for the kill test, each with five stories of its own
for i in range(150):
    with open("%s/k%03d.xml" % (root, i), "w") as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>K%d</title>' % i)
        for j in range(5):
            f.write('<item><title>Story %d of feed %d</title><guid>k%d-%d</guid>'
                    '<description>The Kestrel Harbour Board said on day %d that traffic rose, '
                    'officials added. %s</description></item>' % (j, i, i, j, j, "More text. " * 200))
        f.write('</channel></rss>')
PY

nr add "$BASE/feeds/hostile.xml" >/dev/null
out=$(nr fetch 2>&1); rc=$?
check "a hostile feed is fetched" [ $rc -eq 0 ]
check "fetch output carries no ESC" lacks "$out" "$esc"
out=$(nr list 2>&1)
check "list carries no ESC" lacks "$out" "$esc"
check "list carries no C1 CSI" lacks "$out" "$(printf '\302\233')"
check "list carries no bidi override" lacks "$out" "$(printf '\342\200\256')"
check "the 1 MiB title is stored" contains "$out" "Longxxxx"
out=$(nr feeds 2>&1)
check "feeds carries no ESC" lacks "$out" "$esc"
out=$(nr list --json)
check "a javascript: item link is not stored" lacks "$out" "javascript:"
check "a file: item link is not stored" lacks "$out" "file:"
id=$(nr list | awk '/Evil/ {print $1}')
links=$(nr show --json "$id" | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["links"]))')
check "javascript: links in the text are dropped" lacks "$links" "javascript:"
check "file: links in the text are dropped" lacks "$links" "file:"
check "https links in the text are kept" contains "$links" "https://127.0.0.1/ok"

# shell metacharacters in a feed URL are only part of a URL: nothing runs them
# (no spaces, so that the URL is accepted; in sh each of these creates a file)
bad="$BASE/feeds/k000.xml?a=\$(>$TMPD/pwned1)&b=\`>$TMPD/pwned2\`;>$TMPD/pwned3"
out=$(nr add "$bad" 2>&1); rc=$?
check "a URL with shell metacharacters is accepted as a URL" [ $rc -eq 0 ]
nr fetch >/dev/null 2>&1
nr feeds >/dev/null 2>&1
nr export-opml >/dev/null 2>&1
check "metacharacters in a feed URL run nothing" \
	test ! -e "$TMPD/pwned1" -a ! -e "$TMPD/pwned2" -a ! -e "$TMPD/pwned3"
nr remove "$bad" >/dev/null 2>&1

# kill -9 during a fetch: every feed that finished is stored whole
integrity() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"; }
done_feeds() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM feed WHERE last_ok IS NOT NULL AND url LIKE ?", ("%/k%",)).fetchone()[0])' "$1"; }
i=0
while [ $i -lt 150 ]; do printf '%s/feeds/k%03d.xml\n' "$BASE" $i; i=$((i + 1)); done >"$TMPD/urls"
"$NEWSROOM" --db "$DB" --urls "$TMPD/urls" feeds >/dev/null 2>&1
"$NEWSROOM" --db "$DB" --urls "$TMPD/urls" fetch --jobs 2 >/dev/null 2>&1 &
pid=$!
n=0
while [ "$(done_feeds "$DB")" -lt 5 ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
finished=$(done_feeds "$DB")
check "kill -9 during fetch: integrity check passes" [ "$(integrity "$DB")" = ok ]
check "kill -9 during fetch: it was killed part-way ($finished of 150 feeds)" test "$finished" -ge 5 -a "$finished" -lt 150
whole=$(python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT f.id, (SELECT count(*) FROM feed_article fa WHERE fa.feed_id = f.id) FROM feed f WHERE f.last_ok IS NOT NULL AND f.url LIKE ?", ("%/k%",)).fetchall()
print(sum(1 for _, n in rows if n == 5), len(rows))' "$DB")
check "kill -9 during fetch: every finished feed has all its articles ($whole)" [ "${whole% *}" = "${whole#* }" ]
out=$("$NEWSROOM" --db "$DB" --urls "$TMPD/urls" fetch 2>&1); rc=$?
check "a fetch after the kill completes" [ $rc -eq 0 ]
check "every feed is stored after the second fetch" [ "$(done_feeds "$DB")" -eq 150 ]

finish
