/* quote.c - statements. The scanner pairs quote marks per paragraph (straight,
 * curly, guillemets, nested, carried into the next paragraph when that one
 * opens with a mark, closed at the paragraph end otherwise) and tells
 * apostrophes from quotes. Attribution then finds the speech cue of each
 * quotation and the reported speech around cue words, and resolves the
 * speaker to an entity (pronouns and descriptions by recency, kind and gender). */
#include <stdlib.h>
#include <string.h>

#include "analysis/ana_int.h"
#include "util/xmalloc.h"

#define QDEPTH 4
#define NONE UINT32_MAX

static uint32_t
roles(const struct actx *x, size_t i)
{
	return i < x->nt && x->t[i].type == TK_WORD && x->t[i].g != NULL ? x->t[i].g->roles : 0;
}

static int
is_word(const struct actx *x, size_t i)
{
	return i < x->nt && (x->t[i].type == TK_WORD || x->t[i].type == TK_NUM);
}

static int
is_punct(const struct actx *x, size_t i, char c)
{
	return i < x->nt && x->t[i].type == TK_PUNCT && x->t[i].ch == c;
}

static struct quote *
quote_add(struct actx *x, uint32_t open)
{
	struct quote *q;

	if (x->nq == x->capq) {
		x->capq = x->capq ? x->capq * 2 : 16;
		x->q = xreallocarray(x->q, x->capq, sizeof(*x->q));
	}
	q = &x->q[x->nq++];
	memset(q, 0, sizeof(*q));
	q->open = open;
	q->close = NONE;
	q->t0 = open + 1;
	q->para = x->t[open].para;
	q->start = x->t[open].end;
	return q;
}

/* Ends quotation q before token `close` (NONE: at the end of paragraph p). */
static void
quote_end(struct actx *x, struct quote *q, uint32_t close, size_t p)
{
	size_t k;

	q->close = close;
	if (close != NONE) {
		q->t1 = close;
		q->para_end = x->t[close].para;
		q->end = x->t[close].start;
	} else {
		q->t1 = x->pfirst[p + 1];
		q->para_end = p;
		q->end = q->t1 > x->pfirst[p] ? x->t[q->t1 - 1].end : q->start;
	}
	if (q->para_end == q->para && q->end < q->start)
		q->end = q->start;
	for (k = q->t0; k < q->t1; k++) {
		x->t[k].flags |= TF_INQUOTE;
		q->nwords += is_word(x, k);
	}
}

void
quote_scan(struct actx *x)
{
	uint32_t st[QDEPTH];
	char stch[QDEPTH];
	int depth = 0, d, left, right, open_ok, close_ok;
	struct quote *q = NULL;
	size_t p, i, first, end;

	for (p = 0; p < x->d->npara; p++) {
		first = x->pfirst[p];
		end = x->pfirst[p + 1];
		for (i = first; i < end; i++) {
			struct tok *t = &x->t[i];

			if (t->type != TK_QUOTE || (t->flags & TF_QUSED))
				continue;
			/* flanking, as CommonMark reads emphasis: which side has a word */
			left = !(t->flags & TF_SPA) && i + 1 < end && x->t[i + 1].type != TK_PUNCT;
			right = !(t->flags & TF_SPB) && i > first;
			if (t->flags & TF_QSINGLE) {
				int single_open = 0;

				for (d = 0; d < depth; d++)
					single_open |= stch[d] == '\'';
				/* Jones' car: a closing single mark with none open is an apostrophe
				 */
				if (right && !left && !single_open)
					continue;
				/* 'tis, rock 'n' roll, the '90s */
				if (left && !right && i + 1 < end &&
				    ((roles(x, i + 1) & GAZ_ELISION) || x->t[i + 1].type == TK_NUM))
					continue;
				if (right && left)
					continue;
			}
			open_ok =
			    (t->flags & TF_QOPEN) || (!(t->flags & TF_QCLOSE) && left && !right);
			close_ok =
			    (t->flags & TF_QCLOSE) || (!(t->flags & TF_QOPEN) && right && !left);
			if (!open_ok && !close_ok) /* spaces on both sides or none: toggle */
				open_ok = !(close_ok = depth > 0 && stch[depth - 1] == t->ch);
			/* ” or » opening a quotation in styles that use them so */
			if (close_ok && !open_ok && depth == 0 && left && !right)
				open_ok = 1, close_ok = 0;
			if (close_ok) {
				for (d = depth - 1; d >= 0 && stch[d] != t->ch; d--)
					;
				if (d >= 0) {
					depth = d;
					t->flags |= TF_QUSED;
					if (depth == 0 && q != NULL) {
						quote_end(x, q, (uint32_t)i, p);
						q = NULL;
					}
					continue;
				}
				if (!open_ok)
					continue;
			}
			if (open_ok && depth < QDEPTH) {
				if (depth == 0)
					q = quote_add(x, (uint32_t)i);
				st[depth] = (uint32_t)i;
				stch[depth++] = t->ch;
				t->flags |= TF_QUSED;
			}
		}
		if (depth > 0 && q != NULL) {
			size_t nf = x->pfirst[p + 1],
			       ne = p + 2 <= x->d->npara ? x->pfirst[p + 2] : nf;

			/* a quotation goes on when the next paragraph opens with a mark */
			if (nf < ne && x->t[nf].type == TK_QUOTE && x->t[nf].ch == stch[0] &&
			    !(x->t[nf].flags & TF_QCLOSE) && !(x->t[nf].flags & TF_SPA)) {
				x->t[nf].flags |= TF_QUSED;
				depth = 1;
				continue;
			}
			quote_end(x, q, NONE, p);
			q = NULL;
		}
		depth = 0;
	}
	(void)st;
}

/* --- attribution --- */

struct stmt_acc {
	struct analysis *out;
	size_t cap;
	/* the latest direct statement, for quotations that go on without a cue */
	int have_last;
	int32_t last_speaker;
	char *last_speaker_text;
	char *last_cue;
	size_t last_para;
	uint32_t last_sent;
};

