/* test_feed.c - the feed parser: every format, date form and encoding, links,
 * items into articles, and hostile input. Fixtures are in tests/fixtures/feeds/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed/date.h"
#include "feed/feed.h"
#include "text/import.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Reads a fixture into a string the caller frees. */
static char *
fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/fixtures/feeds/%s", top != NULL ? top : ".", name);
	char *data = NULL, *cause = NULL;

	if (import_read(path, 1 << 24, &data, len, &cause) != 0)
		fail_msg("%s", cause);
	free(path);
	return data;
}

/* Parses a fixture; fails the test when the parser fails. */
static void
parse_fixture(const char *name, const char *url, const char *ctype, struct feed *f)
{
	size_t len;
	char *data = fixture(name, &len), *cause = NULL;

	if (feed_parse(data, len, url, ctype, f, &cause) != 0)
		fail_msg("%s: %s", name, cause);
	free(data);
}

/* Fails when any text field of the feed holds needle or is not valid UTF-8 without controls. */
static void
assert_clean(const struct feed *f, const char *needle)
{
	const char *fields[16];
	size_t i, j, k, n;

	for (i = 0; i <= f->nitems; i++) {
		n = 0;
		if (i == f->nitems) {
			fields[n++] = f->title;
			fields[n++] = f->subtitle;
			fields[n++] = f->link;
			fields[n++] = f->author;
		} else {
			const struct feed_item *it = &f->items[i];

			fields[n++] = it->id;
			fields[n++] = it->title;
			fields[n++] = it->link;
			fields[n++] = it->author;
			fields[n++] = it->summary;
			fields[n++] = it->content;
			fields[n++] = it->summary_html;
		}
		for (j = 0; j < n; j++) {
			if (fields[j] == NULL)
				continue;
			assert_true(utf8_valid(fields[j], strlen(fields[j])));
			if (needle != NULL)
				assert_null(strstr(fields[j], needle));
			if (j != 5 && j != 6) /* content is HTML as given */
				for (k = 0; fields[j][k] != '\0'; k++)
					assert_true((unsigned char)fields[j][k] >= 0x20);
		}
	}
}

static void
test_rss20(void **state)
{
	struct feed f;
	const struct feed_item *it;

	parse_fixture("rss20.xml", "https://gazette.example/feed.xml", NULL, &f);
	assert_string_equal(f.format, "rss");
	assert_string_equal(f.title, "Harbor & Hill Gazette");
	assert_string_equal(f.link, "https://gazette.example/");
	assert_string_equal(f.subtitle, "Local news from Port Ellery");
	assert_string_equal(f.language, "en-gb");
	assert_string_equal(f.author, "Mira Okafor"); /* from "desk@... (Mira Okafor)" */
	assert_int_equal(f.updated, 1772529300);      /* 2026-03-03 09:15:00 UTC */
	assert_int_equal(f.ttl_minutes, 45);
	assert_int_equal(f.nitems, 3);
	it = &f.items[0];
	assert_string_equal(it->id, "gazette-2026-0412");
	assert_string_equal(it->link, "https://gazette.example/2026/03/ferry");
	assert_string_equal(it->author, "Jonas Brevik"); /* dc:creator over <author> */
	assert_int_equal(it->published, 1772494200);     /* 18:30 -0500 = 23:30 UTC */
	assert_string_equal(it->summary, "Tidewell Lines will run two extra crossings.");
	assert_non_null(strstr(it->content, "<a href=\"/people/ana\">"));
	assert_int_equal(it->ncats, 2);
	assert_string_equal(it->cats[1], "Port Ellery");
	assert_int_equal(it->nencs, 3);
	assert_string_equal(it->encs[0].url, "https://cdn.gazette.example/ferry.mp3");
	assert_string_equal(it->encs[0].type, "audio/mpeg");
	assert_int_equal(it->encs[0].length, 123456);
	assert_string_equal(it->encs[1].type, "image/jpeg");
	assert_string_equal(it->encs[2].url, "https://cdn.gazette.example/ferry-small.jpg");
	it = &f.items[1];
	assert_null(it->id);
	assert_string_equal(it->title, "Council delays \"Green Quay\" vote");
	assert_string_equal(it->summary,
	                    "The council postponed the vote & said more talks were needed.");
	assert_null(it->content);
	assert_int_equal(it->published, 1772366700); /* 07:05 EST = 12:05 UTC */
	assert_clean(&f, NULL);
	feed_free(&f);
}

