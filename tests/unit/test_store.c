/* test_store.c - the database: migration, round trips, updates, FTS sync. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "storage/browse.h"
#include "storage/store_int.h"
#include "storage/user.h"
#include "util/xmalloc.h"

struct fixture {
	char dir[64];
	char *path;
	struct store *st;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;

	strcpy(f->dir, "/tmp/nr-test-store-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = xasprintf("%s/sub/dir/test.db", f->dir);
	assert_int_equal(store_open(f->path, 0, &f->st, &cause), 0);
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

static void
make_doc(struct doc *d, const char *key, const char *title, const char *p1, const char *p2)
{
	doc_init(d);
	d->key = xstrdup(key);
	d->title = xstrdup(title);
	doc_add_para(d, title, strlen(title));
	doc_add_para(d, p1, strlen(p1));
	if (p2 != NULL)
		doc_add_para(d, p2, strlen(p2));
}

/* Returns the count(*) that sql (with one text parameter, arg) gives. */
static long long
count_of(struct store *st, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	long long n;

	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static long long
fts_count(struct store *st, const char *match)
{
	return count_of(st, "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", match);
}

static void
test_migrate_from_empty(void **state)
{
	struct fixture *f = *state;
	struct stat sb;
	struct store *again = NULL;
	sqlite3_stmt *s;
	char *cause = NULL;

	assert_int_equal(store_schema_version(f->st),
	                 store_migrations[store_nmigrations - 1].version);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(store_is_empty(f->st));
	/* version 7: FTS5 merges 8 segments at a time */
	s = store_stmt(f->st, "SELECT v FROM article_fts_config WHERE k = 'automerge'", &cause);
	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 8);
	sqlite3_reset(s);
	/* opening again runs no migration and keeps the version */
	assert_int_equal(store_open(f->path, 0, &again, &cause), 0);
	assert_int_equal(store_schema_version(again), store_schema_version(f->st));
	store_close(again);
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct doc d, back;
	char *cause = NULL;
	int64_t id;
	int status;

	make_doc(&d, "k1", "Port authority fines shipper", "First paragraph.",
	         "Second\nwith break.");
	d.url = xstrdup("http://127.0.0.1/a");
	d.published = 1700000000;
	doc_add_link(&d, "http://127.0.0.1/link");
	assert_int_equal(store_article_put(f->st, &d, 0, &id, &status, &cause), 0);
	assert_int_equal(status, STORE_PUT_NEW);
	assert_int_equal(store_article_get(f->st, id, &back, &cause), 0);
	assert_string_equal(back.title, "Port authority fines shipper");
	assert_int_equal(back.npara, 3);
	assert_string_equal(back.paras[0].text, "Port authority fines shipper");
	assert_string_equal(back.paras[2].text, "Second\nwith break.");
	assert_string_equal(back.url, "http://127.0.0.1/a");
	assert_int_equal(back.published, 1700000000);
	assert_int_equal(back.nlinks, 1);
	assert_string_equal(back.links[0], "http://127.0.0.1/link");
	assert_false(store_is_empty(f->st));
	doc_free(&back);
	doc_free(&d);
}

static void
test_reimport_updates(void **state)
{
	struct fixture *f = *state;
	struct doc d;
	char *cause = NULL;
	int64_t id1, id2;
	int status;
	size_t total;
	struct store_filter filter = {0};

	make_doc(&d, "same-key", "Old headline", "old text", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id1, &status, &cause), 0);
	assert_int_equal(store_article_put(f->st, &d, 0, &id2, &status, &cause), 0);
	assert_int_equal(status, STORE_PUT_SAME);
	doc_free(&d);
	make_doc(&d, "same-key", "New headline", "new text", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id2, &status, &cause), 0);
	assert_int_equal(status, STORE_PUT_CHANGED);
	assert_int_equal(id1, id2);
	assert_int_equal(store_article_count(f->st, &filter, &total, NULL, &cause), 0);
	assert_int_equal(total, 1);
	doc_free(&d);
}

