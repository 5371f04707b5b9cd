/* export.c - not written yet. */
#include "search/export.h"

#include <string.h>

#include "util/xmalloc.h"

int
export_format_parse(const char *s)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		return EXPORT_MD;
	if (strcmp(s, "json") == 0)
		return EXPORT_JSON;
	if (strcmp(s, "csv") == 0)
		return EXPORT_CSV;
	return -1;
}

int
export_write(struct store *st, const char *query, enum export_format fmt, FILE *out, char **cause)
{
	*cause = xstrdup("export: not written yet");
	return -1;
}
