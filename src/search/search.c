/* search.c - the query language over the database, for the command line and the UI. */
#include "search/search.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search/query.h"
#include "storage/search.h"
#include "util/xmalloc.h"

/* Parses text, prefixing any error with "search: ". */
static int
search_parse(const char *text, struct query_node **q, char **cause)
{
	char *why = NULL;

	if (query_parse(text, (int64_t)time(NULL), q, &why) == 0)
		return 0;
	*cause = xasprintf("search: %s", why);
	free(why);
	return -1;
}

struct search_collect {
	struct search_page *page;
	size_t want;
};

/* Copies s with paragraph separators turned into spaces; the caller owns it. */
static char *
search_flatten(const char *s)
{
	char *r, *p;

	if (s == NULL)
		return NULL;
	r = xstrdup(s);
	for (p = r; *p != '\0'; p++)
		if (*p == '\x1e' || *p == '\n')
			*p = ' ';
	return r;
}

static int
search_collect_hit(const struct store_hit *h, void *arg)
{
	struct search_collect *c = arg;
	struct search_page *p = c->page;
	struct search_hit *o;

	if (p->n == c->want) {
		p->more = 1;
		return 1;
	}
	p->hits = xreallocarray(p->hits, p->n + 1, sizeof(*p->hits));
	o = &p->hits[p->n++];
	o->id = h->id;
	o->title = xstrdup(h->title ? h->title : "");
	o->url = h->url ? xstrdup(h->url) : NULL;
	o->feed = h->feed ? xstrdup(h->feed) : NULL;
	o->snippet = search_flatten(h->snippet);
	o->time = h->time;
	o->unread = h->unread;
	o->score = h->score;
	return 0;
}

int
search_run(struct store *st, const char *query, size_t offset, size_t limit,
           struct search_page *out, char **cause)
{
	struct query_node *q;
	struct search_collect c;
	int rc;

	memset(out, 0, sizeof(*out));
	if (search_parse(query, &q, cause) != 0)
		return -1;
	c.page = out;
	c.want = limit ? limit : (size_t)-1;
	/* one more than asked tells whether another page follows */
	rc = store_search(st, q, offset, limit ? limit + 1 : 0, search_collect_hit, &c, cause);
	query_free(q);
	if (rc != 0)
		search_page_free(out);
	return rc;
}

void
search_page_free(struct search_page *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->hits[i].title);
		free(p->hits[i].url);
		free(p->hits[i].feed);
		free(p->hits[i].snippet);
	}
	free(p->hits);
	memset(p, 0, sizeof(*p));
}

int
search_count(struct store *st, const char *query, size_t *n, char **cause)
{
	struct query_node *q;
	int rc;

	if (search_parse(query, &q, cause) != 0)
		return -1;
	rc = store_search_count(st, q, n, cause);
	query_free(q);
	return rc;
}
