/* search.c - a parsed query as SQL. The words that must match at the top of
 * the query become one FTS5 expression, which ranks the results by BM25 and
 * gives the snippets; everything else becomes SQL conditions built from fixed
 * fragments. Every value is a bound parameter, and words reach FTS5 only as
 * quoted FTS5 strings, so no query text can change either language. */
#include "storage/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "storage/store_int.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct sql_bind {
	int is_text;
	char *text;
	int64_t num;
};

struct sqlgen {
	struct buf where; /* conditions on article a, joined by AND */
	struct sql_bind *binds;
	size_t nbinds;
	struct buf fts;   /* the ranking FTS5 expression, or empty */
	struct store *st; /* to weigh the plan of an entity condition; may be NULL */
	char **phrases;   /* the phrases of fts, as FTS5 numbers them ... */
	int *negated;     /* ... and whether each is under a NOT */
	size_t nphrases;
	int loose;  /* fts: a cheaper superset (phrases as words, no NOT) */
	int joined; /* where needs article a joined: dates, or an OR of conditions */
};

static void
gen_bind_text(struct sqlgen *g, const char *s)
{
	g->binds = xreallocarray(g->binds, g->nbinds + 1, sizeof(*g->binds));
	g->binds[g->nbinds].is_text = 1;
	g->binds[g->nbinds].text = s != NULL ? xstrdup(s) : NULL;
	g->binds[g->nbinds++].num = 0;
}

static void
gen_bind_int(struct sqlgen *g, int64_t v)
{
	g->binds = xreallocarray(g->binds, g->nbinds + 1, sizeof(*g->binds));
	g->binds[g->nbinds].is_text = 0;
	g->binds[g->nbinds].text = NULL;
	g->binds[g->nbinds++].num = v;
}

static void
gen_free(struct sqlgen *g)
{
	size_t i;

	for (i = 0; i < g->nbinds; i++)
		free(g->binds[i].text);
	free(g->binds);
	for (i = 0; i < g->nphrases; i++)
		free(g->phrases[i]);
	free(g->phrases);
	free(g->negated);
	buf_free(&g->where);
	buf_free(&g->fts);
}

/* Copies where with each "a.id" turned into FTS5's rowid ('+': never a
 * constraint FTS5 is asked to use); the caller owns the result. */
static char *
gen_on_rowid(const char *where)
{
	struct buf b = BUF_INIT;
	const char *p = where;

	while ((p = strstr(p, "a.id")) != NULL) {
		if (p > where && (p[-1] == ' ' || p[-1] == '(')) {
			buf_add(&b, where, (size_t)(p - where));
			buf_adds(&b, "+article_fts.rowid");
			where = p + 4;
		}
		p += 4;
	}
	buf_adds(&b, where);
	return buf_detach(&b);
}

char *
store_fts_quote(const char *s)
{
	struct buf b = BUF_INIT;

	buf_addc(&b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '"');
	return buf_detach(&b);
}

/* 1 when q can be written as an FTS5 expression that matches positively
 * (FTS5 has no "everything but": NOT needs something on its left). */
static int
gen_is_text(const struct query_node *q)
{
	size_t i, pos = 0;

	switch (q->op) {
	case QUERY_WORD:
	case QUERY_PHRASE:
		return 1;
	case QUERY_OR:
		for (i = 0; i < q->nkids; i++)
			if (!gen_is_text(q->kids[i]))
				return 0;
		return 1;
	case QUERY_AND:
		for (i = 0; i < q->nkids; i++) {
			if (gen_is_text(q->kids[i]))
				pos++;
			else if (!(q->kids[i]->op == QUERY_NOT && gen_is_text(q->kids[i]->kids[0])))
				return 0;
		}
		return pos > 0;
	default:
		return 0;
	}
}

/* Appends the words of a phrase as FTS5 strings that must all be there. */
static void
gen_fts_words(struct buf *b, const char *text)
{
	char *copy = xstrdup(text), *w, *save = NULL, *s;
	size_t n = 0;

	buf_addc(b, '(');
	for (w = strtok_r(copy, " \t\n", &save); w != NULL; w = strtok_r(NULL, " \t\n", &save)) {
		if (n++ > 0)
			buf_adds(b, " AND ");
		s = store_fts_quote(w);
		buf_adds(b, s);
		free(s);
	}
	if (n == 0)
		buf_adds(b, "\"\"");
	buf_addc(b, ')');
	free(copy);
}

