/* import.h - single articles from plain-text and HTML files. */
#ifndef NR_IMPORT_H
#define NR_IMPORT_H

#include <stddef.h>

#include "doc.h"

#define IMPORT_MAX_BYTES (32u << 20) /* larger files are refused, not truncated */

/* Plain text: the first non-empty line is the headline; when the rest has blank
 * lines, paragraphs are blank-line-separated blocks with inner line breaks
 * joined by spaces, else each non-empty line is a paragraph. text must be
 * valid UTF-8. Fills d->title and d->paras. */
void import_text(const char *text, size_t len, struct doc *d);
/* HTML: the title from <title>, else the first <h1>; the body rendered to
 * paragraphs. Returns 0, or -1 with *cause (the caller's) when nothing readable is in it. */
int import_html(const char *html, size_t len, struct doc *d, char **cause);
/* Returns 1 when a file of this name and content is HTML rather than text. */
int import_is_html(const char *name, const char *data, size_t len);
/* Reads path ("-" = standard input) into d, with its key ("file:" and the real
 * path, or "stdin:" and a hash of the headline) and source. *nbad gets the
 * number of invalid UTF-8 sequences replaced. Returns 0, or -1 with *cause. */
int import_file(const char *path, struct doc *d, size_t *nbad, char **cause);
/* Reads all of path ("-" = stdin), at most max bytes, into *data (the caller's,
 * NUL-terminated) and *len. Returns 0, or -1 with *cause naming the file. */
int import_read(const char *path, size_t max, char **data, size_t *len, char **cause);

#endif
