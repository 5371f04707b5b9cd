/* test_browse.c - the reader's queries (storage/browse.c) agree with the
 * general ones: counts, pages read forwards and from the end, feeds, speakers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "storage/browse.h"
#include "storage/feeds.h"
#include "storage/store.h"
#include "storage/user.h"
#include "util/xmalloc.h"

#define NART 57

struct fixture {
	char dir[64];
	char *path;
	struct store *st;
	int64_t feeds[3];
	int64_t speaker;
};

/* Adds article i: feed i % 3 (imported when i % 5 == 0), read when i % 4 == 0,
 * with a statement by "Mara Lindqvist" when i % 2 == 0; when i % 6 == 1 the
 * same story comes in feed 0 as well (it is in 1 already). */
static void
add_article(struct fixture *f, size_t i)
{
	struct doc d;
	struct analysis a;
	char *cause = NULL, *key = xasprintf("k%zu", i), *t = xasprintf("Story %zu", i);
	int64_t id;

	doc_init(&d);
	d.key = key;
	d.title = t;
	d.published = 1700000000 + (int64_t)(i % 7) * 3600; /* ties, to test the id order */
	doc_add_para(&d, t, strlen(t));
	doc_add_para(&d, "\"Fine,\" said Mara Lindqvist.", 28);
	assert_int_equal(
	    store_article_put(f->st, &d, i % 5 == 0 ? 0 : f->feeds[i % 3], &id, NULL, &cause), 0);
	memset(&a, 0, sizeof(a));
	if (i % 2 == 0) {
		a.nents = 1;
		a.ents = xcalloc(1, sizeof(*a.ents));
		a.ents[0].name = xstrdup("Mara Lindqvist");
		a.ents[0].kind = ENT_PERSON;
		a.nments = 1;
		a.ments = xcalloc(1, sizeof(*a.ments));
		a.ments[0] = (struct ana_mention){0, 1, 14, 28};
		a.nstmts = 1;
		a.stmts = xcalloc(1, sizeof(*a.stmts));
		a.stmts[0].speaker = 0;
		a.stmts[0].direct = 1;
		a.stmts[0].para = a.stmts[0].para_end = 1;
		a.stmts[0].start = 1;
		a.stmts[0].end = 5;
	}
	assert_int_equal(store_analysis_put(f->st, id, &d, &a, &cause), 0);
	analysis_free(&a);
	if (i % 6 == 1)
		assert_int_equal(store_article_put(f->st, &d, f->feeds[0], NULL, NULL, &cause), 0);
	if (i % 4 == 0)
		assert_int_equal(store_article_set_unread(f->st, id, 0, &cause), 0);
	doc_free(&d);
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL, *url;
	int added;
	size_t i;

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_browse.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = xasprintf("%s/t.db", f->dir);
	assert_int_equal(store_open(f->path, 0, &f->st, &cause), 0);
	for (i = 0; i < 3; i++) {
		url = xasprintf("http://127.0.0.1:9/f%zu.xml", i);
		assert_int_equal(store_feed_add(f->st, url, "cli", &f->feeds[i], &added, &cause),
		                 0);
		free(url);
	}
	/* the first feed by id comes last by title */
	assert_int_equal(store_feed_default_title(f->st, f->feeds[0], "Zeta wire", &cause), 0);
	for (i = 0; i < NART; i++)
		add_article(f, i);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *p;

	store_close(f->st);
	unlink(f->path);
	p = xasprintf("%s-wal", f->path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", f->path);
	unlink(p);
	free(p);
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

struct ids {
	int64_t v[NART + 1];
	int unread[NART + 1];
	size_t n;
};

static int
collect(const struct store_row *r, void *arg)
{
	struct ids *x = arg;

	x->unread[x->n] = r->unread;
	x->v[x->n++] = r->id;
	return 0;
}

static void
check_filter(struct fixture *f, const struct store_filter *flt)
{
	size_t t1, u1, t2, u2, off, lim, i;
	struct ids all, page;
	char *cause = NULL;

	assert_int_equal(store_article_count(f->st, flt, &t1, &u1, &cause), 0);
	assert_int_equal(store_browse_count(f->st, flt, &t2, &u2, &cause), 0);
	assert_int_equal(t1, t2);
	assert_int_equal(u1, u2);
	all.n = 0;
	assert_int_equal(store_article_list(f->st, flt, 0, 0, collect, &all, &cause), 0);
	assert_int_equal(all.n, t1);
	/* every page, read forwards or (past the middle) from the end, is the same */
	for (lim = 1; lim <= 7; lim += 3)
		for (off = 0; off <= t1 + 1; off++) {
			page.n = 0;
			assert_int_equal(store_browse_list(f->st, flt, NULL, t1, off, lim, collect,
			                                   &page, &cause),
			                 0);
			assert_int_equal(page.n, off >= t1 ? 0 : off + lim > t1 ? t1 - off : lim);
			for (i = 0; i < page.n; i++) {
				assert_int_equal(page.v[i], all.v[off + i]);
				assert_int_equal(page.unread[i], all.unread[off + i]);
			}
		}
}

static void
test_lists_and_counts(void **state)
{
	struct fixture *f = *state;
	struct store_filter flt;
	size_t i;

	memset(&flt, 0, sizeof(flt));
	check_filter(f, &flt);
	flt.feed_id = STORE_FEED_IMPORTED;
	check_filter(f, &flt);
	for (i = 0; i < 3; i++) {
		flt.feed_id = f->feeds[i];
		check_filter(f, &flt);
	}
}

/* The list of all articles by feed, every page of it, from either end, with
 * its groups kept or not, and the next unread from each row, agree with
 * 'newsroom list --sort feed' (store_article_list): each article once, under
 * the first feed that carries it, feeds by title, then the feedless ones. */
static void
check_by_feed(struct fixture *f, size_t nart)
{
	struct store_filter flt;
	struct ids all, page;
	size_t t, off, i, k, pos, want;
	struct store_groups *g;
	char *cause = NULL;
	int done;

	memset(&flt, 0, sizeof(flt));
	flt.sort = STORE_SORT_FEED;
	all.n = 0;
	assert_int_equal(store_article_list(f->st, &flt, 0, 0, collect, &all, &cause), 0);
	assert_int_equal(all.n, nart);
	assert_int_equal(store_browse_count(f->st, &flt, &t, NULL, &cause), 0);
	assert_int_equal(t, nart);
	for (i = 0; i < all.n; i++)
		for (k = 0; k < i; k++)
			assert_true(all.v[k] != all.v[i]);
	for (k = 0; k < 3; k++) {
		g = k ? store_browse_groups_new() : NULL;
		done = 0;
		/* counted as pages need them (1), or beforehand, in idle time (2) */
		for (i = 0; k == 2 && !done && i < 10; i++)
			assert_int_equal(store_browse_groups_count_some(f->st, g, &done, &cause),
			                 0);
		assert_true(k < 2 || done);
		for (off = 0; off <= t; off++) {
			page.n = 0;
			assert_int_equal(
			    store_browse_list(f->st, &flt, g, t, off, 6, collect, &page, &cause),
			    0);
			assert_int_equal(page.n, off + 6 > t ? t - off : 6);
			for (i = 0; i < page.n; i++) {
				assert_int_equal(page.v[i], all.v[off + i]);
				assert_int_equal(page.unread[i], all.unread[off + i]);
			}
		}
		for (off = t; off > 0; off--) {
			page.n = 0;
			assert_int_equal(store_browse_list(f->st, &flt, g, t, off - 1, 1, collect,
			                                   &page, &cause),
			                 0);
			assert_int_equal(page.n, 1);
			assert_int_equal(page.v[0], all.v[off - 1]);
		}
		store_browse_groups_free(g);
	}
	g = store_browse_groups_new();
	for (off = 0; off < t; off++) {
		assert_int_equal(store_browse_unread_near(f->st, &flt, g, off, 1, &pos, &cause), 0);
		for (want = off + 1; want < t && !all.unread[want]; want++)
			;
		assert_int_equal(pos, want < t ? want : (size_t)-1);
	}
	store_browse_groups_free(g);
}

static void
test_by_feed(void **state)
{
	struct fixture *f = *state;
	struct store_filter flt;
	struct ids one;
	size_t t, i, k, ndel;
	char *cause = NULL;

	/* a story in two feeds counts in both feeds' own lists */
	memset(&flt, 0, sizeof(flt));
	flt.feed_id = f->feeds[0];
	assert_int_equal(store_browse_count(f->st, &flt, &t, NULL, &cause), 0);
	for (i = 0, k = 0; i < NART; i++)
		k += (i % 3 == 0 && i % 5 != 0) || i % 6 == 1;
	assert_int_equal(t, k);
	/* but is listed once by feed, under the first by id ("Zeta wire"),
	 * which comes last by title */
	check_by_feed(f, NART);
	/* a removed feed's articles that the user tagged stay, in no feed and
	 * not imported: they join the imported ones at the end */
	flt.feed_id = f->feeds[2];
	one.n = 0;
	assert_int_equal(store_article_list(f->st, &flt, 0, 0, collect, &one, &cause), 0);
	assert_true(one.n > 3);
	assert_int_equal(store_tag_add(f->st, one.v[0], "keep", &cause), 0);
	assert_int_equal(store_tag_add(f->st, one.v[2], "keep", &cause), 0);
	assert_int_equal(store_feed_remove(f->st, f->feeds[2], &ndel, &cause), 0);
	assert_true(ndel > 0);
	check_by_feed(f, NART - ndel);
}

static void
test_feed_unread(void **state)
{
	struct fixture *f = *state;
	struct store_filter flt;
	size_t i, u1, u2;
	char *cause = NULL;

	memset(&flt, 0, sizeof(flt));
	for (i = 0; i < 3; i++) {
		flt.feed_id = f->feeds[i];
		assert_int_equal(store_article_count(f->st, &flt, NULL, &u1, &cause), 0);
		assert_int_equal(store_browse_feed_unread(f->st, f->feeds[i], &u2, &cause), 0);
		assert_int_equal(u1, u2);
		assert_true(u1 > 0);
	}
	/* marking all read empties the count, only for that feed */
	flt.feed_id = f->feeds[1];
	assert_int_equal(store_browse_mark_read(f->st, &flt, &cause), 0);
	assert_int_equal(store_browse_feed_unread(f->st, f->feeds[1], &u2, &cause), 0);
	assert_int_equal(u2, 0);
	assert_int_equal(store_browse_feed_unread(f->st, f->feeds[2], &u2, &cause), 0);
	assert_true(u2 > 0);
}

struct said {
	int64_t v[NART];
	size_t n;
};

static int
collect_said(const struct store_stmt_row *r, void *arg)
{
	struct said *x = arg;

	assert_string_equal(r->speaker, "Mara Lindqvist");
	x->v[x->n++] = r->id;
	return 0;
}

static int
find_speaker(const struct store_entity_row *r, void *arg)
{
	*(int64_t *)arg = r->id;
	assert_string_equal(r->name, "Mara Lindqvist");
	return 0;
}

static void
test_speakers(void **state)
{
	struct fixture *f = *state;
	int64_t id = 0;
	size_t n = 0, m, a, s, off, i, lim, steps;
	struct said all, page;
	char *cause = NULL;

	assert_int_equal(store_browse_entities(f->st, NULL, 1, find_speaker, &id, &cause), 0);
	assert_true(id > 0);
	assert_int_equal(store_browse_entity_counts(f->st, id, &m, &a, &s, &cause), 0);
	assert_int_equal(m, (NART + 1) / 2);
	assert_int_equal(a, (NART + 1) / 2);
	assert_int_equal(s, (NART + 1) / 2);
	/* counted a part at a time, or all at once */
	for (lim = 0; lim <= 5; lim++) {
		int64_t below = INT64_MAX;
		int done = 0;

		n = 0;
		for (steps = 0; !done; steps++)
			assert_int_equal(
			    store_browse_said_count_some(f->st, id, &below, lim, &n, &done, &cause),
			    0);
		assert_int_equal(n, s);
		assert_int_equal(steps, lim ? s / lim + 1 : 1);
		n = 0;
		below = INT64_MAX;
		assert_int_equal(
		    store_browse_said_count_some(f->st, 0, &below, lim, &n, &done, &cause), 0);
		assert_int_equal(n, 0);
		assert_true(done);
	}
	all.n = 0;
	assert_int_equal(store_browse_said(f->st, id, 0, 0, 0, collect_said, &all, &cause), 0);
	assert_int_equal(all.n, s);
	for (i = 1; i < all.n; i++)
		assert_true(all.v[i - 1] > all.v[i]);
	for (off = 0; off < s; off++) {
		page.n = 0;
		assert_int_equal(
		    store_browse_said(f->st, id, s, off, 4, collect_said, &page, &cause), 0);
		for (i = 0; i < page.n; i++)
			assert_int_equal(page.v[i], all.v[off + i]);
		assert_int_equal(page.n, off + 4 > s ? s - off : 4);
	}
	/* only speakers: an entity that is only mentioned is not one */
	assert_int_equal(store_browse_entities(f->st, "company", 0, find_speaker, &id, &cause), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_lists_and_counts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_feed_unread, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_by_feed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_speakers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