/* Appends q (gen_is_text holds) as an FTS5 expression; loose: a superset of
 * its matches that is cheaper to find (phrases as words, no NOT). With g, notes
 * each phrase in g->phrases (neg: q is under a NOT). */
static void
gen_fts(struct buf *b, const struct query_node *q, int loose, struct sqlgen *g, int neg)
{
	struct buf w = BUF_INIT;
	char *s;
	size_t i, n = 0;

	switch (q->op) {
	case QUERY_PHRASE:
		if (loose) {
			gen_fts_words(b, q->text);
			break;
		}
		/* fall through */
	case QUERY_WORD:
		s = store_fts_quote(q->text);
		buf_adds(&w, s);
		free(s);
		if (q->prefix)
			buf_addc(&w, '*');
		s = buf_detach(&w);
		buf_adds(b, s);
		if (g != NULL) {
			g->phrases =
			    xreallocarray(g->phrases, g->nphrases + 1, sizeof(*g->phrases));
			g->negated =
			    xreallocarray(g->negated, g->nphrases + 1, sizeof(*g->negated));
			g->negated[g->nphrases] = neg;
			g->phrases[g->nphrases++] = s;
		} else
			free(s);
		break;
	case QUERY_OR:
		buf_addc(b, '(');
		for (i = 0; i < q->nkids; i++) {
			if (i > 0)
				buf_adds(b, " OR ");
			gen_fts(b, q->kids[i], loose, g, neg);
		}
		buf_addc(b, ')');
		break;
	case QUERY_AND:
		buf_adds(b, "((");
		for (i = 0; i < q->nkids; i++) {
			if (q->kids[i]->op == QUERY_NOT)
				continue;
			if (n++ > 0)
				buf_adds(b, " AND ");
			gen_fts(b, q->kids[i], loose, g, neg);
		}
		buf_addc(b, ')');
		for (i = 0; i < q->nkids && !loose; i++) {
			if (q->kids[i]->op != QUERY_NOT)
				continue;
			buf_adds(b, " NOT ");
			gen_fts(b, q->kids[i]->kids[0], 0, g, 1);
		}
		buf_addc(b, ')');
		break;
	default:
		break;
	}
}

/* Escapes LIKE wildcards in s (with '\') and appends " %": names that start
 * with the words of s. The caller owns the result. */
static char *
gen_like_words(const char *s)
{
	struct buf b = BUF_INIT;

	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *s);
	}
	buf_adds(&b, " %");
	return buf_detach(&b);
}

/* the entities a value names: by name, by the first words of the name, or by alias */
#define GEN_ENTITY_MATCH                                                                           \
	"(e.name = ? OR e.name LIKE ? ESCAPE '\\'"                                                 \
	" OR e.id IN (SELECT entity_id FROM entity_alias WHERE alias = ?))"

static void
gen_bind_entity(struct sqlgen *g, const char *v)
{
	char *like = gen_like_words(v);

	gen_bind_text(g, v);
	gen_bind_text(g, like);
	gen_bind_text(g, v);
	free(like);
}

static const char *const gen_kinds[] = {
    [QUERY_F_COMPANY] = "company", [QUERY_F_AGENCY] = "agency", [QUERY_F_PERSON] = "person",
    [QUERY_F_COUNTRY] = "country", [QUERY_F_PLACE] = "place",   [QUERY_F_ORG] = "org",
};

/* 1 when each candidate article should be tested for the entity, rather than
 * the entity's articles collected first: when the entity is in many articles
 * (collecting 20,000 costs more than testing the few a page needs). A rare
 * entity next to common words is collected: a test costs 0.4 us, a look-up
 * in the collected set far less, over the 85,000 articles with the words. */
static int
gen_entity_many(struct sqlgen *g, const char *kind, const char *v, int speaker)
{
	sqlite3_stmt *s;
	char *cause = NULL, *like;
	int many = 1;

	if (g->st == NULL)
		return 1;
	if (speaker)
		s = store_stmt(
		    g->st,
		    "SELECT count(*) FROM (SELECT 1 FROM statement s WHERE s.speaker_id IN"
		    " (SELECT e.id FROM entity e WHERE (?1 IS NULL OR e.kind = ?1) AND"
		    " (e.name = ?2 OR e.name LIKE ?3 ESCAPE '\\'"
		    " OR e.id IN (SELECT entity_id FROM entity_alias WHERE alias = ?2)))"
		    " LIMIT 500)",
		    &cause);
	else
		s = store_stmt(
		    g->st,
		    "SELECT count(*) FROM (SELECT 1 FROM entity_article m WHERE m.entity_id IN"
		    " (SELECT e.id FROM entity e WHERE (?1 IS NULL OR e.kind = ?1) AND"
		    " (e.name = ?2 OR e.name LIKE ?3 ESCAPE '\\'"
		    " OR e.id IN (SELECT entity_id FROM entity_alias WHERE alias = ?2)))"
		    " LIMIT 500)",
		    &cause);
	if (s == NULL) {
		free(cause);
		return 1;
	}
	like = gen_like_words(v);
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, v);
	store_bind_text(s, 3, like);
	if (sqlite3_step(s) == SQLITE_ROW)
		many = sqlite3_column_int(s, 0) >= 500;
	sqlite3_reset(s);
	free(like);
	return many;
}

