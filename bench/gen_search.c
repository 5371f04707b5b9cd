/* gen_search.c - builds a database of N generated articles for the search
 * benchmark (bench/search.sh): wire-style text from a fixed vocabulary, with
 * company and agency names that the analysis marks as entities (twelve common
 * companies, six agencies with aliases, and one company in 500 articles), so
 * that both word queries and qualifiers have something realistic to find.
 *
 * usage: gen_search DB N   (deterministic for the same N) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storage/store.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static const char *const common[] = {
    "the",      "a",         "of",      "to",     "in",      "and",       "said",     "on",
    "for",      "with",      "by",      "at",     "from",    "its",       "was",      "has",
    "would",    "after",     "over",    "year",   "market",  "shares",    "prices",   "government",
    "minister", "report",    "week",    "plan",   "talks",   "deal",      "sales",    "rules",
    "growth",   "court",     "trade",   "export", "chips",   "energy",    "bank",     "rates",
    "workers",  "strike",    "port",    "rail",   "tariff",  "inflation", "budget",   "election",
    "council",  "investors", "quarter", "profit", "loss",    "licence",   "probe",    "merger",
    "supply",   "demand",    "factory", "memory", "storage", "network",   "security", "data",
    "cloud",
};
#define NCOMMON (sizeof(common) / sizeof(common[0]))

static const char *const companies[] = {
    "Micron Technology",     "Veltrix Memory",       "Corvan Systems",  "Brightwater Lines",
    "Sorensen Microdevices", "Halcyon Therapeutics", "Ostbahn Freight", "Kestrel Energy",
    "Norland Rail",          "Pellucid Networks",    "Ardent Foods",    "Quayside Bank",
};
static const char *const agencies[] = {
    "Cyberspace Administration of China",
    "Office of Digital Trade",
    "Harbour Authority",
    "Competition Commission",
    "Medicines Agency",
    "Ministry of Commerce",
};
static const char *const agency_alias[] = {"CAC", "ODT", "HA", "CC", "MA", "MOFCOM"};
/* a company named in one article in 500: a qualifier that few articles meet */
static const char rare_company[] = "Tamsin Biolabs";

/* Appends a rare word: one of 50,000 made-up words, so most are seldom seen. */
static void
rare_word(struct buf *b)
{
	static const char *const syl[] = {"ka",  "lo",   "mi", "ren", "tas", "vo",  "zu",  "pel",
	                                  "dra", "quin", "so", "bek", "ny",  "tor", "wha", "gel"};
	uint32_t r = next() % 50000;

	buf_adds(b, syl[r % 16]);
	buf_adds(b, syl[(r / 16) % 16]);
	buf_adds(b, syl[(r / 256) % 16]);
	if (r >= 4096)
		buf_adds(b, syl[(r / 4096) % 16]);
}

struct gen {
	struct analysis a;
	struct doc d;
};

/* Appends name to paragraph b as a mention of entity ent in paragraph para. */
static void
mention(struct analysis *a, struct buf *b, size_t ent, size_t para)
{
	a->ments = xreallocarray(a->ments, a->nments + 1, sizeof(*a->ments));
	a->ments[a->nments].entity = ent;
	a->ments[a->nments].para = para;
	a->ments[a->nments].start = b->len;
	buf_adds(b, a->ents[ent].name);
	a->ments[a->nments].end = b->len;
	a->nments++;
}

static size_t
entity(struct analysis *a, const char *name, enum ent_kind kind, const char *alias)
{
	size_t i;

	for (i = 0; i < a->nents; i++)
		if (strcmp(a->ents[i].name, name) == 0)
			return i;
	a->ents = xreallocarray(a->ents, a->nents + 1, sizeof(*a->ents));
	memset(&a->ents[a->nents], 0, sizeof(a->ents[0]));
	a->ents[a->nents].name = xstrdup(name);
	a->ents[a->nents].kind = kind;
	if (alias != NULL) {
		a->ents[a->nents].aliases = xcalloc(1, sizeof(char *));
		a->ents[a->nents].aliases[0] = xstrdup(alias);
		a->ents[a->nents].naliases = 1;
	}
	return a->nents++;
}

static void
make_article(struct gen *g, long i)
{
	struct buf b = BUF_INIT;
	size_t p, w, nwords, c;
	char key[32];

	memset(&g->a, 0, sizeof(g->a));
	doc_init(&g->d);
	snprintf(key, sizeof(key), "bench:%ld", i);
	g->d.key = xstrdup(key);
	g->d.published = 1700000000 + (int64_t)i * 300;
	/* headline */
	buf_add(&b, "", 0);
	c = next() % 12;
	if (next() % 3 == 0)
		mention(&g->a, &b, entity(&g->a, companies[c], ENT_COMPANY, NULL), 0);
	else
		rare_word(&b);
	for (w = 0; w < 6; w++) {
		buf_addc(&b, ' ');
		buf_adds(&b, common[next() % NCOMMON]);
	}
	g->d.title = xstrdup(buf_str(&b));
	doc_add_para(&g->d, b.data, b.len);
	for (p = 1; p <= 4; p++) {
		buf_reset(&b);
		buf_add(&b, "", 0);
		nwords = 25 + next() % 20;
		for (w = 0; w < nwords; w++) {
			uint32_t r = next() % 100;

			if (w > 0)
				buf_addc(&b, ' ');
			if (r < 2)
				mention(&g->a, &b,
				        entity(&g->a, companies[next() % 12], ENT_COMPANY, NULL),
				        p);
			else if (r < 3) {
				c = next() % 6;
				mention(&g->a, &b,
				        entity(&g->a, agencies[c], ENT_AGENCY, agency_alias[c]), p);
			} else if (r < 15)
				rare_word(&b);
			else
				buf_adds(&b, common[next() % NCOMMON]);
		}
		if (p == 1 && i % 500 == 250) {
			buf_addc(&b, ' ');
			mention(&g->a, &b, entity(&g->a, rare_company, ENT_COMPANY, NULL), p);
		}
		buf_addc(&b, '.');
		doc_add_para(&g->d, b.data, b.len);
	}
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	struct store *st;
	struct gen g;
	char *cause = NULL;
	long n, i;
	int64_t id;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: gen_search DB N\n");
		return 2;
	}
	if (store_open(argv[1], 0, &st, &cause) != 0) {
		fprintf(stderr, "gen_search: %s\n", cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i % 5000 == 0 &&
		    (i > 0 ? store_commit(st, &cause) : 0) + store_begin(st, &cause))
			goto fail;
		make_article(&g, i);
		if (store_article_put(st, &g.d, 0, &id, NULL, &cause) != 0 ||
		    store_analysis_put(st, id, &g.d, &g.a, &cause) != 0)
			goto fail;
		if (i % 7 == 0)
			store_article_set_unread(st, id, 0, &cause);
		analysis_free(&g.a);
		doc_free(&g.d);
	}
	if (store_commit(st, &cause) != 0)
		goto fail;
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "gen_search: %s\n", cause);
	store_close(st);
	return 1;
}
