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

/* One group of the list by feed: a feed, or (id 0, last) the articles no
 * feed carries, and how many articles are listed under it. */
struct store_group {
	int64_t id;
	char *title;
	size_t n;
	int counted;
};

struct store_groups {
	struct store_group *v;
	size_t n;
	int loaded;
	size_t total;     /* articles in the store */
	int via_imported; /* the articles in no feed are all imported ones */
};

struct store_groups *
store_browse_groups_new(void)
{
	return xcalloc(1, sizeof(struct store_groups));
}

void
store_browse_groups_free(struct store_groups *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++)
		free(g->v[i].title);
	free(g->v);
	free(g);
}

/* Reads the groups in list order (feeds by title, then the articles in no
 * feed) without counting them; they are counted one at a time as needed. */
static int
store_groups_load(struct store *st, struct store_groups *g, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT f.id, coalesce(f.user_title, f.title, f.url) FROM feed f"
	               " ORDER BY 2 COLLATE NOCASE, f.id",
	               cause);
	int rc;

	if (g->loaded)
		return 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		g->v = xreallocarray(g->v, g->n + 1, sizeof(*g->v));
		memset(&g->v[g->n], 0, sizeof(g->v[0]));
		g->v[g->n].id = sqlite3_column_int64(s, 0);
		g->v[g->n].title = store_col_dup(s, 1);
		g->n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		store_fail(st, cause, "listing feeds");
	g->v = xreallocarray(g->v, g->n + 1, sizeof(*g->v));
	memset(&g->v[g->n], 0, sizeof(g->v[0]));
	g->n++;
	/* the btree's own count: no row is read */
	if (rc != SQLITE_DONE ||
	    store_browse_counts(st, store_stmt(st, "SELECT count(*) FROM article", cause), -1,
	                        &g->total, NULL, cause) != 0) {
		/* nothing half-read: the next call starts again */
		while (g->n > 0)
			free(g->v[--g->n].title);
		return -1;
	}
	g->loaded = 1;
	return 0;
}

/* Counts group k, if not done yet. An article belongs to the first feed (by
 * id) that carries it, the one its feed column names. */
static int
store_groups_count(struct store *st, struct store_groups *g, size_t k, char **cause)
{
	struct store_group *x = &g->v[k];
	size_t infeeds = 0, imported = 0;

	if (x->counted)
		return 0;
	if (x->id != 0) {
		if (store_browse_counts(
		        st,
		        store_stmt(st,
		                   "SELECT count(*) FROM feed_article x WHERE x.feed_id = ?1"
		                   " AND NOT EXISTS (SELECT 1 FROM feed_article o"
		                   "  WHERE o.article_id = x.article_id AND o.feed_id < ?1)",
		                   cause),
		        x->id, &x->n, NULL, cause) != 0)
			return -1;
		x->counted = 1;
		return 0;
	}
	/* in no feed: what the feeds do not carry, mostly imported files; those
	 * are listed from their own index when no other article is feedless */
	if (store_browse_counts(
	        st, store_stmt(st, "SELECT count(DISTINCT article_id) FROM feed_article", cause),
	        -1, &infeeds, NULL, cause) != 0 ||
	    store_browse_counts(
	        st,
	        store_stmt(st,
	                   "SELECT count(*) FROM article a INDEXED BY article_imported"
	                   " WHERE a.imported = 1 AND NOT EXISTS (SELECT 1 FROM"
	                   " feed_article x WHERE x.article_id = a.id)",
	                   cause),
	        -1, &imported, NULL, cause) != 0)
		return -1;
	x->n = g->total > infeeds ? g->total - infeeds : 0;
	g->via_imported = imported == x->n;
	x->counted = 1;
	return 0;
}

