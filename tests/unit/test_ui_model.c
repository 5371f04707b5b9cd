/* test_ui_model.c - the reader's view model without a terminal: wrapping,
 * highlight spans, cleaning with offsets kept, folding, list positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "ui/ui_model.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static int
setup(void **state)
{
	(void)state;
	/* wcwidth needs a UTF-8 locale to know the width of CJK characters */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	return 0;
}

/* Checks that every line of a wrap fits and that together they hold all non-space text. */
static void
check_wrap(const char *text, int width, size_t want_lines)
{
	struct ui_wrap *w;
	size_t n = ui_wrap_text(text, strlen(text), width, &w), i, chars = 0, total = 0;
	const char *p;

	for (i = 0; i < n; i++) {
		/* only a character wider than the whole line may overflow it, alone */
		uint32_t cp;

		assert_true(w[i].cols <= width ||
		            utf8_decode(text + w[i].start, w[i].end - w[i].start, &cp) ==
		                w[i].end - w[i].start);
		assert_int_equal(w[i].cols, ui_str_width(text + w[i].start, w[i].end - w[i].start));
		for (p = text + w[i].start; p < text + w[i].end; p++)
			chars += *p != ' ' && *p != '\n';
		if (i > 0)
			assert_true(w[i].start >= w[i - 1].end);
	}
	for (p = text; *p; p++)
		total += *p != ' ' && *p != '\n';
	assert_int_equal(chars, total);
	if (want_lines)
		assert_int_equal(n, want_lines);
	free(w);
}

static void
test_wrap_words(void **state)
{
	struct ui_wrap *w;
	const char *t = "The harbour board approved the plan";
	size_t n = ui_wrap_text(t, strlen(t), 12, &w);

	assert_int_equal(n, 4);
	assert_memory_equal(t + w[0].start, "The harbour", 11);
	assert_int_equal(w[0].end - w[0].start, 11);
	/* a line never starts with the space it broke at */
	assert_memory_equal(t + w[1].start, "board", 5);
	free(w);
	check_wrap(t, 12, 4);
	check_wrap(t, 80, 1);
	check_wrap("", 10, 1);
}

static void
test_wrap_long_word(void **state)
{
	struct ui_wrap *w;
	const char *t = "see https://example.com/a/very/long/path/that/does/not/fit ok";
	size_t n = ui_wrap_text(t, strlen(t), 10, &w), i;

	for (i = 0; i < n; i++)
		assert_true(w[i].cols <= 10);
	/* the long word is cut at exactly the width, not spilled */
	assert_int_equal(w[1].cols, 10);
	free(w);
	check_wrap(t, 10, 0);
	check_wrap("abcdefghij", 3, 4);
}

static void
test_wrap_wide(void **state)
{
	/* 東京証券取引所 = 7 wide characters, 14 columns; é is one column, two bytes */
	const char *t = "東京証券取引所は本日、é決定を発表した。";
	struct ui_wrap *w;
	size_t n, i;

	assert_int_equal(ui_str_width("東京", strlen("東京")), 4);
	assert_int_equal(ui_str_width("é", strlen("é")), 1);
	n = ui_wrap_text(t, strlen(t), 9, &w);
	for (i = 0; i < n; i++) {
		assert_true(w[i].cols <= 9);
		/* lines break between characters, never inside one */
		assert_true(((unsigned char)t[w[i].start] & 0xc0) != 0x80);
	}
	assert_int_equal(w[0].cols, 8);
	free(w);
	check_wrap(t, 9, 0);
	check_wrap(t, 1, 0); /* narrower than a wide character: one per line, still no loss */
	/* fitting stops before a wide character that would overflow */
	assert_int_equal(ui_str_fit("ab東", strlen("ab東"), 3, NULL), 2);
}

static void
test_wrap_newlines(void **state)
{
	struct ui_wrap *w;
	const char *t = "line one\nline two\n\nafter a blank";
	size_t n = ui_wrap_text(t, strlen(t), 40, &w);

	assert_int_equal(n, 4);
	assert_int_equal(w[2].end - w[2].start, 0);
	assert_memory_equal(t + w[3].start, "after", 5);
	free(w);
}

static void
test_listpos(void **state)
{
	struct ui_listpos p = {100, 0, 0};

	ui_listpos_move(&p, 1, 10);
	assert_int_equal(p.cur, 1);
	ui_listpos_move(&p, 15, 10);
	assert_int_equal(p.cur, 16);
	assert_int_equal(p.top, 7);
	ui_listpos_move(&p, -1000, 10);
	assert_int_equal(p.cur, 0);
	assert_int_equal(p.top, 0);
	ui_listpos_set(&p, 99, 10);
	assert_int_equal(p.top, 90);
	/* a taller window shows more of the end, with no blank rows */
	ui_listpos_fit(&p, 30);
	assert_int_equal(p.top, 70);
	p.n = 0;
	ui_listpos_move(&p, 1, 10);
	ui_listpos_fit(&p, 10);
	assert_int_equal(p.cur, 0);
}

