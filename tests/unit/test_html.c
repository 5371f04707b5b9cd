/* test_html.c - HTML to readable text and to plain one-line text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/html.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Renders html into d (initialized here); fails the test when rendering fails. */
static void
render(const char *html, const char *base, struct doc *d, char **title)
{
	char *cause = NULL;

	doc_init(d);
	assert_int_equal(html_render(html, strlen(html), base, d, title, &cause), 0);
	assert_null(cause);
}

static void
assert_paras(const struct doc *d, const char *const *want, size_t n)
{
	size_t i;

	for (i = 0; i < d->npara && i < n; i++)
		assert_string_equal(d->paras[i].text, want[i]);
	assert_int_equal(d->npara, n);
}

static void
test_paragraphs_and_headings(void **state)
{
	static const char *const want[] = {"Main heading", "First para with bold text.",
	                                   "Sub heading", "Second para."};
	struct doc d;
	char *title;

	render("<h1>Main   heading</h1><p>First   para\n with <b>bold</b> text.</p>"
	       "<h2>Sub heading</h2><div>Second para.</div>",
	       NULL, &d, &title);
	assert_paras(&d, want, 4);
	/* no <title>: the first <h1> is the title */
	assert_string_equal(title, "Main heading");
	free(title);
	doc_free(&d);
}

/* A web page: menus, sidebars, forms and footers are not the story; a page
 * with one <article> is that article, its own header included. */
static void
test_page_furniture(void **state)
{
	static const char *const story[] = {"Dock strike ends", "By Anna Berg",
	                                    "Dockers returned to work on Monday."};
	static const char *const bare[] = {"Quay news", "Ferries resume."};
	struct doc d;
	char *title;

	render("<html><head><title>Dock strike ends | Harbour Times</title></head><body>"
	       "<header><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>"
	       "<h2>Harbour Times</h2></header>"
	       "<aside><h3>Most read</h3><ul><li>Mayor resigns</li></ul></aside>"
	       "<p>Cookie notice</p>"
	       "<article><header><h1>Dock strike ends</h1><p>By Anna Berg</p></header>"
	       "<p>Dockers returned to work on Monday.</p></article>"
	       "<form><p>Subscribe to our newsletter</p></form>"
	       "<footer><p>All rights reserved.</p></footer></body></html>",
	       NULL, &d, &title);
	assert_paras(&d, story, 3);
	assert_int_equal(d.nlinks, 0);
	assert_string_equal(title, "Dock strike ends"); /* the story's h1, not "| Harbour Times" */
	free(title);
	doc_free(&d);
	/* no article: everything but the furniture */
	render("<body><nav>Home | World</nav><h2>Quay news</h2><p>Ferries resume.</p>"
	       "<footer>Contact us</footer></body>",
	       NULL, &d, NULL);
	assert_paras(&d, bare, 2);
	doc_free(&d);
}

static void
test_title_element_and_dropped_parts(void **state)
{
	static const char *const want[] = {"Visible text.", "After."};
	struct doc d;
	char *title;

	render("<html><head><title> The  &amp; Title </title><style>p { color: red }</style>"
	       "<script>var x = '<p>no</p>';</script></head><body><h1>Heading</h1>"
	       "<noscript>enable scripts</noscript><p>Visible text.</p>"
	       "<script>document.write('hidden')</script><template><p>tpl</p></template>"
	       "<p>After.</p></body></html>",
	       NULL, &d, &title);
	assert_string_equal(title, "The & Title");
	assert_int_equal(d.npara, 3);
	assert_string_equal(d.paras[0].text, "Heading");
	assert_paras(&d, (const char *const[]){"Heading", want[0], want[1]}, 3);
	free(title);
	doc_free(&d);
}

static void
test_utf8_kept_despite_meta_charset(void **state)
{
	struct doc d;
	char *title;

	render("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xc3\xa9</title></head><body>"
	       "<svg><title>not the title</title><text>vector</text></svg>"
	       "<p>Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac</p></body></html>",
	       NULL, &d, &title);
	assert_string_equal(title, "Caf\xc3\xa9");
	assert_int_equal(d.npara, 1);
	assert_string_equal(d.paras[0].text, "Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac");
	free(title);
	doc_free(&d);
}

static void
test_lists_nested_and_ordered(void **state)
{
	static const char *const want[] = {
	    "\xe2\x80\xa2 one", "\xe2\x80\xa2 two",     "  \xe2\x80\xa2 two-a",
	    "    1. deep",      "  \xe2\x80\xa2 two-b", "3. third",
	    "4. fourth",
	};
	struct doc d;

	render("<ul><li>one</li><li>two<ul><li>two-a<ol><li>deep</li></ol></li><li>two-b</li>"
	       "</ul></li></ul><ol start=\"3\"><li>third</li><li>fourth</li></ol>",
	       NULL, &d, NULL);
	assert_paras(&d, want, 7);
	doc_free(&d);
}

