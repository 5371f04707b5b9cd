/* ner.c - not written yet; its owner replaces this file. */
#include <string.h>

#include "analysis/analysis.h"

void
analysis_run(const struct doc *d, struct analysis *out)
{
	memset(out, 0, sizeof(*out));
}

void
dup_mark(struct doc *d)
{
	size_t i, j;

	for (i = 1; i < d->npara; i++)
		for (j = 1; j < i; j++)
			if (d->paras[j].dup_of < 0 && strcmp(d->paras[i].text, d->paras[j].text) == 0) {
				d->paras[i].dup_of = (int)j;
				break;
			}
}
