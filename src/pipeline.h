/* pipeline.h - the one way an article enters the database: analyze, then store. */
#ifndef NR_PIPELINE_H
#define NR_PIPELINE_H

#include <stdint.h>

#include "doc.h"
#include "storage/store.h"

/* Stores d under feed_id (0 = an imported file) and, when it is new or its text
 * changed, analyzes it and stores the analysis. Call inside a transaction.
 * *id and *status (either may be NULL) as for store_article_put. */
int pipeline_put(struct store *st, struct doc *d, int64_t feed_id, int64_t *id, int *status,
                 char **cause);
/* Analyzes stored article id again and stores the result. Call inside a transaction. */
int pipeline_reanalyze(struct store *st, int64_t id, char **cause);

#endif