int
store_browse_count(struct store *st, const struct store_filter *f, size_t *total, size_t *unread,
                   char **cause)
{
	size_t t = 0, u = 0;
	int rc;

	if (f->ids != NULL || f->unread_only)
		return store_article_count(st, f, total, unread, cause);
	if (f->feed_id == 0) {
		/* by date or by feed: each article once */
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

int
store_browse_groups_count_some(struct store *st, struct store_groups *g, int *done, char **cause)
{
	size_t k, n = 0;

	if (store_groups_load(st, g, cause) != 0)
		return -1;
	/* the last group first, as the end of the list needs it (a few ms);
	 * then the feeds, each a seek per article it carries */
	if (!g->v[g->n - 1].counted) {
		*done = 0;
		return store_groups_count(st, g, g->n - 1, cause);
	}
	for (k = 0; k < g->n && n < 8; k++)
		if (!g->v[k].counted) {
			if (store_groups_count(st, g, k, cause) != 0)
				return -1;
			n++;
		}
	for (*done = 1; k < g->n && *done; k++)
		*done = g->v[k].counted;
	return 0;
}

/* The columns of a list row; a is the article. Its feed is the first (by id)
 * that carries it: min() is one seek in feed_article_article. */
#define BROWSE_COLS                                                                                \
	"SELECT a.id, a.title, a.url, a.author, a.sort_time, a.imported,"                          \
	" EXISTS (SELECT 1 FROM article u INDEXED BY article_unread_id"                            \
	"  WHERE u.unread = 1 AND u.rowid = a.id),"                                                \
	" (SELECT coalesce(f.user_title, f.title, f.url) FROM feed f WHERE f.id ="                 \
	"  (SELECT min(fa.feed_id) FROM feed_article fa WHERE fa.article_id = a.id)),"             \
	" (SELECT group_concat(tag, ' ') FROM article_tag t WHERE t.article_id = a.id)"

/* A page of feed ?1's articles (those that are first in it when cond says
 * so), dir(ection) DESC or ASC. The page's ids are chosen first from the
 * feed's index and the dates alone (article_id_time: no article row is read
 * for them), so that only the rows shown are read and their subqueries run. */
#define BROWSE_IN_FEED(cond, dir)                                                                  \
	BROWSE_COLS " FROM (SELECT x.article_id AS id, t.sort_time AS st FROM feed_article x"      \
	            " JOIN article t INDEXED BY article_id_time ON t.id = x.article_id"            \
	            " WHERE x.feed_id = ?1" cond " ORDER BY t.sort_time " dir ", t.id " dir        \
	            " LIMIT ?2 OFFSET ?3) k"                                                       \
	            " JOIN article a ON a.id = k.id ORDER BY k.st " dir ", k.id " dir
#define BROWSE_FIRST                                                                               \
	" AND NOT EXISTS (SELECT 1 FROM feed_article o WHERE o.article_id = x.article_id"          \
	" AND o.feed_id < ?1)"
#define BROWSE_NO_FEED " NOT EXISTS (SELECT 1 FROM feed_article x WHERE x.article_id = a.id)"

/* Runs list statement s (?1 bound already) for limit rows from offset,
 * giving them to cb in list order: when back, s reads in the reverse order,
 * the page is kept and given backwards. Adds the rows given to *got; returns
 * 1 when cb asked to stop, 0, or -1. */
static int
store_browse_run(struct store *st, sqlite3_stmt *s, int back, size_t offset, size_t limit,
                 int (*cb)(const struct store_row *, void *), void *arg, size_t *got, char **cause)
{
	struct store_row r, *rows = NULL;
	size_t n = 0, i;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 2, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
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
			(*got)++;
			if (cb(&r, arg) != 0)
				break;
			continue;
		}
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
	if (rc == SQLITE_ROW)
		rc = 1; /* cb stopped */
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(st, cause, "listing articles");
	for (i = n; i > 0; i--) {
		if (rc == 0) {
			(*got)++;
			if (cb(&rows[i - 1], arg) != 0)
				rc = 1;
		}
		free((char *)rows[i - 1].title);
		free((char *)rows[i - 1].url);
		free((char *)rows[i - 1].author);
		free((char *)rows[i - 1].feed);
		free((char *)rows[i - 1].tags);
	}
	free(rows);
	return rc;
}

/* For a page of limit rows at *offset in a list of total (0 = unknown):
 * returns 1 when it is past the middle, with *offset and *limit changed to
 * read it from the end; -1 when it is past the end; else 0. An OFFSET costs
 * its length, so that no page costs more than half the list. */
static int
store_browse_back(size_t total, size_t *offset, size_t *limit)
{
	size_t end;

	if (total == 0 || *limit == 0 || *offset <= total / 2)
		return 0;
	end = *offset + *limit < total ? *offset + *limit : total;
	if (end <= *offset)
		return -1;
	*limit = end - *offset;
	*offset = total - end;
	return 1;
}

/* Lists limit rows (0: all) from offset of group k of the list by feed. */
static int
store_group_page(struct store *st, struct store_groups *g, size_t k, size_t offset, size_t limit,
                 int (*cb)(const struct store_row *, void *), void *arg, size_t *got, char **cause)
{
	int back = store_browse_back(g->v[k].n, &offset, &limit);
	sqlite3_stmt *s;

	if (back < 0)
		return 0;
	if (g->v[k].id != 0)
		s = back ? store_stmt(st, BROWSE_IN_FEED(BROWSE_FIRST, "ASC"), cause)
		         : store_stmt(st, BROWSE_IN_FEED(BROWSE_FIRST, "DESC"), cause);
	else if (g->via_imported)
		s = back ? store_stmt(st,
		                      BROWSE_COLS " FROM article a INDEXED BY article_imported"
		                                  " WHERE a.imported = 1 AND" BROWSE_NO_FEED
		                                  " ORDER BY a.sort_time, a.id LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_COLS " FROM article a INDEXED BY article_imported"
		                                  " WHERE a.imported = 1 AND" BROWSE_NO_FEED
		                                  " ORDER BY a.sort_time DESC, a.id DESC"
		                                  " LIMIT ?2 OFFSET ?3",
		                      cause);
	else
		s = back ? store_stmt(st,
		                      BROWSE_COLS " FROM article a WHERE" BROWSE_NO_FEED
		                                  " ORDER BY a.sort_time, a.id LIMIT ?2 OFFSET ?3",
		                      cause)
		         : store_stmt(st,
		                      BROWSE_COLS " FROM article a WHERE" BROWSE_NO_FEED
		                                  " ORDER BY a.sort_time DESC, a.id DESC"
		                                  " LIMIT ?2 OFFSET ?3",
		                      cause);
	if (s != NULL && g->v[k].id != 0)
		sqlite3_bind_int64(s, 1, g->v[k].id);
	return store_browse_run(st, s, back, offset, limit, cb, arg, got, cause);
}

/* The list by feed: the groups' own lists one after the other, so that a
 * page costs what a page of one feed costs, and only the groups before the
 * page (or after it, near the end) are counted, once. */
static int
store_browse_by_feed(struct store *st, struct store_groups *g, size_t offset, size_t limit,
                     int (*cb)(const struct store_row *, void *), void *arg, char **cause)
{
	struct store_groups *own = NULL;
	size_t k, start = 0, end, got = 0, in, want;
	int rc = -1;

	if (g == NULL)
		g = own = store_browse_groups_new();
	if (store_groups_load(st, g, cause) != 0)
		goto out;
	rc = 0;
	if (offset >= g->total)
		goto out;
	/* the group holding offset, and where it starts, from the nearer end */
	if (offset <= g->total / 2) {
		for (k = 0; k < g->n; k++) {
			if ((rc = store_groups_count(st, g, k, cause)) != 0)
				goto out;
			if (offset < start + g->v[k].n)
				break;
			start += g->v[k].n;
		}
	} else {
		for (end = g->total, k = g->n; k > 0; k--) {
			if ((rc = store_groups_count(st, g, k - 1, cause)) != 0)
				goto out;
			if (g->v[k - 1].n > end)
				break; /* the store changed since it was counted */
			start = end - g->v[k - 1].n;
			if (offset >= start)
				break;
			end = start;
		}
		if (k == 0 || offset < start)
			goto out;
		k--;
	}
	for (; k < g->n && rc == 0; k++) {
		if ((rc = store_groups_count(st, g, k, cause)) != 0)
			break;
		in = offset > start ? offset - start : 0;
		start += g->v[k].n;
		if (in >= g->v[k].n)
			continue;
		want = g->v[k].n - in;
		if (limit > 0 && limit - got < want)
			want = limit - got;
		rc = store_group_page(st, g, k, in, want, cb, arg, &got, cause);
		if (limit > 0 && got >= limit)
			break;
	}
out:
	store_browse_groups_free(own);
	return rc < 0 ? -1 : 0;
}

int
store_browse_list(struct store *st, const struct store_filter *f, struct store_groups *g,
                  size_t total, size_t offset, size_t limit,
                  int (*cb)(const struct store_row *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s;
	size_t got = 0;
	int back;

	if (f->ids != NULL || f->unread_only)
		return store_article_list(st, f, offset, limit, cb, arg, cause);
	if (f->sort == STORE_SORT_FEED && f->feed_id == 0)
		return store_browse_by_feed(st, g, offset, limit, cb, arg, cause);
	/* one feed's list, or the imported files', is the same by feed as by date */
	if ((back = store_browse_back(total, &offset, &limit)) < 0)
		return 0;
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
		s = back ? store_stmt(st, BROWSE_IN_FEED("", "ASC"), cause)
		         : store_stmt(st, BROWSE_IN_FEED("", "DESC"), cause);
	if (s != NULL && f->feed_id > 0)
		sqlite3_bind_int64(s, 1, f->feed_id);
	return store_browse_run(st, s, back, offset, limit, cb, arg, &got, cause) < 0 ? -1 : 0;
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
	sqlite3_stmt *s = statements != NULL
	                      ? store_stmt(st,
	                                   "SELECT coalesce(sum(mentions), 0), count(*),"
	                                   " (SELECT count(*) FROM statement WHERE speaker_id = ?1)"
	                                   " FROM entity_article WHERE entity_id = ?1",
	                                   cause)
	                      : store_stmt(st,
	                                   "SELECT coalesce(sum(mentions), 0), count(*), 0"
	                                   " FROM entity_article WHERE entity_id = ?1",
	                                   cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*mentions = (size_t)sqlite3_column_int64(s, 0);
		*articles = (size_t)sqlite3_column_int64(s, 1);
		if (statements != NULL)
			*statements = (size_t)sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, cause, "counting an entity's mentions");
	return 0;
}

int
store_browse_said_count_some(struct store *st, int64_t speaker, int64_t *below, size_t max,
                             size_t *n, int *done, char **cause)
{
	/* a range of the speaker index, newest first: each step reads max entries */
	sqlite3_stmt *s =
	    speaker != 0
	        ? store_stmt(st,
	                     "SELECT count(*), min(id) FROM (SELECT id FROM statement"
	                     " WHERE speaker_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3)",
	                     cause)
	        : store_stmt(st,
	                     "SELECT count(*), min(id) FROM (SELECT id FROM statement"
	                     " WHERE speaker_id IS NULL AND id < ?2 ORDER BY id DESC LIMIT ?3)",
	                     cause);
	size_t got = 0;
	int rc;

	if (s == NULL)
		return -1;
	if (speaker != 0)
		sqlite3_bind_int64(s, 1, speaker);
	sqlite3_bind_int64(s, 2, *below);
	sqlite3_bind_int64(s, 3, max ? (sqlite3_int64)max : -1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		got = (size_t)sqlite3_column_int64(s, 0);
		if (got > 0)
			*below = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, cause, "counting statements");
	*n += got;
	*done = max == 0 || got < max;
	return 0;
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
store_browse_unread_near(struct store *st, const struct store_filter *f, struct store_groups *g,
                         size_t from, int dir, size_t *pos, char **cause)
{
	struct store_near n;

	n.found = (size_t)-1;
	n.dir = dir;
	if (dir > 0) {
		n.at = from + 1;
		n.stop = (size_t)-1;
		if (store_browse_list(st, f, g, 0, from + 1, 0, store_near_row, &n, cause) != 0)
			return -1;
	} else if (from > 0) {
		n.at = 0;
		n.stop = from;
		if (store_browse_list(st, f, g, 0, 0, from, store_near_row, &n, cause) != 0)
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