static void
test_rss091_latin1_declared(void **state)
{
	struct feed f;

	parse_fixture("rss091.xml", NULL, "text/xml; charset=utf-8", &f);
	assert_string_equal(f.format, "rss");
	assert_string_equal(f.title, "Caf\xc3\xa9 Orbit Bulletin");
	/* &eacute; from the (not loaded) Netscape DTD still reads as the HTML entity */
	assert_string_equal(f.subtitle, "News from the caf\xc3\xa9 d\xc3\xa9partement");
	assert_int_equal(f.nitems, 1);
	assert_string_equal(f.items[0].title, "Na\xc3\xafve robots open a cr\xc3\xaaperie");
	assert_string_equal(f.items[0].summary, "The owners said it was \xc3\xa9l\xc3\xa9gant.");
	feed_free(&f);
}

static void
test_rdf(void **state)
{
	struct feed f;

	parse_fixture("rdf.xml", NULL, NULL, &f);
	assert_string_equal(f.format, "rdf");
	assert_string_equal(f.title, "Lantern Science Notes");
	assert_string_equal(f.language, "de");
	assert_int_equal(f.updated, 1770706800); /* 08:00+01:00 */
	assert_int_equal(f.ttl_minutes, 30);     /* hourly, twice */
	assert_int_equal(f.nitems, 2);
	assert_string_equal(f.items[0].author, "Dr. Ilse Varga");
	assert_int_equal(f.items[0].published, 1770659130); /* fraction dropped */
	assert_string_equal(f.items[0].cats[0], "Botany");
	/* no document URL: a relative link is resolved against the channel link */
	assert_string_equal(f.items[1].link, "https://lantern.example/n/2");
	assert_int_equal(f.items[1].published, 1770530400); /* space, no seconds, no zone */
	feed_free(&f);
}

static void
test_atom10_https_namespace_and_bases(void **state)
{
	struct feed f;
	const struct feed_item *it;
	struct doc d;
	char *cause = NULL;
	size_t i;
	int found = 0;

	parse_fixture("atom10.xml", "https://quill.example/feeds/atom.xml", NULL, &f);
	assert_string_equal(f.format, "atom");
	assert_string_equal(f.title, "Quill & Ink Weekly");
	assert_string_equal(f.subtitle, "Letters from the river towns");
	assert_string_equal(f.link, "https://quill.example/blog/");
	assert_string_equal(f.id, "urn:uuid:5d1f0a44-quill-feed");
	assert_string_equal(f.author, "Ruth Calloway");
	assert_string_equal(f.language, "es");
	assert_int_equal(f.nitems, 3);
	it = &f.items[0];
	assert_string_equal(it->link, "https://quill.example/blog/posts/bridge");
	assert_int_equal(it->published, 1768868100); /* 21:15-03:00 */
	assert_int_equal(it->updated, 1768899600);
	assert_string_equal(it->author, "Tom\xc3\xa1s Herrera");
	assert_int_equal(it->nencs, 1);
	assert_string_equal(it->encs[0].url, "https://quill.example/media/bridge.ogg");
	assert_int_equal(it->encs[0].length, 9000);
	assert_int_equal(it->ncats, 2);
	/* tags are removed even from a type="text" summary */
	assert_string_equal(it->summary, "The Alder Street bridge is open.");
	/* links in the content resolve against the content's own xml:base */
	assert_int_equal(feed_item_doc(&f, it, &d, &cause), 0);
	assert_int_equal(d.nlinks, 1);
	assert_string_equal(d.links[0], "https://static.quill.example/articles/photos/1");
	assert_int_equal(d.summary_only, 0);
	doc_free(&d);
	it = &f.items[1];
	assert_string_equal(it->title, "Market prices rise");
	assert_string_equal(it->link, "https://other.example/x/market");
	assert_non_null(strstr(it->content, "<li>Apples</li>"));
	/* without xml:base on the content, the item link is the base */
	assert_int_equal(feed_item_doc(&f, it, &d, &cause), 0);
	assert_string_equal(d.links[0], "https://other.example/markets/main");
	for (i = 0; i < d.npara; i++)
		found |= strcmp(d.paras[i].text, "\xe2\x80\xa2 Pears") == 0;
	assert_true(found);
	doc_free(&d);
	it = &f.items[2];
	/* an http id stands in for a missing link; text content is escaped into HTML */
	assert_string_equal(it->link, "https://quill.example/blog/notes/7");
	assert_int_equal(feed_item_doc(&f, it, &d, &cause), 0);
	assert_int_equal(d.npara, 3);
	assert_string_equal(d.paras[1].text, "First line & more.");
	assert_string_equal(d.paras[2].text, "Second paragraph with <tags> shown as text.");
	doc_free(&d);
	feed_free(&f);
}

