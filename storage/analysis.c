/* analysis.c - entities, mentions and statements of each article. Entities are
 * shared by name across articles, so that a search by company finds them all. */
#include "storage/store_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/* FNV-1a of name folded as SQLite's NOCASE folds it (ASCII letters only). */
static uint64_t
store_ents_hash(const char *name)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *name != '\0'; name++) {
		unsigned char c = (unsigned char)*name;

		h ^= c >= 'A' && c <= 'Z' ? c + 32 : c;
		h *= 1099511628211ULL;
	}
	return h;
}

static int
store_ents_same(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if ((x >= 'A' && x <= 'Z' ? x + 32 : x) != (y >= 'A' && y <= 'Z' ? y + 32 : y))
			return 0;
	}
	return *a == *b;
}

/* Returns the slot of name in the open-addressed table (empty when absent). */
static size_t
store_ents_slot(const struct store *st, const char *name)
{
	size_t i = (size_t)store_ents_hash(name) & (st->ents.cap - 1);

	while (st->ents.names[i] != NULL && !store_ents_same(st->ents.names[i], name))
		i = (i + 1) & (st->ents.cap - 1);
	return i;
}

static void
store_ents_add(struct store *st, const char *name, int64_t id)
{
	size_t i, old = st->ents.cap;
	char **names = st->ents.names;
	int64_t *ids = st->ents.ids;

	if (2 * (st->ents.n + 1) > st->ents.cap) {
		st->ents.cap = old ? 2 * old : 256;
		st->ents.names = xcalloc(st->ents.cap, sizeof(*st->ents.names));
		st->ents.ids = xcalloc(st->ents.cap, sizeof(*st->ents.ids));
		for (i = 0; i < old; i++)
			if (names[i] != NULL) {
				size_t k = store_ents_slot(st, names[i]);

				st->ents.names[k] = names[i];
				st->ents.ids[k] = ids[i];
			}
		free(names);
		free(ids);
	}
	i = store_ents_slot(st, name);
	if (st->ents.names[i] != NULL)
		return;
	st->ents.names[i] = xstrdup(name);
	st->ents.ids[i] = id;
	st->ents.n++;
}

void
store_ents_clear(struct store *st, int all)
{
	size_t i;

	for (i = 0; i < st->ents.cap; i++) {
		free(st->ents.names[i]);
		st->ents.names[i] = NULL;
	}
	st->ents.n = 0;
	if (all) {
		free(st->ents.names);
		free(st->ents.ids);
		memset(&st->ents, 0, sizeof(st->ents));
	}
}

/* Returns the id of the entity called name, creating it with kind if new; -1
 * on error. Ids are remembered: a fetch looks up each entity of each article,
 * about twenty an article. */
static int64_t
store_entity_id(struct store *st, const char *name, enum ent_kind kind, char **cause)
{
	sqlite3_stmt *s;
	int64_t id = -1;
	size_t slot;
	int rc;

	if (st->ents.n > 0 && st->ents.names[slot = store_ents_slot(st, name)] != NULL)
		return st->ents.ids[slot];
	if ((s = store_stmt(st, "SELECT id FROM entity WHERE name = ?", cause)) == NULL)
		return -1;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, cause, "looking up an entity");
	if (rc == SQLITE_DONE) {
		s = store_stmt(st, "INSERT INTO entity (name, kind) VALUES (?, ?)", cause);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, name);
		store_bind_text(s, 2, ent_kind_name(kind));
		if (store_step_done(st, s, "storing an entity", cause) != 0)
			return -1;
		id = sqlite3_last_insert_rowid(st->db);
	}
	store_ents_add(st, name, id);
	return id;
}

static int
store_alias_add(struct store *st, int64_t id, const char *alias, char **cause)
{
	/* aliases stored are remembered with the entity ids, under a key no
	 * entity name has (aliases are never deleted): a fetch stores the same
	 * few again with each article that names them */
	char *key = xasprintf("\x01%lld\x01%s", (long long)id, alias);
	sqlite3_stmt *s;
	int rc = 0;

	if (st->ents.n == 0 || st->ents.names[store_ents_slot(st, key)] == NULL) {
		if ((s = store_stmt(st, "INSERT OR IGNORE INTO entity_alias VALUES (?, ?)",
		                    cause)) == NULL) {
			free(key);
			return -1;
		}
		store_bind_text(s, 1, alias);
		sqlite3_bind_int64(s, 2, id);
		if ((rc = store_step_done(st, s, "storing an alias", cause)) == 0)
			store_ents_add(st, key, 0);
	}
	free(key);
	return rc;
}

