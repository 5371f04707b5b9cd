/* doc.c - the in-memory article. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

void
doc_free(struct doc *d)
{
	size_t i;

	free(d->key);
	free(d->url);
	free(d->title);
	free(d->author);
	free(d->source);
	for (i = 0; i < d->npara; i++)
		free(d->paras[i].text);
	free(d->paras);
	for (i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	free(d->links);
	doc_init(d);
}

size_t
doc_add_para(struct doc *d, const char *text, size_t n)
{
	d->paras = xreallocarray(d->paras, d->npara + 1, sizeof(*d->paras));
	d->paras[d->npara].text = xstrndup(text, n);
	d->paras[d->npara].dup_of = -1;
	return d->npara++;
}

size_t
doc_add_link(struct doc *d, const char *url)
{
	d->links = xreallocarray(d->links, d->nlinks + 1, sizeof(*d->links));
	d->links[d->nlinks++] = xstrdup(url);
	return d->nlinks;
}

void
doc_set(char **field, const char *s)
{
	free(*field);
	*field = s != NULL ? xstrdup(s) : NULL;
}