static void
test_atom03(void **state)
{
	struct feed f;

	parse_fixture("atom03.xml", NULL, NULL, &f);
	assert_string_equal(f.format, "atom");
	assert_string_equal(f.subtitle, "Since 2004");
	assert_int_equal(f.updated, 1120478400);
	assert_int_equal(f.nitems, 2);
	assert_int_equal(f.items[0].published, 1120406400); /* issued */
	assert_int_equal(f.items[0].updated, 1120471200);   /* modified */
	assert_string_equal(f.items[0].content,
	                    "<p>Volunteers of the <b>Mill Trust</b> restored it.</p>");
	assert_string_equal(f.items[1].content, "<p>Inline <i>XHTML</i> body.</p>");
	feed_free(&f);
}

static void
test_json_feeds(void **state)
{
	struct feed f;
	const struct feed_item *it;

	parse_fixture("jsonfeed11.json", "https://kettle.example/feed.json", NULL, &f);
	assert_string_equal(f.format, "json");
	assert_string_equal(f.title, "Kettle Valley Dispatch");
	assert_string_equal(f.author, "Wen Castellanos");
	assert_string_equal(f.language, "en-CA");
	assert_int_equal(f.nitems, 2);
	it = &f.items[0];
	assert_string_equal(it->link, "https://kettle.example/posts/101");
	assert_string_equal(it->author, "Ola Nwosu");
	assert_int_equal(it->published, 1775053800);
	assert_int_equal(it->ncats, 2);
	assert_int_equal(it->nencs, 1);
	assert_int_equal(it->encs[0].length, 20480);
	assert_string_equal(f.items[1].id, "102");
	assert_string_equal(f.items[1].content,
	                    "<p>Line one &amp; two.</p><p>Next &lt;para&gt;.</p>");
	feed_free(&f);
	parse_fixture("jsonfeed10.json", NULL, NULL, &f);
	assert_string_equal(f.author, "Ines Marlow");
	assert_string_equal(f.items[0].author, "Ines Marlow");
	assert_int_equal(f.items[0].published, 1766620799);
	feed_free(&f);
}

