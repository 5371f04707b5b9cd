/* feeds.c - subscriptions and the state each fetch leaves behind. */
#include "storage/feeds.h"

#include <stdlib.h>
#include <string.h>

#include "storage/store_int.h"
#include "util/xmalloc.h"

#define FEED_TAG_SEP "\x1f"

int
store_feed_find(struct store *st, const char *s, int64_t *id, char **cause)
{
	sqlite3_stmt *q;
	char *end;
	long long v;
	int rc;

	*id = 0;
	v = strtoll(s, &end, 10);
	if (*s != '\0' && *end == '\0' && v > 0) {
		q = store_stmt(st, "SELECT id FROM feed WHERE id = ?", cause);
		if (q == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, v);
	} else {
		q = store_stmt(st,
		               "SELECT id FROM feed WHERE url = ?1 UNION ALL"
		               " SELECT id FROM feed WHERE given_url = ?1 LIMIT 1",
		               cause);
		if (q == NULL)
			return -1;
		store_bind_text(q, 1, s);
	}
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE) {
		sqlite3_reset(q);
		return store_fail(st, cause, "looking up a feed");
	}
	sqlite3_reset(q);
	return 0;
}

int
store_feed_add(struct store *st, const char *url, const char *origin, int64_t *id, int *added,
               char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st, "INSERT OR IGNORE INTO feed (url, given_url, origin) VALUES (?1, ?1, ?2)", cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, url);
	store_bind_text(s, 2, origin);
	if (store_step_done(st, s, "adding a feed", cause) != 0)
		return -1;
	*added = sqlite3_changes(st->db) > 0;
	if (*added) {
		*id = sqlite3_last_insert_rowid(st->db);
		return 0;
	}
	if (store_feed_find(st, url, id, cause) != 0)
		return -1;
	if (*id == 0) {
		*cause = xasprintf("%s: cannot add this feed", url);
		return -1;
	}
	return 0;
}

int
store_feed_set_user(struct store *st, int64_t id, const char *user_title, const char *origin,
                    char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st, "UPDATE feed SET user_title = ?2, origin = coalesce(?3, origin) WHERE id = ?1",
	    cause);

	if (s == NULL || store_index_sync(st, cause) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, user_title);
	store_bind_text(s, 3, origin);
	return store_step_done(st, s, "renaming a feed", cause);
}

int
store_feed_default_title(struct store *st, int64_t id, const char *title, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "UPDATE feed SET title = ?2 WHERE id = ?1 AND title IS NULL", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, title);
	return store_step_done(st, s, "naming a feed", cause);
}

int
store_feed_add_tag(struct store *st, int64_t id, const char *tag, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT OR IGNORE INTO feed_tag VALUES (?, ?)", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, tag);
	return store_step_done(st, s, "tagging a feed", cause);
}

int
store_feed_clear_tags(struct store *st, int64_t id, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM feed_tag WHERE feed_id = ?", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, "untagging a feed", cause);
}

int
store_feed_remove(struct store *st, int64_t id, size_t *ndeleted, char **cause)
{
	/* articles other feeds carry, imported ones and those with the user's
	 * data stay; the rest would be unreachable from any feed */
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT id FROM article"
	    " WHERE id IN (SELECT article_id FROM feed_article WHERE feed_id = ?1)"
	    " AND imported = 0"
	    " AND NOT EXISTS (SELECT 1 FROM feed_article o WHERE o.article_id = article.id"
	    "  AND o.feed_id <> ?1)"
	    " AND NOT EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = article.id)"
	    " AND NOT EXISTS (SELECT 1 FROM note n WHERE n.article_id = article.id)"
	    " AND NOT EXISTS (SELECT 1 FROM entity_decision e WHERE e.article_id = article.id)",
	    cause);
	int64_t *ids;
	size_t n, i;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	/* one at a time: each article's entity rows go first (store_article_delete) */
	if (store_collect_ids(st, s, "listing a feed's articles", &ids, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (store_article_delete(st, ids[i], cause) != 0) {
			free(ids);
			return -1;
		}
	free(ids);
	if (ndeleted != NULL)
		*ndeleted = n;
	s = store_stmt(st, "DELETE FROM feed WHERE id = ?", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, "deleting a feed", cause);
}

/* Splits the joined tags of column i into f->tags. */
static void
store_feed_tags(struct store_feed *f, sqlite3_stmt *s, int i)
{
	const char *p = (const char *)sqlite3_column_text(s, i), *q;

	if (p == NULL || *p == '\0')
		return;
	for (;;) {
		q = strstr(p, FEED_TAG_SEP);
		f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(*f->tags));
		f->tags[f->ntags++] = xstrndup(p, q ? (size_t)(q - p) : strlen(p));
		if (q == NULL)
			break;
		p = q + 1;
	}
}

