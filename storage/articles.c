/* articles.c - storing, loading and listing articles. */
#include "storage/store_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/* Joins n strings with the record separator into b. */
static void
store_join(struct buf *b, char *const *v, size_t stride, size_t n)
{
	size_t i;

	buf_add(b, "", 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, STORE_SEP);
		buf_adds(b, *(char *const *)((const char *)v + i * stride));
	}
}

/* Why articles are indexed in bulk: FTS5 writes its pending terms out as a
 * new segment whenever a statement opens a savepoint on it, which a trigger
 * firing per stored row does, so a fetch wrote one small segment per article
 * and spent most of its time merging them again. One INSERT ... SELECT per
 * transaction writes one segment. */
static void
store_fts_pend(struct store *st, int64_t id)
{
	if (st->fts_n == st->fts_cap) {
		st->fts_cap = st->fts_cap ? st->fts_cap * 2 : 64;
		st->fts_ids = xreallocarray(st->fts_ids, st->fts_cap, sizeof(*st->fts_ids));
	}
	st->fts_ids[st->fts_n++] = id;
}

/* Returns 1 when article id waits for store_index_sync (it is not in the index). */
static int
store_fts_pending(const struct store *st, int64_t id)
{
	size_t i;

	for (i = st->fts_n; i > st->fts_done; i--)
		if (st->fts_ids[i - 1] == id)
			return 1;
	return 0;
}

void
store_index_drop(struct store *st)
{
	st->fts_n = st->fts_done = 0;
	st->ea.n = 0;
}

/* Indexes the articles that wait for it in article_fts; 0 or -1. */
static int
store_fts_sync(struct store *st, char **cause)
{
	struct buf ids = BUF_INIT;
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (st->fts_done == st->fts_n)
		return 0;
	s = store_stmt(st,
	               "INSERT INTO article_fts (rowid, title, body) SELECT id, title, body"
	               " FROM article WHERE id IN (SELECT value FROM json_each(?))",
	               cause);
	if (s == NULL)
		return -1;
	buf_addc(&ids, '[');
	for (i = st->fts_done; i < st->fts_n; i++)
		buf_printf(&ids, "%s%lld", i > st->fts_done ? "," : "", (long long)st->fts_ids[i]);
	buf_addc(&ids, ']');
	store_bind_text(s, 1, buf_str(&ids));
	rc = store_step_done(st, s, "indexing articles", cause);
	buf_free(&ids);
	if (rc == 0)
		st->fts_done = st->fts_n;
	return rc;
}

int
store_index_sync(struct store *st, char **cause)
{
	if (store_ea_flush(st, cause) != 0)
		return -1;
	return store_fts_sync(st, cause);
}

int
store_index_some(struct store *st, size_t n, char **cause)
{
	if (st->fts_n - st->fts_done < n)
		return 0;
	return store_fts_sync(st, cause);
}

/* Takes article id's indexed text out of article_fts when title or body
 * differ from the stored ones; *changed says whether they did. */
static int
store_fts_unindex(struct store *st, int64_t id, const char *title, const char *body, int *changed,
                  char **cause)
{
	sqlite3_stmt *s = store_stmt(st,
	                             "INSERT INTO article_fts (article_fts, rowid, title, body)"
	                             " SELECT 'delete', id, title, body FROM article"
	                             " WHERE id = ?1 AND (title IS NOT ?2 OR body IS NOT ?3)",
	                             cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, title);
	store_bind_text(s, 3, body);
	if (store_step_done(st, s, "updating the index", cause) != 0)
		return -1;
	*changed = sqlite3_changes(st->db) > 0;
	return 0;
}

int64_t
store_article_find(struct store *st, const char *key, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM article WHERE key = ?", cause);
	int64_t id = 0;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		id = store_fail(st, cause, "looking up an article");
	sqlite3_reset(s);
	return id;
}

int
store_article_put(struct store *st, const struct doc *d, int64_t feed_id, int64_t *idp, int *status,
                  char **cause)
{
	return store_article_put_analyzed(st, d, feed_id, 0, idp, status, cause);
}

