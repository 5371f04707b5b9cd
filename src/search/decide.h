/* decide.h - the user's entity decisions applied to analyses (src/search/decide.c). */
#ifndef NR_DECIDE_H
#define NR_DECIDE_H

#include <stdint.h>

#include "analysis/analysis.h"
#include "storage/store.h"
#include "storage/user.h"

/* Edits a, the fresh analysis of article article_id, by the stored decisions:
 * rejected entities go (with their mentions; statements lose them as
 * speaker), kinds are set, merged entities become their target, aliases are
 * added. Called by the pipeline between analysis and storing. */
int decide_apply(struct store *st, int64_t article_id, struct analysis *a, char **cause);
/* Records dec and analyzes again every stored article it may change, all in
 * one transaction; *nchanged (may be NULL) gets the number of articles. */
int decide_record(struct store *st, const struct store_decision *dec, size_t *nchanged,
                  char **cause);

#endif
