/* browse.c - the queries behind the reader's screens. */
#include "storage/browse.h"

#include <stdlib.h>
#include <string.h>

#include "storage/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define COL_TEXT(s, i) ((const char *)sqlite3_column_text((s), (i)))

int
store_browse_feeds(struct store *st, int (*cb)(const struct store_feed_row *, void *), void *arg,
                   char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT f.id, coalesce(f.user_title, f.title, f.url), f.url,"
	    " (SELECT group_concat(tag, ' ') FROM feed_tag t WHERE t.feed_id = f.id),"
	    " f.last_error, (SELECT count(*) FROM feed_article fa WHERE fa.feed_id = f.id)"
	    " FROM feed f ORDER BY 2 COLLATE NOCASE, f.id",
	    cause);
	struct store_feed_row r;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.title = COL_TEXT(s, 1);
		r.url = COL_TEXT(s, 2);
		r.tags = COL_TEXT(s, 3);
		r.error = COL_TEXT(s, 4);
		r.total = (size_t)sqlite3_column_int64(s, 5);
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

/* Runs a statement with one int64 parameter (when id >= 0) that returns one or
 * two counts. */
static int
store_browse_counts(struct store *st, sqlite3_stmt *s, int64_t id, size_t *a, size_t *b,
                    char **cause)
{
	int rc;

	if (s == NULL)
		return -1;
	if (id >= 0)
		sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (a != NULL)
			*a = (size_t)sqlite3_column_int64(s, 0);
		if (b != NULL)
			*b = (size_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, cause, "counting articles");
	return 0;
}

int
store_browse_feed_unread(struct store *st, int64_t id, size_t *unread, char **cause)
{
	/* (unread = 1 AND rowid = ?) is a seek in article_unread_id: no row is read */
	return store_browse_counts(
	    st,
	    store_stmt(st,
	               "SELECT count(*) FROM feed_article fa WHERE fa.feed_id = ?1 AND EXISTS"
	               " (SELECT 1 FROM article a INDEXED BY article_unread_id"
	               "  WHERE a.unread = 1 AND a.rowid = fa.article_id)",
	               cause),
	    id, unread, NULL, cause);
}

/* One group of the list by feed: a feed (or the imported articles, id -1)
 * and how many articles it has. */
struct store_group {
	int64_t id;
	char *title;
	size_t n;
};

static void
store_groups_free(struct store_group *v, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(v[i].title);
	free(v);
}

/* Sets *out to the groups of the list by feed, in its order: feeds by
 * title, then the imported articles; returns their number, or -1. */
static long
store_browse_groups(struct store *st, struct store_group **out, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT f.id, coalesce(f.user_title, f.title, f.url),"
	               " (SELECT count(*) FROM feed_article fa WHERE fa.feed_id = f.id)"
	               " FROM feed f ORDER BY 2 COLLATE NOCASE, f.id",
	               cause);
	struct store_group *v = NULL;
	struct store_filter imp;
	size_t n = 0;
	int rc;

	*out = NULL;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 2, sizeof(*v));
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].title = store_col_dup(s, 1);
		v[n].n = (size_t)sqlite3_column_int64(s, 2);
		n++;
	}
	sqlite3_reset(s);
	v = xreallocarray(v, n + 1, sizeof(*v));
	memset(&imp, 0, sizeof(imp));
	imp.feed_id = STORE_FEED_IMPORTED;
	v[n].id = STORE_FEED_IMPORTED;
	v[n].title = NULL;
	v[n].n = 0;
	if (rc != SQLITE_DONE)
		store_fail(st, cause, "listing feeds");
	if (rc != SQLITE_DONE || store_browse_count(st, &imp, &v[n].n, NULL, cause) != 0) {
		store_groups_free(v, (long)n);
		return -1;
	}
	*out = v;
	return (long)n + 1;
}

struct store_regroup {
	int (*cb)(const struct store_row *, void *);
	void *arg;
	const char *title;
	size_t got;
	int stop;
};

/* Passes a row on, named after the feed it is listed under. */
static int
store_regroup_row(const struct store_row *r, void *arg)
{
	struct store_regroup *g = arg;
	struct store_row copy = *r;

	if (g->title != NULL)
		copy.feed = g->title;
	g->got++;
	return g->stop = g->cb(&copy, g->arg);
}

/* The list by feed: the feeds' own lists one after the other, so that a page
 * costs what a page of one feed costs. An article carried by several feeds
 * is listed under each of them. */
