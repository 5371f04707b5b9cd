/* feed.h - a parsed feed: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1. */
#ifndef NR_FEED_H
#define NR_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct feed_enclosure {
	char *url;
	char *type;     /* or NULL */
	int64_t length; /* bytes, 0 = unknown */
};

struct feed_item {
	char *id;          /* guid / id as given, or NULL */
	char *title;       /* plain text, entities decoded, markup removed; or NULL */
	char *link;        /* absolute URL, or NULL */
	char *author;      /* plain text, or NULL */
	int64_t published; /* UTC seconds, 0 = none */
	int64_t updated;
	char *summary; /* plain text, or NULL */
	char *content; /* HTML as given (content:encoded, atom:content, content_html), or NULL */
	char *summary_html; /* the summary as HTML (RSS description as given, text escaped):
	                       what feed_item_doc renders when there is no content; or NULL */
	char *base;         /* the content's explicit xml:base, resolved, or NULL */
	struct feed_enclosure *encs;
	size_t nencs;
	char **cats;
	size_t ncats;
};

struct feed {
	char *format; /* "rss", "rdf", "atom", "json" */
	char *title;  /* plain text, or NULL */
	char *link;   /* the site, absolute, or NULL */
	char *subtitle;
	char *id;
	char *author;
	char *language;
	int64_t updated;
	int ttl_minutes; /* <ttl> or sy:updatePeriod, 0 = none */
	struct feed_item *items;
	size_t nitems;
};

/* Parses len bytes fetched from url (may be NULL; used to resolve relative
 * links) with the HTTP Content-Type content_type (may be NULL; its charset is
 * used when the document names none). Network access and entity expansion
 * are off. Returns 0 with *out filled (free with feed_free), or -1 with *cause
 * (the caller's), e.g. "an HTML page, not a feed; it links to a feed at URL".
 * No state is kept between calls: threads may parse feeds at the same time once
 * the main thread has called xmlInitParser() (and json_object_seed(0)). */
int feed_parse(const char *data, size_t len, const char *url, const char *content_type,
               struct feed *out, char **cause);
void feed_free(struct feed *f);
/* Turns item it of feed f into an article: the key (guid/id, else link, else a
 * hash of title and date), fields, and the content (or summary) rendered to
 * paragraphs with the title as paragraph 0; summary_only set when the feed gave
 * only a summary. d is the caller's, to free with doc_free. Returns 0 or -1 with *cause. */
int feed_item_doc(const struct feed *f, const struct feed_item *it, struct doc *d, char **cause);

#endif
