/* pipeline.c - analysis happens here, once per new or changed article, so that
 * a refetch of unchanged items costs no analysis at all. */
#include "pipeline.h"

#include "analysis/analysis.h"
#include "search/backup.h"
#include "search/decide.h"
#include "storage/user.h"

/* Stores analysis a of article id (d), after the user's decisions; a stays the caller's. */
static int
pipeline_store_analysis(struct store *st, int64_t id, struct doc *d, struct analysis *a,
                        char **cause)
{
	/* the user's entity decisions outrank the analyzer */
	if (decide_apply(st, id, a, cause) != 0)
		return -1;
	return store_analysis_put(st, id, d, a, cause);
}

static int
pipeline_analyze(struct store *st, int64_t id, struct doc *d, char **cause)
{
	struct analysis a;
	int rc;

	dup_mark(d);
	analysis_run(d, &a);
	rc = pipeline_store_analysis(st, id, d, &a, cause);
	analysis_free(&a);
	return rc;
}

/* pipeline_put, with the analysis given (a) or made here (a NULL). */
static int
pipeline_put_with(struct store *st, struct doc *d, struct analysis *a, int64_t feed_id,
                  int64_t *idp, int *statusp, char **cause)
{
	int64_t id;
	int status;

	/* the analysis below is stored in the caller's transaction too */
	if (store_article_put_analyzed(st, d, feed_id, ANALYSIS_VERSION, &id, &status, cause) != 0)
		return -1;
	if (idp != NULL)
		*idp = id;
	if (statusp != NULL)
		*statusp = status;
	if (status == STORE_PUT_SAME)
		return 0;
	/* a restored backup may hold the reader's data for this article */
	if (status == STORE_PUT_NEW && backup_apply_pending(st, id, d, cause) != 0)
		return -1;
	/* notes follow their quoted text to where it now is */
	if (status == STORE_PUT_CHANGED && store_note_reanchor(st, id, d, cause) != 0)
		return -1;
	if (a != NULL)
		return pipeline_store_analysis(st, id, d, a, cause);
	return pipeline_analyze(st, id, d, cause);
}

int
pipeline_put(struct store *st, struct doc *d, int64_t feed_id, int64_t *idp, int *statusp,
             char **cause)
{
	return pipeline_put_with(st, d, NULL, feed_id, idp, statusp, cause);
}

int
pipeline_put_analyzed(struct store *st, struct doc *d, struct analysis *a, int64_t feed_id,
                      int64_t *idp, int *statusp, char **cause)
{
	return pipeline_put_with(st, d, a, feed_id, idp, statusp, cause);
}

int
pipeline_reanalyze(struct store *st, int64_t id, char **cause)
{
	struct doc d;
	int rc;

	if (store_article_get(st, id, &d, cause) != 0)
		return -1;
	rc = pipeline_analyze(st, id, &d, cause);
	doc_free(&d);
	return rc;
}

int
pipeline_refresh(struct store *st, int64_t id, char **cause)
{
	int v = store_analysis_version(st, id, cause);

	if (v < 0)
		return -1;
	if (v >= ANALYSIS_VERSION)
		return 0;
	if (store_begin(st, cause) != 0)
		return -1;
	if (pipeline_reanalyze(st, id, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}
