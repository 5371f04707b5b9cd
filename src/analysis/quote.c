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
};

/* Returns the words of a cue, in lower case, which the caller owns. */
static char *
cue_lower(char *s)
{
	char *p;

	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* Returns a copy of the source text of tokens [a, b), which the caller owns. */
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

static int
is_pronoun(const struct actx *x, size_t i, int *gender)
{
	static const char *const m[] = {"he", "him"}, *const f[] = {"she", "her"},
	                         *const n[] = {"it", "they", "we", "i"};
	size_t k;

	for (k = 0; k < 2; k++) {
		if (x->t[i].type == TK_WORD && x->t[i].h == gaz_word_hash(m[k], strlen(m[k]))) {
			*gender = GAZ_G_MALE;
			return 1;
		}
		if (x->t[i].type == TK_WORD && x->t[i].h == gaz_word_hash(f[k], strlen(f[k]))) {
			*gender = GAZ_G_FEMALE;
			return 1;
		}
	}
	for (k = 0; k < 4; k++)
		if (x->t[i].type == TK_WORD && x->t[i].h == gaz_word_hash(n[k], strlen(n[k]))) {
			*gender = GAZ_G_NONE;
			return 2;
		}
	return 0;
}

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

/* The most recent entity before token t of a person of gender g (pers) or of
 * an organisation or country (!pers). */
static int32_t
recent(const struct actx *x, size_t t, int pers, int g)
{
	long i = ment_before(x, t), stop = i - 400;
	int32_t either = -1;

	for (; i >= 0 && i > stop; i--) {
		const struct ment *m = &x->m[i];
		enum ent_kind k;

		if (m->ent < 0 || m->addressee)
			continue;
		k = ner_kind(x, (size_t)m->ent);
		if (pers && k == ENT_PERSON) {
			int eg = x->e[m->ent].gender;

			if (eg == g)
				return m->ent;
			if (either < 0 && (eg == GAZ_G_NONE || eg == GAZ_G_EITHER))
				either = m->ent;
		} else if (!pers && (k == ENT_COMPANY || k == ENT_AGENCY || k == ENT_ORG ||
		                     k == ENT_COUNTRY)) {
			return m->ent;
		}
	}
	return either;
}

/* Resolves the words [a, b) naming a speaker to an entity, or -1. */
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
			if (e < 0)
				e = me;
		}
	}
	if (e >= 0)
		return e;
	for (k = a; k < b; k++)
		if ((pr = is_pronoun(x, k, &g)) != 0)
			return recent(x, a, pr == 1, g);
	for (k = a; k + 1 < b; k++)
		if (tok_is(x, k, "the") && tok_is(x, k + 1, "government"))
			for (long i = ment_before(x, a); i >= 0; i--)
				if (x->m[i].ent >= 0 &&
				    ner_kind(x, (size_t)x->m[i].ent) == ENT_COUNTRY)
					return x->m[i].ent;
	return -1;
}

/* The noun phrase right before token v (walking back over also/has/will),
 * stopping at punctuation or the sentence start: [*a, *b). */
static int
np_before(const struct actx *x, size_t v, size_t lo, size_t *a, size_t *b)
{
	size_t k = v;

	while (k > lo && (roles(x, k - 1) & GAZ_AUX) && (x->t[k - 1].flags & TF_LOWER))
		k--;
	*b = k;
	while (k > lo && x->t[k - 1].sent == x->t[v].sent &&
	       (x->t[k - 1].type == TK_WORD || x->t[k - 1].type == TK_POSS ||
	        x->t[k - 1].type == TK_NUM || is_punct(x, k - 1, '&') ||
	        (is_punct(x, k - 1, '(') || is_punct(x, k - 1, ')'))) &&
	       !(x->t[k - 1].flags & TF_INQUOTE) && *b - k < 10)
		k--;
	/* "Micron said" in "..., and Micron said": only the words after a conjunction */
	for (size_t j = *b; j > k; j--)
		if (tok_is(x, j - 1, "and") || tok_is(x, j - 1, "but") ||
		    tok_is(x, j - 1, "that") || tok_is(x, j - 1, "which") ||
		    tok_is(x, j - 1, "while") || tok_is(x, j - 1, "as")) {
			k = j;
			break;
		}
	*a = k;
	return *a < *b;
}

