/* backup.c - the SQL behind backup and restore. */
#include "storage/backup.h"

#include <stdlib.h>
#include <string.h>

#include "storage/store_int.h"
#include "storage/user.h"
#include "util/xmalloc.h"

/* Sets *out to the tags of feed id (NULL-terminated; store_strv_free). */
static int
store_feed_tags(struct store *st, int64_t id, char ***out, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "SELECT tag FROM feed_tag WHERE feed_id = ? ORDER BY tag", cause);
	char **v = xcalloc(1, sizeof(*v));
	size_t n = 0;
	int rc;

	if (s == NULL) {
		free(v);
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 2, sizeof(*v));
		v[n++] = store_col_dup(s, 0);
		v[n] = NULL;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_strv_free(v);
		return store_fail(st, cause, "listing feed tags");
	}
	*out = v;
	return 0;
}

/* One subscription as read, owning its strings. */
struct store_feed_row {
	int64_t id;
	char *url, *given_url, *title, *user_title, *origin;
};

int
store_backup_feeds(struct store *st, int (*cb)(const struct store_feed_rec *, void *), void *arg,
                   char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT id, url, nullif(given_url, url), title, user_title, origin"
	               " FROM feed ORDER BY id",
	               cause);
	struct store_feed_row *v = NULL;
	struct store_feed_rec f;
	size_t n = 0, i;
	int rc, stop = 0;

	if (s == NULL)
		return -1;
	/* collected first: the tag query reuses the connection */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].url = store_col_dup(s, 1);
		v[n].given_url = store_col_dup(s, 2);
		v[n].title = store_col_dup(s, 3);
		v[n].user_title = store_col_dup(s, 4);
		v[n].origin = store_col_dup(s, 5);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		store_fail(st, cause, "listing feeds");
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_DONE && !stop) {
			f.url = v[i].url;
			f.given_url = v[i].given_url;
			f.title = v[i].title;
			f.user_title = v[i].user_title;
			f.origin = v[i].origin;
			if (store_feed_tags(st, v[i].id, &f.tags, cause) != 0)
				rc = SQLITE_ERROR;
			else {
				stop = cb(&f, arg);
				store_strv_free(f.tags);
			}
		}
		free(v[i].url);
		free(v[i].given_url);
		free(v[i].title);
		free(v[i].user_title);
		free(v[i].origin);
	}
	free(v);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Returns the id of the subscription f names (by its current or given URL),
 * 0 when there is none, -1 on error. */
static int64_t
store_feed_match(struct store *st, const struct store_feed_rec *f, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT id FROM feed WHERE url IN (?1, ?2) OR given_url IN (?1, ?2)"
	               " ORDER BY id LIMIT 1",
	               cause);
	int64_t id = 0;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, f->url);
	store_bind_text(s, 2, f->given_url ? f->given_url : f->url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		id = store_fail(st, cause, "restoring a subscription");
	sqlite3_reset(s);
	return id;
}

int
store_backup_feed_put(struct store *st, const struct store_feed_rec *f, char **cause)
{
	sqlite3_stmt *s;
	int64_t id;
	size_t i;

	if ((id = store_feed_match(st, f, cause)) < 0)
		return -1;
	if (id > 0) {
		/* already subscribed: only the user's own title is taken over */
		s = store_stmt(
		    st, "UPDATE feed SET user_title = coalesce(?, user_title) WHERE id = ?", cause);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, f->user_title);
		sqlite3_bind_int64(s, 2, id);
		if (store_step_done(st, s, "restoring a subscription", cause) != 0)
			return -1;
	} else {
		s = store_stmt(st,
		               "INSERT INTO feed (url, given_url, title, user_title, origin)"
		               " VALUES (?, ?, ?, ?, coalesce(?, 'cli'))",
		               cause);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, f->url);
		store_bind_text(s, 2, f->given_url);
		store_bind_text(s, 3, f->title);
		store_bind_text(s, 4, f->user_title);
		store_bind_text(s, 5, f->origin);
		if (store_step_done(st, s, "restoring a subscription", cause) != 0)
			return -1;
		id = sqlite3_last_insert_rowid(st->db);
	}
	for (i = 0; f->tags != NULL && f->tags[i] != NULL; i++) {
		s = store_stmt(st, "INSERT OR IGNORE INTO feed_tag (feed_id, tag) VALUES (?, ?)",
		               cause);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, f->tags[i]);
		if (store_step_done(st, s, "restoring a feed tag", cause) != 0)
			return -1;
	}
	return 0;
}

int
store_backup_articles(struct store *st, int (*cb)(const struct store_article_rec *, void *),
                      void *arg, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT id, key, url, title, unread FROM article a WHERE unread = 0"
	               " OR EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id)"
	               " OR EXISTS (SELECT 1 FROM note n WHERE n.article_id = a.id)"
	               " OR EXISTS (SELECT 1 FROM entity_decision d WHERE d.article_id = a.id)"
	               " ORDER BY id",
	               cause);
	struct store_article_rec r;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.key = (const char *)sqlite3_column_text(s, 1);
		r.url = (const char *)sqlite3_column_text(s, 2);
		r.title = (const char *)sqlite3_column_text(s, 3);
		r.unread = sqlite3_column_int(s, 4);
		if (cb(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing articles to back up");
	return 0;
}

int
store_note_set_times(struct store *st, int64_t id, int64_t created, int64_t modified, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "UPDATE note SET created = ?, modified = ? WHERE id = ?", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, created);
	sqlite3_bind_int64(s, 2, modified);
	sqlite3_bind_int64(s, 3, id);
	return store_step_done(st, s, "restoring a note's times", cause);
}

int
store_pending_put(struct store *st, const char *key, const char *data, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "INSERT OR REPLACE INTO user_pending (key, data) VALUES (?, ?)", cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, data);
	st->pending = STORE_PENDING_SOME;
	return store_step_done(st, s, "keeping data for a missing article", cause);
}

int
store_pending_take(struct store *st, const char *key, char **data, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*data = NULL;
	/* nearly always empty: a fetch asked it once an article, a tenth of the
	 * statements of storing one; inside a transaction nobody else adds to it */
	if (!sqlite3_get_autocommit(st->db)) {
		if (st->pending == STORE_PENDING_UNKNOWN) {
			s = store_stmt(st, "SELECT EXISTS (SELECT 1 FROM user_pending)", cause);
			if (s == NULL)
				return -1;
			if ((rc = sqlite3_step(s)) == SQLITE_ROW)
				st->pending = sqlite3_column_int(s, 0) ? STORE_PENDING_SOME
				                                       : STORE_PENDING_NONE;
			sqlite3_reset(s);
			if (rc != SQLITE_ROW)
				return store_fail(st, cause, "reading data kept for articles");
		}
		if (st->pending == STORE_PENDING_NONE)
			return 0;
	}
	s = store_stmt(st, "DELETE FROM user_pending WHERE key = ? RETURNING data", cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*data = store_col_dup(s, 0);
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*data);
		*data = NULL;
		return store_fail(st, cause, "reading data kept for an article");
	}
	return *data != NULL;
}

int
store_pending_list(struct store *st, int (*cb)(const char *, const char *, void *), void *arg,
                   char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT key, data FROM user_pending ORDER BY key", cause);
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (cb((const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing data kept for missing articles");
	return 0;
}
