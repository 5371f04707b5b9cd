/* analysis.c - the analysis result type, and analysis_run: the passes in order
 * (tokens, quotation marks, entities, statements) and the result built from them. */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/ana_int.h"
#include "util/xmalloc.h"

static const char *const ent_kind_names[ENT_NKINDS] = {
    "company", "agency", "country", "place", "person", "org",
};

const char *
ent_kind_name(enum ent_kind k)
{
	if ((int)k < 0 || k >= ENT_NKINDS)
		return NULL;
	return ent_kind_names[k];
}

int
ent_kind_parse(const char *s)
{
	int i;

	for (i = 0; i < ENT_NKINDS; i++)
		if (strcmp(s, ent_kind_names[i]) == 0)
			return i;
	return -1;
}

void
analysis_free(struct analysis *a)
{
	size_t i, j;

	for (i = 0; i < a->nents; i++) {
		free(a->ents[i].name);
		for (j = 0; j < a->ents[i].naliases; j++)
			free(a->ents[i].aliases[j]);
		free(a->ents[i].aliases);
	}
	free(a->ents);
	free(a->ments);
	for (i = 0; i < a->nstmts; i++) {
		free(a->stmts[i].speaker_text);
		free(a->stmts[i].cue);
	}
	free(a->stmts);
	memset(a, 0, sizeof(*a));
}

/* Returns the canonical name of entity i: its gazetteer name, or the words of
 * its first full mention with white space made single spaces. The caller owns it. */
static char *
ana_name(const struct actx *x, size_t i)
{
	const struct ent *e = &x->e[i];
	const char *s;
	char *out;
	size_t k, start, end, o = 0;
	int sp = 0;

	if (e->canon != NULL)
		return xstrdup(e->canon);
	s = x->d->paras[x->t[e->name_t0].para].text;
	start = x->t[e->name_t0].start;
	end = x->t[e->name_t1 - 1].end;
	if (end < start)
		end = start;
	out = xmalloc(end - start + 1); /* the name is never longer than its text */
	for (k = start; k < end; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = 1;
			continue;
		}
		if (c == 0xc2 && k + 1 < end && (unsigned char)s[k + 1] == 0xa0) {
			sp = 1;
			k++;
			continue;
		}
		if (sp)
			out[o++] = ' ';
		sp = 0;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/* Adds the text of mention m to the aliases of oe unless it is its name or known. */
static void
ana_alias(const struct actx *x, const struct ment *m, struct ana_entity *oe)
{
	const char *s = x->d->paras[x->t[m->t0].para].text + x->t[m->t0].start;
	size_t n = x->t[m->t1 - 1].end - x->t[m->t0].start, j;

	if (m->flags & MF_DESC || oe->naliases >= 32 || n == 0 ||
	    x->t[m->t0].para != x->t[m->t1 - 1].para)
		return;
	if (strncmp(oe->name, s, n) == 0 && oe->name[n] == '\0')
		return;
	for (j = 0; j < oe->naliases; j++)
		if (strncmp(oe->aliases[j], s, n) == 0 && oe->aliases[j][n] == '\0')
			return;
	oe->aliases = xreallocarray(oe->aliases, oe->naliases + 1, sizeof(*oe->aliases));
	oe->aliases[oe->naliases++] = xstrndup(s, n);
}

void
analysis_run(const struct doc *d, struct analysis *out)
{
	struct actx x;
	long *map;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.d = d;
	tok_run(&x);
	quote_scan(&x);
	ner_run(&x);
	quote_attribute(&x, out);
	map = xmalloc((x.ne + 1) * sizeof(*map));
	for (i = 0; i < x.ne; i++)
		map[i] = -1;
	out->ments = xreallocarray(NULL, x.nm + 1, sizeof(*out->ments));
	out->ents = xreallocarray(NULL, x.ne + 1, sizeof(*out->ents));
	for (i = 0; i < x.nm; i++) {
		const struct ment *m = &x.m[i];
		struct ana_mention *om;

		if (m->ent < 0)
			continue;
		if (map[m->ent] < 0) {
			struct ana_entity *oe = &out->ents[out->nents];

			memset(oe, 0, sizeof(*oe));
			oe->name = ana_name(&x, (size_t)m->ent);
			oe->kind = ner_kind(&x, (size_t)m->ent);
			map[m->ent] = (long)out->nents++;
		}
		ana_alias(&x, m, &out->ents[map[m->ent]]);
		om = &out->ments[n++];
		om->entity = (size_t)map[m->ent];
		om->para = x.t[m->t0].para;
		om->start = x.t[m->t0].start;
		om->end = x.t[m->t1 - 1].para == om->para ? x.t[m->t1 - 1].end : x.t[m->t0].end;
	}
	out->nments = n;
	for (i = 0; i < out->nstmts; i++)
		if (out->stmts[i].speaker >= 0)
			out->stmts[i].speaker = map[out->stmts[i].speaker];
	free(map);
	free(x.t);
	free(x.pfirst);
	free(x.m);
	free(x.e);
	free(x.q);
}