static void
test_blockquote_pre_br(void **state)
{
	struct doc d;

	render("<blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>"
	       "<pre>\nline 1\n\tindented  kept\n</pre><p>a<br>b<br/>\n c</p><p>x<br><br>y</p>",
	       NULL, &d, NULL);
	assert_int_equal(d.npara, 6);
	assert_string_equal(d.paras[0].text, "> Quoted one.");
	assert_string_equal(d.paras[1].text, "> Quoted two.");
	assert_string_equal(d.paras[2].text, "line 1\n        indented  kept");
	assert_string_equal(d.paras[3].text, "a\nb\nc");
	/* two line breaks in a row end a paragraph */
	assert_string_equal(d.paras[4].text, "x");
	assert_string_equal(d.paras[5].text, "y");
	doc_free(&d);
}

static void
test_table_rows(void **state)
{
	static const char *const want[] = {"City | Rain (mm)", "Arden | 12", "Bexley | 7 dry"};
	struct doc d;

	render("<table><caption></caption><thead><tr><th>City</th><th>Rain (mm)</th></tr></thead>"
	       "<tbody><tr><td>Arden</td><td>12</td></tr><tr><td><p>Bexley</p></td>"
	       "<td><div>7</div><div>dry</div></td></tr></tbody></table>",
	       NULL, &d, NULL);
	assert_paras(&d, want, 3);
	doc_free(&d);
}

static void
test_images(void **state)
{
	struct doc d;

	render("<p>Before <img src=\"a.png\" alt=\"A  red\nkite\"> after "
	       "<img src=\"pixel.gif\"><img src=\"b.png\" alt=\"\"></p>",
	       NULL, &d, NULL);
	assert_int_equal(d.npara, 1);
	assert_string_equal(d.paras[0].text, "Before [image: A red kite] after");
	doc_free(&d);
}

static void
test_links_numbered_and_resolved(void **state)
{
	struct doc d;

	render("<p>See <a href=\"/news/1?a=1&amp;b=2\">the story</a>, <a href=\"other.html\">"
	       "another</a> and <a href=\"javascript:alert(1)\">a script</a>, "
	       "<a href=\"data:text/html,hi\">data</a>, <a href=\"#top\">top</a>, "
	       "<a href=\"https://elsewhere.example/x\">away</a> and "
	       "<a href=\"/news/1?a=1&amp;b=2\">the story again</a>.</p><p><a "
	       "href=\"/empty\"></a></p>",
	       "https://paper.example/section/page.html", &d, NULL);
	assert_int_equal(d.npara, 1);
	assert_string_equal(d.paras[0].text,
	                    "See the story [1], another [2] and a script, data, top, away [3] "
	                    "and the story again [1].");
	assert_int_equal(d.nlinks, 3);
	assert_string_equal(d.links[0], "https://paper.example/news/1?a=1&b=2");
	assert_string_equal(d.links[1], "https://paper.example/section/other.html");
	assert_string_equal(d.links[2], "https://elsewhere.example/x");
	doc_free(&d);
}

/* Only links a browser may safely be handed survive: http, https, mailto. */
static void
test_link_schemes(void **state)
{
	struct doc d;

	render("<p><a href=\"file:///etc/passwd\">f</a> <a href=\"FILE:/x\">g</a> "
	       "<a href=\"vbscript:x\">v</a> <a href=\"ssh://h/\">s</a> "
	       "<a href=\" JavaScript:alert(1)\">j</a> <a href=\"mailto:desk@paper.example\">m</a> "
	       "<a href=\"HTTPS://paper.example/a\">h</a> <a href=\"rel/b\">r</a></p>",
	       "file:///home/user/page.html", &d, NULL);
	assert_int_equal(d.nlinks, 2);
	assert_string_equal(d.links[0], "mailto:desk@paper.example");
	assert_string_equal(d.links[1], "HTTPS://paper.example/a");
	doc_free(&d);
}

static void
test_link_around_blocks(void **state)
{
	struct doc d;

	render("<p>Intro.</p><a href=\"/story\"><h2>Card headline</h2><p>Card text</p></a>"
	       "<p>After.</p>",
	       "http://c.example/", &d, NULL);
	assert_int_equal(d.npara, 4);
	assert_string_equal(d.paras[2].text, "Card text [1]");
	assert_string_equal(d.paras[3].text, "After.");
	assert_string_equal(d.links[0], "http://c.example/story");
	doc_free(&d);
}