/* Mentions are stored one row per article, as records of four unsigned
 * LEB128 varints (entity id, paragraph, start, end) in text order. */
static void
store_varint_put(struct buf *b, uint64_t v)
{
	do {
		buf_addc(b, (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
		v >>= 7;
	} while (v != 0);
}

/* Reads a varint at *p (before end) into *v; -1 when it is cut short or too long. */
static int
store_varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;

		*v |= (uint64_t)(c & 0x7f) << shift;
		if ((c & 0x80) == 0)
			return 0;
		shift += 7;
	}
	return -1;
}

/* Reads the packed mentions in column 0 of s into a, entities as store ids; -1 when damaged. */
static int
store_mentions_unpack(sqlite3_stmt *s, struct analysis *a)
{
	const unsigned char *p = sqlite3_column_blob(s, 0);
	const unsigned char *end = p + sqlite3_column_bytes(s, 0);
	uint64_t v[4];
	size_t cap = 0;
	int k;

	while (p != NULL && p < end) {
		for (k = 0; k < 4; k++)
			if (store_varint_get(&p, end, &v[k]) != 0 || v[k] > INT64_MAX)
				return -1;
		if (a->nments == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			a->ments = xreallocarray(a->ments, cap, sizeof(*a->ments));
		}
		a->ments[a->nments].entity = (size_t)v[0];
		a->ments[a->nments].para = (size_t)v[1];
		a->ments[a->nments].start = (size_t)v[2];
		a->ments[a->nments].end = (size_t)v[3];
		a->nments++;
	}
	return 0;
}

/* Reads the packed mentions of article_id into a (zeroed first; entities as
 * store ids, none when it has no row); 0, or -1 with *cause. */
static int
store_mentions_read(struct store *st, int64_t article_id, struct analysis *a, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	memset(a, 0, sizeof(*a));
	s = store_stmt(st, "SELECT data FROM article_mention WHERE article_id = ?", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, article_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && store_mentions_unpack(s, a) != 0) {
		sqlite3_reset(s);
		analysis_free(a);
		*cause = xasprintf("%s: the mentions of article %lld are damaged", st->path,
		                   (long long)article_id);
		return -1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		analysis_free(a);
		return store_fail(st, cause, "reading mentions");
	}
	return 0;
}

static int
store_mention_entity_cmp(const void *x, const void *y)
{
	const struct ana_mention *a = x, *b = y;

	return (a->entity > b->entity) - (a->entity < b->entity);
}

int
store_ea_unindex(struct store *st, int64_t article_id, char **cause)
{
	struct analysis a;
	sqlite3_stmt *d;
	size_t i, n = 0;
	int rc = 0;

	for (i = 0; i < st->ea.n; i++)
		if (st->ea.v[i].article != article_id)
			st->ea.v[n++] = st->ea.v[i];
	st->ea.n = n;
	if (store_mentions_read(st, article_id, &a, cause) != 0)
		return -1;
	d = store_stmt(st, "DELETE FROM entity_article WHERE entity_id = ? AND article_id = ?",
	               cause);
	/* the mentions are in text order: one row per entity they name */
	if (a.nments > 1)
		qsort(a.ments, a.nments, sizeof(*a.ments), store_mention_entity_cmp);
	for (i = 0; d != NULL && rc == 0 && i < a.nments; i++) {
		if (i > 0 && a.ments[i].entity == a.ments[i - 1].entity)
			continue;
		sqlite3_bind_int64(d, 1, (sqlite3_int64)a.ments[i].entity);
		sqlite3_bind_int64(d, 2, article_id);
		rc = store_step_done(st, d, "clearing an old analysis", cause);
	}
	analysis_free(&a);
	return d == NULL ? -1 : rc;
}

