/* fuzz_opml.c - OPML import on any bytes. */
#include <stdlib.h>
#include <string.h>

#include "feed/opml.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct urls_list l;
	char *cause = NULL;
	size_t i;

	memset(&l, 0, sizeof(l));
	if (opml_parse((const char *)data, size, "f.opml", &l, &cause) == 0) {
		for (i = 0; i < l.n; i++)
			if (l.v[i].url == NULL)
				abort();
	} else if (cause == NULL)
		abort(); /* a refused file always says why */
	free(cause);
	urls_free(&l);
	return 0;
}
