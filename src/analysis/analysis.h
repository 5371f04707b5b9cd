/* analysis.h - what the analyzer finds in one article: entities, their mentions,
 * and statements (who said what). Offsets are UTF-8 byte offsets into
 * doc->paras[para].text, end exclusive. */
#ifndef NR_ANALYSIS_H
#define NR_ANALYSIS_H

#include <stddef.h>

#include "doc.h"

/* Bumped whenever the analyzer's output may change; stored articles analyzed
 * with an older version are analyzed again. */
#define ANALYSIS_VERSION 5

enum ent_kind { ENT_COMPANY, ENT_AGENCY, ENT_COUNTRY, ENT_PLACE, ENT_PERSON, ENT_ORG, ENT_NKINDS };

struct ana_entity {
	char *name; /* canonical name, e.g. "Micron Technology" */
	enum ent_kind kind;
	char **aliases; /* other names seen for it in this article */
	size_t naliases;
};

struct ana_mention {
	size_t entity; /* index into analysis.ents */
	size_t para;
	size_t start, end;
};

struct ana_statement {
	long speaker;       /* index into analysis.ents, or -1 when unresolved */
	char *speaker_text; /* the words naming the speaker ("the company"), or NULL */
	int direct;         /* 1 = quoted words, 0 = reported speech */
	char *cue;          /* "said", "according to", "citing" ... or NULL */
	size_t para;        /* paragraph where the statement starts */
	size_t start, end;  /* the said text; end is in para_end */
	size_t para_end;    /* == para unless a quote runs over paragraphs */
};

struct analysis {
	struct ana_entity *ents;
	size_t nents;
	struct ana_mention *ments;
	size_t nments;
	struct ana_statement *stmts;
	size_t nstmts;
};

/* Returns the lower-case name of a kind ("company"), or NULL when out of range. */
const char *ent_kind_name(enum ent_kind k);
/* Returns the kind named s, or -1. */
int ent_kind_parse(const char *s);
/* Frees what a owns and zeroes it. */
void analysis_free(struct analysis *a);

/* Finds the entities and statements of d into out (zeroed first; the caller
 * frees it with analysis_free). Any input gives a result; never fails. */
void analysis_run(const struct doc *d, struct analysis *out);
/* Sets dup_of on each paragraph that repeats an earlier one (after whitespace
 * and quote-mark normalisation); the headline is never a duplicate. */
void dup_mark(struct doc *d);

#endif
