/* html.h - HTML to readable text, with libxml2's HTML parser. */
#ifndef NR_HTML_H
#define NR_HTML_H

#include <stddef.h>

#include "doc.h"

/* Renders len bytes of HTML into paragraphs appended to d->paras, numbering its
 * links into d->links ("[n]" after the link text; relative ones resolved
 * against base_url when given). When title is not NULL it gets the <title>, or
 * else the first <h1>, as a string the caller owns, or NULL when there is none.
 * Returns 0, or -1 with *cause (the caller's) when the input cannot be parsed. */
int html_render(const char *html, size_t len, const char *base_url, struct doc *d, char **title,
                char **cause);

/* Returns href (surrounding white space ignored) resolved against base (may
 * be NULL), as a string the caller owns, or NULL for links that lead nowhere a
 * reader can go: empty, fragment-only, javascript:, data:, vbscript:. */
char *html_resolve(const char *href, const char *base);
/* Returns s (n bytes) as one line of plain text: character references decoded,
 * tags removed when markup is set (a '<' not starting a tag is kept), script and
 * style dropped, white space collapsed, controls removed, invalid UTF-8
 * replaced. The string is the caller's; NULL when nothing is left. */
char *html_plain(const char *s, size_t n, int markup);

#endif
