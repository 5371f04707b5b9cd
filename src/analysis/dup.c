/* dup.c - paragraphs that repeat an earlier one, as when a syndicated story is
 * pasted twice. Compared after white space is collapsed and quote marks and
 * dashes are made ASCII, by hash, so that the cost stays linear. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Writes the normalised form of s (n bytes) to out, which has room for n
 * bytes; returns its length. */
static size_t
dup_norm(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0, l;
	int space = 0;
	uint32_t cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint64_t w, sp;

		/* eight bytes at once when they are printable ASCII with single spaces
		 * between words, none at either end: they stay as they are */
		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			sp = w ^ 0x2020202020202020ull; /* a zero byte for each space */
			sp = ~(((sp & 0x7f7f7f7f7f7f7f7full) + 0x7f7f7f7f7f7f7f7full) | sp |
			       0x7f7f7f7f7f7f7f7full); /* its high bit set for each space */
			if ((w & 0x8080808080808080ull) == 0 &&
			    ((w + 0x6060606060606060ull) & 0x8080808080808080ull) ==
			        0x8080808080808080ull && /* no byte below ' ' */
			    (sp & 0x8000000000000080ull) == 0 &&
			    (sp & (sp << 8)) == 0) {
				if (space)
					out[o++] = ' ';
				space = 0;
				memcpy(out + o, &w, 8);
				o += 8;
				i += 8;
				continue;
			}
		}
		if (c > ' ' && c < 0x80) { /* most bytes: printable ASCII, kept as they are */
			if (space)
				out[o++] = ' ';
			space = 0;
			out[o++] = (char)c;
			i++;
			continue;
		}
		if (c == ' ') {
			space = o > 0;
			i++;
			continue;
		}
		l = 1;
		cp = c;
		if (c >= 0x80 && (l = utf8_decode(s + i, n - i, &cp)) == 0) {
			l = 1;
			cp = c;
		}
		switch (cp) {
		case ' ':
		case '\t':
		case '\n':
		case '\r':
		case '\f':
		case '\v':
		case 0xa0:
		case 0x2007:
		case 0x2009:
		case 0x200a:
		case 0x202f:
		case 0x3000:
			space = o > 0;
			i += l;
			continue;
		case 0x201c:
		case 0x201d:
		case 0x201e:
		case 0x201f:
		case 0xab:
		case 0xbb:
			cp = '"';
			break;
		case 0x2018:
		case 0x2019:
		case 0x201a:
		case 0x201b:
		case 0x2039:
		case 0x203a:
			cp = '\'';
			break;
		case 0x2010:
		case 0x2011:
		case 0x2012:
		case 0x2013:
		case 0x2014:
		case 0x2015:
			cp = '-';
			break;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		if (cp < 0x80)
			out[o++] = (char)cp;
		else {
			memcpy(out + o, s + i, l);
			o += l;
		}
		i += l;
	}
	return o;
}

/* Hashes eight bytes at a time: equal hashes are compared byte by byte, so
 * this only has to spread paragraphs over the table. */
static uint64_t
dup_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ull, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xff51afd7ed558ccdull;
	return h ^ (h >> 32);
}

void
dup_mark(struct doc *d)
{
	size_t cap = 16, i, j, len, total = 0, *lens, *offs, *slot;
	uint64_t *hs;
	char *norm;

	if (d->npara < 3)
		return;
	while (cap < d->npara * 2)
		cap *= 2;
	/* one block for the tables, one for the text: two allocations an article */
	lens = xcalloc(d->npara * 2 + cap, sizeof(size_t));
	offs = lens + d->npara;
	slot = offs + d->npara; /* paragraph index, 0 = empty (the headline is never in it) */
	hs = xcalloc(d->npara, sizeof(*hs));
	for (i = 1; i < d->npara; i++) {
		lens[i] = strlen(d->paras[i].text);
		total += lens[i];
	}
	norm = xmalloc(total + 1); /* one buffer: no allocation per paragraph */
	for (i = 1, total = 0; i < d->npara; i++) {
		d->paras[i].dup_of = -1;
		offs[i] = total;
		len = dup_norm(d->paras[i].text, lens[i], norm + total);
		lens[i] = len;
		total += len;
		if (len == 0)
			continue;
		hs[i] = dup_hash(norm + offs[i], len);
		for (j = hs[i] & (cap - 1); slot[j] != 0; j = (j + 1) & (cap - 1)) {
			size_t k = slot[j];

			if (hs[k] == hs[i] && lens[k] == len &&
			    memcmp(norm + offs[k], norm + offs[i], len) == 0) {
				d->paras[i].dup_of = (int)k;
				break;
			}
		}
		if (slot[j] == 0)
			slot[j] = i;
	}
	free(norm);
	free(lens);
	free(hs);
}
