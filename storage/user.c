/* user.c - tags, notes, entity decisions and saved searches: the reader's own
 * data, kept apart from what feeds and the analyzer write. */
#include "storage/user.h"

#include <stdlib.h>
#include <string.h>

#include "storage/search.h"
#include "storage/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

void
store_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Runs s (bound) and collects column 0 of each row into a NULL-terminated
 * array the caller owns. */
static int
store_collect_strv(struct store *st, sqlite3_stmt *s, const char *what, char ***out, size_t *np,
                   char **cause)
{
	char **v = xcalloc(1, sizeof(*v));
	size_t n = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 2, sizeof(*v));
		v[n++] = store_col_dup(s, 0);
		v[n] = NULL;
	}
	if (rc != SQLITE_DONE) {
		store_fail(st, cause, what);
		sqlite3_reset(s);
		store_strv_free(v);
		return -1;
	}
	sqlite3_reset(s);
	*out = v;
	if (np != NULL)
		*np = n;
	return 0;
}

/* --- tags --- */

/* Returns a trimmed copy of tag the caller owns, or NULL with *cause. */
static char *
store_tag_clean(const char *tag, char **cause)
{
	const char *p, *e;

	while (*tag == ' ' || *tag == '\t')
		tag++;
	e = tag + strlen(tag);
	while (e > tag && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == tag) {
		*cause = xstrdup("a tag cannot be empty");
		return NULL;
	}
	for (p = tag; p < e; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			*cause = xasprintf("tag '%.*s': no spaces or control characters in a tag",
			                   (int)(e - tag), tag);
			return NULL;
		}
	}
	return xstrndup(tag, (size_t)(e - tag));
}

int
store_tag_add(struct store *st, int64_t article_id, const char *tag, char **cause)
{
	sqlite3_stmt *s;
	char *t;
	int rc;

	if ((t = store_tag_clean(tag, cause)) == NULL)
		return -1;
	s = store_stmt(st, "INSERT OR IGNORE INTO article_tag (article_id, tag) VALUES (?, ?)",
	               cause);
	if (s == NULL) {
		free(t);
		return -1;
	}
	sqlite3_bind_int64(s, 1, article_id);
	store_bind_text(s, 2, t);
	free(t);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		*cause = xasprintf("no article %lld", (long long)article_id);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "tagging an article");
	return 0;
}

int
store_tag_remove(struct store *st, int64_t article_id, const char *tag, int *removed, char **cause)
{
	sqlite3_stmt *s;
	char *t;

	if ((t = store_tag_clean(tag, cause)) == NULL)
		return -1;
	s = store_stmt(st, "DELETE FROM article_tag WHERE article_id = ? AND tag = ?", cause);
	if (s == NULL) {
		free(t);
		return -1;
	}
	sqlite3_bind_int64(s, 1, article_id);
	store_bind_text(s, 2, t);
	free(t);
	if (store_step_done(st, s, "untagging an article", cause) != 0)
		return -1;
	if (removed != NULL)
		*removed = sqlite3_changes(st->db) > 0;
	return 0;
}

int
store_tag_list(struct store *st, int64_t article_id, char ***tags, size_t *n, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "SELECT tag FROM article_tag WHERE article_id = ? ORDER BY tag", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, article_id);
	return store_collect_strv(st, s, "listing tags", tags, n, cause);
}

int
store_tag_feed_list(struct store *st, int64_t article_id, char ***tags, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st,
	                             "SELECT DISTINCT ft.tag FROM feed_article fa"
	                             " JOIN feed_tag ft ON ft.feed_id = fa.feed_id"
	                             " WHERE fa.article_id = ? ORDER BY ft.tag",
	                             cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, article_id);
	return store_collect_strv(st, s, "listing feed tags", tags, n, cause);
}

/* --- notes --- */

void
store_note_clear(struct store_note *n)
{
	free(n->exact);
	free(n->prefix);
	free(n->suffix);
	free(n->body);
	memset(n, 0, sizeof(*n));
	n->para = -1;
}

