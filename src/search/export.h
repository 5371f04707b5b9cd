/* export.h - articles with their statements, highlights and notes in formats
 * other tools read (src/search/export.c). */
#ifndef NR_EXPORT_H
#define NR_EXPORT_H

#include <stdio.h>

#include "storage/store.h"

enum export_format { EXPORT_MD, EXPORT_JSON, EXPORT_CSV };

/* Returns the format named s ("md", "markdown", "json", "csv") or -1. */
int export_format_parse(const char *s);
/* Writes the articles matching query (NULL or "" = every article that has a
 * note, a tag or a statement) to out in fmt. */
int export_write(struct store *st, const char *query, enum export_format fmt, FILE *out,
                 char **cause);

#endif