static int
store_browse_by_feed(struct store *st, size_t offset, size_t limit,
                     int (*cb)(const struct store_row *, void *), void *arg, char **cause)
{
	struct store_group *v;
	long n = store_browse_groups(st, &v, cause), i;
	struct store_filter f;
	struct store_regroup g;
	int rc = 0;

	if (n < 0)
		return -1;
	memset(&g, 0, sizeof(g));
	g.cb = cb;
	g.arg = arg;
	for (i = 0; i < n && rc == 0 && !g.stop; i++) {
		if (offset >= v[i].n) {
			offset -= v[i].n;
			continue;
		}
		memset(&f, 0, sizeof(f));
		f.feed_id = v[i].id;
		g.title = v[i].title;
		g.got = 0;
		rc = store_browse_list(st, &f, v[i].n, offset,
		                       limit ? (limit < v[i].n - offset ? limit : v[i].n - offset)
		                             : 0,
		                       store_regroup_row, &g, cause);
		if (limit > 0) {
			limit -= g.got < limit ? g.got : limit;
			if (limit == 0)
				break;
		}
		offset = 0;
	}
	store_groups_free(v, n);
	return rc;
}

int
store_browse_count(struct store *st, const struct store_filter *f, size_t *total, size_t *unread,
                   char **cause)
{
	size_t t = 0, u = 0;
	int rc;

	if (f->ids != NULL || f->unread_only)
		return store_article_count(st, f, total, unread, cause);
	if (f->feed_id == 0 && f->sort == STORE_SORT_FEED) {
		/* rows, not articles: one under each feed that carries it */
		struct store_group *v;
		long n = store_browse_groups(st, &v, cause), i;

		if (n < 0)
			return -1;
		for (i = 0; i < n; i++)
			t += v[i].n;
		store_groups_free(v, n);
		rc = store_browse_counts(
		    st,
		    store_stmt(st,
		               "SELECT count(*) FROM article INDEXED BY article_unread_id"
		               " WHERE unread = 1",
		               cause),
		    -1, &u, NULL, cause);
	} else if (f->feed_id == 0) {
		rc = store_browse_counts(st, store_stmt(st, "SELECT count(*) FROM article", cause),
		                         -1, &t, NULL, cause);
		if (rc == 0)
			rc = store_browse_counts(
			    st,
			    store_stmt(st,
			               "SELECT count(*) FROM article INDEXED BY article_unread_id"
			               " WHERE unread = 1",
			               cause),
			    -1, &u, NULL, cause);
	} else if (f->feed_id == STORE_FEED_IMPORTED) {
		rc = store_browse_counts(
		    st,
		    store_stmt(st,
		               "SELECT count(*), (SELECT count(*) FROM article a INDEXED BY"
		               " article_imported WHERE a.imported = 1 AND EXISTS (SELECT 1 FROM"
		               " article b INDEXED BY article_unread_id WHERE b.unread = 1"
		               " AND b.rowid = a.rowid))"
		               " FROM article INDEXED BY article_imported WHERE imported = 1",
		               cause),
		    -1, &t, &u, cause);
	} else {
		rc = store_browse_counts(
		    st,
		    store_stmt(st, "SELECT count(*) FROM feed_article WHERE feed_id = ?1", cause),
		    f->feed_id, &t, NULL, cause);
		if (rc == 0)
			rc = store_browse_feed_unread(st, f->feed_id, &u, cause);
	}
	if (rc == 0) {
		if (total != NULL)
			*total = t;
		if (unread != NULL)
			*unread = u;
	}
	return rc;
}

/* The columns of a list row; a is the article. */
#define BROWSE_COLS                                                                                \
	"SELECT a.id, a.title, a.url, a.author, a.sort_time, a.imported,"                          \
	" EXISTS (SELECT 1 FROM article u INDEXED BY article_unread_id"                            \
	"  WHERE u.unread = 1 AND u.rowid = a.id),"                                                \
	" (SELECT coalesce(f.user_title, f.title, f.url) FROM feed_article fa JOIN feed f"         \
	"  ON f.id = fa.feed_id WHERE fa.article_id = a.id ORDER BY f.id LIMIT 1),"                \
	" (SELECT group_concat(tag, ' ') FROM article_tag t WHERE t.article_id = a.id)"