void
store_note_free(struct store_note *v, size_t nn)
{
	size_t i;

	for (i = 0; i < nn; i++)
		store_note_clear(&v[i]);
	free(v);
}

static int
store_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Sets the prefix and suffix of n from paragraph text around [start, end). */
static void
store_note_context(struct store_note *n, const char *text, size_t start, size_t end)
{
	size_t len = strlen(text), from, to;

	from = start > STORE_NOTE_CONTEXT ? start - STORE_NOTE_CONTEXT : 0;
	while (from < start && store_is_cont((unsigned char)text[from]))
		from++;
	to = end + STORE_NOTE_CONTEXT < len ? end + STORE_NOTE_CONTEXT : len;
	while (to > end && to < len && store_is_cont((unsigned char)text[to]))
		to--;
	free(n->prefix);
	free(n->suffix);
	n->prefix = xstrndup(text + from, start - from);
	n->suffix = xstrndup(text + end, to - end);
}

int
store_note_anchor(struct store_note *n, const struct doc *d, int para, size_t start, size_t end,
                  char **cause)
{
	const char *text;
	size_t len;

	if (para < 0 || (size_t)para >= d->npara) {
		*cause = xasprintf("no paragraph %d (the article has %zu)", para,
		                   d->npara > 0 ? d->npara - 1 : 0);
		return -1;
	}
	text = d->paras[para].text;
	len = strlen(text);
	if (start >= end || end > len || store_is_cont((unsigned char)text[start]) ||
	    (end < len && store_is_cont((unsigned char)text[end]))) {
		*cause = xasprintf("paragraph %d: bytes %zu-%zu are not a passage of it", para,
		                   start, end);
		return -1;
	}
	n->para = para;
	n->start = start;
	n->end = end;
	free(n->exact);
	n->exact = xstrndup(text + start, end - start);
	store_note_context(n, text, start, end);
	n->orphaned = 0;
	return 0;
}

/* Bytes at the end of a (alen) equal to the end of b (blen). */
static size_t
store_common_tail(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t k = 0;

	while (k < alen && k < blen && a[alen - 1 - k] == b[blen - 1 - k])
		k++;
	return k;
}

static size_t
store_common_head(const char *a, const char *b)
{
	size_t k = 0;

	while (a[k] != '\0' && a[k] == b[k])
		k++;
	return k;
}

int
store_note_locate(struct store_note *n, const struct doc *d)
{
	size_t p, best_p = 0, best_off = 0, elen, off, ctx, best_ctx = 0;
	uint64_t dist, best_dist = UINT64_MAX;
	const char *text, *hit;
	int found = 0;

	if (n->para < 0 || n->exact == NULL)
		return 1;
	elen = strlen(n->exact);
	if (elen == 0) {
		n->orphaned = 1;
		return 0;
	}
	for (p = 0; p < d->npara; p++) {
		text = d->paras[p].text;
		for (hit = strstr(text, n->exact); hit != NULL; hit = strstr(hit + 1, n->exact)) {
			off = (size_t)(hit - text);
			ctx = store_common_tail(text, off, n->prefix ? n->prefix : "",
			                        n->prefix ? strlen(n->prefix) : 0) +
			      store_common_head(text + off + elen, n->suffix ? n->suffix : "");
			dist = (uint64_t)(p > (size_t)n->para ? p - (size_t)n->para
			                                      : (size_t)n->para - p)
			           << 32 |
			       (off > n->start ? off - n->start : n->start - off);
			if (!found || ctx > best_ctx || (ctx == best_ctx && dist < best_dist)) {
				found = 1;
				best_ctx = ctx;
				best_dist = dist;
				best_p = p;
				best_off = off;
			}
		}
	}
	if (!found) {
		n->orphaned = 1;
		return 0;
	}
	n->para = (int)best_p;
	n->start = best_off;
	n->end = best_off + elen;
	n->orphaned = 0;
	store_note_context(n, d->paras[best_p].text, n->start, n->end);
	return 1;
}

