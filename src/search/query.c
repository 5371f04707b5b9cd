/* query.c - the search language: a hand-written recursive-descent parser that
 * keeps the column of every token, so that a malformed query is answered with
 * where it went wrong and what was expected there. */
#include "search/query.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/xmalloc.h"

static const struct {
	const char *name;
	enum query_field field;
} query_fields[] = {
    {"company", QUERY_F_COMPANY}, {"agency", QUERY_F_AGENCY},   {"person", QUERY_F_PERSON},
    {"country", QUERY_F_COUNTRY}, {"place", QUERY_F_PLACE},     {"org", QUERY_F_ORG},
    {"entity", QUERY_F_ENTITY},   {"speaker", QUERY_F_SPEAKER}, {"tag", QUERY_F_TAG},
    {"feed", QUERY_F_FEED},       {"since", QUERY_F_SINCE},     {"until", QUERY_F_UNTIL},
    {"is", QUERY_F_UNREAD},       {"has", QUERY_F_HAS_NOTE},
};
#define QUERY_NFIELDS (sizeof(query_fields) / sizeof(query_fields[0]))

struct parser {
	const char *text;
	const char *p; /* next unread byte */
	int64_t now;
	char *cause; /* the first error */
	int depth;
};

/* 1-based column, in characters, of byte position at. */
static size_t
query_col(const struct parser *ps, const char *at)
{
	const char *s;
	size_t col = 1;

	for (s = ps->text; s < at && *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			col++;
	return col;
}

/* Records the first error, at byte position at. */
static void __attribute__((format(printf, 3, 4)))
query_error(struct parser *ps, const char *at, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (ps->cause != NULL)
		return;
	buf_printf(&b, "column %zu: ", query_col(ps, at));
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ps->cause = buf_detach(&b);
}

static void
query_skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static struct query_node *
query_node_new(enum query_op op, size_t col)
{
	struct query_node *n = xcalloc(1, sizeof(*n));

	n->op = op;
	n->col = col;
	return n;
}

static void
query_add_kid(struct query_node *n, struct query_node *kid)
{
	n->kids = xreallocarray(n->kids, n->nkids + 1, sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
}

void
query_free(struct query_node *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < q->nkids; i++)
		query_free(q->kids[i]);
	free(q->kids);
	free(q->text);
	free(q);
}

const char *
query_field_name(enum query_field f)
{
	switch (f) {
	case QUERY_F_UNREAD:
		return "is:unread";
	case QUERY_F_READ:
		return "is:read";
	case QUERY_F_HAS_NOTE:
		return "has:note";
	case QUERY_F_HAS_TAG:
		return "has:tag";
	case QUERY_F_HAS_STATEMENT:
		return "has:statement";
	default:
		for (size_t i = 0; i < QUERY_NFIELDS; i++)
			if (query_fields[i].field == f)
				return query_fields[i].name;
		return "?";
	}
}

static int
query_is_end(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')';
}

/* Reads a quoted string starting at ps->p (a '"'); returns its contents, which
 * the caller owns, or NULL after an error. "" inside stands for one quote. */
static char *
query_quoted(struct parser *ps)
{
	const char *open = ps->p;
	struct buf b = BUF_INIT;

	buf_add(&b, "", 0);
	for (ps->p++;; ps->p++) {
		if (*ps->p == '\0') {
			query_error(ps, ps->p, "expected '\"' to close the quote at column %zu",
			            query_col(ps, open));
			buf_free(&b);
			return NULL;
		}
		if (*ps->p == '"') {
			if (ps->p[1] == '"') {
				buf_addc(&b, '"');
				ps->p++;
				continue;
			}
			ps->p++;
			return buf_detach(&b);
		}
		buf_addc(&b, *ps->p);
	}
}

/* Reads a bare word at ps->p; returns a copy the caller owns. */
static char *
query_bare(struct parser *ps)
{
	const char *start = ps->p;

	while (!query_is_end(*ps->p) && *ps->p != '"')
		ps->p++;
	return xstrndup(start, (size_t)(ps->p - start));
}

/* Date and time forms a since:/until: value may take besides YYYY-MM-DD, read
 * with strptime rather than curl_getdate so that the search verbs need not load
 * libcurl (and the dozen libraries it brings), which would cost a search more
 * CPU time than the search itself. Times are UTC. */
static const char *const query_time_formats[] = {
    "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",  "%Y-%m-%d %H:%M",    "%d %b %Y",        "%b %d %Y",
    "%d %B %Y",           "%B %d %Y",          "%B %d, %Y",       "%b %d, %Y",
};

/* Parses a date value: YYYY-MM-DD, a date and time (query_time_formats), an age
 * counted back from now: Nh, Nd, Nw, Nm (months of 30 days), Ny, today,
 * yesterday, or @SECONDS (the exact time query_format writes). Returns 0 and
 * sets *t, or -1. */
static int
query_date(const char *v, int64_t now, int until, int64_t *t)
{
	char *end;
	long n;
	int y, mo, d;
	char extra;
	struct tm tm;
	size_t i;

	if (v[0] == '@' && (isdigit((unsigned char)v[1]) || v[1] == '-')) {
		long long secs = strtoll(v + 1, &end, 10);

		if (*end != '\0' || end == v + 1)
			return -1;
		*t = (int64_t)secs;
		return 0;
	}
	if (strcmp(v, "today") == 0 || strcmp(v, "yesterday") == 0) {
		*t = now - now % 86400 - (v[0] == 'y' ? 86400 : 0) + (until ? 86400 : 0);
		return 0;
	}
	if (isdigit((unsigned char)v[0])) {
		n = strtol(v, &end, 10);
		if (end[0] != '\0' && end[1] == '\0' && n >= 0 && n < 100000) {
			static const char units[] = "hdwmy";
			static const int64_t secs[] = {3600, 86400, 7 * 86400, 30 * 86400,
			                               365 * 86400};
			const char *u = strchr(units, end[0]);

			if (u != NULL) {
				*t = now - n * secs[u - units];
				return 0;
			}
		}
	}
	if (sscanf(v, "%4d-%2d-%2d%c", &y, &mo, &d, &extra) == 3) {
		if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
			return -1;
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		*t = (int64_t)timegm(&tm) + (until ? 86400 : 0);
		return 0;
	}
	for (i = 0; i < sizeof(query_time_formats) / sizeof(query_time_formats[0]); i++) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(v, query_time_formats[i], &tm);
		if (end == NULL || *end != '\0' || tm.tm_year < 70)
			continue;
		*t = (int64_t)timegm(&tm);
		return 0;
	}
	return -1;
}

