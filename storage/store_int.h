/* store_int.h - what the storage files share and nobody else sees. */
#ifndef NR_STORE_INT_H
#define NR_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>

#include "storage/store.h"

#define STORE_NCACHE 128
#define STORE_SEP "\x1e" /* joins paragraphs in article.body, links in article.links */

/* The mention tables as schema version 1 makes them (version 6 rebuilds
 * entity_article): for the repair of pre-release databases and the tests of
 * the migrations, which must start from the same text. */
#define STORE_SQL_ARTICLE_MENTION_V1                                                               \
	"CREATE TABLE article_mention ("                                                           \
	" article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,"                \
	" data BLOB NOT NULL);"
#define STORE_SQL_ENTITY_ARTICLE_V1                                                                \
	"CREATE TABLE entity_article ("                                                            \
	" entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"                     \
	" article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"                   \
	" mentions INTEGER NOT NULL,"                                                              \
	" PRIMARY KEY (entity_id, article_id)) WITHOUT ROWID;"                                     \
	"CREATE INDEX entity_article_article ON entity_article(article_id);"

struct store_migration {
	int version;
	const char *sql;
};
extern const struct store_migration store_migrations[];
extern const size_t store_nmigrations;
/* Brings a database of the pre-release mention table to version 1's shape. */
extern const char store_repair_mentions[];

struct store {
	sqlite3 *db;
	char *path;
	int flags;
	void (*on_busy)(void *); /* told once when a write waits for another process */
	void *on_busy_arg;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STORE_NCACHE];
	/* articles inserted in this transaction, in id order: those before
	 * fts_done are in article_fts, the rest wait for store_index_sync */
	int64_t *fts_ids;
	size_t fts_n, fts_done, fts_cap;
	int64_t fresh_id;        /* the article store_article_put inserted last */
	int fresh_version;       /* the analyzed_version it was inserted with */
	struct store_ckpt *ckpt; /* the checkpoint thread, while it runs */
	/* whether user_pending has rows, as this transaction last saw it */
	enum { STORE_PENDING_UNKNOWN, STORE_PENDING_NONE, STORE_PENDING_SOME } pending;
	/* entity_article rows of this transaction not written yet: they wait
	 * for store_index_sync, which writes them sorted by entity (see
	 * storage/analysis.c) */
	struct {
		struct store_ea {
			int64_t entity, article, mentions;
		} * v;
		size_t n, cap;
	} ea;
	/* entity ids by name, folded as NOCASE folds (entities are never renamed
	 * or deleted), and the aliases stored (storage/analysis.c); emptied when a
	 * transaction is rolled back */
	struct {
		char **names;
		int64_t *ids;
		size_t n, cap;
	} ents;
};

/* Returns the prepared statement for sql (a string literal: it is cached by
 * address), reset and with its bindings cleared; NULL with *cause on error.
 * The statement stays owned by the store. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, char **cause);
/* Sets *cause to "PATH: what: SQLite's message" and returns -1. */
int store_fail(struct store *st, char **cause, const char *what);
/* Binds text or NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Runs a statement that returns no rows (after binding); 0 or -1 with *cause. */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause);
/* Writes what waits in memory for the indexes: the articles inserted since
 * the last call into article_fts (in one statement: see storage/articles.c)
 * and their entity_article rows (storage/analysis.c). store_commit calls it,
 * and so must anything that reads article_fts or entity_article or changes
 * an article inside a write transaction. */
int store_index_sync(struct store *st, char **cause);
/* Forgets what waits for store_index_sync (its rows were rolled back). */
void store_index_drop(struct store *st);
/* Writes the entity_article rows waiting for store_index_sync; 0 or -1. */
int store_ea_flush(struct store *st, char **cause);
/* Deletes the entity_article rows of an article, waiting or written, found by
 * the entities its packed mentions name: the table has no index by article
 * (schema version 6), so this must come before article_mention loses the
 * article's row. */
int store_ea_unindex(struct store *st, int64_t article_id, char **cause);
/* Forgets the entity ids store_analysis_put remembered (an undone
 * transaction may have taken some back); frees with all = 1. */
void store_ents_clear(struct store *st, int all);
/* Asks the checkpoint thread, if it runs, to copy the last commit into the
 * database file. */
void store_ckpt_kick(struct store *st);
/* Runs s (bound) and collects column 0 of each row as ids the caller owns;
 * 0, or -1 with *cause saying what failed. */
int store_collect_ids(struct store *st, sqlite3_stmt *s, const char *what, int64_t **out,
                      size_t *np, char **cause);
/* Returns a copy the caller owns of column i, or NULL for SQL NULL. */
char *store_col_dup(sqlite3_stmt *s, int i);

#endif