static void
test_encodings(void **state)
{
	struct feed f;

	parse_fixture("charset-header.xml", NULL, "application/rss+xml; charset=\"ISO-8859-1\"",
	              &f);
	assert_string_equal(f.title, "Header Charset Caf\xc3\xa9");
	assert_string_equal(f.items[0].title, "Gar\xc3\xa7on wins");
	feed_free(&f);
	/* without the header the same bytes are invalid UTF-8, replaced */
	parse_fixture("charset-header.xml", NULL, NULL, &f);
	assert_string_equal(f.title, "Header Charset Caf\xef\xbf\xbd");
	feed_free(&f);
	parse_fixture("utf8-bom.xml", NULL, "text/xml; charset=iso-8859-1", &f);
	assert_string_equal(f.title, "BOM Radio \xe2\x80\x94 S\xc3\xa3o Tom\xc3\xa9");
	feed_free(&f);
	parse_fixture("utf16.xml", NULL, NULL, &f);
	assert_string_equal(f.title, "Wide Feed \xe2\x80\x94 Gr\xc3\xbc\xc3\x9f"
	                             "e");
	assert_string_equal(f.items[0].title, "\xe6\x97\xa5\xe6\x9c\xac news");
	feed_free(&f);
	{
		/* a NUL and a stray continuation byte deep inside ASCII runs */
		static const char nul[] = "<rss version=\"2.0\"><channel><title>Null and "
		                          "void\0here</title><item><title>A long ASCII title "
		                          "then \x80 a stray byte</title></item></channel></rss>";
		char *cause = NULL;

		assert_int_equal(feed_parse(nul, sizeof(nul) - 1, NULL, NULL, &f, &cause), 0);
		assert_string_equal(f.title, "Null and void\xef\xbf\xbdhere");
		assert_string_equal(f.items[0].title,
		                    "A long ASCII title then \xef\xbf\xbd a stray byte");
		feed_free(&f);
	}
	parse_fixture("bad-utf8.xml", NULL, NULL, &f);
	assert_string_equal(f.items[0].title, "Caf\xef\xbf\xbd [31mred");
	assert_clean(&f, "\x1b");
	feed_free(&f);
}

static void
test_dates(void **state)
{
	static const struct {
		const char *s;
		int64_t t;
	} cases[] = {
	    {"Mon, 02 Mar 2026 18:30:00 -0500", 1772494200},
	    {"Mon, 02 Mar 2026 23:30:00 GMT", 1772494200},
	    {"Mon, 02 Mar 2026 23:30:00 UT", 1772494200},
	    {"Mon, 02 Mar 2026 23:30:00 Z", 1772494200},
	    {"Mon, 02 Mar 2026 23:30:00", 1772494200}, /* no zone: UTC */
	    {"mon, 02 mar 2026 15:30:00 pst", 1772494200},
	    {"Mon, 02 Mar 2026 16:30:00 PDT", 1772494200},
	    {"Mon, 02 Mar 2026 18:30 EST", 1772494200}, /* no seconds */
	    {"02 Mar 26 23:30:00 GMT", 1772494200},     /* two-digit year */
	    {"Monday, 2 March 2026 23:30:00 +00:00", 1772494200},
	    {"Mon, 02 Mar 2026 23:30:00 +0000 (UTC)", 1772494200},
	    {"2026-03-02T23:30:00Z", 1772494200},
	    {"2026-03-02t23:30:00z", 1772494200},
	    {"2026-03-02T18:30:00-05:00", 1772494200},
	    {"2026-03-02T18:30:00-0500", 1772494200},
	    {"2026-03-02T23:30:00.123456Z", 1772494200}, /* fractional seconds */
	    {"2026-03-02 23:30:00", 1772494200},         /* space, no zone */
	    {"2026-03-02T23:30Z", 1772494200},           /* no seconds */
	    {"2026-03-02T15:30:00 PST", 1772494200},
	    {"  2026-03-02T23:30:00+00:00\n", 1772494200},
	    {"2026-03-02", 1772409600},
	    {"Lun, 02 Mar 2026 23:30:00 GMT", 1772494200},  /* a French day name */
	    {"Mo, 02 Mar 2026 23:30:00 +0000", 1772494200}, /* a German one */
	    {"Xyzzy, garbage", 0},
	    {"", 0},
	    {"yesterday-ish", 0},
	    {"2026-13-40T00:00:00Z", 0},
	    {"2026-03-02T23:30:00+99:00", 0},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t = feed_date(cases[i].s);

		if (t != cases[i].t)
			fail_msg("\"%s\": got %lld, want %lld", cases[i].s, (long long)t,
			         (long long)cases[i].t);
	}
	assert_int_equal(feed_date(NULL), 0);
}

