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

#include "storage/store_int.h"
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

static long long
fts_count(struct store *st, const char *match)
{
	char *cause = NULL;
	sqlite3_stmt *s =
	    store_stmt(st, "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", &cause);
	long long n;

	assert_non_null(s);
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

static void
test_migrate_from_empty(void **state)
{
	struct fixture *f = *state;
	struct stat sb;
	struct store *again = NULL;
	char *cause = NULL;

	assert_int_equal(store_schema_version(f->st),
	                 store_migrations[store_nmigrations - 1].version);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(store_is_empty(f->st));
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
	    cmocka_unit_test_setup_teardown(test_analysis_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
