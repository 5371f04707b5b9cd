/* fuzz_query.c - the search query parser on any bytes: a tree or a message. */
#include <stdlib.h>
#include <string.h>

#include "search/query.h"
#include "tests/fuzz/fuzz.h"
#include "util/xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size), *cause = NULL, *again;
	struct query_node *q = NULL;

	if (query_parse(text, 1700000000, &q, &cause) == 0 && q != NULL) {
		/* what the parser prints back must parse again */
		again = query_format(q);
		query_free(q);
		q = NULL;
		if (again != NULL && query_parse(again, 1700000000, &q, &cause) != 0)
			abort();
		query_free(q);
		free(again);
	} else if (q == NULL && cause != NULL && cause[0] == '\0')
		abort(); /* a refused query always says why */
	free(cause);
	free(text);
	return 0;
}