#define STORE_NOTE_COLS                                                                            \
	"SELECT id, article_id, para, off_start, off_end, quote_exact, quote_prefix,"              \
	" quote_suffix, orphaned, body, created, modified FROM note"

static void
store_note_row(sqlite3_stmt *s, struct store_note *n)
{
	n->id = sqlite3_column_int64(s, 0);
	n->article_id = sqlite3_column_int64(s, 1);
	n->para = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 2);
	n->start = (size_t)sqlite3_column_int64(s, 3);
	n->end = (size_t)sqlite3_column_int64(s, 4);
	n->exact = store_col_dup(s, 5);
	n->prefix = store_col_dup(s, 6);
	n->suffix = store_col_dup(s, 7);
	n->orphaned = sqlite3_column_int(s, 8);
	n->body = store_col_dup(s, 9);
	n->created = sqlite3_column_int64(s, 10);
	n->modified = sqlite3_column_int64(s, 11);
}

/* Binds the anchor of n to parameters 1..7 (para .. orphaned). */
static void
store_note_bind_anchor(sqlite3_stmt *s, const struct store_note *n)
{
	if (n->para >= 0) {
		sqlite3_bind_int(s, 1, n->para);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)n->start);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)n->end);
		store_bind_text(s, 4, n->exact);
		store_bind_text(s, 5, n->prefix);
		store_bind_text(s, 6, n->suffix);
	}
	sqlite3_bind_int(s, 7, n->orphaned);
}

int
store_note_add(struct store *st, struct store_note *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st,
	                             "INSERT INTO note (para, off_start, off_end, quote_exact,"
	                             " quote_prefix, quote_suffix, orphaned, article_id, body)"
	                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	                             cause);
	int rc;

	if (s == NULL)
		return -1;
	if (n->body == NULL || n->body[0] == '\0') {
		*cause = xstrdup("a note needs some text");
		return -1;
	}
	store_note_bind_anchor(s, n);
	sqlite3_bind_int64(s, 8, n->article_id);
	store_bind_text(s, 9, n->body);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		*cause = xasprintf("no article %lld", (long long)n->article_id);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "storing a note");
	n->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_note_get(struct store *st, int64_t id, struct store_note *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, STORE_NOTE_COLS " WHERE id = ?", cause);
	int rc;

	memset(n, 0, sizeof(*n));
	n->para = -1;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_note_row(s, n);
	else if (rc == SQLITE_DONE)
		*cause = xasprintf("no note %lld (newsroom note list shows them)", (long long)id);
	else
		store_fail(st, cause, "loading a note");
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Fails with "no note ID" when the last statement changed nothing. */
static int
store_note_changed(struct store *st, int64_t id, char **cause)
{
	if (sqlite3_changes(st->db) == 0) {
		*cause = xasprintf("no note %lld (newsroom note list shows them)", (long long)id);
		return -1;
	}
	return 0;
}

int
store_note_set_body(struct store *st, int64_t id, const char *body, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st, "UPDATE note SET body = ?, modified = strftime('%s','now') WHERE id = ?", cause);

	if (s == NULL)
		return -1;
	if (body == NULL || body[0] == '\0') {
		*cause = xstrdup("a note needs some text");
		return -1;
	}
	store_bind_text(s, 1, body);
	sqlite3_bind_int64(s, 2, id);
	if (store_step_done(st, s, "editing a note", cause) != 0)
		return -1;
	return store_note_changed(st, id, cause);
}

int
store_note_delete(struct store *st, int64_t id, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM note WHERE id = ?", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (store_step_done(st, s, "deleting a note", cause) != 0)
		return -1;
	return store_note_changed(st, id, cause);
}