int
store_article_put_analyzed(struct store *st, const struct doc *d, int64_t feed_id, int version,
                           int64_t *idp, int *status, char **cause)
{
	struct buf body = BUF_INIT, links = BUF_INIT;
	const char *title = d->title ? d->title : (d->npara > 0 ? d->paras[0].text : "");
	int64_t id, now = (int64_t)time(NULL);
	int64_t sort_time = d->published ? d->published : d->updated ? d->updated : now;
	sqlite3_stmt *s;
	int rc = -1, reindex = 0;

	if (d->key == NULL || d->key[0] == '\0') {
		*cause = xstrdup("article has no key");
		return -1;
	}
	if (d->npara > 1)
		store_join(&body, &d->paras[1].text, sizeof(d->paras[0]), d->npara - 1);
	store_join(&links, d->links, sizeof(char *), d->nlinks);
	if ((id = store_article_find(st, d->key, cause)) < 0)
		goto out;
	if (id == 0) {
		s = store_stmt(st,
		               "INSERT INTO article (key, url, title, author, published, updated,"
		               " fetched, sort_time, source_is_html, summary_only, body, links,"
		               " imported, analyzed_version)"
		               " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?10,?11,?12,?13,?14,?15)",
		               cause);
		if (s == NULL)
			goto out;
		store_bind_text(s, 1, d->key);
		sqlite3_bind_int64(s, 7, now);
		sqlite3_bind_int(s, 14, feed_id == 0);
		sqlite3_bind_int(s, 15, version);
	} else {
		/* the WHERE keeps an unchanged article from rewriting its FTS rows */
		s = store_stmt(
		    st,
		    "UPDATE article SET url=?2, title=?3, author=?4, published=?5,"
		    " updated=?6, sort_time=?8, source=NULL, source_is_html=?10,"
		    " summary_only=?11, body=?12, links=?13,"
		    " analyzed_version = CASE WHEN title IS ?3 AND body IS ?12"
		    "  THEN analyzed_version ELSE 0 END"
		    " WHERE id=?1 AND (url IS NOT ?2 OR title IS NOT ?3 OR author IS NOT ?4"
		    " OR published IS NOT ?5 OR updated IS NOT ?6"
		    " OR summary_only IS NOT ?11 OR body IS NOT ?12 OR links IS NOT ?13)",
		    cause);
		if (s == NULL)
			goto out;
		/* an article stored earlier in this transaction is not in the index
		 * yet, and store_index_sync will read its new text */
		if (!store_fts_pending(st, id) &&
		    store_fts_unindex(st, id, title, buf_str(&body), &reindex, cause) != 0)
			goto out;
		sqlite3_bind_int64(s, 1, id);
	}
	store_bind_text(s, 2, d->url);
	store_bind_text(s, 3, title);
	store_bind_text(s, 4, d->author);
	if (d->published)
		sqlite3_bind_int64(s, 5, d->published);
	if (d->updated)
		sqlite3_bind_int64(s, 6, d->updated);
	sqlite3_bind_int64(s, 8, sort_time);
	/* source (the HTML as given) is no longer kept: nothing reads it, and it
	 * was a third of the store and of the writes of a fetch */
	sqlite3_bind_int(s, 10, d->source_is_html);
	sqlite3_bind_int(s, 11, d->summary_only);
	store_bind_text(s, 12, buf_str(&body));
	store_bind_text(s, 13, buf_str(&links));
	if (store_step_done(st, s, "storing an article", cause) != 0)
		goto out;
	if (status != NULL)
		*status = id == 0                       ? STORE_PUT_NEW
		          : sqlite3_changes(st->db) > 0 ? STORE_PUT_CHANGED
		                                        : STORE_PUT_SAME;
	st->fresh_id = 0;
	if (id == 0) {
		id = sqlite3_last_insert_rowid(st->db);
		st->fresh_id = id;
		st->fresh_version = version;
		reindex = 1;
	}
	if (reindex) {
		store_fts_pend(st, id);
		/* outside a transaction nothing else would index it */
		if (sqlite3_get_autocommit(st->db) && store_index_sync(st, cause) != 0)
			goto out;
	}
	if (feed_id > 0) {
		s = store_stmt(st, "INSERT OR IGNORE INTO feed_article VALUES (?, ?)", cause);
		if (s == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, feed_id);
		sqlite3_bind_int64(s, 2, id);
		if (store_step_done(st, s, "linking an article to its feed", cause) != 0)
			goto out;
	}
	if (idp != NULL)
		*idp = id;
	rc = 0;
out:
	buf_free(&body);
	buf_free(&links);
	return rc;
}

/* Splits s at each separator, calling add for each piece. */
static void
store_split(const char *s, void (*add)(struct doc *, const char *, size_t), struct doc *d)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return;
	for (;;) {
		p = strstr(s, STORE_SEP);
		add(d, s, p ? (size_t)(p - s) : strlen(s));
		if (p == NULL)
			break;
		s = p + 1;
	}
}

static void
store_add_para(struct doc *d, const char *s, size_t n)
{
	doc_add_para(d, s, n);
}

static void
store_add_link(struct doc *d, const char *s, size_t n)
{
	char *u = xstrndup(s, n);

	doc_add_link(d, u);
	free(u);
}

int
store_article_get(struct store *st, int64_t id, struct doc *d, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT key, url, title, author, published, updated,"
	               " source_is_html, summary_only, body, links FROM article WHERE id = ?",
	               cause);
	int rc;

	doc_init(d);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			*cause = xasprintf("no article %lld", (long long)id);
		else
			store_fail(st, cause, "loading an article");
		sqlite3_reset(s);
		return -1;
	}
	d->key = store_col_dup(s, 0);
	d->url = store_col_dup(s, 1);
	d->title = store_col_dup(s, 2);
	d->author = store_col_dup(s, 3);
	d->published = sqlite3_column_int64(s, 4);
	d->updated = sqlite3_column_int64(s, 5);
	d->source_is_html = sqlite3_column_int(s, 6);
	d->summary_only = sqlite3_column_int(s, 7);
	doc_add_para(d, d->title ? d->title : "", d->title ? strlen(d->title) : 0);
	store_split((const char *)sqlite3_column_text(s, 8), store_add_para, d);
	store_split((const char *)sqlite3_column_text(s, 9), store_add_link, d);
	sqlite3_reset(s);
	return 0;
}

