/* tok.c - the tokenizer: words, numbers, punctuation and quote marks with
 * their byte offsets, sentence boundaries (with an abbreviation list), and the
 * gazetteer entry of each word. Curly quotes, dashes and non-breaking spaces
 * are read as their ASCII kin; the text itself is never changed. One array
 * for the whole article, grown by doubling: nothing is allocated per token. */
#include <string.h>

#include "analysis/ana_int.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

enum cclass { C_SPACE, C_LETTER, C_DIGIT, C_QUOTE, C_DASH, C_PUNCT };

struct ch {
	enum cclass cls;
	uint32_t cp;
	size_t len;
	char ascii; /* the ASCII character it stands for ('"' for “, '-' for –) */
	int upper;  /* for letters: 1 upper case, 0 lower, -1 neither */
	uint16_t qflags;
};

static int
cp_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? 0 : -1;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return 1;
	if (c >= 0xdf && c <= 0xff && c != 0xf7)
		return 0;
	if (c >= 0x100 && c <= 0x17f) {
		/* Latin Extended-A alternates case, with the parity changing twice */
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return c & 1;
		return c == 0x178 ? 1 : !(c & 1);
	}
	if (c >= 0x391 && c <= 0x3a9)
		return 1;
	if (c >= 0x3b1 && c <= 0x3c9)
		return 0;
	if (c >= 0x400 && c <= 0x42f)
		return 1;
	if (c >= 0x430 && c <= 0x45f)
		return 0;
	return -1;
}

static void ch_read_mb(const char *s, size_t n, struct ch *c);

/* Reads the character at s (n > 0 bytes left). */
static inline void
ch_read(const char *s, size_t n, struct ch *c)
{
	unsigned char b = (unsigned char)s[0];

	c->len = 1;
	c->cp = b;
	c->upper = -1;
	c->qflags = 0;
	c->ascii = 0;
	if (b < 0x80) {
		c->ascii = (char)b;
		if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
			c->cls = C_SPACE;
		else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
			c->cls = C_LETTER;
			c->upper = b <= 'Z';
		} else if (b >= '0' && b <= '9')
			c->cls = C_DIGIT;
		else if (b == '"')
			c->cls = C_QUOTE;
		else if (b == '\'') {
			c->cls = C_QUOTE;
			c->qflags = TF_QSINGLE;
		} else if (b == '-')
			c->cls = C_DASH;
		else
			c->cls = C_PUNCT;
		if (b < 0x20 && c->cls != C_SPACE)
			c->cls =
			    C_SPACE; /* other controls separate words and are otherwise ignored */
		return;
	}
	ch_read_mb(s, n, c);
}

