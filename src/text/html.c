/* html.c - not written yet; its owner replaces this file. */
#include "text/html.h"

#include "util/xmalloc.h"

int
html_render(const char *html, size_t len, const char *base_url, struct doc *d, char **title,
	    char **cause)
{
	*cause = xstrdup("HTML rendering not implemented yet");
	return -1;
}
