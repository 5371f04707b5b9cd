/* test_urls.c - the newsboat urls file parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "feed/urls.h"

static void
parse(const char *text, struct urls_list *l)
{
	urls_parse(text, strlen(text), "urls", l);
}

static void
test_tags_and_title(void **state)
{
	struct urls_list l;

	parse("http://a.example/feed tech \"~Alpha News\" \"two words\" tech\n", &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].url, "http://a.example/feed");
	assert_string_equal(l.v[0].title, "Alpha News");
	assert_int_equal(l.v[0].ntags, 2); /* the repeated tag counts once */
	assert_string_equal(l.v[0].tags[0], "tech");
	assert_string_equal(l.v[0].tags[1], "two words");
	assert_int_equal(l.v[0].line, 1);
	assert_int_equal(l.nwarnings, 0);
	urls_free(&l);
}

static void
test_comments_blank_and_crlf(void **state)
{
	struct urls_list l;

	parse("# heading\r\n\r\n   \t\nhttps://b.example/x.xml   # trailing comment\r\n"
	      "https://c.example/y.xml#frag keep\n",
	      &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].url, "https://b.example/x.xml");
	assert_int_equal(l.v[0].ntags, 0);
	assert_int_equal(l.v[0].line, 4);
	/* '#' inside a URL is a fragment, not a comment */
	assert_string_equal(l.v[1].url, "https://c.example/y.xml#frag");
	assert_int_equal(l.v[1].ntags, 1);
	assert_int_equal(l.nwarnings, 0);
	urls_free(&l);
}

static void
test_escapes_in_quotes(void **state)
{
	struct urls_list l;

	parse("http://d.example/ \"say \\\"hi\\\"\" \"back\\\\slash\"\n", &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].ntags, 2);
	assert_string_equal(l.v[0].tags[0], "say \"hi\"");
	assert_string_equal(l.v[0].tags[1], "back\\slash");
	urls_free(&l);
}

static void
test_bad_lines_warn(void **state)
{
	struct urls_list l;

	parse("\"query:Unread:unread = \\\"yes\\\"\"\nexec:~/bin/feed\nfile:///etc/passwd\n"
	      "http://e.example/ \"open\nnot a url\nhttp://f.example/ ok\n",
	      &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].url, "http://f.example/");
	assert_int_equal(l.nwarnings, 5);
	assert_non_null(strstr(l.warnings[0], "urls:1: 'query:Unread"));
	assert_non_null(strstr(l.warnings[2], "urls:3: 'file:///etc/passwd' is not an http"));
	assert_non_null(strstr(l.warnings[3], "urls:4: a quote is not closed"));
	urls_free(&l);
}

static void
test_empty_title_and_no_newline(void **state)
{
	struct urls_list l;

	parse("http://g.example/ \"~\"", &l);
	assert_int_equal(l.n, 1);
	assert_null(l.v[0].title);
	assert_int_equal(l.v[0].ntags, 0);
	urls_free(&l);
}

static void
test_valid(void **state)
{
	assert_true(urls_valid("http://h.example/feed"));
	assert_true(urls_valid("HTTPS://h.example:8443/feed?x=1"));
	assert_false(urls_valid("ftp://h.example/feed"));
	assert_false(urls_valid("h.example/feed"));
	assert_false(urls_valid("http://"));
	assert_false(urls_valid(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tags_and_title),
	    cmocka_unit_test(test_comments_blank_and_crlf),
	    cmocka_unit_test(test_escapes_in_quotes),
	    cmocka_unit_test(test_bad_lines_warn),
	    cmocka_unit_test(test_empty_title_and_no_newline),
	    cmocka_unit_test(test_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
