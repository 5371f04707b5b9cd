/* ner.c - entities in layers: gazetteer names, then runs of capitalised words
 * (with sentence-start handling), typed by cue words around them (company
 * suffixes, agency heads, titles, first names, appositions), then joined per
 * article: short forms, surnames, acronyms and "Long Name (ACR)" definitions
 * join the first full form, and descriptions ("the company") stand for the
 * most recent entity of their kind. */
#include <stdlib.h>
#include <string.h>

#include "analysis/ana_int.h"
#include "util/xmalloc.h"

#define RUN_MAX 8 /* longer runs of capitals are headlines or shouting, not names */

/* A map from 64-bit keys to entity indexes, open addressing, per article. */
struct hmap {
	uint64_t *k;
	int32_t *v;
	size_t cap, n;
};

static int32_t
hmap_get(const struct hmap *m, uint64_t k)
{
	size_t i;

	if (m->cap == 0)
		return -1;
	for (i = (size_t)k & (m->cap - 1); m->v[i] >= 0; i = (i + 1) & (m->cap - 1))
		if (m->k[i] == k)
			return m->v[i];
	return -1;
}

/* Sets k to v unless k is already there (the first wins). */
static void
hmap_add(struct hmap *m, uint64_t k, int32_t v)
{
	size_t i, j, oldcap = m->cap;
	uint64_t *ok = m->k;
	int32_t *ov = m->v;

	if (hmap_get(m, k) >= 0)
		return;
	if ((m->n + 1) * 2 > m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->k = xcalloc(m->cap, sizeof(*m->k));
		m->v = xmalloc(m->cap * sizeof(*m->v));
		memset(m->v, 0xff, m->cap * sizeof(*m->v));
		m->n = 0;
		for (j = 0; j < oldcap; j++)
			if (ov[j] >= 0)
				hmap_add(m, ok[j], ov[j]);
		free(ok);
		free(ov);
	}
	for (i = (size_t)k & (m->cap - 1); m->v[i] >= 0; i = (i + 1) & (m->cap - 1))
		;
	m->k[i] = k;
	m->v[i] = v;
	m->n++;
}

/* Makes room for n keys in the empty map m, so that adding them never rehashes. */
static void
hmap_reserve(struct hmap *m, size_t n)
{
	size_t cap = 64;

	while ((n + 1) * 2 > cap)
		cap *= 2;
	m->cap = cap;
	m->n = 0;
	m->k = xcalloc(cap, sizeof(*m->k));
	m->v = xmalloc(cap * sizeof(*m->v));
	memset(m->v, 0xff, cap * sizeof(*m->v));
}