/* The subject of "X, APPOSITION, said": the apposition when it names an
 * entity, else the name before it ("Tomas Vell, the union's leader, said"). */
static int
appos_subject(const struct actx *x, size_t v, size_t lo, size_t *a, size_t *b)
{
	size_t c2 = v - 1, c1, s1;

	if (v == 0 || v <= lo || !is_punct(x, v - 1, ','))
		return 0;
	for (c1 = c2; c1 > lo && c2 - c1 < 14 && !is_punct(x, c1 - 1, ','); c1--)
		;
	if (c1 == c2)
		return 0;
	if (ner_entity_in(x, c1, c2) >= 0) {
		*a = c1;
		*b = c2;
		return 1;
	}
	if (c1 <= lo || !is_punct(x, c1 - 1, ','))
		return 0;
	for (s1 = c1 - 1; s1 > lo && c1 - s1 < 12 && !is_punct(x, s1 - 1, ','); s1--)
		;
	if (ner_entity_in(x, s1, c1 - 1) < 0)
		return 0;
	*a = s1;
	*b = c1 - 1;
	return 1;
}

/* The noun phrase after token v ("said Jane Doe, the ...") up to punctuation: [*a, *b). */
static int
np_after(const struct actx *x, size_t v, size_t hi, size_t *a, size_t *b)
{
	size_t k = v + 1;

	*a = k;
	while (k < hi && k < x->nt && x->t[k].sent == x->t[v].sent &&
	       (x->t[k].type == TK_WORD || x->t[k].type == TK_POSS || is_punct(x, k, '&')) &&
	       !(roles(x, k) & GAZ_SPEECH) && !tok_is(x, k, "that") && !tok_is(x, k, "on") &&
	       !tok_is(x, k, "in") && !tok_is(x, k, "who") && k - v < 9)
		k++;
	*b = k;
	return *a < *b;
}

/* Length of the speech cue at i ("according to" is two), or 0. */
static size_t
cue_len(const struct actx *x, size_t i)
{
	if (i >= x->nt || (x->t[i].flags & TF_INQUOTE))
		return 0;
	if (tok_is(x, i, "according"))
		return tok_is(x, i + 1, "to") ? 2 : 0;
	if (!(roles(x, i) & GAZ_SPEECH))
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
	     tok_is(x, i - 1, "such") || tok_is(x, i - 1, "of")))
		return 0;
	return 1;
}

/* Marks the one spoken to: "told Reuters", "in a statement to CNN",
 * "in an interview with the BBC", "speaking to reporters". */
