/* test_user.c - the reader's data on a fixture database: every search
 * qualifier, ranking and snippets, harmless injection attempts, entity
 * decisions, and notes that follow their text when an article changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "pipeline.h"
#include "search/backup.h"
#include "search/decide.h"
#include "search/export.h"
#include "search/search.h"
#include "storage/search.h"
#include "storage/store_int.h"
#include "storage/user.h"
#include "util/xmalloc.h"

struct fixture {
	char dir[64];
	char *path;
	struct store *st;
	int64_t id[5]; /* articles 1..4 */
};

/* --- building the fixture --- */

static void
make_doc(struct doc *d, const char *key, const char *const *paras, int64_t published)
{
	size_t i;

	doc_init(d);
	d->key = xstrdup(key);
	d->title = xstrdup(paras[0]);
	d->published = published;
	for (i = 0; paras[i] != NULL; i++)
		doc_add_para(d, paras[i], strlen(paras[i]));
}

static size_t
add_entity(struct analysis *a, const char *name, enum ent_kind kind, const char *alias)
{
	struct ana_entity *e;

	a->ents = xreallocarray(a->ents, a->nents + 1, sizeof(*a->ents));
	e = &a->ents[a->nents];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(name);
	e->kind = kind;
	if (alias != NULL) {
		e->aliases = xcalloc(1, sizeof(char *));
		e->aliases[0] = xstrdup(alias);
		e->naliases = 1;
	}
	return a->nents++;
}

/* Marks the first occurrence of words in paragraph para as a mention of ent. */
static void
add_mention(struct analysis *a, const struct doc *d, size_t ent, size_t para, const char *words)
{
	const char *hit = strstr(d->paras[para].text, words);

	assert_non_null(hit);
	a->ments = xreallocarray(a->ments, a->nments + 1, sizeof(*a->ments));
	a->ments[a->nments].entity = ent;
	a->ments[a->nments].para = para;
	a->ments[a->nments].start = (size_t)(hit - d->paras[para].text);
	a->ments[a->nments].end = a->ments[a->nments].start + strlen(words);
	a->nments++;
}

static void
add_statement(struct analysis *a, const struct doc *d, long speaker, size_t para, const char *words)
{
	const char *hit = strstr(d->paras[para].text, words);
	struct ana_statement *m;

	assert_non_null(hit);
	a->stmts = xreallocarray(a->stmts, a->nstmts + 1, sizeof(*a->stmts));
	m = &a->stmts[a->nstmts++];
	memset(m, 0, sizeof(*m));
	m->speaker = speaker;
	m->direct = 1;
	m->cue = xstrdup("said");
	m->para = m->para_end = para;
	m->start = (size_t)(hit - d->paras[para].text);
	m->end = m->start + strlen(words);
}

