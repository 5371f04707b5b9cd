/* opml.h - OPML 1.0/2.0 subscription lists, read and written with libxml2. */
#ifndef NR_OPML_H
#define NR_OPML_H

#include <stddef.h>

#include "feed/urls.h"
#include "storage/feeds.h"
#include "util/buf.h"

/* Parses an OPML document (len bytes; name is used in messages) into out (the
 * caller's; urls_free): each outline with an xmlUrl is a feed, its text (or
 * title) the title, the outlines around it and its category attribute its
 * tags. Outlines whose xmlUrl is not http(s) are skipped with a warning.
 * Network access and entity expansion are off. 0, or -1 with *cause. */
int opml_parse(const char *data, size_t len, const char *name, struct urls_list *out, char **cause);
/* Appends an OPML 2.0 document listing the n feeds to out, tags in each
 * outline's category attribute. 0, or -1 with *cause. */
int opml_write(const struct store_feed *feeds, size_t n, struct buf *out, char **cause);

#endif
