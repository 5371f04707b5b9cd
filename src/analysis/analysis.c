/* analysis.c - the analysis result type. */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

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
