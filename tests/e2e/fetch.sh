#!/bin/sh
# fetch.sh - fetching from a real HTTP server on 127.0.0.1: storing, conditional
# GETs, redirects, gzip, per-feed errors, exit codes, the same story in two feeds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"

out=$(nr add "$BASE/feeds/gazette.xml" --tag local --tag "sea news" 2>&1); rc=$?
check "add exits 0" [ $rc -eq 0 ]
check "add says added" contains "$out" "added	$BASE/feeds/gazette.xml"
out=$(nr add "$BASE/feeds/gazette.xml" 2>&1)
check "adding twice says so" contains "$out" "already subscribed"
nr add "$BASE/feeds/harbour.atom" >/dev/null
out=$(nr add "ftp://127.0.0.1/x.xml" 2>&1); rc=$?
check "add refuses a non-http URL" [ $rc -eq 2 ]
check "add names the bad URL" contains "$out" "'ftp://127.0.0.1/x.xml' is not an http or https URL"

mark=$(srv_mark)
out=$(nr fetch 2>&1); rc=$?
check "first fetch exits 0" [ $rc -eq 0 ]
check "first fetch summary counts new articles" contains "$out" "2 feeds fetched"
check "first fetch stores 4 distinct articles" contains "$out" "4 new articles"
reqs=$(srv_since "$mark")
check "first fetch is unconditional" [ "$(printf '%s\n' "$reqs" | grep -c 'cond=0')" -eq 2 ]
check "the User-Agent names newsroom" contains "$reqs" "ua=newsroom/"

out=$(nr list)
check "articles are stored" contains "$out" "Ferry operator orders two electric vessels"
check "atom entries are stored" contains "$out" "Dock workers agree new shift pattern"
check "the same story in two feeds is stored once" \
	[ "$(printf '%s\n' "$out" | grep -c 'Regional grid agency approves offshore cable')" -eq 1 ]
# fetch stores without checking foreign keys (store_bulk): what it stored must pass the check
fk=$(python3 -c 'import sqlite3,sys; print(len(sqlite3.connect(sys.argv[1]).execute("PRAGMA foreign_key_check").fetchall()))' "$DB")
check "a fetch leaves no row without its parent" [ "$fk" = 0 ]
out=$(nr feeds)
check "feeds shows the feed's own title" contains "$out" "Kestrel Bay Gazette"
check "feeds shows tags" contains "$out" "[local, sea news]"
check "the shared story is listed under both feeds" contains "$out" "2 articles, 2 unread"
check "feeds shows 3 articles for the gazette" contains "$out" "3 articles, 3 unread"

mark=$(srv_mark)
out=$(nr fetch 2>&1); rc=$?
check "second fetch exits 0" [ $rc -eq 0 ]
reqs=$(srv_since "$mark")
check "second fetch sends conditional requests only" \
	[ "$(printf '%s\n' "$reqs" | grep -c 'cond=1')" -eq 2 ]
check "second fetch gets two 304s" [ "$(printf '%s\n' "$reqs" | grep -c '^304 ')" -eq 2 ]
check "second fetch reports them not modified" contains "$out" "2 not modified"

# a new item on the server: a conditional request gets a 200 and one new article
sed -i 's|<item>|<item><title>Lighthouse keeper retires after 31 years</title><link>http://gazette.example/2026/keeper</link><guid isPermaLink="false">gazette-2026-0103</guid><description>Ebba Strand switched off the Skerrow light for the last time.</description></item>\n<item>|' "$SRV_ROOT/gazette.xml"
mark=$(srv_mark)
out=$(nr fetch 2>&1)
check "a changed feed yields its one new article" contains "$out" "1 new article,"
check "the changed feed answered 200 to a conditional request" \
	contains "$(srv_since "$mark")" "200 /feeds/gazette.xml cond=1"

# the feed itself names one feed by id or URL
out=$(nr fetch 2 2>&1)
check "fetch ID fetches only that feed" contains "$out" "1 feed fetched"
out=$(nr fetch "$BASE/nowhere.xml" 2>&1); rc=$?
check "fetch of an unknown feed exits 1" [ $rc -eq 1 ]
check "fetch of an unknown feed names it" contains "$out" "no feed '$BASE/nowhere.xml'"