static void
mark_addressees(struct actx *x)
{
	size_t i, k;

	for (i = 0; i + 1 < x->nt; i++) {
		size_t at = 0;

		if ((roles(x, i) & GAZ_TELL) && !(x->t[i].flags & TF_INQUOTE))
			at = i + 1;
		else if ((tok_is(x, i, "to") || tok_is(x, i, "with")) && i > 0 &&
		         (tok_is(x, i - 1, "statement") || tok_is(x, i - 1, "interview") ||
		          tok_is(x, i - 1, "remarks") || tok_is(x, i - 1, "comments") ||
		          tok_is(x, i - 1, "speaking") || tok_is(x, i - 1, "spoke") ||
		          tok_is(x, i - 1, "talking") || tok_is(x, i - 1, "statements")))
			at = i + 1;
		if (at == 0)
			continue;
		if (tok_is(x, at, "the"))
			at++;
		for (k = at; k < x->nt && k < at + 2; k++)
			if (x->t[k].ment >= 0) {
				x->m[x->t[k].ment].addressee = 1;
				break;
			}
	}
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

/* The subject of the clause a participle cue hangs on ("China ..., saying"):
 * the last name or pronoun before v that opens the sentence or follows a comma. */
static int
clause_subject(const struct actx *x, size_t v, size_t *a, size_t *b)
{
	size_t k, s0 = v, best_a = 0, best_b = 0;
	int found = 0, g;

	while (s0 > 0 && x->t[s0 - 1].sent == x->t[v].sent)
		s0--;
	for (k = s0; k < v; k++) {
		size_t j = k;

		if (k != s0 && !is_punct(x, k - 1, ','))
			continue;
		if (tok_is(x, j, "the") && j + 1 < v)
			j++;
		if ((x->t[j].ment >= 0 && x->m[x->t[j].ment].ent >= 0 &&
		     x->m[x->t[j].ment].t0 == j) ||
		    (x->t[k].ment >= 0 && x->m[x->t[k].ment].ent >= 0)) {
			size_t mi = x->t[j].ment >= 0 ? (size_t)x->t[j].ment : (size_t)x->t[k].ment;

			best_a = x->m[mi].t0;
			best_b = x->m[mi].t1;
			found = 1;
		} else if (is_pronoun(x, j, &g)) {
			best_a = j;
			best_b = j + 1;
			found = 1;
		}
	}
	if (!found) {
		for (k = s0; k < v; k++)
			if (x->t[k].ment >= 0 && x->m[x->t[k].ment].ent >= 0 &&
			    !x->m[x->t[k].ment].addressee) {
				best_a = x->m[x->t[k].ment].t0;
				best_b = x->m[x->t[k].ment].t1;
				found = 1;
				break;
			}
	}
	*a = best_a;
	*b = best_b;
	return found;
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

/* Attributes quotation q: returns 1 when it is a statement. */
static int
attribute_quote(struct actx *x, struct stmt_acc *acc, const struct quote *q, int32_t *last_speaker,
                size_t *last_para)
{
	size_t k, v = NONE, a = 0, b = 0, n = 0, wend, s0;
	int32_t speaker = -1;
	char *stext = NULL, *cue = NULL;
	int found = 0, titlecase = 1;

	if (q->nwords == 0)
		return 0;
	/* after: "...," she said / "...," said the ministry */
	if (q->close != NONE) {
		k = q->close + 1;
		if (is_punct(x, k, ','))
			k++;
		wend = k;
		while (wend < x->nt && wend < k + 10 && x->t[wend].para == x->t[q->close].para &&
		       !(x->t[wend].type == TK_PUNCT && (x->t[wend].flags & TF_SENTEND)) &&
		       x->t[wend].type != TK_QUOTE)
			wend++;
		for (size_t j = k; j < wend && j < k + 7; j++)
			if ((n = cue_len(x, j)) > 0 && !(x->t[j].flags & TF_CUEUSED)) {
				v = j;
				break;
			}
		if (v != NONE) {
			if (v > k && np_before(x, v, k, &a, &b))
				found = 1;
			else if (np_after(x, v + n - 1, wend, &a, &b))
				found = 1;
		}
	}
	/* before: SPEAKER said: "..." / ..., saying it "..." / according to X, "..." */
	if (!found) {
		v = NONE;
		s0 = sent_first(x, q->open);
		for (k = q->open; k > s0 && q->open - k < 14; k--) {
			if (x->t[k - 1].type == TK_QUOTE && (x->t[k - 1].flags & TF_QUSED))
				break;
			if ((n = cue_len(x, k - 1)) > 0 && !(x->t[k - 1].flags & TF_CUEUSED)) {
				v = k - 1;
				break;
			}
			if (tok_is(x, k - 1, "to") && k >= 2 && tok_is(x, k - 2, "according")) {
				v = k - 2;
				n = 2;
				break;
			}
		}
		if (v != NONE && (q->nwords > 2 || q->open - v <= 4)) {
			if (tok_is(x, v, "according")) {
				found = np_after(x, v + 1, q->open, &a, &b);
			} else if (roles(x, v) & GAZ_PARTICIPLE) {
				found = clause_subject(x, v, &a, &b);
			} else {
				found = np_before(x, v, s0, &a, &b);
			}
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
	} else {
		/* no cue: a one- or two-word quotation is a scare quote, a title-case
		 * one a title; a bare quote paragraph after a quote goes on with its speaker */
		for (k = q->t0; k < q->t1; k++)
			if (x->t[k].type == TK_WORD && (x->t[k].flags & TF_LOWER) &&
			    !(roles(x, k) & GAZ_CONNECTOR) && !tok_is(x, k, "the") &&
			    !tok_is(x, k, "a"))
				titlecase = 0;
		if (q->nwords <= 2 || (titlecase && q->nwords <= 8))
			return 0;
		if (q->open == x->pfirst[q->para] && *last_para != NONE &&
		    *last_para + 1 >= q->para && *last_speaker >= 0) {
			speaker = *last_speaker;
		}
	}
	stmt_push(x, acc, speaker, stext, 1, cue, q->para, q->start, q->para_end, q->end);
	*last_speaker = speaker;
	*last_para = q->para_end;
	return 1;
}

/* Finds the clause of reported speech after cue v (+n words): [*a, *b). */
static int
clause_after(const struct actx *x, size_t v, size_t n, size_t *a, size_t *b)
{
	size_t k = v + n, end = sent_last(x, v), j;

	/* "said on Monday that", "told Reuters that": the clause starts after "that" */
	for (j = k; j < end && j < k + 8; j++) {
		if (tok_is(x, j, "that")) {
			k = j + 1;
			break;
		}
		if (x->t[j].type == TK_PUNCT || x->t[j].type == TK_QUOTE)
			break;
	}
	if (j == end || j >= k + 8 || !tok_is(x, k - 1, "that")) {
		static const char *const preps[] = {"in",    "on",   "at",      "during",  "last",
		                                    "this",  "late", "earlier", "after",   "before",
		                                    "from",  "to",   "via",     "through", "when",
		                                    "while", "with", "as",      "for"};

		k = v + n;
		/* "said in a statement." with no "that": nothing reported after the cue */
		for (j = 0; j < sizeof(preps) / sizeof(preps[0]); j++)
			if (tok_is(x, k, preps[j]))
				return 0;
		if (roles(x, v) & GAZ_TELL) { /* told reporters the plan ... */
			if (tok_is(x, k, "the"))
				k++;
			if (k < end && x->t[k].type == TK_WORD)
				k++;
		}
	}
	while (end > k && (x->t[end - 1].type == TK_PUNCT || x->t[end - 1].type == TK_QUOTE))
		end--;
	if (k >= end || x->t[k].type != TK_WORD)
		return 0;
	*a = k;
	*b = end;
	for (j = k; j < end; j++)
		if (x->t[j].flags & TF_INQUOTE)
			return 0; /* a quotation inside: it is the statement */
	return end - k >= 3;
}

static void
reported(struct actx *x, struct stmt_acc *acc)
{
	size_t i, n, a, b, ca, cb, s0, s1, k;
	int found;

	for (i = 0; i < x->nt; i++) {
		if ((n = cue_len(x, i)) == 0 || (x->t[i].flags & TF_CUEUSED))
			continue;
		s0 = sent_first(x, i);
		s1 = sent_last(x, i);
		found = 0;
		if (tok_is(x, i, "according")) {
			/* according to SPEAKER, CLAUSE  /  CLAUSE, according to SPEAKER. */
			if (!np_after(x, i + 1, s1, &a, &b))
				continue;
			if (is_punct(x, b, ',') && b + 1 < s1) {
				ca = b + 1;
				cb = s1;
				while (cb > ca && (x->t[cb - 1].type == TK_PUNCT ||
				                   x->t[cb - 1].type == TK_QUOTE))
					cb--;
				found = cb > ca + 2;
			} else if (i > s0 && is_punct(x, i - 1, ',')) {
				ca = s0;
				cb = i - 1;
				found = cb > ca + 2;
			}
			for (k = ca; found && k < cb; k++)
				if (x->t[k].flags & TF_INQUOTE)
					found = 0;
		} else if (roles(x, i) & GAZ_PARTICIPLE) {
			/* ..., saying CLAUSE: the speaker is the clause's subject */
			if (i == 0 || !is_punct(x, i - 1, ','))
				continue;
			if (!clause_after(x, i, n, &ca, &cb) || !clause_subject(x, i, &a, &b))
				continue;
			found = 1;
		} else {
			size_t tail;
			int np = np_before(x, i, s0, &a, &b) || appos_subject(x, i, s0, &a, &b);

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
				       !tok_is(x, tail, "that"))
					tail++;
				if (tail >= s1 || tail > i + n + 8)
					continue;
				ca = s0;
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
	struct stmt_acc acc = {out, 0};
	int32_t last_speaker = -1;
	size_t i, n, last_para = NONE;

	mark_addressees(x);
	for (i = 0; i < x->nq; i++)
		attribute_quote(x, &acc, &x->q[i], &last_speaker, &last_para);
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
