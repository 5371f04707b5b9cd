/* utf8.c - UTF-8 decoding by hand: it is a few branches, and the decoder must
 * reject exactly what RFC 3629 rejects, which the C library's mbrtowc does only
 * in a UTF-8 locale. */
#include "util/utf8.h"

#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		c = u[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return 0;
			i++;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

char *
utf8_repair(const char *s, size_t n, size_t *nbad)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k, bad = 0, run;
	uint32_t cp;

	buf_add(&b, "", 0);
	while (i < n) {
		run = i;
		while (run < n && (unsigned char)s[run] < 0x80 && s[run] != '\0')
			run++;
		if (run > i) {
			buf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		if (s[i] != '\0' && (k = utf8_decode(s + i, n - i, &cp)) != 0) {
			buf_add(&b, s + i, k);
			i += k;
			continue;
		}
		buf_add(&b, "\xef\xbf\xbd", 3);
		bad++;
		i++;
	}
	if (nbad != NULL)
		*nbad = bad;
	return buf_detach(&b);
}

static int
utf8_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

char *
utf8_sanitize(const char *s, int keep_newlines)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	buf_add(&b, "", 0);
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_add(&b, "\xef\xbf\xbd", 3);
			i++;
			continue;
		}
		if (cp == '\t' || (cp == '\n' && !keep_newlines))
			buf_addc(&b, ' ');
		else if (cp == '\n')
			buf_addc(&b, '\n');
		else if (!utf8_is_unsafe(cp))
			buf_add(&b, s + i, k);
		i += k;
	}
	return buf_detach(&b);
}