/* Returns s with ASCII letters in lower case. */
static char *
cue_lower(char *s)
{
	char *p;

	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* Returns a copy of the source text of tokens [a, b), which the caller owns;
 * NULL when empty. Stops at the end of a's paragraph. */
static char *
span_text(const struct actx *x, size_t a, size_t b)
{
	const char *s;

	if (a >= b || b > x->nt)
		return NULL;
	if (x->t[a].para != x->t[b - 1].para)
		b = x->pfirst[x->t[a].para + 1];
	s = x->d->paras[x->t[a].para].text;
	return xstrndup(s + x->t[a].start, x->t[b - 1].end - x->t[a].start);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Returns 1 for he/she (with *gender), 2 for it/they/we, else 0. */
static int
is_pronoun(const struct actx *x, size_t i, int *gender)
{
	if (i >= x->nt || x->t[i].type != TK_WORD)
		return 0;
	if (tok_is(x, i, "he") || tok_is(x, i, "him")) {
		*gender = GAZ_G_MALE;
		return 1;
	}
	if (tok_is(x, i, "she") || tok_is(x, i, "her")) {
		*gender = GAZ_G_FEMALE;
		return 1;
	}
	*gender = GAZ_G_NONE;
	return tok_is(x, i, "it") || tok_is(x, i, "they") || tok_is(x, i, "we") ? 2 : 0;
}

static size_t sent_first(const struct actx *x, size_t i);
static size_t after_dateline(const struct actx *x, size_t s0);

/* Index of the last mention starting before token t, or -1. */
static long
ment_before(const struct actx *x, size_t t)
{
	size_t lo = 0, hi = x->nm;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->m[mid].t0 < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

/* The most recent entity before token t: a person of gender g (pers), or an
 * organisation or country (!pers). */
static int32_t
recent(const struct actx *x, size_t t, int pers, int g)
{
	long i = ment_before(x, t), stop = i - 400;
	size_t s, j;

	/* "It said ...": the organisation the sentence before was about */
	if (!pers && t > 0) {
		s = sent_first(x, t);
		if (s > 0) {
			s = after_dateline(x, sent_first(x, s - 1));
			for (j = s; j < s + 3 && j < t; j++)
				if (x->t[j].ment >= 0 && x->m[x->t[j].ment].ent >= 0 &&
				    !x->m[x->t[j].ment].addressee) {
					enum ent_kind kk =
					    ner_kind(x, (size_t)x->m[x->t[j].ment].ent);

					if (kk == ENT_COMPANY || kk == ENT_AGENCY || kk == ENT_ORG)
						return x->m[x->t[j].ment].ent;
					break;
				}
		}
	}

	for (; i >= 0 && i > stop; i--) {
		const struct ment *m = &x->m[i];
		enum ent_kind k;

		if (m->ent < 0 || m->addressee)
			continue;
		k = ner_kind(x, (size_t)m->ent);
		if (pers && k == ENT_PERSON) {
			int eg = x->e[m->ent].gender;

			/* the latest person who may be "he": one of unknown gender too */
			if (eg == g || eg == GAZ_G_NONE || eg == GAZ_G_EITHER || g == GAZ_G_NONE)
				return m->ent;

		} else if (!pers && (k == ENT_COMPANY || k == ENT_AGENCY || k == ENT_ORG ||
		                     k == ENT_COUNTRY)) {
			return m->ent;
		}
	}
	return -1;
}

/* The person a role ("the chief executive of Corvane") stands for: one named
 * near the same role word in the paragraphs before, else, for "the ...", the
 * first person named in the next paragraph. -1 when none. */
static int32_t
resolve_role(const struct actx *x, size_t a, size_t b)
{
	size_t k, j, w = NONE, p = x->t[a].para;
	long i, stop;

	for (k = a; k < b && w == NONE; k++)
		if ((roles(x, k) & (GAZ_TITLE | GAZ_PERSONNOUN)) && (x->t[k].flags & TF_LOWER) &&
		    tok_text(x, k)[tok_len(x, k) - 1] != 's')
			w = k;
	if (w == NONE)
		return -1;
	for (i = ment_before(x, a), stop = i - 60; i >= 0 && i > stop; i--) {
		const struct ment *m = &x->m[i];

		if (x->t[m->t0].para + 2 < p)
			break;
		if (m->ent < 0 || ner_kind(x, (size_t)m->ent) != ENT_PERSON)
			continue;
		for (j = m->t0 > 8 ? m->t0 - 8 : 0; j < m->t1 + 8 && j < x->nt; j++)
			if (j != w && x->t[j].type == TK_WORD && x->t[j].h == x->t[w].h)
				return m->ent;
	}
	for (k = a; k < w && !tok_is(x, k, "the"); k++)
		;
	if (k == w)
		return -1;
	for (i = ment_before(x, b) + 1; i >= 0 && (size_t)i < x->nm; i++) {
		const struct ment *m = &x->m[i];

		if (x->t[m->t0].para > p + 1)
			break;
		if (m->t0 >= b && m->ent >= 0 && ner_kind(x, (size_t)m->ent) == ENT_PERSON)
			return m->ent;
	}
	return -1;
}

/* Resolves the words [a, b) naming a speaker to an entity, or -1: a person
 * named in them first, a role's person, then the last name (the head), a pronoun, "the government",
 * or the noun of a description ("their main association"). */
static int32_t
resolve_np(const struct actx *x, size_t a, size_t b)
{
	int32_t e = -1;
	size_t k;
	int g, pr;

	for (k = a; k < b; k++) {
		const struct tok *t = &x->t[k];

		if (t->ment >= 0 && x->m[t->ment].ent >= 0 && !x->m[t->ment].addressee) {
			int32_t me = x->m[t->ment].ent;

			if (ner_kind(x, (size_t)me) == ENT_PERSON)
				return me;
			/* the head comes last: South Korea's Ministry of ...; places do not
			 * speak, and "officials in Sofia" are not Sofia */
			if (ner_kind(x, (size_t)me) == ENT_PLACE && x->m[t->ment].t0 > a &&
			    (roles(x, x->m[t->ment].t0 - 1) & GAZ_LOCPREP) &&
			    (x->t[x->m[t->ment].t0 - 1].flags & TF_LOWER))
				continue;
			if (e < 0 || ner_kind(x, (size_t)me) != ENT_PLACE)
				e = me;
		}
	}
	if ((pr = (int)resolve_role(x, a, b)) >= 0)
		return pr;
	/* "Dutch water board": the head noun, not the adjective, is the speaker */
	k = b;
	while (k > a && x->t[k - 1].type != TK_WORD)
		k--;
	if (k > a && x->t[k - 1].ment < 0 && (x->t[k - 1].flags & TF_LOWER) &&
	    (pr = (int)ner_by_noun(x, k - 1, a, 1)) >= 0)
		return pr;
	if (e >= 0)
		return e;
	for (k = a; k < b; k++)
		if ((pr = is_pronoun(x, k, &g)) != 0)
			return recent(x, a, pr == 1, g);
	for (k = a; k + 1 < b; k++)
		if (tok_is(x, k + 1, "government"))
			for (long i = ment_before(x, a); i >= 0 && i > ment_before(x, a) - 200; i--)
				if (x->m[i].ent >= 0 &&
				    ner_kind(x, (size_t)x->m[i].ent) == ENT_COUNTRY)
					return x->m[i].ent;
	for (k = b; k > a; k--)
		if ((e = ner_by_noun(x, k - 1, a, 1)) >= 0)
			return e;
	return -1;
}

/* The noun phrase right before token v (walking back over also/has/will),
 * stopping at punctuation, a conjunction or the sentence start: [*a, *b). */
static int
np_before(const struct actx *x, size_t v, size_t lo, size_t *a, size_t *b)
{
	size_t k = v, j;

	while (k > lo && (roles(x, k - 1) & GAZ_AUX) && (x->t[k - 1].flags & TF_LOWER))
		k--;
	*b = k;
	while (k > lo && x->t[k - 1].sent == x->t[v].sent &&
	       (x->t[k - 1].type == TK_WORD || x->t[k - 1].type == TK_POSS ||
	        x->t[k - 1].type == TK_NUM || is_punct(x, k - 1, '&') || is_punct(x, k - 1, '(') ||
	        is_punct(x, k - 1, ')') ||
	        (x->t[k - 1].type == TK_QUOTE && !(x->t[k - 1].flags & TF_QUSED))) &&
	       !(x->t[k - 1].flags & TF_INQUOTE) && *b - k < 12)
		k--;
	for (j = *b; j > k; j--)
		if (tok_is(x, j - 1, "and") || tok_is(x, j - 1, "but") ||
		    tok_is(x, j - 1, "that") || tok_is(x, j - 1, "which") ||
		    tok_is(x, j - 1, "while") || tok_is(x, j - 1, "as") ||
		    tok_is(x, j - 1, "who") || tok_is(x, j - 1, "because") ||
		    tok_is(x, j - 1, "after") || tok_is(x, j - 1, "when") ||
		    tok_is(x, j - 1, "although") || tok_is(x, j - 1, "if")) {
			k = j;
			break;
		}
	*a = k;
	return *a < *b;
}

static int
has_person(const struct actx *x, size_t a, size_t b)
{
	size_t k;

	for (k = a; k < b; k++)
		if (x->t[k].ment >= 0 && x->m[x->t[k].ment].ent >= 0 &&
		    ner_kind(x, (size_t)x->m[x->t[k].ment].ent) == ENT_PERSON)
			return 1;
	return 0;
}

/* The start of the comma-delimited segment that ends at c (exclusive). */
static size_t
segment_start(const struct actx *x, size_t c, size_t lo)
{
	size_t k;

	for (k = c; k > lo && c - k < 16 && !is_punct(x, k - 1, ',') &&
	            !(x->t[k - 1].type == TK_QUOTE && (x->t[k - 1].flags & TF_QUSED)) &&
	            !(x->t[k - 1].flags & TF_INQUOTE) && !(x->t[k - 1].flags & TF_SENTEND);
	     k--)
		;
	return k;
}

/* The subject of "X, APPOSITION, said": a person named in either part first
 * ("Park Ji-hoon, Hanseong's chief executive, said"; "A spokeswoman, Femke
 * Jansen-Bakker, added"), else the entity the apposition names. A relative
 * clause (", who leads ...,") is passed over. */
static int
appos_subject(const struct actx *x, size_t v, size_t lo, size_t *a, size_t *b)
{
	size_t c2, c1, s1 = 0;
	int before = 0;

	lo = after_dateline(x, lo); /* "OSLO, May 2 (Wirenews) - Name, ...": not part of the name */
	if (v == 0 || v <= lo || !is_punct(x, v - 1, ','))
		return 0;
	c2 = v - 1;
	c1 = segment_start(x, c2, lo);
	if (c1 == c2)
		return 0;
	if (c1 > lo && is_punct(x, c1 - 1, ',')) {
		s1 = segment_start(x, c1 - 1, lo);
		before = s1 < c1 - 1;
	}
	if (tok_is(x, c1, "who") || tok_is(x, c1, "whose") || tok_is(x, c1, "which")) {
		if (!before || ner_entity_in(x, s1, c1 - 1) < 0)
			return 0;
		*a = s1;
		*b = c1 - 1;
		return 1;
	}
	/* "Sorensen Microdevices, Denmark's largest chip maker, said": a name
	 * before the apposition is the speaker, whatever the apposition names */
	if (has_person(x, c1, c2) || !before ||
	    (ner_entity_in(x, s1, c1 - 1) < 0 && ner_entity_in(x, c1, c2) >= 0)) {
		if (ner_entity_in(x, c1, c2) < 0)
			return 0;
		*a = c1;
		*b = c2;
		return 1;
	}
	if (ner_entity_in(x, s1, c1 - 1) < 0)
		return 0;
	*a = s1;
	*b = c1 - 1;
	return 1;
}

/* The noun phrase after token v ("said Jane Doe", "said the company") up to
 * punctuation: [*a, *b). "said the association's president, Ahmad Faisal"
 * gives the person named in the apposition. */
static int
np_after(const struct actx *x, size_t v, size_t hi, size_t *a, size_t *b)
{
	size_t k = v + 1;
	const struct ment *m;

	*a = k;
	while (k < hi && k < x->nt && x->t[k].sent == x->t[v].sent &&
	       (x->t[k].type == TK_WORD || x->t[k].type == TK_POSS || is_punct(x, k, '&')) &&
	       !(roles(x, k) & GAZ_SPEECH) && !tok_is(x, k, "that") && !tok_is(x, k, "on") &&
	       !tok_is(x, k, "in") && !tok_is(x, k, "who") && !tok_is(x, k, "at") && k - v < 9)
		k++;
	*b = k;
	if (*a >= *b)
		return 0;
	if (is_punct(x, k, ',') && k + 1 < x->nt && x->t[k + 1].ment >= 0 &&
	    (m = &x->m[x->t[k + 1].ment])->t0 == k + 1 && m->ent >= 0 &&
	    ner_kind(x, (size_t)m->ent) == ENT_PERSON &&
	    (resolve_np(x, *a, *b) < 0 ||
	     ner_kind(x, (size_t)resolve_np(x, *a, *b)) != ENT_PERSON)) {
		*a = m->t0;
		*b = m->t1;
	}
	return 1;
}

/* Length of the speech cue at i ("according to" is two), or 0. With quote,
 * words that only introduce quotations count too ("called it "..."). */
static size_t
cue_len(const struct actx *x, size_t i, int quote)
{
	if (i >= x->nt || x->t[i].g == NULL || (x->t[i].flags & TF_INQUOTE))
		return 0; /* every cue, "according" too, is in the gazetteer */
	if (tok_is(x, i, "according"))
		return tok_is(x, i + 1, "to") ? 2 : 0;
	if (!(roles(x, i) & GAZ_SPEECH) && !(quote && (roles(x, i) & GAZ_QUOTECUE)))
		return 0;
	if (!(x->t[i].flags & TF_LOWER) || x->t[i].ment >= 0)
		return 0; /* the United States */
	/* "reported a net loss", "confirms talks", "recalls 80,000 cars": speech only
	 * before "that" or a quotation */
	if (!quote &&
	    (tok_is(x, i, "reported") || tok_is(x, i, "reports") || tok_is(x, i, "posted") ||
	     tok_is(x, i, "estimated") || tok_is(x, i, "estimates") || tok_is(x, i, "confirmed") ||
	     tok_is(x, i, "confirms") || tok_is(x, i, "denied") || tok_is(x, i, "denies") ||
	     tok_is(x, i, "acknowledged") || tok_is(x, i, "admitted") || tok_is(x, i, "revealed") ||
	     tok_is(x, i, "predicted") || tok_is(x, i, "cited") || tok_is(x, i, "cites") ||
	     tok_is(x, i, "ruled") || tok_is(x, i, "recalled") || tok_is(x, i, "recalls") ||
	     /* base forms that are nouns too: "a note", "the state", "a claim" */
	     tok_is(x, i, "note") || tok_is(x, i, "claim") || tok_is(x, i, "report") ||
	     tok_is(x, i, "estimate") || tok_is(x, i, "state") || tok_is(x, i, "promise") ||
	     tok_is(x, i, "reply") || tok_is(x, i, "pledge") || tok_is(x, i, "vow") ||
	     tok_is(x, i, "confirm") || tok_is(x, i, "deny") || tok_is(x, i, "admit") ||
	     tok_is(x, i, "reveal") || tok_is(x, i, "predict") || tok_is(x, i, "acknowledge") ||
	     ((roles(x, i) & GAZ_COMMON) && !(roles(x, i) & GAZ_PARTICIPLE))) &&
	    /* "12 northern states" */
	    !tok_is(x, i + 1, "that") && !tok_is(x, i + 1, "it") && !tok_is(x, i + 1, "they") &&
	    !tok_is(x, i + 1, "he") && !tok_is(x, i + 1, "she") && !tok_is(x, i + 1, "we"))
		return 0;
	/* "expected to confirm", "would respond within weeks": an infinitive or a
	 * modal's verb reports nothing said yet */
	if (i > 0 && !(roles(x, i) & GAZ_PARTICIPLE) &&
	    (tok_is(x, i - 1, "to") || tok_is(x, i - 1, "will") || tok_is(x, i - 1, "would") ||
	     tok_is(x, i - 1, "could") || tok_is(x, i - 1, "can") || tok_is(x, i - 1, "may") ||
	     tok_is(x, i - 1, "might") || tok_is(x, i - 1, "should") || tok_is(x, i - 1, "must") ||
	     tok_is(x, i - 1, "shall")))
		return 0;
	/* "warns of housing risks", "spoke of a crisis": a noun phrase, not a clause */
	if (tok_is(x, i + 1, "of"))
		return 0;
	/* "Insurers told to keep covering homes", "residents urged to leave": the
	 * passive of a directive, whose subject is the one told, not a speaker */
	if ((tok_is(x, i, "told") || tok_is(x, i, "urged") || tok_is(x, i, "warned")) &&
	    tok_is(x, i + 1, "to") && i + 2 < x->nt && is_word(x, i + 2) &&
	    (x->t[i + 2].flags & TF_LOWER) && !tok_is(x, i + 2, "the") && !tok_is(x, i + 2, "a") &&
	    !tok_is(x, i + 2, "an") && !tok_is(x, i + 2, "his") && !tok_is(x, i + 2, "her") &&
	    !tok_is(x, i + 2, "their") && !tok_is(x, i + 2, "its") &&
	    !tok_is(x, i + 2, "reporters"))
		return 0;
	/* "is said to", "the claims": not speech */
	if (i > 0 &&
	    (tok_is(x, i - 1, "is") || tok_is(x, i - 1, "was") || tok_is(x, i - 1, "are") ||
	     tok_is(x, i - 1, "were") || tok_is(x, i - 1, "be") || tok_is(x, i - 1, "been")))
		return 0;
	if (i > 0 &&
	    (tok_is(x, i - 1, "the") || tok_is(x, i - 1, "a") || tok_is(x, i - 1, "an") ||
	     tok_is(x, i - 1, "its") || tok_is(x, i - 1, "their") || tok_is(x, i - 1, "his") ||
	     tok_is(x, i - 1, "her") || tok_is(x, i - 1, "these") || tok_is(x, i - 1, "those") ||
	     tok_is(x, i - 1, "such") || tok_is(x, i - 1, "of") || tok_is(x, i - 1, "so")))
		return 0;
	return 1;
}

/* Marks the one spoken to: "told Reuters", "in a statement to CNN",
 * "in an interview with the BBC", "speaking to reporters". */
void
quote_addressees(struct actx *x)
{
	size_t i;

	for (i = 0; i + 1 < x->nt; i++) {
		size_t at = 0;

		if (x->t[i].g == NULL)
			continue; /* to, with and the cues are all in the gazetteer */
		if ((roles(x, i) & GAZ_TELL) && !(x->t[i].flags & TF_INQUOTE))
			at = i + 1;
		else if ((tok_is(x, i, "to") || tok_is(x, i, "with")) && i > 0 &&
		         (tok_is(x, i - 1, "statement") || tok_is(x, i - 1, "interview") ||
		          tok_is(x, i - 1, "remarks") || tok_is(x, i - 1, "comments") ||
		          tok_is(x, i - 1, "speaking") || tok_is(x, i - 1, "spoke") ||
		          tok_is(x, i - 1, "talking") || tok_is(x, i - 1, "statements") ||
		          tok_is(x, i - 1, "letter") || tok_is(x, i - 1, "email") ||
		          tok_is(x, i - 1, "said") || tok_is(x, i - 1, "wrote")))
			at = i + 1;
		if (at == 0)
			continue;
		if (tok_is(x, at, "the"))
			at++;
		if (at < x->nt && x->t[at].ment >= 0)
			x->m[x->t[at].ment].addressee = 1;
	}
}

static size_t
sent_first(const struct actx *x, size_t i)
{
	while (i > 0 && x->t[i - 1].sent == x->t[i].sent)
		i--;
	return i;
}

static size_t
sent_last(const struct actx *x, size_t i) /* one past */
{
	while (i + 1 < x->nt && x->t[i + 1].sent == x->t[i].sent)
		i++;
	return i + 1;
}

/* The first token of a sentence's clause, after a dateline
 * ("KUALA LUMPUR, Sept 8 (Wirenews) - "). */
static size_t
after_dateline(const struct actx *x, size_t s0)
{
	size_t k;

	if (!(x->t[s0].flags & TF_PSTART) || !(x->t[s0].flags & TF_UPPER))
		return s0;
	for (k = s0 + 1; k < x->nt && k < s0 + 14 && x->t[k].sent == x->t[s0].sent; k++)
		if (x->t[k].type == TK_PUNCT && x->t[k].ch == '-' && (x->t[k].flags & TF_SPB))
			return k + 1;
	return s0;
}

/* The noun phrase that opens the clause at k: words and names up to the
 * first lower-case word that is not part of a name or description. */
static size_t
np_at(const struct actx *x, size_t k, size_t end)
{
	size_t j = k;

	while (j < end && (x->t[j].type == TK_WORD || x->t[j].type == TK_POSS) && j < k + 10) {
		if ((x->t[j].flags & TF_LOWER) && x->t[j].ment < 0 && !tok_is(x, j, "the") &&
		    !(x->t[j].type == TK_WORD && j > k &&
		      (roles(x, j) & (GAZ_PERSONNOUN | GAZ_CONOUN | GAZ_AGNOUN | GAZ_TITLE))))
			break;
		j++;
	}
	return j;
}

/* The subject of the clause a participle cue hangs on ("China ..., saying"):
 * the last noun phrase with a name or pronoun that opens the sentence or
 * follows a comma before v; else the first name in the sentence. */
static int
clause_subject(const struct actx *x, size_t v, size_t *a, size_t *b)
{
	size_t k, s0 = after_dateline(x, sent_first(x, v)), e;
	int found = 0, g;

	for (k = s0; k < v; k++) {
		if (k != s0 && !is_punct(x, k - 1, ','))
			continue;
		if (x->t[k].flags & TF_INQUOTE)
			continue;
		e = np_at(x, k, v);
		if (e > k && (ner_entity_in(x, k, e) >= 0 || is_pronoun(x, k, &g))) {
			*a = k;
			*b = e;
			found = 1;
		}
	}
	if (found)
		return 1;
	for (k = s0; k < v; k++)
		if (x->t[k].ment >= 0 && x->m[x->t[k].ment].ent >= 0 &&
		    !x->m[x->t[k].ment].addressee && !(x->t[k].flags & TF_INQUOTE)) {
			*a = x->m[x->t[k].ment].t0;
			*b = x->m[x->t[k].ment].t1;
			return 1;
		}
	return 0;
}

/* The speaker of a finite cue at v: "X said", "X, the chair, said", or
 * inverted "..., said X". */
static int
finite_subject(const struct actx *x, size_t v, size_t n, size_t *a, size_t *b)
{
	size_t s0 = sent_first(x, v), k = v;

	if (tok_is(x, v, "according"))
		return np_after(x, v + 1, sent_last(x, v), a, b);

	if (np_before(x, v, s0, a, b) || appos_subject(x, v, s0, a, b))
		return 1;
	/* "Washington, which has warned": the name before the relative pronoun */
	while (k > s0 && (roles(x, k - 1) & GAZ_AUX) && (x->t[k - 1].flags & TF_LOWER))
		k--;
	if (k >= s0 + 3 && (tok_is(x, k - 1, "which") || tok_is(x, k - 1, "who")) &&
	    is_punct(x, k - 2, ',')) {
		size_t j = k - 3;
		const struct ment *m;

		if (is_punct(x, j, ')')) /* "the Global Immunisation Fund (GIF), which said" */
			while (j > s0 && !is_punct(x, j, '('))
				j--;
		if (is_punct(x, j, '(') && j > s0)
			j--;
		if (x->t[j].ment < 0)
			return 0;
		m = &x->m[x->t[j].ment];

		*a = m->t0;
		*b = m->t1;
		return 1;
	}
	k = v;
	if (v > 0 && (is_punct(x, v - 1, ',') || x->t[v - 1].type == TK_QUOTE))
		return np_after(x, v + n - 1, sent_last(x, v), a, b);
	/* "X apologised and said": the subject of the first verb */
	while (k > s0 && (roles(x, k - 1) & GAZ_AUX) && (x->t[k - 1].flags & TF_LOWER))
		k--;
	if (k > s0 && (tok_is(x, k - 1, "and") || tok_is(x, k - 1, "but")))
		return clause_subject(x, k - 1, a, b);
	return 0;
}

/* The speaker of a participle cue ("..., adding that", "..., saying"): that of
 * a speech verb earlier in the sentence, else the clause's subject. */
static int
participle_subject(const struct actx *x, size_t v, size_t *a, size_t *b)
{
	size_t k, s0 = sent_first(x, v), n;

	for (k = v; k > s0; k--)
		if ((n = cue_len(x, k - 1, 0)) > 0 && !(roles(x, k - 1) & GAZ_PARTICIPLE) &&
		    finite_subject(x, k - 1, n, a, b))
			return 1;
	return clause_subject(x, v, a, b);
}

/* The cue words of a participle up to the quotation: "citing concerns over". */
static char *
cue_text(const struct actx *x, size_t v, size_t n, size_t stop)
{
	size_t k = v + n;
	int g;

	if (roles(x, v) & GAZ_PARTICIPLE)
		while (k < stop && k < v + 4 && x->t[k].type == TK_WORD &&
		       (x->t[k].flags & TF_LOWER) && !is_pronoun(x, k, &g) &&
		       !tok_is(x, k, "that") && !tok_is(x, k, "the") && !tok_is(x, k, "a"))
			k++;
	if (k != stop)
		k = v + n;
	return cue_lower(span_text(x, v, k));
}

static void
stmt_push(const struct actx *x, struct stmt_acc *acc, int32_t speaker, char *speaker_text,
          int direct, char *cue, size_t para, size_t start, size_t para_end, size_t end)
{
	struct analysis *o = acc->out;
	struct ana_statement *s;

	(void)x;
	if (o->nstmts == acc->cap) {
		acc->cap = acc->cap ? acc->cap * 2 : 16;
		o->stmts = xreallocarray(o->stmts, acc->cap, sizeof(*o->stmts));
	}
	s = &o->stmts[o->nstmts++];
	s->speaker = speaker;
	s->speaker_text = speaker_text;
	s->direct = direct;
	s->cue = cue;
	s->para = para;
	s->start = start;
	s->para_end = para_end;
	s->end = end;
}

/* A quotation named rather than said: so-called "green" bonds. */
static int
is_label(const struct actx *x, size_t open)
{
	return open > 0 &&
	       (tok_is(x, open - 1, "so-called") || tok_is(x, open - 1, "dubbed") ||
	        tok_is(x, open - 1, "nicknamed") || tok_is(x, open - 1, "termed") ||
	        tok_is(x, open - 1, "labelled") || tok_is(x, open - 1, "labeled") ||
	        tok_is(x, open - 1, "titled") || tok_is(x, open - 1, "entitled") ||
	        (tok_is(x, open - 1, "as") && open > 1 && tok_is(x, open - 2, "known")));
}

/* The speaker of the last reported-speech cue of paragraph p, when it comes
 * after the latest quotation: [*a, *b). */
static int
last_cue_speaker(const struct actx *x, size_t p, const struct stmt_acc *acc, size_t *a, size_t *b)
{
	size_t k, n;

	if (acc->have_last && acc->last_para >= p)
		return 0;
	for (k = x->pfirst[p + 1]; k > x->pfirst[p]; k--) {
		if (x->t[k - 1].flags & TF_INQUOTE)
			return 0;
		if ((n = cue_len(x, k - 1, 0)) > 0 && !(x->t[k - 1].flags & TF_CUEUSED))
			return (roles(x, k - 1) & GAZ_PARTICIPLE)
			           ? participle_subject(x, k - 1, a, b)
			           : finite_subject(x, k - 1, n, a, b);
	}
	return 0;
}

/* Attributes quotation q; adds it as a statement unless it is none. */
static void
attribute_quote(struct actx *x, struct stmt_acc *acc, const struct quote *q)
{
	size_t k, v = NONE, a = 0, b = 0, n = 0, wend, s0, j;
	int32_t speaker = -1;
	char *stext = NULL, *cue = NULL;
	int found = 0, titlecase = 1, that = 0;

	if (q->nwords == 0 || is_label(x, q->open))
		return;
	/* after: "...," she said / "...," said the ministry */
	if (q->close != NONE) {
		k = q->close + 1;
		if (is_punct(x, k, ','))
			k++;
		wend = k;
		/* "called it "x" and said ...": that cue has a clause of its own */
		if (!tok_is(x, k, "and") && !tok_is(x, k, "but") && !tok_is(x, k, "which") &&
		    !tok_is(x, k, "while") && !tok_is(x, k, "whereas") &&
		    !tok_is(x, k, "although") && !tok_is(x, k, "as") && !tok_is(x, k, "because") &&
		    !tok_is(x, k, "when"))
			while (wend < x->nt && wend < k + 14 &&
			       x->t[wend].sent == x->t[q->close].sent &&
			       !(x->t[wend].type == TK_PUNCT && (x->t[wend].flags & TF_SENTEND)) &&
			       x->t[wend].type != TK_QUOTE)
				wend++;
		for (j = k; j < wend && j < k + 12; j++)
			if ((n = cue_len(x, j, 1)) > 0 && !(x->t[j].flags & TF_CUEUSED) &&
			    !(roles(x, j) & GAZ_PARTICIPLE)) {
				v = j;
				break;
			}
		if (v != NONE) {
			if (v > k && (np_before(x, v, k, &a, &b) || appos_subject(x, v, k, &a, &b)))
				found = 1;
			else if (np_after(x, v + n - 1, wend, &a, &b))
				found = 1;
		}
	}
	/* before: SPEAKER said: "..." / ..., saying it "..." / according to X, "..." */
	if (!found) {
		v = NONE;
		s0 = sent_first(x, q->open);
		for (k = q->open; k > s0 && q->open - k < 30; k--) {
			if (x->t[k - 1].type == TK_QUOTE && (x->t[k - 1].flags & TF_QUSED))
				break;
			if (tok_is(x, k - 1, "that"))
				that = 1;
			/* far from the quotation only through "said ... that ..." */
			if (q->open - k >= 14 && !that)
				continue;
			if ((n = cue_len(x, k - 1, 1)) > 0 && !(x->t[k - 1].flags & TF_CUEUSED)) {
				v = k - 1;
				break;
			}
			if (tok_is(x, k - 1, "to") && k >= 2 && tok_is(x, k - 2, "according")) {
				v = k - 2;
				n = 2;
				break;
			}
		}
		if (v != NONE && (q->nwords > 2 || q->open - v <= 14)) {
			if (roles(x, v) & GAZ_PARTICIPLE)
				found = participle_subject(x, v, &a, &b);
			else
				found = finite_subject(x, v, n, &a, &b);
			if (!found)
				found = 2; /* a cue without a speaker is still speech */
		}
	}
	if (found) {
		x->t[v].flags |= TF_CUEUSED;
		cue = cue_text(x, v, n, v < q->open ? q->open : v + n);
		if (found == 1) {
			speaker = resolve_np(x, a, b);
			stext = span_text(x, a, b);
		}
	} else if (acc->have_last && acc->last_sent == x->t[q->open].sent) {
		/* "...," she said, "and ...": the same speaker and cue */
		speaker = acc->last_speaker;
		stext = dup_or_null(acc->last_speaker_text);
		cue = dup_or_null(acc->last_cue);
	} else {
		/* no cue: a one- or two-word quotation is a scare quote, a title-case
		 * one a title; one that follows a quotation goes on with its speaker */
		for (k = q->t0; k < q->t1; k++)
			if (x->t[k].type == TK_WORD && (x->t[k].flags & TF_LOWER) &&
			    !(roles(x, k) & GAZ_CONNECTOR) && !tok_is(x, k, "the") &&
			    !tok_is(x, k, "a") && !tok_is(x, k, "on") && !tok_is(x, k, "in") &&
			    !tok_is(x, k, "to") && !tok_is(x, k, "at") && !tok_is(x, k, "with") &&
			    !tok_is(x, k, "an"))
				titlecase = 0;
		if (q->nwords <= 2 || (titlecase && q->nwords <= 8))
			return;
		if (q->open == x->pfirst[q->para] && q->para > 0 &&
		    last_cue_speaker(x, q->para - 1, acc, &a, &b)) {
			/* "Aasen said the firm saw a future ..." then a bare quotation */
			speaker = resolve_np(x, a, b);
			stext = span_text(x, a, b);
		} else if (acc->have_last &&
		           (acc->last_para == q->para ||
		            (q->open == x->pfirst[q->para] && acc->last_para + 1 == q->para))) {
			speaker = acc->last_speaker;
			stext = dup_or_null(acc->last_speaker_text);
		}
	}
	stmt_push(x, acc, speaker, stext, 1, cue, q->para, q->start, q->para_end, q->end);
	free(acc->last_speaker_text);
	free(acc->last_cue);
	acc->have_last = 1;
	acc->last_speaker = speaker;
	acc->last_speaker_text = dup_or_null(stext);
	acc->last_cue = dup_or_null(cue);
	acc->last_para = q->para_end;
	acc->last_sent = q->close != NONE ? x->t[q->close].sent : x->t[q->t1 - 1].sent;
}

static int
is_time_word(const struct actx *x, size_t i)
{
	return x->t[i].type == TK_NUM || (roles(x, i) & GAZ_NONENT) || tok_is(x, i, "week") ||
	       tok_is(x, i, "month") || tok_is(x, i, "year") || tok_is(x, i, "weekend") ||
	       tok_is(x, i, "morning") || tok_is(x, i, "afternoon") || tok_is(x, i, "evening") ||
	       tok_is(x, i, "night") || tok_is(x, i, "day") || tok_is(x, i, "quarter") ||
	       tok_is(x, i, "today") || tok_is(x, i, "yesterday") || tok_is(x, i, "tonight");
}

static int
is_channel_word(const struct actx *x, size_t i)
{
	return tok_is(x, i, "statement") || tok_is(x, i, "interview") || tok_is(x, i, "letter") ||
	       tok_is(x, i, "filing") || tok_is(x, i, "post") || tok_is(x, i, "conference") ||
	       tok_is(x, i, "briefing") || tok_is(x, i, "speech") || tok_is(x, i, "email") ||
	       tok_is(x, i, "release") || tok_is(x, i, "report") || tok_is(x, i, "note") ||
	       tok_is(x, i, "message") || tok_is(x, i, "call") || tok_is(x, i, "hearing") ||
	       tok_is(x, i, "podcast") || tok_is(x, i, "broadcast") || tok_is(x, i, "video") ||
	       tok_is(x, i, "documents") || tok_is(x, i, "memo") || tok_is(x, i, "testimony");
}

/* Skips what may stand between a cue and its clause: "on Monday", "last
 * week", "in a statement", "at a news conference". Returns the new start. */
static size_t
skip_adjuncts(const struct actx *x, size_t k, size_t end)
{
	size_t j, round;

	for (round = 0; round < 3 && k < end; round++) {
		if (is_time_word(x, k) && x->t[k].type != TK_NUM) {
			k++;
			continue;
		}
		if (!(tok_is(x, k, "on") || tok_is(x, k, "in") || tok_is(x, k, "at") ||
		      tok_is(x, k, "during") || tok_is(x, k, "last") || tok_is(x, k, "this") ||
		      tok_is(x, k, "earlier") || tok_is(x, k, "late") || tok_is(x, k, "next") ||
		      tok_is(x, k, "through") || tok_is(x, k, "via") || tok_is(x, k, "to")))
			break;
		for (j = k + 1; j < end && j < k + 5 && x->t[j].type == TK_WORD; j++)
			if (is_time_word(x, j) || is_channel_word(x, j))
				break;
		if (j >= end || j >= k + 5 || !(is_time_word(x, j) || is_channel_word(x, j)))
			break;
		k = j + 1;
		/* "on Tuesday to Radio North", "in a statement to CNN" */
		if (tok_is(x, k, "to") && k + 1 < end && x->t[k + 1].ment >= 0)
			k = x->m[x->t[k + 1].ment].t1;
		if (is_punct(x, k, ','))
			k++;
	}
	return k;
}

/* Finds the clause of reported speech after cue v (+n words): [*a, *b). */
/* Returns 1 when a clause seems to start at k: a subject pronoun or a name,
 * or a determiner whose noun phrase is followed by an auxiliary ("the deal
 * would close"). */
static int
clause_starts(const struct actx *x, size_t k, size_t end)
{
	size_t j;
	int g;

	if (is_pronoun(x, k, &g) || tok_is(x, k, "there") || x->t[k].ment >= 0)
		return 1;
	if (!(tok_is(x, k, "the") || tok_is(x, k, "its") || tok_is(x, k, "their") ||
	      tok_is(x, k, "his") || tok_is(x, k, "her") || tok_is(x, k, "a") ||
	      tok_is(x, k, "an") || tok_is(x, k, "this") || tok_is(x, k, "some")))
		return 0;
	for (j = k + 1; j < end && j < k + 6; j++)
		if ((roles(x, j) & GAZ_AUX) && (x->t[j].flags & TF_LOWER))
			return 1;
	return 0;
}

static int
clause_after(const struct actx *x, size_t v, size_t n, size_t *a, size_t *b)
{
	size_t k = v + n, end = sent_last(x, v), j;

	/* "said on Monday that", "told Reuters that": the clause starts after "that" */
	for (j = k; j < end && j < k + 10; j++) {
		if (tok_is(x, j, "that"))
			break;
		/* "said nobody had been hurt and that ...": the clause is all of it;
		 * "citing a surge in imports that ...": that "that" is another's */
		if (tok_is(x, j, "and") || (roles(x, j) & GAZ_AUX) || x->t[j].type == TK_NUM ||
		    x->t[j].type == TK_PUNCT || x->t[j].type == TK_QUOTE ||
		    ((roles(x, v) & GAZ_PARTICIPLE) && j > k) ||
		    (x->t[j].type == TK_WORD && (x->t[j].flags & TF_LOWER) && x->t[j].ment < 0 &&
		     !(roles(x, j) & (GAZ_COMMON | GAZ_LOCPREP | GAZ_PERSONNOUN | GAZ_NONENT)) &&
		     !is_time_word(x, j) && !is_channel_word(x, j))) {
			j = end;
			break;
		}
	}
	/* "told a parliamentary committee that ...", "telling reporters that ...":
	 * the one told may be any noun phrase */
	if (!(j < end && j < k + 10 && tok_is(x, j, "that")) && (roles(x, v) & GAZ_TELL)) {
		for (j = k; j < end && j < k + 8; j++)
			if (tok_is(x, j, "that") || x->t[j].type == TK_PUNCT ||
			    x->t[j].type == TK_QUOTE || (roles(x, j) & (GAZ_AUX | GAZ_SPEECH)))
				break;
		if (!(j > k && j < end && j < k + 8 && tok_is(x, j, "that")))
			j = end;
	}
	if (j < end && j < k + 10 && tok_is(x, j, "that")) {
		k = j + 1;
	} else {
		if (roles(x, v) & GAZ_TELL) { /* told reporters the plan ... */
			if (tok_is(x, k, "the"))
				k++;
			if (k < end && x->t[k].ment >= 0)
				k = x->m[x->t[k].ment].t1;
			else if (k < end && x->t[k].type == TK_WORD)
				k++;
		}
		j = skip_adjuncts(x, k, end);
		if (j > k &&
		    (tok_is(x, j, "after") || tok_is(x, j, "before") || tok_is(x, j, "amid") ||
		     tok_is(x, j, "despite") || tok_is(x, j, "following") ||
		     tok_is(x, j, "because") || tok_is(x, j, "as") || tok_is(x, j, "while") ||
		     tok_is(x, j, "when") || tok_is(x, j, "in") || tok_is(x, j, "at")))
			return 0; /* "said on Monday, after complaints from ..." */
		/* "said in a report published on Thursday.": what follows the channel
		 * describes it */
		if (j > k && j < end && x->t[j].type == TK_WORD && tok_len(x, j) > 3 &&
		    ((tok_text(x, j)[tok_len(x, j) - 2] == 'e' &&
		      tok_text(x, j)[tok_len(x, j) - 1] == 'd') ||
		     (tok_len(x, j) > 4 &&
		      memcmp(tok_text(x, j) + tok_len(x, j) - 3, "ing", 3) == 0)))
			return 0;
		if (j == k &&
		    (tok_is(x, k, "in") || tok_is(x, k, "on") || tok_is(x, k, "at") ||
		     tok_is(x, k, "to") || tok_is(x, k, "for") || tok_is(x, k, "with") ||
		     tok_is(x, k, "as") || tok_is(x, k, "after") || tok_is(x, k, "before") ||
		     tok_is(x, k, "during") || tok_is(x, k, "when") || tok_is(x, k, "while")))
			return 0; /* "said in a statement." and nothing reported */
		k = j;
		/* "added three of its products to a list": without "that", add- is
		 * speech only when a clause with its own subject follows */
		if (tok_len(x, v) >= 3 && memcmp(tok_text(x, v), "add", 3) == 0 && k < end &&
		    !clause_starts(x, k, end))
			return 0;
	}
	/* the clause ends before ", adding that ...", ", according to ..." or a
	 * second verb of the same speaker (", but said ...", "and said ...") */
	for (j = k; j + 1 < end; j++)
		if ((is_punct(x, j, ',') &&
		     (((roles(x, j + 1) & GAZ_PARTICIPLE) && cue_len(x, j + 1, 0)) ||
		      tok_is(x, j + 1, "according"))) ||
		    ((tok_is(x, j, "but") || tok_is(x, j, "and")) && j + 1 < end &&
		     (roles(x, j + 1) & GAZ_SPEECH) && !(roles(x, j + 1) & GAZ_PARTICIPLE) &&
		     cue_len(x, j + 1, 0))) {
			end = j;
			while (end > k && is_punct(x, end - 1, ','))
				end--;
			break;
		}
	while (end > k && (x->t[end - 1].type == TK_PUNCT || x->t[end - 1].type == TK_QUOTE))
		end--;
	if (k >= end || (x->t[k].type != TK_WORD && x->t[k].type != TK_NUM))
		return 0;
	*a = k;
	*b = end;
	for (j = k; j < end; j++)
		if (x->t[j].flags & TF_INQUOTE) {
			/* "... since January and that "the worst is behind us"": the
			 * clause before "and that" is reported, the quotation direct */
			size_t e = j;

			while (e > k && x->t[e - 1].type == TK_QUOTE)
				e--;
			if (e >= k + 5 && tok_is(x, e - 1, "that") && tok_is(x, e - 2, "and")) {
				e -= 2;
				while (e > k && is_punct(x, e - 1, ','))
					e--;
				*b = e;
				return e - k >= 3;
			}
			return 0; /* a quotation inside: it is the statement */
		}
	return end - k >= 3;
}

/* Returns 1 when the cue at i is denied: "did not say", "won't say",
 * "declined to say", "never said": then nothing was said. */
static int
cue_negated(const struct actx *x, size_t i)
{
	size_t k, len;
	const char *t;

	/* within the cue's sentence: "... declined to comment. According to ..." */
	for (k = i; k > 0 && k + 3 > i && x->t[k - 1].sent == x->t[i].sent; k--) {
		t = tok_text(x, k - 1);
		len = tok_len(x, k - 1);
		if (tok_is(x, k - 1, "not") || tok_is(x, k - 1, "never") ||
		    (len >= 3 && memcmp(t + len - 3, "n't", 3) == 0) ||
		    (len >= 5 && memcmp(t + len - 5, "n\xe2\x80\x99t", 5) == 0))
			return 1;
		if (tok_is(x, k - 1, "to") && k >= 2 &&
		    (tok_is(x, k - 2, "declined") || tok_is(x, k - 2, "refused") ||
		     tok_is(x, k - 2, "declines") || tok_is(x, k - 2, "refuses")))
			return 1;
	}
	return 0;
}

static void
reported(struct actx *x, struct stmt_acc *acc)
{
	size_t i, n, a, b, ca = 0, cb = 0, s0, s1, k, tail, last_a = 0, last_b = 0;
	int found, np;

	for (i = 0; i < x->nt; i++) {
		if ((n = cue_len(x, i, 0)) == 0 || (x->t[i].flags & TF_CUEUSED) ||
		    cue_negated(x, i))
			continue;
		s0 = sent_first(x, i);
		s1 = sent_last(x, i);
		found = 0;
		if (tok_is(x, i, "according")) {
			/* according to SPEAKER, CLAUSE  /  CLAUSE, according to SPEAKER. */
			if (!np_after(x, i + 1, s1, &a, &b))
				continue;
			if (is_punct(x, b, ',') && b + 1 < s1 && i == s0) {
				ca = b + 1;
				cb = s1;
				while (cb > ca && (x->t[cb - 1].type == TK_PUNCT ||
				                   x->t[cb - 1].type == TK_QUOTE))
					cb--;
				found = cb > ca + 2;
			} else if (i > s0 && is_punct(x, i - 1, ',')) {
				ca = after_dateline(x, s0);
				cb = i - 1;
				found = cb > ca + 2;
			}
			for (k = ca; found && k < cb; k++)
				if (x->t[k].flags & TF_INQUOTE)
					found = 0;
		} else if (roles(x, i) & GAZ_PARTICIPLE) {
			/* ..., saying CLAUSE: the speaker is the clause's */
			if (i == 0 || !is_punct(x, i - 1, ','))
				continue;
			if (!clause_after(x, i, n, &ca, &cb) || !participle_subject(x, i, &a, &b))
				continue;
			found = 1;
		} else {
			np = np_before(x, i, s0, &a, &b) || appos_subject(x, i, s0, &a, &b);
			/* "X warned that ..., but said ...": the second verb is X's too */
			if (!np && i > s0 && last_b > 0 && x->t[last_a].sent == x->t[i].sent &&
			    (tok_is(x, i - 1, "but") || tok_is(x, i - 1, "and"))) {
				a = last_a;
				b = last_b;
				np = 1;
			}
			if (!np && !(i > s0 && is_punct(x, i - 1, ',')))
				np = finite_subject(x, i, n, &a, &b);
			if (np && clause_after(x, i, n, &ca, &cb)) {
				/* SPEAKER said (that) CLAUSE */
				found = 1;
			} else if (i > s0) {
				/* CLAUSE, SPEAKER said.  /  CLAUSE, said SPEAKER. */
				if (np && a > s0 && is_punct(x, a - 1, ',')) {
					tail = i + n;
				} else if (!np && is_punct(x, i - 1, ',') &&
				           np_after(x, i, s1, &a, &b) &&
				           (is_punct(x, b, ',') ||
				            (b < x->nt && (x->t[b].flags & TF_SENTEND)))) {
					tail = b;
				} else {
					continue;
				}
				/* only time, place or manner may follow: "on Monday", "in a
				 * statement" */
				while (tail < s1 && !(x->t[tail].flags & TF_SENTEND) &&
				       !tok_is(x, tail, "that") && !is_punct(x, tail, ','))
					tail++;
				if (tail >= s1 || tail > i + n + 10 ||
				    !((x->t[tail].flags & TF_SENTEND) || is_punct(x, tail, ',')))
					continue;
				ca = after_dateline(x, s0);
				cb = a - 1;
				while (cb > ca && (x->t[cb - 1].type == TK_PUNCT))
					cb--;
				found = cb >= ca + 3;
				for (k = ca; found && k < cb; k++)
					if (x->t[k].flags & TF_INQUOTE)
						found = 0;
			}
		}
		if (!found)
			continue;
		x->t[i].flags |= TF_CUEUSED;
		last_a = a;
		last_b = b;
		stmt_push(x, acc, resolve_np(x, a, b), span_text(x, a, b), 0,
		          cue_lower(span_text(x, i, i + n)), x->t[ca].para, x->t[ca].start,
		          x->t[cb - 1].para, x->t[cb - 1].end);
	}
}

static int
cmp_stmt(const void *pa, const void *pb)
{
	const struct ana_statement *p = pa, *q = pb;

	if (p->para != q->para)
		return p->para < q->para ? -1 : 1;
	return p->start < q->start ? -1 : p->start > q->start;
}

void
quote_attribute(struct actx *x, struct analysis *out)
{
	struct stmt_acc acc;
	size_t i, n;

	memset(&acc, 0, sizeof(acc));
	acc.out = out;

	for (i = 0; i < x->nq; i++)
		attribute_quote(x, &acc, &x->q[i]);
	free(acc.last_speaker_text);
	free(acc.last_cue);
	reported(x, &acc);
	/* a repeated paragraph repeats no statement: it is folded in every view */
	for (i = n = 0; i < out->nstmts; i++) {
		if (x->d->paras[out->stmts[i].para].dup_of >= 0) {
			free(out->stmts[i].speaker_text);
			free(out->stmts[i].cue);
			continue;
		}
		out->stmts[n++] = out->stmts[i];
	}
	out->nstmts = n;
	if (out->nstmts > 1)
		qsort(out->stmts, out->nstmts, sizeof(*out->stmts), cmp_stmt);
}