int
store_note_list(struct store *st, int64_t article_id, struct store_note **out, size_t *nn,
                char **cause)
{
	sqlite3_stmt *s = store_stmt(st,
	                             STORE_NOTE_COLS " WHERE ?1 = 0 OR article_id = ?1"
	                                             " ORDER BY article_id, para IS NOT NULL, para,"
	                                             " off_start, id",
	                             cause);
	struct store_note *v = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	*nn = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, article_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		store_note_row(s, &v[n++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_note_free(v, n);
		return store_fail(st, cause, "listing notes");
	}
	*out = v;
	*nn = n;
	return 0;
}

int
store_note_reanchor(struct store *st, int64_t article_id, const struct doc *d, char **cause)
{
	struct store_note *v;
	sqlite3_stmt *s;
	size_t n, i;
	int rc = 0;

	if (store_note_list(st, article_id, &v, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		if (v[i].para < 0)
			continue;
		store_note_locate(&v[i], d);
		s = store_stmt(st,
		               "UPDATE note SET para = ?1, off_start = ?2, off_end = ?3,"
		               " quote_exact = ?4, quote_prefix = ?5, quote_suffix = ?6,"
		               " orphaned = ?7 WHERE id = ?8",
		               cause);
		if (s == NULL) {
			rc = -1;
			break;
		}
		store_note_bind_anchor(s, &v[i]);
		sqlite3_bind_int64(s, 8, v[i].id);
		rc = store_step_done(st, s, "re-anchoring a note", cause);
	}
	store_note_free(v, n);
	return rc;
}

/* --- entity decisions --- */

static const char *const store_decision_names[] = {"confirm", "reject", "kind", "merge", "alias"};
#define STORE_NDECISIONS (sizeof(store_decision_names) / sizeof(store_decision_names[0]))

const char *
store_decision_name(enum store_decision_action a)
{
	return (size_t)a < STORE_NDECISIONS ? store_decision_names[a] : "?";
}

int
store_decision_parse(const char *s)
{
	size_t i;

	for (i = 0; i < STORE_NDECISIONS; i++)
		if (strcmp(s, store_decision_names[i]) == 0)
			return (int)i;
	return -1;
}

int
store_decision_add(struct store *st, const struct store_decision *dec, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (dec->name == NULL || dec->name[0] == '\0') {
		*cause = xstrdup("an entity name cannot be empty");
		return -1;
	}
	if (dec->action >= STORE_DECIDE_KIND && (dec->value == NULL || dec->value[0] == '\0')) {
		*cause = xasprintf("entity %s needs a value", store_decision_name(dec->action));
		return -1;
	}
	/* the latest word on a question replaces the earlier ones */
	s = store_stmt(st,
	               "DELETE FROM entity_decision WHERE name = ?1 AND CASE ?2"
	               " WHEN 'confirm' THEN action IN ('confirm','reject') AND article_id IS ?3"
	               " WHEN 'reject' THEN action IN ('confirm','reject') AND article_id IS ?3"
	               " WHEN 'alias' THEN action = 'alias' AND value = ?4 COLLATE NOCASE"
	               " ELSE action = ?2 END",
	               cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, dec->name);
	store_bind_text(s, 2, store_decision_name(dec->action));
	if (dec->article_id > 0)
		sqlite3_bind_int64(s, 3, dec->article_id);
	store_bind_text(s, 4, dec->value);
	if (store_step_done(st, s, "replacing an entity decision", cause) != 0)
		return -1;
	s = store_stmt(st,
	               "INSERT INTO entity_decision (name, article_id, action, value, created)"
	               " VALUES (?, ?, ?, ?, coalesce(?, strftime('%s','now')))",
	               cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, dec->name);
	if (dec->article_id > 0)
		sqlite3_bind_int64(s, 2, dec->article_id);
	store_bind_text(s, 3, store_decision_name(dec->action));
	store_bind_text(s, 4, dec->action >= STORE_DECIDE_KIND ? dec->value : NULL);
	if (dec->created > 0)
		sqlite3_bind_int64(s, 5, dec->created);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		*cause = xasprintf("no article %lld", (long long)dec->article_id);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "storing an entity decision");
	if (dec->action != STORE_DECIDE_KIND)
		return 0;
	/* the analysis never changes the kind of a stored entity; the user does */
	s = store_stmt(st, "UPDATE entity SET kind = ?2 WHERE name = ?1", cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, dec->name);
	store_bind_text(s, 2, dec->value);
	return store_step_done(st, s, "changing an entity's kind", cause);
}

int
store_decision_list(struct store *st, struct store_decision **out, size_t *np, char **cause)
{
	sqlite3_stmt *s = store_stmt(st,
	                             "SELECT id, name, article_id, action, value, created"
	                             " FROM entity_decision ORDER BY id",
	                             cause);
	struct store_decision *v = NULL;
	size_t n = 0;
	int rc, a;

	*out = NULL;
	*np = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a = store_decision_parse((const char *)sqlite3_column_text(s, 3));
		if (a < 0)
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].name = store_col_dup(s, 1);
		v[n].article_id = sqlite3_column_int64(s, 2);
		v[n].action = (enum store_decision_action)a;
		v[n].value = store_col_dup(s, 4);
		v[n].created = sqlite3_column_int64(s, 5);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_decision_free(v, n);
		return store_fail(st, cause, "listing entity decisions");
	}
	*out = v;
	*np = n;
	return 0;
}