/* An article: headline, a paragraph with a statement and two entities, two
 * repeats of it, and a last paragraph with a link number. */
static void
make_article(struct ui_article *v, const char *p1)
{
	struct doc d;
	struct analysis a;
	const char *said = "\"We will appeal,\" said Norvik Steel.";
	size_t i;

	doc_init(&d);
	d.key = xstrdup("t");
	doc_add_para(&d, "Norvik Steel fined", strlen("Norvik Steel fined"));
	doc_add_para(&d, p1, strlen(p1));
	doc_add_para(&d, said, strlen(said));
	doc_add_para(&d, said, strlen(said));
	doc_add_para(&d, said, strlen(said));
	doc_add_para(&d, "Read more [1] today.", strlen("Read more [1] today."));
	doc_add_link(&d, "https://example.org/x");
	for (i = 0; i < d.npara; i++)
		d.paras[i].dup_of = -1;
	d.paras[3].dup_of = d.paras[4].dup_of = 2;
	memset(&a, 0, sizeof(a));
	a.nents = 2;
	a.ents = xcalloc(2, sizeof(*a.ents));
	a.ents[0].name = xstrdup("Norvik Steel");
	a.ents[0].kind = ENT_COMPANY;
	a.ents[1].name = xstrdup("Maritime Bureau");
	a.ents[1].kind = ENT_AGENCY;
	a.nments = 4;
	a.ments = xcalloc(4, sizeof(*a.ments));
	a.ments[0] = (struct ana_mention){0, 0, 0, 12};
	/* "Maritime Bureau" in p1, after whatever p1 starts with */
	a.ments[1] = (struct ana_mention){1, 1, strstr(p1, "Maritime") - p1,
	                                  strstr(p1, "Maritime") - p1 + 15};
	a.ments[2] = (struct ana_mention){0, 2, 23, 35};
	a.ments[3] = (struct ana_mention){0, 3, 23, 35};
	a.nstmts = 1;
	a.stmts = xcalloc(1, sizeof(*a.stmts));
	a.stmts[0].speaker = 0;
	a.stmts[0].direct = 1;
	a.stmts[0].para = a.stmts[0].para_end = 2;
	a.stmts[0].start = 1;
	a.stmts[0].end = 15;
	ui_article_init(v, &d, &a, "By A. Writer", NULL, NULL, 0);
}

static size_t
find_para(const struct ui_article *v, const char *start)
{
	size_t i;

	for (i = 0; i < v->npara; i++)
		if (strncmp(v->paras[i].text, start, strlen(start)) == 0)
			return i;
	fail_msg("no paragraph starting with %s", start);
	return 0;
}

static void
test_article_spans(void **state)
{
	struct ui_article v;
	struct ui_seg seg[16];
	size_t i, n, p;
	const struct ui_line *l = NULL;

	make_article(&v, "The Maritime Bureau fined the firm.");
	ui_article_layout(&v, 120, 0);
	p = find_para(&v, "\"We will");
	for (i = 0; i < v.nlines; i++)
		if (v.lines[i].kind == UI_LINE_TEXT && v.lines[i].para == p)
			l = &v.lines[i];
	assert_non_null(l);
	/* the statement starts on this line, and the margin says so */
	assert_true(l->leader >= 0);
	assert_int_equal(v.marks[l->leader].kind, UI_MARK_STMT);
	n = ui_article_segments(&v, l, seg, 16);
	/* '"' | We will appeal, | '" said ' | Norvik Steel | '.' */
	assert_int_equal(n, 5);
	assert_int_equal(seg[0].stmt, -1);
	assert_int_equal(seg[1].start, 1);
	assert_int_equal(seg[1].end, 15);
	assert_true(seg[1].stmt >= 0);
	assert_int_equal(seg[2].stmt, -1);
	assert_int_equal(seg[3].kind, UI_SEG_ENTITY);
	assert_int_equal(seg[3].ent_kind, ENT_COMPANY);
	assert_memory_equal(v.paras[p].text + seg[3].start, "Norvik Steel", 12);
	/* the link number is its own segment */
	p = find_para(&v, "Read more");
	for (i = 0; i < v.nlines; i++)
		if (v.lines[i].kind == UI_LINE_TEXT && v.lines[i].para == p)
			l = &v.lines[i];
	n = ui_article_segments(&v, l, seg, 16);
	assert_int_equal(n, 3);
	assert_int_equal(seg[1].kind, UI_SEG_LINKREF);
	assert_memory_equal(v.paras[p].text + seg[1].start, "[1]", 3);
	/* the link list is at the end */
	assert_string_equal(v.paras[v.npara - 1].text, "[1] https://example.org/x");
	ui_article_free(&v);
}