static void
gen_field(struct sqlgen *g, const struct query_node *q)
{
	struct buf *w = &g->where;
	const char *kind;
	char *end;
	long long id;

	switch (q->field) {
	case QUERY_F_COMPANY:
	case QUERY_F_AGENCY:
	case QUERY_F_PERSON:
	case QUERY_F_COUNTRY:
	case QUERY_F_PLACE:
	case QUERY_F_ORG:
	case QUERY_F_ENTITY:
		kind = q->field == QUERY_F_ENTITY ? NULL : gen_kinds[q->field];
		buf_adds(
		    w,
		    gen_entity_many(g, kind, q->text, 0)
		        ? "EXISTS (SELECT 1 FROM entity_article m WHERE m.article_id = a.id AND"
		          " m.entity_id IN (SELECT e.id FROM entity e WHERE"
		          " (? IS NULL OR e.kind = ?) AND " GEN_ENTITY_MATCH "))"
		        : "a.id IN (SELECT m.article_id FROM entity_article m WHERE m.entity_id IN"
		          " (SELECT e.id FROM entity e WHERE"
		          " (? IS NULL OR e.kind = ?) AND " GEN_ENTITY_MATCH "))");
		gen_bind_text(g, kind);
		gen_bind_text(g, kind);
		gen_bind_entity(g, q->text);
		break;
	case QUERY_F_SPEAKER:
		buf_adds(
		    w, gen_entity_many(g, NULL, q->text, 1)
		           ? "EXISTS (SELECT 1 FROM statement s WHERE s.article_id = a.id AND"
		             " (s.speaker_id IN (SELECT e.id FROM entity e WHERE " GEN_ENTITY_MATCH
		             ") OR s.speaker_text = ? COLLATE NOCASE))"
		           : "a.id IN (SELECT s.article_id FROM statement s WHERE s.speaker_id IN"
		             " (SELECT e.id FROM entity e WHERE " GEN_ENTITY_MATCH ")"
		             " UNION SELECT s.article_id FROM statement s"
		             " WHERE s.speaker_text = ? COLLATE NOCASE)");
		gen_bind_entity(g, q->text);
		gen_bind_text(g, q->text);
		break;
	case QUERY_F_TAG:
		buf_adds(
		    w, "(a.id IN (SELECT article_id FROM article_tag WHERE tag = ? COLLATE NOCASE)"
		       " OR a.id IN (SELECT fa.article_id FROM feed_article fa JOIN feed_tag ft"
		       " ON ft.feed_id = fa.feed_id WHERE ft.tag = ? COLLATE NOCASE))");
		gen_bind_text(g, q->text);
		gen_bind_text(g, q->text);
		g->joined = 1;
		break;
	case QUERY_F_FEED:
		id = strtoll(q->text, &end, 10);
		buf_adds(w, "a.id IN (SELECT fa.article_id FROM feed_article fa JOIN feed f"
		            " ON f.id = fa.feed_id WHERE f.id = ?"
		            " OR instr(lower(coalesce(f.user_title, '')), lower(?)) > 0"
		            " OR instr(lower(coalesce(f.title, '')), lower(?)) > 0"
		            " OR instr(lower(f.url), lower(?)) > 0)");
		gen_bind_int(g, *end == '\0' ? id : -1);
		gen_bind_text(g, q->text);
		gen_bind_text(g, q->text);
		gen_bind_text(g, q->text);
		break;
	case QUERY_F_SINCE:
		buf_adds(w, "a.sort_time >= ?");
		g->joined = 1;
		gen_bind_int(g, q->time);
		break;
	case QUERY_F_UNTIL:
		buf_adds(w, "a.sort_time < ?");
		g->joined = 1;
		gen_bind_int(g, q->time);
		break;
	case QUERY_F_UNREAD:
	case QUERY_F_READ:
		/* with words, one seek in the index (unread, rowid); without, a
		 * literal that the partial index on unread articles can serve */
		if (g->fts.len > 0)
			buf_adds(
			    w, q->field == QUERY_F_UNREAD
			           ? "EXISTS (SELECT 1 FROM article u INDEXED BY article_unread_id"
			             " WHERE u.unread = 1 AND u.id = a.id)"
			           : "EXISTS (SELECT 1 FROM article u INDEXED BY article_unread_id"
			             " WHERE u.unread = 0 AND u.id = a.id)");
		else
			buf_adds(w, q->field == QUERY_F_UNREAD ? "a.unread = 1" : "a.unread = 0");
		break;
	case QUERY_F_HAS_NOTE:
		buf_adds(w, "a.id IN (SELECT article_id FROM note)");
		break;
	case QUERY_F_HAS_STATEMENT:
		buf_adds(w, "EXISTS (SELECT 1 FROM statement s WHERE s.article_id = a.id)");
		break;
	case QUERY_F_HAS_TAG:
		buf_adds(w, "(EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id)"
		            " OR EXISTS (SELECT 1 FROM feed_article fa JOIN feed_tag ft"
		            " ON ft.feed_id = fa.feed_id WHERE fa.article_id = a.id))");
		g->joined = 1;
		break;
	}
}