# redirects: a permanent one moves the feed, a temporary one does not
cp "$SRV_ROOT/harbour.atom" "$SRV_ROOT/relay.atom"
cp "$SRV_ROOT/harbour.atom" "$SRV_ROOT/relay2.atom"
cp "$SRV_ROOT/gazette.xml" "$SRV_ROOT/zipped.xml"
nr add "$BASE/moved/relay.atom" >/dev/null
nr add "$BASE/temp/relay2.atom" >/dev/null
nr add "$BASE/gzip/zipped.xml" >/dev/null
out=$(nr fetch 2>&1); rc=$?
check "fetch with redirects and gzip exits 0" [ $rc -eq 0 ]
out=$(nr feeds --json)
check "a 301 updates the stored URL" contains "$out" "\"url\": \"$BASE/feeds/relay.atom\""
check "a 302 keeps the stored URL" contains "$out" "\"url\": \"$BASE/temp/relay2.atom\""
check "the gzip feed is stored" contains "$(nr feeds)" "$BASE/gzip/zipped.xml
      4 articles"
mark=$(srv_mark)
nr fetch >/dev/null 2>&1
reqs=$(srv_since "$mark")
check "the moved feed is fetched at its new URL" contains "$reqs" "304 /feeds/relay.atom cond=1"
check "the old URL is not asked again" lacks "$reqs" "/moved/relay.atom"
check "the gzip feed gets a 304 too" contains "$reqs" "304 /gzip/zipped.xml cond=1"

# a server with no validators: the same bytes again are not parsed again
cp "$SRV_ROOT/harbour.atom" "$SRV_ROOT/bare.atom"
D5="$TMPD/bare.db"
"$NEWSROOM" --db "$D5" add "$BASE/plain/bare.atom" >/dev/null
"$NEWSROOM" --db "$D5" fetch >/dev/null 2>&1
mark=$(srv_mark)
out=$("$NEWSROOM" --db "$D5" fetch 2>&1)
check "a feed without validators is asked unconditionally" contains "$(srv_since "$mark")" "200 /plain/bare.atom cond=0"
check "the same body again counts as not modified" contains "$out" "0 new articles, 0 updated, 1 not modified"
sed -i 's|four-shift pattern|five-shift pattern|' "$SRV_ROOT/bare.atom"
out=$("$NEWSROOM" --db "$D5" fetch 2>&1)
check "a changed body is parsed and the changed item updated" contains "$out" "0 new articles, 1 updated, 0 not modified"

# a feed's <ttl> keeps a plain fetch away until it is over; --force does not wait
sed 's|<channel>|<channel><ttl>60</ttl>|' "$SRV_ROOT/gazette.xml" >"$SRV_ROOT/ttl.xml"
D6="$TMPD/ttl.db"
"$NEWSROOM" --db "$D6" add "$BASE/feeds/ttl.xml" >/dev/null
"$NEWSROOM" --db "$D6" fetch >/dev/null 2>&1
mark=$(srv_mark)
out=$("$NEWSROOM" --db "$D6" fetch 2>&1); rc=$?
check "a feed within its TTL is skipped" lacks "$(srv_since "$mark")" "/feeds/ttl.xml"
check "skipping for the TTL is no failure" [ $rc -eq 0 ]
check "the TTL skip is counted" contains "$out" "1 skipped (TTL or Retry-After"
"$NEWSROOM" --db "$D6" fetch --force >/dev/null 2>&1
check "--force fetches a feed within its TTL" contains "$(srv_since "$mark")" "/feeds/ttl.xml"

# bad feeds: each gets its own error and the others are stored anyway
for p in error page slow huge huge-length bomb busy; do nr add "$BASE/$p" >/dev/null; done
cp "$SRV_ROOT/gazette.xml" "$SRV_ROOT/late.xml"
nr add "$BASE/feeds/late.xml" >/dev/null
out=$(nr fetch --timeout 2 --max-size 512k 2>&1); rc=$?
check "a fetch with bad feeds exits 1" [ $rc -eq 1 ]
check "a good feed among bad ones is stored" contains "$(nr feeds)" "$BASE/feeds/late.xml
      4 articles"