static int
store_analysis_clear(struct store *st, int64_t article_id, char **cause)
{
	static const char *const sql[] = {
	    "DELETE FROM article_mention WHERE article_id = ?",
	    "DELETE FROM statement WHERE article_id = ?",
	};
	sqlite3_stmt *s;
	size_t i;

	if (store_ea_unindex(st, article_id, cause) != 0)
		return -1;
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		if ((s = store_stmt(st, sql[i], cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, article_id);
		if (store_step_done(st, s, "clearing an old analysis", cause) != 0)
			return -1;
	}
	return 0;
}

/* text order; mentions at the same place keep the analyzer's order (the
 * pointers are into one array) */
static int
store_mention_cmp(const void *x, const void *y)
{
	const struct ana_mention *a = *(const struct ana_mention *const *)x;
	const struct ana_mention *b = *(const struct ana_mention *const *)y;

	if (a->para != b->para)
		return a->para < b->para ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* entity_article rows waiting at most: 384 KiB */
#define STORE_EA_MAX 16384

/* Queues the entity_article row of one entity in one article. */
static void
store_ea_pend(struct store *st, int64_t entity, int64_t article, int64_t mentions)
{
	struct store_ea *e;

	if (st->ea.n == st->ea.cap) {
		st->ea.cap = st->ea.cap ? st->ea.cap * 2 : 256;
		st->ea.v = xreallocarray(st->ea.v, st->ea.cap, sizeof(*st->ea.v));
	}
	e = &st->ea.v[st->ea.n++];
	e->entity = entity;
	e->article = article;
	e->mentions = mentions;
}

static int
store_ea_cmp(const void *x, const void *y)
{
	const struct store_ea *a = x, *b = y;

	if (a->entity != b->entity)
		return a->entity < b->entity ? -1 : 1;
	return (a->article > b->article) - (a->article < b->article);
}

/* Why the rows wait and go in sorted: entity_article is ordered by entity,
 * so each article's rows land on as many scattered pages as it names
 * entities. Written one article at a time, a fetch of 1,000 feeds touched
 * far more of them than the page cache holds, and read, journaled and
 * rewrote each page again and again; sorted, a page is visited once a
 * batch. */
int
store_ea_flush(struct store *st, char **cause)
{
	struct store_ea *v = st->ea.v;
	size_t n = st->ea.n, i, j;
	sqlite3_stmt *s;
	int rc = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), store_ea_cmp);
	for (i = 0; i < n && rc == 0; i = j) {
		int64_t mentions = v[i].mentions;

		/* two entities of one analysis may be one stored entity */
		for (j = i + 1; j < n && store_ea_cmp(&v[i], &v[j]) == 0; j++)
			mentions += v[j].mentions;
		s = store_stmt(st,
		               "INSERT INTO entity_article (entity_id, article_id, mentions)"
		               " VALUES (?, ?, ?)",
		               cause);
		if (s == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, v[i].entity);
		sqlite3_bind_int64(s, 2, v[i].article);
		sqlite3_bind_int64(s, 3, mentions);
		rc = store_step_done(st, s, "storing an entity's articles", cause);
	}
	/* after a failure the caller rolls back, which empties the queue */
	if (rc == 0)
		st->ea.n = 0;
	return rc;
}

/* Stores the mentions of a (entity indexes mapped to store ids by ids): the
 * packed row now, and a row per entity with its count of mentions queued for
 * store_index_sync. */