int
store_feed_list(struct store *st, int counts, struct store_feed **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT f.id, f.url, coalesce(f.given_url, f.url), f.title, f.user_title, f.site_link, "
	    "f.etag,"
	    " f.last_modified, f.last_error, f.origin, f.content_hash, f.ttl_minutes,"
	    " f.not_before, f.last_fetch, f.last_ok,"
	    " (SELECT group_concat(tag, char(31)) FROM"
	    "  (SELECT tag FROM feed_tag t WHERE t.feed_id = f.id ORDER BY tag)),"
	    " CASE WHEN ?1 THEN (SELECT count(*) FROM feed_article fa WHERE fa.feed_id = f.id)"
	    "  ELSE -1 END,"
	    " CASE WHEN ?1 THEN (SELECT count(*) FROM feed_article fa JOIN article a"
	    "  ON a.id = fa.article_id WHERE fa.feed_id = f.id AND a.unread = 1) ELSE -1 END"
	    " FROM feed f ORDER BY f.id",
	    cause);
	struct store_feed *v = NULL, *f;
	size_t len = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, counts != 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof(*v));
		f = &v[len++];
		memset(f, 0, sizeof(*f));
		f->id = sqlite3_column_int64(s, 0);
		f->url = store_col_dup(s, 1);
		f->given_url = store_col_dup(s, 2);
		f->title = store_col_dup(s, 3);
		f->user_title = store_col_dup(s, 4);
		f->site_link = store_col_dup(s, 5);
		f->etag = store_col_dup(s, 6);
		f->last_modified = store_col_dup(s, 7);
		f->last_error = store_col_dup(s, 8);
		f->origin = store_col_dup(s, 9);
		f->content_hash = store_col_dup(s, 10);
		f->ttl_minutes = sqlite3_column_int(s, 11);
		f->not_before = sqlite3_column_int64(s, 12);
		f->last_fetch = sqlite3_column_int64(s, 13);
		f->last_ok = sqlite3_column_int64(s, 14);
		store_feed_tags(f, s, 15);
		f->narticles = sqlite3_column_int64(s, 16);
		f->nunread = sqlite3_column_int64(s, 17);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_feed_list_free(v, len);
		return store_fail(st, cause, "listing feeds");
	}
	*out = v;
	*n = len;
	return 0;
}

void
store_feed_list_free(struct store_feed *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].given_url);
		free(v[i].title);
		free(v[i].user_title);
		free(v[i].site_link);
		free(v[i].etag);
		free(v[i].last_modified);
		free(v[i].last_error);
		free(v[i].origin);
		free(v[i].content_hash);
		for (j = 0; j < v[i].ntags; j++)
			free(v[i].tags[j]);
		free(v[i].tags);
	}
	free(v);
}

int
store_feed_fetched(struct store *st, int64_t id, const struct store_feed_result *r, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "UPDATE feed SET last_fetch = ?2,"
	    " last_ok = CASE WHEN ?3 IS NULL THEN ?2 ELSE last_ok END, last_error = ?3,"
	    " etag = CASE WHEN ?4 THEN ?5 ELSE coalesce(?5, etag) END,"
	    " last_modified = CASE WHEN ?4 THEN ?6 ELSE coalesce(?6, last_modified) END,"
	    " title = coalesce(?7, title), site_link = coalesce(?8, site_link),"
	    " subtitle = coalesce(?9, subtitle), content_hash = coalesce(?10, content_hash),"
	    " ttl_minutes = CASE WHEN ?11 >= 0 THEN ?11 ELSE ttl_minutes END,"
	    " not_before = nullif(?12, 0) WHERE id = ?1",
	    cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, r->when);
	store_bind_text(s, 3, r->error);
	sqlite3_bind_int(s, 4, r->new_validators != 0);
	store_bind_text(s, 5, r->etag);
	store_bind_text(s, 6, r->last_modified);
	store_bind_text(s, 7, r->title);
	store_bind_text(s, 8, r->site_link);
	store_bind_text(s, 9, r->subtitle);
	store_bind_text(s, 10, r->content_hash);
	sqlite3_bind_int(s, 11, r->ttl_minutes);
	sqlite3_bind_int64(s, 12, r->not_before);
	if (store_step_done(st, s, "recording a fetch", cause) != 0)
		return -1;
	if (r->new_url == NULL)
		return 0;
	/* when another feed already has the new URL, this one keeps its own */
	s = store_stmt(st, "UPDATE OR IGNORE feed SET url = ?2 WHERE id = ?1", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, r->new_url);
	return store_step_done(st, s, "updating a redirected feed's URL", cause);
}