void
store_decision_free(struct store_decision *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

int
store_decision_affected(struct store *st, const char *name, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "WITH e(id) AS (SELECT id FROM entity WHERE name = ?1"
	    "  UNION SELECT entity_id FROM entity_alias WHERE alias = ?1)"
	    " SELECT article_id FROM entity_article WHERE entity_id IN e"
	    " UNION SELECT article_id FROM statement WHERE speaker_id IN e"
	    " UNION SELECT rowid FROM article_fts WHERE ?2 IS NOT NULL AND article_fts MATCH ?2"
	    " ORDER BY 1",
	    cause);
	char *phrase;
	int rc;

	/* articles stored in this transaction must be searchable here */
	if (s == NULL || store_index_sync(st, cause) != 0)
		return -1;
	phrase = store_fts_quote(name);
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, phrase);
	rc = store_collect_ids(st, s, "finding the articles of an entity", ids, n, cause);
	free(phrase);
	return rc;
}

/* --- entities --- */

int
store_entity_list(struct store *st, const char *kind,
                  int (*cb)(const struct store_entity *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT e.id, e.name, e.kind,"
	    " (SELECT coalesce(sum(mentions), 0) FROM entity_article m WHERE m.entity_id = e.id) "
	    "AS nm,"
	    " (SELECT count(*) FROM (SELECT article_id FROM entity_article WHERE entity_id = e.id"
	    "  UNION SELECT article_id FROM statement WHERE speaker_id = e.id)),"
	    " (SELECT count(*) FROM statement s WHERE s.speaker_id = e.id)"
	    " FROM entity e WHERE (?1 IS NULL OR e.kind = ?1)"
	    " AND (EXISTS (SELECT 1 FROM entity_article WHERE entity_id = e.id)"
	    "  OR EXISTS (SELECT 1 FROM statement WHERE speaker_id = e.id))"
	    " ORDER BY nm DESC, e.name",
	    cause);
	struct store_entity e;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, kind);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(s, 0);
		e.name = (const char *)sqlite3_column_text(s, 1);
		e.kind = (const char *)sqlite3_column_text(s, 2);
		e.mentions = sqlite3_column_int64(s, 3);
		e.articles = sqlite3_column_int64(s, 4);
		e.statements = sqlite3_column_int64(s, 5);
		if (cb(&e, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing entities");
	return 0;
}

int64_t
store_entity_find(struct store *st, const char *name, char **canon, char **kind, char **cause)
{
	sqlite3_stmt *s = store_stmt(st,
	                             "SELECT id, name, kind, 0 FROM entity WHERE name = ?1"
	                             " UNION ALL SELECT e.id, e.name, e.kind, 1 FROM entity_alias a"
	                             " JOIN entity e ON e.id = a.entity_id WHERE a.alias = ?1"
	                             " ORDER BY 4, 1 LIMIT 1",
	                             cause);
	int64_t id = 0;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		if (canon != NULL)
			*canon = store_col_dup(s, 1);
		if (kind != NULL)
			*kind = store_col_dup(s, 2);
	} else if (rc != SQLITE_DONE)
		id = store_fail(st, cause, "finding an entity");
	sqlite3_reset(s);
	return id;
}