static int
store_mentions_put(struct store *st, int64_t article_id, const struct analysis *a,
                   const int64_t *ids, char **cause)
{
	struct buf b = BUF_INIT;
	const struct ana_mention **order = xcalloc(a->nments + 1, sizeof(*order));
	int64_t *count = xcalloc(a->nents + 1, sizeof(*count));
	sqlite3_stmt *s;
	size_t i;
	int rc = -1;

	for (i = 0; i < a->nments; i++) {
		if (a->ments[i].entity >= a->nents) {
			*cause = xstrdup("a mention names no entity of its analysis");
			goto out;
		}
		order[i] = &a->ments[i];
	}
	qsort(order, a->nments, sizeof(*order), store_mention_cmp);
	for (i = 0; i < a->nments; i++) {
		const struct ana_mention *m = order[i];

		store_varint_put(&b, (uint64_t)ids[m->entity]);
		store_varint_put(&b, m->para);
		store_varint_put(&b, m->start);
		store_varint_put(&b, m->end);
		count[m->entity]++;
	}
	if (a->nments > 0) {
		s = store_stmt(st, "INSERT INTO article_mention (article_id, data) VALUES (?, ?)",
		               cause);
		if (s == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, article_id);
		sqlite3_bind_blob(s, 2, b.data, (int)b.len, SQLITE_STATIC);
		if (store_step_done(st, s, "storing mentions", cause) != 0)
			goto out;
	}
	/* two entities of one analysis may be one stored entity (names
	 * differing in case): store_ea_flush adds their counts up */
	for (i = 0; i < a->nents; i++)
		if (count[i] > 0)
			store_ea_pend(st, ids[i], article_id, count[i]);
	/* the queue is bounded (a re-analysis of everything is one transaction;
	 * a fetch's batch holds about twice this many), and outside a
	 * transaction nothing else would write it */
	if ((st->ea.n > STORE_EA_MAX || sqlite3_get_autocommit(st->db)) &&
	    store_ea_flush(st, cause) != 0)
		goto out;
	rc = 0;
out:
	buf_free(&b);
	free(order);
	free(count);
	return rc;
}

/* Returns the said text of m, which the caller owns; paragraphs joined by a space. */
static char *
store_statement_text(const struct doc *d, const struct ana_statement *m)
{
	struct buf b = BUF_INIT;
	size_t p, from, to, len;

	buf_add(&b, "", 0);
	for (p = m->para; p <= m->para_end && p < d->npara; p++) {
		len = strlen(d->paras[p].text);
		from = p == m->para ? m->start : 0;
		to = p == m->para_end ? m->end : len;
		if (to > len)
			to = len;
		if (from < to) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_add(&b, d->paras[p].text + from, to - from);
		}
	}
	return buf_detach(&b);
}

int
store_analysis_put(struct store *st, int64_t article_id, const struct doc *d,
                   const struct analysis *a, char **cause)
{
	char *text;
	int64_t *ids = xcalloc(a->nents + 1, sizeof(*ids));
	sqlite3_stmt *s;
	size_t i, j;
	int rc = -1, fresh;

	/* an article store_article_put has just inserted has no analysis yet */
	fresh = article_id == st->fresh_id;
	st->fresh_id = 0;
	if (!fresh && store_analysis_clear(st, article_id, cause) != 0)
		goto out;
	for (i = 0; i < a->nents; i++) {
		if ((ids[i] = store_entity_id(st, a->ents[i].name, a->ents[i].kind, cause)) < 0)
			goto out;
		for (j = 0; j < a->ents[i].naliases; j++)
			if (store_alias_add(st, ids[i], a->ents[i].aliases[j], cause) != 0)
				goto out;
	}
	if (store_mentions_put(st, article_id, a, ids, cause) != 0)
		goto out;
	for (i = 0; i < a->nstmts; i++) {
		const struct ana_statement *m = &a->stmts[i];

		s = store_stmt(
		    st,
		    "INSERT INTO statement (article_id, speaker_id, speaker_text, direct,"
		    " cue, para, off_start, para_end, off_end, text)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    cause);
		if (s == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, article_id);
		if (m->speaker >= 0 && (size_t)m->speaker < a->nents)
			sqlite3_bind_int64(s, 2, ids[m->speaker]);
		store_bind_text(s, 3, m->speaker_text);
		sqlite3_bind_int(s, 4, m->direct);
		store_bind_text(s, 5, m->cue);
		sqlite3_bind_int64(s, 6, (sqlite3_int64)m->para);
		sqlite3_bind_int64(s, 7, (sqlite3_int64)m->start);
		sqlite3_bind_int64(s, 8, (sqlite3_int64)m->para_end);
		sqlite3_bind_int64(s, 9, (sqlite3_int64)m->end);
		text = store_statement_text(d, m);
		sqlite3_bind_text(s, 10, text, -1, free);
		if (store_step_done(st, s, "storing a statement", cause) != 0)
			goto out;
	}
	/* store_article_put_analyzed wrote the version with the new row */
	if (fresh && st->fresh_version == ANALYSIS_VERSION) {
		rc = 0;
		goto out;
	}
	s = store_stmt(st, "UPDATE article SET analyzed_version = ? WHERE id = ?", cause);
	if (s == NULL)
		goto out;
	sqlite3_bind_int(s, 1, ANALYSIS_VERSION);
	sqlite3_bind_int64(s, 2, article_id);
	rc = store_step_done(st, s, "recording the analysis", cause);
out:
	free(ids);
	return rc;
}

/* Finds or appends the entity id in a, mapping store ids to indexes. */
static size_t
store_entity_index(struct store *st, struct analysis *a, int64_t **map, int64_t id)
{
	sqlite3_stmt *s;
	char *cause = NULL;
	size_t i;
	struct ana_entity *e;
	int k;

	for (i = 0; i < a->nents; i++)
		if ((*map)[i] == id)
			return i;
	a->ents = xreallocarray(a->ents, a->nents + 1, sizeof(*a->ents));
	*map = xreallocarray(*map, a->nents + 1, sizeof(**map));
	(*map)[a->nents] = id;
	e = &a->ents[a->nents];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup("?");
	s = store_stmt(st, "SELECT name, kind FROM entity WHERE id = ?", &cause);
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			free(e->name);
			e->name = store_col_dup(s, 0);
			k = ent_kind_parse((const char *)sqlite3_column_text(s, 1));
			e->kind = k >= 0 ? (enum ent_kind)k : ENT_ORG;
		}
		sqlite3_reset(s);
	}
	free(cause);
	return a->nents++;
}

