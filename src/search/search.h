/* search.h - searching articles with the query language (src/search/query.h),
 * for the command line and the UI. */
#ifndef NR_SEARCH_H
#define NR_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "storage/store.h"

/* Snippets mark matched words with these bytes (never present in stored text:
 * the renderer drops control characters); a caller prints them as it likes. */
#define SEARCH_HL_ON '\x02'
#define SEARCH_HL_OFF '\x03'

struct search_hit {
	int64_t id;
	char *title;
	char *url;     /* or NULL */
	char *feed;    /* title of a feed carrying it, or NULL for imports */
	char *snippet; /* text around the matches, with SEARCH_HL_* marks; or NULL */
	int64_t time;
	int unread;
	double score; /* BM25 (lower is better); 0 when the query has no words */
};

struct search_page {
	struct search_hit *hits;
	size_t n;
	int more; /* 1 when results go on after this page */
};

/* Runs query (the search language) and fills *out with results offset ..
 * offset+limit-1, best first (by BM25 when the query has words, else newest
 * first). The caller frees out with search_page_free. A malformed query fails
 * with *cause "search: column N: ...". */
int search_run(struct store *st, const char *query, size_t offset, size_t limit,
               struct search_page *out, char **cause);
void search_page_free(struct search_page *p);
/* Sets *n to the number of articles matching query. */
int search_count(struct store *st, const char *query, size_t *n, char **cause);

#endif