static void
test_entities_and_controls(void **state)
{
	struct doc d;

	render("<p>caf&eacute; &amp; cr&#232;me &#x2014; &lt;tag&gt; &nbsp;&nbsp;x\x01y\x7f"
	       "\xc2\x85z &unknown;</p><p>&nbsp;</p><p>bad \xff byte</p>",
	       NULL, &d, NULL);
	assert_int_equal(d.npara, 2);
	assert_string_equal(d.paras[0].text,
	                    "caf\xc3\xa9 & cr\xc3\xa8me \xe2\x80\x94 <tag> xyz &unknown;");
	assert_true(utf8_valid(d.paras[1].text, strlen(d.paras[1].text)));
	assert_non_null(strstr(d.paras[1].text, "bad"));
	doc_free(&d);
}

static void
test_deep_nesting(void **state)
{
	struct buf b = BUF_INIT;
	struct doc d;
	char *cause = NULL;
	size_t i;
	const char *open = "<div><blockquote><ul><li><b><a href=\"/x\">";
	const char *close = "</a></b></li></ul></blockquote></div>";

	for (i = 0; i < 100000; i++)
		buf_adds(&b, open);
	buf_adds(&b, "deep");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, close);
	doc_init(&d);
	assert_int_equal(html_render(b.data, b.len, NULL, &d, NULL, &cause), 0);
	for (i = 0; i < d.npara; i++)
		assert_true(strlen(d.paras[i].text) < 1000);
	doc_free(&d);
	buf_free(&b);
}

static void
test_empty_and_garbage(void **state)
{
	static const char junk[] = "\x00\xff<<<</p></div><a href=x>";
	struct doc d;
	char *cause = NULL, *title = (char *)1;

	doc_init(&d);
	assert_int_equal(html_render("", 0, NULL, &d, &title, &cause), 0);
	assert_null(title);
	assert_int_equal(d.npara, 0);
	assert_int_equal(html_render(junk, sizeof(junk) - 1, NULL, &d, NULL, &cause), 0);
	doc_free(&d);
}

static void
test_plain(void **state)
{
	char *s;

	s = html_plain(" Council <b>delays</b>\n &quot;Green&quot;&nbsp;vote ", 51, 1);
	assert_string_equal(s, "Council delays \"Green\" vote");
	free(s);
	s = html_plain("<p>One</p><p>Two</p><script>x<y</script>", 40, 1);
	assert_string_equal(s, "One Two");
	free(s);
	/* a '<' that starts no tag, and text where markup is not expected */
	s = html_plain("5 < 6 and <b>", 13, 0);
	assert_string_equal(s, "5 < 6 and <b>");
	free(s);
	s = html_plain("a < b", 5, 1);
	assert_string_equal(s, "a < b");
	free(s);
	assert_null(html_plain("  <br> &nbsp; ", 14, 1));
	s = html_plain("AT&T &#65; &#x42; &#0; &bogus;", 30, 1);
	assert_string_equal(s, "AT&T A B \xef\xbf\xbd &bogus;");
	free(s);
}

static void
test_plain_linear_on_hostile_input(void **state)
{
	size_t n = 4 << 20, i;
	char *s = xmalloc(n), *out;

	for (i = 0; i < n; i += 2) {
		s[i] = '<';
		s[i + 1] = 'a';
	}
	out = html_plain(s, n, 1);
	assert_non_null(out);
	free(out);
	free(s);
}

static void
test_resolve(void **state)
{
	char *u;

	u = html_resolve("  ../b/c?d#e ", "http://h.example/a/x/y");
	assert_string_equal(u, "http://h.example/a/b/c?d#e");
	free(u);
	assert_null(html_resolve("JavaScript:void(0)", "http://h.example/"));
	assert_null(html_resolve("#frag", "http://h.example/"));
	u = html_resolve("rel/path", NULL);
	assert_string_equal(u, "rel/path");
	free(u);
	/* an absolute link is kept as it is, whatever the base */
	u = html_resolve(" HTTPS://Other.example/a/../b?x=1 2#f", "http://h.example/a/");
	assert_string_equal(u, "HTTPS://Other.example/a/../b?x=1%202#f");
	free(u);
	u = html_resolve("mailto:desk@h.example", "http://h.example/a/");
	assert_string_equal(u, "mailto:desk@h.example");
	free(u);
	u = html_resolve("https://h.example/\xff", "http://h.example/");
	assert_null(u);
	u = html_resolve("//cdn.example/p", "https://h.example/a/");
	assert_string_equal(u, "https://cdn.example/p");
	free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paragraphs_and_headings),
	    cmocka_unit_test(test_title_element_and_dropped_parts),
	    cmocka_unit_test(test_utf8_kept_despite_meta_charset),
	    cmocka_unit_test(test_lists_nested_and_ordered),
	    cmocka_unit_test(test_blockquote_pre_br),
	    cmocka_unit_test(test_table_rows),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_links_numbered_and_resolved),
	    cmocka_unit_test(test_link_schemes),
	    cmocka_unit_test(test_link_around_blocks),
	    cmocka_unit_test(test_entities_and_controls),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_empty_and_garbage),
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_page_furniture),
	    cmocka_unit_test(test_plain_linear_on_hostile_input),
	    cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
