/* fuzz_feed.c - the feed parser and item rendering on any bytes. */
#include <stdlib.h>
#include <string.h>

#include "feed/feed.h"
#include "tests/fuzz/fuzz.h"
#include "util/utf8.h"

static void
fuzz_check_text(const char *s)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed f;
	struct doc d;
	char *cause = NULL;
	size_t i;

	if (feed_parse((const char *)data, size, "http://127.0.0.1/feeds/f.xml", NULL, &f,
	               &cause) != 0) {
		free(cause);
		return 0;
	}
	fuzz_check_text(f.title);
	for (i = 0; i < f.nitems; i++) {
		fuzz_check_text(f.items[i].title);
		fuzz_check_text(f.items[i].summary);
		if (feed_item_doc(&f, &f.items[i], &d, &cause) == 0) {
			if (d.key == NULL || d.npara == 0)
				abort();
			doc_free(&d);
		} else
			free(cause);
		cause = NULL;
	}
	feed_free(&f);
	return 0;
}