int
store_analysis_get(struct store *st, int64_t article_id, struct analysis *a, char **cause)
{
	sqlite3_stmt *s;
	int64_t *map = NULL;
	int rc;

	if (store_mentions_read(st, article_id, a, cause) != 0)
		return -1;
	/* entity lookups reuse other statements, so map ids after the scan */
	for (size_t i = 0; i < a->nments; i++)
		a->ments[i].entity = store_entity_index(st, a, &map, (int64_t)a->ments[i].entity);
	s = store_stmt(st,
	               "SELECT speaker_id, speaker_text, direct, cue, para, off_start, para_end,"
	               " off_end FROM statement WHERE article_id = ? ORDER BY para, off_start",
	               cause);
	if (s == NULL)
		goto fail_free;
	sqlite3_bind_int64(s, 1, article_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct ana_statement m;

		memset(&m, 0, sizeof(m));
		m.speaker =
		    sqlite3_column_type(s, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 0);
		m.speaker_text = store_col_dup(s, 1);
		m.direct = sqlite3_column_int(s, 2);
		m.cue = store_col_dup(s, 3);
		m.para = (size_t)sqlite3_column_int64(s, 4);
		m.start = (size_t)sqlite3_column_int64(s, 5);
		m.para_end = (size_t)sqlite3_column_int64(s, 6);
		m.end = (size_t)sqlite3_column_int64(s, 7);
		a->stmts = xreallocarray(a->stmts, a->nstmts + 1, sizeof(*a->stmts));
		a->stmts[a->nstmts++] = m;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto fail;
	for (size_t i = 0; i < a->nstmts; i++)
		if (a->stmts[i].speaker >= 0)
			a->stmts[i].speaker =
			    (long)store_entity_index(st, a, &map, (int64_t)a->stmts[i].speaker);
	free(map);
	return 0;
fail:
	store_fail(st, cause, "loading an analysis");
fail_free:
	free(map);
	analysis_free(a);
	return -1;
}

int
store_analysis_stale(struct store *st, int version, int (*cb)(int64_t, void *), void *arg,
                     char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "SELECT id FROM article WHERE analyzed_version < ?", cause);
	int64_t *ids;
	size_t n, i;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, version);
	/* collect first: the callback writes to the table being read */
	if (store_collect_ids(st, s, "finding articles to analyze", &ids, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (cb(ids[i], arg) != 0)
			break;
	free(ids);
	return 0;
}

int
store_analysis_version(struct store *st, int64_t article_id, char **cause)
{
	sqlite3_stmt *s =
	    store_stmt(st, "SELECT analyzed_version FROM article WHERE id = ?", cause);
	int v = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, article_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	else
		*cause = xasprintf("no article %lld", (long long)article_id);
	sqlite3_reset(s);
	return v;
}
