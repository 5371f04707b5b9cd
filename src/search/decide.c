/* decide.c - the user's word on entities outranks the analyzer's: decisions
 * are kept by name and applied to every fresh analysis, so they survive a
 * re-analysis, a new analyzer version and a re-fetch. */
#include "search/decide.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pipeline.h"
#include "util/xmalloc.h"

/* 1 when e is called name, or has it as an alias. */
static int
decide_matches(const struct ana_entity *e, const char *name)
{
	size_t i;

	if (strcasecmp(e->name, name) == 0)
		return 1;
	for (i = 0; i < e->naliases; i++)
		if (strcasecmp(e->aliases[i], name) == 0)
			return 1;
	return 0;
}

/* Returns the index of the first entity of a matching name, or -1. */
static long
decide_find(const struct analysis *a, const char *name, long skip)
{
	size_t i;

	for (i = 0; i < a->nents; i++)
		if ((long)i != skip && decide_matches(&a->ents[i], name))
			return (long)i;
	return -1;
}

static void
decide_add_alias(struct ana_entity *e, const char *alias)
{
	if (decide_matches(e, alias))
		return;
	e->aliases = xreallocarray(e->aliases, e->naliases + 1, sizeof(*e->aliases));
	e->aliases[e->naliases++] = xstrdup(alias);
}

/* Removes entity idx from a. Its mentions and statements go to entity into, or
 * when into is -1 the mentions are dropped and the statements lose their speaker. */
static void
decide_remove(struct analysis *a, size_t idx, long into)
{
	struct ana_entity *e = &a->ents[idx];
	size_t i, j;

	if (into >= 0) {
		decide_add_alias(&a->ents[into], e->name);
		for (i = 0; i < e->naliases; i++)
			decide_add_alias(&a->ents[into], e->aliases[i]);
	}
	for (i = 0, j = 0; i < a->nments; i++) {
		if (a->ments[i].entity == idx) {
			if (into < 0)
				continue;
			a->ments[i].entity = (size_t)into;
		}
		if (a->ments[i].entity > idx)
			a->ments[i].entity--;
		a->ments[j++] = a->ments[i];
	}
	a->nments = j;
	for (i = 0; i < a->nstmts; i++) {
		if (a->stmts[i].speaker == (long)idx)
			a->stmts[i].speaker = into;
		if (a->stmts[i].speaker > (long)idx)
			a->stmts[i].speaker--;
	}
	free(e->name);
	for (i = 0; i < e->naliases; i++)
		free(e->aliases[i]);
	free(e->aliases);
	memmove(&a->ents[idx], &a->ents[idx + 1], (a->nents - idx - 1) * sizeof(*a->ents));
	a->nents--;
}

/* Makes every entity called name part of the entity called into; when there
 * is none called into, the first one takes that name. */
static void
decide_merge(struct analysis *a, const char *name, const char *into)
{
	long to = decide_find(a, into, -1);
	size_t i = 0;

	while (i < a->nents) {
		struct ana_entity *e = &a->ents[i];

		if ((long)i == to || !decide_matches(e, name) || decide_matches(e, into)) {
			i++;
			continue;
		}
		if (to < 0) {
			decide_add_alias(e, e->name);
			free(e->name);
			e->name = xstrdup(into);
			to = (long)i++;
			continue;
		}
		decide_remove(a, i, to);
		if (to > (long)i)
			to--;
	}
}

/* 1 when the entity named name is rejected in article_id: a decision on that
 * article outranks one on every article. */
static int
decide_rejected(const struct store_decision *v, size_t n, const struct ana_entity *e,
                int64_t article_id)
{
	int global = 0, local = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((v[i].action != STORE_DECIDE_REJECT && v[i].action != STORE_DECIDE_CONFIRM) ||
		    !decide_matches(e, v[i].name))
			continue;
		if (v[i].article_id == 0)
			global = v[i].action == STORE_DECIDE_REJECT;
		else if (v[i].article_id == article_id)
			local = v[i].action == STORE_DECIDE_REJECT;
	}
	return local >= 0 ? local : global;
}

int
decide_apply(struct store *st, int64_t article_id, struct analysis *a, char **cause)
{
	struct store_decision *v;
	size_t n, i;
	long e, other;
	int k;

	if (store_decision_list(st, &v, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		switch (v[i].action) {
		case STORE_DECIDE_ALIAS:
			if ((e = decide_find(a, v[i].name, -1)) < 0)
				break;
			/* an entity found under the alias is the same one */
			while ((other = decide_find(a, v[i].value, e)) >= 0) {
				decide_remove(a, (size_t)other, e);
				if (other < e)
					e--;
			}
			decide_add_alias(&a->ents[e], v[i].value);
			break;
		case STORE_DECIDE_MERGE:
			decide_merge(a, v[i].name, v[i].value);
			break;
		case STORE_DECIDE_KIND:
			if ((k = ent_kind_parse(v[i].value)) < 0)
				break;
			for (e = 0; (size_t)e < a->nents; e++)
				if (decide_matches(&a->ents[e], v[i].name))
					a->ents[e].kind = (enum ent_kind)k;
			break;
		default:
			break;
		}
	}
	for (i = a->nents; i-- > 0;)
		if (decide_rejected(v, n, &a->ents[i], article_id))
			decide_remove(a, i, -1);
	store_decision_free(v, n);
	return 0;
}

/* Adds to *ids those of add it does not hold yet. */
static void
decide_union(int64_t **ids, size_t *n, const int64_t *add, size_t nadd)
{
	size_t i, j;

	for (i = 0; i < nadd; i++) {
		for (j = 0; j < *n; j++)
			if ((*ids)[j] == add[i])
				break;
		if (j < *n)
			continue;
		*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = add[i];
	}
}

int
decide_record(struct store *st, const struct store_decision *dec, size_t *nchanged, char **cause)
{
	int64_t *ids = NULL, *more;
	size_t n = 0, nmore, i;

	if (store_begin(st, cause) != 0)
		return -1;
	if (store_decision_add(st, dec, cause) != 0)
		goto fail;
	if (dec->article_id > 0) {
		ids = xmalloc(sizeof(*ids));
		ids[n++] = dec->article_id;
	} else {
		if (store_decision_affected(st, dec->name, &ids, &n, cause) != 0)
			goto fail;
		if (dec->value != NULL && dec->action != STORE_DECIDE_KIND) {
			if (store_decision_affected(st, dec->value, &more, &nmore, cause) != 0)
				goto fail;
			decide_union(&ids, &n, more, nmore);
			free(more);
		}
	}
	for (i = 0; i < n; i++)
		if (pipeline_reanalyze(st, ids[i], cause) != 0)
			goto fail;
	if (store_commit(st, cause) != 0)
		goto fail_free;
	if (nchanged != NULL)
		*nchanged = n;
	free(ids);
	return 0;
fail:
	store_rollback(st);
fail_free:
	free(ids);
	return -1;
}