/* ch_read for a character that is not ASCII. */
static void
ch_read_mb(const char *s, size_t n, struct ch *c)
{
	c->len = utf8_decode(s, n, &c->cp);
	if (c->len == 0) { /* not UTF-8: one byte of punctuation */
		c->len = 1;
		c->cls = C_PUNCT;
		c->ascii = '*';
		return;
	}
	c->ascii = '*';
	c->cls = C_PUNCT;
	switch (c->cp) {
	case 0xa0:
	case 0x2007:
	case 0x2009:
	case 0x200a:
	case 0x202f:
	case 0x3000:
	case 0x2000:
	case 0x2001:
	case 0x2002:
	case 0x2003:
	case 0x2004:
	case 0x2005:
	case 0x2006:
	case 0x2008:
	case 0x200b:
	case 0x2028:
	case 0x2029:
	case 0x85:
		c->cls = C_SPACE;
		return;
	case 0x201c:
	case 0x201e:
	case 0xab: /* “ „ « */
		c->cls = C_QUOTE;
		c->ascii = '"';
		c->qflags = TF_QOPEN;
		return;
	case 0x201d:
	case 0xbb:
	case 0x201f: /* ” » ‟ */
		c->cls = C_QUOTE;
		c->ascii = '"';
		c->qflags = TF_QCLOSE;
		return;
	case 0x2018:
	case 0x201a:
	case 0x2039:
	case 0x201b: /* ‘ ‚ ‹ ‛ */
		c->cls = C_QUOTE;
		c->ascii = '\'';
		c->qflags = TF_QSINGLE | TF_QOPEN;
		return;
	case 0x2019:
	case 0x203a: /* ’ › */
		c->cls = C_QUOTE;
		c->ascii = '\'';
		c->qflags = TF_QSINGLE | TF_QCLOSE;
		return;
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
		c->cls = C_DASH;
		c->ascii = '-';
		return;
	case 0x2026:
		c->ascii = ';'; /* an ellipsis pauses; it is not taken to end a sentence */
		return;
	}
	if ((c->cp >= 0xa1 && c->cp <= 0xbf) || c->cp == 0xd7 || c->cp == 0xf7 ||
	    (c->cp >= 0x2000 && c->cp <= 0x2bff) || (c->cp >= 0x3000 && c->cp <= 0x303f) ||
	    (c->cp >= 0xfe30 && c->cp <= 0xfe4f) || (c->cp >= 0xff00 && c->cp <= 0xff0f) ||
	    c->cp == 0xfffd || (c->cp >= 0x1f000 && c->cp <= 0x1faff))
		return;
	c->cls = C_LETTER;
	c->upper = cp_upper(c->cp);
}

static struct tok *
tok_push(struct actx *x)
{
	struct tok *t;

	if (x->nt == x->capt) {
		x->capt = x->capt ? x->capt * 2 : 1024; /* most articles fit */
		x->t = xreallocarray(x->t, x->capt, sizeof(*x->t));
	}
	t = &x->t[x->nt++];
	memset(t, 0, sizeof(*t));
	t->ment = -1;
	return t;
}

static int
is_alnum(const struct ch *c)
{
	return c->cls == C_LETTER || c->cls == C_DIGIT;
}

/* Returns 1 when "Name-word" at [i, h) + [a, ...) stands for the name and a
 * word of its own: the word is a known suffix (US-based, Paris-made) or the
 * name is in capitals (UK-listed), but not Jean-Luc or Ji-hoon. */
static int
hyph_splits(const char *s, size_t n, size_t i, size_t h, size_t a)
{
	const struct gaz_entry *g;
	size_t e = a, k;
	int caps = 1;
	struct ch c;

	for (k = i; k < h; k++)
		if (s[k] >= 'a' && s[k] <= 'z')
			caps = 0;
	if (caps && h - i >= 2)
		return 1;
	while (e < n) {
		ch_read(s + e, n - e, &c);
		if (c.cls != C_LETTER)
			break;
		e += c.len;
	}
	g = gaz_get(gaz_seq_hash(GAZ_SEED, gaz_word_hash(s + a, e - a)));
	return g != NULL && (g->roles & GAZ_HYPHSUFFIX);
}

#define TOK_FNV_PRIME 0x100000001b3ull

/* Returns the end of the word starting at i (s[i] a letter or digit; numeric
 * when a digit) and sets *hyph_split when it stops before "-lowercase" after a
 * capitalised part. When the word is all ASCII, *ascii is set and *hash is its
 * gaz_word_hash, computed on the way. */