/* Appends q as a SQL condition on article a. */
static void
gen_sql(struct sqlgen *g, const struct query_node *q)
{
	struct buf fts = BUF_INIT;
	size_t i;

	if (gen_is_text(q)) {
		gen_fts(&fts, q, 0, NULL, 0);
		buf_adds(&g->where,
		         "a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)");
		gen_bind_text(g, buf_str(&fts));
		buf_free(&fts);
		return;
	}
	switch (q->op) {
	case QUERY_AND:
	case QUERY_OR:
		g->joined |= q->op == QUERY_OR;
		buf_addc(&g->where, '(');
		for (i = 0; i < q->nkids; i++) {
			if (i > 0)
				buf_adds(&g->where, q->op == QUERY_AND ? " AND " : " OR ");
			gen_sql(g, q->kids[i]);
		}
		buf_addc(&g->where, ')');
		break;
	case QUERY_NOT:
		buf_adds(&g->where, "NOT ");
		gen_sql(g, q->kids[0]);
		break;
	case QUERY_FIELD:
		gen_field(g, q);
		break;
	default:
		break;
	}
}

/* Splits the top-level conjunction of q: the words that must match go to the
 * ranking FTS5 expression, the rest to SQL conditions. */
static void
gen_query(struct sqlgen *g, const struct query_node *q)
{
	const struct query_node *const *kids = &q;
	size_t n = 1, i, npos = 0;

	buf_add(&g->where, "", 0);
	buf_add(&g->fts, "", 0);
	if (q == NULL)
		return;
	if (q->op == QUERY_AND) {
		kids = (const struct query_node *const *)q->kids;
		n = q->nkids;
	}
	for (i = 0; i < n; i++) {
		if (!gen_is_text(kids[i]))
			continue;
		buf_adds(&g->fts, npos++ ? " AND " : "(");
		gen_fts(&g->fts, kids[i], g->loose, g->loose ? NULL : g, 0);
	}
	if (npos > 0)
		buf_addc(&g->fts, ')');
	for (i = 0; i < n; i++) {
		if (gen_is_text(kids[i]))
			continue;
		if (npos > 0 && kids[i]->op == QUERY_NOT && gen_is_text(kids[i]->kids[0])) {
			if (!g->loose) {
				buf_adds(&g->fts, " NOT ");
				gen_fts(&g->fts, kids[i]->kids[0], 0, g, 1);
			}
			continue;
		}
		buf_adds(&g->where, " AND ");
		gen_sql(g, kids[i]);
	}
}

#define GEN_COLS                                                                                   \
	"SELECT a.id, a.title, a.url,"                                                             \
	" (SELECT coalesce(f.user_title, f.title, f.url) FROM feed_article fa JOIN feed f"         \
	"  ON f.id = fa.feed_id WHERE fa.article_id = a.id ORDER BY f.id LIMIT 1),"                \
	" a.sort_time, a.unread, "

enum gen_mode {
	GEN_ROWS,  /* the results */
	GEN_COUNT, /* how many */
};