int
store_browse_list(struct store *st, const struct store_filter *f, size_t total, size_t offset,
                  size_t limit, int (*cb)(const struct store_row *, void *), void *arg,
                  char **cause)
{
	sqlite3_stmt *s;
	struct store_row *rows = NULL;
	size_t n = 0, i;
	int rc, back;

	if (f->ids == NULL && !f->unread_only && f->sort == STORE_SORT_FEED && f->feed_id == 0)
		return store_browse_by_feed(st, offset, limit, cb, arg, cause);
	if (f->ids != NULL || f->unread_only || f->sort != STORE_SORT_DATE)
		return store_article_list(st, f, offset, limit, cb, arg, cause);
	/* near the end, read backwards from the end: an OFFSET costs its length */
	back = total > 0 && limit > 0 && offset > total / 2;
	if (back) {
		size_t end = offset + limit < total ? offset + limit : total;

		if (end <= offset)
			return 0; /* past the end: nothing */
		limit = end - offset;
		offset = total - end;
	}
	if (f->feed_id == 0)
		s = back ? store_stmt(st,
		                      BROWSE_COLS " FROM article a"
		                                  " ORDER BY a.sort_time, a.id LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_COLS
		                      " FROM article a"
		                      " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?2 OFFSET ?3",
		                      cause);
	else if (f->feed_id == STORE_FEED_IMPORTED)
		s = back ? store_stmt(st,
		                      BROWSE_COLS " FROM article a INDEXED BY article_imported"
		                                  " WHERE a.imported = 1"
		                                  " ORDER BY a.sort_time, a.id LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_COLS
		                      " FROM article a INDEXED BY article_imported"
		                      " WHERE a.imported = 1"
		                      " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?2 OFFSET ?3",
		                      cause);
	else
		s = back ? store_stmt(st,
		                      BROWSE_COLS " FROM feed_article x JOIN article a"
		                                  " ON a.id = x.article_id WHERE x.feed_id = ?1"
		                                  " ORDER BY a.sort_time, a.id LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_COLS
		                      " FROM feed_article x JOIN article a"
		                      " ON a.id = x.article_id WHERE x.feed_id = ?1"
		                      " ORDER BY a.sort_time DESC, a.id DESC LIMIT ?2 OFFSET ?3",
		                      cause);
	if (s == NULL)
		return -1;
	if (f->feed_id > 0)
		sqlite3_bind_int64(s, 1, f->feed_id);
	sqlite3_bind_int64(s, 2, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_row r;

		r.id = sqlite3_column_int64(s, 0);
		r.title = COL_TEXT(s, 1);
		r.url = COL_TEXT(s, 2);
		r.author = COL_TEXT(s, 3);
		r.time = sqlite3_column_int64(s, 4);
		r.imported = sqlite3_column_int(s, 5);
		r.unread = sqlite3_column_int(s, 6);
		r.feed = COL_TEXT(s, 7);
		r.tags = COL_TEXT(s, 8);
		if (!back) {
			if (cb(&r, arg) != 0)
				break;
			continue;
		}
		/* kept to be given in list order once the page is read */
		rows = xreallocarray(rows, n + 1, sizeof(*rows));
		rows[n] = r;
		rows[n].title = r.title ? xstrdup(r.title) : NULL;
		rows[n].url = r.url ? xstrdup(r.url) : NULL;
		rows[n].author = r.author ? xstrdup(r.author) : NULL;
		rows[n].feed = r.feed ? xstrdup(r.feed) : NULL;
		rows[n].tags = r.tags ? xstrdup(r.tags) : NULL;
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rc = store_fail(st, cause, "listing articles");
	else
		rc = 0;
	for (i = n; i > 0; i--) {
		if (rc == 0 && cb(&rows[i - 1], arg) != 0)
			rc = 1;
		free((char *)rows[i - 1].title);
		free((char *)rows[i - 1].url);
		free((char *)rows[i - 1].author);
		free((char *)rows[i - 1].feed);
		free((char *)rows[i - 1].tags);
	}
	free(rows);
	return rc < 0 ? -1 : 0;
}

int
store_browse_entities(struct store *st, const char *kind, int speakers,
                      int (*cb)(const struct store_entity_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT e.id, e.name, e.kind FROM entity e WHERE (?1 IS NULL OR e.kind = ?1)"
	    " AND (EXISTS (SELECT 1 FROM statement s WHERE s.speaker_id = e.id)"
	    "  OR (?2 = 0 AND EXISTS (SELECT 1 FROM entity_article m WHERE m.entity_id = e.id)))"
	    " ORDER BY e.kind, e.name COLLATE NOCASE",
	    cause);
	struct store_entity_row r;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, kind);
	sqlite3_bind_int(s, 2, speakers != 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.name = COL_TEXT(s, 1);
		r.kind = COL_TEXT(s, 2);
		if (cb(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing entities");
	return 0;
}

int
store_browse_entity_counts(struct store *st, int64_t id, size_t *mentions, size_t *articles,
                           size_t *statements, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT (SELECT coalesce(sum(mentions), 0) FROM entity_article WHERE entity_id = ?1),"
	    " (SELECT count(*) FROM entity_article WHERE entity_id = ?1),"
	    " (SELECT count(*) FROM statement WHERE speaker_id = ?1)",
	    cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*mentions = (size_t)sqlite3_column_int64(s, 0);
		*articles = (size_t)sqlite3_column_int64(s, 1);
		*statements = (size_t)sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, cause, "counting an entity's mentions");
	return 0;
}

int
store_browse_said_count(struct store *st, int64_t speaker, size_t *n, char **cause)
{
	sqlite3_stmt *s =
	    speaker != 0
	        ? store_stmt(st, "SELECT count(*) FROM statement WHERE speaker_id = ?1", cause)
	        : store_stmt(st, "SELECT count(*) FROM statement WHERE speaker_id IS NULL", cause);

	return store_browse_counts(st, s, speaker != 0 ? speaker : -1, n, NULL, cause);
}

/* The columns of a statement row; s is the statement. */
#define BROWSE_SAID                                                                                \
	"SELECT s.id, s.article_id, coalesce(e.name, s.speaker_text), s.text, s.cue, s.direct,"    \
	" a.title, a.sort_time, s.para FROM statement s JOIN article a ON a.id = s.article_id"     \
	" LEFT JOIN entity e ON e.id = s.speaker_id"

int
store_browse_said(struct store *st, int64_t speaker, size_t total, size_t offset, size_t limit,
                  int (*cb)(const struct store_stmt_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s;
	struct store_stmt_row r, *rows = NULL;
	size_t n = 0, i;
	int rc, back = total > 0 && limit > 0 && offset > total / 2;

	/* by statement id, which the speaker index gives in order: no sort; near
	 * the end, read from the end, as store_browse_list does */
	if (back) {
		size_t end = offset + limit < total ? offset + limit : total;

		if (end <= offset)
			return 0; /* past the end: nothing */
		limit = end - offset;
		offset = total - end;
	}
	if (speaker != 0)
		s = back ? store_stmt(st,
		                      BROWSE_SAID " WHERE s.speaker_id = ?1 ORDER BY s.id"
		                                  " LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_SAID " WHERE s.speaker_id = ?1 ORDER BY s.id DESC"
		                                  " LIMIT ?2 OFFSET ?3",
		                      cause);
	else
		s = back ? store_stmt(st,
		                      BROWSE_SAID " WHERE s.speaker_id IS NULL ORDER BY s.id"
		                                  " LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_SAID " WHERE s.speaker_id IS NULL ORDER BY s.id DESC"
		                                  " LIMIT ?2 OFFSET ?3",
		                      cause);
	if (s == NULL)
		return -1;
	if (speaker != 0)
		sqlite3_bind_int64(s, 1, speaker);
	sqlite3_bind_int64(s, 2, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(s, 0);
		r.article_id = sqlite3_column_int64(s, 1);
		r.speaker = COL_TEXT(s, 2);
		r.text = COL_TEXT(s, 3);
		r.cue = COL_TEXT(s, 4);
		r.direct = sqlite3_column_int(s, 5);
		r.title = COL_TEXT(s, 6);
		r.time = sqlite3_column_int64(s, 7);
		r.para = (size_t)sqlite3_column_int64(s, 8);
		if (!back) {
			if (cb(&r, arg) != 0)
				break;
			continue;
		}
		rows = xreallocarray(rows, n + 1, sizeof(*rows));
		rows[n] = r;
		rows[n].speaker = r.speaker ? xstrdup(r.speaker) : NULL;
		rows[n].text = r.text ? xstrdup(r.text) : NULL;
		rows[n].cue = r.cue ? xstrdup(r.cue) : NULL;
		rows[n].title = r.title ? xstrdup(r.title) : NULL;
		n++;
	}
	sqlite3_reset(s);
	rc =
	    rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, cause, "listing statements");
	for (i = n; i > 0; i--) {
		if (rc == 0 && cb(&rows[i - 1], arg) != 0)
			rc = 1;
		free((char *)rows[i - 1].speaker);
		free((char *)rows[i - 1].text);
		free((char *)rows[i - 1].cue);
		free((char *)rows[i - 1].title);
	}
	free(rows);
	return rc < 0 ? -1 : 0;
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
		if (store_browse_list(st, f, 0, from + 1, 0, store_near_row, &n, cause) != 0)
			return -1;
	} else if (from > 0) {
		n.at = 0;
		n.stop = from;
		if (store_browse_list(st, f, 0, 0, from, store_near_row, &n, cause) != 0)
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

int
store_browse_article_feed(struct store *st, int64_t id, char **title, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT coalesce(f.user_title, f.title, f.url) FROM feed_article fa"
	               " JOIN feed f ON f.id = fa.feed_id WHERE fa.article_id = ?"
	               " ORDER BY f.id LIMIT 1",
	               cause);
	int rc;

	*title = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*title = store_col_dup(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, cause, "finding an article's feed");
	return 0;
}
