/* search.h - running a parsed query on the database (storage/search.c). The
 * tree becomes SQL built from fixed fragments; every value from the query is a
 * bound parameter, and words reach FTS5 only as quoted FTS5 strings. */
#ifndef NR_STORE_SEARCH_H
#define NR_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "search/query.h"
#include "storage/store.h"

struct store_hit {
	int64_t id;
	const char *title; /* pointers valid until the callback returns */
	const char *url;
	const char *feed;
	const char *snippet; /* with SEARCH_HL_ON / SEARCH_HL_OFF marks, or NULL */
	int64_t time;
	int unread;
	double score;
};

/* Returns s as an FTS5 string (in double quotes, inner quotes doubled), which
 * the caller owns: FTS5 reads it as a phrase, never as syntax. */
char *store_fts_quote(const char *s);

/* A page of results of a query with words is ranked (BM25, see nr_bm25 in
 * search.c) among the matches in the newest STORE_SEARCH_WINDOW articles that
 * hold the query's words (phrases taken as words, NOT and qualifiers set
 * aside), or offset + limit articles when more. When that range holds n
 * matches, fewer than the page needs (want), the range is made as many times
 * larger as want * 1.25 / n says, and at least STORE_SEARCH_GROW times, up to
 * STORE_SEARCH_STEPS ranges in all; then every match is ranked. Every match is
 * ranked too when fewer articles hold the words, and at once when a range
 * holds no match. With no limit, every match is ranked. Ranking every match of
 * a word found in most of 100,000 articles takes longer than a reader should
 * wait. */
#define STORE_SEARCH_WINDOW 2000
#define STORE_SEARCH_GROW 4
#define STORE_SEARCH_STEPS 3

/* Calls cb for each article matching q (NULL = all), best first, skipping
 * offset and stopping after limit (0 = no limit) or when cb returns non-zero. */
int store_search(struct store *st, const struct query_node *q, size_t offset, size_t limit,
                 int (*cb)(const struct store_hit *, void *), void *arg, char **cause);
/* Sets *ids (the caller frees it) to the n articles matching q, best first,
 * as store_search with no limit gives them, without reading their columns
 * or snippets. */
int store_search_ids(struct store *st, const struct query_node *q, int64_t **ids, size_t *n,
                     char **cause);
/* Sets *n to the number of articles matching q. */
int store_search_count(struct store *st, const struct query_node *q, size_t *n, char **cause);

#endif