static void
test_item_keys_and_summary_only(void **state)
{
	struct feed f;
	struct doc d;
	char *cause = NULL, *k1;

	parse_fixture("rss20.xml", NULL, NULL, &f);
	assert_int_equal(feed_item_doc(&f, &f.items[0], &d, &cause), 0);
	assert_string_equal(d.key, "gazette-2026-0412");
	assert_string_equal(d.title, "Ferry operator Tidewell Lines adds night crossings");
	assert_string_equal(d.paras[0].text, d.title);
	assert_string_equal(d.paras[2].text, "\"We listened to commuters,\" said Ana Ruiz [1].");
	/* relative links in content resolve against the item link */
	assert_string_equal(d.links[0], "https://gazette.example/people/ana");
	assert_int_equal(d.summary_only, 0);
	assert_int_equal(d.source_is_html, 1);
	assert_non_null(strstr(d.source, "Tidewell"));
	assert_string_equal(d.author, "Jonas Brevik");
	assert_int_equal(d.published, 1772494200);
	doc_free(&d);
	/* no guid: the link is the key; only a description: summary_only */
	assert_int_equal(feed_item_doc(&f, &f.items[1], &d, &cause), 0);
	assert_string_equal(d.key, "https://gazette.example/2026/03/quay");
	assert_int_equal(d.summary_only, 1);
	assert_string_equal(d.paras[1].text,
	                    "The council postponed the vote & said more talks were needed.");
	/* the channel's editor stands in for a missing item author */
	assert_string_equal(d.author, "Mira Okafor");
	doc_free(&d);
	/* neither: a hash of title and date, stable */
	assert_int_equal(feed_item_doc(&f, &f.items[2], &d, &cause), 0);
	assert_true(strncmp(d.key, "hash:", 5) == 0);
	k1 = xstrdup(d.key);
	doc_free(&d);
	assert_int_equal(feed_item_doc(&f, &f.items[2], &d, &cause), 0);
	assert_string_equal(d.key, k1);
	doc_free(&d);
	free(k1);
	feed_free(&f);
}

static void
test_untitled_item_gets_a_headline(void **state)
{
	static const char rss[] =
	    "<rss version=\"2.0\"><channel><title>T</title>"
	    "<item><link>http://x.example/1</link><description>Short line&lt;br&gt;next "
	    "line</description></item>"
	    "<item><link>http://x.example/2</link><description>The harbour board met for "
	    "three hours on Tuesday evening and agreed to extend the pier by forty metres "
	    "before the summer season</description></item>"
	    "<item><title>Photo</title><link>http://x.example/3</link><description>Gulls over "
	    "the pier</description><content:encoded xmlns:content=\"http://purl.org/rss/1.0/"
	    "modules/content/\">&lt;img src=\"g.jpg\"&gt;</content:encoded></item>"
	    "</channel></rss>";
	struct feed f;
	struct doc d;
	char *cause = NULL;

	assert_int_equal(feed_parse(rss, sizeof(rss) - 1, NULL, NULL, &f, &cause), 0);
	assert_int_equal(f.nitems, 3);
	assert_null(f.items[0].title);
	assert_int_equal(feed_item_doc(&f, &f.items[0], &d, &cause), 0);
	assert_string_equal(d.title, "Short line next line");
	assert_string_equal(d.paras[0].text, d.title);
	doc_free(&d);
	assert_int_equal(feed_item_doc(&f, &f.items[1], &d, &cause), 0);
	assert_string_equal(d.title, "The harbour board met for three hours on Tuesday evening and "
	                             "agreed to extend the pier by forty\xe2\x80\xa6");
	doc_free(&d);
	/* content without any text: the summary is rendered instead */
	assert_non_null(f.items[2].content);
	assert_int_equal(feed_item_doc(&f, &f.items[2], &d, &cause), 0);
	assert_int_equal(d.npara, 2);
	assert_string_equal(d.paras[1].text, "Gulls over the pier");
	assert_int_equal(d.summary_only, 1);
	doc_free(&d);
	feed_free(&f);
}

