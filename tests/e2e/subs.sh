#!/bin/sh
# subs.sh - subscriptions without the network: the newsboat urls file (given
# with --urls and found in $XDG_CONFIG_HOME), OPML import and export.
. "$(dirname "$0")/lib.sh"

U="$TMPD/urls"
cat >"$U" <<'URLS'
# my feeds, copied from newsboat
http://127.0.0.1:9/a.xml news "~Kestrel Bay Gazette" local
http://127.0.0.1:9/b.xml "sea news" tech   # a comment after the tags

   http://127.0.0.1:9/c.xml
"query:Unread Articles:unread = \"yes\""
exec:~/bin/somefeed.sh
http://127.0.0.1:9/d.xml "unclosed tag
URLS
out=$("$NEWSROOM" --db "$DB" --urls "$U" feeds 2>&1); rc=$?
check "feeds with a urls file exits 0" [ $rc -eq 0 ]
check "~Title renames the feed" contains "$out" "Kestrel Bay Gazette  http://127.0.0.1:9/a.xml  [local, news]"
check "quoted tags keep their spaces" contains "$out" "http://127.0.0.1:9/b.xml  [sea news, tech]"
check "a URL with no tags is taken" contains "$out" "http://127.0.0.1:9/c.xml"
check "a query feed is skipped with its line" contains "$out" "urls:6: 'query:Unread Articles:unread = \"yes\"' is not an http or https URL; line skipped"
check "an exec feed is skipped with its line" contains "$out" "urls:7: 'exec:~/bin/somefeed.sh' is not an http or https URL"
check "an unclosed quote is reported" contains "$out" "urls:8: a quote is not closed"
check "the line with the unclosed quote is not taken" lacks "$out" "d.xml  "
check "comments are not feeds" lacks "$out" "my feeds"

# the file changes: a feed renamed, one removed, tags changed
cat >"$U" <<'URLS'
http://127.0.0.1:9/a.xml "~The Gazette"
http://127.0.0.1:9/c.xml later
URLS
out=$("$NEWSROOM" --db "$DB" --urls "$U" feeds --json 2>&1)
check "a rename in the file is followed" contains "$out" "\"title\": \"The Gazette\""
check "a feed that left the file is removed" lacks "$out" "b.xml"
check "tags follow the file" contains "$out" "\"tags\": [\"later\"]"
check "urls feeds have origin urls" contains "$out" "\"origin\": \"urls\""

# a feed added on the command line survives a sync
nr add http://127.0.0.1:9/own.xml --tag mine >/dev/null
out=$("$NEWSROOM" --db "$DB" --urls "$U" feeds 2>&1)
check "a feed added by hand survives a sync" contains "$out" "own.xml  [mine]"

# the default urls file
mkdir -p "$XDG_CONFIG_HOME/newsroom"
printf 'http://127.0.0.1:9/default.xml dflt\n' >"$XDG_CONFIG_HOME/newsroom/urls"
out=$(nr feeds 2>&1)
check "\$XDG_CONFIG_HOME/newsroom/urls is read" contains "$out" "default.xml  [dflt]"
rm "$XDG_CONFIG_HOME/newsroom/urls"
out=$("$NEWSROOM" --db "$DB" --urls "$TMPD/missing" feeds 2>&1); rc=$?
check "a missing --urls file exits 1" [ $rc -eq 1 ]
check "a missing --urls file is named" contains "$out" "$TMPD/missing: No such file or directory"

# OPML: nested outlines become tags
cat >"$TMPD/subs.opml" <<'OPML'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
<head><title>exported elsewhere</title></head>
<body>
  <outline text="News">
    <outline text="Local">
      <outline text="Kestrel Bay Gazette" type="rss" xmlUrl="http://127.0.0.1:9/opml-a.xml"/>
    </outline>
    <outline title="Harbour &amp; Sea" type="rss" xmlUrl="http://127.0.0.1:9/opml-b.xml" category="/shipping,ports"/>
  </outline>
  <outline text="Loose" type="rss" xmlUrl="http://127.0.0.1:9/opml-c.xml"/>
  <outline text="Bad" type="rss" xmlUrl="javascript:alert(1)"/>
</body>
</opml>
OPML
D2="$TMPD/opml.db"
out=$("$NEWSROOM" --db "$D2" import "$TMPD/subs.opml" 2>&1); rc=$?
check "OPML import exits 0" [ $rc -eq 0 ]
check "OPML import counts the feeds" contains "$out" "3 feeds imported, 3 new"
check "OPML import names a bad outline" contains "$out" "'javascript:alert(1)' is not an http or https URL"
out=$("$NEWSROOM" --db "$D2" feeds 2>&1)
check "nested outlines become tags" contains "$out" "Kestrel Bay Gazette  http://127.0.0.1:9/opml-a.xml  [Local, News]"
check "category and folders become tags" contains "$out" "Harbour & Sea  http://127.0.0.1:9/opml-b.xml  [News, ports, shipping]"
check "a top-level outline has no tags" contains "$out" "Loose  http://127.0.0.1:9/opml-c.xml
"
"$NEWSROOM" --db "$D2" export-opml -o "$TMPD/out.opml"; rc=$?
check "export-opml -o exits 0" [ $rc -eq 0 ]
out=$(cat "$TMPD/out.opml")
check "export writes OPML 2.0" contains "$out" "<opml version=\"2.0\">"
check "export keeps tags as category" contains "$out" "category=\"News,ports,shipping\""
check "export escapes XML" contains "$out" "text=\"Harbour &amp; Sea\""
D3="$TMPD/round.db"
"$NEWSROOM" --db "$D3" import "$TMPD/out.opml" >/dev/null 2>&1
check "OPML round trip keeps feeds and tags" [ "$("$NEWSROOM" --db "$D3" feeds)" = "$("$NEWSROOM" --db "$D2" feeds)" ]
out=$("$NEWSROOM" --db "$D2" export-opml)
check "export-opml prints to stdout" contains "$out" "xmlUrl=\"http://127.0.0.1:9/opml-c.xml\""

printf '<opml><body><outline xmlUrl="http://127.0.0.1:9/x.xml"' >"$TMPD/broken.opml"
out=$("$NEWSROOM" --db "$TMPD/broken.db" import "$TMPD/broken.opml" 2>&1); rc=$?
check "malformed OPML exits non-zero" [ $rc -ne 0 ]
check "malformed OPML names the file" contains "$out" "broken.opml:1: not well-formed XML"
cat >"$TMPD/ent.opml" <<'OPML'
<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">]>
<opml><body><outline text="&a;" xmlUrl="http://127.0.0.1:9/e.xml"/></body></opml>
OPML
out=$("$NEWSROOM" --db "$TMPD/broken.db" import "$TMPD/ent.opml" 2>&1); rc=$?
check "OPML with entity declarations is refused" [ $rc -ne 0 ]
check "the refusal says why" contains "$out" "declares XML entities"
out=$("$NEWSROOM" --db "$TMPD/broken.db" feeds 2>&1)
check "refused OPML stores nothing" lacks "$out" "127.0.0.1:9"

finish