static void
test_fts_in_sync(void **state)
{
	struct fixture *f = *state;
	struct doc d;
	char *cause = NULL;
	int64_t id;

	make_doc(&d, "fts", "Regulator opens probe", "The zanzibarite mine was closed.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	assert_int_equal(fts_count(f->st, "zanzibarite"), 1);
	assert_int_equal(fts_count(f->st, "probe"), 1);
	/* an update replaces the indexed words */
	make_doc(&d, "fts", "Regulator closes probe", "The quarry reopened.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	assert_int_equal(fts_count(f->st, "zanzibarite"), 0);
	assert_int_equal(fts_count(f->st, "quarry"), 1);
	assert_int_equal(fts_count(f->st, "closes"), 1);
	/* a delete removes them */
	assert_int_equal(store_article_delete(f->st, id, &cause), 0);
	assert_int_equal(fts_count(f->st, "quarry"), 0);
	assert_int_equal(fts_count(f->st, "closes"), 0);
}

static void
fts_integrity_ok(struct store *st)
{
	char *cause = NULL;
	sqlite3_stmt *s = store_stmt(
	    st, "INSERT INTO article_fts (article_fts) VALUES ('integrity-check')", &cause);

	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_reset(s);
}

/* Inside a transaction new articles are indexed at the commit, in one
 * statement; an update or delete of one of them in the same transaction, a
 * rollback and a reader inside the transaction must all still see a true index. */
static void
test_fts_in_transaction(void **state)
{
	struct fixture *f = *state;
	struct doc d;
	char *cause = NULL;
	int64_t id, id2, ids_seen;
	int64_t *ids = NULL;
	size_t n = 0;

	assert_int_equal(store_begin(f->st, &cause), 0);
	make_doc(&d, "t1", "Port authority fines carrier", "The marwickite cargo was seized.",
	         NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	make_doc(&d, "t2", "Dock strike ends", "Stevedores returned to the quays.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id2, NULL, &cause), 0);
	doc_free(&d);
	/* changed before the commit: the update must not delete unindexed text */
	make_doc(&d, "t1", "Port authority fines carrier", "The cargo was released.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	/* a reader of the index inside the transaction sees the articles */
	assert_int_equal(store_decision_affected(f->st, "Stevedores", &ids, &n, &cause), 0);
	ids_seen = n == 1 ? ids[0] : -1;
	free(ids);
	assert_int_equal(ids_seen, id2);
	assert_int_equal(store_commit(f->st, &cause), 0);
	fts_integrity_ok(f->st);
	assert_int_equal(fts_count(f->st, "marwickite"), 0);
	assert_int_equal(fts_count(f->st, "released"), 1);
	assert_int_equal(fts_count(f->st, "quays"), 1);

	/* inserted then deleted in one transaction */
	assert_int_equal(store_begin(f->st, &cause), 0);
	make_doc(&d, "t3", "Ferry line suspended", "Gales kept the tenvarro ferry in port.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	assert_int_equal(store_article_delete(f->st, id, &cause), 0);
	assert_int_equal(store_commit(f->st, &cause), 0);
	fts_integrity_ok(f->st);
	assert_int_equal(fts_count(f->st, "tenvarro"), 0);

	/* rolled back: nothing of it is indexed by a later commit */
	assert_int_equal(store_begin(f->st, &cause), 0);
	make_doc(&d, "t4", "Canal reopens", "The ossinder lock was repaired.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	store_rollback(f->st);
	assert_int_equal(store_begin(f->st, &cause), 0);
	make_doc(&d, "t5", "Tug crews vote", "Crews at the harbour voted on the offer.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	assert_int_equal(store_commit(f->st, &cause), 0);
	fts_integrity_ok(f->st);
	assert_int_equal(fts_count(f->st, "ossinder"), 0);
	assert_int_equal(fts_count(f->st, "harbour"), 1);

	/* an article indexed by an earlier transaction changes */
	assert_int_equal(store_begin(f->st, &cause), 0);
	make_doc(&d, "t2", "Dock strike ends", "Pickets left the piers at dawn.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	assert_int_equal(id, id2);
	assert_int_equal(store_commit(f->st, &cause), 0);
	fts_integrity_ok(f->st);
	assert_int_equal(fts_count(f->st, "quays"), 0);
	assert_int_equal(fts_count(f->st, "pickets"), 1);
}

static void
test_analysis_round_trip(void **state)
{
	struct fixture *f = *state;
	struct doc d;
	struct analysis a, back;
	struct ana_entity ents[2];
	struct ana_mention ments[2];
	struct ana_statement stmt;
	char *alias = "ACME", *cause = NULL;
	int64_t id;

	make_doc(&d, "ana", "Acme Corp denies report", "Acme Corp said it was not involved.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	memset(&a, 0, sizeof(a));
	ents[0] = (struct ana_entity){"Acme Corp", ENT_COMPANY, &alias, 1};
	ents[1] = (struct ana_entity){"Zed Agency", ENT_AGENCY, NULL, 0};
	ments[0] = (struct ana_mention){0, 1, 0, 9};
	ments[1] = (struct ana_mention){1, 0, 0, 4};
	stmt = (struct ana_statement){0, "Acme Corp", 0, "said", 1, 15, 35, 1};
	a.ents = ents;
	a.nents = 2;
	a.ments = ments;
	a.nments = 2;
	a.stmts = &stmt;
	a.nstmts = 1;
	assert_int_equal(store_analysis_put(f->st, id, &d, &a, &cause), 0);
	assert_int_equal(store_analysis_get(f->st, id, &back, &cause), 0);
	assert_int_equal(back.nments, 2);
	assert_int_equal(back.nstmts, 1);
	assert_string_equal(back.ents[back.ments[0].entity].name, "Zed Agency");
	assert_int_equal(back.ents[back.ments[1].entity].kind, ENT_COMPANY);
	assert_int_equal(back.ments[1].start, 0);
	assert_int_equal(back.ments[1].end, 9);
	assert_string_equal(back.ents[back.stmts[0].speaker].name, "Acme Corp");
	assert_string_equal(back.stmts[0].cue, "said");
	assert_int_equal(back.stmts[0].start, 15);
	analysis_free(&back);
	doc_free(&d);
}

/* Stores article key with one mention of an entity called name; returns the
 * entity's stored id. */
static int64_t
put_one_entity(struct store *st, const char *key, const char *name)
{
	struct doc d;
	struct analysis a, back;
	struct ana_entity ent = {(char *)name, ENT_COMPANY, NULL, 0};
	struct ana_mention ment = {0, 1, 0, 4};
	char *cause = NULL;
	int64_t id, eid;
	sqlite3_stmt *s;

	make_doc(&d, key, "Trade note", "Firm news of the week.", NULL);
	assert_int_equal(store_article_put(st, &d, 0, &id, NULL, &cause), 0);
	memset(&a, 0, sizeof(a));
	a.ents = &ent;
	a.nents = 1;
	a.ments = &ment;
	a.nments = 1;
	assert_int_equal(store_analysis_put(st, id, &d, &a, &cause), 0);
	assert_int_equal(store_analysis_get(st, id, &back, &cause), 0);
	assert_int_equal(back.nments, 1);
	s = store_stmt(st, "SELECT id FROM entity WHERE name = ?", &cause);
	assert_non_null(s);
	sqlite3_bind_text(s, 1, back.ents[0].name, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	eid = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	analysis_free(&back);
	doc_free(&d);
	return eid;
}

/* Stores an article of title and one paragraph, body, under key. */
static void
put_text(struct store *st, const char *key, const char *title, const char *body)
{
	struct doc d;
	char *cause = NULL;

	make_doc(&d, key, title, body, NULL);
	assert_int_equal(store_article_put(st, &d, 0, NULL, NULL, &cause), 0);
	doc_free(&d);
}

/* Indexing part of a transaction early (store_index_some) leaves the index as
 * true as indexing at the commit, an article changed after it included. */
static void
test_fts_index_some(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	assert_int_equal(store_begin(f->st, &cause), 0);
	put_text(f->st, "s1", "Harbour fees rise", "The brennock terminal raised its fees.");
	put_text(f->st, "s2", "Rail freight slows", "The ostrelle line carried less ore.");
	assert_int_equal(store_index_some(f->st, 3, &cause), 0);
	assert_int_equal(fts_count(f->st, "brennock"), 0);
	assert_int_equal(store_index_some(f->st, 2, &cause), 0);
	assert_int_equal(fts_count(f->st, "brennock"), 1);
	assert_int_equal(fts_count(f->st, "ostrelle"), 1);
	/* changed once indexed: its old words must leave the index */
	put_text(f->st, "s1", "Harbour fees rise", "The quintary terminal raised its fees.");
	put_text(f->st, "s3", "Toll road opens", "The vardish bypass opened.");
	assert_int_equal(store_commit(f->st, &cause), 0);
	fts_integrity_ok(f->st);
	assert_int_equal(fts_count(f->st, "brennock"), 0);
	assert_int_equal(fts_count(f->st, "quintary"), 1);
	assert_int_equal(fts_count(f->st, "ostrelle"), 1);
	assert_int_equal(fts_count(f->st, "vardish"), 1);
}

/* Entity ids are remembered by name (case folded as NOCASE folds it); an
 * entity created by an undone transaction must not be remembered, since its
 * id goes back to the free pool. */
static void
test_entity_ids_remembered(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	int64_t a, b, c;

	a = put_one_entity(f->st, "e1", "Brisnel Freight");
	assert_int_equal(put_one_entity(f->st, "e2", "BRISNEL freight"), a);

	assert_int_equal(store_begin(f->st, &cause), 0);
	b = put_one_entity(f->st, "e3", "Corvath Mills");
	store_rollback(f->st);
	assert_int_equal(store_begin(f->st, &cause), 0);
	c = put_one_entity(f->st, "e4", "Dunmere Salt");
	assert_int_equal(c, b); /* the freed id is given again */
	assert_true(put_one_entity(f->st, "e5", "Corvath Mills") != c);
	assert_int_equal(store_commit(f->st, &cause), 0);

	assert_int_equal(put_one_entity(f->st, "e9", "brisnel FREIGHT"), a);
}

/* Returns the number of rows of table (a literal) for article id. */
static int
rows_of(struct store *st, const char *table, int64_t id)
{
	char *sql =
	    xasprintf("SELECT count(*) FROM %s WHERE article_id = %lld", table, (long long)id);
	sqlite3_stmt *s;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	free(sql);
	return n;
}

static void
entity_counts(struct store *st, const char *name, size_t *mentions, size_t *articles)
{
	char *cause = NULL;
	size_t statements;
	int64_t eid = store_entity_find(st, name, NULL, NULL, &cause);

	assert_true(eid > 0);
	assert_int_equal(
	    store_browse_entity_counts(st, eid, mentions, articles, &statements, &cause), 0);
}

/* Mentions are packed one row per article: many of them, large offsets, text
 * order restored, entity counts kept in step on re-analysis and deletion. */
static void
test_mentions_packed(void **state)
{
	struct fixture *f = *state;
	enum { N = 1000 };
	struct doc d, d2;
	struct analysis a, back, none;
	struct ana_entity ents[3];
	struct ana_mention *ments = xcalloc(N, sizeof(*ments));
	char *cause = NULL;
	int64_t id, id2, *ids;
	size_t i, nm, na, n;

	make_doc(&d, "packed", "Orrin Mills and Tessaly Rail", "Orrin Mills grew.",
	         "Tessaly Rail fell.");
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	make_doc(&d2, "plain", "A quiet day", "Nothing happened.", NULL);
	assert_int_equal(store_article_put(f->st, &d2, 0, &id2, NULL, &cause), 0);
	memset(&a, 0, sizeof(a));
	ents[0] = (struct ana_entity){"Orrin Mills", ENT_COMPANY, NULL, 0};
	ents[1] = (struct ana_entity){"Tessaly Rail", ENT_COMPANY, NULL, 0};
	/* the same stored entity as ents[0]: names are matched without case */
	ents[2] = (struct ana_entity){"ORRIN MILLS", ENT_COMPANY, NULL, 0};
	/* given in reverse text order; offsets past 16 and 32 bits */
	for (i = 0; i < N; i++) {
		size_t k = N - 1 - i;

		ments[i].entity = k % 3;
		ments[i].para = k / 100;
		ments[i].start = (k % 100) * (SIZE_MAX > 0xffffffffu ? 70000000u : 70000u);
		ments[i].end = ments[i].start + 1 + k;
	}
	a.ents = ents;
	a.nents = 3;
	a.ments = ments;
	a.nments = N;
	assert_int_equal(store_analysis_put(f->st, id, &d, &a, &cause), 0);
	assert_int_equal(store_analysis_get(f->st, id, &back, &cause), 0);
	assert_int_equal(back.nments, N);
	assert_int_equal(back.nents, 2);
	for (i = 0; i < N; i++) {
		const struct ana_mention *m = &back.ments[i];

		assert_int_equal(m->para, i / 100);
		assert_int_equal(m->end - m->start, 1 + i);
		assert_true(i == 0 || m->start > back.ments[i - 1].start ||
		            m->para > back.ments[i - 1].para);
		assert_string_equal(back.ents[m->entity].name,
		                    i % 3 == 1 ? "Tessaly Rail" : "Orrin Mills");
	}
	assert_true(back.ments[99].start > 65535);
	analysis_free(&back);
	assert_int_equal(rows_of(f->st, "article_mention", id), 1);
	assert_int_equal(rows_of(f->st, "entity_article", id), 2);
	entity_counts(f->st, "Orrin Mills", &nm, &na);
	assert_int_equal(nm, N - N / 3);
	assert_int_equal(na, 1);

	/* an empty analysis stores no rows and reads back empty */
	memset(&none, 0, sizeof(none));
	assert_int_equal(store_analysis_put(f->st, id2, &d2, &none, &cause), 0);
	assert_int_equal(store_analysis_get(f->st, id2, &back, &cause), 0);
	assert_int_equal(back.nments, 0);
	assert_int_equal(back.nents, 0);
	analysis_free(&back);
	assert_int_equal(rows_of(f->st, "article_mention", id2), 0);

	/* the same entity in a second article, then a re-analysis of the first without it */
	a.nents = 1;
	a.nments = 2;
	ments[0] = (struct ana_mention){0, 1, 0, 5};
	ments[1] = (struct ana_mention){0, 0, 2, 7};
	assert_int_equal(store_analysis_put(f->st, id2, &d2, &a, &cause), 0);
	ents[0] = (struct ana_entity){"Tessaly Rail", ENT_COMPANY, NULL, 0};
	a.nments = 1;
	assert_int_equal(store_analysis_put(f->st, id, &d, &a, &cause), 0);
	entity_counts(f->st, "Orrin Mills", &nm, &na);
	assert_int_equal(nm, 2);
	assert_int_equal(na, 1);
	entity_counts(f->st, "Tessaly Rail", &nm, &na);
	assert_int_equal(nm, 1);
	assert_int_equal(na, 1);
	assert_int_equal(store_entity_articles(
	                     f->st, store_entity_find(f->st, "Orrin Mills", NULL, NULL, &cause),
	                     &ids, &n, &cause),
	                 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id2);
	free(ids);
	assert_int_equal(store_analysis_get(f->st, id2, &back, &cause), 0);
	assert_int_equal(back.nments, 2);
	assert_int_equal(back.ments[0].para, 0);
	assert_int_equal(back.ments[0].start, 2);
	analysis_free(&back);

	/* deleting an article takes its rows with it */
	assert_int_equal(store_article_delete(f->st, id, &cause), 0);
	assert_int_equal(rows_of(f->st, "article_mention", id), 0);
	assert_int_equal(rows_of(f->st, "entity_article", id), 0);
	entity_counts(f->st, "Tessaly Rail", &nm, &na);
	assert_int_equal(nm, 0);
	assert_int_equal(na, 0);

	/* a damaged row is an error, not a crash */
	assert_int_equal(sqlite3_exec(f->st->db, "UPDATE article_mention SET data = x'0102ff'",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(store_analysis_get(f->st, id2, &back, &cause), -1);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	free(ments);
	doc_free(&d);
	doc_free(&d2);
}

/* Returns how many articles have key. */
static int
article_count(struct store *st, const char *key)
{
	sqlite3_stmt *s;
	int n;

	assert_int_equal(
	    sqlite3_prepare_v2(st->db, "SELECT count(*) FROM article WHERE key = ?", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Stores article key with k mentions of one entity, named name, and returns its id. */
static int64_t
put_mentioning(struct store *st, const char *key, const char *name, size_t k)
{
	struct ana_entity e = {(char *)name, ENT_COMPANY, NULL, 0};
	struct ana_mention m[4];
	struct analysis a;
	struct doc d;
	char *cause = NULL;
	int64_t id;
	size_t i;

	assert_true(k <= 4);
	make_doc(&d, key, "Velmora Freight", "Velmora Freight moved.", NULL);
	assert_int_equal(store_article_put(st, &d, 0, &id, NULL, &cause), 0);
	memset(&a, 0, sizeof(a));
	for (i = 0; i < k; i++)
		m[i] = (struct ana_mention){0, 0, i, i + 1};
	a.ents = &e;
	a.nents = 1;
	a.ments = m;
	a.nments = k;
	assert_int_equal(store_analysis_put(st, id, &d, &a, &cause), 0);
	doc_free(&d);
	return id;
}

/* Inside a transaction an article's entity rows wait for the commit: a
 * re-analysis replaces what waited, and a rollback takes back both what
 * waited and what a re-analysis wrote early. */
static void
test_entity_rows_in_transaction(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	int64_t a, c, d;
	size_t nm, na;

	assert_int_equal(store_begin(f->st, &cause), 0);
	a = put_mentioning(f->st, "ea-a", "Velmora Freight", 3);
	c = put_mentioning(f->st, "ea-c", "VELMORA FREIGHT", 2);
	/* re-analysed while its first rows wait: one mention now */
	assert_int_equal(put_mentioning(f->st, "ea-a", "Velmora Freight", 1), a);
	assert_int_equal(store_commit(f->st, &cause), 0);

	assert_int_equal(store_begin(f->st, &cause), 0);
	d = put_mentioning(f->st, "ea-d", "Velmora Freight", 4);
	/* writes d's waiting row early */
	assert_int_equal(put_mentioning(f->st, "ea-d", "Velmora Freight", 2), d);
	assert_int_equal(put_mentioning(f->st, "ea-c", "Velmora Freight", 4), c);
	store_rollback(f->st);
	/* nothing of the rolled-back transaction waits for this one */
	assert_int_equal(store_begin(f->st, &cause), 0);
	put_mentioning(f->st, "ea-e", "Quillon Ports", 1);
	assert_int_equal(store_commit(f->st, &cause), 0);

	assert_int_equal(article_count(f->st, "ea-d"), 0);
	assert_int_equal(rows_of(f->st, "entity_article", a), 1);
	assert_int_equal(rows_of(f->st, "entity_article", c), 1);
	entity_counts(f->st, "Velmora Freight", &nm, &na);
	assert_int_equal(nm, 3);
	assert_int_equal(na, 2);
}

/* Returns the number of articles the database file holds without its WAL,
 * that is, what checkpoints have copied into it. */
static int
checkpointed_articles(const char *path)
{
	char *uri = xasprintf("file:%s?immutable=1", path);
	sqlite3 *db;
	sqlite3_stmt *s;
	int n;

	assert_int_equal(sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL),
	                 SQLITE_OK);
	/* a new database may not have its schema in the file yet */
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM article", -1, &s, NULL) != SQLITE_OK) {
		n = 0;
	} else {
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		n = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(uri);
	return n;
}

/* While the checkpoint thread runs, commits reach the database file without
 * the writer checkpointing (a WAL this small never makes it); afterwards the
 * writer checkpoints by itself again. */
static void
test_checkpoint_thread(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, key[16];
	struct doc d;
	int64_t id;
	int i, before = checkpointed_articles(f->path);

	assert_int_equal(store_ckpt_start(f->st, &cause), 0);
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "ck-%d", i);
		make_doc(&d, key, "Harlow Mills", "Harlow Mills reopened.", NULL);
		assert_int_equal(store_begin(f->st, &cause), 0);
		assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
		assert_int_equal(store_commit(f->st, &cause), 0);
		doc_free(&d);
	}
	/* the thread copies them soon, not only when it stops */
	for (i = 0; i < 500 && checkpointed_articles(f->path) < before + 3; i++)
		usleep(10000);
	assert_int_equal(checkpointed_articles(f->path), before + 3);
	store_ckpt_stop(f->st);
	assert_int_equal(sqlite3_wal_autocheckpoint(f->st->db, 1000), SQLITE_OK);

	/* without the thread, the writer leaves a small WAL alone */
	make_doc(&d, "ck-late", "Harlow Mills", "Harlow Mills closed.", NULL);
	assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
	doc_free(&d);
	assert_int_equal(checkpointed_articles(f->path), before + 3);
}

/* Runs sql, which takes f's database back to an older shape, and opens it
 * again: every migration since must run. */
static void
reopen_after(struct fixture *f, const char *sql)
{
	char *cause = NULL;

	assert_int_equal(sqlite3_exec(f->st->db, sql, NULL, NULL, NULL), SQLITE_OK);
	store_close(f->st);
	assert_int_equal(store_open(f->path, 0, &f->st, &cause), 0);
	assert_int_equal(store_schema_version(f->st),
	                 store_migrations[store_nmigrations - 1].version);
}

/* Returns how many schema objects are called name. */
static int
schema_has(struct store *st, const char *name)
{
	return (int)count_of(st, "SELECT count(*) FROM sqlite_master WHERE name = ?", name);
}

/* A version 5 database keeps its entity rows through migration 6, which
 * drops the table's index by article, and loses them with their article. */
static void
test_migrate_v6(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	int64_t id = put_mentioning(f->st, "mv-a", "Osterby Cable", 2);
	size_t nm, na;

	reopen_after(f, "CREATE TABLE ea_old AS SELECT * FROM entity_article;"
	                "DROP TABLE entity_article;" STORE_SQL_ENTITY_ARTICLE_V1
	                "INSERT INTO entity_article SELECT * FROM ea_old;"
	                "DROP TABLE ea_old;"
	                "PRAGMA user_version = 5;");
	assert_int_equal(rows_of(f->st, "entity_article", id), 1);
	assert_int_equal(schema_has(f->st, "entity_article_article"), 0);
	assert_int_equal(store_article_delete(f->st, id, &cause), 0);
	assert_int_equal(rows_of(f->st, "entity_article", id), 0);
	entity_counts(f->st, "Osterby Cable", &nm, &na);
	assert_int_equal(na, 0);
}

/* A database of the pre-release shape (a table of single mentions, schema 2)
 * is upgraded: its articles and tags stay, and are marked for analysis. */
static void
test_migrate_mention_table(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	int64_t id = put_mentioning(f->st, "old-a", "Osterby Cable", 2);

	assert_int_equal(store_tag_add(f->st, id, "kept", &cause), 0);
	reopen_after(f, "DROP TABLE article_mention;"
	                "DROP TABLE entity_article;"
	                "CREATE TABLE mention ("
	                " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	                " entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
	                " para INTEGER NOT NULL, off_start INTEGER NOT NULL,"
	                " off_end INTEGER NOT NULL);"
	                "CREATE INDEX mention_article ON mention(article_id, para, off_start);"
	                "CREATE INDEX mention_entity ON mention(entity_id, article_id);"
	                "INSERT INTO mention SELECT id, (SELECT min(id) FROM entity), 0, 0, 7"
	                " FROM article;"
	                "DROP INDEX article_id_time;"
	                "PRAGMA user_version = 2;");
	assert_int_equal(schema_has(f->st, "mention"), 0);
	assert_int_equal(rows_of(f->st, "article_mention", id), 0);
	assert_int_equal(rows_of(f->st, "article_tag", id), 1);
	assert_int_equal(store_analysis_version(f->st, id, &cause), 0);
	/* analyzed again, its mentions are stored the new way */
	put_mentioning(f->st, "old-a", "Osterby Cable", 2);
	assert_int_equal(rows_of(f->st, "article_mention", id), 1);
	assert_int_equal(rows_of(f->st, "entity_article", id), 1);
}

/* Returns the number of aliases stored for alias. */
static int
alias_rows(struct store *st, const char *alias)
{
	return (int)count_of(st, "SELECT count(*) FROM entity_alias WHERE alias = ?", alias);
}

/* Aliases stored are remembered, and forgotten with a rollback that took
 * them back: the next article that names them stores them again. */
static void
test_aliases_remembered(void **state)
{
	struct fixture *f = *state;
	char *aliases[] = {"TWL"};
	struct ana_entity e = {"Tarrow Water Ltd", ENT_COMPANY, aliases, 1};
	struct ana_mention m = {0, 0, 0, 5};
	struct analysis a;
	struct doc d;
	char *cause = NULL;
	int64_t id;
	int i;

	memset(&a, 0, sizeof(a));
	a.ents = &e;
	a.nents = 1;
	a.ments = &m;
	a.nments = 1;
	for (i = 0; i < 3; i++) {
		char key[16];

		snprintf(key, sizeof(key), "al-%d", i);
		make_doc(&d, key, "Tarrow Water Ltd", "Tarrow Water Ltd (TWL) raised prices.",
		         NULL);
		assert_int_equal(store_begin(f->st, &cause), 0);
		assert_int_equal(store_article_put(f->st, &d, 0, &id, NULL, &cause), 0);
		assert_int_equal(store_analysis_put(f->st, id, &d, &a, &cause), 0);
		if (i == 0)
			store_rollback(f->st);
		else
			assert_int_equal(store_commit(f->st, &cause), 0);
		doc_free(&d);
		assert_int_equal(alias_rows(f->st, "twl"), i == 0 ? 0 : 1);
	}
}

static void
test_bad_files(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	char *cause = NULL, *path;
	FILE *fp;

	path = xasprintf("%s/garbage.db", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("this is not a database, just some text that goes on for a while........", fp);
	fclose(fp);
	chmod(path, 0600);
	assert_int_equal(store_open(path, 0, &st, &cause), -1);
	assert_non_null(strstr(cause, "garbage.db"));
	assert_non_null(strstr(cause, "not a newsroom database"));
	free(cause);
	free(path);
	path = xasprintf("%s/link.db", f->dir);
	assert_int_equal(symlink(f->path, path), 0);
	assert_int_equal(store_open(path, 0, &st, &cause), -1);
	assert_non_null(strstr(cause, "symbolic link"));
	free(cause);
	free(path);
	path = xasprintf("%s/missing.db", f->dir);
	assert_int_equal(store_open(path, STORE_RDONLY, &st, &cause), -1);
	assert_non_null(strstr(cause, "missing.db"));
	free(cause);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_migrate_from_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reimport_updates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fts_in_sync, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fts_in_transaction, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fts_index_some, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_entity_ids_remembered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_analysis_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mentions_packed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_entity_rows_in_transaction, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint_thread, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_v6, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_mention_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_aliases_remembered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
