/* pipeline.h - the one way an article enters the database: analyze, then store. */
#ifndef NR_PIPELINE_H
#define NR_PIPELINE_H

#include <stdint.h>

#include "analysis/analysis.h"
#include "doc.h"
#include "storage/store.h"

/* Stores d under feed_id (0 = an imported file) and, when it is new or its text
 * changed, analyzes it and stores the analysis. Call inside a transaction.
 * *id and *status (either may be NULL) as for store_article_put. */
int pipeline_put(struct store *st, struct doc *d, int64_t feed_id, int64_t *id, int *status,
                 char **cause);
/* The same as pipeline_put with d already analyzed: a was made by dup_mark(d)
 * then analysis_run(d, a), e.g. on another thread (the analyzer touches no
 * shared state). a is stored only when d is new or changed; it stays the
 * caller's (the user's decisions may edit it). */
int pipeline_put_analyzed(struct store *st, struct doc *d, struct analysis *a, int64_t feed_id,
                          int64_t *id, int *status, char **cause);
/* Analyzes article id again, in a transaction of its own, when the analysis
 * stored for it is missing or older than this analyzer's (so a reader opening
 * an article after an upgrade sees the new rules). 0, or -1 with *cause. */
int pipeline_refresh(struct store *st, int64_t id, char **cause);
/* Analyzes stored article id again and stores the result. Call inside a transaction. */
int pipeline_reanalyze(struct store *st, int64_t id, char **cause);

#endif