static void
test_html_page_links_to_feed(void **state)
{
	size_t len;
	char *data = fixture("html-page.html", &len), *cause = NULL;
	struct feed f;

	assert_int_equal(
	    feed_parse(data, len, "https://brightwater.example/news/", "text/html", &f, &cause),
	    -1);
	assert_string_equal(cause, "an HTML page, not a feed; it links to a feed at "
	                           "https://brightwater.example/feeds/all.atom");
	free(cause);
	free(data);
	cause = NULL;
	assert_int_equal(feed_parse("<html><body>hi</body></html>", 28, NULL, NULL, &f, &cause),
	                 -1);
	assert_string_equal(cause, "an HTML page, not a feed");
	free(cause);
}

static void
test_malformed_recovers(void **state)
{
	struct feed f;
	char *cause = NULL;

	parse_fixture("malformed.xml", NULL, NULL, &f);
	assert_string_equal(f.title, "Broken Pipe Weekly");
	assert_true(f.nitems >= 1);
	assert_string_equal(f.items[0].link, "https://broken.example/1");
	feed_free(&f);
	assert_int_equal(feed_parse("<<<>>>", 6, NULL, NULL, &f, &cause), -1);
	assert_non_null(strstr(cause, "not a feed"));
	free(cause);
	cause = NULL;
	assert_int_equal(feed_parse("<opml version=\"2.0\"/>", 21, NULL, NULL, &f, &cause), -1);
	assert_string_equal(cause, "not a feed: the XML document is a <opml>");
	free(cause);
	cause = NULL;
	assert_int_equal(feed_parse("", 0, NULL, NULL, &f, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(feed_parse("{\"title\": \"x\"}", 14, NULL, NULL, &f, &cause), -1);
	assert_string_equal(cause, "not a feed: JSON without a JSON Feed version");
	free(cause);
}

/* HTML entities, bare ampersands and references to forbidden characters are
 * mended before parsing: after its first error libxml2 drops every entity
 * reference that follows, &amp; and &lt; too. CDATA is left alone. */
static void
test_sloppy_references(void **state)
{
	static const char xml[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
	    "<title>Caf&eacute; Harbour &amp; Quay&nbsp;News</title>"
	    "<item><title>AT&T wins port deal &mdash; shares up</title>"
	    "<link>https://quay.example/1?a=1&b=2</link>"
	    "<description>Fees &lt;b&gt;rise&lt;/b&gt; by 5&#0;%</description></item>"
	    "<item><title>Tolls &amp; fees &#x2013; a guide</title>"
	    "<description><![CDATA[<p>Rates &amp; dues: R&D</p>]]></description></item>"
	    "<item><title>Unknown &madeup; entity</title></item>"
	    "</channel></rss>";
	struct feed f;
	char *cause = NULL;

	(void)state;
	assert_int_equal(feed_parse(xml, sizeof(xml) - 1, NULL, NULL, &f, &cause), 0);
	assert_string_equal(f.title, "Caf\xc3\xa9 Harbour & Quay News"); /* nbsp: a space */
	assert_int_equal(f.nitems, 3);
	assert_string_equal(f.items[0].title, "AT&T wins port deal \xe2\x80\x94 shares up");
	assert_string_equal(f.items[0].link, "https://quay.example/1?a=1&b=2");
	assert_string_equal(f.items[0].summary, "Fees rise by 5\xef\xbf\xbd%");
	assert_string_equal(f.items[1].title, "Tolls & fees \xe2\x80\x93 a guide");
	assert_string_equal(f.items[1].summary, "Rates & dues: R&D");
	assert_string_equal(f.items[2].title, "Unknown &madeup; entity");
	feed_free(&f);
}

/* After an error of another kind (a stray "<") the predefined entities still
 * count; white space before the XML declaration is no error at all; open void
 * elements of raw HTML are closed. */
static void
test_references_after_errors(void **state)
{
	static const char stray[] =
	    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Rates < 5%</title>"
	    "<item><title>Fish &amp; chips &lt;3</title><link>http://f.example/1</link></item>"
	    "</channel></rss>";
	static const char spaced[] =
	    "\xef\xbb\xbf  \n<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">Ports &amp;amp; "
	    "&lt;b&gt;Harbours&lt;/b&gt;</title></feed>";
	static const char voids[] =
	    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
	    "<item><title>One</title><description>Quay one<br>closed <img src=\"q.jpg\" "
	    "alt=\"a > b\">today<hr></description></item>"
	    "<item><title>Second &amp; last</title>"
	    "<description><![CDATA[keep <br> here]]></description></item></channel></rss>";
	struct feed f;
	char *cause = NULL;

	(void)state;
	assert_int_equal(feed_parse(stray, sizeof(stray) - 1, NULL, NULL, &f, &cause), 0);
	assert_int_equal(f.nitems, 1);
	assert_string_equal(f.items[0].title, "Fish & chips <3");
	feed_free(&f);
	assert_int_equal(feed_parse(spaced, sizeof(spaced) - 1, NULL, NULL, &f, &cause), 0);
	assert_string_equal(f.title, "Ports & Harbours");
	feed_free(&f);
	/* raw HTML's open void elements do not swallow the items after them */
	assert_int_equal(feed_parse(voids, sizeof(voids) - 1, NULL, NULL, &f, &cause), 0);
	assert_int_equal(f.nitems, 2);
	assert_string_equal(f.items[0].summary, "Quay one closed today");
	assert_string_equal(f.items[1].title, "Second & last");
	assert_string_equal(f.items[1].summary, "keep here"); /* CDATA: HTML as given */
	feed_free(&f);
}

/* Well-formed feeds are read by the push parser, the others again by the pull
 * parser: what a broken feed gives must not depend on the first attempt. */
static void
test_cdata_parsers_agree(void **state)
{
	static const char ok[] = "<rss version=\"2.0\"><channel><title>T</title><item>"
	                         "<title>A</title><description><![CDATA[<p>Quay one</p>]]>"
	                         "<![CDATA[ and <b>two</b>]]></description></item></channel></rss>";
	static const char cut[] = "<rss version=\"2.0\"><channel><title>T</title><item>"
	                          "<title>One</title><description><![CDATA[<p>Quay one</p>]]>"
	                          "</description></item><item><title>Two</title><description>"
	                          "<![CDATA[<p>Quay two, never closed</p>";
	struct feed f;
	char *cause = NULL;

	assert_int_equal(feed_parse(ok, sizeof(ok) - 1, NULL, NULL, &f, &cause), 0);
	assert_int_equal(f.nitems, 1);
	assert_string_equal(f.items[0].summary, "Quay one and two");
	feed_free(&f);
	/* the pull parser drops an unfinished CDATA section whole */
	assert_int_equal(feed_parse(cut, sizeof(cut) - 1, NULL, NULL, &f, &cause), 0);
	assert_string_equal(f.title, "T");
	assert_int_equal(f.nitems, 2);
	assert_string_equal(f.items[0].summary, "Quay one");
	assert_string_equal(f.items[1].title, "Two");
	assert_null(f.items[1].summary);
	feed_free(&f);
}

static void
test_entities_never_expand(void **state)
{
	struct feed f;
	size_t len;
	char *data = fixture("billion-laughs.xml", &len), *cause = NULL;

	/* the references stay unexpanded: the feed around them is read whole */
	assert_int_equal(feed_parse(data, len, NULL, NULL, &f, &cause), 0);
	free(data);
	assert_string_equal(f.title, "Laughing Feed");
	assert_int_equal(f.nitems, 1);
	assert_string_equal(f.items[0].title, "Item");
	assert_string_equal(f.items[0].link, "https://laugh.example/1");
	assert_int_equal(f.items[0].nencs, 1);
	assert_clean(&f, "lol");
	feed_free(&f);
	parse_fixture("xxe.xml", NULL, NULL, &f);
	assert_string_equal(f.title, "Curious Feed");
	assert_clean(&f, "root:");
	feed_free(&f);
}

static void
test_namespaces_declared_inside_items(void **state)
{
	static const char rss[] =
	    "<rss version=\"2.0\"><channel><title>NS</title>"
	    "<item><title>one</title><m:content xmlns:m=\"http://search.yahoo.com/mrss/\" "
	    "url=\"http://n.example/1.jpg\"/></item>"
	    "<item><title>two</title><m:content xmlns:m=\"http://other.example/ns\" "
	    "url=\"http://n.example/2.jpg\"/></item>"
	    "<item><title>three</title><m:thumbnail xmlns:m=\"https://search.yahoo.com/mrss\" "
	    "url=\"http://n.example/3.jpg\"/></item></channel></rss>";
	struct feed f;
	char *cause = NULL;

	assert_int_equal(feed_parse(rss, sizeof(rss) - 1, NULL, NULL, &f, &cause), 0);
	assert_int_equal(f.nitems, 3);
	assert_int_equal(f.items[0].nencs, 1);
	assert_int_equal(f.items[1].nencs, 0); /* not Media RSS */
	assert_int_equal(f.items[2].nencs, 1); /* https, no trailing slash */
	assert_string_equal(f.items[2].encs[0].url, "http://n.example/3.jpg");
	feed_free(&f);
}

static void
test_deep_xml(void **state)
{
	struct buf b = BUF_INIT;
	struct feed f;
	char *cause = NULL;
	size_t i;

	buf_adds(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Deep</title><entry>"
	             "<title>One</title><content type=\"xhtml\">");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "bottom");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "</div>");
	buf_adds(&b, "</content></entry></feed>");
	/* libxml2 stops at its depth limit; what was read before is kept */
	if (feed_parse(b.data, b.len, NULL, NULL, &f, &cause) == 0) {
		assert_string_equal(f.title, "Deep");
		feed_free(&f);
	} else
		free(cause);
	buf_free(&b);
}

/* Every prefix of every fixture, and bytes flipped: no crash, no leak, clean text. */
static void
test_hostile_bytes(void **state)
{
	static const char *const names[] = {"rss20.xml",       "atom10.xml", "rdf.xml",
	                                    "jsonfeed11.json", "utf16.xml",  "atom03.xml"};
	size_t i, cut, len;
	unsigned seed = 7;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *data = fixture(names[i], &len);

		for (cut = 0; cut <= len; cut += 1 + cut / 8) {
			char *copy = xmalloc(cut + 1), *cause = NULL;
			struct feed f;
			size_t j;

			memcpy(copy, data, cut);
			for (j = 0; j < cut / 64; j++) {
				seed = seed * 1103515245u + 12345u;
				copy[(seed >> 8) % cut] = (char)(seed >> 16);
			}
			if (feed_parse(copy, cut, "http://h.example/", NULL, &f, &cause) == 0) {
				struct doc d;
				size_t k;

				assert_clean(&f, NULL);
				for (k = 0; k < f.nitems; k++)
					if (feed_item_doc(&f, &f.items[k], &d, &cause) == 0)
						doc_free(&d);
					else {
						free(cause);
						cause = NULL;
					}
				feed_free(&f);
			} else
				free(cause);
			free(copy);
		}
		free(data);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rss20),
	    cmocka_unit_test(test_rss091_latin1_declared),
	    cmocka_unit_test(test_rdf),
	    cmocka_unit_test(test_atom10_https_namespace_and_bases),
	    cmocka_unit_test(test_atom03),
	    cmocka_unit_test(test_json_feeds),
	    cmocka_unit_test(test_encodings),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_item_keys_and_summary_only),
	    cmocka_unit_test(test_untitled_item_gets_a_headline),
	    cmocka_unit_test(test_html_page_links_to_feed),
	    cmocka_unit_test(test_malformed_recovers),
	    cmocka_unit_test(test_sloppy_references),
	    cmocka_unit_test(test_references_after_errors),
	    cmocka_unit_test(test_cdata_parsers_agree),
	    cmocka_unit_test(test_entities_never_expand),
	    cmocka_unit_test(test_namespaces_declared_inside_items),
	    cmocka_unit_test(test_deep_xml),
	    cmocka_unit_test(test_hostile_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