int
store_article_delete(struct store *st, int64_t id, char **cause)
{
	sqlite3_stmt *s;

	if (store_index_sync(st, cause) != 0 || store_ea_unindex(st, id, cause) != 0)
		return -1;
	if ((s = store_stmt(st, "DELETE FROM article WHERE id = ?", cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, "deleting an article", cause);
}

int
store_article_set_unread(struct store *st, int64_t id, int unread, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE article SET unread = ? WHERE id = ?", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, unread != 0);
	sqlite3_bind_int64(s, 2, id);
	return store_step_done(st, s, "marking an article", cause);
}

/* The filter shared by listing and counting: ?1 feed (0 all, -1 imported),
 * ?2 unread only, ?3 a JSON array of ids or NULL. */
#define STORE_FILTER                                                                               \
	" WHERE (?1 = 0 OR (?1 = -1 AND a.imported = 1) OR (?1 > 0 AND EXISTS (SELECT 1 FROM"      \
	" feed_article fa WHERE fa.article_id = a.id AND fa.feed_id = ?1)))"                       \
	" AND (?2 = 0 OR a.unread = 1)"                                                            \
	" AND (?3 IS NULL OR a.id IN (SELECT value FROM json_each(?3)))"

#define STORE_LIST_COLS                                                                            \
	"SELECT a.id, a.title, a.url, a.author, a.sort_time, a.unread, a.imported,"                \
	" (SELECT coalesce(f.user_title, f.title, f.url) FROM feed_article fa JOIN feed f"         \
	"  ON f.id = fa.feed_id WHERE fa.article_id = a.id ORDER BY f.id LIMIT 1) AS feed,"        \
	" (SELECT group_concat(tag, ' ') FROM article_tag t WHERE t.article_id = a.id)"            \
	" FROM article a"

static void
store_bind_filter(sqlite3_stmt *s, const struct store_filter *f, struct buf *ids)
{
	size_t i;

	sqlite3_bind_int64(s, 1, f->feed_id);
	sqlite3_bind_int(s, 2, f->unread_only);
	if (f->ids != NULL) {
		buf_addc(ids, '[');
		for (i = 0; i < f->nids; i++)
			buf_printf(ids, "%s%lld", i ? "," : "", (long long)f->ids[i]);
		buf_addc(ids, ']');
		store_bind_text(s, 3, buf_str(ids));
	}
}

int
store_article_list(struct store *st, const struct store_filter *f, size_t offset, size_t limit,
                   int (*cb)(const struct store_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s;
	struct store_row r;
	struct buf ids = BUF_INIT;
	int rc;

	if (f->sort == STORE_SORT_FEED)
		s = store_stmt(
		    st,
		    STORE_LIST_COLS STORE_FILTER
		    " ORDER BY feed IS NULL, feed COLLATE NOCASE, a.sort_time DESC, a.id DESC"
		    " LIMIT ?4 OFFSET ?5",
		    cause);
	else
		s = store_stmt(st,
		               STORE_LIST_COLS STORE_FILTER
		               " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?4 OFFSET ?5",
		               cause);
	if (s == NULL)
		return -1;
	store_bind_filter(s, f, &ids);
	sqlite3_bind_int64(s, 4, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.title = (const char *)sqlite3_column_text(s, 1);
		r.url = (const char *)sqlite3_column_text(s, 2);
		r.author = (const char *)sqlite3_column_text(s, 3);
		r.time = sqlite3_column_int64(s, 4);
		r.unread = sqlite3_column_int(s, 5);
		r.imported = sqlite3_column_int(s, 6);
		r.feed = (const char *)sqlite3_column_text(s, 7);
		r.tags = (const char *)sqlite3_column_text(s, 8);
		if (cb(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	buf_free(&ids);
	if (rc != SQLITE_DONE) {
		store_fail(st, cause, "listing articles");
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

int
store_article_count(struct store *st, const struct store_filter *f, size_t *total, size_t *unread,
                    char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st, "SELECT count(*), coalesce(sum(a.unread), 0) FROM article a" STORE_FILTER, cause);
	struct buf ids = BUF_INIT;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_filter(s, f, &ids);
	rc = sqlite3_step(s);
	buf_free(&ids);
	if (rc != SQLITE_ROW) {
		store_fail(st, cause, "counting articles");
		sqlite3_reset(s);
		return -1;
	}
	if (total != NULL)
		*total = (size_t)sqlite3_column_int64(s, 0);
	if (unread != NULL)
		*unread = (size_t)sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return 0;
}