check "HTTP 500 is named with the feed URL" contains "$out" "$BASE/error: HTTP 500"
check "an HTML page is named, with the feed it links to" \
	contains "$out" "$BASE/page: an HTML page, not a feed; it links to a feed at $BASE/feeds/gazette.xml"
check "a hung server times out" contains "$out" "$BASE/slow: timed out"
check "an oversize body is refused" contains "$out" "$BASE/huge: the body is larger than 524288 bytes"
check "an oversize Content-Length is refused" contains "$out" "$BASE/huge-length: the body is larger"
check "a gzip bomb is stopped after decompression" contains "$out" "$BASE/bomb: the body is larger"
check "a 429 names its Retry-After" contains "$out" "$BASE/busy: HTTP 429"
feeds=$(nr feeds)
check "feeds shows the stored error" contains "$feeds" "error: HTTP 500"
check "feeds shows the timeout" contains "$feeds" "error: timed out"
mark=$(srv_mark)
out=$(nr fetch --timeout 2 --max-size 512k 2>&1)
check "Retry-After is honoured by a plain fetch" lacks "$(srv_since "$mark")" "/busy"
check "the skipped feed is counted" contains "$out" "1 skipped"
mark=$(srv_mark)
nr fetch --force --timeout 2 --max-size 512k busy >/dev/null 2>&1
nr fetch --force --timeout 2 --max-size 512k "$BASE/busy" >/dev/null 2>&1
check "--force ignores Retry-After" contains "$(srv_since "$mark")" "429 /busy"

# a feed that cannot be stored fails whole and alone: feeds share a transaction,
# which it rolls back, and the others in it are fetched again (a trigger planted
# in the database refuses one item of the feed that arrives last, so that the
# other feeds are already in the transaction)
D7="$TMPD/part.db"
sed 's|Dock workers agree new shift pattern|Poisoned dock story|' "$SRV_ROOT/harbour.atom" >"$SRV_ROOT/poison.atom"
"$NEWSROOM" --db "$D7" add "$BASE/feeds/gazette.xml" >/dev/null
"$NEWSROOM" --db "$D7" add "$BASE/error" >/dev/null
"$NEWSROOM" --db "$D7" add "$BASE/late/poison.atom" >/dev/null
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TRIGGER poison BEFORE INSERT ON article WHEN new.title LIKE \"Poisoned%\" BEGIN SELECT RAISE(ABORT, \"refused by the test\"); END"); c.commit()' "$D7"
mark=$(srv_mark)
out=$("$NEWSROOM" --db "$D7" fetch 2>&1); rc=$?
check "the feed stored before the failure is fetched again, once" [ "$(srv_since "$mark" | grep -c ' /feeds/gazette.xml ')" -eq 2 ]
check "the summary counts each feed once" contains "$out" "3 feeds fetched"
check "the summary counts the stored articles once" contains "$out" ": 4 new articles, "
check "the summary counts the failures once" contains "$out" ", 2 failed"
check "a feed that cannot be stored makes the fetch exit 1" [ $rc -eq 1 ]
check "the unstorable feed is named with the reason" contains "$out" "$BASE/late/poison.atom: "
check "the unstorable feed's reason is SQLite's" contains "$out" "refused by the test"
out=$("$NEWSROOM" --db "$D7" feeds 2>&1)
check "the other feed of the batch is stored whole" contains "$out" "$BASE/feeds/gazette.xml
      4 articles"
check "the unstorable feed keeps none of its items" contains "$out" "$BASE/late/poison.atom
      0 articles"
check "a feed that failed in the rolled-back batch keeps its error" contains "$out" "error: HTTP 500"
fts=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO article_fts(article_fts) VALUES (\"integrity-check\")"); print(c.execute("SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", ("electric",)).fetchone()[0])' "$D7" 2>&1)
check "the search index matches what was stored" [ "$fts" = 1 ]

