/* fuzz_urls.c - the newsboat urls-file parser on any bytes. */
#include <stdlib.h>
#include <string.h>

#include "feed/urls.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct urls_list l;
	size_t i;

	memset(&l, 0, sizeof(l));
	urls_parse((const char *)data, size, "urls", &l);
	for (i = 0; i < l.n; i++)
		if (!urls_valid(l.v[i].url))
			abort(); /* only URLs that pass the check are kept */
	urls_free(&l);
	return 0;
}
