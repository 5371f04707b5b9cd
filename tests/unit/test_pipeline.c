/* test_pipeline.c - articles enter through the pipeline: analyzed when new or
 * changed, and analyzed again when an older analyzer made what is stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pipeline.h"
#include "util/xmalloc.h"

static void
mkdoc(struct doc *d, const char *title, const char *body)
{
	doc_init(d);
	d->key = xstrdup("pipeline-test");
	d->title = xstrdup(title);
	doc_add_para(d, title, strlen(title));
	doc_add_para(d, body, strlen(body));
}

static void
test_refresh(void **state)
{
	char dir[] = "/tmp/nr-test-pipeline-XXXXXX", *path, *cause = NULL, *cmd;
	struct store *st;
	struct analysis a;
	struct doc d;
	int64_t id, id2;
	int status;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/db", dir);
	assert_int_equal(store_open(path, 0, &st, &cause), 0);
	mkdoc(&d, "Harbour board fines Kestrel Shipping",
	      "The Kestrel Harbour Authority said on Monday that Kestrel Shipping Ltd broke "
	      "the rules.");
	assert_int_equal(store_begin(st, &cause), 0);
	assert_int_equal(pipeline_put(st, &d, 0, &id, &status, &cause), 0);
	assert_int_equal(store_commit(st, &cause), 0);
	assert_int_equal(status, STORE_PUT_NEW);
	/* the version goes in with the new row, and the analysis with it */
	assert_int_equal(store_analysis_version(st, id, &cause), ANALYSIS_VERSION);
	assert_int_equal(store_analysis_get(st, id, &a, &cause), 0);
	assert_true(a.nstmts >= 1);
	analysis_free(&a);
	/* a new article stored past the pipeline is not analyzed */
	free(d.key);
	d.key = xstrdup("pipeline-test-plain");
	assert_int_equal(store_article_put(st, &d, 0, &id2, &status, &cause), 0);
	assert_int_equal(status, STORE_PUT_NEW);
	assert_int_equal(store_analysis_version(st, id2, &cause), 0);
	/* stored past the pipeline (as an older newsroom left it): not analyzed */
	doc_free(&d);
	mkdoc(&d, "Harbour board fines Kestrel Shipping again",
	      "Kestrel Shipping Ltd said on Tuesday that it would appeal the fine.");
	assert_int_equal(store_article_put(st, &d, 0, &id, &status, &cause), 0);
	assert_int_equal(status, STORE_PUT_CHANGED);
	assert_int_equal(store_analysis_version(st, id, &cause), 0);
	assert_int_equal(pipeline_refresh(st, id, &cause), 0);
	assert_int_equal(store_analysis_version(st, id, &cause), ANALYSIS_VERSION);
	assert_int_equal(store_analysis_get(st, id, &a, &cause), 0);
	assert_true(a.nstmts >= 1);
	assert_true(a.stmts[0].para == 1);
	analysis_free(&a);
	/* an up-to-date article is left alone */
	assert_int_equal(pipeline_refresh(st, id, &cause), 0);
	/* an unknown article is an error that says so */
	assert_int_equal(pipeline_refresh(st, id + 100, &cause), -1);
	assert_non_null(strstr(cause, "no article"));
	free(cause);
	doc_free(&d);
	store_close(st);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refresh),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
