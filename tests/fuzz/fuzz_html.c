/* fuzz_html.c - the HTML renderer on any bytes. */
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "text/html.h"
#include "util/utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc d;
	char *title = NULL, *cause = NULL;
	size_t i;

	doc_init(&d);
	if (html_render((const char *)data, size, "http://127.0.0.1/a/b.html", &d, &title,
	                &cause) == 0) {
		/* the renderer promises valid UTF-8 without control characters but newlines */
		for (i = 0; i < d.npara; i++)
			for (const char *p = d.paras[i].text; *p != '\0'; p++)
				if ((unsigned char)*p < 0x20 && *p != '\n')
					abort();
		for (i = 0; i < d.npara; i++)
			if (!utf8_valid(d.paras[i].text, strlen(d.paras[i].text)))
				abort();
	}
	free(title);
	free(cause);
	doc_free(&d);
	return 0;
}