/* Stores d (under feed_id) with analysis a, then frees both. */
static int64_t
put(struct store *st, struct doc *d, int64_t feed_id, struct analysis *a)
{
	char *cause = NULL;
	int64_t id;

	assert_int_equal(store_begin(st, &cause), 0);
	if (store_article_put(st, d, feed_id, &id, NULL, &cause) != 0 ||
	    store_analysis_put(st, id, d, a, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(store_commit(st, &cause), 0);
	analysis_free(a);
	doc_free(d);
	return id;
}

static void
exec(struct store *st, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static int
setup(void **state)
{
	static const char *const p1[] = {
	    "Veltrix Memory wins a chip order from Norland",
	    "Veltrix Memory said on Monday it had won a large memory chip order from the "
	    "Norland rail company.",
	    "\"This order fills our plant for two years,\" said Hana Okafor, the chief "
	    "executive of Veltrix.",
	    "The Office of Digital Trade (ODT) is reviewing the export licence.", NULL};
	static const char *const p2[] = {
	    "Harbour authority delays its tariff ruling",
	    "The Harbour Authority of Kestrel (HAK) delayed its ruling on port tariffs.",
	    "\"We need another month,\" said Mara Lindqvist, who chairs the board.", NULL};
	static const char *const p3[] = {
	    "A quiet day on the Lisbon markets",
	    "Trading in Lisbon was thin; tariff worries kept buyers away.", NULL};
	static const char *const p4[] = {
	    "Corvan Systems posts a loss as chip prices fall",
	    "Corvan Systems, a rival of Veltrix, reported a loss for the quarter.",
	    "Analysts said memory prices would recover next year.", NULL};
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct analysis a;
	struct doc d;
	char *cause = NULL;
	size_t e1, e2, e3;

	strcpy(f->dir, "/tmp/nr-test-user-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = xasprintf("%s/test.db", f->dir);
	assert_int_equal(store_open(f->path, 0, &f->st, &cause), 0);
	exec(f->st,
	     "INSERT INTO feed (id, url, title) VALUES (1, 'http://wire.test/rss', 'Wire One');"
	     "INSERT INTO feed (id, url, title, user_title) VALUES"
	     " (2, 'http://lisbon.test/atom', 'LX', 'Lisbon Letters');"
	     "INSERT INTO feed_tag VALUES (1, 'markets');");

	make_doc(&d, "k1", p1, 1767000000); /* 2025-12-29 */
	memset(&a, 0, sizeof(a));
	e1 = add_entity(&a, "Veltrix Memory", ENT_COMPANY, "Veltrix");
	e2 = add_entity(&a, "Office of Digital Trade", ENT_AGENCY, "ODT");
	e3 = add_entity(&a, "Hana Okafor", ENT_PERSON, NULL);
	add_entity(&a, "Norland", ENT_COUNTRY, NULL);
	add_mention(&a, &d, e1, 1, "Veltrix Memory");
	add_mention(&a, &d, e1, 2, "Veltrix");
	add_mention(&a, &d, e2, 3, "Office of Digital Trade");
	add_mention(&a, &d, e3, 2, "Hana Okafor");
	add_mention(&a, &d, 3, 1, "Norland");
	add_statement(&a, &d, (long)e3, 2, "This order fills our plant for two years,");
	f->id[1] = put(f->st, &d, 1, &a);

	make_doc(&d, "k2", p2, 1748736000); /* 2025-06-01 */
	memset(&a, 0, sizeof(a));
	e1 = add_entity(&a, "Harbour Authority of Kestrel", ENT_AGENCY, "HAK");
	e2 = add_entity(&a, "Mara Lindqvist", ENT_PERSON, NULL);
	add_mention(&a, &d, e1, 1, "Harbour Authority of Kestrel");
	add_mention(&a, &d, e2, 2, "Mara Lindqvist");
	add_statement(&a, &d, (long)e2, 2, "We need another month,");
	f->id[2] = put(f->st, &d, 1, &a);

	make_doc(&d, "k3", p3, 1766000000);
	memset(&a, 0, sizeof(a));
	e1 = add_entity(&a, "Lisbon", ENT_PLACE, NULL);
	add_mention(&a, &d, e1, 1, "Lisbon");
	f->id[3] = put(f->st, &d, 2, &a);

	make_doc(&d, "k4", p4, 1766500000);
	memset(&a, 0, sizeof(a));
	e1 = add_entity(&a, "Corvan Systems", ENT_COMPANY, NULL);
	e2 = add_entity(&a, "Veltrix Memory", ENT_COMPANY, NULL);
	add_mention(&a, &d, e1, 1, "Corvan Systems");
	add_mention(&a, &d, e2, 1, "Veltrix");
	f->id[4] = put(f->st, &d, 0, &a);

	assert_int_equal(store_tag_add(f->st, f->id[1], "chips", &cause), 0);
	assert_int_equal(store_article_set_unread(f->st, f->id[2], 0, &cause), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(f->st);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* --- search --- */

/* Returns the fixture numbers (1..4) of the results of query, in order, as a
 * string like "1 4", or "error: ..." */
static char *
results(struct fixture *f, const char *query)
{
	struct search_page p;
	char *cause = NULL, *r;
	size_t i, k, len = 0;
	char buf[64] = "";

	if (search_run(f->st, query, 0, 0, &p, &cause) != 0) {
		r = xasprintf("error: %s", cause);
		free(cause);
		return r;
	}
	for (i = 0; i < p.n; i++)
		for (k = 1; k <= 4; k++)
			if (p.hits[i].id == f->id[k])
				len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%zu",
				                        len ? " " : "", k);
	search_page_free(&p);
	return xstrdup(buf);
}

/* Asserts query gives exactly want (fixture numbers); sorted unless ranked. */
static void
expect(struct fixture *f, const char *query, const char *want)
{
	char *got = results(f, query);

	if (strcmp(got, want) != 0)
		fail_msg("search '%s' gave '%s', expected '%s'", query, got, want);
	free(got);
}

static int
cmp_char(const void *a, const void *b)
{
	return *(const char *)a - *(const char *)b;
}

/* Asserts query gives the articles in want, in any order. */
static void
expect_unordered(struct fixture *f, const char *query, const char *want)
{
	char *got = results(f, query), *w = xstrdup(want);

	qsort(got, strlen(got), 1, cmp_char);
	qsort(w, strlen(w), 1, cmp_char);
	if (strcmp(got, w) != 0)
		fail_msg("search '%s' gave '%s', expected '%s' in any order", query, got, want);
	free(got);
	free(w);
}

static void
test_search_qualifiers(void **state)
{
	struct fixture *f = *state;

	/* without words, newest first */
	expect(f, "company:\"Veltrix Memory\"", "1 4");
	expect(f, "company:veltrix", "1 4"); /* by alias, and case-insensitive */
	expect(f, "company:\"Corvan Systems\"", "4");
	expect(f, "agency:ODT", "1"); /* alias of the agency */
	expect(f, "agency:\"office of digital trade\"", "1");
	expect(f, "agency:Veltrix", ""); /* a company, not an agency */
	expect(f, "agency:HAK", "2");
	expect(f, "person:\"Hana Okafor\"", "1");
	expect(f, "person:Hana", "1");  /* the first words of a name */
	expect(f, "person:Okafor", ""); /* ... but not any word of it */
	expect(f, "country:Norland", "1");
	expect(f, "place:Lisbon", "3");
	expect(f, "entity:HAK", "2");
	expect(f, "entity:veltrix", "1 4");
	expect(f, "speaker:\"Mara Lindqvist\"", "2");
	expect(f, "speaker:\"Hana Okafor\"", "1");
	expect(f, "speaker:Veltrix", "");
	/* with words leading, each article is tested for the speaker */
	expect(f, "order speaker:\"Hana Okafor\"", "1");
	expect(f, "month speaker:\"Hana Okafor\"", "");
	expect(f, "tag:chips", "1");
	expect(f, "tag:CHIPS", "1");
	expect(f, "tag:markets", "1 2"); /* the tag of their feed */
	expect(f, "feed:\"Wire One\"", "1 2");
	expect(f, "feed:lisbon", "3"); /* the user's title for the feed */
	expect(f, "feed:1", "1 2");
	expect(f, "since:2025-12-01", "1 4 3");
	expect(f, "since:2025-12-01 until:2025-12-25", "4 3");
	expect(f, "until:2025-06-01", "2"); /* the whole day given */
	expect(f, "is:read", "2");
	expect(f, "is:unread", "1 4 3");
	expect(f, "has:tag", "1 2");
	expect(f, "-has:tag", "4 3");
	expect(f, "has:note", "");
	expect(f, "has:statement", "1 2");
	expect(f, "has:quote -speaker:\"Mara Lindqvist\"", "1");
}

static void
test_search_words(void **state)
{
	struct fixture *f = *state;
	struct search_page p;
	char *cause = NULL;

	expect(f, "tariff", "2 3");  /* in the title ranks first */
	expect(f, "tariffs", "2 3"); /* words are stemmed: tariffs finds tariff */
	expect(f, "tariff*", "2 3");
	expect(f, "\"memory chip order\"", "1");
	expect(f, "\"chip memory\"", "");
	expect(f, "chip -Corvan", "1");
	expect(f, "chip OR Lisbon", "3 4 1"); /* Lisbon in a short title weighs most */
	expect_unordered(f, "memory (Corvan OR Norland)", "1 4");
	expect(f, "-tariff", "1 4");
	expect(f, "company:Veltrix loss", "4");
	expect(f, "tariff OR tag:chips", "1 3 2"); /* no ranking words: newest first */
	expect(f, "(tariff -Lisbon) OR place:Lisbon", "3 2");
	expect(f, "is:unread tariff", "3");
	expect(f, "", "1 4 3 2");

	/* snippets mark the matched words */
	assert_int_equal(search_run(f->st, "plant", 0, 10, &p, &cause), 0);
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.hits[0].snippet, "\x02plant\x03"));
	assert_null(strchr(p.hits[0].snippet, '\x1e'));
	search_page_free(&p);

	/* pages */
	assert_int_equal(search_run(f->st, "", 1, 2, &p, &cause), 0);
	assert_int_equal(p.n, 2);
	assert_true(p.more);
	assert_true(p.hits[0].id == f->id[4] && p.hits[1].id == f->id[3]);
	search_page_free(&p);
	assert_int_equal(search_run(f->st, "", 2, 2, &p, &cause), 0);
	assert_int_equal(p.n, 2);
	assert_false(p.more);
	search_page_free(&p);
}

/* A page is ranked among the newest STORE_SEARCH_WINDOW articles holding the
 * words; when a qualifier keeps fewer than a page of them, the range grows
 * until it finds the old articles that do match. */
static void
test_search_window_grows(void **state)
{
	struct fixture *f = *state;
	static const char *const paras[] = {"Harbour filler", "The harbour report for the day.",
	                                    NULL};
	const size_t n = STORE_SEARCH_WINDOW + 100, ntagged = 30;
	int64_t id, first = 0;
	struct search_page p;
	char *cause = NULL, key[32];
	size_t i, total = 0;
	struct doc d;

	assert_int_equal(store_begin(f->st, &cause), 0);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "window-%zu", i);
		make_doc(&d, key, paras, 1700000000 + (int64_t)i * 60);
		if (store_article_put(f->st, &d, 0, &id, NULL, &cause) != 0 ||
		    (i < ntagged && store_tag_add(f->st, id, "oldest", &cause) != 0))
			fail_msg("%s", cause);
		if (i == 0)
			first = id;
		doc_free(&d);
	}
	assert_int_equal(store_commit(f->st, &cause), 0);

	/* the newest 2,000 articles with 'harbour' hold no tagged one */
	assert_int_equal(search_run(f->st, "harbour tag:oldest", 0, 20, &p, &cause), 0);
	assert_int_equal(p.n, 20);
	assert_true(p.more);
	for (i = 0; i < p.n; i++)
		assert_true(p.hits[i].id >= first && p.hits[i].id < first + (int64_t)ntagged);
	search_page_free(&p);
	assert_int_equal(search_run(f->st, "harbour tag:oldest", 20, 20, &p, &cause), 0);
	assert_int_equal(p.n, ntagged - 20);
	assert_false(p.more);
	search_page_free(&p);
	if (search_count(f->st, "harbour tag:oldest", &total, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(total, ntagged);

	/* words alone, a phrase, and NOT: a full page from the newest articles */
	assert_int_equal(search_run(f->st, "harbour", 0, 20, &p, &cause), 0);
	assert_int_equal(p.n, 20);
	assert_true(p.more);
	assert_true(p.hits[0].score < 0);
	search_page_free(&p);
	assert_int_equal(search_run(f->st, "\"harbour report\" -tariff", 0, 20, &p, &cause), 0);
	assert_int_equal(p.n, 20);
	assert_non_null(strstr(p.hits[0].snippet, "\x02harbour report\x03"));
	search_page_free(&p);
	assert_int_equal(search_run(f->st, "\"report harbour\"", 0, 20, &p, &cause), 0);
	assert_int_equal(p.n, 0);
	search_page_free(&p);
}

static void
test_search_injection(void **state)
{
	struct fixture *f = *state;
	size_t n;
	char *cause = NULL;

	/* FTS5 syntax inside words is only text */
	expect(f, "NEAR(Veltrix Corvan)", "");
	expect(f, "title:tariff",
	       "error: search: column 1: unknown qualifier 'title:' "
	       "(expected company:, agency:, person:, country:, place:, org:, "
	       "entity:, speaker:, tag:, feed:, since:, until:, is: or has:)");
	expect(f, "{title}:tariff", "");
	expect(f, "^tariff", "2 3");
	expect(f, "tariff+", "2 3");
	expect(f, "\"tariff\"\" OR \"\"chip\"", "");
	expect(f, "\"a\" AND \"b\"", "");
	/* SQL in values is only a value */
	expect(f, "tag:\"x' OR 1=1 --\"", "");
	expect(f, "company:\"%\"", "");
	expect(f, "feed:%", "");
	expect(f, "Robert'; DROP TABLE article; SELECT", "");
	expect(f, "'; DROP TABLE article; --",
	       "error: search: column 25: expected a word, a phrase or a group right after '-'");
	assert_int_equal(search_count(f->st, "", &n, &cause), 0);
	assert_int_equal(n, 4);
}

static void
test_saved_searches_and_tags(void **state)
{
	struct fixture *f = *state;
	struct store_saved_search *v;
	char *cause = NULL, **tags;
	size_t n;
	int removed;

	assert_int_equal(store_saved_search_put(f->st, "chips", "tag:chips", &cause), 0);
	assert_int_equal(store_saved_search_put(f->st, "Agencies", "agency:ODT", &cause), 0);
	assert_int_equal(store_saved_search_put(f->st, "chips", "chip -loss", &cause), 0);
	assert_int_equal(store_saved_search_list(f->st, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Agencies");
	assert_string_equal(v[1].query, "chip -loss");
	store_saved_search_free(v, n);
	assert_int_equal(store_saved_search_delete(f->st, "chips", &cause), 1);
	assert_int_equal(store_saved_search_delete(f->st, "chips", &cause), 0);

	assert_int_equal(store_tag_add(f->st, f->id[1], "  urgent ", &cause), 0);
	assert_int_equal(store_tag_add(f->st, f->id[1], "urgent", &cause), 0);
	assert_int_equal(store_tag_add(f->st, f->id[1], "two words", &cause), -1);
	assert_non_null(strstr(cause, "no spaces"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_tag_add(f->st, 999, "x", &cause), -1);
	assert_string_equal(cause, "no article 999");
	free(cause);
	assert_int_equal(store_tag_list(f->st, f->id[1], &tags, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(tags[0], "chips");
	assert_string_equal(tags[1], "urgent");
	store_strv_free(tags);
	assert_int_equal(store_tag_remove(f->st, f->id[1], "urgent", &removed, &cause), 0);
	assert_true(removed);
	assert_int_equal(store_tag_remove(f->st, f->id[1], "urgent", &removed, &cause), 0);
	assert_false(removed);
	assert_int_equal(store_tag_feed_list(f->st, f->id[2], &tags, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(tags[0], "markets");
	store_strv_free(tags);
}

/* Adds n articles "bulk:I" (oldest first) with the text text(i). */
static void
add_bulk(struct fixture *f, int n, void (*text)(int, char *, size_t))
{
	char *cause = NULL, key[32], body[256];
	const char *paras[3] = {NULL, NULL, NULL};
	struct analysis a;
	struct doc d;
	int i;

	assert_int_equal(store_begin(f->st, &cause), 0);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "bulk:%d", i);
		text(i, body, sizeof(body));
		paras[0] = "Bulletin";
		paras[1] = body;
		make_doc(&d, key, paras, 1700000000 + i);
		memset(&a, 0, sizeof(a));
		if (store_article_put(f->st, &d, 0, NULL, NULL, &cause) != 0)
			fail_msg("%s", cause);
		doc_free(&d);
	}
	assert_int_equal(store_commit(f->st, &cause), 0);
}

static void
bulk_text(int i, char *s, size_t n)
{
	/* every article has both words; every 50th has them as a phrase; the
	 * oldest ones say "beacon" most */
	if (i % 50 == 0)
		snprintf(s, n, "harbour beacon lights were lit %s",
		         i < 10 ? "beacon beacon beacon" : "");
	else
		snprintf(s, n, "the beacon on the old harbour wall, number %d", i);
}

static void
test_search_window(void **state)
{
	struct fixture *f = *state;
	struct search_page p;
	char *cause = NULL, *t;
	size_t i, n;
	int old_first = 0;

	add_bulk(f, STORE_SEARCH_WINDOW + 500, bulk_text);
	/* a word in every article: the page comes from the newest matches */
	assert_int_equal(search_run(f->st, "beacon", 0, 20, &p, &cause), 0);
	assert_int_equal(p.n, 20);
	assert_true(p.more);
	for (i = 0; i < p.n; i++)
		old_first |= strstr(p.hits[i].snippet, "beacon\x03 \x02"
		                                       "beacon") != NULL;
	assert_false(old_first);
	search_page_free(&p);
	/* asking for everything ranks every match: the oldest, strongest, first */
	assert_int_equal(search_run(f->st, "beacon", 0, 0, &p, &cause), 0);
	assert_int_equal(p.n, STORE_SEARCH_WINDOW + 500);
	assert_non_null(strstr(p.hits[0].snippet, "beacon\x03 \x02"
	                                          "beacon"));
	search_page_free(&p);
	/* a phrase: only its matches, on every page, however far back they are */
	assert_int_equal(search_count(f->st, "\"harbour beacon\"", &n, &cause), 0);
	assert_int_equal(n, (STORE_SEARCH_WINDOW + 500 + 49) / 50);
	assert_int_equal(search_run(f->st, "\"harbour beacon\"", 0, 40, &p, &cause), 0);
	assert_int_equal(p.n, 40);
	for (i = 0; i < p.n; i++) {
		t = strstr(p.hits[i].snippet, "harbour");
		assert_non_null(t);
		assert_non_null(strstr(p.hits[i].snippet, "lights were lit"));
	}
	search_page_free(&p);
	assert_int_equal(search_run(f->st, "\"harbour beacon\" -lit", 0, 20, &p, &cause), 0);
	assert_int_equal(p.n, 0);
	search_page_free(&p);
	assert_int_equal(search_run(f->st, "beacon -wall", 0, 100, &p, &cause), 0);
	assert_int_equal(p.n, (STORE_SEARCH_WINDOW + 500 + 49) / 50);
	search_page_free(&p);
}

/* Texts of varied lengths and word counts, for comparing rankings. */
static void
mixed_text(int i, char *s, size_t n)
{
	static const char *const words[] = {"tide", "pier", "crane", "ferry", "gull"};
	size_t len = 0;
	int k;

	len += (size_t)snprintf(s + len, n - len, "report %d", i);
	for (k = 0; k < 3 + i % 11 && len + 8 < n; k++)
		len +=
		    (size_t)snprintf(s + len, n - len, " %s", words[(i * 7 + k * (i % 4 + 1)) % 5]);
	if (i % 3 == 0 && len + 16 < n)
		snprintf(s + len, n - len, " pier crane");
}

/* With fewer articles than its IDF sample, nr_bm25 is FTS5's bm25(): same
 * order, same scores, for words, several words, a phrase, OR and NOT. */
static void
test_search_rank_is_bm25(void **state)
{
	static const char *const queries[][2] = {
	    {"tide", "\"tide\""},
	    {"tide gull", "(\"tide\" AND \"gull\")"},
	    {"\"pier crane\"", "\"pier crane\""},
	    {"ferry OR crane", "(\"ferry\" OR \"crane\")"},
	    {"pier -gull", "\"pier\" NOT \"gull\""},
	};
	struct fixture *f = *state;
	struct search_page p;
	sqlite3_stmt *s;
	char *cause = NULL;
	size_t q, i;

	add_bulk(f, 600, mixed_text);
	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		assert_int_equal(search_run(f->st, queries[q][0], 0, 0, &p, &cause), 0);
		assert_int_equal(sqlite3_prepare_v2(f->st->db,
		                                    "SELECT rowid, bm25(article_fts, 4.0, 1.0) AS r"
		                                    " FROM article_fts WHERE article_fts MATCH ?"
		                                    " ORDER BY r, rowid DESC",
		                                    -1, &s, NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(s, 1, queries[q][1], -1, SQLITE_STATIC);
		for (i = 0; sqlite3_step(s) == SQLITE_ROW; i++) {
			if (i >= p.n || p.hits[i].id != sqlite3_column_int64(s, 0) ||
			    fabs(p.hits[i].score - sqlite3_column_double(s, 1)) >
			        1e-9 * fabs(sqlite3_column_double(s, 1)))
				fail_msg("'%s': hit %zu differs from bm25()", queries[q][0], i);
		}
		sqlite3_finalize(s);
		assert_true(i > 5);
		assert_int_equal(i, p.n);
		search_page_free(&p);
	}
}

/* --- entity decisions --- */

static void
decide(struct store *st, const char *name, enum store_decision_action act, const char *value,
       int64_t article_id)
{
	struct store_decision dec = {0, (char *)name, article_id, act, (char *)value, 0};
	char *cause = NULL;

	if (store_decision_add(st, &dec, &cause) != 0)
		fail_msg("%s", cause);
}

/* A fresh analysis of article 1's kind, as the analyzer would give it. */
static void
sample_analysis(struct analysis *a)
{
	memset(a, 0, sizeof(*a));
	add_entity(a, "Veltrix Memory", ENT_COMPANY, "Veltrix");
	add_entity(a, "ODT", ENT_ORG, NULL);
	add_entity(a, "Hana Okafor", ENT_PERSON, NULL);
	add_entity(a, "Office of Digital Trade", ENT_AGENCY, NULL);
	a->ments = xcalloc(5, sizeof(*a->ments));
	a->ments[0] = (struct ana_mention){0, 1, 0, 14};
	a->ments[1] = (struct ana_mention){1, 3, 29, 32};
	a->ments[2] = (struct ana_mention){2, 2, 48, 59};
	a->ments[3] = (struct ana_mention){3, 3, 4, 27};
	a->ments[4] = (struct ana_mention){0, 2, 90, 97};
	a->nments = 5;
	a->stmts = xcalloc(1, sizeof(*a->stmts));
	a->stmts[0] = (struct ana_statement){2, NULL, 1, NULL, 2, 1, 40, 2};
	a->nstmts = 1;
}

static long
find_ent(const struct analysis *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nents; i++)
		if (strcmp(a->ents[i].name, name) == 0)
			return (long)i;
	return -1;
}

static void
test_decide_apply(void **state)
{
	struct fixture *f = *state;
	struct analysis a;
	char *cause = NULL;
	long v, o, h;
	size_t i;

	/* no decisions: nothing changes */
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[1], &a, &cause), 0);
	assert_int_equal(a.nents, 4);
	assert_int_equal(a.nments, 5);
	analysis_free(&a);

	decide(f->st, "veltrix", STORE_DECIDE_REJECT, NULL, 0); /* by alias, any case */
	decide(f->st, "ODT", STORE_DECIDE_MERGE, "Office of Digital Trade", 0);
	decide(f->st, "Hana Okafor", STORE_DECIDE_KIND, "org", 0);
	decide(f->st, "Hana Okafor", STORE_DECIDE_KIND, "person", 0); /* the latest wins */
	decide(f->st, "Hana Okafor", STORE_DECIDE_ALIAS, "H. Okafor", 0);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[1], &a, &cause), 0);
	assert_int_equal(a.nents, 2);
	assert_int_equal(find_ent(&a, "Veltrix Memory"), -1);
	assert_int_equal(find_ent(&a, "ODT"), -1);
	assert_true((o = find_ent(&a, "Office of Digital Trade")) >= 0);
	assert_int_equal(a.ents[o].naliases, 1);
	assert_string_equal(a.ents[o].aliases[0], "ODT");
	h = find_ent(&a, "Hana Okafor");
	assert_int_equal(a.ents[h].kind, ENT_PERSON);
	assert_string_equal(a.ents[h].aliases[0], "H. Okafor");
	/* mentions of the rejected entity are gone, the merged one's moved */
	assert_int_equal(a.nments, 3);
	for (i = 0; i < a.nments; i++)
		assert_true(a.ments[i].entity == (size_t)o || a.ments[i].entity == (size_t)h);
	assert_int_equal(a.stmts[0].speaker, h);
	analysis_free(&a);

	/* confirming in one article undoes a rejection there only */
	decide(f->st, "Veltrix Memory", STORE_DECIDE_CONFIRM, NULL, f->id[4]);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[4], &a, &cause), 0);
	assert_true((v = find_ent(&a, "Veltrix Memory")) >= 0);
	analysis_free(&a);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[1], &a, &cause), 0);
	assert_int_equal(find_ent(&a, "Veltrix Memory"), -1);
	analysis_free(&a);

	/* a rejected speaker leaves the statement without one */
	decide(f->st, "Hana Okafor", STORE_DECIDE_REJECT, NULL, f->id[1]);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[1], &a, &cause), 0);
	assert_int_equal(a.nstmts, 1);
	assert_int_equal(a.stmts[0].speaker, -1);
	analysis_free(&a);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[2], &a, &cause), 0);
	assert_true(find_ent(&a, "Hana Okafor") >= 0);
	analysis_free(&a);
}