# a transaction that cannot be saved (here its entity rows, written at the
# commit, are refused): its feeds are fetched again, one transaction each, and
# only the one that cannot be stored fails
D8="$TMPD/commit.db"
# the poisoned story last, so that nothing writes its rows before the commit
python3 -c 'import re,sys; t=open(sys.argv[1]).read(); e=re.findall(r"<entry>.*?</entry>\n", t, re.S); open(sys.argv[2], "w").write(t.replace("".join(e), "".join(reversed(e))))' "$SRV_ROOT/poison.atom" "$SRV_ROOT/poison-last.atom"
"$NEWSROOM" --db "$D8" add "$BASE/feeds/gazette.xml" >/dev/null
"$NEWSROOM" --db "$D8" add "$BASE/late/poison-last.atom" >/dev/null
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TRIGGER poison BEFORE INSERT ON entity_article WHEN (SELECT title FROM article WHERE id = new.article_id) LIKE \"Poisoned%\" BEGIN SELECT RAISE(ABORT, \"refused at the commit\"); END"); c.commit()' "$D8"
mark=$(srv_mark)
out=$("$NEWSROOM" --db "$D8" fetch 2>&1); rc=$?
check "a transaction that cannot be saved makes the fetch exit 1" [ $rc -eq 1 ]
check "the failed commit is named with its reason" contains "$out" "refused at the commit; the 2 feeds of the transaction will be fetched again"
check "each feed of the failed transaction is fetched again" [ "$(srv_since "$mark" | grep -c -e ' /feeds/gazette.xml ' -e ' /late/poison-last.atom ')" -eq 4 ]
check "the feed that cannot be stored fails alone" contains "$out" "1 failed"
out=$("$NEWSROOM" --db "$D8" feeds 2>&1)
check "a feed of the failed transaction is stored on its own" contains "$out" "$BASE/feeds/gazette.xml
      4 articles"
check "the feed that cannot be stored keeps none of its items" contains "$out" "$BASE/late/poison-last.atom
      0 articles"

# a feed from a urls file keeps its state from one run to the next
cp "$SRV_ROOT/harbour.atom" "$SRV_ROOT/listed.atom"
printf '%s listed "~Listed Watch"\n' "$BASE/feeds/listed.atom" >"$TMPD/urls"
"$NEWSROOM" --db "$TMPD/urls.db" --urls "$TMPD/urls" fetch >/dev/null 2>&1
mark=$(srv_mark)
out=$("$NEWSROOM" --db "$TMPD/urls.db" --urls "$TMPD/urls" fetch 2>&1); rc=$?
check "a urls-file feed is fetched again with exit 0" [ $rc -eq 0 ]
check "a urls-file feed gets a 304 the second time" contains "$(srv_since "$mark")" "304 /feeds/listed.atom cond=1"
out=$("$NEWSROOM" --db "$TMPD/urls.db" --urls "$TMPD/urls" feeds 2>&1)
check "a urls-file feed keeps its articles" contains "$out" "Listed Watch  $BASE/feeds/listed.atom  [listed]
      2 articles"

# remove: articles only the removed feed carried go, unless they hold the user's data
D4="$TMPD/rm.db"
rmnr() { "$NEWSROOM" --db "$D4" "$@"; }
rmnr add "$BASE/feeds/gazette.xml" >/dev/null
rmnr add "$BASE/feeds/harbour.atom" >/dev/null
rmnr fetch >/dev/null 2>&1
id=$(rmnr list | grep 'Dock workers' | awk '{print $1}')
rmnr tag "$id" keep >/dev/null 2>&1
out=$(rmnr remove "$BASE/feeds/harbour.atom" 2>&1); rc=$?
check "remove exits 0" [ $rc -eq 0 ]
check "remove counts what it deleted" contains "$out" "0 articles deleted"
out=$(rmnr feeds)
check "the removed feed is gone" lacks "$out" "$BASE/feeds/harbour.atom"
out=$(rmnr list)
check "a story another feed carries is kept" contains "$out" "Regional grid agency approves offshore cable"
check "a tagged article of the removed feed is kept" contains "$out" "Dock workers agree new shift pattern"
out=$(rmnr remove 1 2>&1)
check "remove by id deletes the feed's own articles" contains "$out" "4 articles deleted"
out=$(rmnr list)
check "the removed feed's articles are gone" lacks "$out" "Ferry operator orders"
check "the tagged article is still kept" contains "$out" "Dock workers agree new shift pattern"
out=$(rmnr remove 9999 2>&1); rc=$?
check "removing an unknown feed exits 1" [ $rc -eq 1 ]
check "removing an unknown feed names it" contains "$out" "no feed '9999'"

finish