/* The ranking function, nr_bm25(article_fts, title weight, body weight, IDF of
 * each phrase...): BM25 as FTS5's bm25() computes it (k1 1.2, b 0.75, the
 * document length and average length from FTS5), with each phrase's IDF given
 * by the caller. bm25() finds a phrase's IDF by reading every article that
 * holds it, 3-4 ms for a word found in most of 100,000 articles, before it
 * ranks anything; gen_idf estimates it from the newest articles instead. */
static void
gen_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
         sqlite3_value **val)
{
	const double k1 = 1.2, b = 0.75;
	int nphrase = api->xPhraseCount(fts), ninst = 0, i, ip, ic, io, dl = 0;
	sqlite3_int64 nrow = 0, ntok = 0;
	double *avgdl = api->xGetAuxdata(fts, 0), *freq, score = 0;

	if (nval != 2 + nphrase) {
		sqlite3_result_error(ctx, "nr_bm25: wrong number of arguments", -1);
		return;
	}
	/* once per query: FTS5 reads the totals from the index at every call */
	if (avgdl == NULL) {
		if (api->xRowCount(fts, &nrow) != SQLITE_OK ||
		    api->xColumnTotalSize(fts, -1, &ntok) != SQLITE_OK) {
			sqlite3_result_error(ctx, "nr_bm25: cannot read the index", -1);
			return;
		}
		if ((avgdl = sqlite3_malloc64(sizeof(*avgdl))) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		*avgdl = nrow > 0 && ntok > 0 ? (double)ntok / (double)nrow : 1.0;
		if (api->xSetAuxdata(fts, avgdl, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	if (api->xColumnSize(fts, -1, &dl) != SQLITE_OK ||
	    api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "nr_bm25: cannot read the index", -1);
		return;
	}
	if ((freq = sqlite3_malloc64(sizeof(*freq) * (size_t)(nphrase + 1))) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	for (i = 0; i < nphrase; i++)
		freq[i] = 0;
	for (i = 0; i < ninst; i++)
		if (api->xInst(fts, i, &ip, &ic, &io) == SQLITE_OK && ip >= 0 && ip < nphrase)
			freq[ip] += ic < 2 ? sqlite3_value_double(val[ic]) : 1.0;
	for (i = 0; i < nphrase; i++)
		score += sqlite3_value_double(val[2 + i]) * (freq[i] * (k1 + 1.0)) /
		         (freq[i] + k1 * (1 - b + b * dl / *avgdl));
	sqlite3_free(freq);
	sqlite3_result_double(ctx, -score);
}

/* Registers nr_bm25 on st's connection, once. */
static int
gen_ready(struct store *st, char **cause)
{
	static const char probe[] = "SELECT nr_bm25(article_fts) FROM article_fts WHERE 0";
	fts5_api *api = NULL;
	sqlite3_stmt *s;
	char *why = NULL;

	if (store_stmt(st, probe, &why) != NULL)
		return 0;
	free(why);
	if (sqlite3_prepare_v2(st->db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, cause, "finding FTS5");
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (api == NULL || api->iVersion < 2 ||
	    api->xCreateFunction(api, "nr_bm25", NULL, gen_bm25, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot add the ranking function to FTS5", st->path);
		return -1;
	}
	return store_stmt(st, probe, cause) != NULL ? 0 : -1;
}

/* The articles a phrase's IDF is counted in: the newest ones (all when fewer). */
#define GEN_IDF_SAMPLE 10000

/* Fills idf[i] (the caller's array of g->nphrases) with each phrase's IDF as
 * bm25() computes it, log((N - n + 0.5) / (n + 0.5)) and 1e-6 when not
 * positive, but with N and n counted among the newest GEN_IDF_SAMPLE
 * articles: a count from a rowid on costs the matches after it. Phrases under
 * a NOT never rank anything; theirs is 0. */
static int
gen_idf(struct store *st, const struct sqlgen *g, double *idf, char **cause)
{
	sqlite3_stmt *s;
	int64_t cut = 0, total = GEN_IDF_SAMPLE, n;
	size_t i;

	if ((s = store_stmt(st,
	                    "SELECT id FROM article_fts_docsize ORDER BY id DESC LIMIT 1 OFFSET ?",
	                    cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, GEN_IDF_SAMPLE - 1);
	if (sqlite3_step(s) == SQLITE_ROW)
		cut = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (cut == 0) {
		if ((s = store_stmt(st, "SELECT count(*) FROM article_fts_docsize", cause)) == NULL)
			return -1;
		total = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
	}
	for (i = 0; i < g->nphrases; i++) {
		idf[i] = 0;
		if (g->negated[i])
			continue;
		if ((s = store_stmt(st,
		                    "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?"
		                    " AND article_fts.rowid >= ?",
		                    cause)) == NULL)
			return -1;
		store_bind_text(s, 1, g->phrases[i]);
		sqlite3_bind_int64(s, 2, cut);
		if (sqlite3_step(s) != SQLITE_ROW) {
			store_fail(st, cause, "searching");
			sqlite3_reset(s);
			return -1;
		}
		n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		idf[i] = log(((double)total - (double)n + 0.5) / ((double)n + 0.5));
		if (idf[i] <= 0)
			idf[i] = 1e-6;
	}
	return 0;
}

/* Prepares the search in mode, binding everything; the caller finalizes the
 * statement. cutoff (GEN_ROWS with words): rank only matches from this rowid on. */
static sqlite3_stmt *
gen_prepare(struct store *st, const struct query_node *q, enum gen_mode mode, size_t offset,
            size_t limit, int64_t cutoff, char **cause)
{
	struct sqlgen g;
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = NULL;
	int fts, i = 1;
	size_t k;
	double *idf = NULL;
	char *where = NULL;

	memset(&g, 0, sizeof(g));
	g.st = st;
	gen_query(&g, q);
	fts = g.fts.len > 0;
	if (mode == GEN_ROWS && fts) {
		idf = xcalloc(g.nphrases + 1, sizeof(*idf));
		if (gen_ready(st, cause) != 0 || gen_idf(st, &g, idf, cause) != 0)
			goto out;
	}
	if (mode == GEN_COUNT)
		buf_adds(&sql, "SELECT count(*)");
	else if (fts) {
		buf_adds(&sql, "SELECT article_fts.rowid, nr_bm25(article_fts, 4.0, 1.0");
		for (k = 0; k < g.nphrases; k++)
			buf_adds(&sql, ", ?");
		buf_adds(&sql, ") AS score");
	} else
		buf_adds(&sql, GEN_COLS "substr(a.body, 1, 200), 0");
	/* without conditions on the article, FTS5 alone answers; with them, the
	 * article's id and dates come from a small index (schema v4), never from
	 * its row, where they sit behind the body in overflow pages */
	if (fts && !g.joined) {
		/* conditions on the id alone: testing FTS5's rowid reads nothing more
		 * (an OR of them could leave MATCH without its index in SQLite 3.40) */
		where = gen_on_rowid(buf_str(&g.where));
		buf_adds(&sql, " FROM article_fts WHERE article_fts MATCH ?");
	} else if (fts)
		buf_adds(&sql, " FROM article_fts JOIN article a INDEXED BY article_id_time"
		               " ON a.id = article_fts.rowid WHERE article_fts MATCH ?");
	else
		buf_adds(&sql, " FROM article a WHERE 1");
	if (fts && (mode == GEN_ROWS || (mode == GEN_COUNT && cutoff > 0)))
		buf_adds(&sql, " AND article_fts.rowid >= ?");
	buf_adds(&sql, where != NULL ? where : buf_str(&g.where));
	if (mode == GEN_ROWS)
		buf_adds(&sql, fts ? " ORDER BY score, article_fts.rowid DESC LIMIT ? OFFSET ?"
		                   : " ORDER BY a.sort_time DESC, a.id DESC LIMIT ? OFFSET ?");
	if (sqlite3_prepare_v2(st->db, buf_str(&sql), -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, cause, "preparing a search");
		goto out;
	}
	for (k = 0; idf != NULL && k < g.nphrases; k++)
		sqlite3_bind_double(s, i++, idf[k]);
	if (fts)
		sqlite3_bind_text(s, i++, buf_str(&g.fts), -1, SQLITE_TRANSIENT);
	if (fts && (mode == GEN_ROWS || (mode == GEN_COUNT && cutoff > 0)))
		sqlite3_bind_int64(s, i++, cutoff);
	for (k = 0; k < g.nbinds; k++, i++) {
		if (g.binds[k].is_text)
			sqlite3_bind_text(s, i, g.binds[k].text, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(s, i, g.binds[k].num);
	}
	if (mode == GEN_ROWS) {
		sqlite3_bind_int64(s, i++, limit ? (sqlite3_int64)limit : -1);
		sqlite3_bind_int64(s, i++, (sqlite3_int64)offset);
	}
out:
	free(where);
	free(idf);
	buf_free(&sql);
	gen_free(&g);
	return s;
}

/* The ranking FTS5 expression of q (loose or exact), which the caller owns;
 * "" when q has no words that rank. *conds: whether q has more than words. */
static char *
gen_fts_of(const struct query_node *q, int loose, int *conds)
{
	struct sqlgen g;
	char *r;

	memset(&g, 0, sizeof(g));
	g.loose = loose;
	gen_query(&g, q);
	r = xstrdup(buf_str(&g.fts));
	*conds = g.where.len > 0;
	gen_free(&g);
	return r;
}

static int
gen_count(struct store *st, const struct query_node *q, int64_t cutoff, size_t *n, char **cause)
{
	sqlite3_stmt *s = gen_prepare(st, q, GEN_COUNT, 0, 0, cutoff, cause);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(s, 0);
	else
		store_fail(st, cause, "counting search results");
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Sets *cutoff, the first rowid whose matches are ranked for a page ending at
 * want: the newest window articles holding the query's words (phrases as
 * words; qualifiers and NOT aside), a range FTS5 finds by reading only those
 * words' lists, when it holds the page; else a larger range, as search.h
 * says; else 0: every match. */
static int
gen_window(struct store *st, const struct query_node *q, size_t want, int64_t *cutoff, char **cause)
{
	size_t window = want > STORE_SEARCH_WINDOW ? want : STORE_SEARCH_WINDOW, n = 0, i, grow;
	int conds, rc = 0;
	char *exact = gen_fts_of(q, 0, &conds), *loose = gen_fts_of(q, 1, &conds);
	int plain = !conds && strcmp(exact, loose) == 0;
	sqlite3_stmt *s;

	*cutoff = 0;
	for (i = 0; exact[0] != '\0' && i < STORE_SEARCH_STEPS; i++) {
		if ((s = store_stmt(st,
		                    "SELECT rowid FROM article_fts WHERE article_fts MATCH ?"
		                    " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
		                    cause)) == NULL) {
			rc = -1;
			break;
		}
		store_bind_text(s, 1, loose);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)window - 1);
		rc = sqlite3_step(s);
		*cutoff = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = store_fail(st, cause, "searching");
			break;
		}
		rc = 0;
		/* fewer articles than that hold the words: rank every match */
		if (*cutoff == 0 || plain)
			break;
		if ((rc = gen_count(st, q, *cutoff, &n, cause)) != 0 || n >= want)
			break;
		*cutoff = 0;
		/* none at all: a larger range would hardly hold a page */
		if (n == 0)
			break;
		/* as many times larger as the page needs by the share found, with a
		 * quarter to spare, and at least STORE_SEARCH_GROW times */
		grow = (want * 5 / 4 + n - 1) / n;
		window *= grow > STORE_SEARCH_GROW ? grow : STORE_SEARCH_GROW;
	}
	free(exact);
	free(loose);
	return rc;
}

/* A hit's columns, read only for the hits of the page. */
static const char gen_hit_sql[] = GEN_COLS "NULL FROM article a WHERE a.id = ?";

/* The hits of a page are read this many at a time. */
#define GEN_CHUNK 64

/* Sets snip[i] (the caller frees them) to the snippet of the FTS5 expression
 * fts in article ids[i], for n ids. One pass over the range of the ids
 * computes them: a snippet reads and tokenizes its whole article, so the
 * ranking query, which would make one for every match it ranks, does not;
 * and finding one article in FTS5 by rowid costs 0.2-0.8 ms, a pass over
 * 2,000 matches 0.4 ms. */
static int
gen_snippets(struct store *st, const char *fts, const int64_t *ids, size_t n, char **snip,
             char **cause)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = NULL;
	int64_t lo = ids[0], hi = ids[0], id;
	size_t i;
	int rc, k = 1;

	for (i = 0; i < n; i++) {
		snip[i] = NULL;
		lo = ids[i] < lo ? ids[i] : lo;
		hi = ids[i] > hi ? ids[i] : hi;
	}
	/* '+': a filter, never rowids FTS5 would look up one by one */
	buf_adds(&sql, "SELECT article_fts.rowid, snippet(article_fts, 1, ?, ?, '…', 24)"
	               " FROM article_fts WHERE article_fts MATCH ?"
	               " AND article_fts.rowid BETWEEN ? AND ? AND +article_fts.rowid IN (");
	for (i = 0; i < n; i++)
		buf_adds(&sql, i > 0 ? ", ?" : "?");
	buf_addc(&sql, ')');
	if (sqlite3_prepare_v2(st->db, buf_str(&sql), -1, &s, NULL) != SQLITE_OK) {
		buf_free(&sql);
		return store_fail(st, cause, "preparing a search");
	}
	buf_free(&sql);
	sqlite3_bind_text(s, k++, (const char[]){SEARCH_HL_ON, '\0'}, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, k++, (const char[]){SEARCH_HL_OFF, '\0'}, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, k++, fts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, k++, lo);
	sqlite3_bind_int64(s, k++, hi);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(s, k++, ids[i]);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		for (i = 0; i < n; i++)
			if (ids[i] == id && snip[i] == NULL)
				snip[i] = store_col_dup(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "searching");
	return 0;
}

/* Calls cb for each of the n hits ids (scores), best first, with its columns
 * and snippet; 0, 1 when cb says stop, or -1. An article deleted meanwhile is
 * skipped. */
/* Fills h from a row whose first six columns are GEN_COLS's (pointers into s). */
static void
gen_hit_row(sqlite3_stmt *s, struct store_hit *h)
{
	h->id = sqlite3_column_int64(s, 0);
	h->title = (const char *)sqlite3_column_text(s, 1);
	h->url = (const char *)sqlite3_column_text(s, 2);
	h->feed = (const char *)sqlite3_column_text(s, 3);
	h->time = sqlite3_column_int64(s, 4);
	h->unread = sqlite3_column_int(s, 5);
}

static int
gen_hits(struct store *st, const char *fts, const int64_t *ids, const double *scores, size_t n,
         int (*cb)(const struct store_hit *, void *), void *arg, char **cause)
{
	char *snip[GEN_CHUNK];
	struct store_hit h;
	sqlite3_stmt *s;
	size_t i, j;
	int rc, r = 0;

	if (gen_snippets(st, fts, ids, n, snip, cause) != 0)
		return -1;
	for (i = 0; i < n && r == 0; i++) {
		if ((s = store_stmt(st, gen_hit_sql, cause)) == NULL) {
			r = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			gen_hit_row(s, &h);
			h.snippet = snip[i];
			h.score = scores[i];
			r = cb(&h, arg) != 0;
		} else if (rc != SQLITE_DONE)
			r = store_fail(st, cause, "searching");
		sqlite3_reset(s);
	}
	for (j = 0; j < n; j++)
		free(snip[j]);
	return r;
}

int
store_search(struct store *st, const struct query_node *q, size_t offset, size_t limit,
             int (*cb)(const struct store_hit *, void *), void *arg, char **cause)
{
	struct store_hit h;
	sqlite3_stmt *s;
	int64_t cutoff = 0, ids[GEN_CHUNK];
	double scores[GEN_CHUNK];
	size_t n = 0;
	int conds, rc, r = 0;
	char *fts = gen_fts_of(q, 0, &conds);

	/* ranking every match of a word found in most articles takes longer than
	 * a reader waits; a page is ranked among the newest matches */
	if (limit > 0 && gen_window(st, q, offset + limit, &cutoff, cause) != 0)
		goto fail;
	if ((s = gen_prepare(st, q, GEN_ROWS, offset, limit, cutoff, cause)) == NULL)
		goto fail;
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fts[0] != '\0') {
			ids[n] = sqlite3_column_int64(s, 0);
			scores[n++] = sqlite3_column_double(s, 1);
			if (n == GEN_CHUNK) {
				r = gen_hits(st, fts, ids, scores, n, cb, arg, cause);
				n = 0;
			}
			continue;
		}
		gen_hit_row(s, &h);
		h.snippet = (const char *)sqlite3_column_text(s, 6);
		h.score = sqlite3_column_double(s, 7);
		r = cb(&h, arg) != 0;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_fail(st, cause, "searching");
	sqlite3_finalize(s);
	if (r == 0 && n > 0)
		r = gen_hits(st, fts, ids, scores, n, cb, arg, cause);
	free(fts);
	return r < 0 ? -1 : 0;
fail:
	free(fts);
	return -1;
}

int
store_search_ids(struct store *st, const struct query_node *q, int64_t **ids, size_t *n,
                 char **cause)
{
	sqlite3_stmt *s = gen_prepare(st, q, GEN_ROWS, 0, 0, 0, cause);
	int rc;

	*ids = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return store_fail(st, cause, "searching");
}

int
store_search_count(struct store *st, const struct query_node *q, size_t *n, char **cause)
{
	return gen_count(st, q, 0, n, cause);
}
