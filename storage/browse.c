/* browse.c - the queries behind the reader's screens. */
#include "storage/browse.h"

#include <stdlib.h>
#include <string.h>

#include "storage/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define COL_TEXT(s, i) ((const char *)sqlite3_column_text((s), (i)))

int
store_browse_feeds(struct store *st, int counts, int (*cb)(const struct store_feed_row *, void *),
                   void *arg, char **cause)
{
	sqlite3_stmt *s;
	struct store_feed_row r;
	int rc;

	if (counts)
		s = store_stmt(
		    st,
		    "SELECT f.id, coalesce(f.user_title, f.title, f.url), f.url,"
		    " (SELECT group_concat(tag, ' ') FROM feed_tag t WHERE t.feed_id = f.id),"
		    " f.last_error,"
		    " (SELECT count(*) FROM feed_article fa WHERE fa.feed_id = f.id),"
		    " (SELECT count(*) FROM feed_article fa JOIN article a"
		    "  ON a.id = fa.article_id WHERE fa.feed_id = f.id AND a.unread = 1)"
		    " FROM feed f ORDER BY 2 COLLATE NOCASE, f.id",
		    cause);
	else
		s = store_stmt(
		    st,
		    "SELECT f.id, coalesce(f.user_title, f.title, f.url), f.url,"
		    " (SELECT group_concat(tag, ' ') FROM feed_tag t WHERE t.feed_id = f.id),"
		    " f.last_error, 0, 0"
		    " FROM feed f ORDER BY 2 COLLATE NOCASE, f.id",
		    cause);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.title = COL_TEXT(s, 1);
		r.url = COL_TEXT(s, 2);
		r.tags = COL_TEXT(s, 3);
		r.error = COL_TEXT(s, 4);
		r.total = (size_t)sqlite3_column_int64(s, 5);
		r.unread = (size_t)sqlite3_column_int64(s, 6);
		if (cb(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing feeds");
	return 0;
}

int
store_browse_stmt_count(struct store *st, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM statement", cause);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, cause, "counting statements");
	return 0;
}

int
store_browse_stmts(struct store *st, size_t offset, size_t limit,
                   int (*cb)(const struct store_stmt_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT s.id, s.article_id, coalesce(e.name, s.speaker_text),"
	               " e.kind, s.text, s.cue, s.direct, a.title, a.sort_time, s.para"
	               " FROM statement s JOIN article a ON a.id = s.article_id"
	               " LEFT JOIN entity e ON e.id = s.speaker_id"
	               " ORDER BY coalesce(e.name, s.speaker_text) IS NULL,"
	               " coalesce(e.name, s.speaker_text) COLLATE NOCASE,"
	               " a.sort_time DESC, s.id LIMIT ?1 OFFSET ?2",
	               cause);
	struct store_stmt_row r;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.article_id = sqlite3_column_int64(s, 1);
		r.speaker = COL_TEXT(s, 2);
		r.kind = COL_TEXT(s, 3);
		r.text = COL_TEXT(s, 4);
		r.cue = COL_TEXT(s, 5);
		r.direct = sqlite3_column_int(s, 6);
		r.title = COL_TEXT(s, 7);
		r.time = sqlite3_column_int64(s, 8);
		r.para = (size_t)sqlite3_column_int64(s, 9);
		if (cb(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing statements");
	return 0;
}

struct store_near {
	size_t at, found;
	int dir;
	size_t stop;
};

static int
store_near_row(const struct store_row *r, void *arg)
{
	struct store_near *n = arg;

	if (r->unread) {
		n->found = n->at;
		if (n->dir > 0)
			return 1;
	}
	n->at++;
	return n->at >= n->stop;
}

int
store_browse_unread_near(struct store *st, const struct store_filter *f, size_t from, int dir,
                         size_t *pos, char **cause)
{
	struct store_near n;

	n.found = (size_t)-1;
	n.dir = dir;
	if (dir > 0) {
		n.at = from + 1;
		n.stop = (size_t)-1;
		if (store_article_list(st, f, from + 1, 0, store_near_row, &n, cause) != 0)
			return -1;
	} else if (from > 0) {
		n.at = 0;
		n.stop = from;
		if (store_article_list(st, f, 0, from, store_near_row, &n, cause) != 0)
			return -1;
	}
	*pos = n.found;
	return 0;
}

int
store_browse_mark_read(struct store *st, const struct store_filter *f, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "UPDATE article SET unread = 0 WHERE unread = 1"
	    " AND (?1 = 0 OR (?1 = -1 AND imported = 1)"
	    "  OR (?1 > 0 AND id IN (SELECT article_id FROM feed_article WHERE feed_id = ?1)))"
	    " AND (?2 IS NULL OR id IN (SELECT value FROM json_each(?2)))",
	    cause);
	struct buf ids = BUF_INIT;
	size_t i;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, f->feed_id);
	if (f->ids != NULL) {
		buf_addc(&ids, '[');
		for (i = 0; i < f->nids; i++)
			buf_printf(&ids, "%s%lld", i ? "," : "", (long long)f->ids[i]);
		buf_addc(&ids, ']');
		store_bind_text(s, 2, buf_str(&ids));
	}
	rc = store_step_done(st, s, "marking articles read", cause);
	buf_free(&ids);
	return rc;
}