static void
test_article_clean_offsets(void **state)
{
	struct ui_article v;
	struct ui_seg seg[16];
	size_t i, n, p;
	const struct ui_line *l = NULL;

	/* escape sequences before the mention are removed; the mention stays on its words */
	make_article(&v, "\x1b[31mThe\x1b[0m \xe2\x80\xaeMaritime Bureau fined the firm.");
	p = 2; /* headline, meta line, then this paragraph */
	assert_null(strchr(v.paras[p].text, '\x1b'));
	assert_null(strstr(v.paras[p].text, "\xe2\x80\xae"));
	ui_article_layout(&v, 80, 0);
	for (i = 0; i < v.nlines; i++)
		if (v.lines[i].kind == UI_LINE_TEXT && v.lines[i].para == p) {
			l = &v.lines[i];
			break;
		}
	assert_non_null(l);
	n = ui_article_segments(&v, l, seg, 16);
	for (i = 0; i < n; i++)
		if (seg[i].kind == UI_SEG_ENTITY)
			break;
	assert_true(i < n);
	assert_int_equal(seg[i].end - seg[i].start, 15);
	assert_memory_equal(v.paras[p].text + seg[i].start, "Maritime Bureau", 15);
	assert_int_equal(seg[i].ent_kind, ENT_AGENCY);
	ui_article_free(&v);
}

static void
test_article_fold(void **state)
{
	struct ui_article v;
	size_t i, folds = 0, dups = 0, top, para;
	long m;

	make_article(&v, "The Maritime Bureau fined the firm.");
	assert_int_equal(ui_article_ndup(&v), 2);
	ui_article_layout(&v, 80, 0);
	for (i = 0; i < v.nlines; i++)
		if (v.lines[i].kind == UI_LINE_FOLD) {
			folds++;
			assert_int_equal(v.lines[i].fold, 2);
		}
	assert_int_equal(folds, 1);
	/* marks inside folded paragraphs are skipped by next/previous */
	for (m = ui_article_next_mark(&v, -1, UI_MARK_ENTITY, 1); m >= 0;
	     m = ui_article_next_mark(&v, m, UI_MARK_ENTITY, 1))
		assert_false(v.paras[v.marks[m].para].dup);
	/* a folded paragraph is found at its fold line */
	assert_int_equal(v.lines[ui_article_find_line(&v, 4, 0)].kind, UI_LINE_FOLD);
	/* unfolding keeps the line at the top of the window on the same text */
	para = find_para(&v, "Read more");
	top = ui_article_find_line(&v, para, 0);
	v.unfolded = 1;
	ui_article_layout(&v, 80, 0);
	for (i = 0; i < v.nlines; i++) {
		assert_int_not_equal(v.lines[i].kind, UI_LINE_FOLD);
		dups += v.lines[i].dup;
	}
	assert_int_equal(dups, 2);
	top = ui_article_find_line(&v, para, 0);
	assert_int_equal(v.lines[top].para, para);
	assert_int_equal(v.lines[top].start, 0);
	m = ui_article_next_mark(&v, -1, UI_MARK_ENTITY, -1);
	assert_true(v.paras[v.marks[m].para].dup);
	ui_article_free(&v);
}

static void
test_article_marks(void **state)
{
	struct ui_article v;
	long m;

	make_article(&v, "The Maritime Bureau fined the firm.");
	ui_article_layout(&v, 40, 0);
	m = ui_article_next_mark(&v, -1, UI_MARK_STMT, 1);
	assert_true(m >= 0);
	assert_int_equal(v.marks[m].kind, UI_MARK_STMT);
	assert_int_equal(ui_article_next_mark(&v, m, UI_MARK_STMT, 1), -1);
	/* the statement is sought from a line below the headline */
	assert_int_equal(ui_article_mark_near(&v, 3, UI_MARK_STMT, 1), m);
	assert_int_equal(ui_article_mark_near(&v, 0, UI_MARK_STMT, -1), -1);
	ui_article_free(&v);
}

static void
test_article_narrow(void **state)
{
	struct ui_article v;
	size_t i;

	make_article(&v, "The Maritime Bureau fined the firm.");
	/* any width gives lines that fit, margins included */
	for (int cols = 20; cols <= 300; cols += 7) {
		ui_article_layout(&v, cols, 100);
		assert_true(v.indent + v.margin + v.width < cols || cols <= 9);
		assert_true(v.width <= 100);
		for (i = 0; i < v.nlines; i++)
			if (v.lines[i].kind == UI_LINE_TEXT)
				assert_true(
				    ui_str_width(v.paras[v.lines[i].para].text + v.lines[i].start,
				                 v.lines[i].end - v.lines[i].start) <= v.width);
	}
	ui_article_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wrap_words),
	    cmocka_unit_test(test_wrap_long_word),
	    cmocka_unit_test(test_wrap_wide),
	    cmocka_unit_test(test_wrap_newlines),
	    cmocka_unit_test(test_listpos),
	    cmocka_unit_test(test_article_spans),
	    cmocka_unit_test(test_article_clean_offsets),
	    cmocka_unit_test(test_article_fold),
	    cmocka_unit_test(test_article_marks),
	    cmocka_unit_test(test_article_narrow),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
