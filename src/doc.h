/* doc.h - one article in memory: what every stage of the pipeline passes on. */
#ifndef NR_DOC_H
#define NR_DOC_H

#include <stddef.h>
#include <stdint.h>

struct doc_para {
	char *text; /* valid UTF-8, no NUL; may hold '\n' (pre blocks, <br>) */
	int dup_of; /* index of an earlier identical paragraph, or -1 (see dup_mark) */
};

struct doc {
	char *key;         /* stable identity: guid/id, link, hash, or "file:PATH" */
	char *url;         /* link to the article, or NULL */
	char *title;       /* plain text; also paras[0] once rendered */
	char *author;      /* plain text or NULL */
	int64_t published; /* UTC seconds, 0 = unknown */
	int64_t updated;   /* UTC seconds, 0 = unknown */
	char *source;      /* content as given (HTML or text), or NULL */
	int source_is_html;
	int summary_only;       /* the feed gave only a summary */
	struct doc_para *paras; /* paras[0] is the headline, body from 1 */
	size_t npara;
	char **links; /* numbered links of the rendered text, [1] in text = links[0] */
	size_t nlinks;
};

/* Zeroes d; nothing is allocated. */
void doc_init(struct doc *d);
/* Frees everything d owns and zeroes it. */
void doc_free(struct doc *d);
/* Appends a copy of text (n bytes) as a paragraph; returns its index. */
size_t doc_add_para(struct doc *d, const char *text, size_t n);
/* Appends a copy of url to the link list; returns its 1-based number. */
size_t doc_add_link(struct doc *d, const char *url);
/* Replaces d->title with a copy of s (NULL clears it). */
void doc_set(char **field, const char *s);

#endif
