/* fuzz_text.c - the plain-text importer on any bytes. */
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "text/import.h"
#include "util/utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc d;
	char *text = utf8_repair((const char *)data, size, NULL);
	size_t i;

	doc_init(&d);
	import_text(text, strlen(text), &d);
	if (d.title == NULL || d.npara == 0)
		abort();
	for (i = 0; i < d.npara; i++)
		if (d.paras[i].text[0] == '\0' && i > 0)
			abort(); /* empty paragraphs are never kept */
	doc_free(&d);
	free(text);
	return 0;
}
