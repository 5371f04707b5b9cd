/* store.h - the SQLite database: the only module that speaks SQL.
 *
 * Every function that can fail returns 0 on success and -1 on failure, with
 * *cause set to one line the caller owns (free it) naming what went wrong. */
#ifndef NR_STORE_H
#define NR_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/analysis.h"
#include "doc.h"

struct store;

#define STORE_RDONLY 0x1 /* open for reading only; never creates anything */

/* Returns $XDG_DATA_HOME/newsroom/newsroom.db (or ~/.local/share/...), which
 * the caller owns, or NULL with *cause set when neither variable is usable. */
char *store_default_path(char **cause);
/* Opens (creating it 0600, and its folder 0700, if missing) and migrates the
 * database at path. *out is the caller's, to close with store_close. */
int store_open(const char *path, int flags, struct store **out, char **cause);
void store_close(struct store *st);
const char *store_path(const struct store *st);
/* Sets what is called once when a write has to wait for another process (by
 * default a line on stderr; the reader shows it in its status line instead). */
void store_on_busy(struct store *st, void (*fn)(void *), void *arg);
/* The schema version the database is at. */
int store_schema_version(struct store *st);

/* A write transaction (BEGIN IMMEDIATE: waits for another writer up to the
 * busy timeout, then fails saying the database is busy). */
int store_begin(struct store *st, char **cause);
int store_commit(struct store *st, char **cause);
/* Bulk mode, set outside a transaction: foreign keys are not checked, which
 * was a fifth of the cost of storing an analysis. Only for a caller that
 * stores every parent row before its children and deletes no parent row. */
int store_bulk(struct store *st, int on, char **cause);
void store_rollback(struct store *st);
/* Adds the articles stored in the open transaction to the full-text index
 * now, when at least n wait (otherwise the commit does it); 0 or -1. */
int store_index_some(struct store *st, size_t n, char **cause);
/* Moves the WAL checkpoints of st's commits to a thread of their own (see
 * storage/ckpt.c) until store_ckpt_stop, which checkpoints a last time; 0,
 * or -1 with *cause, when st goes on checkpointing as before. Only for a
 * writer that commits often, as fetch does. */
int store_ckpt_start(struct store *st, char **cause);
void store_ckpt_stop(struct store *st);

/* Returns 1 when the database has no article and no feed, else 0. */
int store_is_empty(struct store *st);

/* --- articles (storage/articles.c) --- */

enum store_put { STORE_PUT_SAME, STORE_PUT_NEW, STORE_PUT_CHANGED };

/* Inserts d, or updates the article with the same key. feed_id 0 = imported
 * from a file. *id (may be NULL) gets the row id, *status (may be NULL) what
 * happened (enum store_put). Keeps the read state; an article whose text changed
 * is marked for re-analysis. */
int store_article_put(struct store *st, const struct doc *d, int64_t feed_id, int64_t *id,
                      int *status, char **cause);
/* As store_article_put, but a new article is written as analyzed at version
 * (ANALYSIS_VERSION), for a caller that stores its analysis next in the same
 * transaction: one write of its row instead of two. */
int store_article_put_analyzed(struct store *st, const struct doc *d, int64_t feed_id, int version,
                               int64_t *id, int *status, char **cause);
/* Loads article id into d (which the caller frees with doc_free): key, url,
 * title, author, dates, source, paragraphs (headline first) and links. */
int store_article_get(struct store *st, int64_t id, struct doc *d, char **cause);
int store_article_delete(struct store *st, int64_t id, char **cause);
int store_article_set_unread(struct store *st, int64_t id, int unread, char **cause);
/* Returns the id of the article with key, 0 when none, -1 on error. */
int64_t store_article_find(struct store *st, const char *key, char **cause);

struct store_row {
	int64_t id;
	const char *title; /* these point into the store; valid until the callback returns */
	const char *url;
	const char *author;
	const char *feed; /* title of one feed that carries it; NULL for imports */
	int64_t time;     /* published, else updated, else fetched */
	int unread;
	int imported;
	const char *tags; /* article tags joined by ' ', or NULL */
};

enum store_sort { STORE_SORT_DATE, STORE_SORT_FEED };

struct store_filter {
	int64_t feed_id; /* 0 = all; STORE_FEED_IMPORTED = imported files only */
	int unread_only;
	enum store_sort sort;
	const int64_t *ids; /* when set, only these articles (nids of them) */
	size_t nids;
};
#define STORE_FEED_IMPORTED (-1)

/* Calls cb for each article matching f, newest first, skipping offset and
 * stopping after limit (0 = no limit) or when cb returns non-zero. */
int store_article_list(struct store *st, const struct store_filter *f, size_t offset, size_t limit,
                       int (*cb)(const struct store_row *, void *), void *arg, char **cause);
/* Number of articles matching f (and unread among them when unread != NULL). */
int store_article_count(struct store *st, const struct store_filter *f, size_t *total,
                        size_t *unread, char **cause);

/* --- analysis results (storage/analysis.c) --- */

/* Replaces the stored entities, mentions and statements of article d (stored
 * as article_id) with a, and records the analyzer version. Call inside a transaction. */
int store_analysis_put(struct store *st, int64_t article_id, const struct doc *d,
                       const struct analysis *a, char **cause);
/* Loads the stored analysis of an article into a (freed with analysis_free). */
int store_analysis_get(struct store *st, int64_t article_id, struct analysis *a, char **cause);
/* Returns the analyzer version that analyzed article id (0 = not yet), or -1 with *cause. */
int store_analysis_version(struct store *st, int64_t article_id, char **cause);
/* Calls cb with the id of every article analyzed by a version older than version. */
int store_analysis_stale(struct store *st, int version, int (*cb)(int64_t, void *), void *arg,
                         char **cause);

#endif