int
store_entity_aliases(struct store *st, int64_t id, char ***out, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st, "SELECT alias FROM entity_alias WHERE entity_id = ? ORDER BY alias", cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_collect_strv(st, s, "listing aliases", out, NULL, cause);
}

int
store_entity_articles(struct store *st, int64_t id, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st,
	               "SELECT a.id FROM article a WHERE a.id IN"
	               " (SELECT article_id FROM entity_article WHERE entity_id = ?1"
	               "  UNION SELECT article_id FROM statement WHERE speaker_id = ?1)"
	               " ORDER BY a.sort_time DESC, a.id DESC",
	               cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_collect_ids(st, s, "listing an entity's articles", ids, n, cause);
}

int
store_statement_list(struct store *st, int64_t article_id, int64_t speaker_id,
                     int (*cb)(const struct store_statement *, void *), void *arg, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st,
	    "SELECT s.id, s.article_id, a.title, coalesce(e.name, s.speaker_text), s.text,"
	    " s.cue, s.direct, s.para, s.para_end, s.off_start, s.off_end"
	    " FROM statement s JOIN article a ON a.id = s.article_id"
	    " LEFT JOIN entity e ON e.id = s.speaker_id"
	    " WHERE (?1 = 0 OR s.article_id = ?1) AND (?2 = 0 OR s.speaker_id = ?2)"
	    " ORDER BY a.sort_time DESC, s.article_id, s.para, s.off_start",
	    cause);
	struct store_statement m;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, speaker_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(s, 0);
		m.article_id = sqlite3_column_int64(s, 1);
		m.article_title = (const char *)sqlite3_column_text(s, 2);
		m.speaker = (const char *)sqlite3_column_text(s, 3);
		m.text = (const char *)sqlite3_column_text(s, 4);
		m.cue = (const char *)sqlite3_column_text(s, 5);
		m.direct = sqlite3_column_int(s, 6);
		m.para = sqlite3_column_int(s, 7);
		m.para_end = sqlite3_column_int(s, 8);
		m.start = (size_t)sqlite3_column_int64(s, 9);
		m.end = (size_t)sqlite3_column_int64(s, 10);
		if (cb(&m, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "listing statements");
	return 0;
}

/* --- saved searches --- */

int
store_saved_search_put(struct store *st, const char *name, const char *query, char **cause)
{
	sqlite3_stmt *s;

	if (name == NULL || name[0] == '\0') {
		*cause = xstrdup("a saved search needs a name");
		return -1;
	}
	s = store_stmt(st,
	               "INSERT INTO saved_search (name, query) VALUES (?, ?)"
	               " ON CONFLICT (name) DO UPDATE SET query = excluded.query",
	               cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, query);
	return store_step_done(st, s, "saving a search", cause);
}

int
store_saved_search_delete(struct store *st, const char *name, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM saved_search WHERE name = ?", cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	if (store_step_done(st, s, "deleting a saved search", cause) != 0)
		return -1;
	return sqlite3_changes(st->db) > 0;
}

int
store_saved_search_list(struct store *st, struct store_saved_search **out, size_t *np, char **cause)
{
	sqlite3_stmt *s = store_stmt(
	    st, "SELECT name, query FROM saved_search ORDER BY name COLLATE NOCASE", cause);
	struct store_saved_search *v = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	*np = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].name = store_col_dup(s, 0);
		v[n].query = store_col_dup(s, 1);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_saved_search_free(v, n);
		return store_fail(st, cause, "listing saved searches");
	}
	*out = v;
	*np = n;
	return 0;
}

void
store_saved_search_free(struct store_saved_search *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].query);
	}
	free(v);
}
