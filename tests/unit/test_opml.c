/* test_opml.c - OPML import (folders and categories to tags) and export round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed/opml.h"

static const char nested[] =
    "<?xml version=\"1.0\"?>\n"
    "<opml version=\"2.0\"><head><title>t</title></head><body>\n"
    " <outline text=\"World\">\n"
    "  <outline text=\"Europe\">\n"
    "   <outline text=\"Alpha\" xmlUrl=\"http://a.example/rss\" category=\"/x/y, z\"/>\n"
    "  </outline>\n"
    "  <outline title=\"Beta\" xmlUrl=\"https://b.example/atom\"/>\n"
    " </outline>\n"
    " <outline text=\"Gamma\" xmlUrl=\"http://c.example/\"/>\n"
    " <outline text=\"Delta\" xmlUrl=\"data:text/plain,hi\"/>\n"
    " <outline text=\"Empty folder\"/>\n"
    " <outline><outline text=\"Unnamed folder\" xmlUrl=\"http://d.example/\"/></outline>\n"
    "</body></opml>\n";

static void
test_nested(void **state)
{
	struct urls_list l;
	char *cause = NULL;

	assert_int_equal(opml_parse(nested, strlen(nested), "t.opml", &l, &cause), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].url, "http://a.example/rss");
	assert_string_equal(l.v[0].title, "Alpha");
	assert_int_equal(l.v[0].ntags, 4);
	assert_string_equal(l.v[0].tags[0], "World");
	assert_string_equal(l.v[0].tags[1], "Europe");
	assert_string_equal(l.v[0].tags[2], "x/y");
	assert_string_equal(l.v[0].tags[3], "z");
	assert_string_equal(l.v[1].title, "Beta");
	assert_int_equal(l.v[1].ntags, 1);
	assert_int_equal(l.v[2].ntags, 0);
	assert_string_equal(l.v[3].url, "http://d.example/");
	assert_int_equal(l.v[3].ntags, 0); /* a folder without a name gives no tag */
	assert_int_equal(l.nwarnings, 1);
	assert_non_null(strstr(l.warnings[0], "t.opml:10: 'data:text/plain,hi'"));
	urls_free(&l);
}

static void
test_refused(void **state)
{
	static const char *bad[] = {
	    "<opml><body><outline xmlUrl='http://a.example/'></body>",
	    "<rss version='2.0'><channel/></rss>",
	    "<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
	    "<opml><body><outline text='&e;' xmlUrl='http://a.example/'/></body></opml>",
	    "",
	};
	struct urls_list l;
	char *cause;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cause = NULL;
		assert_int_equal(opml_parse(bad[i], strlen(bad[i]), "bad.opml", &l, &cause), -1);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "bad.opml"));
		assert_int_equal(l.n, 0);
		free(cause);
	}
}

static void
test_round_trip(void **state)
{
	char *tags[] = {"a & b", "news"};
	struct store_feed f[2];
	struct buf b = BUF_INIT;
	struct urls_list l;
	char *cause = NULL;

	memset(f, 0, sizeof(f));
	f[0].url = "http://a.example/rss?x=1&y=2";
	f[0].title = "Feed \"one\" <1>";
	f[0].tags = tags;
	f[0].ntags = 2;
	f[1].url = "http://b.example/";
	f[1].user_title = "Renamed\x1b[31m";
	f[1].title = "Own title";
	assert_int_equal(opml_write(f, 2, &b, &cause), 0);
	assert_null(strstr(buf_str(&b), "\x1b"));
	assert_int_equal(opml_parse(buf_str(&b), b.len, "out.opml", &l, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].url, "http://a.example/rss?x=1&y=2");
	assert_string_equal(l.v[0].title, "Feed \"one\" <1>");
	assert_int_equal(l.v[0].ntags, 2);
	assert_string_equal(l.v[0].tags[0], "a & b");
	assert_string_equal(l.v[0].tags[1], "news");
	assert_string_equal(l.v[1].title, "Renamed[31m");
	assert_int_equal(l.v[1].ntags, 0);
	urls_free(&l);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nested),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