/* Parses the value of a qualifier named name (ps->p is after the ':'). */
static struct query_node *
query_qualifier(struct parser *ps, enum query_field f, const char *qstart, size_t namelen)
{
	struct query_node *n = query_node_new(QUERY_FIELD, query_col(ps, qstart));
	char *name = xstrndup(qstart, namelen + 1), *v;
	const char *vstart = ps->p;

	n->field = f;
	if (*ps->p == '"')
		v = query_quoted(ps);
	else
		v = query_bare(ps);
	if (v == NULL)
		goto fail;
	n->text = v;
	if (v[0] == '\0') {
		query_error(ps, vstart, "expected a value after '%s'", name);
		goto fail;
	}
	switch (f) {
	case QUERY_F_SINCE:
	case QUERY_F_UNTIL:
		if (query_date(v, ps->now, f == QUERY_F_UNTIL, &n->time) != 0) {
			query_error(ps, vstart,
			            "expected a date (YYYY-MM-DD) or an age (12h, 7d, 2w, 3m, 1y) "
			            "after '%s', not '%s'",
			            name, v);
			goto fail;
		}
		break;
	case QUERY_F_UNREAD:
		if (strcmp(v, "unread") == 0)
			n->field = QUERY_F_UNREAD;
		else if (strcmp(v, "read") == 0)
			n->field = QUERY_F_READ;
		else {
			query_error(ps, vstart, "expected 'unread' or 'read' after 'is:', not '%s'",
			            v);
			goto fail;
		}
		break;
	case QUERY_F_HAS_NOTE:
		if (strcmp(v, "note") == 0 || strcmp(v, "notes") == 0)
			n->field = QUERY_F_HAS_NOTE;
		else if (strcmp(v, "tag") == 0 || strcmp(v, "tags") == 0)
			n->field = QUERY_F_HAS_TAG;
		else if (strcmp(v, "statement") == 0 || strcmp(v, "statements") == 0 ||
		         strcmp(v, "quote") == 0 || strcmp(v, "quotes") == 0)
			n->field = QUERY_F_HAS_STATEMENT;
		else {
			query_error(ps, vstart,
			            "expected 'note', 'tag' or 'statement' after 'has:', not '%s'",
			            v);
			goto fail;
		}
		break;
	default:
		break;
	}
	free(name);
	return n;
fail:
	free(name);
	query_free(n);
	return NULL;
}

static struct query_node *query_and(struct parser *ps);

