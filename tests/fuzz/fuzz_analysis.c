/* fuzz_analysis.c - the analyzer on any text: offsets must stay inside their paragraph. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "tests/fuzz/fuzz.h"
#include "text/import.h"
#include "util/utf8.h"

static void
fuzz_check_span(const struct doc *d, size_t para, size_t start, size_t end)
{
	if (para >= d->npara || start > end || end > strlen(d->paras[para].text))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc d;
	struct analysis a;
	char *text = utf8_repair((const char *)data, size, NULL);
	size_t i;

	doc_init(&d);
	import_text(text, strlen(text), &d);
	dup_mark(&d);
	analysis_run(&d, &a);
	for (i = 0; i < a.nments; i++) {
		if (a.ments[i].entity >= a.nents)
			abort();
		fuzz_check_span(&d, a.ments[i].para, a.ments[i].start, a.ments[i].end);
	}
	for (i = 0; i < a.nstmts; i++) {
		if (a.stmts[i].speaker >= (long)a.nents || a.stmts[i].para_end < a.stmts[i].para)
			abort();
		fuzz_check_span(&d, a.stmts[i].para, a.stmts[i].start,
		                a.stmts[i].para == a.stmts[i].para_end
		                    ? a.stmts[i].end
		                    : strlen(d.paras[a.stmts[i].para].text));
		fuzz_check_span(&d, a.stmts[i].para_end, 0, a.stmts[i].end);
	}
	analysis_free(&a);
	doc_free(&d);
	free(text);
	return 0;
}
