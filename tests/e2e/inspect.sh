#!/bin/sh
# inspect.sh - `newsroom inspect --json` checked field by field, the text
# summary, errors, `newsroom render`, and inspect of a URL on 127.0.0.1.
. "$top_srcdir/tests/e2e/lib.sh"
FX="$top_srcdir/tests/fixtures/feeds"

# jcheck FILE PYTHON-EXPR...: each expression, with j = the parsed JSON, must be true
jcheck() {
	python3 - "$@" <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
bad = [e for e in sys.argv[2:] if not eval(e)]
for e in bad:
    print("  failed: " + e, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

nr inspect "$FX/rss20.xml" --json >"$TMPD/rss.json"
check "inspect rss --json exits 0" test $? -eq 0
check "inspect rss feed fields" jcheck "$TMPD/rss.json" \
	'list(j) == ["feed", "items"]' \
	'list(j["feed"]) == ["title", "link", "subtitle", "updated", "id", "author", "language"]' \
	'j["feed"]["title"] == "Harbor & Hill Gazette"' \
	'j["feed"]["link"] == "https://gazette.example/"' \
	'j["feed"]["subtitle"] == "Local news from Port Ellery"' \
	'j["feed"]["updated"] == "2026-03-03T09:15:00Z"' \
	'j["feed"]["id"] is None' \
	'j["feed"]["author"] == "Mira Okafor"' \
	'j["feed"]["language"] == "en-gb"' \
	'len(j["items"]) == 3'
check "inspect rss item fields" jcheck "$TMPD/rss.json" \
	'list(j["items"][0]) == ["id", "title", "link", "author", "published", "updated", "summary", "content", "enclosures", "categories"]' \
	'j["items"][0]["id"] == "gazette-2026-0412"' \
	'j["items"][0]["title"] == "Ferry operator Tidewell Lines adds night crossings"' \
	'j["items"][0]["link"] == "https://gazette.example/2026/03/ferry"' \
	'j["items"][0]["author"] == "Jonas Brevik"' \
	'j["items"][0]["published"] == "2026-03-02T23:30:00Z"' \
	'j["items"][0]["updated"] is None' \
	'j["items"][0]["summary"] == "Tidewell Lines will run two extra crossings."' \
	'j["items"][0]["content"].startswith("<p>Tidewell Lines said on Monday")' \
	'j["items"][0]["enclosures"][0] == {"url": "https://cdn.gazette.example/ferry.mp3", "type": "audio/mpeg", "length": 123456}' \
	'j["items"][0]["categories"] == ["Transport", "Port Ellery"]' \
	'j["items"][1]["title"] == "Council delays \"Green Quay\" vote"' \
	'j["items"][1]["content"] is None' \
	'j["items"][2]["link"] is None and j["items"][2]["published"] is None'

nr inspect "$FX/atom10.xml" --json >"$TMPD/atom.json"
check "inspect atom fields" jcheck "$TMPD/atom.json" \
	'j["feed"]["title"] == "Quill & Ink Weekly"' \
	'j["feed"]["id"] == "urn:uuid:5d1f0a44-quill-feed"' \
	'j["feed"]["author"] == "Ruth Calloway"' \
	'j["feed"]["language"] == "es"' \
	'j["items"][0]["published"] == "2026-01-20T00:15:00Z"' \
	'j["items"][0]["updated"] == "2026-01-20T09:00:00Z"' \
	'j["items"][0]["link"] == "https://quill.example/blog/posts/bridge"' \
	'j["items"][0]["categories"] == ["infrastructure", "towns"]' \
	'j["items"][1]["title"] == "Market prices rise"' \
	'j["items"][1]["link"] == "https://other.example/x/market"'

nr inspect "$FX/jsonfeed11.json" --json >"$TMPD/jf.json"
check "inspect JSON Feed fields" jcheck "$TMPD/jf.json" \
	'j["feed"]["title"] == "Kettle Valley Dispatch"' \
	'j["feed"]["language"] == "en-CA"' \
	'j["items"][0]["enclosures"] == [{"url": "https://kettle.example/a/deal.pdf", "type": "application/pdf", "length": 20480}]' \
	'j["items"][0]["published"] == "2026-04-01T14:30:00Z"' \
	'j["items"][1]["id"] == "102"'

nr inspect "$FX/rss091.xml" --json >"$TMPD/latin1.json"
check "inspect ISO-8859-1 feed" jcheck "$TMPD/latin1.json" \
	'j["feed"]["title"] == "Caf\u00e9 Orbit Bulletin"'

out=$(nr inspect "$FX/rdf.xml")
check "inspect text summary names the feed" contains "$out" "Lantern Science Notes"
check "inspect text summary counts items" contains "$out" "2 items"
check "inspect text summary lists items" contains "$out" "2026-02-09 17:45  Moss samples glow under UV"

out=$(nr inspect "$FX/bad-utf8.xml" 2>&1)
check "inspect sanitizes terminal escapes" lacks "$out" "$(printf '\033')"

out=$(nr inspect "$FX/html-page.html" 2>&1)
rc=$?
check "inspect of an HTML page fails" test $rc -ne 0
check "inspect names the HTML page problem" contains "$out" "an HTML page, not a feed; it links to a feed at /feeds/all.atom"

out=$(nr inspect "$TMPD/missing.xml" 2>&1)
check "inspect of a missing file fails" test $? -ne 0
check "inspect names the missing file" contains "$out" "missing.xml"

nr inspect "$FX/xxe.xml" --json >"$TMPD/xxe.json"
check "external entities are not read" lacks "$(cat "$TMPD/xxe.json")" "root:"

cat >"$TMPD/page.html" <<'HTML'
<html><head><title>Render test</title><script>alert("x")</script></head><body>
<h1>Renderer</h1><p>One <a href="https://a.example/">link</a>.</p><ul><li>item</li></ul></body></html>
HTML
out=$(nr render "$TMPD/page.html")
expect=$(printf 'Renderer\n\nOne link [1].\n\n\342\200\242 item\n\n[1] https://a.example/')
check "render prints paragraphs then links" test "$out" = "$expect"

# inspect of a URL, served by a throwaway server on a free loopback port
if command -v python3 >/dev/null 2>&1; then
	mkdir -p "$TMPD/www"
	cp "$FX/atom10.xml" "$TMPD/www/feed.xml"
	PYTHONUNBUFFERED=1 python3 -m http.server --bind 127.0.0.1 --directory "$TMPD/www" 0 \
		>"$TMPD/http.log" 2>&1 &
	srv=$!
	port=
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$TMPD/http.log" | head -n 1)
		[ -n "$port" ] && break
		sleep 0.2
	done
	check "the test server tells its port" test -n "$port"
	nr inspect "http://127.0.0.1:$port/feed.xml" --json >"$TMPD/url.json"
	check "inspect URL exits 0" test $? -eq 0
	check "inspect URL parses the feed" jcheck "$TMPD/url.json" \
		'j["feed"]["title"] == "Quill & Ink Weekly"' 'len(j["items"]) == 3'
	out=$(nr inspect "http://127.0.0.1:$port/nothing.xml" 2>&1)
	check "inspect URL 404 fails" test $? -ne 0
	check "inspect URL names the HTTP status" contains "$out" "HTTP status 404"
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
fi

finish