/* A word, a phrase, a qualifier or a parenthesised group. */
static struct query_node *
query_primary(struct parser *ps)
{
	const char *start = ps->p, *s;
	struct query_node *n;
	char *w;
	size_t i, len;

	if (*ps->p == '(') {
		if (++ps->depth > 100) {
			query_error(ps, start, "too many nested parentheses");
			return NULL;
		}
		ps->p++;
		query_skip_space(ps);
		if (*ps->p == ')' || *ps->p == '\0') {
			query_error(ps, ps->p, "expected a search term after the '(' at column %zu",
			            query_col(ps, start));
			return NULL;
		}
		if ((n = query_and(ps)) == NULL)
			return NULL;
		query_skip_space(ps);
		if (*ps->p != ')') {
			query_error(ps, ps->p, "expected ')' to close the '(' at column %zu",
			            query_col(ps, start));
			query_free(n);
			return NULL;
		}
		ps->p++;
		ps->depth--;
		return n;
	}
	if (*ps->p == '"') {
		if ((w = query_quoted(ps)) == NULL)
			return NULL;
		if (strspn(w, " \t\n\r") == strlen(w)) {
			query_error(ps, start, "expected words inside the quotes");
			free(w);
			return NULL;
		}
		n = query_node_new(QUERY_PHRASE, query_col(ps, start));
		n->text = w;
		return n;
	}
	/* a qualifier: letters, then ':' */
	for (s = ps->p; isalpha((unsigned char)*s); s++)
		;
	if (*s == ':' && s > ps->p) {
		len = (size_t)(s - ps->p);
		for (i = 0; i < QUERY_NFIELDS; i++)
			if (strlen(query_fields[i].name) == len &&
			    strncasecmp(query_fields[i].name, ps->p, len) == 0)
				break;
		if (i == QUERY_NFIELDS) {
			w = xstrndup(ps->p, len + 1);
			query_error(
			    ps, start,
			    "unknown qualifier '%s' (expected company:, agency:, person:, "
			    "country:, place:, org:, entity:, speaker:, tag:, feed:, since:, "
			    "until:, is: or has:)",
			    w);
			free(w);
			return NULL;
		}
		ps->p = s + 1;
		return query_qualifier(ps, query_fields[i].field, start, len);
	}
	w = query_bare(ps);
	n = query_node_new(QUERY_WORD, query_col(ps, start));
	len = strlen(w);
	if (len > 1 && w[len - 1] == '*') {
		w[--len] = '\0';
		n->prefix = 1;
	}
	n->text = w;
	return n;
}

/* 1 when word (in capitals, standing alone) is at ps->p. */
static int
query_at_word(const struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	return strncmp(ps->p, word, n) == 0 && query_is_end(ps->p[n]);
}

/* ('-' | NOT) unary | primary */
static struct query_node *
query_unary(struct parser *ps)
{
	const char *start = ps->p;
	struct query_node *n, *kid;

	/* NOT x is -x, for those who write it out */
	if (query_at_word(ps, "NOT")) {
		ps->p += 3;
		query_skip_space(ps);
		if (*ps->p == '\0' || *ps->p == ')' || query_at_word(ps, "OR") ||
		    query_at_word(ps, "AND") || query_at_word(ps, "NOT")) {
			query_error(
			    ps, ps->p,
			    "expected a word, a phrase or a group after the 'NOT' at column %zu",
			    query_col(ps, start));
			return NULL;
		}
	} else if (*ps->p == '-') {
		ps->p++;
		if ((query_is_end(*ps->p) && *ps->p != '(') || *ps->p == '-') {
			query_error(ps, ps->p,
			            "expected a word, a phrase or a group right after '-'");
			return NULL;
		}
	} else {
		return query_primary(ps);
	}
	if ((kid = query_unary(ps)) == NULL)
		return NULL;
	n = query_node_new(QUERY_NOT, query_col(ps, start));
	query_add_kid(n, kid);
	return n;
}

/* unary { OR unary }; OR in capitals, standing alone, is the operator ("or" is a word) */
static struct query_node *
query_or(struct parser *ps)
{
	struct query_node *n, *kid, *disj = NULL;
	const char *orpos;

	if (query_at_word(ps, "OR")) {
		query_error(ps, ps->p, "expected a search term before 'OR'");
		return NULL;
	}
	if ((n = query_unary(ps)) == NULL)
		return NULL;
	for (;;) {
		const char *save = ps->p;

		query_skip_space(ps);
		if (!query_at_word(ps, "OR")) {
			ps->p = save;
			break;
		}
		orpos = ps->p;
		ps->p += 2;
		query_skip_space(ps);
		if (*ps->p == '\0' || *ps->p == ')' || query_at_word(ps, "OR") ||
		    query_at_word(ps, "AND")) {
			query_error(ps, ps->p,
			            "expected a search term after the 'OR' at column %zu",
			            query_col(ps, orpos));
			query_free(disj ? disj : n);
			return NULL;
		}
		if ((kid = query_unary(ps)) == NULL) {
			query_free(disj ? disj : n);
			return NULL;
		}
		if (disj == NULL) {
			disj = query_node_new(QUERY_OR, n->col);
			query_add_kid(disj, n);
		}
		query_add_kid(disj, kid);
	}
	return disj ? disj : n;
}

