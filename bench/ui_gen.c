/* ui_gen.c - fills a database with invented articles and their analysis, for
 * the reader's benchmark (bench/ui.sh) and for looking at the reader with a
 * big store: ui_gen DB N [FEEDS]. Articles go through the storage API; the
 * analysis is made up along with the text (the analyzer is not timed here).
 * FEEDS > 0 spreads the articles over that many feeds; one in twenty is in
 * two feeds (with 200 feeds: all of feeds 1, 21, 41... are in the next one too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storage/feeds.h"
#include "storage/store.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const struct {
	const char *name;
	enum ent_kind kind;
} names[] = {
    {"Norvik Semiconductor", ENT_COMPANY},
    {"Talvera Bank", ENT_COMPANY},
    {"Ostrava Rail", ENT_COMPANY},
    {"Maritime Safety Bureau", ENT_AGENCY},
    {"Grain Export Authority", ENT_AGENCY},
    {"Japan", ENT_COUNTRY},
    {"Brazil", ENT_COUNTRY},
    {"Kestrel Bay", ENT_PLACE},
    {"Mara Lindqvist", ENT_PERSON},
    {"Tomas Erikse", ENT_PERSON},
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static const char *const verbs[] = {"expanded", "questioned", "delayed", "approved", "reviewed"};
static const char *const things[] = {"its export licences", "a port dredging plan",
                                     "the chip plant in the north", "new capital rules",
                                     "a rail merger"};

static unsigned long rng = 88172645463325252UL;

static unsigned
pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

struct gen {
	struct doc d;
	struct analysis a;
};

/* Adds a mention of entity e at [start, end) of paragraph p. */
static void
mention(struct gen *g, size_t e, size_t p, size_t start, size_t end)
{
	g->a.ments = xreallocarray(g->a.ments, g->a.nments + 1, sizeof(*g->a.ments));
	g->a.ments[g->a.nments].entity = e;
	g->a.ments[g->a.nments].para = p;
	g->a.ments[g->a.nments].start = start;
	g->a.ments[g->a.nments].end = end;
	g->a.nments++;
}

/* Makes article i: a headline, a few paragraphs naming entities, a quote. */
static void
make(struct gen *g, size_t i)
{
	size_t e1 = pick(3), e2 = 3 + pick(2), e3 = 5 + pick(3), who = 8 + pick(2), p, k, q;
	struct buf b = BUF_INIT;
	char *key;
	size_t j;

	memset(g, 0, sizeof(*g));
	doc_init(&g->d);
	g->a.ents = xcalloc(NNAMES, sizeof(*g->a.ents));
	for (j = 0; j < NNAMES; j++) {
		g->a.ents[j].name = xstrdup(names[j].name);
		g->a.ents[j].kind = names[j].kind;
	}
	g->a.nents = NNAMES;
	key = xasprintf("bench:%zu", i);
	g->d.key = key;
	g->d.published = 1700000000 + (int64_t)i * 60;
	buf_printf(&b, "%s %s %s, story %zu", names[e1].name, verbs[pick(5)], things[pick(5)], i);
	doc_add_para(&g->d, b.data, b.len);
	g->d.title = xstrdup(b.data);
	mention(g, e1, 0, 0, strlen(names[e1].name));
	for (p = 1; p <= 6; p++) {
		buf_reset(&b);
		k = p % 3 == 1 ? e1 : p % 3 == 2 ? e2 : e3;
		buf_printf(&b, "%s %s %s on Tuesday, in a move watched closely in %s. ",
		           names[k].name, verbs[pick(5)], things[pick(5)], names[e3].name);
		mention(g, k, p, 0, strlen(names[k].name));
		q = b.len;
		buf_printf(&b, "\"We will keep working with %s on this,\" said %s.", names[e2].name,
		           names[who].name);
		mention(g, e2, p, q + strlen("\"We will keep working with "),
		        q + strlen("\"We will keep working with ") + strlen(names[e2].name));
		mention(g, who, p, b.len - 1 - strlen(names[who].name), b.len - 1);
		g->a.stmts = xreallocarray(g->a.stmts, g->a.nstmts + 1, sizeof(*g->a.stmts));
		memset(&g->a.stmts[g->a.nstmts], 0, sizeof(g->a.stmts[0]));
		g->a.stmts[g->a.nstmts].speaker = (long)who;
		g->a.stmts[g->a.nstmts].direct = 1;
		g->a.stmts[g->a.nstmts].cue = xstrdup("said");
		g->a.stmts[g->a.nstmts].para = g->a.stmts[g->a.nstmts].para_end = p;
		g->a.stmts[g->a.nstmts].start = q + 1;
		g->a.stmts[g->a.nstmts].end = q + strlen("\"We will keep working with ") +
		                              strlen(names[e2].name) + strlen(" on this,");
		g->a.nstmts++;
		doc_add_para(&g->d, b.data, b.len);
	}
	/* one article in ten repeats its body, as badly syndicated copies do */
	if (i % 10 == 0)
		for (p = 1; p <= 6; p++) {
			doc_add_para(&g->d, g->d.paras[p].text, strlen(g->d.paras[p].text));
			for (j = 0, k = g->a.nments; j < k; j++)
				if (g->a.ments[j].para == p)
					mention(g, g->a.ments[j].entity, p + 6, g->a.ments[j].start,
					        g->a.ments[j].end);
		}
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	struct store *st;
	struct gen g;
	char *cause = NULL, *url, *title;
	int added;
	size_t n, i, nfeeds = 0;
	int64_t id, *feeds = NULL;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: ui_gen DB N [FEEDS]\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	if (argc == 4)
		nfeeds = strtoul(argv[3], NULL, 10);
	if (store_open(argv[1], 0, &st, &cause) != 0 || store_begin(st, &cause) != 0)
		goto fail;
	feeds = xcalloc(nfeeds + 1, sizeof(*feeds));
	for (i = 0; i < nfeeds; i++) {
		url = xasprintf("http://127.0.0.1:9/feed-%04zu.xml", i + 1);
		title = xasprintf("Wire feed %04zu", i + 1);
		if (store_feed_add(st, url, "cli", &feeds[i], &added, &cause) != 0 ||
		    store_feed_default_title(st, feeds[i], title, &cause) != 0 ||
		    (i % 7 == 0 && store_feed_add_tag(st, feeds[i], "economy", &cause) != 0))
			goto fail;
		free(url);
		free(title);
	}
	for (i = 0; i < n; i++) {
		make(&g, i);
		if (store_article_put(st, &g.d, nfeeds ? feeds[i % nfeeds] : 0, &id, NULL,
		                      &cause) != 0 ||
		    store_analysis_put(st, id, &g.d, &g.a, &cause) != 0)
			goto fail;
		/* one story in twenty comes in the next feed too, as wire copy does
		 * (with FEEDS a multiple of 20: every story of one feed in twenty) */
		if (nfeeds > 1 && i % 20 == 0 &&
		    store_article_put(st, &g.d, feeds[(i + 1) % nfeeds], NULL, NULL, &cause) != 0)
			goto fail;
		doc_free(&g.d);
		analysis_free(&g.a);
		if (i % 5000 == 4999 &&
		    (store_commit(st, &cause) != 0 || store_begin(st, &cause) != 0))
			goto fail;
	}
	if (store_commit(st, &cause) != 0)
		goto fail;
	free(feeds);
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "ui_gen: %s\n", cause);
	return 1;
}