static void
hmap_free(struct hmap *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static uint32_t
roles(const struct actx *x, size_t i)
{
	return i < x->nt && x->t[i].type == TK_WORD && x->t[i].g != NULL ? x->t[i].g->roles : 0;
}

static int
is_word(const struct actx *x, size_t i)
{
	return i < x->nt && x->t[i].type == TK_WORD;
}

/* A capitalised word that may be part of a name found by capitals alone. */
static int
name_word(const struct actx *x, size_t i)
{
	return is_word(x, i) && (x->t[i].flags & (TF_CAP | TF_UPPER)) &&
	       !(roles(x, i) & (GAZ_NONENT | GAZ_COMMON));
}

static int
same_sent(const struct actx *x, size_t a, size_t b)
{
	return a < x->nt && b < x->nt && x->t[a].sent == x->t[b].sent;
}

/* Returns the length in tokens of the longest gazetteer name at i, with *gp. */
static size_t
gaz_match(const struct actx *x, size_t i, const struct gaz_entry **gp)
{
	uint64_t h = GAZ_SEED;
	const struct gaz_entry *g;
	size_t n, best = 0, k;
	int ok;

	*gp = NULL;
	for (n = 1; n <= GAZ_MAX_WORDS && i + n <= x->nt; n++) {
		const struct tok *t = &x->t[i + n - 1];

		if (t->type != TK_WORD && !(t->type == TK_PUNCT && t->ch == '&'))
			break;
		if (n > 1 && !same_sent(x, i, i + n - 1))
			break;
		h = gaz_seq_hash(h, t->h);
		if ((g = gaz_get(h)) == NULL)
			break;
		if ((g->roles & GAZ_NAMES) && g->nwords == n) {
			if (g->roles & GAZ_UPPER) {
				ok = 1;
				for (k = i; k < i + n; k++)
					if (x->t[k].type == TK_WORD &&
					    !(x->t[k].flags & TF_UPPER) &&
					    !((x->t[k].flags & TF_ABBR) &&
					      (x->t[k].flags & TF_CAP)))
						ok = 0;
			} else {
				ok = (x->t[i].flags & TF_CAP) &&
				     ((x->t[i + n - 1].flags & TF_CAP) ||
				      memchr(tok_text(x, i + n - 1), '\'', tok_len(x, i + n - 1)) !=
				          NULL ||
				      tok_len(x, i + n - 1) < 4);
			}
			if (ok) {
				best = n;
				*gp = g;
			}
		}
		if (!(g->roles & GAZ_PREFIX))
			break;
	}
	return best;
}

/* Returns the length of a title at i (President, Chief Executive, Mr.), or 0. */
static size_t
title_len(const struct actx *x, size_t i)
{
	const struct gaz_entry *g;
	size_t n, best = 0;

	for (n = 1; n <= 3 && i + n <= x->nt && is_word(x, i + n - 1); n++) {
		g = n == 1 ? x->t[i].g : tok_gaz(x, i, n);
		if (g == NULL)
			break;
		if ((g->roles & (GAZ_TITLE | GAZ_HONORIFIC)) && g->nwords == n)
			best = n;
		if (n > 1 && !(g->roles & GAZ_PREFIX))
			break;
		if (n == 1 && !(g->roles & GAZ_PREFIX))
			break;
	}
	return best;
}

static int
is_particle(const struct actx *x, size_t i)
{
	return is_word(x, i) && (x->t[i].flags & TF_LOWER) && (roles(x, i) & GAZ_CONNECTOR) &&
	       !tok_is(x, i, "of") && !tok_is(x, i, "for") && !tok_is(x, i, "and");
}

/* Returns 1 when the capitalised words from i end in a head word within a few
 * words ("Nurses and Midwives Union"). */
static int
head_ahead(const struct actx *x, size_t i)
{
	size_t k;

	for (k = i; k < i + 5 && k < x->nt; k++) {
		if (x->t[k].type == TK_POSS ||
		    (x->t[k].type == TK_QUOTE && (x->t[k].flags & TF_QSINGLE) && k > i))
			continue; /* Eastney Residents' Association */
		if (x->t[k].type != TK_WORD || !(x->t[k].flags & TF_CAP))
			return 0;
		if (roles(x, k) & (GAZ_AGHEAD | GAZ_ORGHEAD | GAZ_COSUFFIX))
			return 1;
	}
	return 0;
}

/* Returns the length of the run of capitalised words (and the small words
 * that may join them) starting at i. */
static size_t
run_len(const struct actx *x, size_t i)
{
	const struct gaz_entry *g;
	size_t j = i, end = i;
	int head = 0, conn = 0, complement = 0;

	while (j < x->nt && same_sent(x, i, j)) {
		if ((name_word(x, j) ||
		     /* "Canadian Markets Commission": a common word inside a name */
		     (j > i && is_word(x, j) && (x->t[j].flags & TF_CAP) &&
		      !(roles(x, j) & GAZ_NONENT) && head_ahead(x, j)) ||
		     /* in a name's of-complement any capital goes on with it: "Reserve
		      * Bank of New Zealand", "Union of Port and Harbour Workers" (common
		      * words elsewhere) */
		     ((conn > 0 || complement) && is_word(x, j) && (x->t[j].flags & TF_CAP) &&
		      !(roles(x, j) & GAZ_NONENT) &&
		      (gaz_match(x, j, &g) > 1 || !(roles(x, j) & GAZ_COMMON) || complement ||
		       (roles(x, j) & (GAZ_CONOUN | GAZ_AGNOUN | GAZ_PERSONNOUN))))) &&
		    (j == i || !(x->t[j].flags & TF_SSTART))) {
			if (roles(x, j) & (GAZ_AGHEAD | GAZ_ORGHEAD | GAZ_COSUFFIX | GAZ_TITLE))
				head = 1;
			end = ++j;
			conn = 0;
			if (end - i > RUN_MAX * 3)
				return end - i;
			continue;
		}
		/* "Free Shipbuilders' Union", "St. Brigid's University Hospital" */
		if (j > i && conn == 0 && j + 1 < x->nt && name_word(x, j + 1) &&
		    same_sent(x, i, j + 1) && !(roles(x, j - 1) & GAZ_NAMES) &&
		    !(j >= 2 && tok_gaz(x, j - 2, 2) != NULL &&
		      (tok_gaz(x, j - 2, 2)->roles & GAZ_NAMES)) &&
		    (x->t[j].type == TK_POSS ||
		     (x->t[j].type == TK_QUOTE && (x->t[j].flags & TF_QSINGLE) &&
		      tok_text(x, j - 1)[tok_len(x, j - 1) - 1] == 's')) &&
		    (roles(x, j + 1) & (GAZ_AGHEAD | GAZ_ORGHEAD | GAZ_COSUFFIX | GAZ_PLACEHEAD))) {
			j++;
			conn++;
			continue;
		}
		/* "and" joins inside a complement ("Ministry of Industry and Trade") or
		 * before a head ("Nurses and Midwives Union"); after a complete name it
		 * starts another ("Norvale Cloud and Ibercompute") */
		if (j > i && conn < 2 &&
		    (is_particle(x, j) || (x->t[j].type == TK_PUNCT && x->t[j].ch == '&') ||
		     ((head || head_ahead(x, j + 1)) &&
		      (tok_is(x, j, "of") || tok_is(x, j, "for"))) ||
		     (tok_is(x, j, "and") && (head_ahead(x, j + 1) || (head && complement))) ||
		     (conn == 1 && tok_is(x, j, "the") && tok_is(x, j - 1, "of")))) {
			complement |= tok_is(x, j, "of") || tok_is(x, j, "for");
			j++;
			conn++;
			continue;
		}
		break;
	}
	return end - i;
}

static struct ment *
ment_add(struct actx *x, size_t t0, size_t t1, const struct gaz_entry *g)
{
	struct ment *m;

	if (x->nm == x->capm) {
		x->capm = x->capm ? x->capm * 2 : 64;
		x->m = xreallocarray(x->m, x->capm, sizeof(*x->m));
	}
	m = &x->m[x->nm++];
	memset(m, 0, sizeof(*m));
	m->t0 = (uint32_t)t0;
	m->t1 = (uint32_t)t1;
	m->ent = -1;
	m->g = g;
	if (x->title_case_headline && x->t[t0].para == 0)
		m->flags |= MF_HEADLINE;
	return m;
}

static void
vote(struct ment *m, enum ent_kind k, int w)
{
	int v = m->votes[k] + w;

	m->votes[k] = (int8_t)(v > 100 ? 100 : v);
}

/* Skips back over adjectives and nouns before a name to the cue noun
 * ("memory chip maker Micron"): returns the roles of the word right before,
 * or of a cue within two words before. */
static uint32_t
cue_before(const struct actx *x, size_t t0, uint64_t *h)
{
	uint32_t r = 0;
	size_t k;

	for (k = t0; k > 0 && t0 - k < 2; k--) {
		if (!is_word(x, k - 1) || !same_sent(x, k - 1, t0) ||
		    !(x->t[k - 1].flags & TF_LOWER))
			break;
		r = roles(x, k - 1);
		if (r & (GAZ_CONOUN | GAZ_AGNOUN | GAZ_PERSONNOUN | GAZ_TITLE | GAZ_ORGHEAD)) {
			*h = x->t[k - 1].h;
			return r;
		}
	}
	return 0;
}

/* Roles of the cue noun in an apposition after a name: "X, the chip maker," */
static uint32_t
cue_after(const struct actx *x, size_t t1, uint64_t *h)
{
	size_t k;
	uint32_t r, found = 0;

	if (t1 >= x->nt || x->t[t1].type != TK_PUNCT || x->t[t1].ch != ',')
		return 0;
	for (k = t1 + 1; k < x->nt && k < t1 + 10 && same_sent(x, t1, k); k++) {
		if (x->t[k].type == TK_PUNCT || x->t[k].type == TK_QUOTE)
			break;
		r = roles(x, k);
		if ((x->t[k].flags & TF_LOWER) &&
		    (r & (GAZ_CONOUN | GAZ_AGNOUN | GAZ_PERSONNOUN)) &&
		    !(k + 1 < x->nt && x->t[k + 1].type == TK_POSS)) /* "the board's chair" */
			found = r,
			*h = x->t[k].h; /* the last noun is the head: "the group's director" */
		if (r & GAZ_SPEECH)
			break;
	}
	return found;
}

static int
speech_after(const struct actx *x, size_t t1)
{
	size_t k = t1;

	while (k < x->nt && (roles(x, k) & GAZ_AUX) && k < t1 + 2)
		k++;
	return (roles(x, k) & GAZ_SPEECH) && !(roles(x, k) & GAZ_PARTICIPLE);
}

/* Types the candidate [t0, t1) by its own words and the cues around it. */
static void
type_run(struct actx *x, struct ment *m, int titled)
{
	size_t t0 = m->t0, t1 = m->t1, k;
	uint32_t r, last = roles(x, t1 - 1), all = 0, before, after;
	int n = (int)(t1 - t0);

	for (k = t0; k < t1; k++) {
		all |= roles(x, k);
		if (is_particle(x, k))
			vote(m, ENT_PERSON, 3); /* Pieter van der Linden, Ahmad bin Rahman */
	}
	/* a head word needs a name with it: "Park" alone is a name, not a park */
	if (n >= 2 && (last & GAZ_COSUFFIX))
		vote(m, ENT_COMPANY, 4);
	else if (n >= 2 && (all & GAZ_COSUFFIX))
		vote(m, ENT_COMPANY, 2); /* Radio North, Bank Negara */
	if (n >= 2 && (last & GAZ_PLACEHEAD))
		vote(m, ENT_PLACE, 4);
	/* "the Tagus river", "the Sahel region": a place noun after the name */
	if (t1 < x->nt && same_sent(x, t0, t1) && x->t[t1].type == TK_WORD &&
	    (x->t[t1].flags & TF_LOWER) && (roles(x, t1) & GAZ_PLACEHEAD) &&
	    !(all & (GAZ_COSUFFIX | GAZ_AGHEAD | GAZ_ORGHEAD)))
		vote(m, ENT_PLACE, 4);
	if (all & GAZ_AGHEAD)
		vote(m, ENT_AGENCY, 5);
	if (all & GAZ_ORGHEAD)
		vote(m, ENT_ORG, 5);
	/* a city's or county's council governs: Portsmouth City Council */
	for (k = t0 + 1; k < t1; k++)
		if (tok_is(x, k, "council") &&
		    (tok_is(x, k - 1, "city") || tok_is(x, k - 1, "county") ||
		     tok_is(x, k - 1, "town") || tok_is(x, k - 1, "municipal") ||
		     tok_is(x, k - 1, "district") || tok_is(x, k - 1, "state") ||
		     tok_is(x, k - 1, "borough")))
			vote(m, ENT_AGENCY, 6);
	if (titled) {
		vote(m, ENT_PERSON, 5);
		m->flags |= MF_TITLE;
	}
	r = roles(x, t0);
	if ((r & GAZ_FIRST) && !(all & (GAZ_COSUFFIX | GAZ_AGHEAD | GAZ_ORGHEAD))) {
		vote(m, ENT_PERSON, n > 1 ? 3 : 1);
		m->gender = x->t[t0].g->gender;
	}
	before = cue_before(x, t0, &m->cueh);
	if (before & GAZ_CONOUN)
		vote(m, ENT_COMPANY, 3);
	else if (before & GAZ_AGNOUN)
		vote(m, ENT_AGENCY, 3);
	else if (before & (GAZ_PERSONNOUN | GAZ_TITLE))
		vote(m, ENT_PERSON, 3);
	else if (before & GAZ_ORGHEAD)
		vote(m, ENT_ORG, 3); /* the environmental network Rede Floresta Viva */
	after = cue_after(x, t1, &m->cueh);
	if (after & GAZ_CONOUN)
		vote(m, ENT_COMPANY, 2);
	else if (after & GAZ_AGNOUN)
		vote(m, ENT_AGENCY, 2);
	else if (after & GAZ_PERSONNOUN)
		vote(m, ENT_PERSON, 2);
	if (n >= 2 && n <= 3 && speech_after(x, t1))
		vote(m, ENT_PERSON, 1);
	/* in Cheongju, near Tromso, south of Rotterdam; not "in Quillpay's system" */
	if (t0 > 0 && same_sent(x, t0 - 1, t0) && !(t1 < x->nt && x->t[t1].type == TK_POSS) &&
	    (((roles(x, t0 - 1) & GAZ_LOCPREP) && (x->t[t0 - 1].flags & TF_LOWER)) ||
	     (tok_is(x, t0 - 1, "of") && t0 > 1 &&
	      (tok_is(x, t0 - 2, "south") || tok_is(x, t0 - 2, "north") ||
	       tok_is(x, t0 - 2, "east") || tok_is(x, t0 - 2, "west") ||
	       tok_is(x, t0 - 2, "outskirts")))))
		vote(m, ENT_PLACE, 2);
	/* analysts at Kestrel Rating, a spokesman for Acme */
	if (t0 > 1 &&
	    (tok_is(x, t0 - 1, "at") || tok_is(x, t0 - 1, "for") || tok_is(x, t0 - 1, "from")) &&
	    (roles(x, t0 - 2) & GAZ_PERSONNOUN))
		vote(m, ENT_COMPANY, 3);
	/* the agency of a dateline: "SEOUL, June 12 (Wirenews) -" */
	if (t0 > 0 && t1 + 1 < x->nt && x->t[t0 - 1].ch == '(' && x->t[t1].ch == ')' &&
	    x->t[t1 + 1].type == TK_PUNCT && x->t[t1 + 1].ch == '-' &&
	    t0 - x->pfirst[x->t[t0].para] < 12) {
		vote(m, ENT_COMPANY, 4);
		m->addressee = 1; /* it reports; "the bank said" is never the agency */
	}
}

static int
has_votes(const struct ment *m)
{
	int k;

	for (k = 0; k < ENT_NKINDS; k++)
		if (m->votes[k] > 0)
			return 1;
	return 0;
}

/* Words seen capitalised away from a sentence start, to judge a sentence's
 * first word by. */
static void
mid_caps(const struct actx *x, struct hmap *caps)
{
	size_t i, n = 0;

	for (i = 0; i < x->nt; i++)
		n += x->t[i].type == TK_WORD && (x->t[i].flags & TF_CAP);
	hmap_reserve(caps, n);
	for (i = x->title_case_headline ? x->pfirst[1] : 0; i < x->nt; i++)
		if (x->t[i].type == TK_WORD && (x->t[i].flags & TF_CAP) &&
		    (!(x->t[i].flags & TF_SSTART) ||
		     (i + 1 < x->nt && x->t[i + 1].type == TK_WORD &&
		      (x->t[i + 1].flags & TF_CAP) && !(roles(x, i) & GAZ_COMMON) &&
		      !(roles(x, i + 1) & GAZ_COMMON))))
			hmap_add(caps, x->t[i].h, 1);
}

static void add_run(struct actx *x, size_t a, size_t b, const struct hmap *caps);

/* Returns 1 when an apposition with a describing noun follows the word
 * before b: "Veltrix, the cloud software company, ..." */
static int
appositive(const struct actx *x, size_t b)
{
	uint64_t h;

	return b + 1 < x->nt && x->t[b].type == TK_PUNCT && x->t[b].ch == ',' &&
	       (tok_is(x, b + 1, "the") || tok_is(x, b + 1, "a") || tok_is(x, b + 1, "an")) &&
	       (cue_after(x, b, &h) & (GAZ_CONOUN | GAZ_AGNOUN | GAZ_PERSONNOUN)) != 0;
}

/* Adds the name at [a, b) after splitting off a title inside it. */
static void
add_run(struct actx *x, size_t a, size_t b, const struct hmap *caps)
{
	size_t k, tl = 0, j;
	uint32_t all = 0;
	struct ment *m;
	const struct gaz_entry *g;
	int of;

	while (a < b && !name_word(x, a))
		a++;
	/* a capital in an of-complement ends a name even when it is a common
	 * word: "the Federation of Banks", "Union of Port and Harbour Workers" */
	for (k = a, of = 0; k + 1 < b; k++)
		of |= tok_is(x, k, "of") || tok_is(x, k, "for");
	while (b > a && !name_word(x, b - 1) &&
	       !(of && b - 1 > a + 1 && (x->t[b - 1].flags & TF_CAP) &&
	         !(x->t[b - 1].flags & TF_SSTART)))
		b--;
	if (a >= b)
		return;
	for (k = a; k < b; k++) {
		if ((tl = title_len(x, k)) > 0 && k + tl < b) {
			all = 0;
			for (j = k + tl; j < b; j++)
				all |= roles(x, j);
			if (!(all & (GAZ_COSUFFIX | GAZ_AGHEAD | GAZ_ORGHEAD)))
				break;
		}
		tl = 0;
	}
	if (tl > 0) {
		if (k > a && gaz_match(x, a, &g) == k - a) {
			ment_add(x, a, k, g);
		} else if (k > a) {
			add_run(x, a, k, caps);
		}
		a = k + tl;
		/* "Deputy Governor Karen Whitlow": titles one after another */
		while ((tl = title_len(x, a)) > 0 && a + tl < b)
			a += tl;
		m = ment_add(x, a, b, NULL);
		type_run(x, m, 1);
		return;
	}
	if (b - a == 1 && title_len(x, a) == 1)
		return; /* a lone title names no one */
	                /* a sentence's first word is a name only with some sign of it */
	if (b - a == 1 && (x->t[a].flags & TF_SSTART) && !(x->t[a].flags & TF_UPPER) &&
	    !(roles(x, a) & GAZ_FIRST) && hmap_get(caps, x->t[a].h) < 0 &&
	    (!speech_after(x, b) || (roles(x, a) & (GAZ_CONOUN | GAZ_AGNOUN | GAZ_PERSONNOUN |
	                                            GAZ_ORGHEAD | GAZ_TITLE))) &&
	    !appositive(x, b) &&
	    /* "Ryanair's chief executive, ..." */
	    !(b + 1 < x->nt && x->t[b].type == TK_POSS &&
	      ((roles(x, b + 1) & (GAZ_TITLE | GAZ_PERSONNOUN)) || title_len(x, b + 1) > 0)))
		return;
	m = ment_add(x, a, b, NULL);
	type_run(x, m, 0);
	if (!has_votes(m) && b - a == 1 && (x->t[a].flags & TF_UPPER))
		vote(m, ENT_ORG, 1);
}

/* Pass 1: candidate names in text order. */
/* Returns 1 when the seat of government at [a, b) stands for its country:
 * it owns something or does something ("Beijing's bid", "Washington has",
 * "Washington, which has warned"), away from a dateline and "in". */
static int
metonym(const struct actx *x, size_t a, size_t b)
{
	size_t k = b;

	if ((x->t[a].flags & TF_PSTART) && (x->t[a].flags & TF_UPPER))
		return 0;
	if (k < x->nt && !(x->t[k].flags & TF_SPB) && x->t[k].type == TK_WORD)
		return 0; /* Stockholm-based */
	if (k + 1 < x->nt && x->t[k].ch == ',' && x->t[k].type == TK_PUNCT &&
	    (tok_is(x, k + 1, "which") || tok_is(x, k + 1, "who")))
		return 1;
	if (a > 0 && same_sent(x, a - 1, a) && (roles(x, a - 1) & GAZ_LOCPREP) &&
	    (x->t[a - 1].flags & TF_LOWER))
		return 0;
	if (k < x->nt && x->t[k].type == TK_POSS)
		return 1;
	/* the object of a verb: "blamed Reykjavik", "urged Beijing" */
	if (a > 0 && same_sent(x, a - 1, a) && x->t[a - 1].type == TK_WORD &&
	    (x->t[a - 1].flags & TF_LOWER) && tok_len(x, a - 1) > 3 &&
	    !(roles(x, a - 1) & (GAZ_LOCPREP | GAZ_COMMON)) &&
	    ((tok_text(x, a - 1)[tok_len(x, a - 1) - 2] == 'e' &&
	      tok_text(x, a - 1)[tok_len(x, a - 1) - 1] == 'd') ||
	     tok_text(x, a - 1)[tok_len(x, a - 1) - 1] == 's'))
		return 1;
	/* "Moscow, meanwhile, warned" */
	if (k + 2 < x->nt && x->t[k].type == TK_PUNCT && x->t[k].ch == ',' &&
	    x->t[k + 1].type == TK_WORD && x->t[k + 2].type == TK_PUNCT && x->t[k + 2].ch == ',')
		k += 3;
	/* "Paris and Berlin split": the second name's verb serves both */
	if (tok_is(x, k, "and") && k + 1 < x->nt && (x->t[k + 1].flags & TF_CAP)) {
		k += 2;
		while (k < x->nt && x->t[k].type == TK_WORD && (x->t[k].flags & TF_CAP))
			k++;
	}
	if (k + 1 < x->nt && x->t[k].ch == ',' && x->t[k].type == TK_PUNCT &&
	    (tok_is(x, k + 1, "which") || tok_is(x, k + 1, "who")))
		return 1;
	if (k >= x->nt || x->t[k].type != TK_WORD || !(x->t[k].flags & TF_LOWER) ||
	    !same_sent(x, a, k))
		return 0;
	if (roles(x, k) & (GAZ_AUX | GAZ_SPEECH | GAZ_QUOTECUE))
		return 1;
	/* a verb: wants, imposed, sees (not an -ing form or a noun it qualifies) */
	{
		const char *w = tok_text(x, k);
		size_t n = tok_len(x, k);

		return (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' &&
		        !(roles(x, k) & GAZ_COMMON)) ||
		       (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd');
	}
}

static void
collect(struct actx *x)
{
	const struct gaz_entry *g, *g2;
	struct hmap caps = {0};
	size_t i = 0, glen, rlen;
	struct ment *m;

	mid_caps(x, &caps);
	while (i < x->nt) {
		if (!is_word(x, i) || !(x->t[i].flags & (TF_CAP | TF_UPPER)) ||
		    (roles(x, i) & GAZ_NONENT)) {
			i++;
			continue;
		}
		glen = gaz_match(x, i, &g);
		rlen = run_len(x, i);
		if (rlen > RUN_MAX && glen == 0) {
			i += rlen;
			continue;
		}
		/* "Baltic Yards", "Jordan Keller": a known place or a given name
		 * that starts a longer name is part of it */
		if (glen > 0 && glen < rlen && rlen <= RUN_MAX &&
		    (((g->roles & GAZ_ENTITY) && g->kind != ENT_COUNTRY) ||
		     ((g->roles & GAZ_CAPITAL) && !(g->roles & GAZ_COUNTRY) && glen < rlen &&
		      head_ahead(x, i + glen)) ||
		     (glen == 1 && (roles(x, i) & GAZ_FIRST) && gaz_match(x, i + 1, &g2) == 0 &&
		      title_len(x, i + 1) == 0)))
			glen = 0;
		if (glen > 0 && (glen >= rlen || rlen > RUN_MAX)) {
			m = ment_add(x, i, i + glen, g);
			/* a seat of government is the country when it acts ("Beijing
			 * said", "Washington's curbs"), else the city */
			if ((g->roles & GAZ_CAPITAL) && !metonym(x, i, i + glen))
				m->flags |= MF_PLACE;
			i += glen;
			continue;
		}
		if (glen > 0) {
			uint32_t all = 0;
			size_t k;

			for (k = i + glen; k < i + rlen; k++)
				all |= roles(x, k);
			if (!(all & (GAZ_COSUFFIX | GAZ_AGHEAD | GAZ_ORGHEAD))) {
				ment_add(x, i, i + glen, g);
				i += glen;
				continue;
			}
		}
		if (rlen == 0) {
			i++;
			continue;
		}
		if (rlen >= 2 && !head_ahead(x, i)) {
			size_t k;
			const struct gaz_entry *g3;

			for (k = i + 1; k < i + rlen; k++)
				if (gaz_match(x, k, &g3) > 0 &&
				    (g3->roles & (GAZ_COUNTRY | GAZ_DEMONYM)))
					break;
			if (k < i + rlen) {
				add_run(x, i, k, &caps);
				i = k;
				continue;
			}
		}
		add_run(x, i, i + rlen, &caps);
		i += rlen;
	}
	hmap_free(&caps);
}

/* The hash of the words of a gazetteer name, as a run of tokens would hash. */
static uint64_t
str_hash(const char *s)
{
	uint64_t h = GAZ_SEED;
	const char *w;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		w = s;
		while (*s != '\0' && *s != ' ')
			s++;
		if (s > w)
			h = gaz_seq_hash(h, gaz_word_hash(w, (size_t)(s - w)));
	}
	return h;
}

static uint64_t
span_hash(const struct actx *x, size_t t0, size_t t1)
{
	uint64_t h = GAZ_SEED;
	size_t k;

	for (k = t0; k < t1; k++)
		h = gaz_seq_hash(h, x->t[k].h);
	return h;
}

static int32_t
ent_new(struct actx *x, const struct ment *m)
{
	struct ent *e;

	if (x->ne == x->cape) {
		x->cape = x->cape ? x->cape * 2 : 32;
		x->e = xreallocarray(x->e, x->cape, sizeof(*x->e));
	}
	e = &x->e[x->ne];
	memset(e, 0, sizeof(*e));
	e->name_t0 = m->t0;
	e->name_t1 = m->t1;
	e->fixed_kind = -1;
	if (m->g != NULL && !(m->flags & MF_PLACE)) {
		e->canon = m->g->canon;
		e->fixed_kind = (m->g->roles & GAZ_ENTITY) ? m->g->kind : ENT_COUNTRY;
	} else if (m->flags & MF_PLACE) {
		e->fixed_kind = ENT_PLACE;
		if (m->g != NULL)
			e->canon = m->g->key; /* BONN is Bonn */
	}
	return (int32_t)x->ne++;
}

static void
join(struct actx *x, struct ment *m, int32_t e)
{
	int k;

	m->ent = e;
	for (k = 0; k < ENT_NKINDS; k++)
		x->e[e].votes[k] += m->votes[k];
	if (m->cueh != 0 && x->e[e].ncue < 4)
		x->e[e].cue[x->e[e].ncue++] = m->cueh;
	if (m->gender != GAZ_G_NONE && x->e[e].gender == GAZ_G_NONE)
		x->e[e].gender = m->gender;
}

enum ent_kind
ner_kind(const struct actx *x, size_t i)
{
	const struct ent *e = &x->e[i];
	int k, best = 0, n; /* a tie goes to the kind listed first: agency before org */

	if (e->fixed_kind >= 0)
		return (enum ent_kind)e->fixed_kind;
	for (k = 0; k < ENT_NKINDS; k++)
		if (e->votes[k] > e->votes[best])
			best = k;
	if (e->votes[best] > 0)
		return (enum ent_kind)best;
	/* no cue at all: two or three words in title case are most often a person */
	n = (int)(e->name_t1 - e->name_t0);
	if (n >= 2 && n <= 3) {
		for (size_t t = e->name_t0; t < e->name_t1; t++)
			if (!(x->t[t].flags & TF_CAP) || (x->t[t].flags & TF_UPPER))
				return ENT_ORG;
		return ENT_PERSON;
	}
	return ENT_ORG;
}

/* The acronym of a name: the initials of its capitalised words. */
static uint64_t
acronym_hash(const struct actx *x, size_t t0, size_t t1)
{
	char buf[RUN_MAX + 1];
	size_t n = 0, k;

	for (k = t0; k < t1 && n < RUN_MAX; k++)
		if (x->t[k].type == TK_WORD && (x->t[k].flags & TF_CAP))
			buf[n++] = tok_text(x, k)[0];
	if (n < 2)
		return 0;
	return gaz_seq_hash(GAZ_SEED, gaz_word_hash(buf, n));
}

/* Registers the short forms entity e may later be called by. */
static void
register_forms(struct actx *x, struct hmap *alias, int32_t e, const struct ment *m)
{
	size_t n = m->t1 - m->t0, k;
	enum ent_kind kind = ner_kind(x, (size_t)e);
	uint64_t h;

	if (n < 2 || (m->flags & MF_PLACE))
		return;
	if (kind == ENT_PERSON) {
		/* the surname (with its particles: van der Linden), else the given
		 * name first in the name (Park Ji-hoon, Ahmad Faisal bin Rahman) */
		hmap_add(alias, gaz_seq_hash(GAZ_SEED, x->t[m->t1 - 1].h), e);
		for (k = m->t0 + 1; k < m->t1; k++)
			if (is_particle(x, k)) {
				hmap_add(alias, span_hash(x, k, m->t1), e);
				if (k >= m->t0 + 2) /* Salinas de la Fuente */
					hmap_add(alias, span_hash(x, k - 1, m->t1), e);
				if (k >= m->t0 + 2)
					hmap_add(alias, span_hash(x, m->t0, k), e);
				break;
			}
		hmap_add(alias, gaz_seq_hash(GAZ_SEED, x->t[m->t0].h), e);
		if (n >= 3) { /* Ocampo Benítez, Ahmad Faisal */
			hmap_add(alias, span_hash(x, m->t1 - 2, m->t1), e);
			hmap_add(alias, span_hash(x, m->t0, m->t0 + 2), e);
		}
	} else {
		const struct gaz_entry *g;

		/* short forms: Micron for Micron Technology, but not Kilkenny for
		 * Kilkenny County Council */
		for (k = m->t0 + 1; k < m->t1; k++)
			if (x->t[k - 1].type == TK_WORD && !(roles(x, k - 1) & GAZ_CONNECTOR) &&
			    (x->t[k - 1].flags & TF_CAP) &&
			    (kind == ENT_COMPANY || gaz_match(x, m->t0, &g) == 0))
				hmap_add(alias, span_hash(x, m->t0, k), e);
	}
	if ((h = acronym_hash(x, m->t0, m->t1)) != 0 && m->g == NULL)
		hmap_add(alias, h, e);
}

/* "Long Name (ACR)", "Long Name, known as Short,": the short form after a
 * name becomes its alias. */
static void
definitions(struct actx *x, struct hmap *alias)
{
	size_t i;

	for (i = 0; i < x->nm; i++) {
		struct ment *m = &x->m[i];
		size_t t = m->t1;

		if (m->ent < 0 || m->t1 - m->t0 < 2 || t + 2 >= x->nt)
			continue;
		if (x->t[t].type == TK_PUNCT && x->t[t].ch == '(' && x->t[t + 1].type == TK_WORD &&
		    (x->t[t + 1].flags & TF_UPPER) && x->t[t + 2].type == TK_PUNCT &&
		    x->t[t + 2].ch == ')') {
			hmap_add(alias, gaz_seq_hash(GAZ_SEED, x->t[t + 1].h), m->ent);
			/* the acronym inside the parentheses is a mention of it too */
			if (i + 1 < x->nm && x->m[i + 1].t0 == t + 1)
				x->m[i + 1].flags |= MF_DEFINED;
			continue;
		}
		/* "the Brazilian Federation of Banks, known as Febraban," */
		if (x->t[t].type != TK_PUNCT || (x->t[t].ch != ',' && x->t[t].ch != '('))
			continue;
		t += tok_is(x, t + 1, "also");
		if (t + 3 < x->nt && tok_is(x, t + 1, "known") && tok_is(x, t + 2, "as") &&
		    x->t[t + 3].type == TK_WORD && (x->t[t + 3].flags & (TF_CAP | TF_UPPER)) &&
		    (t + 4 >= x->nt || x->t[t + 4].type == TK_PUNCT)) {
			hmap_add(alias, gaz_seq_hash(GAZ_SEED, x->t[t + 3].h), m->ent);
			if (i + 1 < x->nm && x->m[i + 1].t0 == t + 3)
				x->m[i + 1].flags |= MF_DEFINED;
		}
	}
}

/* Pass 2: candidates become entities; longer names first, so that short
 * forms find the full name wherever it comes. */
static void
resolve(struct actx *x)
{
	struct hmap names = {0}, alias = {0};
	size_t i, pass;
	int32_t e;
	uint64_t h;

	hmap_reserve(&names, x->nm);
	for (pass = 0; pass < 4; pass++) {
		for (i = 0; i < x->nm; i++) {
			struct ment *m = &x->m[i];
			size_t n = m->t1 - m->t0;

			if (m->ent >= 0)
				continue;
			/* 0: gazetteer names; 1: longer names; 2: single words; 3: headline */
			if ((m->flags & MF_HEADLINE) != (pass == 3 ? MF_HEADLINE : 0))
				continue;
			if (pass == 0 && (m->g == NULL || (m->flags & MF_PLACE)))
				continue;
			if (pass == 1 && n < 2)
				continue;
			if (m->g != NULL && !(m->flags & MF_PLACE))
				h = str_hash(m->g->canon);
			else
				h = span_hash(x, m->t0, m->t1);
			if ((e = hmap_get(&names, h)) < 0 && !(m->flags & MF_PLACE) && m->g == NULL)
				e = hmap_get(&alias, h);
			if (e < 0 && (m->flags & MF_DEFINED) == 0 && pass == 2 && n == 1 &&
			    (x->t[m->t0].flags & TF_UPPER))
				e = hmap_get(&alias, h);
			if (e < 0 && pass == 3)
				continue;
			if (e < 0) {
				e = ent_new(x, m);
				hmap_add(&names, h, e);
				join(x, m, e);
				register_forms(x, &alias, e, m);
			} else {
				join(x, m, e);
			}
		}
		if (pass == 1)
			definitions(x, &alias);
	}
	hmap_free(&names);
	hmap_free(&alias);
}

static int
cmp_ment(const void *a, const void *b)
{
	const struct ment *p = a, *q = b;

	return p->t0 < q->t0 ? -1 : p->t0 > q->t0;
}

/* Returns 1 when the name of entity e has the word whose hash is h. */
static int
ent_has_word(const struct actx *x, const struct ent *e, uint64_t h)
{
	const char *p, *w;
	size_t k;
	int c;

	for (c = 0; c < e->ncue; c++)
		if (e->cue[c] == h)
			return 1;
	if (e->canon != NULL) {
		for (p = e->canon; *p != '\0';) {
			while (*p == ' ')
				p++;
			for (w = p; *p != '\0' && *p != ' '; p++)
				;
			if (p > w && gaz_word_hash(w, (size_t)(p - w)) == h)
				return 1;
		}
		return 0;
	}
	for (k = e->name_t0; k < e->name_t1; k++)
		if (x->t[k].h == h)
			return 1;
	return 0;
}

/* The kind a description's noun stands for ("company": a company), or -1. */
static int
noun_kind(const struct actx *x, size_t i)
{
	uint32_t r = roles(x, i);

	if (!((x->t[i].flags & TF_LOWER) || (x->t[i].flags & TF_SSTART)) || tok_len(x, i) < 2 ||
	    tok_text(x, i)[tok_len(x, i) - 1] == 's')
		return -1; /* plurals stand for no one entity */
	/* only an entity with that word in its name: an authority is no ministry */
	if (tok_is(x, i, "government") || tok_is(x, i, "court") || tok_is(x, i, "police") ||
	    tok_is(x, i, "ministry") || tok_is(x, i, "department") || tok_is(x, i, "parliament"))
		return 99;
	if (tok_is(x, i, "country") || tok_is(x, i, "kingdom") || tok_is(x, i, "nation") ||
	    tok_is(x, i, "republic") || tok_is(x, i, "emirate"))
		return ENT_COUNTRY;
	if (r & GAZ_AGNOUN)
		return ENT_AGENCY;
	if (r & GAZ_ORGHEAD)
		return ENT_ORG;
	if (r & GAZ_CONOUN)
		return ENT_COMPANY;
	return -1;
}

/* Returns 1 when the noun at k ends its noun phrase: "a group of", "a group,"
 * but not "a company spokesman", whose noun is spokesman. */
static int
ner_np_ends(const struct actx *x, size_t k)
{
	size_t n = k + 1;

	return n >= x->nt || x->t[n].type != TK_WORD || tok_is(x, n, "of") ||
	       tok_is(x, n, "that") || tok_is(x, n, "which") || tok_is(x, n, "who") ||
	       tok_is(x, n, "with") || tok_is(x, n, "led") || tok_is(x, n, "from") ||
	       tok_is(x, n, "has") || tok_is(x, n, "had") || tok_is(x, n, "have") ||
	       tok_is(x, n, "is") || tok_is(x, n, "was");
}

/* Returns 1 when "a group" (a, an or another before the noun at i) came in
 * since the previous paragraph: "A group of timber firms has urged the
 * regulator ... the group said" speaks of that new, unnamed group, not of
 * the last company named before it. */
static int
ner_indefinite_before(const struct actx *x, size_t i)
{
	size_t k;

	for (k = i; k > 1 && x->t[k - 1].para + 1 >= x->t[i].para; k--) {
		size_t d = k - 2;

		if (x->t[k - 1].h == x->t[i].h && x->t[d].type == TK_WORD &&
		    (tok_is(x, d, "a") || tok_is(x, d, "an") || tok_is(x, d, "another")) &&
		    ner_np_ends(x, k - 1))
			return 1;
	}
	return 0;
}

int32_t
ner_by_noun(const struct actx *x, size_t i, size_t before, int forward)
{
	long mi = 0, stop;
	size_t lo = 0, hi = x->nm;
	int kind = noun_kind(x, i), want;
	int32_t by_kind = -1, by_org = -1;

	if (kind < 0)
		return -1;
	while (lo < hi) { /* the last mention starting before `before` */
		size_t mid = (lo + hi) / 2;

		if (x->m[mid].t0 < before)
			lo = mid + 1;
		else
			hi = mid;
	}
	mi = (long)lo - 1;
	if (ner_indefinite_before(x, i))
		return -1;
	/* a group may be a company or another organisation */
	want = tok_is(x, i, "group") ? -2 : kind == 99 ? -3 : kind;
	for (stop = mi - 300; mi >= 0 && mi > stop; mi--) {
		const struct ment *m = &x->m[mi];
		int k;

		if (m->ent < 0)
			continue;
		/* "the airline" again stands for what "the airline" stood for, though
		 * another company came between */
		if (m->flags & MF_DESC) {
			if (x->t[m->t1 - 1].h == x->t[i].h)
				return m->ent;
			continue;
		}
		if (ent_has_word(x, &x->e[m->ent], x->t[i].h))
			return m->ent;
		if (m->addressee)
			continue;
		k = ner_kind(x, (size_t)m->ent);
		if (by_kind < 0 &&
		    (k == want || (want == -2 && (k == ENT_COMPANY || k == ENT_ORG))))
			by_kind = m->ent;
		if (by_org < 0 && want == ENT_AGENCY && k == ENT_ORG)
			by_org =
			    m->ent; /* "the agency" for a body the rules call an organisation */
	}
	if (by_kind < 0)
		by_kind = by_org;
	if (!forward)
		return by_kind;
	/* "..., their main association said." before the association is named */
	for (mi = (long)lo; mi < (long)x->nm && mi < (long)lo + 40; mi++) {
		const struct ment *m = &x->m[mi];

		if (m->ent >= 0 && !(m->flags & MF_DESC) && x->t[m->t0].para <= x->t[i].para + 1 &&
		    ent_has_word(x, &x->e[m->ent], x->t[i].h))
			return m->ent;
	}
	if (by_kind >= 0)
		return by_kind;
	/* a headline's "food agency says": the first of that kind named after it */
	for (mi = (long)lo; mi < (long)x->nm && mi < (long)lo + 40; mi++) {
		const struct ment *m = &x->m[mi];
		int k;

		if (m->ent < 0 || (m->flags & MF_DESC) || x->t[m->t0].para > x->t[i].para + 2)
			continue;
		k = ner_kind(x, (size_t)m->ent);
		if (k == kind || (kind == ENT_AGENCY && k == ENT_ORG))
			return m->ent;
	}
	return -1;
}

/* Puts the mentions back in text order after descriptions appended theirs
 * from n0 on: both runs are in order already, so the new ones are merged in
 * from the end (a description after a name that starts at the same token). */
static void
ment_merge(struct actx *x, size_t n0)
{
	size_t i = n0, j, k = x->nm, nb = x->nm - n0;
	struct ment *b;

	for (j = 1; j < x->nm; j++)
		if (j != n0 && x->m[j].t0 < x->m[j - 1].t0) {
			/* never so today (both passes add in text order); should one
			 * change, sorting keeps the order right */
			qsort(x->m, x->nm, sizeof(*x->m), cmp_ment);
			return;
		}
	if (nb == 0)
		return;
	b = xreallocarray(NULL, nb, sizeof(*b));
	memcpy(b, x->m + n0, nb * sizeof(*b));
	for (j = nb; j > 0;)
		x->m[--k] = i > 0 && x->m[i - 1].t0 > b[j - 1].t0 ? x->m[--i] : b[--j];
	free(b);
}

/* Pass 3: "the company", "the board" stand for the most recent entity whose
 * name has that word, else of that kind. */
static void
descriptions(struct actx *x)
{
	size_t i, k, n0 = x->nm;
	int32_t e;
	struct ment *m;

	for (i = 0; i + 1 < x->nt; i++) {
		if (!tok_is(x, i, "the") || !same_sent(x, i, i + 1) ||
		    x->t[i + 1].type != TK_WORD || x->t[i + 1].ment >= 0)
			continue;
		/* "the company's rival" is fine; "the company Acme" names it itself */
		if (i + 2 < x->nt && ((x->t[i + 2].type == TK_WORD &&
		                       (x->t[i + 2].flags & TF_CAP) && same_sent(x, i, i + 2)) ||
		                      tok_is(x, i + 2, "of")))
			continue;
		/* "the airline" again stands for what "the airline" stood for (the
		 * ones found so far are not in text order yet, so ner_by_noun misses
		 * them), unless "an airline" came in since */
		if (ner_indefinite_before(x, i + 1))
			continue;
		for (k = x->nm, e = -1; k > n0 && k + 300 > x->nm && e < 0; k--)
			if (x->t[x->m[k - 1].t0 + 1].h == x->t[i + 1].h)
				e = x->m[k - 1].ent;
		if (e < 0 && (e = ner_by_noun(x, i + 1, i, 0)) < 0)
			continue;
		m = ment_add(x, i, i + 2, NULL);
		m->flags |= MF_DESC;
		m->flags &= (uint8_t)~MF_HEADLINE;
		m->ent = e;
	}
	ment_merge(x, n0);
}

/* "Bureau of Strategic Trade (BST)": an acronym defined in the text is a name
 * here even where the gazetteer knows it as something else to pass over (BST,
 * the time zone), so its upper-case uses become words a name can be made of. */
static void
defined_words(struct actx *x)
{
	struct hmap def = {0};
	size_t i;

	for (i = 1; i + 2 < x->nt; i++)
		if (x->t[i].type == TK_PUNCT && x->t[i].ch == '(' && (x->t[i - 1].flags & TF_CAP) &&
		    x->t[i + 1].type == TK_WORD && (x->t[i + 1].flags & TF_UPPER) &&
		    x->t[i + 1].g != NULL && (x->t[i + 1].g->roles & GAZ_NONENT) &&
		    x->t[i + 2].type == TK_PUNCT && x->t[i + 2].ch == ')')
			hmap_add(&def, x->t[i + 1].h, 1);
	for (i = 0; def.n > 0 && i < x->nt; i++)
		if ((x->t[i].flags & TF_UPPER) && x->t[i].g != NULL &&
		    (x->t[i].g->roles & GAZ_NONENT) && hmap_get(&def, x->t[i].h) >= 0)
			x->t[i].g = NULL;
	hmap_free(&def);
}

/* "Long Name (ACR)" makes ACR that name here, whatever the gazetteer says. */
static void
defined_acronyms(struct actx *x)
{
	struct hmap def = {0};
	size_t i, t;

	for (i = 0; i < x->nm; i++) {
		t = x->m[i].t1;
		if (x->m[i].t1 - x->m[i].t0 >= 2 && t + 2 < x->nt && x->t[t].ch == '(' &&
		    x->t[t].type == TK_PUNCT && x->t[t + 1].type == TK_WORD &&
		    (x->t[t + 1].flags & TF_UPPER) && x->t[t + 2].ch == ')')
			hmap_add(&def, x->t[t + 1].h, 1);
	}
	for (i = 0; def.n > 0 && i < x->nm; i++)
		if (x->m[i].t1 == x->m[i].t0 + 1 && x->m[i].g != NULL &&
		    hmap_get(&def, x->t[x->m[i].t0].h) >= 0)
			x->m[i].g = NULL;
	hmap_free(&def);
}

void
ner_run(struct actx *x)
{
	size_t i;

	defined_words(x);
	collect(x);
	defined_acronyms(x);
	resolve(x);
	for (i = 0; i < x->nm; i++)
		if (x->m[i].ent >= 0)
			for (size_t k = x->m[i].t0; k < x->m[i].t1; k++)
				x->t[k].ment = (int32_t)i;
	quote_addressees(x);
	descriptions(x);
	for (i = 0; i < x->nm; i++) {
		struct ment *m = &x->m[i];

		if (m->ent >= 0)
			for (size_t k = m->t0; k < m->t1; k++)
				x->t[k].ment = (int32_t)i;
	}
}

int32_t
ner_entity_in(const struct actx *x, size_t t0, size_t t1)
{
	size_t k;

	for (k = t0; k < t1 && k < x->nt; k++)
		if (x->t[k].ment >= 0 && x->m[x->t[k].ment].ent >= 0 &&
		    !x->m[x->t[k].ment].addressee)
			return x->m[x->t[k].ment].ent;
	return -1;
}