/* or { or }, up to ')' or the end */
static struct query_node *
query_and(struct parser *ps)
{
	struct query_node *n = NULL, *kid, *conj = NULL;

	for (;;) {
		query_skip_space(ps);
		if (*ps->p == '\0' || *ps->p == ')')
			break;
		/* AND is what side by side means already */
		if (query_at_word(ps, "AND")) {
			const char *at = ps->p;

			if (n == NULL) {
				query_error(ps, at, "expected a search term before 'AND'");
				break;
			}
			ps->p += 3;
			query_skip_space(ps);
			if (*ps->p == '\0' || *ps->p == ')' || query_at_word(ps, "AND") ||
			    query_at_word(ps, "OR")) {
				query_error(ps, ps->p,
				            "expected a search term after the 'AND' at column %zu",
				            query_col(ps, at));
				break;
			}
		}
		if ((kid = query_or(ps)) == NULL) {
			query_free(conj ? conj : n);
			return NULL;
		}
		if (n == NULL)
			n = kid;
		else {
			if (conj == NULL) {
				conj = query_node_new(QUERY_AND, n->col);
				query_add_kid(conj, n);
			}
			query_add_kid(conj, kid);
		}
	}
	if (ps->cause != NULL) {
		query_free(conj ? conj : n);
		return NULL;
	}
	return conj ? conj : n;
}

int
query_parse(const char *text, int64_t now, struct query_node **out, char **cause)
{
	struct parser ps;
	struct query_node *q;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.text = ps.p = text;
	ps.now = now;
	q = query_and(&ps);
	if (ps.cause == NULL && *ps.p == ')')
		query_error(&ps, ps.p, "unexpected ')' with no '(' before it");
	if (ps.cause != NULL) {
		query_free(q);
		*cause = ps.cause;
		return -1;
	}
	*out = q;
	return 0;
}

/* Appends s in double quotes, each quote inside doubled as the parser reads it. */
static void
query_format_quoted(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

static void
query_format_node(struct buf *b, const struct query_node *q)
{
	size_t i;

	switch (q->op) {
	case QUERY_AND:
	case QUERY_OR:
		buf_addc(b, '(');
		for (i = 0; i < q->nkids; i++) {
			if (i > 0)
				buf_adds(b, q->op == QUERY_AND ? " AND " : " OR ");
			query_format_node(b, q->kids[i]);
		}
		buf_addc(b, ')');
		break;
	case QUERY_NOT:
		/* the parser takes no NOT straight after NOT, so a double one is grouped */
		buf_adds(b, q->kids[0]->op == QUERY_NOT ? "NOT (" : "NOT ");
		query_format_node(b, q->kids[0]);
		if (q->kids[0]->op == QUERY_NOT)
			buf_addc(b, ')');
		break;
	case QUERY_WORD:
		/* a word the parser would read as an operator is written as a phrase */
		if (strcmp(q->text, "AND") == 0 || strcmp(q->text, "OR") == 0 ||
		    strcmp(q->text, "NOT") == 0 || q->text[0] == '-')
			query_format_quoted(b, q->text);
		else
			buf_printf(b, "%s%s", q->text, q->prefix ? "*" : "");
		break;
	case QUERY_PHRASE:
		query_format_quoted(b, q->text);
		break;
	case QUERY_FIELD:
		if (q->field == QUERY_F_UNREAD || q->field == QUERY_F_READ ||
		    q->field == QUERY_F_HAS_NOTE || q->field == QUERY_F_HAS_TAG ||
		    q->field == QUERY_F_HAS_STATEMENT)
			buf_adds(b, query_field_name(q->field));
		else if (q->field == QUERY_F_SINCE || q->field == QUERY_F_UNTIL)
			buf_printf(b, "%s:@%lld", query_field_name(q->field), (long long)q->time);
		else {
			buf_printf(b, "%s:", query_field_name(q->field));
			query_format_quoted(b, q->text);
		}
		break;
	}
}

char *
query_format(const struct query_node *q)
{
	struct buf b = BUF_INIT;

	buf_add(&b, "", 0);
	if (q != NULL)
		query_format_node(&b, q);
	return buf_detach(&b);
}