static size_t
word_end(const char *s, size_t n, size_t i, int numeric, int *hyph_split, int *nupper, int *nlower,
         uint64_t *hash, int *ascii)
{
	struct ch c, d, e;
	int first_upper = -2;
	size_t j = i;
	unsigned char b;
	uint64_t h = 0xcbf29ce484222325ull;

	*hyph_split = 0;
	*nupper = *nlower = 0;
	*ascii = 1;
	while (j < n) {
		b = (unsigned char)s[j];
		if (b >= 'a' && b <= 'z') { /* the common case, without decoding */
			if (first_upper == -2)
				first_upper = 0;
			++*nlower;
			h = (h ^ b) * TOK_FNV_PRIME;
			j++;
			continue;
		}
		if ((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
			if (first_upper == -2)
				first_upper = b <= '9' ? -1 : 1;
			*nupper += b >= 'A';
			h = (h ^ (b >= 'A' ? b + ('a' - 'A') : b)) * TOK_FNV_PRIME;
			j++;
			continue;
		}
		/* only these ASCII characters may go on a word */
		if (b < 0x80 && b != '\'' && b != '-' && b != '.' && b != ',' && b != ':' &&
		    b != '&')
			break;
		ch_read(s + j, n - j, &c);
		if (is_alnum(&c)) {
			if (first_upper == -2)
				first_upper = c.upper;
			*nupper += c.upper == 1;
			*nlower += c.upper == 0;
			j += c.len;
			*ascii = 0; /* a letter read by ch_read is not ASCII */
			continue;
		}
		if (j + c.len >= n)
			break;
		ch_read(s + j + c.len, n - j - c.len, &d);
		if (c.cls == C_QUOTE && (c.qflags & TF_QSINGLE) && d.cls == C_LETTER) {
			/* possessive 's ends the word; other apostrophes stay inside */
			if ((d.cp == 's' || d.cp == 'S') && j + c.len + 1 < n) {
				ch_read(s + j + c.len + 1, n - j - c.len - 1, &e);
				if (!is_alnum(&e))
					break;
			} else if ((d.cp == 's' || d.cp == 'S') && j + c.len + 1 == n)
				break;
		} else if (c.cls == C_DASH && (c.cp == '-' || c.cp == 0x2010)) {
			if (!is_alnum(&d))
				break;
			if (first_upper == 1 && d.upper == 0 && !numeric &&
			    hyph_splits(s, n, i, j, j + c.len)) {
				*hyph_split = 1;
				break;
			}
		} else if (!((c.ascii == '.' || (numeric && (c.ascii == ',' || c.ascii == ':'))) &&
		             is_alnum(&d) && (c.ascii == '.' || d.cls == C_DIGIT)) &&
		           !(c.ascii == '&' && d.cls == C_LETTER && d.upper == 1 &&
		             first_upper == 1))
			break;
		/* the mark stays inside the word */
		if (c.len == 1)
			h = (h ^ (unsigned char)s[j]) * TOK_FNV_PRIME; /* ' - . , : & */
		else
			*ascii = 0;
		j += c.len;
	}
	if (numeric && j < n && s[j] == '%') {
		h = (h ^ '%') * TOK_FNV_PRIME;
		j++;
	}
	*hash = h;
	return j;
}

static void
tok_para(struct actx *x, size_t p)
{
	const char *s = x->d->paras[p].text;
	size_t n = strlen(s), i = 0, j, first = x->nt;
	int space = 1, hsplit = 0, upper, lower, ascii;
	uint64_t h;
	struct ch c, d;
	struct tok *t;

	while (i < n) {
		if (s[i] == ' ') { /* the commonest character, read without ch_read */
			if (x->nt > first)
				x->t[x->nt - 1].flags |= TF_SPA;
			space = 1;
			i++;
			continue;
		}
		ch_read(s + i, n - i, &c);
		if (c.cls == C_SPACE) {
			if (x->nt > first)
				x->t[x->nt - 1].flags |= TF_SPA;
			space = 1;
			i += c.len;
			continue;
		}
		t = tok_push(x);
		t->para = (uint32_t)p;
		t->start = (uint32_t)i;
		if (space)
			t->flags |= TF_SPB;
		space = 0;
		if (is_alnum(&c)) {
			j = word_end(s, n, i, c.cls == C_DIGIT, &hsplit, &upper, &lower, &h,
			             &ascii);
			if (!ascii)
				h = gaz_word_hash(s + i, j - i);
			t->type = c.cls == C_DIGIT ? TK_NUM : TK_WORD;
			/* a period that belongs to the word: initials, U.S., Mr., Inc. */
			if (j < n && s[j] == '.' && t->type == TK_WORD) {
				uint64_t hd = ascii ? (h ^ '.') * TOK_FNV_PRIME
				                    : gaz_word_hash(s + i, j + 1 - i);
				const struct gaz_entry *g = gaz_get(gaz_seq_hash(GAZ_SEED, hd));
				size_t k;
				int dotted = 0;

				for (k = i; k < j; k++)
					dotted |= s[k] == '.';
				/* "no." is an abbreviation only before a number */
				if (g != NULL && (g->roles & GAZ_COMMON) &&
				    !(j + 2 < n && s[j + 1] == ' ' && s[j + 2] >= '0' &&
				      s[j + 2] <= '9'))
					g = NULL;
				if ((g != NULL && (g->roles & GAZ_ABBREV)) || dotted ||
				    (c.upper == 1 && j - i == c.len)) {
					j++;
					h = hd;
					t->flags |= TF_ABBR;
				}
			}
			t->end = (uint32_t)j;
			t->h = h;

			if (c.upper == 1)
				t->flags |= TF_CAP;
			else if (c.upper == 0)
				t->flags |= TF_LOWER;
			if (upper >= 2 && lower == 0)
				t->flags |= TF_UPPER;
			if (t->type == TK_WORD)
				t->g = gaz_get(gaz_seq_hash(GAZ_SEED, t->h));
			i = j;
			if (hsplit) {
				/* "US-based": the hyphen is skipped, the rest is a new word */
				ch_read(s + i, n - i, &d);
				i += d.len;
			}
			continue;
		}
		if (c.cls == C_QUOTE && (c.qflags & TF_QSINGLE) && i + c.len < n &&
		    (s[i + c.len] == 's' || s[i + c.len] == 'S') && x->nt >= 2 &&
		    !(t->flags & TF_SPB) && x->t[x->nt - 2].type == TK_WORD &&
		    (i + c.len + 1 == n ||
		     (ch_read(s + i + c.len + 1, n - i - c.len - 1, &d), !is_alnum(&d)))) {
			t->type = TK_POSS;
			t->end = (uint32_t)(i + c.len + 1);
			i = t->end;
			continue;
		}
		t->end = (uint32_t)(i + c.len);
		t->ch = c.ascii;
		t->h = gaz_word_hash(s + i, c.len);
		if (c.cls == C_QUOTE) {
			t->type = TK_QUOTE;
			t->flags |= c.qflags;
		} else {
			t->type = TK_PUNCT;
			/* three periods are an ellipsis, not three sentence ends */
			if (c.ascii == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
				t->ch = ';';
				j = i;
				while (j < n && s[j] == '.')
					j++;
				t->end = (uint32_t)j;
			}
		}
		i = t->end;
	}
	if (x->nt > first) {
		x->t[first].flags |= TF_PSTART;
		x->t[x->nt - 1].flags |= TF_SPA;
	}
}

/* Returns 1 when the token after the closers following i starts a new sentence. */
static int
sentence_ends(const struct actx *x, size_t i, size_t end)
{
	size_t k = i + 1;

	while (k < end && ((x->t[k].type == TK_QUOTE && !(x->t[k].flags & TF_SPB)) ||
	                   (x->t[k].type == TK_PUNCT && x->t[k].ch == ')')))
		k++;
	if (k >= end)
		return 1;
	if (!(x->t[k].flags & TF_SPB))
		return 0;
	return (x->t[k].flags & TF_CAP) || x->t[k].type == TK_NUM || x->t[k].type == TK_QUOTE;
}

static void
tok_sentences(struct actx *x)
{
	size_t p, i, end;
	uint32_t sent = 0;
	int start, open, dashed;

	for (p = 0; p < x->d->npara; p++) {
		end = x->pfirst[p + 1];
		start = 1;
		open = 0;
		dashed = 0;
		for (i = x->pfirst[p]; i < end; i++) {
			struct tok *t = &x->t[i];

			t->sent = sent;
			open = 1;
			if (start && (t->type == TK_WORD || t->type == TK_NUM)) {
				t->flags |= TF_SSTART;
				start = 0;
			}
			/* a capital after an opening quote, a colon or a dateline's dash
			 * ("BRUSSELS, Dec 9 (Wirenews) - Negotiations") says nothing */
			if ((t->type == TK_QUOTE && (t->flags & TF_SPB)) ||
			    (t->type == TK_PUNCT && t->ch == ':') ||
			    (t->type == TK_PUNCT && t->ch == '-' && (t->flags & TF_SPB) &&
			     i < x->pfirst[p] + 14 && (x->t[x->pfirst[p]].flags & TF_UPPER) &&
			     !dashed)) {
				start = 1;
				dashed |= t->ch == '-';
			} else if (t->type == TK_WORD || t->type == TK_NUM)
				start = 0;
			if (t->type == TK_PUNCT && (t->ch == '.' || t->ch == '!' || t->ch == '?') &&
			    sentence_ends(x, i, end)) {
				t->flags |= TF_SENTEND;
				while (i + 1 < end &&
				       ((x->t[i + 1].type == TK_QUOTE &&
				         !(x->t[i + 1].flags & TF_SPB)) ||
				        (x->t[i + 1].type == TK_PUNCT && x->t[i + 1].ch == ')')))
					x->t[++i].sent = sent;
				sent++;
				start = 1;
				open = 0;
			} else if (t->type == TK_WORD && (t->flags & TF_ABBR) && t->g != NULL &&
			           !(t->g->roles & (GAZ_HONORIFIC | GAZ_TITLE)) && i + 1 < end &&
			           x->t[i + 1].type == TK_WORD && (x->t[i + 1].flags & TF_CAP) &&
			           x->t[i + 1].g != NULL && (x->t[i + 1].g->roles & GAZ_COMMON)) {
				/* "... Acme Inc. The company": the abbreviation's period ends it */
				t->flags |= TF_SENTEND;
				sent++;
				start = 1;
				open = 0;
			}
		}
		if (open)
			sent++;
	}
	x->nsent = sent;
}

void
tok_run(struct actx *x)
{
	size_t p, n4 = 0, cap4 = 0, i;

	x->pfirst = xcalloc(x->d->npara + 1, sizeof(*x->pfirst));
	for (p = 0; p < x->d->npara; p++) {
		x->pfirst[p] = (uint32_t)x->nt;
		tok_para(x, p);
	}
	x->pfirst[x->d->npara] = (uint32_t)x->nt;
	tok_sentences(x);
	/* a headline in title case says nothing about which words are names */
	if (x->d->npara > 0)
		for (i = x->pfirst[0]; i < x->pfirst[1]; i++)
			if (x->t[i].type == TK_WORD && x->t[i].end - x->t[i].start >= 4) {
				n4++;
				cap4 += (x->t[i].flags & TF_CAP) != 0;
			}
	x->title_case_headline = n4 >= 3 && cap4 * 10 >= n4 * 7;
}

const char *
tok_text(const struct actx *x, size_t i)
{
	return x->d->paras[x->t[i].para].text + x->t[i].start;
}

size_t
tok_len(const struct actx *x, size_t i)
{
	return x->t[i].end - x->t[i].start;
}

const struct gaz_entry *
tok_gaz(const struct actx *x, size_t i, size_t n)
{
	uint64_t h = GAZ_SEED;
	size_t k;

	for (k = i; k < i + n && k < x->nt; k++)
		h = gaz_seq_hash(h, x->t[k].h);
	return gaz_get(h);
}