static void
test_decide_alias_merges(void **state)
{
	struct fixture *f = *state;
	struct analysis a;
	char *cause = NULL;
	long o;

	/* "ODT is another name of the Office": the entity found as ODT joins it */
	decide(f->st, "Office of Digital Trade", STORE_DECIDE_ALIAS, "ODT", 0);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[1], &a, &cause), 0);
	assert_int_equal(a.nents, 3);
	assert_int_equal(find_ent(&a, "ODT"), -1);
	o = find_ent(&a, "Office of Digital Trade");
	assert_int_equal(a.ments[1].entity, o);
	assert_int_equal(a.ments[3].entity, o);
	analysis_free(&a);

	/* merging into a name the article lacks renames the entity */
	decide(f->st, "Hana Okafor", STORE_DECIDE_MERGE, "Hana N. Okafor", 0);
	sample_analysis(&a);
	assert_int_equal(decide_apply(f->st, f->id[1], &a, &cause), 0);
	assert_true(find_ent(&a, "Hana N. Okafor") >= 0);
	assert_int_equal(find_ent(&a, "Hana Okafor"), -1);
	analysis_free(&a);
}

static void
test_decide_record(void **state)
{
	struct fixture *f = *state;
	struct store_decision dec = {0, "Veltrix", 0, STORE_DECIDE_REJECT, NULL, 0};
	struct store_decision kind = {0, "Lisbon", 0, STORE_DECIDE_KIND, "country", 0};
	char *cause = NULL, *k = NULL;
	size_t n;

	/* every article that names it is analyzed again, in one go */
	assert_int_equal(decide_record(f->st, &dec, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(decide_record(f->st, &kind, &n, &cause), 0);
	assert_true(store_entity_find(f->st, "lisbon", NULL, &k, &cause) > 0);
	assert_string_equal(k, "country");
	free(k);
	dec.article_id = 999;
	assert_int_equal(decide_record(f->st, &dec, &n, &cause), -1);
	assert_string_equal(cause, "no article 999");
	free(cause);
}

/* Returns 1 when the stored analysis of article id has an entity called name. */
static int
stored_has(struct store *st, int64_t id, const char *name, enum ent_kind *kind)
{
	struct analysis a;
	char *cause = NULL;
	size_t i;
	int found = 0;

	if (store_analysis_get(st, id, &a, &cause) != 0)
		fail_msg("%s", cause);
	for (i = 0; i < a.nents; i++)
		if (strcmp(a.ents[i].name, name) == 0) {
			found = 1;
			if (kind != NULL)
				*kind = a.ents[i].kind;
		}
	analysis_free(&a);
	return found;
}

static void
test_decisions_survive_reanalysis(void **state)
{
	struct fixture *f = *state;
	static const char *const v1[] = {
	    "Brightwater Lines cuts ferry crossings",
	    "Brightwater Lines said on Thursday it would cut winter crossings to the Skerry "
	    "Islands, blaming the price of fuel.",
	    "\"We cannot sail empty boats,\" said Ilse Marrow, the chief executive of "
	    "Brightwater Lines.",
	    NULL};
	static const char *const v2[] = {
	    "Brightwater Lines cuts ferry crossings",
	    "Brightwater Lines said on Thursday it would cut winter crossings to the Skerry "
	    "Islands by a third, blaming the price of fuel.",
	    "\"We cannot sail empty boats,\" said Ilse Marrow, the chief executive of "
	    "Brightwater Lines.",
	    NULL};
	struct store_decision dec;
	struct analysis a;
	struct doc d;
	char *cause = NULL, *first, *second = NULL;
	enum ent_kind kind;
	int64_t id;

	make_doc(&d, "ferry", v1, 1767000000);
	assert_int_equal(store_begin(f->st, &cause), 0);
	assert_int_equal(pipeline_put(f->st, &d, 0, &id, NULL, &cause), 0);
	assert_int_equal(store_commit(f->st, &cause), 0);
	doc_free(&d);
	assert_int_equal(store_analysis_get(f->st, id, &a, &cause), 0);
	if (a.nents == 0) {
		analysis_free(&a);
		skip(); /* the analyzer finds nothing here: nothing to decide on */
	}
	first = xstrdup(a.ents[0].name);
	if (a.nents > 1)
		second = xstrdup(a.ents[1].name);
	analysis_free(&a);

	memset(&dec, 0, sizeof(dec));
	dec.name = first;
	dec.action = STORE_DECIDE_REJECT;
	assert_int_equal(decide_record(f->st, &dec, NULL, &cause), 0);
	assert_false(stored_has(f->st, id, first, NULL));
	if (second != NULL) {
		dec.name = second;
		dec.action = STORE_DECIDE_KIND;
		dec.value = "agency";
		assert_int_equal(decide_record(f->st, &dec, NULL, &cause), 0);
	}
	/* analyzed again, as a new analyzer version would */
	assert_int_equal(store_begin(f->st, &cause), 0);
	assert_int_equal(pipeline_reanalyze(f->st, id, &cause), 0);
	assert_int_equal(store_commit(f->st, &cause), 0);
	assert_false(stored_has(f->st, id, first, NULL));
	if (second != NULL) {
		assert_true(stored_has(f->st, id, second, &kind));
		assert_int_equal(kind, ENT_AGENCY);
	}
	/* fetched again with changed text */
	make_doc(&d, "ferry", v2, 1767000000);
	assert_int_equal(store_begin(f->st, &cause), 0);
	assert_int_equal(pipeline_put(f->st, &d, 0, NULL, NULL, &cause), 0);
	assert_int_equal(store_commit(f->st, &cause), 0);
	doc_free(&d);
	assert_false(stored_has(f->st, id, first, NULL));
	/* and a confirmation brings it back everywhere */
	dec.name = first;
	dec.action = STORE_DECIDE_CONFIRM;
	dec.value = NULL;
	assert_int_equal(decide_record(f->st, &dec, NULL, &cause), 0);
	assert_true(stored_has(f->st, id, first, NULL));
	free(first);
	free(second);
}

/* --- notes --- */

static int64_t
note_on(struct fixture *f, struct doc *d, int para, const char *quote, const char *body)
{
	struct store_note n;
	const char *hit = strstr(d->paras[para].text, quote);
	char *cause = NULL;
	size_t start;
	int64_t id;

	assert_non_null(hit);
	start = (size_t)(hit - d->paras[para].text);
	memset(&n, 0, sizeof(n));
	n.article_id = f->id[3];
	assert_int_equal(store_note_anchor(&n, d, para, start, start + strlen(quote), &cause), 0);
	n.body = xstrdup(body);
	assert_int_equal(store_note_add(f->st, &n, &cause), 0);
	id = n.id;
	store_note_clear(&n);
	return id;
}

/* Re-stores article 3 with new paragraphs, as a re-fetch would. */
static void
refetch(struct fixture *f, const char *const *paras)
{
	struct doc d;
	char *cause = NULL;
	int status;

	make_doc(&d, "k3", paras, 1766000000);
	assert_int_equal(store_begin(f->st, &cause), 0);
	if (pipeline_put(f->st, &d, 2, NULL, &status, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(store_commit(f->st, &cause), 0);
	assert_int_equal(status, STORE_PUT_CHANGED);
	doc_free(&d);
}

static void
get_note(struct fixture *f, int64_t id, struct store_note *n)
{
	char *cause = NULL;

	if (store_note_get(f->st, id, n, &cause) != 0)
		fail_msg("%s", cause);
}

static void
test_note_anchor(void **state)
{
	struct fixture *f = *state;
	struct store_note n;
	struct doc d;
	char *cause = NULL;

	assert_int_equal(store_article_get(f->st, f->id[3], &d, &cause), 0);
	memset(&n, 0, sizeof(n));
	/* "Trading in Lisbon was thin; tariff worries kept buyers away." */
	assert_int_equal(store_note_anchor(&n, &d, 1, 28, 42, &cause), 0);
	assert_string_equal(n.exact, "tariff worries");
	assert_string_equal(n.prefix, "Trading in Lisbon was thin; ");
	assert_string_equal(n.suffix, " kept buyers away.");
	assert_int_equal(store_note_anchor(&n, &d, 1, 28, 99, &cause), -1);
	free(cause);
	assert_int_equal(store_note_anchor(&n, &d, 7, 0, 1, &cause), -1);
	free(cause);
	store_note_clear(&n);
	doc_free(&d);
}

static void
test_note_reanchor(void **state)
{
	struct fixture *f = *state;
	static const char *const v1[] = {
	    "A quiet day on the Lisbon markets",
	    "Trading in Lisbon was thin; tariff worries kept buyers away.",
	    "Brokers expect more trade next week. Brokers expect more trade next week.",
	    "Shares of ferry operators fell the most.", NULL};
	/* a paragraph added on top, the text around one quote reworded, the
	 * repeated sentence moved, one passage deleted */
	static const char *const v2[] = {
	    "A quiet day on the Lisbon markets",
	    "Update: the exchange opened late because of a power cut.",
	    "Dealers in Lisbon said tariff worries kept buyers away all day.",
	    "Shares of ferry operators rose slightly.",
	    "Brokers said so. Brokers expect more trade next week.",
	    NULL};
	struct store_note n;
	struct store_note *all;
	struct doc d;
	int64_t worries, second, ferry, whole;
	size_t nn;
	char *cause = NULL;

	refetch(f, v1);
	assert_int_equal(store_article_get(f->st, f->id[3], &d, &cause), 0);
	worries = note_on(f, &d, 1, "tariff worries", "why tariffs?");
	/* the second of two identical sentences: told apart by its context */
	second = note_on(f, &d, 2, "Brokers expect more trade next week.", "the repeat");
	memset(&n, 0, sizeof(n));
	n.article_id = f->id[3];
	assert_int_equal(store_note_anchor(&n, &d, 2, 37, 73, &cause), 0);
	assert_string_equal(n.exact, "Brokers expect more trade next week.");
	n.body = xstrdup("the second one");
	assert_int_equal(store_note_add(f->st, &n, &cause), 0);
	second = n.id;
	store_note_clear(&n);
	ferry = note_on(f, &d, 3, "fell the most", "ferries!");
	memset(&n, 0, sizeof(n));
	n.para = -1;
	n.article_id = f->id[3];
	n.body = xstrdup("on the whole article");
	assert_int_equal(store_note_add(f->st, &n, &cause), 0);
	whole = n.id;
	store_note_clear(&n);
	doc_free(&d);

	refetch(f, v2);

	get_note(f, worries, &n);
	assert_false(n.orphaned);
	assert_int_equal(n.para, 2);
	assert_int_equal(n.start, 23);
	assert_int_equal(n.end, 37);
	assert_string_equal(n.prefix, "Dealers in Lisbon said ");
	assert_string_equal(n.body, "why tariffs?");
	store_note_clear(&n);

	get_note(f, second, &n);
	assert_false(n.orphaned);
	assert_int_equal(n.para, 4);
	assert_int_equal(n.start, 17);
	store_note_clear(&n);

	get_note(f, ferry, &n);
	assert_true(n.orphaned);
	assert_string_equal(n.exact, "fell the most"); /* kept, to show and search */
	assert_string_equal(n.body, "ferries!");
	store_note_clear(&n);

	get_note(f, whole, &n);
	assert_false(n.orphaned);
	assert_int_equal(n.para, -1);
	store_note_clear(&n);

	/* the text coming back brings the orphan home */
	refetch(f, v1);
	get_note(f, ferry, &n);
	assert_false(n.orphaned);
	assert_int_equal(n.para, 3);
	store_note_clear(&n);

	assert_int_equal(store_note_list(f->st, f->id[3], &all, &nn, &cause), 0);
	assert_int_equal(nn, 5);
	assert_int_equal(all[0].id, whole); /* article notes first, then in reading order */
	store_note_free(all, nn);
	expect(f, "has:note", "3");
	assert_int_equal(store_note_set_body(f->st, ferry, "edited", &cause), 0);
	assert_int_equal(store_note_delete(f->st, ferry, &cause), 0);
	assert_int_equal(store_note_delete(f->st, ferry, &cause), -1);
	assert_non_null(strstr(cause, "no note"));
	free(cause);
}

/* --- export --- */

/* Returns what export_write printed for query in fmt; the caller frees it. */
static char *
export_text(struct fixture *f, const char *query, enum export_format fmt)
{
	char *cause = NULL, *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	if (export_write(f->st, query, fmt, fp, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(fclose(fp), 0);
	return out;
}

/* Notes with commas, quotes and line breaks, on article 1. */
static void
add_tricky_notes(struct fixture *f)
{
	struct store_note n;
	struct doc d;
	char *cause = NULL;

	assert_int_equal(store_article_get(f->st, f->id[1], &d, &cause), 0);
	memset(&n, 0, sizeof(n));
	n.article_id = f->id[1];
	assert_int_equal(store_note_anchor(&n, &d, 2, 1, 41, &cause), 0);
	n.body = xstrdup("Big, if \"true\"\nsecond line");
	assert_int_equal(store_note_add(f->st, &n, &cause), 0);
	store_note_clear(&n);
	n.para = -1;
	n.article_id = f->id[1];
	n.body = xstrdup("Follow up with the ODT");
	assert_int_equal(store_note_add(f->st, &n, &cause), 0);
	store_note_clear(&n);
	doc_free(&d);
}

static void
test_export_markdown(void **state)
{
	struct fixture *f = *state;
	char *md;

	add_tricky_notes(f);
	md = export_text(f, "company:Veltrix", EXPORT_MD);
	/* one section per article, metadata, then statements, highlights, notes */
	assert_non_null(strstr(md, "\n## Veltrix Memory wins a chip order from Norland\n\n"
	                           "- Source: Wire One\n- Date: 2025-12-29\n"));
	assert_non_null(strstr(md, "- Tags: #chips #markets\n"));
	assert_non_null(strstr(md, "### Statements\n\n"
	                           "> This order fills our plant for two years,\n"
	                           "> — Hana Okafor\n"));
	assert_non_null(strstr(md, "### Highlights\n\n"
	                           "> This order fills our plant for two years\n\n"
	                           "**Note:** Big, if \"true\" second line\n"));
	assert_non_null(strstr(md, "### Notes\n\n- Follow up with the ODT\n"));
	assert_non_null(strstr(md, "\n## Corvan Systems posts a loss as chip prices fall\n"));
	assert_true(strstr(md, "## Veltrix") < strstr(md, "## Corvan"));
	assert_null(strstr(md, "Lisbon"));
	free(md);
	/* no query: only what the reader or the analyzer marked up */
	md = export_text(f, "", EXPORT_MD);
	assert_non_null(strstr(md, "## Harbour authority"));
	assert_null(strstr(md, "## A quiet day"));
	free(md);
}

/* Asserts that o has a string member name (equal to want unless NULL). */
static void
has_str(json_t *o, const char *name, const char *want)
{
	json_t *v = json_object_get(o, name);

	if (!json_is_string(v))
		fail_msg("no string \"%s\" in %s", name, json_dumps(o, JSON_COMPACT));
	if (want != NULL && strcmp(json_string_value(v), want) != 0)
		fail_msg("\"%s\" is \"%s\", expected \"%s\"", name, json_string_value(v), want);
}

static void
test_export_json(void **state)
{
	struct fixture *f = *state;
	char *text, *t;
	json_t *doc, *items, *an, *target, *sel, *body;
	json_error_t err;
	size_t i, nnote = 0, nhl = 0, nid = 0;

	add_tricky_notes(f);
	text = export_text(f, "company:Veltrix", EXPORT_JSON);
	doc = json_loads(text, 0, &err);
	if (doc == NULL)
		fail_msg("invalid JSON: %s", err.text);
	has_str(doc, "@context", "http://www.w3.org/ns/anno.jsonld");
	has_str(doc, "type", "AnnotationCollection");
	items = json_object_get(json_object_get(doc, "first"), "items");
	assert_true(json_is_array(items));
	assert_int_equal(json_integer_value(json_object_get(doc, "total")), json_array_size(items));
	json_array_foreach(items, i, an)
	{
		/* the model's required fields */
		has_str(an, "@context", "http://www.w3.org/ns/anno.jsonld");
		has_str(an, "id", NULL);
		has_str(an, "type", "Annotation");
		has_str(an, "motivation", NULL);
		target = json_object_get(an, "target");
		assert_true(json_is_object(target));
		has_str(target, "source", NULL);
		body = json_object_get(an, "body");
		assert_true(json_is_array(body) && json_array_size(body) > 0);
		has_str(json_array_get(body, 0), "type", "TextualBody");
		has_str(json_array_get(body, 0), "value", NULL);
		t = (char *)json_string_value(json_object_get(an, "motivation"));
		sel = json_object_get(target, "selector");
		if (strcmp(t, "commenting") == 0) {
			nnote++;
			if (sel == NULL) /* the note on the whole article */
				continue;
		} else if (strcmp(t, "highlighting") == 0)
			nhl++;
		else if (strcmp(t, "identifying") == 0)
			nid++;
		else
			fail_msg("motivation %s", t);
		assert_int_equal(json_array_size(sel), 2);
		has_str(json_array_get(sel, 0), "type", "TextQuoteSelector");
		has_str(json_array_get(sel, 0), "exact", NULL);
		has_str(json_array_get(sel, 0), "prefix", NULL);
		has_str(json_array_get(sel, 0), "suffix", NULL);
		has_str(json_array_get(sel, 1), "type", "TextPositionSelector");
		assert_true(json_is_integer(json_object_get(json_array_get(sel, 1), "start")));
		assert_true(json_is_integer(json_object_get(json_array_get(sel, 1), "end")));
	}
	assert_int_equal(nnote, 2);
	assert_int_equal(nhl, 1);
	assert_int_equal(nid, 7); /* 5 mentions in article 1, 2 in article 4 */
	/* the position counts characters in the headline and paragraphs joined by \n:
	 * the statement starts 1 character into paragraph 2 */
	json_array_foreach(items, i, an)
	{
		if (strcmp(json_string_value(json_object_get(an, "motivation")), "highlighting") !=
		    0)
			continue;
		sel = json_object_get(json_object_get(an, "target"), "selector");
		has_str(json_array_get(sel, 0), "exact",
		        "This order fills our plant for two years,");
		assert_int_equal(
		    json_integer_value(json_object_get(json_array_get(sel, 1), "start")),
		    45 + 1 + 97 + 1 + 1);
	}
	json_decref(doc);
	free(text);
}

/* Splits RFC 4180 CSV into rows of fields (NULL-terminated arrays). */
static char ***
parse_csv(const char *s, size_t *nrows)
{
	char ***rows = NULL, **row = NULL;
	size_t nr = 0, nf = 0;
	char field[1024];
	size_t len = 0;
	int quoted = 0;

	for (;;) {
		char c = *s;

		if (quoted) {
			assert_true(c != '\0');
			if (c == '"' && s[1] == '"') {
				field[len++] = '"';
				s += 2;
			} else if (c == '"') {
				quoted = 0;
				s++;
			} else {
				field[len++] = c;
				s++;
			}
			continue;
		}
		if (c == '"' && len == 0) {
			quoted = 1;
			s++;
			continue;
		}
		if (c == ',' || c == '\r' || c == '\0') {
			row = xreallocarray(row, nf + 2, sizeof(*row));
			row[nf++] = xstrndup(field, len);
			row[nf] = NULL;
			len = 0;
			if (c == ',') {
				s++;
				continue;
			}
			if (c == '\0')
				break;
			assert_int_equal(s[1], '\n'); /* records end in CRLF */
			rows = xreallocarray(rows, nr + 1, sizeof(*rows));
			rows[nr++] = row;
			row = NULL;
			nf = 0;
			s += 2;
			if (*s == '\0')
				break;
			continue;
		}
		assert_true(c != '"' && c != '\n');
		field[len++] = c;
		s++;
	}
	*nrows = nr;
	return rows;
}

static void
test_export_csv(void **state)
{
	struct fixture *f = *state;
	char *csv, ***rows;
	size_t n, i, j;
	int seen = 0;
	char *cause = NULL;

	add_tricky_notes(f);
	assert_int_equal(store_tag_add(f->st, f->id[1], "a,b", &cause), 0);
	csv = export_text(f, "company:Veltrix", EXPORT_CSV);
	rows = parse_csv(csv, &n);
	assert_int_equal(n, 4); /* header, one statement, two notes */
	assert_string_equal(rows[0][0], "article_id");
	assert_string_equal(rows[0][7], "tags");
	for (i = 1; i < n; i++) {
		for (j = 0; rows[i][j] != NULL; j++)
			;
		assert_int_equal(j, 8);
		assert_string_equal(rows[i][1], "Veltrix Memory wins a chip order from Norland");
		if (strcmp(rows[i][3], "statement") == 0) {
			assert_string_equal(rows[i][4], "Hana Okafor");
			assert_string_equal(rows[i][5],
			                    "This order fills our plant for two years,");
			seen |= 1;
		}
		if (strcmp(rows[i][6], "Big, if \"true\"\nsecond line") == 0)
			seen |= 2;
		assert_string_equal(rows[i][7], "a,b chips markets");
	}
	assert_int_equal(seen, 3);
	for (i = 0; i < n; i++) {
		for (j = 0; rows[i][j] != NULL; j++)
			free(rows[i][j]);
		free(rows[i]);
	}
	free(rows);
	free(csv);
}

/* --- backup --- */

/* Returns the backup of st as JSON without its creation time. */
static json_t *
backup_json(struct store *st)
{
	char *cause = NULL, *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	json_t *j;

	if (backup_write(st, fp, &cause) != 0)
		fail_msg("%s", cause);
	fclose(fp);
	j = json_loads(out, 0, NULL);
	assert_non_null(j);
	json_object_del(j, "created");
	free(out);
	return j;
}

/* Asserts two JSON texts are equal, showing where they part. */
static void
same_json(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] != '\0' && a[i] == b[i])
		i++;
	if (a[i] != b[i])
		fail_msg("backups differ at byte %zu:\n  %.160s\n  %.160s", i,
		         a + (i > 60 ? i - 60 : 0), b + (i > 60 ? i - 60 : 0));
}

static void
test_backup_round_trip(void **state)
{
	struct fixture *f = *state;
	struct store *empty;
	struct backup_counts k;
	char *cause = NULL, *path = xasprintf("%s/backup.json", f->dir),
	     *path2 = xasprintf("%s/empty.db", f->dir), *a, *b;
	json_t *before, *after;
	FILE *fp;

	add_tricky_notes(f);
	/* made long ago: a restore keeps when */
	decide(f->st, "Norland", STORE_DECIDE_KIND, "place", 0);
	exec(f->st, "UPDATE entity_decision SET created = 1600000000 WHERE name = 'Norland'");
	decide(f->st, "ODT", STORE_DECIDE_MERGE, "Office of Digital Trade", 0);
	decide(f->st, "Lisbon", STORE_DECIDE_REJECT, NULL, f->id[3]);
	assert_int_equal(store_saved_search_put(f->st, "agencies", "agency:ODT", &cause), 0);
	exec(f->st, "INSERT INTO feed_tag VALUES (2, 'europe'), (2, 'markets')");
	exec(f->st, "UPDATE feed SET given_url = 'http://lisbon.test/old-atom' WHERE id = 2");
	before = backup_json(f->st);
	fp = fopen(path, "w");
	assert_int_equal(backup_write(f->st, fp, &cause), 0);
	fclose(fp);

	/* into an empty database: everything comes back, article data waiting */
	assert_int_equal(store_open(path2, 0, &empty, &cause), 0);
	assert_int_equal(backup_restore(empty, path, &k, &cause), 0);
	assert_int_equal(k.feeds, 2);
	assert_int_equal(k.saved_searches, 1);
	assert_int_equal(k.decisions, 2);
	assert_int_equal(k.articles, 0);
	assert_int_equal(k.pending, 3); /* 1 tagged and noted, 2 read, 3 decided */
	after = backup_json(empty);
	a = json_dumps(before, JSON_SORT_KEYS);
	b = json_dumps(after, JSON_SORT_KEYS);
	same_json(a, b);
	free(b);
	json_decref(after);

	/* restoring twice adds nothing twice */
	assert_int_equal(backup_restore(empty, path, &k, &cause), 0);
	after = backup_json(empty);
	b = json_dumps(after, JSON_SORT_KEYS);
	same_json(a, b);
	free(b);
	json_decref(after);
	free(a);
	store_close(empty);

	/* a broken file changes nothing */
	fp = fopen(path, "w");
	fputs("{\"newsroom_backup\": 1, \"feeds\": [{\"url\": \"http://x.test/\"}],"
	      " \"saved_searches\": [{\"name\": 3}]}",
	      fp);
	fclose(fp);
	assert_int_equal(store_open(path2, 0, &empty, &cause), 0);
	assert_int_equal(backup_restore(empty, path, &k, &cause), -1);
	assert_non_null(strstr(cause, "saved_searches[0]"));
	assert_non_null(strstr(cause, "nothing was restored"));
	free(cause);
	after = backup_json(empty);
	a = json_dumps(before, JSON_SORT_KEYS);
	assert_int_equal(json_array_size(json_object_get(after, "feeds")), 2);
	json_decref(after);
	free(a);
	store_close(empty);
	json_decref(before);
	free(path);
	free(path2);
}

static void
test_restore_pending(void **state)
{
	struct fixture *f = *state;
	static const char *const p1[] = {
	    "Veltrix Memory wins a chip order from Norland", "An added first paragraph.",
	    "Veltrix Memory said on Monday it had won a large memory chip order from the "
	    "Norland rail company.",
	    "\"This order fills our plant for two years,\" said Hana Okafor, the chief "
	    "executive of Veltrix.",
	    NULL};
	struct store *st;
	struct store_note *notes;
	struct doc d;
	char *cause = NULL, *path = xasprintf("%s/b.json", f->dir),
	     *path2 = xasprintf("%s/new.db", f->dir), **tags;
	int64_t id;
	size_t n;
	FILE *fp;

	add_tricky_notes(f);
	fp = fopen(path, "w");
	assert_int_equal(backup_write(f->st, fp, &cause), 0);
	fclose(fp);
	assert_int_equal(store_open(path2, 0, &st, &cause), 0);
	assert_int_equal(backup_restore(st, path, NULL, &cause), 0);
	/* the article arrives later, its text a little changed */
	make_doc(&d, "k1", p1, 1767000000);
	assert_int_equal(store_begin(st, &cause), 0);
	assert_int_equal(pipeline_put(st, &d, 0, &id, NULL, &cause), 0);
	assert_int_equal(store_commit(st, &cause), 0);
	doc_free(&d);
	assert_int_equal(store_tag_list(st, id, &tags, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(tags[0], "chips");
	store_strv_free(tags);
	assert_int_equal(store_note_list(st, id, &notes, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(notes[1].para, 3); /* found again, one paragraph down */
	assert_false(notes[1].orphaned);
	store_note_free(notes, n);
	store_close(st);
	free(path);
	free(path2);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_search_qualifiers),
	    T(test_search_words),
	    T(test_search_injection),
	    T(test_search_window),
	    T(test_search_window_grows),
	    T(test_search_rank_is_bm25),
	    T(test_saved_searches_and_tags),
	    T(test_decide_apply),
	    T(test_decide_alias_merges),
	    T(test_decide_record),
	    T(test_decisions_survive_reanalysis),
	    T(test_note_anchor),
	    T(test_note_reanchor),
	    T(test_export_markdown),
	    T(test_export_json),
	    T(test_export_csv),
	    T(test_backup_round_trip),
	    T(test_restore_pending),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
